//! The use cases a clerk performs, one call each: validate with `domain`, persist with `store`,
//! compute time with `calendar`. The TUI and the CLI both go through here; neither touches the
//! store directly. `now` and the operator are always passed in.
//!
//! Contract (implemented by the ledger):
//! - `Desk::open(data_dir)` creates the directory (0700) with defaults and the built-in
//!   catalogue on first run, loads settings, notices and catalogue, opens the store.
//! - every write returns only after the store has made it durable.
//! - errors are [`DeskError`] with a Vietnamese message a clerk can act on.

use std::path::{Path, PathBuf};

use crate::calendar::{Calendar, Due, LocalTime};
use crate::domain::{Command, Dossier, DossierCode, Intake, Procedure, ProcedureCode};

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

/// The open desk: store, calendar, settings and catalogue.
pub struct Desk {
    pub data_dir: PathBuf,
}

impl Desk {
    pub fn open(_data_dir: &Path) -> Result<Desk, DeskError> {
        todo!("ledger")
    }

    pub fn calendar(&self) -> &Calendar {
        todo!("ledger")
    }

    /// The catalogue, sorted by field then name.
    pub fn catalogue(&self) -> &[Procedure] {
        todo!("ledger")
    }

    pub fn procedure(&self, _code: &ProcedureCode) -> Option<&Procedure> {
        todo!("ledger")
    }

    /// The appointment the intake form shows live: the due date if received at `now`.
    pub fn preview_due(&self, _procedure: &ProcedureCode, _now: LocalTime) -> Option<Due> {
        todo!("ledger")
    }

    /// Validates and records a new dossier; returns it with its new code. Durable on return.
    pub fn receive(
        &mut self,
        _intake: Intake,
        _now: LocalTime,
        _operator: &str,
    ) -> Result<Dossier, DeskError> {
        todo!("ledger")
    }

    /// Applies a legal action to a dossier; returns the updated dossier. Durable on return.
    pub fn act(
        &mut self,
        _code: &DossierCode,
        _command: Command,
        _now: LocalTime,
        _operator: &str,
    ) -> Result<Dossier, DeskError> {
        todo!("ledger")
    }

    pub fn get(&self, _code: &DossierCode) -> Result<Option<Dossier>, DeskError> {
        todo!("ledger")
    }

    /// One page of a list, in the list's natural order (due lists by due instant, others newest
    /// first); `offset` and `limit` count rows.
    pub fn list(
        &self,
        _filter: ListFilter,
        _now: LocalTime,
        _offset: usize,
        _limit: usize,
    ) -> Result<Vec<Dossier>, DeskError> {
        todo!("ledger")
    }

    /// How many dossiers a list holds (for the scroll bar and the tab titles).
    pub fn count(&self, _filter: ListFilter, _now: LocalTime) -> Result<u64, DeskError> {
        todo!("ledger")
    }

    /// Accent-insensitive search over name, code, ID number and phone; at most `limit` results.
    pub fn search(&self, _text: &str, _limit: usize) -> Result<Vec<Dossier>, DeskError> {
        todo!("ledger")
    }

    pub fn counters(&self, _now: LocalTime) -> Result<DayCounters, DeskError> {
        todo!("ledger")
    }
}
