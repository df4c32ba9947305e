//! The procedure catalogue: the built-in content, CSV errors with line numbers, the exact round
//! trip, fees and time limits in Vietnamese.

use motcua::calendar::{DayHundredths, TimeLimit};
use motcua::domain::{
    FeeRule, Procedure, ProcedureCode, builtin_catalogue, builtin_catalogue_csv, catalogue_to_csv,
    compute_fee, parse_catalogue_csv,
};
use proptest::prelude::*;

const HEADER: &str = "code,name,field,time_limit,fee,documents,unit,pausable,note\n";

#[test]
fn builtin_content() {
    let all = builtin_catalogue();
    assert_eq!(all.len(), 30);
    let find = |name: &str| {
        all.iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let birth = find("Đăng ký khai sinh");
    assert_eq!(birth.time_limit, TimeLimit::SameDay);
    assert_eq!(birth.fee, FeeRule::Free);
    assert_eq!(birth.unit, "Tư pháp – hộ tịch");
    assert!(
        birth
            .documents
            .iter()
            .any(|d| d.starts_with("Tờ khai đăng ký khai sinh"))
    );
    assert!(
        birth
            .documents
            .iter()
            .any(|d| d.starts_with("Giấy chứng sinh"))
    );
    let copy = find("Chứng thực bản sao từ bản chính giấy tờ, văn bản");
    assert_eq!(copy.code, ProcedureCode("2.000815".into()));
    assert_eq!(
        copy.fee,
        FeeRule::PerPage {
            first_pages: 2,
            first: 2000,
            then: 1000,
            cap: 200_000
        }
    );
    let land = find("Cấp lại Giấy chứng nhận đã cấp do bị mất");
    assert!(land.pausable);
    assert_eq!(land.unit, "Địa chính – xây dựng");
    assert_eq!(land.time_limit, TimeLimit::WorkingDays(DayHundredths(1000)));
    let child = find(
        "Áp dụng biện pháp can thiệp khẩn cấp hoặc tạm thời cách ly trẻ em khỏi môi trường hoặc người gây tổn hại",
    );
    assert_eq!(child.time_limit, TimeLimit::WorkingMinutes(30));
    for p in &all {
        assert!(!p.documents.is_empty(), "{} has documents", p.name);
        assert_eq!(p.pausable, p.field == "Đất đai", "{}", p.name);
        assert!(!p.note.is_empty(), "{} names its source", p.name);
    }
    assert_eq!(catalogue_to_csv(&all), builtin_catalogue_csv());
}

#[test]
fn every_bad_line_is_reported_with_its_number() {
    let text = format!(
        "{HEADER}\
         A.1,Tên,Hộ tịch,3 ngày làm việc,Miễn,Tờ khai,Tư pháp – hộ tịch,không,\n\
         A.2,Tên,Hộ tịch,ba ngày,Miễn,Tờ khai,Tư pháp – hộ tịch,không,\n\
         A.3,Tên,Hộ tịch,Trong ngày,,Tờ khai,Tư pháp – hộ tịch,không,\n\
         A.1,Tên,Hộ tịch,Trong ngày,Miễn,Tờ khai,Tư pháp – hộ tịch,không,\n\
         A.5,Tên,Hộ tịch,Trong ngày,Miễn,Tờ khai,Tư pháp – hộ tịch\n\
         A.6,Tên,Hộ tịch,Trong ngày,Theo trang: 2.000 đồng,Tờ khai,Tư pháp – hộ tịch,không,\n\
         A.7,,Hộ tịch,Trong ngày,Miễn,Tờ khai,Tư pháp – hộ tịch,không,\n\
         A.8,Tên,Hộ tịch,Trong ngày,Miễn,Tờ khai,Tư pháp – hộ tịch,có lẽ,\n\
         A 9,Tên,Hộ tịch,Trong ngày,Miễn,Tờ khai,Tư pháp – hộ tịch,không,\n\
         A.10,T\u{202E}ên,Hộ tịch,Trong ngày,Miễn,Tờ khai,Tư pháp – hộ tịch,không,\n\
         A.11,Tên,Hộ tịch,0 ngày làm việc,Miễn,Tờ khai,Tư pháp – hộ tịch,không,\n"
    );
    let errors: Vec<String> = parse_catalogue_csv(&text)
        .expect_err("refused")
        .iter()
        .map(ToString::to_string)
        .collect();
    let limit_help =
        "(ví dụ: «Trong ngày», «3 ngày làm việc», «0,5 ngày làm việc», «4 giờ làm việc»)";
    let fee_help = "(ví dụ: «Miễn», «50.000 đồng», «Theo trang: 2.000 đồng; từ trang 3: 1.000 đồng; tối đa 200.000 đồng/bản», «Khác: …»)";
    assert_eq!(
        errors,
        [
            format!("Dòng 3: cột time_limit: «ba ngày» không đọc được {limit_help}"),
            "Dòng 4: cột fee: chưa nhập".to_owned(),
            "Dòng 5: mã thủ tục «A.1» trùng với dòng 2".to_owned(),
            "Dòng 6: cần 9 cột, dòng này có 7".to_owned(),
            format!("Dòng 7: cột fee: «Theo trang: 2.000 đồng» không đọc được {fee_help}"),
            "Dòng 8: cột name: chưa nhập".to_owned(),
            "Dòng 9: cột pausable: «có lẽ» phải là «có» hoặc «không»".to_owned(),
            "Dòng 10: cột code: mã thủ tục «A 9» không được chứa khoảng trắng".to_owned(),
            "Dòng 11: cột name: có ký tự ẩn (mã U+202E: ký tự đổi chiều văn bản hoặc không độ rộng); hãy gõ lại, đừng dán từ nguồn lạ".to_owned(),
            format!("Dòng 12: cột time_limit: «0 ngày làm việc» không đọc được {limit_help}"),
        ]
    );
    let header = parse_catalogue_csv("ma,ten\nA,B\n").expect_err("bad header");
    assert_eq!(
        header[0].to_string(),
        "Dòng 1: dòng tiêu đề phải là «code,name,field,time_limit,fee,documents,unit,pausable,note»"
    );
    let empty = parse_catalogue_csv("").expect_err("empty");
    assert_eq!(empty[0].line, 1);
    // A quoted cell spanning lines: the next record's number is its first physical line.
    let multi = format!(
        "{HEADER}A.1,\"Tên\ndài\",Hộ tịch,Trong ngày,Miễn,Tờ khai,Đơn vị,không,\nA.2,Tên,Hộ tịch,x,Miễn,Tờ khai,Đơn vị,không,\n"
    );
    let errors = parse_catalogue_csv(&multi).expect_err("refused");
    assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [2, 4]);
}

#[test]
fn time_limits_in_vietnamese() {
    let days = |h| TimeLimit::WorkingDays(DayHundredths(h));
    let limits = [
        (TimeLimit::SameDay, "Trong ngày"),
        (days(300), "3 ngày làm việc"),
        (days(50), "0,5 ngày làm việc"),
        (days(125), "1,25 ngày làm việc"),
        (TimeLimit::WorkingMinutes(240), "4 giờ làm việc"),
        (TimeLimit::WorkingMinutes(30), "30 phút làm việc"),
        (TimeLimit::WorkingMinutes(90), "1 giờ 30 phút làm việc"),
        (TimeLimit::WorkingMinutes(7), "7 phút làm việc"),
    ];
    for (limit, text) in limits {
        assert_eq!(limit.label(), text);
        assert_eq!(TimeLimit::parse(text), Some(limit), "{text}");
    }
    assert_eq!(TimeLimit::parse("3 ngay lam viec"), Some(days(300)));
    assert_eq!(TimeLimit::parse("0.5 NGÀY LÀM VIỆC"), Some(days(50)));
    for bad in [
        "",
        "ngày làm việc",
        "3 ngày",
        "-1 ngày làm việc",
        "1,234 ngày làm việc",
        "0,5 phút làm việc",
    ] {
        assert_eq!(TimeLimit::parse(bad), None, "{bad}");
    }
}

#[test]
fn fees_in_vietnamese() {
    let per_page = FeeRule::PerPage {
        first_pages: 2,
        first: 2000,
        then: 1000,
        cap: 200_000,
    };
    let fees = [
        (FeeRule::Free, "Miễn"),
        (FeeRule::Fixed(50_000), "50.000 đồng"),
        (FeeRule::Fixed(1_234_567), "1.234.567 đồng"),
        (
            per_page.clone(),
            "Theo trang: 2.000 đồng; từ trang 3: 1.000 đồng; tối đa 200.000 đồng/bản",
        ),
        (
            FeeRule::Note("Theo mức HĐND tỉnh".into()),
            "Khác: Theo mức HĐND tỉnh",
        ),
        (FeeRule::Note("50.000".into()), "Khác: 50.000"),
    ];
    for (fee, text) in fees {
        assert_eq!(fee.cell(), text);
        assert_eq!(FeeRule::parse(text), Some(fee), "{text}");
    }
    assert_eq!(FeeRule::parse("10000"), Some(FeeRule::Fixed(10_000)));
    assert_eq!(FeeRule::parse("mien phi"), Some(FeeRule::Free));
    assert_eq!(
        FeeRule::parse("Tùy trường hợp"),
        Some(FeeRule::Note("Tùy trường hợp".into()))
    );
    // (rule, pages, copies, fee)
    let rows = [
        (&FeeRule::Free, 5, 1, Some(0)),
        (&FeeRule::Fixed(10_000), 1, 3, Some(30_000)),
        (&per_page, 1, 1, Some(2000)),
        (&per_page, 2, 1, Some(4000)),
        (&per_page, 5, 2, Some(2 * (4000 + 3000))),
        (&per_page, 500, 1, Some(200_000)),
        (&per_page, 500, 2, Some(400_000)),
        (&FeeRule::Note("x".into()), 1, 1, None),
    ];
    for (rule, pages, copies, fee) in rows {
        assert_eq!(
            compute_fee(rule, pages, copies),
            fee,
            "{rule:?} {pages} {copies}"
        );
    }
}

fn cell() -> impl Strategy<Value = String> {
    "[A-Za-zĐđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệ0-9(),.\"–-]{1,12}( [A-Za-zàáạđê0-9,.\"]{1,10}){0,3}"
}

fn procedure() -> impl Strategy<Value = Procedure> {
    let limit = prop_oneof![
        Just(TimeLimit::SameDay),
        (1u32..=100_000).prop_map(|h| TimeLimit::WorkingDays(DayHundredths(h))),
        (1u32..=100_000).prop_map(TimeLimit::WorkingMinutes),
    ];
    let fee = prop_oneof![
        Just(FeeRule::Free),
        (0u64..=10_000_000_000).prop_map(FeeRule::Fixed),
        (1u32..50, 0u64..1_000_000, 0u64..1_000_000, 0u64..10_000_000).prop_map(
            |(first_pages, first, then, cap)| FeeRule::PerPage {
                first_pages,
                first,
                then,
                cap
            }
        ),
        cell().prop_map(FeeRule::Note),
    ];
    (
        "[A-Z0-9.]{1,12}",
        cell(),
        cell(),
        limit,
        fee,
        proptest::collection::vec(cell(), 1..4),
        cell(),
        any::<bool>(),
        proptest::option::of(cell()),
    )
        .prop_map(
            |(code, name, field, time_limit, fee, documents, unit, pausable, note)| Procedure {
                code: ProcedureCode(code),
                name,
                field,
                time_limit,
                fee,
                documents,
                unit,
                pausable,
                note: note.unwrap_or_default(),
            },
        )
}

proptest! {
    #[test]
    fn csv_round_trip_is_exact(mut procedures in proptest::collection::vec(procedure(), 0..6)) {
        let mut seen = std::collections::HashSet::new();
        procedures.retain(|p| seen.insert(p.code.clone()));
        let text = catalogue_to_csv(&procedures);
        let parsed = parse_catalogue_csv(&text).map_err(|e| format!("{e:?}\n{text}"));
        prop_assert_eq!(parsed.as_ref(), Ok(&procedures));
        prop_assert_eq!(catalogue_to_csv(&procedures), text);
    }

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse_catalogue_csv(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn never_panics_on_mangled_catalogue(cut in 0usize..6000, junk in "[\\PC,\"\n;]{0,20}") {
        let text = builtin_catalogue_csv();
        let mut cut = cut.min(text.len());
        while !text.is_char_boundary(cut) { cut -= 1; }
        let mangled = format!("{}{junk}{}", &text[..cut], &text[cut..]);
        let _ = parse_catalogue_csv(&mangled);
    }
}
