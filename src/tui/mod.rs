//! The terminal desk: app state, event loop, keymap, screens. Presents and dispatches only; all
//! work goes through `desk`.
//!
//! The flow (Elm-style, synchronous): terminal event → [`keymap`] → [`app::Action`] →
//! [`app::App::update`] → [`app::Effect`]s run by [`effects`] against the desk → their results
//! come back as actions → [`render::render`] draws `&App`. Each `terminal.draw` is wrapped in a
//! synchronized update so an observer only ever sees whole frames.
//!
//! Depends on the desk only through the [`Desk`] trait (a local ledger or a server's); the
//! daily backup of a local desk is the one exception. Must not be depended on by anything but
//! `cli`.

pub mod app;
pub mod board;
pub mod board_view;
pub mod card;
pub mod catalogue;
pub mod dossier;
pub mod dossier_view;
pub mod effects;
pub mod format;
pub mod input;
pub mod intake;
pub mod intake_view;
pub mod keymap;
pub mod live;
pub mod messages;
pub mod papers;
pub mod range;
pub mod render;
pub mod search;
pub mod setup;
pub mod validate;
pub mod verb_form_view;
pub mod verbs;

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use crate::calendar::LocalTime;
use crate::desk::{Desk, DeskError, LocalDesk};

use app::{Action, App};
use effects::Runner;

/// Everything the desk screen needs from the program that opens it.
pub(crate) struct Session<'a> {
    pub(crate) desk: &'a dyn Desk,
    /// Reads the clock (the machine's, offset by `--now` when given).
    pub(crate) clock: &'a dyn Fn() -> LocalTime,
    /// Who works at this desk (recorded on every event).
    pub(crate) operator: String,
    /// Where printouts are written.
    pub(crate) printouts: PathBuf,
    /// The ledger this process holds, when it keeps a daily backup (written after the board
    /// is on screen, proved on another thread).
    pub(crate) daily_backup: Option<&'a LocalDesk>,
    /// The account logged in (counter mode), shown in the title.
    pub(crate) who: Option<String>,
}

/// Why the desk screen stopped abnormally (the terminal failed).
#[derive(Debug, thiserror::Error)]
#[error("Lỗi màn hình: {0}")]
pub(crate) struct TuiError(#[from] io::Error);

/// The daily backup's proof still running when the clerk quits.
pub(crate) type Proof = std::thread::JoinHandle<Result<crate::store::backup::Summary, DeskError>>;

/// Runs the desk screen until the clerk quits; returns the daily backup's proof if it is still
/// running (the caller waits for it on the normal screen). The terminal is restored on every
/// exit path, panics included (`ratatui::init` installs the hook).
pub(crate) fn run(session: Session<'_>) -> Result<Option<Proof>, TuiError> {
    use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
    let mut terminal = ratatui::init();
    // A paste arrives whole (one `Event::Paste`), so a line break in it never presses Enter.
    let pasting = execute!(io::stdout(), EnableBracketedPaste).is_ok();
    let result = event_loop(&mut terminal, &session);
    if pasting {
        let _ = execute!(io::stdout(), DisableBracketedPaste);
    }
    ratatui::restore();
    Ok(result?)
}

/// The very first start of the desk, before its data directory exists: the agency's identity
/// form, written into `<data_dir>/config.toml` (the directory created 0700) so the ledger opens
/// with it; Esc skips it and the desk opens with the defaults. Only the desk screen calls this,
/// never a command, and only when the directory is not there yet.
pub(crate) fn first_run(data_dir: &std::path::Path, now: LocalTime) -> Result<(), TuiError> {
    let mut terminal = ratatui::init();
    let result = first_run_loop(&mut terminal, data_dir, now);
    ratatui::restore();
    Ok(result?)
}

fn first_run_loop(
    terminal: &mut DefaultTerminal,
    data_dir: &std::path::Path,
    now: LocalTime,
) -> io::Result<()> {
    let size = terminal.size()?;
    let mut app = App::new(now, Vec::new(), (size.width, size.height));
    app.screen = app::Screen::Setup(Box::new(setup::AgencyForm::first_run()));
    while matches!(app.screen, app::Screen::Setup(_)) && !app.quit {
        draw(terminal, &app)?;
        let action = match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                keymap::Key::from_event(&k).and_then(|key| app.on_key(key))
            }
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            Event::Paste(text) => Some(Action::Paste(input::paste_line(&text))),
            _ => None,
        };
        let mut pending: VecDeque<_> = action
            .map(|a| app.update(a, now))
            .unwrap_or_default()
            .into();
        // Only the form's own effect runs here: there is no desk yet (the board's load is
        // the desk's, once it opens).
        while let Some(effect) = pending.pop_front() {
            if let app::Effect::SaveAgency(s) = effect {
                let answer = effects::save_agency(data_dir, &s);
                pending.extend(app.update(answer, now));
            }
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

/// What the screens learn from a ledger this process holds (a counter's desk has neither): the
/// calendar the dossier view checks an apology's new appointment with, and — on the board's
/// status line from the start — a machine clock outside the settings' clock years, in the
/// store's own words (it refuses every save then).
pub fn attach_local(app: &mut App, desk: &LocalDesk, now: LocalTime) {
    app.calendar = Some(app::DeskCalendar(std::sync::Arc::new(
        desk.calendar().clone(),
    )));
    let (first, last) = desk.settings().desk.clock_years;
    let outside = crate::store::ClockWindow::new(first, last).is_some_and(|w| !w.contains(now));
    app.clock_warning = outside.then(|| {
        format!(
            "Đồng hồ của máy tính có vẻ sai: {} nằm ngoài các năm {first}–{last} mà sổ hồ sơ \
             chấp nhận: hồ sơ sẽ không lưu được. Hãy chỉnh lại ngày giờ của máy rồi mở lại.",
            now.format("%H:%M %d/%m/%Y")
        )
    });
}

/// Applies `action` and runs the effects it leads to, until none are left.
pub fn dispatch(app: &mut App, runner: &Runner<'_>, action: Action, now: LocalTime) {
    let mut pending: VecDeque<_> = app.update(action, now).into();
    while let Some(effect) = pending.pop_front() {
        let answer = effects::run(runner, effect, now);
        pending.extend(app.update(answer, now));
    }
}

const PROVING: &str = "Đang kiểm chứng bản sao lưu hằng ngày (bàn vẫn làm việc bình thường)…";

/// The first start of a day writes the daily backup after the board is on screen (the clerk
/// sees why keys wait), then proves it on another thread: the proof restores and verifies the
/// whole ledger, minutes at a million dossiers, and needs only the file.
fn start_daily_backup(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    desk: Option<&LocalDesk>,
    today: chrono::NaiveDate,
) -> io::Result<Option<Proof>> {
    let Some(desk) = desk.filter(|d| d.daily_backup_due(today)) else {
        return Ok(None);
    };
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

fn event_loop(terminal: &mut DefaultTerminal, s: &Session<'_>) -> io::Result<Option<Proof>> {
    let clock = s.clock;
    let runner = Runner {
        desk: s.desk,
        operator: &s.operator,
        printouts: &s.printouts,
        // A ledger held here (the one whose daily backup this process writes) has its
        // config.toml here; a counter's settings are the server's.
        data_dir: s.daily_backup.map(|d| d.data_dir.as_path()),
    };
    let size = terminal.size()?;
    let mut app = App::new(clock(), Vec::new(), (size.width, size.height));
    app.who = s.who.clone();
    app.operator = s.operator.clone();
    let mut live = live::Live::default();
    if let Ok(profile) = s.desk.profile() {
        app.placeholder_code = profile.placeholder_code;
    }
    if let Some(local) = s.daily_backup {
        attach_local(&mut app, local, clock());
    }
    match s.desk.catalogue() {
        Ok(catalogue) => app.catalogue = catalogue,
        Err(e) => app.fail(e.to_string()),
    }
    let resize = Action::Resize(size.width, size.height);
    dispatch(&mut app, &runner, resize, clock());
    draw(terminal, &app)?;
    let mut proof = start_daily_backup(terminal, &mut app, s.daily_backup, clock().date())?;
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
        let action = if event::poll(live::POLL)? {
            match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    keymap::Key::from_event(&k).and_then(|key| app.on_key(key))
                }
                Event::Resize(w, h) => Some(Action::Resize(w, h)),
                Event::Paste(text) => app
                    .accepts_paste()
                    .then(|| Action::Paste(input::paste_line(&text))),
                _ => None,
            }
        } else {
            let changed = live.poll(s.desk, &mut app);
            (changed || clock() != app.now).then_some(Action::Tick)
        };
        if let Some(action) = action {
            dispatch(&mut app, &runner, action, clock());
        }
    }
}
