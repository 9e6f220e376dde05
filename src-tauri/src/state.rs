//! What the shell keeps between commands: the open workspace, or why it could not be opened.

use std::path::PathBuf;
use std::sync::Mutex;

use ascn_planner::{store, Workspace};

use crate::error::AppError;

pub struct AppState {
    workspace: Result<Mutex<Workspace>, AppError>,
}

impl AppState {
    /// Opens the workspace; a failure is kept and shown by the UI rather than crashing the app.
    pub fn open(flag: Option<PathBuf>) -> Self {
        let workspace = store::resolve_path(flag)
            .and_then(Workspace::open)
            .map(Mutex::new)
            .map_err(|e| {
                tracing::error!(error = %e, "workspace could not be opened");
                AppError::from(e)
            });
        AppState { workspace }
    }

    /// Runs `f` on the workspace, one command at a time.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Workspace) -> ascn_planner::Result<T>,
    ) -> Result<T, AppError> {
        let mutex = self.workspace.as_ref().map_err(Clone::clone)?;
        // A panic in an earlier command poisons the lock; the connection itself is still sound
        // because every write is a transaction that rolled back.
        let mut workspace = mutex
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut workspace).map_err(AppError::from)
    }
}
