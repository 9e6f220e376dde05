//! Plans: one per city and plan period, with their years, vision and chosen focus areas.

use crate::error::Changed;
use ascn_model::Thing;
use rusqlite::{params, OptionalExtension, Transaction};

use super::history::{self, Change};
use super::{now, Workspace};
use crate::error::{Error, Result};
use crate::text::{language_list, Local, Text};
use ascn_model::framework::{period_label, Period};
use ascn_model::languages::tidy;
use ascn_model::validation::{self, FieldError, Rule};
use ascn_model::{
    Amount, ChosenFocusArea, CityId, CodeCount, PartnerId, Plan, PlanDraft, PlanId, PlanOverview,
    PlanStatus, ProjectId,
};

impl Workspace {
    pub fn plan(&self, id: PlanId) -> Result<Plan> {
        let plan = self
            .conn
            .prepare_cached(
                "SELECT p.id, p.city_id, p.period_start, p.period_end, p.vision, p.status,
                        p.framework_version, p.sample, p.context, p.guide_step, p.version,
                        p.period, p.closed_at, p.vision_local, p.context_local,
                        coalesce(p.languages, m.languages)
                 FROM plan p JOIN city c ON c.id = p.city_id
                 JOIN member_state m ON m.iso3 = c.member_state
                 WHERE p.id = ?1",
            )?
            .query_row([id.0], |r| {
                Ok(Plan {
                    id: PlanId(r.get(0)?),
                    city_id: CityId(r.get(1)?),
                    period_start: r.get(2)?,
                    period_end: r.get(3)?,
                    vision: r.get(4)?,
                    status: r.get::<_, Text<_>>(5)?.0,
                    framework_version: r.get(6)?,
                    sample: r.get(7)?,
                    context: r.get(8)?,
                    vision_local: r.get::<_, Local>(13)?.0,
                    context_local: r.get::<_, Local>(14)?.0,
                    languages: language_list(&r.get::<_, String>(15)?),
                    guide_step: r.get(9)?,
                    version: r.get(10)?,
                    period: r.get(11)?,
                    closed_on: r
                        .get::<_, Option<i64>>(12)?
                        .map(|at| ascn_model::clock::local_minute(at)[..10].to_string()),
                    focus_areas: Vec::new(),
                })
            })
            .optional()?
            .ok_or_else(|| Error::not_found(Thing::Plan, id))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.focus_area, f.rationale, f.rationale_local,
                    (SELECT group_concat(o.outcome, ' ') FROM
                        (SELECT outcome FROM plan_focus_area_outcome x
                         JOIN strategic_outcome s ON s.code = x.outcome
                         WHERE x.plan_id = f.plan_id AND x.focus_area = f.focus_area
                         ORDER BY s.position) o)
             FROM plan_focus_area f WHERE f.plan_id = ?1
             ORDER BY f.position",
        )?;
        let focus_areas = stmt
            .query_map([id.0], |r| {
                let outcomes: Option<String> = r.get(3)?;
                Ok(ChosenFocusArea {
                    focus_area: r.get(0)?,
                    rationale: r.get(1)?,
                    rationale_local: r.get::<_, Local>(2)?.0,
                    outcomes: outcomes
                        .unwrap_or_default()
                        .split_whitespace()
                        .map(String::from)
                        .collect(),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Plan {
            focus_areas,
            ..plan
        })
    }

    /// The city's latest plan (of the latest period it has one in), if it has any.
    pub fn plan_of_city(&self, city: CityId) -> Result<Option<Plan>> {
        Ok(self.plans_of_city(city)?.pop())
    }

    /// The city's plans, oldest period first.
    pub fn plans_of_city(&self, city: CityId) -> Result<Vec<Plan>> {
        let ids = self
            .conn
            .prepare_cached(
                "SELECT p.id FROM plan p JOIN period d ON d.code = p.period
                 WHERE p.city_id = ?1 ORDER BY d.start_year",
            )?
            .query_map([city.0], |r| r.get(0))?
            .collect::<Result<Vec<i64>, _>>()?;
        ids.into_iter().map(|id| self.plan(PlanId(id))).collect()
    }

    /// Every plan of the workspace, by id.
    pub fn plan_ids(&self) -> Result<Vec<PlanId>> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached("SELECT id FROM plan ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids.into_iter().map(PlanId).collect())
    }

    /// Takes back a plan that holds nothing yet (no project, partner, focus area, edit,
    /// revision or pairing): one a command started before it failed, so the failed command
    /// leaves the workspace as it found it. Returns whether it was taken back.
    pub fn discard_plan_if_empty(&mut self, plan: PlanId) -> Result<bool> {
        let removed = self.conn.execute(
            "DELETE FROM plan WHERE id = ?1
               AND NOT EXISTS (SELECT 1 FROM project WHERE plan_id = ?1)
               AND NOT EXISTS (SELECT 1 FROM partner WHERE plan_id = ?1)
               AND NOT EXISTS (SELECT 1 FROM plan_focus_area WHERE plan_id = ?1)
               AND NOT EXISTS (SELECT 1 FROM edit WHERE plan_id = ?1)
               AND NOT EXISTS (SELECT 1 FROM revision WHERE plan_id = ?1)
               AND NOT EXISTS (SELECT 1 FROM pairing WHERE plan_id = ?1)",
            [plan.0],
        )?;
        if removed > 0 {
            tracing::info!(%plan, "empty plan taken back");
        }
        Ok(removed > 0)
    }

    /// The city's plan of `period` (a code such as `2026-2035`), if it has one.
    pub fn plan_in_period(&self, city: CityId, period: &str) -> Result<Option<Plan>> {
        let period = self.period(period)?;
        let id: Option<i64> = self
            .conn
            .prepare_cached("SELECT id FROM plan WHERE city_id = ?1 AND period = ?2")?
            .query_row(params![city.0, period.code], |r| r.get(0))
            .optional()?;
        id.map(|id| self.plan(PlanId(id))).transpose()
    }

    /// The plan period of that code; an unknown one is an error listing those there are.
    pub fn period(&self, code: &str) -> Result<Period> {
        self.reference.period(code).cloned().ok_or_else(|| {
            let known: Vec<&str> = self
                .reference
                .periods
                .iter()
                .map(|p| p.code.as_str())
                .collect();
            Error::invalid(vec![FieldError::new(
                "period",
                Rule::Unknown,
                ascn_model::says!(
                    "notAPeriodOf",
                    "'{period}' is not a plan period; the periods are {known}",
                    period = code.trim(),
                    known = known.join(", ")
                ),
            )])
        })
    }

    /// The period that holds today's date: where a city without a plan starts.
    pub fn current_period(&self) -> Result<Period> {
        let year = ascn_model::clock::this_year();
        self.reference
            .period_of(year)
            .cloned()
            .ok_or_else(|| Error::not_found(Thing::PlanPeriod, year))
    }

    /// The city's latest plan; for a city without one, its plan of the period that holds today,
    /// started.
    pub fn open_plan(&mut self, city: CityId) -> Result<Plan> {
        if let Some(plan) = self.plan_of_city(city)? {
            return Ok(plan);
        }
        let period = self.current_period()?;
        self.open_plan_in(city, &period.code)
    }

    /// The city's plan of `period`, started (the whole period, draft, no focus areas) if it has
    /// none yet.
    pub fn open_plan_in(&mut self, city: CityId, period: &str) -> Result<Plan> {
        if let Some(plan) = self.plan_in_period(city, period)? {
            return Ok(plan);
        }
        let period = self.period(period)?;
        self.city(city)?;
        let tx = self.conn.transaction()?;
        let id = insert_plan(&tx, city, &period, self.reference.version)?;
        tx.commit()?;
        tracing::info!(%id, %city, period = period.code, "plan started");
        self.plan(id)
    }

    /// Saves the plan's own fields. Every live project must still be valid in the new period.
    pub fn update_plan(&mut self, id: PlanId, draft: &PlanDraft) -> Result<Plan> {
        self.update_plan_from(id, draft, None)
    }

    /// [`Workspace::update_plan`] of an edit made on the plan as it was at `base` (its
    /// [`Plan::version`]); refused with [`Error::ChangedElsewhere`] when it has changed since.
    pub fn update_plan_from(
        &mut self,
        id: PlanId,
        draft: &PlanDraft,
        base: Option<i64>,
    ) -> Result<Plan> {
        let mut draft = draft.clone();
        draft.tidy_local();
        let draft = &draft;
        // Unchecked: what decides the write is read inside its transaction.
        let tx = self.conn.unchecked_transaction()?;
        let stored = self.plan(id)?;
        validation::plan(draft, &*self.reference_for(&stored)?).map_err(Error::invalid)?;
        if base.is_some_and(|base| base != stored.version) {
            return Err(Error::ChangedElsewhere(Changed::Plan));
        }
        ensure_open(&tx, id)?;
        let period = self.period(&stored.period)?;
        validation::plan_in_period(draft, &period).map_err(Error::invalid)?;
        let before = stored.draft();
        write_plan(&tx, id, draft)?;
        if period_changed(&before, draft) {
            check_projects_hold(self, id, Some("period_start"), &[])?;
        }
        history::record(&tx, id, Change::plan(id, &before, draft))?;
        tx.commit()?;
        self.plan(id)
    }

    /// Remembers the step of guided drafting to resume at. Not an edit of the plan: no undo.
    pub fn set_guide_step(&mut self, id: PlanId, step: u8) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE plan SET guide_step = ?2 WHERE id = ?1",
            params![id.0, step],
        )?;
        if changed == 0 {
            return Err(Error::not_found(Thing::Plan, id));
        }
        Ok(())
    }

    /// Marks a plan as holding sample data (see [`crate::demo`]).
    pub fn mark_sample(&mut self, id: PlanId) -> Result<()> {
        let changed = self
            .conn
            .execute("UPDATE plan SET sample = 1 WHERE id = ?1", [id.0])?;
        if changed == 0 {
            return Err(Error::not_found(Thing::Plan, id));
        }
        Ok(())
    }

    /// Everything the plan overview screen shows, in one call.
    pub fn overview(&self, id: PlanId) -> Result<PlanOverview> {
        let plan = self.plan(id)?;
        let city = self.city(plan.city_id)?;
        let member_state = self
            .reference
            .member_state(&city.member_state)
            .cloned()
            .ok_or_else(|| Error::not_found(Thing::MemberState, &city.member_state))?;
        let counts = |sql: &str| -> Result<Vec<CodeCount>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([id.0], |r| {
                Ok(CodeCount {
                    code: r.get(0)?,
                    count: r.get(1)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        };
        // Every focus area of the plan's Framework, in its order, with its count.
        let counted = counts(
            "SELECT primary_focus_area, count(*) FROM project
             WHERE plan_id = ?1 AND deleted_at IS NULL GROUP BY primary_focus_area",
        )?;
        let by_focus_area = self
            .reference_for(&plan)?
            .focus_areas
            .iter()
            .map(|area| CodeCount {
                code: area.code.clone(),
                count: counted
                    .iter()
                    .find(|c| c.code == area.code)
                    .map_or(0, |c| c.count),
            })
            .collect();
        let by_status = counts(
            "SELECT status, count(*) FROM project WHERE plan_id = ?1 AND deleted_at IS NULL
             GROUP BY status ORDER BY status",
        )?;
        let project_count = by_status.iter().map(|c| c.count).sum();
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.currency, sum(f.amount) FROM funding_line f
             JOIN project p ON p.id = f.project_id
             WHERE p.plan_id = ?1 AND p.deleted_at IS NULL
             GROUP BY f.currency ORDER BY f.currency",
        )?;
        let budget = stmt
            .query_map([id.0], |r| {
                Ok(Amount {
                    currency: r.get(0)?,
                    value: r.get(1)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let partner_count = self.conn.query_row(
            "SELECT count(*) FROM partner WHERE plan_id = ?1",
            [id.0],
            |r| r.get(0),
        )?;
        let kpi_count = self.conn.query_row(
            "SELECT count(*) FROM kpi k JOIN project p ON p.id = k.project_id
             WHERE p.plan_id = ?1 AND p.deleted_at IS NULL",
            [id.0],
            |r| r.get(0),
        )?;
        Ok(PlanOverview {
            city,
            member_state,
            plan,
            project_count,
            by_focus_area,
            by_status,
            budget,
            partner_count,
            kpi_count,
        })
    }
}

/// Writes a checked plan's own fields and chosen focus areas, inside the caller's transaction.
pub(super) fn write_plan(tx: &Transaction<'_>, id: PlanId, draft: &PlanDraft) -> Result<()> {
    tx.execute(
        "UPDATE plan SET period_start = ?2, period_end = ?3, vision = ?4, status = ?5,
                         updated_at = ?6, context = ?7, vision_local = ?8, context_local = ?9,
                         languages = ?10, version = version + 1
         WHERE id = ?1",
        params![
            id.0,
            draft.period_start,
            draft.period_end,
            draft.vision,
            Text(draft.status),
            now(),
            draft.context,
            Local(tidy(&draft.vision_local)),
            Local(tidy(&draft.context_local)),
            draft.languages.join(" ")
        ],
    )?;
    tx.execute("DELETE FROM plan_focus_area WHERE plan_id = ?1", [id.0])?;
    for (i, chosen) in draft.focus_areas.iter().enumerate() {
        tx.execute(
            "INSERT INTO plan_focus_area (plan_id, focus_area, rationale, position,
                                          rationale_local)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id.0,
                chosen.focus_area,
                chosen.rationale,
                i as i64,
                Local(tidy(&chosen.rationale_local))
            ],
        )?;
        for outcome in &chosen.outcomes {
            tx.execute(
                "INSERT INTO plan_focus_area_outcome (plan_id, focus_area, outcome)
                 VALUES (?1, ?2, ?3)",
                params![id.0, chosen.focus_area, outcome],
            )?;
        }
    }
    Ok(())
}

/// True when `after` has another period than `before`: the one change to a plan's own fields
/// that can leave a project's years outside it.
pub(super) fn period_changed(before: &PlanDraft, after: &PlanDraft) -> bool {
    (before.period_start, before.period_end) != (after.period_start, after.period_end)
}

/// Checks the live projects of a plan (those of `only`, or all when it is empty) against the
/// plan as the workspace holds it now, inside the caller's transaction: after a change of period,
/// a restore or an undo, every project must still be one a save would accept, so no later save
/// or undo fails on a year the change stranded. The error is on `field` when given (the period
/// the user changed), else on each project's own field.
pub(super) fn check_projects_hold(
    ws: &Workspace,
    plan: PlanId,
    field: Option<&str>,
    only: &[ProjectId],
) -> Result<()> {
    let stored = ws.plan(plan)?;
    let partners: Vec<PartnerId> = ws.partners(plan)?.iter().map(|p| p.id).collect();
    let reference = ws.reference_for(&stored)?;
    let cx = validation::PlanContext {
        reference: &reference,
        period: (stored.period_start, stored.period_end),
        partners: &partners,
    };
    let mut problems = Vec::new();
    for project in ws.plan_projects(plan)? {
        if !only.is_empty() && !only.contains(&project.id) {
            continue;
        }
        if let Err(errors) = validation::project(&project.draft, &cx) {
            for e in errors {
                let (at, rule) = (field.map_or_else(|| e.field.clone(), String::from), e.rule);
                let named = e.field.replace('_', " ");
                let says = ascn_model::says!(
                    "projectFieldProblem",
                    "{code} {field}: {problem}",
                    code = project.draft.code,
                    field = named;
                    problem = e.into()
                );
                problems.push(FieldError::new(at, rule, says));
            }
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    if let Some(field) = field {
        // The change is refused on the field the user changed, then each project it strands.
        problems.insert(
            0,
            FieldError::new(
                field,
                Rule::OutsidePeriod,
                ascn_model::says!(
                    "periodLeavesProjects",
                    "{start}–{end} would leave projects that no longer fit the plan",
                    start = stored.period_start,
                    end = stored.period_end
                ),
            ),
        );
    }
    Err(Error::invalid(problems))
}

/// Starts a city's plan of `period`: the whole period, a draft without focus areas.
pub(super) fn insert_plan(
    tx: &Transaction<'_>,
    city: CityId,
    period: &Period,
    framework_version: i32,
) -> Result<PlanId> {
    tx.execute(
        "INSERT INTO plan (city_id, period, period_start, period_end, status, framework_version,
                           created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            city.0,
            period.code,
            period.start_year,
            period.end_year,
            Text(PlanStatus::Draft),
            framework_version,
            now()
        ],
    )?;
    Ok(PlanId(tx.last_insert_rowid()))
}

/// Refuses a write to a closed plan, inside the caller's transaction: a closed plan takes only
/// its final progress reports.
pub(super) fn ensure_open(tx: &Transaction<'_>, plan: PlanId) -> Result<()> {
    let closed: Option<String> = tx
        .query_row(
            "SELECT period FROM plan WHERE id = ?1 AND closed_at IS NOT NULL",
            [plan.0],
            |r| r.get(0),
        )
        .optional()?;
    match closed {
        None => Ok(()),
        Some(period) => Err(Error::conflict(ascn_model::says!(
            errors: "planClosed",
            "the {period} plan is closed: only its final progress reports can still be written",
            period = period_label(&period)
        ))),
    }
}

/// Marks the plan as changed now, inside the caller's transaction; refused when it is closed.
pub(super) fn touch(tx: &Transaction<'_>, plan: PlanId) -> Result<()> {
    ensure_open(tx, plan)?;
    mark_changed(tx, plan)
}

/// Marks the plan as changed now, closed or not (a final progress report).
pub(super) fn mark_changed(tx: &Transaction<'_>, plan: PlanId) -> Result<()> {
    tx.execute(
        "UPDATE plan SET updated_at = ?2 WHERE id = ?1",
        params![plan.0, now()],
    )?;
    Ok(())
}
