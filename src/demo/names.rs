//! Vietnamese names and places for generated data, with rough real frequencies. The family
//! names mix the national distribution with the Tày and Nùng names common in Lạng Sơn (Hoàng,
//! Nông, Vi, Lộc, Lương…), since the default desk is in a Lạng Sơn commune.

/// (family name, weight in per-mille).
pub(crate) const FAMILY: &[(&str, u32)] = &[
    ("Nguyễn", 260),
    ("Hoàng", 110),
    ("Trần", 70),
    ("Lê", 60),
    ("Nông", 60),
    ("Phạm", 45),
    ("Lương", 40),
    ("Vi", 35),
    ("Lộc", 30),
    ("Hà", 30),
    ("Vũ", 25),
    ("Đặng", 25),
    ("Bùi", 20),
    ("Đỗ", 20),
    ("Ngô", 18),
    ("Dương", 18),
    ("Triệu", 15),
    ("Chu", 15),
    ("Đàm", 12),
    ("Lăng", 10),
    ("Mã", 10),
    ("Phan", 20),
    ("Hồ", 12),
    ("Lý", 10),
    ("Tô", 10),
    ("Ninh", 8),
    ("Lã", 6),
];

pub(crate) const MIDDLE_MALE: &[(&str, u32)] = &[
    ("Văn", 450),
    ("Đức", 90),
    ("Minh", 80),
    ("Quang", 60),
    ("Hữu", 60),
    ("Tiến", 40),
    ("Thanh", 40),
    ("Công", 40),
    ("Xuân", 30),
    ("Ngọc", 30),
    ("Trung", 30),
    ("Mạnh", 25),
    ("Đình", 25),
];

pub(crate) const MIDDLE_FEMALE: &[(&str, u32)] = &[
    ("Thị", 550),
    ("Ngọc", 70),
    ("Thu", 60),
    ("Thanh", 50),
    ("Minh", 40),
    ("Hồng", 40),
    ("Phương", 30),
    ("Kim", 30),
    ("Bích", 20),
    ("Mai", 20),
    ("Hải", 20),
];

pub(crate) const GIVEN_MALE: &[(&str, u32)] = &[
    ("Anh", 50),
    ("Hùng", 45),
    ("Dũng", 45),
    ("Tuấn", 45),
    ("Hải", 40),
    ("Nam", 40),
    ("Thắng", 35),
    ("Long", 35),
    ("Huy", 35),
    ("Sơn", 35),
    ("Cường", 30),
    ("Đạt", 30),
    ("Phúc", 25),
    ("Quân", 25),
    ("Khánh", 25),
    ("Trường", 20),
    ("Thành", 30),
    ("Bình", 25),
    ("Toàn", 20),
    ("Việt", 20),
    ("Lâm", 15),
    ("Tùng", 20),
];

pub(crate) const GIVEN_FEMALE: &[(&str, u32)] = &[
    ("Hương", 50),
    ("Lan", 45),
    ("Hoa", 40),
    ("Linh", 45),
    ("Trang", 45),
    ("Huyền", 35),
    ("Nga", 30),
    ("Thảo", 35),
    ("Hằng", 30),
    ("Mai", 30),
    ("Yến", 25),
    ("Ngọc", 25),
    ("Phượng", 20),
    ("Nhung", 25),
    ("Vân", 20),
    ("Loan", 20),
    ("Duyên", 20),
    ("Ánh", 20),
    ("Thủy", 25),
    ("Hiền", 25),
];

/// Villages ("thôn") of the default commune, with Tày place names.
pub(crate) const VILLAGES: &[&str] = &[
    "Thôn Nà Pàn",
    "Thôn Khòn Pổ",
    "Thôn Pò Lọi",
    "Thôn Bản Rạn",
    "Thôn Nà Lệnh",
    "Thôn Khuổi Khỉn",
    "Thôn Cốc Lùng",
    "Thôn Pác Nặm",
    "Thôn Nà Tèo",
    "Thôn Phai Xả",
    "Thôn Bản Chành",
    "Thôn Còn Nưa",
];

/// Mobile prefixes in use (Viettel, Vinaphone, MobiFone).
pub(crate) const PHONE_PREFIXES: &[&str] = &[
    "086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039", "088",
    "091", "094", "081", "082", "083", "084", "085", "089", "090", "093", "070", "076", "077",
    "078", "079",
];

/// Lạng Sơn's province code in the personal ID number ("mã tỉnh nơi đăng ký khai sinh").
pub(crate) const PROVINCE_ID_CODE: &str = "020";
