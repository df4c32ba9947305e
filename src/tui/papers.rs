//! The papers menu: every paper that applies where the clerk stands, with an on-screen preview
//! of the selected one, printed (PDF into the printouts folder, then the printer queue) on one
//! key. From a dossier: its receipt, control sheet, supplement request, refusal, stop notice
//! and apology letter as its history allows; from the board: today's end-of-day summary, the
//! period statistics (Biểu 06) and the register of this month, this quarter, last quarter and
//! this year. Which papers exist is the desk's to say (it refuses a form the dossier has no
//! event for); this module only offers and shows them.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

use crate::desk::FormKind;
use crate::domain::{Dossier, DossierCode, EventKind, Status};

use super::app::{Action, App, Effect};
use super::keymap::Cmd;
use super::range::RangeForm;

/// A paper the desk can print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Paper {
    /// A form of one dossier.
    Form(DossierCode, FormKind),
    /// The end-of-day summary of a day.
    Day(NaiveDate),
    /// The period statistics (Biểu 06) of `from..=to`.
    Period(NaiveDate, NaiveDate),
    /// The register of dossiers received in `from..=to`.
    Register(NaiveDate, NaiveDate),
    /// The clerk's figures of `from..=to`: by receiving officer and by processing unit.
    Figures(NaiveDate, NaiveDate),
    /// The results waiting for collection, with phones and days waiting, as of now.
    CallList,
}

/// The name of a dossier form, as the menu lists it.
pub(crate) fn form_title(kind: FormKind) -> &'static str {
    match kind {
        FormKind::Receipt => "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        FormKind::SupplementRequest => "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
        FormKind::Refusal => "Phiếu từ chối tiếp nhận, giải quyết hồ sơ",
        FormKind::StopNotice => "Thông báo dừng giải quyết hồ sơ",
        FormKind::ControlSheet => "Phiếu kiểm soát quá trình giải quyết hồ sơ",
        FormKind::ApologyLetter => "Văn bản xin lỗi và hẹn lại ngày trả kết quả",
    }
}

fn span(from: NaiveDate, to: NaiveDate) -> String {
    format!("{} – {}", from.format("%d/%m/%Y"), to.format("%d/%m/%Y"))
}

impl Paper {
    /// The menu's line for this paper.
    pub(crate) fn title(&self) -> String {
        match self {
            Paper::Form(_, kind) => form_title(*kind).to_owned(),
            Paper::Day(d) => format!("Tổng hợp cuối ngày {}", d.format("%d/%m/%Y")),
            Paper::Period(f, t) => format!("Thống kê kết quả (Biểu 06) {}", span(*f, *t)),
            Paper::Register(f, t) => format!("Sổ theo dõi hồ sơ {}", span(*f, *t)),
            Paper::Figures(f, t) => format!("Số liệu theo cán bộ, đơn vị {}", span(*f, *t)),
            Paper::CallList => "Danh sách gọi công dân nhận kết quả".to_owned(),
        }
    }

    /// The printout's file name without its time stamp and extension.
    pub(crate) fn file_stem(&self) -> String {
        let ymd = |d: &NaiveDate| d.format("%Y%m%d").to_string();
        match self {
            Paper::Form(code, kind) => format!("{}-{}", code.as_str(), form_stem(*kind)),
            Paper::Day(d) => format!("tong-hop-ngay-{}", ymd(d)),
            Paper::Period(f, t) => format!("bieu-06-{}-{}", ymd(f), ymd(t)),
            Paper::Register(f, t) => format!("so-theo-doi-{}-{}", ymd(f), ymd(t)),
            Paper::Figures(f, t) => format!("so-lieu-can-bo-don-vi-{}-{}", ymd(f), ymd(t)),
            Paper::CallList => "danh-sach-goi-nhan-ket-qua".to_owned(),
        }
    }
}

/// The file name stem of a form printed for a dossier.
pub(crate) fn form_stem(kind: FormKind) -> &'static str {
    match kind {
        FormKind::Receipt => "giay-tiep-nhan",
        FormKind::SupplementRequest => "phieu-yeu-cau-bo-sung",
        FormKind::Refusal => "phieu-tu-choi",
        FormKind::StopNotice => "thong-bao-dung",
        FormKind::ControlSheet => "phieu-kiem-soat",
        FormKind::ApologyLetter => "van-ban-xin-loi",
    }
}

/// The forms that apply to `d` as it stands: the receipt and the control sheet always; the
/// supplement request, refusal, stop notice and apology letter once the dossier's history has
/// the step they record.
pub(crate) fn for_dossier(d: &Dossier) -> Vec<Paper> {
    let has = |f: &dyn Fn(&EventKind) -> bool| d.effective_events().any(|e| f(&e.kind));
    let mut kinds = vec![FormKind::Receipt];
    if has(&|k| matches!(k, EventKind::SupplementRequested { .. })) {
        kinds.push(FormKind::SupplementRequest);
    }
    if d.status == Status::Refused {
        kinds.push(FormKind::Refusal);
    }
    if d.status == Status::Stopped {
        kinds.push(FormKind::StopNotice);
    }
    if crate::domain::apology_event(d).is_some() {
        kinds.push(FormKind::ApologyLetter);
    }
    kinds.push(FormKind::ControlSheet);
    kinds
        .into_iter()
        .map(|k| Paper::Form(d.code.clone(), k))
        .collect()
}

/// The first day of the quarter `q` (0-based, may be negative: last year's) of `year`.
fn quarter_start(year: i32, q: i32) -> NaiveDate {
    let (y, q) = (year + q.div_euclid(4), q.rem_euclid(4));
    NaiveDate::from_ymd_opt(y, u32::try_from(q * 3 + 1).unwrap_or(1), 1)
        .expect("the first day of a quarter exists")
}

/// The reports of the board: today's summary, then the statistics and the register of this
/// month, this quarter, last quarter and this year (each up to today), the clerk's figures of
/// this month, and the call list of results waiting for collection.
pub(crate) fn for_board(today: NaiveDate) -> Vec<Paper> {
    let month = today.with_day(1).expect("the first of a month exists");
    let q = i32::try_from(today.month0() / 3).unwrap_or(0);
    let this_q = quarter_start(today.year(), q);
    let last_q = quarter_start(today.year(), q - 1);
    let last_q_end = this_q.pred_opt().expect("a day before a quarter's start");
    let year = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("1 January exists");
    vec![
        Paper::Day(today),
        Paper::Period(month, today),
        Paper::Period(this_q, today),
        Paper::Period(last_q, last_q_end),
        Paper::Period(year, today),
        Paper::Register(month, today),
        Paper::Register(last_q, last_q_end),
        Paper::Figures(month, today),
        Paper::CallList,
    ]
}

/// The open menu: the papers, the selected one and its preview once loaded.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PaperMenu {
    pub(crate) title: String,
    pub(crate) choices: Vec<Paper>,
    pub(crate) selected: usize,
    /// The selected paper as text lines (`None` until the desk answers).
    pub(crate) preview: Option<(Paper, Vec<String>)>,
    pub(crate) scroll: usize,
    /// The board's menu ends with "Chọn khoảng ngày…" (index `choices.len()`), which opens
    /// [`RangeForm`]; a dossier's menu does not.
    pub(crate) ranges: bool,
    /// The range form, while open over the menu.
    pub(crate) range: Option<RangeForm>,
}

/// The board menu's last entry.
pub(crate) const RANGE_ENTRY: &str = "Chọn khoảng ngày…";

impl PaperMenu {
    /// A menu over `choices` with `selected` chosen; returns it with the effect that loads the
    /// preview.
    pub(crate) fn open(
        title: &str,
        choices: Vec<Paper>,
        selected: usize,
    ) -> (PaperMenu, Vec<Effect>) {
        let menu = PaperMenu {
            title: title.to_owned(),
            selected: selected.min(choices.len().saturating_sub(1)),
            choices,
            preview: None,
            scroll: 0,
            ranges: false,
            range: None,
        };
        let effects = menu.load();
        (menu, effects)
    }

    fn current(&self) -> Option<&Paper> {
        self.choices.get(self.selected)
    }

    fn load(&self) -> Vec<Effect> {
        self.current()
            .map(|p| Effect::Preview(p.clone()))
            .into_iter()
            .collect()
    }

    /// Whether "Chọn khoảng ngày…" is selected.
    pub(crate) fn on_range_entry(&self) -> bool {
        self.ranges && self.selected == self.choices.len()
    }

    fn select(&mut self, to: usize) -> Vec<Effect> {
        if to == self.selected || to >= self.choices.len() + usize::from(self.ranges) {
            return Vec::new();
        }
        self.selected = to;
        self.preview = None;
        self.scroll = 0;
        self.load()
    }
}

/// The range form's reaction, while it is open over the menu: a valid range becomes the
/// menu's selected paper (added once), previewed at once.
fn range_update(menu: &mut PaperMenu, action: Action, today: NaiveDate) -> Vec<Effect> {
    let Some(form) = menu.range.as_mut() else {
        return Vec::new();
    };
    if action == Action::Key(Cmd::Back) {
        menu.range = None;
        return Vec::new();
    }
    let Some(paper) = super::range::update(form, action, today) else {
        return Vec::new();
    };
    menu.range = None;
    let at = match menu.choices.iter().position(|p| *p == paper) {
        Some(at) => at,
        None => {
            menu.choices.push(paper);
            menu.choices.len() - 1
        }
    };
    // Reselect even when it already was, so its preview is asked for again.
    menu.selected = usize::MAX;
    menu.select(at)
}

/// The menu's reaction to an action while it is open.
pub(crate) fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let today = app.now.date();
    let Some(menu) = app.papers.as_mut() else {
        return Vec::new();
    };
    if menu.range.is_some() && !matches!(action, Action::Previewed(..)) {
        return range_update(menu, action, today);
    }
    match action {
        Action::Key(Cmd::Range) | Action::Key(Cmd::Print) if menu.on_range_entry() => {
            menu.range = Some(RangeForm::new(today));
            Vec::new()
        }
        Action::Key(Cmd::Range) if menu.ranges => {
            menu.range = Some(RangeForm::new(today));
            Vec::new()
        }
        Action::Key(Cmd::Up) => menu.select(menu.selected.saturating_sub(1)),
        Action::Key(Cmd::Down) => menu.select(menu.selected + 1),
        Action::Key(Cmd::PageUp) => {
            menu.scroll = menu.scroll.saturating_sub(10);
            Vec::new()
        }
        Action::Key(Cmd::PageDown) => {
            let len = menu.preview.as_ref().map_or(0, |(_, l)| l.len());
            menu.scroll = (menu.scroll + 10).min(len.saturating_sub(1));
            Vec::new()
        }
        Action::Key(Cmd::Print) => menu
            .current()
            .map(|p| Effect::Print(p.clone()))
            .into_iter()
            .collect(),
        Action::Key(Cmd::Back) => {
            app.papers = None;
            Vec::new()
        }
        Action::Previewed(paper, lines) => {
            if menu.current() == Some(&paper) {
                menu.preview = Some((paper, lines));
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Draws the menu over `area`: the papers, then the selected one's preview; the range form on
/// top while open.
pub(crate) fn render(menu: &PaperMenu, f: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(2).min(100);
    let rect = super::render::centred(area, width, area.height.saturating_sub(2));
    let inner_w = usize::from(width.saturating_sub(2));
    let titles = menu
        .choices
        .iter()
        .map(Paper::title)
        .chain(menu.ranges.then(|| RANGE_ENTRY.to_owned()));
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, title) in titles.enumerate() {
        let text = super::format::pad(&format!(" {}. {title}", i + 1), inner_w);
        let style = if i == menu.selected {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        lines.push(Line::styled(text, style));
    }
    let keys = if menu.ranges {
        "↑↓ chọn · Enter/p: in · d: khoảng ngày · PgUp/PgDn: cuộn · Esc: đóng"
    } else {
        "↑↓ chọn · Enter/p: in (PDF và máy in) · PgUp/PgDn: cuộn bản xem trước · Esc: đóng"
    };
    lines.push(Line::styled(
        super::format::fit(keys, inner_w),
        Style::default().fg(Color::DarkGray),
    ));
    lines.push(Line::raw("─".repeat(inner_w)));
    match &menu.preview {
        _ if menu.on_range_entry() => lines.extend(
            super::format::wrap(
                "Enter: gõ từ ngày, đến ngày (dd/mm/yyyy) và chọn Biểu 06, Sổ theo dõi hồ sơ hay số \
                 liệu theo cán bộ, đơn vị; báo cáo của khoảng ngày đó thêm vào danh sách này để \
                 xem trước và in.",
                inner_w,
            )
            .into_iter()
            .map(Line::raw),
        ),
        Some((_, text)) => lines.extend(
            text.iter()
                .skip(menu.scroll)
                .map(|l| Line::raw(crate::text::printable(l).into_owned())),
        ),
        None => lines.push(Line::raw("Đang soạn bản xem trước…")),
    }
    super::render::popup(f, rect, &menu.title, lines, Color::Cyan);
    if let Some(form) = &menu.range {
        super::range::render(form, f, area);
    }
}
