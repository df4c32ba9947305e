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
use motcua::desk::LocalDesk;
use motcua::desk::{Desk, ListFilter as Tab, Page};
use motcua::store::Store;
use motcua::tui::app::{Action, App};
use motcua::tui::render::render;

const DOSSIERS: u64 = 100_000;

fn now() -> LocalTime {
    NaiveDate::from_ymd_opt(2026, 12, 3)
        .and_then(|d| d.and_hms_opt(9, 15, 0))
        .expect("valid bench time")
}

struct Fixture {
    _dir: tempfile::TempDir,
    desk: LocalDesk,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let (catalogue, calendar) = {
        let desk = LocalDesk::open(&data).expect("create the data directory");
        (desk.procedures(), desk.calendar().clone())
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
    let desk = LocalDesk::open(&data).expect("reopen the desk");
    Fixture { _dir: dir, desk }
});

/// The app with one page of `tab` loaded at `offset` (header included).
fn loaded(tab: Tab, offset: usize, (w, h): (u16, u16)) -> App {
    let desk = &FIXTURE.desk;
    let mut app = App::new(now(), desk.procedures(), (w, h));
    let limit = app.page_rows();
    let page = desk
        .board(tab, now(), Page { offset, limit }, true)
        .expect("load a page");
    app.update(Action::BoardLoaded(Box::new(page)), now());
    app
}

/// One frame: drawing the board whose visible page is loaded (what every key press costs).
#[divan::bench(args = [(80, 24), (120, 35)])]
fn frame(bencher: divan::Bencher, size: (u16, u16)) {
    let app = loaded(Tab::Open, 50_000, size);
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("test backend");
    bencher.bench_local(|| {
        terminal
            .draw(|f| render(&app, f))
            .map(|_| ())
            .expect("draw")
    });
}

/// Scrolling to another page: the page's rows and its tab's count, then a frame.
#[divan::bench(args = [Tab::Open, Tab::All, Tab::Overdue])]
fn scroll_to_page(bencher: divan::Bencher, tab: Tab) {
    let desk = &FIXTURE.desk;
    let mut app = loaded(tab, 0, (120, 35));
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).expect("test backend");
    let rows = app.page_rows();
    bencher.bench_local(|| {
        let page = desk
            .board(
                tab,
                now(),
                Page {
                    offset: 40_000,
                    limit: rows,
                },
                false,
            )
            .expect("load a page");
        app.update(Action::BoardLoaded(Box::new(page)), now());
        terminal
            .draw(|f| render(&app, f))
            .map(|_| ())
            .expect("draw");
    });
}

/// The header refresh (every tab's count and today's counters), done at start, on a tab
/// switch, after an action and once a minute.
#[divan::bench]
fn header_refresh(bencher: divan::Bencher) {
    let desk = &FIXTURE.desk;
    bencher.bench_local(|| {
        desk.board(Tab::Open, now(), Page::first(29), true)
            .expect("load")
    });
}

fn main() {
    LazyLock::force(&FIXTURE);
    divan::main();
}
