//! The SQLite peer's reports, as an engineer choosing SQLite would write them: the same per-day
//! counters motcua keeps (`domain::tally::contributions`, one row per kind, day and names) in a
//! `tallies` table updated in the same transaction as each row, summed with `GROUP BY` at
//! report time; today's open figures judged from the `(status, due, facts)` covering index.
//! Same inputs, same pure report functions as the desk, so both sides must give equal answers.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use motcua::calendar::{Calendar, LocalTime};
use motcua::domain::tally::{self, Tally, end_of_day, stage};
use motcua::domain::{Dossier, Judge, Status};
use motcua::report::Letterhead;
use motcua::report::day::{self, DaySummary, OpenFigures, OwedLine};
use motcua::report::period::{self, PeriodStats, PeriodTallies};
use rusqlite::{Transaction, params};

use super::{R, Sqlite, clock_facts, secs, status_code};

/// Counter columns: the longest tally (`proc::LEN`).
const COLUMNS: usize = 12;

pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS tallies(kind INTEGER NOT NULL, day INTEGER NOT NULL,
  names TEXT NOT NULL, len INTEGER NOT NULL,
  c0 INTEGER NOT NULL DEFAULT 0, c1 INTEGER NOT NULL DEFAULT 0, c2 INTEGER NOT NULL DEFAULT 0, c3 INTEGER NOT NULL DEFAULT 0, c4 INTEGER NOT NULL DEFAULT 0, c5 INTEGER NOT NULL DEFAULT 0, c6 INTEGER NOT NULL DEFAULT 0, c7 INTEGER NOT NULL DEFAULT 0, c8 INTEGER NOT NULL DEFAULT 0, c9 INTEGER NOT NULL DEFAULT 0, c10 INTEGER NOT NULL DEFAULT 0, c11 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(kind, day, names)) WITHOUT ROWID;
";

const UPSERT: &str = "INSERT INTO tallies(kind, day, names, len, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
  ON CONFLICT(kind, day, names) DO UPDATE SET len = max(len, excluded.len),
  c0 = c0 + excluded.c0, c1 = c1 + excluded.c1, c2 = c2 + excluded.c2, c3 = c3 + excluded.c3, c4 = c4 + excluded.c4, c5 = c5 + excluded.c5, c6 = c6 + excluded.c6, c7 = c7 + excluded.c7, c8 = c8 + excluded.c8, c9 = c9 + excluded.c9, c10 = c10 + excluded.c10, c11 = c11 + excluded.c11";

pub const SUMS: &str = "SELECT names, max(len), sum(c0), sum(c1), sum(c2), sum(c3), sum(c4), sum(c5), sum(c6), sum(c7), sum(c8), sum(c9), sum(c10), sum(c11)
  FROM tallies WHERE kind = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY names";

pub const DAY_ROWS: &str = "SELECT names, len, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11
  FROM tallies WHERE kind = ?1 AND day = ?2";

/// Names are joined by the unit separator (a control character no sanitised text holds).
const SEP: char = '\u{1f}';

fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// Adds `sign` × every tally `d` contributes, inside the caller's transaction.
pub fn apply(tx: &Transaction<'_>, d: &Dossier, cal: &Calendar, sign: i64) -> R<()> {
    let mut st = tx.prepare_cached(UPSERT)?;
    for t in tally::contributions(d, cal) {
        // A tally wider than the table would lose its last counters (the letters of Biểu 06
        // were, silently, until the table grew to 12).
        assert!(
            t.counts.len() <= COLUMNS,
            "tally kind {} has {} counters",
            t.kind,
            t.counts.len()
        );
        let mut c = [0i64; COLUMNS];
        for (slot, v) in c.iter_mut().zip(&t.counts) {
            *slot = sign * v;
        }
        st.execute(params![
            i64::from(t.kind),
            day_number(t.day),
            t.names.join(&SEP.to_string()),
            t.counts.len() as i64,
            c[0],
            c[1],
            c[2],
            c[3],
            c[4],
            c[5],
            c[6],
            c[7],
            c[8],
            c[9],
            c[10],
            c[11]
        ])?;
    }
    Ok(())
}

/// One result row (names, len, c0..c11) back into a tally of `kind` on `day`.
fn tally_of(kind: u8, day: NaiveDate, r: &rusqlite::Row<'_>) -> R<Tally> {
    let names: String = r.get(0)?;
    let len = r.get::<_, i64>(1)? as usize;
    let mut counts = Vec::with_capacity(len);
    for i in 0..len.min(COLUMNS) {
        counts.push(r.get::<_, i64>(2 + i)?);
    }
    Ok(Tally {
        kind,
        day,
        names: if names.is_empty() {
            Vec::new()
        } else {
            names.split(SEP).map(str::to_owned).collect()
        },
        counts,
    })
}

impl Sqlite {
    /// `kind`'s tallies summed over `from..=to`, one per distinct names (dated `to`).
    fn sums(&self, kind: u8, from: NaiveDate, to: NaiveDate) -> R<Vec<Tally>> {
        let mut st = self.conn.prepare_cached(SUMS)?;
        let mut rows = st.query(params![i64::from(kind), day_number(from), day_number(to)])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(tally_of(kind, to, r)?);
        }
        Ok(out)
    }

    fn day_tallies(&self, kind: u8, day: NaiveDate) -> R<Vec<Tally>> {
        let mut st = self.conn.prepare_cached(DAY_ROWS)?;
        let mut rows = st.query(params![i64::from(kind), day_number(day)])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(tally_of(kind, day, r)?);
        }
        Ok(out)
    }

    /// Stage sums of every day up to `to`, per field.
    fn stage_sums(&self, to: NaiveDate) -> R<BTreeMap<String, [i64; stage::LEN]>> {
        let mut out: BTreeMap<String, [i64; stage::LEN]> = BTreeMap::new();
        for t in self.sums(tally::STAGE, NaiveDate::MIN, to)? {
            if let [field] = t.names.as_slice() {
                let s = out.entry(field.clone()).or_default();
                for (a, b) in s.iter_mut().zip(&t.counts) {
                    *a += b;
                }
            }
        }
        Ok(out)
    }

    /// Stage sums at `now`: dues passing later today move back from overdue to within.
    fn stage_sums_now(&self, now: LocalTime) -> R<BTreeMap<String, [i64; stage::LEN]>> {
        let mut sums = self.stage_sums(now.date())?;
        let mut st = self.conn.prepare_cached(
            "SELECT body FROM dossiers WHERE status IN (0, 1) AND due_at >= ?1 AND due_at < ?2",
        )?;
        let mut rows = st.query(params![secs(now), secs(end_of_day(now.date()))])?;
        while let Some(r) = rows.next()? {
            let d = super::decode(r.get_ref(0)?.as_blob()?);
            if tally::later_today(now, d.due_at) {
                let s = sums.entry(d.field.clone()).or_default();
                s[stage::OVERDUE] -= 1;
                s[stage::WITHIN] += 1;
            }
        }
        Ok(sums)
    }

    /// The period statistics from the counters (the desk's `period_from_tallies`).
    pub fn period(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: LocalTime,
        l: &Letterhead,
    ) -> R<PeriodStats> {
        let today = now.date();
        let last = to.min(today);
        let mut days = Vec::new();
        if from <= last {
            for kind in [tally::PROCEDURE, tally::RATING] {
                days.extend(self.sums(kind, from, last)?);
            }
        }
        let before_day = from - Duration::days(1);
        let before = if before_day < today {
            self.stage_sums(before_day)?
        } else {
            self.stage_sums_now(now)?
        };
        let at_cut = if to < today {
            self.stage_sums(to)?
        } else {
            self.stage_sums_now(now)?
        };
        let t = PeriodTallies {
            days,
            before,
            at_cut,
        };
        Ok(period::period_from_tallies(from, to, now, &t, l).expect("a valid range"))
    }

    /// Today's summary from the day's counters and the covering index (the desk's
    /// `day_from_tallies`).
    pub fn today(&self, now: LocalTime, window: u32, cal: &Calendar) -> R<DaySummary> {
        let date = now.date();
        let mut tallies = Vec::new();
        for kind in [tally::PROCEDURE, tally::OPERATOR, tally::HANDED_BACK] {
            tallies.extend(self.day_tallies(kind, date)?);
        }
        let mut apologised = Vec::new();
        for t in self.day_tallies(tally::APOLOGY, date)? {
            if let [code] = t.names.as_slice() {
                apologised.extend(self.get_by_code(code)?);
            }
        }
        let open = self.open_figures(now, window, cal)?;
        Ok(day::day_from_tallies(now, &tallies, &apologised, open, cal))
    }

    fn open_figures(&self, now: LocalTime, window: u32, cal: &Calendar) -> R<OpenFigures> {
        let count = |s: Status| {
            self.count(
                "SELECT count(*) FROM dossiers WHERE status = ?1",
                params![status_code(s)],
            )
        };
        let mut f = OpenFigures {
            waiting_collection: count(Status::ResultReady)?,
            waiting_supplement: count(Status::SupplementRequested)?,
            ..Default::default()
        };
        let judge = Judge::new(cal, now, window);
        let mut st = self.conn.prepare_cached(
            "SELECT status, due_at, facts FROM dossiers WHERE status IN (0, 1, 3)
             ORDER BY status, due_at, id",
        )?;
        let mut rows = st.query(params![])?;
        while let Some(r) = rows.next()? {
            let (status, due): (i64, i64) = (r.get(0)?, r.get(1)?);
            let blob = r.get_ref(2)?.as_blob()?;
            let facts = clock_facts(status, due, blob);
            if let Some(duty) = day::count_open(&mut f, &facts, &judge) {
                let (_, code, applicant) =
                    motcua::store::keys::parse_status_due_value(blob).expect("bench facts");
                f.apologies_owed.push(OwedLine {
                    code: code.to_owned(),
                    applicant: applicant.to_owned(),
                    due: facts.due,
                    duty,
                });
            }
        }
        Ok(f)
    }
}
