//! The ASCF plan file: valid against its published JSON Schema (checked by an independent
//! validator), lossless through import, and refused whole with clear messages when wrong.

use ascn_model::plan_file::read as import;
use ascn_model::plan_file::{self, PlanFile};
use ascn_model::validation::Rule;
use ascn_model::Error as ModelError;
use ascn_model::ProjectFilter;
use ascn_store::{demo, Error, Workspace};

fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path().join("ws.ascn")).unwrap();
    (dir, ws)
}

fn demo_file(projects: usize) -> (tempfile::TempDir, Workspace, PlanFile) {
    let (dir, mut ws) = workspace();
    let city = ws.city_by_name("Da Nang").unwrap().id;
    let plan = demo::fill(&mut ws, city, projects, 11).unwrap().id;
    let file = plan_file::plan_file(&ws.document(plan).unwrap(), ws.reference()).unwrap();
    (dir, ws, file)
}

fn schema() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/schema/ascf-plan-v4.schema.json"
    ))
    .expect("the schema is published in docs/schema");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn an_export_is_valid_against_the_published_schema() {
    let (_dir, _ws, file) = demo_file(30);
    let validator = jsonschema::validator_for(&schema()).expect("the schema compiles");
    let instance: serde_json::Value = serde_json::from_str(&plan_file::to_json(&file)).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "schema violations: {errors:?}");

    let mut broken = instance.clone();
    broken["focus_areas"][0]["projects"][0]["status"] = "finished".into();
    assert!(
        !validator.is_valid(&broken),
        "the schema catches an unknown status"
    );
}

#[test]
fn the_file_is_organised_by_outcome_and_focus_area() {
    let (_dir, _ws, file) = demo_file(30);
    assert_eq!(file.format, "ascf-plan");
    assert_eq!(file.version, plan_file::VERSION);
    assert_eq!(file.revision, Some(0), "never submitted");
    let written = file.written_at.as_deref().unwrap();
    assert!(
        jiff::Timestamp::strptime("%Y-%m-%dT%H:%M:%S%:z", written).is_ok(),
        "local time with its offset: {written}"
    );
    let codes: Vec<_> = file.focus_areas.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, vec!["CS", "HW", "SS", "QE", "BI", "II"]);
    let in_areas: usize = file.focus_areas.iter().map(|f| f.projects.len()).sum();
    assert_eq!(
        in_areas, 30,
        "every project sits under its primary focus area once"
    );
    let se = file
        .strategic_outcomes
        .iter()
        .find(|o| o.code == "SE")
        .unwrap();
    assert!(se.focus_areas.contains(&"BI".to_string()) && !se.projects.is_empty());
    let bi = file.focus_areas.iter().find(|f| f.code == "BI").unwrap();
    let funded = &bi.projects[0].funding[1];
    assert!(
        file.partners
            .iter()
            .any(|p| Some(&p.id) == funded.partner.as_ref()),
        "funding names partners by the file's own ids"
    );
}

#[test]
fn export_import_export_gives_the_same_plan() {
    let (_dir, _ws, first) = demo_file(40);
    let (_dir2, mut empty) = workspace();
    let checked = import::check(
        &import::parse(&plan_file::to_json(&first)).unwrap(),
        empty.reference(),
    )
    .unwrap();
    let summary = empty.import_plan(&checked, false).unwrap();
    assert_eq!(
        (summary.projects, summary.partners, summary.districts),
        (40, 4, 4)
    );
    let mut second =
        plan_file::plan_file(&empty.document(summary.plan_id).unwrap(), empty.reference()).unwrap();
    // When a file was written is not part of the plan.
    second.written_at.clone_from(&first.written_at);
    assert_eq!(
        plan_file::to_json(&second),
        plan_file::to_json(&first),
        "nothing is lost or changed on the way"
    );
    assert_eq!(second, first);
}

#[test]
fn a_file_with_any_error_names_each_place_and_changes_nothing() {
    let (_dir, _ws, mut file) = demo_file(6);
    let area = file
        .focus_areas
        .iter()
        .position(|f| !f.projects.is_empty())
        .unwrap();
    let code = file.focus_areas[area].projects[0].code.clone();
    file.focus_areas[area].projects[0].end_year = Some(2031);
    file.focus_areas[area].projects[0].partners = vec!["P99".into()];
    let (_dir2, target) = workspace();
    let errors = import::check(
        &import::parse(&plan_file::to_json(&file)).unwrap(),
        target.reference(),
    )
    .unwrap_err();
    let messages: Vec<_> = errors
        .iter()
        .map(|e| (e.field.as_str(), e.message.as_str()))
        .collect();
    assert!(
        messages.contains(&(
            &format!("focus_areas[{area}].projects[0].end_year") as &str,
            &format!(
                "project {code} ({}): 2031 is after the plan period 2018–2025",
                file.focus_areas[area].projects[0].title
            ) as &str
        )),
        "{messages:?}"
    );
    assert!(
        errors.iter().any(|e| e
            .message
            .contains("partner 'P99' is not in the file's partners")),
        "{messages:?}"
    );
    assert!(target
        .plan_of_city(target.city_by_name("Da Nang").unwrap().id)
        .unwrap()
        .is_none());
}

#[test]
fn syntax_errors_say_where_and_newer_files_say_so() {
    let errors =
        import::parse("{\n  \"format\": \"ascf-plan\",\n  \"version\": 1,,\n}").unwrap_err();
    assert_eq!(errors[0].rule, Rule::Format);
    assert!(
        errors[0].message.contains("line 3, column 16"),
        "{}",
        errors[0].message
    );

    let newer = format!(
        r#"{{"format":"ascf-plan","version":{}}}"#,
        plan_file::VERSION + 1
    );
    let errors = import::parse(&newer).unwrap_err();
    assert!(
        errors[0]
            .message
            .contains(&format!("version {}", plan_file::VERSION + 1))
            && errors[0].message.contains("newer app"),
        "{}",
        errors[0].message
    );

    let errors = import::parse(r#"{"format":"iati","version":1}"#).unwrap_err();
    assert!(errors[0].message.contains("not an ASCF plan file"));

    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let errors = import::parse(&deep).unwrap_err();
    assert!(
        errors[0].message.contains("recursion limit"),
        "{}",
        errors[0].message
    );
}

#[test]
fn a_city_with_projects_is_replaced_only_when_asked() {
    let (_dir, _ws, file) = demo_file(5);
    let (_dir2, mut ws) = workspace();
    let checked = import::check(&file, ws.reference()).unwrap();
    let first = ws.import_plan(&checked, false).unwrap();
    let again = ws.import_plan(&checked, false).unwrap_err();
    assert!(
        matches!(again, Error::Model(ModelError::Conflict(_))),
        "{again}"
    );
    assert!(again
        .to_string()
        .contains("already has a plan with 5 projects"));
    let replaced = ws.import_plan(&checked, true).unwrap();
    assert!(replaced.replaced);
    assert_eq!(replaced.plan_id, first.plan_id);
    let rows = ws
        .projects(replaced.plan_id, &ProjectFilter::default())
        .unwrap();
    assert_eq!(rows.len(), 5, "the plan holds the imported projects once");
    assert_eq!(ws.partners(replaced.plan_id).unwrap().len(), 4);
}

#[test]
fn an_absurd_amount_in_a_file_is_named_and_nothing_is_imported() {
    let (_dir, ws, file) = demo_file(6);
    let mut value = serde_json::to_value(&file).unwrap();
    let area = value["focus_areas"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|a| !a["projects"].as_array().unwrap().is_empty())
        .unwrap();
    area["projects"][0]["funding"][0]["amount"] = serde_json::json!(1e300);
    let text = serde_json::to_string(&value).unwrap();
    let parsed = import::parse(&text).unwrap();
    let errors = import::check(&parsed, ws.reference()).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].field.ends_with("funding[0].amount")
            && errors[0].message.contains("ten trillion"),
        "{errors:?}"
    );
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Frozen revisions are plan files of whatever version was current when they were frozen, so
/// every version stays readable: each has a fixture written by the app of that version.
#[test]
fn a_plan_file_of_every_version_reads_and_checks() {
    for version in 1..=plan_file::VERSION {
        let path = fixture(&format!("plan-file-v{version}.json"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} is committed with the format bump", path.display()));
        let head: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(head["version"], version, "{}", path.display());
        let file = import::parse(&text).unwrap_or_else(|e| panic!("v{version}: {e:?}"));
        assert_eq!(file.version, plan_file::VERSION, "upgraded on reading");
        assert_eq!(file.city.name, "Da Nang");
        assert_eq!(file.plan.period, "2018-2025", "v{version}");
        let (_dir, ws) = workspace();
        import::check(&file, ws.reference()).unwrap_or_else(|e| panic!("v{version}: {e:?}"));
        if version == 1 {
            assert_eq!((&file.written_at, file.revision), (&None, None));
        }
        // Before version 4 a plan had no languages of its own: the member state's are read.
        let checked = import::check(&file, ws.reference()).unwrap();
        assert_eq!(checked.plan.languages, ["vi"], "v{version}");
        if version >= 4 {
            let sensors = checked
                .projects
                .iter()
                .find(|p| p.title == "Flood early-warning sensors")
                .expect("the fixture's bilingual project");
            assert_eq!(sensors.title_local["vi"], "Cảm biến cảnh báo sớm lũ lụt");
        }
    }
}

#[test]
fn a_damaged_revision_is_reported_as_damaged_not_as_bad_input() {
    let (dir, mut ws, _) = demo_file(3);
    let plan = ws
        .plan_of_city(ws.city_by_name("Da Nang").unwrap().id)
        .unwrap()
        .unwrap()
        .id;
    ws.submit_plan(plan, "first").unwrap();
    drop(ws);
    let path = dir.path().join("ws.ascn");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE revision SET file = '{\"format\": \"ascf-plan\", \"vers'",
            [],
        )
        .unwrap();
    let ws = Workspace::open(&path).unwrap();
    let err = ws.revision_file(plan, 1).unwrap_err();
    assert!(matches!(err, Error::Corrupt(_)), "{err:?}");
    assert!(
        err.to_string()
            .contains("revision 1 of the plan is damaged"),
        "{err}"
    );
}
