//! The Secretariat's monitoring table: rows, then names matched to the member states, the
//! workspace's cities and the focus areas, and rows checked.
#![no_main]

use std::sync::OnceLock;

use ascn_formats::import::table::csv_rows;
use ascn_model::framework::{self, Reference};
use ascn_model::monitoring::table::{check, Sheet};
use ascn_model::{City, CityId};
use libfuzzer_sys::fuzz_target;

fn shipped() -> &'static (Reference, Vec<City>) {
    static SHIPPED: OnceLock<(Reference, Vec<City>)> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let (reference, cities) = framework::shipped().expect("shipped reference");
        let cities = cities
            .into_iter()
            .enumerate()
            .map(|(i, c)| City {
                id: CityId(i as i64 + 1),
                name: c.name,
                member_state: c.iso3,
                population: c.population,
                population_year: c.population_year,
                latitude: Some(c.latitude),
                longitude: Some(c.longitude),
                pilot: c.pilot,
                member_since: Some(c.joined),
                officer: None,
                has_plan: false,
            })
            .collect();
        (reference, cities)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(rows) = csv_rows(text) {
        let (reference, cities) = shipped();
        let sheets = [Sheet {
            name: "fuzz".into(),
            rows,
        }];
        let _ = check(&sheets, reference, cities);
    }
});
