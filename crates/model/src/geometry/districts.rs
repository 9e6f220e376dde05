//! District boundaries from a GeoJSON file (a FeatureCollection of Polygons or MultiPolygons,
//! each with a name property), as city GIS offices and GADM export them.

use std::collections::HashSet;

use geojson::GeometryValue;

use crate::geometry;
use crate::validation::{FieldError, Rule};
use crate::{Geometry, Position};

/// Largest district file accepted.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// Property names tried, in order, for a district's name.
const NAME_KEYS: &[&str] = &[
    "name", "NAME", "Name", "district", "DISTRICT", "NAME_3", "NAME_2", "NAME_1",
];

/// A district read from a file, checked, not yet stored.
#[derive(Debug, Clone, PartialEq)]
pub struct DistrictShape {
    pub name: String,
    pub geometry: Geometry,
}

/// Parses and checks a district file; `Err` lists every problem, naming the feature.
pub fn parse(text: &str) -> Result<Vec<DistrictShape>, Vec<FieldError>> {
    let error = |field: String, rule: Rule, message: String| FieldError::new(field, rule, message);
    let geojson: geojson::GeoJson = text.parse().map_err(|e: geojson::Error| {
        vec![error(
            "file".into(),
            Rule::Format,
            format!("is not GeoJSON: {e}"),
        )]
    })?;
    let features = match geojson {
        geojson::GeoJson::FeatureCollection(c) => c.features,
        geojson::GeoJson::Feature(f) => vec![f],
        geojson::GeoJson::Geometry(_) => {
            return Err(vec![error(
                "file".into(),
                Rule::Format,
                "holds a bare geometry; districts need a FeatureCollection with names".into(),
            )])
        }
    };
    let mut errors = Vec::new();
    let mut districts = Vec::new();
    let mut names = HashSet::new();
    for (i, feature) in features.iter().enumerate() {
        let field = format!("features[{i}]");
        let label = format!("feature {}", i + 1);
        let name = NAME_KEYS.iter().find_map(|key| {
            feature
                .property(key)
                .and_then(|v| v.as_str())
                .map(str::trim)
                .filter(|n| !n.is_empty())
        });
        let Some(name) = name else {
            errors.push(error(
                format!("{field}.properties.name"),
                Rule::Required,
                format!(
                    "{label} has no name property (one of {})",
                    NAME_KEYS.join(", ")
                ),
            ));
            continue;
        };
        if !names.insert(name.to_string()) {
            errors.push(error(
                format!("{field}.properties.name"),
                Rule::Duplicate,
                format!("{label}: the name '{name}' is used twice"),
            ));
        }
        let geometry = match feature.geometry.as_ref().map(|g| &g.value) {
            Some(GeometryValue::Polygon { coordinates }) => {
                rings_of(coordinates).map(Geometry::Polygon)
            }
            Some(GeometryValue::MultiPolygon { coordinates }) => coordinates
                .iter()
                .map(|rings| rings_of(rings))
                .collect::<Result<Vec<_>, _>>()
                .map(Geometry::MultiPolygon),
            Some(other) => Err(format!(
                "is a {}; a district must be a Polygon or MultiPolygon",
                other.type_name()
            )),
            None => Err("has no geometry".into()),
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
                errors.extend(problems.into_iter().map(|p| FieldError {
                    message: format!("{label} ({name}): {}", p.message),
                    ..p
                }));
            }
            Err(message) => errors.push(error(
                format!("{field}.geometry"),
                Rule::InvalidGeometry,
                format!("{label} ({name}) {message}"),
            )),
        }
    }
    if features.is_empty() {
        errors.push(error(
            "file".into(),
            Rule::Required,
            "holds no districts".into(),
        ));
    }
    if errors.is_empty() {
        Ok(districts)
    } else {
        Err(errors)
    }
}

fn rings_of(rings: &[Vec<geojson::Position>]) -> Result<Vec<Vec<Position>>, String> {
    rings
        .iter()
        .map(|ring| {
            ring.iter()
                .map(|p| match p.as_slice() {
                    [lon, lat, ..] => Ok([*lon, *lat]),
                    _ => Err("has a position with fewer than two numbers".to_string()),
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
                "feature 1 has no name property (one of name, NAME, Name, district, DISTRICT, NAME_3, NAME_2, NAME_1)",
                "feature 2 (Open): the outline is not closed: it must end where it starts (0, 0)",
                "feature 3 (Road) is a LineString; a district must be a Polygon or MultiPolygon",
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
