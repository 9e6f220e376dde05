//! The projects table: the rows of a plan the filter keeps, sorted, from the plan document.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::unset_last;
use crate::framework::Reference;
use crate::{Amount, PlanDocument, Project, ProjectFilter, ProjectRow, ProjectSort};

/// True when the filter keeps `project`: every field set narrows (focus area primary or
/// secondary, sector, status, running in the year, and every word of the text in its code,
/// title, description or lead agency, whatever the case in any script).
pub fn keeps(filter: &ProjectFilter, project: &Project) -> bool {
    let d = &project.draft;
    let area = filter
        .focus_area
        .as_ref()
        .is_none_or(|area| d.primary_focus_area == *area || d.secondary_focus_areas.contains(area));
    let sector = filter.sector.as_ref().is_none_or(|s| d.sectors.contains(s));
    let status = filter.status.is_none_or(|s| d.status == s);
    let year = filter.year.is_none_or(|y| d.runs_in(y));
    let text = filter.text.as_deref().is_none_or(|text| {
        let haystack =
            format!("{} {} {} {}", d.code, d.title, d.description, d.lead_agency).to_lowercase();
        text.split_whitespace()
            .all(|word| haystack.contains(&word.to_lowercase()))
    });
    area && sector && status && year && text
}

/// Compares text as the table sorts it, and as SQLite's `COLLATE NOCASE` does: ignoring ASCII
/// case.
pub fn nocase(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// The rows of the projects table: the projects the filter keeps, sorted by its column (then
/// by code and id), with their sectors and budget per currency.
pub fn project_rows(
    doc: &PlanDocument,
    reference: &Reference,
    filter: &ProjectFilter,
) -> Vec<ProjectRow> {
    let position = |code: &str| reference.focus_areas.iter().position(|f| f.code == code);
    let mut kept: Vec<&Project> = doc.projects.iter().filter(|p| keeps(filter, p)).collect();
    kept.sort_by(|a, b| {
        let (x, y) = (&a.draft, &b.draft);
        let by_column = match filter.sort {
            ProjectSort::Code => nocase(&x.code, &y.code),
            ProjectSort::Title => nocase(&x.title, &y.title),
            ProjectSort::FocusArea => {
                position(&x.primary_focus_area).cmp(&position(&y.primary_focus_area))
            }
            ProjectSort::StartYear => unset_last(x.start_year).cmp(&unset_last(y.start_year)),
            ProjectSort::EndYear => unset_last(x.end_year).cmp(&unset_last(y.end_year)),
            ProjectSort::Status => x.status.as_str().cmp(y.status.as_str()),
            ProjectSort::LeadAgency => nocase(&x.lead_agency, &y.lead_agency),
        };
        let by_column = if filter.descending {
            by_column.reverse()
        } else {
            by_column
        };
        by_column
            .then_with(|| nocase(&x.code, &y.code))
            .then_with(|| a.id.0.cmp(&b.id.0))
    });
    kept.into_iter()
        .map(|p| {
            let d = &p.draft;
            let mut budget: BTreeMap<&str, f64> = BTreeMap::new();
            for line in &d.funding {
                *budget.entry(line.currency.as_str()).or_default() += line.amount;
            }
            ProjectRow {
                id: p.id,
                code: d.code.clone(),
                title: d.title.clone(),
                primary_focus_area: d.primary_focus_area.clone(),
                sectors: d.sectors.clone(),
                start_year: d.start_year,
                end_year: d.end_year,
                status: d.status,
                lead_agency: d.lead_agency.clone(),
                budget: budget
                    .into_iter()
                    .map(|(currency, value)| Amount {
                        currency: currency.to_string(),
                        value,
                    })
                    .collect(),
            }
        })
        .collect()
}
