//! Features read from a GIS file (Shapefile, GeoPackage, KML, GeoJSON), already in WGS 84,
//! before the user says what they are: a city's districts, or sites of the plan's projects.
//!
//! The reader of each format and the transformation from the file's coordinate system live in
//! `ascn-gis`; this is the one shape they all give, which the preview shows and the districts
//! and sites are made from.

use geo::Geometry as Geo;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::says;
use crate::validation::{FieldError, Rule, Says};
use crate::{Geometry, Position};

/// One layer of a GIS file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GisLayer {
    /// The format as a user names it: "Shapefile", "GeoPackage", "KML", "GeoJSON".
    pub format: String,
    /// The layer's name in the file (a GeoPackage table, a Shapefile's base name).
    pub name: String,
    /// The file's coordinate reference system, e.g. "EPSG:3405 VN-2000 / UTM zone 48N".
    pub crs: String,
    /// The attribute columns, in the file's order.
    pub columns: Vec<String>,
    pub features: Vec<GisFeature>,
    /// Other layers of the same file, not read (a GeoPackage may hold several).
    pub other_layers: Vec<String>,
}

/// One feature: its attributes as text, one per column, and its shape in WGS 84.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GisFeature {
    pub values: Vec<String>,
    /// `None` when the feature has no shape or one the plan cannot hold (see `kind`).
    pub geometry: Option<Geometry>,
    /// The shape's type as the file has it ("Polygon", "MultiLineString", "none").
    pub kind: String,
}

/// What a preview shows of a layer before anything is imported: where it comes from, its
/// columns, its first rows, the kinds of shapes, and the column that seems to name them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GisPreview {
    pub format: String,
    pub name: String,
    pub crs: String,
    pub columns: Vec<String>,
    /// The first rows' values, one per column.
    pub rows: Vec<Vec<String>>,
    pub feature_count: u32,
    /// Each kind of shape with how many features have it, e.g. `("MultiPolygon", 3)`.
    pub kinds: Vec<(String, u32)>,
    /// The column that names the districts, as guessed; the user may choose another.
    pub name_column: Option<String>,
    /// The column that holds the plan's project codes, when the features are sites: the one
    /// with most values that are codes of the plan.
    pub code_column: Option<String>,
    pub other_layers: Vec<String>,
}

/// Rows a preview shows.
const PREVIEW_ROWS: usize = 20;

impl GisLayer {
    /// What the preview shows of this layer, for a plan whose project codes are `codes`.
    pub fn preview(&self, codes: &[String]) -> GisPreview {
        let mut kinds: Vec<(String, u32)> = Vec::new();
        for feature in &self.features {
            match kinds.iter_mut().find(|(k, _)| *k == feature.kind) {
                Some((_, n)) => *n += 1,
                None => kinds.push((feature.kind.clone(), 1)),
            }
        }
        GisPreview {
            format: self.format.clone(),
            name: self.name.clone(),
            crs: self.crs.clone(),
            columns: self.columns.clone(),
            rows: self
                .features
                .iter()
                .take(PREVIEW_ROWS)
                .map(|f| f.values.clone())
                .collect(),
            feature_count: u32::try_from(self.features.len()).unwrap_or(u32::MAX),
            kinds,
            name_column: crate::geometry::districts::name_column(self).map(str::to_string),
            code_column: crate::geometry::sites::code_column(self, codes),
            other_layers: self.other_layers.clone(),
        }
    }

    /// Where `column` is among the columns.
    pub fn column(&self, column: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == column)
    }

    /// Where `column` is, or an error on `field` naming the columns the layer has.
    pub fn column_or_error(&self, field: &str, column: &str) -> Result<usize, FieldError> {
        self.column(column).ok_or_else(|| {
            FieldError::new(
                field,
                Rule::Unknown,
                says!(
                    "noSuchColumn",
                    "the layer has no column '{column}'; it has {columns}",
                    column = column,
                    columns = self.columns.join(", ")
                ),
            )
        })
    }
}

impl GisFeature {
    /// A feature from a shape as `geo` holds it: the plan's four kinds keep their shape; a
    /// multi-point or multi-line of one part is that
    /// part; other kinds keep only their name.
    pub fn new(values: Vec<String>, shape: Option<Geo<f64>>) -> GisFeature {
        let kind = shape.as_ref().map_or("none", kind_of).to_string();
        GisFeature {
            values,
            geometry: shape.and_then(from_geo),
            kind,
        }
    }
}

/// A shape's problems said of the feature that has it: `feature 3 (Sơn Trà): …`.
pub fn of_feature(problems: Vec<FieldError>, n: usize, name: &str) -> Vec<FieldError> {
    problems
        .into_iter()
        .map(|p| {
            let (field, rule) = (p.field.clone(), p.rule);
            FieldError::new(field, rule, in_feature(n, name, p.into()))
        })
        .collect()
}

/// A problem said of the `n`th feature of a file, by its name when it has one.
pub fn in_feature(n: usize, name: &str, problem: Says) -> Says {
    if name.is_empty() {
        says!("inFeature", "feature {n}: {problem}", n = n; problem = problem)
    } else {
        says!(
            "inNamedFeature",
            "feature {n} ({name}): {problem}",
            n = n,
            name = name;
            problem = problem
        )
    }
}

/// The name a file format gives the shape's type.
pub fn kind_of(shape: &Geo<f64>) -> &'static str {
    match shape {
        Geo::Point(_) => "Point",
        Geo::Line(_) | Geo::LineString(_) => "LineString",
        Geo::Polygon(_) | Geo::Rect(_) | Geo::Triangle(_) => "Polygon",
        Geo::MultiPoint(_) => "MultiPoint",
        Geo::MultiLineString(_) => "MultiLineString",
        Geo::MultiPolygon(_) => "MultiPolygon",
        Geo::GeometryCollection(_) => "GeometryCollection",
    }
}

/// The plan's shape of a `geo` shape (x = longitude, y = latitude), when the plan has one.
pub fn from_geo(shape: Geo<f64>) -> Option<Geometry> {
    let line =
        |l: &geo::LineString<f64>| -> Vec<Position> { l.coords().map(|c| [c.x, c.y]).collect() };
    let polygon = |p: &geo::Polygon<f64>| -> Vec<Vec<Position>> {
        std::iter::once(p.exterior())
            .chain(p.interiors())
            .map(line)
            .collect()
    };
    match shape {
        Geo::Point(p) => Some(Geometry::Point([p.x(), p.y()])),
        Geo::Line(l) => Some(Geometry::LineString(vec![
            [l.start.x, l.start.y],
            [l.end.x, l.end.y],
        ])),
        Geo::LineString(l) => Some(Geometry::LineString(line(&l))),
        Geo::Polygon(p) => Some(Geometry::Polygon(polygon(&p))),
        Geo::Rect(r) => Some(Geometry::Polygon(polygon(&r.to_polygon()))),
        Geo::Triangle(t) => Some(Geometry::Polygon(polygon(&t.to_polygon()))),
        Geo::MultiPolygon(m) => Some(Geometry::MultiPolygon(m.0.iter().map(polygon).collect())),
        Geo::MultiPoint(m) if m.0.len() == 1 => Some(Geometry::Point([m.0[0].x(), m.0[0].y()])),
        Geo::MultiLineString(m) if m.0.len() == 1 => Some(Geometry::LineString(line(&m.0[0]))),
        Geo::MultiPoint(_) | Geo::MultiLineString(_) | Geo::GeometryCollection(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::to_geo;

    #[test]
    fn the_plans_shapes_go_to_geo_and_back_unchanged() {
        let square = vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]];
        for shape in [
            Geometry::Point([108.2, 16.07]),
            Geometry::LineString(vec![[108.2, 16.0], [108.3, 16.1]]),
            Geometry::Polygon(vec![square.clone()]),
            Geometry::MultiPolygon(vec![vec![square.clone()], vec![square.clone()]]),
        ] {
            assert_eq!(from_geo(to_geo(&shape)), Some(shape));
        }
        let lines = geo::MultiLineString::new(vec![
            geo::LineString::from(vec![(0.0, 0.0), (1.0, 1.0)]),
            geo::LineString::from(vec![(2.0, 2.0), (3.0, 3.0)]),
        ]);
        let feature = GisFeature::new(vec![], Some(Geo::MultiLineString(lines)));
        assert_eq!(
            (feature.geometry, feature.kind.as_str()),
            (None, "MultiLineString")
        );
    }
}
