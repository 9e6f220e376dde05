//! Workspaces written by every earlier schema version open, migrate and keep their plans.
//! The fixtures in tests/fixtures/ were written by the app's own CLI at those versions:
//! `ascn-plan demo --city "Da Nang" --projects 12` and one project added for Cebu City
//! (`project add --city "Cebu City" --title "Ferry terminal upgrade" --focus-area BI
//! --sector transport --start 2019 --end 2022 --budget 500000`).

use std::path::Path;

use ascn_planner::model::ProjectFilter;
use ascn_planner::store::migrations;
use ascn_planner::Workspace;

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
        assert!(
            projects.iter().all(|p| p.draft.progress.is_empty()),
            "{fixture}: no progress was reported before schema 4"
        );
        assert!(ws.revisions(plan.id).unwrap().is_empty(), "{fixture}");

        let cebu = ws.city_by_name("Cebu City").unwrap().id;
        let cebu_plan = ws.plan_of_city(cebu).unwrap().unwrap();
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
        d.end_year = 2024;
        ws.save_project(cebu_plan.id, Some(rows[0].id), &d).unwrap();
        assert_eq!(
            ws.undo(cebu_plan.id).unwrap().unwrap().label,
            "Edit BI-01: end year"
        );
    }
}
