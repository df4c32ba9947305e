//! [`Desk`] over the ledger this process holds: each use case delegates to the `LocalDesk`
//! method that implements it (lists, reports, papers, transfer each in their own file).

use chrono::NaiveDate;

use super::{
    Appointment, BoardPage, Call, DeskError, Detail, ExportFormat, FormKind, ListFilter, LocalDesk,
    Page, Profile, Row, StepDefaults,
};
use crate::calendar::{ClockEvent, LocalTime};
use crate::domain::{
    Command, Dossier, DossierCode, FeeRule, Intake, Procedure, ProcedureCode, Status,
    available_commands, clock_events, suggest_new_due,
};
use crate::report::day::DaySummary;
use crate::report::period::PeriodStats;
use crate::report::{Document, Letterhead};

use super::api::Desk;

/// The legal due of `d` if its clock restarts (after a supplement) or resumes (after a pause)
/// at `now`; `None` in any other state.
fn clock_due(d: &Dossier, now: LocalTime, cal: &crate::calendar::Calendar) -> Option<LocalTime> {
    let step = match d.status {
        Status::SupplementRequested => ClockEvent::Restart(now),
        Status::Paused => ClockEvent::Resume(now),
        _ => return None,
    };
    let mut events = clock_events(d);
    events.push(step);
    Some(cal.due(d.received_at, d.time_limit, &events).at)
}

impl LocalDesk {
    /// What the dossier view shows about `d` at `now`.
    fn detail_of(&self, d: Dossier, now: LocalTime) -> Detail {
        let cal = &self.calendar;
        let procedure = self.procedure(&d.procedure);
        let defaults = StepDefaults {
            unit: procedure
                .as_ref()
                .map(|p| p.unit.clone())
                .unwrap_or_default(),
            fee_vnd: match procedure.as_ref().map(|p| &p.fee) {
                Some(FeeRule::Fixed(a)) => *a,
                _ => 0,
            },
            signer: self.settings.agency.head.clone(),
            ratings: self.settings.desk.satisfaction_scale.clone(),
            new_due: Some(suggest_new_due(&d, now, cal)),
            clock_due: clock_due(&d, now, cal),
        };
        let due = cal.due(d.received_at, d.time_limit, &clock_events(&d));
        let due = Appointment {
            at: due.at,
            lines: due.explanation.lines(),
        };
        let letterheads = self.settings.letterheads();
        let desk_names = d
            .events
            .iter()
            .map(|e| letterheads.at(e.at.date()).desk.clone())
            .collect();
        Detail {
            commands: available_commands(&d, now, cal, &self.settings.supplement),
            desk_names,
            row: self.row(d, now),
            due,
            defaults,
        }
    }
}

impl Desk for LocalDesk {
    fn profile(&self) -> Result<Profile, DeskError> {
        let s = &self.settings;
        Ok(Profile {
            agency: s.agency.name.clone(),
            agency_code: s.agency.code.clone(),
            placeholder_code: s.agency.code == crate::settings::PLACEHOLDER_AGENCY_CODE,
            default_operator: s.desk.default_operator.clone(),
            satisfaction_scale: s.desk.satisfaction_scale.clone(),
            due_soon_minutes: s.desk.due_soon_minutes,
            printer: s.desk.printer.clone(),
        })
    }

    fn catalogue(&self) -> Result<Vec<Procedure>, DeskError> {
        Ok(self.procedures())
    }

    fn replace_catalogue(&self, procedures: Vec<Procedure>) -> Result<(), DeskError> {
        self.put_catalogue(procedures)
    }

    fn preview_due(
        &self,
        procedure: &ProcedureCode,
        now: LocalTime,
    ) -> Result<Option<Appointment>, DeskError> {
        Ok(self.preview(procedure, now))
    }

    fn receive(&self, intake: Intake, call: &Call) -> Result<Dossier, DeskError> {
        self.receive_intake(intake, call)
    }

    fn act(
        &self,
        code: &DossierCode,
        seen: Option<usize>,
        command: Command,
        call: &Call,
    ) -> Result<Dossier, DeskError> {
        self.apply_step(code, seen, command, call)
    }

    fn get(&self, code: &DossierCode) -> Result<Option<Dossier>, DeskError> {
        self.dossier(code)
    }

    fn detail(&self, code: &DossierCode, now: LocalTime) -> Result<Option<Detail>, DeskError> {
        Ok(self.dossier(code)?.map(|d| self.detail_of(d, now)))
    }

    fn board(
        &self,
        filter: ListFilter,
        now: LocalTime,
        page: Page,
        header: bool,
    ) -> Result<BoardPage, DeskError> {
        let header = if header {
            Some(self.header(now)?)
        } else {
            None
        };
        let total = match &header {
            Some((counts, _)) => counts[filter.index()],
            None => self.list_count(filter, now)?,
        };
        Ok(BoardPage {
            filter,
            offset: page.offset,
            rows: self.list_rows(filter, now, page)?,
            total,
            header,
        })
    }

    fn list(&self, filter: ListFilter, now: LocalTime, page: Page) -> Result<Vec<Row>, DeskError> {
        self.list_rows(filter, now, page)
    }

    fn count(&self, filter: ListFilter, now: LocalTime) -> Result<u64, DeskError> {
        self.list_count(filter, now)
    }

    fn counters(&self, now: LocalTime) -> Result<super::DayCounters, DeskError> {
        Ok(self.header(now)?.1)
    }

    fn list_status(
        &self,
        status: Status,
        now: LocalTime,
        page: Page,
    ) -> Result<Vec<Row>, DeskError> {
        self.status_rows(status, now, page)
    }

    fn received_on(
        &self,
        day: NaiveDate,
        now: LocalTime,
        page: Page,
    ) -> Result<Vec<Row>, DeskError> {
        self.received_rows(day, now, page)
    }

    fn search(&self, text: &str, limit: usize, now: LocalTime) -> Result<Vec<Row>, DeskError> {
        let found = self.search_dossiers(text, limit, now.date())?;
        Ok(found.into_iter().map(|d| self.row(d, now)).collect())
    }

    fn late(&self, now: LocalTime) -> Result<Vec<Row>, DeskError> {
        self.late_rows(now)
    }

    fn letterhead(&self, at: LocalTime) -> Result<Letterhead, DeskError> {
        Ok(self.letterhead_at(at))
    }

    fn document(
        &self,
        kind: FormKind,
        code: &DossierCode,
        now: LocalTime,
    ) -> Result<Document, DeskError> {
        self.form(kind, code, now)
    }

    fn register(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: LocalTime,
    ) -> Result<Document, DeskError> {
        self.register_document(from, to, now)
    }

    fn catalogue_document(&self, now: LocalTime) -> Result<Document, DeskError> {
        Ok(self.posted_catalogue(now))
    }

    fn day_summary(&self, date: NaiveDate, now: LocalTime) -> Result<DaySummary, DeskError> {
        let mut s = self.summary_of_day(date, now)?;
        s.head = Some(self.ledger_head()?);
        Ok(s)
    }

    fn period_stats(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: LocalTime,
    ) -> Result<PeriodStats, DeskError> {
        let mut s = self.stats_of_period(from, to, now)?;
        s.head = Some(self.ledger_head()?);
        Ok(s)
    }

    fn clerk_figures(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        now: LocalTime,
    ) -> Result<crate::report::period::ClerkFigures, DeskError> {
        self.figures_of_period(from, to, now)
    }

    fn changes(&self) -> Result<u64, DeskError> {
        self.store.changes().map_err(DeskError::from_store)
    }

    fn verify(&self) -> Result<crate::store::Report, DeskError> {
        self.store.verify().map_err(DeskError::from_store)
    }

    fn find_head(&self, prefix: &str) -> Result<Option<crate::store::anchor::Anchor>, DeskError> {
        self.store
            .find_anchor(prefix)
            .map_err(DeskError::from_store)
    }

    fn export(
        &self,
        format: ExportFormat,
        mask: bool,
        out: &mut dyn std::io::Write,
    ) -> Result<u64, DeskError> {
        match format {
            ExportFormat::Jsonl => self.export_jsonl_masked(out, mask),
            ExportFormat::Csv => self.export_csv_masked(out, mask),
        }
    }
}
