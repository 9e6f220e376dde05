//! The commands of the Secretariat's monitoring: importing its table of the network's projects
//! and writing its yearly M&E report.

use std::path::PathBuf;

use clap::Subcommand;

use ascn_formats::export::monitoring as report_files;
use ascn_formats::import::monitoring::read_sheets;
use ascn_model::framework::period_label;
use ascn_model::monitoring::table;
use ascn_model::zawgyi;
use ascn_store::{Error, Workspace};

use super::{convert_zawgyi, print_json, ZawgyiChoice};

#[derive(Subcommand)]
pub enum MeCommand {
    /// Import the Secretariat's table (.xlsx or .csv: No., Country, City, Project, Focus Area,
    /// and optionally Status; the two lists on two sheets or one) into each city's plan of
    /// --period (default: the period of today). All or nothing; projects are matched by title,
    /// so next year's table updates their status
    Import {
        file: PathBuf,
        /// Show what the import would do, and write nothing
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
        /// Burmese text in the older Zawgyi encoding: `convert` it to Unicode, or `keep` it as
        /// it is; a table with such text is refused until one is chosen
        #[arg(long, value_enum)]
        zawgyi: Option<ZawgyiChoice>,
    },
    /// Write the M&E report of a year (PDF, XLSX, JSON) into --out, over each city's plan of
    /// --period (default: the period holding the year), and keep its figures for the trend
    Report {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn me(ws: &mut Workspace, command: MeCommand, period: Option<&str>) -> Result<(), Error> {
    match command {
        MeCommand::Import {
            file,
            dry_run,
            json,
            zawgyi: choice,
        } => {
            let mut sheets = read_sheets(&file)?;
            if convert_zawgyi(&zawgyi::in_sheets(&sheets), choice)? {
                zawgyi::convert_sheets(&mut sheets);
            }
            let table =
                table::check(&sheets, ws.reference(), &ws.cities()?).map_err(Error::invalid)?;
            let done = ws.import_me_table(&table, period, !dry_run)?;
            if json {
                print_json(&done);
                return Ok(());
            }
            println!(
                "{} {} projects into the {} plans: {} added, {} changed status, {} unchanged",
                if dry_run { "Would import" } else { "Imported" },
                done.added + done.changed + done.unchanged,
                period_label(&done.period),
                done.added,
                done.changed,
                done.unchanged
            );
            for c in &done.cities {
                let marks = [
                    c.new_city.then_some("new city"),
                    c.new_plan.then_some("new plan"),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
                println!(
                    "  {:<24} {:<12} {:>3} added {:>3} changed {:>3} unchanged{}",
                    c.city,
                    c.country,
                    c.added,
                    c.changed,
                    c.unchanged,
                    if marks.is_empty() {
                        String::new()
                    } else {
                        format!("  ({marks})")
                    }
                );
            }
            for change in &done.changes {
                println!("  {change}");
            }
            for note in &done.notes {
                println!("note: {note}");
            }
            if done.cities.iter().any(|c| c.new_city) {
                println!(
                    "note: cities new to the workspace are not marked members of the network; \
                     set the year they joined with `ascn-plan member`"
                );
            }
        }
        MeCommand::Report { year, out } => {
            let report = ws.me_report(year, period)?;
            std::fs::create_dir_all(&out).map_err(|e| Error::io(out.clone(), e))?;
            let written = report_files::write(&report, &out)?;
            ws.keep_me_figures(&report.figures)?;
            let f = &report.figures;
            println!(
                "M&E report {}: {} projects ({} ongoing, {} completed, {} under planning) of {} \
                 cities; {} member cities reported nothing",
                f.year,
                f.projects,
                f.ongoing,
                f.completed,
                f.under_planning,
                f.cities_reporting,
                report.not_reporting.len()
            );
            for path in written {
                println!("  {}", path.display());
            }
        }
    }
    Ok(())
}
