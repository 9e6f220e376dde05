// The readiness check: what the Framework expects that the plan does not have yet, each with a
// jump to where to fix it. The rules are the core's (the CLI's `validate` prints the same).
import { api } from "../api";
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
      h("span", { class: `badge badge-${f.severity}` }, f.severity === "error" ? "Fix before submitting" : "Improve"),
      h("span", { class: "finding-message" }, f.message),
      f.focus_area && !f.project && h("span", { class: "hint" }, ` ${focusAreaName(f.focus_area)}`),
      h(
        "button",
        { class: "link", "data-testid": "finding-fix", onclick: () => void go(placeOf(f)) },
        f.project ? `Open ${f.project}${f.field ? ` at ${f.field.replace(/_/g, " ")}` : ""}` : "Go to fix it",
      ),
    );
  const el = h(
    "div",
    { class: "screen readiness", "data-testid": "readiness" },
    h(
      "div",
      { class: "screen-head" },
      h("h1", {}, "Readiness check"),
      h(
        "p",
        { class: "lead", "data-testid": "readiness-summary" },
        findings.length === 0
          ? "Nothing to fix: the plan meets every rule of the Framework checked here."
          : `${errors} to fix before submitting, ${warnings} to improve.`,
      ),
    ),
    h(
      "p",
      { class: "hint" },
      "Every project needs a primary focus area, a strategic outcome, a lead agency, years inside the plan period, a KPI with a baseline and a target, and a funding source; every chosen focus area needs a project; a bankable project needs a cost estimate; no two projects share a code.",
    ),
    findings.length > 0 && h("ul", { class: "findings" }, findings.map(item)),
  );
  return { el };
}
