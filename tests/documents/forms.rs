//! Every form in both form sets (Circular 01/2018 until 30/06/2025, Circular 03/2025 from
//! 01/07/2025): its text pinned by a snapshot and checked against RULES.md §3's field list, its
//! date line per Decree 30/2020, its PDF's text read back with one page per A5 copy, and the QR
//! code on the receipt decoded from what we draw.

use motcua::domain::{ApplicantKind, Dossier, EventKind};
use motcua::print::{self, markup};
use motcua::report::{Document, forms};

use super::fixtures::*;

/// The text of a PDF, with runs of white space collapsed (PDF text has no reliable spaces).
pub fn pdf_text(doc: &Document) -> String {
    pdf_pages(doc).join(" ")
}

/// The text of each page of the document's PDF, white space collapsed.
pub fn pdf_pages(doc: &Document) -> Vec<String> {
    let bytes = print::to_pdf(doc).expect("the document lays out");
    assert!(bytes.starts_with(b"%PDF"));
    pdf_extract::extract_text_from_mem_by_pages(&bytes)
        .expect("our PDF is readable")
        .iter()
        .map(|p| squash(p))
        .collect()
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

/// Asserts an A5 form prints one page per copy, each with the header and its copy label.
fn assert_one_page_per_copy(doc: &Document) {
    let pages = pdf_pages(doc);
    let copies = doc.copies.len().max(1);
    assert_eq!(pages.len(), copies, "one A5 page per copy: {pages:#?}");
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            "page {i}: {page}"
        );
        if let Some(label) = doc.copies.get(i) {
            assert!(page.contains(&squash(label)), "page {i} lacks {label}");
        }
    }
}

/// The PDF carries every label of the official field list (the text form is pinned by the
/// snapshots; its two-column header and its tables wrap labels across lines).
fn assert_fields(doc: &Document, fields: &[&str]) {
    assert_pdf_has(doc, fields);
}

/// Received on a Monday of each form set: 02/06/2025 (2018) and 02/03/2026 (2025), one working
/// day, due the next day at 17:00.
fn received(seq: u64, set: u16) -> Dossier {
    match set {
        2018 => dossier(seq, "2025-06-02 08:05", "2025-06-03 17:00"),
        _ => dossier(seq, "2026-03-02 08:05", "2026-03-03 17:00"),
    }
}

/// "2025-06-02 10:00" or "2026-03-02 10:00": a time on the day of receipt of the set.
fn on_day(set: u16, hm: &str) -> String {
    match set {
        2018 => format!("2025-06-02 {hm}"),
        _ => format!("2026-03-02 {hm}"),
    }
}

fn transfer(d: &mut Dossier, at: &str) {
    push(
        d,
        at,
        EventKind::Transferred {
            from: "Bộ phận tiếp nhận và trả kết quả".to_owned(),
            to: "Tư pháp – hộ tịch".to_owned(),
        },
    );
}

const RECEIPT_FIELDS: &[&str] = &[
    "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "Mã hồ sơ",
    "Tiếp nhận hồ sơ của Ông (Bà)/Tổ chức",
    "Số định danh cá nhân/tổ chức",
    "Địa chỉ",
    "Số điện thoại",
    "Email",
    "Nội dung yêu cầu giải quyết",
    "Thành phần hồ sơ nộp gồm",
    "Số lượng hồ sơ",
    "(bộ)",
    "Thời gian giải quyết hồ sơ theo quy định là",
    "Thời gian nhận hồ sơ",
    "Thời gian trả kết quả giải quyết hồ sơ",
    "Đăng ký nhận kết quả tại",
    "Vào Sổ theo dõi hồ sơ, Quyển số",
    "Số thứ tự: 12",
    "NGƯỜI NỘP HỒ SƠ",
    "NGƯỜI TIẾP NHẬN HỒ SƠ",
    "(Ký và ghi rõ họ tên)",
    "Liên 1: Lưu",
    "Liên 2: Giao người nộp hồ sơ",
    "Mẫu số 01",
];

#[test]
fn receipt_in_both_form_sets() {
    let k = kit();
    for (set, header) in [
        (
            2018,
            [
                "UBND HUYỆN HỮU LŨNG",
                "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
                "Thanh Sơn, ngày 02 tháng 6 năm 2025",
                "08 giờ 05 phút, ngày 02 tháng 6 năm 2025",
            ],
        ),
        (
            2025,
            [
                "UBND TỈNH LẠNG SƠN",
                "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ THANH SƠN",
                "Thanh Sơn, ngày 02 tháng 3 năm 2026",
                "08 giờ 05 phút, ngày 02 tháng 3 năm 2026",
            ],
        ),
    ] {
        let d = received(1, set);
        let doc = forms::receipt(&d, &k.papers(), Some(12));
        match set {
            2018 => snap!("receipt_2018", print::to_text(&doc)),
            _ => snap!("receipt_2025", print::to_text(&doc)),
        }
        assert_fields(&doc, RECEIPT_FIELDS);
        assert_fields(&doc, &header);
        assert_one_page_per_copy(&doc);
    }
}

#[test]
fn a_receipt_with_forty_long_documents_keeps_one_page_per_copy() {
    let k = kit();
    let mut d = received(1, 2025);
    d.documents = (1..=40)
        .map(|i| {
            format!(
                "Giấy tờ số {i}: bản sao có chứng thực của giấy tờ chứng minh nơi cư trú, \
                 quan hệ nhân thân và các giấy tờ liên quan khác theo quy định"
            )
        })
        .collect();
    d.applicant.address =
        "Thôn Bản Đồn, xã Thanh Sơn, tỉnh Lạng Sơn (gần nhà văn hóa thôn)".repeat(3);
    d.applicant.representative = "Nguyễn Văn Bình, giấy ủy quyền số 12/UQ".to_owned();
    let doc = forms::receipt(&d, &k.papers(), Some(7));
    assert_one_page_per_copy(&doc);
    let pages = pdf_pages(&doc);
    for page in &pages {
        assert!(page.contains("Giấy tờ số 40"), "{page}");
        assert!(page.contains("NGƯỜI TIẾP NHẬN HỒ SƠ"), "{page}");
    }
}

/// After "Nhận đủ bổ sung" the legal time restarts (RULES.md §2.3): the receipt then handed
/// over prints the re-receipt and the restarted appointment as "5.", and names the first one as
/// replaced (it once printed the first appointment as "5." with the new one in a note).
#[test]
fn a_receipt_after_a_supplement_prints_the_restarted_appointment() {
    let k = kit();
    let mut d = received(2, 2025);
    push(
        &mut d,
        "2026-03-02 08:30",
        EventKind::SupplementRequested {
            reason: "Thiếu giấy chứng sinh".to_owned(),
            items: vec!["Giấy chứng sinh".to_owned()],
        },
    );
    push(&mut d, "2026-03-04 09:00", EventKind::SupplementReceived);
    d.due_at = t("2026-03-05 17:00");
    if let Some(e) = d.events.last_mut() {
        e.due = Some(d.due_at);
    }
    let doc = forms::receipt(&d, &k.papers(), None);
    snap!("receipt_after_supplement", print::to_text(&doc));
    assert_fields(
        &doc,
        &[
            "4. Thời gian nhận hồ sơ: 08 giờ 05 phút, ngày 02 tháng 3 năm 2026",
            "Thời gian nhận đủ hồ sơ bổ sung, hoàn thiện: 09 giờ 00 phút, ngày 04 tháng 3 năm \
             2026",
            "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 05 tháng 3 năm 2026",
            "Thời gian trả kết quả được tính lại từ đầu kể từ khi nhận đủ hồ sơ bổ sung, hoàn \
             thiện, thay cho thời gian hẹn trước đó (17 giờ 00 phút, ngày 03 tháng 3 năm 2026).",
        ],
    );
    assert_one_page_per_copy(&doc);
}

#[test]
fn receipt_qr_draws_qrcodes_matrix_and_decodes() {
    let k = kit();
    let d = received(1, 2025);
    let m = markup::to_markup(&forms::receipt(&d, &k.papers(), Some(1)));
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

const SUPPLEMENT_FIELDS: &[&str] = &[
    "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "Mẫu số 02",
    "Hồ sơ của",
    "Nội dung yêu cầu giải quyết",
    "Địa chỉ",
    "Số điện thoại",
    "Email",
    "yêu cầu hoàn thiện hồ sơ gồm những nội dung sau",
    "Lý do",
    "liên hệ với",
    "số điện thoại",
    "để được hướng dẫn./.",
    "NGƯỜI HƯỚNG DẪN",
    "(Ký và ghi rõ họ tên)",
];

fn supplement(d: &mut Dossier, at: &str) {
    push(
        d,
        at,
        EventKind::SupplementRequested {
            reason: "Giấy chứng sinh bị tẩy xóa".to_owned(),
            items: vec!["Giấy chứng sinh bản chính không tẩy xóa".to_owned()],
        },
    );
}

#[test]
fn supplement_request_by_the_desk_and_by_the_processing_unit() {
    let k = kit();
    // 2018 set, at reception: the desk asks, its clerk guides and signs, its phone is given.
    let mut d = received(2, 2018);
    supplement(&mut d, &on_day(2018, "10:00"));
    let doc = forms::supplement_request(&d, &k.papers()).expect("has a request");
    snap!("supplement_request_2018", print::to_text(&doc));
    assert_fields(&doc, SUPPLEMENT_FIELDS);
    assert_fields(
        &doc,
        &[
            "Bộ phận tiếp nhận và trả kết quả yêu cầu hoàn thiện hồ sơ",
            "liên hệ với Lý Thị Mai – Bộ phận tiếp nhận và trả kết quả, số điện thoại 0205 3851 \
             234",
            "Thanh Sơn, ngày 02 tháng 6 năm 2025",
        ],
    );
    assert_one_page_per_copy(&doc);
    // 2025 set, after a hand-over: the processing unit returned it; no desk line in the header.
    let mut d = received(3, 2025);
    transfer(&mut d, &on_day(2025, "09:00"));
    supplement(&mut d, &on_day(2025, "15:00"));
    let doc = forms::supplement_request(&d, &k.papers()).expect("has a request");
    snap!("supplement_request_2025", print::to_text(&doc));
    assert_fields(&doc, SUPPLEMENT_FIELDS);
    assert_fields(
        &doc,
        &["Tư pháp – hộ tịch – UBND xã Thanh Sơn yêu cầu hoàn thiện hồ sơ"],
    );
    let header = doc.header.as_ref().expect("a header");
    assert!(header.unit.is_empty(), "{header:?}");
    assert_one_page_per_copy(&doc);
}

const REFUSAL_FIELDS: &[&str] = &[
    "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "Mẫu số 03",
    "tiếp nhận hồ sơ của Ông (Bà)/Tổ chức",
    "Số định danh cá nhân/tổ chức",
    "Địa chỉ",
    "Số điện thoại",
    "Email",
    "Mã hồ sơ (nếu có)",
    "Nội dung yêu cầu giải quyết",
    "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau",
    "Xin thông báo để Ông (Bà) được biết và thực hiện./.",
    "NGƯỜI NỘP HỒ SƠ",
    "NGƯỜI TIẾP NHẬN HỒ SƠ",
];

#[test]
fn refusal_in_both_form_sets() {
    let k = kit();
    for set in [2018, 2025] {
        let mut d = received(3, set);
        push(
            &mut d,
            &on_day(set, "08:30"),
            EventKind::Refused {
                reason: "Trẻ đã được đăng ký khai sinh tại UBND xã Hoàng Văn Thụ".to_owned(),
            },
        );
        let doc = forms::refusal(&d, &k.papers()).expect("refused");
        match set {
            2018 => snap!("refusal_2018", print::to_text(&doc)),
            _ => snap!("refusal_2025", print::to_text(&doc)),
        }
        assert_fields(&doc, REFUSAL_FIELDS);
        let text = print::to_text(&doc);
        assert!(
            !text.contains("Căn cứ"),
            "the form has no «Căn cứ» line:\n{text}"
        );
        assert_one_page_per_copy(&doc);
    }
}

/// The names printed under the signature row of the first copy (the text line after the last
/// "(Ký và ghi rõ họ tên)" that holds text), white space collapsed.
fn signers(text: &str) -> String {
    let first = text.split("- - - -").next().unwrap_or(text);
    let hints = first
        .rfind("(Ký và ghi rõ họ tên)")
        .expect("a signature row");
    let after = &first[hints..];
    let names = after
        .lines()
        .skip(1)
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    squash(names)
}

/// "NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên)" is signed by a person: an organisation's authorised
/// representative (the receipt once printed the company's name there), a person's own name, or
/// blank for an organisation that named no representative. The organisation stays in the body.
#[test]
fn the_submitter_who_signs_is_the_representative() {
    let k = kit();
    let mut d = received(5, 2025);
    d.applicant.kind = ApplicantKind::Organisation;
    d.applicant.name = "Công ty TNHH Xây dựng Thanh Sơn".to_owned();
    d.applicant.id_number = "4900123456".to_owned();
    d.applicant.representative = "Nguyễn Văn Bình, giấy ủy quyền số 12/UQ".to_owned();
    let receipt = print::to_text(&forms::receipt(&d, &k.papers(), Some(3)));
    let mut refused = d.clone();
    push(
        &mut refused,
        "2026-03-02 08:30",
        EventKind::Refused {
            reason: "Không thuộc thẩm quyền".to_owned(),
        },
    );
    let refusal = print::to_text(&forms::refusal(&refused, &k.papers()).expect("refused"));
    for text in [&receipt, &refusal] {
        assert_eq!(signers(text), "Nguyễn Văn Bình Lý Thị Mai", "{text}");
        assert!(
            squash(text).contains("Ông (Bà)/Tổ chức: Công ty TNHH Xây dựng Thanh Sơn"),
            "{text}"
        );
        assert!(
            squash(text).contains("Người được ủy quyền: Nguyễn Văn Bình, giấy ủy quyền số 12/UQ"),
            "{text}"
        );
    }
    d.applicant.representative.clear();
    let blank = print::to_text(&forms::receipt(&d, &k.papers(), Some(3)));
    assert_eq!(signers(&blank), "Lý Thị Mai", "{blank}");
    let person = print::to_text(&forms::receipt(&received(6, 2025), &k.papers(), Some(4)));
    assert_eq!(
        signers(&person),
        "Nguyễn Thị Ánh Tuyết Lý Thị Mai",
        "{person}"
    );
}

#[test]
fn stop_notice_only_from_july_2025_and_signed() {
    let k = kit();
    let mut d = received(4, 2025);
    push(
        &mut d,
        "2026-03-03 08:00",
        EventKind::Stopped {
            reason: "Người nộp hồ sơ xin rút hồ sơ".to_owned(),
        },
    );
    let doc = forms::stop_notice(&d, &k.papers()).expect("stopped");
    snap!("stop_notice_2025", print::to_text(&doc));
    assert_fields(
        &doc,
        &[
            "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
            "Mẫu số 05",
            "Kính gửi",
            "Mã hồ sơ",
            "Lý do",
            "Người nộp hồ sơ xin rút hồ sơ",
            "CHỦ TỊCH",
            "Hoàng Văn Thắng",
            "Thanh Sơn, ngày 03 tháng 3 năm 2026",
        ],
    );
    assert_one_page_per_copy(&doc);
    let mut old = received(5, 2018);
    push(
        &mut old,
        "2025-07-02 08:00",
        EventKind::Stopped {
            reason: "Rút hồ sơ".to_owned(),
        },
    );
    let e = forms::stop_notice(&old, &k.papers()).expect_err("no stop before Decree 118");
    assert!(e.to_string().contains("01/7/2025"), "{e}");
}

fn controlled(set: u16) -> Dossier {
    let mut d = received(12, set);
    transfer(&mut d, &on_day(set, "09:00"));
    supplement(&mut d, &on_day(set, "10:00"));
    push(&mut d, &on_day(set, "14:00"), EventKind::SupplementReceived);
    apology(
        &mut d,
        &on_day(set, "15:00"),
        "Chờ xác minh",
        &on_day(set, "16:30"),
    );
    push(&mut d, &on_day(set, "16:00"), EventKind::ResultReady);
    push(
        &mut d,
        &on_day(set, "16:30"),
        EventKind::HandedBack {
            to: "Nguyễn Thị Ánh Tuyết".to_owned(),
            fee_vnd: 8_000,
            rating: "Hài lòng".to_owned(),
        },
    );
    d
}

#[test]
fn control_sheet_logs_every_hand_over_in_both_form_sets() {
    let k = kit();
    for (set, number) in [(2018, "Mẫu số 05"), (2025, "Mẫu số 06")] {
        let doc = forms::control_sheet(&controlled(set), &k.papers());
        match set {
            2018 => snap!("control_sheet_2018", print::to_text(&doc)),
            _ => snap!("control_sheet_2025", print::to_text(&doc)),
        }
        assert_fields(
            &doc,
            &[
                "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
                number,
                "Mã hồ sơ",
                "Cơ quan (bộ phận) giải quyết hồ sơ: Tư pháp – hộ tịch",
                "Cơ quan phối hợp giải quyết",
                "Thời gian nhận hồ sơ",
                "Thời gian trả kết quả",
                "Tên đơn vị",
                "Thời gian giao nhận hồ sơ",
                "Kết quả giải quyết hồ sơ (trước hạn/đúng hạn/quá hạn)",
                "Ghi chú",
                "Người giao",
                "Người nhận",
                "Giao: Tư pháp – hộ tịch",
                "Trả hồ sơ để bổ sung",
                "Nhận hồ sơ đã bổ sung",
                "Văn bản xin lỗi số 07/PXL",
                "Trước hạn",
            ],
        );
        let text = print::to_text(&doc);
        assert!(!text.contains("đơn vị giải quyết\n"), "{text}");
        assert_one_page_per_copy(&doc);
    }
}

const APOLOGY_FIELDS: &[&str] = &[
    "Số: 07/PXL",
    "Mẫu số 04",
    "Kính gửi: Ông (Bà) Nguyễn Thị Ánh Tuyết",
    "tiếp nhận giải quyết hồ sơ đề nghị",
    "Số định danh cá nhân/tổ chức",
    "Mã hồ sơ",
    "Thời gian hẹn trả kết quả giải quyết hồ sơ",
    "chưa trả kết quả giải quyết hồ sơ",
    "Lý do",
    "có thể gây phiền hà",
    "xin lỗi",
    "Thời gian hẹn trả lại kết quả",
    "Mong nhận được sự thông cảm của Ông (Bà)./.",
    "CHỦ TỊCH",
    "(Ký, ghi rõ họ tên và đóng dấu)",
    "Hoàng Văn Thắng",
];

#[test]
fn apology_letter_in_both_form_sets() {
    let k = kit();
    for (set, title) in [
        (2018, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"),
        (
            2025,
            "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        ),
    ] {
        let mut d = received(5, set);
        let (at, new_due) = match set {
            2018 => ("2025-06-02 16:00", "2025-06-05 17:00"),
            _ => ("2026-03-02 16:00", "2026-03-05 17:00"),
        };
        apology(&mut d, at, "Chờ xác minh thông tin cư trú", new_due);
        let doc = forms::apology_letter(&d, &k.papers()).expect("apologised");
        match set {
            2018 => snap!("apology_letter_2018", print::to_text(&doc)),
            _ => snap!("apology_letter_2025", print::to_text(&doc)),
        }
        assert_fields(&doc, APOLOGY_FIELDS);
        assert_fields(&doc, &[title]);
        let text = print::to_text(&doc);
        assert!(!text.contains("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"), "{text}");
        assert_one_page_per_copy(&doc);
    }
    // The 2025 title breaks between its phrases, never inside "GIA HẠN".
    let mut d = received(6, 2025);
    apology(&mut d, "2026-03-02 16:00", "Mất điện", "2026-03-05 17:00");
    let doc = forms::apology_letter(&d, &k.papers()).expect("apologised");
    assert!(
        print::to_text(&doc).contains("GIA HẠN THỜI GIAN GIẢI QUYẾT"),
        "{}",
        print::to_text(&doc)
    );
}

#[test]
fn a_form_for_an_event_that_never_happened_is_refused_in_vietnamese() {
    let k = kit();
    let d = received(7, 2025);
    let e = forms::refusal(&d, &k.papers()).expect_err("never refused");
    assert!(e.to_string().contains("không in được phiếu này"), "{e}");
}

#[test]
fn user_text_with_typst_syntax_prints_verbatim() {
    let k = kit();
    let mut d = received(8, 2025);
    let nasty = r#"Lê "Tí" #set text(red) $x^2$ *đậm* _nghiêng_ [a] \ b <c> @d // e"#;
    d.applicant.name = nasty.to_owned();
    push(
        &mut d,
        "2026-03-02 08:30",
        EventKind::Refused {
            reason: "#pagebreak() ]) #panic(\"x\")".to_owned(),
        },
    );
    let doc = forms::refusal(&d, &k.papers()).expect("refused");
    assert_pdf_has(&doc, &[nasty, "#pagebreak() ]) #panic(\"x\")"]);
}

#[test]
fn decomposed_input_prints_the_same_letters() {
    use unicode_normalization::UnicodeNormalization;
    let k = kit();
    let mut d = received(9, 2025);
    d.applicant.name = "Trần Thị Ánh Hường".nfd().collect();
    let doc = forms::receipt(&d, &k.papers(), Some(9));
    let text: String = pdf_text(&doc).nfc().collect();
    assert!(text.contains("Trần Thị Ánh Hường"), "{text}");
}

/// Every form as PDF in `$MOTCUA_SAMPLES` (run by hand, then look at them with pdftoppm):
/// `MOTCUA_SAMPLES=/tmp/forms cargo test --test main write_form_samples -- --ignored`.
#[test]
#[ignore = "writes files for a person to look at"]
fn write_form_samples() {
    let dir = std::path::PathBuf::from(std::env::var("MOTCUA_SAMPLES").expect("MOTCUA_SAMPLES"));
    let k = kit();
    let p = k.papers();
    let mut docs = Vec::new();
    for set in [2018u16, 2025] {
        let mut long = received(1, set);
        long.documents = (1..=25)
            .map(|i| format!("Giấy tờ số {i}: bản sao có chứng thực giấy tờ liên quan"))
            .collect();
        docs.push((
            format!("receipt_{set}"),
            forms::receipt(&received(1, set), &p, Some(12)),
        ));
        docs.push((
            format!("receipt_long_{set}"),
            forms::receipt(&long, &p, Some(13)),
        ));
        let mut s = received(2, set);
        transfer(&mut s, &on_day(set, "09:00"));
        supplement(&mut s, &on_day(set, "10:00"));
        docs.push((
            format!("supplement_{set}"),
            forms::supplement_request(&s, &p).expect("request"),
        ));
        let mut r = received(3, set);
        push(
            &mut r,
            &on_day(set, "08:30"),
            EventKind::Refused {
                reason: "Trẻ đã được đăng ký khai sinh tại UBND xã Hoàng Văn Thụ".to_owned(),
            },
        );
        docs.push((
            format!("refusal_{set}"),
            forms::refusal(&r, &p).expect("refused"),
        ));
        docs.push((
            format!("control_{set}"),
            forms::control_sheet(&controlled(set), &p),
        ));
        let mut a = received(5, set);
        apology(
            &mut a,
            &on_day(set, "16:00"),
            "Chờ xác minh",
            &on_day(set, "16:30"),
        );
        docs.push((
            format!("apology_{set}"),
            forms::apology_letter(&a, &p).expect("apology"),
        ));
    }
    let mut s = received(4, 2025);
    push(
        &mut s,
        "2026-03-03 08:00",
        EventKind::Stopped {
            reason: "Người nộp hồ sơ xin rút hồ sơ".to_owned(),
        },
    );
    docs.push((
        "stop_2025".to_owned(),
        forms::stop_notice(&s, &p).expect("stopped"),
    ));
    std::fs::create_dir_all(&dir).expect("sample dir");
    for (name, doc) in docs {
        let pdf = print::to_pdf(&doc).expect("lays out");
        std::fs::write(dir.join(format!("{name}.pdf")), pdf).expect("written");
        std::fs::write(dir.join(format!("{name}.typ")), markup::to_markup(&doc)).expect("written");
    }
}

/// Issue 16 item 7: a code made with the placeholder agency code says so on the receipt; the
/// agency's own code does not get the note.
#[test]
fn the_receipt_says_when_the_code_is_the_placeholder() {
    let k = kit();
    let note = "mã hồ sơ dùng mã cơ quan mẫu 000.00.20.H30";
    let mut d = received(1, 2025);
    assert!(d.code.as_str().starts_with("000.00.20.H30-"));
    let text = print::to_text(&forms::receipt(&d, &k.papers(), Some(1)));
    assert_eq!(text.replace('\n', " ").matches(note).count(), 2, "{text}");
    d.code = motcua::domain::DossierCode::parse("000.12.34.H43-260302-0001").expect("a code");
    let text = print::to_text(&forms::receipt(&d, &k.papers(), Some(1)));
    assert!(!text.contains("mã cơ quan mẫu"), "{text}");
}
