//! Project sites from a layer of a GIS file: each feature a place of the project whose code its
//! code column holds (a station, a pipe, a park the GIS office already drew).

use crate::geometry;
use crate::geometry::layer::{in_feature, of_feature, GisLayer};
use crate::says;
use crate::validation::{FieldError, Rule};
use crate::Location;

/// A site read from a file, checked, for the project with `code`.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteShape {
    /// Which feature of the file it is (from 1), for messages.
    pub feature: usize,
    pub code: String,
    pub location: Location,
}

/// The column that most often holds one of `codes` (the plan's project codes), when any does.
pub fn code_column(layer: &GisLayer, codes: &[String]) -> Option<String> {
    let hits = |at: usize| {
        layer
            .features
            .iter()
            .filter(|f| {
                f.values
                    .get(at)
                    .is_some_and(|v| codes.iter().any(|c| c == v.trim()))
            })
            .count()
    };
    (0..layer.columns.len())
        .map(|at| (hits(at), at))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, at)| (*n, std::cmp::Reverse(*at)))
        .map(|(_, at)| layer.columns[at].clone())
}

/// The sites of a layer: the project code from `code_column`, the site's name from
/// `name_column` (else none). `Err` lists every problem, naming the feature.
pub fn from_layer(
    layer: &GisLayer,
    code_column: &str,
    name_column: Option<&str>,
) -> Result<Vec<SiteShape>, Vec<FieldError>> {
    let code_at = layer
        .column_or_error("code_column", code_column)
        .map_err(|e| vec![e])?;
    let name_at = match name_column {
        Some(column) => Some(
            layer
                .column_or_error("name_column", column)
                .map_err(|e| vec![e])?,
        ),
        None => None,
    };
    let mut errors = Vec::new();
    let mut sites = Vec::new();
    for (i, feature) in layer.features.iter().enumerate() {
        let field = format!("features[{i}]");
        let n = i + 1;
        let value = |at: usize| feature.values.get(at).map(|v| v.trim()).unwrap_or_default();
        let code = value(code_at);
        if code.is_empty() {
            errors.push(FieldError::new(
                format!("{field}.properties.{code_column}"),
                Rule::Required,
                says!(
                    "noCodeInColumn",
                    "feature {n} has no project code in column '{column}'",
                    n = n,
                    column = code_column
                ),
            ));
            continue;
        }
        let Some(geometry) = feature.geometry.clone() else {
            let problem = match feature.kind.as_str() {
                "none" => says!("noGeometry", "has no geometry"),
                kind => says!(
                    "siteKind",
                    "is a {kind}; a site must be a point, a line or an area",
                    kind = kind
                ),
            };
            errors.push(FieldError::new(
                format!("{field}.geometry"),
                Rule::InvalidGeometry,
                in_feature(n, code, problem),
            ));
            continue;
        };
        let problems = geometry::check(&format!("{field}.geometry"), &geometry);
        if !problems.is_empty() {
            errors.extend(of_feature(problems, n, code));
            continue;
        }
        sites.push(SiteShape {
            feature: n,
            code: code.to_string(),
            location: Location {
                name: name_at.map(value).unwrap_or_default().to_string(),
                geometry,
            },
        });
    }
    if layer.features.is_empty() {
        errors.push(FieldError::new(
            "file",
            Rule::Required,
            says!("noSites", "holds no sites"),
        ));
    }
    if errors.is_empty() {
        Ok(sites)
    } else {
        Err(errors)
    }
}
