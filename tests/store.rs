//! The workspace on real SQLite files: CRUD, validation, migrations, reopening.

mod common;
use common::FIRST_PERIOD;

use ascn_model::validation::Rule;
use ascn_model::Error as ModelError;
use ascn_model::{
    ChosenFocusArea, FundingLine, FundingSource, FundingStatus, Kpi, KpiTarget, NewCity,
    PartnerDraft, PartnerId, PartnerKind, PlanDraft, PlanStatus, ProjectDraft, ProjectFilter,
    ProjectSort, ProjectStatus,
};
use ascn_store::{migrations, Error, Workspace};

fn temp_workspace() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plans").join("workspace.ascn");
    (dir, path)
}

fn draft(title: &str, area: &str, sector: &str, start: i32, end: i32) -> ProjectDraft {
    ProjectDraft {
        primary_focus_area: area.into(),
        sectors: vec![sector.into()],
        ..common::draft(title, start, end)
    }
}

fn da_nang(ws: &Workspace) -> ascn_model::City {
    ws.city_by_name("Da Nang").expect("Da Nang is a pilot city")
}

#[test]
fn creates_a_workspace_from_nothing_with_the_framework_loaded() {
    let (_dir, path) = temp_workspace();
    let ws = Workspace::open(&path).expect("a new workspace opens");
    assert!(
        path.exists(),
        "the workspace file is created with its folder"
    );
    let cities = ws.cities().unwrap();
    assert_eq!(
        cities.iter().filter(|c| c.pilot).count(),
        26,
        "the 26 pilot cities are offered"
    );
    assert_eq!(
        cities
            .iter()
            .filter(|c| c.member_since == Some(2023))
            .count(),
        3,
        "with the three cities that joined in 2023"
    );
    assert!(cities
        .iter()
        .all(|c| c.member_since.is_some() && !c.has_plan));
    assert_eq!(ws.reference().focus_areas.len(), 6);
    assert_eq!(ws.reference().sectors.len(), 20);
    assert_eq!(ws.integrity_check().unwrap(), Vec::<String>::new());

    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(
        version,
        migrations::LATEST,
        "the schema is at the latest version"
    );
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal", "the workspace uses write-ahead logging");
}

#[test]
fn a_project_survives_closing_and_reopening_the_workspace() {
    let (_dir, path) = temp_workspace();
    let saved = {
        let mut ws = Workspace::open(&path).unwrap();
        let plan = ws.open_plan_in(da_nang(&ws).id, FIRST_PERIOD).unwrap();
        let partner = ws
            .add_partner(
                plan.id,
                &PartnerDraft {
                    name_local: Default::default(),
                    kind: PartnerKind::MultilateralBank,
                    name: "Asian Development Bank".into(),
                    country: None,
                },
            )
            .unwrap();
        let mut d = draft("Smart traffic lights", "BI", "transport", 2019, 2023);
        d.secondary_focus_areas = vec!["SS".into()];
        d.sdgs = vec![11, 9];
        d.partners = vec![partner.id];
        d.funding = vec![FundingLine {
            source: FundingSource::MultilateralBank,
            partner_id: Some(partner.id),
            amount: 2_500_000.0,
            currency: "USD".into(),
            start_year: 2019,
            end_year: 2021,
            status: FundingStatus::Committed,
        }];
        d.kpis = vec![Kpi {
            name_local: Default::default(),
            name: "Average peak-hour speed".into(),
            standard_ref: Some("ISO 37120 19.1".into()),
            unit: "km/h".into(),
            baseline_year: 2017,
            baseline_value: 18.0,
            targets: vec![
                KpiTarget {
                    year: 2020,
                    value: 20.0,
                },
                KpiTarget {
                    year: 2023,
                    value: 24.5,
                },
            ],
            actuals: vec![KpiTarget {
                year: 2020,
                value: 19.5,
            }],
        }];
        ws.save_project(plan.id, None, &d).unwrap()
    };
    let ws = Workspace::open(&path).unwrap();
    let plan = ws
        .plan_of_city(da_nang(&ws).id)
        .unwrap()
        .expect("plan kept");
    let rows = ws.projects(plan.id, &ProjectFilter::default()).unwrap();
    assert_eq!(rows.len(), 1, "the project is there after reopening");
    assert_eq!(
        ws.project(rows[0].id).unwrap(),
        saved,
        "every field, funding line and KPI target is kept as saved"
    );
    assert_eq!(
        saved.draft.code, "BI-01",
        "a code is generated from the focus area"
    );
    assert_eq!(rows[0].budget[0].value, 2_500_000.0);
}

#[test]
fn rejects_end_year_after_plan_period_and_writes_nothing() {
    let (_dir, path) = temp_workspace();
    let mut ws = Workspace::open(&path).unwrap();
    let plan = ws.open_plan_in(da_nang(&ws).id, FIRST_PERIOD).unwrap();
    let saved = ws
        .save_project(
            plan.id,
            None,
            &draft("Bike share", "BI", "transport", 2020, 2022),
        )
        .unwrap();
    let mut changed = saved.draft.clone();
    changed.title = "Bike share, city-wide".into();
    changed.end_year = Some(2031);
    let err = ws
        .save_project(plan.id, Some(saved.id), &changed)
        .unwrap_err();
    match err {
        Error::Model(ModelError::Validation(errors)) => {
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].field, "end_year");
            assert_eq!(errors[0].rule, Rule::OutsidePeriod);
            assert_eq!(errors[0].message, "2031 is after the plan period 2018–2025");
        }
        other => panic!("expected a validation error, got {other}"),
    }
    assert_eq!(
        ws.project(saved.id).unwrap(),
        saved,
        "a rejected edit leaves the stored project as it was, title included"
    );
    let err = ws
        .save_project(plan.id, None, &draft("", "", "spaceports", 2017, 2016))
        .unwrap_err();
    let Error::Model(ModelError::Validation(errors)) = err else {
        panic!("expected a validation error")
    };
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "title",
            "primary_focus_area",
            "sectors[0]",
            "start_year",
            "end_year",
            "end_year"
        ]
    );
    assert_eq!(
        ws.projects(plan.id, &ProjectFilter::default())
            .unwrap()
            .len(),
        1,
        "a rejected new project is not stored"
    );
}

#[test]
fn editing_replaces_the_lists_of_a_project() {
    let (_dir, path) = temp_workspace();
    let mut ws = Workspace::open(&path).unwrap();
    let plan = ws.open_plan_in(da_nang(&ws).id, FIRST_PERIOD).unwrap();
    let mut d = draft("Open data portal", "II", "data", 2019, 2021);
    d.sectors = vec!["data".into(), "ict".into()];
    let saved = ws.save_project(plan.id, None, &d).unwrap();
    d.code = saved.draft.code.clone();
    d.sectors = vec!["digital-economy".into()];
    d.sdgs = vec![];
    let edited = ws.save_project(plan.id, Some(saved.id), &d).unwrap();
    assert_eq!(edited.id, saved.id, "an edit keeps the project's identity");
    assert_eq!(edited.draft.sectors, vec!["digital-economy"]);
    assert!(edited.draft.sdgs.is_empty());
}

#[test]
fn filters_and_sorts_the_projects_table() {
    let (_dir, path) = temp_workspace();
    let mut ws = Workspace::open(&path).unwrap();
    let plan = ws.open_plan_in(da_nang(&ws).id, FIRST_PERIOD).unwrap();
    let mut flood = draft("Đê chống lũ thông minh", "SS", "resilience", 2018, 2019);
    flood.secondary_focus_areas = vec!["BI".into()];
    flood.status = ProjectStatus::Completed;
    ws.save_project(plan.id, None, &flood).unwrap();
    ws.save_project(
        plan.id,
        None,
        &draft("Air sensors", "QE", "air-water-quality", 2021, 2025),
    )
    .unwrap();
    ws.save_project(
        plan.id,
        None,
        &draft("Bus lanes", "BI", "transport", 2020, 2024),
    )
    .unwrap();

    let titles = |filter: ProjectFilter| -> Vec<String> {
        ws.projects(plan.id, &filter)
            .unwrap()
            .into_iter()
            .map(|r| r.title)
            .collect()
    };
    assert_eq!(
        titles(ProjectFilter {
            focus_area: Some("BI".into()),
            ..Default::default()
        }),
        vec!["Bus lanes", "Đê chống lũ thông minh"],
        "a focus-area filter matches primary and secondary areas"
    );
    assert_eq!(
        titles(ProjectFilter {
            sector: Some("transport".into()),
            ..Default::default()
        }),
        vec!["Bus lanes"]
    );
    assert_eq!(
        titles(ProjectFilter {
            status: Some(ProjectStatus::Completed),
            ..Default::default()
        }),
        vec!["Đê chống lũ thông minh"]
    );
    assert_eq!(
        titles(ProjectFilter {
            year: Some(2025),
            ..Default::default()
        }),
        vec!["Air sensors"],
        "the year filter keeps projects running that year"
    );
    assert_eq!(
        titles(ProjectFilter {
            text: Some("ĐÊ LŨ".into()),
            ..Default::default()
        }),
        vec!["Đê chống lũ thông minh"],
        "search ignores case in Vietnamese too, and needs every word"
    );
    assert_eq!(
        titles(ProjectFilter {
            sort: ProjectSort::Title,
            descending: true,
            ..Default::default()
        }),
        vec!["Đê chống lũ thông minh", "Bus lanes", "Air sensors"]
    );
}

#[test]
fn a_deleted_project_can_be_restored() {
    let (_dir, path) = temp_workspace();
    let mut ws = Workspace::open(&path).unwrap();
    let plan = ws.open_plan_in(da_nang(&ws).id, FIRST_PERIOD).unwrap();
    let saved = ws
        .save_project(
            plan.id,
            None,
            &draft("Smart meters", "BI", "water", 2019, 2020),
        )
        .unwrap();
    ws.delete_project(saved.id).unwrap();
    assert!(ws
        .projects(plan.id, &ProjectFilter::default())
        .unwrap()
        .is_empty());
    assert!(matches!(
        ws.project(saved.id),
        Err(Error::Model(ModelError::NotFound { .. }))
    ));
    drop(ws);
    let mut ws = Workspace::open(&path).unwrap();
    let restored = ws.restore_project(saved.id).unwrap();
    assert_eq!((restored.id, &restored.draft), (saved.id, &saved.draft));
    assert!(
        restored.version > saved.version,
        "each write bumps the version"
    );
    assert!(
        matches!(
            ws.restore_project(saved.id),
            Err(Error::Model(ModelError::NotFound { .. }))
        ),
        "restoring twice says the deleted project is not there"
    );
}

#[test]
fn adds_a_city_that_is_not_a_pilot_city_once() {
    let (_dir, path) = temp_workspace();
    let mut ws = Workspace::open(&path).unwrap();
    let hue = NewCity {
        name: "Huế".into(),
        member_state: "VNM".into(),
        population: Some(652_572),
        latitude: Some(16.4637),
        longitude: Some(107.5909),
        officer: None,
        member_since: None,
    };
    let city = ws.add_city(&hue).unwrap();
    assert!(!city.pilot && city.member_since.is_none());
    // The 26 pilots and the three cities that joined in 2023, then Huế.
    assert_eq!(ws.cities().unwrap().len(), 30);
    assert!(
        matches!(
            ws.add_city(&hue),
            Err(Error::Model(ModelError::Conflict(_)))
        ),
        "the same city cannot be added twice"
    );
}

#[test]
fn a_city_of_timor_leste_is_added_and_given_a_plan() {
    let (_dir, path) = temp_workspace();
    let mut ws = Workspace::open(&path).unwrap();
    let dili = ws
        .add_city(&common::dili(Some(2026)))
        .expect("Timor-Leste has been an ASEAN member state since October 2025");
    assert_eq!(dili.member_since, Some(2026));
    assert_eq!(
        ws.reference().member_state("TLS").unwrap().name,
        "Timor-Leste"
    );
    let plan = ws.open_plan(dili.id).unwrap();
    assert_eq!(plan.city_id, dili.id);
    assert_eq!(
        plan.period,
        ws.current_period().unwrap().code,
        "a city without a plan starts in the period of today"
    );
    assert!(
        matches!(
            ws.add_city(&NewCity {
                name: "Port Moresby".into(),
                member_state: "PNG".into(),
                population: None,
                latitude: None,
                longitude: None,
                officer: None,
                member_since: None,
            }),
            Err(Error::Model(ModelError::Validation(_)))
        ),
        "a country outside ASEAN is still refused"
    );
}

#[test]
fn a_plan_keeps_to_its_period_and_its_years_must_still_hold_every_project() {
    let (_dir, path) = temp_workspace();
    let mut ws = Workspace::open(&path).unwrap();
    let plan = ws.open_plan_in(da_nang(&ws).id, FIRST_PERIOD).unwrap();
    assert_eq!(plan.period, "2018-2025");
    ws.save_project(
        plan.id,
        None,
        &draft("Bus lanes", "BI", "transport", 2018, 2024),
    )
    .unwrap();
    let mut next = PlanDraft {
        context_local: Default::default(),
        languages: Default::default(),
        vision_local: Default::default(),
        period_start: 2026,
        period_end: 2035,
        context: "Traffic grows faster than roads".into(),
        vision: "A city for everyone".into(),
        status: PlanStatus::Draft,
        focus_areas: vec![ChosenFocusArea {
            rationale_local: Default::default(),
            focus_area: "BI".into(),
            rationale: "Congestion".into(),
            outcomes: vec!["SE".into(), "QL".into()],
        }],
    };
    let err = ws.update_plan(plan.id, &next).unwrap_err();
    assert!(
        err.to_string()
            .contains("2026 is outside the plan period 2018–2025"),
        "2026–2035 is the next period's plan, not this one's years: {err}"
    );
    next.period_start = 2018;
    next.period_end = 2022;
    let err = ws.update_plan(plan.id, &next).unwrap_err();
    assert!(
        err.to_string()
            .contains("BI-01 end year: 2024 is after the plan period 2018–2022"),
        "the message names the stranded project: {err}"
    );
    assert_eq!(ws.plan(plan.id).unwrap().vision, "", "nothing was saved");
    next.period_end = 2025;
    let saved = ws.update_plan(plan.id, &next).unwrap();
    assert_eq!((saved.period_start, saved.period_end), (2018, 2025));
    assert_eq!(
        saved.draft(),
        next,
        "context and the outcomes of each focus area are kept"
    );
}

#[test]
fn rejects_a_partner_of_another_plan() {
    let (_dir, path) = temp_workspace();
    let mut ws = Workspace::open(&path).unwrap();
    let da_nang = ws.open_plan_in(da_nang(&ws).id, FIRST_PERIOD).unwrap();
    let hanoi = ws
        .open_plan_in(ws.city_by_name("Ha Noi").unwrap().id, FIRST_PERIOD)
        .unwrap();
    let partner = ws
        .add_partner(
            hanoi.id,
            &PartnerDraft {
                name_local: Default::default(),
                kind: PartnerKind::PrivateSector,
                name: "Hanoi Telecom".into(),
                country: Some("Viet Nam".into()),
            },
        )
        .unwrap();
    let mut d = draft("Fibre backbone", "BI", "ict", 2019, 2021);
    d.partners = vec![partner.id, PartnerId(999)];
    let Error::Model(ModelError::Validation(errors)) =
        ws.save_project(da_nang.id, None, &d).unwrap_err()
    else {
        panic!("expected a validation error")
    };
    assert_eq!(errors.len(), 2, "both foreign partners are reported");
}

#[test]
fn refuses_a_workspace_from_a_newer_version_and_leaves_it_untouched() {
    let (dir, _) = temp_workspace();
    let path = dir.path().join("future.ascn");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE future (x); PRAGMA user_version = 99;
             PRAGMA application_id = 1095975758;",
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Workspace::open(&path)
        .err()
        .expect("a newer file is refused");
    assert!(matches!(err, Error::TooNew { found: 99, .. }));
    assert!(err.to_string().contains("newer version"), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is left as it was"
    );
}

#[test]
fn refuses_files_that_are_not_workspaces() {
    let (dir, _) = temp_workspace();
    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE invoices (id INTEGER);")
        .unwrap();
    let err = Workspace::open(&other)
        .err()
        .expect("another program's database is refused");
    assert!(matches!(err, Error::NotAWorkspace { .. }), "{err}");

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "these are my notes, not a database ".repeat(100)).unwrap();
    let err = Workspace::open(&text)
        .err()
        .expect("a text file is refused");
    assert!(matches!(err, Error::NotAWorkspace { .. }), "{err}");
    assert!(
        std::fs::read_to_string(&text)
            .unwrap()
            .starts_with("these are my notes"),
        "the text file is not overwritten"
    );
}

#[test]
fn demo_fills_a_marked_sample_plan_and_spares_real_plans() {
    let (_dir, path) = temp_workspace();
    let mut ws = Workspace::open(&path).unwrap();
    let city = da_nang(&ws);
    let plan = ascn_store::demo::fill(&mut ws, city.id, 40, 7).unwrap();
    assert!(plan.sample, "the plan is flagged as sample data");
    assert!(plan.vision.starts_with(ascn_store::demo::SAMPLE_MARK));
    let overview = ws.overview(plan.id).unwrap();
    assert_eq!(overview.project_count, 40);
    assert_eq!(overview.kpi_count, 40);
    assert!(overview.by_focus_area.iter().all(|c| c.count > 0));

    let hanoi = ws.city_by_name("Ha Noi").unwrap();
    let real = ws.open_plan_in(hanoi.id, FIRST_PERIOD).unwrap();
    ws.save_project(
        real.id,
        None,
        &draft("Real work", "CS", "education", 2019, 2020),
    )
    .unwrap();
    assert!(
        matches!(
            ascn_store::demo::fill(&mut ws, hanoi.id, 5, 1),
            Err(Error::Model(ModelError::Conflict(_)))
        ),
        "sample data is never mixed into a planner's plan"
    );
}

#[test]
fn remembers_the_last_city_opened_across_restarts() {
    let (_dir, path) = temp_workspace();
    {
        let mut ws = Workspace::open(&path).unwrap();
        assert_eq!(
            ws.last_city().unwrap(),
            None,
            "a new workspace has no last city"
        );
        let city = da_nang(&ws).id;
        ws.remember_city(city).unwrap();
    }
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.last_city().unwrap(), Some(da_nang(&ws).id));
}

#[test]
fn locations_are_stored_exactly_and_bad_shapes_are_refused() {
    use ascn_model::{Geometry, Location};
    let (_dir, path) = temp_workspace();
    let mut ws = Workspace::open(&path).unwrap();
    let plan = ws.open_plan_in(da_nang(&ws).id, FIRST_PERIOD).unwrap();
    let mut d = draft("Dragon Bridge lighting", "BI", "energy", 2019, 2020);
    d.locations = vec![
        Location {
            name: "Dragon Bridge".into(),
            geometry: Geometry::Point([108.227_222_222_222_2, 16.061_111_111_111_1]),
        },
        Location {
            name: "Riverside".into(),
            geometry: Geometry::Polygon(vec![vec![
                [108.22, 16.05],
                [108.23, 16.05],
                [108.23, 16.06],
                [108.22, 16.05],
            ]]),
        },
    ];
    let saved = ws.save_project(plan.id, None, &d).unwrap();
    drop(ws);
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(
        ws.project(saved.id).unwrap().draft.locations,
        d.locations,
        "coordinates come back bit for bit after reopening"
    );

    let mut ws = ws;
    d.locations = vec![Location {
        name: "Bow tie".into(),
        geometry: Geometry::Polygon(vec![vec![
            [0.0, 0.0],
            [1.0, 1.0],
            [1.0, 0.0],
            [0.0, 1.0],
            [0.0, 0.0],
        ]]),
    }];
    let Error::Model(ModelError::Validation(errors)) =
        ws.save_project(plan.id, Some(saved.id), &d).unwrap_err()
    else {
        panic!("expected a validation error")
    };
    assert_eq!(errors[0].field, "locations[0].geometry");
    assert_eq!(errors[0].message, "the outline crosses itself");
    assert_eq!(
        ws.project(saved.id).unwrap().draft.locations.len(),
        2,
        "nothing saved"
    );
}

#[test]
fn imports_districts_and_finds_the_districts_of_each_project() {
    use ascn_model::{Geometry, Location};
    let (_dir, path) = temp_workspace();
    let mut ws = Workspace::open(&path).unwrap();
    let city = da_nang(&ws).id;
    let plan = ws.open_plan_in(city, FIRST_PERIOD).unwrap();
    let file = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"name":"Hải Châu"},"geometry":{"type":"Polygon",
         "coordinates":[[[108.20,16.00],[108.23,16.00],[108.23,16.08],[108.20,16.08],[108.20,16.00]]]}},
        {"type":"Feature","properties":{"name":"Sơn Trà"},"geometry":{"type":"Polygon",
         "coordinates":[[[108.23,16.00],[108.30,16.00],[108.30,16.12],[108.23,16.12],[108.23,16.00]]]}}
    ]}"#;
    let districts = ws.import_districts(city, file).unwrap();
    assert_eq!(districts.len(), 2);
    // 0.03° × 0.08° at 16° N: about 3.21 km × 8.85 km.
    assert!(
        (districts[0].area_km2 - 28.4).abs() < 0.3,
        "{}",
        districts[0].area_km2
    );

    let mut market = draft("Han Market Wi-Fi", "BI", "ict", 2019, 2020);
    market.locations = vec![Location {
        name: "Han Market".into(),
        geometry: Geometry::Point([108.224, 16.068]),
    }];
    let market = ws.save_project(plan.id, None, &market).unwrap();
    let mut bus = draft("Bus line 1", "BI", "transport", 2019, 2020);
    bus.locations = vec![Location {
        name: String::new(),
        geometry: Geometry::LineString(vec![[108.21, 16.05], [108.28, 16.05]]),
    }];
    let bus = ws.save_project(plan.id, None, &bus).unwrap();
    ws.save_project(
        plan.id,
        None,
        &draft("Nowhere yet", "CS", "education", 2019, 2020),
    )
    .unwrap();

    let found = ws.project_districts(plan.id).unwrap();
    assert_eq!(found.len(), 2, "projects without a location are not listed");
    assert_eq!(found[0].project_id, market.id);
    assert_eq!(found[0].districts, vec!["Hải Châu"]);
    assert_eq!(found[1].project_id, bus.id);
    assert_eq!(
        found[1].districts,
        vec!["Hải Châu", "Sơn Trà"],
        "a line crossing both"
    );

    let bad = file.replace("\"Sơn Trà\"", "\"Hải Châu\"");
    assert!(matches!(
        ws.import_districts(city, &bad),
        Err(Error::Model(ModelError::Validation(_)))
    ));
    assert_eq!(
        ws.districts(city).unwrap(),
        districts,
        "a bad file changes nothing"
    );
}

#[test]
fn a_version_1_workspace_with_a_plan_migrates_and_keeps_it() {
    let (dir, _) = temp_workspace();
    let path = dir.path().join("v1.ascn");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrations::migrations().to_version(&mut conn, 1).unwrap();
        conn.execute_batch(
            "INSERT INTO focus_area VALUES ('BI', 'Built infrastructure', '', 0);
             INSERT INTO member_state VALUES ('VNM', 'VN', '704', 'Viet Nam', 'Viet Nam', NULL);
             INSERT INTO city (id, name, member_state, pilot) VALUES (1, 'Da Nang', 'VNM', 1);
             INSERT INTO plan (id, city_id, period_start, period_end, framework_version,
                               created_at, updated_at) VALUES (1, 1, 2018, 2025, 1, 0, 0);
             INSERT INTO project (id, plan_id, code, title, primary_focus_area, start_year,
                                  end_year, status, created_at, updated_at)
                 VALUES (1, 1, 'BI-01', 'Old project', 'BI', 2019, 2021, 'planned', 0, 0);",
        )
        .unwrap();
    }
    let ws = Workspace::open(&path).expect("a version 1 workspace opens");
    let project = ws.project(ascn_model::ProjectId(1)).unwrap();
    assert_eq!(project.draft.title, "Old project");
    assert!(project.draft.locations.is_empty());
    assert_eq!(
        ws.cities().unwrap().len(),
        29,
        "the pilot city is not duplicated"
    );
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, migrations::LATEST);
}

/// Sample plans for the first `cities` cities, of `projects`, `projects` + 1… projects.
fn sample_plans(ws: &mut Workspace, cities: usize, projects: usize) -> Vec<ascn_model::PlanId> {
    let cities: Vec<_> = ws.cities().unwrap().into_iter().take(cities).collect();
    cities
        .iter()
        .enumerate()
        .map(|(i, city)| {
            ascn_store::demo::fill(ws, city.id, projects + i, i as u64)
                .unwrap()
                .id
        })
        .collect()
}

#[test]
fn plans_read_side_by_side_are_the_plans_read_one_by_one_and_are_kept() {
    let (_dir, path) = temp_workspace();
    let mut ws = Workspace::open(&path).unwrap();
    let mut plans = sample_plans(&mut ws, 8, 10);
    let gone = ws.plan_projects(plans[3]).unwrap()[0].id;
    ws.delete_project(gone).unwrap();
    // Reversed, so the order asked for is not the order stored.
    plans.reverse();
    let loads = ws.document_loads();
    let together = ws.documents(&plans).unwrap();
    assert_eq!(ws.document_loads() - loads, 8, "each plan read once");
    let one_by_one: Vec<_> = plans
        .iter()
        .map(|p| ws.read_document(*p).unwrap())
        .collect();
    assert_eq!(
        together.iter().map(|d| (**d).clone()).collect::<Vec<_>>(),
        one_by_one
    );
    assert!(
        together
            .iter()
            .flat_map(|d| &d.projects)
            .all(|p| p.id != gone),
        "a deleted project stays out"
    );
    assert_eq!(
        together[0].projects.len(),
        17,
        "the last city's plan comes first"
    );

    let loads = ws.document_loads();
    ws.documents(&plans).unwrap();
    assert_eq!(ws.document_loads(), loads, "read again from memory");
    ws.delete_project(ws.plan_projects(plans[0]).unwrap()[0].id)
        .unwrap();
    let after = ws.documents(&plans).unwrap();
    assert_eq!(after[0].projects.len(), 16, "a change is read again");
}

#[test]
fn every_list_of_every_project_comes_back_in_the_order_it_was_saved() {
    use ascn_model::{Geometry, Location, ProgressUpdate};
    let (_dir, path) = temp_workspace();
    let mut ws = Workspace::open(&path).unwrap();
    let plan = ws.open_plan_in(da_nang(&ws).id, FIRST_PERIOD).unwrap();
    let funding = |amount: f64| FundingLine {
        source: FundingSource::CityBudget,
        partner_id: None,
        amount,
        currency: "VND".into(),
        start_year: 2019,
        end_year: 2020,
        status: FundingStatus::Committed,
    };
    let kpi = |name: &str, targets: &[(i32, f64)]| Kpi {
        name_local: Default::default(),
        name: name.into(),
        standard_ref: None,
        unit: "%".into(),
        baseline_year: 2018,
        baseline_value: 1.0,
        targets: targets
            .iter()
            .map(|&(year, value)| KpiTarget { year, value })
            .collect(),
        actuals: vec![],
    };
    let place = |name: &str, lon: f64| Location {
        name: name.into(),
        geometry: Geometry::Point([lon, 16.05]),
    };
    let report = |year: i32| ProgressUpdate {
        narrative_local: Default::default(),
        year,
        status: ProjectStatus::InProgress,
        percent_complete: 10,
        narrative: format!("{year}"),
        spent: None,
    };
    // Orders that neither the alphabet, the codes nor the rows' ids give: the lists are kept as
    // the planner ordered them, each on its own project and KPI.
    let mut first = draft("Flood sensors", "BI", "water", 2019, 2024);
    first.secondary_focus_areas = vec!["SS".into(), "II".into()];
    first.sectors = vec!["water".into(), "resilience".into(), "data".into()];
    first.sdgs = vec![13, 6, 11];
    first.funding = vec![funding(3.0), funding(1.0), funding(2.0)];
    first.kpis = vec![
        kpi("Zones covered", &[(2020, 10.0), (2022, 30.0), (2024, 50.0)]),
        kpi("Alerts sent in time", &[(2021, 80.0), (2023, 95.0)]),
    ];
    first.locations = vec![place("River mouth", 108.25), place("Airport", 108.2)];
    first.progress = vec![report(2019), report(2020), report(2021)];
    let mut second = draft("Bus tracking", "BI", "transport", 2019, 2022);
    second.sectors = vec!["transport".into(), "ict".into()];
    second.sdgs = vec![11, 9];
    second.funding = vec![funding(9.0), funding(7.0)];
    second.kpis = vec![kpi("Buses tracked", &[(2020, 50.0), (2022, 100.0)])];
    // The second project is saved first and edited after, so its rows are not in id order.
    let saved_second = ws.save_project(plan.id, None, &second).unwrap();
    let saved_first = ws.save_project(plan.id, None, &first).unwrap();
    second.code = saved_second.draft.code.clone();
    second.funding.insert(0, funding(8.0));
    ws.save_project(plan.id, Some(saved_second.id), &second)
        .unwrap();
    drop(ws);

    let ws = Workspace::open(&path).unwrap();
    let doc = ws.document(plan.id).unwrap();
    for (saved, given) in [(&saved_first, &first), (&saved_second, &second)] {
        let read = doc
            .projects
            .iter()
            .find(|p| p.id == saved.id)
            .expect("the project is in its plan's document");
        let read = &read.draft;
        assert_eq!(read.secondary_focus_areas, given.secondary_focus_areas);
        assert_eq!(read.sectors, given.sectors, "{}", given.title);
        assert_eq!(read.sdgs, given.sdgs, "{}", given.title);
        assert_eq!(read.funding, given.funding, "{}", given.title);
        assert_eq!(read.kpis, given.kpis, "{}", given.title);
        assert_eq!(read.locations, given.locations, "{}", given.title);
        assert_eq!(read.progress, given.progress, "{}", given.title);
    }
}

#[test]
fn a_plans_projects_come_in_code_order_ignoring_case() {
    let (_dir, path) = temp_workspace();
    let mut ws = Workspace::open(&path).unwrap();
    let plan = ws.open_plan_in(da_nang(&ws).id, FIRST_PERIOD).unwrap();
    let drafts: Vec<_> = ["mo-2", "MO-10", "Mo-1", "EN-1", "en-03"]
        .iter()
        .map(|code| ProjectDraft {
            code: code.to_string(),
            ..draft(code, "BI", "transport", 2019, 2020)
        })
        .collect();
    ws.add_projects(plan.id, &drafts).unwrap();
    let codes = |projects: &[ascn_model::Project]| -> Vec<String> {
        projects.iter().map(|p| p.draft.code.clone()).collect()
    };
    let expected = vec!["en-03", "EN-1", "Mo-1", "MO-10", "mo-2"];
    assert_eq!(codes(&ws.plan_projects(plan.id).unwrap()), expected);
    assert_eq!(
        codes(&ws.read_document(plan.id).unwrap().projects),
        expected
    );
}

#[test]
fn most_plans_read_table_by_table_and_a_few_plan_by_plan_are_the_plans_read_one_by_one() {
    let (_dir, path) = temp_workspace();
    let mut ws = Workspace::open(&path).unwrap();
    let mut plans = sample_plans(&mut ws, 9, 6);
    // A plan with no project yet, and a project moved between plans after both were filled
    // (its rows now come after those of every other plan).
    let tenth = ws.cities().unwrap()[9].id;
    plans.push(ws.open_plan_in(tenth, FIRST_PERIOD).unwrap().id);
    let mut moved = ws.plan_projects(plans[2]).unwrap().pop().unwrap();
    ws.delete_project(moved.id).unwrap();
    moved.draft.code = "AA-MOVED".into();
    moved.draft.partners.clear();
    for line in &mut moved.draft.funding {
        line.partner_id = None;
    }
    ws.save_project(plans[1], None, &moved.draft).unwrap();

    let one_by_one = |ws: &Workspace, asked: &[ascn_model::PlanId]| -> Vec<_> {
        asked
            .iter()
            .map(|p| ws.read_document(*p).unwrap())
            .collect()
    };
    let together = |ws: &Workspace, asked: &[ascn_model::PlanId]| -> Vec<_> {
        let read = ws.documents(asked).unwrap();
        read.iter().map(|d| (**d).clone()).collect()
    };
    // Six of the ten plans: each table scanned once, the plans not asked for left out.
    let most = [plans[9], plans[1], plans[2], plans[5], plans[0], plans[7]];
    let loads = ws.document_loads();
    let read = together(&ws, &most);
    assert_eq!(ws.document_loads() - loads, 6, "each plan read once");
    assert_eq!(read, one_by_one(&ws, &most));
    assert!(read[0].projects.is_empty(), "the empty plan stays empty");
    assert_eq!(
        read[1].projects[0].draft, moved.draft,
        "moved, first by its code"
    );
    assert_eq!(read[1].projects.len(), 8);
    assert_eq!(read[2].projects.len(), 7, "and gone from the plan it left");

    // Four of the ten: read plan by plan.
    ws.forget_documents();
    let few = [plans[8], plans[3], plans[4], plans[6]];
    let read = together(&ws, &few);
    assert_eq!(read, one_by_one(&ws, &few));
    assert_eq!(read[0].projects.len(), 14);
}
