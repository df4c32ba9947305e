//! Group commit: writes that finish while a sync is in flight share the next one. Owns only the
//! bookkeeping of who syncs and who waits; what a sync does (flush, `fdatasync`, blobs, seal) is
//! `durable`'s. Must not depend on `desk`, `tui` or `cli`.
//!
//! # Why
//! Each durable write costs a `flush()`, an `fdatasync` of the log and one of the seal, about a
//! millisecond on this machine. When every write paid for its own, writers arriving together
//! (16 counters through `motcua serve`) queued behind each other's syncs at ~1 000 writes/s,
//! and the 16-client p99 intake was 42.5 ms (BENCHMARKS.md). One sync makes durable everything
//! committed before it started, so the writers waiting for it need only one more between them.
//!
//! # How
//! Syncs are numbered (generations) and run one at a time. A writer calls [`Group::commit`]
//! after its sled transaction committed; its *ticket* is the number of the next sync to start,
//! the first that is sure to cover its write. If no sync is running, it leads that sync itself
//! at once (a lone writer waits for nobody, as before). Otherwise it waits; when the running sync
//! ends, one waiting writer leads the next sync for all who waited, and every writer returns
//! once the sync of its ticket has finished. A failed sync fails every writer whose ticket it
//! (or a later sync that finished before the writer woke) was: a write is acknowledged only when
//! a sync that started after it succeeded, and never on the word of a sync that failed after
//! it (a failed `fdatasync` may have dropped its pages, so a later success proves nothing).
//! A leader that panics counts as a failed sync, so no writer waits forever.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use super::StoreError;

/// The syncs of one store: the one in flight and the writers waiting for the next.
#[derive(Default)]
pub(super) struct Group {
    /// The data directory, as messages name it.
    dir: String,
    state: Mutex<State>,
    /// Signalled when a sync ends.
    ended: Condvar,
    /// Taken by a leader just before it syncs; held by a test to keep a sync in flight
    /// ([`Group::hold`]).
    gate: Mutex<()>,
    /// Syncs run since the store opened (tests count them).
    syncs: AtomicU64,
}

#[derive(Default)]
struct State {
    /// Generations started (the newest sync's number).
    started: u64,
    /// Generations finished; they finish in order, one at a time.
    done: u64,
    in_flight: bool,
    /// The newest failed generation (0: none) and its error.
    failed: u64,
    error: Option<StoreError>,
    /// Writers waiting for a sync.
    waiting: usize,
}

/// What a test can observe of a store's group commit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SyncStats {
    /// Syncs run since the store opened.
    pub syncs: u64,
    /// Whether a sync is running now.
    pub in_flight: bool,
    /// Writers waiting for a sync now.
    pub waiting: usize,
}

fn relock<T>(p: PoisonError<T>) -> T {
    p.into_inner()
}

impl Group {
    pub(super) fn new(dir: String) -> Group {
        Group {
            dir,
            ..Group::default()
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(relock)
    }

    /// Returns once a run of `sync` that started after this call has finished: `Ok` if it
    /// succeeded, its error (or a later sync's, see the module docs) otherwise. The caller's
    /// write must be committed (in sled's memory) before the call. `sync` runs on this thread
    /// when no other sync is running, or when this caller is the first to wake after one.
    pub(super) fn commit(
        &self,
        sync: impl FnOnce() -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut state = self.lock();
        let ticket = state.started + 1;
        loop {
            if state.done >= ticket {
                return match &state.error {
                    Some(e) if state.failed >= ticket => Err(e.clone()),
                    _ => Ok(()),
                };
            }
            if !state.in_flight {
                break;
            }
            state.waiting += 1;
            state = self.ended.wait(state).unwrap_or_else(relock);
            state.waiting -= 1;
        }
        // No sync runs and ours has not run: every started one is done, so the next is ours.
        state.in_flight = true;
        state.started += 1;
        debug_assert_eq!(state.started, ticket, "the next sync is the ticket's");
        drop(state);
        let mut lead = Lead {
            group: self,
            generation: ticket,
            error: Some(StoreError::Io {
                dir: self.dir.clone(),
                detail: "lỗi nội bộ khi ghi xuống đĩa, chưa chắc đã lưu".to_owned(),
            }),
        };
        let result = {
            let _gate = self.gate.lock().unwrap_or_else(relock);
            self.syncs.fetch_add(1, Ordering::Relaxed);
            sync()
        };
        lead.error = result.as_ref().err().cloned();
        drop(lead);
        result
    }

    /// What a test can observe now.
    pub(super) fn stats(&self) -> SyncStats {
        let state = self.lock();
        SyncStats {
            syncs: self.syncs.load(Ordering::Relaxed),
            in_flight: state.in_flight,
            waiting: state.waiting,
        }
    }

    /// Keeps the next leader from syncing until the guard is dropped (tests only: it lets a
    /// test line writers up behind a sync in flight without depending on timing).
    pub(super) fn hold(&self) -> MutexGuard<'_, ()> {
        self.gate.lock().unwrap_or_else(relock)
    }
}

/// The sync a writer leads; ending it (also by unwinding) records its outcome and wakes the
/// waiting writers. Until the sync returns, its outcome is a failure (a panic inside it).
struct Lead<'a> {
    group: &'a Group,
    generation: u64,
    error: Option<StoreError>,
}

impl Drop for Lead<'_> {
    fn drop(&mut self) {
        let mut state = self.group.lock();
        state.in_flight = false;
        state.done = self.generation;
        if let Some(e) = self.error.take() {
            state.failed = self.generation;
            state.error = Some(e);
        }
        drop(state);
        self.group.ended.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    fn failure() -> StoreError {
        StoreError::Io {
            dir: "/d".to_owned(),
            detail: "No space left on device (os error 28)".to_owned(),
        }
    }

    /// Polls `until` (no timing in the outcome; the deadline only turns a hang into a failure).
    fn wait_for(what: &str, until: impl Fn() -> bool) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !until() {
            assert!(std::time::Instant::now() < deadline, "never: {what}");
            std::thread::yield_now();
        }
    }

    /// One writer leads a sync held at the gate, `followers` more line up behind it; then the
    /// gate opens. Returns each follower's result and how many syncs ran.
    fn line_up(
        followers: usize,
        first: Result<(), StoreError>,
        next: fn() -> Result<(), StoreError>,
    ) -> (Result<(), StoreError>, Vec<Result<(), StoreError>>, u64) {
        let group = &Group::new("/d".to_owned());
        let returned = &AtomicUsize::new(0);
        let gate = group.hold();
        std::thread::scope(|s| {
            let leader = s.spawn(move || {
                let r = group.commit(|| first);
                returned.fetch_add(1, Ordering::SeqCst);
                r
            });
            wait_for("the leader's sync in flight", || group.stats().in_flight);
            let waiting: Vec<_> = (0..followers)
                .map(|_| {
                    s.spawn(move || {
                        let r = group.commit(next);
                        returned.fetch_add(1, Ordering::SeqCst);
                        r
                    })
                })
                .collect();
            wait_for("every follower waiting", || {
                group.stats().waiting == followers
            });
            assert_eq!(returned.load(Ordering::SeqCst), 0, "nobody returns early");
            drop(gate);
            let first = leader.join().expect("leader");
            let rest = waiting
                .into_iter()
                .map(|h| h.join().expect("follower"))
                .collect();
            (first, rest, group.stats().syncs)
        })
    }

    #[test]
    fn writers_waiting_behind_a_sync_share_the_next_one() {
        let (first, rest, syncs) = line_up(7, Ok(()), || Ok(()));
        assert!(first.is_ok());
        assert!(rest.iter().all(Result::is_ok));
        assert_eq!(
            syncs, 2,
            "one sync for the leader, one for the seven behind it"
        );
    }

    #[test]
    fn a_failed_sync_fails_every_writer_it_was_for_and_only_those() {
        // The leader's sync fails: its own writer sees it; the followers' sync is a new one.
        let (first, rest, _) = line_up(3, Err(failure()), || Ok(()));
        assert!(matches!(first, Err(StoreError::Io { .. })));
        assert!(rest.iter().all(Result::is_ok), "{rest:?}");
        // The followers' shared sync fails: each of them hears it, none is acknowledged.
        let (first, rest, syncs) = line_up(3, Ok(()), || Err(failure()));
        assert!(first.is_ok());
        assert_eq!(syncs, 2);
        assert!(
            rest.iter().all(|r| matches!(r, Err(StoreError::Io { .. }))),
            "{rest:?}"
        );
    }

    #[test]
    fn a_panicking_sync_fails_its_writers_instead_of_hanging_them() {
        let group = Group::new("/d".to_owned());
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            group.commit(|| panic!("sync panicked"))
        }));
        assert!(caught.is_err());
        assert!(!group.stats().in_flight, "the panicked sync is over");
        // A later writer leads its own sync: the failure was the panicked one's alone.
        assert!(group.commit(|| Ok(())).is_ok());
        assert_eq!(group.stats().syncs, 2);
    }
}
