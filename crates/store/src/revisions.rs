//! Revisions: submitting a plan freezes it, as the plan file an export would write, numbered
//! 1, 2, 3… per plan. Any two revisions, or one and the plan as it is now, can then be compared
//! with [`ascn_model::revisions::diff`].

use ascn_model::Thing;
use rusqlite::{params, OptionalExtension};

use super::history::{self, Change};
use super::{now, Workspace};
use crate::error::{Error, Result};
use crate::text::Text;
use ascn_model::plan_file::{self, PlanFile};
use ascn_model::revisions::{self, PlanDiff};
use ascn_model::{validation, PlanDraft, PlanId, PlanStatus, Revision};

impl Workspace {
    /// Marks the plan as submitted to the National Representative and freezes it as the next
    /// revision, in one transaction. The status change is an edit like any other (undoable); the
    /// revision stays, as a record of what was submitted.
    pub fn submit_plan(&mut self, plan: PlanId, label: &str) -> Result<Revision> {
        let label = label.trim();
        validation::revision_label(label).map_err(Error::invalid)?;
        // Unchecked: the plan and its plan file are read through the same connection, inside
        // the transaction, so they see the new status and nothing another program writes
        // meanwhile.
        let tx = self.conn.unchecked_transaction()?;
        let before = self.plan(plan)?.draft();
        if before.status == PlanStatus::Draft {
            let after = PlanDraft {
                status: PlanStatus::Submitted,
                ..before.clone()
            };
            super::plans::write_plan(&tx, plan, &after)?;
            history::record(&tx, plan, Change::plan(plan, &before, &after))?;
        }
        // Read inside this transaction: the plan as it is being submitted.
        let file = plan_file::plan_file(&self.read_document(plan)?, &self.reference)?;
        let projects: u32 = file
            .focus_areas
            .iter()
            .map(|a| a.projects.len() as u32)
            .sum();
        let number: u32 = tx.query_row(
            "SELECT coalesce(max(number), 0) + 1 FROM revision WHERE plan_id = ?1",
            [plan.0],
            |r| r.get(0),
        )?;
        let time = now();
        tx.execute(
            "INSERT INTO revision (plan_id, number, status, label, frozen_at, projects, file)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                plan.0,
                number,
                Text(file.plan.status),
                label,
                time,
                projects,
                plan_file::to_json(&file)
            ],
        )?;
        tx.commit()?;
        tracing::info!(%plan, number, "plan submitted, revision frozen");
        Ok(Revision {
            number,
            status: file.plan.status,
            label: label.to_string(),
            frozen_at: ascn_model::clock::local_minute(time),
            projects,
        })
    }

    /// The plan's revisions, oldest first.
    pub fn revisions(&self, plan: PlanId) -> Result<Vec<Revision>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT number, status, label, frozen_at, projects FROM revision
             WHERE plan_id = ?1 ORDER BY number",
        )?;
        let rows = stmt.query_map([plan.0], |r| {
            Ok(Revision {
                number: r.get(0)?,
                status: r.get::<_, Text<_>>(1)?.0,
                label: r.get(2)?,
                frozen_at: ascn_model::clock::local_minute(r.get(3)?),
                projects: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The number of the plan's latest revision, 0 when it was never submitted.
    pub fn latest_revision(&self, plan: PlanId) -> Result<u32> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(number), 0) FROM revision WHERE plan_id = ?1",
            [plan.0],
            |r| r.get(0),
        )?)
    }

    /// The plan as it was frozen in revision `number`.
    pub fn revision_file(&self, plan: PlanId, number: u32) -> Result<PlanFile> {
        let text: String = self
            .conn
            .query_row(
                "SELECT file FROM revision WHERE plan_id = ?1 AND number = ?2",
                params![plan.0, number],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found(Thing::Revision, number))?;
        // Written by this app, in this or an earlier version of the format (all are read): a
        // file that does not parse was damaged, which is not the user's input to correct.
        ascn_model::plan_file::read::parse(&text).map_err(|errors| {
            Error::Corrupt(format!(
                "revision {number} of the plan is damaged ({})",
                ascn_model::error::validation_message(&errors)
            ))
        })
    }

    /// What changed from revision `from` to revision `to`, or to the plan as it is now.
    pub fn revision_diff(&self, plan: PlanId, from: u32, to: Option<u32>) -> Result<PlanDiff> {
        let before = self.revision_file(plan, from)?;
        let after = match to {
            Some(number) => self.revision_file(plan, number)?,
            None => plan_file::plan_file(&*self.document(plan)?, &self.reference)?,
        };
        Ok(revisions::diff(&before, &after))
    }
}
