//! The period statistics from the store's per-day tallies instead of the dossiers (a one-year
//! report at a million dossiers reads a few thousand counters); equal to
//! [`super::period_stats`] over the same ledger (tests compare them).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};

use super::{Counts, PeriodStats, ProcAcc, Sums, assemble};
use crate::calendar::LocalTime;
use crate::domain::tally;
use crate::report::ReportError;
use crate::report::letterhead::Letterhead;
use crate::report::register::check_range;

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
    let mut sums = Sums::default();
    // A tally written by older rules may be shorter: a missing counter reads 0.
    let at = |k: &[i64], i: usize| n(k.get(i).copied().unwrap_or(0));
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
                sums.letters.issued += at(k, proc::APOLOGY);
                sums.letters.issued_late += at(k, proc::APOLOGY_LATE);
                sums.letters.resolved_without_letter += at(k, proc::BREACH);
                let resolved = n(k[proc::EARLY] + k[proc::ON_TIME] + k[proc::LATE]);
                if resolved > 0 {
                    let p = procs.entry((code.clone(), name.clone())).or_default();
                    p.resolved += resolved;
                    p.units += k[proc::WORK];
                }
            }
            (tally::RATING, [rating]) => {
                let k = n(x.counts[0]);
                sums.rated += k;
                if Some(rating.as_str()) != unhappy {
                    sums.satisfied += k;
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
        sums.letters.open_without_letter += n(s[stage::NO_LETTER]);
    }
    Ok(assemble(
        from,
        to,
        cut,
        fields.into_iter(),
        procs.into_iter(),
        sums,
    ))
}
