//! KML (OGC 07-147r2) as Google Earth and QGIS write it: each Placemark a feature, named by
//! its `<name>`, its `<ExtendedData>` the other columns, its Point, LineString, Polygon or
//! MultiGeometry the shape. KML is always WGS 84 longitude, latitude.

use ascn_model::error::Result;
use ascn_model::geometry::layer::{GisFeature, GisLayer};
use quick_xml::events::Event;
use quick_xml::Reader;

use crate::refused;
use ascn_model::says;
use ascn_model::validation::Says;

/// One Placemark as it is read.
#[derive(Default)]
struct Placemark {
    values: Vec<(String, String)>,
    polygons: Vec<geo::Polygon<f64>>,
    rings: Vec<geo::LineString<f64>>,
    lines: Vec<geo::LineString<f64>>,
    points: Vec<geo::Point<f64>>,
}

/// Reads every Placemark of a KML document.
pub fn read(text: &str) -> Result<GisLayer> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut path: Vec<String> = Vec::new();
    let mut placemark: Option<Placemark> = None;
    let mut data_name = String::new();
    let mut columns: Vec<String> = vec!["name".into()];
    let mut read: Vec<Placemark> = Vec::new();
    let mut document_name = String::new();
    loop {
        let event = reader.read_event().map_err(|e| {
            refused(says!(
                "notKmlAt",
                "is not readable KML (at byte {at}): {detail}",
                at = reader.buffer_position(),
                detail = e
            ))
        })?;
        match event {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if name == "Placemark" {
                    placemark = Some(Placemark::default());
                }
                if name == "Data" || name == "SimpleData" {
                    data_name = e
                        .try_get_attribute("name")
                        .ok()
                        .flatten()
                        .and_then(|a| a.unescape_value().ok())
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                }
                path.push(name);
            }
            Event::End(_) => {
                let ended = path.pop().unwrap_or_default();
                if let Some(p) = placemark.as_mut() {
                    match ended.as_str() {
                        "Polygon" if !p.rings.is_empty() => {
                            let mut rings = std::mem::take(&mut p.rings).into_iter();
                            let exterior =
                                rings.next().unwrap_or_else(|| geo::LineString::new(vec![]));
                            p.polygons
                                .push(geo::Polygon::new(exterior, rings.collect()));
                        }
                        "Placemark" => read.extend(placemark.take()),
                        _ => {}
                    }
                }
            }
            Event::Text(t) => {
                let value = t.decode().map_err(|e| refused(not_kml(&e)))?;
                let value = quick_xml::escape::unescape(&value)
                    .map_err(|e| refused(not_kml(&e)))?
                    .trim()
                    .to_string();
                let here = path.last().map(String::as_str).unwrap_or_default();
                let parent = path
                    .iter()
                    .rev()
                    .nth(1)
                    .map(String::as_str)
                    .unwrap_or_default();
                let Some(p) = placemark.as_mut() else {
                    if here == "name" && parent == "Document" {
                        document_name = value;
                    }
                    continue;
                };
                match (here, parent) {
                    ("name", "Placemark") => p.values.push(("name".into(), value)),
                    ("value", "Data") | ("SimpleData", _) => {
                        if !columns.contains(&data_name) {
                            columns.push(data_name.clone());
                        }
                        p.values.push((data_name.clone(), value));
                    }
                    ("coordinates", _) => {
                        let coords = coordinates(&value)?;
                        match parent {
                            "Point" => p.points.extend(coords.first().map(|c| geo::Point(*c))),
                            "LineString" => p.lines.push(geo::LineString::new(coords)),
                            "LinearRing" => p.rings.push(geo::LineString::new(coords)),
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let features = read
        .into_iter()
        .map(|p| {
            let values = columns
                .iter()
                .map(|c| {
                    p.values
                        .iter()
                        .find(|(k, _)| k == c)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default()
                })
                .collect();
            GisFeature::new(values, shape(p))
        })
        .collect();
    Ok(GisLayer {
        format: "KML".into(),
        name: document_name,
        crs: "EPSG:4326 WGS 84".into(),
        columns,
        features,
        other_layers: Vec::new(),
    })
}

/// The Placemark's shape: its areas, else its lines, else its points.
fn shape(mut p: Placemark) -> Option<geo::Geometry<f64>> {
    if p.polygons.len() > 1 {
        Some(geo::Geometry::MultiPolygon(geo::MultiPolygon(p.polygons)))
    } else if let Some(polygon) = p.polygons.pop() {
        Some(geo::Geometry::Polygon(polygon))
    } else if p.lines.len() > 1 {
        Some(geo::Geometry::MultiLineString(geo::MultiLineString(
            p.lines,
        )))
    } else if let Some(line) = p.lines.pop() {
        Some(geo::Geometry::LineString(line))
    } else if p.points.len() > 1 {
        Some(geo::Geometry::MultiPoint(geo::MultiPoint(p.points)))
    } else {
        p.points.pop().map(geo::Geometry::Point)
    }
}

fn not_kml(e: &dyn std::fmt::Display) -> Says {
    says!("notKml", "is not readable KML: {detail}", detail = e)
}

/// `lon,lat[,alt]` tuples separated by white space.
fn coordinates(text: &str) -> Result<Vec<geo::Coord<f64>>> {
    text.split_whitespace()
        .map(|tuple| {
            let mut numbers = tuple.split(',').map(|n| n.trim().parse::<f64>());
            match (numbers.next(), numbers.next()) {
                (Some(Ok(x)), Some(Ok(y))) => Ok(geo::coord! { x: x, y: y }),
                _ => Err(refused(says!(
                    "notLonLat",
                    "has coordinates '{tuple}' that are not longitude,latitude",
                    tuple = tuple
                ))),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ascn_model::Geometry;

    #[test]
    fn placemarks_are_features_named_with_their_data() {
        let kml = r#"<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Quận</name>
<Placemark><name>Hải Châu</name>
  <ExtendedData><Data name="ma"><value>490</value></Data></ExtendedData>
  <Polygon><outerBoundaryIs><LinearRing><coordinates>
    108.20,16.04,0 108.23,16.04,0 108.23,16.08,0 108.20,16.08,0 108.20,16.04,0
  </coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
<Placemark><name>Cầu Rồng</name><Point><coordinates>108.2272,16.0611</coordinates></Point></Placemark>
</Document></kml>"#;
        let layer = read(kml).unwrap();
        assert_eq!(layer.columns, ["name", "ma"]);
        assert_eq!(layer.name, "Quận");
        assert_eq!(layer.features[0].values, ["Hải Châu", "490"]);
        assert!(matches!(
            layer.features[0].geometry,
            Some(Geometry::Polygon(_))
        ));
        assert_eq!(layer.features[1].values, ["Cầu Rồng", ""]);
        assert_eq!(
            layer.features[1].geometry,
            Some(Geometry::Point([108.2272, 16.0611]))
        );
    }

    #[test]
    fn broken_kml_is_refused_saying_where() {
        let message = read("<kml><Placemark><coordinates>a,b</coordinates></Placemark></kml>")
            .unwrap_err()
            .to_string();
        assert!(message.contains("'a,b'"), "{message}");
        assert!(read("<kml><Placemark></kml>").is_err());
    }
}
