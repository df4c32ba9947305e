//! The ledger on disk (sled): versioned records, secondary indexes written in the same
//! transaction, durability. The only code that knows bytes.
