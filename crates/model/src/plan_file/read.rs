//! Reads an ASCF plan file ([`crate::plan_file`]) back: parse, check everything against
//! the workspace's framework, and only then hand the store one checked plan to write in one
//! transaction. Every problem names where it is (`focus_areas[4].projects[2].end_year`) and the
//! project's code.

use std::collections::HashMap;

use crate::framework::Reference;
use crate::geometry;
use crate::geometry::districts::DistrictShape;
use crate::plan_file::{FilePairing, PlanFile, FORMAT, VERSION};
use crate::says;
use crate::validation::{self, FieldError, PlanContext, Rule, Says};
use crate::{
    ChosenFocusArea, City, CityId, District, DistrictId, FundingLine, NewCity, Origin, Pairing,
    PairingId, Partner, PartnerDraft, PartnerId, Plan, PlanDocument, PlanDraft, PlanId, Project,
    ProjectDraft, ProjectId,
};

/// Largest plan file accepted.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;

/// A plan read from a file and checked; partner ids are positions in `partners`, from 1.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedPlan {
    pub city: NewCity,
    /// The version of the Framework the plan was checked against (the one it records).
    pub framework_version: i32,
    /// The plan period's code, e.g. `2018-2025`.
    pub period: String,
    pub plan: PlanDraft,
    pub sample: bool,
    pub closed_on: Option<String>,
    pub partners: Vec<PartnerDraft>,
    pub projects: Vec<ProjectDraft>,
    /// For each of `projects`, the project of an earlier plan it was carried from.
    pub carried_from: Vec<Option<Origin>>,
    pub districts: Vec<DistrictShape>,
    pub pairings: Vec<FilePairing>,
}

fn error(field: impl Into<String>, rule: Rule, says: Says) -> FieldError {
    FieldError::new(field, rule, says)
}

/// A parsed plan file, or every problem that kept it from parsing.
pub type ParseResult = Result<PlanFile, Vec<FieldError>>;

/// Parses a plan file: JSON syntax, then `format` and `version`.
pub fn parse(text: &str) -> ParseResult {
    // Look at format and version first, so a newer file says so rather than failing on a field.
    let mut head: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        vec![error(
            "file",
            Rule::Format,
            says!(
                "notJson",
                "is not valid JSON (line {line}, column {column}): {detail}",
                line = e.line(),
                column = e.column(),
                detail = e
            ),
        )]
    })?;
    if head.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(vec![error(
            "format",
            Rule::Format,
            says!(
                "notAPlanFile",
                "is not an ASCF plan file (expected \"format\": \"{format}\")",
                format = FORMAT
            ),
        )]);
    }
    match head.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v > u64::from(VERSION) => {
            return Err(vec![error(
                "version",
                Rule::OutOfRange,
                says!(
                    "newerPlanFile",
                    "the file is version {found} of the plan format, written by a newer app; \
                     this one reads versions 1 to {supported}",
                    found = v,
                    supported = VERSION
                ),
            )])
        }
        Some(v) if v >= 1 => {
            for (from, upgrade) in UPGRADES {
                if u64::from(*from) >= v {
                    upgrade(&mut head);
                }
            }
        }
        _ => {
            return Err(vec![error(
                "version",
                Rule::Format,
                says!(
                    "notAPlanFileVersion",
                    "must be a version of the plan format, 1 to {supported}",
                    supported = VERSION
                ),
            )])
        }
    }
    serde_json::from_value(head).map_err(|e| {
        vec![error(
            "file",
            Rule::Format,
            says!(
                "planFileUnreadable",
                "cannot be read as a plan: {detail}",
                detail = e
            ),
        )]
    })
}

/// Readers of every earlier version of the format: the step at `n` turns a file of version `n`
/// into one of version `n + 1`. A format bump adds its step here and a fixture written by the
/// app of the earlier version (`tests/fixtures/plan-file-v{n}.json`).
const UPGRADES: &[(u32, Upgrade)] = &[(1, v1_to_v2), (2, v2_to_v3), (3, v3_to_v4)];

/// One step of [`UPGRADES`]: rewrites a file's JSON in place.
type Upgrade = fn(&mut serde_json::Value);

/// Version 2 added `written_at` and `revision`, which version 1 files do not know.
fn v1_to_v2(file: &mut serde_json::Value) {
    if let Some(map) = file.as_object_mut() {
        map.insert("version".into(), 2.into());
    }
}

/// Version 4 added the plan's languages and the narratives in them, all optional: a file of
/// version 3 reads as a plan in English, in the member state's languages.
fn v3_to_v4(file: &mut serde_json::Value) {
    if let Some(map) = file.as_object_mut() {
        map.insert("version".into(), 4.into());
    }
}

/// Version 3 added the plan's period. Files before it were written when a city had one plan:
/// a plan of those years belongs to the first period (2018–2025), or to 2026–2035 if it had
/// been moved there.
fn v2_to_v3(file: &mut serde_json::Value) {
    let Some(map) = file.as_object_mut() else {
        return;
    };
    map.insert("version".into(), 3.into());
    if let Some(plan) = map.get_mut("plan").and_then(|p| p.as_object_mut()) {
        let start = plan.get("period_start").and_then(|s| s.as_i64());
        let period = match start {
            Some(start) if start >= 2026 => "2026-2035",
            _ => "2018-2025",
        };
        plan.insert("period".into(), period.into());
    }
}

/// Checks a parsed plan file against the framework; `Err` lists every problem.
pub fn check(file: &PlanFile, reference: &Reference) -> Result<CheckedPlan, Vec<FieldError>> {
    let mut errors = Vec::new();
    let city = NewCity {
        name: file.city.name.clone(),
        member_state: file.city.member_state.clone(),
        population: file.city.population,
        latitude: file.city.latitude,
        longitude: file.city.longitude,
        officer: file.city.officer.clone(),
        member_since: file.city.member_since,
    };
    if let Err(e) = validation::new_city(&city, reference) {
        errors.extend(at(e, "city."));
    }
    let languages = if file.plan.languages.is_empty() {
        reference
            .member_state(&file.city.member_state)
            .map(|m| m.languages.clone())
            .unwrap_or_default()
    } else {
        file.plan.languages.clone()
    };
    let plan = PlanDraft {
        period_start: file.plan.period_start,
        period_end: file.plan.period_end,
        context: file.plan.context.clone(),
        vision: file.plan.vision.clone(),
        languages,
        context_local: file.plan.context_local.clone(),
        vision_local: file.plan.vision_local.clone(),
        status: file.plan.status,
        focus_areas: file
            .focus_areas
            .iter()
            .filter(|f| f.chosen)
            .map(|f| ChosenFocusArea {
                focus_area: f.code.clone(),
                rationale: f.rationale.clone(),
                rationale_local: f.rationale_local.clone(),
                outcomes: f.outcomes.clone(),
            })
            .collect(),
    };
    if let Err(e) = validation::plan(&plan, reference) {
        errors.extend(at(e, "plan."));
    }
    let period = reference.period(&file.plan.period);
    match period {
        Some(period) => {
            if let Err(e) = validation::plan_in_period(&plan, period) {
                errors.extend(at(e, "plan."));
            }
        }
        None => errors.push(error(
            "plan.period",
            Rule::Unknown,
            says!(
                "notAPeriod",
                "'{period}' is not a plan period",
                period = file.plan.period
            ),
        )),
    }
    if let Some(closed) = &file.plan.closed_on {
        if crate::clock::parse_date(closed).is_none() {
            errors.push(error("plan.closed_on", Rule::Format, not_a_date(closed)));
        }
    }

    let mut partner_ids: HashMap<&str, PartnerId> = HashMap::new();
    let mut partners = Vec::new();
    for (i, p) in file.partners.iter().enumerate() {
        let draft = PartnerDraft {
            kind: p.kind,
            name: p.name.clone(),
            name_local: p.name_local.clone(),
            country: p.country.clone(),
        };
        if let Err(e) = validation::partner(&draft) {
            errors.extend(at(e, &format!("partners[{i}].")));
        }
        if partner_ids
            .insert(p.id.as_str(), PartnerId(i as i64 + 1))
            .is_some()
        {
            errors.push(error(
                format!("partners[{i}].id"),
                Rule::Duplicate,
                says!("partnerIdTwice", "partner id {id} is used twice", id = p.id),
            ));
        }
        partners.push(draft);
    }
    let placeholders: Vec<PartnerId> = partner_ids.values().copied().collect();
    let cx = PlanContext {
        reference,
        period: (plan.period_start, plan.period_end),
        partners: &placeholders,
    };

    let mut projects = Vec::new();
    let mut carried_from = Vec::new();
    for (a, area) in file.focus_areas.iter().enumerate() {
        if !reference.has_focus_area(&area.code) {
            errors.push(error(
                format!("focus_areas[{a}].code"),
                Rule::Unknown,
                says!(
                    "notAFocusArea",
                    "'{code}' is not a focus area",
                    code = area.code
                ),
            ));
        }
        for (j, p) in area.projects.iter().enumerate() {
            let path = format!("focus_areas[{a}].projects[{j}].");
            let project = format!("{} ({})", p.code, p.title);
            let mut partner =
                |reference_id: &str, field: String| match partner_ids.get(reference_id) {
                    Some(id) => Some(*id),
                    None => {
                        errors.push(error(
                            format!("{path}{field}"),
                            Rule::Unknown,
                            of_project(
                                &project,
                                says!(
                                    "partnerNotInFile",
                                    "partner '{partner}' is not in the file's partners",
                                    partner = reference_id
                                ),
                            ),
                        ));
                        None
                    }
                };
            let draft_partners = p
                .partners
                .iter()
                .enumerate()
                .filter_map(|(k, r)| partner(r, format!("partners[{k}]")))
                .collect();
            let funding = p
                .funding
                .iter()
                .enumerate()
                .map(|(k, f)| FundingLine {
                    source: f.source,
                    partner_id: f
                        .partner
                        .as_deref()
                        .and_then(|r| partner(r, format!("funding[{k}].partner"))),
                    amount: f.amount,
                    currency: f.currency.clone(),
                    start_year: f.start_year,
                    end_year: f.end_year,
                    status: f.status,
                })
                .collect();
            let draft = ProjectDraft {
                code: p.code.clone(),
                title: p.title.clone(),
                title_local: p.title_local.clone(),
                description: p.description.clone(),
                description_local: p.description_local.clone(),
                primary_focus_area: area.code.clone(),
                secondary_focus_areas: p.secondary_focus_areas.clone(),
                sectors: p.sectors.clone(),
                outcomes: p.outcomes.clone(),
                sdgs: p.sdgs.clone(),
                start_year: p.start_year,
                end_year: p.end_year,
                status: p.status,
                lead_agency: p.lead_agency.clone(),
                bankable: p.bankable,
                partners: draft_partners,
                funding,
                kpis: p.kpis.clone(),
                locations: p.locations.clone(),
                progress: p.progress.clone(),
            };
            if p.code.trim().is_empty() {
                errors.push(error(
                    format!("{path}code"),
                    Rule::Required,
                    of_project(
                        &project,
                        says!("codeRequiredInFile", "a code is required in a plan file"),
                    ),
                ));
            }
            if let Err(e) = validation::project(&draft, &cx) {
                errors.extend(under(e, &path, |says| of_project(&project, says)));
            }
            projects.push(draft);
            carried_from.push(p.carried_from.clone());
        }
    }

    let mut districts = Vec::new();
    for (i, d) in file.districts.iter().enumerate() {
        let problems = geometry::check(&format!("districts[{i}].geometry"), &d.geometry);
        if problems.is_empty() {
            districts.push(DistrictShape {
                name: d.name.clone(),
                geometry: d.geometry.clone(),
            });
        }
        errors.extend(under(problems, "", |problem| {
            says!(
                "inDistrict",
                "district {name}: {problem}",
                name = d.name;
                problem = problem
            )
        }));
    }

    for (i, p) in file.pairings.iter().enumerate() {
        if let Err(e) = validation::pairing(&p.draft()) {
            errors.extend(at(e, &format!("pairings[{i}].")));
        }
        if crate::clock::parse_date(&p.agreed_at).is_none() {
            errors.push(error(
                format!("pairings[{i}].agreed_at"),
                Rule::Format,
                not_a_date(&p.agreed_at),
            ));
        }
    }

    if errors.is_empty() {
        Ok(CheckedPlan {
            city,
            framework_version: reference.version,
            period: period.map_or_else(String::new, |p| p.code.clone()),
            plan,
            sample: file.plan.sample,
            closed_on: file.plan.closed_on.clone(),
            partners,
            projects,
            carried_from,
            districts,
            pairings: file.pairings.clone(),
        })
    } else {
        Err(errors)
    }
}

impl CheckedPlan {
    /// The plan as a document, the value every view and report reads, as if it were the only
    /// plan of a workspace: `id` numbers its city and plan, and partners, projects, districts
    /// and pairings are numbered from 1 in file order. `file` is what it was checked from.
    pub fn document(&self, file: &PlanFile, id: i64) -> PlanDocument {
        let city = City {
            id: CityId(id),
            name: self.city.name.trim().to_string(),
            member_state: self.city.member_state.clone(),
            population: self.city.population,
            population_year: file.city.population_year,
            latitude: self.city.latitude,
            longitude: self.city.longitude,
            pilot: file.city.pilot,
            member_since: self.city.member_since,
            officer: self.city.officer.clone(),
            has_plan: true,
        };
        let plan = Plan {
            id: PlanId(id),
            city_id: city.id,
            period: self.period.clone(),
            closed_on: self.closed_on.clone(),
            period_start: self.plan.period_start,
            period_end: self.plan.period_end,
            context: self.plan.context.clone(),
            vision: self.plan.vision.clone(),
            languages: self.plan.languages.clone(),
            context_local: self.plan.context_local.clone(),
            vision_local: self.plan.vision_local.clone(),
            status: self.plan.status,
            framework_version: file.framework.version,
            sample: self.sample,
            focus_areas: self.plan.focus_areas.clone(),
            guide_step: 0,
            version: 0,
        };
        let number = |i: usize| i as i64 + 1;
        let mut projects: Vec<Project> = self
            .projects
            .iter()
            .enumerate()
            .map(|(i, draft)| Project {
                id: ProjectId(number(i)),
                plan_id: plan.id,
                version: 0,
                carried_from: self.carried_from.get(i).cloned().flatten(),
                draft: draft.clone(),
            })
            .collect();
        // Ordered as the store orders a plan's projects.
        projects.sort_by(|a, b| a.draft.code.cmp(&b.draft.code));
        PlanDocument {
            partners: self
                .partners
                .iter()
                .enumerate()
                .map(|(i, p)| Partner {
                    id: PartnerId(number(i)),
                    kind: p.kind,
                    name: p.name.clone(),
                    name_local: p.name_local.clone(),
                    country: p.country.clone(),
                })
                .collect(),
            pairings: self
                .pairings
                .iter()
                .enumerate()
                .map(|(i, p)| Pairing {
                    id: PairingId(number(i)),
                    kind: p.kind,
                    counterpart: p.counterpart.clone(),
                    score: p.score,
                    reasons: p.reasons.clone(),
                    note: p.note.clone(),
                    agreed_at: p.agreed_at.clone(),
                })
                .collect(),
            districts: self
                .districts
                .iter()
                .enumerate()
                .map(|(i, d)| District {
                    id: DistrictId(number(i)),
                    city_id: city.id,
                    name: d.name.clone(),
                    area_km2: geometry::area_km2(&d.geometry),
                    centroid: geometry::centroid(&d.geometry),
                    geometry: d.geometry.clone(),
                })
                .collect(),
            revision: file.revision.unwrap_or(0),
            projects,
            city,
            plan,
        }
    }
}

/// Puts a file path in front of each field and a label in front of each message.
/// Errors of a part of the file, said as they are, at their path in the file.
fn at(errors: Vec<FieldError>, path: &str) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|e| FieldError {
            field: format!("{path}{}", e.field),
            ..e
        })
        .collect()
}

/// Errors of a part of the file at their path, each said within what `say` says.
fn under(errors: Vec<FieldError>, path: &str, say: impl Fn(Says) -> Says) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|e| {
            let (field, rule) = (format!("{path}{}", e.field), e.rule);
            FieldError::new(field, rule, say(e.into()))
        })
        .collect()
}

/// A problem of a project of the file: the interface words it as `fieldErrors.inProject`,
/// from the `project` value.
fn of_project(project: &str, says: Says) -> Says {
    let mut values = says.values;
    values.push(("project".into(), project.to_string()));
    Says {
        english: format!("project {project}: {}", says.english),
        key: says.key,
        values,
    }
}

fn not_a_date(text: &str) -> Says {
    says!(
        "notADate",
        "'{text}' is not a calendar date written YYYY-MM-DD",
        text = text
    )
}
