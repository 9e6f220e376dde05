//! The close-out report of a plan period ([`ascn_model::periods::close_out`]): per focus area,
//! the projects completed, carried, dropped and never started, each KPI's final actual against
//! its target, and the budget planned against what was reported spent; as a PDF
//! to read and a spreadsheet to work in.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;

use super::pdf::layout::{money, render, Layout, MUTED};
use super::xlsx::{filter, header, xlsx_error, Styles};
use super::{file_stem, write_atomically};

use ascn_model::error::Result;
use ascn_model::framework::period_label;
use ascn_model::periods::{CloseOut, CloseOutKpi, Outcome};
use ascn_model::KpiTarget;

/// Writes the report's PDF and spreadsheet into `dir`; returns their paths.
pub fn write(report: &CloseOut, dir: &Path) -> Result<Vec<PathBuf>> {
    let stem = format!("{}-close-out-{}", file_stem(&report.city), report.period);
    let mut written = Vec::new();
    for (name, bytes) in [
        (format!("{stem}.pdf"), pdf(report)?),
        (format!("{stem}.xlsx"), xlsx(report)?),
    ] {
        let path = dir.join(name);
        write_atomically(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

fn value(v: &Option<KpiTarget>) -> String {
    v.as_ref()
        .map_or_else(|| "—".into(), |t| format!("{} ({})", t.value, t.year))
}

fn met(kpi: &CloseOutKpi) -> &'static str {
    match kpi.met {
        Some(true) => "met",
        Some(false) => "not met",
        None => "no actual",
    }
}

/// The report as a PDF: a cover with the totals, then one section per focus area with projects.
pub fn pdf(report: &CloseOut) -> Result<Vec<u8>> {
    let mut l = Layout::new();
    let mut facts: Vec<(&str, String)> = Outcome::ALL
        .iter()
        .zip(report.totals)
        .map(|(o, n)| (o.label(), n.to_string()))
        .collect();
    facts.push((
        "Closed on",
        report
            .closed_on
            .clone()
            .unwrap_or_else(|| "not closed yet".into()),
    ));
    l.cover(
        &report.city,
        &format!(
            "Close-out of the Smart City Action Plan {}",
            period_label(&report.period)
        ),
        &facts,
    );
    l.new_page();
    l.heading("How the projects ended, by focus area");
    let mut rows = vec![std::iter::once("Focus area".to_string())
        .chain(Outcome::ALL.iter().map(|o| o.label().to_string()))
        .collect::<Vec<_>>()];
    for area in &report.areas {
        rows.push(
            std::iter::once(area.name.clone())
                .chain(area.outcomes.iter().map(u32::to_string))
                .collect(),
        );
    }
    l.table(&[175.0, 80.0, 80.0, 80.0, 80.0], &rows);

    for area in report.areas.iter().filter(|a| !a.projects.is_empty()) {
        l.heading(&format!("{} ({})", area.name, area.code));
        for b in &area.budget {
            l.paragraph(
                &format!(
                    "Budget planned {}; reported spent {}; of completed projects {}; carried \
                     into the next period {}",
                    money(b.planned, &b.currency),
                    money(b.reported, &b.currency),
                    money(b.completed, &b.currency),
                    money(b.carried, &b.currency)
                ),
                9.0,
                false,
                MUTED,
                0.0,
            );
        }
        let mut rows = vec![vec![
            "Code".to_string(),
            "Project".into(),
            "Ended".into(),
            "KPI: final actual against target".into(),
        ]];
        rows.extend(area.projects.iter().map(|p| {
            vec![
                p.code.clone(),
                p.title.clone(),
                match p.percent_complete {
                    Some(percent) => format!("{} ({percent}%)", p.outcome.label()),
                    None => p.outcome.label().to_string(),
                },
                p.kpis
                    .iter()
                    .map(|k| {
                        format!(
                            "{} ({}): {} against {}, {}",
                            k.name,
                            k.unit,
                            value(&k.actual),
                            value(&k.target),
                            met(k)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ]
        }));
        l.table(&[50.0, 160.0, 80.0, 205.0], &rows);
    }
    render(
        &l,
        &format!(
            "{} — close-out {}",
            report.city,
            period_label(&report.period)
        ),
    )
}

/// The report as a workbook: Focus areas, Projects, KPIs and Budget sheets.
pub fn xlsx(report: &CloseOut) -> Result<Vec<u8>> {
    let styles = Styles::new();
    let mut book = Workbook::new();

    let sheet = book
        .add_worksheet()
        .set_name("Focus areas")
        .map_err(xlsx_error)?;
    let mut columns: Vec<(&str, f64)> = vec![("Code", 7.0), ("Focus area", 26.0)];
    columns.extend(Outcome::ALL.iter().map(|o| (o.label(), 13.0)));
    header(sheet, &styles, &columns)?;
    for (i, area) in report.areas.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &area.code).map_err(xlsx_error)?;
        sheet.write_string(row, 1, &area.name).map_err(xlsx_error)?;
        for (j, n) in area.outcomes.iter().enumerate() {
            sheet
                .write_number(row, 2 + j as u16, *n)
                .map_err(xlsx_error)?;
        }
    }
    filter(sheet, report.areas.len() as u32, columns.len())?;

    let sheet = book
        .add_worksheet()
        .set_name("Projects")
        .map_err(xlsx_error)?;
    header(
        sheet,
        &styles,
        &[
            ("Focus area", 9.0),
            ("Code", 9.0),
            ("Project", 40.0),
            ("Ended", 14.0),
            ("% complete", 11.0),
        ],
    )?;
    let mut row = 0;
    for area in &report.areas {
        for p in &area.projects {
            row += 1;
            sheet.write_string(row, 0, &area.code).map_err(xlsx_error)?;
            sheet.write_string(row, 1, &p.code).map_err(xlsx_error)?;
            sheet.write_string(row, 2, &p.title).map_err(xlsx_error)?;
            sheet
                .write_string(row, 3, p.outcome.label())
                .map_err(xlsx_error)?;
            if let Some(percent) = p.percent_complete {
                sheet.write_number(row, 4, percent).map_err(xlsx_error)?;
            }
        }
    }
    filter(sheet, row, 5)?;

    let sheet = book.add_worksheet().set_name("KPIs").map_err(xlsx_error)?;
    header(
        sheet,
        &styles,
        &[
            ("Code", 9.0),
            ("KPI", 30.0),
            ("Unit", 12.0),
            ("Baseline", 11.0),
            ("Target year", 11.0),
            ("Target", 11.0),
            ("Actual year", 11.0),
            ("Final actual", 12.0),
            ("Met", 8.0),
        ],
    )?;
    let mut row = 0;
    for p in report.areas.iter().flat_map(|a| &a.projects) {
        for k in &p.kpis {
            row += 1;
            sheet.write_string(row, 0, &p.code).map_err(xlsx_error)?;
            sheet.write_string(row, 1, &k.name).map_err(xlsx_error)?;
            sheet.write_string(row, 2, &k.unit).map_err(xlsx_error)?;
            sheet.write_number(row, 3, k.baseline).map_err(xlsx_error)?;
            for (column, v) in [(4, &k.target), (6, &k.actual)] {
                if let Some(t) = v {
                    sheet
                        .write_number_with_format(row, column, t.year, &styles.year)
                        .map_err(xlsx_error)?;
                    sheet
                        .write_number(row, column + 1, t.value)
                        .map_err(xlsx_error)?;
                }
            }
            sheet.write_string(row, 8, met(k)).map_err(xlsx_error)?;
        }
    }
    filter(sheet, row, 9)?;

    let sheet = book
        .add_worksheet()
        .set_name("Budget")
        .map_err(xlsx_error)?;
    header(
        sheet,
        &styles,
        &[
            ("Focus area", 26.0),
            ("Currency", 9.0),
            ("Planned", 16.0),
            ("Reported spent", 16.0),
            ("Of completed projects", 18.0),
            ("Carried", 16.0),
        ],
    )?;
    let mut row = 0;
    for area in &report.areas {
        for b in &area.budget {
            row += 1;
            sheet.write_string(row, 0, &area.name).map_err(xlsx_error)?;
            sheet
                .write_string(row, 1, &b.currency)
                .map_err(xlsx_error)?;
            for (column, amount) in [
                (2, b.planned),
                (3, b.reported),
                (4, b.completed),
                (5, b.carried),
            ] {
                sheet
                    .write_number_with_format(row, column, amount, &styles.money)
                    .map_err(xlsx_error)?;
            }
        }
    }
    filter(sheet, row, 6)?;
    book.save_to_buffer().map_err(xlsx_error)
}
