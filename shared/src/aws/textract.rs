//! The real OCR engine: Amazon Textract in its configured region (`TEXTRACT_REGION`). Every
//! analysis asks for FORMS, TABLES and QUERIES; the SDK's answers are turned into the domain's
//! block shape ([`AnalysisResponse`]), the one every engine answers in.

use aws_sdk_textract as textract;
use textract::config::http::HttpResponse;
use textract::error::{ProvideErrorMetadata, SdkError};
use textract::types::{
    DocumentLocation, FeatureType, NotificationChannel, QueriesConfig, Query as SdkQuery,
};

use super::ocr::{CompletionChannel, OcrEngine, OcrError, OcrQuery, Refusal, S3Object};
use crate::domain::ocr::blocks::{
    AnalysisResponse, Block, BlockType, BoundingBox, DocumentMetadata, Geometry, Point, Query,
    Relationship, Warning,
};

#[derive(Debug, Clone)]
pub struct Textract {
    client: textract::Client,
}

/// Textract is the engine built on first use ([`super::LazyClient`]).
impl super::sdk::SdkClient for super::ocr::SharedOcrEngine {
    fn from_sdk(sdk: &aws_types::SdkConfig) -> Self {
        std::sync::Arc::new(Textract::new(textract::Client::from_sdk(sdk)))
    }
}

impl Textract {
    pub fn new(client: textract::Client) -> Textract {
        Textract { client }
    }
}

/// Forms (key-values), tables and the lease queries: what the parser reads.
const FEATURES: [FeatureType; 3] = [
    FeatureType::Forms,
    FeatureType::Tables,
    FeatureType::Queries,
];

fn sdk_object(document: &S3Object) -> textract::types::S3Object {
    textract::types::S3Object::builder()
        .bucket(&document.bucket)
        .name(&document.key)
        .build()
}

fn queries_config(queries: &[OcrQuery]) -> Result<QueriesConfig, OcrError> {
    let mut config = QueriesConfig::builder();
    for query in queries {
        config = config.queries(
            SdkQuery::builder()
                .text(&query.text)
                .alias(&query.alias)
                // Textract asks a query of page 1 only unless told otherwise: a lease's rent
                // or end date is often further in.
                .pages("*")
                .build()
                .map_err(|e| OcrError::Failed(e.to_string()))?,
        );
    }
    config.build().map_err(|e| OcrError::Failed(e.to_string()))
}

/// Textract's exceptions by what the pipeline does about them. The service's error code is
/// the same for all three operations, so one mapping serves them.
fn ocr_error<E>(error: SdkError<E, HttpResponse>) -> OcrError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    let message = format!("{}", textract::error::DisplayErrorContext(&error));
    let code = match &error {
        // A 5xx without a code of Textract's (a gateway in between): the service side failed.
        SdkError::ServiceError(service)
            if service.err().code().is_none() && service.raw().status().is_server_error() =>
        {
            return OcrError::Unavailable(message);
        }
        SdkError::ServiceError(service) => service.err().code().map(str::to_owned),
        // No answer, or an answer cut short: the service may well answer the next time.
        SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) | SdkError::ResponseError(_) => {
            return OcrError::Unavailable(message);
        }
        _ => return OcrError::Failed(message),
    };
    match code.as_deref() {
        Some("UnsupportedDocumentException") => OcrError::Refused {
            kind: Refusal::Unsupported,
            message,
        },
        Some("BadDocumentException") => OcrError::Refused {
            kind: Refusal::BadDocument,
            message,
        },
        Some("DocumentTooLargeException") => OcrError::Refused {
            kind: Refusal::TooLarge,
            message,
        },
        // Textract cannot read the object. The pipeline hands it an object it has just headed
        // (and copied, in the staging case), so what is left is an object Textract itself
        // cannot open (a KMS key it may not use, a corrupt object): retrying the same
        // object cannot help.
        Some("InvalidS3ObjectException") => OcrError::Refused {
            kind: Refusal::BadDocument,
            message,
        },
        Some(
            "ProvisionedThroughputExceededException"
            | "ThrottlingException"
            | "InternalServerError"
            | "LimitExceededException",
        ) => OcrError::Unavailable(message),
        _ => OcrError::Failed(message),
    }
}

fn count(value: Option<i32>) -> Option<u32> {
    value.and_then(|v| u32::try_from(v).ok())
}

/// One SDK block in the domain's shape: every field the domain keeps.
pub fn block_from_sdk(block: &textract::types::Block) -> Block {
    Block {
        block_type: block
            .block_type()
            .map_or(BlockType::Unknown, |t| block_type(t.as_str())),
        id: block.id().unwrap_or_default().to_owned(),
        confidence: block.confidence(),
        text: block.text().map(str::to_owned),
        text_type: block.text_type().map(|t| t.as_str().to_owned()),
        row_index: count(block.row_index()),
        column_index: count(block.column_index()),
        row_span: count(block.row_span()),
        column_span: count(block.column_span()),
        geometry: block.geometry().map(geometry),
        relationships: block
            .relationships()
            .iter()
            .map(|r| Relationship {
                kind: r
                    .r#type()
                    .map(|t| t.as_str().to_owned())
                    .unwrap_or_default(),
                ids: r.ids().to_vec(),
            })
            .collect(),
        entity_types: block
            .entity_types()
            .iter()
            .map(|t| t.as_str().to_owned())
            .collect(),
        selection_status: block.selection_status().map(|s| s.as_str().to_owned()),
        page: count(block.page()),
        query: block.query().map(|q| Query {
            text: q.text().to_owned(),
            alias: q.alias().map(str::to_owned),
            pages: q.pages().to_vec(),
        }),
    }
}

/// The wire name (`KEY_VALUE_SET`) read as the JSON is read, so both agree on unknown types.
fn block_type(name: &str) -> BlockType {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).unwrap_or(BlockType::Unknown)
}

fn geometry(geometry: &textract::types::Geometry) -> Geometry {
    Geometry {
        bounding_box: geometry.bounding_box().map(|b| BoundingBox {
            width: b.width(),
            height: b.height(),
            left: b.left(),
            top: b.top(),
        }),
        polygon: geometry
            .polygon()
            .iter()
            .map(|p| Point { x: p.x(), y: p.y() })
            .collect(),
    }
}

fn metadata(metadata: Option<&textract::types::DocumentMetadata>) -> Option<DocumentMetadata> {
    metadata.map(|m| DocumentMetadata {
        pages: count(m.pages()).unwrap_or(0),
    })
}

fn warnings(warnings: &[textract::types::Warning]) -> Vec<Warning> {
    warnings
        .iter()
        .map(|w| Warning {
            error_code: w.error_code().map(str::to_owned),
            pages: w
                .pages()
                .iter()
                .filter_map(|p| u32::try_from(*p).ok())
                .collect(),
        })
        .collect()
}

/// `AnalyzeDocument`'s answer in the domain's shape.
pub fn analyze_response(
    output: &textract::operation::analyze_document::AnalyzeDocumentOutput,
) -> AnalysisResponse {
    AnalysisResponse {
        document_metadata: metadata(output.document_metadata()),
        blocks: output.blocks().iter().map(block_from_sdk).collect(),
        ..AnalysisResponse::default()
    }
}

/// One page of `GetDocumentAnalysis` in the domain's shape.
pub fn job_response(
    output: &textract::operation::get_document_analysis::GetDocumentAnalysisOutput,
) -> AnalysisResponse {
    AnalysisResponse {
        document_metadata: metadata(output.document_metadata()),
        blocks: output.blocks().iter().map(block_from_sdk).collect(),
        job_status: output.job_status().map(|s| s.as_str().to_owned()),
        next_token: output.next_token().map(str::to_owned),
        status_message: output.status_message().map(str::to_owned),
        warnings: warnings(output.warnings()),
    }
}

#[async_trait::async_trait]
impl OcrEngine for Textract {
    async fn analyze_document(
        &self,
        document: &S3Object,
        queries: &[OcrQuery],
    ) -> Result<AnalysisResponse, OcrError> {
        let output = self
            .client
            .analyze_document()
            .document(
                textract::types::Document::builder()
                    .s3_object(sdk_object(document))
                    .build(),
            )
            .set_feature_types(Some(FEATURES.to_vec()))
            .queries_config(queries_config(queries)?)
            .send()
            .await
            .map_err(ocr_error)?;
        Ok(analyze_response(&output))
    }

    async fn start_document_analysis(
        &self,
        document: &S3Object,
        queries: &[OcrQuery],
        channel: &CompletionChannel,
        request_token: &str,
        job_tag: &str,
    ) -> Result<String, OcrError> {
        let output = self
            .client
            .start_document_analysis()
            .document_location(
                DocumentLocation::builder()
                    .s3_object(sdk_object(document))
                    .build(),
            )
            .set_feature_types(Some(FEATURES.to_vec()))
            .queries_config(queries_config(queries)?)
            .notification_channel(
                NotificationChannel::builder()
                    .sns_topic_arn(&channel.topic_arn)
                    .role_arn(&channel.role_arn)
                    .build()
                    .map_err(|e| OcrError::Failed(e.to_string()))?,
            )
            .client_request_token(request_token)
            .job_tag(job_tag)
            .send()
            .await
            .map_err(ocr_error)?;
        output
            .job_id()
            .map(str::to_owned)
            .ok_or_else(|| OcrError::Failed("StartDocumentAnalysis returned no JobId".into()))
    }

    async fn get_document_analysis(
        &self,
        job_id: &str,
        next_token: Option<&str>,
    ) -> Result<AnalysisResponse, OcrError> {
        let output = self
            .client
            .get_document_analysis()
            .job_id(job_id)
            .set_next_token(next_token.map(str::to_owned))
            .send()
            .await
            .map_err(ocr_error)?;
        Ok(job_response(&output))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use textract::types::{
        BlockType as SdkBlockType, EntityType, JobStatus, RelationshipType, SelectionStatus,
        TextType,
    };

    #[test]
    fn every_field_of_a_block_is_converted() {
        let sdk = textract::types::Block::builder()
            .block_type(SdkBlockType::KeyValueSet)
            .id("b-1")
            .confidence(97.5)
            .text("Rent")
            .text_type(TextType::Handwriting)
            .row_index(2)
            .column_index(3)
            .row_span(1)
            .column_span(4)
            .geometry(
                textract::types::Geometry::builder()
                    .bounding_box(
                        textract::types::BoundingBox::builder()
                            .width(0.5)
                            .height(0.25)
                            .left(0.1)
                            .top(0.2)
                            .build(),
                    )
                    .polygon(textract::types::Point::builder().x(0.1).y(0.2).build())
                    .polygon(textract::types::Point::builder().x(0.6).y(0.2).build())
                    .build(),
            )
            .relationships(
                textract::types::Relationship::builder()
                    .r#type(RelationshipType::Value)
                    .ids("b-2")
                    .ids("b-3")
                    .build(),
            )
            .entity_types(EntityType::Key)
            .selection_status(SelectionStatus::Selected)
            .page(2)
            .query(
                textract::types::Query::builder()
                    .text("What is the rent?")
                    .alias("RENT")
                    .pages("1")
                    .build()
                    .expect("query"),
            )
            .build();
        let expected = Block {
            block_type: BlockType::KeyValueSet,
            id: "b-1".into(),
            confidence: Some(97.5),
            text: Some("Rent".into()),
            text_type: Some("HANDWRITING".into()),
            row_index: Some(2),
            column_index: Some(3),
            row_span: Some(1),
            column_span: Some(4),
            geometry: Some(Geometry {
                bounding_box: Some(BoundingBox {
                    width: 0.5,
                    height: 0.25,
                    left: 0.1,
                    top: 0.2,
                }),
                polygon: vec![Point { x: 0.1, y: 0.2 }, Point { x: 0.6, y: 0.2 }],
            }),
            relationships: vec![Relationship {
                kind: "VALUE".into(),
                ids: vec!["b-2".into(), "b-3".into()],
            }],
            entity_types: vec!["KEY".into()],
            selection_status: Some("SELECTED".into()),
            page: Some(2),
            query: Some(Query {
                text: "What is the rent?".into(),
                alias: Some("RENT".into()),
                pages: vec!["1".into()],
            }),
        };
        assert_eq!(block_from_sdk(&sdk), expected);
    }

    #[test]
    fn block_types_match_the_json_names_and_unknown_ones_are_kept_as_unknown() {
        for (sdk, domain) in [
            (SdkBlockType::Page, BlockType::Page),
            (SdkBlockType::Line, BlockType::Line),
            (SdkBlockType::Word, BlockType::Word),
            (SdkBlockType::KeyValueSet, BlockType::KeyValueSet),
            (SdkBlockType::Table, BlockType::Table),
            (SdkBlockType::Cell, BlockType::Cell),
            (SdkBlockType::MergedCell, BlockType::MergedCell),
            (SdkBlockType::SelectionElement, BlockType::SelectionElement),
            (SdkBlockType::Query, BlockType::Query),
            (SdkBlockType::QueryResult, BlockType::QueryResult),
            (SdkBlockType::Signature, BlockType::Signature),
            (SdkBlockType::TableTitle, BlockType::TableTitle),
            (SdkBlockType::TableFooter, BlockType::TableFooter),
            (SdkBlockType::Title, BlockType::Title),
            (SdkBlockType::LayoutText, BlockType::Unknown),
        ] {
            let block = textract::types::Block::builder()
                .block_type(sdk.clone())
                .id("x")
                .build();
            assert_eq!(block_from_sdk(&block).block_type, domain, "{sdk:?}");
        }
    }

    #[test]
    fn a_block_without_optional_fields_converts_to_the_json_of_the_same_block() {
        let sdk = textract::types::Block::builder()
            .block_type(SdkBlockType::Word)
            .id("w")
            .row_index(-1)
            .build();
        let from_json: Block =
            serde_json::from_str(r#"{"BlockType":"WORD","Id":"w"}"#).expect("json");
        assert_eq!(block_from_sdk(&sdk), from_json);
    }

    #[test]
    fn a_job_page_keeps_status_token_message_warnings_and_page_count() {
        let output =
            textract::operation::get_document_analysis::GetDocumentAnalysisOutput::builder()
                .document_metadata(
                    textract::types::DocumentMetadata::builder()
                        .pages(3)
                        .build(),
                )
                .job_status(JobStatus::PartialSuccess)
                .next_token("t-2")
                .status_message("some pages failed")
                .warnings(
                    textract::types::Warning::builder()
                        .error_code("BAD_PAGE")
                        .pages(2)
                        .build(),
                )
                .blocks(
                    textract::types::Block::builder()
                        .block_type(SdkBlockType::Page)
                        .id("p")
                        .page(1)
                        .build(),
                )
                .build();
        let response = job_response(&output);
        assert_eq!(
            response.document_metadata,
            Some(DocumentMetadata { pages: 3 })
        );
        assert_eq!(response.job_status.as_deref(), Some("PARTIAL_SUCCESS"));
        assert_eq!(response.next_token.as_deref(), Some("t-2"));
        assert_eq!(
            response.status_message.as_deref(),
            Some("some pages failed")
        );
        assert_eq!(
            response.warnings,
            [Warning {
                error_code: Some("BAD_PAGE".into()),
                pages: vec![2]
            }]
        );
        assert_eq!(response.blocks.len(), 1);
    }

    #[test]
    fn queries_become_the_queries_config() {
        let config = queries_config(&[OcrQuery {
            text: "What is the rent?".into(),
            alias: "RENT".into(),
        }])
        .expect("config");
        assert_eq!(config.queries().len(), 1);
        assert_eq!(config.queries()[0].text(), "What is the rent?");
        assert_eq!(config.queries()[0].alias(), Some("RENT"));
        assert_eq!(
            config.queries()[0].pages(),
            ["*"],
            "every page, not page 1 only"
        );
    }

    fn answered(code: Option<&str>, status: u16) -> OcrError {
        use aws_smithy_runtime_api::http::{Response, StatusCode};
        use aws_smithy_types::body::SdkBody;
        use textract::error::ErrorMetadata;
        let mut metadata = ErrorMetadata::builder().message("m");
        if let Some(code) = code {
            metadata = metadata.code(code);
        }
        let error =
            textract::operation::analyze_document::AnalyzeDocumentError::generic(metadata.build());
        let raw = Response::new(
            StatusCode::try_from(status).expect("status"),
            SdkBody::empty(),
        );
        ocr_error(SdkError::service_error(error, raw))
    }

    fn service_error(code: &str) -> OcrError {
        answered(Some(code), 400)
    }

    #[test]
    fn textract_errors_map_to_refused_unavailable_or_failed() {
        let refused = |code| match service_error(code) {
            OcrError::Refused { kind, .. } => Some(kind),
            _ => None,
        };
        assert_eq!(
            refused("UnsupportedDocumentException"),
            Some(Refusal::Unsupported)
        );
        assert_eq!(refused("BadDocumentException"), Some(Refusal::BadDocument));
        assert_eq!(
            refused("DocumentTooLargeException"),
            Some(Refusal::TooLarge)
        );
        assert_eq!(
            refused("InvalidS3ObjectException"),
            Some(Refusal::BadDocument)
        );
        for code in [
            "ProvisionedThroughputExceededException",
            "ThrottlingException",
            "InternalServerError",
        ] {
            assert!(
                matches!(service_error(code), OcrError::Unavailable(_)),
                "{code}"
            );
        }
        for code in [
            "InvalidJobIdException",
            "AccessDeniedException",
            "InvalidParameterException",
        ] {
            assert!(matches!(service_error(code), OcrError::Failed(_)), "{code}");
        }
        let timeout: SdkError<
            textract::operation::analyze_document::AnalyzeDocumentError,
            HttpResponse,
        > = SdkError::timeout_error("slow");
        assert!(matches!(ocr_error(timeout), OcrError::Unavailable(_)));
        // A bare 5xx (no Textract error code) is the service side; a bare 4xx is ours.
        assert!(matches!(answered(None, 502), OcrError::Unavailable(_)));
        assert!(matches!(answered(None, 403), OcrError::Failed(_)));
    }
}
