//! Issue 16 item 7 with the real binary: the desk's very first start asks for the agency before
//! the ledger opens, so the first dossier's code already carries the agency's code; a data
//! directory that exists (made by a command) is never asked about.

use super::{ENTER, ESC, TAB, Term, receive};

const NOW: &str = "2026-12-03 09:15";

#[test]
fn the_first_start_asks_for_the_agency_and_the_first_code_uses_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let mut t = Term::spawn(&data, NOW, (80, 24));
    t.wait_for("Lần đầu mở bàn một cửa");
    t.send("UBND xã Nà Phặc");
    t.send(TAB);
    t.send("mã xã");
    for value in [
        "UBND tỉnh Thái Nguyên",
        "Nà Phặc",
        "Trung tâm Phục vụ hành chính công xã Nà Phặc",
        "Hoàng Văn Tư",
    ] {
        t.send(TAB);
        t.send(value);
    }
    // a wrong code is refused by the settings reader, named by the form's label, and the
    // focus goes back to it
    t.send(ENTER);
    t.wait_for("Mã cơ quan: «MÃ XÃ» chỉ được gồm");
    assert!(!data.exists(), "nothing written while refused");
    t.send("\x15"); // Ctrl-U
    t.send("000.12.34.H43");
    t.send(ENTER);
    let board = t.wait_for("Không có hồ sơ nào");
    assert!(!board.contains("Chưa đặt mã cơ quan"), "{board}");
    let code = receive(&mut t, "Nguyễn Thị Ánh");
    assert!(code.starts_with("000.12.34.H43-261203-"), "{code}");
    t.send(ESC);
    t.wait_for("Bảng theo dõi");
    t.quit();
    let config = std::fs::read_to_string(data.join("config.toml")).expect("config.toml");
    assert!(config.contains("name = \"UBND xã Nà Phặc\""), "{config}");
    assert!(
        config.contains("# Cấu hình bàn một cửa motcua."),
        "comments kept"
    );
    // the second start is not the first
    let t = Term::spawn(&data, NOW, (80, 24));
    t.wait_for("Nguyễn Thị Ánh");
    t.quit();
}

#[test]
fn a_skipped_first_start_leaves_the_placeholder_on_the_status_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let mut t = Term::spawn(&data, NOW, (80, 24));
    t.wait_for("Lần đầu mở bàn một cửa");
    t.send(ESC);
    t.wait_for("Không có hồ sơ nào");
    // the status line, once the start's messages are gone
    t.send("r");
    t.wait_for("Chưa đặt mã cơ quan");
    t.quit();
}
