// Import a plan file: choose it, see what it holds and every problem in it, then import.
import { api, chooseFile, chooseFolder, errorText } from "../api";
import { fieldErrorText, fieldPlace } from "./fieldErrors";
import { t } from "../i18n";
import type { FieldError } from "../api/bindings/FieldError";
import type { ImportPreview } from "../api/bindings/ImportPreview";
import type { NumberStyle } from "../api/bindings/NumberStyle";
import { h, replace } from "../dom";
import { go } from "../router";
import { session, setOverview } from "../stores/session";
import { diffSummary, diffView } from "./diffView";
import { toast } from "./toast";
import { zawgyiNotice } from "./zawgyiOffer";

const STYLE_LABEL: Record<NumberStyle, string> = {
  decimal_point: "importDialog.decimalPoint",
  decimal_comma: "importDialog.decimalComma",
};

export function openImportDialog(): void {
  importDialog(null);
}

/** The dialog with `file` checked at once: a plan file the app was started with. */
export function previewPlanFile(file: string): void {
  importDialog(file);
}

function importDialog(file: string | null): void {
  if (document.querySelector(".import-dialog")) return;
  const path = h("input", {
    placeholder: t("importDialog.planFileAscfJsonOr"),
    "aria-label": t("importDialog.planFile"),
    "data-testid": "import-path",
  });
  const preview = h("div", { class: "import-preview", "data-testid": "import-preview" });
  const importButton = h("button", { class: "primary", "data-testid": "import-start", disabled: true }, t("importDialog.import"));
  let current: ImportPreview | null = null;
  /** Imports exactly the file that was checked. */
  let currentToken: number | null = null;
  /** Projects a checked spreadsheet would add to the open plan. */
  let tableProjects = 0;
  /** The number style the preview read the spreadsheet with, which the import then uses. */
  let tableStyle: NumberStyle | null = null;
  const numberStyle = h(
    "select",
    { "data-testid": "import-number-choice", "aria-label": t("importDialog.howTheNumbersAreWritten") },
    h("option", { value: "" }, t("importDialog.numbersAsTheFileShows")),
    h("option", { value: "decimal_point" }, t("importDialog.numbers", { decimal_point: t(STYLE_LABEL.decimal_point) })),
    h("option", { value: "decimal_comma" }, t("importDialog.numbers2", { decimal_comma: t(STYLE_LABEL.decimal_comma) })),
  );
  numberStyle.addEventListener("change", () => void look());
  const numberChoice = h("p", { hidden: true }, numberStyle);
  // Burmese in Zawgyi is converted unless the user says to keep it as the file has it.
  const convertZawgyi = h("input", { type: "checkbox", checked: true, "data-testid": "import-zawgyi-convert" });
  convertZawgyi.addEventListener("change", () => void look());
  const isTable = () => /\.(csv|xlsx)$/i.test(path.value.trim());
  const showErrors = (errors: FieldError[]) =>
    replace(
      preview,
      h("p", { class: "field-error" }, t("importDialog.cannotImport", { count: errors.length })),
      h("ul", { class: "error-list", "data-testid": "import-errors" }, errors.map((e) => h("li", {}, h("code", {}, fieldPlace(e.field)), ` ${fieldErrorText(e)}`))),
    );
  const lookTable = async () => {
    const plan = session.overview;
    if (!plan) {
      replace(preview, h("p", { class: "field-error" }, t("importDialog.openACitySPlan")));
      return;
    }
    const chosen = numberStyle.value === "" ? null : (numberStyle.value as NumberStyle);
    const p = await api.previewProjectsImport(plan.plan.id, path.value.trim(), chosen, convertZawgyi.checked);
    numberChoice.hidden = false;
    if (p.errors.length > 0) {
      showErrors(p.errors);
      preview.prepend(numberChoice);
      const notice = zawgyiNotice(p.zawgyi, convertZawgyi);
      if (notice) preview.append(notice);
      return;
    }
    tableProjects = p.projects;
    tableStyle = p.number_style;
    const money = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
    replace(
      preview,
      numberChoice,
      h("p", {}, t("importDialog.willBeAdded", { count: p.projects, city: plan.city.name })),
      p.number_style &&
        h("p", { class: "hint", "data-testid": "import-number-style" }, t("importDialog.numbersReadWithA", { value: t(STYLE_LABEL[p.number_style]) })),
      zawgyiNotice(p.zawgyi, convertZawgyi),
      p.ignored_columns.length > 0 &&
        h(
          "p",
          { class: "banner", "data-testid": "import-ignored-columns" },
          t("importDialog.notImportedColumnsTheTemplate", { value: p.ignored_columns.join(", ") }),
        ),
      h(
        "div",
        { class: "table-scroll" },
        h(
          "table",
          { class: "data", "data-testid": "import-amounts" },
          h("thead", {}, h("tr", {}, h("th", {}, t("importDialog.row")), h("th", {}, t("importDialog.code")), h("th", {}, t("importDialog.title")), h("th", { class: "num" }, t("importDialog.budget")))),
          h(
            "tbody",
            {},
            p.rows.map((r) =>
              h(
                "tr",
                {},
                h("td", {}, String(r.row)),
                h("td", {}, r.code === "" ? h("span", { class: "hint" }, "new") : r.code),
                h("td", {}, r.title),
                h("td", { class: "num" }, r.budget === null ? "—" : `${money.format(r.budget)} ${r.currency}`),
              ),
            ),
          ),
        ),
      ),
    );
    replace(importButton, t("importDialog.addTheProjects"));
    importButton.disabled = false;
  };
  const close = () => {
    backdrop.remove();
    document.removeEventListener("keydown", onKey, true);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      close();
    }
  };
  const look = async () => {
    importButton.disabled = true;
    current = null;
    currentToken = null;
    tableProjects = 0;
    try {
      if (isTable()) {
        await lookTable();
        return;
      }
      const staged = await api.previewImport(path.value.trim());
      const p = staged.preview;
      current = p;
      currentToken = staged.token;
      if (p.errors.length > 0) {
        showErrors(p.errors);
        return;
      }
      replace(
        preview,
        h("p", {}, h("strong", {}, `${p.city}, ${p.country}`), ` · ${t("importDialog.planOf", { period: p.period })}${p.sample ? ` · ${t("importDialog.sampleData")}` : ""}`),
        h("p", {}, t("importDialog.projectsPartnersDistricts", { projects: t("count.projects", { count: p.projects }), partners: t("count.partners", { count: p.partners }), districts: t("count.districts", { count: p.districts }) })),
        p.existing_projects > 0 &&
          h("p", { class: "banner" }, t("importDialog.alreadyHasAPlanWith", { city: p.city, projects: t("count.projects", { count: p.existing_projects }) })),
        zawgyiNotice(p.zawgyi, convertZawgyi),
        p.changes &&
          h(
            "details",
            { "data-testid": "import-changes" },
            h("summary", {}, t("importDialog.whatChanges", { changes_summary: p.changes ? diffSummary(p.changes) : p.changes_summary })),
            diffView(p.changes),
          ),
      );
      replace(importButton, p.existing_projects > 0 ? t("importDialog.replaceAndImport") : t("importDialog.import"));
      importButton.disabled = false;
    } catch (error) {
      replace(preview, h("p", { class: "field-error" }, errorText(error)));
    }
  };
  importButton.addEventListener("click", async () => {
    const plan = session.overview;
    if (tableProjects > 0 && plan) {
      try {
        const added = await api.importProjects(plan.plan.id, path.value.trim(), tableStyle, convertZawgyi.checked);
        close();
        toast(t("importDialog.addedProjectsToThePlan", { projects: t("count.projects", { count: added }), name: plan.city.name }));
        await go({ name: "projects" });
      } catch (error) {
        replace(preview, h("p", { class: "field-error" }, errorText(error)));
      }
      return;
    }
    if (!current || currentToken === null) return;
    try {
      const summary = await api.importPlan(currentToken, current.existing_projects > 0, convertZawgyi.checked);
      close();
      toast(t("importDialog.importedThePlanOfProjects", { city: summary.city, projects: t("count.projects", { count: summary.projects }) }));
      setOverview(await api.openPlan(summary.city_id));
      await go({ name: "overview" });
    } catch (error) {
      replace(preview, h("p", { class: "field-error" }, errorText(error)));
    }
  });
  // Enter checks a typed path; not "change", which also fires on blur when Check is clicked
  // and would render the result twice.
  path.addEventListener("keydown", (e) => {
    if (e.key === "Enter") void look();
  });
  const backdrop = h(
    "div",
    { class: "backdrop import-dialog" },
    h(
      "div",
      { class: "dialog wide", role: "dialog", "aria-label": t("importDialog.importAPlanFile") },
      h("h2", {}, t("importDialog.importAPlanFile")),
      h(
        "p",
        { class: "hint" },
        t("importDialog.anAscfPlanFileAscf"),
        h(
          "button",
          {
            class: "link",
            "data-testid": "save-templates",
            onclick: async () => {
              const folder = await chooseFolder(t("importDialog.saveTheSpreadsheetTemplates"));
              if (!folder) return;
              try {
                const files = await api.saveTemplates(folder, session.overview?.plan.languages ?? []);
                toast(t("importDialog.saved", { value: files.join(" and ") }));
              } catch (error) {
                toast(errorText(error), { kind: "error" });
              }
            },
          },
          t("importDialog.saveTheTemplates"),
        ),
      ),
      h(
        "div",
        { class: "inline-form" },
        path,
        h(
          "button",
          {
            onclick: async () => {
              const picked = await chooseFile(t("importDialog.importAPlanFileOr"), ["ascf", "json", "csv", "xlsx"]);
              if (picked) {
                path.value = picked;
                await look();
              }
            },
          },
          t("importDialog.choose"),
        ),
        h("button", { "data-testid": "import-check", onclick: () => void look() }, t("importDialog.check")),
      ),
      preview,
      h("div", { class: "dialog-buttons" }, h("button", { onclick: close }, t("importDialog.cancel")), importButton),
    ),
  );
  document.addEventListener("keydown", onKey, true);
  document.body.appendChild(backdrop);
  path.focus();
  if (file !== null) {
    path.value = file;
    void look();
  }
}
