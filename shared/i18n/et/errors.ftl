# API problem titles and details (shared/src/http/problem.rs, shared/src/http/rates.rs) and
# field-error messages (shared/src/domain/validation.rs). Technical tokens (errors, If-Match,
# ETag, Idempotency-Key, JSON, routes, "3", "1234.50", SEK) stay as they are in every language.

## Problems: problem-<type>-title and problem-<type>-detail, <type> as in /problems/<type>.

problem-malformed-json-title = Vigane JSON
problem-malformed-json-detail = Päringu sisu ei ole kehtiv JSON.
problem-invalid-request-title = Vigane päring
problem-invalid-request-detail = Ühel või mitmel väljal on vale kuju; vt errors.
problem-validation-failed-title = Andmed rikuvad reeglit
problem-validation-failed-detail = Üks või mitu välja rikuvad reeglit; vt errors.
problem-unauthorized-title = Nõutav on sisselogimine
problem-unauthorized-detail = Esitage kehtiv juurdepääsutõend (token) või õiged sisselogimisandmed.
problem-forbidden-title = Juurdepääs keelatud
problem-forbidden-detail = Teie roll ei luba seda.
problem-mfa-enrollment-required-title = Nõutav on kaheastmeline autentimine
problem-mfa-enrollment-required-detail = Teie ettevõte nõuab kaheastmelist autentimist: lisage autentimisrakendus (POST /auth/mfa/setup) ja logige uuesti sisse.
problem-sso-required-title = Teie ettevõte nõuab ühekordset sisselogimist (SSO)
problem-sso-required-detail = Logige sisse ettevõtte identiteedipakkuja kaudu (GET /auth/sso?email=).
problem-not-found-title = Ei leitud
problem-not-found-detail = Ressurssi ei ole olemas.
# A conflict's detail is the reason the route gives.
problem-conflict-title = Konflikt
problem-precondition-failed-title = Ressurss on muutunud
problem-precondition-failed-detail = Ressurss on pärast lugemist muutunud; laadige see uuesti.
problem-precondition-required-title = If-Match on nõutav
problem-precondition-required-detail = Saatke If-Match koos ressursi ETag-iga.
problem-payload-too-large-title = Päring on liiga suur
problem-payload-too-large-detail = Päringu sisu ületab piirangu.
problem-file-too-large-title = Fail on liiga suur
problem-file-too-large-detail = Fail on suurem, kui üles laadida tohib; vt errors.
problem-idempotency-key-reused-title = Idempotency-Key on korduvalt kasutatud
problem-idempotency-key-reused-detail = Võtit on juba kasutatud teise päringu jaoks.
problem-too-many-requests-title = Liiga palju päringuid
problem-too-many-requests-detail = Oodake veidi ja proovige uuesti.
problem-gone-title = Kustutatud
problem-gone-detail = Seda hoiti piiratud aja ja see pole enam saadaval; tellige see uuesti.
problem-busy-title = Teenus on hõivatud
problem-busy-detail = Liiga palju samaaegseid muudatusi; proovige uuesti.
problem-dependency-failed-title = Teenus on ajutiselt kättesaamatu
problem-dependency-failed-detail = Aluseks olev teenus ei vastanud; midagi ei muudetud.

## The 404 of a rate route names the rate that is missing (dates are YYYY-MM-DD).

problem-no-fx-rate-detail = Kurss { $base }/{ $quote } ei ole teada kuupäeval { $date } ega varem.
problem-no-fx-rate-in-range-detail = Kurss { $base }/{ $quote } ei ole teada ajavahemikus { $from } kuni { $to }.
problem-no-government-yield-detail = Riigivõlakirjade tootlus ({ $series }) ei ole teada lepingu alguskuupäeval { $date } ega varem, seega ei saa intressimäära soovitada.

## Field errors: the message of one entry of a problem's errors.

field-missing = väli on kohustuslik
field-unknown = tundmatu väli
field-wrong-type = vale tüüp, oodati: { $expected }
# The JSON types field-wrong-type names.
field-type-string = tekst
field-type-object = objekt
field-type-array = massiiv
field-type-boolean = tõeväärtus
field-type-integer = täisarv
field-type-number-or-decimal-string = arv või kümnendarv tekstina
field-invalid-date = vigane kuupäev, kasutage vormingut AAAA-KK-PP ja aastat { $min }–{ $max }
field-invalid-etag = vigane ETag, saatke ressursi ETag, näiteks "3"
field-invalid-decimal = vigane arv, kasutage kümnendarvu, näiteks "1234.50"
field-not-one-of = peab olema üks järgmistest: { $allowed }
field-empty = ei tohi olla tühi
field-too-long = kuni { $max } märki
field-not-positive = peab olema suurem kui null
field-negative = ei tohi olla negatiivne
field-out-of-range = peab olema vahemikus { $min } kuni { $max }
field-too-many-decimals = kuni { $max } komakohta
field-unknown-currency = tundmatu valuuta, kasutage ISO 4217 koodi, näiteks SEK
field-unsupported-currency = valuutasid, millel on { $decimals } komakohta, veel ei toetata; summasid peetakse sajandikes (2 komakohta)
field-too-many-versions = lepingul on juba suurim lubatud arv versioone ({ $max }); registreerige uus leping
field-end-before-start = lõppkuupäev ei tohi olla enne alguskuupäeva
field-steps-not-ascending = astmete kuupäevad peavad olema kasvavas järjekorras
field-outside-term = kuupäev peab jääma lepingu kehtivusaja sisse
field-before-previous-version = ei tohi olla enne viimase versiooni jõustumiskuupäeva
field-control-characters = ei tohi sisaldada juhtmärke
field-unknown-contract = ettevõttel ei ole selle id-ga lepingut
field-file-too-large = fail võib olla kuni { $mib } MiB ({ $bytes } baiti)
field-not-accepted = päringut ei saanud vastu võtta
field-erasure-confirm = peab olema ettevõtte nimi täpselt nii, nagu see on ettevõtte seadetes kirjutatud
