//! The clock window: the years an instant written to the ledger may fall in. A machine whose
//! clock is wrong (an offline PC after a dead CMOS battery wakes up in 1970 or 2000) must not
//! write a dossier dated in the wrong century: its code carries a two-digit year, so 1970 and
//! 2070, or 1900 and 2000, would give one code to two dossiers. The store refuses such an
//! instant before anything is written, with a message that points at the machine's clock.
//! Must not depend on `desk`, `tui` or `cli`.

use chrono::Datelike;

use super::{Store, StoreError};
use crate::calendar::LocalTime;
use crate::domain::Dossier;

/// The years (inclusive) a written instant may fall in. At most 100 years wide, so a code's
/// two-digit year names exactly one of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockWindow {
    pub(crate) first_year: i32,
    pub(crate) last_year: i32,
}

impl Default for ClockWindow {
    /// 2000–2099.
    fn default() -> ClockWindow {
        ClockWindow {
            first_year: 2000,
            last_year: 2099,
        }
    }
}

impl ClockWindow {
    /// The widest window: a code's two-digit year must name one year of it.
    pub(crate) const MAX_YEARS: i32 = 100;

    /// A window of `first..=last`; `None` when it is empty, wider than [`Self::MAX_YEARS`] or
    /// outside the years 1900–9999.
    pub fn new(first_year: i32, last_year: i32) -> Option<ClockWindow> {
        let ok = (1900..=9999).contains(&first_year)
            && (first_year..=9999).contains(&last_year)
            && last_year - first_year < Self::MAX_YEARS;
        ok.then_some(ClockWindow {
            first_year,
            last_year,
        })
    }

    pub(crate) fn contains(&self, t: LocalTime) -> bool {
        (self.first_year..=self.last_year).contains(&t.year())
    }

    /// Why `t` cannot be written (`None` when it can).
    pub(crate) fn refusal(&self, t: LocalTime) -> Option<StoreError> {
        (!self.contains(t)).then(|| StoreError::Clock {
            at: t.format("%H:%M %d/%m/%Y").to_string(),
            first_year: self.first_year,
            last_year: self.last_year,
        })
    }

    /// The first instant of a dossier (receipt, then events from `from`) outside the window.
    pub(crate) fn check(&self, d: &Dossier, from: usize) -> Result<(), StoreError> {
        let received = (from == 0).then_some(d.received_at);
        let events = d.events.iter().skip(from).map(|e| e.at);
        match received
            .into_iter()
            .chain(events)
            .find_map(|t| self.refusal(t))
        {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl Store {
    /// Sets the years written instants may fall in (the settings' `[desk] clock_years`).
    pub fn set_clock_window(&mut self, window: ClockWindow) {
        self.window = window;
    }

    pub(crate) fn clock_window(&self) -> ClockWindow {
        self.window
    }

    /// Refuses a dossier whose receipt (when `from` is 0) or events from index `from` fall
    /// outside the clock window.
    pub(super) fn check_instants(&self, d: &Dossier, from: usize) -> Result<(), StoreError> {
        self.window.check(d, from)
    }
}
