//! The ASEAN Smart Cities Framework as reference data.
//!
//! The data ships inside the binary as versioned files under `data/framework/` (a JSON file for
//! outcomes, focus areas, sectors, SDGs and enablers; the member-state and pilot-city CSVs) and is
//! copied into each workspace on first open, or when the shipped version is newer. From then on the
//! workspace is the source of truth: validation reads the reference stored with the plans, so a
//! plan written against one framework version keeps meaning the same thing.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::MemberState;

const FRAMEWORK_JSON: &str = include_str!("../../../../data/framework/framework.json");
const MEMBER_STATES_CSV: &str = include_str!("../../../../data/framework/member-states.csv");
const PILOT_CITIES_CSV: &str = include_str!("../../../../data/framework/pilot-cities.csv");

/// A strategic outcome of the Framework (`CE`, `SE`, `QL`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StrategicOutcome {
    pub code: String,
    pub name: String,
}

/// One of the six development focus areas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FocusArea {
    pub code: String,
    pub name: String,
    pub scope: String,
}

/// A sector, with the focus area it belongs to by default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Sector {
    pub code: String,
    pub name: String,
    pub focus_area: String,
}

/// A Sustainable Development Goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Sdg {
    pub number: u8,
    pub name: String,
}

/// The whole reference a plan is written against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Reference {
    pub version: i32,
    pub name: String,
    pub strategic_outcomes: Vec<StrategicOutcome>,
    pub focus_areas: Vec<FocusArea>,
    pub sectors: Vec<Sector>,
    pub sdgs: Vec<Sdg>,
    pub enablers: Vec<String>,
    pub member_states: Vec<MemberState>,
}

impl Reference {
    pub fn has_focus_area(&self, code: &str) -> bool {
        self.focus_areas.iter().any(|f| f.code == code)
    }

    pub fn has_outcome(&self, code: &str) -> bool {
        self.strategic_outcomes.iter().any(|o| o.code == code)
    }

    pub fn sector(&self, code: &str) -> Option<&Sector> {
        self.sectors.iter().find(|s| s.code == code)
    }

    pub fn has_sdg(&self, number: u8) -> bool {
        self.sdgs.iter().any(|s| s.number == number)
    }

    pub fn member_state(&self, iso3: &str) -> Option<&MemberState> {
        self.member_states.iter().find(|m| m.iso3 == iso3)
    }
}

/// A pilot city as shipped in the reference data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PilotCity {
    pub name: String,
    pub iso3: String,
    pub latitude: f64,
    pub longitude: f64,
    pub population: Option<i64>,
    pub population_year: Option<i32>,
}

#[derive(Deserialize)]
struct FrameworkFile {
    version: i32,
    name: String,
    strategic_outcomes: Vec<StrategicOutcome>,
    focus_areas: Vec<FocusArea>,
    sectors: Vec<Sector>,
    sdgs: Vec<Sdg>,
    enablers: Vec<String>,
}

#[derive(Deserialize)]
struct MemberStateRow {
    iso3: String,
    iso2: String,
    iso_numeric: String,
    name: String,
    short_name: String,
}

/// The reference data shipped with this build, checked for internal consistency.
pub fn shipped() -> Result<(Reference, Vec<PilotCity>)> {
    let file: FrameworkFile = serde_json::from_str(FRAMEWORK_JSON)
        .map_err(|e| Error::Reference(format!("framework.json: {e}")))?;
    let member_states = read_csv::<MemberStateRow>("member-states.csv", MEMBER_STATES_CSV)?
        .into_iter()
        .map(|r| MemberState {
            iso3: r.iso3,
            iso2: r.iso2,
            iso_numeric: r.iso_numeric,
            name: r.name,
            short_name: r.short_name,
            national_representative: None,
        })
        .collect();
    let pilots = read_csv::<PilotCity>("pilot-cities.csv", PILOT_CITIES_CSV)?;
    let reference = Reference {
        version: file.version,
        name: file.name,
        strategic_outcomes: file.strategic_outcomes,
        focus_areas: file.focus_areas,
        sectors: file.sectors,
        sdgs: file.sdgs,
        enablers: file.enablers,
        member_states,
    };
    for sector in &reference.sectors {
        if !reference.has_focus_area(&sector.focus_area) {
            return Err(Error::Reference(format!(
                "sector {} names unknown focus area {}",
                sector.code, sector.focus_area
            )));
        }
    }
    for city in &pilots {
        if reference.member_state(&city.iso3).is_none() {
            return Err(Error::Reference(format!(
                "pilot city {} names unknown member state {}",
                city.name, city.iso3
            )));
        }
    }
    Ok((reference, pilots))
}

fn read_csv<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<Vec<T>> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .enumerate()
        .map(|(i, row)| row.map_err(|e| Error::Reference(format!("{name} row {}: {e}", i + 2))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_reference_has_the_frameworks_counts() {
        let (reference, pilots) = shipped().expect("shipped reference data must parse");
        assert_eq!(
            reference.strategic_outcomes.len(),
            3,
            "three strategic outcomes"
        );
        assert_eq!(reference.focus_areas.len(), 6, "six focus areas");
        assert_eq!(reference.sdgs.len(), 17, "seventeen SDGs");
        assert_eq!(reference.member_states.len(), 11, "eleven member states");
        assert_eq!(pilots.len(), 26, "twenty-six pilot cities of 2018");
        assert_eq!(
            reference.sector("transport").map(|s| s.focus_area.as_str()),
            Some("BI"),
            "transport belongs to built infrastructure"
        );
    }
}
