//! Page layout for the PDF reports: a cursor that places text, rules, tables and SVGs on A4
//! pages top to bottom, starting a new page when the next block does not fit, and [`render`],
//! which draws the pages with krilla. Text is set by [`super::text`] in the bundled fonts of
//! every script, embedded and subset, drawn as real text (selectable, searchable), wrapped at
//! the widths the fonts give; SVGs are drawn as vectors, their text kept as text too, through
//! the same fonts.

use std::sync::{Arc, OnceLock};

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};

use super::text::{all_font_files, fonts};
use ascn_model::error::{Error, Result};

const PAGE: (f32, f32) = (595.0, 842.0);
pub(crate) const MARGIN: f32 = 50.0;
pub(crate) const WIDTH: f32 = PAGE.0 - 2.0 * MARGIN;

pub(crate) type Colour = (u8, u8, u8);
pub(crate) const INK: Colour = (0x1d, 0x27, 0x33);
pub(crate) const MUTED: Colour = (0x5b, 0x68, 0x75);
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
pub(crate) struct Layout {
    pages: Vec<Vec<Item>>,
    pub(crate) y: f32,
    svg_options: usvg::Options<'static>,
}

impl Layout {
    pub(crate) fn new() -> Self {
        // One font database for every PDF: the bundled fonts are read into it once.
        static FONT_DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
        let fontdb = FONT_DB.get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            // Charts name `sans-serif`: Noto Sans, and each character a font of the chain has
            // where it lacks it (usvg falls back across the database).
            for file in all_font_files() {
                db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(file)));
            }
            db.set_sans_serif_family("Noto Sans");
            Arc::new(db)
        });
        let svg_options = usvg::Options {
            fontdb: Arc::clone(fontdb),
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

    /// The cover: a band with the network's name, `title` and `subtitle`, then `facts` as
    /// label and value lines; the cursor ends below them.
    pub(crate) fn cover(&mut self, title: &str, subtitle: &str, facts: &[(&str, String)]) {
        let white = (255, 255, 255);
        self.rect(0.0, 0.0, PAGE.0, 300.0, BLUE);
        self.text_at(
            MARGIN,
            120.0,
            14.0,
            false,
            white,
            "ASEAN Smart Cities Network",
        );
        self.text_at(MARGIN, 170.0, 30.0, true, white, title);
        self.text_at(MARGIN, 205.0, 18.0, false, white, subtitle);
        self.rect(MARGIN, 230.0, 60.0, 5.0, (0xf1, 0xc2, 0x32));
        self.y = 340.0;
        for (label, value) in facts {
            self.y += 20.0;
            let y = self.y;
            self.text_at(MARGIN, y, 11.0, true, MUTED, label);
            self.text_at(MARGIN + 170.0, y, 11.0, false, INK, value);
        }
    }

    pub(crate) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` more points fit on this one.
    pub(crate) fn room(&mut self, height: f32) {
        if self.y + height > PAGE.1 - MARGIN {
            self.new_page();
        }
    }

    pub(crate) fn text_at(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: Colour,
        text: &str,
    ) {
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
    pub(crate) fn paragraph(
        &mut self,
        text: &str,
        size: f32,
        bold: bool,
        colour: Colour,
        indent: f32,
    ) {
        for line in fonts().wrap(text, WIDTH - indent, size, bold) {
            self.room(size * 1.45);
            self.y += size * 1.25;
            let y = self.y;
            self.text_at(MARGIN + indent, y, size, bold, colour, &line);
            self.y += size * 0.2;
        }
    }

    pub(crate) fn heading(&mut self, text: &str) {
        self.heading_marked(text, None);
    }

    /// A heading, with a colour swatch before it when given (focus-area sections).
    pub(crate) fn heading_marked(&mut self, text: &str, swatch: Option<Colour>) {
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

    pub(crate) fn subheading(&mut self, text: &str) {
        self.room(40.0);
        self.y += 8.0;
        self.paragraph(text, 12.5, true, INK, 0.0);
        self.y += 2.0;
    }

    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour) {
        self.page().push(Item::Rect { x, y, w, h, colour });
    }

    /// An SVG drawn `width` points wide at the cursor, keeping its proportions.
    pub(crate) fn svg(&mut self, svg: &str, width: f32) -> Result<()> {
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

    /// A table: column widths in points; the first row is the header, drawn again at the top
    /// of each page the table runs onto.
    pub(crate) fn table(&mut self, widths: &[f32], rows: &[Vec<String>]) {
        let size = 8.5;
        let wrapped = |row: &Vec<String>, bold: bool| -> (Vec<Vec<String>>, f32) {
            let lines: Vec<Vec<String>> = row
                .iter()
                .zip(widths)
                .map(|(cell, w)| fonts().wrap(cell, w - 6.0, size, bold))
                .collect();
            let height = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * size * 1.3 + 5.0;
            (lines, height)
        };
        let Some((first, body)) = rows.split_first() else {
            self.y += 6.0;
            return;
        };
        let (header, header_height) = wrapped(first, true);
        self.room(header_height);
        self.table_row(widths, &header, header_height, size, 0);
        for (r, row) in body.iter().enumerate() {
            let (lines, height) = wrapped(row, false);
            let pages = self.pages.len();
            self.room(height);
            if self.pages.len() > pages {
                self.table_row(widths, &header, header_height, size, 0);
            }
            self.table_row(widths, &lines, height, size, r + 1);
        }
        self.y += 6.0;
    }

    /// One row of a table at the cursor: `r` 0 is the header.
    fn table_row(
        &mut self,
        widths: &[f32],
        lines: &[Vec<String>],
        height: f32,
        size: f32,
        r: usize,
    ) {
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
}

/// An amount of money as the reports write it (see [`ascn_model::analysis::compact_amount`]).
pub(crate) fn money(value: f64, currency: &str) -> String {
    format!("{currency} {}", ascn_model::analysis::compact_amount(value))
        .trim()
        .to_string()
}

/// A budget that may not be known yet: never shown as 0.
pub(crate) fn budget(value: Option<f64>, currency: &str) -> String {
    value.map_or_else(|| "budget not known".into(), |v| money(v, currency))
}

fn fill(surface: &mut Surface<'_>, (r, g, b): Colour) {
    surface.set_fill(Some(Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }));
}

/// Draws one line of text from `(x, y)`, each piece in its font and direction.
fn draw_line(surface: &mut Surface<'_>, x: f32, y: f32, size: f32, bold: bool, text: &str) {
    let mut x = x;
    for piece in fonts().pieces(text, size, bold) {
        surface.draw_text(
            Point::from_xy(x, y),
            piece.font,
            size,
            &piece.text,
            false,
            piece.direction,
        );
        x += piece.width;
    }
}

/// Draws the laid-out pages with krilla.
pub(crate) fn render(layout: &Layout, title: &str) -> Result<Vec<u8>> {
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
                    draw_line(&mut surface, *x, *y, *size, *is_bold, text);
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
            draw_line(
                &mut surface,
                PAGE.0 - MARGIN - 40.0,
                PAGE.1 - 25.0,
                8.0,
                false,
                &format!("Page {}", number + 1),
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
    #[test]
    fn today_is_a_calendar_date() {
        let date = ascn_model::clock::today();
        assert_eq!(date.len(), 10);
        assert!(date.starts_with("20"), "{date}");
    }
}
