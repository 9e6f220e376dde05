//! The plan as a PDF report for people who read on paper: a cover, the Framework summary, one
//! section per focus area with its projects and budget chart, the timeline, funding and KPI
//! tables, and the map.
//!
//! [`layout`] places text, tables and the core's SVGs (charts, the map) on A4 pages and draws
//! them with krilla.

pub(crate) mod layout;
pub(crate) mod text;

use layout::{budget, money, render, Layout, INK, MARGIN, MUTED, WIDTH};

use crate::charts::{self, focus_area_colour, ChartKind, PlanData};
use crate::map::{self, TileSource};
use ascn_model::analysis;
use ascn_model::error::Result;
use ascn_model::framework::Reference;
use ascn_model::languages::ReportLanguages;
use ascn_model::readiness::{self, Severity};
use ascn_model::{PlanDocument, Project};

/// One page: the plan's map under its title, with the map's sources.
pub fn map_page(title: &str, svg: &str, attribution: &str) -> Result<Vec<u8>> {
    let mut l = Layout::new();
    l.heading(title);
    l.svg(svg, WIDTH)?;
    l.paragraph(attribution, 8.0, false, MUTED, 0.0);
    render(&l, title)
}

/// The plan as a PDF document, its narratives in `languages` (English, a local language of
/// the plan, or both).
pub fn report(
    doc: &PlanDocument,
    reference: &Reference,
    languages: &ReportLanguages,
    basemap: Option<&dyn TileSource>,
) -> Result<Vec<u8>> {
    let doc = &languages.names_in(doc);
    let stored = &doc.plan;
    let city = &doc.city;
    let projects = &doc.projects;
    let partners = &doc.partners;
    let currency = analysis::main_currency(projects).unwrap_or_else(|| "USD".into());
    let country = reference
        .member_state(&city.member_state)
        .map_or(city.member_state.clone(), |m| m.name.clone());
    let period = (stored.period_start, stored.period_end);
    let data = PlanData {
        projects,
        partners,
        reference,
        period,
    };
    let mut l = Layout::new();

    l.cover(
        &city.name,
        &format!("Smart City Action Plan {}–{}", period.0, period.1),
        &[
            ("Member state", country.clone()),
            (
                "Chief Smart City Officer",
                city.officer.clone().unwrap_or_else(|| "—".into()),
            ),
            ("Plan period", format!("{}–{}", period.0, period.1)),
            ("Status", stored.status.to_string()),
            ("Framework", reference.name.clone()),
            ("Date of this report", ascn_model::clock::today()),
        ],
    );
    if stored.sample {
        l.y += 40.0;
        l.paragraph(
            "SAMPLE DATA — generated for trying ASCN Action Planner. This is not the city's plan.",
            12.0,
            true,
            (0xb3, 0x26, 0x1e),
            0.0,
        );
    }

    // Framework summary
    l.new_page();
    l.heading("The plan and the ASEAN Smart Cities Framework");
    l.subheading("Vision");
    let vision = languages.texts(&stored.vision, &stored.vision_local);
    if vision.is_empty() {
        l.paragraph("No vision has been written yet.", 10.0, false, INK, 0.0);
    }
    for text in vision {
        l.paragraph(text, 10.0, false, INK, 0.0);
    }
    l.subheading("Strategic outcomes");
    for o in &reference.strategic_outcomes {
        let serving: Vec<&Project> = projects
            .iter()
            .filter(|p| p.draft.outcomes.contains(&o.code))
            .collect();
        l.paragraph(
            &format!("{} ({}): {} projects", o.name, o.code, serving.len()),
            10.0,
            false,
            INK,
            8.0,
        );
    }
    l.subheading("Focus areas");
    let mut rows = vec![vec![
        "Focus area".to_string(),
        "Chosen".into(),
        "Projects".into(),
        format!("Budget ({currency})"),
    ]];
    for area in &reference.focus_areas {
        let own: Vec<&Project> = projects
            .iter()
            .filter(|p| p.draft.primary_focus_area == area.code)
            .collect();
        let chosen = stored.focus_areas.iter().any(|c| c.focus_area == area.code);
        rows.push(vec![
            area.name.clone(),
            if chosen { "Yes" } else { "No" }.into(),
            own.len().to_string(),
            if own.is_empty() {
                "—".into()
            } else {
                budget(analysis::known_total(&own, Some(&currency)), &currency)
            },
        ]);
    }
    l.table(&[200.0, 70.0, 70.0, 155.0], &rows);
    let findings = readiness::check(stored, projects);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    l.subheading("Readiness");
    l.paragraph(
        &format!(
            "{} findings: {errors} to fix before submission, {} to improve.",
            findings.len(),
            findings.len() - errors
        ),
        10.0,
        false,
        INK,
        0.0,
    );
    for f in findings.iter().take(12) {
        l.paragraph(&format!("• {}", f.message), 9.0, false, MUTED, 8.0);
    }
    l.svg(
        &charts::plan_chart(ChartKind::BudgetByFocusArea, &data)?,
        WIDTH,
    )?;

    // One section per focus area with projects or chosen
    for area in &reference.focus_areas {
        let own: Vec<Project> = projects
            .iter()
            .filter(|p| p.draft.primary_focus_area == area.code)
            .cloned()
            .collect();
        let chosen = stored
            .focus_areas
            .iter()
            .find(|c| c.focus_area == area.code);
        if own.is_empty() && chosen.is_none() {
            continue;
        }
        l.new_page();
        let c = focus_area_colour(&area.code);
        l.heading_marked(
            &format!("{} ({})", area.name, area.code),
            Some((c.0, c.1, c.2)),
        );
        for why in chosen.map_or_else(Vec::new, |c| {
            languages.texts(&c.rationale, &c.rationale_local)
        }) {
            l.paragraph(&format!("Why: {why}"), 10.0, false, MUTED, 0.0);
        }
        for p in &own {
            let d = &p.draft;
            l.subheading(&format!("{} {}", d.code, d.title));
            l.paragraph(
                &format!(
                    "{} · {} · {} · {}",
                    d.years_label(),
                    analysis::status_label(d.status),
                    if d.lead_agency.is_empty() {
                        "no lead agency"
                    } else {
                        &d.lead_agency
                    },
                    budget(analysis::known_budget(p, Some(&currency)), &currency)
                ),
                9.0,
                false,
                MUTED,
                0.0,
            );
            for text in languages.texts(&d.description, &d.description_local) {
                l.paragraph(text, 9.5, false, INK, 0.0);
            }
            let with: Vec<String> = partners
                .iter()
                .filter(|partner| d.partners.contains(&partner.id))
                .map(|partner| partner.name.clone())
                .collect();
            if !with.is_empty() {
                l.paragraph(
                    &format!("Partners: {}", with.join(", ")),
                    9.0,
                    false,
                    INK,
                    8.0,
                );
            }
            for k in &d.kpis {
                let target = k.targets.last().map_or(String::new(), |t| {
                    format!("; target {} {} by {}", t.value, k.unit, t.year)
                });
                l.paragraph(
                    &format!(
                        "KPI: {} — baseline {} {} ({}){target}",
                        k.name, k.baseline_value, k.unit, k.baseline_year
                    ),
                    9.0,
                    false,
                    INK,
                    8.0,
                );
            }
        }
        if !own.is_empty() {
            let area_data = PlanData {
                projects: &own,
                ..data
            };
            l.svg(
                &charts::plan_chart(ChartKind::BudgetByFocusArea, &area_data)?,
                WIDTH * 0.9,
            )?;
        }
    }

    // Timeline
    l.new_page();
    l.heading("Timeline");
    let years: Vec<i32> = (period.0..=period.1).collect();
    let label_w = 170.0;
    let col = (WIDTH - label_w) / years.len().max(1) as f32;
    l.room(20.0);
    for (i, year) in years.iter().enumerate() {
        let (x, y) = (MARGIN + label_w + col * i as f32 + 4.0, l.y + 10.0);
        l.text_at(x, y, 8.0, true, MUTED, &year.to_string());
    }
    l.y += 16.0;
    for p in projects {
        let d = &p.draft;
        l.room(13.0);
        let y = l.y;
        let title: String = format!("{} {}", d.code, d.title).chars().take(36).collect();
        l.text_at(MARGIN, y + 8.5, 7.5, false, INK, &title);
        let Some((start, end)) = d.years() else {
            l.text_at(
                MARGIN + label_w + 4.0,
                y + 8.5,
                7.5,
                false,
                MUTED,
                &d.years_label(),
            );
            l.y += 12.0;
            continue;
        };
        let first = (start.max(period.0) - period.0) as f32;
        let last = (end.min(period.1) - period.0 + 1) as f32;
        let c = focus_area_colour(&d.primary_focus_area);
        l.rect(
            MARGIN + label_w + col * first,
            y + 2.0,
            (col * (last - first) - 2.0).max(2.0),
            8.0,
            (c.0, c.1, c.2),
        );
        l.y += 12.0;
    }

    // Funding
    l.new_page();
    l.heading("Funding");
    let mut rows = vec![vec![
        "Source".to_string(),
        format!("Committed ({currency})"),
        format!("Pipeline ({currency})"),
    ]];
    for s in analysis::funding_by_source(projects, Some(&currency)) {
        rows.push(vec![
            s.label,
            money(s.committed, &currency),
            money(s.pipeline, &currency),
        ]);
    }
    l.table(&[215.0, 140.0, 140.0], &rows);
    l.svg(
        &charts::plan_chart(ChartKind::FundingBySource, &data)?,
        WIDTH * 0.9,
    )?;
    l.svg(
        &charts::plan_chart(ChartKind::FundingByPartnerKind, &data)?,
        WIDTH * 0.9,
    )?;

    let pairings = &doc.pairings;
    if !pairings.is_empty() {
        l.heading("Pairing and twinning");
        let mut rows = vec![vec![
            "With".to_string(),
            "Score".into(),
            "Agreed".into(),
            "Why, and what was agreed".into(),
        ]];
        rows.extend(pairings.iter().map(|p| {
            vec![
                format!("{} ({})", p.counterpart, p.kind.as_str()),
                p.score.to_string(),
                p.agreed_at.clone(),
                format!("{}\n{}", p.reasons.join("; "), p.note),
            ]
        }));
        l.table(&[130.0, 45.0, 70.0, 250.0], &rows);
    }

    // KPIs
    l.new_page();
    l.heading("Key performance indicators");
    let mut rows = vec![vec![
        "Project".to_string(),
        "Indicator".into(),
        "Unit".into(),
        "Baseline".into(),
        "Final target".into(),
    ]];
    for p in projects {
        for k in &p.draft.kpis {
            rows.push(vec![
                p.draft.code.clone(),
                k.name.clone(),
                k.unit.clone(),
                format!("{} ({})", k.baseline_value, k.baseline_year),
                k.targets
                    .last()
                    .map_or("—".into(), |t| format!("{} ({})", t.value, t.year)),
            ]);
        }
    }
    l.table(&[55.0, 200.0, 70.0, 85.0, 85.0], &rows);

    // Map
    l.new_page();
    l.heading("Map");
    let view = map::for_plan(doc, 1000.0, 700.0, basemap)?;
    l.svg(&map::to_svg(&view, reference), WIDTH)?;
    l.paragraph(
        &format!(
            "{} Project locations and districts as recorded in the plan.",
            view.attribution
        ),
        8.0,
        false,
        MUTED,
        0.0,
    );

    render(
        &l,
        &format!(
            "{} Smart City Action Plan {}–{}",
            city.name, period.0, period.1
        ),
    )
}
