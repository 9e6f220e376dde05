//! Versions of the ASEAN Smart Cities Framework in a workspace: the one that ships, and later
//! ones the Secretariat publishes as files, each with how it maps the focus areas of an earlier
//! version. A plan is read and checked against the version it records.

use std::collections::BTreeMap;
use std::sync::Arc;

use rusqlite::params;

use super::Workspace;
use crate::error::{Error, Result};
use ascn_model::framework::{Framework, Reference};
use ascn_model::plan_file::PlanFile;
use ascn_model::says;
use ascn_model::validation::{FieldError, Rule};
use ascn_model::Plan;

impl Workspace {
    /// The reference a plan is read and checked with: the Framework of its version.
    pub fn reference_for(&self, plan: &Plan) -> Result<Arc<Reference>> {
        self.reference_of(plan.framework_version)
    }

    /// The reference a plan file is checked with: the Framework of the version it records, when
    /// the workspace holds it, else the default one (whose check then names what differs).
    pub fn reference_for_file(&self, file: &PlanFile) -> Arc<Reference> {
        self.reference_of(file.framework.version)
            .unwrap_or_else(|_| self.shared_reference())
    }

    /// Loads a later version of the Framework from its file: kept whole, its codes added to the
    /// workspace, its map from an earlier version kept. The map must send every focus area of
    /// that version somewhere, so carrying a plan over never meets a focus area it cannot place.
    pub fn load_framework(&mut self, text: &str) -> Result<Arc<Reference>> {
        let f = Framework::parse(text)?;
        if self.frameworks.iter().any(|r| r.version == f.version) {
            return Err(Error::conflict(ascn_model::says!(
                errors: "frameworkHeld",
                "the workspace already holds version {version} of the Framework",
                version = f.version
            )));
        }
        let mut problems = Vec::new();
        match &f.maps_from {
            Some(map) => {
                let from = self.reference_of(map.version)?;
                for area in &from.focus_areas {
                    if !map.focus_areas.contains_key(&area.code) {
                        problems.push(says!(
                            "mapLeavesOut",
                            "the map does not say where {code} ({name}) of version {version} goes",
                            code = area.code,
                            name = area.name,
                            version = map.version
                        ));
                    }
                }
                for code in map.focus_areas.keys() {
                    if !from.has_focus_area(code) {
                        problems.push(says!(
                            "mapNamesUnknown",
                            "the map names {code}, not a focus area of version {version}",
                            code = code,
                            version = map.version
                        ));
                    }
                }
            }
            None => problems.push(says!(
                "mapMissing",
                "say in maps_from how the focus areas of version {version} map onto it",
                version = self.reference.version
            )),
        }
        if !problems.is_empty() {
            return Err(Error::invalid(
                problems
                    .into_iter()
                    .map(|says| FieldError::new("maps_from", Rule::Unknown, says))
                    .collect(),
            ));
        }
        let tx = self.conn.transaction()?;
        super::reference::insert_framework(&tx, &f)?;
        tx.commit()?;
        self.frameworks = super::reference::read_all(&self.conn, &self.reference)?;
        tracing::info!(version = f.version, name = f.name, "framework loaded");
        self.reference_of(f.version)
    }

    /// How the focus areas of version `from` map onto version `to` (each onto itself when the
    /// versions are the same).
    pub fn focus_area_map(&self, from: i32, to: i32) -> Result<BTreeMap<String, String>> {
        if from == to {
            return Ok(self
                .reference_of(from)?
                .focus_areas
                .iter()
                .map(|a| (a.code.clone(), a.code.clone()))
                .collect());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT from_code, to_code FROM focus_area_map
             WHERE from_version = ?1 AND to_version = ?2",
        )?;
        let map = stmt
            .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<BTreeMap<String, String>, _>>()?;
        if map.is_empty() {
            return Err(Error::conflict(ascn_model::says!(
                errors: "frameworkNoMap",
                "the workspace does not know how version {from} of the Framework maps onto version {to}",
                from = from,
                to = to
            )));
        }
        Ok(map)
    }
}
