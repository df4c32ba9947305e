//! The form of a legal step over the dossier view: its fields, then what it says under them
//! (the fee an empty field takes, the procedures a correction matches, the error, the apology
//! letter's gist), drawn as a popup.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::app::DossierView;
use super::format::{fit, pad, time};
use super::verbs::{FieldKind, Verb, VerbForm};

/// What the form shows under its fields: the fee left empty, the procedures a correction
/// matches, the form's error, the apology letter's preview.
fn form_notes(
    view: &DossierView,
    form: &VerbForm,
    catalogue: &[crate::domain::Procedure],
    w: usize,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if form.verb == Verb::HandBack {
        lines.push(Line::styled(
            fit(
                &format!(
                    "Để trống lệ phí: thu {} theo danh mục.",
                    crate::domain::vnd(form.suggested_fee)
                ),
                w,
            ),
            Style::default().fg(Color::DarkGray),
        ));
    }
    if form.corrected_field() == Some(crate::domain::Field::Procedure) {
        lines.extend(
            procedure_matches(catalogue, &form.correction_text(), w)
                .into_iter()
                .map(|l| Line::styled(l, Style::default().fg(Color::DarkGray))),
        );
    }
    if let Some(err) = &form.error {
        lines.extend(
            super::format::wrap(&format!("⚠ {err}"), w)
                .into_iter()
                .map(|l| Line::styled(l, Style::default().fg(Color::Red))),
        );
    }
    if form.verb == Verb::IssueApology {
        lines.push(Line::raw(""));
        // Wrapped, not cut: the original appointment is at the end of a long line.
        lines.extend(
            apology_preview(view, form)
                .iter()
                .flat_map(|l| super::format::wrap(l, w))
                .map(|l| Line::styled(l, Style::default().fg(Color::DarkGray))),
        );
    }
    lines
}

pub(crate) fn render_form(
    view: &DossierView,
    form: &VerbForm,
    catalogue: &[crate::domain::Procedure],
    f: &mut Frame,
    area: Rect,
) {
    let width = area.width.saturating_sub(4).min(76);
    let w = usize::from(width.saturating_sub(2));
    let label_w = form
        .fields
        .iter()
        .map(|x| unicode_width::UnicodeWidthStr::width(x.label.as_str()))
        .max()
        .unwrap_or(0);
    let mut lines = Vec::new();
    let mut cursor = None;
    let value_w = w.saturating_sub(label_w + 2);
    for (i, fld) in form.fields.iter().enumerate() {
        let on = i == form.focus;
        let value = match &fld.kind {
            // The focused field scrolls so that its cursor stays on screen.
            FieldKind::Text(t) if on => {
                let (shown, col) = t.view(value_w);
                cursor = Some((lines.len(), label_w + 2 + col));
                shown
            }
            FieldKind::Text(t) => t.value().to_owned(),
            FieldKind::Choice { options, index } => {
                format!(
                    "◂ {} ▸",
                    options.get(*index).map(String::as_str).unwrap_or("")
                )
            }
        };
        let style = if on {
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(pad(&fld.label, label_w), style),
            Span::raw("  "),
            Span::raw(fit(&value, value_w)),
        ]));
    }
    lines.extend(form_notes(view, form, catalogue, w));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Enter: ghi · Tab: ô sau · ←→: đổi lựa chọn · Esc: hủy",
        Style::default().fg(Color::DarkGray),
    ));
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = super::render::centred(area, width, h);
    f.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", super::verbs::title(form.verb)));
    let inner = block.inner(rect);
    f.render_widget(Paragraph::new(lines).block(block), rect);
    if let Some((row, col)) = cursor {
        super::intake_view::place_cursor(f, inner, row, col);
    }
}

/// Under a procedure being typed in the correction form: what the words find in the
/// catalogue (the first few, with code and time limit), or how to type one.
fn procedure_matches(catalogue: &[crate::domain::Procedure], typed: &str, w: usize) -> Vec<String> {
    if typed.trim().is_empty() {
        return vec![fit(
            "Gõ tên hoặc mã thủ tục mới (trước khi chuyển hồ sơ).",
            w,
        )];
    }
    let found = super::intake::matches(catalogue, typed);
    if found.is_empty() {
        return vec![fit(
            &format!(
                "Không có thủ tục nào khớp «{}»: gõ tên hoặc mã khác.",
                typed.trim()
            ),
            w,
        )];
    }
    let chosen = super::verbs::find_procedure(catalogue, typed).ok();
    let mut lines: Vec<String> = found
        .iter()
        .take(super::verbs::SHOWN_MATCHES)
        .map(|i| &catalogue[*i])
        .map(|p| {
            let mark = if chosen.is_some_and(|c| c.code == p.code) {
                "→"
            } else {
                " "
            };
            fit(
                &format!(
                    "{mark} {} · {} · {}",
                    p.name,
                    p.code.0,
                    p.time_limit.label()
                ),
                w,
            )
        })
        .collect();
    if found.len() > super::verbs::SHOWN_MATCHES {
        lines.push(fit(
            &format!(
                "  … và {} thủ tục khác: gõ thêm để thu hẹp",
                found.len() - super::verbs::SHOWN_MATCHES
            ),
            w,
        ));
    }
    lines
}

/// The apology letter's gist as the clerk fills the form.
fn apology_preview(view: &DossierView, form: &VerbForm) -> Vec<String> {
    let d = &view.detail.row.dossier;
    let value = |i: usize| match form.fields.get(i).map(|x| &x.kind) {
        Some(FieldKind::Text(t)) => t.value().to_owned(),
        Some(FieldKind::Choice { options, index }) => {
            options.get(*index).cloned().unwrap_or_default()
        }
        None => String::new(),
    };
    vec![
        format!("Kính gửi: {}", d.applicant.name),
        format!(
            "Hồ sơ {} nhận lúc {}, hẹn trả {}.",
            d.code.as_str(),
            time(d.received_at),
            time(d.due_at)
        ),
        format!("Lý do: {}", value(0)),
        format!("Xin lỗi và hẹn lại: {} · Người ký: {}", value(1), value(2)),
    ]
}
