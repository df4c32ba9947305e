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
    let proof = result.map_err(|e| Failure::environment(format!("Lỗi màn hình: {e}")))?;
    if let Some(proof) = proof {
        // Shown on the normal screen, which the terminal gave back.
        eprintln!("Đang chờ kiểm chứng bản sao lưu hằng ngày…");
        match proof.join() {
            Ok(Ok(_)) => eprintln!("Đã sao lưu dữ liệu hằng ngày và kiểm chứng bản sao."),
            Ok(Err(e)) => eprintln!("Cảnh báo: chưa sao lưu hằng ngày được. {e}"),
            Err(_) => eprintln!("Cảnh báo: chưa sao lưu hằng ngày được (lỗi khi kiểm chứng)."),
        }
    }
    Ok(())
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

const PROVING: &str = "Đang kiểm chứng bản sao lưu hằng ngày (bàn vẫn làm việc bình thường)…";

type Proof = std::thread::JoinHandle<Result<crate::store::backup::Summary, crate::desk::DeskError>>;

/// The first start of a day writes the daily backup after the board is on screen (the clerk
/// sees why keys wait), then proves it on another thread: the proof restores and verifies the
/// whole ledger, minutes at a million dossiers, and needs only the file.
fn start_daily_backup(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    desk: &Desk,
    today: chrono::NaiveDate,
) -> io::Result<Option<Proof>> {
    if !desk.settings().backup.daily
        || crate::store::snapshot::daily_path(&desk.data_dir, today).exists()
    {
        return Ok(None);
    }
    app.busy("Đang sao lưu dữ liệu hằng ngày…".into());
    draw(terminal, app)?;
    Ok(match desk.daily_backup(today) {
        Ok(Some(proof)) => {
            app.info(
                "Đang kiểm chứng bản sao lưu hằng ngày (bàn vẫn làm việc bình thường)…".into(),
            );
            Some(std::thread::spawn(move || proof.run()))
        }
        Ok(None) => None,
        Err(e) => {
            app.fail(format!("Chưa sao lưu hằng ngày được: {e}"));
            None
        }
    })
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    desk: &mut Desk,
    clock: &dyn Fn() -> LocalTime,
    operator: &str,
) -> io::Result<Option<Proof>> {
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
    draw(terminal, &app)?;
    let mut proof = start_daily_backup(terminal, &mut app, desk, clock().date())?;
    loop {
        if let Some(done) = proof.take_if(|p| p.is_finished()) {
            match done.join() {
                // Success replaces only our own notice, never the answer to the clerk's action.
                Ok(Ok(_)) if app.message.as_ref().is_none_or(|(_, m)| m == PROVING) => {
                    app.info("Đã sao lưu dữ liệu hằng ngày và kiểm chứng bản sao.".into())
                }
                Ok(Ok(_)) => {}
                Ok(Err(e)) => app.fail(format!("Chưa sao lưu hằng ngày được: {e}")),
                Err(_) => app.fail("Chưa sao lưu hằng ngày được: lỗi khi kiểm chứng.".into()),
            }
        }
        draw(terminal, &app)?;
        if app.quit {
            return Ok(proof);
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
