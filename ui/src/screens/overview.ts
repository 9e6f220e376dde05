// The plan at a glance, and its own fields: period, status, vision, chosen focus areas.
// Every change is saved as it is made.
import { api, errorText, isAppError } from "../api";
import type { PlanDraft } from "../api/bindings/PlanDraft";
import type { PlanOverview } from "../api/bindings/PlanOverview";
import type { PlanStatus } from "../api/bindings/PlanStatus";
import { clearFieldErrors, fieldErrorText, showFieldErrors } from "../components/fieldErrors";
import { setSaveStatus } from "../components/saveStatus";
import { debounce, h, replace } from "../dom";
import { go, type Screen } from "../router";
import { showFocusArea } from "./projects";
import { periodLabel, periodsCard } from "./periods";
import { draftOf, formatCompact, localName, localScope, memberStateName, PLAN_STATUSES, reference, regionLanguages, session, setOverview, statusLabel } from "../stores/session";
import { languageName, localText } from "../components/localText";
import type { ProjectStatus } from "../api/bindings/ProjectStatus";
import { t } from "../i18n";

function stat(label: string, value: string, testid: string) {
  return h(
    "div",
    { class: "stat" },
    h("div", { class: "stat-value", "data-testid": testid }, value),
    h("div", { class: "stat-label" }, label),
  );
}

function stats(o: PlanOverview) {
  const budget = o.budget.length
    ? o.budget.map((a) => `${a.currency} ${formatCompact(a.value)}`).join(" + ")
    : "—";
  return [
    stat(t("overview.statProjects"), String(o.project_count), "stat-projects"),
    stat(t("overview.statPartners"), String(o.partner_count), "stat-partners"),
    stat(t("overview.statKpis"), String(o.kpi_count), "stat-kpis"),
    stat(t("overview.statBudget"), budget, "stat-budget"),
  ];
}

/** The open plan's overview screen; `opened` is its overview when opening the plan has just read
 * it, else it is read. */
export async function overviewScreen(opened: PlanOverview | null = null): Promise<Screen> {
  const current = session.overview;
  if (!current) throw new Error("a plan is open");
  const o = opened?.plan.id === current.plan.id ? opened : await api.planOverview(current.plan.id);
  setOverview(o);
  const plan = o.plan;
  const counts = new Map(o.by_focus_area.map((c) => [c.code, c.count]));

  const periodStart = h("input", {
    id: "period-start",
    type: "number",
    value: String(plan.period_start),
    "data-field": "period_start",
  });
  const periodEnd = h("input", {
    id: "period-end",
    type: "number",
    value: String(plan.period_end),
    "data-field": "period_end",
  });
  const status = h(
    "select",
    { id: "plan-status", "data-field": "status" },
    PLAN_STATUSES.map((s) => h("option", { value: s.value, selected: s.value === plan.status }, s.label)),
  );
  const vision = h("textarea", {
    id: "vision",
    rows: 4,
    "data-field": "vision",
    "data-testid": "vision",
    placeholder: t("overview.visionPlaceholder"),
    value: plan.vision,
  });
  const visionText = localText(vision, t("overview.vision"), "vision", plan.vision_local, plan.languages);
  // The languages the plan is written in besides English: its own, ticked, first; then the
  // others of the network's member states.
  const offered = [...plan.languages, ...regionLanguages().filter((l) => !plan.languages.includes(l))];
  const languageBoxes = offered.map((tag) =>
    h("input", { type: "checkbox", value: tag, checked: plan.languages.includes(tag), "data-testid": `plan-language-${tag}` }),
  );
  // Folded: each language's own name is in its script, whose font loads only when shown.
  const languagesField = h(
    "details",
    { class: "field plan-languages", "data-field": "languages" },
    h(
      "summary",
      { "data-testid": "plan-languages" },
      `${t("local.planLanguages")}: ${plan.languages.map(languageName).join(", ") || "—"}`,
    ),
    h("p", { class: "hint" }, t("local.planLanguagesHint")),
    h(
      "div",
      { class: "checks" },
      languageBoxes.map((box) => h("label", { class: "check", lang: box.value }, box, languageName(box.value))),
    ),
  );

  const areaRows = reference().focus_areas.map((area) => {
    const chosen = plan.focus_areas.find((f) => f.focus_area === area.code);
    const checkbox = h("input", {
      type: "checkbox",
      id: `fa-${area.code}`,
      checked: chosen !== undefined,
      "data-testid": `choose-${area.code}`,
    });
    const rationale = h("textarea", {
      rows: 2,
      id: `why-${area.code}`,
      placeholder: t("overview.rationalePlaceholder"),
      value: chosen?.rationale ?? "",
      "data-testid": `rationale-${area.code}`,
    });
    const rationaleText = localText(
      rationale,
      t("overview.why", { area: localName(area) }),
      `why-${area.code}`,
      chosen?.rationale_local,
      plan.languages,
    );
    const rationaleInputs = [...rationaleText.el.querySelectorAll<HTMLTextAreaElement>("textarea")];
    for (const input of rationaleInputs) input.disabled = chosen === undefined;
    checkbox.addEventListener("change", () => {
      for (const input of rationaleInputs) input.disabled = !checkbox.checked;
      if (checkbox.checked) rationale.focus();
    });
    const count = counts.get(area.code) ?? 0;
    const card = h(
      "div",
      { class: "focus-card field", "data-area": area.code },
      h(
        "div",
        { class: "focus-head" },
        checkbox,
        h("label", { for: `fa-${area.code}`, title: area.name }, h("span", { class: `fa-chip fa-${area.code}` }, area.code), localName(area)),
        h(
          "button",
          {
            class: "link",
            onclick: () => void showFocusArea(area.code),
            title: t("overview.showProjects", { area: localName(area) }),
            "data-testid": `projects-of-${area.code}`,
          },
          t("overview.projects", { count }),
        ),
      ),
      h("p", { class: "hint", title: area.scope }, localScope(area)),
      rationaleText.el,
    );
    return { code: area.code, checkbox, rationaleText, card };
  });

  // Context and the outcomes of each focus area are written in guided drafting; kept as they are.
  const draft = (): PlanDraft => ({
    ...draftOf(plan),
    period_start: Number(periodStart.value),
    period_end: Number(periodEnd.value),
    vision: visionText.english(),
    vision_local: visionText.local(),
    languages: languageBoxes.filter((b) => b.checked).map((b) => b.value),
    status: status.value as PlanStatus,
    focus_areas: areaRows
      .filter((r) => r.checkbox.checked)
      .map((r) => ({
        focus_area: r.code,
        rationale: r.rationaleText.english(),
        rationale_local: r.rationaleText.local(),
        outcomes: plan.focus_areas.find((f) => f.focus_area === r.code)?.outcomes ?? [],
      })),
  });

  const statsEl = h("div", { class: "stats" }, stats(o));
  const form = h(
    "div",
    { class: "screen overview", "data-testid": "overview" },
    h(
      "div",
      { class: "screen-head" },
      h("h1", {}, t("overview.title", { city: o.city.name, start: plan.period_start, end: plan.period_end })),
      h("p", { class: "lead" }, `${memberStateName(o.member_state.iso3)} · ${o.city.pilot ? t("overview.pilotCity") : t("overview.city")}`),
    ),
    plan.sample &&
      h(
        "div",
        { class: "banner", role: "note" },
        t("overview.sample"),
      ),
    plan.closed_on &&
      h(
        "div",
        { class: "banner", role: "note", "data-testid": "closed-banner" },
        t("overview.closed", { period: periodLabel(plan.period), date: plan.closed_on }),
      ),
    statsEl,
    h(
      "div",
      { class: "card" },
      h("h2", {}, t("overview.plan")),
      h(
        "div",
        { class: "form-grid three" },
        h("div", { class: "field" }, h("label", { for: "period-start" }, t("overview.periodFrom")), periodStart),
        h("div", { class: "field" }, h("label", { for: "period-end" }, t("overview.to")), periodEnd),
        h("div", { class: "field" }, h("label", { for: "plan-status" }, t("overview.status")), status),
      ),
      visionText.el,
      languagesField,
    ),
    h(
      "div",
      { class: "card" },
      h("h2", {}, t("overview.focusAreas")),
      h("p", { class: "hint" }, t("overview.focusHint")),
      h("div", { class: "focus-grid field", "data-field": "focus_areas" }, areaRows.map((r) => r.card)),
    ),
    periodsCard(),
    o.by_status.length > 0 &&
      h(
        "div",
        { class: "card" },
        h("h2", {}, t("overview.byStatus")),
        h(
          "ul",
          { class: "status-list" },
          o.by_status.map((c) =>
            h("li", {}, h("span", { class: `status status-${c.code}` }, statusLabel(c.code as ProjectStatus)), ` ${c.count}`),
          ),
        ),
      ),
  );

  // A closed plan takes only final progress reports: its own fields are shown, not edited.
  if (plan.closed_on) {
    for (const field of form.querySelectorAll<HTMLInputElement>("input, textarea, select")) field.disabled = true;
  }

  let saving = Promise.resolve();
  /** The plan's version the form was built on: a save refuses a plan changed since. */
  let base = plan.version;
  /** Typing not yet saved (or refused): the screen is not redrawn under it. */
  let dirty = false;
  const save = () => {
    saving = saving.then(async () => {
      setSaveStatus("saving");
      try {
        const updated = await api.updatePlan(plan.id, draft(), base);
        base = updated.plan.version;
        dirty = false;
        setOverview(updated);
        clearFieldErrors(form);
        replace(statsEl, stats(updated));
        setSaveStatus("saved");
      } catch (error) {
        if (isAppError(error) && error.fields.length > 0) {
          showFieldErrors(form, error.fields);
          setSaveStatus("invalid", error.fields.map(fieldErrorText).join("; "));
        } else {
          setSaveStatus("failed", errorText(error));
        }
      }
    });
  };
  const saveSoon = debounce(save, 500);
  form.addEventListener("input", () => {
    dirty = true;
    saveSoon();
  });
  form.addEventListener("change", (event) => {
    dirty = true;
    saveSoon.cancel();
    save();
    // Another language: the fields gain or lose an input for it.
    if (languageBoxes.includes(event.target as HTMLInputElement)) void saving.then(() => go({ name: "overview" }));
  });

  return {
    el: form,
    isDirty: () => dirty,
    leave: async () => {
      saveSoon.flush();
      await saving;
      return true;
    },
  };
}
