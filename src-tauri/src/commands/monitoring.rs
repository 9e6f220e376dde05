//! The Secretariat's monitoring: its table of the network's projects previewed and imported,
//! its yearly M&E report written, and the years known, for the national view's panel.

use std::path::PathBuf;

use ascn_formats::charts::monitoring as charts;
use ascn_formats::export::monitoring as report_files;
use ascn_formats::import::monitoring::read_sheets;
use ascn_model::monitoring::{table, Figures};
use ascn_model::zawgyi::{self, ZawgyiText};
use ascn_store::{Error, MeImport};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::state::off_runtime;
use crate::{AppError, AppState};

/// What importing the Secretariat's table does, or would do, and the texts in it that look like
/// Burmese in Zawgyi (converted to Unicode when asked).
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct MeTableImport {
    pub import: MeImport,
    pub zawgyi: Vec<ZawgyiText>,
}

/// Reads and checks the table at `path`, then imports it into each city's plan of `period`
/// (default: the period of today), or, with `apply` false, shows what importing would do.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn import_me_table(
    state: State<'_, AppState>,
    path: PathBuf,
    period: Option<String>,
    apply: bool,
    convert_zawgyi: bool,
) -> Result<MeTableImport, AppError> {
    // The file is read before the workspace is taken; only the checks and writes hold it.
    let (sheets, zawgyi) = off_runtime(move || {
        let mut sheets = read_sheets(&path)?;
        let found = zawgyi::in_sheets(&sheets);
        if convert_zawgyi {
            zawgyi::convert_sheets(&mut sheets);
        }
        Ok((sheets, found))
    })
    .await?;
    let import = state.with(|ws| {
        let checked =
            table::check(&sheets, ws.reference(), &ws.cities()?).map_err(Error::invalid)?;
        ws.import_me_table(&checked, period.as_deref(), apply)
    })?;
    Ok(MeTableImport { import, zawgyi })
}

/// Writes the M&E report of `year` (PDF, XLSX, JSON) into `folder` and keeps its figures for
/// the years after; drawn after the workspace is let go.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn write_me_report(
    state: State<'_, AppState>,
    year: i32,
    folder: PathBuf,
) -> Result<Vec<String>, AppError> {
    let report = state.with(|ws| ws.me_report(year, None))?;
    let figures = report.figures.clone();
    let written = off_runtime(move || {
        std::fs::create_dir_all(&folder).map_err(|source| Error::io(folder.clone(), source))?;
        Ok(report_files::write(&report, &folder)?)
    })
    .await?;
    state.with(|ws| ws.keep_me_figures(&figures))?;
    Ok(written.iter().map(|p| p.display().to_string()).collect())
}

/// The years the workspace's M&E reports were written for, with their charts.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct MeTrend {
    /// Oldest first; empty before the first report is written.
    pub years: Vec<Figures>,
    /// SVG: projects by status, year by year (empty when no year is known).
    pub by_status: String,
    /// SVG: projects by focus area, year by year (empty when no year is known).
    pub by_focus_area: String,
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn me_trend(state: State<'_, AppState>) -> Result<MeTrend, AppError> {
    let years = state.with(|ws| ws.me_figures())?;
    off_runtime(move || {
        let (by_status, by_focus_area) = if years.is_empty() {
            (String::new(), String::new())
        } else {
            (
                charts::trend_by_status(&years)?,
                charts::trend_by_focus_area(&years)?,
            )
        };
        Ok(MeTrend {
            years,
            by_status,
            by_focus_area,
        })
    })
    .await
}
