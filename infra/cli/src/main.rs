//! `mypages-cli [--local] company sso-license` and `mypages-cli audit export|verify|public-key`. Exit codes: 0 done (and, for verify, the
//! archive is valid), 1 the archive is invalid, 2 the command could not run.

use clap::{Parser, Subcommand};
use mypages::aws::signer::Signer;
use mypages_cli::{export, s3_client, sso_license, verify};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "mypages-cli", about = "My Pages operator and auditor commands")]
struct Cli {
    /// Target the running local stack (its state file: $MYPAGES_STATE_FILE, else
    /// .local/state.json) instead of AWS.
    #[arg(long, global = true)]
    local: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The audit archive (S3 Object Lock): export and verify it offline.
    #[command(subcommand)]
    Audit(Audit),
    /// Companies: the SSO licence.
    #[command(subcommand)]
    Company(Company),
}

#[derive(Subcommand)]
enum Company {
    /// Records that the company has paid for the SSO module through DATE (inclusive): the
    /// module is `active` until then. Audited as `company.sso.license` by `operator`.
    SsoLicense {
        id: String,
        #[arg(long, value_parser = parse_date)]
        until: chrono::NaiveDate,
        #[arg(long, default_value = "SSO module licensed")]
        reason: String,
    },
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    mypages::domain::validation::parse_date(text)
        .ok_or_else(|| format!("{text} is not a date YYYY-MM-DD"))
}

#[derive(Subcommand)]
enum Audit {
    /// Downloads records/ and checkpoints/ from the archive bucket into DIR.
    Export {
        #[arg(long)]
        bucket: String,
        #[arg(long)]
        out: PathBuf,
        /// Only this company's chains.
        #[arg(long)]
        company: Option<String>,
    },
    /// Verifies an exported archive offline: every chain from its first record, every
    /// checkpoint's signature. Exit code 0 only if everything is valid.
    Verify {
        #[arg(long)]
        dir: PathBuf,
        /// The signing key's public half (PEM file), e.g. from `audit public-key`.
        #[arg(long = "public-key")]
        public_key: PathBuf,
    },
    /// Prints the checkpoint signing key's public half (PEM) from KMS.
    PublicKey {
        #[arg(long = "key-id")]
        key_id: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("mypages-cli: {error}");
            ExitCode::from(2)
        }
    }
}

async fn run(cli: Cli) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let command = match cli.command {
        Command::Audit(command) => command,
        Command::Company(command) => return run_company(command, cli.local).await,
    };
    match command {
        Audit::Export {
            bucket,
            out,
            company,
        } => {
            let sdk = aws_config::load_from_env().await;
            let done = export::export(&s3_client(&sdk), &bucket, company.as_deref(), &out).await?;
            println!(
                "exported {} record files and {} checkpoints into {}",
                done.records_files,
                done.checkpoint_files,
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Audit::Verify { dir, public_key } => {
            let pem = std::fs::read_to_string(&public_key)
                .map_err(|e| format!("cannot read {}: {e}", public_key.display()))?;
            let report = verify::verify_dir(&dir, &verify::public_key_from_pem(&pem)?)?;
            println!("{report}");
            Ok(if report.valid() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Audit::PublicKey { key_id } => {
            let sdk = aws_config::load_from_env().await;
            let signer = Signer::new(aws_sdk_kms::Client::new(&sdk), &key_id);
            print!("{}", signer.public_key_pem().await?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn run_company(
    command: Company,
    local: bool,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let deps = if local {
        local_deps().await?
    } else {
        mypages::Deps::from_env().await?
    };
    match command {
        Company::SsoLicense { id, until, reason } => {
            let config = sso_license::license(&deps, &id, until, &reason).await?;
            println!(
                "company {id}: SSO licensed until {until}; status {}",
                serde_json::json!(config.status(chrono::Utc::now()))
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The local stack's tables, from the state file it writes at start-up.
async fn local_deps() -> Result<mypages::Deps, Box<dyn std::error::Error>> {
    let path = std::env::var("MYPAGES_STATE_FILE")
        .ok()
        .filter(|p| !p.is_empty())
        .map_or_else(|| PathBuf::from(".local/state.json"), PathBuf::from);
    let state: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).map_err(|e| {
        format!(
            "cannot read {} ({e}); is the local stack running (infra/dev.sh)?",
            path.display()
        )
    })?)?;
    let text = |key: &str| state[key].as_str().unwrap_or_default().to_owned();
    let sdk = aws_config::from_env()
        .region(aws_config::Region::new(text("region")))
        .endpoint_url(text("endpoint"))
        .load()
        .await;
    let config = mypages::Config {
        data_table: text("dataTable"),
        audit_table: text("auditTable"),
        user_pool_id: text("userPoolId"),
        user_pool_client_id: text("userPoolClientId"),
        auth_secrets: None,
        audit_archive: None,
        login_refusal_floor: std::time::Duration::ZERO,
        hosted_ui: None,
    };
    Ok(mypages::Deps::new(config, &sdk))
}
