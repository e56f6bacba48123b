//! The AuditTable stream's trigger, locally: moto keeps the stream but runs no Lambda, so a
//! background task does what Lambda's event source mapping does — polls each shard (batches
//! of up to 100, about once a second), hands the batch to `audit_archive::handler` in the
//! event shape the real trigger sends, and on reported failures starts again from the
//! lowest failed record.

use aws_lambda_events::event::dynamodb::Event;
use aws_sdk_dynamodbstreams as streams;
use lambda_runtime::{Context, LambdaEvent};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::time::Duration;
use streams::types::{Record, ShardIteratorType};

/// Lambda's default (and maximum for DynamoDB) batch size is 100.
const BATCH_SIZE: i32 = 100;
const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// Where to go on in a shard.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Position {
    Start,
    /// Retry from this record (its batch failed).
    At(String),
    /// Everything up to this record is done (the iterator was lost).
    After(String),
}

#[derive(Debug)]
struct Shard {
    iterator: Option<String>,
    position: Position,
}

struct Relay {
    ddb: aws_sdk_dynamodb::Client,
    streams: streams::Client,
    table: String,
    deps: mypages::aws::AuditArchive,
    stream_arn: Option<String>,
    shards: HashMap<String, Shard>,
}

/// Starts relaying `table`'s stream to the audit-archive handler; runs until the process ends.
pub fn spawn_stream_relay(
    sdk: &aws_config::SdkConfig,
    table: &str,
    deps: mypages::aws::AuditArchive,
) -> tokio::task::JoinHandle<()> {
    let mut relay = Relay {
        ddb: aws_sdk_dynamodb::Client::new(sdk),
        streams: streams::Client::new(sdk),
        table: table.to_owned(),
        deps,
        stream_arn: None,
        shards: HashMap::new(),
    };
    tokio::spawn(async move {
        loop {
            let busy = match relay.poll().await {
                Ok(busy) => busy,
                Err(error) => {
                    tracing::warn!(%error, "audit stream relay: will retry");
                    false
                }
            };
            // A full batch means more is waiting: go on without the pause, as Lambda does.
            if !busy {
                tokio::time::sleep(POLL_INTERVAL).await;
            }
        }
    })
}

fn failed(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// DynamoDB sequence numbers are decimal strings of varying length.
fn seq_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

impl Relay {
    /// One pass over every shard; `true` if some shard returned a full batch.
    async fn poll(&mut self) -> Result<bool, String> {
        let arn = match &self.stream_arn {
            Some(arn) => arn.clone(),
            None => {
                let described = self
                    .ddb
                    .describe_table()
                    .table_name(&self.table)
                    .send()
                    .await
                    .map_err(|e| failed(aws_sdk_dynamodb::error::DisplayErrorContext(e)))?;
                let arn = described
                    .table()
                    .and_then(|t| t.latest_stream_arn())
                    .ok_or_else(|| format!("table {} has no stream", self.table))?
                    .to_owned();
                self.stream_arn = Some(arn.clone());
                arn
            }
        };
        let description = self
            .streams
            .describe_stream()
            .stream_arn(&arn)
            .send()
            .await
            .map_err(|e| failed(streams::error::DisplayErrorContext(e)))?;
        let shard_ids: Vec<String> = description
            .stream_description()
            .map(|d| d.shards())
            .unwrap_or_default()
            .iter()
            .filter_map(|s| s.shard_id().map(str::to_owned))
            .collect();
        let mut busy = false;
        for shard_id in shard_ids {
            busy |= self.poll_shard(&arn, &shard_id).await?;
        }
        Ok(busy)
    }

    async fn poll_shard(&mut self, arn: &str, shard_id: &str) -> Result<bool, String> {
        let shard = self
            .shards
            .entry(shard_id.to_owned())
            .or_insert_with(|| Shard {
                iterator: None,
                position: Position::Start,
            });
        let iterator = match shard.iterator.take() {
            Some(iterator) => iterator,
            None => {
                let request = self
                    .streams
                    .get_shard_iterator()
                    .stream_arn(arn)
                    .shard_id(shard_id);
                let request = match &shard.position {
                    Position::Start => request.shard_iterator_type(ShardIteratorType::TrimHorizon),
                    Position::At(seq) => request
                        .shard_iterator_type(ShardIteratorType::AtSequenceNumber)
                        .sequence_number(seq),
                    Position::After(seq) => request
                        .shard_iterator_type(ShardIteratorType::AfterSequenceNumber)
                        .sequence_number(seq),
                };
                let out = request
                    .send()
                    .await
                    .map_err(|e| failed(streams::error::DisplayErrorContext(e)))?;
                out.shard_iterator()
                    .ok_or("GetShardIterator returned no iterator")?
                    .to_owned()
            }
        };
        let out = self
            .streams
            .get_records()
            .shard_iterator(&iterator)
            .limit(BATCH_SIZE)
            .send()
            .await
            .map_err(|e| failed(streams::error::DisplayErrorContext(e)))?;
        let records = out.records();
        let next = out.next_shard_iterator().map(str::to_owned);
        let Some(last) = records.last().and_then(sequence_number) else {
            shard.iterator = next;
            return Ok(false);
        };
        let busy = records.len() >= BATCH_SIZE as usize;
        let event = lambda_event(arn, records)?;
        let retry_from =
            match audit_archive::handler(&self.deps, LambdaEvent::new(event, Context::default()))
                .await
            {
                Ok(response) => response
                    .batch_item_failures
                    .iter()
                    .filter_map(|f| f.item_identifier.clone())
                    .min_by(|a, b| seq_order(a, b)),
                Err(error) => {
                    tracing::warn!(%error, "audit-archive failed the whole batch");
                    records.first().and_then(sequence_number)
                }
            };
        let shard = self
            .shards
            .get_mut(shard_id)
            .ok_or("the shard's state disappeared")?;
        match retry_from {
            Some(seq) => {
                shard.iterator = None;
                shard.position = Position::At(seq);
                Ok(false)
            }
            None => {
                shard.iterator = next;
                shard.position = Position::After(last);
                Ok(busy)
            }
        }
    }
}

fn sequence_number(record: &Record) -> Option<String> {
    record
        .dynamodb()
        .and_then(|d| d.sequence_number())
        .map(str::to_owned)
}

fn image(
    attributes: Option<&HashMap<String, streams::types::AttributeValue>>,
) -> Result<Option<Value>, String> {
    attributes
        .map(|a| {
            let item: serde_dynamo::Item = a.clone().into();
            serde_json::to_value(item).map_err(failed)
        })
        .transpose()
}

/// The records as Lambda delivers them to a DynamoDB stream trigger.
fn lambda_event(arn: &str, records: &[Record]) -> Result<Event, String> {
    let mut delivered = Vec::new();
    for record in records {
        let Some(change) = record.dynamodb() else {
            continue;
        };
        let mut dynamodb = json!({
            "ApproximateCreationDateTime": change
                .approximate_creation_date_time()
                .map_or(0, |t| t.secs()),
            "SequenceNumber": change.sequence_number(),
            "SizeBytes": change.size_bytes().unwrap_or_default(),
            "StreamViewType": change.stream_view_type().map(|v| v.as_str()),
        });
        for (name, attributes) in [
            ("Keys", change.keys()),
            ("NewImage", change.new_image()),
            ("OldImage", change.old_image()),
        ] {
            if let Some(value) = image(attributes)? {
                dynamodb[name] = value;
            }
        }
        let mut event = json!({
            "eventID": record.event_id().unwrap_or_default(),
            "eventName": record.event_name().map_or("", |n| n.as_str()),
            "eventVersion": record.event_version(),
            "eventSource": record.event_source(),
            "awsRegion": record.aws_region().unwrap_or_default(),
            "eventSourceARN": arn,
            "dynamodb": dynamodb,
        });
        if let Some(identity) = record.user_identity() {
            event["userIdentity"] = json!({
                "type": identity.r#type(),
                "principalId": identity.principal_id(),
            });
        }
        delivered.push(event);
    }
    serde_json::from_value(json!({ "Records": delivered })).map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use streams::types::{AttributeValue, OperationType, StreamRecord, StreamViewType};

    #[test]
    fn sequence_numbers_compare_as_numbers() {
        assert_eq!(seq_order("99", "100"), std::cmp::Ordering::Less);
        assert_eq!(seq_order("101", "100"), std::cmp::Ordering::Greater);
    }

    #[test]
    fn a_stream_record_becomes_the_event_lambda_delivers() {
        let keys = HashMap::from([
            ("pk".to_owned(), AttributeValue::S("C#co1".into())),
            ("sk".to_owned(), AttributeValue::S("000000000001".into())),
        ]);
        let mut new_image = keys.clone();
        new_image.insert("seq".into(), AttributeValue::N("1".into()));
        new_image.insert(
            "tags".into(),
            AttributeValue::L(vec![AttributeValue::Bool(true), AttributeValue::Null(true)]),
        );
        let record = Record::builder()
            .event_id("e1")
            .event_name(OperationType::Insert)
            .event_source("aws:dynamodb")
            .dynamodb(
                StreamRecord::builder()
                    .set_keys(Some(keys))
                    .set_new_image(Some(new_image))
                    .sequence_number("100")
                    .size_bytes(10)
                    .stream_view_type(StreamViewType::NewImage)
                    .build(),
            )
            .build();
        let event = lambda_event("arn:stream", &[record]).expect("an event");
        let delivered = &event.records[0];
        assert_eq!(delivered.event_name, "INSERT");
        assert_eq!(delivered.event_source_arn.as_deref(), Some("arn:stream"));
        assert_eq!(delivered.change.sequence_number.as_deref(), Some("100"));
        assert!(delivered.user_identity.is_none());
        let value = serde_json::to_value(&delivered.change.new_image).expect("json");
        assert_eq!(value["sk"], json!({"S": "000000000001"}));
        assert_eq!(value["seq"], json!({"N": "1"}));
        assert_eq!(
            value["tags"],
            json!({"L": [{"BOOL": true}, {"NULL": true}]})
        );
    }
}
