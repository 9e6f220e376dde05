//! The built app, driven as a planner would: through its window, via WebDriver.

use std::path::Path;
use std::process::Command;

use ascn_e2e::{repo_root, App};

const ESCAPE: &str = "\u{E00C}";

/// Runs `ascn-plan` on the workspace and returns its output; it must succeed.
fn cli(workspace: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(repo_root().join("target/debug/ascn-plan"))
        .arg("--workspace")
        .arg(workspace)
        .args(args)
        .output()
        .expect("ascn-plan runs");
    assert!(
        out.status.success(),
        "ascn-plan {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Reads a project through the CLI: an independent look at what the workspace file holds.
fn stored_project(workspace: &Path, id: u32) -> serde_json::Value {
    let json = cli(workspace, &["project", "show", &id.to_string(), "--json"]);
    serde_json::from_slice(&json).expect("project JSON")
}

fn wait_saved(app: &App) {
    app.find_with_text("[data-testid=save-status]", "All changes saved");
}

#[test]
fn a_project_added_for_da_nang_is_there_after_a_restart_and_a_bad_year_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("plans.ascn");

    // Day one: pick Da Nang, add a project with focus area, sector and years.
    {
        let app = App::launch(&workspace);
        app.find("[data-testid=city-picker]");
        let da_nang = app.find("[data-city=\"Da Nang\"]");
        app.click(&da_nang);
        let city = app.find_with_text("[data-testid=current-city]", "Da Nang");
        assert!(
            app.text(&city).contains("Viet Nam"),
            "{}",
            app.describe(&city)
        );
        app.click(&app.find("[data-testid=new-project]"));
        app.find("[data-testid=project-editor]");
        app.type_into(&app.find("[data-testid=title]"), "Smart parking guidance");
        app.choose("[data-testid=primary-focus-area]", "BI");
        app.click(&app.find("[data-testid=sectors] input[value=transport]"));
        app.replace_text(&app.find("[data-testid=start-year]"), "2020");
        app.replace_text(&app.find("[data-testid=end-year]"), "2023");
        app.click(&app.find("[data-testid=title]"));
        wait_saved(&app);
        let heading = app.find_with_text("[data-testid=editor-title]", "BI-01");
        assert!(
            app.text(&heading).contains("Smart parking guidance"),
            "the editor shows the generated code and title: {}",
            app.describe(&heading)
        );
        app.find_with_text("[data-testid=nav-project-count]", "1");
        app.screenshot("editor-saved");
    }

    // Day two: the app reopens on Da Nang's plan and the project is in the table.
    {
        let app = App::launch(&workspace);
        app.find_with_text("[data-testid=current-city]", "Da Nang");
        app.click(&app.find("[data-testid=nav-projects]"));
        let row = app.find_with_text("[data-testid=project-row]", "Smart parking guidance");
        let text = app.text(&row);
        for expected in [
            "BI-01",
            "Built infrastructure",
            "Transport & mobility",
            "2020",
            "2023",
        ] {
            assert!(
                text.contains(expected),
                "the row shows {expected}: {text:?}"
            );
        }

        // An end year after the plan period is refused, with the rule on screen.
        app.click(&app.find_with_text("[data-testid=project-row] td.title", "Smart parking"));
        app.find("[data-testid=project-editor]");
        app.replace_text(&app.find("[data-testid=end-year]"), "2031");
        let error = app.find_with_text("[data-error-for=end_year]", "2031");
        assert_eq!(
            app.text(&error),
            "2031 is after the plan period 2018–2025",
            "the planner sees the year and the period"
        );
        app.find_with_text("[data-testid=save-status]", "Not saved");
        app.screenshot("editor-invalid");

        // Leaving asks first; the planner discards the change.
        app.type_into(&app.find("[data-testid=end-year]"), ESCAPE);
        app.click(&app.find("[data-testid=dialog-confirm]"));
        app.find("[data-testid=projects]");
    }
    assert_eq!(
        stored_project(&workspace, 1)["end_year"],
        2023,
        "the workspace still holds the last valid end year"
    );

    // Day three: the table still says 2023.
    let app = App::launch(&workspace);
    app.click(&app.find("[data-testid=nav-projects]"));
    let row = app.find_with_text("[data-testid=project-row]", "Smart parking guidance");
    assert!(app.text(&row).contains("2023"));
    assert!(
        !app.text(&row).contains("2031"),
        "nothing of the bad edit was kept"
    );
}

#[test]
fn filters_search_and_undo_of_a_delete_work_on_the_demo_plan() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("demo.ascn");
    cli(
        &workspace,
        &["demo", "--city", "Cebu City", "--projects", "30"],
    );
    let app = App::launch(&workspace);
    app.click(&app.find("[data-city=\"Cebu City\"]"));
    app.find("[data-testid=overview]");
    assert_eq!(app.text(&app.find("[data-testid=stat-projects]")), "30");
    // The focus-area card's project count opens the table filtered to that area.
    app.click(&app.find("[data-testid=projects-of-HW]"));
    let count = app.find_with_text("[data-testid=project-count]", " of 30 projects");
    let rows = app.find_all("[data-testid=project-row]");
    assert!(!rows.is_empty(), "{}", app.describe(&count));
    for row in &rows {
        assert!(
            app.text(row).contains("Health & well-being"),
            "only health projects are listed: {}",
            app.describe(row)
        );
    }
    app.choose("[data-testid=filter-focus-area]", "");
    app.find_with_text("[data-testid=project-count]", "30 projects");

    app.type_into(&app.find("[data-testid=project-search]"), "street lighting");
    app.find_with_text("[data-testid=project-count]", "1 of 30 projects");
    let row = app.find_with_text("[data-testid=project-row]", "Smart LED street lighting");
    let before = app.text(&row);

    app.click(&app.find("[data-testid=delete-project]"));
    app.find_with_text("[data-testid=project-count]", "0 of 29 projects");
    app.click(&app.find("[data-testid=toast-action]"));
    app.find_with_text("[data-testid=project-count]", "1 of 30 projects");
    let restored = app.find_with_text("[data-testid=project-row]", "Smart LED street lighting");
    assert_eq!(
        app.text(&restored),
        before,
        "undo brings the project back as it was"
    );
}

#[test]
fn text_from_a_plan_is_shown_literally_and_never_run() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("hostile.ascn");
    let hostile = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    cli(
        &workspace,
        &[
            "project",
            "add",
            "--city",
            "Phnom Penh",
            "--title",
            hostile,
            "--focus-area",
            "CS",
            "--sector",
            "e-government",
            "--start",
            "2019",
            "--end",
            "2020",
        ],
    );
    let app = App::launch(&workspace);
    app.click(&app.find("[data-city=\"Phnom Penh\"]"));
    app.click(&app.find("[data-testid=nav-projects]"));
    let row = app.find_with_text("[data-testid=project-row]", "<script>");
    assert!(
        app.text(&row).contains(hostile),
        "the title appears as typed: {}",
        app.describe(&row)
    );
    assert!(
        app.find_all("[data-testid=projects-table] img").is_empty(),
        "no element was made from the title"
    );
    assert_eq!(
        app.script(
            "return window.__pwned === undefined;",
            serde_json::json!([])
        ),
        true,
        "no script from the title ran"
    );
}
