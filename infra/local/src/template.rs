//! Reads what the local stack needs out of template.yaml, so local and AWS share one
//! definition: API routes, table definitions, the user pool and its app client.

use serde_yaml::{Mapping, Value};
use std::path::Path;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum TemplateError {
    #[error("cannot read {0}: {1}")]
    Read(String, std::io::Error),
    #[error("template.yaml is not valid YAML: {0}")]
    Yaml(#[from] serde_yaml::Error),
    #[error("template.yaml: {0}")]
    Shape(String),
}

/// One API event of a function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub method: String,
    /// The resource path with `{param}` placeholders, e.g. `/contracts/{id}`.
    pub path: String,
    /// The function's cargo-lambda binary name (= its crate).
    pub function: String,
    pub logical_id: String,
    /// `false` for `Auth: {Authorizer: NONE}`.
    pub authorized: bool,
}

/// One schedule event of a function; `input` is the rule's `Input` (what the function then
/// receives instead of EventBridge's own event).
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub function: String,
    pub name: String,
    pub input: Option<serde_json::Value>,
}

/// A serverless function's logical id, its cargo-lambda binary and its `Events`.
type FunctionEvents<'a> = (String, String, Option<&'a Mapping>);

#[derive(Debug, Clone)]
pub struct Template {
    resources: Mapping,
}

fn shape(message: impl Into<String>) -> TemplateError {
    TemplateError::Shape(message.into())
}

impl Template {
    pub fn load(path: &Path) -> Result<Template, TemplateError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| TemplateError::Read(path.display().to_string(), e))?;
        Template::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let doc: Value = serde_yaml::from_str(text)?;
        let resources = doc
            .get("Resources")
            .and_then(Value::as_mapping)
            .cloned()
            .ok_or_else(|| shape("no Resources"))?;
        Ok(Template { resources })
    }

    /// The `Properties` of a resource, checked against its expected type.
    pub fn properties(&self, logical_id: &str, kind: &str) -> Result<&Value, TemplateError> {
        let resource = self
            .resources
            .get(logical_id)
            .ok_or_else(|| shape(format!("no resource {logical_id}")))?;
        let actual = resource.get("Type").and_then(Value::as_str).unwrap_or("");
        if actual != kind {
            return Err(shape(format!("{logical_id} is {actual}, expected {kind}")));
        }
        resource
            .get("Properties")
            .ok_or_else(|| shape(format!("{logical_id} has no Properties")))
    }

    /// Every serverless function: its logical id, its cargo-lambda binary and its events.
    fn functions(&self) -> Result<Vec<FunctionEvents<'_>>, TemplateError> {
        let mut functions = Vec::new();
        for (id, resource) in &self.resources {
            if resource.get("Type").and_then(Value::as_str) != Some("AWS::Serverless::Function") {
                continue;
            }
            let logical_id = id.as_str().unwrap_or_default().to_owned();
            let function = resource
                .get("Metadata")
                .and_then(|m| m.get("BuildProperties"))
                .and_then(|b| b.get("Binary"))
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    shape(format!(
                        "{logical_id} has no Metadata.BuildProperties.Binary"
                    ))
                })?
                .to_owned();
            let events = resource
                .get("Properties")
                .and_then(|p| p.get("Events"))
                .and_then(Value::as_mapping);
            functions.push((logical_id, function, events));
        }
        Ok(functions)
    }

    /// Every `Schedule`/`ScheduleV2` event: what `POST /_local/schedules/<function>` fires.
    pub fn schedules(&self) -> Result<Vec<Schedule>, TemplateError> {
        let mut schedules = Vec::new();
        for (logical_id, function, events) in self.functions()? {
            for (name, event) in events.into_iter().flatten() {
                let kind = event.get("Type").and_then(Value::as_str);
                if !matches!(kind, Some("Schedule" | "ScheduleV2")) {
                    continue;
                }
                let input = match event.get("Properties").and_then(|p| p.get("Input")) {
                    None => None,
                    Some(input) => {
                        let text = input.as_str().ok_or_else(|| {
                            shape(format!(
                                "{logical_id}: a schedule's Input must be literal JSON"
                            ))
                        })?;
                        Some(serde_json::from_str(text).map_err(|e| {
                            shape(format!("{logical_id}: a schedule's Input is not JSON: {e}"))
                        })?)
                    }
                };
                schedules.push(Schedule {
                    function: function.clone(),
                    name: name.as_str().unwrap_or_default().to_owned(),
                    input,
                });
            }
        }
        Ok(schedules)
    }

    /// Every `Api` event of every serverless function.
    pub fn routes(&self) -> Result<Vec<Route>, TemplateError> {
        let mut routes = Vec::new();
        for (logical_id, function, events) in self.functions()? {
            let Some(events) = events else {
                continue;
            };
            for event in events.values() {
                if event.get("Type").and_then(Value::as_str) != Some("Api") {
                    continue;
                }
                let props = event
                    .get("Properties")
                    .ok_or_else(|| shape(format!("{logical_id}: Api event without Properties")))?;
                let text = |key: &str| {
                    props
                        .get(key)
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                        .ok_or_else(|| shape(format!("{logical_id}: Api event without {key}")))
                };
                let authorizer = props
                    .get("Auth")
                    .and_then(|a| a.get("Authorizer"))
                    .and_then(Value::as_str);
                routes.push(Route {
                    method: text("Method")?.to_ascii_uppercase(),
                    path: text("Path")?,
                    function: function.clone(),
                    logical_id: logical_id.clone(),
                    authorized: authorizer != Some("NONE"),
                });
            }
        }
        routes.sort_by(|a, b| (&a.path, &a.method).cmp(&(&b.path, &b.method)));
        Ok(routes)
    }
}

/// Converts a YAML value to JSON, refusing CloudFormation intrinsics (`!Ref`, `!Sub`, …):
/// the parts the local stack reads must be literal in the template.
pub fn to_json(value: &Value) -> Result<serde_json::Value, TemplateError> {
    Ok(match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => serde_json::to_value(n).map_err(|e| shape(e.to_string()))?,
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Sequence(items) => {
            serde_json::Value::Array(items.iter().map(to_json).collect::<Result<_, _>>()?)
        }
        Value::Mapping(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                let key = k.as_str().ok_or_else(|| shape("non-string key"))?;
                out.insert(key.to_owned(), to_json(v)?);
            }
            serde_json::Value::Object(out)
        }
        Value::Tagged(tagged) => {
            return Err(shape(format!(
                "intrinsic {} where the local stack needs a literal",
                tagged.tag
            )));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_carry_method_path_function_and_auth() {
        let template = Template::parse(
            r#"
Resources:
  HealthFunction:
    Type: AWS::Serverless::Function
    Metadata: {BuildProperties: {Binary: health}}
    Properties:
      CodeUri: .
      Events:
        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /health, Method: get, Auth: {Authorizer: NONE}}}
  ContractsGetFunction:
    Type: AWS::Serverless::Function
    Metadata: {BuildProperties: {Binary: contracts-get}}
    Properties:
      Events:
        Get: {Type: Api, Properties: {Path: "/contracts/{id}", Method: get}}
"#,
        )
        .expect("parses");
        let routes = template.routes().expect("routes");
        assert_eq!(routes.len(), 2);
        assert_eq!(routes[0].path, "/contracts/{id}");
        assert!(routes[0].authorized);
        assert_eq!(routes[1].function, "health");
        assert!(!routes[1].authorized);
    }

    #[test]
    fn schedules_carry_their_function_name_and_input() {
        let template = Template::parse(
            r#"
Resources:
  RatesImportFunction:
    Type: AWS::Serverless::Function
    Metadata: {BuildProperties: {Binary: rates-import}}
    Properties:
      Events:
        Fx: {Type: ScheduleV2, Properties: {ScheduleExpression: "cron(30 16 ? * MON-FRI *)", Input: '{"sources": ["ecb"]}'}}
        Plain: {Type: Schedule, Properties: {Schedule: "rate(1 day)"}}
"#,
        )
        .expect("parses");
        let mut schedules = template.schedules().expect("schedules");
        schedules.sort_by(|a, b| a.name.cmp(&b.name));
        assert_eq!(schedules.len(), 2);
        assert_eq!(schedules[0].function, "rates-import");
        assert_eq!(schedules[0].name, "Fx");
        assert_eq!(
            schedules[0].input,
            Some(serde_json::json!({"sources": ["ecb"]}))
        );
        assert_eq!(schedules[1].input, None);
    }
}
