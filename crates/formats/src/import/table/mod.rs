//! Projects from a spreadsheet (CSV or XLSX) laid out like the template the app offers: one row
//! per project, with its budget as one funding line and one KPI with a final target.
//!
//! Cells are read leniently (codes or names for focus areas and sectors, "yes"/"no" for bankable,
//! commas or semicolons between CSV fields) and checked strictly: every problem names the row, the
//! column as headed in the file, and the rule: the error's field is `row 14, 'End year'` and its
//! message `2031 is after the plan period 2018–2025`. One problem anywhere and nothing is
//! imported.
//!
//! - [`template`]: the template itself, as CSV and as a workbook with instructions;
//! - [`rows`]: a file read into rows of cells, size-checked (CSV or XLSX);
//! - [`check`]: rows checked into project drafts for a plan.

mod check;
mod rows;
mod template;

pub use check::{check_for_plan, projects, TableImport};
pub use rows::{csv_rows, read_file, xlsx_rows, xlsx_sheets, MAX_UNPACKED_BYTES};
pub use template::{template_csv, template_xlsx, COLUMNS, EXAMPLES, INSTRUCTIONS};

use ascn_model::languages::{is_language_tag, ENGLISH};
use ascn_model::says;
use ascn_model::validation::{FieldError, Rule, Says};

/// The narratives a spreadsheet may hold in a plan's local languages beside the English, each in
/// a column headed like the English one with the language's BCP 47 tag: `Title [km]`.
pub const LOCAL_COLUMNS: &[&str] = &["title", "description", "kpi"];

/// The heading of `key`'s column in `language`: `Title [km]`.
pub fn local_heading(key: &str, language: &str) -> String {
    let heading = COLUMNS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, h)| h);
    format!("{heading} [{language}]")
}

/// Reads a heading of a narrative in a local language, `Title [km]`: its column key and tag.
/// `None` for any other heading; an error, in words, for a tag that is not a language's.
fn local_column(heading: &str) -> Option<Result<(&'static str, String), Says>> {
    let (base, rest) = heading.trim().rsplit_once('[')?;
    let tag = rest.strip_suffix(']')?.trim();
    let key = LOCAL_COLUMNS.iter().copied().find(|key| {
        COLUMNS
            .iter()
            .filter(|(k, _)| k == key)
            .any(|(k, h)| normalise(base) == normalise(h) || normalise(base) == normalise(k))
    })?;
    Some(if tag == ENGLISH {
        Err(says!(
            "englishColumnTagged",
            "the English is the column without a tag; name this column's language"
        ))
    } else if is_language_tag(tag) {
        Ok((key, tag.to_string()))
    } else {
        Err(says!(
            "notALanguageTag",
            "'{tag}' is not a language tag (BCP 47, e.g. km, th, zh-Hant)",
            tag = tag
        ))
    })
}

/// Largest spreadsheet accepted.
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;
/// Most project rows in one file.
pub const MAX_ROWS: usize = 5_000;

/// A heading as it is matched: case, spaces, `_` and `-` ignored.
fn normalise(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

fn too_many() -> Vec<FieldError> {
    vec![FieldError::new(
        "file",
        Rule::TooLong,
        says!(
            "tooManyRows",
            "has more than {max} project rows; split it into smaller files",
            max = MAX_ROWS
        ),
    )]
}
