//! Names as the Secretariat's tables write them, matched forgivingly to the workspace's: member
//! states (`Vietnam` / `Viet Nam`, `Laos`), cities (`Hanoi` / `Ha Noi`, `Chon Buri` / `Chonburi`,
//! `Jakarta` / `DKI Jakarta`, `Đà Nẵng` / `Da Nang`), focus areas (`Health and Wellbeing`) and
//! statuses (`On-going`, `Under planning`).

use icu_normalizer::DecomposingNormalizerBorrowed;

use super::MeStatus;
use crate::framework::Reference;
use crate::City;

/// A name reduced to what tells names apart: letters and digits, lower case, accents removed,
/// `&` read as "and".
pub fn key(name: &str) -> String {
    let decomposed = DecomposingNormalizerBorrowed::new_nfd().normalize(name);
    decomposed
        .replace('&', "and")
        .chars()
        // Combining marks: what NFD splits off an accented Latin letter.
        .filter(|c| !('\u{0300}'..='\u{036f}').contains(c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words around a city's name that tables add or leave out.
const CITY_AFFIXES: [&str; 8] = [
    "dki",
    "kota",
    "cityof",
    "metro",
    "greater",
    "city",
    "municipality",
    "province",
];

/// Other names of a city, by [`key`]: the name a table may use, the key of the workspace's.
const CITY_ALIASES: [(&str, &str); 7] = [
    ("hcmc", "hochiminh"),
    ("saigon", "hochiminh"),
    ("naypyidaw", "naypyitaw"),
    ("luangphabang", "luangprabang"),
    ("bsb", "bandarseribegawan"),
    ("kl", "kualalumpur"),
    ("jb", "johorbahru"),
];

/// A city's name as matched: its [`key`] without the affixes tables vary on.
pub fn city_key(name: &str) -> String {
    let mut k = key(name);
    // Strip affixes only while something is left: "Kota" alone stays "kota".
    for affix in CITY_AFFIXES {
        if let Some(rest) = k.strip_prefix(affix).filter(|r| !r.is_empty()) {
            k = rest.to_string();
        }
        if let Some(rest) = k.strip_suffix(affix).filter(|r| !r.is_empty()) {
            k = rest.to_string();
        }
    }
    CITY_ALIASES
        .iter()
        .find(|(alias, _)| *alias == k)
        .map_or(k, |(_, name)| (*name).to_string())
}

/// Other names of member states, by [`key`], with the ISO alpha-3 they stand for.
const COUNTRY_ALIASES: [(&str, &str); 8] = [
    ("vietnam", "VNM"),
    ("laos", "LAO"),
    ("lao", "LAO"),
    ("burma", "MMR"),
    ("brunei", "BRN"),
    ("thephilippines", "PHL"),
    ("easttimor", "TLS"),
    ("timorlestedemocraticrepublic", "TLS"),
];

/// The names a table is matched against, each reduced to its [`key`] once.
pub struct Names<'a> {
    /// Every name, short name and ISO code of a member state, and the common other names.
    states: Vec<(String, String)>,
    cities: Vec<(String, &'a City)>,
    areas: Vec<(String, String)>,
}

impl<'a> Names<'a> {
    pub fn new(reference: &Reference, cities: &'a [City]) -> Self {
        let mut states = Vec::new();
        for m in &reference.member_states {
            for name in [&m.name, &m.short_name, &m.iso3, &m.iso2] {
                states.push((key(name), m.iso3.clone()));
            }
        }
        states.extend(
            COUNTRY_ALIASES
                .iter()
                .map(|(alias, iso3)| ((*alias).to_string(), (*iso3).to_string())),
        );
        let mut areas = Vec::new();
        for f in &reference.focus_areas {
            areas.push((key(&f.code), f.code.clone()));
            areas.push((key(&f.name), f.code.clone()));
        }
        Names {
            states,
            cities: cities.iter().map(|c| (city_key(&c.name), c)).collect(),
            areas,
        }
    }

    /// The member state a table names, by name, short name, ISO alpha-3 or alpha-2, or a
    /// common other name; its alpha-3.
    pub fn member_state(&self, name: &str) -> Option<String> {
        let k = key(name);
        self.states
            .iter()
            .find(|(known, _)| !k.is_empty() && *known == k)
            .map(|(_, iso3)| iso3.clone())
    }

    /// The workspace's cities a table's city name can mean (in `iso3` when the table gives
    /// it).
    pub fn cities(&self, name: &str, iso3: Option<&str>) -> Vec<&'a City> {
        let k = city_key(name);
        self.cities
            .iter()
            .filter(|(known, c)| *known == k && iso3.is_none_or(|iso3| c.member_state == iso3))
            .map(|(_, c)| *c)
            .collect()
    }

    /// The focus area a table names, by code or by name (`Health & Well-being`, `health and
    /// wellbeing`); its code.
    pub fn focus_area(&self, name: &str) -> Option<String> {
        let k = key(name);
        self.areas
            .iter()
            .find(|(known, _)| *known == k)
            .map(|(_, code)| code.clone())
    }
}

/// The status a table gives a project.
pub fn status(text: &str) -> Option<MeStatus> {
    match key(text).as_str() {
        "ongoing"
        | "inprogress"
        | "implementation"
        | "underimplementation"
        | "onhold"
        | "active" => Some(MeStatus::Ongoing),
        "completed" | "complete" | "done" | "finished" => Some(MeStatus::Completed),
        "underplanning" | "planning" | "planned" | "proposed" | "pipeline" | "inplanning" => {
            Some(MeStatus::UnderPlanning)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> Reference {
        crate::framework::shipped().expect("shipped reference").0
    }

    #[test]
    fn keys_forgive_case_spaces_accents_and_ampersands() {
        assert_eq!(key("Ha Noi"), key("Hanoi"));
        assert_eq!(key("Đà Nẵng"), key("Da Nang"));
        assert_eq!(key("Health & Well-being"), key("health and wellbeing"));
        assert_ne!(key("Da Nang"), key("Ha Noi"));
    }

    #[test]
    fn city_names_are_matched_without_their_affixes() {
        assert_eq!(city_key("DKI Jakarta"), city_key("Jakarta"));
        assert_eq!(city_key("Chon Buri"), city_key("Chonburi"));
        assert_eq!(city_key("Cebu City"), city_key("Cebu"));
        assert_eq!(city_key("Kota Kinabalu"), "kinabalu");
        assert_eq!(city_key("HCMC"), city_key("Ho Chi Minh City"));
        assert_eq!(city_key("City"), "city", "a name that is all affix stays");
    }

    #[test]
    fn member_states_by_any_of_their_names() {
        let r = reference();
        let member_state = |name: &str| Names::new(&r, &[]).member_state(name);
        assert_eq!(member_state("Vietnam").as_deref(), Some("VNM"));
        assert_eq!(member_state("Viet Nam").as_deref(), Some("VNM"));
        assert_eq!(member_state("Lao PDR").as_deref(), Some("LAO"));
        assert_eq!(member_state("Laos").as_deref(), Some("LAO"));
        assert_eq!(member_state("TH").as_deref(), Some("THA"));
        assert_eq!(member_state("Timor-Leste").as_deref(), Some("TLS"));
        assert_eq!(member_state("Atlantis"), None);
        assert_eq!(member_state(""), None);
    }

    #[test]
    fn focus_areas_and_statuses_as_tables_print_them() {
        let r = reference();
        let focus_area = |name: &str| Names::new(&r, &[]).focus_area(name);
        assert_eq!(focus_area("Civic & Social").as_deref(), Some("CS"));
        assert_eq!(focus_area("Health and Wellbeing").as_deref(), Some("HW"));
        assert_eq!(focus_area("bi").as_deref(), Some("BI"));
        assert_eq!(focus_area("Tourism"), None);
        assert_eq!(status("On-going"), Some(MeStatus::Ongoing));
        assert_eq!(status("Under Planning"), Some(MeStatus::UnderPlanning));
        assert_eq!(status("COMPLETED"), Some(MeStatus::Completed));
        assert_eq!(status("abandoned"), None);
    }
}
