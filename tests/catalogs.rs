//! The core's keyed messages against the interface's catalogs: every `says!` in the core's
//! sources has its key in `ui/src/locales/en.json` with the same English (placeholders
//! `{year}` there written `{{year}}`), and every `validation.*` key of the catalog is said by
//! the core. The interface words a field error from its key in any language, so a message
//! changed on one side only would say two different things.

use std::collections::BTreeMap;
use std::path::Path;

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
fn said() -> BTreeMap<String, String> {
    let mut texts = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("crates"),
        &mut texts,
    );
    let mut said = BTreeMap::new();
    for text in &texts {
        for (at, _) in text.match_indices("says!(") {
            let rest = text[at + "says!(".len()..].trim_start();
            // The macro's own definition names no key.
            let Some(rest) = rest.strip_prefix('"') else {
                continue;
            };
            let (key, rest) = rest.split_once('"').unwrap();
            let rest = rest.trim_start().strip_prefix(',').unwrap().trim_start();
            let english = rest.strip_prefix('"').unwrap();
            // Up to the first quote no backslash escapes.
            let end = english
                .char_indices()
                .find(|&(i, c)| c == '"' && !english[..i].ends_with('\\'))
                .map(|(i, _)| i)
                .unwrap();
            let english = english[..end]
                .replace('{', "{{")
                .replace('}', "}}")
                .replace("\\\"", "\"");
            let before = said.insert(key.to_string(), english.clone());
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
    let validation = catalog["validation"].as_object().unwrap();
    for (key, english) in &said {
        assert_eq!(
            validation.get(key).and_then(|v| v.as_str()),
            Some(english.as_str()),
            "validation.{key} in ui/src/locales/en.json"
        );
    }
    for key in validation.keys() {
        assert!(
            said.contains_key(key),
            "validation.{key} is in the catalog but the core never says it"
        );
    }
}
