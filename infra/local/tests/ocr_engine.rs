//! The local OCR engines against the moto emulator (S3 for the files, SNS → SQS for the
//! completion messages): Tesseract reading infra/render_lease.py's Swedish lease as PNG and
//! as PDF, synchronously and as a job paged by `NextToken`; the recording engine answering
//! the shared Textract fixtures by the file's SHA-256; the refusals of bad files.
//!
//! Needs moto (`AWS_ENDPOINT_URL`; infra/test.sh starts it), the project venv with Pillow
//! (`MYPAGES_VENV`; infra/env.sh sets it) and Tesseract and Poppler (infra/env.sh
//! `mypages_ocr_tools`).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use mypages::aws::ocr::{CompletionChannel, OcrEngine, OcrError, Refusal, S3Object};
use mypages::domain::ocr::blocks::{AnalysisResponse, Block, BlockType, JobCompletion};
use mypages_local::ocr::recordings::recording_name;
use mypages_local::ocr::{
    Limits, LocalEngine, LocalTesseract, RecordingEngine, Recordings, Tesseract, local_engine,
};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/textract"
);

/// The rendered test documents: one-page lease.png and lease.pdf in `one`, a two-page
/// lease.pdf and its encrypted copy in `two`.
struct Rendered {
    one: tempfile::TempDir,
    two: tempfile::TempDir,
}

fn render(args: &[&str]) -> tempfile::TempDir {
    let venv = std::env::var("MYPAGES_VENV").unwrap_or_else(|_| {
        panic!("MYPAGES_VENV is not set: source infra/env.sh (its venv has Pillow and pypdf)")
    });
    let out = tempfile::tempdir().expect("temporary directory");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../render_lease.py");
    let status = std::process::Command::new(format!("{venv}/bin/python"))
        .arg(script)
        .arg("--out-dir")
        .arg(out.path())
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run infra/render_lease.py");
    assert!(status.success(), "infra/render_lease.py {args:?} failed");
    out
}

fn rendered() -> &'static Rendered {
    static RENDERED: OnceLock<Rendered> = OnceLock::new();
    RENDERED.get_or_init(|| Rendered {
        one: render(&[]),
        two: render(&["--pages", "2", "--encrypted"]),
    })
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The emulator's clients and a bucket, topic and queue of this test's own.
struct Emulator {
    s3: aws_sdk_s3::Client,
    sns: aws_sdk_sns::Client,
    sqs: aws_sdk_sqs::Client,
    bucket: String,
    channel: CompletionChannel,
    queue_url: String,
}

impl Emulator {
    async fn new() -> Emulator {
        let endpoint = std::env::var("AWS_ENDPOINT_URL").unwrap_or_else(|_| {
            panic!(
                "AWS_ENDPOINT_URL is not set: these tests need moto (infra/test.sh starts it; \
                 or source infra/env.sh; mypages_bootstrap; mypages_start_moto)"
            )
        });
        let sdk = aws_config::from_env()
            .region(aws_config::Region::new("eu-north-1"))
            .endpoint_url(endpoint)
            .load()
            .await;
        let name = format!("ocr-test-{}", uuid::Uuid::new_v4().simple());
        mypages_local::documents::ensure_versioned_bucket(&sdk, &name)
            .await
            .expect("bucket");
        let sns = aws_sdk_sns::Client::new(&sdk);
        let sqs = aws_sdk_sqs::Client::new(&sdk);
        let topic_arn = sns
            .create_topic()
            .name(&name)
            .send()
            .await
            .expect("topic")
            .topic_arn
            .expect("topic arn");
        let queue_url = sqs
            .create_queue()
            .queue_name(&name)
            .send()
            .await
            .expect("queue")
            .queue_url
            .expect("queue url");
        let queue_arn = sqs
            .get_queue_attributes()
            .queue_url(&queue_url)
            .attribute_names(aws_sdk_sqs::types::QueueAttributeName::QueueArn)
            .send()
            .await
            .expect("queue attributes")
            .attributes
            .and_then(|a| {
                a.get(&aws_sdk_sqs::types::QueueAttributeName::QueueArn)
                    .cloned()
            })
            .expect("queue arn");
        sns.subscribe()
            .topic_arn(&topic_arn)
            .protocol("sqs")
            .endpoint(queue_arn)
            .attributes("RawMessageDelivery", "true")
            .send()
            .await
            .expect("subscribe");
        Emulator {
            s3: mypages::aws::s3_client(&sdk),
            sns,
            sqs,
            bucket: name,
            channel: CompletionChannel {
                topic_arn,
                role_arn: "arn:aws:iam::123456789012:role/textract-publishes".into(),
            },
            queue_url,
        }
    }

    async fn put(&self, key: &str, bytes: Vec<u8>) -> S3Object {
        self.s3
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .body(bytes.into())
            .send()
            .await
            .expect("put object");
        S3Object {
            bucket: self.bucket.clone(),
            key: key.into(),
        }
    }

    fn tesseract(&self) -> LocalTesseract {
        LocalEngine::new(self.s3.clone(), self.sns.clone(), Tesseract::default())
    }

    /// The next completion message the topic delivered.
    async fn completion(&self) -> JobCompletion {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            let received = self
                .sqs
                .receive_message()
                .queue_url(&self.queue_url)
                .wait_time_seconds(2)
                .send()
                .await
                .expect("receive");
            if let Some(message) = received.messages.unwrap_or_default().into_iter().next() {
                let body = message.body.expect("body");
                return serde_json::from_str(&body)
                    .unwrap_or_else(|e| panic!("not a completion message: {e}: {body}"));
            }
        }
        panic!("no completion message arrived on the job's topic");
    }
}

/// Polls `GetDocumentAnalysis` until the job ends; returns every page.
async fn job_pages(engine: &dyn OcrEngine, job_id: &str) -> Vec<AnalysisResponse> {
    // Generous: Tesseract shares this machine's cores with every other test.
    let deadline = Instant::now() + Duration::from_secs(600);
    let first = loop {
        let page = engine
            .get_document_analysis(job_id, None)
            .await
            .expect("get");
        if page.job_status.as_deref() != Some("IN_PROGRESS") {
            break page;
        }
        assert!(Instant::now() < deadline, "job {job_id} did not end");
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    let mut pages = vec![first];
    while let Some(token) = pages.last().and_then(|p| p.next_token.clone()) {
        pages.push(
            engine
                .get_document_analysis(job_id, Some(&token))
                .await
                .expect("next page"),
        );
    }
    pages
}

fn all_blocks(pages: &[AnalysisResponse]) -> Vec<Block> {
    pages.iter().flat_map(|p| p.blocks.clone()).collect()
}

fn text_of(ids: &[&Block]) -> String {
    ids.iter()
        .filter_map(|b| b.text.as_deref())
        .collect::<Vec<_>>()
        .join(" ")
}

fn children<'a>(block: &Block, kind: &str, index: &HashMap<&str, &'a Block>) -> Vec<&'a Block> {
    block
        .relationships
        .iter()
        .filter(|r| r.kind == kind)
        .flat_map(|r| r.ids.iter().map(|id| index[id.as_str()]))
        .collect()
}

fn lines(blocks: &[Block], page: u32) -> Vec<String> {
    blocks
        .iter()
        .filter(|b| b.block_type == BlockType::Line && b.page == Some(page))
        .filter_map(|b| b.text.clone())
        .collect()
}

/// Key text (without its colon) → value text, of the KEY_VALUE_SET pairs.
fn pairs(blocks: &[Block]) -> HashMap<String, String> {
    let index: HashMap<&str, &Block> = blocks.iter().map(|b| (b.id.as_str(), b)).collect();
    blocks
        .iter()
        .filter(|b| b.block_type == BlockType::KeyValueSet && b.entity_types == ["KEY"])
        .map(|key| {
            let label = text_of(&children(key, "CHILD", &index));
            let values = children(key, "VALUE", &index);
            assert_eq!(values.len(), 1, "a key has one value");
            assert_eq!(values[0].entity_types, ["VALUE"]);
            assert_eq!(values[0].page, key.page);
            let value = text_of(&children(values[0], "CHILD", &index));
            (label.trim_end_matches(':').to_owned(), value)
        })
        .collect()
}

/// What holds for every answer: unique ids, every relationship's id present, geometry in
/// the page (0–1), every block on a page of the document, words printed, no query answers.
fn assert_well_formed(blocks: &[Block], pages: u32) {
    let ids: HashSet<&str> = blocks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids.len(), blocks.len(), "ids are unique");
    for block in blocks {
        for relationship in &block.relationships {
            for id in &relationship.ids {
                assert!(ids.contains(id.as_str()), "{} → missing {id}", block.id);
            }
        }
        let page = block.page.expect("every block has its page");
        assert!((1..=pages).contains(&page), "page {page} of {pages}");
        let geometry = block.geometry.as_ref().expect("geometry");
        let bbox = geometry.bounding_box.expect("bounding box");
        for v in [
            bbox.left,
            bbox.top,
            bbox.width,
            bbox.height,
            bbox.left + bbox.width,
            bbox.top + bbox.height,
        ] {
            assert!((0.0..=1.0).contains(&v), "{v} outside the page");
        }
        assert_eq!(geometry.polygon.len(), 4);
        if block.block_type == BlockType::Word {
            assert_eq!(block.text_type.as_deref(), Some("PRINTED"));
            assert!(block.confidence.is_some_and(|c| (0.0..=100.0).contains(&c)));
        }
        assert_ne!(block.block_type, BlockType::Query);
    }
    let page_blocks: Vec<u32> = blocks
        .iter()
        .filter(|b| b.block_type == BlockType::Page)
        .filter_map(|b| b.page)
        .collect();
    assert_eq!(
        page_blocks,
        (1..=pages).collect::<Vec<_>>(),
        "one PAGE block a page, in order"
    );
    // Each PAGE's children are on that page.
    let index: HashMap<&str, &Block> = blocks.iter().map(|b| (b.id.as_str(), b)).collect();
    for page in blocks.iter().filter(|b| b.block_type == BlockType::Page) {
        let on_page = children(page, "CHILD", &index);
        assert!(!on_page.is_empty());
        assert!(on_page.iter().all(|b| b.page == page.page));
    }
}

/// The lease's first page, as infra/render_lease.py writes it.
fn assert_reads_the_lease(blocks: &[Block]) {
    let found = lines(blocks, 1);
    for expected in [
        "HYRESAVTAL FÖR LOKAL",
        "Hyresvärd: Fastighets AB Norrsken",
        "Hyresgäst: Exempelbolaget AB",
        "Objekt: Kontorslokal, Storgatan 1, Stockholm",
        "Hyra: 12 500,00 kr per månad",
        "Tillträdesdag: 2026-01-01",
        "Upphör: 2030-12-31",
        "Uppsägningstid: 9 månader",
        "Indexklausul: KPI, basmånad oktober 2025",
    ] {
        assert!(
            found.iter().any(|l| l == expected),
            "no line {expected:?} in {found:#?}"
        );
    }
    let pairs = pairs(blocks);
    for (key, value) in [
        ("Hyresvärd", "Fastighets AB Norrsken"),
        ("Hyra", "12 500,00 kr per månad"),
        ("Tillträdesdag", "2026-01-01"),
        ("Upphör", "2030-12-31"),
        ("Uppsägningstid", "9 månader"),
        ("Indexklausul", "KPI, basmånad oktober 2025"),
    ] {
        assert_eq!(
            pairs.get(key).map(String::as_str),
            Some(value),
            "{key} in {pairs:#?}"
        );
    }
}

fn refusal(result: Result<impl std::fmt::Debug, OcrError>) -> (Refusal, String) {
    match result {
        Err(OcrError::Refused { kind, message }) => (kind, message),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn tesseract_reads_the_scanned_lease_png() {
    let emulator = Emulator::new().await;
    let png = emulator
        .put(
            "t/c1/docs/d1/original",
            read(&rendered().one.path().join("lease.png")),
        )
        .await;
    // The local stack's engine with an empty recordings directory: Tesseract answers.
    let recordings = tempfile::tempdir().expect("dir");
    let engine = local_engine(
        emulator.s3.clone(),
        emulator.sns.clone(),
        Some(recordings.path().to_owned()),
    );
    let started = Instant::now();
    let answer = engine.analyze_document(&png, &[]).await.expect("analysis");
    eprintln!(
        "Tesseract read the one-page PNG in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(answer.document_metadata.map(|m| m.pages), Some(1));
    assert_eq!(answer.job_status, None);
    assert_eq!(answer.next_token, None);
    assert_well_formed(&answer.blocks, 1);
    assert_reads_the_lease(&answer.blocks);
    let line = answer
        .blocks
        .iter()
        .find(|b| b.text.as_deref() == Some("Hyresvärd: Fastighets AB Norrsken"))
        .expect("line");
    let words = line.relationships[0].ids.len();
    assert_eq!(words, 4, "the line's CHILD words");
    let confidence = line.confidence.expect("confidence");
    assert!(confidence > 50.0 && confidence <= 100.0, "{confidence}");
}

#[tokio::test]
async fn tesseract_reads_a_one_page_pdf_synchronously_and_refuses_two_pages() {
    let emulator = Emulator::new().await;
    let engine = emulator.tesseract();
    let one = emulator
        .put("one.pdf", read(&rendered().one.path().join("lease.pdf")))
        .await;
    let answer = engine.analyze_document(&one, &[]).await.expect("analysis");
    assert_eq!(answer.document_metadata.map(|m| m.pages), Some(1));
    assert_well_formed(&answer.blocks, 1);
    assert_reads_the_lease(&answer.blocks);

    let two = emulator
        .put("two.pdf", read(&rendered().two.path().join("lease.pdf")))
        .await;
    let (kind, message) = refusal(engine.analyze_document(&two, &[]).await);
    assert_eq!(kind, Refusal::Unsupported);
    assert!(message.contains("2 pages"), "{message}");
}

#[tokio::test]
async fn a_two_page_pdf_job_pages_its_blocks_and_publishes_its_end() {
    let emulator = Emulator::new().await;
    // Small pages (Textract's MaxResults) so that two pages of text page through NextToken.
    let engine = emulator.tesseract().with_max_results(100);
    let pdf = emulator
        .put(
            "t/c1/docs/d2/original",
            read(&rendered().two.path().join("lease.pdf")),
        )
        .await;
    let started = Instant::now();
    let job_id = engine
        .start_document_analysis(&pdf, &[], &emulator.channel, "token-d2", "d2")
        .await
        .expect("start");
    // A redelivered start (same request token) is the same job; another document with the
    // token is Textract's IdempotentParameterMismatch.
    let again = engine
        .start_document_analysis(&pdf, &[], &emulator.channel, "token-d2", "d2")
        .await
        .expect("start again");
    assert_eq!(again, job_id);
    let other = emulator
        .put("other.pdf", read(&rendered().one.path().join("lease.pdf")))
        .await;
    assert!(matches!(
        engine
            .start_document_analysis(&other, &[], &emulator.channel, "token-d2", "x")
            .await,
        Err(OcrError::Failed(_))
    ));

    let completion = emulator.completion().await;
    eprintln!(
        "Tesseract read the two-page PDF (rendered at 300 dpi) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(completion.job_id, job_id);
    assert_eq!(completion.status, "SUCCEEDED");
    assert_eq!(completion.api, "StartDocumentAnalysis");
    assert_eq!(completion.job_tag.as_deref(), Some("d2"));
    assert!(completion.timestamp.is_some_and(|t| t > 1_700_000_000_000));
    assert_eq!(completion.document_location.s3_bucket, emulator.bucket);
    assert_eq!(
        completion.document_location.s3_object_name,
        "t/c1/docs/d2/original"
    );

    let pages = job_pages(&engine, &job_id).await;
    assert!(pages.len() > 1, "paged through NextToken");
    for page in &pages {
        assert_eq!(page.job_status.as_deref(), Some("SUCCEEDED"));
        assert_eq!(page.document_metadata.as_ref().map(|m| m.pages), Some(2));
        assert!(page.blocks.len() <= 100);
    }
    let blocks = all_blocks(&pages);
    assert_well_formed(&blocks, 2);
    assert_reads_the_lease(&blocks);
    let second = lines(&blocks, 2);
    assert!(
        second.iter().any(|l| l == "Bilaga 1 Allmänna villkor"),
        "page 2: {second:#?}"
    );
    assert!(
        second.iter().any(|l| l == "Sida 2 av 2"),
        "page 2: {second:#?}"
    );
    assert!(lines(&blocks, 1).iter().any(|l| l == "Sida 1 av 2"));
    assert!(matches!(
        engine.get_document_analysis("no-such-job", None).await,
        Err(OcrError::Failed(_))
    ));
}

#[tokio::test]
async fn bad_files_are_refused_as_textract_refuses_them() {
    let emulator = Emulator::new().await;
    let engine = emulator.tesseract();
    let pdf = read(&rendered().one.path().join("lease.pdf"));

    let encrypted = emulator
        .put(
            "encrypted.pdf",
            read(&rendered().two.path().join("lease-encrypted.pdf")),
        )
        .await;
    let (kind, message) = refusal(engine.analyze_document(&encrypted, &[]).await);
    assert_eq!(kind, Refusal::BadDocument);
    assert!(message.contains("encrypted"), "{message}");
    // A job's start refuses it too (before any job exists).
    let (kind, _) = refusal(
        engine
            .start_document_analysis(&encrypted, &[], &emulator.channel, "enc", "enc")
            .await,
    );
    assert_eq!(kind, Refusal::BadDocument);

    let truncated = emulator
        .put("truncated.pdf", pdf[..pdf.len() / 3].to_vec())
        .await;
    let (kind, message) = refusal(engine.analyze_document(&truncated, &[]).await);
    assert_eq!(kind, Refusal::BadDocument);
    assert!(message.contains("unreadable PDF"), "{message}");

    // A PNG whose header is whole and whose pixels are cut off.
    let png = read(&rendered().one.path().join("lease.png"));
    let cut = emulator.put("cut.png", png[..3000].to_vec()).await;
    let (kind, message) = refusal(engine.analyze_document(&cut, &[]).await);
    assert_eq!(kind, Refusal::BadDocument);
    assert!(message.contains("unreadable image"), "{message}");

    // A PNG header claiming 12 000 × 800 px: refused before any pixel is decoded.
    let mut huge = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    huge.extend(12_000u32.to_be_bytes());
    huge.extend(800u32.to_be_bytes());
    huge.extend([8, 0, 0, 0, 0, 0, 0, 0, 0]);
    let huge = emulator.put("huge.png", huge).await;
    let (kind, message) = refusal(engine.analyze_document(&huge, &[]).await);
    assert_eq!(kind, Refusal::TooLarge);
    assert!(message.contains("12000"), "{message}");

    let text = emulator.put("notes.txt", b"/etc/passwd\n".to_vec()).await;
    assert_eq!(
        refusal(engine.analyze_document(&text, &[]).await).0,
        Refusal::Unsupported
    );

    let missing = S3Object {
        bucket: emulator.bucket.clone(),
        key: "no/such/key".into(),
    };
    let (kind, message) = refusal(engine.analyze_document(&missing, &[]).await);
    assert_eq!(kind, Refusal::BadDocument);
    assert!(message.contains("InvalidS3Object"), "{message}");

    // Beyond the engine's page bound.
    let one_page_only = LocalEngine::new(
        emulator.s3.clone(),
        emulator.sns.clone(),
        Tesseract::new(Limits {
            max_pages: 1,
            ..Limits::default()
        }),
    );
    let two = emulator
        .put("two.pdf", read(&rendered().two.path().join("lease.pdf")))
        .await;
    let (kind, message) = refusal(
        one_page_only
            .start_document_analysis(&two, &[], &emulator.channel, "two", "two")
            .await,
    );
    assert_eq!(kind, Refusal::TooLarge);
    assert!(message.contains("2 pages"), "{message}");
}

/// A recordings directory holding `fixture` under the SHA-256 of `file`.
fn recording_of(file: &[u8], fixture: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    let source = PathBuf::from(FIXTURES).join(fixture);
    assert!(source.is_file(), "no fixture {}", source.display());
    std::os::unix::fs::symlink(&source, dir.path().join(recording_name(file))).expect("link");
    dir
}

fn fixture(name: &str) -> AnalysisResponse {
    serde_json::from_slice(&read(&PathBuf::from(FIXTURES).join(name))).expect("fixture")
}

#[tokio::test]
async fn the_recording_engine_answers_a_file_by_its_sha256() {
    let emulator = Emulator::new().await;
    let file = b"%PDF-1.7 a scanned employment application".to_vec();
    let dir = recording_of(&file, "employment-application.json");
    let engine: RecordingEngine = LocalEngine::new(
        emulator.s3.clone(),
        emulator.sns.clone(),
        Recordings::new(dir.path()),
    );
    let object = emulator.put("recorded.pdf", file).await;
    let answer = engine
        .analyze_document(&object, &[])
        .await
        .expect("recorded");
    let expected = fixture("employment-application.json");
    assert_eq!(answer.blocks, expected.blocks);
    assert_eq!(answer.document_metadata, expected.document_metadata);

    // Any other file has no recording: the engine knows no answer.
    let other = emulator
        .put("other.pdf", b"%PDF-1.7 another file".to_vec())
        .await;
    assert!(matches!(
        engine.analyze_document(&other, &[]).await,
        Err(OcrError::Failed(m)) if m.contains("no recording")
    ));
}

#[tokio::test]
async fn the_local_engine_replays_a_recorded_job_page_by_page() {
    let emulator = Emulator::new().await;
    let file = b"%PDF-1.7 a two-page patient form".to_vec();
    let dir = recording_of(&file, "multi-page-forms-samples-2-page.json");
    let engine = LocalEngine::new(
        emulator.s3.clone(),
        emulator.sns.clone(),
        mypages_local::ocr::RecordingsThenTesseract {
            recordings: Some(Recordings::new(dir.path())),
            tesseract: Tesseract::default(),
        },
    )
    .with_max_results(100);
    let object = emulator.put("t/c1/docs/d3/original", file).await;
    let job_id = engine
        .start_document_analysis(&object, &[], &emulator.channel, "token-d3", "d3")
        .await
        .expect("start");
    let completion = emulator.completion().await;
    assert_eq!(completion.job_id, job_id);
    assert_eq!(completion.status, "SUCCEEDED");
    assert_eq!(completion.job_tag.as_deref(), Some("d3"));
    let pages = job_pages(&engine, &job_id).await;
    let expected = fixture("multi-page-forms-samples-2-page.json");
    assert_eq!(pages.len(), expected.blocks.len().div_ceil(100));
    assert_eq!(all_blocks(&pages), expected.blocks);
    assert!(
        pages
            .iter()
            .all(|p| p.document_metadata == expected.document_metadata)
    );
    // The synchronous operation refuses the recorded two pages as Textract would.
    assert_eq!(
        refusal(engine.analyze_document(&object, &[]).await).0,
        Refusal::Unsupported
    );
}

#[tokio::test]
async fn a_recorded_failed_job_fails_with_its_status_message() {
    let emulator = Emulator::new().await;
    let file = b"\x89PNG\r\n\x1a\n a file Textract failed on".to_vec();
    let dir = recording_of(&file, "test-failed-response.json");
    let engine = local_engine(
        emulator.s3.clone(),
        emulator.sns.clone(),
        Some(dir.path().to_owned()),
    );
    let object = emulator.put("failed.png", file).await;
    let job_id = engine
        .start_document_analysis(&object, &[], &emulator.channel, "token-f", "")
        .await
        .expect("start");
    let completion = emulator.completion().await;
    assert_eq!(completion.job_id, job_id);
    assert_eq!(completion.status, "FAILED");
    assert_eq!(completion.job_tag, None);
    let page = engine
        .get_document_analysis(&job_id, None)
        .await
        .expect("get");
    assert_eq!(page.job_status.as_deref(), Some("FAILED"));
    assert_eq!(page.status_message.as_deref(), Some("Dummy Status Message"));
    assert!(page.blocks.is_empty());
}
