//! Report speed: the end-of-day summary and a one-year period report (Biểu 06) over a
//! generated ledger of 100 000 dossiers (set `MOTCUA_BENCH_DOSSIERS=1000000` for the 1M run).
//! `cargo bench --bench reports`.
//!
//! The ledger is deterministic: receipts spread over the working hours of 2025, lives drawn from
//! a fixed linear congruential sequence (transfer, result, hand-back; some supplements,
//! refusals, apologies; about 2 % still open past due).

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use divan::Bencher;
use motcua::calendar::{Calendar, DayHundredths, LocalTime, TimeLimit};
use motcua::domain::{
    Applicant, ApplicantKind, Channel, Dossier, DossierCode, DossierId, Event, EventKind,
    Notification, ProcedureCode, Status,
};
use motcua::report::{Letterhead, day, period};

fn main() {
    divan::main();
}

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

const FIELDS: [(&str, &str, &str); 4] = [
    ("1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"),
    ("2.000815", "Chứng thực bản sao từ bản chính", "Chứng thực"),
    ("1.000656", "Thủ tục đăng ký kết hôn", "Hộ tịch"),
    ("1.003554", "Xác nhận tình trạng hôn nhân", "Hộ tịch"),
];

fn event(at: LocalTime, kind: EventKind) -> Event {
    Event {
        at,
        operator: "Lý Thị Mai".to_owned(),
        note: String::new(),
        kind,
        due: None,
    }
}

fn working_instant(r: &mut Lcg) -> LocalTime {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid");
    loop {
        let d = start + Duration::days(r.next(365) as i64);
        if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            continue;
        }
        let minute = 7 * 60 + 30 + r.next(8 * 60) as u32;
        return d
            .and_hms_opt(minute / 60, minute % 60, 0)
            .expect("valid time");
    }
}

/// A dossier's status and events after intake: most handed back (a few after an apology), a
/// few refused or still in processing.
fn life(
    i: u64,
    r: &mut Lcg,
    received_at: LocalTime,
    due_at: LocalTime,
    days: i64,
) -> (Status, Vec<Event>) {
    let mut events = vec![event(received_at, EventKind::Received)];
    let mut t = received_at + Duration::minutes(30);
    events.push(event(
        t,
        EventKind::Transferred {
            from: "Một cửa".to_owned(),
            to: "Tư pháp – hộ tịch".to_owned(),
        },
    ));
    let fate = r.next(100);
    let status = if fate < 2 {
        Status::InProcessing
    } else if fate < 4 {
        events.push(event(
            t + Duration::hours(2),
            EventKind::Refused {
                reason: "Không đủ điều kiện".to_owned(),
            },
        ));
        Status::Refused
    } else {
        if fate < 8 {
            events.push(event(
                due_at - Duration::days(2),
                EventKind::ApologyIssued {
                    number: i as u32,
                    year: 2025,
                    reason: "Chờ xác minh".to_owned(),
                    new_due: due_at + Duration::days(3),
                    signer: "Hoàng Văn Thắng".to_owned(),
                    notified: Notification::Phone,
                },
            ));
        }
        t = received_at + Duration::hours(r.next(24 * (days as u64 + 3)) as i64 + 1);
        events.push(event(t, EventKind::ResultReady));
        events.push(event(
            t + Duration::hours(20),
            EventKind::HandedBack {
                to: "Người nộp".to_owned(),
                fee_vnd: 8_000,
                rating: "Hài lòng".to_owned(),
            },
        ));
        Status::HandedBack
    };
    events.sort_by_key(|e| e.at);
    (status, events)
}

fn dossier(i: u64, r: &mut Lcg) -> Dossier {
    let received_at = working_instant(r);
    let days = 1 + r.next(5) as i64;
    let due_at = received_at + Duration::days(days + 2);
    let (code, name, field) = FIELDS[r.next(FIELDS.len() as u64) as usize];
    let (status, events) = life(i, r, received_at, due_at, days);
    Dossier {
        id: DossierId(i),
        code: DossierCode::format(
            "000.00.20.H30",
            received_at.date(),
            u32::try_from(i + 1).expect("fewer than 2^32 dossiers"),
        ),
        procedure: ProcedureCode(code.to_owned()),
        procedure_name: name.to_owned(),
        field: field.to_owned(),
        time_limit: TimeLimit::WorkingDays(DayHundredths(days as u32 * 100)),
        pausable: false,
        applicant: Applicant {
            kind: ApplicantKind::Person,
            name: format!("Nguyễn Văn {i}"),
            id_number: format!("{:012}", i),
            address: "Thanh Sơn".to_owned(),
            phone: "0912345678".to_owned(),
            email: String::new(),
            representative: String::new(),
        },
        channel: [Channel::Direct, Channel::Online, Channel::Postal][r.next(3) as usize],
        sets: 1,
        documents: vec![],
        received_at,
        received_by: "Lý Thị Mai".to_owned(),
        due_at,
        new_due_at: None,
        status,
        events,
    }
}

static LEDGER: LazyLock<Vec<Dossier>> = LazyLock::new(|| {
    let n = std::env::var("MOTCUA_BENCH_DOSSIERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000u64);
    let mut r = Lcg(20_260_302);
    (1..=n).map(|i| dossier(i, &mut r)).collect()
});

static CALENDAR: LazyLock<Calendar> = LazyLock::new(Calendar::builtin);

fn day_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 10, 15).expect("valid")
}

fn now() -> LocalTime {
    day_date().and_hms_opt(17, 30, 0).expect("valid")
}

/// What a desk passes for a day: the day's receipts, its events, and the open dossiers.
static DAY_SUBSET: LazyLock<Vec<&'static Dossier>> = LazyLock::new(|| {
    let d = day_date();
    LEDGER
        .iter()
        .filter(|x| {
            x.status.is_open()
                || x.status == Status::ResultReady
                || x.events.iter().any(|e| e.at.date() == d)
        })
        .collect()
});

#[divan::bench]
fn end_of_day_summary_day_subset(b: Bencher) {
    let subset = &*DAY_SUBSET;
    b.bench(|| day::day_summary(subset.iter().copied(), day_date(), now(), &CALENDAR, 450));
}

#[divan::bench]
fn end_of_day_summary_whole_ledger(b: Bencher) {
    let ledger = &*LEDGER;
    b.bench(|| day::day_summary(ledger, day_date(), now(), &CALENDAR, 450));
}

#[divan::bench(sample_count = 20)]
fn one_year_period_report(b: Bencher) {
    let ledger = &*LEDGER;
    let from = NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid");
    let to = NaiveDate::from_ymd_opt(2025, 12, 31).expect("valid");
    let now = NaiveDate::from_ymd_opt(2026, 1, 5)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .expect("valid");
    let l = Letterhead::default();
    b.bench(|| period::period_stats(ledger, from, to, now, &CALENDAR, &l));
}
