//! Drawing the board: today's counters, the tab bar, the column header and the loaded page of
//! rows, coloured by timeliness; a scroll bar for the position in the whole list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use unicode_width::UnicodeWidthStr;

use chrono::Datelike;

use crate::desk::{DayCounters, ListFilter, Row};
use crate::domain::{ApologyDuty, Status};

use super::app::{App, Tone};
use super::board::{Board, short_label};
use super::format::{fit, pad, remaining, short, short_code, short_in};

/// The style of a row by its timeliness.
pub(crate) fn tone_style(tone: Tone) -> Style {
    match tone {
        Tone::Normal => Style::default(),
        Tone::DueSoon => Style::default().fg(Color::Yellow),
        Tone::Overdue => Style::default().fg(Color::Red),
        Tone::Closed => Style::default().fg(Color::DarkGray),
    }
}

/// "còn 3 giờ làm việc", "quá hạn 2 ngày", or the status when the clock no longer runs.
pub(crate) fn remaining_words(row: &Row) -> String {
    match row.dossier.status {
        // Its clock is stopped until the supplement comes (then it restarts from zero): no
        // countdown, and never "quá hạn" — the lists and counters do not count it late either.
        Status::SupplementRequested => WAITING_SUPPLEMENT.to_owned(),
        // Frozen, not running: said so, for the narrow board has no status column.
        Status::Paused => format!(
            "tạm dừng, {}",
            remaining(row.minutes_left, row.day_minutes).replace(" làm việc", "")
        ),
        s if s.is_open() => remaining(row.minutes_left, row.day_minutes),
        s => s.label().to_owned(),
    }
}

/// The time column of a dossier waiting for a supplement (20 columns on a narrow board).
pub(crate) const WAITING_SUPPLEMENT: &str = "dừng chờ bổ sung";

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
        labels = ListFilter::ALL
            .iter()
            .zip(b.counts)
            .map(|(t, n)| {
                let label = if long { t.label() } else { short_label(*t) };
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
    for (i, (tab, label)) in ListFilter::ALL.iter().zip(labels).enumerate() {
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

/// The apology tab's cell: the working time left to send the letter ("còn 3 giờ làm việc",
/// "quá hạn 2 ngày") while none was sent, else the duty's word.
pub(crate) fn duty_cell(row: &Row) -> String {
    match row.deadline_minutes_left {
        Some(left) => remaining(left, row.day_minutes),
        None => row.judgement.duty.label().to_owned(),
    }
}

/// The duty in full for the dossier view: its word, the deadline to send the letter (or the new
/// appointment) and the time left to it.
pub(crate) fn duty_words(row: &Row) -> String {
    let duty = row.judgement.duty;
    let (which, when) = match duty {
        ApologyDuty::NewDueMissed { new_due }
        | ApologyDuty::Issued { new_due, .. }
        | ApologyDuty::IssuedLate { new_due, .. } => ("hẹn lại", Some(new_due)),
        ApologyDuty::Upcoming { deadline } | ApologyDuty::Breach { deadline } => {
            ("hạn gửi", Some(deadline))
        }
        ApologyDuty::None => ("", None),
    };
    let when = when.map(short).unwrap_or_default();
    let mut s = format!("{} · {which} {when}", duty.label());
    if let Some(left) = row.deadline_minutes_left {
        s.push_str(&format!(" · {}", remaining(left, row.day_minutes)));
    }
    s
}

/// The instant an apology duty is about: the deadline, or the new appointment.
pub(crate) fn duty_instant(duty: ApologyDuty) -> Option<crate::calendar::LocalTime> {
    duty.sort_key()
}

fn due_cell(row: &Row, year: i32) -> String {
    match row.dossier.new_due_at {
        Some(new) => format!(
            "{}→{}",
            row.dossier.due_at.format("%d/%m"),
            new.format("%d/%m")
        ),
        None => short_in(row.dossier.due_at, year),
    }
}

/// Draws the board body into `area`.
pub(crate) fn render(app: &App, f: &mut Frame, area: Rect) {
    let b = &app.board;
    let w = usize::from(area.width);
    let mut lines = vec![counters_line(&b.counters, w), tabs_line(b, w)];
    let cols = columns(w);
    let apology = b.tab == ListFilter::ApologyNeeded;
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
        lines.extend(empty_lines(b, w));
    }
    for (i, row) in b.rows.iter().take(height).enumerate() {
        let mut style = tone_style(Tone::of(row));
        if b.top + i == b.selected {
            style = style.add_modifier(Modifier::REVERSED);
        }
        lines.push(row_line(
            cols,
            row_cells(row, apology, app.now.year()),
            style,
        ));
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

/// What an empty tab says: how to receive a dossier, and which other tab has some.
fn empty_lines(b: &Board, w: usize) -> Vec<Line<'static>> {
    let grey = Style::default().fg(Color::DarkGray);
    let mut lines = vec![
        Line::raw(""),
        Line::styled(
            fit(
                "  Không có hồ sơ nào trong danh sách này. Nhấn n để tiếp nhận hồ sơ mới.",
                w,
            ),
            grey,
        ),
    ];
    if let Some((tab, n)) = ListFilter::ALL
        .iter()
        .zip(b.counts)
        .find(|(t, n)| **t != b.tab && *n > 0)
    {
        lines.push(Line::styled(
            fit(
                &format!("  Tab: sang thẻ khác (thẻ «{}» có {n} hồ sơ).", tab.label()),
                w,
            ),
            grey,
        ));
    }
    lines
}

/// One row's cells; the apology tab shows the duty's instant and words instead of the due.
fn row_cells(row: &Row, apology: bool, year: i32) -> [String; 7] {
    let d = &row.dossier;
    [
        short_code(d.code.as_str()).to_owned(),
        d.applicant.name.clone(),
        d.procedure_name.clone(),
        short_in(d.received_at, year),
        if apology {
            duty_instant(row.judgement.duty)
                .map(|t| short_in(t, year))
                .unwrap_or_default()
        } else {
            due_cell(row, year)
        },
        if apology {
            duty_cell(row)
        } else {
            remaining_words(row)
        },
        d.status.label().to_owned(),
    ]
}
