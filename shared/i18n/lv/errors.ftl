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
# A conflict's detail says what is in the way: problem-conflict-<reason>-detail.
problem-conflict-title = Konflikts
problem-conflict-erasing-detail = Uzņēmuma dati tiek dzēsti; tam vairs neko nevar ierakstīt.
problem-conflict-settings-changed-detail = Uzņēmuma grāmatvedības iestatījumi mainījās, kamēr šīs izmaiņas tika aprēķinātas; nekas netika ierakstīts. Nosūtiet pieprasījumu vēlreiz, lai to aprēķinātu ar jaunajiem iestatījumiem.
problem-conflict-email-taken-detail = Šai e-pasta adresei jau ir konts; nekas netika izveidots.
problem-conflict-contract-archived-detail = līgums ir arhivēts
problem-conflict-contract-already-archived-detail = līgums jau ir arhivēts
problem-conflict-erasure-scheduled-detail = Uzņēmuma dzēšana jau ir ieplānota; vispirms atceliet to (DELETE /company/erasure), lai ieplānotu citu.
problem-conflict-erasure-started-detail = Dzēšana ir sākusies; to vairs nevar atcelt, un tā tiks pabeigta.
problem-conflict-domain-claimed-detail = domēnu { $domain } vienotajai pierakstīšanās sistēmai jau izmanto cits uzņēmums; lūdziet tā īpašniekam to atbrīvot vai sazinieties ar atbalsta dienestu
problem-conflict-document-not-uploaded-detail = dokumenta fails vēl nav augšupielādēts; nav ko lejupielādēt
problem-conflict-report-failed-detail = pārskatu neizdevās izveidot (skatiet failureReason); lejupielādējama faila nav
problem-conflict-report-not-finished-detail = pārskata statuss ir { $status }; to varēs lejupielādēt, kad tas būs pabeigts
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

## Rule errors: field-rule-<rule>, the business rule one field breaks (HTTP 422). Field names
## and values in quotes are the API's own words and stay as they are.

field-rule-from-after-to = nedrīkst būt vēlāks par to
field-rule-to-too-far-after-from = drīkst būt ne vairāk kā { $days } dienas pēc from
field-rule-from-too-far-before-to = drīkst būt ne vairāk kā { $days } dienas pirms to (noklusējums: šodiena)
field-rule-account-code = konta kods ir no 1 līdz { $max } ASCII burtiem, cipariem, '.' vai '-'
field-rule-user-change-names-nothing = norādiet vismaz vienu no roles, active, locale
field-rule-keep-an-active-admin = uzņēmumam jāpaliek vismaz vienam aktīvam administratoram; vispirms padariet par administratoru citu lietotāju
field-rule-email-address = nav e-pasta adrese, piemēram, vards@uznemums.lv
field-rule-password-policy = vismaz { $min } rakstzīmes (ne vairāk kā { $max }) ar lielo burtu, mazo burtu, ciparu un simbolu, bez atstarpes sākumā vai beigās
field-rule-settings-change-names-nothing = norādiet vismaz vienu maināmo iestatījumu
field-rule-report-period-too-long = pārskats aptver ne vairāk kā { $months } mēnešus: periodEnd jābūt pirms { $before }
field-rule-too-many-contracts = ne vairāk kā { $max } līgumi
field-rule-contract-named-twice = katrs līgums ne vairāk kā vienu reizi
field-rule-code-six-digits = kodā ir seši cipari
field-rule-sso-only-with-provider = tikai ar "provider": "{ $provider }"
field-rule-sso-domains-required = norādiet vismaz vienu e-pasta domēnu: pēc tiem pierakstīšanās tiek novirzīta pie nodrošinātāja
field-rule-sso-client-secret-required = obligāts, kad nodrošinātājs tiek iestatīts pirmo reizi vai mainās tā issuer vai client id
field-rule-sso-require-for-all = nepieciešams ieslēgts modulis (izmēģinājuma vai aktīvs) ar konfigurētu nodrošinātāju, citādi neviens no uzņēmuma nevarētu pierakstīties
field-rule-sso-provider-settings-required = obligāts ar "provider": "{ $provider }"
field-rule-saml-metadata-both = sūtiet vai nu metadataUrl, vai metadataDocument
field-rule-saml-metadata-missing = sūtiet metadataUrl vai metadataDocument
field-rule-https-url = jābūt https URL (Azure AD: https://login.microsoftonline.com/<tenant id>/v2.0)
field-rule-domain-too-long = ne vairāk kā { $max } rakstzīmes (Cognito ierobežojums nodrošinātāju identifikatoriem)
field-rule-domain-name = nav domēna nosaukums, piemēram, corp.example (IDN domēni xn-- formā)
field-rule-domain-public-mail = publiska e-pasta pakalpojuma domēnu nevar pieteikt
field-rule-too-many-domains = ne vairāk kā { $max } domēni
field-rule-too-many-group-roles = ne vairāk kā { $max } sasaistes
field-rule-too-many-steps = ne vairāk kā { $max } pakāpes
field-rule-contract-change-names-nothing = norādiet vismaz vienu maināmo līguma lauku
field-rule-fixed-at-commencement = nosaka līguma sākumā: vēlākā versijā to nevar mainīt
field-rule-mfa-required-needs-own-authenticator = vispirms pievienojiet autentifikācijas lietotni savam kontam (POST /auth/mfa/setup un /auth/mfa/verify), pēc tam pierakstieties vēlreiz un ieslēdziet šo iestatījumu
field-rule-code-mismatch = kods neatbilst autentifikācijas lietotnei; ievadiet pašreizējo kodu
field-rule-email-refused-by-pool = nav e-pasta adrese, ko pieņem Cognito
field-rule-password-refused-by-pool = lietotāju kopa nepieņem šo paroli; izvēlieties citu

## Lease engine refusals (shared/src/domain/lease/error.rs); dates are YYYY-MM-DD.

field-rule-lease-end-before-commencement = Beigu datums { $end } ir pirms sākuma datuma { $commencement }.
field-rule-lease-term-not-whole-periods = Nomas termiņš no { $commencement } līdz { $end } nav vesels maksājumu periodu ({ $frequency }) skaits; tuvākie derīgie beigu datumi ir { $shorter } un { $longer }.
field-rule-lease-term-too-long = Nomas termiņš { $months } mēn. ir garāks par atbalstīto maksimumu { $max } mēn.
field-rule-lease-short-term-too-long = Īstermiņa nomas izņēmumam nepieciešams nomas termiņš, kas nav garāks par 12 mēnešiem; šis termiņš ir { $months } mēn.
field-rule-lease-amount-not-positive = { $field }: vērtībai jābūt lielākai par nulli; pašlaik tā ir { $value }.
field-rule-lease-amount-negative = { $field }: vērtība nedrīkst būt negatīva; pašlaik tā ir { $value }.
field-rule-lease-amount-too-many-decimals = { $field }: vērtībai drīkst būt ne vairāk kā 2 decimāldaļas; pašlaik tā ir { $value }.
field-rule-lease-amount-too-large = { $field }: vērtība { $value } pārsniedz atbalstīto maksimumu { $max }.
field-rule-lease-too-many-steps = Nomas līgumā ir ne vairāk kā { $max } maksājumu pakāpes; šajā ir { $steps }.
field-rule-lease-too-many-versions = Līgumam ir ne vairāk kā { $max } versijas; šim būtu { $versions }.
field-rule-lease-rate-out-of-range = Diskonta likmei jābūt no 0 līdz 100 procentiem; tā ir { $rate } procenti.
field-rule-lease-steps-out-of-order = Maksājuma pakāpei { $step } (no { $from }) jāsākas pēc iepriekšējās pakāpes; pakāpēm jābūt augošā datumu secībā.
field-rule-lease-step-outside-term = Maksājuma pakāpe { $step } sākas { $from }, ārpus nomas termiņa no { $commencement } līdz { $end }.
field-rule-lease-negative-right-of-use-asset = Nomas stimuli pārsniedz lietošanas tiesību aktīva izmaksas, kas būtu { $cost }.
field-rule-lease-no-versions = Grafikam nepieciešama vismaz viena līguma versija.
field-rule-lease-first-version-not-at-commencement = Pirmajai versijai jābūt spēkā no sākuma datuma { $commencement }, nevis no { $effectiveFrom }.
field-rule-lease-versions-out-of-order = Versijas ir nepareizā secībā: versijai { $version } (spēkā no { $effectiveFrom }) jābūt ar lielāku numuru un vēlāku spēkā stāšanās datumu nekā versijai { $previous } (spēkā no { $previousEffectiveFrom }).
field-rule-lease-commencement-changed = Versija { $version } maina sākuma datumu uz { $commencement }; nomas sākuma datumu nevar mainīt, tā vietā reģistrējiet jaunu līgumu.
field-rule-lease-exemption-changed = Versija { $version } maina īstermiņa vai zemas vērtības nomas izņēmumu; tā vietā reģistrējiet jaunu līgumu.
field-rule-lease-effective-date-not-period-start = Versijas { $version } spēkā stāšanās datums { $effectiveFrom } nav maksājumu perioda sākums.
field-rule-lease-effective-date-outside-term = Versijas { $version } spēkā stāšanās datums { $effectiveFrom } ir ārpus nomas termiņa; tam jābūt pēc sākuma datuma un ne vēlāk par beigu datumu.
field-rule-lease-date-out-of-range = Šīs nomas datumi ir ārpus atbalstītā kalendāra diapazona.
# The amount and frequency names those refusals put in { $field } and { $frequency }.
lease-amount-payment = Maksājuma summa
lease-amount-payment-step = Maksājuma pakāpes summa
lease-amount-initial-direct-costs = Sākotnējās tiešās izmaksas
lease-amount-lease-incentives = Nomas stimuli
lease-amount-restoration-costs = Atjaunošanas izmaksas
lease-amount-first-increased-fee = Pirmā paaugstinātā maksa
lease-amount-other = Summa
lease-frequency-monthly = ik mēnesi
lease-frequency-quarterly = ik ceturksni
lease-frequency-semiannual = ik pusgadu
lease-frequency-annual = ik gadu

## Report refusals (shared/src/domain/report/mod.rs, shared/src/domain/rates/fx.rs).

field-rule-report-period-reversed = periods beidzas, pirms tas sākas
field-rule-report-period-over-limit = pārskats aptver ne vairāk kā { $months } mēnešus
field-rule-report-rates-incomplete = { $currency } vidējais kurss periodam no { $from } līdz { $to } balstās uz { $observations } no { $expected } dienām, kurās tiek publicēti kursi
field-rule-report-rate-stale = jaunākais { $currency } kurss { $date } vai agrāk ir no { $rateDate }, vairāk nekā { $maxAge } dienas agrāk: vispirms importējiet trūkstošās dienas
field-rule-report-contract-refused = līgums { $id }: { $reason }
field-rule-fx-unknown-currency = "{ $code }" nav ISO 4217 valūtas kods
field-rule-fx-range-reversed = from ({ $from }) ir vēlāks par to ({ $to })
field-rule-fx-no-rate = { $base }/{ $quote } kurss { $date } vai agrāk nav zināms
field-rule-fx-no-rate-in-range = { $base }/{ $quote } kurss laikā no { $from } līdz { $to } nav zināms
field-rule-fx-invalid-rate = saglabātais { $currency } kurss { $date } nav pozitīvs
