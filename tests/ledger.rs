//! The ledger: store records and indexes (a proptest state machine against an in-memory model),
//! golden bytes, the desk's use cases, and the real binary end to end (incl. SIGKILL).

#[path = "ledger/cli.rs"]
mod cli;
#[path = "ledger/correct_cli.rs"]
mod correct_cli;
#[path = "ledger/crash.rs"]
mod crash;
#[path = "ledger/desk.rs"]
mod desk;
#[path = "ledger/fixtures.rs"]
mod fixtures;
#[path = "ledger/golden.rs"]
mod golden;
#[path = "ledger/group.rs"]
mod group;
#[path = "ledger/index_judge.rs"]
mod index_judge;
#[path = "ledger/model.rs"]
mod model;
#[path = "ledger/postings.rs"]
mod postings;
#[path = "ledger/probes.rs"]
mod probes;
#[path = "ledger/store.rs"]
mod store;
#[path = "ledger/tallies.rs"]
mod tallies;
