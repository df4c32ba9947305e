//! The terminal desk: app state, event loop, keymap, screens. Presents and dispatches only; all
//! work goes through `desk`.
//!
//! The flow (Elm-style, synchronous): terminal event → [`keymap`] → [`app::Action`] →
//! [`app::App::update`] → [`app::Effect`]s run by [`effects`] against the desk → their results
//! come back as actions → [`render::render`] draws `&App`. Each `terminal.draw` is wrapped in a
//! synchronized update so an observer only ever sees whole frames.
//!
//! Must not depend on the store directly; must not be depended on by anything but `cli`.

pub mod app;
pub mod board;
pub mod board_view;
pub mod catalogue;
pub mod dossier;
pub mod dossier_view;
pub mod effects;
pub mod explain;
pub mod format;
pub mod input;
pub mod intake;
pub mod intake_view;
pub mod keymap;
pub mod render;
pub mod search;
pub mod validate;
pub mod verbs;

use std::collections::VecDeque;
use std::io;
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use crate::calendar::LocalTime;
use crate::cli::{CmdResult, Context, Failure};
use crate::desk::Desk;

use app::{Action, App};

/// Opens the desk on `ctx.data_dir` and runs until the clerk quits. The terminal is restored on
/// every exit path, panics included (`ratatui::init` installs the hook).
pub fn run(ctx: &Context) -> CmdResult {
    let mut desk = Desk::open(&ctx.data_dir)?;
    // Shown on the normal screen, which the terminal gives back when the desk closes.
    if let Err(e) = desk.daily_backup(ctx.now.date()) {
        eprintln!("Cảnh báo: chưa sao lưu hằng ngày được. {e}");
    }
    let operator = ctx
        .operator
        .clone()
        .unwrap_or_else(|| desk.settings().desk.default_operator.clone());
    // `--now` sets the desk's clock; it then runs on in real time.
    let skew = ctx.now - crate::cli::system_now();
    let clock = move || crate::cli::system_now() + skew;
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, &mut desk, &clock, &operator);
    ratatui::restore();
    result.map_err(|e| Failure::environment(format!("Lỗi màn hình: {e}")))
}

fn draw(terminal: &mut DefaultTerminal, app: &App) -> io::Result<()> {
    execute!(io::stdout(), BeginSynchronizedUpdate)?;
    let drawn = terminal.draw(|f| render::render(app, f)).map(|_| ());
    execute!(io::stdout(), EndSynchronizedUpdate)?;
    drawn
}

/// Applies `action` and runs the effects it leads to, until none are left.
fn dispatch(app: &mut App, desk: &mut Desk, action: Action, now: LocalTime, operator: &str) {
    let mut pending: VecDeque<_> = app.update(action, now).into();
    while let Some(effect) = pending.pop_front() {
        let answer = effects::run(desk, effect, now, operator);
        pending.extend(app.update(answer, now));
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    desk: &mut Desk,
    clock: &dyn Fn() -> LocalTime,
    operator: &str,
) -> io::Result<()> {
    let size = terminal.size()?;
    let mut app = App::new(
        clock(),
        desk.catalogue().to_vec(),
        (size.width, size.height),
    );
    dispatch(
        &mut app,
        desk,
        Action::Resize(size.width, size.height),
        clock(),
        operator,
    );
    loop {
        draw(terminal, &app)?;
        if app.quit {
            return Ok(());
        }
        let action = if event::poll(Duration::from_secs(1))? {
            match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    keymap::Key::from_event(&k).and_then(|key| app.on_key(key))
                }
                Event::Resize(w, h) => Some(Action::Resize(w, h)),
                Event::Paste(text) => {
                    let now = clock();
                    for c in text.chars().filter(|c| !c.is_control()) {
                        dispatch(&mut app, desk, Action::Input(c), now, operator);
                    }
                    None
                }
                _ => None,
            }
        } else {
            (clock() != app.now).then_some(Action::Tick)
        };
        if let Some(action) = action {
            dispatch(&mut app, desk, action, clock(), operator);
        }
    }
}
