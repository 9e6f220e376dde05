// The ASEAN Secretariat's monitoring, in the national view of the whole network: import its table
// of the network's projects (No., Country, City, Project, Focus Area, Status), write its yearly
// M&E report, and see the years written so far side by side. Counts and charts are the core's.
import { api, chooseFile, errorText, isAppError } from "../api";
import { fieldErrorText, fieldPlace } from "../components/fieldErrors";
import { t, worded } from "../i18n";
import type { MeImport } from "../api/bindings/MeImport";
import type { Said } from "../api/bindings/Said";
import type { MeTrend } from "../api/bindings/MeTrend";
import { promptDialog } from "../components/dialog";
import { toast } from "../components/toast";
import { zawgyiNotice } from "../components/zawgyiOffer";
import { h, replace, svgElement } from "../dom";
import { reference, workspaceFolder } from "../stores/session";
import { periodLabel } from "./periods";

/** A note or change the core reports, in the interface's language. */
function said(s: Said): string {
  return worded(s.message, s.key, s.values);
}

function importSummary(result: MeImport): HTMLElement {
  const verb = result.applied ? t("monitoring.imported") : t("monitoring.importingAdds");
  return h(
    "div",
    { "data-testid": result.applied ? "me-imported" : "me-preview" },
    h(
      "p",
      { "data-testid": "me-summary" },
      t("monitoring.newProjectsChangesTheStatus", { verb, added: t("count.newProjects", { count: result.added }), changed: result.changed, unchanged: result.unchanged, value: periodLabel(result.period), cities: t("count.cities", { count: result.cities.length }) }),
    ),
    result.changes.length > 0 &&
      h("details", { open: true }, h("summary", {}, t("monitoring.statusChanges", { count: result.changes.length })), h("ul", {}, result.changes.map((c) => h("li", { "data-testid": "me-change" }, said(c))))),
    result.notes.map((n) => h("p", { class: "hint" }, said(n))),
    h(
      "table",
      { class: "grid" },
      h("thead", {}, h("tr", {}, [t("monitoring.city"), t("monitoring.country"), t("monitoring.new"), t("monitoring.statusChanged"), t("monitoring.unchanged"), ""].map((t) => h("th", {}, t)))),
      h(
        "tbody",
        {},
        result.cities.map((c) =>
          h(
            "tr",
            { "data-testid": "me-city" },
            h("th", { scope: "row" }, c.city),
            h("td", {}, c.country),
            h("td", { class: "num" }, String(c.added)),
            h("td", { class: "num" }, String(c.changed)),
            h("td", { class: "num" }, String(c.unchanged)),
            h("td", { class: "hint" }, [c.new_city && t("monitoring.newCity"), c.new_plan && t("monitoring.newPlan")].filter(Boolean).join(", ")),
          ),
        ),
      ),
    ),
    result.cities.some((c) => c.new_city) &&
      h("p", { class: "hint" }, t("monitoring.citiesNewToTheWorkspace")),
  );
}

function problems(error: unknown): HTMLElement {
  if (!isAppError(error)) return h("p", { class: "field-error" }, String(error));
  return h(
    "div",
    { "data-testid": "me-errors" },
    h("p", { class: "field-error" }, error.fields.length > 0 ? t("monitoring.nothingWasImportedFixThese", { problems: t("count.problems", { count: error.fields.length }) }) : errorText(error)),
    h("ul", { class: "error-list" }, error.fields.map((f) => h("li", {}, h("code", {}, fieldPlace(f.field)), ` ${fieldErrorText(f)}`))),
  );
}

/** Choose the Secretariat's table, see what importing it does, import it (all or nothing). */
function openImportDialog(done: () => void): void {
  const path = h("input", { placeholder: t("monitoring.theSecretariatSTableXlsx"), "aria-label": t("monitoring.tableFile"), "data-testid": "me-path" });
  const period = h(
    "select",
    { "aria-label": t("monitoring.planPeriod"), "data-testid": "me-period" },
    h("option", { value: "" }, t("monitoring.plansOfThePeriodOf")),
    reference().periods.map((p) => h("option", { value: p.code }, t("monitoring.plansOf", { value: periodLabel(p.code) }))),
  );
  const result = h("div", { class: "dialog-scroll" });
  const importButton = h("button", { class: "primary", "data-testid": "me-apply", disabled: true }, t("monitoring.import"));
  let imported = false;
  // Burmese in Zawgyi is converted unless the user says to keep it as the table has it.
  const convertZawgyi = h("input", { type: "checkbox", checked: true, "data-testid": "import-zawgyi-convert" });
  convertZawgyi.addEventListener("change", () => void run(false));
  const close = () => {
    backdrop.remove();
    if (imported) done();
  };
  const run = async (apply: boolean) => {
    importButton.disabled = true;
    try {
      const { import: outcome, zawgyi } = await api.importMeTable(
        path.value.trim(),
        period.value === "" ? null : period.value,
        apply,
        convertZawgyi.checked,
      );
      replace(result, zawgyiNotice(zawgyi, convertZawgyi), importSummary(outcome));
      if (apply) {
        imported = true;
        toast(t("monitoring.importedAddedChangedStatus", { added: outcome.added, changed: outcome.changed }));
      } else {
        importButton.disabled = outcome.added + outcome.changed === 0;
      }
    } catch (error) {
      replace(result, problems(error));
    }
  };
  importButton.addEventListener("click", () => void run(true));
  path.addEventListener("keydown", (e) => {
    if (e.key === "Enter") void run(false);
  });
  period.addEventListener("change", () => {
    if (path.value.trim() !== "") void run(false);
  });
  const backdrop = h(
    "div",
    { class: "backdrop" },
    h(
      "div",
      { class: "dialog wide", role: "dialog", "aria-label": t("monitoring.importTheSecretariatSTable"), "data-testid": "me-dialog" },
      h("h2", {}, t("monitoring.importTheSecretariatSTable")),
      h(
        "p",
        { class: "hint" },
        t("monitoring.theListsOfTheNetwork"),
      ),
      h(
        "div",
        { class: "inline-form" },
        path,
        h(
          "button",
          {
            onclick: async () => {
              const file = await chooseFile(t("monitoring.theSecretariatSTable"), ["xlsx", "csv"]);
              if (file) {
                path.value = file;
                await run(false);
              }
            },
          },
          t("monitoring.choose"),
        ),
        period,
        h("button", { "data-testid": "me-check", onclick: () => void run(false) }, t("monitoring.check")),
      ),
      result,
      h("div", { class: "dialog-buttons" }, h("button", { onclick: close, "data-testid": "me-close" }, t("monitoring.close")), importButton),
    ),
  );
  document.body.appendChild(backdrop);
  path.focus();
}

function trendTable(trend: MeTrend): HTMLElement {
  const areas = trend.years[trend.years.length - 1]?.by_focus_area ?? [];
  return h(
    "table",
    { class: "grid", "data-testid": "me-trend" },
    h("thead", {}, h("tr", {}, [t("monitoring.year"), t("monitoring.projects"), t("monitoring.ongoing"), t("monitoring.completed"), t("monitoring.underPlanning")].map((t) => h("th", {}, t)), areas.map((a) => h("th", { title: a.name }, h("span", { class: `fa-chip fa-${a.code}` }, a.code))))),
    h(
      "tbody",
      {},
      trend.years.map((y) =>
        h(
          "tr",
          { "data-testid": "me-trend-year" },
          h("th", { scope: "row" }, String(y.year)),
          [y.projects, y.ongoing, y.completed, y.under_planning].map((n) => h("td", { class: "num" }, String(n))),
          areas.map((a) => h("td", { class: "num" }, String(y.by_focus_area.find((s) => s.code === a.code)?.projects ?? 0))),
        ),
      ),
    ),
  );
}

/** The Secretariat's panel: import, write a year's report, the years written side by side. */
export async function monitoringPanel(refresh: () => void): Promise<HTMLElement> {
  const trend = await api.meTrend();
  const lastYear = new Date().getFullYear() - 1;
  const year = h("input", { type: "number", value: String(lastYear), min: "2018", "aria-label": t("monitoring.yearOfTheReport"), "data-testid": "me-year", class: "year-input" });
  const writeButton = h("button", { "data-testid": "me-write" }, t("monitoring.writeTheMEReport"));
  writeButton.addEventListener("click", async () => {
    const folder = await promptDialog({
      title: t("monitoring.mEReport", { value: year.value }),
      message: t("monitoring.theReportPdfSpreadsheetAnd"),
      placeholder: t("monitoring.folder"),
      value: workspaceFolder(),
      confirm: t("monitoring.writeTheReport"),
    });
    if (!folder) return;
    writeButton.disabled = true;
    replace(writeButton, t("monitoring.writingTheReport"));
    try {
      const files = await api.writeMeReport(Number(year.value), folder);
      toast(t("monitoring.written", { value: files.map((f) => f.split(/[\\/]/).pop()).join(", ") }));
      refresh();
    } catch (error) {
      toast(errorText(error));
    } finally {
      writeButton.disabled = false;
      replace(writeButton, t("monitoring.writeTheMEReport"));
    }
  });
  return h(
    "section",
    { class: "me-panel", "data-testid": "me-panel" },
    h(
      "div",
      { class: "row" },
      h("h2", { class: "section" }, t("monitoring.monitoringEvaluationYearByYear")),
      h("div", { class: "spacer" }),
      h("button", { "data-testid": "me-import", onclick: () => openImportDialog(refresh) }, t("monitoring.importTheSecretariatSTable2")),
      year,
      writeButton,
    ),
    trend.years.length === 0
      ? h("p", { class: "hint", "data-testid": "me-trend-empty" }, t("monitoring.noMEReportWritten"))
      : [
          h("div", { class: "table-wrap" }, trendTable(trend)),
          h(
            "div",
            { class: "chart-grid" },
            h("figure", { class: "card" }, svgElement(trend.by_status, t("monitoring.projectsByStatusYearBy"), { class: "chart", "data-testid": "me-chart-status" })),
            h("figure", { class: "card" }, svgElement(trend.by_focus_area, t("monitoring.projectsByFocusAreaYear"), { class: "chart", "data-testid": "me-chart-areas" })),
          ),
        ],
  );
}
