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
//! So `received_total + carried_over = resolved_total + open_total + waiting_supplement +
//! ended_other` for every row, and received, resolved and ended-otherwise counts add up over
//! adjacent periods.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, LocalTime};
use crate::domain::{Channel, Dossier, EventKind};

use super::ReportError;
use super::letterhead::Letterhead;
use super::register::check_range;
use crate::domain::facts::{Milestones, Stage, stage_at};
use crate::domain::tally::{self, work_units};
use crate::domain::{ClockFacts, Timeliness, judge_resolution as timeliness};

/// One row of the statistics table (Biểu 06 columns 3–13 plus the two extra ones).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Received in the period: columns 4 + 5. (Column 3, "Tổng số" = 4 + 5 + 6, is
    /// [`Counts::intake_total`].)
    pub received_total: u64,
    /// Column 4.
    pub received_online: u64,
    /// Column 5.
    pub received_direct_postal: u64,
    /// Column 6.
    pub carried_over: u64,
    /// Column 7 = 8 + 9 + 10.
    pub resolved_total: u64,
    pub resolved_early: u64,
    pub resolved_on_time: u64,
    pub resolved_late: u64,
    /// Column 11 = 12 + 13.
    pub open_total: u64,
    pub open_within: u64,
    pub open_overdue: u64,
    /// Extra column: returned to the applicant for a supplement at the cut-off.
    pub waiting_supplement: u64,
    /// Extra column: refused or stopped in the period.
    pub ended_other: u64,
}

impl Counts {
    /// Biểu 06 column 3: everything the desk had to deal with in the period (4 + 5 + 6).
    pub fn intake_total(&self) -> u64 {
        self.received_total + self.carried_over
    }

    /// Every invariant of the table holds for this row.
    pub fn balanced(&self) -> bool {
        self.received_total == self.received_online + self.received_direct_postal
            && self.resolved_total
                == self.resolved_early + self.resolved_on_time + self.resolved_late
            && self.open_total == self.open_within + self.open_overdue
            && self.intake_total()
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

/// One field's row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldRow {
    pub field: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// Average resolution time of one procedure over the dossiers resolved in the period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcedureTime {
    pub code: String,
    pub name: String,
    pub resolved: u64,
    /// Mean working time from receipt to resolution, in working days (of the calendar's
    /// office hours on the day of resolution).
    pub average_working_days: f64,
}

/// The indicators of Decision 766/QĐ-TTg the period yields; `None` where nothing was counted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicators {
    /// (early + on time) / resolved, in percent.
    pub on_time_rate: Option<f64>,
    /// online / received, in percent.
    pub online_share: Option<f64>,
    /// Satisfied ratings / ratings given at hand-back in the period, in percent.
    pub satisfaction_rate: Option<f64>,
    pub per_procedure: Vec<ProcedureTime>,
}

/// The statistics of a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodStats {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The cut-off instant the open columns are judged at.
    pub as_of: LocalTime,
    pub fields: Vec<FieldRow>,
    pub total: Counts,
    pub indicators: Indicators,
}

/// Resolutions of one procedure (code, name) and their working time in `tally::WORK_UNITS`.
#[derive(Default)]
struct ProcAcc {
    resolved: u64,
    units: i64,
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
    let start = from.and_time(NaiveTime::MIN);
    let end = to.and_hms_opt(23, 59, 59).unwrap_or(start);
    let cut = end.min(now);
    let unhappy = l.satisfaction_scale.last().map(String::as_str);
    let mut fields: BTreeMap<&'a str, Counts> = BTreeMap::new();
    let mut procs: HashMap<(&'a str, &'a str), ProcAcc> = HashMap::new();
    let (mut rated, mut satisfied) = (0u64, 0u64);
    for d in dossiers {
        // Ratings count by the hand-back's instant, whenever the dossier was resolved.
        for e in &d.events {
            if let EventKind::HandedBack { rating, .. } = &e.kind
                && e.at >= start
                && e.at <= cut
                && !rating.is_empty()
            {
                rated += 1;
                if Some(rating.as_str()) != unhappy {
                    satisfied += 1;
                }
            }
        }
        if d.received_at > cut {
            continue;
        }
        let m = Milestones::of(d);
        if m.ended().is_some_and(|e| e < start) {
            continue;
        }
        let c = fields.entry(d.field.as_str()).or_default();
        if d.received_at >= start {
            c.received_total += 1;
            match d.channel {
                Channel::Online => c.received_online += 1,
                Channel::Direct | Channel::Postal => c.received_direct_postal += 1,
            }
        } else {
            c.carried_over += 1;
        }
        match (m.resolved, m.ended_other) {
            (Some(r), _) if r <= cut => {
                c.resolved_total += 1;
                match timeliness(r, d.due_at) {
                    Timeliness::Early => c.resolved_early += 1,
                    Timeliness::OnTime => c.resolved_on_time += 1,
                    _ => c.resolved_late += 1,
                }
                let p = procs
                    .entry((d.procedure.0.as_str(), d.procedure_name.as_str()))
                    .or_default();
                p.resolved += 1;
                p.units += work_units(calendar, d.received_at, r);
            }
            (_, Some(e)) if e <= cut => c.ended_other += 1,
            _ => match stage_at(d, &m, cut) {
                Stage::WaitingSupplement => c.waiting_supplement += 1,
                _ => {
                    c.open_total += 1;
                    if ClockFacts::as_of(d, cut, calendar).is_some_and(|f| f.overdue_at(cut)) {
                        c.open_overdue += 1;
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
    Ok(assemble(from, to, cut, fields, procs, rated, satisfied))
}

/// The table, the total and the indicators from per-field rows and per-procedure sums.
fn assemble(
    from: NaiveDate,
    to: NaiveDate,
    cut: LocalTime,
    fields: impl Iterator<Item = (String, Counts)>,
    procs: impl Iterator<Item = ((String, String), ProcAcc)>,
    rated: u64,
    satisfied: u64,
) -> PeriodStats {
    let mut total = Counts::default();
    let fields: Vec<FieldRow> = fields
        .filter(|(_, c)| c.intake_total() > 0)
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
    per_procedure.sort_by(|a, b| a.name.cmp(&b.name).then(a.code.cmp(&b.code)));
    let indicators = Indicators {
        on_time_rate: percent(
            total.resolved_early + total.resolved_on_time,
            total.resolved_total,
        ),
        online_share: percent(total.received_online, total.received_total),
        satisfaction_rate: percent(satisfied, rated),
        per_procedure,
    };
    PeriodStats {
        from,
        to,
        as_of: cut,
        fields,
        total,
        indicators,
    }
}

fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| round2(part as f64 * 100.0 / whole as f64))
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// What the store's tallies give for a period (see [`tally`]); the desk reads them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeriodTallies {
    /// [`tally::PROCEDURE`] and [`tally::RATING`] tallies of the days `from..=` the cut-off's
    /// day.
    pub days: Vec<tally::Tally>,
    /// [`tally::STAGE`] sums per field: where dossiers stood just before `from` 00:00.
    pub before: BTreeMap<String, [i64; tally::stage::LEN]>,
    /// [`tally::STAGE`] sums per field at the cut-off instant.
    pub at_cut: BTreeMap<String, [i64; tally::stage::LEN]>,
}

/// The same statistics as [`period_stats`], from tallies instead of dossiers.
pub fn period_from_tallies(
    from: NaiveDate,
    to: NaiveDate,
    now: LocalTime,
    t: &PeriodTallies,
    l: &Letterhead,
) -> Result<PeriodStats, ReportError> {
    use tally::{proc, stage};
    check_range(from, to)?;
    let start = from.and_time(NaiveTime::MIN);
    let cut = to.and_hms_opt(23, 59, 59).unwrap_or(start).min(now);
    let unhappy = l.satisfaction_scale.last().map(String::as_str);
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    let mut fields: BTreeMap<String, Counts> = BTreeMap::new();
    let mut procs: BTreeMap<(String, String), ProcAcc> = BTreeMap::new();
    let (mut rated, mut satisfied) = (0u64, 0u64);
    for x in &t.days {
        match (x.kind, x.names.as_slice()) {
            (tally::PROCEDURE, [field, code, name]) => {
                let k = &x.counts;
                let c = fields.entry(field.clone()).or_default();
                c.received_online += n(k[proc::ONLINE]);
                c.received_direct_postal += n(k[proc::DIRECT] + k[proc::POSTAL]);
                c.resolved_early += n(k[proc::EARLY]);
                c.resolved_on_time += n(k[proc::ON_TIME]);
                c.resolved_late += n(k[proc::LATE]);
                c.ended_other += n(k[proc::ENDED_OTHER]);
                let resolved = n(k[proc::EARLY] + k[proc::ON_TIME] + k[proc::LATE]);
                if resolved > 0 {
                    let p = procs.entry((code.clone(), name.clone())).or_default();
                    p.resolved += resolved;
                    p.units += k[proc::WORK];
                }
            }
            (tally::RATING, [rating]) => {
                let k = n(x.counts[0]);
                rated += k;
                if Some(rating.as_str()) != unhappy {
                    satisfied += k;
                }
            }
            _ => {}
        }
    }
    for (field, s) in &t.before {
        let c = fields.entry(field.clone()).or_default();
        c.carried_over += n(s[stage::WITHIN] + s[stage::OVERDUE] + s[stage::WAITING]);
    }
    for (field, s) in &t.at_cut {
        let c = fields.entry(field.clone()).or_default();
        c.open_within += n(s[stage::WITHIN]);
        c.open_overdue += n(s[stage::OVERDUE]);
        c.waiting_supplement += n(s[stage::WAITING]);
    }
    for c in fields.values_mut() {
        c.received_total = c.received_online + c.received_direct_postal;
        c.resolved_total = c.resolved_early + c.resolved_on_time + c.resolved_late;
        c.open_total = c.open_within + c.open_overdue;
    }
    Ok(assemble(
        from,
        to,
        cut,
        fields.into_iter(),
        procs.into_iter(),
        rated,
        satisfied,
    ))
}
