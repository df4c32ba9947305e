//! One generated dossier's life: intake, then the events a desk would record up to the plan's
//! end instant. Every event goes through `domain::apply`; a step the rules refuse ends the life
//! there (the dossier stays as it was), so generated data is always legal.

use crate::calendar::{Calendar, DayHundredths, LocalTime, TimeLimit};
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
pub(crate) struct Sequences {
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
pub(crate) fn live(
    d: Dossier,
    rng: &mut Rng,
    cal: &Calendar,
    end: LocalTime,
    operator: &str,
    seqs: &mut Sequences,
) -> Dossier {
    let t = d.received_at;
    let mut life = Life {
        d,
        t,
        cal,
        end,
        operator,
    };
    // `None` only says the life stopped early; the dossier is as far as it got.
    let _ = life.play(rng, seqs);
    life.d
}

/// A life in progress: the dossier so far and the instant of its last step.
struct Life<'a> {
    d: Dossier,
    t: LocalTime,
    cal: &'a Calendar,
    end: LocalTime,
    operator: &'a str,
}

impl Life<'_> {
    /// `minutes` working minutes after the last step.
    fn wait(&self, minutes: u32) -> LocalTime {
        after(self.cal, self.t, minutes)
    }

    /// Takes `command` at `at`; `None` when the life stops here (see [`step`]).
    fn go(&mut self, command: Command, at: LocalTime, number: Option<(u32, i32)>) -> Option<()> {
        self.d = step(
            &self.d,
            command,
            at,
            self.end,
            self.operator,
            self.cal,
            number,
        )?;
        self.t = at;
        Some(())
    }

    /// The whole life; `None` when it stopped before its last step.
    fn play(&mut self, rng: &mut Rng, seqs: &mut Sequences) -> Option<()> {
        let unit = if self.d.procedure_name.is_empty() {
            "Bộ phận chuyên môn".to_owned()
        } else {
            unit_for(&self.d.field)
        };
        // Hand-over to the processing unit shortly after intake.
        let at = self.wait(5 + rng.below(55) as u32);
        self.go(Command::Transfer { to: unit }, at, None)?;
        if rng.chance(SUPPLEMENT) {
            self.supplement(rng)?;
        }
        if self.d.pausable && rng.chance(PAUSE_IF_PAUSABLE) {
            self.pause(rng)?;
        }
        let fate = rng.below(1000);
        if fate < REFUSED {
            let at = self.wait(60 + rng.below(600) as u32);
            let refuse = Command::Refuse {
                reason: "Hồ sơ không đủ điều kiện giải quyết theo quy định".to_owned(),
            };
            return self.go(refuse, at, None);
        }
        if fate < REFUSED + STOPPED {
            let at = self.wait(30 + rng.below(300) as u32);
            let stop = Command::Stop {
                reason: "Người nộp hồ sơ đề nghị dừng giải quyết".to_owned(),
            };
            return self.go(stop, at, None);
        }
        if self.d.due_at < self.end && rng.chance(OPEN_PAST_DUE) {
            return Some(()); // still open past its due: the overdue list
        }
        self.result(rng, seqs)?;
        if rng.chance(NOT_COLLECTED) {
            return Some(());
        }
        let at = self.wait(10 + rng.below(480 * 3) as u32);
        let hand_back = Command::HandBack {
            to: self.d.applicant.name.clone(),
            fee_vnd: 0,
            rating: rating(rng).to_owned(),
        };
        self.go(hand_back, at, None)
    }

    /// A request for missing papers, and the papers a few working days later.
    fn supplement(&mut self, rng: &mut Rng) -> Option<()> {
        let at = self.wait(30 + rng.below(600) as u32);
        let ask = Command::RequestSupplement {
            reason: "Thiếu giấy tờ trong thành phần hồ sơ".to_owned(),
            items: vec!["Bản sao giấy tờ tùy thân".to_owned()],
        };
        self.go(ask, at, None)?;
        let at = self.wait(480 * (1 + rng.below(5) as u32));
        self.go(Command::ReceiveSupplement, at, None)
    }

    /// A pause of the clock (public posting) and its resumption.
    fn pause(&mut self, rng: &mut Rng) -> Option<()> {
        let at = self.wait(60 + rng.below(900) as u32);
        let pause = Command::Pause {
            reason: "Thời gian niêm yết công khai".to_owned(),
        };
        self.go(pause, at, None)?;
        let at = self.wait(480 * (2 + rng.below(8) as u32));
        self.go(Command::Resume, at, None)
    }

    /// The result: in time, or late (most late ones with an apology letter first).
    fn result(&mut self, rng: &mut Rng, seqs: &mut Sequences) -> Option<()> {
        let (cal, due) = (self.cal, self.d.due_at);
        let remaining = u32::try_from(cal.working_minutes_between(self.t, due).get().max(2))
            .unwrap_or(u32::MAX);
        let late = rng.chance(LATE);
        if late && rng.chance(APOLOGY_IF_LATE) {
            // Apology on (or a little before) the deadline, new appointment two working days later.
            let deadline = cal.sub_working_days(due, 1);
            let at = if deadline > self.t { deadline } else { self.t };
            let new_due = cal.due_at(due, TimeLimit::WorkingDays(DayHundredths(200)), &[]);
            let apology = Command::IssueApology {
                reason: "Hồ sơ cần xác minh thêm thông tin".to_owned(),
                new_due,
                signer: "Chủ tịch UBND xã".to_owned(),
                notified: Notification::Phone,
            };
            let number = seqs.next_apology(chrono::Datelike::year(&at));
            self.go(apology, at, Some(number))?;
        }
        let at = if late {
            after(cal, self.d.due_at, 30 + rng.below(900) as u32)
        } else {
            self.wait(1 + rng.below(u64::from(remaining - 1)) as u32)
        };
        self.go(Command::MarkResultReady, at, None)
    }
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
