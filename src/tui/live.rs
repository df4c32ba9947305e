//! Live boards: the event loop asks the desk for its change counter whenever no key came for
//! [`POLL`]; a change made at another counter (or through this machine's socket) reloads the
//! board and an open dossier within that time. A desk that cannot reach its ledger says so on
//! the status line once, keeps every open form, and reloads when the ledger answers again.

use std::time::Duration;

use super::app::App;
use crate::desk::Desk;

/// How long the event loop waits for a key before it looks at the counter.
pub(crate) const POLL: Duration = Duration::from_millis(250);

/// The counter as last seen, and whether the ledger was out of reach.
#[derive(Debug, Default)]
pub(crate) struct Live {
    seen: Option<u64>,
    lost: bool,
}

impl Live {
    /// Looks at the counter; true when the screen should reload (it moved, or the ledger is
    /// back). Losing the ledger shows its message; getting it back says so.
    pub(crate) fn poll(&mut self, desk: &dyn Desk, app: &mut App) -> bool {
        match desk.changes() {
            Ok(n) => {
                // The first answer reloads too: the screen was loaded before it, and a change
                // made meanwhile (a remote desk's watcher answers after its first long poll)
                // would otherwise never show.
                let moved = self.seen != Some(n);
                self.seen = Some(n);
                if self.lost {
                    self.lost = false;
                    app.info("Đã kết nối lại; bảng đã được cập nhật.".to_owned());
                    return true;
                }
                moved
            }
            Err(e) => {
                if !self.lost {
                    self.lost = true;
                    app.fail(e.to_string());
                }
                false
            }
        }
    }
}
