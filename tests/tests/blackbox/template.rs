//! The local stack and the OpenAPI document agree with template.yaml, so they cannot drift.

use aws_sdk_dynamodb::types::{AttributeDefinition, KeySchemaElement};
use blackbox::Stack;
use mypages_local::template::{Template, to_json};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn template() -> Template {
    Template::load(&root().join("template.yaml")).expect("template.yaml")
}

fn keys(elements: &[KeySchemaElement]) -> Value {
    elements
        .iter()
        .map(|k| json!({"AttributeName": k.attribute_name(), "KeyType": k.key_type().as_str()}))
        .collect()
}

fn definitions(defs: &[AttributeDefinition]) -> BTreeSet<(String, String)> {
    defs.iter()
        .map(|d| {
            (
                d.attribute_name().to_owned(),
                d.attribute_type().as_str().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_emulators_tables_have_the_templates_keys_indexes_and_ttl() {
    let stack = Stack::connect().await;
    let template = template();
    let client = stack.deps.store.client();
    for (logical_id, table) in [
        ("DataTable", stack.deps.store.data_table()),
        ("AuditTable", stack.deps.store.audit_table()),
    ] {
        let props = template
            .properties(logical_id, "AWS::DynamoDB::Table")
            .expect("table");
        let want = |key: &str| {
            props
                .get(key)
                .map(|v| to_json(v).expect("literal"))
                .unwrap_or(Value::Null)
        };
        let described = client
            .describe_table()
            .table_name(table)
            .send()
            .await
            .expect("describe");
        let actual = described.table().expect("table");
        assert_eq!(
            keys(actual.key_schema()),
            want("KeySchema"),
            "{logical_id} keys"
        );
        let wanted_defs: BTreeSet<(String, String)> = want("AttributeDefinitions")
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|d| {
                (
                    d["AttributeName"].as_str().unwrap_or("").to_owned(),
                    d["AttributeType"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        assert_eq!(
            definitions(actual.attribute_definitions()),
            wanted_defs,
            "{logical_id} attributes"
        );
        let actual_indexes: Vec<Value> = actual
            .global_secondary_indexes()
            .iter()
            .map(|i| json!({
                "IndexName": i.index_name(),
                "KeySchema": keys(i.key_schema()),
                "Projection": {"ProjectionType": i.projection().and_then(|p| p.projection_type()).map(|t| t.as_str())},
            }))
            .collect();
        let wanted_indexes = match want("GlobalSecondaryIndexes") {
            Value::Null => Vec::new(),
            other => other.as_array().cloned().unwrap_or_default(),
        };
        assert_eq!(actual_indexes, wanted_indexes, "{logical_id} indexes");
        let ttl = client
            .describe_time_to_live()
            .table_name(table)
            .send()
            .await
            .expect("ttl");
        let ttl = ttl.time_to_live_description().expect("ttl description");
        assert_eq!(
            ttl.attribute_name(),
            want("TimeToLiveSpecification")["AttributeName"].as_str(),
            "{logical_id} TTL"
        );
        assert_eq!(
            ttl.time_to_live_status().map(|s| s.as_str()),
            Some("ENABLED")
        );
    }
}

#[test]
fn openapi_describes_exactly_the_routes_of_the_template() {
    let template_routes: BTreeSet<(String, String)> = template()
        .routes()
        .expect("routes")
        .into_iter()
        .map(|r| (r.path, r.method.to_ascii_lowercase()))
        .collect();
    let text =
        std::fs::read_to_string(root().join("infra/openapi.yaml")).expect("infra/openapi.yaml");
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).expect("YAML");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let methods = ["get", "put", "post", "patch", "delete", "head", "options"];
    let mut openapi_routes = BTreeSet::new();
    for (path, item) in doc["paths"].as_mapping().expect("paths") {
        for (method, _) in item.as_mapping().expect("path item") {
            let method = method.as_str().unwrap_or_default();
            if methods.contains(&method) {
                openapi_routes.insert((
                    path.as_str().unwrap_or_default().to_owned(),
                    method.to_owned(),
                ));
            }
        }
    }
    assert_eq!(openapi_routes, template_routes);
}

#[test]
fn the_api_passes_as_binary_exactly_the_web_apps_binary_types() {
    let api = template()
        .properties("Api", "AWS::Serverless::Api")
        .expect("Api")
        .clone();
    let listed: BTreeSet<String> = api["BinaryMediaTypes"]
        .as_sequence()
        .expect("Api.BinaryMediaTypes")
        .iter()
        .map(|t| t.as_str().expect("a literal").replace("~1", "/"))
        .collect();
    let served: BTreeSet<String> = mypages::http::web::BINARY_MEDIA_TYPES
        .iter()
        .map(|t| (*t).to_owned())
        .collect();
    assert_eq!(listed, served);
}
