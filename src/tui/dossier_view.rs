//! Drawing the dossier view: every field with the legal due date (and the new appointment, if
//! an apology gave one), the timeline of events (the control sheet), the actions the state
//! allows, and the action form as a popup.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use unicode_width::UnicodeWidthStr;

use crate::domain::{ApologyDuty, ApplicantKind, Event, EventKind, Field, vnd};

use super::app::{App, DossierView};
use super::board_view::{remaining_words, tone_style};
use super::format::{fit, pad, time, weekday};
use super::keymap::{self, Cmd};
use super::verbs::{FieldKind, Verb, VerbForm};

const LABEL_W: usize = 13;

fn field(label: &str, value: String, w: usize) -> Line<'static> {
    Line::from(vec![
        Span::styled(pad(label, LABEL_W), Style::default().fg(Color::Cyan)),
        Span::raw(" "),
        Span::raw(fit(&value, w.saturating_sub(LABEL_W + 1))),
    ])
}

/// A field whose whole value matters (an address, a long name): word-wrapped under its
/// label instead of cut with "…".
fn wrapped_field(label: &str, value: &str, w: usize) -> Vec<Line<'static>> {
    let value_w = w.saturating_sub(LABEL_W + 1).max(1);
    let mut pieces = super::format::wrap(value, value_w).into_iter();
    let first = pieces.next().unwrap_or_default();
    let mut lines = vec![field(label, first, w)];
    lines.extend(pieces.map(|l| Line::raw(format!("{} {l}", " ".repeat(LABEL_W)))));
    lines
}

pub(crate) fn render(app: &App, view: &DossierView, f: &mut Frame, area: Rect) {
    let left_w = if area.width >= 100 {
        area.width / 2
    } else {
        area.width * 11 / 20
    };
    let left = Rect {
        width: left_w,
        ..area
    };
    let right = Rect {
        x: area.x + left_w,
        width: area.width.saturating_sub(left_w),
        ..area
    };
    render_fields(app, view, f, left);
    render_timeline(view, f, right);
    if view.explain {
        super::render::explanation(f, area, "Cách tính hạn trả", Some(&view.detail.due));
    }
    if let Some(form) = view.form.as_ref().filter(|_| app.confirm.is_none()) {
        render_form(view, form, &app.catalogue, f, area);
    }
}

fn render_fields(app: &App, view: &DossierView, f: &mut Frame, area: Rect) {
    let w = usize::from(area.width.saturating_sub(1));
    let mut lines = fact_lines(view, w);
    lines.extend(state_lines(view, w));
    lines.push(field(
        "Giấy tờ",
        format!(
            "{} giấy tờ · e: cách tính hạn",
            view.detail.row.dossier.documents.len()
        ),
        w,
    ));
    lines.push(Line::raw(""));
    lines.extend(verb_lines(app, w));
    let inner = Rect {
        width: area.width.saturating_sub(1),
        ..area
    };
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// The code, then what was received from whom, when, and by when it is due.
fn fact_lines(view: &DossierView, w: usize) -> Vec<Line<'static>> {
    let d = &view.detail.row.dossier;
    let kind = match d.applicant.kind {
        ApplicantKind::Person => "cá nhân",
        ApplicantKind::Organisation => "tổ chức",
    };
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::styled(fit(d.code.as_str(), w), bold)];
    lines.push(field(Field::Procedure.label(), d.procedure_name.clone(), w));
    let applicant = format!("{} ({kind})", d.applicant.name);
    lines.extend(wrapped_field("Người nộp", &applicant, w));
    lines.push(field(
        Field::IdNumber.label(),
        d.applicant.id_number.clone(),
        w,
    ));
    lines.extend(wrapped_field(
        Field::Address.label(),
        &d.applicant.address,
        w,
    ));
    lines.extend([
        field(
            "Liên hệ",
            join(&[&d.applicant.phone, &d.applicant.email]),
            w,
        ),
        field("Nộp", format!("{} · {} bộ", d.channel.label(), d.sets), w),
        field(
            "Tiếp nhận",
            format!("{} · {}", time(d.received_at), d.received_by),
            w,
        ),
    ]);
    lines.push(styled_field(
        "Hạn trả",
        fit(
            &format!("{} {}", weekday(d.due_at), time(d.due_at)),
            w.saturating_sub(LABEL_W + 1),
        ),
        bold,
    ));
    if let Some(new) = d.new_due_at {
        lines.push(field(
            "Hẹn lại",
            format!("{} {}", weekday(new), time(new)),
            w,
        ));
    }
    lines
}

/// The status, the apology duty (when there is one) and the time left of an open dossier.
fn state_lines(view: &DossierView, w: usize) -> Vec<Line<'static>> {
    let row = &view.detail.row;
    let d = &row.dossier;
    let mut lines = vec![styled_field(
        "Trạng thái",
        fit(d.status.label(), w.saturating_sub(LABEL_W + 1)),
        tone_style(super::app::Tone::of(row)),
    )];
    let duty = row.judgement.duty;
    if duty != ApologyDuty::None {
        let words = super::board_view::duty_words(row);
        let style = if duty.needs_action() {
            tone_style(super::app::Tone::Overdue)
        } else {
            Style::default()
        };
        lines.push(styled_field(
            "Xin lỗi",
            fit(&words, w.saturating_sub(LABEL_W + 1)),
            style,
        ));
    }
    if d.status.is_open() {
        lines.push(styled_field(
            "Thời gian",
            remaining_words(row),
            tone_style(super::app::Tone::of(row)),
        ));
    }
    lines
}

/// A label in the label colour, then a value in its own style.
fn styled_field(label: &str, value: String, style: Style) -> Line<'static> {
    Line::from(vec![
        Span::styled(pad(label, LABEL_W), Style::default().fg(Color::Cyan)),
        Span::raw(" "),
        Span::styled(value, style),
    ])
}

/// The steps this dossier allows with their keys, wrapped between steps.
fn verb_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let enabled = |cmd: Cmd| app.enabled(cmd);
    let verbs: Vec<String> = keymap::visible(keymap::DOSSIER, &enabled)
        .filter(|b| matches!(b.cmd, Cmd::Verb(_)))
        .map(|b| format!("{} {}", keymap::keys_label(b), b.hint))
        .collect();
    if verbs.is_empty() {
        return vec![Line::styled(
            "Hồ sơ đã kết thúc: không còn thao tác.",
            Style::default().fg(Color::DarkGray),
        )];
    }
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::styled("Thao tác:", bold)];
    // Wrapped between actions, never inside one, so a key stays beside its name.
    let mut line = String::new();
    for v in verbs {
        let sep = if line.is_empty() { "" } else { " · " };
        if !line.is_empty() && line.width() + sep.len() + v.width() > w {
            lines.push(Line::raw(std::mem::take(&mut line)));
        } else {
            line.push_str(sep);
        }
        line.push_str(&v);
    }
    lines.push(Line::raw(line));
    lines
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The words of one event on the timeline: (what happened, details).
pub(crate) fn event_words(e: &Event) -> (String, String) {
    match &e.kind {
        EventKind::Received => ("Tiếp nhận hồ sơ".to_owned(), String::new()),
        EventKind::Transferred { from, to } => {
            ("Chuyển hồ sơ".to_owned(), format!("{from} → {to}"))
        }
        EventKind::SupplementRequested { reason, items } => (
            "Yêu cầu bổ sung".to_owned(),
            join(&[reason, &items.join("; ")]),
        ),
        EventKind::SupplementReceived => {
            ("Nhận đủ bổ sung, tính lại hạn".to_owned(), String::new())
        }
        EventKind::Paused { reason } => ("Tạm dừng tính thời gian".to_owned(), reason.clone()),
        EventKind::Resumed => ("Tiếp tục tính thời gian".to_owned(), String::new()),
        EventKind::Refused { reason } => ("Từ chối".to_owned(), reason.clone()),
        EventKind::Stopped { reason } => ("Dừng giải quyết".to_owned(), reason.clone()),
        EventKind::ResultReady => ("Có kết quả, chờ trả".to_owned(), String::new()),
        EventKind::HandedBack {
            to,
            fee_vnd,
            rating,
        } => (
            "Trả kết quả".to_owned(),
            match rating.as_str() {
                "" => format!("cho {to} · lệ phí {} · không đánh giá", vnd(*fee_vnd)),
                r => format!("cho {to} · lệ phí {} · {r}", vnd(*fee_vnd)),
            },
        ),
        EventKind::Corrected { old, new, reason } => (
            format!("Sửa {}", new.what().to_lowercase()),
            join(&[
                &format!("«{}» → «{}»", old.value_text(), new.value_text()),
                reason,
            ]),
        ),
        EventKind::Undone { event, reason } => {
            (format!("Hoàn tác bước {}", event + 1), reason.clone())
        }
        EventKind::ApologyIssued {
            number,
            reason,
            new_due,
            ..
        } => (
            format!("Xin lỗi, số {number:02}/PXL"),
            format!("{reason} · hẹn lại {}", time(*new_due)),
        ),
    }
}

fn render_timeline(view: &DossierView, f: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::LEFT)
        .title(" Quá trình giải quyết ");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut lines = Vec::new();
    for e in view.detail.row.dossier.events.iter().skip(view.scroll) {
        let (what, detail) = event_words(e);
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} ", e.at.format("%d/%m %H:%M")),
                Style::default().fg(Color::DarkGray),
            ),
            Span::styled(what, Style::default().add_modifier(Modifier::BOLD)),
        ]));
        let detail = join(&[&detail, &e.note, &e.operator]);
        if !detail.is_empty() {
            lines.push(Line::raw(format!("  {}", crate::text::printable(&detail))));
        }
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

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
        lines.extend(
            apology_preview(view, form)
                .into_iter()
                .map(|l| Line::styled(fit(&l, w), Style::default().fg(Color::DarkGray))),
        );
    }
    lines
}

fn render_form(
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
