//! Reads across the cities of the workspace: the plans of a roll-up's scope, and the plans
//! pairing suggestions compare. What is made of them is the model's ([`rollup`], [`pairing`]).

use std::sync::Arc;

use super::Workspace;
use crate::error::Result;
use ascn_model::pairing::{self, Suggestion};
use ascn_model::rollup::{self, CityPlan, RollUp, Scope};
use ascn_model::{CityId, PlanDocument};

impl Workspace {
    /// Every city with a started plan (a project, a focus area or a vision) in the workspace within
    /// `scope`, in the order of their country, then name, each with its plan and projects.
    pub fn plans_in(&self, scope: &Scope) -> Result<Vec<CityPlan>> {
        let ws = self;
        let mut cities: Vec<_> = ws
            .cities()?
            .into_iter()
            .filter(|c| {
                c.has_plan
                    && match scope {
                        Scope::Network => true,
                        Scope::Country(iso) => &c.member_state == iso,
                        Scope::City(id) => c.id == *id,
                    }
            })
            .collect();
        cities.sort_by(|a, b| {
            (&a.member_state, a.name.to_lowercase()).cmp(&(&b.member_state, b.name.to_lowercase()))
        });
        let mut started = Vec::with_capacity(cities.len());
        for city in cities {
            if let Some(plan) = ws.plan_of_city(city.id)? {
                started.push((city, plan));
            }
        }
        let ids: Vec<_> = started.iter().map(|(_, plan)| plan.id).collect();
        let mut plans = Vec::with_capacity(started.len());
        for ((city, plan), projects) in started.into_iter().zip(ws.plans_projects(&ids)?) {
            // Opening a city in the app starts its plan; one with nothing in it yet is not a plan
            // to report on.
            if projects.is_empty() && plan.focus_areas.is_empty() && plan.vision.trim().is_empty() {
                continue;
            }
            plans.push(CityPlan {
                partners: ws.partners(plan.id)?,
                city,
                plan,
                projects,
            });
        }
        Ok(plans)
    }

    /// The roll-up of every city with a plan in the workspace within `scope`; cities in the order
    /// of their country, then name.
    pub fn roll_up(&self, scope: &Scope) -> Result<RollUp> {
        Ok(rollup::of_plans(
            &self.reference,
            scope,
            &self.plans_in(scope)?,
        ))
    }

    /// Pairings suggested for `city` against every other city with a plan (none when the city
    /// has no plan yet).
    pub fn pairing_suggestions(&self, city: CityId) -> Result<Vec<Suggestion>> {
        let Some(mine) = self.plan_of_city(city)? else {
            return Ok(Vec::new());
        };
        let mine = self.document(mine.id)?;
        let mut others: Vec<Arc<PlanDocument>> = Vec::new();
        for other in self
            .cities()?
            .into_iter()
            .filter(|c| c.has_plan && c.id != city)
        {
            if let Some(plan) = self.plan_of_city(other.id)? {
                others.push(self.document(plan.id)?);
            }
        }
        Ok(pairing::suggestions(&self.reference, &mine, &others))
    }
}
