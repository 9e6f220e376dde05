//! The sector map, charts and map screens.

use ascn_formats::charts::{self, ChartKind};
use ascn_formats::map::{self, TileSource};
use ascn_gis::basemap::{Basemap, BasemapInfo};
use ascn_model::analysis::{self, SectorMap};
use ascn_model::geometry::layer::GisPreview;
use ascn_model::geometry::{districts, sites};
use ascn_model::{CityId, District, PlanId, ProjectDistricts, ProjectFilter, ProjectId};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::state::off_runtime;
use crate::{AppError, AppState};

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn sector_map(
    state: State<'_, AppState>,
    plan_id: PlanId,
    filter: ProjectFilter,
) -> Result<SectorMap, AppError> {
    let (doc, reference) = state.snapshot(plan_id)?;
    Ok(analysis::sector_map_of_plan(&doc, &reference, &filter))
}

/// An SVG document drawn by the core.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn plan_chart(
    state: State<'_, AppState>,
    plan_id: PlanId,
    kind: ChartKind,
) -> Result<String, AppError> {
    let (doc, reference) = state.snapshot(plan_id)?;
    off_runtime(move || Ok(charts::for_plan(&doc, &reference, kind)?)).await
}

/// The budget by year of one focus area's projects, as an SVG document.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn focus_area_chart(
    state: State<'_, AppState>,
    plan_id: PlanId,
    focus_area: String,
) -> Result<String, AppError> {
    let (doc, reference) = state.snapshot(plan_id)?;
    off_runtime(move || Ok(charts::for_focus_area(&doc, &reference, &focus_area)?)).await
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn kpi_chart(
    state: State<'_, AppState>,
    project_id: ProjectId,
    kpi_index: usize,
) -> Result<String, AppError> {
    let plan = state.with(|ws| Ok(ws.project(project_id)?.plan_id))?;
    let (doc, _) = state.snapshot(plan)?;
    off_runtime(move || Ok(charts::for_kpi(&doc, project_id, kpi_index)?)).await
}

/// The plan's layers for the map screen, in WGS 84.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn map_layers(
    state: State<'_, AppState>,
    plan_id: PlanId,
) -> Result<map::layers::MapLayers, AppError> {
    let (doc, _) = state.snapshot(plan_id)?;
    off_runtime(move || Ok(map::layers::layers(&doc)?)).await
}

/// A basemap tile for the map screen, asked as `tiles://localhost/{z}/{x}/{y}`: the webview
/// fetches nothing itself, the shell reads the tile from the basemap file or online source.
pub fn tile_response(state: &AppState, path: &str) -> tauri::http::Response<Vec<u8>> {
    let zxy: Vec<u32> = path
        .trim_start_matches('/')
        .split('/')
        .filter_map(|n| n.parse().ok())
        .collect();
    let tile = match (zxy.as_slice(), state.basemap()) {
        ([z, x, y], Ok(Some(basemap))) => u8::try_from(*z)
            .ok()
            .and_then(|z| basemap.tile(z, *x, *y))
            .and_then(|bytes| map::image_type(&bytes).map(|mime| (mime, bytes))),
        _ => None,
    };
    let response = match tile {
        Some((mime, bytes)) => tauri::http::Response::builder()
            .header("Content-Type", mime)
            .body(bytes),
        None => tauri::http::Response::builder()
            .status(404)
            .body(Vec::new()),
    };
    response.unwrap_or_default()
}

/// A city's districts and which of them each project touches.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct DistrictsView {
    pub districts: Vec<District>,
    pub projects: Vec<ProjectDistricts>,
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn districts(
    state: State<'_, AppState>,
    city_id: CityId,
    plan_id: PlanId,
) -> Result<DistrictsView, AppError> {
    state.with(|ws| {
        Ok(DistrictsView {
            districts: ws.districts(city_id)?,
            projects: ws.project_districts(plan_id)?,
        })
    })
}

/// The basemap the maps are drawn over: none, or the one set (`problem` says why a file set
/// cannot be opened now).
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn basemap_info(state: State<'_, AppState>) -> Result<Option<BasemapInfo>, AppError> {
    Ok(state.basemap()?.map(|t| t.info.clone()))
}

/// Sets the basemap (an MBTiles or PMTiles file, or an online tile address, checked before it
/// is kept), or clears it with `None`.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn set_basemap(
    state: State<'_, AppState>,
    path: Option<std::path::PathBuf>,
) -> Result<Option<BasemapInfo>, AppError> {
    if let Some(file) = &path {
        let file = file.clone();
        off_runtime(move || Ok(Basemap::check(&file).map(drop)?)).await?;
    }
    state.with(|ws| ws.set_basemap(path.as_deref()))?;
    Ok(state.basemap()?.map(|t| t.info.clone()))
}

/// A GIS file's preview, and the token to import exactly what was previewed.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct StagedLayer {
    #[ts(type = "number")]
    pub token: u64,
    pub preview: GisPreview,
}

/// Reads a GIS file the user chose (Shapefile, zipped Shapefile, GeoPackage, KML, GeoJSON)
/// into WGS 84 and keeps it for the import; nothing is written.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn preview_gis_file(
    state: State<'_, AppState>,
    plan_id: PlanId,
    path: std::path::PathBuf,
) -> Result<StagedLayer, AppError> {
    let (doc, _) = state.snapshot(plan_id)?;
    let layer = off_runtime(move || Ok(ascn_gis::read(&path)?)).await?;
    let codes: Vec<String> = doc.projects.iter().map(|p| p.draft.code.clone()).collect();
    let preview = layer.preview(&codes);
    Ok(StagedLayer {
        token: state.stage_layer(layer),
        preview,
    })
}

/// Adds the features of the layer a preview read as sites of the plan's projects, each joined
/// by the code in `code_column`; all or nothing, one edit to undo. Returns how many sites each
/// project received.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn import_sites(
    state: State<'_, AppState>,
    plan_id: PlanId,
    token: u64,
    code_column: String,
    name_column: Option<String>,
) -> Result<Vec<(String, usize)>, AppError> {
    let layer = state.staged_layer(token)?;
    let sites = sites::from_layer(&layer, &code_column, name_column.as_deref())
        .map_err(ascn_model::Error::Validation)?;
    let source = format!("{} ({})", layer.name, layer.format);
    state.with(|ws| ws.add_sites(plan_id, &sites, &source))
}

/// Imports the districts of the layer a preview read, each named by `name_column`; every
/// problem is refused by feature and nothing is written.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn import_districts(
    state: State<'_, AppState>,
    city_id: CityId,
    token: u64,
    name_column: Option<String>,
) -> Result<Vec<District>, AppError> {
    let layer = state.staged_layer(token)?;
    let shapes = districts::from_layer(&layer, name_column.as_deref())
        .map_err(ascn_model::Error::Validation)?;
    state.with(|ws| ws.save_districts(city_id, &shapes))
}
