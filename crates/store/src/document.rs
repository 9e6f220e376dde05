//! Loads a whole plan as one [`PlanDocument`], in one read transaction, and keeps the last ones
//! read: a view that does not write reads the plan from memory.
//!
//! The cache is dropped whenever the workspace may have changed: a commit by another program
//! (SQLite's `data_version`) or a write through this connection (its change count). That is
//! coarser than a per-plan revision, and so never stale.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::{Transaction, TransactionBehavior};

use super::Workspace;
use crate::error::{Error, Result};
use ascn_model::{CityId, PlanDocument, PlanId};

/// Plans read since the workspace last changed, and how many were read from SQLite.
#[derive(Default)]
pub(super) struct Documents {
    /// `(data_version, total_changes)` the cached documents were read at.
    at: Cell<(i64, u64)>,
    cached: RefCell<HashMap<PlanId, Arc<PlanDocument>>>,
    loads: Cell<u64>,
}

impl Workspace {
    /// The whole plan, as one consistent snapshot: from memory when nothing has been written to
    /// the workspace since it was last read.
    pub fn document(&self, plan: PlanId) -> Result<Arc<PlanDocument>> {
        self.keep_documents_current()?;
        if let Some(doc) = self.documents.cached.borrow().get(&plan) {
            return Ok(Arc::clone(doc));
        }
        let doc = Arc::new(self.read_document(plan)?);
        self.documents
            .cached
            .borrow_mut()
            .insert(plan, Arc::clone(&doc));
        Ok(doc)
    }

    /// The documents of `plans`, in the order given: from memory where already read, the rest
    /// read on every core at once, each on a read-only connection of its own and each in one
    /// read transaction (a plan is one snapshot; plans read side by side may straddle another
    /// program's commit, as plans read one after another may). What a network roll-up or
    /// pairing across the workspace reads.
    pub fn documents(&self, plans: &[PlanId]) -> Result<Vec<Arc<PlanDocument>>> {
        let now = self.keep_documents_current()?;
        let missing: Vec<PlanId> = {
            let cached = self.documents.cached.borrow();
            plans
                .iter()
                .copied()
                .filter(|p| !cached.contains_key(p))
                .collect()
        };
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(missing.len() / 2);
        if threads > 1 {
            let groups: Vec<_> = missing.chunks(missing.len().div_ceil(threads)).collect();
            let readers = groups
                .iter()
                .map(|_| self.reader())
                .collect::<Result<Vec<_>>>()?;
            let read_docs = std::thread::scope(|scope| {
                let groups: Vec<_> = groups
                    .into_iter()
                    .zip(readers)
                    .map(|(group, reader)| {
                        scope.spawn(move || -> Result<Vec<PlanDocument>> {
                            group.iter().map(|p| reader.read_document(*p)).collect()
                        })
                    })
                    .collect();
                let mut all = Vec::with_capacity(missing.len());
                for group in groups {
                    match group.join() {
                        Ok(docs) => all.extend(docs?),
                        Err(panic) => std::panic::resume_unwind(panic),
                    }
                }
                Ok::<_, Error>(all)
            })?;
            self.documents
                .loads
                .set(self.documents.loads.get() + read_docs.len() as u64);
            // Kept only if nothing was committed meanwhile; else read again below, as one plan.
            if self.change_counts()? == now {
                let mut cached = self.documents.cached.borrow_mut();
                for doc in read_docs {
                    cached.insert(doc.plan.id, Arc::new(doc));
                }
            }
        }
        plans.iter().map(|p| self.document(*p)).collect()
    }

    /// `(data_version, total_changes)`: what moves when the workspace may have changed.
    fn change_counts(&self) -> Result<(i64, u64)> {
        Ok((super::data_version(&self.conn)?, self.conn.total_changes()))
    }

    /// Drops the documents read when the workspace has changed since; the change counts now.
    fn keep_documents_current(&self) -> Result<(i64, u64)> {
        let now = self.change_counts()?;
        if self.documents.at.get() != now {
            self.documents.cached.borrow_mut().clear();
            self.documents.at.set(now);
        }
        Ok(now)
    }

    /// The plans of `cities`, in the order given; a city without a plan is an error naming it.
    pub fn documents_of(&self, cities: &[CityId]) -> Result<Vec<Arc<PlanDocument>>> {
        cities
            .iter()
            .map(|&id| {
                let plan = self.plan_of_city(id)?.ok_or_else(|| {
                    let name = self.city(id).map_or_else(|_| id.to_string(), |c| c.name);
                    Error::conflict(ascn_model::says!(
                        errors: "noPlanYet",
                        "{city} has no plan yet",
                        city = name
                    ))
                })?;
                self.document(plan.id)
            })
            .collect()
    }

    /// Drops every document read, so the next read goes to SQLite: after a change the change
    /// counts do not see (a restore), and for timing a first read.
    pub fn forget_documents(&self) {
        self.documents.cached.borrow_mut().clear();
    }

    /// How many documents were read from SQLite (not from memory) since the workspace was
    /// opened: what a test counts to show an export reads the plan once.
    pub fn document_loads(&self) -> u64 {
        self.documents.loads.get()
    }

    /// A read transaction, unless the caller has one open: what is read until it finishes is one
    /// snapshot, whatever another program commits meanwhile.
    pub(super) fn read_snapshot(&self) -> Result<Option<Transaction<'_>>> {
        if !self.conn.is_autocommit() {
            return Ok(None);
        }
        Ok(Some(Transaction::new_unchecked(
            &self.conn,
            TransactionBehavior::Deferred,
        )?))
    }

    /// Reads the plan from SQLite, past the cache: in a read transaction of its own, or inside
    /// the caller's when one is open (a write that freezes a revision reads the plan it is
    /// writing).
    pub fn read_document(&self, plan: PlanId) -> Result<PlanDocument> {
        let snapshot = self.read_snapshot()?;
        let stored = self.plan(plan)?;
        let city = self.city(stored.city_id)?;
        let doc = PlanDocument {
            projects: self.plan_projects(plan)?,
            partners: self.partners(plan)?,
            pairings: self.pairings(plan)?,
            districts: self.districts(city.id)?,
            revision: self.latest_revision(plan)?,
            city,
            plan: stored,
        };
        if let Some(tx) = snapshot {
            tx.finish()?;
        }
        self.documents.loads.set(self.documents.loads.get() + 1);
        Ok(doc)
    }
}
