//! The commands of plan periods: starting a city's plan of the next period from its last one,
//! and closing a period with its close-out report.

use std::path::PathBuf;

use clap::Subcommand;

use ascn_formats::export::closeout;
use ascn_model::framework::period_label;
use ascn_model::periods::CarryChoice;
use ascn_store::{Error, Workspace};

use super::usage;

#[derive(Subcommand)]
pub enum PeriodCommand {
    /// Start a city's plan of --period from its plan of the period before: its vision, context
    /// and focus areas, and the projects carried (every project neither completed nor cancelled
    /// must be carried or dropped)
    Start {
        #[arg(long)]
        city: String,
        /// Carry every open project (except those given with --drop)
        #[arg(long, conflicts_with = "carry")]
        carry_all: bool,
        /// Code of a project to carry (repeatable)
        #[arg(long, num_args = 1.., required_unless_present = "carry_all")]
        carry: Vec<String>,
        /// Code of a project to drop (repeatable)
        #[arg(long, num_args = 1..)]
        drop: Vec<String>,
        /// The years a carried project gets, CODE=START-END (default: its years moved into the
        /// new period, as listed)
        #[arg(long, value_name = "CODE=START-END")]
        years: Vec<String>,
        /// The version of the Framework the new plan is written against (default: the last
        /// plan's); its focus areas are mapped onto it
        #[arg(long)]
        framework: Option<i32>,
    },
    /// List what `period start` would offer: the open projects and their proposed years
    Candidates {
        #[arg(long)]
        city: String,
    },
    /// Close a city's plan of --period (it then takes only its final progress reports) and write
    /// the close-out report (PDF and XLSX) into --out
    Close {
        #[arg(long)]
        city: String,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn period(
    ws: &mut Workspace,
    command: PeriodCommand,
    period: Option<&str>,
) -> Result<(), Error> {
    let period =
        period.ok_or_else(|| usage("give the plan period with --period, e.g. 2026-2035"))?;
    match command {
        PeriodCommand::Candidates { city } => {
            let city = ws.city_by_name(&city)?;
            let offer = ws.carry_over(city.id, period)?;
            println!(
                "{} projects of the {} plan are neither completed nor cancelled:",
                offer.candidates.len(),
                period_label(&offer.from_period)
            );
            for c in &offer.candidates {
                println!(
                    "  {:<8} {:<40} {:<11} {} → {}",
                    c.code,
                    c.title,
                    c.status.as_str(),
                    ascn_model::years_label(c.start_year, c.end_year),
                    ascn_model::years_label(c.proposed_start, c.proposed_end)
                );
            }
        }
        PeriodCommand::Start {
            city,
            carry_all,
            carry,
            drop,
            years,
            framework,
        } => {
            let city = ws.city_by_name(&city)?;
            let offer = ws.carry_over(city.id, period)?;
            let mut years_of = Vec::new();
            for text in &years {
                years_of.push(parse_years(text)?);
            }
            for code in carry
                .iter()
                .chain(&drop)
                .chain(years_of.iter().map(|(c, _)| c))
            {
                if !offer
                    .candidates
                    .iter()
                    .any(|c| c.code.eq_ignore_ascii_case(code))
                {
                    return Err(usage(&format!(
                        "{code} is not an open project of the {} plan (see `period candidates`)",
                        offer.from_period
                    )));
                }
            }
            let listed =
                |codes: &[String], code: &str| codes.iter().any(|c| c.eq_ignore_ascii_case(code));
            let choices: Vec<CarryChoice> = offer
                .candidates
                .iter()
                .filter(|c| carry_all || listed(&carry, &c.code) || listed(&drop, &c.code))
                .map(|c| CarryChoice {
                    project: c.project,
                    carry: !listed(&drop, &c.code),
                    years: years_of
                        .iter()
                        .find(|(code, _)| code.eq_ignore_ascii_case(&c.code))
                        .map(|(_, y)| *y),
                })
                .collect();
            let started = ws.start_period(city.id, period, &choices, framework)?;
            println!(
                "Started the {} plan of {} from {}: carried {} ({}), dropped {} ({})",
                period_label(&started.plan.period),
                city.name,
                period_label(&offer.from_period),
                started.carried.len(),
                started.carried.join(", "),
                started.dropped.len(),
                started.dropped.join(", ")
            );
        }
        PeriodCommand::Close { city, out } => {
            let city = ws.city_by_name(&city)?;
            let plan = ws.plan_in_period(city.id, period)?.ok_or_else(|| {
                Error::conflict(ascn_model::says!(
                    errors: "noPlanOfPeriod",
                    "{city} has no plan of {period}",
                    city = city.name,
                    period = period
                ))
            })?;
            // Closing again writes the report again, with the final progress reported since.
            let already = plan.closed_on.is_some();
            let closed = if already {
                plan
            } else {
                ws.close_plan(plan.id)?
            };
            std::fs::create_dir_all(&out).map_err(|source| Error::io(out.clone(), source))?;
            let report = ws.close_out(closed.id)?;
            println!(
                "{} the {} plan of {} on {}",
                if already { "Already closed:" } else { "Closed" },
                period_label(&closed.period),
                city.name,
                closed.closed_on.as_deref().unwrap_or("")
            );
            for path in closeout::write(&report, &out)? {
                println!("Wrote {}", path.display());
            }
        }
    }
    Ok(())
}

/// `CODE=START-END`, e.g. `BI-03=2026-2028`.
fn parse_years(text: &str) -> Result<(String, (i32, i32)), Error> {
    let bad = || {
        usage(&format!(
            "--years {text}: write CODE=START-END, e.g. BI-03=2026-2028"
        ))
    };
    let (code, years) = text.split_once('=').ok_or_else(bad)?;
    let (start, end) = years.split_once('-').ok_or_else(bad)?;
    let start = start.trim().parse().map_err(|_| bad())?;
    let end = end.trim().parse().map_err(|_| bad())?;
    Ok((code.trim().to_string(), (start, end)))
}
