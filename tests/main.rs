//! The integration suite, one binary. Its module list is the table of contents.

mod apology; // late dossiers and apology letters end to end
mod architecture; // the pure core stays pure
mod calendar; // legal working time, lunar calendar, notices
mod documents; // forms and reports: text snapshots, PDF text read back
mod domain; // the legal state machine, timeliness, apology duty
mod headless; // the whole desk driven by keys over a real ledger, no terminal
mod ledger; // store, indexes, durability, command line
mod pty; // the real binary in a pseudo-terminal
mod reliability; // crash, corruption, bad input, backup
mod screens; // every TUI screen as a TestBackend snapshot
mod server; // counter mode: motcua serve, accounts, TLS, the socket
mod support; // shared fixtures and the headless desk (not tests)
mod vocabulary; // one word per thing on every screen, message and printout
