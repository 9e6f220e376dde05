//! Backups taken with SQLite's online backup API while the workspace is open, and restores.

use ascn_model::{ProjectDraft, ProjectFilter};
use ascn_store::backup;
use ascn_store::{demo, Error, Workspace};

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
    let taken = ws.back_up(backup::Reason::Rolling).unwrap();
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

/// A backup renamed as if taken `days_ago` at `time` (HHMMSS), for the age tiers.
fn dated(ws: &Workspace, days_ago: i64, time: &str, suffix: &str) -> std::path::PathBuf {
    let taken = ws.back_up(backup::Reason::Rolling).unwrap();
    let date = jiff::Zoned::now()
        .date()
        .checked_sub(jiff::Span::new().days(days_ago))
        .unwrap();
    let to = taken
        .path
        .with_file_name(format!("backup-{date}_{time}{suffix}.ascn"));
    std::fs::rename(&taken.path, &to).unwrap();
    to
}

fn project_count(path: &std::path::Path, city: &str) -> usize {
    count(&Workspace::open(path).unwrap(), city)
}

#[test]
fn restoring_the_oldest_of_ten_backups_after_the_newest_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ascn");
    let mut ws = Workspace::open(&path).unwrap();
    let city = ws.city_by_name("Da Nang").unwrap().id;
    demo::fill(&mut ws, city, 3, 1).unwrap();
    let plan = ws.plan_of_city(city).unwrap().unwrap().id;
    // Ten backups, each with one project fewer than the one before.
    let mut taken = Vec::new();
    for _ in 0..10 {
        taken.push(ws.back_up(backup::Reason::Rolling).unwrap());
        let d = ws.plan_projects(plan).unwrap()[0].draft.clone();
        ws.save_project(
            plan,
            None,
            &ProjectDraft {
                code: String::new(),
                ..d
            },
        )
        .unwrap();
    }
    drop(ws);
    backup::restore(&path, &taken[9].path).unwrap();
    assert_eq!(project_count(&path, "Da Nang"), 12);
    backup::restore(&path, &taken[0].path).unwrap();
    assert_eq!(
        project_count(&path, "Da Nang"),
        3,
        "the oldest backup's moment"
    );
    assert!(taken[0].path.metadata().unwrap().len() > 0, "left whole");
}

#[test]
fn a_backup_the_age_tiers_would_thin_is_not_thinned_while_it_is_restored_from() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ascn");
    let mut ws = Workspace::open(&path).unwrap();
    let city = ws.city_by_name("Da Nang").unwrap().id;
    demo::fill(&mut ws, city, 2, 1).unwrap();
    // Two from the same month long ago: only the newer of them is kept by the tiers.
    let older = dated(&ws, 400, "090000", "");
    let cebu = ws.city_by_name("Cebu City").unwrap().id;
    demo::fill(&mut ws, cebu, 1, 1).unwrap();
    let newer = dated(&ws, 400, "100000", "");
    let mut ws = Workspace::open(&path).unwrap();
    ws.restore_from(&older).unwrap();
    assert_eq!(count(&ws, "Cebu City"), 0, "the older backup's content");
    assert_eq!(count(&ws, "Da Nang"), 2);
    assert!(older.exists(), "the file restored from is never thinned");
    assert!(newer.exists());
    // The next backup thins it: it is no longer in use.
    ws.back_up(backup::Reason::Rolling).unwrap();
    assert!(!older.exists() && newer.exists());
}

#[test]
fn a_missing_or_empty_backup_is_refused_and_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ascn");
    let mut ws = Workspace::open(&path).unwrap();
    let city = ws.city_by_name("Da Nang").unwrap().id;
    demo::fill(&mut ws, city, 3, 1).unwrap();
    let missing = dir.path().join("w-backups/backup-2020-01-01_000000.ascn");
    let empty = dir.path().join("empty.ascn");
    std::fs::write(&empty, b"").unwrap();
    for bad in [&missing, &empty] {
        let err = ws.restore_from(bad).unwrap_err();
        assert!(
            matches!(err, Error::NotAWorkspace { .. } | Error::Open { .. }),
            "{err}"
        );
        assert_eq!(count(&ws, "Da Nang"), 3, "{err}");
    }
    assert!(
        !missing.exists(),
        "a missing backup is not created by opening it"
    );
    assert_eq!(std::fs::read(&empty).unwrap(), b"");
}

#[test]
fn backups_taken_before_a_restore_or_an_import_are_kept_and_old_rolling_ones_thin_by_age() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ascn");
    let mut ws = Workspace::open(&path).unwrap();
    let city = ws.city_by_name("Da Nang").unwrap().id;
    demo::fill(&mut ws, city, 3, 1).unwrap();
    let before_restore = dated(&ws, 700, "080000", "-before-restore");
    let before_import = dated(&ws, 700, "081000", "-before-import");
    let month_a = dated(&ws, 700, "090000", "");
    let month_b = dated(&ws, 700, "100000", "");
    let day_a = dated(&ws, 5, "090000", "");
    let day_b = dated(&ws, 5, "100000", "");
    let mut today = Vec::new();
    for _ in 0..15 {
        today.push(ws.back_up(backup::Reason::Rolling).unwrap().path);
    }
    for (kept, path) in [
        (true, &before_restore),
        (true, &before_import),
        (false, &month_a),
        (true, &month_b),
        (false, &day_a),
        (true, &day_b),
    ] {
        assert_eq!(path.exists(), kept, "{}", path.display());
    }
    assert!(
        today.iter().all(|p| p.exists()),
        "all of the last day are kept"
    );
    let listed = backup::list(&path).unwrap();
    assert!(
        listed.windows(2).all(|w| w[0].taken >= w[1].taken),
        "newest first"
    );
    let kept: Vec<_> = listed.iter().filter(|b| b.reason.is_kept()).collect();
    assert_eq!(kept.len(), 2);
    assert_eq!(kept[0].reason, backup::Reason::BeforeImport);

    // A restore keeps what was there; so does an import that replaces a plan.
    let safety = ws.restore_from(&day_b).unwrap();
    assert_eq!(safety.reason, backup::Reason::BeforeRestore);
    let file = ascn_model::plan_file::plan_file(
        &ws.document(ws.plan_of_city(city).unwrap().unwrap().id)
            .unwrap(),
        ws.reference(),
    )
    .unwrap();
    let checked = ascn_model::plan_file::read::check(&file, ws.reference()).unwrap();
    ws.import_plan(&checked, true).unwrap();
    let reasons: Vec<_> = backup::list(&path)
        .unwrap()
        .iter()
        .filter(|b| b.reason.is_kept())
        .map(|b| b.reason)
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert!(reasons.contains(&backup::Reason::BeforeImport));

    // Only the user deletes a kept one.
    backup::delete(&path, &before_restore).unwrap();
    assert!(!before_restore.exists());
}

#[test]
fn any_file_name_in_the_backups_folder_is_listed_or_skipped_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ascn");
    let ws = Workspace::open(&path).unwrap();
    let taken = ws.back_up(backup::Reason::Rolling).unwrap();
    let folder = backup::folder_of(&path);
    for name in [
        "backup-Đà-Nẵng.ascn",
        "backup-2026-11-30_1015ấ.ascn",
        // Six bytes after the `_` with a character across the second byte: what made the
        // listing slice a time string mid-character and panic.
        "backup-2026-11-30_1ấ56.ascn",
        "backup-日本語テキスト_ファイル.ascn",
        "backup-.ascn",
        "backup-2026-13-45_999999.ascn",
        "ghi chú.txt",
    ] {
        std::fs::write(folder.join(name), b"x").unwrap();
    }
    let listed = backup::list(&path).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].path, taken.path);
    ws.back_up(backup::Reason::Rolling).unwrap();
    assert!(folder.join("ghi chú.txt").exists(), "not ours: left alone");
}

#[test]
fn a_partial_file_a_crashed_backup_left_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ascn");
    let ws = Workspace::open(&path).unwrap();
    let folder = backup::folder_of(&path);
    std::fs::create_dir_all(&folder).unwrap();
    let stale = folder.join("backup-2026-01-01_000000.partial");
    let fresh = folder.join("backup-2026-01-01_000001.partial");
    for p in [&stale, &fresh] {
        std::fs::write(p, b"half a copy").unwrap();
    }
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    ws.back_up(backup::Reason::Rolling).unwrap();
    assert!(!stale.exists(), "a crashed backup's leftover is removed");
    assert!(
        fresh.exists(),
        "one being written by another program now is not"
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

/// The app's start-up backup: taken through a read-only connection of its own, beside the
/// one that writes, so neither waits for the other.
#[test]
fn a_backup_taken_beside_the_open_workspace_holds_what_was_committed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ascn");
    let mut ws = Workspace::open(&path).unwrap();
    let city = ws.city_by_name("Da Nang").unwrap().id;
    demo::fill(&mut ws, city, 6, 1).unwrap();
    let taken = backup::take(&path, backup::Reason::Rolling).unwrap();
    assert_eq!(taken.reason, backup::Reason::Rolling);
    // Writing goes on meanwhile; the backup restores the moment it was taken.
    let plan = ws.plan_of_city(city).unwrap().unwrap().id;
    let first = ws.plan_projects(plan).unwrap()[0].id;
    ws.delete_project(first).unwrap();
    ws.restore_from(&taken.path).unwrap();
    assert_eq!(count(&ws, "Da Nang"), 6);
    assert!(backup::take(&dir.path().join("missing.ascn"), backup::Reason::Rolling).is_err());
}

/// A restore writes pages, not rows: the plan read before it is not shown after it.
#[test]
fn a_plan_read_before_a_restore_is_read_again_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ascn");
    let mut ws = Workspace::open(&path).unwrap();
    let city = ws.city_by_name("Da Nang").unwrap().id;
    let plan = demo::fill(&mut ws, city, 5, 1).unwrap().id;
    let taken = ws.back_up(backup::Reason::ByHand).unwrap();
    let first = ws.plan_projects(plan).unwrap()[0].id;
    ws.delete_project(first).unwrap();
    assert_eq!(ws.document(plan).unwrap().projects.len(), 4);
    ws.restore_from(&taken.path).unwrap();
    assert_eq!(ws.document(plan).unwrap().projects.len(), 5);
}
