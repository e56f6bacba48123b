//! The reports queue, locally. In AWS `reports-create` sends a large report to the reports
//! queue and Lambda's event source mapping hands each message to `reports-generate`. moto runs
//! no Lambda, so the emulator's queue (with its dead-letter queue after the template's
//! `maxReceiveCount`) is polled by a background task that invokes `reports-generate` with the
//! event Lambda would send, deleting only what the handler acknowledged: a batch item failure
//! stays for redelivery.
//!
//! The reports bucket is the template's `ReportsBucket`: versioned, made once and found again
//! on later starts (moto does not encrypt; the lifecycle rules are AWS's to run).

use lambda_runtime::{Context, LambdaEvent};
use mypages::aws::reports::ReportWorkerDeps;
use std::time::Duration;

use crate::ocr_relay::{acknowledged, ensure_queue, sqs_event};
use crate::provision::ProvisionError;
use crate::template::Template;

const POLL_INTERVAL: Duration = Duration::from_secs(1);
/// Lambda's batch size of the reports queue's event source (template.yaml).
const BATCH_SIZE: i32 = 1;

/// The local queue's name.
pub const LOCAL_REPORTS_QUEUE: &str = "mypages-local-reports";

/// The reports queue as the local stack made it.
#[derive(Debug, Clone)]
pub struct ReportsQueue {
    pub url: String,
    pub arn: String,
    /// The template's `maxReceiveCount`: also what `reports-generate` counts to.
    pub max_receives: u32,
}

fn shape(message: impl Into<String>) -> ProvisionError {
    ProvisionError::Emulator(message.into())
}

/// The template's `ReportsQueue` redrive count.
pub fn template_max_receives(template: &Template) -> Result<u32, ProvisionError> {
    let properties = template
        .properties("ReportsQueue", "AWS::SQS::Queue")
        .map_err(|e| shape(e.to_string()))?;
    properties
        .get("RedrivePolicy")
        .and_then(|p| p.get("maxReceiveCount"))
        .and_then(serde_yaml::Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| shape("ReportsQueue has no RedrivePolicy.maxReceiveCount"))
}

/// The reports bucket (versioned, like the template's) and the queue with its dead-letter
/// queue after the template's `maxReceiveCount`.
pub async fn ensure_reports(
    sdk: &aws_config::SdkConfig,
    template: &Template,
    bucket: &str,
) -> Result<ReportsQueue, ProvisionError> {
    template
        .properties("ReportsBucket", "AWS::S3::Bucket")
        .map_err(|e| shape(e.to_string()))?;
    crate::documents::ensure_versioned_bucket(sdk, bucket).await?;
    let max_receives = template_max_receives(template)?;
    let sqs = aws_sdk_sqs::Client::new(sdk);
    let (url, arn) = ensure_queue(&sqs, LOCAL_REPORTS_QUEUE, max_receives).await?;
    Ok(ReportsQueue {
        url,
        arn,
        max_receives,
    })
}

/// Starts the relay; it runs until the process ends.
pub fn spawn_reports_relay(
    sdk: &aws_config::SdkConfig,
    queue: ReportsQueue,
    deps: ReportWorkerDeps,
) -> tokio::task::JoinHandle<()> {
    let relay = Relay {
        sqs: aws_sdk_sqs::Client::new(sdk),
        region: sdk.region().map_or("eu-north-1", |r| r.as_ref()).to_owned(),
        queue,
        deps,
    };
    tokio::spawn(async move { relay.run().await })
}

struct Relay {
    sqs: aws_sdk_sqs::Client,
    region: String,
    queue: ReportsQueue,
    deps: ReportWorkerDeps,
}

impl Relay {
    async fn run(self) {
        loop {
            match self.receive().await {
                Ok(batch) if batch.is_empty() => tokio::time::sleep(POLL_INTERVAL).await,
                Ok(batch) => {
                    let done = self.invoke(&batch).await;
                    self.delete(&done).await;
                }
                Err(error) => {
                    tracing::warn!(%error, "reports relay: will retry");
                    tokio::time::sleep(POLL_INTERVAL).await;
                }
            }
        }
    }

    async fn receive(&self) -> Result<Vec<aws_sdk_sqs::types::Message>, String> {
        let out = self
            .sqs
            .receive_message()
            .queue_url(&self.queue.url)
            .max_number_of_messages(BATCH_SIZE)
            .message_system_attribute_names(aws_sdk_sqs::types::MessageSystemAttributeName::All)
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
                .queue_url(&self.queue.url)
                .receipt_handle(handle)
                .send()
                .await
            {
                tracing::warn!(%error, "reports relay: a handled message was not deleted");
            }
        }
    }

    /// Invokes reports-generate; the receipt handles of the messages it acknowledged.
    async fn invoke(&self, batch: &[aws_sdk_sqs::types::Message]) -> Vec<String> {
        let event = match sqs_event(batch, &self.queue.arn, &self.region) {
            Ok(event) => event,
            Err(error) => {
                tracing::error!(%error, "reports relay: the batch does not make an SQS event");
                return Vec::new();
            }
        };
        match reports_generate::handler(&self.deps, LambdaEvent::new(event, Context::default()))
            .await
        {
            Ok(response) => acknowledged(batch, &response),
            Err(error) => {
                tracing::warn!(%error, "reports-generate failed the whole batch");
                Vec::new()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The local queue dead-letters after the receives the worker counts to by default.
    #[test]
    fn the_templates_redrive_is_the_workers() {
        let template = Template::load(&std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../template.yaml"
        )))
        .expect("template");
        assert_eq!(
            template_max_receives(&template).expect("a redrive count"),
            mypages::config::DEFAULT_REPORTS_MAX_RECEIVES
        );
    }
}
