//! What the end-of-day summary of a past day reads: every dossier received up to that day's
//! end (the current lists do not say what stood open then). Today's summary is read from the
//! tallies and the status index instead (see `reports.rs`).

use chrono::NaiveDate;

use crate::domain::Dossier;
use crate::store::{Page, TimeIndex};

use super::{DeskError, LocalDesk};

impl LocalDesk {
    /// The dossiers `report::day::day_summary(…, date, …)` needs: those received by the end
    /// of `date`, in order of receipt.
    pub(super) fn day_dossiers(&self, date: NaiveDate) -> Result<Vec<Dossier>, DeskError> {
        let end = date
            .succ_opt()
            .unwrap_or(date)
            .and_time(chrono::NaiveTime::MIN);
        let ids = self
            .store
            .time_ids(TimeIndex::Received, None, Some(end), false, Page::ALL)
            .map_err(Self::env)?;
        self.store.get_many(&ids).map_err(Self::env)
    }
}
