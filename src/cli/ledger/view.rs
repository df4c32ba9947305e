//! How the ledger commands print a dossier and a list: plain text for a person (Vietnamese),
//! or JSON (`--json`, serde's form of the domain types) for scripts.

use super::super::{CmdResult, Failure};
use crate::calendar::LocalTime;
use crate::desk::Row;
use crate::domain::{ApologyDuty, EventKind, Field};

/// `HH:MM DD/MM/YYYY`.
pub fn when(t: LocalTime) -> String {
    t.format("%H:%M %d/%m/%Y").to_string()
}

fn json<T: serde::Serialize>(value: &T) -> CmdResult {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::environment(format!("Không tạo được JSON: {e}")))?;
    println!("{text}");
    Ok(())
}

/// One line describing an event, in Vietnamese.
pub fn event_text(k: &EventKind) -> String {
    match k {
        EventKind::Received => "Tiếp nhận hồ sơ".to_owned(),
        EventKind::Transferred { from, to } => format!("Chuyển hồ sơ: {from} → {to}"),
        EventKind::SupplementRequested { reason, items } => {
            format!("Yêu cầu bổ sung: {reason} ({})", items.join("; "))
        }
        EventKind::SupplementReceived => "Nhận hồ sơ bổ sung (tính lại thời hạn)".to_owned(),
        EventKind::Paused { reason } => format!("Tạm dừng tính thời gian: {reason}"),
        EventKind::Resumed => "Tiếp tục tính thời gian".to_owned(),
        EventKind::Refused { reason } => format!("Từ chối: {reason}"),
        EventKind::Stopped { reason } => format!("Dừng giải quyết: {reason}"),
        EventKind::ResultReady => "Có kết quả, chờ trả".to_owned(),
        EventKind::HandedBack {
            to,
            fee_vnd,
            rating,
        } => {
            let mut s = format!("Trả kết quả cho {to}");
            if *fee_vnd > 0 {
                s.push_str(&format!(", thu {}", crate::domain::vnd(*fee_vnd)));
            }
            if !rating.is_empty() {
                s.push_str(&format!(", đánh giá: {rating}"));
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
            "Phiếu xin lỗi số {number:02}/PXL năm {year}: {reason}; hẹn lại {}; ký: {signer}; \
             báo qua {}",
            when(*new_due),
            notified.label()
        ),
    }
}

/// One dossier with its judgement and timeline.
pub fn show(row: &Row, as_json: bool) -> CmdResult {
    let d = &row.dossier;
    if as_json {
        return json(d);
    }
    let t = row.judgement.timeliness;
    let a = &d.applicant;
    println!("Mã hồ sơ: {}", d.code.as_str());
    println!(
        "{}: {} ({}) — {}",
        Field::Procedure.label(),
        d.procedure_name,
        d.procedure.0,
        d.field
    );
    println!("Người nộp: {}", a.name);
    for (label, value) in [
        (Field::IdNumber, &a.id_number),
        (Field::Address, &a.address),
        (Field::Phone, &a.phone),
        (Field::Email, &a.email),
        (Field::Representative, &a.representative),
    ] {
        if !value.is_empty() {
            println!("{}: {value}", label.label());
        }
    }
    println!("{}: {}", Field::Channel.label(), d.channel.label());
    println!("{}: {}", Field::Sets.label(), d.sets);
    println!("{}: {}", Field::Documents.label(), d.documents.join("; "));
    println!("Tiếp nhận: {} ({})", when(d.received_at), d.received_by);
    println!("Hạn trả theo quy định: {}", when(d.due_at));
    if let Some(n) = d.new_due_at {
        println!("Hẹn lại: {}", when(n));
    }
    println!("Trạng thái: {} — {}", d.status.label(), t.label());
    if row.judgement.duty != ApologyDuty::None {
        println!("Xin lỗi: {}", duty_text(row.judgement.duty));
    }
    println!("Diễn biến:");
    for (i, e) in d.events.iter().enumerate() {
        let note = if e.note.is_empty() {
            String::new()
        } else {
            format!(" — {}", e.note)
        };
        println!(
            "  {}. {} — {} — {}{note}",
            i + 1,
            when(e.at),
            e.operator,
            event_text(&e.kind)
        );
    }
    Ok(())
}

/// The apology duty in words, with its deadline or new appointment.
pub fn duty_text(duty: ApologyDuty) -> String {
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
pub fn rows(list: &[Row], as_json: bool) -> CmdResult {
    if as_json {
        let dossiers: Vec<_> = list.iter().map(|r| &r.dossier).collect();
        return json(&dossiers);
    }
    if list.is_empty() {
        eprintln!("Không có hồ sơ nào.");
    }
    for r in list {
        let (d, t) = (&r.dossier, r.judgement.timeliness);
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            d.code.as_str(),
            d.status.label(),
            t.label(),
            when(d.due_at),
            d.applicant.name,
            d.procedure_name
        );
    }
    Ok(())
}
