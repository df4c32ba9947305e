//! Period statistics in the layout of Biểu số 06/VPCP/KSTT (RULES.md §9), per field and in
//! total, with the two extra columns (waiting for a supplement; withdrawn, stopped or refused)
//! that make the books balance, and the indicators the commune is judged by.
//!
//! Readings, for a period from `from` 00:00 to the end of `to` (both dates inclusive), judged at
//! the cut-off instant `min(end of to, now)`:
//! - received: received in the period (online, or direct/postal); carried over: received
//!   before the period and neither resolved nor ended before it started;
//! - resolved: resolved in the period, split early / on time / late against the legal due;
//! - ended otherwise: refused or stopped in the period;
//! - open at the cut-off: waiting for a supplement, or within time / overdue by the legal due
//!   as it stood then.
//!
//! So column (3) `received_total` (received in the period plus carried over) equals
//! `resolved_total + open_total + waiting_supplement + ended_other` for every row, and the
//! received-in-period, resolved and ended-otherwise counts add up over adjacent periods. Each
//! field of [`Counts`] is one printed column of the same number and meaning, and its JSON key
//! (README: "Biểu 06 as JSON").
//!
//! The average resolution time counts working time from receipt to resolution without the
//! time the applicant spent supplementing ([`tally::resolution_units`]). The notes under the
//! table ([`LetterNotes`]) count apology letters issued in the period (and those issued after
//! their deadline) and the breaches: dossiers resolved in the period after their due with no
//! letter, and dossiers open and overdue at the cut-off with no letter.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, LocalTime};
use crate::domain::{Channel, Dossier, EventKind};

use super::ReportError;
use super::letterhead::Letterhead;
use super::register::check_range;
use crate::domain::facts::{Milestones, Stage, stage_at};
use crate::domain::tally;
use crate::domain::{ClockFacts, Timeliness, judge_resolution as timeliness};

/// One row of the statistics table: each field is the printed column of its number (Biểu 06
/// columns 3–13 and the two extra columns 14–15) and its JSON key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Counts {
    /// (3) "Số hồ sơ nhận giải quyết – Tổng số" = (4) + (5) + (6): received in the period and
    /// carried over.
    pub received_total: u64,
    /// (4) received online in the period.
    pub received_online: u64,
    /// (5) received directly or by post in the period.
    pub received_direct_postal: u64,
    /// (6) "Từ kỳ trước": received before the period, still open at its start.
    pub carried_over: u64,
    /// (7) resolved in the period = (8) + (9) + (10).
    pub resolved_total: u64,
    /// (8) early.
    pub resolved_early: u64,
    /// (9) on time.
    pub resolved_on_time: u64,
    /// (10) late.
    pub resolved_late: u64,
    /// (11) open at the cut-off = (12) + (13).
    pub open_total: u64,
    /// (12) open, within time.
    pub open_within: u64,
    /// (13) open, overdue.
    pub open_overdue: u64,
    /// (14), extra: returned to the applicant for a supplement at the cut-off.
    pub waiting_supplement: u64,
    /// (15), extra: withdrawn, stopped or refused in the period.
    pub ended_other: u64,
}

impl Counts {
    /// Received in the period: (4) + (5).
    pub fn received_in_period(&self) -> u64 {
        self.received_online + self.received_direct_postal
    }

    /// Sets the total columns (3), (7), (11) from their parts.
    fn close(&mut self) {
        self.received_total = self.received_in_period() + self.carried_over;
        self.resolved_total = self.resolved_early + self.resolved_on_time + self.resolved_late;
        self.open_total = self.open_within + self.open_overdue;
    }

    /// Every invariant of the table holds for this row.
    pub fn balanced(&self) -> bool {
        self.received_total == self.received_in_period() + self.carried_over
            && self.resolved_total
                == self.resolved_early + self.resolved_on_time + self.resolved_late
            && self.open_total == self.open_within + self.open_overdue
            && self.received_total
                == self.resolved_total
                    + self.open_total
                    + self.waiting_supplement
                    + self.ended_other
    }

    fn add(&mut self, o: &Counts) {
        self.received_total += o.received_total;
        self.received_online += o.received_online;
        self.received_direct_postal += o.received_direct_postal;
        self.carried_over += o.carried_over;
        self.resolved_total += o.resolved_total;
        self.resolved_early += o.resolved_early;
        self.resolved_on_time += o.resolved_on_time;
        self.resolved_late += o.resolved_late;
        self.open_total += o.open_total;
        self.open_within += o.open_within;
        self.open_overdue += o.open_overdue;
        self.waiting_supplement += o.waiting_supplement;
        self.ended_other += o.ended_other;
    }
}

/// The apology letters and breaches of the period, printed in the notes under Biểu 06.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub(crate) struct LetterNotes {
    /// Apology letters issued in the period.
    pub(crate) issued: u64,
    /// Of those, issued after their deadline (one working day before the legal due).
    pub(crate) issued_late: u64,
    /// Dossiers resolved in the period after their legal due with no letter before.
    pub(crate) resolved_without_letter: u64,
    /// Dossiers open and overdue at the cut-off with no letter.
    pub(crate) open_without_letter: u64,
}

/// One field's row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FieldRow {
    pub field: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// Average resolution time of one procedure over the dossiers resolved in the period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub(crate) struct ProcedureTime {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) resolved: u64,
    /// Mean working time from receipt to resolution, in working days (of the calendar's
    /// office hours on the day of resolution).
    pub(crate) average_working_days: f64,
}

/// The indicators of Decision 766/QĐ-TTg the period yields; `None` where nothing was counted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub(crate) struct Indicators {
    /// (early + on time) / resolved, in percent.
    pub(crate) on_time_rate: Option<f64>,
    /// online / received, in percent.
    pub(crate) online_share: Option<f64>,
    /// Satisfied ratings / ratings given at hand-back in the period, in percent.
    pub(crate) satisfaction_rate: Option<f64>,
    pub(crate) per_procedure: Vec<ProcedureTime>,
}

/// The statistics of a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PeriodStats {
    pub(crate) from: NaiveDate,
    pub(crate) to: NaiveDate,
    /// The ledger's head when the statistics were made (filled in by the desk).
    #[serde(default)]
    pub head: Option<super::day::LedgerHead>,
    /// The cut-off instant the open columns are judged at.
    #[schema(value_type = String)]
    pub(crate) as_of: LocalTime,
    pub fields: Vec<FieldRow>,
    pub total: Counts,
    pub(crate) indicators: Indicators,
    pub(crate) letters: LetterNotes,
}

/// Resolutions of one procedure (code, name) and their working time in `tally::WORK_UNITS`.
#[derive(Default)]
struct ProcAcc {
    resolved: u64,
    units: i64,
}

/// The ratings given at hand-backs within `start..=cut` (they count by the hand-back's instant,
/// whenever the dossier was resolved) and how many of them are not the scale's last, unhappy
/// word.
fn ratings(d: &Dossier, start: LocalTime, cut: LocalTime, unhappy: Option<&str>) -> (u64, u64) {
    let mut given = 0;
    let mut satisfied = 0;
    for e in d.effective_events() {
        if let EventKind::HandedBack { rating, .. } = &e.kind
            && e.at >= start
            && e.at <= cut
            && !rating.is_empty()
        {
            given += 1;
            satisfied += u64::from(Some(rating.as_str()) != unhappy);
        }
    }
    (given, satisfied)
}

/// The instants of the apology letters of `d` issued within `start..=cut` (the readings of
/// the notes under Biểu 06, and of the clerk's figures).
pub(crate) fn letters_in(d: &Dossier, start: LocalTime, cut: LocalTime) -> Vec<LocalTime> {
    d.effective_events()
        .filter(|e| e.at >= start && e.at <= cut)
        .filter(|e| matches!(e.kind, EventKind::ApologyIssued { .. }))
        .map(|e| e.at)
        .collect()
}

/// How a dossier resolved at `r` counts: the judge's word against the legal due (early, on
/// time or late), for Biểu 06 and the clerk's figures alike.
pub(crate) fn resolution(d: &Dossier, r: LocalTime) -> Timeliness {
    timeliness(r, d.due_at)
}

/// The period's first instant and its cut-off (the end of `to`, or `now` if earlier).
pub(crate) fn window(from: NaiveDate, to: NaiveDate, now: LocalTime) -> (LocalTime, LocalTime) {
    let start = from.and_time(NaiveTime::MIN);
    let end = to.and_hms_opt(23, 59, 59).unwrap_or(start);
    (start, end.min(now))
}

/// Computes the statistics of `from..=to` over `dossiers` in one pass. Pass every dossier that
/// may matter (anything received up to `to` and not ended before `from`); others are skipped.
pub fn period_stats<'a>(
    dossiers: impl IntoIterator<Item = &'a Dossier>,
    from: NaiveDate,
    to: NaiveDate,
    now: LocalTime,
    calendar: &Calendar,
    l: &Letterhead,
) -> Result<PeriodStats, ReportError> {
    check_range(from, to)?;
    let (start, cut) = window(from, to, now);
    let unhappy = l.satisfaction_scale.last().map(String::as_str);
    let mut fields: BTreeMap<&'a str, Counts> = BTreeMap::new();
    let mut procs: HashMap<(&'a str, &'a str), ProcAcc> = HashMap::new();
    let (mut rated, mut satisfied) = (0u64, 0u64);
    let mut letters = LetterNotes::default();
    for d in dossiers {
        let (r, s) = ratings(d, start, cut, unhappy);
        (rated, satisfied) = (rated + r, satisfied + s);
        if d.received_at > cut {
            continue;
        }
        let m = Milestones::of(d);
        if m.ended().is_some_and(|e| e < start) {
            continue;
        }
        for at in letters_in(d, start, cut) {
            letters.issued += 1;
            letters.issued_late += u64::from(tally::letter_late(d, at, calendar));
        }
        let c = fields.entry(d.field.as_str()).or_default();
        if d.received_at >= start {
            match d.channel {
                Channel::Online => c.received_online += 1,
                Channel::Direct | Channel::Postal => c.received_direct_postal += 1,
            }
        } else {
            c.carried_over += 1;
        }
        match (m.resolved, m.ended_other) {
            (Some(r), _) if r <= cut => {
                letters.resolved_without_letter += u64::from(tally::breach_at_resolution(d, r));
                match resolution(d, r) {
                    Timeliness::Early => c.resolved_early += 1,
                    Timeliness::OnTime => c.resolved_on_time += 1,
                    _ => c.resolved_late += 1,
                }
                let p = procs
                    .entry((d.procedure.0.as_str(), d.procedure_name.as_str()))
                    .or_default();
                p.resolved += 1;
                p.units += tally::resolution_units(calendar, d, r);
            }
            (_, Some(e)) if e <= cut => c.ended_other += 1,
            _ => match stage_at(d, &m, cut) {
                Stage::WaitingSupplement => c.waiting_supplement += 1,
                _ => {
                    if ClockFacts::as_of(d, cut, calendar).is_some_and(|f| f.overdue_at(cut)) {
                        c.open_overdue += 1;
                        let letter = d.effective_events().any(|e| {
                            e.at <= cut && matches!(e.kind, EventKind::ApologyIssued { .. })
                        });
                        letters.open_without_letter += u64::from(!letter);
                    } else {
                        c.open_within += 1;
                    }
                }
            },
        }
    }
    let fields = fields.into_iter().map(|(f, c)| (f.to_owned(), c));
    let procs = procs
        .into_iter()
        .map(|((code, name), p)| ((code.to_owned(), name.to_owned()), p));
    let sums = Sums {
        rated,
        satisfied,
        letters,
    };
    Ok(assemble(from, to, cut, fields, procs, sums))
}

/// The period's sums besides the table: ratings and apology notes.
#[derive(Default)]
struct Sums {
    rated: u64,
    satisfied: u64,
    letters: LetterNotes,
}

/// The table, the total and the indicators from per-field rows (their total columns set here)
/// and per-procedure sums.
fn assemble(
    from: NaiveDate,
    to: NaiveDate,
    cut: LocalTime,
    fields: impl Iterator<Item = (String, Counts)>,
    procs: impl Iterator<Item = ((String, String), ProcAcc)>,
    sums: Sums,
) -> PeriodStats {
    let mut total = Counts::default();
    let mut fields: Vec<FieldRow> = fields
        .map(|(field, mut counts)| {
            counts.close();
            (field, counts)
        })
        .filter(|(_, c)| c.received_total > 0)
        .map(|(field, counts)| {
            total.add(&counts);
            FieldRow { field, counts }
        })
        .collect();
    let mut per_procedure: Vec<ProcedureTime> = procs
        .filter(|(_, p)| p.resolved > 0)
        .map(|((code, name), p)| ProcedureTime {
            code,
            name,
            resolved: p.resolved,
            average_working_days: round2(
                p.units as f64 / tally::WORK_UNITS as f64 / p.resolved as f64,
            ),
        })
        .collect();
    fields.sort_by(|a, b| crate::text::collate(&a.field, &b.field));
    per_procedure
        .sort_by(|a, b| crate::text::collate(&a.name, &b.name).then_with(|| a.code.cmp(&b.code)));
    let indicators = Indicators {
        on_time_rate: percent(
            total.resolved_early + total.resolved_on_time,
            total.resolved_total,
        ),
        online_share: percent(total.received_online, total.received_in_period()),
        satisfaction_rate: percent(sums.satisfied, sums.rated),
        per_procedure,
    };
    PeriodStats {
        from,
        to,
        head: None,
        as_of: cut,
        fields,
        total,
        indicators,
        letters: sums.letters,
    }
}

fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| round2(part as f64 * 100.0 / whole as f64))
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

mod figures;
mod tallies;

pub use figures::{ClerkFigures, GroupCounts, GroupRow, NOT_TRANSFERRED, clerk_figures};
pub use tallies::{PeriodTallies, period_from_tallies};
