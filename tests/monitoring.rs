//! The Secretariat's monitoring table into the workspace and its yearly M&E report out, with a
//! table of our own making (tests/fixtures/monitoring): 63 projects of 27 cities in 2024, the
//! ongoing-and-planned list and the completed list, names spelled as tables vary them; in 2025
//! one sheet with a status column, five status changes and three new projects.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ascn_formats::import::monitoring::read_table;
use ascn_model::monitoring::{MeReport, MeStatus, LIST_COLUMNS};
use ascn_store::Workspace;

mod common;
use common::FIRST_PERIOD;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/monitoring")
        .join(name)
}

fn csv_rows(name: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(fixture(name))
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// The 2024 table as the Secretariat sends it: a workbook with the two lists on two sheets,
/// each under its title.
fn workbook_2024(dir: &Path) -> PathBuf {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (sheet, file) in [
        ("Ongoing and planning", "me-2024-ongoing.csv"),
        ("Completed", "me-2024-completed.csv"),
    ] {
        let ws = book.add_worksheet().set_name(sheet).unwrap();
        for (r, row) in csv_rows(file).iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell.parse::<f64>() {
                    Ok(n) => ws.write_number(r as u32, c as u16, n).unwrap(),
                    Err(_) => ws.write_string(r as u32, c as u16, cell).unwrap(),
                };
            }
        }
    }
    let path = dir.join("ascn-me-2024.xlsx");
    book.save(&path).unwrap();
    path
}

/// A project of the fixture: (city as the workspace names it, title, focus area code, status).
type Listed = (String, String, String, MeStatus);

/// The fixture's names, as the workspace has them: written out here, not by the app's matcher.
fn workspace_city(name: &str) -> String {
    match name {
        "Jakarta" | "DKI Jakarta" => "DKI Jakarta",
        "Cebu" => "Cebu City",
        "Naypyidaw" => "Nay Pyi Taw",
        "Hanoi" => "Ha Noi",
        "Chon Buri" => "Chonburi",
        other => other,
    }
    .to_string()
}

fn area_code(name: &str) -> String {
    match name {
        "Civic & Social" | "civic and social" => "CS",
        "Health & Well-being" | "Health and Wellbeing" => "HW",
        "Safety & Security" => "SS",
        "Quality Environment" => "QE",
        "Built Infrastructure" | "BI" => "BI",
        "Industry & Innovation" => "II",
        other => panic!("the fixture has an unexpected focus area {other}"),
    }
    .to_string()
}

/// The projects of fixture files, read plainly: rows after the header `No.,…`; a file
/// without a Status column is the completed list.
fn listed(files: &[&str]) -> Vec<Listed> {
    let mut out = Vec::new();
    for file in files {
        let rows = csv_rows(file);
        let header = rows.iter().position(|r| r[0] == "No.").unwrap();
        let with_status = rows[header].len() == 6;
        for row in &rows[header + 1..] {
            let status = match (with_status, row.get(5).map(String::as_str)) {
                (false, _) => MeStatus::Completed,
                (true, Some("Ongoing")) => MeStatus::Ongoing,
                (true, Some("Completed")) => MeStatus::Completed,
                (true, Some("Under planning")) => MeStatus::UnderPlanning,
                other => panic!("unexpected status {other:?}"),
            };
            out.push((
                workspace_city(&row[2]),
                row[3].clone(),
                area_code(&row[4]),
                status,
            ));
        }
    }
    out
}

fn counts<K: Ord>(projects: &[Listed], key: impl Fn(&Listed) -> K) -> BTreeMap<K, u32> {
    let mut map = BTreeMap::new();
    for p in projects {
        *map.entry(key(p)).or_default() += 1;
    }
    map
}

fn assert_report_counts(report: &MeReport, expected: &[Listed]) {
    let f = &report.figures;
    assert_eq!(f.projects as usize, expected.len());
    for status in MeStatus::ALL {
        assert_eq!(
            f.count(status),
            expected.iter().filter(|p| p.3 == status).count() as u32,
            "{status:?}"
        );
    }
    let by_area = counts(expected, |p| p.2.clone());
    for share in &f.by_focus_area {
        assert_eq!(
            share.projects,
            by_area.get(&share.code).copied().unwrap_or(0),
            "{}",
            share.name
        );
    }
    // Per city, from the two appendix lists.
    let mut reported: BTreeMap<String, u32> = BTreeMap::new();
    for line in report.ongoing_and_planned.iter().chain(&report.completed) {
        *reported.entry(line.city.clone()).or_default() += 1;
    }
    assert_eq!(reported, counts(expected, |p| p.0.clone()));
    assert_eq!(
        report.completed.len(),
        expected
            .iter()
            .filter(|p| p.3 == MeStatus::Completed)
            .count()
    );
}

fn open(dir: &Path) -> Workspace {
    Workspace::open(dir.join("ws.ascn")).unwrap()
}

/// Imports the table at `path` into the plans of the first period.
fn import(ws: &mut Workspace, path: &Path) -> ascn_store::MeImport {
    let table = read_table(path, ws.reference(), &ws.cities().unwrap()).unwrap();
    ws.import_me_table(&table, Some(FIRST_PERIOD), true)
        .unwrap()
}

#[test]
fn the_secretariats_table_imports_and_its_report_counts_what_the_table_lists() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = open(dir.path());
    let cities_before = ws.cities().unwrap().len();
    let table = read_table(
        &workbook_2024(dir.path()),
        ws.reference(),
        &ws.cities().unwrap(),
    )
    .unwrap();
    let preview = ws
        .import_me_table(&table, Some(FIRST_PERIOD), false)
        .unwrap();
    assert_eq!((preview.added, preview.applied), (63, false));
    assert_eq!(
        ws.cities().unwrap().len(),
        cities_before,
        "a preview writes nothing"
    );
    let done = ws
        .import_me_table(&table, Some(FIRST_PERIOD), true)
        .unwrap();
    assert_eq!((done.added, done.changed, done.unchanged), (63, 0, 0));
    assert_eq!(done.cities.len(), 27);
    let new: Vec<&str> = done
        .cities
        .iter()
        .filter(|c| c.new_city)
        .map(|c| c.city.as_str())
        .collect();
    assert_eq!(new, ["Sihanoukville"], "the one city the workspace lacked");
    let sihanoukville = ws.city_by_name("Sihanoukville").unwrap();
    assert_eq!(sihanoukville.member_state, "KHM");

    let expected_2024 = listed(&["me-2024-ongoing.csv", "me-2024-completed.csv"]);
    let report = ws.me_report(2024, None).unwrap();
    assert_eq!(report.figures.period, FIRST_PERIOD);
    assert_report_counts(&report, &expected_2024);
    assert_eq!(report.trend.len(), 1, "no earlier year is known yet");
    // The lists: published columns, numbered from 1, by country then city.
    let keys: Vec<(String, String)> = report
        .ongoing_and_planned
        .iter()
        .map(|l| (l.country.clone(), l.city.clone()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(report
        .completed
        .iter()
        .enumerate()
        .all(|(i, l)| l.no == i as u32 + 1));
    assert_eq!(report.ongoing_and_planned[0].country, "Brunei");
    assert!(report
        .ongoing_and_planned
        .iter()
        .chain(&report.completed)
        .any(|l| l.focus_area == "Health & Well-being"));
    // The three Thai cities that joined in 2023 are members with nothing reported.
    let silent: Vec<&str> = report
        .not_reporting
        .iter()
        .map(|c| c.city.as_str())
        .collect();
    assert_eq!(silent, ["Chiang Mai", "Khon Kaen", "Rayong"]);

    // The same table again changes nothing.
    let bangkok = ws.city_by_name("Bangkok").unwrap().id;
    let plan = ws.plan_in_period(bangkok, FIRST_PERIOD).unwrap().unwrap();
    let projects_before = ws.plan_projects(plan.id).unwrap();
    let history_before = ws.history(plan.id).unwrap();
    assert_eq!(
        history_before.undo.as_deref(),
        Some("Add 2 projects from the monitoring table")
    );
    let again = ws
        .import_me_table(&table, Some(FIRST_PERIOD), true)
        .unwrap();
    assert_eq!((again.added, again.changed, again.unchanged), (0, 0, 63));
    assert_eq!(ws.me_report(2024, None).unwrap(), report);
    assert_eq!(ws.plan_projects(plan.id).unwrap(), projects_before);
    assert_eq!(ws.history(plan.id).unwrap(), history_before);
    ws.keep_me_figures(&report.figures).unwrap();

    // 2025: one sheet with a status column and names spelled otherwise (Ha Noi, Chonburi,
    // DKI Jakarta, Viet Nam); five projects changed status, three are new.
    let table = read_table(
        &fixture("me-2025.csv"),
        ws.reference(),
        &ws.cities().unwrap(),
    )
    .unwrap();
    let done = ws
        .import_me_table(&table, Some(FIRST_PERIOD), true)
        .unwrap();
    assert_eq!((done.added, done.changed, done.unchanged), (3, 5, 58));
    assert_eq!(done.changes.len(), 5);
    assert!(
        done.changes
            .iter()
            .any(|c| c.message.contains("Kuching") && c.message.ends_with("ongoing → completed")),
        "{:?}",
        done.changes
    );
    assert!(done.cities.iter().all(|c| !c.new_city));
    let report = ws.me_report(2025, None).unwrap();
    assert_report_counts(&report, &listed(&["me-2025.csv"]));
    let years: Vec<(i32, u32, u32, u32)> = report
        .trend
        .iter()
        .map(|f| (f.year, f.projects, f.completed, f.under_planning))
        .collect();
    assert_eq!(years, [(2024, 63, 11, 5), (2025, 66, 14, 4)]);
}

#[test]
fn bad_rows_are_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = open(dir.path());
    let cities_before = ws.cities().unwrap();
    let path = dir.path().join("bad.csv");
    std::fs::write(
        &path,
        "No.,Country,City,Project,Focus Area,Status\n\
         1,Viet Nam,Ha Noi,Smart parking,Built Infrastructure,Ongoing\n\
         2,,Atlantis,Harbour sensors,Quality Environment,Ongoing\n\
         3,Thailand,Bangkok,Canal ferries,Tourism,Ongoing\n\
         4,Vietnam,Hanoi,Smart  parking,BI,Completed\n\
         5,Thailand,Phuket,Beach Wi-Fi,Built Infrastructure,Abandoned\n",
    )
    .unwrap();
    let err = read_table(&path, ws.reference(), &cities_before).unwrap_err();
    let ascn_model::Error::Validation(errors) = err else {
        panic!("expected row errors, got {err}");
    };
    let said: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect();
    let has = |needle: &str| said.iter().any(|s| s.contains(needle));
    assert!(
        has("row 3, 'City': 'Atlantis' is not a city of the workspace; give its member state"),
        "{said:?}"
    );
    assert!(
        has("row 4, 'Focus Area': 'Tourism' is not a focus area"),
        "{said:?}"
    );
    assert!(
        has("row 5: repeats row 2 (Ha Noi: 'Smart  parking')"),
        "{said:?}"
    );
    assert!(
        has("row 6, 'Status': 'Abandoned' is not a status"),
        "{said:?}"
    );
    assert_eq!(said.len(), 4, "{said:?}");
    assert_eq!(ws.cities().unwrap(), cities_before, "nothing was written");
    let hanoi = ws.city_by_name("Ha Noi").unwrap().id;
    assert!(ws.plan_in_period(hanoi, FIRST_PERIOD).unwrap().is_none());

    // A table naming a new project for a closed plan is refused at that row, and its other
    // rows (a status change) are not written either.
    import(&mut ws, &workbook_2024(dir.path()));
    let hanoi_plan = ws.plan_in_period(hanoi, FIRST_PERIOD).unwrap().unwrap();
    ws.close_plan(hanoi_plan.id).unwrap();
    let before = ws.me_report(2025, None).unwrap();
    let late = dir.path().join("late.csv");
    std::fs::write(
        &late,
        "No.,Country,City,Project,Focus Area,Status\n\
         1,Thailand,Phuket,Phuket Bus rapid transit,Built Infrastructure,Completed\n\
         2,Viet Nam,Ha Noi,Metro ticketing,Built Infrastructure,Ongoing\n",
    )
    .unwrap();
    let table = read_table(&late, ws.reference(), &ws.cities().unwrap()).unwrap();
    let err = ws
        .import_me_table(&table, Some(FIRST_PERIOD), true)
        .unwrap_err();
    assert!(
        err.to_string().contains("row 3")
            && err
                .to_string()
                .contains("'Metro ticketing' is not in Ha Noi's 2018–2025 plan, which is closed"),
        "{err}"
    );
    assert_eq!(
        ws.me_report(2025, None).unwrap(),
        before,
        "nothing was written"
    );
}

#[test]
fn the_report_files_read_like_the_published_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = open(dir.path());
    import(&mut ws, &workbook_2024(dir.path()));
    let report = ws.me_report(2024, None).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let files = ascn_formats::export::monitoring::write(&report, &out).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "ascn-monitoring-report-2024.pdf",
            "ascn-monitoring-report-2024.xlsx",
            "ascn-monitoring-report-2024.json"
        ]
    );
    assert!(std::fs::read(&files[0]).unwrap().starts_with(b"%PDF"));

    use calamine::{open_workbook, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&files[1]).unwrap();
    for (sheet, lines) in [
        ("Ongoing and under planning", &report.ongoing_and_planned),
        ("Completed", &report.completed),
    ] {
        let range = book.worksheet_range(sheet).unwrap();
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        assert_eq!(rows[0], LIST_COLUMNS, "{sheet}: the published header row");
        assert_eq!(rows.len(), lines.len() + 1, "{sheet}");
        assert_eq!(rows[1][0], "1");
        assert_eq!(rows[1][3], lines[0].project);
    }
    let json: MeReport = serde_json::from_slice(&std::fs::read(&files[2]).unwrap()).unwrap();
    assert_eq!(json, report);
}
