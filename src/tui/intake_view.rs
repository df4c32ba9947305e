//! Drawing the intake form: the procedure picker and document checklist on the left, the
//! applicant's fields with their messages and the live appointment on the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use unicode_width::UnicodeWidthStr;

use crate::domain::{ApplicantKind, Field};

use super::app::App;
use super::format::{fit, pad, time, weekday};
use super::intake::{IntakeForm, ORDER, matches};

/// The fields listed on the right, under the procedure picker and the document checklist.
fn right_fields() -> impl Iterator<Item = Field> {
    ORDER.into_iter().skip(2)
}

/// The width of the right side's label column: its widest label.
fn label_width() -> usize {
    right_fields().map(|f| f.label().width()).max().unwrap_or(0)
}

/// The label of `field` for the applicant's kind: an organisation has a name and a tax or
/// enterprise code, not a full name and a personal ID number.
pub(crate) fn label_of(kind: ApplicantKind, field: Field) -> &'static str {
    match (kind, field) {
        (ApplicantKind::Organisation, Field::Name) => "Tên tổ chức",
        (ApplicantKind::Organisation, Field::IdNumber) => "Mã số thuế / mã số doanh nghiệp",
        (_, field) => field.label(),
    }
}

fn focus_style(on: bool) -> Style {
    if on {
        Style::default()
            .fg(Color::Cyan)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::default()
    }
}

pub(crate) fn render(app: &App, form: &IntakeForm, f: &mut Frame, area: Rect) {
    // While the clerk picks the procedure, the list takes the whole width: names are long and
    // several differ only at their end.
    if form.focus == Field::Procedure {
        render_left(app, form, f, area);
        return;
    }
    let left_w = (area.width * 9 / 20).max(1);
    let left = Rect {
        width: left_w,
        ..area
    };
    let right = Rect {
        x: area.x + left_w,
        width: area.width.saturating_sub(left_w),
        ..area
    };
    render_left(app, form, f, left);
    render_right(form, f, right);
    if form.explain {
        super::render::explanation(f, area, "Cách tính ngày hẹn", form.due.as_ref());
    }
}

fn render_left(app: &App, form: &IntakeForm, f: &mut Frame, area: Rect) {
    let block = Block::default().borders(Borders::RIGHT);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let on = form.focus == Field::Procedure;
    let picker_label = format!("{}: ", Field::Procedure.label());
    let (query, query_col) = form.query.view(w.saturating_sub(picker_label.width()));
    let mut lines = vec![Line::from(vec![
        Span::styled(picker_label.clone(), focus_style(on)),
        Span::raw(query),
    ])];
    if on {
        let found = matches(&app.catalogue, form.query.value());
        lines.push(Line::styled(
            fit(
                &format!("{} thủ tục khớp · ↑↓ chọn · Enter", found.len()),
                w,
            ),
            Style::default().fg(Color::DarkGray),
        ));
        // The highlighted procedure's time limit and whole fee (a per-page fee is long): on
        // its own lines, never cut.
        let detail = found
            .get(form.pick)
            .map(|i| &app.catalogue[*i])
            .map(|p| limit_and_fee(p, w))
            .unwrap_or_default();
        let detail_h = detail.len();
        lines.extend(detail);
        let room = usize::from(inner.height).saturating_sub(2 + detail_h);
        let top = form.pick.saturating_sub(room.saturating_sub(1));
        for (n, i) in found.iter().enumerate().skip(top).take(room) {
            let p = &app.catalogue[*i];
            let style = if n == form.pick {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            lines.push(Line::styled(
                pad(&format!("{} {}", p.code.as_str(), p.name), w),
                style,
            ));
        }
    } else if let Some(p) = &form.procedure {
        lines.extend(limit_and_fee(p, w));
        {
            let on_docs = form.focus == Field::Documents;
            lines.push(Line::styled(
                format!("{} (Space: đánh dấu):", Field::Documents.label()),
                focus_style(on_docs),
            ));
            for (i, (doc, brought)) in form.documents.iter().enumerate() {
                let mark = if *brought { "[x]" } else { "[ ]" };
                let style = if on_docs && i == form.doc_cursor {
                    Style::default().add_modifier(Modifier::REVERSED)
                } else {
                    Style::default()
                };
                lines.push(Line::styled(format!("{mark} {doc}"), style));
            }
        }
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    if on {
        place_cursor(f, inner, 0, picker_label.width() + query_col);
    }
}

/// "Thời hạn · Lệ phí: …" of `p`, word-wrapped to `w` columns.
fn limit_and_fee(p: &crate::domain::Procedure, w: usize) -> Vec<Line<'static>> {
    let text = format!("{} · Lệ phí: {}", p.time_limit.label(), p.fee.label());
    super::format::wrap(&text, w.max(1))
        .into_iter()
        .map(|l| Line::styled(l, Style::default().fg(Color::DarkGray)))
        .collect()
}

fn value_of(form: &IntakeForm, field: Field) -> String {
    match field {
        Field::Kind => match form.kind {
            ApplicantKind::Person => "◉ Cá nhân  ○ Tổ chức".to_owned(),
            ApplicantKind::Organisation => "○ Cá nhân  ◉ Tổ chức".to_owned(),
        },
        Field::Channel => format!("◂ {} ▸", form.channel.label()),
        Field::Documents => {
            let n = form.documents.iter().filter(|(_, b)| *b).count();
            format!("{n}/{} giấy tờ", form.documents.len())
        }
        other => form
            .text(other)
            .map(|t| t.value().to_owned())
            .unwrap_or_default(),
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "one column of the form drawn top to bottom; one line over the limit"
)]
fn render_right(form: &IntakeForm, f: &mut Frame, area: Rect) {
    let inner = Rect {
        x: area.x.saturating_add(1),
        width: area.width.saturating_sub(1),
        ..area
    };
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    let mut cursor = None;
    let label_w = label_width();
    let value_w = w.saturating_sub(label_w + 1);
    for field in right_fields() {
        let on = form.focus == field;
        // The focused text field scrolls so that its cursor stays on screen; the others show
        // their start.
        let value = match form.text(field) {
            Some(t) if on => {
                let (shown, col) = t.view(value_w);
                cursor = Some((lines.len(), label_w + 1 + col));
                shown
            }
            _ => fit(&value_of(form, field), value_w),
        };
        // A label longer than the column (the organisation's tax code) takes a line of its
        // own, whole, above its value.
        let label = label_of(form.kind, field);
        let label_cell = if label.width() > label_w {
            lines.push(Line::styled(fit(label, w), focus_style(on)));
            cursor = cursor.map(|(row, col)| (row + usize::from(on), col));
            String::new()
        } else {
            label.to_owned()
        };
        lines.push(Line::from(vec![
            Span::styled(pad(&label_cell, label_w), focus_style(on)),
            Span::raw(" "),
            Span::raw(value),
        ]));
        if let Some(msg) = form.error(field) {
            for l in super::format::wrap(&format!("⚠ {msg}"), w.saturating_sub(2)) {
                lines.push(Line::styled(
                    format!("  {l}"),
                    Style::default().fg(Color::Red),
                ));
            }
        }
    }
    lines.push(Line::raw(""));
    let bold = Style::default().add_modifier(Modifier::BOLD);
    match &form.due {
        Some(due) => {
            lines.push(Line::styled("Hẹn trả kết quả:", bold));
            lines.push(Line::styled(
                fit(&format!("{} {}", weekday(due.at), time(due.at)), w),
                bold.fg(Color::Green),
            ));
            lines.push(Line::styled(
                fit("Ctrl-E: xem cách tính", w),
                Style::default().fg(Color::DarkGray),
            ));
        }
        None => lines.push(Line::styled(
            fit("Hẹn trả kết quả: chọn thủ tục để tính", w),
            Style::default().fg(Color::DarkGray),
        )),
    }
    if let Some(msg) = form.error(Field::Procedure) {
        lines.push(Line::styled(
            fit(&format!("⚠ {msg}"), w),
            Style::default().fg(Color::Red),
        ));
    }
    if let Some(rows) = &form.earlier {
        lines.push(Line::styled(
            fit(&format!("Hồ sơ trước của người này: {}", rows.len()), w),
            bold,
        ));
        for row in rows.iter().take(4) {
            let d = &row.dossier;
            lines.push(Line::raw(fit(
                &format!(
                    "{} {} · {}",
                    super::format::short_code(d.code.as_str()),
                    d.procedure_name,
                    d.status.label()
                ),
                w,
            )));
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
    if let Some((row, col)) = cursor {
        place_cursor(f, inner, row, col);
    }
}

/// Puts the terminal cursor at (`row`, `col`) of `area` when that cell is inside it.
pub(crate) fn place_cursor(f: &mut Frame, area: Rect, row: usize, col: usize) {
    if let (Ok(r), Ok(c)) = (u16::try_from(row), u16::try_from(col))
        && r < area.height
        && c < area.width
    {
        f.set_cursor_position((area.x + c, area.y + r));
    }
}
