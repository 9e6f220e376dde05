//! The attributes a project carries into GIS files (the GeoJSON export, the GeoPackage), one
//! list so the two say the same, and a GIS colleague finds the same columns in both.

use serde_json::{json, Value};

use crate::analysis;
use crate::framework::Reference;
use crate::{PlanDocument, Project};

/// The attribute names, in the order the columns are written.
pub const PROJECT_ATTRIBUTES: &[&str] = &[
    "project_code",
    "title",
    "focus_area",
    "focus_area_name",
    "sectors",
    "status",
    "start_year",
    "end_year",
    "lead_agency",
    "budget",
    "currency",
    "city",
    "member_state",
];

/// A project's attributes, in [`PROJECT_ATTRIBUTES`]' order. A budget not known yet is null,
/// never 0.
pub fn project_attributes(
    doc: &PlanDocument,
    reference: &Reference,
    currency: Option<&str>,
    project: &Project,
) -> Vec<Value> {
    let d = &project.draft;
    let area = reference
        .focus_areas
        .iter()
        .find(|f| f.code == d.primary_focus_area)
        .map_or("", |f| f.name.as_str());
    vec![
        json!(d.code),
        json!(d.title),
        json!(d.primary_focus_area),
        json!(area),
        json!(d.sectors),
        json!(d.status),
        json!(d.start_year),
        json!(d.end_year),
        json!(d.lead_agency),
        json!(analysis::known_budget(project, currency)),
        json!(currency),
        json!(doc.city.name),
        json!(doc.city.member_state),
    ]
}
