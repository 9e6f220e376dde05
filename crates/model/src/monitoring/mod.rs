//! The Secretariat's yearly ASCN Monitoring & Evaluation report, in the shape it publishes: the
//! network's projects by status (ongoing, completed, under planning), their shares by focus area
//! and member state, the trend over the years a workspace has reported, and the two appendix
//! lists (No. · Country · City · Project · Focus Area).
//!
//! For most cities the Secretariat holds only a project's name, focus area and status; the
//! report needs nothing more.
//!
//! - [`names`]: names as tables write them, matched forgivingly;
//! - [`table`]: the Secretariat's table (one or two lists) checked into rows for the workspace.

pub mod names;
pub mod table;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::framework::{Period, Reference};
use crate::{City, PlanDocument, Project, ProjectStatus};

/// A project's status as the monitoring report counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MeStatus {
    Ongoing,
    Completed,
    UnderPlanning,
}

impl MeStatus {
    pub const ALL: [MeStatus; 3] = [
        MeStatus::Ongoing,
        MeStatus::Completed,
        MeStatus::UnderPlanning,
    ];

    /// The status in a sentence, lower case, keyed for the interface.
    pub fn says(self) -> crate::validation::Says {
        match self {
            MeStatus::Ongoing => crate::says!("meOngoing", "ongoing"),
            MeStatus::Completed => crate::says!("meCompleted", "completed"),
            MeStatus::UnderPlanning => crate::says!("meUnderPlanning", "under planning"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MeStatus::Ongoing => "Ongoing",
            MeStatus::Completed => "Completed",
            MeStatus::UnderPlanning => "Under planning",
        }
    }

    /// How the report counts a project of that status; a cancelled one is not counted.
    pub fn of(status: ProjectStatus) -> Option<MeStatus> {
        match status {
            ProjectStatus::Proposed | ProjectStatus::Planned => Some(MeStatus::UnderPlanning),
            ProjectStatus::InProgress | ProjectStatus::OnHold => Some(MeStatus::Ongoing),
            ProjectStatus::Completed => Some(MeStatus::Completed),
            ProjectStatus::Cancelled => None,
        }
    }

    /// The project status a table's status is recorded as.
    pub fn project_status(self) -> ProjectStatus {
        match self {
            MeStatus::Ongoing => ProjectStatus::InProgress,
            MeStatus::Completed => ProjectStatus::Completed,
            MeStatus::UnderPlanning => ProjectStatus::Planned,
        }
    }
}

/// A project's status in `year`: its latest progress report of that year or before when it has
/// been reported on since, else its status now (a project first reported after `year` was still
/// being planned then).
pub fn status_in(project: &Project, year: i32) -> Option<MeStatus> {
    let progress = &project.draft.progress;
    let status = if progress.iter().all(|u| u.year <= year) {
        project.draft.status
    } else {
        progress
            .iter()
            .filter(|u| u.year <= year)
            .max_by_key(|u| u.year)
            .map_or(ProjectStatus::Planned, |u| u.status)
    };
    MeStatus::of(status)
}

/// One line of a share table: a focus area or member state, its projects and their share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Share {
    /// The focus area's code or the member state's ISO alpha-3.
    pub code: String,
    pub name: String,
    pub projects: u32,
    /// Per cent of all the year's projects, rounded to one decimal.
    pub percent: f64,
}

/// The figures of one year's report: what is kept when the report is written, so later
/// reports show the trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Figures {
    pub year: i32,
    /// The plan period the projects were counted in, e.g. `2018-2025`.
    pub period: String,
    pub projects: u32,
    pub ongoing: u32,
    pub completed: u32,
    pub under_planning: u32,
    /// Every focus area of the Framework, in its order.
    pub by_focus_area: Vec<Share>,
    /// Member states with projects, by name.
    pub by_member_state: Vec<Share>,
    /// Cities with at least one project counted.
    pub cities_reporting: u32,
}

impl Figures {
    pub fn count(&self, status: MeStatus) -> u32 {
        match status {
            MeStatus::Ongoing => self.ongoing,
            MeStatus::Completed => self.completed,
            MeStatus::UnderPlanning => self.under_planning,
        }
    }

    /// The projects of a focus area (0 when that year's figures do not name it).
    pub fn of_focus_area(&self, code: &str) -> u32 {
        self.by_focus_area
            .iter()
            .find(|s| s.code == code)
            .map_or(0, |s| s.projects)
    }
}

/// A line of an appendix list, with exactly the published columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ListLine {
    pub no: u32,
    pub country: String,
    pub city: String,
    pub project: String,
    /// Written out as the report prints it: `Health & Well-being`.
    pub focus_area: String,
}

/// A member city that reported nothing for the year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SilentCity {
    pub country: String,
    pub city: String,
    pub member_since: i32,
}

/// The whole report of a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeReport {
    /// `ascn-me-report`: what this JSON is.
    pub format: String,
    /// The version of this JSON's shape.
    pub version: u32,
    pub figures: Figures,
    /// Every year the workspace knows up to this one, oldest first, this year last: earlier
    /// years as their reports were written.
    pub trend: Vec<Figures>,
    /// "List of ASCN Smart City Projects that are Ongoing and under Planning".
    pub ongoing_and_planned: Vec<ListLine>,
    /// "List of Completed ASCN Smart City Projects".
    pub completed: Vec<ListLine>,
    /// Member cities in the year that reported nothing.
    pub not_reporting: Vec<SilentCity>,
    /// Some plans counted are sample data.
    pub sample: bool,
}

pub const REPORT_FORMAT: &str = "ascn-me-report";
pub const REPORT_VERSION: u32 = 1;

pub const ONGOING_LIST_TITLE: &str =
    "List of ASCN Smart City Projects that are Ongoing and under Planning";
pub const COMPLETED_LIST_TITLE: &str = "List of Completed ASCN Smart City Projects";
/// The appendix lists' columns, in the published order.
pub const LIST_COLUMNS: [&str; 5] = ["No.", "Country", "City", "Project", "Focus Area"];

/// A focus area's name as the report prints it: each word capitalised (`Civic & Social`,
/// `Health & Well-being`).
pub fn printed_focus_area(reference: &Reference, code: &str) -> String {
    let Some(area) = reference.focus_areas.iter().find(|f| f.code == code) else {
        return code.to_string();
    };
    area.name
        .split(' ')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn percent(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0
    }
}

/// The report of `year` over the plans of `period` (those of other periods are left out):
/// `cities` are the workspace's (for the members that reported nothing), `earlier` the figures
/// kept from the reports written before (those of `year` and after are left out).
pub fn build(
    reference: &Reference,
    year: i32,
    period: &Period,
    plans: &[Arc<PlanDocument>],
    cities: &[City],
    earlier: &[Figures],
) -> MeReport {
    let country_of = |iso3: &str| {
        reference
            .member_state(iso3)
            .map_or_else(|| iso3.to_string(), |m| m.short_name.clone())
    };
    /// A project the report counts.
    struct Counted {
        iso3: String,
        country: String,
        city: String,
        title: String,
        focus_area: String,
        status: MeStatus,
    }
    let mut counted: Vec<Counted> = Vec::new();
    let mut reporting = std::collections::BTreeSet::new();
    let mut sample = false;
    for doc in plans.iter().filter(|d| d.plan.period == period.code) {
        let country = country_of(&doc.city.member_state);
        for project in &doc.projects {
            let Some(status) = status_in(project, year) else {
                continue;
            };
            reporting.insert(doc.city.id);
            sample |= doc.plan.sample;
            counted.push(Counted {
                iso3: doc.city.member_state.clone(),
                country: country.clone(),
                city: doc.city.name.clone(),
                title: project.draft.title.clone(),
                focus_area: project.draft.primary_focus_area.clone(),
                status,
            });
        }
    }
    let total = counted.len() as u32;
    let of_status = |s: MeStatus| counted.iter().filter(|c| c.status == s).count() as u32;
    let by_focus_area = reference
        .focus_areas
        .iter()
        .map(|f| {
            let projects = counted.iter().filter(|c| c.focus_area == f.code).count() as u32;
            Share {
                code: f.code.clone(),
                name: printed_focus_area(reference, &f.code),
                projects,
                percent: percent(projects, total),
            }
        })
        .collect();
    // By member state's name, as the report lists them.
    let mut states: BTreeMap<(&str, &str), u32> = BTreeMap::new();
    for c in &counted {
        *states.entry((&c.country, &c.iso3)).or_default() += 1;
    }
    let by_member_state: Vec<Share> = states
        .into_iter()
        .map(|((name, iso3), projects)| Share {
            code: iso3.to_string(),
            name: name.to_string(),
            projects,
            percent: percent(projects, total),
        })
        .collect();
    let figures = Figures {
        year,
        period: period.code.clone(),
        projects: total,
        ongoing: of_status(MeStatus::Ongoing),
        completed: of_status(MeStatus::Completed),
        under_planning: of_status(MeStatus::UnderPlanning),
        by_focus_area,
        by_member_state,
        cities_reporting: reporting.len() as u32,
    };
    let mut trend: Vec<Figures> = earlier.iter().filter(|f| f.year < year).cloned().collect();
    trend.sort_by_key(|f| f.year);
    trend.push(figures.clone());

    counted.sort_by_cached_key(|c| (c.country.clone(), c.city.clone(), c.title.to_lowercase()));
    let list = |completed: bool| -> Vec<ListLine> {
        counted
            .iter()
            .filter(|c| (c.status == MeStatus::Completed) == completed)
            .enumerate()
            .map(|(i, c)| ListLine {
                no: i as u32 + 1,
                country: c.country.clone(),
                city: c.city.clone(),
                project: c.title.clone(),
                focus_area: printed_focus_area(reference, &c.focus_area),
            })
            .collect()
    };
    let mut not_reporting: Vec<SilentCity> = cities
        .iter()
        .filter(|c| c.member_in(year) && !reporting.contains(&c.id))
        .map(|c| SilentCity {
            country: country_of(&c.member_state),
            city: c.name.clone(),
            member_since: c.member_since.unwrap_or(year),
        })
        .collect();
    not_reporting.sort_by(|a, b| (&a.country, &a.city).cmp(&(&b.country, &b.city)));
    MeReport {
        format: REPORT_FORMAT.into(),
        version: REPORT_VERSION,
        ongoing_and_planned: list(false),
        completed: list(true),
        figures,
        trend,
        not_reporting,
        sample,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ProgressUpdate;

    #[test]
    fn statuses_count_as_the_report_counts_them() {
        assert_eq!(MeStatus::of(ProjectStatus::OnHold), Some(MeStatus::Ongoing));
        assert_eq!(
            MeStatus::of(ProjectStatus::Proposed),
            Some(MeStatus::UnderPlanning)
        );
        assert_eq!(MeStatus::of(ProjectStatus::Cancelled), None);
        for s in MeStatus::ALL {
            assert_eq!(MeStatus::of(s.project_status()), Some(s));
        }
    }

    #[test]
    fn focus_areas_are_printed_as_the_report_prints_them() {
        let r = crate::framework::shipped().expect("reference").0;
        assert_eq!(printed_focus_area(&r, "CS"), "Civic & Social");
        assert_eq!(printed_focus_area(&r, "HW"), "Health & Well-being");
        assert_eq!(printed_focus_area(&r, "BI"), "Built Infrastructure");
    }

    #[test]
    fn a_year_reads_the_progress_reported_by_then() {
        let mut project: Project = serde_json::from_value(serde_json::json!({
            "id": 1, "plan_id": 1, "version": 1, "carried_from": null,
            "code": "BI-01", "title": "Bus lanes", "description": "",
            "primary_focus_area": "BI", "secondary_focus_areas": [], "sectors": [],
            "outcomes": [], "sdgs": [], "start_year": null, "end_year": null,
            "status": "completed", "lead_agency": "", "bankable": false,
            "partners": [], "funding": [], "kpis": []
        }))
        .expect("a project");
        assert_eq!(status_in(&project, 2022), Some(MeStatus::Completed));
        project.draft.progress = vec![
            ProgressUpdate {
                narrative_local: Default::default(),
                year: 2022,
                status: ProjectStatus::InProgress,
                percent_complete: 40,
                narrative: String::new(),
                spent: None,
            },
            ProgressUpdate {
                narrative_local: Default::default(),
                year: 2024,
                status: ProjectStatus::Completed,
                percent_complete: 100,
                narrative: String::new(),
                spent: None,
            },
        ];
        assert_eq!(status_in(&project, 2021), Some(MeStatus::UnderPlanning));
        assert_eq!(status_in(&project, 2023), Some(MeStatus::Ongoing));
        assert_eq!(status_in(&project, 2025), Some(MeStatus::Completed));
    }
}
