//! The catalogue screen: every procedure with its field, time limit and fee, the list the
//! commune publishes at the desk.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::app::{Action, App, Effect, Screen};
use super::format::{fit, pad, wrap};
use super::keymap::Cmd;

pub(crate) fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let n = app.catalogue.len();
    let page = usize::from(app.size.1.saturating_sub(12)).max(1);
    let Screen::Catalogue(c) = &mut app.screen else {
        return Vec::new();
    };
    let last = n.saturating_sub(1);
    match action {
        Action::Key(Cmd::Up) => c.selected = c.selected.saturating_sub(1),
        Action::Key(Cmd::Down) => c.selected = (c.selected + 1).min(last),
        Action::Key(Cmd::PageUp) => c.selected = c.selected.saturating_sub(page),
        Action::Key(Cmd::PageDown) => c.selected = (c.selected + page).min(last),
        Action::Key(Cmd::Search) => app.open_search(),
        Action::Key(Cmd::Back) => return app.go_board(),
        _ => {}
    }
    Vec::new()
}

/// Lines of the detail pane under the table: everything about the selected procedure.
const DETAIL: u16 = 7;

/// Draws the catalogue table (the selected row stays in view) and the selected procedure's
/// details under it.
pub(crate) fn render(app: &App, f: &mut Frame, area: Rect, selected: usize) {
    let detail_h = if area.height > DETAIL + 4 { DETAIL } else { 0 };
    let table = Rect {
        height: area.height - detail_h,
        ..area
    };
    render_table(app, f, table, selected);
    if let (Some(p), true) = (app.catalogue.get(selected), detail_h > 0) {
        let w = usize::from(area.width);
        let mut lines = vec![Line::styled(
            fit(&format!("{} — {}", p.code.as_str(), p.name), w),
            Style::default().add_modifier(Modifier::BOLD),
        )];
        lines.push(Line::raw(fit(
            &format!("Lĩnh vực: {} · Đơn vị giải quyết: {}", p.field, p.unit),
            w,
        )));
        lines.push(Line::raw(fit(&format!("Lệ phí: {}", p.fee.label()), w)));
        let docs = format!("Thành phần hồ sơ: {}", p.documents.join("; "));
        lines.extend(wrap(&docs, w).into_iter().take(3).map(Line::raw));
        let block = Block::default().borders(Borders::TOP);
        let rect = Rect {
            y: area.y + table.height,
            height: detail_h,
            ..area
        };
        f.render_widget(Paragraph::new(lines).block(block), rect);
    }
}

fn render_table(app: &App, f: &mut Frame, area: Rect, selected: usize) {
    let w = usize::from(area.width);
    let (code_w, field_w, limit_w, fee_w) = if w >= 110 {
        (12, 16, 18, 14)
    } else {
        (10, 0, 16, 13)
    };
    let gaps = if field_w > 0 { 4 } else { 3 };
    let name_w = w.saturating_sub(code_w + field_w + limit_w + fee_w + gaps);
    let cells = |code: &str, name: &str, field: &str, limit: &str, fee: &str| {
        let mut parts = vec![pad(code, code_w), pad(name, name_w)];
        if field_w > 0 {
            parts.push(pad(field, field_w));
        }
        parts.push(pad(limit, limit_w));
        parts.push(pad(fee, fee_w));
        parts.join(" ")
    };
    let height = usize::from(area.height).saturating_sub(1);
    let top = selected.saturating_sub(height.saturating_sub(1));
    let mut lines = vec![Line::styled(
        cells("Mã", "Tên thủ tục", "Lĩnh vực", "Thời hạn", "Lệ phí"),
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    )];
    for (i, p) in app.catalogue.iter().enumerate().skip(top).take(height) {
        let style = if i == selected {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        lines.push(Line::styled(
            cells(
                p.code.as_str(),
                &p.name,
                &p.field,
                &p.time_limit.label(),
                &p.fee.label(),
            ),
            style,
        ));
    }
    f.render_widget(Paragraph::new(lines), area);
}
