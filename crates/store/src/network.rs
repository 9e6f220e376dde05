//! Reads across the cities of the workspace: the plans of a roll-up's scope, and the plans
//! pairing suggestions compare. What is made of them is the model's ([`rollup`], [`pairing`]).

use std::sync::Arc;

use super::Workspace;
use crate::error::Result;
use ascn_model::pairing::{self, Suggestion};
use ascn_model::rollup::{self, Membership, RollUp, Scope};
use ascn_model::{City, CityId, PlanDocument, PlanId};

impl Workspace {
    /// The plans of the workspace a roll-up of `scope` covers ([`rollup::select`]), each as its
    /// plan document ([`Workspace::documents`]).
    /// Each city's latest plan.
    pub fn plans_in(&self, scope: &Scope) -> Result<Vec<Arc<PlanDocument>>> {
        self.plans_in_period(scope, None)
    }

    /// [`Workspace::plans_in`], with each city's plan of `period` (a code such as `2018-2025`)
    /// rather than its latest.
    pub fn plans_in_period(
        &self,
        scope: &Scope,
        period: Option<&str>,
    ) -> Result<Vec<Arc<PlanDocument>>> {
        let ids = self.plans_of_cities(|c| scope.covers(c), period)?;
        Ok(rollup::select(scope, self.documents(&ids)?))
    }

    /// The plans (of `period`, else the latest) of the cities with a plan that `keep` keeps, in
    /// the order of [`Workspace::cities`].
    fn plans_of_cities(
        &self,
        keep: impl Fn(&City) -> bool,
        period: Option<&str>,
    ) -> Result<Vec<PlanId>> {
        let mut plans = Vec::new();
        for city in self.cities()?.into_iter().filter(|c| c.has_plan && keep(c)) {
            let plan = match period {
                Some(period) => self.plan_in_period(city.id, period)?,
                None => self.plan_of_city(city.id)?,
            };
            if let Some(plan) = plan {
                plans.push(plan.id);
            }
        }
        Ok(plans)
    }

    /// The roll-up of every city with a plan in the workspace within `scope`; cities in the order
    /// of their country, then name.
    pub fn roll_up(&self, scope: &Scope) -> Result<RollUp> {
        Ok(RollUp {
            membership: Some(self.membership(scope)?),
            ..rollup::of_plans(&self.reference, scope, &self.plans_in(scope)?)
        })
    }

    /// The member cities of the network this year within `scope`, and how many have a plan.
    pub fn membership(&self, scope: &Scope) -> Result<Membership> {
        Ok(rollup::membership(
            scope,
            &self.cities()?,
            ascn_model::clock::this_year(),
        ))
    }

    /// Pairings suggested for `city` against every other city with a plan (none when the city
    /// has no plan yet).
    pub fn pairing_suggestions(&self, city: CityId) -> Result<Vec<Suggestion>> {
        let Some(mine) = self.plan_of_city(city)? else {
            return Ok(Vec::new());
        };
        let mine = self.document(mine.id)?;
        let others = self.documents(&self.plans_of_cities(|c| c.id != city, None)?)?;
        Ok(pairing::suggestions(&self.reference, &mine, &others))
    }
}
