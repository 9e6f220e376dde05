//! The plan as a PDF report for people who read on paper: a cover, the Framework summary, one
//! section per focus area with its projects and budget chart, the timeline, funding and KPI
//! tables, and the map.
//!
//! krilla draws; this module lays out. Items are placed on A4 pages by a cursor that starts a new
//! page when the next block does not fit. Text is DejaVu Sans, embedded and subset, drawn as real
//! text (selectable, searchable); charts and the map are the core's SVGs drawn as vectors, their
//! text kept as text too. Lines are wrapped by an estimate of the font's average glyph width.

use std::sync::Arc;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};

use crate::analysis;
use crate::charts::{self, focus_area_colour, ChartKind, PlanData};
use crate::error::{Error, Result};
use crate::map;
use crate::model::{PlanId, Project};
use crate::readiness::{self, Severity};
use crate::store::Workspace;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

const PAGE: (f32, f32) = (595.0, 842.0);
const MARGIN: f32 = 50.0;
const WIDTH: f32 = PAGE.0 - 2.0 * MARGIN;
/// DejaVu Sans glyphs average a little over half the font size; wrap on the safe side.
const AVERAGE_GLYPH: f32 = 0.56;

type Colour = (u8, u8, u8);
const INK: Colour = (0x1d, 0x27, 0x33);
const MUTED: Colour = (0x5b, 0x68, 0x75);
const BLUE: Colour = (0x0b, 0x53, 0x94);

enum Item {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: Colour,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Colour,
    },
    Svg {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        tree: Box<usvg::Tree>,
    },
}

/// Places items on pages, top to bottom.
struct Layout {
    pages: Vec<Vec<Item>>,
    y: f32,
    svg_options: usvg::Options<'static>,
}

impl Layout {
    fn new() -> Self {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        let svg_options = usvg::Options {
            fontdb: Arc::new(db),
            ..Default::default()
        };
        Layout {
            pages: vec![Vec::new()],
            y: MARGIN,
            svg_options,
        }
    }

    fn page(&mut self) -> &mut Vec<Item> {
        self.pages.last_mut().expect("there is always a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn room(&mut self, height: f32) {
        if self.y + height > PAGE.1 - MARGIN {
            self.new_page();
        }
    }

    fn text_at(&mut self, x: f32, y: f32, size: f32, bold: bool, colour: Colour, text: &str) {
        self.page().push(Item::Text {
            x,
            y,
            size,
            bold,
            colour,
            text: text.to_string(),
        });
    }

    /// A wrapped paragraph at the cursor.
    fn paragraph(&mut self, text: &str, size: f32, bold: bool, colour: Colour, indent: f32) {
        let per_line = ((WIDTH - indent) / (size * AVERAGE_GLYPH)).max(10.0) as usize;
        for line in wrap(text, per_line) {
            self.room(size * 1.45);
            self.y += size * 1.25;
            let y = self.y;
            self.text_at(MARGIN + indent, y, size, bold, colour, &line);
            self.y += size * 0.2;
        }
    }

    fn heading(&mut self, text: &str) {
        self.heading_marked(text, None);
    }

    /// A heading, with a colour swatch before it when given (focus-area sections).
    fn heading_marked(&mut self, text: &str, swatch: Option<Colour>) {
        self.room(60.0);
        self.y += 14.0;
        let indent = if swatch.is_some() { 16.0 } else { 0.0 };
        self.paragraph(text, 17.0, true, BLUE, indent);
        if let Some(colour) = swatch {
            let y = self.y - 17.0;
            self.rect(MARGIN, y - 1.0, 9.0, 17.0, colour);
        }
        let y = self.y + 3.0;
        self.rect(MARGIN, y, WIDTH, 1.2, BLUE);
        self.y += 10.0;
    }

    fn subheading(&mut self, text: &str) {
        self.room(40.0);
        self.y += 8.0;
        self.paragraph(text, 12.5, true, INK, 0.0);
        self.y += 2.0;
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour) {
        self.page().push(Item::Rect { x, y, w, h, colour });
    }

    /// An SVG drawn `width` points wide at the cursor, keeping its proportions.
    fn svg(&mut self, svg: &str, width: f32) -> Result<()> {
        let tree = usvg::Tree::from_str(svg, &self.svg_options)
            .map_err(|e| Error::Export(format!("PDF: an SVG could not be read ({e})")))?;
        let h = width * tree.size().height() / tree.size().width();
        self.room(h + 8.0);
        let (x, y) = (MARGIN + (WIDTH - width) / 2.0, self.y + 4.0);
        self.page().push(Item::Svg {
            x,
            y,
            w: width,
            h,
            tree: Box::new(tree),
        });
        self.y += h + 8.0;
        Ok(())
    }

    /// A table: column widths in points; the first row is the header.
    fn table(&mut self, widths: &[f32], rows: &[Vec<String>]) {
        let size = 8.5;
        for (r, row) in rows.iter().enumerate() {
            let lines: Vec<Vec<String>> = row
                .iter()
                .zip(widths)
                .map(|(cell, w)| wrap(cell, ((w - 6.0) / (size * AVERAGE_GLYPH)).max(4.0) as usize))
                .collect();
            let height = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * size * 1.3 + 5.0;
            self.room(height);
            if r == 0 {
                let y = self.y;
                self.rect(MARGIN, y, WIDTH, height, BLUE);
            } else if r % 2 == 0 {
                let y = self.y;
                self.rect(MARGIN, y, WIDTH, height, (0xf2, 0xf5, 0xf8));
            }
            let mut x = MARGIN;
            for (cell, w) in lines.iter().zip(widths) {
                for (i, line) in cell.iter().enumerate() {
                    let y = self.y + 2.5 + size * (1.0 + 1.3 * i as f32);
                    let colour = if r == 0 { (255, 255, 255) } else { INK };
                    self.text_at(x + 3.0, y, size, r == 0, colour, line);
                }
                x += w;
            }
            self.y += height;
        }
        self.y += 6.0;
    }
}

/// Splits text into lines of at most `width` characters, at spaces where it can.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let mut word = word.to_string();
            while word.chars().count() > width {
                let head: String = word.chars().take(width).collect();
                word = word.chars().skip(width).collect();
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                lines.push(head);
            }
            if line.is_empty() {
                line = word;
            } else if line.chars().count() + 1 + word.chars().count() <= width {
                line.push(' ');
                line.push_str(&word);
            } else {
                lines.push(std::mem::replace(&mut line, word));
            }
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn money(value: f64, currency: &str) -> String {
    if value >= 1e6 {
        format!("{currency} {:.1} M", value / 1e6)
    } else {
        format!("{currency} {value:.0}")
    }
}

/// The plan as a PDF document.
pub fn report(ws: &Workspace, plan: PlanId) -> Result<Vec<u8>> {
    let stored = ws.plan(plan)?;
    let city = ws.city(stored.city_id)?;
    let reference = ws.reference();
    let projects = ws.plan_projects(plan)?;
    let partners = ws.partners(plan)?;
    let currency = analysis::main_currency(&projects).unwrap_or_else(|| "USD".into());
    let country = reference
        .member_state(&city.member_state)
        .map_or(city.member_state.clone(), |m| m.name.clone());
    let period = (stored.period_start, stored.period_end);
    let data = PlanData {
        projects: &projects,
        partners: &partners,
        reference,
        period,
    };
    let mut l = Layout::new();

    // Cover
    l.rect(0.0, 0.0, PAGE.0, 300.0, BLUE);
    l.text_at(
        MARGIN,
        120.0,
        14.0,
        false,
        (255, 255, 255),
        "ASEAN Smart Cities Network",
    );
    l.text_at(MARGIN, 170.0, 30.0, true, (255, 255, 255), &city.name);
    l.text_at(
        MARGIN,
        205.0,
        18.0,
        false,
        (255, 255, 255),
        &format!("Smart City Action Plan {}–{}", period.0, period.1),
    );
    l.rect(MARGIN, 230.0, 60.0, 5.0, (0xf1, 0xc2, 0x32));
    l.y = 340.0;
    let facts = [
        ("Member state", country.clone()),
        (
            "Chief Smart City Officer",
            city.officer.clone().unwrap_or_else(|| "—".into()),
        ),
        ("Plan period", format!("{}–{}", period.0, period.1)),
        ("Status", stored.status.to_string()),
        ("Framework", reference.name.clone()),
        ("Date of this report", crate::clock::today()),
    ];
    for (label, value) in &facts {
        l.y += 20.0;
        let y = l.y;
        l.text_at(MARGIN, y, 11.0, true, MUTED, label);
        l.text_at(MARGIN + 170.0, y, 11.0, false, INK, value);
    }
    if stored.sample {
        l.y += 40.0;
        l.paragraph(
            "SAMPLE DATA — generated for trying ASCN Action Planner. This is not the city's plan.",
            12.0,
            true,
            (0xb3, 0x26, 0x1e),
            0.0,
        );
    }

    // Framework summary
    l.new_page();
    l.heading("The plan and the ASEAN Smart Cities Framework");
    l.subheading("Vision");
    l.paragraph(
        if stored.vision.trim().is_empty() {
            "No vision has been written yet."
        } else {
            &stored.vision
        },
        10.0,
        false,
        INK,
        0.0,
    );
    l.subheading("Strategic outcomes");
    for o in &reference.strategic_outcomes {
        let serving: Vec<&Project> = projects
            .iter()
            .filter(|p| p.draft.outcomes.contains(&o.code))
            .collect();
        l.paragraph(
            &format!("{} ({}): {} projects", o.name, o.code, serving.len()),
            10.0,
            false,
            INK,
            8.0,
        );
    }
    l.subheading("Focus areas");
    let mut rows = vec![vec![
        "Focus area".to_string(),
        "Chosen".into(),
        "Projects".into(),
        format!("Budget ({currency})"),
    ]];
    for area in &reference.focus_areas {
        let own: Vec<&Project> = projects
            .iter()
            .filter(|p| p.draft.primary_focus_area == area.code)
            .collect();
        let chosen = stored.focus_areas.iter().any(|c| c.focus_area == area.code);
        rows.push(vec![
            area.name.clone(),
            if chosen { "Yes" } else { "No" }.into(),
            own.len().to_string(),
            money(
                own.iter()
                    .map(|p| analysis::budget_in(p, Some(&currency)))
                    .sum(),
                &currency,
            ),
        ]);
    }
    l.table(&[200.0, 70.0, 70.0, 155.0], &rows);
    let findings = readiness::check(&stored, &projects);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    l.subheading("Readiness");
    l.paragraph(
        &format!(
            "{} findings: {errors} to fix before submission, {} to improve.",
            findings.len(),
            findings.len() - errors
        ),
        10.0,
        false,
        INK,
        0.0,
    );
    for f in findings.iter().take(12) {
        l.paragraph(&format!("• {}", f.message), 9.0, false, MUTED, 8.0);
    }
    l.svg(
        &charts::plan_chart(ChartKind::BudgetByFocusArea, &data)?,
        WIDTH,
    )?;

    // One section per focus area with projects or chosen
    for area in &reference.focus_areas {
        let own: Vec<Project> = projects
            .iter()
            .filter(|p| p.draft.primary_focus_area == area.code)
            .cloned()
            .collect();
        let chosen = stored
            .focus_areas
            .iter()
            .find(|c| c.focus_area == area.code);
        if own.is_empty() && chosen.is_none() {
            continue;
        }
        l.new_page();
        let c = focus_area_colour(&area.code);
        l.heading_marked(
            &format!("{} ({})", area.name, area.code),
            Some((c.0, c.1, c.2)),
        );
        if let Some(chosen) = chosen.filter(|c| !c.rationale.trim().is_empty()) {
            l.paragraph(
                &format!("Why: {}", chosen.rationale),
                10.0,
                false,
                MUTED,
                0.0,
            );
        }
        for p in &own {
            let d = &p.draft;
            l.subheading(&format!("{} {}", d.code, d.title));
            l.paragraph(
                &format!(
                    "{}–{} · {} · {} · {}",
                    d.start_year,
                    d.end_year,
                    analysis::status_label(d.status),
                    if d.lead_agency.is_empty() {
                        "no lead agency"
                    } else {
                        &d.lead_agency
                    },
                    money(analysis::budget_in(p, Some(&currency)), &currency)
                ),
                9.0,
                false,
                MUTED,
                0.0,
            );
            if !d.description.trim().is_empty() {
                l.paragraph(&d.description, 9.5, false, INK, 0.0);
            }
            for k in &d.kpis {
                let target = k.targets.last().map_or(String::new(), |t| {
                    format!("; target {} {} by {}", t.value, k.unit, t.year)
                });
                l.paragraph(
                    &format!(
                        "KPI: {} — baseline {} {} ({}){target}",
                        k.name, k.baseline_value, k.unit, k.baseline_year
                    ),
                    9.0,
                    false,
                    INK,
                    8.0,
                );
            }
        }
        if !own.is_empty() {
            let area_data = PlanData {
                projects: &own,
                ..data
            };
            l.svg(
                &charts::plan_chart(ChartKind::BudgetByFocusArea, &area_data)?,
                WIDTH * 0.9,
            )?;
        }
    }

    // Timeline
    l.new_page();
    l.heading("Timeline");
    let years: Vec<i32> = (period.0..=period.1).collect();
    let label_w = 170.0;
    let col = (WIDTH - label_w) / years.len().max(1) as f32;
    l.room(20.0);
    for (i, year) in years.iter().enumerate() {
        let (x, y) = (MARGIN + label_w + col * i as f32 + 4.0, l.y + 10.0);
        l.text_at(x, y, 8.0, true, MUTED, &year.to_string());
    }
    l.y += 16.0;
    for p in &projects {
        let d = &p.draft;
        l.room(13.0);
        let y = l.y;
        let title: String = format!("{} {}", d.code, d.title).chars().take(36).collect();
        l.text_at(MARGIN, y + 8.5, 7.5, false, INK, &title);
        let first = (d.start_year.max(period.0) - period.0) as f32;
        let last = (d.end_year.min(period.1) - period.0 + 1) as f32;
        let c = focus_area_colour(&d.primary_focus_area);
        l.rect(
            MARGIN + label_w + col * first,
            y + 2.0,
            (col * (last - first) - 2.0).max(2.0),
            8.0,
            (c.0, c.1, c.2),
        );
        l.y += 12.0;
    }

    // Funding
    l.new_page();
    l.heading("Funding");
    let mut rows = vec![vec![
        "Source".to_string(),
        format!("Committed ({currency})"),
        format!("Pipeline ({currency})"),
    ]];
    for s in analysis::funding_by_source(&projects, Some(&currency)) {
        rows.push(vec![
            s.label,
            money(s.committed, &currency),
            money(s.pipeline, &currency),
        ]);
    }
    l.table(&[215.0, 140.0, 140.0], &rows);
    l.svg(
        &charts::plan_chart(ChartKind::FundingBySource, &data)?,
        WIDTH * 0.9,
    )?;
    l.svg(
        &charts::plan_chart(ChartKind::FundingByPartnerKind, &data)?,
        WIDTH * 0.9,
    )?;

    // KPIs
    l.new_page();
    l.heading("Key performance indicators");
    let mut rows = vec![vec![
        "Project".to_string(),
        "Indicator".into(),
        "Unit".into(),
        "Baseline".into(),
        "Final target".into(),
    ]];
    for p in &projects {
        for k in &p.draft.kpis {
            rows.push(vec![
                p.draft.code.clone(),
                k.name.clone(),
                k.unit.clone(),
                format!("{} ({})", k.baseline_value, k.baseline_year),
                k.targets
                    .last()
                    .map_or("—".into(), |t| format!("{} ({})", t.value, t.year)),
            ]);
        }
    }
    l.table(&[55.0, 200.0, 70.0, 85.0, 85.0], &rows);

    // Map
    l.new_page();
    l.heading("Map");
    let view = map::for_plan(ws, plan, 1000.0, 700.0)?;
    l.svg(&map::to_svg(&view, reference), WIDTH)?;
    l.paragraph(
        "Boundaries: Natural Earth (public domain). Project locations and districts as recorded in the plan.",
        8.0,
        false,
        MUTED,
        0.0,
    );

    render(
        &l,
        &format!(
            "{} Smart City Action Plan {}–{}",
            city.name, period.0, period.1
        ),
    )
}

fn fill(surface: &mut Surface<'_>, (r, g, b): Colour) {
    surface.set_fill(Some(Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }));
}

/// Draws the laid-out pages with krilla.
fn render(layout: &Layout, title: &str) -> Result<Vec<u8>> {
    let font = |bytes: &'static [u8]| {
        Font::new(bytes.to_vec().into(), 0)
            .ok_or_else(|| Error::Export("PDF: the bundled font could not be loaded".into()))
    };
    let (regular, bold) = (font(REGULAR)?, font(BOLD)?);
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .creator(format!("ASCN Action Planner {}", env!("CARGO_PKG_VERSION")))
            .language("en".into()),
    );
    let settings = PageSettings::from_wh(PAGE.0, PAGE.1).expect("A4 is a valid page size");
    for (number, items) in layout.pages.iter().enumerate() {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for item in items {
            match item {
                Item::Rect { x, y, w, h, colour } => {
                    if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                        let mut path = PathBuilder::new();
                        path.push_rect(rect);
                        if let Some(path) = path.finish() {
                            fill(&mut surface, *colour);
                            surface.draw_path(&path);
                        }
                    }
                }
                Item::Text {
                    x,
                    y,
                    size,
                    bold: is_bold,
                    colour,
                    text,
                } => {
                    fill(&mut surface, *colour);
                    let face = if *is_bold {
                        bold.clone()
                    } else {
                        regular.clone()
                    };
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        face,
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Item::Svg { x, y, w, h, tree } => {
                    surface.push_transform(&Transform::from_translate(*x, *y));
                    let size = Size::from_wh(*w, *h).expect("a laid-out SVG has a size");
                    let drawn = surface.draw_svg(
                        tree,
                        size,
                        SvgSettings {
                            embed_text: true,
                            ..Default::default()
                        },
                    );
                    surface.pop();
                    if drawn.is_none() {
                        return Err(Error::Export("PDF: a chart could not be drawn".into()));
                    }
                }
            }
        }
        if number > 0 {
            fill(&mut surface, MUTED);
            surface.draw_text(
                Point::from_xy(PAGE.0 - MARGIN - 40.0, PAGE.1 - 25.0),
                regular.clone(),
                8.0,
                &format!("Page {}", number + 1),
                false,
                TextDirection::Auto,
            );
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| Error::Export(format!("PDF: {e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_breaks_overlong_words() {
        assert_eq!(
            wrap("one two three four", 9),
            vec!["one two", "three", "four"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 5), vec![""]);
    }

    #[test]
    fn today_is_a_calendar_date() {
        let date = crate::clock::today();
        assert_eq!(date.len(), 10);
        assert!(date.starts_with("20"), "{date}");
    }
}
