//! Plan periods: a city's 2018–2025 plan carried into 2026–2035, the period closed with its
//! close-out report, and membership of the network, through the store as the app and the CLI
//! use it.

mod common;
use common::FIRST_PERIOD;

use ascn_formats::export::closeout;
use ascn_model::periods::{CarryChoice, Outcome};
use ascn_model::plan_file::{self, read as import};
use ascn_model::rollup::{Membership, Scope};
use ascn_model::{
    FundingLine, FundingSource, FundingStatus, Kpi, KpiTarget, PartnerDraft, PartnerKind,
    ProgressUpdate, ProjectStatus,
};
use ascn_store::{demo, Error, Workspace};

const NEXT: &str = "2026-2035";

fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path().join("ws.ascn")).unwrap();
    (dir, ws)
}

/// Da Nang's 2018–2025 plan with four open projects of known shape: a bus line running into
/// 2026–2030 with a partner, funding across the periods and a KPI reported in 2024; a clinic
/// project that ended early; a plan never started; and one completed.
fn da_nang(ws: &mut Workspace) -> (ascn_model::CityId, ascn_model::PlanId) {
    let city = ws.city_by_name("Da Nang").unwrap().id;
    let plan = ws.open_plan_in(city, FIRST_PERIOD).unwrap().id;
    let bank = ws
        .add_partner(
            plan,
            &PartnerDraft {
                name_local: Default::default(),
                kind: PartnerKind::MultilateralBank,
                name: "Asian Development Bank".into(),
                country: None,
            },
        )
        .unwrap();
    let mut bus = common::draft("Bus rapid transit", 2022, 2025);
    bus.code = "BI-01".into();
    bus.status = ProjectStatus::InProgress;
    bus.partners = vec![bank.id];
    bus.funding = vec![FundingLine {
        source: FundingSource::MultilateralBank,
        partner_id: Some(bank.id),
        amount: 800_000.0,
        currency: "USD".into(),
        start_year: 2022,
        end_year: 2025,
        status: FundingStatus::Committed,
    }];
    bus.kpis = vec![Kpi {
        name_local: Default::default(),
        name: "Daily riders".into(),
        standard_ref: None,
        unit: "trips".into(),
        baseline_year: 2021,
        baseline_value: 10_000.0,
        targets: vec![KpiTarget {
            year: 2025,
            value: 30_000.0,
        }],
        actuals: vec![KpiTarget {
            year: 2024,
            value: 21_500.0,
        }],
    }];
    bus.progress = vec![ProgressUpdate {
        narrative_local: Default::default(),
        year: 2024,
        status: ProjectStatus::InProgress,
        percent_complete: 60,
        narrative: "Two of three corridors open".into(),
        spent: Some(450_000.0),
    }];
    ws.save_project(plan, None, &bus).unwrap();
    for (code, title, status, years) in [
        (
            "HW-01",
            "Clinic records",
            ProjectStatus::InProgress,
            (2019, 2021),
        ),
        (
            "II-01",
            "Innovation hub",
            ProjectStatus::Planned,
            (2023, 2024),
        ),
        (
            "BI-02",
            "Street lights",
            ProjectStatus::Completed,
            (2019, 2020),
        ),
        ("BI-03", "Cycle lanes", ProjectStatus::Planned, (2020, 2022)),
    ] {
        let mut d = common::draft(title, years.0, years.1);
        d.code = code.into();
        d.primary_focus_area = code[..2].into();
        d.sectors = vec![];
        d.status = status;
        ws.save_project(plan, None, &d).unwrap();
    }
    (city, plan)
}

fn choice(offer: &ascn_store::periods::CarryOver, code: &str, carry: bool) -> CarryChoice {
    let c = offer.candidates.iter().find(|c| c.code == code).unwrap();
    CarryChoice {
        project: c.project,
        carry,
        years: None,
    }
}

/// A choice for every project offered: carry those whose code `carry` keeps, drop the others.
fn carry_where(
    offer: &ascn_store::periods::CarryOver,
    carry: impl Fn(&str) -> bool,
) -> Vec<CarryChoice> {
    offer
        .candidates
        .iter()
        .map(|c| CarryChoice {
            project: c.project,
            carry: carry(&c.code),
            years: None,
        })
        .collect()
}

#[test]
fn a_plan_is_carried_into_the_next_period_with_its_open_projects_linked_to_their_origin() {
    let (_dir, mut ws) = workspace();
    let (city, first) = da_nang(&mut ws);
    ws.update_plan(
        first,
        &ascn_model::PlanDraft {
            vision: "A connected Da Nang".into(),
            ..ws.plan(first).unwrap().draft()
        },
    )
    .unwrap();

    let offer = ws.carry_over(city, NEXT).unwrap();
    let codes: Vec<&str> = offer.candidates.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(
        codes,
        ["BI-01", "BI-03", "HW-01", "II-01"],
        "every project neither completed nor cancelled is offered"
    );
    let bus = &offer.candidates[0];
    assert_eq!(
        (bus.proposed_start, bus.proposed_end),
        (Some(2026), Some(2029)),
        "it ended in 2025: as long again from 2026"
    );

    // Every open project must be carried or dropped.
    let err = ws
        .start_period(city, NEXT, &[choice(&offer, "BI-01", true)], None)
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("HW-01 Clinic records: choose to carry it into 2026–2035 or drop it"),
        "{text}"
    );
    assert!(
        ws.plan_in_period(city, NEXT).unwrap().is_none(),
        "nothing was written"
    );

    let mut bus_choice = choice(&offer, "BI-01", true);
    bus_choice.years = Some((2026, 2028));
    let started = ws
        .start_period(
            city,
            NEXT,
            &[
                bus_choice,
                choice(&offer, "HW-01", true),
                choice(&offer, "II-01", true),
                choice(&offer, "BI-03", false),
            ],
            None,
        )
        .unwrap();
    assert_eq!(started.carried, ["BI-01", "HW-01", "II-01"]);
    assert_eq!(started.dropped, ["BI-03"]);
    let next = started.plan;
    assert_eq!(
        (next.period.as_str(), next.period_start, next.period_end),
        (NEXT, 2026, 2035)
    );
    assert_eq!(
        next.vision, "A connected Da Nang",
        "the vision is the starting draft"
    );
    assert_eq!(
        ws.plan_of_city(city).unwrap().unwrap().id,
        next.id,
        "the city opens on its latest plan"
    );
    assert_eq!(ws.plans_of_city(city).unwrap().len(), 2);

    let doc = ws.document(next.id).unwrap();
    let bus = doc
        .projects
        .iter()
        .find(|p| p.draft.code == "BI-01")
        .unwrap();
    let origin = bus
        .carried_from
        .as_ref()
        .expect("a carried project links to its origin");
    assert_eq!(
        (origin.period.as_str(), origin.code.as_str()),
        (FIRST_PERIOD, "BI-01")
    );
    assert_eq!(bus.draft.years(), Some((2026, 2028)));
    assert!(
        bus.draft.progress.is_empty(),
        "progress stays with the origin"
    );
    assert_eq!(bus.draft.kpis[0].baseline_year, 2024);
    assert_eq!(
        bus.draft.kpis[0].baseline_value, 21_500.0,
        "the last reported actual is the new baseline"
    );
    assert!(
        bus.draft.funding.is_empty(),
        "its funding lay in 2022–2025, before the new period"
    );
    assert_eq!(doc.partners.len(), 1, "its partner comes along");
    assert_eq!(bus.draft.partners, vec![doc.partners[0].id]);
    let clinic = doc
        .projects
        .iter()
        .find(|p| p.draft.code == "HW-01")
        .unwrap();
    assert_eq!(
        clinic.draft.years(),
        Some((2026, 2028)),
        "a project that ended before the period runs as long again from its start"
    );

    // The plan file says where each carried project came from; the first plan is untouched.
    let file = plan_file::plan_file(&doc, ws.reference()).unwrap();
    assert_eq!(file.plan.period, NEXT);
    let carried = file
        .focus_areas
        .iter()
        .flat_map(|a| &a.projects)
        .filter(|p| p.carried_from.is_some())
        .count();
    assert_eq!(carried, 3);
    assert_eq!(ws.plan_projects(first).unwrap().len(), 5);

    // Starting again is refused; undoing the carry-over takes the carried projects back out.
    let err = ws.start_period(city, NEXT, &[], None).unwrap_err();
    assert!(
        err.to_string().contains("already has a plan of 2026–2035"),
        "{err}"
    );
    let undone = ws.undo(next.id).unwrap().unwrap();
    assert_eq!(undone.label, "Carry 3 projects over from 2018–2025");
    assert!(ws.plan_projects(next.id).unwrap().is_empty());
    let undone = ws.undo(next.id).unwrap().unwrap();
    assert_eq!(undone.label, "Start 2026–2035 from 2018–2025");
    let emptied = ws.plan(next.id).unwrap();
    assert!(emptied.vision.is_empty() && emptied.focus_areas.is_empty());
    // Back to an empty plan of the period: the carry-over can be done again, differently.
    let again = ws
        .start_period(
            city,
            NEXT,
            &carry_where(&offer, |code| code == "HW-01"),
            None,
        )
        .unwrap();
    assert_eq!(again.plan.id, next.id);
    assert_eq!(again.carried, ["HW-01"]);
}

#[test]
fn a_closed_period_takes_only_final_progress_and_its_close_out_adds_up() {
    let (dir, mut ws) = workspace();
    let (city, first) = da_nang(&mut ws);
    let offer = ws.carry_over(city, NEXT).unwrap();
    ws.start_period(
        city,
        NEXT,
        &carry_where(&offer, |code| code == "BI-01"),
        None,
    )
    .unwrap();

    let closed = ws.close_plan(first).unwrap();
    assert!(closed.closed_on.is_some());
    assert!(ws.close_plan(first).is_err(), "a plan is closed once");
    let bus = ws
        .plan_projects(first)
        .unwrap()
        .into_iter()
        .find(|p| p.draft.code == "BI-01")
        .unwrap();
    let refused = |r: Result<_, Error>| {
        let err = r.expect_err("refused");
        assert!(err.to_string().contains("is closed"), "{err}");
    };
    refused(ws.save_project(first, Some(bus.id), &bus.draft).map(|_| ()));
    refused(ws.delete_project(bus.id));
    refused(
        ws.save_project(first, None, &common::draft("Late", 2024, 2025))
            .map(|_| ()),
    );
    refused(
        ws.update_plan(first, &ws.plan(first).unwrap().draft())
            .map(|_| ()),
    );
    // The final progress report still goes in.
    let reported = ws
        .report_progress(
            bus.id,
            &ascn_model::ProgressEntry {
                narrative_local: Default::default(),
                year: 2025,
                status: ProjectStatus::InProgress,
                percent_complete: 85.0,
                narrative: "Third corridor under way".into(),
                kpi_actuals: vec![Some(26_000.0)],
                spent: Some(200_000.0),
            },
        )
        .unwrap();
    assert_eq!(reported.draft.progress.len(), 2);

    let report = ws.close_out(first).unwrap();
    let count = |o: Outcome| report.totals[Outcome::ALL.iter().position(|x| *x == o).unwrap()];
    assert_eq!(count(Outcome::Completed), 1, "BI-02");
    assert_eq!(count(Outcome::Carried), 1, "BI-01");
    assert_eq!(
        count(Outcome::NeverStarted),
        2,
        "II-01 and BI-03, planned, never reported"
    );
    assert_eq!(
        count(Outcome::Dropped),
        1,
        "HW-01, in progress and not carried"
    );
    let bi = report.areas.iter().find(|a| a.code == "BI").unwrap();
    let kpi = &bi.projects.iter().find(|p| p.code == "BI-01").unwrap().kpis[0];
    assert_eq!(
        kpi.actual.as_ref().map(|a| (a.year, a.value)),
        Some((2025, 26_000.0))
    );
    assert_eq!(kpi.met, Some(false), "26,000 of 30,000 riders");
    assert_eq!(bi.budget[0].planned, 800_000.0);
    assert_eq!(
        bi.budget[0].reported, 650_000.0,
        "what was reported spent in 2024 and 2025"
    );
    assert_eq!(bi.budget[0].carried, 800_000.0);

    let out = dir.path().join("close-out");
    std::fs::create_dir_all(&out).unwrap();
    let files = closeout::write(&report, &out).unwrap();
    assert_eq!(files.len(), 2);
    let pdf = std::fs::read(&files[0]).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(&files[1]).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Focus areas", "Projects", "KPIs", "Budget"]
    );
    let projects = book.worksheet_range("Projects").unwrap();
    let ended: Vec<String> = projects
        .rows()
        .skip(1)
        .map(|r| match (&r[1], &r[3]) {
            (Data::String(code), Data::String(ended)) => format!("{code} {ended}"),
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(ended.contains(&"BI-01 Carried".to_string()), "{ended:?}");
    assert!(ended.contains(&"BI-02 Completed".to_string()), "{ended:?}");
}

#[test]
fn membership_is_a_year_of_the_city_and_travels_in_the_plan_file() {
    let (_dir, mut ws) = workspace();
    let chiang_mai = ws.city_by_name("Chiang Mai").unwrap();
    assert_eq!(chiang_mai.member_since, Some(2023), "joined in July 2023");
    assert!(!chiang_mai.pilot);
    let members = ws
        .cities()
        .unwrap()
        .iter()
        .filter(|c| c.member_in(2026))
        .count();
    assert_eq!(members, 29, "26 pilots and 3 joiners of 2023");

    let dili = ws.add_city(&common::dili(None)).unwrap();
    let err = ws.set_member(dili.id, Some(2016)).unwrap_err();
    assert!(err.to_string().contains("founded in 2018"), "{err}");
    assert_eq!(
        ws.city(dili.id).unwrap().member_since,
        None,
        "nothing was saved"
    );
    let dili = ws.set_member(dili.id, Some(2026)).unwrap();
    assert!(dili.member_in(2026) && !dili.member_in(2025));

    // The plan file carries it into another workspace.
    let plan = ws.open_plan(dili.id).unwrap();
    let mut d = common::draft("Dili smart traffic lights", 2027, 2029);
    d.code = "BI-01".into();
    ws.save_project(plan.id, None, &d).unwrap();
    let network = ws.roll_up(&Scope::Network).unwrap();
    assert_eq!(
        network.membership,
        Some(Membership {
            members: 30,
            with_plan: 1
        }),
        "30 member cities, 1 with a plan"
    );
    let thailand = ws.membership(&Scope::Country("THA".into())).unwrap();
    assert_eq!(
        thailand.members, 6,
        "three pilots and three joiners of 2023"
    );
    let text = plan_file::to_json(
        &plan_file::plan_file(&ws.document(plan.id).unwrap(), ws.reference()).unwrap(),
    );
    let (_other_dir, mut other) = workspace();
    let file = import::parse(&text).unwrap();
    let checked = import::check(&file, other.reference()).unwrap();
    other.import_plan(&checked, false).unwrap();
    let there = other.city_by_name("Dili").unwrap();
    assert_eq!(there.member_since, Some(2026));
    assert_eq!(
        other.plan_of_city(there.id).unwrap().unwrap().period,
        NEXT,
        "imported as the plan of its period"
    );
}

#[test]
fn a_sample_plan_of_a_city_starts_its_next_period_as_sample_data_too() {
    let (_dir, mut ws) = workspace();
    let city = ws.city_by_name("Cebu City").unwrap().id;
    demo::fill(&mut ws, city, 8, 1).unwrap();
    let offer = ws.carry_over(city, NEXT).unwrap();
    let started = ws
        .start_period(city, NEXT, &carry_where(&offer, |_| true), None)
        .unwrap();
    assert!(started.plan.sample);
    assert_eq!(started.carried.len(), offer.candidates.len());
    for p in ws.plan_projects(started.plan.id).unwrap() {
        assert!(p.carried_from.is_some());
        let (start, end) = p.draft.years().expect("the sample's projects have years");
        assert!(
            (2026..=2035).contains(&start) && (2026..=2035).contains(&end),
            "{} {start}–{end}",
            p.draft.code,
        );
        for line in &p.draft.funding {
            assert!(line.start_year >= 2026 && line.end_year <= 2035);
        }
    }
}

#[test]
fn a_period_is_closed_only_once_it_has_ended() {
    let (_dir, mut ws) = workspace();
    let city = ws.city_by_name("Makassar").unwrap().id;
    let plan = ws.open_plan_in(city, NEXT).unwrap();
    let err = ws.close_plan(plan.id).unwrap_err();
    assert!(
        err.to_string()
            .contains("2026–2035 runs until the end of 2035"),
        "{err}"
    );
    assert!(ws.plan(plan.id).unwrap().closed_on.is_none());
}

#[test]
fn roll_ups_read_each_citys_plan_of_the_period_asked_for_from_the_workspace_or_a_folder() {
    let (dir, mut ws) = workspace();
    let (city, first) = da_nang(&mut ws);
    let offer = ws.carry_over(city, NEXT).unwrap();
    let next = ws
        .start_period(
            city,
            NEXT,
            &carry_where(&offer, |code| code == "BI-01"),
            None,
        )
        .unwrap()
        .plan
        .id;
    let plan_ids = |plans: &[std::sync::Arc<ascn_model::PlanDocument>]| {
        plans.iter().map(|d| d.plan.id).collect::<Vec<_>>()
    };
    assert_eq!(plan_ids(&ws.plans_in(&Scope::Network).unwrap()), [next]);
    assert_eq!(
        plan_ids(
            &ws.plans_in_period(&Scope::Network, Some(FIRST_PERIOD))
                .unwrap()
        ),
        [first]
    );

    // A folder holding both plans of Da Nang: two plans, not two versions of one.
    let folder = dir.path().join("inbox");
    std::fs::create_dir_all(&folder).unwrap();
    for (plan, name) in [(first, "da-nang-2018.json"), (next, "da-nang-2026.json")] {
        let file = plan_file::plan_file(&ws.document(plan).unwrap(), ws.reference()).unwrap();
        std::fs::write(folder.join(name), plan_file::to_json(&file)).unwrap();
    }
    let files = ascn_formats::import::read_plan_files(&folder).unwrap();
    let (taken, skipped) = plan_file::folder::take(files, ws.reference()).unwrap();
    assert_eq!((taken.len(), skipped.len()), (2, 0));
    let documents: Vec<_> = taken
        .iter()
        .zip(1..)
        .map(|(t, id)| std::sync::Arc::new(t.checked.document(&t.file, id)))
        .collect();
    let periods = |plans: Vec<std::sync::Arc<ascn_model::PlanDocument>>| {
        plans
            .iter()
            .map(|d| d.plan.period.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        periods(ascn_model::rollup::of_period(documents.clone(), None)),
        [NEXT],
        "without a period, each city's latest"
    );
    assert_eq!(
        periods(ascn_model::rollup::of_period(documents, Some(FIRST_PERIOD))),
        [FIRST_PERIOD]
    );
}
