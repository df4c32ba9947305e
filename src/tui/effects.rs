//! The runner: performs an [`Effect`] against the [`Desk`] and answers with the [`Action`] that
//! carries its result (or its failure, as a message for the screen). The only TUI code that
//! calls the desk; every judgement (remaining time, timeliness, apology duty) comes from it.

use std::path::Path;

use crate::calendar::LocalTime;
use crate::desk::{Call, Desk, DeskError, Page};
use crate::report::{Document, sheets};

use super::app::{Action, Effect};
use super::papers::Paper;

/// What the runner needs besides the effect: the desk, who works at it, where papers go.
#[derive(Clone, Copy)]
pub struct Runner<'a> {
    pub desk: &'a dyn Desk,
    pub operator: &'a str,
    /// The folder printouts are written to (`<data-dir>/printouts`).
    pub printouts: &'a Path,
    /// The data directory whose `config.toml` the settings screen edits: a ledger this
    /// process holds; `None` at a counter, whose settings are the server's.
    pub data_dir: Option<&'a Path>,
}

/// Writes the agency's values into `<data_dir>/config.toml`: the first start's form (before
/// the desk opens) and the board's settings screen both answer with this.
pub fn save_agency(data_dir: &Path, setup: &crate::settings::AgencySetup) -> Action {
    match crate::settings::write_agency(data_dir, setup) {
        Ok(path) => Action::SetupSaved(format!("Đã ghi thông tin cơ quan vào {}.", path.display())),
        Err(e) => Action::SetupRefused(super::setup::refusal(&e)),
    }
}

/// The settings screen's answer at a desk that cannot edit them here.
const NOT_HERE: &str = "Máy trạm nối máy chủ: thông tin cơ quan sửa trong config.toml của máy chủ.";

/// The paper as a document, built by the desk at `now`.
fn document(r: &Runner<'_>, paper: &Paper, now: LocalTime) -> Result<Document, DeskError> {
    let desk = r.desk;
    Ok(match paper {
        Paper::Form(code, kind) => desk.document(*kind, code, now)?,
        Paper::Day(date) => {
            sheets::day_document(&desk.day_summary(*date, now)?, &desk.letterhead(now)?)
        }
        Paper::Period(from, to) => sheets::period_document(
            &desk.period_stats(*from, *to, now)?,
            &desk.letterhead(now)?,
            now,
        ),
        Paper::Register(from, to) => desk.register(*from, *to, now)?,
        Paper::Figures(from, to) => sheets::figures_document(
            &desk.clerk_figures(*from, *to, now)?,
            &desk.letterhead(now)?,
            now,
        ),
        Paper::CallList => {
            let waiting = desk.list(crate::desk::ListFilter::WaitingCollection, now, Page::ALL)?;
            let dossiers: Vec<_> = waiting.into_iter().map(|r| r.dossier).collect();
            sheets::call_list_document(
                &sheets::call_list(&dossiers, now),
                &desk.letterhead(now)?,
                now,
            )
        }
    })
}

/// The paper as text lines for the on-screen preview; a refusal (a paper this account may not
/// have, a rule) or a failure is shown where the preview would be, so the menu never waits on
/// "Đang soạn bản xem trước…" for an answer that came as an error.
fn preview(r: &Runner<'_>, paper: Paper, now: LocalTime) -> Result<Action, DeskError> {
    let lines = match document(r, &paper, now) {
        Ok(doc) => crate::print::text::to_lines(&doc),
        Err(e) => vec![format!("⚠ {e}")],
    };
    Ok(Action::Previewed(paper, lines))
}

/// Writes the paper as PDF into the printouts folder and sends it to the profile's printer
/// queue, if one is set; answers with where it went.
fn print(r: &Runner<'_>, paper: &Paper, now: LocalTime) -> Result<Action, DeskError> {
    let doc = document(r, paper, now)?;
    let printer = r.desk.profile()?.printer;
    let name = paper.file_stem();
    let done = crate::print::print_to_folder(&doc, &name, printer.as_deref(), r.printouts, now)
        .map_err(|e| DeskError::Rule(e.to_string()))?;
    Ok(match done.printer {
        Some(outcome) if outcome.is_sent() => Action::Printed(outcome.message(&done.path)),
        Some(outcome) => Action::Failed(outcome.message(&done.path)),
        None => Action::Printed(format!(
            "Đã lưu tệp in {} (chưa cài máy in trong cấu hình).",
            done.path.display()
        )),
    })
}

/// Performs `effect` at `now`.
pub(crate) fn run(r: &Runner<'_>, effect: Effect, now: LocalTime) -> Action {
    match perform(r, effect, now) {
        Ok(action) => action,
        Err(e) => Action::Failed(e.to_string()),
    }
}

fn perform(r: &Runner<'_>, effect: Effect, now: LocalTime) -> Result<Action, DeskError> {
    let desk = r.desk;
    Ok(match effect {
        Effect::LoadBoard {
            tab,
            offset,
            limit,
            header,
        } => {
            let page = desk.board(tab, now, Page { offset, limit }, header)?;
            Action::BoardLoaded(Box::new(page))
        }
        Effect::Open(code) => match desk.detail(&code, now)? {
            Some(d) => Action::Opened(Box::new(d)),
            None => Action::Failed(format!(
                "Không có hồ sơ mã \"{}\". Kiểm tra lại mã (gõ / để tìm).",
                code.as_str()
            )),
        },
        Effect::PreviewDue(code) => Action::DuePreview(desk.preview_due(&code, now)?),
        Effect::PreviewDueFrom(code, from) => Action::DuePreview(desk.preview_due(&code, from)?),
        Effect::Receive(intake) => {
            let d = desk.receive(*intake, &Call::new(now, r.operator))?;
            Action::Received(Box::new(d))
        }
        Effect::Act(code, seen, command) => {
            let call = Call::new(now, r.operator);
            let (acted, message) = match desk.act(&code, Some(seen), *command, &call) {
                Ok(d) => (d.code, None),
                // Another counter changed the dossier: show it as it is now, step not applied.
                Err(DeskError::Stale(message)) => (code, Some(message)),
                Err(e) => return Err(e),
            };
            match (desk.detail(&acted, now)?, message) {
                (Some(detail), None) => Action::Acted(Box::new(detail)),
                (Some(detail), Some(message)) => Action::Stale(Box::new(detail), message),
                (None, _) => {
                    Action::Failed(format!("Không đọc lại được hồ sơ {}.", acted.as_str()))
                }
            }
        }
        Effect::Print(paper) => print(r, &paper, now)?,
        Effect::LoadAgency => match r.data_dir {
            Some(dir) => {
                let s = crate::settings::Settings::load_or_create(dir)
                    .map_err(|e| DeskError::Environment(e.to_string()))?;
                Action::AgencyLoaded(Box::new(crate::settings::AgencySetup::of(&s.agency)))
            }
            None => Action::Failed(NOT_HERE.to_owned()),
        },
        Effect::SaveAgency(setup) => match r.data_dir {
            Some(dir) => match save_agency(dir, &setup) {
                // The open desk read its settings when it opened; like a hand edit, the new
                // values apply from the next start.
                Action::SetupSaved(msg) => Action::SetupSaved(format!(
                    "{msg} Thoát (q) và mở lại chương trình để dùng giá trị mới."
                )),
                other => other,
            },
            None => Action::Failed(NOT_HERE.to_owned()),
        },
        Effect::Preview(paper) => preview(r, paper, now)?,
        Effect::Search(query) => {
            let rows = desk.search(&query, super::search::LIMIT, now)?;
            Action::SearchResults { query, rows }
        }
    })
}
