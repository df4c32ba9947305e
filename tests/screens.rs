//! Every TUI screen and state as an insta snapshot of a ratatui `TestBackend`, at 80×24 and
//! 120×35, built from plain values (no store, no clock): the App is driven through the same
//! `update` the terminal loop uses, with effect results fed back by hand.

mod day;
mod fixtures;
mod pins;
mod reports;
mod setup;
mod trial;

use ratatui::style::Color;

use motcua::calendar::{DayHundredths, TimeLimit};
use motcua::desk::DayCounters;
use motcua::desk::{Appointment, BoardPage, ListFilter as Tab, Row};
use motcua::domain::{
    ApologyDuty, DossierCode, Event, EventKind, Notification, ProcedureCode, Status,
};
use motcua::tui::app::{Action, App, Effect, Screen, Tone};
use motcua::tui::keymap::Key;
use motcua::tui::verbs::Verb;

use fixtures::*;

/// Snapshots the state `build` makes at both sizes, named `<name>_<w>x<h>`.
fn snap(name: &str, build: impl Fn((u16, u16)) -> App) {
    for size in SIZES {
        let t = draw(&build(size), size);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), t.backend());
    }
}

#[test]
fn empty_desk() {
    snap("empty_board", |s| {
        let mut a = app(s);
        a.update(
            Action::BoardLoaded(Box::new(BoardPage {
                header: Some((vec![0; 7], DayCounters::default())),
                ..board_page(Tab::Open, vec![])
            })),
            now(),
        );
        a
    });
}

#[test]
fn busy_desk() {
    snap("busy_board", busy);
}

#[test]
fn overdue_rows_are_red_and_due_soon_yellow() {
    let t = draw(&busy((120, 35)), (120, 35));
    let buf = t.backend().buffer();
    // rows start at y = 5 (title, counters, tabs, header); the first row is selected (reversed)
    let fg = |y: u16| buf[(20, y)].fg;
    assert_eq!(fg(4), Color::Red);
    assert_eq!(fg(5), Color::Red);
    assert_eq!(fg(6), Color::Yellow);
    assert_eq!(fg(7), Color::Yellow);
    assert_eq!(fg(8), Color::Reset);
}

#[test]
fn scanning_a_code_on_the_board_opens_it() {
    let mut a = busy((80, 24));
    typed(&mut a, "000.00.20.H30-261203-0004");
    insta::assert_snapshot!("board_scanning_80x24", draw(&a, (80, 24)).backend());
    let effects = press(&mut a, &[Key::Enter]);
    assert_eq!(
        effects,
        vec![Effect::Open(
            DossierCode::parse("000.00.20.H30-261203-0004").expect("a well-formed code")
        )]
    );
    assert!(a.board.scan.is_empty());
}

#[test]
fn board_keys_move_and_switch_tabs() {
    let mut a = busy((80, 24));
    press(&mut a, &[Key::Down, Key::Down]);
    assert_eq!(a.board.selected, 2);
    let e = press(&mut a, &[Key::Enter]);
    assert_eq!(e, vec![Effect::Open(busy_rows()[2].dossier.code.clone())]);
    let e = press(&mut a, &[Key::Tab]);
    assert!(matches!(
        e.as_slice(),
        [Effect::LoadBoard {
            tab: Tab::DueSoon,
            offset: 0,
            ..
        }]
    ));
}

#[test]
fn board_pages_only_what_is_visible() {
    let mut a = app((80, 24));
    let page = a.page_rows();
    assert_eq!(page, 18);
    a.update(
        Action::BoardLoaded(Box::new(BoardPage {
            total: 100_000,
            ..board_page(Tab::Open, busy_rows())
        })),
        now(),
    );
    let e = press(&mut a, &[Key::End]);
    assert_eq!(
        e,
        vec![Effect::LoadBoard {
            tab: Tab::Open,
            offset: 100_000 - page,
            limit: page,
            header: false,
        }]
    );
}

#[test]
fn intake_picks_procedure_accent_insensitively() {
    snap("intake_picker", |s| intake_with(s, "chung thuc"));
    let mut a = intake_with((80, 24), "chung thuc");
    press(&mut a, &[Key::Down]);
    let e = press(&mut a, &[Key::Enter]);
    assert_eq!(
        e,
        vec![Effect::PreviewDue(ProcedureCode("2.000884".to_owned()))]
    );
}

#[test]
fn intake_filled() {
    snap("intake_filled", filled);
}

#[test]
fn intake_validation_error_on_leaving_a_field() {
    snap("intake_error", |s| {
        let mut a = filled(s);
        // the ID number loses a digit: leaving the field shows why it is wrong
        press(
            &mut a,
            &[
                Key::BackTab,
                Key::BackTab,
                Key::BackTab,
                Key::Backspace,
                Key::BackTab,
            ],
        );
        // a phone number with a digit too many
        press(&mut a, &[Key::Tab, Key::Tab, Key::Tab]);
        typed(&mut a, "9");
        press(&mut a, &[Key::Tab]);
        a
    });
}

#[test]
fn intake_save_sends_the_intake_nfc() {
    let mut a = app((80, 24));
    press(&mut a, &[Key::Char('n')]);
    typed(&mut a, "ket hon");
    // Enter picks the procedure and jumps to the applicant's name
    press(&mut a, &[Key::Enter]);
    // decomposed, as some input methods send it
    use unicode_normalization::UnicodeNormalization;
    typed(&mut a, &"Nguyễn Thị Ánh".nfd().collect::<String>());
    let e = press(&mut a, &[Key::Ctrl('s')]);
    let [Effect::Receive(intake)] = e.as_slice() else {
        panic!("expected a receive effect, got {e:?}");
    };
    assert_eq!(intake.name, "Nguyễn Thị Ánh");
    assert_eq!(intake.procedure, Some(ProcedureCode("1.000894".to_owned())));
    assert_eq!(intake.documents.len(), 2);
    assert_eq!(intake.sets, 1);
}

#[test]
fn intake_save_without_procedure_is_refused_on_screen() {
    let mut a = app((80, 24));
    press(&mut a, &[Key::Char('n')]);
    let e = press(&mut a, &[Key::Ctrl('s')]);
    assert!(e.is_empty());
    assert!(
        a.message
            .as_ref()
            .is_some_and(|(_, m)| m.contains("Thủ tục: chưa chọn"))
    );
}

#[test]
fn intake_escape_asks_when_dirty() {
    snap("intake_cancel_confirm", |s| {
        let mut a = filled(s);
        press(&mut a, &[Key::Esc]);
        a
    });
    let mut a = filled((80, 24));
    press(&mut a, &[Key::Esc]);
    let e = press(&mut a, &[Key::Char('y')]);
    assert!(matches!(a.screen, Screen::Board));
    assert!(matches!(e.as_slice(), [Effect::LoadBoard { .. }]));
}

#[test]
fn received_confirmation() {
    snap("received", |s| {
        let mut a = filled(s);
        let d = dossier(7, "Lục Thị Mai", 0, now(), at(3, 17, 0), Status::Received);
        a.update(Action::Received(Box::new(d)), now());
        a
    });
}

#[test]
fn dossier_in_processing() {
    snap("dossier_processing", |s| {
        opened(s, in_processing(), -460, Tone::Overdue)
    });
}

#[test]
fn dossier_result_ready_offers_only_hand_back() {
    let d = dossier(
        6,
        "Công ty TNHH Xây dựng Đồng Đăng",
        3,
        at(2, 14, 0),
        at(2, 17, 0),
        Status::ResultReady,
    );
    snap("dossier_result_ready", |s| {
        opened(s, d.clone(), 0, Tone::Closed)
    });
    let mut a = opened((80, 24), d, 0, Tone::Closed);
    // transfer is not offered: its key says why, and opens nothing
    press(&mut a, &[Key::Char('g')]);
    assert!(
        matches!(&a.screen, Screen::Dossier(v) if v.form.is_none()) && a.confirm.is_none(),
        "{:?}",
        a.screen
    );
    assert!(
        a.message
            .as_ref()
            .is_some_and(|(_, m)| m.contains("Không thể «Chuyển hồ sơ»")),
        "{:?}",
        a.message
    );
    press(&mut a, &[Key::Char('a')]);
    assert!(
        matches!(&a.screen, Screen::Dossier(v) if v.form.as_ref().is_some_and(|f| f.verb == Verb::HandBack))
    );
}

#[test]
fn dossier_handed_back_after_apology() {
    let mut d = in_processing();
    d.status = Status::HandedBack;
    d.new_due_at = Some(at(9, 17, 0));
    d.events.push(Event {
        at: at(1, 15, 0),
        operator: "Lê Thị Hoa".to_owned(),
        note: String::new(),
        kind: EventKind::ApologyIssued {
            number: 3,
            year: 2026,
            reason: "Chờ xác minh thông tin hộ gia đình".to_owned(),
            new_due: at(9, 17, 0),
            signer: "Nguyễn Văn Hùng".to_owned(),
            notified: Notification::Phone,
        },
        due: None,
    });
    d.events.push(Event {
        at: at(3, 9, 0),
        operator: "Lê Thị Hoa".to_owned(),
        note: String::new(),
        kind: EventKind::HandedBack {
            to: "Trần Thị Bích Ngọc".to_owned(),
            fee_vnd: 0,
            rating: "Hài lòng".to_owned(),
        },
        due: None,
    });
    snap("dossier_handed_back", |s| {
        opened(s, d.clone(), 0, Tone::Closed)
    });
}

#[test]
fn hand_back_goes_through_a_confirm() {
    let d = dossier(
        6,
        "Công ty TNHH Xây dựng Đồng Đăng",
        3,
        at(2, 14, 0),
        at(2, 17, 0),
        Status::ResultReady,
    );
    let build = |s| {
        let mut a = opened(s, d.clone(), 0, Tone::Closed);
        press(&mut a, &[Key::Char('a')]);
        a
    };
    snap("hand_back_form", build);
    snap("hand_back_confirm", |s| {
        let mut a = build(s);
        press(&mut a, &[Key::Enter]);
        a
    });
    let mut a = build((80, 24));
    press(
        &mut a,
        &[Key::Tab, Key::Tab, Key::Right, Key::Right, Key::Enter],
    );
    assert!(a.confirm.is_some());
    let e = press(&mut a, &[Key::Char('y')]);
    let [Effect::Act(code, _, cmd)] = e.as_slice() else {
        panic!("expected one act effect, got {e:?}");
    };
    assert_eq!(code, &d.code);
    assert_eq!(
        **cmd,
        motcua::domain::Command::HandBack {
            to: d.applicant.name.clone(),
            fee_vnd: 10_000,
            rating: "Hài lòng".to_owned()
        }
    );
}

#[test]
fn apology_form_with_preview() {
    snap("apology_form", |s| {
        let mut a = opened(s, in_processing(), -460, Tone::Overdue);
        press(&mut a, &[Key::Char('l')]);
        typed(&mut a, "Cần xác minh thêm tại thôn");
        a
    });
    let mut a = opened((80, 24), in_processing(), -460, Tone::Overdue);
    press(&mut a, &[Key::Char('l'), Key::Enter]);
    assert!(
        matches!(&a.screen, Screen::Dossier(v) if v.form.as_ref().is_some_and(|f| f.error.as_deref() == Some("Lý do: chưa nhập")))
    );
    assert!(a.confirm.is_none());
}

#[test]
fn search_results() {
    snap("search", |s| {
        let mut a = busy(s);
        let e = press(&mut a, &[Key::Char('/')]);
        assert!(e.is_empty());
        let e = typed(&mut a, "nguyen");
        assert_eq!(e, vec![Effect::Search("nguyen".to_owned())]);
        let rows = busy_rows().into_iter().take(1).collect();
        a.update(
            Action::SearchResults {
                query: "nguyen".to_owned(),
                rows,
            },
            now(),
        );
        a
    });
}

#[test]
fn stale_search_results_are_dropped() {
    let mut a = busy((80, 24));
    press(&mut a, &[Key::Char('/')]);
    typed(&mut a, "ng");
    a.update(
        Action::SearchResults {
            query: "n".to_owned(),
            rows: busy_rows(),
        },
        now(),
    );
    assert!(matches!(&a.screen, Screen::Search(s) if s.results.is_empty()));
}

#[test]
fn help_on_the_board_and_dossier() {
    snap("help_board", |s| {
        let mut a = busy(s);
        press(&mut a, &[Key::Char('?')]);
        a
    });
    snap("help_dossier", |s| {
        let mut a = opened(s, in_processing(), -460, Tone::Overdue);
        press(&mut a, &[Key::Char('?')]);
        a
    });
}

#[test]
fn catalogue_screen() {
    snap("catalogue", |s| {
        let mut a = app(s);
        press(&mut a, &[Key::Char('c'), Key::Down]);
        a
    });
}

#[test]
fn error_message_stays_on_screen() {
    snap("error_message", |s| {
        let mut a = busy(s);
        a.update(
            Action::Failed("Không có hồ sơ mã \"X-1\". Kiểm tra lại mã (gõ / để tìm).".to_owned()),
            now(),
        );
        a
    });
}

#[test]
fn no_panic_at_tiny_sizes() {
    let builds: Vec<Build> = vec![
        Box::new(busy),
        Box::new(filled),
        Box::new(|s| intake_with(s, "chung")),
        Box::new(|s| opened(s, in_processing(), -460, Tone::Overdue)),
        Box::new(|s| {
            let mut a = opened(s, in_processing(), -460, Tone::Overdue);
            press(&mut a, &[Key::Char('l')]);
            a
        }),
        Box::new(|s| {
            let mut a = busy(s);
            press(&mut a, &[Key::Char('?')]);
            a
        }),
        Box::new(|s| {
            let mut a = app(s);
            press(&mut a, &[Key::Char('c')]);
            a
        }),
    ];
    for w in 0..=24 {
        for h in 0..=8 {
            for b in &builds {
                draw(&b((w, h)), (w, h));
            }
        }
    }
}

#[test]
fn apology_tab_lists_duties_with_their_deadline() {
    snap("apology_tab", |s| {
        let mut a = app(s);
        for _ in 0..4 {
            press(&mut a, &[Key::Tab]);
        }
        assert_eq!(a.board.tab, Tab::ApologyNeeded);
        let mut rows: Vec<Row> = busy_rows().into_iter().take(2).collect();
        rows[1].judgement.duty = ApologyDuty::NewDueMissed {
            new_due: at(2, 17, 0),
        };
        rows[1].deadline_minutes_left = None;
        a.update(
            Action::BoardLoaded(Box::new(board_page(Tab::ApologyNeeded, rows))),
            now(),
        );
        a
    });
}

#[test]
fn intake_shows_the_real_calendar_explanation() {
    let cal = motcua::calendar::Calendar::builtin();
    // received Friday after 15:00: counting starts Monday
    let received = at(4, 15, 30);
    let due = cal.due(received, TimeLimit::WorkingDays(DayHundredths(300)), &[]);
    snap("intake_explained", |s| {
        let mut a = filled(s);
        let preview = Appointment {
            at: due.at,
            lines: due.explanation.lines(),
        };
        a.update(Action::DuePreview(Some(preview)), now());
        press(&mut a, &[Key::F(3)]);
        a
    });
}

#[test]
fn a_code_scanned_on_the_dossier_view_opens_that_dossier() {
    let mut a = opened((80, 24), in_processing(), -460, Tone::Overdue);
    typed(&mut a, "000.00.20.H30-261203-0004");
    assert!(matches!(a.screen, Screen::Board));
    assert_eq!(a.board.scan, "000.00.20.H30-261203-0004");
    let e = press(&mut a, &[Key::Enter]);
    assert_eq!(
        e,
        vec![Effect::Open(
            DossierCode::parse("000.00.20.H30-261203-0004").expect("a well-formed code")
        )]
    );
}
