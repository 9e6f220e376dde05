//! Projects (action lines): saved whole, listed with filters, deleted softly.
//!
//! - [`read`]: whole projects loaded with one query per table;
//! - [`write`]: inserting and updating a project with its lists, the code generator and checks;
//! - [`sites`]: sites from a GIS file added to projects by their codes.

mod read;
mod sites;
mod write;

pub(super) use write::{
    check_code_free, geometry_text, insert_project, parse_geometry, set_deleted, update_project,
};

use crate::error::Changed;
use ascn_model::Thing;
use rusqlite::OptionalExtension;

use super::history::{self, Change};
use super::{now, Workspace};
use crate::error::{Error, Result};
use ascn_model::validation::{self, PlanContext};
use ascn_model::{
    PartnerId, PlanId, ProgressEntry, Project, ProjectDraft, ProjectFilter, ProjectId, ProjectRow,
};
use read::load_projects;
pub(super) use read::{Measures, Own, Scope};
pub(super) use write::next_code;

/// What a project of a plan is checked against, read with the plan: its period, its partners
/// and its version of the Framework.
pub(super) struct Rules {
    period: (i32, i32),
    partners: Vec<PartnerId>,
    reference: std::sync::Arc<ascn_model::framework::Reference>,
}

impl Rules {
    pub(super) fn context(&self) -> PlanContext<'_> {
        PlanContext {
            reference: &self.reference,
            period: self.period,
            partners: &self.partners,
        }
    }
}

impl Workspace {
    pub(super) fn project_rules(&self, plan_id: PlanId) -> Result<Rules> {
        let plan = self.plan(plan_id)?;
        Ok(Rules {
            period: (plan.period_start, plan.period_end),
            partners: self.partners(plan_id)?.iter().map(|p| p.id).collect(),
            reference: self.reference_for(&plan)?,
        })
    }
}

/// The live projects of a plan, read through `conn` (inside the caller's transaction).
pub(super) fn plan_projects_in(conn: &rusqlite::Connection, plan: PlanId) -> Result<Vec<Project>> {
    load_projects(conn, Scope::Plan(plan))
}

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

    /// Saves a project; a progress report is named `progress` in the history, and is the one
    /// write a closed plan takes. Everything that decides the
    /// write (the plan's period and partners, the stored project, its version) is read inside
    /// the write's transaction, so no other program's change falls between the read and it.
    fn save_project_as(
        &mut self,
        plan_id: PlanId,
        id: Option<ProjectId>,
        draft: &ProjectDraft,
        progress: Option<ascn_model::validation::Says>,
        base: Option<i64>,
    ) -> Result<Project> {
        // Unchecked: the plan and the stored project are read through the same connection,
        // inside the transaction (which takes the write lock when it begins).
        let tx = self.conn.unchecked_transaction()?;
        let rules = self.project_rules(plan_id)?;
        validation::project(draft, &rules.context()).map_err(Error::invalid)?;
        let before = match id {
            Some(id) => {
                let stored = self.project(id)?;
                if stored.plan_id != plan_id {
                    return Err(Error::conflict(ascn_model::says!(
                        errors: "anotherPlansProject",
                        "project {id} belongs to another plan",
                        id = id
                    )));
                }
                if base.is_some_and(|base| base != stored.version) {
                    return Err(Error::ChangedElsewhere(Changed::Project(
                        stored.draft.code.clone(),
                    )));
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
        let mut saved = ProjectDraft {
            code: code.clone(),
            title: draft.title.trim().to_string(),
            lead_agency: draft.lead_agency.trim().to_string(),
            ..draft.clone()
        };
        saved.tidy_local();
        let id = match id {
            Some(id) => {
                update_project(&tx, id, &saved)?;
                let change = Change::project(id, before.as_ref(), Some(&saved));
                history::record(
                    &tx,
                    plan_id,
                    change.map(|c| match &progress {
                        Some(label) => c.labelled(label.clone()),
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
        match progress {
            Some(_) => super::plans::mark_changed(&tx, plan_id)?,
            None => super::plans::touch(&tx, plan_id)?,
        }
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
        let label = ascn_model::says!(
            edits: "reportProgress",
            "Report {code} progress for {year}",
            code = draft.code,
            year = entry.year
        );
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
            .ok_or_else(|| Error::not_found(Thing::Project, id))
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
        let plan = PlanId(plan.ok_or_else(|| Error::not_found(Thing::DeletedProject, id))?);
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
