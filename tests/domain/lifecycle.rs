//! The legal state machine: every (status, command) pair, every refusal message, and how the
//! clock events move the legal due instant.

use motcua::domain::{Command, CommandKind, EventKind, Status, clock_events, current_unit};

use super::fixtures::*;

const LATER: &str = "2026-03-03 09:00";

/// A valid command of each kind (its data passes every check).
fn command(kind: CommandKind) -> Command {
    match kind {
        CommandKind::Transfer => transfer("Địa chính – xây dựng"),
        CommandKind::RequestSupplement => supplement(),
        CommandKind::ReceiveSupplement => Command::ReceiveSupplement,
        CommandKind::Pause => Command::Pause {
            reason: "Niêm yết".into(),
        },
        CommandKind::Resume => Command::Resume,
        CommandKind::Refuse => Command::Refuse {
            reason: "Không thuộc thẩm quyền".into(),
        },
        CommandKind::Stop => Command::Stop {
            reason: "Người nộp rút hồ sơ".into(),
        },
        CommandKind::MarkResultReady => Command::MarkResultReady,
        CommandKind::HandBack => hand_back(),
        CommandKind::IssueApology => apology("2026-03-20 17:00"),
        CommandKind::Correct => Command::Correct {
            change: motcua::domain::Correction::Phone("0987 654 321".into()),
            reason: "Ghi nhầm số điện thoại".into(),
        },
        CommandKind::Undo => Command::Undo {
            reason: "Bấm nhầm".into(),
        },
    }
}

/// The legal transitions: (from, command, to). Every other pair is refused.
const LEGAL: &[(Status, CommandKind, Status)] = {
    use CommandKind as K;
    use Status as S;
    &[
        (S::Received, K::Transfer, S::InProcessing),
        (S::Received, K::RequestSupplement, S::SupplementRequested),
        (S::Received, K::Refuse, S::Refused),
        (S::Received, K::Stop, S::Stopped),
        (S::Received, K::IssueApology, S::Received),
        (S::InProcessing, K::Transfer, S::InProcessing),
        (
            S::InProcessing,
            K::RequestSupplement,
            S::SupplementRequested,
        ),
        (S::InProcessing, K::Pause, S::Paused),
        (S::InProcessing, K::MarkResultReady, S::ResultReady),
        (S::InProcessing, K::Refuse, S::Refused),
        (S::InProcessing, K::Stop, S::Stopped),
        (S::InProcessing, K::IssueApology, S::InProcessing),
        (S::SupplementRequested, K::ReceiveSupplement, S::Received),
        (S::SupplementRequested, K::Refuse, S::Refused),
        (S::SupplementRequested, K::Stop, S::Stopped),
        (S::Paused, K::Resume, S::InProcessing),
        (S::Paused, K::Refuse, S::Refused),
        (S::Paused, K::Stop, S::Stopped),
        (S::Paused, K::IssueApology, S::Paused),
        (S::ResultReady, K::HandBack, S::HandedBack),
        // A correction keeps the status, in every state (undo has its own tests: it depends
        // on who took the last step and when).
        (S::Received, K::Correct, S::Received),
        (S::InProcessing, K::Correct, S::InProcessing),
        (S::SupplementRequested, K::Correct, S::SupplementRequested),
        (S::Paused, K::Correct, S::Paused),
        (S::ResultReady, K::Correct, S::ResultReady),
        (S::HandedBack, K::Correct, S::HandedBack),
        (S::Refused, K::Correct, S::Refused),
        (S::Stopped, K::Correct, S::Stopped),
    ]
};

#[test]
fn every_status_and_command() {
    for from in Status::ALL {
        let d = at_status(from);
        assert_eq!(d.status, from);
        let mut offered = Vec::new();
        for kind in CommandKind::ALL
            .into_iter()
            .filter(|k| *k != CommandKind::Undo)
        {
            let legal = LEGAL.iter().find(|(f, k, _)| *f == from && *k == kind);
            let got = step(&d, command(kind), LATER);
            match legal {
                Some((_, _, to)) => {
                    let next = got.unwrap_or_else(|e| panic!("{from:?} + {kind:?}: {e}"));
                    assert_eq!(next.status, *to, "{from:?} + {kind:?}");
                    assert_eq!(next.events.len(), d.events.len() + 1);
                    assert_eq!(
                        next.events.last().map(|e| e.operator.as_str()),
                        Some(OPERATOR)
                    );
                    offered.push(kind);
                }
                None => assert_eq!(
                    got.map(|n| n.status),
                    Err(format!(
                        "Không thể «{}»: hồ sơ đang ở trạng thái «{}».",
                        kind.label(),
                        from.label()
                    )),
                    "{from:?} + {kind:?}"
                ),
            }
        }
        let available: Vec<_> = super::fixtures::offered(&d, LATER)
            .into_iter()
            .filter(|k| *k != CommandKind::Undo)
            .collect();
        assert_eq!(available, offered, "{from:?}");
    }
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "a table of refused commands and the words each refusal must contain"
)]
fn refusals_name_the_problem() {
    let received = at_status(Status::Received);
    let processing = at_status(Status::InProcessing);
    let empty = String::new;
    let rows: Vec<(&motcua::domain::Dossier, Command, &str, &str)> = vec![
        (
            &processing,
            command(CommandKind::MarkResultReady),
            "2026-03-02 08:59",
            "Thời điểm 08:59 ngày 02/03/2026 sớm hơn sự kiện trước đó của hồ sơ (09:00 ngày 02/03/2026); không thể ghi lùi thời gian, hãy kiểm tra lại ngày giờ.",
        ),
        (
            &received,
            Command::Refuse { reason: empty() },
            LATER,
            "Lý do: chưa nhập",
        ),
        (
            &received,
            Command::Stop {
                reason: "  ".into(),
            },
            LATER,
            "Lý do: chưa nhập",
        ),
        (
            &processing,
            Command::Pause { reason: empty() },
            LATER,
            "Lý do: chưa nhập",
        ),
        (
            &received,
            Command::RequestSupplement {
                reason: empty(),
                items: vec!["a".into()],
            },
            LATER,
            "Lý do: chưa nhập",
        ),
        (
            &received,
            Command::RequestSupplement {
                reason: "Thiếu".into(),
                items: vec![" ".into()],
            },
            LATER,
            "Nội dung cần bổ sung: chưa nhập",
        ),
        (&received, transfer(""), LATER, "Đơn vị nhận: chưa nhập"),
        (
            &processing,
            transfer(UNIT),
            LATER,
            "Hồ sơ đang ở «Tư pháp – hộ tịch»; hãy chọn đơn vị nhận khác.",
        ),
        (
            &processing,
            transfer("tư pháp – Hộ Tịch"),
            LATER,
            "Hồ sơ đang ở «Tư pháp – hộ tịch»; hãy chọn đơn vị nhận khác.",
        ),
        (
            &received,
            transfer(motcua::domain::DESK_UNIT),
            LATER,
            "Hồ sơ đang ở «Bộ phận tiếp nhận và trả kết quả»; hãy chọn đơn vị nhận khác.",
        ),
        (
            &received,
            Command::Refuse {
                reason: "a\u{202E}b".into(),
            },
            LATER,
            "Lý do: có ký tự ẩn (mã U+202E: ký tự đổi chiều văn bản hoặc không độ rộng); hãy gõ lại, đừng dán từ nguồn lạ",
        ),
        (
            &received,
            Command::Refuse {
                reason: "x".repeat(1001),
            },
            LATER,
            "Lý do: dài quá 1000 ký tự (đang có 1001)",
        ),
    ];
    for (d, cmd, at, expected) in rows {
        assert_eq!(
            step(d, cmd.clone(), at).map(|n| n.status),
            Err(expected.to_owned()),
            "{cmd:?}"
        );
    }
    let mut will = received_will();
    will = ok(&will, transfer(UNIT), "2026-03-02 09:00");
    assert_eq!(
        step(&will, Command::Pause { reason: "Niêm yết".into() }, LATER).map(|n| n.status),
        Err("Thủ tục «Chứng thực di chúc» không có khoảng thời gian được loại trừ theo luật chuyên ngành nên không thể tạm dừng tính thời gian.".to_owned())
    );
    assert!(!super::fixtures::offered(&will, LATER).contains(&CommandKind::Pause));
    let empty_operator = motcua::domain::apply(
        &received,
        command(CommandKind::Refuse),
        t(LATER),
        " ",
        &calendar(),
        None,
    );
    assert_eq!(
        empty_operator.map_err(|e| e.to_string()).map(|n| n.status),
        Err("Cán bộ thực hiện: chưa nhập".to_owned())
    );
}

fn received_will() -> motcua::domain::Dossier {
    received(&will(), "2026-03-02 08:00")
}

#[test]
fn one_supplement_request_at_the_desk() {
    let d = at_status(Status::SupplementRequested);
    let back = ok(&d, Command::ReceiveSupplement, "2026-03-04 08:00");
    assert_eq!(back.status, Status::Received, "still at the desk stage");
    assert_eq!(
        step(&back, supplement(), "2026-03-04 09:00").map(|n| n.status),
        Err("Hồ sơ đã được hướng dẫn bổ sung một lần tại bộ phận một cửa (09:00 ngày 02/03/2026); theo quy định chỉ yêu cầu bổ sung một lần (Nghị định 61/2018/NĐ-CP, Điều 11 khoản 2 điểm c và Điều 15 khoản 3). Nếu hồ sơ vẫn chưa đủ, hãy từ chối tiếp nhận và ghi rõ lý do.".to_owned())
    );
    assert!(
        !super::fixtures::offered(&back, "2026-03-04 09:00")
            .contains(&CommandKind::RequestSupplement)
    );
    // The processing unit may still ask for a supplement after the hand-over.
    let processing = ok(&back, transfer(UNIT), "2026-03-04 09:00");
    let asked = ok(&processing, supplement(), "2026-03-04 10:00");
    let again = ok(&asked, Command::ReceiveSupplement, "2026-03-05 08:00");
    assert_eq!(
        again.status,
        Status::InProcessing,
        "back to the unit after a hand-over"
    );
}

#[test]
fn supplement_restarts_the_clock_and_pause_moves_it() {
    let cal = calendar();
    let p = land();
    let d = at_status(Status::InProcessing);
    assert_eq!(
        d.due_at,
        t("2026-03-12 17:00"),
        "8 working days after Mon 02/03"
    );
    let asked = ok(&d, supplement(), "2026-03-04 10:00");
    let back = ok(&asked, Command::ReceiveSupplement, "2026-03-09 10:00");
    assert_eq!(
        back.due_at,
        cal.due_at(t("2026-03-09 10:00"), p.time_limit, &[])
    );
    assert_eq!(
        back.due_at,
        t("2026-03-19 17:00"),
        "counted from zero again"
    );
    assert_eq!(clock_events(&back).len(), 2);

    let paused = ok(
        &d,
        Command::Pause {
            reason: "Niêm yết".into(),
        },
        "2026-03-03 08:00",
    );
    let resumed = ok(&paused, Command::Resume, "2026-03-05 08:00");
    assert_eq!(
        resumed.due_at,
        t("2026-03-16 17:00"),
        "two working days paused"
    );
}

#[test]
fn hand_overs_are_logged_and_hand_back_defaults_to_the_applicant() {
    let d = at_status(Status::InProcessing);
    assert_eq!(current_unit(&d), UNIT);
    let d = ok(&d, transfer("Địa chính – xây dựng"), LATER);
    let last = d.events.last().map(|e| e.kind.clone());
    assert_eq!(
        last,
        Some(EventKind::Transferred {
            from: UNIT.into(),
            to: "Địa chính – xây dựng".into()
        })
    );
    let first = &at_status(Status::InProcessing).events[1].kind;
    assert_eq!(
        first,
        &EventKind::Transferred {
            from: motcua::domain::DESK_UNIT.into(),
            to: UNIT.into()
        }
    );
    let handed = at_status(Status::HandedBack);
    let kind = handed.events.last().map(|e| e.kind.clone());
    assert_eq!(
        kind,
        Some(EventKind::HandedBack {
            to: "Hoàng Văn Sơn".into(),
            fee_vnd: 0,
            rating: "Hài lòng".into()
        })
    );
}

#[test]
fn apology_rules() {
    let d = at_status(Status::InProcessing);
    let issued = ok(&d, apology("2026-03-20 17:00"), "2026-03-11 09:00");
    assert_eq!(issued.new_due_at, Some(t("2026-03-20 17:00")));
    assert_eq!(
        issued.due_at, d.due_at,
        "the legal due never moves for an apology"
    );
    assert_eq!(issued.status, Status::InProcessing);
    assert!(!super::fixtures::offered(&issued, LATER).contains(&CommandKind::IssueApology));
    let rows = [
        (
            &issued,
            apology("2026-03-24 17:00"),
            "2026-03-12 09:00",
            "Hồ sơ đã có văn bản xin lỗi số 01/PXL năm 2026, hẹn lại 17:00 ngày 20/03/2026. Chỉ được hẹn lại ngày trả kết quả một lần; nếu trễ hẹn lần nữa, hãy báo cáo lãnh đạo.",
        ),
        (
            &d,
            apology("2026-03-12 17:00"),
            LATER,
            "Ngày hẹn trả mới (17:00 ngày 12/03/2026) phải sau thời hạn giải quyết theo quy định (17:00 ngày 12/03/2026).",
        ),
        (
            &d,
            apology("2026-03-14 10:00"),
            LATER,
            "Ngày hẹn trả mới 14/03/2026 không phải ngày làm việc; hãy chọn một ngày làm việc.",
        ),
        (
            &d,
            apology("2026-03-13 10:00"),
            "2026-03-13 11:00",
            "Ngày hẹn trả mới (10:00 ngày 13/03/2026) phải sau thời điểm lập văn bản xin lỗi (11:00 ngày 13/03/2026).",
        ),
        (
            &d,
            motcua::domain::Command::IssueApology {
                reason: " ".into(),
                new_due: t("2026-03-20 17:00"),
                signer: "B".into(),
                notified: motcua::domain::Notification::Sms,
            },
            LATER,
            "Lý do: chưa nhập",
        ),
        (
            &d,
            motcua::domain::Command::IssueApology {
                reason: "Lý do".into(),
                new_due: t("2026-03-20 17:00"),
                signer: "".into(),
                notified: motcua::domain::Notification::Sms,
            },
            LATER,
            "Người ký: chưa nhập",
        ),
    ];
    for (dossier, cmd, at, expected) in rows {
        assert_eq!(
            step(dossier, cmd.clone(), at).map(|n| n.status),
            Err(expected.to_owned()),
            "{cmd:?}"
        );
    }
    let no_number = motcua::domain::apply(
        &d,
        apology("2026-03-20 17:00"),
        t(LATER),
        OPERATOR,
        &calendar(),
        None,
    );
    assert_eq!(
        no_number.map_err(|e| e.to_string()).map(|n| n.status),
        Err("Chưa cấp được số văn bản xin lỗi (Số …/PXL); hãy thử lại.".to_owned())
    );
}

#[test]
fn labels_and_irreversible_steps() {
    let irreversible: Vec<CommandKind> = CommandKind::ALL
        .into_iter()
        .filter(|k| k.is_irreversible())
        .collect();
    assert_eq!(
        irreversible,
        [
            CommandKind::HandBack,
            CommandKind::IssueApology,
            CommandKind::Refuse,
            CommandKind::Stop
        ]
    );
    for k in CommandKind::ALL {
        assert!(!k.label().is_empty());
        assert_eq!(command(k).kind(), k);
    }
}

#[test]
fn a_new_dossier() {
    let p = will();
    let d = received(&p, "2026-03-02 16:00");
    assert_eq!(d.status, Status::Received);
    assert_eq!(d.events.len(), 1);
    assert_eq!(d.events[0].kind, EventKind::Received);
    assert_eq!(d.received_by, OPERATOR);
    assert_eq!(
        d.documents, p.documents,
        "no list typed: the procedure's list"
    );
    assert_eq!(d.sets, 1);
    assert_eq!(
        d.due_at,
        t("2026-03-05 17:00"),
        "after 15:00 counts from the next day"
    );
    assert_eq!(d.code.as_str(), "000.00.20.H30-260302-0001");
}
