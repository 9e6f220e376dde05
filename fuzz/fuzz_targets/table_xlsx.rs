//! The XLSX projects importer: a workbook's bytes, then projects checked as for CSV.
#![no_main]

use std::sync::OnceLock;

use ascn_model::framework::{self, Reference};
use ascn_formats::import::table;
use libfuzzer_sys::fuzz_target;

fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(|| framework::shipped().expect("shipped reference").0)
}

fuzz_target!(
    init: {
        // `table::xlsx_rows` turns a panic inside calamine (a damaged workbook) into an error,
        // as the app does; any other panic still aborts and counts as a crash.
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !info.location().is_some_and(|l| l.file().contains("/calamine-")) {
                abort(info);
            }
        }));
    },
    |data: &[u8]| {
        if let Ok(rows) = table::xlsx_rows(data) {
            let _ = table::projects(&rows, reference(), (2018, 2025), &[], None);
        }
    }
);
