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
# A conflict's detail says what is in the way: problem-conflict-<reason>-detail.
problem-conflict-title = Konflikt
problem-conflict-erasing-detail = Selskapet er i ferd med å slettes; ingenting mer kan skrives for det.
problem-conflict-settings-changed-detail = Selskapets regnskapsinnstillinger ble endret mens endringen ble beregnet; ingenting ble skrevet. Send forespørselen på nytt for å beregne den med de nye innstillingene.
problem-conflict-email-taken-detail = E-postadressen har allerede en konto; ingenting ble opprettet.
problem-conflict-contract-archived-detail = avtalen er arkivert
problem-conflict-contract-already-archived-detail = avtalen er allerede arkivert
problem-conflict-erasure-scheduled-detail = En sletting av selskapet er allerede planlagt; avbryt den først (DELETE /company/erasure) for å planlegge en ny.
problem-conflict-erasure-started-detail = Slettingen har startet; den kan ikke lenger avbrytes og kjører til den er ferdig.
problem-conflict-domain-claimed-detail = domenet { $domain } brukes allerede til enkel pålogging av et annet selskap; be eieren om å frigi det, eller kontakt kundestøtte
problem-conflict-document-not-uploaded-detail = dokumentets fil er ikke lastet opp ennå; det er ingenting å laste ned
problem-conflict-report-failed-detail = rapporten mislyktes (se dens failureReason); det finnes ingen fil å laste ned
problem-conflict-report-not-finished-detail = rapporten har status { $status }; den kan lastes ned når den er ferdig
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

## Rule errors: field-rule-<rule>, the business rule one field breaks (HTTP 422). Field names
## and values in quotes are the API's own words and stay as they are.

field-rule-from-after-to = kan ikke ligge etter to
field-rule-to-too-far-after-from = kan ligge høyst { $days } dager etter from
field-rule-from-too-far-before-to = kan ligge høyst { $days } dager før to (standard: i dag)
field-rule-account-code = en kontokode består av 1 til { $max } ASCII-bokstaver, sifre, '.' eller '-'
field-rule-user-change-names-nothing = oppgi minst ett av roles, active, locale
field-rule-keep-an-active-admin = selskapet må beholde minst én aktiv administrator; gjør først en annen bruker til administrator
field-rule-email-address = ikke en e-postadresse som navn@firma.no
field-rule-password-policy = minst { $min } tegn (høyst { $max }) med en stor bokstav, en liten bokstav, et siffer og et spesialtegn, uten mellomrom først eller sist
field-rule-settings-change-names-nothing = oppgi minst én innstilling som skal endres
field-rule-report-period-too-long = en rapport dekker høyst { $months } måneder: periodEnd må ligge før { $before }
field-rule-too-many-contracts = høyst { $max } avtaler
field-rule-contract-named-twice = hver avtale høyst én gang
field-rule-code-six-digits = koden består av seks sifre
field-rule-sso-only-with-provider = bare med "provider": "{ $provider }"
field-rule-sso-domains-required = oppgi minst ett e-postdomene: domenene sender pålogginger videre til leverandøren
field-rule-sso-client-secret-required = påkrevd når leverandøren settes opp første gang, eller når dens issuer eller klient-ID endres
field-rule-sso-require-for-all = krever en aktivert modul (prøveperiode eller aktiv) med en konfigurert leverandør, ellers kan ingen i selskapet logge på
field-rule-sso-provider-settings-required = påkrevd med "provider": "{ $provider }"
field-rule-saml-metadata-both = send enten metadataUrl eller metadataDocument
field-rule-saml-metadata-missing = send metadataUrl eller metadataDocument
field-rule-https-url = må være en https-URL (for Azure AD: https://login.microsoftonline.com/<tenant id>/v2.0)
field-rule-domain-too-long = høyst { $max } tegn (Cognitos grense for leverandør-ID-er)
field-rule-domain-name = ikke et domenenavn som corp.example (IDN-domener i formen xn--)
field-rule-domain-public-mail = domenet til en offentlig e-posttjeneste kan ikke gjøres krav på
field-rule-too-many-domains = høyst { $max } domener
field-rule-too-many-group-roles = høyst { $max } koblinger
field-rule-too-many-steps = høyst { $max } trinn
field-rule-contract-change-names-nothing = oppgi minst ett avtalefelt som skal endres
field-rule-fixed-at-commencement = fastsatt ved oppstart: kan ikke endres i en senere versjon
field-rule-mfa-required-needs-own-authenticator = legg først til en autentiseringsapp på din egen konto (POST /auth/mfa/setup og /auth/mfa/verify), logg deretter på igjen og slå dette på
field-rule-code-mismatch = koden stemmer ikke med autentiseringsappen; skriv inn den gjeldende koden
field-rule-email-refused-by-pool = ikke en e-postadresse som Cognito godtar
field-rule-password-refused-by-pool = brukerpoolen avviser dette passordet; velg et annet

## Lease engine refusals (shared/src/domain/lease/error.rs); dates are YYYY-MM-DD.

field-rule-lease-end-before-commencement = Sluttdatoen { $end } ligger før startdatoen { $commencement }.
field-rule-lease-term-not-whole-periods = Leieperioden fra { $commencement } til { $end } er ikke et helt antall betalingsperioder ({ $frequency }); de nærmeste gyldige sluttdatoene er { $shorter } og { $longer }.
field-rule-lease-term-too-long = Leieperioden på { $months } måneder er lengre enn maksimum som støttes, { $max } måneder.
field-rule-lease-short-term-too-long = Unntaket for kortsiktige leieavtaler krever en leieperiode på høyst 12 måneder; denne leieperioden er { $months } måneder.
field-rule-lease-amount-not-positive = { $field }: må være større enn null; verdien er { $value }.
field-rule-lease-amount-negative = { $field }: kan ikke være negativ; verdien er { $value }.
field-rule-lease-amount-too-many-decimals = { $field }: høyst 2 desimaler; verdien er { $value }.
field-rule-lease-amount-too-large = { $field }: { $value } er større enn maksimum som støttes, { $max }.
field-rule-lease-too-many-steps = En leieavtale har høyst { $max } betalingstrinn; denne har { $steps }.
field-rule-lease-too-many-versions = En avtale har høyst { $max } versjoner; denne ville fått { $versions }.
field-rule-lease-rate-out-of-range = Diskonteringsrenten må ligge mellom 0 og 100 prosent; den er { $rate } prosent.
field-rule-lease-steps-out-of-order = Betalingstrinn { $step } (fra { $from }) må starte etter forrige trinn; trinnene må ha stigende datoer.
field-rule-lease-step-outside-term = Betalingstrinn { $step } starter { $from }, utenfor leieperioden { $commencement } til { $end }.
field-rule-lease-negative-right-of-use-asset = Leieinsentivene overstiger kostprisen for bruksrettseiendelen, som ville blitt { $cost }.
field-rule-lease-no-versions = En plan krever minst én avtaleversjon.
field-rule-lease-first-version-not-at-commencement = Den første versjonen må gjelde fra startdatoen { $commencement }, ikke fra { $effectiveFrom }.
field-rule-lease-versions-out-of-order = Versjonene er i feil rekkefølge: versjon { $version } (gjelder fra { $effectiveFrom }) må ha et høyere nummer og en senere virkningsdato enn versjon { $previous } (gjelder fra { $previousEffectiveFrom }).
field-rule-lease-commencement-changed = Versjon { $version } endrer startdatoen til { $commencement }; startdatoen for en leieavtale kan ikke endres, registrer en ny avtale i stedet.
field-rule-lease-exemption-changed = Versjon { $version } endrer unntaket for kortsiktige leieavtaler eller eiendeler med lav verdi; registrer en ny avtale i stedet.
field-rule-lease-effective-date-not-period-start = Virkningsdatoen { $effectiveFrom } for versjon { $version } er ikke starten på en betalingsperiode.
field-rule-lease-effective-date-outside-term = Virkningsdatoen { $effectiveFrom } for versjon { $version } ligger utenfor leieperioden; den må ligge etter startdatoen og senest på sluttdatoen.
field-rule-lease-date-out-of-range = Avtalens datoer ligger utenfor kalenderområdet som støttes.
# The amount and frequency names those refusals put in { $field } and { $frequency }.
lease-amount-payment = Betalingsbeløp
lease-amount-payment-step = Beløp for betalingstrinn
lease-amount-initial-direct-costs = Direkte utgifter ved inngåelse
lease-amount-lease-incentives = Leieinsentiver
lease-amount-restoration-costs = Kostnader til tilbakeføring
lease-amount-first-increased-fee = Første forhøyede leie
lease-amount-other = Beløp
lease-frequency-monthly = månedlig
lease-frequency-quarterly = kvartalsvis
lease-frequency-semiannual = halvårlig
lease-frequency-annual = årlig

## Report refusals (shared/src/domain/report/mod.rs, shared/src/domain/rates/fx.rs).

field-rule-report-period-reversed = perioden slutter før den begynner
field-rule-report-period-over-limit = en rapport dekker høyst { $months } måneder
field-rule-report-rates-incomplete = gjennomsnittskursen for { $currency } fra { $from } til { $to } bygger på { $observations } av de { $expected } dagene det publiseres kurser
field-rule-report-rate-stale = den siste { $currency }-kursen på eller før { $date } er fra { $rateDate }, mer enn { $maxAge } dager tidligere: importer de manglende dagene først
field-rule-report-contract-refused = avtale { $id }: { $reason }
field-rule-fx-unknown-currency = "{ $code }" er ikke en ISO 4217-valutakode
field-rule-fx-range-reversed = from ({ $from }) ligger etter to ({ $to })
field-rule-fx-no-rate = det finnes ingen { $base }/{ $quote }-kurs for { $date } eller tidligere
field-rule-fx-no-rate-in-range = det finnes ingen { $base }/{ $quote }-kurs mellom { $from } og { $to }
field-rule-fx-invalid-rate = den lagrede { $currency }-kursen for { $date } er ikke positiv
