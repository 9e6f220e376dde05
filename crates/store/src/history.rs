//! Undo and redo of every edit of a plan, kept in the workspace so they survive a restart.
//!
//! Each user action records, in its own transaction, what it changed: the project or plan as it
//! was before and after (a project that is absent, new or deleted, is `None`). Undo writes the
//! "before" back, redo the "after". A new edit drops what had been undone, as in any editor.
//! Only the plan's content is in the history; partners added while editing a funding line stay.

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::{now, plans, projects, Workspace};
use crate::error::{Error, Result};
use ascn_model::says;
use ascn_model::validation::{self, PlanContext, Says};
use ascn_model::{PartnerId, PlanDraft, PlanId, ProjectDraft, ProjectId};

/// How many edits of a plan are kept; older ones can no longer be undone.
pub const KEPT: i64 = 500;

/// What can be undone and redone now, as labels for the menu and the tooltips, with what each
/// says for an interface in another language (none for edits made before schema 9).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct History {
    pub undo: Option<String>,
    pub redo: Option<String>,
    #[serde(default)]
    pub undo_words: Option<Words>,
    #[serde(default)]
    pub redo_words: Option<Words>,
}

/// What an edit's label says: its key in the interface's catalogs (`edits.editProject`) and
/// values (`code`; `fields`, the changed fields' names as stored, comma-separated).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Words {
    pub key: String,
    pub values: BTreeMap<String, String>,
}

impl From<Says> for Words {
    fn from(says: Says) -> Words {
        Words {
            key: says.key,
            values: says.values.into_iter().collect(),
        }
    }
}

/// An edit that was just undone or redone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Reverted {
    /// What the edit was, e.g. `Edit CS-01: title, end year`.
    pub label: String,
    /// What the label says, as [`History::undo_words`].
    #[serde(default)]
    pub words: Option<Words>,
    /// The project it touched, to show it.
    pub project: Option<ProjectId>,
    pub history: History,
}

/// One change to record.
pub(super) struct Change {
    target: &'static str,
    target_id: i64,
    label: String,
    words: Words,
    before: Option<String>,
    after: Option<String>,
}

/// "project" or "projects" after a count, in English; other languages word the count from
/// their catalogs.
pub(super) fn projects_noun(count: usize) -> &'static str {
    if count == 1 {
        "project"
    } else {
        "projects"
    }
}

/// An edit's words as stored; an empty column (an edit before schema 9) has none.
fn read_words(text: &str) -> Option<Words> {
    serde_json::from_str(text).ok()
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("model types serialise")
}

/// The fields that differ between two serialised values: their names as stored
/// (`title,end_year`) and in words (`title, end year`).
fn changed_fields(before: &impl Serialize, after: &impl Serialize) -> Option<(String, String)> {
    let (Ok(Value::Object(a)), Ok(Value::Object(b))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return None;
    };
    let changed: Vec<&String> = b
        .iter()
        .filter(|(k, v)| a.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    let words: Vec<String> = changed
        .iter()
        .map(|k| match k.strip_suffix("_local") {
            Some(field) => format!("{} (translation)", field.replace('_', " ")),
            None => k.replace('_', " "),
        })
        .collect();
    let names: Vec<&str> = changed.iter().map(|k| k.as_str()).collect();
    (!changed.is_empty()).then(|| (names.join(","), words.join(", ")))
}

impl Change {
    /// A project added (`before` is `None`), edited, deleted (`after` is `None`) or restored.
    pub(super) fn project(
        id: ProjectId,
        before: Option<&ProjectDraft>,
        after: Option<&ProjectDraft>,
    ) -> Option<Change> {
        let says = match (before, after) {
            (None, Some(a)) => says!(edits: "addProject", "Add project {code}", code = a.code),
            (Some(b), None) => {
                says!(edits: "deleteProject", "Delete project {code}", code = b.code)
            }
            (Some(b), Some(a)) => {
                let (fields, words) = changed_fields(b, a)?;
                let mut says = says!(
                    edits: "editProject",
                    "Edit {code}: {words}",
                    code = a.code,
                    words = words
                );
                says.values.push(("fields".into(), fields));
                says
            }
            (None, None) => return None,
        };
        Some(Change {
            target: "project",
            target_id: id.0,
            label: says.english.clone(),
            words: says.into(),
            before: before.map(to_json),
            after: after.map(to_json),
        })
    }

    /// The same change under another name, e.g. "Report BI-01 progress for 2022": edits are
    /// merged only with the one before under the same name.
    pub(super) fn labelled(self, says: Says) -> Change {
        Change {
            label: says.english.clone(),
            words: says.into(),
            ..self
        }
    }

    /// Sites from a GIS file added to several projects at once: each project's draft before
    /// and after, one edit to undo.
    pub(super) fn sites_added(
        edits: &[(ProjectId, &ProjectDraft, &ProjectDraft)],
        count: usize,
        source: &str,
    ) -> Option<Change> {
        let (first, _, _) = edits.first()?;
        let says = says!(
            edits: "addSites",
            "Add sites from {source} ({count})",
            count = count,
            source = source
        );
        let state = |after: bool| {
            let drafts: Vec<(ProjectId, &ProjectDraft)> = edits
                .iter()
                .map(|(id, b, a)| (*id, if after { *a } else { *b }))
                .collect();
            to_json(&drafts)
        };
        Some(Change {
            target: "project_set",
            target_id: first.0,
            label: says.english.clone(),
            words: says.into(),
            before: Some(state(false)),
            after: Some(state(true)),
        })
    }

    /// Projects added at once, from a spreadsheet.
    pub(super) fn projects_added(ids: &[ProjectId]) -> Option<Change> {
        let first = ids.first()?;
        let says = says!(
            edits: "addProjects",
            "Add {count} {projects} from a spreadsheet",
            count = ids.len(),
            projects = projects_noun(ids.len())
        );
        Some(Change {
            target: "projects",
            target_id: first.0,
            label: says.english.clone(),
            words: says.into(),
            before: None,
            after: Some(to_json(&ids)),
        })
    }

    /// The plan's own fields edited.
    pub(super) fn plan(id: PlanId, before: &PlanDraft, after: &PlanDraft) -> Option<Change> {
        let (fields, words) = changed_fields(before, after)?;
        let mut says = says!(edits: "editPlan", "Edit the plan: {words}", words = words);
        says.values.push(("fields".into(), fields));
        Some(Change {
            target: "plan",
            target_id: id.0,
            label: says.english.clone(),
            words: says.into(),
            before: Some(to_json(before)),
            after: Some(to_json(after)),
        })
    }
}

/// Records a change inside the action's transaction; `None` (nothing changed) records nothing.
pub(super) fn record(tx: &Transaction<'_>, plan: PlanId, change: Option<Change>) -> Result<()> {
    let Some(c) = change else { return Ok(()) };
    tx.execute(
        "DELETE FROM edit WHERE plan_id = ?1 AND undone = 1",
        [plan.0],
    )?;
    // Autosave writes a field as it is typed: saves that change the same fields of the same
    // thing one after another are one edit to undo, as typing a word is in an editor.
    if c.before.is_some() && c.after.is_some() {
        let merged = tx.execute(
            "UPDATE edit SET after = ?5, at = ?6
             WHERE id = (SELECT max(id) FROM edit WHERE plan_id = ?1)
               AND target = ?2 AND target_id = ?3 AND label = ?4 AND before IS NOT NULL
               AND after IS NOT NULL",
            params![plan.0, c.target, c.target_id, c.label, c.after, now()],
        )?;
        if merged > 0 {
            return Ok(());
        }
    }
    tx.execute(
        "INSERT INTO edit (plan_id, target, target_id, label, before, after, at, words)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            plan.0,
            c.target,
            c.target_id,
            c.label,
            c.before,
            c.after,
            now(),
            serde_json::to_string(&c.words).expect("words serialise")
        ],
    )?;
    tx.execute(
        "DELETE FROM edit WHERE plan_id = ?1 AND id <= (SELECT max(id) FROM edit
             WHERE plan_id = ?1) - ?2",
        params![plan.0, KEPT],
    )?;
    Ok(())
}

/// Forgets a plan's history, when the plan is replaced wholesale by an import.
pub(super) fn forget(tx: &Transaction<'_>, plan: PlanId) -> Result<()> {
    tx.execute("DELETE FROM edit WHERE plan_id = ?1", [plan.0])?;
    Ok(())
}

struct Stored {
    id: i64,
    target: String,
    target_id: i64,
    label: String,
    words: String,
    state: Option<String>,
}

/// Puts a project back as `draft` (undoing or redoing `label`), if it is still a valid project
/// of the plan as it is now.
fn restore(
    tx: &Transaction<'_>,
    cx: &PlanContext,
    plan: PlanId,
    id: ProjectId,
    draft: &ProjectDraft,
    label: &str,
    undo: bool,
) -> Result<()> {
    validation::project(draft, cx).map_err(|e| {
        let problems = ascn_model::error::validation_message(&e);
        Error::conflict(if undo {
            says!(
                errors: "cannotUndo",
                "cannot undo \"{label}\": {problems}",
                label = label,
                problems = problems
            )
        } else {
            says!(
                errors: "cannotRedo",
                "cannot redo \"{label}\": {problems}",
                label = label,
                problems = problems
            )
        })
    })?;
    projects::check_code_free(tx, plan, &draft.code, Some(id))?;
    projects::set_deleted(tx, id, false)?;
    projects::update_project(tx, id, draft)
}

fn corrupt(e: serde_json::Error) -> Error {
    Error::Corrupt(format!("an entry of the edit history: {e}"))
}

impl Workspace {
    /// What can be undone and redone in a plan now.
    pub fn history(&self, plan: PlanId) -> Result<History> {
        let label = |sql: &str| -> Result<(Option<String>, Option<Words>)> {
            let row: Option<(String, String)> = self
                .conn
                .query_row(sql, [plan.0], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            Ok(match row {
                Some((label, words)) => (Some(label), read_words(&words)),
                None => (None, None),
            })
        };
        let (undo, undo_words) = label(
            "SELECT label, words FROM edit WHERE plan_id = ?1 AND undone = 0
             ORDER BY id DESC LIMIT 1",
        )?;
        let (redo, redo_words) = label(
            "SELECT label, words FROM edit WHERE plan_id = ?1 AND undone = 1 ORDER BY id LIMIT 1",
        )?;
        Ok(History {
            undo,
            redo,
            undo_words,
            redo_words,
        })
    }

    /// Undoes the plan's last edit; `None` when there is nothing to undo.
    pub fn undo(&mut self, plan: PlanId) -> Result<Option<Reverted>> {
        self.revert(plan, true)
    }

    /// Redoes the edit undone last; `None` when there is nothing to redo.
    pub fn redo(&mut self, plan: PlanId) -> Result<Option<Reverted>> {
        self.revert(plan, false)
    }

    fn revert(&mut self, plan: PlanId, undo: bool) -> Result<Option<Reverted>> {
        let sql = if undo {
            "SELECT id, target, target_id, label, before, words FROM edit
             WHERE plan_id = ?1 AND undone = 0 ORDER BY id DESC LIMIT 1"
        } else {
            "SELECT id, target, target_id, label, after, words FROM edit
             WHERE plan_id = ?1 AND undone = 1 ORDER BY id LIMIT 1"
        };
        // Unchecked: the edit, the plan and its projects are read inside the transaction.
        let tx = self.conn.unchecked_transaction()?;
        let Some(edit) = tx
            .query_row(sql, [plan.0], |r| {
                Ok(Stored {
                    id: r.get(0)?,
                    target: r.get(1)?,
                    target_id: r.get(2)?,
                    label: r.get(3)?,
                    state: r.get(4)?,
                    words: r.get(5)?,
                })
            })
            .optional()?
        else {
            return Ok(None);
        };
        let stored_plan = self.plan(plan)?;
        let partners: Vec<PartnerId> = self.partners(plan)?.iter().map(|p| p.id).collect();
        // The plan may have changed since (its period): an old state must still be valid.
        let cx = PlanContext {
            reference: &self.reference,
            period: (stored_plan.period_start, stored_plan.period_end),
            partners: &partners,
        };
        let mut project = None;
        let mut restored = Vec::new();
        match edit.target.as_str() {
            "project" => {
                let id = ProjectId(edit.target_id);
                match &edit.state {
                    None => projects::set_deleted(&tx, id, true)?,
                    Some(json) => {
                        let draft: ProjectDraft = serde_json::from_str(json).map_err(corrupt)?;
                        restore(&tx, &cx, plan, id, &draft, &edit.label, undo)?;
                        project = Some(id);
                    }
                }
            }
            "project_set" => {
                let json = edit.state.as_deref().ok_or_else(|| {
                    Error::Corrupt("an edit of several projects without their state".into())
                })?;
                let drafts: Vec<(ProjectId, ProjectDraft)> =
                    serde_json::from_str(json).map_err(corrupt)?;
                for (id, draft) in &drafts {
                    restore(&tx, &cx, plan, *id, draft, &edit.label, undo)?;
                }
            }
            "projects" => {
                // The added ids are the edit's "after", whichever way it goes.
                let json: String =
                    tx.query_row("SELECT after FROM edit WHERE id = ?1", [edit.id], |r| {
                        r.get(0)
                    })?;
                let ids: Vec<ProjectId> = serde_json::from_str(&json).map_err(corrupt)?;
                for id in &ids {
                    projects::set_deleted(&tx, *id, undo)?;
                }
                if !undo {
                    restored = ids;
                }
            }
            "plan" => {
                let json = edit
                    .state
                    .as_deref()
                    .ok_or_else(|| Error::Corrupt("a plan edit without its state".into()))?;
                let draft: PlanDraft = serde_json::from_str(json).map_err(corrupt)?;
                plans::write_plan(&tx, plan, &draft)?;
                if plans::period_changed(&stored_plan.draft(), &draft) {
                    plans::check_projects_hold(self, plan, Some("period_start"), &[])?;
                }
            }
            other => {
                return Err(Error::Corrupt(format!(
                    "an edit of an unknown kind '{other}'"
                )))
            }
        }
        if !restored.is_empty() {
            plans::check_projects_hold(self, plan, None, &restored)?;
        }
        tx.execute(
            "UPDATE edit SET undone = ?2 WHERE id = ?1",
            params![edit.id, undo],
        )?;
        plans::touch(&tx, plan)?;
        tx.commit()?;
        tracing::info!(%plan, label = edit.label, undo, "edit reverted");
        Ok(Some(Reverted {
            words: read_words(&edit.words),
            label: edit.label,
            project,
            history: self.history(plan)?,
        }))
    }
}
