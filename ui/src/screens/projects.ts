// The plan's projects as a table: sort by a column, filter by focus area, sector, status and
// year, search text. Filtering and sorting happen in the core; this screen only asks and shows.
import { api } from "../api";
import type { ProjectRow } from "../api/bindings/ProjectRow";
import type { ProjectSort } from "../api/bindings/ProjectSort";
import { toast } from "../components/toast";
import { undoEdit } from "../components/history";
import { filterBar } from "../components/filterBar";
import { t } from "../i18n";
import { h, replace } from "../dom";
import { go, type Screen } from "../router";
import { clearFilter, filter } from "../stores/filter";
import {
  focusAreaName,
  formatCompact,
  formatMoney,
  sectorName,
  session,
  statusLabel, setOverview } from "../stores/session";

/** Opens the table showing only the projects of one focus area. */
export function showFocusArea(code: string): Promise<void> {
  clearFilter();
  filter.focus_area = code;
  return go({ name: "projects" });
}

/** The columns: their headings' catalog keys (none for the delete buttons') and sort. */
const COLUMNS: { key: string | null; sort: ProjectSort | null }[] = [
  { key: "projects.colCode", sort: "code" },
  { key: "projects.colTitle", sort: "title" },
  { key: "projects.colFocusArea", sort: "focus_area" },
  { key: "projects.colSectors", sort: null },
  { key: "projects.colStart", sort: "start_year" },
  { key: "projects.colEnd", sort: "end_year" },
  { key: "projects.colStatus", sort: "status" },
  { key: "projects.colLead", sort: "lead_agency" },
  { key: "projects.colBudget", sort: null },
  { key: null, sort: null },
];

export async function projectsScreen(): Promise<Screen> {
  const overview = session.overview;
  if (!overview) throw new Error("a plan is open");
  const planId = overview.plan.id;

  const tbody = h("tbody", {});
  const count = h("span", { class: "count", "data-testid": "project-count" });
  let rows: ProjectRow[] = [];
  let selected = 0;

  const headRow = h("tr", {});
  const renderHead = () =>
    replace(
      headRow,
      COLUMNS.map((c) => {
        const label = c.key === null ? "" : t(c.key);
        if (!c.sort) return h("th", { scope: "col" }, label);
        const sort = c.sort;
        const active = filter.sort === sort;
        return h(
          "th",
          {
            scope: "col",
            "aria-sort": active ? (filter.descending ? "descending" : "ascending") : "none",
          },
          h(
            "button",
            {
              class: "sort",
              onclick: () => {
                filter.descending = active ? !filter.descending : false;
                filter.sort = sort;
                renderHead();
                void refresh();
              },
            },
            label,
            active ? (filter.descending ? " ▼" : " ▲") : "",
          ),
        );
      }),
    );

  const moveSelection = (index: number) => {
    selected = Math.max(0, Math.min(index, rows.length - 1));
    tbody.querySelectorAll("tr").forEach((tr, i) => tr.classList.toggle("selected", i === selected));
    tbody.querySelectorAll("tr")[selected]?.focus();
  };

  const remove = async (row: ProjectRow) => {
    await api.deleteProject(row.id);
    toast(t("projects.deleted", { title: row.title }), {
      action: { label: t("projects.undo"), run: () => void undoEdit() },
    });
    await refresh();
  };

  const renderRows = () => {
    replace(
      tbody,
      rows.map((r, i) =>
        h(
          "tr",
          {
            tabindex: 0,
            class: i === selected ? "selected" : "",
            "data-testid": "project-row",
            "data-id": r.id,
            onclick: () => void go({ name: "project", id: r.id }),
            onfocus: () => {
              selected = i;
            },
          },
          h("td", { class: "code" }, r.code),
          h("td", { class: "title" }, r.title),
          h(
            "td",
            { class: "area" },
            h("span", { class: `fa-chip fa-${r.primary_focus_area}`, title: focusAreaName(r.primary_focus_area) }, r.primary_focus_area),
            " ",
            focusAreaName(r.primary_focus_area),
          ),
          h("td", { class: "sectors" }, r.sectors.map(sectorName).join(", ")),
          h("td", { class: "num" }, r.start_year === null ? "—" : String(r.start_year)),
          h("td", { class: "num" }, r.end_year === null ? "—" : String(r.end_year)),
          h("td", {}, h("span", { class: `status status-${r.status}` }, statusLabel(r.status))),
          h("td", {}, r.lead_agency),
          h(
            "td",
            { class: "num", title: r.budget.length === 0 ? t("projects.noFunding") : r.budget.map((a) => `${formatMoney(a.value)} ${a.currency}`).join(" + ") },
            r.budget.length === 0 ? "—" : r.budget.map((a) => `${a.currency} ${formatCompact(a.value)}`).join(" + "),
          ),
          h(
            "td",
            {},
            h(
              "button",
              {
                class: "icon danger-text",
                title: t("projects.deleteTitle"),
                "aria-label": t("projects.deleteLabel", { title: r.title }),
                "data-testid": "delete-project",
                onclick: (e: Event) => {
                  e.stopPropagation();
                  void remove(r);
                },
              },
              "✕",
            ),
          ),
        ),
      ),
    );
    const total = session.overview?.project_count ?? rows.length;
    replace(
      count,
      rows.length === total ? t("projects.count", { count: total }) : t("projects.shown", { shown: rows.length, count: total }),
    );
    if (rows.length === 0) {
      replace(
        tbody,
        h(
          "tr",
          {},
          h(
            "td",
            { colspan: COLUMNS.length, class: "empty" },
            total === 0 ? t("projects.empty") : t("projects.noMatch"),
          ),
        ),
      );
    }
  };

  const refresh = async () => {
    setOverview(await api.planOverview(planId));
    rows = await api.listProjects(planId, filter);
    selected = Math.min(selected, Math.max(rows.length - 1, 0));
    renderRows();
  };

  const { el: filters, search } = filterBar(
    () => void refresh(),
    () => void go({ name: "projects" }),
  );

  renderHead();
  const el = h(
    "div",
    { class: "screen projects", "data-testid": "projects" },
    h("div", { class: "screen-head row" }, h("h1", {}, t("projects.projects")), count),
    filters,
    h("div", { class: "table-wrap" }, h("table", { class: "grid", "data-testid": "projects-table" }, h("thead", {}, headRow), tbody)),
  );
  await refresh();

  return {
    el,
    onKey: (event) => {
      const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
      if ((event.ctrlKey && event.key.toLowerCase() === "f") || (event.key === "/" && !typing)) {
        search.focus();
        search.select();
        return true;
      }
      if (typing) return false;
      if (event.key === "ArrowDown") {
        moveSelection(selected + 1);
        return true;
      }
      if (event.key === "ArrowUp") {
        moveSelection(selected - 1);
        return true;
      }
      const row = rows[selected];
      if (row && event.key === "Enter") {
        void go({ name: "project", id: row.id });
        return true;
      }
      if (row && event.key === "Delete") {
        void remove(row);
        return true;
      }
      return false;
    },
  };
}
