//! Start-up of the local stack: settings, provisioning, seeding, and the HTTP server loop.

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use mypages::{Config, Deps};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::net::TcpListener;

use crate::cognito_front;
use crate::dispatch::FUNCTIONS;
use crate::gateway::{Gateway, STAGE};
use crate::jwt::Verifier;
use crate::provision::{
    DEMO_COMPANIES, DEMO_PASSWORD, UserPool, ensure_auth_secrets, ensure_table, ensure_user_pool,
    seed_demo,
};
use crate::template::Template;

/// Stand-ins for the user pool domain and the web app's callback: nothing answers there.
const LOCAL_HOSTED_UI_URL: &str = "http://127.0.0.1:9/hosted-ui-not-emulated";
const LOCAL_SSO_CALLBACK_URL: &str = "http://127.0.0.1:9/sso/callback";
/// Where the local stack's mails come from (`MAIL_SENDER` overrides it).
pub const LOCAL_MAIL_SENDER: &str = "no-reply@mypages.local";
/// The largest portfolio the local stack computes in the request: small, so that a test
/// with a handful of contracts exercises the queue and reports-generate.
pub const LOCAL_REPORTS_INLINE_MAX_CONTRACTS: usize = 5;

pub struct Settings {
    pub port: u16,
    pub template: PathBuf,
    pub endpoint: Option<String>,
    pub region: String,
    pub data_table: String,
    pub audit_table: String,
    pub rates_table: String,
    pub pool_name: String,
    /// Where to write the resolved settings (pool ids, URLs) for tests and scripts.
    pub state_file: Option<PathBuf>,
    /// The PEM file with the key moto signs its tokens with (`infra/moto_signing_key.py`
    /// prints it; `mypages_start_moto` in infra/env.sh writes it).
    pub moto_signing_keys: Option<PathBuf>,
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.to_owned())
}

impl Settings {
    pub fn from_env() -> Settings {
        Settings {
            port: env_or("PORT", "3000").parse().unwrap_or(3000),
            template: PathBuf::from(env_or("MYPAGES_TEMPLATE", "template.yaml")),
            endpoint: std::env::var("AWS_ENDPOINT_URL")
                .ok()
                .filter(|v| !v.is_empty()),
            region: env_or("AWS_REGION", "eu-north-1"),
            data_table: env_or("DATA_TABLE", "mypages-data"),
            audit_table: env_or("AUDIT_TABLE", "mypages-audit"),
            rates_table: env_or("RATES_TABLE", "mypages-rates"),
            pool_name: env_or("MYPAGES_POOL_NAME", "mypages-local"),
            state_file: std::env::var("MYPAGES_STATE_FILE").ok().map(PathBuf::from),
            moto_signing_keys: std::env::var("MYPAGES_MOTO_SIGNING_KEYS")
                .ok()
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
        }
    }
}

pub async fn run(settings: Settings) -> Result<(), Box<dyn std::error::Error>> {
    let endpoint = settings.endpoint.clone().ok_or(
        "AWS_ENDPOINT_URL must point at the moto server (the local stack never talks to AWS)",
    )?;
    let template = Template::load(&settings.template)?;
    let routes = template.routes()?;
    if let Some(missing) = routes
        .iter()
        .find(|r| !FUNCTIONS.contains(&r.function.as_str()))
    {
        tracing::warn!(function = %missing.function, "template function without a local handler");
    }

    // Every client made from this config (also the ones rebuilt from it, such as the Cognito
    // client behind the front) counts its calls for the request it serves (aws_calls.rs).
    let sdk = aws_config::from_env()
        .region(aws_config::Region::new(settings.region.clone()))
        .endpoint_url(&endpoint)
        .http_client(crate::aws_calls::counting_default_client())
        .load()
        .await;
    let ddb = aws_sdk_dynamodb::Client::new(&sdk);
    let idp = aws_sdk_cognitoidentityprovider::Client::new(&sdk);
    ensure_table(&ddb, &template, "DataTable", &settings.data_table).await?;
    ensure_table(&ddb, &template, "AuditTable", &settings.audit_table).await?;
    ensure_table(&ddb, &template, "RatesTable", &settings.rates_table).await?;
    let (pool_id, client_id) = ensure_user_pool(&idp, &template, &settings.pool_name).await?;
    let secrets = aws_sdk_secretsmanager::Client::new(&sdk);
    let (auth_secrets, client_secret) =
        ensure_auth_secrets(&idp, &secrets, &pool_id, &client_id).await?;
    let secret_ids = json!({
        "sessionKey": auth_secrets.session_key,
        "clientSecret": auth_secrets.client_secret,
    });

    // --- audit archive (issue 6, A3): the Object Lock bucket, the checkpoint signing key, and
    // the AuditTable stream relayed to audit-archive as Lambda's trigger would.
    let (archive_bucket, signing_key_arn) = crate::archive::ensure_audit_archive(
        &sdk,
        &settings.template,
        &env_or("AUDIT_ARCHIVE_BUCKET", "mypages-local-audit-archive"),
    )
    .await?;
    let archive_ids = mypages::config::AuditArchiveIds {
        bucket: archive_bucket.clone(),
        signing_key_id: signing_key_arn.clone(),
    };
    let audit_archive = mypages::aws::AuditArchive::new(&archive_ids, &sdk);
    crate::streams::spawn_stream_relay(&sdk, &settings.audit_table, audit_archive.clone());
    // --- end audit archive

    // --- documents (issue 8): the bucket; the OCR pipeline's queues, topic and relays follow.
    let documents_bucket = env_or("DOCUMENTS_BUCKET", "mypages-local-documents");
    crate::documents::ensure_versioned_bucket(&sdk, &documents_bucket).await?;
    let ocr_channels = crate::ocr_relay::ensure_ocr_channels(&sdk, &documents_bucket).await?;
    let documents_ids = mypages::config::DocumentsIds {
        documents_bucket: documents_bucket.clone(),
        // Locally the OCR engine runs beside the stack: no second region, no staging copy.
        textract_region: settings.region.clone(),
        staging_bucket: None,
        completion: Some((
            ocr_channels.completion_topic_arn.clone(),
            crate::ocr_relay::LOCAL_TEXTRACT_ROLE_ARN.to_owned(),
        )),
    };
    // --- end documents

    // --- reports (issue 10): the bucket and the queue from template.yaml; the queue's relay to
    // reports-generate starts once the handlers' dependencies are final. Locally the portfolio
    // computed in the request is small (REPORTS_INLINE_MAX_CONTRACTS, default
    // LOCAL_REPORTS_INLINE_MAX_CONTRACTS), so the black-box tests reach the queue with a few
    // contracts.
    let reports_bucket = env_or("REPORTS_BUCKET", "mypages-local-reports");
    let reports_queue =
        crate::reports_relay::ensure_reports(&sdk, &template, &reports_bucket).await?;
    let reports_ids = mypages::config::ReportsIds {
        reports_bucket: reports_bucket.clone(),
        reports_queue_url: Some(reports_queue.url.clone()),
        inline_max_contracts: env_or(
            "REPORTS_INLINE_MAX_CONTRACTS",
            &LOCAL_REPORTS_INLINE_MAX_CONTRACTS.to_string(),
        )
        .parse()
        .map_err(|_| "REPORTS_INLINE_MAX_CONTRACTS is not a whole number")?,
        max_receives: reports_queue.max_receives,
        report_retention_days: mypages::aws::reports::REPORT_RETENTION_DAYS,
    };
    // --- end reports

    // --- company erasure (issue 11): the admins' mails come from a sender SES has verified
    // (moto keeps what it sends: GET <endpoint>/moto-api/data.json, "ses"), and the grace
    // period and buckets as the template passes them.
    let mut erasure_ids = mypages::config::ErasureIds::from_env()?;
    let mail_sender = erasure_ids
        .mail_sender
        .get_or_insert_with(|| LOCAL_MAIL_SENDER.to_owned())
        .clone();
    aws_sdk_ses::Client::new(&sdk)
        .verify_email_identity()
        .email_address(&mail_sender)
        .send()
        .await
        .map_err(|e| format!("SES: cannot verify the mail sender: {e}"))?;
    // --- end company erasure
    // --- exports (issue 11): the bucket and queue from template.yaml; the relay to
    // company-export-build starts with the handlers' final dependencies.
    let exports_bucket = env_or("EXPORTS_BUCKET", "mypages-local-exports");
    let exports_queue =
        crate::reports_relay::ensure_exports(&sdk, &template, &exports_bucket).await?;
    let exports_ids = mypages::config::ExportsIds {
        exports_bucket: exports_bucket.clone(),
        exports_queue_url: Some(exports_queue.url.clone()),
        max_receives: exports_queue.max_receives,
        retention_days: mypages::config::DEFAULT_EXPORT_RETENTION_DAYS,
    };
    // --- end exports
    // The runner erases the exports bucket too.
    erasure_ids
        .exports_bucket
        .get_or_insert_with(|| exports_bucket.clone());

    let config = Config {
        data_table: settings.data_table.clone(),
        audit_table: settings.audit_table.clone(),
        user_pool_id: pool_id.clone(),
        user_pool_client_id: client_id.clone(),
        auth_secrets: Some(auth_secrets),
        audit_archive: Some(archive_ids),
        login_refusal_floor: Config::from_env_login_refusal_floor()?,
        // There is no hosted UI locally (moto has none): the URLs only have to be well-formed
        // for the authorize URL that GET /auth/sso hands out.
        hosted_ui: Some(mypages::config::HostedUiUrls {
            base_url: env_or("HOSTED_UI_URL", LOCAL_HOSTED_UI_URL),
            callback_url: env_or("SSO_CALLBACK_URL", LOCAL_SSO_CALLBACK_URL),
        }),
        documents: Some(documents_ids),
        rates_table: Some(settings.rates_table.clone()),
        reports: Some(reports_ids),
        erasure: erasure_ids,
        exports: Some(exports_ids),
        // The browser POSTs document files to the emulator (path-style presigned forms).
        web: Some(mypages::config::WebSettings {
            upload_origin: reqwest::Url::parse(&endpoint)?
                .origin()
                .ascii_serialization(),
            idle_sign_out_minutes: mypages::config::WebSettings::idle_sign_out_minutes_from_env()?,
        }),
    };
    let mut deps = Deps::new(config, &sdk);
    // No Textract locally (moto's is unusable): the local OCR engines read the files for real
    // (Tesseract), or answer a saved Textract response for a file that has one.
    let ocr_recordings = ocr_recordings_dir(settings.state_file.as_deref())?;
    if let Some(documents) = deps.documents.as_mut() {
        documents.ocr = crate::ocr::local_engine(
            mypages::aws::s3_client(&sdk),
            aws_sdk_sns::Client::new(&sdk),
            Some(ocr_recordings.clone()),
        )
        .into();
    }
    // Cognito as AWS runs it: the handlers (and the tests) sign in through the front that
    // checks SECRET_HASH and runs the user pool's triggers.
    let cognito_endpoint = cognito_front::spawn(cognito_front::Front {
        moto_endpoint: endpoint.clone(),
        user_pool_id: pool_id.clone(),
        client_id: client_id.clone(),
        client_secret,
        region: settings.region.clone(),
        pool: mypages::aws::pool_users::PoolUsers::new(idp.clone().into()),
        triggers: auth_pre_token_generation::TriggerDeps {
            store: deps.store.clone(),
            pool: mypages::aws::pool_users::PoolUsers::new(idp.clone().into()),
        },
        signing_key: moto_signing_key(settings.moto_signing_keys.as_deref())?,
        http: reqwest::Client::new(),
    })
    .await?;
    let fronted = aws_sdk_cognitoidentityprovider::config::Builder::from(&sdk)
        .endpoint_url(&cognito_endpoint)
        .build();
    deps.cognito = mypages::aws::Cognito::new(
        aws_sdk_cognitoidentityprovider::Client::from_conf(fronted).into(),
        &pool_id,
        &client_id,
    );
    let pool = UserPool {
        client: idp.clone(),
        id: pool_id.clone(),
    };
    seed_demo(&deps.store, &pool).await?;
    // --- documents: the upload queue and the completion topic relayed to the OCR functions,
    // with the handlers' final dependencies.
    if let Some(documents) = deps.documents.clone() {
        let pipeline = mypages::aws::ocr_pipeline::PipelineDeps {
            store: deps.store.clone(),
            documents,
        };
        crate::ocr_relay::spawn_ocr_relays(&sdk, ocr_channels.clone(), pipeline);
    }
    // --- end documents
    if let Some(worker) = mypages::aws::reports::ReportWorkerDeps::from_deps(&deps) {
        crate::reports_relay::spawn_reports_relay(&sdk, reports_queue.clone(), worker);
    }
    if let Some(worker) = mypages::aws::exports::ExportWorkerDeps::from_deps(&deps) {
        crate::reports_relay::spawn_exports_relay(&sdk, exports_queue.clone(), worker);
    }

    // moto signs as the real service would (issuer in eu-north-1) but serves the JWKS itself.
    let issuer = env_or(
        "COGNITO_ISSUER",
        &format!(
            "https://cognito-idp.{}.amazonaws.com/{pool_id}",
            settings.region
        ),
    );
    let jwks_url = env_or(
        "COGNITO_JWKS_URL",
        &format!(
            "{}/{pool_id}/.well-known/jwks.json",
            endpoint.trim_end_matches('/')
        ),
    );
    let verifier = Verifier::new(&issuer, &jwks_url, &client_id);

    // --- rates (issue 9): the fake upstream serving the recorded payloads, unless the
    // MYPAGES_*_URL variables point elsewhere; the import fired by POST /_local/schedules/….
    let (mut scheduler, upstream_urls) =
        crate::rates::scheduler(&template, &sdk, &settings.rates_table).await?;
    scheduler.erasure = Some(mypages::aws::erasure::ErasureDeps::from_deps(&deps));
    // --- end rates

    let listener = TcpListener::bind(("127.0.0.1", settings.port)).await?;
    let port = listener.local_addr()?.port();
    let base_url = format!("http://127.0.0.1:{port}/{STAGE}");
    let app_url = format!("{base_url}/app/");
    // The app is served by this origin and POSTs files straight to the documents bucket: the
    // bucket's CORS rules (template.yaml's) with this origin, as AWS has them with the API's.
    crate::documents::put_upload_cors(
        &sdk,
        &template,
        &documents_bucket,
        &format!("http://127.0.0.1:{port}"),
    )
    .await?;
    if let Some(path) = &settings.state_file {
        let state = json!({
            "baseUrl": base_url,
            "endpoint": endpoint,
            "region": settings.region,
            "dataTable": settings.data_table,
            "auditTable": settings.audit_table,
            "ratesTable": settings.rates_table,
            "ratesUpstream": upstream_urls,
            "userPoolId": pool_id,
            "userPoolClientId": client_id,
            "authSecretIds": secret_ids,
            "cognitoEndpoint": cognito_endpoint,
            "issuer": issuer,
            "jwksUrl": jwks_url,
            "auditArchiveBucket": archive_bucket,
            "auditSigningKeyArn": signing_key_arn,
            "documentsBucket": documents_bucket,
            "ocrRecordingsDir": ocr_recordings,
            "ocrTopicArn": ocr_channels.completion_topic_arn,
            "ocrUploadQueueUrl": ocr_channels.upload_queue_url,
            "reportsBucket": reports_bucket,
            "reportsQueueUrl": reports_queue.url,
            "reportsInlineMaxContracts": deps.config.reports.as_ref().map(|r| r.inline_max_contracts),
            "exportsBucket": exports_bucket,
            "exportsQueueUrl": exports_queue.url,
            "hostedUiUrl": deps.config.hosted_ui.as_ref().map(|h| h.base_url.clone()),
            "ssoCallbackUrl": deps.config.hosted_ui.as_ref().map(|h| h.callback_url.clone()),
            "mailSender": deps.config.erasure.mail_sender,
            "erasureGraceDays": deps.config.erasure.grace_days,
            "appUrl": app_url,
            "uploadOrigin": deps.config.web.as_ref().map(|w| w.upload_origin.clone()),
            "idleSignOutMinutes": deps.config.web.as_ref().map(|w| w.idle_sign_out_minutes),
        });
        std::fs::write(path, serde_json::to_vec_pretty(&state)?)?;
    }
    print_banner(&base_url, &app_url, routes.len());

    let gateway = Arc::new(Gateway {
        routes,
        deps,
        verifier,
        scheduler,
    });
    loop {
        let (stream, _) = listener.accept().await?;
        let gateway = gateway.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| {
                let gateway = gateway.clone();
                async move { Ok::<_, std::convert::Infallible>(gateway.handle(req).await) }
            });
            if let Err(error) = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await
            {
                tracing::debug!(%error, "connection closed");
            }
        });
    }
}

/// Where the recording engine finds saved Textract answers (`<sha256>.json`):
/// `MYPAGES_OCR_RECORDINGS`, else `ocr-recordings` beside the state file (the fidelity tests
/// put answers there), else one in the temporary directory.
fn ocr_recordings_dir(
    state_file: Option<&std::path::Path>,
) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let dir = match std::env::var("MYPAGES_OCR_RECORDINGS")
        .ok()
        .filter(|v| !v.is_empty())
    {
        Some(dir) => PathBuf::from(dir),
        None => state_file
            .and_then(|f| f.parent())
            .map(Path::to_path_buf)
            .unwrap_or_else(std::env::temp_dir)
            .join("ocr-recordings"),
    };
    std::fs::create_dir_all(&dir).map_err(|e| {
        format!(
            "cannot create the OCR recordings directory {}: {e}",
            dir.display()
        )
    })?;
    Ok(dir)
}

/// The emulator's signing key: the Cognito front signs the ID tokens the pre-token-generation
/// trigger changed with it, so they verify against the emulator's JWKS like any other.
fn moto_signing_key(
    path: Option<&std::path::Path>,
) -> Result<jsonwebtoken::EncodingKey, Box<dyn std::error::Error>> {
    let path = path.ok_or(
        "MYPAGES_MOTO_SIGNING_KEYS must name the PEM file of moto's token signing key \
         (infra/env.sh's mypages_start_moto writes it with infra/moto_signing_key.py)",
    )?;
    let pem = std::fs::read(path).map_err(|e| {
        format!(
            "MYPAGES_MOTO_SIGNING_KEYS: cannot read {}: {e}",
            path.display()
        )
    })?;
    jsonwebtoken::EncodingKey::from_rsa_pem(&pem).map_err(|e| {
        format!(
            "MYPAGES_MOTO_SIGNING_KEYS: {} holds no RSA private key: {e}",
            path.display()
        )
        .into()
    })
}

fn print_banner(base_url: &str, app_url: &str, routes: usize) {
    println!("My Pages local stack: {routes} routes from template.yaml");
    println!("  app:  {app_url}");
    println!("  API:  {base_url}");
    println!("  demo accounts (password {DEMO_PASSWORD}):");
    for company in DEMO_COMPANIES {
        for (email, roles) in company.users {
            println!("    {email:<24} {:<10} {roles}", company.name);
        }
    }
    println!("  try:  curl -s {base_url}/health");
}
