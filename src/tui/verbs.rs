//! The legal actions the dossier view offers, one key each, and the small form each needs
//! (reason, recipient, fee, rating, new appointment). Which verbs a dossier allows is decided by
//! `domain`; this module only asks and turns the clerk's input into a [`Command`].

use crate::domain::{
    Command, Correction, DomainError, Dossier, Field, FieldProblem, Notification, Procedure,
};
use crate::text::{fold, nfc};

use super::format::parse_screen_time;
use super::input::TextField;

/// A legal action on an existing dossier: the domain's command kinds, one key each.
pub use crate::domain::CommandKind as Verb;

/// The form title of a verb.
pub(crate) fn title(verb: Verb) -> &'static str {
    verb.label()
}

/// What a form suggests (from the desk: the procedure's unit and fee, the signer, the scale).
pub use crate::desk::StepDefaults as Defaults;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum FieldKind {
    Text(TextField),
    Choice { options: Vec<String>, index: usize },
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FormField {
    /// The field's label (the domain's word), with a typing hint where one helps.
    pub(crate) label: String,
    pub(crate) kind: FieldKind,
}

/// The input a verb needs; empty for verbs without parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct VerbForm {
    pub verb: Verb,
    pub(crate) fields: Vec<FormField>,
    pub(crate) focus: usize,
    pub error: Option<String>,
    /// The hand-back's fee when its field is left empty: the catalogue's (a field that
    /// started at "0" turned a typed 6000 into "06000").
    pub(crate) suggested_fee: u64,
}

fn text(field: Field, value: &str) -> FormField {
    hinted(field, "", value)
}

/// A text field whose label carries a typing hint: "Ngày hẹn lại (YYYY-MM-DD HH:MM)".
fn hinted(field: Field, hint: &str, value: &str) -> FormField {
    let label = match hint {
        "" => field.label().to_owned(),
        hint => format!("{} ({hint})", field.label()),
    };
    FormField {
        label,
        kind: FieldKind::Text(TextField::new(value)),
    }
}

fn choice(field: Field, options: Vec<String>) -> FormField {
    FormField {
        label: field.label().to_owned(),
        kind: FieldKind::Choice { options, index: 0 },
    }
}

/// A field's refusal, in the domain's words ("<label>: <problem>").
fn refused(field: Field, problem: FieldProblem) -> String {
    DomainError::field(field, problem).to_string()
}

/// The facts the correction form offers, in its choice's order. The procedure's new value is
/// typed as its code or words of its name and found in the catalogue ([`find_procedure`]).
pub(crate) const CORRECTABLE: [Field; 8] = [
    Field::Name,
    Field::IdNumber,
    Field::Phone,
    Field::Address,
    Field::Email,
    Field::Sets,
    Field::Documents,
    Field::Procedure,
];

/// How many catalogue matches the correction form lists under a procedure being typed.
pub(crate) const SHOWN_MATCHES: usize = 4;

/// The procedure `typed` names in `catalogue`: its exact code, else the one entry whose name,
/// code or field contains the words (accent-insensitive), else the entry whose name is exactly
/// the words; otherwise why not, in the clerk's words.
pub(crate) fn find_procedure<'a>(
    catalogue: &'a [Procedure],
    typed: &str,
) -> Result<&'a Procedure, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(refused(Field::CorrectValue, FieldProblem::Required));
    }
    if let Some(p) = catalogue
        .iter()
        .find(|p| p.code.0.eq_ignore_ascii_case(typed))
    {
        return Ok(p);
    }
    let found = super::intake::matches(catalogue, typed);
    let folded = fold(typed);
    match found.as_slice() {
        [] => Err(format!(
            "Không có thủ tục nào khớp «{typed}» trong danh mục: gõ tên hoặc mã thủ tục."
        )),
        [one] => Ok(&catalogue[*one]),
        many => many
            .iter()
            .map(|i| &catalogue[*i])
            .find(|p| fold(&p.name) == folded)
            .ok_or_else(|| {
                format!(
                    "Có {} thủ tục khớp «{typed}»: gõ thêm tên hoặc gõ mã thủ tục.",
                    many.len()
                )
            }),
    }
}

/// The first choice of the rating at hand-back: the citizen gave none.
pub(crate) const NO_RATING: &str = "Không đánh giá";

const NOTIFICATIONS: [Notification; 4] = [
    Notification::Phone,
    Notification::Sms,
    Notification::Email,
    Notification::Letter,
];

impl VerbForm {
    pub(crate) fn new(verb: Verb, d: &Dossier, def: &Defaults) -> VerbForm {
        let fields = match verb {
            Verb::Transfer => vec![text(Field::Unit, &def.unit)],
            Verb::RequestSupplement => vec![
                text(Field::Reason, ""),
                hinted(Field::Items, "ngăn bằng ;", ""),
            ],
            Verb::Pause | Verb::Refuse | Verb::Stop => vec![text(Field::Reason, "")],
            Verb::HandBack => vec![
                text(Field::Recipient, &d.applicant.name),
                hinted(Field::Fee, "đồng", ""),
                // The citizen rates, not the clerk: nothing is chosen until they say.
                choice(
                    Field::Rating,
                    std::iter::once(NO_RATING.to_owned())
                        .chain(def.ratings.iter().cloned())
                        .collect(),
                ),
            ],
            Verb::IssueApology => vec![
                hinted(Field::Reason, "vì sao quá hạn", ""),
                hinted(
                    Field::NewDue,
                    "dd/mm/yyyy HH:MM",
                    &def.new_due
                        .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
                        .unwrap_or_default(),
                ),
                text(Field::Signer, &def.signer),
                choice(
                    Field::Notified,
                    NOTIFICATIONS.iter().map(|n| n.label().to_owned()).collect(),
                ),
            ],
            Verb::Correct => vec![
                choice(
                    Field::Corrected,
                    CORRECTABLE.iter().map(|f| f.label().to_owned()).collect(),
                ),
                text(Field::CorrectValue, ""),
                hinted(Field::Reason, "vì sao sửa", ""),
            ],
            Verb::Undo => vec![hinted(Field::Reason, "vì sao hoàn tác", "")],
            Verb::ReceiveSupplement | Verb::Resume | Verb::MarkResultReady => Vec::new(),
        };
        VerbForm {
            verb,
            fields,
            focus: 0,
            error: None,
            suggested_fee: def.fee_vnd,
        }
    }

    fn text_of(&self, i: usize) -> String {
        match self.fields.get(i).map(|f| &f.kind) {
            Some(FieldKind::Text(t)) => nfc(t.value().trim()),
            Some(FieldKind::Choice { options, index }) => {
                options.get(*index).cloned().unwrap_or_default()
            }
            None => String::new(),
        }
    }

    fn choice_of(&self, i: usize) -> usize {
        match self.fields.get(i).map(|f| &f.kind) {
            Some(FieldKind::Choice { index, .. }) => *index,
            _ => 0,
        }
    }

    /// The command the form describes (a procedure named is looked up in `catalogue`), or a
    /// message saying which field to fix. Rules beyond the form's shape (reason required, date
    /// after the due…) are `domain`'s to enforce.
    pub(crate) fn command(&self, catalogue: &[Procedure]) -> Result<Command, String> {
        let required = |i: usize, field: Field| -> Result<String, String> {
            let v = self.text_of(i);
            if v.is_empty() {
                Err(refused(field, FieldProblem::Required))
            } else {
                Ok(v)
            }
        };
        Ok(match self.verb {
            Verb::Transfer => Command::Transfer {
                to: required(0, Field::Unit)?,
            },
            Verb::RequestSupplement => Command::RequestSupplement {
                reason: required(0, Field::Reason)?,
                items: self
                    .text_of(1)
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
            },
            Verb::ReceiveSupplement => Command::ReceiveSupplement,
            Verb::Pause => Command::Pause {
                reason: required(0, Field::Reason)?,
            },
            Verb::Resume => Command::Resume,
            Verb::MarkResultReady => Command::MarkResultReady,
            Verb::Refuse => Command::Refuse {
                reason: required(0, Field::Reason)?,
            },
            Verb::Stop => Command::Stop {
                reason: required(0, Field::Reason)?,
            },
            Verb::HandBack => Command::HandBack {
                to: required(0, Field::Recipient)?,
                fee_vnd: match self.text_of(1).replace(['.', ' '], "") {
                    empty if empty.is_empty() => self.suggested_fee,
                    typed => typed.parse().map_err(|_| {
                        refused(Field::Fee, FieldProblem::NotANumber { example: "50000" })
                    })?,
                },
                rating: match self.choice_of(2) {
                    0 => String::new(),
                    _ => self.text_of(2),
                },
            },
            Verb::IssueApology => Command::IssueApology {
                reason: required(0, Field::Reason)?,
                new_due: parse_screen_time(&self.text_of(1)).ok_or_else(|| {
                    refused(
                        Field::NewDue,
                        FieldProblem::NotADateTime {
                            example: "03/12/2026 17:00",
                        },
                    )
                })?,
                signer: required(2, Field::Signer)?,
                notified: NOTIFICATIONS
                    .get(self.choice_of(3))
                    .copied()
                    .unwrap_or(Notification::Phone),
            },
            Verb::Correct => Command::Correct {
                change: self.correction(catalogue)?,
                reason: required(2, Field::Reason)?,
            },
            Verb::Undo => Command::Undo {
                reason: required(0, Field::Reason)?,
            },
        })
    }

    /// The fact the correction form has chosen.
    pub(crate) fn corrected_field(&self) -> Option<Field> {
        (self.verb == Verb::Correct).then(|| {
            CORRECTABLE
                .get(self.choice_of(0))
                .copied()
                .unwrap_or(Field::Name)
        })
    }

    /// The value typed in the correction form (its second field).
    pub(crate) fn correction_text(&self) -> String {
        self.text_of(1)
    }

    /// The correction the form names: the chosen fact and the value typed.
    fn correction(&self, catalogue: &[Procedure]) -> Result<Correction, String> {
        let value = self.text_of(1);
        let field = self.corrected_field().unwrap_or(Field::Name);
        Ok(match field {
            Field::Procedure => Correction::Procedure(find_procedure(catalogue, &value)?.facts()),
            Field::IdNumber => Correction::IdNumber(value),
            Field::Phone => Correction::Phone(value),
            Field::Address => Correction::Address(value),
            Field::Email => Correction::Email(value),
            Field::Sets => Correction::Sets(
                value
                    .parse()
                    .map_err(|_| "Số lượng hồ sơ phải là một số, ví dụ 2.".to_owned())?,
            ),
            Field::Documents => Correction::Documents(
                value
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
            _ => Correction::Name(value),
        })
    }

    pub(crate) fn next(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + 1) % self.fields.len();
        }
    }

    pub(crate) fn prev(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        }
    }

    /// The focused text field, if the focus is on one.
    pub(crate) fn text_mut(&mut self) -> Option<&mut TextField> {
        match self.fields.get_mut(self.focus).map(|f| &mut f.kind) {
            Some(FieldKind::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// Moves the focused choice by `step` (wrapping); no effect on a text field.
    pub(crate) fn cycle(&mut self, step: isize) {
        if let Some(FieldKind::Choice { options, index }) =
            self.fields.get_mut(self.focus).map(|f| &mut f.kind)
            && !options.is_empty()
        {
            let n = options.len() as isize;
            *index = ((*index as isize + step).rem_euclid(n)) as usize;
        }
    }
}
