//! Rows checked into project drafts for a plan: every problem names the row, the column as the
//! file heads it, and the rule.

use std::collections::HashSet;

use crate::import::numbers::{self, NumberStyle};
use ascn_model::framework::Reference;
use ascn_model::says;
use ascn_model::validation::{self, FieldError, PlanContext, Rule, Says};
use ascn_model::{
    FundingLine, FundingSource, FundingStatus, Kpi, KpiTarget, ProjectDraft, ProjectStatus,
};

use super::{local_column, normalise, COLUMNS};

/// Checks rows against a plan: its period, and the codes its projects already use; numbers are
/// read in `style` when given, else in the style the file's numbers show.
pub fn check_for_plan(
    doc: &ascn_model::PlanDocument,
    reference: &Reference,
    rows: &[Vec<String>],
    style: Option<NumberStyle>,
) -> ascn_model::Result<TableImport> {
    let existing: Vec<String> = doc.projects.iter().map(|p| p.draft.code.clone()).collect();
    projects(rows, reference, doc.period(), &existing, style).map_err(ascn_model::Error::Validation)
}

/// Where a validation field of a project shows in the spreadsheet.
fn column_of(field: &str) -> String {
    let top = field.split(['[', '.']).next().unwrap_or(field);
    // `title_local.km` is the column `Title [km]`, `kpis[0].name_local.km` is `KPI [km]`.
    if let Some((_, tag)) = field.split_once("_local.") {
        let key = match top {
            "kpis" => "kpi",
            other => other.trim_end_matches("_local"),
        };
        if let Some(heading) = COLUMNS.iter().find(|(k, _)| *k == key).map(|(_, h)| h) {
            return format!("{heading} [{tag}]");
        }
    }
    column_key(field, top).to_string()
}

/// The template column of a validation field in English.
fn column_key(field: &str, top: &str) -> &'static str {
    match top {
        "funding" if field.ends_with("amount") => "budget",
        "funding" if field.ends_with("currency") => "currency",
        "funding" => "budget",
        "kpis" if field.contains("targets") && field.ends_with("value") => "target",
        "kpis" if field.contains("targets") => "target_year",
        "kpis" if field.ends_with("unit") => "kpi_unit",
        "kpis" if field.ends_with("baseline_year") => "baseline_year",
        "kpis" if field.ends_with("baseline_value") => "baseline",
        "kpis" => "kpi",
        "primary_focus_area" => "focus_area",
        other => COLUMNS
            .iter()
            .map(|(k, _)| *k)
            .find(|k| *k == other)
            .unwrap_or("title"),
    }
}

/// Projects read from a spreadsheet and checked, with what the preview shows before anything
/// is written.
#[derive(Debug, Clone, PartialEq)]
pub struct TableImport {
    pub drafts: Vec<ProjectDraft>,
    /// The spreadsheet row (1 is the header) of each draft.
    pub rows: Vec<u32>,
    /// How the numbers were read.
    pub style: NumberStyle,
    /// Headings of columns the template does not have: not imported.
    pub ignored_columns: Vec<String>,
}

/// The number columns, whose values show the file's number style.
const NUMBER_COLUMNS: [&str; 3] = ["budget", "baseline", "target"];

/// The file's number style from its numbers (see [`numbers`]): `Ok(None)` when none shows it,
/// an error naming two values when they show both.
fn detect_style(
    body: &[Vec<String>],
    columns: &[(usize, String)],
) -> Result<Option<NumberStyle>, FieldError> {
    let mut seen: Vec<(NumberStyle, Says)> = Vec::new();
    for (r, row) in body.iter().enumerate() {
        for (at, heading) in columns {
            let value = row.get(*at).map_or("", |c| c.trim());
            if let numbers::Reading::Only(style) = numbers::read(value) {
                if !seen.iter().any(|(s, _)| *s == style) {
                    let cell = says!(
                        "cellValue",
                        "row {row}, '{heading}': '{value}'",
                        row = r + 2,
                        heading = heading,
                        value = value
                    );
                    seen.push((style, cell));
                }
            }
        }
    }
    match seen.as_slice() {
        [] => Ok(None),
        [(style, _)] => Ok(Some(*style)),
        [(first, at_first), (_, at_second), ..] => Err(FieldError::new(
            "file",
            Rule::Format,
            says!(
                "mixedNumberStyles",
                "mixes number styles: {first} is written with a {style}, {second} with the \
                 other; choose the number style in the preview (or --decimal), or write every \
                 number the same way";
                first = at_first.clone(),
                style = first.describe(),
                second = at_second.clone()
            ),
        )),
    }
}

/// Turns the rows (header first) into checked project drafts for a plan. Numbers are read in
/// `style` when given, else in the style the file's numbers show (see [`numbers`]).
pub fn projects(
    rows: &[Vec<String>],
    reference: &Reference,
    period: (i32, i32),
    existing_codes: &[String],
    style: Option<NumberStyle>,
) -> Result<TableImport, Vec<FieldError>> {
    let Some((header, body)) = rows.split_first() else {
        return Err(vec![FieldError::new(
            "file",
            Rule::Required,
            says!("emptyTable", "is empty; start from the template"),
        )]);
    };
    let mut errors = Vec::new();
    // For each template column, its position in this file and the heading the file uses.
    let position: Vec<Option<(usize, String)>> = COLUMNS
        .iter()
        .map(|(key, heading)| {
            header
                .iter()
                .position(|h| normalise(h) == normalise(heading) || normalise(h) == normalise(key))
                .map(|i| (i, header[i].trim().to_string()))
        })
        .collect();
    // A project may be known by its title and focus area only: years, sectors and budget come
    // later.
    for required in ["title", "focus_area"] {
        let i = COLUMNS
            .iter()
            .position(|(k, _)| *k == required)
            .expect("a template column");
        if position[i].is_none() {
            errors.push(FieldError::new(
                "row 1",
                Rule::Required,
                says!(
                    "columnMissing",
                    "the column '{column}' is missing",
                    column = COLUMNS[i].1
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Columns of a narrative in a local language, headed `Title [km]`: (position, key, tag).
    let mut local: Vec<(usize, &str, String)> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        match local_column(h) {
            Some(Ok((key, tag))) => local.push((i, key, tag)),
            Some(Err(message)) => errors.push(FieldError::new(
                format!("row 1, '{}'", h.trim()),
                Rule::Format,
                message,
            )),
            None => {}
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let ignored_columns: Vec<String> = header
        .iter()
        .enumerate()
        .filter(|(i, h)| {
            !h.trim().is_empty()
                && !position.iter().flatten().any(|(at, _)| at == i)
                && !local.iter().any(|(at, _, _)| at == i)
        })
        .map(|(_, h)| h.trim().to_string())
        .collect();
    let number_columns: Vec<(usize, String)> = NUMBER_COLUMNS
        .iter()
        .filter_map(|key| {
            let i = COLUMNS.iter().position(|(k, _)| k == key)?;
            position[i].clone()
        })
        .collect();
    let (style, style_known) = match style {
        Some(style) => (style, true),
        None => match detect_style(body, &number_columns) {
            Ok(Some(style)) => (style, true),
            Ok(None) => (NumberStyle::DecimalPoint, false),
            Err(e) => return Err(vec![e]),
        },
    };
    // A template column's heading as the file writes it; a local column's as it is.
    let heading_of = |key: &str| -> String {
        match COLUMNS.iter().position(|(k, _)| *k == key) {
            Some(i) => position[i]
                .as_ref()
                .map_or(COLUMNS[i].1.to_string(), |(_, h)| h.clone()),
            None => key.to_string(),
        }
    };

    let mut codes: HashSet<String> = existing_codes.iter().cloned().collect();
    let mut drafts = Vec::new();
    let mut lines = Vec::new();
    for (r, row) in body.iter().enumerate() {
        let line = r + 2;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |key: &str| -> &str {
            let i = COLUMNS.iter().position(|(k, _)| *k == key).unwrap_or(0);
            position[i]
                .as_ref()
                .and_then(|(p, _)| row.get(*p))
                .map_or("", |c| c.trim())
        };
        // The field names the place as people see it: row number and the file's heading.
        let mut fail = |key: &str, rule: Rule, message: Says| {
            errors.push(FieldError::new(
                format!("row {line}, '{}'", heading_of(key)),
                rule,
                message,
            ));
        };
        let list = |key: &str| -> Vec<String> {
            cell(key)
                .split([';', ','])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        };
        let area_code = |value: &str| {
            reference
                .focus_areas
                .iter()
                .find(|f| f.code.eq_ignore_ascii_case(value) || f.name.eq_ignore_ascii_case(value))
                .map(|f| f.code.clone())
        };
        let mut year = |key: &str| -> Option<i32> {
            let text = cell(key);
            if text.is_empty() {
                return None;
            }
            match text.parse::<i32>() {
                Ok(y) => Some(y),
                Err(_) => {
                    fail(
                        key,
                        Rule::NotANumber,
                        says!("notAYear", "'{text}' is not a year", text = text),
                    );
                    None
                }
            }
        };
        let start = year("start_year");
        let end = year("end_year");
        let baseline_year = year("baseline_year");
        let target_year = year("target_year");
        let mut number = |key: &str| -> Option<f64> {
            let text = cell(key);
            if text.is_empty() {
                return None;
            }
            if !style_known && numbers::read(text) == numbers::Reading::Ambiguous {
                fail(
                    key,
                    Rule::Format,
                    says!(
                        "ambiguousNumber",
                        "'{text}' could be {comma} or {point}: choose the number style in the preview (or --decimal), or write it without a thousands separator",
                        text = text,
                        comma = numbers::parse(text, NumberStyle::DecimalComma).unwrap_or_default(),
                        point = numbers::parse(text, NumberStyle::DecimalPoint).unwrap_or_default(),
                    ),
                );
                return None;
            }
            match numbers::parse(text, style) {
                Some(v) => Some(v),
                None => {
                    fail(
                        key,
                        Rule::NotANumber,
                        says!(
                            "notANumberInStyle",
                            "'{text}' is not a number written with a {style}",
                            text = text;
                            style = style.describe()
                        ),
                    );
                    None
                }
            }
        };
        let budget = number("budget");
        let baseline = number("baseline");
        let target = number("target");

        let focus = cell("focus_area");
        let primary = if focus.is_empty() {
            String::new()
        } else {
            area_code(focus).unwrap_or_else(|| focus.to_string())
        };
        let secondary = list("secondary_focus_areas")
            .into_iter()
            .map(|v| area_code(&v).unwrap_or(v))
            .collect();
        let sectors = list("sectors")
            .into_iter()
            .map(|v| {
                reference
                    .sectors
                    .iter()
                    .find(|s| s.code.eq_ignore_ascii_case(&v) || s.name.eq_ignore_ascii_case(&v))
                    .map_or(v, |s| s.code.clone())
            })
            .collect();
        let outcomes = list("outcomes")
            .into_iter()
            .map(|v| {
                reference
                    .strategic_outcomes
                    .iter()
                    .find(|o| o.code.eq_ignore_ascii_case(&v) || o.name.eq_ignore_ascii_case(&v))
                    .map_or(v, |o| o.code.clone())
            })
            .collect();
        let mut sdgs = Vec::new();
        for v in list("sdgs") {
            match v.trim_start_matches("SDG").trim().parse::<u8>() {
                Ok(n) => sdgs.push(n),
                Err(_) => fail(
                    "sdgs",
                    Rule::NotANumber,
                    says!(
                        "notAnSdgNumber",
                        "'{value}' is not an SDG number",
                        value = v
                    ),
                ),
            }
        }
        let status_text = cell("status");
        let status = if status_text.is_empty() {
            ProjectStatus::Planned
        } else {
            let key = normalise(status_text);
            match ProjectStatus::ALL.iter().find(|s| {
                normalise(s.as_str()) == key
                    || normalise(ascn_model::analysis::status_label(**s)) == key
            }) {
                Some(s) => *s,
                None => {
                    fail(
                        "status",
                        Rule::Unknown,
                        says!(
                            "notAStatus",
                            "'{value}' is not a status (proposed, planned, in progress, completed, on hold, cancelled)",
                            value = status_text
                        ),
                    );
                    ProjectStatus::Planned
                }
            }
        };
        let bankable = match cell("bankable").to_lowercase().as_str() {
            "" | "no" | "n" | "false" | "0" => false,
            "yes" | "y" | "true" | "1" => true,
            other => {
                fail(
                    "bankable",
                    Rule::Format,
                    says!("notYesOrNo", "'{value}' is not yes or no", value = other),
                );
                false
            }
        };
        let source_text = cell("funding_source");
        let source = if source_text.is_empty() {
            FundingSource::CityBudget
        } else {
            let key = normalise(source_text);
            match FundingSource::ALL.iter().find(|s| {
                normalise(s.as_str()) == key
                    || normalise(ascn_model::analysis::source_label(**s)) == key
            }) {
                Some(s) => *s,
                None => {
                    fail(
                        "funding_source",
                        Rule::Unknown,
                        says!(
                            "notAFundingSource",
                            "'{value}' is not a funding source",
                            value = source_text
                        ),
                    );
                    FundingSource::Other
                }
            }
        };
        let code = cell("code").to_string();
        if !code.is_empty() && !codes.insert(code.clone()) {
            fail(
                "code",
                Rule::Duplicate,
                says!(
                    "codeTaken",
                    "{code} is already used by another project",
                    code = code
                ),
            );
        }
        let currency = match cell("currency") {
            "" => "USD".to_string(),
            c => c.to_uppercase(),
        };
        let kpi_name = cell("kpi");
        let in_languages = |key: &str| -> ascn_model::Translations {
            local
                .iter()
                .filter(|(_, k, _)| *k == key)
                .filter_map(|(at, _, tag)| {
                    let text = row.get(*at).map_or("", |c| c.trim());
                    (!text.is_empty()).then(|| (tag.clone(), text.to_string()))
                })
                .collect()
        };
        let draft = ProjectDraft {
            code,
            title: cell("title").to_string(),
            title_local: in_languages("title"),
            description: cell("description").to_string(),
            description_local: in_languages("description"),
            primary_focus_area: primary,
            secondary_focus_areas: secondary,
            sectors,
            outcomes,
            sdgs,
            start_year: start,
            end_year: end,
            status,
            lead_agency: cell("lead_agency").to_string(),
            bankable,
            partners: vec![],
            funding: budget
                .map(|amount| FundingLine {
                    source,
                    partner_id: None,
                    amount,
                    currency,
                    // A cost without years yet is spread over the plan period.
                    start_year: start.unwrap_or(period.0),
                    end_year: end.unwrap_or(period.1),
                    status: FundingStatus::Committed,
                })
                .into_iter()
                .collect(),
            kpis: if kpi_name.is_empty() {
                vec![]
            } else {
                vec![Kpi {
                    name: kpi_name.to_string(),
                    name_local: in_languages("kpi"),
                    standard_ref: None,
                    unit: cell("kpi_unit").to_string(),
                    baseline_year: baseline_year.unwrap_or(period.0 - 1),
                    baseline_value: baseline.unwrap_or(0.0),
                    targets: target_year
                        .zip(target)
                        .map(|(year, value)| KpiTarget { year, value })
                        .into_iter()
                        .collect(),
                    actuals: vec![],
                }]
            },
            locations: vec![],
            progress: vec![],
        };
        let cx = PlanContext {
            reference,
            period,
            partners: &[],
        };
        if let Err(problems) = validation::project(&draft, &cx) {
            // The funding line takes the project's years, so its year errors repeat theirs.
            let derived = |f: &str| f.starts_with("funding[") && f.ends_with("_year");
            for p in problems.into_iter().filter(|p| !derived(&p.field)) {
                fail(&column_of(&p.field), p.rule, p.into());
            }
        }
        drafts.push(draft);
        lines.push(line as u32);
    }
    if drafts.is_empty() && errors.is_empty() {
        errors.push(FieldError::new(
            "file",
            Rule::Required,
            says!("noProjectRows", "has a header but no project rows"),
        ));
    }
    if errors.is_empty() {
        Ok(TableImport {
            drafts,
            rows: lines,
            style,
            ignored_columns,
        })
    } else {
        Err(errors)
    }
}
