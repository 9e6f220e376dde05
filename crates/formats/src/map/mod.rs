//! The plan on a map, offline: Natural Earth country shapes bundled with the app, the city, its
//! districts, and every project location coloured by focus area.
//!
//! [`view`] projects everything into pixels once (equirectangular, scaled by the cosine of the
//! middle latitude so shapes keep their proportions at city scale) and returns data the UI draws
//! with DOM calls and ids it can click; [`to_svg`] writes the same view as an SVG document for the
//! CLI and reports. The view's `bounds` map pixels back to degrees linearly, for placing a
//! location where the planner clicks.

pub mod layers;

use std::sync::OnceLock;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::charts::focus_area_colour;
use ascn_model::error::{Error, Result};
use ascn_model::framework::Reference;
use ascn_model::geometry;
use ascn_model::{City, District, Geometry, PlanDocument, Position, Project, ProjectId};

const NATURAL_EARTH: &str = include_str!("../../../../data/basemap/countries-asean-50m.json");

/// Smallest span shown, in degrees of latitude: a single point still gets a neighbourhood.
const MIN_SPAN: f64 = 0.12;

/// A named outline in pixels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapShape {
    pub name: String,
    /// SVG path data.
    pub d: String,
    /// Where a label goes.
    pub x: f64,
    pub y: f64,
}

/// How a location is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureKind {
    Point,
    Line,
    Area,
}

/// One location of one project, in pixels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapFeature {
    pub project_id: ProjectId,
    /// Which of the project's locations this is.
    pub location: u32,
    pub code: String,
    pub title: String,
    pub focus_area: String,
    pub kind: FeatureKind,
    /// SVG path data for lines and areas; empty for points.
    pub d: String,
    /// The point, or the centre of a line or area.
    pub x: f64,
    pub y: f64,
}

/// Raster tiles of a basemap the user brings (an MBTiles file, read by `ascn-gis`): the map
/// draws those that cover its extent beneath the plan, and prints the source's attribution.
pub trait TileSource {
    /// The tile's image (PNG, JPEG or WebP) at zoom `z`, column `x`, row `y` counted from the
    /// north (XYZ), or `None` where the source has none.
    fn tile(&self, z: u8, x: u32, y: u32) -> Option<Vec<u8>>;
    /// The zoom levels it holds, lowest and highest.
    fn zoom_range(&self) -> (u8, u8);
    /// What must be printed on a map drawn with it.
    fn attribution(&self) -> &str;
}

/// One basemap tile placed on the canvas, its image inline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapTile {
    /// A `data:` URI of the tile's image.
    pub href: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Most tiles drawn at once: a zoom is stepped out until its tiles fit.
const MAX_TILES: u32 = 48;

/// Everything the map shows, projected to a `width` × `height` canvas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapView {
    pub width: f64,
    pub height: f64,
    /// `[min_lon, min_lat, max_lon, max_lat]` of the canvas: x and y are linear in these.
    pub bounds: [f64; 4],
    pub land: Vec<MapShape>,
    pub districts: Vec<MapShape>,
    pub city: Option<MapShape>,
    pub features: Vec<MapFeature>,
    /// The basemap's tiles, when one is set; the land above is then not drawn.
    pub tiles: Vec<MapTile>,
    /// Where the map's data comes from, printed on it.
    pub attribution: String,
}

struct Country {
    name: String,
    geometry: Geometry,
    bbox: [f64; 4],
}

#[derive(Deserialize)]
struct BasemapFile {
    features: Vec<BasemapFeature>,
}

#[derive(Deserialize)]
struct BasemapFeature {
    properties: BasemapProperties,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct BasemapProperties {
    name: String,
}

fn countries() -> Result<&'static [Country]> {
    static COUNTRIES: OnceLock<std::result::Result<Vec<Country>, String>> = OnceLock::new();
    COUNTRIES
        .get_or_init(|| {
            let file: BasemapFile =
                serde_json::from_str(NATURAL_EARTH).map_err(|e| e.to_string())?;
            Ok(file
                .features
                .into_iter()
                .filter_map(|f| {
                    let bbox = geometry::bounding_box(&f.geometry)?;
                    Some(Country {
                        name: f.properties.name,
                        geometry: f.geometry,
                        bbox,
                    })
                })
                .collect())
        })
        .as_ref()
        .map(Vec::as_slice)
        .map_err(|e| Error::Reference(format!("basemap: {e}")))
}

/// Degrees to pixels and back.
struct Projection {
    bounds: [f64; 4],
    width: f64,
    height: f64,
}

impl Projection {
    /// Fits `extent` (padded) into the canvas, keeping shapes in proportion.
    fn fit(extent: [f64; 4], width: f64, height: f64) -> Self {
        Projection::fit_at_least(extent, width, height, 1.2, MIN_SPAN)
    }

    /// Fits `extent`, padded by `pad` and at least `min_span` high, into the canvas.
    fn fit_at_least(extent: [f64; 4], width: f64, height: f64, pad: f64, min_span: f64) -> Self {
        let [mut x0, mut y0, mut x1, mut y1] = extent;
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        let kx = cy.to_radians().cos().max(0.2);
        let mut h = ((y1 - y0) * pad).max(min_span);
        let mut w = ((x1 - x0) * pad).max(min_span / kx);
        // Widen whichever side is short of the canvas's aspect (in ground distance).
        let aspect = width / height;
        if w * kx / h < aspect {
            w = h * aspect / kx;
        } else {
            h = w * kx / aspect;
        }
        x0 = cx - w / 2.0;
        x1 = cx + w / 2.0;
        y0 = cy - h / 2.0;
        y1 = cy + h / 2.0;
        Projection {
            bounds: [x0, y0, x1, y1],
            width,
            height,
        }
    }

    fn xy(&self, [lon, lat]: Position) -> (f64, f64) {
        let [x0, y0, x1, y1] = self.bounds;
        (
            (lon - x0) / (x1 - x0) * self.width,
            (y1 - lat) / (y1 - y0) * self.height,
        )
    }

    fn sees(&self, bbox: [f64; 4]) -> bool {
        let [x0, y0, x1, y1] = self.bounds;
        bbox[0] <= x1 && bbox[2] >= x0 && bbox[1] <= y1 && bbox[3] >= y0
    }

    /// SVG path data; rings are closed with `Z`.
    fn path(&self, geometry: &Geometry) -> String {
        let mut d = String::new();
        let mut run = |ring: &[Position], close: bool| {
            for (i, p) in ring.iter().enumerate() {
                let (x, y) = self.xy(*p);
                d.push_str(&format!(
                    "{}{:.1} {:.1}",
                    if i == 0 { "M" } else { "L" },
                    x,
                    y
                ));
            }
            if close {
                d.push('Z');
            }
        };
        match geometry {
            Geometry::Point(p) => run(&[*p], false),
            Geometry::LineString(line) => run(line, false),
            Geometry::Polygon(rings) => rings.iter().for_each(|r| run(r, true)),
            Geometry::MultiPolygon(parts) => parts.iter().flatten().for_each(|r| run(r, true)),
        }
        d
    }
}

fn union(a: Option<[f64; 4]>, b: Option<[f64; 4]>) -> Option<[f64; 4]> {
    match (a, b) {
        (Some(a), Some(b)) => Some([
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ]),
        (a, None) => a,
        (None, b) => b,
    }
}

/// The ASEAN region, for a city with no coordinates and a plan with no locations.
const REGION: [f64; 4] = [92.0, -11.0, 141.0, 28.5];

/// Projects the city, its districts and the projects' locations onto a `width` × `height` map,
/// over `basemap`'s tiles when one is given, around them all.
pub fn view(
    city: &City,
    projects: &[Project],
    districts: &[District],
    (width, height): (f64, f64),
    basemap: Option<&dyn TileSource>,
) -> Result<MapView> {
    let centre = city
        .longitude
        .zip(city.latitude)
        .map(|(lon, lat)| [lon, lat]);
    let mut extent = centre.map(|[x, y]| [x, y, x, y]);
    for d in districts {
        extent = union(extent, geometry::bounding_box(&d.geometry));
    }
    for l in projects.iter().flat_map(|p| &p.draft.locations) {
        extent = union(extent, geometry::bounding_box(&l.geometry));
    }
    let projection = Projection::fit(extent.unwrap_or(REGION), width, height);

    let land = countries()?
        .iter()
        .filter(|c| projection.sees(c.bbox))
        .map(|c| {
            let (x, y) = geometry::centroid(&c.geometry)
                .map(|p| projection.xy(p))
                .unwrap_or_default();
            MapShape {
                name: c.name.clone(),
                d: projection.path(&c.geometry),
                x,
                y,
            }
        })
        .collect();
    let districts = districts
        .iter()
        .map(|d| {
            let (x, y) = d.centroid.map(|p| projection.xy(p)).unwrap_or_default();
            MapShape {
                name: d.name.clone(),
                d: projection.path(&d.geometry),
                x,
                y,
            }
        })
        .collect();
    let city_marker = centre.map(|p| {
        let (x, y) = projection.xy(p);
        MapShape {
            name: city.name.clone(),
            d: String::new(),
            x,
            y,
        }
    });
    let mut features = Vec::new();
    for p in projects {
        for (i, location) in p.draft.locations.iter().enumerate() {
            let (kind, d) = match &location.geometry {
                Geometry::Point(_) => (FeatureKind::Point, String::new()),
                Geometry::LineString(_) => (FeatureKind::Line, projection.path(&location.geometry)),
                _ => (FeatureKind::Area, projection.path(&location.geometry)),
            };
            let anchor = match &location.geometry {
                Geometry::Point(p) => Some(*p),
                Geometry::LineString(line) => line.get(line.len() / 2).copied(),
                other => geometry::centroid(other),
            };
            let (x, y) = anchor.map(|a| projection.xy(a)).unwrap_or_default();
            features.push(MapFeature {
                project_id: p.id,
                location: i as u32,
                code: p.draft.code.clone(),
                title: p.draft.title.clone(),
                focus_area: p.draft.primary_focus_area.clone(),
                kind,
                d,
                x,
                y,
            });
        }
    }
    let tiles = basemap.map(|b| tiles(&projection, b)).unwrap_or_default();
    let attribution = match basemap {
        Some(b) if !tiles.is_empty() => {
            format!("Basemap: {}. Districts: city data.", b.attribution())
        }
        _ => "Boundaries: Natural Earth. Districts: city data.".to_string(),
    };
    Ok(MapView {
        width,
        height,
        bounds: projection.bounds,
        land,
        districts,
        city: city_marker,
        features,
        tiles,
        attribution,
    })
}

/// The map of a stored plan, over `basemap` when one is set.
pub fn for_plan(
    doc: &PlanDocument,
    width: f64,
    height: f64,
    basemap: Option<&dyn TileSource>,
) -> Result<MapView> {
    view(
        &doc.city,
        &doc.projects,
        &doc.districts,
        (width, height),
        basemap,
    )
}

/// The basemap's tiles over the projection's extent, at the zoom whose pixels are about the
/// canvas's (within the source's zooms, and stepped out while more than [`MAX_TILES`] would be
/// drawn). Tiles are Web Mercator; at city scale each is placed by its corners, which the
/// canvas's equirectangular projection puts within a pixel of where Mercator would.
fn tiles(projection: &Projection, source: &dyn TileSource) -> Vec<MapTile> {
    let [x0, y0, x1, y1] = projection.bounds;
    let (min, max) = source.zoom_range();
    let ideal = (projection.width * 360.0 / (256.0 * (x1 - x0)))
        .log2()
        .floor();
    let mut z = (ideal.max(0.0) as u8).clamp(min, max);
    let span = |z: u8| {
        let (tx0, ty0) = tile_at(x0, y1, z);
        let (tx1, ty1) = tile_at(x1, y0, z);
        (tx0, ty0, tx1, ty1)
    };
    while z > min {
        let (tx0, ty0, tx1, ty1) = span(z);
        if (tx1 - tx0 + 1) * (ty1 - ty0 + 1) <= MAX_TILES {
            break;
        }
        z -= 1;
    }
    let (tx0, ty0, tx1, ty1) = span(z);
    let mut placed = Vec::new();
    for ty in ty0..=ty1 {
        for tx in tx0..=tx1 {
            let Some(image) = source.tile(z, tx, ty) else {
                continue;
            };
            let Some(mime) = image_type(&image) else {
                continue;
            };
            let (left, top) = projection.xy(tile_corner(tx, ty, z));
            let (right, bottom) = projection.xy(tile_corner(tx + 1, ty + 1, z));
            placed.push(MapTile {
                href: format!("data:{mime};base64,{}", BASE64.encode(&image)),
                x: left,
                y: top,
                width: right - left,
                height: bottom - top,
            });
        }
    }
    placed
}

/// The XYZ tile holding a point at zoom `z`.
fn tile_at(lon: f64, lat: f64, z: u8) -> (u32, u32) {
    let n = f64::from(1u32 << z);
    let lat = lat.clamp(-85.0511, 85.0511).to_radians();
    let x = ((lon + 180.0) / 360.0 * n).floor();
    let y = ((1.0 - lat.tan().asinh() / std::f64::consts::PI) / 2.0 * n).floor();
    let last = n - 1.0;
    (x.clamp(0.0, last) as u32, y.clamp(0.0, last) as u32)
}

/// The north-west corner of an XYZ tile, in degrees.
fn tile_corner(x: u32, y: u32, z: u8) -> Position {
    let n = f64::from(1u32 << z);
    let lon = f64::from(x) / n * 360.0 - 180.0;
    let lat = (std::f64::consts::PI * (1.0 - 2.0 * f64::from(y) / n))
        .sinh()
        .atan()
        .to_degrees();
    [lon, lat]
}

/// The image type of a tile, by its first bytes.
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x89, b'P', b'N', b'G', ..] => Some("image/png"),
        [0xFF, 0xD8, 0xFF, ..] => Some("image/jpeg"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        // A vector tile drawn as SVG by the GIS crate.
        [b'<', b's', b'v', b'g', ..] => Some("image/svg+xml"),
        _ => None,
    }
}

fn escape(text: &str) -> String {
    quick_xml::escape::escape(ascn_model::validation::xml_safe(text)).into_owned()
}

fn hex(code: &str) -> String {
    let c = focus_area_colour(code);
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Appends one `<path>` per shape, with its name as the tooltip.
fn titled_paths(svg: &mut String, shapes: &[MapShape]) {
    for shape in shapes {
        svg.push_str(&format!(
            "<path d=\"{}\"><title>{}</title></path>\n",
            shape.d,
            escape(&shape.name)
        ));
    }
}

/// The view as a standalone SVG document, with a legend and the data's attribution.
pub fn to_svg(view: &MapView, reference: &Reference) -> String {
    let (w, h) = (view.width, view.height);
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="DejaVu Sans, sans-serif">
<rect width="{w}" height="{h}" fill="#dbe9f4"/>
"##
    );
    if view.tiles.is_empty() {
        s.push_str("<g id=\"land\" fill=\"#f4f1ea\" stroke=\"#b0a999\" stroke-width=\"0.8\">\n");
        titled_paths(&mut s, &view.land);
    } else {
        s.push_str("<g id=\"basemap\">\n");
        for t in &view.tiles {
            s.push_str(&format!(
                "<image href=\"{}\" x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" preserveAspectRatio=\"none\"/>\n",
                t.href, t.x, t.y, t.width, t.height
            ));
        }
    }
    s.push_str("</g>\n<g id=\"districts\" fill=\"none\" stroke=\"#7a8794\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\">\n");
    titled_paths(&mut s, &view.districts);
    s.push_str("</g>\n<g id=\"district-labels\" font-size=\"11\" fill=\"#5b6875\" text-anchor=\"middle\">\n");
    for d in &view.districts {
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>\n",
            d.x,
            d.y,
            escape(&d.name)
        ));
    }
    s.push_str("</g>\n<g id=\"projects\">\n");
    for f in &view.features {
        let colour = hex(&f.focus_area);
        let title = escape(&format!("{} {}", f.code, f.title));
        let shape = match f.kind {
            FeatureKind::Point => format!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"6\" fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"1.5\">",
                f.x, f.y
            ),
            FeatureKind::Line => format!(
                "<path d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"4\" stroke-linecap=\"round\">",
                f.d
            ),
            FeatureKind::Area => format!(
                "<path d=\"{}\" fill=\"{colour}\" fill-opacity=\"0.35\" stroke=\"{colour}\" stroke-width=\"2\">",
                f.d
            ),
        };
        let tag = if f.kind == FeatureKind::Point {
            "circle"
        } else {
            "path"
        };
        s.push_str(&format!(
            "<g data-project=\"{}\">{shape}<title>{title}</title></{tag}><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#1d2733\">{}</text></g>\n",
            f.project_id,
            f.x + 8.0,
            f.y - 8.0,
            escape(&f.code)
        ));
    }
    s.push_str("</g>\n");
    if let Some(city) = &view.city {
        s.push_str(&format!(
            "<g id=\"city\"><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"8\" fill=\"#f1c232\" stroke=\"#1d2733\" stroke-width=\"2\"/><text x=\"{x:.1}\" y=\"{ty:.1}\" font-size=\"14\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#1d2733\">{}</text></g>\n",
            escape(&city.name),
            x = city.x,
            y = city.y,
            ty = city.y - 14.0
        ));
    }
    // Legend: the focus areas that appear on this map.
    let shown: Vec<_> = reference
        .focus_areas
        .iter()
        .filter(|a| view.features.iter().any(|f| f.focus_area == a.code))
        .collect();
    if !shown.is_empty() {
        let lh = 20.0 * shown.len() as f64 + 12.0;
        s.push_str(&format!(
            "<g id=\"legend\" font-size=\"12\"><rect x=\"12\" y=\"12\" width=\"200\" height=\"{lh}\" fill=\"#ffffff\" fill-opacity=\"0.9\" stroke=\"#d5dce3\"/>\n"
        ));
        for (i, a) in shown.iter().enumerate() {
            let y = 28.0 + 20.0 * i as f64;
            s.push_str(&format!(
                "<circle cx=\"26\" cy=\"{:.1}\" r=\"6\" fill=\"{}\"/><text x=\"38\" y=\"{:.1}\" fill=\"#1d2733\">{}</text>\n",
                y - 4.0,
                hex(&a.code),
                y,
                escape(&a.name)
            ));
        }
        s.push_str("</g>\n");
    }
    s.push_str(&format!(
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#5b6875\" text-anchor=\"end\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>\n</svg>\n",
        w - 8.0,
        h - 8.0,
        escape(&view.attribution)
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use ascn_model::CityId;

    fn city() -> City {
        City {
            id: CityId(1),
            name: "Da Nang".into(),
            member_state: "VNM".into(),
            population: None,
            population_year: None,
            latitude: Some(16.0678),
            longitude: Some(108.2208),
            pilot: true,
            member_since: Some(2018),
            officer: None,
            has_plan: true,
        }
    }

    #[test]
    fn a_city_alone_sits_in_the_middle_of_a_proportioned_map() {
        let v = view(&city(), &[], &[], (800.0, 600.0), None).unwrap();
        let c = v.city.as_ref().unwrap();
        assert!((c.x - 400.0).abs() < 1e-6 && (c.y - 300.0).abs() < 1e-6);
        let [x0, y0, x1, y1] = v.bounds;
        let ground_aspect = (x1 - x0) * 16.0678f64.to_radians().cos() / (y1 - y0);
        assert!(
            (ground_aspect - 800.0 / 600.0).abs() < 1e-9,
            "shapes keep their proportions"
        );
        assert!(
            (y1 - y0 - MIN_SPAN).abs() < 1e-9,
            "a lone point gets the smallest span"
        );
        assert!(
            v.land.iter().any(|l| l.name == "Vietnam"),
            "the basemap shows the country around the city: {:?}",
            v.land.iter().map(|l| &l.name).collect::<Vec<_>>()
        );
    }

    #[test]
    fn pixels_are_linear_in_the_bounds() {
        let p = Projection::fit([100.0, 10.0, 101.0, 11.0], 500.0, 500.0);
        let [x0, y0, x1, y1] = p.bounds;
        assert_eq!(p.xy([x0, y1]), (0.0, 0.0));
        let (x, y) = p.xy([x1, y0]);
        assert!((x - 500.0).abs() < 1e-9 && (y - 500.0).abs() < 1e-9);
    }

    #[test]
    fn a_plan_without_coordinates_shows_the_region() {
        let mut c = city();
        c.latitude = None;
        c.longitude = None;
        let v = view(&c, &[], &[], (800.0, 600.0), None).unwrap();
        assert!(v.city.is_none());
        assert!(v.land.len() >= 10, "all member states are in view");
    }

    #[test]
    fn svg_escapes_names() {
        let mut c = city();
        c.name = "<Da & Nang>".into();
        let v = view(&c, &[], &[], (400.0, 300.0), None).unwrap();
        let (reference, _) = ascn_model::framework::shipped().unwrap();
        let svg = to_svg(&v, &reference);
        assert!(svg.contains("&lt;Da &amp; Nang&gt;"));
        assert!(!svg.contains("<Da & Nang>"));
    }
}
