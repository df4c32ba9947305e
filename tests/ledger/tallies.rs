//! The per-day tallies give exactly the statistics `report::period::period_stats` computes over
//! every dossier: on a generated ledger (supplements, pauses, apologies, refusals, hand-backs
//! with ratings), for many periods and cut-off instants, after tallies kept write by write,
//! rebuilt at open, and after more intakes and actions through the desk.

use chrono::{Duration, NaiveDate};
use motcua::calendar::LocalTime;
use motcua::desk::{Call, Desk, ListFilter, LocalDesk, Page};
use motcua::domain::{Channel, Command, Dossier, Intake};
use motcua::report::day::day_summary;
use motcua::report::period::{clerk_figures, period_stats};
use motcua::store::Store;

use crate::support::at as t;
use motcua::store::testing::Forge;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("valid date")
}

/// Generates `n` dossiers over a year ending at `end` straight into the bare store of `dir`
/// (with or without a tallier), as `motcua demo generate` does.
fn generate(dir: &std::path::Path, n: u64, end: LocalTime, tallied: bool) {
    let desk = LocalDesk::open(dir).expect("desk opens");
    let catalogue = desk.catalogue().expect("catalogue");
    let cal = desk.calendar().clone();
    let (tallier, inputs) = desk.tallier();
    drop(desk);
    let mut store = Store::open(dir).expect("store opens");
    if tallied {
        store.set_tallier(tallier, &inputs).expect("tallier set");
    }
    let plan = motcua::demo::Plan {
        dossiers: n,
        years: 1,
        seed: 7,
        end,
        agency_code: "000.00.20.H30".to_owned(),
        operators: vec!["Nguyễn Thị Lan".to_owned(), "Hoàng Văn Minh".to_owned()],
    };
    let mut batch: Vec<Dossier> = Vec::new();
    motcua::demo::generate(&plan, &catalogue, &cal, |d| {
        batch.push(d);
        if batch.len() == 250 {
            store.import(&batch)?;
            batch.clear();
        }
        Ok::<(), motcua::store::StoreError>(())
    })
    .expect("generated");
    store.import(&batch).expect("last batch");
}

fn periods(now: LocalTime) -> Vec<(NaiveDate, NaiveDate)> {
    let today = now.date();
    let mut v = vec![
        (today - Duration::days(365), today),
        (today - Duration::days(200), today - Duration::days(20)),
        (today, today),
        (today - Duration::days(1), today - Duration::days(1)),
        (today - Duration::days(6), today + Duration::days(30)),
        (today + Duration::days(1), today + Duration::days(3)),
        (d("2020-01-01"), d("2030-12-31")),
    ];
    for m in 0..13 {
        let from = today - Duration::days(30 * m + 31);
        v.push((from, from + Duration::days(30)));
    }
    v
}

fn check(desk: &LocalDesk, now: LocalTime, what: &str) {
    let all: Vec<_> = desk
        .list(ListFilter::All, now, Page::ALL)
        .expect("reads")
        .into_iter()
        .map(|r| r.dossier)
        .collect();
    let l = desk.settings().letterhead();
    let window = desk.settings().desk.due_soon_minutes;
    let want = day_summary(&all, now.date(), now, desk.calendar(), window);
    let mut got = desk.day_summary(now.date(), now).expect("reads");
    assert!(got.head.is_some(), "{what}: the desk prints the chain head");
    got.head = None;
    assert_eq!(got, want, "{what}: summary of {now}");
    assert!(
        got.open_overdue > 0 && !got.apologies_owed.is_empty() && got.waiting_collection > 0,
        "{what}: the summary exercises the open figures"
    );
    let mut seen = motcua::report::period::Counts::default();
    let (mut letters, mut units, mut officers) = (0, 0, 0);
    for (from, to) in periods(now) {
        let want = period_stats(&all, from, to, now, desk.calendar(), &l).expect("valid");
        let mut got = desk.period_stats(from, to, now).expect("tallies read");
        assert!(got.head.is_some(), "{what}: the desk prints the chain head");
        got.head = None;
        assert_eq!(got, want, "{what}: period {from}..{to} at {now}");
        assert!(got.total.balanced(), "{what}: {from}..{to} balanced");
        // The clerk's figures (issue 16 item 9): the desk's, read from the indexes, equal
        // those over every dossier, and add up to Biểu 06's received and resolved columns.
        let figures = desk.clerk_figures(from, to, now).expect("figures");
        let all_figures = clerk_figures(&all, from, to, now).expect("valid");
        assert_eq!(
            figures, all_figures,
            "{what}: figures {from}..{to} at {now}"
        );
        let f = &figures.total;
        assert_eq!(
            f.received,
            got.total.received_in_period(),
            "{what}: {from}..{to}"
        );
        assert_eq!(
            f.resolved(),
            got.total.resolved_total,
            "{what}: {from}..{to}"
        );
        assert_eq!(
            f.resolved_late, got.total.resolved_late,
            "{what}: {from}..{to}"
        );
        for rows in [&figures.by_officer, &figures.by_unit] {
            let received: u64 = rows.iter().map(|r| r.counts.received).sum();
            assert_eq!(received, f.received, "{what}: rows add up to the total");
        }
        letters += f.apology_letters;
        units = units.max(figures.by_unit.len());
        officers = officers.max(figures.by_officer.len());
        seen.carried_over += got.total.carried_over;
        seen.open_overdue += got.total.open_overdue;
        seen.open_within += got.total.open_within;
        seen.waiting_supplement += got.total.waiting_supplement;
        seen.resolved_late += got.total.resolved_late;
        seen.ended_other += got.total.ended_other;
    }
    assert!(
        letters > 0 && units > 1 && officers > 1,
        "{what}: the figures exercise letters ({letters}), units ({units}), officers ({officers})"
    );
    // The comparison means something only if every column was exercised.
    for (n, col) in [
        (seen.carried_over, "carried over"),
        (seen.open_overdue, "open overdue"),
        (seen.open_within, "open within"),
        (seen.waiting_supplement, "waiting supplement"),
        (seen.resolved_late, "resolved late"),
        (seen.ended_other, "ended otherwise"),
    ] {
        assert!(n > 0, "{what}: no period exercised {col}");
    }
}

#[test]
fn tallies_equal_the_dossiers_kept_write_by_write_and_rebuilt() {
    let end = t("2026-11-27 15:00");
    for tallied in [true, false] {
        let dir = tempfile::tempdir().expect("tempdir");
        generate(dir.path(), 1500, end, tallied);
        let desk = LocalDesk::open(dir.path()).expect("desk opens");
        let what = if tallied { "kept" } else { "rebuilt" };
        for now in [
            end,
            t("2026-11-27 17:30"),
            t("2026-11-30 08:00"),
            t("2027-01-04 10:00"),
        ] {
            check(&desk, now, what);
        }
    }
}

#[test]
fn tallies_follow_intakes_and_actions_through_the_desk() {
    let end = t("2026-11-27 15:00");
    let dir = tempfile::tempdir().expect("tempdir");
    generate(dir.path(), 600, end, true);
    let desk = LocalDesk::open(dir.path()).expect("desk opens");
    let procedure = desk.catalogue().expect("catalogue")[0].code.clone();
    let mut now = t("2026-11-30 08:00");
    let mut codes = Vec::new();
    for i in 0..12 {
        let intake = Intake {
            procedure: Some(procedure.clone()),
            name: format!("Nguyễn Văn {}", ["An", "Bình", "Chi", "Dũng"][i % 4]),
            id_number: format!("0010900{i:05}"),
            phone: "0912345678".to_owned(),
            channel: Some(if i % 3 == 0 {
                Channel::Online
            } else {
                Channel::Direct
            }),
            sets: 1,
            ..Intake::default()
        };
        let r = desk
            .receive(intake, &Call::new(now, "Nguyễn Thị Lan"))
            .expect("received");
        codes.push(r.code.clone());
        now += Duration::minutes(17);
    }
    check(&desk, now, "after intakes");
    for (i, code) in codes.iter().enumerate() {
        let cmd = match i % 3 {
            0 => Command::MarkResultReady,
            1 => Command::RequestSupplement {
                reason: "Thiếu bản sao".to_owned(),
                items: vec!["Bản sao giấy khai sinh".to_owned()],
            },
            _ => Command::Refuse {
                reason: "Không thuộc thẩm quyền".to_owned(),
            },
        };
        if desk
            .act(code, None, cmd, &Call::new(now, "Nguyễn Thị Lan"))
            .is_ok()
        {
            now += Duration::minutes(3);
        }
    }
    check(&desk, now, "after actions");
    check(&desk, now + Duration::days(9), "later");
}

#[test]
fn verify_catches_a_forged_tally_and_a_new_notice_rebuilds_them() {
    let end = t("2026-11-27 15:00");
    let dir = tempfile::tempdir().expect("tempdir");
    generate(dir.path(), 400, end, true);
    {
        let desk = LocalDesk::open(dir.path()).expect("desk opens");
        assert!(desk.verify().expect("verifies").is_consistent());
    }
    {
        let store = Store::open(dir.path()).expect("store opens");
        let key = motcua::store::tally::key(
            motcua::domain::tally::RATING,
            d("2026-11-20"),
            &["Rất hài lòng".to_owned()],
        );
        let value = motcua::store::tally::encode_counts(&[999]);
        store.forge_raw("tallies", &key, &value).expect("forged");
    }
    let desk = LocalDesk::open(dir.path()).expect("desk opens");
    let report = desk.verify().expect("verifies");
    assert!(
        report.problems.iter().any(|p| p.contains("bảng đếm")),
        "{:?}",
        report.problems
    );
    drop(desk);
    // A notice that makes a past Wednesday a day off changes working time: reopening rebuilds.
    std::fs::write(
        dir.path().join("calendar/2026.toml"),
        "source = \"Thông báo thử\"\n\n[[off]]\nfrom = \"2026-11-25\"\nname = \"Nghỉ bù\"\n",
    )
    .expect("notice written");
    let desk = LocalDesk::open(dir.path()).expect("desk opens");
    assert!(desk.verify().expect("verifies").is_consistent());
    check(&desk, end, "after a new notice");
}

#[test]
fn status_values_from_an_older_build_are_rewritten_at_open() {
    let end = t("2026-11-27 15:00");
    let dir = tempfile::tempdir().expect("tempdir");
    generate(dir.path(), 300, end, true);
    let desk = LocalDesk::open(dir.path()).expect("desk opens");
    let open = desk
        .list(ListFilter::Overdue, end, Page::first(1))
        .expect("reads");
    let d = open.first().expect("an overdue dossier").dossier.clone();
    drop(desk);
    let key = motcua::store::keys::status_due_key(d.status, d.due_at, d.id.0);
    {
        let store = Store::open(dir.path()).expect("store opens");
        // A layout-1 value, and an older mark: as a store from an older build.
        store
            .forge_raw("by_status_due", &key, &[0])
            .expect("forged");
        store
            .forge_raw("meta", b"status_values", &1u64.to_be_bytes())
            .expect("mark reset");
    }
    {
        let store = Store::open(dir.path()).expect("store opens");
        let v = store.read_raw("by_status_due", &key).expect("reads");
        let v = v.expect("the entry is still there");
        let (_, code, name) =
            motcua::store::keys::parse_status_due_value(&v).expect("the current layout");
        assert_eq!((code, name), (d.code.as_str(), d.applicant.name.as_str()));
    }
    let desk = LocalDesk::open(dir.path()).expect("desk opens");
    assert!(desk.verify().expect("verifies").is_consistent());
}
