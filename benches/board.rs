//! One board frame with 100 000 dossiers in the store: load the visible page through the desk
//! (counts of every tab, today's counters, one page of rows with their remaining working time)
//! and draw it into an 80×24 and a 120×35 `TestBackend`. The issue asks for < 5 ms per frame.
//!
//! Run: `cargo bench --bench board` (the store is generated once, ~100k dossiers, in a temporary
//! directory).

use std::sync::LazyLock;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use motcua::calendar::LocalTime;
use motcua::demo::{Plan, generate};
use motcua::desk::Desk;
use motcua::store::Store;
use motcua::tui::app::{Action, App};
use motcua::tui::board::Tab;
use motcua::tui::effects::load_board;
use motcua::tui::render::render;

const DOSSIERS: u64 = 100_000;

fn now() -> LocalTime {
    NaiveDate::from_ymd_opt(2026, 12, 3)
        .and_then(|d| d.and_hms_opt(9, 15, 0))
        .expect("valid bench time")
}

struct Fixture {
    _dir: tempfile::TempDir,
    desk: Desk,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let (catalogue, calendar) = {
        let desk = Desk::open(&data).expect("create the data directory");
        (desk.catalogue().to_vec(), desk.calendar().clone())
    };
    {
        let store = Store::open(&data).expect("open the store");
        let plan = Plan {
            dossiers: DOSSIERS,
            years: 2,
            seed: 7,
            end: now(),
            agency_code: "000.00.20.H30".to_owned(),
            operators: vec!["Lê Thị Hoa".to_owned()],
        };
        let mut batch = Vec::with_capacity(1000);
        generate(&plan, &catalogue, &calendar, |d| {
            batch.push(d);
            if batch.len() == 1000 {
                store.import(&batch)?;
                batch.clear();
            }
            Ok::<(), motcua::store::StoreError>(())
        })
        .expect("generate the ledger");
        store.import(&batch).expect("import the last batch");
    }
    let desk = Desk::open(&data).expect("reopen the desk");
    Fixture { _dir: dir, desk }
});

fn frame(tab: Tab, offset: usize, (w, h): (u16, u16)) -> impl FnMut() {
    let desk = &FIXTURE.desk;
    let mut app = App::new(now(), desk.catalogue().to_vec(), (w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    let rows = app.page_rows();
    move || {
        let page = load_board(desk, tab, offset, rows, now()).expect("load a page");
        app.update(Action::BoardLoaded(Box::new(page)), now());
        terminal.draw(|f| render(&app, f)).expect("draw");
    }
}

#[divan::bench(args = [(80, 24), (120, 35)])]
fn all_tab_deep_page(bencher: divan::Bencher, size: (u16, u16)) {
    let mut f = frame(Tab::All, 90_000, size);
    bencher.bench_local(&mut f);
}

#[divan::bench]
fn overdue_tab(bencher: divan::Bencher) {
    let mut f = frame(Tab::Overdue, 0, (120, 35));
    bencher.bench_local(&mut f);
}

#[divan::bench]
fn first_page_of_open_dossiers(bencher: divan::Bencher) {
    let mut f = frame(Tab::Open, 0, (120, 35));
    bencher.bench_local(&mut f);
}

fn main() {
    LazyLock::force(&FIXTURE);
    divan::main();
}
