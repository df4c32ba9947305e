//! Realistic generated ledgers for demos, benchmarks and tests: `motcua demo generate`.
//!
//! Deterministic for a seed (own SplitMix64, no external RNG), pure: the catalogue, the calendar
//! and the end instant are passed in, and dossiers come out one day at a time, already legal
//! (every event goes through `domain::apply`, so the generator cannot produce a life the desk
//! would refuse). Shares, chosen to look like a commune desk:
//! - procedures weighted towards copy certification, signatures and civil status;
//! - channel: 70 % at the desk, 25 % online, 5 % postal;
//! - receipts on working days inside office hours, more in the morning;
//! - 6 % get a supplement request, 30 % of pausable ones a pause, 1 % are refused, 0.5 % stopped;
//! - about 3 % of resolved dossiers are late, two thirds of those with an apology;
//! - about 1.5 % of dossiers already past due stay open (the overdue list a desk really has).

mod life;
mod names;

use chrono::{Duration, NaiveDate, NaiveTime};

use crate::calendar::{Calendar, LocalTime, TimeLimit};
use crate::domain::{
    Applicant, ApplicantKind, Channel, Dossier, DossierCode, DossierId, Intake, Procedure,
};

/// SplitMix64: tiny, fast, and good enough for synthetic data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `per_mille / 1000`.
    pub(crate) fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub(crate) fn weighted<'a>(&mut self, items: &'a [(&'a str, u32)]) -> &'a str {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut r = self.below(total);
        for (item, w) in items {
            if r < u64::from(*w) {
                return item;
            }
            r -= u64::from(*w);
        }
        items[0].0
    }
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Plan {
    pub dossiers: u64,
    pub years: u32,
    pub seed: u64,
    /// The generated ledger's "now": receipts end on this day, lives are cut at this instant.
    pub end: LocalTime,
    pub agency_code: String,
    pub operators: Vec<String>,
}

/// Weight of a procedure, by the folded start of its name (per-mille-ish; unknown ones get 5).
fn procedure_weight(p: &Procedure) -> u32 {
    let name = crate::text::fold(&p.name);
    const WEIGHTS: &[(&str, u32)] = &[
        ("chung thuc ban sao tu ban chinh", 300),
        ("chung thuc chu ky trong", 80),
        ("cap ban sao trich luc", 60),
        ("cap giay xac nhan tinh trang hon nhan", 70),
        ("dang ky khai sinh", 70),
        ("dang ky ket hon", 30),
        ("dang ky khai tu", 20),
        ("chung thuc giao dich", 40),
        ("chung thuc hop dong", 40),
        ("cap ban sao tu so goc", 20),
        ("chung thuc di chuc", 8),
        ("chung thuc van ban phan chia", 10),
        ("dinh chinh giay chung nhan", 6),
        ("cap lai giay chung nhan", 6),
    ];
    WEIGHTS
        .iter()
        .find(|(prefix, _)| name.starts_with(prefix))
        .map_or(5, |(_, w)| *w)
}

/// A generated applicant: a person with a plausible name, ID number, phone and address.
pub fn applicant(rng: &mut Rng) -> Applicant {
    let female = rng.chance(520);
    let family = rng.weighted(names::FAMILY);
    let (middle, given) = if female {
        (
            rng.weighted(names::MIDDLE_FEMALE),
            rng.weighted(names::GIVEN_FEMALE),
        )
    } else {
        (
            rng.weighted(names::MIDDLE_MALE),
            rng.weighted(names::GIVEN_MALE),
        )
    };
    let birth_year = 1950 + rng.below(55);
    // Personal ID: province (3) + century/sex (1) + year (2) + random (6).
    let sex_digit = match (birth_year >= 2000, female) {
        (false, false) => 0,
        (false, true) => 1,
        (true, false) => 2,
        (true, true) => 3,
    };
    let id_number = format!(
        "{}{}{:02}{:06}",
        names::PROVINCE_ID_CODE,
        sex_digit,
        birth_year % 100,
        rng.below(1_000_000)
    );
    let phone = if rng.chance(900) {
        format!(
            "{}{:07}",
            rng.pick(names::PHONE_PREFIXES),
            rng.below(10_000_000)
        )
    } else {
        String::new()
    };
    Applicant {
        kind: ApplicantKind::Person,
        name: format!("{family} {middle} {given}"),
        id_number,
        address: format!("{}, xã Thanh Sơn, tỉnh Lạng Sơn", rng.pick(names::VILLAGES)),
        phone,
        email: String::new(),
        representative: String::new(),
    }
}

/// Generates `plan.dossiers` dossiers received on the working days of the `plan.years` years
/// ending on `plan.end`'s day, in receipt order, and hands each to `sink` (so a million never
/// sit in memory at once). Ids start at 1; codes follow the per-day sequence. Returns how many
/// were generated. Stops at the first error of `sink`.
pub fn generate<E>(
    plan: &Plan,
    catalogue: &[Procedure],
    cal: &Calendar,
    mut sink: impl FnMut(Dossier) -> Result<(), E>,
) -> Result<u64, E> {
    if catalogue.is_empty() || plan.dossiers == 0 {
        return Ok(0);
    }
    let mut rng = Rng::new(plan.seed);
    let weights: Vec<u64> = catalogue
        .iter()
        .map(|p| u64::from(procedure_weight(p)))
        .collect();
    let total_weight: u64 = weights.iter().sum();
    let last_day = plan.end.date();
    let days = working_days(plan, cal);
    let n_days = days.len() as u64;
    let mut seqs = life::Sequences::default();
    let mut id = 0u64;
    for (i, day) in days.iter().enumerate() {
        let i = i as u64;
        let count = (i + 1) * plan.dossiers / n_days - i * plan.dossiers / n_days;
        let midnight = day.and_time(NaiveTime::MIN);
        let mut day_minutes = cal.working_minutes_of_day(*day);
        if *day == last_day {
            // The plan ends during this day: only the working time before `end` is available.
            day_minutes = day_minutes.min(cal.working_minutes_between(midnight, plan.end));
        }
        let day_minutes = day_minutes.unsigned();
        let day_minutes = day_minutes.max(2);
        for (seq, offset) in receipt_offsets(&mut rng, count, day_minutes)
            .into_iter()
            .enumerate()
        {
            let received_at = cal.due_at(midnight, TimeLimit::WorkingMinutes(offset), &[]);
            if received_at > plan.end {
                continue;
            }
            let procedure = weighted(catalogue, &weights, rng.below(total_weight));
            id += 1;
            let operator = rng.pick(&plan.operators).clone();
            let applicant = applicant(&mut rng);
            let intake = intake_for(procedure, &applicant, &mut rng);
            let code = DossierCode::format(&plan.agency_code, *day, seq as u32 + 1);
            let dossier = crate::domain::new_dossier(
                DossierId(id),
                code,
                applicant,
                &intake,
                procedure,
                received_at,
                &operator,
                cal,
            );
            let dossier = life::live(dossier, &mut rng, cal, plan.end, &operator, &mut seqs);
            sink(dossier)?;
        }
    }
    Ok(id)
}

/// The working days of the plan's years, ending on `plan.end`'s day.
fn working_days(plan: &Plan, cal: &Calendar) -> Vec<NaiveDate> {
    let last_day = plan.end.date();
    let first_day =
        last_day - Duration::days(365 * i64::from(plan.years.max(1))) + Duration::days(1);
    first_day
        .iter_days()
        .take_while(|d| *d <= last_day)
        .filter(|d| cal.is_working_day(*d))
        .collect()
}

/// `count` receipt offsets (working minutes into a day of `day_minutes`), sorted so codes
/// follow time.
fn receipt_offsets(rng: &mut Rng, count: u64, day_minutes: u64) -> Vec<u32> {
    let mut offsets: Vec<u32> = (0..count)
        .map(|_| {
            // Mornings are busier: square a uniform draw towards the start of the day.
            let u = rng.below(1000);
            let skew = if rng.chance(600) { u * u / 1000 } else { u };
            (1 + skew * (day_minutes - 1) / 1000) as u32
        })
        .collect();
    offsets.sort_unstable();
    offsets
}

/// The procedure whose share of the summed `weights` holds `r` (below their sum).
fn weighted<'a>(catalogue: &'a [Procedure], weights: &[u64], mut r: u64) -> &'a Procedure {
    for (p, w) in catalogue.iter().zip(weights) {
        if r < *w {
            return p;
        }
        r -= w;
    }
    &catalogue[0]
}

/// The intake form a clerk would have filled for `applicant` and `procedure`.
fn intake_for(procedure: &Procedure, applicant: &Applicant, rng: &mut Rng) -> Intake {
    Intake {
        procedure: Some(procedure.code.clone()),
        applicant_kind: Some(ApplicantKind::Person),
        name: applicant.name.clone(),
        id_number: applicant.id_number.clone(),
        address: applicant.address.clone(),
        phone: applicant.phone.clone(),
        email: String::new(),
        representative: String::new(),
        channel: Some(channel(rng)),
        sets: 1,
        documents: procedure.documents.clone(),
        note: String::new(),
    }
}

fn channel(rng: &mut Rng) -> Channel {
    match rng.below(100) {
        0..=69 => Channel::Direct,
        70..=94 => Channel::Online,
        _ => Channel::Postal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EventKind, Status};

    fn plan(n: u64, seed: u64) -> Plan {
        Plan {
            dossiers: n,
            years: 1,
            seed,
            end: crate::calendar::parse_local("2026-11-27 16:00").expect("valid"),
            agency_code: "000.00.20.H30".to_owned(),
            operators: vec!["Nguyễn Thị Lan".to_owned(), "Hoàng Văn Minh".to_owned()],
        }
    }

    fn run(n: u64, seed: u64) -> Vec<Dossier> {
        let cal = Calendar::builtin();
        let catalogue = crate::domain::builtin_catalogue();
        let mut out = Vec::new();
        let made = generate(&plan(n, seed), &catalogue, &cal, |d| {
            out.push(d);
            Ok::<(), ()>(())
        })
        .expect("sink never fails");
        assert_eq!(made, out.len() as u64);
        out
    }

    #[test]
    fn deterministic_for_a_seed() {
        assert_eq!(run(300, 7), run(300, 7));
        assert_ne!(run(300, 7), run(300, 8));
    }

    #[test]
    fn realistic_shares_and_unique_codes() {
        let all = run(3000, 1);
        assert_eq!(all.len(), 3000);
        let end = plan(1, 1).end;
        let codes: std::collections::HashSet<_> = all.iter().map(|d| d.code.clone()).collect();
        assert_eq!(codes.len(), all.len(), "codes are unique");
        let cal = Calendar::builtin();
        for d in &all {
            assert!(
                cal.is_working_day(d.received_at.date()),
                "{} received on a day off",
                d.code.as_str()
            );
            assert!(
                d.events.windows(2).all(|w| w[0].at <= w[1].at),
                "events in time order"
            );
        }
        let overdue_open = all
            .iter()
            .filter(|d| d.status.is_open() && d.due_at < end)
            .count();
        let share = overdue_open as f64 / all.len() as f64;
        assert!(
            (0.005..0.04).contains(&share),
            "open past due share {share}"
        );
        let handed = all
            .iter()
            .filter(|d| d.status == Status::HandedBack)
            .count();
        assert!(
            handed > all.len() * 8 / 10,
            "most are handed back: {handed}"
        );
        let apologies = all
            .iter()
            .filter(|d| {
                d.events
                    .iter()
                    .any(|e| matches!(e.kind, EventKind::ApologyIssued { .. }))
            })
            .count();
        assert!(apologies > 0, "some apologies are issued");
        assert!(all.iter().any(|d| d.status == Status::Refused));
    }
}
