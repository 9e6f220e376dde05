//! Data safety, round two: each test holds one hole found in the landed code shut (issue 12).

mod common;
use common::FIRST_PERIOD;

use std::process::Command;

use ascn_model::{
    ChosenFocusArea, FundingLine, FundingSource, FundingStatus, Kpi, KpiTarget, PlanDraft,
    PlanStatus,
};
use ascn_store::{demo, Error, Workspace};

fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path().join("ws.ascn")).unwrap();
    (dir, ws)
}

fn plan_draft(start: i32, end: i32) -> PlanDraft {
    PlanDraft {
        context_local: Default::default(),
        languages: Default::default(),
        vision_local: Default::default(),
        period_start: start,
        period_end: end,
        context: String::new(),
        vision: "A city for everyone".into(),
        status: PlanStatus::Draft,
        focus_areas: vec![ChosenFocusArea {
            rationale_local: Default::default(),
            focus_area: "BI".into(),
            rationale: "Congestion".into(),
            outcomes: vec!["QL".into()],
        }],
    }
}

// ---- 6. Lost updates

#[test]
fn a_save_built_on_an_older_version_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.ascn");
    let mut app = Workspace::open(&path).unwrap();
    let mut cli = Workspace::open(&path).unwrap();
    let city = app.city_by_name("Da Nang").unwrap().id;
    let plan = app.open_plan_in(city, FIRST_PERIOD).unwrap().id;
    let opened = app
        .save_project(plan, None, &common::draft("Bus lanes", 2019, 2021))
        .unwrap();
    assert!(
        cli.changed_elsewhere().unwrap(),
        "the app's writes, seen by the CLI"
    );
    assert!(!cli.changed_elsewhere().unwrap(), "reported once");

    // The CLI writes the project; the app's connection sees it was changed elsewhere.
    let mut by_cli = opened.draft.clone();
    by_cli.lead_agency = "Department of Construction".into();
    cli.save_project_from(plan, Some(opened.id), &by_cli, Some(opened.version))
        .unwrap();
    assert!(app.changed_elsewhere().unwrap());
    assert!(!app.changed_elsewhere().unwrap(), "reported once");
    assert!(
        !cli.changed_elsewhere().unwrap(),
        "its own writes do not count"
    );

    // The app saves what it opened: refused, and the CLI's change stands.
    let mut by_app = opened.draft.clone();
    by_app.title = "Bus rapid transit".into();
    let err = app
        .save_project_from(plan, Some(opened.id), &by_app, Some(opened.version))
        .unwrap_err();
    assert!(matches!(err, Error::ChangedElsewhere { .. }), "{err}");
    assert!(err.to_string().contains("changed elsewhere"), "{err}");
    let stored = app.project(opened.id).unwrap();
    assert_eq!(stored.draft.lead_agency, "Department of Construction");
    assert_eq!(stored.draft.title, "Bus lanes");

    // Built on the version now stored, it saves.
    by_app.lead_agency = stored.draft.lead_agency.clone();
    let saved = app
        .save_project_from(plan, Some(opened.id), &by_app, Some(stored.version))
        .unwrap();
    assert!(saved.version > stored.version);

    // The plan's own fields likewise.
    let base = app.plan(plan).unwrap().version;
    cli.update_plan(plan, &plan_draft(2018, 2025)).unwrap();
    let err = app
        .update_plan_from(plan, &plan_draft(2018, 2030), Some(base))
        .unwrap_err();
    assert!(matches!(err, Error::ChangedElsewhere { .. }), "{err}");
    assert_eq!(app.plan(plan).unwrap().period_end, 2025);
}

// ---- 10. A changed period strands no year

#[test]
fn a_shorter_period_is_refused_when_it_would_strand_a_funding_kpi_or_progress_year() {
    let (_dir, mut ws) = workspace();
    let city = ws.city_by_name("Da Nang").unwrap().id;
    let plan = ws.open_plan_in(city, FIRST_PERIOD).unwrap().id;
    let mut d = common::draft("Smart grid", 2020, 2022);
    d.funding = vec![FundingLine {
        source: FundingSource::CityBudget,
        partner_id: None,
        amount: 1000.0,
        currency: "USD".into(),
        start_year: 2020,
        end_year: 2024,
        status: FundingStatus::Committed,
    }];
    d.kpis = vec![Kpi {
        name_local: Default::default(),
        name: "Outages".into(),
        standard_ref: None,
        unit: "hours".into(),
        baseline_year: 2017,
        baseline_value: 40.0,
        targets: vec![KpiTarget {
            year: 2025,
            value: 10.0,
        }],
        actuals: vec![],
    }];
    let saved = ws.save_project(plan, None, &d).unwrap();
    // The project's own years fit 2018–2022; its funding line and KPI target do not.
    let err = ws.update_plan(plan, &plan_draft(2018, 2022)).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains(&format!("{} funding[0].end year", saved.draft.code))
            && text.contains("kpis[0].targets[0].year"),
        "{text}"
    );
    assert_eq!(ws.plan(plan).unwrap().period_end, 2025, "nothing was saved");
    // Every later save and undo still works.
    ws.save_project(plan, Some(saved.id), &saved.draft).unwrap();
    ws.undo(plan).unwrap();
}

#[test]
fn a_restored_project_that_no_longer_fits_the_plan_is_refused() {
    let (_dir, mut ws) = workspace();
    let city = ws.city_by_name("Da Nang").unwrap().id;
    let plan = ws.open_plan_in(city, FIRST_PERIOD).unwrap().id;
    let late = ws
        .save_project(plan, None, &common::draft("Metro", 2023, 2025))
        .unwrap();
    ws.delete_project(late.id).unwrap();
    ws.update_plan(plan, &plan_draft(2018, 2022)).unwrap();
    let err = ws.restore_project(late.id).unwrap_err();
    assert!(
        err.to_string()
            .contains("2023 is after the plan period 2018–2022"),
        "{err}"
    );
    assert!(ws.project(late.id).is_err(), "still deleted");
}

// ---- 13. Project codes

#[test]
fn a_project_code_is_unique_among_live_projects_and_makes_a_valid_iati_identifier() {
    let (_dir, mut ws) = workspace();
    let city = ws.city_by_name("Da Nang").unwrap().id;
    let plan = ws.open_plan_in(city, FIRST_PERIOD).unwrap().id;
    let mut first = common::draft("Bus lanes", 2019, 2021);
    first.code = "BI-01".into();
    let first = ws.save_project(plan, None, &first).unwrap();
    let mut second = common::draft("Cycle lanes", 2019, 2021);
    second.code = "BI-01".into();
    let err = ws.save_project(plan, None, &second).unwrap_err();
    assert!(
        err.to_string()
            .contains("BI-01 is already the code of \"Bus lanes\""),
        "{err}"
    );
    // A deleted project's code is free again; restoring the first then is refused by name.
    ws.delete_project(first.id).unwrap();
    ws.save_project(plan, None, &second).unwrap();
    let err = ws.restore_project(first.id).unwrap_err();
    assert!(
        err.to_string().contains("BI-01 is already the code"),
        "{err}"
    );

    for bad in ["BI 01", "BI/01", "-01", "Đà-01", "BI?01", "BI&01"] {
        let mut d = common::draft("Lights", 2019, 2021);
        d.code = bad.into();
        let err = ws.save_project(plan, None, &d).unwrap_err();
        assert!(
            err.to_string()
                .contains("cannot be part of an IATI identifier"),
            "{bad}: {err}"
        );
    }
    let mut d = common::draft("Lights", 2019, 2021);
    d.code = "BI_02.a".into();
    ws.save_project(plan, None, &d).unwrap();
}

#[test]
fn codes_used_twice_before_the_rule_are_told_apart_when_the_workspace_is_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ascn");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workspace-v4.ascn"),
        &path,
    )
    .unwrap();
    // Schema 4 allowed two live projects with one code (written here behind its back).
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE project SET code = 'CS-01' WHERE id = (SELECT min(id) + 1 FROM project)",
        [],
    )
    .unwrap();
    drop(conn);
    let ws = Workspace::open(&path).unwrap();
    let city = ws.city_by_name("Da Nang").unwrap().id;
    let plan = ws.plan_of_city(city).unwrap().unwrap().id;
    let mut codes: Vec<String> = ws
        .plan_projects(plan)
        .unwrap()
        .into_iter()
        .map(|p| p.draft.code)
        .collect();
    let all = codes.len();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), all, "every live code is unique: {codes:?}");
    assert!(codes.iter().any(|c| c.starts_with("CS-01-")), "{codes:?}");
}

// ---- 12. Dates are the user's

#[test]
fn dates_are_the_users_local_date_not_utc() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("ws.ascn");
    let run = |tz: &str, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_ascn-plan"))
            .env("TZ", tz)
            .arg("--workspace")
            .arg(&workspace)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run("UTC", &["demo", "--city", "Da Nang", "--projects", "2"]);
    run(
        "UTC",
        &["demo", "--city", "Ha Noi", "--projects", "2", "--seed", "2"],
    );
    // 26 hours apart: these two zones never share a date.
    run(
        "Pacific/Kiritimati",
        &["pairing", "agree", "--city", "Da Nang", "--with", "Ha Noi"],
    );
    run(
        "Etc/GMT+12",
        &["pairing", "agree", "--city", "Ha Noi", "--with", "Da Nang"],
    );
    let ws = Workspace::open(&workspace).unwrap();
    let agreed = |city: &str| {
        let id = ws.city_by_name(city).unwrap().id;
        let plan = ws.plan_of_city(id).unwrap().unwrap().id;
        ws.pairings(plan).unwrap()[0].agreed_at.clone()
    };
    let in_zone = |tz: &str| {
        jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::get(tz).unwrap())
            .date()
            .to_string()
    };
    let (east, west) = (agreed("Da Nang"), agreed("Ha Noi"));
    assert_ne!(east, west);
    // Unless the run straddled midnight in one of the zones, each is that zone's today.
    assert!(
        east == in_zone("Pacific/Kiritimati") || east > west,
        "{east} / {west}"
    );
    assert!(
        west == in_zone("Etc/GMT+12") || west < east,
        "{east} / {west}"
    );
}

// ---- 9. Folder import

fn export_to(ws: &Workspace, city: &str, folder: &std::path::Path, name: &str) {
    let id = ws.city_by_name(city).unwrap().id;
    let plan = ws.plan_of_city(id).unwrap().unwrap().id;
    let file =
        ascn_model::plan_file::plan_file(&ws.document(plan).unwrap(), ws.reference()).unwrap();
    std::fs::write(folder.join(name), ascn_model::plan_file::to_json(&file)).unwrap();
}

/// A workspace where Ha Noi has a plan, and an empty inbox folder beside it.
fn ha_noi_and_an_inbox() -> (
    tempfile::TempDir,
    Workspace,
    ascn_model::PlanId,
    std::path::PathBuf,
) {
    let (dir, mut ws) = workspace();
    let city = ws.city_by_name("Ha Noi").unwrap().id;
    let plan = demo::fill(&mut ws, city, 4, 3).unwrap().id;
    let inbox = dir.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    (dir, ws, plan, inbox)
}

/// A folder holding the same version-1 plan file twice: no revision or date tells them apart.
fn two_version_1_files_of_one_city(parent: &std::path::Path) -> std::path::PathBuf {
    let old = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan-file-v1.json"),
    )
    .unwrap();
    let v1 = parent.join("v1");
    std::fs::create_dir_all(&v1).unwrap();
    std::fs::write(v1.join("a.json"), &old).unwrap();
    std::fs::write(v1.join("b.json"), &old).unwrap();
    v1
}

#[test]
fn two_plans_of_one_city_in_a_folder_are_a_choice_resolved_by_their_own_revision_not_their_names() {
    let (dir, mut ws, plan, inbox) = ha_noi_and_an_inbox();
    // The newer plan (revision 1) under the name that sorts first.
    export_to(&ws, "Ha Noi", &inbox, "ha-noi-plan-v2.json");
    ws.submit_plan(plan, "After the SCGW").unwrap();
    export_to(&ws, "Ha Noi", &inbox, "ha-noi-plan.json");
    std::fs::rename(
        inbox.join("ha-noi-plan-v2.json"),
        inbox.join("ha-noi-plan-z.json"),
    )
    .unwrap();

    let (_other, target) = workspace();
    let entries = target
        .preview_files(ascn_formats::import::read_plan_files(&inbox).unwrap())
        .unwrap();
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|(e, _)| e.choice));
    let preferred: Vec<_> = entries
        .iter()
        .filter(|(e, _)| e.preferred)
        .map(|(e, _)| e.path.rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(
        preferred,
        vec!["ha-noi-plan.json"],
        "revision 1 beats revision 0"
    );

    // Files of version 1 carry no revision or date: neither is preferred, the user chooses.
    let v1 = two_version_1_files_of_one_city(dir.path());
    let entries = target
        .preview_files(ascn_formats::import::read_plan_files(&v1).unwrap())
        .unwrap();
    assert!(entries.iter().all(|(e, _)| e.choice && !e.preferred));
}

#[test]
fn the_cli_rolls_up_the_newer_of_two_plans_of_a_city_and_refuses_to_guess() {
    let (dir, mut ws, plan, inbox) = ha_noi_and_an_inbox();
    export_to(&ws, "Ha Noi", &inbox, "ha-noi-plan-v2.json");
    let first = ws.plan_projects(plan).unwrap()[0].id;
    ws.delete_project(first).unwrap();
    ws.submit_plan(plan, "Fewer projects").unwrap();
    export_to(&ws, "Ha Noi", &inbox, "ha-noi-plan.json");
    let out = dir.path().join("reports");
    let rollup = |folder: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_ascn-plan"))
            .arg("--workspace")
            .arg(dir.path().join("national.ascn"))
            .args(["rollup", "--in"])
            .arg(folder)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap()
    };
    let done = rollup(&inbox);
    let stdout = String::from_utf8_lossy(&done.stdout);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(
        stdout.contains("1 cities, 3 projects"),
        "the newer plan: {stdout}"
    );
    assert!(stdout.contains("ha-noi-plan-v2.json is older"), "{stdout}");

    let v1 = two_version_1_files_of_one_city(dir.path());
    let refused = rollup(&v1);
    assert_eq!(refused.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("do not tell which is newer"), "{stderr}");
}
