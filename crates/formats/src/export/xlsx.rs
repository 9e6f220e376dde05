//! The plan as a spreadsheet: Summary, Projects, KPIs, Funding, Partners, Pairings and Timeline
//! sheets.
//! Headers are formatted and frozen, tables carry autofilters, and numbers and years are numbers
//! (a planner sums and filters them in any spreadsheet program).

use rust_xlsxwriter::{
    Color, Format as Style, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::charts::focus_area_colour;
use ascn_model::analysis;
use ascn_model::error::{Error, Result};
use ascn_model::framework::Reference;
use ascn_model::languages::text_in;
use ascn_model::{PlanDocument, Project};

pub(crate) fn xlsx_error(e: XlsxError) -> Error {
    Error::Export(format!("spreadsheet: {e}"))
}

pub(crate) struct Styles {
    pub(crate) header: Style,
    pub(crate) title: Style,
    pub(crate) label: Style,
    pub(crate) money: Style,
    pub(crate) year: Style,
    pub(crate) wrap: Style,
}

impl Styles {
    pub(crate) fn new() -> Self {
        Styles {
            header: Style::new()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(0x0b5394))
                .set_border_bottom(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            title: Style::new().set_bold().set_font_size(16),
            label: Style::new().set_bold().set_align(FormatAlign::Top),
            money: Style::new().set_num_format("#,##0"),
            year: Style::new().set_num_format("0"),
            wrap: Style::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// Writes a header row, freezes it, and sets column widths.
pub(crate) fn header(
    sheet: &mut Worksheet,
    styles: &Styles,
    columns: &[(&str, f64)],
) -> Result<()> {
    for (i, (name, width)) in columns.iter().enumerate() {
        sheet
            .write_string_with_format(0, i as u16, *name, &styles.header)
            .map_err(xlsx_error)?;
        sheet
            .set_column_width(i as u16, *width)
            .map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    sheet.set_repeat_rows(0, 0).map_err(xlsx_error)?;
    print_setup(sheet);
    Ok(())
}

/// Prints landscape, one page wide, as many pages tall as needed.
fn print_setup(sheet: &mut Worksheet) {
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
}

pub(crate) fn filter(sheet: &mut Worksheet, rows: u32, columns: usize) -> Result<()> {
    if columns > 0 {
        sheet
            .autofilter(0, 0, rows.max(1), columns as u16 - 1)
            .map_err(xlsx_error)?;
    }
    Ok(())
}

/// The plan as an .xlsx workbook.
pub fn workbook(doc: &PlanDocument, reference: &Reference) -> Result<Vec<u8>> {
    let stored = &doc.plan;
    let city = &doc.city;
    let projects = &doc.projects;
    let partners = &doc.partners;
    let currency = analysis::main_currency(projects);
    let cur = currency.as_deref();
    let currency_label = currency.clone().unwrap_or_default();
    let area_name = |code: &str| {
        reference
            .focus_areas
            .iter()
            .find(|f| f.code == code)
            .map_or(code.to_string(), |f| f.name.clone())
    };
    let sector_names = |codes: &[String]| {
        codes
            .iter()
            .map(|c| reference.sector(c).map_or(c.clone(), |s| s.name.clone()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let partner_name = |id| {
        partners
            .iter()
            .find(|p| p.id == id)
            .map_or(String::new(), |p| p.name.clone())
    };
    let styles = Styles::new();
    let mut book = Workbook::new();

    // Summary
    let sheet = book
        .add_worksheet()
        .set_name("Summary")
        .map_err(xlsx_error)?;
    for (col, width) in [(0, 24.0), (1, 60.0), (2, 10.0), (3, 16.0)] {
        sheet.set_column_width(col, width).map_err(xlsx_error)?;
    }
    print_setup(sheet);
    let country = reference
        .member_state(&city.member_state)
        .map_or(city.member_state.clone(), |m| m.name.clone());
    sheet
        .write_string_with_format(
            0,
            0,
            format!("{} Smart City Action Plan", city.name),
            &styles.title,
        )
        .map_err(xlsx_error)?;
    let languages = &stored.languages;
    let mut facts: Vec<(String, String)> = vec![
        ("City", city.name.clone()),
        ("Member state", country),
        (
            "Chief Smart City Officer",
            city.officer.clone().unwrap_or_default(),
        ),
        (
            "Plan period",
            format!("{}–{}", stored.period_start, stored.period_end),
        ),
        ("Status", stored.status.to_string()),
        ("Framework", reference.name.clone()),
        ("Vision", stored.vision.clone()),
    ]
    .into_iter()
    .map(|(label, value)| (label.to_string(), value))
    .collect();
    // The vision in each of the plan's languages, under the English.
    for language in languages {
        facts.push((
            format!("Vision [{language}]"),
            text_in(&stored.vision, &stored.vision_local, language).to_string(),
        ));
    }
    facts.push((
        "Sample data".into(),
        if stored.sample {
            "Yes: generated for trying the app"
        } else {
            "No"
        }
        .to_string(),
    ));
    for (i, (label, value)) in facts.iter().enumerate() {
        let row = 2 + i as u32;
        sheet
            .write_string_with_format(row, 0, label, &styles.label)
            .map_err(xlsx_error)?;
        sheet
            .write_string_with_format(row, 1, value, &styles.wrap)
            .map_err(xlsx_error)?;
        // Long text such as the vision wraps in column B (about 66 characters a line).
        let lines = value.chars().count().div_ceil(66).max(1);
        if lines > 1 {
            sheet
                .set_row_height(row, 15.0 * lines as f64)
                .map_err(xlsx_error)?;
        }
    }
    // The focus areas below the facts, each with the city's reason for choosing it.
    let table = 2 + facts.len() as u32 + 1;
    for (i, name) in [
        "Focus area",
        "Chosen, and why",
        "Projects",
        &format!("Budget ({currency_label})"),
    ]
    .iter()
    .enumerate()
    {
        sheet
            .write_string_with_format(table, i as u16, *name, &styles.header)
            .map_err(xlsx_error)?;
    }
    for (i, area) in reference.focus_areas.iter().enumerate() {
        let row = table + 1 + i as u32;
        let own: Vec<&Project> = projects
            .iter()
            .filter(|p| p.draft.primary_focus_area == area.code)
            .collect();
        let why = match stored
            .focus_areas
            .iter()
            .find(|c| c.focus_area == area.code)
        {
            Some(c) if c.rationale.trim().is_empty() => "Yes".to_string(),
            Some(c) => format!("Yes: {}", c.rationale.trim()),
            None => "Not chosen".to_string(),
        };
        sheet
            .write_string_with_format(row, 0, &area.name, &styles.label)
            .map_err(xlsx_error)?;
        sheet
            .write_string_with_format(row, 1, &why, &styles.wrap)
            .map_err(xlsx_error)?;
        sheet
            .write_number(row, 2, own.len() as f64)
            .map_err(xlsx_error)?;
        sheet
            .write_number_with_format(
                row,
                3,
                own.iter().map(|p| analysis::budget_in(p, cur)).sum::<f64>(),
                &styles.money,
            )
            .map_err(xlsx_error)?;
    }

    // Projects
    let sheet = book
        .add_worksheet()
        .set_name("Projects")
        .map_err(xlsx_error)?;
    // After the English columns, the title and description in each of the plan's languages.
    let local_headings: Vec<String> = languages
        .iter()
        .flat_map(|l| [format!("Title [{l}]"), format!("Description [{l}]")])
        .collect();
    let mut columns = vec![
        ("Code", 9.0),
        ("Title", 44.0),
        ("Focus area", 22.0),
        ("Also serves", 16.0),
        ("Sectors", 30.0),
        ("Outcomes", 11.0),
        ("SDGs", 10.0),
        ("Start", 7.0),
        ("End", 7.0),
        ("Status", 12.0),
        ("Lead agency", 34.0),
        ("Bankable", 9.0),
        ("Budget", 14.0),
        ("Currency", 9.0),
        ("Partners", 30.0),
        ("Description", 60.0),
    ];
    let english_columns = columns.len() as u16;
    columns.extend(
        local_headings
            .iter()
            .enumerate()
            .map(|(i, h)| (h.as_str(), if i % 2 == 0 { 44.0 } else { 60.0 })),
    );
    header(sheet, &styles, &columns)?;
    for (i, p) in projects.iter().enumerate() {
        let d = &p.draft;
        let row = 1 + i as u32;
        let texts: [(u16, String); 11] = [
            (0, d.code.clone()),
            (1, d.title.clone()),
            (2, area_name(&d.primary_focus_area)),
            (3, d.secondary_focus_areas.join(", ")),
            (4, sector_names(&d.sectors)),
            (5, d.outcomes.join(", ")),
            (
                6,
                d.sdgs
                    .iter()
                    .map(u8::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            (9, analysis::status_label(d.status).to_string()),
            (10, d.lead_agency.clone()),
            (11, if d.bankable { "Yes" } else { "No" }.to_string()),
            (13, currency_label.clone()),
        ];
        for (col, text) in texts {
            sheet.write_string(row, col, text).map_err(xlsx_error)?;
        }
        // A year not set stays an empty cell.
        for (col, year) in [(7, d.start_year), (8, d.end_year)] {
            if let Some(year) = year {
                sheet
                    .write_number_with_format(row, col, f64::from(year), &styles.year)
                    .map_err(xlsx_error)?;
            }
        }
        sheet
            .write_number_with_format(row, 12, analysis::budget_in(p, cur), &styles.money)
            .map_err(xlsx_error)?;
        let names: Vec<String> = d.partners.iter().map(|id| partner_name(*id)).collect();
        sheet
            .write_string(row, 14, names.join(", "))
            .map_err(xlsx_error)?;
        sheet
            .write_string(row, 15, &d.description)
            .map_err(xlsx_error)?;
        for (i, language) in languages.iter().enumerate() {
            let col = english_columns + 2 * i as u16;
            for (offset, (english, local)) in [
                (&d.title, &d.title_local),
                (&d.description, &d.description_local),
            ]
            .into_iter()
            .enumerate()
            {
                sheet
                    .write_string(row, col + offset as u16, text_in(english, local, language))
                    .map_err(xlsx_error)?;
            }
        }
    }
    filter(sheet, projects.len() as u32, columns.len())?;

    // KPIs: one column per year of the plan for the targets.
    let sheet = book.add_worksheet().set_name("KPIs").map_err(xlsx_error)?;
    let years: Vec<i32> = (stored.period_start..=stored.period_end).collect();
    let year_names: Vec<String> = years.iter().map(|y| format!("Target {y}")).collect();
    let mut columns: Vec<(&str, f64)> = vec![
        ("Project", 9.0),
        ("Indicator", 36.0),
        ("Unit", 12.0),
        ("Standard", 16.0),
        ("Baseline year", 9.0),
        ("Baseline", 11.0),
    ];
    columns.extend(year_names.iter().map(|n| (n.as_str(), 10.0)));
    let indicator_in: Vec<String> = languages
        .iter()
        .map(|l| format!("Indicator [{l}]"))
        .collect();
    columns.extend(indicator_in.iter().map(|n| (n.as_str(), 36.0)));
    header(sheet, &styles, &columns)?;
    let mut row = 0u32;
    for p in projects {
        for k in &p.draft.kpis {
            row += 1;
            sheet
                .write_string(row, 0, &p.draft.code)
                .map_err(xlsx_error)?;
            sheet.write_string(row, 1, &k.name).map_err(xlsx_error)?;
            sheet.write_string(row, 2, &k.unit).map_err(xlsx_error)?;
            sheet
                .write_string(row, 3, k.standard_ref.as_deref().unwrap_or(""))
                .map_err(xlsx_error)?;
            sheet
                .write_number_with_format(row, 4, f64::from(k.baseline_year), &styles.year)
                .map_err(xlsx_error)?;
            sheet
                .write_number(row, 5, k.baseline_value)
                .map_err(xlsx_error)?;
            for t in &k.targets {
                if let Some(i) = years.iter().position(|y| *y == t.year) {
                    sheet
                        .write_number(row, 6 + i as u16, t.value)
                        .map_err(xlsx_error)?;
                }
            }
            for (i, language) in languages.iter().enumerate() {
                let col = 6 + years.len() as u16 + i as u16;
                sheet
                    .write_string(row, col, text_in(&k.name, &k.name_local, language))
                    .map_err(xlsx_error)?;
            }
        }
    }
    filter(sheet, row, columns.len())?;

    // Funding
    let sheet = book
        .add_worksheet()
        .set_name("Funding")
        .map_err(xlsx_error)?;
    let columns = [
        ("Project", 9.0),
        ("Source", 20.0),
        ("Partner", 30.0),
        ("Amount", 15.0),
        ("Currency", 9.0),
        ("From", 7.0),
        ("To", 7.0),
        ("Status", 11.0),
    ];
    header(sheet, &styles, &columns)?;
    let mut row = 0u32;
    for p in projects {
        for f in &p.draft.funding {
            row += 1;
            sheet
                .write_string(row, 0, &p.draft.code)
                .map_err(xlsx_error)?;
            sheet
                .write_string(row, 1, analysis::source_label(f.source))
                .map_err(xlsx_error)?;
            sheet
                .write_string(row, 2, f.partner_id.map(partner_name).unwrap_or_default())
                .map_err(xlsx_error)?;
            sheet
                .write_number_with_format(row, 3, f.amount, &styles.money)
                .map_err(xlsx_error)?;
            sheet
                .write_string(row, 4, &f.currency)
                .map_err(xlsx_error)?;
            sheet
                .write_number_with_format(row, 5, f64::from(f.start_year), &styles.year)
                .map_err(xlsx_error)?;
            sheet
                .write_number_with_format(row, 6, f64::from(f.end_year), &styles.year)
                .map_err(xlsx_error)?;
            sheet
                .write_string(row, 7, f.status.to_string())
                .map_err(xlsx_error)?;
        }
    }
    filter(sheet, row, columns.len())?;

    // Partners
    let sheet = book
        .add_worksheet()
        .set_name("Partners")
        .map_err(xlsx_error)?;
    let columns = [
        ("Partner", 34.0),
        ("Kind", 24.0),
        ("Country", 16.0),
        ("Projects", 10.0),
        ("Funding", 15.0),
    ];
    header(sheet, &styles, &columns)?;
    for (i, partner) in partners.iter().enumerate() {
        let row = 1 + i as u32;
        let with: Vec<&Project> = projects
            .iter()
            .filter(|p| p.draft.partners.contains(&partner.id))
            .collect();
        let funds: f64 = projects
            .iter()
            .flat_map(|p| &p.draft.funding)
            .filter(|f| f.partner_id == Some(partner.id) && Some(f.currency.as_str()) == cur)
            .map(|f| f.amount)
            .sum();
        sheet
            .write_string(row, 0, &partner.name)
            .map_err(xlsx_error)?;
        sheet
            .write_string(row, 1, analysis::partner_kind_label(partner.kind))
            .map_err(xlsx_error)?;
        sheet
            .write_string(row, 2, partner.country.as_deref().unwrap_or(""))
            .map_err(xlsx_error)?;
        sheet
            .write_number(row, 3, with.len() as f64)
            .map_err(xlsx_error)?;
        sheet
            .write_number_with_format(row, 4, funds, &styles.money)
            .map_err(xlsx_error)?;
    }
    filter(sheet, partners.len() as u32, columns.len())?;

    // Pairings the city agreed, with the reasons they were suggested for.
    let sheet = book
        .add_worksheet()
        .set_name("Pairings")
        .map_err(xlsx_error)?;
    let columns = [
        ("With", 30.0),
        ("Kind", 10.0),
        ("Score", 8.0),
        ("Agreed", 12.0),
        ("Note", 40.0),
        ("Why", 70.0),
    ];
    header(sheet, &styles, &columns)?;
    let pairings = &doc.pairings;
    for (i, p) in pairings.iter().enumerate() {
        let row = 1 + i as u32;
        sheet
            .write_string(row, 0, &p.counterpart)
            .map_err(xlsx_error)?;
        sheet
            .write_string(row, 1, p.kind.as_str())
            .map_err(xlsx_error)?;
        sheet.write_number(row, 2, p.score).map_err(xlsx_error)?;
        sheet
            .write_string(row, 3, &p.agreed_at)
            .map_err(xlsx_error)?;
        sheet
            .write_string_with_format(row, 4, &p.note, &styles.wrap)
            .map_err(xlsx_error)?;
        sheet
            .write_string_with_format(row, 5, p.reasons.join("; "), &styles.wrap)
            .map_err(xlsx_error)?;
    }
    filter(sheet, pairings.len() as u32, columns.len())?;

    // Timeline: a bar of the focus area's colour across each project's years.
    let sheet = book
        .add_worksheet()
        .set_name("Timeline")
        .map_err(xlsx_error)?;
    let year_labels: Vec<String> = years.iter().map(i32::to_string).collect();
    let mut columns: Vec<(&str, f64)> = vec![("Code", 9.0), ("Title", 44.0), ("Focus area", 22.0)];
    columns.extend(year_labels.iter().map(|y| (y.as_str(), 7.0)));
    header(sheet, &styles, &columns)?;
    for (i, p) in projects.iter().enumerate() {
        let d = &p.draft;
        let row = 1 + i as u32;
        sheet.write_string(row, 0, &d.code).map_err(xlsx_error)?;
        sheet.write_string(row, 1, &d.title).map_err(xlsx_error)?;
        sheet
            .write_string(row, 2, area_name(&d.primary_focus_area))
            .map_err(xlsx_error)?;
        let c = focus_area_colour(&d.primary_focus_area);
        let bar = Style::new().set_background_color(Color::RGB(
            (u32::from(c.0) << 16) | (u32::from(c.1) << 8) | u32::from(c.2),
        ));
        for (j, year) in years.iter().enumerate() {
            if d.runs_in(*year) {
                sheet
                    .write_blank(row, 3 + j as u16, &bar)
                    .map_err(xlsx_error)?;
            }
        }
    }
    filter(sheet, projects.len() as u32, 3)?;

    book.save_to_buffer().map_err(xlsx_error)
}
