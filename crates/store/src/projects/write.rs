//! Writing a project with its lists and children, inside the caller's transaction; the code
//! generator and the code check.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::now;
use crate::error::{Error, Result};
use crate::text::{Local, Text};
use ascn_model::languages::tidy;
use ascn_model::validation;
use ascn_model::{Geometry, PlanId, ProjectDraft, ProjectId};

/// Inserts a new, checked project with its lists and children, inside the caller's transaction.
pub(crate) fn insert_project(
    tx: &Transaction<'_>,
    plan: PlanId,
    draft: &ProjectDraft,
    code: &str,
    time: i64,
) -> Result<ProjectId> {
    tx.prepare_cached(
        "INSERT INTO project (plan_id, code, title, description, primary_focus_area, start_year,
             end_year, status, lead_agency, bankable, created_at, updated_at, title_local,
             description_local)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13)",
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
        time,
        Local(tidy(&draft.title_local)),
        Local(tidy(&draft.description_local))
    ])?;
    let id = ProjectId(tx.last_insert_rowid());
    insert_children(tx, id, draft)?;
    Ok(id)
}

/// Deletes a project softly, or brings it back.
pub(crate) fn set_deleted(tx: &Transaction<'_>, id: ProjectId, deleted: bool) -> Result<()> {
    tx.execute(
        "UPDATE project SET deleted_at = CASE WHEN ?2 THEN ?3 END, version = version + 1
         WHERE id = ?1",
        params![id.0, deleted, now()],
    )?;
    Ok(())
}

/// Replaces a stored project's fields and parts with `draft`, whose code is final.
pub(crate) fn update_project(
    tx: &Transaction<'_>,
    id: ProjectId,
    draft: &ProjectDraft,
) -> Result<()> {
    tx.execute(
        "UPDATE project SET code = ?2, title = ?3, description = ?4,
             primary_focus_area = ?5, start_year = ?6, end_year = ?7, status = ?8,
             lead_agency = ?9, bankable = ?10, updated_at = ?11, version = version + 1,
             title_local = ?12, description_local = ?13
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
            now(),
            Local(tidy(&draft.title_local)),
            Local(tidy(&draft.description_local))
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

/// Writes the lists and children of a project; the caller has cleared the old ones.
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
                          baseline_value, name_local)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
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
            k.baseline_value,
            Local(tidy(&k.name_local))
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
        "INSERT INTO project_progress (project_id, year, status, percent_complete, narrative,
                                       spent, narrative_local)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for u in &d.progress {
        progress.execute(params![
            id.0,
            u.year,
            Text(u.status),
            u.percent_complete,
            u.narrative.trim(),
            u.spent,
            Local(tidy(&u.narrative_local))
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
pub(crate) fn geometry_text(geometry: &Geometry) -> String {
    serde_json::to_string(geometry).expect("a geometry of numbers always serialises")
}

/// A stored geometry; a file edited by hand may hold anything, hence the error.
pub(crate) fn parse_geometry(text: &str) -> Result<Geometry> {
    serde_json::from_str(text).map_err(|e| Error::Corrupt(format!("a stored geometry ({e})")))
}

/// Refuses a code another live project of the plan uses (the unique index would too, with a
/// message no planner could read).
pub(crate) fn check_code_free(
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
        Some(title) => Err(Error::invalid(vec![validation::FieldError::new(
            "code",
            validation::Rule::Duplicate,
            ascn_model::says!(
                "codeOf",
                "{code} is already the code of \"{title}\"; choose another",
                code = code,
                title = title
            ),
        )])),
    }
}

/// The next free code for a focus area in a plan, such as `BI-04`.
pub(crate) fn next_code(tx: &Transaction<'_>, plan: PlanId, focus_area: &str) -> Result<String> {
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
