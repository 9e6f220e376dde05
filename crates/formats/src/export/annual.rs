//! The annual progress report of a city, a member state or the whole network, for the annual
//! ASCN meeting and the Secretariat's report: the roll-up ([`ascn_model::rollup`]) and each city's
//! plan against actual for the year ([`ascn_model::progress`]), as a PDF to read and a spreadsheet
//! to work in.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rust_xlsxwriter::{Format as Style, Workbook};

use super::pdf::layout::{money, render, Layout, MUTED};
use super::xlsx::{filter, header, xlsx_error, Styles};
use super::{file_stem, write_atomically};

use ascn_model::error::Result;
use ascn_model::framework::Reference;
use ascn_model::progress::{self, ProgressReport};
use ascn_model::rollup::{self, RollUp, Scope};
use ascn_model::PlanDocument;

/// One city's year.
#[derive(Debug, Clone, PartialEq)]
pub struct CityYear {
    pub city: String,
    pub currency: Option<String>,
    pub progress: ProgressReport,
}

/// Everything the annual report shows.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnualReport {
    pub rollup: RollUp,
    pub year: i32,
    pub cities: Vec<CityYear>,
}

/// The report for `scope` and `year`; without a year, the latest year any city reported on
/// (or, before any report, the last year of the plans' periods).
pub fn build(
    reference: &Reference,
    scope: &Scope,
    plans: &[Arc<PlanDocument>],
    year: Option<i32>,
) -> AnnualReport {
    let rollup = rollup::of_plans(reference, scope, plans);
    let year = year
        .or_else(|| {
            plans
                .iter()
                .filter_map(|p| progress::latest_year(&p.projects))
                .max()
        })
        .or_else(|| rollup.years.last().copied())
        .unwrap_or(2025);
    let cities = plans
        .iter()
        .zip(&rollup.cities)
        .map(|(p, line)| CityYear {
            city: p.city.name.clone(),
            currency: line.plan.currency.clone(),
            progress: progress::report(&p.projects, year),
        })
        .collect();
    AnnualReport {
        rollup,
        year,
        cities,
    }
}

/// Writes the report's PDF, spreadsheet and roll-up JSON into `dir`; returns their paths.
pub fn write(report: &AnnualReport, dir: &Path) -> Result<Vec<PathBuf>> {
    let stem = format!(
        "{}-annual-report-{}",
        file_stem(&report.rollup.title),
        report.year
    );
    let files = [
        (format!("{stem}.pdf"), pdf(report)?),
        (format!("{stem}.xlsx"), xlsx(report)?),
        (
            format!("{stem}.json"),
            serde_json::to_vec_pretty(&report.rollup).expect("a roll-up serialises"),
        ),
    ];
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        write_atomically(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "—".into(), |v| format!("{v:.0}%"))
}

fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "—".into(), |v| format!("{v}"))
}

/// The most projects needing attention a multi-city report lists for one city.
pub const ATTENTION_ROWS: usize = 10;

/// How far a project is behind what its years lead one to expect: percentage points, a project
/// not reported counting as at 0 %.
fn gap(p: &progress::ProjectProgress) -> f64 {
    let reported = p
        .reported
        .as_ref()
        .map_or(0.0, |u| f64::from(u.percent_complete));
    p.expected_percent - reported
}

/// The report as a PDF: cover, coverage, funding, timeline, progress per city.
pub fn pdf(report: &AnnualReport) -> Result<Vec<u8>> {
    let r = &report.rollup;
    let mut l = Layout::new();
    l.cover(
        &r.title,
        &format!("Annual progress report {}", report.year),
        &[
            ("Cities", r.cities.len().to_string()),
            ("Projects", r.projects.to_string()),
            ("KPIs", r.kpis.to_string()),
            (
                "Budget",
                r.totals
                    .iter()
                    .map(|t| money(t.budget, &t.currency))
                    .collect::<Vec<_>>()
                    .join(" · "),
            ),
            ("Date of this report", ascn_model::clock::today()),
        ],
    );
    if r.cities.iter().any(|c| c.plan.sample) {
        l.y += 30.0;
        l.paragraph(
            "Some plans here are SAMPLE DATA generated for trying ASCN Action Planner, not cities' plans.",
            11.0,
            true,
            (0xb3, 0x26, 0x1e),
            0.0,
        );
    }

    l.new_page();
    l.heading("Coverage of the focus areas");
    l.paragraph(
        "Projects per city and focus area; * marks a focus area the city chose.",
        9.0,
        false,
        MUTED,
        0.0,
    );
    let mut rows = vec![std::iter::once("City".to_string())
        .chain(r.focus_areas.iter().cloned())
        .chain(["Projects".into(), "Budget".into()])
        .collect::<Vec<_>>()];
    for c in &r.cities {
        let mut row = vec![c.plan.city.clone()];
        row.extend(
            c.plan
                .areas
                .iter()
                .map(|a| format!("{}{}", a.projects, if a.chosen { "*" } else { "" })),
        );
        row.push(c.plan.projects.to_string());
        row.push(match &c.plan.currency {
            Some(currency) => money(c.plan.budget, currency),
            None => "not known".into(),
        });
        rows.push(row);
    }
    let mut total = vec!["Cities choosing it".to_string()];
    total.extend(r.coverage.iter().map(u32::to_string));
    total.extend([r.projects.to_string(), String::new()]);
    rows.push(total);
    let area_width = 32.0;
    let mut widths = vec![120.0];
    widths.extend(r.focus_areas.iter().map(|_| area_width));
    widths.extend([55.0, 303.0 - area_width * r.focus_areas.len() as f32 + 18.0]);
    l.table(&widths, &rows);

    l.heading("Funding by source");
    for t in &r.totals {
        l.subheading(&format!("In {} ({} cities)", t.currency, t.cities));
        let mut rows = vec![vec![
            "Source".to_string(),
            "Committed".into(),
            "Pipeline".into(),
        ]];
        rows.extend(t.funding.iter().map(|f| {
            vec![
                f.label.clone(),
                money(f.committed, &t.currency),
                money(f.pipeline, &t.currency),
            ]
        }));
        l.table(&[215.0, 140.0, 140.0], &rows);
    }

    l.heading("Timeline: projects running each year");
    let mut rows = vec![std::iter::once("City".to_string())
        .chain(r.years.iter().map(i32::to_string))
        .collect::<Vec<_>>()];
    rows.extend(r.cities.iter().map(|c| {
        std::iter::once(c.plan.city.clone())
            .chain(c.running.iter().map(u32::to_string))
            .collect()
    }));
    let year_width = (375.0 / r.years.len().max(1) as f32).min(60.0);
    let mut widths = vec![120.0];
    widths.extend(r.years.iter().map(|_| year_width));
    l.table(&widths, &rows);

    l.heading(&format!("Progress in {}", report.year));
    let mut rows = vec![vec![
        "City".to_string(),
        "Reported".into(),
        "Mean % complete".into(),
        "Behind".into(),
        "KPIs on track".into(),
    ]];
    rows.extend(report.cities.iter().map(|c| {
        let p = &c.progress;
        vec![
            c.city.clone(),
            format!("{} of {}", p.reported, p.projects.len()),
            percent(p.mean_percent),
            p.behind.to_string(),
            format!("{} of {}", p.kpis_on_track, p.kpis_reported),
        ]
    }));
    l.table(&[135.0, 90.0, 90.0, 80.0, 100.0], &rows);

    // One city: every project. Several: the projects that need attention, furthest behind
    // first, at most ATTENTION_ROWS a city, so a network report stays a report and not a
    // directory; the spreadsheet's Progress sheet lists every project.
    let single = report.cities.len() == 1;
    for c in &report.cities {
        let mut shown: Vec<_> = c
            .progress
            .projects
            .iter()
            .filter(|p| single || p.behind || p.reported.is_none())
            .collect();
        if shown.is_empty() {
            continue;
        }
        let more = if single {
            0
        } else {
            shown.sort_by(|a, b| gap(b).total_cmp(&gap(a)).then(a.code.cmp(&b.code)));
            let more = shown.len().saturating_sub(ATTENTION_ROWS);
            shown.truncate(ATTENTION_ROWS);
            more
        };
        l.heading(&if single {
            format!("{}: projects in {}", c.city, report.year)
        } else {
            format!("{}: behind or not reported in {}", c.city, report.year)
        });
        let mut rows = vec![vec![
            "Code".to_string(),
            "Project".into(),
            "Expected".into(),
            "Reported".into(),
            "KPI target → actual".into(),
        ]];
        rows.extend(shown.iter().map(|p| {
            vec![
                p.code.clone(),
                match &p.reported {
                    Some(u) if !u.narrative.is_empty() => format!("{}\n{}", p.title, u.narrative),
                    _ => p.title.clone(),
                },
                percent(Some(p.expected_percent)),
                p.reported.as_ref().map_or_else(
                    || "not reported".into(),
                    |u| {
                        format!(
                            "{}%{}",
                            u.percent_complete,
                            if p.behind { " (behind)" } else { "" }
                        )
                    },
                ),
                p.kpis
                    .iter()
                    .map(|k| {
                        format!(
                            "{}: {} → {} {}",
                            k.name,
                            number(k.target),
                            number(k.actual),
                            k.unit
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ]
        }));
        l.table(&[50.0, 185.0, 55.0, 70.0, 135.0], &rows);
        if more > 0 {
            l.paragraph(
                &format!(
                    "… and {more} more behind or not reported: the spreadsheet's Progress sheet \
                     lists every project."
                ),
                9.0,
                false,
                MUTED,
                0.0,
            );
        }
    }
    render(
        &l,
        &format!("{} — annual progress report {}", r.title, report.year),
    )
}

/// The report as a workbook: Cities, Funding, Timeline, Progress and KPIs sheets.
pub fn xlsx(report: &AnnualReport) -> Result<Vec<u8>> {
    let r = &report.rollup;
    let styles = Styles::new();
    let mut book = Workbook::new();

    let sheet = book
        .add_worksheet()
        .set_name("Cities")
        .map_err(xlsx_error)?;
    let mut columns: Vec<(String, f64)> = vec![
        ("City".into(), 22.0),
        ("Country".into(), 16.0),
        ("Status".into(), 11.0),
        ("Projects".into(), 9.0),
        ("Currency".into(), 9.0),
        ("Budget".into(), 15.0),
    ];
    columns.extend(
        r.focus_areas
            .iter()
            .map(|a| (format!("{a} projects"), 10.0)),
    );
    columns.extend([("KPIs".into(), 7.0), ("Readiness: to fix".into(), 10.0)]);
    let names: Vec<(&str, f64)> = columns.iter().map(|(n, w)| (n.as_str(), *w)).collect();
    header(sheet, &styles, &names)?;
    for (i, c) in r.cities.iter().enumerate() {
        let row = i as u32 + 1;
        let p = &c.plan;
        sheet.write_string(row, 0, &p.city).map_err(xlsx_error)?;
        sheet.write_string(row, 1, &p.country).map_err(xlsx_error)?;
        sheet
            .write_string(row, 2, p.status.as_str())
            .map_err(xlsx_error)?;
        sheet.write_number(row, 3, p.projects).map_err(xlsx_error)?;
        sheet
            .write_string(row, 4, p.currency.as_deref().unwrap_or(""))
            .map_err(xlsx_error)?;
        sheet
            .write_number_with_format(row, 5, p.budget, &styles.money)
            .map_err(xlsx_error)?;
        for (j, a) in p.areas.iter().enumerate() {
            sheet
                .write_number(row, 6 + j as u16, a.projects)
                .map_err(xlsx_error)?;
        }
        let next = 6 + p.areas.len() as u16;
        sheet.write_number(row, next, p.kpis).map_err(xlsx_error)?;
        sheet
            .write_number(row, next + 1, p.readiness_errors)
            .map_err(xlsx_error)?;
    }
    filter(sheet, r.cities.len() as u32, columns.len())?;

    let sheet = book
        .add_worksheet()
        .set_name("Funding")
        .map_err(xlsx_error)?;
    header(
        sheet,
        &styles,
        &[
            ("City", 22.0),
            ("Currency", 9.0),
            ("Source", 22.0),
            ("Committed", 15.0),
            ("Pipeline", 15.0),
        ],
    )?;
    let mut row = 0;
    for c in &r.cities {
        for f in &c.funding {
            row += 1;
            sheet
                .write_string(row, 0, &c.plan.city)
                .map_err(xlsx_error)?;
            sheet
                .write_string(row, 1, c.plan.currency.as_deref().unwrap_or(""))
                .map_err(xlsx_error)?;
            sheet.write_string(row, 2, &f.label).map_err(xlsx_error)?;
            sheet
                .write_number_with_format(row, 3, f.committed, &styles.money)
                .map_err(xlsx_error)?;
            sheet
                .write_number_with_format(row, 4, f.pipeline, &styles.money)
                .map_err(xlsx_error)?;
        }
    }
    filter(sheet, row, 5)?;

    let sheet = book
        .add_worksheet()
        .set_name("Timeline")
        .map_err(xlsx_error)?;
    let years: Vec<String> = r.years.iter().map(i32::to_string).collect();
    let mut columns = vec![("City", 22.0)];
    columns.extend(years.iter().map(|y| (y.as_str(), 7.0)));
    header(sheet, &styles, &columns)?;
    for (i, c) in r.cities.iter().enumerate() {
        let row = i as u32 + 1;
        sheet
            .write_string(row, 0, &c.plan.city)
            .map_err(xlsx_error)?;
        for (j, n) in c.running.iter().enumerate() {
            sheet
                .write_number(row, 1 + j as u16, *n)
                .map_err(xlsx_error)?;
        }
    }

    let sheet = book
        .add_worksheet()
        .set_name("Progress")
        .map_err(xlsx_error)?;
    header(
        sheet,
        &styles,
        &[
            ("City", 18.0),
            ("Year", 7.0),
            ("Code", 8.0),
            ("Project", 36.0),
            ("Focus area", 9.0),
            ("Start", 7.0),
            ("End", 7.0),
            ("Expected %", 10.0),
            ("Reported %", 10.0),
            ("Status", 12.0),
            ("Behind", 8.0),
            ("Narrative", 50.0),
        ],
    )?;
    let mut row = 0;
    for c in &report.cities {
        for p in &c.progress.projects {
            row += 1;
            sheet.write_string(row, 0, &c.city).map_err(xlsx_error)?;
            sheet
                .write_number_with_format(row, 1, report.year, &styles.year)
                .map_err(xlsx_error)?;
            sheet.write_string(row, 2, &p.code).map_err(xlsx_error)?;
            sheet.write_string(row, 3, &p.title).map_err(xlsx_error)?;
            sheet
                .write_string(row, 4, &p.focus_area)
                .map_err(xlsx_error)?;
            sheet
                .write_number_with_format(row, 5, p.start_year, &styles.year)
                .map_err(xlsx_error)?;
            sheet
                .write_number_with_format(row, 6, p.end_year, &styles.year)
                .map_err(xlsx_error)?;
            sheet
                .write_number(row, 7, p.expected_percent.round())
                .map_err(xlsx_error)?;
            if let Some(u) = &p.reported {
                sheet
                    .write_number(row, 8, u.percent_complete)
                    .map_err(xlsx_error)?;
                sheet
                    .write_string(row, 9, u.status.as_str())
                    .map_err(xlsx_error)?;
                sheet
                    .write_string_with_format(row, 11, &u.narrative, &styles.wrap)
                    .map_err(xlsx_error)?;
            }
            sheet
                .write_string(row, 10, if p.behind { "yes" } else { "" })
                .map_err(xlsx_error)?;
        }
    }
    filter(sheet, row, 12)?;

    let sheet = book.add_worksheet().set_name("KPIs").map_err(xlsx_error)?;
    header(
        sheet,
        &styles,
        &[
            ("City", 18.0),
            ("Code", 8.0),
            ("KPI", 36.0),
            ("Unit", 10.0),
            ("Baseline", 11.0),
            ("Target", 11.0),
            ("Actual", 11.0),
            ("On track", 9.0),
        ],
    )?;
    let mut row = 0;
    let plain = Style::new();
    for c in &report.cities {
        for p in &c.progress.projects {
            for k in &p.kpis {
                row += 1;
                sheet.write_string(row, 0, &c.city).map_err(xlsx_error)?;
                sheet.write_string(row, 1, &p.code).map_err(xlsx_error)?;
                sheet.write_string(row, 2, &k.name).map_err(xlsx_error)?;
                sheet.write_string(row, 3, &k.unit).map_err(xlsx_error)?;
                sheet
                    .write_number_with_format(row, 4, k.baseline, &plain)
                    .map_err(xlsx_error)?;
                if let Some(t) = k.target {
                    sheet.write_number(row, 5, t).map_err(xlsx_error)?;
                }
                if let Some(a) = k.actual {
                    sheet.write_number(row, 6, a).map_err(xlsx_error)?;
                }
                let on_track = match k.on_track {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "",
                };
                sheet.write_string(row, 7, on_track).map_err(xlsx_error)?;
            }
        }
    }
    filter(sheet, row, 8)?;

    book.save_to_buffer().map_err(xlsx_error)
}
