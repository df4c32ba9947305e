//! The same machine: while a process holds the data directory, commands on it go through its
//! Unix socket (0600, no login unless the settings ask for one) instead of failing with the
//! lock message; a socket left by a killed holder does not get in the way.

use std::os::unix::fs::PermissionsExt;

use super::fixtures::{PASSWORD, Server, ledger_with, motcua, text};

#[test]
fn account_commands_go_through_the_holders_socket() {
    let (_tmp, dir) = ledger_with(&[("admin", "quan-tri")]);
    let server = Server::start(&dir, None);
    let socket = dir.join("motcua.sock");
    let mode = std::fs::metadata(&socket)
        .expect("socket")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let out = motcua(
        &dir,
        &[
            "user",
            "add",
            "lan",
            "--role",
            "tiep-nhan",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = motcua(&dir, &["user", "list"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("lan\ttiep-nhan"),
        "{}",
        text(&out.stdout)
    );
    // The new account works at once on the network side.
    server.desk_as("lan");
    // A short password is refused with the rule's words (exit 1), through the socket too.
    let out = motcua(
        &dir,
        &["user", "passwd", "lan", "--password-stdin"],
        "ngan\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("quá ngắn"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_socket_left_by_a_killed_holder_is_ignored() {
    let (_tmp, dir) = ledger_with(&[("admin", "quan-tri")]);
    let server = Server::start(&dir, None);
    server.kill9();
    assert!(
        dir.join("motcua.sock").exists(),
        "a killed holder leaves its socket"
    );
    let out = motcua(&dir, &["user", "list"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("admin"), "{}", text(&out.stdout));
    // And the next holder replaces it.
    let _server = Server::start(&dir, None);
    let out = motcua(&dir, &["user", "list"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn the_socket_can_require_a_login() {
    let (_tmp, dir) = ledger_with(&[("admin", "quan-tri")]);
    let config = dir.join("config.toml");
    let text_before = std::fs::read_to_string(&config).expect("config");
    let changed = text_before.replace("require_login = false", "require_login = true");
    assert_ne!(changed, text_before);
    std::fs::write(&config, changed).expect("config");
    let _server = Server::start(&dir, None);
    let out = motcua(&dir, &["user", "list"], "");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("Chưa đăng nhập"),
        "{}",
        text(&out.stderr)
    );
}
