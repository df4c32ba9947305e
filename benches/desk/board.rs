//! The board as the clerk sees it, on the bench's store: the first frame after a cold start
//! (a fresh process opens the desk, loads the default tab with every tab count and today's
//! counters, and draws 120×35), and one frame while working (the visible page of a tab loaded
//! through the desk, then drawn). motcua only: SQLite has no board.

use std::path::Path;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use motcua::calendar::LocalTime;
use motcua::desk::{Desk, ListFilter as Tab, Page};
use motcua::tui::app::{Action, App};
use motcua::tui::render::render;

use crate::desk_side::Motcua;
use crate::measure::{self, repeat};
use crate::{Table, ms, now};

const SIZE: (u16, u16) = (120, 35);

/// Loads the visible page of `tab` (with the header when `header`) and draws it.
fn frame(m: &Motcua, tab: Tab, header: bool, at: LocalTime) -> usize {
    let desk = &m.desk;
    let mut app = App::new(at, Vec::new(), SIZE);
    let page = desk
        .board(tab, at, Page::first(app.page_rows()), header)
        .expect("board loads");
    let rows = page.rows.len();
    app.update(Action::BoardLoaded(Box::new(page)), at);
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("test backend");
    terminal.draw(|f| render(&app, f)).expect("draws");
    rows
}

/// The child side: open the desk in this fresh process and draw the first board frame.
pub fn first_frame_child(dir: &Path) {
    let t = Instant::now();
    let m = Motcua::open(dir).expect("the desk opens");
    std::hint::black_box(frame(&m, Tab::Open, true, now()));
    println!("us={}", t.elapsed().as_micros());
}

/// The first frame after a cold start, in fresh child processes: the store at `dir` must be
/// closed (the desk holds an exclusive lock).
pub fn first_frame(dir: &Path, table: &mut Table) {
    let mut times = Vec::new();
    for _ in 0..3 {
        let kv = measure::child("first-frame", dir);
        times.push(Duration::from_micros(measure::get(&kv, "us")));
    }
    times.sort();
    let first = times[1];
    eprintln!("  first board frame after a cold start: {}", ms(first));
    table.other(
        "first board frame after a cold start (median of 3)",
        ms(first),
        "—".to_owned(),
        None,
        "≤ 0.5 s",
    );
}

/// Board frames while working, on the open desk.
pub fn run(m: &Motcua, table: &mut Table) {
    let budget = Duration::from_secs(2);
    for (tab, what) in [
        (Tab::Open, "board frame: open tab page loaded and drawn"),
        (
            Tab::Overdue,
            "board frame: overdue tab page loaded and drawn",
        ),
    ] {
        let s = repeat(budget, 200, || frame(m, tab, false, now()));
        table.other(
            &format!("{what} (median)"),
            ms(s.median()),
            "—".to_owned(),
            None,
            "≤ 5 ms",
        );
    }
    let s = repeat(budget, 100, || frame(m, Tab::Open, true, now()));
    table.other(
        "board header refresh: every tab count and today's counters, plus a frame (median)",
        ms(s.median()),
        "—".to_owned(),
        None,
        "",
    );
}
