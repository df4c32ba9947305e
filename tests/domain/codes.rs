//! Dossier codes: format, growth past four digits, recognition of scanned input.

use chrono::NaiveDate;
use motcua::domain::{DossierCode, looks_like_code};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

#[test]
fn formats() {
    let rows = [
        (
            "000.00.20.H30",
            day(2022, 2, 28),
            1,
            "000.00.20.H30-220228-0001",
        ),
        (
            "000.00.20.H30",
            day(2026, 11, 28),
            9999,
            "000.00.20.H30-261128-9999",
        ),
        (
            "000.00.20.H30",
            day(2026, 11, 28),
            10000,
            "000.00.20.H30-261128-10000",
        ),
        ("H30", day(2030, 1, 5), 42, "H30-300105-0042"),
    ];
    for (agency, date, seq, expected) in rows {
        let code = DossierCode::format(agency, date, seq);
        assert_eq!(code.as_str(), expected);
        let parts = code.parts().expect("a formatted code parses");
        assert_eq!(
            (parts.agency.as_str(), parts.received, parts.seq),
            (agency, date, seq)
        );
        assert_eq!(DossierCode::parse(expected), Some(code));
    }
}

#[test]
fn recognises_scanned_codes() {
    let rows: [(&str, Option<&str>); 12] = [
        (
            "000.00.20.H30-220228-0001\r\n",
            Some("000.00.20.H30-220228-0001"),
        ),
        (
            "  000.00.20.h30-220228-0001",
            Some("000.00.20.H30-220228-0001"),
        ),
        ("H30-261128-12345", Some("H30-261128-12345")),
        ("H30-261128-001", None),
        ("H30-261128-0000", None),
        ("H30-261128-012345", None),
        ("H30-261332-0001", None),
        ("H30-2611280-0001", None),
        ("-261128-0001", None),
        ("H 30-261128-0001", None),
        ("Nguyễn Văn An", None),
        ("0912345678", None),
    ];
    for (input, expected) in rows {
        assert_eq!(
            DossierCode::parse(input).map(|c| c.as_str().to_owned()),
            expected.map(str::to_owned),
            "{input:?}"
        );
        assert_eq!(looks_like_code(input), expected.is_some(), "{input:?}");
    }
}

#[test]
fn text_that_is_no_code_is_refused_with_the_reason() {
    let code = DossierCode::read(" 000.00.20.h30-260302-0001\n").expect("a code");
    assert_eq!(code.as_str(), "000.00.20.H30-260302-0001");
    let refusal = DossierCode::read("KHONG-CO\u{1b}[2J").expect_err("not a code");
    assert_eq!(
        refusal.to_string(),
        "«KHONG-CO[2J» không phải mã hồ sơ (dạng <mã cơ quan>-YYMMDD-NNNN, ví dụ \
         000.00.20.H30-260302-0001)."
    );
}

/// The store raises each day's sequence from the codes it holds (on import and in `verify`)
/// through the same parser: a code's parts are what `format` put in.
#[test]
fn parts_read_back_what_format_wrote() {
    for seq in [1, 42, 9_999, 10_000, 123_456_789] {
        let code = DossierCode::format("000.00.20.H30", day(2026, 3, 2), seq);
        let parts = code.parts().expect("a formatted code parses");
        assert_eq!(
            (parts.agency.as_str(), parts.received, parts.seq),
            ("000.00.20.H30", day(2026, 3, 2), seq)
        );
    }
}
