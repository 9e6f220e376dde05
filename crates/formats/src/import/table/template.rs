//! The template the app offers: its columns, example rows and instructions.

use super::{local_heading, LOCAL_COLUMNS};

/// The template's columns: (key, heading). Headings are matched ignoring case, spaces and `_`.
pub const COLUMNS: &[(&str, &str)] = &[
    ("code", "Code"),
    ("title", "Title"),
    ("description", "Description"),
    ("focus_area", "Focus area"),
    ("secondary_focus_areas", "Also serves"),
    ("sectors", "Sectors"),
    ("outcomes", "Outcomes"),
    ("sdgs", "SDGs"),
    ("start_year", "Start year"),
    ("end_year", "End year"),
    ("status", "Status"),
    ("lead_agency", "Lead agency"),
    ("bankable", "Bankable"),
    ("budget", "Budget"),
    ("currency", "Currency"),
    ("funding_source", "Funding source"),
    ("kpi", "KPI"),
    ("kpi_unit", "KPI unit"),
    ("baseline_year", "Baseline year"),
    ("baseline", "Baseline"),
    ("target_year", "Target year"),
    ("target", "Target"),
];

/// Two example rows for the template.
pub const EXAMPLES: &[&[&str]] = &[
    &[
        "BI-01",
        "Intelligent traffic management",
        "Adaptive signals at 120 junctions",
        "BI",
        "SS",
        "transport; ict",
        "QL; SE",
        "11; 9",
        "2019",
        "2022",
        "In progress",
        "Department of Transport",
        "yes",
        "4500000",
        "USD",
        "City budget",
        "Average peak-hour speed",
        "km/h",
        "2017",
        "18",
        "2022",
        "24",
    ],
    &[
        "",
        "Open data portal",
        "",
        "Industry & innovation",
        "",
        "Data platforms & open data",
        "CE",
        "17",
        "2020",
        "2021",
        "Planned",
        "Department of Information and Communications",
        "no",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
];

/// The template's headings and example rows for a plan in `languages` besides English: each
/// narrative column followed by one column per language (`Title`, `Title [km]`), left empty
/// in the examples.
fn layout(languages: &[String]) -> (Vec<String>, Vec<Vec<&'static str>>) {
    let mut headings = Vec::new();
    let mut rows = vec![Vec::new(); EXAMPLES.len()];
    for (i, (key, heading)) in COLUMNS.iter().enumerate() {
        headings.push(heading.to_string());
        for (row, example) in rows.iter_mut().zip(EXAMPLES) {
            row.push(example[i]);
        }
        if LOCAL_COLUMNS.contains(key) {
            for language in languages {
                headings.push(local_heading(key, language));
                for row in &mut rows {
                    row.push("");
                }
            }
        }
    }
    (headings, rows)
}

/// The template as CSV text, for a plan in `languages` besides English.
pub fn template_csv(languages: &[String]) -> String {
    let (headings, rows) = layout(languages);
    let mut out = csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(&headings);
    for row in rows {
        let _ = out.write_record(row);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The template as an .xlsx workbook: a Projects sheet and an Instructions sheet, for a plan in
/// `languages` besides English.
pub fn template_xlsx(languages: &[String]) -> ascn_model::error::Result<Vec<u8>> {
    use rust_xlsxwriter::{Color, Format, Workbook};
    let fail =
        |e: rust_xlsxwriter::XlsxError| ascn_model::error::Error::Export(format!("template: {e}"));
    let header = Format::new()
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(0x0b5394));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Projects").map_err(fail)?;
    let (headings, rows) = layout(languages);
    for (i, heading) in headings.iter().enumerate() {
        sheet
            .write_string_with_format(0, i as u16, heading, &header)
            .map_err(fail)?;
        sheet.set_column_width(i as u16, 16).map_err(fail)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (row, col) = (1 + r as u32, c as u16);
            match value.parse::<f64>() {
                Ok(n) if !value.is_empty() => sheet.write_number(row, col, n).map_err(fail)?,
                _ => sheet.write_string(row, col, *value).map_err(fail)?,
            };
        }
    }
    let help = book
        .add_worksheet()
        .set_name("Instructions")
        .map_err(fail)?;
    help.set_column_width(0, 110).map_err(fail)?;
    for (i, line) in INSTRUCTIONS.iter().enumerate() {
        help.write_string(i as u32, 0, *line).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

/// How to fill the template, one line per cell of the Instructions sheet.
pub const INSTRUCTIONS: &[&str] = &[
    "One row per project. Keep the headings of the first row; columns may be in any order.",
    "Required: Title, Focus area, Start year, End year. Leave Code empty to have one generated (e.g. BI-03).",
    "Focus area: CS, HW, SS, QE, BI or II, or its name (Civic & social, Health & well-being, Safety & security, Quality environment, Built infrastructure, Industry & innovation).",
    "Also serves, Sectors, Outcomes, SDGs: several values separated by semicolons. Sectors and outcomes by code or name; SDGs by number.",
    "Years must lie inside the plan period (2018-2025 unless the plan says otherwise).",
    "Status: proposed, planned, in progress, completed, on hold or cancelled. Bankable: yes or no.",
    "Budget: a number, in Currency (default USD), from the Funding source (default City budget), over the project's years.",
    "KPI: a name and unit, its baseline (year and value) and one target (year and value).",
    "Title, Description and KPI are in English, the network's language. Beside each, a column headed with a language's tag, e.g. Title [km], holds the same in the plan's own language.",
    "If any cell is wrong, nothing is imported and every problem is listed with its row and column.",
];
