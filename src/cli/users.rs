//! `motcua user add|list|rename|disable|passwd`: the accounts of the counters, on the store
//! itself, or through the holder's socket while a desk or `serve` has it open, or on the server
//! a counter is logged in to (an administrator's session).

use clap::Subcommand;

use super::reach::{Ledger, reach};
use super::{CmdResult, Context, Failure, secret};
use crate::calendar::LocalTime;
use crate::desk::accounts::NewAccount;
use crate::desk::{DeskError, LocalDesk};
use crate::domain::account::{AccountInfo, Role};
use crate::remote::accounts;

#[derive(Subcommand, Debug)]
pub(crate) enum UserCommand {
    /// Thêm tài khoản.
    Add {
        /// Tên đăng nhập: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.
        name: String,
        /// Họ tên cán bộ, in trên phiếu (ví dụ "Nguyễn Thị Hoa"); hỏi nếu không ghi.
        #[arg(long, value_name = "HỌ_TÊN")]
        full_name: Option<String>,
        /// Vai trò: tiep-nhan, lanh-dao hoặc quan-tri.
        #[arg(long, value_name = "ROLE")]
        role: String,
        /// Đọc mật khẩu từ dòng đầu của stdin.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Liệt kê tài khoản.
    List {
        /// In dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Đặt lại họ tên cán bộ của tài khoản (ghi lại thời điểm và người đổi); hồ sơ đã làm giữ
    /// họ tên cũ.
    Rename {
        name: String,
        /// Họ tên mới, in trên phiếu từ nay.
        #[arg(long, value_name = "HỌ_TÊN")]
        full_name: String,
    },
    /// Khóa hẳn một tài khoản (kết thúc mọi phiên đăng nhập của nó).
    Disable { name: String },
    /// Đặt mật khẩu mới (mở khóa tạm, kết thúc các phiên cũ).
    Passwd {
        name: String,
        /// Đọc mật khẩu từ dòng đầu của stdin.
        #[arg(long)]
        password_stdin: bool,
    },
}

fn remote(e: crate::remote::RemoteError) -> Failure {
    Failure::from(DeskError::from(e))
}

pub(crate) fn run(ctx: &Context, cmd: UserCommand) -> CmdResult {
    let ledger = reach(ctx)?;
    match cmd {
        UserCommand::Add {
            name,
            full_name,
            role,
            password_stdin,
        } => add(ctx, &ledger, &name, full_name, &role, password_stdin),
        UserCommand::Rename { name, full_name } => {
            let done = match &ledger {
                Ledger::Local(desk) => desk.rename_account(&name, &full_name, "", ctx.now)?,
                Ledger::Remote(c) => accounts::rename(c, &name, &full_name).map_err(remote)?,
            };
            println!(
                "Tài khoản {} từ nay mang họ tên {}.",
                done.name,
                done.full_name().unwrap_or_default()
            );
            Ok(())
        }
        UserCommand::List { json } => {
            let all: Vec<AccountInfo> = match &ledger {
                Ledger::Local(desk) => desk.account_list()?,
                Ledger::Remote(c) => accounts::list(c).map_err(remote)?,
            };
            if json {
                let text = serde_json::to_string_pretty(&all)
                    .map_err(|e| Failure::environment(e.to_string()))?;
                println!("{text}");
            } else if all.is_empty() {
                println!("Chưa có tài khoản nào.");
            } else {
                for a in &all {
                    println!("{}", account_line(a, ctx.now));
                }
            }
            Ok(())
        }
        UserCommand::Disable { name } => {
            let done = match &ledger {
                Ledger::Local(desk) => desk.disable_account(&name)?,
                Ledger::Remote(c) => accounts::disable(c, &name).map_err(remote)?,
            };
            println!("Đã khóa hẳn tài khoản {}.", done.name);
            Ok(())
        }
        UserCommand::Passwd {
            name,
            password_stdin,
        } => {
            let password = secret::read(password_stdin, "Mật khẩu mới: ", true)?;
            let done = match &ledger {
                Ledger::Local(desk) => desk.set_password(&name, &password)?,
                Ledger::Remote(c) => accounts::set_password(c, &name, &password).map_err(remote)?,
            };
            println!("Đã đặt mật khẩu mới cho {}.", done.name);
            Ok(())
        }
    }
}

/// `user add`: the full name and the password asked when not given.
fn add(
    ctx: &Context,
    ledger: &Ledger,
    name: &str,
    full_name: Option<String>,
    role: &str,
    password_stdin: bool,
) -> CmdResult {
    let role = parse_role(role)?;
    let full_name = match full_name {
        Some(n) => n,
        None => ask_full_name(name)?,
    };
    let password = secret::read(password_stdin, "Mật khẩu mới: ", true)?;
    let new = NewAccount {
        name,
        full_name: &full_name,
        role,
        password: &password,
    };
    let added = match ledger {
        // The OS user of the store's machine adds it: recorded as no account.
        Ledger::Local(desk) => desk.add_account(&new, "", ctx.now)?,
        Ledger::Remote(c) => accounts::add(c, &new).map_err(remote)?,
    };
    println!(
        "Đã thêm tài khoản {} — {} ({}).",
        added.name,
        added.full_name().unwrap_or_default(),
        added.role.slug()
    );
    Ok(())
}

/// The full name of a new account `login`, asked at the terminal when `--full-name` is not
/// given; refused without a terminal (a script must say it).
fn ask_full_name(login: &str) -> Result<String, Failure> {
    use std::io::{BufRead, IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return Err(Failure::rule(format!(
            "Cần họ tên cán bộ của tài khoản «{login}» (in trên phiếu): thêm \
             --full-name \"Nguyễn Thị Hoa\"."
        )));
    }
    let mut err = std::io::stderr();
    let _ = write!(err, "Họ tên cán bộ (in trên phiếu, ví dụ Nguyễn Thị Hoa): ");
    let _ = err.flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Failure::environment(format!("Không đọc được họ tên ({e}).")))?;
    Ok(crate::text::nfc(line.trim()))
}

/// An account as one line of `user list`.
pub(crate) fn account_line(a: &AccountInfo, now: crate::calendar::LocalTime) -> String {
    let state = if a.disabled {
        "đã khóa hẳn".to_owned()
    } else if let Some(until) = a.locked_until.filter(|u| *u > now) {
        format!("tạm khóa đến {}", until.format("%H:%M %d/%m/%Y"))
    } else {
        "đang dùng".to_owned()
    };
    let full_name = a.full_name().map_or_else(
        || "(chưa có họ tên: giấy tờ in tên đăng nhập — motcua user rename)".to_owned(),
        str::to_owned,
    );
    format!("{}\t{}\t{}\t{}", a.name, full_name, a.role.slug(), state)
}

/// Parses `--role`.
pub(crate) fn parse_role(text: &str) -> Result<Role, Failure> {
    Role::parse(text).ok_or_else(|| {
        Failure::rule(format!(
            "Vai trò «{text}» không có; dùng tiep-nhan, lanh-dao hoặc quan-tri."
        ))
    })
}

/// The account that opens the desk screen on a store this process holds, when
/// `[accounts] require_login` asks for one: its name and password at the terminal (the password
/// not echoed), checked by the same rules as a server's login (five failures lock it). The
/// session ends at once; the screen's writes are recorded as this account.
pub(crate) fn screen_login(desk: &LocalDesk, now: LocalTime) -> Result<AccountInfo, Failure> {
    use std::io::{BufRead, IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return Err(Failure::rule(
            "Bàn làm việc này yêu cầu đăng nhập ([accounts] require_login) nhưng không có cửa \
             sổ dòng lệnh để nhập tài khoản.",
        ));
    }
    let mut err = std::io::stderr();
    let _ = write!(err, "Đăng nhập bàn làm việc. Tài khoản: ");
    let _ = err.flush();
    let mut name = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut name)
        .map_err(|e| Failure::environment(format!("Không đọc được tên tài khoản ({e}).")))?;
    let name = crate::text::nfc(name.trim());
    let password = secret::prompt("Mật khẩu: ", false)?;
    let login = desk.login(&name, &password, now)?;
    drop(password);
    let _ = desk.logout(&login.token);
    Ok(login.account)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> LocalTime {
        crate::calendar::parse_local(s).expect("valid time")
    }

    #[test]
    fn a_list_line_says_when_the_name_is_missing() {
        let mut a = AccountInfo {
            name: "hoa".into(),
            full_name: None,
            role: Role::Intake,
            disabled: false,
            locked_until: None,
            created_at: at("2026-03-02 08:00"),
            names: Vec::new(),
        };
        let now = at("2026-12-02 09:00");
        assert_eq!(
            account_line(&a, now),
            "hoa\t(chưa có họ tên: giấy tờ in tên đăng nhập — motcua user rename)\ttiep-nhan\t\
             đang dùng"
        );
        a.full_name = Some("Nguyễn Thị Hoa".into());
        a.disabled = true;
        assert_eq!(
            account_line(&a, now),
            "hoa\tNguyễn Thị Hoa\ttiep-nhan\tđã khóa hẳn"
        );
    }
}
