// Search box and focus-area, sector, status and year filters over the shared filter.
import type { ProjectStatus } from "../api/bindings/ProjectStatus";
import { debounce, h } from "../dom";
import { t } from "../i18n";
import { clearFilter, filter } from "../stores/filter";
import { localName, PROJECT_STATUSES, reference, session } from "../stores/session";

function select(
  label: string,
  all: string,
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
    h("option", { value: "" }, all),
    options.map((o) => h("option", { value: o.value, selected: o.value === current }, o.label)),
  );
}

/** The filter controls; `changed` runs after each change, `cleared` after "Clear filters". */
export function filterBar(changed: () => void, cleared: () => void): { el: HTMLElement; search: HTMLInputElement } {
  const ref = reference();
  const plan = session.overview?.plan;
  const years: number[] = [];
  for (let y = plan?.period_start ?? 2018; y <= (plan?.period_end ?? 2025); y++) years.push(y);

  const search = h("input", {
    type: "search",
    class: "search",
    placeholder: t("filters.search"),
    "aria-label": t("filters.searchLabel"),
    "data-testid": "project-search",
    value: filter.text ?? "",
  });
  const searchSoon = debounce(() => {
    filter.text = search.value.trim() || null;
    changed();
  }, 200);
  search.addEventListener("input", searchSoon);

  const el = h(
    "div",
    { class: "filters" },
    search,
    select(
      t("filters.focusAreas"),
      t("filters.allFocusAreas"),
      "filter-focus-area",
      ref.focus_areas.map((f) => ({ value: f.code, label: `${f.code} ${localName(f)}` })),
      filter.focus_area,
      (v) => {
        filter.focus_area = v;
        changed();
      },
    ),
    select(
      t("filters.sectors"),
      t("filters.allSectors"),
      "filter-sector",
      ref.sectors.map((s) => ({ value: s.code, label: localName(s) })),
      filter.sector,
      (v) => {
        filter.sector = v;
        changed();
      },
    ),
    select(t("filters.statuses"), t("filters.allStatuses"), "filter-status", PROJECT_STATUSES, filter.status, (v) => {
      filter.status = v as ProjectStatus | null;
      changed();
    }),
    select(
      t("filters.years"),
      t("filters.allYears"),
      "filter-year",
      years.map((y) => ({ value: String(y), label: String(y) })),
      filter.year === null ? null : String(filter.year),
      (v) => {
        filter.year = v === null ? null : Number(v);
        changed();
      },
    ),
    h(
      "button",
      {
        class: "subtle",
        onclick: () => {
          clearFilter();
          cleared();
        },
      },
      t("filters.clear"),
    ),
  );
  return { el, search };
}
