//! Printing: the PDF kept under the data directory, `lp` run without a shell and its failures
//! explained.

use std::os::unix::fs::PermissionsExt;

use motcua::print::{self, lp};
use motcua::report::Paper;

use super::fixtures::*;

fn script(dir: &std::path::Path, name: &str, body: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("script written");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

#[test]
fn receipt_is_written_under_the_data_dir_without_a_printer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dossier(1, "2026-03-02 08:05", "2026-03-03 17:00");
    let k = kit();
    let doc = motcua::report::forms::receipt(&d, &k.papers(), Some(1));
    let stem = format!("{}-giay-tiep-nhan", d.code.as_str());
    let folder = dir.path().join("printouts");
    let done =
        print::print_to_folder(&doc, &stem, None, &folder, t("2026-03-02 08:06")).expect("written");
    assert!(done.printer.is_none());
    assert!(done.path.starts_with(dir.path().join("printouts")));
    assert!(
        done.path
            .ends_with("000.00.20.H30-260302-0001-giay-tiep-nhan-20260302-0806.pdf"),
        "{}",
        done.path.display()
    );
    let bytes = std::fs::read(&done.path).expect("the PDF exists");
    assert!(bytes.starts_with(b"%PDF"));
    assert!(done.message().contains("chưa cài đặt máy in"));
}

#[test]
fn lp_gets_its_arguments_directly_and_its_failures_are_explained() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("args.txt");
    let ok = script(
        dir.path(),
        "lp-ok",
        &format!(
            "for a in \"$@\"; do echo \"$a\" >> '{}'; done; echo 'request id is A5-1'",
            log.display()
        ),
    );
    // a file name a shell would misread: spaces, quotes, $, ;
    let file = dir.path().join("giấy tiếp nhận $(rm -rf x); 'a'.pdf");
    std::fs::write(&file, b"%PDF-1.7").expect("file");
    let outcome = lp::send_with(ok.as_os_str(), "quay-mot-cua", &file, Paper::A5);
    assert_eq!(
        outcome,
        lp::PrintOutcome::Sent("request id is A5-1".to_owned())
    );
    let args = std::fs::read_to_string(&log).expect("args logged");
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(args[..5], ["-d", "quay-mot-cua", "-o", "media=A5", "--"]);
    assert_eq!(args[5], file.display().to_string());

    let refuse = script(
        dir.path(),
        "lp-refuse",
        "echo 'lp: The printer or class does not exist.' >&2; exit 1",
    );
    let outcome = lp::send_with(refuse.as_os_str(), "khong-co", &file, Paper::A4);
    assert!(matches!(&outcome, lp::PrintOutcome::Refused(m) if m.contains("does not exist")));
    assert!(outcome.message(&file).contains("tệp vẫn lưu tại"));
    assert!(file.exists(), "the file is kept");

    let missing = dir.path().join("no-such-lp");
    let outcome = lp::send_with(missing.as_os_str(), "q", &file, Paper::A4Landscape);
    assert!(matches!(outcome, lp::PrintOutcome::NoLp(_)));
    assert!(outcome.message(&file).contains("Không gọi được lệnh in lp"));
    let landscape = lp::lp_args("q", &file, Paper::A4Landscape);
    assert!(landscape.iter().any(|a| a == "landscape"));
}

mod markup_safety {
    use motcua::print::markup;
    use motcua::report::forms;
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Whatever a clerk types, the markup parses cleanly and holds the text as one literal.
        #[test]
        fn any_user_text_stays_a_string_literal(name in any::<String>(), reason in "[\\PC#$*_\\[\\]\\\\\"<>@/=-]{0,40}") {
            let mut d = dossier(1, "2026-03-02 08:05", "2026-03-03 17:00");
            d.applicant.name = name.clone();
            d.documents = vec![reason];
            let k = kit();
            let m = markup::to_markup(&forms::receipt(&d, &k.papers(), Some(1)));
            let root = typst::syntax::parse(&m);
            let (errors, _) = root.errors_and_warnings();
            prop_assert!(errors.is_empty(), "{:?}", errors);
            prop_assert!(m.contains(&markup::lit(&name)));
        }
    }
}
