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
# A conflict's detail is the reason the route gives.
problem-conflict-title = Ristiriita
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
