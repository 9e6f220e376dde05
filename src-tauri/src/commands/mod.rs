//! The IPC surface, one file per screen area. Each command takes typed arguments, calls the
//! core through [`crate::AppState::with`] and returns the core's types or an [`crate::AppError`].
//! Arguments are snake_case in JavaScript too, like the generated types.

pub mod about;
pub mod cities;
pub mod files;
pub mod monitoring;
pub mod national;
pub mod periods;
pub mod plans;
pub mod projects;
pub mod text;
pub mod views;
pub mod workshop;
pub mod workspace;
