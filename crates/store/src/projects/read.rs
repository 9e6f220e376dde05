//! Whole projects loaded with one query per table, however many projects there are.

use std::collections::HashMap;

use rusqlite::Connection;

use super::parse_geometry;
use crate::error::Result;
use crate::text::{Local, Text};
use ascn_model::{
    FundingLine, Kpi, KpiTarget, Location, Origin, PartnerId, PlanId, ProgressUpdate, Project,
    ProjectDraft, ProjectId,
};

/// Which projects [`load_projects`] reads.
pub(super) enum Scope {
    Project(ProjectId),
    Plan(PlanId),
}

/// Loads whole projects with one query per table, however many projects there are.
pub(super) fn load_projects(conn: &Connection, scope: Scope) -> Result<Vec<Project>> {
    let (filter, key) = match scope {
        Scope::Project(id) => ("p.id = ?1", id.0),
        Scope::Plan(plan) => ("p.plan_id = ?1", plan.0),
    };
    let live = format!("{filter} AND p.deleted_at IS NULL");
    let mut projects: Vec<Project> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    let sql = format!(
        "SELECT p.id, p.plan_id, p.code, p.title, p.description, p.primary_focus_area,
                p.start_year, p.end_year, p.status, p.lead_agency, p.bankable, p.version,
                o.code, op.period, p.title_local, p.description_local
         FROM project p
         LEFT JOIN project o ON o.id = p.carried_from
         LEFT JOIN plan op ON op.id = o.plan_id
         WHERE {live} ORDER BY p.code COLLATE NOCASE, p.id"
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
            carried_from: match (r.get(12)?, r.get(13)?) {
                (Some(code), Some(period)) => Some(Origin { period, code }),
                _ => None,
            },
            draft: ProjectDraft {
                code: r.get(2)?,
                title: r.get(3)?,
                title_local: r.get::<_, Local>(14)?.0,
                description: r.get(4)?,
                description_local: r.get::<_, Local>(15)?.0,
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
    // Each child query lists (project id, value…) for the projects in scope, in order. Ordered
    // by `p.id` (the same value as `c.project_id`) because the plan index gives projects in
    // that order, so SQLite sorts only within each project, or not at all.
    let children = |table: &str, columns: &str, order: &str| {
        format!(
            "SELECT c.project_id, {columns} FROM {table} c JOIN project p ON p.id = c.project_id
             WHERE {live} ORDER BY p.id, {order}"
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
            "c.year, c.status, c.percent_complete, c.narrative, c.spent, c.narrative_local",
            "c.year",
        ),
        &mut |d, r| {
            d.progress.push(ProgressUpdate {
                year: r.get(1)?,
                status: r.get::<_, Text<_>>(2)?.0,
                percent_complete: r.get(3)?,
                narrative: r.get(4)?,
                narrative_local: r.get::<_, Local>(6)?.0,
                spent: r.get(5)?,
            });
            Ok(())
        },
    )?;
    // KPIs carry their targets and actuals: read all, then hang each value on its KPI.
    let mut kpi_of: HashMap<i64, (usize, usize)> = HashMap::new();
    each(
        children(
            "kpi",
            "c.name, c.standard_ref, c.unit, c.baseline_year, c.baseline_value, c.id,
             c.name_local",
            "c.position",
        ),
        &mut |d, r| {
            d.kpis.push(Kpi {
                name: r.get(1)?,
                name_local: r.get::<_, Local>(7)?.0,
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
             JOIN project p ON p.id = c.project_id WHERE {live} ORDER BY p.id, c.id, t.year"
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
