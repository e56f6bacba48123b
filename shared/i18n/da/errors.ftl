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
# A conflict's detail says what is in the way: problem-conflict-<reason>-detail.
problem-conflict-title = Konflikt
problem-conflict-erasing-detail = Virksomheden er ved at blive slettet; der kan ikke skrives mere for den.
problem-conflict-settings-changed-detail = Virksomhedens regnskabsindstillinger blev ændret, mens ændringen blev beregnet; intet blev skrevet. Send anmodningen igen for at beregne den med de nye indstillinger.
problem-conflict-email-taken-detail = E-mailadressen har allerede en konto; intet blev oprettet.
problem-conflict-contract-archived-detail = kontrakten er arkiveret
problem-conflict-contract-already-archived-detail = kontrakten er allerede arkiveret
problem-conflict-erasure-scheduled-detail = En sletning af virksomheden er allerede planlagt; annullér den først (DELETE /company/erasure) for at planlægge en ny.
problem-conflict-erasure-started-detail = Sletningen er gået i gang; den kan ikke længere annulleres og kører til ende.
problem-conflict-domain-claimed-detail = domænet { $domain } bruges allerede til single sign-on af en anden virksomhed; bed dets ejer om at frigive det, eller kontakt support
problem-conflict-document-not-uploaded-detail = dokumentets fil er ikke uploadet endnu; der er intet at downloade
problem-conflict-report-failed-detail = rapporten mislykkedes (se dens failureReason); der er ingen fil at downloade
problem-conflict-report-not-finished-detail = rapporten har status { $status }; den kan downloades, når den er færdig
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

## Rule errors: field-rule-<rule>, the business rule one field breaks (HTTP 422). Field names
## and values in quotes are the API's own words and stay as they are.

field-rule-from-after-to = må ikke ligge efter to
field-rule-to-too-far-after-from = må højst ligge { $days } dage efter from
field-rule-from-too-far-before-to = må højst ligge { $days } dage før to (standard: i dag)
field-rule-account-code = en kontokode består af 1 til { $max } ASCII-bogstaver, cifre, '.' eller '-'
field-rule-user-change-names-nothing = angiv mindst ét af roles, active, locale
field-rule-keep-an-active-admin = virksomheden skal beholde mindst én aktiv administrator; gør først en anden bruger til administrator
field-rule-email-address = ikke en e-mailadresse som navn@firma.dk
field-rule-password-policy = mindst { $min } tegn (højst { $max }) med et stort bogstav, et lille bogstav, et ciffer og et specialtegn, uden mellemrum først eller sidst
field-rule-settings-change-names-nothing = angiv mindst én indstilling, der skal ændres
field-rule-report-period-too-long = en rapport dækker højst { $months } måneder: periodEnd skal ligge før { $before }
field-rule-too-many-contracts = højst { $max } kontrakter
field-rule-contract-named-twice = hver kontrakt højst én gang
field-rule-code-six-digits = koden består af seks cifre
field-rule-sso-only-with-provider = kun med "provider": "{ $provider }"
field-rule-sso-domains-required = angiv mindst ét e-maildomæne: domænerne sender logins videre til udbyderen
field-rule-sso-client-secret-required = påkrævet, når udbyderen opsættes første gang, eller når dens issuer eller klient-id ændres
field-rule-sso-require-for-all = kræver et aktiveret modul (prøveperiode eller aktivt) med en konfigureret udbyder, ellers kan ingen i virksomheden logge ind
field-rule-sso-provider-settings-required = påkrævet med "provider": "{ $provider }"
field-rule-saml-metadata-both = send enten metadataUrl eller metadataDocument
field-rule-saml-metadata-missing = send metadataUrl eller metadataDocument
field-rule-https-url = skal være en https-URL (for Azure AD: https://login.microsoftonline.com/<tenant id>/v2.0)
field-rule-domain-too-long = højst { $max } tegn (Cognitos grænse for udbyder-id'er)
field-rule-domain-name = ikke et domænenavn som corp.example (IDN-domæner i formen xn--)
field-rule-domain-public-mail = en offentlig e-mailtjenestes domæne kan ikke gøres krav på
field-rule-too-many-domains = højst { $max } domæner
field-rule-too-many-group-roles = højst { $max } tilknytninger
field-rule-too-many-steps = højst { $max } trin
field-rule-contract-change-names-nothing = angiv mindst ét kontraktfelt, der skal ændres
field-rule-fixed-at-commencement = fastlagt ved ikrafttrædelsen: kan ikke ændres i en senere version
field-rule-mfa-required-needs-own-authenticator = tilføj først en godkendelsesapp til din egen konto (POST /auth/mfa/setup og /auth/mfa/verify), log derefter ind igen og slå dette til
field-rule-code-mismatch = koden passer ikke med godkendelsesappen; indtast den aktuelle kode
field-rule-email-refused-by-pool = ikke en e-mailadresse, som Cognito accepterer
field-rule-password-refused-by-pool = brugerpuljen afviser denne adgangskode; vælg en anden

## Lease engine refusals (shared/src/domain/lease/error.rs); dates are YYYY-MM-DD.

field-rule-lease-end-before-commencement = Slutdatoen { $end } ligger før startdatoen { $commencement }.
field-rule-lease-term-not-whole-periods = Lejeperioden fra { $commencement } til { $end } er ikke et helt antal betalingsperioder ({ $frequency }); de nærmeste gyldige slutdatoer er { $shorter } og { $longer }.
field-rule-lease-term-too-long = Lejeperioden på { $months } måneder er længere end det understøttede maksimum på { $max } måneder.
field-rule-lease-short-term-too-long = Undtagelsen for kortfristede leasingaftaler kræver en lejeperiode på højst 12 måneder; denne lejeperiode er { $months } måneder.
field-rule-lease-amount-not-positive = { $field }: skal være større end nul; værdien er { $value }.
field-rule-lease-amount-negative = { $field }: må ikke være negativ; værdien er { $value }.
field-rule-lease-amount-too-many-decimals = { $field }: højst 2 decimaler; værdien er { $value }.
field-rule-lease-amount-too-large = { $field }: { $value } er større end det understøttede maksimum på { $max }.
field-rule-lease-too-many-steps = En leasingaftale har højst { $max } betalingstrin; denne har { $steps }.
field-rule-lease-too-many-versions = En kontrakt har højst { $max } versioner; denne ville få { $versions }.
field-rule-lease-rate-out-of-range = Diskonteringsrenten skal ligge mellem 0 og 100 procent; den er { $rate } procent.
field-rule-lease-steps-out-of-order = Betalingstrin { $step } (fra { $from }) skal begynde efter det forrige trin; trinene skal have stigende datoer.
field-rule-lease-step-outside-term = Betalingstrin { $step } begynder { $from }, uden for lejeperioden { $commencement } til { $end }.
field-rule-lease-negative-right-of-use-asset = Leasingincitamenterne overstiger kostprisen for brugsretsaktivet, som ville blive { $cost }.
field-rule-lease-no-versions = En plan kræver mindst én kontraktversion.
field-rule-lease-first-version-not-at-commencement = Den første version skal gælde fra startdatoen { $commencement }, ikke fra { $effectiveFrom }.
field-rule-lease-versions-out-of-order = Versionerne er i forkert rækkefølge: version { $version } (gælder fra { $effectiveFrom }) skal have et højere nummer og en senere ikrafttrædelsesdato end version { $previous } (gælder fra { $previousEffectiveFrom }).
field-rule-lease-commencement-changed = Version { $version } ændrer startdatoen til { $commencement }; en leasingaftales startdato kan ikke ændres, registrér en ny aftale i stedet.
field-rule-lease-exemption-changed = Version { $version } ændrer undtagelsen for kortfristede leasingaftaler eller aktiver af lav værdi; registrér en ny aftale i stedet.
field-rule-lease-effective-date-not-period-start = Ikrafttrædelsesdatoen { $effectiveFrom } for version { $version } er ikke starten på en betalingsperiode.
field-rule-lease-effective-date-outside-term = Ikrafttrædelsesdatoen { $effectiveFrom } for version { $version } ligger uden for lejeperioden; den skal ligge efter startdatoen og senest på slutdatoen.
field-rule-lease-date-out-of-range = Aftalens datoer ligger uden for det understøttede kalenderinterval.
# The amount and frequency names those refusals put in { $field } and { $frequency }.
lease-amount-payment = Betalingsbeløb
lease-amount-payment-step = Beløb for betalingstrin
lease-amount-initial-direct-costs = Initiale direkte omkostninger
lease-amount-lease-incentives = Leasingincitamenter
lease-amount-restoration-costs = Reetableringsomkostninger
lease-amount-first-increased-fee = Første forhøjede ydelse
lease-amount-other = Beløb
lease-frequency-monthly = månedlig
lease-frequency-quarterly = kvartalsvis
lease-frequency-semiannual = halvårlig
lease-frequency-annual = årlig

## Report refusals (shared/src/domain/report/mod.rs, shared/src/domain/rates/fx.rs).

field-rule-report-period-reversed = perioden slutter, før den begynder
field-rule-report-period-over-limit = en rapport dækker højst { $months } måneder
field-rule-report-rates-incomplete = gennemsnitskursen for { $currency } fra { $from } til { $to } bygger på { $observations } af de { $expected } dage, hvor der offentliggøres kurser
field-rule-report-rate-stale = den seneste { $currency }-kurs på eller før { $date } er fra { $rateDate }, mere end { $maxAge } dage tidligere: importér de manglende dage først
field-rule-report-contract-refused = kontrakt { $id }: { $reason }
field-rule-fx-unknown-currency = "{ $code }" er ikke en ISO 4217-valutakode
field-rule-fx-range-reversed = from ({ $from }) ligger efter to ({ $to })
field-rule-fx-no-rate = der findes ingen { $base }/{ $quote }-kurs for { $date } eller tidligere
field-rule-fx-no-rate-in-range = der findes ingen { $base }/{ $quote }-kurs mellem { $from } og { $to }
field-rule-fx-invalid-rate = den gemte { $currency }-kurs for { $date } er ikke positiv
