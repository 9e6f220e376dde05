// The plan by focus area and year (each project a bar over its years, coloured by status) and
// by sector and focus area (counts and budget). Same filters as the projects table.
import { api } from "../api";
import { t } from "../i18n";
import type { SectorMap } from "../api/bindings/SectorMap";
import { filterBar } from "../components/filterBar";
import { h, replace } from "../dom";
import { go, type Screen } from "../router";
import { filter } from "../stores/filter";
import {
  focusAreaName,
  formatCompact,
  PROJECT_STATUSES,
  reference,
  sectorName,
  session,
  statusLabel,
  yearsLabel,
} from "../stores/session";

function timeline(map: SectorMap): HTMLElement {
  const columns = `220px repeat(${map.years.length}, minmax(0, 1fr))`;
  const header = h(
    "div",
    { class: "timeline-head" },
    h("div", {}, t("sectorMap.focusArea")),
    map.years.map((y) => h("div", { class: "year" }, String(y))),
  );
  header.style.gridTemplateColumns = columns;
  const rows = map.rows.map((row) => {
    const grid = h(
      "div",
      { class: "timeline-row", "data-area": row.focus_area },
      h(
        "div",
        { class: "timeline-label" },
        h("span", { class: `fa-chip fa-${row.focus_area}` }, row.focus_area),
        ` ${focusAreaName(row.focus_area)}`,
        h("span", { class: "hint" }, ` ${row.bars.length}`),
      ),
    );
    grid.style.gridTemplateColumns = columns;
    const label = grid.firstElementChild as HTMLElement;
    label.style.gridRow = `1 / span ${Math.max(row.bars.length, 1)}`;
    for (const bar of row.bars) {
      // A year not set spans to the period's edge; neither set, the whole row, marked as such.
      const firstYear = map.years[0];
      const lastYear = map.years[map.years.length - 1];
      const unset = bar.start_year === null || bar.end_year === null;
      const first = Math.max(bar.start_year ?? firstYear, firstYear) - firstYear + 2;
      const last = Math.min(bar.end_year ?? lastYear, lastYear) - firstYear + 3;
      const years = yearsLabel(bar.start_year, bar.end_year);
      const el = h(
        "button",
        {
          class: `bar status-${bar.status}${unset ? " bar-unset" : ""}`,
          title: `${bar.code} ${bar.title} · ${years} · ${statusLabel(bar.status)}`,
          "data-testid": "timeline-bar",
          "data-project": bar.project_id,
          onclick: () => void go({ name: "project", id: bar.project_id }),
        },
        h("span", { class: "bar-code" }, bar.code),
        ` ${bar.title}`,
        unset && h("span", { class: "bar-years" }, ` · ${years}`),
      );
      el.style.gridColumn = `${first} / ${last}`;
      grid.appendChild(el);
    }
    if (row.bars.length === 0) {
      const empty = h("div", { class: "hint timeline-empty" }, t("sectorMap.noProjects"));
      empty.style.gridColumn = `2 / ${map.years.length + 2}`;
      grid.appendChild(empty);
    }
    return grid;
  });
  return h("div", { class: "timeline", "data-testid": "timeline" }, header, rows);
}

function sectorTable(map: SectorMap): HTMLElement {
  const areas = reference().focus_areas.filter((a) => map.sectors.some((c) => c.focus_area === a.code));
  const sectors = [...new Set(map.sectors.map((c) => c.sector))];
  const money = (v: number) => (map.currency ? `${map.currency} ${formatCompact(v)}` : "");
  const cell = (sector: string, area: string) => map.sectors.find((c) => c.sector === sector && c.focus_area === area);
  return h(
    "table",
    { class: "grid matrix", "data-testid": "sector-table" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, t("sectorMap.sector")),
        areas.map((a) => h("th", { scope: "col" }, h("span", { class: `fa-chip fa-${a.code}` }, a.code), ` ${a.name}`)),
        h("th", { scope: "col" }, t("sectorMap.total")),
      ),
    ),
    h(
      "tbody",
      {},
      sectors.map((sector) => {
        const row = map.sectors.filter((c) => c.sector === sector);
        return h(
          "tr",
          {},
          h("th", { scope: "row" }, sector ? sectorName(sector) : t("sectorMap.noSector")),
          areas.map((a) => {
            const c = cell(sector, a.code);
            return h(
              "td",
              { class: c ? "num" : "num empty-cell" },
              c ? [h("div", { class: "count" }, t("sectorMap.projects", { count: c.projects })), h("div", { class: "hint" }, money(c.budget))] : "",
            );
          }),
          h(
            "td",
            { class: "num total" },
            h("div", {}, `${row.reduce((n, c) => n + c.projects, 0)}`),
            h("div", { class: "hint" }, money(row.reduce((n, c) => n + c.budget, 0))),
          ),
        );
      }),
    ),
  );
}

export async function sectorMapScreen(): Promise<Screen> {
  const overview = session.overview;
  if (!overview) throw new Error("a plan is open");
  const body = h("div", {});
  const note = h("p", { class: "hint" });
  const refresh = async () => {
    const map = await api.sectorMap(overview.plan.id, filter);
    replace(
      note,
      map.other_currency_lines > 0
        ? t("sectorMap.budgetsInFundingLinesIn", { currency: map.currency, other_currency_lines: map.other_currency_lines })
        : t("sectorMap.aProjectSBudgetIs"),
    );
    replace(
      body,
      h(
        "div",
        { class: "card" },
        h("h2", {}, t("sectorMap.timelineByFocusArea")),
        h(
          "div",
          { class: "status-legend", "aria-label": t("sectorMap.barColours") },
          PROJECT_STATUSES.map((st) => h("span", { class: `status status-${st.value}` }, st.label)),
        ),
        timeline(map),
      ),
      h("div", { class: "card" }, h("h2", {}, t("sectorMap.sectorsByFocusArea")), note, h("div", { class: "table-wrap" }, sectorTable(map))),
    );
  };
  const { el: filters, search } = filterBar(
    () => void refresh(),
    () => void go({ name: "sector-map" }),
  );
  await refresh();
  return {
    el: h(
      "div",
      { class: "screen sector-map", "data-testid": "sector-map" },
      h("div", { class: "screen-head" }, h("h1", {}, t("sectorMap.sectorMap"))),
      filters,
      body,
    ),
    onKey: (event) => {
      const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
      if ((event.ctrlKey && event.key.toLowerCase() === "f") || (event.key === "/" && !typing)) {
        search.focus();
        return true;
      }
      return false;
    },
  };
}
