// Several cities' plans side by side, for the facilitator: load the plans officers export from
// their laptops (Import), tick the cities, read across.
import { api } from "../api";
import { t } from "../i18n";
import type { City } from "../api/bindings/City";
import type { PlanColumn } from "../api/bindings/PlanColumn";
import { openImportDialog } from "../components/importDialog";
import { h, replace } from "../dom";
import type { Screen } from "../router";
import { localName, memberStateName, PLAN_STATUSES, reference } from "../stores/session";

/** Cities ticked in this session of the app. */
const ticked = new Set<number>();

function money(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)} M`;
  return Math.round(value).toLocaleString("en");
}

function table(columns: PlanColumn[]): HTMLElement {
  const row = (label: string, value: (c: PlanColumn) => string | Node, testid?: string) =>
    h("tr", { "data-testid": testid }, h("th", { scope: "row" }, label), columns.map((c) => h("td", {}, value(c))));
  return h(
    "table",
    { class: "grid compare-table", "data-testid": "compare-table" },
    h("thead", {}, h("tr", {}, h("th", {}, ""), columns.map((c) => h("th", { scope: "col" }, c.city, c.sample && " ", c.sample && h("span", { class: "badge badge-sample" }, t("compare.sample")))))),
    h(
      "tbody",
      {},
      row(t("compare.country"), (c) => c.country),
      row(t("compare.status"), (c) => PLAN_STATUSES.find((p) => p.value === c.status)?.label ?? c.status),
      row(t("compare.projects"), (c) => String(c.projects), "compare-projects"),
      reference().focus_areas.map((area, i) =>
        row(`  ${localName(area)}`, (c) => {
          const cell = c.areas[i];
          return h(
            "span",
            { class: cell.chosen ? "chosen" : "not-chosen", title: cell.chosen ? t("compare.chosenFocusArea") : t("compare.notChosen") },
            `${cell.projects} · ${money(cell.budget)}`,
          );
        }),
      ),
      row(t("compare.budget"), (c) => `${c.currency ?? ""} ${money(c.budget)}`),
      row(t("compare.partners"), (c) => String(c.partners)),
      row(t("compare.kpis"), (c) => String(c.kpis)),
      row(t("compare.readiness"), (c) =>
        c.readiness_errors + c.readiness_warnings === 0
          ? "Ready"
          : `${c.readiness_errors} to fix, ${c.readiness_warnings} to improve`,
      ),
    ),
  );
}

export async function compareScreen(): Promise<Screen> {
  const withPlans: City[] = (await api.listCities()).filter((c) => c.has_plan);
  if (ticked.size === 0) for (const c of withPlans.slice(0, 6)) ticked.add(c.id);
  const result = h("div", { class: "table-wrap", "data-testid": "compare-result" });
  const refresh = async () => {
    const ids = withPlans.filter((c) => ticked.has(c.id)).map((c) => c.id);
    if (ids.length === 0) {
      replace(result, h("p", { class: "hint" }, t("compare.tickTheCitiesToCompare")));
      return;
    }
    replace(result, table(await api.comparePlans(ids)));
  };
  const choices = h(
    "div",
    { class: "check-group", "data-testid": "compare-cities" },
    withPlans.map((c) =>
      h(
        "label",
        { class: "check" },
        h("input", {
          type: "checkbox",
          checked: ticked.has(c.id),
          "data-testid": `compare-city-${c.id}`,
          onchange: (e: Event) => {
            if ((e.target as HTMLInputElement).checked) ticked.add(c.id);
            else ticked.delete(c.id);
            void refresh();
          },
        }),
        ` ${c.name} (${memberStateName(c.member_state)})`,
      ),
    ),
  );
  const el = h(
    "div",
    { class: "screen compare", "data-testid": "compare" },
    h(
      "div",
      { class: "screen-head row" },
      h("h1", {}, t("compare.compareCities")),
      h("div", { class: "spacer" }),
      h("button", { onclick: openImportDialog }, t("compare.importACitySPlan")),
    ),
    h(
      "p",
      { class: "hint" },
      t("compare.thePlansInThisWorkspace"),
    ),
    withPlans.length === 0
      ? h("p", {}, t("compare.noCityHasAPlan"))
      : [choices, result],
  );
  await refresh();
  return { el };
}
