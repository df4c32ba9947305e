//! Documents that stay true (issue 12): a reprint after the names in `config.toml` change is the
//! same text as the first print, through the real binary. The regression pinned: changing
//! `desk_name` and `parent` once reprinted a receipt of 02/06/2025 with a unit that did not
//! exist then. And a reprint after a step that moved the appointment (a supplement received, the
//! procedure corrected) carries the appointment in force, not the first one.

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
    // re-receipt and the restarted appointment.
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
        times(&first[1]).contains(
            "Thời gian nhận đủ hồ sơ bổ sung, hoàn thiện: 10 giờ 00 phút, ngày 04 tháng 3 năm 2026"
        ),
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

/// The receipt's lines from "3." (the legal time) to "5." (the appointment), joined: the text
/// wraps long values, so the lines are read as one.
fn times(receipt: &str) -> String {
    let start = receipt
        .find("3. Thời gian giải quyết")
        .expect("the legal time");
    let end = receipt[start..].find("6. Đăng ký").expect("the place") + start;
    receipt[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The tester's trial of 07/12/2026: after "Nhận đủ bổ sung" the desk showed the new
/// appointment while the receipt still printed the first one (10/12).
#[test]
fn a_receipt_after_a_supplement_carries_the_restarted_appointment() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    // 3 working days from Monday 07/12/2026 08:00: due Thursday 10/12 17:00.
    let a = receive_as(dir, "2026-12-07 08:00", "TS.HT.11");
    ok(
        dir,
        "2026-12-07 09:00",
        &["transfer", &a, "--to", "Tư pháp – hộ tịch"],
    );
    let first = times(&print(dir, "2026-12-07 09:05", "receipt", &a));
    assert!(
        first.contains(
            "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 10 tháng 12 năm 2026"
        ),
        "{first}"
    );
    ok(
        dir,
        "2026-12-08 09:00",
        &[
            "supplement-request",
            &a,
            "--reason",
            "Thiếu giấy tờ",
            "--items",
            "Bản sao CCCD",
        ],
    );
    // While the applicant completes the dossier no appointment holds.
    let waiting = times(&print(dir, "2026-12-08 09:05", "receipt", &a));
    assert!(
        waiting.contains("5. Thời gian trả kết quả giải quyết hồ sơ: hẹn lại khi nhận đủ hồ sơ bổ sung, hoàn thiện"),
        "{waiting}"
    );
    assert!(
        waiting.contains("(17 giờ 00 phút, ngày 10 tháng 12 năm 2026) không còn áp dụng"),
        "{waiting}"
    );
    // Back complete on Monday 14/12 10:00: 3 working days from then, Thursday 17/12 17:00.
    ok(dir, "2026-12-14 10:00", &["supplement-received", &a]);
    let shown = ok(dir, "2026-12-14 10:05", &["show", &a]);
    assert!(
        shown.contains("Hạn trả theo quy định: 17:00 17/12/2026"),
        "{shown}"
    );
    let again = times(&print(dir, "2026-12-14 10:05", "receipt", &a));
    for line in [
        "4. Thời gian nhận hồ sơ: 08 giờ 00 phút, ngày 07 tháng 12 năm 2026",
        "Thời gian nhận đủ hồ sơ bổ sung, hoàn thiện: 10 giờ 00 phút, ngày 14 tháng 12 năm 2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 17 tháng 12 năm 2026",
        "Thời gian trả kết quả được tính lại từ đầu kể từ khi nhận đủ hồ sơ bổ sung, hoàn thiện, \
         thay cho thời gian hẹn trước đó (17 giờ 00 phút, ngày 10 tháng 12 năm 2026).",
    ] {
        assert!(again.contains(line), "receipt lacks {line:?}: {again}");
    }
    let sheet = print(dir, "2026-12-14 10:05", "control-sheet", &a);
    let sheet = sheet.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        sheet.contains("Thời gian trả kết quả: 17 giờ 00 phút, ngày 17 tháng 12 năm 2026"),
        "{sheet}"
    );
}

/// After a procedure correction the reprinted receipt printed the new procedure's limit with the
/// old return date: both are the corrected procedure's now.
#[test]
fn a_receipt_after_a_procedure_correction_carries_its_due() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    // A procedure corrected before the hand-over: 10 working days from 07/12, due 21/12.
    let b = receive_as(dir, "2026-12-07 08:30", "TS.HT.11");
    ok(
        dir,
        "2026-12-07 08:40",
        &[
            "correct",
            &b,
            "--field",
            "thu-tuc",
            "--value",
            "TS.DD.02",
            "--reason",
            "Chọn nhầm thủ tục",
        ],
    );
    let corrected = times(&print(dir, "2026-12-07 08:45", "receipt", &b));
    for line in [
        "3. Thời gian giải quyết hồ sơ theo quy định là: 10 ngày làm việc",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 21 tháng 12 năm 2026",
    ] {
        assert!(
            corrected.contains(line),
            "receipt lacks {line:?}: {corrected}"
        );
    }
}

fn receive_as(dir: &Path, now: &str, procedure: &str) -> String {
    let out = ok(
        dir,
        now,
        &[
            "receive",
            "--procedure",
            procedure,
            "--name",
            "Nguyễn Văn An",
            "--id-number",
            "001090012345",
        ],
    );
    out.lines().next().expect("the code").trim().to_owned()
}

/// The desk's own unit is named as it was at each step (the tester's `motcua show` of December
/// 2026 printed "Bộ phận tiếp nhận và trả kết quả →", the desk's name until 30/06/2025): a
/// hand-over of 30/06/2025 from the "Bộ phận", one of 01/07/2025 from the centre (Decree 118),
/// in the timeline and on the control sheet; the stored event keeps its word (JSON).
#[test]
fn the_desk_is_named_as_it_was_at_each_hand_over() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let centre = "Trung tâm Phục vụ hành chính công xã Thanh Sơn";
    let bureau = "Bộ phận tiếp nhận và trả kết quả";
    let a = receive_as(dir, "2025-06-30 08:00", "TS.HT.11");
    let b = receive_as(dir, "2025-06-30 08:10", "TS.HT.11");
    ok(
        dir,
        "2025-06-30 09:00",
        &["transfer", &a, "--to", "Tư pháp – hộ tịch"],
    );
    ok(
        dir,
        "2025-07-01 09:00",
        &["transfer", &b, "--to", "Tư pháp – hộ tịch"],
    );
    let shown = |code: &str| ok(dir, "2025-07-01 10:00", &["show", code]);
    assert!(
        shown(&a).contains(&format!("Chuyển hồ sơ: {bureau} → Tư pháp – hộ tịch")),
        "{}",
        shown(&a)
    );
    assert!(
        shown(&b).contains(&format!("Chuyển hồ sơ: {centre} → Tư pháp – hộ tịch")),
        "{}",
        shown(&b)
    );
    let stored = ok(dir, "2025-07-01 10:00", &["show", &b, "--json"]);
    assert!(
        stored.contains(&format!("\"from\": \"{bureau}\"")),
        "{stored}"
    );
    // The control sheet of b: headed as at its receipt (the "Bộ phận"), its hand-over row
    // from the centre.
    let sheet = print(dir, "2025-07-01 10:00", "control-sheet", &b);
    let flat = sheet.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"), "{sheet}");
    // (the table wraps its cells: the row's first line)
    assert!(sheet.contains("Giao: Trung tâm"), "{sheet}");
    assert!(!sheet.contains("Giao: Bộ phận"), "{sheet}");
}
