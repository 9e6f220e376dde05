//! ASCN Action Planner's formats: the files people exchange, each a pure function of plan
//! documents and the reference data (never of the store), so a plan read from a folder and one
//! read from the workspace go down the same path.
//!
//! - [`export`]: a plan as the plan file, a spreadsheet, a PDF report, GeoJSON and IATI XML,
//!   and the network's annual report;
//! - [`import`]: files read back in: the projects spreadsheet (its [`import::numbers`] rules),
//!   plan files from a folder, size-checked file reads;
//! - [`charts`]: the analysis drawn to SVG with plotters; [`map`]: the plan on an offline map.

pub mod charts;
pub mod export;
pub mod import;
pub mod map;
