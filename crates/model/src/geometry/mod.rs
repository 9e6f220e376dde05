//! Geometry of plans: project locations and district boundaries, checked and measured with the
//! `geo` crate.
//!
//! Shapes are stored as GeoJSON geometry text (serde_json with exact float round-tripping), so
//! what a planner draws or imports comes back bit for bit. Checks report every problem with the
//! field path the rest of validation uses; `geo`'s OGC validation finds self-intersections.

pub mod attributes;
pub mod districts;
pub mod layer;
pub mod sites;

use geo::algorithm::validation::{InvalidGeometry, InvalidMultiPolygon, InvalidPolygon, RingRole};
use geo::orient::{Direction, Orient};
use geo::{BoundingRect, Centroid, GeodesicArea, Intersects, Validation};

use crate::says;
use crate::validation::{FieldError, Rule, Says};
use crate::{Geometry, Position};

/// Longest list of positions one shape may hold; more is a mistake or an attack, not a plan.
pub const MAX_POSITIONS: usize = 200_000;

/// Checks a shape; every problem is reported under `field`.
pub fn check(field: &str, geometry: &Geometry) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut error =
        |rule: Rule, says: Says| errors.push(FieldError::new(field.to_string(), rule, says));
    let count = positions(geometry).count();
    if count > MAX_POSITIONS {
        error(
            Rule::TooLong,
            says!(
                "tooManyPoints",
                "has {count} points; at most {max} are accepted",
                count = count,
                max = MAX_POSITIONS
            ),
        );
        return errors;
    }
    for (i, [lon, lat]) in positions(geometry).enumerate() {
        let n = i + 1;
        if !lon.is_finite() || !lat.is_finite() {
            error(
                Rule::NotANumber,
                says!("pointNotANumber", "point {n} is not a number", n = n),
            );
        } else if !(-180.0..=180.0).contains(&lon) {
            error(
                Rule::OutOfRange,
                says!(
                    "pointLongitudeOff",
                    "point {n}: longitude {lon} is outside −180…180",
                    n = n,
                    lon = lon
                ),
            );
        } else if !(-90.0..=90.0).contains(&lat) {
            error(
                Rule::OutOfRange,
                says!(
                    "pointLatitudeOff",
                    "point {n}: latitude {lat} is outside −90…90",
                    n = n,
                    lat = lat
                ),
            );
        }
    }
    match geometry {
        Geometry::Point(_) => {}
        Geometry::LineString(line) => {
            if distinct(line) < 2 {
                error(
                    Rule::InvalidGeometry,
                    says!("lineTooFew", "a line needs at least two different points"),
                );
            }
        }
        Geometry::Polygon(rings) => check_rings(rings, &mut |rule, says| error(rule, says)),
        Geometry::MultiPolygon(polygons) => {
            if polygons.is_empty() {
                error(Rule::InvalidGeometry, says!("noArea", "has no area"));
            }
            for (i, rings) in polygons.iter().enumerate() {
                check_rings(rings, &mut |rule, problem| {
                    error(rule, in_part(i, problem));
                });
            }
        }
    }
    if errors.is_empty() {
        // Only shapes that are well formed reach geo's topology checks.
        for problem in to_geo(geometry).validation_errors() {
            errors.push(FieldError::new(
                field.to_string(),
                Rule::InvalidGeometry,
                topology(&problem),
            ));
        }
    }
    errors
}

/// A problem of one part of a multi-part area (`index` from 0).
fn in_part(index: usize, problem: Says) -> Says {
    says!("inPart", "part {part}: {problem}", part = index + 1; problem = problem)
}

fn check_rings(rings: &[Vec<Position>], error: &mut impl FnMut(Rule, Says)) {
    if rings.is_empty() {
        error(
            Rule::InvalidGeometry,
            says!("needsOutline", "an area needs an outline"),
        );
    }
    for (i, ring) in rings.iter().enumerate() {
        if ring.len() < 4 || distinct(ring) < 3 {
            error(Rule::InvalidGeometry, ring_too_few(ring_name(i)));
        } else if ring.first() != ring.last() {
            error(
                Rule::InvalidGeometry,
                says!(
                    "ringNotClosed",
                    "{ring} is not closed: it must end where it starts ({lon}, {lat})",
                    lon = ring[0][0],
                    lat = ring[0][1];
                    ring = ring_name(i)
                ),
            );
        }
    }
}

/// A polygon's ring by its index: 0 is the outline, the others its holes.
fn ring_name(index: usize) -> Says {
    if index == 0 {
        says!("theOutline", "the outline")
    } else {
        says!("hole", "hole {n}", n = index)
    }
}

fn ring_too_few(ring: Says) -> Says {
    says!("ringTooFew", "{ring} needs at least three different points"; ring = ring)
}

/// What geo's OGC validation found, worded as the checks above word theirs.
fn topology(problem: &InvalidGeometry) -> Says {
    match problem {
        InvalidGeometry::InvalidPolygon(p) => polygon_problem(p),
        InvalidGeometry::InvalidMultiPolygon(m) => match m {
            InvalidMultiPolygon::InvalidPolygon(i, p) => in_part(i.0, polygon_problem(p)),
            InvalidMultiPolygon::ElementsOverlaps(a, b) => says!(
                "partsOverlap",
                "parts {a} and {b} overlap",
                a = a.0 + 1,
                b = b.0 + 1
            ),
            InvalidMultiPolygon::ElementsTouchOnALine(a, b) => says!(
                "partsTouch",
                "parts {a} and {b} touch along a line",
                a = a.0 + 1,
                b = b.0 + 1
            ),
        },
        // Points and lines are checked above; nothing else is stored.
        other => says!(
            "invalidShape",
            "is not a valid shape: {detail}",
            detail = other
        ),
    }
}

fn polygon_problem(problem: &InvalidPolygon) -> Says {
    let ring = |role: &RingRole| match role {
        RingRole::Exterior => ring_name(0),
        RingRole::Interior(i) => ring_name(i + 1),
    };
    match problem {
        InvalidPolygon::TooFewPointsInRing(r) => ring_too_few(ring(r)),
        InvalidPolygon::SelfIntersection(r) => {
            says!("ringCrossesItself", "{ring} crosses itself"; ring = ring(r))
        }
        InvalidPolygon::NonFiniteCoord(r, _) => says!(
            "ringNotANumber",
            "{ring} has a point that is not a number";
            ring = ring(r)
        ),
        InvalidPolygon::InteriorRingNotContainedInExteriorRing(r) => {
            says!("holeOutside", "{ring} lies outside the outline"; ring = ring(r))
        }
        InvalidPolygon::IntersectingRingsOnALine(a, b) => says!(
            "ringsTouch",
            "{a} and {b} touch along a line";
            a = ring(a),
            b = ring(b)
        ),
        InvalidPolygon::IntersectingRingsOnAnArea(a, b) => {
            says!("ringsOverlap", "{a} and {b} overlap"; a = ring(a), b = ring(b))
        }
    }
}

fn distinct(positions: &[Position]) -> usize {
    let mut seen: Vec<&Position> = Vec::new();
    for p in positions {
        if !seen.contains(&p) {
            seen.push(p);
            if seen.len() >= 3 {
                break;
            }
        }
    }
    seen.len()
}

/// Every position of a shape, in order.
pub fn positions(geometry: &Geometry) -> Box<dyn Iterator<Item = Position> + '_> {
    match geometry {
        Geometry::Point(p) => Box::new(std::iter::once(*p)),
        Geometry::LineString(line) => Box::new(line.iter().copied()),
        Geometry::Polygon(rings) => Box::new(rings.iter().flatten().copied()),
        Geometry::MultiPolygon(parts) => Box::new(parts.iter().flatten().flatten().copied()),
    }
}

/// The shape as `geo` sees it (x = longitude, y = latitude).
pub fn to_geo(geometry: &Geometry) -> geo::Geometry<f64> {
    let line = |ps: &[Position]| {
        geo::LineString::from(ps.iter().map(|p| (p[0], p[1])).collect::<Vec<_>>())
    };
    let polygon = |rings: &[Vec<Position>]| {
        let exterior = rings.first().map(|r| line(r)).unwrap_or_else(|| line(&[]));
        let holes = rings.iter().skip(1).map(|r| line(r)).collect();
        geo::Polygon::new(exterior, holes)
    };
    match geometry {
        Geometry::Point(p) => geo::Geometry::Point(geo::Point::new(p[0], p[1])),
        Geometry::LineString(ps) => geo::Geometry::LineString(line(ps)),
        Geometry::Polygon(rings) => geo::Geometry::Polygon(polygon(rings)),
        Geometry::MultiPolygon(parts) => geo::Geometry::MultiPolygon(geo::MultiPolygon::new(
            parts.iter().map(|rings| polygon(rings)).collect(),
        )),
    }
}

/// The centre of mass of a shape (of its area, or its length for a line).
pub fn centroid(geometry: &Geometry) -> Option<Position> {
    to_geo(geometry).centroid().map(|c| [c.x(), c.y()])
}

/// Geodesic area in square kilometres (zero for points and lines). Rings are oriented first
/// (outline counter-clockwise, holes clockwise): the geodesic area of a ring turning the other
/// way is the rest of the globe, and Shapefiles store their outlines clockwise.
pub fn area_km2(geometry: &Geometry) -> f64 {
    let oriented = match to_geo(geometry) {
        geo::Geometry::Polygon(p) => p.orient(Direction::Default).geodesic_area_unsigned(),
        geo::Geometry::MultiPolygon(m) => m.orient(Direction::Default).geodesic_area_unsigned(),
        other => other.geodesic_area_unsigned(),
    };
    oriented / 1e6
}

/// `[min_lon, min_lat, max_lon, max_lat]`.
pub fn bounding_box(geometry: &Geometry) -> Option<[f64; 4]> {
    to_geo(geometry)
        .bounding_rect()
        .map(|r| [r.min().x, r.min().y, r.max().x, r.max().y])
}

/// Whether two shapes touch or overlap.
pub fn intersects(a: &Geometry, b: &Geometry) -> bool {
    to_geo(a).intersects(&to_geo(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64, side: f64) -> Vec<Position> {
        vec![
            [x, y],
            [x + side, y],
            [x + side, y + side],
            [x, y + side],
            [x, y],
        ]
    }

    fn messages(g: &Geometry) -> Vec<String> {
        check("geometry", g)
            .into_iter()
            .map(|e| e.message)
            .collect()
    }

    #[test]
    fn an_area_is_the_same_whichever_way_its_rings_turn() {
        let outline = square(108.0, 16.0, 0.1);
        let hole = square(108.02, 16.02, 0.02);
        let reversed = |r: &Vec<Position>| r.iter().rev().copied().collect::<Vec<_>>();
        let expected = area_km2(&Geometry::Polygon(vec![outline.clone()]))
            - area_km2(&Geometry::Polygon(vec![hole.clone()]));
        for rings in [
            vec![outline.clone(), hole.clone()],
            vec![reversed(&outline), hole.clone()],
            vec![reversed(&outline), reversed(&hole)],
        ] {
            let area = area_km2(&Geometry::Polygon(rings.clone()));
            assert!((area - expected).abs() < 1e-6, "{area} for {rings:?}");
            let parts = Geometry::MultiPolygon(vec![rings]);
            assert!((area_km2(&parts) - expected).abs() < 1e-6);
        }
        assert!(expected > 100.0 && expected < 130.0, "{expected}");
    }

    #[test]
    fn accepts_points_lines_and_areas() {
        assert!(messages(&Geometry::Point([108.2, 16.07])).is_empty());
        assert!(messages(&Geometry::LineString(vec![[108.2, 16.0], [108.3, 16.1]])).is_empty());
        assert!(messages(&Geometry::Polygon(vec![square(108.0, 16.0, 0.1)])).is_empty());
    }

    #[test]
    fn rejects_coordinates_off_the_globe() {
        assert_eq!(
            messages(&Geometry::Point([108.2, 95.0])),
            vec!["point 1: latitude 95 is outside −90…90"]
        );
        assert_eq!(
            messages(&Geometry::LineString(vec![[0.0, 0.0], [181.0, 0.0]])),
            vec!["point 2: longitude 181 is outside −180…180"]
        );
        assert_eq!(
            messages(&Geometry::Point([f64::NAN, 0.0])),
            vec!["point 1 is not a number"]
        );
    }

    #[test]
    fn rejects_open_rings_and_degenerate_shapes() {
        let mut open = square(0.0, 0.0, 1.0);
        open.pop();
        open.push([0.0, 0.5]);
        assert_eq!(
            messages(&Geometry::Polygon(vec![open])),
            vec!["the outline is not closed: it must end where it starts (0, 0)"]
        );
        assert_eq!(
            messages(&Geometry::LineString(vec![[1.0, 1.0], [1.0, 1.0]])),
            vec!["a line needs at least two different points"]
        );
    }

    #[test]
    fn rejects_a_self_intersecting_area() {
        // A bow tie: the outline crosses itself at (0.5, 0.5).
        let bow_tie = vec![[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]];
        let found = messages(&Geometry::Polygon(vec![bow_tie]));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0], "the outline crosses itself");
    }

    #[test]
    fn a_problem_said_within_another_keeps_every_key_for_the_interface() {
        let bow_tie = vec![[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]];
        let found = layer::of_feature(check("g", &Geometry::Polygon(vec![bow_tie])), 1, "Bowtie");
        assert_eq!(
            found[0].message,
            "feature 1 (Bowtie): the outline crosses itself"
        );
        assert_eq!(found[0].key, "validation.inNamedFeature");
        // ui/src/components/fieldErrors.test.ts words these values in Thai and Vietnamese.
        let values: Vec<(&str, &str)> = found[0]
            .values
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            values,
            [
                ("n", "1"),
                ("name", "Bowtie"),
                ("problem", "the outline crosses itself"),
                ("problem:key", "validation.ringCrossesItself"),
                ("problem:ring", "the outline"),
                ("problem:ring:key", "validation.theOutline"),
            ]
        );
    }

    #[test]
    fn measures_a_square_near_the_equator() {
        // 0.1° × 0.1° at the equator: about 11.13 km × 11.06 km.
        let g = Geometry::Polygon(vec![square(0.0, 0.0, 0.1)]);
        let area = area_km2(&g);
        assert!((area - 123.1).abs() < 0.5, "area {area} km²");
        let c = centroid(&g).unwrap();
        assert!((c[0] - 0.05).abs() < 1e-12 && (c[1] - 0.05).abs() < 1e-12);
        assert_eq!(bounding_box(&g), Some([0.0, 0.0, 0.1, 0.1]));
        assert_eq!(area_km2(&Geometry::Point([0.0, 0.0])), 0.0);
    }

    #[test]
    fn finds_which_shapes_meet() {
        let district = Geometry::Polygon(vec![square(108.0, 16.0, 0.1)]);
        assert!(intersects(&Geometry::Point([108.05, 16.05]), &district));
        assert!(!intersects(&Geometry::Point([108.2, 16.05]), &district));
        let road = Geometry::LineString(vec![[107.9, 16.05], [108.02, 16.05]]);
        assert!(intersects(&road, &district), "a road entering the district");
    }

    #[test]
    fn geometry_is_geojson_and_round_trips_exactly() {
        let g = Geometry::Point([108.220_833_333_333_33, 16.067_777_777_777_78]);
        let text = serde_json::to_string(&g).unwrap();
        assert_eq!(
            text,
            r#"{"type":"Point","coordinates":[108.22083333333333,16.06777777777778]}"#
        );
        let back: Geometry = serde_json::from_str(&text).unwrap();
        assert_eq!(back, g, "coordinates come back bit for bit");
    }
}
