//! What flows through [`super::app::App::update`]: the [`Action`]s (what the clerk means, or
//! what an effect produced) and the [`Effect`]s (work for the runner against the desk).

use crate::calendar::LocalTime;
use crate::desk::{Appointment, BoardPage, Detail, ListFilter, Row};
use crate::domain::{Command, Dossier, DossierCode, Intake, ProcedureCode};

use super::keymap::Cmd;
use super::papers::Paper;

/// Work for the runner, which performs it against the desk and answers with an [`Action`].
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// One page of a tab; with `header`, also every tab's count and today's counters (a
    /// scroll to another page skips those: they are the costly part with many dossiers).
    LoadBoard {
        tab: ListFilter,
        offset: usize,
        limit: usize,
        header: bool,
    },
    Open(DossierCode),
    PreviewDue(ProcedureCode),
    /// The appointment of a procedure whose limit counts from this instant (a dossier's
    /// procedure being corrected: from its receipt or its supplement's), answered as
    /// [`Action::DuePreview`].
    PreviewDueFrom(ProcedureCode, LocalTime),
    Receive(Box<Intake>),
    /// A legal step on the dossier whose screen showed this many events.
    Act(DossierCode, usize, Box<Command>),
    Search(String),
    /// A paper, written as PDF into the printouts folder, then sent to the printer queue of
    /// the settings, if one is set.
    Print(Paper),
    /// A paper as text for the papers menu's preview.
    Preview(Paper),
    /// The agency's values as `config.toml` holds them, for the settings screen.
    LoadAgency,
    /// Writes the agency's values into `config.toml` (see `settings::write_agency`).
    SaveAgency(Box<crate::settings::AgencySetup>),
}

/// What the clerk means, or what an effect produced.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Key(Cmd),
    /// A printable character for the focused field (or the board's scan buffer).
    Input(char),
    /// Text pasted into the terminal, made one line (`input::paste_line`).
    Paste(String),
    /// The first character of a code scanned on a screen without text fields.
    Scan(char),
    /// The clock moved; `now` is passed to `update` anyway.
    Tick,
    Resize(u16, u16),
    BoardLoaded(Box<BoardPage>),
    Opened(Box<Detail>),
    Received(Box<Dossier>),
    Acted(Box<Detail>),
    /// A step was refused because the dossier changed meanwhile: here it is as it stands now.
    Stale(Box<Detail>, String),
    SearchResults {
        query: String,
        rows: Vec<Row>,
    },
    DuePreview(Option<Appointment>),
    /// A printout was written (and maybe sent): the message says where.
    Printed(String),
    /// A paper's preview lines.
    Previewed(Paper, Vec<String>),
    Failed(String),
    /// Leave the intake form without saving (after its confirm).
    LeaveIntake,
    /// The agency's values from `config.toml`: the settings screen opens with them.
    AgencyLoaded(Box<crate::settings::AgencySetup>),
    /// The agency's values are written: where, and when they apply.
    SetupSaved(String),
    /// The settings reader refused the agency's values: why, by the form's label.
    SetupRefused(String),
    /// Perform an effect (after a confirm).
    Run(Box<Effect>),
}
