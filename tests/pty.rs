//! The real binary in a pseudo-terminal (portable-pty + vt100): each journey waits on what the
//! screen shows, with a deadline, never on a sleep; on timeout the test fails printing the
//! screen. The binary runs on a temporary data directory with a fixed `--now`.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use unicode_normalization::UnicodeNormalization;

const DEADLINE: Duration = Duration::from_secs(20);

#[path = "pty/counters.rs"]
mod counters;
#[path = "pty/first_run.rs"]
mod first_run;

/// The terminal as the reader thread last saw it, and whether the child closed it.
struct Screen {
    parser: vt100::Parser,
    closed: bool,
}

struct Term {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    shared: Arc<(Mutex<Screen>, Condvar)>,
}

const ENTER: &str = "\r";
const TAB: &str = "\t";
const ESC: &str = "\x1b";
const SAVE: &str = "\x13"; // Ctrl-S

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has at least one row and column")
}

impl Term {
    /// The desk on `data_dir`; on a directory that does not exist yet (the desk's first start)
    /// its agency form is skipped with Esc, as most journeys are not about it.
    fn start(data_dir: &Path, now: &str, size: (u16, u16)) -> Term {
        let fresh = !data_dir.exists();
        let mut t = Term::spawn(data_dir, now, size);
        if fresh {
            t.wait_for("Lần đầu mở bàn một cửa");
            t.send(ESC);
        }
        t
    }

    fn spawn(data_dir: &Path, now: &str, (cols, rows): (u16, u16)) -> Term {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_motcua"));
        cmd.arg("--data-dir");
        cmd.arg(data_dir);
        cmd.arg("--now");
        cmd.arg(now);
        cmd.arg("--operator");
        cmd.arg("Lê Thị Hoa");
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        let child = pty.slave.spawn_command(cmd).expect("spawn motcua");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let shared = Arc::new((
            Mutex::new(Screen {
                parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
                closed: false,
            }),
            Condvar::new(),
        ));
        let feed = Arc::clone(&shared);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let (lock, cvar) = &*feed;
                let mut s = lock.lock().expect("screen lock");
                if n == 0 {
                    s.closed = true;
                } else {
                    s.parser.process(&buf[..n]);
                }
                cvar.notify_all();
                if n == 0 {
                    return;
                }
            }
        });
        Term {
            child,
            writer,
            _master: pty.master,
            shared,
        }
    }

    fn contents(&self) -> String {
        self.shared
            .0
            .lock()
            .expect("screen lock")
            .parser
            .screen()
            .contents()
    }

    /// Waits until `pred` holds for the screen text; fails with the screen on the deadline.
    fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let (lock, cvar) = &*self.shared;
        let end = Instant::now() + DEADLINE;
        let mut s = lock.lock().expect("screen lock");
        loop {
            let text = s.parser.screen().contents();
            if pred(&text) {
                return text;
            }
            let now = Instant::now();
            if now >= end || s.closed {
                drop(s);
                panic!("waited for {what}; the screen shows:\n{text}");
            }
            s = cvar.wait_timeout(s, end - now).expect("screen lock").0;
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("\"{text}\""), |s| s.contains(text))
    }

    fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("\"{text}\" to go"), |s| !s.contains(text))
    }

    fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Quits from the board and waits for the process to end with success.
    fn quit(mut self) {
        self.send("q");
        let end = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                assert!(
                    status.success(),
                    "motcua exited with {status:?}:\n{}",
                    self.contents()
                );
                return;
            }
            assert!(
                Instant::now() < end,
                "motcua did not quit:\n{}",
                self.contents()
            );
            let (lock, cvar) = &*self.shared;
            let s = lock.lock().expect("screen lock");
            let _ = cvar
                .wait_timeout(s, Duration::from_millis(50))
                .expect("screen lock");
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Receives a birth registration for `name` (typed as given) and returns the new code.
fn receive(t: &mut Term, name: &str) -> String {
    t.send("n");
    t.wait_for("Tiếp nhận hồ sơ");
    t.send("khai sinh");
    t.wait_for("Đăng ký khai sinh");
    t.send(ENTER);
    t.wait_for("Thành phần hồ sơ");
    t.send(name);
    t.send(TAB);
    t.send("001088012345");
    t.send(TAB);
    t.wait_for("Hẹn trả kết quả:");
    t.send(SAVE);
    let screen = t.wait_for("Đã tiếp nhận hồ sơ");
    let line = screen
        .lines()
        .find(|l| l.contains("Mã hồ sơ:"))
        .expect("the confirmation shows the code");
    line.split_whitespace().last().expect("a code").to_owned()
}

#[test]
fn receive_restart_find_and_hand_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let mut t = Term::start(&data, "2026-12-03 09:15", (80, 24));
    t.wait_for("Không có hồ sơ nào");
    // decomposed, as some input methods send it; the screen must show it composed
    let name: String = "Nguyễn Thị Ánh".nfd().collect();
    let code = receive(&mut t, &name);
    assert!(code.contains("-261203-"), "code {code}");
    // the receipt is offered right away; with no printer set it is written as a PDF
    t.send("p");
    t.wait_for("Đã lưu tệp in");
    let printed: Vec<_> = std::fs::read_dir(data.join("printouts"))
        .expect("a printouts directory")
        .collect();
    assert_eq!(printed.len(), 1);
    t.send(ESC);
    let board = t.wait_until("the board with the new dossier", |s| {
        s.contains("Bảng theo dõi") && s.contains("Nguyễn Thị Ánh")
    });
    assert!(
        board.contains("03/12 17:00"),
        "the appointment is on the board:\n{board}"
    );
    t.quit();

    let mut t = Term::start(&data, "2026-12-03 10:00", (120, 35));
    t.wait_for("Nguyễn Thị Ánh");
    t.send("/");
    t.wait_for("Tìm:");
    t.send("nguyen thi anh");
    t.wait_until("a search result", |s| {
        s.lines().filter(|l| l.contains("Nguyễn Thị Ánh")).count() == 1
            && s.contains("Tìm: nguyen thi anh")
    });
    t.send(ENTER);
    t.wait_for("Quá trình giải quyết");
    // transfer to the unit, result back, hand it back with a confirm
    t.send("g");
    t.wait_for("Đơn vị nhận");
    t.send(ENTER);
    t.wait_for("Xác nhận?");
    t.send("y");
    t.wait_for("Chuyển hồ sơ");
    t.send("v");
    t.wait_for("Xác nhận?");
    t.send("y");
    t.wait_for("a Trả kết quả");
    t.send("a");
    t.wait_for("Người nhận kết quả");
    t.send(ENTER);
    t.wait_for("Xác nhận?");
    t.send("y");
    t.wait_for("Đã trả kết quả");
    t.send(ESC);
    t.wait_for("Bảng theo dõi");
    t.quit();
}

#[test]
fn scanning_a_code_on_the_board_opens_the_dossier() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let mut t = Term::start(&data, "2026-12-03 09:15", (80, 24));
    t.wait_for("Không có hồ sơ nào");
    let first = receive(&mut t, "Hoàng Văn Bảy");
    t.send(ESC);
    t.wait_until("the board", |s| {
        s.contains("Bảng theo dõi") && s.contains("Hoàng Văn Bảy")
    });
    let second = receive(&mut t, "Lý Thị Chín");
    t.send(ESC);
    t.wait_until("the board", |s| {
        s.contains("Bảng theo dõi") && s.contains("Lý Thị Chín")
    });
    // a scanner types the whole code, then Enter
    t.send(&format!("{first}{ENTER}"));
    let screen = t.wait_for("Quá trình giải quyết");
    assert!(
        screen.contains(&first) && screen.contains("Hoàng Văn Bảy"),
        "{screen}"
    );
    assert!(!screen.contains(&second));
    t.send(ESC);
    t.wait_gone("Quá trình giải quyết");
    // an unknown code is a message, not an exit
    let unknown = format!("{}9999", &first[..first.len() - 4]);
    t.send(&format!("{unknown}{ENTER}"));
    t.wait_for("Không có hồ sơ mã");
    // and so is text that is no code at all (here a sequence with a fifth digit)
    t.send(&format!("{first}9{ENTER}"));
    t.wait_for("không phải mã hồ sơ");
    t.quit();
}

/// Opens the board's apology tab (four tabs right of the working list).
fn apology_tab(t: &mut Term) -> String {
    t.send(&TAB.repeat(4));
    t.wait_until("the apology tab", |s| s.contains("Hạn xin lỗi"))
}

#[test]
fn late_dossier_gets_one_apology_from_the_board() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let mut t = Term::start(&data, "2026-12-01 09:00", (120, 35));
    t.wait_for("Không có hồ sơ nào");
    t.send("n");
    t.wait_for("Tiếp nhận hồ sơ");
    t.send("xac nhan tinh trang hon nhan");
    t.wait_for("1 thủ tục khớp");
    t.send(ENTER);
    t.wait_for("Thành phần hồ sơ");
    t.send("Đinh Thị Lan");
    t.send(SAVE);
    t.wait_for("Đã tiếp nhận hồ sơ");
    t.send(ESC);
    t.wait_for("Bảng theo dõi");
    t.quit();

    // the day after the apology deadline (one working day before the due date): a breach
    let mut t = Term::start(&data, "2026-12-04 08:00", (120, 35));
    t.wait_for("Cần xin lỗi 1");
    let tab = apology_tab(&mut t);
    assert!(
        tab.contains("Đinh Thị Lan") && tab.contains("quá hạn"),
        "{tab}"
    );
    t.send(ENTER);
    t.wait_for("l Xin lỗi");
    t.send("l");
    t.wait_for("Ngày hẹn lại");
    t.send("Chờ xác minh tại nơi cư trú");
    t.send(TAB);
    t.send(TAB);
    t.send("Nguyễn Văn Chủ");
    t.send(ENTER);
    t.wait_for("Chỉ được hẹn lại một lần.");
    t.send("y");
    // The letter is offered at once; closed, the dossier shows the step.
    t.wait_for("Văn bản xin lỗi và hẹn lại ngày trả kết quả");
    t.send(ESC);
    // Issued after its deadline: accepted, and shown as late.
    t.wait_for("Xin lỗi muộn, hẹn lại");
    // The confirm box closes in the same frame; under load the reader can see a half-drawn
    // frame, so wait until the box is gone before judging the offered actions.
    let view = t.wait_gone("Xác nhận?");
    assert!(view.contains("Xin lỗi, số 01/PXL"), "{view}");
    assert!(
        !view.contains("l Xin lỗi"),
        "a second apology is not offered:\n{view}"
    );
    t.send(ESC);
    t.wait_until("the apology count to drop", |s| s.contains("Cần xin lỗi 0"));
    t.quit();

    // past the new appointment: the dossier is back on the tab, escalated
    let mut t = Term::start(&data, "2026-12-11 08:00", (120, 35));
    t.wait_for("Cần xin lỗi 1");
    let tab = apology_tab(&mut t);
    assert!(tab.contains("Trễ cả ngày hẹn lại"), "{tab}");
    t.quit();
}
