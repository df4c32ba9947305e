//! Timeliness and the apology duty around weekends, Tết 2026, the 30/4 holidays and a make-up
//! Saturday, with the real calendar.

use motcua::calendar::{DayHundredths, DayKind, TimeLimit};
use motcua::domain::{
    ApologyDuty as Duty, ClockFacts, Command, DEFAULT_DUE_SOON_MINUTES, Dossier, Procedure, Status,
    Timeliness as T, apology_deadline, judge as judge_facts, suggest_new_due,
};

use super::fixtures::*;

/// A procedure of two working days (the land procedure's data with its limit changed): its
/// apology deadline is one working day before its due.
fn two_days() -> Procedure {
    Procedure {
        time_limit: TimeLimit::WorkingDays(DayHundredths(200)),
        ..land()
    }
}

/// A two-day dossier received at `at` and handed to a unit a minute later.
fn open(at: &str) -> Dossier {
    let d = received(&two_days(), at);
    let later = d.received_at + chrono::Duration::minutes(1);
    ok(
        &d,
        transfer(UNIT),
        &later.format("%Y-%m-%d %H:%M").to_string(),
    )
}

fn deadline(d: &Dossier) -> motcua::calendar::LocalTime {
    apology_deadline(&ClockFacts::of(d), &calendar())
}

fn duty(d: &Dossier, now: &str) -> Duty {
    judge_facts(
        &ClockFacts::of(d),
        t(now),
        &calendar(),
        DEFAULT_DUE_SOON_MINUTES,
    )
    .duty
}

fn judge(d: &Dossier, now: &str) -> T {
    judge_facts(
        &ClockFacts::of(d),
        t(now),
        &calendar(),
        DEFAULT_DUE_SOON_MINUTES,
    )
    .timeliness
}

#[test]
fn deadlines_around_days_off() {
    let cal = calendar();
    assert!(matches!(
        cal.day_kind(t("2026-08-22 00:00").date()),
        DayKind::MakeUp(_)
    ));
    // (received, due, apology deadline) of two-day dossiers
    let rows = [
        // Tết 2026: received Thu 12/02, counted Fri 13/02 and (after Tết) Mon 23/02; the
        // deadline is the last working day before Tết.
        ("2026-02-12 09:00", "2026-02-23 17:00", "2026-02-13 17:00"),
        // An ordinary weekend: due Monday, deadline Friday.
        ("2026-03-05 09:00", "2026-03-09 17:00", "2026-03-06 17:00"),
        // Giỗ Tổ (compensatory Mon 27/04), 30/04 and 01/05.
        ("2026-04-28 09:00", "2026-05-04 17:00", "2026-04-29 17:00"),
        // A make-up Saturday (22/08/2026) is a working day both for the due and the deadline.
        ("2026-08-20 09:00", "2026-08-22 17:00", "2026-08-21 17:00"),
        ("2026-08-21 09:00", "2026-08-24 17:00", "2026-08-22 17:00"),
    ];
    for (received_at, due, want) in rows {
        let d = open(received_at);
        assert_eq!(d.due_at, t(due), "due of {received_at}");
        assert_eq!(deadline(&d), t(want), "deadline of {received_at}");
        assert_eq!(duty(&d, received_at), Duty::None);
    }
    // Limits of one working day or less: the deadline is the due itself (RULES.md §6).
    let one_day = Procedure {
        time_limit: TimeLimit::WorkingDays(DayHundredths(100)),
        ..land()
    };
    let d = received(&one_day, "2026-02-13 09:00");
    assert_eq!(d.due_at, t("2026-02-23 17:00"));
    assert_eq!(deadline(&d), d.due_at);
}

#[test]
fn duty_states_of_an_open_dossier() {
    // Due Mon 23/02 17:00 across Tết; deadline Fri 13/02 17:00. The window is a third of the
    // two-day limit (300 working minutes): the duty is upcoming from 10:00 on the 13th.
    let d = open("2026-02-12 09:00");
    let deadline = t("2026-02-13 17:00");
    let rows = [
        ("2026-02-12 09:30", Duty::None),
        ("2026-02-13 09:59", Duty::None),
        ("2026-02-13 10:00", Duty::Upcoming { deadline }),
        ("2026-02-13 16:59", Duty::Upcoming { deadline }),
        ("2026-02-13 17:00", Duty::Breach { deadline }),
        ("2026-02-18 10:00", Duty::Breach { deadline }),
        ("2026-02-23 17:01", Duty::Breach { deadline }),
    ];
    for (now, expected) in rows {
        assert_eq!(duty(&d, now), expected, "at {now}");
    }
    let issued = ok(&d, apology("2026-02-25 17:00"), "2026-02-13 16:00");
    let new_due = t("2026-02-25 17:00");
    let on_time = Duty::Issued { deadline, new_due };
    assert_eq!(duty(&issued, "2026-02-24 09:00"), on_time);
    assert_eq!(duty(&issued, "2026-02-25 17:00"), on_time);
    assert_eq!(
        duty(&issued, "2026-02-25 17:01"),
        Duty::NewDueMissed { new_due }
    );
    // A letter after its deadline is accepted and stays visible as late.
    let late = ok(&d, apology("2026-02-25 17:00"), "2026-02-23 09:00");
    assert_eq!(
        duty(&late, "2026-02-24 09:00"),
        Duty::IssuedLate { deadline, new_due }
    );
    // A second apology is refused even once the new date is missed.
    let again = step(&issued, apology("2026-03-02 17:00"), "2026-02-26 09:00");
    assert!(
        again
            .as_ref()
            .is_err_and(|e| e.starts_with("Hồ sơ đã có văn bản xin lỗi số 01/PXL")),
        "{again:?}"
    );
    // An empty reason is refused and leaves no apology behind.
    let empty = Command::IssueApology {
        reason: "".into(),
        new_due,
        signer: "Nguyễn Văn Bình".into(),
        notified: motcua::domain::Notification::Letter,
    };
    assert_eq!(
        step(&d, empty, "2026-02-13 16:00").err().as_deref(),
        Some("Lý do: chưa nhập")
    );
}

#[test]
fn duty_while_waiting_or_paused_and_after_resolution() {
    let d = open("2026-02-12 09:00");
    let asked = ok(&d, supplement(), "2026-02-12 10:00");
    assert_eq!(
        duty(&asked, "2026-02-24 09:00"),
        Duty::None,
        "no clock while waiting"
    );
    assert_eq!(judge(&asked, "2026-02-24 09:00"), T::WaitingSupplement);
    // Paused on Thursday 12/02 at 10:00, well before the deadline: the frozen clock owes
    // nothing yet.
    let paused = ok(
        &d,
        Command::Pause {
            reason: "Niêm yết".into(),
        },
        "2026-02-12 10:00",
    );
    assert_eq!(duty(&paused, "2026-03-02 09:00"), Duty::None);
    assert_eq!(judge(&paused, "2026-03-02 09:00"), T::Within);

    let deadline = t("2026-02-13 17:00");
    let late = ok(&d, Command::MarkResultReady, "2026-02-24 09:00");
    assert_eq!(
        duty(&late, "2026-03-10 09:00"),
        Duty::Breach { deadline },
        "late, no apology"
    );
    let in_time = ok(&d, Command::MarkResultReady, "2026-02-23 16:00");
    assert_eq!(duty(&in_time, "2026-03-10 09:00"), Duty::None);
    let issued = ok(&d, apology("2026-02-25 17:00"), "2026-02-13 16:00");
    let new_due = t("2026-02-25 17:00");
    let kept = ok(&issued, Command::MarkResultReady, "2026-02-25 10:00");
    assert_eq!(
        duty(&kept, "2026-03-10 09:00"),
        Duty::Issued { deadline, new_due }
    );
    let missed = ok(&issued, Command::MarkResultReady, "2026-02-26 10:00");
    assert_eq!(
        duty(&missed, "2026-03-10 09:00"),
        Duty::NewDueMissed { new_due }
    );
    // Timeliness keeps the legal due: kept the new appointment, still late.
    assert_eq!(judge(&kept, "2026-03-10 09:00"), T::Late);
}

#[test]
fn timeliness_of_open_and_resolved_dossiers() {
    // Due Mon 23/02 17:00, across Tết; due soon in the last third of its two days (300 min).
    let d = open("2026-02-12 09:00");
    let rows = [
        ("2026-02-12 09:30", T::Within),
        ("2026-02-13 16:59", T::Within),
        ("2026-02-18 10:00", T::Within),
        ("2026-02-23 09:59", T::Within),
        ("2026-02-23 10:00", T::DueSoon),
        ("2026-02-23 17:00", T::DueSoon),
        ("2026-02-23 17:01", T::Overdue),
    ];
    for (now, expected) in rows {
        assert_eq!(judge(&d, now), expected, "open at {now}");
    }
    let resolved = [
        ("2026-02-13 15:00", T::Early),
        ("2026-02-23 08:00", T::OnTime),
        ("2026-02-23 17:00", T::OnTime),
        ("2026-02-23 17:01", T::Late),
    ];
    for (at, expected) in resolved {
        let r = ok(&d, Command::MarkResultReady, at);
        assert_eq!(judge(&r, "2026-03-31 09:00"), expected, "resolved at {at}");
        let back = ok(&r, hand_back(), "2026-03-31 09:00");
        assert_eq!(back.status, Status::HandedBack);
        assert_eq!(
            judge(&back, "2026-04-30 09:00"),
            expected,
            "handed back, resolved at {at}"
        );
    }
    for (label, kind) in [
        ("Trước hạn", T::Early),
        ("Đúng hạn", T::OnTime),
        ("Quá hạn", T::Late),
        ("Sắp đến hạn", T::DueSoon),
    ] {
        assert_eq!(kind.label(), label);
    }
}

#[test]
fn suggested_new_due_is_a_working_instant_after_the_due() {
    let cal = calendar();
    let d = open("2026-02-12 09:00");
    let suggestion = suggest_new_due(&d, t("2026-02-13 16:00"), &cal);
    assert!(suggestion > d.due_at);
    assert!(cal.is_working_day(suggestion.date()));
    assert!(
        ok(
            &d,
            apology(&suggestion.format("%Y-%m-%d %H:%M").to_string()),
            "2026-02-13 16:00"
        )
        .new_due_at
        .is_some()
    );
}

/// Regression: a same-day certification received in the morning was listed as owing an apology
/// from the moment it was received (its "one working day before the due" fell before receipt),
/// and one received at 15:20 (due the next day at 17:00) was "Cần xin lỗi" at 08:01 the next
/// morning while its own row said six working hours were left.
#[test]
fn same_day_limits_owe_nothing_until_their_due_nears() {
    let d = received(&procedure("2.000815"), "2026-11-23 09:30");
    assert_eq!(d.due_at, t("2026-11-23 17:00"));
    let deadline = t("2026-11-23 17:00");
    assert_eq!(apology_deadline(&ClockFacts::of(&d), &calendar()), deadline);
    // The window is a third of the day (150 working minutes): from 14:30.
    let rows = [
        ("2026-11-23 09:31", Duty::None, T::Within),
        ("2026-11-23 14:29", Duty::None, T::Within),
        ("2026-11-23 14:30", Duty::Upcoming { deadline }, T::DueSoon),
        ("2026-11-23 16:59", Duty::Upcoming { deadline }, T::DueSoon),
        ("2026-11-23 17:00", Duty::Breach { deadline }, T::DueSoon),
        ("2026-11-24 08:00", Duty::Breach { deadline }, T::Overdue),
    ];
    for (now, want_duty, want_t) in rows {
        assert_eq!(duty(&d, now), want_duty, "duty at {now}");
        assert_eq!(judge(&d, now), want_t, "timeliness at {now}");
    }
    let late = received(&procedure("2.000815"), "2026-12-01 15:20");
    assert_eq!(late.due_at, t("2026-12-02 17:00"));
    assert_eq!(duty(&late, "2026-12-02 08:01"), Duty::None);
    assert_eq!(judge(&late, "2026-12-02 08:01"), T::Within);
}
