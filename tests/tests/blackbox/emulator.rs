//! Where moto answers differently from AWS and the local stack's moto_server.py makes it answer
//! as AWS does: code that is right for AWS must not look broken locally, nor the other way round.

use blackbox::{Stack, text};

#[tokio::test]
async fn an_unknown_mfa_session_is_refused_as_not_authorized_like_cognito_does() {
    let stack = Stack::connect().await;
    let idp = aws_sdk_cognitoidentityprovider::Client::new(
        &aws_config::from_env()
            .region(aws_config::Region::new(text(&stack.state, "region")))
            .endpoint_url(text(&stack.state, "endpoint"))
            .load()
            .await,
    );
    let error = idp
        .respond_to_auth_challenge()
        .client_id(text(&stack.state, "userPoolClientId"))
        .challenge_name(aws_sdk_cognitoidentityprovider::types::ChallengeNameType::SoftwareTokenMfa)
        .session("a-session-cognito-never-issued-or-one-that-expired")
        .challenge_responses("USERNAME", "admin@demo.example")
        .challenge_responses("SOFTWARE_TOKEN_MFA_CODE", "123456")
        .send()
        .await
        .expect_err("an unknown session gives no tokens");
    let service = error.as_service_error().map(|e| format!("{e:?}"));
    assert!(
        error
            .as_service_error()
            .is_some_and(|e| e.is_not_authorized_exception()),
        "Cognito answers NotAuthorizedException (a 401), not a failed dependency: {service:?}"
    );
}

/// DynamoDB writes nothing, stream included, for a cancelled transaction. moto 5.2.5 wrote
/// the transaction's items, then swapped the tables for copies, orphaning the stream shard that
/// open readers hold: our stream relay saw the cancelled write (and the archive signed a
/// checkpoint for a record that was never committed) and missed every later write.
#[tokio::test]
async fn a_cancelled_transaction_leaves_no_stream_record_and_later_writes_are_streamed() {
    use aws_sdk_dynamodb::types::{
        AttributeDefinition, AttributeValue, BillingMode, ConditionCheck, KeySchemaElement,
        KeyType, Put, ScalarAttributeType, StreamSpecification, StreamViewType, TransactWriteItem,
    };
    use aws_sdk_dynamodbstreams::types::ShardIteratorType;

    let stack = Stack::connect().await;
    let sdk = aws_config::from_env()
        .region(aws_config::Region::new(text(&stack.state, "region")))
        .endpoint_url(text(&stack.state, "endpoint"))
        .load()
        .await;
    let ddb = aws_sdk_dynamodb::Client::new(&sdk);
    let streams = aws_sdk_dynamodbstreams::Client::new(&sdk);
    let table = format!("emulator-stream-{}", uuid::Uuid::new_v4());
    let created = ddb
        .create_table()
        .table_name(&table)
        .billing_mode(BillingMode::PayPerRequest)
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name("pk")
                .attribute_type(ScalarAttributeType::S)
                .build()
                .expect("attribute"),
        )
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("pk")
                .key_type(KeyType::Hash)
                .build()
                .expect("key"),
        )
        .stream_specification(
            StreamSpecification::builder()
                .stream_enabled(true)
                .stream_view_type(StreamViewType::NewAndOldImages)
                .build()
                .expect("stream"),
        )
        .send()
        .await
        .expect("create table");
    let stream_arn = created
        .table_description()
        .and_then(|t| t.latest_stream_arn())
        .expect("stream arn")
        .to_owned();
    let shard = streams
        .describe_stream()
        .stream_arn(&stream_arn)
        .send()
        .await
        .expect("describe stream")
        .stream_description()
        .and_then(|d| d.shards().first().and_then(|s| s.shard_id()))
        .expect("a shard")
        .to_owned();
    let iterator = streams
        .get_shard_iterator()
        .stream_arn(&stream_arn)
        .shard_id(&shard)
        .shard_iterator_type(ShardIteratorType::Latest)
        .send()
        .await
        .expect("iterator")
        .shard_iterator()
        .expect("iterator")
        .to_owned();

    let key = |pk: &str| AttributeValue::S(pk.to_owned());
    let cancelled = ddb
        .transact_write_items()
        .transact_items(
            TransactWriteItem::builder()
                .put(
                    Put::builder()
                        .table_name(&table)
                        .item("pk", key("written-then-cancelled"))
                        .build()
                        .expect("put"),
                )
                .build(),
        )
        .transact_items(
            TransactWriteItem::builder()
                .condition_check(
                    ConditionCheck::builder()
                        .table_name(&table)
                        .key("pk", key("absent"))
                        .condition_expression("attribute_exists(pk)")
                        .build()
                        .expect("check"),
                )
                .build(),
        )
        .send()
        .await
        .expect_err("the condition fails");
    assert!(
        cancelled
            .as_service_error()
            .is_some_and(|e| e.is_transaction_canceled_exception()),
        "{cancelled:?}"
    );
    ddb.put_item()
        .table_name(&table)
        .item("pk", key("committed"))
        .send()
        .await
        .expect("put");

    let records = streams
        .get_records()
        .shard_iterator(iterator)
        .send()
        .await
        .expect("records");
    let keys: Vec<String> = records
        .records()
        .iter()
        .filter_map(|r| r.dynamodb()?.keys()?.get("pk")?.as_s().ok().cloned())
        .collect();
    assert_eq!(
        keys,
        ["committed"],
        "the stream holds only the committed write"
    );
    let cancelled_item = ddb
        .get_item()
        .table_name(&table)
        .key("pk", key("written-then-cancelled"))
        .send()
        .await
        .expect("get");
    assert!(
        cancelled_item.item().is_none(),
        "the cancelled put left no item"
    );
    ddb.delete_table()
        .table_name(&table)
        .send()
        .await
        .expect("delete table");
}
