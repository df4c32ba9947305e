//! Everything the command line prints goes through here, so no stored text can attack the
//! reader's terminal: `say!` (stdout) and `tell!` (stderr) format like `println!` and
//! `eprintln!`, then replace every control character but the line break and the tab, and
//! every hidden character, by a visible symbol (`crate::text::terminal_safe`). The field-by-
//! field `crate::text::printable` of stored data comes first (it also keeps a stored line break
//! or tab from starting a line or a column of its own); this is the second line.

use std::io::Write;

/// Writes one line to stdout, made terminal-safe. A closed reader (`| head`) ends the program
/// quietly, as `println!` does under the hook of `cli::main`.
pub(crate) fn say_line(text: &str) {
    println!("{}", crate::text::terminal_safe(text));
}

/// Writes text without a line break to stdout, made terminal-safe.
pub(crate) fn say_part(text: &str) {
    print!("{}", crate::text::terminal_safe(text));
    let _ = std::io::stdout().flush();
}

/// Writes one line to stderr, made terminal-safe.
pub(crate) fn warn_line(text: &str) {
    eprintln!("{}", crate::text::terminal_safe(text));
}

/// Writes bytes meant for a terminal (a text report) to stdout, made terminal-safe when they
/// are UTF-8 text.
pub(crate) fn say_bytes(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match std::str::from_utf8(bytes) {
        Ok(text) => out.write_all(crate::text::terminal_safe(text).as_bytes()),
        Err(_) => out.write_all(bytes),
    }
}

/// `println!`, made terminal-safe.
macro_rules! say {
    () => {
        $crate::cli::out::say_line("")
    };
    ($($arg:tt)*) => {
        $crate::cli::out::say_line(&format!($($arg)*))
    };
}

/// `eprintln!`, made terminal-safe.
macro_rules! tell {
    () => {
        $crate::cli::out::warn_line("")
    };
    ($($arg:tt)*) => {
        $crate::cli::out::warn_line(&format!($($arg)*))
    };
}

pub(crate) use {say, tell};
