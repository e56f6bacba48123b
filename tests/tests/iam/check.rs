//! Compares what each function's code uses with what its policy grants.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::policy::{FunctionPolicy, Grant, Target};
use crate::source::{Op, Res};

/// Services whose grants must each be used by the code. Every SDK call, of any service, must
/// be granted.
const EXACT_SERVICES: &[&str] = &["dynamodb", "s3", "cognito-idp", "kms", "secretsmanager"];

/// What the Lambda service reads with the function's role for a stream event source.
const STREAM_READS: &[&str] = &[
    "dynamodb:DescribeStream",
    "dynamodb:GetRecords",
    "dynamodb:GetShardIterator",
    "dynamodb:ListStreams",
];

/// Which part of a resource: the table or bucket itself, an index, the objects, a stream.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Whole,
    Index(String),
    Objects,
    Stream,
    Other(String),
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Used {
    /// The code does not say which resource: any grant of the action covers it.
    Any,
    Resource {
        id: String,
        part: Part,
    },
}

fn service(action: &str) -> &str {
    action.split(':').next().unwrap_or_default()
}

fn is_object_action(action: &str) -> bool {
    let name = action.trim_start_matches("s3:");
    (name.contains("Object") && !name.contains("Bucket"))
        || matches!(
            name,
            "AbortMultipartUpload" | "ListMultipartUploadParts" | "BypassGovernanceRetention"
        )
}

fn grant_part(action: &str, suffix: &str) -> Part {
    if suffix.is_empty() {
        return Part::Whole;
    }
    match service(action) {
        "dynamodb" => {
            if let Some(name) = suffix.strip_prefix("/index/") {
                Part::Index(name.to_owned())
            } else if suffix.starts_with("/stream/") {
                Part::Stream
            } else {
                Part::Other(suffix.to_owned())
            }
        }
        "s3" if suffix.starts_with('/') => Part::Objects,
        _ => Part::Other(suffix.to_owned()),
    }
}

fn part_covers(granted: &Part, used: &Part) -> bool {
    match (granted, used) {
        (Part::Index(g), Part::Index(u)) => g == "*" || u == "*" || g == u,
        (g, u) => g == u,
    }
}

/// IAM action patterns: case-insensitive, `*` and `?` wildcards.
fn action_matches(pattern: &str, action: &str) -> bool {
    fn glob(p: &[u8], a: &[u8]) -> bool {
        match (p.first(), a.first()) {
            (None, None) => true,
            (Some(b'*'), _) => glob(&p[1..], a) || (!a.is_empty() && glob(p, &a[1..])),
            (Some(b'?'), Some(_)) => glob(&p[1..], &a[1..]),
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => glob(&p[1..], &a[1..]),
            _ => false,
        }
    }
    glob(pattern.as_bytes(), action.as_bytes())
}

fn covers(grant: &Grant, action: &str, used: &Used) -> bool {
    if !action_matches(&grant.action, action) {
        return false;
    }
    match (&grant.target, used) {
        (Target::Any, _) => true,
        (Target::Resource { .. }, Used::Any) => true,
        (Target::Resource { id, suffix }, Used::Resource { id: used_id, part }) => {
            id == used_id && part_covers(&grant_part(action, suffix), part)
        }
        (Target::Other(_), _) => false,
    }
}

fn describe_target(target: &Target) -> String {
    match target {
        Target::Any => "*".into(),
        Target::Resource { id, suffix } => format!("{id}{suffix}"),
        Target::Other(text) => text.clone(),
    }
}

fn describe_used(used: &Used) -> String {
    match used {
        Used::Any => "a resource the code does not name".into(),
        Used::Resource { id, part } => match part {
            Part::Whole => id.clone(),
            Part::Index(name) => format!("{id}/index/{name}"),
            Part::Objects => format!("{id}/*"),
            Part::Stream => format!("{id}/stream/*"),
            Part::Other(suffix) => format!("{id}{suffix}"),
        },
    }
}

/// Every disagreement between the functions' code and their policies, one line each.
/// `fields` says which environment variables each field is filled from.
pub fn check(
    functions: &[FunctionPolicy],
    uses: &BTreeMap<String, BTreeSet<Op>>,
    fields: &HashMap<String, BTreeSet<String>>,
) -> Vec<String> {
    let mut findings = Vec::new();
    for binary in uses.keys() {
        if !functions.iter().any(|f| f.binary == *binary) {
            findings.push(format!(
                "{binary}: a function crate with no function in the template"
            ));
        }
    }
    for function in functions {
        let name = &function.binary;
        let Some(ops) = uses.get(name) else {
            findings.push(format!(
                "{name}: the template's {} runs a binary with no crate under functions/",
                function.logical_id
            ));
            continue;
        };
        for problem in &function.unreadable {
            findings.push(format!("{name}: cannot check {problem}"));
        }
        let mut used: BTreeSet<(String, Used, String)> = BTreeSet::new();
        for op in ops {
            if service(&op.action) == "?" {
                findings.push(format!(
                    "{name}: {} calls {} on a client field whose service cannot be told (two structs hold different SDK clients under that field name)",
                    op.site, op.action
                ));
                continue;
            }
            let part = match (&op.index, service(&op.action)) {
                (Some(index), _) => Part::Index(index.clone()),
                (None, "s3") if is_object_action(&op.action) => Part::Objects,
                _ => Part::Whole,
            };
            let targets: Vec<Used> = match &op.resource {
                Res::Unknown | Res::Param(_) => vec![Used::Any],
                Res::Field(field) => {
                    // The variables the field is filled from that this function has; the
                    // field's name in upper case counts too (`data_table` ← `DATA_TABLE`).
                    let upper = field.to_uppercase();
                    let vars: BTreeSet<&String> = fields
                        .get(field)
                        .into_iter()
                        .flatten()
                        .chain(std::iter::once(&upper))
                        .filter(|var| function.env.contains_key(*var))
                        .collect();
                    if vars.is_empty() {
                        findings.push(format!(
                            "{name}: {} calls {} on the resource in `{field}`, but no environment variable of the function that `{field}` is filled from names a template resource",
                            op.site, op.action
                        ));
                        continue;
                    }
                    vars.into_iter()
                        .map(|var| Used::Resource {
                            id: function.env[var].clone(),
                            part: part.clone(),
                        })
                        .collect()
                }
            };
            for target in targets {
                used.insert((op.action.clone(), target, op.site.clone()));
            }
        }
        for (action, target, site) in &used {
            if !function.grants.iter().any(|g| covers(g, action, target)) {
                findings.push(format!(
                    "{name}: {site} calls {action} on {}, which the policy does not grant",
                    describe_used(target)
                ));
            }
        }
        for grant in &function.grants {
            if !EXACT_SERVICES.contains(&service(&grant.action)) {
                continue;
            }
            if grant.action.contains(['*', '?']) {
                findings.push(format!(
                    "{name}: grants the wildcard action {}: name the actions the code calls",
                    grant.action
                ));
                continue;
            }
            if function.reads_streams
                && STREAM_READS
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(&grant.action))
            {
                continue;
            }
            let needed = used
                .iter()
                .filter(|(action, _, _)| action.eq_ignore_ascii_case(&grant.action))
                .any(|(action, target, _)| {
                    covers(grant, action, target)
                        && !(grant.target == Target::Any && *target != Used::Any)
                });
            if !needed {
                let on: BTreeSet<String> = used
                    .iter()
                    .filter(|(action, _, _)| action.eq_ignore_ascii_case(&grant.action))
                    .map(|(_, target, _)| describe_used(target))
                    .collect();
                let code = if on.is_empty() {
                    "its code never calls it".to_owned()
                } else {
                    format!(
                        "its code calls it only on {}",
                        on.into_iter().collect::<Vec<_>>().join(", ")
                    )
                };
                findings.push(format!(
                    "{name}: grants {} on {}, but {code}",
                    grant.action,
                    describe_target(&grant.target)
                ));
            }
        }
    }
    findings.sort();
    findings.dedup();
    findings
}
