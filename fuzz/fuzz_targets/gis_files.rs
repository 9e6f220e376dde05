//! The GIS file readers: KML text, a zipped Shapefile, a `.prj`'s coordinate system, a
//! GeoPackage's geometry blob, a vector tile. The first byte picks the reader, the rest is the
//! input.
#![no_main]

use ascn_gis::crs::Crs;
use ascn_gis::{gpkg, kml, shapefile, vector};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, file)) = data.split_first() else {
        return;
    };
    match which % 5 {
        0 => {
            if let Ok(text) = std::str::from_utf8(file) {
                let _ = kml::read(text);
            }
        }
        1 => {
            let _ = shapefile::read_zip(file);
        }
        2 => {
            if let Ok(text) = std::str::from_utf8(file) {
                let _ = Crs::from_wkt(text);
            }
        }
        3 => {
            let _ = gpkg::geometry(file);
        }
        _ => {
            let _ = vector::draw(file);
        }
    }
});
