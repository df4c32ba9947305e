//! Pure functions from dossiers to documents (forms, summaries, statistics).
