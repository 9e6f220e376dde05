//! Versions of the Framework: a later one loaded from its file (a fixture whose focus areas
//! differ, not real ASCAP content), a plan of the new period written against it with the focus
//! areas of the last plan mapped onto it, and each plan checked against its own version.

mod common;
use common::FIRST_PERIOD;

use ascn_model::periods::CarryChoice;
use ascn_model::plan_file;
use ascn_store::Workspace;

const NEXT: &str = "2026-2035";

fn fixture() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/framework-fixture-v2.json"
    ))
    .unwrap()
}

fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path().join("ws.ascn")).unwrap();
    (dir, ws)
}

#[test]
fn a_later_framework_loads_only_with_a_map_from_every_focus_area_of_the_earlier() {
    let (_dir, mut ws) = workspace();
    let mut text: serde_json::Value = serde_json::from_str(&fixture()).unwrap();
    text["maps_from"]["focus_areas"]
        .as_object_mut()
        .unwrap()
        .remove("HW");
    let err = ws.load_framework(&text.to_string()).unwrap_err();
    assert!(
        err.to_string()
            .contains("does not say where HW (Health & well-being) of version 1 goes"),
        "{err}"
    );
    text.as_object_mut().unwrap().remove("maps_from");
    assert!(ws.load_framework(&text.to_string()).is_err());
    assert_eq!(ws.frameworks().len(), 1, "nothing was loaded");

    let loaded = ws.load_framework(&fixture()).unwrap();
    assert_eq!(loaded.version, 2);
    let codes: Vec<&str> = loaded.focus_areas.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes, ["PE", "PL", "PR"]);
    assert!(ws.load_framework(&fixture()).is_err(), "once");
    assert_eq!(
        ws.reference().version,
        1,
        "new plans are still written against the shipped Framework"
    );
    let path = ws.path().to_path_buf();
    drop(ws);
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.frameworks().len(), 2, "kept in the workspace");
}

#[test]
fn a_plan_of_the_new_period_adopts_the_later_framework_with_its_focus_areas_mapped() {
    let (_dir, mut ws) = workspace();
    ws.load_framework(&fixture()).unwrap();
    let city = ws.city_by_name("Da Nang").unwrap().id;
    let first = ws.open_plan_in(city, FIRST_PERIOD).unwrap();
    let mut plan = first.draft();
    plan.focus_areas = ["BI", "II", "HW"]
        .iter()
        .map(|code| ascn_model::ChosenFocusArea {
            rationale_local: Default::default(),
            focus_area: code.to_string(),
            rationale: format!("why {code}"),
            outcomes: vec!["QL".into()],
        })
        .collect();
    ws.update_plan(first.id, &plan).unwrap();
    let mut bus = common::draft("Bus lanes", 2022, 2024);
    bus.secondary_focus_areas = vec!["II".into()];
    ws.save_project(first.id, None, &bus).unwrap();

    let offer = ws.carry_over(city, NEXT).unwrap();
    let versions: Vec<i32> = offer.frameworks.iter().map(|f| f.version).collect();
    assert_eq!(
        versions,
        [1, 2],
        "the last plan's and the later one that maps it"
    );
    let choices: Vec<CarryChoice> = offer
        .candidates
        .iter()
        .map(|c| CarryChoice {
            project: c.project,
            carry: true,
            years: None,
        })
        .collect();
    let next = ws.start_period(city, NEXT, &choices, Some(2)).unwrap().plan;
    assert_eq!(next.framework_version, 2);
    let chosen: Vec<&str> = next
        .focus_areas
        .iter()
        .map(|c| c.focus_area.as_str())
        .collect();
    assert_eq!(chosen, ["PR", "PE"], "BI and II are both Prosperity now");
    assert_eq!(next.focus_areas[0].rationale, "why BI\nwhy II");
    let carried = &ws.plan_projects(next.id).unwrap()[0];
    assert_eq!(carried.draft.primary_focus_area, "PR");
    assert!(
        carried.draft.secondary_focus_areas.is_empty(),
        "II is Prosperity too: not a second focus area of its own"
    );

    // Each plan is checked against its own version.
    let err = ws
        .save_project(next.id, None, &common::draft("Metro", 2027, 2030))
        .unwrap_err();
    assert!(
        err.to_string().contains("'BI' is not a focus area"),
        "{err}"
    );
    let mut metro = common::draft("Metro", 2027, 2030);
    metro.primary_focus_area = "PR".into();
    let metro = ws.save_project(next.id, None, &metro).unwrap();
    assert_eq!(
        metro.draft.code, "PR-01",
        "codes follow the new focus areas; a carried project keeps its own (BI-01)"
    );
    ws.save_project(first.id, None, &common::draft("Ferry", 2019, 2020))
        .expect("the 2018–2025 plan keeps the 2018 Framework");

    let overview = ws.overview(next.id).unwrap();
    let areas: Vec<(&str, u32)> = overview
        .by_focus_area
        .iter()
        .map(|c| (c.code.as_str(), c.count))
        .collect();
    assert_eq!(areas, [("PE", 0), ("PL", 0), ("PR", 2)]);
    // The periods side by side, by the newer plan's focus areas, the older plan's mapped.
    let view = ws.periods_of_city(city).unwrap();
    let rows: Vec<&str> = view.focus_areas.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(rows, ["PE", "PL", "PR"]);
    let projects = |i: usize| -> Vec<u32> {
        let column = view.periods[i].column.as_ref().unwrap();
        column.areas.iter().map(|a| a.projects).collect()
    };
    assert_eq!(
        projects(0),
        [0, 0, 2],
        "2018–2025: bus lanes and the ferry, both BI"
    );
    assert_eq!(
        projects(1),
        [0, 0, 2],
        "2026–2035: the carried bus lanes and the metro"
    );

    let doc = ws.document(next.id).unwrap();
    let file = plan_file::plan_file(&doc, &ws.reference_for(&doc.plan).unwrap()).unwrap();
    assert_eq!(file.framework.version, 2);
    let codes: Vec<&str> = file.focus_areas.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes, ["PE", "PL", "PR"]);

    // The file imports where version 2 is known, as a plan of version 2; elsewhere its focus
    // areas are named as unknown.
    let text = plan_file::to_json(&file);
    let parsed = plan_file::read::parse(&text).unwrap();
    let (_other_dir, mut other) = workspace();
    let errors = plan_file::read::check(&parsed, &other.reference_for_file(&parsed)).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("'PR' is not a focus area")),
        "{errors:?}"
    );
    other.load_framework(&fixture()).unwrap();
    let checked = plan_file::read::check(&parsed, &other.reference_for_file(&parsed)).unwrap();
    let imported = other.import_plan(&checked, false).unwrap();
    let there = other.plan(imported.plan_id).unwrap();
    assert_eq!((there.framework_version, there.period.as_str()), (2, NEXT));
}
