//! Projects from the CSV and XLSX templates: they import, and any wrong cell names its row and
//! column and imports nothing.

mod common;
use common::FIRST_PERIOD;

use ascn_formats::import::numbers::NumberStyle;
use ascn_formats::import::table;
use ascn_model::{FundingSource, ProjectFilter, ProjectStatus};
use ascn_store::Workspace;

fn workspace() -> (tempfile::TempDir, Workspace, ascn_model::PlanId) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path().join("ws.ascn")).unwrap();
    let plan = ws
        .open_plan_in(ws.city_by_name("Makassar").unwrap().id, FIRST_PERIOD)
        .unwrap()
        .id;
    (dir, ws, plan)
}

fn import(
    ws: &mut Workspace,
    plan: ascn_model::PlanId,
    rows: &[Vec<String>],
) -> Result<usize, Vec<(String, String)>> {
    let existing: Vec<String> = ws
        .projects(plan, &ProjectFilter::default())
        .unwrap()
        .into_iter()
        .map(|r| r.code)
        .collect();
    match table::projects(rows, ws.reference(), (2018, 2025), &existing, None) {
        Ok(checked) => Ok(ws.add_projects(plan, &checked.drafts).unwrap().len()),
        Err(errors) => Err(errors.into_iter().map(|e| (e.field, e.message)).collect()),
    }
}

#[test]
fn the_csv_template_imports_with_names_and_codes_understood() {
    let (_dir, mut ws, plan) = workspace();
    let rows = table::csv_rows(&table::template_csv(&[])).unwrap();
    assert_eq!(import(&mut ws, plan, &rows), Ok(2));
    let projects = ws.plan_projects(plan).unwrap();
    let traffic = &projects[0].draft;
    assert_eq!(traffic.code, "BI-01");
    assert_eq!(traffic.sectors, vec!["transport", "ict"]);
    assert_eq!(traffic.outcomes, vec!["QL", "SE"]);
    assert_eq!(traffic.status, ProjectStatus::InProgress);
    assert!(traffic.bankable);
    assert_eq!(traffic.funding[0].amount, 4_500_000.0);
    assert_eq!(traffic.funding[0].source, FundingSource::CityBudget);
    assert_eq!(traffic.kpis[0].targets[0].value, 24.0);
    let portal = &projects[1].draft;
    assert_eq!(portal.code, "II-01", "an empty code is generated");
    assert_eq!(
        portal.primary_focus_area, "II",
        "a focus area may be given by name"
    );
    assert_eq!(
        portal.sectors,
        vec!["data"],
        "a sector may be given by name"
    );
}

#[test]
fn the_xlsx_template_imports_the_same_projects() {
    let (_dir, mut ws, plan) = workspace();
    let rows = table::xlsx_rows(&table::template_xlsx(&[]).unwrap()).unwrap();
    assert_eq!(
        rows[1][8], "2019",
        "years read from number cells stay whole"
    );
    assert_eq!(import(&mut ws, plan, &rows), Ok(2));
    assert_eq!(ws.plan_projects(plan).unwrap()[0].draft.sdgs, vec![11, 9]);
}

#[test]
fn errors_name_the_row_and_the_column_as_headed_and_nothing_is_imported() {
    let (_dir, mut ws, plan) = workspace();
    let mut csv = String::from("title;focus area;start year;end year;budget\n");
    for i in 0..12 {
        csv.push_str(&format!("Project {i};BI;2019;2021;100\n"));
    }
    csv.push_str("Bridge;BI;2019;2031;100\n");
    let rows = table::csv_rows(&csv).unwrap();
    assert_eq!(
        import(&mut ws, plan, &rows),
        Err(vec![(
            "row 14, 'end year'".to_string(),
            "2031 is after the plan period 2018–2025".to_string()
        )]),
        "semicolon CSV, the file's own heading, the 14th line"
    );
    assert!(
        ws.plan_projects(plan).unwrap().is_empty(),
        "nothing was imported"
    );
}

#[test]
fn wrong_cells_of_every_kind_are_reported_together() {
    let (_dir, mut ws, plan) = workspace();
    let rows = table::csv_rows(
        "Code,Title,Focus area,Start year,End year,Status,Bankable,Budget,SDGs\n\
         X-1,Road,BI,twenty,2021,,,,\n\
         X-1,Park,Parks,2020,2021,finished,maybe,-3,18\n",
    )
    .unwrap();
    let errors = import(&mut ws, plan, &rows).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "row 2, 'Start year'",
            "row 3, 'Status'",
            "row 3, 'Bankable'",
            "row 3, 'Code'",
            "row 3, 'Focus area'",
            "row 3, 'SDGs'",
            "row 3, 'Budget'",
        ],
        "{errors:?}"
    );
}

#[test]
fn files_that_are_not_tables_are_refused_clearly() {
    let missing = table::projects(
        &table::csv_rows("Name,Year\nA,2020\n").unwrap(),
        &reference(),
        (2018, 2025),
        &[],
        None,
    );
    let messages: Vec<String> = missing
        .unwrap_err()
        .into_iter()
        .map(|e| e.message)
        .collect();
    assert!(
        messages.contains(&"the column 'Title' is missing".to_string()),
        "{messages:?}"
    );
    let not_xlsx = table::xlsx_rows(b"PK\x03\x04 not really a zip").unwrap_err();
    assert!(not_xlsx[0]
        .message
        .starts_with("is not a readable .xlsx workbook"));
    let many = format!(
        "Title,Focus area,Start year,End year\n{}",
        "A,BI,2019,2020\n".repeat(table::MAX_ROWS + 1)
    );
    assert!(table::csv_rows(&many).unwrap_err()[0]
        .message
        .contains("more than 5000"));

    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.csv");
    std::fs::write(&latin1, b"Title,Focus area\nCaf\xe9,BI\n").unwrap();
    let err = ascn_formats::import::read_text(&latin1, table::MAX_BYTES).unwrap_err();
    assert!(
        matches!(err, ascn_model::Error::NotText { offset: 20, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("save it as UTF-8"));
}

fn reference() -> ascn_model::framework::Reference {
    ascn_model::framework::shipped().unwrap().0
}

#[test]
fn a_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_opened() {
    use std::io::Write;
    // A "zip bomb": a few hundred kilobytes that declare far more than any spreadsheet needs.
    let mut bomb = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    bomb.start_file("xl/worksheets/sheet1.xml", options)
        .unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..(table::MAX_UNPACKED_BYTES >> 20) + 1 {
        bomb.write_all(&zeros).unwrap();
    }
    let bytes = bomb.finish().unwrap().into_inner();
    assert!(
        bytes.len() < 1 << 20,
        "the bomb is small: {} bytes",
        bytes.len()
    );
    let errors = table::xlsx_rows(&bytes).unwrap_err();
    assert!(
        errors[0].message.contains("unpacks to more than 100 MB"),
        "{}",
        errors[0].message
    );
}

/// A bomb whose table of contents lies: it declares 1 KB for an entry that inflates past the
/// limit. Only counting the bytes really inflated catches it.
fn lying_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut bomb = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    bomb.start_file("xl/worksheets/sheet1.xml", options)
        .unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..(table::MAX_UNPACKED_BYTES >> 20) + 2 {
        bomb.write_all(&zeros).unwrap();
    }
    let mut bytes = bomb.finish().unwrap().into_inner();
    // The uncompressed size: offset 22 of the local header, 24 of the central directory's.
    let patch = |bytes: &mut Vec<u8>, signature: &[u8], offset: usize| {
        let at = bytes
            .windows(4)
            .position(|w| w == signature)
            .expect("the header is there");
        bytes[at + offset..at + offset + 4].copy_from_slice(&1024u32.to_le_bytes());
    };
    patch(&mut bytes, b"PK\x03\x04", 22);
    patch(&mut bytes, b"PK\x01\x02", 24);
    bytes
}

#[test]
fn a_workbook_whose_entry_lies_about_its_size_is_refused() {
    let bytes = lying_bomb();
    let archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    assert_eq!(archive.decompressed_size(), Some(1024), "it declares 1 KB");
    let errors = table::xlsx_rows(&bytes).unwrap_err();
    assert_eq!(errors[0].field, "file");
    assert!(
        errors[0].message.contains("unpacks to more than 100 MB")
            || errors[0].message.contains("damaged workbook"),
        "{}",
        errors[0].message
    );
}

/// Found by the table_xlsx fuzz target: a cell reference that overflows inside calamine.
#[test]
fn a_damaged_workbook_is_a_clear_error_not_a_crash() {
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/damaged-cell-reference.xlsx"),
    )
    .unwrap();
    let errors = table::xlsx_rows(&bytes).unwrap_err();
    assert_eq!(errors[0].field, "file");
    assert!(
        errors[0].message.contains("cannot be read"),
        "{:?}",
        errors[0].message
    );
}

fn budgets(csv: &str, style: Option<NumberStyle>) -> Result<Vec<f64>, Vec<String>> {
    let rows = table::csv_rows(csv).unwrap();
    table::projects(&rows, &reference(), (2018, 2025), &[], style)
        .map(|c| c.drafts.iter().map(|d| d.funding[0].amount).collect())
        .map_err(|e| {
            e.into_iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect()
        })
}

/// What Excel writes in Indonesian or Vietnamese: `;` between fields, a decimal comma.
#[test]
fn a_decimal_comma_is_read_as_one_not_multiplied_by_a_hundred() {
    let csv = "Title;Focus area;Start year;End year;Budget\n\
               Trạm xe buýt thông minh;BI;2019;2021;4500000,50\n\
               Lampu jalan pintar;BI;2019;2021;1.250.000\n";
    assert_eq!(budgets(csv, None), Ok(vec![4_500_000.5, 1_250_000.0]));
    let english = "Title,Focus area,Start year,End year,Budget\n\
                   Bus stops,BI,2019,2021,\"4,500,000.50\"\n";
    assert_eq!(budgets(english, None), Ok(vec![4_500_000.5]));
}

#[test]
fn an_ambiguous_number_is_refused_by_name_unless_the_style_is_chosen() {
    let csv = "Title;Focus area;Start year;End year;Budget\nBus stops;BI;2019;2021;1.250\n";
    let errors = budgets(csv, None).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("row 2, 'Budget': '1.250' could be 1250 or 1.25"),
        "{errors:?}"
    );
    assert_eq!(
        budgets(csv, Some(NumberStyle::DecimalComma)),
        Ok(vec![1250.0])
    );
    assert_eq!(
        budgets(csv, Some(NumberStyle::DecimalPoint)),
        Ok(vec![1.25])
    );
    // Another row that shows the style settles it.
    let settled = format!("{csv}Lights;BI;2019;2021;99,5\n");
    assert_eq!(budgets(&settled, None), Ok(vec![1250.0, 99.5]));
    // A chosen style refuses a value written the other way, by name.
    let other = budgets(
        "Title,Focus area,Start year,End year,Budget\nA,BI,2019,2021,\"4500000,50\"\n",
        Some(NumberStyle::DecimalPoint),
    )
    .unwrap_err();
    assert!(
        other[0].contains("'4500000,50' is not a number written with a decimal point"),
        "{other:?}"
    );
}

#[test]
fn a_file_mixing_number_styles_is_refused_naming_both() {
    let csv = "Title;Focus area;Start year;End year;Budget;Baseline;Target\n\
               A;BI;2019;2021;4500000,50;;\n\
               B;BI;2019;2021;18.5;;\n";
    let errors = budgets(csv, None).unwrap_err();
    assert!(
        errors[0].contains("row 2, 'Budget': '4500000,50'")
            && errors[0].contains("row 3, 'Budget': '18.5'"),
        "{errors:?}"
    );
}

#[test]
fn columns_the_template_does_not_have_are_listed_not_dropped_silently() {
    let rows = table::csv_rows(
        "Title,Focus area,Start year,End year,Ward,Notes for the mayor\nA,BI,2019,2021,3,call\n",
    )
    .unwrap();
    let checked = table::projects(&rows, &reference(), (2018, 2025), &[], None).unwrap();
    assert_eq!(checked.ignored_columns, vec!["Ward", "Notes for the mayor"]);
    assert_eq!(checked.rows, vec![2]);
}

#[test]
fn a_row_with_only_a_title_and_a_focus_area_imports_and_a_bad_year_is_still_named() {
    let (_dir, mut ws, plan) = workspace();
    let rows = table::csv_rows(
        "Title,Focus area,Start year,End year,Budget\n\
         Flood sensors,SS,,,\n\
         Cycle lanes,BI,2021,,250000\n",
    )
    .unwrap();
    assert_eq!(import(&mut ws, plan, &rows), Ok(2));
    let projects = ws.plan_projects(plan).unwrap();
    let lanes = &projects[0].draft;
    assert_eq!((lanes.start_year, lanes.end_year), (Some(2021), None));
    assert_eq!(
        (lanes.funding[0].start_year, lanes.funding[0].end_year),
        (2021, 2025),
        "a cost with its end year unknown runs to the end of the plan period"
    );
    let sensors = &projects[1].draft;
    assert_eq!((sensors.start_year, sensors.end_year), (None, None));
    assert!(sensors.sectors.is_empty() && sensors.funding.is_empty());

    let rows = table::csv_rows("Title,Focus area,Start year\nBridge,BI,soon\n").unwrap();
    let errors = import(&mut ws, plan, &rows).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|(field, message)| field.contains("row 2")
                && message.contains("'soon' is not a year")),
        "{errors:?}"
    );
    let rows = table::csv_rows("Title,Start year\nBridge,2020\n").unwrap();
    let errors = import(&mut ws, plan, &rows).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|(_, m)| m.contains("'Focus area' is missing")),
        "{errors:?}"
    );
}
