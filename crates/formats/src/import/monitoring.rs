//! The Secretariat's monitoring table read from a file: every sheet of a workbook (the two lists
//! may be two sheets), or a CSV file as one sheet; checked by [`ascn_model::monitoring::table`].

use std::path::Path;

use super::table::{csv_rows, xlsx_sheets, MAX_BYTES};
use ascn_model::error::{Error, Result};
use ascn_model::framework::Reference;
use ascn_model::monitoring::table::{self, MeTable, Sheet};
use ascn_model::City;

/// The sheets of a .xlsx file (all of them) or a .csv file (one, named after the file).
pub fn read_sheets(path: &Path) -> Result<Vec<Sheet>> {
    let is_xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let sheets = if is_xlsx {
        xlsx_sheets(&super::read_bytes(path, MAX_BYTES)?, |names| names.to_vec())
    } else {
        csv_rows(&super::read_text(path, MAX_BYTES)?).map(|rows| {
            vec![Sheet {
                name: path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                rows,
            }]
        })
    };
    sheets.map_err(Error::Validation)
}

/// The table in `path`, checked against the reference and the workspace's cities.
pub fn read_table(path: &Path, reference: &Reference, cities: &[City]) -> Result<MeTable> {
    table::check(&read_sheets(path)?, reference, cities).map_err(Error::Validation)
}
