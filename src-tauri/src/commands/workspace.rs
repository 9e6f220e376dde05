use ascn_model::framework::Reference;
use ascn_model::CityId;
use ascn_store::backup::{self, BackupFile};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::{AppError, AppState};

/// What the UI needs at start: where the data lives, the framework, where the planner left off.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct WorkspaceInfo {
    pub path: String,
    pub reference: Reference,
    pub last_city: Option<CityId>,
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn workspace_info(state: State<'_, AppState>) -> Result<WorkspaceInfo, AppError> {
    state.with(|ws| {
        Ok(WorkspaceInfo {
            path: ws.path().display().to_string(),
            reference: ws.reference().clone(),
            last_city: ws.last_city()?,
        })
    })
}

/// The reference with version `version` of the Framework: what the screens of a plan written
/// against it show.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn framework_reference(
    state: State<'_, AppState>,
    version: i32,
) -> Result<Reference, AppError> {
    state.with(|ws| Ok((*ws.reference_of(version)?).clone()))
}

/// The UI calls this once, when its first screen is on the window, with the page's own clock
/// (milliseconds since the page began loading): when its script ran, when the screen was built
/// and when it was drawn. The log line is how a slow start shows, and what `scripts/bench.sh`
/// times beside a bare Tauri window; `after_ms - drawn_ms` is what passed before the page began
/// loading. The start-up backup begins then.
#[tauri::command(rename_all = "snake_case")]
pub fn first_screen_drawn(
    state: State<'_, AppState>,
    script_ms: f64,
    built_ms: f64,
    drawn_ms: f64,
) {
    state.first_screen_drawn();
    tracing::info!(
        after_ms = state.started.elapsed().as_millis() as u64,
        script_ms = script_ms.round() as u64,
        built_ms = built_ms.round() as u64,
        drawn_ms = drawn_ms.round() as u64,
        "first screen drawn"
    );
}

/// What the status bar watches, asked every few seconds.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct WorkspaceStatus {
    /// Another window or `ascn-plan` saved a change since the last ask: read the screen again.
    pub changed_elsewhere: bool,
    /// Why the last automatic backup failed, until one succeeds.
    pub backup_failure: Option<String>,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn workspace_status(state: State<'_, AppState>) -> Result<WorkspaceStatus, AppError> {
    Ok(WorkspaceStatus {
        changed_elsewhere: state.with(|ws| ws.changed_elsewhere())?,
        backup_failure: state.backup_failure(),
    })
}

/// The workspace's backups, newest first.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupFile>, AppError> {
    state.with(|ws| backup::list(ws.path()))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn back_up_now(state: State<'_, AppState>) -> Result<BackupFile, AppError> {
    state.with(|ws| ws.back_up(backup::Reason::ByHand))
}

/// Deletes one of the workspace's backups (the user's choice, kept ones included).
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn delete_backup(state: State<'_, AppState>, path: String) -> Result<(), AppError> {
    state.with(|ws| backup::delete(ws.path(), std::path::Path::new(&path)))
}

/// Restores a backup (one of [`list_backups`]); returns the backup taken of what was there.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn restore_backup(
    state: State<'_, AppState>,
    path: String,
) -> Result<BackupFile, AppError> {
    state.with(|ws| ws.restore_from(std::path::Path::new(&path)))
}

/// The plan file the app was started with, once: the UI shows its import preview.
#[tauri::command(rename_all = "snake_case")]
pub async fn opened_plan_file(state: State<'_, AppState>) -> Result<Option<String>, AppError> {
    let mut file = state
        .opened_plan_file
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    Ok(file.take().map(|p| p.display().to_string()))
}
