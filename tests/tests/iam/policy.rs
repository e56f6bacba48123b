//! What template.yaml grants each function: the Allow statements of its `Policies`, with the
//! resources as template logical ids, and the environment variables that name resources.

use serde_yaml::Value;
use std::collections::BTreeMap;

/// A resource a statement names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// `"*"`.
    Any,
    /// A resource of the template (`!GetAtt DataTable.Arn`, `!Ref UserPool`,
    /// `!Sub "${DataTable.Arn}/index/gsi1"`), with what follows the reference.
    Resource { id: String, suffix: String },
    /// Anything else (a literal ARN): matched against nothing.
    Other(String),
}

#[derive(Clone, Debug)]
pub struct Grant {
    pub action: String,
    pub target: Target,
}

#[derive(Clone, Debug, Default)]
pub struct FunctionPolicy {
    pub logical_id: String,
    /// The crate (cargo-lambda binary) the function runs.
    pub binary: String,
    pub grants: Vec<Grant>,
    /// Environment variable → the logical id it refers to (`DATA_TABLE` → `DataTable`).
    pub env: BTreeMap<String, String>,
    /// The function reads a DynamoDB or Kinesis stream through an event source mapping,
    /// which uses the function's role.
    pub reads_streams: bool,
    /// Policies this reader cannot vouch for (managed policies, SAM policy templates,
    /// `NotAction`): reported as findings.
    pub unreadable: Vec<String>,
}

fn as_list(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None => Vec::new(),
        Some(Value::Sequence(items)) => items.iter().collect(),
        Some(other) => vec![other],
    }
}

/// The logical id and the text after it in a reference: `!GetAtt X.Arn`, `!Ref X`,
/// `!Sub "…${X.Arn}/index/*"`, and their `Fn::` long forms.
fn reference(value: &Value) -> Option<(String, String)> {
    let (tag, inner) = match value {
        Value::Tagged(t) => (
            t.tag.to_string().trim_start_matches('!').to_owned(),
            &t.value,
        ),
        Value::Mapping(m) if m.len() == 1 => {
            let (k, v) = m.iter().next()?;
            (k.as_str()?.trim_start_matches("Fn::").to_owned(), v)
        }
        _ => return None,
    };
    match tag.as_str() {
        "Ref" => Some((inner.as_str()?.to_owned(), String::new())),
        "GetAtt" => {
            let id = match inner {
                Value::String(s) => s.split('.').next()?.to_owned(),
                Value::Sequence(parts) => parts.first()?.as_str()?.to_owned(),
                _ => return None,
            };
            Some((id, String::new()))
        }
        "Sub" => {
            let text = match inner {
                Value::String(s) => s.as_str(),
                Value::Sequence(parts) => parts.first()?.as_str()?,
                _ => return None,
            };
            // The first `${…}` that is a resource of the template, not a pseudo parameter.
            let mut rest = text;
            while let Some(start) = rest.find("${") {
                let after = &rest[start + 2..];
                let end = after.find('}')?;
                let name = &after[..end];
                if !name.starts_with("AWS::") {
                    let id = name.split('.').next()?.to_owned();
                    // A name made of a parameter and pseudo parameters
                    // (`${OcrStagingBucketPrefix}-${AWS::AccountId}`) is one resource: the
                    // environment variable and the policy name it alike.
                    let mut suffix = &after[end + 1..];
                    while let Some(pseudo) = suffix.strip_prefix("-${AWS::") {
                        suffix = &pseudo[pseudo.find('}')? + 1..];
                    }
                    return Some((id, suffix.to_owned()));
                }
                rest = &after[end + 1..];
            }
            None
        }
        _ => None,
    }
}

fn target(value: &Value) -> Target {
    if value.as_str() == Some("*") {
        return Target::Any;
    }
    match reference(value) {
        Some((id, suffix)) => Target::Resource { id, suffix },
        None => Target::Other(format!("{value:?}")),
    }
}

fn has_via_service(statement: &Value) -> bool {
    statement
        .get("Condition")
        .and_then(Value::as_mapping)
        .is_some_and(|ops| {
            ops.values().any(|keys| {
                keys.as_mapping().is_some_and(|keys| {
                    keys.keys().any(|k| {
                        k.as_str()
                            .is_some_and(|k| k.eq_ignore_ascii_case("kms:ViaService"))
                    })
                })
            })
        })
}

fn environment(props: Option<&Value>, env: &mut BTreeMap<String, String>) {
    let Some(vars) = props
        .and_then(|p| p.get("Environment"))
        .and_then(|e| e.get("Variables"))
        .and_then(Value::as_mapping)
    else {
        return;
    };
    for (name, value) in vars {
        if let (Some(name), Some((id, _))) = (name.as_str(), reference(value)) {
            env.insert(name.to_owned(), id);
        }
    }
}

/// Every serverless function of the template with what its policies grant.
pub fn functions(template: &str) -> Result<Vec<FunctionPolicy>, String> {
    let doc: Value = serde_yaml::from_str(template).map_err(|e| e.to_string())?;
    let mut global_env = BTreeMap::new();
    environment(
        doc.get("Globals").and_then(|g| g.get("Function")),
        &mut global_env,
    );
    let resources = doc
        .get("Resources")
        .and_then(Value::as_mapping)
        .ok_or("template without Resources")?;
    let mut out = Vec::new();
    for (id, resource) in resources {
        if resource.get("Type").and_then(Value::as_str) != Some("AWS::Serverless::Function") {
            continue;
        }
        let logical_id = id.as_str().unwrap_or_default().to_owned();
        let binary = resource
            .get("Metadata")
            .and_then(|m| m.get("BuildProperties"))
            .and_then(|b| b.get("Binary"))
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{logical_id}: no Metadata.BuildProperties.Binary"))?
            .to_owned();
        let props = resource.get("Properties");
        let mut function = FunctionPolicy {
            logical_id: logical_id.clone(),
            binary,
            env: global_env.clone(),
            ..FunctionPolicy::default()
        };
        environment(props, &mut function.env);
        function.reads_streams = props
            .and_then(|p| p.get("Events"))
            .and_then(Value::as_mapping)
            .is_some_and(|events| {
                events.values().any(|e| {
                    matches!(
                        e.get("Type").and_then(Value::as_str),
                        Some("DynamoDB" | "Kinesis")
                    )
                })
            });
        for policy in as_list(props.and_then(|p| p.get("Policies"))) {
            let document = match policy {
                Value::Mapping(m) if m.contains_key("Statement") => policy,
                Value::Mapping(m) if m.contains_key("PolicyDocument") => &policy["PolicyDocument"],
                other => {
                    function.unreadable.push(format!(
                        "a managed policy or SAM policy template ({other:?}): write its statements out so they can be checked"
                    ));
                    continue;
                }
            };
            grant_statements(&mut function, document);
        }
        out.push(function);
    }
    attach_role_policies(resources, &mut out);
    Ok(out)
}

/// Adds the Allow statements of a policy document to what the function is granted.
fn grant_statements(function: &mut FunctionPolicy, document: &Value) {
    for statement in as_list(document.get("Statement")) {
        if statement.get("Effect").and_then(Value::as_str) != Some("Allow") {
            continue;
        }
        // Key use by a service on the function's behalf (DynamoDB encrypting its
        // items): no code of ours makes these calls.
        if has_via_service(statement) {
            continue;
        }
        if statement.get("NotAction").is_some() || statement.get("NotResource").is_some() {
            function
                .unreadable
                .push("a statement with NotAction or NotResource".into());
            continue;
        }
        let targets: Vec<Target> = as_list(statement.get("Resource"))
            .into_iter()
            .map(target)
            .collect();
        for action in as_list(statement.get("Action")) {
            let Some(action) = action.as_str() else {
                function.unreadable.push(format!("an action {action:?}"));
                continue;
            };
            for target in &targets {
                function.grants.push(Grant {
                    action: action.to_owned(),
                    target: target.clone(),
                });
            }
        }
    }
}

/// The `AWS::IAM::Policy` resources attached to a function's generated role
/// (`<Function>Role`): the way a Cognito trigger gets its grants on the pool that names it.
fn attach_role_policies(resources: &serde_yaml::Mapping, functions: &mut [FunctionPolicy]) {
    for resource in resources.values() {
        if resource.get("Type").and_then(Value::as_str) != Some("AWS::IAM::Policy") {
            continue;
        }
        let props = resource.get("Properties");
        let roles: Vec<String> = as_list(props.and_then(|p| p.get("Roles")))
            .into_iter()
            .filter_map(|r| reference(r).map(|(id, _)| id))
            .collect();
        let Some(document) = props.and_then(|p| p.get("PolicyDocument")) else {
            continue;
        };
        for function in functions.iter_mut() {
            if roles.contains(&format!("{}Role", function.logical_id)) {
                grant_statements(function, document);
            }
        }
    }
}
