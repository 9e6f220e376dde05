//! The annual meeting and the National Representative: yearly progress, revisions, pairing, and
//! the national or network roll-up with its report.

use std::path::PathBuf;

use ascn_planner::export::annual;
use ascn_planner::model::{
    CityId, Pairing, PairingDraft, PairingId, PlanId, ProgressEntry, Project, ProjectId, Revision,
};
use ascn_planner::pairing::{self, Suggestion};
use ascn_planner::progress::{self, ProgressReport};
use ascn_planner::revisions::PlanDiff;
use ascn_planner::rollup::{self, RollUp, Scope};
use ascn_planner::store::FolderEntry;
use ascn_planner::Error;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::{AppError, AppState};

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn progress_report(
    state: State<'_, AppState>,
    plan_id: PlanId,
    year: i32,
) -> Result<ProgressReport, AppError> {
    state.with(|ws| Ok(progress::report(&ws.plan_projects(plan_id)?, year)))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn report_progress(
    state: State<'_, AppState>,
    project_id: ProjectId,
    entry: ProgressEntry,
) -> Result<Project, AppError> {
    state.with(|ws| ws.report_progress(project_id, &entry))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn list_revisions(
    state: State<'_, AppState>,
    plan_id: PlanId,
) -> Result<Vec<Revision>, AppError> {
    state.with(|ws| ws.revisions(plan_id))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn submit_plan(
    state: State<'_, AppState>,
    plan_id: PlanId,
    label: String,
) -> Result<Revision, AppError> {
    state.with(|ws| ws.submit_plan(plan_id, &label))
}

/// `to` is `None` for the plan as it is now.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn revision_diff(
    state: State<'_, AppState>,
    plan_id: PlanId,
    from: u32,
    to: Option<u32>,
) -> Result<PlanDiff, AppError> {
    state.with(|ws| ws.revision_diff(plan_id, from, to))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn pairing_suggestions(
    state: State<'_, AppState>,
    city_id: CityId,
) -> Result<Vec<Suggestion>, AppError> {
    state.with(|ws| pairing::suggestions(ws, city_id))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn list_pairings(
    state: State<'_, AppState>,
    plan_id: PlanId,
) -> Result<Vec<Pairing>, AppError> {
    state.with(|ws| ws.pairings(plan_id))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn agree_pairing(
    state: State<'_, AppState>,
    plan_id: PlanId,
    draft: PairingDraft,
) -> Result<Vec<Pairing>, AppError> {
    state.with(|ws| ws.agree_pairing(plan_id, &draft))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn remove_pairing(
    state: State<'_, AppState>,
    pairing_id: PairingId,
) -> Result<(), AppError> {
    state.with(|ws| ws.remove_pairing(pairing_id))
}

/// The roll-up of a member state (ISO alpha-3), or of the network when `country` is `None`.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn roll_up(
    state: State<'_, AppState>,
    country: Option<String>,
) -> Result<RollUp, AppError> {
    state.with(|ws| rollup::roll_up(ws, &country.map_or(Scope::Network, Scope::Country)))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn preview_folder(
    state: State<'_, AppState>,
    folder: PathBuf,
) -> Result<Vec<StagedFolderEntry>, AppError> {
    let entries = state.with(|ws| ws.preview_folder(&folder))?;
    let (entries, files): (Vec<FolderEntry>, Vec<_>) = entries
        .into_iter()
        .map(|(entry, parsed)| {
            let importable = entry.preview.errors.is_empty();
            (entry, parsed.ok().filter(|_| importable))
        })
        .unzip();
    let tokens = state.stage(files);
    Ok(entries
        .into_iter()
        .zip(tokens)
        .map(|(entry, token)| StagedFolderEntry { token, entry })
        .collect())
}

/// A plan file of a folder, with the token that imports it as previewed (`import_plan`).
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct StagedFolderEntry {
    #[ts(type = "number | null")]
    pub token: Option<u64>,
    pub entry: FolderEntry,
}

/// Writes the annual report of `scope` for `year` (the latest reported when `None`) into
/// `folder`: PDF, spreadsheet and the roll-up as JSON.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn write_annual_report(
    state: State<'_, AppState>,
    scope: Scope,
    year: Option<i32>,
    folder: PathBuf,
) -> Result<Vec<String>, AppError> {
    state.with(|ws| {
        std::fs::create_dir_all(&folder).map_err(|source| Error::Io {
            path: folder.clone(),
            source,
        })?;
        let written = annual::write(ws, &scope, year, &folder)?;
        Ok(written.iter().map(|p| p.display().to_string()).collect())
    })
}
