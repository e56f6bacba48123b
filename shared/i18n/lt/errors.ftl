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
# A conflict's detail is the reason the route gives.
problem-conflict-title = Konfliktas
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
