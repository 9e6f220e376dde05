//! Plans of several cities side by side, for the facilitator of a workshop: what each city chose,
//! how many projects and how much money in each focus area, and how ready each plan is.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use std::sync::Arc;

use crate::analysis;
use crate::framework::Reference;
use crate::readiness::{self, Severity};
use crate::{City, CityId, Plan, PlanDocument, PlanId, PlanStatus, Project};

/// One focus area of one city's plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AreaCell {
    pub focus_area: String,
    pub chosen: bool,
    pub projects: u32,
    /// In the plan's main currency.
    pub budget: f64,
}

/// One city's plan in the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanColumn {
    pub city_id: CityId,
    pub plan_id: PlanId,
    pub city: String,
    pub country: String,
    pub status: PlanStatus,
    pub sample: bool,
    pub projects: u32,
    pub partners: u32,
    pub kpis: u32,
    /// The plan's main currency, if any funding is recorded.
    pub currency: Option<String>,
    pub budget: f64,
    /// One per focus area of the framework, in its order.
    pub areas: Vec<AreaCell>,
    pub readiness_errors: u32,
    pub readiness_warnings: u32,
}

/// The columns of `plans`, in the order given.
pub fn plans(reference: &Reference, plans: &[Arc<PlanDocument>]) -> Vec<PlanColumn> {
    plans
        .iter()
        .map(|d| column(reference, &d.city, &d.plan, &d.projects, d.partners.len()))
        .collect()
}

/// One city's column, from its plan, the plan's projects and the count of its partners.
pub fn column(
    reference: &Reference,
    city: &City,
    plan: &Plan,
    projects: &[Project],
    partners: usize,
) -> PlanColumn {
    let currency = analysis::main_currency(projects);
    let cur = currency.as_deref();
    let findings = readiness::check(plan, projects);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count() as u32;
    // One walk of the projects: each project's budget counted once, in its area and the total.
    let mut areas: Vec<AreaCell> = reference
        .focus_areas
        .iter()
        .map(|area| AreaCell {
            focus_area: area.code.clone(),
            chosen: plan.focus_areas.iter().any(|c| c.focus_area == area.code),
            projects: 0,
            budget: 0.0,
        })
        .collect();
    let mut budget = 0.0;
    for p in projects {
        let own = analysis::budget_in(p, cur);
        budget += own;
        if let Some(cell) = areas
            .iter_mut()
            .find(|c| c.focus_area == p.draft.primary_focus_area)
        {
            cell.projects += 1;
            cell.budget += own;
        }
    }
    PlanColumn {
        city_id: city.id,
        plan_id: plan.id,
        country: reference
            .member_state(&city.member_state)
            .map_or(city.member_state.clone(), |m| m.name.clone()),
        city: city.name.clone(),
        status: plan.status,
        sample: plan.sample,
        projects: projects.len() as u32,
        partners: partners as u32,
        kpis: projects.iter().map(|p| p.draft.kpis.len() as u32).sum(),
        budget,
        currency,
        areas,
        readiness_errors: count(Severity::Error),
        readiness_warnings: count(Severity::Warning),
    }
}
