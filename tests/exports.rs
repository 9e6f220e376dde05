//! Each export read by an independent reader: the GeoJSON by the `geojson` crate, the IATI XML
//! by xmllint against the official IATI 2.03 schema.

use std::path::Path;
use std::process::Command;

mod common;

use ascn_formats::export::{self, Format};
use ascn_store::{demo, Workspace};

fn demo_export(formats: &[Format]) -> (tempfile::TempDir, Vec<std::path::PathBuf>, usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path().join("ws.ascn")).unwrap();
    let city = ws.city_by_name("Cebu City").unwrap().id;
    let plan = demo::fill(&mut ws, city, 25, 5).unwrap().id;
    let mut seen = Vec::new();
    let files = export::write_plan(
        &ws.document(plan).unwrap(),
        ws.reference(),
        formats,
        &Default::default(),
        None,
        dir.path(),
        |f| seen.push(f),
    )
    .unwrap();
    assert_eq!(
        seen, formats,
        "progress is reported for each format in turn"
    );
    (dir, files, 25)
}

fn xmllint_against_iati(file: &Path) -> std::process::Output {
    let schema = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/standards/iati-2.03/iati-activities-schema.xsd"
    );
    Command::new("xmllint")
        .args(["--noout", "--schema", schema])
        .arg(file)
        .output()
        .expect("xmllint runs (apt-get install libxml2-utils; scripts/setup.sh does)")
}

#[test]
fn the_geojson_export_is_a_feature_collection_of_every_location() {
    let (_dir, files, projects) = demo_export(&[Format::Geojson]);
    assert!(files[0]
        .to_string_lossy()
        .ends_with("cebu-city-locations.geojson"));
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let parsed: geojson::GeoJson = text.parse().expect("a GeoJSON reader accepts the file");
    let geojson::GeoJson::FeatureCollection(collection) = parsed else {
        panic!("expected a FeatureCollection")
    };
    assert_eq!(
        collection.features.len(),
        projects,
        "one sample location per project"
    );
    let first = &collection.features[0];
    assert!(first
        .property("project_code")
        .and_then(|c| c.as_str())
        .is_some());
    assert_eq!(
        first.property("city").and_then(|c| c.as_str()),
        Some("Cebu City")
    );
    let bbox = collection
        .features
        .iter()
        .filter_map(|f| f.geometry.as_ref())
        .map(|g| format!("{:?}", g.value));
    for g in bbox {
        // RFC 7946 order is longitude, latitude: Cebu is near 123.9 E, 10.3 N.
        assert!(g.contains("123.") && g.contains("10."), "{g}");
    }
    assert!(!text.contains("\"crs\""), "RFC 7946 has no crs member");
}

#[test]
fn the_iati_export_validates_against_the_official_2_03_schema() {
    let (dir, files, projects) = demo_export(&[Format::Iati]);
    let out = xmllint_against_iati(&files[0]);
    assert!(
        out.status.success(),
        "xmllint: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = std::fs::read_to_string(&files[0]).unwrap();
    let parsed = roxmltree::Document::parse(&doc).unwrap();
    let activities: Vec<_> = parsed
        .descendants()
        .filter(|n| n.has_tag_name("iati-activity"))
        .collect();
    assert_eq!(activities.len(), projects, "one activity per project");
    assert_eq!(
        parsed
            .descendants()
            .find(|n| n.has_tag_name("recipient-country"))
            .and_then(|n| n.attribute("code")),
        Some("PH"),
        "recipient countries use ISO alpha-2"
    );
    let pos = parsed
        .descendants()
        .find(|n| n.has_tag_name("pos"))
        .and_then(|n| n.text())
        .unwrap();
    assert!(
        pos.starts_with("10."),
        "IATI positions are latitude first: {pos}"
    );

    // The check can fail: an activity without its identifier is refused.
    let broken = dir.path().join("broken.xml");
    let first = doc.find("<iati-identifier>").unwrap();
    let end = doc[first..].find("</iati-identifier>").unwrap() + first + "</iati-identifier>".len();
    std::fs::write(&broken, format!("{}{}", &doc[..first], &doc[end..])).unwrap();
    assert!(!xmllint_against_iati(&broken).status.success());
}

#[test]
fn all_formats_are_written_atomically_into_the_folder() {
    let (dir, files, _) = demo_export(Format::ALL);
    let names: Vec<_> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec![
            "cebu-city-plan.ascf",
            "cebu-city-plan.xlsx",
            "cebu-city-plan-report.pdf",
            "cebu-city-locations.geojson",
            "cebu-city-iati-activities.xml"
        ]
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".ascn") && !n.contains(".ascn-"))
        .collect();
    assert_eq!(
        left.len(),
        5,
        "no temporary files are left behind: {left:?}"
    );
}

#[test]
fn the_spreadsheet_has_its_sheets_with_numbers_as_numbers() {
    use calamine::{Data, Reader, Xlsx};
    let (_dir, files, projects) = demo_export(&[Format::Xlsx]);
    let mut book: Xlsx<_> =
        calamine::open_workbook(&files[0]).expect("a spreadsheet reader opens it");
    assert_eq!(
        book.sheet_names(),
        vec!["Summary", "Projects", "KPIs", "Funding", "Partners", "Pairings", "Timeline"]
    );
    let sheet = book.worksheet_range("Projects").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(&header[..3], &["Code", "Title", "Focus area"]);
    assert_eq!(
        sheet.height(),
        projects + 1,
        "a header and one row per project"
    );
    let first = sheet.rows().nth(1).unwrap();
    assert!(
        matches!(first[7], Data::Float(y) if (2018.0..=2025.0).contains(&y)),
        "years are numbers: {:?}",
        first[7]
    );
    assert!(
        matches!(first[12], Data::Float(b) if b > 0.0),
        "budgets are numbers: {:?}",
        first[12]
    );

    let funding = book.worksheet_range("Funding").unwrap();
    assert_eq!(
        funding.height(),
        projects * 2 + 1,
        "two funding lines per sample project"
    );
    let kpis = book.worksheet_range("KPIs").unwrap();
    let kpi_header: Vec<String> = kpis
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    // The targets of every year, then the indicator in the plan's language (the Philippines').
    assert_eq!(
        kpi_header[kpi_header.len() - 2..],
        ["Target 2025", "Indicator [fil]"]
    );
}

#[test]
fn the_pdf_report_embeds_its_fonts_and_its_text_can_be_read() {
    let (_dir, files, _) = demo_export(&[Format::Pdf]);
    let fonts = Command::new("pdffonts")
        .arg(&files[0])
        .output()
        .expect("pdffonts runs (apt-get install poppler-utils; scripts/setup.sh does)");
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let embedded: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!embedded.is_empty(), "the report uses fonts: {fonts}");
    for line in &embedded {
        let columns: Vec<&str> = line.split_whitespace().collect();
        assert!(columns.contains(&"yes"), "every font is embedded: {line}");
    }
    let text = Command::new("pdftotext")
        .arg(&files[0])
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in [
        "Cebu City",
        "Smart City Action Plan 2018–2025",
        "Chief Smart City Officer",
        "The plan and the ASEAN Smart Cities Framework",
        "Civic & social (CS)",
        "Budget by focus area and year",
        "Timeline",
        "Funding by source",
        "Key performance indicators",
        "Map",
        "SAMPLE DATA",
    ] {
        assert!(text.contains(expected), "the report reads {expected:?}");
    }
    assert!(
        text.contains("USD millions"),
        "chart labels are text in the PDF, not pictures of text"
    );
}

/// Every C0 control character (and U+FFFE/U+FFFF) in a stored project's text: what only a
/// workspace written before the rule can hold, since validation refuses them now.
#[test]
fn every_format_is_well_formed_whatever_control_character_the_store_holds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.ascn");
    let mut ws = Workspace::open(&path).unwrap();
    let city = ws.city_by_name("Cebu City").unwrap().id;
    let plan = demo::fill(&mut ws, city, 3, 5).unwrap().id;
    let project = ws.plan_projects(plan).unwrap()[0].clone();
    let mut hostile: String = (0u32..0x20).filter_map(char::from_u32).collect();
    hostile.push_str("\u{FFFE}\u{FFFF} end");
    // The rule: each is refused by name.
    for c in hostile
        .chars()
        .filter(|c| ascn_model::validation::is_forbidden_char(*c))
    {
        let mut d = project.draft.clone();
        d.title = format!("Smart{c}lights");
        let err = ws.save_project(plan, Some(project.id), &d).unwrap_err();
        assert!(
            err.to_string()
                .contains("title: holds the control character"),
            "U+{:04X}: {err}",
            u32::from(c)
        );
    }
    drop(ws);
    // What an older workspace may hold, written behind the validation's back.
    let conn = rusqlite::Connection::open(&path).unwrap();
    for column in ["title", "description", "lead_agency"] {
        conn.execute(
            &format!("UPDATE project SET {column} = ?1 WHERE id = ?2"),
            rusqlite::params![format!("{column}: {hostile}"), project.id.0],
        )
        .unwrap();
    }
    conn.execute(
        "UPDATE kpi SET name = ?1 WHERE project_id = ?2",
        rusqlite::params![format!("kpi {hostile}"), project.id.0],
    )
    .unwrap();
    drop(conn);
    let ws = Workspace::open(&path).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let files = export::write_plan(
        &ws.document(plan).unwrap(),
        ws.reference(),
        Format::ALL,
        &Default::default(),
        None,
        &out,
        |_| {},
    )
    .unwrap();
    for file in &files {
        let name = file.to_string_lossy().to_string();
        let bytes = std::fs::read(file).unwrap();
        if name.ends_with(".ascf") || name.ends_with(".geojson") {
            serde_json::from_slice::<serde_json::Value>(&bytes)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        } else if name.ends_with(".xml") {
            let text = String::from_utf8(bytes).unwrap();
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(text.contains("title: "), "the rest of the text is kept");
            let check = xmllint_against_iati(file);
            assert!(
                check.status.success(),
                "{}",
                String::from_utf8_lossy(&check.stderr)
            );
        } else if name.ends_with(".xlsx") {
            use calamine::Reader;
            let mut book: calamine::Xlsx<_> =
                calamine::open_workbook(file).unwrap_or_else(|e| panic!("{name}: {e}"));
            for sheet in book.sheet_names() {
                book.worksheet_range(&sheet)
                    .unwrap_or_else(|e| panic!("{name} {sheet}: {e}"));
            }
            // Every part of the package is well-formed XML.
            let mut zip =
                zip::ZipArchive::new(std::io::Cursor::new(std::fs::read(file).unwrap())).unwrap();
            for i in 0..zip.len() {
                let mut part = zip.by_index(i).unwrap();
                let part_name = part.name().unwrap().to_string();
                let mut xml = String::new();
                std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
                if part_name.ends_with(".xml") || part_name.ends_with(".rels") {
                    roxmltree::Document::parse(&xml)
                        .unwrap_or_else(|e| panic!("{name} {part_name}: {e}"));
                }
            }
        } else if name.ends_with(".pdf") {
            assert!(bytes.starts_with(b"%PDF-"), "{name}");
            let text = Command::new("pdftotext")
                .arg(file)
                .arg("-")
                .output()
                .unwrap();
            assert!(text.status.success(), "{name} reads back");
        }
    }
    assert_eq!(files.len(), Format::ALL.len());
}

/// All five formats are written from one read of the plan, and the views that follow read it
/// from memory until something is written, here or by another program.
#[test]
fn all_five_formats_come_from_one_read_of_the_plan_and_a_write_is_seen_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.ascn");
    let mut ws = Workspace::open(&path).unwrap();
    let city = ws.city_by_name("Cebu City").unwrap().id;
    let plan = demo::fill(&mut ws, city, 12, 5).unwrap().id;
    let before = ws.document_loads();
    let doc = ws.document(plan).unwrap();
    export::write_plan(
        &doc,
        ws.reference(),
        Format::ALL,
        &Default::default(),
        None,
        dir.path(),
        |_| {},
    )
    .unwrap();
    let again = ws.document(plan).unwrap();
    ascn_model::readiness::of_plan(&again);
    assert_eq!(
        ws.document_loads() - before,
        1,
        "one read for every format and view"
    );
    assert!(std::sync::Arc::ptr_eq(&doc, &again));

    // Another program writes: the next read sees it.
    let mut other = Workspace::open(&path).unwrap();
    let first = doc.projects[0].clone();
    let mut changed = first.draft.clone();
    changed.title = "Renamed by the CLI".into();
    other.save_project(plan, Some(first.id), &changed).unwrap();
    let fresh = ws.document(plan).unwrap();
    assert_eq!(
        fresh
            .projects
            .iter()
            .find(|p| p.id == first.id)
            .unwrap()
            .draft
            .title,
        "Renamed by the CLI"
    );
    // And a write through this connection.
    ws.delete_project(first.id).unwrap();
    assert_eq!(ws.document(plan).unwrap().projects.len(), 11);
    assert_eq!(ws.document_loads() - before, 3);
}

/// A project known by its title and focus area only (years, sectors and budget unknown while
/// drafting) is saved, listed, flagged by the readiness check, and goes through every export:
/// the IATI file stays schema-valid.
#[test]
fn a_project_known_only_by_title_and_focus_area_goes_through_every_export() {
    use ascn_model::readiness;
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path().join("ws.ascn")).unwrap();
    let dili = ws.add_city(&common::dili(Some(2026))).unwrap();
    let plan = ws.open_plan(dili.id).unwrap().id;
    let bare = common::bare("Ponte de pedestres no Lecidere", "QE");
    let saved = ws.save_project(plan, None, &bare).unwrap();
    assert_eq!(saved.draft.code, "QE-01");
    assert_eq!(saved.draft.years_label(), "years not set");

    let doc = ws.document(plan).unwrap();
    let findings = readiness::of_plan(&doc);
    for (field, rule) in [
        ("start_year", readiness::ReadinessRule::ProjectWithoutYears),
        ("sectors", readiness::ReadinessRule::ProjectWithoutSector),
    ] {
        assert!(
            findings.iter().any(|f| f.rule == rule
                && f.severity == readiness::Severity::Error
                && f.field.as_deref() == Some(field)),
            "{field} is listed to fix before submitting: {findings:?}"
        );
    }
    let map = ascn_model::analysis::sector_map_of_plan(&doc, ws.reference(), &Default::default());
    let bar = map
        .rows
        .iter()
        .flat_map(|r| &r.bars)
        .find(|b| b.code == "QE-01")
        .unwrap();
    assert_eq!((bar.start_year, bar.end_year), (None, None));

    let files = export::write_plan(
        &doc,
        ws.reference(),
        Format::ALL,
        &Default::default(),
        None,
        dir.path(),
        |_| {},
    )
    .unwrap();
    assert_eq!(files.len(), Format::ALL.len());
    let iati = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "xml"))
        .unwrap();
    let out = xmllint_against_iati(iati);
    assert!(
        out.status.success(),
        "xmllint: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xml = std::fs::read_to_string(iati).unwrap();
    assert!(
        xml.contains("Years not set yet: the start of the plan period"),
        "the stand-in start date says what it is"
    );
    // The plan file keeps the years unknown, and reads back.
    let json = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "ascf"))
        .unwrap();
    let text = std::fs::read_to_string(json).unwrap();
    let file = ascn_model::plan_file::read::parse(&text).unwrap();
    let project = &file
        .focus_areas
        .iter()
        .find(|a| a.code == "QE")
        .unwrap()
        .projects[0];
    assert_eq!((project.start_year, project.end_year), (None, None));
    ascn_model::plan_file::read::check(&file, ws.reference()).unwrap();

    // Its budget is not known yet, and the report says so rather than print 0.
    let pdf = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "pdf"))
        .unwrap();
    let text = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("years not set · Proposed · no lead agency · budget not known"),
        "{text}"
    );
    assert!(!text.contains("USD 0"), "{text}");
}
