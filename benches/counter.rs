//! Counter mode under load: `cargo bench --bench counter`.
//!
//! Starts the release `motcua serve` on 127.0.0.1 (real TLS, a fresh data directory under
//! `target/bench-data/counter`), logs in 16 accounts, then for 1, 4 and 16 concurrent clients
//! (one thread and one keep-alive connection each) times intakes and steps (a transfer of a
//! dossier the client received), and prints median, p99 and throughput. Beside it, in the same
//! run, the local desk (the store in this process, no network) does the same intakes and steps
//! one at a time, and a board refresh is timed: from one counter's acknowledged intake to
//! another counter's long poll waking and its fetch of the new dossier. Every write is durable
//! (fsync) on both sides. Run it on a quiet machine (`uptime`: load < 1). Nothing here runs in
//! `cargo test`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use motcua::desk::{Call, Desk, ListFilter, LocalDesk, Page};
use motcua::domain::{Command as Step, Intake, ProcedureCode};
use motcua::remote::{Client, Endpoint, RemoteDesk, accounts};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PASSWORD: &str = "mật-khẩu-đo-1";
/// Intakes (and then steps) per client per round.
const PER_CLIENT: usize = 100;
const GIVEN: [&str; 8] = ["An", "Bình", "Cường", "Dũng", "Hà", "Lan", "Minh", "Ngân"];

fn intake(i: usize, n: usize) -> Intake {
    Intake {
        procedure: Some(ProcedureCode("2.000815".to_owned())),
        name: format!("Nguyễn {} {}", GIVEN[i % 8], GIVEN[n % 8]),
        id_number: "001085012345".to_owned(),
        phone: "0912345678".to_owned(),
        sets: 1,
        ..Intake::default()
    }
}

fn now() -> motcua::calendar::LocalTime {
    motcua::calendar::parse_local("2026-03-02 09:00").expect("time")
}

/// A write's call (a server uses its own clock and the logged-in account instead).
fn call() -> Call {
    Call::new(now(), "bench")
}

fn transfer() -> Step {
    Step::Transfer {
        to: "Tư pháp – hộ tịch".to_owned(),
    }
}

/// Sorted latencies of one kind of request.
struct Stat(Vec<Duration>);

impl Stat {
    fn of(mut v: Vec<Duration>) -> Stat {
        v.sort_unstable();
        Stat(v)
    }
    fn at(&self, q: f64) -> Duration {
        let i = ((self.0.len() - 1) as f64 * q).round() as usize;
        self.0[i]
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

struct Server {
    child: Child,
    url: String,
    pin: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn motcua(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_motcua"));
    c.arg("--data-dir").arg(dir);
    c
}

fn start(dir: &Path) -> Server {
    use std::io::BufRead;
    let mut child = motcua(dir)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("piped"))
        .read_line(&mut line)
        .expect("first line");
    let parts: Vec<&str> = line.split_whitespace().collect();
    Server {
        url: parts[2].to_owned(),
        pin: parts[3].to_owned(),
        child,
    }
}

fn desk_as(server: &Server, user: &str) -> RemoteDesk {
    let client = |token| {
        Client::new(
            &Endpoint::Server {
                url: server.url.clone(),
                pin: Some(server.pin.clone()),
            },
            token,
        )
    };
    let token = accounts::login(&client(None), user, PASSWORD)
        .expect("login")
        .token;
    RemoteDesk::new(client(Some(token)), false, None)
}

/// Every latency of one round and its wall time.
struct Round {
    intakes: Stat,
    intake_wall: Duration,
    steps: Stat,
    step_wall: Duration,
}

/// `n` clients at once: first every client's intakes, then (after all finished) its steps.
fn round(desks: &[RemoteDesk], n: usize) -> Round {
    let barrier = Arc::new(Barrier::new(n + 1));
    std::thread::scope(|s| {
        let handles: Vec<_> = desks[..n]
            .iter()
            .enumerate()
            .map(|(i, desk)| {
                let barrier = barrier.clone();
                s.spawn(move || {
                    barrier.wait();
                    let (mut intakes, mut steps, mut codes) = (Vec::new(), Vec::new(), Vec::new());
                    for k in 0..PER_CLIENT {
                        let t = Instant::now();
                        codes.push(desk.receive(intake(i, k), &call()).expect("intake").code);
                        intakes.push(t.elapsed());
                    }
                    barrier.wait();
                    barrier.wait();
                    for code in &codes {
                        let t = Instant::now();
                        desk.act(code, Some(1), transfer(), &call()).expect("step");
                        steps.push(t.elapsed());
                    }
                    (intakes, steps)
                })
            })
            .collect();
        barrier.wait();
        let t = Instant::now();
        barrier.wait();
        let intake_wall = t.elapsed();
        barrier.wait();
        let t = Instant::now();
        let (intakes, steps): (Vec<_>, Vec<_>) = handles
            .into_iter()
            .map(|h| h.join().expect("client"))
            .unzip();
        Round {
            intakes: Stat::of(intakes.concat()),
            intake_wall,
            steps: Stat::of(steps.concat()),
            step_wall: t.elapsed(),
        }
    })
}

fn line(what: &str, clients: usize, stat: &Stat, wall: Duration) {
    let per_s = stat.0.len() as f64 / wall.as_secs_f64();
    println!(
        "| {what} | {clients} | {} | {} | {per_s:.0}/s |",
        ms(stat.at(0.5)),
        ms(stat.at(0.99))
    );
}

fn local(dir: &Path) {
    let desk = LocalDesk::open(dir).expect("local desk");
    let (mut intakes, mut steps, mut codes) = (Vec::new(), Vec::new(), Vec::new());
    let start = Instant::now();
    for k in 0..PER_CLIENT {
        let t = Instant::now();
        codes.push(desk.receive(intake(0, k), &call()).expect("intake").code);
        intakes.push(t.elapsed());
    }
    let intake_wall = start.elapsed();
    let start = Instant::now();
    for code in &codes {
        let t = Instant::now();
        desk.act(code, Some(1), transfer(), &call()).expect("step");
        steps.push(t.elapsed());
    }
    line("intake, local desk", 1, &Stat::of(intakes), intake_wall);
    line("step, local desk", 1, &Stat::of(steps), start.elapsed());
}

/// From an intake acknowledged at one counter to another counter's desk reporting a new change
/// counter (its background long poll woke) and having fetched its board page with the new
/// dossier. The desk screen looks at the counter every 250 ms when no key is pressed, so a
/// board on screen refreshes within this plus at most 250 ms.
fn board_refresh(server: &Server) -> Stat {
    let (writer, watcher) = (desk_as(server, "quay0"), desk_as(server, "quay1"));
    let mut samples = Vec::new();
    for k in 0..50 {
        let seen = watcher.changes().expect("counter");
        let d = writer.receive(intake(3, k), &call()).expect("intake");
        let acked = Instant::now();
        while watcher.changes().expect("counter") == seen {
            std::thread::sleep(Duration::from_micros(200));
        }
        let page = watcher
            .board(ListFilter::Today, now(), Page::first(20), true)
            .expect("board");
        assert!(page.rows.iter().any(|r| r.dossier.code == d.code));
        samples.push(acked.elapsed());
        std::thread::sleep(Duration::from_millis(50));
    }
    Stat::of(samples)
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/counter");
    let _ = std::fs::remove_dir_all(&root);
    let (served, alone) = (root.join("served"), root.join("local"));
    for i in 0..16 {
        let mut child = motcua(&served)
            .args(["user", "add", &format!("quay{i}"), "--role", "tiep-nhan"])
            .args(["--full-name", "Nguyễn Thị Quầy"])
            .arg("--password-stdin")
            .stdin(Stdio::piped())
            .spawn()
            .expect("user add");
        use std::io::Write;
        let mut input = child.stdin.take().expect("piped");
        writeln!(input, "{PASSWORD}").expect("password");
        drop(input);
        assert!(child.wait().expect("ends").success());
    }
    let server = start(&served);
    let desks: Vec<RemoteDesk> = (0..16)
        .map(|i| desk_as(&server, &format!("quay{i}")))
        .collect();
    println!("| request | clients | median | p99 | throughput |");
    println!("|---|---|---|---|---|");
    local(&alone);
    for n in [1, 4, 16] {
        let r = round(&desks, n);
        line("intake over TLS", n, &r.intakes, r.intake_wall);
        line("step over TLS", n, &r.steps, r.step_wall);
    }
    let refresh = board_refresh(&server);
    println!(
        "\nBoard refresh after a change at another counter (50 samples): median {}, p99 {}",
        ms(refresh.at(0.5)),
        ms(refresh.at(0.99))
    );
}
