//! Charts of the monitoring report: the year's shares by focus area and member state, and the
//! projects by status and by focus area over the years the workspace has reported.

use plotters::prelude::*;

use super::{
    caption, category_label, chart_error, focus_area_colour, nice_top, status_colour, svg,
    with_legend, FONT,
};
use ascn_model::error::Result;
use ascn_model::monitoring::{Figures, MeStatus, Share};

/// The colour of a status the report counts, as its project status is drawn.
pub fn me_status_colour(status: MeStatus) -> RGBColor {
    status_colour(status.project_status())
}

const STATE: RGBColor = RGBColor(0x0b, 0x53, 0x94);

/// Projects per focus area (each in its colour) or member state, as horizontal bars labelled
/// with their share.
pub fn shares(title: &str, shares: &[Share], by_focus_area: bool) -> Result<String> {
    let n = shares.len().max(1);
    let top = nice_top(
        shares
            .iter()
            .map(|s| f64::from(s.projects))
            .fold(0.0, f64::max),
    );
    // Top to bottom in the given order: the first share is drawn highest.
    let labels: Vec<String> = shares.iter().rev().map(|s| s.name.clone()).collect();
    svg(|root| {
        let mut chart = ChartBuilder::on(root)
            .caption(title, caption())
            .margin(14)
            .x_label_area_size(40)
            .y_label_area_size(170)
            .build_cartesian_2d(0.0..top * 1.15, -0.5..n as f64 - 0.5)
            .map_err(chart_error)?;
        let label_of = |y: &f64| category_label(*y, &labels);
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n * 2 + 1)
            .y_label_formatter(&label_of)
            .x_desc("Projects")
            .x_label_formatter(&|v| format!("{v:.0}"))
            .light_line_style(TRANSPARENT)
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 13))
            .draw()
            .map_err(chart_error)?;
        let count = shares.len();
        chart
            .draw_series(shares.iter().enumerate().map(|(i, s)| {
                let y = (count - 1 - i) as f64;
                let colour = if by_focus_area {
                    focus_area_colour(&s.code)
                } else {
                    STATE
                };
                Rectangle::new(
                    [(0.0, y - 0.32), (f64::from(s.projects), y + 0.32)],
                    colour.filled(),
                )
            }))
            .map_err(chart_error)?;
        chart
            .draw_series(shares.iter().enumerate().map(|(i, s)| {
                let y = (count - 1 - i) as f64;
                Text::new(
                    format!("{} ({:.0} %)", s.projects, s.percent),
                    (f64::from(s.projects) + top * 0.01, y + 0.18),
                    (FONT, 12).into_font(),
                )
            }))
            .map_err(chart_error)?;
        Ok(())
    })
}

/// A chart of projects per year (one category per year of `trend`), with a legend of
/// `entries`; `draw` puts the series on it.
fn by_year(
    title: &str,
    trend: &[Figures],
    top: f64,
    entries: &[(String, RGBColor)],
    draw: impl FnOnce(&mut YearChart<'_, '_>) -> Result<()>,
) -> Result<String> {
    let labels: Vec<String> = trend.iter().map(|f| f.year.to_string()).collect();
    svg(|root| {
        let plot = with_legend(root, entries)?;
        let mut chart = ChartBuilder::on(&plot)
            .caption(title, caption())
            .margin(14)
            .x_label_area_size(40)
            .y_label_area_size(60)
            .build_cartesian_2d(-0.5..trend.len() as f64 - 0.5, 0.0..top)
            .map_err(chart_error)?;
        let label_of = |x: &f64| category_label(*x, &labels);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(trend.len() * 2 + 1)
            .x_label_formatter(&label_of)
            .y_desc("Projects")
            .y_label_formatter(&|v| format!("{v:.0}"))
            .light_line_style(TRANSPARENT)
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 13))
            .draw()
            .map_err(chart_error)?;
        draw(&mut chart)
    })
}

type YearChart<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// The network's projects per year, stacked by status.
pub fn trend_by_status(trend: &[Figures]) -> Result<String> {
    let top = nice_top(
        trend
            .iter()
            .map(|f| f64::from(f.projects))
            .fold(0.0, f64::max),
    );
    let entries: Vec<(String, RGBColor)> = MeStatus::ALL
        .iter()
        .map(|s| (s.label().to_string(), me_status_colour(*s)))
        .collect();
    by_year(
        "Projects by status, year by year",
        trend,
        top,
        &entries,
        |chart| {
            let mut base = vec![0.0; trend.len()];
            for status in MeStatus::ALL {
                let bars: Vec<_> = trend
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        let x = i as f64;
                        let y0 = base[i];
                        base[i] += f64::from(f.count(status));
                        Rectangle::new(
                            [(x - 0.3, y0), (x + 0.3, base[i])],
                            me_status_colour(status).filled(),
                        )
                    })
                    .collect();
                chart.draw_series(bars).map_err(chart_error)?;
            }
            Ok(())
        },
    )
}

/// The network's projects per focus area, year by year, a line per focus area.
pub fn trend_by_focus_area(trend: &[Figures]) -> Result<String> {
    // The focus areas of the latest year, in the Framework's order.
    let areas: Vec<(String, String)> = trend
        .last()
        .map(|f| {
            f.by_focus_area
                .iter()
                .map(|s| (s.code.clone(), s.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let top = nice_top(
        trend
            .iter()
            .flat_map(|f| f.by_focus_area.iter().map(|s| f64::from(s.projects)))
            .fold(0.0, f64::max),
    );
    let entries: Vec<(String, RGBColor)> = areas
        .iter()
        .map(|(code, name)| (name.clone(), focus_area_colour(code)))
        .collect();
    by_year(
        "Projects by focus area, year by year",
        trend,
        top,
        &entries,
        |chart| {
            for (code, _) in &areas {
                let colour = focus_area_colour(code);
                let points: Vec<(f64, f64)> = trend
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (i as f64, f64::from(f.of_focus_area(code))))
                    .collect();
                chart
                    .draw_series(LineSeries::new(points.clone(), colour.stroke_width(3)))
                    .map_err(chart_error)?;
                chart
                    .draw_series(
                        points
                            .into_iter()
                            .map(|p| Circle::new(p, 4, colour.filled())),
                    )
                    .map_err(chart_error)?;
            }
            Ok(())
        },
    )
}
