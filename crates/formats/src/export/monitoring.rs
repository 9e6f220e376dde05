//! The Secretariat's yearly ASCN Monitoring & Evaluation report ([`ascn_model::monitoring`]) as
//! the files it publishes and works in: a PDF that reads like the published report, a workbook
//! with each appendix list on its own sheet under the published header row, and the JSON.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;

use super::pdf::layout::{render, Layout, MUTED, WIDTH};
use super::write_atomically;
use super::xlsx::{filter, header, xlsx_error, Styles};
use crate::charts::monitoring as charts;
use ascn_model::error::Result;
use ascn_model::framework::period_label;
use ascn_model::monitoring::{
    Figures, ListLine, MeReport, MeStatus, Share, COMPLETED_LIST_TITLE, LIST_COLUMNS,
    ONGOING_LIST_TITLE,
};

/// Writes the report's PDF, workbook and JSON into `dir`; returns their paths.
pub fn write(report: &MeReport, dir: &Path) -> Result<Vec<PathBuf>> {
    let stem = format!("ascn-monitoring-report-{}", report.figures.year);
    let files = [
        (format!("{stem}.pdf"), pdf(report)?),
        (format!("{stem}.xlsx"), xlsx(report)?),
        (
            format!("{stem}.json"),
            serde_json::to_vec_pretty(report).expect("a report serialises"),
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

fn share_of(part: u32, whole: u32) -> String {
    if whole == 0 {
        "—".into()
    } else {
        format!("{:.0} %", f64::from(part) * 100.0 / f64::from(whole))
    }
}

/// "134 projects against 108 in 2024 (+26)".
fn against(now: u32, before: &Figures) -> String {
    let delta = i64::from(now) - i64::from(before.projects);
    format!(
        "{now} projects against {} in {} ({}{delta})",
        before.projects,
        before.year,
        if delta >= 0 { "+" } else { "" }
    )
}

fn share_rows(first: &str, shares: &[Share], total: u32) -> Vec<Vec<String>> {
    let mut rows = vec![vec![first.to_string(), "Projects".into(), "Share".into()]];
    rows.extend(shares.iter().map(|s| {
        vec![
            s.name.clone(),
            s.projects.to_string(),
            format!("{:.0} %", s.percent),
        ]
    }));
    rows.push(vec![
        "Total".into(),
        total.to_string(),
        share_of(total, total),
    ]);
    rows
}

fn list_rows(lines: &[ListLine]) -> Vec<Vec<String>> {
    let mut rows = vec![LIST_COLUMNS.iter().map(|c| c.to_string()).collect()];
    rows.extend(lines.iter().map(|l| {
        vec![
            l.no.to_string(),
            l.country.clone(),
            l.city.clone(),
            l.project.clone(),
            l.focus_area.clone(),
        ]
    }));
    rows
}

/// The report as a PDF: cover, the year's projects, focus areas, member states, the years
/// before, members that reported nothing, and the two appendix lists.
pub fn pdf(report: &MeReport) -> Result<Vec<u8>> {
    let f = &report.figures;
    let title = format!("ASCN Monitoring & Evaluation Report {}", f.year);
    let mut l = Layout::new();
    l.cover(
        "Monitoring & Evaluation",
        &format!(
            "Report {} · action plans {}",
            f.year,
            period_label(&f.period)
        ),
        &[
            ("Smart city projects", f.projects.to_string()),
            ("Ongoing", f.ongoing.to_string()),
            ("Completed", f.completed.to_string()),
            ("Under planning", f.under_planning.to_string()),
            ("Cities reporting", f.cities_reporting.to_string()),
            ("Member states", f.by_member_state.len().to_string()),
            ("Date of this report", ascn_model::clock::today()),
        ],
    );
    if report.sample {
        l.y += 30.0;
        l.paragraph(
            "Some plans counted here are SAMPLE DATA generated for trying ASCN Action Planner, not cities' reports.",
            11.0,
            true,
            (0xb3, 0x26, 0x1e),
            0.0,
        );
    }

    l.new_page();
    l.heading("1. The network's smart city projects");
    let before = report.trend.iter().rev().nth(1);
    let mut summary = format!(
        "In {}, {} cities of {} member states reported {} smart city projects: {} ongoing, {} \
         completed and {} under planning.",
        f.year,
        f.cities_reporting,
        f.by_member_state.len(),
        f.projects,
        f.ongoing,
        f.completed,
        f.under_planning
    );
    if let Some(before) = before {
        summary.push_str(&format!(" That is {}.", against(f.projects, before)));
    }
    l.paragraph(&summary, 10.0, false, MUTED, 0.0);
    l.y += 4.0;
    let mut rows = vec![vec![
        "Status".to_string(),
        "Projects".into(),
        "Share".into(),
    ]];
    rows.extend(MeStatus::ALL.iter().map(|s| {
        vec![
            s.label().to_string(),
            f.count(*s).to_string(),
            share_of(f.count(*s), f.projects),
        ]
    }));
    rows.push(vec![
        "Total".into(),
        f.projects.to_string(),
        share_of(f.projects, f.projects),
    ]);
    l.table(&[WIDTH - 160.0, 80.0, 80.0], &rows);

    l.heading("2. Projects by focus area");
    l.paragraph(
        "Each project counts once, in its primary focus area of the ASEAN Smart Cities Framework.",
        9.0,
        false,
        MUTED,
        0.0,
    );
    l.table(
        &[WIDTH - 160.0, 80.0, 80.0],
        &share_rows("Focus area", &f.by_focus_area, f.projects),
    );
    l.svg(
        &charts::shares("Projects by focus area", &f.by_focus_area, true)?,
        WIDTH,
    )?;

    l.new_page();
    l.heading("3. Projects by member state");
    l.table(
        &[WIDTH - 160.0, 80.0, 80.0],
        &share_rows("Member state", &f.by_member_state, f.projects),
    );
    if !f.by_member_state.is_empty() {
        l.svg(
            &charts::shares("Projects by member state", &f.by_member_state, false)?,
            WIDTH,
        )?;
    }

    l.new_page();
    l.heading("4. Year by year");
    if report.trend.len() < 2 {
        l.paragraph(
            "This is the first year's report the workspace holds: the years after it will show \
             the trend from it.",
            10.0,
            false,
            MUTED,
            0.0,
        );
    }
    let mut rows = vec![vec![
        "Year".to_string(),
        "Projects".into(),
        "Ongoing".into(),
        "Completed".into(),
        "Under planning".into(),
        "Cities".into(),
    ]];
    rows.extend(report.trend.iter().map(|t| {
        vec![
            t.year.to_string(),
            t.projects.to_string(),
            t.ongoing.to_string(),
            t.completed.to_string(),
            t.under_planning.to_string(),
            t.cities_reporting.to_string(),
        ]
    }));
    l.table(&[WIDTH - 400.0, 80.0, 80.0, 80.0, 90.0, 70.0], &rows);
    l.svg(&charts::trend_by_status(&report.trend)?, WIDTH * 0.9)?;
    l.svg(&charts::trend_by_focus_area(&report.trend)?, WIDTH * 0.9)?;

    l.heading("5. Member cities that reported nothing");
    if report.not_reporting.is_empty() {
        l.paragraph(
            &format!("Every member city reported projects for {}.", f.year),
            10.0,
            false,
            MUTED,
            0.0,
        );
    } else {
        let mut rows = vec![vec![
            "Country".to_string(),
            "City".into(),
            "Member since".into(),
        ]];
        rows.extend(report.not_reporting.iter().map(|c| {
            vec![
                c.country.clone(),
                c.city.clone(),
                c.member_since.to_string(),
            ]
        }));
        l.table(&[160.0, WIDTH - 260.0, 100.0], &rows);
    }

    let widths = [28.0, 72.0, 88.0, WIDTH - 303.0, 115.0];
    for (appendix, (list_title, lines)) in [
        (ONGOING_LIST_TITLE, &report.ongoing_and_planned),
        (COMPLETED_LIST_TITLE, &report.completed),
    ]
    .into_iter()
    .enumerate()
    {
        l.new_page();
        l.heading(&format!("Appendix {}. {list_title}", ["A", "B"][appendix]));
        if lines.is_empty() {
            l.paragraph("None reported.", 10.0, false, MUTED, 0.0);
        } else {
            l.table(&widths, &list_rows(lines));
        }
    }
    render(&l, &title)
}

/// Sheet names are at most 31 characters: the lists' short names.
const ONGOING_SHEET: &str = "Ongoing and under planning";
const COMPLETED_SHEET: &str = "Completed";

/// The report as a workbook: Summary, Focus areas, Member states, Trend, each appendix list on
/// its own sheet with the published header row, and the members that reported nothing.
pub fn xlsx(report: &MeReport) -> Result<Vec<u8>> {
    let f = &report.figures;
    let styles = Styles::new();
    let mut book = Workbook::new();

    let sheet = book
        .add_worksheet()
        .set_name("Summary")
        .map_err(xlsx_error)?;
    header(sheet, &styles, &[("Status", 24.0), ("Projects", 10.0)])?;
    for (i, s) in MeStatus::ALL.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, s.label()).map_err(xlsx_error)?;
        sheet
            .write_number(row, 1, f.count(*s))
            .map_err(xlsx_error)?;
    }
    let last = MeStatus::ALL.len() as u32 + 1;
    sheet
        .write_string_with_format(last, 0, "Total", &styles.label)
        .map_err(xlsx_error)?;
    sheet
        .write_number(last, 1, f.projects)
        .map_err(xlsx_error)?;
    for (i, (label, value)) in [
        ("Year", f.year.to_string()),
        ("Plan period", period_label(&f.period)),
        ("Cities reporting", f.cities_reporting.to_string()),
    ]
    .iter()
    .enumerate()
    {
        let row = last + 2 + i as u32;
        sheet
            .write_string_with_format(row, 0, *label, &styles.label)
            .map_err(xlsx_error)?;
        sheet.write_string(row, 1, value).map_err(xlsx_error)?;
    }

    for (name, first, shares) in [
        ("Focus areas", "Focus Area", &f.by_focus_area),
        ("Member states", "Country", &f.by_member_state),
    ] {
        let sheet = book.add_worksheet().set_name(name).map_err(xlsx_error)?;
        header(
            sheet,
            &styles,
            &[(first, 26.0), ("Projects", 10.0), ("Share (%)", 10.0)],
        )?;
        for (i, s) in shares.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string(row, 0, &s.name).map_err(xlsx_error)?;
            sheet.write_number(row, 1, s.projects).map_err(xlsx_error)?;
            sheet.write_number(row, 2, s.percent).map_err(xlsx_error)?;
        }
        filter(sheet, shares.len() as u32, 3)?;
    }

    let sheet = book.add_worksheet().set_name("Trend").map_err(xlsx_error)?;
    let mut columns: Vec<(String, f64)> = vec![
        ("Year".into(), 8.0),
        ("Projects".into(), 10.0),
        ("Ongoing".into(), 10.0),
        ("Completed".into(), 11.0),
        ("Under planning".into(), 14.0),
        ("Cities reporting".into(), 14.0),
    ];
    columns.extend(f.by_focus_area.iter().map(|s| (s.name.clone(), 20.0)));
    let names: Vec<(&str, f64)> = columns.iter().map(|(n, w)| (n.as_str(), *w)).collect();
    header(sheet, &styles, &names)?;
    for (i, t) in report.trend.iter().enumerate() {
        let row = i as u32 + 1;
        let values = [
            t.year as u32,
            t.projects,
            t.ongoing,
            t.completed,
            t.under_planning,
            t.cities_reporting,
        ];
        for (c, v) in values.iter().enumerate() {
            sheet.write_number(row, c as u16, *v).map_err(xlsx_error)?;
        }
        for (j, s) in f.by_focus_area.iter().enumerate() {
            sheet
                .write_number(row, 6 + j as u16, t.of_focus_area(&s.code))
                .map_err(xlsx_error)?;
        }
    }

    for (name, lines) in [
        (ONGOING_SHEET, &report.ongoing_and_planned),
        (COMPLETED_SHEET, &report.completed),
    ] {
        let sheet = book.add_worksheet().set_name(name).map_err(xlsx_error)?;
        let widths = [6.0, 14.0, 20.0, 60.0, 22.0];
        let columns: Vec<(&str, f64)> = LIST_COLUMNS.iter().copied().zip(widths).collect();
        header(sheet, &styles, &columns)?;
        for (i, line) in lines.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_number(row, 0, line.no).map_err(xlsx_error)?;
            sheet
                .write_string(row, 1, &line.country)
                .map_err(xlsx_error)?;
            sheet.write_string(row, 2, &line.city).map_err(xlsx_error)?;
            sheet
                .write_string_with_format(row, 3, &line.project, &styles.wrap)
                .map_err(xlsx_error)?;
            sheet
                .write_string(row, 4, &line.focus_area)
                .map_err(xlsx_error)?;
        }
        filter(sheet, lines.len() as u32, LIST_COLUMNS.len())?;
    }

    let sheet = book
        .add_worksheet()
        .set_name("Not reporting")
        .map_err(xlsx_error)?;
    header(
        sheet,
        &styles,
        &[("Country", 16.0), ("City", 24.0), ("Member since", 13.0)],
    )?;
    for (i, c) in report.not_reporting.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &c.country).map_err(xlsx_error)?;
        sheet.write_string(row, 1, &c.city).map_err(xlsx_error)?;
        sheet
            .write_number(row, 2, c.member_since)
            .map_err(xlsx_error)?;
    }
    book.save_to_buffer().map_err(xlsx_error)
}
