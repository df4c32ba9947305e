//! Search as you type (`/` from any screen): accent-insensitive over name, code, ID number and
//! phone, through `Desk::search`. Each keystroke asks again; an answer to an older query is
//! dropped.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{Action, App, Effect, Screen};
use super::board_view;
use super::format::{fit, pad, short_code};
use super::keymap::Cmd;

/// How many results a search asks for.
pub(crate) const LIMIT: usize = 50;

pub(crate) fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let Screen::Search(s) = &mut app.screen else {
        return Vec::new();
    };
    let edited = match action {
        Action::Input(c) => {
            s.query.insert(c);
            true
        }
        Action::Paste(text) => {
            s.query.insert_str(&text);
            true
        }
        Action::Key(Cmd::Edit(e)) => s.query.edit(e),
        Action::Key(Cmd::Up) => {
            s.selected = s.selected.saturating_sub(1);
            false
        }
        Action::Key(Cmd::Down) => {
            s.selected = (s.selected + 1).min(s.results.len().saturating_sub(1));
            false
        }
        Action::Key(Cmd::Open) => {
            return match s.results.get(s.selected) {
                Some(row) => vec![Effect::Open(row.dossier.code.clone())],
                None => Vec::new(),
            };
        }
        Action::Key(Cmd::Back) => return app.go_board(),
        Action::SearchResults { query, rows } => {
            if query == s.query.value().trim() {
                s.answered = query;
                s.results = rows;
                s.selected = s.selected.min(s.results.len().saturating_sub(1));
            }
            false
        }
        Action::Opened(detail) => {
            app.open_detail(*detail);
            return Vec::new();
        }
        _ => false,
    };
    if !edited {
        return Vec::new();
    }
    s.selected = 0;
    let q = s.query.value().trim().to_owned();
    if q.is_empty() {
        s.results.clear();
        s.answered.clear();
        return Vec::new();
    }
    vec![Effect::Search(q)]
}

/// The query, how to search, and the results with their remaining time.
pub(crate) fn render(s: &super::app::SearchState, now_year: i32, f: &mut Frame, area: Rect) {
    let w = usize::from(area.width);
    let (query, query_col) = s.query.view(w.saturating_sub(6));
    let mut lines = vec![
        Line::from(vec![
            Span::styled(" Tìm: ", Style::default().add_modifier(Modifier::BOLD)),
            Span::raw(query),
        ]),
        Line::styled(
            fit(
                " Tên · mã, mã ngắn, số thứ tự hôm nay · số định danh, điện thoại (số đầu/cuối)",
                w,
            ),
            Style::default().fg(Color::DarkGray),
        ),
    ];
    if !s.answered.is_empty() && s.results.is_empty() {
        lines.push(Line::raw(format!(
            " Không tìm thấy hồ sơ nào khớp \"{}\".",
            s.answered
        )));
    }
    let height = usize::from(area.height).saturating_sub(2);
    let top = s.selected.saturating_sub(height.saturating_sub(1));
    for (i, row) in s.results.iter().enumerate().skip(top).take(height) {
        let d = &row.dossier;
        let rest = w.saturating_sub(11 + 20 + 11 + 18 + 5);
        let text = format!(
            " {} {} {} {} {}",
            pad(short_code(d.code.as_str()), 11),
            pad(&d.applicant.name, 20),
            pad(&d.procedure_name, rest),
            pad(&super::format::short_in(d.due_at, now_year), 11),
            pad(&board_view::remaining_words(row), 18),
        );
        let mut style = board_view::tone_style(super::app::Tone::of(row));
        if i == s.selected {
            style = style.add_modifier(Modifier::REVERSED);
        }
        lines.push(Line::styled(text, style));
    }
    f.render_widget(Paragraph::new(lines), area);
    let cursor_x = 6 + query_col;
    if let Ok(x) = u16::try_from(cursor_x)
        && x < area.width
        && area.height > 0
    {
        f.set_cursor_position((area.x + x, area.y));
    }
}
