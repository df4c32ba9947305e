//! Accounts through the server: lockout after five failures, role refusals, disabled accounts,
//! session expiry at the end of the working day; golden bytes of the two new records.

use motcua::desk::LocalDesk;
use motcua::desk::accounts::{NewAccount, SESSION_ENDED, WRONG_LOGIN};
use motcua::domain::account::Role;
use motcua::domain::{Command, Notification};
use motcua::remote::wire::ErrorKind;
use motcua::remote::{RemoteError, accounts};

use motcua::desk::Desk;

use super::fixtures::{PASSWORD, Server, call, intake, ledger_with, motcua, officer_of, text};

fn at(s: &str) -> motcua::calendar::LocalTime {
    motcua::calendar::parse_local(s).expect("test instant")
}

fn denied(e: &RemoteError) -> &str {
    match e {
        RemoteError::Refused {
            kind: ErrorKind::Denied,
            message,
        } => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn five_wrong_passwords_lock_the_account_for_fifteen_minutes() {
    let (_tmp, dir) = ledger_with(&[("lan", "tiep-nhan")]);
    let server = Server::start(&dir, None);
    let client = server.client(None);
    for _ in 0..4 {
        let e = accounts::login(&client, "lan", "sai-mat-khau").expect_err("wrong");
        assert_eq!(denied(&e), WRONG_LOGIN);
    }
    let e = accounts::login(&client, "lan", "sai-mat-khau").expect_err("fifth");
    assert!(denied(&e).contains("tạm khóa đến"), "{e}");
    // Now even the right password is refused, by the command line too (exit 1).
    let e = accounts::login(&client, "lan", PASSWORD).expect_err("locked");
    assert!(denied(&e).contains("tạm khóa"), "{e}");
    let cli = tempfile::tempdir().expect("dir");
    let out = motcua(
        cli.path(),
        &[
            "login",
            "--server",
            &server.url,
            "--fingerprint",
            &server.fingerprint,
            "--user",
            "lan",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("tạm khóa"),
        "{}",
        text(&out.stderr)
    );
    // An unknown name reads exactly like a wrong password.
    let e = accounts::login(&client, "khong-co", PASSWORD).expect_err("unknown");
    assert_eq!(denied(&e), WRONG_LOGIN);
}

#[test]
fn each_role_is_refused_what_it_may_not_do() {
    let (_tmp, dir) = ledger_with(&[
        ("lan", "tiep-nhan"),
        ("hung", "lanh-dao"),
        ("admin", "quan-tri"),
    ]);
    let server = Server::start(&dir, None);
    let clerk = server.desk_as("lan");
    let leader = server.desk_as("hung");
    let admin = server.desk_as("admin");
    let new = NewAccount {
        name: "moi",
        full_name: "Phạm Văn Mới",
        role: Role::Intake,
        password: PASSWORD,
    };
    for desk in [&clerk, &leader] {
        let e = accounts::add(desk.client(), &new).expect_err("refused");
        assert!(denied(&e).contains("quan-tri"), "{e}");
        assert_eq!(e.exit_code(), 1);
        let e = accounts::rename(desk.client(), "lan", "Lê Thị Lan").expect_err("refused");
        assert!(denied(&e).contains("quan-tri"), "{e}");
    }
    accounts::add(admin.client(), &new).expect("admin adds");
    let d = clerk
        .receive(intake("Nguyễn Văn Đức"), &call())
        .expect("a clerk receives");
    let apology = Command::IssueApology {
        reason: "Chờ xác minh".to_owned(),
        new_due: at("2026-12-31 17:00"),
        signer: "Chủ tịch UBND xã".to_owned(),
        notified: Notification::Sms,
    };
    let e = clerk
        .act(&d.code, None, apology, &call())
        .expect_err("a clerk does not sign");
    assert!(e.to_string().contains("lanh-dao"), "{e}");
    assert_eq!(e.exit_code(), 1);
    // Without a session, nothing but login.
    let anonymous = server.client(None);
    let e = accounts::whoami(&anonymous).expect_err("not logged in");
    assert!(denied(&e).contains("Chưa đăng nhập"), "{e}");
}

#[test]
fn a_disabled_account_loses_its_sessions() {
    let (_tmp, dir) = ledger_with(&[("lan", "tiep-nhan"), ("admin", "quan-tri")]);
    let server = Server::start(&dir, None);
    let clerk = server.desk_as("lan");
    let admin = server.desk_as("admin");
    assert!(accounts::whoami(clerk.client()).is_ok());
    accounts::disable(admin.client(), "lan").expect("disabled");
    let e = accounts::whoami(clerk.client()).expect_err("session ended");
    assert_eq!(denied(&e), SESSION_ENDED);
    let e = accounts::login(&server.client(None), "lan", PASSWORD).expect_err("disabled");
    assert!(denied(&e).contains("vô hiệu hóa"), "{e}");
}

#[test]
fn a_session_ends_with_the_working_day() {
    let tmp = tempfile::tempdir().expect("dir");
    let desk = LocalDesk::open(&tmp.path().join("d")).expect("opens");
    let new = NewAccount {
        name: "lan",
        full_name: "Nguyễn Thị Lan",
        role: Role::Intake,
        password: PASSWORD,
    };
    desk.add_account(&new, "", at("2026-03-02 08:00"))
        .expect("added");
    let login = desk
        .login("lan", PASSWORD, at("2026-03-02 09:00"))
        .expect("logs in");
    assert_eq!(login.expires_at, at("2026-03-02 17:00"));
    assert!(
        desk.authenticate(&login.token, at("2026-03-02 16:59"))
            .is_ok()
    );
    let e = desk
        .authenticate(&login.token, at("2026-03-02 17:00"))
        .expect_err("expired");
    assert_eq!(e.to_string(), SESSION_ENDED);
    // Expired sessions are removed, not kept.
    let e = desk
        .authenticate(&login.token, at("2026-03-02 16:00"))
        .expect_err("gone");
    assert_eq!(e.to_string(), SESSION_ENDED);
    assert!(
        desk.authenticate("not-a-token", at("2026-03-02 10:00"))
            .is_err()
    );
}

#[test]
fn a_step_on_a_stale_view_is_refused() {
    let (_tmp, dir) = ledger_with(&[("lan", "tiep-nhan"), ("mai", "tiep-nhan")]);
    let server = Server::start(&dir, None);
    let (a, b) = (server.desk_as("lan"), server.desk_as("mai"));
    let d = a
        .receive(intake("Trần Thị Ánh"), &call())
        .expect("received");
    let seen = d.events.len();
    let to = |unit: &str| Command::Transfer {
        to: unit.to_owned(),
    };
    a.act(&d.code, Some(seen), to("Tư pháp – hộ tịch"), &call())
        .expect("first counter's step");
    let e = b
        .act(&d.code, Some(seen), to("Địa chính"), &call())
        .expect_err("second counter saw the old view");
    assert_eq!(e.to_string(), motcua::remote::wire::STALE_VIEW);
    assert_eq!(e.exit_code(), 1);
    let now = b.get(&d.code).expect("read").expect("there");
    assert_eq!(now.events.len(), 2, "the stale step was not applied");
    assert_eq!(
        now.events[1].operator,
        officer_of("lan"),
        "the event names the account"
    );
}

fn golden_account() -> motcua::domain::account::Account {
    motcua::domain::account::Account {
        name: "lan.nguyen".to_owned(),
        role: Role::Leader,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned(),
        disabled: false,
        failed_logins: 2,
        locked_until: Some(at("2026-03-02 09:15")),
        created_at: at("2026-03-01 08:00"),
        names: Vec::new(),
    }
}

#[test]
fn account_and_session_records_keep_their_bytes() {
    use motcua::store::accounts::{
        Session, decode_account, decode_session, encode_account_v1, encode_session,
    };
    // The released V1 layout (no full name): an older build's record reads as an account
    // without names, and the layout itself never changes.
    let account = golden_account();
    let session = Session {
        account: "lan.nguyen".to_owned(),
        created_at: at("2026-03-02 08:00"),
        used_at: at("2026-03-02 08:30"),
        expires_at: at("2026-03-02 17:00"),
    };
    const ACCOUNT_V1: &[u8] = include_bytes!("../fixtures/server/account_v1.bin");
    const SESSION_V1: &[u8] = include_bytes!("../fixtures/server/session_v1.bin");
    assert_eq!(ACCOUNT_V1[0], 0, "V1 is variant 0");
    assert_eq!(encode_account_v1(&account), ACCOUNT_V1);
    assert_eq!(encode_session(&session), SESSION_V1);
    assert_eq!(decode_account(b"k", ACCOUNT_V1).expect("decodes"), account);
    assert_eq!(decode_session(b"k", SESSION_V1).expect("decodes"), session);
    let mut future = ACCOUNT_V1.to_vec();
    future[0] = 2;
    let e = decode_account(b"lan.nguyen", &future).expect_err("unknown version");
    assert!(e.to_string().contains("phiên bản 3"), "{e}");
}

#[test]
fn account_v2_keeps_its_bytes_and_its_names() {
    use motcua::domain::account::NameChange;
    use motcua::store::accounts::{decode_account, encode_account};
    let mut account = golden_account();
    account.names = vec![
        NameChange {
            at: at("2026-03-01 08:00"),
            full_name: "Nguyễn Thị Lan".to_owned(),
            by: String::new(),
        },
        NameChange {
            at: at("2026-12-02 10:30"),
            full_name: "Nguyễn Thị Lân".to_owned(),
            by: "Trần Văn Quản (quantri)".to_owned(),
        },
    ];
    const ACCOUNT_V2: &[u8] = include_bytes!("../fixtures/server/account_v2.bin");
    let bytes = encode_account(&account);
    if std::env::var_os("MOTCUA_WRITE_GOLDEN").is_some() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/server");
        std::fs::write(dir.join("account_v2.bin"), &bytes).expect("write");
    }
    assert_eq!(ACCOUNT_V2[0], 1, "V2 is variant 1");
    assert_eq!(
        bytes, ACCOUNT_V2,
        "the V2 layout changed: add a new version instead"
    );
    let read = decode_account(b"k", ACCOUNT_V2).expect("decodes");
    assert_eq!(read, account);
    assert_eq!(
        read.full_name(),
        Some("Nguyễn Thị Lân"),
        "the last name is in force"
    );
    assert_eq!(read.officer(), "Nguyễn Thị Lân (lan.nguyen)");
    for len in 0..ACCOUNT_V2.len() {
        assert!(
            decode_account(b"k", &ACCOUNT_V2[..len]).is_err(),
            "cut at {len}"
        );
    }
}
