//! The CSV projects importer: rows, then projects checked against the framework and the period.
#![no_main]

use std::sync::OnceLock;

use ascn_model::framework::{self, Reference};
use ascn_formats::import::table;
use libfuzzer_sys::fuzz_target;

fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(|| framework::shipped().expect("shipped reference").0)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(rows) = table::csv_rows(text) {
        let _ = table::projects(&rows, reference(), (2018, 2025), &["BI-01".to_string()], None);
    }
});
