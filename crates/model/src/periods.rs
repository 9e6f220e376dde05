//! From one plan period to the next: which projects of the closing plan carry over and how
//! ([`candidates`], [`carried_draft`], [`starting_plan`]), and what the closed period achieved
//! ([`close_out`]). Pure functions of plan documents; the store writes what they return.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::framework::{Period, Reference};
use crate::{
    ChosenFocusArea, FundingLine, Kpi, KpiTarget, PlanDocument, PlanDraft, PlanStatus,
    ProgressUpdate, Project, ProjectDraft, ProjectId, ProjectStatus,
};

/// A project of the closing plan the carry-over step offers, with the years it would have in
/// the new period (the user confirms or changes them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CarryCandidate {
    pub project: ProjectId,
    pub code: String,
    pub title: String,
    pub primary_focus_area: String,
    /// As last reported, else as planned.
    pub status: ProjectStatus,
    pub percent_complete: Option<u8>,
    /// Its years then, and in the new period (none while they are not set).
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub proposed_start: Option<i32>,
    pub proposed_end: Option<i32>,
}

/// What the user decided for one candidate: carry it (with the years confirmed, or the proposed
/// ones) or drop it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CarryChoice {
    pub project: ProjectId,
    pub carry: bool,
    pub years: Option<(i32, i32)>,
}

/// The project's report of its latest reported year.
fn last_update(project: &Project) -> Option<&ProgressUpdate> {
    project.draft.progress.iter().max_by_key(|u| u.year)
}

/// The status a project ended its last reported year with, else its planned status.
pub fn last_status(project: &Project) -> ProjectStatus {
    last_update(project).map_or(project.draft.status, |u| u.status)
}

/// Whether a project was finished one way or the other: nothing of it carries over.
pub fn is_finished(project: &Project) -> bool {
    matches!(
        last_status(project),
        ProjectStatus::Completed | ProjectStatus::Cancelled
    )
}

/// Every project of `from` that is neither completed nor cancelled, with its years moved into
/// `next`: a project running into the new period keeps its end year, one that ended before it
/// runs as long again from the period's first year (at most to its last).
pub fn candidates(from: &PlanDocument, next: &Period) -> Vec<CarryCandidate> {
    from.projects
        .iter()
        .filter(|p| !is_finished(p))
        .map(|p| {
            let d = &p.draft;
            let proposed = d.years().map(|(start, end)| moved_years(start, end, next));
            CarryCandidate {
                project: p.id,
                code: d.code.clone(),
                title: d.title.clone(),
                primary_focus_area: d.primary_focus_area.clone(),
                status: last_status(p),
                percent_complete: last_update(p).map(|u| u.percent_complete),
                start_year: d.start_year,
                end_year: d.end_year,
                proposed_start: proposed.map(|y| y.0),
                proposed_end: proposed.map(|y| y.1),
            }
        })
        .collect()
}

fn moved_years(start: i32, end: i32, next: &Period) -> (i32, i32) {
    let new_start = start.clamp(next.start_year, next.end_year);
    let length = (end - start).max(0);
    let new_end = if end >= next.start_year {
        end
    } else {
        new_start + length
    };
    (new_start, new_end.clamp(new_start, next.end_year))
}

/// The draft of a project carried into `next` with the `years` confirmed (none for a project
/// whose years are still to be set): the same code,
/// title, focus areas, sectors, partners and locations; the funding that falls in the new
/// period's years, its amount in proportion to the years kept; each KPI's last reported actual
/// as its new baseline, and its targets in the new period. Its progress stays with the origin,
/// which the carried project links to.
pub fn carried_draft(project: &Project, next: &Period, years: Option<(i32, i32)>) -> ProjectDraft {
    let d = &project.draft;
    let funding = d
        .funding
        .iter()
        .filter_map(|line| {
            let start = line.start_year.max(next.start_year);
            let end = line.end_year.min(next.end_year);
            (start <= end).then(|| {
                let all = f64::from(line.end_year - line.start_year + 1);
                let kept = f64::from(end - start + 1);
                FundingLine {
                    amount: line.amount * kept / all,
                    start_year: start,
                    end_year: end,
                    ..line.clone()
                }
            })
        })
        .collect();
    let kpis = d.kpis.iter().map(|kpi| carried_kpi(kpi, next)).collect();
    ProjectDraft {
        start_year: years.map(|y| y.0),
        end_year: years.map(|y| y.1),
        status: match last_status(project) {
            // What had started goes on; what had not is still to be done.
            ProjectStatus::InProgress => ProjectStatus::InProgress,
            ProjectStatus::OnHold => ProjectStatus::OnHold,
            ProjectStatus::Proposed => ProjectStatus::Proposed,
            _ => ProjectStatus::Planned,
        },
        funding,
        kpis,
        progress: Vec::new(),
        ..d.clone()
    }
}

fn carried_kpi(kpi: &Kpi, next: &Period) -> Kpi {
    let last = kpi.actuals.iter().max_by_key(|a| a.year);
    let (baseline_year, baseline_value) = last
        .map_or((kpi.baseline_year, kpi.baseline_value), |a| {
            (a.year, a.value)
        });
    Kpi {
        baseline_year,
        baseline_value,
        targets: kpi
            .targets
            .iter()
            .filter(|t| next.contains(t.year))
            .cloned()
            .collect::<Vec<KpiTarget>>(),
        actuals: Vec::new(),
        ..kpi.clone()
    }
}

/// The new period's plan as a starting draft: the vision, context and focus areas of the last
/// one, over the new period's years, as a draft.
pub fn starting_plan(from: &PlanDocument, next: &Period) -> PlanDraft {
    PlanDraft {
        period_start: next.start_year,
        period_end: next.end_year,
        status: PlanStatus::Draft,
        ..from.plan.draft()
    }
}

/// A plan draft with its chosen focus areas mapped onto another version of the Framework's: two
/// that map onto one become one, their rationales and outcomes joined.
pub fn plan_onto(mut draft: PlanDraft, map: &BTreeMap<String, String>) -> PlanDraft {
    let mut chosen: Vec<ChosenFocusArea> = Vec::new();
    for c in draft.focus_areas {
        let code = onto(map, &c.focus_area);
        match chosen.iter_mut().find(|x| x.focus_area == code) {
            Some(x) => {
                if !c.rationale.is_empty() {
                    if !x.rationale.is_empty() {
                        x.rationale.push('\n');
                    }
                    x.rationale.push_str(&c.rationale);
                }
                for o in c.outcomes {
                    if !x.outcomes.contains(&o) {
                        x.outcomes.push(o);
                    }
                }
            }
            None => chosen.push(ChosenFocusArea {
                focus_area: code,
                ..c
            }),
        }
    }
    draft.focus_areas = chosen;
    draft
}

/// A project draft with its focus areas mapped onto another version's; one without a
/// counterpart stays as it is, for the check to name.
pub fn project_onto(mut draft: ProjectDraft, map: &BTreeMap<String, String>) -> ProjectDraft {
    draft.primary_focus_area = onto(map, &draft.primary_focus_area);
    let mut secondary: Vec<String> = Vec::new();
    for code in draft.secondary_focus_areas.iter().map(|c| onto(map, c)) {
        if code != draft.primary_focus_area && !secondary.contains(&code) {
            secondary.push(code);
        }
    }
    draft.secondary_focus_areas = secondary;
    draft
}

fn onto(map: &BTreeMap<String, String>, code: &str) -> String {
    map.get(code)
        .map_or_else(|| code.to_string(), String::clone)
}

/// How a project of a closed period ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Outcome {
    Completed,
    /// Continued in the next period's plan.
    Carried,
    /// Neither completed nor carried: cancelled, or left where it stood.
    Dropped,
    /// Planned or proposed, and no progress was ever reported.
    NeverStarted,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Completed,
        Outcome::Carried,
        Outcome::Dropped,
        Outcome::NeverStarted,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Completed => "Completed",
            Outcome::Carried => "Carried",
            Outcome::Dropped => "Dropped",
            Outcome::NeverStarted => "Never started",
        }
    }
}

/// One focus area of a close-out report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CloseOutArea {
    pub code: String,
    pub name: String,
    /// Projects by [`Outcome`], in the order of [`Outcome::ALL`].
    pub outcomes: [u32; 4],
    /// Planned budget per currency (every funding line), what was reported spent, and the
    /// planned budget of projects completed and of those carried.
    pub budget: Vec<CloseOutBudget>,
    pub projects: Vec<CloseOutProject>,
}

/// Budget of a focus area in one currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CloseOutBudget {
    pub currency: String,
    pub planned: f64,
    /// Spent, as reported year by year (in the project's main currency).
    pub reported: f64,
    /// Of projects reported completed.
    pub completed: f64,
    /// Of projects carried into the next period.
    pub carried: f64,
}

/// A project of a close-out report and how it ended, with each KPI's final actual.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CloseOutProject {
    pub code: String,
    pub title: String,
    pub outcome: Outcome,
    pub percent_complete: Option<u8>,
    pub kpis: Vec<CloseOutKpi>,
}

/// A KPI's final actual against its target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CloseOutKpi {
    pub name: String,
    pub unit: String,
    pub baseline: f64,
    /// The last target of the period.
    pub target: Option<KpiTarget>,
    /// The last actual reported.
    pub actual: Option<KpiTarget>,
    /// Whether the final actual reached the target (`None` when one of them is missing).
    pub met: Option<bool>,
}

/// The close-out report of a period: per focus area, how its projects ended, each KPI's final
/// actual against its target, and the budget planned against what was reported spent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CloseOut {
    pub city: String,
    pub period: String,
    pub closed_on: Option<String>,
    pub areas: Vec<CloseOutArea>,
    /// Projects by [`Outcome`], over every focus area.
    pub totals: [u32; 4],
}

/// The close-out of `plan`; `next` is the city's plan of the next period, if it was started
/// (its projects carried from this plan count as carried).
pub fn close_out(
    plan: &PlanDocument,
    next: Option<&PlanDocument>,
    reference: &Reference,
) -> CloseOut {
    let carried = |p: &Project| {
        next.is_some_and(|n| {
            n.projects.iter().any(|q| {
                q.carried_from
                    .as_ref()
                    .is_some_and(|o| o.period == plan.plan.period && o.code == p.draft.code)
            })
        })
    };
    let outcome_of = |p: &Project| {
        let status = last_status(p);
        if status == ProjectStatus::Completed {
            Outcome::Completed
        } else if carried(p) {
            Outcome::Carried
        } else if matches!(status, ProjectStatus::Planned | ProjectStatus::Proposed)
            && p.draft.progress.iter().all(|u| u.percent_complete == 0)
        {
            Outcome::NeverStarted
        } else {
            Outcome::Dropped
        }
    };
    let plan_currency = crate::analysis::main_currency(&plan.projects);
    let mut totals = [0; 4];
    let areas = reference
        .focus_areas
        .iter()
        .map(|area| {
            let mut outcomes = [0; 4];
            let mut budget: Vec<CloseOutBudget> = Vec::new();
            let mut projects = Vec::new();
            for p in plan
                .projects
                .iter()
                .filter(|p| p.draft.primary_focus_area == area.code)
            {
                let outcome = outcome_of(p);
                let slot = Outcome::ALL
                    .iter()
                    .position(|o| *o == outcome)
                    .unwrap_or_default();
                outcomes[slot] += 1;
                totals[slot] += 1;
                for line in &p.draft.funding {
                    let b = budget_in(&mut budget, &line.currency);
                    b.planned += line.amount;
                    match outcome {
                        Outcome::Completed => b.completed += line.amount,
                        Outcome::Carried => b.carried += line.amount,
                        _ => {}
                    }
                }
                let spent: f64 = p.draft.progress.iter().filter_map(|u| u.spent).sum();
                if p.draft.progress.iter().any(|u| u.spent.is_some()) {
                    let currency = project_currency(p, plan_currency.as_deref());
                    budget_in(&mut budget, &currency).reported += spent;
                }
                projects.push(CloseOutProject {
                    code: p.draft.code.clone(),
                    title: p.draft.title.clone(),
                    outcome,
                    percent_complete: last_update(p).map(|u| u.percent_complete),
                    kpis: p.draft.kpis.iter().map(final_kpi).collect(),
                });
            }
            budget.sort_by(|a, b| a.currency.cmp(&b.currency));
            CloseOutArea {
                code: area.code.clone(),
                name: area.name.clone(),
                outcomes,
                budget,
                projects,
            }
        })
        .collect();
    CloseOut {
        city: plan.city.name.clone(),
        period: plan.plan.period.clone(),
        closed_on: plan.plan.closed_on.clone(),
        areas,
        totals,
    }
}

/// The budget line of `currency`, added empty when there is none yet.
fn budget_in<'a>(budget: &'a mut Vec<CloseOutBudget>, currency: &str) -> &'a mut CloseOutBudget {
    let at = match budget.iter().position(|b| b.currency == currency) {
        Some(at) => at,
        None => {
            budget.push(CloseOutBudget {
                currency: currency.to_string(),
                planned: 0.0,
                reported: 0.0,
                completed: 0.0,
                carried: 0.0,
            });
            budget.len() - 1
        }
    };
    &mut budget[at]
}

/// The currency a project reports its spending in: that of its first funding line, else the
/// plan's main one.
fn project_currency(p: &Project, plan: Option<&str>) -> String {
    p.draft
        .funding
        .first()
        .map(|f| f.currency.clone())
        .or_else(|| plan.map(String::from))
        .unwrap_or_else(|| "USD".into())
}

fn final_kpi(kpi: &Kpi) -> CloseOutKpi {
    let target = kpi.targets.iter().max_by_key(|t| t.year).cloned();
    let actual = kpi.actuals.iter().max_by_key(|a| a.year).cloned();
    let met = match (&target, &actual) {
        (Some(t), Some(a)) => Some(crate::progress::meets_target(
            kpi.baseline_value,
            t.value,
            a.value,
        )),
        _ => None,
    };
    CloseOutKpi {
        name: kpi.name.clone(),
        unit: kpi.unit.clone(),
        baseline: kpi.baseline_value,
        target,
        actual,
        met,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next() -> Period {
        Period {
            code: "2026-2035".into(),
            name: "ASCAP".into(),
            start_year: 2026,
            end_year: 2035,
        }
    }

    #[test]
    fn years_move_into_the_next_period() {
        // Running into it: keeps its end.
        assert_eq!(moved_years(2024, 2028, &next()), (2026, 2028));
        // Ended before it: as long again from its first year.
        assert_eq!(moved_years(2021, 2023, &next()), (2026, 2028));
        // Longer than the period allows: cut at its end.
        assert_eq!(moved_years(2010, 2024, &next()), (2026, 2035));
    }

    #[test]
    fn a_kpi_starts_from_its_last_actual_with_the_targets_of_the_new_period() {
        let kpi = Kpi {
            name_local: Default::default(),
            name: "Bus riders".into(),
            standard_ref: None,
            unit: "thousand a day".into(),
            baseline_year: 2018,
            baseline_value: 40.0,
            targets: vec![
                KpiTarget {
                    year: 2025,
                    value: 80.0,
                },
                KpiTarget {
                    year: 2030,
                    value: 120.0,
                },
            ],
            actuals: vec![
                KpiTarget {
                    year: 2023,
                    value: 55.0,
                },
                KpiTarget {
                    year: 2025,
                    value: 61.0,
                },
            ],
        };
        let carried = carried_kpi(&kpi, &next());
        assert_eq!(
            (carried.baseline_year, carried.baseline_value),
            (2025, 61.0)
        );
        assert_eq!(carried.targets.len(), 1);
        assert_eq!(carried.targets[0].year, 2030);
        assert!(
            carried.actuals.is_empty(),
            "the actuals stay with the origin"
        );
    }
}
