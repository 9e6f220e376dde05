//! Plan against actual for one year: what each city reports at the annual ASCN meeting.
//!
//! A project is expected to advance evenly over its years, so by the end of its second year of
//! four it should be half done; one reported more than [`BEHIND_MARGIN`] points short of that is
//! behind. A KPI is on track in a year when its actual value meets that year's target (or the
//! latest earlier target) in the direction the plan means it to move from its baseline.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::validation::{FieldError, Rule};
use crate::{
    Kpi, KpiTarget, ProgressEntry, ProgressUpdate, Project, ProjectDraft, ProjectId, ProjectStatus,
};

/// Percentage points short of the even pace at which a project counts as behind.
pub const BEHIND_MARGIN: f64 = 15.0;

/// One KPI in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KpiProgress {
    pub name: String,
    pub unit: String,
    pub baseline: f64,
    /// The target for the year, or the latest earlier one.
    pub target: Option<f64>,
    pub actual: Option<f64>,
    /// Known when both a target and an actual are.
    pub on_track: Option<bool>,
}

/// One project in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProjectProgress {
    pub project_id: ProjectId,
    pub code: String,
    pub title: String,
    pub focus_area: String,
    pub start_year: i32,
    pub end_year: i32,
    /// Percent complete expected by the end of the year at an even pace.
    pub expected_percent: f64,
    /// What the city reported for the year, if it did.
    pub reported: Option<ProgressUpdate>,
    /// Reported more than [`BEHIND_MARGIN`] points short of the expected percent.
    pub behind: bool,
    pub kpis: Vec<KpiProgress>,
}

/// Every project that had started by the year, with what was planned and what was reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProgressReport {
    pub year: i32,
    pub projects: Vec<ProjectProgress>,
    /// Projects with a report for the year.
    pub reported: u32,
    /// Mean percent complete over the reported projects.
    pub mean_percent: Option<f64>,
    pub behind: u32,
    pub kpis_reported: u32,
    pub kpis_on_track: u32,
}

/// Percent complete expected of a project running `start..=end` by the end of `year`.
pub fn expected_percent(start: i32, end: i32, year: i32) -> f64 {
    if year < start {
        return 0.0;
    }
    let years = f64::from(end - start + 1).max(1.0);
    (f64::from(year - start + 1) / years * 100.0).min(100.0)
}

/// The target of `kpi` that applies in `year`: that year's, else the latest before it.
fn target_in(kpi: &Kpi, year: i32) -> Option<f64> {
    kpi.targets
        .iter()
        .filter(|t| t.year <= year)
        .max_by_key(|t| t.year)
        .map(|t| t.value)
}

/// Whether `actual` meets `target`, moving from `baseline` the way the target does.
pub fn meets_target(baseline: f64, target: f64, actual: f64) -> bool {
    if target >= baseline {
        actual >= target
    } else {
        actual <= target
    }
}

/// The latest year any project of the plan has progress reported for.
pub fn latest_year(projects: &[Project]) -> Option<i32> {
    projects
        .iter()
        .flat_map(|p| p.draft.progress.iter().map(|u| u.year))
        .max()
}

/// Whether a project whose years ended before `year` was done by then: completed or cancelled,
/// or reported complete in an earlier year. One that was not is still reported on, late.
fn closed_before(draft: &ProjectDraft, year: i32) -> bool {
    draft.end_year.is_some_and(|end| end < year)
        && (matches!(
            draft.status,
            ProjectStatus::Completed | ProjectStatus::Cancelled
        ) || draft
            .progress
            .iter()
            .filter(|u| u.year < year)
            .max_by_key(|u| u.year)
            .is_some_and(|u| u.percent_complete == 100 || u.status == ProjectStatus::Completed))
}

/// What a year's report counts of one project, read in place: [`report`] makes its rows of
/// these and [`totals`] counts them, copying no text.
struct Counted<'a> {
    project: &'a Project,
    start_year: i32,
    end_year: i32,
    expected: f64,
    reported: Option<&'a ProgressUpdate>,
    behind: bool,
}

/// Every project that had started by `year` and was not closed before it (a project whose years
/// are not set has no year to report on).
fn counted(projects: &[Project], year: i32) -> impl Iterator<Item = Counted<'_>> {
    projects
        .iter()
        .filter_map(|p| p.draft.years().map(|years| (p, years)))
        .filter(move |(p, (start, _))| *start <= year && !closed_before(&p.draft, year))
        .map(move |(project, (start_year, end_year))| {
            let expected = expected_percent(start_year, end_year, year);
            let reported = project.draft.progress.iter().find(|u| u.year == year);
            let behind =
                reported.is_some_and(|r| f64::from(r.percent_complete) + BEHIND_MARGIN < expected);
            Counted {
                project,
                start_year,
                end_year,
                expected,
                reported,
                behind,
            }
        })
}

/// A KPI's target and actual in `year`, and whether it is on track (known when both are).
fn kpi_in(kpi: &Kpi, year: i32) -> (Option<f64>, Option<f64>, Option<bool>) {
    let target = target_in(kpi, year);
    let actual = kpi.actuals.iter().find(|a| a.year == year).map(|a| a.value);
    let on_track = target
        .zip(actual)
        .map(|(t, a)| meets_target(kpi.baseline_value, t, a));
    (target, actual, on_track)
}

/// The totals of a year's report, without its rows: what a roll-up of many plans shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProgressTotals {
    pub year: i32,
    /// Projects with a report for the year.
    pub reported: u32,
    /// Mean percent complete over the reported projects.
    pub mean_percent: Option<f64>,
    pub behind: u32,
    pub kpis_reported: u32,
    pub kpis_on_track: u32,
}

/// The totals of a year's report as its projects are counted: what [`totals`] and [`report`]
/// count alike, in one walk of the projects each.
struct Tally {
    totals: ProgressTotals,
    percent_sum: f64,
}

impl Tally {
    fn new(year: i32) -> Self {
        Tally {
            totals: ProgressTotals {
                year,
                reported: 0,
                mean_percent: None,
                behind: 0,
                kpis_reported: 0,
                kpis_on_track: 0,
            },
            percent_sum: 0.0,
        }
    }

    fn project(&mut self, c: &Counted<'_>) {
        if let Some(r) = c.reported {
            self.totals.reported += 1;
            self.percent_sum += f64::from(r.percent_complete);
        }
        self.totals.behind += u32::from(c.behind);
    }

    fn kpi(&mut self, actual: Option<f64>, on_track: Option<bool>) {
        self.totals.kpis_reported += u32::from(actual.is_some());
        self.totals.kpis_on_track += u32::from(on_track == Some(true));
    }

    fn done(self) -> ProgressTotals {
        let reported = self.totals.reported;
        ProgressTotals {
            mean_percent: (reported > 0).then(|| self.percent_sum / f64::from(reported)),
            ..self.totals
        }
    }
}

/// The totals of [`report`] for `year`, counted in place.
pub fn totals(projects: &[Project], year: i32) -> ProgressTotals {
    let mut tally = Tally::new(year);
    for c in counted(projects, year) {
        tally.project(&c);
        for kpi in &c.project.draft.kpis {
            let (_, actual, on_track) = kpi_in(kpi, year);
            tally.kpi(actual, on_track);
        }
    }
    tally.done()
}

/// The plan against what was reported for `year`: every project that had started by then and
/// was not closed before it (a project whose years are not set has no year to report on).
pub fn report(projects: &[Project], year: i32) -> ProgressReport {
    let mut tally = Tally::new(year);
    let rows = counted(projects, year)
        .map(|c| {
            tally.project(&c);
            let d = &c.project.draft;
            ProjectProgress {
                project_id: c.project.id,
                code: d.code.clone(),
                title: d.title.clone(),
                focus_area: d.primary_focus_area.clone(),
                start_year: c.start_year,
                end_year: c.end_year,
                expected_percent: c.expected,
                reported: c.reported.cloned(),
                behind: c.behind,
                kpis: d
                    .kpis
                    .iter()
                    .map(|k| {
                        let (target, actual, on_track) = kpi_in(k, year);
                        tally.kpi(actual, on_track);
                        KpiProgress {
                            name: k.name.clone(),
                            unit: k.unit.clone(),
                            baseline: k.baseline_value,
                            target,
                            actual,
                            on_track,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let totals = tally.done();
    ProgressReport {
        year,
        projects: rows,
        reported: totals.reported,
        mean_percent: totals.mean_percent,
        behind: totals.behind,
        kpis_reported: totals.kpis_reported,
        kpis_on_track: totals.kpis_on_track,
    }
}

/// Puts a year's entry into a project: replaces that year's update and each KPI's actual for the
/// year (`None` removes it). The percent must be a whole number 0–100 and there must be one
/// actual per KPI; the rest is checked with the whole project when it is saved.
pub fn apply(draft: &mut ProjectDraft, entry: &ProgressEntry) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let percent = entry.percent_complete;
    if !(0.0..=100.0).contains(&percent) || percent.fract() != 0.0 {
        errors.push(FieldError::new(
            "percent_complete",
            Rule::OutOfRange,
            crate::says!("wholePercent", "must be a whole number from 0 to 100"),
        ));
    }
    if entry.kpi_actuals.len() != draft.kpis.len() {
        errors.push(FieldError::new(
            "kpi_actuals",
            Rule::Format,
            crate::says!(
                "actualsPerKpi",
                "gives {given} actual(s) for a project with {kpis} KPI(s)",
                given = entry.kpi_actuals.len(),
                kpis = draft.kpis.len()
            ),
        ));
    }
    if entry.spent.is_some_and(|v| !v.is_finite() || v < 0.0) {
        errors.push(FieldError::new(
            "spent",
            Rule::Negative,
            crate::says!("notMoney", "must be an amount of money, not negative"),
        ));
    }
    for (i, value) in entry.kpi_actuals.iter().enumerate() {
        if value.is_some_and(|v| !v.is_finite()) {
            errors.push(FieldError::new(
                format!("kpi_actuals[{i}]"),
                Rule::NotANumber,
                crate::says!("notANumber", "must be a number"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    draft.progress.retain(|u| u.year != entry.year);
    draft.progress.push(ProgressUpdate {
        year: entry.year,
        status: entry.status,
        percent_complete: percent as u8,
        narrative: entry.narrative.trim().to_string(),
        narrative_local: crate::languages::tidy(&entry.narrative_local),
        spent: entry.spent,
    });
    draft.progress.sort_by_key(|u| u.year);
    // The latest report says where the project stands now.
    if draft.progress.last().map(|u| u.year) == Some(entry.year) {
        draft.status = entry.status;
    }
    for (kpi, value) in draft.kpis.iter_mut().zip(&entry.kpi_actuals) {
        kpi.actuals.retain(|a| a.year != entry.year);
        if let Some(value) = value {
            kpi.actuals.push(KpiTarget {
                year: entry.year,
                value: *value,
            });
            kpi.actuals.sort_by_key(|a| a.year);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expects_an_even_pace_over_the_project_years() {
        assert_eq!(expected_percent(2019, 2022, 2018), 0.0, "before the start");
        assert_eq!(expected_percent(2019, 2022, 2019), 25.0);
        assert_eq!(expected_percent(2019, 2022, 2020), 50.0);
        assert_eq!(expected_percent(2019, 2022, 2025), 100.0, "after the end");
        assert_eq!(
            expected_percent(2020, 2020, 2020),
            100.0,
            "a one-year project"
        );
    }

    #[test]
    fn a_target_is_met_in_the_direction_the_kpi_moves() {
        // Rising: 10 → 20.
        assert!(meets_target(10.0, 20.0, 20.0));
        assert!(!meets_target(10.0, 20.0, 19.9));
        // Falling: commute of 42 minutes → 35.
        assert!(meets_target(42.0, 35.0, 34.0));
        assert!(!meets_target(42.0, 35.0, 36.0));
    }

    #[test]
    fn an_entry_replaces_its_year_and_needs_one_actual_per_kpi() {
        let mut draft: ProjectDraft = serde_json::from_value(serde_json::json!({
            "code": "BI-01", "title": "T", "description": "", "primary_focus_area": "BI",
            "secondary_focus_areas": [], "sectors": [], "outcomes": [], "sdgs": [],
            "start_year": 2019, "end_year": 2022, "status": "planned", "lead_agency": "",
            "bankable": false, "partners": [], "funding": [],
            "kpis": [{"name": "K", "standard_ref": null, "unit": "%", "baseline_year": 2017,
                      "baseline_value": 0.0, "targets": [], "actuals": [{"year": 2020, "value": 1.0}]}]
        }))
        .unwrap();
        let entry = |year, percent: f64, actuals: Vec<Option<f64>>| ProgressEntry {
            narrative_local: Default::default(),
            year,
            status: ProjectStatus::InProgress,
            percent_complete: percent,
            narrative: "  done  ".into(),
            kpi_actuals: actuals,
            spent: None,
        };
        apply(&mut draft, &entry(2020, 40.0, vec![Some(5.0)])).unwrap();
        apply(&mut draft, &entry(2020, 45.0, vec![None])).unwrap();
        assert_eq!(draft.progress.len(), 1, "one report a year");
        assert_eq!(draft.progress[0].percent_complete, 45);
        assert_eq!(draft.progress[0].narrative, "done");
        assert!(
            draft.kpis[0].actuals.is_empty(),
            "None clears the year's actual"
        );
        assert_eq!(
            draft.status,
            ProjectStatus::InProgress,
            "the latest report sets the status"
        );

        let fields = |r: Result<(), Vec<FieldError>>| {
            r.unwrap_err()
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(apply(&mut draft, &entry(2021, 45.5, vec![None]))),
            ["percent_complete"]
        );
        assert_eq!(
            fields(apply(&mut draft, &entry(2021, 50.0, vec![]))),
            ["kpi_actuals"]
        );
        assert_eq!(
            fields(apply(&mut draft, &entry(2021, 50.0, vec![Some(f64::NAN)]))),
            ["kpi_actuals[0]"]
        );
        assert_eq!(draft.progress.len(), 1, "a refused entry changes nothing");
    }
}
