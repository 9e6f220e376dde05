use ascn_model::{CityId, Partner, PartnerDraft, PlanDraft, PlanId, PlanOverview};
use tauri::State;

use crate::{AppError, AppState};

/// Opens (starting if needed) the city's plan of `period`, or without one its latest plan, and
/// remembers the city for the next launch.
#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn open_plan(
    state: State<'_, AppState>,
    city_id: CityId,
    period: Option<String>,
) -> Result<PlanOverview, AppError> {
    state.with(|ws| {
        let plan = match period {
            Some(period) => ws.open_plan_in(city_id, &period)?,
            None => ws.open_plan(city_id)?,
        };
        ws.remember_city(city_id)?;
        ws.overview(plan.id)
    })
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn plan_overview(
    state: State<'_, AppState>,
    plan_id: PlanId,
) -> Result<PlanOverview, AppError> {
    state.with(|ws| ws.overview(plan_id))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state, draft), err(level = "info"))]
pub async fn update_plan(
    state: State<'_, AppState>,
    plan_id: PlanId,
    draft: PlanDraft,
    base_version: Option<i64>,
) -> Result<PlanOverview, AppError> {
    state.with(|ws| {
        ws.update_plan_from(plan_id, &draft, base_version)?;
        ws.overview(plan_id)
    })
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn list_partners(
    state: State<'_, AppState>,
    plan_id: PlanId,
) -> Result<Vec<Partner>, AppError> {
    state.with(|ws| ws.partners(plan_id))
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn add_partner(
    state: State<'_, AppState>,
    plan_id: PlanId,
    draft: PartnerDraft,
) -> Result<Partner, AppError> {
    state.with(|ws| ws.add_partner(plan_id, &draft))
}
