//! The desk board, the home screen: today's counters, the tabs (one per list filter), and the
//! current page of dossiers. Only the visible page is ever loaded or drawn, so the board costs
//! the same with ten dossiers or a hundred thousand. Typing a full dossier code (or scanning it)
//! and Enter opens that dossier. State and update only; the drawing is in `board_view`.

use crate::desk::{DayCounters, ListFilter};
use crate::domain::DossierCode;

use crate::desk::{BoardPage, Row};

use super::app::{Action, App, Effect, Screen};
use super::keymap::Cmd;

/// The tab's short name for narrow terminals (the full one is `ListFilter::label`).
pub(crate) fn short_label(tab: ListFilter) -> &'static str {
    match tab {
        ListFilter::Today => "Hôm nay",
        ListFilter::Open => "Đang GQ",
        ListFilter::DueSoon => "Sắp hạn",
        ListFilter::Overdue => "Quá hạn",
        ListFilter::WaitingCollection => "Chờ trả",
        ListFilter::ApologyNeeded => "Xin lỗi",
        ListFilter::All => "Tất cả",
    }
}

/// The tab `by` places after `tab` (before, when negative), wrapping around.
fn step(tab: ListFilter, by: isize) -> ListFilter {
    let n = ListFilter::ALL.len() as isize;
    ListFilter::ALL[(tab.index() as isize + by).rem_euclid(n) as usize]
}

/// The board's state: which tab, which page, which row.
#[derive(Clone, Debug, PartialEq)]
pub struct Board {
    /// The list shown; the desk opens on the working list ("Đang giải quyết").
    pub tab: ListFilter,
    /// Index of the first loaded (and shown) row in the whole list.
    pub(crate) top: usize,
    /// Index of the selected row in the whole list.
    pub selected: usize,
    pub(crate) rows: Vec<Row>,
    pub(crate) total: u64,
    /// Every list's count, in [`ListFilter::ALL`] order.
    pub(crate) counts: [u64; 7],
    pub(crate) counters: DayCounters,
    /// Characters typed on the board that are not commands: a dossier code being typed or
    /// scanned.
    pub scan: String,
    /// How many rows fit on screen.
    pub(crate) page: usize,
}

impl Default for Board {
    fn default() -> Board {
        Board {
            tab: ListFilter::Open,
            top: 0,
            selected: 0,
            rows: Vec::new(),
            total: 0,
            counts: [0; 7],
            counters: DayCounters::default(),
            scan: String::new(),
            page: 0,
        }
    }
}

/// Rows of the list at terminal height `h`: title, counters, tabs, column header, message and
/// hint lines take six.
pub(crate) fn list_height(h: u16) -> usize {
    usize::from(h.saturating_sub(6))
}

impl Board {
    /// The effect that loads the current page.
    pub(crate) fn load(&self, limit: usize) -> Effect {
        Effect::LoadBoard {
            tab: self.tab,
            offset: self.top,
            limit: limit.max(1),
            header: true,
        }
    }

    pub(crate) fn resize(&mut self, page: usize) -> Vec<Effect> {
        self.page = page;
        self.keep_visible();
        vec![self.load(page)]
    }

    fn keep_visible(&mut self) {
        let page = self.page.max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + page {
            self.top = self.selected + 1 - page;
        }
    }

    /// The effect that loads the current page only (after a scroll).
    fn load_page(&self, limit: usize) -> Effect {
        Effect::LoadBoard {
            tab: self.tab,
            offset: self.top,
            limit: limit.max(1),
            header: false,
        }
    }

    /// Takes a loaded page; returns a reload when the list shrank under the window.
    pub(crate) fn loaded(&mut self, page: BoardPage) -> Option<Effect> {
        if let Some((counts, counters)) = page.header {
            for (slot, n) in self.counts.iter_mut().zip(counts) {
                *slot = n;
            }
            self.counters = counters;
        }
        if page.filter != self.tab || page.offset != self.top {
            return None;
        }
        self.rows = page.rows;
        self.total = page.total;
        let last = usize::try_from(self.total)
            .unwrap_or(usize::MAX)
            .saturating_sub(1);
        self.selected = self.selected.min(last);
        let before = self.top;
        self.keep_visible();
        (self.top != before).then(|| self.load(self.page))
    }

    fn select(&mut self, to: usize) -> Vec<Effect> {
        let last = usize::try_from(self.total)
            .unwrap_or(usize::MAX)
            .saturating_sub(1);
        self.selected = to.min(last);
        let before = self.top;
        self.keep_visible();
        if self.top == before {
            Vec::new()
        } else {
            vec![self.load_page(self.page)]
        }
    }

    /// The selected row, if loaded.
    pub(crate) fn current(&self) -> Option<&Row> {
        self.rows.get(self.selected.checked_sub(self.top)?)
    }
}

impl Board {
    /// Moves `by` tabs, to the top of the new tab, and asks for its first page.
    fn switch_tab(&mut self, by: isize, page: usize) -> Effect {
        self.tab = step(self.tab, by);
        self.top = 0;
        self.selected = 0;
        self.rows.clear();
        self.total = 0;
        self.load(page)
    }
}

/// The board's reaction to an action.
#[expect(
    clippy::too_many_lines,
    reason = "one match arm per board key, each a line or two; split, the keymap would be read in pieces"
)]
pub(crate) fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.page_rows();
    let b = &mut app.board;
    b.page = page;
    match action {
        Action::Key(Cmd::Up) => b.select(b.selected.saturating_sub(1)),
        Action::Key(Cmd::Down) => b.select(b.selected + 1),
        Action::Key(Cmd::PageUp) => b.select(b.selected.saturating_sub(page.max(1))),
        Action::Key(Cmd::PageDown) => b.select(b.selected + page.max(1)),
        Action::Key(Cmd::First) => b.select(0),
        Action::Key(Cmd::Last) => b.select(usize::MAX),
        Action::Key(Cmd::NextTab) => vec![b.switch_tab(1, page)],
        Action::Key(Cmd::PrevTab) => vec![b.switch_tab(-1, page)],
        Action::Key(Cmd::Refresh) => vec![b.load(page)],
        Action::Key(Cmd::Open) if !b.scan.is_empty() => {
            let scanned = crate::text::nfc(b.scan.trim());
            b.scan.clear();
            if crate::domain::id_card::looks_like_card(&scanned) {
                return match super::card::intake_from(&scanned) {
                    Ok((form, effects)) => {
                        app.screen = Screen::Intake(Box::new(form));
                        effects
                    }
                    Err(why) => {
                        app.fail(why);
                        Vec::new()
                    }
                };
            }
            match DossierCode::read(&scanned) {
                Ok(code) => vec![Effect::Open(code)],
                Err(e) => {
                    app.fail(e.to_string());
                    Vec::new()
                }
            }
        }
        Action::Key(Cmd::Open) => match b.current() {
            Some(row) => vec![Effect::Open(row.dossier.code.clone())],
            None => Vec::new(),
        },
        Action::Key(Cmd::Back) => {
            b.scan.clear();
            Vec::new()
        }
        Action::Key(Cmd::Backspace) => {
            b.scan.pop();
            Vec::new()
        }
        // A scanner types a code, or an ID card's line with spaces in its name and address.
        Action::Input(c) if !(c.is_control() || (c.is_whitespace() && b.scan.is_empty())) => {
            b.scan.push(c);
            Vec::new()
        }
        Action::Paste(text) => {
            b.scan.push_str(&text);
            Vec::new()
        }
        Action::Key(Cmd::NewIntake) => {
            app.screen = Screen::Intake(Box::default());
            Vec::new()
        }
        Action::Key(Cmd::Search) => {
            app.open_search();
            Vec::new()
        }
        Action::Key(Cmd::Catalogue) => {
            app.screen = Screen::Catalogue(super::app::CatalogueState { selected: 0 });
            Vec::new()
        }
        Action::Key(Cmd::Print) => {
            let choices = super::papers::for_board(app.now.date());
            let effects = app.open_papers("Báo cáo và sổ theo dõi", choices, 0);
            if let Some(menu) = app.papers.as_mut() {
                menu.ranges = true;
            }
            effects
        }
        Action::Key(Cmd::Settings) => vec![Effect::LoadAgency],
        Action::AgencyLoaded(setup) => {
            let form = super::setup::AgencyForm::filled(&setup);
            app.screen = Screen::Setup(Box::new(form));
            Vec::new()
        }
        Action::Key(Cmd::Quit) => {
            app.quit = true;
            Vec::new()
        }
        Action::Opened(detail) => {
            app.open_detail(*detail);
            Vec::new()
        }
        _ => Vec::new(),
    }
}
