//! Reading a password: one line from stdin (`--password-stdin`, for scripts), or typed at the
//! terminal without echo (raw mode: nothing is shown, not even stars). Never printed, never
//! logged; the returned string is dropped by the caller as soon as it is hashed or sent.

use std::io::{BufRead, IsTerminal, Write};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal;

use super::Failure;

/// One line of stdin without its line ending (NFC-normalised, as every input).
pub(crate) fn from_stdin() -> Result<String, Failure> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Failure::environment(format!("Không đọc được mật khẩu từ stdin ({e}).")))?;
    let line = line.trim_end_matches(['\n', '\r']);
    if line.is_empty() {
        return Err(Failure::rule("Không có mật khẩu trên stdin."));
    }
    Ok(crate::text::nfc(line))
}

/// Asks for a password at the terminal without echo. `confirm` asks a second time and refuses
/// a mismatch (for a new password).
pub(crate) fn prompt(label: &str, confirm: bool) -> Result<String, Failure> {
    if !std::io::stdin().is_terminal() {
        return Err(Failure::rule(
            "Không có cửa sổ dòng lệnh để nhập mật khẩu; hãy dùng --password-stdin.",
        ));
    }
    let first = read_hidden(label)?;
    if confirm && read_hidden("Nhập lại mật khẩu: ")? != first {
        return Err(Failure::rule("Hai lần nhập mật khẩu không khớp nhau."));
    }
    Ok(first)
}

/// The password from stdin or the terminal.
pub(crate) fn read(from_stdin_flag: bool, label: &str, confirm: bool) -> Result<String, Failure> {
    if from_stdin_flag {
        from_stdin()
    } else {
        prompt(label, confirm)
    }
}

fn read_hidden(label: &str) -> Result<String, Failure> {
    // Raw mode (no echo) first, the label after: keys typed as soon as the label shows are
    // never echoed by the terminal.
    terminal::enable_raw_mode()
        .map_err(|e| Failure::environment(format!("Không tắt được hiển thị bàn phím ({e}).")))?;
    let mut err = std::io::stderr();
    let _ = write!(err, "{label}");
    let _ = err.flush();
    let typed = collect_keys();
    let _ = terminal::disable_raw_mode();
    let _ = writeln!(err);
    typed.map(|t| crate::text::nfc(&t))
}

fn collect_keys() -> Result<String, Failure> {
    let mut typed = String::new();
    loop {
        let ev = event::read()
            .map_err(|e| Failure::environment(format!("Không đọc được bàn phím ({e}).")))?;
        let Event::Key(key) = ev else { continue };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        match key.code {
            KeyCode::Enter => return Ok(typed),
            KeyCode::Esc => return Err(Failure::rule("Đã hủy nhập mật khẩu.")),
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                return Err(Failure::rule("Đã hủy nhập mật khẩu."));
            }
            KeyCode::Backspace => {
                typed.pop();
            }
            KeyCode::Char(c) if !c.is_control() => typed.push(c),
            _ => {}
        }
    }
}

/// Asks a yes/no question at the terminal (stdin may be the password): "có" or "c" is yes.
pub(crate) fn confirm_on_terminal(question: &str) -> Result<bool, Failure> {
    let tty = std::fs::File::open("/dev/tty").map_err(|_| {
        Failure::rule("Không có cửa sổ dòng lệnh để xác nhận; hãy ghi rõ --fingerprint.")
    })?;
    let mut err = std::io::stderr();
    let _ = write!(err, "{question}");
    let _ = err.flush();
    let mut answer = String::new();
    std::io::BufReader::new(tty)
        .read_line(&mut answer)
        .map_err(|e| Failure::environment(format!("Không đọc được câu trả lời ({e}).")))?;
    let answer = crate::text::fold(answer.trim());
    Ok(answer == "co" || answer == "c")
}
