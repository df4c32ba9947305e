//! `motcua calendar …`: due dates, days off and lunar dates from the command line.
//!
//! Reads `<data-dir>/calendar/*.toml` (notice files) and the `[office_hours]` table of
//! `<data-dir>/config.toml` when present; a missing data directory is not an error here.
//! Output formats are relied on by scripts and other issues: keep them exactly.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};

use super::out::say;
use super::{CmdResult, Context, Failure};
use crate::calendar::{
    Calendar, DayHundredths, DayKind, OfficeHours, TimeLimit, lunar, parse_local, to_rfc3339,
};

#[derive(Args, Debug)]
pub(crate) struct CalendarArgs {
    #[command(subcommand)]
    pub(crate) command: CalendarCommand,
}

#[derive(Subcommand, Debug)]
pub(crate) enum CalendarCommand {
    /// The due date of a time limit; the first line is "YYYY-MM-DD HH:MM".
    Due {
        /// The moment of receipt, "YYYY-MM-DD HH:MM" (Vietnam time).
        #[arg(long, value_name = "TIME")]
        from: String,
        /// same-day, <N>d (working days, e.g. 3d, 0.5d) or <N>h (working hours, e.g. 4h).
        #[arg(long, value_name = "LIMIT")]
        limit: String,
        /// Add the derivation, in Vietnamese, below the due date.
        #[arg(long)]
        explain: bool,
        /// Print one JSON object (due as RFC 3339, the derivation).
        #[arg(long)]
        json: bool,
    },
    /// Weekdays off and weekend working days of a year: "YYYY-MM-DD<TAB>off|work<TAB>name".
    Days {
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// The lunar date of a solar date, "D/M/YYYY" (" nhuận" for a leap month).
    Lunar {
        /// "YYYY-MM-DD".
        date: String,
    },
}

pub(crate) fn run(ctx: &Context, args: CalendarArgs) -> CmdResult {
    match args.command {
        CalendarCommand::Due {
            from,
            limit,
            explain,
            json,
        } => due(ctx, &from, &limit, explain, json),
        CalendarCommand::Days { year, json } => days(ctx, year, json),
        CalendarCommand::Lunar { date } => lunar_date(&date),
    }
}

/// Parses `same-day`, `<N>d` or `<N>h` (N with `.` or `,`, up to two decimals for days).
pub(crate) fn parse_limit(s: &str) -> Result<TimeLimit, Failure> {
    let bad = || {
        Failure::rule(format!(
            "thời hạn \"{s}\" không hợp lệ; dùng same-day, <N>d (ví dụ 3d, 0.5d) hoặc <N>h (ví dụ 4h)"
        ))
    };
    let s = s.trim().to_lowercase();
    if s == "same-day" {
        return Ok(TimeLimit::SameDay);
    }
    let (number, unit) = s.split_at(s.len().saturating_sub(1));
    let hundredths = crate::calendar::parse_hundredths(number)
        .and_then(|h| u32::try_from(h).ok())
        .ok_or_else(bad)?;
    match unit {
        "d" => Ok(TimeLimit::WorkingDays(DayHundredths(hundredths))),
        "h" if (hundredths * 60) % 100 == 0 => Ok(TimeLimit::WorkingMinutes(hundredths * 60 / 100)),
        _ => Err(bad()),
    }
}

/// The desk's calendar: office hours from `config.toml`, the built-in notices and the notice
/// files of `<data-dir>/calendar/`.
pub(crate) fn load_calendar(data_dir: &Path) -> Result<Calendar, Failure> {
    let hours = load_office_hours(data_dir)?;
    let dir = data_dir.join("calendar");
    let mut files = Vec::new();
    if dir.is_dir() {
        let entries = std::fs::read_dir(&dir).map_err(|e| {
            Failure::environment(format!("không đọc được thư mục {}: {e}", dir.display()))
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|x| x == "toml") {
                let text = crate::files::read_text_bounded(
                    &path,
                    crate::files::limits::NOTICE,
                    "tệp thông báo nghỉ lễ",
                )
                .map_err(|e| Failure::environment(e.to_string()))?;
                files.push((path.display().to_string(), text));
            }
        }
    }
    files.sort();
    Calendar::with_notice_files(hours, &files).map_err(|e| Failure::environment(e.to_string()))
}

fn load_office_hours(data_dir: &Path) -> Result<OfficeHours, Failure> {
    let path = data_dir.join("config.toml");
    if !path.exists() {
        return Ok(OfficeHours::default());
    }
    let text = crate::files::read_text_bounded(&path, crate::files::limits::CONFIG, "tệp cấu hình")
        .map_err(|e| Failure::environment(e.to_string()))?;
    let bad = |e: String| {
        Failure::environment(format!(
            "tệp cấu hình {}: bảng [office_hours] không hợp lệ: {e}",
            path.display()
        ))
    };
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        Failure::environment(format!("tệp cấu hình {} sai cú pháp: {e}", path.display()))
    })?;
    match table.get("office_hours") {
        Some(v) => v
            .clone()
            .try_into()
            .map_err(|e: toml::de::Error| bad(e.to_string())),
        None => Ok(OfficeHours::default()),
    }
}

fn due(ctx: &Context, from: &str, limit: &str, explain: bool, json: bool) -> CmdResult {
    let received = parse_local(from).ok_or_else(|| {
        Failure::rule(format!(
            "thời điểm tiếp nhận \"{from}\" không hợp lệ; dùng dạng \"YYYY-MM-DD HH:MM\""
        ))
    })?;
    let limit = parse_limit(limit)?;
    lunar_years_only(chrono::Datelike::year(&received))?;
    let cal = load_calendar(&ctx.data_dir)?;
    let due = cal.due(received, limit, &[]);
    lunar_years_only(chrono::Datelike::year(&due.at))?;
    if json {
        let value = serde_json::json!({
            "due": to_rfc3339(due.at),
            "received": to_rfc3339(received),
            "start": to_rfc3339(due.explanation.start),
            "limit": limit.label(),
            "counted_minutes": due.explanation.counted_minutes(),
            "explanation": due.explanation,
            "lines": due.explanation.lines(),
        });
        say!("{value}");
        return Ok(());
    }
    say!("{}", due.at.format("%Y-%m-%d %H:%M"));
    if explain {
        for line in due.explanation.lines() {
            say!("{}", crate::text::printable(&line));
        }
    }
    Ok(())
}

/// The years whose Tết and Giỗ Tổ the lunar calendar gives as the published tables do (pinned
/// by tests); outside them a calendar would be silently wrong, so it is refused.
const LUNAR_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

fn lunar_years_only(year: i32) -> CmdResult {
    if LUNAR_YEARS.contains(&year) {
        return Ok(());
    }
    Err(Failure::rule(format!(
        "lịch nghỉ lễ chỉ tính được cho các năm {}–{} (ngày Tết, Giỗ Tổ theo âm lịch chỉ được \
         kiểm chứng trong khoảng đó); năm {year} nằm ngoài",
        LUNAR_YEARS.start(),
        LUNAR_YEARS.end()
    )))
}

fn days(ctx: &Context, year: i32, json: bool) -> CmdResult {
    lunar_years_only(year)?;
    let cal = load_calendar(&ctx.data_dir)?;
    let first = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| Failure::rule(format!("năm {year} không hợp lệ")))?;
    let mut rows = Vec::new();
    for date in first.iter_days().take_while(|d| d.year() == year) {
        let regular = cal.office_hours().works_on(date.weekday());
        match (regular, cal.day_kind(date)) {
            (true, DayKind::Holiday(name)) => rows.push((date, "off", name)),
            (true, DayKind::Weekend) => rows.push((date, "off", String::new())),
            (false, DayKind::MakeUp(name)) => rows.push((date, "work", name)),
            _ => {}
        }
    }
    if json {
        let list: Vec<_> = rows
            .iter()
            .map(|(d, k, n)| serde_json::json!({"date": d.to_string(), "kind": k, "name": n}))
            .collect();
        say!("{}", serde_json::Value::Array(list));
    } else {
        for (date, kind, name) in rows {
            say!("{date}\t{kind}\t{}", crate::text::printable(&name));
        }
    }
    Ok(())
}

fn lunar_date(s: &str) -> CmdResult {
    let date = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Failure::rule(format!(
            "ngày \"{s}\" không hợp lệ; dùng dạng \"YYYY-MM-DD\""
        ))
    })?;
    if !(1900..=2100).contains(&date.year()) {
        return Err(Failure::rule(format!(
            "âm lịch chỉ được tính cho các năm 1900–2100 (ngày \"{s}\")"
        )));
    }
    say!("{}", lunar::to_lunar(date));
    Ok(())
}
