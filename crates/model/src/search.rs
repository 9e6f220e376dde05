//! Search across one plan, for the command palette: projects, their KPIs and partners, the
//! focus areas and the plan's own text. Every hit says where to go to see it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::framework::Reference;
use crate::{PlanDocument, ProjectId, Translations};

/// The most hits returned; the palette shows a screenful.
pub const MAX_HITS: usize = 30;

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HitKind {
    Project,
    Kpi,
    Partner,
    FocusArea,
    Plan,
}

/// One match, and where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Hit {
    pub kind: HitKind,
    /// What to show, e.g. `BI-03 Smart traffic lights`.
    pub label: String,
    /// Where the text matched, e.g. `KPI of BI-03` or `description`.
    pub detail: String,
    /// The project to open, for hits in a project.
    pub project: Option<ProjectId>,
    /// The field of the project editor or the plan to go to.
    pub field: Option<String>,
    /// The focus area, for hits on one.
    pub focus_area: Option<String>,
    /// What `label` and `detail` say (`field`, `language`, `code`, `count`, `chosen`), for an
    /// interface that words them in another language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, String>,
}

/// A hit's values from pairs; a value not given (`None`) is left out.
fn values(pairs: &[(&str, Option<String>)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .filter_map(|(k, v)| v.clone().map(|v| (k.to_string(), v)))
        .collect()
}

/// Case-insensitive match; better (lower) ranks for a match at the start of the text.
fn rank(text: &str, needle: &str) -> Option<u8> {
    let text = text.to_lowercase();
    match text.find(needle)? {
        0 => Some(0),
        i if !text[..i].ends_with(char::is_alphanumeric) => Some(1),
        _ => Some(2),
    }
}

/// Every place in the plan where `query` occurs, best first, at most [`MAX_HITS`].
/// The best rank of a field in English or any of its translations, with the text that matched
/// and its language (none for English).
fn rank_in<'a>(
    english: &'a str,
    local: &'a Translations,
    needle: &str,
) -> Option<(u8, &'a str, Option<&'a str>)> {
    std::iter::once((None, english))
        .chain(
            local
                .iter()
                .map(|(tag, text)| (Some(tag.as_str()), text.as_str())),
        )
        .filter_map(|(tag, text)| rank(text, needle).map(|r| (r, text, tag)))
        .min_by_key(|(r, _, _)| *r)
}

/// A field's name, with the language it matched in when not English: `title [km]`.
fn field_in(field: &str, tag: Option<&str>) -> String {
    let field = field.replace('_', " ");
    match tag {
        Some(tag) => format!("{field} [{tag}]"),
        None => field,
    }
}

pub fn plan(doc: &PlanDocument, reference: &Reference, query: &str) -> Vec<Hit> {
    let needle = query.trim().to_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    let stored = &doc.plan;
    let projects = &doc.projects;
    let mut hits: Vec<(u8, Hit)> = Vec::new();
    let mut push = |r: Option<u8>, bonus: u8, hit: Hit| {
        if let Some(r) = r {
            hits.push((r * 2 + bonus, hit));
        }
    };

    for area in &reference.focus_areas {
        let chosen = stored
            .focus_areas
            .iter()
            .find(|c| c.focus_area == area.code);
        let r = rank(&area.name, &needle).or_else(|| rank(&area.code, &needle));
        let r = r.or_else(|| {
            chosen.and_then(|c| rank_in(&c.rationale, &c.rationale_local, &needle).map(|m| m.0))
        });
        push(
            r,
            0,
            Hit {
                kind: HitKind::FocusArea,
                label: area.name.clone(),
                detail: if chosen.is_some() {
                    "focus area chosen for the plan".into()
                } else {
                    "focus area".into()
                },
                project: None,
                field: None,
                focus_area: Some(area.code.clone()),
                values: values(&[(
                    "chosen",
                    Some(if chosen.is_some() { "yes" } else { "no" }.into()),
                )]),
            },
        );
    }
    for (field, english, local) in [
        ("context", &stored.context, &stored.context_local),
        ("vision", &stored.vision, &stored.vision_local),
    ] {
        if let Some((r, text, tag)) = rank_in(english, local, &needle) {
            push(
                Some(r),
                1,
                Hit {
                    kind: HitKind::Plan,
                    label: format!("The plan's {}", field_in(field, tag)),
                    detail: excerpt(text, &needle),
                    project: None,
                    field: Some(field.into()),
                    focus_area: None,
                    values: values(&[
                        ("field", Some(field.into())),
                        ("language", tag.map(String::from)),
                    ]),
                },
            );
        }
    }
    for p in projects {
        let d = &p.draft;
        let label = format!("{} {}", d.code, d.title);
        let none = Translations::new();
        let fields = [
            ("code", &d.code, &none),
            ("title", &d.title, &d.title_local),
            ("lead_agency", &d.lead_agency, &none),
            ("description", &d.description, &d.description_local),
        ];
        if let Some((r, field, tag)) = fields
            .iter()
            .filter_map(|(f, english, local)| {
                rank_in(english, local, &needle).map(|(r, _, tag)| (r, *f, tag))
            })
            .min_by_key(|(r, _, _)| *r)
        {
            push(
                Some(r),
                0,
                Hit {
                    kind: HitKind::Project,
                    label: label.clone(),
                    detail: field_in(field, tag),
                    project: Some(p.id),
                    field: Some(field.into()),
                    focus_area: Some(d.primary_focus_area.clone()),
                    values: values(&[
                        ("field", Some(field.into())),
                        ("language", tag.map(String::from)),
                    ]),
                },
            );
        }
        for kpi in &d.kpis {
            push(
                rank_in(&kpi.name, &kpi.name_local, &needle).map(|m| m.0),
                1,
                Hit {
                    kind: HitKind::Kpi,
                    label: kpi.name.clone(),
                    detail: format!("KPI of {}", d.code),
                    project: Some(p.id),
                    field: Some("kpis".into()),
                    focus_area: None,
                    values: values(&[("code", Some(d.code.clone()))]),
                },
            );
        }
    }
    for partner in &doc.partners {
        let count = projects
            .iter()
            .filter(|p| p.draft.partners.contains(&partner.id))
            .count();
        push(
            rank_in(&partner.name, &partner.name_local, &needle).map(|m| m.0),
            1,
            Hit {
                kind: HitKind::Partner,
                label: partner.name.clone(),
                detail: format!("partner, in {count} project(s)"),
                project: None,
                field: None,
                focus_area: None,
                values: values(&[("count", Some(count.to_string()))]),
            },
        );
    }
    // Stable: equal ranks keep plan order.
    hits.sort_by_key(|(r, _)| *r);
    hits.into_iter().take(MAX_HITS).map(|(_, h)| h).collect()
}

/// A few words around the first match, for a long text.
fn excerpt(text: &str, needle: &str) -> String {
    let lower = text.to_lowercase();
    let Some(at) = lower.find(needle) else {
        return String::new();
    };
    // Byte offsets of the lowercased text can differ from the original's: count characters.
    let start_chars = lower[..at].chars().count().saturating_sub(30);
    let chars: Vec<char> = text.chars().collect();
    let end = (start_chars + 80).min(chars.len());
    let mut out: String = chars[start_chars.min(chars.len())..end].iter().collect();
    if start_chars > 0 {
        out.insert(0, '…');
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_a_match_at_the_start_before_one_inside_a_word() {
        assert_eq!(rank("Smart parking", "smart"), Some(0));
        assert_eq!(rank("City smart parking", "smart"), Some(1));
        assert_eq!(rank("Outsmart", "smart"), Some(2));
        assert_eq!(rank("Bus lanes", "smart"), None);
    }

    #[test]
    fn an_excerpt_keeps_characters_whole() {
        let text = format!("{}Đà Nẵng smart city", "ạ".repeat(40));
        let e = excerpt(&text, "smart");
        assert!(
            e.starts_with('…') && e.contains("Đà Nẵng smart city"),
            "{e}"
        );
    }
}
