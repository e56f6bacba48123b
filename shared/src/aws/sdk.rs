//! The SDK configuration each function reads once, at start-up, and the clients built from it
//! on first use ([`LazyClient`]).
//!
//! Every client trusts only the roots of Amazon Trust Services, compiled in: the functions talk
//! to AWS service endpoints and nothing else through the SDK. The SDK's default HTTPS client
//! instead reads the system's CA store at start-up (the bundle, then every file of the
//! certificate directory), which was most of a function's cold start beyond a hello world.
//! (The rate import's upstream requests and the hosted UI's token endpoint go through reqwest,
//! with its own compiled-in roots.)

use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_http_client::tls::{self, TlsContext, TrustStore};
use aws_smithy_runtime_api::client::behavior_version::BehaviorVersion;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_smithy_types::retry::RetryConfig;
use aws_types::SdkConfig;
use aws_types::region::Region;

use crate::config::ConfigError;
use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// Amazon Root CA 1–4 and the Starfield Services root that cross-signs them (PEM).
pub const AMAZON_TRUST_ROOTS: &str = include_str!("amazon-trust-roots.pem");

/// The HTTPS client of every SDK client: rustls with aws-lc (as the SDK's default client),
/// trusting [`AMAZON_TRUST_ROOTS`] only. Plain `http://` endpoints (the local emulator) work
/// as before. One per process, built with the first client ([`LazyClient`]), so that a
/// function reaching no client links none of the HTTPS stack.
pub fn https_client() -> SharedHttpClient {
    static HTTPS: OnceLock<SharedHttpClient> = OnceLock::new();
    HTTPS.get_or_init(amazon_roots_https_client).clone()
}

fn amazon_roots_https_client() -> SharedHttpClient {
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

/// The SDK configuration of a function, from what Lambda sets in its environment: the region
/// (`AWS_REGION`, else `AWS_DEFAULT_REGION`), the execution role's credentials
/// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), on [`https_client`].
/// `AWS_ENDPOINT_URL` and `AWS_MAX_ATTEMPTS` are honoured as the SDK documents them.
///
/// Read directly rather than through aws-config's provider chains: in Lambda the chains end at
/// these variables anyway, and they brought the STS and SSO clients, the instance-metadata and
/// profile-file code into every binary. (Measured, init did not change above the noise: README
/// "Cold start".) The clients' own defaults (retries, timeouts, sleep, time source, identity
/// cache) still apply.
pub fn load() -> Result<SdkConfig, ConfigError> {
    from_variables(|name| std::env::var(name).ok())
}

/// [`load`] on any source of variables (the tests' maps); blank counts as unset, as in
/// `config::required`.
fn from_variables(
    variable: impl Fn(&'static str) -> Option<String>,
) -> Result<SdkConfig, ConfigError> {
    let set = |name: &'static str| variable(name).filter(|v| !v.trim().is_empty());
    let required = |name: &'static str| {
        set(name).ok_or(ConfigError {
            name,
            problem: "is not set",
        })
    };
    let region = set("AWS_REGION")
        .or_else(|| set("AWS_DEFAULT_REGION"))
        .ok_or(ConfigError {
            name: "AWS_REGION",
            problem: "is not set (nor AWS_DEFAULT_REGION)",
        })?;
    let credentials = Credentials::new(
        required("AWS_ACCESS_KEY_ID")?,
        required("AWS_SECRET_ACCESS_KEY")?,
        set("AWS_SESSION_TOKEN"),
        None,
        "LambdaEnvironment",
    );
    let mut builder = SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region))
        .credentials_provider(SharedCredentialsProvider::new(credentials));
    if let Some(endpoint) = set("AWS_ENDPOINT_URL") {
        builder = builder.endpoint_url(endpoint);
    }
    if let Some(attempts) = set("AWS_MAX_ATTEMPTS") {
        let attempts = attempts
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or(ConfigError {
                name: "AWS_MAX_ATTEMPTS",
                problem: "is not a whole number of at least 1",
            })?;
        builder = builder.retry_config(RetryConfig::standard().with_max_attempts(attempts));
    }
    Ok(builder.build())
}

/// An SDK client (or what wraps one) built from an [`SdkConfig`].
pub trait SdkClient {
    fn from_sdk(sdk: &SdkConfig) -> Self;
}

/// An SDK client built on first use, then shared by every clone.
///
/// `Deps` holds every adapter a handler may use, but a function reaches only a few. Built
/// eagerly, each client's construction (and so its runtime plugins, endpoint rules and the
/// HTTPS stack) was linked into every binary; measured, most of a function's cold start beyond
/// a hello world was the loader relocating that code. Built on first use, a client no code
/// path dereferences is not linked, and costs nothing at start-up. Its SDK configuration
/// without an HTTP client gets [`https_client`].
pub struct LazyClient<C> {
    sdk: Option<Arc<SdkConfig>>,
    client: Arc<OnceLock<C>>,
}

impl<C> LazyClient<C> {
    /// A client to be built from `sdk` when first used.
    pub fn new(sdk: &SdkConfig) -> LazyClient<C> {
        LazyClient {
            sdk: Some(Arc::new(sdk.clone())),
            client: Arc::new(OnceLock::new()),
        }
    }

    /// Whether the client has been built (by a first use, or given built).
    pub fn is_built(&self) -> bool {
        self.client.get().is_some()
    }
}

/// A client built already (tests, the local stack's own engines).
impl<C> From<C> for LazyClient<C> {
    fn from(client: C) -> LazyClient<C> {
        LazyClient {
            sdk: None,
            client: Arc::new(OnceLock::from(client)),
        }
    }
}

impl<C: SdkClient> Deref for LazyClient<C> {
    type Target = C;

    fn deref(&self) -> &C {
        self.client.get_or_init(|| match &self.sdk {
            Some(sdk) if sdk.http_client().is_none() => {
                C::from_sdk(&sdk.to_builder().http_client(https_client()).build())
            }
            Some(sdk) => C::from_sdk(sdk),
            None => unreachable!("a LazyClient without an SDK configuration is given built"),
        })
    }
}

impl<C> Clone for LazyClient<C> {
    fn clone(&self) -> Self {
        LazyClient {
            sdk: self.sdk.clone(),
            client: self.client.clone(),
        }
    }
}

impl<C> fmt::Debug for LazyClient<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LazyClient")
            .field("client", &std::any::type_name::<C>())
            .field("built", &self.is_built())
            .finish()
    }
}

macro_rules! sdk_clients {
    ($($client:ty),* $(,)?) => {
        $(impl SdkClient for $client {
            fn from_sdk(sdk: &SdkConfig) -> Self {
                <$client>::new(sdk)
            }
        })*
    };
}

sdk_clients!(
    aws_sdk_dynamodb::Client,
    aws_sdk_cognitoidentityprovider::Client,
    aws_sdk_kms::Client,
    aws_sdk_secretsmanager::Client,
    aws_sdk_ses::Client,
    aws_sdk_sqs::Client,
    aws_sdk_ssm::Client,
    aws_sdk_textract::Client,
);

impl SdkClient for aws_sdk_s3::Client {
    fn from_sdk(sdk: &SdkConfig) -> Self {
        s3_client(sdk)
    }
}

/// S3 with path-style addresses when an endpoint is configured (the emulator answers on one
/// host, not per bucket); virtual-hosted addresses, the default, in AWS. Built now: the
/// functions take theirs through [`LazyClient`].
pub fn s3_client(sdk: &SdkConfig) -> aws_sdk_s3::Client {
    let config = aws_sdk_s3::config::Builder::from(sdk)
        .force_path_style(sdk.endpoint_url().is_some())
        .build();
    aws_sdk_s3::Client::from_conf(config)
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

    #[test]
    fn a_lazy_client_is_built_once_on_first_use_with_our_https_client() {
        let sdk = from_variables(lambda(&[])).expect("a complete environment");
        let dynamodb: LazyClient<aws_sdk_dynamodb::Client> = LazyClient::new(&sdk);
        let clone = dynamodb.clone();
        assert!(!dynamodb.is_built(), "nothing is built before a use");
        assert!(
            dynamodb.config().http_client().is_some(),
            "our client, not the SDK's default"
        );
        assert!(clone.is_built(), "clones share the one client");
        let s3: LazyClient<aws_sdk_s3::Client> = LazyClient::new(&sdk);
        assert!(s3.config().http_client().is_some());
    }

    fn lambda(extra: &[(&'static str, &str)]) -> impl Fn(&'static str) -> Option<String> {
        let mut variables: std::collections::HashMap<&'static str, String> = [
            ("AWS_REGION", "eu-north-1"),
            ("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE"),
            ("AWS_SECRET_ACCESS_KEY", "secret"),
            ("AWS_SESSION_TOKEN", "token"),
        ]
        .into_iter()
        .chain(extra.iter().copied())
        .map(|(k, v)| (k, v.to_owned()))
        .collect();
        variables.retain(|_, v| v != "<unset>");
        move |name| variables.get(name).cloned()
    }

    #[tokio::test]
    async fn lambdas_environment_gives_the_region_and_the_roles_credentials() {
        use aws_credential_types::provider::ProvideCredentials;
        let sdk = from_variables(lambda(&[])).expect("a complete environment");
        assert_eq!(sdk.region().map(|r| r.as_ref()), Some("eu-north-1"));
        assert_eq!(sdk.endpoint_url(), None);
        assert!(
            sdk.http_client().is_none(),
            "the HTTPS client comes with the first client built"
        );
        let credentials = sdk
            .credentials_provider()
            .expect("credentials")
            .provide_credentials()
            .await
            .expect("static credentials");
        assert_eq!(credentials.access_key_id(), "ASIAEXAMPLE");
        assert_eq!(credentials.secret_access_key(), "secret");
        assert_eq!(credentials.session_token(), Some("token"));
    }

    #[test]
    fn the_default_region_endpoint_and_attempts_are_honoured() {
        let sdk = from_variables(lambda(&[
            ("AWS_REGION", "<unset>"),
            ("AWS_DEFAULT_REGION", "eu-west-1"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"),
            ("AWS_MAX_ATTEMPTS", "1"),
        ]))
        .expect("a complete environment");
        assert_eq!(sdk.region().map(|r| r.as_ref()), Some("eu-west-1"));
        assert_eq!(sdk.endpoint_url(), Some("http://127.0.0.1:5000"));
        assert_eq!(sdk.retry_config().map(|r| r.max_attempts()), Some(1));
    }

    #[test]
    fn a_missing_or_bad_variable_is_named_at_start_up() {
        for (variables, named) in [
            (vec![("AWS_REGION", "<unset>")], "AWS_REGION"),
            (vec![("AWS_REGION", " ")], "AWS_REGION"),
            (vec![("AWS_ACCESS_KEY_ID", "<unset>")], "AWS_ACCESS_KEY_ID"),
            (vec![("AWS_SECRET_ACCESS_KEY", "")], "AWS_SECRET_ACCESS_KEY"),
            (vec![("AWS_MAX_ATTEMPTS", "0")], "AWS_MAX_ATTEMPTS"),
            (vec![("AWS_MAX_ATTEMPTS", "three")], "AWS_MAX_ATTEMPTS"),
        ] {
            let error = from_variables(lambda(&variables)).expect_err("refused");
            assert_eq!(error.name, named, "{variables:?}");
        }
    }
}
