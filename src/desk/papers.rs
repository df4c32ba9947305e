//! The papers of the desk: the forms of one dossier, the register, the catalogue to post, each
//! built by `report` with the letterhead in force on the paper's date. Rendering (PDF, text,
//! CSV) and printing are the caller's (`print`).

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::{DeskError, FormKind, LocalDesk};
use crate::calendar::LocalTime;
use crate::domain::{Dossier, DossierCode};
use crate::report::forms::Papers;
use crate::report::{Document, Letterhead, ReportError, forms, posted, register};
use crate::store::TimeIndex;

fn rule(e: ReportError) -> DeskError {
    DeskError::Rule(e.to_string())
}

impl LocalDesk {
    /// The letterhead in force at `at` (the settings' history: `[agency]` and
    /// `[[agency.history]]`).
    pub(super) fn letterhead_at(&self, at: LocalTime) -> Letterhead {
        self.settings.letterheads().at(at.date()).clone()
    }

    /// A form of the dossier with this code, built with the letterhead of its own date (see
    /// `report::forms`); `now` does not change it, so a reprint is the same text.
    pub(super) fn form(
        &self,
        kind: FormKind,
        code: &DossierCode,
        _now: LocalTime,
    ) -> Result<Document, DeskError> {
        let d = self.dossier(code)?.ok_or_else(|| super::not_found(code))?;
        let letterheads = self.settings.letterheads();
        let p = Papers {
            letterheads: &letterheads,
            calendar: &self.calendar,
        };
        match kind {
            FormKind::Receipt => Ok(forms::receipt(&d, &p, Some(self.register_number(&d)?))),
            FormKind::SupplementRequest => forms::supplement_request(&d, &p).map_err(rule),
            FormKind::Refusal => forms::refusal(&d, &p).map_err(rule),
            FormKind::StopNotice => forms::stop_notice(&d, &p).map_err(rule),
            FormKind::ControlSheet => Ok(forms::control_sheet(&d, &p)),
            FormKind::ApologyLetter => forms::apology_letter(&d, &p).map_err(rule),
        }
    }

    /// The dossier's "Số thứ tự" in the register of its year: dossiers received from 1 January
    /// before it, plus those received at the same instant with a lower id, plus one (the order
    /// `report::register` numbers).
    fn register_number(&self, d: &Dossier) -> Result<u64, DeskError> {
        let env = DeskError::from_store;
        let at = d.received_at;
        let year_start = at
            .date()
            .with_ordinal(1)
            .unwrap_or(at.date())
            .and_time(NaiveTime::MIN);
        let before = self
            .store
            .count_time(TimeIndex::Received, Some(year_start), Some(at))
            .map_err(env)?;
        let same = self
            .store
            .time_ids(
                TimeIndex::Received,
                Some(at),
                Some(at + chrono::Duration::nanoseconds(1)),
                false,
                crate::store::Page::ALL,
            )
            .map_err(env)?;
        let same = same.iter().filter(|id| **id <= d.id.0).count() as u64;
        Ok(before + same.max(1))
    }

    /// The register of `from..=to`.
    pub(super) fn register_document(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: LocalTime,
    ) -> Result<Document, DeskError> {
        register::check_range(from, to).map_err(rule)?;
        // Numbers run from 01 on 1 January: read every dossier received from then to `to`.
        let year_start = from
            .with_ordinal(1)
            .unwrap_or(from)
            .and_time(NaiveTime::MIN);
        let end = to.succ_opt().unwrap_or(to).and_time(NaiveTime::MIN);
        let ids = self
            .store
            .time_ids(
                TimeIndex::Received,
                Some(year_start),
                Some(end),
                false,
                crate::store::Page::ALL,
            )
            .map_err(Self::env)?;
        let all: Vec<Dossier> = self.store.get_many(&ids).map_err(Self::env)?;
        let letterheads = self.settings.letterheads();
        let p = Papers {
            letterheads: &letterheads,
            calendar: &self.calendar,
        };
        register::register(&all, from, to, &p, now).map_err(rule)
    }

    /// The catalogue to post at the desk, with the clerk's notices of what was left out
    /// (`report::posted`).
    pub(super) fn posted_catalogue(&self, now: LocalTime) -> Document {
        posted::catalogue(&self.procedures(), &self.letterhead_at(now), now)
    }
}
