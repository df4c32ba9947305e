//! Reports: register, catalogue, end-of-day summary, period statistics.
