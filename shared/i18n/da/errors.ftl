# API problem titles and details (shared/src/http/problem.rs, shared/src/http/rates.rs) and
# field-error messages (shared/src/domain/validation.rs). Technical tokens (errors, If-Match,
# ETag, Idempotency-Key, JSON, routes, "3", "1234.50", SEK) stay as they are in every language.

## Problems: problem-<type>-title and problem-<type>-detail, <type> as in /problems/<type>.

problem-malformed-json-title = Ugyldig JSON
problem-malformed-json-detail = Anmodningens indhold er ikke gyldig JSON.
problem-invalid-request-title = Ugyldig anmodning
problem-invalid-request-detail = Et eller flere felter har forkert form; se errors.
problem-validation-failed-title = Oplysningerne overtræder en regel
problem-validation-failed-detail = Et eller flere felter overtræder en regel; se errors.
problem-unauthorized-title = Login påkrævet
problem-unauthorized-detail = Angiv et gyldigt token eller korrekte loginoplysninger.
problem-forbidden-title = Adgang nægtet
problem-forbidden-detail = Din rolle tillader ikke dette.
problem-mfa-enrollment-required-title = Totrinsgodkendelse påkrævet
problem-mfa-enrollment-required-detail = Virksomheden kræver totrinsgodkendelse: tilføj en godkendelsesapp (POST /auth/mfa/setup), og log ind igen.
problem-sso-required-title = Virksomheden kræver single sign-on
problem-sso-required-detail = Log ind via virksomhedens identitetsudbyder (GET /auth/sso?email=).
problem-not-found-title = Ikke fundet
problem-not-found-detail = Ressourcen findes ikke.
# A conflict's detail is the reason the route gives.
problem-conflict-title = Konflikt
problem-precondition-failed-title = Ressourcen er ændret
problem-precondition-failed-detail = Ressourcen er ændret, siden den blev læst; hent den igen.
problem-precondition-required-title = If-Match er påkrævet
problem-precondition-required-detail = Send If-Match med ressourcens ETag.
problem-payload-too-large-title = Anmodningen er for stor
problem-payload-too-large-detail = Anmodningens indhold overskrider grænsen.
problem-file-too-large-title = Filen er for stor
problem-file-too-large-detail = Filen er større end en upload må være; se errors.
problem-idempotency-key-reused-title = Idempotency-Key genbrugt
problem-idempotency-key-reused-detail = Nøglen er allerede brugt til en anden anmodning.
problem-too-many-requests-title = For mange anmodninger
problem-too-many-requests-detail = Vent et øjeblik, og prøv igen.
problem-gone-title = Slettet
problem-gone-detail = Den blev gemt i en begrænset periode og findes ikke længere; bestil den igen.
problem-busy-title = Tjenesten er optaget
problem-busy-detail = For mange samtidige ændringer; prøv igen.
problem-dependency-failed-title = Tjenesten er midlertidigt utilgængelig
problem-dependency-failed-detail = En underliggende tjeneste svarede ikke; intet blev ændret.

## The 404 of a rate route names the rate that is missing (dates are YYYY-MM-DD).

problem-no-fx-rate-detail = Der findes ingen { $base }/{ $quote }-kurs for { $date } eller tidligere.
problem-no-fx-rate-in-range-detail = Der findes ingen { $base }/{ $quote }-kurs mellem { $from } og { $to }.
problem-no-government-yield-detail = Der findes ingen statsobligationsrente ({ $series }) for aftalens startdato { $date } eller tidligere, så der kan ikke foreslås en rente.

## Field errors: the message of one entry of a problem's errors.

field-missing = feltet er påkrævet
field-unknown = ukendt felt
field-wrong-type = forkert type, forventede { $expected }
# The JSON types field-wrong-type names.
field-type-string = tekst
field-type-object = objekt
field-type-array = liste
field-type-boolean = boolsk værdi
field-type-integer = heltal
field-type-number-or-decimal-string = tal eller decimaltekst
field-invalid-date = ugyldig dato, brug ÅÅÅÅ-MM-DD med år { $min }–{ $max }
field-invalid-etag = ugyldig ETag, send ressourcens ETag, f.eks. "3"
field-invalid-decimal = ugyldigt tal, brug et decimaltal, f.eks. "1234.50"
field-not-one-of = skal være en af: { $allowed }
field-empty = må ikke være tomt
field-too-long = højst { $max } tegn
field-not-positive = skal være større end nul
field-negative = må ikke være negativt
field-out-of-range = skal ligge mellem { $min } og { $max }
field-too-many-decimals = højst { $max } decimaler
field-unknown-currency = ukendt valuta, brug en ISO 4217-kode, f.eks. SEK
field-unsupported-currency = valutaer med { $decimals } decimaler understøttes endnu ikke; beløb føres i hundrededele (2 decimaler)
field-too-many-versions = aftalen har allerede det højst tilladte antal versioner ({ $max }); registrer en ny aftale
field-end-before-start = slutdatoen må ikke ligge før startdatoen
field-steps-not-ascending = trinnene skal have stigende datoer
field-outside-term = datoen skal ligge inden for aftalens løbetid
field-before-previous-version = må ikke ligge før den seneste versions ikrafttrædelsesdato
field-control-characters = må ikke indeholde kontroltegn
field-unknown-contract = virksomheden har ingen aftale med dette id
field-file-too-large = filen må højst være { $mib } MiB ({ $bytes } byte)
field-not-accepted = anmodningen kunne ikke accepteres
field-erasure-confirm = skal være virksomhedens navn præcis som det staves i virksomhedsindstillingerne
