//! The ASCF plan file: a city's plan in the shape of the ASEAN Smart Cities Framework.
//!
//! Projects sit under their primary focus area; `strategic_outcomes` lists, for each outcome, the
//! focus areas and project codes that serve it. Partners are referred to by the file's own ids
//! (`P1`, `P2`…), never by database ids, so a file means the same in any workspace and an export
//! of an import of an export is the same file. The JSON Schema in `docs/schema/` is generated
//! from these types; [`crate::plan_file::read`] reads the file back.

pub mod folder;
pub mod read;

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::framework::Reference;
use crate::readiness::{self, Finding};
use crate::{
    FundingSource, FundingStatus, Geometry, Kpi, Location, Origin, PairingDraft, PairingKind,
    PartnerKind, PlanDocument, PlanStatus, ProgressUpdate, ProjectStatus, Translations,
};

/// The value of `format` in every plan file.
pub const FORMAT: &str = "ascf-plan";
/// The version of the format this build writes. Every earlier version is read too, upgraded
/// step by step ([`crate::plan_file::read::parse`]): frozen revisions are stored as plan files
/// and must stay readable after a bump. Version 2 added `written_at` and `revision`; version 3
/// the plan's period and closing date, the city's membership of the network, and the project a
/// project was carried from; version 4 the plan's local languages and every narrative in them
/// (`title_local`, `vision_local`…, by BCP 47 tag beside the English).
pub const VERSION: u32 = 4;

/// The extension of plan files, so a double-click opens them in the app; `.json`, which plan
/// files had before, is read as well.
pub const EXTENSION: &str = "ascf";

/// True for a file name a plan file may have: `.ascf`, or `.json` as before.
pub fn is_plan_file_name(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(EXTENSION) || e.eq_ignore_ascii_case("json"))
}

/// A city's Smart City Action Plan, organised by the ASEAN Smart Cities Framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ASCF plan file", extend("$id" = "https://ascn.example/schema/ascf-plan-v4.json"))]
pub struct PlanFile {
    /// Always `ascf-plan`.
    pub format: String,
    /// The version of this format: 4.
    pub version: u32,
    /// The program that wrote the file.
    pub generator: String,
    /// When the file was written, in the writer's local time with its offset
    /// (`2026-11-30T10:15:00+07:00`); none in files of version 1. Not part of the plan: two
    /// files of one plan written at different times are the same plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_at: Option<String>,
    /// The number of the plan's latest submitted revision when the file was written (0 when it
    /// was never submitted); none in files of version 1. With `written_at`, it tells which of
    /// two files of one city is the newer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<u32>,
    pub framework: FileFramework,
    pub city: FileCity,
    pub plan: FilePlan,
    pub partners: Vec<FilePartner>,
    /// For each strategic outcome, what serves it (codes; the projects sit in `focus_areas`).
    pub strategic_outcomes: Vec<FileOutcome>,
    /// Every focus area of the Framework, chosen or not, with the projects whose primary focus
    /// area it is.
    pub focus_areas: Vec<FileFocusArea>,
    pub districts: Vec<FileDistrict>,
    /// Cities and partners the city agreed to pair with; files written before pairings were
    /// recorded have none.
    #[serde(default)]
    pub pairings: Vec<FilePairing>,
    /// What the plan still lacks before submission, when the file was written.
    pub readiness: Vec<Finding>,
}

/// A pairing the city agreed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FilePairing {
    pub kind: PairingKind,
    pub counterpart: String,
    /// The suggestion's score, 0–100, and the reasons it was given.
    pub score: u32,
    pub reasons: Vec<String>,
    pub note: String,
    /// `YYYY-MM-DD`.
    pub agreed_at: String,
}

impl FilePairing {
    /// The pairing as the store and its checks take it (the date apart).
    pub fn draft(&self) -> PairingDraft {
        PairingDraft {
            kind: self.kind,
            counterpart: self.counterpart.clone(),
            score: self.score,
            reasons: self.reasons.clone(),
            note: self.note.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileFramework {
    pub name: String,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileCity {
    pub name: String,
    /// ISO 3166-1 alpha-3 of the member state, e.g. `VNM`.
    pub member_state: String,
    /// The member state's name, for readers.
    pub country: String,
    pub population: Option<i64>,
    pub population_year: Option<i32>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub pilot: bool,
    /// The year the city joined the ASEAN Smart Cities Network; none when it is not a member.
    #[serde(default)]
    pub member_since: Option<i32>,
    /// Chief Smart City Officer.
    pub officer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FilePlan {
    /// The plan period, e.g. `2026-2035`: a city holds one plan per period.
    pub period: String,
    /// The plan's own years, within its period.
    pub period_start: i32,
    pub period_end: i32,
    /// The city's context and the challenges the plan answers.
    #[serde(default)]
    pub context: String,
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub context_local: Translations,
    pub vision: String,
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub vision_local: Translations,
    /// The plan's local languages besides English, BCP 47 tags (`km`); none in files before
    /// version 4, read as the member state's.
    #[serde(default)]
    pub languages: Vec<String>,
    pub status: PlanStatus,
    /// True for generated sample data, never a city's real plan.
    pub sample: bool,
    /// The date the period was closed (`YYYY-MM-DD`), when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FilePartner {
    /// The file's own id for the partner, e.g. `P1`.
    pub id: String,
    pub kind: PartnerKind,
    pub name: String,
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub name_local: Translations,
    pub country: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileOutcome {
    pub code: String,
    pub name: String,
    /// Focus areas with at least one project serving this outcome.
    pub focus_areas: Vec<String>,
    /// Codes of the projects serving this outcome.
    pub projects: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileFocusArea {
    pub code: String,
    pub name: String,
    /// Whether the city chose this focus area for its plan.
    pub chosen: bool,
    pub rationale: String,
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub rationale_local: Translations,
    /// Codes of the strategic outcomes the city means this focus area to serve.
    #[serde(default)]
    pub outcomes: Vec<String>,
    pub projects: Vec<FileProject>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileProject {
    pub code: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub title_local: Translations,
    pub description: String,
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub description_local: Translations,
    pub secondary_focus_areas: Vec<String>,
    pub sectors: Vec<String>,
    /// Strategic-outcome codes.
    pub outcomes: Vec<String>,
    pub sdgs: Vec<u8>,
    /// Null while the project's years are not set.
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub status: ProjectStatus,
    pub lead_agency: String,
    pub bankable: bool,
    /// Ids of entries in `partners`.
    pub partners: Vec<String>,
    pub funding: Vec<FileFunding>,
    pub kpis: Vec<Kpi>,
    pub locations: Vec<Location>,
    /// What was reported each year; files written before progress was reported have none.
    #[serde(default)]
    pub progress: Vec<ProgressUpdate>,
    /// The project it continues, from the city's plan of an earlier period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<Origin>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileFunding {
    pub source: FundingSource,
    /// Id of an entry in `partners`, if the money comes from one.
    pub partner: Option<String>,
    pub amount: f64,
    /// ISO 4217, e.g. `USD`.
    pub currency: String,
    pub start_year: i32,
    pub end_year: i32,
    pub status: FundingStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileDistrict {
    pub name: String,
    pub geometry: Geometry,
}

/// The plan file of a stored plan.
pub fn plan_file(doc: &PlanDocument, reference: &Reference) -> Result<PlanFile> {
    let stored = &doc.plan;
    let city = &doc.city;
    let projects = &doc.projects;
    let partners = &doc.partners;
    let partner_ref: HashMap<_, String> = partners
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, format!("P{}", i + 1)))
        .collect();
    let reference_of = |id| partner_ref.get(&id).cloned().unwrap_or_default();

    let focus_areas = reference
        .focus_areas
        .iter()
        .map(|area| {
            let chosen = stored
                .focus_areas
                .iter()
                .find(|c| c.focus_area == area.code);
            FileFocusArea {
                code: area.code.clone(),
                name: area.name.clone(),
                chosen: chosen.is_some(),
                rationale: chosen.map(|c| c.rationale.clone()).unwrap_or_default(),
                rationale_local: chosen
                    .map(|c| c.rationale_local.clone())
                    .unwrap_or_default(),
                outcomes: chosen.map(|c| c.outcomes.clone()).unwrap_or_default(),
                projects: projects
                    .iter()
                    .filter(|p| p.draft.primary_focus_area == area.code)
                    .map(|p| {
                        let d = &p.draft;
                        FileProject {
                            code: d.code.clone(),
                            title: d.title.clone(),
                            title_local: d.title_local.clone(),
                            description: d.description.clone(),
                            description_local: d.description_local.clone(),
                            secondary_focus_areas: d.secondary_focus_areas.clone(),
                            sectors: d.sectors.clone(),
                            outcomes: d.outcomes.clone(),
                            sdgs: d.sdgs.clone(),
                            start_year: d.start_year,
                            end_year: d.end_year,
                            status: d.status,
                            lead_agency: d.lead_agency.clone(),
                            bankable: d.bankable,
                            partners: d.partners.iter().map(|id| reference_of(*id)).collect(),
                            funding: d
                                .funding
                                .iter()
                                .map(|f| FileFunding {
                                    source: f.source,
                                    partner: f.partner_id.map(reference_of),
                                    amount: f.amount,
                                    currency: f.currency.clone(),
                                    start_year: f.start_year,
                                    end_year: f.end_year,
                                    status: f.status,
                                })
                                .collect(),
                            kpis: d.kpis.clone(),
                            locations: d.locations.clone(),
                            progress: d.progress.clone(),
                            carried_from: p.carried_from.clone(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();

    let strategic_outcomes = reference
        .strategic_outcomes
        .iter()
        .map(|o| {
            let serving: Vec<_> = projects
                .iter()
                .filter(|p| p.draft.outcomes.contains(&o.code))
                .collect();
            let mut areas: Vec<String> = Vec::new();
            for area in &reference.focus_areas {
                if serving
                    .iter()
                    .any(|p| p.draft.primary_focus_area == area.code)
                {
                    areas.push(area.code.clone());
                }
            }
            FileOutcome {
                code: o.code.clone(),
                name: o.name.clone(),
                focus_areas: areas,
                projects: serving.iter().map(|p| p.draft.code.clone()).collect(),
            }
        })
        .collect();

    let member_state = reference.member_state(&city.member_state);
    Ok(PlanFile {
        format: FORMAT.into(),
        version: VERSION,
        generator: format!("ASCN Action Planner {}", env!("CARGO_PKG_VERSION")),
        written_at: Some(
            crate::clock::now_local()
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string(),
        ),
        revision: Some(doc.revision),
        framework: FileFramework {
            name: reference.name.clone(),
            version: stored.framework_version,
        },
        city: FileCity {
            name: city.name.clone(),
            member_state: city.member_state.clone(),
            country: member_state.map(|m| m.name.clone()).unwrap_or_default(),
            population: city.population,
            population_year: city.population_year,
            latitude: city.latitude,
            longitude: city.longitude,
            pilot: city.pilot,
            member_since: city.member_since,
            officer: city.officer.clone(),
        },
        plan: FilePlan {
            period: stored.period.clone(),
            closed_on: stored.closed_on.clone(),
            period_start: stored.period_start,
            period_end: stored.period_end,
            context: stored.context.clone(),
            context_local: stored.context_local.clone(),
            vision: stored.vision.clone(),
            vision_local: stored.vision_local.clone(),
            languages: stored.languages.clone(),
            status: stored.status,
            sample: stored.sample,
        },
        partners: partners
            .iter()
            .map(|p| FilePartner {
                id: reference_of(p.id),
                kind: p.kind,
                name: p.name.clone(),
                name_local: p.name_local.clone(),
                country: p.country.clone(),
            })
            .collect(),
        strategic_outcomes,
        focus_areas,
        districts: doc
            .districts
            .iter()
            .map(|d| FileDistrict {
                name: d.name.clone(),
                geometry: d.geometry.clone(),
            })
            .collect(),
        pairings: doc
            .pairings
            .iter()
            .map(|p| FilePairing {
                kind: p.kind,
                counterpart: p.counterpart.clone(),
                score: p.score,
                reasons: p.reasons.clone(),
                note: p.note.clone(),
                agreed_at: p.agreed_at.clone(),
            })
            .collect(),
        readiness: readiness::check(stored, projects),
    })
}

/// The plan file as pretty JSON text.
pub fn to_json(file: &PlanFile) -> String {
    serde_json::to_string_pretty(file).expect("a plan file of strings and numbers serialises")
}

/// The JSON Schema of the plan file, as published in `docs/schema/`.
pub fn schema() -> String {
    let schema = schemars::schema_for!(PlanFile);
    serde_json::to_string_pretty(&schema).expect("a schema serialises") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keeps `docs/schema/ascf-plan-v4.schema.json` equal to the types; CI fails when the
    /// committed file is stale, as for the TypeScript bindings.
    #[test]
    fn writes_the_published_schema() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../docs/schema/ascf-plan-v4.schema.json");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, schema()).unwrap();
    }
}
