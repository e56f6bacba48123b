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
# A conflict's detail says what is in the way: problem-conflict-<reason>-detail.
problem-conflict-title = Conflict
problem-conflict-erasing-detail = The company is being erased; nothing more can be written for it.
problem-conflict-settings-changed-detail = The company's accounting settings changed while this change was being measured; nothing was written. Send the request again to measure it under the new settings.
problem-conflict-email-taken-detail = The e-mail address already has an account; nothing was created.
problem-conflict-contract-archived-detail = the contract is archived
problem-conflict-contract-already-archived-detail = the contract is already archived
problem-conflict-erasure-scheduled-detail = An erasure of the company is already scheduled; cancel it first (DELETE /company/erasure) to schedule another.
problem-conflict-erasure-started-detail = The erasure has started; it cannot be cancelled any more and runs to its end.
problem-conflict-domain-claimed-detail = the domain { $domain } is already claimed for single sign-on by another company; ask its owner to release it, or contact support
problem-conflict-document-not-uploaded-detail = the document's file has not been uploaded yet; nothing to download
problem-conflict-report-failed-detail = the report failed (see its failureReason); there is no file to download
problem-conflict-report-not-finished-detail = the report is { $status }; it can be downloaded once it is finished
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

## Rule errors: field-rule-<rule>, the business rule one field breaks (HTTP 422). Field names
## and values in quotes are the API's own words and stay as they are.

field-rule-from-after-to = must not be after to
field-rule-to-too-far-after-from = must be at most { $days } days after from
field-rule-from-too-far-before-to = must be at most { $days } days before to (default today)
field-rule-account-code = an account code is 1 to { $max } ASCII letters, digits, '.' or '-'
field-rule-user-change-names-nothing = name at least one of roles, active, locale
field-rule-keep-an-active-admin = the company must keep at least one active admin; make another user admin first
field-rule-email-address = not an e-mail address such as name@company.se
field-rule-password-policy = at least { $min } characters (at most { $max }) with an upper-case letter, a lower-case letter, a digit and a symbol, not starting or ending with a space
field-rule-settings-change-names-nothing = name at least one setting to change
field-rule-report-period-too-long = a report covers at most { $months } months: periodEnd must be before { $before }
field-rule-too-many-contracts = at most { $max } contracts
field-rule-contract-named-twice = each contract at most once
field-rule-code-six-digits = the code has six digits
field-rule-sso-only-with-provider = only with "provider": "{ $provider }"
field-rule-sso-domains-required = name at least one e-mail domain: they route sign-ins to the provider
field-rule-sso-client-secret-required = required when the provider is first set up or its issuer or client id changes
field-rule-sso-require-for-all = needs an enabled module (trial or active) with a configured provider, or nobody of the company could sign in
field-rule-sso-provider-settings-required = required with "provider": "{ $provider }"
field-rule-saml-metadata-both = send either metadataUrl or metadataDocument
field-rule-saml-metadata-missing = send metadataUrl or metadataDocument
field-rule-https-url = must be an https URL (for Azure AD: https://login.microsoftonline.com/<tenant id>/v2.0)
field-rule-domain-too-long = at most { $max } characters (Cognito's limit for provider identifiers)
field-rule-domain-name = not a domain name such as corp.example (IDN domains in their xn-- form)
field-rule-domain-public-mail = a public mail service's domain cannot be claimed
field-rule-too-many-domains = at most { $max } domains
field-rule-too-many-group-roles = at most { $max } mappings
field-rule-too-many-steps = at most { $max } steps
field-rule-contract-change-names-nothing = name at least one contract field to change
field-rule-fixed-at-commencement = fixed at commencement: it cannot change in a later version
field-rule-mfa-required-needs-own-authenticator = add an authenticator app to your own account first (POST /auth/mfa/setup and /auth/mfa/verify), then sign in again and turn this on
field-rule-code-mismatch = the code does not match the authenticator app; enter the current code
field-rule-email-refused-by-pool = not an e-mail address Cognito accepts
field-rule-password-refused-by-pool = the user pool refuses this password; choose another

## Lease engine refusals (shared/src/domain/lease/error.rs); dates are YYYY-MM-DD.

field-rule-lease-end-before-commencement = The end date { $end } is before the commencement date { $commencement }.
field-rule-lease-term-not-whole-periods = The lease term from { $commencement } to { $end } is not a whole number of { $frequency } payment periods; the nearest valid end dates are { $shorter } and { $longer }.
field-rule-lease-term-too-long = The lease term of { $months } months is longer than the supported maximum of { $max } months.
field-rule-lease-short-term-too-long = A short-term exemption needs a lease term of at most 12 months; this term is { $months } months.
field-rule-lease-amount-not-positive = The { $field } must be greater than zero; it is { $value }.
field-rule-lease-amount-negative = The { $field } must not be negative; it is { $value }.
field-rule-lease-amount-too-many-decimals = The { $field } must have at most 2 decimal places; it is { $value }.
field-rule-lease-amount-too-large = The { $field } of { $value } is larger than the supported maximum of { $max }.
field-rule-lease-too-many-steps = A lease has at most { $max } payment steps; this one has { $steps }.
field-rule-lease-too-many-versions = A contract has at most { $max } versions; this one would have { $versions }.
field-rule-lease-rate-out-of-range = The discount rate must be between 0 and 100 percent; it is { $rate } percent.
field-rule-lease-steps-out-of-order = Payment step { $step } (from { $from }) must start after the previous step; steps must be in ascending date order.
field-rule-lease-step-outside-term = Payment step { $step } starts on { $from }, outside the lease term { $commencement } to { $end }.
field-rule-lease-negative-right-of-use-asset = The lease incentives exceed the cost of the right-of-use asset, which would be { $cost }.
field-rule-lease-no-versions = A schedule needs at least one contract version.
field-rule-lease-first-version-not-at-commencement = The first version must be effective from the commencement date { $commencement }, not { $effectiveFrom }.
field-rule-lease-versions-out-of-order = Versions are out of order: version { $version } (effective { $effectiveFrom }) must have a higher number and a later effective date than version { $previous } (effective { $previousEffectiveFrom }).
field-rule-lease-commencement-changed = Version { $version } changes the commencement date to { $commencement }; the commencement date of a lease cannot change, register a new lease instead.
field-rule-lease-exemption-changed = Version { $version } changes the short-term or low-value exemption; register a new lease instead.
field-rule-lease-effective-date-not-period-start = The effective date { $effectiveFrom } of version { $version } is not the start of a payment period.
field-rule-lease-effective-date-outside-term = The effective date { $effectiveFrom } of version { $version } is outside the lease term; it must be after the commencement date and no later than the end date.
field-rule-lease-date-out-of-range = The dates of this lease are outside the supported calendar range.
# The amount and frequency names those refusals put in { $field } and { $frequency }.
lease-amount-payment = payment amount
lease-amount-payment-step = payment step amount
lease-amount-initial-direct-costs = initial direct costs
lease-amount-lease-incentives = lease incentives
lease-amount-restoration-costs = restoration costs
lease-amount-first-increased-fee = first increased fee
lease-amount-other = amount
lease-frequency-monthly = monthly
lease-frequency-quarterly = quarterly
lease-frequency-semiannual = semiannual
lease-frequency-annual = annual

## Report refusals (shared/src/domain/report/mod.rs, shared/src/domain/rates/fx.rs).

field-rule-report-period-reversed = the period ends before it starts
field-rule-report-period-over-limit = a report covers at most { $months } months
field-rule-report-rates-incomplete = the { $currency } average rate for { $from } to { $to } rests on { $observations } days of the { $expected } on which rates are published
field-rule-report-rate-stale = the latest { $currency } rate on or before { $date } is from { $rateDate }, more than { $maxAge } days earlier: import the missing days first
field-rule-report-contract-refused = contract { $id }: { $reason }
field-rule-fx-unknown-currency = "{ $code }" is not an ISO 4217 currency code
field-rule-fx-range-reversed = from ({ $from }) is after to ({ $to })
field-rule-fx-no-rate = no { $base }/{ $quote } rate is known on or before { $date }
field-rule-fx-no-rate-in-range = no { $base }/{ $quote } rate is known between { $from } and { $to }
field-rule-fx-invalid-rate = the stored { $currency } rate for { $date } is not positive
