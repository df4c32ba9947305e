//! The tester's two findings in counter mode: papers carry the clerk's full name (not the
//! login) while events keep which account acted, and a `tiep-nhan` account prints its own
//! papers (the end-of-day summary, the register, the call list) but not Biểu 06.

use chrono::NaiveDate;
use motcua::desk::{Desk, FormKind};
use motcua::domain::Command;
use motcua::print::text::to_text;
use motcua::remote::accounts;

use super::fixtures::{PASSWORD, Server, call, intake, ledger_with, motcua, now, text};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date")
}

#[test]
fn papers_print_the_clerks_full_name_and_events_keep_the_login() {
    let (_tmp, dir) = ledger_with(&[("lan", "tiep-nhan"), ("admin", "quan-tri")]);
    let server = Server::start(&dir, Some("2026-03-02 09:00"));
    let clerk = server.desk_as("lan");
    let d = clerk
        .receive(intake("Vũ Văn Hải"), &call())
        .expect("received");
    assert_eq!(
        d.received_by, "Nguyễn Thị Lan (lan)",
        "the name and the account"
    );
    let receipt = to_text(
        &clerk
            .document(FormKind::Receipt, &d.code, now())
            .expect("receipt"),
    );
    assert!(receipt.contains("NGƯỜI TIẾP NHẬN HỒ SƠ"), "{receipt}");
    assert!(receipt.contains("Nguyễn Thị Lan"), "{receipt}");
    assert!(!receipt.contains("(lan)"), "no login on paper:\n{receipt}");
    // A step, then the administrator corrects the clerk's name: later events carry the new
    // name, the hash-chained ones keep theirs, and the clerk may still undo her own step.
    let to = Command::Transfer {
        to: "Tư pháp – hộ tịch".to_owned(),
    };
    clerk.act(&d.code, None, to, &call()).expect("transferred");
    let admin = server.desk_as("admin");
    let renamed = accounts::rename(admin.client(), "lan", "Nguyễn Thị Lân").expect("renamed");
    assert_eq!(renamed.full_name(), Some("Nguyễn Thị Lân"));
    assert_eq!(
        renamed.names()[1].by,
        "Nguyễn Thị Admin (admin)",
        "who renamed is recorded"
    );
    let undo = Command::Undo {
        reason: "Chuyển nhầm".to_owned(),
    };
    let d = clerk
        .act(&d.code, None, undo, &call())
        .expect("the same account undoes its step after a rename");
    let ops: Vec<&str> = d.events.iter().map(|e| e.operator.as_str()).collect();
    assert_eq!(
        ops,
        [
            "Nguyễn Thị Lan (lan)",
            "Nguyễn Thị Lan (lan)",
            "Nguyễn Thị Lân (lan)"
        ]
    );
    let receipt = to_text(
        &clerk
            .document(FormKind::Receipt, &d.code, now())
            .expect("receipt"),
    );
    assert!(
        receipt.contains("Nguyễn Thị Lan"),
        "a reprint is the same paper"
    );
    let sheet = to_text(
        &clerk
            .document(FormKind::ControlSheet, &d.code, now())
            .expect("control sheet"),
    );
    assert!(!sheet.contains("(lan)"), "{sheet}");
    // The timeline and the day summary a counter prints show names, never the login.
    let counter = tempfile::tempdir().expect("dir");
    login(&server, counter.path(), "lan");
    let out = motcua(counter.path(), &["show", d.code.as_str()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("Nguyễn Thị Lân"), "{shown}");
    assert!(!shown.contains("(lan)"), "{shown}");
    let out = motcua(counter.path(), &["report", "day", "2026-03-02"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert!(summary.contains("Nguyễn Thị Lan"), "{summary}");
    assert!(!summary.contains("(lan)"), "{summary}");
}

fn login(server: &Server, counter: &std::path::Path, user: &str) {
    let out = motcua(
        counter,
        &[
            "login",
            "--server",
            &server.url,
            "--fingerprint",
            &server.fingerprint,
            "--user",
            user,
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn a_clerk_prints_the_day_summary_the_register_and_the_call_list_not_biểu_06() {
    let (_tmp, dir) = ledger_with(&[("lan", "tiep-nhan"), ("hung", "lanh-dao")]);
    let server = Server::start(&dir, Some("2026-03-02 09:00"));
    let clerk = server.desk_as("lan");
    let d = clerk
        .receive(intake("Đỗ Thị Hà"), &call())
        .expect("received");
    let s = clerk
        .day_summary(day(), now())
        .expect("the clerk's day summary");
    assert_eq!(s.received_total, 1, "{s:?}");
    let register = clerk.register(day(), day(), now()).expect("the register");
    let register = to_text(&register);
    assert!(register.contains(d.code.as_str()), "{register}");
    // Biểu 06 and the figures by officer stay with leadership, with the reason's words.
    let e = clerk
        .period_stats(day(), day(), now())
        .expect_err("Biểu 06 is the leader's");
    assert!(e.to_string().contains("Biểu 06"), "{e}");
    assert!(e.to_string().contains("lanh-dao"), "{e}");
    clerk
        .clerk_figures(day(), day(), now())
        .expect_err("figures by officer are the leader's");
    let leader = server.desk_as("hung");
    leader
        .period_stats(day(), day(), now())
        .expect("a leader's");
    // The same through the command line of a counter logged in as the clerk.
    let counter = tempfile::tempdir().expect("dir");
    login(&server, counter.path(), "lan");
    let pdf = counter.path().join("so.pdf");
    let pdf_arg = pdf.to_str().expect("UTF-8 path");
    for args in [
        &["report", "day", "2026-03-02"][..],
        &["report", "call-list"],
        &[
            "print",
            "register",
            "--from",
            "2026-03-02",
            "--to",
            "2026-03-02",
            "--out",
            pdf_arg,
        ],
    ] {
        let out = motcua(counter.path(), args, "");
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    let bytes = std::fs::read(&pdf).expect("the register's PDF");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    let out = motcua(
        counter.path(),
        &[
            "report",
            "period",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-02",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("Biểu 06"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn an_account_from_before_full_names_works_under_its_login_until_named() {
    use motcua::store::Store;
    use motcua::store::accounts::{decode_account, encode_account_v1};
    use motcua::store::testing::Forge;
    let (_tmp, dir) = ledger_with(&[("lan", "tiep-nhan")]);
    {
        // What an older build wrote: the V1 record, no name.
        let store = Store::open(&dir).expect("opens");
        let raw = store.read_raw("accounts", b"lan").expect("reads");
        let mut old = decode_account(b"lan", &raw.expect("there")).expect("decodes");
        old.names.clear();
        store
            .forge_raw("accounts", b"lan", &encode_account_v1(&old))
            .expect("written");
    }
    let server = Server::start(&dir, Some("2026-03-02 09:00"));
    let out = motcua(&dir, &["user", "list"], "");
    assert!(
        text(&out.stdout).contains("lan\t(chưa có họ tên"),
        "{}",
        text(&out.stdout)
    );
    let counter = tempfile::tempdir().expect("dir");
    let out = motcua(
        counter.path(),
        &[
            "login",
            "--server",
            &server.url,
            "--fingerprint",
            &server.fingerprint,
            "--user",
            "lan",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("chưa có họ tên"),
        "{}",
        text(&out.stderr)
    );
    let clerk = server.desk_as("lan");
    let first = clerk
        .receive(intake("Vũ Văn Hải"), &call())
        .expect("the old account still works");
    assert_eq!(first.received_by, "lan", "the login until a name is set");
    let out = motcua(
        &dir,
        &["user", "rename", "lan", "--full-name", "Nguyễn Thị Lan"],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let next = clerk
        .receive(intake("Đỗ Thị Hà"), &call())
        .expect("the same session, now named");
    assert_eq!(next.received_by, "Nguyễn Thị Lan (lan)");
    let receipt = to_text(
        &clerk
            .document(FormKind::Receipt, &first.code, now())
            .expect("receipt"),
    );
    assert!(receipt.contains("lan"), "the first paper keeps its officer");
    drop(server);
    let store = Store::open(&dir).expect("reopens");
    let raw = store
        .read_raw("accounts", b"lan")
        .expect("reads")
        .expect("there");
    assert_eq!(raw[0], 1, "rewritten in layout 2");
}
