//! The plan's layers for the app's web map: GeoJSON in WGS 84 (longitude, latitude) that the
//! map library draws over the basemap's tiles, at any zoom without asking the core again.

use serde::Serialize;
use serde_json::{json, Value};
use ts_rs::TS;

use super::{countries, union, REGION};
use ascn_model::error::Result;
use ascn_model::geometry;
use ascn_model::PlanDocument;

/// A named place on the map.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MapPlace {
    pub name: String,
    pub lon: f64,
    pub lat: f64,
}

/// What the app's map draws: Natural Earth's countries (shown when no basemap is set), the
/// city's districts, every project's sites, the city, and the extent of the whole plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MapLayers {
    /// Countries, each `{ name }`.
    #[ts(type = "unknown")]
    pub land: Value,
    /// Districts, each `{ name }`.
    #[ts(type = "unknown")]
    pub districts: Value,
    /// Project sites, each `{ project_id, location, code, title, focus_area }`.
    #[ts(type = "unknown")]
    pub features: Value,
    pub city: Option<MapPlace>,
    /// `[min_lon, min_lat, max_lon, max_lat]` of the city, its districts and its sites (the
    /// region when the plan has none).
    pub bounds: [f64; 4],
}

/// The layers of a plan.
pub fn layers(doc: &PlanDocument) -> Result<MapLayers> {
    let feature = |geometry: &ascn_model::Geometry, properties: Value| json!({ "type": "Feature", "properties": properties, "geometry": geometry });
    let collection =
        |features: Vec<Value>| json!({ "type": "FeatureCollection", "features": features });
    let land = countries()?
        .iter()
        .map(|c| feature(&c.geometry, json!({ "name": c.name })))
        .collect();
    let centre = doc.city.longitude.zip(doc.city.latitude);
    let mut extent = centre.map(|(x, y)| [x, y, x, y]);
    let districts = doc
        .districts
        .iter()
        .map(|d| {
            extent = union(extent, geometry::bounding_box(&d.geometry));
            feature(&d.geometry, json!({ "name": d.name }))
        })
        .collect();
    let mut sites = Vec::new();
    for p in &doc.projects {
        for (i, location) in p.draft.locations.iter().enumerate() {
            extent = union(extent, geometry::bounding_box(&location.geometry));
            sites.push(feature(
                &location.geometry,
                json!({
                    "project_id": p.id,
                    "location": i,
                    "code": p.draft.code,
                    "title": p.draft.title,
                    "focus_area": p.draft.primary_focus_area,
                }),
            ));
        }
    }
    Ok(MapLayers {
        land: collection(land),
        districts: collection(districts),
        features: collection(sites),
        city: centre.map(|(lon, lat)| MapPlace {
            name: doc.city.name.clone(),
            lon,
            lat,
        }),
        bounds: extent.unwrap_or(REGION),
    })
}
