//! The clerk's figures of a period: Biểu 06's readings split by the officer who received each
//! dossier and by the processing unit it was transferred to — received in the period, resolved
//! in it early / on time / late (the judge's word, [`super::resolution`]), apology letters
//! issued in it ([`super::letters_in`]). The same window as Biểu 06 ([`super::window`]): from
//! `from` 00:00 to the end of `to`, cut at `now`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{letters_in, resolution, window};
use crate::calendar::LocalTime;
use crate::domain::facts::Milestones;
use crate::domain::{Dossier, EventKind, Timeliness};
use crate::report::ReportError;
use crate::report::register::check_range;

/// The unit row of dossiers never transferred (resolved or still at the desk).
pub const NOT_TRANSFERRED: &str = "Chưa chuyển xử lý";

/// One row's counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct GroupCounts {
    /// Received in the period.
    pub received: u64,
    /// Resolved in the period before the legal due.
    pub resolved_early: u64,
    /// Resolved in the period on the day of the legal due, before it passed.
    pub resolved_on_time: u64,
    /// Resolved in the period after the legal due.
    pub resolved_late: u64,
    /// Apology letters issued in the period.
    pub apology_letters: u64,
}

impl GroupCounts {
    fn add(&mut self, o: &GroupCounts) {
        self.received += o.received;
        self.resolved_early += o.resolved_early;
        self.resolved_on_time += o.resolved_on_time;
        self.resolved_late += o.resolved_late;
        self.apology_letters += o.apology_letters;
    }

    /// Resolved in the period, whatever the timeliness.
    pub fn resolved(&self) -> u64 {
        self.resolved_early + self.resolved_on_time + self.resolved_late
    }

    fn is_empty(&self) -> bool {
        *self == GroupCounts::default()
    }
}

/// One officer's or one unit's row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct GroupRow {
    pub name: String,
    #[serde(flatten)]
    pub counts: GroupCounts,
}

/// The figures of `from..=to`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ClerkFigures {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The cut-off instant.
    #[schema(value_type = String)]
    pub as_of: LocalTime,
    /// By the officer who received the dossier, in Vietnamese alphabetical order.
    pub by_officer: Vec<GroupRow>,
    /// By the processing unit the dossier was last transferred to by the cut-off.
    pub by_unit: Vec<GroupRow>,
    pub total: GroupCounts,
}

/// The unit `d` stood transferred to at `cut` (its last effective transfer), if any.
fn unit_at(d: &Dossier, cut: LocalTime) -> Option<&str> {
    d.effective_events()
        .filter(|e| e.at <= cut)
        .filter_map(|e| match &e.kind {
            EventKind::Transferred { to, .. } => Some(to.as_str()),
            _ => None,
        })
        .last()
}

/// How `d` counts in the window `start..=cut`.
fn counts_of(d: &Dossier, start: LocalTime, cut: LocalTime) -> GroupCounts {
    let mut c = GroupCounts {
        received: u64::from(d.received_at >= start && d.received_at <= cut),
        apology_letters: letters_in(d, start, cut).len() as u64,
        ..GroupCounts::default()
    };
    if let Some(r) = Milestones::of(d)
        .resolved
        .filter(|r| *r >= start && *r <= cut)
    {
        match resolution(d, r) {
            Timeliness::Early => c.resolved_early += 1,
            Timeliness::OnTime => c.resolved_on_time += 1,
            _ => c.resolved_late += 1,
        }
    }
    c
}

fn rows(map: BTreeMap<String, GroupCounts>) -> Vec<GroupRow> {
    let mut rows: Vec<GroupRow> = map
        .into_iter()
        .map(|(name, counts)| GroupRow { name, counts })
        .collect();
    rows.sort_by(|a, b| crate::text::collate(&a.name, &b.name));
    rows
}

/// The figures of `from..=to` at `now` over `dossiers` (those that do not count in the window
/// are skipped, so any superset of the period's dossiers gives the same figures).
pub fn clerk_figures<'a>(
    dossiers: impl IntoIterator<Item = &'a Dossier>,
    from: NaiveDate,
    to: NaiveDate,
    now: LocalTime,
) -> Result<ClerkFigures, ReportError> {
    check_range(from, to)?;
    let (start, cut) = window(from, to, now);
    let mut officers: BTreeMap<String, GroupCounts> = BTreeMap::new();
    let mut units: BTreeMap<String, GroupCounts> = BTreeMap::new();
    let mut total = GroupCounts::default();
    for d in dossiers {
        let c = counts_of(d, start, cut);
        if c.is_empty() {
            continue;
        }
        let unit = unit_at(d, cut).unwrap_or(NOT_TRANSFERRED);
        officers.entry(d.received_by.clone()).or_default().add(&c);
        units.entry(unit.to_owned()).or_default().add(&c);
        total.add(&c);
    }
    Ok(ClerkFigures {
        from,
        to,
        as_of: cut,
        by_officer: rows(officers),
        by_unit: rows(units),
        total,
    })
}
