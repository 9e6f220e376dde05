//! Suggested pairings: other cities and external partners that share a city's priorities.
//!
//! Every suggestion is scored out of 100 from parts a planner can check, and each part that
//! counts is given as a reason ("both work on Built infrastructure, Health & well-being"), so a
//! score is never a black box. A partner's priorities are the focus areas and sectors of the
//! projects it takes part in (as partner or funder) in the workspace's plans.
//!
//! | part | city ↔ city | city ↔ partner |
//! |---|---|---|
//! | focus areas | 40 × shared / all of both | 40 × shared / the city's |
//! | sectors | 30 × shared / all of both | 30 × shared / the city's |
//! | characteristics | 10 same population band, 10 same country | 10 active in the city's country |
//! | partners | 5 per shared partner, at most 10 | 5 per other city it works with, at most 10 |

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::framework::Reference;
use crate::{PairingKind, PartnerId, PartnerKind, PlanDocument, Project};

/// One suggested counterpart for a city, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Suggestion {
    pub kind: PairingKind,
    /// The other city's or the partner's name.
    pub counterpart: String,
    /// The other city's member state, or the partner's country.
    pub country: Option<String>,
    /// For a partner: what kind it is.
    pub partner_kind: Option<PartnerKind>,
    /// 0–100.
    pub score: u32,
    pub reasons: Vec<String>,
}

/// What a city (or a partner) works on, gathered from plans.
#[derive(Default)]
struct Priorities {
    focus_areas: BTreeSet<String>,
    sectors: BTreeSet<String>,
}

impl Priorities {
    fn of_projects<'a>(projects: impl IntoIterator<Item = &'a Project>) -> Self {
        let mut p = Priorities::default();
        for project in projects {
            p.focus_areas
                .insert(project.draft.primary_focus_area.clone());
            p.sectors.extend(project.draft.sectors.iter().cloned());
        }
        p
    }

    /// A plan's priorities: its projects' and the focus areas it chose.
    fn of_plan(doc: &PlanDocument) -> Self {
        let mut p = Priorities::of_projects(&doc.projects);
        p.focus_areas
            .extend(doc.plan.focus_areas.iter().map(|c| c.focus_area.clone()));
        p
    }
}

/// Whether the partner takes part in the project or funds it.
fn involves(project: &Project, partner: PartnerId) -> bool {
    project.draft.partners.contains(&partner)
        || project
            .draft
            .funding
            .iter()
            .any(|f| f.partner_id == Some(partner))
}

/// A partner of other cities' plans: what it works on, and with which cities (member state,
/// name).
struct KnownPartner {
    name: String,
    kind: PartnerKind,
    country: Option<String>,
    worked: Priorities,
    cities: BTreeSet<(String, String)>,
}

/// Population bands, so that cities of a like size meet.
pub fn population_band(population: Option<i64>) -> Option<&'static str> {
    Some(match population? {
        ..500_000 => "under 500,000",
        500_000..2_000_000 => "500,000 to 2 million",
        2_000_000..5_000_000 => "2 to 5 million",
        _ => "over 5 million",
    })
}

fn shared<'a>(a: &'a BTreeSet<String>, b: &'a BTreeSet<String>) -> Vec<&'a String> {
    a.intersection(b).collect()
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Every city of `others` and every partner of their plans, scored for the city of `mine`,
/// best first; counterparts that share nothing are left out.
pub fn suggestions(
    reference: &Reference,
    mine_doc: &PlanDocument,
    others: &[impl AsRef<PlanDocument>],
) -> Vec<Suggestion> {
    let area_name = |code: &String| {
        reference
            .focus_areas
            .iter()
            .find(|a| &a.code == code)
            .map_or(code.clone(), |a| a.name.clone())
    };
    let sector_name = |code: &String| {
        reference
            .sector(code)
            .map_or(code.clone(), |s| s.name.clone())
    };
    let names = |codes: &[&String], name: &dyn Fn(&String) -> String| {
        codes.iter().map(|c| name(c)).collect::<Vec<_>>().join(", ")
    };

    let me = &mine_doc.city;
    let mine = Priorities::of_plan(mine_doc);
    let my_partners: BTreeSet<String> = mine_doc
        .partners
        .iter()
        .map(|p| p.name.to_lowercase())
        .collect();

    let mut out = Vec::new();
    // Partners of other cities' plans, by lower-case name.
    let mut partners: BTreeMap<String, KnownPartner> = BTreeMap::new();
    for doc in others.iter().map(AsRef::as_ref) {
        let other = &doc.city;
        if other.id == me.id {
            continue;
        }
        let theirs = Priorities::of_plan(doc);
        let their_partners: BTreeSet<String> =
            doc.partners.iter().map(|p| p.name.to_lowercase()).collect();

        for partner in &doc.partners {
            let key = partner.name.to_lowercase();
            let involved = doc.projects.iter().filter(|p| involves(p, partner.id));
            let entry = partners.entry(key).or_insert_with(|| KnownPartner {
                name: partner.name.clone(),
                kind: partner.kind,
                country: partner.country.clone(),
                worked: Priorities::default(),
                cities: BTreeSet::new(),
            });
            let worked = Priorities::of_projects(involved);
            entry.worked.focus_areas.extend(worked.focus_areas);
            entry.worked.sectors.extend(worked.sectors);
            entry
                .cities
                .insert((other.member_state.clone(), other.name.clone()));
        }

        let areas = shared(&mine.focus_areas, &theirs.focus_areas);
        let sectors = shared(&mine.sectors, &theirs.sectors);
        let common_partners = my_partners.intersection(&their_partners).count();
        let mut score =
            40.0 * share(
                areas.len(),
                mine.focus_areas.union(&theirs.focus_areas).count(),
            ) + 30.0 * share(sectors.len(), mine.sectors.union(&theirs.sectors).count());
        let mut reasons = Vec::new();
        if !areas.is_empty() {
            reasons.push(format!("both work on {}", names(&areas, &area_name)));
        }
        if !sectors.is_empty() {
            reasons.push(format!("shared sectors: {}", names(&sectors, &sector_name)));
        }
        if areas.is_empty() && sectors.is_empty() {
            continue;
        }
        if let Some(band) =
            population_band(me.population).filter(|b| population_band(other.population) == Some(*b))
        {
            score += 10.0;
            reasons.push(format!("both have a population of {band}"));
        }
        if other.member_state == me.member_state {
            score += 10.0;
            reasons.push("in the same country".into());
        }
        if common_partners > 0 {
            score += 5.0 * common_partners.min(2) as f64;
            reasons.push(format!("{common_partners} partner(s) in common"));
        }
        out.push(Suggestion {
            kind: PairingKind::City,
            counterpart: other.name.clone(),
            country: Some(
                reference
                    .member_state(&other.member_state)
                    .map_or(other.member_state.clone(), |m| m.name.clone()),
            ),
            partner_kind: None,
            score: score.round() as u32,
            reasons,
        });
    }

    let my_country = reference.member_state(&me.member_state);
    for (key, known) in partners {
        let KnownPartner {
            name,
            kind,
            country,
            worked,
            cities,
        } = known;
        if my_partners.contains(&key) {
            continue;
        }
        let areas = shared(&mine.focus_areas, &worked.focus_areas);
        let sectors = shared(&mine.sectors, &worked.sectors);
        if areas.is_empty() && sectors.is_empty() {
            continue;
        }
        let mut score = 40.0 * share(areas.len(), mine.focus_areas.len())
            + 30.0 * share(sectors.len(), mine.sectors.len());
        let mut reasons = Vec::new();
        if !areas.is_empty() {
            reasons.push(format!("works on {}", names(&areas, &area_name)));
        }
        if !sectors.is_empty() {
            reasons.push(format!("in sectors {}", names(&sectors, &sector_name)));
        }
        if cities.iter().any(|(iso, _)| *iso == me.member_state) {
            score += 10.0;
            reasons.push(format!(
                "already active in {}",
                my_country.map_or(me.member_state.as_str(), |m| m.name.as_str())
            ));
        }
        score += 5.0 * cities.len().min(2) as f64;
        reasons.push(format!(
            "partner of {} other cit{}",
            cities.len(),
            if cities.len() == 1 { "y" } else { "ies" }
        ));
        out.push(Suggestion {
            kind: PairingKind::Partner,
            counterpart: name,
            country,
            partner_kind: Some(kind),
            score: score.round() as u32,
            reasons,
        });
    }
    out.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.counterpart.cmp(&b.counterpart))
    });
    out
}
