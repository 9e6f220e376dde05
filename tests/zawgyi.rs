//! Our Zawgyi detector and converter against readers that are not ours: Burmese sentences in
//! Unicode are turned into Zawgyi by python-myanmar's converter, Google's myanmar-tools
//! detector confirms which is which, and ours must agree with it and convert the Zawgyi back to
//! exactly the Unicode we started from. scripts/setup.sh installs both in a virtual
//! environment (`ASCN_ZAWGYI_PYTHON`, default `target/zawgyi-venv/bin/python`).

use std::process::Command;

use ascn_model::zawgyi;

/// What the independent tools make of a line of Unicode Burmese.
struct Reading {
    /// The line in Zawgyi, by python-myanmar.
    zawgyi: String,
    /// That Zawgyi converted back to Unicode by python-myanmar: where it is not the line,
    /// python-myanmar's Zawgyi lost something (it drops a wa under a ra, and the anusvara of
    /// ိံ), and no converter could find the line again.
    back: String,
    /// Google's probabilities that the line, and its Zawgyi, are Zawgyi.
    p_unicode: f64,
    p_zawgyi: f64,
}

/// Runs the Python readers on the lines.
fn independent_readings(lines: &[&str]) -> Vec<Reading> {
    let python = std::env::var("ASCN_ZAWGYI_PYTHON").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/target/zawgyi-venv/bin/python").to_string()
    });
    let script = r#"
import sys
from myanmar import converter
import myanmartools
detector = myanmartools.ZawgyiDetector()
for line in sys.stdin.read().splitlines():
    z = converter.convert(line, "unicode", "zawgyi")
    back = converter.convert(z, "zawgyi", "unicode")
    print(z, back, detector.get_zawgyi_probability(line), detector.get_zawgyi_probability(z), sep="\t")
"#;
    let mut child = Command::new(&python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{python} runs (scripts/setup.sh installs it): {e}"));
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(lines.join("\n").as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let parts: Vec<&str> = l.split('\t').collect();
            Reading {
                zawgyi: parts[0].to_string(),
                back: parts[1].to_string(),
                p_unicode: parts[2].parse().unwrap(),
                p_zawgyi: parts[3].parse().unwrap(),
            }
        })
        .collect()
}

/// Words of one to four syllables built from Burmese's consonants, medials, vowels, finals and
/// tones, in Unicode, from a fixed seed: the corpus the sentences cannot cover.
fn generated_words(count: usize) -> Vec<String> {
    const CONSONANTS: &str = "ကခဂဃငစဆဇဈညဋဌဍဎဏတထဒဓနပဖဗဘမယရလဝသဟဠအ";
    const MEDIALS: [&str; 9] = [
        "",
        "\u{103B}",
        "\u{103C}",
        "\u{103D}",
        "\u{103E}",
        "\u{103B}\u{103D}",
        "\u{103D}\u{103E}",
        "\u{103B}\u{103E}",
        "\u{103C}\u{103E}",
    ];
    const VOWELS: [&str; 14] = [
        "",
        "\u{102C}",
        "\u{102D}",
        "\u{102E}",
        "\u{102F}",
        "\u{1030}",
        "\u{1031}",
        "\u{1032}",
        "\u{1031}\u{102C}",
        "\u{1031}\u{102C}\u{103A}",
        "\u{102D}\u{102F}",
        "\u{1036}",
        "\u{102F}\u{1036}",
        "\u{102D}\u{1036}",
    ];
    const FINALS: [&str; 10] = [
        "",
        "\u{1000}\u{103A}",
        "\u{1004}\u{103A}",
        "\u{1005}\u{103A}",
        "\u{100A}\u{103A}",
        "\u{1010}\u{103A}",
        "\u{1014}\u{103A}",
        "\u{1015}\u{103A}",
        "\u{1019}\u{103A}",
        "\u{101A}\u{103A}",
    ];
    const TONES: [&str; 3] = ["", "\u{1037}", "\u{1038}"];
    let consonants: Vec<char> = CONSONANTS.chars().collect();
    let mut seed: u64 = 2026;
    let mut pick = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) % n as u64) as usize
    };
    (0..count)
        .map(|_| {
            let syllables = 1 + pick(4);
            let mut word = String::new();
            for _ in 0..syllables {
                word.push(consonants[pick(consonants.len())]);
                word.push_str(MEDIALS[pick(MEDIALS.len())]);
                let vowel = VOWELS[pick(VOWELS.len())];
                word.push_str(vowel);
                // A syllable closed by its vowel (ော်) takes no final.
                if !vowel.ends_with('\u{103A}') {
                    word.push_str(FINALS[pick(FINALS.len())]);
                }
                word.push_str(TONES[pick(TONES.len())]);
            }
            word
        })
        .collect()
}

/// Canonical order: a dot below and an asat in either order are the same text.
fn nfc(text: &str) -> String {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc()
        .normalize(text)
        .into_owned()
}

fn code_points(text: &str) -> String {
    text.chars()
        .map(|c| format!("{:04X}", c as u32))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Holds ours to the independent tools on every line: no Unicode line taken for Zawgyi, every
/// line Google is sure is Zawgyi detected, and every Zawgyi line python-myanmar can convert
/// back converted by ours to the same Unicode. Returns the problems and how many lines each
/// check covered.
fn compare(lines: &[&str]) -> (Vec<String>, usize, usize) {
    let readings = independent_readings(lines);
    assert_eq!(readings.len(), lines.len(), "one reading per line");
    let (mut failures, mut sure, mut representable) = (Vec::new(), 0, 0);
    for (unicode, r) in lines.iter().zip(&readings) {
        if zawgyi::looks_like_zawgyi(unicode) {
            failures.push(format!(
                "Unicode taken for Zawgyi: {unicode} (Google: {:.3})",
                r.p_unicode
            ));
        }
        if r.p_zawgyi > 0.95 {
            sure += 1;
            if !zawgyi::looks_like_zawgyi(&r.zawgyi) {
                failures.push(format!(
                    "Zawgyi not detected: {} (Google: {:.3}) for {unicode}",
                    r.zawgyi, r.p_zawgyi
                ));
            }
        }
        if nfc(&r.back) == nfc(unicode) {
            representable += 1;
            let converted = zawgyi::to_unicode(&r.zawgyi);
            if nfc(&converted) != nfc(unicode) {
                failures.push(format!(
                    "{} [{}] converted to {converted} [{}], not {unicode} [{}]",
                    r.zawgyi,
                    code_points(&r.zawgyi),
                    code_points(&converted),
                    code_points(unicode)
                ));
            }
        }
    }
    (failures, sure, representable)
}

#[test]
fn burmese_sentences_are_told_apart_and_converted_as_independent_tools_do() {
    let corpus = include_str!("fixtures/zawgyi/unicode.txt");
    let lines: Vec<&str> = corpus.lines().filter(|l| !l.trim().is_empty()).collect();
    let (failures, sure, representable) = compare(&lines);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        sure * 10 >= lines.len() * 9,
        "Google sure of {sure} of {}",
        lines.len()
    );
    assert!(
        representable * 10 >= lines.len() * 9,
        "python-myanmar converts back {representable} of {}",
        lines.len()
    );
}

#[test]
fn generated_words_are_told_apart_and_converted_as_independent_tools_do() {
    let words = generated_words(3000);
    let lines: Vec<&str> = words.iter().map(String::as_str).collect();
    let (failures, sure, representable) = compare(&lines);
    assert!(
        failures.is_empty(),
        "{} problems, the first:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
    // The checks covered most words: the test cannot pass by skipping them.
    assert!(
        sure > 2500 && representable > 2000,
        "sure {sure}, representable {representable}"
    );
}
