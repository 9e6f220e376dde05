//! GIS files the city's GIS office keeps, read into one [`GisLayer`] in WGS 84, and the plan
//! written as a GeoPackage for them.
//!
//! Its own crate because a GeoPackage is an SQLite file: the formats crate stays free of
//! SQLite, and this one stands on the model (and the formats' file reading) only, never on the
//! store.

pub mod basemap;
pub mod crs;
pub mod gpkg;
pub mod kml;
pub mod mbtiles;
pub mod online;
pub mod pmtiles;
pub mod shapefile;
pub mod vector;

use std::path::Path;

use ascn_model::error::{Error, Result};
use ascn_model::says;
use ascn_model::validation::{FieldError, Rule, Says};

pub use ascn_model::geometry::layer::{GisFeature, GisLayer};

/// Largest GIS file accepted (a zipped Shapefile, a GeoPackage, a KML or GeoJSON file).
pub const MAX_BYTES: u64 = 200 * 1024 * 1024;

/// The extensions [`read`] accepts, for file choosers and messages.
pub const EXTENSIONS: &[&str] = &["shp", "zip", "gpkg", "kml", "geojson", "json"];

/// Reads the first layer of a GIS file, by its extension, into WGS 84. `Err` says what is
/// wrong with the file; nothing is written anywhere.
pub fn read(path: &Path) -> Result<GisLayer> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "shp" => shapefile::read_beside(path),
        "zip" => shapefile::read_zip(&ascn_formats::import::read_bytes(path, MAX_BYTES)?),
        "gpkg" => gpkg::read(path),
        "kml" => kml::read(&ascn_formats::import::read_text(path, MAX_BYTES)?),
        "geojson" | "json" => {
            let text = ascn_formats::import::read_text(path, MAX_BYTES)?;
            ascn_model::geometry::districts::geojson_layer(&text).map_err(Error::Validation)
        }
        _ => Err(refused(says!(
            "notAGisFile",
            "is not a GIS file this app reads; choose a .{kinds}",
            kinds = EXTENSIONS.join(", .")
        ))),
    }
}

/// A file refused as a whole, saying why.
pub(crate) fn refused(says: Says) -> Error {
    Error::Validation(vec![FieldError::new("file", Rule::Format, says)])
}

/// Brings every feature's shape to WGS 84 and checks it lands on the globe: a file whose
/// coordinates are not in the system it claims comes out off the earth, and is refused.
pub(crate) fn to_wgs84(
    crs: &crs::Crs,
    shapes: Vec<(Vec<String>, Option<geo::Geometry<f64>>)>,
) -> Result<Vec<GisFeature>> {
    let mut errors = Vec::new();
    let mut features = Vec::with_capacity(shapes.len());
    for (i, (values, shape)) in shapes.into_iter().enumerate() {
        let shape = match shape.map(|s| crs.to_wgs84(s)).transpose() {
            Ok(shape) => shape,
            Err(e) => {
                errors.push(FieldError::new(
                    format!("features[{i}].geometry"),
                    Rule::InvalidGeometry,
                    ascn_model::geometry::layer::in_feature(i + 1, "", e),
                ));
                continue;
            }
        };
        features.push(GisFeature::new(values, shape));
    }
    if errors.is_empty() {
        Ok(features)
    } else {
        Err(Error::Validation(errors))
    }
}
