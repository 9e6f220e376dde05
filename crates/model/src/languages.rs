//! The languages a plan is written in: English, the network's working language, in each
//! narrative field itself, and the plan's local languages beside it ([`Translations`]).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::says;
use crate::validation::Says;
use crate::{PartnerDraft, PlanDocument, PlanDraft, ProgressUpdate, ProjectDraft, Translations};

/// The network's working language, held by the narrative fields themselves.
pub const ENGLISH: &str = "en";

/// True for a well-formed BCP 47 language tag in its usual spelling (`km`, `zh-Hant`, `fil`).
pub fn is_language_tag(tag: &str) -> bool {
    icu_locale_core::LanguageIdentifier::try_from_str(tag)
        .is_ok_and(|id| id.to_string() == tag && !id.language.is_unknown())
}

/// The texts with their ends trimmed and the empty ones dropped: a language without text is
/// absent, so two plans differ only where a text does.
pub fn tidy(texts: &Translations) -> Translations {
    texts
        .iter()
        .map(|(tag, text)| (tag.trim().to_string(), text.trim().to_string()))
        .filter(|(_, text)| !text.is_empty())
        .collect()
}

/// The text of `field` in `language`: the field itself for English, else its translation.
pub fn text_in<'a>(english: &'a str, local: &'a Translations, language: &str) -> &'a str {
    if language == ENGLISH {
        english
    } else {
        local.get(language).map_or("", String::as_str)
    }
}

/// The languages a report prints the plan's narratives in, in order: English, one of the plan's
/// local languages, or English and one beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportLanguages(pub Vec<String>);

impl Default for ReportLanguages {
    fn default() -> Self {
        ReportLanguages(vec![ENGLISH.to_string()])
    }
}

impl ReportLanguages {
    /// Reads a choice: `en`, one of the plan's `languages` (`km`), `both` (English and the
    /// plan's first language), or a list (`en,km`). A language the plan is not written in is
    /// refused with the ones it is.
    pub fn parse(choice: &str, languages: &[String]) -> Result<ReportLanguages, Says> {
        let offered = || {
            std::iter::once(ENGLISH)
                .chain(languages.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let tags: Vec<String> = match choice.trim() {
            "both" => match languages.first() {
                Some(local) => vec![ENGLISH.into(), local.clone()],
                None => {
                    return Err(says!(
                        "noLocalLanguage",
                        "the plan has no language besides English; choose {offered}",
                        offered = offered()
                    ))
                }
            },
            list => list.split(',').map(|t| t.trim().to_string()).collect(),
        };
        for tag in &tags {
            if tag != ENGLISH && !languages.contains(tag) {
                return Err(says!(
                    "notAPlanLanguage",
                    "'{tag}' is not a language of the plan; choose {offered}, or both",
                    tag = tag,
                    offered = offered()
                ));
            }
        }
        if tags.is_empty() || tags.iter().any(String::is_empty) {
            return Err(says!(
                "chooseLanguage",
                "choose {offered}, or both",
                offered = offered()
            ));
        }
        Ok(ReportLanguages(tags))
    }

    /// A narrative's texts in the report's languages, in order, leaving out those not written;
    /// the English when none of them is (a plan half translated still reads).
    pub fn texts<'a>(&self, english: &'a str, local: &'a Translations) -> Vec<&'a str> {
        let mut texts: Vec<&str> = Vec::new();
        for language in &self.0 {
            let text = text_in(english, local, language).trim();
            if !text.is_empty() && !texts.contains(&text) {
                texts.push(text);
            }
        }
        if texts.is_empty() && !english.trim().is_empty() {
            texts.push(english.trim());
        }
        texts
    }

    /// The texts of [`ReportLanguages::texts`] on one line: `Road · ផ្លូវ`.
    pub fn line(&self, english: &str, local: &Translations) -> String {
        self.texts(english, local).join(" · ")
    }

    /// The plan with its names (project titles, KPI and partner names) in the report's
    /// languages, each on one line in the field itself: what every table, chart and map of
    /// the report then draws. Paragraphs keep their languages for [`ReportLanguages::texts`].
    pub fn names_in(&self, doc: &PlanDocument) -> PlanDocument {
        let mut doc = doc.clone();
        for p in &mut doc.projects {
            let d = &mut p.draft;
            d.title = self.line(&d.title, &std::mem::take(&mut d.title_local));
            for k in &mut d.kpis {
                k.name = self.line(&k.name, &std::mem::take(&mut k.name_local));
            }
        }
        for partner in &mut doc.partners {
            partner.name = self.line(&partner.name, &std::mem::take(&mut partner.name_local));
        }
        doc
    }
}

impl PlanDraft {
    /// Every narrative of the plan tidied: see [`tidy`].
    pub fn tidy_local(&mut self) {
        self.context_local = tidy(&self.context_local);
        self.vision_local = tidy(&self.vision_local);
        for chosen in &mut self.focus_areas {
            chosen.rationale_local = tidy(&chosen.rationale_local);
        }
        self.languages = self
            .languages
            .iter()
            .map(|l| l.trim().to_string())
            .collect();
    }
}

impl ProjectDraft {
    /// Every narrative of the project tidied: see [`tidy`].
    pub fn tidy_local(&mut self) {
        self.title_local = tidy(&self.title_local);
        self.description_local = tidy(&self.description_local);
        for kpi in &mut self.kpis {
            kpi.name_local = tidy(&kpi.name_local);
        }
        for update in &mut self.progress {
            update.tidy_local();
        }
    }
}

impl ProgressUpdate {
    /// The narrative's translations tidied: see [`tidy`].
    pub fn tidy_local(&mut self) {
        self.narrative_local = tidy(&self.narrative_local);
    }
}

impl PartnerDraft {
    /// The name's translations tidied: see [`tidy`].
    pub fn tidy_local(&mut self) {
        self.name_local = tidy(&self.name_local);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_tags_of_the_regions_languages_and_refuses_others() {
        for tag in [
            "km", "th", "lo", "my", "vi", "ms", "id", "fil", "ta", "zh", "zh-Hant", "tet",
        ] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for tag in ["", "Khmer", "KM", "k", "km_KH", "und", "zh-hant", " km"] {
            assert!(!is_language_tag(tag), "{tag:?}");
        }
    }

    #[test]
    fn a_report_prints_the_languages_chosen_and_english_where_a_text_is_missing() {
        let plan = vec!["km".to_string()];
        let both = ReportLanguages::parse("both", &plan).unwrap();
        assert_eq!(both.0, ["en", "km"]);
        let mut local = Translations::new();
        local.insert("km".into(), "ផ្លូវ".into());
        assert_eq!(both.line("Road", &local), "Road · ផ្លូវ");
        let khmer = ReportLanguages::parse("km", &plan).unwrap();
        assert_eq!(khmer.texts("Road", &local), ["ផ្លូវ"]);
        assert_eq!(khmer.texts("Bridge", &Translations::new()), ["Bridge"]);
        let err = ReportLanguages::parse("th", &plan).unwrap_err();
        assert!(
            err.english
                .contains("'th' is not a language of the plan; choose en, km"),
            "{err}"
        );
        assert!(ReportLanguages::parse("both", &[]).is_err());
    }

    #[test]
    fn tidying_drops_empty_texts_and_trims_the_rest() {
        let texts: Translations = [("km", " ផ្លូវ "), ("th", "  ")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let tidied = tidy(&texts);
        assert_eq!(tidied.len(), 1);
        assert_eq!(tidied["km"], "ផ្លូវ");
        assert_eq!(text_in("Road", &tidied, "km"), "ផ្លូវ");
        assert_eq!(text_in("Road", &tidied, ENGLISH), "Road");
        assert_eq!(text_in("Road", &tidied, "th"), "");
    }
}
