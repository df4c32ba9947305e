//! Drawing the whole screen from `&App`: a title line, the current screen's body, a message
//! line, and the hint bar; the help and confirm popups on top. Borrowing only, no state changes,
//! so a test renders any state into a `TestBackend`. Every size is allowed, down to 1×1: all
//! arithmetic saturates and widgets clip.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::app::{App, Level, Screen};
use super::board_view;
use super::format::{fit, pad};
use super::keymap::{self, Binding, Cmd};

/// Draws everything.
pub fn render(app: &App, f: &mut Frame) {
    let area = f.area();
    if area.height == 0 || area.width == 0 {
        return;
    }
    let title = Rect { height: 1, ..area };
    let message_lines = message_lines(app, usize::from(area.width));
    // A long message takes up to three lines (from the body) rather than being cut.
    let message_h = if area.height >= 3 {
        u16::try_from(message_lines.len().clamp(1, MESSAGE_LINES))
            .expect("at most three lines")
            .min(area.height.saturating_sub(2))
    } else {
        0
    };
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(2 + message_h),
        ..area
    };
    let message = Rect {
        y: area.y + area.height.saturating_sub(1 + message_h),
        height: message_h,
        ..area
    };
    let hints = Rect {
        y: area.y + area.height.saturating_sub(1),
        height: u16::from(area.height >= 2),
        ..area
    };
    render_title(app, f, title);
    match &app.screen {
        Screen::Board => board_view::render(app, f, body),
        Screen::Intake(form) => super::intake_view::render(app, form, f, body),
        Screen::Received(d) => render_received(d, f, body),
        Screen::Dossier(view) => super::dossier_view::render(app, view, f, body),
        Screen::Search(s) => super::search::render(s, chrono::Datelike::year(&app.now), f, body),
        Screen::Catalogue(c) => super::catalogue::render(app, f, body, c.selected),
        Screen::Setup(form) => super::setup::render(form, f, body),
    }
    f.render_widget(Paragraph::new(message_lines), message);
    render_hints(app, f, hints);
    if let Some(menu) = &app.papers {
        super::papers::render(menu, f, body);
    }
    if let Some(c) = &app.confirm {
        render_confirm(c, f, area);
    }
    if app.help {
        render_help(app, f, area);
    }
}

fn screen_title(app: &App) -> &'static str {
    match &app.screen {
        Screen::Board => "Bảng theo dõi",
        Screen::Intake(_) => "Tiếp nhận hồ sơ",
        Screen::Received(_) => "Đã tiếp nhận",
        Screen::Dossier(_) => "Hồ sơ",
        Screen::Search(_) => "Tìm hồ sơ",
        Screen::Catalogue(_) => "Danh mục thủ tục hành chính",
        Screen::Setup(_) => "Thông tin cơ quan",
    }
}

fn render_title(app: &App, f: &mut Frame, area: Rect) {
    let w = usize::from(area.width);
    let left = format!(" MỘT CỬA · {}", screen_title(app));
    let who = app
        .who
        .as_ref()
        .map(|w| format!("{w} · "))
        .unwrap_or_default();
    let right = format!(
        "{who}{} {} ",
        super::format::weekday(app.now),
        super::format::time(app.now)
    );
    let gap = w.saturating_sub(left_width(&left) + left_width(&right));
    let text = if gap == 0 {
        fit(&left, w)
    } else {
        format!("{left}{}{right}", " ".repeat(gap))
    };
    let style = Style::default()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD);
    f.render_widget(Paragraph::new(Line::styled(pad(&text, w), style)), area);
}

fn left_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// The board's status line while the agency code is the placeholder.
const PLACEHOLDER_LINE: &str =
    "Chưa đặt mã cơ quan (mã hồ sơ dùng mã mẫu 000.00.20.H30) · o: đặt thông tin";

/// The most lines the message takes; a longer one ends with `…`.
const MESSAGE_LINES: usize = 3;

/// The message line's lines at width `w`: the answer to the clerk's last action, word-wrapped,
/// or the board's code being typed.
fn message_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let (symbol, text, style) = match (&app.message, &app.screen) {
        (Some((Level::Error, m)), _) => (
            '⚠',
            m.as_str(),
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        ),
        (Some((Level::Info, m)), _) => ('✓', m.as_str(), Style::default().fg(Color::Green)),
        (Some((Level::Busy, m)), _) => ('⟳', m.as_str(), Style::default().fg(Color::Yellow)),
        (None, Screen::Board) if !app.board.scan.is_empty() => {
            let line = format!(" Mã hồ sơ: {}▏ (Enter: mở · Esc: xóa)", app.board.scan);
            return vec![Line::styled(
                fit(&line, w),
                Style::default().add_modifier(Modifier::BOLD),
            )];
        }
        (None, Screen::Board) if app.clock_warning.is_some() => (
            '⚠',
            app.clock_warning.as_deref().unwrap_or_default(),
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        ),
        (None, Screen::Board) if app.placeholder_code => {
            ('⚠', PLACEHOLDER_LINE, Style::default().fg(Color::Yellow))
        }
        _ => return Vec::new(),
    };
    // " ⚠ " before the first line; the next ones line up under its text.
    let text_w = w.saturating_sub(3).max(1);
    let mut lines = super::format::wrap(text, text_w);
    if lines.len() > MESSAGE_LINES {
        let rest = lines.split_off(MESSAGE_LINES - 1).join(" ");
        lines.push(fit(&rest, text_w));
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 {
                format!(" {symbol} ")
            } else {
                "   ".to_owned()
            };
            Line::styled(fit(&format!("{lead}{l}"), w), style)
        })
        .collect()
}

/// The main bindings of the active keymap, "key hint" pairs, as many as fit.
fn render_hints(app: &App, f: &mut Frame, area: Rect) {
    let enabled = |cmd| app.enabled(cmd);
    let w = usize::from(area.width);
    let main: Vec<&Binding> = keymap::visible(app.keymap(), &enabled)
        .filter(|b| b.main)
        .collect();
    let need = |b: &Binding| keymap::hint_width(b);
    // Help and the way out always get a place; the others fill what is left, in table order.
    let essential = |b: &Binding| matches!(b.cmd, Cmd::Help | Cmd::Back | Cmd::Quit);
    let mut used: usize = main.iter().filter(|b| essential(b)).map(|b| need(b)).sum();
    let mut shown = Vec::new();
    for b in &main {
        if essential(b) {
            shown.push(*b);
        } else if used + need(b) <= w {
            used += need(b);
            shown.push(*b);
        }
    }
    let mut spans = Vec::new();
    let mut width = 0;
    for b in main
        .iter()
        .filter(|b| shown.iter().any(|s| std::ptr::eq(*s, **b)))
    {
        let key = b.keys.first().map(|k| k.label()).unwrap_or_default();
        width += need(b);
        if width > w {
            break;
        }
        spans.push(Span::styled(
            format!(" {key}"),
            Style::default().fg(Color::Black).bg(Color::Gray),
        ));
        spans.push(Span::raw(format!(" {} ", b.hint)));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub(crate) fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

pub(crate) fn popup(
    f: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    colour: Color,
) {
    f.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Style::default().fg(colour))
        .title(format!(" {title} "));
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// The derivation of a due date as a popup over `area` (closed by the same key).
pub(crate) fn explanation(
    f: &mut Frame,
    area: Rect,
    title: &str,
    due: Option<&crate::desk::Appointment>,
) {
    let lines: Vec<Line> = match due {
        Some(a) => a
            .lines
            .iter()
            .map(|s| Line::raw(crate::text::printable(s).into_owned()))
            .collect(),
        None => vec![Line::raw("Chưa tính được: chọn thủ tục trước.")],
    };
    let width = area.width.saturating_sub(2).min(90);
    let inner_w = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(inner_w).max(1))
        .sum();
    let height = u16::try_from(rows + 2).unwrap_or(u16::MAX);
    popup(f, centred(area, width, height), title, lines, Color::Green);
}

fn render_confirm(c: &super::app::Confirm, f: &mut Frame, area: Rect) {
    let mut lines: Vec<Line> = c.lines.iter().map(|l| Line::raw(l.clone())).collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Xác nhận? y = có · n/Esc = không",
        Style::default().add_modifier(Modifier::BOLD),
    ));
    let width = area.width.saturating_sub(4).min(72);
    let inner_w = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(inner_w).max(1))
        .sum();
    let h = u16::try_from(rows + 2).unwrap_or(u16::MAX);
    popup(f, centred(area, width, h), &c.title, lines, Color::Yellow);
}

/// Every binding of the active screen, generated from the same table as the hint bar.
fn render_help(app: &App, f: &mut Frame, area: Rect) {
    let screen_table: &[Binding] = {
        let mut probe = app.clone();
        probe.help = false;
        probe.keymap()
    };
    let enabled = |cmd| app.enabled(cmd);
    let rows: Vec<(String, &str)> = keymap::visible(screen_table, &enabled)
        .map(|b| (keymap::keys_label(b), b.hint))
        .collect();
    let key_w = rows.iter().map(|(k, _)| left_width(k)).max().unwrap_or(0);
    let mut lines: Vec<Line> = rows
        .iter()
        .map(|(k, h)| {
            Line::from(vec![
                Span::styled(pad(k, key_w), Style::default().add_modifier(Modifier::BOLD)),
                Span::raw(format!("  {h}")),
            ])
        })
        .collect();
    // On a screen that types text, `/` types; there the list alone must fit at 80×24.
    if !screen_table.iter().any(|b| matches!(b.cmd, Cmd::Edit(_))) {
        lines.push(Line::raw(""));
        lines.push(Line::raw(
            "/ tìm hồ sơ ở mọi màn hình không nhập chữ · Esc đóng",
        ));
    }
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centred(area, area.width.saturating_sub(4).min(64), h);
    popup(
        f,
        rect,
        &format!("Phím tắt — {}", screen_title(app)),
        lines,
        Color::Cyan,
    );
}

fn render_received(d: &crate::domain::Dossier, f: &mut Frame, area: Rect) {
    let big = Style::default().add_modifier(Modifier::BOLD);
    let lines = vec![
        Line::raw(""),
        Line::styled("  Đã tiếp nhận hồ sơ", big.fg(Color::Green)),
        Line::raw(""),
        Line::from(vec![
            Span::raw("  Mã hồ sơ:   "),
            Span::styled(d.code.as_str().to_owned(), big),
        ]),
        Line::raw(format!(
            "  Người nộp:  {}",
            crate::text::printable(&d.applicant.name)
        )),
        Line::raw(format!(
            "  Thủ tục:    {}",
            crate::text::printable(&d.procedure_name)
        )),
        Line::raw(format!(
            "  Nhận lúc:   {}",
            super::format::time(d.received_at)
        )),
        Line::from(vec![
            Span::raw("  Hẹn trả:    "),
            Span::styled(
                format!(
                    "{} {}",
                    super::format::weekday(d.due_at),
                    super::format::time(d.due_at)
                ),
                big,
            ),
        ]),
        Line::raw(""),
        Line::raw("  p: in giấy tiếp nhận · Enter: xem hồ sơ · n: tiếp nhận hồ sơ khác"),
        Line::raw("  Esc: về bảng"),
    ];
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
