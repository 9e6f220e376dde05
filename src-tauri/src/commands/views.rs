//! The sector map, charts and map screens.

use ascn_formats::charts::{self, ChartKind};
use ascn_formats::map::{self, MapView};
use ascn_model::analysis::{self, SectorMap};
use ascn_model::geometry::districts;
use ascn_model::geometry::layer::GisPreview;
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

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn map_view(
    state: State<'_, AppState>,
    plan_id: PlanId,
    width: f64,
    height: f64,
) -> Result<MapView, AppError> {
    let (doc, _) = state.snapshot(plan_id)?;
    off_runtime(move || Ok(map::for_plan(&doc, width, height)?)).await
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
    path: std::path::PathBuf,
) -> Result<StagedLayer, AppError> {
    let layer = off_runtime(move || Ok(ascn_gis::read(&path)?)).await?;
    let preview = layer.preview();
    Ok(StagedLayer {
        token: state.stage_layer(layer),
        preview,
    })
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
