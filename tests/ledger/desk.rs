//! The desk's use cases over a real store: intake, transitions, the board lists and counters,
//! search, export/import.

use motcua::desk::{Call, Desk, DeskError, ListFilter, LocalDesk, Page, Row};
use motcua::domain::{Command, DossierCode, Intake, ProcedureCode, Status};

use motcua::calendar::LocalTime;

use super::fixtures::at;

pub const COPY: &str = "2.000815"; // same day
const DEAL: &str = "2.001035"; // 2 working days

pub fn intake(procedure: &str, name: &str) -> Intake {
    Intake {
        procedure: Some(ProcedureCode(procedure.to_owned())),
        name: name.to_owned(),
        id_number: "001085012345".to_owned(),
        phone: "0912345678".to_owned(),
        sets: 1,
        ..Intake::default()
    }
}

fn desk() -> (tempfile::TempDir, LocalDesk) {
    let dir = tempfile::tempdir().expect("dir");
    let desk = LocalDesk::open(&dir.path().join("data")).expect("desk opens");
    (dir, desk)
}

fn codes(list: &[Row]) -> Vec<String> {
    list.iter()
        .map(|r| r.dossier.code.as_str().to_owned())
        .collect()
}

#[test]
fn first_run_creates_private_dir_settings_and_catalogue() {
    let (dir, desk) = desk();
    assert!(desk.catalogue().expect("catalogue").len() >= 20);
    assert!(desk.procedure(&ProcedureCode(COPY.to_owned())).is_some());
    let data = dir.path().join("data");
    assert!(data.join("config.toml").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode();
        assert_eq!(mode(&data) & 0o777, 0o700);
        assert_eq!(mode(&data.join("store/db")) & 0o777, 0o600);
    }
}

#[test]
fn receive_issues_codes_and_refuses_bad_input() {
    let (_dir, desk) = desk();
    let now = at("2026-03-02 09:00");
    let d = desk
        .receive(intake(COPY, "Nguyễn Văn Đức"), &Call::new(now, "Hoa"))
        .expect("ok");
    assert_eq!(d.code.as_str(), "000.00.20.H30-260302-0001");
    assert_eq!(d.status, Status::Received);
    let err = desk
        .receive(intake("9.999999", "A"), &Call::new(now, "Hoa"))
        .expect_err("unknown procedure");
    assert!(
        matches!(err, DeskError::Rule(ref m) if m.contains("9.999999")),
        "{err}"
    );
    let mut no_proc = intake(COPY, "A");
    no_proc.procedure = None;
    assert_eq!(
        desk.receive(no_proc, &Call::new(now, "Hoa"))
            .expect_err("none")
            .exit_code(),
        1
    );
    let err = desk
        .receive(intake(COPY, ""), &Call::new(now, "Hoa"))
        .expect_err("no name");
    assert_eq!(err.exit_code(), 1);
    let second = desk
        .receive(intake(COPY, "B"), &Call::new(now, "Hoa"))
        .expect("ok");
    assert_eq!(second.code.as_str(), "000.00.20.H30-260302-0002");
}

#[test]
fn illegal_transition_is_refused_and_nothing_changes() {
    let (_dir, desk) = desk();
    let now = at("2026-03-02 09:00");
    let d = desk
        .receive(intake(DEAL, "A"), &Call::new(now, "Hoa"))
        .expect("ok");
    let err = desk
        .act(&d.code, None, Command::Resume, &Call::new(now, "Hoa"))
        .expect_err("not paused");
    assert_eq!(err.exit_code(), 1);
    let err = desk
        .act(
            &DossierCode::parse("X-260302-0009").expect("a code"),
            None,
            Command::Resume,
            &Call::new(now, "Hoa"),
        )
        .expect_err("unknown");
    assert!(err.to_string().contains("X-260302-0009"));
    assert_eq!(
        desk.get(&d.code).expect("get").expect("there").events.len(),
        1
    );
    assert!(desk.verify().expect("verify").is_consistent());
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one week of the board: each list is checked after the step that moves a dossier"
)]
fn board_lists_follow_the_life_of_dossiers() {
    let (_dir, desk) = desk();
    let mon = at("2026-03-02 09:00");
    let a = desk
        .receive(intake(COPY, "Nguyễn Văn An"), &Call::new(mon, "Hoa"))
        .expect("a");
    let b = desk
        .receive(intake(DEAL, "Trần Thị Bình"), &Call::new(mon, "Hoa"))
        .expect("b");
    let c = desk
        .receive(intake(DEAL, "Lê Văn Cường"), &Call::new(mon, "Hoa"))
        .expect("c");
    let t = at("2026-03-02 10:00");
    let to = || Command::Transfer {
        to: "Tư pháp – hộ tịch".to_owned(),
    };
    desk.act(&c.code, None, to(), &Call::new(t, "Hoa"))
        .expect("transfer");
    desk.act(
        &c.code,
        None,
        Command::MarkResultReady,
        &Call::new(t, "Hoa"),
    )
    .expect("ready");

    assert_eq!(desk.count(ListFilter::Today, mon).expect("n"), 3);
    assert_eq!(
        codes(
            &desk
                .list(
                    ListFilter::Today,
                    mon,
                    Page {
                        offset: 0,
                        limit: 2
                    }
                )
                .expect("l")
        ),
        [c.code.as_str().to_owned(), b.code.as_str().to_owned()]
    );
    assert_eq!(desk.count(ListFilter::Open, mon).expect("n"), 2);
    assert_eq!(
        codes(
            &desk
                .list(
                    ListFilter::Open,
                    mon,
                    Page {
                        offset: 0,
                        limit: 10
                    }
                )
                .expect("l")
        ),
        [a.code.as_str().to_owned(), b.code.as_str().to_owned()]
    );
    assert_eq!(
        codes(
            &desk
                .list(
                    ListFilter::WaitingCollection,
                    mon,
                    Page {
                        offset: 0,
                        limit: 10
                    }
                )
                .expect("l")
        ),
        vec![c.code.as_str().to_owned()]
    );
    assert_eq!(desk.count(ListFilter::All, mon).expect("n"), 3);

    // Monday 16:30: the same-day copy is due soon; Tuesday it is overdue and owes an apology.
    let late = at("2026-03-02 16:30");
    assert_eq!(
        codes(
            &desk
                .list(
                    ListFilter::DueSoon,
                    late,
                    Page {
                        offset: 0,
                        limit: 10
                    }
                )
                .expect("l")
        ),
        vec![a.code.as_str().to_owned()]
    );
    let tue = at("2026-03-03 09:00");
    assert_eq!(
        codes(
            &desk
                .list(
                    ListFilter::Overdue,
                    tue,
                    Page {
                        offset: 0,
                        limit: 10
                    }
                )
                .expect("l")
        ),
        vec![a.code.as_str().to_owned()]
    );
    assert_eq!(desk.count(ListFilter::Overdue, tue).expect("n"), 1);
    assert_eq!(
        codes(
            &desk
                .list(
                    ListFilter::ApologyNeeded,
                    tue,
                    Page {
                        offset: 0,
                        limit: 10
                    }
                )
                .expect("l")
        ),
        vec![a.code.as_str().to_owned()]
    );

    let hand = Command::HandBack {
        to: "Lê Văn Cường".to_owned(),
        fee_vnd: 50_000,
        rating: "rat hai long".to_owned(),
    };
    let done = desk
        .act(&c.code, None, hand, &Call::new(tue, "Hoa"))
        .expect("hand back");
    assert_eq!(done.status, Status::HandedBack);
    let counters = desk.counters(tue).expect("counters");
    assert_eq!(counters.received_today, 0);
    assert_eq!(counters.handed_back_today, 1);
    assert_eq!(counters.overdue, 1);
    assert_eq!(counters.apologies_owed, 1);
    assert_eq!(counters.waiting_collection, 0);
}

#[test]
fn search_is_accent_insensitive_over_names_codes_ids_and_phones() {
    let (_dir, desk) = desk();
    let now = at("2026-03-02 09:00");
    let a = desk
        .receive(intake(COPY, "Nguyễn Văn Đức"), &Call::new(now, "Hoa"))
        .expect("a");
    let mut other = intake(COPY, "Đặng Thị Hoa");
    other.phone = "0987 000 111".to_owned();
    other.id_number = "030190004321".to_owned();
    let b = desk.receive(other, &Call::new(now, "Hoa")).expect("b");
    assert_eq!(
        codes(&desk.search("nguyen duc", 10, now).expect("s")),
        vec![a.code.as_str().to_owned()]
    );
    assert_eq!(
        codes(&desk.search("NGUYỄN", 10, now).expect("s")),
        vec![a.code.as_str().to_owned()]
    );
    assert_eq!(
        codes(&desk.search("dang h", 10, now).expect("s")),
        vec![b.code.as_str().to_owned()]
    );
    assert_eq!(
        codes(&desk.search("0987", 10, now).expect("s")),
        vec![b.code.as_str().to_owned()]
    );
    assert_eq!(
        codes(&desk.search("0301900", 10, now).expect("s")),
        vec![b.code.as_str().to_owned()]
    );
    assert_eq!(
        codes(
            &desk
                .search(&b.code.as_str().to_lowercase(), 10, now)
                .expect("s")
        ),
        vec![b.code.as_str().to_owned()]
    );
    assert_eq!(desk.search("xyz", 10, now).expect("s").len(), 0);
    assert_eq!(desk.search("", 10, now).expect("s").len(), 0);
}

#[test]
fn preview_due_matches_the_receipt() {
    let (_dir, desk) = desk();
    let now = at("2026-03-02 09:00");
    let due = desk
        .preview_due(&ProcedureCode(DEAL.to_owned()), now)
        .expect("reads")
        .expect("known");
    let d = desk
        .receive(intake(DEAL, "A"), &Call::new(now, "Hoa"))
        .expect("a");
    assert_eq!(due.at, d.due_at);
    assert!(
        desk.preview_due(&ProcedureCode("nope".to_owned()), now)
            .expect("reads")
            .is_none()
    );
}

#[test]
fn import_refuses_the_whole_file_on_a_bad_line_unless_told() {
    let (_dir, desk) = desk();
    let now = at("2026-03-02 09:00");
    for n in ["A", "B", "C"] {
        desk.receive(intake(COPY, n), &Call::new(now, "Hoa"))
            .expect("receive");
    }
    let mut jsonl = Vec::new();
    desk.export_jsonl(&mut jsonl).expect("export");
    let text = String::from_utf8(jsonl.clone()).expect("utf8");
    let broken = text.replacen("\n", "\n{not json\n", 1);

    let (_dir2, mut fresh) = desk_pair();
    let err = fresh
        .import_jsonl(&broken, false, &mut |_, _| {})
        .expect_err("refused");
    assert!(err.to_string().contains("Dòng 2"), "{err}");
    assert_eq!(fresh.count(ListFilter::All, now).expect("n"), 0);

    let mut calls = Vec::new();
    let outcome = fresh
        .import_jsonl(&broken, true, &mut |d, t| calls.push((d, t)))
        .expect("skip invalid");
    assert_eq!(outcome.imported, 3);
    assert_eq!(outcome.skipped.len(), 1);
    assert_eq!(calls.last(), Some(&(3, 3)));
    let mut again = Vec::new();
    fresh.export_jsonl(&mut again).expect("export");
    assert_eq!(
        again, jsonl,
        "export → import → export gives the same bytes"
    );
    // Imported sequences are never reused.
    let next = fresh
        .receive(intake(COPY, "D"), &Call::new(now, "Hoa"))
        .expect("d");
    assert_eq!(next.code.as_str(), "000.00.20.H30-260302-0004");
    assert!(fresh.verify().expect("verify").is_consistent());
    // Importing the same file again collides with what is there.
    let err = fresh
        .import_jsonl(&text, false, &mut |_, _| {})
        .expect_err("dup");
    assert!(err.to_string().contains("đã có trong kho"), "{err}");
}

#[test]
fn import_streams_a_file_with_crlf_and_names_a_line_that_is_not_utf8() {
    let (dir, desk) = desk();
    let now = at("2026-03-02 09:00");
    for n in ["A", "B", "C"] {
        desk.receive(intake(COPY, n), &Call::new(now, "Hoa"))
            .expect("receive");
    }
    let mut jsonl = Vec::new();
    desk.export_jsonl(&mut jsonl).expect("export");
    let text = String::from_utf8(jsonl.clone()).expect("utf8");
    // Windows line endings, a blank line, and one line of bytes that are not UTF-8.
    let mut bytes = text.replace('\n', "\r\n").into_bytes();
    bytes.extend_from_slice(b"\r\n\xff\xfe{}\n");
    let path = dir.path().join("in.jsonl");
    std::fs::write(&path, &bytes).expect("write");

    let (dir2, mut fresh) = desk_pair();
    let err = fresh
        .import_jsonl_from(path.as_path(), false, &mut |_, _| {})
        .expect_err("refused");
    assert!(
        err.to_string()
            .contains("Dòng 5: dòng không phải văn bản UTF-8"),
        "{err}"
    );
    assert_eq!(fresh.count(ListFilter::All, now).expect("n"), 0);
    let mut calls = Vec::new();
    let outcome = fresh
        .import_jsonl_from(path.as_path(), true, &mut |d, t| calls.push((d, t)))
        .expect("skip invalid");
    assert_eq!(outcome.imported, 3);
    assert_eq!(calls, vec![(0, 3), (3, 3)]);
    // Reopening after the import leaves a new sled snapshot behind for the next open.
    let store = dir2.path().join("data").join("store");
    let before = snapshots(&store);
    let mut fresh = fresh.reopen().expect("reopens");
    let after = snapshots(&store);
    assert_eq!(after.len(), 1, "{after:?}");
    assert_ne!(before, after, "the import's log is now in a snapshot");
    let mut again = Vec::new();
    fresh.export_jsonl(&mut again).expect("export");
    assert_eq!(again, jsonl);
    let missing = dir.path().join("none.jsonl");
    let err = fresh
        .import_jsonl_from(missing.as_path(), false, &mut |_, _| {})
        .expect_err("no file");
    assert!(err.to_string().contains("Không đọc được tệp"), "{err}");
}

/// sled's finished snapshot files in a store directory.
fn snapshots(store: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(store)
        .expect("store dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("snap.") && !n.ends_with(".generating"))
        .collect();
    names.sort();
    names
}

fn desk_pair() -> (tempfile::TempDir, LocalDesk) {
    desk()
}

#[test]
fn notice_files_in_the_data_dir_move_due_dates() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let monday = at("2027-03-01 09:00");
    let before = {
        let desk = LocalDesk::open(&data).expect("open");
        desk.preview_due(&ProcedureCode(DEAL.to_owned()), monday)
            .expect("reads")
            .expect("due")
            .at
    };
    std::fs::write(
        data.join("calendar/2027.toml"),
        "[[off]]\nfrom = \"2027-03-02\"\nname = \"Nghỉ theo thông báo\"\n",
    )
    .expect("write notice");
    let desk = LocalDesk::open(&data).expect("open");
    let after = desk
        .preview_due(&ProcedureCode(DEAL.to_owned()), monday)
        .expect("reads")
        .expect("due")
        .at;
    assert!(after > before, "{before} → {after}");
    drop(desk);
    std::fs::write(data.join("calendar/2027.toml"), "[[off]]\nfrom = 12\n").expect("write");
    let err = LocalDesk::open(&data).expect_err("bad notice");
    assert_eq!(err.exit_code(), 2);
    assert!(err.to_string().contains("2027.toml"), "{err}");
}

#[test]
fn apology_letters_are_numbered_by_the_store_per_year() {
    let (_dir, desk) = desk();
    let mon = at("2026-03-02 09:00");
    let mut numbers = Vec::new();
    for name in ["Nguyễn Văn An", "Trần Thị Bình"] {
        let d = desk
            .receive(intake(DEAL, name), &Call::new(mon, "Hoa"))
            .expect("receive");
        let when = at("2026-03-03 08:00");
        let apology = Command::IssueApology {
            reason: "Chờ xác minh của cơ quan khác".to_owned(),
            new_due: at("2026-03-10 17:00"),
            signer: "Chủ tịch UBND xã".to_owned(),
            notified: motcua::domain::Notification::Phone,
        };
        let d = desk
            .act(&d.code, None, apology, &Call::new(when, "Hoa"))
            .expect("apology");
        assert_eq!(d.new_due_at, Some(at("2026-03-10 17:00")));
        match d.events.last().map(|e| &e.kind) {
            Some(motcua::domain::EventKind::ApologyIssued { number, year, .. }) => {
                assert_eq!(*year, 2026);
                numbers.push(*number);
            }
            other => panic!("unexpected {other:?}"),
        }
        let stored = desk.get(&d.code).expect("get").expect("there");
        assert_eq!(stored, d, "the numbered letter is what was stored");
    }
    assert_eq!(numbers, [1, 2]);
    assert!(desk.verify().expect("verify").is_consistent());
}

/// The apology list is judged from the index; it must equal the judge applied to every whole
/// dossier, at every moment of a week.
#[test]
#[expect(
    clippy::too_many_lines,
    reason = "builds a week of varied dossiers, then compares the list with the rule at every instant"
)]
fn apology_list_equals_the_domain_rule_on_every_dossier() {
    let (_dir, desk) = desk();
    let mon = at("2026-03-02 08:00");
    let mut all = Vec::new();
    for (i, p) in [COPY, DEAL, DEAL, DEAL, COPY].iter().enumerate() {
        let names = [
            "Nguyễn Văn An",
            "Trần Thị Bình",
            "Lê Văn Cường",
            "Đặng Thị Dung",
            "Hồ Văn Em",
        ];
        all.push(
            desk.receive(intake(p, names[i]), &Call::new(mon, "Hoa"))
                .expect("receive"),
        );
    }
    let t = at("2026-03-02 10:00");
    let transfer = || Command::Transfer {
        to: "Tư pháp – hộ tịch".to_owned(),
    };
    desk.act(&all[1].code, None, transfer(), &Call::new(t, "Hoa"))
        .expect("transfer");
    let apology = Command::IssueApology {
        reason: "Chờ xác minh".to_owned(),
        new_due: at("2026-03-06 17:00"),
        signer: "Chủ tịch UBND xã".to_owned(),
        notified: motcua::domain::Notification::Sms,
    };
    desk.act(&all[2].code, None, apology, &Call::new(t, "Hoa"))
        .expect("apology");
    let supplement = Command::RequestSupplement {
        reason: "Thiếu".to_owned(),
        items: vec!["Bản sao".to_owned()],
    };
    desk.act(&all[3].code, None, supplement, &Call::new(t, "Hoa"))
        .expect("supplement");
    desk.act(&all[4].code, None, transfer(), &Call::new(t, "Hoa"))
        .expect("transfer");
    desk.act(
        &all[4].code,
        None,
        Command::MarkResultReady,
        &Call::new(t, "Hoa"),
    )
    .expect("ready");
    let mut now = mon;
    while now < at("2026-03-10 17:00") {
        let mut want: Vec<(LocalTime, u64, String)> = Vec::new();
        for r in desk.list(ListFilter::All, now, Page::ALL).expect("all") {
            let d = r.dossier;
            let duty = motcua::domain::Judgement::of(&d, now, desk.calendar(), 450).duty;
            if d.status.is_open() && duty.needs_action() {
                want.push((
                    duty.sort_key().expect("key"),
                    d.id.0,
                    d.code.as_str().to_owned(),
                ));
            }
        }
        want.sort();
        let want: Vec<String> = want.into_iter().map(|(_, _, c)| c).collect();
        assert_eq!(
            codes(
                &desk
                    .list(
                        ListFilter::ApologyNeeded,
                        now,
                        Page {
                            offset: 0,
                            limit: 100
                        }
                    )
                    .expect("l")
            ),
            want,
            "at {now}"
        );
        assert_eq!(
            desk.count(ListFilter::ApologyNeeded, now).expect("n"),
            want.len() as u64
        );
        now += chrono::Duration::hours(5);
    }
}
