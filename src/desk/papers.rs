//! The papers of the desk: the forms of one dossier, the register, the catalogue to post, each
//! built by `report` with the letterhead in force on the paper's date. Rendering (PDF, text,
//! CSV) and printing are the caller's (`print`).

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::{DeskError, FormKind, LocalDesk};
use crate::calendar::LocalTime;
use crate::domain::{Dossier, DossierCode};
use crate::report::{Document, Letterhead, ReportError, forms, register};
use crate::store::TimeIndex;

fn rule(e: ReportError) -> DeskError {
    DeskError::Rule(e.to_string())
}

impl LocalDesk {
    /// The letterhead in force at `at`.
    pub(super) fn letterhead_at(&self, _at: LocalTime) -> Letterhead {
        self.settings.letterhead()
    }

    /// A form of the dossier with this code.
    pub(super) fn form(
        &self,
        kind: FormKind,
        code: &DossierCode,
        now: LocalTime,
    ) -> Result<Document, DeskError> {
        let d = self.dossier(code)?.ok_or_else(|| super::not_found(code))?;
        let l = self.letterhead_at(now);
        match kind {
            FormKind::Receipt => Ok(forms::receipt(&d, &l)),
            FormKind::SupplementRequest => forms::supplement_request(&d, &l).map_err(rule),
            FormKind::Refusal => forms::refusal(&d, &l).map_err(rule),
            FormKind::StopNotice => forms::stop_notice(&d, &l).map_err(rule),
            FormKind::ControlSheet => Ok(forms::control_sheet(&d, &l)),
            FormKind::ApologyLetter => forms::apology_letter(&d, &l).map_err(rule),
        }
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
        register::register(&all, from, to, &self.letterhead_at(now), now).map_err(rule)
    }

    /// The catalogue to post at the desk.
    pub(super) fn posted_catalogue(&self, now: LocalTime) -> Document {
        register::catalogue(&self.procedures(), &self.letterhead_at(now), now)
    }
}
