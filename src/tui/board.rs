//! The desk board, the home screen: today's counters, the tabs (one per list filter), and the
//! current page of dossiers. Only the visible page is ever loaded or drawn, so the board costs
//! the same with ten dossiers or a hundred thousand. Typing a full dossier code (or scanning it)
//! and Enter opens that dossier.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use unicode_width::UnicodeWidthStr;

use crate::desk::{DayCounters, ListFilter};
use crate::domain::{ApologyDuty, DossierCode};

use super::app::{Action, App, BoardPage, Effect, Row, Screen, Tone};
use super::format::{fit, pad, remaining, short, short_code};
use super::keymap::Cmd;

/// A board tab: one list filter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    Today,
    /// The working list, overdue first: where the desk opens.
    #[default]
    Open,
    DueSoon,
    Overdue,
    WaitingCollection,
    ApologyNeeded,
    All,
}

impl Tab {
    pub const ALL: [Tab; 7] = [
        Tab::Today,
        Tab::Open,
        Tab::DueSoon,
        Tab::Overdue,
        Tab::WaitingCollection,
        Tab::ApologyNeeded,
        Tab::All,
    ];

    pub fn filter(self) -> ListFilter {
        match self {
            Tab::Today => ListFilter::Today,
            Tab::Open => ListFilter::Open,
            Tab::DueSoon => ListFilter::DueSoon,
            Tab::Overdue => ListFilter::Overdue,
            Tab::WaitingCollection => ListFilter::WaitingCollection,
            Tab::ApologyNeeded => ListFilter::ApologyNeeded,
            Tab::All => ListFilter::All,
        }
    }

    /// (full label, short label for narrow terminals)
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Tab::Today => ("Hôm nay", "Hôm nay"),
            Tab::Open => ("Đang giải quyết", "Đang GQ"),
            Tab::DueSoon => ("Sắp đến hạn", "Sắp hạn"),
            Tab::Overdue => ("Quá hạn", "Quá hạn"),
            Tab::WaitingCollection => ("Chờ trả kết quả", "Chờ trả"),
            Tab::ApologyNeeded => ("Cần xin lỗi", "Xin lỗi"),
            Tab::All => ("Tất cả", "Tất cả"),
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    fn step(self, by: isize) -> Tab {
        let n = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + by).rem_euclid(n) as usize]
    }
}

/// The board's state: which tab, which page, which row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Board {
    pub tab: Tab,
    /// Index of the first loaded (and shown) row in the whole list.
    pub top: usize,
    /// Index of the selected row in the whole list.
    pub selected: usize,
    pub rows: Vec<Row>,
    pub total: u64,
    pub counts: [u64; 7],
    pub counters: DayCounters,
    /// Characters typed on the board that are not commands: a dossier code being typed or
    /// scanned.
    pub scan: String,
    /// How many rows fit on screen.
    pub page: usize,
}

/// Rows of the list at terminal height `h`: title, counters, tabs, column header, message and
/// hint lines take six.
pub fn list_height(h: u16) -> usize {
    usize::from(h.saturating_sub(6))
}

impl Board {
    /// The effect that loads the current page.
    pub fn load(&self, limit: usize) -> Effect {
        Effect::LoadBoard {
            tab: self.tab,
            offset: self.top,
            limit: limit.max(1),
        }
    }

    pub fn resize(&mut self, page: usize) -> Vec<Effect> {
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

    /// Takes a loaded page; returns a reload when the list shrank under the window.
    pub fn loaded(&mut self, page: BoardPage) -> Option<Effect> {
        self.counts = page.counts;
        self.counters = page.counters;
        if page.tab != self.tab || page.offset != self.top {
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
            vec![self.load(self.page)]
        }
    }

    /// The selected row, if loaded.
    pub fn current(&self) -> Option<&Row> {
        self.rows.get(self.selected.checked_sub(self.top)?)
    }
}

/// The board's reaction to an action.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
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
        Action::Key(Cmd::NextTab) | Action::Key(Cmd::PrevTab) => {
            let by = if action == Action::Key(Cmd::NextTab) {
                1
            } else {
                -1
            };
            b.tab = b.tab.step(by);
            b.top = 0;
            b.selected = 0;
            b.rows.clear();
            b.total = 0;
            vec![b.load(page)]
        }
        Action::Key(Cmd::Refresh) => vec![b.load(page)],
        Action::Key(Cmd::Open) if !b.scan.is_empty() => {
            let code = crate::text::nfc(b.scan.trim());
            b.scan.clear();
            vec![Effect::Open(DossierCode(code))]
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
        Action::Input(c) if !c.is_whitespace() && !c.is_control() => {
            b.scan.push(c);
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

/// The style of a row by its timeliness.
pub fn tone_style(tone: Tone) -> Style {
    match tone {
        Tone::Normal => Style::default(),
        Tone::DueSoon => Style::default().fg(Color::Yellow),
        Tone::Overdue => Style::default().fg(Color::Red),
        Tone::Closed => Style::default().fg(Color::DarkGray),
    }
}

/// "còn 3 giờ làm việc", "quá hạn 2 ngày", or the status when the clock no longer runs.
pub fn remaining_words(row: &Row) -> String {
    if row.dossier.status.is_open() {
        remaining(row.left_minutes, row.day_minutes)
    } else {
        crate::strings::status(row.dossier.status).to_owned()
    }
}

fn counters_line(c: &DayCounters, width: usize) -> Line<'static> {
    let items = [
        ("Nhận hôm nay", "Nhận", c.received_today, Style::default()),
        (
            "Đã trả hôm nay",
            "Đã trả",
            c.handed_back_today,
            Style::default(),
        ),
        ("Chờ trả", "Chờ trả", c.waiting_collection, Style::default()),
        (
            "Sắp đến hạn",
            "Sắp hạn",
            c.due_soon,
            tone_style(Tone::DueSoon),
        ),
        ("Quá hạn", "Quá hạn", c.overdue, tone_style(Tone::Overdue)),
        (
            "Cần xin lỗi",
            "Xin lỗi",
            c.apologies_owed,
            tone_style(Tone::Overdue),
        ),
    ];
    let full: usize = items
        .iter()
        .map(|(l, _, n, _)| l.width() + n.to_string().len() + 4)
        .sum();
    let mut spans = Vec::new();
    for (i, (long, short, n, style)) in items.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" · "));
        }
        let label = if full <= width { long } else { short };
        spans.push(Span::raw(format!("{label} ")));
        let st = if n > 0 { style } else { Style::default() };
        spans.push(Span::styled(n.to_string(), st.add_modifier(Modifier::BOLD)));
    }
    Line::from(spans)
}

/// The tab bar, in the widest form that fits: full labels, short labels, short labels packed
/// tight, and at last counts only on the selected tab.
fn tabs_line(b: &Board, width: usize) -> Line<'static> {
    let forms: [(bool, &str, bool); 4] = [
        (true, " ", true),
        (false, " ", true),
        (false, "", true),
        (false, "", false),
    ];
    let mut labels = Vec::new();
    for (long, padding, counts) in forms {
        labels = Tab::ALL
            .iter()
            .zip(b.counts)
            .map(|(t, n)| {
                let (l, s) = t.labels();
                let label = if long { l } else { s };
                if counts || *t == b.tab {
                    format!("{padding}{label} {n}{padding}")
                } else {
                    format!("{padding}{label}{padding}")
                }
            })
            .collect();
        if labels.iter().map(|s| s.width() + 1).sum::<usize>() <= width + 1 {
            break;
        }
    }
    let mut spans = Vec::new();
    for (i, (tab, label)) in Tab::ALL.iter().zip(labels).enumerate() {
        if i > 0 {
            spans.push(Span::raw("│"));
        }
        let style = if *tab == b.tab {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::default()
        };
        spans.push(Span::styled(label, style));
    }
    Line::from(spans)
}

/// Column widths: (code, applicant, procedure, received (0 = hidden), due, remaining,
/// status (0 = hidden)).
fn columns(width: usize) -> [usize; 7] {
    let wide = width >= 110;
    let (applicant, received, status) = if wide { (22, 11, 15) } else { (16, 0, 0) };
    let fixed = 11 + applicant + received + 11 + 20 + status;
    let gaps = if wide { 6 } else { 4 };
    let procedure = width.saturating_sub(fixed + gaps + 1);
    [11, applicant, procedure, received, 11, 20, status]
}

fn row_line(cols: [usize; 7], cells: [String; 7], style: Style) -> Line<'static> {
    let mut s = String::new();
    for (w, cell) in cols.iter().zip(cells) {
        if *w == 0 {
            continue;
        }
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&pad(&cell, *w));
    }
    Line::styled(s, style)
}

/// The instant an apology duty is about: the deadline, or the new appointment.
pub fn duty_instant(duty: ApologyDuty) -> Option<crate::calendar::LocalTime> {
    duty.sort_key()
}

fn due_cell(row: &Row) -> String {
    match row.dossier.new_due_at {
        Some(new) => format!(
            "{}→{}",
            row.dossier.due_at.format("%d/%m"),
            new.format("%d/%m")
        ),
        None => short(row.dossier.due_at),
    }
}

/// Draws the board body into `area`.
pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let b = &app.board;
    let w = usize::from(area.width);
    let mut lines = vec![counters_line(&b.counters, w), tabs_line(b, w)];
    let cols = columns(w);
    let apology = b.tab == Tab::ApologyNeeded;
    let header = [
        "Mã hồ sơ",
        "Người nộp",
        "Thủ tục",
        "Nhận",
        if apology {
            "Hạn xin lỗi"
        } else {
            "Hẹn trả"
        },
        if apology { "Xin lỗi" } else { "Còn lại" },
        "Trạng thái",
    ]
    .map(str::to_owned);
    lines.push(row_line(
        cols,
        header,
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    ));
    let height = usize::from(area.height).saturating_sub(3);
    if b.rows.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            fit(
                "  Không có hồ sơ nào trong danh sách này. Nhấn n để tiếp nhận hồ sơ mới.",
                w,
            ),
            Style::default().fg(Color::DarkGray),
        ));
        if let Some((tab, n)) = Tab::ALL
            .iter()
            .zip(b.counts)
            .find(|(t, n)| **t != b.tab && *n > 0)
        {
            lines.push(Line::styled(
                fit(
                    &format!(
                        "  Tab: sang thẻ khác (thẻ «{}» có {n} hồ sơ).",
                        tab.labels().0
                    ),
                    w,
                ),
                Style::default().fg(Color::DarkGray),
            ));
        }
    }
    for (i, row) in b.rows.iter().take(height).enumerate() {
        let d = &row.dossier;
        let cells = [
            short_code(&d.code.0).to_owned(),
            d.applicant.name.clone(),
            d.procedure_name.clone(),
            short(d.received_at),
            if apology {
                duty_instant(row.duty).map(short).unwrap_or_default()
            } else {
                due_cell(row)
            },
            if apology {
                row.duty.label().to_owned()
            } else {
                remaining_words(row)
            },
            crate::strings::status(d.status).to_owned(),
        ];
        let mut style = tone_style(row.tone);
        if b.top + i == b.selected {
            style = style.add_modifier(Modifier::REVERSED);
        }
        lines.push(row_line(cols, cells, style));
    }
    f.render_widget(Paragraph::new(lines), area);
    let list = Rect {
        y: area.y.saturating_add(3),
        height: area.height.saturating_sub(3),
        ..area
    };
    let total = usize::try_from(b.total).unwrap_or(usize::MAX);
    if total > height && list.height > 0 {
        let mut state = ScrollbarState::new(total.saturating_sub(height)).position(b.top);
        f.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None),
            list,
            &mut state,
        );
    }
}
