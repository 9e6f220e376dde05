//! Text set for the PDFs in every script of the member states: each run of text goes to the
//! first bundled font of a fallback chain that has its characters (Noto Sans for Latin and
//! Vietnamese, then Thai, Lao, Khmer, Myanmar, Tamil, Arabic for Jawi, Simplified Chinese, and
//! DejaVu Sans for symbols); runs are shaped with rustybuzz, as krilla shapes them to draw them,
//! so widths are the fonts' real metrics; lines break where each script allows (ICU4X's line
//! segmenter, with its dictionaries for Thai, Lao, Khmer and Burmese, which write no spaces
//! between words); right-to-left runs (Jawi) are laid out in visual order (unicode-bidi).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

use icu_segmenter::{GraphemeClusterSegmenter, LineSegmenter};
use krilla::text::{Font, TextDirection};
use rustybuzz::{Direction, UnicodeBuffer};
use unicode_bidi::BidiInfo;

macro_rules! font_file {
    ($name:literal) => {
        include_bytes!(concat!("../../../../../assets/fonts/", $name)) as &'static [u8]
    };
}

/// The fallback chain of regular text, most used first.
const REGULAR: [&[u8]; 9] = [
    font_file!("NotoSans-Regular.ttf"),
    font_file!("NotoSansThai-Regular.ttf"),
    font_file!("NotoSansLao-Regular.ttf"),
    font_file!("NotoSansKhmer-Regular.ttf"),
    font_file!("NotoSansMyanmar-Regular.ttf"),
    font_file!("NotoSansTamil-Regular.ttf"),
    font_file!("NotoNaskhArabic-Regular.ttf"),
    font_file!("NotoSansSC-Regular.otf"),
    font_file!("DejaVuSans.ttf"),
];

/// The fallback chain of bold text; Chinese has one weight.
const BOLD: [&[u8]; 9] = [
    font_file!("NotoSans-Bold.ttf"),
    font_file!("NotoSansThai-Bold.ttf"),
    font_file!("NotoSansLao-Bold.ttf"),
    font_file!("NotoSansKhmer-Bold.ttf"),
    font_file!("NotoSansMyanmar-Bold.ttf"),
    font_file!("NotoSansTamil-Bold.ttf"),
    font_file!("NotoNaskhArabic-Bold.ttf"),
    font_file!("NotoSansSC-Regular.otf"),
    font_file!("DejaVuSans-Bold.ttf"),
];

/// Every bundled font file, for the SVG renderer's font database (charts and maps in PDFs).
pub(crate) fn all_font_files() -> impl Iterator<Item = &'static [u8]> {
    REGULAR.into_iter().chain(BOLD)
}

struct Face {
    shaper: rustybuzz::Face<'static>,
    font: Font,
    /// Widths of texts already shaped, at size 1, by direction and text: a report shapes the
    /// same words ("Planned", a city's name) many times, and shaping is the costly part.
    widths: Mutex<HashMap<(bool, String), f32>>,
}

/// Most widths a face keeps; past it the cache starts again (a report of the whole network
/// holds far fewer distinct words).
const MAX_CACHED_WIDTHS: usize = 200_000;

impl Face {
    fn load(data: &'static [u8]) -> Option<Face> {
        Some(Face {
            shaper: rustybuzz::Face::from_slice(data, 0)?,
            font: Font::new(data.into(), 0)?,
            widths: Mutex::new(HashMap::new()),
        })
    }

    fn has(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_some()
    }

    /// The advance of `text` shaped in this font, in points at `size`.
    fn width(&self, text: &str, size: f32, rtl: bool) -> f32 {
        let key = (rtl, text.to_string());
        let mut widths = self.widths.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(unit) = widths.get(&key) {
            return unit * size;
        }
        if widths.len() >= MAX_CACHED_WIDTHS {
            widths.clear();
        }
        let unit = self.shaped_width(text, rtl);
        widths.insert(key, unit);
        unit * size
    }

    /// The advance of `text` shaped in this font, at size 1.
    fn shaped_width(&self, text: &str, rtl: bool) -> f32 {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        if rtl {
            buffer.set_direction(Direction::RightToLeft);
        }
        let shaped = rustybuzz::shape(&self.shaper, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 / f32::from(self.shaper.units_per_em() as u16)
    }
}

/// The bundled fonts, loaded once.
pub(crate) struct Fonts {
    regular: Vec<Face>,
    bold: Vec<Face>,
}

/// A piece of a line in one font and direction, in the order it is drawn left to right.
pub(crate) struct Piece {
    pub(crate) font: Font,
    pub(crate) text: String,
    pub(crate) direction: TextDirection,
    pub(crate) width: f32,
}

/// The bundled fonts, read once (a test loads every one).
pub(crate) fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let load = |files: &[&'static [u8]]| -> Vec<Face> {
            files
                .iter()
                .map(|d| Face::load(d).expect("a bundled font is a font"))
                .collect()
        };
        Fonts {
            regular: load(&REGULAR),
            bold: load(&BOLD),
        }
    })
}

impl Fonts {
    fn chain(&self, bold: bool) -> &[Face] {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// The runs of `text` and the font (its place in the chain) each is set in: a character
    /// stays in the run it is in while that font has it and it is not a letter another font
    /// is first for (spaces, digits, punctuation and combining marks go with their
    /// neighbours); a character no font has is set in the first (and shows as missing).
    fn runs(&self, text: &str, bold: bool) -> Vec<(usize, Range<usize>)> {
        let chain = self.chain(bold);
        let first_with = |c: char| chain.iter().position(|f| f.has(c));
        let mut runs: Vec<(usize, Range<usize>)> = Vec::new();
        for (at, c) in text.char_indices() {
            let end = at + c.len_utf8();
            if let Some((font, range)) = runs.last_mut() {
                let stays =
                    chain[*font].has(c) && (!c.is_alphabetic() || first_with(c) == Some(*font));
                if stays {
                    range.end = end;
                    continue;
                }
            }
            let font = first_with(c).unwrap_or(0);
            match runs.last_mut() {
                Some((last, range)) if *last == font => range.end = end,
                _ => runs.push((font, at..end)),
            }
        }
        runs
    }

    /// The width of one line of `text`, in points.
    pub(crate) fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let chain = self.chain(bold);
        self.runs(text, bold)
            .into_iter()
            .map(|(font, range)| chain[font].width(&text[range], size, false))
            .sum()
    }

    /// One line of text as the pieces to draw, left to right: right-to-left runs (Jawi) are
    /// reordered as the Unicode bidirectional algorithm says.
    pub(crate) fn pieces(&self, line: &str, size: f32, bold: bool) -> Vec<Piece> {
        let chain = self.chain(bold);
        let bidi = BidiInfo::new(line, None);
        let mut pieces = Vec::new();
        for paragraph in &bidi.paragraphs {
            let (levels, visual) = bidi.visual_runs(paragraph, paragraph.range.clone());
            for run in visual {
                let rtl = levels[run.start].is_rtl();
                let mut runs = self.runs(&line[run.clone()], bold);
                if rtl {
                    runs.reverse();
                }
                for (font, range) in runs {
                    let text = &line[run.start + range.start..run.start + range.end];
                    pieces.push(Piece {
                        font: chain[font].font.clone(),
                        text: text.to_string(),
                        direction: if rtl {
                            TextDirection::RightToLeft
                        } else {
                            TextDirection::LeftToRight
                        },
                        width: chain[font].width(text, size, rtl),
                    });
                }
            }
        }
        pieces
    }

    /// Breaks `text` into lines no wider than `width` points, where each script allows a
    /// break (and at each newline); a word wider than a line is broken between its letters.
    pub(crate) fn wrap(&self, text: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
        let segmenter = LineSegmenter::new_dictionary(Default::default());
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let breaks: Vec<usize> = segmenter.segment_str(paragraph).collect();
            let mut line = String::new();
            let mut line_width = 0.0;
            for pair in breaks.windows(2) {
                let segment = &paragraph[pair[0]..pair[1]];
                let visible = self.width(segment.trim_end(), size, bold);
                if line_width + visible <= width || line.trim().is_empty() && visible <= width {
                    line.push_str(segment);
                    line_width += self.width(segment, size, bold);
                    continue;
                }
                if !line.trim().is_empty() {
                    lines.push(line.trim_end().to_string());
                }
                line = String::new();
                line_width = 0.0;
                if visible <= width {
                    line.push_str(segment);
                    line_width = self.width(segment, size, bold);
                } else {
                    // Wider than a line: as many letters as fit on each.
                    for cluster in clusters(segment) {
                        let w = self.width(cluster, size, bold);
                        if line_width + w > width && !line.is_empty() {
                            lines.push(std::mem::take(&mut line));
                            line_width = 0.0;
                        }
                        line.push_str(cluster);
                        line_width += w;
                    }
                }
            }
            lines.push(line.trim_end().to_string());
        }
        lines
    }
}

/// The grapheme clusters of `text`: what a reader sees as one letter.
fn clusters(text: &str) -> Vec<&str> {
    let breaks: Vec<usize> = GraphemeClusterSegmenter::new().segment_str(text).collect();
    breaks.windows(2).map(|w| &text[w[0]..w[1]]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_is_set_in_a_font_that_has_it() {
        let f = fonts();
        for (text, font) in [
            ("Smart city", 0),
            ("Thành phố thông minh", 0),
            ("เมืองอัจฉริยะ", 1),
            ("ນະຄອນ", 2),
            ("ទីក្រុងឆ្លាតវៃ", 3),
            ("မြို့ပြ", 4),
            ("நகரம்", 5),
            ("بندر", 6),
            ("智慧城市", 7),
        ] {
            assert_eq!(f.runs(text, false), vec![(font, 0..text.len())], "{text}");
        }
        // A Latin title with a Thai name: the name in the Thai font, the rest in Noto Sans
        // (whose digits the Thai font lacks).
        let mixed = "Bus lanes ถนนสุขุมวิท 2026";
        let runs: Vec<(usize, &str)> = f
            .runs(mixed, false)
            .into_iter()
            .map(|(font, range)| (font, &mixed[range]))
            .collect();
        assert_eq!(runs, [(0, "Bus lanes "), (1, "ถนนสุขุมวิท "), (0, "2026")]);
    }

    #[test]
    fn widths_are_the_fonts_metrics() {
        let f = fonts();
        let narrow = f.width("iiii", 10.0, false);
        let wide = f.width("WWWW", 10.0, false);
        assert!(wide > narrow * 2.0, "{wide} vs {narrow}");
        assert!(f.width("Smart", 10.0, true) > f.width("Smart", 10.0, false));
    }

    #[test]
    fn a_thai_title_wraps_between_words_not_inside_them() {
        let f = fonts();
        // "The project to develop a smart city of Bangkok with a flood warning system"
        let title = "โครงการพัฒนาเมืองอัจฉริยะของกรุงเทพมหานครพร้อมระบบเตือนภัยน้ำท่วม";
        let lines = f.wrap(title, 120.0, 10.0, false);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), title, "nothing lost or added");
        let words: Vec<usize> = LineSegmenter::new_dictionary(Default::default())
            .segment_str(title)
            .collect();
        let mut at = 0;
        for line in &lines {
            assert!(f.width(line, 10.0, false) <= 120.0, "{line} overflows");
            at += line.len();
            assert!(words.contains(&at), "a break inside a word after {line}");
        }
    }

    #[test]
    fn jawi_is_laid_out_right_to_left() {
        let f = fonts();
        let pieces = f.pieces("Plan بندر سري بڬاوان 2026", 10.0, false);
        let directions: Vec<bool> = pieces
            .iter()
            .map(|p| p.direction == TextDirection::RightToLeft)
            .collect();
        assert!(directions.contains(&true) && !directions[0]);
    }
}
