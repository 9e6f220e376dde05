//! Charts read back with an independent SVG (XML) parser: they parse, and hold the series,
//! labels, legend and units a reader needs.

mod common;
use common::FIRST_PERIOD;

use ascn_formats::charts::{self, ChartKind};
use ascn_store::{demo, Workspace};

fn demo_plan() -> (tempfile::TempDir, Workspace, ascn_model::PlanId) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path().join("ws.ascn")).unwrap();
    let city = ws.city_by_name("Da Nang").unwrap().id;
    let plan = demo::fill(&mut ws, city, 40, 3).unwrap();
    (dir, ws, plan.id)
}

/// The texts of an SVG document, and the fill colours it uses.
fn read(svg: &str) -> (Vec<String>, Vec<String>) {
    let doc = roxmltree::Document::parse(svg).expect("the chart is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let texts = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().trim().to_string())
        .collect();
    let fills = doc
        .descendants()
        .filter_map(|n| n.attribute("fill"))
        .map(|f| f.to_uppercase())
        .collect();
    (texts, fills)
}

fn has(texts: &[String], wanted: &str) -> bool {
    texts.iter().any(|t| t == wanted)
}

#[test]
fn budget_chart_stacks_every_focus_area_by_year_with_legend_and_unit() {
    let (_dir, ws, plan) = demo_plan();
    let (texts, fills) = read(
        &charts::for_plan(
            &ws.document(plan).unwrap(),
            ws.reference(),
            ChartKind::BudgetByFocusArea,
        )
        .unwrap(),
    );
    assert!(has(&texts, "Budget by focus area and year"), "{texts:?}");
    assert!(has(&texts, "USD millions"), "the money axis names its unit");
    for year in 2018..=2025 {
        assert!(has(&texts, &year.to_string()), "year {year} is labelled");
    }
    for area in [
        "Civic & social",
        "Built infrastructure",
        "Industry & innovation",
    ] {
        assert!(has(&texts, area), "{area} is in the legend: {texts:?}");
    }
    assert!(
        fills.contains(&"#1565C0".to_string()),
        "built infrastructure is drawn in its colour"
    );
}

#[test]
fn funding_charts_split_committed_and_pipeline_money() {
    let (_dir, ws, plan) = demo_plan();
    let (texts, fills) = read(
        &charts::for_plan(
            &ws.document(plan).unwrap(),
            ws.reference(),
            ChartKind::FundingBySource,
        )
        .unwrap(),
    );
    for label in [
        "City budget",
        "Multilateral bank",
        "Committed",
        "Pipeline",
        "USD millions",
    ] {
        assert!(has(&texts, label), "{label} in {texts:?}");
    }
    assert!(fills.contains(&"#0B5394".to_string()) && fills.contains(&"#9FC5E8".to_string()));
    let (texts, _) = read(
        &charts::for_plan(
            &ws.document(plan).unwrap(),
            ws.reference(),
            ChartKind::FundingByPartnerKind,
        )
        .unwrap(),
    );
    assert!(
        has(&texts, "No partner") && has(&texts, "Multilateral bank"),
        "{texts:?}"
    );
}

#[test]
fn status_chart_names_every_status() {
    let (_dir, ws, plan) = demo_plan();
    let (texts, _) = read(
        &charts::for_plan(
            &ws.document(plan).unwrap(),
            ws.reference(),
            ChartKind::ProjectsByStatus,
        )
        .unwrap(),
    );
    for label in [
        "Proposed",
        "Planned",
        "In progress",
        "Completed",
        "On hold",
        "Cancelled",
        "Projects",
    ] {
        assert!(has(&texts, label), "{label} in {texts:?}");
    }
}

#[test]
fn kpi_chart_shows_baseline_targets_and_unit() {
    let (_dir, ws, plan) = demo_plan();
    let project = &ws.plan_projects(plan).unwrap()[0];
    let kpi = &project.draft.kpis[0];
    let (texts, _) =
        read(&charts::for_kpi(&ws.document(project.plan_id).unwrap(), project.id, 0).unwrap());
    assert!(
        has(&texts, &format!("{}: {}", project.draft.code, kpi.name)),
        "{texts:?}"
    );
    assert!(
        has(&texts, &kpi.unit),
        "the axis names the unit {}",
        kpi.unit
    );
    assert!(
        has(&texts, "Targets") && has(&texts, "Baseline 2017"),
        "{texts:?}"
    );
    assert_eq!(
        has(&texts, "Actuals"),
        !kpi.actuals.is_empty(),
        "actuals are drawn once they exist: {texts:?}"
    );
    let reported = ws
        .plan_projects(plan)
        .unwrap()
        .into_iter()
        .find(|p| !p.draft.kpis[0].actuals.is_empty())
        .expect("the sample plan reports progress");
    let (texts, _) =
        read(&charts::for_kpi(&ws.document(reported.plan_id).unwrap(), reported.id, 0).unwrap());
    assert!(has(&texts, "Actuals"), "{texts:?}");
    let err = charts::for_kpi(&ws.document(project.plan_id).unwrap(), project.id, 5).unwrap_err();
    assert!(err.to_string().contains("KPI 6 of project"), "{err}");
}

#[test]
fn charts_of_an_empty_plan_still_draw() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path().join("ws.ascn")).unwrap();
    let plan = ws
        .open_plan_in(ws.city_by_name("Vientiane").unwrap().id, FIRST_PERIOD)
        .unwrap();
    for kind in ChartKind::ALL {
        let svg = charts::for_plan(&ws.document(plan.id).unwrap(), ws.reference(), *kind).unwrap();
        read(&svg);
    }
}

#[test]
fn a_small_budget_is_drawn_in_units_a_reader_can_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path().join("ws.ascn")).unwrap();
    let city = ws.city_by_name("Luang Prabang").unwrap().id;
    let plan = ws.open_plan_in(city, FIRST_PERIOD).unwrap().id;
    let mut draft = common::draft("Street lights", 2020, 2021);
    draft.funding = vec![ascn_model::FundingLine {
        source: ascn_model::FundingSource::CityBudget,
        partner_id: None,
        amount: 1000.0,
        currency: "USD".into(),
        status: ascn_model::FundingStatus::Committed,
        start_year: 2020,
        end_year: 2021,
    }];
    ws.save_project(plan, None, &draft).unwrap();
    let (texts, _) = read(
        &charts::for_plan(
            &ws.document(plan).unwrap(),
            ws.reference(),
            ChartKind::BudgetByFocusArea,
        )
        .unwrap(),
    );
    assert!(has(&texts, "USD"), "in dollars, not millions: {texts:?}");
    let ticks: Vec<f64> = texts
        .iter()
        .filter_map(|t| t.parse().ok())
        .filter(|v| *v < 2000.0)
        .collect();
    assert!(
        ticks.iter().any(|v| *v >= 100.0),
        "the axis is labelled in the budget's own scale, not 0.0 at every tick: {texts:?}"
    );
}
