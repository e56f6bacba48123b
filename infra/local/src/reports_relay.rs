//! The worker queues, locally: reports (`reports-create` → `reports-generate`) and exports
//! (`company-exports-create` → `company-export-build`). In AWS Lambda's event source mapping
//! hands each message to the worker. moto runs
//! no Lambda, so the emulator's queue (with its dead-letter queue after the template's
//! `maxReceiveCount`) is polled by a background task that invokes `reports-generate` with the
//! event Lambda would send, deleting only what the handler acknowledged: a batch item failure
//! stays for redelivery.
//!
//! The reports bucket is the template's `ReportsBucket`: versioned, made once and found again
//! on later starts (moto does not encrypt; the lifecycle rules are AWS's to run).

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use lambda_runtime::{Context, LambdaEvent};
use mypages::aws::exports::ExportWorkerDeps;
use mypages::aws::reports::ReportWorkerDeps;
use std::sync::Arc;
use std::time::Duration;

use crate::ocr_relay::{acknowledged, ensure_queue, sqs_event};
use crate::provision::ProvisionError;
use crate::template::Template;

const POLL_INTERVAL: Duration = Duration::from_secs(1);
/// Lambda's batch size of the reports and exports queues' event sources (template.yaml).
const BATCH_SIZE: i32 = 1;

/// The local queues' names.
pub const LOCAL_REPORTS_QUEUE: &str = "mypages-local-reports";
pub const LOCAL_EXPORTS_QUEUE: &str = "mypages-local-exports";

/// A worker queue as the local stack made it.
#[derive(Debug, Clone)]
pub struct WorkerQueue {
    pub url: String,
    pub arn: String,
    /// The template's `maxReceiveCount`: also what the worker counts to.
    pub max_receives: u32,
}

/// The reports queue (the name the rest of the stack knows it by).
pub type ReportsQueue = WorkerQueue;

fn shape(message: impl Into<String>) -> ProvisionError {
    ProvisionError::Emulator(message.into())
}

/// The redrive count of the template's queue `logical_id`.
pub fn queue_max_receives(template: &Template, logical_id: &str) -> Result<u32, ProvisionError> {
    let properties = template
        .properties(logical_id, "AWS::SQS::Queue")
        .map_err(|e| shape(e.to_string()))?;
    properties
        .get("RedrivePolicy")
        .and_then(|p| p.get("maxReceiveCount"))
        .and_then(serde_yaml::Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| shape(format!("{logical_id} has no RedrivePolicy.maxReceiveCount")))
}

/// The template's `ReportsQueue` redrive count.
pub fn template_max_receives(template: &Template) -> Result<u32, ProvisionError> {
    queue_max_receives(template, "ReportsQueue")
}

/// A worker's bucket (versioned, like the template's `bucket_id`) and its queue (the
/// template's `queue_id`) with a dead-letter queue after the template's `maxReceiveCount`.
pub async fn ensure_worker_queue(
    sdk: &aws_config::SdkConfig,
    template: &Template,
    (bucket_id, bucket): (&str, &str),
    (queue_id, queue_name): (&str, &str),
) -> Result<WorkerQueue, ProvisionError> {
    template
        .properties(bucket_id, "AWS::S3::Bucket")
        .map_err(|e| shape(e.to_string()))?;
    crate::documents::ensure_versioned_bucket(sdk, bucket).await?;
    let max_receives = queue_max_receives(template, queue_id)?;
    let sqs = aws_sdk_sqs::Client::new(sdk);
    let (url, arn) = ensure_queue(&sqs, queue_name, max_receives).await?;
    Ok(WorkerQueue {
        url,
        arn,
        max_receives,
    })
}

/// The reports bucket and queue.
pub async fn ensure_reports(
    sdk: &aws_config::SdkConfig,
    template: &Template,
    bucket: &str,
) -> Result<ReportsQueue, ProvisionError> {
    ensure_worker_queue(
        sdk,
        template,
        ("ReportsBucket", bucket),
        ("ReportsQueue", LOCAL_REPORTS_QUEUE),
    )
    .await
}

/// The exports bucket and queue.
pub async fn ensure_exports(
    sdk: &aws_config::SdkConfig,
    template: &Template,
    bucket: &str,
) -> Result<WorkerQueue, ProvisionError> {
    ensure_worker_queue(
        sdk,
        template,
        ("ExportsBucket", bucket),
        ("ExportsQueue", LOCAL_EXPORTS_QUEUE),
    )
    .await
}

/// A queue's consumer as Lambda's event source mapping calls it.
type Worker = Arc<
    dyn Fn(LambdaEvent<SqsEvent>) -> BoxFuture<Result<SqsBatchResponse, lambda_runtime::Error>>
        + Send
        + Sync,
>;
type BoxFuture<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send>>;

/// Starts the reports relay; it runs until the process ends.
pub fn spawn_reports_relay(
    sdk: &aws_config::SdkConfig,
    queue: ReportsQueue,
    deps: ReportWorkerDeps,
) -> tokio::task::JoinHandle<()> {
    let deps = Arc::new(deps);
    spawn_queue_relay(
        sdk,
        queue,
        "reports-generate",
        Arc::new(move |event| {
            let deps = deps.clone();
            Box::pin(async move { reports_generate::handler(&deps, event).await })
        }),
    )
}

/// Starts the exports relay; it runs until the process ends.
pub fn spawn_exports_relay(
    sdk: &aws_config::SdkConfig,
    queue: WorkerQueue,
    deps: ExportWorkerDeps,
) -> tokio::task::JoinHandle<()> {
    let deps = Arc::new(deps);
    spawn_queue_relay(
        sdk,
        queue,
        "company-export-build",
        Arc::new(move |event| {
            let deps = deps.clone();
            Box::pin(async move { company_export_build::handler(&deps, event).await })
        }),
    )
}

fn spawn_queue_relay(
    sdk: &aws_config::SdkConfig,
    queue: WorkerQueue,
    function: &'static str,
    worker: Worker,
) -> tokio::task::JoinHandle<()> {
    let relay = Relay {
        sqs: aws_sdk_sqs::Client::new(sdk),
        region: sdk.region().map_or("eu-north-1", |r| r.as_ref()).to_owned(),
        queue,
        function,
        worker,
    };
    tokio::spawn(async move { relay.run().await })
}

struct Relay {
    sqs: aws_sdk_sqs::Client,
    region: String,
    queue: WorkerQueue,
    /// The function the queue feeds, for the log.
    function: &'static str,
    worker: Worker,
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
                    tracing::warn!(%error, function = self.function, "queue relay: will retry");
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
                tracing::warn!(%error, function = self.function, "queue relay: a handled message was not deleted");
            }
        }
    }

    /// Invokes the worker; the receipt handles of the messages it acknowledged.
    async fn invoke(&self, batch: &[aws_sdk_sqs::types::Message]) -> Vec<String> {
        let event = match sqs_event(batch, &self.queue.arn, &self.region) {
            Ok(event) => event,
            Err(error) => {
                tracing::error!(%error, "queue relay: the batch does not make an SQS event");
                return Vec::new();
            }
        };
        match (self.worker)(LambdaEvent::new(event, Context::default())).await {
            Ok(response) => acknowledged(batch, &response),
            Err(error) => {
                tracing::warn!(%error, function = self.function, "the worker failed the whole batch");
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
        assert_eq!(
            queue_max_receives(&template, "ExportsQueue").expect("a redrive count"),
            mypages::config::DEFAULT_EXPORTS_MAX_RECEIVES
        );
    }
}
