//! Plans in English and the city's own language: every narrative carries both, through the
//! store, undo, revisions, search, readiness and every file, read back by independent readers
//! (xmllint against the IATI 2.03 schema, calamine, pdftotext).

use std::process::Command;

mod common;
use common::FIRST_PERIOD;

use ascn_formats::export::{self, Format};
use ascn_formats::import::table;
use ascn_model::languages::ReportLanguages;
use ascn_model::plan_file::{self, read as import};
use ascn_model::readiness::{self, ReadinessRule};
use ascn_model::{
    search, Kpi, KpiTarget, PartnerDraft, PartnerKind, PlanId, ProgressEntry, ProjectStatus,
    Translations,
};
use ascn_store::Workspace;

const KHMER_TITLE: &str = "ប្រព័ន្ធគ្រប់គ្រងចរាចរណ៍ឆ្លាតវៃ";
const KHMER_DESCRIPTION: &str = "ភ្លើងសញ្ញាចរាចរណ៍ដែលសម្របខ្លួននៅផ្លូវប្រសព្វ ១២០";
const KHMER_KPI: &str = "ល្បឿនមធ្យមនៅម៉ោងមមាញឹក";
const KHMER_PARTNER: &str = "ធនាគារអភិវឌ្ឍន៍អាស៊ី";
const KHMER_VISION: &str = "ទីក្រុងភ្នំពេញឆ្លាតវៃ និងបៃតង";

fn khmer(text: &str) -> Translations {
    [("km".to_string(), text.to_string())].into_iter().collect()
}

/// Phnom Penh's plan with one project written in English and Khmer throughout.
fn phnom_penh(ws: &mut Workspace) -> PlanId {
    let city = ws.city_by_name("Phnom Penh").unwrap().id;
    let plan = ws.open_plan_in(city, FIRST_PERIOD).unwrap();
    assert_eq!(
        plan.languages,
        ["km"],
        "a Cambodian plan is written in Khmer"
    );
    let mut draft = plan.draft();
    draft.vision = "A smart and green Phnom Penh".into();
    draft.vision_local = khmer(KHMER_VISION);
    ws.update_plan(plan.id, &draft).unwrap();
    let partner = ws
        .add_partner(
            plan.id,
            &PartnerDraft {
                kind: PartnerKind::MultilateralBank,
                name: "Asian Development Bank".into(),
                name_local: khmer(KHMER_PARTNER),
                country: None,
            },
        )
        .unwrap();
    let mut d = common::draft("Intelligent traffic management", 2019, 2022);
    d.title_local = khmer(KHMER_TITLE);
    d.description = "Adaptive signals at 120 junctions".into();
    d.description_local = khmer(KHMER_DESCRIPTION);
    d.partners = vec![partner.id];
    d.kpis = vec![Kpi {
        name: "Average peak-hour speed".into(),
        name_local: khmer(KHMER_KPI),
        standard_ref: None,
        unit: "km/h".into(),
        baseline_year: 2017,
        baseline_value: 18.0,
        targets: vec![KpiTarget {
            year: 2022,
            value: 24.0,
        }],
        actuals: vec![],
    }];
    let project = ws.save_project(plan.id, None, &d).unwrap();
    ws.report_progress(
        project.id,
        &ProgressEntry {
            year: 2020,
            status: ProjectStatus::InProgress,
            percent_complete: 40.0,
            narrative: "Signals installed at 48 junctions".into(),
            narrative_local: khmer("ភ្លើងសញ្ញាត្រូវបានដំឡើងនៅផ្លូវប្រសព្វ ៤៨"),
            kpi_actuals: vec![None],
            spent: None,
        },
    )
    .unwrap();
    plan.id
}

fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path().join("ws.ascn")).unwrap();
    (dir, ws)
}

#[test]
fn a_plan_file_carries_both_languages_losslessly_into_another_workspace() {
    let (_dir, mut ws) = workspace();
    let plan = phnom_penh(&mut ws);
    let first = plan_file::plan_file(&ws.document(plan).unwrap(), ws.reference()).unwrap();
    let json = plan_file::to_json(&first);
    for text in [
        KHMER_TITLE,
        KHMER_DESCRIPTION,
        KHMER_KPI,
        KHMER_PARTNER,
        KHMER_VISION,
    ] {
        assert!(json.contains(text), "the file holds {text}");
    }

    let (_dir2, mut other) = workspace();
    let checked = import::check(&import::parse(&json).unwrap(), other.reference()).unwrap();
    let summary = other.import_plan(&checked, false).unwrap();
    let mut second =
        plan_file::plan_file(&other.document(summary.plan_id).unwrap(), other.reference()).unwrap();
    second.written_at.clone_from(&first.written_at);
    assert_eq!(plan_file::to_json(&second), json, "nothing lost either way");
}

#[test]
fn search_finds_either_language_and_readiness_asks_for_the_english() {
    let (_dir, mut ws) = workspace();
    let plan = phnom_penh(&mut ws);
    let doc = ws.document(plan).unwrap();
    let hits = search::plan(&doc, ws.reference(), "ចរាចរណ៍");
    assert!(
        hits.iter()
            .any(|h| h.label.contains("Intelligent traffic management")
                && h.detail == "title [km]"),
        "{hits:?}"
    );
    assert!(search::plan(&doc, ws.reference(), "ធនាគារ")
        .iter()
        .any(|h| h.label == "Asian Development Bank"));
    assert!(search::plan(&doc, ws.reference(), "traffic")
        .iter()
        .any(|h| h.detail == "title"));

    // The description written in Khmer only: to improve, saying why.
    let project = &doc.projects[0];
    let mut d = project.draft.clone();
    d.description.clear();
    ws.save_project(plan, Some(project.id), &d).unwrap();
    let findings = readiness::of_plan(&ws.document(plan).unwrap());
    let english = findings
        .iter()
        .find(|f| f.rule == ReadinessRule::NotInEnglish)
        .expect("a finding for the description in Khmer only");
    assert_eq!(english.field.as_deref(), Some("description"));
    assert!(
        english
            .message
            .contains("written in km only: the network works in English"),
        "{}",
        english.message
    );
}

#[test]
fn undo_and_the_revision_diff_cover_the_local_language() {
    let (_dir, mut ws) = workspace();
    let plan = phnom_penh(&mut ws);
    ws.submit_plan(plan, "After the SCGW").unwrap();
    let project = ws.document(plan).unwrap().projects[0].clone();
    let mut d = project.draft.clone();
    d.title_local = khmer("ប្រព័ន្ធភ្លើងសញ្ញាឆ្លាតវៃ");
    ws.save_project(plan, Some(project.id), &d).unwrap();

    let diff = ws.revision_diff(plan, 1, None).unwrap();
    assert_eq!(diff.changed.len(), 1, "{diff:?}");
    let change = &diff.changed[0].changes[0];
    assert!(change.field.starts_with("title_local"), "{change:?}");
    assert!(change.before.contains(KHMER_TITLE) && change.after.contains("ភ្លើងសញ្ញា"));

    assert_eq!(
        ws.undo(plan).unwrap().unwrap().label,
        "Edit BI-01: title (translation)"
    );
    assert_eq!(
        ws.project(project.id).unwrap().draft.title_local["km"],
        KHMER_TITLE
    );
    assert!(ws.revision_diff(plan, 1, None).unwrap().is_empty());
}

#[test]
fn a_bad_language_tag_is_refused_naming_the_field_and_nothing_is_saved() {
    let (_dir, mut ws) = workspace();
    let plan = phnom_penh(&mut ws);
    let project = ws.document(plan).unwrap().projects[0].clone();
    let mut d = project.draft.clone();
    d.title_local.insert("Khmer".into(), "ផ្លូវ".into());
    let err = ws.save_project(plan, Some(project.id), &d).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("title_local.Khmer") && text.contains("'Khmer' is not a language tag"),
        "{text}"
    );
    assert_eq!(ws.project(project.id).unwrap().draft, project.draft);
}

#[test]
fn iati_carries_a_narrative_per_language_and_stays_valid_against_2_03() {
    let (dir, mut ws) = workspace();
    let plan = phnom_penh(&mut ws);
    let doc = ws.document(plan).unwrap();
    let xml = String::from_utf8(export::iati::document(&doc, ws.reference()).unwrap()).unwrap();
    for text in [
        "Intelligent traffic management",
        KHMER_TITLE,
        KHMER_DESCRIPTION,
    ] {
        assert!(xml.contains(text), "{text}");
    }
    assert!(xml.contains(&format!(
        r#"<narrative xml:lang="km">{KHMER_TITLE}</narrative>"#
    )));
    assert!(xml.contains(&format!(
        r#"<narrative xml:lang="km">{KHMER_PARTNER}</narrative>"#
    )));
    assert!(xml.contains(&format!(
        r#"<narrative xml:lang="km">{KHMER_KPI} (km/h)</narrative>"#
    )));
    let path = dir.path().join("iati.xml");
    std::fs::write(&path, &xml).unwrap();
    let schema = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/standards/iati-2.03/iati-activities-schema.xsd"
    );
    let out = Command::new("xmllint")
        .args(["--noout", "--schema", schema])
        .arg(&path)
        .output()
        .expect("xmllint runs (apt-get install libxml2-utils; scripts/setup.sh does)");
    assert!(
        out.status.success(),
        "xmllint: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_spreadsheet_has_a_column_per_language_and_the_pdf_prints_the_language_chosen() {
    use calamine::{Reader, Xlsx};
    let (dir, mut ws) = workspace();
    let plan = phnom_penh(&mut ws);
    let doc = ws.document(plan).unwrap();
    let languages = ReportLanguages::parse("km", &doc.plan.languages).unwrap();
    let files = export::write_plan(
        &doc,
        ws.reference(),
        &[Format::Xlsx, Format::Pdf],
        &languages,
        None,
        dir.path(),
        |_| {},
    )
    .unwrap();

    let mut book: Xlsx<_> = calamine::open_workbook(&files[0]).unwrap();
    let sheet = book.worksheet_range("Projects").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let at = |heading: &str| rows[0].iter().position(|h| h == heading).unwrap();
    assert_eq!(rows[1][at("Title")], "Intelligent traffic management");
    assert_eq!(rows[1][at("Title [km]")], KHMER_TITLE);
    assert_eq!(rows[1][at("Description [km]")], KHMER_DESCRIPTION);

    let text = |pdf: &std::path::Path| {
        let out = Command::new("pdftotext")
            .arg(pdf)
            .arg("-")
            .output()
            .expect("pdftotext runs");
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let khmer_only = text(&files[1]);
    assert!(khmer_only.contains("BI-01"));
    assert!(
        !khmer_only.contains("Intelligent traffic management"),
        "the report in Khmer leaves the English title out"
    );
    assert!(!khmer_only.contains("Adaptive signals at 120 junctions"));

    let both = ReportLanguages::parse("both", &doc.plan.languages).unwrap();
    let pdf = export::pdf::report(&doc, ws.reference(), &both, None).unwrap();
    let path = dir.path().join("both.pdf");
    std::fs::write(&path, pdf).unwrap();
    let both_text = text(&path);
    assert!(both_text.contains("Adaptive signals at 120 junctions"));
    assert!(
        both_text.len() > khmer_only.len(),
        "both languages print more than one"
    );
}

#[test]
fn the_template_has_a_column_per_language_and_its_columns_are_imported() {
    let (_dir, mut ws) = workspace();
    let plan = phnom_penh(&mut ws);
    let languages = vec!["km".to_string()];
    let rows = table::csv_rows(&table::template_csv(&languages)).unwrap();
    let header = &rows[0];
    for heading in ["Title [km]", "Description [km]", "KPI [km]"] {
        assert!(header.iter().any(|h| h == heading), "{heading}: {header:?}");
    }
    let title = header.iter().position(|h| h == "Title").unwrap();
    assert_eq!(header[title + 1], "Title [km]", "beside the English");

    let mut filled = rows.clone();
    filled[1][title + 1] = KHMER_TITLE.into();
    filled[1][0].clear(); // the example's code, BI-01, is taken by the plan
    let doc = ws.document(plan).unwrap();
    let checked = table::check_for_plan(&doc, ws.reference(), &filled, None).unwrap();
    assert_eq!(checked.drafts[0].title_local["km"], KHMER_TITLE);
    assert!(
        checked.ignored_columns.is_empty(),
        "{:?}",
        checked.ignored_columns
    );

    // A heading whose tag is no language: refused, naming the column, nothing read.
    let mut bad = filled.clone();
    bad[0][title + 1] = "Title [khmer]".into();
    let err = table::check_for_plan(&doc, ws.reference(), &bad, None).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("row 1, 'Title [khmer]'") && text.contains("'khmer' is not a language tag"),
        "{text}"
    );
}
