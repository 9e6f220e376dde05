// The plan's charts, drawn by the core (the same pictures the CLI and reports use).
import { api } from "../api";
import { t } from "../i18n";
import type { ChartKind } from "../api/bindings/ChartKind";
import { h, replace, svgElement } from "../dom";
import type { Screen } from "../router";
import { allProjects } from "../stores/filter";
import { session } from "../stores/session";

const PLAN_CHARTS: { kind: ChartKind; alt: string }[] = [
  { kind: "budget_by_focus_area", get alt() { return t("charts.budgetByFocusAreaAnd"); } },
  { kind: "funding_by_source", get alt() { return t("charts.fundingBySource"); } },
  { kind: "funding_by_partner_kind", get alt() { return t("charts.fundingByKindOfPartner"); } },
  { kind: "projects_by_status", get alt() { return t("charts.projectsByStatus"); } },
];

function chartImage(svg: string, alt: string, testid: string) {
  return svgElement(svg, alt, { class: "chart", "data-testid": testid });
}

export async function chartsScreen(): Promise<Screen> {
  const overview = session.overview;
  if (!overview) throw new Error("a plan is open");
  const planId = overview.plan.id;
  const charts = await Promise.all(PLAN_CHARTS.map((c) => api.planChart(planId, c.kind)));
  const grid = h(
    "div",
    { class: "chart-grid" },
    PLAN_CHARTS.map((c, i) => h("figure", { class: "card" }, chartImage(charts[i], c.alt, `chart-${c.kind}`))),
  );

  // KPI charts: pick a project, then one of its KPIs.
  const rows = await api.listProjects(planId, allProjects());
  const kpiFigure = h("figure", { class: "kpi-figure" });
  const kpiSelect = h("select", { "aria-label": t("charts.kpi"), "data-testid": "kpi-select" });
  const showKpi = async (projectId: number, index: number) => {
    const project = await api.getProject(projectId);
    const kpi = project.kpis[index];
    replace(kpiFigure, kpi ? chartImage(await api.kpiChart(projectId, index), `${project.code}: ${kpi.name}`, "kpi-chart") : h("p", { class: "hint" }, t("charts.thisProjectHasNoKpi")));
  };
  const fillKpis = async (projectId: number) => {
    const project = await api.getProject(projectId);
    replace(
      kpiSelect,
      project.kpis.map((k, i) => h("option", { value: String(i) }, `${k.name} (${k.unit})`)),
    );
    await showKpi(projectId, 0);
  };
  const projectSelect = h(
    "select",
    {
      "aria-label": t("charts.project"),
      "data-testid": "kpi-project",
      onchange: (e: Event) => void fillKpis(Number((e.target as HTMLSelectElement).value)),
    },
    rows.map((r) => h("option", { value: String(r.id) }, `${r.code} ${r.title}`)),
  );
  kpiSelect.addEventListener("change", () => void showKpi(Number(projectSelect.value), Number(kpiSelect.value)));
  if (rows.length > 0) await fillKpis(rows[0].id);

  return {
    el: h(
      "div",
      { class: "screen charts", "data-testid": "charts" },
      h("div", { class: "screen-head" }, h("h1", {}, t("charts.charts"))),
      grid,
      h(
        "div",
        { class: "card" },
        h("h2", {}, t("charts.kpiTargets")),
        rows.length === 0
          ? h("p", { class: "hint" }, t("charts.addProjectsWithKpisTo"))
          : h("div", { class: "inline-form" }, projectSelect, kpiSelect),
        kpiFigure,
      ),
    ),
  };
}
