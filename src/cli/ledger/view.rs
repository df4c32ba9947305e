//! How the ledger commands print a dossier and a list: plain text for a person (Vietnamese),
//! or JSON (`--json`, serde's form of the domain types) for scripts.

use super::super::out::{say, tell};
use super::super::{CmdResult, Failure};
use crate::calendar::LocalTime;
use crate::desk::DeskError;
use crate::desk::Row;
use crate::domain::account::officer_name;
use crate::domain::{ApologyDuty, EventKind, Field};
use crate::report::Letterhead;

/// `HH:MM DD/MM/YYYY`.
pub(crate) fn when(t: LocalTime) -> String {
    t.format("%H:%M %d/%m/%Y").to_string()
}

fn json<T: serde::Serialize>(value: &T) -> CmdResult {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::environment(format!("Không tạo được JSON: {e}")))?;
    say!("{text}");
    Ok(())
}

/// Stored single-line text as printed: control and hidden characters shown as symbols.
fn p(s: &str) -> std::borrow::Cow<'_, str> {
    crate::text::printable(s)
}

/// Where a continuation line of a multi-line reason or note starts in `show`: deeper than the
/// numbers of the timeline and marked, so no line of a reason can pass for an event.
const CONTINUATION: &str = "       │ ";

/// Stored multi-line text (a reason, a note) as printed in the timeline.
fn lines(s: &str) -> String {
    crate::text::printable_lines(s, CONTINUATION)
}

/// One line describing an event, in Vietnamese (a multi-line reason continues on indented
/// lines). Stored text is made printable. `unit` shows a stored unit as named at the event's
/// time (the desk's own word becomes its name then, see [`Letterhead::unit`]).
pub(crate) fn event_text(k: &EventKind, unit: &dyn Fn(&str) -> String) -> String {
    match k {
        EventKind::Corrected { old, new, reason } => format!(
            "Sửa {}: «{}» → «{}»; lý do: {reason}",
            new.what().to_lowercase(),
            old.value_text(),
            new.value_text()
        ),
        EventKind::Undone { event, reason } => {
            format!("Hoàn tác bước {}; lý do: {reason}", event + 1)
        }
        EventKind::Received => "Tiếp nhận hồ sơ".to_owned(),
        EventKind::Transferred { from, to } => {
            format!("Chuyển hồ sơ: {} → {}", p(&unit(from)), p(&unit(to)))
        }
        EventKind::SupplementRequested { reason, items } => {
            let items: Vec<_> = items.iter().map(|i| p(i)).collect();
            format!("Yêu cầu bổ sung: {} ({})", lines(reason), items.join("; "))
        }
        EventKind::SupplementReceived => "Nhận hồ sơ bổ sung (tính lại thời hạn)".to_owned(),
        EventKind::Paused { reason } => format!("Tạm dừng tính thời gian: {}", lines(reason)),
        EventKind::Resumed => "Tiếp tục tính thời gian".to_owned(),
        EventKind::Refused { reason } => format!("Từ chối: {}", lines(reason)),
        EventKind::Stopped { reason } => format!("Dừng giải quyết: {}", lines(reason)),
        EventKind::ResultReady => "Có kết quả, chờ trả".to_owned(),
        EventKind::HandedBack {
            to,
            fee_vnd,
            rating,
        } => {
            let mut s = format!("Trả kết quả cho {}", p(to));
            if *fee_vnd > 0 {
                s.push_str(&format!(", thu {}", crate::domain::vnd(*fee_vnd)));
            }
            if !rating.is_empty() {
                s.push_str(&format!(", đánh giá: {}", p(rating)));
            }
            s
        }
        EventKind::ApologyIssued {
            number,
            year,
            reason,
            new_due,
            signer,
            notified,
        } => format!(
            "Phiếu xin lỗi số {number:02}/PXL năm {year}: {}; hẹn lại {}; ký: {}; báo qua {}",
            lines(reason),
            when(*new_due),
            p(signer),
            notified.label()
        ),
    }
}

/// One dossier with its judgement and timeline.
/// `motcua show`: the dossier and its timeline; `letterhead` gives the one in force at a step,
/// so a hand-over names the desk as it was named then (JSON keeps the stored words).
pub(crate) fn show(
    row: &Row,
    as_json: bool,
    letterhead: &dyn Fn(LocalTime) -> Result<Letterhead, DeskError>,
) -> CmdResult {
    let d = &row.dossier;
    if as_json {
        return json(d);
    }
    let t = row.judgement.timeliness;
    let a = &d.applicant;
    say!("Mã hồ sơ: {}", p(d.code.as_str()));
    say!(
        "{}: {} ({}) — {}",
        Field::Procedure.label(),
        p(&d.procedure_name),
        p(&d.procedure.0),
        p(&d.field)
    );
    say!("Người nộp: {}", p(&a.name));
    for (label, value) in [
        (Field::IdNumber, &a.id_number),
        (Field::Address, &a.address),
        (Field::Phone, &a.phone),
        (Field::Email, &a.email),
        (Field::Representative, &a.representative),
    ] {
        if !value.is_empty() {
            say!("{}: {}", label.label(), p(value));
        }
    }
    say!("{}: {}", Field::Channel.label(), d.channel.label());
    say!("{}: {}", Field::Sets.label(), d.sets);
    let documents: Vec<_> = d.documents.iter().map(|x| p(x)).collect();
    say!("{}: {}", Field::Documents.label(), documents.join("; "));
    // Officers by full name (the events' "Nguyễn Thị Hoa (hoa)"; `--json` keeps the login).
    say!(
        "Tiếp nhận: {} ({})",
        when(d.received_at),
        p(officer_name(&d.received_by))
    );
    say!("Hạn trả theo quy định: {}", when(d.due_at));
    if let Some(n) = d.new_due_at {
        say!("Hẹn lại: {}", when(n));
    }
    say!("Trạng thái: {} — {}", d.status.label(), t.label());
    if row.judgement.duty != ApologyDuty::None {
        say!("Xin lỗi: {}", duty_text(row.judgement.duty));
    }
    say!("Diễn biến:");
    for (i, e) in d.events.iter().enumerate() {
        let l = match e.kind {
            EventKind::Transferred { .. } => Some(letterhead(e.at)?),
            _ => None,
        };
        let unit = |u: &str| l.as_ref().map_or(u, |l| l.unit(u)).to_owned();
        let note = if e.note.is_empty() {
            String::new()
        } else {
            format!(" — {}", lines(&e.note))
        };
        say!(
            "  {}. {} — {} — {}{note}",
            i + 1,
            when(e.at),
            p(officer_name(&e.operator)),
            event_text(&e.kind, &unit)
        );
    }
    Ok(())
}

/// The apology duty in words, with its deadline or new appointment.
pub(crate) fn duty_text(duty: ApologyDuty) -> String {
    match duty {
        ApologyDuty::None => duty.label().to_owned(),
        ApologyDuty::Upcoming { deadline } | ApologyDuty::Breach { deadline } => {
            format!(
                "{} (hạn gửi văn bản xin lỗi: {})",
                duty.label(),
                when(deadline)
            )
        }
        ApologyDuty::Issued { new_due, .. }
        | ApologyDuty::IssuedLate { new_due, .. }
        | ApologyDuty::NewDueMissed { new_due } => {
            format!("{} (hẹn lại: {})", duty.label(), when(new_due))
        }
    }
}

/// A list: one tab-separated line per dossier (code, status, timeliness, legal due, applicant,
/// procedure), or a JSON array of the dossiers.
pub(crate) fn rows(list: &[Row], as_json: bool) -> CmdResult {
    if as_json {
        let dossiers: Vec<_> = list.iter().map(|r| &r.dossier).collect();
        return json(&dossiers);
    }
    if list.is_empty() {
        tell!("Không có hồ sơ nào.");
    }
    for r in list {
        let (d, t) = (&r.dossier, r.judgement.timeliness);
        say!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            p(d.code.as_str()),
            d.status.label(),
            t.label(),
            when(d.due_at),
            p(&d.applicant.name),
            p(&d.procedure_name)
        );
    }
    Ok(())
}
