//! Keybindings as data: one table per screen of (keys, command, hint). The hint bar and the help
//! screen are both generated from these tables, so they cannot drift apart. Text screens bind
//! only non-printing keys, so every letter can be typed.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key as the tables name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    F(u8),
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    /// Ctrl-← (a word left in a text field).
    CtrlLeft,
    /// Ctrl-→ (a word right in a text field).
    CtrlRight,
    PageUp,
    PageDown,
    Home,
    End,
    Backspace,
    Delete,
}

impl Key {
    /// The key of a terminal event, if it is one the tables can name.
    pub(crate) fn from_event(ev: &KeyEvent) -> Option<Key> {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        Some(match ev.code {
            KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::F(n) => Key::F(n),
            KeyCode::Left if ctrl => Key::CtrlLeft,
            KeyCode::Right if ctrl => Key::CtrlRight,
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Esc,
            KeyCode::Tab => Key::Tab,
            KeyCode::BackTab => Key::BackTab,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Delete => Key::Delete,
            _ => return None,
        })
    }

    /// How the key is written in the hint bar and the help screen.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".to_owned(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::F(n) => format!("F{n}"),
            Key::Enter => "Enter".to_owned(),
            Key::Esc => "Esc".to_owned(),
            Key::Tab => "Tab".to_owned(),
            Key::BackTab => "Shift-Tab".to_owned(),
            Key::Up => "↑".to_owned(),
            Key::Down => "↓".to_owned(),
            Key::Left => "←".to_owned(),
            Key::Right => "→".to_owned(),
            Key::CtrlLeft => "Ctrl-←".to_owned(),
            Key::CtrlRight => "Ctrl-→".to_owned(),
            Key::PageUp => "PgUp".to_owned(),
            Key::PageDown => "PgDn".to_owned(),
            Key::Home => "Home".to_owned(),
            Key::End => "End".to_owned(),
            Key::Backspace => "Backspace".to_owned(),
            Key::Delete => "Del".to_owned(),
        }
    }
}

/// What a key means, independent of its data. The dossier view's legal actions are `Verb`s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmd {
    Quit,
    Help,
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    NextTab,
    PrevTab,
    Open,
    NewIntake,
    Search,
    Catalogue,
    Refresh,
    NextField,
    PrevField,
    Toggle,
    Save,
    Explain,
    /// Deletes the last char of the board's code buffer.
    Backspace,
    /// An editing key in a text field (and ←/→ on a choice).
    Edit(super::input::Edit),
    /// Space on a checklist or a choice (in a text field it types a space).
    Mark,
    Yes,
    No,
    Print,
    /// The board's papers menu: type a range of days for a report.
    Range,
    /// The agency's identity (the settings screen).
    Settings,
    Verb(super::verbs::Verb),
}

/// One row of a keymap table.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub cmd: Cmd,
    /// A few words in Vietnamese, shown in the hint bar and the help screen.
    pub hint: &'static str,
    /// Shown in the hint bar (all bindings are shown in help).
    pub main: bool,
}

const fn b(keys: &'static [Key], cmd: Cmd, hint: &'static str, main: bool) -> Binding {
    Binding {
        keys,
        cmd,
        hint,
        main,
    }
}

use super::input::Edit;
use super::verbs::Verb;

pub(crate) const BOARD: &[Binding] = &[
    b(
        &[Key::Char('n'), Key::F(2)],
        Cmd::NewIntake,
        "Tiếp nhận",
        true,
    ),
    b(&[Key::Enter], Cmd::Open, "Mở", true),
    b(&[Key::Char('/')], Cmd::Search, "Tìm", true),
    b(&[Key::F(1), Key::Char('?')], Cmd::Help, "Trợ giúp", true),
    b(
        &[Key::Char('q'), Key::Ctrl('q'), Key::Ctrl('c')],
        Cmd::Quit,
        "Thoát",
        true,
    ),
    b(&[Key::Tab, Key::Right], Cmd::NextTab, "Thẻ sau", false),
    b(&[Key::BackTab, Key::Left], Cmd::PrevTab, "Thẻ trước", false),
    b(&[Key::Up, Key::Char('k')], Cmd::Up, "Lên", false),
    b(&[Key::Down, Key::Char('j')], Cmd::Down, "Xuống", false),
    b(&[Key::PageUp], Cmd::PageUp, "Trang trước", false),
    b(&[Key::PageDown], Cmd::PageDown, "Trang sau", false),
    b(&[Key::Home], Cmd::First, "Đầu danh sách", false),
    b(&[Key::End], Cmd::Last, "Cuối danh sách", false),
    b(&[Key::Char('i')], Cmd::Print, "Báo cáo, in", true),
    b(&[Key::Char('c')], Cmd::Catalogue, "Danh mục", true),
    b(
        &[Key::Char('o'), Key::F(9)],
        Cmd::Settings,
        "Thông tin cơ quan (tên, mã, người ký)",
        false,
    ),
    b(&[Key::Char('r'), Key::F(5)], Cmd::Refresh, "Làm mới", false),
    b(&[Key::Esc], Cmd::Back, "Xóa mã đang gõ", false),
    b(&[Key::Backspace], Cmd::Backspace, "Xóa ký tự mã", false),
];

/// The editing keys of a text field, in every table with text fields (help lists them).
macro_rules! editing {
    ($($rest:expr),* $(,)?) => {
        &[
            $($rest,)*
            b(&[Key::Left], Cmd::Edit(Edit::Left), "Con trỏ trái / lựa chọn trước", false),
            b(&[Key::Right], Cmd::Edit(Edit::Right), "Con trỏ phải / lựa chọn sau", false),
            b(&[Key::Home], Cmd::Edit(Edit::Home), "Về đầu ô", false),
            b(&[Key::End], Cmd::Edit(Edit::End), "Về cuối ô", false),
            b(&[Key::CtrlLeft], Cmd::Edit(Edit::WordLeft), "Lùi một từ", false),
            b(&[Key::CtrlRight], Cmd::Edit(Edit::WordRight), "Tiến một từ", false),
            b(&[Key::Backspace], Cmd::Edit(Edit::Backspace), "Xóa lùi", false),
            b(&[Key::Delete], Cmd::Edit(Edit::Delete), "Xóa ký tự", false),
            b(&[Key::Ctrl('u')], Cmd::Edit(Edit::ClearBefore), "Xóa từ đầu ô đến con trỏ", false),
            b(&[Key::Ctrl('k')], Cmd::Edit(Edit::ClearAfter), "Xóa từ con trỏ đến cuối ô", false),
            b(&[Key::Ctrl('w')], Cmd::Edit(Edit::DeleteWord), "Xóa từ trước con trỏ", false),
        ]
    };
}

pub(crate) const INTAKE: &[Binding] = editing![
    b(&[Key::Tab], Cmd::NextField, "Ô sau", true),
    b(&[Key::BackTab], Cmd::PrevField, "Ô trước", false),
    b(&[Key::Up], Cmd::Up, "Chọn lên", false),
    b(&[Key::Down], Cmd::Down, "Chọn xuống", false),
    b(&[Key::Enter], Cmd::Toggle, "Chọn / đánh dấu", false),
    b(
        &[Key::Char(' ')],
        Cmd::Mark,
        "Đánh dấu giấy tờ / đổi lựa chọn",
        false
    ),
    b(&[Key::Ctrl('s'), Key::F(10)], Cmd::Save, "Lưu", true),
    b(
        &[Key::Ctrl('e'), Key::F(3)],
        Cmd::Explain,
        "Cách tính hẹn",
        true,
    ),
    b(&[Key::F(1)], Cmd::Help, "Trợ giúp", true),
    b(&[Key::Esc], Cmd::Back, "Hủy", true),
];

pub(crate) const RECEIVED: &[Binding] = &[
    b(
        &[Key::Char('p'), Key::Char('i')],
        Cmd::Print,
        "In giấy tiếp nhận",
        true,
    ),
    b(&[Key::Enter], Cmd::Open, "Mở hồ sơ", true),
    b(
        &[Key::Char('n'), Key::F(2)],
        Cmd::NewIntake,
        "Nhận tiếp",
        true,
    ),
    b(&[Key::F(1), Key::Char('?')], Cmd::Help, "Trợ giúp", true),
    b(&[Key::Esc, Key::Char('q')], Cmd::Back, "Về bảng", true),
];

/// The dossier view. No letter of a legal step is a key of the board (n, c, r, q, j, k…), so
/// no habit from the board starts a legal step here; every step then asks to confirm.
pub(crate) const DOSSIER: &[Binding] = &[
    b(
        &[Key::Char('g')],
        Cmd::Verb(Verb::Transfer),
        "Chuyển xử lý",
        false,
    ),
    b(
        &[Key::Char('b')],
        Cmd::Verb(Verb::RequestSupplement),
        "Yêu cầu bổ sung",
        false,
    ),
    b(
        &[Key::Char('h')],
        Cmd::Verb(Verb::ReceiveSupplement),
        "Nhận đủ bổ sung",
        false,
    ),
    b(&[Key::Char('t')], Cmd::Verb(Verb::Pause), "Tạm dừng", false),
    b(
        &[Key::Char('u')],
        Cmd::Verb(Verb::Resume),
        "Tiếp tục tính",
        false,
    ),
    b(
        &[Key::Char('v')],
        Cmd::Verb(Verb::MarkResultReady),
        "Kết quả về",
        false,
    ),
    b(
        &[Key::Char('a')],
        Cmd::Verb(Verb::HandBack),
        "Trả kết quả",
        false,
    ),
    b(&[Key::Char('x')], Cmd::Verb(Verb::Refuse), "Từ chối", false),
    b(&[Key::Char('d')], Cmd::Verb(Verb::Stop), "Dừng", false),
    b(
        &[Key::Char('l')],
        Cmd::Verb(Verb::IssueApology),
        "Xin lỗi",
        false,
    ),
    b(
        &[Key::Char('s')],
        Cmd::Verb(Verb::Correct),
        "Sửa thông tin",
        false,
    ),
    b(&[Key::Char('z')], Cmd::Verb(Verb::Undo), "Hoàn tác", false),
    b(&[Key::Char('e')], Cmd::Explain, "Cách tính hạn", true),
    b(
        &[Key::Char('i'), Key::Char('p')],
        Cmd::Print,
        "In giấy tờ",
        true,
    ),
    b(&[Key::Up, Key::Char('k')], Cmd::Up, "Cuộn lên", false),
    b(&[Key::Down, Key::Char('j')], Cmd::Down, "Cuộn xuống", false),
    b(&[Key::Char('/')], Cmd::Search, "Tìm", true),
    b(&[Key::F(1), Key::Char('?')], Cmd::Help, "Trợ giúp", true),
    b(&[Key::Esc, Key::Char('q')], Cmd::Back, "Về", true),
];

pub(crate) const FORM: &[Binding] = editing![
    b(&[Key::Tab, Key::Down], Cmd::NextField, "Ô sau", true),
    b(&[Key::BackTab, Key::Up], Cmd::PrevField, "Ô trước", false),
    b(&[Key::Enter, Key::Ctrl('s')], Cmd::Save, "Ghi", true),
    b(&[Key::F(1)], Cmd::Help, "Trợ giúp", true),
    b(&[Key::Esc], Cmd::Back, "Hủy", true),
];

pub(crate) const CONFIRM: &[Binding] = &[
    b(
        &[Key::Char('y'), Key::Char('c')],
        Cmd::Yes,
        "Đồng ý (có)",
        true,
    ),
    b(&[Key::Char('n'), Key::Esc], Cmd::No, "Không", true),
];

/// The papers menu (over a dossier or the board).
pub(crate) const PAPERS: &[Binding] = &[
    b(&[Key::Up, Key::Char('k')], Cmd::Up, "Giấy trước", false),
    b(&[Key::Down, Key::Char('j')], Cmd::Down, "Giấy sau", false),
    b(
        &[Key::Enter, Key::Char('p'), Key::Char('i')],
        Cmd::Print,
        "In (tệp PDF và máy in)",
        true,
    ),
    b(&[Key::Char('d')], Cmd::Range, "Khoảng ngày", true),
    b(&[Key::PageUp], Cmd::PageUp, "Cuộn bản xem trước lên", false),
    b(
        &[Key::PageDown],
        Cmd::PageDown,
        "Cuộn bản xem trước xuống",
        false,
    ),
    b(&[Key::F(1), Key::Char('?')], Cmd::Help, "Trợ giúp", true),
    b(&[Key::Esc, Key::Char('q')], Cmd::Back, "Đóng", true),
];

/// The agency's identity (first start, or `o` on the board).
pub(crate) const SETUP: &[Binding] = editing![
    b(&[Key::Tab, Key::Down], Cmd::NextField, "Ô sau", true),
    b(&[Key::BackTab, Key::Up], Cmd::PrevField, "Ô trước", false),
    b(&[Key::Enter, Key::Ctrl('s')], Cmd::Save, "Ghi", true),
    b(&[Key::F(1)], Cmd::Help, "Trợ giúp", true),
    b(&[Key::Esc], Cmd::Back, "Bỏ qua", true),
];

/// The range form over the board's papers menu (two dates and a choice).
pub(crate) const RANGE: &[Binding] = editing![
    b(&[Key::Tab, Key::Down], Cmd::NextField, "Ô sau", true),
    b(&[Key::BackTab, Key::Up], Cmd::PrevField, "Ô trước", false),
    b(&[Key::Enter], Cmd::Save, "Xem trước", true),
    b(&[Key::F(1)], Cmd::Help, "Trợ giúp", true),
    b(&[Key::Esc], Cmd::Back, "Hủy", true),
];

pub(crate) const SEARCH: &[Binding] = editing![
    b(&[Key::Enter], Cmd::Open, "Mở hồ sơ", true),
    b(&[Key::Up], Cmd::Up, "Lên", false),
    b(&[Key::Down], Cmd::Down, "Xuống", false),
    b(&[Key::F(1)], Cmd::Help, "Trợ giúp", true),
    b(&[Key::Esc], Cmd::Back, "Đóng", true),
];

pub(crate) const CATALOGUE: &[Binding] = &[
    b(&[Key::Up, Key::Char('k')], Cmd::Up, "Lên", false),
    b(&[Key::Down, Key::Char('j')], Cmd::Down, "Xuống", false),
    b(&[Key::PageUp], Cmd::PageUp, "Trang trước", false),
    b(&[Key::PageDown], Cmd::PageDown, "Trang sau", false),
    b(&[Key::Char('/')], Cmd::Search, "Tìm hồ sơ", false),
    b(&[Key::F(1), Key::Char('?')], Cmd::Help, "Trợ giúp", true),
    b(&[Key::Esc, Key::Char('q')], Cmd::Back, "Về bảng", true),
];

pub(crate) const HELP: &[Binding] = &[b(
    &[
        Key::Esc,
        Key::Char('?'),
        Key::Char('q'),
        Key::F(1),
        Key::Enter,
    ],
    Cmd::Back,
    "Đóng trợ giúp",
    true,
)];

/// The command a key has in `table`, if any.
pub(crate) fn lookup(table: &[Binding], key: Key) -> Option<Cmd> {
    table.iter().find(|b| b.keys.contains(&key)).map(|b| b.cmd)
}

/// The bindings of `table` that `enabled` keeps (verbs not available are hidden).
pub(crate) fn visible<'a>(
    table: &'a [Binding],
    enabled: &'a dyn Fn(Cmd) -> bool,
) -> impl Iterator<Item = &'a Binding> + 'a {
    table.iter().filter(move |b| enabled(b.cmd))
}

/// The columns a binding takes in the hint bar: " key hint ".
pub(crate) fn hint_width(b: &Binding) -> usize {
    use unicode_width::UnicodeWidthStr;
    let key = b.keys.first().map(|k| k.label()).unwrap_or_default();
    key.width() + b.hint.width() + 3
}

/// The narrowest terminal the desk is laid out for (80×24): every table's main bindings fit
/// on its hint bar.
#[cfg(test)]
pub(crate) const NARROWEST: usize = 80;

/// "n/F2" for a binding's keys.
pub fn keys_label(b: &Binding) -> String {
    b.keys
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
