// Presentation mode for the workshop's projector: full screen, large type, a title slide, one
// slide per chosen focus area with its projects and its budget chart, and a summary slide.
// ←/→ (or Page Up/Down, Space) move; Escape leaves.
import { api } from "../api";
import { t } from "../i18n";
import type { ProjectRow } from "../api/bindings/ProjectRow";
import { h, replace, svgElement } from "../dom";
import { allProjects } from "../stores/filter";
import { focusAreaName, memberStateName, session, statusLabel, yearsLabel } from "../stores/session";

const PROJECTS_PER_SLIDE = 8;

export async function openPresentation(): Promise<void> {
  const overview = session.overview;
  if (!overview || document.querySelector(".presentation")) return;
  const plan = overview.plan;
  const rows: ProjectRow[] = await api.listProjects(plan.id, allProjects());
  const chosen = plan.focus_areas.length > 0 ? plan.focus_areas.map((f) => f.focus_area) : [...new Set(rows.map((r) => r.primary_focus_area))];
  const title = `${overview.city.name} Smart City Action Plan ${plan.period_start}–${plan.period_end}`;

  const slides: (() => Promise<HTMLElement>)[] = [
    () =>
      Promise.resolve(
        h(
          "section",
          { class: "slide slide-title" },
          h("p", { class: "kicker" }, t("present.aseanSmartCitiesNetwork", { name: memberStateName(overview.member_state.iso3) })),
          h("h1", {}, title),
          plan.vision && h("p", { class: "vision" }, plan.vision),
        ),
      ),
    ...chosen.map((code) => async () => {
      const own = rows.filter((r) => r.primary_focus_area === code);
      const why = plan.focus_areas.find((f) => f.focus_area === code)?.rationale;
      const svg = own.length > 0 ? await api.focusAreaChart(plan.id, code) : null;
      return h(
        "section",
        { class: "slide slide-area", "data-focus-area": code },
        h("h1", {}, focusAreaName(code)),
        why && h("p", { class: "why" }, why),
        h(
          "div",
          { class: "slide-columns" },
          own.length === 0
            ? h("p", {}, t("present.noProjectYet"))
            : h(
                "ul",
                { class: "slide-projects" },
                own.slice(0, PROJECTS_PER_SLIDE).map((p) =>
                  h("li", {}, h("strong", {}, p.code), ` ${p.title}`, h("span", { class: "meta" }, ` ${yearsLabel(p.start_year, p.end_year)} · ${statusLabel(p.status)}`)),
                ),
                own.length > PROJECTS_PER_SLIDE && h("li", { class: "meta" }, t("present.andMore", { value: own.length - PROJECTS_PER_SLIDE })),
              ),
          svg && svgElement(svg, t("present.budgetOfByYear", { value: focusAreaName(code) }), { class: "slide-chart" }),
        ),
      );
    }),
    () =>
      Promise.resolve(
        h(
          "section",
          { class: "slide slide-summary" },
          h("h1", {}, t("present.summary")),
          h(
            "ul",
            { class: "slide-facts" },
            h("li", {}, h("strong", {}, String(overview.project_count)), t("present.projectsIn"), h("strong", {}, String(chosen.length)), t("present.focusAreas")),
            overview.budget.map((a) => h("li", {}, h("strong", {}, t("present.m", { currency: a.currency, value: (a.value / 1e6).toFixed(1) })), " budgeted")),
            h("li", {}, h("strong", {}, String(overview.partner_count)), " partners"),
            h("li", {}, h("strong", {}, String(overview.kpi_count)), t("present.kpisWithBaselinesAndYearly")),
          ),
        ),
      ),
  ];

  let index = 0;
  const stage = h("div", { class: "slide-stage", "data-testid": "slide" });
  const counter = h("div", { class: "slide-counter", "data-testid": "slide-counter" });
  const show = async (i: number) => {
    index = Math.max(0, Math.min(slides.length - 1, i));
    const slide = await slides[index]();
    replace(stage, slide);
    replace(counter, `${index + 1} / ${slides.length}`);
  };
  const close = () => {
    document.removeEventListener("keydown", onKey, true);
    overlay.remove();
    void api.setFullscreen(false);
  };
  const onKey = (event: KeyboardEvent) => {
    const next = ["ArrowRight", "ArrowDown", "PageDown", " "].includes(event.key);
    const previous = ["ArrowLeft", "ArrowUp", "PageUp"].includes(event.key);
    if (!next && !previous && event.key !== "Escape") return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === "Escape") close();
    else void show(index + (next ? 1 : -1));
  };
  const overlay = h(
    "div",
    { class: "presentation", "data-testid": "presentation", role: "dialog", "aria-label": t("present.presentation", { title }) },
    stage,
    h("div", { class: "slide-foot" }, h("span", {}, title), counter, h("span", {}, t("present.toMoveEscToLeave"))),
  );
  document.addEventListener("keydown", onKey, true);
  document.body.appendChild(overlay);
  await api.setFullscreen(true);
  await show(0);
}
