//! One generated dossier's life: intake, then the events a desk would record up to the plan's
//! end instant. Every event goes through `domain::apply`; a step the rules refuse ends the life
//! there (the dossier stays as it was), so generated data is always legal.

use crate::calendar::{Calendar, LocalTime, TimeLimit};
use crate::domain::{self, Command, Dossier, Notification};

use super::Rng;

/// Shares of each fate, per mille.
const SUPPLEMENT: u64 = 60;
const PAUSE_IF_PAUSABLE: u64 = 300;
const REFUSED: u64 = 10;
const STOPPED: u64 = 5;
const LATE: u64 = 30;
const APOLOGY_IF_LATE: u64 = 670;
const OPEN_PAST_DUE: u64 = 15;
const NOT_COLLECTED: u64 = 30;

/// `minutes` working minutes after `t`.
fn after(cal: &Calendar, t: LocalTime, minutes: u32) -> LocalTime {
    cal.due_at(t, TimeLimit::WorkingMinutes(minutes.max(1)), &[])
}

/// Applies `command` at `at` if `at` is not past `end`; `None` when the life stops here.
fn step(
    d: &Dossier,
    command: Command,
    at: LocalTime,
    end: LocalTime,
    operator: &str,
    cal: &Calendar,
    apology: Option<(u32, i32)>,
) -> Option<Dossier> {
    if at > end {
        return None;
    }
    domain::apply(d, command, at, operator, cal, apology).ok()
}

/// Counters shared across the generated ledger (yearly apology-letter numbers).
#[derive(Default)]
pub struct Sequences {
    apology: std::collections::HashMap<i32, u32>,
}

impl Sequences {
    fn next_apology(&mut self, year: i32) -> (u32, i32) {
        let n = self.apology.entry(year).or_insert(0);
        *n += 1;
        (*n, year)
    }
}

/// Plays a life forward from intake until `end`. `unit` is the processing unit.
pub fn live(
    mut d: Dossier,
    rng: &mut Rng,
    cal: &Calendar,
    end: LocalTime,
    operator: &str,
    seqs: &mut Sequences,
) -> Dossier {
    let mut t = d.received_at;
    let unit = if d.procedure_name.is_empty() {
        "Bộ phận chuyên môn".to_owned()
    } else {
        unit_for(&d.field)
    };

    // Hand-over to the processing unit shortly after intake.
    t = after(cal, t, 5 + rng.below(55) as u32);
    match step(
        &d,
        Command::Transfer { to: unit },
        t,
        end,
        operator,
        cal,
        None,
    ) {
        Some(next) => d = next,
        None => return d,
    }

    if rng.chance(SUPPLEMENT) {
        t = after(cal, t, 30 + rng.below(600) as u32);
        let ask = Command::RequestSupplement {
            reason: "Thiếu giấy tờ trong thành phần hồ sơ".to_owned(),
            items: vec!["Bản sao giấy tờ tùy thân".to_owned()],
        };
        match step(&d, ask, t, end, operator, cal, None) {
            Some(next) => d = next,
            None => return d,
        }
        t = after(cal, t, 480 * (1 + rng.below(5) as u32));
        match step(&d, Command::ReceiveSupplement, t, end, operator, cal, None) {
            Some(next) => d = next,
            None => return d,
        }
    }

    if d.pausable && rng.chance(PAUSE_IF_PAUSABLE) {
        t = after(cal, t, 60 + rng.below(900) as u32);
        let pause = Command::Pause {
            reason: "Thời gian niêm yết công khai".to_owned(),
        };
        match step(&d, pause, t, end, operator, cal, None) {
            Some(next) => d = next,
            None => return d,
        }
        t = after(cal, t, 480 * (2 + rng.below(8) as u32));
        match step(&d, Command::Resume, t, end, operator, cal, None) {
            Some(next) => d = next,
            None => return d,
        }
    }

    let fate = rng.below(1000);
    if fate < REFUSED {
        t = after(cal, t, 60 + rng.below(600) as u32);
        let refuse = Command::Refuse {
            reason: "Hồ sơ không đủ điều kiện giải quyết theo quy định".to_owned(),
        };
        return step(&d, refuse, t, end, operator, cal, None).unwrap_or(d);
    }
    if fate < REFUSED + STOPPED {
        t = after(cal, t, 30 + rng.below(300) as u32);
        let stop = Command::Stop {
            reason: "Người nộp hồ sơ đề nghị dừng giải quyết".to_owned(),
        };
        return step(&d, stop, t, end, operator, cal, None).unwrap_or(d);
    }
    if d.due_at < end && rng.chance(OPEN_PAST_DUE) {
        return d; // still open past its due: the overdue list
    }

    let remaining = cal.working_minutes_between(t, d.due_at).max(2) as u32;
    let late = rng.chance(LATE);
    if late && rng.chance(APOLOGY_IF_LATE) {
        // Apology on (or a little before) the deadline, new appointment two working days later.
        let deadline = cal.sub_working_days(d.due_at, 1);
        let at = if deadline > t { deadline } else { t };
        let new_due = cal.due_at(d.due_at, TimeLimit::WorkingDays(200), &[]);
        let apology = Command::IssueApology {
            reason: "Hồ sơ cần xác minh thêm thông tin".to_owned(),
            new_due,
            signer: "Chủ tịch UBND xã".to_owned(),
            notified: Notification::Phone,
        };
        let number = seqs.next_apology(chrono::Datelike::year(&at));
        match step(&d, apology, at, end, operator, cal, Some(number)) {
            Some(next) => {
                d = next;
                t = at;
            }
            None => return d,
        }
    }
    t = if late {
        after(cal, d.due_at, 30 + rng.below(900) as u32)
    } else {
        after(cal, t, 1 + rng.below(u64::from(remaining - 1)) as u32)
    };
    match step(&d, Command::MarkResultReady, t, end, operator, cal, None) {
        Some(next) => d = next,
        None => return d,
    }

    if rng.chance(NOT_COLLECTED) {
        return d;
    }
    t = after(cal, t, 10 + rng.below(480 * 3) as u32);
    let hand_back = Command::HandBack {
        to: d.applicant.name.clone(),
        fee_vnd: 0,
        rating: rating(rng).to_owned(),
    };
    step(&d, hand_back, t, end, operator, cal, None).unwrap_or(d)
}

fn rating(rng: &mut Rng) -> &'static str {
    match rng.below(100) {
        0..=54 => "Rất hài lòng",
        55..=96 => "Hài lòng",
        _ => "Không hài lòng",
    }
}

/// The commune's specialist unit for a field ("lĩnh vực").
fn unit_for(field: &str) -> String {
    match crate::text::fold(field).as_str() {
        "ho tich" | "chung thuc" => "Tư pháp – hộ tịch",
        "dat dai" => "Địa chính – xây dựng",
        "bao tro xa hoi" | "tre em" | "phong, chong te nan xa hoi" => "Văn hóa – xã hội",
        _ => "Văn phòng UBND",
    }
    .to_owned()
}
