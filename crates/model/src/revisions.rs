//! What changed between two versions of a plan, field by field.
//!
//! Both sides are plan files ([`crate::plan_file::PlanFile`]), the form a plan takes when
//! it is frozen at submission and when it arrives from another laptop, so the same diff serves
//! the revisions of a stored plan and the re-import of a city's newer plan. Projects are matched
//! by code; partners are compared by name, since the file's own partner ids (`P1`, `P2`…) are
//! renumbered whenever a partner is added.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::plan_file::{FileProject, PlanFile};

/// One field that differs, with both values as text a planner reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// A project that is in both versions but differs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProjectChange {
    pub code: String,
    pub title: String,
    pub changes: Vec<FieldChange>,
}

/// A project only one version has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProjectRef {
    pub code: String,
    pub title: String,
}

/// Everything that differs between two versions of a plan.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanDiff {
    /// The plan's own fields and the focus areas it chose.
    pub plan: Vec<FieldChange>,
    pub added: Vec<ProjectRef>,
    pub removed: Vec<ProjectRef>,
    pub changed: Vec<ProjectChange>,
    /// Partner names only one version lists, as `+ name` or `− name`.
    pub partners: Vec<String>,
}

impl PlanDiff {
    /// True when the two versions hold the same plan.
    pub fn is_empty(&self) -> bool {
        self.plan.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.partners.is_empty()
    }

    /// One line a planner reads first: "2 projects added, 1 removed, 3 changed".
    pub fn summary(&self) -> String {
        if self.is_empty() {
            return "no changes".into();
        }
        let mut parts = Vec::new();
        if !self.plan.is_empty() {
            parts.push(format!("{} plan field(s) changed", self.plan.len()));
        }
        for (n, what) in [
            (self.added.len(), "added"),
            (self.removed.len(), "removed"),
            (self.changed.len(), "changed"),
        ] {
            if n > 0 {
                parts.push(format!("{n} project(s) {what}"));
            }
        }
        if !self.partners.is_empty() {
            parts.push(format!(
                "{} partner(s) added or removed",
                self.partners.len()
            ));
        }
        parts.join(", ")
    }
}

/// What changed from `before` to `after`.
pub fn diff(before: &PlanFile, after: &PlanFile) -> PlanDiff {
    let mut plan = Vec::new();
    compare_values("", &json(&before.plan), &json(&after.plan), &mut plan);
    let chosen = |file: &PlanFile| -> Value {
        file.focus_areas
            .iter()
            .filter(|a| a.chosen)
            .map(|a| {
                (
                    a.code.clone(),
                    serde_json::json!({
                        "rationale": a.rationale,
                        "rationale_local": a.rationale_local,
                        "outcomes": a.outcomes,
                    }),
                )
            })
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    compare_values("focus_areas", &chosen(before), &chosen(after), &mut plan);

    let old = projects(before);
    let new = projects(after);
    let reference = |code: &String, p: &Value| ProjectRef {
        code: code.clone(),
        title: p["title"].as_str().unwrap_or_default().to_string(),
    };
    let mut diff = PlanDiff {
        plan,
        ..PlanDiff::default()
    };
    for (code, p) in &new {
        match old.get(code) {
            None => diff.added.push(reference(code, p)),
            Some(o) => {
                let mut changes = Vec::new();
                compare_values("", o, p, &mut changes);
                if !changes.is_empty() {
                    diff.changed.push(ProjectChange {
                        code: code.clone(),
                        title: p["title"].as_str().unwrap_or_default().to_string(),
                        changes,
                    });
                }
            }
        }
    }
    diff.removed = old
        .iter()
        .filter(|(code, _)| !new.contains_key(*code))
        .map(|(code, p)| reference(code, p))
        .collect();

    let names = |file: &PlanFile| -> Vec<String> {
        let mut v: Vec<_> = file.partners.iter().map(|p| p.name.clone()).collect();
        v.sort();
        v
    };
    let (was, is) = (names(before), names(after));
    diff.partners.extend(
        is.iter()
            .filter(|n| !was.contains(n))
            .map(|n| format!("+ {n}")),
    );
    diff.partners.extend(
        was.iter()
            .filter(|n| !is.contains(n))
            .map(|n| format!("− {n}")),
    );
    diff
}

fn json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Every project of a file by code, as JSON with its focus area added and partner ids replaced
/// by partner names, so that what is compared is what a reader sees.
fn projects(file: &PlanFile) -> BTreeMap<String, Value> {
    let partner_names: HashMap<&str, &str> = file
        .partners
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    let name = |id: &Value| -> Value {
        id.as_str()
            .and_then(|id| partner_names.get(id))
            .map_or(id.clone(), |n| Value::String((*n).to_string()))
    };
    let mut out = BTreeMap::new();
    for area in &file.focus_areas {
        for project in &area.projects {
            let mut value = json::<FileProject>(project);
            if let Some(object) = value.as_object_mut() {
                object.insert("focus_area".into(), Value::String(area.code.clone()));
                if let Some(Value::Array(ids)) = object.get_mut("partners") {
                    for id in ids.iter_mut() {
                        *id = name(id);
                    }
                }
                if let Some(Value::Array(lines)) = object.get_mut("funding") {
                    for line in lines.iter_mut() {
                        if let Some(partner) = line.get_mut("partner") {
                            *partner = name(partner);
                        }
                    }
                }
                object.remove("code");
            }
            out.insert(project.code.clone(), value);
        }
    }
    out
}

/// Appends a change for each leaf that differs. Objects are walked key by key; lists of
/// yearly values (targets, actuals, progress) by year, other lists of objects of the same
/// length item by item (`kpis 1`), anything else compared whole.
fn compare_values(path: &str, before: &Value, after: &Value, out: &mut Vec<FieldChange>) {
    if before == after {
        return;
    }
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else if key.starts_with(char::is_numeric) {
            format!("{path} {key}")
        } else {
            format!("{path}.{key}")
        }
    };
    if let (Value::Array(a), Value::Array(b)) = (before, after) {
        if let (Some(a), Some(b)) = (by_year(a), by_year(b)) {
            let mut years: Vec<&i64> = a.keys().chain(b.keys()).collect();
            years.sort();
            years.dedup();
            for year in years {
                compare_values(
                    &join(&year.to_string()),
                    a.get(year).unwrap_or(&Value::Null),
                    b.get(year).unwrap_or(&Value::Null),
                    out,
                );
            }
            return;
        }
    }
    // An object on one side only (a year's new progress report) is walked against an empty one,
    // so each of its fields reads "— → value".
    let empty = serde_json::Map::new();
    let object = |v| fields(v, &empty);
    match (before, after) {
        (Value::Object(_), _) | (_, Value::Object(_))
            if object(before).and(object(after)).is_some() =>
        {
            let (a, b) = (
                object(before).unwrap_or(&empty),
                object(after).unwrap_or(&empty),
            );
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                compare_values(
                    &join(key),
                    a.get(key).unwrap_or(&Value::Null),
                    b.get(key).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(a), Value::Array(b))
            if a.len() == b.len() && a.iter().chain(b).all(Value::is_object) =>
        {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                compare_values(&join(&(i + 1).to_string()), x, y, out);
            }
        }
        _ => out.push(FieldChange {
            field: path.to_string(),
            before: text(before),
            after: text(after),
        }),
    }
}

/// The fields of an object, and none of nothing; `None` for any other value.
fn fields<'a>(
    value: &'a Value,
    empty: &'a serde_json::Map<String, Value>,
) -> Option<&'a serde_json::Map<String, Value>> {
    match value {
        Value::Null => Some(empty),
        other => other.as_object(),
    }
}

/// A list of objects that each have a `year`, keyed by it without the year; `None` otherwise.
/// An empty list is one too (of no years): two equal lists never reach here.
fn by_year(list: &[Value]) -> Option<BTreeMap<i64, Value>> {
    list.iter()
        .map(|item| {
            let mut object = item.as_object()?.clone();
            let year = object.remove("year")?.as_i64()?;
            Some((year, Value::Object(object)))
        })
        .collect()
}

/// A value as a reader sees it: strings bare, nothing as "—", lists of plain values joined
/// with commas, the rest as compact JSON.
fn text(value: &Value) -> String {
    match value {
        Value::Null => "—".into(),
        Value::String(s) if s.is_empty() => "—".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "—".into(),
        Value::Array(items) if items.iter().all(|v| !v.is_object() && !v.is_array()) => {
            items.iter().map(text).collect::<Vec<_>>().join(", ")
        }
        other => other.to_string(),
    }
}
