//! Workspaces written by every earlier schema version open, migrate and keep their plans.
//! The fixtures in tests/fixtures/ were written by the app's own CLI at those versions:
//! `ascn-plan demo --city "Da Nang" --projects 12` and one project added for Cebu City
//! (`project add --city "Cebu City" --title "Ferry terminal upgrade" --focus-area BI
//! --sector transport --start 2019 --end 2022 --budget 500000`; from schema 6 on, with
//! `--period 2018-2025` before `project add`, as a city without a plan starts in today's period).
//! From schema 4 on, also `progress report --project 1 --year 2020 --percent 30` (`--actual -`
//! from schema 6) and `submit --city "Da Nang" --label "After the SCGW"`.

use std::path::Path;

use ascn_model::ProjectFilter;
use ascn_store::migrations;
use ascn_store::Workspace;

fn open_copy(fixture: &str) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ascn");
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    std::fs::copy(&source, &path).unwrap();
    let ws = Workspace::open(&path).expect("an earlier workspace opens");
    (dir, ws)
}

fn user_version(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

#[test]
fn every_earlier_schema_version_migrates_and_keeps_the_plans() {
    for (fixture, version) in [
        ("workspace-v1.ascn", 1),
        ("workspace-v2.ascn", 2),
        ("workspace-v3.ascn", 3),
        ("workspace-v4.ascn", 4),
        ("workspace-v5.ascn", 5),
        ("workspace-v6.ascn", 6),
        ("workspace-v7.ascn", 7),
        ("workspace-v8.ascn", 8),
    ] {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(fixture);
        assert_eq!(
            user_version(&source),
            version,
            "{fixture} is at schema {version}"
        );
        let (_dir, mut ws) = open_copy(fixture);
        assert_eq!(user_version(ws.path()), migrations::LATEST, "{fixture}");
        assert_eq!(ws.integrity_check().unwrap(), Vec::<String>::new());

        let da_nang = ws.city_by_name("Da Nang").unwrap().id;
        let plan = ws.plan_of_city(da_nang).unwrap().unwrap();
        assert!(plan.sample && plan.vision.contains("Da Nang"), "{fixture}");
        // Written with the reference of 2018's ten member states; the newer shipped reference
        // is loaded on open, and a plan keeps the framework version it was written against.
        assert!(
            ws.reference().member_state("TLS").is_some(),
            "{fixture}: Timor-Leste, ASEAN's 11th member state, is known after the upgrade"
        );
        assert_eq!(plan.framework_version, 1, "{fixture}");
        // Written before plans had languages: Viet Nam's, with no text in it yet.
        assert_eq!(plan.languages, ["vi"], "{fixture}");
        assert!(plan.vision_local.is_empty(), "{fixture}");
        if version < 3 {
            assert_eq!(
                plan.context, "",
                "{fixture}: a column added later starts empty"
            );
        }
        let projects = ws.plan_projects(plan.id).unwrap();
        assert_eq!(projects.len(), 12, "{fixture}");
        assert!(projects
            .iter()
            .all(|p| !p.draft.kpis.is_empty() && !p.draft.funding.is_empty()));
        if version < 4 {
            assert!(
                projects.iter().all(|p| p.draft.progress.is_empty()),
                "{fixture}: no progress was reported before schema 4"
            );
            assert!(ws.revisions(plan.id).unwrap().is_empty(), "{fixture}");
        } else {
            // Written with `progress report --project 1 --year 2020 --percent 30` and
            // `submit --label "After the SCGW"`: the frozen revision still reads.
            let first = projects.iter().find(|p| p.id.0 == 1).unwrap();
            let reported = first.draft.progress.iter().find(|u| u.year == 2020);
            assert_eq!(reported.map(|u| u.percent_complete), Some(30));
            assert_eq!(ws.revisions(plan.id).unwrap().len(), 1);
            let frozen = ws.revision_file(plan.id, 1).unwrap();
            assert_eq!(frozen.city.name, "Da Nang");
        }

        let cebu = ws.city_by_name("Cebu City").unwrap().id;
        // (At schema 6 a first `project add` without `--period` had started an empty 2026–2035 plan.)
        let cebu_plan = ws.plan_in_period(cebu, "2018-2025").unwrap().unwrap();
        let rows = ws
            .projects(cebu_plan.id, &ProjectFilter::default())
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].code.as_str(), rows[0].title.as_str()),
            ("BI-01", "Ferry terminal upgrade")
        );

        // The migrated workspace is fully usable: edit, undo.
        let mut d = ws.project(rows[0].id).unwrap().draft;
        d.end_year = Some(2024);
        ws.save_project(cebu_plan.id, Some(rows[0].id), &d).unwrap();
        assert_eq!(
            ws.undo(cebu_plan.id).unwrap().unwrap().label,
            "Edit BI-01: end year"
        );
    }
}

fn application_id(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap()
}

#[test]
fn a_workspace_says_it_is_one_in_its_header() {
    let (_dir, ws) = open_copy("workspace-v2.ascn");
    assert_eq!(application_id(ws.path()), migrations::APPLICATION_ID);
    let dir = tempfile::tempdir().unwrap();
    let fresh = Workspace::open(dir.path().join("new.ascn")).unwrap();
    assert_eq!(application_id(fresh.path()), migrations::APPLICATION_ID);
}

#[test]
fn another_programs_database_is_refused_byte_for_byte_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str); 4] = [
        // The one the issue found: a schema number of ours and a table of its own.
        (
            "accounts.db",
            "PRAGMA user_version = 2; CREATE TABLE ledger (x); INSERT INTO ledger VALUES (1);",
        ),
        (
            "photos.db",
            "PRAGMA application_id = 1234; CREATE TABLE photo (x);",
        ),
        // Our own id with someone else's… still only tables: refused as too new or not ours.
        (
            "half.db",
            "PRAGMA user_version = 4; CREATE TABLE meta (k); CREATE TABLE plan (p);",
        ),
        ("empty-but-claimed.db", "PRAGMA user_version = 3;"),
    ];
    for (name, sql) in cases {
        let path = dir.path().join(name);
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch(sql)
            .unwrap();
        let before = std::fs::read(&path).unwrap();
        let err = match Workspace::open(&path) {
            Ok(_) => panic!("{name} was opened as a workspace"),
            Err(e) => e,
        };
        assert!(
            matches!(err, ascn_store::Error::NotAWorkspace { .. }),
            "{name}: {err}"
        );
        assert!(err.to_string().contains("another program"), "{name}: {err}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "{name} is untouched");
        let wal = dir.path().join(format!("{name}-wal"));
        assert!(!wal.exists(), "{name} was not switched to WAL");
    }
}
