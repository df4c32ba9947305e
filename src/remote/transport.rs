//! How a counter's requests reach the ledger: ureq (blocking HTTP/1.1) over either the data
//! directory's Unix socket or TCP wrapped in TLS whose certificate must have the pinned SHA-256
//! fingerprint. Certificate names and CAs play no part: a self-signed certificate is trusted
//! exactly when its fingerprint is the one the clerk confirmed at login (the handshake's
//! signatures are still checked, so only the holder of the key can present it).

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme, StreamOwned};
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, LazyBuffers, NextTimeout, Transport, TransportAdapter,
};

/// The certificate fingerprint a TLS connection saw (set during every handshake).
pub(crate) type Seen = Arc<Mutex<Option<String>>>;

/// `SHA256:` and the 64 lower-case hex digits of the SHA-256 of a certificate's DER bytes: what
/// `motcua serve` prints and a counter pins.
pub(crate) fn fingerprint_of(der: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(der);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("SHA256:{hex}")
}

/// A handshake refused because the certificate is not the pinned one.
#[derive(Debug)]
pub(crate) struct PinMismatch {
    pub(crate) seen: String,
}

impl std::fmt::Display for PinMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "chứng chỉ máy chủ có vân tay {}", self.seen)
    }
}

impl std::error::Error for PinMismatch {}

/// Checks the server certificate against a pinned fingerprint (`None`: accept any and only
/// record it, for the first contact the clerk confirms on screen).
#[derive(Debug)]
struct PinVerifier {
    pin: Option<String>,
    seen: Seen,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for PinVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let seen = fingerprint_of(end_entity);
        let matches = self
            .pin
            .as_ref()
            .is_none_or(|p| p.eq_ignore_ascii_case(&seen));
        if let Ok(mut slot) = self.seen.lock() {
            *slot = Some(seen);
        }
        if matches {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General(
                "certificate fingerprint is not the pinned one".into(),
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// Wraps the chained TCP transport in TLS checked by a [`PinVerifier`].
#[derive(Debug)]
pub(crate) struct PinnedTls {
    config: Arc<ClientConfig>,
    pin: Option<String>,
    seen: Seen,
}

impl PinnedTls {
    pub(crate) fn new(pin: Option<String>, seen: Seen) -> PinnedTls {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier = PinVerifier {
            pin: pin.clone(),
            seen: seen.clone(),
            provider: provider.clone(),
        };
        let config = ClientConfig::builder_with_provider(provider)
            .with_protocol_versions(&[&rustls::version::TLS13])
            .expect("ring supports TLS 1.3")
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        PinnedTls {
            config: Arc::new(config),
            pin,
            seen,
        }
    }
}

impl<In: Transport> Connector<In> for PinnedTls {
    type Out = TlsTransport;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<TlsTransport>, ureq::Error> {
        let Some(tcp) = chained else {
            return Ok(None);
        };
        // The name is not checked (the pin is); rustls needs one for SNI.
        let name = ServerName::try_from("motcua").expect("a valid DNS name");
        let mut conn = ClientConnection::new(self.config.clone(), name)
            .map_err(|e| ureq::Error::Other(Box::new(e)))?;
        let mut sock = TransportAdapter::new(tcp.boxed(), details.current_time.clone());
        sock.set_timeout(details.timeout);
        if let Err(e) = conn.complete_io(&mut sock) {
            let seen = self.seen.lock().ok().and_then(|s| s.clone());
            return Err(match (&self.pin, seen) {
                (Some(pin), Some(seen)) if !pin.eq_ignore_ascii_case(&seen) => {
                    ureq::Error::Other(Box::new(PinMismatch { seen }))
                }
                _ => ureq::Error::Io(e),
            });
        }
        let buffers = LazyBuffers::new(
            details.config.input_buffer_size(),
            details.config.output_buffer_size(),
        );
        Ok(Some(TlsTransport {
            buffers,
            stream: StreamOwned { conn, sock },
        }))
    }
}

/// An HTTP connection inside pinned TLS.
pub(crate) struct TlsTransport {
    buffers: LazyBuffers,
    stream: StreamOwned<ClientConnection, TransportAdapter>,
}

impl std::fmt::Debug for TlsTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TlsTransport")
    }
}

impl Transport for TlsTransport {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.stream.get_mut().set_timeout(timeout);
        let output = &self.buffers.output()[..amount];
        self.stream.write_all(output)?;
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.stream.get_mut().set_timeout(timeout);
        let input = self.buffers.input_append_buf();
        let amount = self.stream.read(input)?;
        self.buffers.input_appended(amount);
        Ok(amount > 0)
    }

    fn is_open(&mut self) -> bool {
        self.stream.get_mut().get_mut().is_open()
    }

    fn is_tls(&self) -> bool {
        true
    }
}

/// Connects every request to one Unix socket, whatever the URL's host.
#[derive(Debug)]
pub(crate) struct SocketConnector {
    pub(crate) path: PathBuf,
}

impl Connector<()> for SocketConnector {
    type Out = SocketTransport;

    fn connect(
        &self,
        details: &ConnectionDetails,
        _chained: Option<()>,
    ) -> Result<Option<SocketTransport>, ureq::Error> {
        let stream = UnixStream::connect(&self.path)?;
        Ok(Some(SocketTransport {
            buffers: LazyBuffers::new(
                details.config.input_buffer_size(),
                details.config.output_buffer_size(),
            ),
            stream,
        }))
    }
}

/// An HTTP connection over the data directory's Unix socket.
#[derive(Debug)]
pub(crate) struct SocketTransport {
    buffers: LazyBuffers,
    stream: UnixStream,
}

/// The read/write timeout a [`NextTimeout`] asks for (`None`: wait without limit).
fn limit(timeout: NextTimeout) -> Option<std::time::Duration> {
    let after = timeout.after;
    (!after.is_not_happening()).then(|| (*after).max(std::time::Duration::from_millis(1)))
}

impl Transport for SocketTransport {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.stream.set_write_timeout(limit(timeout))?;
        let output = &self.buffers.output()[..amount];
        self.stream.write_all(output)?;
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.stream.set_read_timeout(limit(timeout))?;
        let input = self.buffers.input_append_buf();
        let amount = match self.stream.read(input) {
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(ureq::Error::Timeout(timeout.reason));
            }
            Err(e) => return Err(e.into()),
        };
        self.buffers.input_appended(amount);
        Ok(amount > 0)
    }

    fn is_open(&mut self) -> bool {
        // A peer that closed shows as readable with 0 bytes; probe without blocking.
        if self.stream.set_nonblocking(true).is_err() {
            return false;
        }
        let mut byte = [0u8];
        let open = matches!(self.stream.read(&mut byte), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock);
        open && self.stream.set_nonblocking(false).is_ok()
    }
}
