//! `ascn-plan`: the planner's core, headless, for National Representatives and the Secretariat
//! who batch-process plans, and for tests and benchmarks. Parses arguments, calls the core, prints.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

mod monitoring;
mod national;
mod periods;
use monitoring::MeCommand;
use national::{PairingCommand, ProgressCommand};
use periods::PeriodCommand;

use ascn_formats::map::TileSource;
use ascn_formats::{charts, export, import, map};
use ascn_gis::basemap::Basemap;
use ascn_model::framework::Reference;
use ascn_model::geometry::districts;
use ascn_model::languages::ReportLanguages;
use ascn_model::plan_file::read::{self as plan_json, CheckedPlan};
use ascn_model::plan_file::PlanFile;
use ascn_model::{compare, readiness, search, zawgyi, Error as ModelError};
use ascn_model::{
    City, CityId, FundingLine, FundingSource, FundingStatus, NewCity, Plan, ProjectDraft,
    ProjectFilter, ProjectId, ProjectSort, ProjectStatus,
};
use ascn_store::{self as store, demo, Error, Workspace};

const EXIT_HELP: &str = "Exit status: 0 success, 1 failure, 2 wrong usage, 65 invalid data \
(the message names each field and rule; nothing was written).";

#[derive(Parser)]
#[command(name = "ascn-plan", version, about = "ASCN Action Planner, headless", after_help = EXIT_HELP)]
struct Cli {
    /// Workspace file (default: $ASCN_WORKSPACE, else the OS data directory)
    #[arg(long, global = true, value_name = "PATH")]
    workspace: Option<PathBuf>,
    /// The plan period of the city's plan, e.g. 2026-2035 (default: the city's latest plan, or
    /// the period of today for a city without one)
    #[arg(long, global = true, value_name = "PERIOD")]
    period: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the workspace (or check an existing one) and load the framework reference
    Init,
    /// List cities, grouped by member state
    Cities {
        /// Only cities of this member state (ISO alpha-3, e.g. VNM)
        #[arg(long)]
        country: Option<String>,
        /// Only the members of the ASEAN Smart Cities Network
        #[arg(long)]
        members: bool,
        #[arg(long)]
        json: bool,
    },
    /// Add a city that is not an ASCN pilot city
    AddCity {
        #[arg(long)]
        name: String,
        /// Member state, ISO alpha-3 (e.g. VNM)
        #[arg(long)]
        country: String,
        #[arg(long)]
        population: Option<i64>,
        #[arg(long, allow_hyphen_values = true)]
        latitude: Option<f64>,
        #[arg(long, allow_hyphen_values = true)]
        longitude: Option<f64>,
        /// Chief Smart City Officer
        #[arg(long)]
        officer: Option<String>,
        /// The year it joined the ASEAN Smart Cities Network, if it is a member
        #[arg(long)]
        member_since: Option<i32>,
    },
    /// Mark a city a member of the ASEAN Smart Cities Network from a year (or, with --none, not a
    /// member)
    Member {
        #[arg(long)]
        city: String,
        #[arg(long, required_unless_present = "none")]
        since: Option<i32>,
        #[arg(long, conflicts_with = "since")]
        none: bool,
    },
    /// Start a city's plan of the next period from its last one, or close a period
    #[command(subcommand)]
    Period(PeriodCommand),
    /// List the versions of the ASEAN Smart Cities Framework in the workspace, or load a later
    /// one from its file (with how it maps the focus areas of an earlier version)
    Frameworks {
        /// A framework file to load
        #[arg(long)]
        load: Option<PathBuf>,
    },
    /// The Secretariat's monitoring: import its table of the network's projects, write its
    /// yearly M&E report
    #[command(subcommand)]
    Me(MeCommand),
    /// List the plan periods
    Periods {
        #[arg(long)]
        json: bool,
    },
    /// Show a city's plan: period, vision, focus areas and counts
    Plan {
        #[arg(long)]
        city: String,
        #[arg(long)]
        json: bool,
        /// Also make it the plan the app opens on at its next start
        #[arg(long)]
        open: bool,
    },
    /// Add, list, show, delete or restore projects
    #[command(subcommand)]
    Project(ProjectCommand),
    /// Back up the workspace, list its backups, or restore one
    #[command(subcommand)]
    Backup(BackupCommand),
    /// Draw a chart of a city's plan to an SVG file
    Chart {
        #[arg(long)]
        city: String,
        /// budget-by-focus-area, funding-by-source, funding-by-partner-kind,
        /// projects-by-status, or kpi (with --project and --kpi)
        #[arg(long)]
        kind: String,
        /// Project id, for --kind kpi
        #[arg(long)]
        project: Option<i64>,
        /// Which KPI of the project, counting from 1, for --kind kpi
        #[arg(long, default_value_t = 1)]
        kpi: usize,
        #[arg(long)]
        out: PathBuf,
    },
    /// Draw a city's plan on a map (districts, project locations) as SVG or PDF, over the
    /// workspace's basemap, the one given, or Natural Earth's outlines
    Map {
        #[arg(long)]
        city: String,
        /// map.svg or map.pdf
        #[arg(long)]
        out: PathBuf,
        /// A raster MBTiles or PMTiles file to draw beneath the plan (instead of the
        /// workspace's basemap)
        #[arg(long)]
        basemap: Option<PathBuf>,
        #[arg(long, default_value_t = 1000)]
        width: u32,
        #[arg(long, default_value_t = 700)]
        height: u32,
    },
    /// Show the basemap the maps are drawn over, set one (an MBTiles or PMTiles file of raster or
    /// vector tiles, or an online source `https://…/{z}/{x}/{y}.png#attribution`, fetched only
    /// once set), or clear it
    Basemap {
        #[arg(long, conflicts_with = "clear")]
        set: Option<PathBuf>,
        #[arg(long)]
        clear: bool,
    },
    /// Add project sites from a GIS file: each feature a site of the project whose code its
    /// code column holds (all or nothing; one edit to undo)
    Sites {
        #[arg(long)]
        city: String,
        /// A Shapefile (.shp or zipped), GeoPackage, KML or GeoJSON, in any coordinate system
        /// it names
        #[arg(long)]
        import: PathBuf,
        /// The attribute column holding each feature's project code
        #[arg(long)]
        code_column: String,
        /// The attribute column naming each site (default: none)
        #[arg(long)]
        name_column: Option<String>,
    },
    /// List a city's districts, or import district boundaries from a GIS file
    Districts {
        #[arg(long)]
        city: String,
        /// A GIS file of named Polygons or MultiPolygons, in any coordinate system it names: a
        /// Shapefile (.shp with its .shx, .dbf and .prj beside it, or all zipped), a GeoPackage
        /// (.gpkg, its first layer), KML or GeoJSON
        #[arg(long)]
        import: Option<PathBuf>,
        /// The attribute column that names the districts (default: the first of name, NAME,
        /// Name, ten, TEN, district, NAME_3, NAME_2, NAME_1… the file has)
        #[arg(long, requires = "import")]
        name_column: Option<String>,
    },
    /// Export a city's plan to files: json (the ASCF plan file), xlsx, pdf, geojson, iati, gpkg
    /// (a GeoPackage for GIS), or all
    Export {
        #[arg(long)]
        city: String,
        /// json, xlsx, pdf, geojson, iati, gpkg, or all
        #[arg(long, default_value = "all")]
        format: String,
        /// Folder to write into (created if missing)
        #[arg(long)]
        out: PathBuf,
        /// The PDF's language: en, one of the plan's languages (e.g. km), or both; the other
        /// files carry every language
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Import an ASCF plan file (.json), or projects from a spreadsheet (.csv, .xlsx) into a
    /// city's plan; nothing is written if anything in the file is wrong
    Import {
        file: PathBuf,
        /// For a spreadsheet: the city whose plan receives the projects
        #[arg(long)]
        city: Option<String>,
        /// For a plan file: replace the city's plan if it already has projects here
        #[arg(long)]
        replace: bool,
        /// For a spreadsheet: how its numbers are written, `point` (1,234.56) or `comma`
        /// (1.234,56); by default the numbers show it, and an ambiguous one is refused
        #[arg(long, value_parser = parse_decimal)]
        decimal: Option<import::numbers::NumberStyle>,
        /// Burmese text in the older Zawgyi encoding: `convert` it to Unicode, or `keep` it as
        /// it is; a file with such text is refused until one is chosen
        #[arg(long, value_enum)]
        zawgyi: Option<ZawgyiChoice>,
    },
    /// Write the spreadsheet templates (CSV and XLSX) for importing projects
    Template {
        #[arg(long)]
        out: PathBuf,
        /// A city whose plan's languages get a column beside each narrative (`Title [km]`)
        #[arg(long)]
        city: Option<String>,
    },
    /// Check an ASCF plan file without importing it, or a city's plan in the workspace, and list
    /// the readiness findings
    Validate {
        #[arg(required_unless_present = "city", conflicts_with = "city")]
        file: Option<PathBuf>,
        /// A city whose plan in the workspace to check
        #[arg(long)]
        city: Option<String>,
    },
    /// Undo the last edit of a city's plan
    Undo {
        #[arg(long)]
        city: String,
    },
    /// Redo the edit of a city's plan undone last
    Redo {
        #[arg(long)]
        city: String,
    },
    /// Search a city's plan: projects, KPIs, partners, focus areas, vision and context
    Search {
        #[arg(long)]
        city: String,
        query: String,
    },
    /// Several cities' plans side by side: focus areas, projects, budget, readiness
    Compare {
        /// A city (repeat for each)
        #[arg(long = "city", required = true, num_args = 1)]
        cities: Vec<String>,
    },
    /// Yearly progress: show a city's plan against what was reported, or report a project's year
    #[command(subcommand)]
    Progress(ProgressCommand),
    /// Submit a city's plan to the National Representative, freezing it as the next revision
    Submit {
        #[arg(long)]
        city: String,
        /// What this revision is, e.g. "After the SCGW"
        #[arg(long, default_value = "")]
        label: String,
    },
    /// List the revisions of a city's plan
    Revisions {
        #[arg(long)]
        city: String,
        #[arg(long)]
        json: bool,
    },
    /// What changed between two revisions of a city's plan, or from one to the plan now
    Diff {
        #[arg(long)]
        city: String,
        #[arg(long)]
        from: u32,
        /// A later revision (default: the plan as it is now)
        #[arg(long)]
        to: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Suggest pairings for a city (other cities, partners), record one, or list them
    #[command(subcommand)]
    Pairing(PairingCommand),
    /// Roll several cities' plans up into the national (or network) view and annual report
    Rollup {
        /// A folder of plan files to roll up (default: the plans in the workspace)
        #[arg(long = "in", value_name = "DIR")]
        input: Option<PathBuf>,
        /// Only this member state (ISO alpha-3, e.g. VNM); the whole network otherwise
        #[arg(long)]
        country: Option<String>,
        /// The year of progress to report (default: the latest reported)
        #[arg(long)]
        year: Option<i32>,
        /// Folder to write the report into (PDF, XLSX and the roll-up as JSON)
        #[arg(long)]
        out: PathBuf,
    },
    /// Write the annual progress report of a city, a member state, or (with neither) the network
    Report {
        #[arg(long, conflicts_with = "country")]
        city: Option<String>,
        #[arg(long)]
        country: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Fill a city's (empty) plan with clearly marked sample data
    Demo {
        #[arg(long)]
        city: String,
        #[arg(long, default_value_t = demo::DEFAULT_PROJECTS)]
        projects: usize,
        #[arg(long, default_value_t = 2018)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum BackupCommand {
    /// Take a backup now (in `<workspace>-backups/`, kept until you delete it)
    Create,
    /// List the backups, newest first
    List,
    /// Delete one backup
    Delete { file: PathBuf },
    /// Replace the workspace with a backup; what is there now is backed up first
    Restore { file: PathBuf },
}

#[derive(Subcommand)]
enum ProjectCommand {
    /// Add a project to a city's plan (the plan is started if the city has none)
    Add(Box<AddProject>),
    /// List a city's projects
    List {
        #[arg(long)]
        city: String,
        #[arg(long)]
        focus_area: Option<String>,
        #[arg(long)]
        sector: Option<String>,
        #[arg(long, value_parser = parse_status)]
        status: Option<ProjectStatus>,
        /// Projects running in this year
        #[arg(long)]
        year: Option<i32>,
        /// Words to find in code, title, description or lead agency
        #[arg(long)]
        search: Option<String>,
        #[arg(long, value_parser = parse_sort, default_value = "code")]
        sort: ProjectSort,
        #[arg(long)]
        json: bool,
    },
    /// Show one project whole
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Delete a project (it can be restored)
    Delete { id: i64 },
    /// Restore a deleted project
    Restore { id: i64 },
}

#[derive(Args)]
struct AddProject {
    #[arg(long)]
    city: String,
    #[arg(long)]
    title: String,
    /// Primary focus area: CS, HW, SS, QE, BI or II
    #[arg(long)]
    focus_area: String,
    /// Sector code (repeatable), e.g. transport
    #[arg(long)]
    sector: Vec<String>,
    /// First year (may be left out while drafting)
    #[arg(long)]
    start: Option<i32>,
    /// Last year (may be left out while drafting)
    #[arg(long)]
    end: Option<i32>,
    /// Code such as BI-03 (generated when left out)
    #[arg(long, default_value = "")]
    code: String,
    #[arg(long, default_value = "")]
    description: String,
    /// The title in a local language of the plan, as TAG=TEXT (repeatable), e.g. km=ផ្លូវ
    #[arg(long, value_parser = parse_local)]
    title_in: Vec<(String, String)>,
    /// The description in a local language of the plan, as TAG=TEXT (repeatable)
    #[arg(long, value_parser = parse_local)]
    description_in: Vec<(String, String)>,
    #[arg(long, value_parser = parse_status, default_value = "planned")]
    status: ProjectStatus,
    #[arg(long, default_value = "")]
    lead_agency: String,
    /// Strategic outcome (repeatable): CE, SE or QL
    #[arg(long)]
    outcome: Vec<String>,
    /// SDG number (repeatable)
    #[arg(long)]
    sdg: Vec<u8>,
    #[arg(long)]
    bankable: bool,
    /// Cost estimate from the city budget, committed over the project's years
    #[arg(long, allow_hyphen_values = true)]
    budget: Option<f64>,
    #[arg(long, default_value = "USD")]
    currency: String,
}

fn parse_status(text: &str) -> Result<ProjectStatus, String> {
    ProjectStatus::parse(text).ok_or_else(|| {
        let all: Vec<_> = ProjectStatus::ALL.iter().map(|s| s.as_str()).collect();
        format!("expected one of {}", all.join(", "))
    })
}

/// A text in a language, `km=ផ្លូវ`: the tag is checked with the rest of the draft.
fn parse_local(text: &str) -> Result<(String, String), String> {
    text.split_once('=')
        .map(|(tag, text)| (tag.trim().to_string(), text.to_string()))
        .ok_or_else(|| "expected TAG=TEXT, e.g. km=ផ្លូវ".into())
}

fn parse_sort(text: &str) -> Result<ProjectSort, String> {
    serde_json::from_value(serde_json::Value::String(text.into())).map_err(|_| {
        "expected code, title, focus_area, start_year, end_year, status or lead_agency".into()
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Model(ModelError::Validation(errors))) => {
            eprintln!("error: nothing was saved; fix these and try again:");
            for e in errors {
                eprintln!("  {}: {}", e.field, e.message);
            }
            ExitCode::from(65)
        }
        Err(Error::Model(ModelError::Usage(message))) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace's basemap, when one is set and can be opened; one that cannot (moved, on a
/// drive not plugged in) is said on stderr and the map is drawn without it.
fn workspace_basemap(ws: &Workspace) -> Result<Option<Basemap>, Error> {
    let Some(file) = ws.basemap()? else {
        return Ok(None);
    };
    match Basemap::open(&file) {
        Ok(tiles) => Ok(Some(tiles)),
        Err(e) => {
            eprintln!(
                "warning: the basemap {} cannot be opened ({e}); drawing without it",
                file.display()
            );
            Ok(None)
        }
    }
}

/// What an import does with Burmese text in Zawgyi.
#[derive(Clone, Copy, Debug, PartialEq, clap::ValueEnum)]
enum ZawgyiChoice {
    Convert,
    Keep,
}

/// Whether to convert the Zawgyi texts an import found: refused, naming each, while the
/// user has not chosen.
fn convert_zawgyi(
    found: &[zawgyi::ZawgyiText],
    choice: Option<ZawgyiChoice>,
) -> Result<bool, Error> {
    match choice {
        None if !found.is_empty() => Err(Error::invalid(zawgyi::undecided(
            found,
            "Import with --zawgyi convert to store it as Unicode, or --zawgyi keep to store it as it is.",
        ))),
        choice => Ok(choice == Some(ZawgyiChoice::Convert)),
    }
}

fn parse_decimal(text: &str) -> Result<import::numbers::NumberStyle, String> {
    import::numbers::NumberStyle::parse(text).ok_or_else(|| "use point or comma".into())
}

fn run(cli: Cli) -> Result<(), Error> {
    let path = store::resolve_path(cli.workspace)?;
    // Restoring replaces the file, so it must not hold it open.
    if let Command::Backup(BackupCommand::Restore { file }) = &cli.command {
        let safety = store::backup::restore(&path, file)?;
        println!(
            "Restored {} from {}; what was there before is in {}",
            path.display(),
            file.display(),
            safety.path.display()
        );
        return Ok(());
    }
    let mut ws = Workspace::open(&path)?;
    // A command that fails changes nothing: the plan it started for a city (to find the plan
    // to write to) is taken back while it is still empty.
    let plans_before = ws.plan_ids()?;
    let done = execute(&mut ws, cli.command, cli.period.as_deref());
    if done.is_err() {
        for plan in ws.plan_ids()? {
            if !plans_before.contains(&plan) {
                ws.discard_plan_if_empty(plan)?;
            }
        }
    }
    done
}

fn execute(ws: &mut Workspace, command: Command, period: Option<&str>) -> Result<(), Error> {
    match command {
        Command::Init => {
            let cities = ws.cities()?;
            println!("Workspace: {}", ws.path().display());
            println!(
                "{} (reference version {}): {} focus areas, {} sectors, {} member states, {} cities",
                ws.reference().name,
                ws.reference().version,
                ws.reference().focus_areas.len(),
                ws.reference().sectors.len(),
                ws.reference().member_states.len(),
                cities.len()
            );
        }
        Command::Cities {
            country,
            members,
            json,
        } => {
            let cities: Vec<_> = ws
                .cities()?
                .into_iter()
                .filter(|c| country.as_deref().is_none_or(|iso| c.member_state == iso))
                .filter(|c| !members || c.member_since.is_some())
                .collect();
            if json {
                print_json(&cities);
            } else {
                let mut current = String::new();
                for city in cities {
                    if city.member_state != current {
                        let state = ws.reference().member_state(&city.member_state);
                        println!("{}", state.map_or(city.member_state.as_str(), |m| &m.name));
                        current = city.member_state.clone();
                    }
                    let member = city.member_since.map(|y| format!("member since {y}"));
                    let marks = [
                        city.pilot.then(|| "pilot".to_string()),
                        member,
                        city.has_plan.then(|| "has a plan".to_string()),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                    println!("  {:>4}  {:<24} {marks}", city.id, city.name);
                }
            }
        }
        Command::AddCity {
            name,
            country,
            population,
            latitude,
            longitude,
            officer,
            member_since,
        } => {
            let city = ws.add_city(&NewCity {
                name,
                member_state: country.to_uppercase(),
                population,
                latitude,
                longitude,
                officer,
                member_since,
            })?;
            println!(
                "Added {} ({}), id {}{}",
                city.name,
                city.member_state,
                city.id,
                city.member_since
                    .map(|y| format!(", member of the network since {y}"))
                    .unwrap_or_default()
            );
        }
        Command::Member { city, since, .. } => {
            let city = ws.city_by_name(&city)?;
            let city = ws.set_member(city.id, since)?;
            match city.member_since {
                Some(year) => println!("{} is a member of the network since {year}", city.name),
                None => println!("{} is not a member of the network", city.name),
            }
        }
        Command::Period(command) => periods::period(ws, command, period)?,
        Command::Me(command) => monitoring::me(ws, command, period)?,
        Command::Frameworks { load } => {
            if let Some(path) = load {
                let text = import::read_text(&path, ascn_model::plan_file::read::MAX_BYTES)?;
                let loaded = ws.load_framework(&text)?;
                println!(
                    "Loaded version {} of the Framework: {}",
                    loaded.version, loaded.name
                );
            }
            for r in ws.frameworks() {
                let default = if r.version == ws.reference().version {
                    "  (new plans)"
                } else {
                    ""
                };
                println!(
                    "{}  {}: {} focus areas{default}",
                    r.version,
                    r.name,
                    r.focus_areas.len()
                );
            }
        }
        Command::Periods { json } => {
            let periods = &ws.reference().periods;
            if json {
                print_json(periods);
            } else {
                let current = ws.current_period()?.code;
                for p in periods {
                    let mark = if p.code == current { "  (now)" } else { "" };
                    println!("{}  {}{mark}", p.code, p.name);
                }
            }
        }
        Command::Plan { city, json, open } => {
            let (city, plan) = city_plan(ws, &city, period)?;
            if open {
                ws.remember_city(city.id)?;
            }
            let overview = ws.overview(plan.id)?;
            if json {
                print_json(&overview);
            } else {
                let p = &overview.plan;
                println!(
                    "{}, {} — Smart City Action Plan {}–{} ({}{})",
                    overview.city.name,
                    overview.member_state.name,
                    p.period_start,
                    p.period_end,
                    p.status,
                    if p.sample { ", sample data" } else { "" }
                );
                if !p.vision.is_empty() {
                    println!("Vision: {}", p.vision);
                }
                println!(
                    "{} projects, {} partners, {} KPIs",
                    overview.project_count, overview.partner_count, overview.kpi_count
                );
                let reference = ws.reference_for(p)?;
                for c in &overview.by_focus_area {
                    let chosen = p.focus_areas.iter().any(|f| f.focus_area == c.code);
                    println!(
                        "  {} {:<24} {:>4} projects{}",
                        c.code,
                        focus_area_name(&reference, &c.code),
                        c.count,
                        if chosen { "  (chosen)" } else { "" }
                    );
                }
                for a in &overview.budget {
                    println!("Budget: {} {}", format_amount(a.value), a.currency);
                }
            }
        }
        Command::Project(command) => project(ws, command, period)?,
        Command::Backup(BackupCommand::Create) => {
            let b = ws.back_up(store::backup::Reason::ByHand)?;
            println!("Backed up to {} ({} bytes)", b.path.display(), b.bytes);
        }
        Command::Backup(BackupCommand::List) => {
            let all = store::backup::list(ws.path())?;
            if all.is_empty() {
                println!("No backups yet");
            }
            for b in all {
                let why = match b.reason {
                    store::backup::Reason::Rolling => "",
                    store::backup::Reason::ByHand => "  kept: taken by hand",
                    store::backup::Reason::BeforeRestore => "  kept: taken before a restore",
                    store::backup::Reason::BeforeImport => "  kept: taken before an import",
                };
                println!(
                    "{}  {:>10} bytes  {}{why}",
                    b.taken,
                    b.bytes,
                    b.path.display()
                );
            }
        }
        Command::Backup(BackupCommand::Delete { file }) => {
            store::backup::delete(ws.path(), &file)?;
            println!("Deleted {}", file.display());
        }
        Command::Backup(BackupCommand::Restore { .. }) => unreachable!("handled before opening"),
        Command::Chart {
            city,
            kind,
            project,
            kpi,
            out,
        } => {
            let (_, plan) = city_plan(ws, &city, period)?;
            let svg = if kind == "kpi" {
                let project = project.ok_or_else(|| usage("--kind kpi needs --project ID"))?;
                let index = kpi
                    .checked_sub(1)
                    .ok_or_else(|| usage("--kpi counts from 1"))?;
                let of = ws.project(ProjectId(project))?.plan_id;
                charts::for_kpi(&*ws.document(of)?, ProjectId(project), index)?
            } else {
                let kind =
                    serde_json::from_value(serde_json::Value::String(kind.replace('-', "_")))
                        .map_err(|_| {
                            usage(
                                "--kind is one of budget-by-focus-area, funding-by-source, \
                             funding-by-partner-kind, projects-by-status, kpi",
                            )
                        })?;
                charts::for_plan(&*ws.document(plan.id)?, &*ws.reference_for(&plan)?, kind)?
            };
            export::write_atomically(&out, svg.as_bytes())?;
            println!("Wrote {}", out.display());
        }
        Command::Map {
            city,
            out,
            basemap,
            width,
            height,
        } => {
            let (_, plan) = city_plan(ws, &city, period)?;
            let doc = ws.document(plan.id)?;
            let tiles = match basemap {
                Some(file) => Some(Basemap::open(&file)?),
                None => workspace_basemap(ws)?,
            };
            let view = map::for_plan(
                &doc,
                f64::from(width),
                f64::from(height),
                tiles.as_ref().map(|t| t as &dyn TileSource),
            )?;
            let svg = map::to_svg(&view, &*ws.reference_for(&plan)?);
            let is_pdf = out
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
            let bytes = if is_pdf {
                let title = format!("{}: the plan on the map", doc.city.name);
                export::pdf::map_page(&title, &svg, &view.attribution)?
            } else {
                svg.into_bytes()
            };
            export::write_atomically(&out, &bytes)?;
            println!(
                "Wrote {} ({} project locations, {} districts)",
                out.display(),
                view.features.len(),
                view.districts.len()
            );
        }
        Command::Basemap { set, clear } => {
            if let Some(file) = set {
                // Checked before it is kept: a file that is no basemap is never set.
                let file = if ascn_gis::online::is_online(&file.to_string_lossy()) {
                    file
                } else {
                    std::fs::canonicalize(&file).map_err(|e| Error::io(file.clone(), e))?
                };
                Basemap::check(&file)?;
                ws.set_basemap(Some(&file))?;
            } else if clear {
                ws.set_basemap(None)?;
            }
            match ws.basemap()? {
                None => println!("No basemap: maps are drawn over Natural Earth's outlines"),
                Some(file) => match Basemap::open(&file) {
                    Ok(Basemap { info, .. }) => println!(
                        "{} ({}, zoom {}–{}): {}\n  {}",
                        info.name,
                        info.format,
                        info.min_zoom,
                        info.max_zoom,
                        info.attribution,
                        info.path
                    ),
                    Err(e) => println!("{} cannot be opened: {e}", file.display()),
                },
            }
        }
        Command::Sites {
            city,
            import,
            code_column,
            name_column,
        } => {
            let (city, plan) = city_plan(ws, &city, period)?;
            let layer = ascn_gis::read(&import)?;
            let sites = ascn_model::geometry::sites::from_layer(
                &layer,
                &code_column,
                name_column.as_deref(),
            )
            .map_err(Error::invalid)?;
            let source = import
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let added = ws.add_sites(plan.id, &sites, &source)?;
            println!(
                "Added {} sites to {} projects of {} from a {} in {}",
                sites.len(),
                added.len(),
                city.name,
                layer.format,
                layer.crs
            );
            for (code, n) in added {
                println!("  {code:<8} +{n}");
            }
        }
        Command::Districts {
            city,
            import,
            name_column,
        } => {
            let city = ws.city_by_name(&city)?;
            if let Some(path) = import {
                let layer = ascn_gis::read(&path)?;
                let shapes = districts::from_layer(&layer, name_column.as_deref())
                    .map_err(Error::invalid)?;
                let saved = ws.save_districts(city.id, &shapes)?;
                println!(
                    "Imported {} districts for {} from a {} in {}",
                    saved.len(),
                    city.name,
                    layer.format,
                    layer.crs
                );
            }
            let counts = match plan_of(ws, city.id, period)? {
                Some(plan) => ws.project_districts(plan.id)?,
                None => Vec::new(),
            };
            for d in ws.districts(city.id)? {
                let projects = counts
                    .iter()
                    .filter(|p| p.districts.contains(&d.name))
                    .count();
                println!(
                    "{:<32} {:>9.1} km²  {projects:>4} projects",
                    d.name, d.area_km2
                );
            }
        }
        Command::Export {
            city,
            format,
            out,
            lang,
        } => {
            let (_, plan) = city_plan(ws, &city, period)?;
            let languages = ReportLanguages::parse(&lang, &plan.languages)
                .map_err(|e| usage(&format!("--lang: {e}")))?;
            // The GeoPackage is written by the GIS crate (it is an SQLite file); the rest here.
            let (formats, gpkg) = match format.as_str() {
                "all" => (export::Format::ALL.to_vec(), true),
                "gpkg" => (Vec::new(), true),
                name => (
                    vec![export::Format::parse(name).ok_or_else(|| {
                        let names: Vec<_> = export::Format::ALL.iter().map(|f| f.name()).collect();
                        usage(&format!(
                            "--format is one of {}, gpkg, or all",
                            names.join(", ")
                        ))
                    })?],
                    false,
                ),
            };
            std::fs::create_dir_all(&out).map_err(|source| Error::io(out.clone(), source))?;
            let doc = ws.document(plan.id)?;
            let reference = ws.reference_for(&plan)?;
            let tiles = workspace_basemap(ws)?;
            let mut written = export::write_plan(
                &doc,
                &reference,
                &formats,
                &languages,
                tiles.as_ref().map(|t| t as &dyn TileSource),
                &out,
                |_| {},
            )?;
            if gpkg {
                written.push(ascn_gis::gpkg::write_plan(&doc, &reference, &out)?);
            }
            for path in written {
                println!("Wrote {}", path.display());
            }
        }
        Command::Import {
            file,
            city: Some(city),
            decimal,
            zawgyi: choice,
            ..
        } => {
            let (city, plan) = city_plan(ws, &city, period)?;
            let mut rows = import::table::read_file(&file)?;
            if convert_zawgyi(&zawgyi::in_rows(&rows), choice)? {
                zawgyi::convert_rows(&mut rows);
            }
            let checked = import::table::check_for_plan(
                &*ws.document(plan.id)?,
                &*ws.reference_for(&plan)?,
                &rows,
                decimal,
            )?;
            let ids = ws.add_projects(plan.id, &checked.drafts)?;
            println!(
                "Imported {} projects into the plan of {}, numbers read with a {}",
                ids.len(),
                city.name,
                checked.style.describe()
            );
            if !checked.ignored_columns.is_empty() {
                println!(
                    "Not imported (columns the template does not have): {}",
                    checked.ignored_columns.join(", ")
                );
            }
        }
        Command::Template { out, city } => {
            let languages = match city {
                Some(name) => city_plan(ws, &name, period)?.1.languages,
                None => Vec::new(),
            };
            std::fs::create_dir_all(&out).map_err(|source| Error::io(out.clone(), source))?;
            let csv = out.join("projects-template.csv");
            export::write_atomically(&csv, import::table::template_csv(&languages).as_bytes())?;
            let xlsx = out.join("projects-template.xlsx");
            export::write_atomically(&xlsx, &import::table::template_xlsx(&languages)?)?;
            println!("Wrote {}\nWrote {}", csv.display(), xlsx.display());
        }
        Command::Import {
            file,
            city: None,
            replace,
            zawgyi: choice,
            ..
        } => {
            let mut parsed = parse_plan_file(&file)?;
            if convert_zawgyi(&zawgyi::in_plan_file(&parsed), choice)? {
                zawgyi::convert_plan_file(&mut parsed)?;
            }
            let checked = check_plan_file(ws, &parsed)?;
            if let Some(diff) = ws.preview_import(&Ok(parsed))?.changes {
                println!("The plan of {} is already here.", checked.city.name);
                national::print_diff(&diff);
            }
            let summary = ws.import_plan(&checked, replace)?;
            println!(
                "Imported the plan of {}: {} projects, {} partners, {} districts{}",
                summary.city,
                summary.projects,
                summary.partners,
                summary.districts,
                if summary.replaced {
                    " (replaced the earlier plan)"
                } else {
                    ""
                }
            );
        }
        Command::Validate { file, city } => {
            let findings = match (file, city) {
                (Some(file), _) => {
                    let parsed = parse_plan_file(&file)?;
                    let checked = check_plan_file(ws, &parsed)?;
                    println!(
                        "{} is a valid plan file: {} of {}, {} projects",
                        file.display(),
                        checked.city.name,
                        parsed.city.country,
                        checked.projects.len()
                    );
                    for found in zawgyi::in_plan_file(&parsed) {
                        println!(
                            "  {}: looks like Burmese in Zawgyi; import with --zawgyi convert to \
                             store it in Unicode: {}",
                            found.at, found.unicode
                        );
                    }
                    parsed.readiness
                }
                (None, Some(city)) => {
                    let (city, plan) = city_plan(ws, &city, period)?;
                    println!("The plan of {}:", city.name);
                    readiness::of_plan(&*ws.document(plan.id)?)
                }
                (None, None) => unreachable!("clap requires a file or a city"),
            };
            print_findings(&findings);
        }
        Command::Undo { city } => revert(ws, &city, period, true)?,
        Command::Redo { city } => revert(ws, &city, period, false)?,
        Command::Search { city, query } => {
            let (city, plan) = city_plan(ws, &city, period)?;
            let hits = search::plan(&*ws.document(plan.id)?, &*ws.reference_for(&plan)?, &query);
            if hits.is_empty() {
                println!("Nothing in the plan of {} matches {query:?}", city.name);
            }
            for hit in hits {
                println!(
                    "{:<10} {}  ({})",
                    format!("{:?}", hit.kind),
                    hit.label,
                    hit.detail
                );
            }
        }
        Command::Compare { cities } => {
            let ids = cities
                .iter()
                .map(|c| ws.city_by_name(c).map(|c| c.id))
                .collect::<Result<Vec<_>, _>>()?;
            print_comparison(ws, &compare::plans(ws.reference(), &ws.documents_of(&ids)?));
        }
        Command::Progress(command) => national::progress(ws, command, period)?,
        Command::Submit { city, label } => national::submit(ws, &city, period, &label)?,
        Command::Revisions { city, json } => national::revisions(ws, &city, period, json)?,
        Command::Diff {
            city,
            from,
            to,
            json,
        } => national::diff(ws, &city, period, from, to, json)?,
        Command::Pairing(command) => national::pairing(ws, command, period)?,
        Command::Rollup {
            input,
            country,
            year,
            out,
        } => national::rollup(ws, input, country, period, year, &out)?,
        Command::Report {
            city,
            country,
            year,
            out,
        } => national::report(ws, city, country, period, year, &out)?,
        Command::Demo {
            city,
            projects,
            seed,
        } => {
            let city = ws.city_by_name(&city)?;
            let plan = demo::fill(ws, city.id, projects, seed)?;
            println!(
                "Filled the plan of {} with {projects} sample projects (plan {}, marked as sample data)",
                city.name, plan.id
            );
        }
    }
    Ok(())
}

/// The city named `name` and its plan of `period` (`--period`), or without one its latest plan;
/// the plan is started if the city has none.
fn city_plan(ws: &mut Workspace, name: &str, period: Option<&str>) -> Result<(City, Plan), Error> {
    let city = ws.city_by_name(name)?;
    let plan = match period {
        Some(period) => ws.open_plan_in(city.id, period)?,
        None => ws.open_plan(city.id)?,
    };
    Ok((city, plan))
}

/// The city's plan of `period`, or without one its latest plan, if it has it.
fn plan_of(ws: &Workspace, city: CityId, period: Option<&str>) -> Result<Option<Plan>, Error> {
    match period {
        Some(period) => ws.plan_in_period(city, period),
        None => ws.plan_of_city(city),
    }
}

/// Readiness findings, one a line: severity, project and field, message.
fn print_findings(findings: &[readiness::Finding]) {
    if findings.is_empty() {
        println!("Readiness: nothing to fix.");
    }
    for f in findings {
        let place = match (&f.project, &f.field, &f.focus_area) {
            (Some(code), Some(field), _) => format!("{code} {field}"),
            (Some(code), None, _) => code.clone(),
            (None, _, Some(area)) => area.clone(),
            _ => "plan".into(),
        };
        let severity = match f.severity {
            readiness::Severity::Error => "error",
            readiness::Severity::Warning => "warning",
        };
        println!("  {severity:<8} {place:<22} {}", f.message);
    }
}

fn revert(ws: &mut Workspace, city: &str, period: Option<&str>, undo: bool) -> Result<(), Error> {
    let (city, plan) = city_plan(ws, city, period)?;
    let done = if undo {
        ws.undo(plan.id)?
    } else {
        ws.redo(plan.id)?
    };
    match done {
        Some(r) => println!("{}: {}", if undo { "Undone" } else { "Redone" }, r.label),
        None => println!(
            "Nothing to {} in the plan of {}",
            if undo { "undo" } else { "redo" },
            city.name
        ),
    }
    Ok(())
}

fn print_comparison(ws: &Workspace, columns: &[compare::PlanColumn]) {
    let row = |name: &str, value: &dyn Fn(&compare::PlanColumn) -> String| {
        print!("{name:<28}");
        for c in columns {
            print!("{:>20}", value(c));
        }
        println!();
    };
    row("", &|c| c.city.clone());
    row("Projects", &|c| c.projects.to_string());
    for (i, area) in ws.reference().focus_areas.iter().enumerate() {
        row(&format!("  {}", area.name), &|c| {
            let a = &c.areas[i];
            format!(
                "{}{}",
                a.projects,
                if a.chosen { "" } else { " (not chosen)" }
            )
        });
    }
    row("Budget", &|c| {
        format!(
            "{} {}",
            c.currency.as_deref().unwrap_or(""),
            format_amount(c.budget)
        )
    });
    row("Partners", &|c| c.partners.to_string());
    row("KPIs", &|c| c.kpis.to_string());
    row("Readiness errors", &|c| c.readiness_errors.to_string());
    row("Readiness warnings", &|c| c.readiness_warnings.to_string());
}

fn project(ws: &mut Workspace, command: ProjectCommand, period: Option<&str>) -> Result<(), Error> {
    match command {
        ProjectCommand::Add(a) => {
            let (city, plan) = city_plan(ws, &a.city, period)?;
            let funding = a
                .budget
                .map(|amount| FundingLine {
                    source: FundingSource::CityBudget,
                    partner_id: None,
                    amount,
                    currency: a.currency.clone(),
                    // A cost without years yet is spread over the plan's years.
                    start_year: a.start.unwrap_or(plan.period_start),
                    end_year: a.end.unwrap_or(plan.period_end),
                    status: FundingStatus::Committed,
                })
                .into_iter()
                .collect();
            let project = ws.save_project(
                plan.id,
                None,
                &ProjectDraft {
                    code: a.code,
                    title: a.title,
                    title_local: a.title_in.into_iter().collect(),
                    description: a.description,
                    description_local: a.description_in.into_iter().collect(),
                    primary_focus_area: a.focus_area.to_uppercase(),
                    secondary_focus_areas: Vec::new(),
                    sectors: a.sector,
                    outcomes: a.outcome.iter().map(|o| o.to_uppercase()).collect(),
                    sdgs: a.sdg,
                    start_year: a.start,
                    end_year: a.end,
                    status: a.status,
                    lead_agency: a.lead_agency,
                    bankable: a.bankable,
                    partners: Vec::new(),
                    funding,
                    kpis: Vec::new(),
                    locations: Vec::new(),
                    progress: Vec::new(),
                },
            )?;
            println!(
                "Added project {} {} (id {}) to the plan of {}",
                project.draft.code, project.draft.title, project.id, city.name
            );
        }
        ProjectCommand::List {
            city,
            focus_area,
            sector,
            status,
            year,
            search,
            sort,
            json,
        } => {
            let city = ws.city_by_name(&city)?;
            let Some(plan) = plan_of(ws, city.id, period)? else {
                println!("{} has no plan yet", city.name);
                return Ok(());
            };
            let rows = ws.projects(
                plan.id,
                &ProjectFilter {
                    focus_area: focus_area.map(|f| f.to_uppercase()),
                    sector,
                    status,
                    year,
                    text: search,
                    sort,
                    descending: false,
                },
            )?;
            if json {
                print_json(&rows);
            } else {
                println!(
                    "{:>5}  {:<8} {:<2} {:<13} {:<11} TITLE",
                    "ID", "CODE", "FA", "YEARS", "STATUS"
                );
                for r in &rows {
                    println!(
                        "{:>5}  {:<8} {:<2} {:<13} {:<11} {}",
                        r.id,
                        r.code,
                        r.primary_focus_area,
                        ascn_model::years_label(r.start_year, r.end_year),
                        r.status,
                        r.title
                    );
                }
                println!("{} projects", rows.len());
            }
        }
        ProjectCommand::Show { id, json } => {
            let p = ws.project(ProjectId(id))?;
            if json {
                print_json(&p);
            } else {
                let reference = ws.reference_for(&ws.plan(p.plan_id)?)?;
                let d = &p.draft;
                println!("{} {}", d.code, d.title);
                println!(
                    "Focus area: {} {}",
                    d.primary_focus_area,
                    focus_area_name(&reference, &d.primary_focus_area)
                );
                if !d.secondary_focus_areas.is_empty() {
                    println!("Also serves: {}", d.secondary_focus_areas.join(", "));
                }
                println!("Sectors: {}", d.sectors.join(", "));
                println!("Years: {}  Status: {}", d.years_label(), d.status);
                println!("Lead agency: {}", d.lead_agency);
                println!("Outcomes: {}  SDGs: {:?}", d.outcomes.join(", "), d.sdgs);
                for f in &d.funding {
                    println!(
                        "Funding: {} {} from {} ({}, {}–{})",
                        format_amount(f.amount),
                        f.currency,
                        f.source,
                        f.status,
                        f.start_year,
                        f.end_year
                    );
                }
                for k in &d.kpis {
                    println!(
                        "KPI: {} — baseline {} {} in {}; targets {}",
                        k.name,
                        k.baseline_value,
                        k.unit,
                        k.baseline_year,
                        k.targets
                            .iter()
                            .map(|t| format!("{}: {}", t.year, t.value))
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                }
                if !d.description.is_empty() {
                    println!("\n{}", d.description);
                }
            }
        }
        ProjectCommand::Delete { id } => {
            ws.delete_project(ProjectId(id))?;
            println!("Deleted project {id}; `ascn-plan project restore {id}` brings it back");
        }
        ProjectCommand::Restore { id } => {
            let p = ws.restore_project(ProjectId(id))?;
            println!("Restored project {} {}", p.draft.code, p.draft.title);
        }
    }
    Ok(())
}

/// Reads a plan file; every problem is reported with its place in the file.
fn parse_plan_file(file: &std::path::Path) -> Result<PlanFile, Error> {
    let text = import::read_text(file, plan_json::MAX_BYTES)?;
    plan_json::parse(&text).map_err(Error::invalid)
}

/// Checks a plan file read by [`parse_plan_file`] against the workspace's reference.
fn check_plan_file(ws: &Workspace, parsed: &PlanFile) -> Result<CheckedPlan, Error> {
    plan_json::check(parsed, &ws.reference_for_file(parsed)).map_err(Error::invalid)
}

/// A mistake in how the command was called that clap cannot see.
fn usage(message: &str) -> Error {
    ModelError::Usage(message.to_string()).into()
}

fn focus_area_name<'a>(reference: &'a Reference, code: &str) -> &'a str {
    reference
        .focus_areas
        .iter()
        .find(|f| f.code == code)
        .map_or("", |f| f.name.as_str())
}

fn format_amount(value: f64) -> String {
    let whole = format!("{:.0}", value.abs());
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0.0 {
        out.insert(0, '-');
    }
    out
}

fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("error: could not write JSON: {e}"),
    }
}
