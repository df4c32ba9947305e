//! Live boards on a remote desk: a background thread long-polls the holder's change counter
//! (`GET /v1/changes?after=N`) and keeps the latest value; when the holder cannot be reached it
//! keeps the reason (the "lost connection" message the desk shows) and tries again with
//! backoff, up to every 5 s, until it answers. The thread ends soon after its desk is dropped.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use super::client::Client;
use super::wire::Changes;
use crate::desk::DeskError;

/// How long one long poll may wait (the server answers after 25 s without a change).
const POLL_LIMIT: Duration = Duration::from_secs(35);
/// Waits after failed polls, the last repeated.
const BACKOFF: [Duration; 4] = [
    Duration::from_millis(500),
    Duration::from_secs(1),
    Duration::from_secs(2),
    Duration::from_secs(5),
];

/// The counter as last seen, or why it cannot be seen now.
pub(crate) struct Watch {
    seq: AtomicU64,
    trouble: Mutex<Option<DeskError>>,
}

impl Watch {
    /// Reads the counter once (so the first answer is current) and starts the thread.
    pub(crate) fn start(client: Client) -> Result<Arc<Watch>, DeskError> {
        let first: Changes = client.get_once("/v1/changes", POLL_LIMIT)?;
        let watch = Arc::new(Watch {
            seq: AtomicU64::new(first.seq),
            trouble: Mutex::new(None),
        });
        let weak = Arc::downgrade(&watch);
        std::thread::Builder::new()
            .name("motcua-watch".to_owned())
            .spawn(move || follow(&weak, &client))
            .map_err(|e| DeskError::Environment(format!("Không tạo được luồng theo dõi ({e}).")))?;
        Ok(watch)
    }

    /// The counter, or the error that keeps it from being current.
    pub(crate) fn seq(&self) -> Result<u64, DeskError> {
        if let Ok(trouble) = self.trouble.lock()
            && let Some(e) = trouble.as_ref()
        {
            return Err(match e {
                DeskError::Rule(m) => DeskError::Rule(m.clone()),
                DeskError::Environment(m) => DeskError::Environment(m.clone()),
                DeskError::Stale(m) => DeskError::Stale(m.clone()),
                DeskError::Denied(m) => DeskError::Denied(m.clone()),
                DeskError::Unreachable(m) => DeskError::Unreachable(m.clone()),
            });
        }
        Ok(self.seq.load(Ordering::SeqCst))
    }

    fn set_trouble(&self, trouble: Option<DeskError>) {
        if let Ok(mut t) = self.trouble.lock() {
            *t = trouble;
        }
    }
}

fn follow(weak: &Weak<Watch>, client: &Client) {
    let mut failures = 0usize;
    loop {
        let Some(watch) = weak.upgrade() else { return };
        let after = watch.seq.load(Ordering::SeqCst);
        drop(watch);
        let answer: Result<Changes, _> =
            client.get_once(&format!("/v1/changes?after={after}"), POLL_LIMIT);
        let Some(watch) = weak.upgrade() else { return };
        match answer {
            Ok(changes) => {
                failures = 0;
                watch.seq.store(changes.seq, Ordering::SeqCst);
                watch.set_trouble(None);
            }
            Err(e) => {
                watch.set_trouble(Some(e.into()));
                drop(watch);
                std::thread::sleep(BACKOFF[failures.min(BACKOFF.len() - 1)]);
                failures += 1;
            }
        }
    }
}
