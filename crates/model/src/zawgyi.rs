//! Burmese in Zawgyi, the font encoding most Myanmar text was typed in before Unicode: it puts
//! its own glyphs on Unicode's Myanmar code points, so Zawgyi text stored as it is reads as
//! mojibake in every font but Zawgyi (and in our PDF). Text pasted or imported is checked here;
//! the user is offered the conversion, never given it silently.
//!
//! Detection weighs sequences only one of the two encodings writes (a vowel sign E before its
//! consonant, a medial RA before it, Zawgyi's stacked forms above U+1060, Unicode's kinzi and
//! medial HA) and calls text Zawgyi only when Zawgyi's evidence is clear and outweighs Unicode's.
//! Text with none of them (a word with no such sign) reads the same in both and needs no
//! conversion. Conversion maps each Zawgyi glyph to its Unicode characters and puts each
//! syllable's marks in Unicode's order (Unicode Technical Note #11).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::monitoring::table::Sheet;
use crate::plan_file::PlanFile;
use crate::validation::{FieldError, Rule};

/// A piece of text that looks like Zawgyi, where it is, and what it reads as in Unicode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ZawgyiText {
    /// Where the text is: `row 3, 'Title'`, or a plan file's field (`projects[2].title`).
    pub at: String,
    pub text: String,
    pub unicode: String,
}

/// True when `text` is Burmese written in Zawgyi.
pub fn looks_like_zawgyi(text: &str) -> bool {
    if !text.chars().any(is_myanmar) {
        return false;
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut zawgyi, mut unicode) = (0u32, 0u32);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let starts_syllable = prev.is_none_or(closes_syllable);
        let before_consonant = next.is_some_and(|n| is_base(n) || is_prefix_ra(n));
        match c {
            // Zawgyi's stacked consonants, kinzi and variant glyphs; Unicode keeps this range
            // for Mon, Shan and Karen letters, never written among Burmese ones.
            '\u{1060}'..='\u{1097}' => zawgyi += 3,
            // Zawgyi's short U and UU; Unicode's are Mon vowels.
            '\u{1033}' | '\u{1034}' => zawgyi += 2,
            // Zawgyi's asat; Unicode's virama always stacks a consonant under it, and only
            // one of the same row of the alphabet (Pali's rule: န္တ, က္က, မ္ဘ).
            '\u{1039}'
                if !next.is_some_and(is_base)
                    || !prev.zip(next).is_some_and(|(upper, lower)| stacks(upper, lower)) =>
            {
                zawgyi += 2
            }
            // Zawgyi types the vowel sign E and the medial RA before their consonant; Unicode
            // stores both after it.
            '\u{1031}' if starts_syllable && before_consonant => zawgyi += 2,
            '\u{103B}' if (starts_syllable || prev == Some('\u{1031}')) && before_consonant => {
                zawgyi += 2
            }
            // Zawgyi's medial YA followed by a vowel sign; Unicode's asat ends a syllable
            // (but for the U of ကျွန်ုပ်, "I").
            '\u{103A}'
                if next.is_some_and(|n| matches!(n, '\u{102B}'..='\u{102E}' | '\u{1030}')) =>
            {
                zawgyi += 2
            }
            // Unicode's kinzi (Zawgyi has one glyph for it).
            '\u{1004}' if next == Some('\u{103A}') && chars.get(i + 2) == Some(&'\u{1039}') => {
                unicode += 3
            }
            // Unicode's medial HA; Zawgyi writes it as U+103D.
            '\u{103E}' => unicode += 2,
            // Unicode's E after its consonant, followed by the syllable's other marks.
            '\u{1031}'
                if next.is_some_and(|n| {
                    matches!(n, '\u{102B}'..='\u{1030}' | '\u{1032}' | '\u{1036}'..='\u{1038}' | '\u{103A}')
                }) =>
            {
                unicode += 2
            }
            // Unicode's dot below before asat (its canonical order).
            '\u{1037}' if next == Some('\u{103A}') => unicode += 2,
            // Unicode's medial YA followed by a vowel; Zawgyi's U+103B is always before a
            // consonant.
            '\u{103B}' if next.is_some_and(|n| ('\u{102B}'..='\u{1031}').contains(&n)) => {
                unicode += 1
            }
            _ => {}
        }
    }
    zawgyi >= 2 && zawgyi > unicode
}

/// `text` converted from Zawgyi to Unicode; text outside the Myanmar block is kept as it is.
pub fn to_unicode(text: &str) -> String {
    let chars = preprocess(text);
    let mut out = String::with_capacity(text.len() + 8);
    let mut syllable = Syllable::default();
    for c in chars {
        match glyph(c) {
            Glyph::Letter(letter) => {
                syllable.flush_if_built(&mut out);
                syllable.base.push(letter);
            }
            Glyph::Base(base) => {
                syllable.flush_if_built(&mut out);
                syllable.base.push_str(base);
            }
            Glyph::Prefix(unit) => {
                if !syllable.base.is_empty() {
                    syllable.flush(&mut out);
                }
                syllable.marks.push(unit);
            }
            Glyph::Marks(units) => {
                // An asat written before the U stays before it, as Unicode spells ကျွန်ုပ်.
                if units == [(LOWER, "\u{102F}")] {
                    if let Some(asat) = syllable.marks.last_mut().filter(|m| m.0 == ASAT) {
                        asat.0 = LOWER;
                    }
                }
                syllable.marks.extend_from_slice(units)
            }
            Glyph::Other => {
                syllable.flush(&mut out);
                out.push(c);
            }
        }
    }
    syllable.flush(&mut out);
    out
}

/// Every cell of a spreadsheet (header first) that looks like Zawgyi, named by row and column.
pub fn in_rows(rows: &[Vec<String>]) -> Vec<ZawgyiText> {
    let header = rows.first();
    rows.iter()
        .enumerate()
        .skip(1)
        .flat_map(|(r, row)| {
            row.iter()
                .enumerate()
                .filter(|(_, cell)| looks_like_zawgyi(cell))
                .map(move |(c, cell)| {
                    let heading = header
                        .and_then(|h| h.get(c))
                        .map_or_else(|| format!("column {}", c + 1), |h| h.trim().to_string());
                    ZawgyiText {
                        at: format!("row {}, '{heading}'", r + 1),
                        text: cell.clone(),
                        unicode: to_unicode(cell),
                    }
                })
        })
        .collect()
}

/// Converts every cell of a spreadsheet (header included) that looks like Zawgyi.
pub fn convert_rows(rows: &mut [Vec<String>]) {
    for cell in rows.iter_mut().flatten() {
        if looks_like_zawgyi(cell) {
            *cell = to_unicode(cell);
        }
    }
}

/// Every cell of a workbook's sheets that looks like Zawgyi; with several sheets, each place
/// names its sheet too.
pub fn in_sheets(sheets: &[Sheet]) -> Vec<ZawgyiText> {
    sheets
        .iter()
        .flat_map(|sheet| {
            in_rows(&sheet.rows).into_iter().map(|mut found| {
                if sheets.len() > 1 {
                    found.at = format!("sheet '{}', {}", sheet.name, found.at);
                }
                found
            })
        })
        .collect()
}

/// Converts every cell of a workbook's sheets that looks like Zawgyi.
pub fn convert_sheets(sheets: &mut [Sheet]) {
    for sheet in sheets {
        convert_rows(&mut sheet.rows);
    }
}

/// Every text of a plan file that looks like Zawgyi, named by its place in the file.
pub fn in_plan_file(file: &PlanFile) -> Vec<ZawgyiText> {
    let mut found = Vec::new();
    if let Ok(value) = serde_json::to_value(file) {
        visit(&value, &mut String::new(), &mut found);
    }
    found
}

/// Converts every text of a plan file that looks like Zawgyi.
pub fn convert_plan_file(file: &mut PlanFile) -> crate::Result<()> {
    let failed = |e: serde_json::Error| {
        crate::Error::conflict(crate::says!(
            errors: "zawgyiFailed",
            "the plan file could not be converted from Zawgyi: {reason}",
            reason = e
        ))
    };
    let mut value = serde_json::to_value(&*file).map_err(failed)?;
    convert_value(&mut value);
    *file = serde_json::from_value(value).map_err(failed)?;
    Ok(())
}

/// What an import says when it finds Zawgyi and was not told what to do with it: one problem per
/// text, naming where it is and what it would read as.
pub fn undecided(found: &[ZawgyiText], how_to_choose: &str) -> Vec<FieldError> {
    found
        .iter()
        .map(|z| {
            FieldError::new(
                z.at.clone(),
                Rule::Format,
                crate::says!(
                    "zawgyiUndecided",
                    "'{text}' looks like Burmese in the Zawgyi encoding, which reads as mojibake \
                     outside Zawgyi fonts; converted to Unicode it reads '{unicode}'. {how}",
                    text = z.text,
                    unicode = z.unicode,
                    how = how_to_choose
                ),
            )
        })
        .collect()
}

fn visit(value: &serde_json::Value, path: &mut String, found: &mut Vec<ZawgyiText>) {
    match value {
        serde_json::Value::String(text) if looks_like_zawgyi(text) => found.push(ZawgyiText {
            at: path.clone(),
            text: text.clone(),
            unicode: to_unicode(text),
        }),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                visit(item, path, found);
                path.truncate(len);
            }
        }
        serde_json::Value::Object(fields) => {
            for (name, item) in fields {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(name);
                visit(item, path, found);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

fn convert_value(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) if looks_like_zawgyi(text) => *text = to_unicode(text),
        serde_json::Value::Array(items) => items.iter_mut().for_each(convert_value),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(convert_value),
        _ => {}
    }
}

fn is_myanmar(c: char) -> bool {
    ('\u{1000}'..='\u{109F}').contains(&c)
}

/// A letter a syllable is built on, in Zawgyi (consonants, independent vowels, Zawgyi's
/// variant and ligature letters).
fn is_base(c: char) -> bool {
    matches!(
        c,
        '\u{1000}'
            ..='\u{102A}'
                | '\u{103F}'
                | '\u{104E}'
                | '\u{106A}'
                | '\u{106B}'
                | '\u{106E}'
                | '\u{106F}'
                | '\u{1086}'
                | '\u{108F}'
                | '\u{1090}'
                | '\u{1091}'
                | '\u{1092}'
                | '\u{1097}'
    )
}

/// True when Unicode may stack `lower` under `upper`: consonants of one row of the alphabet
/// (velar, palatal, retroflex, dental, labial) but NGA, or a doubled LA or SA.
fn stacks(upper: char, lower: char) -> bool {
    let row = |c: char| match c {
        '\u{1000}'..='\u{1004}' => Some(0),
        '\u{1005}'..='\u{1009}' => Some(1),
        '\u{100B}'..='\u{100F}' => Some(2),
        '\u{1010}'..='\u{1014}' => Some(3),
        '\u{1015}'..='\u{1019}' => Some(4),
        _ => None,
    };
    // NGA stacks only as kinzi, written with an asat.
    (upper != '\u{1004}' && row(upper).is_some() && row(upper) == row(lower))
        || (upper == lower && matches!(upper, '\u{101C}' | '\u{101E}'))
}

/// Zawgyi's medial RA and its variant glyphs, written before the consonant.
fn is_prefix_ra(c: char) -> bool {
    matches!(c, '\u{103B}' | '\u{107E}'..='\u{1084}')
}

/// True when a syllable cannot continue after `c`: not Myanmar, or a sign that ends one.
fn closes_syllable(c: char) -> bool {
    !is_myanmar(c)
        || matches!(c, '\u{102B}'..='\u{1030}' | '\u{1032}' | '\u{1036}'..='\u{103A}'
            | '\u{104A}'..='\u{104F}')
}

/// Where a unit sits in a Unicode syllable (UTN #11): kinzi, the consonant, a stacked
/// consonant, medials Y R W H, the vowels E, upper, lower, AA, then anusvara, dot below, asat
/// and visarga.
type Unit = (u8, &'static str);
const KINZI: u8 = 0;
const STACKED: u8 = 2;
const MEDIAL_Y: u8 = 3;
const MEDIAL_R: u8 = 4;
const MEDIAL_W: u8 = 5;
const MEDIAL_H: u8 = 6;
const VOWEL_E: u8 = 7;
const UPPER: u8 = 8;
const LOWER: u8 = 9;
const AA: u8 = 10;
const ANUSVARA: u8 = 11;
const DOT: u8 = 12;
const ASAT: u8 = 13;
const VISARGA: u8 = 14;
const KINZI_TEXT: &str = "\u{1004}\u{103A}\u{1039}";

/// What a Zawgyi character is in Unicode.
enum Glyph {
    /// The letter a syllable is built on, the same in both encodings.
    Letter(char),
    /// The letter a syllable is built on, written differently in Unicode (a variant glyph, or
    /// a ligature of a stacked pair).
    Base(&'static str),
    /// A sign Zawgyi writes before the letter (E, medial RA).
    Prefix(Unit),
    /// Signs written after the letter.
    Marks(&'static [Unit]),
    /// Not part of a Burmese syllable: kept where it is.
    Other,
}

fn glyph(c: char) -> Glyph {
    use Glyph::{Base, Marks, Prefix};
    match c {
        '\u{1031}' => Prefix((VOWEL_E, "\u{1031}")),
        '\u{103B}' | '\u{107E}'..='\u{1084}' => Prefix((MEDIAL_R, "\u{103C}")),
        '\u{1000}'..='\u{102A}' | '\u{103F}' => Glyph::Letter(c),
        '\u{106A}' => Base("\u{1009}"),
        '\u{106B}' => Base("\u{100A}"),
        '\u{108F}' => Base("\u{1014}"),
        '\u{1090}' => Base("\u{101B}"),
        '\u{1086}' => Base("\u{103F}"),
        '\u{104E}' => Base("\u{104E}\u{1004}\u{103A}\u{1038}"),
        '\u{106E}' => Base("\u{100D}\u{1039}\u{100D}"),
        '\u{106F}' => Base("\u{100D}\u{1039}\u{100E}"),
        '\u{1091}' => Base("\u{100F}\u{1039}\u{100D}"),
        '\u{1092}' => Base("\u{100B}\u{1039}\u{100C}"),
        '\u{1097}' => Base("\u{100B}\u{1039}\u{100B}"),
        '\u{102B}' => Marks(&[(AA, "\u{102B}")]),
        '\u{102C}' => Marks(&[(AA, "\u{102C}")]),
        '\u{105A}' => Marks(&[(AA, "\u{102B}"), (ASAT, "\u{103A}")]),
        '\u{102D}' => Marks(&[(UPPER, "\u{102D}")]),
        '\u{102E}' => Marks(&[(UPPER, "\u{102E}")]),
        '\u{1032}' => Marks(&[(UPPER, "\u{1032}")]),
        '\u{102F}' | '\u{1033}' => Marks(&[(LOWER, "\u{102F}")]),
        '\u{1030}' | '\u{1034}' => Marks(&[(LOWER, "\u{1030}")]),
        '\u{1036}' => Marks(&[(ANUSVARA, "\u{1036}")]),
        '\u{1037}' | '\u{1094}' | '\u{1095}' => Marks(&[(DOT, "\u{1037}")]),
        '\u{1038}' => Marks(&[(VISARGA, "\u{1038}")]),
        '\u{1039}' => Marks(&[(ASAT, "\u{103A}")]),
        '\u{103A}' | '\u{107D}' => Marks(&[(MEDIAL_Y, "\u{103B}")]),
        '\u{103C}' => Marks(&[(MEDIAL_W, "\u{103D}")]),
        '\u{103D}' | '\u{103E}' | '\u{1087}' => Marks(&[(MEDIAL_H, "\u{103E}")]),
        '\u{108A}' => Marks(&[(MEDIAL_W, "\u{103D}"), (MEDIAL_H, "\u{103E}")]),
        '\u{1088}' => Marks(&[(MEDIAL_H, "\u{103E}"), (LOWER, "\u{102F}")]),
        '\u{1089}' => Marks(&[(MEDIAL_H, "\u{103E}"), (LOWER, "\u{1030}")]),
        '\u{108E}' => Marks(&[(UPPER, "\u{102D}"), (ANUSVARA, "\u{1036}")]),
        '\u{1064}' => Marks(&[(KINZI, KINZI_TEXT)]),
        '\u{108B}' => Marks(&[(KINZI, KINZI_TEXT), (UPPER, "\u{102D}")]),
        '\u{108C}' => Marks(&[(KINZI, KINZI_TEXT), (UPPER, "\u{102E}")]),
        '\u{108D}' => Marks(&[(KINZI, KINZI_TEXT), (ANUSVARA, "\u{1036}")]),
        '\u{1093}' => Marks(&[(STACKED, "\u{1039}\u{1018}")]),
        _ => match STACKS.iter().find(|(z, _)| *z == c) {
            Some((_, u)) => Marks(std::slice::from_ref(u)),
            None => Glyph::Other,
        },
    }
}

/// Zawgyi's stacked (subscript) consonants, each a virama and the consonant in Unicode.
const STACKS: [(char, Unit); 25] = [
    ('\u{1060}', (STACKED, "\u{1039}\u{1000}")),
    ('\u{1061}', (STACKED, "\u{1039}\u{1001}")),
    ('\u{1062}', (STACKED, "\u{1039}\u{1002}")),
    ('\u{1063}', (STACKED, "\u{1039}\u{1003}")),
    ('\u{1065}', (STACKED, "\u{1039}\u{1005}")),
    ('\u{1066}', (STACKED, "\u{1039}\u{1006}")),
    ('\u{1067}', (STACKED, "\u{1039}\u{1006}")),
    ('\u{1068}', (STACKED, "\u{1039}\u{1007}")),
    ('\u{1069}', (STACKED, "\u{1039}\u{1008}")),
    ('\u{106C}', (STACKED, "\u{1039}\u{100B}")),
    ('\u{106D}', (STACKED, "\u{1039}\u{100C}")),
    ('\u{1070}', (STACKED, "\u{1039}\u{100F}")),
    ('\u{1071}', (STACKED, "\u{1039}\u{1010}")),
    ('\u{1072}', (STACKED, "\u{1039}\u{1010}")),
    ('\u{1073}', (STACKED, "\u{1039}\u{1011}")),
    ('\u{1074}', (STACKED, "\u{1039}\u{1011}")),
    ('\u{1075}', (STACKED, "\u{1039}\u{1012}")),
    ('\u{1076}', (STACKED, "\u{1039}\u{1013}")),
    ('\u{1077}', (STACKED, "\u{1039}\u{1014}")),
    ('\u{1078}', (STACKED, "\u{1039}\u{1015}")),
    ('\u{1079}', (STACKED, "\u{1039}\u{1016}")),
    ('\u{107A}', (STACKED, "\u{1039}\u{1017}")),
    ('\u{107B}', (STACKED, "\u{1039}\u{1018}")),
    ('\u{107C}', (STACKED, "\u{1039}\u{1019}")),
    ('\u{1085}', (STACKED, "\u{1039}\u{101C}")),
];

/// Zawgyi typists' habits the glyph table cannot see alone: U+1025 with asat or long I is the
/// letter NYA or U+1026, a medial YA after a dot below is the asat, and the digits zero and seven stand for the letters WA and RA when
/// they carry a vowel sign or follow a prefix.
fn preprocess(text: &str) -> Vec<char> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = out.last().copied();
        let next = chars.get(i + 1).copied();
        match (c, next) {
            ('\u{1025}', Some('\u{1039}')) => out.push('\u{1009}'),
            // Zawgyi's medial YA cannot follow a dot below: written there, it is the asat.
            ('\u{103A}', _) if matches!(prev, Some('\u{1037}' | '\u{1094}' | '\u{1095}')) => {
                out.push('\u{1039}')
            }
            ('\u{1025}', Some('\u{102E}')) => {
                out.push('\u{1026}');
                i += 1;
            }
            ('\u{1040}' | '\u{1047}', _)
                if prev.is_some_and(|p| p == '\u{1031}' || is_prefix_ra(p))
                    || next.is_some_and(
                        |n| matches!(n, '\u{102B}'..='\u{1030}' | '\u{1032}'..='\u{103E}'),
                    ) =>
            {
                out.push(if c == '\u{1040}' {
                    '\u{101D}'
                } else {
                    '\u{101B}'
                })
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// One syllable being converted: its letter and its signs in the order Zawgyi wrote them.
#[derive(Default)]
struct Syllable {
    /// Empty until the letter is read.
    base: String,
    marks: Vec<Unit>,
}

impl Syllable {
    /// A new letter starts a new syllable.
    fn flush_if_built(&mut self, out: &mut String) {
        if !self.base.is_empty() {
            self.flush(out);
        }
    }

    /// Writes the syllable in Unicode order and starts the next one.
    fn flush(&mut self, out: &mut String) {
        let mut marks = std::mem::take(&mut self.marks);
        if self.base.is_empty() {
            // Signs with no letter to reorder around stay in the order written.
            marks.iter().for_each(|(_, t)| out.push_str(t));
            return;
        }
        marks.sort_by_key(|(rank, _)| *rank);
        // Zawgyi typists write DHA with the tall AA, which Unicode spells with the round one.
        if self.base == "\u{1013}" {
            for mark in marks.iter_mut().filter(|m| *m == &(AA, "\u{102B}")) {
                *mark = (AA, "\u{102C}");
            }
        }
        let (kinzi, rest): (Vec<Unit>, Vec<Unit>) =
            marks.into_iter().partition(|(rank, _)| *rank == KINZI);
        kinzi.iter().for_each(|(_, t)| out.push_str(t));
        out.push_str(&self.base);
        self.base.clear();
        rest.iter().for_each(|(_, t)| out.push_str(t));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Zawgyi as typed on a Zawgyi keyboard, and the same words in Unicode.
    const PAIRS: [(&str, &str, &str); 12] = [
        (
            "mingalaba",
            "\u{1019}\u{1002}\u{1064}\u{101C}\u{102C}\u{1015}\u{102B}",
            "\u{1019}\u{1004}\u{103A}\u{1039}\u{1002}\u{101C}\u{102C}\u{1015}\u{102B}",
        ),
        (
            "Myanmar",
            "\u{103B}\u{1019}\u{1014}\u{1039}\u{1019}\u{102C}",
            "\u{1019}\u{103C}\u{1014}\u{103A}\u{1019}\u{102C}",
        ),
        (
            "thank you",
            "\u{1031}\u{1000}\u{103A}\u{1038}\u{1007}\u{1030}\u{1038}\u{1010}\u{1004}\u{1039}\u{1015}\u{102B}\u{1010}\u{101A}\u{1039}",
            "\u{1000}\u{103B}\u{1031}\u{1038}\u{1007}\u{1030}\u{1038}\u{1010}\u{1004}\u{103A}\u{1015}\u{102B}\u{1010}\u{101A}\u{103A}",
        ),
        (
            "Yangon city",
            "\u{101B}\u{1014}\u{1039}\u{1000}\u{102F}\u{1014}\u{1039}\u{107F}\u{1019}\u{102D}\u{1033}\u{1095}",
            "\u{101B}\u{1014}\u{103A}\u{1000}\u{102F}\u{1014}\u{103A}\u{1019}\u{103C}\u{102D}\u{102F}\u{1037}",
        ),
        (
            "Mandalay",
            "\u{1019}\u{1014}\u{1071}\u{1031}\u{101C}\u{1038}",
            "\u{1019}\u{1014}\u{1039}\u{1010}\u{101C}\u{1031}\u{1038}",
        ),
        (
            "Nay Pyi Taw",
            "\u{1031}\u{1014}\u{103B}\u{1015}\u{100A}\u{1039}\u{1031}\u{1010}\u{102C}\u{1039}",
            "\u{1014}\u{1031}\u{1015}\u{103C}\u{100A}\u{103A}\u{1010}\u{1031}\u{102C}\u{103A}",
        ),
        (
            "smart city project",
            "\u{1005}\u{1019}\u{1010}\u{1039}\u{107F}\u{1019}\u{102D}\u{1033}\u{1095}\u{103B}\u{1015} \u{1005}\u{102E}\u{1019}\u{1036}\u{1000}\u{102D}\u{1014}\u{1039}\u{1038}",
            "\u{1005}\u{1019}\u{1010}\u{103A}\u{1019}\u{103C}\u{102D}\u{102F}\u{1037}\u{1015}\u{103C} \u{1005}\u{102E}\u{1019}\u{1036}\u{1000}\u{102D}\u{1014}\u{103A}\u{1038}",
        ),
        (
            "water supply",
            "\u{1031}\u{101B}\u{1031}\u{1015}\u{1038}\u{1031}\u{101D}\u{1031}\u{101B}\u{1038}",
            "\u{101B}\u{1031}\u{1015}\u{1031}\u{1038}\u{101D}\u{1031}\u{101B}\u{1031}\u{1038}",
        ),
        (
            "sanitation",
            "\u{101E}\u{1014}\u{1039}\u{1037}\u{101B}\u{103D}\u{1004}\u{1039}\u{1038}\u{1031}\u{101B}\u{1038}",
            "\u{101E}\u{1014}\u{1037}\u{103A}\u{101B}\u{103E}\u{1004}\u{103A}\u{1038}\u{101B}\u{1031}\u{1038}",
        ),
        (
            "health",
            "\u{1000}\u{103A}\u{1014}\u{1039}\u{1038}\u{1019}\u{102C}\u{1031}\u{101B}\u{1038}",
            "\u{1000}\u{103B}\u{1014}\u{103A}\u{1038}\u{1019}\u{102C}\u{101B}\u{1031}\u{1038}",
        ),
        (
            "computer",
            "\u{1000}\u{103C}\u{1014}\u{1039}\u{1015}\u{103A}\u{1030}\u{1010}\u{102C}",
            "\u{1000}\u{103D}\u{1014}\u{103A}\u{1015}\u{103B}\u{1030}\u{1010}\u{102C}",
        ),
        (
            "Myanmar with its ligature NA",
            "\u{108F}\u{102D}\u{102F}\u{1004}\u{1039}\u{1004}\u{1036}",
            "\u{1014}\u{102D}\u{102F}\u{1004}\u{103A}\u{1004}\u{1036}",
        ),
    ];

    #[test]
    fn zawgyi_is_told_from_unicode_and_converted_to_it() {
        for (what, zawgyi, unicode) in PAIRS {
            assert!(looks_like_zawgyi(zawgyi), "{what}: Zawgyi not detected");
            assert!(
                !looks_like_zawgyi(unicode),
                "{what}: Unicode taken for Zawgyi"
            );
            assert_eq!(to_unicode(zawgyi), unicode, "{what}");
        }
    }

    #[test]
    fn unicode_burmese_other_scripts_and_words_both_encodings_write_alike_are_left_alone() {
        for text in [
            "Smart traffic lights",
            "ระบบจัดการจราจรอัจฉริยะ",
            "ប្រព័ន្ធភ្លើងចរាចរណ៍",
            "Đà Nẵng",
            "\u{1015}\u{100A}\u{102C}",
            "",
            // Burmese in Unicode, as our other tests and a city's committee write it.
            "မြို့ပြ စမတ်မီးပွိုင့် စနစ်",
            "မီးပွိုင့် အရေအတွက်",
            "ရန်ကုန်မြို့တော်စည်ပင်သာယာရေးကော်မတီ",
            "မန္တလေးမြို့ ရေပေးဝေရေးစီမံကိန်း ၂၀၂၆",
        ] {
            assert!(!looks_like_zawgyi(text), "{text}");
        }
        assert_eq!(to_unicode("Smart ပညာ 2026"), "Smart ပညာ 2026");
    }

    #[test]
    fn a_sentence_mixing_english_and_zawgyi_converts_only_the_burmese() {
        let zawgyi = "Phase 1: \u{1031}\u{101B}\u{1031}\u{1015}\u{1038}\u{1031}\u{101D}\u{1031}\u{101B}\u{1038} (2026)";
        assert!(looks_like_zawgyi(zawgyi));
        assert_eq!(
            to_unicode(zawgyi),
            "Phase 1: \u{101B}\u{1031}\u{1015}\u{1031}\u{1038}\u{101D}\u{1031}\u{101B}\u{1031}\u{1038} (2026)"
        );
    }

    #[test]
    fn cells_are_found_by_row_and_heading_and_converted_in_place() {
        let mut rows = vec![
            vec!["Title".to_string(), "Focus area".to_string()],
            vec!["Smart lights".to_string(), "BI".to_string()],
            vec![PAIRS[7].1.to_string(), "BI".to_string()],
        ];
        let found = in_rows(&rows);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "row 3, 'Title'");
        assert_eq!(found[0].unicode, PAIRS[7].2);
        convert_rows(&mut rows);
        assert_eq!(rows[2][0], PAIRS[7].2);
        assert_eq!(rows[1][0], "Smart lights");
        assert!(in_rows(&rows).is_empty());
    }
}
