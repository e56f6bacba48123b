# API problem titles and details (shared/src/http/problem.rs, shared/src/http/rates.rs) and
# field-error messages (shared/src/domain/validation.rs). Technical tokens (errors, If-Match,
# ETag, Idempotency-Key, JSON, routes, "3", "1234.50", SEK) stay as they are in every language.

## Problems: problem-<type>-title and problem-<type>-detail, <type> as in /problems/<type>.

problem-malformed-json-title = Ogiltig JSON
problem-malformed-json-detail = Begärans innehåll är inte giltig JSON.
problem-invalid-request-title = Ogiltig begäran
problem-invalid-request-detail = Ett eller flera fält har fel form; se errors.
problem-validation-failed-title = Uppgifterna bryter mot en regel
problem-validation-failed-detail = Ett eller flera fält bryter mot en regel; se errors.
problem-unauthorized-title = Inloggning krävs
problem-unauthorized-detail = Ange en giltig token eller korrekta inloggningsuppgifter.
problem-forbidden-title = Åtkomst nekad
problem-forbidden-detail = Din roll tillåter inte detta.
problem-mfa-enrollment-required-title = Tvåfaktorsinloggning krävs
problem-mfa-enrollment-required-detail = Företaget kräver tvåfaktorsinloggning: lägg till en autentiseringsapp (POST /auth/mfa/setup) och logga in igen.
problem-sso-required-title = Företaget kräver enkel inloggning
problem-sso-required-detail = Logga in via företagets identitetsleverantör (GET /auth/sso?email=).
problem-not-found-title = Hittades inte
problem-not-found-detail = Resursen finns inte.
# A conflict's detail is the reason the route gives.
problem-conflict-title = Konflikt
problem-precondition-failed-title = Resursen har ändrats
problem-precondition-failed-detail = Resursen har ändrats sedan den lästes; hämta den igen.
problem-precondition-required-title = If-Match krävs
problem-precondition-required-detail = Skicka If-Match med resursens ETag.
problem-payload-too-large-title = Begäran är för stor
problem-payload-too-large-detail = Begärans innehåll överskrider gränsen.
problem-file-too-large-title = Filen är för stor
problem-file-too-large-detail = Filen är större än vad som får laddas upp; se errors.
problem-idempotency-key-reused-title = Idempotency-Key återanvänd
problem-idempotency-key-reused-detail = Nyckeln användes redan för en annan begäran.
problem-too-many-requests-title = För många förfrågningar
problem-too-many-requests-detail = Vänta en stund och försök igen.
problem-gone-title = Borttagen
problem-gone-detail = Den sparades en begränsad tid och finns inte längre; beställ den igen.
problem-busy-title = Tjänsten är upptagen
problem-busy-detail = För många samtidiga ändringar; försök igen.
problem-dependency-failed-title = Tjänsten är tillfälligt otillgänglig
problem-dependency-failed-detail = En underliggande tjänst svarade inte; inget ändrades.

## The 404 of a rate route names the rate that is missing (dates are YYYY-MM-DD).

problem-no-fx-rate-detail = Ingen { $base }/{ $quote }-kurs finns för { $date } eller tidigare.
problem-no-fx-rate-in-range-detail = Ingen { $base }/{ $quote }-kurs finns mellan { $from } och { $to }.
problem-no-government-yield-detail = Ingen statsobligationsränta ({ $series }) finns för avtalets startdatum { $date } eller tidigare, så ingen ränta kan föreslås.

## Field errors: the message of one entry of a problem's errors.

field-missing = fältet krävs
field-unknown = okänt fält
field-wrong-type = fel typ, väntade { $expected }
# The JSON types field-wrong-type names.
field-type-string = text
field-type-object = objekt
field-type-array = lista
field-type-boolean = booleskt värde
field-type-integer = heltal
field-type-number-or-decimal-string = tal eller decimaltext
field-invalid-date = ogiltigt datum, använd ÅÅÅÅ-MM-DD med år { $min }–{ $max }
field-invalid-etag = ogiltig ETag, skicka resursens ETag som "3"
field-invalid-decimal = ogiltigt tal, använd ett decimaltal som "1234.50"
field-not-one-of = måste vara ett av: { $allowed }
field-empty = får inte vara tomt
field-too-long = högst { $max } tecken
field-not-positive = måste vara större än noll
field-negative = får inte vara negativt
field-out-of-range = måste ligga mellan { $min } och { $max }
field-too-many-decimals = högst { $max } decimaler
field-unknown-currency = okänd valuta, använd en ISO 4217-kod som SEK
field-unsupported-currency = valutor med { $decimals } decimaler stöds inte ännu; beloppen räknas i ören (2 decimaler)
field-too-many-versions = avtalet har redan högsta antalet versioner ({ $max }); registrera ett nytt avtal
field-end-before-start = slutdatum får inte ligga före startdatum
field-steps-not-ascending = stegen måste ha stigande datum
field-outside-term = datumet måste ligga inom avtalets löptid
field-before-previous-version = får inte ligga före den senaste versionens giltighetsdatum
field-control-characters = får inte innehålla styrtecken
field-unknown-contract = företaget har inget avtal med detta id
field-file-too-large = filen får vara högst { $mib } MiB ({ $bytes } byte)
field-not-accepted = begäran kunde inte godtas
field-erasure-confirm = måste vara företagets namn exakt som det stavas i företagsinställningarna
