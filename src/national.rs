//! The commands of the annual meeting and the National Representative: yearly progress,
//! revisions, pairing, the roll-up and the annual report.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Subcommand;

use ascn_formats::export::annual;
use ascn_model::framework::Reference;
use ascn_model::plan_file::folder;
use ascn_model::progress;
use ascn_model::revisions::PlanDiff;
use ascn_model::rollup::{self, Scope};
use ascn_model::PlanDocument;
use ascn_model::{PairingDraft, PairingKind, ProgressEntry, ProjectId, ProjectStatus};
use ascn_store::{Error, Workspace};

use super::{city_plan, parse_status, print_json, usage};

#[derive(Subcommand)]
pub enum ProgressCommand {
    /// A city's plan against what was reported for a year
    Show {
        #[arg(long)]
        city: String,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// Report a project's progress for a year: status, percent complete, narrative, KPI actuals
    Report {
        /// Project id
        #[arg(long)]
        project: i64,
        #[arg(long)]
        year: i32,
        #[arg(long, value_parser = parse_status, default_value = "in_progress")]
        status: ProjectStatus,
        #[arg(long, allow_hyphen_values = true)]
        percent: f64,
        #[arg(long, default_value = "")]
        narrative: String,
        /// The narrative in a local language of the plan, as TAG=TEXT (repeatable)
        #[arg(long, value_parser = crate::parse_local)]
        narrative_in: Vec<(String, String)>,
        /// The year's actual of each KPI, in the project's order ("-" for none); repeat per KPI
        #[arg(long, allow_hyphen_values = true)]
        actual: Vec<String>,
        /// Money spent on the project in the year, in its main currency
        #[arg(long, allow_hyphen_values = true)]
        spent: Option<f64>,
    },
}

#[derive(Subcommand)]
pub enum PairingCommand {
    /// Cities and partners that share the city's priorities, scored, with the reasons
    Suggest {
        #[arg(long)]
        city: String,
        #[arg(long)]
        json: bool,
    },
    /// Record a pairing as agreed (with a city or partner the suggestions name)
    Agree {
        #[arg(long)]
        city: String,
        /// The other city's or the partner's name
        #[arg(long)]
        with: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// The pairings the city agreed
    List {
        #[arg(long)]
        city: String,
    },
}

fn scope_of(ws: &Workspace, city: Option<&str>, country: Option<&str>) -> Result<Scope, Error> {
    Ok(match (city, country) {
        (Some(city), _) => Scope::City(ws.city_by_name(city)?.id),
        (None, Some(iso)) => {
            let iso = iso.to_uppercase();
            if ws.reference().member_state(&iso).is_none() {
                return Err(usage(&format!(
                    "--country {iso} is not an ASEAN member state (use ISO alpha-3, e.g. VNM)"
                )));
            }
            Scope::Country(iso)
        }
        (None, None) => Scope::Network,
    })
}

pub fn progress(
    ws: &mut Workspace,
    command: ProgressCommand,
    period: Option<&str>,
) -> Result<(), Error> {
    match command {
        ProgressCommand::Show { city, year, json } => {
            let (city, plan) = city_plan(ws, &city, period)?;
            let report = progress::report(&ws.document(plan.id)?.projects, year);
            if json {
                print_json(&report);
                return Ok(());
            }
            println!(
                "{} in {year}: {} of {} projects reported, mean {} complete, {} behind, {} of {} KPI actuals on track",
                city.name,
                report.reported,
                report.projects.len(),
                report
                    .mean_percent
                    .map_or_else(|| "—".into(), |p| format!("{p:.0}%")),
                report.behind,
                report.kpis_on_track,
                report.kpis_reported
            );
            for p in &report.projects {
                println!(
                    "  {:<8} expected {:>3.0}%  reported {:>4}  {}{}",
                    p.code,
                    p.expected_percent,
                    p.reported
                        .as_ref()
                        .map_or_else(|| "—".into(), |u| format!("{}%", u.percent_complete)),
                    p.title,
                    if p.behind { "  (behind)" } else { "" }
                );
            }
        }
        ProgressCommand::Report {
            project,
            year,
            status,
            percent,
            narrative,
            narrative_in,
            actual,
            spent,
        } => {
            let kpi_actuals = actual
                .iter()
                .map(|a| match a.trim() {
                    "-" | "" => Ok(None),
                    text => text.parse::<f64>().map(Some).map_err(|_| {
                        usage(&format!(
                            "--actual {text:?} is not a number (or - for none)"
                        ))
                    }),
                })
                .collect::<Result<Vec<_>, _>>()?;
            let saved = ws.report_progress(
                ProjectId(project),
                &ProgressEntry {
                    year,
                    status,
                    percent_complete: percent,
                    narrative,
                    narrative_local: narrative_in.into_iter().collect(),
                    kpi_actuals,
                    spent,
                },
            )?;
            println!(
                "Recorded the progress of {} in {year}: {percent}% complete",
                saved.draft.code
            );
        }
    }
    Ok(())
}

pub fn print_diff(diff: &PlanDiff) {
    println!("Changes: {}", diff.summary());
    for c in &diff.plan {
        println!("  plan {}: {} → {}", c.field, c.before, c.after);
    }
    for p in &diff.added {
        println!("  + {} {}", p.code, p.title);
    }
    for p in &diff.removed {
        println!("  − {} {}", p.code, p.title);
    }
    for p in &diff.changed {
        println!("  ~ {} {}", p.code, p.title);
        for c in &p.changes {
            println!("      {}: {} → {}", c.field, c.before, c.after);
        }
    }
    for p in &diff.partners {
        println!("  partner {p}");
    }
}

pub fn submit(
    ws: &mut Workspace,
    city: &str,
    period: Option<&str>,
    label: &str,
) -> Result<(), Error> {
    let (city, plan) = city_plan(ws, city, period)?;
    let revision = ws.submit_plan(plan.id, label)?;
    println!(
        "Submitted the plan of {}: revision {} frozen with {} projects",
        city.name, revision.number, revision.projects
    );
    Ok(())
}

pub fn revisions(
    ws: &mut Workspace,
    city: &str,
    period: Option<&str>,
    json: bool,
) -> Result<(), Error> {
    let (city, plan) = city_plan(ws, city, period)?;
    let revisions = ws.revisions(plan.id)?;
    if json {
        print_json(&revisions);
    } else if revisions.is_empty() {
        println!("The plan of {} has not been submitted yet", city.name);
    }
    if !json {
        for r in revisions {
            println!(
                "  {:>3}  {}  {:<10} {:>4} projects  {}",
                r.number,
                r.frozen_at,
                r.status.as_str(),
                r.projects,
                r.label
            );
        }
    }
    Ok(())
}

pub fn diff(
    ws: &mut Workspace,
    city: &str,
    period: Option<&str>,
    from: u32,
    to: Option<u32>,
    json: bool,
) -> Result<(), Error> {
    let (_, plan) = city_plan(ws, city, period)?;
    let diff = ws.revision_diff(plan.id, from, to)?;
    if json {
        print_json(&diff);
    } else {
        print_diff(&diff);
    }
    Ok(())
}

pub fn pairing(
    ws: &mut Workspace,
    command: PairingCommand,
    period: Option<&str>,
) -> Result<(), Error> {
    match command {
        PairingCommand::Suggest { city, json } => {
            let city = ws.city_by_name(&city)?;
            let suggestions = ws.pairing_suggestions(city.id)?;
            if json {
                print_json(&suggestions);
                return Ok(());
            }
            if suggestions.is_empty() {
                println!(
                    "No city or partner in this workspace shares {}'s priorities yet",
                    city.name
                );
            }
            for s in suggestions {
                println!("{:>3}  {} ({})", s.score, s.counterpart, s.kind.as_str());
                for r in s.reasons {
                    println!("       {r}");
                }
            }
        }
        PairingCommand::Agree { city, with, note } => {
            let (city, plan) = city_plan(ws, &city, period)?;
            let suggestion = ws
                .pairing_suggestions(city.id)?
                .into_iter()
                .find(|s| s.counterpart.eq_ignore_ascii_case(with.trim()))
                .ok_or_else(|| {
                    usage(&format!(
                        "{with:?} is not among the suggestions for {} (see pairing suggest)",
                        city.name
                    ))
                })?;
            ws.agree_pairing(
                plan.id,
                &PairingDraft {
                    kind: suggestion.kind,
                    counterpart: suggestion.counterpart.clone(),
                    score: suggestion.score,
                    reasons: suggestion.reasons,
                    note,
                },
            )?;
            println!(
                "Recorded the pairing of {} with {} (score {})",
                city.name, suggestion.counterpart, suggestion.score
            );
        }
        PairingCommand::List { city } => {
            let (_, plan) = city_plan(ws, &city, period)?;
            for p in ws.pairings(plan.id)? {
                let kind = match p.kind {
                    PairingKind::City => "city",
                    PairingKind::Partner => "partner",
                };
                println!(
                    "  {}  {} ({kind}, score {})  {}",
                    p.agreed_at, p.counterpart, p.score, p.note
                );
            }
        }
    }
    Ok(())
}

/// `rollup`: the national (or network) roll-up and annual report, from a folder of plan files
/// or from the workspace. Plans from a folder are read as documents, never written to the
/// workspace, and go down the same path as the workspace's.
pub fn rollup(
    ws: &mut Workspace,
    input: Option<PathBuf>,
    country: Option<String>,
    period: Option<&str>,
    year: Option<i32>,
    out: &Path,
) -> Result<(), Error> {
    let scope = scope_of(ws, None, country.as_deref())?;
    let plans = match &input {
        Some(dir) => {
            let (taken, skipped) =
                folder::take(ascn_formats::import::read_plan_files(dir)?, ws.reference())
                    .map_err(Error::invalid)?;
            for s in &skipped {
                println!(
                    "{} is older than another plan of {} in the folder: skipped",
                    s.path.display(),
                    s.city
                );
            }
            println!("Read {} plan files from {}", taken.len(), dir.display());
            let period = period.map(|p| ws.period(p)).transpose()?;
            let documents = taken
                .iter()
                .zip(1..)
                .map(|(t, id)| Arc::new(t.checked.document(&t.file, id)))
                .collect();
            rollup::of_period(
                rollup::select(&scope, documents),
                period.as_ref().map(|p| p.code.as_str()),
            )
        }
        None => {
            let m = ws.membership(&scope)?;
            println!("{} member cities, {} with a plan", m.members, m.with_plan);
            ws.plans_in_period(&scope, period)?
        }
    };
    let summary = rollup::of_plans(ws.reference(), &scope, &plans);
    println!(
        "{}: {} cities, {} projects, {} KPIs",
        summary.title,
        summary.cities.len(),
        summary.projects,
        summary.kpis
    );
    write_report(ws.reference(), &scope, &plans, year, out)
}

/// `report`: the annual progress report of a city, a country or the network.
pub fn report(
    ws: &mut Workspace,
    city: Option<String>,
    country: Option<String>,
    period: Option<&str>,
    year: Option<i32>,
    out: &Path,
) -> Result<(), Error> {
    let scope = scope_of(ws, city.as_deref(), country.as_deref())?;
    let plans = ws.plans_in_period(&scope, period)?;
    write_report(ws.reference(), &scope, &plans, year, out)
}

fn write_report(
    reference: &Reference,
    scope: &Scope,
    plans: &[Arc<PlanDocument>],
    year: Option<i32>,
    out: &Path,
) -> Result<(), Error> {
    std::fs::create_dir_all(out).map_err(|source| Error::io(out.to_path_buf(), source))?;
    let report = annual::build(reference, scope, plans, year);
    for path in annual::write(&report, out)? {
        println!("Wrote {}", path.display());
    }
    Ok(())
}
