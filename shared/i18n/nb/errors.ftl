# API problem titles and details (shared/src/http/problem.rs, shared/src/http/rates.rs) and
# field-error messages (shared/src/domain/validation.rs). Technical tokens (errors, If-Match,
# ETag, Idempotency-Key, JSON, routes, "3", "1234.50", SEK) stay as they are in every language.

## Problems: problem-<type>-title and problem-<type>-detail, <type> as in /problems/<type>.

problem-malformed-json-title = Ugyldig JSON
problem-malformed-json-detail = Innholdet i forespørselen er ikke gyldig JSON.
problem-invalid-request-title = Ugyldig forespørsel
problem-invalid-request-detail = Ett eller flere felt har feil form; se errors.
problem-validation-failed-title = Opplysningene bryter en regel
problem-validation-failed-detail = Ett eller flere felt bryter en regel; se errors.
problem-unauthorized-title = Innlogging kreves
problem-unauthorized-detail = Oppgi et gyldig token eller riktige innloggingsopplysninger.
problem-forbidden-title = Tilgang nektet
problem-forbidden-detail = Rollen din tillater ikke dette.
problem-mfa-enrollment-required-title = Tofaktorautentisering kreves
problem-mfa-enrollment-required-detail = Virksomheten krever tofaktorautentisering: legg til en autentiseringsapp (POST /auth/mfa/setup) og logg inn på nytt.
problem-sso-required-title = Virksomheten krever innlogging med single sign-on
problem-sso-required-detail = Logg inn via virksomhetens identitetsleverandør (GET /auth/sso?email=).
problem-not-found-title = Ikke funnet
problem-not-found-detail = Ressursen finnes ikke.
# A conflict's detail is the reason the route gives.
problem-conflict-title = Konflikt
problem-precondition-failed-title = Ressursen er endret
problem-precondition-failed-detail = Ressursen er endret siden den ble lest; hent den på nytt.
problem-precondition-required-title = If-Match kreves
problem-precondition-required-detail = Send If-Match med ressursens ETag.
problem-payload-too-large-title = Forespørselen er for stor
problem-payload-too-large-detail = Innholdet i forespørselen overskrider grensen.
problem-file-too-large-title = Filen er for stor
problem-file-too-large-detail = Filen er større enn en opplasting kan være; se errors.
problem-idempotency-key-reused-title = Idempotency-Key gjenbrukt
problem-idempotency-key-reused-detail = Nøkkelen er allerede brukt til en annen forespørsel.
problem-too-many-requests-title = For mange forespørsler
problem-too-many-requests-detail = Vent litt og prøv igjen.
problem-gone-title = Slettet
problem-gone-detail = Den ble lagret en begrenset tid og finnes ikke lenger; bestill den på nytt.
problem-busy-title = Tjenesten er opptatt
problem-busy-detail = For mange samtidige endringer; prøv igjen.
problem-dependency-failed-title = Tjenesten er midlertidig utilgjengelig
problem-dependency-failed-detail = En underliggende tjeneste svarte ikke; ingenting ble endret.

## The 404 of a rate route names the rate that is missing (dates are YYYY-MM-DD).

problem-no-fx-rate-detail = Det finnes ingen { $base }/{ $quote }-kurs for { $date } eller tidligere.
problem-no-fx-rate-in-range-detail = Det finnes ingen { $base }/{ $quote }-kurs mellom { $from } og { $to }.
problem-no-government-yield-detail = Det finnes ingen statsobligasjonsrente ({ $series }) for avtalens startdato { $date } eller tidligere, så ingen rente kan foreslås.

## Field errors: the message of one entry of a problem's errors.

field-missing = feltet er påkrevd
field-unknown = ukjent felt
field-wrong-type = feil type, forventet { $expected }
# The JSON types field-wrong-type names.
field-type-string = tekst
field-type-object = objekt
field-type-array = liste
field-type-boolean = boolsk verdi
field-type-integer = heltall
field-type-number-or-decimal-string = tall eller desimaltekst
field-invalid-date = ugyldig dato, bruk ÅÅÅÅ-MM-DD med år { $min }–{ $max }
field-invalid-etag = ugyldig ETag, send ressursens ETag, for eksempel "3"
field-invalid-decimal = ugyldig tall, bruk et desimaltall, for eksempel "1234.50"
field-not-one-of = må være en av: { $allowed }
field-empty = kan ikke være tomt
field-too-long = høyst { $max } tegn
field-not-positive = må være større enn null
field-negative = kan ikke være negativt
field-out-of-range = må ligge mellom { $min } og { $max }
field-too-many-decimals = høyst { $max } desimaler
field-unknown-currency = ukjent valuta, bruk en ISO 4217-kode, for eksempel SEK
field-unsupported-currency = valutaer med { $decimals } desimaler støttes ikke ennå; beløp føres i hundredeler (2 desimaler)
field-too-many-versions = avtalen har allerede det høyeste tillatte antallet versjoner ({ $max }); registrer en ny avtale
field-end-before-start = sluttdatoen kan ikke ligge før startdatoen
field-steps-not-ascending = trinnene må ha stigende datoer
field-outside-term = datoen må ligge innenfor avtalens løpetid
field-before-previous-version = kan ikke ligge før den siste versjonens ikrafttredelsesdato
field-control-characters = kan ikke inneholde kontrolltegn
field-unknown-contract = virksomheten har ingen avtale med denne id-en
field-file-too-large = filen kan være høyst { $mib } MiB ({ $bytes } byte)
field-not-accepted = forespørselen kunne ikke godtas
field-erasure-confirm = må være selskapets navn nøyaktig slik det er stavet i selskapsinnstillingene
