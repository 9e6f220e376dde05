//! Project locations as an RFC 7946 GeoJSON FeatureCollection: one feature per location, with
//! the project's code, title, focus area, sectors, status, years, lead agency and budget, so the
//! file is useful in any GIS without the app.

use serde_json::{json, Map, Value};

use ascn_model::analysis;
use ascn_model::error::Result;
use ascn_model::framework::Reference;
use ascn_model::geometry::attributes::{project_attributes, PROJECT_ATTRIBUTES};
use ascn_model::PlanDocument;

/// The plan's project locations as a GeoJSON FeatureCollection.
pub fn collection(doc: &PlanDocument, reference: &Reference) -> Result<Value> {
    let currency = analysis::main_currency(&doc.projects);
    let mut features = Vec::new();
    for p in &doc.projects {
        let values = project_attributes(doc, reference, currency.as_deref(), p);
        for location in &p.draft.locations {
            let mut properties: Map<String, Value> = PROJECT_ATTRIBUTES
                .iter()
                .zip(&values)
                .map(|(name, value)| (name.to_string(), value.clone()))
                .collect();
            properties.insert("location".into(), json!(location.name));
            features.push(json!({
                "type": "Feature",
                "geometry": location.geometry,
                "properties": properties,
            }));
        }
    }
    Ok(json!({ "type": "FeatureCollection", "features": features }))
}
