//! The runner: performs an [`Effect`] against the [`Desk`] and answers with the [`Action`] that
//! carries its result (or its failure, as a message for the screen). The only TUI code that
//! calls the desk; it also turns dossiers into rows (remaining working time, timeliness).

use crate::calendar::{Calendar, LocalTime};
use crate::desk::{DayCounters, Desk, DeskError};
use crate::domain::{
    Dossier, DossierCode, FeeRule, Timeliness, apology_duty, clock_events, suggest_new_due,
    timeliness,
};

use super::app::{Action, Appointment, BoardPage, Detail, Effect, Printout, Row, Tone};
use super::board::Tab;
use super::verbs::{self, Defaults};

/// Working minutes of one working day, from the first working day on or after `now` (a
/// weekend `now` still gets a sensible day length).
pub fn day_minutes(cal: &Calendar, now: LocalTime) -> i64 {
    (0..14)
        .filter_map(|d| now.date().checked_add_days(chrono::Days::new(d)))
        .map(|date| i64::from(cal.working_minutes_of_day(date)))
        .find(|m| *m > 0)
        .unwrap_or(450)
}

/// A dossier as a row: its remaining time counted in working minutes from `now`, its tone from
/// the domain's timeliness (due-soon window: `window` working minutes), its apology duty.
pub fn row(cal: &Calendar, d: Dossier, now: LocalTime, day: i64, window: u32) -> Row {
    let tone = match timeliness(&d, now, cal, window) {
        Timeliness::Overdue => Tone::Overdue,
        Timeliness::DueSoon => Tone::DueSoon,
        Timeliness::Within | Timeliness::WaitingSupplement => Tone::Normal,
        Timeliness::Early | Timeliness::OnTime | Timeliness::Late => Tone::Closed,
    };
    Row {
        left_minutes: cal.working_minutes_between(now, d.due_at),
        day_minutes: day,
        tone,
        duty: apology_duty(&d, now, cal),
        dossier: d,
    }
}

/// The due-soon window of the settings, in working minutes.
fn window(desk: &Desk) -> u32 {
    desk.settings().desk.due_soon_minutes
}

/// Writes the printout as PDF under `<data-dir>/printouts` and sends it to the settings'
/// printer queue, if one is set; answers with where it went.
fn print(
    desk: &Desk,
    code: &DossierCode,
    what: Printout,
    now: LocalTime,
) -> Result<Action, DeskError> {
    let d = desk
        .get(code)?
        .ok_or_else(|| DeskError::Rule(format!("Không có hồ sơ mã \"{}\".", code.as_str())))?;
    let l = desk.settings().letterhead();
    let rule = |e: &dyn std::fmt::Display| DeskError::Rule(e.to_string());
    let (path, printer) = match what {
        Printout::Receipt => {
            let done =
                crate::print::print_receipt(&d, &l, &desk.data_dir, now).map_err(|e| rule(&e))?;
            (done.path, done.printer)
        }
        Printout::Apology => {
            let doc = crate::report::forms::apology_letter(&d, &l).map_err(|e| rule(&e))?;
            let name = format!(
                "{}-van-ban-xin-loi-{}.pdf",
                crate::print::safe_file_name(d.code.as_str()),
                now.format("%Y%m%d-%H%M")
            );
            let path = desk.data_dir.join("printouts").join(name);
            let printer = crate::print::print_document(&doc, &path, l.printer.as_deref())
                .map_err(|e| rule(&e))?;
            (path, printer)
        }
    };
    Ok(match printer {
        Some(outcome) if outcome.is_sent() => Action::Printed(outcome.message(&path)),
        Some(outcome) => Action::Failed(outcome.message(&path)),
        None => Action::Printed(format!(
            "Đã lưu tệp in {} (chưa cài máy in trong cấu hình).",
            path.display()
        )),
    })
}

/// Performs `effect` at `now` as `operator`.
pub fn run(desk: &mut Desk, effect: Effect, now: LocalTime, operator: &str) -> Action {
    match perform(desk, effect, now, operator) {
        Ok(action) => action,
        Err(e) => Action::Failed(e.to_string()),
    }
}

fn perform(
    desk: &mut Desk,
    effect: Effect,
    now: LocalTime,
    operator: &str,
) -> Result<Action, DeskError> {
    Ok(match effect {
        Effect::LoadBoard {
            tab,
            offset,
            limit,
            header,
        } => Action::BoardLoaded(Box::new(load_board(desk, tab, offset, limit, header, now)?)),
        Effect::Open(code) => match desk.get(&code)? {
            Some(d) => Action::Opened(Box::new(detail(desk, d, now))),
            None => Action::Failed(format!(
                "Không có hồ sơ mã \"{}\". Kiểm tra lại mã (gõ / để tìm).",
                code.as_str()
            )),
        },
        Effect::PreviewDue(code) => Action::DuePreview(
            desk.preview_due(&code, now)
                .as_ref()
                .map(Appointment::from_due),
        ),
        Effect::Receive(intake) => {
            Action::Received(Box::new(desk.receive(*intake, now, operator)?))
        }
        Effect::Act(code, command) => {
            let d = desk.act(&code, *command, now, operator)?;
            Action::Acted(Box::new(detail(desk, d, now)))
        }
        Effect::Print(code, what) => print(desk, &code, what, now)?,
        Effect::Search(query) => {
            let cal = desk.calendar();
            let day = day_minutes(cal, now);
            let rows = desk
                .search(&query, super::search::LIMIT)?
                .into_iter()
                .map(|d| row(cal, d, now, day, window(desk)))
                .collect();
            Action::SearchResults { query, rows }
        }
    })
}

/// One page of the board with the header's counts.
pub fn load_board(
    desk: &Desk,
    tab: Tab,
    offset: usize,
    limit: usize,
    header: bool,
    now: LocalTime,
) -> Result<BoardPage, DeskError> {
    let mut counts = [0; 7];
    let this = Tab::ALL.iter().position(|t| *t == tab).unwrap_or(0);
    for (i, (n, t)) in counts.iter_mut().zip(Tab::ALL).enumerate() {
        if header || i == this {
            *n = desk.count(t.filter(), now)?;
        }
    }
    let cal = desk.calendar();
    let day = day_minutes(cal, now);
    let rows = desk
        .list(tab.filter(), now, offset, limit)?
        .into_iter()
        .map(|d| row(cal, d, now, day, window(desk)))
        .collect();
    let total = counts[this];
    Ok(BoardPage {
        tab,
        offset,
        rows,
        total,
        counts,
        counters: if header {
            desk.counters(now)?
        } else {
            DayCounters::default()
        },
        header,
    })
}

/// Everything the dossier view shows about `d` at `now`.
pub fn detail(desk: &Desk, d: Dossier, now: LocalTime) -> Detail {
    let cal = desk.calendar();
    let procedure = desk.procedure(&d.procedure);
    let defaults = Defaults {
        unit: procedure.map(|p| p.unit.clone()).unwrap_or_default(),
        fee_vnd: match procedure.map(|p| &p.fee) {
            Some(FeeRule::Fixed(a)) => *a,
            _ => 0,
        },
        signer: desk.settings().agency.head.clone(),
        ratings: desk.settings().desk.satisfaction_scale.clone(),
        new_due: Some(suggest_new_due(&d, now, cal)),
    };
    let due = Some(Appointment::from_due(&cal.due(
        d.received_at,
        d.time_limit,
        &clock_events(&d),
    )));
    let verbs = verbs::available(&d);
    let day = day_minutes(cal, now);
    Detail {
        row: row(cal, d, now, day, window(desk)),
        due,
        verbs,
        defaults,
    }
}
