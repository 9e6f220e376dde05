use ascn_model::{City, NewCity};
use tauri::State;

use crate::{AppError, AppState};

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn list_cities(state: State<'_, AppState>) -> Result<Vec<City>, AppError> {
    state.with(|ws| ws.cities())
}

#[tauri::command(rename_all = "snake_case")]
#[tracing::instrument(skip(state), err(level = "info"))]
pub async fn add_city(state: State<'_, AppState>, city: NewCity) -> Result<City, AppError> {
    state.with(|ws| ws.add_city(&city))
}
