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

use ascn_model::validation::{FieldError, Rule};

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
    vec![FieldError {
        field: "file".into(),
        rule: Rule::TooLong,
        message: format!("has more than {MAX_ROWS} project rows; split it into smaller files"),
    }]
}
