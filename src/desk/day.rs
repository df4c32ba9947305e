//! What the end-of-day summary reads: for today the day's receipts, every open or waiting
//! dossier and the day's hand-backs, through the indexes; for another day everything (the
//! current lists do not say what stood open then).

use chrono::NaiveDate;

use crate::calendar::LocalTime;
use crate::domain::{Dossier, Status};

use super::{Desk, DeskError, ListFilter};

impl Desk {
    /// The dossiers `report::day::day_summary(…, date, now, …)` needs, each once.
    pub fn day_dossiers(&self, date: NaiveDate, now: LocalTime) -> Result<Vec<Dossier>, DeskError> {
        if date != now.date() {
            return self.list(ListFilter::All, now, 0, usize::MAX);
        }
        let mut out = self.received_on(date, 0, usize::MAX)?;
        for status in [
            Status::Received,
            Status::InProcessing,
            Status::SupplementRequested,
            Status::Paused,
            Status::ResultReady,
        ] {
            out.extend(self.list_status(status, 0, usize::MAX)?);
        }
        // hand-backs come newest first: read pages until one reaches back before the day
        const PAGE: usize = 200;
        let mut offset = 0;
        loop {
            let page = self.list_status(Status::HandedBack, offset, PAGE)?;
            let done = page.len() < PAGE
                || page
                    .iter()
                    .any(|d| d.events.iter().all(|e| e.at.date() < date));
            out.extend(page);
            if done {
                break;
            }
            offset += PAGE;
        }
        out.sort_by_key(|d| d.id);
        out.dedup_by_key(|d| d.id);
        Ok(out)
    }
}
