//! Numbers as people write them in spreadsheets: `4,500,000.50` in English, `4.500.000,50` in
//! Indonesian or Vietnamese (what Excel writes in a comma-decimal locale, with `;` between the
//! CSV fields).
//!
//! The rule, for one file:
//! - A value whose separators can be read only one way is evidence of the file's style: both
//!   `.` and `,` (the last one is the decimal mark), the same separator twice (`1.250.000`:
//!   thousands), or one separator not followed by exactly three digits (`4500000,50`: decimal).
//! - The file's style is what its evidence says, or what the user chose in the preview (or
//!   `--decimal` on the CLI). Evidence of both styles in one file is refused, naming both values.
//! - A value with one separator followed by exactly three digits (`1,250`, `1.250`) reads as 1250
//!   in one style and 1.25 in the other. With no evidence and no choice, it is refused by name.
//! - Spaces (also no-break and thin spaces) group thousands in both styles.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a file writes its decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NumberStyle {
    /// `1,234.56`
    DecimalPoint,
    /// `1.234,56`
    DecimalComma,
}

impl NumberStyle {
    /// As the preview and the CLI say it.
    pub fn describe(self) -> ascn_model::validation::Says {
        match self {
            NumberStyle::DecimalPoint => {
                ascn_model::says!("decimalPoint", "decimal point (1,234.56)")
            }
            NumberStyle::DecimalComma => {
                ascn_model::says!("decimalComma", "decimal comma (1.234,56)")
            }
        }
    }

    /// `point` or `comma`, as the CLI's `--decimal` takes it.
    pub fn parse(text: &str) -> Option<NumberStyle> {
        match text {
            "point" | "." => Some(NumberStyle::DecimalPoint),
            "comma" | "," => Some(NumberStyle::DecimalComma),
            _ => None,
        }
    }
}

/// What one written value says about the file's style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// No separator: the same in both styles.
    Neutral,
    /// Only this style reads it.
    Only(NumberStyle),
    /// One separator before exactly three digits: 1250 or 1.25.
    Ambiguous,
    /// Not a number in either style.
    NotANumber,
}

fn without_spaces(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .collect()
}

/// What `text` says about the style it was written in.
pub fn read(text: &str) -> Reading {
    let text = without_spaces(text.trim());
    let body = text.strip_prefix('-').unwrap_or(&text);
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        || !body.starts_with(|c: char| c.is_ascii_digit())
    {
        return Reading::NotANumber;
    }
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let after_last = |mark: char| body.rsplit(mark).next().map_or(0, str::len);
    match (dots, commas) {
        (0, 0) => Reading::Neutral,
        (_, 0) if dots > 1 => Reading::Only(NumberStyle::DecimalComma),
        (0, _) if commas > 1 => Reading::Only(NumberStyle::DecimalPoint),
        (1, 0) if after_last('.') == 3 => Reading::Ambiguous,
        (1, 0) => Reading::Only(NumberStyle::DecimalPoint),
        (0, 1) if after_last(',') == 3 => Reading::Ambiguous,
        (0, 1) => Reading::Only(NumberStyle::DecimalComma),
        _ => {
            let last_dot = body.rfind('.');
            let last_comma = body.rfind(',');
            if last_dot > last_comma {
                Reading::Only(NumberStyle::DecimalPoint)
            } else {
                Reading::Only(NumberStyle::DecimalComma)
            }
        }
    }
}

/// Parses `text` in `style`; `None` when it is not a number written that way (thousands
/// separators must group by three).
pub fn parse(text: &str, style: NumberStyle) -> Option<f64> {
    let text = without_spaces(text.trim());
    let (decimal, thousands) = match style {
        NumberStyle::DecimalPoint => ('.', ','),
        NumberStyle::DecimalComma => (',', '.'),
    };
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (whole, fraction) = match body.split_once(decimal) {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = whole.split(thousands).collect();
    let grouped = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !grouped || !groups.iter().all(|g| digits(g)) || fraction.is_some_and(|f| !digits(f)) {
        return None;
    }
    let canonical = format!(
        "{}{}{}",
        if negative { "-" } else { "" },
        groups.concat(),
        fraction.map_or(String::new(), |f| format!(".{f}"))
    );
    canonical.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberStyle::*;

    #[test]
    fn values_tell_their_style_when_only_one_reads_them() {
        assert_eq!(read("4500000,50"), Reading::Only(DecimalComma));
        assert_eq!(read("1.250.000"), Reading::Only(DecimalComma));
        assert_eq!(read("4.500.000,50"), Reading::Only(DecimalComma));
        assert_eq!(read("4,500,000.50"), Reading::Only(DecimalPoint));
        assert_eq!(read("1,250,000"), Reading::Only(DecimalPoint));
        assert_eq!(read("18.5"), Reading::Only(DecimalPoint));
        assert_eq!(read("1,250"), Reading::Ambiguous);
        assert_eq!(read("1.250"), Reading::Ambiguous);
        assert_eq!(read("4500000"), Reading::Neutral);
        assert_eq!(read("4 500 000"), Reading::Neutral);
        assert_eq!(read("abc"), Reading::NotANumber);
        assert_eq!(read(",5"), Reading::NotANumber);
    }

    #[test]
    fn parses_in_the_files_style() {
        assert_eq!(parse("4500000,50", DecimalComma), Some(4_500_000.5));
        assert_eq!(parse("1.250.000", DecimalComma), Some(1_250_000.0));
        assert_eq!(parse("4.500.000,50", DecimalComma), Some(4_500_000.5));
        assert_eq!(parse("1.250", DecimalComma), Some(1250.0));
        assert_eq!(parse("1.250", DecimalPoint), Some(1.25));
        assert_eq!(parse("4,500,000.50", DecimalPoint), Some(4_500_000.5));
        assert_eq!(
            parse("4\u{a0}500\u{a0}000", DecimalPoint),
            Some(4_500_000.0)
        );
        assert_eq!(parse("-18,5", DecimalComma), Some(-18.5));
        // The other style's value is not silently misread.
        assert_eq!(parse("4500000,50", DecimalPoint), None);
        assert_eq!(parse("4.500.000,50", DecimalPoint), None);
        assert_eq!(parse("1,25,000", DecimalPoint), None);
        assert_eq!(parse("1e9", DecimalPoint), None);
    }
}
