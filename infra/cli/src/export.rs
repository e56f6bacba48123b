//! Downloads the audit archive (or one company's part of it) into a directory, keeping the
//! bucket's keys as paths, so `audit verify` (or an auditor's own tools) read it offline.

use aws_sdk_s3::Client;
use aws_sdk_s3::error::DisplayErrorContext;
use mypages::aws::archive::{CHECKPOINTS_PREFIX, RECORDS_PREFIX};
use std::path::{Component, Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ExportError {
    #[error("archive bucket: {0}")]
    Storage(String),
    #[error("refusing object key {0}: it would leave the output directory")]
    UnsafeKey(String),
    #[error("cannot write {0}: {1}")]
    Write(PathBuf, std::io::Error),
}

/// What was downloaded.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Exported {
    pub records_files: u64,
    pub checkpoint_files: u64,
}

/// The prefixes to export: everything, or one company's chains. Checkpoints first: the
/// archive writes a chain's records before the checkpoint that signs them, so records listed
/// after the checkpoints hold every record those checkpoints name. Listed the other way round,
/// a checkpoint written while the records were being downloaded named a record the export did
/// not hold, and a growing, intact archive read as INVALID.
pub fn prefixes(company_id: Option<&str>) -> Vec<String> {
    [CHECKPOINTS_PREFIX, RECORDS_PREFIX]
        .iter()
        .map(|root| match company_id {
            Some(company) => format!("{root}{company}/"),
            None => (*root).to_owned(),
        })
        .collect()
}

/// The local path of an object key, refusing keys that climb out of `out` (`..`, absolute).
pub fn local_path(out: &Path, key: &str) -> Result<PathBuf, ExportError> {
    let relative = Path::new(key);
    let safe = !key.is_empty()
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if !safe {
        return Err(ExportError::UnsafeKey(key.to_owned()));
    }
    Ok(out.join(relative))
}

pub async fn export(
    client: &Client,
    bucket: &str,
    company_id: Option<&str>,
    out: &Path,
) -> Result<Exported, ExportError> {
    let mut exported = Exported::default();
    for prefix in prefixes(company_id) {
        let mut pages = client
            .list_objects_v2()
            .bucket(bucket)
            .prefix(&prefix)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page =
                page.map_err(|e| ExportError::Storage(format!("{}", DisplayErrorContext(&e))))?;
            for key in page.contents().iter().filter_map(|o| o.key()) {
                let path = local_path(out, key)?;
                download(client, bucket, key, &path).await?;
                if key.starts_with(RECORDS_PREFIX) {
                    exported.records_files += 1;
                } else {
                    exported.checkpoint_files += 1;
                }
            }
        }
    }
    Ok(exported)
}

async fn download(
    client: &Client,
    bucket: &str,
    key: &str,
    path: &Path,
) -> Result<(), ExportError> {
    let object = client
        .get_object()
        .bucket(bucket)
        .key(key)
        .send()
        .await
        .map_err(|e| ExportError::Storage(format!("{key}: {}", DisplayErrorContext(&e))))?;
    let bytes = object
        .body
        .collect()
        .await
        .map_err(|e| ExportError::Storage(format!("{key}: {e}")))?
        .into_bytes();
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| ExportError::Write(parent.to_owned(), e))?;
    }
    std::fs::write(path, &bytes).map_err(|e| ExportError::Write(path.to_owned(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_would_leave_the_output_directory_are_refused() {
        let out = Path::new("/tmp/out");
        assert!(local_path(out, "records/co1/data/000000000001-000000000002.jsonl").is_ok());
        for key in ["../etc/passwd", "records/../../x", "/etc/passwd", ""] {
            assert!(local_path(out, key).is_err(), "{key}");
        }
    }

    #[test]
    fn one_company_is_exported_by_its_prefixes() {
        assert_eq!(prefixes(Some("co1")), ["checkpoints/co1/", "records/co1/"]);
        assert_eq!(prefixes(None), ["checkpoints/", "records/"]);
    }
}
