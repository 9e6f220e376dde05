//! The Secretariat's monitoring table into the workspace (all or nothing; a preview is the same
//! import rolled back), the yearly report read from the workspace, and the figures each written
//! report keeps for the next year's trend.

use ascn_model::Thing;
use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::history::{self, Change};
use super::projects::{insert_project, next_code, plan_projects_in, update_project};
use super::{now, Workspace};
use crate::error::{Error, Result};
use ascn_model::framework::period_label;
use ascn_model::monitoring::{self, names, table::MeTable, Figures, MeReport, MeStatus};
use ascn_model::rollup::Scope;
use ascn_model::validation::{self, FieldError, PlanContext, Rule, Said};
use ascn_model::{CityId, NewCity, PlanId, Project, ProjectDraft, ProjectId};

/// What a monitoring table does to one city.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeCityImport {
    pub city: String,
    pub country: String,
    /// The city was not in the workspace: the import adds it.
    pub new_city: bool,
    /// The city had no plan of the period: the import starts one.
    pub new_plan: bool,
    pub added: u32,
    /// Projects whose status the table changes.
    pub changed: u32,
    pub unchanged: u32,
}

/// What importing a monitoring table does (or, previewed, would do).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeImport {
    pub period: String,
    /// Per city, in the table's order.
    pub cities: Vec<MeCityImport>,
    pub added: u32,
    pub changed: u32,
    pub unchanged: u32,
    /// Each status change in words: `Ha Noi: 'Smart parking' ongoing → completed`.
    pub changes: Vec<Said>,
    /// What the reader should know that is not a problem.
    pub notes: Vec<Said>,
    /// True once written; false for a preview.
    pub applied: bool,
}

impl Workspace {
    /// Imports a checked monitoring table into the plans of `period` (default: the period of
    /// today): a city not in the
    /// workspace is added, a city without a plan of the period gets one, a project is matched
    /// to the plan's by title (case and spacing forgiven) and takes the table's status, and a
    /// project the plan lacks is added with its title, focus area and status. With `apply`
    /// false nothing is written: the preview is this very import, rolled back. A problem on any
    /// row (a project for a closed plan, a title the rules refuse) writes nothing and names it.
    pub fn import_me_table(
        &mut self,
        table: &MeTable,
        period: Option<&str>,
        apply: bool,
    ) -> Result<MeImport> {
        let period = match period {
            Some(code) => self.period(code)?,
            None => self.current_period()?,
        };
        let reference = self.reference.clone();
        let tx = self.conn.transaction()?;
        let mut report = MeImport {
            period: period.code.clone(),
            cities: Vec::new(),
            added: 0,
            changed: 0,
            unchanged: 0,
            changes: Vec::new(),
            notes: table.notes.clone(),
            applied: apply,
        };
        let mut errors: Vec<FieldError> = Vec::new();
        // Rows by city, in the order the table first names each.
        let mut cities: Vec<(String, Option<CityId>, String, Vec<usize>)> = Vec::new();
        let mut place: HashMap<(String, String), usize> = HashMap::new();
        for (i, row) in table.rows.iter().enumerate() {
            let key = (row.iso3.clone(), names::city_key(&row.city_name));
            let at = *place.entry(key).or_insert_with(|| {
                cities.push((
                    row.iso3.clone(),
                    row.city,
                    row.city_name.clone(),
                    Vec::new(),
                ));
                cities.len() - 1
            });
            cities[at].3.push(i);
        }
        for (iso3, known, name, rows) in cities {
            // A city the table was checked without may have been added since (by an
            // earlier import of the same table, by another program): it is the same city.
            let known = match known {
                Some(id) => Some(id),
                None => {
                    let same: Vec<(i64, String)> = tx
                        .prepare("SELECT id, name FROM city WHERE member_state = ?1")?
                        .query_map([&iso3], |r| Ok((r.get(0)?, r.get(1)?)))?
                        .collect::<rusqlite::Result<_>>()?;
                    same.into_iter()
                        .find(|(_, n)| names::city_key(n) == names::city_key(&name))
                        .map(|(id, _)| CityId(id))
                }
            };
            let new_city = known.is_none();
            let city = match known {
                Some(id) => id,
                None => super::cities::insert_city(
                    &tx,
                    &NewCity {
                        name: name.clone(),
                        member_state: iso3.clone(),
                        population: None,
                        latitude: None,
                        longitude: None,
                        officer: None,
                        member_since: None,
                    },
                )?,
            };
            let existing: Option<(i64, Option<i64>)> = tx
                .query_row(
                    "SELECT id, closed_at FROM plan WHERE city_id = ?1 AND period = ?2",
                    params![city.0, period.code],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let new_plan = existing.is_none();
            let (plan, closed) = match existing {
                Some((id, closed)) => (PlanId(id), closed.is_some()),
                None => (
                    super::plans::insert_plan(&tx, city, &period, reference.version)?,
                    false,
                ),
            };
            // Each project's title as matched, worked out once for all the city's rows.
            let stored: Vec<(String, Project)> = plan_projects_in(&tx, plan)?
                .into_iter()
                .map(|p| (names::key(&p.draft.title), p))
                .collect();
            let mut line = MeCityImport {
                city: name.clone(),
                country: reference
                    .member_state(&iso3)
                    .map_or(iso3.clone(), |m| m.short_name.clone()),
                new_city,
                new_plan,
                added: 0,
                changed: 0,
                unchanged: 0,
            };
            let mut added: Vec<ProjectId> = Vec::new();
            for i in rows {
                let row = &table.rows[i];
                let title_key = names::key(&row.title);
                let found = stored
                    .iter()
                    .find(|(key, _)| *key == title_key)
                    .map(|(_, p)| p);
                let was = found.and_then(|p| MeStatus::of(p.draft.status));
                let status = row.status_for(was);
                match found {
                    Some(_) if was == Some(status) => {
                        line.unchanged += 1;
                    }
                    Some(project) => {
                        let mut draft = project.draft.clone();
                        draft.status = status.project_status();
                        update_project(&tx, project.id, &draft)?;
                        history::record(
                            &tx,
                            plan,
                            Change::project(project.id, Some(&project.draft), Some(&draft)).map(
                                |c| {
                                    c.labelled(ascn_model::says!(
                                        edits: "statusFromTable",
                                        "Status of {code} from the monitoring table",
                                        code = draft.code
                                    ))
                                },
                            ),
                        )?;
                        let was = was.map_or_else(
                            || ascn_model::says!("meCancelled", "cancelled"),
                            MeStatus::says,
                        );
                        report.changes.push(Said::from(ascn_model::says!(
                            "statusChange",
                            "{city}: '{title}' {was} → {now}",
                            city = name,
                            title = project.draft.title;
                            was = was,
                            now = status.says()
                        )));
                        line.changed += 1;
                    }
                    None if closed => errors.push(FieldError::new(
                        row.at.clone(),
                        Rule::OutsidePeriod,
                        ascn_model::says!(
                            "notInClosedPlan",
                            "'{title}' is not in {city}'s {period} plan, which is closed: a \
                             closed plan takes no new projects; import into another period",
                            title = row.title,
                            city = name,
                            period = period_label(&period.code)
                        ),
                    )),
                    None => {
                        let draft = ProjectDraft::known_by(
                            &row.title,
                            &row.focus_area,
                            status.project_status(),
                        );
                        let cx = PlanContext {
                            reference: &reference,
                            period: (period.start_year, period.end_year),
                            partners: &[],
                        };
                        if let Err(problems) = validation::project(&draft, &cx) {
                            errors.extend(problems.into_iter().map(|e| FieldError {
                                field: row.at.clone(),
                                message: format!("{}: {}", e.field.replace('_', " "), e.message),
                                ..e
                            }));
                            continue;
                        }
                        let code = next_code(&tx, plan, &draft.primary_focus_area)?;
                        added.push(insert_project(&tx, plan, &draft, &code, now())?);
                        line.added += 1;
                    }
                }
            }
            if line.added + line.changed > 0 {
                let label = ascn_model::says!(
                    edits: "addFromTable",
                    "Add {count} {projects} from the monitoring table",
                    count = added.len(),
                    projects = super::history::projects_noun(added.len())
                );
                history::record(
                    &tx,
                    plan,
                    Change::projects_added(&added).map(|c| c.labelled(label)),
                )?;
                super::plans::mark_changed(&tx, plan)?;
            }
            report.added += line.added;
            report.changed += line.changed;
            report.unchanged += line.unchanged;
            report.cities.push(line);
        }
        if !errors.is_empty() {
            return Err(Error::invalid(errors));
        }
        if apply {
            tx.commit()?;
            tracing::info!(
                period = period.code,
                added = report.added,
                changed = report.changed,
                "monitoring table imported"
            );
        }
        Ok(report)
    }

    /// The monitoring report of `year`, over each city's plan of `period` (default: the period
    /// holding the year), with the figures kept from the reports written for earlier years.
    pub fn me_report(&self, year: i32, period: Option<&str>) -> Result<MeReport> {
        validation::report_year(year).map_err(|e| Error::invalid(vec![e]))?;
        let period = match period {
            Some(code) => self.period(code)?,
            None => self
                .reference
                .period_of(year)
                .cloned()
                .ok_or_else(|| Error::not_found(Thing::PlanPeriod, year))?,
        };
        let plans = self.plans_in_period(&Scope::Network, Some(&period.code))?;
        Ok(monitoring::build(
            &self.reference,
            year,
            &period,
            &plans,
            &self.cities()?,
            &self.me_figures()?,
        ))
    }

    /// The figures of every monitoring report written, oldest year first.
    pub fn me_figures(&self) -> Result<Vec<Figures>> {
        let texts: Vec<String> = self
            .conn
            .prepare_cached("SELECT figures FROM me_figures ORDER BY year")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        texts
            .iter()
            .map(|t| {
                serde_json::from_str(t).map_err(|e| {
                    Error::Corrupt(format!("the kept figures of a monitoring report ({e})"))
                })
            })
            .collect()
    }

    /// Keeps a written report's figures (replacing those kept for its year), for the trend of
    /// the years after.
    pub fn keep_me_figures(&mut self, figures: &Figures) -> Result<()> {
        let text = serde_json::to_string(figures).expect("figures serialise");
        self.conn.execute(
            "INSERT INTO me_figures (year, period, figures, written_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (year) DO UPDATE SET period = ?2, figures = ?3, written_at = ?4",
            params![figures.year, figures.period, text, now()],
        )?;
        tracing::info!(year = figures.year, "monitoring figures kept");
        Ok(())
    }
}
