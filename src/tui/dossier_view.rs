//! Drawing the dossier view: every field with the legal due date (and the new appointment, if
//! an apology gave one), the timeline of events (the control sheet), the actions the state
//! allows, and the action form as a popup.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use unicode_width::UnicodeWidthStr;

use crate::domain::account::officer_name;
use crate::domain::{ApologyDuty, ApplicantKind, Event, EventKind, Field, vnd};

use super::app::{App, DossierView};
use super::board_view::{remaining_words, tone_style};
use super::format::{fit, pad, time, weekday};
use super::keymap::{self, Cmd};

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
        super::verb_form_view::render_form(view, form, &app.catalogue, f, area);
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
    lines.extend(wrapped_field(
        Field::Procedure.label(),
        &d.procedure_name,
        w,
    ));
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
    if !d.applicant.representative.is_empty() {
        lines.extend(wrapped_field("Ủy quyền", &d.applicant.representative, w));
    }
    // The intake's note is the receipt event's: a field of its own, not only in the timeline.
    if let Some(note) = d
        .events
        .first()
        .map(|e| e.note.as_str())
        .filter(|n| !n.is_empty())
    {
        lines.extend(wrapped_field(Field::Note.label(), note, w));
    }
    lines.extend([
        field(
            "Liên hệ",
            join(&[&d.applicant.phone, &d.applicant.email]),
            w,
        ),
        field("Nộp", format!("{} · {} bộ", d.channel.label(), d.sets), w),
        field(
            "Tiếp nhận",
            format!("{} · {}", time(d.received_at), officer_name(&d.received_by)),
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
        let words = match d.status {
            crate::domain::Status::SupplementRequested => {
                "dừng tính thời gian – chờ bổ sung, tính lại từ đầu khi nhận đủ".to_owned()
            }
            _ => remaining_words(row),
        };
        lines.push(styled_field(
            "Thời gian",
            fit(&words, w.saturating_sub(LABEL_W + 1)),
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

/// The words of one event on the timeline: (what happened, details). `desk` is the desk's
/// own name on the event's day, shown where the event stores `DESK_UNIT`.
pub(crate) fn event_words(e: &Event, desk: &str) -> (String, String) {
    let unit = |u: &str| {
        if u == crate::domain::DESK_UNIT && !desk.is_empty() {
            desk.to_owned()
        } else {
            u.to_owned()
        }
    };
    match &e.kind {
        EventKind::Received => ("Tiếp nhận hồ sơ".to_owned(), String::new()),
        EventKind::Transferred { from, to } => (
            "Chuyển hồ sơ".to_owned(),
            format!("{} → {}", unit(from), unit(to)),
        ),
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
    let events = view.detail.row.dossier.events.iter().enumerate();
    for (i, e) in events.skip(view.scroll) {
        let desk = view.detail.desk_names.get(i).map_or("", String::as_str);
        let (what, detail) = event_words(e, desk);
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} ", e.at.format("%d/%m %H:%M")),
                Style::default().fg(Color::DarkGray),
            ),
            Span::styled(what, Style::default().add_modifier(Modifier::BOLD)),
        ]));
        let detail = join(&[&detail, &e.note, officer_name(&e.operator)]);
        if !detail.is_empty() {
            lines.push(Line::raw(format!("  {}", crate::text::printable(&detail))));
        }
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
