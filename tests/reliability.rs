//! Reliability: crash safety (SIGKILL), power cut, corruption, full and read-only disks, bad
//! input, backup and restore, personal data, upgrades. RELIABILITY.md lists what each proves.

#[path = "reliability/attacks.rs"]
mod attacks;
#[path = "reliability/backup.rs"]
mod backup;
#[path = "reliability/corruption.rs"]
mod corruption;
#[path = "reliability/crash.rs"]
mod crash;
#[path = "reliability/disk.rs"]
mod disk;
#[path = "reliability/fixtures.rs"]
mod fixtures;
#[path = "reliability/fuzz.rs"]
mod fuzz;
#[path = "reliability/fuzz_backup.rs"]
mod fuzz_backup;
#[path = "reliability/fuzz_card.rs"]
mod fuzz_card;
#[path = "reliability/inputs.rs"]
mod inputs;
#[path = "reliability/privacy.rs"]
mod privacy;
#[path = "reliability/tui_save.rs"]
mod tui_save;
#[path = "reliability/upgrade.rs"]
mod upgrade;
