//! The Tauri shell of ASCN Action Planner: the builder, the state and the command list.
//! Commands live in [`commands`], one file per screen area; each is a few lines over the core.

mod commands;
mod error;
mod memory;
mod state;
pub mod updates;

use std::path::PathBuf;

use tracing_subscriber::EnvFilter;

pub use error::{AppError, ErrorCode};
pub use state::AppState;

/// WebKitGTK composites the page with OpenGL. Without a GPU (no DRM render node: a virtual
/// machine, a remote desktop) that GL is Mesa's software rasteriser, and the first screen came
/// 150–250 ms later and the web process held about 90 MiB more than drawing without compositing
/// (docs/BENCHMARKS.md), so there the app draws without it. The user's own setting wins. Called
/// before any thread starts, as setting the environment requires.
#[cfg(target_os = "linux")]
fn composite_only_on_a_gpu() {
    const SETTING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(SETTING).is_some() {
        return;
    }
    let has_render_node = std::fs::read_dir("/dev/dri").is_ok_and(|dir| {
        dir.flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    });
    if !has_render_node {
        tracing::info!("no GPU render node: the page is drawn without compositing");
        std::env::set_var(SETTING, "1");
    }
}

/// Starts the app. The workspace is `--workspace PATH` or a workspace file given as an argument
/// (`ascn-planner plans.ascn`, as a double-click starts it), else `$ASCN_WORKSPACE`, else a file
/// in the OS data directory. A plan file given as an argument (`.ascf`, or `.json`) is shown in
/// the import preview.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("ASCN_LOG").unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    #[cfg(target_os = "linux")]
    composite_only_on_a_gpu();
    let launch = Launch::from_args(std::env::args().skip(1));
    let state = AppState::open(launch.workspace, launch.plan_file);
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(state)
        // Basemap tiles for the map screen, read by the shell (see `views::tile_response`).
        .register_asynchronous_uri_scheme_protocol("tiles", |ctx, request, responder| {
            use tauri::Manager;
            let app = ctx.app_handle().clone();
            let path = request.uri().path().to_string();
            std::thread::spawn(move || {
                let state = app.state::<AppState>();
                responder.respond(commands::views::tile_response(&state, &path));
            });
        })
        .manage(commands::about::PendingUpdate::default())
        .invoke_handler(tauri::generate_handler![
            commands::workspace::workspace_info,
            commands::views::map_layers,
            commands::workspace::framework_reference,
            commands::workspace::opened_plan_file,
            commands::about::about,
            commands::about::check_for_update,
            commands::about::install_update,
            commands::workspace::first_screen_drawn,
            commands::workspace::workspace_status,
            commands::workspace::list_backups,
            commands::workspace::back_up_now,
            commands::workspace::delete_backup,
            commands::workspace::restore_backup,
            commands::cities::list_cities,
            commands::cities::add_city,
            commands::plans::open_plan,
            commands::periods::city_periods,
            commands::periods::carry_over,
            commands::periods::start_period,
            commands::periods::close_period,
            commands::monitoring::import_me_table,
            commands::monitoring::write_me_report,
            commands::monitoring::me_trend,
            commands::plans::plan_overview,
            commands::plans::update_plan,
            commands::plans::list_partners,
            commands::plans::add_partner,
            commands::projects::list_projects,
            commands::projects::get_project,
            commands::projects::save_project,
            commands::projects::delete_project,
            commands::views::sector_map,
            commands::views::plan_chart,
            commands::views::kpi_chart,
            commands::views::focus_area_chart,
            commands::views::districts,
            commands::views::basemap_info,
            commands::views::set_basemap,
            commands::views::preview_gis_file,
            commands::views::import_districts,
            commands::views::import_sites,
            commands::files::export_plan,
            commands::files::preview_import,
            commands::files::import_plan,
            commands::files::preview_projects_import,
            commands::files::import_projects,
            commands::files::save_templates,
            commands::text::zawgyi_to_unicode,
            commands::workshop::history,
            commands::workshop::undo,
            commands::workshop::redo,
            commands::workshop::search_plan,
            commands::workshop::plan_readiness,
            commands::workshop::set_guide_step,
            commands::workshop::compare_plans,
            commands::workshop::set_fullscreen,
            commands::national::progress_report,
            commands::national::report_progress,
            commands::national::list_revisions,
            commands::national::submit_plan,
            commands::national::revision_diff,
            commands::national::pairing_suggestions,
            commands::national::list_pairings,
            commands::national::agree_pairing,
            commands::national::remove_pairing,
            commands::national::roll_up,
            commands::national::preview_folder,
            commands::national::write_annual_report,
        ])
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(on_event),
        Err(e) => {
            tracing::error!(error = %e, "the app could not start");
            eprintln!("ASCN Action Planner could not start: {e}");
            std::process::exit(1);
        }
    }
}

/// macOS hands a double-clicked file to the app as an event, not as an argument: a plan file is
/// shown in the import preview; another workspace opens in an app of its own, as on the other
/// systems.
#[cfg(target_os = "macos")]
fn on_event(app: &tauri::AppHandle, event: tauri::RunEvent) {
    use tauri::{Emitter, Manager};
    let tauri::RunEvent::Opened { urls } = event else {
        return;
    };
    for path in urls.iter().filter_map(|url| url.to_file_path().ok()) {
        let launch = Launch::from_args(std::iter::once(path.display().to_string()));
        if let Some(plan_file) = launch.plan_file {
            let state = app.state::<AppState>();
            *state
                .opened_plan_file
                .lock()
                .unwrap_or_else(|p| p.into_inner()) = Some(plan_file);
            let _ = app.emit("plan-file-opened", ());
        } else if let (Some(workspace), Ok(exe)) = (launch.workspace, std::env::current_exe()) {
            if let Err(e) = std::process::Command::new(exe).arg(workspace).spawn() {
                tracing::warn!(error = %e, "the workspace could not be opened");
            }
        }
    }
}

/// Elsewhere a double-clicked file is an argument ([`Launch`]).
#[cfg(not(target_os = "macos"))]
fn on_event(_: &tauri::AppHandle, _: tauri::RunEvent) {}

/// What the app was started with.
#[derive(Debug, Default, PartialEq)]
struct Launch {
    /// `--workspace PATH`, `--workspace=PATH`, or a `.ascn` file given as an argument.
    workspace: Option<PathBuf>,
    /// A plan file given as an argument, to show in the import preview.
    plan_file: Option<PathBuf>,
}

impl Launch {
    fn from_args(mut args: impl Iterator<Item = String>) -> Launch {
        let mut launch = Launch::default();
        while let Some(arg) = args.next() {
            if arg == "--workspace" {
                launch.workspace = args.next().map(PathBuf::from);
            } else if let Some(path) = arg.strip_prefix("--workspace=") {
                launch.workspace = Some(PathBuf::from(path));
            } else if !arg.starts_with('-') {
                let path = PathBuf::from(&arg);
                if path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("ascn"))
                {
                    launch.workspace.get_or_insert(path);
                } else if ascn_model::plan_file::is_plan_file_name(&path) {
                    launch.plan_file = Some(path);
                } else {
                    tracing::warn!(%arg, "not a workspace (.ascn) or plan file (.ascf, .json): ignored");
                }
            }
        }
        launch
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn launch(args: &[&str]) -> Launch {
        Launch::from_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn reads_the_workspace_flag_in_both_spellings_and_files_given_as_arguments() {
        assert_eq!(
            launch(&["--workspace", "/tmp/a.ascn"]).workspace,
            Some("/tmp/a.ascn".into())
        );
        assert_eq!(
            launch(&["--workspace=/tmp/b.ascn"]).workspace,
            Some("/tmp/b.ascn".into())
        );
        assert_eq!(launch(&["--other"]), Launch::default(), "the default path");
        // As a double-click starts it.
        assert_eq!(
            launch(&["/home/me/Da Nang.ASCN"]).workspace,
            Some("/home/me/Da Nang.ASCN".into())
        );
        let plan = launch(&["--workspace", "/tmp/a.ascn", "/tmp/hue-plan.ascf"]);
        assert_eq!(plan.workspace, Some("/tmp/a.ascn".into()));
        assert_eq!(plan.plan_file, Some("/tmp/hue-plan.ascf".into()));
        assert_eq!(
            launch(&["old-plan.json"]).plan_file,
            Some("old-plan.json".into())
        );
        assert_eq!(launch(&["notes.txt"]), Launch::default());
    }
}
