//! Whole projects loaded with one query per table, however many projects there are.

use rusqlite::Connection;
use rustc_hash::FxHashMap;

use super::parse_geometry;
use crate::error::Result;
use crate::text::{Local, Text};
use ascn_model::analysis::nocase;
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
    let sql = format!(
        "SELECT p.id, p.plan_id, p.code, p.title, p.description, p.primary_focus_area,
                p.start_year, p.end_year, p.status, p.lead_agency, p.bankable, p.version,
                o.code, op.period, p.title_local, p.description_local
         FROM project p
         LEFT JOIN project o ON o.id = p.carried_from
         LEFT JOIN plan op ON op.id = o.plan_id
         WHERE {live}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([key])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
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
    // By code, ignoring case, then id: sorted here, as SQLite's sorter took longer than reading
    // the rows.
    projects.sort_by(|a, b| nocase(&a.draft.code, &b.draft.code).then(a.id.0.cmp(&b.id.0)));
    let index: FxHashMap<i64, usize> = projects
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.0, i))
        .collect();
    // Each child query lists (project id, order, value…) for the projects in scope; each
    // project's lists are put in order here. Ordering them in SQL ran SQLite's sorter once per
    // project and table, which cost more than reading the rows.
    let children = |table: &str, columns: &str, order: &str| {
        format!(
            "SELECT c.project_id, {order}, {columns} FROM {table} c
             JOIN project p ON p.id = c.project_id WHERE {live}"
        )
    };
    let rows = Rows {
        conn,
        key,
        index: &index,
    };
    let text_lists: [(&str, &str, TextList); 3] = [
        ("project_focus_area", "c.focus_area", |d| {
            &mut d.secondary_focus_areas
        }),
        ("project_sector", "c.sector", |d| &mut d.sectors),
        ("project_outcome", "c.outcome", |d| &mut d.outcomes),
    ];
    for (table, column, list) in text_lists {
        rows.read(&children(table, column, "c.position"), |r| Ok(r.get(2)?))?
            .onto(&mut projects, list);
    }
    rows.read(&children("project_sdg", "c.sdg", "c.position"), |r| {
        Ok(r.get(2)?)
    })?
    .onto(&mut projects, |d| &mut d.sdgs);
    rows.read(
        &children("project_partner", "c.partner_id", "c.position"),
        |r| Ok(PartnerId(r.get(2)?)),
    )?
    .onto(&mut projects, |d| &mut d.partners);
    rows.read(
        &children(
            "funding_line",
            "c.source, c.partner_id, c.amount, c.currency, c.start_year, c.end_year, c.status",
            "c.position",
        ),
        |r| {
            Ok(FundingLine {
                source: r.get::<_, Text<_>>(2)?.0,
                partner_id: r.get::<_, Option<i64>>(3)?.map(PartnerId),
                amount: r.get(4)?,
                currency: r.get(5)?,
                start_year: r.get(6)?,
                end_year: r.get(7)?,
                status: r.get::<_, Text<_>>(8)?.0,
            })
        },
    )?
    .onto(&mut projects, |d| &mut d.funding);
    rows.read(
        &children("project_location", "c.name, c.geometry", "c.position"),
        |r| {
            Ok(Location {
                name: r.get(2)?,
                geometry: parse_geometry(&r.get::<_, String>(3)?)?,
            })
        },
    )?
    .onto(&mut projects, |d| &mut d.locations);
    rows.read(
        &children(
            "project_progress",
            "c.status, c.percent_complete, c.narrative, c.spent, c.narrative_local",
            "c.year",
        ),
        |r| {
            Ok(ProgressUpdate {
                year: r.get(1)?,
                status: r.get::<_, Text<_>>(2)?.0,
                percent_complete: r.get(3)?,
                narrative: r.get(4)?,
                narrative_local: r.get::<_, Local>(6)?.0,
                spent: r.get(5)?,
            })
        },
    )?
    .onto(&mut projects, |d| &mut d.progress);
    // KPIs carry their targets and actuals, hung on each KPI by its id.
    let kpis = rows.read(
        &children(
            "kpi",
            "c.id, c.name, c.standard_ref, c.unit, c.baseline_year, c.baseline_value,
             c.name_local",
            "c.position",
        ),
        |r| {
            let kpi = Kpi {
                name: r.get(3)?,
                name_local: r.get::<_, Local>(8)?.0,
                standard_ref: r.get(4)?,
                unit: r.get(5)?,
                baseline_year: r.get(6)?,
                baseline_value: r.get(7)?,
                targets: Vec::new(),
                actuals: Vec::new(),
            };
            Ok((r.get::<_, i64>(2)?, kpi))
        },
    )?;
    let mut kpi_of: FxHashMap<i64, (usize, usize)> = FxHashMap::default();
    for (i, (id, kpi)) in kpis.in_order() {
        let kpis = &mut projects[i].draft.kpis;
        kpi_of.insert(id, (i, kpis.len()));
        kpis.push(kpi);
    }
    let kpi_rows = Rows {
        conn,
        key,
        index: &kpi_of,
    };
    for table in ["kpi_target", "kpi_actual"] {
        let sql = format!(
            "SELECT t.kpi_id, t.year, t.value FROM {table} t JOIN kpi c ON c.id = t.kpi_id
             JOIN project p ON p.id = c.project_id WHERE {live}"
        );
        let values = kpi_rows.read(&sql, |r| {
            Ok(KpiTarget {
                year: r.get(1)?,
                value: r.get(2)?,
            })
        })?;
        for ((p, k), value) in values.in_order() {
            let kpi = &mut projects[p].draft.kpis[k];
            if table == "kpi_target" {
                kpi.targets.push(value);
            } else {
                kpi.actuals.push(value);
            }
        }
    }
    Ok(projects)
}

/// Where a project's list of text values (focus areas, sectors, outcomes) is kept.
type TextList = fn(&mut ProjectDraft) -> &mut Vec<String>;

/// Reads one child table of the projects (or KPIs) in scope.
struct Rows<'a, G> {
    conn: &'a Connection,
    key: i64,
    /// The owner of each row (a project's index in the list being built, or a KPI's place), by
    /// the id in the row's first column.
    index: &'a FxHashMap<i64, G>,
}

impl<G: Copy> Rows<'_, G> {
    /// The values `read` makes of the rows of `sql` (owner id, order, columns…), each with its
    /// owner; rows of owners out of scope are skipped.
    fn read<T>(
        &self,
        sql: &str,
        mut read: impl FnMut(&rusqlite::Row<'_>) -> Result<T>,
    ) -> Result<Ordered<G, T>> {
        let mut values = Ordered(Vec::new());
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query([self.key])?;
        while let Some(r) = rows.next()? {
            if let Some(&owner) = self.index.get(&r.get::<_, i64>(0)?) {
                values.0.push((owner, r.get(1)?, read(r)?));
            }
        }
        Ok(values)
    }
}

/// Values of one list of each project (or of each KPI), with the position or year that orders
/// them within it.
struct Ordered<G, T>(Vec<(G, i64, T)>);

impl<G: Ord + Copy, T> Ordered<G, T> {
    /// Owner by owner, each owner's values by their order: one sort of a plan's rows, where
    /// SQLite's sorter ran once per project.
    fn in_order(mut self) -> impl Iterator<Item = (G, T)> {
        self.0.sort_by_key(|&(owner, at, _)| (owner, at));
        self.0.into_iter().map(|(owner, _, value)| (owner, value))
    }
}

impl<T> Ordered<usize, T> {
    /// Each value onto its project's `list`, in order.
    fn onto(self, projects: &mut [Project], list: fn(&mut ProjectDraft) -> &mut Vec<T>) {
        for (i, value) in self.in_order() {
            list(&mut projects[i].draft).push(value);
        }
    }
}
