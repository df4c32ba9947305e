//! Supplements by the law (issue 12 item 1): once at reception, once during processing and only
//! within 03 working days of receipt, counted by the calendar; a desk's exception names its
//! source. Regression: "a supplement request can turn a late dossier into an early one".

use motcua::domain::{
    Command, CommandKind, Dossier, ProcedureCode, SupplementException, SupplementLaw, apply_under,
};

use super::fixtures::*;

/// Đăng ký giám hộ: 3 working days.
fn guardianship(at: &str) -> Dossier {
    received(&procedure("TS.HT.03"), at)
}

fn step_under(law: &SupplementLaw, d: &Dossier, c: Command, at: &str) -> Result<Dossier, String> {
    apply_under(law, d, c, t(at), OPERATOR, &calendar(), None).map_err(|e| e.to_string())
}

const TOO_LATE: &str = "Đã quá thời hạn trả lại hồ sơ để bổ sung: đơn vị giải quyết chỉ được \
    yêu cầu bổ sung, hoàn thiện hồ sơ trong 03 ngày làm việc kể từ khi tiếp nhận hồ sơ (10:00 \
    ngày 02/03/2026), tức chậm nhất 17:00 ngày 05/03/2026 (Nghị định 61/2018/NĐ-CP, Điều 19 \
    khoản 4). Thời hạn giải quyết vẫn tiếp tục tính; nếu hồ sơ không đủ điều kiện giải quyết, \
    hãy từ chối bằng văn bản nêu rõ lý do.";

#[test]
fn a_return_after_the_three_day_window_is_refused_and_names_the_article() {
    // The scenario: received Mon 02/03/2026 10:00, due Thu 05/03 17:00, transferred,
    // returned for a supplement on 10/03 — five days after the due.
    let d = guardianship("2026-03-02 10:00");
    assert_eq!(d.due_at, t("2026-03-05 17:00"));
    let d = ok(&d, transfer(UNIT), "2026-03-02 11:00");
    assert_eq!(
        step(&d, supplement(), "2026-03-10 09:00").map(|n| n.status),
        Err(TOO_LATE.to_owned())
    );
    assert!(!offered(&d, "2026-03-10 09:00").contains(&CommandKind::RequestSupplement));
    // the last instant of the window is still in time
    assert!(offered(&d, "2026-03-05 17:00").contains(&CommandKind::RequestSupplement));
    assert!(step(&d, supplement(), "2026-03-05 17:00").is_ok());
    assert_eq!(
        step(&d, supplement(), "2026-03-05 17:01").map(|n| n.status),
        Err(TOO_LATE.to_owned())
    );
}

#[test]
fn the_processing_unit_returns_a_dossier_once() {
    let d = guardianship("2026-03-02 10:00");
    let d = ok(&d, supplement(), "2026-03-02 10:10"); // at the desk
    let d = ok(&d, Command::ReceiveSupplement, "2026-03-02 14:00");
    let d = ok(&d, transfer(UNIT), "2026-03-02 14:30");
    let d = ok(&d, supplement(), "2026-03-03 09:00"); // by the processing unit
    let d = ok(&d, Command::ReceiveSupplement, "2026-03-04 09:00");
    assert_eq!(
        step(&d, supplement(), "2026-03-04 10:00").map(|n| n.status),
        Err(
            "Đơn vị giải quyết đã trả hồ sơ để bổ sung (lần đầu lúc 09:00 ngày 03/03/2026); \
             trong quá trình giải quyết chỉ được yêu cầu bổ sung một lần (Nghị định \
             61/2018/NĐ-CP, Điều 19 khoản 4). Nếu hồ sơ không đủ điều kiện giải quyết, hãy từ \
             chối bằng văn bản nêu rõ lý do."
                .to_owned()
        )
    );
    assert!(!offered(&d, "2026-03-04 10:00").contains(&CommandKind::RequestSupplement));
}

#[test]
fn the_window_is_counted_by_the_calendar_from_the_complete_receipt() {
    // After 15:00 the receipt counts from the next working day: Tue 03/03 → Fri 06/03 17:00.
    let d = ok(
        &guardianship("2026-03-02 15:30"),
        transfer(UNIT),
        "2026-03-02 16:00",
    );
    assert!(step(&d, supplement(), "2026-03-06 16:59").is_ok());
    assert!(step(&d, supplement(), "2026-03-09 07:30").is_err());
    // A dossier completed at the desk after its supplement is received then: the window runs
    // from the re-receipt (Mon 09/03 10:00 → Thu 12/03 17:00), not from the first visit.
    let d = guardianship("2026-03-02 08:00");
    let d = ok(&d, supplement(), "2026-03-02 08:30");
    let d = ok(&d, Command::ReceiveSupplement, "2026-03-09 10:00");
    let d = ok(&d, transfer(UNIT), "2026-03-09 11:00");
    assert!(step(&d, supplement(), "2026-03-12 17:00").is_ok());
    let refused = step(&d, supplement(), "2026-03-13 08:00").expect_err("too late");
    assert!(
        refused.contains("(10:00 ngày 09/03/2026), tức chậm nhất 17:00 ngày 12/03/2026"),
        "{refused}"
    );
    // Tết 2026 is skipped: received Thu 12/02 09:00 → 13/02, 23/02, 24/02 → Tue 24/02 17:00.
    let d = ok(
        &guardianship("2026-02-12 09:00"),
        transfer(UNIT),
        "2026-02-12 10:00",
    );
    assert!(step(&d, supplement(), "2026-02-24 17:00").is_ok());
    assert!(step(&d, supplement(), "2026-02-25 07:30").is_err());
}

#[test]
fn a_desk_exception_names_its_source() {
    let law = SupplementLaw {
        exceptions: vec![SupplementException {
            procedure: ProcedureCode("TS.HT.03".to_owned()),
            source: "Điều 9, Nghị định số 99/2099/NĐ-CP (ví dụ)".to_owned(),
            within_working_days: Some(5),
            times: Some(2),
        }],
    };
    let d = ok(
        &guardianship("2026-03-02 10:00"),
        transfer(UNIT),
        "2026-03-02 11:00",
    );
    let d = step_under(&law, &d, supplement(), "2026-03-09 16:00").expect("within 5 days");
    let d = ok(&d, Command::ReceiveSupplement, "2026-03-09 16:30");
    let late = step_under(&law, &d, supplement(), "2026-03-20 08:00").expect_err("late");
    assert!(
        late.contains("trong 05 ngày làm việc kể từ khi tiếp nhận hồ sơ (16:30 ngày 09/03/2026)")
            && late.contains("(Điều 9, Nghị định số 99/2099/NĐ-CP (ví dụ))"),
        "{late}"
    );
    let d = step_under(&law, &d, supplement(), "2026-03-10 08:00").expect("a second return");
    let d = ok(&d, Command::ReceiveSupplement, "2026-03-10 09:00");
    let third = step_under(&law, &d, supplement(), "2026-03-10 10:00").expect_err("third");
    assert!(third.contains("chỉ được yêu cầu bổ sung 2 lần"), "{third}");
    // Other procedures keep the general law.
    let will = ok(
        &received(&will(), "2026-03-02 10:00"),
        transfer(UNIT),
        "2026-03-02 11:00",
    );
    assert!(step_under(&law, &will, supplement(), "2026-03-10 08:00").is_err());
}

#[test]
fn the_stop_step_exists_only_for_dossiers_received_under_decree_118() {
    let old = guardianship("2025-06-30 10:00");
    let stop = || Command::Stop {
        reason: "Người nộp rút hồ sơ".into(),
    };
    assert_eq!(
        step(&old, stop(), "2025-07-02 09:00").map(|n| n.status),
        Err(
            "Dừng giải quyết hồ sơ theo đề nghị chỉ áp dụng cho hồ sơ tiếp nhận từ ngày \
             01/7/2025 (Nghị định 118/2025/NĐ-CP, Điều 21); hồ sơ này tiếp nhận ngày \
             30/06/2025."
                .to_owned()
        )
    );
    assert!(!offered(&old, "2025-07-02 09:00").contains(&CommandKind::Stop));
    let new = guardianship("2025-07-01 07:30");
    assert!(step(&new, stop(), "2025-07-01 08:00").is_ok());
}
