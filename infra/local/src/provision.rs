//! Creates the emulator's tables, user pool and app client from template.yaml, and seeds the
//! demo companies and users of API.md. Every step is idempotent: running it against an
//! emulator that already has them changes nothing.

use aws_sdk_cognitoidentityprovider as cognito;
use aws_sdk_dynamodb as dynamodb;
use cognito::types::{
    ExplicitAuthFlowsType, PasswordPolicyType, PreventUserExistenceErrorTypes, SchemaAttributeType,
    StringAttributeConstraintsType, TimeUnitsType, TokenValidityUnitsType, UserPoolMfaType,
    UserPoolPolicyType, UsernameAttributeType, UsernameConfigurationType, VerifiedAttributeType,
};
use dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection,
    ProjectionType, ScalarAttributeType, StreamSpecification, StreamViewType,
    TimeToLiveSpecification,
};
use serde_json::Value;
use thiserror::Error;

use crate::template::{Template, TemplateError, to_json};
use mypages::aws::Store;
use mypages::aws::keys::{COMPANY_SK, company_pk};
use mypages::aws::pool_users::PoolUsers;
use mypages::domain::lang::Lang;
use mypages::domain::role::Role;
use mypages::domain::user::UserRecord;

#[derive(Debug, Error)]
pub enum ProvisionError {
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error("emulator: {0}")]
    Emulator(String),
}

fn emulator(e: impl std::fmt::Display) -> ProvisionError {
    ProvisionError::Emulator(e.to_string())
}

fn text<'a>(value: &'a Value, key: &str) -> Result<&'a str, ProvisionError> {
    value
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| ProvisionError::Template(TemplateError::Shape(format!("missing {key}"))))
}

fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn key_schema(value: &Value) -> Result<Vec<KeySchemaElement>, ProvisionError> {
    list(value, "KeySchema")
        .iter()
        .map(|k| {
            KeySchemaElement::builder()
                .attribute_name(text(k, "AttributeName")?)
                .key_type(KeyType::from(text(k, "KeyType")?))
                .build()
                .map_err(emulator)
        })
        .collect()
}

/// Creates table `name` from the template resource `logical_id` unless it exists.
pub async fn ensure_table(
    client: &dynamodb::Client,
    template: &Template,
    logical_id: &str,
    name: &str,
) -> Result<(), ProvisionError> {
    let props = to_json_lenient(template.properties(logical_id, "AWS::DynamoDB::Table")?);
    let exists = client.describe_table().table_name(name).send().await;
    if exists.is_ok() {
        return Ok(());
    }
    let mut create = client
        .create_table()
        .table_name(name)
        .billing_mode(BillingMode::from(
            props
                .get("BillingMode")
                .and_then(Value::as_str)
                .unwrap_or("PAY_PER_REQUEST"),
        ))
        .set_key_schema(Some(key_schema(&props)?));
    for definition in list(&props, "AttributeDefinitions") {
        create = create.attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name(text(definition, "AttributeName")?)
                .attribute_type(ScalarAttributeType::from(text(
                    definition,
                    "AttributeType",
                )?))
                .build()
                .map_err(emulator)?,
        );
    }
    for index in list(&props, "GlobalSecondaryIndexes") {
        let projection = index.get("Projection").cloned().unwrap_or(Value::Null);
        create = create.global_secondary_indexes(
            GlobalSecondaryIndex::builder()
                .index_name(text(index, "IndexName")?)
                .set_key_schema(Some(key_schema(index)?))
                .projection(
                    Projection::builder()
                        .projection_type(ProjectionType::from(
                            projection
                                .get("ProjectionType")
                                .and_then(Value::as_str)
                                .unwrap_or("ALL"),
                        ))
                        .build(),
                )
                .build()
                .map_err(emulator)?,
        );
    }
    if let Some(stream) = props.get("StreamSpecification") {
        create = create.stream_specification(
            StreamSpecification::builder()
                .stream_enabled(true)
                .stream_view_type(StreamViewType::from(text(stream, "StreamViewType")?))
                .build()
                .map_err(emulator)?,
        );
    }
    create
        .send()
        .await
        .map_err(|e| emulator(dynamodb::error::DisplayErrorContext(e)))?;
    if let Some(ttl) = props.get("TimeToLiveSpecification")
        && ttl.get("Enabled").and_then(Value::as_bool) == Some(true)
    {
        client
            .update_time_to_live()
            .table_name(name)
            .time_to_live_specification(
                TimeToLiveSpecification::builder()
                    .attribute_name(text(ttl, "AttributeName")?)
                    .enabled(true)
                    .build()
                    .map_err(emulator)?,
            )
            .send()
            .await
            .map_err(|e| emulator(dynamodb::error::DisplayErrorContext(e)))?;
    }
    Ok(())
}

/// The table's definition with intrinsics (the KMS key id and such) left out: the local stack
/// reads only literal keys, indexes, TTL and stream settings.
fn to_json_lenient(value: &serde_yaml::Value) -> Value {
    match value {
        serde_yaml::Value::Mapping(map) => Value::Object(
            map.iter()
                .filter_map(|(k, v)| {
                    let key = k.as_str()?.to_owned();
                    if matches!(v, serde_yaml::Value::Tagged(_)) {
                        return None;
                    }
                    Some((key, to_json_lenient(v)))
                })
                .collect(),
        ),
        serde_yaml::Value::Sequence(items) => {
            Value::Array(items.iter().map(to_json_lenient).collect())
        }
        other => to_json(other).unwrap_or(Value::Null),
    }
}

/// Finds or creates the user pool and app client defined by the template; returns their ids.
pub async fn ensure_user_pool(
    client: &cognito::Client,
    template: &Template,
    pool_name: &str,
) -> Result<(String, String), ProvisionError> {
    let pool = to_json_lenient(template.properties("UserPool", "AWS::Cognito::UserPool")?);
    let app =
        to_json_lenient(template.properties("UserPoolClient", "AWS::Cognito::UserPoolClient")?);
    let pools = client
        .list_user_pools()
        .max_results(60)
        .send()
        .await
        .map_err(|e| emulator(cognito::error::DisplayErrorContext(e)))?;
    let existing = pools
        .user_pools()
        .iter()
        .find(|p| p.name() == Some(pool_name))
        .and_then(|p| p.id().map(str::to_owned));
    let pool_id = match existing {
        Some(id) => id,
        None => create_pool(client, &pool, pool_name).await?,
    };
    let client_name = format!("{pool_name}-api");
    let clients = client
        .list_user_pool_clients()
        .user_pool_id(&pool_id)
        .max_results(60)
        .send()
        .await
        .map_err(|e| emulator(cognito::error::DisplayErrorContext(e)))?;
    let existing = clients
        .user_pool_clients()
        .iter()
        .find(|c| c.client_name() == Some(client_name.as_str()))
        .and_then(|c| c.client_id().map(str::to_owned));
    let client_id = match existing {
        Some(id) => id,
        None => create_client(client, &app, &pool_id, &client_name).await?,
    };
    Ok((pool_id, client_id))
}

async fn create_pool(
    client: &cognito::Client,
    pool: &Value,
    name: &str,
) -> Result<String, ProvisionError> {
    let policy = pool
        .get("Policies")
        .and_then(|p| p.get("PasswordPolicy"))
        .cloned()
        .unwrap_or(Value::Null);
    let flag = |key: &str| policy.get(key).and_then(Value::as_bool).unwrap_or(false);
    let number = |key: &str| {
        policy
            .get(key)
            .and_then(|v| {
                v.as_i64()
                    .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            })
            .and_then(|v| i32::try_from(v).ok())
    };
    let mut create = client
        .create_user_pool()
        .pool_name(name)
        .mfa_configuration(UserPoolMfaType::from(
            pool.get("MfaConfiguration")
                .and_then(Value::as_str)
                .unwrap_or("OFF"),
        ))
        .policies(
            UserPoolPolicyType::builder()
                .password_policy(
                    PasswordPolicyType::builder()
                        .set_minimum_length(number("MinimumLength"))
                        .require_uppercase(flag("RequireUppercase"))
                        .require_lowercase(flag("RequireLowercase"))
                        .require_numbers(flag("RequireNumbers"))
                        .require_symbols(flag("RequireSymbols"))
                        .set_temporary_password_validity_days(number(
                            "TemporaryPasswordValidityDays",
                        ))
                        .build(),
                )
                .build(),
        );
    if let Some(case_sensitive) = pool
        .get("UsernameConfiguration")
        .and_then(|c| c.get("CaseSensitive"))
        .and_then(Value::as_bool)
    {
        create = create.username_configuration(
            UsernameConfigurationType::builder()
                .case_sensitive(case_sensitive)
                .build()
                .map_err(emulator)?,
        );
    }
    for attribute in list(pool, "UsernameAttributes") {
        if let Some(a) = attribute.as_str() {
            create = create.username_attributes(UsernameAttributeType::from(a));
        }
    }
    for attribute in list(pool, "AutoVerifiedAttributes") {
        if let Some(a) = attribute.as_str() {
            create = create.auto_verified_attributes(VerifiedAttributeType::from(a));
        }
    }
    for attribute in list(pool, "Schema") {
        let constraints = attribute.get("StringAttributeConstraints").map(|c| {
            StringAttributeConstraintsType::builder()
                .set_min_length(
                    c.get("MinLength")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                )
                .set_max_length(
                    c.get("MaxLength")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                )
                .build()
        });
        create = create.schema(
            SchemaAttributeType::builder()
                .name(text(attribute, "Name")?)
                .attribute_data_type(text(attribute, "AttributeDataType")?.into())
                .mutable(
                    attribute
                        .get("Mutable")
                        .and_then(Value::as_bool)
                        .unwrap_or(true),
                )
                .required(
                    attribute
                        .get("Required")
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                )
                .set_string_attribute_constraints(constraints)
                .build(),
        );
    }
    let out = create
        .send()
        .await
        .map_err(|e| emulator(cognito::error::DisplayErrorContext(e)))?;
    out.user_pool()
        .and_then(|p| p.id())
        .map(str::to_owned)
        .ok_or_else(|| emulator("CreateUserPool returned no id"))
}

async fn create_client(
    client: &cognito::Client,
    app: &Value,
    pool_id: &str,
    name: &str,
) -> Result<String, ProvisionError> {
    let strings = |key: &str| -> Vec<String> {
        list(app, key)
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    };
    let minutes = |key: &str| {
        app.get(key)
            .and_then(Value::as_i64)
            .and_then(|v| i32::try_from(v).ok())
    };
    let out = client
        .create_user_pool_client()
        .generate_secret(
            app.get("GenerateSecret")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        )
        .user_pool_id(pool_id)
        .client_name(name)
        .generate_secret(
            app.get("GenerateSecret")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        )
        .set_explicit_auth_flows(Some(
            strings("ExplicitAuthFlows")
                .iter()
                .map(|f| ExplicitAuthFlowsType::from(f.as_str()))
                .collect(),
        ))
        .set_read_attributes(Some(strings("ReadAttributes")))
        .set_write_attributes(Some(strings("WriteAttributes")))
        .prevent_user_existence_errors(PreventUserExistenceErrorTypes::from(
            app.get("PreventUserExistenceErrors")
                .and_then(Value::as_str)
                .unwrap_or("ENABLED"),
        ))
        .set_id_token_validity(minutes("IdTokenValidity"))
        .set_access_token_validity(minutes("AccessTokenValidity"))
        .set_refresh_token_validity(minutes("RefreshTokenValidity"))
        .token_validity_units(
            TokenValidityUnitsType::builder()
                .id_token(TimeUnitsType::Minutes)
                .access_token(TimeUnitsType::Minutes)
                .refresh_token(TimeUnitsType::Days)
                .build(),
        )
        .send()
        .await
        .map_err(|e| emulator(cognito::error::DisplayErrorContext(e)))?;
    out.user_pool_client()
        .and_then(|c| c.client_id())
        .map(str::to_owned)
        .ok_or_else(|| emulator("CreateUserPoolClient returned no id"))
}

/// A company of the demo data set, and its users.
pub struct DemoCompany {
    pub id: &'static str,
    pub name: &'static str,
    pub users: &'static [(&'static str, &'static str)],
}

pub const DEMO_PASSWORD: &str = "Demo-Passw0rd!";

pub const DEMO_COMPANIES: &[DemoCompany] = &[
    DemoCompany {
        id: "demo-ab",
        name: "Demo AB",
        users: &[
            ("admin@demo.example", "admin"),
            ("editor@demo.example", "editor"),
            ("viewer@demo.example", "viewer"),
        ],
    },
    DemoCompany {
        id: "other-ab",
        name: "Other AB",
        users: &[("admin@other.example", "admin")],
    },
];

/// Writes the company item (if absent) and creates its users with `password`.
pub async fn ensure_company(
    store: &Store,
    users: &UserPool,
    company_id: &str,
    name: &str,
    members: &[(&str, &str)],
    password: &str,
) -> Result<(), ProvisionError> {
    let put = store
        .client()
        .put_item()
        .table_name(store.data_table())
        .item(
            "pk",
            dynamodb::types::AttributeValue::S(company_pk(company_id)),
        )
        .item(
            "sk",
            dynamodb::types::AttributeValue::S(COMPANY_SK.to_owned()),
        )
        .item("name", dynamodb::types::AttributeValue::S(name.to_owned()))
        .condition_expression("attribute_not_exists(pk)")
        .send()
        .await;
    if let Err(error) = put {
        let exists = error
            .as_service_error()
            .is_some_and(|e| e.is_conditional_check_failed_exception());
        if !exists {
            return Err(emulator(dynamodb::error::DisplayErrorContext(error)));
        }
    }
    for (email, roles) in members {
        users
            .provision_user(store, email, password, company_id, roles)
            .await?;
    }
    Ok(())
}

pub async fn seed_demo(store: &Store, users: &UserPool) -> Result<(), ProvisionError> {
    for company in DEMO_COMPANIES {
        ensure_company(
            store,
            users,
            company.id,
            company.name,
            company.users,
            DEMO_PASSWORD,
        )
        .await?;
    }
    seed_demo_portfolio(store, users).await
}

/// The login functions' secrets in the emulator's Secrets Manager, as template.yaml keeps them
/// in AWS: a random HMAC key for MFA sessions, and the app client's secret. Returns their ids
/// and the client secret itself (for the local Cognito front).
pub async fn ensure_auth_secrets(
    idp: &cognito::Client,
    secrets: &aws_sdk_secretsmanager::Client,
    pool_id: &str,
    client_id: &str,
) -> Result<(mypages::config::AuthSecretIds, String), ProvisionError> {
    let described = idp
        .describe_user_pool_client()
        .user_pool_id(pool_id)
        .client_id(client_id)
        .send()
        .await
        .map_err(|e| emulator(cognito::error::DisplayErrorContext(e)))?;
    let client_secret = described
        .user_pool_client()
        .and_then(|c| c.client_secret())
        .ok_or_else(|| emulator("the app client has no secret (GenerateSecret in template.yaml)"))?
        .to_owned();
    let session_key = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let ids = mypages::config::AuthSecretIds {
        session_key: put_secret(secrets, "mypages-local/session-key", &session_key).await?,
        client_secret: put_secret(
            secrets,
            "mypages-local/user-pool-client-secret",
            &client_secret,
        )
        .await?,
    };
    Ok((ids, client_secret))
}

/// Creates the secret, or gives it a new value if it exists; returns its ARN.
async fn put_secret(
    secrets: &aws_sdk_secretsmanager::Client,
    name: &str,
    value: &str,
) -> Result<String, ProvisionError> {
    let created = secrets
        .create_secret()
        .name(name)
        .secret_string(value)
        .send()
        .await;
    let arn = match created {
        Ok(out) => out.arn().map(str::to_owned),
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|e| e.is_resource_exists_exception()) =>
        {
            secrets
                .put_secret_value()
                .secret_id(name)
                .secret_string(value)
                .send()
                .await
                .map_err(|e| emulator(aws_sdk_secretsmanager::error::DisplayErrorContext(e)))?
                .arn()
                .map(str::to_owned)
        }
        Err(error) => {
            return Err(emulator(
                aws_sdk_secretsmanager::error::DisplayErrorContext(error),
            ));
        }
    };
    arn.ok_or_else(|| emulator(format!("secret {name} has no ARN")))
}

/// The emulator's user pool, for creating users the way an administrator would.
pub struct UserPool {
    pub client: cognito::Client,
    pub id: String,
}

impl UserPool {
    /// Creates (or brings up to date) a confirmed user with a permanent password in Cognito,
    /// and their user record (roles, a comma list) with the `sub` pointer in `company_id`:
    /// the tokens' company and roles come from the record, through the pre-token-generation
    /// trigger. Seeding, not a change of a tenant's data: not audited, like the company item.
    pub async fn provision_user(
        &self,
        store: &Store,
        email: &str,
        password: &str,
        company_id: &str,
        roles: &str,
    ) -> Result<(), ProvisionError> {
        let attribute = |name: &str, value: &str| {
            cognito::types::AttributeType::builder()
                .name(name)
                .value(value)
                .build()
                .map_err(emulator)
        };
        let attributes = vec![
            attribute("email", email)?,
            attribute("email_verified", "true")?,
        ];
        let created = self
            .client
            .admin_create_user()
            .user_pool_id(&self.id)
            .username(email)
            .message_action(cognito::types::MessageActionType::Suppress)
            .set_user_attributes(Some(attributes))
            .send()
            .await;
        if let Err(error) = created {
            let exists = error
                .as_service_error()
                .is_some_and(|e| e.is_username_exists_exception());
            if !exists {
                return Err(emulator(cognito::error::DisplayErrorContext(error)));
            }
        }
        self.client
            .admin_set_user_password()
            .user_pool_id(&self.id)
            .username(email)
            .password(password)
            .permanent(true)
            .send()
            .await
            .map_err(|e| emulator(cognito::error::DisplayErrorContext(e)))?;
        let user = PoolUsers::new(self.client.clone().into())
            .user_in_pool(&self.id, email)
            .await
            .map_err(emulator)?
            .ok_or_else(|| emulator("the pool lost the user it just created"))?;
        let sub = user
            .attributes
            .get("sub")
            .cloned()
            .ok_or_else(|| emulator("the pool's user has no sub"))?;
        ensure_user_record(store, company_id, &sub, email, Role::parse_list(roles)).await
    }
}

/// Writes the user's record and `sub` pointer unless they exist; an existing record gets the
/// given roles and is active again.
async fn ensure_user_record(
    store: &Store,
    company_id: &str,
    sub: &str,
    email: &str,
    roles: Vec<Role>,
) -> Result<(), ProvisionError> {
    let write = |items| async {
        store
            .client()
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await
    };
    match store.user(company_id, sub).await.map_err(emulator)? {
        None => {
            let record = UserRecord {
                id: sub.to_owned(),
                email: Some(email.to_owned()),
                roles,
                locale: Lang::default().code().to_owned(),
                active: true,
                federated: false,
                mfa_enrolled: false,
                created_at: mypages::aws::timestamp(chrono::Utc::now()),
                erased: false,
                erased_at: None,
                version: 1,
            };
            write(store.user_create(company_id, &record).map_err(emulator)?)
                .await
                .map_err(|e| emulator(dynamodb::error::DisplayErrorContext(e)))?;
        }
        Some(record) if record.roles != roles || !record.active => {
            let updated = UserRecord {
                roles,
                active: true,
                ..record.clone()
            };
            write(vec![
                store
                    .user_update(company_id, &updated, record.version)
                    .map_err(emulator)?,
            ])
            .await
            .map_err(|e| emulator(dynamodb::error::DisplayErrorContext(e)))?;
        }
        Some(_) => {}
    }
    Ok(())
}

// --- the demo lease portfolio (issue 10: the quarter report the demo extracts)
pub use demo_portfolio::{
    DEMO_PORTFOLIO_COMPANY, DemoChange, DemoLease, demo_leases, seed_demo_portfolio,
};

/// Demo AB's leases, written through the contracts' store code like the API writes them.
mod demo_portfolio {
    use mypages::aws::Store;
    use mypages::aws::contracts::{ContractHead, ContractStatus, ContractVersion, Expect};
    use mypages::aws::pool_users::PoolUsers;
    use mypages::domain::audit::AuditEvent;
    use mypages::domain::company::CompanySettings;
    use mypages::domain::contract::{ContractChange, ContractTerms, next_version};
    use mypages::http::views::accountable_contract_document;
    use serde_json::{Value, json};

    use super::{ProvisionError, UserPool, emulator};

    /// The company whose portfolio the demo report covers.
    pub const DEMO_PORTFOLIO_COMPANY: &str = "demo-ab";
    /// Who registered the demo leases: the demo admin (their `sub` is the actor).
    const DEMO_PORTFOLIO_ACTOR: &str = "admin@demo.example";
    /// The audit reason of every write of the seed.
    const DEMO_DATA_REASON: &str = "demo data";
    /// The request id of the seed's audit records (no HTTP request made them).
    const DEMO_DATA_REQUEST: &str = "local-seed-demo-portfolio";

    /// A later version of a demo lease: the PATCH body the API would have taken (with
    /// `effectiveFrom` and `reason`), and when it was registered.
    pub struct DemoChange {
        pub patch: Value,
        pub registered_at: &'static str,
    }

    /// One lease of the demo portfolio, as the API would have stored it.
    pub struct DemoLease {
        /// Fixed, in the shape of the API's ids (UUID v7 text), so a second seed finds it.
        pub id: &'static str,
        /// The `POST /contracts` body.
        pub terms: Value,
        pub registered_at: &'static str,
        pub change: Option<DemoChange>,
        /// When the lease was archived (a termination, for the report), if it was.
        pub archived_at: Option<&'static str>,
    }

    /// Demo AB's leases, chosen so that the IFRS 16 report for the demo quarter 2024-10-01 –
    /// 2024-12-31 shows every kind of movement: leases running through the quarter in SEK, EUR
    /// and NOK (monthly and quarterly, in advance and in arrears), a remeasurement inside the
    /// quarter (an index raise from 2024-10-01), an addition inside it (a car from 2024-11-01), a
    /// termination inside it (archived on 2024-11-15), and the two exemptions (expense only).
    /// The names, lessors and amounts are invented.
    pub fn demo_leases() -> Vec<DemoLease> {
        vec![
            DemoLease {
                id: "01857a3c-2d00-7000-8000-00000000de01",
                terms: json!({
                    "name": "Kontor Kungsgatan 12, plan 4",
                    "reference": "HK-2023-001",
                    "lessor": "Fastighets AB Norrmalmsgården",
                    "assetClass": "premises",
                    "currency": "SEK",
                    "commencementDate": "2023-01-01",
                    "endDate": "2032-12-31",
                    "payment": {"amount": "375000.00", "frequency": "quarterly", "timing": "advance"},
                    "discountRate": "4.5",
                    "initialDirectCosts": "45000.00",
                    "restorationCosts": "120000.00"
                }),
                registered_at: "2022-12-12T09:30:00Z",
                // The rent follows the consumer price index: an index change keeps the discount
                // rate (IFRS 16 §42(b)), so the PATCH names only the new amount.
                change: Some(DemoChange {
                    patch: json!({
                        "payment": {"amount": "390000.00"},
                        "effectiveFrom": "2024-10-01",
                        "reason": "Indexuppräkning av hyran enligt KPI från 2024-10-01"
                    }),
                    registered_at: "2024-09-20T13:15:00Z",
                }),
                archived_at: None,
            },
            DemoLease {
                id: "01857a3c-2d00-7000-8000-00000000de02",
                terms: json!({
                    "name": "Lager Jordbrolänken 3, Haninge",
                    "reference": "LG-2022-014",
                    "lessor": "Södertörns Logistikfastigheter AB",
                    "assetClass": "premises",
                    "currency": "SEK",
                    "commencementDate": "2022-07-01",
                    "endDate": "2029-06-30",
                    "payment": {"amount": "68500.00", "frequency": "monthly", "timing": "arrears"},
                    "discountRate": "3.5"
                }),
                registered_at: "2022-06-20T10:00:00Z",
                change: None,
                archived_at: None,
            },
            DemoLease {
                id: "01857a3c-2d00-7000-8000-00000000de03",
                terms: json!({
                    "name": "Tjänstebil Volvo XC60, filial Hamburg",
                    "reference": "FZ-2024-031",
                    "lessor": "Hanseatische Fahrzeugleasing GmbH",
                    "assetClass": "vehicle",
                    "currency": "EUR",
                    "commencementDate": "2024-03-01",
                    "endDate": "2027-02-28",
                    "payment": {"amount": "690.00", "frequency": "monthly", "timing": "advance"},
                    "discountRate": "5.2"
                }),
                registered_at: "2024-02-19T08:45:00Z",
                change: None,
                archived_at: None,
            },
            DemoLease {
                id: "01857a3c-2d00-7000-8000-00000000de04",
                terms: json!({
                    "name": "Tjänstebil Polestar 2, filial Hamburg",
                    "reference": "FZ-2024-118",
                    "lessor": "Hanseatische Fahrzeugleasing GmbH",
                    "assetClass": "vehicle",
                    "currency": "EUR",
                    "commencementDate": "2024-11-01",
                    "endDate": "2027-10-31",
                    "payment": {"amount": "745.00", "frequency": "monthly", "timing": "advance"},
                    "discountRate": "5.5"
                }),
                registered_at: "2024-10-21T14:10:00Z",
                change: None,
                archived_at: None,
            },
            DemoLease {
                id: "01857a3c-2d00-7000-8000-00000000de05",
                terms: json!({
                    "name": "Servrar och nätverk, kontoret i Oslo",
                    "reference": "IT-2024-007",
                    "lessor": "Nordisk IT-Finans AS",
                    "assetClass": "it",
                    "currency": "NOK",
                    "commencementDate": "2024-06-01",
                    "endDate": "2027-05-31",
                    "payment": {"amount": "48000.00", "frequency": "quarterly", "timing": "arrears"},
                    "discountRate": "4.8"
                }),
                registered_at: "2024-05-24T11:20:00Z",
                change: None,
                archived_at: None,
            },
            DemoLease {
                id: "01857a3c-2d00-7000-8000-00000000de06",
                terms: json!({
                    "name": "CNC-fräs Mazak VCN-530C, verkstaden i Eskilstuna",
                    "reference": "MA-2021-002",
                    "lessor": "Maskinfinans i Mälardalen AB",
                    "assetClass": "equipment",
                    "currency": "SEK",
                    "commencementDate": "2021-04-01",
                    "endDate": "2026-03-31",
                    "payment": {"amount": "24500.00", "frequency": "monthly", "timing": "advance"},
                    "discountRate": "3.9"
                }),
                registered_at: "2021-03-15T09:00:00Z",
                change: None,
                // The machine was returned early. The report takes the UTC date of the archive's
                // `updatedAt` as the termination date; the API stamps it with the time of the
                // request, so the seed sets a past archive date on purpose, inside the demo
                // quarter.
                archived_at: Some("2024-11-15T10:00:00Z"),
            },
            DemoLease {
                id: "01857a3c-2d00-7000-8000-00000000de07",
                terms: json!({
                    "name": "Projektkontor Stortorget 9, Malmö",
                    "reference": "PK-2024-003",
                    "lessor": "Flexkontor Öresund AB",
                    "assetClass": "premises",
                    "currency": "SEK",
                    "commencementDate": "2024-09-01",
                    "endDate": "2025-08-31",
                    "payment": {"amount": "18000.00", "frequency": "monthly", "timing": "advance"},
                    "discountRate": "4.0",
                    "exemption": "shortTerm"
                }),
                registered_at: "2024-08-26T15:40:00Z",
                change: None,
                archived_at: None,
            },
            DemoLease {
                id: "01857a3c-2d00-7000-8000-00000000de08",
                terms: json!({
                    "name": "Multifunktionsskrivare, huvudkontoret",
                    "reference": "IT-2024-001",
                    "lessor": "Kontorsteknik i Sverige AB",
                    "assetClass": "it",
                    "currency": "SEK",
                    "commencementDate": "2024-01-01",
                    "endDate": "2028-12-31",
                    "payment": {"amount": "2850.00", "frequency": "quarterly", "timing": "advance"},
                    "discountRate": "5.0",
                    "exemption": "lowValue"
                }),
                registered_at: "2023-12-18T10:30:00Z",
                change: None,
                archived_at: None,
            },
        ]
    }

    fn instant(text: &str) -> Result<String, ProvisionError> {
        let at = chrono::DateTime::parse_from_rfc3339(text)
            .map_err(|e| emulator(format!("demo timestamp {text}: {e}")))?;
        Ok(mypages::aws::timestamp(at.with_timezone(&chrono::Utc)))
    }

    fn demo_event(actor: &str, action: &str, id: &str, details: &[(&str, Value)]) -> AuditEvent {
        AuditEvent {
            actor: actor.to_owned(),
            action: action.to_owned(),
            target: format!("contract/{id}"),
            reason: Some(DEMO_DATA_REASON.to_owned()),
            request_id: DEMO_DATA_REQUEST.to_owned(),
            details: details
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        }
    }

    /// Writes Demo AB's lease portfolio ([`demo_leases`]) as the API would: each contract, each
    /// later version and each archive in one transaction with its audit record in the company's
    /// data chain (the demo admin as the actor), only terms the API accepts and the engine can
    /// schedule. Idempotent: a step already done (the contract exists, has the version, is
    /// archived) is skipped, so a second seed writes nothing, and one cut short is completed.
    pub async fn seed_demo_portfolio(
        store: &Store,
        users: &UserPool,
    ) -> Result<(), ProvisionError> {
        let admin = PoolUsers::new(users.client.clone().into())
            .user_in_pool(&users.id, DEMO_PORTFOLIO_ACTOR)
            .await
            .map_err(emulator)?
            .ok_or_else(|| emulator("the demo admin is not in the pool"))?;
        let actor = admin
            .attributes
            .get("sub")
            .cloned()
            .ok_or_else(|| emulator("the demo admin has no sub"))?;
        for lease in demo_leases() {
            ensure_demo_lease(store, &actor, &lease).await?;
        }
        Ok(())
    }

    async fn commit_demo(
        store: &Store,
        settings: &CompanySettings,
        mut data_ops: Vec<aws_sdk_dynamodb::types::TransactWriteItem>,
        event: AuditEvent,
        measured: bool,
    ) -> Result<(), ProvisionError> {
        if measured {
            data_ops.push(
                store
                    .company_settings_unchanged(DEMO_PORTFOLIO_COMPANY, settings.version)
                    .map_err(emulator)?,
            );
        }
        store
            .commit(DEMO_PORTFOLIO_COMPANY, data_ops, event, None)
            .await
            .map_err(|e| emulator(format!("demo portfolio: {e}")))?;
        Ok(())
    }

    async fn ensure_demo_lease(
        store: &Store,
        actor: &str,
        lease: &DemoLease,
    ) -> Result<(), ProvisionError> {
        let company = DEMO_PORTFOLIO_COMPANY;
        let settings = store.company_settings(company).await.map_err(emulator)?;
        let refused = |what: &str, detail: String| {
            emulator(format!("demo lease {} {what}: {detail}", lease.id))
        };
        let stored = store
            .contract_with_versions(company, lease.id)
            .await
            .map_err(emulator)?;
        let (mut head, mut versions) = match stored {
            Some(stored) => stored,
            None => {
                let terms = ContractTerms::parse(&lease.terms)
                    .map_err(|errors| refused("terms", format!("{errors:?}")))?;
                let at = instant(lease.registered_at)?;
                let version = ContractVersion {
                    version: 1,
                    effective_from: terms.commencement_date,
                    reason: None,
                    created_at: at.clone(),
                    created_by: actor.to_owned(),
                    terms: terms.clone(),
                };
                let head = ContractHead {
                    id: lease.id.to_owned(),
                    version: 1,
                    status: ContractStatus::Active,
                    effective_from: terms.commencement_date,
                    initial_terms: terms.clone(),
                    terms,
                    created_at: at.clone(),
                    created_by: actor.to_owned(),
                    updated_at: at,
                    updated_by: actor.to_owned(),
                };
                let versions = vec![version];
                accountable_contract_document(&head, &versions, &settings)
                    .map_err(|e| refused("schedule", e.to_string()))?;
                let data_ops = vec![
                    store
                        .contract_head_put(company, &head, Expect::New)
                        .map_err(emulator)?,
                    store
                        .contract_version_put(company, lease.id, &versions[0])
                        .map_err(emulator)?,
                ];
                let event =
                    demo_event(actor, "contract.create", lease.id, &[("version", json!(1))]);
                commit_demo(store, &settings, data_ops, event, true).await?;
                (head, versions)
            }
        };
        // Only a demo lease still as the seed left it is taken further: one a user changed or
        // archived since is theirs now.
        if let Some(change) = &lease.change
            && head.version == 1
            && head.status == ContractStatus::Active
        {
            let parsed = ContractChange::parse(&change.patch, &head.terms, head.effective_from)
                .map_err(|errors| refused("change", format!("{errors:?}")))?;
            let at = instant(change.registered_at)?;
            let number = next_version(head.version)
                .map_err(|errors| refused("change", format!("{errors:?}")))?;
            let version = ContractVersion {
                version: number,
                effective_from: parsed.effective_from,
                reason: Some(parsed.reason.clone()),
                created_at: at.clone(),
                created_by: actor.to_owned(),
                terms: parsed.terms.clone(),
            };
            let expected = head.version;
            head = ContractHead {
                version: number,
                terms: parsed.terms,
                effective_from: parsed.effective_from,
                updated_at: at,
                updated_by: actor.to_owned(),
                ..head
            };
            versions.push(version.clone());
            accountable_contract_document(&head, &versions, &settings)
                .map_err(|e| refused("schedule", e.to_string()))?;
            let data_ops = vec![
                store
                    .contract_head_put(company, &head, Expect::Version(expected))
                    .map_err(emulator)?,
                store
                    .contract_version_put(company, lease.id, &version)
                    .map_err(emulator)?,
            ];
            let event = demo_event(
                actor,
                "contract.update",
                lease.id,
                &[
                    ("version", json!(number)),
                    ("effectiveFrom", json!(parsed.effective_from)),
                    ("fields", json!(parsed.changed_fields)),
                ],
            );
            commit_demo(store, &settings, data_ops, event, true).await?;
        }
        let wanted_version = if lease.change.is_some() { 2 } else { 1 };
        if let Some(archived_at) = lease.archived_at
            && head.version == wanted_version
            && head.status == ContractStatus::Active
        {
            let expected = head.version;
            let archived = ContractHead {
                status: ContractStatus::Archived,
                updated_at: instant(archived_at)?,
                updated_by: actor.to_owned(),
                ..head
            };
            let data_ops = vec![
                store
                    .contract_head_put(company, &archived, Expect::Version(expected))
                    .map_err(emulator)?,
            ];
            let event = demo_event(
                actor,
                "contract.archive",
                lease.id,
                &[("version", json!(archived.version))],
            );
            commit_demo(store, &settings, data_ops, event, false).await?;
        }
        Ok(())
    }
}
