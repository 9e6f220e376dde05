// The plan's projects as a table: sort by a column, filter by focus area, sector, status and
// year, search text. Filtering and sorting happen in the core; this screen only asks and shows.
import { api } from "../api";
import type { ProjectFilter } from "../api/bindings/ProjectFilter";
import type { ProjectId } from "../api/bindings/ProjectId";
import type { ProjectRow } from "../api/bindings/ProjectRow";
import type { ProjectSort } from "../api/bindings/ProjectSort";
import type { ProjectStatus } from "../api/bindings/ProjectStatus";
import { toast } from "../components/toast";
import { debounce, h, replace } from "../dom";
import { go, type Screen } from "../router";
import {
  focusAreaName,
  formatCompact,
  formatMoney,
  PROJECT_STATUSES,
  reference,
  sectorName,
  session,
  statusLabel, setOverview } from "../stores/session";

// Kept across visits, so coming back from the editor shows the same view.
const filter: ProjectFilter = {
  focus_area: null,
  sector: null,
  status: null,
  year: null,
  text: null,
  sort: "code",
  descending: false,
};

/** Opens the table showing only the projects of one focus area. */
export function showFocusArea(code: string): Promise<void> {
  Object.assign(filter, { focus_area: code, sector: null, status: null, year: null, text: null });
  return go({ name: "projects" });
}

/** The last deleted project, for Ctrl+Z and the toast's Undo. */
let lastDeleted: { id: ProjectId; title: string } | null = null;

const COLUMNS: { label: string; sort: ProjectSort | null }[] = [
  { label: "Code", sort: "code" },
  { label: "Title", sort: "title" },
  { label: "Focus area", sort: "focus_area" },
  { label: "Sectors", sort: null },
  { label: "Start", sort: "start_year" },
  { label: "End", sort: "end_year" },
  { label: "Status", sort: "status" },
  { label: "Lead agency", sort: "lead_agency" },
  { label: "Budget", sort: null },
  { label: "", sort: null },
];

function select(
  label: string,
  testid: string,
  options: { value: string; label: string }[],
  current: string | null,
  onChange: (value: string | null) => void,
) {
  return h(
    "select",
    {
      "aria-label": label,
      "data-testid": testid,
      onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value || null),
    },
    h("option", { value: "" }, `All ${label.toLowerCase()}`),
    options.map((o) => h("option", { value: o.value, selected: o.value === current }, o.label)),
  );
}

async function undoDelete(refresh: () => Promise<void>): Promise<void> {
  if (!lastDeleted) return;
  const { id, title } = lastDeleted;
  lastDeleted = null;
  await api.restoreProject(id);
  toast(`Restored “${title}”`);
  await refresh();
}

export async function projectsScreen(): Promise<Screen> {
  const overview = session.overview;
  if (!overview) throw new Error("a plan is open");
  const planId = overview.plan.id;
  const ref = reference();
  const years: number[] = [];
  for (let y = overview.plan.period_start; y <= overview.plan.period_end; y++) years.push(y);

  const tbody = h("tbody", {});
  const count = h("span", { class: "count", "data-testid": "project-count" });
  let rows: ProjectRow[] = [];
  let selected = 0;

  const headRow = h("tr", {});
  const renderHead = () =>
    replace(
      headRow,
      COLUMNS.map((c) => {
        if (!c.sort) return h("th", { scope: "col" }, c.label);
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
            c.label,
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
    lastDeleted = { id: row.id, title: row.title };
    toast(`Deleted “${row.title}”`, {
      action: { label: "Undo", run: () => void undoDelete(refresh) },
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
          h("td", { class: "num" }, r.start_year),
          h("td", { class: "num" }, r.end_year),
          h("td", {}, h("span", { class: `status status-${r.status}` }, statusLabel(r.status))),
          h("td", {}, r.lead_agency),
          h(
            "td",
            { class: "num", title: r.budget.map((a) => `${formatMoney(a.value)} ${a.currency}`).join(" + ") },
            r.budget.map((a) => `${a.currency} ${formatCompact(a.value)}`).join(" + "),
          ),
          h(
            "td",
            {},
            h(
              "button",
              {
                class: "icon danger-text",
                title: "Delete (can be undone)",
                "aria-label": `Delete ${r.title}`,
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
    replace(count, rows.length === total ? `${total} projects` : `${rows.length} of ${total} projects`);
    if (rows.length === 0) {
      replace(
        tbody,
        h(
          "tr",
          {},
          h(
            "td",
            { colspan: COLUMNS.length, class: "empty" },
            total === 0 ? "No projects yet. Add the first with “+ New project” (Ctrl+N)." : "No project matches these filters.",
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

  const search = h("input", {
    type: "search",
    class: "search",
    placeholder: "Search code, title, description, agency…  ( / )",
    "aria-label": "Search projects",
    "data-testid": "project-search",
    value: filter.text ?? "",
  });
  const searchSoon = debounce(() => {
    filter.text = search.value.trim() || null;
    void refresh();
  }, 200);
  search.addEventListener("input", searchSoon);

  const clearButton = h(
    "button",
    {
      class: "subtle",
      onclick: () => {
        Object.assign(filter, { focus_area: null, sector: null, status: null, year: null, text: null });
        void go({ name: "projects" });
      },
    },
    "Clear filters",
  );

  renderHead();
  const el = h(
    "div",
    { class: "screen projects", "data-testid": "projects" },
    h("div", { class: "screen-head row" }, h("h1", {}, "Projects"), count),
    h(
      "div",
      { class: "filters" },
      search,
      select(
        "Focus areas",
        "filter-focus-area",
        ref.focus_areas.map((f) => ({ value: f.code, label: `${f.code} ${f.name}` })),
        filter.focus_area,
        (v) => {
          filter.focus_area = v;
          void refresh();
        },
      ),
      select(
        "Sectors",
        "filter-sector",
        ref.sectors.map((s) => ({ value: s.code, label: s.name })),
        filter.sector,
        (v) => {
          filter.sector = v;
          void refresh();
        },
      ),
      select("Statuses", "filter-status", PROJECT_STATUSES, filter.status, (v) => {
        filter.status = v as ProjectStatus | null;
        void refresh();
      }),
      select(
        "Years",
        "filter-year",
        years.map((y) => ({ value: String(y), label: String(y) })),
        filter.year === null ? null : String(filter.year),
        (v) => {
          filter.year = v === null ? null : Number(v);
          void refresh();
        },
      ),
      clearButton,
    ),
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
      if (event.ctrlKey && !event.shiftKey && event.key.toLowerCase() === "z" && !typing) {
        void undoDelete(refresh);
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
