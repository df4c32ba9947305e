//! Fixture builders for the screen snapshots: a small catalogue, dossiers in every state,
//! board pages, and key presses driven through the App's own keymap and update.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use motcua::calendar::{DayHundredths, LocalTime, TimeLimit, WorkMinutes};
use motcua::desk::DayCounters;
use motcua::desk::{Appointment, BoardPage, Detail, ListFilter as Tab, Row};
use motcua::domain::{
    ApologyDuty, Applicant, ApplicantKind, Channel, Dossier, DossierCode, DossierId, Event,
    EventKind, FeeRule, Procedure, ProcedureCode, Status,
};
use motcua::domain::{Judgement, Timeliness};
use motcua::tui::app::{Action, App, Effect, Tone};
use motcua::tui::keymap::Key;
use motcua::tui::render::render;
use motcua::tui::verbs::Defaults;

pub const SIZES: [(u16, u16); 2] = [(80, 24), (120, 35)];

pub fn at(d: u32, h: u32, m: u32) -> LocalTime {
    NaiveDate::from_ymd_opt(2026, 12, d)
        .and_then(|x| x.and_hms_opt(h, m, 0))
        .expect("valid test time")
}

pub fn nov(d: u32, h: u32, m: u32) -> LocalTime {
    NaiveDate::from_ymd_opt(2026, 11, d)
        .and_then(|x| x.and_hms_opt(h, m, 0))
        .expect("valid test time")
}

pub fn now() -> LocalTime {
    at(3, 9, 15)
}

pub fn procedure(
    code: &str,
    name: &str,
    field: &str,
    limit: TimeLimit,
    fee: FeeRule,
    docs: &[&str],
) -> Procedure {
    Procedure {
        code: ProcedureCode(code.to_owned()),
        name: name.to_owned(),
        field: field.to_owned(),
        time_limit: limit,
        fee,
        documents: docs.iter().map(|s| (*s).to_owned()).collect(),
        unit: "Tư pháp – hộ tịch".to_owned(),
        pausable: false,
        note: String::new(),
    }
}

pub fn catalogue() -> Vec<Procedure> {
    vec![
        procedure(
            "1.001193",
            "Đăng ký khai sinh",
            "Hộ tịch",
            TimeLimit::SameDay,
            FeeRule::Free,
            &["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"],
        ),
        procedure(
            "1.000894",
            "Đăng ký kết hôn",
            "Hộ tịch",
            TimeLimit::SameDay,
            FeeRule::Free,
            &[
                "Tờ khai đăng ký kết hôn",
                "Giấy xác nhận tình trạng hôn nhân",
            ],
        ),
        procedure(
            "2.000815",
            "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
            "Chứng thực",
            TimeLimit::SameDay,
            FeeRule::PerPage {
                first_pages: 2,
                first: 2000,
                then: 1000,
                cap: 200_000,
            },
            &["Bản chính giấy tờ", "Bản sao cần chứng thực"],
        ),
        procedure(
            "2.000884",
            "Chứng thực chữ ký trong các giấy tờ, văn bản",
            "Chứng thực",
            TimeLimit::SameDay,
            FeeRule::Fixed(10_000),
            &["Giấy tờ cần chứng thực chữ ký", "Giấy tờ tùy thân"],
        ),
        procedure(
            "1.004227",
            "Xác nhận hộ gia đình làm nông nghiệp có mức sống trung bình",
            "Lao động – thương binh và xã hội",
            TimeLimit::WorkingDays(DayHundredths(1000)),
            FeeRule::Free,
            &["Giấy đề nghị xác nhận"],
        ),
    ]
}

pub fn dossier(
    seq: u32,
    name: &str,
    p: usize,
    received: LocalTime,
    due: LocalTime,
    status: Status,
) -> Dossier {
    let p = &catalogue()[p];
    let mut events = vec![Event {
        at: received,
        operator: "Lê Thị Hoa".to_owned(),
        note: String::new(),
        kind: EventKind::Received,
        due: Some(due),
    }];
    if status != Status::Received {
        events.push(Event {
            at: received + chrono::Duration::minutes(30),
            operator: "Lê Thị Hoa".to_owned(),
            note: String::new(),
            kind: EventKind::Transferred {
                from: motcua::domain::DESK_UNIT.to_owned(),
                to: p.unit.clone(),
            },
            due: None,
        });
    }
    Dossier {
        id: DossierId(u64::from(seq)),
        code: DossierCode::format("000.00.20.H30", received.date(), seq),
        procedure: p.code.clone(),
        procedure_name: p.name.clone(),
        field: p.field.clone(),
        time_limit: p.time_limit,
        pausable: p.pausable,
        applicant: Applicant {
            kind: ApplicantKind::Person,
            name: name.to_owned(),
            id_number: "001088012345".to_owned(),
            address: "Thôn Bản Pìn, xã Thanh Sơn".to_owned(),
            phone: "0912345678".to_owned(),
            email: String::new(),
            representative: String::new(),
        },
        channel: Channel::Direct,
        sets: 1,
        documents: p.documents.clone(),
        received_at: received,
        received_by: "Lê Thị Hoa".to_owned(),
        due_at: due,
        new_due_at: None,
        status,
        events,
    }
}

/// A row as the desk would judge it: `tone` names the timeliness; an overdue row is in breach
/// of its apology deadline (one working day before its due).
pub fn row(d: Dossier, left: i64, tone: Tone) -> Row {
    let timeliness = match tone {
        Tone::Overdue => Timeliness::Overdue,
        Tone::DueSoon => Timeliness::DueSoon,
        Tone::Normal => Timeliness::Within,
        Tone::Closed => Timeliness::OnTime,
    };
    let overdue = tone == Tone::Overdue;
    Row {
        dossier: d,
        judgement: Judgement {
            timeliness,
            duty: if overdue {
                ApologyDuty::Breach {
                    deadline: at(1, 17, 0),
                }
            } else {
                ApologyDuty::None
            },
        },
        minutes_left: WorkMinutes::new(left),
        deadline_minutes_left: overdue.then_some(WorkMinutes::new(left - 450)),
        day_minutes: WorkMinutes::new(450),
    }
}

pub fn busy_rows() -> Vec<Row> {
    vec![
        row(
            dossier(
                1,
                "Nguyễn Văn An",
                4,
                nov(17, 8, 0),
                at(1, 17, 0),
                Status::InProcessing,
            ),
            -900,
            Tone::Overdue,
        ),
        row(
            dossier(
                2,
                "Trần Thị Bích Ngọc",
                4,
                nov(18, 9, 30),
                at(2, 17, 0),
                Status::InProcessing,
            ),
            -460,
            Tone::Overdue,
        ),
        row(
            dossier(
                3,
                "Hoàng Đức Thắng",
                2,
                at(3, 8, 0),
                at(3, 11, 0),
                Status::InProcessing,
            ),
            105,
            Tone::DueSoon,
        ),
        row(
            dossier(
                4,
                "Lục Thị Hương",
                0,
                at(3, 8, 40),
                at(3, 17, 0),
                Status::Received,
            ),
            375,
            Tone::DueSoon,
        ),
        row(
            dossier(
                5,
                "Vi Văn Quý",
                4,
                at(1, 10, 0),
                at(15, 17, 0),
                Status::InProcessing,
            ),
            4200,
            Tone::Normal,
        ),
        row(
            dossier(
                6,
                "Công ty TNHH Xây dựng Đồng Đăng",
                3,
                at(2, 14, 0),
                at(2, 17, 0),
                Status::ResultReady,
            ),
            0,
            Tone::Closed,
        ),
    ]
}

pub fn board_page(tab: Tab, rows: Vec<Row>) -> BoardPage {
    let counters = DayCounters {
        received_today: 2,
        handed_back_today: 1,
        waiting_collection: 1,
        due_soon: 2,
        overdue: 2,
        apologies_owed: 2,
    };
    BoardPage {
        filter: tab,
        offset: 0,
        total: rows.len() as u64,
        rows,
        header: Some((vec![2, 5, 2, 2, 1, 2, 6], counters)),
    }
}

pub fn app(size: (u16, u16)) -> App {
    let mut a = App::new(now(), catalogue(), size);
    a.update(Action::Resize(size.0, size.1), now());
    a
}

pub fn busy(size: (u16, u16)) -> App {
    let mut a = app(size);
    a.update(
        Action::BoardLoaded(Box::new(board_page(Tab::Open, busy_rows()))),
        now(),
    );
    a
}

pub fn detail(d: Dossier, left: i64, tone: Tone) -> Detail {
    let desk = "Trung tâm Phục vụ hành chính công xã Thanh Sơn";
    let desk_names = d.events.iter().map(|_| desk.to_owned()).collect();
    Detail {
        desk_names,
        commands: motcua::domain::available_commands(
            &d,
            now(),
            &motcua::calendar::Calendar::builtin(),
            &motcua::domain::SupplementLaw::default(),
        ),
        row: row(d, left, tone),
        due: appointment(),
        defaults: Defaults {
            unit: "Tư pháp – hộ tịch".to_owned(),
            fee_vnd: 10_000,
            signer: "Nguyễn Văn Hùng".to_owned(),
            ratings: vec![
                "Rất hài lòng".to_owned(),
                "Hài lòng".to_owned(),
                "Không hài lòng".to_owned(),
            ],
            new_due: Some(at(17, 17, 0)),
            clock_due: None,
        },
    }
}

pub fn opened(size: (u16, u16), d: Dossier, left: i64, tone: Tone) -> App {
    let mut a = app(size);
    a.update(Action::Opened(Box::new(detail(d, left, tone))), now());
    a
}

/// Presses keys through the keymap, as the terminal loop does; returns the last effects.
pub fn press(a: &mut App, keys: &[Key]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for k in keys {
        if let Some(action) = a.on_key(*k) {
            effects = a.update(action, now());
        }
    }
    effects
}

pub fn typed(a: &mut App, text: &str) -> Vec<Effect> {
    let keys: Vec<Key> = text.chars().map(Key::Char).collect();
    press(a, &keys)
}

pub fn draw(a: &App, (w, h): (u16, u16)) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    t.draw(|f| render(a, f)).expect("draw");
    t
}

pub fn intake_with(s: (u16, u16), keys: &str) -> App {
    let mut a = app(s);
    press(&mut a, &[Key::Char('n')]);
    typed(&mut a, keys);
    a
}

pub fn filled(s: (u16, u16)) -> App {
    let mut a = intake_with(s, "khai sinh");
    press(
        &mut a,
        &[
            Key::Enter,
            Key::BackTab,
            Key::BackTab,
            Key::Down,
            Key::Char(' '),
            Key::Tab,
            Key::Tab,
        ],
    );
    typed(&mut a, "Lục Thị Mai");
    press(&mut a, &[Key::Tab]);
    typed(&mut a, "020195001234");
    press(&mut a, &[Key::Tab]);
    typed(&mut a, "Thôn Nà Pàn, xã Thanh Sơn");
    press(&mut a, &[Key::Tab]);
    typed(&mut a, "0987 654 321");
    press(&mut a, &[Key::Tab]);
    a.update(Action::DuePreview(Some(appointment())), now());
    a
}

pub fn appointment() -> Appointment {
    Appointment {
        at: at(3, 17, 0),
        lines: vec![
            "Nhận lúc 09:15 Thứ năm 03/12/2026, trước 15:00.".to_owned(),
            "Thủ tục giải quyết trong ngày: hẹn 17:00 cùng ngày.".to_owned(),
        ],
    }
}

pub fn in_processing() -> Dossier {
    dossier(
        2,
        "Trần Thị Bích Ngọc",
        4,
        nov(18, 9, 30),
        at(2, 17, 0),
        Status::InProcessing,
    )
}

pub type Build = Box<dyn Fn((u16, u16)) -> App>;
