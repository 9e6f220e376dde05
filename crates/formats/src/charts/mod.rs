//! Charts of a plan, drawn by the core with plotters to SVG, so the app, the CLI and reports
//! show the same picture.
//!
//! Colours follow the app: one colour per focus area and per status. Text is measured with the
//! DejaVu Sans font bundled in `assets/fonts/` and written as SVG `<text>`, so labels stay
//! selectable and sharp. Money is shown in millions of the plan's main currency.

pub mod monitoring;

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use ascn_model::analysis::{self, FundingSum};
use ascn_model::error::{Error, Result};
use ascn_model::framework::Reference;
use ascn_model::{Partner, PlanDocument, Project, ProjectId, ProjectStatus, Thing};

/// Width and height of every chart, in pixels.
pub const SIZE: (u32, u32) = (760, 420);
const FONT: &str = "sans-serif";

/// The charts the app draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ChartKind {
    /// Budget per year, stacked by focus area.
    BudgetByFocusArea,
    /// Committed and pipeline funding per source.
    FundingBySource,
    /// Committed and pipeline funding per kind of partner.
    FundingByPartnerKind,
    /// Number of projects per status.
    ProjectsByStatus,
}

impl ChartKind {
    pub const ALL: &'static [ChartKind] = &[
        ChartKind::BudgetByFocusArea,
        ChartKind::FundingBySource,
        ChartKind::FundingByPartnerKind,
        ChartKind::ProjectsByStatus,
    ];
}

/// What the plan charts are drawn from.
#[derive(Clone, Copy)]
pub struct PlanData<'a> {
    pub projects: &'a [Project],
    pub partners: &'a [Partner],
    pub reference: &'a Reference,
    pub period: (i32, i32),
}

/// The colour of a focus area, as in the app's stylesheet.
pub fn focus_area_colour(code: &str) -> RGBColor {
    match code {
        "CS" => RGBColor(0x7b, 0x3f, 0xa0),
        "HW" => RGBColor(0xc2, 0x18, 0x5b),
        "SS" => RGBColor(0xd8, 0x43, 0x15),
        "QE" => RGBColor(0x2e, 0x7d, 0x32),
        "BI" => RGBColor(0x15, 0x65, 0xc0),
        "II" => RGBColor(0x00, 0x83, 0x8f),
        _ => RGBColor(0x75, 0x75, 0x75),
    }
}

/// The colour of a project status, as in the app's stylesheet.
pub fn status_colour(status: ProjectStatus) -> RGBColor {
    match status {
        ProjectStatus::Proposed => RGBColor(0x8e, 0x44, 0xad),
        ProjectStatus::Planned => RGBColor(0x78, 0x90, 0x9c),
        ProjectStatus::InProgress => RGBColor(0x15, 0x65, 0xc0),
        ProjectStatus::Completed => RGBColor(0x2e, 0x7d, 0x32),
        ProjectStatus::OnHold => RGBColor(0xef, 0x6c, 0x00),
        ProjectStatus::Cancelled => RGBColor(0x9e, 0x9e, 0x9e),
    }
}

const COMMITTED: RGBColor = RGBColor(0x0b, 0x53, 0x94);
const PIPELINE: RGBColor = RGBColor(0x9f, 0xc5, 0xe8);
/// What was measured, beside what was planned: the app's ink, not a focus-area colour.
const ACTUAL: RGBColor = RGBColor(0x37, 0x47, 0x4f);

fn register_fonts() -> Result<()> {
    static FONTS: OnceLock<bool> = OnceLock::new();
    let loaded = *FONTS.get_or_init(|| {
        let regular: &'static [u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
        let bold: &'static [u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");
        plotters::style::register_font(FONT, FontStyle::Normal, regular).is_ok()
            && plotters::style::register_font(FONT, FontStyle::Bold, bold).is_ok()
    });
    if loaded {
        Ok(())
    } else {
        Err(Error::Chart("the bundled font could not be loaded".into()))
    }
}

fn chart_error<E: std::fmt::Debug>(e: E) -> Error {
    Error::Chart(format!("{e:?}"))
}

/// Draws onto a fresh SVG canvas and returns the document.
fn svg(draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<()>) -> Result<String> {
    register_fonts()?;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        draw(&root)?;
        root.present().map_err(chart_error)?;
    }
    // Names and titles drawn come from the store; see `xml_safe`.
    Ok(ascn_model::validation::xml_safe(&out).into_owned())
}

fn caption() -> TextStyle<'static> {
    (FONT, 18).into_font().style(FontStyle::Bold).into()
}

/// The unit money is drawn in, chosen from the largest amount so the ticks read as numbers
/// (a budget of 1,000 is not drawn as 0.001 millions): its divisor and axis title.
struct MoneyScale {
    divisor: f64,
    title: String,
}

impl MoneyScale {
    fn for_largest(largest: f64, currency: Option<&str>) -> MoneyScale {
        let currency = currency.unwrap_or("—");
        let (divisor, unit) = match largest.abs() {
            m if m >= 1e9 => (1e9, " billions"),
            m if m >= 1e6 => (1e6, " millions"),
            m if m >= 1e4 => (1e3, " thousands"),
            _ => (1.0, ""),
        };
        MoneyScale {
            divisor,
            title: format!("{currency}{unit}"),
        }
    }
}

/// Draws one of the charts of a plan.
pub fn for_plan(doc: &PlanDocument, reference: &Reference, kind: ChartKind) -> Result<String> {
    chart_of_projects(doc, reference, kind, |_| true)
}

/// The budget by year of the projects of one focus area (their primary one), for its slide.
pub fn for_focus_area(
    doc: &PlanDocument,
    reference: &Reference,
    focus_area: &str,
) -> Result<String> {
    chart_of_projects(doc, reference, ChartKind::BudgetByFocusArea, |p| {
        p.draft.primary_focus_area == focus_area
    })
}

fn chart_of_projects(
    doc: &PlanDocument,
    reference: &Reference,
    kind: ChartKind,
    keep: impl Fn(&Project) -> bool,
) -> Result<String> {
    let projects: Vec<Project> = doc.projects.iter().filter(|p| keep(p)).cloned().collect();
    plan_chart(
        kind,
        &PlanData {
            projects: &projects,
            partners: &doc.partners,
            reference,
            period: doc.period(),
        },
    )
}

/// Draws the chart of one KPI of a project of the plan (`kpi_index` counts from 0).
pub fn for_kpi(doc: &PlanDocument, project: ProjectId, kpi_index: usize) -> Result<String> {
    let project = doc
        .projects
        .iter()
        .find(|p| p.id == project)
        .ok_or_else(|| Error::not_found(Thing::Project, project))?;
    kpi_chart(project, kpi_index, doc.period())
}

/// Draws one of the plan charts.
pub fn plan_chart(kind: ChartKind, data: &PlanData<'_>) -> Result<String> {
    let currency = analysis::main_currency(data.projects);
    let currency = currency.as_deref();
    match kind {
        ChartKind::BudgetByFocusArea => budget_by_focus_area(data, currency),
        ChartKind::FundingBySource => funding_bars(
            "Funding by source",
            &analysis::funding_by_source(data.projects, currency),
            currency,
        ),
        ChartKind::FundingByPartnerKind => funding_bars(
            "Funding by kind of partner",
            &analysis::funding_by_partner_kind(data.projects, data.partners, currency),
            currency,
        ),
        ChartKind::ProjectsByStatus => projects_by_status(data.projects),
    }
}

fn year_label(x: &f64) -> String {
    if (x - x.round()).abs() < 1e-6 {
        format!("{}", x.round() as i64)
    } else {
        String::new()
    }
}

fn budget_by_focus_area(data: &PlanData<'_>, currency: Option<&str>) -> Result<String> {
    let series =
        analysis::budget_by_focus_area_year(data.projects, data.reference, data.period, currency);
    let (start, end) = data.period;
    let years = (end - start + 1).max(1) as usize;
    let raw_totals: Vec<f64> = (0..years)
        .map(|i| series.iter().map(|(_, v)| v[i]).sum::<f64>())
        .collect();
    let scale = MoneyScale::for_largest(raw_totals.iter().copied().fold(0.0, f64::max), currency);
    let totals: Vec<f64> = raw_totals.iter().map(|t| t / scale.divisor).collect();
    let top = nice_top(totals.iter().copied().fold(0.0, f64::max));
    let name_of = |code: &str| {
        data.reference
            .focus_areas
            .iter()
            .find(|f| f.code == code)
            .map_or(code.to_string(), |f| f.name.clone())
    };
    let entries: Vec<(String, RGBColor)> = series
        .iter()
        .filter(|(_, values)| values.iter().any(|v| *v > 0.0))
        .map(|(code, _)| (name_of(code), focus_area_colour(code)))
        .collect();
    svg(|root| {
        let plot = with_legend(root, &entries)?;
        let mut chart = ChartBuilder::on(&plot)
            .caption("Budget by focus area and year", caption())
            .margin(14)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d(f64::from(start) - 0.5..f64::from(end) + 0.5, 0.0..top)
            .map_err(chart_error)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(years + 1)
            .x_label_formatter(&year_label)
            .y_desc(&scale.title)
            .y_label_formatter(&|v| amount_label(*v, top))
            .x_desc("Year")
            .light_line_style(TRANSPARENT)
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 13))
            .draw()
            .map_err(chart_error)?;
        let mut base = vec![0.0; years];
        for (code, values) in &series {
            if values.iter().all(|v| *v == 0.0) {
                continue;
            }
            let colour = focus_area_colour(code);
            let bars: Vec<_> = values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let x = f64::from(start) + i as f64;
                    let y0 = base[i];
                    base[i] += v / scale.divisor;
                    Rectangle::new([(x - 0.35, y0), (x + 0.35, base[i])], colour.filled())
                })
                .collect();
            chart.draw_series(bars).map_err(chart_error)?;
        }
        Ok(())
    })
}

/// Width of the legend panel beside the plot, in pixels.
const LEGEND_WIDTH: i32 = 190;

/// Splits off a legend panel on the right, so a legend never covers data, draws `entries` in it
/// as colour swatches with labels, and returns the area left for the plot.
fn with_legend<'a>(
    root: &DrawingArea<SVGBackend<'a>, Shift>,
    entries: &[(String, RGBColor)],
) -> Result<DrawingArea<SVGBackend<'a>, Shift>> {
    let (plot, panel) = root.split_horizontally(SIZE.0 as i32 - LEGEND_WIDTH);
    let style = TextStyle::from((FONT, 13).into_font()).color(&RGBColor(0x1d, 0x27, 0x33));
    for (i, (label, colour)) in entries.iter().enumerate() {
        let y = 60 + 24 * i as i32;
        panel
            .draw(&Rectangle::new([(8, y - 6), (22, y + 8)], colour.filled()))
            .map_err(chart_error)?;
        panel
            .draw(&Text::new(label.clone(), (30, y - 5), style.clone()))
            .map_err(chart_error)?;
    }
    Ok(plot)
}

fn funding_bars(title: &str, sums: &[FundingSum], currency: Option<&str>) -> Result<String> {
    let n = sums.len().max(1);
    let scale = MoneyScale::for_largest(
        sums.iter()
            .map(|s| s.committed + s.pipeline)
            .fold(0.0, f64::max),
        currency,
    );
    let top = nice_top(
        sums.iter()
            .map(|s| (s.committed + s.pipeline) / scale.divisor)
            .fold(0.0, f64::max),
    );
    let labels: Vec<String> = sums.iter().map(|s| s.label.clone()).collect();
    let entries = [
        ("Committed".to_string(), COMMITTED),
        ("Pipeline".to_string(), PIPELINE),
    ];
    svg(|root| {
        let plot = with_legend(root, &entries)?;
        let mut chart = ChartBuilder::on(&plot)
            .caption(title, caption())
            .margin(14)
            .x_label_area_size(40)
            .y_label_area_size(170)
            .build_cartesian_2d(0.0..top, -0.5..n as f64 - 0.5)
            .map_err(chart_error)?;
        let label_of = |y: &f64| category_label(*y, &labels);
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n * 2 + 1)
            .y_label_formatter(&label_of)
            .x_desc(&scale.title)
            .x_label_formatter(&|v| amount_label(*v, top))
            .light_line_style(TRANSPARENT)
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 13))
            .draw()
            .map_err(chart_error)?;
        let bar = |i: usize, from: f64, to: f64, colour: RGBColor| {
            let y = i as f64;
            Rectangle::new([(from, y - 0.3), (to, y + 0.3)], colour.filled())
        };
        chart
            .draw_series(
                sums.iter()
                    .enumerate()
                    .map(|(i, s)| bar(i, 0.0, s.committed / scale.divisor, COMMITTED)),
            )
            .map_err(chart_error)?;
        chart
            .draw_series(sums.iter().enumerate().map(|(i, s)| {
                let c = s.committed / scale.divisor;
                bar(i, c, c + s.pipeline / scale.divisor, PIPELINE)
            }))
            .map_err(chart_error)?;
        Ok(())
    })
}

fn projects_by_status(projects: &[Project]) -> Result<String> {
    let counts = analysis::projects_by_status(projects);
    let labels: Vec<String> = counts
        .iter()
        .map(|(s, _)| analysis::status_label(*s).to_string())
        .collect();
    let n = counts.len();
    let top = nice_top(
        counts
            .iter()
            .map(|(_, c)| f64::from(*c))
            .fold(0.0, f64::max),
    );
    svg(|root| {
        let mut chart = ChartBuilder::on(root)
            .caption("Projects by status", caption())
            .margin(14)
            .x_label_area_size(40)
            .y_label_area_size(60)
            .build_cartesian_2d(-0.5..n as f64 - 0.5, 0.0..top)
            .map_err(chart_error)?;
        let label_of = |x: &f64| category_label(*x, &labels);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n * 2 + 1)
            .x_label_formatter(&label_of)
            .y_desc("Projects")
            .y_label_formatter(&|v| amount_label(*v, top))
            .light_line_style(TRANSPARENT)
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 13))
            .draw()
            .map_err(chart_error)?;
        chart
            .draw_series(counts.iter().enumerate().map(|(i, (status, count))| {
                let x = i as f64;
                Rectangle::new(
                    [(x - 0.35, 0.0), (x + 0.35, f64::from(*count))],
                    status_colour(*status).filled(),
                )
            }))
            .map_err(chart_error)?;
        Ok(())
    })
}

/// A KPI's baseline and yearly targets over the plan period.
pub fn kpi_chart(project: &Project, kpi_index: usize, period: (i32, i32)) -> Result<String> {
    let kpi = project.draft.kpis.get(kpi_index).ok_or_else(|| {
        Error::not_found(
            Thing::Kpi,
            format!("{} of project {}", kpi_index + 1, project.draft.code),
        )
    })?;
    let first = kpi.baseline_year.min(period.0);
    let mut points: Vec<(f64, f64)> = vec![(f64::from(kpi.baseline_year), kpi.baseline_value)];
    points.extend(kpi.targets.iter().map(|t| (f64::from(t.year), t.value)));
    // Actuals run from the baseline too, so the two lines can be read against each other.
    let actuals: Vec<(f64, f64)> = (!kpi.actuals.is_empty())
        .then(|| points[0])
        .into_iter()
        .chain(kpi.actuals.iter().map(|a| (f64::from(a.year), a.value)))
        .collect();
    let (low, high) = points
        .iter()
        .chain(&actuals)
        .fold((f64::MAX, f64::MIN), |(lo, hi), (_, v)| {
            (lo.min(*v), hi.max(*v))
        });
    let pad = ((high - low) * 0.15).max(high.abs() * 0.05).max(1.0);
    let bottom = if low >= 0.0 {
        (low - pad).max(0.0)
    } else {
        low - pad
    };
    let colour = focus_area_colour(&project.draft.primary_focus_area);
    let title = format!("{}: {}", project.draft.code, kpi.name);
    let mut entries = vec![
        ("Targets".to_string(), colour),
        (format!("Baseline {}", kpi.baseline_year), BLACK),
    ];
    if !actuals.is_empty() {
        entries.push(("Actuals".to_string(), ACTUAL));
    }
    svg(|root| {
        let plot = with_legend(root, &entries)?;
        let mut chart = ChartBuilder::on(&plot)
            .caption(&title, caption())
            .margin(14)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d(
                f64::from(first) - 0.5..f64::from(period.1) + 0.5,
                bottom..high + pad,
            )
            .map_err(chart_error)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels((period.1 - first + 2) as usize)
            .x_label_formatter(&year_label)
            .y_desc(kpi.unit.as_str())
            .y_label_formatter(&|v| amount_label(*v, high - bottom))
            .x_desc("Year")
            .light_line_style(TRANSPARENT)
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 13))
            .draw()
            .map_err(chart_error)?;
        chart
            .draw_series(LineSeries::new(points.clone(), colour.stroke_width(3)))
            .map_err(chart_error)?
            .label("Targets")
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 14, y)], colour.stroke_width(3))
            });
        chart
            .draw_series(
                points
                    .iter()
                    .skip(1)
                    .map(|p| Circle::new(*p, 4, colour.filled())),
            )
            .map_err(chart_error)?;
        if !actuals.is_empty() {
            chart
                .draw_series(LineSeries::new(actuals.clone(), ACTUAL.stroke_width(2)))
                .map_err(chart_error)?;
            chart
                .draw_series(
                    actuals
                        .iter()
                        .skip(1)
                        .map(|p| Cross::new(*p, 6, ACTUAL.stroke_width(2))),
                )
                .map_err(chart_error)?;
        }
        chart
            .draw_series(std::iter::once(Circle::new(points[0], 6, BLACK.filled())))
            .map_err(chart_error)?;
        Ok(())
    })
}

/// The label of category `position` on a categorical axis; empty between categories.
fn category_label(position: f64, labels: &[String]) -> String {
    let i = position.round();
    if (position - i).abs() < 1e-6 && i >= 0.0 {
        labels.get(i as usize).cloned().unwrap_or_default()
    } else {
        String::new()
    }
}

/// An axis label: whole numbers unless the axis spans less than ten.
fn amount_label(value: f64, span: f64) -> String {
    if span < 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    }
}

/// A round axis maximum a little above `max` (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × a power of ten).
fn nice_top(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let target = max * 1.08;
    let magnitude = 10f64.powf(target.log10().floor());
    [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|v| *v >= target)
        .unwrap_or(10.0 * magnitude)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_tops_are_round_numbers_above_the_data() {
        assert_eq!(nice_top(0.0), 1.0);
        assert_eq!(nice_top(9.0), 10.0);
        assert_eq!(nice_top(17.0), 20.0);
        assert_eq!(nice_top(230.0), 250.0);
        assert_eq!(nice_top(252.0), 300.0);
        assert_eq!(nice_top(0.42), 0.5);
    }
}
