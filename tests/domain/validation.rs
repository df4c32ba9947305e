//! Every intake validation message, through one helper per validator shape.

use motcua::domain::{
    ApplicantKind, DomainError, Field, FieldProblem, Intake, Procedure, ProcedureCode,
    builtin_catalogue, validate_email, validate_id_number, validate_intake, validate_name,
    validate_phone, validate_rating, validate_sets, validate_text,
};

/// Runs one validator over (input, expected) rows; `Ok(s)` is the normalised value, `Err(m)`
/// the exact message.
fn check(
    name: &str,
    f: impl Fn(&str) -> Result<String, DomainError>,
    rows: &[(&str, Result<&str, &str>)],
) {
    for (input, expected) in rows {
        let got = f(input).map_err(|e| e.to_string());
        let expected = expected.map(str::to_owned).map_err(str::to_owned);
        assert_eq!(got, expected, "{name}({input:?})");
    }
}

#[test]
fn names() {
    let person = |s: &str| validate_name(s, ApplicantKind::Person);
    check(
        "person name",
        person,
        &[
            ("  Nguyễn   Văn An ", Ok("Nguyễn Văn An")),
            ("Lê Thị Ánh-Hồng", Ok("Lê Thị Ánh-Hồng")),
            ("", Err("Họ và tên: chưa nhập")),
            ("   ", Err("Họ và tên: chưa nhập")),
            (
                "Trần 3",
                Err("Họ và tên: họ tên cá nhân không được chứa chữ số hay ký hiệu «3»"),
            ),
            (
                "An\tBình",
                Err("Họ và tên: có ký tự điều khiển (mã U+0009); hãy gõ lại, đừng dán từ nguồn lạ"),
            ),
            (
                "An\nBình",
                Err("Họ và tên: có ký tự điều khiển (mã U+000A); hãy gõ lại, đừng dán từ nguồn lạ"),
            ),
            (
                "\u{202E}nA",
                Err(
                    "Họ và tên: có ký tự ẩn (mã U+202E: ký tự đổi chiều văn bản hoặc không độ rộng); hãy gõ lại, đừng dán từ nguồn lạ",
                ),
            ),
            (
                "A\u{200B}n",
                Err(
                    "Họ và tên: có ký tự ẩn (mã U+200B: ký tự đổi chiều văn bản hoặc không độ rộng); hãy gõ lại, đừng dán từ nguồn lạ",
                ),
            ),
            (
                "A\u{200F}n",
                Err(
                    "Họ và tên: có ký tự ẩn (mã U+200F: ký tự đổi chiều văn bản hoặc không độ rộng); hãy gõ lại, đừng dán từ nguồn lạ",
                ),
            ),
        ],
    );
    let org = |s: &str| validate_name(s, ApplicantKind::Organisation);
    check(
        "organisation name",
        org,
        &[("Công ty TNHH 3 Sao", Ok("Công ty TNHH 3 Sao"))],
    );
    let long = "A".repeat(10_000);
    assert_eq!(
        person(&long).map_err(|e| e.to_string()),
        Err("Họ và tên: dài quá 120 ký tự (đang có 10000)".to_owned())
    );
    // decomposed input is stored composed
    let nfd = "Nguye\u{302}\u{303}n";
    assert_eq!(person(nfd).ok().as_deref(), Some("Nguyễn"));
}

#[test]
fn id_numbers() {
    let person = |s: &str| validate_id_number(s, ApplicantKind::Person);
    let id_digits = Err(
        "Số định danh: số định danh cá nhân gồm 12 chữ số (hoặc số chứng minh nhân dân cũ 9 chữ số)",
    );
    let province = Err(
        "Số định danh: số định danh cá nhân phải bắt đầu bằng mã tỉnh, thành phố nơi đăng ký khai \
         sinh (Thông tư 59/2021/TT-BCA, ví dụ 020 Lạng Sơn)",
    );
    let century = Err(
        "Số định danh: chữ số thứ 4 của số định danh (thế kỷ sinh và giới tính) phải là 0–3 (sinh \
         năm 1900–2099)",
    );
    check(
        "person id",
        person,
        &[
            ("", Ok("")),
            ("020 190 012 345", Ok("020190012345")),
            ("001.099.012.345", Ok("001099012345")),
            ("123456789", Ok("123456789")),
            ("12345678", id_digits),
            ("0201900123456", id_digits),
            ("02019001234a", id_digits),
            ("000190012345", province),
            ("097190012345", province),
            // 003 lies between province codes but is none (Circular 59/2021/TT-BCA)
            ("003190012345", province),
            // fourth digit: 0–3 only (born 1900–2099)
            ("020490012345", century),
            ("020890012345", century),
        ],
    );
    // a birth year after the day of receipt (a tester's 020399…: a woman born in 2099)
    let at = motcua::calendar::parse_local("2026-12-07 08:00").expect("a time");
    assert_eq!(
        motcua::domain::check_born_by("020399012345", at).map_err(|e| e.to_string()),
        Err(
            "Số định danh: số định danh ghi năm sinh 2099, sau ngày tiếp nhận: hãy kiểm tra lại \
             chữ số 4–6"
                .to_owned()
        )
    );
    assert!(motcua::domain::check_born_by("020326012345", at).is_ok());
    assert!(motcua::domain::check_born_by("123456789", at).is_ok());
    let org = |s: &str| validate_id_number(s, ApplicantKind::Organisation);
    let tax =
        Err("Số định danh: mã số thuế gồm 10 chữ số, hoặc 10 chữ số - 3 chữ số (đơn vị phụ thuộc)");
    check(
        "tax code",
        org,
        &[
            ("0101234567", Ok("0101234567")),
            ("0101234567-001", Ok("0101234567-001")),
            ("010123456", tax),
            ("0101234567-01", tax),
            ("0101234567-", tax),
        ],
    );
}

#[test]
fn phones() {
    let bad = Err(
        "Số điện thoại: số điện thoại di động gồm 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09; số cố định bắt đầu bằng 02 (có thể ghi +84)",
    );
    check(
        "phone",
        validate_phone,
        &[
            ("", Ok("")),
            ("0912 345 678", Ok("0912345678")),
            ("+84 912.345.678", Ok("0912345678")),
            ("84912345678", Ok("0912345678")),
            ("(0205) 3812 345", Ok("02053812345")),
            ("0351234567", Ok("0351234567")),
            ("091234567", bad),
            ("0112345678", bad),
            ("09123456789", bad),
            ("0912abc678", bad),
        ],
    );
}

#[test]
fn emails() {
    let bad = Err("Email: địa chỉ email không hợp lệ (dạng ten@mien.vn)");
    check(
        "email",
        validate_email,
        &[
            ("", Ok("")),
            ("An.Nguyen@Gmail.COM", Ok("An.Nguyen@gmail.com")),
            ("an@thanhson.gov.vn", Ok("an@thanhson.gov.vn")),
            ("an", bad),
            ("an@", bad),
            ("@mien.vn", bad),
            ("an@mienvn", bad),
            ("an@mien..vn", bad),
            ("an nguyen@mien.vn", bad),
            ("an@b@mien.vn", bad),
        ],
    );
}

#[test]
fn other_fields() {
    let address = |s: &str| validate_text(Field::Address, s);
    check(
        "address",
        address,
        &[
            (
                "  Thôn Bản Chắt,  xã Thanh Sơn ",
                Ok("Thôn Bản Chắt, xã Thanh Sơn"),
            ),
            (
                &"x".repeat(251),
                Err("Địa chỉ: dài quá 250 ký tự (đang có 251)"),
            ),
        ],
    );
    let note = |s: &str| validate_text(Field::Note, s);
    check(
        "note",
        note,
        &[
            ("dòng 1\r\ndòng 2 ", Ok("dòng 1\ndòng 2")),
            (
                "a\u{7}b",
                Err("Ghi chú: có ký tự điều khiển (mã U+0007); hãy gõ lại, đừng dán từ nguồn lạ"),
            ),
        ],
    );
    assert_eq!(validate_sets(0), Ok(1));
    assert_eq!(validate_sets(50), Ok(50));
    assert_eq!(
        validate_sets(51).map_err(|e| e.to_string()),
        Err("Số lượng hồ sơ: phải từ 1 đến 50".to_owned())
    );
    let scale: Vec<String> = ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
        .map(String::from)
        .to_vec();
    let rating = |s: &str| validate_rating(s, &scale);
    check(
        "rating",
        rating,
        &[
            ("", Ok("")),
            ("hai long", Ok("Hài lòng")),
            ("Rất hài lòng", Ok("Rất hài lòng")),
            (
                "Tuyệt vời",
                Err(
                    "Mức độ hài lòng: «Tuyệt vời» không có trong thang đánh giá: Rất hài lòng, Hài lòng, Không hài lòng",
                ),
            ),
        ],
    );
}

fn khai_sinh() -> Procedure {
    builtin_catalogue()
        .into_iter()
        .find(|p| p.name == "Đăng ký khai sinh")
        .expect("khai sinh is in the built-in catalogue")
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "a table of one-field changes to a good intake and the field each refusal must name"
)]
fn whole_intake() {
    let procedure = khai_sinh();
    let good = Intake {
        procedure: Some(procedure.code.clone()),
        name: " Hoàng  Thị Lan ".into(),
        id_number: "020 190 012 345".into(),
        phone: "+84 912 345 678".into(),
        ..Intake::default()
    };
    let applicant = validate_intake(&good, &procedure).expect("valid intake");
    assert_eq!(applicant.kind, ApplicantKind::Person);
    assert_eq!(applicant.name, "Hoàng Thị Lan");
    assert_eq!(applicant.id_number, "020190012345");
    assert_eq!(applicant.phone, "0912345678");

    let cases: Vec<(Intake, Field, FieldProblem)> = vec![
        (
            Intake {
                procedure: None,
                ..good.clone()
            },
            Field::Procedure,
            FieldProblem::Required,
        ),
        (
            Intake {
                procedure: Some(ProcedureCode("X".into())),
                ..good.clone()
            },
            Field::Procedure,
            FieldProblem::Mismatch {
                expected: procedure.code.as_str().to_owned(),
            },
        ),
        (
            Intake {
                name: String::new(),
                ..good.clone()
            },
            Field::Name,
            FieldProblem::Required,
        ),
        (
            Intake {
                id_number: "12".into(),
                ..good.clone()
            },
            Field::IdNumber,
            FieldProblem::IdDigits,
        ),
        (
            Intake {
                phone: "12".into(),
                ..good.clone()
            },
            Field::Phone,
            FieldProblem::Phone,
        ),
        (
            Intake {
                email: "x@".into(),
                ..good.clone()
            },
            Field::Email,
            FieldProblem::Email,
        ),
        (
            Intake {
                sets: 99,
                ..good.clone()
            },
            Field::Sets,
            FieldProblem::Range { max: 50 },
        ),
        (
            Intake {
                documents: vec!["a;b".into()],
                ..good.clone()
            },
            Field::Documents,
            FieldProblem::Semicolon,
        ),
        (
            Intake {
                note: "x".repeat(1001),
                ..good.clone()
            },
            Field::Note,
            FieldProblem::TooLong {
                max: 1000,
                len: 1001,
            },
        ),
    ];
    for (intake, field, problem) in cases {
        let err = validate_intake(&intake, &procedure).expect_err("refused");
        assert_eq!(err, DomainError::Field { field, problem }, "{intake:?}");
        assert_eq!(err.focus(), Some(field));
    }
}
