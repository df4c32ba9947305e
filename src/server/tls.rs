//! The server's TLS identity: a self-signed certificate made with rcgen on the first start and
//! kept in `<data-dir>/tls/` (the key 0600, the folder 0700), its SHA-256 fingerprint (what a
//! client pins at login), and the rustls server configuration (TLS 1.3, ring provider).
//!
//! The identity is copied into backups with the rest of the data directory, so a restored
//! server keeps its fingerprint and the counters' pins stay valid.

use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

/// The folder inside the data directory.
pub(crate) const DIR: &str = "tls";
const CERT: &str = "cert.pem";
const KEY: &str = "key.pem";

/// The certificate and key a server presents.
pub(crate) struct Identity {
    pub(crate) cert: CertificateDer<'static>,
    key: PrivateKeyDer<'static>,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity")
            .field("fingerprint", &self.fingerprint())
            .finish()
    }
}

pub(crate) use crate::remote::transport::fingerprint_of;

impl Identity {
    /// The fingerprint clients pin (see [`fingerprint_of`]).
    pub(crate) fn fingerprint(&self) -> String {
        fingerprint_of(&self.cert)
    }

    /// Reads the identity from `<data_dir>/tls`, creating it on the first start.
    pub(crate) fn load_or_create(data_dir: &Path) -> Result<Identity, String> {
        let dir = data_dir.join(DIR);
        let (cert_path, key_path) = (dir.join(CERT), dir.join(KEY));
        if !cert_path.exists() && !key_path.exists() {
            create(&dir, &cert_path, &key_path)?;
        }
        let cert =
            CertificateDer::from_pem_file(&cert_path).map_err(|e| unreadable(&cert_path, e))?;
        let key = PrivateKeyDer::from_pem_file(&key_path).map_err(|e| unreadable(&key_path, e))?;
        Ok(Identity { cert, key })
    }

    /// The rustls server configuration presenting this identity (TLS 1.3 only).
    pub(crate) fn server_config(&self) -> Result<Arc<rustls::ServerConfig>, String> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_protocol_versions(&[&rustls::version::TLS13])
            .map_err(|e| e.to_string())?
            .with_no_client_auth()
            .with_single_cert(vec![self.cert.clone()], self.key.clone_key())
            .map_err(|e| format!("Chứng chỉ TLS không dùng được: {e}"))?;
        Ok(Arc::new(config))
    }
}

fn unreadable(path: &Path, e: impl std::fmt::Display) -> String {
    format!(
        "Không đọc được {} ({e}). Nếu tệp hỏng, hãy xóa cả thư mục {DIR}/ để tạo chứng chỉ mới \
         (các máy trạm phải đăng nhập lại với vân tay mới).",
        path.display()
    )
}

/// Makes a new self-signed certificate (ECDSA P-256) and writes it and its key (0600).
fn create(dir: &Path, cert_path: &Path, key_path: &Path) -> Result<(), String> {
    let names = vec!["motcua".to_owned(), "localhost".to_owned()];
    let made = rcgen::generate_simple_self_signed(names)
        .map_err(|e| format!("Không tạo được chứng chỉ TLS: {e}"))?;
    let io = |e: std::io::Error| format!("Không ghi được chứng chỉ vào {}: {e}", dir.display());
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir).map_err(io)?;
    write_private(key_path, made.signing_key.serialize_pem().as_bytes()).map_err(io)?;
    write_private(cert_path, made.cert.pem().as_bytes()).map_err(io)?;
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io)
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
