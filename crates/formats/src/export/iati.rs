//! The plan as IATI activity XML, version 2.03: one activity per project, so funders who speak
//! IATI can take the plan as it is. The schema enforces element order, so each activity is
//! written in the order of `iati-activities-schema.xsd`; codelist values follow IATI 2.03
//! (activity status, date types, organisation roles and types, SDG goal tags).

use std::collections::BTreeMap;

use quick_xml::events::BytesText;
use quick_xml::Writer;

use ascn_model::analysis;
use ascn_model::error::{Error, Result};
use ascn_model::framework::Reference;
use ascn_model::geometry;
use ascn_model::validation::xml_safe;
use ascn_model::{
    City, FundingStatus, Geometry, PartnerKind, PlanDocument, Project, ProjectStatus, Translations,
};

type W = Writer<Vec<u8>>;
type XmlResult = std::io::Result<()>;

/// The reporting organisation's identifier: the city, under the ASCN's private prefix.
pub fn reporting_ref(city: &City) -> String {
    format!(
        "XM-ASCN-{}-{}",
        city.member_state,
        super::file_stem(&city.name).to_uppercase()
    )
}

fn activity_status(status: ProjectStatus) -> &'static str {
    match status {
        ProjectStatus::Proposed | ProjectStatus::Planned => "1",
        ProjectStatus::InProgress => "2",
        ProjectStatus::Completed => "3",
        ProjectStatus::Cancelled => "5",
        ProjectStatus::OnHold => "6",
    }
}

fn organisation_type(kind: PartnerKind) -> &'static str {
    match kind {
        PartnerKind::PrivateSector => "70",
        PartnerKind::ExternalPartner | PartnerKind::Government => "10",
        PartnerKind::MultilateralBank => "40",
        PartnerKind::Academic => "80",
        PartnerKind::Ngo => "22",
    }
}

/// A project code as the end of an IATI identifier, whose rules the store enforces on new
/// codes; an older stored code with other characters has them replaced by `-`.
fn identifier_part(code: &str) -> String {
    code.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn narrative(w: &mut W, text: &str) -> XmlResult {
    w.create_element("narrative")
        .write_text_content(BytesText::new(&xml_safe(text)))?;
    Ok(())
}

/// The English narrative, the activity's default language, then one per local language with
/// its `xml:lang`, as IATI carries a text in several languages.
fn narratives(w: &mut W, english: &str, local: &Translations) -> XmlResult {
    narrative(w, english)?;
    for (language, text) in local {
        w.create_element("narrative")
            .with_attribute(("xml:lang", language.as_str()))
            .write_text_content(BytesText::new(&xml_safe(text)))?;
    }
    Ok(())
}

fn with_narrative(w: &mut W, element: &str, attrs: &[(&str, &str)], text: &str) -> XmlResult {
    w.create_element(element)
        .with_attributes(attrs.iter().map(|(k, v)| (*k, xml_safe(v))))
        .write_inner_content(|w| narrative(w, text))?;
    Ok(())
}

fn empty(w: &mut W, element: &str, attrs: &[(&str, &str)]) -> XmlResult {
    w.create_element(element)
        .with_attributes(attrs.iter().map(|(k, v)| (*k, xml_safe(v))))
        .write_empty()?;
    Ok(())
}

fn number(value: f64) -> String {
    // Whole amounts without a decimal point; others as Rust prints them (shortest round-trip).
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

fn activity(
    w: &mut W,
    doc: &PlanDocument,
    iso2: &str,
    project: &Project,
    reference: &ascn_model::framework::Reference,
    currency: &str,
) -> XmlResult {
    let (city, partners) = (&doc.city, &doc.partners);
    let d = &project.draft;
    let org = reporting_ref(city);
    let identifier = format!("{org}-{}", identifier_part(&d.code));
    w.create_element("iati-activity")
        .with_attributes([("xml:lang", "en"), ("default-currency", currency)])
        .write_inner_content(|w| {
            w.create_element("iati-identifier")
                .write_text_content(BytesText::new(&identifier))?;
            with_narrative(
                w,
                "reporting-org",
                &[("ref", org.as_str()), ("type", "11")],
                &city.name,
            )?;
            w.create_element("title")
                .write_inner_content(|w| narratives(w, &d.title, &d.title_local))?;
            // A description in no language falls back to the title, in each language.
            let description = if d.description.trim().is_empty() {
                d.title.as_str()
            } else {
                d.description.as_str()
            };
            let mut description_local = d.title_local.clone();
            description_local.extend(d.description_local.clone());
            w.create_element("description")
                .with_attribute(("type", "1"))
                .write_inner_content(|w| narratives(w, description, &description_local))?;
            with_narrative(
                w,
                "participating-org",
                &[("role", "2"), ("type", "11"), ("ref", org.as_str())],
                &city.name,
            )?;
            if !d.lead_agency.trim().is_empty() {
                with_narrative(
                    w,
                    "participating-org",
                    &[("role", "4"), ("type", "11")],
                    &d.lead_agency,
                )?;
            }
            for p in partners.iter().filter(|p| d.partners.contains(&p.id)) {
                let funds = d.funding.iter().any(|f| f.partner_id == Some(p.id));
                let role = if funds { "1" } else { "3" };
                w.create_element("participating-org")
                    .with_attributes([("role", role), ("type", organisation_type(p.kind))])
                    .write_inner_content(|w| narratives(w, &p.name, &p.name_local))?;
            }
            empty(w, "activity-status", &[("code", activity_status(d.status))])?;
            match d.start_year {
                Some(year) => {
                    let start = format!("{year}-01-01");
                    empty(w, "activity-date", &[("iso-date", &start), ("type", "1")])?;
                }
                // IATI asks for a planned start; until the project's years are set, the plan
                // period's first day stands in, and says so.
                None => {
                    let start = format!("{}-01-01", doc.plan.period_start);
                    with_narrative(
                        w,
                        "activity-date",
                        &[("iso-date", &start), ("type", "1")],
                        "Years not set yet: the start of the plan period",
                    )?;
                }
            }
            if let Some(year) = d.end_year {
                let end = format!("{year}-12-31");
                empty(w, "activity-date", &[("iso-date", &end), ("type", "3")])?;
            }
            empty(
                w,
                "recipient-country",
                &[("code", iso2), ("percentage", "100")],
            )?;
            for (i, location) in d.locations.iter().enumerate() {
                let point = match &location.geometry {
                    Geometry::Point(p) => Some((*p, "1")),
                    other => geometry::centroid(other).map(|c| (c, "2")),
                };
                let Some(([lon, lat], exactness)) = point else {
                    continue;
                };
                let name = if location.name.is_empty() {
                    format!("{} site {}", d.code, i + 1)
                } else {
                    location.name.clone()
                };
                w.create_element("location").write_inner_content(|w| {
                    w.create_element("name")
                        .write_inner_content(|w| narrative(w, &name))?;
                    w.create_element("point")
                        .with_attribute(("srsName", "http://www.opengis.net/def/crs/EPSG/0/4326"))
                        .write_inner_content(|w| {
                            // IATI writes "latitude longitude", the reverse of GeoJSON.
                            w.create_element("pos")
                                .write_text_content(BytesText::new(&format!("{lat} {lon}")))?;
                            Ok(())
                        })?;
                    empty(w, "exactness", &[("code", exactness)])
                })?;
            }
            let share = if d.sectors.is_empty() {
                0.0
            } else {
                100.0 / d.sectors.len() as f64
            };
            for (i, sector) in d.sectors.iter().enumerate() {
                // Percentages within a vocabulary must add up to exactly 100.
                let percentage = if i + 1 == d.sectors.len() {
                    100.0 - share.floor() * (d.sectors.len() - 1) as f64
                } else {
                    share.floor()
                };
                let name = reference
                    .sector(sector)
                    .map_or(sector.as_str(), |s| s.name.as_str());
                with_narrative(
                    w,
                    "sector",
                    &[
                        ("vocabulary", "98"),
                        ("code", sector),
                        ("percentage", &number(percentage)),
                    ],
                    name,
                )?;
            }
            for sdg in &d.sdgs {
                empty(w, "tag", &[("vocabulary", "2"), ("code", &sdg.to_string())])?;
            }
            // One budget per year, status and currency; a funding line is spread evenly over
            // its years, as everywhere in the app.
            let mut budgets: BTreeMap<(i32, &str, &str), f64> = BTreeMap::new();
            for line in &d.funding {
                let years = f64::from(line.end_year - line.start_year + 1).max(1.0);
                let status = match line.status {
                    FundingStatus::Committed => "2",
                    FundingStatus::Pipeline => "1",
                };
                for year in line.start_year..=line.end_year {
                    *budgets
                        .entry((year, status, line.currency.as_str()))
                        .or_default() += line.amount / years;
                }
            }
            for ((year, status, currency), amount) in budgets {
                let from = format!("{year}-01-01");
                let to = format!("{year}-12-31");
                w.create_element("budget")
                    .with_attributes([("type", "1"), ("status", status)])
                    .write_inner_content(|w| {
                        empty(w, "period-start", &[("iso-date", &from)])?;
                        empty(w, "period-end", &[("iso-date", &to)])?;
                        w.create_element("value")
                            .with_attributes([
                                ("currency", currency),
                                ("value-date", from.as_str()),
                            ])
                            .write_text_content(BytesText::new(&number(
                                (amount * 100.0).round() / 100.0,
                            )))?;
                        Ok(())
                    })?;
            }
            for kpi in &d.kpis {
                let measure = if kpi.unit.trim() == "%" { "2" } else { "1" };
                let rising = kpi
                    .targets
                    .last()
                    .is_none_or(|t| t.value >= kpi.baseline_value);
                w.create_element("result")
                    .with_attribute(("type", "2"))
                    .write_inner_content(|w| {
                        w.create_element("title")
                            .write_inner_content(|w| narratives(w, &kpi.name, &kpi.name_local))?;
                        w.create_element("indicator")
                            .with_attributes([
                                ("measure", measure),
                                ("ascending", if rising { "1" } else { "0" }),
                            ])
                            .write_inner_content(|w| {
                                let with_unit = |name: &str| format!("{name} ({})", kpi.unit);
                                let local = kpi
                                    .name_local
                                    .iter()
                                    .map(|(tag, name)| (tag.clone(), with_unit(name)))
                                    .collect();
                                w.create_element("title").write_inner_content(|w| {
                                    narratives(w, &with_unit(&kpi.name), &local)
                                })?;
                                empty(
                                    w,
                                    "baseline",
                                    &[
                                        ("year", &kpi.baseline_year.to_string()),
                                        ("value", &number(kpi.baseline_value)),
                                    ],
                                )?;
                                for t in &kpi.targets {
                                    let from = format!("{}-01-01", t.year);
                                    let to = format!("{}-12-31", t.year);
                                    w.create_element("period").write_inner_content(|w| {
                                        empty(w, "period-start", &[("iso-date", &from)])?;
                                        empty(w, "period-end", &[("iso-date", &to)])?;
                                        empty(w, "target", &[("value", &number(t.value))])
                                    })?;
                                }
                                Ok(())
                            })?;
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The plan's projects as an IATI 2.03 `iati-activities` document.
pub fn document(doc: &PlanDocument, reference: &Reference) -> Result<Vec<u8>> {
    let city = &doc.city;
    let iso2 = reference
        .member_state(&city.member_state)
        .map(|m| m.iso2.clone())
        .unwrap_or_default();
    let projects = &doc.projects;
    let currency = analysis::main_currency(projects).unwrap_or_else(|| "USD".into());
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written: XmlResult = (|| {
        w.get_mut()
            .extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.create_element("iati-activities")
            .with_attribute(("version", "2.03"))
            .write_inner_content(|w| {
                for p in projects {
                    activity(w, doc, &iso2, p, reference, &currency)?;
                }
                Ok(())
            })?;
        Ok(())
    })();
    written.map_err(|e| Error::Export(format!("IATI XML: {e}")))?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}
