//! Writes a checked plan from a file into the workspace, whole or not at all.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::projects::insert_project;
use super::{now, Workspace};
use crate::error::{Error, Result};
use ascn_model::plan_file::read::{self as plan_json, CheckedPlan, ParseResult};
use ascn_model::plan_file::{self, folder};
use ascn_model::revisions::{self, PlanDiff};
use ascn_model::validation::FieldError;
use ascn_model::zawgyi::{self, ZawgyiText};
use ascn_model::{CityId, PartnerId, PlanId};

/// What importing a plan file would do, or why it cannot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    pub city: String,
    pub country: String,
    pub period: String,
    pub projects: u32,
    pub partners: u32,
    pub districts: u32,
    pub sample: bool,
    /// Every problem in the file; empty when it can be imported.
    pub errors: Vec<FieldError>,
    /// Projects the city's plan already holds here (importing replaces them).
    pub existing_projects: u32,
    /// What the file changes in the city's plan here, when the workspace has one.
    pub changes: Option<PlanDiff>,
    /// The changes in one line: "2 project(s) added, 1 project(s) changed".
    pub changes_summary: String,
    /// When the file was written (local time with offset); none for files of version 1.
    pub written_at: Option<String>,
    /// The plan's latest submitted revision when the file was written; none for version 1.
    pub revision: Option<u32>,
    /// Texts that look like Burmese in the Zawgyi encoding: the import converts them to
    /// Unicode or keeps them, as the user chooses.
    pub zawgyi: Vec<ZawgyiText>,
}

/// A plan file in a folder, with what importing it would do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FolderEntry {
    pub path: String,
    pub preview: ImportPreview,
    /// The plan the file is of (`VNM/da nang/2018-2025`); empty when it cannot be read.
    pub plan_key: String,
    /// Another file of the folder is of the same plan: importing is a choice between them.
    pub choice: bool,
    /// The file to import for its city: the only importable one, or, of several, the one with
    /// the higher revision and then the later `written_at`. None of several is preferred when
    /// their own revision and date cannot tell (files of version 1, the same moment): the
    /// user chooses.
    pub preferred: bool,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportSummary {
    pub city_id: CityId,
    pub city: String,
    pub plan_id: PlanId,
    pub projects: u32,
    pub partners: u32,
    pub districts: u32,
    /// True when the city's earlier plan was replaced.
    pub replaced: bool,
}

impl Workspace {
    /// What importing `parsed` (a plan file, or the problems that kept it from parsing) would
    /// do: its counts, every problem, and what it changes in the city's plan already here.
    pub fn preview_import(&self, parsed: &ParseResult) -> Result<ImportPreview> {
        let file = match parsed {
            Ok(file) => file,
            Err(errors) => {
                return Ok(ImportPreview {
                    city: String::new(),
                    country: String::new(),
                    period: String::new(),
                    projects: 0,
                    partners: 0,
                    districts: 0,
                    sample: false,
                    errors: errors.clone(),
                    existing_projects: 0,
                    changes: None,
                    changes_summary: String::new(),
                    written_at: None,
                    revision: None,
                    zawgyi: Vec::new(),
                })
            }
        };
        let errors = plan_json::check(file, &self.reference_for_file(file))
            .err()
            .unwrap_or_default();
        let existing = match self.city_by_name(&file.city.name) {
            Ok(city) if city.member_state == file.city.member_state => self
                .reference
                .period(&file.plan.period)
                .map(|period| self.plan_in_period(city.id, &period.code))
                .transpose()?
                .flatten(),
            _ => None,
        };
        let (existing_projects, changes) = match existing {
            Some(plan) => (
                self.overview(plan.id)?.project_count,
                Some(revisions::diff(
                    &plan_file::plan_file(&*self.document(plan.id)?, &self.reference)?,
                    file,
                )),
            ),
            None => (0, None),
        };
        Ok(ImportPreview {
            city: file.city.name.clone(),
            country: file.city.country.clone(),
            period: format!("{}–{}", file.plan.period_start, file.plan.period_end),
            projects: file
                .focus_areas
                .iter()
                .map(|f| f.projects.len() as u32)
                .sum(),
            partners: file.partners.len() as u32,
            districts: file.districts.len() as u32,
            sample: file.plan.sample,
            errors,
            existing_projects,
            changes_summary: changes.as_ref().map(PlanDiff::summary).unwrap_or_default(),
            changes,
            written_at: file.written_at.clone(),
            revision: file.revision,
            zawgyi: zawgyi::in_plan_file(file),
        })
    }

    /// Every plan file of a folder, already read (`ascn_formats::import::read_plan_files`),
    /// with what importing it would do and the file as parsed (what an import of it must use:
    /// the path is not read again); a file that cannot be read is listed with the reason. Files
    /// for the same city are marked as a choice, with the newer one by its own revision and date
    /// preferred when they tell.
    pub fn preview_files(
        &self,
        files: Vec<(std::path::PathBuf, ParseResult)>,
    ) -> Result<Vec<(FolderEntry, ParseResult)>> {
        let mut entries = Vec::new();
        for (path, parsed) in files {
            let plan_key = parsed.as_ref().map_or(String::new(), folder::plan_key);
            let preview = self.preview_import(&parsed)?;
            entries.push((
                FolderEntry {
                    path: path.display().to_string(),
                    preferred: false,
                    choice: false,
                    plan_key,
                    preview,
                },
                parsed,
            ));
        }
        let standings = folder::standings(
            &entries
                .iter()
                .map(|(e, parsed)| {
                    let importable = e.preview.errors.is_empty();
                    (e.plan_key.clone(), importable, parsed.as_ref().ok())
                })
                .collect::<Vec<_>>(),
        );
        for ((entry, _), standing) in entries.iter_mut().zip(standings) {
            entry.choice = standing.choice;
            entry.preferred = standing.preferred;
        }
        Ok(entries)
    }

    /// True when importing `checked` would replace a plan here that has projects.
    fn would_replace(&self, checked: &CheckedPlan) -> Result<bool> {
        let projects: i64 = self.conn.query_row(
            "SELECT count(*) FROM project p JOIN plan ON plan.id = p.plan_id
             JOIN city c ON c.id = plan.city_id
             WHERE c.member_state = ?1 AND lower(c.name) = lower(?2) AND plan.period = ?3
               AND p.deleted_at IS NULL",
            params![
                checked.city.member_state,
                checked.city.name.trim(),
                checked.period
            ],
            |r| r.get(0),
        )?;
        Ok(projects > 0)
    }

    /// Writes a checked plan as its city's plan of its period (the city is added if the
    /// workspace does not have it). A city whose plan of that period already holds projects is
    /// refused unless `replace` is set, which deletes that plan's projects and partners first;
    /// a closed plan is never replaced. One transaction: a failure leaves the workspace as it
    /// was.
    pub fn import_plan(&mut self, checked: &CheckedPlan, replace: bool) -> Result<ImportSummary> {
        let period = self.period(&checked.period)?;
        if replace && self.would_replace(checked)? {
            // Replacing a plan drops its history, so what it was is kept until the user
            // deletes the backup.
            self.back_up(super::backup::Reason::BeforeImport)?;
        }
        let tx = self.conn.transaction()?;
        let name = checked.city.name.trim();
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM city WHERE member_state = ?1 AND lower(name) = lower(?2)",
                params![checked.city.member_state, name],
                |r| r.get(0),
            )
            .optional()?;
        let city = match existing {
            Some(id) => {
                // A membership the file knows and the workspace does not is taken; one set
                // here stays.
                tx.execute(
                    "UPDATE city SET member_since = coalesce(member_since, ?2) WHERE id = ?1",
                    params![id, checked.city.member_since],
                )?;
                CityId(id)
            }
            None => super::cities::insert_city(&tx, &checked.city)?,
        };
        let time = now();
        let plan: Option<i64> = tx
            .query_row(
                "SELECT id FROM plan WHERE city_id = ?1 AND period = ?2",
                params![city.0, period.code],
                |r| r.get(0),
            )
            .optional()?;
        let mut replaced = false;
        let plan = match plan {
            Some(id) => {
                super::plans::ensure_open(&tx, PlanId(id))?;
                let projects: i64 = tx.query_row(
                    "SELECT count(*) FROM project WHERE plan_id = ?1 AND deleted_at IS NULL",
                    [id],
                    |r| r.get(0),
                )?;
                if projects > 0 && !replace {
                    return Err(Error::conflict(ascn_model::says!(
                        errors: "planExists",
                        "{city} already has a plan with {projects} projects in this workspace; import with replace to overwrite it",
                        city = name,
                        projects = projects
                    )));
                }
                replaced = projects > 0;
                tx.execute("DELETE FROM project WHERE plan_id = ?1", [id])?;
                tx.execute("DELETE FROM partner WHERE plan_id = ?1", [id])?;
                tx.execute("DELETE FROM pairing WHERE plan_id = ?1", [id])?;
                // The history speaks of projects that are gone.
                super::history::forget(&tx, PlanId(id))?;
                PlanId(id)
            }
            None => super::plans::insert_plan(&tx, city, &period, checked.framework_version)?,
        };
        super::plans::write_plan(&tx, plan, &checked.plan)?;
        let closed_at = checked
            .closed_on
            .as_deref()
            .and_then(ascn_model::clock::parse_date)
            .and_then(|d| d.to_zoned(jiff::tz::TimeZone::system()).ok())
            .map(|z| z.timestamp().as_second());
        tx.execute(
            "UPDATE plan SET sample = ?2, closed_at = ?3, framework_version = ?4 WHERE id = ?1",
            params![plan.0, checked.sample, closed_at, checked.framework_version],
        )?;

        let mut partner_ids: HashMap<PartnerId, PartnerId> = HashMap::new();
        for (i, p) in checked.partners.iter().enumerate() {
            let id = super::partners::insert_partner(&tx, plan, p)?;
            partner_ids.insert(PartnerId(i as i64 + 1), id);
        }
        let real = |id: PartnerId| partner_ids.get(&id).copied().unwrap_or(id);
        for (i, draft) in checked.projects.iter().enumerate() {
            let mut draft = draft.clone();
            draft.partners = draft.partners.iter().map(|p| real(*p)).collect();
            for line in &mut draft.funding {
                line.partner_id = line.partner_id.map(real);
            }
            let id = insert_project(&tx, plan, &draft, draft.code.trim(), time)?;
            if let Some(origin) = checked.carried_from.get(i).and_then(Option::as_ref) {
                // Linked when the city's plan of that period is here; else the link is lost,
                // not the project.
                tx.execute(
                    "UPDATE project SET carried_from = (
                        SELECT o.id FROM project o JOIN plan op ON op.id = o.plan_id
                         WHERE op.city_id = ?2 AND op.period = ?3 AND o.code = ?4
                           AND o.deleted_at IS NULL)
                     WHERE id = ?1",
                    params![id.0, city.0, origin.period, origin.code],
                )?;
            }
        }
        super::districts::upsert_districts(&tx, city, &checked.districts)?;
        for p in &checked.pairings {
            super::pairings::insert_pairing(&tx, plan, &p.draft(), &p.agreed_at)?;
        }
        tx.commit()?;
        tracing::info!(%city, %plan, projects = checked.projects.len(), replaced, "plan imported");
        Ok(ImportSummary {
            city_id: city,
            city: name.to_string(),
            plan_id: plan,
            projects: checked.projects.len() as u32,
            partners: checked.partners.len() as u32,
            districts: checked.districts.len() as u32,
            replaced,
        })
    }
}
