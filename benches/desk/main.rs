//! The desk at scale, side by side with SQLite: `cargo bench --bench desk`.
//!
//! One invocation generates a ledger (`motcua::demo`, deterministic for its seed), writes it
//! as JSONL, bulk-imports that JSONL into motcua's sled store and into a bench-only SQLite
//! database (same records, same indexes, WAL, durable commits), then times every query the
//! desk runs on both and prints one table with each figure's ratio to SQLite (< 1: sled is
//! faster). 100 000 dossiers by default; `MOTCUA_BENCH_1M=1` for 1 000 000, or
//! `MOTCUA_BENCH_DOSSIERS=N`. `MOTCUA_BENCH_REUSE=1` keeps the stores of the last run (no
//! import figures): the timed writes run on throw-away copies, so the stores stay as imported.
//! Data lives under `target/bench-data/`. Nothing here runs in `cargo test`.

// The allocator motcua ships with (src/main.rs), so the sled side is measured as it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod board;
mod desk_side;
mod measure;
mod sqlite;
mod writes;

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use desk_side::Motcua;
use measure::{Stat, repeat};
use motcua::calendar::{Calendar, LocalTime, parse_local};
use motcua::desk::ListFilter;
use motcua::domain::Dossier;
use motcua::report::{Letterhead, day, period};
use sqlite::Sqlite;

/// The generated ledger's "now": a Friday afternoon.
const NOW: &str = "2026-11-27 15:00";
const SEED: u64 = 2026;
const YEARS: u32 = 3;
const BATCH: usize = 500;
const PAGE: usize = 50;

/// One line of the result table.
struct Line {
    what: String,
    sled: String,
    sqlite: String,
    ratio: Option<f64>,
    target: &'static str,
}

#[derive(Default)]
pub(crate) struct Table {
    lines: Vec<Line>,
}

pub(crate) fn ms(d: Duration) -> String {
    let v = d.as_secs_f64() * 1e3;
    if v >= 100.0 {
        format!("{v:.0} ms")
    } else if v >= 10.0 {
        format!("{v:.1} ms")
    } else {
        format!("{v:.2} ms")
    }
}

fn ratio(a: Duration, b: Duration) -> Option<f64> {
    (b > Duration::ZERO).then(|| a.as_secs_f64() / b.as_secs_f64())
}

impl Table {
    fn time(&mut self, what: &str, a: Duration, b: Duration, target: &'static str) {
        eprintln!("  {what}: sled {} sqlite {}", ms(a), ms(b));
        self.lines.push(Line {
            what: what.to_owned(),
            sled: ms(a),
            sqlite: ms(b),
            ratio: ratio(a, b),
            target,
        });
    }

    fn median(&mut self, what: &str, a: &Stat, b: &Stat, target: &'static str) {
        self.time(&format!("{what} (median)"), a.median(), b.median(), target);
    }

    pub(crate) fn other(
        &mut self,
        what: &str,
        a: String,
        b: String,
        r: Option<f64>,
        target: &'static str,
    ) {
        eprintln!("  {what}: sled {a} sqlite {b}");
        self.lines.push(Line {
            what: what.to_owned(),
            sled: a,
            sqlite: b,
            ratio: r,
            target,
        });
    }

    fn print(&self) {
        println!("| figure | motcua (sled) | SQLite | ratio | target |");
        println!("|---|---:|---:|---:|---|");
        for l in &self.lines {
            let r = l.ratio.map_or("".to_owned(), |r| format!("{r:.2}"));
            println!(
                "| {} | {} | {} | {} | {} |",
                l.what, l.sled, l.sqlite, r, l.target
            );
        }
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

fn bench_dir(n: u64) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench-data").join(format!("desk-{n}"))
}

pub(crate) fn now() -> LocalTime {
    parse_local(NOW).expect("NOW is a valid instant")
}

fn plan(n: u64) -> motcua::demo::Plan {
    motcua::demo::Plan {
        dossiers: n,
        years: YEARS,
        seed: SEED,
        end: now(),
        agency_code: "000.00.20.H30".to_owned(),
        operators: vec![
            "Nguyễn Thị Lan".to_owned(),
            "Hoàng Văn Minh".to_owned(),
            "Lý Thị Mai".to_owned(),
        ],
    }
}

/// Writes the generated ledger as JSONL (one dossier per line, as `motcua import` reads).
fn generate(n: u64, path: &Path, cal: &Calendar) -> u64 {
    let file = std::fs::File::create(path).expect("bench dir is writable");
    let mut out = BufWriter::new(file);
    let catalogue = motcua::domain::builtin_catalogue();
    let made = motcua::demo::generate(&plan(n), &catalogue, cal, |d| {
        serde_json::to_writer(&mut out, &d)?;
        out.write_all(b"\n").map_err(serde_json::Error::io)
    })
    .expect("JSONL written");
    out.flush().expect("JSONL flushed");
    made
}

/// Streams the JSONL in batches of `BATCH` dossiers.
fn batches(path: &Path, mut f: impl FnMut(&[Dossier])) {
    let file = std::fs::File::open(path).expect("JSONL exists");
    let mut batch = Vec::with_capacity(BATCH);
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("JSONL readable");
        batch.push(serde_json::from_str(&line).expect("JSONL parses"));
        if batch.len() == BATCH {
            f(&batch);
            batch.clear();
        }
    }
    if !batch.is_empty() {
        f(&batch);
    }
}

fn count(n: u64) -> u64 {
    if std::env::var_os("MOTCUA_BENCH_1M").is_some_and(|v| v == "1") {
        return 1_000_000;
    }
    std::env::var("MOTCUA_BENCH_DOSSIERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n)
}

fn main() {
    if let Ok(mode) = std::env::var("MOTCUA_BENCH_CHILD") {
        return child_main(&mode);
    }
    let n = count(100_000);
    let reuse = std::env::var_os("MOTCUA_BENCH_REUSE").is_some_and(|v| v == "1");
    let dir = bench_dir(n);
    let (jsonl, sled_dir, sqlite_path) = (
        dir.join("dossiers.jsonl"),
        dir.join("sled"),
        dir.join("sqlite.db"),
    );
    let cal = Calendar::builtin();
    let mut table = Table::default();
    eprintln!(
        "desk bench: {n} dossiers over {YEARS} years, seed {SEED}, in {}",
        dir.display()
    );
    if !(reuse && sled_dir.exists() && sqlite_path.exists()) {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("bench dir");
        let t = Instant::now();
        let made = generate(n, &jsonl, &cal);
        eprintln!("  generated {made} dossiers in {}", ms(t.elapsed()));
        import_both(&jsonl, &sled_dir, &sqlite_path, &mut table);
    }
    cold_open(&sled_dir, &sqlite_path, &mut table);
    let m = Motcua::open(&sled_dir).expect("the desk opens");
    let lite = Sqlite::open(&sqlite_path).expect("SQLite opens");
    reads(&m, &lite, &mut table);
    board::run(&m, &mut table);
    drop(m);
    board::first_frame(&sled_dir, &mut table);
    drop(lite);
    let (a, b) = (
        measure::disk_bytes(&sled_dir),
        measure::disk_bytes(&sqlite_path) + wal_bytes(&sqlite_path),
    );
    // The writes run on throw-away copies, so the stores stay as imported and a reused run
    // (`MOTCUA_BENCH_REUSE=1`) reads the same ledger on both sides.
    let (work_sled, work_sqlite) = (dir.join("work-sled"), dir.join("work-sqlite.db"));
    measure::copy_store(&sled_dir, &work_sled);
    measure::copy_store(&sqlite_path, &work_sqlite);
    {
        let mut m = Motcua::open(&work_sled).expect("the copied desk opens");
        let mut lite = Sqlite::open(&work_sqlite).expect("the copied SQLite opens");
        writes::run(&mut m, &mut lite, now(), &mut table);
    }
    measure::remove_store(&work_sled);
    measure::remove_store(&work_sqlite);
    table.other(
        "disk size",
        mib(a),
        mib(b),
        Some(a as f64 / b.max(1) as f64),
        "≤ 1.5 GB at 1M, ≤ 150 MB at 100k",
    );
    println!();
    println!("{n} dossiers, {YEARS} years, seed {SEED}, now {NOW}");
    table.print();
}

fn wal_bytes(db: &Path) -> u64 {
    let mut p = db.as_os_str().to_owned();
    p.push("-wal");
    measure::disk_bytes(Path::new(&p))
}

/// Bulk import in child processes (so each has its own peak memory): `Desk::import_jsonl_from`
/// streaming the file, as `motcua import FILE.jsonl` runs it, against a streaming SQLite import
/// in batches.
fn import_both(jsonl: &Path, sled_dir: &Path, sqlite_path: &Path, table: &mut Table) {
    let a = measure::child("import-desk", &pair_arg(jsonl, sled_dir));
    let b = measure::child("import-sqlite", &pair_arg(jsonl, sqlite_path));
    let (ta, tb) = (
        Duration::from_micros(measure::get(&a, "us")),
        Duration::from_micros(measure::get(&b, "us")),
    );
    table.time("bulk import of the JSONL", ta, tb, "≤ 120 s at 1M");
    let (ha, hb) = (measure::get(&a, "hwm_kib"), measure::get(&b, "hwm_kib"));
    table.other(
        "peak RSS of the import",
        mib(ha * 1024),
        mib(hb * 1024),
        Some(ha as f64 / hb.max(1) as f64),
        "≤ 400 MB",
    );
}

/// Two paths in one child argument.
fn pair_arg(a: &Path, b: &Path) -> PathBuf {
    let mut s = a.as_os_str().to_owned();
    s.push("\n");
    s.push(b);
    PathBuf::from(s)
}

fn split_arg(p: &Path) -> (PathBuf, PathBuf) {
    let s = p.to_string_lossy();
    let (a, b) = s.split_once('\n').expect("two paths");
    (PathBuf::from(a), PathBuf::from(b))
}

fn cold_open(sled_dir: &Path, sqlite_path: &Path, table: &mut Table) {
    let runs = |mode: &str, p: &Path| -> (Stat, u64) {
        let mut times = Vec::new();
        let mut rss = 0;
        for _ in 0..3 {
            let kv = measure::child(mode, p);
            times.push(Duration::from_micros(measure::get(&kv, "open_us")));
            rss = measure::get(&kv, "rss_kib");
        }
        (Stat::of(times), rss)
    };
    let (a, ra) = runs("open-sled", sled_dir);
    let (b, rb) = runs("open-sqlite", sqlite_path);
    table.time(
        "open, cold process (median of 3)",
        a.median(),
        b.median(),
        "≤ 0.3 s",
    );
    table.other(
        "RSS after open",
        mib(ra * 1024),
        mib(rb * 1024),
        Some(ra as f64 / rb.max(1) as f64),
        "≤ 200 MB",
    );
    let a = measure::child("session-sled", sled_dir);
    let b = measure::child("session-sqlite", sqlite_path);
    let (ha, hb) = (measure::get(&a, "hwm_kib"), measure::get(&b, "hwm_kib"));
    table.other(
        "peak RSS: open, board lists, day summary, year report",
        mib(ha * 1024),
        mib(hb * 1024),
        Some(ha as f64 / hb.max(1) as f64),
        "≤ 300 MB",
    );
}

/// The child side of [`measure::child`].
fn child_main(mode: &str) {
    let arg = PathBuf::from(std::env::var_os("MOTCUA_BENCH_ARG").expect("child gets a path"));
    let cal = Calendar::builtin();
    let t = Instant::now();
    match mode {
        "import-desk" => {
            let (jsonl, dir) = split_arg(&arg);
            let mut m = Motcua::open(&dir).expect("the desk opens");
            let outcome = m
                .desk
                .import_jsonl_from(jsonl.as_path(), false, &mut |_, _| {})
                .expect("the generated ledger imports");
            // As `motcua import` does: reopen once so the next open finds a fresh snapshot.
            drop(m.desk.reopen().expect("the store reopens"));
            let us = t.elapsed().as_micros();
            eprintln!("  imported {} dossiers into sled", outcome.imported);
            println!("us={us} hwm_kib={}", measure::proc_kib("VmHWM"));
        }
        "import-sqlite" => {
            let (jsonl, db) = split_arg(&arg);
            let mut lite = Sqlite::open(&db).expect("SQLite opens");
            batches(&jsonl, |b| lite.insert(b).expect("SQLite import"));
            lite.checkpoint().expect("checkpoint");
            drop(lite);
            let us = t.elapsed().as_micros();
            println!("us={us} hwm_kib={}", measure::proc_kib("VmHWM"));
        }
        "first-frame" => board::first_frame_child(&arg),
        "open-sled" => {
            let m = Motcua::open(&arg).expect("opens");
            let us = t.elapsed().as_micros();
            println!("open_us={us} rss_kib={}", measure::proc_kib("VmRSS"));
            drop(m);
        }
        "open-sqlite" => {
            let s = Sqlite::open(&arg).expect("opens");
            let us = t.elapsed().as_micros();
            println!("open_us={us} rss_kib={}", measure::proc_kib("VmRSS"));
            drop(s);
        }
        "session-sled" => {
            let m = Motcua::open(&arg).expect("opens");
            let q = Queries::new(&m);
            std::hint::black_box(q.session_motcua(&m));
            println!("hwm_kib={}", measure::proc_kib("VmHWM"));
        }
        "session-sqlite" => {
            let s = Sqlite::open(&arg).expect("opens");
            let q = Queries::with(&cal, 450);
            std::hint::black_box(q.session_sqlite(&s));
            println!("hwm_kib={}", measure::proc_kib("VmHWM"));
        }
        other => panic!("unknown child mode {other}"),
    }
}

/// The parameters every desk query shares.
struct Queries {
    now: LocalTime,
    cal: Calendar,
    window: u32,
    year_from: NaiveDate,
    year_to: NaiveDate,
    letterhead: Letterhead,
}

impl Queries {
    fn new(m: &Motcua) -> Queries {
        Queries::with(m.desk.calendar(), m.desk.settings().desk.due_soon_minutes)
    }

    fn with(cal: &Calendar, window: u32) -> Queries {
        let letterhead = Letterhead {
            due_soon_minutes: i64::from(window),
            ..Letterhead::default()
        };
        Queries {
            now: now(),
            cal: cal.clone(),
            window,
            year_from: NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid"),
            year_to: NaiveDate::from_ymd_opt(2025, 12, 31).expect("valid"),
            letterhead,
        }
    }

    fn day(&self, all: &[Dossier]) -> day::DaySummary {
        let d = self.now.date();
        day::day_summary(all, d, self.now, &self.cal, self.window)
    }

    fn year(&self, all: &[Dossier]) -> period::PeriodStats {
        let (f, t) = (self.year_from, self.year_to);
        period::period_stats(all, f, t, self.now, &self.cal, &self.letterhead).expect("valid range")
    }

    fn day_motcua(&self, m: &Motcua) -> day::DaySummary {
        m.day(self.now).expect("reads")
    }

    /// The fair peer: today's counters and its covering index (`sqlite/tallies.rs`).
    fn day_sqlite(&self, s: &Sqlite) -> day::DaySummary {
        s.today(self.now, self.window, &self.cal).expect("reads")
    }

    /// The same summary computed over every row the day touches (the correctness check).
    fn day_sqlite_records(&self, s: &Sqlite) -> day::DaySummary {
        let d = self.now.date();
        self.day(&s.report_dossiers(d, d).expect("reads"))
    }

    fn year_motcua(&self, m: &Motcua) -> period::PeriodStats {
        m.period(self.year_from, self.year_to, self.now)
            .expect("reads")
    }

    /// The fair peer: per-day counters summed with GROUP BY (`sqlite/tallies.rs`).
    fn year_sqlite(&self, s: &Sqlite) -> period::PeriodStats {
        s.period(self.year_from, self.year_to, self.now, &self.letterhead)
            .expect("reads")
    }

    /// The same statistics computed over every row the year touches (the correctness check).
    fn year_sqlite_records(&self, s: &Sqlite) -> period::PeriodStats {
        self.year(
            &s.report_dossiers(self.year_from, self.year_to)
                .expect("reads"),
        )
    }

    fn session_motcua(&self, m: &Motcua) -> usize {
        m.list(ListFilter::Overdue, self.now, usize::MAX)
            .expect("reads")
            .len()
            + m.list(ListFilter::DueSoon, self.now, usize::MAX)
                .expect("reads")
                .len()
            + self.day_motcua(m).received_total as usize
            + self.year_motcua(m).fields.len()
    }

    fn session_sqlite(&self, s: &Sqlite) -> usize {
        s.overdue(self.now, usize::MAX).expect("reads").len()
            + s.due_soon(self.now, self.window, &self.cal)
                .expect("reads")
                .len()
            + self.day_sqlite(s).received_total as usize
            + self.year_sqlite(s).fields.len()
    }
}

/// How many rows a query returned (0 on error: the assertions above catch real failures).
fn rows<E>(v: Result<Vec<Dossier>, E>) -> usize {
    v.map_or(0, |v| v.len())
}

/// The rare search: a family name and a given name that seldom meet (about 6 in 100 000).
const RARE: &str = "ninh lam";

fn codes(v: &[Dossier]) -> Vec<&str> {
    v.iter().map(|d| d.code.as_str()).collect()
}

/// Asserts both sides give the same answers (or the comparison means nothing) and that the
/// peer's list queries use its index; returns the overdue count and the rare search's hits.
fn same_answers(m: &Motcua, l: &Sqlite, q: &Queries) -> (usize, usize) {
    let (now, cal, w) = (q.now, &q.cal, q.window);
    let all_overdue = m.list(ListFilter::Overdue, now, usize::MAX).expect("reads");
    assert_eq!(
        codes(&all_overdue),
        codes(&l.overdue(now, usize::MAX).expect("reads"))
    );
    let n_overdue = all_overdue.len();
    let soon = m.list(ListFilter::DueSoon, now, usize::MAX).expect("reads");
    assert_eq!(
        codes(&soon),
        codes(&l.due_soon(now, w, cal).expect("reads"))
    );
    let owed = m
        .list(ListFilter::ApologyNeeded, now, usize::MAX)
        .expect("reads");
    assert_eq!(
        codes(&owed),
        codes(&l.apology_needed(now, w, cal).expect("reads"))
    );
    assert_eq!(
        codes(&owed),
        codes(&l.apology_needed_by_records(now, w, cal).expect("reads")),
        "the apology list judged from the index equals the records' own judgement"
    );
    // The peer's list queries must use its (status, due) index, or the ratios flatter motcua.
    for (query, step) in l.plans().expect("EXPLAIN QUERY PLAN") {
        eprintln!("  SQLite plan, {query}: {step}");
        assert!(
            !step.starts_with("SCAN dossiers") && !step.starts_with("SCAN tallies"),
            "SQLite scans the table for {query}: {step}"
        );
    }
    assert_eq!(
        m.counters(now).expect("reads"),
        l.counters(now, w, cal).expect("reads")
    );
    // The chain head printed on the papers is motcua's alone (the peer has no chain).
    let (mut day, mut year) = (q.day_motcua(m), q.year_motcua(m));
    (day.head, year.head) = (None, None);
    assert_eq!(day, q.day_sqlite(l), "same day summary");
    assert_eq!(year, q.year_sqlite(l), "same period report");
    assert_eq!(
        q.day_sqlite(l),
        q.day_sqlite_records(l),
        "peer's counters = its rows"
    );
    assert_eq!(
        q.year_sqlite(l),
        q.year_sqlite_records(l),
        "peer's counters = its rows"
    );
    let rare_hits = l.search(RARE, PAGE).expect("reads").len();
    for text in ["nguyen", RARE] {
        let (a, b) = (
            m.search(text, PAGE, now).expect("reads"),
            l.search(text, PAGE).expect("reads"),
        );
        if codes(&a) != codes(&b) {
            eprintln!(
                "  NOTE: search {text:?} differs: motcua {} rows, SQLite {} rows",
                a.len(),
                b.len()
            );
        }
    }
    eprintln!(
        "  overdue {n_overdue}, due soon {}, apology owed {}, rare \"{RARE}\" {rare_hits}",
        soon.len(),
        owed.len()
    );
    (n_overdue, rare_hits)
}

fn reads(m: &Motcua, l: &Sqlite, table: &mut Table) {
    let q = Queries::new(m);
    let (now, cal, w) = (q.now, &q.cal, q.window);
    let budget = Duration::from_secs(2);
    let (n_overdue, rare_hits) = same_answers(m, l, &q);
    let mut pair = |what: &str,
                    target: &'static str,
                    a: &mut dyn FnMut() -> usize,
                    b: &mut dyn FnMut() -> usize| {
        let x = repeat(budget, 200, &mut *a);
        let y = repeat(budget, 200, &mut *b);
        table.median(what, &x, &y, target);
    };
    pair(
        "overdue list, first screen (50 rows)",
        "≤ 5 ms, ratio ≤ 1",
        &mut || rows(m.list(ListFilter::Overdue, now, PAGE)),
        &mut || rows(l.overdue(now, PAGE)),
    );
    pair(
        &format!("overdue list, full ({n_overdue} rows)"),
        "≤ 50 ms, ratio ≤ 1",
        &mut || rows(m.list(ListFilter::Overdue, now, usize::MAX)),
        &mut || rows(l.overdue(now, usize::MAX)),
    );
    pair(
        "due-soon list",
        "ratio ≤ 1",
        &mut || rows(m.list(ListFilter::DueSoon, now, usize::MAX)),
        &mut || rows(l.due_soon(now, w, cal)),
    );
    pair(
        "apology-duty list",
        "ratio ≤ 1",
        &mut || rows(m.list(ListFilter::ApologyNeeded, now, usize::MAX)),
        &mut || rows(l.apology_needed(now, w, cal)),
    );
    pair(
        "board header counters",
        "ratio ≤ 1",
        &mut || m.counters(now).map_or(0, |c| c.overdue as usize),
        &mut || l.counters(now, w, cal).map_or(0, |c| c.overdue as usize),
    );
    pair(
        "end-of-day summary",
        "≤ 5 ms, ratio ≤ 1",
        &mut || q.day_motcua(m).received_total as usize,
        &mut || q.day_sqlite(l).received_total as usize,
    );
    pair(
        "one-year period report (2025)",
        "≤ 100 ms, ratio ≤ 1",
        &mut || q.year_motcua(m).fields.len(),
        &mut || q.year_sqlite(l).fields.len(),
    );
    pair(
        "search \"nguyen\", first page",
        "≤ 5 ms, ratio ≤ 1",
        &mut || rows(m.search("nguyen", PAGE, now)),
        &mut || rows(l.search("nguyen", PAGE)),
    );
    pair(
        &format!("search rare name \"{RARE}\" ({rare_hits} hits)"),
        "≤ 5 ms, ratio ≤ 1",
        &mut || rows(m.search(RARE, PAGE, now)),
        &mut || rows(l.search(RARE, PAGE)),
    );
}
