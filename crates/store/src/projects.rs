//! Projects (action lines): saved whole, listed with filters, deleted softly.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::history::{self, Change};
use super::{now, Workspace};
use crate::error::{Error, Result};
use crate::text::Text;
use ascn_model::validation::{self, PlanContext};
use ascn_model::{
    FundingLine, Geometry, Kpi, KpiTarget, Location, PartnerId, PlanId, ProgressEntry,
    ProgressUpdate, Project, ProjectDraft, ProjectFilter, ProjectId, ProjectRow,
};

impl Workspace {
    /// Validates and saves a project: a new one when `id` is `None`, else replaces the stored one
    /// whole. Nothing is written when any rule is broken.
    pub fn save_project(
        &mut self,
        plan_id: PlanId,
        id: Option<ProjectId>,
        draft: &ProjectDraft,
    ) -> Result<Project> {
        self.save_project_as(plan_id, id, draft, None, None)
    }

    /// [`Workspace::save_project`] of an edit made on the project as it was at `base` (its
    /// [`Project::version`]): refused with [`Error::ChangedElsewhere`] when it has been written
    /// since, by another window or program, so that change is not overwritten.
    pub fn save_project_from(
        &mut self,
        plan_id: PlanId,
        id: Option<ProjectId>,
        draft: &ProjectDraft,
        base: Option<i64>,
    ) -> Result<Project> {
        self.save_project_as(plan_id, id, draft, None, base)
    }

    /// Saves a project, named `label` in the history when given. Everything that decides the
    /// write (the plan's period and partners, the stored project, its version) is read inside
    /// the write's transaction, so no other program's change falls between the read and it.
    fn save_project_as(
        &mut self,
        plan_id: PlanId,
        id: Option<ProjectId>,
        draft: &ProjectDraft,
        label: Option<String>,
        base: Option<i64>,
    ) -> Result<Project> {
        // Unchecked: the plan and the stored project are read through the same connection,
        // inside the transaction (which takes the write lock when it begins).
        let tx = self.conn.unchecked_transaction()?;
        let plan = self.plan(plan_id)?;
        let partners: Vec<PartnerId> = self.partners(plan_id)?.iter().map(|p| p.id).collect();
        let cx = PlanContext {
            reference: &self.reference,
            period: (plan.period_start, plan.period_end),
            partners: &partners,
        };
        validation::project(draft, &cx).map_err(Error::invalid)?;
        let before = match id {
            Some(id) => {
                let stored = self.project(id)?;
                if stored.plan_id != plan_id {
                    return Err(Error::conflict(format!(
                        "project {id} belongs to another plan"
                    )));
                }
                if base.is_some_and(|base| base != stored.version) {
                    return Err(Error::ChangedElsewhere {
                        what: format!("Project {}", stored.draft.code),
                    });
                }
                Some(stored.draft)
            }
            None => None,
        };
        let code = match draft.code.trim() {
            "" => next_code(&tx, plan_id, &draft.primary_focus_area)?,
            code => code.to_string(),
        };
        check_code_free(&tx, plan_id, &code, id)?;
        let time = now();
        let saved = ProjectDraft {
            code: code.clone(),
            title: draft.title.trim().to_string(),
            lead_agency: draft.lead_agency.trim().to_string(),
            ..draft.clone()
        };
        let id = match id {
            Some(id) => {
                update_project(&tx, id, &saved)?;
                let change = Change::project(id, before.as_ref(), Some(&saved));
                history::record(
                    &tx,
                    plan_id,
                    change.map(|c| match label {
                        Some(label) => c.labelled(label),
                        None => c,
                    }),
                )?;
                id
            }
            None => {
                let id = insert_project(&tx, plan_id, draft, &code, time)?;
                history::record(&tx, plan_id, Change::project(id, None, Some(&saved)))?;
                id
            }
        };
        super::plans::touch(&tx, plan_id)?;
        tx.commit()?;
        tracing::debug!(%id, code, "project saved");
        self.project(id)
    }

    /// Records a year's progress of a project (its update and KPI actuals) as an edit of the
    /// project: validated whole, undoable, one transaction.
    pub fn report_progress(&mut self, id: ProjectId, entry: &ProgressEntry) -> Result<Project> {
        let stored = self.project(id)?;
        let mut draft = stored.draft;
        ascn_model::progress::apply(&mut draft, entry).map_err(Error::invalid)?;
        let label = format!("Report {} progress for {}", draft.code, entry.year);
        // Built on the project as just read: a change made meanwhile by another program is
        // refused rather than overwritten.
        self.save_project_as(
            stored.plan_id,
            Some(id),
            &draft,
            Some(label),
            Some(stored.version),
        )
    }

    /// Adds checked projects to a plan in one transaction (all or none); empty codes are
    /// generated as for a single project.
    pub fn add_projects(
        &mut self,
        plan: PlanId,
        drafts: &[ProjectDraft],
    ) -> Result<Vec<ProjectId>> {
        self.plan(plan)?;
        let tx = self.conn.transaction()?;
        let time = now();
        let mut ids = Vec::with_capacity(drafts.len());
        for draft in drafts {
            let code = match draft.code.trim() {
                "" => next_code(&tx, plan, &draft.primary_focus_area)?,
                code => code.to_string(),
            };
            check_code_free(&tx, plan, &code, None)?;
            ids.push(insert_project(&tx, plan, draft, &code, time)?);
        }
        history::record(&tx, plan, Change::projects_added(&ids))?;
        super::plans::touch(&tx, plan)?;
        tx.commit()?;
        tracing::info!(%plan, count = ids.len(), "projects added");
        Ok(ids)
    }

    /// A project that has not been deleted.
    pub fn project(&self, id: ProjectId) -> Result<Project> {
        load_projects(&self.conn, Scope::Project(id))?
            .pop()
            .ok_or_else(|| Error::not_found("project", id))
    }

    /// Every project of a plan, whole, ordered by code: what analysis, charts and exports read.
    pub fn plan_projects(&self, plan: PlanId) -> Result<Vec<Project>> {
        load_projects(&self.conn, Scope::Plan(plan))
    }

    /// The rows of the projects table for a plan, filtered and sorted: from the plan document,
    /// so a table that is filtered and sorted again and again reads the workspace once.
    pub fn projects(&self, plan: PlanId, filter: &ProjectFilter) -> Result<Vec<ProjectRow>> {
        Ok(ascn_model::analysis::project_rows(
            &*self.document(plan)?,
            &self.reference,
            filter,
        ))
    }

    /// Deletes a project softly: it disappears from the plan and can be restored.
    pub fn delete_project(&mut self, id: ProjectId) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        let project = self.project(id)?;
        set_deleted(&tx, id, true)?;
        history::record(
            &tx,
            project.plan_id,
            Change::project(id, Some(&project.draft), None),
        )?;
        super::plans::touch(&tx, project.plan_id)?;
        tx.commit()?;
        tracing::info!(%id, "project deleted");
        Ok(())
    }

    /// Brings back a softly deleted project.
    pub fn restore_project(&mut self, id: ProjectId) -> Result<Project> {
        // Unchecked: the restored project is read back on the same connection inside the
        // transaction, for the edit history.
        let tx = self.conn.unchecked_transaction()?;
        let plan: Option<i64> = tx
            .query_row(
                "SELECT plan_id FROM project WHERE id = ?1 AND deleted_at IS NOT NULL",
                [id.0],
                |r| r.get(0),
            )
            .optional()?;
        let plan = PlanId(plan.ok_or_else(|| Error::not_found("deleted project", id))?);
        let code: String = tx.query_row("SELECT code FROM project WHERE id = ?1", [id.0], |r| {
            r.get(0)
        })?;
        check_code_free(&tx, plan, &code, Some(id))?;
        set_deleted(&tx, id, false)?;
        let project = self.project(id)?;
        // The plan may have changed while it was deleted (its period, its partners).
        super::plans::check_projects_hold(self, plan, None, &[id])?;
        history::record(&tx, plan, Change::project(id, None, Some(&project.draft)))?;
        super::plans::touch(&tx, plan)?;
        tx.commit()?;
        tracing::info!(%id, "project restored");
        Ok(project)
    }
}

/// Which projects [`Workspace::load_projects`] reads.
enum Scope {
    Project(ProjectId),
    Plan(PlanId),
}

/// Loads whole projects with one query per table, however many projects there are.
fn load_projects(conn: &Connection, scope: Scope) -> Result<Vec<Project>> {
    let (filter, key) = match scope {
        Scope::Project(id) => ("p.id = ?1", id.0),
        Scope::Plan(plan) => ("p.plan_id = ?1", plan.0),
    };
    let live = format!("{filter} AND p.deleted_at IS NULL");
    let mut projects: Vec<Project> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    let sql = format!(
        "SELECT p.id, p.plan_id, p.code, p.title, p.description, p.primary_focus_area,
                p.start_year, p.end_year, p.status, p.lead_agency, p.bankable, p.version
         FROM project p WHERE {live} ORDER BY p.code COLLATE NOCASE, p.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([key])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        index.insert(id, projects.len());
        projects.push(Project {
            id: ProjectId(id),
            plan_id: PlanId(r.get(1)?),
            version: r.get(11)?,
            draft: ProjectDraft {
                code: r.get(2)?,
                title: r.get(3)?,
                description: r.get(4)?,
                primary_focus_area: r.get(5)?,
                secondary_focus_areas: Vec::new(),
                sectors: Vec::new(),
                outcomes: Vec::new(),
                sdgs: Vec::new(),
                start_year: r.get(6)?,
                end_year: r.get(7)?,
                status: r.get::<_, Text<_>>(8)?.0,
                lead_agency: r.get(9)?,
                bankable: r.get(10)?,
                partners: Vec::new(),
                funding: Vec::new(),
                kpis: Vec::new(),
                locations: Vec::new(),
                progress: Vec::new(),
            },
        });
    }
    // Each child query lists (project id, value…) for the projects in scope, in order.
    let children = |table: &str, columns: &str, order: &str| {
        format!(
            "SELECT c.project_id, {columns} FROM {table} c JOIN project p ON p.id = c.project_id
             WHERE {live} ORDER BY c.project_id, {order}"
        )
    };
    type Apply<'a> = dyn FnMut(&mut ProjectDraft, &rusqlite::Row<'_>) -> Result<()> + 'a;
    let mut each = |sql: String, apply: &mut Apply<'_>| -> Result<()> {
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([key])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
                apply(&mut projects[i].draft, r)?;
            }
        }
        Ok(())
    };
    each(
        children("project_focus_area", "c.focus_area", "c.position"),
        &mut |d, r| {
            d.secondary_focus_areas.push(r.get(1)?);
            Ok(())
        },
    )?;
    each(
        children("project_sector", "c.sector", "c.position"),
        &mut |d, r| {
            d.sectors.push(r.get(1)?);
            Ok(())
        },
    )?;
    each(
        children("project_outcome", "c.outcome", "c.position"),
        &mut |d, r| {
            d.outcomes.push(r.get(1)?);
            Ok(())
        },
    )?;
    each(
        children("project_sdg", "c.sdg", "c.position"),
        &mut |d, r| {
            d.sdgs.push(r.get(1)?);
            Ok(())
        },
    )?;
    each(
        children("project_partner", "c.partner_id", "c.position"),
        &mut |d, r| {
            d.partners.push(PartnerId(r.get(1)?));
            Ok(())
        },
    )?;
    each(
        children(
            "funding_line",
            "c.source, c.partner_id, c.amount, c.currency, c.start_year, c.end_year, c.status",
            "c.position",
        ),
        &mut |d, r| {
            d.funding.push(FundingLine {
                source: r.get::<_, Text<_>>(1)?.0,
                partner_id: r.get::<_, Option<i64>>(2)?.map(PartnerId),
                amount: r.get(3)?,
                currency: r.get(4)?,
                start_year: r.get(5)?,
                end_year: r.get(6)?,
                status: r.get::<_, Text<_>>(7)?.0,
            });
            Ok(())
        },
    )?;
    each(
        children("project_location", "c.name, c.geometry", "c.position"),
        &mut |d, r| {
            d.locations.push(Location {
                name: r.get(1)?,
                geometry: parse_geometry(&r.get::<_, String>(2)?)?,
            });
            Ok(())
        },
    )?;
    each(
        children(
            "project_progress",
            "c.year, c.status, c.percent_complete, c.narrative",
            "c.year",
        ),
        &mut |d, r| {
            d.progress.push(ProgressUpdate {
                year: r.get(1)?,
                status: r.get::<_, Text<_>>(2)?.0,
                percent_complete: r.get(3)?,
                narrative: r.get(4)?,
            });
            Ok(())
        },
    )?;
    // KPIs carry their targets and actuals: read all, then hang each value on its KPI.
    let mut kpi_of: HashMap<i64, (usize, usize)> = HashMap::new();
    each(
        children(
            "kpi",
            "c.name, c.standard_ref, c.unit, c.baseline_year, c.baseline_value, c.id",
            "c.position",
        ),
        &mut |d, r| {
            d.kpis.push(Kpi {
                name: r.get(1)?,
                standard_ref: r.get(2)?,
                unit: r.get(3)?,
                baseline_year: r.get(4)?,
                baseline_value: r.get(5)?,
                targets: Vec::new(),
                actuals: Vec::new(),
            });
            let project = index[&r.get::<_, i64>(0)?];
            kpi_of.insert(r.get(6)?, (project, d.kpis.len() - 1));
            Ok(())
        },
    )?;
    for table in ["kpi_target", "kpi_actual"] {
        let sql = format!(
            "SELECT t.kpi_id, t.year, t.value FROM {table} t JOIN kpi c ON c.id = t.kpi_id
             JOIN project p ON p.id = c.project_id WHERE {live} ORDER BY t.kpi_id, t.year"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([key])?;
        while let Some(r) = rows.next()? {
            if let Some(&(p, k)) = kpi_of.get(&r.get::<_, i64>(0)?) {
                let kpi = &mut projects[p].draft.kpis[k];
                let values = if table == "kpi_target" {
                    &mut kpi.targets
                } else {
                    &mut kpi.actuals
                };
                values.push(KpiTarget {
                    year: r.get(1)?,
                    value: r.get(2)?,
                });
            }
        }
    }
    Ok(projects)
}

/// Inserts a new, checked project with its lists and children, inside the caller's transaction.
pub(super) fn insert_project(
    tx: &Transaction<'_>,
    plan: PlanId,
    draft: &ProjectDraft,
    code: &str,
    time: i64,
) -> Result<ProjectId> {
    tx.prepare_cached(
        "INSERT INTO project (plan_id, code, title, description, primary_focus_area, start_year,
             end_year, status, lead_agency, bankable, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        plan.0,
        code,
        draft.title.trim(),
        draft.description,
        draft.primary_focus_area,
        draft.start_year,
        draft.end_year,
        Text(draft.status),
        draft.lead_agency.trim(),
        draft.bankable,
        time
    ])?;
    let id = ProjectId(tx.last_insert_rowid());
    insert_children(tx, id, draft)?;
    Ok(id)
}

/// Writes the lists and children of a project; the caller has cleared the old ones.
/// Deletes a project softly, or brings it back.
pub(super) fn set_deleted(tx: &Transaction<'_>, id: ProjectId, deleted: bool) -> Result<()> {
    tx.execute(
        "UPDATE project SET deleted_at = CASE WHEN ?2 THEN ?3 END, version = version + 1
         WHERE id = ?1",
        params![id.0, deleted, now()],
    )?;
    Ok(())
}

/// Replaces a stored project's fields and parts with `draft`, whose code is final.
pub(super) fn update_project(
    tx: &Transaction<'_>,
    id: ProjectId,
    draft: &ProjectDraft,
) -> Result<()> {
    tx.execute(
        "UPDATE project SET code = ?2, title = ?3, description = ?4,
             primary_focus_area = ?5, start_year = ?6, end_year = ?7, status = ?8,
             lead_agency = ?9, bankable = ?10, updated_at = ?11, version = version + 1
         WHERE id = ?1",
        params![
            id.0,
            draft.code,
            draft.title.trim(),
            draft.description,
            draft.primary_focus_area,
            draft.start_year,
            draft.end_year,
            Text(draft.status),
            draft.lead_agency.trim(),
            draft.bankable,
            now()
        ],
    )?;
    for table in [
        "project_focus_area",
        "project_sector",
        "project_outcome",
        "project_sdg",
        "project_partner",
        "funding_line",
        "kpi",
        "project_location",
        "project_progress",
    ] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE project_id = ?1"),
            [id.0],
        )?;
    }
    insert_children(tx, id, draft)
}

fn insert_children(tx: &Transaction<'_>, id: ProjectId, d: &ProjectDraft) -> Result<()> {
    let link = |sql: &str, values: Vec<rusqlite::types::Value>| -> Result<()> {
        let mut stmt = tx.prepare_cached(sql)?;
        for (i, value) in values.into_iter().enumerate() {
            stmt.execute(params![id.0, value, i as i64])?;
        }
        Ok(())
    };
    let text = |v: &[String]| v.iter().map(|s| s.clone().into()).collect();
    link(
        "INSERT INTO project_focus_area (project_id, focus_area, position) VALUES (?1, ?2, ?3)",
        text(&d.secondary_focus_areas),
    )?;
    link(
        "INSERT INTO project_sector (project_id, sector, position) VALUES (?1, ?2, ?3)",
        text(&d.sectors),
    )?;
    link(
        "INSERT INTO project_outcome (project_id, outcome, position) VALUES (?1, ?2, ?3)",
        text(&d.outcomes),
    )?;
    link(
        "INSERT INTO project_sdg (project_id, sdg, position) VALUES (?1, ?2, ?3)",
        d.sdgs.iter().map(|n| i64::from(*n).into()).collect(),
    )?;
    link(
        "INSERT INTO project_partner (project_id, partner_id, position) VALUES (?1, ?2, ?3)",
        d.partners.iter().map(|p| p.0.into()).collect(),
    )?;

    let mut funding = tx.prepare_cached(
        "INSERT INTO funding_line (project_id, position, source, partner_id, amount, currency,
                                   start_year, end_year, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (i, f) in d.funding.iter().enumerate() {
        funding.execute(params![
            id.0,
            i as i64,
            Text(f.source),
            f.partner_id.map(|p| p.0),
            f.amount,
            f.currency,
            f.start_year,
            f.end_year,
            Text(f.status)
        ])?;
    }
    let mut kpi = tx.prepare_cached(
        "INSERT INTO kpi (project_id, position, name, standard_ref, unit, baseline_year,
                          baseline_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut target =
        tx.prepare_cached("INSERT INTO kpi_target (kpi_id, year, value) VALUES (?1, ?2, ?3)")?;
    let mut actual =
        tx.prepare_cached("INSERT INTO kpi_actual (kpi_id, year, value) VALUES (?1, ?2, ?3)")?;
    for (i, k) in d.kpis.iter().enumerate() {
        kpi.execute(params![
            id.0,
            i as i64,
            k.name.trim(),
            k.standard_ref
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty()),
            k.unit.trim(),
            k.baseline_year,
            k.baseline_value
        ])?;
        let kpi_id = tx.last_insert_rowid();
        for t in &k.targets {
            target.execute(params![kpi_id, t.year, t.value])?;
        }
        for a in &k.actuals {
            actual.execute(params![kpi_id, a.year, a.value])?;
        }
    }
    let mut progress = tx.prepare_cached(
        "INSERT INTO project_progress (project_id, year, status, percent_complete, narrative)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for u in &d.progress {
        progress.execute(params![
            id.0,
            u.year,
            Text(u.status),
            u.percent_complete,
            u.narrative.trim()
        ])?;
    }
    let mut location = tx.prepare_cached(
        "INSERT INTO project_location (project_id, position, name, geometry)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, l) in d.locations.iter().enumerate() {
        location.execute(params![
            id.0,
            i as i64,
            l.name.trim(),
            geometry_text(&l.geometry)
        ])?;
    }
    Ok(())
}

/// A geometry as stored: GeoJSON text.
pub(super) fn geometry_text(geometry: &Geometry) -> String {
    serde_json::to_string(geometry).expect("a geometry of numbers always serialises")
}

/// A stored geometry; a file edited by hand may hold anything, hence the error.
pub(super) fn parse_geometry(text: &str) -> Result<Geometry> {
    serde_json::from_str(text).map_err(|e| Error::Corrupt(format!("a stored geometry ({e})")))
}

/// Refuses a code another live project of the plan uses (the unique index would too, with a
/// message no planner could read).
pub(super) fn check_code_free(
    conn: &Connection,
    plan: PlanId,
    code: &str,
    except: Option<ProjectId>,
) -> Result<()> {
    let taken: Option<String> = conn
        .prepare_cached(
            "SELECT title FROM project
             WHERE plan_id = ?1 AND code = ?2 AND deleted_at IS NULL AND id IS NOT ?3",
        )?
        .query_row(params![plan.0, code, except.map(|p| p.0)], |r| r.get(0))
        .optional()?;
    match taken {
        None => Ok(()),
        Some(title) => Err(Error::invalid(vec![validation::FieldError {
            field: "code".into(),
            rule: validation::Rule::Duplicate,
            message: format!("{code} is already the code of \"{title}\"; choose another"),
        }])),
    }
}

/// The next free code for a focus area in a plan, such as `BI-04`.
fn next_code(tx: &Transaction<'_>, plan: PlanId, focus_area: &str) -> Result<String> {
    let mut stmt = tx.prepare_cached("SELECT code FROM project WHERE plan_id = ?1")?;
    let taken: std::collections::HashSet<String> = stmt
        .query_map([plan.0], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let code = (1..)
        .map(|n| format!("{focus_area}-{n:02}"))
        .find(|c| !taken.contains(c))
        .expect("an unbounded range always has a free code");
    Ok(code)
}
