//! The plan document: one whole plan as every view, chart, report and export reads it.
//!
//! The store loads it in one read transaction, so it is one consistent snapshot even while
//! another program writes; a plan read from a file becomes the same value. Everything
//! downstream is a function of documents and the framework reference, never of the store.

use crate::{City, District, Pairing, Partner, Plan, Project};

/// A city's plan with everything it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanDocument {
    pub city: City,
    /// The plan's own fields: period, vision, context, chosen focus areas with their rationale
    /// and outcomes, status, framework version, version.
    pub plan: Plan,
    /// Its live projects, ordered by code, each whole.
    pub projects: Vec<Project>,
    pub partners: Vec<Partner>,
    /// The pairings the city agreed.
    pub pairings: Vec<Pairing>,
    /// The city's districts, for the map.
    pub districts: Vec<District>,
    /// The number of the plan's latest submitted revision (0 when never submitted).
    pub revision: u32,
}

impl PlanDocument {
    /// The plan period as `(start, end)`.
    pub fn period(&self) -> (i32, i32) {
        (self.plan.period_start, self.plan.period_end)
    }
}
