//! A user of a company as the product knows them: the record behind the token's company,
//! roles and locale. Cognito knows the password and the TOTP secret; the roles live here, so
//! the pre-token-generation trigger (not an attribute a user could write) puts them in tokens.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::i18n::Message;
use super::lang::Lang;
use super::role::Role;
use super::validation::{Errors, FieldError, FieldErrorKind, Object};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserRecord {
    /// Cognito `sub`: stable, pseudonymous, what audit records name.
    pub id: String,
    /// `None` once the person is erased (see [`UserRecord::erased`]).
    pub email: Option<String>,
    pub roles: Vec<Role>,
    /// A language code of [`super::lang::Lang`] (`sv`, `en`, ...).
    pub locale: String,
    /// A deactivated user cannot sign in (Cognito disables them too; the pre-authentication
    /// trigger checks this record as well).
    pub active: bool,
    /// Signed up through the company's identity provider (SSO), not invited with a password.
    pub federated: bool,
    /// Whether the user had TOTP the last time a token was issued (for the user list; the
    /// token's own `mfa_enrolled` claim is computed afresh each time).
    pub mfa_enrolled: bool,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// The person was erased (GDPR Art. 17): the record stays as a pseudonymous tombstone so
    /// the audit chain's `sub` still names "a user of this company", but holds nothing that
    /// identifies anyone. Views show it as `email: null, erased: true`.
    #[serde(default)]
    pub erased: bool,
    /// RFC 3339 UTC, when the person was erased.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erased_at: Option<String>,
    /// Optimistic-lock version of the record.
    pub version: u32,
}

impl UserRecord {
    pub fn is_active_admin(&self) -> bool {
        self.active && self.roles.contains(&Role::Admin)
    }

    /// The record once the person is erased at `at`: no address, inactive, marked erased.
    /// What stays identifies nobody: the pseudonymous `sub`, the roles the user held (the
    /// company's record of who could do what), the locale, when the record was created, and
    /// whether the user came through SSO.
    pub fn erased(&self, at: &str) -> UserRecord {
        UserRecord {
            email: None,
            active: false,
            mfa_enrolled: false,
            erased: true,
            erased_at: Some(at.to_owned()),
            ..self.clone()
        }
    }
}

/// What a view shows where an erased person's address was.
pub const ERASED_USER: &str = "erased user";

/// Removes an erased person from a stored answer (the JSON of a response kept for
/// idempotent replays): a user object with their `id` shows as erased (`email: null,
/// erased: true`), and any text that holds their address (`address`, lower case, when
/// known) becomes [`ERASED_USER`]. Returns whether anything changed.
pub fn scrub_person(value: &mut Value, user_id: &str, address: Option<&str>) -> bool {
    match value {
        Value::Object(object) => {
            let mut changed = false;
            let is_the_person = object.get("id").and_then(Value::as_str) == Some(user_id)
                && object.contains_key("email");
            if is_the_person && !object["email"].is_null() {
                object.insert("email".to_owned(), Value::Null);
                object.insert("erased".to_owned(), Value::Bool(true));
                changed = true;
            }
            for field in object.values_mut() {
                changed |= scrub_person(field, user_id, address);
            }
            changed
        }
        Value::Array(items) => items.iter_mut().fold(false, |changed, item| {
            scrub_person(item, user_id, address) | changed
        }),
        Value::String(text) => match address {
            Some(address) if !address.is_empty() && text.to_lowercase().contains(address) => {
                *text = ERASED_USER.to_owned();
                true
            }
            _ => false,
        },
        _ => false,
    }
}

/// The roles as the token's `roles` claim carries them: comma separated, in a fixed order.
pub fn roles_claim(roles: &[Role]) -> String {
    Role::ALL
        .iter()
        .filter(|r| roles.contains(r))
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// The longest e-mail address a mailbox can have (RFC 5321 path limit).
pub const EMAIL_MAX: usize = 254;
/// The longest reason kept with an audit record.
pub const REASON_MAX: usize = 1000;
/// The pool's password policy (template.yaml `PasswordPolicy`): checked here as well, so a
/// refused temporary password is a 422 naming the field, not Cognito's error.
pub const PASSWORD_MIN: usize = 12;
/// Cognito's limit on a password's length.
pub const PASSWORD_MAX: usize = 256;
/// The characters Cognito counts as symbols for `RequireSymbols`.
const PASSWORD_SYMBOLS: &str = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

const LOCALES: &[&str] = &["sv", "en", "da", "nb", "fi", "lt", "lv", "et", "ee"];
const LOCALE_VALUES: &[Lang] = &[
    Lang::Sv,
    Lang::En,
    Lang::Da,
    Lang::Nb,
    Lang::Fi,
    Lang::Lt,
    Lang::Lv,
    Lang::Et,
    // API.md: `ee` is accepted for Estonian and stored as `et`.
    Lang::Et,
];
const ROLE_NAMES: &[&str] = &["admin", "editor", "viewer", "auditor"];

/// A parsed `POST /users`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    /// Lower-cased: the pool's user names are case-insensitive, so is our copy.
    pub email: String,
    pub roles: Vec<Role>,
    pub locale: Lang,
    /// Set by an admin who hands it over themselves; otherwise Cognito e-mails one.
    pub temporary_password: Option<String>,
}

impl Invite {
    pub fn parse(body: &Value) -> Result<Invite, Vec<FieldError>> {
        let mut errors = Errors::default();
        let Some(obj) = Object::new(body, "", &mut errors) else {
            return Err(errors.list);
        };
        obj.reject_unknown(
            &["email", "roles", "locale", "temporaryPassword"],
            &mut errors,
        );
        let email = read_email(&obj, &mut errors);
        let roles = read_roles(&obj, true, &mut errors).flatten();
        let locale = obj.optional_one_of("locale", LOCALES, LOCALE_VALUES, &mut errors);
        let temporary_password = read_password(&obj, "temporaryPassword", &mut errors);
        match (email, roles, locale, temporary_password) {
            (Some(email), Some(roles), Some(locale), Some(temporary_password))
                if errors.is_empty() =>
            {
                Ok(Invite {
                    email,
                    roles,
                    locale: locale.unwrap_or_default(),
                    temporary_password,
                })
            }
            _ => Err(errors.list),
        }
    }

    /// The new user's record, with the `sub` Cognito gave them.
    pub fn record(&self, id: &str, created_at: &str) -> UserRecord {
        UserRecord {
            id: id.to_owned(),
            email: Some(self.email.clone()),
            roles: self.roles.clone(),
            locale: self.locale.code().to_owned(),
            active: true,
            federated: false,
            mfa_enrolled: false,
            created_at: created_at.to_owned(),
            erased: false,
            erased_at: None,
            version: 1,
        }
    }
}

/// A parsed `PATCH /users/{id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserChange {
    pub roles: Option<Vec<Role>>,
    pub active: Option<bool>,
    pub locale: Option<Lang>,
    pub reason: String,
}

impl UserChange {
    pub fn parse(body: &Value) -> Result<UserChange, Vec<FieldError>> {
        let mut errors = Errors::default();
        let Some(obj) = Object::new(body, "", &mut errors) else {
            return Err(errors.list);
        };
        obj.reject_unknown(&["roles", "active", "locale", "reason"], &mut errors);
        let reason = obj.string("reason", REASON_MAX, &mut errors);
        let roles = read_roles(&obj, false, &mut errors);
        let active = obj.optional_bool("active", &mut errors);
        let locale = obj.optional_one_of("locale", LOCALES, LOCALE_VALUES, &mut errors);
        match (roles, active, locale, reason) {
            (Some(roles), Some(active), Some(locale), Some(reason)) if errors.is_empty() => {
                if roles.is_none() && active.is_none() && locale.is_none() {
                    errors.push(
                        "(body)",
                        FieldErrorKind::rule("field-rule-user-change-names-nothing"),
                    );
                    return Err(errors.list);
                }
                Ok(UserChange {
                    roles,
                    active,
                    locale,
                    reason,
                })
            }
            _ => Err(errors.list),
        }
    }

    /// The record after the change, and the names of the fields whose values it changed
    /// (a field sent with the value it already had is not a change).
    pub fn apply(&self, current: &UserRecord) -> (UserRecord, Vec<String>) {
        let mut next = current.clone();
        let mut changed = Vec::new();
        if let Some(roles) = &self.roles
            && roles_claim(roles) != roles_claim(&current.roles)
        {
            next.roles = roles.clone();
            changed.push("roles".to_owned());
        }
        if let Some(active) = self.active
            && active != current.active
        {
            next.active = active;
            changed.push("active".to_owned());
        }
        if let Some(locale) = self.locale
            && locale.code() != current.locale
        {
            next.locale = locale.code().to_owned();
            changed.push("locale".to_owned());
        }
        (next, changed)
    }
}

/// The reason of a `DELETE /users/{id}` or a `POST /users/{id}/erasure` (the only field
/// either takes).
pub fn parse_removal(body: &Value) -> Result<String, Vec<FieldError>> {
    let mut errors = Errors::default();
    let Some(obj) = Object::new(body, "", &mut errors) else {
        return Err(errors.list);
    };
    obj.reject_unknown(&["reason"], &mut errors);
    match obj.string("reason", REASON_MAX, &mut errors) {
        Some(reason) if errors.is_empty() => Ok(reason),
        _ => Err(errors.list),
    }
}

/// A company always keeps one active admin, so nobody can lock it out of its own users and
/// settings: `Err` when `changed` (a new state of one of `users`) would leave none. `field`
/// is the input field the refusal is about.
pub fn keep_an_active_admin(
    users: &[UserRecord],
    changed: &UserRecord,
    field: &str,
) -> Result<(), Vec<FieldError>> {
    let remains = users
        .iter()
        .map(|u| if u.id == changed.id { changed } else { u })
        .chain((!users.iter().any(|u| u.id == changed.id)).then_some(changed))
        .any(UserRecord::is_active_admin);
    if remains {
        Ok(())
    } else {
        Err(vec![FieldError {
            field: field.to_owned(),
            kind: FieldErrorKind::rule("field-rule-keep-an-active-admin"),
        }])
    }
}

fn read_email(obj: &Object<'_>, errors: &mut Errors) -> Option<String> {
    let email = obj.string("email", EMAIL_MAX, errors)?.to_lowercase();
    let well_formed = email.rsplit_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !local.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
    }) && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if well_formed {
        Some(email)
    } else {
        errors.push(
            obj.path("email"),
            FieldErrorKind::rule("field-rule-email-address"),
        );
        None
    }
}

/// `Some(None)` when absent and not `required`; `Some(Some(roles))` for a non-empty list of
/// known role names (each kept once); `None` with an error otherwise.
fn read_roles(obj: &Object<'_>, required: bool, errors: &mut Errors) -> Option<Option<Vec<Role>>> {
    let field = obj.path("roles");
    let Some(value) = obj.get("roles") else {
        if required {
            errors.push(field, FieldErrorKind::Missing);
            return None;
        }
        return Some(None);
    };
    let Value::Array(items) = value else {
        errors.push(field, FieldErrorKind::WrongType("array"));
        return None;
    };
    if items.is_empty() {
        errors.push(field, FieldErrorKind::Empty);
        return None;
    }
    let mut roles = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let at = format!("{field}[{i}]");
        match item.as_str().map(|name| (name, Role::parse(name))) {
            Some((name, Some(role))) if name == role.as_str() => {
                if !roles.contains(&role) {
                    roles.push(role);
                }
            }
            Some(_) => {
                errors.push(at, FieldErrorKind::NotOneOf(ROLE_NAMES));
                ok = false;
            }
            None => {
                errors.push(at, FieldErrorKind::WrongType("string"));
                ok = false;
            }
        }
    }
    ok.then_some(Some(roles))
}

/// `Some(None)` when absent; the password exactly as sent (never trimmed: spaces may be part
/// of it) when it meets the pool's policy; `None` with an error otherwise.
fn read_password(obj: &Object<'_>, key: &str, errors: &mut Errors) -> Option<Option<String>> {
    let Some(value) = obj.get(key) else {
        return Some(None);
    };
    let Value::String(password) = value else {
        errors.push(obj.path(key), FieldErrorKind::WrongType("string"));
        return None;
    };
    if meets_password_policy(password) {
        Some(Some(password.clone()))
    } else {
        errors.push(obj.path(key), password_policy_rule());
        None
    }
}

/// The rule a password breaks when it does not meet [`meets_password_policy`].
pub fn password_policy_rule() -> FieldErrorKind {
    FieldErrorKind::Rule(
        Message::new("field-rule-password-policy")
            .arg("min", PASSWORD_MIN)
            .arg("max", PASSWORD_MAX),
    )
}

/// The pool's password policy: 12–256 characters, upper case, lower case, a digit and a
/// symbol of Cognito's list; Cognito refuses a leading or trailing space.
pub fn meets_password_policy(password: &str) -> bool {
    let length = password.chars().count();
    (PASSWORD_MIN..=PASSWORD_MAX).contains(&length)
        && password == password.trim_matches(' ')
        && password.chars().any(|c| c.is_ascii_uppercase())
        && password.chars().any(|c| c.is_ascii_lowercase())
        && password.chars().any(|c| c.is_ascii_digit())
        && password.chars().any(|c| PASSWORD_SYMBOLS.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn user(id: &str, roles: &[Role], active: bool) -> UserRecord {
        UserRecord {
            id: id.to_owned(),
            email: Some(format!("{id}@corp.example")),
            roles: roles.to_vec(),
            locale: "sv".into(),
            active,
            federated: false,
            mfa_enrolled: false,
            created_at: "2026-01-01T00:00:00.000Z".into(),
            erased: false,
            erased_at: None,
            version: 1,
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<(String, bool)> {
        errors
            .iter()
            .map(|e| (e.field.clone(), e.kind.is_shape()))
            .collect()
    }

    #[test]
    fn an_invite_takes_email_roles_locale_and_a_temporary_password() {
        let invite = Invite::parse(&json!({
            "email": " Anna@Corp.Example ",
            "roles": ["editor", "viewer", "editor"],
            "locale": "ee",
            "temporaryPassword": "Temp-Passw0rd!x"
        }))
        .expect("valid");
        assert_eq!(invite.email, "anna@corp.example");
        assert_eq!(invite.roles, vec![Role::Editor, Role::Viewer]);
        assert_eq!(invite.locale, Lang::Et);
        assert_eq!(
            invite.temporary_password.as_deref(),
            Some("Temp-Passw0rd!x")
        );
        let record = invite.record("sub-1", "2026-01-01T00:00:00.000Z");
        assert_eq!(record.locale, "et");
        assert!(record.active && !record.federated && record.version == 1);
    }

    #[test]
    fn an_invite_defaults_to_swedish_and_a_password_cognito_e_mails() {
        let invite =
            Invite::parse(&json!({"email": "a@corp.example", "roles": ["admin"]})).expect("valid");
        assert_eq!(invite.locale, Lang::Sv);
        assert_eq!(invite.temporary_password, None);
    }

    #[test]
    fn invite_shape_errors_are_400_and_rule_errors_422() {
        let err = Invite::parse(&json!({"email": "a@corp.example", "roles": ["owner"]}))
            .expect_err("unknown role");
        assert_eq!(fields(&err), vec![("roles[0]".to_owned(), true)]);
        let err = Invite::parse(&json!({"email": "a@corp.example", "roles": "admin"}))
            .expect_err("not a list");
        assert_eq!(fields(&err), vec![("roles".to_owned(), true)]);
        let err = Invite::parse(&json!({"email": "a@corp.example", "roles": [], "x": 1}))
            .expect_err("empty and unknown");
        assert_eq!(
            fields(&err),
            vec![("x".to_owned(), true), ("roles".to_owned(), false)]
        );
        let err =
            Invite::parse(&json!({"email": "a@corp.example", "roles": ["admin"], "locale": "de"}))
                .expect_err("locale");
        assert_eq!(fields(&err), vec![("locale".to_owned(), true)]);
        for email in [
            "nobody",
            "a@b",
            "a b@corp.example",
            "@corp.example",
            "a@corp..example",
        ] {
            let err = Invite::parse(&json!({"email": email, "roles": ["admin"]})).expect_err(email);
            assert_eq!(fields(&err), vec![("email".to_owned(), false)], "{email}");
        }
        let err = Invite::parse(&json!({"roles": ["admin"]})).expect_err("no email");
        assert_eq!(fields(&err), vec![("email".to_owned(), true)]);
    }

    #[test]
    fn a_temporary_password_must_meet_the_pool_policy() {
        for weak in [
            "Short-1a!",
            "no-upper-case-1!",
            "NO-LOWER-CASE-1!",
            "No-Digits-Here!!",
            "NoSymbols12345a",
            " Leading-Space-1a",
            "Trailing-Space-1a ",
        ] {
            let err = Invite::parse(
                &json!({"email": "a@corp.example", "roles": ["admin"], "temporaryPassword": weak}),
            )
            .expect_err(weak);
            assert_eq!(
                fields(&err),
                vec![("temporaryPassword".to_owned(), false)],
                "{weak}"
            );
        }
        assert!(meets_password_policy("Has Space-1a!x"));
        assert!(meets_password_policy("Demo-Passw0rd!"));
    }

    #[test]
    fn a_user_change_needs_a_reason_and_something_to_change() {
        let change = UserChange::parse(&json!({"roles": ["viewer"], "reason": "moved team"}))
            .expect("valid");
        assert_eq!(change.roles, Some(vec![Role::Viewer]));
        assert_eq!(change.reason, "moved team");
        let err = UserChange::parse(&json!({"roles": ["viewer"]})).expect_err("no reason");
        assert_eq!(fields(&err), vec![("reason".to_owned(), true)]);
        let err = UserChange::parse(&json!({"reason": "r"})).expect_err("nothing");
        assert_eq!(fields(&err), vec![("(body)".to_owned(), false)]);
        let err = UserChange::parse(&json!({"reason": "r", "active": "no", "email": "x"}))
            .expect_err("shape");
        assert_eq!(
            fields(&err),
            vec![("email".to_owned(), true), ("active".to_owned(), true)]
        );
    }

    #[test]
    fn applying_a_change_names_only_the_fields_it_changed() {
        let current = user("u1", &[Role::Editor], true);
        let change = UserChange::parse(
            &json!({"roles": ["editor"], "active": false, "locale": "en", "reason": "left"}),
        )
        .expect("valid");
        let (next, changed) = change.apply(&current);
        assert_eq!(changed, vec!["active".to_owned(), "locale".to_owned()]);
        assert!(!next.active);
        assert_eq!(next.locale, "en");
        assert_eq!(next.roles, vec![Role::Editor]);
    }

    #[test]
    fn a_removal_takes_only_a_reason() {
        assert_eq!(
            parse_removal(&json!({"reason": "left"})),
            Ok("left".to_owned())
        );
        assert!(parse_removal(&json!({})).is_err());
        assert!(parse_removal(&json!({"reason": "r", "hard": true})).is_err());
    }

    #[test]
    fn the_last_active_admin_cannot_be_demoted_deactivated_or_removed() {
        let admin = user("a", &[Role::Admin], true);
        let editor = user("e", &[Role::Editor], true);
        let inactive_admin = user("x", &[Role::Admin], false);
        let users = vec![admin.clone(), editor.clone(), inactive_admin];
        let demoted = UserRecord {
            roles: vec![Role::Editor],
            ..admin.clone()
        };
        let deactivated = UserRecord {
            active: false,
            ..admin.clone()
        };
        let err = keep_an_active_admin(&users, &demoted, "roles").expect_err("demote");
        assert_eq!(fields(&err), vec![("roles".to_owned(), false)]);
        assert!(keep_an_active_admin(&users, &deactivated, "active").is_err());
        // With a second active admin either may go.
        let promoted = UserRecord {
            roles: vec![Role::Admin, Role::Editor],
            ..editor
        };
        let two = vec![admin, promoted];
        assert!(keep_an_active_admin(&two, &deactivated, "active").is_ok());
        // A change to a user who is not an admin never trips the rule.
        assert!(keep_an_active_admin(&two, &user("n", &[Role::Viewer], false), "active").is_ok());
    }

    #[test]
    fn an_erased_record_keeps_no_address_and_cannot_sign_in() {
        let current = user("u1", &[Role::Admin], true);
        let erased = current.erased("2026-11-29T07:00:00.000Z");
        assert_eq!(erased.email, None);
        assert!(!erased.active && erased.erased && !erased.is_active_admin());
        assert_eq!(
            erased.erased_at.as_deref(),
            Some("2026-11-29T07:00:00.000Z")
        );
        assert_eq!((erased.id.as_str(), erased.version), ("u1", 1));
        let view = serde_json::to_value(&erased).expect("JSON");
        assert_eq!(view["email"], Value::Null);
        assert_eq!(view["erased"], true);
        assert_eq!(view["erasedAt"], "2026-11-29T07:00:00.000Z");
        // A record stored before erasure existed reads as not erased, and shows no erasedAt.
        let mut stored = serde_json::to_value(&current).expect("JSON");
        stored.as_object_mut().map(|o| o.remove("erased"));
        let read: UserRecord = serde_json::from_value(stored).expect("an older record");
        assert!(!read.erased);
        assert!(
            serde_json::to_value(&read)
                .expect("JSON")
                .get("erasedAt")
                .is_none()
        );
    }

    #[test]
    fn the_last_active_admin_cannot_be_erased() {
        let admin = user("a", &[Role::Admin], true);
        let editor = user("e", &[Role::Editor], true);
        let users = vec![admin.clone(), editor.clone()];
        let erased = admin.erased("2026-11-29T07:00:00.000Z");
        assert!(keep_an_active_admin(&users, &erased, "id").is_err());
        assert!(
            keep_an_active_admin(&users, &editor.erased("2026-11-29T07:00:00.000Z"), "id").is_ok()
        );
    }

    #[test]
    fn scrubbing_a_stored_answer_removes_the_person_and_their_address_only() {
        let mut answer = json!({
            "id": "u1", "email": "anna@corp.example", "roles": ["editor"],
            "items": [{"id": "u2", "email": "bo@corp.example"}],
            "note": "invited ANNA@corp.example today"
        });
        assert!(scrub_person(&mut answer, "u1", Some("anna@corp.example")));
        assert_eq!(answer["email"], Value::Null);
        assert_eq!(answer["erased"], true);
        assert_eq!(answer["note"], ERASED_USER);
        assert_eq!(
            answer["items"][0]["email"], "bo@corp.example",
            "another user stays"
        );
        assert!(!answer.to_string().to_lowercase().contains("anna@"));
        // Once scrubbed nothing more changes; without the address the user object still goes.
        assert!(!scrub_person(&mut answer, "u1", Some("anna@corp.example")));
        let mut listed = json!({"items": [{"id": "u1", "email": "anna@corp.example"}]});
        assert!(scrub_person(&mut listed, "u1", None));
        assert_eq!(listed["items"][0]["email"], Value::Null);
        let mut unrelated = json!({"id": "c1", "name": "lease"});
        assert!(!scrub_person(
            &mut unrelated,
            "u1",
            Some("anna@corp.example")
        ));
    }

    #[test]
    fn the_roles_claim_lists_each_role_once_in_a_fixed_order() {
        assert_eq!(
            roles_claim(&[Role::Viewer, Role::Admin, Role::Viewer]),
            "admin,viewer"
        );
        assert_eq!(roles_claim(&[]), "");
    }
}
