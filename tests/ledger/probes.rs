//! Figures for the reports, not CI checks (timings depend on the machine): durable intake
//! latency and board queries over a generated ledger. Both are `#[ignore]`d.

use motcua::desk::{Call, Desk, ListFilter, LocalDesk, Page};

use super::desk::{COPY, intake};
use super::fixtures::at;

/// The figures for the report (not a CI check: timings depend on the machine). Run with
/// `cargo test --test main ledger::desk::durable_intake_latency -- --ignored --nocapture`.
#[test]
#[ignore]
fn durable_intake_latency() {
    let dir = tempfile::tempdir_in(std::env::var("MOTCUA_BENCH_DIR").unwrap_or("/tmp".into()))
        .expect("dir");
    let desk = LocalDesk::open(&dir.path().join("data")).expect("open");
    let now = at("2026-03-02 09:00");
    let (mut total, mut flush, mut sync) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..400 {
        let start = std::time::Instant::now();
        let name = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"][i % 3];
        desk.receive(intake(COPY, name), &Call::new(now, "Hoa"))
            .expect("receive");
        total.push(start.elapsed());
        let t = desk.last_write_timings();
        flush.push(t.flush);
        sync.push(t.sync);
    }
    for v in [&mut total, &mut flush, &mut sync] {
        v.sort();
    }
    let q = |v: &[std::time::Duration], p: usize| v[(v.len() * p / 100).min(v.len() - 1)];
    println!(
        "durable intake: median {:?}, p99 {:?}; flush() median {:?} p99 {:?}; explicit fdatasync+blobs median {:?} p99 {:?}",
        q(&total, 50),
        q(&total, 99),
        q(&flush, 50),
        q(&flush, 99),
        q(&sync, 50),
        q(&sync, 99)
    );
}

/// Board queries over a generated ledger (figures for the report, not a CI check). Run with
/// `MOTCUA_PROBE_DOSSIERS=100000 cargo test --test main ledger::desk::board_query_probe -- --ignored --nocapture`.
#[test]
#[ignore]
fn board_query_probe() {
    let n: u64 = std::env::var("MOTCUA_PROBE_DOSSIERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let now = at("2026-12-03 09:15");
    let mut desk = LocalDesk::open(&data).expect("open");
    let plan = motcua::demo::Plan {
        dossiers: n,
        years: 2,
        seed: 7,
        end: now,
        agency_code: "000.00.20.H30".to_owned(),
        operators: vec!["Lê Thị Hoa".to_owned()],
    };
    let start = std::time::Instant::now();
    let mut lines = Vec::new();
    let catalogue = desk.catalogue().expect("catalogue");
    let cal = desk.calendar().clone();
    motcua::demo::generate(&plan, &catalogue, &cal, |d| {
        lines.push(serde_json::to_string(&d).expect("json"));
        Ok::<(), ()>(())
    })
    .expect("generate");
    let text = lines.join("\n");
    desk.import_jsonl(&text, false, &mut |_, _| {})
        .expect("import");
    println!("generated and imported {n} in {:?}", start.elapsed());
    let time = |label: &str, f: &mut dyn FnMut() -> usize| {
        let t = std::time::Instant::now();
        let rows = f();
        println!("{label}: {:?} ({rows} rows)", t.elapsed());
    };
    time("counters", &mut || {
        let c = desk.counters(now).expect("counters");
        c.overdue as usize
    });
    for filter in [
        ListFilter::Overdue,
        ListFilter::DueSoon,
        ListFilter::Open,
        ListFilter::ApologyNeeded,
        ListFilter::All,
        ListFilter::Today,
    ] {
        time(&format!("{filter:?} first page"), &mut || {
            desk.list(filter, now, Page::first(50)).expect("list").len()
        });
        time(&format!("{filter:?} count"), &mut || {
            desk.count(filter, now).expect("count") as usize
        });
    }
    time("All deep page", &mut || {
        desk.list(
            ListFilter::All,
            now,
            Page {
                offset: (n as usize) * 9 / 10,
                limit: 50,
            },
        )
        .expect("list")
        .len()
    });
    time("search nguyen", &mut || {
        desk.search("nguyen", 50, now).expect("search").len()
    });
    time("search rare", &mut || {
        desk.search("ngoan", 50, now).expect("search").len()
    });
    time("verify", &mut || {
        desk.verify().expect("verify").dossiers as usize
    });
}
