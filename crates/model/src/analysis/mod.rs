//! Sums and groupings of a plan: the timeline matrix, the sector × focus-area table, budgets by
//! focus area and year, funding by source and partner kind, projects by status.
//!
//! Pure functions over loaded projects, so the UI, the CLI, charts and (later) reports all show
//! the same numbers. Money rules, stated once:
//! - a funding line's amount is spread evenly over its years;
//! - a project's budget is shared evenly among its sectors in the sector table, so columns add up
//!   to the plan's budget without counting a project twice;
//! - sums use the plan's main currency (the one most funding lines use); lines in other
//!   currencies are counted in `other_currency_lines` and left out rather than converted.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod table;
pub use table::{keeps, nocase, project_rows};

use crate::framework::Reference;
use crate::{
    FundingSource, Partner, PartnerKind, PlanDocument, Project, ProjectFilter, ProjectId,
    ProjectStatus,
};

/// One project as a bar across its years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineBar {
    pub project_id: ProjectId,
    pub code: String,
    pub title: String,
    /// `None` while the project's years are not set: shown as "years not set", after the rest.
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub status: ProjectStatus,
}

/// The bars of one focus area (the project's primary one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineRow {
    pub focus_area: String,
    pub bars: Vec<TimelineBar>,
}

/// One cell of the sector × focus-area table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SectorCell {
    /// Sector code; empty for projects with no sector.
    pub sector: String,
    pub focus_area: String,
    pub projects: u32,
    /// In the main currency, the project budgets shared evenly among their sectors.
    pub budget: f64,
}

/// The sector map of a plan: focus areas × years, and sectors × focus areas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SectorMap {
    pub years: Vec<i32>,
    pub currency: Option<String>,
    pub rows: Vec<TimelineRow>,
    /// Non-empty cells, sectors in reference order, then focus areas in reference order.
    pub sectors: Vec<SectorCell>,
    pub other_currency_lines: u32,
}

/// An amount for one label, split by funding status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FundingSum {
    pub label: String,
    pub committed: f64,
    pub pipeline: f64,
}

/// The currency most funding lines of these projects use.
pub fn main_currency(projects: &[Project]) -> Option<String> {
    // A plan funds in one currency or a few: a list is searched faster than a map is hashed.
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for line in projects.iter().flat_map(|p| &p.draft.funding) {
        let currency = line.currency.as_str();
        match counts.iter_mut().find(|(c, _)| *c == currency) {
            Some((_, n)) => *n += 1,
            None => counts.push((currency, 1)),
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(c, _)| c.to_string())
}

/// What a project is funded with in `currency`; other currencies are left out, not converted.
/// Sums of money here start from +0.0: Rust's `sum()` of no `f64` is -0.0, which people would
/// see as "-0".
pub fn budget_in(project: &Project, currency: Option<&str>) -> f64 {
    project
        .draft
        .funding
        .iter()
        .filter(|f| Some(f.currency.as_str()) == currency)
        .map(|f| f.amount)
        .fold(0.0, |sum, amount| sum + amount)
}

/// A project's budget in `currency`, or `None` while it has no funding line at all: a budget
/// not known yet is not a budget of 0.
pub fn known_budget(project: &Project, currency: Option<&str>) -> Option<f64> {
    (!project.draft.funding.is_empty()).then(|| budget_in(project, currency))
}

/// The budget of several projects in `currency`, or `None` when none of them has a funding
/// line.
pub fn known_total(projects: &[&Project], currency: Option<&str>) -> Option<f64> {
    projects
        .iter()
        .filter_map(|p| known_budget(p, currency))
        .fold(None, |sum, b| Some(sum.unwrap_or(0.0) + b))
}

/// An amount as every report writes it, the same way whatever its size: grouped digits below
/// ten thousand (`9,500`), then thousands (`850 K`), millions (`18.1 M`) and billions
/// (`2.5 B`).
pub fn compact_amount(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude >= 1e9 {
        format!("{:.1} B", value / 1e9)
    } else if magnitude >= 1e6 {
        format!("{:.1} M", value / 1e6)
    } else if magnitude >= 1e4 {
        format!("{:.0} K", value / 1e3)
    } else {
        grouped(value.round() as i64)
    }
}

/// `1234567` → `1,234,567`.
pub fn grouped(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    if value < 0 {
        out.insert(0, '-');
    }
    out
}

fn other_currency_lines(projects: &[Project], currency: Option<&str>) -> u32 {
    projects
        .iter()
        .flat_map(|p| &p.draft.funding)
        .filter(|f| Some(f.currency.as_str()) != currency)
        .count() as u32
}

/// The sector map of a plan, for the projects the filter keeps (as the projects table).
pub fn sector_map_of_plan(
    doc: &PlanDocument,
    reference: &Reference,
    filter: &ProjectFilter,
) -> SectorMap {
    let projects: Vec<Project> = doc
        .projects
        .iter()
        .filter(|p| table::keeps(filter, p))
        .cloned()
        .collect();
    sector_map(&projects, reference, doc.period())
}

/// A year to sort by, a year not set after every other.
pub fn unset_last(year: Option<i32>) -> i32 {
    year.unwrap_or(i32::MAX)
}

/// The timeline matrix and the sector table of `projects` over the plan period.
pub fn sector_map(projects: &[Project], reference: &Reference, period: (i32, i32)) -> SectorMap {
    let currency = main_currency(projects);
    let rows = reference
        .focus_areas
        .iter()
        .map(|area| {
            let mut bars: Vec<TimelineBar> = projects
                .iter()
                .filter(|p| p.draft.primary_focus_area == area.code)
                .map(|p| TimelineBar {
                    project_id: p.id,
                    code: p.draft.code.clone(),
                    title: p.draft.title.clone(),
                    start_year: p.draft.start_year,
                    end_year: p.draft.end_year,
                    status: p.draft.status,
                })
                .collect();
            bars.sort_by(|a, b| {
                let key = |x: &TimelineBar| (unset_last(x.start_year), unset_last(x.end_year));
                (key(a), &a.code).cmp(&(key(b), &b.code))
            });
            TimelineRow {
                focus_area: area.code.clone(),
                bars,
            }
        })
        .collect();

    let mut cells: HashMap<(String, String), SectorCell> = HashMap::new();
    for p in projects {
        let budget = budget_in(p, currency.as_deref());
        let sectors: Vec<&str> = if p.draft.sectors.is_empty() {
            vec![""]
        } else {
            p.draft.sectors.iter().map(String::as_str).collect()
        };
        let share = budget / sectors.len() as f64;
        for sector in sectors {
            let key = (sector.to_string(), p.draft.primary_focus_area.clone());
            let cell = cells.entry(key).or_insert_with(|| SectorCell {
                sector: sector.to_string(),
                focus_area: p.draft.primary_focus_area.clone(),
                projects: 0,
                budget: 0.0,
            });
            cell.projects += 1;
            cell.budget += share;
        }
    }
    let mut sectors: Vec<SectorCell> = cells.into_values().collect();
    sectors.sort_by_key(|c| {
        (
            rank(reference.sectors.iter().map(|s| &s.code), &c.sector),
            rank(reference.focus_areas.iter().map(|f| &f.code), &c.focus_area),
        )
    });

    SectorMap {
        years: (period.0..=period.1).collect(),
        other_currency_lines: other_currency_lines(projects, currency.as_deref()),
        currency,
        rows,
        sectors,
    }
}

/// Where `code` stands in `codes`; unknown codes sort last.
fn rank<'a>(mut codes: impl Iterator<Item = &'a String>, code: &str) -> usize {
    codes.position(|c| c == code).unwrap_or(usize::MAX)
}

/// For each focus area (reference order), the budget per year of the period in `currency`.
pub fn budget_by_focus_area_year(
    projects: &[Project],
    reference: &Reference,
    period: (i32, i32),
    currency: Option<&str>,
) -> Vec<(String, Vec<f64>)> {
    let years = (period.1 - period.0 + 1).max(0) as usize;
    let mut by_area: Vec<(String, Vec<f64>)> = reference
        .focus_areas
        .iter()
        .map(|f| (f.code.clone(), vec![0.0; years]))
        .collect();
    for p in projects {
        let Some(row) = by_area
            .iter_mut()
            .find(|(code, _)| *code == p.draft.primary_focus_area)
        else {
            continue;
        };
        for line in &p.draft.funding {
            if Some(line.currency.as_str()) != currency || line.end_year < line.start_year {
                continue;
            }
            let per_year = line.amount / f64::from(line.end_year - line.start_year + 1);
            for year in line.start_year.max(period.0)..=line.end_year.min(period.1) {
                row.1[(year - period.0) as usize] += per_year;
            }
        }
    }
    by_area
}

/// Funding by source, committed and pipeline, in `currency`; sources with no money are left out.
pub fn funding_by_source(projects: &[Project], currency: Option<&str>) -> Vec<FundingSum> {
    sums_by(
        projects,
        currency,
        FundingSource::ALL.iter().map(|s| source_label(*s)),
        |line| FundingSource::ALL.iter().position(|s| *s == line.source),
    )
}

/// Funding by the kind of partner named on each line ("No partner" for the city's own money).
pub fn funding_by_partner_kind(
    projects: &[Project],
    partners: &[Partner],
    currency: Option<&str>,
) -> Vec<FundingSum> {
    let labels = PartnerKind::ALL
        .iter()
        .map(|k| partner_kind_label(*k))
        .chain(["No partner"]);
    sums_by(projects, currency, labels, |line| {
        let kind = line
            .partner_id
            .and_then(|id| partners.iter().find(|p| p.id == id))
            .map(|p| p.kind);
        Some(match kind {
            Some(kind) => PartnerKind::ALL.iter().position(|k| *k == kind)?,
            None => PartnerKind::ALL.len(),
        })
    })
}

/// The lines in `currency` summed in one walk, each onto the sum of `labels` that `slot` names,
/// committed and pipeline apart; sums with no money are left out.
fn sums_by<'a>(
    projects: &[Project],
    currency: Option<&str>,
    labels: impl Iterator<Item = &'a str>,
    slot: impl Fn(&crate::FundingLine) -> Option<usize>,
) -> Vec<FundingSum> {
    let mut sums: Vec<FundingSum> = labels
        .map(|label| FundingSum {
            label: label.to_string(),
            committed: 0.0,
            pipeline: 0.0,
        })
        .collect();
    for line in projects.iter().flat_map(|p| &p.draft.funding) {
        if Some(line.currency.as_str()) != currency {
            continue;
        }
        if let Some(sum) = slot(line).and_then(|i| sums.get_mut(i)) {
            match line.status {
                crate::FundingStatus::Committed => sum.committed += line.amount,
                crate::FundingStatus::Pipeline => sum.pipeline += line.amount,
            }
        }
    }
    sums.retain(|s| s.committed + s.pipeline > 0.0);
    sums
}

/// How many projects have each status, every status listed.
pub fn projects_by_status(projects: &[Project]) -> Vec<(ProjectStatus, u32)> {
    ProjectStatus::ALL
        .iter()
        .map(|s| {
            (
                *s,
                projects.iter().filter(|p| p.draft.status == *s).count() as u32,
            )
        })
        .collect()
}

/// A funding source as people say it.
pub fn source_label(source: FundingSource) -> &'static str {
    match source {
        FundingSource::CityBudget => "City budget",
        FundingSource::NationalGovernment => "National government",
        FundingSource::PrivateSector => "Private sector",
        FundingSource::MultilateralBank => "Multilateral bank",
        FundingSource::ExternalPartner => "External partner",
        FundingSource::Other => "Other",
    }
}

/// A partner kind as people say it.
pub fn partner_kind_label(kind: PartnerKind) -> &'static str {
    match kind {
        PartnerKind::PrivateSector => "Private-sector provider",
        PartnerKind::ExternalPartner => "External partner",
        PartnerKind::MultilateralBank => "Multilateral bank",
        PartnerKind::Academic => "Academic",
        PartnerKind::Ngo => "NGO",
        PartnerKind::Government => "Government",
    }
}

/// A project status as people say it.
pub fn status_label(status: ProjectStatus) -> &'static str {
    match status {
        ProjectStatus::Proposed => "Proposed",
        ProjectStatus::Planned => "Planned",
        ProjectStatus::InProgress => "In progress",
        ProjectStatus::Completed => "Completed",
        ProjectStatus::OnHold => "On hold",
        ProjectStatus::Cancelled => "Cancelled",
    }
}

#[cfg(test)]
mod amount_tests {
    use super::*;

    #[test]
    fn amounts_are_written_one_way_at_every_size() {
        assert_eq!(compact_amount(1000.0), "1,000");
        assert_eq!(compact_amount(9_500.0), "9,500");
        assert_eq!(compact_amount(850_000.0), "850 K");
        assert_eq!(compact_amount(18_100_000.0), "18.1 M");
        assert_eq!(compact_amount(2.5e9), "2.5 B");
        assert_eq!(compact_amount(0.0), "0");
        assert_eq!(grouped(-1_234_567), "-1,234,567");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework;
    use crate::{FundingLine, FundingStatus, PartnerId, PlanId, ProjectDraft};

    fn line(
        amount: f64,
        years: (i32, i32),
        source: FundingSource,
        partner: Option<i64>,
    ) -> FundingLine {
        FundingLine {
            source,
            partner_id: partner.map(PartnerId),
            amount,
            currency: "USD".into(),
            start_year: years.0,
            end_year: years.1,
            status: if partner.is_some() {
                FundingStatus::Pipeline
            } else {
                FundingStatus::Committed
            },
        }
    }

    fn project(
        id: i64,
        area: &str,
        sectors: &[&str],
        years: (i32, i32),
        funding: Vec<FundingLine>,
    ) -> Project {
        Project {
            id: ProjectId(id),
            plan_id: PlanId(1),
            version: 1,
            carried_from: None,
            draft: ProjectDraft {
                description_local: Default::default(),
                title_local: Default::default(),
                code: format!("{area}-{id:02}"),
                title: format!("Project {id}"),
                description: String::new(),
                primary_focus_area: area.into(),
                secondary_focus_areas: vec![],
                sectors: sectors.iter().map(|s| s.to_string()).collect(),
                outcomes: vec![],
                sdgs: vec![],
                start_year: Some(years.0),
                end_year: Some(years.1),
                status: ProjectStatus::Planned,
                lead_agency: String::new(),
                bankable: false,
                partners: vec![],
                funding,
                kpis: vec![],
                locations: vec![],
                progress: vec![],
            },
        }
    }

    /// Three projects whose sums are easy to check by hand.
    fn plan() -> Vec<Project> {
        vec![
            // 400 over 2019–2022: 100 a year; transport and energy share it, 200 each.
            project(
                1,
                "BI",
                &["transport", "energy"],
                (2019, 2022),
                vec![line(400.0, (2019, 2022), FundingSource::CityBudget, None)],
            ),
            // 90 from the city in 2020, 300 from a bank over 2020–2022 (100 a year).
            project(
                2,
                "BI",
                &["transport"],
                (2020, 2022),
                vec![
                    line(90.0, (2020, 2020), FundingSource::CityBudget, None),
                    line(
                        300.0,
                        (2020, 2022),
                        FundingSource::MultilateralBank,
                        Some(7),
                    ),
                ],
            ),
            // No sector, no money.
            project(3, "QE", &[], (2018, 2018), vec![]),
        ]
    }

    #[test]
    fn the_timeline_puts_each_project_in_its_focus_area_by_start_year() {
        let (reference, _) = framework::shipped().unwrap();
        let map = sector_map(&plan(), &reference, (2018, 2025));
        assert_eq!(map.years, (2018..=2025).collect::<Vec<_>>());
        assert_eq!(
            map.rows.len(),
            6,
            "every focus area has a row, empty or not"
        );
        let bi = map.rows.iter().find(|r| r.focus_area == "BI").unwrap();
        let codes: Vec<_> = bi.bars.iter().map(|b| b.code.as_str()).collect();
        assert_eq!(codes, vec!["BI-01", "BI-02"]);
        assert_eq!(
            (bi.bars[1].start_year, bi.bars[1].end_year),
            (Some(2020), Some(2022))
        );
    }

    #[test]
    fn the_sector_table_shares_budgets_without_double_counting() {
        let (reference, _) = framework::shipped().unwrap();
        let map = sector_map(&plan(), &reference, (2018, 2025));
        let cells: Vec<(&str, &str, u32, f64)> = map
            .sectors
            .iter()
            .map(|c| {
                (
                    c.sector.as_str(),
                    c.focus_area.as_str(),
                    c.projects,
                    c.budget,
                )
            })
            .collect();
        assert_eq!(
            cells,
            vec![
                ("transport", "BI", 2, 200.0 + 390.0),
                ("energy", "BI", 1, 200.0),
                ("", "QE", 1, 0.0),
            ]
        );
        let total: f64 = map.sectors.iter().map(|c| c.budget).sum();
        assert_eq!(total, 790.0, "the table adds up to the plan's budget");
        assert_eq!(map.currency.as_deref(), Some("USD"));
    }

    #[test]
    fn budgets_are_spread_over_the_years_of_each_line() {
        let (reference, _) = framework::shipped().unwrap();
        let series = budget_by_focus_area_year(&plan(), &reference, (2018, 2025), Some("USD"));
        let bi = &series.iter().find(|(c, _)| c == "BI").unwrap().1;
        // 2018: 0; 2019: 100; 2020: 100 + 90 + 100; 2021: 100 + 100; 2022: 100 + 100.
        assert_eq!(bi, &vec![0.0, 100.0, 290.0, 200.0, 200.0, 0.0, 0.0, 0.0]);
        let qe = &series.iter().find(|(c, _)| c == "QE").unwrap().1;
        assert!(qe.iter().all(|v| *v == 0.0));
    }

    #[test]
    fn funding_is_summed_by_source_and_by_partner_kind() {
        let bank = Partner {
            name_local: Default::default(),
            id: PartnerId(7),
            kind: PartnerKind::MultilateralBank,
            name: "Asian Development Bank".into(),
            country: None,
        };
        let by_source = funding_by_source(&plan(), Some("USD"));
        assert_eq!(
            by_source,
            vec![
                FundingSum {
                    label: "City budget".into(),
                    committed: 490.0,
                    pipeline: 0.0
                },
                FundingSum {
                    label: "Multilateral bank".into(),
                    committed: 0.0,
                    pipeline: 300.0
                },
            ]
        );
        let by_kind = funding_by_partner_kind(&plan(), &[bank], Some("USD"));
        let labels: Vec<_> = by_kind
            .iter()
            .map(|s| (s.label.as_str(), s.committed + s.pipeline))
            .collect();
        assert_eq!(
            labels,
            vec![("Multilateral bank", 300.0), ("No partner", 490.0)]
        );
    }

    #[test]
    fn other_currencies_are_counted_not_converted() {
        let (reference, _) = framework::shipped().unwrap();
        let mut projects = plan();
        let mut euro = line(1000.0, (2019, 2019), FundingSource::Other, None);
        euro.currency = "EUR".into();
        projects[2].draft.funding.push(euro);
        let map = sector_map(&projects, &reference, (2018, 2025));
        assert_eq!(map.currency.as_deref(), Some("USD"));
        assert_eq!(map.other_currency_lines, 1);
        assert_eq!(map.sectors.iter().map(|c| c.budget).sum::<f64>(), 790.0);
    }

    #[test]
    fn counts_projects_by_status() {
        let mut projects = plan();
        projects[0].draft.status = ProjectStatus::Completed;
        let counts = projects_by_status(&projects);
        assert_eq!(counts.len(), 6);
        assert_eq!(counts[1], (ProjectStatus::Planned, 2));
        assert_eq!(counts[3], (ProjectStatus::Completed, 1));
    }
}
