//! The national and network views: every city's plan of a member state (for its National
//! Representative) or of the whole network (for the ASEAN Secretariat) side by side.
//!
//! Built on [`crate::compare`] (one column per city) with what a national report adds: funding by
//! source, projects running per year, KPIs and yearly progress. Money is never converted between
//! currencies: each city's figures are in its plan's main currency and totals are kept per
//! currency.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analysis::{self, FundingSum};
use crate::compare::{self, PlanColumn};
use crate::framework::Reference;
use crate::progress;
use crate::{City, CityId, PlanDocument};

/// One city's line in the roll-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CityLine {
    #[serde(flatten)]
    pub plan: PlanColumn,
    /// By source, committed and pipeline, in the plan's main currency.
    pub funding: Vec<FundingSum>,
    /// Projects running in each year of the roll-up's `years`.
    pub running: Vec<u32>,
    /// The latest year with any progress reported, if any.
    pub progress_year: Option<i32>,
    /// Mean percent complete of the projects reported on in that year.
    pub percent_complete: Option<f64>,
    /// KPIs with an actual value for that year, and how many of those are on track.
    pub kpis_reported: u32,
    pub kpis_on_track: u32,
}

/// Sums over all cities in one currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CurrencyTotal {
    pub currency: String,
    pub cities: u32,
    pub budget: f64,
    pub funding: Vec<FundingSum>,
}

/// Several cities' plans in one view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RollUp {
    /// "Viet Nam", "ASEAN Smart Cities Network", or the city's name.
    pub title: String,
    pub scope: Scope,
    /// Focus-area codes in the Framework's order, the columns of the coverage matrix.
    pub focus_areas: Vec<String>,
    /// Every year of any plan's period, the columns of the timeline.
    pub years: Vec<i32>,
    pub cities: Vec<CityLine>,
    pub projects: u32,
    pub kpis: u32,
    /// Cities that chose each focus area, in the order of `focus_areas`.
    pub coverage: Vec<u32>,
    pub totals: Vec<CurrencyTotal>,
    /// The member cities of the network in the scope and how many have a plan; `None` for a
    /// roll-up of a folder of plan files, which knows only the cities it holds.
    pub membership: Option<Membership>,
}

/// "29 member cities, 26 with a plan".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Membership {
    pub members: u32,
    pub with_plan: u32,
}

/// The member cities in `year` among `cities` that `scope` covers, and how many have a plan.
pub fn membership(scope: &Scope, cities: &[City], year: i32) -> Membership {
    let members = cities
        .iter()
        .filter(|c| scope.covers(c) && c.member_in(year));
    Membership {
        members: members.clone().count() as u32,
        with_plan: members.filter(|c| c.has_plan).count() as u32,
    }
}

/// Title of the network-wide roll-up.
pub const NETWORK: &str = "ASEAN Smart Cities Network";

/// Whose plans a roll-up (or an annual report) covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[ts(export)]
pub enum Scope {
    /// Every city of the network: the ASEAN Secretariat's view.
    Network,
    /// The cities of one member state (ISO alpha-3): its National Representative's view.
    Country(String),
    /// One city.
    City(CityId),
}

impl Scope {
    /// Whether the city is one the scope covers.
    pub fn covers(&self, city: &City) -> bool {
        match self {
            Scope::Network => true,
            Scope::Country(iso) => &city.member_state == iso,
            Scope::City(id) => city.id == *id,
        }
    }
}

/// Of plans read from files (a folder may hold two periods of one city): those of `period`, or
/// without one each city's plan of its latest period; in the order given.
pub fn of_period(plans: Vec<Arc<PlanDocument>>, period: Option<&str>) -> Vec<Arc<PlanDocument>> {
    let city = |d: &PlanDocument| (d.city.member_state.clone(), d.city.name.to_lowercase());
    match period {
        Some(period) => plans
            .into_iter()
            .filter(|d| d.plan.period == period)
            .collect(),
        None => plans
            .iter()
            .filter(|d| {
                // Period codes are `START-END` with four-digit years: they sort by time.
                !plans
                    .iter()
                    .any(|o| city(o) == city(d) && o.plan.period > d.plan.period)
            })
            .cloned()
            .collect(),
    }
}

/// The plans a roll-up of `scope` covers, in the order of their country, then city name: those
/// of cities in the scope with a started plan (a project, a focus area or a vision; opening a
/// city in the app starts an empty plan, which is not a plan to report on).
pub fn select(scope: &Scope, mut plans: Vec<Arc<PlanDocument>>) -> Vec<Arc<PlanDocument>> {
    plans.retain(|doc| {
        let in_scope = scope.covers(&doc.city);
        let started = !doc.projects.is_empty()
            || !doc.plan.focus_areas.is_empty()
            || !doc.plan.vision.trim().is_empty();
        in_scope && started
    });
    plans.sort_by(|a, b| {
        (&a.city.member_state, a.city.name.to_lowercase())
            .cmp(&(&b.city.member_state, b.city.name.to_lowercase()))
    });
    plans
}

/// The roll-up of `plans`, read from the workspace (`Workspace::plans_in`) or from a folder of
/// plan files alike: a function of the documents and the reference only, so a report is drawn
/// after the workspace is let go.
pub fn of_plans(reference: &Reference, scope: &Scope, plans: &[Arc<PlanDocument>]) -> RollUp {
    let years: Vec<i32> = match (
        plans.iter().map(|p| p.plan.period_start).min(),
        plans.iter().map(|p| p.plan.period_end).max(),
    ) {
        (Some(start), Some(end)) => (start..=end).collect(),
        _ => Vec::new(),
    };

    let mut lines = Vec::with_capacity(plans.len());
    for doc in plans {
        let PlanDocument {
            city,
            plan,
            projects,
            partners,
            ..
        } = &**doc;
        let column = compare::column(reference, city, plan, projects, partners.len());
        let currency = column.currency.clone();
        let report = progress::latest_year(projects).map(|year| progress::totals(projects, year));
        lines.push(CityLine {
            funding: analysis::funding_by_source(projects, currency.as_deref()),
            running: years
                .iter()
                .map(|&y| projects.iter().filter(|p| p.draft.runs_in(y)).count() as u32)
                .collect(),
            progress_year: report.as_ref().map(|r| r.year),
            percent_complete: report.as_ref().and_then(|r| r.mean_percent),
            kpis_reported: report.as_ref().map_or(0, |r| r.kpis_reported),
            kpis_on_track: report.as_ref().map_or(0, |r| r.kpis_on_track),
            plan: column,
        });
    }

    let focus_areas: Vec<String> = reference
        .focus_areas
        .iter()
        .map(|a| a.code.clone())
        .collect();
    let coverage = (0..focus_areas.len())
        .map(|i| lines.iter().filter(|l| l.plan.areas[i].chosen).count() as u32)
        .collect();
    let title = match scope {
        Scope::Country(iso) => reference
            .member_state(iso)
            .map_or_else(|| iso.clone(), |m| m.name.clone()),
        Scope::Network => NETWORK.to_string(),
        Scope::City(id) => plans
            .iter()
            .find(|p| p.city.id == *id)
            .map_or_else(String::new, |p| p.city.name.clone()),
    };
    RollUp {
        title,
        scope: scope.clone(),
        focus_areas,
        years,
        projects: lines.iter().map(|l| l.plan.projects).sum(),
        kpis: lines.iter().map(|l| l.plan.kpis).sum(),
        coverage,
        totals: totals(&lines),
        cities: lines,
        membership: None,
    }
}

/// Budget and funding summed over the cities that plan in each currency.
fn totals(lines: &[CityLine]) -> Vec<CurrencyTotal> {
    let mut by_currency: BTreeMap<&str, CurrencyTotal> = BTreeMap::new();
    for line in lines {
        let Some(currency) = line.plan.currency.as_deref() else {
            continue;
        };
        let total = by_currency
            .entry(currency)
            .or_insert_with(|| CurrencyTotal {
                currency: currency.to_string(),
                cities: 0,
                budget: 0.0,
                funding: Vec::new(),
            });
        total.cities += 1;
        total.budget += line.plan.budget;
        for sum in &line.funding {
            match total.funding.iter_mut().find(|f| f.label == sum.label) {
                Some(f) => {
                    f.committed += sum.committed;
                    f.pipeline += sum.pipeline;
                }
                None => total.funding.push(sum.clone()),
            }
        }
    }
    by_currency.into_values().collect()
}
