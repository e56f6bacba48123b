//! The bodies of the login routes.

use serde_json::Value;

use super::validation::{Errors, FieldError, FieldErrorKind, Object};

/// `{email, password}`. The password is taken exactly as sent (no trimming).
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

// Never print the password, not even in a debug log.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Credentials { .. }")
    }
}

impl Credentials {
    pub fn parse(body: &Value) -> Result<Credentials, Vec<FieldError>> {
        let mut errors = Errors::default();
        let Some(obj) = Object::new(body, "", &mut errors) else {
            return Err(errors.list);
        };
        obj.reject_unknown(&["email", "password"], &mut errors);
        let email = obj.string("email", 254, &mut errors);
        let password = raw_string(&obj, "password", 256, &mut errors);
        match (email, password) {
            (Some(email), Some(password)) if errors.is_empty() => Ok(Credentials {
                email: email.to_ascii_lowercase(),
                password,
            }),
            _ => Err(errors.list),
        }
    }
}

/// `{session, code}` of `POST /auth/mfa`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MfaAnswer {
    pub session: String,
    pub code: String,
}

impl MfaAnswer {
    pub fn parse(body: &Value) -> Result<MfaAnswer, Vec<FieldError>> {
        let mut errors = Errors::default();
        let Some(obj) = Object::new(body, "", &mut errors) else {
            return Err(errors.list);
        };
        obj.reject_unknown(&["session", "code"], &mut errors);
        let session = obj.string("session", 8192, &mut errors);
        let code = obj.string("code", 6, &mut errors);
        check_code(&code, &mut errors);
        match (session, code) {
            (Some(session), Some(code)) if errors.is_empty() => Ok(MfaAnswer { session, code }),
            _ => Err(errors.list),
        }
    }
}

/// A six-digit TOTP code, or a field error on `code`.
fn check_code(code: &Option<String>, errors: &mut Errors) {
    if let Some(code) = code
        && (code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()))
    {
        errors.push("code", FieldErrorKind::rule("field-rule-code-six-digits"));
    }
}

/// `{session, newPassword}` of `POST /auth/password`. The password is taken exactly as sent;
/// the pool's policy judges it.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword {
    pub session: String,
    pub new_password: String,
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword { .. }")
    }
}

impl NewPassword {
    pub fn parse(body: &Value) -> Result<NewPassword, Vec<FieldError>> {
        let mut errors = Errors::default();
        let Some(obj) = Object::new(body, "", &mut errors) else {
            return Err(errors.list);
        };
        obj.reject_unknown(&["session", "newPassword"], &mut errors);
        let session = obj.string("session", 8192, &mut errors);
        let new_password = raw_string(&obj, "newPassword", 256, &mut errors);
        match (session, new_password) {
            (Some(session), Some(new_password)) if errors.is_empty() => Ok(NewPassword {
                session,
                new_password,
            }),
            _ => Err(errors.list),
        }
    }
}

/// `{session?}` of `POST /auth/mfa/setup` (no session: the bearer token names the user).
/// An absent body is an empty one.
pub fn parse_setup_request(body: &Value) -> Result<Option<String>, Vec<FieldError>> {
    if body.is_null() {
        return Ok(None);
    }
    let mut errors = Errors::default();
    let Some(obj) = Object::new(body, "", &mut errors) else {
        return Err(errors.list);
    };
    obj.reject_unknown(&["session"], &mut errors);
    let session = obj.optional_string("session", 8192, &mut errors);
    if errors.is_empty() {
        Ok(session)
    } else {
        Err(errors.list)
    }
}

/// `{code, session?}` of `POST /auth/mfa/verify`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpConfirmation {
    pub code: String,
    pub session: Option<String>,
}

impl TotpConfirmation {
    pub fn parse(body: &Value) -> Result<TotpConfirmation, Vec<FieldError>> {
        let mut errors = Errors::default();
        let Some(obj) = Object::new(body, "", &mut errors) else {
            return Err(errors.list);
        };
        obj.reject_unknown(&["session", "code"], &mut errors);
        let session = obj.optional_string("session", 8192, &mut errors);
        let code = obj.string("code", 6, &mut errors);
        check_code(&code, &mut errors);
        match code {
            Some(code) if errors.is_empty() => Ok(TotpConfirmation { code, session }),
            _ => Err(errors.list),
        }
    }
}

/// `{refreshToken}` of `POST /auth/refresh`.
pub fn parse_refresh_request(body: &Value) -> Result<String, Vec<FieldError>> {
    let mut errors = Errors::default();
    let Some(obj) = Object::new(body, "", &mut errors) else {
        return Err(errors.list);
    };
    obj.reject_unknown(&["refreshToken"], &mut errors);
    let token = obj.string("refreshToken", 8192, &mut errors);
    match token {
        Some(token) if errors.is_empty() => Ok(token),
        _ => Err(errors.list),
    }
}

/// Longest authorization code taken (Cognito's are UUIDs; anything far longer is not one).
pub const MAX_AUTHORIZATION_CODE: usize = 512;

/// `{code}` of `POST /auth/sso/token`: the hosted UI's authorization code.
pub fn parse_sso_token_request(body: &Value) -> Result<String, Vec<FieldError>> {
    let mut errors = Errors::default();
    let Some(obj) = Object::new(body, "", &mut errors) else {
        return Err(errors.list);
    };
    obj.reject_unknown(&["code"], &mut errors);
    let code = obj.string("code", MAX_AUTHORIZATION_CODE, &mut errors);
    match code {
        Some(code) if errors.is_empty() => Ok(code),
        _ => Err(errors.list),
    }
}

fn raw_string(obj: &Object<'_>, key: &str, max: usize, errors: &mut Errors) -> Option<String> {
    match obj.get(key) {
        None => {
            errors.push(obj.path(key), FieldErrorKind::Missing);
            None
        }
        Some(Value::String(s)) if s.is_empty() => {
            errors.push(obj.path(key), FieldErrorKind::Empty);
            None
        }
        Some(Value::String(s)) if s.chars().count() > max => {
            errors.push(obj.path(key), FieldErrorKind::TooLong(max));
            None
        }
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            errors.push(obj.path(key), FieldErrorKind::WrongType("string"));
            None
        }
    }
}

/// Refused logins of one user are recorded one by one only up to this many per window;
/// beyond it they are counted, so no amount of guessing grows the security chain without
/// bound or holds its head for long.
pub const RECORDED_REFUSALS_PER_WINDOW: u64 = 5;
/// The window refused logins are counted in.
pub const REFUSAL_WINDOW_SECONDS: i64 = 300;

/// The window a moment (seconds since the epoch) falls in.
pub fn refusal_window(epoch_seconds: i64) -> i64 {
    epoch_seconds.div_euclid(REFUSAL_WINDOW_SECONDS)
}

/// The details of the record for the `attempt`-th refusal of a user in `window`, or `None`
/// when it is only counted: the one after the last recorded says so.
pub fn refusal_details(window: i64, attempt: u64) -> Option<serde_json::Map<String, Value>> {
    let mut details = serde_json::Map::new();
    details.insert("window".into(), Value::from(window));
    details.insert("attempt".into(), Value::from(attempt));
    match attempt {
        0 => None,
        n if n <= RECORDED_REFUSALS_PER_WINDOW => Some(details),
        n if n == RECORDED_REFUSALS_PER_WINDOW + 1 => {
            details.insert("furtherAttemptsCounted".into(), Value::from(true));
            details.insert("windowSeconds".into(), Value::from(REFUSAL_WINDOW_SECONDS));
            Some(details)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_password_is_kept_exactly_and_never_printed() {
        let c = Credentials::parse(&json!({"email": "A@B.se", "password": " pw "})).expect("ok");
        assert_eq!(c.password, " pw ");
        assert_eq!(c.email, "a@b.se");
        assert!(!format!("{c:?}").contains("pw"));
    }

    #[test]
    fn refusals_are_recorded_up_to_the_bound_then_one_notice_then_only_counted() {
        let recorded: Vec<u64> = (1..=20u64)
            .filter(|n| refusal_details(7, *n).is_some())
            .collect();
        assert_eq!(
            recorded,
            (1..=RECORDED_REFUSALS_PER_WINDOW + 1).collect::<Vec<_>>()
        );
        let notice = refusal_details(7, RECORDED_REFUSALS_PER_WINDOW + 1).unwrap_or_default();
        assert_eq!(notice["furtherAttemptsCounted"], true);
        assert_eq!(notice["window"], 7);
        assert!(
            refusal_details(7, 1)
                .unwrap_or_default()
                .get("furtherAttemptsCounted")
                .is_none()
        );
        assert_eq!(refusal_window(599), refusal_window(300));
        assert_ne!(refusal_window(600), refusal_window(599));
    }

    #[test]
    fn an_mfa_code_has_six_digits() {
        assert!(MfaAnswer::parse(&json!({"session": "s", "code": "12345a"})).is_err());
        assert!(MfaAnswer::parse(&json!({"session": "s", "code": "123456"})).is_ok());
    }

    #[test]
    fn the_new_password_is_kept_exactly_and_never_printed() {
        let answer =
            NewPassword::parse(&json!({"session": "s", "newPassword": " Secret-1 "})).expect("ok");
        assert_eq!(answer.new_password, " Secret-1 ");
        assert!(!format!("{answer:?}").contains("Secret"));
        assert!(NewPassword::parse(&json!({"session": "s"})).is_err());
        assert!(NewPassword::parse(&json!({"session": "s", "newPassword": "x", "y": 1})).is_err());
    }

    #[test]
    fn setup_and_verify_take_an_optional_session() {
        assert_eq!(parse_setup_request(&Value::Null), Ok(None));
        assert_eq!(parse_setup_request(&json!({})), Ok(None));
        assert_eq!(
            parse_setup_request(&json!({"session": "s"})),
            Ok(Some("s".into()))
        );
        assert!(parse_setup_request(&json!({"other": 1})).is_err());
        let verify = TotpConfirmation::parse(&json!({"code": "123456"})).expect("ok");
        assert_eq!(verify.session, None);
        assert!(TotpConfirmation::parse(&json!({"code": "12345"})).is_err());
        assert!(TotpConfirmation::parse(&json!({"session": "s"})).is_err());
    }

    #[test]
    fn refresh_needs_its_token() {
        assert_eq!(
            parse_refresh_request(&json!({"refreshToken": "t"})),
            Ok("t".into())
        );
        assert!(parse_refresh_request(&json!({})).is_err());
    }

    #[test]
    fn an_sso_token_request_is_its_code_only() {
        assert_eq!(
            parse_sso_token_request(&json!({"code": "c0de"})),
            Ok("c0de".into())
        );
        assert!(parse_sso_token_request(&json!({})).is_err());
        assert!(parse_sso_token_request(&json!({"code": "c0de", "state": "x"})).is_err());
        assert!(parse_sso_token_request(&json!({"code": ""})).is_err());
    }
}
