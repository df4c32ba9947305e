//! The desk over the API: the same use cases as the local desk, each one request to the holder
//! of the ledger. Writes carry the instant only when the clerk gave one (`--now`; a server
//! refuses it unless it was started with `--now`) and the operator only for the socket (a
//! logged-in caller is its account).

use std::time::Duration;

use super::client::{Client, RemoteError};
use super::wire::{Call, Changes, ReceiveRequest, StepRequest};
use crate::calendar::LocalTime;
use crate::desk::DeskError;
use crate::domain::{Command, Dossier, DossierCode, Intake};

/// A ledger held by another process.
#[derive(Debug)]
pub struct RemoteDesk {
    client: Client,
    /// `--now`, when the clerk gave one.
    now: Option<LocalTime>,
    /// `--operator`, for the socket without a login.
    operator: Option<String>,
}

fn query_value(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

impl RemoteDesk {
    pub fn new(client: Client, now: Option<LocalTime>, operator: Option<String>) -> RemoteDesk {
        RemoteDesk {
            client,
            now,
            operator,
        }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    fn call(&self) -> Call {
        Call {
            now: self.now,
            operator: self.operator.clone(),
            request: None,
        }
    }

    /// Records a new dossier; returns it with its code. Durable on the server when it returns.
    pub fn receive(&self, intake: Intake) -> Result<Dossier, DeskError> {
        let body = ReceiveRequest {
            intake,
            call: self.call(),
        };
        Ok(self.client.post("/v1/dossiers", &body)?)
    }

    /// Takes a step on a dossier; `seen` is the number of its events the clerk's screen showed.
    pub fn act(
        &self,
        code: &DossierCode,
        seen: Option<u32>,
        command: Command,
    ) -> Result<Dossier, DeskError> {
        let body = StepRequest {
            command,
            seen,
            call: self.call(),
        };
        let path = format!("/v1/dossiers/{}/steps", query_value(code.as_str()));
        Ok(self.client.post(&path, &body)?)
    }

    pub fn get(&self, code: &DossierCode) -> Result<Option<Dossier>, DeskError> {
        let path = format!("/v1/dossiers/{}", query_value(code.as_str()));
        Ok(self.client.get(&path)?)
    }

    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<Dossier>, DeskError> {
        let path = format!("/v1/search?q={}&limit={limit}", query_value(text));
        Ok(self.client.get(&path)?)
    }

    /// Waits (at most about `wait`) until the ledger's change counter differs from `after`,
    /// and returns it; `None` returns the current counter at once.
    pub fn changes(&self, after: Option<u64>, wait: Duration) -> Result<u64, RemoteError> {
        let path = match after {
            Some(a) => format!("/v1/changes?after={a}"),
            None => "/v1/changes".to_owned(),
        };
        let answer: Changes = self
            .client
            .get_within(&path, wait + Duration::from_secs(5))?;
        Ok(answer.seq)
    }
}
