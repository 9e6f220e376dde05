//! Two programs on one workspace file: a second window of the app, or `ascn-plan` beside it.
//! Both may write; each waits its turn, and one held up too long gets a clear message while
//! nothing is written. The file is never damaged.

mod common;
use common::FIRST_PERIOD;

use std::process::Command;

use ascn_model::ProjectFilter;
use ascn_store::Workspace;

fn count(ws: &Workspace, city: &str) -> usize {
    let plan = ws.plan_of_city(ws.city_by_name(city).unwrap().id).unwrap();
    plan.map_or(0, |p| {
        ws.projects(p.id, &ProjectFilter::default()).unwrap().len()
    })
}

#[test]
fn two_instances_writing_at_once_both_land_and_the_file_stays_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ascn");
    Workspace::open(&path).unwrap();
    let writers: Vec<_> = ["Da Nang", "Cebu City"]
        .into_iter()
        .map(|city| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut ws = Workspace::open(&path).unwrap();
                let plan = ws
                    .open_plan_in(ws.city_by_name(city).unwrap().id, FIRST_PERIOD)
                    .unwrap()
                    .id;
                for i in 0..40 {
                    ws.save_project(
                        plan,
                        None,
                        &common::draft(&format!("{city} {i}"), 2019, 2021),
                    )
                    .unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("every write of both instances succeeds");
    }
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(count(&ws, "Da Nang"), 40);
    assert_eq!(count(&ws, "Cebu City"), 40);
    assert_eq!(ws.integrity_check().unwrap(), Vec::<String>::new());
}

#[test]
fn a_write_held_up_too_long_says_the_workspace_is_busy_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("held.ascn");
    let mut ws = Workspace::open(&path).unwrap();
    ws.open_plan_in(ws.city_by_name("Da Nang").unwrap().id, FIRST_PERIOD)
        .unwrap();
    drop(ws);

    // Another program holds the write lock (as a long import in another window would).
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ascn-plan"))
        .arg("--workspace")
        .arg(&path)
        .args([
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
            "--start",
            "2020",
            "--end",
            "2022",
        ])
        .env_remove("ASCN_WORKSPACE")
        .output()
        .unwrap();
    other.execute_batch("COMMIT").unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("The workspace is busy") && stderr.contains("Nothing was changed"),
        "{stderr}"
    );
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(count(&ws, "Da Nang"), 0, "nothing was written");
    assert_eq!(ws.integrity_check().unwrap(), Vec::<String>::new());
}
