//! The OCR pipeline's triggers, locally. In AWS the documents bucket notifies the upload queue
//! (S3 → SQS) and Lambda's event source mapping hands its messages to documents-ocr; Textract
//! publishes job completions to the OCR topic, which invokes documents-ocr-complete (SNS →
//! Lambda). moto runs no Lambda, so:
//! - the emulator's bucket notifies an emulator queue, with a dead-letter queue after
//!   `documents_ocr::MAX_RECEIVES` receives, as in template.yaml;
//! - the emulator's topic delivers to an emulator queue (SNS → SQS; the message body is the
//!   SNS envelope), dead-lettered after three receives (Lambda's asynchronous invocation and its
//!   two retries);
//! - two background tasks poll those queues and invoke the handlers with the events Lambda
//!   would send (`SqsEvent`, `SnsEvent`), deleting only what the handler acknowledged: a
//!   batch item failure, or a completion the handler failed, stays for redelivery.
//!
//! The polls are short (one second apart when a queue is empty), not SQS long polls: the
//! emulator serves one request at a time (infra/moto_server.py), so a long poll would hold
//! every other request up for its duration.

use aws_lambda_events::event::sns::SnsEvent;
use aws_lambda_events::event::sqs::SqsEvent;
use aws_sdk_s3::types::{
    FilterRule, FilterRuleName, NotificationConfiguration, NotificationConfigurationFilter,
    QueueConfiguration, S3KeyFilter,
};
use aws_sdk_sqs::types::{MessageSystemAttributeName, QueueAttributeName};
use lambda_runtime::{Context, LambdaEvent};
use mypages::aws::ocr_pipeline::PipelineDeps;
use serde_json::{Value, json};
use std::collections::HashSet;
use std::time::Duration;

use crate::provision::ProvisionError;

/// Lambda's batch size of the upload queue's event source (template.yaml).
const BATCH_SIZE: i32 = 5;
const POLL_INTERVAL: Duration = Duration::from_secs(1);
/// Locally a failed message comes back sooner than in AWS (360 s there).
const VISIBILITY_TIMEOUT_SECONDS: u32 = 5;
/// Lambda invokes an SNS subscriber once and retries twice.
const COMPLETION_RECEIVES: u32 = 3;

/// The role Textract would publish as. moto checks no roles, and no real Textract runs
/// locally, so a fixed ARN in the emulator's account stands for template.yaml's
/// `TextractPublishRole`.
pub const LOCAL_TEXTRACT_ROLE_ARN: &str =
    "arn:aws:iam::123456789012:role/mypages-local-textract-publish";

/// The queues and topic of the local pipeline.
#[derive(Debug, Clone)]
pub struct OcrChannels {
    pub upload_queue_url: String,
    pub upload_queue_arn: String,
    pub completion_topic_arn: String,
    pub completion_queue_url: String,
    pub completion_queue_arn: String,
}

fn emulator(e: impl std::fmt::Display) -> ProvisionError {
    ProvisionError::Emulator(e.to_string())
}

/// Creates (or finds) a queue with a dead-letter queue after `max_receives`; its URL and ARN.
pub(crate) async fn ensure_queue(
    sqs: &aws_sdk_sqs::Client,
    name: &str,
    max_receives: u32,
) -> Result<(String, String), ProvisionError> {
    let dead = format!("{name}-dlq");
    let dead_url = sqs
        .create_queue()
        .queue_name(&dead)
        .send()
        .await
        .map_err(|e| emulator(aws_sdk_sqs::error::DisplayErrorContext(e)))?
        .queue_url
        .unwrap_or_default();
    let dead_arn = queue_arn(sqs, &dead_url).await?;
    let redrive = json!({"deadLetterTargetArn": dead_arn, "maxReceiveCount": max_receives});
    let url = sqs
        .create_queue()
        .queue_name(name)
        .attributes(
            QueueAttributeName::VisibilityTimeout,
            VISIBILITY_TIMEOUT_SECONDS.to_string(),
        )
        .attributes(QueueAttributeName::RedrivePolicy, redrive.to_string())
        .send()
        .await
        .map_err(|e| emulator(aws_sdk_sqs::error::DisplayErrorContext(e)))?
        .queue_url
        .unwrap_or_default();
    let arn = queue_arn(sqs, &url).await?;
    Ok((url, arn))
}

async fn queue_arn(sqs: &aws_sdk_sqs::Client, url: &str) -> Result<String, ProvisionError> {
    sqs.get_queue_attributes()
        .queue_url(url)
        .attribute_names(QueueAttributeName::QueueArn)
        .send()
        .await
        .map_err(|e| emulator(aws_sdk_sqs::error::DisplayErrorContext(e)))?
        .attributes
        .and_then(|a| a.get(&QueueAttributeName::QueueArn).cloned())
        .ok_or_else(|| emulator(format!("queue {url} has no ARN")))
}

/// The upload queue with the bucket's notification, and the completion topic with its queue.
pub async fn ensure_ocr_channels(
    sdk: &aws_config::SdkConfig,
    documents_bucket: &str,
) -> Result<OcrChannels, ProvisionError> {
    let sqs = aws_sdk_sqs::Client::new(sdk);
    let (upload_queue_url, upload_queue_arn) = ensure_queue(
        &sqs,
        "mypages-local-documents-upload",
        documents_ocr::MAX_RECEIVES,
    )
    .await?;
    // template.yaml DocumentsBucket's NotificationConfiguration.
    let rule =
        |name: FilterRuleName, value: &str| FilterRule::builder().name(name).value(value).build();
    mypages::aws::s3_client(sdk)
        .put_bucket_notification_configuration()
        .bucket(documents_bucket)
        .notification_configuration(
            NotificationConfiguration::builder()
                .queue_configurations(
                    QueueConfiguration::builder()
                        .id("documents-upload")
                        .queue_arn(&upload_queue_arn)
                        .events(aws_sdk_s3::types::Event::from("s3:ObjectCreated:*"))
                        .filter(
                            NotificationConfigurationFilter::builder()
                                .key(
                                    S3KeyFilter::builder()
                                        .filter_rules(rule(FilterRuleName::Prefix, "t/"))
                                        .filter_rules(rule(FilterRuleName::Suffix, "/original"))
                                        .build(),
                                )
                                .build(),
                        )
                        .build()
                        .map_err(emulator)?,
                )
                .build(),
        )
        .send()
        .await
        .map_err(|e| emulator(aws_sdk_s3::error::DisplayErrorContext(e)))?;

    let sns = aws_sdk_sns::Client::new(sdk);
    let completion_topic_arn = sns
        .create_topic()
        .name("mypages-local-ocr-completions")
        .send()
        .await
        .map_err(|e| emulator(aws_sdk_sns::error::DisplayErrorContext(e)))?
        .topic_arn
        .unwrap_or_default();
    let (completion_queue_url, completion_queue_arn) =
        ensure_queue(&sqs, "mypages-local-ocr-completions", COMPLETION_RECEIVES).await?;
    // Subscribing again to the same endpoint returns the existing subscription.
    sns.subscribe()
        .topic_arn(&completion_topic_arn)
        .protocol("sqs")
        .endpoint(&completion_queue_arn)
        .send()
        .await
        .map_err(|e| emulator(aws_sdk_sns::error::DisplayErrorContext(e)))?;
    Ok(OcrChannels {
        upload_queue_url,
        upload_queue_arn,
        completion_topic_arn,
        completion_queue_url,
        completion_queue_arn,
    })
}

/// Starts both relays; they run until the process ends.
pub fn spawn_ocr_relays(
    sdk: &aws_config::SdkConfig,
    channels: OcrChannels,
    deps: PipelineDeps,
) -> Vec<tokio::task::JoinHandle<()>> {
    let sqs = aws_sdk_sqs::Client::new(sdk);
    let region = sdk.region().map_or("eu-north-1", |r| r.as_ref()).to_owned();
    let uploads = Relay {
        sqs: sqs.clone(),
        queue_url: channels.upload_queue_url.clone(),
        queue_arn: channels.upload_queue_arn.clone(),
        region: region.clone(),
        deps: deps.clone(),
    };
    let completions = Relay {
        sqs,
        queue_url: channels.completion_queue_url.clone(),
        queue_arn: channels.completion_queue_arn.clone(),
        region,
        deps,
    };
    vec![
        tokio::spawn(async move { uploads.run(Relay::upload_batch).await }),
        tokio::spawn(async move { completions.run(Relay::completion_batch).await }),
    ]
}

#[derive(Clone)]
struct Relay {
    sqs: aws_sdk_sqs::Client,
    queue_url: String,
    queue_arn: String,
    region: String,
    deps: PipelineDeps,
}

type Batch = Vec<aws_sdk_sqs::types::Message>;

impl Relay {
    async fn run<F, Fut>(self, handle: F)
    where
        F: Fn(Relay, Batch) -> Fut,
        Fut: std::future::Future<Output = Vec<String>>,
    {
        loop {
            match self.receive().await {
                Ok(batch) if batch.is_empty() => tokio::time::sleep(POLL_INTERVAL).await,
                Ok(batch) => {
                    let done = handle(self.clone(), batch).await;
                    self.delete(&done).await;
                }
                Err(error) => {
                    tracing::warn!(queue = %self.queue_url, %error, "OCR relay: will retry");
                    tokio::time::sleep(POLL_INTERVAL).await;
                }
            }
        }
    }

    async fn receive(&self) -> Result<Batch, String> {
        let out = self
            .sqs
            .receive_message()
            .queue_url(&self.queue_url)
            .max_number_of_messages(BATCH_SIZE)
            .message_system_attribute_names(MessageSystemAttributeName::All)
            .wait_time_seconds(0)
            .send()
            .await
            .map_err(|e| aws_sdk_sqs::error::DisplayErrorContext(e).to_string())?;
        Ok(out.messages.unwrap_or_default())
    }

    async fn delete(&self, receipt_handles: &[String]) {
        for handle in receipt_handles {
            if let Err(error) = self
                .sqs
                .delete_message()
                .queue_url(&self.queue_url)
                .receipt_handle(handle)
                .send()
                .await
            {
                tracing::warn!(%error, "OCR relay: a handled message was not deleted");
            }
        }
    }

    /// The batch as Lambda's SQS event source sends it.
    fn sqs_event(&self, batch: &Batch) -> Result<SqsEvent, serde_json::Error> {
        sqs_event(batch, &self.queue_arn, &self.region)
    }

    /// Invokes documents-ocr; the receipt handles of the messages it acknowledged.
    async fn upload_batch(self, batch: Batch) -> Vec<String> {
        let event = match self.sqs_event(&batch) {
            Ok(event) => event,
            Err(error) => {
                tracing::error!(%error, "OCR relay: the batch does not make an SQS event");
                return Vec::new();
            }
        };
        match documents_ocr::handler(&self.deps, LambdaEvent::new(event, Context::default())).await
        {
            Ok(response) => acknowledged(&batch, &response),
            // The whole batch failed: every message comes back.
            Err(error) => {
                tracing::warn!(%error, "documents-ocr failed the whole batch");
                Vec::new()
            }
        }
    }

    /// Invokes documents-ocr-complete once per message, as SNS invokes Lambda per message.
    async fn completion_batch(self, batch: Batch) -> Vec<String> {
        let mut done = Vec::new();
        for message in &batch {
            let Some(receipt) = message.receipt_handle() else {
                continue;
            };
            let event = match sns_event(message.body().unwrap_or_default(), &self.queue_arn) {
                Ok(event) => event,
                Err(error) => {
                    // Not an SNS envelope: Lambda would never have been invoked with it.
                    tracing::error!(%error, "OCR relay: a completion message that is no SNS envelope");
                    done.push(receipt.to_owned());
                    continue;
                }
            };
            match documents_ocr_complete::handler(
                &self.deps,
                LambdaEvent::new(event, Context::default()),
            )
            .await
            {
                Ok(()) => done.push(receipt.to_owned()),
                Err(error) => {
                    tracing::warn!(%error, "documents-ocr-complete failed; it will be retried")
                }
            }
        }
        done
    }
}

/// Messages received from a queue as Lambda's SQS event source hands them to a function.
/// The receipt handles of the messages an SQS-triggered handler acknowledged: every message of
/// the batch but those it reported in `batchItemFailures` (those come back, as in Lambda).
pub(crate) fn acknowledged(
    batch: &[aws_sdk_sqs::types::Message],
    response: &aws_lambda_events::event::sqs::SqsBatchResponse,
) -> Vec<String> {
    let failed: HashSet<&str> = response
        .batch_item_failures
        .iter()
        .map(|f| f.item_identifier.as_str())
        .collect();
    batch
        .iter()
        .filter(|m| !failed.contains(m.message_id().unwrap_or_default()))
        .filter_map(|m| m.receipt_handle().map(str::to_owned))
        .collect()
}

pub fn sqs_event(
    batch: &[aws_sdk_sqs::types::Message],
    queue_arn: &str,
    region: &str,
) -> Result<SqsEvent, serde_json::Error> {
    let records: Vec<Value> = batch
        .iter()
        .map(|m| {
            let attributes: serde_json::Map<String, Value> = m
                .attributes()
                .map(|a| {
                    a.iter()
                        .map(|(k, v)| (k.as_str().to_owned(), Value::String(v.clone())))
                        .collect()
                })
                .unwrap_or_default();
            json!({
                "messageId": m.message_id(),
                "receiptHandle": m.receipt_handle(),
                "body": m.body(),
                "attributes": attributes,
                "messageAttributes": {},
                "md5OfBody": m.md5_of_body(),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": region,
            })
        })
        .collect();
    serde_json::from_value(json!({ "Records": records }))
}

/// The SNS → Lambda event of an SNS envelope delivered to SQS.
pub fn sns_event(envelope: &str, subscription: &str) -> Result<SnsEvent, serde_json::Error> {
    let sns: Value = serde_json::from_str(envelope)?;
    serde_json::from_value(json!({
        "Records": [{
            "EventSource": "aws:sns",
            "EventVersion": "1.0",
            "EventSubscriptionArn": subscription,
            "Sns": sns,
        }]
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_sns_envelope_becomes_the_lambda_event() {
        let envelope = json!({
            "Type": "Notification",
            "MessageId": "m-1",
            "TopicArn": "arn:aws:sns:eu-north-1:123456789012:t",
            "Message": "{\"JobId\":\"j\"}",
            "Timestamp": "2026-11-28T12:00:00.000Z",
            "SignatureVersion": "1",
            "Signature": "EXAMPLE",
            "SigningCertURL": "https://sns.eu-north-1.amazonaws.com/cert.pem",
            "UnsubscribeURL": "https://sns.eu-north-1.amazonaws.com/?Action=Unsubscribe",
        });
        let event = sns_event(&envelope.to_string(), "arn:sub").expect("an SNS event");
        assert_eq!(event.records[0].sns.message, "{\"JobId\":\"j\"}");
        assert_eq!(event.records[0].sns.message_id, "m-1");
    }
}
