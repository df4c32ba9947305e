//! A real `motcua serve` on 127.0.0.1 port 0 with real TLS, clients of it (the library's
//! pinned client in threads, or the binary), and accounts to log in with.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

use motcua::desk::Call;
use motcua::domain::{Intake, ProcedureCode};
use motcua::remote::{Client, Endpoint, RemoteDesk, accounts};

pub const PASSWORD: &str = "mật-khẩu-thử-1";
pub const COPY: &str = "2.000815";

/// Where the log of a server on `dir` goes when the test does not ask for it.
fn log_path(dir: &Path) -> PathBuf {
    dir.with_file_name("serve.log")
}

/// A running server; killed when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    pub fingerprint: String,
}

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_motcua"))
}

impl Server {
    /// Starts `motcua serve` on `dir` (a free port), with `--now` when given, and waits for its
    /// first line.
    pub fn start(dir: &Path, now: Option<&str>) -> Server {
        Server::start_on(dir, now, "127.0.0.1:0")
    }

    /// Starts `motcua serve` on `dir` listening on `listen`.
    pub fn start_on(dir: &Path, now: Option<&str>, listen: &str) -> Server {
        // Its log goes beside the data directory, so a server that does not start says why.
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log_path(dir))
            .expect("log file");
        Server::spawn(dir, now, listen, Stdio::from(log))
    }

    /// Starts `motcua serve` on `dir` (a free port) with its log lines (stderr) into `log`.
    pub fn start_logged(dir: &Path, log: &Path) -> Server {
        let file = std::fs::File::create(log).expect("log file");
        Server::spawn(dir, None, "127.0.0.1:0", Stdio::from(file))
    }

    fn spawn(dir: &Path, now: Option<&str>, listen: &str, log: Stdio) -> Server {
        let mut cmd = binary();
        cmd.arg("--data-dir").arg(dir);
        if let Some(now) = now {
            cmd.args(["--now", now]);
        }
        let mut child = cmd
            .args(["serve", "--listen", listen])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("serve starts");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("piped");
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("first line");
        let parts: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            parts.len(),
            4,
            "first line: {line:?}; its log: {}",
            std::fs::read_to_string(log_path(dir)).unwrap_or_default()
        );
        assert_eq!(&parts[..2], ["motcua", "serve"], "first line: {line:?}");
        Server {
            child,
            url: parts[2].to_owned(),
            fingerprint: parts[3].to_owned(),
        }
    }

    /// `127.0.0.1:PORT` of this server.
    pub fn address(&self) -> &str {
        self.url.trim_start_matches("https://")
    }

    pub fn client(&self, token: Option<String>) -> Client {
        Client::new(
            &Endpoint::Server {
                url: self.url.clone(),
                pin: Some(self.fingerprint.clone()),
            },
            token,
        )
    }

    /// Logs `user` in and returns a desk acting as that account.
    pub fn desk_as(&self, user: &str) -> RemoteDesk {
        let token = accounts::login(&self.client(None), user, PASSWORD)
            .unwrap_or_else(|e| panic!("login {user}: {e}"))
            .token;
        RemoteDesk::new(self.client(Some(token)), false, None)
    }

    /// SIGKILL, and wait for the process to be gone.
    pub fn kill9(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM and the exit status (within 20 s).
    pub fn terminate(mut self) -> ExitStatus {
        signal(self.child.id(), "TERM");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "serve did not stop on SIGTERM");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn signal(pid: u32, name: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .expect("kill runs")
        .success();
    assert!(ok, "kill -{name} {pid}");
}

/// Runs the binary on `dir` with `args`, feeding `stdin`.
pub fn motcua(dir: &Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = binary()
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("motcua runs");
    let mut input = child.stdin.take().expect("piped");
    let _ = input.write_all(stdin.as_bytes());
    drop(input);
    child.wait_with_output().expect("motcua ends")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The full name the fixtures give the account `login`: "Nguyễn Thị " and the login's
/// letters, capitalised ("lan" → "Nguyễn Thị Lan", "quay3" → "Nguyễn Thị Quay").
pub fn full_name_of(login: &str) -> String {
    let letters: String = login.chars().filter(char::is_ascii_alphabetic).collect();
    let mut chars = letters.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase());
    format!(
        "Nguyễn Thị {}{}",
        first.map(String::from).unwrap_or_default(),
        chars.as_str()
    )
}

/// What events record for the fixtures' account `login` ("Nguyễn Thị Lan (lan)").
pub fn officer_of(login: &str) -> String {
    format!("{} ({login})", full_name_of(login))
}

/// Adds an account with [`PASSWORD`] and [`full_name_of`] its login (through the socket when a
/// server holds `dir`).
pub fn add_user(dir: &Path, name: &str, role: &str) {
    let full_name = full_name_of(name);
    let out = motcua(
        dir,
        &[
            "user",
            "add",
            name,
            "--full-name",
            &full_name,
            "--role",
            role,
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(
        out.status.success(),
        "user add {name}: {}",
        text(&out.stderr)
    );
}

/// A fresh data directory with the given accounts (name, role), made before any server runs.
pub fn ledger_with(users: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("ledger");
    for (name, role) in users {
        add_user(&dir, name, role);
    }
    (tmp, dir)
}

/// A write's call; a server without `--now` uses its own clock and the account instead.
pub fn call() -> Call {
    Call::new(now(), "máy trạm thử")
}

/// The instant a test says it is (a server without `--now` ignores it).
pub fn now() -> motcua::calendar::LocalTime {
    motcua::calendar::parse_local("2026-03-02 09:00").expect("valid")
}

pub fn intake(name: &str) -> Intake {
    Intake {
        procedure: Some(ProcedureCode(COPY.to_owned())),
        name: name.to_owned(),
        id_number: "001085012345".to_owned(),
        phone: "0912345678".to_owned(),
        sets: 1,
        ..Intake::default()
    }
}
