//! Sample plans for trying the app, for tests and for benchmarks.
//!
//! A sample plan is plausible (projects spread over the six focus areas in the proportions the
//! ASCN monitoring reports found, each with sectors, outcomes, SDGs, funding and KPIs) and marked
//! as sample data three ways: the plan's `sample` flag, a vision that says so, and partner names
//! prefixed "Sample". The same city, size and seed always give the same plan.

use crate::error::{Error, Result};
use crate::Workspace;
use ascn_model::geometry::districts::DistrictShape;
use ascn_model::Thing;
use ascn_model::{
    ChosenFocusArea, CityId, FundingLine, FundingSource, FundingStatus, Geometry, Kpi, KpiTarget,
    Location, PartnerDraft, PartnerKind, Plan, PlanDraft, PlanStatus, Position, ProgressUpdate,
    ProjectDraft, ProjectStatus,
};

/// Default number of projects in a sample plan.
pub const DEFAULT_PROJECTS: usize = 24;

/// What every sample plan's vision starts with.
pub const SAMPLE_MARK: &str = "SAMPLE DATA";

/// (title, sector, KPI name, unit, baseline, yearly change)
type Template = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
);

/// Project templates per focus area, each with a sector and one KPI.
const TEMPLATES: &[(&str, &[Template])] = &[
    (
        "CS",
        &[
            (
                "One-stop online public service portal",
                "e-government",
                "Services available online",
                "%",
                20.0,
                10.0,
            ),
            (
                "Citizen feedback app and hotline",
                "e-government",
                "Requests resolved within 7 days",
                "%",
                45.0,
                6.0,
            ),
            (
                "Digital skills for public-school teachers",
                "education",
                "Teachers trained",
                "teachers",
                0.0,
                400.0,
            ),
            (
                "Smart classrooms in district schools",
                "education",
                "Schools equipped",
                "schools",
                2.0,
                8.0,
            ),
            (
                "Digital heritage archive and virtual museum",
                "culture",
                "Items digitised",
                "items",
                500.0,
                2500.0,
            ),
            (
                "Integrated city operations centre",
                "urban-services",
                "Agencies connected",
                "agencies",
                3.0,
                4.0,
            ),
        ],
    ),
    (
        "HW",
        &[
            (
                "Electronic health records across public clinics",
                "health",
                "Clinics on shared records",
                "%",
                10.0,
                12.0,
            ),
            (
                "Telemedicine for outlying communes",
                "health",
                "Teleconsultations per year",
                "consultations",
                0.0,
                3000.0,
            ),
            (
                "Community care network for older residents",
                "social-care",
                "Older residents enrolled",
                "people",
                200.0,
                600.0,
            ),
        ],
    ),
    (
        "SS",
        &[
            (
                "Flood early-warning sensors and alerts",
                "resilience",
                "Households reached by alerts",
                "%",
                15.0,
                12.0,
            ),
            (
                "Emergency response dispatch platform",
                "public-safety",
                "Median response time",
                "minutes",
                18.0,
                -1.5,
            ),
            (
                "Municipal security operations centre",
                "cybersecurity",
                "Critical systems monitored",
                "%",
                10.0,
                15.0,
            ),
            (
                "Disaster risk map for land-use decisions",
                "resilience",
                "Districts mapped",
                "districts",
                0.0,
                3.0,
            ),
        ],
    ),
    (
        "QE",
        &[
            (
                "Smart waste collection with fill-level sensors",
                "waste",
                "Waste recycled",
                "%",
                12.0,
                3.0,
            ),
            (
                "Air-quality monitoring network",
                "air-water-quality",
                "Days with good air quality",
                "days",
                210.0,
                10.0,
            ),
            (
                "Green corridors and urban tree planting",
                "green",
                "Green space per resident",
                "m²",
                4.5,
                0.5,
            ),
            (
                "River water-quality monitoring stations",
                "air-water-quality",
                "River points meeting standard",
                "%",
                40.0,
                5.0,
            ),
            (
                "Energy-efficient public buildings retrofit",
                "green",
                "Energy saved in public buildings",
                "%",
                0.0,
                4.0,
            ),
        ],
    ),
    (
        "BI",
        &[
            (
                "Intelligent traffic management system",
                "transport",
                "Average peak-hour speed",
                "km/h",
                18.0,
                1.2,
            ),
            (
                "Bus rapid transit with real-time information",
                "transport",
                "Daily public-transport trips",
                "trips",
                40000.0,
                8000.0,
            ),
            (
                "Smart LED street lighting",
                "energy",
                "Street lights converted to LED",
                "%",
                5.0,
                15.0,
            ),
            (
                "Rooftop solar on public buildings",
                "energy",
                "Solar capacity installed",
                "MW",
                0.5,
                2.0,
            ),
            (
                "Smart water meters and leak detection",
                "water",
                "Non-revenue water",
                "%",
                32.0,
                -2.5,
            ),
            (
                "Public Wi-Fi in parks and markets",
                "ict",
                "Public Wi-Fi hotspots",
                "hotspots",
                50.0,
                120.0,
            ),
            (
                "Affordable housing registry and permits online",
                "housing",
                "Permits issued online",
                "%",
                0.0,
                15.0,
            ),
        ],
    ),
    (
        "II",
        &[
            (
                "City open-data portal",
                "data",
                "Open datasets published",
                "datasets",
                10.0,
                25.0,
            ),
            (
                "Start-up and innovation hub",
                "digital-economy",
                "Start-ups supported",
                "start-ups",
                0.0,
                20.0,
            ),
            (
                "Smart tourism app and visitor analytics",
                "tourism",
                "Visitor satisfaction",
                "%",
                70.0,
                3.0,
            ),
            (
                "Cashless payments for city services and markets",
                "digital-economy",
                "Payments made digitally",
                "%",
                5.0,
                10.0,
            ),
        ],
    ),
];

/// Shares of projects per focus area, from the ASCN M&E report 2024 (percent).
const SHARES: &[(&str, u32)] = &[
    ("CS", 27),
    ("BI", 26),
    ("QE", 18),
    ("II", 12),
    ("SS", 11),
    ("HW", 6),
];

/// Lead agencies a city would name, per focus area.
const AGENCIES: &[(&str, &[&str])] = &[
    (
        "CS",
        &[
            "Department of Information and Communications",
            "Department of Education and Training",
        ],
    ),
    (
        "HW",
        &[
            "Department of Health",
            "Department of Labour and Social Affairs",
        ],
    ),
    (
        "SS",
        &[
            "Department of Public Security",
            "Committee for Disaster Prevention and Control",
        ],
    ),
    (
        "QE",
        &[
            "Department of Natural Resources and Environment",
            "Urban Environment Company",
        ],
    ),
    (
        "BI",
        &[
            "Department of Transport",
            "Department of Construction",
            "Water Supply Company",
        ],
    ),
    (
        "II",
        &[
            "Department of Planning and Investment",
            "City Smart City Office",
        ],
    ),
];

/// Fills `city`'s plan of the first period (2018–2025, whose years have all been reported) with
/// `count` sample projects. Refuses a city whose plan holds real projects, so sample data never
/// mixes with a planner's work.
pub fn fill(ws: &mut Workspace, city: CityId, count: usize, seed: u64) -> Result<Plan> {
    let city_row = ws.city(city)?;
    let first = ws.reference().periods.first().map(|p| p.code.clone());
    let first = first.ok_or_else(|| Error::not_found(Thing::PlanPeriod, "2018-2025"))?;
    let plan = ws.open_plan_in(city, &first)?;
    if !plan.sample && !ws.projects(plan.id, &Default::default())?.is_empty() {
        return Err(Error::conflict(ascn_model::says!(
            errors: "sampleNeedsEmptyPlan",
            "{city} already has a plan with projects; sample data is only added to an empty plan",
            city = city_row.name
        )));
    }
    let mut rng = fastrand::Rng::with_seed(seed);
    // Progress draws from its own stream, so plans keep the projects they had before progress
    // was part of the sample.
    let mut progress_rng = fastrand::Rng::with_seed(seed ^ 0x7072_6f67);
    let (start, end) = (plan.period_start, plan.period_end);
    ws.mark_sample(plan.id)?;
    let plan = ws.update_plan(
        plan.id,
        &PlanDraft {
            context_local: Default::default(),
            languages: plan.languages.clone(),
            vision_local: Default::default(),
            period_start: start,
            period_end: end,
            context: format!(
                "{SAMPLE_MARK}: {} is growing fast; traffic, flooding and uneven access to \
                 public services are its main challenges.",
                city_row.name
            ),
            vision: format!(
                "{SAMPLE_MARK} — {} {start}–{end}: a liveable, green and connected city where \
                 digital services put people first and every district shares in growth.",
                city_row.name
            ),
            status: PlanStatus::Draft,
            focus_areas: SHARES
                .iter()
                .map(|(code, _)| ChosenFocusArea {
                    rationale_local: Default::default(),
                    focus_area: (*code).to_string(),
                    rationale: format!("{SAMPLE_MARK}: chosen for the sample plan."),
                    outcomes: vec![sample_outcome(code).to_string()],
                })
                .collect(),
        },
    )?;
    let partners = [
        (
            PartnerKind::MultilateralBank,
            "Sample Development Bank",
            None,
        ),
        (
            PartnerKind::ExternalPartner,
            "Sample Twinning City",
            Some("Japan"),
        ),
        (
            PartnerKind::PrivateSector,
            "Sample Urban Solutions Ltd",
            None,
        ),
        (PartnerKind::Academic, "Sample University", None),
    ]
    .into_iter()
    .map(|(kind, name, country)| {
        ws.add_partner(
            plan.id,
            &PartnerDraft {
                name_local: Default::default(),
                kind,
                name: name.into(),
                country: country.map(String::from),
            },
        )
    })
    .collect::<Result<Vec<_>>>()?;

    let statuses = [
        ProjectStatus::Completed,
        ProjectStatus::InProgress,
        ProjectStatus::InProgress,
        ProjectStatus::Planned,
        ProjectStatus::Proposed,
        ProjectStatus::OnHold,
    ];
    let centre = city_row
        .latitude
        .zip(city_row.longitude)
        .map(|(lat, lon)| [lon, lat]);
    if let Some(centre) = centre {
        if ws.districts(city)?.is_empty() {
            ws.save_districts(city, &sample_districts(centre))?;
        }
    }
    let mut used: std::collections::HashMap<&str, usize> = Default::default();
    let mut site = 0;
    for area in area_sequence(count) {
        let templates = lookup(TEMPLATES, area);
        let agencies = lookup(AGENCIES, area);
        let n = used.entry(area).or_default();
        let round = *n / templates.len();
        let (title, sector, kpi_name, unit, baseline, step) = templates[*n % templates.len()];
        *n += 1;
        let first = rng.i32(start..=end - 1);
        let last = rng.i32(first..=end);
        let title = match round {
            0 => title.to_string(),
            r => format!("{title} — phase {}", r + 1),
        };
        let cost = f64::from(rng.u32(2..=400)) * 50_000.0;
        let partner = &partners[rng.usize(..partners.len())];
        let outcome = sample_outcome(area);
        let draft = ProjectDraft {
            description_local: Default::default(),
            title_local: Default::default(),
            code: String::new(),
            title,
            description: format!(
                "{SAMPLE_MARK}. An illustrative action line for {} in the focus area {area}.",
                city_row.name
            ),
            primary_focus_area: area.to_string(),
            secondary_focus_areas: Vec::new(),
            sectors: vec![sector.to_string()],
            outcomes: vec![outcome.to_string()],
            sdgs: vec![11, if area == "II" { 9 } else { 17 }],
            start_year: Some(first),
            end_year: Some(last),
            status: statuses[rng.usize(..statuses.len())],
            lead_agency: agencies[rng.usize(..agencies.len())].to_string(),
            bankable: cost > 5e6,
            partners: vec![partner.id],
            funding: vec![
                FundingLine {
                    source: FundingSource::CityBudget,
                    partner_id: None,
                    amount: cost * 0.4,
                    currency: "USD".into(),
                    start_year: first,
                    end_year: last,
                    status: FundingStatus::Committed,
                },
                FundingLine {
                    source: match partner.kind {
                        PartnerKind::MultilateralBank => FundingSource::MultilateralBank,
                        PartnerKind::ExternalPartner => FundingSource::ExternalPartner,
                        PartnerKind::PrivateSector => FundingSource::PrivateSector,
                        _ => FundingSource::Other,
                    },
                    partner_id: Some(partner.id),
                    amount: cost * 0.6,
                    currency: "USD".into(),
                    start_year: first,
                    end_year: last,
                    status: FundingStatus::Pipeline,
                },
            ],
            locations: centre
                .map(|c| {
                    vec![sample_location(&mut rng, c, sector, {
                        site += 1;
                        site
                    })]
                })
                .unwrap_or_default(),
            kpis: vec![Kpi {
                name_local: Default::default(),
                name: kpi_name.to_string(),
                standard_ref: None,
                unit: unit.to_string(),
                baseline_year: start - 1,
                baseline_value: baseline,
                targets: (first..=last)
                    .map(|year| KpiTarget {
                        year,
                        value: round2(baseline + step * f64::from(year - first + 1)),
                    })
                    .collect(),
                actuals: Vec::new(),
            }],
            progress: Vec::new(),
        };
        let draft = with_sample_progress(draft, end - 1, step, &mut progress_rng);
        ws.save_project(plan.id, None, &draft)?;
    }
    ws.plan(plan.id)
}

/// Yearly progress up to `reported_until`: each year near the even pace (some ahead, some
/// behind), and a KPI actual near its target.
fn with_sample_progress(
    mut draft: ProjectDraft,
    reported_until: i32,
    step: f64,
    rng: &mut fastrand::Rng,
) -> ProjectDraft {
    let Some((start, end)) = draft.years() else {
        return draft;
    };
    if matches!(
        draft.status,
        ProjectStatus::Proposed | ProjectStatus::Planned
    ) {
        return draft;
    }
    let pace = 0.55 + rng.f64() * 0.6;
    // Spending follows the work done: the year's share of the project's cost.
    let cost: f64 = draft.funding.iter().map(|f| f.amount).sum();
    let mut done_before = 0u8;
    for year in start..=end.min(reported_until) {
        let expected = ascn_model::progress::expected_percent(start, end, year);
        let percent = (expected * pace).round().min(100.0) as u8;
        let spent = (cost * f64::from(percent.saturating_sub(done_before)) / 100.0).round();
        done_before = done_before.max(percent);
        draft.progress.push(ProgressUpdate {
            narrative_local: Default::default(),
            year,
            status: if percent == 100 {
                ProjectStatus::Completed
            } else {
                ProjectStatus::InProgress
            },
            percent_complete: percent,
            narrative: format!("{SAMPLE_MARK}: work in {year} reached {percent}%."),
            spent: Some(spent),
        });
        for kpi in &mut draft.kpis {
            let target = kpi.targets.iter().find(|t| t.year == year).map(|t| t.value);
            if let Some(target) = target {
                kpi.actuals.push(KpiTarget {
                    year,
                    value: round2(target - step * (1.0 - pace)),
                });
            }
        }
    }
    draft
}

/// Four square districts around the city centre, named as the sample data they are.
fn sample_districts(centre: Position) -> Vec<DistrictShape> {
    let [lon, lat] = centre;
    let side = 0.1;
    [
        ("Sample district North-West", lon - side, lat),
        ("Sample district North-East", lon, lat),
        ("Sample district South-West", lon - side, lat - side),
        ("Sample district South-East", lon, lat - side),
    ]
    .into_iter()
    .map(|(name, x, y)| DistrictShape {
        name: name.to_string(),
        geometry: Geometry::Polygon(vec![vec![
            [x, y],
            [x + side, y],
            [x + side, y + side],
            [x, y + side],
            [x, y],
        ]]),
    })
    .collect()
}

/// A place near the centre: a route for transport, an area for green and housing projects, a
/// site for the rest.
fn sample_location(rng: &mut fastrand::Rng, centre: Position, sector: &str, site: u32) -> Location {
    let mut near = |spread: f64| {
        let dx = (rng.f64() - 0.5) * 2.0 * spread;
        let dy = (rng.f64() - 0.5) * 2.0 * spread;
        [round6(centre[0] + dx), round6(centre[1] + dy)]
    };
    let geometry = match sector {
        "transport" | "water" => {
            let start = near(0.07);
            let end = near(0.07);
            let bend = near(0.04);
            Geometry::LineString(vec![start, bend, end])
        }
        "green" | "housing" => {
            let [x, y] = near(0.06);
            let w = 0.006 + rng.f64() * 0.01;
            Geometry::Polygon(vec![vec![
                [x, y],
                [round6(x + w), y],
                [round6(x + w), round6(y + w)],
                [x, round6(y + w)],
                [x, y],
            ]])
        }
        _ => Geometry::Point(near(0.08)),
    };
    Location {
        name: format!("Sample site {site}"),
        geometry,
    }
}

fn round6(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

/// The entry of a per-focus-area table; every table covers every area of [`SHARES`].
fn lookup<T: ?Sized>(table: &'static [(&str, &'static T)], area: &str) -> &'static T {
    table
        .iter()
        .find(|(code, _)| *code == area)
        .map(|(_, entry)| *entry)
        .expect("the sample tables cover every focus area of SHARES")
}

/// Spreads `count` projects over focus areas in the reported shares, interleaved so that any
/// prefix of the plan is a fair mix too: each project goes to the area most behind its share.
fn area_sequence(count: usize) -> Vec<&'static str> {
    let mut given = [0usize; SHARES.len()];
    (1..=count)
        .map(|n| {
            let behind = |i: usize| f64::from(SHARES[i].1) * n as f64 / 100.0 - given[i] as f64;
            let i = (0..SHARES.len())
                .max_by(|&a, &b| behind(a).total_cmp(&behind(b)))
                .unwrap_or(0);
            given[i] += 1;
            SHARES[i].0
        })
        .collect()
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// The strategic outcome a sample project or focus area serves.
fn sample_outcome(area: &str) -> &'static str {
    match area {
        "II" => "CE",
        "QE" | "BI" => "SE",
        _ => "QL",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_follow_the_reported_shares() {
        let areas = area_sequence(100);
        for (code, share) in SHARES {
            let got = areas.iter().filter(|a| *a == code).count();
            assert_eq!(
                got, *share as usize,
                "{code} should get {share} of 100 projects"
            );
        }
        assert_eq!(area_sequence(6).len(), 6);
    }
}
