//! Is the plan ready for the National Representative? Checks against the Framework, each finding
//! naming the rule, how serious it is, and where to fix it (project code and field, or focus area).
//!
//! Validation ([`crate::validation`]) refuses what cannot be stored; readiness reports what
//! is stored but not yet complete, so a draft can be saved and improved step by step.

use std::collections::{BTreeMap, HashMap};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Plan, PlanDocument, Project, ProjectId, Translations};

/// How much a finding matters before submission.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    /// Must be fixed before the plan is submitted.
    Error,
    /// Should be fixed; the plan is weaker without it.
    Warning,
}

/// The readiness rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReadinessRule {
    NoFocusAreaChosen,
    FocusAreaWithoutProject,
    ProjectWithoutFocusArea,
    ProjectWithoutOutcome,
    ProjectWithoutLeadAgency,
    ProjectOutsidePeriod,
    ProjectWithoutYears,
    ProjectWithoutSector,
    ProjectWithoutKpi,
    ProjectWithoutFunding,
    BankableWithoutCost,
    DuplicateCode,
    /// A narrative written in a local language only: the network reads English.
    NotInEnglish,
}

/// One thing to fix, and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct Finding {
    pub severity: Severity,
    pub rule: ReadinessRule,
    pub message: String,
    /// The project to open, if the finding is about one.
    #[schemars(skip)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<ProjectId>,
    /// The project's code, as people refer to it.
    pub project: Option<String>,
    /// The field of the project editor to go to.
    pub field: Option<String>,
    /// The focus area, for findings about one.
    pub focus_area: Option<String>,
    /// What the message says (`title`, years, counts…), for a reader that words it in
    /// another language from `rule`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, String>,
}

/// The findings for a plan.
pub fn of_plan(doc: &PlanDocument) -> Vec<Finding> {
    check(&doc.plan, &doc.projects)
}

/// Every finding for a plan and its projects, errors first, then in plan order.
pub fn check(plan: &Plan, projects: &[Project]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut add = |severity,
                   rule,
                   message: String,
                   project: Option<&Project>,
                   field: Option<&str>,
                   area: Option<&str>,
                   extra: &[(&str, String)]| {
        // What the message says, for a reader that words it in another language.
        let mut values: BTreeMap<String, String> = extra
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        if let Some(p) = project {
            values.insert("title".into(), p.draft.title.clone());
        }
        findings.push(Finding {
            severity,
            rule,
            message,
            project_id: project.map(|p| p.id),
            project: project.map(|p| p.draft.code.clone()),
            field: field.map(String::from),
            focus_area: area.map(String::from),
            values,
        })
    };

    if plan.focus_areas.is_empty() {
        add(
            Severity::Warning,
            ReadinessRule::NoFocusAreaChosen,
            "The plan has not chosen its focus areas yet.".into(),
            None,
            None,
            None,
            &[],
        );
    }
    for chosen in &plan.focus_areas {
        let area = chosen.focus_area.as_str();
        if !projects.iter().any(|p| p.draft.primary_focus_area == area) {
            add(
                Severity::Warning,
                ReadinessRule::FocusAreaWithoutProject,
                format!("Focus area {area} is chosen but has no project."),
                None,
                None,
                Some(area),
                &[],
            );
        }
    }

    // Written in a local language only: the National Representative, the annual meeting and
    // the funders read the English.
    let missing_english =
        |english: &str, local: &Translations| english.trim().is_empty() && !local.is_empty();
    let languages = |local: &Translations| local.keys().cloned().collect::<Vec<_>>().join(", ");
    for (field, english, local) in [
        ("vision", &plan.vision, &plan.vision_local),
        ("context", &plan.context, &plan.context_local),
    ] {
        if missing_english(english, local) {
            add(
                Severity::Warning,
                ReadinessRule::NotInEnglish,
                format!(
                    "The plan's {field} is written in {} only: the network works in English.",
                    languages(local)
                ),
                None,
                Some(field),
                None,
                &[("languages", languages(local))],
            );
        }
    }
    for chosen in &plan.focus_areas {
        if missing_english(&chosen.rationale, &chosen.rationale_local) {
            add(
                Severity::Warning,
                ReadinessRule::NotInEnglish,
                format!(
                    "Why focus area {} was chosen is written in {} only: the network works in English.",
                    chosen.focus_area,
                    languages(&chosen.rationale_local)
                ),
                None,
                Some("rationale"),
                Some(&chosen.focus_area),
                &[("languages", languages(&chosen.rationale_local))],
            );
        }
    }

    // Each code's first project and how many share it.
    let mut codes: HashMap<&str, (ProjectId, usize)> = HashMap::with_capacity(projects.len());
    for p in projects {
        codes.entry(p.draft.code.as_str()).or_insert((p.id, 0)).1 += 1;
    }
    for p in projects {
        let d = &p.draft;
        // Named only in a finding: most projects have none, and a plan may hold hundreds.
        let name = || format!("{} {}", d.code, d.title);
        if let Some(&(first, count)) = codes.get(d.code.as_str()) {
            if count > 1 && first == p.id {
                add(
                    Severity::Error,
                    ReadinessRule::DuplicateCode,
                    format!("{count} projects share the code {}.", d.code),
                    Some(p),
                    Some("code"),
                    None,
                    &[("count", count.to_string())],
                );
            }
        }
        if d.primary_focus_area.is_empty() {
            add(
                Severity::Error,
                ReadinessRule::ProjectWithoutFocusArea,
                format!("{name} has no primary focus area.", name = name()),
                Some(p),
                Some("primary_focus_area"),
                None,
                &[],
            );
        }
        match (d.start_year, d.end_year) {
            (Some(start), Some(end)) if start < plan.period_start || end > plan.period_end => {
                add(
                    Severity::Error,
                    ReadinessRule::ProjectOutsidePeriod,
                    format!(
                        "{name} runs {start}–{end}, outside the plan period {}–{}.",
                        plan.period_start,
                        plan.period_end,
                        name = name()
                    ),
                    Some(p),
                    Some(if start < plan.period_start {
                        "start_year"
                    } else {
                        "end_year"
                    }),
                    None,
                    &[
                        ("start", start.to_string()),
                        ("end", end.to_string()),
                        ("period_start", plan.period_start.to_string()),
                        ("period_end", plan.period_end.to_string()),
                    ],
                );
            }
            (Some(_), Some(_)) => {}
            (start, _) => add(
                Severity::Error,
                ReadinessRule::ProjectWithoutYears,
                format!(
                    "{name} has no {} year yet.",
                    if start.is_none() { "start" } else { "end" },
                    name = name()
                ),
                Some(p),
                Some(if start.is_none() {
                    "start_year"
                } else {
                    "end_year"
                }),
                None,
                &[],
            ),
        }
        if d.sectors.is_empty() {
            add(
                Severity::Error,
                ReadinessRule::ProjectWithoutSector,
                format!("{name} has no sector.", name = name()),
                Some(p),
                Some("sectors"),
                None,
                &[],
            );
        }
        let cost: f64 = d.funding.iter().map(|f| f.amount).sum();
        if d.bankable && cost <= 0.0 {
            add(
                Severity::Error,
                ReadinessRule::BankableWithoutCost,
                format!(
                    "{name} is marked bankable but has no cost estimate (no funding amount).",
                    name = name()
                ),
                Some(p),
                Some("funding"),
                None,
                &[],
            );
        }
        if d.outcomes.is_empty() {
            add(
                Severity::Warning,
                ReadinessRule::ProjectWithoutOutcome,
                format!("{name} serves no strategic outcome.", name = name()),
                Some(p),
                Some("outcomes"),
                None,
                &[],
            );
        }
        if d.lead_agency.trim().is_empty() {
            add(
                Severity::Warning,
                ReadinessRule::ProjectWithoutLeadAgency,
                format!("{name} has no lead agency.", name = name()),
                Some(p),
                Some("lead_agency"),
                None,
                &[],
            );
        }
        if !d.kpis.iter().any(|k| !k.targets.is_empty()) {
            add(
                Severity::Warning,
                ReadinessRule::ProjectWithoutKpi,
                format!(
                    "{name} has no KPI with a baseline and a target.",
                    name = name()
                ),
                Some(p),
                Some("kpis"),
                None,
                &[],
            );
        }
        if d.funding.is_empty() {
            add(
                Severity::Warning,
                ReadinessRule::ProjectWithoutFunding,
                format!("{name} has no funding source.", name = name()),
                Some(p),
                Some("funding"),
                None,
                &[],
            );
        }
        if missing_english(&d.description, &d.description_local) {
            add(
                Severity::Warning,
                ReadinessRule::NotInEnglish,
                format!(
                    "{name}: the description is written in {} only: the network works in English.",
                    languages(&d.description_local),
                    name = name()
                ),
                Some(p),
                Some("description"),
                None,
                &[("languages", languages(&d.description_local))],
            );
        }
        for u in &d.progress {
            if missing_english(&u.narrative, &u.narrative_local) {
                add(
                    Severity::Warning,
                    ReadinessRule::NotInEnglish,
                    format!(
                        "{name}: what happened in {} is written in {} only: the network works in English.",
                        u.year,
                        languages(&u.narrative_local),
                        name = name()
                    ),
                    Some(p),
                    Some("progress"),
                    None,
                    &[
                        ("languages", languages(&u.narrative_local)),
                        ("year", u.year.to_string()),
                    ],
                );
            }
        }
    }
    findings.sort_by_key(|f| f.severity);
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_narrative_in_the_local_language_only_is_to_improve_and_says_why() {
        let mut stored = plan(&["BI"]);
        stored.vision_local.insert("km".into(), "ទីក្រុងឆ្លាតវៃ".into());
        let mut p = complete(1, "BI-01");
        p.draft.description_local.insert("km".into(), "ផ្លូវថ្មី".into());
        let findings = check(&stored, &[p.clone()]);
        let english: Vec<_> = findings
            .iter()
            .filter(|f| f.rule == ReadinessRule::NotInEnglish)
            .collect();
        assert_eq!(english.len(), 2, "{findings:?}");
        assert!(english.iter().all(|f| f.severity == Severity::Warning));
        assert!(english[0].message.contains("vision is written in km only"));
        assert_eq!(english[1].field.as_deref(), Some("description"));
        assert!(english[1].message.contains("the network works in English"));

        // Written in both, or in English only: nothing to say.
        stored.vision = "A smart city".into();
        p.draft.description = "A new road".into();
        assert!(!check(&stored, &[p])
            .iter()
            .any(|f| f.rule == ReadinessRule::NotInEnglish));
    }
    use crate::{
        ChosenFocusArea, CityId, FundingLine, FundingSource, FundingStatus, Kpi, KpiTarget, PlanId,
        PlanStatus, ProjectDraft, ProjectStatus,
    };

    fn plan(areas: &[&str]) -> Plan {
        Plan {
            context_local: Default::default(),
            languages: Default::default(),
            vision_local: Default::default(),
            id: PlanId(1),
            city_id: CityId(1),
            version: 1,
            period: "2018-2025".into(),
            closed_on: None,
            period_start: 2018,
            period_end: 2025,
            context: String::new(),
            vision: String::new(),
            status: PlanStatus::Draft,
            framework_version: 1,
            sample: false,
            guide_step: 0,
            focus_areas: areas
                .iter()
                .map(|a| ChosenFocusArea {
                    rationale_local: Default::default(),
                    focus_area: a.to_string(),
                    rationale: String::new(),
                    outcomes: Vec::new(),
                })
                .collect(),
        }
    }

    /// A project that passes every rule.
    fn complete(id: i64, code: &str) -> Project {
        Project {
            id: ProjectId(id),
            plan_id: PlanId(1),
            version: 1,
            carried_from: None,
            draft: ProjectDraft {
                description_local: Default::default(),
                title_local: Default::default(),
                code: code.into(),
                title: "Smart lights".into(),
                description: String::new(),
                primary_focus_area: "BI".into(),
                secondary_focus_areas: vec![],
                sectors: vec!["energy".into()],
                outcomes: vec!["SE".into()],
                sdgs: vec![11],
                start_year: Some(2019),
                end_year: Some(2021),
                status: ProjectStatus::Planned,
                lead_agency: "Department of Construction".into(),
                bankable: true,
                partners: vec![],
                funding: vec![FundingLine {
                    source: FundingSource::CityBudget,
                    partner_id: None,
                    amount: 100.0,
                    currency: "USD".into(),
                    start_year: 2019,
                    end_year: 2019,
                    status: FundingStatus::Committed,
                }],
                kpis: vec![Kpi {
                    name_local: Default::default(),
                    name: "Lights converted".into(),
                    standard_ref: None,
                    unit: "%".into(),
                    baseline_year: 2017,
                    baseline_value: 0.0,
                    targets: vec![KpiTarget {
                        year: 2021,
                        value: 80.0,
                    }],
                    actuals: vec![],
                }],
                locations: vec![],
                progress: vec![],
            },
        }
    }

    fn rules(findings: &[Finding]) -> Vec<ReadinessRule> {
        findings.iter().map(|f| f.rule).collect()
    }

    #[test]
    fn a_complete_plan_has_no_findings() {
        assert_eq!(check(&plan(&["BI"]), &[complete(1, "BI-01")]), vec![]);
    }

    #[test]
    fn each_project_rule_fails_on_its_own() {
        type Case = (fn(&mut ProjectDraft), ReadinessRule, &'static str);
        let cases: Vec<Case> = vec![
            (
                |d| d.outcomes.clear(),
                ReadinessRule::ProjectWithoutOutcome,
                "outcomes",
            ),
            (
                |d| d.lead_agency = " ".into(),
                ReadinessRule::ProjectWithoutLeadAgency,
                "lead_agency",
            ),
            (
                |d| d.end_year = Some(2027),
                ReadinessRule::ProjectOutsidePeriod,
                "end_year",
            ),
            (
                |d| d.kpis[0].targets.clear(),
                ReadinessRule::ProjectWithoutKpi,
                "kpis",
            ),
            (
                |d| d.funding[0].amount = 0.0,
                ReadinessRule::BankableWithoutCost,
                "funding",
            ),
            (
                |d| d.primary_focus_area.clear(),
                ReadinessRule::ProjectWithoutFocusArea,
                "primary_focus_area",
            ),
        ];
        for (break_it, rule, field) in cases {
            let mut p = complete(1, "BI-01");
            break_it(&mut p.draft);
            let found = check(&plan(&["BI"]), &[p]);
            assert!(
                rules(&found).contains(&rule),
                "{rule:?} should be found: {found:?}"
            );
            let f = found.iter().find(|f| f.rule == rule).unwrap();
            assert_eq!(
                f.field.as_deref(),
                Some(field),
                "{rule:?} points at the field to fix"
            );
            assert_eq!(f.project.as_deref(), Some("BI-01"));
        }
    }

    #[test]
    fn a_project_without_funding_is_reported_and_bankable_needs_a_cost() {
        let mut p = complete(1, "BI-01");
        p.draft.funding.clear();
        let found = check(&plan(&["BI"]), &[p]);
        assert_eq!(
            rules(&found),
            vec![
                ReadinessRule::BankableWithoutCost,
                ReadinessRule::ProjectWithoutFunding
            ],
            "errors come before warnings"
        );
    }

    #[test]
    fn chosen_focus_areas_need_a_project_and_codes_must_be_unique() {
        let found = check(
            &plan(&["BI", "HW"]),
            &[complete(1, "BI-01"), complete(2, "BI-01")],
        );
        assert_eq!(
            rules(&found),
            vec![
                ReadinessRule::DuplicateCode,
                ReadinessRule::FocusAreaWithoutProject
            ]
        );
        assert_eq!(found[0].message, "2 projects share the code BI-01.");
        assert_eq!(found[1].focus_area.as_deref(), Some("HW"));
        assert_eq!(
            rules(&check(&plan(&[]), &[])),
            vec![ReadinessRule::NoFocusAreaChosen]
        );
    }
}
