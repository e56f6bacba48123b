//! The one error type of the HTTP API, mapped once to a status and an RFC 9457 problem.

use lambda_http::{Body, Response, http::StatusCode};
use serde_json::{Value, json};
use thiserror::Error;

use crate::aws::audit::VerifyError;
use crate::aws::cognito::CognitoError;
use crate::aws::secrets::SecretsError;
use crate::aws::store::{CommitError, StoreError};
use crate::domain::i18n::{self, Message};
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
    /// What is in the way, worded by the catalogue (`problem-conflict-…-detail` keys).
    #[error("conflict: {}", .0.key)]
    Conflict(Message),
    #[error("the resource changed since it was read")]
    PreconditionFailed,
    #[error("If-Match is required")]
    PreconditionRequired,
    #[error("the request body is too large")]
    PayloadTooLarge,
    /// A declared upload above the size limit (the field errors say which and the limit).
    #[error("the file is too large")]
    FileTooLarge(Vec<FieldError>),
    /// It existed and was kept for a limited time (a report's file after its retention).
    #[error("no longer kept")]
    Gone,
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
            CommitError::Erasing => ApiError::conflict("problem-conflict-erasing-detail"),
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

/// One row of the problem table: the type slug (`/problems/<slug>`) and the status. Title and
/// detail come from the message catalogue under `problem-<slug>-title` and `-detail`.
struct Kind {
    slug: &'static str,
    status: StatusCode,
}

impl Kind {
    /// The catalogue key of one part (`title`, `detail`). Fluent keys use hyphens; the two
    /// slugs API.md spells with underscores map to hyphens here.
    fn key(&self, part: &str) -> String {
        format!("problem-{}-{part}", self.slug.replace('_', "-"))
    }
}

impl ApiError {
    /// A 409 whose detail is the catalogue text `key` (variables added with
    /// [`Message::arg`] build the [`ApiError::Conflict`] directly).
    pub fn conflict(key: &'static str) -> ApiError {
        ApiError::Conflict(Message::new(key))
    }

    /// Splits field errors into 400 (shape) or 422 (rule): shape problems come first because a
    /// rule cannot be judged on a document of the wrong shape.
    pub fn from_fields(errors: Vec<FieldError>) -> ApiError {
        if errors.is_empty() {
            // A refusal must always name its field; reaching this is a parser bug.
            return ApiError::Unprocessable(vec![FieldError {
                field: "(body)".into(),
                kind: FieldErrorKind::NotAccepted,
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
        let (slug, status) = match self {
            ApiError::MalformedJson => ("malformed-json", StatusCode::BAD_REQUEST),
            ApiError::BadRequest(_) | ApiError::BadParameter(_) => {
                ("invalid-request", StatusCode::BAD_REQUEST)
            }
            ApiError::Unprocessable(_) => ("validation-failed", StatusCode::UNPROCESSABLE_ENTITY),
            ApiError::Unauthorized => ("unauthorized", StatusCode::UNAUTHORIZED),
            ApiError::Forbidden => ("forbidden", StatusCode::FORBIDDEN),
            // API.md names these two types with underscores; clients match on them.
            ApiError::MfaEnrollmentRequired => ("mfa_enrollment_required", StatusCode::FORBIDDEN),
            ApiError::SsoRequired => ("sso_required", StatusCode::UNAUTHORIZED),
            ApiError::NotFound => ("not-found", StatusCode::NOT_FOUND),
            ApiError::Conflict(_) => ("conflict", StatusCode::CONFLICT),
            ApiError::PreconditionFailed => {
                ("precondition-failed", StatusCode::PRECONDITION_FAILED)
            }
            ApiError::PreconditionRequired => {
                ("precondition-required", StatusCode::PRECONDITION_REQUIRED)
            }
            ApiError::PayloadTooLarge => ("payload-too-large", StatusCode::PAYLOAD_TOO_LARGE),
            ApiError::FileTooLarge(_) => ("file-too-large", StatusCode::PAYLOAD_TOO_LARGE),
            ApiError::IdempotencyKeyReused => {
                ("idempotency-key-reused", StatusCode::UNPROCESSABLE_ENTITY)
            }
            ApiError::TooManyRequests => ("too-many-requests", StatusCode::TOO_MANY_REQUESTS),
            ApiError::Gone => ("gone", StatusCode::GONE),
            ApiError::Busy => ("busy", StatusCode::SERVICE_UNAVAILABLE),
            ApiError::Dependency(_) => ("dependency-failed", StatusCode::SERVICE_UNAVAILABLE),
        };
        Kind { slug, status }
    }

    pub fn status(&self) -> StatusCode {
        self.kind().status
    }

    fn detail(&self, lang: Lang) -> String {
        match self {
            // The route's own words say what exactly is wrong or in the way.
            ApiError::BadParameter(message) => message.clone(),
            ApiError::Conflict(reason) => reason.render(lang),
            _ => i18n::text(lang, &self.kind().key("detail"), &[]),
        }
    }

    /// The problem document of RFC 9457.
    pub fn to_problem(&self, lang: Lang) -> Value {
        let kind = self.kind();
        let mut problem = json!({
            "type": format!("/problems/{}", kind.slug),
            "title": i18n::text(lang, &kind.key("title"), &[]),
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

    /// One error of every variant (a new variant belongs here, so its texts are checked).
    fn one_of_each() -> Vec<ApiError> {
        let field = || {
            vec![FieldError {
                field: "x".into(),
                kind: FieldErrorKind::Missing,
            }]
        };
        vec![
            ApiError::MalformedJson,
            ApiError::BadRequest(field()),
            ApiError::Unprocessable(field()),
            ApiError::BadParameter("limit must be 1 to 100".into()),
            ApiError::Unauthorized,
            ApiError::Forbidden,
            ApiError::MfaEnrollmentRequired,
            ApiError::SsoRequired,
            ApiError::NotFound,
            ApiError::conflict("problem-conflict-contract-archived-detail"),
            ApiError::PreconditionFailed,
            ApiError::PreconditionRequired,
            ApiError::PayloadTooLarge,
            ApiError::FileTooLarge(field()),
            ApiError::IdempotencyKeyReused,
            ApiError::Busy,
            ApiError::TooManyRequests,
            ApiError::Gone,
            ApiError::Dependency("timeout".into()),
        ]
    }

    #[test]
    fn every_problem_has_its_title_and_detail_in_each_of_the_eight_languages() {
        for error in one_of_each() {
            let kind = error.kind();
            let english = error.to_problem(Lang::En);
            for (lang, _) in &crate::domain::i18n::LANGUAGES {
                let problem = error.to_problem(*lang);
                let title_key = kind.key("title");
                assert!(i18n::has(&title_key), "{title_key} is not in the catalogue");
                assert_eq!(problem["title"], i18n::text(*lang, &title_key, &[]));
                assert_eq!(problem["type"], format!("/problems/{}", kind.slug));
                assert_eq!(problem["status"], kind.status.as_u16());
                match &error {
                    ApiError::BadParameter(message) => {
                        assert_eq!(problem["detail"], message.as_str());
                    }
                    ApiError::Conflict(reason) => {
                        assert!(
                            i18n::has(reason.key),
                            "{} is not in the catalogue",
                            reason.key
                        );
                        assert_eq!(problem["detail"], reason.render(*lang));
                        if *lang != Lang::En {
                            assert_ne!(problem["detail"], english["detail"], "{}", lang.code());
                        }
                    }
                    _ => {
                        let detail_key = kind.key("detail");
                        assert!(
                            i18n::has(&detail_key),
                            "{detail_key} is not in the catalogue"
                        );
                        assert_eq!(problem["detail"], i18n::text(*lang, &detail_key, &[]));
                        if *lang != Lang::En {
                            assert_ne!(problem["detail"], english["detail"], "{}", lang.code());
                        }
                    }
                }
                if *lang != Lang::En {
                    assert_ne!(problem["title"], english["title"], "{}", lang.code());
                }
                if let Some(errors) = problem["errors"].as_array() {
                    assert_eq!(errors[0]["message"], FieldErrorKind::Missing.message(*lang));
                }
            }
        }
    }

    #[test]
    fn a_conflict_is_explained_in_the_callers_language_with_its_values() {
        let taken = ApiError::Conflict(
            Message::new("problem-conflict-domain-claimed-detail").arg("domain", "corp.example"),
        );
        assert_eq!(
            taken.to_problem(Lang::En)["detail"],
            "the domain corp.example is already claimed for single sign-on by another company; \
             ask its owner to release it, or contact support"
        );
        let swedish = taken.to_problem(Lang::Sv);
        assert_eq!(swedish["status"], 409);
        assert_eq!(
            swedish["detail"],
            "domänen corp.example används redan för enkel inloggning av ett annat företag; be \
             dess ägare att släppa den, eller kontakta supporten"
        );
        assert_eq!(
            ApiError::from(CommitError::Erasing).to_problem(Lang::Sv)["detail"],
            "Företaget håller på att raderas; inget mer kan skrivas för det."
        );
    }

    #[test]
    fn a_finnish_caller_reads_finnish() {
        let problem = ApiError::PreconditionRequired.to_problem(Lang::Fi);
        assert_eq!(problem["title"], "If-Match vaaditaan");
        assert_eq!(
            problem["detail"],
            "Lähetä If-Match, jossa on resurssin ETag."
        );
        assert_eq!(
            ApiError::MfaEnrollmentRequired.to_problem(Lang::Lt)["type"],
            "/problems/mfa_enrollment_required"
        );
    }

    #[test]
    fn the_swedish_and_english_wording_clients_compare_is_kept() {
        let file = ApiError::FileTooLarge(vec![]);
        assert_eq!(file.to_problem(Lang::Sv)["title"], "Filen är för stor");
        assert_eq!(
            ApiError::Dependency(String::new()).to_problem(Lang::En)["detail"],
            "An underlying service failed; nothing was changed."
        );
        assert_eq!(
            ApiError::SsoRequired.to_problem(Lang::Sv)["detail"],
            "Logga in via företagets identitetsleverantör (GET /auth/sso?email=)."
        );
        assert_eq!(
            ApiError::from_fields(vec![]).to_problem(Lang::En)["errors"][0]["message"],
            "the request could not be accepted"
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
