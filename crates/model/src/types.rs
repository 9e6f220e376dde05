//! The Smart City Action Plan, as data.
//!
//! Every type the store reads and writes, the CLI prints and the shell sends to the UI is defined
//! here, once, with `serde` for JSON and `ts-rs` for the generated TypeScript bindings in
//! `ui/src/api/bindings/` (written by `cargo test`; CI fails when they are stale).
//!
//! Framework codes (focus areas, outcomes, sectors) are plain strings that refer to the reference
//! data loaded into the workspace, so a revision of the Framework is a data change, not a code
//! change.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A narrative field in the plan's local languages, by BCP 47 tag (`km`, `zh`…). The field
/// itself holds the English, the network's working language; a language without text is absent.
pub type Translations = BTreeMap<String, String>;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        /// Serialises as the bare number (a serde newtype struct).
        #[ts(export, type = "number")]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A city of the workspace (a pilot city or one a user added).
    CityId
);
id_type!(
    /// A city's action plan.
    PlanId
);
id_type!(
    /// A project (action line) of a plan.
    ProjectId
);
id_type!(
    /// A partner named in a plan.
    PartnerId
);
id_type!(
    /// A district (administrative area) of a city.
    DistrictId
);
id_type!(
    /// A pairing a city agreed.
    PairingId
);

/// Where a plan stands in its life: drafted by the officer, submitted to the National
/// Representative, endorsed at the annual meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanStatus {
    Draft,
    Submitted,
    Endorsed,
}

/// Where a project stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProjectStatus {
    Proposed,
    Planned,
    InProgress,
    Completed,
    OnHold,
    Cancelled,
}

/// The kinds of partner the ASCN concept note names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PartnerKind {
    /// A private-sector solution provider.
    PrivateSector,
    /// The city's external (twinning) partner, e.g. a dialogue-partner country.
    ExternalPartner,
    /// World Bank / IFC, ADB, AIIB, Global Infrastructure Hub…
    MultilateralBank,
    Academic,
    Ngo,
    Government,
}

/// Where the money of a funding line comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FundingSource {
    CityBudget,
    NationalGovernment,
    PrivateSector,
    MultilateralBank,
    ExternalPartner,
    Other,
}

/// Whether a funding line is promised or still being sought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FundingStatus {
    Committed,
    Pipeline,
}

/// An enum kept as a stable text (in the database, the CLI and JSON): lets the store read and
/// write every such enum through one wrapper.
pub trait StableText: Copy + Sized + 'static {
    /// The type's name, for messages about a text that is none of its values.
    const NAME: &'static str;
    fn as_text(self) -> &'static str;
    fn from_text(text: &str) -> Option<Self>;
}

macro_rules! text_enum {
    ($ty:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in display order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The stable text used in the database, the CLI and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $text),+ }
            }

            /// Parses the stable text; `None` for anything else.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($ty::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl StableText for $ty {
            const NAME: &'static str = stringify!($ty);
            fn as_text(self) -> &'static str {
                self.as_str()
            }
            fn from_text(text: &str) -> Option<Self> {
                Self::parse(text)
            }
        }
    };
}

text_enum!(PlanStatus { Draft => "draft", Submitted => "submitted", Endorsed => "endorsed" });
text_enum!(ProjectStatus {
    Proposed => "proposed",
    Planned => "planned",
    InProgress => "in_progress",
    Completed => "completed",
    OnHold => "on_hold",
    Cancelled => "cancelled",
});
text_enum!(PartnerKind {
    PrivateSector => "private_sector",
    ExternalPartner => "external_partner",
    MultilateralBank => "multilateral_bank",
    Academic => "academic",
    Ngo => "ngo",
    Government => "government",
});
text_enum!(FundingSource {
    CityBudget => "city_budget",
    NationalGovernment => "national_government",
    PrivateSector => "private_sector",
    MultilateralBank => "multilateral_bank",
    ExternalPartner => "external_partner",
    Other => "other",
});
text_enum!(FundingStatus { Committed => "committed", Pipeline => "pipeline" });
text_enum!(PairingKind { City => "city", Partner => "partner" });

/// What a city is paired with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PairingKind {
    /// Another city, e.g. a twin city in the network.
    City,
    /// An external partner: a solution provider, a dialogue partner, a bank.
    Partner,
}

/// A pairing the city agreed, with the score and reasons it was suggested with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Pairing {
    pub id: PairingId,
    pub kind: PairingKind,
    pub counterpart: String,
    pub score: u32,
    pub reasons: Vec<String>,
    pub note: String,
    /// Date it was recorded, `YYYY-MM-DD`.
    pub agreed_at: String,
}

/// The editable part of a pairing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PairingDraft {
    pub kind: PairingKind,
    pub counterpart: String,
    pub score: u32,
    pub reasons: Vec<String>,
    pub note: String,
}

/// A plan frozen when it was submitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Revision {
    /// 1 for the first submission of the plan, then 2, 3…
    pub number: u32,
    pub status: PlanStatus,
    /// What the officer said of it, e.g. "Submitted after the SCGW".
    pub label: String,
    /// `YYYY-MM-DD HH:MM`, the user's local time.
    pub frozen_at: String,
    pub projects: u32,
}

/// An ASEAN member state and the National Representative who oversees its cities' plans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberState {
    /// ISO 3166-1 alpha-3, e.g. `VNM`.
    pub iso3: String,
    /// ISO 3166-1 alpha-2, e.g. `VN` (IATI uses it).
    pub iso2: String,
    /// ISO 3166-1 numeric as a zero-padded string, e.g. `704` (world-atlas ids).
    pub iso_numeric: String,
    pub name: String,
    pub short_name: String,
    pub national_representative: Option<String>,
    /// The languages a plan of the member state is written in besides English, BCP 47 tags
    /// (`km`; Singapore's `ms`, `zh`, `ta`): a new plan's local languages.
    pub languages: Vec<String>,
}

/// A city of the workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct City {
    pub id: CityId,
    pub name: String,
    /// ISO alpha-3 of its member state.
    pub member_state: String,
    #[ts(type = "number | null")]
    pub population: Option<i64>,
    pub population_year: Option<i32>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// One of the 26 ASCN pilot cities of 2018.
    pub pilot: bool,
    /// The year the city joined the ASEAN Smart Cities Network; `None` for a city that is not a
    /// member (yet).
    pub member_since: Option<i32>,
    /// Chief Smart City Officer.
    pub officer: Option<String>,
    /// Whether this city already has a plan in the workspace.
    pub has_plan: bool,
}

impl City {
    /// A member of the network in `year`.
    pub fn member_in(&self, year: i32) -> bool {
        self.member_since.is_some_and(|since| since <= year)
    }
}

/// A city a user adds, when theirs is not a pilot city.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewCity {
    pub name: String,
    pub member_state: String,
    #[ts(type = "number | null")]
    pub population: Option<i64>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub officer: Option<String>,
    /// The year it joined the ASCN, when it is a member.
    #[serde(default)]
    pub member_since: Option<i32>,
}

/// A focus area the city chose for its plan, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChosenFocusArea {
    /// Focus-area code, e.g. `BI`.
    pub focus_area: String,
    pub rationale: String,
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub rationale_local: Translations,
    /// Codes of the strategic outcomes this focus area serves in the city's plan.
    #[serde(default)]
    pub outcomes: Vec<String>,
}

/// A city's Smart City Action Plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Plan {
    pub id: PlanId,
    pub city_id: CityId,
    /// Code of the plan period it belongs to, e.g. `2018-2025`: a city holds one plan per period.
    pub period: String,
    /// The plan's own years, within its period (a plan adopted in 2019 may start then).
    pub period_start: i32,
    pub period_end: i32,
    /// The city's context and the challenges the plan answers.
    pub context: String,
    pub vision: String,
    /// The plan's local languages, BCP 47 tags (`km`; Singapore's `ms`, `zh`, `ta`): its
    /// narratives are written in English and in these. By default the member state's.
    pub languages: Vec<String>,
    #[serde(default)]
    pub context_local: Translations,
    #[serde(default)]
    pub vision_local: Translations,
    pub status: PlanStatus,
    /// Version of the framework reference data the plan was written against.
    pub framework_version: i32,
    /// True for plans generated by `ascn-plan demo`: sample data, not a city's plan.
    pub sample: bool,
    pub focus_areas: Vec<ChosenFocusArea>,
    /// The step of guided drafting to resume at (0 is the first).
    pub guide_step: u8,
    /// Bumped by every write to the plan's own fields (period, vision, focus areas…): a save
    /// built on an older version was made without seeing a change made elsewhere.
    #[ts(type = "number")]
    pub version: i64,
    /// The date the period was closed, `YYYY-MM-DD`: a closed plan takes only its final progress
    /// reports.
    pub closed_on: Option<String>,
}

impl Plan {
    /// The editable part, as stored.
    pub fn draft(&self) -> PlanDraft {
        PlanDraft {
            period_start: self.period_start,
            period_end: self.period_end,
            context: self.context.clone(),
            vision: self.vision.clone(),
            languages: self.languages.clone(),
            context_local: self.context_local.clone(),
            vision_local: self.vision_local.clone(),
            status: self.status,
            focus_areas: self.focus_areas.clone(),
        }
    }
}

/// The editable part of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanDraft {
    pub period_start: i32,
    pub period_end: i32,
    /// The city's context and the challenges the plan answers.
    #[serde(default)]
    pub context: String,
    pub vision: String,
    /// The plan's local languages (BCP 47 tags).
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub context_local: Translations,
    #[serde(default)]
    pub vision_local: Translations,
    pub status: PlanStatus,
    pub focus_areas: Vec<ChosenFocusArea>,
}

/// A partner named in a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Partner {
    pub id: PartnerId,
    pub kind: PartnerKind,
    pub name: String,
    #[serde(default)]
    pub name_local: Translations,
    /// Country of the partner, free text (partners come from outside ASEAN too).
    pub country: Option<String>,
}

impl Partner {
    /// The editable part.
    pub fn draft(&self) -> PartnerDraft {
        PartnerDraft {
            kind: self.kind,
            name: self.name.clone(),
            name_local: self.name_local.clone(),
            country: self.country.clone(),
        }
    }
}

/// The editable part of a partner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PartnerDraft {
    pub kind: PartnerKind,
    pub name: String,
    #[serde(default)]
    pub name_local: Translations,
    pub country: Option<String>,
}

/// Money for a project over some years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FundingLine {
    pub source: FundingSource,
    pub partner_id: Option<PartnerId>,
    pub amount: f64,
    /// ISO 4217, e.g. `USD`.
    pub currency: String,
    pub start_year: i32,
    pub end_year: i32,
    pub status: FundingStatus,
}

/// One yearly target of a KPI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct KpiTarget {
    pub year: i32,
    pub value: f64,
}

/// A key performance indicator of a project, with its baseline, yearly targets and the values
/// reported each year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct Kpi {
    pub name: String,
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub name_local: Translations,
    /// A standard indicator this follows, e.g. `ISO 37120:2018 8.1`; empty if none.
    pub standard_ref: Option<String>,
    pub unit: String,
    pub baseline_year: i32,
    pub baseline_value: f64,
    pub targets: Vec<KpiTarget>,
    /// Values measured, one per year at most (same shape as a target); files written before
    /// progress was reported have none.
    #[serde(default)]
    pub actuals: Vec<KpiTarget>,
}

/// How a project stood at the end of one year: what the city reports at the annual meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct ProgressUpdate {
    pub year: i32,
    pub status: ProjectStatus,
    /// 0–100.
    pub percent_complete: u8,
    /// What happened in the year, in a few sentences.
    pub narrative: String,
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub narrative_local: Translations,
    /// Money spent on the project in the year, in its main currency, as reported; none when
    /// not reported (files written before it was have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent: Option<f64>,
}

/// A year's progress of one project as typed on the progress screen: its update and one actual
/// per KPI, in the project's KPI order (`None` leaves a KPI without an actual for the year).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProgressEntry {
    pub year: i32,
    pub status: ProjectStatus,
    /// As typed; checked to be a whole number 0–100.
    pub percent_complete: f64,
    pub narrative: String,
    #[serde(default)]
    pub narrative_local: Translations,
    pub kpi_actuals: Vec<Option<f64>>,
    /// Money spent in the year, if reported; checked to be a number, not negative.
    #[serde(default)]
    pub spent: Option<f64>,
}

/// The project of the previous period's plan a project was carried from: the same city's plan
/// of `period`, the project coded `code` there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Origin {
    pub period: String,
    pub code: String,
}

/// A position as GeoJSON writes it: `[longitude, latitude]` in WGS 84 degrees.
pub type Position = [f64; 2];

/// A shape on the map, serialised exactly as a GeoJSON (RFC 7946) geometry object, e.g.
/// `{"type":"Point","coordinates":[108.22,16.07]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(tag = "type", content = "coordinates")]
#[ts(export)]
pub enum Geometry {
    /// A site: a building, a station, a sensor.
    Point(Position),
    /// A route: a bus line, a pipe, a road.
    LineString(Vec<Position>),
    /// An area: exterior ring first, then holes; each ring closed (first = last position).
    Polygon(Vec<Vec<Position>>),
    /// Several areas, e.g. a district with islands.
    MultiPolygon(Vec<Vec<Vec<Position>>>),
}

/// Where a project happens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct Location {
    /// What is there, e.g. "Han River bridge"; may be empty.
    pub name: String,
    pub geometry: Geometry,
}

/// A district of a city, imported from a GeoJSON file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct District {
    pub id: DistrictId,
    pub city_id: CityId,
    pub name: String,
    pub geometry: Geometry,
    /// Geodesic area in square kilometres.
    pub area_km2: f64,
    pub centroid: Option<Position>,
}

/// The districts a project's locations touch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProjectDistricts {
    pub project_id: ProjectId,
    pub districts: Vec<String>,
}

/// Everything a user edits about a project (action line). Saved whole, in one transaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProjectDraft {
    /// Short reference such as `BI-03`; generated from the primary focus area when left empty.
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub title_local: Translations,
    pub description: String,
    #[serde(default)]
    pub description_local: Translations,
    pub primary_focus_area: String,
    pub secondary_focus_areas: Vec<String>,
    pub sectors: Vec<String>,
    /// Strategic-outcome codes (`CE`, `SE`, `QL`).
    pub outcomes: Vec<String>,
    pub sdgs: Vec<u8>,
    /// Left unknown while drafting (a project may be known by its title and focus area only);
    /// the readiness check asks for them before submitting.
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub status: ProjectStatus,
    pub lead_agency: String,
    /// Ready to be put to a financier (has, or will have, a cost estimate and business case).
    pub bankable: bool,
    pub partners: Vec<PartnerId>,
    pub funding: Vec<FundingLine>,
    pub kpis: Vec<Kpi>,
    /// Where the project happens; older files without locations read as none.
    #[serde(default)]
    pub locations: Vec<Location>,
    /// What was reported each year, one update per year at most, in year order.
    #[serde(default)]
    pub progress: Vec<ProgressUpdate>,
}

/// A project's years as people read them: `2019–2022`, or as much as is known: `from 2027`,
/// `until 2030`, `years not set`.
pub fn years_label(start: Option<i32>, end: Option<i32>) -> String {
    match (start, end) {
        (Some(start), Some(end)) => format!("{start}–{end}"),
        (Some(start), None) => format!("from {start}"),
        (None, Some(end)) => format!("until {end}"),
        (None, None) => "years not set".into(),
    }
}

impl ProjectDraft {
    /// A project known by its title, focus area and status only, as the Secretariat's tables
    /// list most: everything else is left for the city to fill in.
    pub fn known_by(title: &str, focus_area: &str, status: ProjectStatus) -> ProjectDraft {
        ProjectDraft {
            code: String::new(),
            title: title.trim().to_string(),
            title_local: Translations::new(),
            description: String::new(),
            description_local: Translations::new(),
            primary_focus_area: focus_area.to_string(),
            secondary_focus_areas: Vec::new(),
            sectors: Vec::new(),
            outcomes: Vec::new(),
            sdgs: Vec::new(),
            start_year: None,
            end_year: None,
            status,
            lead_agency: String::new(),
            bankable: false,
            partners: Vec::new(),
            funding: Vec::new(),
            kpis: Vec::new(),
            locations: Vec::new(),
            progress: Vec::new(),
        }
    }

    /// The project's years, when both are set.
    pub fn years(&self) -> Option<(i32, i32)> {
        self.start_year.zip(self.end_year)
    }

    /// See [`years_label`].
    pub fn years_label(&self) -> String {
        years_label(self.start_year, self.end_year)
    }

    /// Whether the project runs in `year` (never, while its years are not set).
    pub fn runs_in(&self, year: i32) -> bool {
        self.years()
            .is_some_and(|(start, end)| (start..=end).contains(&year))
    }
}

/// A stored project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Project {
    pub id: ProjectId,
    pub plan_id: PlanId,
    /// Bumped by every write to the project; see [`Plan::version`].
    #[ts(type = "number")]
    pub version: i64,
    /// The project of the city's previous plan this one continues, when it was carried over.
    pub carried_from: Option<Origin>,
    #[serde(flatten)]
    pub draft: ProjectDraft,
}

/// One line of the projects table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProjectRow {
    pub id: ProjectId,
    pub code: String,
    pub title: String,
    pub primary_focus_area: String,
    pub sectors: Vec<String>,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub status: ProjectStatus,
    pub lead_agency: String,
    /// Sum of the funding lines, per currency (most plans use one).
    pub budget: Vec<Amount>,
}

/// An amount of money in one currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Amount {
    pub currency: String,
    pub value: f64,
}

/// Columns the projects table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProjectSort {
    #[default]
    Code,
    Title,
    FocusArea,
    StartYear,
    EndYear,
    Status,
    LeadAgency,
}

/// What the projects table shows; every field narrows, `None` means "any".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProjectFilter {
    /// Matches the primary or a secondary focus area.
    pub focus_area: Option<String>,
    pub sector: Option<String>,
    pub status: Option<ProjectStatus>,
    /// Projects running in this year.
    pub year: Option<i32>,
    /// Case-insensitive words searched in code, title, description and lead agency.
    pub text: Option<String>,
    #[serde(default)]
    pub sort: ProjectSort,
    #[serde(default)]
    pub descending: bool,
}

/// A count for one code (focus area, status…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CodeCount {
    pub code: String,
    pub count: u32,
}

/// What the plan overview screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanOverview {
    pub city: City,
    pub member_state: MemberState,
    pub plan: Plan,
    pub project_count: u32,
    /// Projects per primary focus area, for every focus area of the framework.
    pub by_focus_area: Vec<CodeCount>,
    pub by_status: Vec<CodeCount>,
    pub budget: Vec<Amount>,
    pub partner_count: u32,
    pub kpi_count: u32,
}
