//! Transport and process: the pinned certificate (a wrong pin, a server whose certificate
//! changed), `login`/`logout` files, the server's clock against a client's `--now`, and SIGTERM.

use motcua::desk::Call;
use motcua::remote::{RemoteDesk, RemoteError, accounts};

use motcua::desk::Desk;

use super::fixtures::{PASSWORD, Server, call, intake, ledger_with, motcua, now, text};

fn at(s: &str) -> motcua::calendar::LocalTime {
    motcua::calendar::parse_local(s).expect("test instant")
}

fn login_args<'a>(server: &'a Server, fingerprint: &'a str, user: &'a str) -> Vec<&'a str> {
    vec![
        "login",
        "--server",
        &server.url,
        "--fingerprint",
        fingerprint,
        "--user",
        user,
        "--password-stdin",
    ]
}

#[test]
fn a_certificate_other_than_the_pinned_one_is_refused() {
    let (_tmp, dir) = ledger_with(&[("lan", "tiep-nhan")]);
    let server = Server::start(&dir, None);
    let counter = tempfile::tempdir().expect("dir");
    let wrong = format!("SHA256:{}", "ab".repeat(32));
    let out = motcua(
        counter.path(),
        &login_args(&server, &wrong, "lan"),
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains(&server.fingerprint),
        "{}",
        text(&out.stderr)
    );
    assert!(!counter.path().join("server.toml").exists());
    // The right pin logs in and keeps the link private.
    let out = motcua(
        counter.path(),
        &login_args(&server, &server.fingerprint, "lan"),
        &format!("{PASSWORD}\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let link = counter.path().join("server.toml");
    let saved = std::fs::read_to_string(&link).expect("saved");
    assert!(saved.contains(&server.fingerprint) && !saved.contains(PASSWORD));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&link).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // The server gets a new certificate: the counter refuses to talk to it (exit 2).
    let address = server.address().to_owned();
    drop(server);
    std::fs::remove_dir_all(dir.join("tls")).expect("remove identity");
    let server = Server::start_on(&dir, None, &address);
    let out = motcua(counter.path(), &["user", "list"], "");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("đã thay đổi"),
        "{}",
        text(&out.stderr)
    );
    let stale_pin = saved
        .lines()
        .find_map(|l| l.strip_prefix("fingerprint = "))
        .expect("pin line")
        .trim_matches('"')
        .to_owned();
    let desk = RemoteDesk::new(
        motcua::remote::Client::new(
            &motcua::remote::Endpoint::Server {
                url: server.url.clone(),
                pin: Some(stale_pin),
            },
            None,
        ),
        false,
        None,
    );
    match accounts::login(desk.client(), "lan", PASSWORD) {
        Err(RemoteError::ChangedCertificate { seen, .. }) => assert_eq!(seen, server.fingerprint),
        other => panic!("expected a changed certificate, got {other:?}"),
    }
}

#[test]
fn logout_ends_the_session_and_forgets_the_server() {
    let (_tmp, dir) = ledger_with(&[("admin", "quan-tri")]);
    let server = Server::start(&dir, None);
    let counter = tempfile::tempdir().expect("dir");
    let out = motcua(
        counter.path(),
        &login_args(&server, &server.fingerprint, "admin"),
        &format!("{PASSWORD}\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = motcua(counter.path(), &["user", "list"], "");
    assert!(
        text(&out.stdout).contains("admin\tNguyễn Thị Admin\tquan-tri"),
        "{}",
        text(&out.stdout)
    );
    let saved = std::fs::read_to_string(counter.path().join("server.toml")).expect("saved");
    let token = saved
        .lines()
        .find_map(|l| l.strip_prefix("token = "))
        .expect("token line")
        .trim_matches('"')
        .to_owned();
    let out = motcua(counter.path(), &["logout"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!counter.path().join("server.toml").exists());
    // The token is dead on the server too.
    let e = accounts::whoami(&server.client(Some(token))).expect_err("ended");
    assert_eq!(e.exit_code(), 1);
}

#[test]
fn the_server_clock_is_the_truth() {
    let (_tmp, dir) = ledger_with(&[("lan", "tiep-nhan")]);
    let server = Server::start(&dir, None);
    let token = accounts::login(&server.client(None), "lan", PASSWORD)
        .expect("login")
        .token;
    // The clerk gave --now: the desk sends it, and the server refuses it.
    let backdating = RemoteDesk::new(server.client(Some(token)), true, None);
    let back = Call::new(at("2020-01-02 09:00"), "lan");
    let e = backdating
        .receive(intake("Lê Văn Tám"), &back)
        .expect_err("refused");
    assert!(e.to_string().contains("đồng hồ"), "{e}");
    assert_eq!(e.exit_code(), 1);
    drop(server);
    // A server started with --now (tests, demos) takes its clients' instants.
    let server = Server::start(&dir, Some("2026-03-02 09:00"));
    let token = accounts::login(&server.client(None), "lan", PASSWORD)
        .expect("login")
        .token;
    let demo = RemoteDesk::new(server.client(Some(token)), true, None);
    let d = demo
        .receive(
            intake("Lê Văn Tám"),
            &Call::new(at("2026-03-03 10:00"), "lan"),
        )
        .expect("received");
    assert!(
        d.code.as_str().contains("-260303-"),
        "{}",
        d.code.to_string()
    );
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let (_tmp, dir) = ledger_with(&[("lan", "tiep-nhan")]);
    let server = Server::start(&dir, None);
    let desk = server.desk_as("lan");
    desk.receive(intake("Phạm Thị Hoa"), &call())
        .expect("received");
    assert!(dir.join("motcua.sock").exists());
    let status = server.terminate();
    assert!(status.success(), "{status:?}");
    assert!(!dir.join("motcua.sock").exists(), "the socket is removed");
    let e = desk
        .receive(intake("Phạm Thị Hoa"), &call())
        .expect_err("stopped");
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().contains("Mất kết nối tới máy chủ"), "{e}");
}

#[test]
fn log_lines_hold_no_personal_data_and_no_password() {
    let (tmp, dir) = ledger_with(&[("lan", "tiep-nhan")]);
    let log = tmp.path().join("serve.log");
    let server = Server::start_logged(&dir, &log);
    let desk = server.desk_as("lan");
    let mut form = intake("Hoàng Thị Xuân");
    form.address = "Thôn Bản Chắt".to_owned();
    let d = desk.receive(form, &call()).expect("received");
    desk.search("Xuân", 10, now()).expect("search");
    desk.search("001085012345", 10, now())
        .expect("search by ID number");
    assert!(accounts::login(&server.client(None), "lan", "sai-mat-khau").is_err());
    assert!(server.terminate().success());
    let text = std::fs::read_to_string(&log).expect("log");
    assert!(text.contains("POST /v1/dossiers 200"), "{text}");
    assert!(
        text.contains(d.code.as_str()) || text.contains("/v1/search"),
        "{text}"
    );
    for secret in [
        "Hoàng",
        "Xuân",
        "Xu%C3%A2n",
        "001085012345",
        "0912345678",
        "Bản Chắt",
        PASSWORD,
        "sai-mat-khau",
    ] {
        assert!(
            !text.contains(secret),
            "«{secret}» in the server log:\n{text}"
        );
    }
}
