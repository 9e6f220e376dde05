//! The annual meeting and the National Representative: yearly progress, revisions and their
//! diff, re-importing a newer plan, pairing scores with their reasons, and the national roll-up
//! — on small plans whose figures are checked by hand.

mod common;
use common::FIRST_PERIOD;

use ascn_model::plan_file;
use ascn_model::plan_file::read as import;
use ascn_model::progress;
use ascn_model::rollup::Scope;
use ascn_model::validation::Rule;
use ascn_model::Error as ModelError;
use ascn_model::{
    CityId, FundingLine, FundingSource, FundingStatus, Kpi, KpiTarget, PairingDraft, PairingKind,
    PlanDraft, PlanId, PlanStatus, ProgressEntry, ProjectDraft, ProjectId, ProjectStatus,
};
use ascn_store::{Error, Workspace};

fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path().join("ws.ascn")).unwrap();
    (dir, ws)
}

fn funding(amount: f64, source: FundingSource, status: FundingStatus) -> FundingLine {
    FundingLine {
        source,
        partner_id: None,
        amount,
        currency: "USD".into(),
        start_year: 2019,
        end_year: 2020,
        status,
    }
}

/// A project of `area` in `sector`, `years`, with one KPI rising from 10 to 20 by the end.
fn project(
    code: &str,
    area: &str,
    sector: &str,
    years: (i32, i32),
    money: Vec<FundingLine>,
) -> ProjectDraft {
    ProjectDraft {
        description_local: Default::default(),
        title_local: Default::default(),
        code: code.into(),
        title: format!("Project {code}"),
        description: String::new(),
        primary_focus_area: area.into(),
        secondary_focus_areas: vec![],
        sectors: vec![sector.into()],
        outcomes: vec!["QL".into()],
        sdgs: vec![11],
        start_year: Some(years.0),
        end_year: Some(years.1),
        status: ProjectStatus::InProgress,
        lead_agency: "City hall".into(),
        bankable: false,
        partners: vec![],
        funding: money,
        kpis: vec![Kpi {
            name_local: Default::default(),
            name: "Households served".into(),
            standard_ref: None,
            unit: "%".into(),
            baseline_year: 2017,
            baseline_value: 10.0,
            targets: vec![KpiTarget {
                year: years.1,
                value: 20.0,
            }],
            actuals: vec![],
        }],
        locations: vec![],
        progress: vec![],
    }
}

/// Gives `city` a plan choosing `areas`, with `projects`.
fn plan(
    ws: &mut Workspace,
    city: &str,
    areas: &[&str],
    projects: &[ProjectDraft],
) -> (CityId, PlanId) {
    let city = ws.city_by_name(city).unwrap().id;
    let plan = ws.open_plan_in(city, FIRST_PERIOD).unwrap();
    let mut draft = plan.draft();
    draft.focus_areas = areas
        .iter()
        .map(|a| ascn_model::ChosenFocusArea {
            rationale_local: Default::default(),
            focus_area: a.to_string(),
            rationale: "Why".into(),
            outcomes: vec![],
        })
        .collect();
    ws.update_plan(plan.id, &draft).unwrap();
    for p in projects {
        ws.save_project(plan.id, None, p).unwrap();
    }
    (city, plan.id)
}

fn three_cities(ws: &mut Workspace) {
    use FundingSource::*;
    use FundingStatus::*;
    plan(
        ws,
        "Da Nang",
        &["BI", "QE"],
        &[
            project(
                "BI-01",
                "BI",
                "transport",
                (2019, 2022),
                vec![
                    funding(100.0, CityBudget, Committed),
                    funding(300.0, MultilateralBank, Pipeline),
                ],
            ),
            project(
                "QE-01",
                "QE",
                "energy",
                (2021, 2023),
                vec![funding(50.0, CityBudget, Committed)],
            ),
        ],
    );
    plan(
        ws,
        "Ha Noi",
        &["BI"],
        &[project(
            "BI-01",
            "BI",
            "transport",
            (2018, 2019),
            vec![funding(200.0, NationalGovernment, Committed)],
        )],
    );
    plan(
        ws,
        "Cebu City",
        &["HW"],
        &[project(
            "HW-01",
            "HW",
            "health",
            (2020, 2020),
            vec![funding(70.0, CityBudget, Committed)],
        )],
    );
}

#[test]
fn the_national_roll_up_adds_up_by_hand() {
    let (_dir, mut ws) = workspace();
    three_cities(&mut ws);

    let vnm = ws.roll_up(&Scope::Country("VNM".into())).unwrap();
    assert_eq!(vnm.title, "Viet Nam");
    let cities: Vec<_> = vnm.cities.iter().map(|c| c.plan.city.as_str()).collect();
    assert_eq!(
        cities,
        vec!["Da Nang", "Ha Noi"],
        "only Viet Nam's cities, by name"
    );
    assert_eq!(vnm.projects, 3);
    assert_eq!(vnm.kpis, 3);
    // Focus areas CS, HW, SS, QE, BI, II: BI chosen by both, QE by Da Nang.
    assert_eq!(vnm.coverage, vec![0, 0, 0, 1, 2, 0]);
    assert_eq!(vnm.years, (2018..=2025).collect::<Vec<_>>());
    // Da Nang: BI-01 2019–22, QE-01 2021–23.
    assert_eq!(vnm.cities[0].running, vec![0, 1, 1, 2, 2, 1, 0, 0]);
    assert_eq!(vnm.cities[0].plan.budget, 450.0);
    assert_eq!(vnm.cities[1].plan.budget, 200.0);
    assert_eq!(vnm.totals.len(), 1);
    let usd = &vnm.totals[0];
    assert_eq!(
        (usd.currency.as_str(), usd.cities, usd.budget),
        ("USD", 2, 650.0)
    );
    let by_source: Vec<_> = usd
        .funding
        .iter()
        .map(|f| (f.label.as_str(), f.committed, f.pipeline))
        .collect();
    assert_eq!(
        by_source,
        vec![
            ("City budget", 150.0, 0.0),
            ("Multilateral bank", 0.0, 300.0),
            ("National government", 200.0, 0.0),
        ]
    );

    // A city merely opened in the app has an empty plan: not one to report on.
    ws.open_plan_in(
        ws.city_by_name("Ho Chi Minh City").unwrap().id,
        FIRST_PERIOD,
    )
    .unwrap();
    let network = ws.roll_up(&Scope::Network).unwrap();
    assert_eq!(network.title, "ASEAN Smart Cities Network");
    assert_eq!(
        network.cities.len(),
        3,
        "the network holds the Philippines too"
    );
    assert_eq!(network.projects, 4);
    assert_eq!(network.coverage, vec![0, 1, 0, 1, 2, 0]);
    assert_eq!(network.totals[0].budget, 720.0);
    // Member states in ISO order: PHL before VNM.
    assert_eq!(network.cities[0].plan.city, "Cebu City");
}

#[test]
fn a_years_totals_are_those_of_its_rows_and_a_roll_up_shows_the_latest_years() {
    let (_dir, mut ws) = workspace();
    let city = ws
        .cities()
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Da Nang")
        .unwrap();
    let plan = ascn_store::demo::fill(&mut ws, city.id, 120, 11).unwrap();
    let projects = ws.plan_projects(plan.id).unwrap();
    let latest = progress::latest_year(&projects).expect("the demo reports progress");
    let mut counted_any = false;
    for year in plan.period_start..=latest {
        // The totals are counted in place (progress::totals); the rows are made one by one.
        let report = progress::report(&projects, year);
        let rows = &report.projects;
        let reported: Vec<f64> = rows
            .iter()
            .filter_map(|r| r.reported.as_ref())
            .map(|u| f64::from(u.percent_complete))
            .collect();
        let kpis = rows.iter().flat_map(|r| &r.kpis);
        assert_eq!(
            (
                report.reported,
                report.mean_percent,
                report.behind,
                report.kpis_reported,
                report.kpis_on_track
            ),
            (
                reported.len() as u32,
                (!reported.is_empty())
                    .then(|| reported.iter().sum::<f64>() / reported.len() as f64),
                rows.iter().filter(|r| r.behind).count() as u32,
                kpis.clone().filter(|k| k.actual.is_some()).count() as u32,
                kpis.filter(|k| k.on_track == Some(true)).count() as u32,
            ),
            "{year}"
        );
        counted_any |= report.reported > 0 && report.kpis_on_track > 0 && report.behind > 0;
    }
    assert!(
        counted_any,
        "the demo has a year with reports, KPIs on track and projects behind"
    );

    let roll_up = ws.roll_up(&Scope::City(city.id)).unwrap();
    let report = progress::report(&projects, latest);
    let line = &roll_up.cities[0];
    assert_eq!(
        (
            line.progress_year,
            line.percent_complete,
            line.kpis_reported,
            line.kpis_on_track
        ),
        (
            Some(latest),
            report.mean_percent,
            report.kpis_reported,
            report.kpis_on_track
        )
    );
}

#[test]
fn progress_is_recorded_by_year_and_read_against_the_plan() {
    let (_dir, mut ws) = workspace();
    let (_, plan) = plan(
        &mut ws,
        "Da Nang",
        &["BI"],
        &[project("BI-01", "BI", "transport", (2019, 2022), vec![])],
    );
    let id = ws.plan_projects(plan).unwrap()[0].id;
    let entry = |year, percent, actual| ProgressEntry {
        narrative_local: Default::default(),
        year,
        status: ProjectStatus::InProgress,
        percent_complete: percent,
        narrative: format!("Work of {year}"),
        kpi_actuals: vec![actual],
        spent: None,
    };
    ws.report_progress(id, &entry(2020, 20.0, Some(12.0)))
        .unwrap();
    ws.report_progress(id, &entry(2022, 100.0, Some(21.0)))
        .unwrap();

    // 2020 is the second of four years: 50% expected, 20% reported is behind by more than 15.
    let report = progress::report(&ws.plan_projects(plan).unwrap(), 2020);
    let row = &report.projects[0];
    assert_eq!(row.expected_percent, 50.0);
    assert_eq!(row.reported.as_ref().unwrap().percent_complete, 20);
    assert!(row.behind, "20% against 50% expected is behind");
    // The 2020 target is the latest before it: none (the only target is 2022's).
    assert_eq!(
        (row.kpis[0].target, row.kpis[0].actual, row.kpis[0].on_track),
        (None, Some(12.0), None)
    );

    let report = progress::report(&ws.plan_projects(plan).unwrap(), 2022);
    assert_eq!(report.mean_percent, Some(100.0));
    assert_eq!(report.behind, 0);
    assert_eq!(
        (report.kpis_reported, report.kpis_on_track),
        (1, 1),
        "21 meets the target of 20"
    );

    // Done in 2022, it is no longer reported on in 2023; left at 60% it would be, late.
    assert!(progress::report(&ws.plan_projects(plan).unwrap(), 2023)
        .projects
        .is_empty());
    let mut late = ws.project(id).unwrap().draft;
    late.progress[1].percent_complete = 60;
    late.progress[1].status = ProjectStatus::InProgress;
    late.status = ProjectStatus::InProgress;
    let late = ascn_model::Project {
        id,
        plan_id: plan,
        version: 1,
        carried_from: None,
        draft: late,
    };
    let report = progress::report(std::slice::from_ref(&late), 2023);
    assert_eq!(
        report.projects.len(),
        1,
        "an unfinished project stays on the report"
    );
    assert!(report.projects[0].reported.is_none());

    // A wrong entry names the field and changes nothing.
    let before = ws.project(id).unwrap();
    let err = ws
        .report_progress(id, &entry(2021, 120.0, None))
        .unwrap_err();
    let Error::Model(ModelError::Validation(fields)) = err else {
        panic!("{err}")
    };
    assert_eq!(
        (fields[0].field.as_str(), fields[0].rule),
        ("percent_complete", Rule::OutOfRange)
    );
    let err = ws
        .report_progress(id, &entry(2027, 50.0, None))
        .unwrap_err();
    let Error::Model(ModelError::Validation(fields)) = err else {
        panic!("{err}")
    };
    assert_eq!(fields[0].field, "progress[2].year", "{fields:?}");
    assert!(
        fields[0].message.contains("after the plan period"),
        "{fields:?}"
    );
    assert_eq!(ws.project(id).unwrap(), before, "nothing was saved");

    // Reporting is an edit: undo takes it back.
    let undone = ws.undo(plan).unwrap().unwrap();
    assert_eq!(undone.label, "Report BI-01 progress for 2022");
    assert_eq!(ws.project(id).unwrap().draft.progress.len(), 1);
}

fn ids_and_plan(ws: &Workspace, city: &str) -> (PlanId, Vec<ProjectId>) {
    let city = ws.city_by_name(city).unwrap().id;
    let plan = ws.plan_of_city(city).unwrap().unwrap().id;
    (
        plan,
        ws.plan_projects(plan)
            .unwrap()
            .iter()
            .map(|p| p.id)
            .collect(),
    )
}

#[test]
fn submitting_freezes_revisions_that_compare_field_by_field() {
    let (_dir, mut ws) = workspace();
    three_cities(&mut ws);
    let (plan, ids) = ids_and_plan(&ws, "Da Nang");

    let first = ws.submit_plan(plan, "After the SCGW").unwrap();
    assert_eq!(
        (first.number, first.projects, first.status),
        (1, 2, PlanStatus::Submitted)
    );
    assert_eq!(ws.plan(plan).unwrap().status, PlanStatus::Submitted);

    // Change one project's end year, delete the other, add a third.
    let mut changed = ws.project(ids[0]).unwrap().draft;
    changed.end_year = Some(2024);
    ws.save_project(plan, Some(ids[0]), &changed).unwrap();
    ws.report_progress(
        ids[0],
        &ProgressEntry {
            narrative_local: Default::default(),
            year: 2020,
            status: ProjectStatus::InProgress,
            percent_complete: 30.0,
            narrative: String::new(),
            kpi_actuals: vec![Some(12.5)],
            spent: None,
        },
    )
    .unwrap();
    ws.delete_project(ids[1]).unwrap();
    ws.save_project(
        plan,
        None,
        &project("SS-01", "SS", "public-safety", (2022, 2023), vec![]),
    )
    .unwrap();
    let mut draft: PlanDraft = ws.plan(plan).unwrap().draft();
    draft.vision = "A liveable, connected Da Nang".into();
    ws.update_plan(plan, &draft).unwrap();

    let second = ws.submit_plan(plan, "Annual meeting").unwrap();
    assert_eq!((second.number, second.projects), (2, 2));
    let labels: Vec<_> = ws
        .revisions(plan)
        .unwrap()
        .into_iter()
        .map(|r| r.label)
        .collect();
    assert_eq!(labels, vec!["After the SCGW", "Annual meeting"]);

    let diff = ws.revision_diff(plan, 1, Some(2)).unwrap();
    let codes = |refs: &[ascn_model::revisions::ProjectRef]| {
        refs.iter().map(|r| r.code.clone()).collect::<Vec<_>>()
    };
    assert_eq!(codes(&diff.added), vec!["SS-01"]);
    assert_eq!(codes(&diff.removed), vec!["QE-01"]);
    assert_eq!(diff.changed.len(), 1);
    assert_eq!(diff.changed[0].code, "BI-01");
    let fields: Vec<_> = diff.changed[0]
        .changes
        .iter()
        .map(|c| (c.field.as_str(), c.before.as_str(), c.after.as_str()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("end_year", "2022", "2024"),
            ("kpis 1.actuals 2020.value", "—", "12.5"),
            ("progress 2020.narrative", "—", "—"),
            ("progress 2020.percent_complete", "—", "30"),
            ("progress 2020.status", "—", "in_progress"),
        ]
    );
    let plan_fields: Vec<_> = diff.plan.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(plan_fields, vec!["vision"]);
    assert_eq!(
        diff.summary(),
        "1 plan field(s) changed, 1 project(s) added, 1 project(s) removed, 1 project(s) changed"
    );
    assert!(
        ws.revision_diff(plan, 2, None).unwrap().is_empty(),
        "the plan is as last submitted"
    );
    assert!(matches!(
        ws.revision_diff(plan, 3, None),
        Err(Error::Model(ModelError::NotFound { .. }))
    ));
}

#[test]
fn re_importing_a_newer_plan_shows_what_changed_before_replacing() {
    let (_dir, mut laptop) = workspace();
    let (_dir2, mut national) = workspace();
    three_cities(&mut laptop);
    let (plan, ids) = ids_and_plan(&laptop, "Da Nang");
    let first = plan_file::plan_file(&laptop.document(plan).unwrap(), laptop.reference()).unwrap();
    national
        .import_plan(&import::check(&first, national.reference()).unwrap(), false)
        .unwrap();

    let mut d = laptop.project(ids[0]).unwrap().draft;
    d.title = "Smart traffic, phase 2".into();
    laptop.save_project(plan, Some(ids[0]), &d).unwrap();
    let newer = plan_file::plan_file(&laptop.document(plan).unwrap(), laptop.reference()).unwrap();

    let preview = national.preview_import(&Ok(newer.clone())).unwrap();
    assert_eq!(preview.existing_projects, 2);
    let changes = preview.changes.expect("the city's plan is here already");
    assert_eq!(changes.changed[0].changes[0].field, "title");
    assert_eq!(
        changes.changed[0].changes[0].after,
        "Smart traffic, phase 2"
    );
    assert_eq!(preview.changes_summary, "1 project(s) changed");

    let checked = import::check(&newer, national.reference()).unwrap();
    assert!(
        matches!(
            national.import_plan(&checked, false),
            Err(Error::Model(ModelError::Conflict(_)))
        ),
        "a plan with projects is replaced only when asked"
    );
    national.import_plan(&checked, true).unwrap();
    let (plan, _) = ids_and_plan(&national, "Da Nang");
    let titles: Vec<_> = national
        .plan_projects(plan)
        .unwrap()
        .into_iter()
        .map(|p| p.draft.title)
        .collect();
    assert!(
        titles.contains(&"Smart traffic, phase 2".to_string()),
        "{titles:?}"
    );
}

#[test]
fn pairings_are_scored_with_their_reasons_and_travel_in_the_plan_file() {
    let (_dir, mut ws) = workspace();
    three_cities(&mut ws);
    let da_nang = ws.city_by_name("Da Nang").unwrap().id;
    let suggestions = ws.pairing_suggestions(da_nang).unwrap();
    // Ha Noi shares BI (of BI, QE) and transport (of transport, energy): 40 × 1/2 + 30 × 1/2 = 35,
    // plus 10 for the same country; the pilot cities' populations are in different bands.
    let ha_noi = suggestions
        .iter()
        .find(|s| s.counterpart == "Ha Noi")
        .unwrap();
    assert_eq!(ha_noi.kind, PairingKind::City);
    assert_eq!(ha_noi.score, 45, "{:?}", ha_noi.reasons);
    assert_eq!(
        ha_noi.reasons,
        vec![
            "both work on Built infrastructure",
            "shared sectors: Transport & mobility",
            "in the same country",
        ]
    );
    assert!(
        suggestions.iter().all(|s| s.counterpart != "Cebu City"),
        "Cebu City shares nothing with Da Nang: {suggestions:?}"
    );

    let (plan, _) = ids_and_plan(&ws, "Da Nang");
    let agreed = ws
        .agree_pairing(
            plan,
            &PairingDraft {
                kind: ha_noi.kind,
                counterpart: ha_noi.counterpart.clone(),
                score: ha_noi.score,
                reasons: ha_noi.reasons.clone(),
                note: "Twinning on traffic".into(),
            },
        )
        .unwrap();
    assert_eq!(agreed.len(), 1);
    let file = plan_file::plan_file(&ws.document(plan).unwrap(), ws.reference()).unwrap();
    assert_eq!(file.pairings.len(), 1);
    assert_eq!(file.pairings[0].counterpart, "Ha Noi");
    assert_eq!(file.pairings[0].reasons, ha_noi.reasons);

    // The report and the spreadsheet show it, as other readers see them.
    let out = tempfile::tempdir().unwrap();
    let files = ascn_formats::export::write_plan(
        &ws.document(plan).unwrap(),
        ws.reference(),
        &[
            ascn_formats::export::Format::Pdf,
            ascn_formats::export::Format::Xlsx,
        ],
        &Default::default(),
        None,
        out.path(),
        |_| {},
    )
    .unwrap();
    let text = pdf_text(&files[0]);
    assert!(
        text.contains("Pairing and twinning") && text.contains("Twinning on traffic"),
        "{text}"
    );
    {
        use calamine::{Reader, Xlsx};
        let mut book: Xlsx<_> = calamine::open_workbook(&files[1]).unwrap();
        let sheet = book.worksheet_range("Pairings").unwrap();
        let row: Vec<String> = sheet
            .rows()
            .nth(1)
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(&row[..2], &["Ha Noi", "city"]);
        assert_eq!(row[4], "Twinning on traffic");
    }

    // Into another workspace and out again: the same pairing.
    let (_dir2, mut other) = workspace();
    other
        .import_plan(&import::check(&file, other.reference()).unwrap(), false)
        .unwrap();
    let (plan2, _) = ids_and_plan(&other, "Da Nang");
    assert_eq!(
        other.pairings(plan2).unwrap(),
        agreed
            .iter()
            .map(|p| {
                let mut p = p.clone();
                p.id = other.pairings(plan2).unwrap()[0].id;
                p
            })
            .collect::<Vec<_>>()
    );

    let mut bad = file.clone();
    bad.pairings[0].agreed_at = "yesterday".into();
    let errors = import::check(&bad, ws.reference()).unwrap_err();
    assert_eq!(errors[0].field, "pairings[0].agreed_at");
}

fn cli(workspace: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_ascn-plan"))
        .arg("--workspace")
        .arg(workspace)
        .args(args)
        .env_remove("ASCN_WORKSPACE")
        .output()
        .expect("ascn-plan runs")
}

fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext reads {}", path.display());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn rollup_reads_a_folder_of_plan_files_and_writes_the_national_report() {
    use calamine::{DataType, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let laptop = dir.path().join("laptop.ascn");
    let inbox = dir.path().join("inbox");
    for (city, seed) in [("Da Nang", "1"), ("Ha Noi", "2"), ("Cebu City", "3")] {
        let out = cli(
            &laptop,
            &["demo", "--city", city, "--projects", "8", "--seed", seed],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = cli(
            &laptop,
            &["export", "--city", city, "--format", "json", "--out"],
        );
        assert!(!out.status.success(), "--out needs a folder");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ascn-plan"))
            .arg("--workspace")
            .arg(&laptop)
            .args(["export", "--city", city, "--format", "json", "--out"])
            .arg(&inbox)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    let national = dir.path().join("national.ascn");
    let reports = dir.path().join("reports");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ascn-plan"))
        .arg("--workspace")
        .arg(&national)
        .args(["rollup", "--country", "VNM", "--year", "2023", "--in"])
        .arg(&inbox)
        .arg("--out")
        .arg(&reports)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Read 3 plan files"), "{stdout}");
    assert!(
        stdout.contains("Viet Nam: 2 cities, 16 projects"),
        "{stdout}"
    );
    assert!(
        Workspace::open(&national)
            .unwrap()
            .cities()
            .unwrap()
            .iter()
            .all(|c| !c.has_plan),
        "a roll-up of a folder leaves the user's workspace alone"
    );

    let text = pdf_text(&reports.join("viet-nam-annual-report-2023.pdf"));
    for expected in [
        "Viet Nam",
        "Annual progress report 2023",
        "Da Nang",
        "Ha Noi",
        "Coverage of the focus areas",
        "Funding by source",
        "Progress in 2023",
    ] {
        assert!(
            text.contains(expected),
            "the report says {expected:?}:\n{text}"
        );
    }
    assert!(!text.contains("Cebu City"), "only Viet Nam's cities");

    let mut book: Xlsx<_> =
        calamine::open_workbook(reports.join("viet-nam-annual-report-2023.xlsx")).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["Cities", "Funding", "Timeline", "Progress", "KPIs"]
    );
    let cities = book.worksheet_range("Cities").unwrap();
    let names: Vec<String> = cities.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert_eq!(names, vec!["Da Nang", "Ha Noi"]);
    let projects: f64 = cities
        .rows()
        .skip(1)
        .map(|r| r[3].get_float().expect("projects are numbers"))
        .sum();
    assert_eq!(projects, 16.0);
    let progress = book.worksheet_range("Progress").unwrap();
    assert!(progress
        .rows()
        .skip(1)
        .all(|r| r[1].get_float() == Some(2023.0)));

    let json: serde_json::Value = serde_json::from_slice(
        &std::fs::read(reports.join("viet-nam-annual-report-2023.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["projects"], 16);

    // The same plans read from the workspace they were exported from give the same report: a
    // plan from a file and a plan from the workspace go down one path.
    let from_workspace = dir.path().join("from-workspace");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ascn-plan"))
        .arg("--workspace")
        .arg(&laptop)
        .args(["rollup", "--country", "VNM", "--year", "2023", "--out"])
        .arg(&from_workspace)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let same: serde_json::Value = serde_json::from_slice(
        &std::fs::read(from_workspace.join("viet-nam-annual-report-2023.json")).unwrap(),
    )
    .unwrap();
    // Ids are each workspace's own; everything else must agree.
    let without_ids = |mut report: serde_json::Value| {
        for city in report["cities"].as_array_mut().unwrap() {
            let city = city.as_object_mut().unwrap();
            assert!(city.remove("city_id").is_some() && city.remove("plan_id").is_some());
        }
        report
    };
    assert_eq!(
        without_ids(same),
        without_ids(json.clone()),
        "the folder's report and the workspace's differ"
    );

    // One bad file in the folder: nothing is rolled up, and the file and field are named.
    std::fs::write(
        inbox.join("broken.json"),
        "{\"format\": \"ascf-plan\", \"version\": 1",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ascn-plan"))
        .arg("--workspace")
        .arg(&national)
        .args(["rollup", "--in"])
        .arg(&inbox)
        .arg("--out")
        .arg(dir.path().join("other"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.json: file"), "{stderr}");
    assert!(!dir.path().join("other").exists(), "nothing was written");
}

#[test]
fn a_focus_area_without_projects_costs_zero_not_minus_zero() {
    let (_dir, mut ws) = workspace();
    three_cities(&mut ws);
    let vnm = ws.roll_up(&Scope::Country("VNM".into())).unwrap();
    let json = serde_json::to_string(&vnm).unwrap();
    assert!(!json.contains("-0.0"), "an empty sum reads 0: {json}");
}

#[test]
fn a_network_report_lists_the_furthest_behind_of_each_city_and_counts_the_rest() {
    use ascn_formats::export::annual;
    let (dir, mut ws) = workspace();
    for (i, name) in ["Da Nang", "Ha Noi"].iter().enumerate() {
        let city = ws.city_by_name(name).unwrap();
        ascn_store::demo::fill(&mut ws, city.id, 60, i as u64 + 1).unwrap();
    }
    let plans = ws.plans_in(&Scope::Network).unwrap();
    let report = annual::build(ws.reference(), &Scope::Network, &plans, Some(2024));
    let path = dir.path().join("network.pdf");
    std::fs::write(&path, annual::pdf(&report).unwrap()).unwrap();
    let text = pdf_text(&path);
    for city in &report.cities {
        let attention: Vec<_> = city
            .progress
            .projects
            .iter()
            .filter(|p| p.behind || p.reported.is_none())
            .collect();
        assert!(
            attention.len() > annual::ATTENTION_ROWS,
            "60 sample projects leave more than a page of them"
        );
        let more = attention.len() - annual::ATTENTION_ROWS;
        assert!(
            text.contains(&format!("… and {more} more behind or not reported")),
            "{}: {more} more are counted:\n{text}",
            city.city
        );
        // This city's section: from its heading to the next city's or the end.
        let heading = format!("{}: behind or not reported in 2024", city.city);
        let start = text.find(&heading).expect("a section for each city") + heading.len();
        let section = &text[start..];
        let section = &section[..section
            .find(": behind or not reported in 2024")
            .unwrap_or(section.len())];
        let gap = |p: &progress::ProjectProgress| {
            p.expected_percent
                - p.reported
                    .as_ref()
                    .map_or(0.0, |u| f64::from(u.percent_complete))
        };
        let mut furthest = attention.clone();
        furthest.sort_by(|a, b| gap(b).total_cmp(&gap(a)).then(a.code.cmp(&b.code)));
        for p in &furthest[..annual::ATTENTION_ROWS] {
            assert!(section.contains(&p.code), "{} is listed", p.code);
        }
        let listed = attention
            .iter()
            .filter(|p| section.contains(&p.code))
            .count();
        assert_eq!(listed, annual::ATTENTION_ROWS, "{}", city.city);
    }
}
