//! Corrections and undo on the record (issue 16): a corrected fact changes what the dossier
//! says and keeps the old value in its `Corrected` event; only the last step, by its operator,
//! the same day, and not a legal act, can be undone; the dossier is always its timeline's
//! projection.

use motcua::domain::{
    Command, Correction, Dossier, EventKind, ReceiptFacts, Status, apply, project,
};

use super::fixtures::*;

fn correct(change: Correction) -> Command {
    Command::Correct {
        change,
        reason: "Ghi nhầm khi tiếp nhận".into(),
    }
}

fn undo() -> Command {
    Command::Undo {
        reason: "Bấm nhầm".into(),
    }
}

fn as_operator(d: &Dossier, command: Command, at: &str, who: &str) -> Result<Dossier, String> {
    apply(d, command, t(at), who, &calendar(), None).map_err(|e| e.to_string())
}

fn consistent(d: &Dossier) {
    let receipt = ReceiptFacts::at_intake(d);
    assert_eq!(
        project(d.id, d.code.clone(), receipt, d.events.clone()).as_ref(),
        Ok(d)
    );
}

#[test]
fn a_correction_changes_the_fact_and_keeps_the_old_value() {
    let d = received(&land(), "2026-03-02 09:00");
    let fixed = ok(
        &d,
        correct(Correction::Name("Nguyễn Văn Hưng".into())),
        "2026-03-02 09:10",
    );
    assert_eq!(fixed.applicant.name, "Nguyễn Văn Hưng");
    match &fixed.events[1].kind {
        EventKind::Corrected { old, new, reason } => {
            assert_eq!(old, &Correction::Name(d.applicant.name.clone()));
            assert_eq!(new, &Correction::Name("Nguyễn Văn Hưng".into()));
            assert_eq!(reason, "Ghi nhầm khi tiếp nhận");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(
        ReceiptFacts::at_intake(&fixed).applicant.name,
        d.applicant.name
    );
    consistent(&fixed);
    // The same value again is refused; a bad value is refused by the intake's rule.
    let again = step(
        &fixed,
        correct(Correction::Name("Nguyễn Văn Hưng".into())),
        "2026-03-02 09:11",
    );
    assert!(again.is_err_and(|e| e.contains("không có gì để sửa")));
    let bad = step(
        &fixed,
        correct(Correction::Phone("12ab".into())),
        "2026-03-02 09:12",
    );
    assert!(bad.is_err_and(|e| e.starts_with("Số điện thoại")));
}

#[test]
fn the_procedure_is_corrected_only_before_the_first_hand_over_and_moves_the_due() {
    let d = received(&procedure("2.000815"), "2026-03-02 09:00");
    let p = land();
    let facts = p.facts();
    let fixed = ok(
        &d,
        correct(Correction::Procedure(facts.clone())),
        "2026-03-02 09:05",
    );
    assert_eq!(fixed.procedure, p.code);
    assert!(fixed.due_at > d.due_at, "a longer limit moves the due");
    assert_eq!(fixed.events[1].due, Some(fixed.due_at));
    consistent(&fixed);
    let handed = ok(&d, transfer(UNIT), "2026-03-02 09:30");
    let late = step(
        &handed,
        correct(Correction::Procedure(facts)),
        "2026-03-02 09:40",
    );
    assert!(late.is_err_and(|e| e.contains("trước khi chuyển hồ sơ")));
}

/// A tester's finding: a late certification (same-day limit, overdue, apology owed and not
/// sent) was "corrected" to a 10-day land procedure, and the late dossier read "Trong hạn".
/// From the deadline to send the apology letter on, or once a letter exists, the procedure stays.
#[test]
fn the_procedure_cannot_be_corrected_once_the_apology_deadline_has_come() {
    let d = received(&procedure("2.000815"), "2026-03-02 09:00");
    let p = land();
    let facts = p.facts();
    let after_due = step(
        &d,
        correct(Correction::Procedure(facts.clone())),
        "2026-03-09 09:00",
    );
    assert!(
        after_due
            .as_ref()
            .is_err_and(|e| e.contains("Điều 19 khoản 9")),
        "{after_due:?}"
    );
    // the same correction before the deadline goes through
    assert!(
        step(
            &d,
            correct(Correction::Procedure(facts)),
            "2026-03-02 09:05"
        )
        .is_ok()
    );
    // other facts can still be corrected after the deadline
    let name = correct(Correction::Name("Nguyễn Văn Hưng".into()));
    assert!(step(&d, name, "2026-03-09 09:00").is_ok());
}

#[test]
fn the_last_step_is_undone_by_its_operator_the_same_day() {
    let d = received(&land(), "2026-03-02 09:00");
    let handed = ok(&d, transfer(UNIT), "2026-03-02 09:30");
    assert_eq!(handed.status, Status::InProcessing);
    let back = ok(&handed, undo(), "2026-03-02 09:35");
    assert_eq!(
        back.status,
        Status::Received,
        "the hand-over no longer counts"
    );
    assert_eq!(back.events.len(), 3, "nothing is deleted");
    assert!(matches!(
        back.events[2].kind,
        EventKind::Undone { event: 1, .. }
    ));
    consistent(&back);
    // Nothing left to undo: the receipt itself cannot be.
    assert!(step(&back, undo(), "2026-03-02 09:40").is_err_and(|e| e.contains("không có bước")));
    // Another operator, or another day: refused, naming why.
    let other = as_operator(&handed, undo(), "2026-03-02 09:35", "Trần Văn Khác");
    assert!(other.is_err_and(|e| e.contains("chỉ người đã làm")));
    let next_day = step(&handed, undo(), "2026-03-03 08:00");
    assert!(next_day.is_err_and(|e| e.contains("trong ngày")));
}

#[test]
fn a_supplement_undone_restores_the_clock_and_legal_acts_are_not_undone() {
    let d = ok(
        &received(&land(), "2026-03-02 09:00"),
        transfer(UNIT),
        "2026-03-02 09:30",
    );
    let asked = ok(&d, supplement(), "2026-03-03 10:00");
    let came = ok(&asked, Command::ReceiveSupplement, "2026-03-03 14:00");
    assert!(came.due_at > d.due_at, "the clock restarted");
    let undone = ok(&came, undo(), "2026-03-03 14:05");
    assert_eq!(undone.status, Status::SupplementRequested);
    assert_eq!(undone.due_at, asked.due_at, "the restart no longer counts");
    consistent(&undone);
    let refused = ok(
        &d,
        Command::Refuse {
            reason: "Không đủ điều kiện".into(),
        },
        "2026-03-02 10:00",
    );
    let e = step(&refused, undo(), "2026-03-02 10:05");
    assert!(
        e.is_err_and(|e| e.contains("văn bản pháp lý")),
        "a refusal stays"
    );
}

/// Regression (found 02/12 reading the tallies): the tallies, the reports and the judge read
/// `d.events`, so an undone hand-back still counted its fee and rating, and an undone
/// supplement request still used up the "once only" of Decree 61 Art. 19.4. They read the
/// dossier as the rules see it now: the same figures as if the step had never been made.
#[test]
fn an_undone_step_counts_nowhere() {
    use motcua::domain::{ClockFacts, tally};
    let cal = calendar();
    let d = ok(
        &received(&land(), "2026-03-02 09:00"),
        transfer(UNIT),
        "2026-03-02 09:30",
    );
    let ready = ok(&d, Command::MarkResultReady, "2026-03-03 09:00");
    let paid = Command::HandBack {
        to: String::new(),
        fee_vnd: 50_000,
        rating: "Hài lòng".into(),
    };
    let handed = ok(&ready, paid, "2026-03-03 10:00");
    assert_ne!(
        tally::contributions(&handed, &cal),
        tally::contributions(&ready, &cal)
    );
    let undone = ok(&handed, undo(), "2026-03-03 10:05");
    assert_eq!(
        tally::contributions(&undone, &cal),
        tally::contributions(&ready, &cal),
        "no fee, no rating, no hand-back in the tallies"
    );
    assert_eq!(ClockFacts::of(&undone), ClockFacts::of(&ready));
    assert_eq!(
        ClockFacts::as_of(&undone, t("2026-03-03 11:00"), &cal),
        ClockFacts::as_of(&ready, t("2026-03-03 11:00"), &cal)
    );
    // A supplement request undone the same day does not use up the one request the law allows.
    let asked = ok(&d, supplement(), "2026-03-03 10:00");
    let taken_back = ok(&asked, undo(), "2026-03-03 10:05");
    let again = ok(&taken_back, supplement(), "2026-03-03 10:10");
    assert_eq!(again.status, Status::SupplementRequested);
}
