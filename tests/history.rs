//! Undo and redo on a real workspace file: every kind of edit, the redo stack, reopening.

mod common;
use common::FIRST_PERIOD;

use ascn_model::ProjectFilter;
use ascn_store::Workspace;

fn titles(ws: &Workspace, plan: ascn_model::PlanId) -> Vec<String> {
    ws.projects(plan, &ProjectFilter::default())
        .unwrap()
        .into_iter()
        .map(|p| p.title)
        .collect()
}

#[test]
fn an_added_edited_and_deleted_project_is_undone_and_redone_step_by_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ascn");
    let mut ws = Workspace::open(&path).unwrap();
    let plan = ws
        .open_plan_in(ws.city_by_name("Da Nang").unwrap().id, FIRST_PERIOD)
        .unwrap()
        .id;
    assert_eq!(
        ws.history(plan).unwrap().undo,
        None,
        "a new plan has no history"
    );

    let p = ws
        .save_project(plan, None, &common::draft("Bus lanes", 2019, 2020))
        .unwrap();
    let mut d = p.draft.clone();
    // Autosave while typing: two saves of the title are one edit.
    for title in ["Bus lanes on", "Bus lanes on Bach Dang"] {
        d.title = title.into();
        ws.save_project(plan, Some(p.id), &d).unwrap();
    }
    d.end_year = Some(2022);
    ws.save_project(plan, Some(p.id), &d).unwrap();
    ws.delete_project(p.id).unwrap();
    assert_eq!(titles(&ws, plan), Vec::<String>::new());
    assert_eq!(
        ws.history(plan).unwrap().undo.as_deref(),
        Some("Delete project BI-01")
    );

    let undone = ws.undo(plan).unwrap().unwrap();
    assert_eq!(undone.label, "Delete project BI-01");
    assert_eq!(undone.project, Some(p.id));
    assert_eq!(titles(&ws, plan), vec!["Bus lanes on Bach Dang"]);

    assert_eq!(
        ws.undo(plan).unwrap().unwrap().label,
        "Edit BI-01: end year"
    );
    assert_eq!(ws.project(p.id).unwrap().draft.end_year, Some(2020));
    assert_eq!(ws.undo(plan).unwrap().unwrap().label, "Edit BI-01: title");
    assert_eq!(ws.project(p.id).unwrap().draft.title, "Bus lanes");
    assert_eq!(ws.undo(plan).unwrap().unwrap().label, "Add project BI-01");
    assert_eq!(titles(&ws, plan), Vec::<String>::new());
    assert!(ws.undo(plan).unwrap().is_none(), "nothing more to undo");

    // The history is in the file: a restart can redo.
    drop(ws);
    let mut ws = Workspace::open(&path).unwrap();
    assert_eq!(
        ws.history(plan).unwrap().redo.as_deref(),
        Some("Add project BI-01")
    );
    ws.redo(plan).unwrap().unwrap();
    ws.redo(plan).unwrap().unwrap();
    assert_eq!(titles(&ws, plan), vec!["Bus lanes on Bach Dang"]);
    assert_eq!(ws.project(p.id).unwrap().draft.end_year, Some(2020));

    // A new edit drops what was left to redo.
    d.end_year = Some(2021);
    ws.save_project(plan, Some(p.id), &d).unwrap();
    let history = ws.history(plan).unwrap();
    assert_eq!(history.redo, None);
    assert_eq!(history.undo.as_deref(), Some("Edit BI-01: end year"));
    assert_eq!(ws.integrity_check().unwrap(), Vec::<String>::new());
}

#[test]
fn plan_edits_and_spreadsheet_batches_are_undone_and_redone() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path().join("w.ascn")).unwrap();
    let plan = ws
        .open_plan_in(ws.city_by_name("Cebu City").unwrap().id, FIRST_PERIOD)
        .unwrap();
    let mut next = plan.draft();
    next.vision = "A liveable Cebu".into();
    ws.update_plan(plan.id, &next).unwrap();
    assert_eq!(
        ws.undo(plan.id).unwrap().unwrap().label,
        "Edit the plan: vision"
    );
    assert_eq!(ws.plan(plan.id).unwrap().vision, "");
    ws.redo(plan.id).unwrap();
    assert_eq!(ws.plan(plan.id).unwrap().vision, "A liveable Cebu");

    ws.add_projects(
        plan.id,
        &[
            common::draft("Ferry", 2019, 2020),
            common::draft("Tram", 2019, 2021),
        ],
    )
    .unwrap();
    assert_eq!(titles(&ws, plan.id).len(), 2);
    assert_eq!(
        ws.undo(plan.id).unwrap().unwrap().label,
        "Add 2 projects from a spreadsheet"
    );
    assert_eq!(titles(&ws, plan.id).len(), 0);
    ws.redo(plan.id).unwrap();
    assert_eq!(titles(&ws, plan.id), vec!["Ferry", "Tram"]);
}
