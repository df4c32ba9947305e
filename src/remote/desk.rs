//! [`RemoteDesk`]: the desk trait over the `/v1/…` API, so the desk screen and every command
//! work unchanged on a ledger another process holds (the socket) or a server holds (TLS).
//!
//! - Instants: the holder's clock is the truth. The clerk's `now` is sent only when the clerk
//!   gave one (`--now`), and a server refuses it unless it was started with `--now`.
//! - Writes carry an idempotency key made here (or the caller's): when the connection fails
//!   mid-request they are sent again with the same key, with backoff, so a lost answer never
//!   makes a second dossier or a second step.
//! - Live boards: [`Desk::changes`] reads a counter a background thread keeps by long-polling
//!   the holder; while it cannot reach it, `changes` answers the "lost connection" error.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::client::Client;
use super::watch::Watch;
use super::wire::{self, ReceiveRequest, StepRequest};
use crate::calendar::LocalTime;
use crate::desk::{
    Appointment, BoardPage, Call, DayCounters, Desk, DeskError, Detail, ExportFormat, FormKind,
    ListFilter, Page, Profile, Row,
};
use crate::domain::{Command, Dossier, DossierCode, Intake, Procedure, ProcedureCode, Status};
use crate::report::day::DaySummary;
use crate::report::period::PeriodStats;
use crate::report::{Document, Letterhead};

/// Waits between the attempts of a write whose connection failed (same key each time).
const WRITE_RETRIES: [Duration; 4] = [
    Duration::from_millis(250),
    Duration::from_millis(500),
    Duration::from_secs(1),
    Duration::from_secs(2),
];

/// A ledger held by another process.
pub struct RemoteDesk {
    client: Client,
    /// Whether the clerk gave `--now` (then instants are sent).
    explicit_now: bool,
    /// `--operator`, for the socket without a login (a logged-in caller is its account).
    operator: Option<String>,
    watch: OnceLock<Arc<Watch>>,
    /// The last write given up on while the holder was out of reach: its digest and key.
    lost: Mutex<Option<(Vec<u8>, String)>>,
}

impl std::fmt::Debug for RemoteDesk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteDesk")
            .field("client", &self.client)
            .finish()
    }
}

/// A value as it goes in a URL: its serde form (`Today`, `2026-03-02`, `2026-03-02T09:00:00`),
/// percent-encoded.
fn q<T: Serialize>(value: &T) -> String {
    let text = match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    };
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn paged(page: Page) -> String {
    let limit = if page.limit == usize::MAX {
        String::new()
    } else {
        format!("&limit={}", page.limit)
    };
    format!("offset={}{limit}", page.offset)
}

/// A fresh idempotency key: 16 random bytes as 32 hex digits.
fn new_key() -> Result<String, DeskError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| DeskError::Environment(format!("Không tạo được khóa yêu cầu ({e}).")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

impl RemoteDesk {
    /// `explicit_now`: whether the clerk gave `--now`; `operator`: `--operator`, if given.
    pub fn new(client: Client, explicit_now: bool, operator: Option<String>) -> RemoteDesk {
        RemoteDesk {
            client,
            explicit_now,
            operator,
            watch: OnceLock::new(),
            lost: Mutex::new(None),
        }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// `now=…` for a query when the clerk gave the instant, else nothing.
    fn now(&self, now: LocalTime) -> String {
        if self.explicit_now {
            format!("now={}", q(&now))
        } else {
            String::new()
        }
    }

    fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T, DeskError> {
        Ok(self.client.get(path)?)
    }

    fn wire_call(&self, call: &Call) -> wire::Call {
        wire::Call {
            now: self.explicit_now.then_some(call.now),
            operator: self
                .operator
                .clone()
                .or_else(|| Some(call.operator.clone())),
            request: call.request.clone(),
        }
    }

    /// POSTs a write (its body's `call.request` empty unless the caller made a key); sends it
    /// again with the same key while the connection fails. A write given up on is remembered:
    /// the same write sent next (the clerk saving the kept form again once the server is back)
    /// reuses its key, so a first attempt that did reach the server is not recorded twice.
    fn write<B: Serialize>(&self, path: &str, body: &B) -> Result<Dossier, DeskError> {
        let mut body = serde_json::to_value(body).expect("a request is plain data");
        let digest = Sha256::digest(format!("{path} {body}").as_bytes()).to_vec();
        let key = match body["call"]["request"].as_str() {
            Some(k) => k.to_owned(),
            None => match self.lost.lock().ok().and_then(|l| l.clone()) {
                Some((d, k)) if d == digest => k,
                _ => new_key()?,
            },
        };
        body["call"]["request"] = serde_json::Value::String(key.clone());
        let mut waits = WRITE_RETRIES.iter();
        let answer = loop {
            match self.client.post(path, &body) {
                Err(e) if e.is_unreachable() => match waits.next() {
                    Some(wait) => std::thread::sleep(*wait),
                    None => break Err(e),
                },
                other => break other,
            }
        };
        if let Ok(mut lost) = self.lost.lock() {
            *lost = match &answer {
                Err(e) if e.is_unreachable() => Some((digest, key)),
                _ => None,
            };
        }
        Ok(answer?)
    }
}

impl Desk for RemoteDesk {
    fn profile(&self) -> Result<Profile, DeskError> {
        self.get("/v1/profile")
    }

    fn catalogue(&self) -> Result<Vec<Procedure>, DeskError> {
        self.get("/v1/catalogue")
    }

    fn replace_catalogue(&self, procedures: Vec<Procedure>) -> Result<(), DeskError> {
        Ok(self.client.put("/v1/catalogue", &procedures)?)
    }

    fn preview_due(
        &self,
        procedure: &ProcedureCode,
        now: LocalTime,
    ) -> Result<Option<Appointment>, DeskError> {
        let code = q(&procedure.0);
        self.get(&format!(
            "/v1/catalogue/preview-due?procedure={code}&{}",
            self.now(now)
        ))
    }

    fn receive(&self, intake: Intake, call: &Call) -> Result<Dossier, DeskError> {
        let body = ReceiveRequest {
            intake,
            call: self.wire_call(call),
        };
        self.write("/v1/dossiers", &body)
    }

    fn act(
        &self,
        code: &DossierCode,
        seen: Option<usize>,
        command: Command,
        call: &Call,
    ) -> Result<Dossier, DeskError> {
        let body = StepRequest {
            command,
            seen: seen.map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
            call: self.wire_call(call),
        };
        self.write(&format!("/v1/dossiers/{}/steps", q(&code)), &body)
    }

    fn get(&self, code: &DossierCode) -> Result<Option<Dossier>, DeskError> {
        match DossierCode::parse(code.as_str()) {
            Some(code) => self.get(&format!("/v1/dossiers/{}", q(&code))),
            None => Ok(None),
        }
    }

    fn detail(&self, code: &DossierCode, now: LocalTime) -> Result<Option<Detail>, DeskError> {
        match DossierCode::parse(code.as_str()) {
            Some(code) => self.get(&format!(
                "/v1/dossiers/{}/detail?{}",
                q(&code),
                self.now(now)
            )),
            None => Ok(None),
        }
    }

    fn board(
        &self,
        filter: ListFilter,
        now: LocalTime,
        page: Page,
        header: bool,
    ) -> Result<BoardPage, DeskError> {
        self.get(&format!(
            "/v1/board/{}?{}&header={header}&{}",
            q(&filter),
            paged(page),
            self.now(now)
        ))
    }

    fn list(&self, filter: ListFilter, now: LocalTime, page: Page) -> Result<Vec<Row>, DeskError> {
        self.get(&format!(
            "/v1/lists/{}?{}&{}",
            q(&filter),
            paged(page),
            self.now(now)
        ))
    }

    fn count(&self, filter: ListFilter, now: LocalTime) -> Result<u64, DeskError> {
        self.get(&format!("/v1/lists/{}/count?{}", q(&filter), self.now(now)))
    }

    fn counters(&self, now: LocalTime) -> Result<DayCounters, DeskError> {
        self.get(&format!("/v1/counters?{}", self.now(now)))
    }

    fn list_status(
        &self,
        status: Status,
        now: LocalTime,
        page: Page,
    ) -> Result<Vec<Row>, DeskError> {
        self.get(&format!(
            "/v1/status/{}?{}&{}",
            q(&status),
            paged(page),
            self.now(now)
        ))
    }

    fn received_on(
        &self,
        day: NaiveDate,
        now: LocalTime,
        page: Page,
    ) -> Result<Vec<Row>, DeskError> {
        self.get(&format!(
            "/v1/received/{}?{}&{}",
            q(&day),
            paged(page),
            self.now(now)
        ))
    }

    fn search(&self, text: &str, limit: usize, now: LocalTime) -> Result<Vec<Row>, DeskError> {
        self.get(&format!(
            "/v1/search?q={}&limit={limit}&{}",
            q(&text),
            self.now(now)
        ))
    }

    fn late(&self, now: LocalTime) -> Result<Vec<Row>, DeskError> {
        self.get(&format!("/v1/late?{}", self.now(now)))
    }

    fn letterhead(&self, at: LocalTime) -> Result<Letterhead, DeskError> {
        self.get(&format!("/v1/letterhead?at={}", q(&at)))
    }

    fn document(
        &self,
        kind: FormKind,
        code: &DossierCode,
        now: LocalTime,
    ) -> Result<Document, DeskError> {
        self.get(&format!(
            "/v1/dossiers/{}/documents/{}?{}",
            q(&code),
            q(&kind),
            self.now(now)
        ))
    }

    fn register(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: LocalTime,
    ) -> Result<Document, DeskError> {
        self.get(&format!(
            "/v1/reports/register?from={}&to={}&{}",
            q(&from),
            q(&to),
            self.now(now)
        ))
    }

    fn catalogue_document(&self, now: LocalTime) -> Result<Document, DeskError> {
        self.get(&format!("/v1/catalogue/document?{}", self.now(now)))
    }

    fn day_summary(&self, date: NaiveDate, now: LocalTime) -> Result<DaySummary, DeskError> {
        self.get(&format!("/v1/reports/day/{}?{}", q(&date), self.now(now)))
    }

    fn period_stats(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: LocalTime,
    ) -> Result<PeriodStats, DeskError> {
        self.get(&format!(
            "/v1/reports/period?from={}&to={}&{}",
            q(&from),
            q(&to),
            self.now(now)
        ))
    }

    fn clerk_figures(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: LocalTime,
    ) -> Result<crate::report::period::ClerkFigures, DeskError> {
        self.get(&format!(
            "/v1/reports/figures?from={}&to={}&{}",
            q(&from),
            q(&to),
            self.now(now)
        ))
    }

    fn changes(&self) -> Result<u64, DeskError> {
        let watch = match self.watch.get() {
            Some(w) => w.clone(),
            None => {
                let w = Watch::start(self.client.clone())?;
                self.watch.get_or_init(|| w).clone()
            }
        };
        watch.seq()
    }

    fn verify(&self) -> Result<crate::store::Report, DeskError> {
        self.get("/v1/verify")
    }

    fn find_head(&self, prefix: &str) -> Result<Option<crate::store::anchor::Anchor>, DeskError> {
        self.get(&format!("/v1/verify/head?prefix={}", q(&prefix)))
    }

    fn export(
        &self,
        format: ExportFormat,
        mask: bool,
        out: &mut dyn Write,
    ) -> Result<u64, DeskError> {
        let bytes = self
            .client
            .get_bytes(&format!("/v1/export?format={}&mask={mask}", q(&format)))?;
        out.write_all(&bytes)
            .map_err(|e| DeskError::Environment(format!("Không ghi được tệp xuất ({e}).")))?;
        let count = match format {
            ExportFormat::Jsonl => bytes.iter().filter(|b| **b == b'\n').count(),
            // Quoted fields may hold line breaks: count records, not lines.
            ExportFormat::Csv => csv::Reader::from_reader(&bytes[..]).records().count(),
        };
        Ok(count as u64)
    }
}
