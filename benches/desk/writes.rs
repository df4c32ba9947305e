//! Durable writes, one at a time as at the desk: intake of a new dossier (`Desk::receive`) and
//! a status transition (`Desk::act`, result ready), each timed from the call to its durable
//! return; SQLite does the same domain work around a durable commit.

use std::time::{Duration, Instant};

use motcua::calendar::LocalTime;
use motcua::domain::{self, Command, DossierCode, DossierId, Intake};

use motcua::desk::{Call, Desk};

use crate::Table;
use crate::desk_side::Motcua;
use crate::measure::Stat;
use crate::sqlite::Sqlite;

const WRITES: usize = 200;
const OPERATOR: &str = "Lý Thị Mai";

pub fn run(m: &mut Motcua, l: &mut Sqlite, now: LocalTime, table: &mut Table) {
    let catalogue = m.desk.procedures();
    let cal = m.desk.calendar().clone();
    let agency = m.desk.settings().agency.code.clone();
    let mut rng = motcua::demo::Rng::new(7);
    let (mut a, mut b) = (Vec::<Duration>::new(), Vec::<Duration>::new());
    for i in 0..WRITES {
        let procedure = &catalogue[(i * 7) % catalogue.len()];
        let ap = motcua::demo::applicant(&mut rng);
        let intake = Intake {
            procedure: Some(procedure.code.clone()),
            applicant_kind: Some(ap.kind),
            name: ap.name,
            id_number: ap.id_number,
            address: ap.address,
            phone: ap.phone,
            sets: 1,
            ..Intake::default()
        };
        // Each intake a minute later, like a queue at the desk.
        let at = now + chrono::Duration::minutes(i as i64 + 1);
        let t = Instant::now();
        let ours = m
            .desk
            .receive(intake.clone(), &Call::new(at, OPERATOR))
            .expect("a valid intake is received");
        a.push(t.elapsed());
        let t = Instant::now();
        let applicant = domain::validate_intake(&intake, procedure).expect("the desk accepted it");
        let draft = domain::new_dossier(
            DossierId(0),
            DossierCode::unassigned(),
            applicant,
            &intake,
            procedure,
            at,
            OPERATOR,
            &cal,
        );
        let theirs = l.receive(&draft, &agency).expect("SQLite intake");
        b.push(t.elapsed());
        // Same work on both sides: the same next id and the same code of the day.
        assert_eq!((ours.id, &ours.code), (theirs.id, &theirs.code));
    }
    let (a, b) = (Stat::of(a), Stat::of(b));
    table.median("durable intake", &a, &b, "");
    table.time("durable intake (p99)", a.p99(), b.p99(), "≤ 10 ms");

    let codes = l.in_processing_codes(WRITES).expect("open dossiers");
    let at = now + chrono::Duration::minutes(WRITES as i64 + 5);
    let (mut a, mut b) = (Vec::<Duration>::new(), Vec::<Duration>::new());
    for code in codes {
        let t = Instant::now();
        m.desk
            .act(
                &DossierCode::parse(&code).expect("a code the desk made"),
                None,
                Command::MarkResultReady,
                &Call::new(at, OPERATOR),
            )
            .expect("an in-processing dossier can get its result");
        a.push(t.elapsed());
        let t = Instant::now();
        let d = l.get_by_code(&code).expect("reads").expect("present");
        let after = domain::apply(&d, Command::MarkResultReady, at, OPERATOR, &cal, None)
            .expect("same dossier, same rule");
        l.update(&after).expect("SQLite update");
        b.push(t.elapsed());
    }
    let (a, b) = (Stat::of(a), Stat::of(b));
    table.median("status transition (result ready)", &a, &b, "");
    table.time("status transition (p99)", a.p99(), b.p99(), "≤ 15 ms");
}
