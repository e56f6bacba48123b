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
# A conflict's detail says what is in the way: problem-conflict-<reason>-detail.
problem-conflict-title = Konflikt
problem-conflict-erasing-detail = Företaget håller på att raderas; inget mer kan skrivas för det.
problem-conflict-settings-changed-detail = Företagets redovisningsinställningar ändrades medan ändringen beräknades; inget skrevs. Skicka begäran igen för att beräkna den med de nya inställningarna.
problem-conflict-email-taken-detail = E-postadressen har redan ett konto; inget skapades.
problem-conflict-contract-archived-detail = avtalet är arkiverat
problem-conflict-contract-already-archived-detail = avtalet är redan arkiverat
problem-conflict-erasure-scheduled-detail = En radering av företaget är redan schemalagd; avbryt den först (DELETE /company/erasure) för att schemalägga en ny.
problem-conflict-erasure-started-detail = Raderingen har börjat; den kan inte längre avbrytas utan körs till slut.
problem-conflict-domain-claimed-detail = domänen { $domain } används redan för enkel inloggning av ett annat företag; be dess ägare att släppa den, eller kontakta supporten
problem-conflict-document-not-uploaded-detail = dokumentets fil har inte laddats upp än; det finns inget att ladda ner
problem-conflict-report-failed-detail = rapporten misslyckades (se dess failureReason); det finns ingen fil att ladda ner
problem-conflict-report-not-finished-detail = rapporten har status { $status }; den kan laddas ner när den är klar
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

## Rule errors: field-rule-<rule>, the business rule one field breaks (HTTP 422). Field names
## and values in quotes are the API's own words and stay as they are.

field-rule-from-after-to = får inte ligga efter to
field-rule-to-too-far-after-from = får ligga högst { $days } dagar efter from
field-rule-from-too-far-before-to = får ligga högst { $days } dagar före to (standard: i dag)
field-rule-account-code = en kontokod består av 1 till { $max } ASCII-bokstäver, siffror, '.' eller '-'
field-rule-user-change-names-nothing = ange minst ett av roles, active, locale
field-rule-keep-an-active-admin = företaget måste ha kvar minst en aktiv administratör; gör först en annan användare till administratör
field-rule-email-address = inte en e-postadress som namn@foretag.se
field-rule-password-policy = minst { $min } tecken (högst { $max }) med en versal, en gemen, en siffra och ett specialtecken, utan mellanslag först eller sist
field-rule-settings-change-names-nothing = ange minst en inställning att ändra
field-rule-report-period-too-long = en rapport omfattar högst { $months } månader: periodEnd måste ligga före { $before }
field-rule-too-many-contracts = högst { $max } avtal
field-rule-contract-named-twice = varje avtal får anges högst en gång
field-rule-code-six-digits = koden består av sex siffror
field-rule-sso-only-with-provider = endast med "provider": "{ $provider }"
field-rule-sso-domains-required = ange minst en e-postdomän: domänerna styr inloggningar till leverantören
field-rule-sso-client-secret-required = krävs när leverantören konfigureras första gången eller när dess issuer eller klient-id ändras
field-rule-sso-require-for-all = kräver en påslagen modul (provperiod eller aktiv) med en konfigurerad leverantör, annars kan ingen på företaget logga in
field-rule-sso-provider-settings-required = krävs med "provider": "{ $provider }"
field-rule-saml-metadata-both = skicka antingen metadataUrl eller metadataDocument
field-rule-saml-metadata-missing = skicka metadataUrl eller metadataDocument
field-rule-https-url = måste vara en https-URL (för Azure AD: https://login.microsoftonline.com/<tenant id>/v2.0)
field-rule-domain-too-long = högst { $max } tecken (Cognitos gräns för leverantörsidentifierare)
field-rule-domain-name = inte ett domännamn som corp.example (IDN-domäner i formen xn--)
field-rule-domain-public-mail = en allmän e-posttjänsts domän kan inte göras anspråk på
field-rule-too-many-domains = högst { $max } domäner
field-rule-too-many-group-roles = högst { $max } mappningar
field-rule-too-many-steps = högst { $max } steg
field-rule-contract-change-names-nothing = ange minst ett avtalsfält att ändra
field-rule-fixed-at-commencement = bestäms vid avtalets start: kan inte ändras i en senare version
field-rule-mfa-required-needs-own-authenticator = lägg först till en autentiseringsapp på ditt eget konto (POST /auth/mfa/setup och /auth/mfa/verify), logga sedan in igen och slå på detta
field-rule-code-mismatch = koden stämmer inte med autentiseringsappen; ange den aktuella koden
field-rule-email-refused-by-pool = inte en e-postadress som Cognito godtar
field-rule-password-refused-by-pool = användarpoolen godtar inte detta lösenord; välj ett annat

## Lease engine refusals (shared/src/domain/lease/error.rs); dates are YYYY-MM-DD.

field-rule-lease-end-before-commencement = Slutdatumet { $end } ligger före startdatumet { $commencement }.
field-rule-lease-term-not-whole-periods = Löptiden från { $commencement } till { $end } är inte ett helt antal betalningsperioder ({ $frequency }); närmaste giltiga slutdatum är { $shorter } och { $longer }.
field-rule-lease-term-too-long = Löptiden på { $months } månader är längre än det högsta som stöds, { $max } månader.
field-rule-lease-short-term-too-long = Undantaget för korttidsleasing kräver en löptid på högst 12 månader; denna löptid är { $months } månader.
field-rule-lease-amount-not-positive = { $field }: måste vara större än noll; värdet är { $value }.
field-rule-lease-amount-negative = { $field }: får inte vara negativt; värdet är { $value }.
field-rule-lease-amount-too-many-decimals = { $field }: högst 2 decimaler; värdet är { $value }.
field-rule-lease-amount-too-large = { $field }: { $value } är större än det högsta som stöds, { $max }.
field-rule-lease-too-many-steps = Ett leasingavtal har högst { $max } betalningssteg; detta har { $steps }.
field-rule-lease-too-many-versions = Ett avtal har högst { $max } versioner; detta skulle få { $versions }.
field-rule-lease-rate-out-of-range = Diskonteringsräntan måste ligga mellan 0 och 100 procent; den är { $rate } procent.
field-rule-lease-steps-out-of-order = Betalningssteg { $step } (från { $from }) måste börja efter föregående steg; stegen måste ha stigande datum.
field-rule-lease-step-outside-term = Betalningssteg { $step } börjar { $from }, utanför löptiden { $commencement } till { $end }.
field-rule-lease-negative-right-of-use-asset = Leasingincitamenten överstiger anskaffningsvärdet för nyttjanderättstillgången, som skulle bli { $cost }.
field-rule-lease-no-versions = Ett schema kräver minst en avtalsversion.
field-rule-lease-first-version-not-at-commencement = Den första versionen måste gälla från startdatumet { $commencement }, inte från { $effectiveFrom }.
field-rule-lease-versions-out-of-order = Versionerna är i fel ordning: version { $version } (gäller från { $effectiveFrom }) måste ha ett högre nummer och ett senare giltighetsdatum än version { $previous } (gäller från { $previousEffectiveFrom }).
field-rule-lease-commencement-changed = Version { $version } ändrar startdatumet till { $commencement }; ett leasingavtals startdatum kan inte ändras, registrera ett nytt avtal i stället.
field-rule-lease-exemption-changed = Version { $version } ändrar undantaget för korttidsleasing eller tillgångar av lågt värde; registrera ett nytt avtal i stället.
field-rule-lease-effective-date-not-period-start = Giltighetsdatumet { $effectiveFrom } för version { $version } är inte början på en betalningsperiod.
field-rule-lease-effective-date-outside-term = Giltighetsdatumet { $effectiveFrom } för version { $version } ligger utanför löptiden; det måste ligga efter startdatumet och senast på slutdatumet.
field-rule-lease-date-out-of-range = Avtalets datum ligger utanför det kalenderintervall som stöds.
# The amount and frequency names those refusals put in { $field } and { $frequency }.
lease-amount-payment = Betalningsbelopp
lease-amount-payment-step = Belopp för betalningssteg
lease-amount-initial-direct-costs = Initiala direkta utgifter
lease-amount-lease-incentives = Leasingincitament
lease-amount-restoration-costs = Återställningskostnader
lease-amount-first-increased-fee = Första förhöjda avgift
lease-amount-other = Belopp
lease-frequency-monthly = månadsvis
lease-frequency-quarterly = kvartalsvis
lease-frequency-semiannual = halvårsvis
lease-frequency-annual = årsvis

## Report refusals (shared/src/domain/report/mod.rs, shared/src/domain/rates/fx.rs).

field-rule-report-period-reversed = perioden slutar innan den börjar
field-rule-report-period-over-limit = en rapport omfattar högst { $months } månader
field-rule-report-rates-incomplete = genomsnittskursen för { $currency } från { $from } till { $to } bygger på { $observations } av de { $expected } dagar då kurser publiceras
field-rule-report-rate-stale = den senaste { $currency }-kursen på eller före { $date } är från { $rateDate }, mer än { $maxAge } dagar tidigare: importera de saknade dagarna först
field-rule-report-contract-refused = avtal { $id }: { $reason }
field-rule-fx-unknown-currency = "{ $code }" är inte en ISO 4217-valutakod
field-rule-fx-range-reversed = from ({ $from }) ligger efter to ({ $to })
field-rule-fx-no-rate = ingen { $base }/{ $quote }-kurs finns för { $date } eller tidigare
field-rule-fx-no-rate-in-range = ingen { $base }/{ $quote }-kurs finns mellan { $from } och { $to }
field-rule-fx-invalid-rate = den sparade { $currency }-kursen för { $date } är inte positiv
