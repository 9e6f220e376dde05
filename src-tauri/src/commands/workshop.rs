//! Working fast and in the workshop room: undo and redo, search, readiness, guided drafting,
//! presentation and comparing cities.

use ascn_model::compare::{self, PlanColumn};
use ascn_model::readiness::{self, Finding};
use ascn_model::search::{self, Hit};
use ascn_model::{CityId, PlanId};
use ascn_store::{History, Reverted};
use tauri::State;

use crate::{AppError, AppState};

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn history(state: State<'_, AppState>, plan_id: PlanId) -> Result<History, AppError> {
    state.with(|ws| ws.history(plan_id))
}

/// `None` when there is nothing to undo.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn undo(
    state: State<'_, AppState>,
    plan_id: PlanId,
) -> Result<Option<Reverted>, AppError> {
    state.with(|ws| ws.undo(plan_id))
}

/// `None` when there is nothing to redo.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn redo(
    state: State<'_, AppState>,
    plan_id: PlanId,
) -> Result<Option<Reverted>, AppError> {
    state.with(|ws| ws.redo(plan_id))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn search_plan(
    state: State<'_, AppState>,
    plan_id: PlanId,
    query: String,
) -> Result<Vec<Hit>, AppError> {
    let (doc, reference) = state.snapshot(plan_id)?;
    Ok(search::plan(&doc, &reference, &query))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn plan_readiness(
    state: State<'_, AppState>,
    plan_id: PlanId,
) -> Result<Vec<Finding>, AppError> {
    let (doc, _) = state.snapshot(plan_id)?;
    Ok(readiness::of_plan(&doc))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn set_guide_step(
    state: State<'_, AppState>,
    plan_id: PlanId,
    step: u8,
) -> Result<(), AppError> {
    state.with(|ws| ws.set_guide_step(plan_id, step))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn compare_plans(
    state: State<'_, AppState>,
    city_ids: Vec<CityId>,
) -> Result<Vec<PlanColumn>, AppError> {
    let (plans, reference) =
        state.with(|ws| Ok((ws.documents_of(&city_ids)?, ws.shared_reference())))?;
    Ok(compare::plans(&reference, &plans))
}

/// Full screen for presenting, and back. A command of the app's own, so the UI needs no window
/// permission.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(window), err(level = "info"))]
pub async fn set_fullscreen(window: tauri::Window, on: bool) -> Result<(), AppError> {
    window
        .set_fullscreen(on)
        .map_err(|e| crate::error::internal(&e))
}
