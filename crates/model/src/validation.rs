//! Field-level validation of what users type and files bring.
//!
//! Every check returns all the problems at once, each naming the field (as a path such as
//! `funding[1].amount`), the rule, and a message a planner understands. The store validates before
//! it opens a transaction, so a draft with any error writes nothing.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::framework::{Period, Reference};
use crate::languages::{is_language_tag, ENGLISH};
use crate::{
    NewCity, PairingDraft, PartnerDraft, PartnerId, PlanDraft, ProjectDraft, Translations,
};

/// Longest title, name or code the app accepts, in characters.
pub const MAX_SHORT_TEXT: usize = 300;
/// Longest description, vision or rationale, in characters.
pub const MAX_LONG_TEXT: usize = 20_000;
/// Years outside this range are typing mistakes, not plans.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1950..=2100;
/// The largest amount of one funding line: ten trillion, beyond any city's budget, so a slip of
/// the keyboard (or a hostile file) cannot make every sum meaningless.
pub const MAX_AMOUNT: f64 = 1e13;

/// Which rule a value broke; the UI may branch on it, people read the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Rule {
    Required,
    Unknown,
    OutsidePeriod,
    StartAfterEnd,
    Negative,
    NotANumber,
    TooLong,
    Format,
    Duplicate,
    OutOfRange,
    /// A shape that is not a valid point, line or area (open ring, crossing outline…).
    InvalidGeometry,
}

/// One broken rule on one field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldError {
    /// Path of the field, e.g. `end_year` or `kpis[0].targets[2].year`.
    pub field: String,
    pub rule: Rule,
    /// In English, as the CLI and the files say it.
    pub message: String,
    /// The message's key in the interface's catalogs (`validation.afterPeriod`), when it has
    /// one, and what it says (`year`, `start`…): the interface words it in its own language.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, String>,
}

impl FieldError {
    /// A broken rule on a field, said as `says` says it.
    pub fn new(field: impl Into<String>, rule: Rule, says: impl Into<Says>) -> FieldError {
        let says = says.into();
        FieldError {
            field: field.into(),
            rule,
            message: says.english,
            key: says.key,
            values: says.values.into_iter().collect(),
        }
    }
}

/// A message in English with its catalog key and values, made by [`says!`](crate::says).
#[derive(Debug, Clone, PartialEq)]
pub struct Says {
    pub key: String,
    pub values: Vec<(String, String)>,
    pub english: String,
}

/// What a field error says, to say it again of another field (a spreadsheet's column).
impl From<FieldError> for Says {
    fn from(error: FieldError) -> Says {
        Says {
            key: error.key,
            values: error.values.into_iter().collect(),
            english: error.message,
        }
    }
}

impl Says {
    /// A message no interface words: what only the CLI prints (a usage slip) or the log keeps
    /// (a build defect); the interface shows its field errors, or "something went wrong".
    pub fn english_only(english: String) -> Says {
        Says {
            key: String::new(),
            values: Vec::new(),
            english,
        }
    }

    /// This message as the value `name` of another: its English in that sentence, and its key
    /// and values beside it under `name:` (`problem:key`, `problem:hole`), so the interface
    /// words the inner message in its language too. Nests to any depth.
    pub fn nested(self, name: &str) -> Vec<(String, String)> {
        let mut values = vec![
            (name.to_string(), self.english),
            (format!("{name}:key"), self.key),
        ];
        values.extend(
            self.values
                .into_iter()
                .map(|(k, v)| (format!("{name}:{k}"), v)),
        );
        values
    }
}

impl std::fmt::Display for Says {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english)
    }
}

/// `says!("afterPeriod", "{year} is after the plan period {start}–{end}", year = …, …)`: the
/// English, and the key and values the interface words it from (`validation.afterPeriod` in
/// `ui/src/locales/`, whose English is the same).
#[macro_export]
macro_rules! says {
    // A message within a message, after `;`: `says!("inFeature", "feature {n}: {problem}",
    // n = n; problem = inner)` where `inner` is a `Says` (see [`Says::nested`]).
    ($key:literal, $english:literal $(, $name:ident = $value:expr)* ; $($inner:ident = $says:expr),+ $(,)?) => {{
        let mut nested: Vec<(String, String)> = Vec::new();
        let english = format!($english $(, $name = $value)* $(, $inner = {
            let says: $crate::validation::Says = $says;
            let english = says.english.clone();
            nested.extend(says.nested(stringify!($inner)));
            english
        })+);
        let mut values = vec![$((stringify!($name).to_string(), ($value).to_string())),*];
        values.extend(nested);
        $crate::validation::Says {
            key: concat!("validation.", $key).to_string(),
            values,
            english,
        }
    }};
    // Another namespace of the catalogs than `validation`: `says!(edits: "addProject", …)`.
    ($ns:ident: $key:literal, $english:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::validation::Says {
            key: concat!(stringify!($ns), ".", $key).to_string(),
            values: vec![$((stringify!($name).to_string(), ($value).to_string())),*],
            english: format!($english $(, $name = $value)*),
        }
    };
    ($key:literal, $english:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::validation::Says {
            key: concat!("validation.", $key).to_string(),
            values: vec![$((stringify!($name).to_string(), ($value).to_string())),*],
            english: format!($english $(, $name = $value)*),
        }
    };
}

/// A message as the interface receives it beside the English: its key and values, to word it
/// in the interface's language (a note or a change an import reports).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Said {
    pub message: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, String>,
}

impl From<Says> for Said {
    fn from(says: Says) -> Said {
        Said {
            message: says.english,
            key: says.key,
            values: says.values.into_iter().collect(),
        }
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Collects errors; the checks below read like the rules they enforce.
#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    fn push(&mut self, field: impl Into<String>, rule: Rule, says: impl Into<Says>) {
        self.0.push(FieldError::new(field, rule, says));
    }

    fn required_text(&mut self, field: &str, value: &str, required: Says) {
        if value.trim().is_empty() {
            self.push(field, Rule::Required, required);
        } else {
            self.max_len(field, value, MAX_SHORT_TEXT);
        }
    }

    /// Every text field passes here: its length, and no control character. Tab, line feed and
    /// carriage return are text; the other C0 controls (NUL, PowerPoint's U+000B soft break…)
    /// and U+FFFE/U+FFFF cannot be written in XML, so no export could carry them.
    fn max_len(&mut self, field: &str, value: &str, max: usize) {
        if let Some(c) = value.chars().find(|c| is_forbidden_char(*c)) {
            self.push(
                field,
                Rule::Format,
                says!(
                    "controlCharacter",
                    "holds the control character U+{code}, which no export can carry; delete it or use a line break",
                    code = format!("{:04X}", u32::from(c))
                ),
            );
        }
        let len = value.chars().count();
        if len > max {
            self.push(
                field,
                Rule::TooLong,
                says!(
                    "tooLong",
                    "is {len} characters long; at most {max} are allowed",
                    len = len,
                    max = max
                ),
            );
        }
    }

    /// A field's texts in the plan's local languages: each under a language tag other than
    /// English (the field itself holds the English), each checked as the field is.
    fn translations(&mut self, field: &str, texts: &Translations, max: usize) {
        for (tag, text) in texts {
            let at = format!("{field}.{tag}");
            if self.local_language(
                &at,
                tag,
                says!(
                    "englishIsTheField",
                    "the English text is the field itself, not a translation"
                ),
            ) {
                self.max_len(&at, text, max);
            }
        }
    }

    /// A local language's tag: well formed and not English, which `english` explains.
    fn local_language(&mut self, field: &str, tag: &str, english: Says) -> bool {
        if tag == ENGLISH {
            self.push(field, Rule::Format, english);
            false
        } else if !is_language_tag(tag) {
            self.push(
                field,
                Rule::Format,
                says!(
                    "notALanguageTag",
                    "'{tag}' is not a language tag (BCP 47, e.g. km, th, zh-Hant)",
                    tag = tag
                ),
            );
            false
        } else {
            true
        }
    }

    fn finite(&mut self, field: &str, value: f64) -> bool {
        if value.is_finite() {
            true
        } else {
            self.push(
                field,
                Rule::NotANumber,
                says!("notANumber", "must be a number"),
            );
            false
        }
    }

    fn year_in_period(&mut self, field: &str, year: i32, period: (i32, i32)) {
        let (start, end) = period;
        if year < start {
            self.push(
                field,
                Rule::OutsidePeriod,
                says!(
                    "beforePeriod",
                    "{year} is before the plan period {start}–{end}",
                    year = year,
                    start = start,
                    end = end
                ),
            );
        } else if year > end {
            self.push(
                field,
                Rule::OutsidePeriod,
                says!(
                    "afterPeriod",
                    "{year} is after the plan period {start}–{end}",
                    year = year,
                    start = start,
                    end = end
                ),
            );
        }
    }

    fn years(&mut self, prefix: &str, start: i32, end: i32, period: (i32, i32)) {
        let start_field = format!("{prefix}start_year");
        let end_field = format!("{prefix}end_year");
        self.year_in_period(&start_field, start, period);
        self.year_in_period(&end_field, end, period);
        self.start_before_end(&end_field, start, end);
    }

    fn start_before_end(&mut self, end_field: &str, start: i32, end: i32) {
        if start > end {
            self.push(
                end_field,
                Rule::StartAfterEnd,
                says!(
                    "endsBeforeStart",
                    "ends in {end}, before it starts in {start}",
                    end = end,
                    start = start
                ),
            );
        }
    }

    fn into_result(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// What a project is checked against: the framework, the plan's period and its partners.
pub struct PlanContext<'a> {
    pub reference: &'a Reference,
    pub period: (i32, i32),
    pub partners: &'a [PartnerId],
}

/// Checks a project draft; `Err` lists every broken rule.
pub fn project(draft: &ProjectDraft, cx: &PlanContext<'_>) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::default();
    let reference = cx.reference;

    e.max_len("code", &draft.code, 32);
    if !draft.code.trim().is_empty() && !is_project_code(draft.code.trim()) {
        e.push(
            "code",
            Rule::Format,
            says!(
                "badCode",
                "'{code}' cannot be part of an IATI identifier: use letters A–Z, digits, '-', '_' or '.', starting with a letter or digit (e.g. BI-01), or leave it empty",
                code = draft.code
            ),
        );
    }
    e.required_text(
        "title",
        &draft.title,
        says!(
            "titleRequired",
            "A title in English, the network's language, is required"
        ),
    );
    e.translations("title_local", &draft.title_local, MAX_SHORT_TEXT);
    e.max_len("description", &draft.description, MAX_LONG_TEXT);
    e.translations("description_local", &draft.description_local, MAX_LONG_TEXT);
    e.max_len("lead_agency", &draft.lead_agency, MAX_SHORT_TEXT);

    if draft.primary_focus_area.trim().is_empty() {
        e.push(
            "primary_focus_area",
            Rule::Required,
            says!("focusAreaRequired", "a primary focus area is required"),
        );
    } else if !reference.has_focus_area(&draft.primary_focus_area) {
        e.push(
            "primary_focus_area",
            Rule::Unknown,
            says!(
                "notAFocusArea",
                "'{code}' is not a focus area",
                code = draft.primary_focus_area
            ),
        );
    }
    for (i, code) in draft.secondary_focus_areas.iter().enumerate() {
        let field = format!("secondary_focus_areas[{i}]");
        if !reference.has_focus_area(code) {
            e.push(
                field,
                Rule::Unknown,
                says!("notAFocusArea", "'{code}' is not a focus area", code = code),
            );
        } else if *code == draft.primary_focus_area {
            e.push(
                field,
                Rule::Duplicate,
                says!(
                    "alreadyPrimary",
                    "'{code}' is already the primary focus area",
                    code = code
                ),
            );
        }
    }
    for (i, code) in draft.sectors.iter().enumerate() {
        if reference.sector(code).is_none() {
            e.push(
                format!("sectors[{i}]"),
                Rule::Unknown,
                says!("notASector", "'{code}' is not a known sector", code = code),
            );
        }
    }
    for (i, code) in draft.outcomes.iter().enumerate() {
        if !reference.has_outcome(code) {
            e.push(
                format!("outcomes[{i}]"),
                Rule::Unknown,
                says!(
                    "notAnOutcome",
                    "'{code}' is not a strategic outcome",
                    code = code
                ),
            );
        }
    }
    for (i, sdg) in draft.sdgs.iter().enumerate() {
        if !reference.has_sdg(*sdg) {
            e.push(
                format!("sdgs[{i}]"),
                Rule::Unknown,
                says!(
                    "notAnSdg",
                    "{sdg} is not a Sustainable Development Goal (1–17)",
                    sdg = sdg
                ),
            );
        }
    }
    duplicates(&mut e, "sectors", &draft.sectors);
    duplicates(&mut e, "outcomes", &draft.outcomes);
    duplicates(&mut e, "sdgs", &draft.sdgs);

    // Years may be unknown while drafting; what is given must fit.
    if let Some(start) = draft.start_year {
        e.year_in_period("start_year", start, cx.period);
    }
    if let Some(end) = draft.end_year {
        e.year_in_period("end_year", end, cx.period);
    }
    if let Some((start, end)) = draft.years() {
        e.start_before_end("end_year", start, end);
    }

    for (i, partner) in draft.partners.iter().enumerate() {
        if !cx.partners.contains(partner) {
            e.push(
                format!("partners[{i}]"),
                Rule::Unknown,
                says!(
                    "notAPartner",
                    "partner {partner} is not a partner of this plan",
                    partner = partner
                ),
            );
        }
    }

    for (i, line) in draft.funding.iter().enumerate() {
        let p = format!("funding[{i}].");
        if e.finite(&format!("{p}amount"), line.amount) {
            if line.amount < 0.0 {
                e.push(
                    format!("{p}amount"),
                    Rule::Negative,
                    says!(
                        "negativeAmount",
                        "{amount} is negative; an amount cannot be below zero",
                        amount = line.amount
                    ),
                );
            } else if line.amount > MAX_AMOUNT {
                e.push(
                    format!("{p}amount"),
                    Rule::OutOfRange,
                    says!(
                        "amountTooLarge",
                        "{amount} is more than any funding line can be (at most ten trillion)",
                        amount = format!("{:.3e}", line.amount)
                    ),
                );
            }
        }
        if !is_currency_code(&line.currency) {
            e.push(
                format!("{p}currency"),
                Rule::Format,
                says!(
                    "notACurrency",
                    "'{currency}' is not a currency code such as USD or VND",
                    currency = line.currency
                ),
            );
        }
        e.years(&p, line.start_year, line.end_year, cx.period);
        if let Some(partner) = line.partner_id {
            if !cx.partners.contains(&partner) {
                e.push(
                    format!("{p}partner_id"),
                    Rule::Unknown,
                    says!(
                        "notAPartner",
                        "partner {partner} is not a partner of this plan",
                        partner = partner
                    ),
                );
            }
        }
    }

    for (i, kpi) in draft.kpis.iter().enumerate() {
        let p = format!("kpis[{i}].");
        e.required_text(
            &format!("{p}name"),
            &kpi.name,
            says!("indicatorRequired", "An indicator name is required"),
        );
        e.translations(&format!("{p}name_local"), &kpi.name_local, MAX_SHORT_TEXT);
        e.required_text(
            &format!("{p}unit"),
            &kpi.unit,
            says!("unitRequired", "A unit is required"),
        );
        if let Some(reference) = &kpi.standard_ref {
            e.max_len(&format!("{p}standard_ref"), reference, MAX_SHORT_TEXT);
        }
        if !YEAR_RANGE.contains(&kpi.baseline_year) {
            e.push(
                format!("{p}baseline_year"),
                Rule::OutOfRange,
                says!(
                    "notAPlausibleYear",
                    "{year} is not a plausible year",
                    year = kpi.baseline_year
                ),
            );
        } else if kpi.baseline_year > cx.period.1 {
            e.push(
                format!("{p}baseline_year"),
                Rule::OutsidePeriod,
                says!(
                    "baselineAfterPeriod",
                    "{year} is after the plan period {start}–{end}; a baseline comes before the targets",
                    year = kpi.baseline_year,
                    start = cx.period.0,
                    end = cx.period.1
                ),
            );
        }
        e.finite(&format!("{p}baseline_value"), kpi.baseline_value);
        let mut years = HashSet::new();
        for (j, target) in kpi.targets.iter().enumerate() {
            let field = format!("{p}targets[{j}].year");
            e.year_in_period(&field, target.year, cx.period);
            if !years.insert(target.year) {
                e.push(
                    field,
                    Rule::Duplicate,
                    says!(
                        "targetTwice",
                        "{year} has a target already",
                        year = target.year
                    ),
                );
            }
            e.finite(&format!("{p}targets[{j}].value"), target.value);
        }
        let mut years = HashSet::new();
        for (j, actual) in kpi.actuals.iter().enumerate() {
            let field = format!("{p}actuals[{j}].year");
            e.year_in_period(&field, actual.year, cx.period);
            if !years.insert(actual.year) {
                e.push(
                    field,
                    Rule::Duplicate,
                    says!(
                        "actualTwice",
                        "{year} has an actual already",
                        year = actual.year
                    ),
                );
            }
            e.finite(&format!("{p}actuals[{j}].value"), actual.value);
        }
    }

    let mut years = HashSet::new();
    for (i, update) in draft.progress.iter().enumerate() {
        let field = format!("progress[{i}].year");
        e.year_in_period(&field, update.year, cx.period);
        if !years.insert(update.year) {
            e.push(
                field,
                Rule::Duplicate,
                says!(
                    "reportTwice",
                    "{year} has a progress report already",
                    year = update.year
                ),
            );
        }
        if update.percent_complete > 100 {
            e.push(
                format!("progress[{i}].percent_complete"),
                Rule::OutOfRange,
                says!(
                    "percentOver",
                    "{percent}% is more than 100%",
                    percent = update.percent_complete
                ),
            );
        }
        e.max_len(
            &format!("progress[{i}].narrative"),
            &update.narrative,
            MAX_LONG_TEXT,
        );
        e.translations(
            &format!("progress[{i}].narrative_local"),
            &update.narrative_local,
            MAX_LONG_TEXT,
        );
        if update.spent.is_some_and(|v| !v.is_finite() || v < 0.0) {
            e.push(
                format!("progress[{i}].spent"),
                Rule::Negative,
                says!("notMoney", "must be an amount of money, not negative"),
            );
        }
    }

    for (i, location) in draft.locations.iter().enumerate() {
        e.max_len(
            &format!("locations[{i}].name"),
            &location.name,
            MAX_SHORT_TEXT,
        );
        e.0.extend(crate::geometry::check(
            &format!("locations[{i}].geometry"),
            &location.geometry,
        ));
    }
    e.into_result()
}

/// Checks a plan's own fields.
pub fn plan(draft: &PlanDraft, reference: &Reference) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::default();
    for (field, year) in [
        ("period_start", draft.period_start),
        ("period_end", draft.period_end),
    ] {
        if !YEAR_RANGE.contains(&year) {
            e.push(
                field,
                Rule::OutOfRange,
                says!(
                    "notAPlausibleYear",
                    "{year} is not a plausible year",
                    year = year
                ),
            );
        }
    }
    if draft.period_start > draft.period_end {
        e.push(
            "period_end",
            Rule::StartAfterEnd,
            says!(
                "periodEndsBeforeStart",
                "the period ends in {end}, before it starts in {start}",
                end = draft.period_end,
                start = draft.period_start
            ),
        );
    }
    e.max_len("vision", &draft.vision, MAX_LONG_TEXT);
    e.translations("vision_local", &draft.vision_local, MAX_LONG_TEXT);
    e.max_len("context", &draft.context, MAX_LONG_TEXT);
    e.translations("context_local", &draft.context_local, MAX_LONG_TEXT);
    let mut languages = HashSet::new();
    for (i, tag) in draft.languages.iter().enumerate() {
        let field = format!("languages[{i}]");
        let english = says!(
            "englishAlways",
            "English is always a plan's language; list the others"
        );
        if e.local_language(&field, tag, english) && !languages.insert(tag.as_str()) {
            e.push(
                field,
                Rule::Duplicate,
                says!("listedTwice", "'{value}' is listed twice", value = tag),
            );
        }
    }
    let mut seen = HashSet::new();
    for (i, chosen) in draft.focus_areas.iter().enumerate() {
        let field = format!("focus_areas[{i}].focus_area");
        if !reference.has_focus_area(&chosen.focus_area) {
            e.push(
                field,
                Rule::Unknown,
                says!(
                    "notAFocusArea",
                    "'{code}' is not a focus area",
                    code = chosen.focus_area
                ),
            );
        } else if !seen.insert(chosen.focus_area.as_str()) {
            e.push(
                field,
                Rule::Duplicate,
                says!(
                    "chosenTwice",
                    "'{code}' is chosen twice",
                    code = chosen.focus_area
                ),
            );
        }
        e.max_len(
            &format!("focus_areas[{i}].rationale"),
            &chosen.rationale,
            MAX_LONG_TEXT,
        );
        e.translations(
            &format!("focus_areas[{i}].rationale_local"),
            &chosen.rationale_local,
            MAX_LONG_TEXT,
        );
        let mut outcomes = HashSet::new();
        for (j, outcome) in chosen.outcomes.iter().enumerate() {
            let field = format!("focus_areas[{i}].outcomes[{j}]");
            if !reference.has_outcome(outcome) {
                e.push(
                    field,
                    Rule::Unknown,
                    says!(
                        "notAnOutcome",
                        "'{code}' is not a strategic outcome",
                        code = outcome
                    ),
                );
            } else if !outcomes.insert(outcome.as_str()) {
                e.push(
                    field,
                    Rule::Duplicate,
                    says!("namedTwice", "'{code}' is named twice", code = outcome),
                );
            }
        }
    }
    e.into_result()
}

/// Checks a city a user adds.
pub fn new_city(city: &NewCity, reference: &Reference) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::default();
    e.required_text(
        "name",
        &city.name,
        says!("cityNameRequired", "A city name is required"),
    );
    if reference.member_state(&city.member_state).is_none() {
        e.push(
            "member_state",
            Rule::Unknown,
            says!(
                "notAMemberState",
                "'{code}' is not an ASEAN member state",
                code = city.member_state
            ),
        );
    }
    if let Some(population) = city.population {
        if population < 0 {
            e.push(
                "population",
                Rule::Negative,
                says!("cannotBeNegative", "cannot be negative"),
            );
        }
    }
    match (city.latitude, city.longitude) {
        (Some(lat), Some(lon)) => {
            if !(-90.0..=90.0).contains(&lat) {
                e.push(
                    "latitude",
                    Rule::OutOfRange,
                    says!("latitudeOff", "{lat} is outside −90…90", lat = lat),
                );
            }
            if !(-180.0..=180.0).contains(&lon) {
                e.push(
                    "longitude",
                    Rule::OutOfRange,
                    says!("longitudeOff", "{lon} is outside −180…180", lon = lon),
                );
            }
        }
        (None, None) => {}
        (None, Some(_)) => e.push(
            "latitude",
            Rule::Required,
            says!("bothCoordinates", "give both latitude and longitude"),
        ),
        (Some(_), None) => e.push(
            "longitude",
            Rule::Required,
            says!("bothCoordinates", "give both latitude and longitude"),
        ),
    }
    if let Some(officer) = &city.officer {
        e.max_len("officer", officer, MAX_SHORT_TEXT);
    }
    if let Err(problem) = member_since(city.member_since) {
        e.0.push(problem);
    }
    e.into_result()
}

/// Checks that a plan's years lie within its plan period: a plan adopted late may start later,
/// but a plan of 2018–2025 cannot run into 2026–2035 (that is the next period's plan).
pub fn plan_in_period(draft: &PlanDraft, period: &Period) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::default();
    for (field, year) in [
        ("period_start", draft.period_start),
        ("period_end", draft.period_end),
    ] {
        if !period.contains(year) {
            e.push(
                field,
                Rule::OutsidePeriod,
                says!(
                    "outsidePlanPeriod",
                    "{year} is outside the plan period {period}; a plan of another period is a \
                     plan of its own",
                    year = year,
                    period = period.label()
                ),
            );
        }
    }
    e.into_result()
}

/// The year the ASEAN Smart Cities Network was founded: no city is a member before it.
pub const NETWORK_FOUNDED: i32 = 2018;

/// Checks the year a city joined the network (`None`: not a member).
pub fn member_since(year: Option<i32>) -> Result<(), FieldError> {
    match year {
        Some(year) if !(NETWORK_FOUNDED..=*YEAR_RANGE.end()).contains(&year) => Err(
            FieldError::new("member_since", Rule::OutOfRange, not_a_network_year(year)),
        ),
        _ => Ok(()),
    }
}

fn not_a_network_year(year: i32) -> Says {
    says!(
        "notANetworkYear",
        "{year} is not a year of the network: it was founded in {founded}",
        year = year,
        founded = NETWORK_FOUNDED
    )
}

/// Checks the year of a network report: the network has reported since it was founded.
pub fn report_year(year: i32) -> Result<(), FieldError> {
    if (NETWORK_FOUNDED..=*YEAR_RANGE.end()).contains(&year) {
        Ok(())
    } else {
        Err(FieldError::new(
            "year",
            Rule::OutOfRange,
            not_a_network_year(year),
        ))
    }
}

/// Checks a partner.
pub fn partner(draft: &PartnerDraft) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::default();
    e.required_text(
        "name",
        &draft.name,
        says!("partnerNameRequired", "A partner name is required"),
    );
    e.translations("name_local", &draft.name_local, MAX_SHORT_TEXT);
    if let Some(country) = &draft.country {
        e.max_len("country", country, MAX_SHORT_TEXT);
    }
    e.into_result()
}

/// Checks a pairing a city agrees.
pub fn pairing(draft: &PairingDraft) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::default();
    e.required_text(
        "counterpart",
        &draft.counterpart,
        says!(
            "counterpartRequired",
            "The city or partner paired with is required"
        ),
    );
    e.max_len("note", &draft.note, MAX_LONG_TEXT);
    if draft.score > 100 {
        e.push(
            "score",
            Rule::OutOfRange,
            says!("atMost100", "must be at most 100"),
        );
    }
    for (i, reason) in draft.reasons.iter().enumerate() {
        e.max_len(&format!("reasons[{i}]"), reason, MAX_LONG_TEXT);
    }
    e.into_result()
}

/// Checks what an officer says of a revision when submitting the plan.
pub fn revision_label(label: &str) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::default();
    e.max_len("label", label, MAX_SHORT_TEXT);
    e.into_result()
}

fn duplicates<T: PartialEq + std::fmt::Display>(e: &mut Errors, field: &str, values: &[T]) {
    for (i, value) in values.iter().enumerate() {
        if values[..i].contains(value) {
            e.push(
                format!("{field}[{i}]"),
                Rule::Duplicate,
                says!("listedTwice", "'{value}' is listed twice", value = value),
            );
        }
    }
}

/// A character no stored text may hold: C0 controls but tab, line feed and carriage return,
/// and the two noncharacters XML refuses.
pub fn is_forbidden_char(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Text without the characters no XML can carry (see [`is_forbidden_char`]): what every XML
/// writer (IATI, SVG charts and map) writes, because a workspace written before the rule may
/// still hold one, and one must not make a file ill-formed.
pub fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_forbidden_char) {
        text.chars().filter(|c| !is_forbidden_char(*c)).collect()
    } else {
        text.into()
    }
}

/// A project code becomes the end of an IATI identifier, so it is letters, digits, `-`, `_`
/// and `.` only, starting with a letter or digit.
pub fn is_project_code(code: &str) -> bool {
    code.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework;
    use crate::{
        FundingLine, FundingSource, FundingStatus, Kpi, KpiTarget, ProgressUpdate, ProjectStatus,
    };

    fn draft() -> ProjectDraft {
        ProjectDraft {
            description_local: Default::default(),
            title_local: Default::default(),
            code: "BI-01".into(),
            title: "Smart traffic lights".into(),
            description: String::new(),
            primary_focus_area: "BI".into(),
            secondary_focus_areas: vec!["SS".into()],
            sectors: vec!["transport".into()],
            outcomes: vec!["QL".into()],
            sdgs: vec![11],
            start_year: Some(2019),
            end_year: Some(2022),
            status: ProjectStatus::Planned,
            lead_agency: "Department of Transport".into(),
            bankable: false,
            partners: vec![],
            funding: vec![FundingLine {
                source: FundingSource::CityBudget,
                partner_id: None,
                amount: 1.5e6,
                currency: "USD".into(),
                start_year: 2019,
                end_year: 2020,
                status: FundingStatus::Committed,
            }],
            locations: vec![],
            kpis: vec![Kpi {
                name_local: Default::default(),
                name: "Average commute time".into(),
                standard_ref: None,
                unit: "minutes".into(),
                baseline_year: 2017,
                baseline_value: 42.0,
                targets: vec![KpiTarget {
                    year: 2022,
                    value: 35.0,
                }],
                actuals: vec![],
            }],
            progress: vec![],
        }
    }

    fn check(draft: &ProjectDraft) -> Result<(), Vec<FieldError>> {
        let (reference, _) = framework::shipped().unwrap();
        project(
            draft,
            &PlanContext {
                reference: &reference,
                period: (2018, 2025),
                partners: &[],
            },
        )
    }

    fn fields(result: Result<(), Vec<FieldError>>) -> Vec<(String, Rule)> {
        result
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.rule))
            .collect()
    }

    #[test]
    fn accepts_a_complete_project() {
        assert_eq!(
            check(&draft()),
            Ok(()),
            "a complete project must be accepted"
        );
    }

    #[test]
    fn rejects_end_year_after_plan_period() {
        let mut d = draft();
        d.end_year = Some(2031);
        let errors = check(&d).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "end_year");
        assert_eq!(
            errors[0].message, "2031 is after the plan period 2018–2025",
            "the planner must see the year and the period"
        );
    }

    #[test]
    fn rejects_start_after_end() {
        let mut d = draft();
        d.start_year = Some(2024);
        d.end_year = Some(2020);
        assert_eq!(
            fields(check(&d)),
            vec![("end_year".to_string(), Rule::StartAfterEnd)]
        );
    }

    #[test]
    fn rejects_missing_title_and_focus_area_together() {
        let mut d = draft();
        d.title = "   ".into();
        d.primary_focus_area = String::new();
        assert_eq!(
            fields(check(&d)),
            vec![
                ("title".to_string(), Rule::Required),
                ("primary_focus_area".to_string(), Rule::Required)
            ],
            "both problems are reported at once"
        );
    }

    #[test]
    fn rejects_unknown_sector_and_negative_amount() {
        let mut d = draft();
        d.sectors.push("spaceports".into());
        d.funding[0].amount = -5.0;
        assert_eq!(
            fields(check(&d)),
            vec![
                ("sectors[1]".to_string(), Rule::Unknown),
                ("funding[0].amount".to_string(), Rule::Negative)
            ]
        );
    }

    #[test]
    fn rejects_an_absurd_amount() {
        let mut d = draft();
        d.funding[0].amount = 1e300;
        assert_eq!(
            fields(check(&d)),
            vec![("funding[0].amount".to_string(), Rule::OutOfRange)]
        );
        d.funding[0].amount = MAX_AMOUNT;
        assert_eq!(check(&d), Ok(()));
    }

    #[test]
    fn rejects_nan_amount_and_bad_currency() {
        let mut d = draft();
        d.funding[0].amount = f64::NAN;
        d.funding[0].currency = "usd".into();
        assert_eq!(
            fields(check(&d)),
            vec![
                ("funding[0].amount".to_string(), Rule::NotANumber),
                ("funding[0].currency".to_string(), Rule::Format)
            ]
        );
    }

    #[test]
    fn rejects_kpi_target_outside_period_and_twice_in_a_year() {
        let mut d = draft();
        d.kpis[0].targets = vec![
            KpiTarget {
                year: 2030,
                value: 1.0,
            },
            KpiTarget {
                year: 2030,
                value: 2.0,
            },
        ];
        assert_eq!(
            fields(check(&d)),
            vec![
                ("kpis[0].targets[0].year".to_string(), Rule::OutsidePeriod),
                ("kpis[0].targets[1].year".to_string(), Rule::OutsidePeriod),
                ("kpis[0].targets[1].year".to_string(), Rule::Duplicate),
            ]
        );
    }

    #[test]
    fn rejects_progress_over_100_percent_twice_a_year_or_outside_the_period() {
        let mut d = draft();
        let update = |year, percent_complete| ProgressUpdate {
            narrative_local: Default::default(),
            year,
            status: ProjectStatus::InProgress,
            percent_complete,
            narrative: String::new(),
            spent: None,
        };
        d.progress = vec![update(2020, 40), update(2020, 120), update(2026, 10)];
        d.kpis[0].actuals = vec![KpiTarget {
            year: 2017,
            value: 40.0,
        }];
        assert_eq!(
            fields(check(&d)),
            vec![
                ("kpis[0].actuals[0].year".to_string(), Rule::OutsidePeriod),
                ("progress[1].year".to_string(), Rule::Duplicate),
                ("progress[1].percent_complete".to_string(), Rule::OutOfRange),
                ("progress[2].year".to_string(), Rule::OutsidePeriod),
            ]
        );
        d.progress = vec![update(2020, 40), update(2021, 100)];
        d.kpis[0].actuals = vec![KpiTarget {
            year: 2021,
            value: 38.0,
        }];
        assert_eq!(
            check(&d),
            Ok(()),
            "a year's report inside the period is kept"
        );
    }

    #[test]
    fn rejects_partner_not_in_plan() {
        let mut d = draft();
        d.partners = vec![PartnerId(99)];
        assert_eq!(
            fields(check(&d)),
            vec![("partners[0]".to_string(), Rule::Unknown)]
        );
    }

    #[test]
    fn rejects_overlong_title() {
        let mut d = draft();
        d.title = "x".repeat(MAX_SHORT_TEXT + 1);
        assert_eq!(
            fields(check(&d)),
            vec![("title".to_string(), Rule::TooLong)]
        );
    }

    #[test]
    fn rejects_plan_period_backwards_and_focus_area_twice() {
        let (reference, _) = framework::shipped().unwrap();
        let chosen = |code: &str, outcomes: &[&str]| crate::ChosenFocusArea {
            rationale_local: Default::default(),
            focus_area: code.into(),
            rationale: String::new(),
            outcomes: outcomes.iter().map(|o| o.to_string()).collect(),
        };
        let draft = PlanDraft {
            context_local: Default::default(),
            languages: Default::default(),
            vision_local: Default::default(),
            period_start: 2026,
            period_end: 2025,
            context: String::new(),
            vision: String::new(),
            status: crate::PlanStatus::Draft,
            focus_areas: vec![
                chosen("BI", &["SE", "QL"]),
                chosen("BI", &[]),
                chosen("XX", &[]),
                chosen("QE", &["SE", "XY", "SE"]),
            ],
        };
        let got: Vec<_> = plan(&draft, &reference)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.rule))
            .collect();
        assert_eq!(
            got,
            vec![
                ("period_end".to_string(), Rule::StartAfterEnd),
                ("focus_areas[1].focus_area".to_string(), Rule::Duplicate),
                ("focus_areas[2].focus_area".to_string(), Rule::Unknown),
                ("focus_areas[3].outcomes[1]".to_string(), Rule::Unknown),
                ("focus_areas[3].outcomes[2]".to_string(), Rule::Duplicate),
            ]
        );
    }

    #[test]
    fn rejects_city_outside_asean_or_off_the_globe() {
        let (reference, _) = framework::shipped().unwrap();
        let city = NewCity {
            name: "Atlantis".into(),
            member_state: "ATL".into(),
            population: Some(-1),
            latitude: Some(95.0),
            longitude: Some(10.0),
            officer: None,
            member_since: Some(2016),
        };
        let got: Vec<_> = new_city(&city, &reference)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            got,
            vec!["member_state", "population", "latitude", "member_since"]
        );
    }
}
