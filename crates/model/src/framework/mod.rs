//! The ASEAN Smart Cities Framework as reference data.
//!
//! The data ships inside the binary as files under `data/framework/` (a JSON file for outcomes,
//! focus areas, sectors, SDGs and enablers; CSVs of member states, plan periods, the pilot cities
//! and the cities that joined later) and is copied into each workspace on first open, or when the
//! shipped release is newer. The release numbers the data; the version numbers the Framework a
//! plan is written against, which a new period, a new member state or a new city does not change. From then on the
//! workspace is the source of truth: validation reads the reference stored with the plans, so a
//! plan written against one framework version keeps meaning the same thing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::MemberState;

const FRAMEWORK_JSON: &str = include_str!("../../../../data/framework/framework.json");
const MEMBER_STATES_CSV: &str = include_str!("../../../../data/framework/member-states.csv");
const PILOT_CITIES_CSV: &str = include_str!("../../../../data/framework/pilot-cities.csv");
const MEMBER_CITIES_CSV: &str = include_str!("../../../../data/framework/member-cities.csv");
const PERIODS_CSV: &str = include_str!("../../../../data/framework/periods.csv");

/// A strategic outcome of the Framework (`CE`, `SE`, `QL`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StrategicOutcome {
    pub code: String,
    pub name: String,
    /// The name in the interface's other languages, by language tag (`th`, `vi`…); the UI
    /// shows it with the English name on hover, and exports always use the English one.
    #[serde(default)]
    pub names: BTreeMap<String, String>,
}

/// One of the six development focus areas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FocusArea {
    pub code: String,
    pub name: String,
    pub scope: String,
    /// The name in the interface's other languages, by language tag (`th`, `vi`…); the UI
    /// shows it with the English name on hover, and exports always use the English one.
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    /// The scope in the interface's other languages, as `names`.
    #[serde(default)]
    pub scopes: BTreeMap<String, String>,
}

/// A sector, with the focus area it belongs to by default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Sector {
    pub code: String,
    pub name: String,
    pub focus_area: String,
    /// The name in the interface's other languages, by language tag (`th`, `vi`…); the UI
    /// shows it with the English name on hover, and exports always use the English one.
    #[serde(default)]
    pub names: BTreeMap<String, String>,
}

/// A Sustainable Development Goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Sdg {
    pub number: u8,
    pub name: String,
}

/// A period of the network's action plans, e.g. `2018-2025`. A city holds one plan per period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Period {
    /// `START-END`, e.g. `2026-2035`: what `--period` takes.
    pub code: String,
    pub name: String,
    pub start_year: i32,
    pub end_year: i32,
}

impl Period {
    pub fn contains(&self, year: i32) -> bool {
        (self.start_year..=self.end_year).contains(&year)
    }

    /// `2026–2035`, as people write it.
    pub fn label(&self) -> String {
        period_label(&self.code)
    }
}

/// A period's code (`2026-2035`) as people write it: `2026–2035`.
pub fn period_label(code: &str) -> String {
    code.replace('-', "–")
}

/// The whole reference a plan is written against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Reference {
    /// The version of the Framework (outcomes, focus areas, sectors) a plan records.
    pub version: i32,
    /// The release of the reference data as a whole (framework, member states, periods, cities).
    pub release: i32,
    pub name: String,
    pub strategic_outcomes: Vec<StrategicOutcome>,
    pub focus_areas: Vec<FocusArea>,
    pub sectors: Vec<Sector>,
    pub sdgs: Vec<Sdg>,
    pub enablers: Vec<String>,
    pub member_states: Vec<MemberState>,
    /// Oldest first.
    pub periods: Vec<Period>,
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

    /// The period of that code, e.g. `2026-2035` (an en dash is read as a hyphen).
    pub fn period(&self, code: &str) -> Option<&Period> {
        let code = code.trim().replace('–', "-");
        self.periods.iter().find(|p| p.code == code)
    }

    /// The period holding `year`; before the first, the first; after the last, the last.
    pub fn period_of(&self, year: i32) -> Option<&Period> {
        self.periods
            .iter()
            .find(|p| p.contains(year))
            .or_else(|| self.periods.iter().rev().find(|p| p.start_year <= year))
            .or_else(|| self.periods.first())
    }

    /// The period after `code`, if one ships.
    pub fn next_period(&self, code: &str) -> Option<&Period> {
        let at = self.periods.iter().position(|p| p.code == code)?;
        self.periods.get(at + 1)
    }
}

/// A city shipped in the reference data: one of the 26 pilots of 2018, or a city that joined the
/// network later.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ShippedCity {
    pub name: String,
    pub iso3: String,
    pub latitude: f64,
    pub longitude: f64,
    #[serde(default)]
    pub population: Option<i64>,
    #[serde(default)]
    pub population_year: Option<i32>,
    /// The year it joined the ASCN.
    pub joined: i32,
    /// One of the 26 pilots; set by the file it comes from, not a column.
    #[serde(skip)]
    pub pilot: bool,
}

/// One version of the Framework as its file gives it: outcomes, focus areas, sectors, SDGs and
/// enablers. A later version may say how the focus areas of an earlier one map onto its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub version: i32,
    /// The release of the shipped reference data; only in the file that ships with the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<i32>,
    pub name: String,
    pub strategic_outcomes: Vec<StrategicOutcome>,
    pub focus_areas: Vec<FocusArea>,
    pub sectors: Vec<Sector>,
    pub sdgs: Vec<Sdg>,
    pub enablers: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maps_from: Option<FocusAreaMap>,
}

/// How the focus areas of an earlier version map onto a later one's: what carry-over and
/// comparisons across periods go by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct FocusAreaMap {
    /// The earlier version.
    pub version: i32,
    /// Its focus-area code → this version's.
    pub focus_areas: std::collections::BTreeMap<String, String>,
}

impl Framework {
    /// Reads a framework file and checks it on its own: every sector in a focus area of it, no
    /// code twice, the map's targets its own focus areas. (Whether the map covers the earlier
    /// version is for whoever holds that version.)
    pub fn parse(text: &str) -> Result<Framework> {
        let f: Framework = serde_json::from_str(text)
            .map_err(|e| Error::Reference(format!("framework file: {e}")))?;
        let has_area = |code: &str| f.focus_areas.iter().any(|a| a.code == code);
        let mut problems = Vec::new();
        for sector in &f.sectors {
            if !has_area(&sector.focus_area) {
                problems.push(format!(
                    "sector {} names unknown focus area {}",
                    sector.code, sector.focus_area
                ));
            }
        }
        let mut codes = std::collections::HashSet::new();
        for code in f.focus_areas.iter().map(|a| &a.code) {
            if !codes.insert(code) {
                problems.push(format!("focus area {code} is listed twice"));
            }
        }
        if f.focus_areas.is_empty() {
            problems.push("it has no focus areas".into());
        }
        if let Some(map) = &f.maps_from {
            if map.version >= f.version {
                problems.push(format!(
                    "it maps from version {}, which is not earlier than its own {}",
                    map.version, f.version
                ));
            }
            for (from, to) in &map.focus_areas {
                if !has_area(to) {
                    problems.push(format!(
                        "the map sends {from} to {to}, not a focus area of it"
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(f)
        } else {
            Err(Error::Reference(format!(
                "framework version {}: {}",
                f.version,
                problems.join("; ")
            )))
        }
    }

    /// The JSON the workspace keeps of it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a framework of strings and numbers serialises")
    }
}

impl Reference {
    /// This reference (member states, periods, release) with the Framework of another version.
    pub fn with_framework(&self, f: &Framework) -> Reference {
        Reference {
            version: f.version,
            name: f.name.clone(),
            strategic_outcomes: f.strategic_outcomes.clone(),
            focus_areas: f.focus_areas.clone(),
            sectors: f.sectors.clone(),
            sdgs: f.sdgs.clone(),
            enablers: f.enablers.clone(),
            ..self.clone()
        }
    }
}

#[derive(Deserialize)]
struct MemberStateRow {
    iso3: String,
    iso2: String,
    iso_numeric: String,
    name: String,
    short_name: String,
    /// Space-separated BCP 47 tags.
    languages: String,
}

/// The reference data shipped with this build and its cities (pilots first), checked for
/// internal consistency.
pub fn shipped() -> Result<(Reference, Vec<ShippedCity>)> {
    let file = shipped_framework()?;
    let member_states = read_csv::<MemberStateRow>("member-states.csv", MEMBER_STATES_CSV)?
        .into_iter()
        .map(|r| MemberState {
            iso3: r.iso3,
            iso2: r.iso2,
            iso_numeric: r.iso_numeric,
            name: r.name,
            short_name: r.short_name,
            national_representative: None,
            languages: r.languages.split_whitespace().map(String::from).collect(),
        })
        .collect();
    let mut cities = read_csv::<ShippedCity>("pilot-cities.csv", PILOT_CITIES_CSV)?;
    for city in &mut cities {
        city.pilot = true;
    }
    cities.extend(read_csv::<ShippedCity>(
        "member-cities.csv",
        MEMBER_CITIES_CSV,
    )?);
    let periods: Vec<Period> = read_csv("periods.csv", PERIODS_CSV)?;
    let reference = Reference {
        version: file.version,
        release: file.release.unwrap_or_default(),
        name: file.name,
        strategic_outcomes: file.strategic_outcomes,
        focus_areas: file.focus_areas,
        sectors: file.sectors,
        sdgs: file.sdgs,
        enablers: file.enablers,
        member_states,
        periods,
    };
    for pair in reference.periods.windows(2) {
        if pair[0].end_year >= pair[1].start_year {
            return Err(Error::Reference(format!(
                "period {} overlaps {}",
                pair[0].code, pair[1].code
            )));
        }
    }
    for period in &reference.periods {
        if period.code != format!("{}-{}", period.start_year, period.end_year) {
            return Err(Error::Reference(format!(
                "period {} is not named START-END",
                period.code
            )));
        }
    }
    for city in &cities {
        if reference.member_state(&city.iso3).is_none() {
            return Err(Error::Reference(format!(
                "city {} names unknown member state {}",
                city.name, city.iso3
            )));
        }
    }
    Ok((reference, cities))
}

/// The Framework that ships with the app (the 2018 one).
pub fn shipped_framework() -> Result<Framework> {
    Framework::parse(FRAMEWORK_JSON)
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
    fn every_framework_name_is_translated_into_the_interfaces_languages() {
        let framework = shipped_framework().expect("the shipped Framework parses");
        let names = framework
            .strategic_outcomes
            .iter()
            .map(|o| (&o.name, &o.names))
            .chain(framework.focus_areas.iter().map(|f| (&f.name, &f.names)))
            .chain(framework.focus_areas.iter().map(|f| (&f.scope, &f.scopes)))
            .chain(framework.sectors.iter().map(|s| (&s.name, &s.names)));
        let mut count = 0;
        for (english, names) in names {
            for language in ["id", "ms", "vi", "th", "km"] {
                let name = names.get(language).map(|n| n.trim()).unwrap_or_default();
                assert!(!name.is_empty(), "{english} has no name in {language}");
                assert_ne!(name, english, "{english} is not translated into {language}");
            }
            count += 1;
        }
        assert_eq!(count, 3 + 6 + 6 + 20);
    }

    #[test]
    fn shipped_reference_has_the_frameworks_counts() {
        let (reference, cities) = shipped().expect("shipped reference data must parse");
        assert_eq!(
            reference.strategic_outcomes.len(),
            3,
            "three strategic outcomes"
        );
        assert_eq!(reference.focus_areas.len(), 6, "six focus areas");
        assert_eq!(reference.sdgs.len(), 17, "seventeen SDGs");
        assert_eq!(reference.member_states.len(), 11, "eleven member states");
        let pilots = cities.iter().filter(|c| c.pilot && c.joined == 2018);
        assert_eq!(pilots.count(), 26, "twenty-six pilot cities of 2018");
        assert_eq!(cities.len(), 29, "26 → 29 member cities in July 2023");
        let codes: Vec<&str> = reference.periods.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["2018-2025", "2026-2035"]);
        assert_eq!(
            reference.period_of(2030).map(|p| p.label()),
            Some("2026–2035".into())
        );
        assert_eq!(
            reference.period("2026–2035").map(|p| p.start_year),
            Some(2026)
        );
        assert_eq!(
            reference.next_period("2018-2025").map(|p| p.end_year),
            Some(2035)
        );
        assert!(reference.next_period("2026-2035").is_none());
        assert_eq!(
            reference.sector("transport").map(|s| s.focus_area.as_str()),
            Some("BI"),
            "transport belongs to built infrastructure"
        );
    }
}
