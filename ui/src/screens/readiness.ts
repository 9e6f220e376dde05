// The readiness check: what the Framework expects that the plan does not have yet, each with a
// jump to where to fix it. The rules are the core's (the CLI's `validate` prints the same).
import { api } from "../api";
import { findingText } from "../components/finding";
import { t } from "../i18n";
import type { Finding } from "../api/bindings/Finding";
import { h } from "../dom";
import { go, type Route, type Screen } from "../router";
import { focusAreaName, session } from "../stores/session";

/** Where a finding is fixed. */
function placeOf(f: Finding): Route {
  if (f.project_id !== undefined && f.project_id !== null) return { name: "project", id: f.project_id, field: f.field ?? undefined };
  return { name: "guide" };
}

export async function readinessScreen(): Promise<Screen> {
  const overview = session.overview;
  if (!overview) throw new Error("a plan is open");
  const findings = await api.readiness(overview.plan.id);
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  const item = (f: Finding) =>
    h(
      "li",
      { class: `finding finding-${f.severity}`, "data-testid": "finding" },
      h("span", { class: `badge badge-${f.severity}` }, f.severity === "error" ? t("readiness.fixBeforeSubmitting") : t("readiness.improve")),
      h("span", { class: "finding-message" }, findingText(f)),
      f.focus_area && !f.project && h("span", { class: "hint" }, ` ${focusAreaName(f.focus_area)}`),
      h(
        "button",
        { class: "link", "data-testid": "finding-fix", onclick: () => void go(placeOf(f)) },
        f.project ? f.field ? t("readiness.openAt", { project: f.project, field: f.field.replace(/_/g, " ") }) : t("readiness.open", { project: f.project }) : t("readiness.goToFixIt"),
      ),
    );
  const el = h(
    "div",
    { class: "screen readiness", "data-testid": "readiness" },
    h(
      "div",
      { class: "screen-head" },
      h("h1", {}, t("readiness.readinessCheck")),
      h(
        "p",
        { class: "lead", "data-testid": "readiness-summary" },
        findings.length === 0
          ? t("readiness.nothingToFixThePlan")
          : t("readiness.toFixBeforeSubmittingTo", { errors, warnings }),
      ),
    ),
    h(
      "p",
      { class: "hint" },
      t("readiness.everyProjectNeedsAPrimary"),
    ),
    findings.length > 0 && h("ul", { class: "findings" }, findings.map(item)),
  );
  return { el };
}
