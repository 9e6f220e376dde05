//! `cargo bench --bench planner`: how long the core takes for what a planner does, on a
//! generated plan, beside two baselines measured in the same run on the same data:
//! - a raw SQLite scan of the same rows (every project, funding line, KPI target and location),
//!   the least any reader of the workspace must pay;
//! - serde_json serialisation of the same loaded projects, a cost everyone knows.
//!
//! Ratios to the baselines hold on a noisy machine where milliseconds do not. Each figure is
//! the median of several runs after a warm-up. The table is written to docs/BENCHMARKS.md.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use ascn_planner::charts::{self, ChartKind};
use ascn_planner::export::annual;
use ascn_planner::export::{self, Format};
use ascn_planner::import::{self, plan_json};
use ascn_planner::model::{ProjectFilter, ProjectStatus};
use ascn_planner::rollup::{self, Scope};
use ascn_planner::{analysis, demo, map, pairing, progress, readiness, Workspace};

const PROJECTS: usize = 400;
/// The network roll-up's size: every pilot city with a plan of this many projects.
const NETWORK_PROJECTS: usize = 400;
const RUNS: usize = 15;

/// The median duration of `RUNS` calls of `f`, after two warm-up calls.
fn median<T>(mut f: impl FnMut() -> T) -> Duration {
    for _ in 0..2 {
        std::hint::black_box(f());
    }
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.ascn");
    let mut ws = Workspace::open(&path).expect("workspace");
    let city = ws.city_by_name("Da Nang").expect("pilot city").id;
    let setup = Instant::now();
    let plan = demo::fill(&mut ws, city, PROJECTS, 2018)
        .expect("demo plan")
        .id;
    let setup = setup.elapsed();
    let projects = ws.plan_projects(plan).expect("projects");
    assert_eq!(projects.len(), PROJECTS);

    let raw = rusqlite::Connection::open(&path).expect("raw connection");
    let scan = median(|| {
        scan_rows(
            &raw,
            &[
                "SELECT * FROM project WHERE plan_id = 1",
                "SELECT f.* FROM funding_line f JOIN project p ON p.id = f.project_id
                 WHERE p.plan_id = 1",
                "SELECT t.* FROM kpi_target t JOIN kpi k ON k.id = t.kpi_id
                 JOIN project p ON p.id = k.project_id WHERE p.plan_id = 1",
                "SELECT l.* FROM project_location l JOIN project p ON p.id = l.project_id
                 WHERE p.plan_id = 1",
            ],
        )
    });
    let json = median(|| serde_json::to_vec(&projects).expect("json").len());

    let filter = ProjectFilter {
        status: Some(ProjectStatus::InProgress),
        text: Some("smart".into()),
        ..Default::default()
    };
    let mut rows: Vec<(&str, Duration)> = vec![
        (
            "Load all projects whole",
            median(|| ws.plan_projects(plan).expect("load")),
        ),
        (
            "Projects table, no filter",
            median(|| ws.projects(plan, &ProjectFilter::default()).expect("list")),
        ),
        (
            "Projects table, status + text filter",
            median(|| ws.projects(plan, &filter).expect("list")),
        ),
        (
            "Sector map data (timeline + sector table)",
            median(|| {
                analysis::sector_map_of_plan(&ws, plan, &ProjectFilter::default())
                    .expect("sector map")
            }),
        ),
    ];
    for kind in ChartKind::ALL {
        let name = match kind {
            ChartKind::BudgetByFocusArea => "Chart: budget by focus area and year",
            ChartKind::FundingBySource => "Chart: funding by source",
            ChartKind::FundingByPartnerKind => "Chart: funding by partner kind",
            ChartKind::ProjectsByStatus => "Chart: projects by status",
        };
        rows.push((
            name,
            median(|| charts::for_plan(&ws, plan, *kind).expect("chart")),
        ));
    }
    let first = projects[0].id;
    rows.push((
        "Chart: one KPI",
        median(|| charts::for_kpi(&ws, first, 0).expect("kpi chart")),
    ));
    rows.push((
        "Map view (projected data for the UI)",
        median(|| map::for_plan(&ws, plan, 900.0, 640.0).expect("map")),
    ));
    rows.push((
        "Map SVG (view + document)",
        median(|| {
            let view = map::for_plan(&ws, plan, 1000.0, 700.0).expect("map");
            map::to_svg(&view, ws.reference()).len()
        }),
    ));
    let all_views = median(|| {
        analysis::sector_map_of_plan(&ws, plan, &ProjectFilter::default()).expect("sector map");
        for kind in ChartKind::ALL {
            charts::for_plan(&ws, plan, *kind).expect("chart");
        }
        let view = map::for_plan(&ws, plan, 1000.0, 700.0).expect("map");
        map::to_svg(&view, ws.reference()).len()
    });
    rows.push(("Sector map + all four charts + map SVG", all_views));

    // Exports as the user gets them: rendered and written atomically (synced) into a folder.
    let out = dir.path().join("exports");
    std::fs::create_dir_all(&out).expect("export folder");
    for format in Format::ALL {
        let name = match format {
            Format::Json => "Export: ASCF plan JSON",
            Format::Xlsx => "Export: spreadsheet (.xlsx)",
            Format::Pdf => "Export: PDF report",
            Format::Geojson => "Export: GeoJSON",
            Format::Iati => "Export: IATI 2.03 XML",
        };
        rows.push((
            name,
            median(|| export::write_plan(&ws, plan, &[*format], &out, |_| {}).expect("export")),
        ));
    }
    let all_exports =
        median(|| export::write_plan(&ws, plan, Format::ALL, &out, |_| {}).expect("export"));
    rows.push(("Export: all five formats", all_exports));

    // Import of the exported plan file into a second workspace, replacing what is there.
    let plan_file = out.join("da-nang-plan.json");
    let mut other = Workspace::open(dir.path().join("other.ascn")).expect("second workspace");
    rows.push((
        "Import: plan JSON (read, check, write)",
        median(|| {
            let text = import::read_text(&plan_file, plan_json::MAX_BYTES).expect("read");
            let file = plan_json::parse(&text).expect("parse");
            let checked = plan_json::check(&file, other.reference()).expect("check");
            other.import_plan(&checked, true).expect("import")
        }),
    ));

    let network = network_rows(dir.path());

    let table = ratio_table(
        &format!("operation ({PROJECTS} projects)"),
        scan,
        json,
        &rows,
    );
    print!("{table}");
    let network_table = ratio_table(
        &format!("operation (26 cities × {NETWORK_PROJECTS} projects)"),
        network.scan,
        network.json,
        &network.rows,
    );
    print!("{network_table}");

    let doc = format!(
        "# Benchmarks\n\n\
         Produced by `cargo bench --bench planner` (release build) on the development machine \
         ({cores} cores), median of {RUNS} runs after a warm-up, on a generated sample plan of \
         {PROJECTS} projects for Da Nang (each with a KPI and its yearly targets, two funding \
         lines and a location; generating it took {setup:.0} ms). Milliseconds vary with the \
         machine and its load; the ratios to the two baselines, measured in the same run on the \
         same data, are what to compare between runs.\n\n{table}\n\
         Budget (issue 3): the sector map data, all charts and the map SVG for a 400-project plan \
         in well under 100 ms of core time — measured above as \"Sector map + all four charts + \
         map SVG\": **{total:.1} ms**.\n\n\
         Budget (issue 4): every export format of a 400-project plan, written to a folder, in \
         well under 2 s — measured above as \"Export: all five formats\": **{exports:.0} ms**.\n\n\
         ## The network: 26 cities\n\n\
         Every one of the 26 pilot cities with a generated plan of {NETWORK_PROJECTS} projects \
         ({network_projects} projects, each with a KPI, its targets and actuals, two funding lines, a \
         location and yearly progress; generating them took {network_setup:.1} s), in one workspace \
         as a National Representative or the Secretariat holds them. The baselines are a raw \
         SQLite scan of all those rows and serde_json of all the loaded projects.\n\n\
         {network_table}\n\
         Budget (issue 6): the network roll-up for 26 cities × 400 projects in well under 1 s — \
         measured above as \"Roll-up: the whole network\": **{rollup:.0} ms**.\n",
        cores = std::thread::available_parallelism().map_or(1, |n| n.get()),
        setup = ms(setup),
        total = ms(all_views),
        exports = ms(all_exports),
        network_projects = network.projects,
        network_setup = network.setup.as_secs_f64(),
        rollup = ms(network.rollup),
    );
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/BENCHMARKS.md");
    ascn_planner::export::write_atomically(&out, doc.as_bytes()).expect("write docs/BENCHMARKS.md");
    println!("\nWrote {}", out.display());
}

/// The baseline: every value of every row the queries return, read raw; the count of rows.
fn scan_rows(raw: &rusqlite::Connection, queries: &[&str]) -> u64 {
    let mut rows = 0u64;
    for sql in queries {
        let mut stmt = raw.prepare_cached(sql).expect("baseline query");
        let columns = stmt.column_count();
        let mut q = stmt.query([]).expect("baseline rows");
        while let Some(row) = q.next().expect("row") {
            for c in 0..columns {
                std::hint::black_box(row.get_ref(c).expect("value"));
            }
            rows += 1;
        }
    }
    rows
}

/// A markdown table of `rows` with each figure as a ratio to the two baselines.
fn ratio_table(title: &str, scan: Duration, json: Duration, rows: &[(&str, Duration)]) -> String {
    let mut table = String::new();
    let _ = writeln!(
        table,
        "| {title} | median ms | × SQLite scan | × JSON serialisation |"
    );
    let _ = writeln!(table, "|---|---:|---:|---:|");
    let baselines = [
        ("*baseline:* raw SQLite scan of the same rows", scan),
        ("*baseline:* serde_json of the loaded projects", json),
    ];
    for (name, d) in baselines.iter().chain(rows) {
        let _ = writeln!(
            table,
            "| {name} | {:.2} | {:.1} | {:.1} |",
            ms(*d),
            ms(*d) / ms(scan),
            ms(*d) / ms(json)
        );
    }
    table
}

struct Network {
    setup: Duration,
    projects: usize,
    scan: Duration,
    json: Duration,
    rollup: Duration,
    rows: Vec<(&'static str, Duration)>,
}

/// The national and network figures, on a workspace of every pilot city's plan.
fn network_rows(dir: &std::path::Path) -> Network {
    let path = dir.join("network.ascn");
    let mut ws = Workspace::open(&path).expect("network workspace");
    let setup = Instant::now();
    let cities: Vec<_> = ws
        .cities()
        .expect("cities")
        .into_iter()
        .filter(|c| c.pilot)
        .collect();
    for (i, city) in cities.iter().enumerate() {
        demo::fill(&mut ws, city.id, NETWORK_PROJECTS, 2018 + i as u64).expect("demo plan");
    }
    let setup = setup.elapsed();
    let mut all = Vec::new();
    for city in &cities {
        let plan = ws.plan_of_city(city.id).expect("plan").expect("a plan");
        all.extend(ws.plan_projects(plan.id).expect("projects"));
    }

    let raw = rusqlite::Connection::open(&path).expect("raw connection");
    let scan = median(|| {
        scan_rows(
            &raw,
            &[
                "SELECT * FROM project",
                "SELECT * FROM funding_line",
                "SELECT * FROM kpi_target",
                "SELECT * FROM kpi_actual",
                "SELECT * FROM project_progress",
                "SELECT * FROM project_location",
            ],
        )
    });
    let json = median(|| serde_json::to_vec(&all).expect("json").len());

    let da_nang = ws.city_by_name("Da Nang").expect("Da Nang");
    let plan = ws
        .plan_of_city(da_nang.id)
        .expect("plan")
        .expect("a plan")
        .id;
    let rollup = median(|| rollup::roll_up(&ws, &Scope::Network).expect("roll-up"));
    let filter = ProjectFilter {
        status: Some(ProjectStatus::InProgress),
        text: Some("smart".into()),
        ..Default::default()
    };
    let mut rows: Vec<(&'static str, Duration)> = vec![
        (
            "Open the workspace (checks, migrations, reference)",
            median(|| Workspace::open(&path).expect("open")),
        ),
        (
            "Projects table of one city, status + text filter",
            median(|| ws.projects(plan, &filter).expect("list")),
        ),
        (
            "Readiness check of one city",
            median(|| readiness::of_plan(&ws, plan).expect("readiness")),
        ),
        ("Roll-up: the whole network", rollup),
        (
            "Roll-up: one member state (Viet Nam)",
            median(|| rollup::roll_up(&ws, &Scope::Country("VNM".into())).expect("roll-up")),
        ),
        (
            "Progress of one city in a year (load + plan against actual)",
            median(|| progress::report(&ws.plan_projects(plan).expect("load"), 2023)),
        ),
        (
            "Pairing suggestions for one city (reads every plan)",
            median(|| pairing::suggestions(&ws, da_nang.id).expect("suggestions")),
        ),
        (
            "Annual report data, the whole network",
            median(|| annual::build(&ws, &Scope::Network, Some(2023)).expect("report")),
        ),
    ];
    let report = annual::build(&ws, &Scope::Network, Some(2023)).expect("report");
    rows.push((
        "Annual report PDF, the whole network",
        median(|| annual::pdf(&report).expect("pdf")),
    ));
    rows.push((
        "Annual report spreadsheet, the whole network",
        median(|| annual::xlsx(&report).expect("xlsx")),
    ));
    let first = ws.submit_plan(plan, "bench").expect("submit").number;
    rows.push((
        "Revision diff of a 400-project plan with the plan now",
        median(|| ws.revision_diff(plan, first, None).expect("diff")),
    ));
    Network {
        setup,
        projects: all.len(),
        scan,
        json,
        rollup,
        rows,
    }
}
