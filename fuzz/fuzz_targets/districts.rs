//! The districts (GeoJSON) importer: named polygons, checked.
#![no_main]

use ascn_model::geometry::districts;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = districts::parse(text);
    }
});
