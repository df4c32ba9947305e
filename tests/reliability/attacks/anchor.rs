//! Attack 3 taken to its end (issue 17 item 3): an attacker with the files rebuilds the ledger
//! with a changed fact (here by export, edit, import: every record and link is then new and
//! consistent, so `verify` passes; the chain has no key), but the head printed on the day's
//! signed report ("mã kiểm chứng sổ") is not on the new chain: `verify --head` says the
//! history was changed. Backups carry the head and restore shows it.

use motcua::store::Store;
use motcua::store::testing::Forge;

use super::super::fixtures::{arg, fill, stderr, stdout};
use super::{export_lines, import, receive, run, run_at};

/// The short head a report printed: the word after "Mã kiểm chứng sổ:".
fn printed_head(text: &str) -> String {
    let at = text
        .find("Mã kiểm chứng sổ: ")
        .unwrap_or_else(|| panic!("no head printed in: {text}"));
    text[at..]
        .split_whitespace()
        .nth(4)
        .expect("the hash")
        .to_owned()
}

#[test]
fn attack_3_a_rebuilt_ledger_no_longer_passes_through_the_printed_head() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    receive(&data, "Nguyễn Văn An", &[]);
    receive(&data, "Trần Thị Bình", &[]);
    // The day's report, printed and signed at 17:00, and the period statistics, carry the head.
    let o = run_at(&data, "2026-03-02 17:00", &["report", "day", "2026-03-02"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let head = printed_head(&stdout(&o));
    assert_eq!(head.len(), 16, "{head}");
    let o = run_at(
        &data,
        "2026-03-02 17:00",
        &[
            "report",
            "period",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-02",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(printed_head(&stdout(&o)), head, "one head for both reports");
    // Work goes on the next day; the printed head stays on the chain.
    let o = run_at(
        &data,
        "2026-03-03 09:00",
        &[
            "receive",
            "--procedure",
            "2.000815",
            "--name",
            "Lê Văn Cường",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let check = ["verify", "--head", &head, "--at", "2026-03-02 17:00"];
    let o = run(&data, &check);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("khớp"), "{}", stdout(&o));
    // A head printed before the events it covers is refused.
    let o = run(
        &data,
        &["verify", "--head", &head, "--at", "2026-03-02 08:00"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    // Backups carry the head; restore shows it.
    let file = dir.path().join("b.bak");
    let o = run(&data, &["backup", "--out", arg(&file)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let backed = printed_head(&stdout(&o));
    let o = run(&dir.path().join("restored"), &["restore", arg(&file)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(printed_head(&stdout(&o)), backed);

    // The attack with no binary editing: export, change a fact no rule derives (the
    // applicant's name), import into an empty folder. Every record and link is new and
    // consistent, so `verify` alone passes; the printed head is not on the new chain.
    let mut lines = export_lines(&data);
    lines[0]["applicant"]["name"] = serde_json::json!("Người Khác");
    let data = dir.path().join("laundered");
    let o = import(&data, &dir.path().join("x.jsonl"), &lines);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&data, &["verify"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "a rebuilt chain is consistent in itself: only the anchor can tell: {}",
        stdout(&o)
    );
    let o = run(&data, &check);
    assert_eq!(
        o.status.code(),
        Some(2),
        "the forgery passed: {}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("Lịch sử sổ đã bị thay đổi"),
        "{}",
        stderr(&o)
    );
    // A head that is no hex, or too short, is a clear refusal, not a pass.
    let o = run(&data, &["verify", "--head", "xyz"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
}

/// The head is read from the head value, which keeps the events covered: read again after
/// more writes on the same handle, and on a fresh handle, it is the head a walk of every link
/// finds (`verify` walks from the start).
#[test]
fn the_head_read_again_after_writes_is_the_head_a_fresh_walk_finds() {
    let dir = tempfile::tempdir().expect("dir");
    let (first, later) = {
        let store = Store::open(dir.path()).expect("opens");
        fill(&store, 3);
        let first = store.anchor().expect("head");
        fill(&store, 4);
        (first, store.anchor().expect("head"))
    };
    // fill: n intakes, every other one transferred.
    assert_eq!(first.events, 3 + 2);
    assert_eq!(later.events, first.events + 4 + 2);
    assert_ne!(first.hash, later.hash);
    let fresh = Store::open(dir.path()).expect("reopens");
    assert_eq!(fresh.anchor().expect("head"), later);
    // `verify` walks every link and compares the kept count and hash with what it walked.
    assert!(fresh.verify().expect("verify").is_consistent());
}

/// A head written by a build that kept only the sequence and the hash (40 bytes): the events
/// are counted from the links, the count is kept at the next writable open, and `verify`
/// refuses a kept count that is not the chain's.
#[test]
fn a_head_without_its_event_count_is_walked_once_then_kept_and_checked() {
    let dir = tempfile::tempdir().expect("dir");
    let want = {
        let store = Store::open(dir.path()).expect("opens");
        fill(&store, 5);
        let want = store.anchor().expect("head");
        let head = store
            .read_raw("meta", b"chain_head")
            .expect("reads")
            .expect("a head");
        assert_eq!(head.len(), 48, "sequence, hash, events");
        store
            .forge_raw("meta", b"chain_head", &head[..40])
            .expect("an older build's head");
        assert_eq!(store.anchor().expect("walked"), want);
        want
    };
    let store = Store::open(dir.path()).expect("reopens");
    let head = store
        .read_raw("meta", b"chain_head")
        .expect("reads")
        .expect("a head");
    assert_eq!(head.len(), 48, "the count is kept again at open");
    assert_eq!(store.anchor().expect("head"), want);
    assert!(store.verify().expect("verify").is_consistent());
    let mut wrong = head.clone();
    wrong[47] ^= 1;
    store
        .forge_raw("meta", b"chain_head", &wrong)
        .expect("a forged count");
    let report = store.verify().expect("verify");
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("Đầu chuỗi sự kiện ghi")),
        "{:?}",
        report.problems
    );
}
