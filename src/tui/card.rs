//! The chip ID card scanned at the desk (issue 16 item 4): on the board its QR line opens a new
//! intake with the applicant filled; in the intake form it fills the applicant whatever field
//! has the focus (the scanned text is taken out of that field again). The citizen's earlier
//! dossiers are asked for by ID number and listed on the form. The card's checks are
//! `domain::id_card`'s; a malformed scan fills nothing and says what is wrong.

use crate::domain::id_card::{IdCard, read_card};
use crate::domain::{ApplicantKind, Field};

use super::app::Effect;
use super::input::TextField;
use super::intake::IntakeForm;

/// Where a card line starts in a field's value: at the run of digits (at most the ID number's
/// 12) that ends at the first `|`, or `None` when the value holds no `|`.
fn scan_start(value: &str) -> Option<usize> {
    let bar = value.find('|')?;
    let digits = value[..bar]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .take(12)
        .count();
    Some(bar - digits)
}

/// Puts the card's applicant into `form` (a person: name, ID number, permanent address) and
/// returns the search for the citizen's earlier dossiers.
pub(crate) fn fill(form: &mut IntakeForm, card: &IdCard) -> Vec<Effect> {
    form.kind = ApplicantKind::Person;
    form.name = TextField::new(&card.name);
    form.id_number = TextField::new(&card.id_number);
    form.address = TextField::new(&card.address);
    for field in [Field::Name, Field::IdNumber, Field::Address] {
        form.check(field);
    }
    form.earlier = None;
    vec![Effect::Search(card.id_number.clone())]
}

/// A new intake form filled from a card line scanned on the board, or what is wrong with it.
pub(crate) fn intake_from(line: &str) -> Result<(IntakeForm, Vec<Effect>), String> {
    let card = read_card(line).map_err(|e| e.to_string())?;
    let mut form = IntakeForm::default();
    let effects = fill(&mut form, &card);
    Ok((form, effects))
}

/// If the focused field of `form` ends with a scanned card line (Enter pressed after it): takes
/// the line out of the field and fills the applicant from it. `None` when the field holds no
/// card line; `Some(Err)` with the reason when it is malformed (nothing filled).
pub(crate) fn take_scan(form: &mut IntakeForm) -> Option<Result<Vec<Effect>, String>> {
    let focus = form.focus;
    let value = form.text(focus)?.value().to_owned();
    let start = scan_start(&value)?;
    let (before, line) = value.split_at(start);
    if let Some(t) = form.text_mut(focus) {
        t.set(before);
    }
    Some(match read_card(line) {
        Ok(card) => {
            if focus == Field::Procedure {
                form.pick = 0;
            }
            Ok(fill(form, &card))
        }
        Err(e) => Err(e.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Made-up numbers: no real person's.
    const CARD: &str =
        "020190001234||Nguyễn Thị Mai|15031990|Nữ|Thôn Bản Chu, xã Thanh Sơn|01072021";

    #[test]
    fn a_card_scanned_into_any_field_fills_the_applicant_and_leaves_the_field_as_it_was() {
        let mut form = IntakeForm {
            focus: Field::Phone,
            phone: TextField::new(&format!("0912{CARD}")),
            ..IntakeForm::default()
        };
        let effects = take_scan(&mut form)
            .expect("a card line")
            .expect("a good card");
        assert_eq!(form.phone.value(), "0912");
        assert_eq!(form.name.value(), "Nguyễn Thị Mai");
        assert_eq!(form.id_number.value(), "020190001234");
        assert_eq!(form.address.value(), "Thôn Bản Chu, xã Thanh Sơn");
        assert_eq!(effects, vec![Effect::Search("020190001234".into())]);
    }

    #[test]
    fn a_malformed_scan_fills_nothing() {
        let mut form = IntakeForm {
            focus: Field::Name,
            name: TextField::new(&format!("Lê{}", CARD.replacen("|Nữ|", "|Nam|", 1))),
            ..IntakeForm::default()
        };
        let why = take_scan(&mut form)
            .expect("a card line")
            .expect_err("refused");
        assert!(why.contains("không khớp"), "{why}");
        assert_eq!(form.name.value(), "Lê");
        assert!(form.id_number.is_empty() && form.address.is_empty());
        // no bar: not a scan
        form.name = TextField::new("Lê Văn An");
        assert!(take_scan(&mut form).is_none());
    }
}
