# API problem titles and details (shared/src/http/problem.rs, shared/src/http/rates.rs) and
# field-error messages (shared/src/domain/validation.rs). Technical tokens (errors, If-Match,
# ETag, Idempotency-Key, JSON, routes, "3", "1234.50", SEK) stay as they are in every language.

## Problems: problem-<type>-title and problem-<type>-detail, <type> as in /problems/<type>.

problem-malformed-json-title = Nederīgs JSON
problem-malformed-json-detail = Pieprasījuma saturs nav derīgs JSON.
problem-invalid-request-title = Nederīgs pieprasījums
problem-invalid-request-detail = Vienam vai vairākiem laukiem ir nepareiza forma; skatiet errors.
problem-validation-failed-title = Dati pārkāpj noteikumu
problem-validation-failed-detail = Viens vai vairāki lauki pārkāpj noteikumu; skatiet errors.
problem-unauthorized-title = Nepieciešama pieteikšanās
problem-unauthorized-detail = Norādiet derīgu piekļuves pilnvaru (token) vai pareizus pieteikšanās datus.
problem-forbidden-title = Piekļuve liegta
problem-forbidden-detail = Jūsu loma to neatļauj.
problem-mfa-enrollment-required-title = Nepieciešama divfaktoru autentifikācija
problem-mfa-enrollment-required-detail = Jūsu uzņēmums pieprasa divfaktoru autentifikāciju: pievienojiet autentifikācijas lietotni (POST /auth/mfa/setup) un piesakieties vēlreiz.
problem-sso-required-title = Jūsu uzņēmums pieprasa vienoto pieteikšanos (SSO)
problem-sso-required-detail = Piesakieties, izmantojot uzņēmuma identitātes nodrošinātāju (GET /auth/sso?email=).
problem-not-found-title = Nav atrasts
problem-not-found-detail = Resurss nepastāv.
# A conflict's detail is the reason the route gives.
problem-conflict-title = Konflikts
problem-precondition-failed-title = Resurss ir mainījies
problem-precondition-failed-detail = Resurss ir mainījies kopš tā nolasīšanas; iegūstiet to vēlreiz.
problem-precondition-required-title = Nepieciešams If-Match
problem-precondition-required-detail = Nosūtiet If-Match ar resursa ETag.
problem-payload-too-large-title = Pieprasījums ir pārāk liels
problem-payload-too-large-detail = Pieprasījuma saturs pārsniedz ierobežojumu.
problem-file-too-large-title = Fails ir pārāk liels
problem-file-too-large-detail = Fails ir lielāks, nekā atļauts augšupielādēt; skatiet errors.
problem-idempotency-key-reused-title = Idempotency-Key izmantota atkārtoti
problem-idempotency-key-reused-detail = Atslēga jau tika izmantota citam pieprasījumam.
problem-too-many-requests-title = Pārāk daudz pieprasījumu
problem-too-many-requests-detail = Uzgaidiet brīdi un mēģiniet vēlreiz.
problem-gone-title = Dzēsts
problem-gone-detail = Tas tika glabāts ierobežotu laiku un vairs nav pieejams; pasūtiet to vēlreiz.
problem-busy-title = Pakalpojums ir aizņemts
problem-busy-detail = Pārāk daudz vienlaicīgu izmaiņu; mēģiniet vēlreiz.
problem-dependency-failed-title = Pakalpojums īslaicīgi nav pieejams
problem-dependency-failed-detail = Pamatā esošais pakalpojums neatbildēja; nekas netika mainīts.

## The 404 of a rate route names the rate that is missing (dates are YYYY-MM-DD).

problem-no-fx-rate-detail = { $base }/{ $quote } kurss { $date } vai agrāk nav zināms.
problem-no-fx-rate-in-range-detail = { $base }/{ $quote } kurss laikposmā no { $from } līdz { $to } nav zināms.
problem-no-government-yield-detail = Valsts obligāciju ienesīgums ({ $series }) līguma sākuma datumā { $date } vai agrāk nav zināms, tāpēc procentu likmi nevar ieteikt.

## Field errors: the message of one entry of a problem's errors.

field-missing = lauks ir obligāts
field-unknown = nezināms lauks
field-wrong-type = nepareizs tips, gaidīts: { $expected }
# The JSON types field-wrong-type names.
field-type-string = teksta virkne
field-type-object = objekts
field-type-array = masīvs
field-type-boolean = Būla vērtība
field-type-integer = vesels skaitlis
field-type-number-or-decimal-string = skaitlis vai decimālskaitļa teksta virkne
field-invalid-date = nederīgs datums, izmantojiet formātu GGGG-MM-DD un gadu no { $min } līdz { $max }
field-invalid-etag = nederīgs ETag, nosūtiet resursa ETag, piemēram, "3"
field-invalid-decimal = nederīgs skaitlis, izmantojiet decimālskaitli, piemēram, "1234.50"
field-not-one-of = jābūt vienai no vērtībām: { $allowed }
field-empty = nedrīkst būt tukšs
field-too-long = maksimālais rakstzīmju skaits: { $max }
field-not-positive = jābūt lielākam par nulli
field-negative = nedrīkst būt negatīvs
field-out-of-range = jābūt robežās no { $min } līdz { $max }
field-too-many-decimals = maksimālais ciparu skaits aiz komata: { $max }
field-unknown-currency = nezināma valūta, izmantojiet ISO 4217 kodu, piemēram, SEK
field-unsupported-currency = valūtas, kurām ciparu skaits aiz komata ir { $decimals }, vēl netiek atbalstītas; summas tiek uzskaitītas simtdaļās (2 cipari aiz komata)
field-too-many-versions = līgumam jau ir maksimālais atļautais versiju skaits ({ $max }); reģistrējiet jaunu līgumu
field-end-before-start = beigu datums nedrīkst būt agrāks par sākuma datumu
field-steps-not-ascending = posmu datumiem jābūt augošā secībā
field-outside-term = datumam jābūt līguma darbības termiņa robežās
field-before-previous-version = nedrīkst būt agrāks par jaunākās versijas spēkā stāšanās datumu
field-control-characters = nedrīkst saturēt vadības rakstzīmes
field-unknown-contract = uzņēmumam nav līguma ar šo id
field-file-too-large = faila lielums nedrīkst pārsniegt { $mib } MiB ({ $bytes } B)
field-not-accepted = pieprasījumu nevarēja pieņemt
field-erasure-confirm = jābūt uzņēmuma nosaukumam tieši tā, kā tas rakstīts uzņēmuma iestatījumos
