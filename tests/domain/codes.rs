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
            DossierCode::parse(input).map(|c| c.0),
            expected.map(str::to_owned),
            "{input:?}"
        );
        assert_eq!(looks_like_code(input), expected.is_some(), "{input:?}");
    }
}
