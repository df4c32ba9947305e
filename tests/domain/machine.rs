//! Random sequences of commands at random later instants: whatever the rules accept keeps the
//! dossier's invariants, and what `available_commands` offers is exactly what `apply` accepts
//! (for commands with valid data).

use motcua::calendar::LocalTime;
use motcua::domain::{
    Command, CommandKind, Dossier, EventKind, Notification, Status, SupplementLaw, allowed_at,
    apply, available_commands, clock_events,
};
use proptest::prelude::*;

use super::fixtures::*;

fn command(kind: CommandKind, pick: u8, at: LocalTime) -> Command {
    let units = [
        "Tư pháp – hộ tịch",
        "Địa chính – xây dựng",
        "Văn hóa – xã hội",
    ];
    match kind {
        CommandKind::Transfer => transfer(units[usize::from(pick) % 3]),
        CommandKind::RequestSupplement => supplement(),
        CommandKind::ReceiveSupplement => Command::ReceiveSupplement,
        CommandKind::Pause => Command::Pause {
            reason: "Niêm yết".into(),
        },
        CommandKind::Resume => Command::Resume,
        CommandKind::Refuse => Command::Refuse {
            reason: "Không đủ điều kiện".into(),
        },
        CommandKind::Stop => Command::Stop {
            reason: "Rút hồ sơ".into(),
        },
        CommandKind::MarkResultReady => Command::MarkResultReady,
        CommandKind::HandBack => hand_back(),
        CommandKind::IssueApology => Command::IssueApology {
            reason: "Chờ phối hợp".into(),
            new_due: at + chrono::Duration::days(i64::from(pick % 20) + 1),
            signer: "Nguyễn Văn Bình".into(),
            notified: Notification::Sms,
        },
        CommandKind::Correct => Command::Correct {
            change: match pick % 3 {
                0 => motcua::domain::Correction::Phone(format!("09{:08}", u32::from(pick) * 7919)),
                1 => motcua::domain::Correction::Name(format!("Nguyễn Văn {}", pick % 50 + 1)),
                _ => motcua::domain::Correction::Sets(u32::from(pick % 5) + 1),
            },
            reason: "Ghi nhầm".into(),
        },
        CommandKind::Undo => Command::Undo {
            reason: "Bấm nhầm".into(),
        },
    }
}

fn check_invariants(d: &Dossier) {
    let cal = calendar();
    assert_eq!(d.events[0].kind, EventKind::Received);
    assert!(
        d.events.windows(2).all(|w| w[0].at <= w[1].at),
        "events in time order"
    );
    assert_eq!(
        d.due_at,
        cal.due_at(d.received_at, d.time_limit, &clock_events(d))
    );
    let apologies = d
        .effective_events()
        .filter(|e| matches!(e.kind, EventKind::ApologyIssued { .. }))
        .count();
    assert!(apologies <= 1, "at most one apology");
    assert_eq!(apologies == 1, d.new_due_at.is_some());
    let effective: Vec<_> = d.effective_events().collect();
    let first_transfer = effective
        .iter()
        .position(|e| matches!(e.kind, EventKind::Transferred { .. }));
    let desk_stage = &effective[..first_transfer.unwrap_or(effective.len())];
    let desk_supplements = desk_stage
        .iter()
        .filter(|e| matches!(e.kind, EventKind::SupplementRequested { .. }))
        .count();
    assert!(desk_supplements <= 1, "one supplement request at the desk");
    if d.status.is_final() {
        let law = SupplementLaw::default();
        assert!(
            available_commands(d, d.received_at, &cal, &law)
                .iter()
                .all(|k| matches!(k, CommandKind::Correct | CommandKind::Undo))
        );
    }
    // The dossier is exactly what its timeline makes of it.
    let receipt = motcua::domain::ReceiptFacts::at_intake(d);
    let projected = motcua::domain::project(d.id, d.code.clone(), receipt, d.events.clone());
    assert_eq!(projected.as_ref(), Ok(d));
    assert!(
        d.pausable
            || !d
                .effective_events()
                .any(|e| matches!(e.kind, EventKind::Paused { .. }))
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_lives_keep_the_invariants(
        pausable in any::<bool>(),
        steps in proptest::collection::vec((0usize..12, any::<u8>(), 0i64..3000), 1..25),
    ) {
        let p = if pausable { land() } else { will() };
        let mut d = received(&p, "2026-02-09 08:00");
        let mut now = d.received_at;
        for (k, pick, minutes) in steps {
            let kind = CommandKind::ALL[k];
            now += chrono::Duration::minutes(minutes);
            let law = SupplementLaw::default();
            let offered = available_commands(&d, now, &calendar(), &law).contains(&kind);
            prop_assert_eq!(offered, allowed_at(&d, kind, now, &calendar(), &law).is_ok());
            match apply(&d, command(kind, pick, now), now, OPERATOR, &calendar(), Some((7, 2026))) {
                Ok(next) => {
                    prop_assert!(offered, "{:?} accepted in {:?} but not offered", kind, d.status);
                    prop_assert_eq!(next.events.len(), d.events.len() + 1);
                    d = next;
                    check_invariants(&d);
                }
                Err(e) => {
                    let e = e.to_string();
                    // Offered kinds are refused only for their data: an apology date that is
                    // not after the due or not on a working day, or a hand-over to the holder.
                    // A correction to the value already there, an undo of a step taken another
                    // day or of a legal act are refused by their own rules.
                    let own_rules = matches!(kind, CommandKind::IssueApology | CommandKind::Transfer | CommandKind::Correct | CommandKind::Undo);
                    prop_assert!(!offered || own_rules, "{:?} offered but refused: {}", kind, e);
                }
            }
            // An event dated before the last one is always refused.
            let earlier = d.events.last().map(|e| e.at - chrono::Duration::minutes(1));
            if let Some(earlier) = earlier {
                let law = SupplementLaw::default();
                let kind = available_commands(&d, earlier, &calendar(), &law).first().copied();
                if let Some(kind) = kind {
                    prop_assert!(apply(&d, command(kind, pick, earlier), earlier, OPERATOR, &calendar(), Some((7, 2026))).is_err());
                }
            }
        }
        prop_assert!(Status::ALL.contains(&d.status));
    }
}
