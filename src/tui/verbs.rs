//! The legal actions the dossier view offers, one key each, and the small form each needs
//! (reason, recipient, fee, rating, new appointment). Which verbs a dossier allows is decided by
//! `domain`; this module only asks and turns the clerk's input into a [`Command`].

use crate::calendar::parse_local;
use crate::domain::{Command, Dossier, Notification};
use crate::text::nfc;

use super::input::TextField;

/// A legal action on an existing dossier: the domain's command kinds, one key each.
pub use crate::domain::CommandKind as Verb;

/// The form title of a verb.
pub fn title(verb: Verb) -> &'static str {
    verb.label()
}

/// What a form suggests (from the desk: the procedure's unit and fee, the signer, the scale).
pub use crate::desk::StepDefaults as Defaults;

#[derive(Clone, Debug, PartialEq)]
pub enum FieldKind {
    Text(TextField),
    Choice { options: Vec<String>, index: usize },
}

#[derive(Clone, Debug, PartialEq)]
pub struct FormField {
    pub label: &'static str,
    pub kind: FieldKind,
}

/// The input a verb needs; empty for verbs without parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct VerbForm {
    pub verb: Verb,
    pub fields: Vec<FormField>,
    pub focus: usize,
    pub error: Option<String>,
}

fn text(label: &'static str, value: &str) -> FormField {
    FormField {
        label,
        kind: FieldKind::Text(TextField::new(value)),
    }
}

fn choice(label: &'static str, options: Vec<String>) -> FormField {
    FormField {
        label,
        kind: FieldKind::Choice { options, index: 0 },
    }
}

/// The first choice of the rating at hand-back: the citizen gave none.
pub const NO_RATING: &str = "Không đánh giá";

const NOTIFICATIONS: [Notification; 4] = [
    Notification::Phone,
    Notification::Sms,
    Notification::Email,
    Notification::Letter,
];

impl VerbForm {
    pub fn new(verb: Verb, d: &Dossier, def: &Defaults) -> VerbForm {
        let fields = match verb {
            Verb::Transfer => vec![text("Chuyển đến", &def.unit)],
            Verb::RequestSupplement => {
                vec![text("Lý do", ""), text("Cần bổ sung (ngăn bằng ;)", "")]
            }
            Verb::Pause | Verb::Refuse | Verb::Stop => vec![text("Lý do", "")],
            Verb::HandBack => vec![
                text("Người nhận", &d.applicant.name),
                text("Lệ phí đã thu (đ)", &def.fee_vnd.to_string()),
                // The citizen rates, not the clerk: nothing is chosen until they say.
                choice(
                    "Mức hài lòng",
                    std::iter::once(NO_RATING.to_owned())
                        .chain(def.ratings.iter().cloned())
                        .collect(),
                ),
            ],
            Verb::IssueApology => vec![
                text("Lý do quá hạn", ""),
                text(
                    "Hẹn lại (YYYY-MM-DD HH:MM)",
                    &def.new_due
                        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                        .unwrap_or_default(),
                ),
                text("Người ký", &def.signer),
                choice(
                    "Đã báo người nộp qua",
                    NOTIFICATIONS.iter().map(|n| n.label().to_owned()).collect(),
                ),
            ],
            Verb::ReceiveSupplement | Verb::Resume | Verb::MarkResultReady => Vec::new(),
        };
        VerbForm {
            verb,
            fields,
            focus: 0,
            error: None,
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

    /// The command the form describes, or a message saying which field to fix. Rules beyond
    /// the form's shape (reason required, date after the due…) are `domain`'s to enforce.
    pub fn command(&self) -> Result<Command, String> {
        let required = |i: usize, what: &str| -> Result<String, String> {
            let v = self.text_of(i);
            if v.is_empty() {
                Err(format!("Chưa nhập {what}."))
            } else {
                Ok(v)
            }
        };
        Ok(match self.verb {
            Verb::Transfer => Command::Transfer {
                to: required(0, "đơn vị nhận hồ sơ")?,
            },
            Verb::RequestSupplement => Command::RequestSupplement {
                reason: required(0, "lý do")?,
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
                reason: required(0, "lý do")?,
            },
            Verb::Resume => Command::Resume,
            Verb::MarkResultReady => Command::MarkResultReady,
            Verb::Refuse => Command::Refuse {
                reason: required(0, "lý do từ chối")?,
            },
            Verb::Stop => Command::Stop {
                reason: required(0, "lý do dừng")?,
            },
            Verb::HandBack => Command::HandBack {
                to: required(0, "người nhận kết quả")?,
                fee_vnd: self
                    .text_of(1)
                    .replace(['.', ' '], "")
                    .parse()
                    .map_err(|_| "Lệ phí phải là số đồng, ví dụ 50000.".to_owned())?,
                rating: match self.choice_of(2) {
                    0 => String::new(),
                    _ => self.text_of(2),
                },
            },
            Verb::IssueApology => Command::IssueApology {
                reason: required(0, "lý do quá hạn")?,
                new_due: parse_local(&self.text_of(1)).ok_or_else(|| {
                    "Ngày hẹn lại không hợp lệ; nhập dạng 2026-12-03 17:00.".to_owned()
                })?,
                signer: required(2, "người ký")?,
                notified: NOTIFICATIONS
                    .get(self.choice_of(3))
                    .copied()
                    .unwrap_or(Notification::Phone),
            },
        })
    }

    pub fn next(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + 1) % self.fields.len();
        }
    }

    pub fn prev(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        }
    }

    /// The focused text field, if the focus is on one.
    pub fn text_mut(&mut self) -> Option<&mut TextField> {
        match self.fields.get_mut(self.focus).map(|f| &mut f.kind) {
            Some(FieldKind::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// Moves the focused choice by `step` (wrapping); no effect on a text field.
    pub fn cycle(&mut self, step: isize) {
        if let Some(FieldKind::Choice { options, index }) =
            self.fields.get_mut(self.focus).map(|f| &mut f.kind)
            && !options.is_empty()
        {
            let n = options.len() as isize;
            *index = ((*index as isize + step).rem_euclid(n)) as usize;
        }
    }
}
