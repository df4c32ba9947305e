//! The settings file: defaults, every refusal naming file, key and reason, first-run creation.

use std::path::Path;

use motcua::settings::{FILE_NAME, Settings};
use proptest::prelude::*;

fn parse(text: &str) -> Result<Settings, String> {
    Settings::parse(text, Path::new("/d/config.toml")).map_err(|e| e.to_string())
}

#[test]
fn default_file_is_documented_and_complete() {
    let s = parse(Settings::default_toml()).expect("default parses");
    assert_eq!(s, Settings::default());
    // Every key is present in the default file: an empty file gives the same settings, except
    // the history of the names (an empty file has none: every date takes [agency]).
    let empty = parse("").expect("empty file takes defaults");
    let mut no_history = s.clone();
    no_history.agency.from = None;
    no_history.agency.history.clear();
    assert_eq!(empty, no_history);
    // Before 01/07/2025 the commune's superior was the district.
    let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid");
    let l = s.letterheads();
    assert_eq!(l.at(d(2025, 6, 30)).parent_agency, "UBND huyện Hữu Lũng");
    assert_eq!(
        l.at(d(2025, 6, 30)).desk,
        "Bộ phận tiếp nhận và trả kết quả"
    );
    assert_eq!(l.at(d(2025, 7, 1)).parent_agency, "UBND tỉnh Lạng Sơn");
    assert_eq!(l, motcua::report::Letterheads::default());
    assert_eq!(s.agency.name, "UBND xã Thanh Sơn");
    assert_eq!(s.agency.place, "Thanh Sơn");
    assert_eq!(
        s.desk.satisfaction_scale,
        ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
    );
    assert_eq!(s.desk.form_set_2025_from.to_string(), "2025-07-01");
    assert_eq!(s.desk.due_soon_minutes, 450);
    assert_eq!(s.desk.printer, None);
    assert!(s.backup.daily);
    assert_eq!(s.letterhead().agency, "UBND xã Thanh Sơn");
}

#[test]
fn changes_are_read() {
    let s = parse(
        "[agency]\nname = \"Trung tâm Phục vụ hành chính công xã Hữu Lũng\"\ncode = \"000.00.21.h30\"\n\
         [desk]\nprinter = \"A5-quay1\"\nform_set_2025_from = \"2025-08-01\"\nsatisfaction_scale = [\"Hài lòng\", \"Không hài lòng\"]\n\
         [backup]\ndaily = false\nkeep = 3\n",
    )
    .expect("valid");
    assert_eq!(
        s.agency.name,
        "Trung tâm Phục vụ hành chính công xã Hữu Lũng"
    );
    assert_eq!(s.agency.code, "000.00.21.H30");
    assert_eq!(s.desk.printer.as_deref(), Some("A5-quay1"));
    assert_eq!(s.desk.form_set_2025_from.to_string(), "2025-08-01");
    assert_eq!(s.desk.satisfaction_scale.len(), 2);
    assert_eq!((s.backup.daily, s.backup.keep), (false, 3));
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "a table of bad config.toml texts and the message each must give"
)]
fn every_refusal_names_file_key_and_reason() {
    let f = "Tệp cấu hình /d/config.toml";
    let rows: &[(&str, String)] = &[
        (
            "[agency]\nname = \"\"",
            format!("{f}, khóa «agency.name»: không được để trống"),
        ),
        (
            "[agency]\nname = 3",
            format!("{f}, khóa «agency.name»: phải là chuỗi trong ngoặc kép"),
        ),
        (
            "[agency]\nnmae = \"x\"",
            format!("{f}, khóa «agency.nmae»: khóa không được hỗ trợ (gõ nhầm tên?)"),
        ),
        (
            "[agnecy]\nname = \"x\"",
            format!("{f}, khóa «agnecy»: khóa không được hỗ trợ (gõ nhầm tên?)"),
        ),
        (
            "agency = 1",
            format!("{f}, khóa «agency»: phải là một bảng [agency]"),
        ),
        (
            "[agency]\ncode = \"H 30\"",
            format!(
                "{f}, khóa «agency.code»: «H 30» chỉ được gồm chữ cái không dấu, chữ số và dấu chấm (ví dụ 000.00.20.H30)"
            ),
        ),
        (
            "[agency]\nname = \"A\u{202E}B\"",
            format!(
                "{f}, khóa «agency.name»: có ký tự ẩn (mã U+202E: ký tự đổi chiều văn bản hoặc không độ rộng); hãy gõ lại, đừng dán từ nguồn lạ"
            ),
        ),
        (
            "[desk]\ndue_soon_minutes = -1",
            format!("{f}, khóa «desk.due_soon_minutes»: phải là số nguyên từ 0 đến 4800"),
        ),
        (
            "[desk]\nsatisfaction_scale = [\"Hài lòng\"]",
            format!("{f}, khóa «desk.satisfaction_scale»: cần từ 2 đến 7 mức"),
        ),
        (
            "[desk]\nsatisfaction_scale = [\"Hài lòng\", \"hai long\"]",
            format!("{f}, khóa «desk.satisfaction_scale»: mức «hai long» trống hoặc trùng"),
        ),
        (
            "[desk]\nsatisfaction_scale = \"Hài lòng\"",
            format!(
                "{f}, khóa «desk.satisfaction_scale»: phải là danh sách chuỗi, ví dụ [\"Hài lòng\", \"Không hài lòng\"]"
            ),
        ),
        (
            "[desk]\nsatisfaction_scale = [1, 2]",
            format!("{f}, khóa «desk.satisfaction_scale»: mỗi mức phải là chuỗi trong ngoặc kép"),
        ),
        (
            "[desk]\nform_set_2025_from = \"01/07/2025\"",
            format!(
                "{f}, khóa «desk.form_set_2025_from»: «01/07/2025» không phải ngày dạng 2025-07-01"
            ),
        ),
        (
            "[desk]\nform_set_2025_from = 2025-07-01T00:00:00",
            format!("{f}, khóa «desk.form_set_2025_from»: phải là một ngày dạng 2025-07-01"),
        ),
        (
            "[desk]\nprinter = \"a; rm -rf\"",
            format!(
                "{f}, khóa «desk.printer»: tên hàng in «a; rm -rf» chỉ được gồm chữ cái không dấu, chữ số, «_», «-», «.»"
            ),
        ),
        (
            "[backup]\ndaily = \"có\"",
            format!("{f}, khóa «backup.daily»: phải là true hoặc false"),
        ),
        (
            "[backup]\nkeep = 0",
            format!("{f}, khóa «backup.keep»: phải là số nguyên từ 1 đến 365"),
        ),
    ];
    for (text, expected) in rows {
        assert_eq!(
            parse(text).as_ref().map_err(String::as_str),
            Err(expected.as_str()),
            "{text}"
        );
    }
    let syntax = parse("[agency]\nname = \"x\"\nplace = ").expect_err("syntax error");
    assert!(
        syntax.starts_with(&format!("{f}: sai cú pháp TOML ở dòng 3")),
        "{syntax}"
    );
}

/// `[[agency.history]]`: each earlier period from its `from`, a key left out taking the later
/// period's value; wrong dates and keys refused with the entry named (issue 12: documents
/// that stay true).
#[test]
fn the_history_of_the_names_is_checked_and_applied() {
    let s = parse(
        "[agency]\nname = \"UBND xã Thanh Sơn\"\nparent = \"UBND tỉnh Lạng Sơn\"\n\
         desk_name = \"Trung tâm Phục vụ hành chính công xã Thanh Sơn\"\nhead = \"Hoàng Văn Thắng\"\n\
         from = 2026-03-16\n\
         [[agency.history]]\nparent = \"UBND huyện Hữu Lũng\"\ndesk_name = \"Bộ phận tiếp nhận và trả kết quả\"\n\
         head = \"Trần Văn Bình\"\n\
         [[agency.history]]\nfrom = \"2025-07-01\"\nparent = \"UBND tỉnh Lạng Sơn\"\n\
         desk_name = \"Trung tâm Phục vụ hành chính công xã Thanh Sơn\"\n",
    )
    .expect("valid");
    let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid");
    let l = s.letterheads();
    let (a, b, c) = (
        l.at(d(2025, 6, 30)),
        l.at(d(2025, 7, 1)),
        l.at(d(2026, 3, 16)),
    );
    assert_eq!(a.parent_agency, "UBND huyện Hữu Lũng");
    assert_eq!(a.desk, "Bộ phận tiếp nhận và trả kết quả");
    assert_eq!(a.signer, "Trần Văn Bình");
    assert_eq!(b.parent_agency, "UBND tỉnh Lạng Sơn");
    // left out of the 2025 entry: taken from [agency], the period after it
    assert_eq!(b.signer, "Hoàng Văn Thắng");
    assert_eq!(l.at(d(2026, 3, 15)).signer, "Hoàng Văn Thắng");
    assert_eq!(
        (c.signer.as_str(), c.agency.as_str()),
        ("Hoàng Văn Thắng", "UBND xã Thanh Sơn")
    );
    assert_eq!(l.current(), c);

    let f = "Tệp cấu hình /d/config.toml";
    let rows: &[(&str, String)] = &[
        (
            "[agency]\n[[agency.history]]\nparent = \"x\"",
            format!(
                "{f}, khóa «agency.from»: cần ngày bắt đầu của các giá trị hiện tại khi có [[agency.history]]"
            ),
        ),
        (
            "[agency]\nfrom = 2025-07-01\n[[agency.history]]\nfrom = 2025-07-01",
            format!(
                "{f}, khóa «agency.from»: 2025-07-01 phải sau ngày của mục lịch sử cuối cùng (2025-07-01)"
            ),
        ),
        (
            "[agency]\nfrom = 2026-01-01\n[[agency.history]]\nfrom = 2025-07-01\n[[agency.history]]\nparent = \"x\"",
            format!(
                "{f}, khóa «agency.history[2]»: thiếu from (chỉ mục đầu tiên được bỏ trống ngày bắt đầu)"
            ),
        ),
        (
            "[agency]\nfrom = 2026-01-01\n[[agency.history]]\nfrom = 2025-07-01\n[[agency.history]]\nfrom = 2025-01-01",
            format!(
                "{f}, khóa «agency.history[2]»: from = 2025-01-01 phải sau ngày của mục trước (2025-07-01)"
            ),
        ),
        (
            "[agency]\nfrom = 2026-01-01\n[[agency.history]]\ndesk = \"x\"",
            format!("{f}, khóa «agency.history[1]»: khóa «desk» không được hỗ trợ (gõ nhầm tên?)"),
        ),
        (
            "[agency]\nfrom = 2026-01-01\n[[agency.history]]\nname = \"\"",
            format!("{f}, khóa «agency.history[1]»: name: không được để trống"),
        ),
        (
            "[agency]\nfrom = 2026-01-01\n[[agency.history]]\nfrom = \"1/7/2025\"",
            format!(
                "{f}, khóa «agency.history[1]»: from: «1/7/2025» không phải ngày dạng 2025-07-01"
            ),
        ),
    ];
    for (text, expected) in rows {
        assert_eq!(
            parse(text).as_ref().map_err(String::as_str),
            Err(expected.as_str()),
            "{text}"
        );
    }
}

#[test]
fn first_run_creates_a_private_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let s = Settings::load_or_create(dir.path()).expect("created");
    assert_eq!(s, Settings::default());
    let path = dir.path().join(FILE_NAME);
    assert_eq!(
        std::fs::read_to_string(&path).expect("written"),
        Settings::default_toml()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // An edited file is read back, not overwritten.
    std::fs::write(&path, "[agency]\nplace = \"Hữu Lũng\"\n").expect("edit");
    let edited = Settings::load_or_create(dir.path()).expect("read");
    assert_eq!(edited.agency.place, "Hữu Lũng");
    std::fs::write(&path, "[backup]\nkeep = 0\n").expect("edit");
    let err = Settings::load_or_create(dir.path()).expect_err("refused");
    assert_eq!(err.file, path);
    assert_eq!(err.key.as_deref(), Some("backup.keep"));
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Settings::parse(&text, Path::new("x.toml"));
    }

    #[test]
    fn never_panics_on_near_valid_files(line in "[a-z_.\\[\\]]{1,20} ?= ?[\\PC]{0,30}") {
        let text = format!("{}\n{line}\n", Settings::default_toml());
        let _ = Settings::parse(&text, Path::new("x.toml"));
    }
}

#[test]
fn office_hours_table() {
    use motcua::calendar::OfficeHours;
    let s = parse("[office_hours]\nweekdays = [\"T2\", \"T3\", \"T4\", \"T5\", \"T6\", \"T7\"]\nsessions = [\"07:00-11:30\", \"13:00-17:00\"]\n")
        .expect("valid office hours");
    assert_ne!(s.office_hours, OfficeHours::default());
    assert!(s.office_hours.works_on(chrono::Weekday::Sat));
    let err = parse("[office_hours]\nsessions = [\"13:30-17:00\", \"07:30-11:30\"]\n")
        .expect_err("out of order");
    assert!(
        err.starts_with("Tệp cấu hình /d/config.toml, khóa «office_hours»: "),
        "{err}"
    );
    assert!(
        err.contains("13:30-17:00") || err.contains("07:30-11:30"),
        "{err}"
    );
}

#[test]
fn hand_back_rating_is_checked_against_the_scale() {
    use motcua::domain::Command;
    let s = Settings::default();
    let hand_back = |rating: &str| Command::HandBack {
        to: String::new(),
        fee_vnd: 0,
        rating: rating.into(),
    };
    assert_eq!(
        s.check_command(hand_back("rat hai long")),
        Ok(hand_back("Rất hài lòng"))
    );
    assert_eq!(s.check_command(hand_back("")), Ok(hand_back("")));
    assert_eq!(
        s.check_command(hand_back("Tạm được")).map_err(|e| e.to_string()),
        Err("Mức độ hài lòng: «Tạm được» không có trong thang đánh giá: Rất hài lòng, Hài lòng, Không hài lòng".to_owned())
    );
    assert_eq!(s.check_command(Command::Resume), Ok(Command::Resume));
}

#[test]
fn supplement_exceptions_name_their_source() {
    let s = parse(
        "[[supplement_exceptions]]\nprocedure = \"1.000001\"\nsource = \"Điều 9, Luật X\"\n\
         within_working_days = 5\n",
    )
    .expect("valid");
    let x = &s.supplement.exceptions[0];
    assert_eq!(
        (
            x.procedure.as_str(),
            x.source.as_str(),
            x.within_working_days,
            x.times
        ),
        ("1.000001", "Điều 9, Luật X", Some(5), None)
    );
    assert!(
        Settings::default().supplement.exceptions.is_empty(),
        "none by default"
    );
    let f = "Tệp cấu hình /d/config.toml";
    for (text, expected) in [
        (
            "[[supplement_exceptions]]\nprocedure = \"1.000001\"\n",
            format!("{f}, khóa «supplement_exceptions[1]»: thiếu source (chuỗi trong ngoặc kép)"),
        ),
        (
            "[[supplement_exceptions]]\nprocedure = \"1\"\nsource = \"a\"\ntimes = 0\n",
            format!("{f}, khóa «supplement_exceptions[1]»: times: phải là số nguyên từ 1 đến 100"),
        ),
        (
            "[[supplement_exceptions]]\nprocedure = \"1\"\nsource = \"a\"\ndays = 3\n",
            format!(
                "{f}, khóa «supplement_exceptions[1]»: khóa «days» không được hỗ trợ (gõ nhầm tên?)"
            ),
        ),
    ] {
        assert_eq!(parse(text), Err(expected));
    }
}
