//! The `ascn-plan` binary as a command-line user meets it: exit codes, messages, persistence.

use common::Cli;

mod common;

#[test]
fn init_reports_the_framework_and_cities() {
    let cli = Cli::new();
    let out = cli.ok(&["init"]);
    assert!(
        out.contains("6 focus areas, 20 sectors, 11 member states, 29 cities"),
        "{out}"
    );
    let cities = cli.ok(&["cities", "--country", "VNM"]);
    assert!(cities.contains("Viet Nam"));
    for name in ["Da Nang", "Ha Noi", "Ho Chi Minh City"] {
        assert!(cities.contains(name), "{name} is listed: {cities}");
    }
}

#[test]
fn a_project_added_is_listed_shown_deleted_and_restored() {
    let cli = Cli::new();
    let out = cli.ok(&[
        "project",
        "add",
        "--city",
        "Da Nang",
        "--title",
        "Smart parking",
        "--focus-area",
        "bi",
        "--sector",
        "transport",
        "--period",
        "2018-2025",
        "--start",
        "2020",
        "--end",
        "2023",
        "--budget",
        "1200000",
    ]);
    assert!(out.contains("Added project BI-01 Smart parking"), "{out}");
    let list = cli.ok(&["project", "list", "--city", "da nang"]);
    assert!(
        list.contains("BI-01") && list.contains("2020–2023"),
        "{list}"
    );
    let show = cli.ok(&["project", "show", "1"]);
    assert!(
        show.contains("Funding: 1,200,000 USD from city_budget"),
        "{show}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&cli.ok(&["project", "show", "1", "--json"])).unwrap();
    assert_eq!(json["sectors"][0], "transport");
    assert_eq!(json["end_year"], 2023);

    cli.ok(&["project", "delete", "1"]);
    assert!(cli
        .ok(&["project", "list", "--city", "Da Nang"])
        .contains("0 projects"));
    cli.ok(&["project", "restore", "1"]);
    assert!(cli
        .ok(&["project", "list", "--city", "Da Nang"])
        .contains("1 projects"));
}

#[test]
fn invalid_data_exits_65_naming_the_field_and_saves_nothing() {
    let cli = Cli::new();
    let out = cli.run(&[
        "project",
        "add",
        "--city",
        "Da Nang",
        "--title",
        "Smart parking",
        "--focus-area",
        "BI",
        "--sector",
        "transport",
        "--period",
        "2018-2025",
        "--start",
        "2020",
        "--end",
        "2031",
    ]);
    assert_eq!(out.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("end_year: 2031 is after the plan period 2018–2025"),
        "{stderr}"
    );
    // Not even the plan the command started to add the project to is left behind.
    let cities = cli.ok(&["cities", "--country", "VNM"]);
    let da_nang = cities.lines().find(|l| l.contains("Da Nang")).unwrap();
    assert!(!da_nang.contains("has a plan"), "{cities}");
    assert!(cli
        .ok(&["project", "list", "--city", "Da Nang"])
        .contains("Da Nang has no plan yet"));
}

#[test]
fn unknown_city_and_bad_usage_fail_with_a_message() {
    let cli = Cli::new();
    let out = cli.run(&["project", "list", "--city", "Atlantis"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("city 'Atlantis' was not found"));
    let out = cli.run(&[
        "project", "list", "--city", "Da Nang", "--status", "finished",
    ]);
    assert_eq!(out.status.code(), Some(2), "wrong usage exits 2");
    assert!(String::from_utf8_lossy(&out.stderr).contains("in_progress"));
}

#[test]
fn demo_fills_a_sample_plan_for_any_pilot_city() {
    let cli = Cli::new();
    let out = cli.ok(&["demo", "--city", "Luang Prabang", "--projects", "12"]);
    assert!(out.contains("12 sample projects"), "{out}");
    let plan = cli.ok(&["plan", "--city", "Luang Prabang"]);
    assert!(
        plan.contains("sample data") && plan.contains("12 projects"),
        "{plan}"
    );
    let out = cli.run(&["demo", "--city", "Luang Prabang"]);
    assert!(
        out.status.success(),
        "a sample plan can be topped up: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn plan_open_makes_the_app_start_on_that_city() {
    let cli = Cli::new();
    cli.ok(&["plan", "--city", "Da Nang"]);
    let last = || {
        ascn_store::Workspace::open(&cli.workspace)
            .unwrap()
            .last_city()
            .unwrap()
    };
    assert_eq!(
        last(),
        None,
        "showing a plan does not change where the app opens"
    );
    cli.ok(&["plan", "--city", "Da Nang", "--open"]);
    let da_nang = ascn_store::Workspace::open(&cli.workspace)
        .unwrap()
        .city_by_name("Da Nang")
        .unwrap()
        .id;
    assert_eq!(last(), Some(da_nang));
}

#[test]
fn a_workspace_from_a_newer_version_is_refused() {
    let cli = Cli::new();
    rusqlite::Connection::open(&cli.workspace)
        .unwrap()
        .execute_batch("PRAGMA application_id = 1095975758; PRAGMA user_version = 42;")
        .unwrap();
    let out = cli.run(&["init"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("newer version") && stderr.contains("schema 42"),
        "{stderr}"
    );
}

#[test]
fn chart_writes_an_svg_file_and_explains_a_wrong_kind() {
    let cli = Cli::new();
    cli.ok(&["demo", "--city", "Da Nang", "--projects", "10"]);
    let out = cli.dir.path().join("budget.svg");
    let printed = cli.ok(&[
        "chart",
        "--city",
        "Da Nang",
        "--kind",
        "budget-by-focus-area",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(printed.contains("Wrote"), "{printed}");
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("Budget by focus area and year"));
    let wrong = cli.run(&[
        "chart", "--city", "Da Nang", "--kind", "pie", "--out", "x.svg",
    ]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("--kind is one of"));
}

#[test]
fn districts_import_from_geojson_and_the_map_svg_shows_them_with_the_projects() {
    let cli = Cli::new();
    cli.ok(&["demo", "--city", "Da Nang", "--projects", "8"]);
    let file = cli.dir.path().join("districts.geojson");
    std::fs::write(
        &file,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature",
            "properties":{"name":"Hải Châu"},"geometry":{"type":"Polygon","coordinates":
            [[[108.20,16.00],[108.23,16.00],[108.23,16.08],[108.20,16.08],[108.20,16.00]]]}}]}"#,
    )
    .unwrap();
    let listed = cli.ok(&[
        "districts",
        "--city",
        "Da Nang",
        "--import",
        file.to_str().unwrap(),
    ]);
    assert!(
        listed.contains("Imported 1 districts") && listed.contains("Hải Châu"),
        "{listed}"
    );

    let out = cli.dir.path().join("map.svg");
    let printed = cli.ok(&["map", "--city", "Da Nang", "--out", out.to_str().unwrap()]);
    assert!(
        printed.contains("8 project locations, 5 districts"),
        "{printed}"
    );
    let svg = std::fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("the map is well-formed SVG");
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.contains(&"Hải Châu"), "the district is labelled");
    assert!(texts.contains(&"Da Nang"), "the city is labelled");
    assert!(
        texts.iter().any(|t| t.starts_with("BI-01 ")),
        "each project shape carries its code and title"
    );
    assert!(texts.contains(&"Vietnam"), "the offline basemap is drawn");

    let bad = cli.dir.path().join("bad.geojson");
    std::fs::write(
        &bad,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature",
        "properties":{},"geometry":{"type":"Point","coordinates":[108,16]}}]}"#,
    )
    .unwrap();
    let out = cli.run(&[
        "districts",
        "--city",
        "Da Nang",
        "--import",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&out.stderr).contains("feature 1 has no name property"));
}

#[test]
fn readiness_search_comparison_and_undo_from_the_command_line() {
    let cli = Cli::new();
    cli.ok(&["demo", "--city", "Da Nang", "--projects", "12"]);
    cli.ok(&[
        "project",
        "add",
        "--city",
        "Cebu City",
        "--title",
        "Smart parking",
        "--focus-area",
        "BI",
        "--sector",
        "transport",
        "--period",
        "2018-2025",
        "--start",
        "2020",
        "--end",
        "2023",
    ]);
    let findings = cli.ok(&["validate", "--city", "Cebu City"]);
    assert!(
        findings.contains("warning  BI-01 lead_agency") && findings.contains("has no lead agency"),
        "the project's gaps are listed with where to fix them: {findings}"
    );
    assert!(cli
        .ok(&["validate", "--city", "Da Nang"])
        .contains("nothing to fix"));

    let hits = cli.ok(&["search", "--city", "Da Nang", "traffic"]);
    assert!(
        hits.contains("Intelligent traffic management system"),
        "{hits}"
    );

    let table = cli.ok(&["compare", "--city", "Da Nang", "--city", "Cebu City"]);
    let projects = table.lines().find(|l| l.starts_with("Projects")).unwrap();
    assert_eq!(
        projects.split_whitespace().collect::<Vec<_>>(),
        ["Projects", "12", "1"]
    );

    assert_eq!(
        cli.ok(&["undo", "--city", "Cebu City"]).trim(),
        "Undone: Add project BI-01"
    );
    assert!(cli
        .ok(&["project", "list", "--city", "Cebu City"])
        .lines()
        .all(|l| !l.contains("Smart parking")));
    assert_eq!(
        cli.ok(&["redo", "--city", "Cebu City"]).trim(),
        "Redone: Add project BI-01"
    );
    assert!(cli
        .ok(&["project", "list", "--city", "Cebu City"])
        .contains("Smart parking"));
}

#[test]
fn periods_membership_carry_over_and_close_from_the_command_line() {
    let cli = Cli::new();
    let periods = cli.ok(&["periods"]);
    assert!(
        periods.contains("2018-2025") && periods.contains("2026-2035"),
        "{periods}"
    );
    let members = cli.ok(&["cities", "--members", "--country", "THA"]);
    assert!(
        members.contains("Chiang Mai") && members.contains("member since 2023"),
        "{members}"
    );
    cli.ok(&[
        "add-city",
        "--name",
        "Dili",
        "--country",
        "TLS",
        "--member-since",
        "2026",
    ]);
    assert!(cli
        .ok(&["cities", "--members", "--country", "TLS"])
        .contains("Dili"));
    let refused = cli.run(&["member", "--city", "Dili", "--since", "2015"]);
    assert_eq!(refused.status.code(), Some(65));
    // Its first project, known by a title and a focus area only.
    let added = cli.ok(&[
        "project",
        "add",
        "--city",
        "Dili",
        "--title",
        "Waterfront flood walls",
        "--focus-area",
        "QE",
    ]);
    assert!(added.contains("Added project QE-01"), "{added}");
    let list = cli.ok(&["project", "list", "--city", "Dili"]);
    assert!(list.contains("years not set"), "{list}");
    assert!(cli.ok(&["plan", "--city", "Dili"]).contains("2026–2035"));
    let findings = cli.ok(&["validate", "--city", "Dili"]);
    assert!(findings.contains("has no start year yet"), "{findings}");

    cli.ok(&["demo", "--city", "Da Nang", "--projects", "8"]);
    let offered = cli.ok(&[
        "period",
        "candidates",
        "--city",
        "Da Nang",
        "--period",
        "2026-2035",
    ]);
    let codes: Vec<&str> = offered
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        codes.len(),
        6,
        "the sample plan has six open projects: {offered}"
    );
    // Carry three, drop one, leave the rest unsaid: refused, naming them.
    let mut args = vec![
        "period",
        "start",
        "--city",
        "Da Nang",
        "--period",
        "2026-2035",
        "--carry",
        codes[0],
        codes[1],
        codes[2],
        "--drop",
        codes[3],
    ];
    let unsaid = cli.run(&args);
    assert_eq!(unsaid.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&unsaid.stderr).contains("choose to carry it"));
    args.extend(&codes[4..]);
    let started = cli.ok(&args);
    assert!(started.contains("carried 3"), "{started}");
    let now = cli.ok(&["plan", "--city", "Da Nang"]);
    assert!(
        now.contains("2026–2035") && now.contains("3 projects"),
        "{now}"
    );
    let before = cli.ok(&["plan", "--city", "Da Nang", "--period", "2018-2025"]);
    assert!(
        before.contains("2018–2025") && before.contains("8 projects"),
        "{before}"
    );

    let out = cli.workspace.with_file_name("close-out");
    let closed = cli.ok(&[
        "period",
        "close",
        "--city",
        "Da Nang",
        "--period",
        "2018-2025",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        closed.contains("Closed the 2018–2025 plan of Da Nang"),
        "{closed}"
    );
    assert!(out.join("da-nang-close-out-2018-2025.pdf").exists());
    assert!(out.join("da-nang-close-out-2018-2025.xlsx").exists());
    let late = cli.run(&[
        "project",
        "add",
        "--city",
        "Da Nang",
        "--period",
        "2018-2025",
        "--title",
        "Too late",
        "--focus-area",
        "BI",
        "--start",
        "2024",
        "--end",
        "2025",
    ]);
    assert!(!late.status.success());
    assert!(String::from_utf8_lossy(&late.stderr).contains("is closed"));
}

#[test]
fn a_later_framework_is_loaded_and_adopted_by_the_next_period_from_the_command_line() {
    let cli = Cli::new();
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/framework-fixture-v2.json"
    );
    let listed = cli.ok(&["frameworks", "--load", fixture]);
    assert!(
        listed.contains("Loaded version 2")
            && listed
                .contains("1  ASEAN Smart Cities Framework (2018): 6 focus areas  (new plans)")
            && listed
                .contains("2  Fixture framework for tests (not a real Framework): 3 focus areas"),
        "{listed}"
    );
    cli.ok(&["demo", "--city", "Da Nang", "--projects", "8"]);
    let started = cli.ok(&[
        "period",
        "start",
        "--city",
        "Da Nang",
        "--period",
        "2026-2035",
        "--carry-all",
        "--framework",
        "2",
    ]);
    assert!(started.contains("carried 6"), "{started}");
    let plan = cli.ok(&["plan", "--city", "Da Nang"]);
    assert!(
        plan.contains("PR Prosperity (fixture)") && !plan.contains("BI Built infrastructure"),
        "the plan of 2026–2035 is read with its own Framework: {plan}"
    );
}

#[test]
fn the_secretariats_table_is_imported_and_its_me_report_written_from_the_command_line() {
    let cli = Cli::new();
    let fixtures =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/monitoring");
    let ongoing = fixtures.join("me-2024-ongoing.csv");
    let ongoing = ongoing.to_str().unwrap();
    let preview = cli.ok(&[
        "--period",
        "2018-2025",
        "me",
        "import",
        ongoing,
        "--dry-run",
    ]);
    assert!(
        preview.starts_with("Would import 52 projects into the 2018–2025 plans: 52 added"),
        "{preview}"
    );
    assert!(
        preview.contains("Sihanoukville") && preview.contains("new city"),
        "{preview}"
    );
    let done = cli.ok(&["--period", "2018-2025", "me", "import", ongoing]);
    assert!(done.starts_with("Imported 52 projects"), "{done}");

    // A year the network did not exist in is refused, naming the field.
    let out = cli.run(&["me", "report", "--year", "2015", "--out", "x"]);
    assert_eq!(out.status.code(), Some(65));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("year: 2015 is not a year of the network"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out_dir = cli.workspace.with_file_name("me");
    let written = cli.ok(&[
        "me",
        "report",
        "--year",
        "2024",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert!(
        written.starts_with(
            "M&E report 2024: 52 projects (47 ongoing, 0 completed, 5 under planning) of 26 cities; 4 member cities reported nothing"
        ),
        "{written}"
    );
    for ext in ["pdf", "xlsx", "json"] {
        assert!(out_dir
            .join(format!("ascn-monitoring-report-2024.{ext}"))
            .exists());
    }
}

/// "Water supply" typed on a Zawgyi keyboard, and the same words in Unicode.
const ZAWGYI_WATER: &str =
    "\u{1031}\u{101B}\u{1031}\u{1015}\u{1038}\u{1031}\u{101D}\u{1031}\u{101B}\u{1038}";
const UNICODE_WATER: &str =
    "\u{101B}\u{1031}\u{1015}\u{1031}\u{1038}\u{101D}\u{1031}\u{101B}\u{1031}\u{1038}";

#[test]
fn burmese_in_zawgyi_is_refused_by_row_until_the_user_converts_or_keeps_it() {
    let cli = Cli::new();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("projects.csv");
    std::fs::write(
        &csv,
        format!("Title,Focus area\nSmart lights,BI\n{ZAWGYI_WATER} 2026,QE\n"),
    )
    .unwrap();
    let csv = csv.to_str().unwrap();

    let out = cli.run(&["import", csv, "--city", "Yangon"]);
    assert_eq!(out.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("row 3, 'Title'")
            && stderr.contains("Zawgyi")
            && stderr.contains(&format!("reads '{UNICODE_WATER} 2026'"))
            && stderr.contains("--zawgyi convert"),
        "{stderr}"
    );
    assert!(cli
        .ok(&["project", "list", "--city", "Yangon"])
        .contains("Yangon has no plan yet"));

    cli.ok(&["import", csv, "--city", "Yangon", "--zawgyi", "convert"]);
    let list = cli.ok(&["project", "list", "--city", "Yangon"]);
    assert!(list.contains(&format!("{UNICODE_WATER} 2026")), "{list}");
    assert!(!list.contains(ZAWGYI_WATER), "{list}");

    // A plan file with a Zawgyi title: refused by its place in the file, then kept as asked.
    cli.ok(&[
        "export",
        "--city",
        "Yangon",
        "--format",
        "json",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    let written = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "ascf"))
        .unwrap();
    let file = dir.path().join("zawgyi-plan.json");
    std::fs::write(
        &file,
        std::fs::read_to_string(&written)
            .unwrap()
            .replace(UNICODE_WATER, ZAWGYI_WATER),
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let out = cli.run(&["import", file, "--replace"]);
    assert_eq!(out.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("focus_areas[") && stderr.contains("].title: '"),
        "{stderr}"
    );
    let validate = cli.ok(&["validate", file]);
    assert!(
        validate.contains("looks like Burmese in Zawgyi"),
        "{validate}"
    );
    cli.ok(&["import", file, "--replace", "--zawgyi", "keep"]);
    let list = cli.ok(&["project", "list", "--city", "Yangon"]);
    assert!(list.contains(ZAWGYI_WATER), "{list}");
    cli.ok(&["import", file, "--replace", "--zawgyi", "convert"]);
    let list = cli.ok(&["project", "list", "--city", "Yangon"]);
    assert!(
        list.contains(UNICODE_WATER) && !list.contains(ZAWGYI_WATER),
        "{list}"
    );

    // The Secretariat's table: the same choice, the same refusal.
    let table = dir.path().join("me.csv");
    std::fs::write(
        &table,
        format!(
            "No.,Country,City,Project,Focus Area,Status\n\
             1,Myanmar,Mandalay,{ZAWGYI_WATER},Quality Environment,Ongoing\n"
        ),
    )
    .unwrap();
    let table = table.to_str().unwrap();
    let out = cli.run(&["me", "import", table]);
    assert_eq!(out.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("row 2, 'Project'"), "{stderr}");
    cli.ok(&["me", "import", table, "--zawgyi", "convert"]);
    let list = cli.ok(&["project", "list", "--city", "Mandalay"]);
    assert!(
        list.contains(UNICODE_WATER) && !list.contains(ZAWGYI_WATER),
        "{list}"
    );
}
