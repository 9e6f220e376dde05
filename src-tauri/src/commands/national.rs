//! The annual meeting and the National Representative: yearly progress, revisions, pairing, and
//! the national or network roll-up with its report.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ascn_formats::export::annual;
use ascn_model::framework::Reference;
use ascn_model::pairing::Suggestion;
use ascn_model::progress::{self, ProgressReport};
use ascn_model::revisions::PlanDiff;
use ascn_model::rollup::{self, RollUp, Scope};
use ascn_model::PlanDocument;
use ascn_model::{
    CityId, Pairing, PairingDraft, PairingId, PlanId, ProgressEntry, Project, ProjectId, Revision,
};
use ascn_store::Error;
use ascn_store::FolderEntry;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::state::off_runtime;
use crate::{AppError, AppState};

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn progress_report(
    state: State<'_, AppState>,
    plan_id: PlanId,
    year: i32,
) -> Result<ProgressReport, AppError> {
    // From the plan document: a year looked at again and again reads the workspace once.
    state.with(|ws| Ok(progress::report(&ws.document(plan_id)?.projects, year)))
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
    state.with(|ws| ws.pairing_suggestions(city_id))
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
    let scope = country.map_or(Scope::Network, Scope::Country);
    let (plans, reference) = state.plans_in(&scope)?;
    let membership = state.with(|ws| ws.membership(&scope))?;
    off_runtime(move || {
        Ok(RollUp {
            membership: Some(membership),
            ..rollup::of_plans(&reference, &scope, &plans)
        })
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn preview_folder(
    state: State<'_, AppState>,
    folder: PathBuf,
) -> Result<Vec<StagedFolderEntry>, AppError> {
    // The files are read before the workspace is taken; only the comparison holds it.
    let files = off_runtime(move || Ok(ascn_formats::import::read_plan_files(&folder)?)).await?;
    let entries = state.with(|ws| ws.preview_files(files))?;
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
    let (plans, reference) = state.plans_in(&scope)?;
    off_runtime(move || write_annual_report_of(&reference, &scope, &plans, year, &folder)).await
}

/// Draws and writes the annual report of plans already read: the workspace is not held, so
/// saves go on while it is written.
pub fn write_annual_report_of(
    reference: &Reference,
    scope: &Scope,
    plans: &[Arc<PlanDocument>],
    year: Option<i32>,
    folder: &Path,
) -> Result<Vec<String>, AppError> {
    std::fs::create_dir_all(folder).map_err(|source| Error::io(folder.to_path_buf(), source))?;
    let report = annual::build(reference, scope, plans, year);
    let written = annual::write(&report, folder)?;
    Ok(written.iter().map(|p| p.display().to_string()).collect())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use ascn_store::{demo, Workspace};

    use super::*;

    /// The annual report is drawn after the workspace is let go: autosaves made while the
    /// network's report is written wait for no report.
    #[test]
    fn an_autosave_finishes_within_100_ms_while_the_network_report_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("network.ascn");
        {
            let mut ws = Workspace::open(&path).unwrap();
            for (i, city) in ws.cities().unwrap().into_iter().enumerate() {
                demo::fill(&mut ws, city.id, 20, i as u64).unwrap();
            }
        }
        let state = Arc::new(AppState::open(Some(path), None));
        let (plan, mut draft, id) = state
            .with(|ws| {
                let city = ws.city_by_name("Da Nang")?;
                let plan = ws.plan_of_city(city.id)?.expect("a plan").id;
                let project = ws.plan_projects(plan)?.remove(0);
                Ok((plan, project.draft, project.id))
            })
            .unwrap();
        let (read, drawing) = std::sync::mpsc::channel();
        let writer = {
            let state = Arc::clone(&state);
            let out = dir.path().join("report");
            std::thread::spawn(move || {
                // As the command does: read under the lock, draw without it.
                let (plans, reference) = state.plans_in(&Scope::Network).unwrap();
                read.send(plans.len()).unwrap();
                write_annual_report_of(&reference, &Scope::Network, &plans, None, &out).unwrap()
            })
        };
        assert_eq!(
            drawing.recv().unwrap(),
            29,
            "the 29 member cities' plans were read"
        );
        let mut slowest = Duration::ZERO;
        for i in 0..5 {
            draft.description = format!("Typed while the report is drawn, {i}");
            let started = Instant::now();
            state
                .with(|ws| ws.save_project(plan, Some(id), &draft))
                .unwrap();
            slowest = slowest.max(started.elapsed());
        }
        assert!(
            !writer.is_finished(),
            "the saves ran while the report was being drawn"
        );
        assert!(
            slowest < Duration::from_millis(100),
            "an autosave took {slowest:?}"
        );
        let written = writer.join().unwrap();
        assert_eq!(written.len(), 3, "PDF, spreadsheet and JSON: {written:?}");
    }
}
