//! The official day-off notices built into the program: 2025 and 2026 (RULES.md §7), and
//! 2020–2024 so that legacy ledgers imported with their dates get the due dates the desk really
//! had. Pure data.
//!
//! Each notice lists only the occasions the government set differently from the rule of
//! [`super::holidays`] (or set explicitly), with its source. What was searched and found, per
//! year (pages read in December 2026; where the notice's own number was not found, the source
//! names the decision as reported and says so, rather than invent a number):
//!
//! - 2020: Tết Thu 23/01 – Wed 29/01/2020 (29 tháng Chạp Kỷ Hợi – mùng 5 Canh Tý), reported by
//!   Sở Công Thương Đắk Lắk (socongthuong.daklak.gov.vn, 07/01/2020) from the Ministry of
//!   Labour's notice — number not found. Quốc khánh 2020 was one day under the Labour Code 2012
//!   (Art. 115), which the rule applies to years before 2021.
//! - 2021: Tết Wed 10/02 – Tue 16/02/2021 and Quốc khánh Thu 02/09 – Sun 05/09/2021, approved by
//!   the Prime Minister on the Ministry of Labour's proposal (VNA / vietnamplus.vn and
//!   sggpnews.org.vn, 26–27/11/2020; hanoimoi.vn) — notice number not found.
//! - 2022: Tết Sat 29/01 – Sun 06/02/2022 and Quốc khánh Thu 01/09 – Sun 04/09/2022
//!   (vnfinance.vn 22/12/2021, on the Ministry of Labour's final proposal agreed by the Prime
//!   Minister) — notice number not found. The working days off equal the rule's.
//! - 2023: Tết Fri 20/01 – Thu 26/01/2023, agreed by Deputy Prime Minister Vũ Đức Đam on the
//!   Ministry of Labour's proposal (pld.net.vn; sggpnews.org.vn 08/12/2022) — notice number not
//!   found. Quốc khánh Fri 01/09 – Mon 04/09/2023 (02/09 on a Saturday, compensated on Monday),
//!   as the provinces applied it (Lạng Sơn included) — equal to the rule, so not listed.
//!   Giỗ Tổ (Sat 29/04), 30/4 (Sun) and 1/5 gave 29/04 – 03/05 off by the compensation rule.
//! - 2024: Tết Thu 08/02 – Wed 14/02/2024 and Quốc khánh Sat 31/08 – Tue 03/09/2024: Notice
//!   5015/TB-LĐTBXH of 22/11/2023 after Official Dispatch 8662/VPCP-KGVX of 03/11/2023
//!   (huyendakha.kontum.gov.vn; kkt-kontum.com). 30/4–1/5: Sat 27/04 – Wed 01/05/2024 off, Mon
//!   29/04 swapped for Sat 04/05: Official Dispatch 2450/VPCP-KGVX of 12/04/2024
//!   (baophapluat.vn; baotintuc.vn; xaydungchinhsach.chinhphu.vn 20/04/2024).

use super::holidays::Occasion;
use super::notice::{Notice, date, span};

impl Notice {
    /// The notices built into the program: 2020–2024 (for legacy ledgers), 2025 and 2026
    /// (RULES.md §7).
    pub fn builtin() -> Vec<Notice> {
        vec![
            notice_2020(),
            notice_2021(),
            notice_2022(),
            notice_2023(),
            notice_2024(),
            notice_2025(),
            notice_2026(),
        ]
    }
}

const TET: &str = "Tết Nguyên đán";
const NATIONAL: &str = "Quốc khánh 2/9";

fn notice_2020() -> Notice {
    Notice {
        year: 2020,
        source: "Thông báo nghỉ Tết Âm lịch năm 2020 của Bộ Lao động – Thương binh và Xã hội \
                 (23/01–29/01/2020; số văn bản chưa đối chiếu)"
            .to_owned(),
        days_off: span(date(2020, 1, 23), date(2020, 1, 29), TET),
        work_days: Vec::new(),
        replaces: vec![Occasion::LunarNewYear],
    }
}

fn notice_2021() -> Notice {
    let mut days_off = span(date(2021, 2, 10), date(2021, 2, 16), TET);
    days_off.extend(span(date(2021, 9, 2), date(2021, 9, 5), NATIONAL));
    Notice {
        year: 2021,
        source: "Phương án nghỉ Tết Âm lịch và Quốc khánh năm 2021 được Thủ tướng Chính phủ đồng \
                 ý (tháng 11/2020; số văn bản chưa đối chiếu)"
            .to_owned(),
        days_off,
        work_days: Vec::new(),
        replaces: vec![Occasion::LunarNewYear, Occasion::NationalDay],
    }
}

fn notice_2022() -> Notice {
    let mut days_off = span(date(2022, 1, 29), date(2022, 2, 6), TET);
    days_off.extend(span(date(2022, 9, 1), date(2022, 9, 4), NATIONAL));
    Notice {
        year: 2022,
        source: "Phương án nghỉ Tết Âm lịch và Quốc khánh năm 2022 được Thủ tướng Chính phủ đồng \
                 ý (tháng 12/2021; số văn bản chưa đối chiếu)"
            .to_owned(),
        days_off,
        work_days: Vec::new(),
        replaces: vec![Occasion::LunarNewYear, Occasion::NationalDay],
    }
}

fn notice_2023() -> Notice {
    Notice {
        year: 2023,
        source: "Phương án nghỉ Tết Âm lịch năm 2023 được Phó Thủ tướng Chính phủ đồng ý \
                 (20/01–26/01/2023; số văn bản chưa đối chiếu)"
            .to_owned(),
        days_off: span(date(2023, 1, 20), date(2023, 1, 26), TET),
        work_days: Vec::new(),
        replaces: vec![Occasion::LunarNewYear],
    }
}

fn notice_2024() -> Notice {
    let mut days_off = span(date(2024, 2, 8), date(2024, 2, 14), TET);
    days_off.extend(span(
        date(2024, 4, 27),
        date(2024, 4, 28),
        "Nghỉ lễ 30/4 – 1/5 (nghỉ hằng tuần)",
    ));
    days_off.extend(span(
        date(2024, 4, 29),
        date(2024, 4, 29),
        "Nghỉ lễ 30/4 – 1/5 (hoán đổi, làm bù thứ Bảy 04/5)",
    ));
    days_off.extend(span(
        date(2024, 4, 30),
        date(2024, 4, 30),
        "Ngày Chiến thắng 30/4",
    ));
    days_off.extend(span(
        date(2024, 5, 1),
        date(2024, 5, 1),
        "Ngày Quốc tế Lao động 1/5",
    ));
    days_off.extend(span(date(2024, 8, 31), date(2024, 9, 3), NATIONAL));
    Notice {
        year: 2024,
        source: "Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 (Tết Âm lịch, Quốc khánh); Công văn \
                 2450/VPCP-KGVX ngày 12/4/2024 (hoán đổi ngày làm việc dịp 30/4 – 1/5)"
            .to_owned(),
        days_off,
        work_days: span(
            date(2024, 5, 4),
            date(2024, 5, 4),
            "Làm bù cho ngày nghỉ 29/4/2024",
        ),
        replaces: vec![
            Occasion::LunarNewYear,
            Occasion::Reunification,
            Occasion::Labour,
            Occasion::NationalDay,
        ],
    }
}

fn notice_2025() -> Notice {
    let mut days_off = span(date(2025, 1, 25), date(2025, 2, 2), "Tết Nguyên đán");
    days_off.extend(span(
        date(2025, 4, 7),
        date(2025, 4, 7),
        "Giỗ Tổ Hùng Vương",
    ));
    days_off.extend(span(
        date(2025, 4, 30),
        date(2025, 4, 30),
        "Ngày Chiến thắng 30/4",
    ));
    days_off.extend(span(
        date(2025, 5, 1),
        date(2025, 5, 1),
        "Ngày Quốc tế Lao động 1/5",
    ));
    days_off.extend(span(
        date(2025, 5, 2),
        date(2025, 5, 4),
        "Nghỉ lễ 30/4 – 1/5 (hoán đổi, làm bù thứ Bảy 26/4)",
    ));
    days_off.extend(span(date(2025, 8, 30), date(2025, 9, 2), "Quốc khánh 2/9"));
    Notice {
        year: 2025,
        source: "Thông báo nghỉ lễ, Tết năm 2025 của Bộ Nội vụ".to_string(),
        days_off,
        work_days: span(
            date(2025, 4, 26),
            date(2025, 4, 26),
            "Làm bù cho ngày nghỉ 02/5/2025",
        ),
        replaces: vec![
            Occasion::LunarNewYear,
            Occasion::HungKings,
            Occasion::Reunification,
            Occasion::Labour,
            Occasion::NationalDay,
        ],
    }
}

fn notice_2026() -> Notice {
    let mut days_off = span(date(2026, 1, 1), date(2026, 1, 1), "Tết Dương lịch");
    days_off.extend(span(date(2026, 2, 14), date(2026, 2, 22), "Tết Nguyên đán"));
    days_off.extend(span(
        date(2026, 4, 26),
        date(2026, 4, 26),
        "Giỗ Tổ Hùng Vương",
    ));
    days_off.extend(span(
        date(2026, 4, 27),
        date(2026, 4, 27),
        "Nghỉ bù Giỗ Tổ Hùng Vương",
    ));
    days_off.extend(span(
        date(2026, 4, 30),
        date(2026, 4, 30),
        "Ngày Chiến thắng 30/4",
    ));
    days_off.extend(span(
        date(2026, 5, 1),
        date(2026, 5, 1),
        "Ngày Quốc tế Lao động 1/5",
    ));
    days_off.extend(span(date(2026, 8, 29), date(2026, 9, 2), "Quốc khánh 2/9"));
    Notice {
        year: 2026,
        source: "Thông báo 9441/TB-BNV về nghỉ lễ, Tết năm 2026".to_string(),
        days_off,
        work_days: span(
            date(2026, 8, 22),
            date(2026, 8, 22),
            "Làm bù cho ngày nghỉ 31/8/2026",
        ),
        // 24/11, Ngày Văn hóa Việt Nam, came after this notice: the rule gives it.
        replaces: Occasion::ALL
            .into_iter()
            .filter(|o| *o != Occasion::CultureDay)
            .collect(),
    }
}
