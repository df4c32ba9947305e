//! Reports: the register, the catalogue, the end-of-day summary and the period statistics —
//! text snapshots, PDF text read back, CSV, and the invariants over random ledgers.

use motcua::calendar::{Calendar, DayHundredths, TimeLimit};
use motcua::domain::{Channel, Dossier, DossierCode, EventKind, FeeRule, Procedure, ProcedureCode};
use motcua::print;
use motcua::report::{day, period, posted, register, sheets};

use super::fixtures::*;
use super::forms::assert_pdf_has;

fn transfer(d: &mut Dossier, at: &str) {
    push(
        d,
        at,
        EventKind::Transferred {
            from: "Bộ phận tiếp nhận và trả kết quả".to_owned(),
            to: "Tư pháp – hộ tịch".to_owned(),
        },
    );
}

fn hand_back(d: &mut Dossier, at: &str, fee: u64, rating: &str) {
    push(
        d,
        at,
        EventKind::HandedBack {
            to: d.applicant.name.clone(),
            fee_vnd: fee,
            rating: rating.to_owned(),
        },
    );
}

/// A small ledger around Monday 2 – Friday 6 March 2026 with every kind of life.
pub fn ledger() -> Vec<Dossier> {
    let mut v = Vec::new();
    // carried over from February, resolved early on 2 March, handed back the same day
    let mut a = dossier(1, "2026-02-26 09:00", "2026-03-04 17:00");
    transfer(&mut a, "2026-02-26 10:00");
    push(&mut a, "2026-03-02 10:00", EventKind::ResultReady);
    hand_back(&mut a, "2026-03-02 14:00", 8_000, "Rất hài lòng");
    v.push(a);
    // received 2 March online, resolved late on 4 March, waiting for collection
    let mut b = dossier(2, "2026-03-02 08:30", "2026-03-03 17:00");
    b.channel = Channel::Online;
    b.applicant.name = "Hoàng Đức Thịnh".to_owned();
    transfer(&mut b, "2026-03-02 09:00");
    push(&mut b, "2026-03-04 09:00", EventKind::ResultReady);
    v.push(b);
    // received 2 March, overdue with an apology
    let mut c = dossier(3, "2026-03-02 09:15", "2026-03-03 17:00");
    c.procedure_name = "Chứng thực bản sao từ bản chính".to_owned();
    c.procedure = ProcedureCode("2.000815".to_owned());
    c.field = "Chứng thực".to_owned();
    c.received_by = "Đinh Văn Hùng".to_owned();
    c.channel = Channel::Postal;
    apology(
        &mut c,
        "2026-03-02 16:00",
        "Chờ xác minh",
        "2026-03-05 17:00",
    );
    v.push(c);
    // received 2 March, supplement requested
    let mut d = dossier(4, "2026-03-02 10:00", "2026-03-04 17:00");
    push(
        &mut d,
        "2026-03-02 15:00",
        EventKind::SupplementRequested {
            reason: "Thiếu giấy tờ".to_owned(),
            items: vec!["Giấy chứng sinh".to_owned()],
        },
    );
    v.push(d);
    // refused on 3 March
    let mut e = dossier(5, "2026-03-03 08:00", "2026-03-04 17:00");
    push(
        &mut e,
        "2026-03-03 08:20",
        EventKind::Refused {
            reason: "Không thuộc thẩm quyền".to_owned(),
        },
    );
    v.push(e);
    // open, two working days, due 3 March: its letter was due by 2 March 17:00, none issued
    let mut f = dossier(6, "2026-02-27 16:00", "2026-03-03 17:00");
    f.time_limit = motcua::calendar::TimeLimit::WorkingDays(DayHundredths(200));
    v.push(f);
    v
}

fn cal() -> Calendar {
    Calendar::builtin()
}

#[test]
fn register_numbers_run_through_the_year() {
    let docs = ledger();
    let k = kit();
    let doc = register::register(
        &docs,
        date("2026-03-02"),
        date("2026-03-06"),
        &k.papers(),
        t("2026-03-06 17:00"),
    )
    .expect("a valid range");
    snap!("register", print::to_text(&doc));
    // numbers follow the order dossiers were recorded (their ids): of the two February
    // dossiers, id 1 comes first; id 6 (received 27/02, recorded after the March ones) is 06,
    // so March starts at 02
    let table = doc.first_table().expect("a table");
    assert_eq!(table.rows[0].cells[0], "02");
    assert_pdf_has(
        &doc,
        &[
            "SỔ THEO DÕI HỒ SƠ",
            "Mẫu số 07",
            "Hoàng Đức Thịnh",
            "Tên tổ chức, cá nhân",
        ],
    );
    let bad = register::register(
        &docs,
        date("2026-03-06"),
        date("2026-03-02"),
        &k.papers(),
        t("2026-03-06 17:00"),
    );
    assert!(bad.is_err());
}

#[test]
fn catalogue_lists_limits_and_fees() {
    let p = |code: &str, name: &str, field: &str, limit, fee| Procedure {
        code: ProcedureCode(code.to_owned()),
        name: name.to_owned(),
        field: field.to_owned(),
        time_limit: limit,
        fee,
        documents: vec![],
        unit: "Tư pháp – hộ tịch".to_owned(),
        pausable: false,
        note: String::new(),
    };
    let procs = vec![
        p(
            "2.000815",
            "Chứng thực bản sao từ bản chính",
            "Chứng thực",
            TimeLimit::SameDay,
            FeeRule::PerPage {
                first_pages: 2,
                first: 2_000,
                then: 1_000,
                cap: 200_000,
            },
        ),
        p(
            "1.001193",
            "Thủ tục đăng ký khai sinh",
            "Hộ tịch",
            TimeLimit::WorkingDays(DayHundredths(100)),
            FeeRule::Free,
        ),
        Procedure {
            note: "Miễn lệ phí khi đăng ký đúng hạn; đăng ký quá hạn thu theo mức của tỉnh. \
                   Nguồn: Luật Hộ tịch 2014 Điều 16.2, Điều 11.1.b."
                .to_owned(),
            ..p(
                "1.000000",
                "Thủ tục đăng ký khai tử",
                "Hộ tịch",
                TimeLimit::SameDay,
                FeeRule::Free,
            )
        },
        p(
            "1.000656",
            "Thủ tục đăng ký kết hôn",
            "Hộ tịch",
            TimeLimit::WorkingDays(DayHundredths(50)),
            FeeRule::Fixed(30_000),
        ),
    ];
    let doc = posted::catalogue(&procs, &letterhead(), t("2026-03-02 08:00"));
    snap!("catalogue", print::to_text(&doc));
    assert_pdf_has(
        &doc,
        &[
            "DANH MỤC THỦ TỤC HÀNH CHÍNH",
            "Miễn",
            "30.000 đồng",
            "0,5 ngày làm việc",
            "Miễn lệ phí khi đăng ký đúng hạn; đăng ký quá hạn thu theo mức của tỉnh.",
        ],
    );
}

#[test]
fn day_summary_counts_the_day() {
    let docs = ledger();
    let l = letterhead();
    let s = day::day_summary(
        &docs,
        date("2026-03-02"),
        t("2026-03-02 17:30"),
        &cal(),
        450,
    );
    assert_eq!(s.received_total, 3); // b, c, d received on 2 March; a was in February
    assert_eq!(s.handed_back.total, 1);
    assert_eq!(s.handed_back.early, 1);
    assert_eq!(s.fees_vnd, 8_000);
    assert_eq!(s.apologies_issued.len(), 1);
    assert_eq!(s.waiting_supplement, 1);
    let owed: Vec<&str> = s.apologies_owed.iter().map(|o| o.code.as_str()).collect();
    assert!(owed.contains(&"000.00.20.H30-260227-0006"), "{owed:?}");
    let doc = sheets::day_document(&s, &l);
    snap!("day_summary", print::to_text(&doc));
    assert_pdf_has(
        &doc,
        &[
            "BÁO CÁO TIẾP NHẬN VÀ TRẢ KẾT QUẢ TRONG NGÀY",
            "8.000 đồng",
            "Đinh Văn Hùng",
        ],
    );
    let csv = String::from_utf8(print::to_csv(&doc).expect("a table")).expect("utf-8");
    assert!(csv.contains("Hình thức nộp,Số hồ sơ"), "{csv}");
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one report checked column by column against the ledger it was made from"
)]
fn period_report_balances_and_reads_back() {
    let docs = ledger();
    let l = letterhead();
    let s = period::period_stats(
        &docs,
        date("2026-03-02"),
        date("2026-03-06"),
        t("2026-03-06 17:30"),
        &cal(),
        &l,
    )
    .expect("a valid range");
    assert!(s.total.balanced(), "{:?}", s.total);
    assert_eq!(s.total.carried_over, 2);
    assert_eq!(s.total.received_in_period(), 4);
    assert_eq!(
        s.total.received_total, 6,
        "column (3) counts the carried over too"
    );
    assert_eq!(s.total.received_online, 1);
    assert_eq!(s.total.resolved_early, 1);
    assert_eq!(s.total.resolved_late, 1);
    assert_eq!(s.total.ended_other, 1);
    assert_eq!(s.total.waiting_supplement, 1);
    assert_eq!(s.total.open_overdue, 2);
    let doc = sheets::period_document(&s, &l, t("2026-12-05 09:00"));
    snap!("period", print::to_text(&doc));
    assert_pdf_has(
        &doc,
        &[
            "Biểu số 06/VPCP/KSTT",
            "Số hồ sơ nhận giải quyết",
            "Trực tiếp, dịch vụ bưu chính",
            "Hộ tịch",
            "Chứng thực",
            "Tổng cộng",
        ],
    );
    let csv = String::from_utf8(print::to_csv(&doc).expect("a table")).expect("utf-8");
    assert!(
        csv.contains("Số hồ sơ nhận giải quyết - Trực tuyến"),
        "{csv}"
    );
    let json = serde_json::to_value(&s).expect("serialises");
    for key in [
        "received_total",
        "received_online",
        "received_direct_postal",
        "carried_over",
        "resolved_total",
        "resolved_early",
        "resolved_on_time",
        "resolved_late",
        "open_total",
        "open_within",
        "open_overdue",
        "waiting_supplement",
        "ended_other",
    ] {
        assert!(json["total"][key].is_u64(), "total lacks {key}: {json}");
        assert!(json["fields"][0][key].is_u64(), "field row lacks {key}");
    }
    assert_eq!(json["fields"][0]["field"], "Chứng thực");
    // Each JSON key is its printed column: (3)–(13) in the official table, (14)–(15) in the
    // extra one (issue 12: `received_total` once left out the carried-over dossiers).
    let tables: Vec<&motcua::report::Table> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            motcua::report::Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    let official = &KEYS[..11];
    let extra = &KEYS[11..];
    let mut compared = 0;
    for (table, keys) in [(tables[0], official), (tables[1], extra)] {
        for row in &table.rows {
            let name = &row.cells[1];
            let values = if name == "Tổng cộng" {
                &json["total"]
            } else {
                match json["fields"]
                    .as_array()
                    .expect("fields")
                    .iter()
                    .find(|f| f["field"] == name.as_str())
                {
                    Some(f) => f,
                    None => continue,
                }
            };
            for (key, cell) in keys.iter().zip(&row.cells[2..]) {
                assert_eq!(
                    values[key].to_string(),
                    *cell,
                    "{key} of {name} is not its printed column"
                );
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 3 * 13, "two sectors and the total in both tables");
}

/// Biểu 06's JSON keys in the order of the printed columns (3)–(15).
const KEYS: [&str; 13] = [
    "received_total",
    "received_online",
    "received_direct_postal",
    "carried_over",
    "resolved_total",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "open_total",
    "open_within",
    "open_overdue",
    "waiting_supplement",
    "ended_other",
];

/// The reports as PDF in `$MOTCUA_SAMPLES`, for a person to look at (see `write_form_samples`).
#[test]
#[ignore = "writes files for a person to look at"]
fn write_report_samples() {
    let dir = std::path::PathBuf::from(std::env::var("MOTCUA_SAMPLES").expect("MOTCUA_SAMPLES"));
    let l = letterhead();
    let mut docs = ledger();
    // enough rows for the register to run over a page and repeat its header
    for i in 0..40u64 {
        let mut d = dossier(100 + i, "2026-03-03 08:00", "2026-03-05 17:00");
        d.received_at += chrono::Duration::minutes(i as i64 * 7);
        d.code = DossierCode::parse(&format!("000.00.20.H30-260303-{:04}", 100 + i))
            .expect("a well-formed code");
        docs.push(d);
    }
    let s = day::day_summary(
        &docs,
        date("2026-03-02"),
        t("2026-03-02 17:30"),
        &cal(),
        450,
    );
    let p = period::period_stats(
        &docs,
        date("2026-03-02"),
        date("2026-03-06"),
        t("2026-03-06 17:30"),
        &cal(),
        &l,
    )
    .expect("range");
    let k = kit();
    let r = register::register(
        &docs,
        date("2026-03-01"),
        date("2026-03-31"),
        &k.papers(),
        t("2026-03-06 17:30"),
    )
    .expect("range");
    std::fs::create_dir_all(&dir).expect("sample dir");
    for (name, doc) in [
        ("day", sheets::day_document(&s, &l)),
        (
            "period",
            sheets::period_document(&p, &l, t("2026-12-05 09:00")),
        ),
        ("register", r),
    ] {
        std::fs::write(
            dir.join(format!("{name}.pdf")),
            print::to_pdf(&doc).expect("lays out"),
        )
        .expect("written");
    }
}
