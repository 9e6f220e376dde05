use ascn_model::{PlanId, Project, ProjectDraft, ProjectFilter, ProjectId, ProjectRow};
use tauri::State;

use crate::{AppError, AppState};

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn list_projects(
    state: State<'_, AppState>,
    plan_id: PlanId,
    filter: ProjectFilter,
) -> Result<Vec<ProjectRow>, AppError> {
    let (doc, reference) = state.snapshot(plan_id)?;
    Ok(ascn_model::analysis::project_rows(
        &doc, &reference, &filter,
    ))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn get_project(
    state: State<'_, AppState>,
    project_id: ProjectId,
) -> Result<Project, AppError> {
    state.with(|ws| ws.project(project_id))
}

/// Saves a project whole: a new one when `project_id` is null. `base_version` is the version
/// the edit was made on; a project changed since is refused as changed elsewhere.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state, draft), err(level = "info"))]
pub async fn save_project(
    state: State<'_, AppState>,
    plan_id: PlanId,
    project_id: Option<ProjectId>,
    draft: ProjectDraft,
    base_version: Option<i64>,
) -> Result<Project, AppError> {
    state.with(|ws| ws.save_project_from(plan_id, project_id, &draft, base_version))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn delete_project(
    state: State<'_, AppState>,
    project_id: ProjectId,
) -> Result<(), AppError> {
    state.with(|ws| ws.delete_project(project_id))
}
