//! Every form: its text pinned by a snapshot, its PDF's text read back exactly, the QR code on
//! the receipt decoded from what we draw.

use motcua::domain::EventKind;
use motcua::print::{self, markup};
use motcua::report::{Document, forms};

use super::fixtures::*;

/// The text of a PDF, with runs of white space collapsed (PDF text has no reliable spaces).
pub fn pdf_text(doc: &Document) -> String {
    let bytes = print::to_pdf(doc).expect("the document lays out");
    assert!(bytes.starts_with(b"%PDF"));
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("our PDF is readable");
    squash(&text)
}

pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts that every string is found in the PDF's text, exactly (after white space collapse).
pub fn assert_pdf_has(doc: &Document, needles: &[&str]) {
    let text = pdf_text(doc);
    for n in needles {
        assert!(text.contains(&squash(n)), "PDF text lacks {n:?}:\n{text}");
    }
}

fn handled() -> motcua::domain::Dossier {
    let mut d = dossier(12, "2026-03-02 08:05", "2026-03-03 17:00");
    push(
        &mut d,
        "2026-03-02 09:00",
        EventKind::Transferred {
            from: "Bộ phận tiếp nhận và trả kết quả".to_owned(),
            to: "Tư pháp – hộ tịch".to_owned(),
        },
    );
    push(&mut d, "2026-03-02 16:30", EventKind::ResultReady);
    push(
        &mut d,
        "2026-03-03 15:00",
        EventKind::HandedBack {
            to: "Nguyễn Thị Ánh Tuyết".to_owned(),
            fee_vnd: 0,
            rating: "Hài lòng".to_owned(),
        },
    );
    d
}

#[test]
fn receipt_text_and_pdf() {
    let d = dossier(1, "2026-03-02 08:05", "2026-03-03 17:00");
    let doc = forms::receipt(&d, &letterhead());
    snap!("receipt", print::to_text(&doc));
    assert_pdf_has(
        &doc,
        &[
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            "Liên 1: Lưu",
            "Liên 2: Giao người nộp hồ sơ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Thanh Sơn, ngày 02 tháng 03 năm 2026",
            "Nguyễn Thị Ánh Tuyết",
            "000.00.20.H30-260302-0001",
            "08 giờ 05 phút, ngày 02 tháng 03 năm 2026",
            "17 giờ 00 phút, ngày 03 tháng 03 năm 2026",
            "Thủ tục đăng ký khai sinh",
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
        ],
    );
}

#[test]
fn receipt_qr_draws_qrcodes_matrix_and_decodes() {
    let d = dossier(1, "2026-03-02 08:05", "2026-03-03 17:00");
    let m = markup::to_markup(&forms::receipt(&d, &letterhead()));
    // one drawing per copy, in the signature row (a line of its own pushed the signatures
    // onto a second A5 page)
    assert_eq!(m.matches("qr: qrcode(").count(), 2);
    let (n, drawn) = drawn_qr(&m);
    let (qn, expected) = markup::qr_matrix(d.code.as_str()).expect("the code fits a QR code");
    assert_eq!(
        (n, &drawn),
        (qn, &expected),
        "the drawn modules are qrcode's"
    );
    assert_eq!(decode(n, &drawn), d.code.as_str());
}

/// Rebuilds the module matrix from the runs in the first `#qrcode(n, ((x, y, len), …), …)`.
fn drawn_qr(markup: &str) -> (usize, Vec<bool>) {
    let start = markup.find("qr: qrcode(").expect("a QR drawing") + "qr: qrcode(".len();
    let rest = &markup[start..];
    let comma = rest.find(',').expect("the size");
    let n: usize = rest[..comma].trim().parse().expect("a size");
    let runs_end = rest.find(",), ").expect("the runs");
    let mut dark = vec![false; n * n];
    for triple in rest[comma + 1..runs_end].split("),") {
        let nums: Vec<usize> = triple
            .trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace())
            .split(',')
            .map(|s| s.trim().parse().expect("a number"))
            .collect();
        let (x, y, len) = (nums[0], nums[1], nums[2]);
        for i in x..x + len {
            dark[y * n + i] = true;
        }
    }
    (n, dark)
}

/// Decodes a module matrix the way a scanner would see it: 6 pixels a module, quiet zone.
fn decode(n: usize, dark: &[bool]) -> String {
    const PX: usize = 6;
    let side = (n + 8) * PX;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        let (mx, my) = (x / PX, y / PX);
        if mx < 4 || my < 4 || mx >= n + 4 || my >= n + 4 {
            255
        } else if dark[(my - 4) * n + (mx - 4)] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code found");
    grids[0].decode().expect("the QR code decodes").1
}

#[test]
fn supplement_request_text_and_pdf() {
    let mut d = dossier(2, "2026-03-02 08:05", "2026-03-03 17:00");
    push(
        &mut d,
        "2026-03-02 10:00",
        EventKind::SupplementRequested {
            reason: "Giấy chứng sinh bị tẩy xóa".to_owned(),
            items: vec!["Giấy chứng sinh bản chính không tẩy xóa".to_owned()],
        },
    );
    let doc = forms::supplement_request(&d, &letterhead()).expect("has a request");
    snap!("supplement_request", print::to_text(&doc));
    assert_pdf_has(
        &doc,
        &[
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            "Giấy chứng sinh bị tẩy xóa",
            "NGƯỜI HƯỚNG DẪN",
        ],
    );
}

#[test]
fn refusal_text_and_pdf() {
    let mut d = dossier(3, "2026-03-02 08:05", "2026-03-03 17:00");
    push(
        &mut d,
        "2026-03-02 08:30",
        EventKind::Refused {
            reason: "Trẻ đã được đăng ký khai sinh tại UBND xã Hoàng Văn Thụ".to_owned(),
        },
    );
    let doc = forms::refusal(&d, &letterhead()).expect("refused");
    snap!("refusal", print::to_text(&doc));
    assert_pdf_has(
        &doc,
        &[
            "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
            "Trẻ đã được đăng ký khai sinh tại UBND xã Hoàng Văn Thụ",
        ],
    );
}

#[test]
fn stop_notice_text_and_pdf() {
    let mut d = dossier(4, "2026-03-02 08:05", "2026-03-03 17:00");
    push(
        &mut d,
        "2026-03-03 08:00",
        EventKind::Stopped {
            reason: "Người nộp hồ sơ xin rút hồ sơ".to_owned(),
        },
    );
    let doc = forms::stop_notice(&d, &letterhead()).expect("stopped");
    snap!("stop_notice", print::to_text(&doc));
    assert_pdf_has(
        &doc,
        &[
            "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
            "Mẫu số 05",
            "Người nộp hồ sơ xin rút hồ sơ",
            "Hoàng Văn Thắng",
        ],
    );
}

#[test]
fn control_sheet_text_and_pdf() {
    let doc = forms::control_sheet(&handled(), &letterhead());
    snap!("control_sheet", print::to_text(&doc));
    assert_pdf_has(
        &doc,
        &[
            "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
            "Mẫu số 06",
            "Tư pháp – hộ tịch",
            "Trước hạn",
        ],
    );
}

#[test]
fn apology_letter_text_and_pdf_in_both_form_sets() {
    let mut d = dossier(5, "2026-03-02 08:05", "2026-03-03 17:00");
    apology(
        &mut d,
        "2026-03-02 16:00",
        "Chờ xác minh thông tin cư trú",
        "2026-03-05 17:00",
    );
    let doc = forms::apology_letter(&d, &letterhead()).expect("apologised");
    snap!("apology_letter_2025", print::to_text(&doc));
    assert_pdf_has(
        &doc,
        &[
            "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
            "Số: 07/PXL",
            "Kính gửi: Ông (Bà) Nguyễn Thị Ánh Tuyết",
            "000.00.20.H30-260302-0005",
            "Chờ xác minh thông tin cư trú",
            "17 giờ 00 phút, ngày 03 tháng 03 năm 2026",
            "17 giờ 00 phút, ngày 05 tháng 03 năm 2026",
            "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
        ],
    );
    let mut old = dossier(6, "2025-06-02 08:05", "2025-06-03 17:00");
    apology(&mut old, "2025-06-02 16:00", "Mất điện", "2025-06-05 17:00");
    let doc = forms::apology_letter(&old, &letterhead()).expect("apologised");
    snap!("apology_letter_2018", print::to_text(&doc));
    assert_pdf_has(
        &doc,
        &["PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Mẫu số 04"],
    );
}

#[test]
fn a_form_for_an_event_that_never_happened_is_refused_in_vietnamese() {
    let d = dossier(7, "2026-03-02 08:05", "2026-03-03 17:00");
    let e = forms::refusal(&d, &letterhead()).expect_err("never refused");
    assert!(e.to_string().contains("không in được phiếu này"), "{e}");
}

#[test]
fn user_text_with_typst_syntax_prints_verbatim() {
    let mut d = dossier(8, "2026-03-02 08:05", "2026-03-03 17:00");
    let nasty = r#"Lê "Tí" #set text(red) $x^2$ *đậm* _nghiêng_ [a] \ b <c> @d // e"#;
    d.applicant.name = nasty.to_owned();
    push(
        &mut d,
        "2026-03-02 08:30",
        EventKind::Refused {
            reason: "#pagebreak() ]) #panic(\"x\")".to_owned(),
        },
    );
    let doc = forms::refusal(&d, &letterhead()).expect("refused");
    assert_pdf_has(&doc, &[nasty, "#pagebreak() ]) #panic(\"x\")"]);
}

#[test]
fn decomposed_input_prints_the_same_letters() {
    use unicode_normalization::UnicodeNormalization;
    let mut d = dossier(9, "2026-03-02 08:05", "2026-03-03 17:00");
    d.applicant.name = "Trần Thị Ánh Hường".nfd().collect();
    let doc = forms::receipt(&d, &letterhead());
    let text: String = pdf_text(&doc).nfc().collect();
    assert!(text.contains("Trần Thị Ánh Hường"), "{text}");
}

/// Every form as PDF in `$MOTCUA_SAMPLES` (run by hand, then look at them with pdftoppm):
/// `MOTCUA_SAMPLES=/tmp/forms cargo test --test main write_form_samples -- --ignored`.
#[test]
#[ignore = "writes files for a person to look at"]
fn write_form_samples() {
    let dir = std::path::PathBuf::from(std::env::var("MOTCUA_SAMPLES").expect("MOTCUA_SAMPLES"));
    let l = letterhead();
    let mut docs = vec![(
        "receipt",
        forms::receipt(&dossier(1, "2026-03-02 08:05", "2026-03-03 17:00"), &l),
    )];
    docs.push(("control_sheet", forms::control_sheet(&handled(), &l)));
    let mut d = dossier(2, "2026-03-02 08:05", "2026-03-03 17:00");
    push(
        &mut d,
        "2026-03-02 10:00",
        EventKind::SupplementRequested {
            reason: "Giấy chứng sinh bị tẩy xóa".to_owned(),
            items: vec![
                "Giấy chứng sinh bản chính không tẩy xóa".to_owned(),
                "Bản sao giấy đăng ký kết hôn".to_owned(),
            ],
        },
    );
    docs.push((
        "supplement_request",
        forms::supplement_request(&d, &l).expect("request"),
    ));
    push(
        &mut d,
        "2026-03-02 11:00",
        EventKind::Refused {
            reason: "Trẻ đã được đăng ký khai sinh tại UBND xã Hoàng Văn Thụ".to_owned(),
        },
    );
    docs.push(("refusal", forms::refusal(&d, &l).expect("refused")));
    let mut s = dossier(4, "2026-03-02 08:05", "2026-03-03 17:00");
    push(
        &mut s,
        "2026-03-03 08:00",
        EventKind::Stopped {
            reason: "Người nộp hồ sơ xin rút hồ sơ".to_owned(),
        },
    );
    docs.push(("stop_notice", forms::stop_notice(&s, &l).expect("stopped")));
    let mut a = dossier(5, "2026-03-02 08:05", "2026-03-03 17:00");
    apology(
        &mut a,
        "2026-03-02 16:00",
        "Chờ xác minh thông tin cư trú",
        "2026-03-05 17:00",
    );
    docs.push(("apology", forms::apology_letter(&a, &l).expect("apology")));
    std::fs::create_dir_all(&dir).expect("sample dir");
    for (name, doc) in docs {
        let pdf = print::to_pdf(&doc).expect("lays out");
        std::fs::write(dir.join(format!("{name}.pdf")), pdf).expect("written");
        std::fs::write(dir.join(format!("{name}.typ")), markup::to_markup(&doc)).expect("written");
    }
}
