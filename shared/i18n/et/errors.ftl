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
# A conflict's detail says what is in the way: problem-conflict-<reason>-detail.
problem-conflict-title = Konflikt
problem-conflict-erasing-detail = Ettevõtet kustutatakse; sellele ei saa enam midagi kirjutada.
problem-conflict-settings-changed-detail = Ettevõtte raamatupidamisseaded muutusid selle muudatuse arvutamise ajal; midagi ei kirjutatud. Saatke päring uuesti, et see arvutataks uute seadetega.
problem-conflict-email-taken-detail = Selle e-posti aadressiga on juba konto; midagi ei loodud.
problem-conflict-contract-archived-detail = leping on arhiveeritud
problem-conflict-contract-already-archived-detail = leping on juba arhiveeritud
problem-conflict-erasure-scheduled-detail = Ettevõtte kustutamine on juba ajastatud; uue ajastamiseks tühistage see kõigepealt (DELETE /company/erasure).
problem-conflict-erasure-started-detail = Kustutamine on alanud; seda ei saa enam tühistada ja see viiakse lõpuni.
problem-conflict-domain-claimed-detail = domeen { $domain } on juba teise ettevõtte ühekordse sisselogimise kasutuses; paluge selle omanikul see vabastada või võtke ühendust toega
problem-conflict-document-not-uploaded-detail = dokumendi faili pole veel üles laaditud; pole midagi alla laadida
problem-conflict-report-failed-detail = aruande koostamine ebaõnnestus (vt failureReason); allalaaditavat faili pole
problem-conflict-report-not-finished-detail = aruande olek on { $status }; selle saab alla laadida, kui see on valmis
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

## Rule errors: field-rule-<rule>, the business rule one field breaks (HTTP 422). Field names
## and values in quotes are the API's own words and stay as they are.

field-rule-from-after-to = ei tohi olla hilisem kui to
field-rule-to-too-far-after-from = kõige rohkem { $days } päeva pärast kuupäeva from
field-rule-from-too-far-before-to = kõige rohkem { $days } päeva enne kuupäeva to (vaikimisi täna)
field-rule-account-code = kontokood on 1 kuni { $max } ASCII-tähte, numbrit, '.' või '-'
field-rule-user-change-names-nothing = märkige vähemalt üks väljadest roles, active, locale
field-rule-keep-an-active-admin = ettevõttel peab jääma vähemalt üks aktiivne administraator; tehke kõigepealt mõni teine kasutaja administraatoriks
field-rule-email-address = pole e-posti aadress, nt nimi@ettevote.ee
field-rule-password-policy = vähemalt { $min } märki (kõige rohkem { $max }), sealhulgas suurtäht, väiketäht, number ja erimärk, ilma tühikuta alguses või lõpus
field-rule-settings-change-names-nothing = märkige vähemalt üks muudetav seade
field-rule-report-period-too-long = aruanne hõlmab kõige rohkem { $months } kuud: periodEnd peab olema enne { $before }
field-rule-too-many-contracts = kõige rohkem { $max } lepingut
field-rule-contract-named-twice = iga leping kõige rohkem üks kord
field-rule-code-six-digits = koodis on kuus numbrit
field-rule-sso-only-with-provider = ainult koos "provider": "{ $provider }"
field-rule-sso-domains-required = märkige vähemalt üks e-posti domeen: nende järgi suunatakse sisselogimised teenusepakkujale
field-rule-sso-client-secret-required = nõutav, kui teenusepakkuja seadistatakse esimest korda või selle issuer või client id muutub
field-rule-sso-require-for-all = vajab sisselülitatud moodulit (prooviperiood või aktiivne) koos seadistatud teenusepakkujaga, muidu ei saaks keegi ettevõttest sisse logida
field-rule-sso-provider-settings-required = nõutav koos "provider": "{ $provider }"
field-rule-saml-metadata-both = saatke kas metadataUrl või metadataDocument
field-rule-saml-metadata-missing = saatke metadataUrl või metadataDocument
field-rule-https-url = peab olema https-URL (Azure AD puhul: https://login.microsoftonline.com/<tenant id>/v2.0)
field-rule-domain-too-long = kõige rohkem { $max } märki (Cognito piirang teenusepakkujate identifikaatoritele)
field-rule-domain-name = pole domeeninimi, nt corp.example (IDN-domeenid kujul xn--)
field-rule-domain-public-mail = avaliku e-posti teenuse domeeni ei saa endale võtta
field-rule-too-many-domains = kõige rohkem { $max } domeeni
field-rule-too-many-group-roles = kõige rohkem { $max } vastendust
field-rule-too-many-steps = kõige rohkem { $max } astet
field-rule-contract-change-names-nothing = märkige vähemalt üks muudetav lepinguväli
field-rule-fixed-at-commencement = määratakse lepingu alguses: hilisemas versioonis ei saa seda muuta
field-rule-mfa-required-needs-own-authenticator = lisage kõigepealt oma kontole autentimisrakendus (POST /auth/mfa/setup ja /auth/mfa/verify), seejärel logige uuesti sisse ja lülitage see sisse
field-rule-code-mismatch = kood ei vasta autentimisrakendusele; sisestage kehtiv kood
field-rule-email-refused-by-pool = pole e-posti aadress, mida Cognito aktsepteerib
field-rule-password-refused-by-pool = kasutajakogum ei aktsepteeri seda parooli; valige teine

## Lease engine refusals (shared/src/domain/lease/error.rs); dates are YYYY-MM-DD.

field-rule-lease-end-before-commencement = Lõppkuupäev { $end } on enne alguskuupäeva { $commencement }.
field-rule-lease-term-not-whole-periods = Rendiperiood { $commencement } kuni { $end } ei ole täisarv makseperioode ({ $frequency }); lähimad sobivad lõppkuupäevad on { $shorter } ja { $longer }.
field-rule-lease-term-too-long = Rendiperiood { $months } kuud on pikem kui toetatud maksimum { $max } kuud.
field-rule-lease-short-term-too-long = Lühiajalise rendi erand nõuab kõige rohkem 12-kuulist rendiperioodi; see periood on { $months } kuud.
field-rule-lease-amount-not-positive = { $field }: peab olema suurem kui null; väärtus on { $value }.
field-rule-lease-amount-negative = { $field }: ei tohi olla negatiivne; väärtus on { $value }.
field-rule-lease-amount-too-many-decimals = { $field }: kõige rohkem 2 kümnendkohta; väärtus on { $value }.
field-rule-lease-amount-too-large = { $field }: { $value } ületab toetatud maksimumi { $max }.
field-rule-lease-too-many-steps = Rendilepingul on kõige rohkem { $max } makseastet; sellel on { $steps }.
field-rule-lease-too-many-versions = Lepingul on kõige rohkem { $max } versiooni; sellel oleks { $versions }.
field-rule-lease-rate-out-of-range = Diskontomäär peab olema 0 kuni 100 protsenti; see on { $rate } protsenti.
field-rule-lease-steps-out-of-order = Makseaste { $step } (alates { $from }) peab algama pärast eelmist astet; astmed peavad olema kasvavas kuupäevade järjekorras.
field-rule-lease-step-outside-term = Makseaste { $step } algab { $from }, väljaspool rendiperioodi { $commencement } kuni { $end }.
field-rule-lease-negative-right-of-use-asset = Rendisoodustused ületavad kasutusõiguse vara soetusmaksumuse, mis oleks { $cost }.
field-rule-lease-no-versions = Graafik vajab vähemalt ühte lepinguversiooni.
field-rule-lease-first-version-not-at-commencement = Esimene versioon peab kehtima alates alguskuupäevast { $commencement }, mitte alates { $effectiveFrom }.
field-rule-lease-versions-out-of-order = Versioonid on vales järjekorras: versioonil { $version } (kehtib alates { $effectiveFrom }) peab olema suurem number ja hilisem jõustumiskuupäev kui versioonil { $previous } (kehtib alates { $previousEffectiveFrom }).
field-rule-lease-commencement-changed = Versioon { $version } muudab alguskuupäevaks { $commencement }; rendi alguskuupäeva ei saa muuta, registreerige selle asemel uus leping.
field-rule-lease-exemption-changed = Versioon { $version } muudab lühiajalise või väikese väärtusega vara rendi erandit; registreerige selle asemel uus leping.
field-rule-lease-effective-date-not-period-start = Versiooni { $version } jõustumiskuupäev { $effectiveFrom } ei ole makseperioodi algus.
field-rule-lease-effective-date-outside-term = Versiooni { $version } jõustumiskuupäev { $effectiveFrom } on väljaspool rendiperioodi; see peab olema pärast alguskuupäeva ja hiljemalt lõppkuupäeval.
field-rule-lease-date-out-of-range = Selle rendi kuupäevad on väljaspool toetatud kalendrivahemikku.
# The amount and frequency names those refusals put in { $field } and { $frequency }.
lease-amount-payment = Makse summa
lease-amount-payment-step = Makseastme summa
lease-amount-initial-direct-costs = Otsesed algkulutused
lease-amount-lease-incentives = Rendisoodustused
lease-amount-restoration-costs = Taastamiskulud
lease-amount-first-increased-fee = Esimene suurendatud tasu
lease-amount-other = Summa
lease-frequency-monthly = igakuine
lease-frequency-quarterly = kvartaalne
lease-frequency-semiannual = poolaastane
lease-frequency-annual = aastane

## Report refusals (shared/src/domain/report/mod.rs, shared/src/domain/rates/fx.rs).

field-rule-report-period-reversed = periood lõpeb enne, kui see algab
field-rule-report-period-over-limit = aruanne hõlmab kõige rohkem { $months } kuud
field-rule-report-rates-incomplete = valuuta { $currency } keskmine kurss perioodil { $from } kuni { $to } põhineb { $observations } päeval { $expected } päevast, mil kursse avaldatakse
field-rule-report-rate-stale = viimane { $currency } kurss kuupäeval { $date } või varem on kuupäevast { $rateDate }, rohkem kui { $maxAge } päeva varem: importige kõigepealt puuduvad päevad
field-rule-report-contract-refused = leping { $id }: { $reason }
field-rule-fx-unknown-currency = "{ $code }" ei ole ISO 4217 valuutakood
field-rule-fx-range-reversed = from ({ $from }) on hilisem kui to ({ $to })
field-rule-fx-no-rate = { $base }/{ $quote } kurssi kuupäeval { $date } või varem ei ole teada
field-rule-fx-no-rate-in-range = { $base }/{ $quote } kurssi vahemikus { $from } kuni { $to } ei ole teada
field-rule-fx-invalid-rate = salvestatud { $currency } kurss kuupäeval { $date } ei ole positiivne
