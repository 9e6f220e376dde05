//! Plan periods: the switcher and side-by-side view, the carry-over step, closing a period.

use std::path::PathBuf;

use ascn_formats::export::closeout;
use ascn_model::periods::CarryChoice;
use ascn_model::{CityId, PlanId, PlanOverview};
use ascn_store::periods::{CarryOver, CityPeriods};
use ascn_store::Error;
use tauri::State;

use crate::state::off_runtime;
use crate::{AppError, AppState};

/// Every plan period with the city's plan in it, if any, side by side.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn city_periods(
    state: State<'_, AppState>,
    city_id: CityId,
) -> Result<CityPeriods, AppError> {
    state.with(|ws| ws.periods_of_city(city_id))
}

/// What the carry-over step into the city's plan of `period` offers.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn carry_over(
    state: State<'_, AppState>,
    city_id: CityId,
    period: String,
) -> Result<CarryOver, AppError> {
    state.with(|ws| ws.carry_over(city_id, &period))
}

/// Starts the city's plan of `period` from its last one, as the user chose (the version of the
/// Framework too, by default the last plan's); opens it.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state, choices), err(level = "info"))]
pub async fn start_period(
    state: State<'_, AppState>,
    city_id: CityId,
    period: String,
    choices: Vec<CarryChoice>,
    framework: Option<i32>,
) -> Result<PlanOverview, AppError> {
    state.with(|ws| {
        let started = ws.start_period(city_id, &period, &choices, framework)?;
        ws.overview(started.plan.id)
    })
}

/// Closes the plan's period (unless it is closed already) and writes its close-out report, PDF
/// and XLSX, into `folder`; the report is drawn after the workspace is let go.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn close_period(
    state: State<'_, AppState>,
    plan_id: PlanId,
    folder: PathBuf,
) -> Result<Vec<String>, AppError> {
    let report = state.with(|ws| {
        if ws.plan(plan_id)?.closed_on.is_none() {
            ws.close_plan(plan_id)?;
        }
        ws.close_out(plan_id)
    })?;
    off_runtime(move || {
        std::fs::create_dir_all(&folder).map_err(|source| Error::io(folder.clone(), source))?;
        let written = closeout::write(&report, &folder)?;
        Ok(written.iter().map(|p| p.display().to_string()).collect())
    })
    .await
}
