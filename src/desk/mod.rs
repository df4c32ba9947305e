//! The use cases a clerk performs, one call each: validate with `domain`, judge with
//! `domain::judge`, persist with `store`, compute time with `calendar`. The TUI and the CLI see
//! only the [`Desk`] trait ([`api`]); [`LocalDesk`] implements it over the store this process
//! holds. `now` and the operator are always passed in.
//!
//! Contract:
//! - `LocalDesk::open(data_dir)` creates the directory (0700) with defaults and the built-in
//!   catalogue on first run, loads settings, notices and catalogue, opens the store.
//! - every write returns only after the store has made it durable.
//! - errors are [`DeskError`] with a Vietnamese message a clerk can act on.

pub mod accounts;
mod api;
mod day;
mod lists;
mod local;
mod papers;
mod reports;
mod search;
mod setup;
mod transfer;

use std::path::{Path, PathBuf};

use chrono::Datelike;

use crate::calendar::{Calendar, LocalTime};
use crate::domain::{
    Command, DomainError, Dossier, DossierCode, DossierId, Field, Intake, Procedure, ProcedureCode,
    apply_under, new_dossier, validate_intake, validate_rating,
};
use crate::settings::Settings;
use crate::store::{Store, StoreError};

pub use api::{
    Appointment, BoardPage, Call, DayCounters, Desk, Detail, ExportFormat, FormKind, ListFilter,
    Page, Profile, Row, StepDefaults,
};
pub use transfer::{IMPORT_BATCH, ImportOutcome, JsonlSource, mask_personal};

/// Why a desk operation failed. `Rule` is the clerk's to fix (exit code 1); the others are the
/// environment's (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// Refused by a rule or bad input; the message says why, in Vietnamese.
    #[error("{0}")]
    Rule(String),
    /// The store or the file system failed; the message names the data directory.
    #[error("{0}")]
    Environment(String),
    /// The dossier changed since the clerk's screen showed it (another counter acted on it):
    /// the step was not applied.
    #[error("{0}")]
    Stale(String),
    /// Not allowed for this account: wrong password, locked, expired session, role.
    #[error("{0}")]
    Denied(String),
    /// The ledger's holder (a server, or the desk open on this data directory) cannot be
    /// reached, or its certificate changed.
    #[error("{0}")]
    Unreachable(String),
}

impl DeskError {
    /// The process exit code for this error: 1 for a rule, 2 for the environment.
    pub fn exit_code(&self) -> i32 {
        match self {
            DeskError::Rule(_) | DeskError::Stale(_) | DeskError::Denied(_) => 1,
            DeskError::Environment(_) | DeskError::Unreachable(_) => 2,
        }
    }

    /// A store error as the clerk sees it: a refusal is a rule, the rest the environment.
    pub(crate) fn from_store(e: StoreError) -> DeskError {
        if matches!(e, StoreError::Stale) {
            DeskError::Stale(e.to_string())
        } else if e.is_rejection() {
            DeskError::Rule(e.to_string())
        } else {
            DeskError::Environment(e.to_string())
        }
    }
}

/// A daily backup written and waiting for its proof (see [`LocalDesk::daily_backup`]).
#[derive(Debug)]
pub struct DailyProof {
    dump: crate::store::snapshot::DailyDump,
    keep: u32,
}

impl DailyProof {
    /// Proves the backup and prunes old ones; on failure the file is removed.
    pub(crate) fn run(self) -> Result<crate::store::backup::Summary, DeskError> {
        self.dump
            .prove(self.keep)
            .map_err(|e| DeskError::Environment(e.to_string()))
    }
}

/// The desk over the ledger this process holds: store, calendar, settings and catalogue.
/// `Send + Sync`: a holder may serve other processes from another thread.
pub struct LocalDesk {
    pub(crate) data_dir: PathBuf,
    store: Store,
    calendar: Calendar,
    settings: Settings,
    /// Sorted by field then name; replaced whole by `replace_catalogue`.
    catalogue: std::sync::RwLock<Vec<Procedure>>,
    /// What the calendar is built from (see `Store::set_tallier`).
    calendar_inputs: Vec<u8>,
}

impl std::fmt::Debug for LocalDesk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalDesk")
            .field("data_dir", &self.data_dir)
            .finish()
    }
}

impl LocalDesk {
    /// Opens the desk on `data_dir`: creates it (0700) on first run with the default settings
    /// and the built-in catalogue, loads settings, notices (`<data-dir>/calendar/*.toml`) and
    /// catalogue, opens the store (exclusive to this process).
    pub fn open(data_dir: &Path) -> Result<LocalDesk, DeskError> {
        setup::open(data_dir)
    }

    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Whether today's daily backup is still to be written (settings on, no file for today).
    pub(crate) fn daily_backup_due(&self, today: chrono::NaiveDate) -> bool {
        self.settings.backup.daily
            && self.store.read_only().is_none()
            && !crate::store::snapshot::daily_path(&self.data_dir, today).exists()
    }

    /// Why the ledger is open read-only (a full or read-only disk), when it is: every write
    /// is then refused with this reason; reading, reports, `verify` and backups to another
    /// disk work.
    pub(crate) fn read_only(&self) -> Option<&str> {
        self.store.read_only()
    }

    /// Writes today's daily backup file if there is none yet (`settings.backup.daily`), and
    /// returns the proof still to run: `DailyProof::run` restores it into a temporary folder
    /// and verifies it, which takes long on a big ledger and needs only the file, so the TUI
    /// runs it on another thread after the board is on screen.
    pub fn daily_backup(&self, today: chrono::NaiveDate) -> Result<Option<DailyProof>, DeskError> {
        if !self.settings.backup.daily || self.store.read_only().is_some() {
            return Ok(None);
        }
        let dump = crate::store::snapshot::daily_dump(&self.store, today)
            .map_err(|e| DeskError::Environment(e.to_string()))?;
        Ok(dump.map(|dump| DailyProof {
            dump,
            keep: self.settings.backup.keep,
        }))
    }

    /// A copy of the catalogue, sorted by field then name.
    pub fn procedures(&self) -> Vec<Procedure> {
        self.catalogue
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// The catalogue's entry for `code`.
    pub fn procedure(&self, code: &ProcedureCode) -> Option<Procedure> {
        self.catalogue
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .find(|p| &p.code == code)
            .cloned()
    }

    /// The appointment the intake form shows live: the due date if received at `now`.
    fn preview(&self, procedure: &ProcedureCode, now: LocalTime) -> Option<Appointment> {
        let p = self.procedure(procedure)?;
        let due = self.calendar.due(now, p.time_limit, &[]);
        Some(Appointment {
            at: due.at,
            lines: due.explanation.lines(),
        })
    }

    /// Validates and records a new dossier; returns it with its new code. Durable on return.
    fn receive_intake(&self, intake: Intake, call: &Call) -> Result<Dossier, DeskError> {
        let intake = normalise_intake(intake);
        let procedure = match &intake.procedure {
            None => return Err(DeskError::Rule("Chưa chọn thủ tục hành chính.".to_owned())),
            Some(code) => self.procedure(code).ok_or_else(|| {
                DeskError::Rule(format!(
                    "Không có thủ tục mã «{}» trong danh mục. Xem \"motcua catalogue list\".",
                    code.as_str()
                ))
            })?,
        };
        let applicant =
            validate_intake(&intake, &procedure).map_err(|e| DeskError::Rule(e.to_string()))?;
        crate::domain::check_born_by(&applicant.id_number, call.now)
            .map_err(|e| DeskError::Rule(e.to_string()))?;
        let operator = crate::domain::fields::required(Field::Operator, &call.operator)
            .map_err(|p| DeskError::Rule(DomainError::field(Field::Operator, p).to_string()))?;
        let draft = new_dossier(
            DossierId(0),
            DossierCode::unassigned(),
            applicant,
            &intake,
            &procedure,
            call.now,
            &operator,
            &self.calendar,
        );
        let agency = self.settings.agency.code.clone();
        let day = call.now.date();
        let code_for = move |seq: u64| {
            let seq = u32::try_from(seq).expect("fewer than 2^32 dossiers received in one day");
            DossierCode::format(&agency, day, seq)
        };
        self.store
            .insert_keyed(&draft, &code_for, call.request.as_deref())
            .map_err(DeskError::from_store)
    }

    /// Applies a legal step; see [`Desk::act`]. An apology letter gets the next number of the
    /// year of `now`, issued by the store in the same transaction as the event.
    fn apply_step(
        &self,
        code: &DossierCode,
        seen: Option<usize>,
        command: Command,
        call: &Call,
    ) -> Result<Dossier, DeskError> {
        // A retried request that already wrote answers with its dossier, not "stale".
        if let Some(key) = &call.request
            && let Some(done) = self.store.replayed(key).map_err(DeskError::from_store)?
        {
            return Ok(done);
        }
        let current = self.dossier(code)?.ok_or_else(|| not_found(code))?;
        if seen.is_some_and(|n| n != current.events.len()) {
            return Err(DeskError::Stale(crate::domain::STALE_VIEW.to_owned()));
        }
        let command = match command {
            Command::HandBack {
                to,
                fee_vnd,
                rating,
            } => Command::HandBack {
                to,
                fee_vnd,
                rating: validate_rating(&rating, &self.settings.desk.satisfaction_scale)
                    .map_err(|e| DeskError::Rule(e.to_string()))?,
            },
            other => other,
        };
        // Number 0 is a placeholder the store replaces with the year's next number.
        let apology = matches!(command, Command::IssueApology { .. }).then(|| (0, call.now.year()));
        let next = apply_under(
            &self.settings.supplement,
            &current,
            command,
            call.now,
            &call.operator,
            &self.calendar,
            apology,
        )
        .map_err(|e| DeskError::Rule(e.to_string()))?;
        self.store
            .update_keyed(&next, current.events.len(), call.request.as_deref())
            .map_err(DeskError::from_store)
    }

    /// The dossier with this code (letters upper-cased, spaces trimmed), if any.
    fn dossier(&self, code: &DossierCode) -> Result<Option<Dossier>, DeskError> {
        let text = code.as_str().trim().to_uppercase();
        self.store.get_by_code(&text).map_err(DeskError::from_store)
    }
}

fn not_found(code: &DossierCode) -> DeskError {
    DeskError::Rule(format!(
        "Không tìm thấy hồ sơ mã «{}».",
        code.as_str().trim()
    ))
}

/// NFC for every text the clerk typed (input methods may send decomposed characters).
fn normalise_intake(mut i: Intake) -> Intake {
    use crate::text::nfc;
    for s in [
        &mut i.name,
        &mut i.id_number,
        &mut i.address,
        &mut i.phone,
        &mut i.email,
        &mut i.representative,
        &mut i.note,
    ] {
        *s = nfc(s);
    }
    i.documents = i.documents.iter().map(|d| nfc(d)).collect();
    i
}
