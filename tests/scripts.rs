//! Every script of the member states comes out of the plan's PDF readable, checked by readers
//! that are not ours: for each script, a plan whose project title, KPI and partner are written
//! in it is exported; pdffonts must show the script's font embedded, pdftotext must give the
//! text back, and tesseract (with its Debian language pack) must read the rendered page
//! (pdftoppm) close to the original.

use std::path::Path;
use std::process::Command;

use ascn_model::{Kpi, KpiTarget, PartnerDraft, PartnerKind};
use ascn_store::Workspace;

mod common;

struct Script {
    name: &'static str,
    /// Tesseract's language pack.
    lang: &'static str,
    /// The font pdffonts must list.
    font: &'static str,
    city: &'static str,
    title: &'static str,
    kpi: &'static str,
    partner: &'static str,
}

/// Titles a city officer might write: a smart traffic, water or flood project, a KPI, a partner.
const SCRIPTS: &[Script] = &[
    Script {
        name: "Thai",
        lang: "tha",
        font: "NotoSansThai",
        city: "Bangkok",
        title: "ระบบเตือนภัยน้ำท่วมอัจฉริยะ",
        kpi: "จำนวนสถานีตรวจวัดระดับน้ำ",
        partner: "การประปานครหลวง",
    },
    Script {
        name: "Lao",
        lang: "lao",
        font: "NotoSansLao",
        city: "Vientiane",
        title: "ລະບົບນ້ຳປະປາອັດສະລິຍະ",
        kpi: "ຈຳນວນຄົວເຮືອນທີ່ໄດ້ຮັບນ້ຳ",
        partner: "ລັດວິສາຫະກິດນ້ຳປະປາ",
    },
    Script {
        name: "Khmer",
        lang: "khm",
        font: "NotoSansKhmer",
        city: "Phnom Penh",
        title: "ប្រព័ន្ធគ្រប់គ្រងចរាចរណ៍ឆ្លាតវៃ",
        kpi: "ចំនួនភ្លើងស្តុបឆ្លាតវៃ",
        partner: "សាលារាជធានីភ្នំពេញ",
    },
    Script {
        name: "Burmese",
        lang: "mya",
        font: "NotoSansMyanmar",
        city: "Yangon",
        title: "မြို့ပြ စမတ်မီးပွိုင့် စနစ်",
        kpi: "မီးပွိုင့် အရေအတွက်",
        partner: "ရန်ကုန်မြို့တော်စည်ပင်",
    },
    Script {
        name: "Vietnamese",
        lang: "vie",
        font: "NotoSans",
        city: "Da Nang",
        title: "Hệ thống giao thông thông minh",
        kpi: "Số nút giao có đèn thích ứng",
        partner: "Sở Giao thông Vận tải Đà Nẵng",
    },
    Script {
        name: "Tamil",
        lang: "tam",
        font: "NotoSansTamil",
        city: "Singapore",
        title: "நகர போக்குவரத்து அமைப்பு",
        kpi: "பேருந்து நிறுத்தங்களின் எண்ணிக்கை",
        partner: "நிலப் போக்குவரத்து ஆணையம்",
    },
    Script {
        name: "Chinese",
        lang: "chi_sim",
        font: "NotoSansCJKsc",
        city: "Singapore",
        title: "智慧城市交通管理系统",
        kpi: "智能信号灯数量",
        partner: "陆路交通管理局",
    },
    Script {
        name: "Jawi",
        lang: "ara",
        font: "NotoNaskhArabic",
        city: "Bandar Seri Begawan",
        title: "سيستم ڤڠاڠكوتن بندر",
        kpi: "بيلڠن ستيسين بس",
        partner: "جابتن ڤڠاڠكوتن دارت",
    },
];

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs (scripts/setup.sh installs it): {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The plan's PDF with one project whose title, KPI and partner are in `script`.
fn plan_pdf(dir: &Path, script: &Script) -> std::path::PathBuf {
    let mut ws = Workspace::open(dir.join(format!("{}.ascn", script.name))).unwrap();
    let city = ws.city_by_name(script.city).unwrap().id;
    let plan = ws.open_plan(city).unwrap().id;
    let partner = ws
        .add_partner(
            plan,
            &PartnerDraft {
                name_local: Default::default(),
                kind: PartnerKind::Government,
                name: script.partner.into(),
                country: None,
            },
        )
        .unwrap();
    let mut draft = common::draft(script.title, 2027, 2030);
    draft.partners = vec![partner.id];
    draft.kpis = vec![Kpi {
        name_local: Default::default(),
        name: script.kpi.into(),
        standard_ref: None,
        unit: "#".into(),
        baseline_year: 2026,
        baseline_value: 10.0,
        targets: vec![KpiTarget {
            year: 2030,
            value: 40.0,
        }],
        actuals: vec![],
    }];
    ws.save_project(plan, None, &draft).unwrap();
    let doc = ws.document(plan).unwrap();
    let pdf =
        ascn_formats::export::pdf::report(&doc, ws.reference(), &Default::default(), None).unwrap();
    let path = dir.join(format!("{}.pdf", script.name));
    std::fs::write(&path, pdf).unwrap();
    path
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// How close `wanted` is to the closest stretch of `read` (1.0: found as it is), by the edit
/// distance of characters, spaces left out (OCR and text extraction space letters their own
/// way).
fn closeness(wanted: &str, read: &str) -> f64 {
    let wanted: Vec<char> = squeeze(wanted).chars().collect();
    let read: Vec<char> = squeeze(read).chars().collect();
    // Edit distance of `wanted` to any substring of `read` (free start and end in `read`).
    let mut previous = vec![0usize; read.len() + 1];
    for (i, w) in wanted.iter().enumerate() {
        let mut current = vec![i + 1; read.len() + 1];
        for (j, r) in read.iter().enumerate() {
            let substitute = previous[j] + usize::from(w != r);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    let best = previous.into_iter().min().unwrap_or(wanted.len());
    1.0 - best as f64 / wanted.len().max(1) as f64
}

/// Text as the reader's model can tell it: tesseract reads Jawi with its Arabic model, which
/// has no Jawi letters (ڤ pa, ڠ nga), and reads them as the Arabic letters they are built on.
fn as_read(script: &Script, text: &str) -> String {
    if script.lang != "ara" {
        return text.to_string();
    }
    text.chars()
        .map(|c| match c {
            'ڤ' | 'ق' => 'ف',
            'ڠ' | 'غ' => 'ع',
            c => c,
        })
        .collect()
}

#[test]
fn closeness_finds_a_title_in_a_page_and_measures_misreadings() {
    assert_eq!(closeness("Bus lanes", "page 4 Bus lanes 2027"), 1.0);
    assert!((closeness("abcd", "xxabxdxx") - 0.75).abs() < 1e-9);
    assert!(closeness("ระบบ", "nothing alike") < 0.5);
}

#[test]
fn every_script_is_embedded_extracted_and_read_back_from_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for script in SCRIPTS {
        let pdf = plan_pdf(dir.path(), script);
        let pdf = pdf.to_str().unwrap();
        let fonts = run("pdffonts", &[pdf]);
        if !fonts.contains(script.font) {
            failures.push(format!(
                "{}: {} is not embedded:\n{fonts}",
                script.name, script.font
            ));
        }
        // The page of the project's section: the one with its KPI line.
        let pages: usize = run("pdfinfo", &[pdf])
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap();
        let page = (1..=pages)
            .find(|p| {
                let p = p.to_string();
                run("pdftotext", &["-f", &p, "-l", &p, pdf, "-"]).contains("KPI:")
            })
            .unwrap_or_else(|| panic!("{}: no page has the KPI as text", script.name));
        let text = run(
            "pdftotext",
            &["-f", &page.to_string(), "-l", &page.to_string(), pdf, "-"],
        );
        for wanted in [script.title, script.kpi, script.partner] {
            if !squeeze(&text).contains(&squeeze(wanted)) {
                failures.push(format!(
                    "{}: pdftotext lacks '{wanted}':\n{text}",
                    script.name
                ));
            }
        }
        let image = dir.path().join(format!("{}-page", script.name));
        run(
            "pdftoppm",
            &[
                "-r",
                "300",
                "-png",
                "-singlefile",
                "-f",
                &page.to_string(),
                "-l",
                &page.to_string(),
                pdf,
                image.to_str().unwrap(),
            ],
        );
        let png = format!("{}.png", image.display());
        // The script's model alone: with English beside it, a short line prefixed "KPI:" is
        // read as English.
        let read = run("tesseract", &[&png, "stdout", "-l", script.lang]);
        for wanted in [script.title, script.kpi, script.partner] {
            let score = closeness(&as_read(script, wanted), &as_read(script, &read));
            if score < 0.8 {
                failures.push(format!(
                    "{}: tesseract read '{wanted}' at {score:.2} of its letters:\n{read}",
                    script.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
