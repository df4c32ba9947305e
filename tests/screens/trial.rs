//! The lead's trial findings on the desk screens (issue 16, /work/coord/day-todo.md): a dossier
//! waiting for a supplement shows no countdown, a paused one says so on the narrow board, the
//! intake's arrows do not tick documents, the dossier screen shows the intake's note and wraps
//! the procedure, a wrong machine clock is said on the board from the start.

use motcua::desk::ListFilter as Tab;
use motcua::domain::{Field, Status};
use motcua::tui::app::{Action, App, Screen, Tone};
use motcua::tui::keymap::Key;

use super::fixtures::*;
use super::snap;

fn waiting_rows() -> Vec<motcua::desk::Row> {
    let supplement = dossier(
        8,
        "Hà Văn Bổ",
        0,
        nov(20, 9, 0),
        at(1, 17, 0),
        Status::SupplementRequested,
    );
    let paused = dossier(
        9,
        "Ma Thị Dừng",
        4,
        nov(20, 9, 30),
        at(8, 17, 0),
        Status::Paused,
    );
    // the desk's row of a dossier waiting for a supplement may carry minutes past its old due
    vec![
        row(supplement, -900, Tone::Normal),
        row(paused, 1800, Tone::Normal),
    ]
}

fn waiting_board(s: (u16, u16)) -> App {
    let mut a = app(s);
    a.update(
        Action::BoardLoaded(Box::new(board_page(Tab::Open, waiting_rows()))),
        now(),
    );
    a
}

/// A dossier waiting for a supplement showed "quá hạn 2 ngày" while no list counted it late; a
/// paused one read like a running one on the 80-column board (no status column there).
#[test]
fn stopped_clocks_say_so_on_the_board_and_the_dossier() {
    snap("waiting_board", waiting_board);
    for size in SIZES {
        let text = draw(&waiting_board(size), size).backend().to_string();
        assert!(text.contains("dừng chờ bổ sung"), "{text}");
        assert!(text.contains("tạm dừng, còn 4 ngày"), "{text}");
        assert!(!text.contains("quá hạn"), "{text}");
    }
    let mut a = app((80, 24));
    let d = waiting_rows().remove(0).dossier;
    a.update(
        Action::Opened(Box::new(detail(d, -900, Tone::Normal))),
        now(),
    );
    let text = draw(&a, (80, 24)).backend().to_string();
    assert!(text.contains("dừng tính thời gian"), "{text}");
    assert!(!text.contains("quá hạn"), "{text}");
}

/// ← and → on the document list unticked a document silently: only Space (or Enter) ticks.
#[test]
fn arrows_do_not_tick_documents() {
    let mut a = intake_with((80, 24), "khai sinh");
    press(&mut a, &[Key::Enter, Key::BackTab, Key::BackTab]);
    let ticks = |a: &App| match &a.screen {
        Screen::Intake(f) => f.documents.iter().map(|(_, t)| *t).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    let before = ticks(&a);
    press(&mut a, &[Key::Left, Key::Right, Key::Right]);
    assert_eq!(ticks(&a), before);
    press(&mut a, &[Key::Char(' ')]);
    assert_ne!(ticks(&a), before);
}

/// The intake's note was only in the timeline; the procedure was cut with "…" at 80 columns.
#[test]
fn the_dossier_shows_the_note_and_the_whole_procedure() {
    let mut d = in_processing();
    d.events[0].note = "Người nộp là con, có giấy ủy quyền của mẹ".to_owned();
    let build = |s| {
        let mut a = app(s);
        a.update(
            Action::Opened(Box::new(detail(d.clone(), 900, Tone::Normal))),
            now(),
        );
        a
    };
    snap("dossier_with_note", build);
    let text = draw(&build((80, 24)), (80, 24)).backend().to_string();
    assert!(text.contains(Field::Note.label()), "{text}");
    assert!(
        text.contains("có mức sống trung bình"),
        "the procedure wrapped whole: {text}"
    );
}

#[test]
fn a_wrong_clock_is_on_the_board_from_the_start() {
    let mut a = busy((80, 24));
    a.clock_warning = Some("Đồng hồ của máy tính có vẻ sai: 08:00 01/01/1970".to_owned());
    a.placeholder_code = true;
    let text = draw(&a, (80, 24)).backend().to_string();
    assert!(text.contains("Đồng hồ của máy tính có vẻ sai"), "{text}");
    assert!(
        !text.contains("Chưa đặt mã cơ quan"),
        "the clock comes first: {text}"
    );
}
