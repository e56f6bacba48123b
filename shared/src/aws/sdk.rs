//! The SDK configuration each function builds once, at start-up.
//!
//! Every client trusts only the roots of Amazon Trust Services, compiled in: the functions talk
//! to AWS service endpoints and nothing else through the SDK. The SDK's default HTTPS client
//! instead reads the system's CA store at start-up (the bundle, then every file of the
//! certificate directory), which was most of a function's cold start beyond a hello world.
//! (The rate import's upstream requests and the hosted UI's token endpoint go through reqwest,
//! with its own compiled-in roots.)

use aws_smithy_http_client::tls::{self, TlsContext, TrustStore};
use aws_smithy_runtime_api::client::http::SharedHttpClient;

/// Amazon Root CA 1–4 and the Starfield Services root that cross-signs them (PEM).
pub const AMAZON_TRUST_ROOTS: &str = include_str!("amazon-trust-roots.pem");

/// The HTTPS client of every SDK client: rustls with aws-lc (as the SDK's default client),
/// trusting [`AMAZON_TRUST_ROOTS`] only. Plain `http://` endpoints (the local emulator) work
/// as before.
pub fn https_client() -> SharedHttpClient {
    let trust = TrustStore::empty().with_pem_certificate(AMAZON_TRUST_ROOTS);
    aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::AwsLc,
        ))
        .tls_context(
            TlsContext::builder()
                .with_trust_store(trust)
                .build()
                .unwrap_or_else(|e| {
                    unreachable!("a trust store without extra server names is valid: {e}")
                }),
        )
        .build_https()
}

/// The environment's SDK configuration (region, credentials, endpoint), on [`https_client`].
pub async fn load() -> aws_config::SdkConfig {
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .http_client(https_client())
        .load()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustls_pki_types::CertificateDer;
    use rustls_pki_types::pem::PemObject;

    /// The SHA-256 fingerprints Amazon Trust Services publishes for its roots
    /// (https://www.amazontrust.com/repository/), in the file's order.
    const FINGERPRINTS: [&str; 5] = [
        "8ecde6884f3d87b1125ba31ac3fcb13d7016de7f57cc904fe1cb97c6ae98196e", // Amazon Root CA 1
        "1ba5b2aa8c65401a82960118f80bec4f62304d83cec4713a19c39c011ea46db4", // Amazon Root CA 2
        "18ce6cfe7bf14e60b2e347b8dfe868cb31d02ebb3ada271569f50343b46db3a4", // Amazon Root CA 3
        "e35d28419ed02025cfa69038cd623962458da5c695fbdea3c22b0bfb25897092", // Amazon Root CA 4
        "568d6905a2c88708a4b3025190edcfedb1974a606a13c6e5290fcb2ae63edab5", // Starfield Services G2
    ];

    #[test]
    fn the_compiled_in_roots_are_exactly_amazons() {
        use sha2::{Digest, Sha256};
        let certificates: Vec<CertificateDer<'_>> =
            CertificateDer::pem_slice_iter(AMAZON_TRUST_ROOTS.as_bytes())
                .collect::<Result<_, _>>()
                .expect("valid PEM");
        let fingerprints: Vec<String> = certificates
            .iter()
            .map(|der| hex::encode(Sha256::digest(der.as_ref())))
            .collect();
        assert_eq!(fingerprints, FINGERPRINTS);
    }
}
