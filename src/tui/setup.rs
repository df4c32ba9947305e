//! The agency's identity as a form: on the very first start of the desk (before the ledger
//! opens, so the codes and papers of the first dossier already use it) and later from the
//! board (`o`). The values go into `config.toml` through `settings::write_agency`, which keeps
//! the file's comments and checks them with the same reader as a hand-edited file; a desk
//! already open uses them from its next start, as after a hand edit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::settings::AgencySetup;

use super::app::{Action, App, Effect};
use super::format::{fit, pad, wrap};
use super::input::TextField;
use super::keymap::Cmd;

/// The agency code a desk starts with (the example of Circular 01/2018): codes made with it
/// are not the agency's.
pub(crate) use crate::report::letterhead::PLACEHOLDER_AGENCY_CODE;

/// Each field: its label and what it is for (shown under the form while it has the focus).
const FIELDS: [(&str, &str); 7] = [
    (
        "Tên cơ quan",
        "In trên mọi giấy tờ, ví dụ «UBND xã Thanh Sơn».",
    ),
    (
        "Mã cơ quan",
        "Mã định danh điện tử của cơ quan (QCVN 102:2016/BTTTT), phần đầu của mọi mã hồ sơ, \
         ví dụ 000.00.20.H30. Để trống nếu chưa có: tạm dùng mã mẫu, bảng theo dõi nhắc.",
    ),
    (
        "Cơ quan chủ quản",
        "Dòng «ĐƠN VỊ CHỦ QUẢN» trên phiếu, ví dụ «UBND tỉnh Lạng Sơn»; để trống nếu không in.",
    ),
    (
        "Địa danh",
        "Ghi trước ngày tháng: «Thanh Sơn, ngày … tháng … năm …».",
    ),
    (
        "Bộ phận một cửa",
        "Tên bộ phận hoặc trung tâm tiếp nhận, in dưới tên cơ quan.",
    ),
    (
        "Thủ trưởng",
        "Họ tên người ký văn bản xin lỗi, thông báo dừng (sửa được trên từng văn bản).",
    ),
    ("Chức danh", "In ở chỗ ký của thủ trưởng, ví dụ CHỦ TỊCH."),
];

/// The form's state.
#[derive(Clone, Debug, PartialEq)]
pub struct AgencyForm {
    /// The desk's very first start (Esc then skips, the board follows).
    pub first_run: bool,
    pub(crate) fields: Vec<TextField>,
    pub(crate) focus: usize,
    pub error: Option<String>,
}

impl AgencyForm {
    /// The first start's form: nothing filled but the usual title (the built-in example
    /// commune's values would be printed as if they were this agency's).
    pub fn first_run() -> AgencyForm {
        let mut fields = vec![TextField::default(); FIELDS.len()];
        fields[6] = TextField::new("CHỦ TỊCH");
        AgencyForm {
            first_run: true,
            fields,
            focus: 0,
            error: None,
        }
    }

    /// The board's form, filled with the values `config.toml` holds (the placeholder code
    /// shown empty, as on the first start).
    pub fn filled(s: &AgencySetup) -> AgencyForm {
        let fields = s
            .pairs()
            .iter()
            .map(|(key, value)| match (*key, *value) {
                ("code", PLACEHOLDER_AGENCY_CODE) => TextField::default(),
                (_, value) => TextField::new(value),
            })
            .collect();
        AgencyForm {
            first_run: false,
            fields,
            focus: 0,
            error: None,
        }
    }

    fn value(&self, i: usize) -> String {
        crate::text::nfc(self.fields[i].value().trim())
    }

    /// The values typed (an empty code is the placeholder's).
    pub fn setup(&self) -> AgencySetup {
        let code = match self.value(1) {
            c if c.is_empty() => PLACEHOLDER_AGENCY_CODE.to_owned(),
            c => c,
        };
        AgencySetup {
            name: self.value(0),
            code,
            parent: self.value(2),
            place: self.value(3),
            desk_name: self.value(4),
            head: self.value(5),
            head_title: self.value(6),
        }
    }
}

/// The settings reader's refusal, named by the form's label rather than the file's key.
pub(crate) fn refusal(e: &crate::settings::SettingsError) -> String {
    let keys = [
        "name",
        "code",
        "parent",
        "place",
        "desk_name",
        "head",
        "head_title",
    ];
    let label = e
        .key
        .as_deref()
        .and_then(|k| k.strip_prefix("agency."))
        .and_then(|k| keys.iter().position(|x| *x == k))
        .map(|i| FIELDS[i].0);
    match label {
        Some(label) => format!("{label}: {}", e.reason),
        None => e.to_string(),
    }
}

/// The form's reaction to an action.
pub(crate) fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let super::app::Screen::Setup(form) = &mut app.screen else {
        return Vec::new();
    };
    let n = form.fields.len();
    match action {
        Action::Input(c) => form.fields[form.focus].insert(c),
        Action::Paste(text) => form.fields[form.focus].insert_str(&text),
        Action::Key(Cmd::Edit(e)) => {
            form.fields[form.focus].edit(e);
        }
        Action::Key(Cmd::NextField) => form.focus = (form.focus + 1) % n,
        Action::Key(Cmd::PrevField) => form.focus = (form.focus + n - 1) % n,
        Action::Key(Cmd::Save) => {
            form.error = None;
            return vec![Effect::SaveAgency(Box::new(form.setup()))];
        }
        Action::SetupRefused(why) => {
            // The field at fault takes the focus, so the clerk types the fix at once.
            if let Some(i) = FIELDS
                .iter()
                .position(|(label, _)| why.starts_with(&format!("{label}:")))
            {
                form.focus = i;
            }
            form.error = Some(why);
        }
        Action::SetupSaved(msg) => {
            app.info(msg);
            return app.go_board();
        }
        Action::Key(Cmd::Back) => {
            if form.first_run {
                app.info(
                    "Chưa đặt thông tin cơ quan: giấy tờ in theo giá trị mẫu của config.toml. \
                     Phím o trên bảng theo dõi để đặt."
                        .to_owned(),
                );
            }
            return app.go_board();
        }
        _ => {}
    }
    Vec::new()
}

/// Draws the form over the whole body: one line per field, what the focused one is for, the
/// error if any.
pub(crate) fn render(form: &AgencyForm, f: &mut Frame, area: Rect) {
    let w = usize::from(area.width);
    let label_w = FIELDS
        .iter()
        .map(|(l, _)| unicode_width::UnicodeWidthStr::width(*l))
        .max()
        .unwrap_or(0);
    let value_w = w.saturating_sub(label_w + 4);
    let grey = Style::default().fg(Color::DarkGray);
    let intro = if form.first_run {
        "Lần đầu mở bàn một cửa: nhập thông tin cơ quan in trên mọi giấy tờ và mã hồ sơ. \
         Esc: bỏ qua, đặt sau bằng phím o trên bảng theo dõi."
    } else {
        "Thông tin cơ quan ghi vào config.toml; bàn làm việc dùng từ lần mở sau. Đổi người ký \
         hoặc tên cơ quan từ một ngày: ghi lịch sử trong config.toml (xem ghi chú trong tệp)."
    };
    let mut lines: Vec<Line> = wrap(intro, w.saturating_sub(2))
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), grey))
        .collect();
    lines.push(Line::raw(""));
    let top = lines.len();
    let mut cursor = None;
    for (i, ((label, _), field)) in FIELDS.iter().zip(&form.fields).enumerate() {
        let on = i == form.focus;
        let (shown, col) = field.view(value_w);
        if on {
            cursor = Some((lines.len(), label_w + 3 + col));
        }
        let style = if on {
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(format!(" {}", pad(label, label_w)), style),
            Span::raw("  "),
            Span::raw(fit(&shown, value_w)),
        ]));
    }
    debug_assert_eq!(lines.len(), top + FIELDS.len());
    lines.push(Line::raw(""));
    let help = FIELDS.get(form.focus).map_or("", |(_, h)| h);
    lines.extend(
        wrap(help, w.saturating_sub(2))
            .into_iter()
            .map(|l| Line::styled(format!(" {l}"), grey)),
    );
    if let Some(err) = &form.error {
        lines.extend(
            wrap(&format!("⚠ {err}"), w.saturating_sub(2))
                .into_iter()
                .map(|l| Line::styled(format!(" {l}"), Style::default().fg(Color::Red))),
        );
    }
    f.render_widget(ratatui::widgets::Paragraph::new(lines), area);
    if let Some((row, col)) = cursor
        && let (Ok(y), Ok(x)) = (u16::try_from(row), u16::try_from(col))
        && x < area.width
        && y < area.height
    {
        f.set_cursor_position((area.x + x, area.y + y));
    }
}
