# API problem titles and details (shared/src/http/problem.rs, shared/src/http/rates.rs) and
# field-error messages (shared/src/domain/validation.rs). Technical tokens (errors, If-Match,
# ETag, Idempotency-Key, JSON, routes, "3", "1234.50", SEK) stay as they are in every language.

## Problems: problem-<type>-title and problem-<type>-detail, <type> as in /problems/<type>.

problem-malformed-json-title = Malformed JSON
problem-malformed-json-detail = The request body is not valid JSON.
problem-invalid-request-title = Invalid request
problem-invalid-request-detail = One or more fields have the wrong shape; see errors.
problem-validation-failed-title = The data breaks a rule
problem-validation-failed-detail = One or more fields break a rule; see errors.
problem-unauthorized-title = Authentication required
problem-unauthorized-detail = Provide a valid token or correct credentials.
problem-forbidden-title = Access denied
problem-forbidden-detail = Your role does not allow this.
problem-mfa-enrollment-required-title = Two-factor authentication required
problem-mfa-enrollment-required-detail = Your company requires two-factor authentication: add an authenticator app (POST /auth/mfa/setup) and sign in again.
problem-sso-required-title = Your company requires single sign-on
problem-sso-required-detail = Sign in through your company's identity provider (GET /auth/sso?email=).
problem-not-found-title = Not found
problem-not-found-detail = The resource does not exist.
# A conflict's detail is the reason the route gives.
problem-conflict-title = Conflict
problem-precondition-failed-title = The resource has changed
problem-precondition-failed-detail = The resource changed since it was read; fetch it again.
problem-precondition-required-title = If-Match is required
problem-precondition-required-detail = Send If-Match with the resource's ETag.
problem-payload-too-large-title = Request too large
problem-payload-too-large-detail = The request body exceeds the limit.
problem-file-too-large-title = File too large
problem-file-too-large-detail = The file is larger than an upload may be; see errors.
problem-idempotency-key-reused-title = Idempotency-Key reused
problem-idempotency-key-reused-detail = The key was already used for a different request.
problem-too-many-requests-title = Too many requests
problem-too-many-requests-detail = Wait a moment and try again.
problem-gone-title = Gone
problem-gone-detail = It was kept for a limited time and is no longer available; order it again.
problem-busy-title = Service busy
problem-busy-detail = Too many concurrent changes; try again.
problem-dependency-failed-title = Service temporarily unavailable
problem-dependency-failed-detail = An underlying service failed; nothing was changed.

## The 404 of a rate route names the rate that is missing (dates are YYYY-MM-DD).

problem-no-fx-rate-detail = No { $base }/{ $quote } rate is known on or before { $date }.
problem-no-fx-rate-in-range-detail = No { $base }/{ $quote } rate is known between { $from } and { $to }.
problem-no-government-yield-detail = No government yield ({ $series }) is known on or before the contract's commencement date { $date }, so no rate can be suggested.

## Field errors: the message of one entry of a problem's errors.

field-missing = the field is required
field-unknown = unknown field
field-wrong-type = wrong type, expected { $expected }
# The JSON types field-wrong-type names.
field-type-string = string
field-type-object = object
field-type-array = array
field-type-boolean = boolean
field-type-integer = integer
field-type-number-or-decimal-string = number or decimal string
field-invalid-date = invalid date, use YYYY-MM-DD with a year from { $min } to { $max }
field-invalid-etag = not an entity tag, send the resource's ETag such as "3"
field-invalid-decimal = invalid number, use a decimal such as "1234.50"
field-not-one-of = must be one of: { $allowed }
field-empty = must not be empty
field-too-long = at most { $max } characters
field-not-positive = must be greater than zero
field-negative = must not be negative
field-out-of-range = must be between { $min } and { $max }
field-too-many-decimals = at most { $max } decimal places
field-unknown-currency = unknown currency, use an ISO 4217 code such as SEK
field-unsupported-currency = currencies with { $decimals } decimals are not supported yet; amounts are kept in hundredths (2 decimals)
field-too-many-versions = the contract already has the most versions allowed ({ $max }); register a new contract
field-end-before-start = the end date must not be before the commencement date
field-steps-not-ascending = steps must be in ascending date order
field-outside-term = the date must lie within the lease term
field-before-previous-version = must not be before the latest version's effective date
field-control-characters = must not contain control characters
field-unknown-contract = the company has no contract with this id
field-file-too-large = the file may be at most { $mib } MiB ({ $bytes } bytes)
field-not-accepted = the request could not be accepted
field-erasure-confirm = must be the company's name exactly as it is spelled in the company settings
