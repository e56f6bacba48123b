//! The one error type of the HTTP API, mapped once to a status and an RFC 9457 problem.

use lambda_http::{Body, Response, http::StatusCode};
use serde_json::{Value, json};
use thiserror::Error;

use crate::aws::audit::VerifyError;
use crate::aws::cognito::CognitoError;
use crate::aws::secrets::SecretsError;
use crate::aws::store::{CommitError, StoreError};
use crate::domain::lang::Lang;
use crate::domain::validation::{FieldError, FieldErrorKind};

#[derive(Debug, Error)]
pub enum ApiError {
    #[error("the request body is not valid JSON")]
    MalformedJson,
    #[error("the request is invalid")]
    BadRequest(Vec<FieldError>),
    #[error("the request breaks a rule")]
    Unprocessable(Vec<FieldError>),
    #[error("{0}")]
    BadParameter(String),
    #[error("no valid token")]
    Unauthorized,
    #[error("the role does not allow this")]
    Forbidden,
    #[error("the company requires two-factor authentication and the user has none")]
    MfaEnrollmentRequired,
    #[error("the company requires single sign-on")]
    SsoRequired,
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("the resource changed since it was read")]
    PreconditionFailed,
    #[error("If-Match is required")]
    PreconditionRequired,
    #[error("the request body is too large")]
    PayloadTooLarge,
    /// A declared upload above the size limit (the field errors say which and the limit).
    #[error("the file is too large")]
    FileTooLarge(Vec<FieldError>),
    #[error("the Idempotency-Key was used with another request")]
    IdempotencyKeyReused,
    #[error("too many concurrent changes, try again")]
    Busy,
    #[error("too many requests")]
    TooManyRequests,
    #[error("a dependency failed: {0}")]
    Dependency(String),
}

// Storage and identity errors become HTTP answers here, once; `aws` knows no HTTP.
impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        ApiError::Dependency(error.0)
    }
}

impl From<CommitError> for ApiError {
    fn from(error: CommitError) -> Self {
        match error {
            CommitError::Conflict => ApiError::PreconditionFailed,
            // A concurrent request with the same Idempotency-Key committed first; the write
            // path answers with its response once it can read it.
            CommitError::IdempotencyRace | CommitError::Busy => ApiError::Busy,
            CommitError::Dependency(message) => ApiError::Dependency(message),
        }
    }
}

impl From<crate::aws::documents::FilesError> for ApiError {
    fn from(error: crate::aws::documents::FilesError) -> Self {
        ApiError::Dependency(error.to_string())
    }
}

impl From<VerifyError> for ApiError {
    fn from(error: VerifyError) -> Self {
        ApiError::Dependency(error.to_string())
    }
}

impl From<SecretsError> for ApiError {
    fn from(error: SecretsError) -> Self {
        ApiError::Dependency(error.to_string())
    }
}

impl From<crate::aws::hosted_ui::HostedUiError> for ApiError {
    fn from(error: crate::aws::hosted_ui::HostedUiError) -> Self {
        ApiError::Dependency(error.to_string())
    }
}

impl From<CognitoError> for ApiError {
    fn from(error: CognitoError) -> Self {
        match error {
            CognitoError::Throttled => ApiError::TooManyRequests,
            CognitoError::Failed(message) => ApiError::Dependency(message),
        }
    }
}

/// One row of the problem catalogue: slug, status and the title in Swedish and English.
struct Kind {
    slug: &'static str,
    status: StatusCode,
    title_sv: &'static str,
    title_en: &'static str,
}

impl ApiError {
    /// Splits field errors into 400 (shape) or 422 (rule): shape problems come first because a
    /// rule cannot be judged on a document of the wrong shape.
    pub fn from_fields(errors: Vec<FieldError>) -> ApiError {
        if errors.is_empty() {
            // A refusal must always name its field; reaching this is a parser bug.
            return ApiError::Unprocessable(vec![FieldError {
                field: "(body)".into(),
                kind: FieldErrorKind::Rule("the request could not be accepted".into()),
            }]);
        }
        if errors.iter().any(|e| e.kind.is_shape()) {
            ApiError::BadRequest(errors.into_iter().filter(|e| e.kind.is_shape()).collect())
        } else if errors
            .iter()
            .any(|e| matches!(e.kind, FieldErrorKind::FileTooLarge(_)))
        {
            // API.md: a file above the limit is 413, whatever else is wrong with the rules.
            ApiError::FileTooLarge(
                errors
                    .into_iter()
                    .filter(|e| matches!(e.kind, FieldErrorKind::FileTooLarge(_)))
                    .collect(),
            )
        } else {
            ApiError::Unprocessable(errors)
        }
    }

    fn kind(&self) -> Kind {
        let (slug, status, title_sv, title_en) = match self {
            ApiError::MalformedJson => (
                "malformed-json",
                StatusCode::BAD_REQUEST,
                "Ogiltig JSON",
                "Malformed JSON",
            ),
            ApiError::BadRequest(_) | ApiError::BadParameter(_) => (
                "invalid-request",
                StatusCode::BAD_REQUEST,
                "Ogiltig begäran",
                "Invalid request",
            ),
            ApiError::Unprocessable(_) => (
                "validation-failed",
                StatusCode::UNPROCESSABLE_ENTITY,
                "Uppgifterna bryter mot en regel",
                "The data breaks a rule",
            ),
            ApiError::Unauthorized => (
                "unauthorized",
                StatusCode::UNAUTHORIZED,
                "Inloggning krävs",
                "Authentication required",
            ),
            ApiError::Forbidden => (
                "forbidden",
                StatusCode::FORBIDDEN,
                "Åtkomst nekad",
                "Access denied",
            ),
            // API.md names these two types with underscores; clients match on them.
            ApiError::MfaEnrollmentRequired => (
                "mfa_enrollment_required",
                StatusCode::FORBIDDEN,
                "Tvåfaktorsinloggning krävs",
                "Two-factor authentication required",
            ),
            ApiError::SsoRequired => (
                "sso_required",
                StatusCode::UNAUTHORIZED,
                "Företaget kräver enkel inloggning",
                "Your company requires single sign-on",
            ),
            ApiError::NotFound => (
                "not-found",
                StatusCode::NOT_FOUND,
                "Hittades inte",
                "Not found",
            ),
            ApiError::Conflict(_) => ("conflict", StatusCode::CONFLICT, "Konflikt", "Conflict"),
            ApiError::PreconditionFailed => (
                "precondition-failed",
                StatusCode::PRECONDITION_FAILED,
                "Resursen har ändrats",
                "The resource has changed",
            ),
            ApiError::PreconditionRequired => (
                "precondition-required",
                StatusCode::PRECONDITION_REQUIRED,
                "If-Match krävs",
                "If-Match is required",
            ),
            ApiError::PayloadTooLarge => (
                "payload-too-large",
                StatusCode::PAYLOAD_TOO_LARGE,
                "Begäran är för stor",
                "Request too large",
            ),
            ApiError::FileTooLarge(_) => (
                "file-too-large",
                StatusCode::PAYLOAD_TOO_LARGE,
                "Filen är för stor",
                "File too large",
            ),
            ApiError::IdempotencyKeyReused => (
                "idempotency-key-reused",
                StatusCode::UNPROCESSABLE_ENTITY,
                "Idempotency-Key återanvänd",
                "Idempotency-Key reused",
            ),
            ApiError::TooManyRequests => (
                "too-many-requests",
                StatusCode::TOO_MANY_REQUESTS,
                "För många förfrågningar",
                "Too many requests",
            ),
            ApiError::Busy => (
                "busy",
                StatusCode::SERVICE_UNAVAILABLE,
                "Tjänsten är upptagen",
                "Service busy",
            ),
            ApiError::Dependency(_) => (
                "dependency-failed",
                StatusCode::SERVICE_UNAVAILABLE,
                "Tjänsten är tillfälligt otillgänglig",
                "Service temporarily unavailable",
            ),
        };
        Kind {
            slug,
            status,
            title_sv,
            title_en,
        }
    }

    pub fn status(&self) -> StatusCode {
        self.kind().status
    }

    fn detail(&self, lang: Lang) -> String {
        let sv = lang.is_swedish();
        let text = match self {
            ApiError::MalformedJson => {
                if sv {
                    "Begärans innehåll är inte giltig JSON."
                } else {
                    "The request body is not valid JSON."
                }
            }
            ApiError::BadRequest(_) => {
                if sv {
                    "Ett eller flera fält har fel form; se errors."
                } else {
                    "One or more fields have the wrong shape; see errors."
                }
            }
            ApiError::Unprocessable(_) => {
                if sv {
                    "Ett eller flera fält bryter mot en regel; se errors."
                } else {
                    "One or more fields break a rule; see errors."
                }
            }
            ApiError::BadParameter(message) => return message.clone(),
            ApiError::Unauthorized => {
                if sv {
                    "Ange en giltig token eller korrekta inloggningsuppgifter."
                } else {
                    "Provide a valid token or correct credentials."
                }
            }
            ApiError::Forbidden => {
                if sv {
                    "Din roll tillåter inte detta."
                } else {
                    "Your role does not allow this."
                }
            }
            ApiError::MfaEnrollmentRequired => {
                if sv {
                    "Företaget kräver tvåfaktorsinloggning: lägg till en autentiseringsapp \
                     (POST /auth/mfa/setup) och logga in igen."
                } else {
                    "Your company requires two-factor authentication: add an authenticator \
                     app (POST /auth/mfa/setup) and sign in again."
                }
            }
            ApiError::SsoRequired => {
                if sv {
                    "Logga in via företagets identitetsleverantör (GET /auth/sso?email=)."
                } else {
                    "Sign in through your company's identity provider (GET /auth/sso?email=)."
                }
            }
            ApiError::NotFound => {
                if sv {
                    "Resursen finns inte."
                } else {
                    "The resource does not exist."
                }
            }
            ApiError::Conflict(message) => return message.clone(),
            ApiError::PreconditionFailed => {
                if sv {
                    "Resursen har ändrats sedan den lästes; hämta den igen."
                } else {
                    "The resource changed since it was read; fetch it again."
                }
            }
            ApiError::PreconditionRequired => {
                if sv {
                    "Skicka If-Match med resursens ETag."
                } else {
                    "Send If-Match with the resource's ETag."
                }
            }
            ApiError::PayloadTooLarge => {
                if sv {
                    "Begärans innehåll överskrider gränsen."
                } else {
                    "The request body exceeds the limit."
                }
            }
            ApiError::FileTooLarge(_) => {
                if sv {
                    "Filen är större än vad som får laddas upp; se errors."
                } else {
                    "The file is larger than an upload may be; see errors."
                }
            }
            ApiError::IdempotencyKeyReused => {
                if sv {
                    "Nyckeln användes redan för en annan begäran."
                } else {
                    "The key was already used for a different request."
                }
            }
            ApiError::TooManyRequests => {
                if sv {
                    "Vänta en stund och försök igen."
                } else {
                    "Wait a moment and try again."
                }
            }
            ApiError::Busy => {
                if sv {
                    "För många samtidiga ändringar; försök igen."
                } else {
                    "Too many concurrent changes; try again."
                }
            }
            ApiError::Dependency(_) => {
                if sv {
                    "En underliggande tjänst svarade inte; inget ändrades."
                } else {
                    "An underlying service failed; nothing was changed."
                }
            }
        };
        text.to_owned()
    }

    /// The problem document of RFC 9457.
    pub fn to_problem(&self, lang: Lang) -> Value {
        let kind = self.kind();
        let title = if lang.is_swedish() {
            kind.title_sv
        } else {
            kind.title_en
        };
        let mut problem = json!({
            "type": format!("/problems/{}", kind.slug),
            "title": title,
            "status": kind.status.as_u16(),
            "detail": self.detail(lang),
        });
        if let ApiError::BadRequest(errors)
        | ApiError::Unprocessable(errors)
        | ApiError::FileTooLarge(errors) = self
        {
            problem["errors"] = errors
                .iter()
                .map(|e| json!({"field": e.field, "message": e.kind.message(lang)}))
                .collect();
        }
        problem
    }

    pub fn into_response(self, lang: Lang) -> Response<Body> {
        let body = self.to_problem(lang).to_string();
        let mut builder = Response::builder()
            .status(self.status())
            .header("content-type", "application/problem+json")
            .header("content-language", lang.code());
        if matches!(self, ApiError::Unauthorized | ApiError::SsoRequired) {
            builder = builder.header("www-authenticate", "Bearer");
        }
        builder
            .body(Body::Text(body))
            .unwrap_or_else(|_| Response::new(Body::Empty))
    }
}

/// The engine refuses terms it cannot account for (a term that is not whole periods, a change
/// not on a period start, …): a rule the document breaks, so 422 naming the field.
impl From<crate::domain::lease::LeaseError> for ApiError {
    fn from(error: crate::domain::lease::LeaseError) -> Self {
        ApiError::Unprocessable(crate::domain::accounting::lease_field_errors(&error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_errors_win_over_rule_errors() {
        let error = ApiError::from_fields(vec![
            FieldError {
                field: "a".into(),
                kind: FieldErrorKind::NotPositive,
            },
            FieldError {
                field: "b".into(),
                kind: FieldErrorKind::Missing,
            },
        ]);
        assert_eq!(error.status(), StatusCode::BAD_REQUEST);
        let problem = error.to_problem(Lang::En);
        assert_eq!(problem["errors"].as_array().map(Vec::len), Some(1));
        assert_eq!(problem["errors"][0]["field"], "b");
    }

    #[test]
    fn a_file_too_large_is_413_unless_the_shape_is_wrong() {
        let too_large = FieldError {
            field: "size".into(),
            kind: FieldErrorKind::FileTooLarge(10),
        };
        let rule = FieldError {
            field: "contractId".into(),
            kind: FieldErrorKind::UnknownContract,
        };
        let error = ApiError::from_fields(vec![rule.clone(), too_large.clone()]);
        assert_eq!(error.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(error.to_problem(Lang::En)["errors"][0]["field"], "size");
        let shape = FieldError {
            field: "x".into(),
            kind: FieldErrorKind::Unknown,
        };
        assert_eq!(
            ApiError::from_fields(vec![too_large, shape]).status(),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            ApiError::from_fields(vec![rule]).status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }

    #[test]
    fn problems_follow_the_language() {
        assert_eq!(
            ApiError::NotFound.to_problem(Lang::Sv)["title"],
            "Hittades inte"
        );
        assert_eq!(
            ApiError::NotFound.to_problem(Lang::En)["title"],
            "Not found"
        );
        assert_eq!(ApiError::NotFound.to_problem(Lang::En)["status"], 404);
    }
}
