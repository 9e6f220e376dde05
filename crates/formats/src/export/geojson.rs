//! Project locations as an RFC 7946 GeoJSON FeatureCollection: one feature per location, with
//! the project's code, title, focus area, sectors, status, years, lead agency and budget, so the
//! file is useful in any GIS without the app.

use serde_json::{json, Value};

use ascn_model::analysis;
use ascn_model::error::Result;
use ascn_model::framework::Reference;
use ascn_model::PlanDocument;

/// The plan's project locations as a GeoJSON FeatureCollection.
pub fn collection(doc: &PlanDocument, reference: &Reference) -> Result<Value> {
    let city = &doc.city;
    let projects = &doc.projects;
    let currency = analysis::main_currency(projects);
    let mut features = Vec::new();
    for p in projects {
        let d = &p.draft;
        let budget = analysis::budget_in(p, currency.as_deref());
        let area = reference
            .focus_areas
            .iter()
            .find(|f| f.code == d.primary_focus_area)
            .map_or("", |f| f.name.as_str());
        for location in &d.locations {
            features.push(json!({
                "type": "Feature",
                "geometry": location.geometry,
                "properties": {
                    "project_code": d.code,
                    "title": d.title,
                    "location": location.name,
                    "focus_area": d.primary_focus_area,
                    "focus_area_name": area,
                    "sectors": d.sectors,
                    "status": d.status,
                    "start_year": d.start_year,
                    "end_year": d.end_year,
                    "lead_agency": d.lead_agency,
                    "budget": budget,
                    "currency": currency,
                    "city": city.name,
                    "member_state": city.member_state,
                },
            }));
        }
    }
    Ok(json!({ "type": "FeatureCollection", "features": features }))
}
