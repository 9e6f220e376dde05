//! Pairings a city agreed with another city or an external partner (see [`ascn_model::pairing`]
//! for the suggestions they come from).

use ascn_model::Thing;
use rusqlite::{params, Transaction};

use super::Workspace;
use crate::error::{Error, Result};
use crate::text::Text;
use ascn_model::{validation, Pairing, PairingDraft, PairingId, PlanId};

impl Workspace {
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
                kind: r.get::<_, Text<_>>(1)?.0,
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
        validation::pairing(draft).map_err(Error::invalid)?;
        self.plan(plan)?;
        let tx = self.conn.transaction()?;
        insert_pairing(&tx, plan, draft, &ascn_model::clock::today())?;
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
            return Err(Error::not_found(Thing::Pairing, id));
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
            Text(draft.kind),
            draft.counterpart.trim(),
            draft.score,
            reasons,
            draft.note.trim(),
            date
        ],
    )?;
    Ok(())
}
