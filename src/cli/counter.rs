//! Subcommands of counter mode: `serve` (hold the ledger and serve the counters), `login` and
//! `logout` (link a counter's data directory to a server), `user …` (accounts, in `users`).

use std::net::ToSocketAddrs;

use clap::Subcommand;

use super::{CmdResult, Context, Failure, secret};
use crate::remote::{Client, Endpoint, accounts, profile};
use crate::server::{self, ServeOptions};

#[derive(Subcommand, Debug)]
pub(crate) enum CounterCommand {
    /// Giữ sổ hồ sơ và phục vụ các quầy qua mạng (HTTPS); Ctrl-C hoặc SIGTERM để dừng.
    Serve {
        /// Địa chỉ nghe, dạng HOST:PORT; mặc định chỉ máy này. Dùng 0.0.0.0:PORT để các máy
        /// trạm trong mạng nối vào.
        #[arg(long, value_name = "HOST:PORT", default_value = server::DEFAULT_LISTEN)]
        listen: String,
    },
    /// Đăng nhập máy trạm vào máy chủ motcua (lưu địa chỉ, vân tay, phiên vào --data-dir).
    Login {
        /// Địa chỉ máy chủ, ví dụ https://192.168.1.10:8443.
        #[arg(long, value_name = "URL")]
        server: String,
        /// Vân tay chứng chỉ do máy chủ in khi khởi động (SHA256:…); nếu bỏ trống sẽ hiện
        /// vân tay để xác nhận.
        #[arg(long, value_name = "SHA256:HEX")]
        fingerprint: Option<String>,
        /// Tên tài khoản.
        #[arg(long, value_name = "NAME")]
        user: String,
        /// Đọc mật khẩu từ dòng đầu của stdin.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Đăng xuất máy trạm khỏi máy chủ.
    Logout,
    /// Tài khoản người dùng của các quầy.
    #[command(subcommand)]
    User(super::users::UserCommand),
}

pub(crate) fn run(ctx: &Context, cmd: CounterCommand) -> CmdResult {
    match cmd {
        CounterCommand::Serve { listen } => serve(ctx, &listen),
        CounterCommand::Login {
            server,
            fingerprint,
            user,
            password_stdin,
        } => login(ctx, &server, fingerprint, &user, password_stdin),
        CounterCommand::Logout => logout(ctx),
        CounterCommand::User(cmd) => super::users::run(ctx, cmd),
    }
}

fn serve(ctx: &Context, listen: &str) -> CmdResult {
    let addr = listen
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .ok_or_else(|| {
            Failure::rule(format!(
                "Địa chỉ --listen «{listen}» không hợp lệ; dùng dạng HOST:PORT, ví dụ 0.0.0.0:8443."
            ))
        })?;
    if profile::load(&ctx.data_dir)
        .map_err(Failure::environment)?
        .is_some()
    {
        return Err(Failure::rule(format!(
            "Thư mục {} là của một máy trạm đã đăng nhập, không chứa sổ hồ sơ; hãy chọn thư mục \
             dữ liệu khác cho máy chủ.",
            ctx.data_dir.display()
        )));
    }
    server::serve(ServeOptions {
        data_dir: ctx.data_dir.clone(),
        listen: addr,
        system_clock: super::system_now,
        now: ctx.now_given.then_some(ctx.now),
    })?;
    Ok(())
}

/// Checks the `SHA256:<64 hex>` form and returns it lower-cased.
fn parse_fingerprint(text: &str) -> Result<String, Failure> {
    let hex = text.trim().strip_prefix("SHA256:").unwrap_or("");
    if hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(format!("SHA256:{}", hex.to_ascii_lowercase()))
    } else {
        Err(Failure::rule(format!(
            "Vân tay «{}» không hợp lệ: cần dạng SHA256: và 64 chữ số hex, như dòng đầu máy chủ \
             in ra.",
            text.trim()
        )))
    }
}

/// Shows the certificate's fingerprint of a first contact and asks the clerk to confirm it.
fn confirm_fingerprint(url: &str) -> Result<String, Failure> {
    let probe = Client::new(
        &Endpoint::Server {
            url: url.to_owned(),
            pin: None,
        },
        None,
    );
    probe
        .get::<serde_json::Value>("/v1/health")
        .map_err(|e| Failure::from(crate::desk::DeskError::from(e)))?;
    let seen = probe
        .seen_fingerprint()
        .ok_or_else(|| Failure::environment("Máy chủ không gửi chứng chỉ TLS."))?;
    eprintln!("Vân tay chứng chỉ của máy chủ {url}:\n  {seen}");
    eprintln!("Hãy so với dòng \"motcua serve …\" mà máy chủ in ra khi khởi động.");
    if secret::confirm_on_terminal("Đúng vân tay đó? Gõ «có» để tiếp tục: ")? {
        Ok(seen)
    } else {
        Err(Failure::rule("Chưa đăng nhập: vân tay chưa được xác nhận."))
    }
}

fn login(
    ctx: &Context,
    url: &str,
    fingerprint: Option<String>,
    user: &str,
    password_stdin: bool,
) -> CmdResult {
    let url = url.trim().trim_end_matches('/');
    if !url.starts_with("https://") {
        return Err(Failure::rule(format!(
            "Địa chỉ máy chủ «{url}» phải bắt đầu bằng https:// (kết nối luôn được mã hóa)."
        )));
    }
    if ctx.data_dir.join("store").exists() {
        return Err(Failure::rule(format!(
            "Thư mục {} đang chứa một sổ hồ sơ; máy trạm cần một thư mục riêng (--data-dir).",
            ctx.data_dir.display()
        )));
    }
    let pin = match fingerprint {
        Some(f) => parse_fingerprint(&f)?,
        None => confirm_fingerprint(url)?,
    };
    let password = secret::read(password_stdin, "Mật khẩu: ", false)?;
    let client = Client::new(
        &Endpoint::Server {
            url: url.to_owned(),
            pin: Some(pin.clone()),
        },
        None,
    );
    let login = accounts::login(&client, user.trim(), &password)
        .map_err(|e| Failure::from(crate::desk::DeskError::from(e)))?;
    drop(password);
    let p = profile::Profile::new(url, &pin, &login.account.name, &login.token);
    profile::save(&ctx.data_dir, &p).map_err(Failure::environment)?;
    println!(
        "Đã đăng nhập {} ({}) vào {url}; phiên hết hạn lúc {}.",
        login.account.officer(),
        login.account.role.slug(),
        login.expires_at.format("%H:%M ngày %d/%m/%Y")
    );
    // An account made before full names works under its login, which its papers then print.
    if login.account.full_name().is_none() {
        eprintln!(
            "Lưu ý: tài khoản «{0}» chưa có họ tên; giấy tờ sẽ in «{0}» dưới chữ ký cho đến khi \
             quản trị đặt họ tên (motcua user rename {0} --full-name \"…\").",
            login.account.name
        );
    }
    Ok(())
}

fn logout(ctx: &Context) -> CmdResult {
    let Some(p) = profile::load(&ctx.data_dir).map_err(Failure::environment)? else {
        return Err(Failure::rule(format!(
            "Thư mục {} chưa đăng nhập vào máy chủ nào.",
            ctx.data_dir.display()
        )));
    };
    let client = super::reach::server_client(&p);
    // The link is removed even if the server cannot be told (the token then expires there).
    let told = accounts::logout(&client);
    profile::remove(&ctx.data_dir).map_err(Failure::environment)?;
    match told {
        Ok(()) => println!("Đã đăng xuất khỏi {}.", p.server),
        Err(e) => println!("Đã xóa phiên đăng nhập trên máy này; chưa báo được máy chủ ({e})."),
    }
    Ok(())
}
