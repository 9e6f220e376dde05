//! A spreadsheet file read into rows of cells: CSV (commas or semicolons) or XLSX, refused
//! before it is read when too large, and before it is unpacked when it would unpack too large.

use ascn_model::monitoring::table::Sheet;
use ascn_model::says;
use ascn_model::validation::{FieldError, Rule, Says};

use super::{too_many, MAX_BYTES, MAX_ROWS};

pub fn csv_rows(text: &str) -> Result<Vec<Vec<String>>, Vec<FieldError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            vec![FieldError::new(
                format!("row {}", i + 1),
                Rule::Format,
                says!("notCsv", "cannot be read as CSV ({reason})", reason = e),
            )]
        })?;
        rows.push(record.iter().map(str::to_string).collect());
        if rows.len() > MAX_ROWS + 1 {
            return Err(too_many());
        }
    }
    Ok(rows)
}

/// The most a workbook may unpack to. An .xlsx is a zip archive: a small file can unpack to
/// gigabytes (a "zip bomb"). The sizes its table of contents declares can lie, so every entry
/// is inflated here through a counter that stops at this many bytes, before calamine sees the
/// file.
pub const MAX_UNPACKED_BYTES: u64 = 100 * 1024 * 1024;

fn check_unpacked_size(bytes: &[u8]) -> Result<(), Says> {
    use std::io::{self, Read};
    let unreadable = |e: zip::result::ZipError| not_xlsx(&e);
    let too_big = || {
        says!(
            "unpacksTooLarge",
            "unpacks to more than {max} MB, which no projects spreadsheet needs; it was not opened",
            max = MAX_UNPACKED_BYTES / 1_048_576
        )
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(unreadable)?;
    // What the table of contents declares: refused at once when it is already too much.
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(unreadable)?;
        declared = declared.saturating_add(entry.size());
    }
    if declared > MAX_UNPACKED_BYTES {
        return Err(too_big());
    }
    // What the entries really inflate to, counted as they are read.
    let mut left = MAX_UNPACKED_BYTES;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(unreadable)?;
        // A size that lies, a bad checksum, a broken stream: a damaged workbook.
        let inflated =
            io::copy(&mut entry.take(left + 1), &mut io::sink()).map_err(|_| damaged())?;
        left = left.checked_sub(inflated).ok_or_else(too_big)?;
    }
    Ok(())
}

fn not_xlsx(e: &dyn std::fmt::Display) -> Says {
    says!(
        "notXlsx",
        "is not a readable .xlsx workbook ({detail})",
        detail = e
    )
}

/// A workbook whose parts do not unpack or parse: its checksums, sizes or cells are broken.
fn damaged() -> Says {
    says!(
        "damagedWorkbook",
        "is a damaged workbook that cannot be read"
    )
}

/// Reads the first sheet (or the one named "Projects") of an XLSX workbook into rows of cells.
pub fn xlsx_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, Vec<FieldError>> {
    let mut sheets = xlsx_sheets(bytes, |names| {
        names
            .iter()
            .find(|n| n.eq_ignore_ascii_case("projects"))
            .or(names.first())
            .into_iter()
            .cloned()
            .collect()
    })?;
    Ok(sheets.pop().map(|s| s.rows).unwrap_or_default())
}

/// Reads the sheets `pick` chooses from the workbook's sheet names, in its order, into rows of
/// cells; a workbook without sheets is refused.
pub fn xlsx_sheets(
    bytes: &[u8],
    pick: impl Fn(&[String]) -> Vec<String>,
) -> Result<Vec<Sheet>, Vec<FieldError>> {
    use calamine::{Data, Reader, Xlsx};
    let file_error = |says: Says| vec![FieldError::new("file", Rule::Format, says)];
    check_unpacked_size(bytes).map_err(file_error)?;
    // calamine can panic on a damaged workbook (an arithmetic overflow on a hostile cell
    // reference, in builds with overflow checks); that is a bad file, not a crash.
    // `pick` only chooses among names: nothing it holds is left half-changed by a panic.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(
        || -> Result<_, Vec<FieldError>> {
            let mut book: Xlsx<_> =
                Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| file_error(not_xlsx(&e)))?;
            let names = pick(&book.sheet_names());
            if names.is_empty() {
                return Err(file_error(says!("noSheets", "has no sheets")));
            }
            names
                .into_iter()
                .map(|name| {
                    let range = book.worksheet_range(&name).map_err(|e| {
                        file_error(says!(
                            "sheetUnreadable",
                            "sheet '{name}' cannot be read ({detail})",
                            name = name,
                            detail = e
                        ))
                    })?;
                    Ok((name, range))
                })
                .collect::<Result<Vec<_>, _>>()
        },
    ))
    .map_err(|_| file_error(damaged()))?;
    let mut sheets = Vec::new();
    for (name, range) in read? {
        if range.height() > MAX_ROWS + 1 {
            return Err(too_many());
        }
        let rows = range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell {
                        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
                        // A number stored as a number has a decimal point; `1234.567` would
                        // read as ambiguous (see `numbers`), `1234.5670` does not.
                        Data::Float(f) => match f.to_string() {
                            s if crate::import::numbers::read(&s)
                                == crate::import::numbers::Reading::Ambiguous =>
                            {
                                s + "0"
                            }
                            s => s,
                        },
                        Data::Empty => String::new(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect();
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

/// Reads a .csv or .xlsx file of projects (by its extension) into rows of cells.
pub fn read_file(path: &std::path::Path) -> ascn_model::error::Result<Vec<Vec<String>>> {
    let is_xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let rows = if is_xlsx {
        xlsx_rows(&crate::import::read_bytes(path, MAX_BYTES)?)
    } else {
        csv_rows(&crate::import::read_text(path, MAX_BYTES)?)
    };
    rows.map_err(ascn_model::error::Error::Validation)
}
