//! Issue 16's whole day at one desk, by keys only: intake by ID-card scan, a correction with its
//! reason, an undo, a supplement request with its form printed from the dossier view, the
//! supplement's receipt (the clock restarts, the confirm says until when), result, hand-back,
//! the end-of-day summary printed from the board; then the ledger verifies with the corrected
//! and undone events in the chain.

use motcua::domain::{Correction, EventKind, Status};
use motcua::tui::keymap::Key;

use super::stored;
use crate::support::headless::Headless;

/// A made-up card line (no real person's number): Lạng Sơn (020), a woman born in 1990.
const CARD: &str =
    "020190001234||Nguyễn Thị Mai|15031990|Nữ|Thôn Bản Chu, xã Thanh Sơn, tỉnh Lạng Sơn|01072021";

/// Fills the focused form field after clearing it (Ctrl-U then the text).
fn retype(h: &mut Headless, text: &str) {
    h.press(&[Key::End, Key::Ctrl('u')]).type_text(text);
}

fn printed_names(h: &Headless) -> Vec<String> {
    h.printed()
        .iter()
        .map(|p| {
            p.file_name()
                .expect("a file")
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "the clerk's whole day in order: each step reads the ledger the steps before it wrote"
)]
fn a_whole_day_at_the_desk() {
    let mut h = Headless::start("2026-12-01 08:00");
    // 1. the citizen's card is scanned on the board: a new intake with the applicant filled
    h.type_text(CARD).press(&[Key::Enter]);
    h.expect("Tiếp nhận hồ sơ");
    h.type_text("xac nhan tinh trang hon nhan")
        .press(&[Key::Enter]);
    h.expect("Hồ sơ trước của người này: 0");
    let screen = h.expect("Nguyễn Thị Mai");
    assert!(screen.contains("020190001234"), "{screen}");
    h.press(&[Key::Ctrl('s')]);
    let screen = h.expect("Đã tiếp nhận hồ sơ");
    let code = screen
        .lines()
        .find(|l| l.contains("Mã hồ sơ:"))
        .and_then(|l| l.split_whitespace().last())
        .expect("the code on the confirmation")
        .to_owned();
    let d = stored(&h, &code);
    assert_eq!(
        (d.applicant.name.as_str(), d.applicant.id_number.as_str()),
        ("Nguyễn Thị Mai", "020190001234")
    );
    assert_eq!(
        d.applicant.address,
        "Thôn Bản Chu, xã Thanh Sơn, tỉnh Lạng Sơn"
    );
    h.press(&[Key::Enter]);
    h.expect("Quá trình giải quyết");

    // 2. a correction with its reason: the name, old and new value on the confirm
    h.set_now("2026-12-01 08:10");
    h.press(&[Key::Char('s')]);
    h.expect("Sửa thông tin");
    h.press(&[Key::Tab]).type_text("Nguyễn Thị Mây");
    h.press(&[Key::Tab]).type_text("Thẻ đọc nhầm tên");
    h.press(&[Key::Enter]);
    h.expect("«Nguyễn Thị Mai» → «Nguyễn Thị Mây»");
    h.press(&[Key::Char('y')]);
    h.expect("Đã ghi: Sửa thông tin");
    assert_eq!(stored(&h, &code).applicant.name, "Nguyễn Thị Mây");

    // 3. a transfer by mistake, undone with a reason
    h.set_now("2026-12-01 08:20");
    h.press(&[Key::Char('g'), Key::Enter, Key::Char('y')]);
    assert_eq!(stored(&h, &code).status, Status::InProcessing);
    h.press(&[Key::Char('z')]);
    h.type_text("Chuyển nhầm, hồ sơ còn thiếu giấy")
        .press(&[Key::Enter]);
    h.expect("Hoàn tác bước: Chuyển");
    h.press(&[Key::Char('y')]);
    assert_eq!(stored(&h, &code).status, Status::Received);

    // 4. a supplement request; its form is offered at once and printed from the dossier view
    h.set_now("2026-12-01 08:30");
    h.press(&[Key::Char('b')]);
    h.type_text("Thiếu giấy tờ chứng minh nơi cư trú");
    h.press(&[Key::Tab]).type_text("Giấy xác nhận cư trú");
    h.press(&[Key::Enter]);
    h.expect("Thời hạn ngừng tính");
    h.press(&[Key::Char('y')]);
    h.expect("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ");
    h.press(&[Key::Enter]);
    h.expect("Đã lưu tệp in");
    assert!(
        printed_names(&h)
            .iter()
            .any(|n| n.starts_with(&format!("{code}-phieu-yeu-cau-bo-sung"))),
        "{:?}",
        printed_names(&h)
    );
    h.press(&[Key::Esc]);
    assert_eq!(stored(&h, &code).status, Status::SupplementRequested);

    // 5. the next morning the supplement arrives: the confirm names the new appointment
    h.set_now("2026-12-02 08:30");
    h.press(&[Key::Char('h')]);
    h.expect("Thời hạn sẽ tính lại từ đầu: hẹn mới");
    h.press(&[Key::Char('y')]);
    let d = stored(&h, &code);
    assert_eq!(d.status, Status::Received);

    // 6. transfer, result, hand-back, each confirmed
    h.press(&[Key::Char('g'), Key::Enter, Key::Char('y')]);
    h.set_now("2026-12-02 15:00");
    h.press(&[Key::Char('v'), Key::Char('y')]);
    assert_eq!(stored(&h, &code).status, Status::ResultReady);
    h.press(&[Key::Char('a')]);
    h.expect("Người nhận kết quả");
    h.press(&[Key::Tab]);
    retype(&mut h, "0");
    h.press(&[Key::Enter]);
    h.expect("Hồ sơ kết thúc: đã trả kết quả.");
    h.press(&[Key::Char('y')]);
    assert_eq!(stored(&h, &code).status, Status::HandedBack);

    // 7. the end-of-day summary from the board: previewed, printed
    h.press(&[Key::Esc]);
    h.expect("Bảng theo dõi");
    h.press(&[Key::Char('i')]);
    h.expect("Tổng hợp cuối ngày 02/12/2026");
    h.press(&[Key::Enter]);
    h.expect("Đã lưu tệp in");
    assert!(
        printed_names(&h)
            .iter()
            .any(|n| n.starts_with("tong-hop-ngay-20261202")),
        "{:?}",
        printed_names(&h)
    );
    h.press(&[Key::Esc]);

    // the chain holds the correction and the undo, and verifies
    let d = stored(&h, &code);
    assert!(d.events.iter().any(|e| matches!(
        &e.kind,
        EventKind::Corrected { new: Correction::Name(n), reason, .. }
            if n == "Nguyễn Thị Mây" && reason == "Thẻ đọc nhầm tên"
    )));
    assert!(
        d.events
            .iter()
            .any(|e| matches!(&e.kind, EventKind::Undone { .. }))
    );
    let report = h.desk.verify().expect("verify runs");
    assert!(report.is_consistent(), "{:?}", report.problems);
}
