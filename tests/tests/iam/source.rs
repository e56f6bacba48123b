//! What the Rust code calls, read with `syn`: for every fn, the AWS SDK operations it makes
//! (as IAM actions, with the expression that names the table, bucket, pool, key or secret)
//! and the other fns it calls. `uses` then follows the calls to a fixed point.

use proc_macro2::{Spacing, TokenStream, TokenTree};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use syn::punctuated::Punctuated;
use syn::visit::Visit;
use syn::{
    Attribute, Expr, ExprCall, ExprMethodCall, ExprPath, FnArg, ImplItem, Item, Pat, Signature,
    TraitItem, Type, UseTree,
};

/// One crate: its name as code spells it (`mypages`, `contracts_create`) and its files.
pub struct Crate {
    pub name: String,
    pub files: Vec<SourceFile>,
}

pub struct SourceFile {
    /// The module path inside the crate (`["aws", "store"]`; empty for lib.rs/main.rs).
    pub module: Vec<String>,
    pub text: String,
    /// For messages.
    pub path: String,
}

/// Which resource an SDK call names.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Res {
    /// A field or accessor such as `self.data_table`: the resource named by the environment
    /// variable the field is filled from (see [`Graph::field_env`]).
    Field(String),
    /// Parameter number n of the enclosing fn (not counting `self`): each caller decides.
    Param(usize),
    /// Not derivable from the source (a local variable, a computed name).
    Unknown,
}

/// One SDK operation as the IAM action it needs.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Op {
    /// `dynamodb:Query`, `cognito-idp:AdminGetUser`.
    pub action: String,
    pub resource: Res,
    /// DynamoDB: the index a Query/Scan reads (`*` when its name is not a literal or const).
    pub index: Option<String>,
    /// The fn the SDK call is written in, for messages.
    pub site: String,
}

#[derive(Clone, Debug)]
enum Callee {
    /// `x.name(..)`: any method of that name.
    Method(String),
    /// `a::b::name(..)` after `use` aliases are applied; one segment for a bare `name(..)`.
    Path(Vec<String>),
}

/// Where a struct field's value comes from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    /// An environment variable named by a string literal (`required("DATA_TABLE")`).
    Env(String),
    /// Parameter n of the fn that builds the struct (`Archive::new(client, bucket)`).
    Param(usize),
    /// Another field (`bucket: config.bucket.clone()`).
    Field(String),
}

#[derive(Clone, Debug)]
struct Call {
    callee: Callee,
    args: Vec<Res>,
}

pub struct FnDef {
    pub krate: String,
    pub module: Vec<String>,
    pub self_ty: Option<String>,
    pub name: String,
    pub has_self: bool,
    ops: Vec<Op>,
    calls: Vec<Call>,
    /// `Struct { field: value }` in this fn: where each field's value comes from.
    field_inits: Vec<(String, Vec<Source>)>,
    /// Names bound inside the fn (locals, closure parameters): a bare call of one of them
    /// is a closure, not a fn.
    bound: HashSet<String>,
}

impl FnDef {
    pub fn label(&self) -> String {
        let mut parts = vec![self.krate.clone()];
        parts.extend(self.module.iter().cloned());
        parts.extend(self.self_ty.iter().cloned());
        parts.push(self.name.clone());
        parts.join("::")
    }
}

/// Method names never followed to our own fns of the same name: they are everywhere in
/// std, serde and the SDK builders (`map.get(..)`, `vec.push(..)`, `x.into()`,
/// `builder.build()`), so following them would charge every caller with whatever our fn of
/// that name does. Skipping them hides nothing only while none of our fns of these names
/// reaches an SDK operation; `names_never_followed_reach_no_sdk_operation` checks exactly
/// that, so an adapter named like this has to be renamed rather than silently skipped.
pub const NEVER_FOLLOWED: &[&str] = &[
    "new",
    "get",
    "insert",
    "push",
    "from",
    "into",
    "clone",
    "default",
    "fmt",
    "build",
    "send",
    "parse",
    "map",
    "iter",
    "len",
    "is_empty",
    "as_str",
    "to_string",
    "eq",
];

/// The IAM prefix of an SDK crate.
fn service_of(krate: &str) -> Option<String> {
    let service = krate.strip_prefix("aws_sdk_")?;
    Some(
        match service {
            "cognitoidentityprovider" => "cognito-idp",
            other => other,
        }
        .to_owned(),
    )
}

/// The builder setter that names the resource of an operation, per service.
fn resource_setter(service: &str) -> &'static str {
    match service {
        "dynamodb" => "table_name",
        "s3" => "bucket",
        "cognito-idp" => "user_pool_id",
        "kms" => "key_id",
        "secretsmanager" => "secret_id",
        _ => "",
    }
}

fn pascal(snake: &str) -> String {
    snake
        .split('_')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// The IAM actions an SDK operation needs. Mostly the operation's name in PascalCase; the
/// exceptions are where AWS authorizes an operation under another action's name.
fn iam_actions(service: &str, operation: &str, setters: &[&str]) -> Vec<String> {
    let named = |action: &str| vec![format!("{service}:{action}")];
    match (service, operation) {
        // "Permissions for Put, Update, Delete, and Get actions are governed by the
        // permissions used for the underlying PutItem, UpdateItem, DeleteItem, and GetItem
        // operations. For the ConditionCheck action, you can use the dynamodb:ConditionCheckItem
        // permission" (DynamoDB developer guide, "Using IAM with DynamoDB transactions"): the
        // transaction call itself needs nothing, its items are counted where they are built.
        ("dynamodb", "transact_write_items" | "transact_get_items") => Vec::new(),
        ("s3", "get_object" | "head_object") if setters.contains(&"version_id") => {
            named("GetObjectVersion")
        }
        ("s3", "delete_object") if setters.contains(&"version_id") => named("DeleteObjectVersion"),
        ("s3", "head_object") => named("GetObject"),
        ("s3", "delete_objects") => named("DeleteObject"),
        ("s3", "list_objects" | "list_objects_v2" | "head_bucket") => named("ListBucket"),
        ("s3", "list_object_versions") => named("ListBucketVersions"),
        ("s3", "list_multipart_uploads") => named("ListBucketMultipartUploads"),
        ("s3", "list_parts") => named("ListMultipartUploadParts"),
        (
            "s3",
            "create_multipart_upload"
            | "upload_part"
            | "upload_part_copy"
            | "complete_multipart_upload"
            | "copy_object",
        ) => named("PutObject"),
        ("s3", "get_object_lock_configuration") => named("GetBucketObjectLockConfiguration"),
        ("s3", "put_object_lock_configuration") => named("PutBucketObjectLockConfiguration"),
        _ => {
            let mut actions = named(&pascal(operation));
            if service == "s3" && setters.contains(&"bypass_governance_retention") {
                actions.push(format!("{service}:BypassGovernanceRetention"));
            }
            actions
        }
    }
}

/// The DynamoDB transaction item types and the action each needs.
fn transaction_item_action(type_name: &str) -> Option<&'static str> {
    Some(match type_name {
        "Put" => "dynamodb:PutItem",
        "Update" => "dynamodb:UpdateItem",
        "Delete" => "dynamodb:DeleteItem",
        "ConditionCheck" => "dynamodb:ConditionCheckItem",
        "Get" => "dynamodb:GetItem",
        _ => return None,
    })
}

fn is_test_only(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let path = attr.path();
        let last = path.segments.last().map(|s| s.ident.to_string());
        if last.as_deref() == Some("test") {
            return true;
        }
        path.is_ident("cfg")
            && attr
                .meta
                .require_list()
                .is_ok_and(|list| list.tokens.to_string() == "test")
    })
}

/// `use` aliases of one file: the name in scope → the full path it stands for.
type Imports = HashMap<String, Vec<String>>;

fn collect_use(tree: &UseTree, prefix: &mut Vec<String>, out: &mut Imports) {
    match tree {
        UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            collect_use(&p.tree, prefix, out);
            prefix.pop();
        }
        UseTree::Name(n) => {
            let name = n.ident.to_string();
            if name == "self" {
                if let Some(last) = prefix.last() {
                    out.insert(last.clone(), prefix.clone());
                }
            } else {
                let mut full = prefix.clone();
                full.push(name.clone());
                out.insert(name, full);
            }
        }
        UseTree::Rename(r) => {
            let mut full = prefix.clone();
            if r.ident != "self" {
                full.push(r.ident.to_string());
            }
            out.insert(r.rename.to_string(), full);
        }
        UseTree::Group(g) => {
            for item in &g.items {
                collect_use(item, prefix, out);
            }
        }
        UseTree::Glob(_) => {}
    }
}

fn imports_of(items: &[Item], out: &mut Imports) {
    for item in items {
        match item {
            Item::Use(u) => collect_use(&u.tree, &mut Vec::new(), out),
            Item::Mod(m) if !is_test_only(&m.attrs) => {
                if let Some((_, inner)) = &m.content {
                    imports_of(inner, out);
                }
            }
            _ => {}
        }
    }
}

fn resolve(path: &syn::Path, imports: &Imports) -> Vec<String> {
    let mut segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    if let Some(full) = segments.first().and_then(|first| imports.get(first)) {
        let mut resolved = full.clone();
        resolved.extend(segments.drain(1..));
        segments = resolved;
    }
    segments
}

/// The service of an SDK client type (`aws_sdk_s3::Client`, `&Client`, `Arc<Client>`).
fn client_type(ty: &Type, imports: &Imports) -> Option<String> {
    match ty {
        Type::Reference(r) => client_type(&r.elem, imports),
        Type::Paren(p) => client_type(&p.elem, imports),
        Type::Path(p) => {
            let segments = resolve(&p.path, imports);
            if segments.last().map(String::as_str) == Some("Client") {
                return service_of(segments.first()?);
            }
            // Arc<Client>, Option<Client>, Box<Client>
            let last = p.path.segments.last()?;
            if let syn::PathArguments::AngleBracketed(args) = &last.arguments {
                for arg in &args.args {
                    if let syn::GenericArgument::Type(inner) = arg
                        && let Some(service) = client_type(inner, imports)
                    {
                        return Some(service);
                    }
                }
            }
            None
        }
        _ => None,
    }
}

/// What all crates declare that the per-fn reading needs: fields and accessors holding SDK
/// clients, and string constants (index names).
#[derive(Default)]
struct Globals {
    /// (struct, field) → service.
    client_fields: HashMap<(String, String), String>,
    /// Accessor name → the services of the clients fns of that name return.
    client_accessors: HashMap<String, BTreeSet<String>>,
    consts: HashMap<String, String>,
}

fn collect_globals(items: &[Item], imports: &Imports, globals: &mut Globals) {
    let mut signature = |sig: &Signature| {
        if let syn::ReturnType::Type(_, ty) = &sig.output
            && let Some(service) = client_type(ty, imports)
        {
            globals
                .client_accessors
                .entry(sig.ident.to_string())
                .or_default()
                .insert(service);
        }
    };
    let mut fields: Vec<((String, String), String)> = Vec::new();
    let mut consts: Vec<(String, String)> = Vec::new();
    let mut nested: Vec<&Vec<Item>> = Vec::new();
    for item in items {
        match item {
            Item::Struct(s) => {
                for field in &s.fields {
                    if let (Some(name), Some(service)) =
                        (&field.ident, client_type(&field.ty, imports))
                    {
                        fields.push(((s.ident.to_string(), name.to_string()), service));
                    }
                }
            }
            Item::Fn(f) => signature(&f.sig),
            Item::Impl(i) => {
                for item in &i.items {
                    if let ImplItem::Fn(f) = item {
                        signature(&f.sig);
                    }
                }
            }
            Item::Const(c) => {
                if let Expr::Lit(lit) = &*c.expr
                    && let syn::Lit::Str(s) = &lit.lit
                {
                    consts.push((c.ident.to_string(), s.value()));
                }
            }
            Item::Mod(m) if !is_test_only(&m.attrs) => {
                if let Some((_, inner)) = &m.content {
                    nested.push(inner);
                }
            }
            _ => {}
        }
    }
    globals.client_fields.extend(fields);
    globals.consts.extend(consts);
    for inner in nested {
        collect_globals(inner, imports, globals);
    }
}

/// Reads every fn of every crate.
pub fn read(crates: &[Crate]) -> Result<Vec<FnDef>, String> {
    let mut parsed = Vec::new();
    let mut globals = Globals::default();
    for krate in crates {
        for file in &krate.files {
            let ast = syn::parse_file(&file.text).map_err(|e| format!("{}: {e}", file.path))?;
            let mut imports = Imports::new();
            imports_of(&ast.items, &mut imports);
            collect_globals(&ast.items, &imports, &mut globals);
            parsed.push((krate, file, ast, imports));
        }
    }
    let mut fns = Vec::new();
    for (krate, file, ast, imports) in &parsed {
        let reader = Reader {
            globals: &globals,
            imports,
            krate: &krate.name,
        };
        reader.items(&ast.items, &file.module, &mut fns);
    }
    Ok(fns)
}

struct Reader<'a> {
    globals: &'a Globals,
    imports: &'a Imports,
    krate: &'a str,
}

impl Reader<'_> {
    fn items(&self, items: &[Item], module: &[String], out: &mut Vec<FnDef>) {
        for item in items {
            match item {
                Item::Fn(f) if !is_test_only(&f.attrs) => {
                    out.push(self.function(module, None, &f.sig, &f.block));
                }
                Item::Impl(i) if !is_test_only(&i.attrs) => {
                    let self_ty = match &*i.self_ty {
                        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                        _ => None,
                    };
                    for item in &i.items {
                        if let ImplItem::Fn(f) = item
                            && !is_test_only(&f.attrs)
                        {
                            out.push(self.function(module, self_ty.clone(), &f.sig, &f.block));
                        }
                    }
                }
                Item::Trait(t) => {
                    for item in &t.items {
                        if let TraitItem::Fn(f) = item
                            && let Some(block) = &f.default
                        {
                            out.push(self.function(
                                module,
                                Some(t.ident.to_string()),
                                &f.sig,
                                block,
                            ));
                        }
                    }
                }
                Item::Mod(m) if !is_test_only(&m.attrs) => {
                    if let Some((_, inner)) = &m.content {
                        let mut module = module.to_vec();
                        module.push(m.ident.to_string());
                        self.items(inner, &module, out);
                    }
                }
                _ => {}
            }
        }
    }

    fn function(
        &self,
        module: &[String],
        self_ty: Option<String>,
        sig: &Signature,
        block: &syn::Block,
    ) -> FnDef {
        let mut params = Vec::new();
        let mut has_self = false;
        let mut client_locals = HashMap::new();
        for input in &sig.inputs {
            match input {
                FnArg::Receiver(_) => has_self = true,
                FnArg::Typed(t) => {
                    let name = match &*t.pat {
                        Pat::Ident(i) => i.ident.to_string(),
                        _ => String::from("_"),
                    };
                    if let Some(service) = client_type(&t.ty, self.imports) {
                        client_locals.insert(name.clone(), service);
                    }
                    params.push(name);
                }
            }
        }
        let mut bindings = Bindings::default();
        bindings.names.extend(params.iter().cloned());
        bindings.visit_block(block);
        let mut def = FnDef {
            krate: self.krate.to_owned(),
            module: module.to_vec(),
            self_ty,
            name: sig.ident.to_string(),
            has_self,
            ops: Vec::new(),
            calls: Vec::new(),
            field_inits: Vec::new(),
            bound: bindings.names,
        };
        let site = def.label();
        let mut body = Body {
            reader: self,
            self_ty: def.self_ty.clone(),
            local_env: &bindings.env,
            field_inits: Vec::new(),
            params: &params,
            bound: &def.bound,
            client_locals,
            site,
            ops: Vec::new(),
            calls: Vec::new(),
        };
        // Locals that hold a client: `let client = aws_sdk_s3::Client::new(..)`.
        for (name, init) in &bindings.locals {
            if let Some(service) = body.client_service(init) {
                body.client_locals.insert(name.clone(), service);
            }
        }
        body.visit_block(block);
        def.ops = body.ops;
        def.calls = body.calls;
        def.field_inits = body.field_inits;
        def
    }
}

/// Every name a fn binds, and the initializers of simple `let`s.
#[derive(Default)]
struct Bindings {
    names: HashSet<String>,
    locals: Vec<(String, Expr)>,
    /// Locals bound from an expression naming environment variables: `let x =
    /// optional("X")`, `match optional("X") { Some(x) => .. }`, `if let Some(x) = ..`.
    env: HashMap<String, BTreeSet<String>>,
}

impl Bindings {
    fn bind_env(&mut self, pat: &Pat, from: &Expr) {
        let vars = env_literals(from);
        if vars.is_empty() {
            return;
        }
        let mut names = Bindings::default();
        names.visit_pat(pat);
        for name in names.names {
            self.env
                .entry(name)
                .or_default()
                .extend(vars.iter().cloned());
        }
    }
}

fn is_env_name(text: &str) -> bool {
    text.len() >= 2
        && text.starts_with(|c: char| c.is_ascii_uppercase())
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn env_literals_in_tokens(stream: TokenStream, out: &mut BTreeSet<String>) {
    for token in stream {
        match token {
            TokenTree::Group(g) => env_literals_in_tokens(g.stream(), out),
            TokenTree::Literal(l) => {
                if let Ok(syn::Lit::Str(s)) = syn::parse2::<syn::Lit>(TokenTree::Literal(l).into())
                    && is_env_name(&s.value())
                {
                    out.insert(s.value());
                }
            }
            _ => {}
        }
    }
}

#[derive(Default)]
struct EnvLiterals(BTreeSet<String>);

impl<'ast> Visit<'ast> for EnvLiterals {
    fn visit_lit_str(&mut self, node: &'ast syn::LitStr) {
        if is_env_name(&node.value()) {
            self.0.insert(node.value());
        }
    }

    fn visit_macro(&mut self, node: &'ast syn::Macro) {
        env_literals_in_tokens(node.tokens.clone(), &mut self.0);
    }
}

/// The string literals in an expression (macro arguments included) that look like
/// environment variable names.
fn env_literals(expr: &Expr) -> BTreeSet<String> {
    let mut literals = EnvLiterals::default();
    literals.visit_expr(expr);
    literals.0
}

impl<'ast> Visit<'ast> for Bindings {
    fn visit_expr_match(&mut self, node: &'ast syn::ExprMatch) {
        for arm in &node.arms {
            self.bind_env(&arm.pat, &node.expr);
        }
        syn::visit::visit_expr_match(self, node);
    }

    fn visit_expr_let(&mut self, node: &'ast syn::ExprLet) {
        self.bind_env(&node.pat, &node.expr);
        syn::visit::visit_expr_let(self, node);
    }

    fn visit_pat_ident(&mut self, node: &'ast syn::PatIdent) {
        self.names.insert(node.ident.to_string());
        syn::visit::visit_pat_ident(self, node);
    }

    fn visit_local(&mut self, node: &'ast syn::Local) {
        if let (Pat::Ident(i), Some(init)) = (&node.pat, &node.init) {
            self.locals
                .push((i.ident.to_string(), (*init.expr).clone()));
        }
        if let Some(init) = &node.init {
            self.bind_env(&node.pat, &init.expr);
        }
        syn::visit::visit_local(self, node);
    }
}

struct Body<'a> {
    reader: &'a Reader<'a>,
    self_ty: Option<String>,
    local_env: &'a HashMap<String, BTreeSet<String>>,
    field_inits: Vec<(String, Vec<Source>)>,
    params: &'a [String],
    bound: &'a HashSet<String>,
    client_locals: HashMap<String, String>,
    site: String,
    ops: Vec<Op>,
    calls: Vec<Call>,
}

fn strip(expr: &Expr) -> &Expr {
    match expr {
        Expr::Reference(r) => strip(&r.expr),
        Expr::Paren(p) => strip(&p.expr),
        Expr::Group(g) => strip(&g.expr),
        Expr::MethodCall(m)
            if m.args.is_empty()
                && matches!(
                    m.method.to_string().as_str(),
                    "clone"
                        | "as_str"
                        | "as_ref"
                        | "as_deref"
                        | "to_owned"
                        | "to_string"
                        | "into"
                        | "unwrap_or_default"
                ) =>
        {
            strip(&m.receiver)
        }
        other => other,
    }
}

/// Calls that make an operation's value but are not operations: `client.clone()`.
const CLIENT_NON_OPERATIONS: &[&str] = &["clone", "config"];

impl Body<'_> {
    fn client_service(&self, expr: &Expr) -> Option<String> {
        match strip(expr) {
            Expr::Field(f) => {
                let syn::Member::Named(name) = &f.member else {
                    return None;
                };
                let name = name.to_string();
                let fields = &self.reader.globals.client_fields;
                let on_self = matches!(&*f.base, Expr::Path(p) if p.path.is_ident("self"));
                if on_self && let Some(owner) = &self.self_ty {
                    return fields.get(&(owner.clone(), name)).cloned();
                }
                // Another value's field: the service if every struct with a client field of
                // that name agrees on it; `?` otherwise, which the check reports.
                let services: BTreeSet<&String> = fields
                    .iter()
                    .filter(|((_, field), _)| *field == name)
                    .map(|(_, service)| service)
                    .collect();
                match services.len() {
                    0 => None,
                    1 => services.into_iter().next().cloned(),
                    _ => Some("?".to_owned()),
                }
            }
            Expr::MethodCall(m) if m.args.is_empty() => {
                let services = self
                    .reader
                    .globals
                    .client_accessors
                    .get(&m.method.to_string())?;
                // Accessors of one name returning different clients: `?`, reported.
                match services.len() {
                    1 => services.iter().next().cloned(),
                    _ => Some("?".to_owned()),
                }
            }
            Expr::Path(p) if p.path.segments.len() == 1 => self
                .client_locals
                .get(&p.path.segments[0].ident.to_string())
                .cloned(),
            Expr::Call(c) => match &*c.func {
                Expr::Path(p) => {
                    let segments = resolve(&p.path, self.reader.imports);
                    let n = segments.len();
                    (n >= 2 && segments[n - 2] == "Client")
                        .then(|| service_of(&segments[0]))
                        .flatten()
                }
                _ => None,
            },
            _ => None,
        }
    }

    fn classify(&self, expr: &Expr) -> Res {
        match strip(expr) {
            Expr::Field(f) => match &f.member {
                syn::Member::Named(name) => Res::Field(name.to_string()),
                syn::Member::Unnamed(_) => Res::Unknown,
            },
            Expr::MethodCall(m) if m.args.is_empty() => Res::Field(m.method.to_string()),
            Expr::Path(p) if p.path.segments.len() == 1 => {
                let name = p.path.segments[0].ident.to_string();
                match self.params.iter().position(|param| *param == name) {
                    Some(i) => Res::Param(i),
                    None => Res::Unknown,
                }
            }
            _ => Res::Unknown,
        }
    }

    fn index_name(&self, expr: &Expr) -> String {
        match strip(expr) {
            Expr::Lit(lit) => match &lit.lit {
                syn::Lit::Str(s) => s.value(),
                _ => "*".into(),
            },
            Expr::Path(p) => p
                .path
                .segments
                .last()
                .and_then(|s| self.reader.globals.consts.get(&s.ident.to_string()))
                .cloned()
                .unwrap_or_else(|| "*".into()),
            _ => "*".into(),
        }
    }

    /// Records the operation `action` whose builder chain is `chain` (the setters after it).
    fn record(&mut self, actions: Vec<String>, service: &str, chain: &[&ExprMethodCall]) {
        let setter = resource_setter(service);
        let resource = chain
            .iter()
            .find(|m| m.method == setter)
            .and_then(|m| m.args.first())
            .map_or(Res::Unknown, |arg| self.classify(arg));
        let index = chain
            .iter()
            .find(|m| m.method == "index_name")
            .and_then(|m| m.args.first())
            .map(|arg| self.index_name(arg));
        for action in actions {
            self.ops.push(Op {
                action,
                resource: resource.clone(),
                index: index.clone(),
                site: self.site.clone(),
            });
        }
    }

    /// `aws_sdk_dynamodb::types::Put::builder()`: the action of that transaction item.
    fn transaction_item(&self, call: &ExprCall) -> Option<&'static str> {
        let Expr::Path(p) = &*call.func else {
            return None;
        };
        let segments = resolve(&p.path, self.reader.imports);
        let n = segments.len();
        if n < 2 || segments[n - 1] != "builder" || segments[0] != "aws_sdk_dynamodb" {
            return None;
        }
        transaction_item_action(&segments[n - 2])
    }

    fn path_call(&mut self, path: &syn::Path, args: Vec<Res>) {
        let segments = resolve(path, self.reader.imports);
        if segments.len() == 1 && self.bound.contains(&segments[0]) {
            return;
        }
        self.calls.push(Call {
            callee: Callee::Path(segments),
            args,
        });
    }
}

impl<'ast> Visit<'ast> for Body<'_> {
    fn visit_expr_method_call(&mut self, node: &'ast ExprMethodCall) {
        // The whole builder chain at once: `client.query().table_name(..).send().await?`.
        let mut chain: Vec<&'ast ExprMethodCall> = vec![node];
        let mut base: &'ast Expr = &node.receiver;
        loop {
            match base {
                Expr::MethodCall(m) => {
                    chain.push(m);
                    base = &m.receiver;
                }
                Expr::Await(a) => base = &a.base,
                Expr::Try(t) => base = &t.expr,
                Expr::Paren(p) => base = &p.expr,
                _ => break,
            }
        }
        chain.reverse();
        let setters: Vec<String> = chain.iter().map(|m| m.method.to_string()).collect();
        let setter_refs: Vec<&str> = setters.iter().map(String::as_str).collect();
        for i in 0..chain.len() {
            let receiver_service = if i == 0 {
                self.client_service(base)
            } else {
                self.client_service(&Expr::MethodCall(chain[i - 1].clone()))
                    .filter(|_| chain[i - 1].args.is_empty())
            };
            let operation = chain[i].method.to_string();
            if let Some(service) = receiver_service
                && chain[i].args.is_empty()
                && !CLIENT_NON_OPERATIONS.contains(&operation.as_str())
            {
                let actions = iam_actions(&service, &operation, &setter_refs[i + 1..]);
                self.record(actions, &service, &chain[i + 1..]);
                break;
            }
        }
        let mut visit_base = true;
        if let Expr::Call(call) = base
            && let Some(action) = self.transaction_item(call)
        {
            self.record(vec![action.to_owned()], "dynamodb", &chain);
            visit_base = false;
            for arg in &call.args {
                self.visit_expr(arg);
            }
        }
        for m in &chain {
            let args = m.args.iter().map(|a| self.classify(a)).collect();
            self.calls.push(Call {
                callee: Callee::Method(m.method.to_string()),
                args,
            });
        }
        if visit_base {
            self.visit_expr(base);
        }
        for m in &chain {
            for arg in &m.args {
                self.visit_expr(arg);
            }
        }
    }

    fn visit_expr_call(&mut self, node: &'ast ExprCall) {
        if let Some(action) = self.transaction_item(node) {
            // A transaction item built without a chain: its table is not visible here.
            self.ops.push(Op {
                action: action.to_owned(),
                resource: Res::Unknown,
                index: None,
                site: self.site.clone(),
            });
        }
        match &*node.func {
            Expr::Path(p) => {
                let args = node.args.iter().map(|a| self.classify(a)).collect();
                self.path_call(&p.path, args);
            }
            other => self.visit_expr(other),
        }
        for arg in &node.args {
            self.visit_expr(arg);
        }
    }

    fn visit_expr_struct(&mut self, node: &'ast syn::ExprStruct) {
        for field in &node.fields {
            let syn::Member::Named(name) = &field.member else {
                continue;
            };
            let mut sources: Vec<Source> = env_literals(&field.expr)
                .into_iter()
                .map(Source::Env)
                .collect();
            match strip(&field.expr) {
                Expr::Path(p) if p.path.segments.len() == 1 => {
                    let local = p.path.segments[0].ident.to_string();
                    if let Some(i) = self.params.iter().position(|param| *param == local) {
                        sources.push(Source::Param(i));
                    }
                    for var in self.local_env.get(&local).into_iter().flatten() {
                        sources.push(Source::Env(var.clone()));
                    }
                }
                Expr::Field(f) => {
                    if let syn::Member::Named(other) = &f.member {
                        sources.push(Source::Field(other.to_string()));
                    }
                }
                _ => {}
            }
            if !sources.is_empty() {
                self.field_inits.push((name.to_string(), sources));
            }
        }
        syn::visit::visit_expr_struct(self, node);
    }

    /// A fn passed by name: `.map_err(StoreError::from_sdk)`, `.filter_map(audit_record)`.
    fn visit_expr_path(&mut self, node: &'ast ExprPath) {
        self.path_call(&node.path, Vec::new());
    }

    /// Macro arguments are tokens to syn: read them as expressions where they are
    /// (`vec![a, b]`, `format!("{}", f(x))`, the values of `json!({"k": v})`).
    fn visit_macro(&mut self, node: &'ast syn::Macro) {
        for expr in exprs_in(node.tokens.clone()) {
            Visit::visit_expr(self, &expr);
        }
    }
}

fn is_lone_colon(tokens: &[TokenTree], i: usize) -> bool {
    let colon =
        |t: Option<&TokenTree>| matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == ':');
    match &tokens[i] {
        TokenTree::Punct(p) if p.as_char() == ':' => {
            p.spacing() == Spacing::Alone && !(i > 0 && colon(tokens.get(i - 1)))
        }
        _ => false,
    }
}

/// The expressions in a macro's tokens, split at top-level `,` and `;`; a piece that does not
/// parse is tried after a `key:` prefix, then inside its groups.
fn exprs_in(tokens: TokenStream) -> Vec<Expr> {
    let mut out = Vec::new();
    let mut piece: Vec<TokenTree> = Vec::new();
    let flush = |piece: &mut Vec<TokenTree>, out: &mut Vec<Expr>| {
        if piece.is_empty() {
            return;
        }
        let stream: TokenStream = piece.iter().cloned().collect();
        if let Ok(expr) = syn::parse2::<Expr>(stream) {
            out.push(expr);
        } else if let Some(colon) = (0..piece.len()).find(|&i| is_lone_colon(piece, i))
            && let Ok(expr) = syn::parse2::<Expr>(piece[colon + 1..].iter().cloned().collect())
        {
            out.push(expr);
        } else if let Ok(list) = syn::parse::Parser::parse2(
            Punctuated::<Expr, syn::Token![,]>::parse_terminated,
            piece.iter().cloned().collect(),
        ) {
            out.extend(list);
        } else {
            for token in piece.iter() {
                if let TokenTree::Group(g) = token {
                    out.extend(exprs_in(g.stream()));
                }
            }
        }
        piece.clear();
    };
    for token in tokens {
        match &token {
            TokenTree::Punct(p) if p.as_char() == ',' || p.as_char() == ';' => {
                flush(&mut piece, &mut out);
            }
            _ => piece.push(token),
        }
    }
    flush(&mut piece, &mut out);
    out
}

/// Every crate's fns with the calls resolved: each use an edge with the arguments it passes.
pub struct Graph {
    pub fns: Vec<FnDef>,
    edges: Vec<Vec<(usize, Vec<Res>)>>,
}

impl Graph {
    pub fn new(fns: Vec<FnDef>, shared: &str) -> Graph {
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, f) in fns.iter().enumerate() {
            by_name.entry(f.name.as_str()).or_default().push(i);
        }
        let mut edges = Vec::with_capacity(fns.len());
        for caller in &fns {
            let visible = |g: &FnDef| g.krate == caller.krate || g.krate == shared;
            let mut out = Vec::new();
            for call in &caller.calls {
                match &call.callee {
                    Callee::Method(name) => {
                        if NEVER_FOLLOWED.contains(&name.as_str()) {
                            continue;
                        }
                        for &g in by_name.get(name.as_str()).into_iter().flatten() {
                            if fns[g].has_self && visible(&fns[g]) {
                                out.push((g, call.args.clone()));
                            }
                        }
                    }
                    Callee::Path(segments) => {
                        let Some(name) = segments.last() else {
                            continue;
                        };
                        let qualifier = segments.len().checked_sub(2).map(|i| &segments[i]);
                        for &g in by_name.get(name.as_str()).into_iter().flatten() {
                            let callee = &fns[g];
                            if !visible(callee) {
                                continue;
                            }
                            let matches = match qualifier.map(String::as_str) {
                                None => !callee.has_self,
                                Some("Self") => callee.self_ty == caller.self_ty,
                                Some("crate" | "super" | "self") => callee.self_ty.is_none(),
                                Some(q) => {
                                    callee.self_ty.as_deref() == Some(q)
                                        || (callee.self_ty.is_none()
                                            && (callee.module.last().map(String::as_str)
                                                == Some(q)
                                                || (callee.module.is_empty() && callee.krate == q)))
                                }
                            };
                            if matches {
                                // `Type::method(&value, a, b)`: the receiver is the first
                                // argument.
                                let args = if callee.has_self {
                                    call.args.iter().skip(1).cloned().collect()
                                } else {
                                    call.args.clone()
                                };
                                out.push((g, args));
                            }
                        }
                    }
                }
            }
            edges.push(out);
        }
        Graph { fns, edges }
    }

    /// For every fn, the operations it makes itself or through the fns it calls, with
    /// resources that are the callee's parameters replaced by what the caller passes.
    pub fn summaries(&self) -> Vec<BTreeSet<Op>> {
        let mut summary: Vec<BTreeSet<Op>> = self
            .fns
            .iter()
            .map(|f| f.ops.iter().cloned().collect())
            .collect();
        loop {
            let mut changed = false;
            for f in 0..self.fns.len() {
                let mut add = Vec::new();
                for (g, args) in &self.edges[f] {
                    for op in &summary[*g] {
                        let resource = match &op.resource {
                            Res::Param(i) => args.get(*i).cloned().unwrap_or(Res::Unknown),
                            other => other.clone(),
                        };
                        let op = Op {
                            resource,
                            ..op.clone()
                        };
                        if !summary[f].contains(&op) {
                            add.push(op);
                        }
                    }
                }
                if !add.is_empty() {
                    changed = true;
                    summary[f].extend(add);
                }
            }
            if !changed {
                return summary;
            }
        }
    }

    /// Field name → the environment variables its value comes from, followed through struct
    /// literals, other fields and constructor parameters (`Archive::new(client,
    /// &config.bucket)` with `bucket: required("AUDIT_ARCHIVE_BUCKET")?`). By name: fields of
    /// the same name in different structs share their variables.
    pub fn field_env(&self) -> HashMap<String, BTreeSet<String>> {
        let mut env: HashMap<String, BTreeSet<String>> = HashMap::new();
        loop {
            let mut changed = false;
            for (f, def) in self.fns.iter().enumerate() {
                for (field, sources) in &def.field_inits {
                    let mut vars = BTreeSet::new();
                    for source in sources {
                        match source {
                            Source::Env(var) => {
                                vars.insert(var.clone());
                            }
                            Source::Field(other) => {
                                vars.extend(env.get(other).into_iter().flatten().cloned());
                            }
                            Source::Param(i) => {
                                for edges in &self.edges {
                                    for (callee, args) in edges {
                                        if *callee == f
                                            && let Some(Res::Field(other)) = args.get(*i)
                                        {
                                            vars.extend(
                                                env.get(other).into_iter().flatten().cloned(),
                                            );
                                        }
                                    }
                                }
                            }
                        }
                    }
                    let known = env.entry(field.clone()).or_default();
                    let before = known.len();
                    known.extend(vars);
                    changed |= known.len() != before;
                }
            }
            if !changed {
                return env;
            }
        }
    }

    /// What a crate's code uses: the union over its fns. A parameter left unresolved at the
    /// top (a handler's own argument) is unknown.
    pub fn uses_of(&self, summaries: &[BTreeSet<Op>], krate: &str) -> BTreeSet<Op> {
        self.fns
            .iter()
            .zip(summaries)
            .filter(|(f, _)| f.krate == krate)
            .flat_map(|(_, ops)| ops.iter().cloned())
            .map(|op| match op.resource {
                Res::Param(_) => Op {
                    resource: Res::Unknown,
                    ..op
                },
                _ => op,
            })
            .collect()
    }
}

/// Loads a crate from its root files, following `mod x;` declarations that are compiled
/// outside tests.
pub fn load_crate(name: &str, src: &Path, roots: &[&str]) -> Result<Crate, String> {
    let mut files = Vec::new();
    for root in roots {
        let path = src.join(root);
        if path.exists() {
            load_module(&path, src, Vec::new(), &mut files)?;
        }
    }
    Ok(Crate {
        name: name.to_owned(),
        files,
    })
}

fn load_module(
    path: &Path,
    dir: &Path,
    module: Vec<String>,
    out: &mut Vec<SourceFile>,
) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let ast = syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut children = Vec::new();
    declared_modules(&ast.items, dir, &module, &mut children);
    out.push(SourceFile {
        module,
        text,
        path: path.display().to_string(),
    });
    for (child_module, child_dir, name) in children {
        let flat = child_dir.join(format!("{name}.rs"));
        let nested = child_dir.join(&name).join("mod.rs");
        let (file, sub_dir) = if flat.exists() {
            (flat, child_dir.join(&name))
        } else {
            (nested, child_dir.join(&name))
        };
        load_module(&file, &sub_dir, child_module, out)?;
    }
    Ok(())
}

fn declared_modules(
    items: &[Item],
    dir: &Path,
    module: &[String],
    out: &mut Vec<(Vec<String>, std::path::PathBuf, String)>,
) {
    for item in items {
        if let Item::Mod(m) = item
            && !is_test_only(&m.attrs)
        {
            let name = m.ident.to_string();
            let mut child = module.to_vec();
            child.push(name.clone());
            match &m.content {
                None => out.push((child, dir.to_path_buf(), name)),
                Some((_, inner)) => declared_modules(inner, &dir.join(&name), &child, out),
            }
        }
    }
}
