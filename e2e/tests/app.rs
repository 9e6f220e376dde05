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

    // Day one: pick Da Nang (a city without a plan starts in the period of today, 2026–2035),
    // add a project with focus area, sector and years.
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
        app.replace_text(&app.find("[data-testid=start-year]"), "2027");
        app.replace_text(&app.find("[data-testid=end-year]"), "2030");
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
            "2027",
            "2030",
        ] {
            assert!(
                text.contains(expected),
                "the row shows {expected}: {text:?}"
            );
        }

        // An end year after the plan period is refused, with the rule on screen.
        app.click(&app.find_with_text("[data-testid=project-row] td.title", "Smart parking"));
        app.find("[data-testid=project-editor]");
        // A digit too many: 2030 becomes 20301 (clearing the field first would save "not set
        // yet", a valid state while drafting).
        app.type_into(&app.find("[data-testid=end-year]"), "1");
        let error = app.find_with_text("[data-error-for=end_year]", "20301");
        assert_eq!(
            app.text(&error),
            "20301 is after the plan period 2026–2035",
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
        2030,
        "the workspace still holds the last valid end year"
    );

    // Day three: the table still says 2030.
    let app = App::launch(&workspace);
    app.click(&app.find("[data-testid=nav-projects]"));
    let row = app.find_with_text("[data-testid=project-row]", "Smart parking guidance");
    assert!(app.text(&row).contains("2030"));
    assert!(
        !app.text(&row).contains("20301"),
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
            "2027",
            "--end",
            "2028",
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

#[test]
fn the_sector_map_charts_and_map_show_the_demo_plan_and_a_site_can_be_placed() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("views.ascn");
    cli(
        &workspace,
        &["demo", "--city", "Da Nang", "--projects", "24"],
    );
    cli(
        &workspace,
        &[
            "project",
            "add",
            "--city",
            "Da Nang",
            "--title",
            "Riverside promenade lighting",
            "--focus-area",
            "QE",
            "--sector",
            "green",
            "--start",
            "2021",
            "--end",
            "2022",
        ],
    );
    let added = 25;
    let app = App::launch(&workspace);
    app.click(&app.find("[data-city=\"Da Nang\"]"));

    // Sector map: the demo's first transport project is a bar in its focus area's row.
    app.click(&app.find("[data-testid=nav-sector-map]"));
    let bar = app.find_with_text("[data-area=BI] [data-testid=timeline-bar]", "BI-01");
    let bar_text = app.text(&bar);
    let table = app.find("[data-testid=sector-table]");
    assert!(
        app.text(&table).contains("Transport & mobility"),
        "{}",
        app.describe(&table)
    );
    app.click(&bar);
    let heading = app.find_with_text("[data-testid=editor-title]", "BI-01");
    assert!(
        bar_text.contains(&app.text(&heading)[6..]),
        "the bar opens its project: bar {bar_text:?}, editor {:?}",
        app.text(&heading)
    );

    // Charts: the core's SVGs are drawn in the page, their text in the page's fonts.
    app.click(&app.find("[data-testid=nav-charts]"));
    app.find("[data-testid=chart-budget_by_focus_area]");
    app.wait_for("the budget chart to be drawn", || {
        let drawn = app.script(
            "const chart = document.querySelector('[data-testid=chart-budget_by_focus_area]');
             return [chart.getBoundingClientRect().width, chart.querySelector('text')?.getComputedTextLength() ?? 0];",
            serde_json::json!([]),
        );
        let width = drawn[0].as_f64().unwrap_or(0.0);
        let text = drawn[1].as_f64().unwrap_or(0.0);
        (width > 300.0 && text > 0.0).then_some(())
    });

    // Map: clicking a project's shape selects it in the list, and the list selects shapes.
    app.click(&app.find("[data-testid=nav-map]"));
    let feature = app.find("[data-testid=map-feature][data-project=\"3\"]");
    app.click(&feature);
    app.find("[data-testid=map-project][data-project=\"3\"].selected");
    app.click(&app.find("[data-testid=map-project][data-project=\"5\"]"));
    let selected = app.script(
        "return [...document.querySelectorAll('[data-testid=map-feature].selected')]
            .map((f) => f.dataset.project);",
        serde_json::json!([]),
    );
    assert_eq!(
        selected,
        serde_json::json!(["5"]),
        "only project 5's shapes are selected"
    );

    // Placing: the new project has no site; choose it, press Place, click the map.
    let unplaced = app.find(&format!(
        "[data-testid=map-project][data-project=\"{added}\"]"
    ));
    assert!(
        app.text(&unplaced).contains("no place yet"),
        "{}",
        app.describe(&unplaced)
    );
    app.click(&unplaced);
    app.click(&app.find("[data-testid=place-on-map]"));
    let canvas = app.find("[data-testid=map-canvas]");
    let (w, h) = app.size(&canvas);
    app.click_at(&canvas, -(w * 0.4) as i64, -(h * 0.4) as i64);
    app.find_with_text("[data-testid=toast]", "placed at");
    app.find(&format!(
        "[data-testid=map-feature][data-project=\"{added}\"]"
    ));
    let stored = stored_project(&workspace, added);
    let site = &stored["locations"][0]["geometry"];
    assert_eq!(site["type"], "Point", "{stored}");
    let (lon, lat) = (
        site["coordinates"][0].as_f64().unwrap(),
        site["coordinates"][1].as_f64().unwrap(),
    );
    assert!(
        (107.5..108.3).contains(&lon) && (15.9..16.4).contains(&lat),
        "the site is up and to the left of Da Nang, where the map was clicked: {lon}, {lat}"
    );

    // Districts from the city's GIS office: a Shapefile in VN-2000 / UTM 48N, its columns
    // previewed, the naming column guessed, the shapes brought to WGS 84.
    let shapefile =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/gis/danang-vn2000.shp");
    app.click(&app.find("[data-testid=import-districts]"));
    app.type_into(
        &app.find("[data-testid=gis-path]"),
        shapefile.to_str().unwrap(),
    );
    app.click(&app.find("[data-testid=gis-check]"));
    app.find_with_text(
        "[data-testid=gis-source]",
        "Shapefile in EPSG:3405 VN-2000 / UTM zone 48N: 3 features",
    );
    app.find_with_text("[data-testid=gis-rows]", "Ngũ Hành Sơn");
    let column = app.find("[data-testid=gis-name-column]");
    assert_eq!(app.property(&column, "value"), "ten");
    app.screenshot("districts-shapefile-preview");
    app.click(&app.find("[data-testid=gis-import]"));
    app.find_with_text("[data-testid=toast]", "Imported 3 districts");
    app.find_with_text("[data-testid=district-table]", "Sơn Trà");
    app.find_with_text("[data-testid=district-table]", "62.0 km²");
    app.screenshot("districts-shapefile");

    // Project sites from a GeoPackage in VN-2000: the column of project codes is found by its
    // values, the features are taken as sites, and each joins its project.
    let features = |app: &App| {
        app.script(
            "return document.querySelectorAll('[data-testid=map-feature]').length;",
            serde_json::json!([]),
        )
        .as_u64()
        .unwrap_or(0)
    };
    let before_sites = features(&app);
    let sites = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/gis/danang-sites-vn2000.gpkg");
    app.click(&app.find("[data-testid=import-districts]"));
    app.type_into(&app.find("[data-testid=gis-path]"), sites.to_str().unwrap());
    app.click(&app.find("[data-testid=gis-check]"));
    app.find_with_text("[data-testid=gis-rows]", "Cầu Rồng");
    assert_eq!(
        app.property(&app.find("[data-testid=gis-kind]"), "value"),
        "sites"
    );
    assert_eq!(
        app.property(&app.find("[data-testid=gis-code-column]"), "value"),
        "ma_da"
    );
    app.choose("[data-testid=gis-site-name-column]", "ten");
    app.screenshot("sites-preview");
    app.click(&app.find("[data-testid=gis-import]"));
    app.find_with_text("[data-testid=toast]", "Added 3 sites to 2 projects");
    app.wait_for("the new sites on the map", || {
        (features(&app) == before_sites + 3).then_some(())
    });

    // A basemap the city provides (MBTiles), kept with the workspace: its tiles replace the
    // country outlines, its source is printed, and zooming in draws finer tiles.
    // The map screen's basemap card: a file or an address set, and the basemap it describes.
    let set_basemap = |source: &str, described: &str| {
        app.replace_text(&app.find("[data-testid=basemap-path]"), source);
        app.click(&app.find("[data-testid=basemap-set]"));
        app.find_with_text("[data-testid=basemap-info]", described);
    };
    let attribution = |app: &App| {
        app.script(
            "return document.querySelector('[data-testid=map-attribution]')?.textContent ?? '';",
            serde_json::json!([]),
        )
    };
    let tiles =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/gis/danang-tiles.mbtiles");
    set_basemap(tiles.to_str().unwrap(), "Da Nang test tiles (zoom 9–13)");
    app.wait_for("the basemap's source printed on the map", || {
        (attribution(&app) == "Basemap: © ASCN test tiles (generated)").then_some(())
    });
    // Tiles the shell served and the webview drew, and the map's zoom.
    let span = |app: &App| {
        app.script(
            "const images = [...document.querySelectorAll('[data-testid=map-tiles] img')]
                .filter((i) => i.complete && i.naturalWidth > 0);
             return [images.length, Number(document.querySelector('[data-testid=map-canvas]').dataset.zoom ?? 0)];",
            serde_json::json!([]),
        )
    };
    let before = app.wait_for("the basemap's tiles drawn", || {
        let drawn = span(&app);
        (drawn[0].as_u64()? >= 4).then_some(drawn)
    });
    app.click(&app.find("[data-testid=map-zoom-in]"));
    app.click(&app.find("[data-testid=map-zoom-in]"));
    app.wait_for("finer tiles after zooming in", || {
        let after = span(&app);
        let (n, zoom) = (after[0].as_u64()?, after[1].as_f64()?);
        // Two steps in: the map two zoom levels closer, its tiles drawn again.
        (n >= 1 && zoom >= before[1].as_f64()? + 2.0).then_some(())
    });
    app.find("[data-testid=map-feature]");
    app.screenshot("basemap-zoomed");
    // Dragging the map to the left shows what lies east: the city's marker moves left.
    let city_x = |app: &App| {
        app.script(
            "return document.querySelector('path.city-marker')?.getBoundingClientRect().x ?? -1;",
            serde_json::json!([]),
        )
        .as_f64()
        .unwrap_or(-1.0)
    };
    let before_drag = city_x(&app);
    app.drag(&app.find("[data-testid=map-canvas]"), (100, 0), (-100, 0));
    app.wait_for("the map panned east", || {
        let now = city_x(&app);
        (now > 0.0 && now < before_drag - 100.0).then_some(())
    });
    let stored = String::from_utf8(cli(&workspace, &["basemap"])).unwrap();
    assert!(
        stored.starts_with("Da Nang test tiles"),
        "kept with the workspace: {stored}"
    );
    // The report's map is drawn over it too.
    let out = dir.path().join("report");
    cli(
        &workspace,
        &[
            "export",
            "--city",
            "Da Nang",
            "--format",
            "pdf",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let images = Command::new("pdfimages")
        .arg("-list")
        .arg(out.join("da-nang-plan-report.pdf"))
        .output()
        .unwrap();
    let images = String::from_utf8(images.stdout).unwrap();
    assert!(
        images.lines().any(|l| l.contains(" 256   256 ")),
        "the report's map has the basemap's tiles: {images}"
    );

    // An online tile source instead (a server on this computer with the same tiles): the app
    // fetches them itself and prints the source given with the address.
    let served = dir.path().join("served");
    let server_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let unpacked = Command::new("python3")
        .arg("-c")
        .arg(
            "import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for z, x, row, data in db.execute('SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles'):
    folder = os.path.join(sys.argv[2], str(z), str(x))
    os.makedirs(folder, exist_ok=True)
    open(os.path.join(folder, f'{(1 << z) - 1 - row}.png'), 'wb').write(data)
    os.makedirs(os.path.join(sys.argv[2], '0', '0'), exist_ok=True)
    open(os.path.join(sys.argv[2], '0', '0', '0.png'), 'wb').write(data)",
        )
        .arg(&tiles)
        .arg(&served)
        .status()
        .unwrap();
    assert!(unpacked.success());
    let mut server = Command::new("python3")
        .args([
            "-m",
            "http.server",
            &server_port.to_string(),
            "--bind",
            "127.0.0.1",
        ])
        .current_dir(&served)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let address = format!("127.0.0.1:{server_port}");
    while std::net::TcpStream::connect(&address).is_err() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    app.click(&app.find("[data-testid=map-zoom-fit]"));
    set_basemap(
        &format!("http://{address}/{{z}}/{{x}}/{{y}}.png#© ASCN test tiles (served)"),
        &format!("{address} (zoom 0–19)"),
    );
    app.wait_for("the online source's tiles drawn and credited", || {
        (attribution(&app) == "Basemap: © ASCN test tiles (served)" && span(&app)[0].as_u64()? >= 1)
            .then_some(())
    });
    app.screenshot("basemap-online");
    let _ = server.kill();
    let _ = server.wait();

    // A basemap of vector tiles: drawn on the Rust side, each tile an SVG image in the map.
    let vector =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/gis/danang-vector.mbtiles");
    set_basemap(
        vector.to_str().unwrap(),
        "Da Nang vector test tiles (zoom 9–13)",
    );
    app.wait_for("the vector tiles drawn", || {
        let drawn = span(&app);
        (drawn[0].as_u64()? >= 1).then_some(())
    });
    app.screenshot("basemap-vector");
}

#[test]
fn a_plan_file_is_imported_with_a_preview_and_exported_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("officer.ascn");
    cli(
        &source,
        &["demo", "--city", "Cebu City", "--projects", "18"],
    );
    let files = dir.path().join("from-officer");
    cli(
        &source,
        &[
            "export",
            "--city",
            "Cebu City",
            "--format",
            "json",
            "--out",
            files.to_str().unwrap(),
        ],
    );
    let plan_file = files.join("cebu-city-plan.ascf");
    let text = std::fs::read_to_string(&plan_file).unwrap();
    let bad_file = files.join("bad-plan.json");
    let first_end = text.find("\"end_year\": ").unwrap();
    let bad = format!(
        "{}\"end_year\": 2031{}",
        &text[..first_end],
        &text[first_end + 16..]
    );
    std::fs::write(&bad_file, bad).unwrap();

    let workspace = dir.path().join("national.ascn");
    let app = App::launch(&workspace);
    app.find("[data-testid=city-picker]");

    // A file with an error is shown with its problems and cannot be imported.
    app.click(&app.find("[data-testid=open-import]"));
    app.type_into(
        &app.find("[data-testid=import-path]"),
        bad_file.to_str().unwrap(),
    );
    app.click(&app.find("[data-testid=import-check]"));
    app.find_with_text(
        "[data-testid=import-errors]",
        "projects[0].end_year project CS-01",
    );
    app.find_with_text(
        "[data-testid=import-errors]",
        "2031 is after the plan period 2018–2025",
    );
    assert_eq!(
        app.property(&app.find("[data-testid=import-start]"), "disabled"),
        true
    );

    // The good file previews its city and counts, then imports.
    app.replace_text(
        &app.find("[data-testid=import-path]"),
        plan_file.to_str().unwrap(),
    );
    app.click(&app.find("[data-testid=import-check]"));
    app.find_with_text("[data-testid=import-preview]", "Cebu City, Philippines");
    app.find_with_text("[data-testid=import-preview]", "18 projects");
    app.click(&app.find("[data-testid=import-start]"));
    app.find_with_text("[data-testid=current-city]", "Cebu City");
    app.find_with_text("[data-testid=stat-projects]", "18");

    // A spreadsheet adds projects to the open plan; a wrong cell is named by row and column.
    let templates = dir.path().join("templates");
    cli(
        &workspace,
        &["template", "--out", templates.to_str().unwrap()],
    );
    let bad_sheet = templates.join("bad.csv");
    std::fs::write(
        &bad_sheet,
        "Title,Focus area,Start year,End year\nBridge,BI,2019,2031\n",
    )
    .unwrap();
    app.click(&app.find("[data-testid=open-import]"));
    app.type_into(
        &app.find("[data-testid=import-path]"),
        bad_sheet.to_str().unwrap(),
    );
    app.click(&app.find("[data-testid=import-check]"));
    app.find_with_text(
        "[data-testid=import-errors]",
        "row 2, 'End year' 2031 is after the plan period",
    );
    // As Excel writes it in Indonesian or Vietnamese: `;` between fields, a decimal comma; and
    // a column the template does not have.
    let good_sheet = templates.join("good.csv");
    std::fs::write(
        &good_sheet,
        "Title;Focus area;Start year;End year;Sectors;Budget;Ward\n\
         Open data portal;Industry & innovation;2020;2021;data;4500000,50;3\n\
         Flood sensors;SS;2021;2023;resilience;1.250.000;7\n",
    )
    .unwrap();
    app.replace_text(
        &app.find("[data-testid=import-path]"),
        good_sheet.to_str().unwrap(),
    );
    app.click(&app.find("[data-testid=import-check]"));
    app.find_with_text(
        "[data-testid=import-preview]",
        "2 projects will be added to the plan of Cebu City",
    );
    app.find_with_text("[data-testid=import-number-style]", "decimal comma");
    app.find_with_text("[data-testid=import-ignored-columns]", "Ward");
    // Grouped as the window's locale groups them (or not at all): compared without grouping.
    let amounts = app
        .text(&app.find("[data-testid=import-amounts]"))
        .replace([',', '\u{a0}', '\u{202f}'], "");
    assert!(
        amounts.contains("4500000.5 USD") && amounts.contains("1250000 USD"),
        "the amounts as read, before anything is written: {amounts}"
    );
    app.screenshot("import-spreadsheet-preview");
    app.click(&app.find("[data-testid=import-start]"));
    app.find_with_text("[data-testid=project-count]", "20 projects");
    app.find_with_text("[data-testid=project-row]", "Open data portal");

    // Export everything into a folder, with progress.
    let out = dir.path().join("for the national representative");
    app.click(&app.find("[data-testid=open-export]"));
    app.type_into(
        &app.find("[data-testid=export-folder]"),
        out.to_str().unwrap(),
    );
    app.click(&app.find("[data-testid=export-start]"));
    app.find_with_text("[data-testid=export-done]", "Wrote 6 files");
    let progress = app.find("[data-testid=export-progress]");
    assert_eq!(
        app.property(&progress, "value"),
        app.property(&progress, "max"),
        "the bar is full"
    );
    for name in [
        "cebu-city-plan.ascf",
        "cebu-city-plan.xlsx",
        "cebu-city-plan-report.pdf",
        "cebu-city-locations.geojson",
        "cebu-city-iati-activities.xml",
        "cebu-city-map.gpkg",
    ] {
        assert!(out.join(name).exists(), "{name} was written");
    }
    let exported = std::fs::read_to_string(out.join("cebu-city-plan.ascf")).unwrap();
    assert!(
        exported.contains("\"title\": \"Open data portal\""),
        "the spreadsheet's projects are exported"
    );
}

const CTRL: &str = "\u{E009}";
const SHIFT: &str = "\u{E008}";
const RELEASE: &str = "\u{E000}";
const ARROW_RIGHT: &str = "\u{E014}";

/// Presses keys on the page itself, outside any text field.
fn press(app: &App, keys: &str) {
    app.type_into(&app.find("body"), keys);
}

#[test]
fn the_guided_flow_drafts_a_complete_plan_which_undoes_redoes_resumes_and_presents() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("workshop.ascn");
    {
        let app = App::launch(&workspace);
        app.click(&app.find("[data-city=\"Luang Prabang\"]"));
        app.find("[data-testid=overview]");
        app.click(&app.find("[data-testid=nav-guide]"));
        app.find_with_text("[data-testid=guide-step-title]", "Step 1 of 7");

        app.type_into(
            &app.find("[data-testid=guide-context]"),
            "A World Heritage town where visitors outnumber residents in the high season.",
        );
        wait_saved(&app);
        app.click(&app.find("[data-testid=guide-next]"));
        app.type_into(
            &app.find("[data-testid=guide-vision]"),
            "A heritage city that stays liveable for the people who live in it.",
        );
        wait_saved(&app);
        app.click(&app.find("[data-testid=guide-next]"));

        app.find_with_text("[data-testid=guide-step-title]", "Focus areas");
        app.click(&app.find("[data-testid=guide-area-BI]"));
        wait_saved(&app);
        app.click(&app.find("[data-testid=guide-outcome-BI-SE]"));
        app.type_into(
            &app.find("[data-testid=guide-rationale-BI]"),
            "Tourist traffic chokes the old town",
        );
        wait_saved(&app);
        app.screenshot("guide-focus-areas");
        app.click(&app.find("[data-testid=guide-next]"));

        app.find_with_text("[data-testid=guide-step-title]", "Projects");
        app.type_into(
            &app.find("[data-testid=guide-project-title]"),
            "Electric shuttle around the peninsula",
        );
        app.type_into(
            &app.find("[data-testid=guide-project-lead]"),
            "Department of Public Works and Transport",
        );
        app.click(&app.find("[data-testid=guide-project-add]"));
        app.find_with_text(
            "[data-testid=guide]",
            "BI-01 Electric shuttle around the peninsula",
        );
        app.click(&app.find("[data-testid=guide-next]"));

        app.find_with_text("[data-testid=guide-step-title]", "Partners and funding");
        app.choose("[data-testid=guide-partner-kind]", "multilateral_bank");
        app.type_into(
            &app.find("[data-testid=guide-partner-name]"),
            "Asian Development Bank",
        );
        app.click(&app.find("[data-testid=guide-partner-add]"));
        app.find_with_text("[data-testid=guide-partners]", "Asian Development Bank");
        app.choose("[data-testid=guide-funding-source]", "multilateral_bank");
        let bank = app.script(
            "return [...document.querySelectorAll('[data-testid=guide-funding-partner] option')]
                .find((o) => o.textContent === 'Asian Development Bank').value;",
            serde_json::json!([]),
        );
        app.choose(
            "[data-testid=guide-funding-partner]",
            bank.as_str().unwrap(),
        );
        app.type_into(&app.find("[data-testid=guide-funding-amount]"), "2500000");
        app.click(&app.find("[data-testid=guide-funding-add]"));
        app.find_with_text("[data-testid=guide]", "USD 2,500,000");
        app.click(&app.find("[data-testid=guide-next]"));

        app.find_with_text("[data-testid=guide-step-title]", "KPIs");
        app.type_into(
            &app.find("[data-testid=guide-kpi-name]"),
            "Share of visitor trips by shuttle",
        );
        app.type_into(&app.find("[data-testid=guide-kpi-unit]"), "%");
        app.type_into(&app.find("[data-testid=guide-kpi-bvalue]"), "0");
        app.type_into(&app.find("[data-testid=guide-kpi-tvalue]"), "40");
        app.click(&app.find("[data-testid=guide-kpi-add]"));
        app.find_with_text("[data-testid=toast]", "KPI added to BI-01");
        app.click(&app.find("[data-testid=guide-next]"));

        app.find_with_text("[data-testid=guide-step-title]", "Review");
        app.find_with_text(
            "[data-testid=guide-review-summary]",
            "1 project, 1 partner, 1 KPI. Nothing to fix",
        );
        app.screenshot("guide-review");

        // Undo takes the KPI away (the review sees the gap); redo, by keyboard, brings it back.
        app.click(&app.find("[data-testid=undo]"));
        app.find_with_text("[data-testid=toast]", "Undone: Edit BI-01: KPIs");
        app.find_with_text("[data-testid=guide-review-summary]", "0 KPIs");
        // The readiness check names the gap and jumps to where it is fixed.
        app.click(&app.find("[data-testid=nav-readiness]"));
        app.find_with_text(
            "[data-testid=readiness-summary]",
            "0 to fix before submitting, 1 to improve",
        );
        app.find_with_text(
            "[data-testid=finding]",
            "has no KPI with a baseline and a target",
        );
        app.screenshot("readiness");
        app.click(&app.find("[data-testid=finding-fix]"));
        app.find_with_text("[data-testid=editor-title]", "BI-01");
        press(&app, &format!("{CTRL}{SHIFT}z{RELEASE}"));
        app.find_with_text("[data-testid=toast]", "Redone: Edit BI-01: KPIs");
        app.click(&app.find("[data-testid=nav-guide]"));
        app.find_with_text(
            "[data-testid=guide-review-summary]",
            "1 KPI. Nothing to fix",
        );
    }

    // The next day the guide resumes at the step where it was left, and the plan is presented.
    let app = App::launch(&workspace);
    app.find_with_text("[data-testid=current-city]", "Luang Prabang");
    app.click(&app.find("[data-testid=nav-guide]"));
    app.find_with_text("[data-testid=guide-step-title]", "Step 7 of 7: Review");

    app.click(&app.find("[data-testid=open-present]"));
    app.find_with_text("[data-testid=slide-counter]", "1 / 3");
    app.find_with_text("[data-testid=slide]", "A heritage city that stays liveable");
    press(&app, ARROW_RIGHT);
    app.find_with_text("[data-testid=slide-counter]", "2 / 3");
    app.find_with_text(
        "[data-testid=slide]",
        "BI-01 Electric shuttle around the peninsula",
    );
    app.find_with_text("[data-testid=slide]", "Tourist traffic chokes the old town");
    app.screenshot("presentation-focus-area");
    press(&app, ARROW_RIGHT);
    app.find_with_text("[data-testid=slide]", "Summary");
    press(&app, ESCAPE);
    app.wait_for("the presentation to close", || {
        app.find_all("[data-testid=presentation]")
            .is_empty()
            .then_some(())
    });

    // The palette finds the project by a word of its title and opens it.
    press(&app, &format!("{CTRL}k{RELEASE}"));
    app.type_into(&app.find("[data-testid=palette-input]"), "shuttle");
    app.find_with_text("[data-testid=palette-item]", "BI-01 Electric shuttle");
    app.type_into(&app.find("[data-testid=palette-input]"), "\u{E007}");
    app.find_with_text("[data-testid=editor-title]", "BI-01");
}

#[test]
fn a_facilitator_compares_the_plans_of_two_cities_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("room.ascn");
    cli(
        &workspace,
        &["demo", "--city", "Da Nang", "--projects", "12"],
    );
    cli(
        &workspace,
        &["demo", "--city", "Cebu City", "--projects", "8"],
    );
    let app = App::launch(&workspace);
    app.click(&app.find("[data-city=\"Da Nang\"]"));
    app.click(&app.find("[data-testid=nav-compare]"));
    app.find_with_text("[data-testid=compare-projects]", "12");
    let cells = app.script(
        "const cells = (sel) => [...document.querySelectorAll(sel)].map((c) => c.textContent);
         return [cells('[data-testid=compare-table] thead th'), cells('[data-testid=compare-projects] td')];",
        serde_json::json!([]),
    );
    assert_eq!(
        cells,
        serde_json::json!([["", "Cebu City Sample", "Da Nang Sample"], ["8", "12"]]),
        "a column per city, in the order of the city list"
    );
    app.screenshot("compare");
}

#[test]
fn a_backup_taken_when_the_app_opened_brings_back_a_deleted_project() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("backed-up.ascn");
    cli(
        &workspace,
        &["demo", "--city", "Cebu City", "--projects", "8"],
    );
    let app = App::launch(&workspace);
    app.click(&app.find("[data-city=\"Cebu City\"]"));
    app.click(&app.find("[data-testid=nav-projects]"));
    app.find_with_text("[data-testid=project-count]", "8 projects");
    app.click(&app.find("[data-testid=delete-project]"));
    app.find_with_text("[data-testid=nav-project-count]", "7");

    app.click(&app.find("[data-testid=open-backups]"));
    app.find("[data-testid=backup]");
    app.screenshot("backups");
    app.click(&app.find("[data-testid=backup-restore]"));
    app.click(&app.find("[data-testid=dialog-confirm]"));
    // The app reloads on the restored workspace, as it was when the app opened: before Cebu City
    // was chosen, and with all eight projects.
    app.find("[data-testid=city-picker]");
    app.click(&app.find("[data-city=\"Cebu City\"]"));
    app.find_with_text("[data-testid=nav-project-count]", "8");
    let listed = String::from_utf8(cli(&workspace, &["backup", "list"])).unwrap();
    assert_eq!(
        listed.lines().count(),
        2,
        "the backup taken on open, and the one of what was there before the restore: {listed}"
    );
    assert!(listed.contains("kept: taken before a restore"), "{listed}");

    // The one taken before the restore is kept until the planner deletes it.
    app.click(&app.find("[data-testid=open-backups]"));
    app.find_with_text("[data-testid=backup-kept]", "Kept: taken before a restore");
    app.screenshot("backups-kept");
    app.click(&app.find("[data-testid=backup-delete]"));
    app.click(&app.find("[data-testid=dialog-confirm]"));
    app.wait_for("the kept backup to be deleted", || {
        app.find_all("[data-testid=backup-kept]")
            .is_empty()
            .then_some(())
    });
    let listed = String::from_utf8(cli(&workspace, &["backup", "list"])).unwrap();
    assert_eq!(listed.lines().count(), 1, "{listed}");
}

#[test]
fn a_national_representative_imports_three_cities_plans_and_reads_the_national_view() {
    let dir = tempfile::tempdir().unwrap();
    let laptops = dir.path().join("laptops.ascn");
    let inbox = dir.path().join("inbox");
    for (city, projects, seed) in [
        ("Da Nang", "10", "1"),
        ("Ha Noi", "6", "2"),
        ("Cebu City", "4", "3"),
    ] {
        cli(
            &laptops,
            &[
                "demo",
                "--city",
                city,
                "--projects",
                projects,
                "--seed",
                seed,
            ],
        );
        cli(
            &laptops,
            &[
                "export",
                "--city",
                city,
                "--format",
                "json",
                "--out",
                inbox.to_str().unwrap(),
            ],
        );
    }

    let workspace = dir.path().join("national.ascn");
    let app = App::launch(&workspace);
    app.click(&app.find("[data-testid=open-national]"));
    app.find_with_text("[data-testid=rollup-title]", "ASEAN Smart Cities Network");
    app.click(&app.find("[data-testid=import-folder]"));
    app.type_into(
        &app.find("[data-testid=folder-path]"),
        inbox.to_str().unwrap(),
    );
    app.click(&app.find("[data-testid=folder-check]"));
    app.find_with_text(
        "[data-testid=folder-entry]",
        "Ha Noi (Viet Nam) · 6 projects",
    );
    assert_eq!(app.find_all("[data-testid=folder-entry]").len(), 3);
    app.click(&app.find("[data-testid=folder-import]"));
    app.find_with_text("[data-testid=folder-summary]", "Imported 3:");
    app.click(&app.find("[data-testid=folder-close]"));

    // The network: three cities, 20 projects.
    app.find_with_text("[data-testid=rollup-summary]", "3 cities · 20 projects");
    app.find_with_text("[data-testid=rollup-summary]", "29 member cities");
    app.find_with_text("[data-testid=rollup-total-projects]", "20");
    app.screenshot("national-network");

    // Viet Nam only: Da Nang and Ha Noi, side by side.
    app.choose("[data-testid=rollup-scope]", "VNM");
    app.find_with_text("[data-testid=rollup-title]", "Viet Nam");
    app.find_with_text("[data-testid=rollup-summary]", "2 cities · 16 projects");
    let rows = app.script(
        "return [...document.querySelectorAll('[data-testid=rollup-city]')].map((r) => [r.querySelector('th').firstChild.textContent, r.querySelector('[data-testid=rollup-projects]').textContent]);",
        serde_json::json!([]),
    );
    assert_eq!(
        rows,
        serde_json::json!([["Da Nang", "10"], ["Ha Noi", "6"]])
    );
    app.find("[data-testid=rollup-timeline]");
    app.find("[data-testid=rollup-progress]");
    app.screenshot("national-vnm");

    // Re-importing Da Nang after the officer changed a project shows the change first. The
    // earlier file stays in the inbox under another name: two plans of one city are a choice,
    // and the newer by its own date is the one ticked, whatever the file names.
    std::fs::copy(
        inbox.join("da-nang-plan.ascf"),
        // A plan file as files were named before: still read.
        inbox.join("da-nang-plan-v2.json"),
    )
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    cli(&laptops, &["project", "delete", "1"]);
    cli(
        &laptops,
        &[
            "export",
            "--city",
            "Da Nang",
            "--format",
            "json",
            "--out",
            inbox.to_str().unwrap(),
        ],
    );
    app.click(&app.find("[data-testid=import-folder]"));
    app.type_into(
        &app.find("[data-testid=folder-path]"),
        inbox.to_str().unwrap(),
    );
    app.click(&app.find("[data-testid=folder-check]"));
    app.find_with_text(
        "[data-testid=folder-entry-changes]",
        "Replaces the plan here: 1 project removed",
    );
    assert_eq!(
        app.find_all("[data-testid=folder-entry-choice]").len(),
        2,
        "both files of Da Nang are shown as a choice"
    );
    let ticked = app.script(
        "return [...document.querySelectorAll('[data-testid=folder-entry]')]
            .filter((e) => e.querySelector('input').checked)
            .map((e) => e.innerText);",
        serde_json::json!([]),
    );
    assert!(
        !ticked.to_string().contains("da-nang-plan-v2.json"),
        "the older file, though its name sorts later, is not ticked: {ticked}"
    );
    app.screenshot("folder-choice");
    app.click(&app.find("[data-testid=folder-import]"));
    app.find_with_text("[data-testid=folder-summary]", "Imported 3:");
    app.click(&app.find("[data-testid=folder-close]"));
    app.find_with_text("[data-testid=rollup-summary]", "2 cities · 15 projects");

    // Da Nang's officer pairs with Ha Noi, on the reasons the app gives.
    app.click(&app.find_with_text("button", "Cities"));
    app.find("[data-testid=city-picker]");
    app.click(&app.find("[data-city=\"Da Nang\"]"));
    app.find_with_text("[data-testid=current-city]", "Da Nang");
    app.click(&app.find("[data-testid=nav-pairing]"));
    let ha_noi = app.find_with_text("[data-testid=suggestion]", "Ha Noi");
    assert!(
        app.text(&ha_noi).contains("in the same country"),
        "the reasons are shown: {}",
        app.describe(&ha_noi)
    );
    app.script(
        "[...document.querySelectorAll('[data-testid=suggestion]')]
            .find((r) => r.innerText.includes('Ha Noi'))
            .querySelector('[data-testid=agree-pairing]').click();",
        serde_json::json!([]),
    );
    app.type_into(
        &app.find("[data-testid=dialog-input]"),
        "Twinning on traffic",
    );
    app.click(&app.find("[data-testid=dialog-confirm]"));
    app.find_with_text("[data-testid=pairing-agreed]", "Ha Noi");
    app.screenshot("pairing");
    let listed =
        String::from_utf8(cli(&workspace, &["pairing", "list", "--city", "Da Nang"])).unwrap();
    assert!(
        listed.contains("Ha Noi") && listed.contains("Twinning on traffic"),
        "{listed}"
    );
}

#[test]
fn the_secretariat_imports_its_monitoring_tables_and_sees_the_me_report_year_by_year() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("secretariat.ascn");
    let fixtures = repo_root().join("tests/fixtures/monitoring");
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "No.,Country,City,Project,Focus Area,Status\n1,Thailand,Bangkok,Canal ferries,Tourism,Ongoing\n",
    )
    .unwrap();
    let out = dir.path().join("me-reports");

    let app = App::launch(&workspace);
    app.click(&app.find("[data-testid=open-national]"));
    app.find("[data-testid=me-trend-empty]");

    // A table with a focus area the Framework does not have: named by row, nothing imported.
    app.click(&app.find("[data-testid=me-import]"));
    app.type_into(&app.find("[data-testid=me-path]"), bad.to_str().unwrap());
    app.choose("[data-testid=me-period]", "2018-2025");
    app.click(&app.find("[data-testid=me-check]"));
    app.find_with_text(
        "[data-testid=me-errors]",
        "row 2, 'Focus Area' 'Tourism' is not a focus area of the Framework",
    );
    assert_eq!(
        app.property(&app.find("[data-testid=me-apply]"), "disabled"),
        true
    );

    // The 2024 lists, one file each: previewed, then imported.
    for (file, added) in [("me-2024-ongoing.csv", 52), ("me-2024-completed.csv", 11)] {
        app.replace_text(
            &app.find("[data-testid=me-path]"),
            fixtures.join(file).to_str().unwrap(),
        );
        app.click(&app.find("[data-testid=me-check]"));
        app.find_with_text(
            "[data-testid=me-summary]",
            &format!("Importing adds {added} new projects"),
        );
        app.click(&app.find("[data-testid=me-apply]"));
        app.find_with_text(
            "[data-testid=me-summary]",
            &format!("Imported {added} new projects"),
        );
    }
    app.click(&app.find("[data-testid=me-close]"));
    app.find_with_text("[data-testid=rollup-summary]", "27 cities · 63 projects");

    let write_report = |year: &str| {
        app.replace_text(&app.find("[data-testid=me-year]"), year);
        app.click(&app.find("[data-testid=me-write]"));
        app.replace_text(
            &app.find("[data-testid=dialog-input]"),
            out.to_str().unwrap(),
        );
        app.click(&app.find("[data-testid=dialog-confirm]"));
    };
    write_report("2024");
    app.find_with_text("[data-testid=me-trend-year]", "2024");

    // 2025: five projects changed status, three are new.
    app.click(&app.find("[data-testid=me-import]"));
    app.type_into(
        &app.find("[data-testid=me-path]"),
        fixtures.join("me-2025.csv").to_str().unwrap(),
    );
    app.choose("[data-testid=me-period]", "2018-2025");
    app.click(&app.find("[data-testid=me-check]"));
    app.find_with_text(
        "[data-testid=me-summary]",
        "Importing adds 3 new projects, changes the status of 5",
    );
    assert_eq!(app.find_all("[data-testid=me-change]").len(), 5);
    app.screenshot("me-import-preview");
    app.click(&app.find("[data-testid=me-apply]"));
    app.find_with_text("[data-testid=me-summary]", "Imported 3 new projects");
    app.click(&app.find("[data-testid=me-close]"));
    app.find_with_text("[data-testid=rollup-summary]", "27 cities · 66 projects");
    write_report("2025");
    app.wait_for("two years in the panel", || {
        (app.find_all("[data-testid=me-trend-year]").len() == 2).then_some(())
    });
    let years = app.script(
        "return [...document.querySelectorAll('[data-testid=me-trend-year]')].map((r) => [...r.children].slice(0, 5).map((c) => c.textContent));",
        serde_json::json!([]),
    );
    assert_eq!(
        years,
        serde_json::json!([
            ["2024", "63", "47", "11", "5"],
            ["2025", "66", "48", "14", "4"]
        ])
    );
    app.find("[data-testid=me-chart-status]");
    app.find("[data-testid=me-chart-areas]");
    // The picture shows the panel, not the toasts of the reports just written.
    app.script(
        "document.querySelectorAll('[data-testid=toast]').forEach((t) => t.remove());
         document.querySelector('[data-testid=me-panel]').scrollIntoView();",
        serde_json::json!([]),
    );
    app.screenshot("me-panel");
    for year in [2024, 2025] {
        for ext in ["pdf", "xlsx", "json"] {
            let file = out.join(format!("ascn-monitoring-report-{year}.{ext}"));
            assert!(file.exists(), "{}", file.display());
        }
    }
}

/// A Cambodian plan is written in English and Khmer: the editor shows the two side by side,
/// both are kept, and the IATI file carries each in its own narrative; the PDF is printed in
/// the languages chosen in the export dialog.
#[test]
fn a_project_is_written_in_english_and_khmer_and_the_iati_file_carries_both() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("bilingual.ascn");
    let app = App::launch(&workspace);
    app.click(&app.find("[data-city=\"Phnom Penh\"]"));
    // A Cambodian plan is in Khmer besides English, as the member state's plans are.
    app.find_with_text("[data-testid=plan-languages]", "Khmer");

    let english = "Smart traffic management";
    let khmer = "ប្រព័ន្ធគ្រប់គ្រងចរាចរណ៍ឆ្លាតវៃ";
    let khmer_description = "ភ្លើងសញ្ញាចរាចរណ៍នៅផ្លូវប្រសព្វ";
    app.click(&app.find("[data-testid=new-project]"));
    app.find("[data-testid=project-editor]");
    app.find_with_text("label[for=p-title-km]", "Title in Khmer");
    app.type_into(&app.find("[data-testid=title]"), english);
    app.type_into(&app.find("[data-testid=title-km]"), khmer);
    app.type_into(&app.find("[data-testid=description-km]"), khmer_description);
    app.choose("[data-testid=primary-focus-area]", "BI");
    app.click(&app.find("[data-testid=title]"));
    wait_saved(&app);
    app.find_with_text("[data-testid=editor-title]", english);
    app.screenshot("bilingual-editor");

    // Stored as typed, in both languages.
    let stored = stored_project(&workspace, 1);
    assert_eq!(stored["title"], english);
    assert_eq!(stored["title_local"]["km"], khmer);
    assert_eq!(stored["description_local"]["km"], khmer_description);

    // Export with the report in both languages.
    let out = dir.path().join("export");
    app.click(&app.find("[data-testid=open-export]"));
    app.choose("[data-testid=export-pdf-language]", "both");
    app.type_into(
        &app.find("[data-testid=export-folder]"),
        out.to_str().unwrap(),
    );
    app.click(&app.find("[data-testid=export-start]"));
    app.find_with_text("[data-testid=export-done]", "Wrote 6 files");
    let iati = std::fs::read_to_string(out.join("phnom-penh-iati-activities.xml")).unwrap();
    assert!(
        iati.contains(&format!("<narrative>{english}</narrative>")),
        "{iati}"
    );
    assert!(
        iati.contains(&format!("<narrative xml:lang=\"km\">{khmer}</narrative>")),
        "{iati}"
    );
    let report = std::process::Command::new("pdftotext")
        .arg(out.join("phnom-penh-plan-report.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(String::from_utf8_lossy(&report.stdout).contains(english));
}

#[test]
fn khmer_and_thai_titles_are_typed_saved_and_drawn_in_the_apps_own_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("scripts.ascn");
    let app = App::launch(&workspace);
    // The first screen is built once the faces of the language picker's names (ไทย, ខ្មែរ) have
    // loaded, so none of it is drawn first in a system font. With `font-display: swap` WebKit
    // counted a face still loading as failed, and about half the launches drew them so.
    app.find("[data-testid=city-picker]");
    let faces = app
        .script(
            r#"return [...document.fonts].filter((f) => f.status !== "unloaded")
                .map((f) => `${f.family.replaceAll('"', "")}/${f.weight}/${f.status}`);"#,
            serde_json::json!([]),
        )
        .to_string();
    for face in ["Noto Sans Thai/400/loaded", "Noto Sans Khmer/400/loaded"] {
        assert!(faces.contains(face), "{face} at the first screen: {faces}");
    }
    assert!(!faces.contains("/error"), "no face failed: {faces}");
    app.click(&app.find("[data-city=\"Phnom Penh\"]"));
    app.find_with_text("[data-testid=current-city]", "Phnom Penh");
    // "Smart traffic management system"; "Smart flood warning system".
    let titles = [
        ("ប្រព័ន្ធគ្រប់គ្រងចរាចរណ៍ឆ្លាតវៃ", "BI"),
        ("ระบบเตือนภัยน้ำท่วมอัจฉริยะ", "SS"),
    ];
    for (title, area) in titles {
        app.click(&app.find("[data-testid=new-project]"));
        app.find("[data-testid=project-editor]");
        app.type_into(&app.find("[data-testid=title]"), title);
        app.choose("[data-testid=primary-focus-area]", area);
        app.click(&app.find("[data-testid=title]"));
        wait_saved(&app);
        app.find_with_text("[data-testid=editor-title]", title);
    }
    app.click(&app.find("[data-testid=nav-projects]"));
    for (title, _) in titles {
        app.find_with_text("body", title);
    }
    // Whatever fonts this machine has, what draws Khmer and Thai is the app's own.
    let families = app.wait_for("the Khmer and Thai faces to load", || {
        let loaded = app.script(
            "return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replaceAll('\"', ''));",
            serde_json::json!([]),
        );
        let loaded = loaded.to_string();
        (loaded.contains("Noto Sans Khmer") && loaded.contains("Noto Sans Thai")).then_some(loaded)
    });
    assert!(
        !families.contains("Noto Sans Myanmar"),
        "a script not on screen is not loaded: {families}"
    );
    app.screenshot("khmer-thai");
    let listed = String::from_utf8(cli(
        &workspace,
        &["project", "list", "--city", "Phnom Penh"],
    ))
    .unwrap();
    for (title, _) in titles {
        assert!(listed.contains(title), "stored exactly: {listed}");
    }
}

#[test]
fn burmese_typed_or_imported_in_zawgyi_is_offered_and_stored_in_unicode() {
    // "Water supply" and "Smart city project" typed on a Zawgyi keyboard, and in Unicode.
    let zawgyi_water =
        "\u{1031}\u{101B}\u{1031}\u{1015}\u{1038}\u{1031}\u{101D}\u{1031}\u{101B}\u{1038}";
    let unicode_water =
        "\u{101B}\u{1031}\u{1015}\u{1031}\u{1038}\u{101D}\u{1031}\u{101B}\u{1031}\u{1038}";
    let zawgyi_project = "\u{1005}\u{1019}\u{1010}\u{1039}\u{107F}\u{1019}\u{102D}\u{1033}\u{1095}\u{103B}\u{1015} \u{1005}\u{102E}\u{1019}\u{1036}\u{1000}\u{102D}\u{1014}\u{1039}\u{1038}";
    let unicode_project = "\u{1005}\u{1019}\u{1010}\u{103A}\u{1019}\u{103C}\u{102D}\u{102F}\u{1037}\u{1015}\u{103C} \u{1005}\u{102E}\u{1019}\u{1036}\u{1000}\u{102D}\u{1014}\u{103A}\u{1038}";
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("yangon.ascn");
    let app = App::launch(&workspace);
    app.click(&app.find("[data-city=\"Yangon\"]"));
    app.find_with_text("[data-testid=current-city]", "Yangon");

    // Typed into the project editor: offered as Unicode when the field is left.
    app.click(&app.find("[data-testid=new-project]"));
    app.find("[data-testid=project-editor]");
    app.type_into(&app.find("[data-testid=title]"), zawgyi_water);
    app.choose("[data-testid=primary-focus-area]", "QE");
    // Leaving the field is when the app looks at what was typed.
    app.click(&app.find("#p-description"));
    app.find_with_text("[data-testid=zawgyi-unicode]", unicode_water);
    app.screenshot("zawgyi-offer");
    app.click(&app.find("[data-testid=zawgyi-convert]"));
    wait_saved(&app);
    app.find_with_text("[data-testid=editor-title]", unicode_water);
    assert_eq!(
        app.property(&app.find("[data-testid=title]"), "value"),
        unicode_water
    );

    // A spreadsheet with a Zawgyi title: the preview says so and shows it converted.
    let sheet = dir.path().join("yangon.csv");
    std::fs::write(&sheet, format!("Title,Focus area\n{zawgyi_project},BI\n")).unwrap();
    app.click(&app.find("[data-testid=open-import]"));
    app.type_into(
        &app.find("[data-testid=import-path]"),
        sheet.to_str().unwrap(),
    );
    app.click(&app.find("[data-testid=import-check]"));
    app.find_with_text("[data-testid=import-zawgyi]", "row 2, 'Title'");
    app.find_with_text("[data-testid=import-amounts]", unicode_project);
    app.screenshot("zawgyi-import");
    app.click(&app.find("[data-testid=import-start]"));
    app.find_with_text("[data-testid=toast]", "Added 1 project ");

    let listed =
        String::from_utf8(cli(&workspace, &["project", "list", "--city", "Yangon"])).unwrap();
    for (unicode, zawgyi) in [
        (unicode_water, zawgyi_water),
        (unicode_project, zawgyi_project),
    ] {
        assert!(listed.contains(unicode), "stored in Unicode: {listed}");
        assert!(!listed.contains(zawgyi), "not stored in Zawgyi: {listed}");
    }
}

#[test]
fn files_given_as_arguments_open_as_a_double_click_opens_them_and_about_says_what_runs() {
    let dir = tempfile::tempdir().unwrap();
    let officer = dir.path().join("officer.ascn");
    cli(&officer, &["demo", "--city", "Da Nang", "--projects", "5"]);
    let files = dir.path().join("files");
    cli(
        &officer,
        &[
            "export",
            "--city",
            "Da Nang",
            "--format",
            "json",
            "--out",
            files.to_str().unwrap(),
        ],
    );
    let plan_file = files.join("da-nang-plan.ascf");
    assert!(plan_file.exists(), "plan files are .ascf");

    // `ascn-planner national.ascn da-nang-plan.ascf`: the workspace opens, the plan file shows
    // in the import preview.
    let workspace = dir.path().join("national.ascn");
    let app = App::launch_with(&[
        workspace.display().to_string(),
        plan_file.display().to_string(),
    ]);
    app.find_with_text("[data-testid=import-preview]", "Da Nang, Viet Nam");
    app.find_with_text("[data-testid=import-preview]", "5 projects");
    app.click(&app.find("[data-testid=import-start]"));
    app.find_with_text("[data-testid=toast]", "Imported the plan of Da Nang");
    let listed =
        String::from_utf8(cli(&workspace, &["project", "list", "--city", "Da Nang"])).unwrap();
    assert!(listed.contains("5 projects"), "{listed}");

    // About: the versions, where the workspace is, and the licences of what ships.
    app.click(&app.find("[data-testid=open-about]"));
    app.find_with_text("[data-testid=about-version]", env!("CARGO_PKG_VERSION"));
    app.find_with_text("[data-testid=about-schema]", "schema 9");
    app.find_with_text("[data-testid=about-plan-file]", "version 4");
    app.find_with_text("[data-testid=about-workspace]", "national.ascn");
    app.find_with_text("[data-testid=about-backups]", "national-backups");
    app.find_with_text("[data-testid=about-credits]", "SIL Open Font Licence");
    app.find_with_text("[data-testid=about-credits]", "GeoNames");
    // A build without the release's update key (a secret of the release workflow) says so
    // and checks nothing.
    let empty = dir.path().join("usb-stick");
    std::fs::create_dir(&empty).unwrap();
    app.type_into(
        &app.find("[data-testid=update-source]"),
        empty.to_str().unwrap(),
    );
    app.click(&app.find("[data-testid=update-check]"));
    app.find_with_text(
        "[data-testid=update-error]",
        "without the release's update key",
    );
    app.screenshot("about");
}

#[test]
fn the_interface_speaks_thai_then_vietnamese_and_remembers_the_choice() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("languages.ascn");
    cli(
        &workspace,
        &["demo", "--city", "Bangkok", "--projects", "3"],
    );
    let app = App::launch(&workspace);
    app.click(&app.find("[data-city=\"Bangkok\"]"));
    // A new computer whose system speaks English: the interface does too.
    app.find_with_text("[data-testid=nav-projects]", "Projects");
    app.choose("[data-testid=language]", "th");
    app.find_with_text("[data-testid=nav-projects]", "โครงการ");
    app.find_with_text("[data-testid=nav-overview]", "ภาพรวมแผน");
    app.find_with_text("[data-testid=change-city]", "เปลี่ยนเมือง");
    // The screen too, numbers and dates aside.
    app.find_with_text("[data-testid=overview] h1", "แผนปฏิบัติการเมืองอัจฉริยะ Bangkok");
    app.find_with_text("[data-testid=overview]", "ด้านที่มุ่งเน้น");
    // The Framework's names from the reference data, the English one on hover.
    let civic = app.find_with_text("[data-area=CS] label", "พลเมืองและสังคม");
    assert_eq!(app.property(&civic, "title"), "Civic & social");
    app.screenshot("language-th");
    // A refusal the shell words: an update source that is neither an address nor a folder.
    app.click(&app.find("[data-testid=open-about]"));
    app.replace_text(&app.find("[data-testid=update-source]"), "/nowhere/updates");
    app.click(&app.find("[data-testid=update-check]"));
    app.find_with_text(
        "[data-testid=update-error]",
        "'/nowhere/updates' ไม่ใช่ที่อยู่ https:// และไม่ใช่โฟลเดอร์ในคอมพิวเตอร์เครื่องนี้",
    );
    app.click(&app.find("[data-testid=about-close]"));
    app.choose("[data-testid=language]", "vi");
    app.find_with_text("[data-testid=nav-projects]", "Dự án");
    app.find_with_text("[data-testid=open-about]", "Giới thiệu");
    app.find_with_text("[data-testid=overview]", "Tầm nhìn");
    // Plurals by the language's rules: Vietnamese has one form.
    assert_eq!(
        app.property(&app.find("[data-testid=nav-project-count]"), "title"),
        "3 dự án"
    );
    app.screenshot("language-vi");
    // Remembered: the next screen, and the help, are in Vietnamese too.
    app.click(&app.find("[data-testid=nav-charts]"));
    app.find_with_text("[data-testid=nav-charts]", "Biểu đồ");
    app.click(&app.find("[data-testid=nav-projects]"));
    app.find_with_text("[data-testid=project-count]", "3 dự án");
    app.find_with_text("th", "Cơ quan chủ trì");
    // Every screen speaks it: the project editor, its plan's languages (Thailand's: Thai).
    app.click(&app.find("[data-testid=project-row] td.title"));
    app.find("[data-testid=project-editor]");
    app.find_with_text("label[for=p-title]", "Tên bằng tiếng Anh");
    app.find_with_text("label[for=p-title-th]", "Tên bằng Tiếng Thái (ไทย)");
    app.find_with_text("[data-testid=project-editor]", "Cơ quan chủ trì");
    app.screenshot("language-vi-editor");
    // And the other languages the interface speaks, each looked at on the same screen.
    for (language, title, lead) in [
        ("km", "ចំណងជើង", "ស្ថាប័នដឹកនាំ"),
        ("id", "Judul", "Lembaga pelaksana"),
        ("ms", "Tajuk", "Agensi peneraju"),
        ("th", "ชื่อ", "หน่วยงานหลัก"),
    ] {
        app.choose("[data-testid=language]", language);
        app.find_with_text("label[for=p-title]", title);
        app.find_with_text("[data-testid=project-editor]", lead);
        app.screenshot(&format!("language-{language}-editor"));
    }
    // The core's messages too: a year outside the plan period, said in Thai.
    app.replace_text(&app.find("#p-start"), "2031");
    app.click(&app.find("[data-testid=title]"));
    app.find_with_text(".field-error", "2031 อยู่หลังช่วงแผน 2018–2025");
    // And a message said within another, each level in Thai: a district file's outline that
    // crosses itself, in its feature. Leaving the project first asks, naming its problems in
    // Thai too.
    app.click(&app.find("[data-testid=nav-map]"));
    app.find_with_text(
        "[role=alertdialog]",
        "2031 อยู่หลังช่วงแผน 2018–2025; สิ้นสุดปี 2021 ก่อนเริ่มปี 2031",
    );
    app.click(&app.find("[data-testid=dialog-confirm]"));
    let bowtie = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/gis/self-intersecting-utm48.gpkg");
    app.click(&app.find("[data-testid=import-districts]"));
    app.type_into(
        &app.find("[data-testid=gis-path]"),
        bowtie.to_str().unwrap(),
    );
    app.click(&app.find("[data-testid=gis-check]"));
    app.find_with_text("[data-testid=gis-rows]", "Bowtie");
    app.click(&app.find("[data-testid=gis-import]"));
    app.find_with_text(
        "[data-testid=gis-errors]",
        "รายการที่ 1 (Bowtie): เส้นขอบ ตัดกันเอง",
    );
    app.screenshot("language-th-nested-error");
}

#[test]
fn progress_is_reported_for_a_year_and_a_submitted_plan_is_compared_with_its_revision() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("meeting.ascn");
    cli(
        &workspace,
        &["demo", "--city", "Da Nang", "--projects", "6"],
    );
    let app = App::launch(&workspace);
    app.click(&app.find("[data-city=\"Da Nang\"]"));

    // Progress: report 2021 for the first project that had started, as a planner would type it.
    app.click(&app.find("[data-testid=nav-progress]"));
    app.choose("[data-testid=progress-year]", "2021");
    // The screen is drawn again for the year chosen: read a row of that drawing.
    let row =
        app.find("[data-testid=progress-table][data-year=\"2021\"] [data-testid^=progress-row-]");
    let code = app.property(&row, "dataset")["testid"]
        .as_str()
        .unwrap()
        .trim_start_matches("progress-row-")
        .to_string();
    let percent = app.find(&format!("[data-testid=progress-percent-{code}]"));
    app.replace_text(&percent, "140");
    app.click(&app.find(&format!("[data-testid=progress-save-{code}]")));
    app.find_with_text(".field-error", "must be a whole number from 0 to 100");
    app.replace_text(
        &app.find(&format!("[data-testid=progress-percent-{code}]")),
        "5",
    );
    app.click(&app.find(&format!("[data-testid=progress-save-{code}]")));
    app.find_with_text(
        "[data-testid=toast]",
        &format!("Progress of {code} in 2021 saved"),
    );
    let stored = String::from_utf8(cli(
        &workspace,
        &["progress", "show", "--city", "Da Nang", "--year", "2021"],
    ))
    .unwrap();
    assert!(
        stored
            .lines()
            .any(|l| l.contains(&code) && l.contains("reported   5%")),
        "the workspace holds the report: {stored}"
    );
    app.screenshot("progress");

    // Revisions: submit, change a project, compare the revision with the plan now.
    app.click(&app.find("[data-testid=nav-revisions]"));
    app.click(&app.find("[data-testid=submit-plan]"));
    app.type_into(&app.find("[data-testid=dialog-input]"), "After the SCGW");
    app.click(&app.find("[data-testid=dialog-confirm]"));
    app.find_with_text("[data-testid=revision-list]", "After the SCGW");
    app.find("[data-testid=diff-empty]");
    cli(&workspace, &["project", "delete", "2"]);
    // The app notices the change and redraws: a click finds its button again if so.
    app.click(&app.find("[data-testid=nav-overview]"));
    app.click(&app.find("[data-testid=nav-revisions]"));
    app.find_with_text("[data-testid=diff-removed]", "");
    let removed = app.text(&app.find("[data-testid=diff-removed]"));
    assert!(
        !removed.is_empty(),
        "the deleted project is listed as removed"
    );
    app.screenshot("revisions");
}

/// Two programs on one project: the CLI reports progress while the app has the project open.
/// The app notices the change and reads the project again; a save typed on the older version
/// is refused as changed elsewhere with the text kept, and nothing either program wrote is lost.
#[test]
fn the_cli_reports_progress_while_the_app_edits_the_same_project_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("shared.ascn");
    cli(
        &workspace,
        &["demo", "--city", "Da Nang", "--projects", "3"],
    );
    let project = stored_project(&workspace, 1);
    let no_actuals: Vec<&str> = project["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|_| ["--actual", "-"])
        .collect();
    let report = |year: &str, narrative: &str| {
        let mut args = vec![
            "progress",
            "report",
            "--project",
            "1",
            "--year",
            year,
            "--percent",
            "40",
            "--narrative",
            narrative,
        ];
        args.extend(&no_actuals);
        cli(&workspace, &args);
    };

    let app = App::launch(&workspace);
    app.click(&app.find("[data-city=\"Da Nang\"]"));
    app.click(&app.find("[data-testid=nav-projects]"));
    let title = project["title"].as_str().unwrap();
    app.click(&app.find_with_text("[data-testid=project-row] td.title", title));
    app.find("[data-testid=project-editor]");

    // 1. The CLI writes while the editor is open and idle: the editor is read again, and the
    //    next save keeps the CLI's report.
    app.script(
        "document.querySelector('[data-testid=title]').dataset.stale = '1';",
        serde_json::json!([]),
    );
    report("2020", "Reported from the CLI");
    app.wait_for("the editor to be read again", || {
        let gone = app.script(
            "return document.querySelector('[data-testid=title][data-stale]') === null;",
            serde_json::json!([]),
        );
        (gone == serde_json::json!(true)).then_some(())
    });
    app.replace_text(
        &app.find("[data-testid=title]"),
        "Traffic lights, typed in the app",
    );
    app.click(&app.find("[data-testid=start-year]"));
    wait_saved(&app);
    let stored = stored_project(&workspace, 1);
    assert_eq!(stored["title"], "Traffic lights, typed in the app");
    let progress = stored["progress"].to_string();
    assert!(progress.contains("Reported from the CLI"), "{progress}");

    // 2. The CLI writes while the editor holds typing it could not save yet (a wrong year):
    //    the save is refused as changed elsewhere, the typing stays, Reload shows both.
    app.replace_text(&app.find("[data-testid=end-year]"), "1900");
    app.replace_text(
        &app.find("[data-testid=title]"),
        "Typed before the CLI wrote",
    );
    app.find_with_text("[data-testid=save-status]", "Not saved");
    report("2021", "A second report from the CLI");
    std::thread::sleep(std::time::Duration::from_millis(2500));
    let end = app.find("[data-testid=end-year]");
    app.replace_text(&end, &project["end_year"].to_string());
    app.click(&app.find("[data-testid=start-year]"));
    let banner = app.find_with_text("[data-testid=changed-elsewhere]", "changed elsewhere");
    assert!(
        app.text(&banner).contains("nothing was saved"),
        "{}",
        app.describe(&banner)
    );
    let title_now = "return document.querySelector('[data-testid=title]').value;";
    assert_eq!(
        app.script(title_now, serde_json::json!([])),
        "Typed before the CLI wrote",
        "the planner's text is kept"
    );
    app.screenshot("changed-elsewhere");
    let stored = stored_project(&workspace, 1);
    assert!(
        stored["progress"]
            .to_string()
            .contains("A second report from the CLI"),
        "the CLI's report was not overwritten"
    );
    assert_eq!(stored["title"], "Traffic lights, typed in the app");
    app.click(&app.find("[data-testid=reload-project]"));
    app.wait_for("the reloaded editor", || {
        let value = app.script(title_now, serde_json::json!([]));
        (value == "Traffic lights, typed in the app").then_some(())
    });
}

/// A backup that fails is shown in the status bar, not only written to the log.
#[test]
fn a_failed_backup_shows_in_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("plans.ascn");
    // Where the backups folder should be, a file: no backup can be written.
    std::fs::write(dir.path().join("plans-backups"), b"not a folder").unwrap();
    let app = App::launch(&workspace);
    app.find("[data-testid=city-picker]");
    let note = app.find_with_text("[data-testid=backup-failure]", "Backup failed");
    assert!(
        app.text(&note).contains("plans-backups"),
        "the message says where: {}",
        app.describe(&note)
    );
    app.screenshot("backup-failed");
}

/// The period change of 2026: Da Nang's 2018–2025 sample plan carried into 2026–2035 (three
/// projects carried, one dropped), both periods side by side, 2018–2025 closed with its
/// close-out report, and Dili (Timor-Leste) added as a member city from 2026.
#[test]
fn a_plan_is_carried_into_2026_2035_and_2018_2025_is_closed_with_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("periods.ascn");
    cli(
        &workspace,
        &["demo", "--city", "Da Nang", "--projects", "6"],
    );
    let app = App::launch(&workspace);
    app.find_with_text(
        "[data-testid=member-cities]",
        "Member cities of the ASCN (29)",
    );
    app.click(&app.find("[data-city=\"Da Nang\"]"));
    app.find_with_text("h1", "Da Nang Smart City Action Plan 2018–2025");
    app.find_with_text(
        "[data-testid=period-switch] option[value=\"2026-2035\"]",
        "2026–2035 (no plan yet)",
    );

    // The carry-over step lists the four open projects; carry three, drop one.
    app.click(&app.find("[data-testid=start-next-period]"));
    app.find("[data-testid=carry-over]");
    let rows = app.find_all("[data-testid=carry-row]");
    assert_eq!(rows.len(), 4, "the sample plan has four open projects");
    let codes: Vec<String> = rows
        .iter()
        .map(|r| {
            app.property(r, "dataset")["code"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    for code in &codes[..3] {
        app.click(&app.find(&format!("[data-testid=carry-{code}]")));
    }
    app.replace_text(
        &app.find(&format!("[data-testid=carry-end-{}]", codes[0])),
        "2030",
    );
    // One left unchosen: the step says which.
    app.click(&app.find("[data-testid=carry-start]"));
    app.find_with_text(
        "[data-testid=toast]",
        &format!("Choose carry or drop for {}", codes[3]),
    );
    app.click(&app.find(&format!("[data-testid=drop-{}]", codes[3])));
    app.screenshot("carry-over");
    app.click(&app.find("[data-testid=carry-start]"));

    // The new plan is open; both periods are side by side.
    app.find_with_text("h1", "Da Nang Smart City Action Plan 2026–2035");
    app.find_with_text("[data-testid=period-2026-2035-projects]", "3");
    app.find_with_text("[data-testid=period-2018-2025-projects]", "6");
    app.script(
        "document.querySelector('[data-testid=periods]').scrollIntoView()",
        serde_json::json!([]),
    );
    app.screenshot("periods");
    let carried = stored_project(&workspace, 7);
    assert_eq!(carried["code"], codes[0].as_str());
    assert_eq!(carried["end_year"], 2030, "the years the planner confirmed");
    assert_eq!(carried["carried_from"]["period"], "2018-2025");

    // Back to 2018–2025 with the switcher; close it and write the close-out report.
    app.choose("[data-testid=period-switch]", "2018-2025");
    app.find_with_text("h1", "Da Nang Smart City Action Plan 2018–2025");
    app.click(&app.find("[data-testid=close-period]"));
    let out = dir.path().join("close-out");
    app.replace_text(
        &app.find("[data-testid=dialog-input]"),
        out.to_str().unwrap(),
    );
    app.click(&app.find("[data-testid=dialog-confirm]"));
    app.find_with_text(
        "[data-testid=closed-banner]",
        "only its final progress reports",
    );
    assert_eq!(
        app.property(&app.find("[data-testid=vision]"), "disabled"),
        true,
        "a closed plan's fields are shown, not edited"
    );
    assert!(out.join("da-nang-close-out-2018-2025.pdf").exists());
    assert!(out.join("da-nang-close-out-2018-2025.xlsx").exists());
    app.screenshot("closed");

    // Dili, Timor-Leste, joins the network in 2026 and starts its plan in 2026–2035.
    app.click(&app.find("[data-testid=change-city]"));
    app.type_into(&app.find("#new-city-name"), "Dili");
    app.choose("#new-city-state", "TLS");
    app.type_into(&app.find("#new-city-member-since"), "2026");
    app.click(&app.find(".other-city button[type=submit]"));
    app.find_with_text("h1", "Dili Smart City Action Plan 2026–2035");
    // Its first project, known by a title and a focus area only.
    app.click(&app.find("[data-testid=new-project]"));
    app.type_into(&app.find("[data-testid=title]"), "Waterfront flood walls");
    app.choose("[data-testid=primary-focus-area]", "QE");
    app.click(&app.find("[data-testid=title]"));
    wait_saved(&app);
    app.find_with_text("[data-testid=editor-title]", "QE-01");
    app.click(&app.find("[data-testid=nav-sector-map]"));
    let bar = app.find_with_text("[data-testid=timeline-bar]", "Waterfront flood walls");
    assert!(
        app.text(&bar).contains("years not set"),
        "{}",
        app.describe(&bar)
    );
    app.screenshot("years-not-set");
    app.click(&app.find("[data-testid=nav-readiness]"));
    app.find_with_text("body", "has no start year yet");
    let cities = String::from_utf8(cli(
        &workspace,
        &["cities", "--members", "--country", "TLS"],
    ))
    .unwrap();
    assert!(
        cities.contains("Dili") && cities.contains("member since 2026"),
        "{cities}"
    );
}
