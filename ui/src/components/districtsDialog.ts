// Districts or project sites from the GIS files a city's GIS office keeps: a Shapefile (or a
// zipped one), a GeoPackage, KML or GeoJSON in any coordinate system the file names. Check
// reads the file into WGS 84 and shows its columns and first rows; the user says what the
// features are and picks the column that names the districts, or the one holding each site's
// project code; Import writes exactly what was checked, or nothing.
import { api, chooseFile, errorText, isAppError } from "../api";
import type { StagedLayer } from "../api/bindings/StagedLayer";
import type { CityId } from "../api/bindings/CityId";
import type { PlanId } from "../api/bindings/PlanId";
import { h, replace } from "../dom";
import { t } from "../i18n";
import { fieldErrorText } from "./fieldErrors";
import { toast } from "./toast";

const EXTENSIONS = ["shp", "zip", "gpkg", "kml", "geojson", "json"];

export function openDistrictsDialog(cityId: CityId, planId: PlanId, done: () => Promise<void>): void {
  if (document.querySelector(".districts-dialog")) return;
  const path = h("input", { placeholder: t("districtsDialog.pathPlaceholder"), "aria-label": t("districtsDialog.file"), "data-testid": "gis-path" });
  const preview = h("div", { class: "import-preview", "data-testid": "gis-preview" });
  const importButton = h("button", { class: "primary", "data-testid": "gis-import", disabled: true }, t("districtsDialog.import"));
  let staged: StagedLayer | null = null;
  const columns = h("div", { class: "gis-columns" });
  const kind = h(
    "select",
    { "data-testid": "gis-kind", "aria-label": t("districtsDialog.featuresAre") },
    h("option", { value: "districts" }, t("districtsDialog.districts")),
    h("option", { value: "sites" }, t("districtsDialog.sites")),
  );
  const select = (testid: string, names: string[], chosen: string | null, none: boolean) =>
    h(
      "select",
      { "data-testid": testid },
      none && h("option", { value: "" }, t("districtsDialog.noColumn")),
      names.map((c) => h("option", { value: c, selected: c === chosen }, c)),
    );
  let nameColumn: HTMLSelectElement | null = null;
  let codeColumn: HTMLSelectElement | null = null;
  let siteName: HTMLSelectElement | null = null;
  /** The columns to choose for what the features are. */
  const showColumns = () => {
    if (!staged) return;
    const p = staged.preview;
    if (kind.value === "sites") {
      codeColumn = select("gis-code-column", p.columns, p.code_column, false);
      siteName = select("gis-site-name-column", p.columns, null, true);
      replace(
        columns,
        h("label", { class: "field" }, h("span", {}, t("districtsDialog.codeColumn")), codeColumn),
        h("label", { class: "field" }, h("span", {}, t("districtsDialog.siteNameColumn")), siteName),
      );
    } else {
      nameColumn = select("gis-name-column", p.columns, p.name_column, false);
      replace(columns, h("label", { class: "field" }, h("span", {}, t("districtsDialog.nameColumn")), nameColumn));
    }
  };
  kind.addEventListener("change", showColumns);

  const problems = (error: unknown): HTMLElement =>
    isAppError(error) && error.fields.length > 0
      ? h(
          "div",
          { "data-testid": "gis-errors" },
          h("p", { class: "field-error" }, t("districtsDialog.nothingImported")),
          h("ul", { class: "error-list" }, error.fields.map((f) => h("li", {}, fieldErrorText(f)))),
        )
      : h("p", { class: "field-error", "data-testid": "gis-errors" }, errorText(error));

  const look = async () => {
    staged = null;
    importButton.disabled = true;
    if (!path.value.trim()) return;
    replace(preview, h("p", { class: "hint" }, t("districtsDialog.reading")));
    try {
      staged = await api.previewGisFile(planId, path.value.trim());
    } catch (error) {
      replace(preview, problems(error));
      return;
    }
    const p = staged.preview;
    // Features joined to projects by a code column are sites; otherwise districts.
    kind.value = p.code_column !== null ? "sites" : "districts";
    showColumns();
    replace(
      preview,
      h(
        "p",
        { "data-testid": "gis-source" },
        t("districtsDialog.source", { format: p.format, crs: p.crs, features: t("count.features", { count: p.feature_count }) }),
      ),
      h("p", { class: "hint" }, t("districtsDialog.shapes", { kinds: p.kinds.map(([kind, n]) => `${n} × ${kind}`).join(", ") })),
      p.other_layers.length > 0 && h("p", { class: "hint" }, t("districtsDialog.otherLayers", { layers: p.other_layers.join(", ") })),
      h("label", { class: "field" }, h("span", {}, t("districtsDialog.featuresAre")), kind),
      columns,
      h(
        "div",
        { class: "table-scroll" },
        h(
          "table",
          { class: "data", "data-testid": "gis-rows" },
          h("thead", {}, h("tr", {}, p.columns.map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, p.rows.map((row) => h("tr", {}, row.map((v) => h("td", {}, v))))),
        ),
      ),
    );
    importButton.disabled = false;
  };

  const close = () => {
    backdrop.remove();
    document.removeEventListener("keydown", onKey, true);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  };
  importButton.addEventListener("click", async () => {
    if (!staged) return;
    try {
      if (kind.value === "sites") {
        const added = await api.importSites(planId, staged.token, codeColumn?.value ?? "", siteName?.value || null);
        close();
        const count = added.reduce((sum, [, n]) => sum + n, 0);
        toast(t("districtsDialog.sitesAdded", { sites: t("count.sites", { count }), projects: t("count.projects", { count: added.length }) }));
      } else {
        const saved = await api.importDistricts(cityId, staged.token, nameColumn?.value || null);
        close();
        toast(t("map.importedDistricts", { count: saved.length }));
      }
      await done();
    } catch (error) {
      replace(preview, problems(error));
    }
  });
  path.addEventListener("keydown", (e) => {
    if (e.key === "Enter") void look();
  });
  const backdrop = h(
    "div",
    { class: "backdrop districts-dialog" },
    h(
      "div",
      { class: "dialog wide", role: "dialog", "aria-label": t("map.importDistrictBoundaries") },
      h("h2", {}, t("map.importDistrictBoundaries")),
      h("p", { class: "hint" }, t("districtsDialog.what")),
      h(
        "div",
        { class: "inline-form" },
        path,
        h(
          "button",
          {
            onclick: async () => {
              const picked = await chooseFile(t("map.importDistrictBoundaries"), EXTENSIONS);
              if (picked) {
                path.value = picked;
                await look();
              }
            },
          },
          t("districtsDialog.choose"),
        ),
        h("button", { "data-testid": "gis-check", onclick: () => void look() }, t("districtsDialog.check")),
      ),
      preview,
      h("div", { class: "dialog-buttons" }, h("button", { onclick: close }, t("districtsDialog.cancel")), importButton),
    ),
  );
  document.addEventListener("keydown", onKey, true);
  document.body.appendChild(backdrop);
  path.focus();
}
