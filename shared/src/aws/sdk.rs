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
use aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::retry::RetryConfig;
use aws_types::SdkConfig;
use aws_types::region::Region;

use crate::config::ConfigError;
use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// Amazon Root CA 1–4 and the Starfield Services root that cross-signs them (PEM).
pub const AMAZON_TRUST_ROOTS: &str = include_str!("amazon-trust-roots.pem");

/// The HTTPS client of every SDK client of a function: rustls with aws-lc, which offers the
/// AWS endpoints hybrid post-quantum key exchange (X25519MLKEM768) first, trusting
/// [`AMAZON_TRUST_ROOTS`] only. Plain `http://` endpoints (the local emulator) work as
/// before. One per process, built with the first client ([`LazyClient`]), so
/// that a function reaching no client links none of the HTTPS stack.
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
/// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`). Its HTTP client is
/// [`https_client`] on first use: the configuration holds a marker that [`LazyClient`] (and
/// [`s3_client`]) replace, and a client built from it any other way fails its requests rather
/// than fall back to the SDK's default client and the system's CA store.
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

/// [`load`] on any source of variables (the tests' maps, the memory bench's environment of the
/// functions it runs); blank counts as unset, as in `config::required`.
pub fn from_variables(
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
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .http_client(SharedHttpClient::new(AmazonRootsOnFirstUse));
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

/// The HTTP client [`load`] puts in the configuration in place of [`https_client`]. Building
/// that client at start-up (or naming it in the configuration) would link the HTTPS stack into
/// every binary and build it in every cold start; this marker costs neither. [`ready`] swaps it
/// for [`https_client`]. Anything that builds a client from the configuration otherwise gets
/// this connector, which refuses every request: it never reaches AWS over other roots.
#[derive(Debug)]
struct AmazonRootsOnFirstUse;

const AMAZON_ROOTS_ON_FIRST_USE: &str = "mypages-amazon-roots-on-first-use";

const NOT_THROUGH_LAZY_CLIENT: &str = "this SDK client was built from sdk::load()'s \
    configuration outside aws::sdk::LazyClient, so it has no HTTPS client (Amazon's roots); \
    build it with LazyClient::new(&sdk)";

impl HttpClient for AmazonRootsOnFirstUse {
    fn http_connector(
        &self,
        _: &HttpConnectorSettings,
        _: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(AmazonRootsOnFirstUse)
    }

    fn connector_metadata(&self) -> Option<ConnectorMetadata> {
        Some(ConnectorMetadata::new(AMAZON_ROOTS_ON_FIRST_USE, None))
    }
}

impl HttpConnector for AmazonRootsOnFirstUse {
    fn call(&self, _: HttpRequest) -> HttpConnectorFuture {
        HttpConnectorFuture::ready(Err(ConnectorError::user(NOT_THROUGH_LAZY_CLIENT.into())))
    }
}

/// `sdk` with [`https_client`] in place of [`load`]'s marker; any other configuration (the
/// local stack's, the operator CLI's, with their own or the SDK's default client) as it is.
fn ready(sdk: &SdkConfig) -> std::borrow::Cow<'_, SdkConfig> {
    let marked = sdk
        .http_client()
        .and_then(|client| client.connector_metadata())
        .is_some_and(|metadata| metadata.name() == AMAZON_ROOTS_ON_FIRST_USE);
    if marked {
        std::borrow::Cow::Owned(sdk.to_builder().http_client(https_client()).build())
    } else {
        std::borrow::Cow::Borrowed(sdk)
    }
}

/// An SDK client (or what wraps one) built from an [`SdkConfig`].
pub trait SdkClient {
    fn from_sdk(sdk: &SdkConfig) -> Self;
}

/// An SDK client built on first use, then shared by every clone.
///
/// `Deps` holds every adapter a handler may use, but a function reaches only a few. Built
/// eagerly, every client's construction (its runtime plugins and endpoint rules, and the HTTPS
/// client) ran in every cold start and was linked into every binary (README "Cold start").
/// Built on first use, a client no code path dereferences is neither linked nor built; the
/// first request that calls AWS pays for building its client instead. The configuration of
/// [`load`] gets [`https_client`] here ([`ready`]).
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
            Some(sdk) => C::from_sdk(&ready(sdk)),
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
    let sdk = ready(sdk);
    let config = aws_sdk_s3::config::Builder::from(sdk.as_ref())
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

    fn marker(sdk: &SdkConfig) -> Option<String> {
        sdk.http_client()?
            .connector_metadata()
            .map(|m| m.name().into_owned())
    }

    #[test]
    fn a_lazy_client_is_built_once_on_first_use_with_our_https_client() {
        let sdk = from_variables(lambda(&[])).expect("a complete environment");
        let dynamodb: LazyClient<aws_sdk_dynamodb::Client> = LazyClient::new(&sdk);
        let clone = dynamodb.clone();
        assert!(!dynamodb.is_built(), "nothing is built before a use");
        let client = dynamodb.config().http_client().expect("an HTTP client");
        assert_ne!(
            client.connector_metadata().map(|m| m.name().into_owned()),
            Some(AMAZON_ROOTS_ON_FIRST_USE.to_owned()),
            "our client in place of the marker"
        );
        assert!(clone.is_built(), "clones share the one client");
        for s3 in [
            LazyClient::<aws_sdk_s3::Client>::new(&sdk).config().clone(),
            s3_client(&sdk).config().clone(),
        ] {
            assert!(s3.http_client().is_some_and(|c| {
                c.connector_metadata()
                    .is_none_or(|m| m.name() != AMAZON_ROOTS_ON_FIRST_USE)
            }));
        }
        // Textract's own region (DOCUMENTS: TEXTRACT_REGION) keeps the marker, and so gets ours.
        let regional = sdk.to_builder().region(Region::new("eu-west-1")).build();
        let textract: LazyClient<aws_sdk_textract::Client> = LazyClient::new(&regional);
        assert_ne!(
            textract
                .config()
                .http_client()
                .and_then(|c| c.connector_metadata())
                .map(|m| m.name().into_owned()),
            Some(AMAZON_ROOTS_ON_FIRST_USE.to_owned())
        );
    }

    #[tokio::test]
    async fn a_client_built_around_lazy_client_refuses_to_send_rather_than_use_other_roots() {
        let sdk = from_variables(lambda(&[])).expect("a complete environment");
        let bypass = aws_sdk_dynamodb::Client::new(&sdk);
        let error = bypass
            .list_tables()
            .send()
            .await
            .expect_err("no request leaves");
        let text = aws_sdk_dynamodb::error::DisplayErrorContext(&error).to_string();
        assert!(text.contains("outside aws::sdk::LazyClient"), "{text}");
    }

    #[test]
    fn a_configuration_of_its_own_is_left_as_it_is() {
        // The local stack's and the operator CLI's (aws-config, the SDK's default client).
        let own = SdkConfig::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("eu-north-1"))
            .build();
        let dynamodb: LazyClient<aws_sdk_dynamodb::Client> = LazyClient::new(&own);
        assert!(dynamodb.config().http_client().is_none());
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
        assert_eq!(
            marker(&sdk),
            Some(AMAZON_ROOTS_ON_FIRST_USE.to_owned()),
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
