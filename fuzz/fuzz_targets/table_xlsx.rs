//! The XLSX projects importer: a workbook's bytes, then projects checked as for CSV.
#![no_main]

use std::sync::OnceLock;

use ascn_planner::framework::{self, Reference};
use ascn_planner::import::table;
use libfuzzer_sys::fuzz_target;

fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(|| framework::shipped().expect("shipped reference").0)
}

fuzz_target!(|data: &[u8]| {
    if let Ok(rows) = table::xlsx_rows(data) {
        let _ = table::projects(&rows, reference(), (2018, 2025), &[]);
    }
});
