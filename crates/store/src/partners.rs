//! Partners named in a plan.

use rusqlite::{params, Transaction};

use super::Workspace;
use crate::error::{Error, Result};
use crate::text::{Local, Text};
use ascn_model::languages::tidy;
use ascn_model::{validation, Partner, PartnerDraft, PartnerId, PlanId};

impl Workspace {
    /// The plan's partners, by name.
    pub fn partners(&self, plan: PlanId) -> Result<Vec<Partner>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, name, country, name_local FROM partner WHERE plan_id = ?1
             ORDER BY name COLLATE NOCASE, id",
        )?;
        let rows = stmt.query_map([plan.0], |r| {
            Ok(Partner {
                id: PartnerId(r.get(0)?),
                kind: r.get::<_, Text<_>>(1)?.0,
                name: r.get(2)?,
                name_local: r.get::<_, Local>(4)?.0,
                country: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Adds a partner to a plan.
    pub fn add_partner(&mut self, plan: PlanId, draft: &PartnerDraft) -> Result<Partner> {
        validation::partner(draft).map_err(Error::invalid)?;
        self.plan(plan)?;
        let name = draft.name.trim().to_string();
        let country = draft
            .country
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(String::from);
        let name_local = tidy(&draft.name_local);
        let tx = self.conn.transaction()?;
        let id = insert_partner(
            &tx,
            plan,
            &PartnerDraft {
                kind: draft.kind,
                name: name.clone(),
                name_local: name_local.clone(),
                country: country.clone(),
            },
        )?;
        super::plans::touch(&tx, plan)?;
        tx.commit()?;
        Ok(Partner {
            id,
            kind: draft.kind,
            name,
            name_local,
            country,
        })
    }
}

/// Inserts a checked partner into a plan, inside the caller's transaction.
pub(super) fn insert_partner(
    tx: &Transaction<'_>,
    plan: PlanId,
    draft: &PartnerDraft,
) -> Result<PartnerId> {
    tx.execute(
        "INSERT INTO partner (plan_id, kind, name, country, name_local)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            plan.0,
            Text(draft.kind),
            draft.name.trim(),
            draft.country,
            Local(tidy(&draft.name_local))
        ],
    )?;
    Ok(PartnerId(tx.last_insert_rowid()))
}
