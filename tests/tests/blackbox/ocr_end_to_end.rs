//! The "done when", on the local stack: a user registers a scanned Swedish lease,
//! uploads it through the presigned POST, and seconds later sees its fields proposed. The file
//! is really read: S3 → SQS (the emulator) → the local stack's relay → `documents-ocr` → the
//! local OCR engine on Tesseract → (PDF: the SNS completion → `documents-ocr-complete`) → the
//! extractor. The lease is rendered by infra/render_lease.py as a PNG (a scan) and as an
//! image-only PDF (a scanned PDF, no text layer).

use std::time::{Duration, Instant};

use blackbox::{Session, Stack, text};
use serde_json::{Value, json};

use crate::documents::{create_document, upload};

/// Renders the lease with the project's venv (Pillow); infra/env.sh sets `MYPAGES_VENV`.
fn render_lease() -> (tempfile::TempDir, Vec<u8>, Vec<u8>) {
    let venv = std::env::var("MYPAGES_VENV")
        .unwrap_or_else(|_| panic!("MYPAGES_VENV is not set: source infra/env.sh"));
    let out = tempfile::tempdir().expect("temporary directory");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../infra/render_lease.py");
    let status = std::process::Command::new(format!("{venv}/bin/python"))
        .arg(script)
        .arg("--out-dir")
        .arg(out.path())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run infra/render_lease.py");
    assert!(status.success(), "infra/render_lease.py failed");
    let png = std::fs::read(out.path().join("lease.png")).expect("lease.png");
    let pdf = std::fs::read(out.path().join("lease.pdf")).expect("lease.pdf");
    (out, png, pdf)
}

/// Polls `GET /documents/{id}` until OCR is done (generous: Tesseract reads a 300 dpi page in a
/// few seconds on two cores, and the test binary runs many tests at once).
async fn until_read(stack: &Stack, session: &Session, id: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        let (status, document, _) = stack
            .get(&session.id_token, &format!("/documents/{id}"))
            .await;
        assert_eq!(status, 200, "{document}");
        let state = text(&document, "status");
        if state == "processed" || state == "failed" {
            return document;
        }
        assert!(
            Instant::now() < deadline,
            "the document is still {state} after 180 s: {document}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

fn proposed<'a>(document: &'a Value, field: &str) -> &'a Value {
    &document["proposed"][field]["value"]
}

async fn upload_and_read(
    stack: &Stack,
    session: &Session,
    file_name: &str,
    content_type: &str,
    bytes: &[u8],
) -> Value {
    let created = create_document(
        stack,
        session,
        &json!({"fileName": file_name, "contentType": content_type, "size": bytes.len()}),
    )
    .await;
    assert_eq!(text(&created, "status"), "awaiting_upload");
    let uploaded = upload(stack, &created, bytes).await;
    assert!(uploaded.is_success(), "the presigned POST: {uploaded}");
    until_read(stack, session, &text(&created, "id")).await
}

fn assert_lease_proposed(document: &Value) {
    assert_eq!(text(document, "status"), "processed", "{document}");
    assert_eq!(document["pages"], json!(1), "{document}");
    assert_eq!(
        proposed(document, "lessor"),
        &json!("Fastighets AB Norrsken"),
        "{document}"
    );
    assert_eq!(
        proposed(document, "payment.amount"),
        &json!("12500.00"),
        "{document}"
    );
    assert_eq!(
        proposed(document, "payment.frequency"),
        &json!("monthly"),
        "{document}"
    );
    assert_eq!(proposed(document, "currency"), &json!("SEK"), "{document}");
    assert_eq!(
        proposed(document, "commencementDate"),
        &json!("2026-01-01"),
        "{document}"
    );
    assert_eq!(
        proposed(document, "endDate"),
        &json!("2030-12-31"),
        "{document}"
    );
    let rent = &document["proposed"]["payment.amount"];
    assert_eq!(rent["source"]["page"], json!(1), "{rent}");
    assert!(
        text(&rent["source"], "text").contains("12 500,00"),
        "the source text is what was read: {rent}"
    );
    let confidence = rent["confidence"].as_f64().expect("a confidence");
    assert!((0.0..=100.0).contains(&confidence), "{rent}");
}

#[tokio::test]
async fn a_scanned_swedish_lease_uploaded_as_png_and_as_pdf_has_its_fields_proposed() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let (_dir, png, pdf) = render_lease();

    let from_png =
        upload_and_read(&stack, &tenant.editor, "hyresavtal.png", "image/png", &png).await;
    assert_lease_proposed(&from_png);
    let from_pdf = upload_and_read(
        &stack,
        &tenant.editor,
        "hyresavtal.pdf",
        "application/pdf",
        &pdf,
    )
    .await;
    assert_lease_proposed(&from_pdf);

    // A proposal changes no contract: the company still has none.
    let (status, contracts, _) = stack.get(&tenant.editor.id_token, "/contracts").await;
    assert_eq!(status, 200);
    assert_eq!(contracts["items"], json!([]), "{contracts}");
    // Any role reads the proposals.
    let (status, seen, _) = stack
        .get(
            &tenant.viewer.id_token,
            &format!("/documents/{}", text(&from_pdf, "id")),
        )
        .await;
    assert_eq!(status, 200, "{seen}");
    assert_eq!(seen["proposed"], from_pdf["proposed"]);
}
