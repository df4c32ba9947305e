//! `motcua user add|list|disable|passwd`: the accounts of the counters, on the store itself, or
//! through the holder's socket while a desk or `serve` has it open, or on the server a counter
//! is logged in to (an administrator's session).

use clap::Subcommand;

use super::reach::{Ledger, reach};
use super::{CmdResult, Context, Failure, secret};
use crate::calendar::LocalTime;
use crate::desk::{DeskError, LocalDesk};
use crate::domain::account::{AccountInfo, Role};
use crate::remote::accounts;

#[derive(Subcommand, Debug)]
pub(crate) enum UserCommand {
    /// Thêm tài khoản.
    Add {
        name: String,
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
            role,
            password_stdin,
        } => {
            let role = parse_role(&role)?;
            let password = secret::read(password_stdin, "Mật khẩu mới: ", true)?;
            let added = match &ledger {
                Ledger::Local(desk) => desk.add_account(&name, role, &password, ctx.now)?,
                Ledger::Remote(c) => accounts::add(c, &name, role, &password).map_err(remote)?,
            };
            println!("Đã thêm tài khoản {} ({}).", added.name, added.role.slug());
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

/// An account as one line of `user list`.
pub(crate) fn account_line(a: &AccountInfo, now: crate::calendar::LocalTime) -> String {
    let state = if a.disabled {
        "đã khóa hẳn".to_owned()
    } else if let Some(until) = a.locked_until.filter(|u| *u > now) {
        format!("tạm khóa đến {}", until.format("%H:%M %d/%m/%Y"))
    } else {
        "đang dùng".to_owned()
    };
    format!("{}\t{}\t{}", a.name, a.role.slug(), state)
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
