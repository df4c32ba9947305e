//! Notice files: `<data-dir>/calendar/<year>.toml`, one per year, so a new year's official notice
//! needs no new release. Parsed from text (the caller reads the files and passes the file name
//! and its text); pure. Every error names the file, the line and the reason, in Vietnamese.
//!
//! The format (all keys but `off`/`work` entries' `name` and dates are optional):
//!
//! ```toml
//! # 2027.toml — Thông báo nghỉ lễ, Tết năm 2027
//! source = "Thông báo số 1234/TB-BNV"
//! replaces = ["tet-am-lich"]      # rule occasions this notice sets (their rule days are dropped):
//!                                 # tet-duong-lich, tet-am-lich, gio-to, 30-4, 1-5, quoc-khanh,
//!                                 # van-hoa
//!
//! [[off]]                         # days off, from `from` to `to` inclusive (`to` defaults to `from`)
//! from = "2027-02-05"
//! to = "2027-02-14"
//! name = "Tết Nguyên đán"
//!
//! [[work]]                        # make-up working days
//! date = "2027-02-20"
//! name = "Làm bù cho ngày 12/02/2027"
//! ```
//!
//! Every date must lie in the file's year; a date cannot be both a day off and a working day.
//! A `year = 2027` key, if present, must match the file name.

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use toml::Spanned;

use super::holidays::Occasion;
use super::notice::{Notice, NoticeDay};

/// A notice file that cannot be used: which file, which line (1-based; 0 when the problem is the
/// file name), and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("tệp thông báo nghỉ lễ {file}, dòng {line}: {reason}")]
pub struct NoticeError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    year: Option<Spanned<i64>>,
    source: Option<String>,
    #[serde(default)]
    replaces: Vec<Spanned<String>>,
    #[serde(default)]
    off: Vec<OffToml>,
    #[serde(default)]
    work: Vec<WorkToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OffToml {
    from: Spanned<toml::Value>,
    to: Option<Spanned<toml::Value>>,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkToml {
    date: Spanned<toml::Value>,
    name: String,
}

/// Parses one notice file. `file` is its name (`2027.toml`, a path is fine: the year is taken
/// from the last component's stem).
pub fn parse_notice(file: &str, text: &str) -> Result<Notice, NoticeError> {
    let stem = file
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file)
        .trim_end_matches(".toml");
    let mut r = Reader {
        file,
        text,
        year: 0,
    };
    r.year = stem.parse().map_err(|_| {
        r.err(
            None,
            "tên tệp phải là năm áp dụng, ví dụ 2027.toml".to_string(),
        )
    })?;
    let year = r.year;
    let parsed: FileToml = toml::from_str(text).map_err(|e| {
        r.err(
            e.span(),
            format!("sai cú pháp: {}", e.message().trim_end_matches('\n')),
        )
    })?;
    if let Some(y) = &parsed.year
        && *y.get_ref() != i64::from(year)
    {
        return Err(r.err(
            Some(y.span()),
            format!("năm {} không khớp với tên tệp ({year})", y.get_ref()),
        ));
    }
    let days_off = r.days_off(&parsed.off)?;
    let work_days = r.work_days(&parsed.work, &days_off)?;
    let replaces = r.replaces(&parsed.replaces)?;
    if let Some(source) = &parsed.source
        && let Err(why) = check_text("nguồn (source)", source)
    {
        return Err(r.err(None, why));
    }
    Ok(Notice {
        year,
        source: parsed.source.unwrap_or_else(|| file.to_string()),
        days_off,
        work_days,
        replaces,
    })
}

/// One notice file being read: its name, its text (for line numbers) and its year.
struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    year: i32,
}

impl Reader<'_> {
    /// An error at the line of `span` (line 0 without one).
    fn err(&self, span: Option<std::ops::Range<usize>>, reason: String) -> NoticeError {
        NoticeError {
            file: self.file.to_string(),
            line: span.map_or(0, |s| line_of(self.text, s.start)),
            reason,
        }
    }

    /// A date value that lies in the file's year.
    fn date_in_year(&self, v: &Spanned<toml::Value>) -> Result<NaiveDate, NoticeError> {
        let d = value_date(v.get_ref()).ok_or_else(|| {
            self.err(
                Some(v.span()),
                "ngày không hợp lệ; dùng dạng \"YYYY-MM-DD\"".to_string(),
            )
        })?;
        if d.year() != self.year {
            return Err(self.err(
                Some(v.span()),
                format!("ngày {d} không thuộc năm {} của tệp", self.year),
            ));
        }
        Ok(d)
    }

    /// Every day of every `[[off]]` range, with the range's name.
    fn days_off(&self, off: &[OffToml]) -> Result<Vec<NoticeDay>, NoticeError> {
        let mut days_off = Vec::new();
        for off in off {
            let from = self.date_in_year(&off.from)?;
            let to = off
                .to
                .as_ref()
                .map(|t| self.date_in_year(t))
                .transpose()?
                .unwrap_or(from);
            if to < from {
                let span = off.to.as_ref().map(|t| t.span());
                return Err(self.err(
                    span,
                    format!("ngày kết thúc {to} trước ngày bắt đầu {from}"),
                ));
            }
            let name = day_name(&off.name).map_err(|why| self.err(Some(off.from.span()), why))?;
            days_off.extend(
                from.iter_days()
                    .take_while(|d| *d <= to)
                    .map(|date| NoticeDay {
                        date,
                        name: name.clone(),
                    }),
            );
        }
        Ok(days_off)
    }

    /// The `[[work]]` make-up days; none may also be a day off.
    fn work_days(
        &self,
        work: &[WorkToml],
        days_off: &[NoticeDay],
    ) -> Result<Vec<NoticeDay>, NoticeError> {
        let mut work_days = Vec::new();
        for w in work {
            let date = self.date_in_year(&w.date)?;
            let name = day_name(&w.name).map_err(|why| self.err(Some(w.date.span()), why))?;
            if days_off.iter().any(|o| o.date == date) {
                return Err(self.err(
                    Some(w.date.span()),
                    format!("ngày {date} vừa là ngày nghỉ vừa là ngày làm bù"),
                ));
            }
            work_days.push(NoticeDay { date, name });
        }
        Ok(work_days)
    }

    /// The rule occasions the notice replaces, by their keys.
    fn replaces(&self, keys: &[Spanned<String>]) -> Result<Vec<Occasion>, NoticeError> {
        keys.iter()
            .map(|r| {
                Occasion::from_key(r.get_ref()).ok_or_else(|| {
                    let keys: Vec<&str> = Occasion::ALL.iter().map(|o| o.key()).collect();
                    self.err(
                        Some(r.span()),
                        format!(
                            "không có ngày lễ \"{}\"; dùng: {}",
                            r.get_ref(),
                            keys.join(", ")
                        ),
                    )
                })
            })
            .collect()
    }
}

/// The longest day name or source a notice may give, in characters.
const MAX_TEXT: usize = 200;

/// Refuses a control or hidden character (an escape sequence would reach the terminal through
/// `calendar days` and every explanation) and a text longer than [`MAX_TEXT`].
fn check_text(what: &str, s: &str) -> Result<(), String> {
    if let Some(c) = crate::text::forbidden_char(s, false) {
        return Err(format!(
            "{what} có ký tự điều khiển hoặc ký tự ẩn (mã U+{:04X})",
            c as u32
        ));
    }
    if s.chars().count() > MAX_TEXT {
        return Err(format!("{what} dài quá {MAX_TEXT} ký tự"));
    }
    Ok(())
}

/// A day's name: not empty, no control or hidden character, at most [`MAX_TEXT`] characters.
fn day_name(s: &str) -> Result<String, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("thiếu tên (name) của ngày".to_string());
    }
    check_text("tên (name) của ngày", s)?;
    Ok(s.to_string())
}

/// A date from a TOML string `"2027-02-05"` or a bare TOML date `2027-02-05`.
fn value_date(v: &toml::Value) -> Option<NaiveDate> {
    let s = match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) => d.to_string(),
        _ => return None,
    };
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// The 1-based line of byte offset `pos` in `text`.
fn line_of(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}
