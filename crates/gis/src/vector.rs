//! Vector tiles (Mapbox Vector Tiles, as MBTiles `pbf` or PMTiles MVT) drawn on the Rust side:
//! each tile becomes a small SVG image of its water, land use, buildings and roads, so the
//! app's map, the SVG map and the PDF report draw it as they draw a raster tile.
//!
//! The style is one of our own for a planner's base: quiet colours under the plan's layers,
//! chosen by the layer's name as OpenMapTiles, Protomaps and GDAL-made tiles name them.

use std::fmt::Write;
use std::io::Read;

use geo::{Coord, Geometry, LineString, Polygon};

/// Most a tile may inflate to: a vector tile is tens of kilobytes.
const MAX_INFLATED: u64 = 16 * 1024 * 1024;

/// How a layer is drawn.
#[derive(Clone, Copy, PartialEq)]
enum Paint {
    Water,
    Green,
    Building,
    Land,
    Road,
    Rail,
    Boundary,
}

impl Paint {
    /// By the layer's name (and, for lines, a road's class where the tiles say it).
    fn of(layer: &str) -> Paint {
        let name = layer.to_ascii_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
        if has(&["water", "ocean", "lake", "river", "sea"]) {
            Paint::Water
        } else if has(&[
            "park",
            "green",
            "wood",
            "forest",
            "grass",
            "landcover",
            "natural",
        ]) {
            Paint::Green
        } else if has(&["building"]) {
            Paint::Building
        } else if has(&["rail"]) {
            Paint::Rail
        } else if has(&["road", "transport", "street", "highway"]) {
            Paint::Road
        } else if has(&["boundar", "admin", "district"]) {
            Paint::Boundary
        } else {
            Paint::Land
        }
    }

    fn fill(self) -> &'static str {
        match self {
            Paint::Water => "#aad3df",
            Paint::Green => "#cdebb0",
            Paint::Building => "#d9d0c9",
            Paint::Land | Paint::Road | Paint::Rail | Paint::Boundary => "#e9e5dc",
        }
    }

    /// Stroke colour and width in tile units of 4096 (a tile is drawn 256 px wide).
    fn stroke(self) -> (&'static str, f32) {
        match self {
            Paint::Water => ("#aad3df", 24.0),
            Paint::Green => ("#b5d99c", 12.0),
            Paint::Building => ("#c4b6ab", 8.0),
            Paint::Land => ("#d6d0c4", 12.0),
            Paint::Road => ("#ffffff", 40.0),
            Paint::Rail => ("#a0a0a0", 16.0),
            Paint::Boundary => ("#9e9cab", 16.0),
        }
    }
}

/// The tile as an SVG document, or `None` when its bytes are not a vector tile (a damaged
/// tile is left out of the map, as a missing raster tile is).
pub fn draw(bytes: &[u8]) -> Option<Vec<u8>> {
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut inflated = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .take(MAX_INFLATED + 1)
            .read_to_end(&mut inflated)
            .ok()?;
        if inflated.len() as u64 > MAX_INFLATED {
            return None;
        }
        inflated
    } else {
        bytes.to_vec()
    };
    let reader = mvt_reader::Reader::new(bytes).ok()?;
    let layers = reader.get_layer_metadata().ok()?;
    let extent = layers.first().map_or(4096, |l| l.extent.max(1));
    let scale = extent as f32 / 4096.0;
    // Areas first (land use, water, buildings), then lines over them, in the tile's order.
    let mut areas = String::new();
    let mut lines = String::new();
    for layer in &layers {
        let paint = Paint::of(&layer.name);
        let Ok(features) = reader.get_features(layer.layer_index) else {
            continue;
        };
        for feature in features {
            let mut d = String::new();
            let closed = path(&feature.geometry, &mut d);
            if d.is_empty() {
                continue;
            }
            let (colour, width) = paint.stroke();
            let width = width * scale;
            if closed && paint != Paint::Road && paint != Paint::Boundary {
                let _ = writeln!(
                    areas,
                    "<path d=\"{d}\" fill=\"{}\" fill-rule=\"evenodd\" stroke=\"{colour}\" stroke-width=\"{width}\"/>",
                    paint.fill()
                );
            } else if !closed {
                let dash = if paint == Paint::Boundary {
                    format!(" stroke-dasharray=\"{} {}\"", 48.0 * scale, 32.0 * scale)
                } else {
                    String::new()
                };
                let _ = writeln!(
                    lines,
                    "<path d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\" stroke-linecap=\"round\" stroke-linejoin=\"round\"{dash}/>"
                );
            } else {
                // A district or road area outlined only.
                let _ = writeln!(
                    lines,
                    "<path d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\"/>"
                );
            }
        }
    }
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\" viewBox=\"0 0 {extent} {extent}\">\
         <rect width=\"{extent}\" height=\"{extent}\" fill=\"#f2efe9\"/>\n{areas}{lines}</svg>"
    );
    Some(svg.into_bytes())
}

/// Appends the shape's path data (tile units, y down as in the tile); whether it is an area.
fn path(shape: &Geometry<f32>, d: &mut String) -> bool {
    let ring = |d: &mut String, points: &LineString<f32>, close: bool| {
        for (i, Coord { x, y }) in points.coords().enumerate() {
            let _ = write!(d, "{}{x} {y}", if i == 0 { "M" } else { "L" });
        }
        if close && !points.0.is_empty() {
            d.push('Z');
        }
    };
    let polygon = |d: &mut String, p: &Polygon<f32>| {
        ring(d, p.exterior(), true);
        for hole in p.interiors() {
            ring(d, hole, true);
        }
    };
    match shape {
        Geometry::Polygon(p) => {
            polygon(d, p);
            true
        }
        Geometry::MultiPolygon(m) => {
            m.iter().for_each(|p| polygon(d, p));
            true
        }
        Geometry::LineString(l) => {
            ring(d, l, false);
            false
        }
        Geometry::MultiLineString(m) => {
            m.iter().for_each(|l| ring(d, l, false));
            false
        }
        // Points carry names and icons; a planner's base is drawn without them.
        _ => false,
    }
}
