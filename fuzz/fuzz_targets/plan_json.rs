//! The ASCF plan-file importer: parse, then check against the framework. Any input must give a
//! plan or a list of problems, never a panic.
#![no_main]

use std::sync::OnceLock;

use ascn_model::framework::{self, Reference};
use ascn_model::plan_file::read as plan_json;
use libfuzzer_sys::fuzz_target;

fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(|| framework::shipped().expect("shipped reference").0)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(file) = plan_json::parse(text) {
        let _ = plan_json::check(&file, reference());
    }
});
