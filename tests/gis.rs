//! GIS files as a city's GIS office keeps them, both ways.
//!
//! In: the fixtures in `tests/fixtures/gis/` were made with GDAL's ogr2ogr (Debian's gdal-bin
//! 3.6, PROJ 9.1) from the WGS 84 GeoJSON beside them (see the README there): Da Nang's
//! districts as a Shapefile in VN-2000 / UTM 48N (EPSG:3405, with the .prj GDAL writes in ESRI's
//! words and no datum shift in it), the same zipped, GeoPackages in WGS 84 / UTM 48N
//! (EPSG:32648) and in VN-2000's local Transverse Mercator for Da Nang (EPSG:5899), Bangkok's in
//! UTM 47N (EPSG:32647). Each is read back into WGS 84 and every vertex must land within 1 m of
//! the point it was made from.
//!
//! Out: the plan's GeoPackage is read by GDAL's own `ogrinfo`, an independent reader, with the
//! layers, feature counts and attributes the plan has.

use std::path::{Path, PathBuf};
use std::process::Command;

use ascn_model::geometry::{districts, positions};
use ascn_model::Geometry;
use common::Cli;

mod common;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/gis")
        .join(name)
}

/// Metres between two WGS 84 points a few metres apart.
fn metres(a: [f64; 2], b: [f64; 2]) -> f64 {
    let dy = (a[1] - b[1]).to_radians() * 6_371_000.0;
    let dx = (a[0] - b[0]).to_radians() * 6_371_000.0 * a[1].to_radians().cos();
    dx.hypot(dy)
}

/// The largest distance from a vertex of either shape to the nearest vertex of the other
/// (rings may start elsewhere or turn the other way in a Shapefile).
fn farthest(a: &Geometry, b: &Geometry) -> f64 {
    let nearest = |p: [f64; 2], of: &Geometry| {
        positions(of)
            .map(|q| metres(p, q))
            .fold(f64::INFINITY, f64::min)
    };
    let one_way =
        |x: &Geometry, y: &Geometry| positions(x).map(|p| nearest(p, y)).fold(0.0, f64::max);
    one_way(a, b).max(one_way(b, a))
}

#[test]
fn districts_in_vn2000_utm_and_a_local_transverse_mercator_land_within_a_metre() {
    for (file, source, crs, name_column) in [
        (
            "danang-vn2000.shp",
            "danang-districts.geojson",
            "EPSG:3405 VN-2000 / UTM zone 48N",
            "ten",
        ),
        (
            "danang-vn2000.zip",
            "danang-districts.geojson",
            "EPSG:3405 VN-2000 / UTM zone 48N",
            "ten",
        ),
        (
            "danang-utm48.gpkg",
            "danang-districts.geojson",
            "EPSG:32648 WGS 84 / UTM zone 48N",
            "ten",
        ),
        (
            "danang-tm3.gpkg",
            "danang-districts.geojson",
            "EPSG:5899 VN-2000 / TM-3 Da Nang zone",
            "ten",
        ),
        (
            "bangkok-utm47.shp",
            "bangkok-districts.geojson",
            "EPSG:32647 WGS 84 / UTM zone 47N",
            "name",
        ),
    ] {
        let layer = ascn_gis::read(&fixture(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(layer.crs, crs, "{file}");
        let read = districts::from_layer(&layer, Some(name_column)).unwrap();
        let expected =
            districts::parse(&std::fs::read_to_string(fixture(source)).unwrap()).unwrap();
        assert_eq!(read.len(), expected.len(), "{file}");
        for want in &expected {
            let got = read
                .iter()
                .find(|d| d.name == want.name)
                .unwrap_or_else(|| panic!("{file} lacks {}", want.name));
            let off = farthest(&got.geometry, &want.geometry);
            assert!(off < 1.0, "{file}: {} is {off:.3} m off", want.name);
        }
    }
}

#[test]
fn the_attribute_columns_are_read_in_the_files_script() {
    let layer = ascn_gis::read(&fixture("danang-utm48.gpkg")).unwrap();
    assert_eq!(layer.columns, ["ten", "ma", "dan_so"]);
    assert_eq!(layer.features[2].values, ["Ngũ Hành Sơn", "494", "93114"]);
    let layer = ascn_gis::read(&fixture("bangkok-utm47.shp")).unwrap();
    assert_eq!(layer.features[0].values[0], "ปทุมวัน");
    assert_eq!(districts::name_column(&layer), Some("name"));
}

/// A workspace with Da Nang's sample plan of six projects.
fn da_nang() -> Cli {
    let cli = Cli::new();
    cli.ok(&["demo", "--city", "Da Nang", "--projects", "6"]);
    cli
}

/// A copy of the VN-2000 Shapefile in a folder of its own, with `change` applied to it.
fn shapefile_copy(dir: &Path, change: impl FnOnce(&Path)) -> PathBuf {
    for ext in ["shp", "shx", "dbf", "prj", "cpg"] {
        let name = format!("danang-vn2000.{ext}");
        std::fs::copy(fixture(&name), dir.join(&name)).unwrap();
    }
    change(dir);
    dir.join("danang-vn2000.shp")
}

#[test]
fn the_cli_imports_districts_from_a_shapefile_and_refuses_bad_files_writing_nothing() {
    let cli = da_nang();
    let listed = || cli.ok(&["districts", "--city", "Da Nang"]);
    let before = listed();
    let shp = fixture("danang-vn2000.shp");
    let out = cli.ok(&[
        "districts",
        "--city",
        "Da Nang",
        "--import",
        shp.to_str().unwrap(),
    ]);
    assert!(
        out.contains(
            "Imported 3 districts for Da Nang from a Shapefile in EPSG:3405 VN-2000 / UTM zone 48N"
        ),
        "{out}"
    );
    // Areas as the globe has them, whichever way the Shapefile turns its rings.
    let line = out.lines().find(|l| l.starts_with("Ngũ Hành Sơn")).unwrap();
    assert!(line.contains(" 44.3 km²"), "{line}");
    let after = listed();
    assert_ne!(before, after);

    let folder = tempfile::tempdir().unwrap();
    let no_prj = shapefile_copy(folder.path(), |d| {
        std::fs::remove_file(d.join("danang-vn2000.prj")).unwrap()
    });
    let unknown = tempfile::tempdir().unwrap();
    let made_up = shapefile_copy(unknown.path(), |d| {
        std::fs::write(
            d.join("danang-vn2000.prj"),
            r#"PROJCS["Made_Up_Grid",GEOGCS["GCS_Nowhere",DATUM["D_Nowhere",SPHEROID["Round",1.0,0.0]]],PROJECTION["Flat_Earth"],UNIT["Meter",1.0]]"#,
        )
        .unwrap()
    });
    let bowtie = fixture("self-intersecting-utm48.gpkg");
    for (file, says) in [
        (no_prj, "danang-vn2000.shp has no danang-vn2000.prj beside it, so its coordinate system is unknown"),
        (made_up, "danang-vn2000.prj describes a coordinate system this app cannot read (Made_Up_Grid)"),
        (bowtie, "feature 1 (Bowtie): the outline crosses itself"),
        (fixture("danang-vn2000.dbf"), "is not a GIS file this app reads"),
    ] {
        let stderr = cli.refused(&["districts", "--city", "Da Nang", "--import", file.to_str().unwrap()]);
        assert!(stderr.contains(says), "{}: {stderr}", file.display());
        assert_eq!(listed(), after, "a refused file changes nothing");
    }
    // A column the file does not have is named with those it has.
    let stderr = cli.refused(&[
        "districts",
        "--city",
        "Da Nang",
        "--import",
        shp.to_str().unwrap(),
        "--name-column",
        "TEN_QUAN",
    ]);
    assert!(
        stderr.contains("the layer has no column 'TEN_QUAN'; it has ten, ma, dan_so"),
        "{stderr}"
    );
}

/// `ogrinfo`'s summary of one layer: its geometry, its count and its fields.
fn ogrinfo(file: &Path, layer: &str) -> String {
    let out = Command::new("ogrinfo")
        .args(["-ro", "-so"])
        .arg(file)
        .arg(layer)
        .output()
        .expect("ogrinfo (Debian's gdal-bin) is installed by scripts/setup.sh");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_geopackage_export_is_read_by_gdal_with_every_project_site_and_district() {
    let cli = da_nang();
    let shp = fixture("danang-vn2000.shp");
    cli.ok(&[
        "districts",
        "--city",
        "Da Nang",
        "--import",
        shp.to_str().unwrap(),
    ]);
    // A project known by its name and focus area only is in the layer too, without a place.
    cli.ok(&[
        "project",
        "add",
        "--city",
        "Da Nang",
        "--title",
        "Flood sensors",
        "--focus-area",
        "QE",
    ]);
    let out_dir = tempfile::tempdir().unwrap();
    let out = cli.ok(&[
        "export",
        "--city",
        "Da Nang",
        "--format",
        "gpkg",
        "--out",
        out_dir.path().to_str().unwrap(),
    ]);
    let gpkg = out_dir.path().join("da-nang-map.gpkg");
    assert!(out.contains("da-nang-map.gpkg"), "{out}");

    let projects = ogrinfo(&gpkg, "projects");
    for expected in [
        "Geometry: Point",
        "Feature Count: 7",
        "project_code: String",
        "start_year: Integer64",
        "budget: Real",
        "focus_area_name: String",
    ] {
        assert!(projects.contains(expected), "{expected} in {projects}");
    }
    let sites = ogrinfo(&gpkg, "sites");
    assert!(sites.contains("Feature Count: 6"), "{sites}");
    let districts = ogrinfo(&gpkg, "districts");
    assert!(districts.contains("Geometry: Multi Polygon"), "{districts}");
    // The demo's four sample districts and the three of the Shapefile.
    assert!(districts.contains("Feature Count: 7"), "{districts}");

    // The features themselves: the project without a place has no geometry and no budget.
    let out = Command::new("ogrinfo")
        .args(["-ro", "-q"])
        .arg(&gpkg)
        .args([
            "-sql",
            "SELECT title, budget, focus_area FROM projects WHERE title = 'Flood sensors'",
        ])
        .output()
        .unwrap();
    let flood = String::from_utf8(out.stdout).unwrap();
    assert!(flood.contains("budget (Real) = (null)"), "{flood}");
    assert!(flood.contains("focus_area (String) = QE"), "{flood}");
    let out = Command::new("ogrinfo")
        .args(["-ro", "-q"])
        .arg(&gpkg)
        .args(["-sql", "SELECT * FROM districts WHERE name = 'Sơn Trà'"])
        .output()
        .unwrap();
    let son_tra = String::from_utf8(out.stdout).unwrap();
    assert!(son_tra.contains("MULTIPOLYGON"), "{son_tra}");

    // And `all` writes it beside the other formats.
    let all = tempfile::tempdir().unwrap();
    cli.ok(&[
        "export",
        "--city",
        "Da Nang",
        "--out",
        all.path().to_str().unwrap(),
    ]);
    assert!(all.path().join("da-nang-map.gpkg").is_file());
    assert!(all.path().join("da-nang-locations.geojson").is_file());
}

/// What a poppler tool prints of a PDF: `pdfimages -list`, or `pdftotext` (to stdout).
fn pdf_tool(tool: &str, args: &[&str], pdf: &Path) -> String {
    let to_stdout: &[&str] = if tool == "pdftotext" { &["-"] } else { &[] };
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(to_stdout)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The XYZ tile of a point at zoom `z` (the OpenStreetMap wiki's formula).
fn slippy(lon: f64, lat: f64, z: u32) -> (u32, u32) {
    let n = f64::from(1u32 << z);
    let x = ((lon + 180.0) / 360.0 * n).floor() as u32;
    let lat = lat.to_radians();
    let y = ((1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * n).floor();
    (x, y as u32)
}

#[test]
fn a_map_is_drawn_over_an_mbtiles_basemap_with_its_attribution_in_svg_and_pdf() {
    use base64::Engine;
    let cli = da_nang();
    let tiles = fixture("danang-tiles.mbtiles");
    let svg_path = cli.dir.path().join("map.svg");
    let draw = |out: &Path| {
        cli.ok(&[
            "map",
            "--city",
            "Da Nang",
            "--basemap",
            tiles.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
    };
    draw(&svg_path);
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let images: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("image"))
        .collect();
    assert!(
        images.len() >= 4,
        "the tiles over the extent are drawn: {}",
        images.len()
    );
    assert!(
        svg.contains("Basemap: © ASCN test tiles (generated)."),
        "the source is printed"
    );
    assert!(
        !svg.contains("id=\"land\""),
        "the basemap replaces Natural Earth's outlines"
    );

    // The tile under the city's marker is the one the MBTiles holds for Da Nang's centre at
    // that zoom: columns and rows counted as the tiles' own scheme (TMS rows from the south).
    let city = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("city"))
        .and_then(|g| g.children().find(|c| c.has_tag_name("circle")))
        .unwrap();
    let (cx, cy): (f64, f64) = (
        city.attribute("cx").unwrap().parse().unwrap(),
        city.attribute("cy").unwrap().parse().unwrap(),
    );
    let number = |n: &roxmltree::Node, a: &str| -> f64 { n.attribute(a).unwrap().parse().unwrap() };
    let under = images
        .iter()
        .find(|i| {
            let (x, y, w, h) = (
                number(i, "x"),
                number(i, "y"),
                number(i, "width"),
                number(i, "height"),
            );
            (x..x + w).contains(&cx) && (y..y + h).contains(&cy)
        })
        .expect("a tile lies under the city");
    let href = under.attribute("href").unwrap();
    let drawn = base64::engine::general_purpose::STANDARD
        .decode(href.trim_start_matches("data:image/png;base64,"))
        .unwrap();
    let db = rusqlite::Connection::open(&tiles).unwrap();
    let found = (9..=13).any(|z| {
        let (x, y) = slippy(108.2208, 16.0678, z);
        let tile: Option<Vec<u8>> = db
            .query_row(
                "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                rusqlite::params![z, x, (1u32 << z) - 1 - y],
                |r| r.get(0),
            )
            .ok();
        tile.as_deref() == Some(drawn.as_slice())
    });
    assert!(found, "the tile drawn under the city is Da Nang's tile");

    // The PDF map embeds the tiles as images and prints the source.
    let pdf = cli.dir.path().join("map.pdf");
    draw(&pdf);
    let embedded = pdf_tool("pdfimages", &["-list"], &pdf)
        .lines()
        .skip(2)
        .count();
    assert_eq!(embedded, images.len(), "every tile is in the PDF");
    let text = pdf_tool("pdftotext", &[], &pdf);
    assert!(text.contains("© ASCN test tiles (generated)"), "{text}");
}

#[test]
fn a_basemap_kept_with_the_workspace_draws_under_the_reports_map_and_a_wrong_file_is_refused() {
    let cli = da_nang();
    assert!(cli.ok(&["basemap"]).starts_with("No basemap"));
    let tiles = fixture("danang-tiles.mbtiles");
    let out = cli.ok(&["basemap", "--set", tiles.to_str().unwrap()]);
    assert!(
        out.starts_with("Da Nang test tiles (png, zoom 9–13): © ASCN test tiles (generated)"),
        "{out}"
    );

    // Not a basemap: refused, and the one set stays.
    let empty = cli.dir.path().join("empty.mbtiles");
    let db = rusqlite::Connection::open(&empty).unwrap();
    db.execute_batch(
        "CREATE TABLE metadata (name TEXT, value TEXT); INSERT INTO metadata VALUES ('format', 'pbf');
         CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);",
    )
    .unwrap();
    drop(db);
    for (file, says) in [
        (empty, "holds no tiles"),
        (fixture("danang-utm48.gpkg"), "is not an MBTiles basemap"),
    ] {
        let stderr = cli.refused(&["basemap", "--set", file.to_str().unwrap()]);
        assert!(stderr.contains(says), "{stderr}");
        assert!(cli.ok(&["basemap"]).starts_with("Da Nang test tiles"));
    }

    // The plan's PDF report draws its map over it.
    let out = cli.dir.path().join("out");
    cli.ok(&[
        "export",
        "--city",
        "Da Nang",
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
    ]);
    let pdf = out.join("da-nang-plan-report.pdf");
    let images = pdf_tool("pdfimages", &["-list"], &pdf);
    assert!(
        images.lines().filter(|l| l.contains(" 256   256 ")).count() >= 4,
        "{images}"
    );
    assert!(pdf_tool("pdftotext", &[], &pdf).contains("Basemap: © ASCN test tiles (generated)."));

    cli.ok(&["basemap", "--clear"]);
    assert!(cli.ok(&["basemap"]).starts_with("No basemap"));
}

#[test]
fn a_pmtiles_basemap_gives_the_same_tiles_as_the_mbtiles_it_was_converted_from() {
    use ascn_formats::map::TileSource;
    use ascn_gis::basemap::Basemap;
    // danang-tiles.pmtiles was written by the pmtiles package's converter (PyPI), an
    // independent writer, from the MBTiles fixture.
    let pm = Basemap::open(&fixture("danang-tiles.pmtiles")).unwrap();
    assert_eq!(pm.info.attribution, "© ASCN test tiles (generated)");
    assert_eq!((pm.info.min_zoom, pm.info.max_zoom), (9, 13));
    let db = rusqlite::Connection::open(fixture("danang-tiles.mbtiles")).unwrap();
    let mut stmt = db
        .prepare("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles")
        .unwrap();
    let rows: Vec<(u8, u32, u32, Vec<u8>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 82);
    for (z, x, tms_row, data) in rows {
        let y = (1u32 << z) - 1 - tms_row;
        assert_eq!(
            pm.tile(z, x, y).as_deref(),
            Some(data.as_slice()),
            "tile {z}/{x}/{y}"
        );
    }
    assert_eq!(pm.tile(9, 0, 0), None, "a tile outside the file is none");
    // Anything else is refused by what it is.
    let message = Basemap::open(&fixture("danang-vn2000.shp"))
        .err()
        .unwrap()
        .to_string();
    assert!(
        message.contains("is not a basemap this app reads"),
        "{message}"
    );
}

#[test]
fn sites_from_a_geopackage_join_their_projects_by_code_in_one_edit_or_not_at_all() {
    let cli = da_nang();
    let show = |id: &str| -> serde_json::Value {
        serde_json::from_str(&cli.ok(&["project", "show", id, "--json"])).unwrap()
    };
    let code_of = |id: &str| show(id)["code"].as_str().unwrap().to_string();
    let sites_of = |id: &str| show(id)["locations"].as_array().unwrap().len();
    let (bi, cs) = ["1", "2", "3", "4", "5", "6"]
        .iter()
        .fold((None, None), |(bi, cs), id| match code_of(id).as_str() {
            "BI-01" => (Some(*id), cs),
            "CS-01" => (bi, Some(*id)),
            _ => (bi, cs),
        });
    let (bi, cs) = (bi.unwrap(), cs.unwrap());
    let before = (sites_of(bi), sites_of(cs));

    // A code no project has refuses the whole file, by feature; nothing is written.
    let bad = cli.dir.path().join("bad-sites.geojson");
    let text = std::fs::read_to_string(fixture("danang-sites.geojson"))
        .unwrap()
        .replacen("CS-01", "XX-99", 1);
    std::fs::write(&bad, text).unwrap();
    let import = |file: &Path| {
        vec![
            "sites".to_string(),
            "--city".into(),
            "Da Nang".into(),
            "--import".into(),
            file.to_str().unwrap().into(),
            "--code-column".into(),
            "ma_da".into(),
            "--name-column".into(),
            "ten".into(),
        ]
    };
    let args = import(&bad);
    let stderr = cli.refused(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        stderr.contains("feature 3: no project of this plan has the code 'XX-99'"),
        "{stderr}"
    );
    assert_eq!((sites_of(bi), sites_of(cs)), before, "nothing was written");

    // The GeoPackage in VN-2000: two sites for BI-01, an area for CS-01, named, in WGS 84.
    let args = import(&fixture("danang-sites-vn2000.gpkg"));
    let out = cli.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        out.starts_with("Added 3 sites to 2 projects of Da Nang from a GeoPackage in EPSG:3405"),
        "{out}"
    );
    assert_eq!((sites_of(bi), sites_of(cs)), (before.0 + 2, before.1 + 1));
    let dragon = show(bi)["locations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == "Cầu Rồng")
        .cloned()
        .expect("the site's name comes from its column");
    let at = &dragon["geometry"]["coordinates"];
    let off = metres(
        [at[0].as_f64().unwrap(), at[1].as_f64().unwrap()],
        [108.2272, 16.0611],
    );
    assert!(off < 1.0, "the bridge is {off} m from where it was drawn");

    // One edit: undo takes every site of the file back.
    let undone = cli.ok(&["undo", "--city", "Da Nang"]);
    assert!(
        undone.contains("Add sites from danang-sites-vn2000.gpkg (3)"),
        "{undone}"
    );
    assert_eq!((sites_of(bi), sites_of(cs)), before);
}

/// A tile server on this computer serving the MBTiles fixture's tiles at `/{z}/{x}/{y}.png`
/// (404 where it has none), counting the requests; it stops when `stop` is dropped.
struct TileServer {
    address: String,
    requests: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl TileServer {
    fn start() -> TileServer {
        use std::io::{BufRead, BufReader, Write};
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let requests = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (counted, stopping) = (requests.clone(), stop.clone());
        std::thread::spawn(move || {
            let db = rusqlite::Connection::open(fixture("danang-tiles.mbtiles")).unwrap();
            while !stopping.load(Ordering::Relaxed) {
                let Ok((stream, _)) = listener.accept() else {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    continue;
                };
                stream.set_nonblocking(false).unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                while reader.read_line(&mut String::new()).unwrap_or(0) > 2 {}
                counted.fetch_add(1, Ordering::Relaxed);
                let path = line.split(' ').nth(1).unwrap_or_default();
                let zxy: Vec<u32> = path
                    .trim_start_matches('/')
                    .trim_end_matches(".png")
                    .split('/')
                    .filter_map(|n| n.parse().ok())
                    .collect();
                let tile: Option<Vec<u8>> = match zxy[..] {
                    [z, x, y] => db
                        .query_row(
                            "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                            rusqlite::params![z, x, (1u32 << z) - 1 - y],
                            |r| r.get(0),
                        )
                        .ok(),
                    _ => None,
                };
                // The world tile, so the source answers the check: any of the fixture's.
                let tile = tile.or_else(|| {
                    (zxy == [0, 0, 0])
                        .then(|| {
                            db.query_row("SELECT tile_data FROM tiles", [], |r| r.get(0))
                                .ok()
                        })
                        .flatten()
                });
                let mut stream = stream;
                let _ = match tile {
                    Some(png) => stream
                        .write_all(
                            format!(
                                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                                png.len()
                            )
                            .as_bytes(),
                        )
                        .and_then(|()| stream.write_all(&png)),
                    None => stream.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    ),
                };
            }
        });
        TileServer {
            address,
            requests,
            stop,
        }
    }

    fn requests(&self) -> usize {
        self.requests.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl Drop for TileServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

#[test]
fn an_online_tile_source_is_off_until_set_fetched_by_the_app_and_drawn_from_its_cache_offline() {
    let cli = da_nang();
    let server = TileServer::start();
    let svg = cli.dir.path().join("map.svg");
    let tiles_drawn = || {
        cli.ok(&["map", "--city", "Da Nang", "--out", svg.to_str().unwrap()]);
        let text = std::fs::read_to_string(&svg).unwrap();
        (text.matches("<image").count(), text)
    };

    // Off by default: a map without a basemap asks no server for anything.
    let (drawn, _) = tiles_drawn();
    assert_eq!(drawn, 0);
    assert_eq!(server.requests(), 0, "nothing is fetched unless asked");

    // An address without its attribution, or without the tile's place, is refused.
    let template = format!("{}/{{z}}/{{x}}/{{y}}.png", server.address);
    let stderr = cli.refused(&["basemap", "--set", &template]);
    assert!(
        stderr.contains("give the source's attribution after #"),
        "{stderr}"
    );
    let stderr = cli.refused(&[
        "basemap",
        "--set",
        &format!("{}/tiles.png#©", server.address),
    ]);
    assert!(stderr.contains("is not a tile address"), "{stderr}");
    // A source that does not answer is refused when it is set.
    let stderr = cli.refused(&[
        "basemap",
        "--set",
        "http://127.0.0.1:9/{z}/{x}/{y}.png#© nobody",
    ]);
    assert!(stderr.contains("127.0.0.1:9 cannot be reached"), "{stderr}");
    assert!(cli.ok(&["basemap"]).starts_with("No basemap"));

    let out = cli.ok(&[
        "basemap",
        "--set",
        &format!("{template}#© ASCN test tiles (served)"),
    ]);
    assert!(
        out.contains("(online, zoom 0–19): © ASCN test tiles (served)"),
        "{out}"
    );
    assert_eq!(
        server.requests(),
        1,
        "the check asks for the world tile only"
    );

    // Drawn from the server, the attribution printed on the map.
    let (online, text) = tiles_drawn();
    assert!(online >= 4, "{online} tiles drawn");
    assert!(text.contains("© ASCN test tiles (served)"));
    let fetched = server.requests();
    assert!(fetched > online, "every tile drawn was fetched: {fetched}");

    // The server gone (an office without the network): the same map from the cache.
    let host = server.address.trim_start_matches("http://").to_string();
    drop(server);
    while std::net::TcpStream::connect(&host).is_ok() {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let (offline, again) = tiles_drawn();
    assert_eq!(offline, online, "the cached tiles draw the same map");
    assert_eq!(again, text);
}

#[test]
fn an_online_source_over_https_is_trusted_by_the_systems_certificates_only() {
    let cli = da_nang();
    let dir = cli.dir.path();
    // A certificate for 127.0.0.1 of the test's own, and a tile server speaking HTTPS with it.
    let made = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        ])
        .args([
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ])
        .args(["-addext", "basicConstraints=critical,CA:FALSE"])
        .arg("-keyout")
        .arg(dir.join("key.pem"))
        .arg("-out")
        .arg(dir.join("cert.pem"))
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let world = dir.join("www/0/0");
    std::fs::create_dir_all(&world).unwrap();
    let db = rusqlite::Connection::open(fixture("danang-tiles.mbtiles")).unwrap();
    let png: Vec<u8> = db
        .query_row("SELECT tile_data FROM tiles", [], |r| r.get(0))
        .unwrap();
    std::fs::write(world.join("0.png"), png).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new("python3")
        .arg("-c")
        .arg(
            "import http.server, ssl, sys
server = http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), http.server.SimpleHTTPRequestHandler)
tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
tls.load_cert_chain(sys.argv[2], sys.argv[3])
server.socket = tls.wrap_socket(server.socket, server_side=True)
server.serve_forever()",
        )
        .arg(port.to_string())
        .arg(dir.join("cert.pem"))
        .arg(dir.join("key.pem"))
        .current_dir(dir.join("www"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let source = format!("https://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png#© test");
    // A certificate the system does not trust is refused.
    let stderr = cli.refused(&["basemap", "--set", &source]);
    assert!(stderr.contains("UnknownIssuer"), "{stderr}");
    // Trusted by the system (OpenSSL's certificate file, which the platform verifier reads on
    // Linux), the same source is kept.
    let out = cli
        .command(&["basemap", "--set", &source])
        .env("SSL_CERT_FILE", dir.join("cert.pem"))
        .output()
        .unwrap();
    let _ = server.kill();
    let _ = server.wait();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("(online, zoom 0–19): © test"), "{said}");
}

#[test]
fn a_basemap_of_vector_tiles_is_drawn_on_the_rust_side_in_the_map_and_the_report() {
    use ascn_formats::map::TileSource;
    use ascn_gis::basemap::Basemap;
    // danang-vector.mbtiles was written by GDAL's MVT driver (gzipped tiles): water, roads and
    // the districts as three layers.
    let tiles = fixture("danang-vector.mbtiles");
    let basemap = Basemap::open(&tiles).unwrap();
    assert_eq!(basemap.info.format, "pbf");
    assert_eq!((basemap.info.min_zoom, basemap.info.max_zoom), (9, 13));
    // The tile under the bay and the river: its water drawn as areas, its roads as lines.
    let (x, y) = slippy(108.225, 16.08, 12);
    let drawn = String::from_utf8(basemap.tile(12, x, y).expect("a tile there")).unwrap();
    let svg = roxmltree::Document::parse(&drawn).expect("the tile is an SVG document");
    let paths: Vec<_> = svg
        .descendants()
        .filter(|n| n.has_tag_name("path"))
        .collect();
    assert!(
        paths.iter().any(|p| p.attribute("fill") == Some("#aad3df")),
        "water is drawn: {drawn}"
    );
    assert!(
        paths.iter().any(
            |p| p.attribute("fill") == Some("none") && p.attribute("stroke") == Some("#ffffff")
        ),
        "roads are drawn: {drawn}"
    );
    // A tile outside the file's coverage is none; a damaged tile is left out, not a crash.
    assert!(basemap.tile(12, 0, 0).is_none());
    assert!(ascn_gis::vector::draw(b"\x1f\x8b not gzip").is_none());

    // The workspace's basemap: the SVG map carries the drawn tiles, the PDF report's map too.
    let cli = da_nang();
    cli.ok(&["basemap", "--set", tiles.to_str().unwrap()]);
    let svg_file = cli.dir.path().join("map.svg");
    cli.ok(&[
        "map",
        "--city",
        "Da Nang",
        "--out",
        svg_file.to_str().unwrap(),
    ]);
    let map = std::fs::read_to_string(&svg_file).unwrap();
    let vector_tiles = map.matches("data:image/svg+xml;base64,").count();
    assert!(vector_tiles >= 4, "{vector_tiles} vector tiles on the map");
    assert!(
        map.contains("Da Nang vector test tiles"),
        "its source is printed"
    );
    let pdf = cli.dir.path().join("map.pdf");
    cli.ok(&["map", "--city", "Da Nang", "--out", pdf.to_str().unwrap()]);
    // Looked at as a reader would: the page has the water's blue where the bay is drawn.
    let png = cli.dir.path().join("page");
    let rendered = Command::new("pdftoppm")
        .args(["-png", "-r", "50", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(&png)
        .status()
        .unwrap();
    assert!(rendered.success());
    let page = std::fs::read_dir(cli.dir.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .unwrap();
    let out = Command::new("convert")
        .arg(&page)
        .args([
            "-fuzz",
            "3%",
            "-fill",
            "black",
            "+opaque",
            "#aad3df",
            "-format",
            "%[fx:mean]",
            "info:",
        ])
        .output()
        .unwrap();
    let water_share: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    assert!(water_share > 0.01, "water covers {water_share} of the page");
}
