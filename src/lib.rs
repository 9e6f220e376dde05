//! ASCN Action Planner core: a city's Smart City Action Plan 2018–2025, its storage and the
//! operations the desktop app and the `ascn-plan` CLI share.
//!
//! - [`model`]: the plan as data (one set of serde types, also exported to TypeScript), and its
//!   field-level [`model::validation`].
//! - [`framework`]: the ASEAN Smart Cities Framework reference data shipped with the app.
//! - [`geometry`]: project locations and districts, checked and measured with `geo`.
//! - [`map`]: the plan on an offline map (bundled Natural Earth boundaries), as data and SVG.
//! - [`readiness`]: what a plan still lacks before submission, rule by rule.
//! - [`store`]: the SQLite workspace, its migrations and every read and write.
//! - [`analysis`]: the sums and groupings every view shows (timeline, sectors, funding).
//! - [`charts`]: the same analysis drawn to SVG with plotters.
//! - [`progress`]: yearly progress, plan against actual; [`revisions`]: what changed between
//!   two versions of a plan; [`rollup`]: several cities' plans in a national or network view;
//!   [`pairing`]: suggested pairings with other cities and partners, with their reasons.
//! - [`demo`]: plausible sample plans, clearly marked, for trying the app, tests and benchmarks.
//!
//! The core knows nothing of Tauri or of the UI.

pub mod analysis;
pub mod charts;
pub mod clock;
pub mod compare;
pub mod demo;
pub mod error;
pub mod export;
pub mod framework;
pub mod geometry;
pub mod import;
pub mod map;
pub mod model;
pub mod pairing;
pub mod progress;
pub mod readiness;
pub mod revisions;
pub mod rollup;
pub mod search;
pub mod store;

pub use error::{Error, Result};
pub use store::Workspace;
