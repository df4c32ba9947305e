//! `motcua user add|list|disable|passwd`: the accounts of the counters, on the store itself, or
//! through the holder's socket while a desk or `serve` has it open, or on the server a counter
//! is logged in to (an administrator's session).

use super::counter::{Ledger, UserCommand, account_line, parse_role, reach};
use super::{CmdResult, Context, Failure, secret};
use crate::desk::DeskError;
use crate::domain::account::AccountInfo;
use crate::remote::accounts;

fn remote(e: crate::remote::RemoteError) -> Failure {
    Failure::from(DeskError::from(e))
}

pub fn run(ctx: &Context, cmd: UserCommand) -> CmdResult {
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
