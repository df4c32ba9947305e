//! Documents that stay true (issue 12): a reprint after the names in `config.toml` change is the
//! same text as the first print, through the real binary. The regression pinned: changing
//! `desk_name` and `parent` once reprinted a receipt of 02/06/2025 with a unit that did not
//! exist then.

use std::path::Path;

fn ok(dir: &Path, now: &str, args: &[&str]) -> String {
    let (code, out, err) = crate::support::motcua(dir, now, "Lý Thị Mai", args);
    assert_eq!(code, 0, "motcua {args:?} failed: {err}");
    out
}

fn receive(dir: &Path, now: &str) -> String {
    let out = ok(
        dir,
        now,
        &[
            "receive",
            "--procedure",
            "TS.HT.03",
            "--name",
            "Nguyễn Thị Ánh Tuyết",
            "--id-number",
            "020190001234",
        ],
    );
    out.lines().next().expect("the code").trim().to_owned()
}

/// `print <form> <code>` as text at `now`.
fn print(dir: &Path, now: &str, form: &str, code: &str) -> String {
    let out = dir.join(format!("{form}-{code}.txt"));
    ok(
        dir,
        now,
        &["print", form, code, "--out", out.to_str().expect("utf-8")],
    );
    std::fs::read_to_string(&out).expect("the text was written")
}

/// What the clerk does when the chairman and the centre's name change on 16/03/2026, as the
/// comments in `config.toml` say: the values in force go to a new `[[agency.history]]` entry,
/// `[agency]` gets the new ones and their first day.
fn change_names(dir: &Path) {
    let path = dir.join("config.toml");
    let text = std::fs::read_to_string(&path).expect("the first run wrote config.toml");
    let text = text
        .replacen(
            "desk_name = \"Trung tâm Phục vụ hành chính công xã Thanh Sơn\"",
            "desk_name = \"Trung tâm Phục vụ hành chính công xã Thanh Sơn mới\"",
            1,
        )
        .replacen("head = \"\"", "head = \"Hoàng Văn Thắng\"", 1)
        .replacen("from = 2025-07-01", "from = 2026-03-16", 1);
    assert!(text.contains("Thanh Sơn mới") && text.contains("from = 2026-03-16"));
    let moved = "\n[[agency.history]]\nfrom = 2025-07-01\nname = \"UBND xã Thanh Sơn\"\n\
                 parent = \"UBND tỉnh Lạng Sơn\"\nplace = \"Thanh Sơn\"\n\
                 desk_name = \"Trung tâm Phục vụ hành chính công xã Thanh Sơn\"\n\
                 desk_phone = \"\"\nhead = \"\"\nhead_title = \"CHỦ TỊCH\"\n";
    std::fs::write(&path, format!("{text}{moved}")).expect("config.toml written");
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: print, change the names and the calendar, reprint, compare each paper"
)]
fn a_reprint_after_a_settings_change_is_the_same_text() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let old = receive(dir, "2025-06-02 08:05");
    let a = receive(dir, "2026-03-02 08:05");
    ok(
        dir,
        "2026-03-02 09:00",
        &["transfer", &a, "--to", "Tư pháp – hộ tịch"],
    );
    // Returned for a supplement within 3 working days, back complete: the receipt shows the
    // original appointment and the restarted one.
    ok(
        dir,
        "2026-03-03 09:00",
        &[
            "supplement-request",
            &a,
            "--reason",
            "Thiếu văn bản cử người giám hộ",
            "--items",
            "Văn bản cử người giám hộ",
        ],
    );
    ok(dir, "2026-03-04 10:00", &["supplement-received", &a]);
    let first: Vec<String> = [
        print(dir, "2026-03-02 09:30", "receipt", &old),
        print(dir, "2026-03-02 09:30", "receipt", &a),
        print(dir, "2026-03-02 09:30", "control-sheet", &a),
    ]
    .into();
    // Until 30/06/2025 the commune's superior was the district and the desk the "Bộ phận".
    assert!(first[0].contains("UBND HUYỆN HỮU LŨNG"), "{}", first[0]);
    assert!(
        first[0].contains("BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"),
        "{}",
        first[0]
    );
    assert!(first[1].contains("UBND TỈNH LẠNG SƠN"), "{}", first[1]);
    // "Số thứ tự" is the dossier's number in the register of its year.
    assert!(
        first[0].contains("Quyển số: 2025, Số thứ tự: 01"),
        "{}",
        first[0]
    );
    assert!(
        first[1].contains("Quyển số: 2026, Số thứ tự: 01"),
        "{}",
        first[1]
    );
    assert!(
        first[1].contains("Nhận đủ hồ sơ bổ sung lúc 10 giờ 00 phút, ngày 04 tháng 3 năm 2026"),
        "{}",
        first[1]
    );

    change_names(dir);
    // A notice file read later (a day off inside the old periods) moves no printed promise.
    std::fs::create_dir_all(dir.join("calendar")).expect("mkdir");
    for (year, day) in [(2025, "2025-06-03"), (2026, "2026-03-05")] {
        std::fs::write(
            dir.join(format!("calendar/{year}.toml")),
            format!(
                "source = \"Thông báo số 1/TB-UBND (ví dụ)\"\n\
                 [[off]]\nfrom = \"{day}\"\nname = \"Nghỉ bù (ví dụ)\"\n"
            ),
        )
        .expect("notice written");
    }
    let again: Vec<String> = [
        print(dir, "2026-03-20 10:00", "receipt", &old),
        print(dir, "2026-03-20 10:00", "receipt", &a),
        print(dir, "2026-03-20 10:00", "control-sheet", &a),
    ]
    .into();
    assert_eq!(first, again, "a reprint reproduces the original");

    // A dossier received from the change on is printed with the new names.
    let b = receive(dir, "2026-03-16 08:00");
    let new = print(dir, "2026-03-16 08:10", "receipt", &b);
    assert!(new.contains("THANH SƠN MỚI"), "{new}");
    assert!(new.contains("Số thứ tự: 02"), "{new}");
    let reg = dir.join("so.txt");
    ok(
        dir,
        "2026-03-16 08:10",
        &[
            "print",
            "register",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--out",
            reg.to_str().expect("utf-8"),
        ],
    );
    let reg = std::fs::read_to_string(&reg).expect("register written");
    for (n, code) in [("01", &a), ("02", &b)] {
        assert!(
            reg.lines().any(|l| l.contains(&format!("│ {n}  │ {code}"))),
            "{code} is number {n} in the register: {reg}"
        );
    }
}

/// The "Số thứ tự" printed on `code`'s receipt.
fn receipt_number(dir: &Path, now: &str, code: &str) -> String {
    let text = print(dir, now, "receipt", code);
    let at = text
        .find("Số thứ tự:")
        .expect("the receipt's register number");
    text[at..]
        .trim_start_matches("Số thứ tự:")
        .split_whitespace()
        .next()
        .expect("a number")
        .to_owned()
}

/// A tester's finding: four dossiers received at one instant (a clock given with `--now`, or
/// one second at the desk) all printed "Số thứ tự: 03", and a dossier received later with an
/// earlier receipt time (a machine clock set back) renumbered the receipts already handed out.
/// Each receipt now has its own number, the register's, and a later intake never changes it.
#[test]
fn a_receipt_s_register_number_is_its_own_and_never_changes() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let dir = dir.path().join("data");
    let now = "2026-03-05 09:00";
    let codes: Vec<String> = (0..4).map(|_| receive(&dir, now)).collect();
    let numbers: Vec<String> = codes.iter().map(|c| receipt_number(&dir, now, c)).collect();
    assert_eq!(numbers, ["01", "02", "03", "04"]);
    // a later intake dated before them (the clock set back by a week)
    receive(&dir, "2026-02-26 09:00");
    for (code, number) in codes.iter().zip(&numbers) {
        assert_eq!(
            &receipt_number(&dir, now, code),
            number,
            "{code} renumbered"
        );
    }
    // the register prints the same numbers beside the same codes
    let csv = dir.join("register.csv");
    let csv_arg = csv.to_str().expect("utf-8");
    let args = [
        "print",
        "register",
        "--from",
        "2026-03-05",
        "--to",
        "2026-03-05",
        "--out",
        csv_arg,
    ];
    ok(&dir, now, &args);
    let register = std::fs::read_to_string(&csv).expect("the register was written");
    for (code, number) in codes.iter().zip(&numbers) {
        let row = register
            .lines()
            .find(|l| l.contains(code.as_str()))
            .unwrap_or_else(|| panic!("{code} in the register:\n{register}"));
        assert!(row.starts_with(&format!("{number},")), "{code}: {row}");
    }
}
