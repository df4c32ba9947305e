//! The tester's findings in counter mode: a `tiep-nhan` account prints its own papers (the
//! end-of-day summary, the register, the call list) but not Biểu 06.

use chrono::NaiveDate;
use motcua::desk::Desk;
use motcua::print::text::to_text;

use super::fixtures::{PASSWORD, Server, call, intake, ledger_with, motcua, now, text};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date")
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
