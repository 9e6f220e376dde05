//! District boundaries: named Polygons or MultiPolygons from a layer of a GIS file (a GeoJSON
//! FeatureCollection here; Shapefiles, GeoPackages and KML through `ascn-gis`), as city GIS
//! offices and GADM export them.

use std::collections::HashSet;

use crate::geometry;
use crate::geometry::layer::{in_feature, of_feature, GisFeature, GisLayer};
use crate::says;
use crate::validation::{FieldError, Rule, Says};
use crate::{Geometry, Position};
use geojson::GeometryValue;

/// Largest district file accepted.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// Property names tried, in order, for a district's name.
const NAME_KEYS: &[&str] = &[
    "name", "NAME", "Name", "ten", "TEN", "Ten", "district", "DISTRICT", "NAME_3", "NAME_2",
    "NAME_1",
];

/// A district read from a file, checked, not yet stored.
#[derive(Debug, Clone, PartialEq)]
pub struct DistrictShape {
    pub name: String,
    pub geometry: Geometry,
}

/// Parses and checks a GeoJSON district file; `Err` lists every problem, naming the feature.
pub fn parse(text: &str) -> Result<Vec<DistrictShape>, Vec<FieldError>> {
    from_layer(&geojson_layer(text)?, None)
}

/// The features of a GeoJSON file (RFC 7946: always WGS 84), attributes as text.
pub fn geojson_layer(text: &str) -> Result<GisLayer, Vec<FieldError>> {
    let error = |says: Says| vec![FieldError::new("file", Rule::Format, says)];
    let geojson: geojson::GeoJson = text.parse().map_err(|e: geojson::Error| {
        error(says!("notGeoJson", "is not GeoJSON: {detail}", detail = e))
    })?;
    let features = match geojson {
        geojson::GeoJson::FeatureCollection(c) => c.features,
        geojson::GeoJson::Feature(f) => vec![f],
        geojson::GeoJson::Geometry(_) => {
            return Err(error(says!(
                "bareGeometry",
                "holds a bare geometry; districts need a FeatureCollection with names"
            )))
        }
    };
    let mut columns: Vec<String> = Vec::new();
    for feature in &features {
        for key in feature.properties.iter().flat_map(|p| p.keys()) {
            if !columns.contains(key) {
                columns.push(key.clone());
            }
        }
    }
    let bad = |i: usize, problem: Says| {
        FieldError::new(
            format!("features[{i}].geometry"),
            Rule::InvalidGeometry,
            in_feature(i + 1, "", problem),
        )
    };
    let mut errors = Vec::new();
    let mut read = Vec::new();
    for (i, feature) in features.iter().enumerate() {
        let values = columns
            .iter()
            .map(|c| match feature.property(c) {
                None | Some(serde_json::Value::Null) => String::new(),
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            })
            .collect();
        // Areas are read as written, so a ring left open is reported, not closed silently.
        let feature = match feature.geometry.as_ref().map(|g| &g.value) {
            None => GisFeature::new(values, None),
            Some(GeometryValue::Polygon { coordinates }) => match rings_of(coordinates) {
                Ok(rings) => GisFeature {
                    values,
                    geometry: Some(Geometry::Polygon(rings)),
                    kind: "Polygon".into(),
                },
                Err(e) => {
                    errors.push(bad(i, e));
                    continue;
                }
            },
            Some(GeometryValue::MultiPolygon { coordinates }) => {
                match coordinates.iter().map(|r| rings_of(r)).collect() {
                    Ok(parts) => GisFeature {
                        values,
                        geometry: Some(Geometry::MultiPolygon(parts)),
                        kind: "MultiPolygon".into(),
                    },
                    Err(e) => {
                        errors.push(bad(i, e));
                        continue;
                    }
                }
            }
            Some(other) => match geo::Geometry::<f64>::try_from(other.clone()) {
                Ok(shape) => GisFeature::new(values, Some(shape)),
                Err(e) => {
                    errors.push(bad(
                        i,
                        says!(
                            "unreadableShape",
                            "cannot be read as a shape: {detail}",
                            detail = e
                        ),
                    ));
                    continue;
                }
            },
        };
        read.push(feature);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(GisLayer {
        format: "GeoJSON".into(),
        name: String::new(),
        crs: "EPSG:4326 WGS 84".into(),
        columns,
        features: read,
        other_layers: Vec::new(),
    })
}

/// The column that names the districts: the first of the usual names the layer has.
pub fn name_column(layer: &GisLayer) -> Option<&str> {
    NAME_KEYS
        .iter()
        .find_map(|k| layer.columns.iter().find(|c| c == k))
        .or_else(|| {
            layer
                .columns
                .iter()
                .find(|c| NAME_KEYS.iter().any(|k| k.eq_ignore_ascii_case(c)))
        })
        .map(String::as_str)
}

/// The districts of a layer, each named by `name_column` (or, when none is chosen, by the
/// first of the usual name columns that has a value); `Err` lists every problem, naming the
/// feature.
pub fn from_layer(
    layer: &GisLayer,
    name_column: Option<&str>,
) -> Result<Vec<DistrictShape>, Vec<FieldError>> {
    let chosen = match name_column {
        Some(column) => Some((
            column,
            layer
                .column_or_error("name_column", column)
                .map_err(|e| vec![e])?,
        )),
        None => None,
    };
    let mut errors = Vec::new();
    let mut districts = Vec::new();
    let mut names = HashSet::new();
    for (i, feature) in layer.features.iter().enumerate() {
        let field = format!("features[{i}]");
        let n = i + 1;
        let value = |at: usize| {
            feature
                .values
                .get(at)
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
        };
        let name = match chosen {
            Some((_, at)) => value(at),
            None => NAME_KEYS
                .iter()
                .filter_map(|k| layer.column(k))
                .find_map(value),
        };
        let Some(name) = name else {
            errors.push(FieldError::new(
                format!("{field}.properties.name"),
                Rule::Required,
                match chosen {
                    Some((column, _)) => says!(
                        "noNameInColumn",
                        "feature {n} has no name in column '{column}'",
                        n = n,
                        column = column
                    ),
                    None => says!(
                        "noNameProperty",
                        "feature {n} has no name property (one of {keys})",
                        n = n,
                        keys = NAME_KEYS.join(", ")
                    ),
                },
            ));
            continue;
        };
        if !names.insert(name.to_string()) {
            errors.push(FieldError::new(
                format!("{field}.properties.name"),
                Rule::Duplicate,
                says!(
                    "nameTwice",
                    "feature {n}: the name '{name}' is used twice",
                    n = n,
                    name = name
                ),
            ));
        }
        let geometry = match (&feature.geometry, feature.kind.as_str()) {
            (Some(g @ (Geometry::Polygon(_) | Geometry::MultiPolygon(_))), _) => Ok(g.clone()),
            (_, "none") => Err(says!("noGeometry", "has no geometry")),
            (_, kind) => Err(says!(
                "districtKind",
                "is a {kind}; a district must be a Polygon or MultiPolygon",
                kind = kind
            )),
        };
        match geometry {
            Ok(geometry) => {
                let problems = geometry::check(&format!("{field}.geometry"), &geometry);
                if problems.is_empty() {
                    districts.push(DistrictShape {
                        name: name.to_string(),
                        geometry,
                    });
                }
                errors.extend(of_feature(problems, n, name));
            }
            Err(problem) => errors.push(FieldError::new(
                format!("{field}.geometry"),
                Rule::InvalidGeometry,
                in_feature(n, name, problem),
            )),
        }
    }
    if layer.features.is_empty() {
        errors.push(FieldError::new(
            "file",
            Rule::Required,
            says!("noDistricts", "holds no districts"),
        ));
    }
    if errors.is_empty() {
        Ok(districts)
    } else {
        Err(errors)
    }
}

fn rings_of(rings: &[Vec<geojson::Position>]) -> Result<Vec<Vec<Position>>, Says> {
    rings
        .iter()
        .map(|ring| {
            ring.iter()
                .map(|p| match p.as_slice() {
                    [lon, lat, ..] => Ok([*lon, *lat]),
                    _ => Err(says!(
                        "shortPosition",
                        "has a position with fewer than two numbers"
                    )),
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_DISTRICTS: &str = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"name":"Hải Châu"},"geometry":{"type":"Polygon",
         "coordinates":[[[108.20,16.04],[108.23,16.04],[108.23,16.08],[108.20,16.08],[108.20,16.04]]]}},
        {"type":"Feature","properties":{"NAME_3":"Sơn Trà"},"geometry":{"type":"MultiPolygon",
         "coordinates":[[[[108.23,16.05],[108.30,16.05],[108.30,16.12],[108.23,16.12],[108.23,16.05]]]]}}
    ]}"#;

    #[test]
    fn reads_named_polygons_and_multipolygons() {
        let districts = parse(TWO_DISTRICTS).unwrap();
        let names: Vec<_> = districts.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, vec!["Hải Châu", "Sơn Trà"]);
        assert!(matches!(districts[1].geometry, Geometry::MultiPolygon(_)));
    }

    #[test]
    fn names_the_feature_and_the_problem() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"id":7},"geometry":{"type":"Point","coordinates":[108,16]}},
            {"type":"Feature","properties":{"name":"Open"},"geometry":{"type":"Polygon",
             "coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}},
            {"type":"Feature","properties":{"name":"Road"},"geometry":{"type":"LineString",
             "coordinates":[[0,0],[1,1]]}}
        ]}"#;
        let errors = parse(text).unwrap_err();
        let messages: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "feature 1 has no name property (one of name, NAME, Name, ten, TEN, Ten, district, DISTRICT, NAME_3, NAME_2, NAME_1)",
                "feature 2 (Open): the outline is not closed: it must end where it starts (0, 0)",
                "feature 3 (Road): is a LineString; a district must be a Polygon or MultiPolygon",
            ]
        );
        assert_eq!(errors[1].field, "features[1].geometry");
    }

    #[test]
    fn refuses_what_is_not_geojson() {
        let errors = parse("name,geometry\nA,POLYGON").unwrap_err();
        assert_eq!(errors[0].field, "file");
        assert!(
            errors[0].message.starts_with("is not GeoJSON"),
            "{}",
            errors[0].message
        );
        let errors = parse(r#"{"type":"FeatureCollection","features":[]}"#).unwrap_err();
        assert_eq!(errors[0].message, "holds no districts");
    }
}
