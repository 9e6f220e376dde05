//! The plan's PDF in every script of the member states against the same plan in Latin letters
//! only, measured in the same run: Da Nang's sample plan of 60 projects, then the same plan with
//! each project's title, KPI and partner in Thai, Lao, Khmer, Burmese, Vietnamese, Tamil,
//! Chinese or Jawi in turn. Each figure is the median of 15 runs after a warm-up. Writes its
//! section of docs/BENCHMARKS.md (before the app's own), keeping the rest.

use std::path::Path;
use std::time::{Duration, Instant};

use ascn_store::{demo, Workspace};

const SECTION: &str = "## Every script in the PDF";
const APP_SECTION: &str = "## The app itself";
const PROJECTS: usize = 60;
const RUNS: usize = 31;
/// The goal of issue 16: the mixed-script PDF within 1.5× the Latin-only one.
const GOAL: f64 = 1.5;

/// (title, KPI, partner) in each script.
const SCRIPTS: [(&str, &str, &str); 8] = [
    (
        "ระบบเตือนภัยน้ำท่วมอัจฉริยะของกรุงเทพมหานคร",
        "จำนวนสถานีตรวจวัดระดับน้ำ",
        "การประปานครหลวง",
    ),
    (
        "ລະບົບນ້ຳປະປາອັດສະລິຍະ ນະຄອນຫຼວງວຽງຈັນ",
        "ຈຳນວນຄົວເຮືອນທີ່ໄດ້ຮັບນ້ຳ",
        "ລັດວິສາຫະກິດນ້ຳປະປາ",
    ),
    (
        "ប្រព័ន្ធគ្រប់គ្រងចរាចរណ៍ឆ្លាតវៃ ភ្នំពេញ",
        "ចំនួនភ្លើងស្តុបឆ្លាតវៃ",
        "សាលារាជធានីភ្នំពេញ",
    ),
    ("မြို့ပြ စမတ်မီးပွိုင့် စနစ် ရန်ကုန်", "မီးပွိုင့် အရေအတွက်", "ရန်ကုန်မြို့တော်စည်ပင်"),
    (
        "Hệ thống giao thông thông minh Đà Nẵng",
        "Số nút giao có đèn thích ứng",
        "Sở Giao thông Vận tải",
    ),
    (
        "நகர போக்குவரத்து அமைப்பு",
        "பேருந்து நிறுத்தங்களின் எண்ணிக்கை",
        "நிலப் போக்குவரத்து ஆணையம்",
    ),
    ("智慧城市交通管理系统", "智能信号灯数量", "陆路交通管理局"),
    (
        "سيستم ڤڠاڠكوتن بندر سري بڬاوان",
        "بيلڠن ستيسين بس",
        "جابتن ڤڠاڠكوتن دارت",
    ),
];

/// The medians of `RUNS` runs of `a` and of `b`, after a warm-up of each; the two take turns,
/// so the machine's load weighs on both alike.
fn medians(mut a: impl FnMut(), mut b: impl FnMut()) -> (Duration, Duration) {
    a();
    b();
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        start.elapsed()
    };
    let (mut ta, mut tb): (Vec<Duration>, Vec<Duration>) =
        (0..RUNS).map(|_| (time(&mut a), time(&mut b))).unzip();
    ta.sort();
    tb.sort();
    (ta[RUNS / 2], tb[RUNS / 2])
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ws = Workspace::open(dir.path().join("ws.ascn")).expect("workspace");
    let city = ws.city_by_name("Da Nang").expect("pilot city").id;
    let plan = demo::fill(&mut ws, city, PROJECTS, 7)
        .expect("sample plan")
        .id;
    let latin = ws.document(plan).expect("plan");
    let mut mixed = (*latin).clone();
    for (i, project) in mixed.projects.iter_mut().enumerate() {
        let (title, kpi, _) = SCRIPTS[i % SCRIPTS.len()];
        project.draft.title = title.to_string();
        for k in &mut project.draft.kpis {
            k.name = kpi.to_string();
        }
    }
    for (i, partner) in mixed.partners.iter_mut().enumerate() {
        partner.name = SCRIPTS[i % SCRIPTS.len()].2.to_string();
    }
    let reference = ws.reference().clone();
    let report = |doc: &ascn_model::PlanDocument| {
        ascn_formats::export::pdf::report(doc, &reference, &Default::default(), None).expect("PDF")
    };
    let (latin_time, mixed_time) = medians(
        || {
            report(&latin);
        },
        || {
            report(&mixed);
        },
    );
    let (latin_kb, mixed_kb) = (report(&latin).len() / 1024, report(&mixed).len() / 1024);
    let ratio = mixed_time.as_secs_f64() / latin_time.as_secs_f64();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let section = format!(
        "{SECTION}\n\n\
         Produced by `cargo bench --bench scripts` (release build; `./scripts/bench.sh` runs it): \
         {PROJECTS} projects of Da Nang's sample plan, in Latin letters, then with each \
         project's title, KPI and partner in one of eight scripts in turn (Thai, Lao, Khmer, \
         Burmese, Vietnamese, Tamil, Chinese, Jawi), each run through the fonts' fallback chain, \
         shaping, script-aware line breaking and font subsetting. Median of {RUNS} runs after a \
         warm-up, the two taking turns in the same run.\n\n\
         | plan PDF | median ms | ratio | file KB |\n|---|---:|---:|---:|\n\
         | Latin only (baseline) | {:.1} | 1.00 | {latin_kb} |\n\
         | every script | {:.1} | {ratio:.2} | {mixed_kb} |\n\n\
         Goal of issue 16: the mixed-script PDF within {GOAL}× the Latin-only one — {}.\n\n",
        ms(latin_time),
        ms(mixed_time),
        if ratio <= GOAL { "met" } else { "not met" }
    );
    print!("{section}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/BENCHMARKS.md");
    let text = std::fs::read_to_string(&out).unwrap_or_else(|_| "# Benchmarks\n\n".into());
    let before = text
        .find(SECTION)
        .or_else(|| text.find(APP_SECTION))
        .unwrap_or(text.len());
    let after = text.find(APP_SECTION).map_or("", |at| &text[at..]);
    let doc = format!("{}{section}{after}", &text[..before]);
    ascn_formats::export::write_atomically(&out, doc.as_bytes()).expect("write docs/BENCHMARKS.md");
    eprintln!("Wrote {}", out.display());
}
