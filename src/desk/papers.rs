//! The papers of the desk: the forms of one dossier, the register, the catalogue to post, each
//! built by `report` with the letterhead in force on the paper's date. Rendering (PDF, text,
//! CSV) and printing are the caller's (`print`).

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::{DeskError, FormKind, LocalDesk};
use crate::calendar::LocalTime;
use crate::domain::account::officer_name;
use crate::domain::{Dossier, DossierCode};
use crate::report::forms::Papers;
use crate::report::{Document, Letterhead, ReportError, forms, posted, register};
use crate::store::TimeIndex;

fn rule(e: ReportError) -> DeskError {
    DeskError::Rule(e.to_string())
}

/// The dossier as its papers print it: every officer by full name alone ("Nguyễn Thị Hoa"
/// under "NGƯỜI TIẾP NHẬN HỒ SƠ", not the "Nguyễn Thị Hoa (hoa)" its events record; see
/// `domain::account::officer`). Only the paper's copy changes.
fn officers_by_name(mut d: Dossier) -> Dossier {
    let name = |op: &mut String| {
        let shown = officer_name(op);
        if shown.len() != op.len() {
            *op = shown.to_owned();
        }
    };
    name(&mut d.received_by);
    for e in &mut d.events {
        name(&mut e.operator);
    }
    d
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
        let d = officers_by_name(d);
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

    /// The dossier's "Số thứ tự" in the register of its year ([`register::number_in_year`]: its
    /// rank among the year's dossiers by the order they were recorded, so it never changes).
    fn register_number(&self, d: &Dossier) -> Result<u64, DeskError> {
        let mut ids = self.year_ids(d.received_at.date().year())?;
        ids.sort_unstable();
        Ok(register::number_in_year(d.id.0, &ids))
    }

    /// The ids of every dossier received in `year`.
    fn year_ids(&self, year: i32) -> Result<Vec<u64>, DeskError> {
        let start = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1).map(|d| d.and_time(NaiveTime::MIN));
        self.store
            .time_ids(
                TimeIndex::Received,
                start(year),
                start(year.saturating_add(1)),
                false,
                crate::store::Page::ALL,
            )
            .map_err(Self::env)
    }

    /// The register of `from..=to`.
    pub(super) fn register_document(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: LocalTime,
    ) -> Result<Document, DeskError> {
        register::check_range(from, to).map_err(rule)?;
        // Numbers are ranks in the whole year (`register::number_in_year`): read the years whole.
        let mut ids = Vec::new();
        for year in from.year()..=to.year() {
            ids.extend(self.year_ids(year)?);
        }
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
