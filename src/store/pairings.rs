//! Pairings a city agreed with another city or an external partner (see [`crate::pairing`]
//! for the suggestions they come from).

use std::collections::HashMap;

use rusqlite::{params, Transaction};

use super::Workspace;
use crate::error::{Error, Result};
use crate::model::{validation, Pairing, PairingDraft, PairingId, PartnerId, PlanId};

/// What pairing reads of a project: what it works on and with whom. Reading only this, rather
/// than whole projects, keeps suggestions quick when a workspace holds every city's plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectTies {
    pub primary_focus_area: String,
    pub sectors: Vec<String>,
    /// Partners taking part in the project or funding it.
    pub partners: Vec<PartnerId>,
}

impl Workspace {
    /// The ties of each live project of the plan.
    pub fn project_ties(&self, plan: PlanId) -> Result<Vec<ProjectTies>> {
        let mut ties = Vec::new();
        let mut index: HashMap<i64, usize> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, primary_focus_area FROM project WHERE plan_id = ?1 AND deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([plan.0])?;
        while let Some(r) = rows.next()? {
            index.insert(r.get(0)?, ties.len());
            ties.push(ProjectTies {
                primary_focus_area: r.get(1)?,
                ..Default::default()
            });
        }
        let live = "JOIN project p ON p.id = c.project_id
                    WHERE p.plan_id = ?1 AND p.deleted_at IS NULL";
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT c.project_id, c.sector FROM project_sector c {live} ORDER BY c.position"
        ))?;
        let mut rows = stmt.query([plan.0])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
                ties[i].sectors.push(r.get(1)?);
            }
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT c.project_id, c.partner_id FROM project_partner c {live}
             UNION
             SELECT c.project_id, c.partner_id FROM funding_line c {live}
                AND c.partner_id IS NOT NULL"
        ))?;
        let mut rows = stmt.query([plan.0])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
                ties[i].partners.push(PartnerId(r.get(1)?));
            }
        }
        Ok(ties)
    }

    /// The plan's agreed pairings, oldest first.
    pub fn pairings(&self, plan: PlanId) -> Result<Vec<Pairing>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, counterpart, score, reasons, note, agreed_at FROM pairing
             WHERE plan_id = ?1 ORDER BY agreed_at, id",
        )?;
        let rows = stmt.query_map([plan.0], |r| {
            let reasons: String = r.get(4)?;
            Ok(Pairing {
                id: PairingId(r.get(0)?),
                kind: r.get(1)?,
                counterpart: r.get(2)?,
                score: r.get(3)?,
                reasons: serde_json::from_str(&reasons).unwrap_or_default(),
                note: r.get(5)?,
                agreed_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records a pairing as agreed; agreeing again with the same counterpart updates the note.
    pub fn agree_pairing(&mut self, plan: PlanId, draft: &PairingDraft) -> Result<Vec<Pairing>> {
        validation::pairing(draft).map_err(Error::Validation)?;
        self.plan(plan)?;
        let tx = self.conn.transaction()?;
        insert_pairing(&tx, plan, draft, &crate::clock::today())?;
        super::plans::touch(&tx, plan)?;
        tx.commit()?;
        self.pairings(plan)
    }

    /// Removes an agreed pairing.
    pub fn remove_pairing(&mut self, id: PairingId) -> Result<()> {
        let changed = self
            .conn
            .execute("DELETE FROM pairing WHERE id = ?1", [id.0])?;
        if changed == 0 {
            return Err(Error::not_found("pairing", id));
        }
        Ok(())
    }
}

/// Writes a pairing agreed on `date` (`YYYY-MM-DD`); agreeing again with the same counterpart
/// updates the score, reasons and note.
pub(super) fn insert_pairing(
    tx: &Transaction<'_>,
    plan: PlanId,
    draft: &PairingDraft,
    date: &str,
) -> Result<()> {
    let reasons = serde_json::to_string(&draft.reasons).unwrap_or_else(|_| "[]".into());
    tx.execute(
        "INSERT INTO pairing (plan_id, kind, counterpart, score, reasons, note, agreed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (plan_id, kind, counterpart) DO UPDATE
         SET score = excluded.score, reasons = excluded.reasons, note = excluded.note",
        params![
            plan.0,
            draft.kind,
            draft.counterpart.trim(),
            draft.score,
            reasons,
            draft.note.trim(),
            date
        ],
    )?;
    Ok(())
}
