//! Backups taken with SQLite's online backup API while the workspace is open, and restores.

use ascn_planner::model::ProjectFilter;
use ascn_planner::store::backup;
use ascn_planner::{demo, Error, Workspace};

fn count(ws: &Workspace, city: &str) -> usize {
    let plan = ws.plan_of_city(ws.city_by_name(city).unwrap().id).unwrap();
    plan.map_or(0, |p| {
        ws.projects(p.id, &ProjectFilter::default()).unwrap().len()
    })
}

#[test]
fn a_backup_taken_while_editing_restores_that_moment_and_the_restore_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plans.ascn");
    let mut ws = Workspace::open(&path).unwrap();
    let da_nang = ws.city_by_name("Da Nang").unwrap().id;
    demo::fill(&mut ws, da_nang, 20, 1).unwrap();
    let taken = ws.back_up(backup::KEEP).unwrap();
    assert!(taken.path.starts_with(dir.path().join("plans-backups")));
    assert!(taken.bytes > 0);

    // Later work: Cebu City's plan is started and Da Nang loses a project.
    let cebu = ws.city_by_name("Cebu City").unwrap().id;
    demo::fill(&mut ws, cebu, 5, 1).unwrap();
    let first = ws
        .projects(
            ws.plan_of_city(da_nang).unwrap().unwrap().id,
            &ProjectFilter::default(),
        )
        .unwrap()[0]
        .id;
    ws.delete_project(first).unwrap();
    drop(ws);

    let safety = backup::restore(&path, &taken.path).unwrap();
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(count(&ws, "Da Nang"), 20, "the backup's moment is back");
    assert_eq!(count(&ws, "Cebu City"), 0);
    assert_eq!(ws.integrity_check().unwrap(), Vec::<String>::new());
    drop(ws);

    // What was there before the restore was kept, and restoring it brings it back.
    backup::restore(&path, &safety.path).unwrap();
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(count(&ws, "Da Nang"), 19);
    assert_eq!(count(&ws, "Cebu City"), 5);
}

#[test]
fn only_the_last_backups_are_kept_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ascn");
    let ws = Workspace::open(&path).unwrap();
    for _ in 0..5 {
        ws.back_up(3).unwrap();
    }
    let all = backup::list(&path).unwrap();
    assert_eq!(all.len(), 3);
    assert!(
        all.windows(2)
            .all(|w| w[0].path.file_stem() > w[1].path.file_stem()),
        "newest first: {all:?}"
    );
}

#[test]
fn a_file_that_is_not_a_good_backup_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ascn");
    let mut ws = Workspace::open(&path).unwrap();
    let city = ws.city_by_name("Da Nang").unwrap().id;
    demo::fill(&mut ws, city, 4, 1).unwrap();
    drop(ws);
    let before = std::fs::read(&path).unwrap();

    let text = dir.path().join("notes.ascn");
    std::fs::write(&text, "not a database at all, just some words").unwrap();
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    for bad in [&text, &other] {
        let err = backup::restore(&path, bad).unwrap_err();
        assert!(
            matches!(err, Error::NotAWorkspace { .. } | Error::Open { .. }),
            "{}: {err}",
            bad.display()
        );
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the workspace is untouched"
    );
    assert!(
        backup::list(&path).unwrap().is_empty(),
        "no backup was taken either"
    );
}
