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
use rustc_hash::{FxHashMap, FxHashSet};

use super::projects::{Measures, Own, Scope};
use super::Workspace;
use crate::error::{Error, Result};
use ascn_model::{CityId, PlanDocument, PlanId, Project};

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
    /// read by several readers at once, each on a read-only connection of its own and in one
    /// read transaction. Most of the workspace's plans are read table by table
    /// ([`Workspace::read_side_by_side`]); fewer, plan by plan, the plans shared out between
    /// the cores (a plan is one snapshot; plans read side by side may straddle another
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
        // Scanning the tables is the cheaper read of most plans even on one core.
        let read_docs = if missing.len() > 1 && missing.len() * 2 >= self.plan_count()? {
            Some(self.read_side_by_side(&missing)?)
        } else if threads > 1 {
            Some(self.read_plan_by_plan(&missing, threads)?)
        } else {
            None
        };
        if let Some(read_docs) = read_docs {
            self.documents
                .loads
                .set(self.documents.loads.get() + read_docs.len() as u64);
            // Kept only if nothing was committed meanwhile (the two halves of a read side by
            // side are then one snapshot); else read again below, as one plan.
            if self.change_counts()? == now {
                let mut cached = self.documents.cached.borrow_mut();
                for doc in read_docs {
                    cached.insert(doc.plan.id, Arc::new(doc));
                }
            }
        }
        plans.iter().map(|p| self.document(*p)).collect()
    }

    /// How many plans the workspace holds, of every city and period.
    fn plan_count(&self) -> Result<usize> {
        let count: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM plan")?
            .query_row([], |r| r.get(0))?;
        Ok(count as usize)
    }

    /// `plans` shared out between `threads` readers, each reading its plans one by one.
    fn read_plan_by_plan(&self, plans: &[PlanId], threads: usize) -> Result<Vec<PlanDocument>> {
        let groups: Vec<_> = plans.chunks(plans.len().div_ceil(threads)).collect();
        let readers = groups
            .iter()
            .map(|_| self.reader())
            .collect::<Result<Vec<_>>>()?;
        std::thread::scope(|scope| {
            let groups: Vec<_> = groups
                .into_iter()
                .zip(readers)
                .map(|(group, reader)| {
                    scope.spawn(move || -> Result<Vec<PlanDocument>> {
                        group.iter().map(|p| reader.read_document(*p)).collect()
                    })
                })
                .collect();
            let mut all = Vec::with_capacity(plans.len());
            for group in groups {
                all.extend(joined(group.join())?);
            }
            Ok(all)
        })
    }

    /// `plans` read by scanning each table once (a search for each project's rows costs more
    /// when most plans are read), on two readers side by side: one reads what the projects are
    /// (and each plan, its city, partners, pairings and districts), the other what they spend
    /// and measure. Each half is one read transaction; the caller keeps the plans only if
    /// nothing was committed while they read, when the two are one snapshot.
    fn read_side_by_side(&self, plans: &[PlanId]) -> Result<Vec<PlanDocument>> {
        let wanted: FxHashSet<PlanId> = plans.iter().copied().collect();
        let scope = Scope::Plans(&wanted);
        let (own, measures) = (self.reader()?, self.reader()?);
        std::thread::scope(|threads| {
            let scope = &scope;
            let measured =
                threads.spawn(move || measures.in_snapshot(|ws| Measures::read(&ws.conn, scope)));
            own.in_snapshot(|ws| {
                let projects = Own::read(&ws.conn, scope)?;
                let mut docs = plans
                    .iter()
                    .map(|&plan| ws.document_with(plan, Vec::new()))
                    .collect::<Result<Vec<_>>>()?;
                let mut by_plan: FxHashMap<PlanId, Vec<Project>> = FxHashMap::default();
                for project in projects.with(joined(measured.join())?) {
                    by_plan.entry(project.plan_id).or_default().push(project);
                }
                for doc in &mut docs {
                    doc.projects = by_plan.remove(&doc.plan.id).unwrap_or_default();
                }
                Ok(docs)
            })
        })
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
        let doc = self.in_snapshot(|ws| ws.document_with(plan, ws.plan_projects(plan)?))?;
        self.documents.loads.set(self.documents.loads.get() + 1);
        Ok(doc)
    }

    /// What `read` reads, as one snapshot (see [`Workspace::read_snapshot`]).
    fn in_snapshot<T>(&self, read: impl FnOnce(&Self) -> Result<T>) -> Result<T> {
        let snapshot = self.read_snapshot()?;
        let value = read(self)?;
        if let Some(tx) = snapshot {
            tx.finish()?;
        }
        Ok(value)
    }

    /// The plan's document around its `projects`, the rest read here.
    fn document_with(&self, plan: PlanId, projects: Vec<Project>) -> Result<PlanDocument> {
        let stored = self.plan(plan)?;
        let city = self.city(stored.city_id)?;
        Ok(PlanDocument {
            projects,
            partners: self.partners(plan)?,
            pairings: self.pairings(plan)?,
            districts: self.districts(city.id)?,
            revision: self.latest_revision(plan)?,
            city,
            plan: stored,
        })
    }
}

/// A reading thread's result, its panic carried on.
fn joined<T>(thread: std::thread::Result<Result<T>>) -> Result<T> {
    match thread {
        Ok(read) => read,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}
