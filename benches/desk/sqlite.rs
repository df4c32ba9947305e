//! The SQLite peer (bench-only, never shipped): the same records (bincode of the whole dossier)
//! and the same indexes as the sled store — dossiers by (status, due) with the clock facts the
//! judge needs beside each entry (the same bytes sled keeps in its `by_status_due` value, judged
//! by the same `domain::Judge`), by day received, resolved and handed back, name tokens, ID
//! numbers and phones — in WAL mode with `synchronous=FULL` (durable on commit, as the desk
//! promises), answering the same desk queries so each figure has its ratio. Every index is one
//! the planner uses for its query ([`Sqlite::plans`] shows it); lists read ids from the
//! covering index first and decode only the rows they return, as a careful SQLite user would.

use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use motcua::calendar::{Calendar, LocalTime};
use motcua::desk::DayCounters;
use motcua::domain::{self, ClockFacts, Dossier, EventKind, Judge, Status, Timeliness};
use rusqlite::{Connection, params};

mod tallies;

pub struct Sqlite {
    conn: Connection,
    /// The calendar the per-day counters are computed with (the desk's built-in one).
    cal: Calendar,
}

const OVERDUE: &str = "SELECT due_at, id FROM dossiers
  WHERE status IN (0, 1) AND due_at < ?1 ORDER BY due_at, id LIMIT ?2";
const OVERDUE_PAUSED: &str = "SELECT due_at, id, facts FROM dossiers
  WHERE status = 3 AND due_at < ?1";
const DUE_BETWEEN: &str = "SELECT status, due_at, id, facts FROM dossiers
  WHERE status IN (0, 1, 3) AND due_at < ?1 ORDER BY due_at, id";
const APOLOGY_CANDIDATES: &str = "SELECT status, due_at, id, facts
  FROM dossiers WHERE status IN (0, 1, 2, 3) AND due_at < ?1";
const WAITING_COUNT: &str = "SELECT count(*) FROM dossiers WHERE status = 4";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS dossiers(
  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, status INTEGER NOT NULL,
  due_at INTEGER NOT NULL, received_at INTEGER NOT NULL, resolved_at INTEGER,
  handed_back_at INTEGER, facts BLOB NOT NULL, body BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS by_status_due ON dossiers(status, due_at, facts);
CREATE INDEX IF NOT EXISTS by_received ON dossiers(received_at);
CREATE INDEX IF NOT EXISTS by_resolved ON dossiers(resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS by_handed_back ON dossiers(handed_back_at)
  WHERE handed_back_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS names(token TEXT NOT NULL, id INTEGER NOT NULL,
  PRIMARY KEY(token, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS id_numbers(value TEXT NOT NULL, id INTEGER NOT NULL,
  PRIMARY KEY(value, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seq(day TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS phones(value TEXT NOT NULL, id INTEGER NOT NULL,
  PRIMARY KEY(value, id)) WITHOUT ROWID;
";

type R<T> = Result<T, rusqlite::Error>;

fn secs(t: LocalTime) -> i64 {
    t.and_utc().timestamp()
}

fn status_code(s: Status) -> i64 {
    Status::ALL.iter().position(|x| *x == s).unwrap_or(0) as i64
}

/// When the dossier got its result, refusal or stop, and when it was handed back.
fn milestones(d: &Dossier) -> (Option<i64>, Option<i64>) {
    let mut resolved = None;
    let mut handed = None;
    for e in &d.events {
        match e.kind {
            EventKind::ResultReady | EventKind::Refused { .. } | EventKind::Stopped { .. } => {
                resolved = Some(secs(e.at))
            }
            EventKind::HandedBack { .. } => handed = Some(secs(e.at)),
            _ => {}
        }
    }
    (resolved, handed)
}

/// What sled's `by_status_due` value carries: the clock facts besides status and due.
fn duty_facts(d: &Dossier) -> Vec<u8> {
    motcua::store::keys::status_due_value(d)
}

/// The judge's facts of a row from its status, due and facts columns.
fn clock_facts(status: i64, due: i64, facts: &[u8]) -> ClockFacts {
    let (f, _, _) = motcua::store::keys::parse_status_due_value(facts).expect("bench facts");
    let status = Status::ALL
        .into_iter()
        .find(|s| status_code(*s) == status)
        .expect("a known status");
    ClockFacts {
        status,
        limit: f.limit,
        due: from_secs(due),
        clock_start: from_secs(f.clock_start),
        paused_at: f.paused_at.map(from_secs),
        letter: f.letter.map(|(issued, new_due)| domain::Letter {
            issued_at: from_secs(issued),
            new_due: from_secs(new_due),
        }),
        resolved_at: f.resolved_at.map(from_secs),
    }
}

fn from_secs(t: i64) -> LocalTime {
    chrono::DateTime::from_timestamp(t, 0)
        .expect("bench instants are in range")
        .naive_utc()
}

pub fn encode(d: &Dossier) -> Vec<u8> {
    bincode::serde::encode_to_vec(d, bincode::config::standard()).expect("a dossier encodes")
}

fn decode(b: &[u8]) -> Dossier {
    bincode::serde::decode_from_slice(b, bincode::config::standard())
        .expect("bench data decodes")
        .0
}

fn day_start(d: NaiveDate) -> LocalTime {
    d.and_time(NaiveTime::MIN)
}

impl Sqlite {
    pub fn open(path: &Path) -> R<Sqlite> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.execute_batch(SCHEMA)?;
        conn.execute_batch(tallies::SCHEMA)?;
        Ok(Sqlite {
            conn,
            cal: Calendar::builtin(),
        })
    }

    /// Inserts `batch` in one transaction (bulk import), or one dossier durably (intake).
    pub fn insert(&mut self, batch: &[Dossier]) -> R<()> {
        let tx = self.conn.transaction()?;
        Self::insert_rows(&tx, batch, &self.cal)?;
        tx.commit()
    }

    /// The rows, their index entries and their per-day counters.
    fn insert_rows(tx: &rusqlite::Transaction<'_>, batch: &[Dossier], cal: &Calendar) -> R<()> {
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO dossiers(id, code, status, due_at, received_at, resolved_at,
                 handed_back_at, facts, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            let mut name = tx.prepare_cached("INSERT OR IGNORE INTO names VALUES (?1, ?2)")?;
            let mut idn = tx.prepare_cached("INSERT OR IGNORE INTO id_numbers VALUES (?1, ?2)")?;
            let mut phone = tx.prepare_cached("INSERT OR IGNORE INTO phones VALUES (?1, ?2)")?;
            let mut seq = tx.prepare_cached(
                "INSERT INTO seq(day, n) VALUES (?1, ?2)
                 ON CONFLICT(day) DO UPDATE SET n = max(n, excluded.n)",
            )?;
            for d in batch {
                let (resolved, handed) = milestones(d);
                let id = d.id.0 as i64;
                ins.execute(params![
                    id,
                    d.code.as_str(),
                    status_code(d.status),
                    secs(d.due_at),
                    secs(d.received_at),
                    resolved,
                    handed,
                    duty_facts(d),
                    encode(d)
                ])?;
                // The day's code sequence, raised to the highest imported, as the store does.
                if let Some(parts) = d.code.parts() {
                    let (day, n) = (parts.received, u64::from(parts.seq));
                    seq.execute(params![day.format("%Y%m%d").to_string(), n as i64])?;
                }
                for t in motcua::text::tokens(&d.applicant.name) {
                    name.execute(params![t, id])?;
                }
                if !d.applicant.id_number.is_empty() {
                    idn.execute(params![d.applicant.id_number, id])?;
                }
                if !d.applicant.phone.is_empty() {
                    phone.execute(params![d.applicant.phone, id])?;
                }
                tallies::apply(tx, d, cal, 1)?;
            }
        }
        Ok(())
    }

    /// Replaces one dossier after a transition, durably (status, due and milestones change),
    /// moving its per-day counters from the old state to the new in the same transaction.
    pub fn update(&mut self, d: &Dossier) -> R<()> {
        let (resolved, handed) = milestones(d);
        let old = self.get(d.id.0)?.expect("the dossier exists");
        let tx = self.conn.transaction()?;
        tallies::apply(&tx, &old, &self.cal, -1)?;
        tx.prepare_cached(
            "UPDATE dossiers SET status = ?2, due_at = ?3, resolved_at = ?4,
             handed_back_at = ?5, facts = ?6, body = ?7 WHERE id = ?1",
        )?
        .execute(params![
            d.id.0 as i64,
            status_code(d.status),
            secs(d.due_at),
            resolved,
            handed,
            duty_facts(d),
            encode(d)
        ])?;
        tallies::apply(&tx, d, &self.cal, 1)?;
        tx.commit()
    }

    pub fn get(&self, id: u64) -> R<Option<Dossier>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT body FROM dossiers WHERE id = ?1")?;
        let mut rows = st.query(params![id as i64])?;
        Ok(match rows.next()? {
            Some(r) => Some(decode(r.get_ref(0)?.as_blob()?)),
            None => None,
        })
    }

    fn bodies(&self, sql: &str, p: impl rusqlite::Params) -> R<Vec<Dossier>> {
        let mut st = self.conn.prepare_cached(sql)?;
        let mut rows = st.query(p)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(decode(r.get_ref(0)?.as_blob()?));
        }
        Ok(out)
    }

    fn count(&self, sql: &str, p: impl rusqlite::Params) -> R<u64> {
        let n: i64 = self.conn.prepare_cached(sql)?.query_row(p, |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Clock running (received, in processing, paused) and past the legal due, by due
    /// instant then id; at most `limit` rows. The ids come from the covering index; only the
    /// returned rows are read.
    pub fn overdue(&self, now: LocalTime, limit: usize) -> R<Vec<Dossier>> {
        let ids: Vec<i64> = self.overdue_ids(now, limit)?;
        self.get_ids(&ids)
    }

    /// Ids of running dossiers past their legal due (a paused one only if its clock stopped
    /// after the due, as the judge reads it), by due then id; the first `limit`.
    fn overdue_ids(&self, now: LocalTime, limit: usize) -> R<Vec<i64>> {
        let limit_sql = limit.min(i64::MAX as usize) as i64;
        let mut st = self.conn.prepare_cached(OVERDUE)?;
        let mut out: Vec<(i64, i64)> = st
            .query_map(params![secs(now), limit_sql], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<R<_>>()?;
        let mut st = self.conn.prepare_cached(OVERDUE_PAUSED)?;
        let mut rows = st.query(params![secs(now)])?;
        let paused = status_code(Status::Paused);
        while let Some(r) = rows.next()? {
            let (due, id): (i64, i64) = (r.get(0)?, r.get(1)?);
            if clock_facts(paused, due, r.get_ref(2)?.as_blob()?).overdue_at(now) {
                out.push((due, id));
            }
        }
        out.sort();
        Ok(out.into_iter().take(limit).map(|(_, id)| id).collect())
    }

    /// `(due, id)` of clock-running dossiers the judge calls due soon at `now`, by due then id
    /// (candidates: due before the judge's horizon).
    fn due_soon_ids(&self, now: LocalTime, window: u32, cal: &Calendar) -> R<Vec<(i64, i64)>> {
        let judge = Judge::new(cal, now, window);
        let mut st = self.conn.prepare_cached(DUE_BETWEEN)?;
        let mut rows = st.query(params![secs(judge.horizon())])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let (status, due, id): (i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let f = clock_facts(status, due, r.get_ref(3)?.as_blob()?);
            if judge.judge(&f).timeliness == Timeliness::DueSoon {
                out.push((due, id));
            }
        }
        Ok(out)
    }

    /// Clock running and due within `window` working minutes from `now`, by due instant.
    pub fn due_soon(&self, now: LocalTime, window: u32, cal: &Calendar) -> R<Vec<Dossier>> {
        let ids: Vec<i64> = self
            .due_soon_ids(now, window, cal)?
            .into_iter()
            .map(|(_, id)| id)
            .collect();
        self.get_ids(&ids)
    }

    /// The records of `ids`, in that order.
    fn get_ids(&self, ids: &[i64]) -> R<Vec<Dossier>> {
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            out.extend(self.get(id as u64)?);
        }
        Ok(out)
    }

    /// Ids of open dossiers whose apology duty needs action at `now`, by the duty's sort
    /// instant then id, judged from the index columns by the same judge as the desk.
    fn apology_ids(&self, now: LocalTime, window: u32, cal: &Calendar) -> R<Vec<i64>> {
        let judge = Judge::new(cal, now, window);
        let mut st = self.conn.prepare_cached(APOLOGY_CANDIDATES)?;
        let mut rows = st.query(params![secs(judge.horizon())])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let (status, due, id): (i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let f = clock_facts(status, due, r.get_ref(3)?.as_blob()?);
            let duty = judge.judge(&f).duty;
            if duty.needs_action() {
                out.push((duty.sort_key().unwrap_or(f.due), id));
            }
        }
        out.sort();
        Ok(out.into_iter().map(|(_, id)| id).collect())
    }

    /// Clock-running dossiers whose apology duty needs action at `now`, by the duty's sort
    /// instant.
    pub fn apology_needed(&self, now: LocalTime, window: u32, cal: &Calendar) -> R<Vec<Dossier>> {
        self.get_ids(&self.apology_ids(now, window, cal)?)
    }

    /// [`Sqlite::apology_needed`] the slow way, for the bench's correctness check only: every
    /// open record decoded and judged whole.
    pub fn apology_needed_by_records(
        &self,
        now: LocalTime,
        window: u32,
        cal: &Calendar,
    ) -> R<Vec<Dossier>> {
        let all = self.bodies(
            "SELECT body FROM dossiers WHERE status IN (0, 1, 2, 3)",
            params![],
        )?;
        let mut out: Vec<(LocalTime, u64, Dossier)> = all
            .into_iter()
            .filter_map(|d| {
                let duty = domain::Judgement::of(&d, now, cal, window).duty;
                duty.needs_action()
                    .then(|| (duty.sort_key().unwrap_or(d.due_at), d.id.0, d))
            })
            .collect();
        out.sort_by_key(|(t, id, _)| (*t, *id));
        Ok(out.into_iter().map(|(_, _, d)| d).collect())
    }

    /// The query plans of the list queries (EXPLAIN QUERY PLAN), one line per step.
    pub fn plans(&self) -> R<Vec<(&'static str, String)>> {
        let mut out = Vec::new();
        for (name, sql, n) in [
            ("overdue", OVERDUE, 2),
            ("due soon", DUE_BETWEEN, 1),
            ("apology", APOLOGY_CANDIDATES, 1),
            ("overdue, paused", OVERDUE_PAUSED, 1),
            ("waiting count", WAITING_COUNT, 0),
            ("period counters", tallies::SUMS, 3),
            ("day counters", tallies::DAY_ROWS, 2),
        ] {
            let mut st = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
            let args = vec![0i64; n];
            let mut rows = st.query(rusqlite::params_from_iter(args))?;
            while let Some(r) = rows.next()? {
                out.push((name, r.get::<_, String>(3)?));
            }
        }
        Ok(out)
    }

    /// The dossiers a report of `from..=to` reads: received before the end of `to` and not
    /// ended before `from` (not final now, or received, resolved or handed back since `from`).
    pub fn report_dossiers(&self, from: NaiveDate, to: NaiveDate) -> R<Vec<Dossier>> {
        let a = secs(day_start(from));
        let b = secs(day_start(to)) + 86_400;
        self.bodies(
            "SELECT body FROM dossiers WHERE received_at < ?2 AND (status <= 4
               OR received_at >= ?1 OR resolved_at >= ?1 OR handed_back_at >= ?1)",
            params![a, b],
        )
    }

    /// Search as the desk does it: a code exactly or by prefix, digits by ID number and phone
    /// prefix, and names where every query word starts a word of the name; newest first.
    pub fn search(&self, text: &str, limit: usize) -> R<Vec<Dossier>> {
        let text = motcua::text::nfc(text.trim());
        let mut hits: std::collections::BTreeSet<i64> = Default::default();
        let upper = text.to_uppercase();
        let collect = |sql: &str, a: &str, b: &str, cap: usize| -> R<Vec<i64>> {
            let mut st = self.conn.prepare_cached(sql)?;
            let v = st
                .query_map(params![a, b, cap as i64], |r| r.get::<_, i64>(0))?
                .collect::<R<Vec<i64>>>()?;
            Ok(v)
        };
        if !upper.contains(' ') && upper.len() >= 3 {
            let hi = format!("{upper}\u{10FFFF}");
            hits.extend(collect(
                "SELECT id FROM dossiers WHERE code >= ?1 AND code < ?2 ORDER BY id DESC LIMIT ?3",
                &upper,
                &hi,
                limit,
            )?);
        }
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let only_digits = text
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '.');
        if only_digits && digits.len() >= 3 {
            let hi = format!("{digits}\u{10FFFF}");
            for table in ["id_numbers", "phones"] {
                hits.extend(collect(
                    &format!(
                        "SELECT id FROM {table} WHERE value >= ?1 AND value < ?2
                         ORDER BY id DESC LIMIT ?3"
                    ),
                    &digits,
                    &hi,
                    limit,
                )?);
            }
        }
        let tokens = motcua::text::tokens(&text);
        if !tokens.is_empty() {
            // Every word must start a word of the name: one EXISTS per further word.
            let mut sql = String::from(
                "SELECT DISTINCT n.id FROM names n WHERE n.token >= ?1 AND n.token < ?2",
            );
            for t in &tokens[1..] {
                let t = t.replace('\'', "");
                sql.push_str(&format!(
                    " AND EXISTS (SELECT 1 FROM names m WHERE m.id = n.id AND m.token >= '{t}'
                      AND m.token < '{t}\u{10FFFF}')"
                ));
            }
            sql.push_str(" ORDER BY n.id DESC LIMIT ?3");
            let hi = format!("{}\u{10FFFF}", tokens[0]);
            hits.extend(collect(&sql, &tokens[0], &hi, limit)?);
        }
        let ids: Vec<i64> = hits.into_iter().rev().take(limit).collect();
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(self.get(id as u64)?);
        }
        Ok(out)
    }

    /// The board header's counters at `now`, as the desk counts them.
    pub fn counters(&self, now: LocalTime, window: u32, cal: &Calendar) -> R<DayCounters> {
        let day = secs(day_start(now.date()));
        let end = day + 86_400;
        Ok(DayCounters {
            received_today: self.count(
                "SELECT count(*) FROM dossiers WHERE received_at >= ?1 AND received_at < ?2",
                params![day, end],
            )?,
            handed_back_today: self.count(
                "SELECT count(*) FROM dossiers WHERE handed_back_at >= ?1 AND handed_back_at < ?2",
                params![day, end],
            )?,
            waiting_collection: self.count(WAITING_COUNT, params![])?,
            due_soon: self.due_soon_ids(now, window, cal)?.len() as u64,
            overdue: self.overdue_ids(now, usize::MAX)?.len() as u64,
            apologies_owed: self.apology_ids(now, window, cal)?.len() as u64,
        })
    }

    /// Codes of in-processing dossiers (for the transition bench), latest due first.
    pub fn in_processing_codes(&self, limit: usize) -> R<Vec<String>> {
        let mut st = self
            .conn
            .prepare("SELECT code FROM dossiers WHERE status = 1 ORDER BY due_at DESC LIMIT ?1")?;
        let v = st
            .query_map(params![limit as i64], |r| r.get::<_, String>(0))?
            .collect::<R<Vec<String>>>()?;
        Ok(v)
    }

    /// Records a new dossier as the desk does: next id and the day's next code sequence in
    /// the same transaction as the row, durable on commit.
    pub fn receive(&mut self, draft: &Dossier, agency: &str) -> R<Dossier> {
        let tx = self.conn.transaction()?;
        let day = draft.received_at.date();
        let id: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM dossiers", [], |r| {
            r.get(0)
        })?;
        let key = day.format("%Y%m%d").to_string();
        tx.execute(
            "INSERT INTO seq(day, n) VALUES (?1, 1) ON CONFLICT(day) DO UPDATE SET n = n + 1",
            params![key],
        )?;
        let n: i64 = tx.query_row("SELECT n FROM seq WHERE day = ?1", params![key], |r| {
            r.get(0)
        })?;
        let mut d = draft.clone();
        d.id = motcua::domain::DossierId(id as u64);
        d.code = motcua::domain::DossierCode::format(agency, day, n as u32);
        Self::insert_rows(&tx, std::slice::from_ref(&d), &self.cal)?;
        tx.commit()?;
        Ok(d)
    }

    pub fn get_by_code(&self, code: &str) -> R<Option<Dossier>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT body FROM dossiers WHERE code = ?1")?;
        let mut rows = st.query(params![code])?;
        Ok(match rows.next()? {
            Some(r) => Some(decode(r.get_ref(0)?.as_blob()?)),
            None => None,
        })
    }

    pub fn checkpoint(&self) -> R<()> {
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")
    }
}
