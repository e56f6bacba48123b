//! `mypages-cli [--local] [--json] company create|list|sso-license`, `mypages-cli audit
//! export|verify|public-key` and `mypages-cli ocr FILE.json`. Exit codes: 0 done (and, for
//! verify, the archive is valid), 1 the archive is invalid, 2 the command could not run.
//! Commands that write an audit record name the caller's IAM identity (`operator:<ARN>`)
//! and refuse to act without one.

use clap::{Parser, Subcommand};
use mypages::aws::signer::Signer;
use mypages_cli::operator::{self, Stack};
use mypages_cli::{company, erasure, export, ocr, s3_client, sso_license, verify};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "mypages-cli", about = "My Pages operator and auditor commands")]
struct Cli {
    /// Target the running local stack (its state file: $MYPAGES_STATE_FILE, else
    /// .local/state.json) instead of AWS.
    #[arg(long, global = true)]
    local: bool,
    /// Print one JSON object instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The audit archive (S3 Object Lock): export and verify it offline.
    #[command(subcommand)]
    Audit(Audit),
    /// Companies: open one with its first admin, list them, license their SSO module.
    #[command(subcommand)]
    Company(Company),
    /// Replays a saved Textract answer through the OCR parser and field extractor (offline).
    ///
    /// FILE is an AnalyzeDocument or GetDocumentAnalysis response: one JSON object, or a JSON
    /// array of the pages of a paged answer. Prints one JSON object: {pages, lines, keyValues,
    /// queries, tables, proposed}. No AWS access.
    Ocr { file: PathBuf },
}

#[derive(Subcommand)]
enum Company {
    /// Creates a company and its first admin. Without --password Cognito e-mails the admin a
    /// temporary password; with it, hand it over yourself. Either way the first login asks
    /// for a new password.
    Create {
        name: String,
        #[arg(long)]
        admin: String,
        /// A temporary password for the admin (the pool's policy: 12+ characters, upper and
        /// lower case, a digit, a symbol).
        #[arg(long)]
        password: Option<String>,
    },
    /// Lists every company (id and name).
    List,
    /// Counts what the company holds (DataTable items, object versions, users, audit records)
    /// and shows its erasure with the certificate, if one was scheduled.
    Show { id: String },
    /// Runs the company's scheduled erasure now (for a customer who confirmed in writing) and
    /// prints the signed certificate. Refuses when no erasure is scheduled.
    EraseNow { id: String },
    /// Records that the company has paid for the SSO module through DATE (inclusive): the
    /// module is `active` until then. Audited as `company.sso.license` by
    /// `operator:<your ARN>`.
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
    /// Verifies an exported archive offline (--dir and --public-key), or one company's part
    /// of the archive bucket (ID --from-archive: downloaded, and the public key taken from
    /// KMS; the bucket and key from the state file with --local, else from
    /// AUDIT_ARCHIVE_BUCKET and AUDIT_SIGNING_KEY_ID): every chain from its first record,
    /// every checkpoint's signature. Exit code 0 valid, 1 invalid, 2 could not verify.
    Verify {
        /// The company (with --from-archive).
        #[arg(requires = "from_archive")]
        id: Option<String>,
        /// Download the company's records and checkpoints from the archive bucket, and the
        /// public key from KMS.
        #[arg(long = "from-archive", requires = "id", conflicts_with_all = ["dir", "public_key"])]
        from_archive: bool,
        /// An exported archive (from `audit export`).
        #[arg(
            long,
            required_unless_present = "from_archive",
            requires = "public_key"
        )]
        dir: Option<PathBuf>,
        /// The signing key's public half (PEM file), e.g. from `audit public-key`.
        #[arg(long = "public-key", requires = "dir")]
        public_key: Option<PathBuf>,
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
    match cli.command {
        Command::Audit(command) => run_audit(command, cli.local, cli.json).await,
        Command::Company(command) => run_company(command, cli.local, cli.json).await,
        Command::Ocr { file } => {
            let (replay, notes) = ocr::replay_file(&file)?;
            for note in notes {
                eprintln!("mypages-cli: {}: {note}", file.display());
            }
            println!("{}", serde_json::to_string_pretty(&replay)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// 0 when the report is valid, 1 when not; printed as text or as one JSON object.
fn verdict(report: &verify::Report, company_id: Option<&str>, json: bool) -> ExitCode {
    if json {
        println!("{}", report.to_json(company_id));
    } else {
        println!("{report}");
    }
    if report.valid() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

async fn run_audit(
    command: Audit,
    local: bool,
    json: bool,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
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
        Audit::Verify {
            id: Some(company_id),
            from_archive: true,
            ..
        } => {
            let (sdk, archive) = operator::audit_archive(local).await?;
            let signer = Signer::new(
                aws_sdk_kms::Client::new(&sdk).into(),
                &archive.signing_key_id,
            );
            let report = verify::verify_from_archive(
                &s3_client(&sdk),
                &signer,
                &archive.bucket,
                &company_id,
            )
            .await?;
            Ok(verdict(&report, Some(&company_id), json))
        }
        Audit::Verify {
            dir: Some(dir),
            public_key: Some(public_key),
            ..
        } => {
            let pem = std::fs::read_to_string(&public_key)
                .map_err(|e| format!("cannot read {}: {e}", public_key.display()))?;
            let report = verify::verify_dir(&dir, &verify::public_key_from_pem(&pem)?)?;
            Ok(verdict(&report, None, json))
        }
        Audit::Verify { .. } => Err("give ID --from-archive, or --dir and --public-key".into()),
        Audit::PublicKey { key_id } => {
            let sdk = aws_config::load_from_env().await;
            let signer = Signer::new(aws_sdk_kms::Client::new(&sdk).into(), &key_id);
            print!("{}", signer.public_key_pem().await?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn run_company(
    command: Company,
    local: bool,
    json: bool,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let Stack { sdk, deps } = Stack::connect(local).await?;
    match command {
        Company::Create {
            name,
            admin,
            password,
        } => {
            let actor = operator::actor(&sdk).await?;
            let created =
                company::create(&deps, &actor, &name, &admin, password.as_deref()).await?;
            if json {
                println!("{}", serde_json::to_string(&created)?);
            } else {
                println!(
                    "created company {} ({}) with admin {}",
                    created.id, created.name, created.admin
                );
            }
        }
        Company::SsoLicense { id, until, reason } => {
            let actor = operator::actor(&sdk).await?;
            let config = sso_license::license(&deps, &actor, &id, until, &reason).await?;
            let status = config.status(chrono::Utc::now());
            if json {
                println!(
                    "{}",
                    serde_json::json!({"id": id, "licensedUntil": until, "status": status})
                );
            } else {
                println!(
                    "company {id}: SSO licensed until {until}; status {}",
                    serde_json::json!(status)
                );
            }
        }
        Company::Show { id } => {
            let view = erasure::show(&deps, &id).await?;
            if json {
                println!("{}", serde_json::to_string(&view)?);
            } else {
                println!("{}", serde_json::to_string_pretty(&view)?);
            }
        }
        Company::EraseNow { id } => {
            let actor = operator::actor(&sdk).await?;
            let signed = erasure::erase_now(&deps, &id, &actor).await?;
            if json {
                println!("{}", serde_json::to_string(&signed)?);
            } else {
                println!("{}", serde_json::to_string_pretty(&signed)?);
            }
        }
        Company::List => {
            let companies = company::list(&deps).await?;
            if json {
                println!("{}", serde_json::json!({ "items": companies }));
            } else {
                for c in companies {
                    println!("{}\t{}", c.id, c.name);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
