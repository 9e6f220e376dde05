//! The core's keyed messages against the interface's catalogs: every `says!` in the core's
//! sources has its key in `ui/src/locales/en.json` with the same English (placeholders
//! `{year}` there written `{{year}}`), and every `validation.*` key of the catalog is said by
//! the core. The interface words a field error from its key in any language, so a message
//! changed on one side only would say two different things.

use std::collections::BTreeMap;
use std::path::Path;

mod common;

fn sources(dir: &Path, into: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// Each `says!("key", "English…"` of the core: the key and the English in the catalogs' form.
/// A string literal as Rust reads it across lines: a `\` at a line's end drops the line break
/// and the next line's leading white space.
fn joined_lines(literal: &str) -> String {
    let mut lines = literal.split("\\\n");
    let mut joined = lines.next().unwrap_or_default().to_string();
    for line in lines {
        joined.push_str(line.trim_start());
    }
    joined
}

fn said() -> BTreeMap<String, String> {
    let mut texts = Vec::new();
    for dir in ["crates", "src", "src-tauri/src"] {
        sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut texts);
    }
    let mut said = BTreeMap::new();
    for text in &texts {
        for (at, _) in text.match_indices("says!(") {
            let rest = text[at + "says!(".len()..].trim_start();
            // `says!(edits: "addProject", …)` names its namespace; the others are `validation`.
            let (namespace, rest) = match rest.split_once(':') {
                Some((ns, after))
                    if !ns.is_empty() && ns.chars().all(|c| c.is_ascii_lowercase()) =>
                {
                    (ns, after.trim_start())
                }
                _ => ("validation", rest),
            };
            // The macro's own definition names no key.
            let Some(rest) = rest.strip_prefix('"') else {
                continue;
            };
            let (key, rest) = rest.split_once('"').unwrap();
            let key = format!("{namespace}.{key}");
            // A mention in prose (`says!(edits: "addProject", …)`) gives no English.
            let Some(english) = rest
                .trim_start()
                .strip_prefix(',')
                .and_then(|r| r.trim_start().strip_prefix('"'))
            else {
                continue;
            };
            // Up to the first quote no backslash escapes.
            let end = english
                .char_indices()
                .find(|&(i, c)| c == '"' && !english[..i].ends_with('\\'))
                .map(|(i, _)| i)
                .unwrap();
            let english = joined_lines(&english[..end])
                .replace('{', "{{")
                .replace('}', "}}")
                .replace("\\\"", "\"");
            let before = said.insert(key.clone(), english.clone());
            assert!(
                before.as_ref().is_none_or(|b| *b == english),
                "{key} is said two ways: {before:?} and {english:?}"
            );
        }
    }
    said
}

#[test]
fn every_message_the_core_keys_is_in_the_catalogs_with_the_same_english() {
    let said = said();
    assert!(said.len() > 40, "the core's keyed messages are found");
    let catalog: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/locales/en.json"),
        )
        .unwrap(),
    )
    .unwrap();
    for (key, english) in &said {
        let (namespace, name) = key.split_once('.').unwrap();
        assert_eq!(
            catalog[namespace][name].as_str(),
            Some(english.as_str()),
            "{key} in ui/src/locales/en.json"
        );
    }
    for namespace in ["validation", "edits", "errors"] {
        for name in catalog[namespace].as_object().unwrap().keys() {
            assert!(
                said.contains_key(&format!("{namespace}.{name}")),
                "{namespace}.{name} is in the catalog but the core never says it"
            );
        }
    }
}

/// An edit's label names the fields it changed as the drafts store them (`end_year`); the
/// interface words each from `fieldNames`.
#[test]
fn every_field_an_edit_can_name_is_worded_in_the_catalogs() {
    let catalog: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/locales/en.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let project = serde_json::to_value(common::draft("Bus lanes", 2019, 2020)).unwrap();
    let plan = serde_json::to_value(ascn_model::PlanDraft {
        period_start: 2018,
        period_end: 2025,
        context: String::new(),
        vision: String::new(),
        languages: vec![],
        context_local: Default::default(),
        vision_local: Default::default(),
        status: ascn_model::PlanStatus::Draft,
        focus_areas: vec![],
    })
    .unwrap();
    for draft in [project, plan] {
        for field in draft.as_object().unwrap().keys() {
            assert!(
                catalog["fieldNames"][field].is_string(),
                "fieldNames.{field} in ui/src/locales/en.json"
            );
        }
    }
}
