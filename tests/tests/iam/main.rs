//! Least privilege, checked: each function's `Policies` in template.yaml grant exactly the
//! DynamoDB, S3, Cognito, KMS and Secrets Manager actions its code calls, on the resources
//! it calls them on. Reads the sources, needs no running stack.
//!
//! How "uses" is derived (`source`): every fn of `shared/src` and of `functions/<name>/src`
//! (lib.rs and main.rs, following `mod` declarations, skipping `#[cfg(test)]` and `#[test]`)
//! is parsed with `syn`. A zero-argument method call on an SDK client (a field whose type is
//! `aws_sdk_<service>::Client`, an accessor returning one, a parameter or local holding one)
//! is an operation: `get_item` → `dynamodb:GetItem`, `admin_get_user` →
//! `cognito-idp:AdminGetUser`, with the few S3 operations IAM authorizes under another name
//! mapped (`head_object` → `s3:GetObject`, `list_objects_v2` → `s3:ListBucket`, …).
//! `TransactWriteItems` needs no permission of its own; each item needs the action of its kind
//! (`Put::builder()` → `dynamodb:PutItem`, `Update` → `UpdateItem`, `Delete` → `DeleteItem`,
//! `ConditionCheck` → `ConditionCheckItem`), as the DynamoDB guide ("Using IAM with DynamoDB
//! transactions") says. The resource is the argument of the operation's `table_name`,
//! `bucket`, `user_pool_id`, `key_id` or `secret_id` in the same builder chain: a field such
//! as `self.data_table` stands for the resource named by the environment variable the field
//! is filled from, followed through struct literals (`bucket: required("AUDIT_ARCHIVE_BUCKET")?`),
//! constructor parameters, other fields and `let`/`match` bindings, or else the variable of
//! the field's name in upper case (`DATA_TABLE`); a parameter is resolved at each
//! call site (so `transact_put(&self.audit_table, …)` is a Put on the AuditTable); an
//! `index_name` (literal or const) makes it the index ARN. Calls are followed by name, to a
//! fixed point: `a::b::f(..)` to fns `f` of module or type `b`, `x.f(..)` to every method `f`
//! (over-approximating, except the names in `source::NEVER_FOLLOWED`), bare `f(..)` to free
//! fns `f`; macro arguments are read as expressions.
//!
//! What it does not see: calls through `dyn` values or generics resolved elsewhere, fns
//! stored in variables under another name, SDK clients reached through a chain it cannot
//! type (then the service is unknown and the call is not seen), a resource named by a local
//! variable or a computed string (then any resource of the granted action is accepted), which
//! rows of a table are touched (IAM conditions such as `dynamodb:LeadingKeys` are not
//! checked), and whether a call runs at all at runtime (a call on a path that never executes
//! still counts). Statements conditioned on `kms:ViaService` are key use by a service on the
//! function's behalf and are left out; the stream reads of a DynamoDB event source are
//! accepted when the function has such an event.

mod check;
mod policy;
mod source;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use source::{Crate, Graph, NEVER_FOLLOWED, Op};

const SHARED: &str = "mypages";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The shared crate and every function crate, keyed by their directory name (the binary).
fn repo_crates() -> (Vec<Crate>, BTreeMap<String, String>) {
    let root = root();
    let mut crates = vec![
        source::load_crate(SHARED, &root.join("shared/src"), &["lib.rs"]).expect("shared crate"),
    ];
    let mut binaries = BTreeMap::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("functions"))
        .expect("functions/")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.join("Cargo.toml").exists())
        .collect();
    dirs.sort();
    for dir in dirs {
        let binary = dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_owned();
        let name = binary.replace('-', "_");
        crates.push(
            source::load_crate(&name, &dir.join("src"), &["lib.rs", "main.rs"])
                .expect("function crate"),
        );
        binaries.insert(binary, name);
    }
    (crates, binaries)
}

type Uses = BTreeMap<String, BTreeSet<Op>>;
type FieldEnv = HashMap<String, BTreeSet<String>>;

/// What each binary's code uses, and which environment variables fill which fields.
fn uses(crates: &[Crate], binaries: &BTreeMap<String, String>) -> (Uses, FieldEnv) {
    let graph = Graph::new(source::read(crates).expect("sources parse"), SHARED);
    let summaries = graph.summaries();
    let uses = binaries
        .iter()
        .map(|(binary, name)| (binary.clone(), graph.uses_of(&summaries, name)))
        .collect();
    (uses, graph.field_env())
}

fn findings(template: &str, crates: &[Crate], binaries: &BTreeMap<String, String>) -> Vec<String> {
    let functions = policy::functions(template).expect("template.yaml policies");
    let (uses, fields) = uses(crates, binaries);
    check::check(&functions, &uses, &fields)
}

fn show((uses, fields): &(Uses, FieldEnv)) -> String {
    let mut out = String::new();
    let mut fields: Vec<_> = fields.iter().filter(|(_, vars)| !vars.is_empty()).collect();
    fields.sort();
    out.push_str(&format!(
        "fields filled from environment variables: {fields:?}\n"
    ));
    for (binary, ops) in uses {
        out.push_str(&format!("{binary}:\n"));
        for op in ops {
            out.push_str(&format!(
                "  {} on {:?}{} ({})\n",
                op.action,
                op.resource,
                op.index
                    .as_ref()
                    .map(|i| format!(" index {i}"))
                    .unwrap_or_default(),
                op.site
            ));
        }
    }
    out
}

#[test]
fn every_function_policy_grants_exactly_the_aws_actions_its_code_calls() {
    let template = std::fs::read_to_string(root().join("template.yaml")).expect("template.yaml");
    let (crates, binaries) = repo_crates();
    let found = findings(&template, &crates, &binaries);
    assert!(
        found.is_empty(),
        "template.yaml and the code disagree:\n{}\n\nwhat the code uses:\n{}",
        found.join("\n"),
        show(&uses(&crates, &binaries))
    );
}

#[test]
fn names_never_followed_reach_no_sdk_operation() {
    let (crates, _) = repo_crates();
    let graph = Graph::new(source::read(&crates).expect("sources parse"), SHARED);
    let summaries = graph.summaries();
    let hidden: Vec<String> = graph
        .fns
        .iter()
        .zip(&summaries)
        .filter(|(f, ops)| {
            f.has_self && NEVER_FOLLOWED.contains(&f.name.as_str()) && !ops.is_empty()
        })
        .map(|(f, ops)| {
            let actions: BTreeSet<&str> = ops.iter().map(|op| op.action.as_str()).collect();
            format!("{} reaches {actions:?}", f.label())
        })
        .collect();
    assert!(
        hidden.is_empty(),
        "method calls of these names are not followed, so these fns would be missed; rename them:\n{}",
        hidden.join("\n")
    );
}

/// Whether an IAM action pattern covers `dynamodb:Scan` (`*`, `dynamodb:*`, `dynamodb:Sc*`).
fn covers_scan(action: &str) -> bool {
    let action = action.to_ascii_lowercase();
    match action.strip_suffix('*') {
        Some(prefix) => "dynamodb:scan".starts_with(prefix),
        None => action == "dynamodb:scan",
    }
}

/// Every zero-argument `.scan()` call written in the files (an SDK Scan; an iterator's
/// `scan` takes two arguments), whatever the receiver: the reader above can miss a call on
/// a client it cannot type.
fn scan_calls(crates: &[Crate]) -> Vec<String> {
    struct Calls<'a> {
        path: &'a str,
        found: Vec<String>,
    }
    impl<'ast> syn::visit::Visit<'ast> for Calls<'_> {
        fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
            if call.method == "scan" && call.args.is_empty() {
                self.found.push(format!("{}: a .scan() call", self.path));
            }
            syn::visit::visit_expr_method_call(self, call);
        }
    }
    let mut found = Vec::new();
    for file in crates.iter().flat_map(|c| &c.files) {
        let ast = syn::parse_file(&file.text).expect("sources parse");
        let mut calls = Calls {
            path: &file.path,
            found: Vec::new(),
        };
        syn::visit::Visit::visit_file(&mut calls, &ast);
        found.extend(calls.found);
    }
    found
}

/// No request path reads a whole table (issue 13, "Round trips"): no function behind an API
/// route of template.yaml is granted `dynamodb:Scan` (the test above keeps grants and code
/// equal), no fn such a function can reach calls it, and no `.scan()` is written anywhere in
/// `shared/src` or `functions/` at all. (The operator CLI's inventory scans; it serves no
/// request.)
#[test]
fn no_function_behind_an_api_route_can_scan() {
    let template = std::fs::read_to_string(root().join("template.yaml")).expect("template.yaml");
    let routes = mypages_local::template::Template::parse(&template)
        .and_then(|t| t.routes())
        .expect("the template's routes");
    let api_binaries: BTreeSet<String> = routes.into_iter().map(|r| r.function).collect();
    assert!(api_binaries.len() > 40, "routes found: {api_binaries:?}");
    let functions = policy::functions(&template).expect("template.yaml policies");
    let (crates, binaries) = repo_crates();
    let (uses, _) = uses(&crates, &binaries);
    let mut found = Vec::new();
    for binary in &api_binaries {
        let policy = functions.iter().find(|f| &f.binary == binary);
        let Some(policy) = policy else {
            found.push(format!("{binary}: an API function without a policy entry"));
            continue;
        };
        found.extend(
            policy
                .grants
                .iter()
                .filter(|g| covers_scan(&g.action))
                .map(|g| format!("{binary}: template.yaml grants {}", g.action)),
        );
        found.extend(
            uses.get(binary)
                .into_iter()
                .flatten()
                .filter(|op| op.action == "dynamodb:Scan")
                .map(|op| format!("{binary}: {} calls dynamodb:Scan", op.site)),
        );
    }
    found.extend(scan_calls(&crates));
    assert!(
        found.is_empty(),
        "a request path can scan a table:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_check_sees_wildcards_and_untyped_calls() {
    assert!(covers_scan("dynamodb:Scan") && covers_scan("dynamodb:*") && covers_scan("*"));
    assert!(covers_scan("dynamodb:S*") && !covers_scan("dynamodb:Query"));
    assert!(!covers_scan("dynamodb:Get*") && !covers_scan("s3:*"));
    let code = "fn f(c: &Unknown) { c.inner().scan().table_name(\"t\"); (1..3).scan(0, |a, b| None::<u8>); }";
    let crates = vec![Crate {
        name: "f".into(),
        files: vec![source::SourceFile {
            module: Vec::new(),
            text: code.into(),
            path: "functions/f/src/lib.rs".into(),
        }],
    }];
    assert_eq!(
        scan_calls(&crates),
        vec!["functions/f/src/lib.rs: a .scan() call"]
    );
}

/// The checker on small synthetic crates and templates: it must report what is wrong.
mod synthetic {
    use super::*;

    const SHARED_CODE: &str = r#"
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::{Put, TransactWriteItem};

pub const INDEX: &str = "gsi1";

pub struct Store { client: Client, data_table: String, audit_table: String }

pub struct Cognito { client: aws_sdk_cognitoidentityprovider::Client, user_pool_id: String }

impl Store {
    pub async fn head(&self, id: &str) -> Option<Item> {
        self.client.get_item().table_name(&self.data_table).key("pk", s(id)).send().await.ok()?.item
    }
    pub async fn list(&self) -> Result<(), E> {
        self.client.query().table_name(&self.data_table).index_name(INDEX).send().await?;
        Ok(())
    }
    pub fn put_data(&self, item: Item) -> TransactWriteItem {
        transact_put(&self.data_table, item)
    }
    pub async fn commit(&self, ops: Vec<TransactWriteItem>) -> Result<(), E> {
        let mut items = ops;
        items.push(transact_put(&self.audit_table, Item::new()));
        self.client.transact_write_items().set_transact_items(Some(items)).send().await?;
        Ok(())
    }
}

impl Cognito {
    pub async fn identity_of(&self, email: &str) -> Result<(), E> {
        self.client.admin_get_user().user_pool_id(&self.user_pool_id).username(email).send().await?;
        Ok(())
    }
}

pub fn transact_put(table: &str, item: Item) -> TransactWriteItem {
    let put = Put::builder().table_name(table).set_item(Some(item)).build();
    TransactWriteItem::builder().put(put).build()
}

#[cfg(test)]
mod tests {
    async fn cleanup(store: &super::Store) {
        store.client.delete_item().table_name(&store.data_table).send().await;
    }
}
"#;

    const READER: &str = "pub async fn handler(store: &Store) { store.head(\"x\").await; }";
    const WRITER: &str = "pub async fn handler(store: &Store) { store.commit(vec![store.put_data(Item::new())]).await; }";
    const LISTER: &str =
        "pub async fn handler(store: &Store) { let _ = json!({\"items\": store.list().await}); }";
    const LOGIN: &str = "pub async fn handler(c: &Cognito) { c.identity_of(\"a@b\").await; }";

    fn template(statements: &[&str]) -> String {
        let statements: String = statements
            .iter()
            .map(|s| format!("            - {s}\n"))
            .collect();
        format!(
            r#"
Globals:
  Function:
    Environment:
      Variables:
        DATA_TABLE: !Ref DataTable
        AUDIT_TABLE: !Ref AuditTable
        USER_POOL_ID: !Ref UserPool
        ARCHIVE_BUCKET: !Ref ArchiveBucket
        SEAL_KEY_ID: !GetAtt SealKey.Arn
Resources:
  FFunction:
    Type: AWS::Serverless::Function
    Metadata: {{BuildProperties: {{Binary: f}}}}
    Properties:
      Policies:
        - Version: "2012-10-17"
          Statement:
            - {{Effect: Allow, Action: [kms:Decrypt], Resource: !GetAtt DataKey.Arn, Condition: {{StringEquals: {{"kms:ViaService": dynamodb.eu-north-1.amazonaws.com}}}}}}
{statements}"#
        )
    }

    fn run(function_code: &str, statements: &[&str]) -> Vec<String> {
        run_template(function_code, &template(statements))
    }

    fn run_template(function_code: &str, template: &str) -> Vec<String> {
        let crates = vec![
            Crate {
                name: SHARED.into(),
                files: vec![source::SourceFile {
                    module: Vec::new(),
                    text: SHARED_CODE.into(),
                    path: "shared/src/lib.rs".into(),
                }],
            },
            Crate {
                name: "f".into(),
                files: vec![source::SourceFile {
                    module: Vec::new(),
                    text: function_code.into(),
                    path: "functions/f/src/lib.rs".into(),
                }],
            },
        ];
        let binaries = [("f".to_owned(), "f".to_owned())].into_iter().collect();
        findings(template, &crates, &binaries)
    }

    const GET_DATA: &str =
        "{Effect: Allow, Action: [dynamodb:GetItem], Resource: !GetAtt DataTable.Arn}";

    #[test]
    fn a_policy_that_grants_what_the_code_calls_has_no_findings() {
        assert_eq!(run(READER, &[GET_DATA]), Vec::<String>::new());
    }

    #[test]
    fn a_granted_action_the_code_never_calls_is_reported() {
        let found = run(
            READER,
            &[
                "{Effect: Allow, Action: [dynamodb:GetItem, dynamodb:UpdateItem], Resource: !GetAtt DataTable.Arn}",
            ],
        );
        assert_eq!(
            found,
            vec!["f: grants dynamodb:UpdateItem on DataTable, but its code never calls it"]
        );
    }

    #[test]
    fn an_action_the_code_calls_without_a_grant_is_reported() {
        let found = run(READER, &[]);
        assert_eq!(
            found,
            vec![
                "f: mypages::Store::head calls dynamodb:GetItem on DataTable, which the policy does not grant"
            ]
        );
    }

    #[test]
    fn the_right_action_on_the_wrong_table_is_reported_both_ways() {
        let found = run(
            READER,
            &["{Effect: Allow, Action: [dynamodb:GetItem], Resource: !GetAtt AuditTable.Arn}"],
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].contains(
            "grants dynamodb:GetItem on AuditTable, but its code calls it only on DataTable"
        ));
        assert!(
            found[1]
                .contains("calls dynamodb:GetItem on DataTable, which the policy does not grant")
        );
    }

    #[test]
    fn transaction_items_need_put_item_on_the_table_each_names_through_helpers_and_macros() {
        let both = "{Effect: Allow, Action: [dynamodb:PutItem], Resource: [!GetAtt DataTable.Arn, !GetAtt AuditTable.Arn]}";
        assert_eq!(run(WRITER, &[both]), Vec::<String>::new());
        let found = run(
            WRITER,
            &["{Effect: Allow, Action: [dynamodb:PutItem], Resource: !GetAtt DataTable.Arn}"],
        );
        assert_eq!(
            found,
            vec![
                "f: mypages::transact_put calls dynamodb:PutItem on AuditTable, which the policy does not grant"
            ]
        );
    }

    #[test]
    fn an_index_query_needs_the_index_arn_and_not_the_base_table() {
        let index = "{Effect: Allow, Action: [dynamodb:Query], Resource: !Sub \"${DataTable.Arn}/index/gsi1\"}";
        assert_eq!(run(LISTER, &[index]), Vec::<String>::new());
        let found = run(
            LISTER,
            &["{Effect: Allow, Action: [dynamodb:Query], Resource: !GetAtt DataTable.Arn}"],
        );
        assert_eq!(
            found,
            vec![
                "f: grants dynamodb:Query on DataTable, but its code calls it only on DataTable/index/gsi1",
                "f: mypages::Store::list calls dynamodb:Query on DataTable/index/gsi1, which the policy does not grant",
            ]
        );
    }

    #[test]
    fn cognito_operations_become_their_iam_actions_on_the_user_pool() {
        let pool =
            "{Effect: Allow, Action: [cognito-idp:AdminGetUser], Resource: !GetAtt UserPool.Arn}";
        assert_eq!(run(LOGIN, &[pool]), Vec::<String>::new());
        let found = run(LOGIN, &[GET_DATA]);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0].contains("grants dynamodb:GetItem on DataTable, but its code never calls it")
        );
        assert!(found[1].contains("calls cognito-idp:AdminGetUser on UserPool"));
    }

    #[test]
    fn a_policy_resource_on_the_generated_role_grants_to_the_function() {
        let attached = |role: &str| {
            format!(
                "{}  FPoolPolicy:
    Type: AWS::IAM::Policy
    Properties:
      Roles: [!Ref {role}]
      PolicyDocument:
        Statement:
          - {{Effect: Allow, Action: [cognito-idp:AdminGetUser], Resource: !GetAtt UserPool.Arn}}
",
                template(&[])
            )
        };
        assert_eq!(
            run_template(LOGIN, &attached("FFunctionRole")),
            Vec::<String>::new()
        );
        let found = run_template(LOGIN, &attached("OtherFunctionRole"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].contains("calls cognito-idp:AdminGetUser on UserPool"));
    }

    #[test]
    fn wildcards_and_policy_templates_are_reported_as_unverifiable() {
        let found = run(
            READER,
            &["{Effect: Allow, Action: [\"dynamodb:Get*\"], Resource: !GetAtt DataTable.Arn}"],
        );
        assert!(
            found
                .iter()
                .any(|f| f.contains("wildcard action dynamodb:Get*")),
            "{found:#?}"
        );
    }

    #[test]
    fn s3_operations_are_mapped_to_the_actions_iam_checks_on_the_objects() {
        let code = r#"
pub struct Archive { s3: aws_sdk_s3::Client, archive_bucket: String }
impl Archive {
    pub async fn exists(&self, key: &str) { self.s3.head_object().bucket(&self.archive_bucket).key(key).send().await; }
}
pub async fn handler(a: &Archive) { a.exists("k").await; }
"#;
        let objects =
            "{Effect: Allow, Action: [s3:GetObject], Resource: !Sub \"${ArchiveBucket.Arn}/*\"}";
        assert_eq!(run(code, &[objects]), Vec::<String>::new());
        let found = run(
            code,
            &["{Effect: Allow, Action: [s3:GetObject], Resource: !GetAtt ArchiveBucket.Arn}"],
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0].contains("calls s3:GetObject on ArchiveBucket/*"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_resource_field_without_an_environment_variable_is_reported_not_guessed() {
        let code = r#"
pub struct Other { client: aws_sdk_dynamodb::Client, scratch_table: String }
impl Other {
    pub async fn read(&self) { self.client.get_item().table_name(&self.scratch_table).send().await; }
}
pub async fn handler(o: &Other) { o.read().await; }
"#;
        let found = run(code, &[GET_DATA]);
        assert!(
            found
                .iter()
                .any(|f| f.contains("on the resource in `scratch_table`, but no environment")),
            "{found:#?}"
        );
    }

    #[test]
    fn the_variable_a_field_is_filled_from_is_followed_through_constructors_and_bindings() {
        let code = r#"
pub struct Settings { bucket: String, key: Option<String> }
impl Settings {
    pub fn from_env() -> Settings {
        let key = match optional("SEAL_KEY_ID") { Some(key) => Some(key), None => None };
        Settings { bucket: required("ARCHIVE_BUCKET"), key }
    }
}
pub struct Archive { s3: aws_sdk_s3::Client, kms: aws_sdk_kms::Client, target: String, key_id: String }
impl Archive {
    pub fn new(s3: aws_sdk_s3::Client, kms: aws_sdk_kms::Client, target: &str, key_id: &str) -> Archive {
        Archive { s3, kms, target: target.to_owned(), key_id: key_id.to_owned() }
    }
    pub async fn put(&self) {
        self.s3.put_object().bucket(&self.target).key("k").send().await;
        self.kms.sign().key_id(&self.key_id).send().await;
    }
}
pub async fn handler(settings: &Settings) {
    let a = Archive::new(s3(), kms(), &settings.bucket, &settings.key);
    a.put().await;
}
"#;
        let objects =
            "{Effect: Allow, Action: [s3:PutObject], Resource: !Sub \"${ArchiveBucket.Arn}/*\"}";
        let sign = "{Effect: Allow, Action: [kms:Sign], Resource: !GetAtt SealKey.Arn}";
        assert_eq!(run(code, &[objects, sign]), Vec::<String>::new());
        let found = run(code, &[objects]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].contains("calls kms:Sign on SealKey, which the policy does not grant"));
    }

    #[test]
    fn a_client_field_whose_service_cannot_be_told_is_reported() {
        // Store and Cognito both hold a `client`, of different services.
        let code = "pub async fn handler(s: &Store) { s.client.query().table_name(&s.data_table).send().await; }";
        let found = run(code, &[]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].contains("whose service cannot be told"),
            "{found:#?}"
        );
    }

    #[test]
    fn test_only_code_is_not_counted() {
        let found = run(READER, &[GET_DATA]);
        assert!(
            !found.iter().any(|f| f.contains("DeleteItem")),
            "{found:#?}"
        );
    }
}
