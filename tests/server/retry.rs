//! Idempotent writes: a request sent again with its key returns the first result and writes
//! nothing more, also when the first answer was lost on the way back (a proxy that drops it).

use std::io::{Read, Write};
use std::net::Shutdown;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use motcua::desk::{Call, Desk, ListFilter, Page};
use motcua::domain::Command;
use motcua::remote::{Client, Endpoint, RemoteDesk};

use super::fixtures::{Server, call, intake, ledger_with, now};

fn keyed(key: &str) -> Call {
    Call {
        request: Some(key.to_owned()),
        ..call()
    }
}

#[test]
fn a_retried_request_returns_the_first_result() {
    let (_tmp, dir) = ledger_with(&[("lan", "tiep-nhan")]);
    let server = Server::start(&dir, None);
    let desk = server.desk_as("lan");
    let first = desk
        .receive(intake("Đỗ Thị Mười"), &keyed("k-intake-1"))
        .expect("received");
    let again = desk
        .receive(intake("Đỗ Thị Mười"), &keyed("k-intake-1"))
        .expect("the retry answers");
    assert_eq!(again.code, first.code);
    let all = desk
        .list(ListFilter::All, now(), Page::first(10))
        .expect("list");
    assert_eq!(all.len(), 1, "one dossier, not two");
    // A step retried with its key (the clerk's screen still shows the old count) answers the
    // dossier after the first step, not "stale", and adds no second event.
    let step = Command::Transfer {
        to: "Tư pháp – hộ tịch".to_owned(),
    };
    let seen = Some(first.events.len());
    let stepped = desk
        .act(&first.code, seen, step.clone(), &keyed("k-step-1"))
        .expect("step");
    let retried = desk
        .act(&first.code, seen, step, &keyed("k-step-1"))
        .expect("the retried step answers");
    assert_eq!(retried.events.len(), stepped.events.len());
    assert_eq!(stepped.events.len(), first.events.len() + 1);
}

/// Forwards the Unix socket `to` (plain HTTP, so the answer is the server's first bytes) on a
/// new socket; the first connection's answer is read from the server and thrown away (the
/// client's connection is cut instead), later connections pass through.
fn lossy_proxy(to: PathBuf, at: PathBuf) {
    let listener = UnixListener::bind(&at).expect("bind");
    let lose = Arc::new(AtomicBool::new(true));
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(upstream) = UnixStream::connect(&to) else {
                continue;
            };
            let drop_answer = lose.swap(false, Ordering::SeqCst);
            std::thread::spawn(move || pipe(client, upstream, drop_answer));
        }
    });
}

fn pipe(mut client: UnixStream, upstream: UnixStream, drop_answer: bool) {
    let (mut up_read, mut up_write) = (upstream.try_clone().expect("clone"), upstream);
    let mut client_read = client.try_clone().expect("clone");
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut client_read, &mut up_write);
        let _ = up_write.shutdown(Shutdown::Write);
    });
    let mut buf = [0u8; 16 * 1024];
    loop {
        match up_read.read(&mut buf) {
            Ok(0) | Err(_) => break,
            // The server answered (it wrote, durably): the client never hears of it.
            Ok(_) if drop_answer => break,
            Ok(n) => {
                if client.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
        }
    }
    let _ = client.shutdown(Shutdown::Both);
}

#[test]
fn a_lost_answer_is_retried_without_a_second_dossier() {
    let (tmp, dir) = ledger_with(&[("lan", "tiep-nhan")]);
    let server = Server::start(&dir, None);
    let proxy = tmp.path().join("lossy.sock");
    lossy_proxy(dir.join("motcua.sock"), proxy.clone());
    let desk = RemoteDesk::new(Client::new(&Endpoint::Socket(proxy), None), false, None);
    let d = desk
        .receive(intake("Vũ Văn Hải"), &call())
        .expect("received after a retry");
    let direct = server.desk_as("lan");
    let all = direct
        .list(ListFilter::All, now(), Page::first(10))
        .expect("list");
    assert_eq!(all.len(), 1, "one dossier, not two");
    assert_eq!(all[0].dossier.code, d.code);
}
