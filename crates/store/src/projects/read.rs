//! Whole projects loaded with one query per table, however many projects there are.
//!
//! A read is in two halves that share no rows, [`Own`] (the projects, their lists and
//! locations) and [`Measures`] (funding, progress, KPIs with their targets and actuals), so that
//! most plans of a workspace can be read on two connections side by side; [`Own::with`] puts
//! them together. Each table's rows are sorted and grouped by project in Rust, on the thread
//! that read them.

use rusqlite::{params_from_iter, Connection, Row};
use rustc_hash::{FxHashMap, FxHashSet};

use super::parse_geometry;
use crate::error::Result;
use crate::text::{Local, Text};
use ascn_model::analysis::nocase;
use ascn_model::{
    FundingLine, Kpi, KpiTarget, Location, Origin, PartnerId, PlanId, ProgressUpdate, Project,
    ProjectDraft, ProjectId,
};

/// Which projects are read.
pub(crate) enum Scope<'a> {
    Project(ProjectId),
    Plan(PlanId),
    /// The projects of these plans, read by scanning each table whole: for most of the plans of
    /// a workspace, a scan costs less than a search for each project's rows.
    Plans(&'a FxHashSet<PlanId>),
}

/// Loads whole projects with one query per table, however many projects there are.
pub(super) fn load_projects(conn: &Connection, scope: Scope<'_>) -> Result<Vec<Project>> {
    Ok(Own::read(conn, &scope)?.with(Measures::read(conn, &scope)?))
}

/// How a scope's queries select and bind.
struct Query<'a> {
    conn: &'a Connection,
    /// The live projects in scope (`p`), with `?1` for `key`; `None`: every live project.
    filter: Option<&'static str>,
    key: Option<i64>,
}

impl<'a> Query<'a> {
    fn new(conn: &'a Connection, scope: &Scope<'_>) -> Self {
        let (filter, key) = match scope {
            Scope::Project(id) => (Some("p.id = ?1"), Some(id.0)),
            Scope::Plan(plan) => (Some("p.plan_id = ?1"), Some(plan.0)),
            Scope::Plans(_) => (None, None),
        };
        Query { conn, filter, key }
    }

    /// `FROM {table} c`, joined to the live projects in scope through `joins` and the row's
    /// `project` column; a whole scan keeps every row, and rows of projects out of scope are
    /// dropped when the projects are put together.
    fn from(&self, table: &str, joins: &str, project: &str) -> String {
        match self.filter {
            Some(filter) => format!(
                "FROM {table} c {joins} JOIN project p ON p.id = {project}
                 WHERE {filter} AND p.deleted_at IS NULL"
            ),
            None => format!("FROM {table} c"),
        }
    }

    /// A child table's values (from its rows' columns from the third on), each project's in
    /// order.
    fn children<T>(
        &self,
        table: &str,
        columns: &str,
        order: &str,
        read: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<Lists<T>> {
        let from = self.from(table, "", "c.project_id");
        self.lists(
            &format!("SELECT c.project_id, {order}, {columns} {from}"),
            read,
        )
    }

    /// The values `read` makes of the rows of `sql` (owner id, order, columns…), each owner's
    /// in order.
    fn lists<T>(&self, sql: &str, mut read: impl FnMut(&Row<'_>) -> Result<T>) -> Result<Lists<T>> {
        let mut rows: Vec<(i64, i64, T)> = Vec::new();
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut found = stmt.query(params_from_iter(self.key))?;
        while let Some(r) = found.next()? {
            rows.push((r.get(0)?, r.get(1)?, read(r)?));
        }
        // Sorted and grouped here, on the thread that read them: SQLite's sorter ran once per
        // project and cost more than reading the rows.
        rows.sort_by_key(|&(owner, at, _)| (owner, at));
        let mut lists: Vec<(i64, Vec<T>)> = Vec::new();
        let mut rows = rows.into_iter().peekable();
        while let Some((owner, _, first)) = rows.next() {
            let mut values = vec![first];
            while let Some((_, _, value)) = rows.next_if(|next| next.0 == owner) {
                values.push(value);
            }
            lists.push((owner, values));
        }
        Ok(Lists(lists))
    }
}

/// What the projects are and say: each project with its lists and locations, in order.
pub(crate) struct Own {
    projects: Vec<Project>,
    /// Each project's place in `projects`, by its id.
    index: FxHashMap<i64, usize>,
}

/// Where a project's list of text values (focus areas, sectors, outcomes) is kept.
type TextList = fn(&mut ProjectDraft) -> &mut Vec<String>;

const TEXT_LISTS: [(&str, &str, TextList); 3] = [
    ("project_focus_area", "c.focus_area", |d| {
        &mut d.secondary_focus_areas
    }),
    ("project_sector", "c.sector", |d| &mut d.sectors),
    ("project_outcome", "c.outcome", |d| &mut d.outcomes),
];

impl Own {
    pub(crate) fn read(conn: &Connection, scope: &Scope<'_>) -> Result<Own> {
        let query = Query::new(conn, scope);
        let live = query.filter.map_or(String::new(), |f| format!("{f} AND "));
        let sql = format!(
            "SELECT p.id, p.plan_id, p.code, p.title, p.description, p.primary_focus_area,
                    p.start_year, p.end_year, p.status, p.lead_agency, p.bankable, p.version,
                    o.code, op.period, p.title_local, p.description_local
             FROM project p
             LEFT JOIN project o ON o.id = p.carried_from
             LEFT JOIN plan op ON op.id = o.plan_id
             WHERE {live}p.deleted_at IS NULL"
        );
        let mut projects = Vec::new();
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(query.key))?;
        while let Some(r) = rows.next()? {
            let plan_id = PlanId(r.get(1)?);
            if let Scope::Plans(plans) = scope {
                if !plans.contains(&plan_id) {
                    continue;
                }
            }
            projects.push(Project {
                id: ProjectId(r.get(0)?),
                plan_id,
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
        // By code ignoring case, then id; sorted here, as SQLite's sorter took longer than
        // reading the rows.
        projects.sort_unstable_by(|a, b| {
            nocase(&a.draft.code, &b.draft.code).then(a.id.0.cmp(&b.id.0))
        });
        let index: FxHashMap<i64, usize> = projects
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.0, i))
            .collect();
        for (table, column, list) in TEXT_LISTS {
            query
                .children(table, column, "c.position", |r| Ok(r.get(2)?))?
                .onto(&index, &mut projects, list);
        }
        query
            .children("project_sdg", "c.sdg", "c.position", |r| Ok(r.get(2)?))?
            .onto(&index, &mut projects, |d| &mut d.sdgs);
        query
            .children("project_partner", "c.partner_id", "c.position", |r| {
                Ok(PartnerId(r.get(2)?))
            })?
            .onto(&index, &mut projects, |d| &mut d.partners);
        query
            .children(
                "project_location",
                "c.name, c.geometry",
                "c.position",
                |r| {
                    Ok(Location {
                        name: r.get(2)?,
                        geometry: parse_geometry(&r.get::<_, String>(3)?)?,
                    })
                },
            )?
            .onto(&index, &mut projects, |d| &mut d.locations);
        Ok(Own { projects, index })
    }

    /// The projects whole, ordered by code ignoring case, then id; what `measures` holds of
    /// projects out of scope is dropped.
    pub(crate) fn with(self, measures: Measures) -> Vec<Project> {
        let Own {
            mut projects,
            index,
        } = self;
        let Measures {
            funding,
            progress,
            kpis,
        } = measures;
        funding.onto(&index, &mut projects, |d| &mut d.funding);
        progress.onto(&index, &mut projects, |d| &mut d.progress);
        kpis.onto(&index, &mut projects, |d| &mut d.kpis);
        projects
    }
}

/// What the projects spend and measure: funding, yearly progress, and KPIs with their targets
/// and actuals.
pub(crate) struct Measures {
    funding: Lists<FundingLine>,
    progress: Lists<ProgressUpdate>,
    kpis: Lists<Kpi>,
}

impl Measures {
    pub(crate) fn read(conn: &Connection, scope: &Scope<'_>) -> Result<Measures> {
        let query = Query::new(conn, scope);
        let mut kpis = query.children(
            "kpi",
            "c.id, c.name, c.standard_ref, c.unit, c.baseline_year, c.baseline_value,
             c.name_local",
            "c.position",
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
        // Targets and actuals are hung on each KPI by its id: its list and place in it.
        let at: FxHashMap<i64, (usize, usize)> = kpis
            .0
            .iter()
            .enumerate()
            .flat_map(|(l, (_, list))| {
                list.iter()
                    .enumerate()
                    .map(move |(k, (id, _))| (*id, (l, k)))
            })
            .collect();
        for (table, list) in [
            (
                "kpi_target",
                (|k| &mut k.targets) as fn(&mut Kpi) -> &mut Vec<KpiTarget>,
            ),
            ("kpi_actual", |k| &mut k.actuals),
        ] {
            let from = query.from(table, "JOIN kpi k ON k.id = c.kpi_id", "k.project_id");
            let values = query.lists(&format!("SELECT c.kpi_id, c.year, c.value {from}"), |r| {
                Ok(KpiTarget {
                    year: r.get(1)?,
                    value: r.get(2)?,
                })
            })?;
            for (kpi, values) in values.0 {
                if let Some(&(l, k)) = at.get(&kpi) {
                    *list(&mut kpis.0[l].1[k].1) = values;
                }
            }
        }
        let kpis = Lists(
            kpis.0
                .into_iter()
                .map(|(project, list)| (project, list.into_iter().map(|(_, kpi)| kpi).collect()))
                .collect(),
        );
        Ok(Measures {
            funding: query.children(
                "funding_line",
                "c.source, c.partner_id, c.amount, c.currency, c.start_year, c.end_year, c.status",
                "c.position",
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
            )?,
            progress: query.children(
                "project_progress",
                "c.status, c.percent_complete, c.narrative, c.spent, c.narrative_local",
                "c.year",
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
            )?,
            kpis,
        })
    }
}

/// Each owner's list of values (a project's, or a KPI's), by the owner's id.
struct Lists<T>(Vec<(i64, Vec<T>)>);

impl<T> Lists<T> {
    /// Each list into its project's `list`, by `index`; lists of projects not in `index` are
    /// dropped.
    fn onto(
        self,
        index: &FxHashMap<i64, usize>,
        projects: &mut [Project],
        list: fn(&mut ProjectDraft) -> &mut Vec<T>,
    ) {
        for (owner, values) in self.0 {
            if let Some(&i) = index.get(&owner) {
                *list(&mut projects[i].draft) = values;
            }
        }
    }
}
