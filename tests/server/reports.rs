//! Issue 16 item 9 at a counter: the clerk's figures come from the server (`GET
//! /v1/reports/figures`), equal to the holder's own, for a leader's account.

use chrono::NaiveDate;
use motcua::desk::Desk;

use super::fixtures::{Server, call, intake, ledger_with, now};

#[test]
fn the_clerk_figures_reach_a_counter() {
    let (_tmp, dir) = ledger_with(&[("lan", "tiep-nhan"), ("hung", "lanh-dao")]);
    let server = Server::start(&dir, Some("2026-03-02 09:00"));
    let clerk = server.desk_as("lan");
    clerk
        .receive(intake("Vũ Văn Hải"), &call())
        .expect("received");
    clerk
        .receive(intake("Đỗ Thị Hà"), &call())
        .expect("received");
    let day = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date");
    let leader = server.desk_as("hung");
    let f = leader
        .clerk_figures(day, day, now())
        .expect("the leader reads the figures");
    assert_eq!(f.total.received, 2, "{f:?}");
    assert_eq!(f.by_officer.len(), 1, "{f:?}");
    assert_eq!(f.by_unit[0].name, "Chưa chuyển xử lý", "{f:?}");
    let e = leader
        .clerk_figures(day, day.pred_opt().expect("a day"), now())
        .expect_err("a range ending before it starts");
    assert!(e.to_string().contains("sau ngày kết thúc"), "{e}");
}
