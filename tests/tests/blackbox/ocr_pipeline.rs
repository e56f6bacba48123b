//! The OCR pipeline's handlers (documents-ocr, documents-ocr-complete) against the emulator:
//! the sample events of `events/documents-ocr*/` fed in-process with a `Deps` whose OCR engine
//! answers from the saved Textract responses (../shared/fixtures/textract) and records what it
//! was asked. S3 and DynamoDB are the emulator's.
//!
//! The tests use buckets of their own (not the local stack's documents bucket, whose uploads
//! the local stack relays to its own pipeline), and a company per test.

use async_trait::async_trait;
use aws_lambda_events::event::sns::SnsEvent;
use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use aws_sdk_s3::primitives::ByteStream;
use blackbox::{Stack, text};
use lambda_runtime::{Context, LambdaEvent};
use mypages::aws::document_status::StoredDocument;
use mypages::aws::documents::new_document_item;
use mypages::aws::ocr::{CompletionChannel, OcrEngine, OcrError, OcrQuery, Refusal, S3Object};
use mypages::aws::ocr_pipeline::PipelineDeps;
use mypages::domain::document::{
    ContentType, Document, DocumentStatus, FailureReason, ocr_result_key, original_key,
};
use mypages::domain::ocr::blocks::AnalysisResponse;
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

const DOCUMENTS_BUCKET: &str = "mypages-test-ocr-documents";
const STAGING_BUCKET: &str = "mypages-test-ocr-staging";
const TOPIC_ARN: &str = "arn:aws:sns:eu-north-1:123456789012:mypages-test-ocr-completions";
const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/mypages-test-textract-publish";

fn fixture(name: &str) -> AnalysisResponse {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/fixtures/textract")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("a Textract response")
}

/// What the engine was asked, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Call {
    Analyze(S3Object),
    Start {
        document: S3Object,
        request_token: String,
        job_tag: String,
        channel: CompletionChannel,
    },
    Get {
        job_id: String,
        next_token: Option<String>,
    },
}

/// An OCR engine that answers from saved Textract responses, as Textract would: the same
/// request token gives the same job. It checks that the object it is handed exists when it
/// is asked (Textract reads it then).
#[derive(Debug)]
struct FixtureEngine {
    s3: aws_sdk_s3::Client,
    analyze: Mutex<Vec<Result<AnalysisResponse, OcrError>>>,
    start: Mutex<Vec<Result<(), OcrError>>>,
    /// The job's `GetDocumentAnalysis` pages, linked by `NextToken` (`p1`, `p2`, ...).
    pages: Vec<AnalysisResponse>,
    calls: Mutex<Vec<Call>>,
    jobs: Mutex<HashMap<String, String>>,
    /// Whether each object handed over existed at the time.
    objects_seen: Mutex<Vec<(S3Object, bool)>>,
}

impl FixtureEngine {
    fn new(s3: aws_sdk_s3::Client) -> FixtureEngine {
        FixtureEngine {
            s3,
            analyze: Mutex::new(Vec::new()),
            start: Mutex::new(Vec::new()),
            pages: Vec::new(),
            calls: Mutex::new(Vec::new()),
            jobs: Mutex::new(HashMap::new()),
            objects_seen: Mutex::new(Vec::new()),
        }
    }

    /// The answers to successive `AnalyzeDocument` calls (the last one repeats).
    fn analyzing(self, answers: Vec<Result<AnalysisResponse, OcrError>>) -> Self {
        *self.analyze.lock().expect("lock") = answers;
        self
    }

    fn starting(self, answers: Vec<Result<(), OcrError>>) -> Self {
        *self.start.lock().expect("lock") = answers;
        self
    }

    /// `response` split into `parts` pages linked by `NextToken`, each with the job status.
    fn paging(mut self, response: AnalysisResponse, parts: usize) -> Self {
        let size = response.blocks.len().div_ceil(parts).max(1);
        let mut chunks: Vec<_> = response.blocks.chunks(size).map(<[_]>::to_vec).collect();
        if chunks.is_empty() {
            chunks.push(Vec::new());
        }
        let count = chunks.len();
        self.pages = chunks
            .into_iter()
            .enumerate()
            .map(|(i, blocks)| AnalysisResponse {
                blocks,
                next_token: (i + 1 < count).then(|| format!("p{}", i + 1)),
                ..response.clone()
            })
            .collect();
        self
    }

    fn calls(&self) -> Vec<Call> {
        self.calls.lock().expect("lock").clone()
    }

    fn starts(&self) -> usize {
        self.calls()
            .iter()
            .filter(|c| matches!(c, Call::Start { .. }))
            .count()
    }

    fn next<T: Clone>(answers: &Mutex<Vec<T>>) -> Option<T> {
        let mut answers = answers.lock().expect("lock");
        match answers.len() {
            0 => None,
            1 => answers.first().cloned(),
            _ => Some(answers.remove(0)),
        }
    }

    async fn see(&self, document: &S3Object) {
        let exists = self
            .s3
            .head_object()
            .bucket(&document.bucket)
            .key(&document.key)
            .send()
            .await
            .is_ok();
        self.objects_seen
            .lock()
            .expect("lock")
            .push((document.clone(), exists));
    }
}

#[async_trait]
impl OcrEngine for FixtureEngine {
    async fn analyze_document(
        &self,
        document: &S3Object,
        _queries: &[OcrQuery],
    ) -> Result<AnalysisResponse, OcrError> {
        self.calls
            .lock()
            .expect("lock")
            .push(Call::Analyze(document.clone()));
        self.see(document).await;
        FixtureEngine::next(&self.analyze)
            .unwrap_or_else(|| Err(OcrError::Failed("no answer configured".into())))
    }

    async fn start_document_analysis(
        &self,
        document: &S3Object,
        _queries: &[OcrQuery],
        channel: &CompletionChannel,
        request_token: &str,
        job_tag: &str,
    ) -> Result<String, OcrError> {
        self.calls.lock().expect("lock").push(Call::Start {
            document: document.clone(),
            request_token: request_token.to_owned(),
            job_tag: job_tag.to_owned(),
            channel: channel.clone(),
        });
        self.see(document).await;
        FixtureEngine::next(&self.start).unwrap_or(Ok(()))?;
        let mut jobs = self.jobs.lock().expect("lock");
        let count = jobs.len();
        Ok(jobs
            .entry(request_token.to_owned())
            .or_insert_with(|| format!("job-{count}-{request_token}"))
            .clone())
    }

    async fn get_document_analysis(
        &self,
        job_id: &str,
        next_token: Option<&str>,
    ) -> Result<AnalysisResponse, OcrError> {
        self.calls.lock().expect("lock").push(Call::Get {
            job_id: job_id.to_owned(),
            next_token: next_token.map(str::to_owned),
        });
        let index = match next_token {
            None => 0,
            Some(token) => token
                .strip_prefix('p')
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| OcrError::Failed(format!("unknown token {token}")))?,
        };
        self.pages
            .get(index)
            .cloned()
            .ok_or_else(|| OcrError::Failed("no such page".into()))
    }
}

/// The handlers' dependencies with the fixture engine, a test company, and the emulator's S3.
struct Pipeline {
    deps: PipelineDeps,
    engine: Arc<FixtureEngine>,
    s3: aws_sdk_s3::Client,
    company_id: String,
}

async fn ensure_bucket(s3: &aws_sdk_s3::Client, region: &str, bucket: &str) {
    if s3.head_bucket().bucket(bucket).send().await.is_ok() {
        return;
    }
    let created = s3
        .create_bucket()
        .bucket(bucket)
        .create_bucket_configuration(
            aws_sdk_s3::types::CreateBucketConfiguration::builder()
                .location_constraint(aws_sdk_s3::types::BucketLocationConstraint::from(region))
                .build(),
        )
        .send()
        .await;
    // A concurrent test may have made it first.
    if created.is_err() {
        s3.head_bucket()
            .bucket(bucket)
            .send()
            .await
            .expect("the test bucket exists");
    }
}

impl Pipeline {
    async fn new(staging: bool, engine: impl FnOnce(FixtureEngine) -> FixtureEngine) -> Pipeline {
        let stack = Stack::connect().await;
        let region = text(&stack.state, "region");
        let sdk = aws_config::from_env()
            .region(aws_config::Region::new(region.clone()))
            .endpoint_url(text(&stack.state, "endpoint"))
            .load()
            .await;
        let s3 = mypages::aws::s3_client(&sdk);
        ensure_bucket(&s3, &region, DOCUMENTS_BUCKET).await;
        ensure_bucket(&s3, &region, STAGING_BUCKET).await;
        let engine = Arc::new(engine(FixtureEngine::new(s3.clone())));
        let ids = mypages::config::DocumentsIds {
            documents_bucket: DOCUMENTS_BUCKET.into(),
            textract_region: region,
            staging_bucket: staging.then(|| STAGING_BUCKET.to_owned()),
            completion: Some((TOPIC_ARN.into(), ROLE_ARN.into())),
        };
        let deps = PipelineDeps {
            store: stack.deps.store.clone(),
            documents: mypages::aws::Documents {
                ids,
                s3: s3.clone().into(),
                staging_s3: s3.clone().into(),
                ocr: (engine.clone() as mypages::aws::ocr::SharedOcrEngine).into(),
                credentials: sdk.credentials_provider(),
            },
        };
        Pipeline {
            deps,
            engine,
            s3,
            company_id: format!("ocr-{}", uuid::Uuid::new_v4().simple()),
        }
    }

    /// A record in `awaiting_upload`, as `POST /documents` leaves it.
    async fn document(&self, company_id: &str, content_type: ContentType, size: u64) -> Document {
        let document = Document {
            id: uuid::Uuid::now_v7().to_string(),
            contract_id: None,
            file_name: "lease.pdf".into(),
            content_type,
            size,
            status: DocumentStatus::AwaitingUpload,
            failure_reason: None,
            pages: None,
            proposed: None,
            created_at: "2026-11-28T12:00:00.000Z".into(),
            created_by: "sub-uploader".into(),
        };
        self.deps
            .store
            .client()
            .put_item()
            .table_name(self.deps.store.data_table())
            .set_item(Some(
                new_document_item(company_id, &document).expect("the record's item"),
            ))
            .send()
            .await
            .expect("put the record");
        document
    }

    async fn put_object(&self, key: &str, bytes: &[u8]) {
        self.s3
            .put_object()
            .bucket(DOCUMENTS_BUCKET)
            .key(key)
            .body(ByteStream::from(bytes.to_vec()))
            .send()
            .await
            .expect("upload");
    }

    /// A document of the test company with `bytes` uploaded as its original.
    async fn uploaded(&self, content_type: ContentType, declared: u64, bytes: &[u8]) -> Document {
        let document = self
            .document(&self.company_id, content_type, declared)
            .await;
        self.put_object(&original_key(&self.company_id, &document.id), bytes)
            .await;
        document
    }

    async fn record(&self, company_id: &str, document_id: &str) -> StoredDocument {
        self.deps
            .store
            .stored_document(company_id, document_id)
            .await
            .expect("read the record")
            .expect("the record exists")
            .0
    }

    async fn exists(&self, bucket: &str, key: &str) -> bool {
        self.s3
            .head_object()
            .bucket(bucket)
            .key(key)
            .send()
            .await
            .is_ok()
    }

    async fn read_json(&self, key: &str) -> Value {
        let object = self
            .s3
            .get_object()
            .bucket(DOCUMENTS_BUCKET)
            .key(key)
            .send()
            .await
            .expect("get");
        let bytes = object.body.collect().await.expect("body").into_bytes();
        serde_json::from_slice(&bytes).expect("JSON")
    }

    /// The sample SQS event for `key` of the documents bucket, delivered the `receives`th time.
    fn upload_event(&self, key: &str, receives: u32) -> SqsEvent {
        let (company, document) = mypages::domain::document::parse_original_key(key)
            .map(|(c, d)| (c.to_owned(), d.to_owned()))
            .unwrap_or_default();
        let text = std::fs::read_to_string(events_dir().join("documents-ocr/sqs-s3.json"))
            .expect("the sample event")
            .replace("t/${companyId}/docs/${documentId}/original", key)
            .replace("${companyId}", &company)
            .replace("${documentId}", &document)
            .replace("${bucket}", DOCUMENTS_BUCKET);
        let mut event: SqsEvent = serde_json::from_str(&text).expect("an SQS event");
        event.records[0]
            .attributes
            .insert("ApproximateReceiveCount".into(), receives.to_string());
        event
    }

    async fn deliver(&self, event: SqsEvent) -> SqsBatchResponse {
        documents_ocr::handler(&self.deps, LambdaEvent::new(event, Context::default()))
            .await
            .expect("documents-ocr never fails the whole batch")
    }

    async fn deliver_upload(&self, document: &Document) -> SqsBatchResponse {
        self.deliver(self.upload_event(&original_key(&self.company_id, &document.id), 1))
            .await
    }

    /// The sample SNS event with Textract's completion of `job_id` for `document`.
    fn completion_event(
        &self,
        document: &Document,
        job_id: &str,
        status: &str,
        bucket: &str,
    ) -> SnsEvent {
        let text = std::fs::read_to_string(events_dir().join("documents-ocr-complete/sns.json"))
            .expect("the sample event")
            .replace("${companyId}", &self.company_id)
            .replace("${documentId}", &document.id)
            .replace("${jobId}", job_id)
            .replace("${bucket}", bucket);
        let mut event: SnsEvent = serde_json::from_str(&text).expect("an SNS event");
        let mut message: Value =
            serde_json::from_str(&event.records[0].sns.message).expect("the completion");
        message["Status"] = Value::String(status.into());
        event.records[0].sns.message = message.to_string();
        event
    }

    async fn complete(&self, event: SnsEvent) -> Result<(), lambda_runtime::Error> {
        documents_ocr_complete::handler(&self.deps, LambdaEvent::new(event, Context::default()))
            .await
    }
}

fn events_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../events")
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    bytes.extend([0; 64]);
    bytes
}

fn pdf(pages: usize, extra_trailer: &str) -> Vec<u8> {
    let mut body = String::from("%PDF-1.7\n1 0 obj << /Type /Pages /Count 0 >> endobj\n");
    for i in 0..pages {
        body.push_str(&format!(
            "{} 0 obj << /Type /Page /Parent 1 0 R >> endobj\n",
            i + 2
        ));
    }
    body.push_str(&format!(
        "trailer\n<< /Root 1 0 R {extra_trailer}>>\n%%EOF\n"
    ));
    body.into_bytes()
}

fn no_failures(response: &SqsBatchResponse) -> bool {
    response.batch_item_failures.is_empty()
}

/// A bad file ends `failed` with `reason`, OCR is never asked, and the original stays.
async fn assert_fails_before_ocr(
    content_type: ContentType,
    declared: u64,
    bytes: &[u8],
    reason: FailureReason,
) {
    let pipeline = Pipeline::new(false, |e| e).await;
    let document = pipeline.uploaded(content_type, declared, bytes).await;
    let response = pipeline.deliver_upload(&document).await;
    assert!(no_failures(&response), "{response:?}");
    let stored = pipeline.record(&pipeline.company_id, &document.id).await;
    assert_eq!(stored.document.status, DocumentStatus::Failed);
    assert_eq!(stored.document.failure_reason, Some(reason));
    assert_eq!(pipeline.engine.calls(), Vec::<Call>::new());
    assert!(
        pipeline
            .exists(
                DOCUMENTS_BUCKET,
                &original_key(&pipeline.company_id, &document.id)
            )
            .await
    );
}

#[tokio::test]
async fn magic_bytes_of_another_type_fail_wrong_type() {
    assert_fails_before_ocr(
        ContentType::Jpeg,
        200,
        &png(10, 10),
        FailureReason::WrongType,
    )
    .await;
    assert_fails_before_ocr(
        ContentType::Pdf,
        200,
        b"<html>not a pdf</html>",
        FailureReason::WrongType,
    )
    .await;
}

#[tokio::test]
async fn more_bytes_than_declared_fail_too_large() {
    let bytes = png(10, 10);
    assert_fails_before_ocr(
        ContentType::Png,
        bytes.len() as u64 - 1,
        &bytes,
        FailureReason::TooLarge,
    )
    .await;
}

#[tokio::test]
async fn an_empty_file_fails_empty() {
    assert_fails_before_ocr(ContentType::Pdf, 100, b"", FailureReason::Empty).await;
}

#[tokio::test]
async fn an_encrypted_pdf_fails_encrypted() {
    let bytes = pdf(2, "/Encrypt 9 0 R ");
    assert_fails_before_ocr(
        ContentType::Pdf,
        bytes.len() as u64,
        &bytes,
        FailureReason::Encrypted,
    )
    .await;
}

#[tokio::test]
async fn an_image_over_the_pixel_bound_fails_image_too_large() {
    let bytes = png(12_000, 800);
    assert_fails_before_ocr(
        ContentType::Png,
        bytes.len() as u64,
        &bytes,
        FailureReason::ImageTooLarge,
    )
    .await;
}

#[tokio::test]
async fn a_pdf_of_hundreds_of_pages_fails_too_many_pages() {
    let bytes = pdf(450, "");
    assert_fails_before_ocr(
        ContentType::Pdf,
        bytes.len() as u64,
        &bytes,
        FailureReason::TooManyPages,
    )
    .await;
}

#[tokio::test]
async fn a_corrupt_pdf_that_ocr_refuses_fails_unreadable_and_starts_no_job() {
    let pipeline = Pipeline::new(false, |e| {
        e.starting(vec![Err(OcrError::Refused {
            kind: Refusal::BadDocument,
            message: "BadDocumentException".into(),
        })])
    })
    .await;
    let bytes = b"%PDF-1.7\n\x00\xff garbage without objects".to_vec();
    let document = pipeline
        .uploaded(ContentType::Pdf, bytes.len() as u64, &bytes)
        .await;
    let response = pipeline.deliver_upload(&document).await;
    assert!(no_failures(&response), "{response:?}");
    let stored = pipeline.record(&pipeline.company_id, &document.id).await;
    assert_eq!(stored.document.status, DocumentStatus::Failed);
    assert_eq!(
        stored.document.failure_reason,
        Some(FailureReason::Unreadable)
    );
    assert_eq!(stored.ocr_job_id, None);
    assert!(
        pipeline
            .exists(
                DOCUMENTS_BUCKET,
                &original_key(&pipeline.company_id, &document.id)
            )
            .await
    );
}

#[tokio::test]
async fn an_image_ocr_refuses_or_fails_on_ends_failed_with_the_matching_reason() {
    for (error, reason) in [
        (
            OcrError::Refused {
                kind: Refusal::Unsupported,
                message: "UnsupportedDocumentException".into(),
            },
            FailureReason::WrongType,
        ),
        (
            OcrError::Refused {
                kind: Refusal::TooLarge,
                message: "DocumentTooLargeException".into(),
            },
            FailureReason::TooLarge,
        ),
        (
            OcrError::Failed("InvalidParameterException".into()),
            FailureReason::OcrError,
        ),
    ] {
        let pipeline = Pipeline::new(false, |e| e.analyzing(vec![Err(error.clone())])).await;
        let bytes = png(800, 600);
        let document = pipeline
            .uploaded(ContentType::Png, bytes.len() as u64, &bytes)
            .await;
        let response = pipeline.deliver_upload(&document).await;
        assert!(no_failures(&response), "{error:?}: {response:?}");
        let stored = pipeline.record(&pipeline.company_id, &document.id).await;
        assert_eq!(stored.document.status, DocumentStatus::Failed, "{error:?}");
        assert_eq!(stored.document.failure_reason, Some(reason), "{error:?}");
    }
}

#[tokio::test]
async fn an_image_is_read_synchronously_and_its_blocks_are_kept_next_to_the_original() {
    let answer = fixture("employment-application.json");
    let pipeline = Pipeline::new(false, |e| e.analyzing(vec![Ok(answer.clone())])).await;
    let bytes = png(1700, 2200);
    let document = pipeline
        .uploaded(ContentType::Png, bytes.len() as u64 + 10, &bytes)
        .await;
    let response = pipeline.deliver_upload(&document).await;
    assert!(no_failures(&response), "{response:?}");
    let stored = pipeline.record(&pipeline.company_id, &document.id).await;
    assert_eq!(stored.document.status, DocumentStatus::Processed);
    assert_eq!(stored.document.failure_reason, None);
    assert_eq!(stored.document.pages, Some(1));
    assert!(stored.document.proposed.is_some());
    assert_eq!(
        pipeline.engine.calls(),
        [Call::Analyze(S3Object {
            bucket: DOCUMENTS_BUCKET.into(),
            key: original_key(&pipeline.company_id, &document.id),
        })]
    );
    let saved = pipeline
        .read_json(&ocr_result_key(&pipeline.company_id, &document.id))
        .await;
    let saved: Vec<AnalysisResponse> = serde_json::from_value(saved).expect("responses");
    assert_eq!(saved, [answer]);
}

#[tokio::test]
async fn an_unavailable_engine_gets_the_message_redelivered_and_the_redelivery_reads_it() {
    let answer = fixture("test-response.json");
    let pipeline = Pipeline::new(false, |e| {
        e.analyzing(vec![
            Err(OcrError::Unavailable("ThrottlingException".into())),
            Ok(answer),
        ])
    })
    .await;
    let bytes = png(800, 600);
    let document = pipeline
        .uploaded(ContentType::Png, bytes.len() as u64, &bytes)
        .await;
    let event = pipeline.upload_event(&original_key(&pipeline.company_id, &document.id), 1);
    let message_id = event.records[0].message_id.clone().expect("id");
    let first = pipeline.deliver(event).await;
    assert_eq!(
        first
            .batch_item_failures
            .iter()
            .map(|f| f.item_identifier.clone())
            .collect::<Vec<_>>(),
        [message_id]
    );
    // Not failed: back where the redelivery takes it up again.
    let stored = pipeline.record(&pipeline.company_id, &document.id).await;
    assert_eq!(stored.document.status, DocumentStatus::AwaitingUpload);
    assert_eq!(stored.document.failure_reason, None);

    let again = pipeline
        .deliver(pipeline.upload_event(&original_key(&pipeline.company_id, &document.id), 2))
        .await;
    assert!(no_failures(&again), "{again:?}");
    let stored = pipeline.record(&pipeline.company_id, &document.id).await;
    assert_eq!(stored.document.status, DocumentStatus::Processed);
}

#[tokio::test]
async fn an_engine_unavailable_on_the_last_delivery_fails_the_document_ocr_timeout() {
    let pipeline = Pipeline::new(false, |e| {
        e.starting(vec![Err(OcrError::Unavailable("timeout".into()))])
    })
    .await;
    let bytes = pdf(3, "");
    let document = pipeline
        .uploaded(ContentType::Pdf, bytes.len() as u64, &bytes)
        .await;
    let key = original_key(&pipeline.company_id, &document.id);
    let early = pipeline.deliver(pipeline.upload_event(&key, 1)).await;
    assert_eq!(early.batch_item_failures.len(), 1);
    assert_eq!(
        pipeline
            .record(&pipeline.company_id, &document.id)
            .await
            .document
            .status,
        DocumentStatus::AwaitingUpload
    );
    let last = pipeline
        .deliver(pipeline.upload_event(&key, documents_ocr::MAX_RECEIVES))
        .await;
    assert!(no_failures(&last), "{last:?}");
    let stored = pipeline.record(&pipeline.company_id, &document.id).await;
    assert_eq!(stored.document.status, DocumentStatus::Failed);
    assert_eq!(
        stored.document.failure_reason,
        Some(FailureReason::OcrTimeout)
    );
}

#[tokio::test]
async fn a_redelivered_upload_event_starts_one_job_only() {
    let pipeline = Pipeline::new(false, |e| e).await;
    let bytes = pdf(3, "");
    let document = pipeline
        .uploaded(ContentType::Pdf, bytes.len() as u64, &bytes)
        .await;
    let key = original_key(&pipeline.company_id, &document.id);
    for receives in 1..=3 {
        let response = pipeline
            .deliver(pipeline.upload_event(&key, receives))
            .await;
        assert!(no_failures(&response), "{response:?}");
    }
    assert_eq!(pipeline.engine.starts(), 1);
    let stored = pipeline.record(&pipeline.company_id, &document.id).await;
    assert_eq!(stored.document.status, DocumentStatus::Processing);
    let Call::Start {
        document: read,
        request_token,
        job_tag,
        channel,
    } = &pipeline.engine.calls()[0]
    else {
        panic!("a start first: {:?}", pipeline.engine.calls());
    };
    assert_eq!(read.key, key);
    assert_eq!(request_token, &document.id);
    assert_eq!(job_tag, &document.id);
    assert_eq!(
        channel,
        &CompletionChannel {
            topic_arn: TOPIC_ARN.into(),
            role_arn: ROLE_ARN.into()
        }
    );
    assert_eq!(
        stored.ocr_job_id.as_deref(),
        Some(format!("job-0-{}", document.id).as_str())
    );
}

#[tokio::test]
async fn keys_of_no_awaiting_record_of_that_company_are_ignored_and_nothing_changes() {
    let pipeline = Pipeline::new(false, |e| e).await;
    let bytes = pdf(1, "");
    // Another company's document, awaiting its upload.
    let other_company = format!("ocr-other-{}", uuid::Uuid::new_v4().simple());
    let theirs = pipeline
        .document(&other_company, ContentType::Pdf, bytes.len() as u64)
        .await;
    let theirs_before = pipeline.record(&other_company, &theirs.id).await;
    // Their document id under our company's prefix: no record of ours by that id.
    let under_ours = original_key(&pipeline.company_id, &theirs.id);
    pipeline.put_object(&under_ours, &bytes).await;
    // A document of ours that is already processed.
    let done = pipeline
        .uploaded(ContentType::Pdf, bytes.len() as u64, &bytes)
        .await;
    pipeline
        .deps
        .store
        .transition_document(
            &pipeline.company_id,
            &done.id,
            DocumentStatus::AwaitingUpload,
            None,
            |d| d.status = DocumentStatus::Failed,
        )
        .await
        .expect("transition");
    let done_before = pipeline.record(&pipeline.company_id, &done.id).await;
    for key in [
        under_ours.clone(),
        format!("t/{}/docs/{}/textract.json", pipeline.company_id, done.id),
        "uploads/elsewhere.pdf".to_owned(),
        format!(
            "t/{}/docs/x%2F..%2F{}/original",
            pipeline.company_id, done.id
        ),
        original_key(&pipeline.company_id, &done.id),
    ] {
        let response = pipeline.deliver(pipeline.upload_event(&key, 1)).await;
        assert!(no_failures(&response), "{key}: {response:?}");
    }
    assert_eq!(pipeline.engine.calls(), Vec::<Call>::new());
    assert_eq!(
        pipeline.record(&other_company, &theirs.id).await,
        theirs_before
    );
    assert_eq!(
        pipeline.record(&pipeline.company_id, &done.id).await,
        done_before
    );
    assert!(pipeline.exists(DOCUMENTS_BUCKET, &under_ours).await);
}

#[tokio::test]
async fn a_malformed_message_or_a_test_event_is_acknowledged() {
    let pipeline = Pipeline::new(false, |e| e).await;
    for body in [
        "not json at all",
        r#"{"Records": "nope"}"#,
        r#"{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-28T12:00:00.000Z","Bucket":"b","RequestId":"r","HostId":"h"}"#,
    ] {
        let mut event = pipeline.upload_event("t/x/docs/y/original", 1);
        event.records[0].body = Some(body.into());
        let response = pipeline.deliver(event).await;
        assert!(no_failures(&response), "{body}: {response:?}");
    }
    assert_eq!(pipeline.engine.calls(), Vec::<Call>::new());
}

/// A PDF's job started by documents-ocr; the pipeline and the document.
async fn started_job(
    staging: bool,
    engine: impl FnOnce(FixtureEngine) -> FixtureEngine,
) -> (Pipeline, Document, String) {
    let pipeline = Pipeline::new(staging, engine).await;
    let bytes = pdf(2, "");
    let document = pipeline
        .uploaded(ContentType::Pdf, bytes.len() as u64, &bytes)
        .await;
    let response = pipeline.deliver_upload(&document).await;
    assert!(no_failures(&response), "{response:?}");
    let stored = pipeline.record(&pipeline.company_id, &document.id).await;
    assert_eq!(stored.document.status, DocumentStatus::Processing);
    let job_id = stored.ocr_job_id.expect("the job id");
    (pipeline, document, job_id)
}

#[tokio::test]
async fn a_completion_pages_through_every_next_token_and_keeps_every_page() {
    let answer = fixture("multi-page-forms-samples-2-page.json");
    let (pipeline, document, job_id) = started_job(false, |e| e.paging(answer.clone(), 3)).await;
    pipeline
        .complete(pipeline.completion_event(&document, &job_id, "SUCCEEDED", DOCUMENTS_BUCKET))
        .await
        .expect("handled");
    let gets: Vec<Option<String>> = pipeline
        .engine
        .calls()
        .into_iter()
        .filter_map(|c| match c {
            Call::Get {
                job_id: asked,
                next_token,
            } => {
                assert_eq!(asked, job_id);
                Some(next_token)
            }
            _ => None,
        })
        .collect();
    assert_eq!(gets, [None, Some("p1".into()), Some("p2".into())]);
    let stored = pipeline.record(&pipeline.company_id, &document.id).await;
    assert_eq!(stored.document.status, DocumentStatus::Processed);
    assert_eq!(stored.document.pages, Some(2));
    let saved: Vec<AnalysisResponse> = serde_json::from_value(
        pipeline
            .read_json(&ocr_result_key(&pipeline.company_id, &document.id))
            .await,
    )
    .expect("responses");
    assert_eq!(saved.len(), 3);
    let blocks: Vec<_> = saved.iter().flat_map(|r| r.blocks.clone()).collect();
    assert_eq!(blocks, answer.blocks);

    // A second delivery of the same completion changes nothing.
    pipeline
        .complete(pipeline.completion_event(&document, &job_id, "SUCCEEDED", DOCUMENTS_BUCKET))
        .await
        .expect("handled");
    assert_eq!(
        pipeline.record(&pipeline.company_id, &document.id).await,
        stored
    );
}

#[tokio::test]
async fn a_failed_job_fails_the_document_ocr_error() {
    let failed = fixture("test-failed-response.json");
    let (pipeline, document, job_id) = started_job(false, |e| e.paging(failed, 1)).await;
    pipeline
        .complete(pipeline.completion_event(&document, &job_id, "FAILED", DOCUMENTS_BUCKET))
        .await
        .expect("handled");
    let stored = pipeline.record(&pipeline.company_id, &document.id).await;
    assert_eq!(stored.document.status, DocumentStatus::Failed);
    assert_eq!(
        stored.document.failure_reason,
        Some(FailureReason::OcrError)
    );
    assert!(
        !pipeline
            .exists(
                DOCUMENTS_BUCKET,
                &ocr_result_key(&pipeline.company_id, &document.id)
            )
            .await
    );
}

#[tokio::test]
async fn a_partial_success_is_processed_with_what_was_read() {
    let mut answer = fixture("queries_sample.json");
    answer.job_status = Some("PARTIAL_SUCCESS".into());
    answer.status_message = Some("some pages could not be read".into());
    answer.warnings = vec![mypages::domain::ocr::blocks::Warning {
        error_code: Some("UNSUPPORTED_PAGE".into()),
        pages: vec![2],
    }];
    let (pipeline, document, job_id) = started_job(false, |e| e.paging(answer.clone(), 2)).await;
    pipeline
        .complete(pipeline.completion_event(
            &document,
            &job_id,
            "PARTIAL_SUCCESS",
            DOCUMENTS_BUCKET,
        ))
        .await
        .expect("handled");
    let stored = pipeline.record(&pipeline.company_id, &document.id).await;
    assert_eq!(stored.document.status, DocumentStatus::Processed);
    let saved: Vec<AnalysisResponse> = serde_json::from_value(
        pipeline
            .read_json(&ocr_result_key(&pipeline.company_id, &document.id))
            .await,
    )
    .expect("responses");
    assert_eq!(saved[0].warnings, answer.warnings);
}

#[tokio::test]
async fn a_completion_of_another_job_or_an_unknown_key_is_ignored() {
    let answer = fixture("test-response.json");
    let (pipeline, document, _) = started_job(false, |e| e.paging(answer, 1)).await;
    let before = pipeline.record(&pipeline.company_id, &document.id).await;
    pipeline
        .complete(pipeline.completion_event(
            &document,
            "job-of-someone-else",
            "SUCCEEDED",
            DOCUMENTS_BUCKET,
        ))
        .await
        .expect("handled");
    let mut elsewhere = pipeline.completion_event(&document, "j", "SUCCEEDED", DOCUMENTS_BUCKET);
    elsewhere.records[0].sns.message = elsewhere.records[0]
        .sns
        .message
        .replace("/original", "/textract.json");
    pipeline.complete(elsewhere).await.expect("handled");
    let mut garbage = pipeline.completion_event(&document, "j", "SUCCEEDED", DOCUMENTS_BUCKET);
    garbage.records[0].sns.message = "{not a completion".into();
    pipeline.complete(garbage).await.expect("handled");
    assert_eq!(
        pipeline.record(&pipeline.company_id, &document.id).await,
        before
    );
    assert!(
        !pipeline
            .engine
            .calls()
            .iter()
            .any(|c| matches!(c, Call::Get { .. }))
    );
}

#[tokio::test]
async fn with_a_staging_bucket_an_image_is_read_from_a_copy_that_is_deleted_after() {
    let answer = fixture("tables_with_headers_and_merged_cells.json");
    let pipeline = Pipeline::new(true, |e| e.analyzing(vec![Ok(answer)])).await;
    let bytes = png(1200, 900);
    let document = pipeline
        .uploaded(ContentType::Png, bytes.len() as u64, &bytes)
        .await;
    let key = original_key(&pipeline.company_id, &document.id);
    let response = pipeline.deliver_upload(&document).await;
    assert!(no_failures(&response), "{response:?}");
    let staged = S3Object {
        bucket: STAGING_BUCKET.into(),
        key: key.clone(),
    };
    assert_eq!(pipeline.engine.calls(), [Call::Analyze(staged.clone())]);
    assert_eq!(
        pipeline.engine.objects_seen.lock().expect("lock").clone(),
        [(staged, true)]
    );
    assert!(!pipeline.exists(STAGING_BUCKET, &key).await);
    assert!(pipeline.exists(DOCUMENTS_BUCKET, &key).await);
    assert_eq!(
        pipeline
            .record(&pipeline.company_id, &document.id)
            .await
            .document
            .status,
        DocumentStatus::Processed
    );
}

#[tokio::test]
async fn with_a_staging_bucket_a_pdf_job_reads_the_copy_and_the_completion_deletes_it() {
    let answer = fixture("multi-page-forms-samples-2-page.json");
    let (pipeline, document, job_id) = started_job(true, |e| e.paging(answer, 2)).await;
    let key = original_key(&pipeline.company_id, &document.id);
    let staged = S3Object {
        bucket: STAGING_BUCKET.into(),
        key: key.clone(),
    };
    assert_eq!(
        pipeline.engine.objects_seen.lock().expect("lock").clone(),
        [(staged, true)]
    );
    assert!(pipeline.exists(STAGING_BUCKET, &key).await);
    pipeline
        .complete(pipeline.completion_event(&document, &job_id, "SUCCEEDED", STAGING_BUCKET))
        .await
        .expect("handled");
    assert!(!pipeline.exists(STAGING_BUCKET, &key).await);
    assert!(pipeline.exists(DOCUMENTS_BUCKET, &key).await);
    assert_eq!(
        pipeline
            .record(&pipeline.company_id, &document.id)
            .await
            .document
            .status,
        DocumentStatus::Processed
    );
}

/// Polls the record until it leaves `awaiting_upload`/`processing` (the relays poll once a
/// second), or gives up after 30 s.
async fn settled(pipeline: &Pipeline, company_id: &str, document_id: &str) -> StoredDocument {
    for _ in 0..150 {
        let stored = pipeline.record(company_id, document_id).await;
        if matches!(
            stored.document.status,
            DocumentStatus::Processed | DocumentStatus::Failed
        ) {
            return stored;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    pipeline.record(company_id, document_id).await
}

#[tokio::test]
async fn the_local_stack_relays_the_buckets_upload_events_to_documents_ocr() {
    let stack = Stack::connect().await;
    let pipeline = Pipeline::new(false, |e| e).await;
    let bucket = text(&stack.state, "documentsBucket");
    let empty = pipeline
        .document(&pipeline.company_id, ContentType::Pdf, 100)
        .await;
    let wrong = pipeline
        .document(&pipeline.company_id, ContentType::Png, 100)
        .await;
    for (document, bytes) in [(&empty, &b""[..]), (&wrong, &b"%PDF-1.7 not a png"[..])] {
        pipeline
            .s3
            .put_object()
            .bucket(&bucket)
            .key(original_key(&pipeline.company_id, &document.id))
            .body(ByteStream::from(bytes.to_vec()))
            .send()
            .await
            .expect("upload");
    }
    let stored = settled(&pipeline, &pipeline.company_id, &empty.id).await;
    assert_eq!(stored.document.failure_reason, Some(FailureReason::Empty));
    let stored = settled(&pipeline, &pipeline.company_id, &wrong.id).await;
    assert_eq!(
        stored.document.failure_reason,
        Some(FailureReason::WrongType)
    );
}

#[tokio::test]
async fn the_local_stack_relays_the_topics_job_completions_to_documents_ocr_complete() {
    let stack = Stack::connect().await;
    let pipeline = Pipeline::new(false, |e| e).await;
    let bucket = text(&stack.state, "documentsBucket");
    let document = pipeline
        .document(&pipeline.company_id, ContentType::Pdf, 100)
        .await;
    pipeline
        .deps
        .store
        .transition_document(
            &pipeline.company_id,
            &document.id,
            DocumentStatus::AwaitingUpload,
            Some("job-relayed"),
            |d| d.status = DocumentStatus::Processing,
        )
        .await
        .expect("processing");
    let event = pipeline.completion_event(&document, "job-relayed", "FAILED", &bucket);
    let sdk = aws_config::from_env()
        .region(aws_config::Region::new(text(&stack.state, "region")))
        .endpoint_url(text(&stack.state, "endpoint"))
        .load()
        .await;
    aws_sdk_sns::Client::new(&sdk)
        .publish()
        .topic_arn(text(&stack.state, "ocrTopicArn"))
        .message(&event.records[0].sns.message)
        .send()
        .await
        .expect("publish");
    let stored = settled(&pipeline, &pipeline.company_id, &document.id).await;
    assert_eq!(stored.document.status, DocumentStatus::Failed);
    assert_eq!(
        stored.document.failure_reason,
        Some(FailureReason::OcrError)
    );
}

#[tokio::test]
async fn a_completion_that_beats_the_jobs_record_is_retried_not_dropped() {
    let pipeline = Pipeline::new(false, |e| e.paging(fixture("test-response.json"), 1)).await;
    let document = pipeline
        .document(&pipeline.company_id, ContentType::Pdf, 100)
        .await;
    let before = pipeline.record(&pipeline.company_id, &document.id).await;
    let result = pipeline
        .complete(pipeline.completion_event(&document, "job-early", "SUCCEEDED", DOCUMENTS_BUCKET))
        .await;
    assert!(result.is_err(), "Lambda must invoke again");
    assert_eq!(
        pipeline.record(&pipeline.company_id, &document.id).await,
        before
    );
    assert_eq!(pipeline.engine.calls(), Vec::<Call>::new());
}
