//! The end-of-day summary (RULES.md §9) the clerk prints before leaving: received that day by
//! channel and by procedure, handed back that day (early / on time / late), results waiting for
//! collection, open dossiers within time / due soon / overdue, apologies issued that day and
//! owed but not issued, fees collected, and the same per operator.
//!
//! Judged at `as_of = min(end of the day, now)`; every count is a single pass over the
//! dossiers given, which should be those received that day, those with an event that day and
//! every dossier still open (a desk passes its open list plus the day's dossiers).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, LocalTime};
use crate::domain::facts::{Milestones, Stage, stage_at};
use crate::domain::tally::{self, Tally, operator, proc};
use crate::domain::{
    ApologyDuty, Channel, ClockFacts, Dossier, EventKind, Judge, Timeliness,
    judge_resolution as timeliness,
};

/// Handed-back counts by timeliness.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HandedBack {
    pub total: u64,
    pub early: u64,
    pub(crate) on_time: u64,
    pub(crate) late: u64,
}

/// One operator's day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub(crate) struct OperatorDay {
    pub(crate) operator: String,
    pub(crate) received: u64,
    pub(crate) handed_back: u64,
    pub(crate) fees_vnd: u64,
}

/// An apology letter issued that day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ApologyLine {
    pub(crate) code: String,
    pub(crate) applicant: String,
    /// "NN/PXL".
    pub(crate) number: String,
    #[schema(value_type = String)]
    pub(crate) new_due: LocalTime,
    /// Issued after its deadline (one working day before the legal due).
    pub(crate) late: bool,
}

/// An open dossier whose apology duty needs action (upcoming, breach, new appointment missed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OwedLine {
    pub code: String,
    pub applicant: String,
    #[schema(value_type = String)]
    pub due: LocalTime,
    pub duty: ApologyDuty,
}

/// The ledger's chain head when a report was made ("mã kiểm chứng sổ", issue 17 item 3): the
/// short hash and the events it covers, printed so the signed paper can later prove the
/// ledger's history unchanged (`motcua verify --head`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LedgerHead {
    pub(crate) short: String,
    pub(crate) events: u64,
}

impl LedgerHead {
    /// The line a report prints.
    pub(crate) fn line(&self) -> String {
        format!(
            "Mã kiểm chứng sổ: {} ({} sự kiện). Kiểm tra lại về sau bằng lệnh: motcua verify \
             --head {}",
            self.short, self.events, self.short
        )
    }
}

/// The day's figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DaySummary {
    pub(crate) date: NaiveDate,
    #[schema(value_type = String)]
    pub(crate) as_of: LocalTime,
    /// The ledger's head when the summary was made (the desk fills it in; a summary computed
    /// from dossiers alone has none).
    #[serde(default)]
    pub head: Option<LedgerHead>,
    pub received_total: u64,
    /// (channel word, count) for every channel, in the order direct, postal, online.
    pub(crate) received_by_channel: Vec<(String, u64)>,
    /// (procedure name, count), by name.
    pub(crate) received_by_procedure: Vec<(String, u64)>,
    pub handed_back: HandedBack,
    pub waiting_collection: u64,
    pub(crate) open_within: u64,
    /// Open, not overdue, due soon by the judge (also in `open_within`).
    pub(crate) open_due_soon: u64,
    pub open_overdue: u64,
    pub waiting_supplement: u64,
    pub apologies_issued: Vec<ApologyLine>,
    pub apologies_owed: Vec<OwedLine>,
    pub fees_vnd: u64,
    pub(crate) per_operator: Vec<OperatorDay>,
}

/// Computes the summary of `date` over `dossiers` in one pass; `window` is the desk's
/// due-soon setting in working minutes.
pub fn day_summary<'a>(
    dossiers: impl IntoIterator<Item = &'a Dossier>,
    date: NaiveDate,
    now: LocalTime,
    calendar: &Calendar,
    window: u32,
) -> DaySummary {
    let start = date.and_time(NaiveTime::MIN);
    let as_of = date.and_hms_opt(23, 59, 59).unwrap_or(start).min(now);
    let mut s = empty(date, as_of);
    let judge = Judge::new(calendar, as_of, window);
    let mut channels = [0u64; 3];
    let mut procedures: BTreeMap<&'a str, u64> = BTreeMap::new();
    let mut operators: BTreeMap<&'a str, OperatorDay> = BTreeMap::new();
    for d in dossiers {
        if d.received_at > as_of {
            continue;
        }
        if d.received_at >= start {
            s.received_total += 1;
            channels[channel_index(d.channel)] += 1;
            *procedures.entry(&d.procedure_name).or_default() += 1;
            operators.entry(&d.received_by).or_default().received += 1;
        }
        for e in d
            .effective_events()
            .filter(|e| e.at >= start && e.at <= as_of)
        {
            match &e.kind {
                EventKind::HandedBack { fee_vnd, .. } => {
                    s.fees_vnd = s.fees_vnd.saturating_add(*fee_vnd);
                    let op = operators.entry(&e.operator).or_default();
                    op.handed_back += 1;
                    op.fees_vnd = op.fees_vnd.saturating_add(*fee_vnd);
                }
                EventKind::ApologyIssued { .. } => {
                    s.apologies_issued.extend(apology_line(d, e.at, calendar))
                }
                _ => {}
            }
        }
        let m = Milestones::of(d);
        match stage_at(d, &m, as_of) {
            Stage::NotYet | Stage::EndedOther => {}
            Stage::HandedBack => {
                if let (Some(h), Some(r)) = (m.handed_back, m.resolved)
                    && h >= start
                {
                    count_handed_back(&mut s.handed_back, timeliness(r, d.due_at));
                }
            }
            Stage::WaitingCollection => s.waiting_collection += 1,
            Stage::WaitingSupplement => s.waiting_supplement += 1,
            Stage::Open => {
                if let Some(f) = ClockFacts::as_of(d, as_of, calendar)
                    && let Some(duty) = count_open(&mut s, &f, &judge)
                {
                    s.apologies_owed.push(OwedLine {
                        code: d.code.as_str().to_owned(),
                        applicant: d.applicant.name.clone(),
                        due: f.due,
                        duty,
                    });
                }
            }
        }
    }
    finish(s, channels, procedures, operators)
}

/// Orders and names the collected parts of a summary.
fn finish<'a>(
    mut s: DaySummary,
    channels: [u64; 3],
    procedures: BTreeMap<&'a str, u64>,
    operators: BTreeMap<&'a str, OperatorDay>,
) -> DaySummary {
    s.received_by_channel = [Channel::Direct, Channel::Postal, Channel::Online]
        .into_iter()
        .map(|c| (c.label().to_owned(), channels[channel_index(c)]))
        .collect();
    s.received_by_procedure = procedures
        .into_iter()
        .map(|(p, n)| (p.to_owned(), n))
        .collect();
    s.per_operator = operators
        .into_iter()
        .map(|(name, mut o)| {
            o.operator = name.to_owned();
            o
        })
        .collect();
    s.received_by_procedure
        .sort_by(|a, b| crate::text::collate(&a.0, &b.0));
    s.per_operator
        .sort_by(|a, b| crate::text::collate(&a.operator, &b.operator));
    s.apologies_issued.sort_by(|a, b| a.number.cmp(&b.number));
    s.apologies_owed.sort_by(|a, b| {
        let key = |o: &OwedLine| (o.duty.sort_key().unwrap_or(o.due), o.code.clone());
        key(a).cmp(&key(b))
    });
    s
}

fn channel_index(c: Channel) -> usize {
    match c {
        Channel::Direct => 0,
        Channel::Postal => 1,
        Channel::Online => 2,
    }
}

fn count_handed_back(h: &mut HandedBack, t: Timeliness) {
    h.total += 1;
    match t {
        Timeliness::Early => h.early += 1,
        Timeliness::OnTime => h.on_time += 1,
        _ => h.late += 1,
    }
}

fn empty(date: NaiveDate, as_of: LocalTime) -> DaySummary {
    DaySummary {
        date,
        as_of,
        head: None,
        received_total: 0,
        received_by_channel: Vec::new(),
        received_by_procedure: Vec::new(),
        handed_back: HandedBack::default(),
        waiting_collection: 0,
        open_within: 0,
        open_due_soon: 0,
        open_overdue: 0,
        waiting_supplement: 0,
        apologies_issued: Vec::new(),
        apologies_owed: Vec::new(),
        fees_vnd: 0,
        per_operator: Vec::new(),
    }
}

/// Counts an open dossier into the open figures as `judge` sees it; returns its apology duty
/// when that needs action (it then belongs on the owed list).
pub fn count_open(
    s: &mut impl OpenCounts,
    f: &ClockFacts,
    judge: &Judge<'_>,
) -> Option<ApologyDuty> {
    let j = judge.judge(f);
    match j.timeliness {
        Timeliness::Overdue => *s.overdue() += 1,
        t => {
            *s.within() += 1;
            *s.due_soon() += u64::from(t == Timeliness::DueSoon);
        }
    }
    j.duty.needs_action().then_some(j.duty)
}

/// Where the open figures are counted (a whole summary, or the desk's open figures).
pub trait OpenCounts {
    fn overdue(&mut self) -> &mut u64;
    fn within(&mut self) -> &mut u64;
    fn due_soon(&mut self) -> &mut u64;
}

impl OpenCounts for DaySummary {
    fn overdue(&mut self) -> &mut u64 {
        &mut self.open_overdue
    }
    fn within(&mut self) -> &mut u64 {
        &mut self.open_within
    }
    fn due_soon(&mut self) -> &mut u64 {
        &mut self.open_due_soon
    }
}

impl OpenCounts for OpenFigures {
    fn overdue(&mut self) -> &mut u64 {
        &mut self.open_overdue
    }
    fn within(&mut self) -> &mut u64 {
        &mut self.open_within
    }
    fn due_soon(&mut self) -> &mut u64 {
        &mut self.open_due_soon
    }
}

/// The line of the apology letter `d` got at `at`, marked late when it came after the deadline
/// (judged on the facts as they stood when it was issued).
pub(crate) fn apology_line(d: &Dossier, at: LocalTime, calendar: &Calendar) -> Option<ApologyLine> {
    let e = d
        .effective_events()
        .find(|e| e.at == at && matches!(e.kind, EventKind::ApologyIssued { .. }))?;
    let EventKind::ApologyIssued {
        number, new_due, ..
    } = &e.kind
    else {
        return None;
    };
    let late = crate::domain::tally::letter_late(d, at, calendar);
    Some(ApologyLine {
        code: d.code.as_str().to_owned(),
        applicant: d.applicant.name.clone(),
        number: format!("{number:02}/PXL"),
        new_due: *new_due,
        late,
    })
}

/// What the desk counts at `now` from its indexes for today's summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpenFigures {
    pub waiting_collection: u64,
    pub waiting_supplement: u64,
    pub open_within: u64,
    pub open_due_soon: u64,
    pub open_overdue: u64,
    pub apologies_owed: Vec<OwedLine>,
}

/// Today's summary (as of `now`) from the day's tallies (`tally::PROCEDURE`, `OPERATOR`,
/// `HANDED_BACK`), the dossiers named by its `tally::APOLOGY` tallies, and the open figures.
/// Equals [`day_summary`] over the dossiers.
pub fn day_from_tallies(
    now: LocalTime,
    tallies: &[Tally],
    apologised: &[Dossier],
    open: OpenFigures,
    calendar: &Calendar,
) -> DaySummary {
    let date = now.date();
    let start = date.and_time(NaiveTime::MIN);
    let as_of = date.and_hms_opt(23, 59, 59).unwrap_or(start).min(now);
    let mut s = empty(date, as_of);
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    let mut channels = [0u64; 3];
    let mut procedures: BTreeMap<&str, u64> = BTreeMap::new();
    let mut operators: BTreeMap<&str, OperatorDay> = BTreeMap::new();
    for t in tallies.iter().filter(|t| t.day == date) {
        let k = &t.counts;
        match (t.kind, t.names.as_slice()) {
            (tally::PROCEDURE, [_, _, name]) => {
                let got = [k[proc::DIRECT], k[proc::POSTAL], k[proc::ONLINE]].map(n);
                let sum: u64 = got.iter().sum();
                if sum > 0 {
                    for (c, g) in channels.iter_mut().zip(got) {
                        *c += g;
                    }
                    s.received_total += sum;
                    *procedures.entry(name.as_str()).or_default() += sum;
                }
            }
            (tally::OPERATOR, [name]) => {
                let o = operators.entry(name.as_str()).or_default();
                o.received += n(k[operator::RECEIVED]);
                o.handed_back += n(k[operator::HANDED_BACK]);
                o.fees_vnd = o.fees_vnd.saturating_add(n(k[operator::FEES]));
                s.fees_vnd = s.fees_vnd.saturating_add(n(k[operator::FEES]));
            }
            (tally::HANDED_BACK, []) => {
                s.handed_back.early += n(k[0]);
                s.handed_back.on_time += n(k[1]);
                s.handed_back.late += n(k[2]);
            }
            _ => {}
        }
    }
    let h = &mut s.handed_back;
    h.total = h.early + h.on_time + h.late;
    for d in apologised {
        for e in d
            .effective_events()
            .filter(|e| e.at >= start && e.at <= as_of)
        {
            if matches!(e.kind, EventKind::ApologyIssued { .. }) {
                s.apologies_issued.extend(apology_line(d, e.at, calendar));
            }
        }
    }
    s.waiting_collection = open.waiting_collection;
    s.waiting_supplement = open.waiting_supplement;
    s.open_within = open.open_within;
    s.open_due_soon = open.open_due_soon;
    s.open_overdue = open.open_overdue;
    s.apologies_owed = open.apologies_owed;
    finish(s, channels, procedures, operators)
}
