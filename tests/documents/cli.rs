//! `motcua print …` and `motcua report …` through the real binary on a temporary data
//! directory: every form and report to PDF, text, CSV and JSON, with the Vietnamese read back.

use std::path::Path;

use super::forms::squash;

/// Runs the binary on `dir` at `now` as Lý Thị Mai; returns (exit code, stdout, stderr).
fn motcua(dir: &Path, now: &str, args: &[&str]) -> (i32, String, String) {
    crate::support::motcua(dir, now, "Lý Thị Mai", args)
}

fn ok(dir: &Path, now: &str, args: &[&str]) -> String {
    let (code, out, err) = motcua(dir, now, args);
    assert_eq!(code, 0, "motcua {args:?} failed: {err}");
    out
}

fn receive(dir: &Path, now: &str, name: &str, procedure: &str) -> String {
    let out = ok(
        dir,
        now,
        &[
            "receive",
            "--procedure",
            procedure,
            "--name",
            name,
            "--id-number",
            "020190001234",
        ],
    );
    out.lines().next().expect("the code").trim().to_owned()
}

fn pdf_text(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("the PDF was written");
    squash(&pdf_extract::extract_text_from_mem(&bytes).expect("readable PDF"))
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one story at the command line: each document reads the ledger the steps before it wrote"
)]
fn print_and_report_from_the_command_line() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    // Monday 2 March 2026: two dossiers; one handed back the same day, one refused
    let a = receive(dir, "2026-03-02 08:05", "Nguyễn Thị Ánh Tuyết", "TS.HT.03");
    let b = receive(dir, "2026-03-02 09:10", "Hoàng Đức Thịnh", "TS.HT.03");
    ok(
        dir,
        "2026-03-02 09:30",
        &["transfer", &a, "--to", "Tư pháp – hộ tịch"],
    );
    ok(dir, "2026-03-02 14:00", &["result", &a]);
    ok(
        dir,
        "2026-03-02 15:00",
        &["hand-back", &a, "--fee", "8000", "--rating", "Hài lòng"],
    );
    ok(
        dir,
        "2026-03-02 15:10",
        &[
            "refuse",
            &b,
            "--reason",
            "Hồ sơ không thuộc thẩm quyền # $ *",
        ],
    );
    let now = "2026-03-02 17:30";
    let out = |name: &str| dir.join("out").join(name);

    ok(
        dir,
        now,
        &[
            "print",
            "receipt",
            &a,
            "--out",
            out("a.pdf").to_str().expect("utf-8"),
        ],
    );
    let text = pdf_text(&out("a.pdf"));
    for s in [
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Nguyễn Thị Ánh Tuyết",
        &a,
        "Liên 2: Giao người nộp hồ sơ",
    ] {
        assert!(text.contains(s), "receipt lacks {s:?}: {text}");
    }
    ok(
        dir,
        now,
        &[
            "print",
            "refusal",
            &b,
            "--out",
            out("b.txt").to_str().expect("utf-8"),
        ],
    );
    let text = std::fs::read_to_string(out("b.txt")).expect("text written");
    assert!(
        text.contains("Hồ sơ không thuộc thẩm quyền # $ *"),
        "{text}"
    );
    ok(
        dir,
        now,
        &[
            "print",
            "control-sheet",
            &a,
            "--out",
            out("c.pdf").to_str().expect("utf-8"),
        ],
    );
    assert!(pdf_text(&out("c.pdf")).contains("Tư pháp – hộ tịch"));

    // a form the dossier has no event for: refused with exit code 1 and a message
    let (code, _, err) = motcua(
        dir,
        now,
        &[
            "print",
            "stop-notice",
            &a,
            "--out",
            out("x.pdf").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("không in được phiếu này"), "{err}");
    let (code, _, err) = motcua(
        dir,
        now,
        &[
            "print",
            "receipt",
            "KHONG-CO",
            "--out",
            out("y.pdf").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("«KHONG-CO» không phải mã hồ sơ"), "{err}");
    let (code, _, err) = motcua(
        dir,
        now,
        &[
            "print",
            "receipt",
            "000.00.20.H30-260101-9999",
            "--out",
            out("y.pdf").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("Không tìm thấy hồ sơ"), "{err}");

    ok(
        dir,
        now,
        &[
            "print",
            "register",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--out",
            out("r.pdf").to_str().expect("utf-8"),
        ],
    );
    let text = pdf_text(&out("r.pdf"));
    assert!(
        text.contains("SỔ THEO DÕI HỒ SƠ") && text.contains("Hoàng Đức Thịnh"),
        "{text}"
    );
    ok(
        dir,
        now,
        &[
            "print",
            "catalogue",
            "--out",
            out("cat.csv").to_str().expect("utf-8"),
        ],
    );
    let csv = std::fs::read_to_string(out("cat.csv")).expect("csv written");
    assert!(csv.contains("Đăng ký khai sinh"), "{csv}");

    let day = ok(
        dir,
        now,
        &["report", "day", "2026-03-02", "--format", "json"],
    );
    let day: serde_json::Value = serde_json::from_str(&day).expect("JSON");
    assert_eq!(day["received_total"], 2);
    assert_eq!(day["handed_back"]["total"], 1);
    assert_eq!(day["fees_vnd"], 8000);
    let text = ok(dir, now, &["report", "day", "2026-03-02"]);
    assert!(
        text.contains("BÁO CÁO TIẾP NHẬN VÀ TRẢ KẾT QUẢ TRONG NGÀY"),
        "{text}"
    );

    let period = ok(
        dir,
        now,
        &[
            "report",
            "period",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--format",
            "json",
        ],
    );
    let period: serde_json::Value = serde_json::from_str(&period).expect("JSON");
    let total = &period["total"];
    assert_eq!(total["received_total"], 2);
    assert_eq!(total["resolved_total"], 1);
    assert_eq!(total["ended_other"], 1);
    assert_eq!(period["fields"][0]["field"], "Hộ tịch");
    ok(
        dir,
        now,
        &[
            "report",
            "period",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--out",
            out("p.pdf").to_str().expect("utf-8"),
        ],
    );
    assert!(pdf_text(&out("p.pdf")).contains("Biểu số 06/VPCP/KSTT"));
    ok(
        dir,
        now,
        &[
            "report",
            "period",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--out",
            out("p.csv").to_str().expect("utf-8"),
        ],
    );
    let csv = std::fs::read_to_string(out("p.csv")).expect("csv written");
    assert!(csv.contains("Tổng cộng"), "{csv}");
    let (code, _, err) = motcua(
        dir,
        now,
        &[
            "report",
            "period",
            "--from",
            "2026-03-31",
            "--to",
            "2026-03-01",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("Khoảng thời gian không hợp lệ"), "{err}");
}

/// Issue 5 item 3: the letter printed for an apology issued through the command line.
#[test]
fn print_apology_letter_after_issuing_one() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    // 3 working days from Monday 2 March 2026: due Thursday 5 March 17:00
    let a = receive(dir, "2026-03-02 08:05", "Trần Văn Bình", "TS.HT.03");
    ok(
        dir,
        "2026-03-04 16:00",
        &[
            "apology",
            &a,
            "--reason",
            "Chờ xác minh nơi cư trú",
            "--new-due",
            "2026-03-10 17:00",
            "--signer",
            "Hoàng Văn Thắng",
        ],
    );
    let pdf = dir.join("letter.pdf");
    ok(
        dir,
        "2026-03-04 16:05",
        &[
            "print",
            "apology",
            &a,
            "--out",
            pdf.to_str().expect("utf-8"),
        ],
    );
    let text = pdf_text(&pdf);
    for s in [
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        "Trần Văn Bình",
        &a,
        "Chờ xác minh nơi cư trú",
        "17 giờ 00 phút, ngày 05 tháng 3 năm 2026",
        "17 giờ 00 phút, ngày 10 tháng 3 năm 2026",
        "/PXL",
        "Hoàng Văn Thắng",
    ] {
        assert!(text.contains(s), "letter lacks {s:?}: {text}");
    }
    let txt = dir.join("letter.txt");
    ok(
        dir,
        "2026-03-04 16:05",
        &[
            "print",
            "apology",
            &a,
            "--out",
            txt.to_str().expect("utf-8"),
        ],
    );
    let text = std::fs::read_to_string(&txt).expect("text written");
    assert!(text.contains("Lý do: Chờ xác minh nơi cư trú"), "{text}");
}
