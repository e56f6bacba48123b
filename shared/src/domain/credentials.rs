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
        if let Some(code) = &code
            && (code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()))
        {
            errors.push(
                "code",
                FieldErrorKind::Rule("the code has six digits".into()),
            );
        }
        match (session, code) {
            (Some(session), Some(code)) if errors.is_empty() => Ok(MfaAnswer { session, code }),
            _ => Err(errors.list),
        }
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
    fn an_mfa_code_has_six_digits() {
        assert!(MfaAnswer::parse(&json!({"session": "s", "code": "12345a"})).is_err());
        assert!(MfaAnswer::parse(&json!({"session": "s", "code": "123456"})).is_ok());
    }
}
