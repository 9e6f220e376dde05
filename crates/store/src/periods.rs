//! Plan periods in the workspace: starting a city's plan of the next period from its last one
//! (the carry-over step), and closing a period. What carries and how is the model's
//! ([`ascn_model::periods`]); this writes it, each in one transaction.

use ascn_model::Thing;
use std::collections::HashMap;

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::history::{self, Change};
use super::{now, Workspace};
use crate::error::{Error, Result};
use ascn_model::compare::{self, PlanColumn};
use ascn_model::framework::{period_label, FocusArea, Period};
use ascn_model::periods::{self, CarryCandidate, CarryChoice, CloseOut};
use ascn_model::validation::{self, FieldError, PlanContext, Rule};
use ascn_model::{CityId, PartnerId, Plan, PlanId, ProjectDraft};

/// What the carry-over step shows: the plan it starts from and its projects still open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CarryOver {
    pub from_plan: PlanId,
    pub from_period: String,
    pub to_period: String,
    pub candidates: Vec<CarryCandidate>,
    /// The versions of the Framework the new plan may be written against: the last plan's,
    /// and any later one that says how to map it.
    pub frameworks: Vec<FrameworkChoice>,
}

/// A version of the Framework to write a plan against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FrameworkChoice {
    pub version: i32,
    pub name: String,
}

/// One plan period of a city: the plan it has in it, if any, summed up per focus area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PeriodPlan {
    pub period: Period,
    pub plan: Option<PlanId>,
    pub closed_on: Option<String>,
    /// Projects and budget per focus area; `None` without a plan.
    pub column: Option<PlanColumn>,
    /// The period holding today.
    pub current: bool,
}

/// A city's plan periods side by side, by the focus areas of one Framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CityPeriods {
    /// The rows: the focus areas of the Framework of the city's latest plan.
    pub focus_areas: Vec<FocusArea>,
    pub periods: Vec<PeriodPlan>,
}

/// What starting a period did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StartedPeriod {
    pub plan: Plan,
    /// Codes of the projects carried, and of those dropped.
    pub carried: Vec<String>,
    pub dropped: Vec<String>,
}

impl Workspace {
    /// Every plan period with the city's plan in it, if any: what the period switcher and the
    /// overview's side-by-side view show. The plans are summed up by the focus areas of the
    /// Framework of the city's latest plan, older plans' mapped onto them.
    pub fn periods_of_city(&self, city: CityId) -> Result<CityPeriods> {
        let current = self.current_period()?.code;
        let plans = self.plans_of_city(city)?;
        let reference = match plans.last() {
            Some(latest) => self.reference_for(latest)?,
            None => self.shared_reference(),
        };
        let mut out = Vec::new();
        for period in &self.reference.periods {
            let plan = plans.iter().find(|p| p.period == period.code);
            let column = match plan {
                Some(plan) => {
                    let doc = self.document(plan.id)?;
                    let map = self.focus_area_map(plan.framework_version, reference.version)?;
                    let projects: Vec<_> = doc
                        .projects
                        .iter()
                        .map(|p| ascn_model::Project {
                            draft: periods::project_onto(p.draft.clone(), &map),
                            ..p.clone()
                        })
                        .collect();
                    let plan = Plan {
                        focus_areas: periods::plan_onto(doc.plan.draft(), &map).focus_areas,
                        ..doc.plan.clone()
                    };
                    Some(compare::column(
                        &reference,
                        &doc.city,
                        &plan,
                        &projects,
                        doc.partners.len(),
                    ))
                }
                None => None,
            };
            out.push(PeriodPlan {
                period: period.clone(),
                plan: plan.map(|p| p.id),
                closed_on: plan.and_then(|p| p.closed_on.clone()),
                column,
                current: period.code == current,
            });
        }
        Ok(CityPeriods {
            focus_areas: reference.focus_areas.clone(),
            periods: out,
        })
    }

    /// The city's plan of the latest period before `period`, if it has one.
    fn plan_before(&self, city: CityId, period: &Period) -> Result<Option<Plan>> {
        let mut earlier = Vec::new();
        for plan in self.plans_of_city(city)? {
            if self.period(&plan.period)?.start_year < period.start_year {
                earlier.push(plan);
            }
        }
        Ok(earlier.pop())
    }

    /// What the carry-over step into the city's plan of `period` offers: every project of its
    /// plan of the period before that is neither completed nor cancelled.
    pub fn carry_over(&self, city: CityId, period: &str) -> Result<CarryOver> {
        let period = self.period(period)?;
        let from = self.plan_before(city, &period)?.ok_or_else(|| {
            let name = self
                .city(city)
                .map_or_else(|_| city.to_string(), |c| c.name);
            Error::conflict(ascn_model::says!(
                errors: "nothingToCarry",
                "{city} has no plan of a period before {period} to carry over from",
                city = name,
                period = period.label()
            ))
        })?;
        let doc = self.document(from.id)?;
        let frameworks = self
            .frameworks
            .iter()
            .filter(|r| {
                self.focus_area_map(from.framework_version, r.version)
                    .is_ok()
            })
            .map(|r| FrameworkChoice {
                version: r.version,
                name: r.name.clone(),
            })
            .collect();
        Ok(CarryOver {
            from_plan: from.id,
            from_period: from.period,
            to_period: period.code.clone(),
            candidates: periods::candidates(&doc, &period),
            frameworks,
        })
    }

    /// Starts the city's plan of `period` from its plan of the period before: the vision,
    /// context and focus areas as a starting draft, and each project carried (`choices` must
    /// say carry or drop for every one [`Workspace::carry_over`] offers) with a link to its
    /// origin. The new plan is written against Framework `framework` (by default the one of
    /// the last plan), the focus areas mapped onto it. One transaction; the carried projects
    /// are one edit, undone together.
    pub fn start_period(
        &mut self,
        city: CityId,
        period: &str,
        choices: &[CarryChoice],
        framework: Option<i32>,
    ) -> Result<StartedPeriod> {
        let offer = self.carry_over(city, period)?;
        let period = self.period(period)?;
        let from = self.document(offer.from_plan)?;
        let version = framework.unwrap_or(from.plan.framework_version);
        let reference = self.reference_of(version)?;
        let map = self.focus_area_map(from.plan.framework_version, version)?;
        // Unchecked: the plan of the period is looked up, and what the write builds on read,
        // through the same connection, inside the transaction.
        let tx = self.conn.unchecked_transaction()?;
        let existing = self.plan_in_period(city, &period.code)?;
        if let Some(existing) = &existing {
            let projects = self.plan_projects(existing.id)?.len();
            if projects > 0 || !existing.focus_areas.is_empty() || !existing.vision.is_empty() {
                return Err(Error::conflict(ascn_model::says!(
                    errors: "periodPlanExists",
                    "{city} already has a plan of {period} ({projects} projects); carry-over starts an empty one",
                    city = from.city.name,
                    period = period.label(),
                    projects = projects
                )));
            }
        }

        let mut problems = Vec::new();
        let mut carried: Vec<(ProjectDraft, i64)> = Vec::new();
        let mut dropped = Vec::new();
        for (i, candidate) in offer.candidates.iter().enumerate() {
            let field = format!("choices[{i}]");
            let Some(choice) = choices.iter().find(|c| c.project == candidate.project) else {
                problems.push(FieldError::new(
                    field,
                    Rule::Required,
                    ascn_model::says!(
                        "carryOrDrop",
                        "{code} {title}: choose to carry it into {period} or drop it",
                        code = candidate.code,
                        title = candidate.title,
                        period = period.label()
                    ),
                ));
                continue;
            };
            if !choice.carry {
                dropped.push(candidate.code.clone());
                continue;
            }
            let project = from
                .projects
                .iter()
                .find(|p| p.id == candidate.project)
                .ok_or_else(|| Error::not_found(Thing::Project, candidate.project))?;
            let proposed = candidate.proposed_start.zip(candidate.proposed_end);
            let years = choice.years.or(proposed);
            carried.push((
                periods::project_onto(periods::carried_draft(project, &period, years), &map),
                candidate.project.0,
            ));
        }
        for choice in choices {
            if !offer.candidates.iter().any(|c| c.project == choice.project) {
                problems.push(FieldError::new(
                    "choices",
                    Rule::Unknown,
                    ascn_model::says!(
                        "notStillOpen",
                        "project {id} is not one of the {period} plan still open",
                        id = choice.project,
                        period = period_label(&offer.from_period)
                    ),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(Error::invalid(problems));
        }

        // The partners of the carried projects come along, each once.
        let partner_ids: Vec<PartnerId> = {
            let mut ids: Vec<PartnerId> = carried
                .iter()
                .flat_map(|(d, _)| {
                    d.partners
                        .iter()
                        .copied()
                        .chain(d.funding.iter().filter_map(|f| f.partner_id))
                })
                .collect();
            ids.sort_by_key(|id| id.0);
            ids.dedup();
            ids
        };
        let draft = periods::plan_onto(periods::starting_plan(&from, &period), &map);
        validation::plan(&draft, &reference).map_err(Error::invalid)?;

        let plan = match existing {
            Some(existing) => existing.id,
            None => super::plans::insert_plan(&tx, city, &period, version)?,
        };
        let before = self.plan(plan)?.draft();
        super::plans::write_plan(&tx, plan, &draft)?;
        // Undone after the carried projects, the starting draft goes too: two steps back to an
        // empty plan of the period, which a new carry-over may start again.
        history::record(
            &tx,
            plan,
            Change::plan(plan, &before, &draft).map(|c| {
                c.labelled(ascn_model::says!(
                    edits: "startPeriod",
                    "Start {period} from {from}",
                    period = period.label(),
                    from = period_label(&offer.from_period)
                ))
            }),
        )?;
        // A plan started from sample data is sample data too; an empty plan of the period
        // opened before was started with the default Framework.
        tx.execute(
            "UPDATE plan SET sample = ?2, framework_version = ?3 WHERE id = ?1",
            params![plan.0, from.plan.sample, version],
        )?;
        let mut new_partner: HashMap<PartnerId, PartnerId> = HashMap::new();
        for id in &partner_ids {
            if let Some(p) = from.partners.iter().find(|p| p.id == *id) {
                let copy = super::partners::insert_partner(&tx, plan, &p.draft())?;
                new_partner.insert(*id, copy);
            }
        }
        let remap = |id: PartnerId| new_partner.get(&id).copied().unwrap_or(id);
        let partners_now: Vec<PartnerId> = new_partner.values().copied().collect();
        let cx = PlanContext {
            reference: &reference,
            period: (period.start_year, period.end_year),
            partners: &partners_now,
        };
        let time = now();
        let mut ids = Vec::new();
        let mut codes = Vec::new();
        for (draft, origin) in &mut carried {
            draft.partners = draft.partners.iter().map(|p| remap(*p)).collect();
            for line in &mut draft.funding {
                line.partner_id = line.partner_id.map(remap);
            }
            if let Err(errors) = validation::project(draft, &cx) {
                problems.extend(errors.into_iter().map(|e| FieldError {
                    message: format!(
                        "{} {}: {}",
                        draft.code,
                        e.field.replace('_', " "),
                        e.message
                    ),
                    ..e
                }));
                continue;
            }
            let id = super::projects::insert_project(&tx, plan, draft, draft.code.trim(), time)?;
            tx.execute(
                "UPDATE project SET carried_from = ?2 WHERE id = ?1",
                params![id.0, *origin],
            )?;
            ids.push(id);
            codes.push(draft.code.clone());
        }
        if !problems.is_empty() {
            return Err(Error::invalid(problems));
        }
        let label = ascn_model::says!(
            edits: "carryOver",
            "Carry {count} {projects} over from {from}",
            count = ids.len(),
            projects = super::history::projects_noun(ids.len()),
            from = period_label(&offer.from_period)
        );
        history::record(
            &tx,
            plan,
            Change::projects_added(&ids).map(|c| c.labelled(label)),
        )?;
        tx.commit()?;
        tracing::info!(%city, %plan, carried = codes.len(), dropped = dropped.len(), "period started");
        Ok(StartedPeriod {
            plan: self.plan(plan)?,
            carried: codes,
            dropped,
        })
    }

    /// Closes a plan's period, once it has ended: from now on the plan takes only its final
    /// progress reports.
    pub fn close_plan(&mut self, plan: PlanId) -> Result<Plan> {
        let stored = self.plan(plan)?;
        let period = self.period(&stored.period)?;
        if ascn_model::clock::this_year() <= period.end_year {
            return Err(Error::conflict(ascn_model::says!(
                errors: "periodNotEnded",
                "{period} runs until the end of {year}: a period is closed once it has ended",
                period = period.label(),
                year = period.end_year
            )));
        }
        if stored.closed_on.is_some() {
            return Err(Error::conflict(ascn_model::says!(
                errors: "alreadyClosed",
                "the {period} plan is already closed",
                period = period_label(&stored.period)
            )));
        }
        self.conn.execute(
            "UPDATE plan SET closed_at = ?2, version = version + 1 WHERE id = ?1",
            params![plan.0, now()],
        )?;
        tracing::info!(%plan, period = stored.period, "period closed");
        self.plan(plan)
    }

    /// The close-out report of a plan: how each project ended (carried ones are those the
    /// city's plan of the next period links to), each KPI's final actual, the budget.
    pub fn close_out(&self, plan: PlanId) -> Result<CloseOut> {
        let doc = self.document(plan)?;
        let next = match self.reference.next_period(&doc.plan.period) {
            Some(next) => self.plan_in_period(doc.city.id, &next.code)?,
            None => None,
        };
        let next = next.map(|p| self.document(p.id)).transpose()?;
        Ok(periods::close_out(&doc, next.as_deref(), &self.reference))
    }
}
