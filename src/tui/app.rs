//! The application state and its one entry point, [`App::update`]: an [`Action`] (what the clerk
//! means, or the result of an effect) changes the state and returns [`Effect`]s for the runner to
//! perform against the desk. No terminal I/O and no store here, so every state can be built in a
//! test and rendered to a `TestBackend`.

use crate::calendar::LocalTime;
use crate::desk::{Detail, FormKind, Row};
use crate::domain::{Dossier, Procedure, Timeliness};

use super::board::Board;
use super::intake::IntakeForm;
use super::keymap::{self, Binding, Cmd, Key};
use super::papers::{Paper, PaperMenu};
use super::setup::AgencyForm;
use super::verbs::VerbForm;

/// How a row is coloured: by timeliness against the legal due instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Normal,
    DueSoon,
    Overdue,
    /// No longer running (result ready or ended).
    Closed,
}

impl Tone {
    /// The tone of a judged row.
    pub(crate) fn of(row: &Row) -> Tone {
        match row.judgement.timeliness {
            Timeliness::Overdue => Tone::Overdue,
            Timeliness::DueSoon => Tone::DueSoon,
            Timeliness::Within | Timeliness::WaitingSupplement => Tone::Normal,
            Timeliness::Early | Timeliness::OnTime | Timeliness::Late => Tone::Closed,
        }
    }
}

pub use super::messages::{Action, Effect};

#[derive(Clone, Debug, PartialEq)]
pub struct Confirm {
    pub(crate) title: String,
    pub lines: Vec<String>,
    pub(crate) on_yes: Box<Action>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DossierView {
    pub(crate) detail: Detail,
    pub(crate) scroll: usize,
    pub(crate) explain: bool,
    pub form: Option<VerbForm>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SearchState {
    pub(crate) query: super::input::TextField,
    /// The query the results answer (results arrive after typing).
    pub(crate) answered: String,
    pub results: Vec<Row>,
    pub(crate) selected: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CatalogueState {
    pub(crate) selected: usize,
}

/// The screens. Each owns its state; the board's state lives in [`App::board`] so it survives.
#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    Board,
    Intake(Box<IntakeForm>),
    Received(Box<Dossier>),
    Dossier(Box<DossierView>),
    Search(Box<SearchState>),
    Catalogue(CatalogueState),
    /// The agency's identity (first start, or `o` on the board).
    Setup(Box<AgencyForm>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    /// Work still running (shown without the ✓ of a finished one).
    Busy,
    Error,
}

/// The desk's calendar, shared (the same one is equal to itself: the App compares by state).
#[derive(Clone, Debug)]
pub struct DeskCalendar(pub std::sync::Arc<crate::calendar::Calendar>);

impl PartialEq for DeskCalendar {
    fn eq(&self, other: &DeskCalendar) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The whole TUI state. Rendering borrows it immutably.
#[derive(Clone, Debug, PartialEq)]
pub struct App {
    pub(crate) now: LocalTime,
    pub(crate) size: (u16, u16),
    pub screen: Screen,
    pub board: Board,
    pub catalogue: Vec<Procedure>,
    pub help: bool,
    pub confirm: Option<Confirm>,
    /// The papers menu over the current screen, when open.
    pub(crate) papers: Option<PaperMenu>,
    pub message: Option<(Level, String)>,
    pub(crate) quit: bool,
    /// The account logged in (counter mode), shown in the title.
    pub(crate) who: Option<String>,
    /// Who works at this desk, as the desk records it on each event: the dossier view checks
    /// with it whether an undo is this clerk's to make before asking for its reason.
    pub operator: String,
    /// The agency code is still the built-in placeholder: the board's status line says so.
    pub placeholder_code: bool,
    /// The desk's calendar when this process holds the ledger: the dossier view checks an
    /// apology's new appointment with it before the confirm (a counter's desk checks on save).
    pub calendar: Option<DeskCalendar>,
    /// Why the machine's clock looks wrong (outside the settings' clock years), for the board's
    /// status line from the start.
    pub clock_warning: Option<String>,
}

impl App {
    pub fn new(now: LocalTime, catalogue: Vec<Procedure>, size: (u16, u16)) -> App {
        App {
            now,
            size,
            screen: Screen::Board,
            board: Board::default(),
            catalogue,
            help: false,
            confirm: None,
            papers: None,
            message: None,
            quit: false,
            who: None,
            operator: String::new(),
            placeholder_code: false,
            calendar: None,
            clock_warning: None,
        }
    }

    /// Rows the board list can show at the current terminal height.
    pub fn page_rows(&self) -> usize {
        super::board::list_height(self.size.1)
    }

    /// The keymap table that is active now (help, confirm and forms take precedence).
    pub fn keymap(&self) -> &'static [Binding] {
        if self.help {
            return keymap::HELP;
        }
        if self.confirm.is_some() {
            return keymap::CONFIRM;
        }
        if let Some(menu) = &self.papers {
            return match menu.range {
                Some(_) => keymap::RANGE,
                None => keymap::PAPERS,
            };
        }
        match &self.screen {
            Screen::Board => keymap::BOARD,
            Screen::Intake(_) => keymap::INTAKE,
            Screen::Received(_) => keymap::RECEIVED,
            Screen::Dossier(v) if v.form.is_some() => keymap::FORM,
            Screen::Dossier(_) => keymap::DOSSIER,
            Screen::Search(_) => keymap::SEARCH,
            Screen::Catalogue(_) => keymap::CATALOGUE,
            Screen::Setup(_) => keymap::SETUP,
        }
    }

    /// Whether a binding applies now (a verb the dossier does not allow is not offered).
    pub fn enabled(&self, cmd: Cmd) -> bool {
        match (cmd, &self.screen) {
            (Cmd::Verb(v), Screen::Dossier(view)) => view.detail.commands.contains(&v),
            (Cmd::Verb(_), _) => false,
            (Cmd::Mark, Screen::Intake(form)) => form.text(form.focus).is_none(),
            (Cmd::Mark, _) => false,
            (Cmd::Range, _) => self.papers.as_ref().is_some_and(|m| m.ranges),
            _ => true,
        }
    }

    /// The action a key means in the current state, if any.
    pub fn on_key(&self, key: Key) -> Option<Action> {
        let scanning = matches!(self.screen, Screen::Board) && !self.board.scan.is_empty();
        if let (true, Key::Char(c)) = (scanning, key) {
            return Some(Action::Input(c));
        }
        if let Some(cmd) = keymap::lookup(self.keymap(), key) {
            // A legal step the dossier does not allow now still answers, with the reason.
            if self.enabled(cmd) || matches!(cmd, Cmd::Verb(_)) {
                return Some(Action::Key(cmd));
            }
            // Space marks only off a text field; on one it types a space.
            if cmd != Cmd::Mark {
                return None;
            }
        }
        match key {
            Key::Char(c) if self.accepts_text() => Some(Action::Input(c)),
            Key::Char(c) if self.scan_can_start(c) => Some(Action::Scan(c)),
            _ => None,
        }
    }

    /// A scanner types a code (digits and capitals first) on a screen without text fields: it
    /// goes to the board's code buffer, so a receipt scanned anywhere opens its dossier.
    fn scan_can_start(&self, c: char) -> bool {
        let quiet = !self.help && self.confirm.is_none() && self.papers.is_none();
        let screen = match &self.screen {
            Screen::Dossier(v) => v.form.is_none(),
            Screen::Received(_) | Screen::Catalogue(_) => true,
            Screen::Board | Screen::Intake(_) | Screen::Search(_) | Screen::Setup(_) => false,
        };
        quiet && screen && (c.is_ascii_digit() || c.is_ascii_uppercase())
    }

    /// Whether a paste goes anywhere on the current screen (a text field or the board's code
    /// buffer).
    pub(crate) fn accepts_paste(&self) -> bool {
        self.accepts_text()
    }

    fn accepts_text(&self) -> bool {
        if self.help || self.confirm.is_some() {
            return false;
        }
        if let Some(menu) = &self.papers {
            return menu.range.is_some();
        }
        match &self.screen {
            Screen::Board | Screen::Intake(_) | Screen::Search(_) | Screen::Setup(_) => true,
            Screen::Dossier(v) => v.form.is_some(),
            Screen::Received(_) | Screen::Catalogue(_) => false,
        }
    }

    /// Applies one action at `now`; returns the effects to run.
    pub fn update(&mut self, action: Action, now: LocalTime) -> Vec<Effect> {
        self.now = now;
        if matches!(
            action,
            Action::Key(_) | Action::Input(_) | Action::Scan(_) | Action::Paste(_)
        ) {
            self.message = None;
        }
        match action {
            Action::Key(Cmd::Help) => {
                self.help = true;
                Vec::new()
            }
            Action::Key(_) if self.help => {
                self.help = false;
                Vec::new()
            }
            Action::Key(Cmd::Yes) => match self.confirm.take() {
                Some(c) => self.update(*c.on_yes, now),
                None => Vec::new(),
            },
            Action::Key(Cmd::No) => {
                self.confirm = None;
                Vec::new()
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.board.resize(self.page_rows())
            }
            Action::Tick => self.tick(),
            Action::Failed(msg) => {
                self.fail(msg);
                Vec::new()
            }
            Action::Printed(msg) => {
                self.info(msg);
                Vec::new()
            }
            Action::Run(effect) => vec![*effect],
            Action::BoardLoaded(page) => self.board.loaded(*page).into_iter().collect(),
            Action::LeaveIntake => self.go_board(),
            Action::Key(_) | Action::Previewed(..) | Action::Input(_) | Action::Paste(_)
                if self.papers.is_some() =>
            {
                super::papers::update(self, action)
            }
            Action::Previewed(..) => Vec::new(),
            Action::Scan(c) => {
                self.board.scan = c.to_string();
                self.go_board()
            }
            other => self.screen_update(other),
        }
    }

    fn screen_update(&mut self, action: Action) -> Vec<Effect> {
        match &self.screen {
            Screen::Board => super::board::update(self, action),
            Screen::Intake(_) => super::intake::update(self, action),
            Screen::Received(_) => self.received_update(action),
            Screen::Dossier(_) => super::dossier::update(self, action),
            Screen::Search(_) => super::search::update(self, action),
            Screen::Catalogue(_) => super::catalogue::update(self, action),
            Screen::Setup(_) => super::setup::update(self, action),
        }
    }

    fn tick(&mut self) -> Vec<Effect> {
        let mut effects = vec![self.board.load(self.page_rows())];
        match &self.screen {
            Screen::Intake(form) => effects.extend(form.preview_effect()),
            Screen::Dossier(v) if v.form.is_none() => {
                effects.push(Effect::Open(v.detail.row.dossier.code.clone()))
            }
            _ => {}
        }
        effects
    }

    fn received_update(&mut self, action: Action) -> Vec<Effect> {
        let Screen::Received(d) = &self.screen else {
            return Vec::new();
        };
        match action {
            Action::Key(Cmd::Open) => vec![Effect::Open(d.code.clone())],
            Action::Key(Cmd::Print) => vec![Effect::Print(Paper::Form(
                d.code.clone(),
                FormKind::Receipt,
            ))],
            Action::Key(Cmd::NewIntake) => {
                self.screen = Screen::Intake(Box::default());
                Vec::new()
            }
            Action::Key(Cmd::Back) => self.go_board(),
            Action::Opened(detail) => {
                self.open_detail(*detail);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Shows a failure on screen; the program keeps running.
    pub(crate) fn fail(&mut self, msg: String) {
        self.message = Some((Level::Error, msg));
    }

    pub(crate) fn info(&mut self, msg: String) {
        self.message = Some((Level::Info, msg));
    }

    /// Shows work still running (the daily backup); replaced by its outcome.
    pub(crate) fn busy(&mut self, msg: String) {
        self.message = Some((Level::Busy, msg));
    }

    /// Back to the board, refreshing it.
    pub(crate) fn go_board(&mut self) -> Vec<Effect> {
        self.screen = Screen::Board;
        self.papers = None;
        vec![self.board.load(self.page_rows())]
    }

    pub(crate) fn open_detail(&mut self, detail: Detail) {
        self.papers = None;
        self.screen = Screen::Dossier(Box::new(DossierView {
            detail,
            scroll: 0,
            explain: false,
            form: None,
        }));
    }

    /// Opens the papers menu over the current screen with `selected` chosen.
    pub(crate) fn open_papers(
        &mut self,
        title: &str,
        choices: Vec<Paper>,
        selected: usize,
    ) -> Vec<Effect> {
        let (menu, effects) = PaperMenu::open(title, choices, selected);
        self.papers = Some(menu);
        effects
    }

    /// Opens the search screen (from anywhere) with an empty query.
    pub(crate) fn open_search(&mut self) {
        self.papers = None;
        self.screen = Screen::Search(Box::new(SearchState {
            query: super::input::TextField::default(),
            answered: String::new(),
            results: Vec::new(),
            selected: 0,
        }));
    }
}
