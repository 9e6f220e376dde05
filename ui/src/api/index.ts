// Typed wrappers over the app's commands. The only module that imports @tauri-apps; the types
// are generated from the Rust model (src/api/bindings, written by `cargo test`).
import { convertFileSrc, invoke } from "@tauri-apps/api/core";
import { t, worded } from "../i18n";
import { listen } from "@tauri-apps/api/event";
import { open } from "@tauri-apps/plugin-dialog";

import type { AppError } from "./bindings/AppError";
import type { City } from "./bindings/City";
import type { CityId } from "./bindings/CityId";
import type { NewCity } from "./bindings/NewCity";
import type { Partner } from "./bindings/Partner";
import type { PartnerDraft } from "./bindings/PartnerDraft";
import type { PlanDraft } from "./bindings/PlanDraft";
import type { PlanId } from "./bindings/PlanId";
import type { PlanOverview } from "./bindings/PlanOverview";
import type { Project } from "./bindings/Project";
import type { ProjectDraft } from "./bindings/ProjectDraft";
import type { ProjectFilter } from "./bindings/ProjectFilter";
import type { ProjectId } from "./bindings/ProjectId";
import type { ProjectRow } from "./bindings/ProjectRow";
import type { WorkspaceInfo } from "./bindings/WorkspaceInfo";
import type { BackupFile } from "./bindings/BackupFile";
import type { WorkspaceStatus } from "./bindings/WorkspaceStatus";
import type { StagedPreview } from "./bindings/StagedPreview";
import type { StagedFolderEntry } from "./bindings/StagedFolderEntry";
import type { NumberStyle } from "./bindings/NumberStyle";
import type { ChartKind } from "./bindings/ChartKind";
import type { District } from "./bindings/District";
import type { StagedLayer } from "./bindings/StagedLayer";
import type { BasemapInfo } from "./bindings/BasemapInfo";
import type { DistrictsView } from "./bindings/DistrictsView";
import type { MapLayers } from "./bindings/MapLayers";
import type { SectorMap } from "./bindings/SectorMap";
import type { ExportProgress } from "./bindings/ExportProgress";
import type { Format } from "./bindings/Format";
import type { ImportSummary } from "./bindings/ImportSummary";
import type { MeTableImport } from "./bindings/MeTableImport";
import type { About } from "./bindings/About";
import type { UpdateOffer } from "./bindings/UpdateOffer";
import type { MeTrend } from "./bindings/MeTrend";
import type { TablePreview } from "./bindings/TablePreview";
import type { History } from "./bindings/History";
import type { Reverted } from "./bindings/Reverted";
import type { Hit } from "./bindings/Hit";
import type { Finding } from "./bindings/Finding";
import type { PlanColumn } from "./bindings/PlanColumn";
import type { ProgressReport } from "./bindings/ProgressReport";
import type { ProgressEntry } from "./bindings/ProgressEntry";
import type { Revision } from "./bindings/Revision";
import type { PlanDiff } from "./bindings/PlanDiff";
import type { Suggestion } from "./bindings/Suggestion";
import type { Pairing } from "./bindings/Pairing";
import type { PairingDraft } from "./bindings/PairingDraft";
import type { PairingId } from "./bindings/PairingId";
import type { RollUp } from "./bindings/RollUp";
import type { Scope } from "./bindings/Scope";
import type { CityPeriods } from "./bindings/CityPeriods";
import type { Reference } from "./bindings/Reference";
import type { CarryOver } from "./bindings/CarryOver";
import type { CarryChoice } from "./bindings/CarryChoice";

export type { AppError };

/** True for the `{ code, message, fields }` errors the app's commands return. */
/** What went wrong, in the interface's language: an error the core keyed is worded from the
 * catalogs, any other in the core's English (or as thrown). */
export function errorText(error: unknown): string {
  if (!isAppError(error)) return String(error);
  return worded(error.message, error.key, error.values);
}

export function isAppError(value: unknown): value is AppError {
  return (
    typeof value === "object" &&
    value !== null &&
    "code" in value &&
    "message" in value &&
    "fields" in value
  );
}

async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (isAppError(error)) throw error;
    // Anything else (e.g. arguments the shell could not read) is a defect, not user input.
    const failure: AppError = {
      code: "internal",
      message: t("main.somethingWentWrongDetail", { detail: String(error) }),
      fields: [],
    };
    throw failure;
  }
}

export const api = {
  workspaceInfo: () => call<WorkspaceInfo>("workspace_info"),
  frameworkReference: (version: number) => call<Reference>("framework_reference", { version }),
  firstScreenDrawn: (scriptMs: number, builtMs: number, drawnMs: number) =>
    call<null>("first_screen_drawn", { script_ms: scriptMs, built_ms: builtMs, drawn_ms: drawnMs }),
  workspaceStatus: () => call<WorkspaceStatus>("workspace_status"),
  listBackups: () => call<BackupFile[]>("list_backups"),
  deleteBackup: (path: string) => call<null>("delete_backup", { path }),
  backUpNow: () => call<BackupFile>("back_up_now"),
  restoreBackup: (path: string) => call<BackupFile>("restore_backup", { path }),
  listCities: () => call<City[]>("list_cities"),
  addCity: (city: NewCity) => call<City>("add_city", { city }),
  /** The city's plan of `period`, or without one its latest plan; started if it has none. */
  openPlan: (city_id: CityId, period: string | null = null) =>
    call<PlanOverview>("open_plan", { city_id, period }),
  cityPeriods: (city_id: CityId) => call<CityPeriods>("city_periods", { city_id }),
  carryOver: (city_id: CityId, period: string) => call<CarryOver>("carry_over", { city_id, period }),
  /** `framework`: the version of the Framework the new plan is written against (null: the last plan's). */
  startPeriod: (city_id: CityId, period: string, choices: CarryChoice[], framework: number | null = null) =>
    call<PlanOverview>("start_period", { city_id, period, choices, framework }),
  /** Closes the plan's period (once) and writes its close-out report into `folder`. */
  closePeriod: (plan_id: PlanId, folder: string) => call<string[]>("close_period", { plan_id, folder }),
  planOverview: (plan_id: PlanId) => call<PlanOverview>("plan_overview", { plan_id }),
  /** `base_version`: the plan's version the edit was made on; a plan changed since is refused. */
  updatePlan: (plan_id: PlanId, draft: PlanDraft, base_version: number | null = null) =>
    call<PlanOverview>("update_plan", { plan_id, draft, base_version }),
  listPartners: (plan_id: PlanId) => call<Partner[]>("list_partners", { plan_id }),
  addPartner: (plan_id: PlanId, draft: PartnerDraft) =>
    call<Partner>("add_partner", { plan_id, draft }),
  listProjects: (plan_id: PlanId, filter: ProjectFilter) =>
    call<ProjectRow[]>("list_projects", { plan_id, filter }),
  getProject: (project_id: ProjectId) => call<Project>("get_project", { project_id }),
  /** `base_version`: the project's version the edit was made on; one changed since is refused. */
  saveProject: (
    plan_id: PlanId,
    project_id: ProjectId | null,
    draft: ProjectDraft,
    base_version: number | null = null,
  ) => call<Project>("save_project", { plan_id, project_id, draft, base_version }),
  deleteProject: (project_id: ProjectId) => call<null>("delete_project", { project_id }),
  sectorMap: (plan_id: PlanId, filter: ProjectFilter) =>
    call<SectorMap>("sector_map", { plan_id, filter }),
  planChart: (plan_id: PlanId, kind: ChartKind) => call<string>("plan_chart", { plan_id, kind }),
  focusAreaChart: (plan_id: PlanId, focus_area: string) =>
    call<string>("focus_area_chart", { plan_id, focus_area }),
  kpiChart: (project_id: ProjectId, kpi_index: number) =>
    call<string>("kpi_chart", { project_id, kpi_index }),
  mapLayers: (plan_id: PlanId) => call<MapLayers>("map_layers", { plan_id }),
  basemapInfo: () => call<BasemapInfo | null>("basemap_info"),
  setBasemap: (path: string | null) => call<BasemapInfo | null>("set_basemap", { path }),
  districts: (city_id: CityId, plan_id: PlanId) =>
    call<DistrictsView>("districts", { city_id, plan_id }),
  previewGisFile: (plan_id: PlanId, path: string) => call<StagedLayer>("preview_gis_file", { plan_id, path }),
  importSites: (plan_id: PlanId, token: number, code_column: string, name_column: string | null) =>
    call<[string, number][]>("import_sites", { plan_id, token, code_column, name_column }),
  importDistricts: (city_id: CityId, token: number, name_column: string | null) =>
    call<District[]>("import_districts", { city_id, token, name_column }),
  /** `pdf_language`: `en`, one of the plan's languages, or `both`. */
  exportPlan: (plan_id: PlanId, formats: Format[], geopackage: boolean, folder: string, pdf_language: string) =>
    call<string[]>("export_plan", { plan_id, formats, geopackage, folder, pdf_language }),
  /** Checks a plan file; its token imports exactly what was checked. */
  previewImport: (path: string) => call<StagedPreview>("preview_import", { path }),
  importPlan: (token: number, replace: boolean, convert_zawgyi: boolean) =>
    call<ImportSummary>("import_plan", { token, replace, convert_zawgyi }),
  previewProjectsImport: (plan_id: PlanId, path: string, number_style: NumberStyle | null, convert_zawgyi: boolean) =>
    call<TablePreview>("preview_projects_import", { plan_id, path, number_style, convert_zawgyi }),
  importProjects: (plan_id: PlanId, path: string, number_style: NumberStyle | null, convert_zawgyi: boolean) =>
    call<number>("import_projects", { plan_id, path, number_style, convert_zawgyi }),
  /** The text in Unicode when it looks like Burmese in Zawgyi, else null. */
  about: () => call<About>("about"),
  checkForUpdate: (source: string) => call<UpdateOffer | null>("check_for_update", { source }),
  installUpdate: () => call<null>("install_update"),
  openedPlanFile: () => call<string | null>("opened_plan_file"),
  zawgyiToUnicode: (text: string) => call<string | null>("zawgyi_to_unicode", { text }),
  /** The templates with a column per narrative in each of `languages` (`Title [km]`). */
  saveTemplates: (folder: string, languages: string[]) => call<string[]>("save_templates", { folder, languages }),
  history: (plan_id: PlanId) => call<History>("history", { plan_id }),
  undo: (plan_id: PlanId) => call<Reverted | null>("undo", { plan_id }),
  redo: (plan_id: PlanId) => call<Reverted | null>("redo", { plan_id }),
  searchPlan: (plan_id: PlanId, query: string) => call<Hit[]>("search_plan", { plan_id, query }),
  readiness: (plan_id: PlanId) => call<Finding[]>("plan_readiness", { plan_id }),
  setGuideStep: (plan_id: PlanId, step: number) => call<null>("set_guide_step", { plan_id, step }),
  comparePlans: (city_ids: CityId[]) => call<PlanColumn[]>("compare_plans", { city_ids }),
  setFullscreen: (on: boolean) => call<null>("set_fullscreen", { on }),
  progressReport: (plan_id: PlanId, year: number) =>
    call<ProgressReport>("progress_report", { plan_id, year }),
  reportProgress: (project_id: ProjectId, entry: ProgressEntry) =>
    call<Project>("report_progress", { project_id, entry }),
  listRevisions: (plan_id: PlanId) => call<Revision[]>("list_revisions", { plan_id }),
  submitPlan: (plan_id: PlanId, label: string) => call<Revision>("submit_plan", { plan_id, label }),
  revisionDiff: (plan_id: PlanId, from: number, to: number | null) =>
    call<PlanDiff>("revision_diff", { plan_id, from, to }),
  pairingSuggestions: (city_id: CityId) => call<Suggestion[]>("pairing_suggestions", { city_id }),
  listPairings: (plan_id: PlanId) => call<Pairing[]>("list_pairings", { plan_id }),
  agreePairing: (plan_id: PlanId, draft: PairingDraft) =>
    call<Pairing[]>("agree_pairing", { plan_id, draft }),
  removePairing: (pairing_id: PairingId) => call<null>("remove_pairing", { pairing_id }),
  rollUp: (country: string | null) => call<RollUp>("roll_up", { country }),
  previewFolder: (folder: string) => call<StagedFolderEntry[]>("preview_folder", { folder }),
  writeAnnualReport: (scope: Scope, year: number | null, folder: string) =>
    call<string[]>("write_annual_report", { scope, year, folder }),
  /** The Secretariat's table into each city's plan of `period` (null: the period of today); `apply` false previews. */
  importMeTable: (path: string, period: string | null, apply: boolean, convert_zawgyi: boolean) =>
    call<MeTableImport>("import_me_table", { path, period, apply, convert_zawgyi }),
  /** Writes the M&E report of `year` into `folder` and keeps its figures for the trend. */
  writeMeReport: (year: number, folder: string) => call<string[]>("write_me_report", { year, folder }),
  meTrend: () => call<MeTrend>("me_trend"),
};

/** Calls `handler` for each export-progress event until the returned function is called. */
export function onExportProgress(handler: (progress: ExportProgress) => void): Promise<() => void> {
  return listen<ExportProgress>("export-progress", (event) => handler(event.payload));
}

/** A plan file handed to the running app (macOS sends a double-click as an event). */
export function onPlanFileOpened(handler: () => void): Promise<() => void> {
  return listen("plan-file-opened", () => handler());
}

/** Asks the user for a folder; null when they cancel. */
export async function chooseFolder(title: string): Promise<string | null> {
  const picked = await open({ title, directory: true, multiple: false });
  return typeof picked === "string" ? picked : null;
}

/** Asks the user for a file to open; null when they cancel. */
export async function chooseFile(title: string, extensions: string[]): Promise<string | null> {
  const picked = await open({
    title,
    multiple: false,
    directory: false,
    filters: [{ name: extensions.join(", "), extensions }],
  });
  return typeof picked === "string" ? picked : null;
}

/** Where the shell serves the basemap's tiles (`tiles://localhost` on Linux and macOS,
 * `http://tiles.localhost` on Windows): the webview fetches nothing from the internet itself. */
export function tilesAddress(): string {
  return convertFileSrc("", "tiles").replace(/\/$/, "");
}
