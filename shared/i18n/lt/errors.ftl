# API problem titles and details (shared/src/http/problem.rs, shared/src/http/rates.rs) and
# field-error messages (shared/src/domain/validation.rs). Technical tokens (errors, If-Match,
# ETag, Idempotency-Key, JSON, routes, "3", "1234.50", SEK) stay as they are in every language.

## Problems: problem-<type>-title and problem-<type>-detail, <type> as in /problems/<type>.

problem-malformed-json-title = Netinkamas JSON
problem-malformed-json-detail = Užklausos turinys nėra tinkamas JSON.
problem-invalid-request-title = Netinkama užklausa
problem-invalid-request-detail = Vieno ar kelių laukų forma netinkama; žr. errors.
problem-validation-failed-title = Duomenys pažeidžia taisyklę
problem-validation-failed-detail = Vienas ar keli laukai pažeidžia taisyklę; žr. errors.
problem-unauthorized-title = Būtina prisijungti
problem-unauthorized-detail = Pateikite galiojantį prieigos raktą (token) arba teisingus prisijungimo duomenis.
problem-forbidden-title = Prieiga uždrausta
problem-forbidden-detail = Jūsų vaidmuo to neleidžia.
problem-mfa-enrollment-required-title = Būtinas dviejų veiksnių autentifikavimas
problem-mfa-enrollment-required-detail = Jūsų įmonė reikalauja dviejų veiksnių autentifikavimo: pridėkite autentifikavimo programėlę (POST /auth/mfa/setup) ir prisijunkite iš naujo.
problem-sso-required-title = Jūsų įmonė reikalauja bendrojo prisijungimo (SSO)
problem-sso-required-detail = Prisijunkite per įmonės tapatybės teikėją (GET /auth/sso?email=).
problem-not-found-title = Nerasta
problem-not-found-detail = Išteklius neegzistuoja.
# A conflict's detail says what is in the way: problem-conflict-<reason>-detail.
problem-conflict-title = Konfliktas
problem-conflict-erasing-detail = Įmonės duomenys šiuo metu trinami; jai nebegalima nieko įrašyti.
problem-conflict-settings-changed-detail = Įmonės apskaitos nustatymai pasikeitė, kol šis pakeitimas buvo skaičiuojamas; niekas neįrašyta. Išsiųskite užklausą dar kartą, kad ji būtų apskaičiuota pagal naujus nustatymus.
problem-conflict-email-taken-detail = Šis el. pašto adresas jau turi paskyrą; niekas nesukurta.
problem-conflict-contract-archived-detail = sutartis archyvuota
problem-conflict-contract-already-archived-detail = sutartis jau archyvuota
problem-conflict-erasure-scheduled-detail = Įmonės ištrynimas jau suplanuotas; pirmiausia jį atšaukite (DELETE /company/erasure), kad suplanuotumėte kitą.
problem-conflict-erasure-started-detail = Ištrynimas prasidėjo; jo nebegalima atšaukti, jis bus užbaigtas.
problem-conflict-domain-claimed-detail = domeną { $domain } vieningam prisijungimui jau naudoja kita įmonė; paprašykite jo savininko jį atlaisvinti arba kreipkitės į pagalbos tarnybą
problem-conflict-document-not-uploaded-detail = dokumento failas dar neįkeltas; nėra ko atsisiųsti
problem-conflict-report-failed-detail = ataskaitos sukurti nepavyko (žr. failureReason); atsisiųsti nėra failo
problem-conflict-report-not-finished-detail = ataskaitos būsena: { $status }; ją bus galima atsisiųsti, kai ji bus baigta
problem-precondition-failed-title = Išteklius pasikeitė
problem-precondition-failed-detail = Išteklius pasikeitė po to, kai buvo nuskaitytas; gaukite jį iš naujo.
problem-precondition-required-title = Būtina If-Match
problem-precondition-required-detail = Siųskite If-Match su ištekliaus ETag.
problem-payload-too-large-title = Užklausa per didelė
problem-payload-too-large-detail = Užklausos turinys viršija ribą.
problem-file-too-large-title = Failas per didelis
problem-file-too-large-detail = Failas didesnis, nei leidžiama įkelti; žr. errors.
problem-idempotency-key-reused-title = Idempotency-Key panaudotas pakartotinai
problem-idempotency-key-reused-detail = Šis raktas jau buvo panaudotas kitai užklausai.
problem-too-many-requests-title = Per daug užklausų
problem-too-many-requests-detail = Palaukite ir bandykite dar kartą.
problem-gone-title = Ištrinta
problem-gone-detail = Tai buvo saugoma ribotą laiką ir nebėra pasiekiama; užsakykite iš naujo.
problem-busy-title = Paslauga užimta
problem-busy-detail = Per daug vienu metu atliekamų pakeitimų; bandykite dar kartą.
problem-dependency-failed-title = Paslauga laikinai nepasiekiama
problem-dependency-failed-detail = Pagalbinė paslauga neatsakė; niekas nepakeista.

## The 404 of a rate route names the rate that is missing (dates are YYYY-MM-DD).

problem-no-fx-rate-detail = Nėra žinomo { $base }/{ $quote } kurso { $date } ar ankstesnei dienai.
problem-no-fx-rate-in-range-detail = Nėra žinomo { $base }/{ $quote } kurso laikotarpiu nuo { $from } iki { $to }.
problem-no-government-yield-detail = Nėra žinomo valstybės obligacijų pajamingumo ({ $series }) sutarties pradžios datai { $date } ar ankstesnei dienai, todėl palūkanų normos pasiūlyti negalima.

## Field errors: the message of one entry of a problem's errors.

field-missing = laukas privalomas
field-unknown = nežinomas laukas
field-wrong-type = netinkamas tipas, tikėtasi: { $expected }
# The JSON types field-wrong-type names.
field-type-string = eilutė
field-type-object = objektas
field-type-array = masyvas
field-type-boolean = loginė reikšmė
field-type-integer = sveikasis skaičius
field-type-number-or-decimal-string = skaičius arba dešimtainio skaičiaus eilutė
field-invalid-date = netinkama data, naudokite formatą MMMM-MM-DD ir metus nuo { $min } iki { $max }
field-invalid-etag = netinkamas ETag, siųskite ištekliaus ETag, pvz., "3"
field-invalid-decimal = netinkamas skaičius, naudokite dešimtainį skaičių, pvz., "1234.50"
field-not-one-of = turi būti viena iš reikšmių: { $allowed }
field-empty = negali būti tuščias
field-too-long = ne daugiau kaip { $max } simb.
field-not-positive = turi būti didesnis už nulį
field-negative = negali būti neigiamas
field-out-of-range = turi būti nuo { $min } iki { $max }
field-too-many-decimals = didžiausias skaitmenų po kablelio skaičius: { $max }
field-unknown-currency = nežinoma valiuta, naudokite ISO 4217 kodą, pvz., SEK
field-unsupported-currency = valiutos, kurių skaitmenų po kablelio skaičius yra { $decimals }, dar nepalaikomos; sumos skaičiuojamos šimtosiomis dalimis (2 skaitmenys po kablelio)
field-too-many-versions = sutartis jau turi didžiausią leidžiamą versijų skaičių ({ $max }); užregistruokite naują sutartį
field-end-before-start = pabaigos data negali būti ankstesnė už pradžios datą
field-steps-not-ascending = etapų datos turi eiti didėjimo tvarka
field-outside-term = data turi būti sutarties galiojimo laikotarpio ribose
field-before-previous-version = negali būti ankstesnė už naujausios versijos įsigaliojimo datą
field-control-characters = negali turėti valdymo simbolių
field-unknown-contract = įmonė neturi sutarties su šiuo id
field-file-too-large = failas gali būti ne didesnis kaip { $mib } MiB ({ $bytes } B)
field-not-accepted = užklausos priimti nepavyko
field-erasure-confirm = turi būti įmonės pavadinimas tiksliai taip, kaip jis parašytas įmonės nustatymuose

## Rule errors: field-rule-<rule>, the business rule one field breaks (HTTP 422). Field names
## and values in quotes are the API's own words and stay as they are.

field-rule-from-after-to = negali būti vėlesnė už to
field-rule-to-too-far-after-from = turi būti ne daugiau kaip { $days } d. po from
field-rule-from-too-far-before-to = turi būti ne daugiau kaip { $days } d. prieš to (numatyta: šiandien)
field-rule-account-code = sąskaitos kodą sudaro nuo 1 iki { $max } ASCII raidžių, skaitmenų, '.' arba '-'
field-rule-user-change-names-nothing = nurodykite bent vieną iš roles, active, locale
field-rule-keep-an-active-admin = įmonė turi turėti bent vieną aktyvų administratorių; pirmiausia paskirkite administratoriumi kitą naudotoją
field-rule-email-address = tai ne el. pašto adresas, pvz., vardas@imone.lt
field-rule-password-policy = bent { $min } simbolių (ne daugiau kaip { $max }) su didžiąja raide, mažąja raide, skaitmeniu ir specialiuoju simboliu, be tarpo pradžioje ar pabaigoje
field-rule-settings-change-names-nothing = nurodykite bent vieną keičiamą nustatymą
field-rule-report-period-too-long = ataskaita apima ne daugiau kaip { $months } mėn.: periodEnd turi būti ankstesnė nei { $before }
field-rule-too-many-contracts = ne daugiau kaip { $max } sutarčių
field-rule-contract-named-twice = kiekviena sutartis ne daugiau kaip vieną kartą
field-rule-code-six-digits = kodą sudaro šeši skaitmenys
field-rule-sso-only-with-provider = tik su "provider": "{ $provider }"
field-rule-sso-domains-required = nurodykite bent vieną el. pašto domeną: pagal juos prisijungimai nukreipiami tiekėjui
field-rule-sso-client-secret-required = privaloma, kai tiekėjas nustatomas pirmą kartą arba pasikeičia jo issuer ar client id
field-rule-sso-require-for-all = reikia įjungto modulio (bandomojo ar aktyvaus) su sukonfigūruotu tiekėju, kitaip niekas iš įmonės negalėtų prisijungti
field-rule-sso-provider-settings-required = privaloma su "provider": "{ $provider }"
field-rule-saml-metadata-both = siųskite arba metadataUrl, arba metadataDocument
field-rule-saml-metadata-missing = siųskite metadataUrl arba metadataDocument
field-rule-https-url = turi būti https URL (Azure AD: https://login.microsoftonline.com/<tenant id>/v2.0)
field-rule-domain-too-long = ne daugiau kaip { $max } simbolių (Cognito riba tiekėjų identifikatoriams)
field-rule-domain-name = tai ne domeno vardas, pvz., corp.example (IDN domenai xn-- forma)
field-rule-domain-public-mail = viešosios el. pašto paslaugos domeno negalima pasisavinti
field-rule-too-many-domains = ne daugiau kaip { $max } domenų
field-rule-too-many-group-roles = ne daugiau kaip { $max } susiejimų
field-rule-too-many-steps = ne daugiau kaip { $max } pakopų
field-rule-contract-change-names-nothing = nurodykite bent vieną keičiamą sutarties lauką
field-rule-fixed-at-commencement = nustatoma sutarties pradžioje: vėlesnėje versijoje keisti negalima
field-rule-mfa-required-needs-own-authenticator = pirmiausia pridėkite autentifikavimo programėlę prie savo paskyros (POST /auth/mfa/setup ir /auth/mfa/verify), tada vėl prisijunkite ir įjunkite šią parinktį
field-rule-code-mismatch = kodas neatitinka autentifikavimo programėlės; įveskite dabartinį kodą
field-rule-email-refused-by-pool = tai ne el. pašto adresas, kurį priima Cognito
field-rule-password-refused-by-pool = naudotojų telkinys nepriima šio slaptažodžio; pasirinkite kitą

## Lease engine refusals (shared/src/domain/lease/error.rs); dates are YYYY-MM-DD.

field-rule-lease-end-before-commencement = Pabaigos data { $end } yra ankstesnė už pradžios datą { $commencement }.
field-rule-lease-term-not-whole-periods = Nuomos laikotarpis nuo { $commencement } iki { $end } nėra sveikas mokėjimo laikotarpių ({ $frequency }) skaičius; artimiausios galiojančios pabaigos datos yra { $shorter } ir { $longer }.
field-rule-lease-term-too-long = { $months } mėn. nuomos laikotarpis yra ilgesnis už didžiausią palaikomą { $max } mėn. laikotarpį.
field-rule-lease-short-term-too-long = Trumpalaikės nuomos išimčiai reikia ne ilgesnio kaip 12 mėn. nuomos laikotarpio; šis laikotarpis yra { $months } mėn.
field-rule-lease-amount-not-positive = { $field }: reikšmė turi būti didesnė už nulį; dabar ji yra { $value }.
field-rule-lease-amount-negative = { $field }: reikšmė negali būti neigiama; dabar ji yra { $value }.
field-rule-lease-amount-too-many-decimals = { $field }: reikšmė gali turėti ne daugiau kaip 2 skaitmenis po kablelio; dabar ji yra { $value }.
field-rule-lease-amount-too-large = { $field }: reikšmė { $value } viršija didžiausią palaikomą reikšmę { $max }.
field-rule-lease-too-many-steps = Nuomos sutartis turi ne daugiau kaip { $max } mokėjimo pakopų; ši turi { $steps }.
field-rule-lease-too-many-versions = Sutartis turi ne daugiau kaip { $max } versijų; ši turėtų { $versions }.
field-rule-lease-rate-out-of-range = Diskonto norma turi būti nuo 0 iki 100 procentų; ji yra { $rate } proc.
field-rule-lease-steps-out-of-order = Mokėjimo pakopa { $step } (nuo { $from }) turi prasidėti po ankstesnės pakopos; pakopos turi eiti didėjančia datų tvarka.
field-rule-lease-step-outside-term = Mokėjimo pakopa { $step } prasideda { $from }, už nuomos laikotarpio { $commencement }–{ $end } ribų.
field-rule-lease-negative-right-of-use-asset = Nuomos paskatos viršija naudojimo teise valdomo turto savikainą, kuri būtų { $cost }.
field-rule-lease-no-versions = Grafikui reikia bent vienos sutarties versijos.
field-rule-lease-first-version-not-at-commencement = Pirmoji versija turi galioti nuo pradžios datos { $commencement }, o ne nuo { $effectiveFrom }.
field-rule-lease-versions-out-of-order = Versijos išdėstytos netinkama tvarka: versijos { $version } (galioja nuo { $effectiveFrom }) numeris turi būti didesnis, o įsigaliojimo data vėlesnė nei versijos { $previous } (galioja nuo { $previousEffectiveFrom }).
field-rule-lease-commencement-changed = Versija { $version } keičia pradžios datą į { $commencement }; nuomos pradžios data negali keistis, vietoj to užregistruokite naują sutartį.
field-rule-lease-exemption-changed = Versija { $version } keičia trumpalaikės arba mažos vertės turto nuomos išimtį; vietoj to užregistruokite naują sutartį.
field-rule-lease-effective-date-not-period-start = Versijos { $version } įsigaliojimo data { $effectiveFrom } nėra mokėjimo laikotarpio pradžia.
field-rule-lease-effective-date-outside-term = Versijos { $version } įsigaliojimo data { $effectiveFrom } yra už nuomos laikotarpio ribų; ji turi būti po pradžios datos ir ne vėlesnė nei pabaigos data.
field-rule-lease-date-out-of-range = Šios nuomos datos nepatenka į palaikomą kalendoriaus intervalą.
# The amount and frequency names those refusals put in { $field } and { $frequency }.
lease-amount-payment = Mokėjimo suma
lease-amount-payment-step = Mokėjimo pakopos suma
lease-amount-initial-direct-costs = Pradinės tiesioginės išlaidos
lease-amount-lease-incentives = Nuomos paskatos
lease-amount-restoration-costs = Atkūrimo išlaidos
lease-amount-first-increased-fee = Pirmasis padidintas mokestis
lease-amount-other = Suma
lease-frequency-monthly = kas mėnesį
lease-frequency-quarterly = kas ketvirtį
lease-frequency-semiannual = kas pusmetį
lease-frequency-annual = kasmet

## Report refusals (shared/src/domain/report/mod.rs, shared/src/domain/rates/fx.rs).

field-rule-report-period-reversed = laikotarpis baigiasi anksčiau, nei prasideda
field-rule-report-period-over-limit = ataskaita apima ne daugiau kaip { $months } mėn.
field-rule-report-rates-incomplete = { $currency } vidutinis kursas už { $from }–{ $to } pagrįstas { $observations } d. iš { $expected } d., kuriomis skelbiami kursai
field-rule-report-rate-stale = naujausias { $currency } kursas { $date } arba anksčiau yra { $rateDate } dienos, daugiau nei { $maxAge } d. anksčiau: pirmiausia importuokite trūkstamas dienas
field-rule-report-contract-refused = sutartis { $id }: { $reason }
field-rule-fx-unknown-currency = "{ $code }" nėra ISO 4217 valiutos kodas
field-rule-fx-range-reversed = from ({ $from }) yra vėlesnė už to ({ $to })
field-rule-fx-no-rate = { $base }/{ $quote } kursas { $date } arba anksčiau nežinomas
field-rule-fx-no-rate-in-range = { $base }/{ $quote } kursas tarp { $from } ir { $to } nežinomas
field-rule-fx-invalid-rate = išsaugotas { $currency } kursas { $date } nėra teigiamas
