//! Documents: registration with a presigned POST that really uploads to the emulator's S3,
//! list, get, the audited download and the deletion of every file version; refusals change
//! nothing; `Idempotency-Key` replays. (The OCR pipeline that moves a document on from
//! `awaiting_upload` is tested in `ocr_pipeline`.)

use aws_sdk_dynamodb::types::AttributeValue;
use blackbox::{Session, Stack, Tenant, ie13_contract, text};
use mypages::aws::keys::{company_pk, document_sk};
use mypages::domain::document::{MAX_DOCUMENT_BYTES, ocr_result_key, original_key};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A small but real PDF header and body: what the file is does not matter to these routes.
pub const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

pub fn pdf_request(file_name: &str, contract_id: Option<&str>) -> Value {
    let mut body =
        json!({"fileName": file_name, "contentType": "application/pdf", "size": PDF.len()});
    if let Some(id) = contract_id {
        body["contractId"] = json!(id);
    }
    body
}

/// `POST /documents`, expecting 201.
pub async fn create_document(stack: &Stack, session: &Session, body: &Value) -> Value {
    let (status, created, headers) = stack
        .send(
            stack
                .request(Method::POST, "/documents", Some(&session.id_token))
                .json(body),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(
        headers.get("location").and_then(|v| v.to_str().ok()),
        Some(format!("/v1/documents/{}", text(&created, "id")).as_str())
    );
    created
}

/// Sends the file the way a browser does: the form's fields, then the file.
pub async fn upload(stack: &Stack, created: &Value, bytes: &[u8]) -> StatusCode {
    let upload = &created["upload"];
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in upload["fields"].as_object().cloned().unwrap_or_default() {
        form = form.text(name, value.as_str().unwrap_or_default().to_owned());
    }
    let file = reqwest::multipart::Part::bytes(bytes.to_vec())
        .file_name("upload.bin")
        .mime_str(&text(created, "contentType"))
        .expect("mime");
    form = form.part("file", file);
    let response = stack
        .http
        .post(text(upload, "url"))
        .multipart(form)
        .send()
        .await
        .expect("the emulator's S3 answers");
    response.status()
}

/// A registered and uploaded PDF.
pub async fn uploaded_document(stack: &Stack, session: &Session, contract: Option<&str>) -> Value {
    let created = create_document(stack, session, &pdf_request("lease.pdf", contract)).await;
    assert!(upload(stack, &created, PDF).await.is_success());
    created
}

/// What the OCR pipeline does when the file arrives (here behind the API's back, and only if
/// the pipeline has not already): the status moves on from `awaiting_upload`.
pub async fn mark_arrived(stack: &Stack, company_id: &str, document: &Value) {
    let mut record = document.clone();
    if let Some(map) = record.as_object_mut() {
        map.remove("upload");
    }
    record["status"] = json!("processing");
    let store = &stack.deps.store;
    let result = store
        .client()
        .update_item()
        .table_name(store.data_table())
        .key("pk", AttributeValue::S(company_pk(company_id)))
        .key("sk", AttributeValue::S(document_sk(&text(document, "id"))))
        .update_expression("SET #status = :processing, #record = :record")
        .condition_expression("#status = :awaiting")
        .expression_attribute_names("#status", "status")
        .expression_attribute_names("#record", "record")
        .expression_attribute_values(":processing", AttributeValue::S("processing".into()))
        .expression_attribute_values(":awaiting", AttributeValue::S("awaiting_upload".into()))
        .expression_attribute_values(":record", AttributeValue::S(record.to_string()))
        .send()
        .await;
    if let Err(error) = result {
        let moved_on = error
            .as_service_error()
            .is_some_and(|e| e.is_conditional_check_failed_exception());
        assert!(moved_on, "direct write to the emulator: {error:?}");
    }
}

fn s3(stack: &Stack) -> (&aws_sdk_s3::Client, String) {
    let documents = stack.deps.documents.as_ref().expect("documents bucket");
    (&documents.s3, documents.ids.documents_bucket.clone())
}

/// Every version and delete marker under a document's files.
async fn file_versions(stack: &Stack, company_id: &str, id: &str) -> usize {
    let (s3, bucket) = s3(stack);
    let out = s3
        .list_object_versions()
        .bucket(bucket)
        .prefix(format!("t/{company_id}/docs/{id}/"))
        .send()
        .await
        .expect("list versions");
    out.versions().len() + out.delete_markers().len()
}

fn targets(records: &[Value]) -> Vec<String> {
    records.iter().map(|r| text(r, "target")).collect()
}

#[tokio::test]
async fn a_document_is_uploaded_read_downloaded_and_deleted_with_every_file_version() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let contract = text(
        &stack.create_contract(&t.editor, &ie13_contract()).await,
        "id",
    );
    let file_name = "Hyresavtal \"Sveavägen 1\"\r\n.pdf";
    let body = json!({
        "fileName": "Hyresavtal \"Sveavägen 1\".pdf", "contentType": "application/pdf",
        "size": PDF.len(), "contractId": contract,
    });
    // Control characters are refused; the quotes and the å are a name like any other.
    let (status, refused, _) = stack
        .send(
            stack
                .request(Method::POST, "/documents", Some(&t.editor.id_token))
                .json(
                    &json!({"fileName": file_name, "contentType": "application/pdf", "size": 10}),
                ),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    let created = create_document(&stack, &t.editor, &body).await;
    let id = text(&created, "id");
    assert_eq!(created["status"], "awaiting_upload");
    assert_eq!(created["contractId"], json!(contract));
    assert_eq!(created["size"], json!(PDF.len()));
    assert_eq!(created["createdBy"], json!(t.editor.sub));
    let fields = &created["upload"]["fields"];
    assert_eq!(
        fields["key"],
        json!(original_key(&t.company_id, &id)),
        "the key is the company's and the document's, never the file name"
    );
    assert_eq!(fields["Content-Type"], "application/pdf");
    assert!(!text(&created["upload"], "expiresAt").is_empty());

    // The upload goes to S3 directly; the object is exactly the file, under the key.
    let status = upload(&stack, &created, PDF).await;
    assert!(status.is_success(), "upload answered {status}");
    let (s3, bucket) = s3(&stack);
    let object = s3
        .get_object()
        .bucket(&bucket)
        .key(original_key(&t.company_id, &id))
        .send()
        .await
        .expect("the original is in the bucket");
    assert_eq!(object.content_type(), Some("application/pdf"));
    let stored = object.body.collect().await.expect("body").into_bytes();
    assert_eq!(stored.as_ref(), PDF);

    let (status, got, _) = stack
        .get(&t.viewer.id_token, &format!("/documents/{id}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{got}");
    for field in [
        "id",
        "contractId",
        "fileName",
        "contentType",
        "size",
        "createdAt",
        "createdBy",
    ] {
        assert_eq!(got[field], created[field], "{field}");
    }
    for field in ["failureReason", "pages", "proposed"] {
        assert!(got.get(field).is_some(), "{field} is always present");
    }
    assert!(got.get("upload").is_none());

    // No file yet as far as the record knows: nothing to download, nothing audited.
    let download = format!("/documents/{id}/download");
    let before = stack
        .audit_records(&t.admin.id_token, "?action=document.view")
        .await;
    if got["status"] == "awaiting_upload" {
        let (status, _, _) = stack.get(&t.viewer.id_token, &download).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(
            stack
                .audit_records(&t.admin.id_token, "?action=document.view")
                .await,
            before
        );
    }
    mark_arrived(&stack, &t.company_id, &got).await;

    let (status, link, headers) = stack.get(&t.viewer.id_token, &download).await;
    assert_eq!(status, StatusCode::OK, "{link}");
    assert_eq!(
        headers.get("cache-control").and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    assert!(!text(&link, "expiresAt").is_empty());
    let views = stack
        .audit_records(&t.admin.id_token, "?action=document.view")
        .await;
    assert_eq!(views.len(), before.len() + 1);
    assert!(targets(&views).contains(&format!("document/{id}")));
    assert_eq!(views[0]["actor"], json!(t.viewer.sub));
    let fetched = stack
        .http
        .get(text(&link, "url"))
        .send()
        .await
        .expect("the presigned GET answers");
    assert_eq!(fetched.status(), StatusCode::OK);
    let disposition = fetched
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\""),
        "{disposition}"
    );
    assert!(
        disposition.contains("filename*=UTF-8''Hyresavtal%20%22Sveav%C3%A4gen%201%22.pdf"),
        "{disposition}"
    );
    assert_eq!(fetched.bytes().await.expect("bytes").as_ref(), PDF);

    // The OCR result beside the original, in two versions, as the pipeline may leave it.
    for text in ["[]", "[{}]"] {
        s3.put_object()
            .bucket(&bucket)
            .key(ocr_result_key(&t.company_id, &id))
            .body(text.as_bytes().to_vec().into())
            .send()
            .await
            .expect("put the OCR result");
    }
    assert_eq!(file_versions(&stack, &t.company_id, &id).await, 3);

    let one = format!("/documents/{id}");
    let snapshot = stack.snapshot(&t.company_id).await;
    for (who, session) in [("editor", &t.editor), ("viewer", &t.viewer)] {
        let (status, _, _) = stack
            .send(
                stack
                    .request(Method::DELETE, &one, Some(&session.id_token))
                    .json(&json!({"reason": "not mine to delete"})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who}");
    }
    for bad in [
        json!({}),
        json!({"reason": ""}),
        json!({"reason": "r", "extra": 1}),
    ] {
        let (status, problem, _) = stack
            .send(
                stack
                    .request(Method::DELETE, &one, Some(&t.admin.id_token))
                    .json(&bad),
            )
            .await;
        assert!(
            matches!(
                status,
                StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY
            ),
            "{bad}: {status} {problem}"
        );
    }
    assert_eq!(stack.snapshot(&t.company_id).await, snapshot);
    assert_eq!(file_versions(&stack, &t.company_id, &id).await, 3);

    let (status, body, _) = stack
        .send(
            stack
                .request(Method::DELETE, &one, Some(&t.admin.id_token))
                .json(&json!({"reason": "uploaded to the wrong company"})),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(file_versions(&stack, &t.company_id, &id).await, 0);
    for path in [one.clone(), download.clone()] {
        let (status, _, _) = stack.get(&t.admin.id_token, &path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let (_, list, _) = stack.get(&t.admin.id_token, "/documents").await;
    assert_eq!(list["items"], json!([]));
    let deletions = stack
        .audit_records(&t.admin.id_token, "?action=document.delete")
        .await;
    assert_eq!(deletions.len(), 1);
    assert_eq!(deletions[0]["target"], json!(format!("document/{id}")));
    assert_eq!(deletions[0]["reason"], "uploaded to the wrong company");
    assert_eq!(deletions[0]["actor"], json!(t.admin.sub));
    // The view and create records stay too, and the chain still verifies.
    assert!(
        targets(
            &stack
                .audit_records(&t.admin.id_token, "?action=document.create")
                .await
        )
        .contains(&format!("document/{id}"))
    );
    assert_eq!(stack.verify_audit(&t.auditor).await["valid"], true);

    // Deleted is gone: a second deletion is 404 and audits nothing.
    let (status, _, _) = stack
        .send(
            stack
                .request(Method::DELETE, &one, Some(&t.admin.id_token))
                .json(&json!({"reason": "again"})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        stack
            .audit_records(&t.admin.id_token, "?action=document.delete")
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn a_deletion_whose_file_deletion_did_not_finish_is_finished_by_the_next_request() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let created = uploaded_document(&stack, &t.editor, None).await;
    let id = text(&created, "id");
    let one = format!("/documents/{id}");
    let (status, _, _) = stack
        .send(
            stack
                .request(Method::DELETE, &one, Some(&t.admin.id_token))
                .header("idempotency-key", "delete-1")
                .json(&json!({"reason": "duplicate"})),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    // A file that arrives after the deletion (an upload form is valid for minutes) …
    let (s3, bucket) = s3(&stack);
    s3.put_object()
        .bucket(&bucket)
        .key(original_key(&t.company_id, &id))
        .body(PDF.to_vec().into())
        .send()
        .await
        .expect("late upload");
    // … is deleted by the replay of the deletion, which answers as the first time (the OCR
    // pipeline may erase it first: `a_file_uploaded_after_its_deletion_is_erased_by_the_pipeline`).
    let (status, _, headers) = stack
        .send(
            stack
                .request(Method::DELETE, &one, Some(&t.admin.id_token))
                .header("idempotency-key", "delete-1")
                .json(&json!({"reason": "duplicate"})),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        headers
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    assert_eq!(file_versions(&stack, &t.company_id, &id).await, 0);
    assert_eq!(
        stack
            .audit_records(&t.admin.id_token, "?action=document.delete")
            .await
            .len(),
        1
    );
}

/// An upload form stays valid for minutes: a file can arrive after its document was deleted.
/// The OCR pipeline finds the tombstone and erases the file, with no further request.
#[tokio::test]
async fn a_file_uploaded_after_its_deletion_is_erased_by_the_pipeline() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let created = create_document(&stack, &t.editor, &pdf_request("late.pdf", None)).await;
    let id = text(&created, "id");
    let (status, _, _) = stack
        .send(
            stack
                .request(
                    Method::DELETE,
                    &format!("/documents/{id}"),
                    Some(&t.admin.id_token),
                )
                .json(&json!({"reason": "registered by mistake"})),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(upload(&stack, &created, PDF).await.is_success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while file_versions(&stack, &t.company_id, &id).await > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the late file is still there after 60 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    let (status, _, _) = stack
        .get(&t.editor.id_token, &format!("/documents/{id}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// A second POST of the same upload form must not replace the file the document was read
/// from: the pipeline keeps the first version and deletes the other.
#[tokio::test]
async fn a_second_post_of_the_upload_form_is_deleted_and_the_first_file_stays() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let created = create_document(&stack, &t.editor, &pdf_request("lease.pdf", None)).await;
    let id = text(&created, "id");
    assert!(upload(&stack, &created, PDF).await.is_success());
    let (s3, bucket) = s3(&stack);
    let key = original_key(&t.company_id, &id);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
    loop {
        let (_, document, _) = stack
            .get(&t.editor.id_token, &format!("/documents/{id}"))
            .await;
        if text(&document, "status") != "awaiting_upload" {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{document}");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    // The same form again, with other bytes of the same length.
    let mut other = PDF.to_vec();
    let last = other.len() - 2;
    other[last] = b'X';
    assert!(upload(&stack, &created, &other).await.is_success());
    loop {
        let versions = s3
            .list_object_versions()
            .bucket(&bucket)
            .prefix(&key)
            .send()
            .await
            .expect("list versions");
        let current = s3
            .get_object()
            .bucket(&bucket)
            .key(&key)
            .send()
            .await
            .expect("the original")
            .body
            .collect()
            .await
            .expect("bytes")
            .into_bytes();
        if versions.versions().len() == 1 && current.as_ref() == PDF {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the replacement is still there: {} versions",
            versions.versions().len()
        );
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
}

#[tokio::test]
async fn lists_page_newest_first_and_filter_by_contract() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let contract = text(
        &stack.create_contract(&t.editor, &ie13_contract()).await,
        "id",
    );
    let other = text(
        &stack.create_contract(&t.editor, &ie13_contract()).await,
        "id",
    );
    let mut ids = Vec::new();
    for contract_id in [Some(contract.as_str()), None, Some(contract.as_str())] {
        let created = create_document(&stack, &t.editor, &pdf_request("a.pdf", contract_id)).await;
        ids.push(text(&created, "id"));
    }
    let newest_first: Vec<String> = ids.iter().rev().cloned().collect();

    let (status, first, _) = stack.get(&t.auditor.id_token, "/documents?limit=2").await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let cursor = text(&first, "nextCursor");
    assert!(!cursor.is_empty(), "{first}");
    let (_, second, _) = stack
        .get(
            &t.auditor.id_token,
            &format!("/documents?limit=2&cursor={cursor}"),
        )
        .await;
    let listed: Vec<String> = first["items"]
        .as_array()
        .into_iter()
        .chain(second["items"].as_array())
        .flatten()
        .map(|d| text(d, "id"))
        .collect();
    assert_eq!(listed, newest_first);
    assert_eq!(second["nextCursor"], Value::Null);

    let (_, filtered, _) = stack
        .get(
            &t.viewer.id_token,
            &format!("/documents?contractId={contract}"),
        )
        .await;
    let filtered: Vec<String> = filtered["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| text(d, "id"))
        .collect();
    assert_eq!(filtered, vec![ids[2].clone(), ids[0].clone()]);
    for (query, expected) in [
        (format!("?contractId={other}"), StatusCode::OK),
        ("?contractId=no-such-contract".to_owned(), StatusCode::OK),
        ("?contractId=..%2Fx".to_owned(), StatusCode::BAD_REQUEST),
        ("?limit=0".to_owned(), StatusCode::BAD_REQUEST),
        ("?limit=201".to_owned(), StatusCode::BAD_REQUEST),
        ("?cursor=bm90LWEta2V5".to_owned(), StatusCode::BAD_REQUEST),
    ] {
        let (status, body, _) = stack
            .get(&t.viewer.id_token, &format!("/documents{query}"))
            .await;
        assert_eq!(status, expected, "{query}: {body}");
        if status == StatusCode::OK {
            assert_eq!(body["items"], json!([]), "{query}");
        }
    }
}

async fn post(stack: &Stack, t: &Tenant, body: &Value, lang: &str) -> (StatusCode, Value) {
    let (status, body, _) = stack
        .send(
            stack
                .request(Method::POST, "/documents", Some(&t.editor.id_token))
                .header("accept-language", lang)
                .json(body),
        )
        .await;
    (status, body)
}

#[tokio::test]
async fn every_refused_registration_changes_nothing() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let stranger = stack.new_tenant().await;
    let foreign = text(
        &stack
            .create_contract(&stranger.editor, &ie13_contract())
            .await,
        "id",
    );
    let before = stack.snapshot(&t.company_id).await;
    let base = pdf_request("a.pdf", None);
    let with = |name: &str, value: Value| {
        let mut body = base.clone();
        body[name] = value;
        body
    };
    let cases = [
        (with("extra", json!(1)), StatusCode::BAD_REQUEST, "extra"),
        (
            with("contentType", json!("image/gif")),
            StatusCode::BAD_REQUEST,
            "contentType",
        ),
        (
            with("contentType", json!("text/html")),
            StatusCode::BAD_REQUEST,
            "contentType",
        ),
        (with("size", json!("12")), StatusCode::BAD_REQUEST, "size"),
        (with("size", json!(1.5)), StatusCode::BAD_REQUEST, "size"),
        (
            with("fileName", json!(7)),
            StatusCode::BAD_REQUEST,
            "fileName",
        ),
        (
            json!({"contentType": "application/pdf", "size": 1}),
            StatusCode::BAD_REQUEST,
            "fileName",
        ),
        (
            with("size", json!(0)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "size",
        ),
        (
            with("size", json!(-1)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "size",
        ),
        (
            with("size", json!(MAX_DOCUMENT_BYTES + 1)),
            StatusCode::PAYLOAD_TOO_LARGE,
            "size",
        ),
        (
            with("fileName", json!("")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "fileName",
        ),
        (
            with("fileName", json!("a\u{0}b.pdf")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "fileName",
        ),
        (
            with("fileName", json!("x".repeat(256))),
            StatusCode::UNPROCESSABLE_ENTITY,
            "fileName",
        ),
        (
            with("contractId", json!("no-such-contract")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "contractId",
        ),
        (
            with("contractId", json!(foreign)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "contractId",
        ),
        (
            with("contractId", json!("../../x")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "contractId",
        ),
    ];
    for (body, expected, field) in &cases {
        let (status, problem) = post(&stack, &t, body, "en").await;
        assert_eq!(status, *expected, "{body}: {problem}");
        let fields: Vec<String> = problem["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| text(e, "field"))
            .collect();
        assert!(fields.contains(&(*field).to_owned()), "{body}: {problem}");
    }
    let (status, problem) = post(
        &stack,
        &t,
        &with("size", json!(MAX_DOCUMENT_BYTES + 1)),
        "sv",
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(problem["type"], "/problems/file-too-large");
    assert_eq!(problem["title"], "Filen är för stor");
    // The largest allowed file is accepted (after the refusals were checked).
    assert_eq!(stack.snapshot(&t.company_id).await, before);
    let (_, list, _) = stack.get(&t.admin.id_token, "/documents").await;
    assert_eq!(list["items"], json!([]));
    let (status, body) = post(&stack, &t, &with("size", json!(MAX_DOCUMENT_BYTES)), "en").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn a_retried_registration_answers_the_first_form_and_registers_once() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let body = pdf_request("retry.pdf", None);
    let send = |body: Value| {
        stack
            .request(Method::POST, "/documents", Some(&t.editor.id_token))
            .header("idempotency-key", "doc-retry-1")
            .json(&body)
    };
    let (status, first, _) = stack.send(send(body.clone())).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (status, second, headers) = stack.send(send(body.clone())).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(second, first);
    assert_eq!(
        headers
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    let (status, _, _) = stack.send(send(pdf_request("other.pdf", None))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, list, _) = stack.get(&t.editor.id_token, "/documents").await;
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        stack
            .audit_records(&t.admin.id_token, "?action=document.create")
            .await
            .len(),
        1
    );
    // The replayed form still uploads.
    assert!(upload(&stack, &second, PDF).await.is_success());
}
