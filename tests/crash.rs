//! Crash safety: `ascn-plan` is killed with SIGKILL in the middle of a large import and of a
//! batch of added projects; the workspace then opens, passes `PRAGMA integrity_check`, and holds
//! all or none of the interrupted operation.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use ascn_model::ProjectFilter;
use ascn_store::Workspace;

const PROJECTS: usize = 1500;

fn cli(workspace: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ascn-plan"));
    c.arg("--workspace")
        .arg(workspace)
        .env_remove("ASCN_WORKSPACE");
    c
}

fn ok(workspace: &Path, args: &[&str]) {
    let out = cli(workspace).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "ascn-plan {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs `args` and kills the process after `delay`; true when the kill came before it finished.
fn kill_after(workspace: &Path, args: &[&str], delay: Duration) -> bool {
    use std::os::unix::process::ExitStatusExt;
    let mut child = cli(workspace)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let _ = child.kill(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    status.signal() == Some(9)
}

fn projects_of(workspace: &Path, city: &str) -> usize {
    let ws = Workspace::open(workspace).expect("the workspace opens after the kill");
    assert_eq!(
        ws.integrity_check().unwrap(),
        Vec::<String>::new(),
        "PRAGMA integrity_check is ok"
    );
    let city = ws.city_by_name(city).unwrap();
    match ws.plan_of_city(city.id).unwrap() {
        Some(plan) => ws
            .projects(plan.id, &ProjectFilter::default())
            .unwrap()
            .len(),
        None => 0,
    }
}

/// A plan file with many projects, exported from a sample plan.
fn big_plan_file(dir: &Path) -> PathBuf {
    let source = dir.join("source.ascn");
    let n = PROJECTS.to_string();
    ok(&source, &["demo", "--city", "Da Nang", "--projects", &n]);
    let out = dir.join("files");
    let out_s = out.to_str().unwrap();
    ok(
        &source,
        &[
            "export", "--city", "Da Nang", "--format", "json", "--out", out_s,
        ],
    );
    out.join("da-nang-plan.ascf")
}

#[test]
fn a_killed_plan_import_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = big_plan_file(dir.path());
    let file_s = file.to_str().unwrap();
    let mut interrupted = 0;
    for (i, ms) in [30u64, 80, 150, 250, 400, 600].into_iter().enumerate() {
        let workspace = dir.path().join(format!("target-{i}.ascn"));
        ok(&workspace, &["init"]);
        let killed = kill_after(&workspace, &["import", file_s], Duration::from_millis(ms));
        let count = projects_of(&workspace, "Da Nang");
        assert!(
            count == 0 || count == PROJECTS,
            "after a kill at {ms} ms the workspace holds {count} of {PROJECTS} projects"
        );
        if killed && count == 0 {
            interrupted += 1;
        }
    }
    assert!(
        interrupted > 0,
        "at least one kill must land before the import committed, or this test proves nothing"
    );
}

#[test]
fn a_killed_batch_of_added_projects_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("projects.csv");
    let mut csv = String::from("Title,Focus area,Sector,Start year,End year,Lead agency\n");
    for i in 0..PROJECTS {
        csv.push_str(&format!(
            "Project {i},BI,transport,2019,2022,Department of Transport\n"
        ));
    }
    std::fs::write(&sheet, csv).unwrap();
    let sheet_s = sheet.to_str().unwrap();
    let mut interrupted = 0;
    for (i, ms) in [30u64, 80, 150, 250, 400, 600].into_iter().enumerate() {
        let workspace = dir.path().join(format!("batch-{i}.ascn"));
        ok(
            &workspace,
            &["demo", "--city", "Cebu City", "--projects", "10"],
        );
        let killed = kill_after(
            &workspace,
            &["import", sheet_s, "--city", "Cebu City"],
            Duration::from_millis(ms),
        );
        let count = projects_of(&workspace, "Cebu City");
        assert!(
            count == 10 || count == 10 + PROJECTS,
            "after a kill at {ms} ms the plan holds {count} projects (10 before, {PROJECTS} added)"
        );
        if killed && count == 10 {
            interrupted += 1;
        }
    }
    assert!(
        interrupted > 0,
        "at least one kill must land before the batch committed, or this test proves nothing"
    );
}
