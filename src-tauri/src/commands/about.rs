//! The About dialog: versions, licences, where the workspace lives; and updates, checked only
//! when the user asks.

use std::sync::Mutex;

use ascn_model::says;
use ascn_store::backup;
use serde::Serialize;
use tauri::{AppHandle, State};
use ts_rs::TS;

use crate::updates::{self, Pending, Source, UpdateOffer};
use crate::{AppError, AppState};

/// Something the app ships that is someone else's work, and its licence.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct Credit {
    pub what: String,
    pub licence: String,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct About {
    pub app_version: String,
    /// The workspace schema (SQLite `user_version`) this app writes.
    pub schema_version: i64,
    /// The ASCF plan-file format version this app writes.
    pub plan_file_version: u32,
    pub workspace: String,
    pub backups: String,
    pub credits: Vec<Credit>,
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(app, state), err(level = "info"))]
pub async fn about(app: AppHandle, state: State<'_, AppState>) -> Result<About, AppError> {
    let workspace = state.with(|ws| Ok(ws.path().to_path_buf()))?;
    let credit = |what: &str, licence: &str| Credit {
        what: what.into(),
        licence: licence.into(),
    };
    Ok(About {
        app_version: app.package_info().version.to_string(),
        schema_version: ascn_store::migrations::LATEST,
        plan_file_version: ascn_model::plan_file::VERSION,
        backups: backup::folder_of(&workspace).display().to_string(),
        workspace: workspace.display().to_string(),
        credits: vec![
            credit(
                "Noto Sans, Noto Sans Thai, Lao, Khmer, Myanmar, Tamil, Noto Naskh Arabic, Noto Sans SC (fonts)",
                "SIL Open Font Licence 1.1",
            ),
            credit("DejaVu Sans (font)", "DejaVu Fonts licence (Bitstream Vera)"),
            credit("Natural Earth 1:50m country boundaries (map data), via world-atlas", "public domain; world-atlas ISC"),
            credit("GeoNames coordinates of the member cities", "Creative Commons Attribution 4.0"),
            credit("Leaflet (the map screen's map library)", "BSD 2-Clause"),
        ],
    })
}

/// The update found by the last check, waiting for the user.
#[derive(Default)]
pub struct PendingUpdate(pub Mutex<Option<Pending>>);

/// Checks `source` (an https address or a folder) for a newer version; the installer is
/// fetched and its signature verified before it is offered.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(app, pending), err(level = "info"))]
pub async fn check_for_update(
    app: AppHandle,
    pending: State<'_, PendingUpdate>,
    source: String,
) -> Result<Option<UpdateOffer>, AppError> {
    let found = updates::check(&app, &Source::parse(&source)?).await?;
    // What an earlier check found gives way to this one's answer.
    let (offer, update) = found.unzip();
    *pending.0.lock().unwrap_or_else(|p| p.into_inner()) = update;
    Ok(offer)
}

/// Installs the update the last check offered, then restarts the app.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(app, pending), err(level = "info"))]
pub async fn install_update(
    app: AppHandle,
    pending: State<'_, PendingUpdate>,
) -> Result<(), AppError> {
    let update = pending
        .0
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take()
        .ok_or_else(|| {
            AppError::new(
                crate::ErrorCode::Conflict,
                says!(
                    errors: "noUpdateWaiting",
                    "No update is waiting: check for updates first."
                ),
            )
        })?;
    crate::state::off_runtime(move || update.install()).await?;
    app.restart()
}
