//! The Tauri shell of ASCN Action Planner: the builder, the state and the command list.
//! Commands live in [`commands`], one file per screen area; each is a few lines over the core.

mod commands;
mod error;
mod state;

use std::path::PathBuf;

use tracing_subscriber::EnvFilter;

pub use error::{AppError, ErrorCode};
pub use state::AppState;

/// Starts the app. The workspace is `--workspace PATH` if given, else `$ASCN_WORKSPACE`, else a
/// file in the OS data directory.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("ASCN_LOG").unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let state = AppState::open(workspace_flag(std::env::args().skip(1)));
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::workspace::workspace_info,
            commands::workspace::framework_reference,
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
            commands::views::map_view,
            commands::views::districts,
            commands::views::import_districts,
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
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!(error = %e, "the app could not start");
        eprintln!("ASCN Action Planner could not start: {e}");
        std::process::exit(1);
    }
}

/// The value of `--workspace PATH` or `--workspace=PATH`, if given.
fn workspace_flag(mut args: impl Iterator<Item = String>) -> Option<PathBuf> {
    while let Some(arg) = args.next() {
        if arg == "--workspace" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--workspace=") {
            return Some(PathBuf::from(path));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(args: &[&str]) -> Option<PathBuf> {
        workspace_flag(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn reads_the_workspace_flag_in_both_spellings() {
        assert_eq!(
            flag(&["--workspace", "/tmp/a.ascn"]),
            Some("/tmp/a.ascn".into())
        );
        assert_eq!(
            flag(&["--workspace=/tmp/b.ascn"]),
            Some("/tmp/b.ascn".into())
        );
        assert_eq!(flag(&["--other"]), None, "no flag means the default path");
    }
}
