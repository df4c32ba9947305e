//! Turns documents into PDF, text or CSV bytes and sends them to a file or a printer.
