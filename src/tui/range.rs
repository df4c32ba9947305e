//! The board's "Chọn khoảng ngày…": a small form over the papers menu for a report of any range
//! of days — from, to (typed dd/mm/yyyy as every screen shows dates, ISO also accepted; the one
//! reader is `format::parse_screen_date`) and which report (Biểu 06 or the register). A valid
//! range becomes one more paper in the menu, previewed and printed like the shortcuts.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use super::format::{fit, pad, parse_screen_date};
use super::input::{Edit, TextField};
use super::keymap::Cmd;
use super::papers::Paper;

/// The longest range the desk builds: a year (and a leap day). The preview is built while the
/// desk waits, and a register of several years reads every dossier of them; longer reports are
/// for `motcua report period` / `motcua print register`, which no clerk waits on at the counter.
pub(crate) const MAX_DAYS: i64 = 366;

/// The reports a range can be printed as, in the form's order.
const REPORTS: [&str; 3] = [
    "Thống kê kết quả (Biểu 06)",
    "Sổ theo dõi hồ sơ",
    "Số liệu theo cán bộ, đơn vị",
];

/// The labels, in focus order.
const LABELS: [&str; 3] = ["Từ ngày", "Đến ngày", "Báo cáo"];

/// The form's state: two dates and the report.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RangeForm {
    pub(crate) from: TextField,
    pub(crate) to: TextField,
    /// Index into [`REPORTS`].
    pub(crate) report: usize,
    /// 0 from, 1 to, 2 the report.
    pub(crate) focus: usize,
    pub(crate) error: Option<String>,
}

fn screen_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

impl RangeForm {
    /// Starts on this month up to today: the range a clerk most often changes a little.
    pub(crate) fn new(today: NaiveDate) -> RangeForm {
        let first = today.with_day(1).unwrap_or(today);
        RangeForm {
            from: TextField::new(&screen_date(first)),
            to: TextField::new(&screen_date(today)),
            report: 0,
            focus: 0,
            error: None,
        }
    }

    fn text_mut(&mut self) -> Option<&mut TextField> {
        match self.focus {
            0 => Some(&mut self.from),
            1 => Some(&mut self.to),
            _ => None,
        }
    }

    /// The paper the form describes on `today`, or what to fix, in Vietnamese.
    pub(crate) fn paper(&self, today: NaiveDate) -> Result<Paper, String> {
        let date = |label: &str, f: &TextField| -> Result<NaiveDate, String> {
            let typed = f.value().trim();
            if typed.is_empty() {
                return Err(format!(
                    "{label}: chưa nhập (gõ dd/mm/yyyy, ví dụ 01/11/2026)."
                ));
            }
            parse_screen_date(typed).ok_or_else(|| {
                format!("{label}: «{typed}» không phải một ngày (gõ dd/mm/yyyy, ví dụ 01/11/2026).")
            })
        };
        let from = date(LABELS[0], &self.from)?;
        let to = date(LABELS[1], &self.to)?;
        if from > to {
            return Err(format!(
                "Từ ngày {} sau đến ngày {}: đổi lại hai ngày.",
                screen_date(from),
                screen_date(to)
            ));
        }
        if to > today {
            return Err(format!(
                "Đến ngày {} chưa tới: số liệu chỉ có đến hôm nay, {}.",
                screen_date(to),
                screen_date(today)
            ));
        }
        let days = (to - from).num_days() + 1;
        if days > MAX_DAYS {
            return Err(format!(
                "Khoảng {days} ngày dài quá một năm: chọn tối đa {MAX_DAYS} ngày (báo cáo \
                 nhiều năm: lệnh motcua report period hoặc motcua print register)."
            ));
        }
        Ok(match self.report {
            0 => Paper::Period(from, to),
            1 => Paper::Register(from, to),
            _ => Paper::Figures(from, to),
        })
    }
}

/// What the form does with a key or typed text. `Some(paper)` when Enter found the form valid
/// (the menu then shows and selects it); the form keeps its error otherwise.
pub(crate) fn update(
    form: &mut RangeForm,
    action: super::app::Action,
    today: NaiveDate,
) -> Option<Paper> {
    use super::app::Action;
    match action {
        Action::Input(c) => match form.text_mut() {
            Some(t) => t.insert(c),
            None if c == ' ' => form.report = (form.report + 1) % REPORTS.len(),
            None => {}
        },
        Action::Paste(text) => {
            if let Some(t) = form.text_mut() {
                t.insert_str(&text);
            }
        }
        Action::Key(Cmd::Edit(e)) => match (form.text_mut(), e) {
            (Some(t), e) => {
                t.edit(e);
            }
            (None, Edit::Left) => form.report = (form.report + REPORTS.len() - 1) % REPORTS.len(),
            (None, Edit::Right) => form.report = (form.report + 1) % REPORTS.len(),
            (None, _) => {}
        },
        Action::Key(Cmd::NextField) => form.focus = (form.focus + 1) % LABELS.len(),
        Action::Key(Cmd::PrevField) => form.focus = (form.focus + LABELS.len() - 1) % LABELS.len(),
        Action::Key(Cmd::Save) => match form.paper(today) {
            Ok(paper) => return Some(paper),
            Err(why) => form.error = Some(why),
        },
        _ => {}
    }
    None
}

/// Draws the form as a popup over `area` (the papers menu).
pub(crate) fn render(form: &RangeForm, f: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4).min(70);
    let w = usize::from(width.saturating_sub(2));
    let label_w = 9;
    let value_w = w.saturating_sub(label_w + 2);
    let mut lines = Vec::new();
    let mut cursor = None;
    for (i, label) in LABELS.iter().enumerate() {
        let on = i == form.focus;
        let value = match i {
            0 | 1 => {
                let t = if i == 0 { &form.from } else { &form.to };
                let (shown, col) = t.view(value_w);
                if on {
                    cursor = Some((lines.len(), label_w + 2 + col));
                }
                shown
            }
            _ => format!("◂ {} ▸", REPORTS[form.report]),
        };
        let style = if on {
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(pad(label, label_w), style),
            Span::raw("  "),
            Span::raw(fit(&value, value_w)),
        ]));
    }
    let grey = Style::default().fg(Color::DarkGray);
    for hint in [
        "Ngày gõ dd/mm/yyyy (ví dụ 01/11/2026), tính cả hai ngày; tối đa 366 ngày.",
        "←/→ ở ô Báo cáo: Biểu 06, Sổ theo dõi hay số liệu theo cán bộ, đơn vị · \
         Enter: xem trước · Esc: hủy",
    ] {
        lines.extend(
            super::format::wrap(hint, w)
                .into_iter()
                .map(|l| Line::styled(l, grey)),
        );
    }
    if let Some(err) = &form.error {
        lines.extend(
            super::format::wrap(&format!("⚠ {err}"), w)
                .into_iter()
                .map(|l| Line::styled(l, Style::default().fg(Color::Red))),
        );
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = super::render::centred(area, width, height);
    super::render::popup(f, rect, "Chọn khoảng ngày", lines, Color::Cyan);
    if let Some((row, col)) = cursor
        && let (Ok(y), Ok(x)) = (u16::try_from(row), u16::try_from(col))
        && x + 1 < rect.width
        && y + 1 < rect.height
    {
        f.set_cursor_position((rect.x + 1 + x, rect.y + 1 + y));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a date")
    }

    fn form(from: &str, to: &str, report: usize) -> RangeForm {
        RangeForm {
            from: TextField::new(from),
            to: TextField::new(to),
            report,
            focus: 0,
            error: None,
        }
    }

    #[test]
    fn a_range_is_read_as_the_screens_write_dates() {
        let today = d(2026, 12, 10);
        assert_eq!(
            form("01/11/2026", "2026-11-30", 0).paper(today),
            Ok(Paper::Period(d(2026, 11, 1), d(2026, 11, 30)))
        );
        assert_eq!(
            form("1/12/2026", "10/12/2026", 1).paper(today),
            Ok(Paper::Register(d(2026, 12, 1), today))
        );
        assert_eq!(
            RangeForm::new(today).paper(today),
            Ok(Paper::Period(d(2026, 12, 1), today))
        );
    }

    #[test]
    fn a_bad_range_says_what_to_fix() {
        let today = d(2026, 12, 10);
        let why = |f: RangeForm| f.paper(today).expect_err("refused");
        assert!(why(form("", "10/12/2026", 0)).starts_with("Từ ngày: chưa nhập"));
        assert!(why(form("31/11/2026", "10/12/2026", 0)).contains("«31/11/2026» không phải"));
        assert!(why(form("01/12/2026", "12/2026", 0)).starts_with("Đến ngày: «12/2026»"));
        assert!(why(form("05/12/2026", "01/12/2026", 0)).contains("sau đến ngày 01/12/2026"));
        assert!(why(form("01/12/2026", "11/12/2026", 0)).contains("chưa tới"));
        assert!(why(form("09/12/2025", "10/12/2026", 1)).contains("Khoảng 367 ngày"));
        assert!(form("10/12/2025", "10/12/2026", 1).paper(today).is_ok());
    }
}
