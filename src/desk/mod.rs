//! The use cases a clerk performs, one call each: validate with `domain`, persist with `store`,
//! compute time with `calendar`. The TUI and the CLI both go through here; neither touches the
//! store directly. `now` and the operator are always passed in.
//!
//! Contract (implemented by the ledger):
//! - `Desk::open(data_dir)` creates the directory (0700) with defaults and the built-in
//!   catalogue on first run, loads settings, notices and catalogue, opens the store.
//! - every write returns only after the store has made it durable.
//! - errors are [`DeskError`] with a Vietnamese message a clerk can act on.

pub mod accounts;
mod day;
mod lists;
mod reports;
mod search;
mod setup;
mod transfer;

use std::path::{Path, PathBuf};

use chrono::Datelike;

use crate::calendar::{Calendar, Due, LocalTime};
use crate::domain::{
    Command, Dossier, DossierCode, DossierId, Intake, Procedure, ProcedureCode, apply, new_dossier,
    validate_intake, validate_rating,
};
use crate::settings::Settings;
use crate::store::{Store, StoreError};

pub use transfer::{IMPORT_BATCH, ImportOutcome, JsonlSource};

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
}

impl DeskError {
    /// The process exit code for this error: 1 for a rule, 2 for the environment.
    pub fn exit_code(&self) -> i32 {
        match self {
            DeskError::Rule(_) => 1,
            DeskError::Environment(_) => 2,
        }
    }

    /// A store error as the clerk sees it: a refusal is a rule, the rest the environment.
    pub(crate) fn from_store(e: StoreError) -> DeskError {
        if e.is_rejection() {
            DeskError::Rule(e.to_string())
        } else {
            DeskError::Environment(e.to_string())
        }
    }
}

/// Which dossiers a board list or `motcua list` shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFilter {
    /// Received today (the day of `now`).
    Today,
    /// Open: received, in processing, waiting for a supplement, paused.
    Open,
    /// Open and due within the due-soon window, not yet overdue.
    DueSoon,
    /// Open and past the legal due instant.
    Overdue,
    /// Result ready, waiting for collection.
    WaitingCollection,
    /// Open dossiers with an apology duty (due, overdue or new appointment missed).
    ApologyNeeded,
    /// Everything, newest first.
    All,
}

/// Today's counters on the board header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayCounters {
    pub received_today: u64,
    pub handed_back_today: u64,
    pub waiting_collection: u64,
    pub due_soon: u64,
    pub overdue: u64,
    pub apologies_owed: u64,
}

/// A daily backup written and waiting for its proof (see [`Desk::daily_backup`]).
#[derive(Debug)]
pub struct DailyProof {
    dump: crate::store::snapshot::DailyDump,
    keep: u32,
}

impl DailyProof {
    /// Proves the backup and prunes old ones; on failure the file is removed.
    pub fn run(self) -> Result<crate::store::backup::Summary, DeskError> {
        self.dump
            .prove(self.keep)
            .map_err(|e| DeskError::Environment(e.to_string()))
    }
}

/// The open desk: store, calendar, settings and catalogue.
pub struct Desk {
    pub data_dir: PathBuf,
    store: Store,
    calendar: Calendar,
    settings: Settings,
    /// Sorted by field then name.
    catalogue: Vec<Procedure>,
    /// What the calendar is built from (see `Store::set_tallier`).
    calendar_inputs: Vec<u8>,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk")
            .field("data_dir", &self.data_dir)
            .finish()
    }
}

impl Desk {
    /// Opens the desk on `data_dir`: creates it (0700) on first run with the default settings
    /// and the built-in catalogue, loads settings, notices (`<data-dir>/calendar/*.toml`) and
    /// catalogue, opens the store (exclusive to this process).
    pub fn open(data_dir: &Path) -> Result<Desk, DeskError> {
        setup::open(data_dir)
    }

    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Writes today's daily backup file if there is none yet (`settings.backup.daily`), and
    /// returns the proof still to run: `DailyProof::run` restores it into a temporary folder
    /// and verifies it, which takes long on a big ledger and needs only the file, so the TUI
    /// runs it on another thread after the board is on screen.
    pub fn daily_backup(&self, today: chrono::NaiveDate) -> Result<Option<DailyProof>, DeskError> {
        if !self.settings.backup.daily {
            return Ok(None);
        }
        let dump = crate::store::snapshot::daily_dump(&self.store, today)
            .map_err(|e| DeskError::Environment(e.to_string()))?;
        Ok(dump.map(|dump| DailyProof {
            dump,
            keep: self.settings.backup.keep,
        }))
    }

    /// The catalogue, sorted by field then name.
    pub fn catalogue(&self) -> &[Procedure] {
        &self.catalogue
    }

    pub fn procedure(&self, code: &ProcedureCode) -> Option<&Procedure> {
        self.catalogue.iter().find(|p| &p.code == code)
    }

    /// The appointment the intake form shows live: the due date if received at `now`.
    pub fn preview_due(&self, procedure: &ProcedureCode, now: LocalTime) -> Option<Due> {
        let p = self.procedure(procedure)?;
        Some(self.calendar.due(now, p.time_limit, &[]))
    }

    /// Validates and records a new dossier; returns it with its new code. Durable on return.
    pub fn receive(
        &mut self,
        intake: Intake,
        now: LocalTime,
        operator: &str,
    ) -> Result<Dossier, DeskError> {
        let intake = normalise_intake(intake);
        let procedure = match &intake.procedure {
            None => None,
            Some(code) => Some(self.procedure(code).ok_or_else(|| {
                DeskError::Rule(format!(
                    "Không có thủ tục mã «{}» trong danh mục. Xem \"motcua catalogue list\".",
                    code.as_str()
                ))
            })?),
        };
        let procedure = match procedure {
            Some(p) => p,
            None => return Err(DeskError::Rule("Chưa chọn thủ tục hành chính.".to_owned())),
        };
        let applicant =
            validate_intake(&intake, procedure).map_err(|e| DeskError::Rule(e.to_string()))?;
        let draft = new_dossier(
            DossierId(0),
            DossierCode::unassigned(),
            applicant,
            &intake,
            procedure,
            now,
            operator,
            &self.calendar,
        );
        let agency = self.settings.agency.code.clone();
        let day = now.date();
        let code_for = move |seq: u64| {
            let seq = u32::try_from(seq).expect("fewer than 2^32 dossiers received in one day");
            DossierCode::format(&agency, day, seq)
        };
        self.store
            .insert_new(&draft, &code_for)
            .map_err(DeskError::from_store)
    }

    /// Applies a legal action to a dossier; returns the updated dossier. Durable on return.
    /// An apology letter gets the next number of the year of `now`, issued by the store in the
    /// same transaction as the event.
    pub fn act(
        &mut self,
        code: &DossierCode,
        command: Command,
        now: LocalTime,
        operator: &str,
    ) -> Result<Dossier, DeskError> {
        let current = self.get(code)?.ok_or_else(|| not_found(code))?;
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
        let apology = matches!(command, Command::IssueApology { .. }).then(|| (0, now.year()));
        let next = apply(&current, command, now, operator, &self.calendar, apology)
            .map_err(|e| DeskError::Rule(e.to_string()))?;
        self.store.update(&next).map_err(DeskError::from_store)
    }

    /// The dossier with this code (letters upper-cased, spaces trimmed), if any.
    pub fn get(&self, code: &DossierCode) -> Result<Option<Dossier>, DeskError> {
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
