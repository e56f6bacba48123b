//! `mypages-cli audit export|verify|public-key`. Exit codes: 0 done (and, for verify, the
//! archive is valid), 1 the archive is invalid, 2 the command could not run.

use clap::{Parser, Subcommand};
use mypages::aws::signer::Signer;
use mypages_cli::{export, s3_client, verify};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "mypages-cli", about = "My Pages operator and auditor commands")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The audit archive (S3 Object Lock): export and verify it offline.
    #[command(subcommand)]
    Audit(Audit),
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
    let Command::Audit(command) = cli.command;
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
