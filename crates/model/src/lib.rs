//! ASCN Action Planner's model: a city's Smart City Action Plan as data, the rules it must keep,
//! the ASEAN Smart Cities Framework reference, and every view of plans that is a pure function of
//! [`PlanDocument`]s and the reference. No I/O and no SQLite: the store reads documents, the
//! formats crate writes them, and both stand on this crate.
//!
//! - the types ([`Plan`], [`Project`], …, and [`PlanDocument`], a whole plan read at once), one set
//!   of serde types also exported to TypeScript; [`validation`]: the field-level rules;
//! - [`framework`]: the Framework reference data shipped with the app;
//! - [`geometry`]: project locations and districts, checked and measured with `geo`;
//! - [`plan_file`]: the ASCF plan file, the document in the Framework's shape, and reading it back;
//! - [`analysis`]: the sums and groupings every view shows; [`readiness`]: what a plan still lacks;
//!   [`progress`]: plan against actual; [`revisions`]: what changed between two versions;
//!   [`compare`], [`rollup`]: several cities side by side and rolled up; [`pairing`]: suggested
//!   pairings with their reasons; [`search`]: finding text in a plan; [`periods`]: carrying a plan
//!   into the next period and closing one; [`monitoring`]: the Secretariat's yearly M&E report
//!   and its table;
//! - [`clock`]: dates in the user's local time; [`error`]: what goes wrong, said for the user.

pub mod analysis;
pub mod clock;
pub mod compare;
pub mod document;
pub mod error;
pub mod framework;
pub mod geometry;
pub mod languages;
pub mod monitoring;
pub mod pairing;
pub mod periods;
pub mod plan_file;
pub mod progress;
pub mod readiness;
pub mod revisions;
pub mod rollup;
pub mod search;
mod types;
pub mod validation;
pub mod zawgyi;

pub use document::PlanDocument;
pub use error::{Error, Result, Thing};
pub use types::*;
