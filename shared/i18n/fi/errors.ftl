# API problem titles and details (shared/src/http/problem.rs, shared/src/http/rates.rs) and
# field-error messages (shared/src/domain/validation.rs). Technical tokens (errors, If-Match,
# ETag, Idempotency-Key, JSON, routes, "3", "1234.50", SEK) stay as they are in every language.

## Problems: problem-<type>-title and problem-<type>-detail, <type> as in /problems/<type>.

problem-malformed-json-title = Virheellinen JSON
problem-malformed-json-detail = Pyynnön sisältö ei ole kelvollista JSONia.
problem-invalid-request-title = Virheellinen pyyntö
problem-invalid-request-detail = Yhden tai useamman kentän muoto on väärä; katso errors.
problem-validation-failed-title = Tiedot rikkovat sääntöä
problem-validation-failed-detail = Yksi tai useampi kenttä rikkoo sääntöä; katso errors.
problem-unauthorized-title = Kirjautuminen vaaditaan
problem-unauthorized-detail = Anna kelvollinen token tai oikeat kirjautumistiedot.
problem-forbidden-title = Pääsy estetty
problem-forbidden-detail = Roolisi ei salli tätä.
problem-mfa-enrollment-required-title = Kaksivaiheinen tunnistautuminen vaaditaan
problem-mfa-enrollment-required-detail = Yrityksesi edellyttää kaksivaiheista tunnistautumista: lisää todennussovellus (POST /auth/mfa/setup) ja kirjaudu uudelleen.
problem-sso-required-title = Yrityksesi edellyttää kertakirjautumista
problem-sso-required-detail = Kirjaudu yrityksesi identiteetintarjoajan kautta (GET /auth/sso?email=).
problem-not-found-title = Ei löytynyt
problem-not-found-detail = Resurssia ei ole olemassa.
# A conflict's detail says what is in the way: problem-conflict-<reason>-detail.
problem-conflict-title = Ristiriita
problem-conflict-erasing-detail = Yritystä poistetaan parhaillaan; sille ei voi enää kirjoittaa mitään.
problem-conflict-settings-changed-detail = Yrityksen kirjanpitoasetukset muuttuivat tätä muutosta laskettaessa; mitään ei kirjoitettu. Lähetä pyyntö uudelleen, niin se lasketaan uusilla asetuksilla.
problem-conflict-email-taken-detail = Sähköpostiosoitteella on jo tili; mitään ei luotu.
problem-conflict-contract-archived-detail = sopimus on arkistoitu
problem-conflict-contract-already-archived-detail = sopimus on jo arkistoitu
problem-conflict-erasure-scheduled-detail = Yrityksen poisto on jo ajastettu; peru se ensin (DELETE /company/erasure), jos haluat ajastaa uuden.
problem-conflict-erasure-started-detail = Poisto on alkanut; sitä ei voi enää perua, ja se suoritetaan loppuun.
problem-conflict-domain-claimed-detail = verkkotunnus { $domain } on jo toisen yrityksen kertakirjautumiskäytössä; pyydä sen omistajaa vapauttamaan se tai ota yhteyttä tukeen
problem-conflict-document-not-uploaded-detail = asiakirjan tiedostoa ei ole vielä ladattu palveluun; ladattavaa ei ole
problem-conflict-report-failed-detail = raportin luonti epäonnistui (katso failureReason); ladattavaa tiedostoa ei ole
problem-conflict-report-not-finished-detail = raportin tila on { $status }; sen voi ladata, kun se on valmis
problem-precondition-failed-title = Resurssi on muuttunut
problem-precondition-failed-detail = Resurssi on muuttunut sen lukemisen jälkeen; hae se uudelleen.
problem-precondition-required-title = If-Match vaaditaan
problem-precondition-required-detail = Lähetä If-Match, jossa on resurssin ETag.
problem-payload-too-large-title = Pyyntö on liian suuri
problem-payload-too-large-detail = Pyynnön sisältö ylittää rajan.
problem-file-too-large-title = Tiedosto on liian suuri
problem-file-too-large-detail = Tiedosto on suurempi kuin ladattava tiedosto saa olla; katso errors.
problem-idempotency-key-reused-title = Idempotency-Key käytetty uudelleen
problem-idempotency-key-reused-detail = Avain on jo käytetty toisessa pyynnössä.
problem-too-many-requests-title = Liian monta pyyntöä
problem-too-many-requests-detail = Odota hetki ja yritä uudelleen.
problem-gone-title = Poistettu
problem-gone-detail = Sitä säilytettiin rajoitetun ajan, eikä se ole enää saatavilla; tilaa se uudelleen.
problem-busy-title = Palvelu on varattu
problem-busy-detail = Liian monta samanaikaista muutosta; yritä uudelleen.
problem-dependency-failed-title = Palvelu ei ole tilapäisesti käytettävissä
problem-dependency-failed-detail = Taustapalvelu ei vastannut; mitään ei muutettu.

## The 404 of a rate route names the rate that is missing (dates are YYYY-MM-DD).

problem-no-fx-rate-detail = Kurssia { $base }/{ $quote } ei ole saatavilla päivältä { $date } eikä sitä aiemmin.
problem-no-fx-rate-in-range-detail = Kurssia { $base }/{ $quote } ei ole saatavilla ajalta { $from } – { $to }.
problem-no-government-yield-detail = Valtionlainan korkoa ({ $series }) ei ole saatavilla sopimuksen alkamispäivältä { $date } eikä sitä aiemmin, joten korkoa ei voida ehdottaa.

## Field errors: the message of one entry of a problem's errors.

field-missing = kenttä on pakollinen
field-unknown = tuntematon kenttä
field-wrong-type = väärä tyyppi, odotettiin: { $expected }
# The JSON types field-wrong-type names.
field-type-string = merkkijono
field-type-object = objekti
field-type-array = taulukko
field-type-boolean = totuusarvo
field-type-integer = kokonaisluku
field-type-number-or-decimal-string = luku tai desimaaliluku merkkijonona
field-invalid-date = virheellinen päivämäärä, käytä muotoa VVVV-KK-PP ja vuotta { $min }–{ $max }
field-invalid-etag = virheellinen ETag, lähetä resurssin ETag, esimerkiksi "3"
field-invalid-decimal = virheellinen luku, käytä desimaalilukua, esimerkiksi "1234.50"
field-not-one-of = sallitut arvot: { $allowed }
field-empty = ei saa olla tyhjä
field-too-long = enintään { $max } merkkiä
field-not-positive = on oltava suurempi kuin nolla
field-negative = ei saa olla negatiivinen
field-out-of-range = on oltava välillä { $min } – { $max }
field-too-many-decimals = enintään { $max } desimaalia
field-unknown-currency = tuntematon valuutta, käytä ISO 4217 -koodia, esimerkiksi SEK
field-unsupported-currency = valuuttoja, joissa on { $decimals } desimaalia, ei vielä tueta; summat pidetään sadasosina (2 desimaalia)
field-too-many-versions = sopimuksella on jo suurin sallittu määrä versioita ({ $max }); rekisteröi uusi sopimus
field-end-before-start = päättymispäivä ei saa olla ennen alkamispäivää
field-steps-not-ascending = portaiden päivämäärien on oltava nousevassa järjestyksessä
field-outside-term = päivämäärän on oltava sopimuksen voimassaoloajan sisällä
field-before-previous-version = ei saa olla ennen viimeisimmän version voimaantulopäivää
field-control-characters = ei saa sisältää ohjausmerkkejä
field-unknown-contract = yrityksellä ei ole sopimusta tällä tunnisteella
field-file-too-large = tiedosto saa olla enintään { $mib } MiB ({ $bytes } tavua)
field-not-accepted = pyyntöä ei voitu hyväksyä
field-erasure-confirm = on oltava yrityksen nimi täsmälleen niin kuin se on kirjoitettu yrityksen asetuksissa

## Rule errors: field-rule-<rule>, the business rule one field breaks (HTTP 422). Field names
## and values in quotes are the API's own words and stay as they are.

field-rule-from-after-to = ei saa olla myöhempi kuin to
field-rule-to-too-far-after-from = enintään { $days } päivää from-päivän jälkeen
field-rule-from-too-far-before-to = enintään { $days } päivää ennen to-päivää (oletus: tänään)
field-rule-account-code = tilikoodi on 1–{ $max } ASCII-kirjainta, numeroa, '.' tai '-'
field-rule-user-change-names-nothing = anna vähintään yksi kentistä roles, active, locale
field-rule-keep-an-active-admin = yrityksellä on oltava ainakin yksi aktiivinen pääkäyttäjä; tee ensin toisesta käyttäjästä pääkäyttäjä
field-rule-email-address = ei sähköpostiosoite, esim. nimi@yritys.fi
field-rule-password-policy = vähintään { $min } merkkiä (enintään { $max }), joissa on iso kirjain, pieni kirjain, numero ja erikoismerkki, eikä välilyöntiä alussa tai lopussa
field-rule-settings-change-names-nothing = anna vähintään yksi muutettava asetus
field-rule-report-period-too-long = raportti kattaa enintään { $months } kuukautta: periodEnd-päivän on oltava ennen päivää { $before }
field-rule-too-many-contracts = enintään { $max } sopimusta
field-rule-contract-named-twice = kukin sopimus enintään kerran
field-rule-code-six-digits = koodissa on kuusi numeroa
field-rule-sso-only-with-provider = vain kun "provider": "{ $provider }"
field-rule-sso-domains-required = anna vähintään yksi sähköpostin verkkotunnus: niiden perusteella kirjautumiset ohjataan palveluntarjoajalle
field-rule-sso-client-secret-required = pakollinen, kun palveluntarjoaja määritetään ensimmäistä kertaa tai sen issuer tai client id muuttuu
field-rule-sso-require-for-all = vaatii käyttöön otetun moduulin (kokeilu tai aktiivinen) ja määritetyn palveluntarjoajan, muuten kukaan yrityksestä ei voisi kirjautua
field-rule-sso-provider-settings-required = pakollinen, kun "provider": "{ $provider }"
field-rule-saml-metadata-both = lähetä joko metadataUrl tai metadataDocument
field-rule-saml-metadata-missing = lähetä metadataUrl tai metadataDocument
field-rule-https-url = on oltava https-URL (Azure AD: https://login.microsoftonline.com/<tenant id>/v2.0)
field-rule-domain-too-long = enintään { $max } merkkiä (Cogniton raja palveluntarjoajien tunnisteille)
field-rule-domain-name = ei verkkotunnus, kuten corp.example (IDN-verkkotunnukset muodossa xn--)
field-rule-domain-public-mail = julkisen sähköpostipalvelun verkkotunnusta ei voi varata
field-rule-too-many-domains = enintään { $max } verkkotunnusta
field-rule-too-many-group-roles = enintään { $max } vastaavuutta
field-rule-too-many-steps = enintään { $max } porrasta
field-rule-contract-change-names-nothing = anna vähintään yksi muutettava sopimuskenttä
field-rule-fixed-at-commencement = kiinnitetään sopimuksen alkaessa: ei voi muuttua myöhemmässä versiossa
field-rule-mfa-required-needs-own-authenticator = lisää ensin todennussovellus omalle tilillesi (POST /auth/mfa/setup ja /auth/mfa/verify), kirjaudu sitten uudelleen ja ota tämä käyttöön
field-rule-code-mismatch = koodi ei vastaa todennussovellusta; anna voimassa oleva koodi
field-rule-email-refused-by-pool = ei sähköpostiosoite, jonka Cognito hyväksyy
field-rule-password-refused-by-pool = käyttäjäpooli ei hyväksy tätä salasanaa; valitse toinen

## Lease engine refusals (shared/src/domain/lease/error.rs); dates are YYYY-MM-DD.

field-rule-lease-end-before-commencement = Päättymispäivä { $end } on ennen alkamispäivää { $commencement }.
field-rule-lease-term-not-whole-periods = Vuokra-aika { $commencement } – { $end } ei ole kokonainen määrä maksukausia ({ $frequency }); lähimmät kelvolliset päättymispäivät ovat { $shorter } ja { $longer }.
field-rule-lease-term-too-long = Vuokra-aika { $months } kk on pidempi kuin tuettu enimmäispituus { $max } kk.
field-rule-lease-short-term-too-long = Lyhytaikaisen vuokrasopimuksen poikkeus edellyttää enintään 12 kuukauden vuokra-aikaa; tämä vuokra-aika on { $months } kk.
field-rule-lease-amount-not-positive = { $field }: on oltava suurempi kuin nolla; arvo on { $value }.
field-rule-lease-amount-negative = { $field }: ei saa olla negatiivinen; arvo on { $value }.
field-rule-lease-amount-too-many-decimals = { $field }: enintään 2 desimaalia; arvo on { $value }.
field-rule-lease-amount-too-large = { $field }: { $value } ylittää tuetun enimmäismäärän { $max }.
field-rule-lease-too-many-steps = Vuokrasopimuksessa on enintään { $max } maksuporrasta; tässä on { $steps }.
field-rule-lease-too-many-versions = Sopimuksella on enintään { $max } versiota; tällä olisi { $versions }.
field-rule-lease-rate-out-of-range = Diskonttokoron on oltava 0–100 prosenttia; se on { $rate } prosenttia.
field-rule-lease-steps-out-of-order = Maksuportaan { $step } (alkaen { $from }) on alettava edellisen portaan jälkeen; portaiden päivämäärien on oltava nousevassa järjestyksessä.
field-rule-lease-step-outside-term = Maksuporras { $step } alkaa { $from }, vuokra-ajan { $commencement } – { $end } ulkopuolella.
field-rule-lease-negative-right-of-use-asset = Vuokrakannustimet ylittävät käyttöoikeusomaisuuserän hankintamenon, joka olisi { $cost }.
field-rule-lease-no-versions = Aikataulu tarvitsee vähintään yhden sopimusversion.
field-rule-lease-first-version-not-at-commencement = Ensimmäisen version on oltava voimassa alkamispäivästä { $commencement } alkaen, ei päivästä { $effectiveFrom }.
field-rule-lease-versions-out-of-order = Versiot ovat väärässä järjestyksessä: versiolla { $version } (voimassa { $effectiveFrom } alkaen) on oltava suurempi numero ja myöhempi voimaantulopäivä kuin versiolla { $previous } (voimassa { $previousEffectiveFrom } alkaen).
field-rule-lease-commencement-changed = Versio { $version } muuttaa alkamispäiväksi { $commencement }; vuokrasopimuksen alkamispäivä ei voi muuttua, kirjaa sen sijaan uusi sopimus.
field-rule-lease-exemption-changed = Versio { $version } muuttaa lyhytaikaisten tai arvoltaan vähäisten vuokrasopimusten poikkeusta; kirjaa sen sijaan uusi sopimus.
field-rule-lease-effective-date-not-period-start = Version { $version } voimaantulopäivä { $effectiveFrom } ei ole maksukauden alku.
field-rule-lease-effective-date-outside-term = Version { $version } voimaantulopäivä { $effectiveFrom } on vuokra-ajan ulkopuolella; sen on oltava alkamispäivän jälkeen ja viimeistään päättymispäivänä.
field-rule-lease-date-out-of-range = Tämän vuokrasopimuksen päivämäärät ovat tuetun kalenterialueen ulkopuolella.
# The amount and frequency names those refusals put in { $field } and { $frequency }.
lease-amount-payment = Maksun määrä
lease-amount-payment-step = Maksuportaan määrä
lease-amount-initial-direct-costs = Alkuvaiheen välittömät menot
lease-amount-lease-incentives = Vuokrakannustimet
lease-amount-restoration-costs = Ennallistamismenot
lease-amount-first-increased-fee = Ensimmäinen korotettu maksu
lease-amount-other = Määrä
lease-frequency-monthly = kuukausittain
lease-frequency-quarterly = neljännesvuosittain
lease-frequency-semiannual = puolivuosittain
lease-frequency-annual = vuosittain

## Report refusals (shared/src/domain/report/mod.rs, shared/src/domain/rates/fx.rs).

field-rule-report-period-reversed = jakso päättyy ennen kuin se alkaa
field-rule-report-period-over-limit = raportti kattaa enintään { $months } kuukautta
field-rule-report-rates-incomplete = valuutan { $currency } keskikurssi ajalle { $from } – { $to } perustuu { $observations } päivään niistä { $expected } päivästä, joina kursseja julkaistaan
field-rule-report-rate-stale = viimeisin { $currency }-kurssi päivänä { $date } tai sitä ennen on päivältä { $rateDate }, yli { $maxAge } päivää aiemmin: tuo puuttuvat päivät ensin
field-rule-report-contract-refused = sopimus { $id }: { $reason }
field-rule-fx-unknown-currency = "{ $code }" ei ole ISO 4217 -valuuttakoodi
field-rule-fx-range-reversed = from ({ $from }) on myöhempi kuin to ({ $to })
field-rule-fx-no-rate = { $base }/{ $quote }-kurssia ei tunneta päivältä { $date } tai aiemmalta
field-rule-fx-no-rate-in-range = { $base }/{ $quote }-kurssia ei tunneta väliltä { $from } – { $to }
field-rule-fx-invalid-rate = tallennettu { $currency }-kurssi päivälle { $date } ei ole positiivinen
