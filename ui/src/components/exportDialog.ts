// Export the open plan: tick formats, choose a folder, watch the progress, see the files.
import { api, chooseFolder, errorText, onExportProgress } from "../api";
import type { Format } from "../api/bindings/Format";
import { h, replace } from "../dom";
import { session } from "../stores/session";
import { t } from "../i18n";
import { languageName } from "./localText";

/** The plan's formats, and the GeoPackage, which the shell writes beside them. */
const FORMATS: { value: Format | "gpkg"; label: string; hint: string }[] = [
  { value: "json", get label() { return t("exportDialog.ascfPlanFileAscf"); }, get hint() { return t("exportDialog.forTheNationalRepresentativeImports"); } },
  { value: "xlsx", get label() { return t("exportDialog.spreadsheetXlsx"); }, get hint() { return t("exportDialog.summaryProjectsKpisFundingPartners"); } },
  { value: "pdf", get label() { return t("exportDialog.reportPdf"); }, get hint() { return t("exportDialog.forReadingOnPaperWith"); } },
  { value: "geojson", get label() { return t("exportDialog.projectLocationsGeojson"); }, get hint() { return t("exportDialog.forGisTools"); } },
  { value: "gpkg", get label() { return t("exportDialog.geopackage"); }, get hint() { return t("exportDialog.forQgis"); } },
  { value: "iati", get label() { return t("exportDialog.iatiActivitiesXml"); }, get hint() { return t("exportDialog.iati203ForFunders"); } },
];

let lastFolder = "";

export function openExportDialog(): void {
  const overview = session.overview;
  if (!overview || document.querySelector(".export-dialog")) return;
  const boxes = FORMATS.map((f) =>
    h("input", { type: "checkbox", value: f.value, checked: true, "data-testid": `export-${f.value}` }),
  );
  const folder = h("input", {
    value: lastFolder,
    placeholder: t("exportDialog.folderToWriteInto"),
    "aria-label": t("exportDialog.folder"),
    "data-testid": "export-folder",
  });
  // The report's language: English, a language of the plan, or both (the files carry every one).
  const local = overview.plan.languages;
  const pdfLanguage = h(
    "select",
    { "data-testid": "export-pdf-language", "aria-label": t("local.reportLanguage") },
    h("option", { value: "en" }, languageName("en")),
    local.map((tag) => h("option", { value: tag }, languageName(tag))),
    local.length > 0 && h("option", { value: "both" }, t("local.both", { language: languageName(local[0]) })),
  );
  const progress = h("progress", { max: 1, value: 0, "data-testid": "export-progress" });
  const status = h("div", { class: "hint", role: "status", "data-testid": "export-status" });
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
  const start = async () => {
    const ticked = boxes.filter((b) => b.checked).map((b) => b.value);
    const formats = ticked.filter((v) => v !== "gpkg") as Format[];
    const geopackage = ticked.includes("gpkg");
    if (ticked.length === 0 || !folder.value.trim()) {
      replace(status, ticked.length === 0 ? t("exportDialog.tickAtLeastOneFormat") : t("exportDialog.chooseAFolderFirst"));
      return;
    }
    lastFolder = folder.value.trim();
    exportButton.disabled = true;
    const stop = await onExportProgress((p) => {
      progress.max = p.total;
      progress.value = p.done;
      replace(status, p.done < p.total ? t("exportDialog.writingOf", { format: p.format, value: p.done + 1, total: p.total }) : t("exportDialog.done"));
    });
    try {
      const files = await api.exportPlan(overview.plan.id, formats, geopackage, lastFolder, pdfLanguage.value);
      replace(
        status,
        h("div", { "data-testid": "export-done" }, t("exportDialog.wrote", { count: files.length })),
        h("ul", { class: "plain" }, files.map((f) => h("li", {}, f))),
      );
    } catch (error) {
      replace(status, h("span", { class: "field-error" }, errorText(error)));
    } finally {
      stop();
      exportButton.disabled = false;
    }
  };
  const exportButton = h("button", { class: "primary", "data-testid": "export-start", onclick: () => void start() }, t("exportDialog.export"));
  const backdrop = h(
    "div",
    { class: "backdrop export-dialog" },
    h(
      "div",
      { class: "dialog wide", role: "dialog", "aria-label": t("exportDialog.exportThePlan") },
      h("h2", {}, t("exportDialog.exportThePlanOf", { name: overview.city.name })),
      h(
        "div",
        { class: "check-list" },
        FORMATS.map((f, i) => h("label", { class: "check" }, boxes[i], h("span", {}, f.label), h("span", { class: "hint" }, ` — ${f.hint}`))),
      ),
      h("label", { class: "field" }, h("span", {}, t("local.reportLanguage")), pdfLanguage),
      h(
        "div",
        { class: "inline-form" },
        folder,
        h(
          "button",
          {
            onclick: async () => {
              const picked = await chooseFolder(t("exportDialog.exportIntoFolder"));
              if (picked) folder.value = picked;
            },
          },
          t("exportDialog.choose"),
        ),
      ),
      progress,
      status,
      h("div", { class: "dialog-buttons" }, h("button", { onclick: close }, t("exportDialog.close")), exportButton),
    ),
  );
  document.addEventListener("keydown", onKey, true);
  document.body.appendChild(backdrop);
  folder.focus();
}
