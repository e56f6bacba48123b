# The period report (shared/src/domain/report/render): headings, labels and file names.
# Terms follow the language's published IFRS 16 translation where there is one.

# Journal entry text: the contract's name and the month (yyyy-mm).
report-journal-description = Leasing { $name } { $month }

# The title row of every sheet.
report-title = Leierapport { $start } – { $end }, { $framework }, { $currency }
report-framework-ifrs16 = IFRS 16
report-framework-k3-operating = K3, operasjonell leasing
report-framework-k3-finance = K3, finansiell leasing

# Sheet names (XLSX, at most 31 characters, none of [ ] : * ? / \).
report-sheet-liability = Leieforpliktelser
report-sheet-right-of-use = Bruksrettseiendeler
report-sheet-profit-or-loss = Resultatregnskap
report-sheet-maturity = Forfallsanalyse
report-sheet-journal = Posteringer
report-sheet-contracts = Kontrakter
report-sheet-rates = Valutakurser

# File names in the CSV zip, without ".csv": ASCII letters, digits and hyphens only.
report-file-liability = leieforpliktelser
report-file-right-of-use = bruksrettseiendeler
report-file-profit-or-loss = resultatregnskap
report-file-maturity = forfallsanalyse
report-file-journal = posteringer
report-file-contracts = kontrakter
report-file-rates = valutakurser

# Lease liability roll-forward (IFRS 16 §53–58).
report-liability-opening = Inngående balanse
report-liability-additions = Tilgang
report-liability-interest = Rentekostnad
report-liability-payments = Leiebetalinger
report-liability-remeasurements = Revurderinger
report-liability-terminations = Avsluttede leieavtaler
report-liability-fx-difference = Valutakursdifferanser
report-liability-closing = Utgående balanse
report-liability-current = Herav kortsiktig del
report-liability-non-current = Herav langsiktig del

# Right-of-use asset roll-forward (IFRS 16 §53(a), (h), (j)).
report-asset-opening = Inngående balanseført verdi
report-asset-additions = Tilgang
report-asset-depreciation = Avskrivninger
report-asset-remeasurements = Revurderinger
report-asset-terminations = Avsluttede leieavtaler
report-asset-fx-difference = Valutakursdifferanser
report-asset-closing = Utgående balanseført verdi

# Profit or loss (IFRS 16 §53(a)–(e)).
report-pl-depreciation = Avskrivninger på bruksrettseiendeler
report-pl-interest = Rentekostnader på leieforpliktelser
report-pl-short-term-expense = Kostnader knyttet til kortsiktige leieavtaler
report-pl-low-value-expense = Kostnader knyttet til leieavtaler for eiendeler med lav verdi
report-pl-operating-lease-expense = Kostnader knyttet til operasjonelle leieavtaler
report-pl-remeasurement-gain-loss = Gevinst (+) eller tap (−) ved revurdering og avslutning
report-pl-fx-difference = Valutakursdifferanse, gevinst (+) eller tap (−)

# Maturity analysis of undiscounted lease payments (IFRS 16 §58, IFRS 7 §39).
report-bucket-0-1 = Innen 1 år
report-bucket-1-2 = 1–2 år
report-bucket-2-3 = 2–3 år
report-bucket-3-4 = 3–4 år
report-bucket-4-5 = 4–5 år
report-bucket-5-plus = Over 5 år

# Column headers.
report-column-item = Post
report-column-amount = Beløp
report-column-total = Sum
report-column-bucket = Forfaller
report-column-date = Dato
report-column-contract-id = Kontrakt-ID
report-column-contract-name = Kontrakt
report-column-description = Tekst
report-column-account = Konto
report-column-account-name = Kontonavn
report-column-debit = Debet
report-column-credit = Kredit
report-column-asset-class = Eiendelsklasse
report-column-treatment = Regnskapsmessig behandling
report-column-currency = Valuta
report-column-version = Versjon
report-column-terminated-on = Avsluttet
report-column-closing-rate = Sluttkurs
report-column-closing-date = Sluttkursens dato
report-column-average-rate = Gjennomsnittskurs
report-column-opening-rate = Inngående kurs
report-column-opening-date = Inngående kurs dato
report-column-observations = Antall noteringer
report-column-section-item = { $section }: { $item }

# Asset classes (a contract's assetClass).
report-asset-class-vehicle = Kjøretøy
report-asset-class-equipment = Maskiner og utstyr
report-asset-class-it = IT-utstyr
report-asset-class-premises = Lokaler
report-asset-class-other = Annet

# How a contract is accounted for.
report-treatment-balance-sheet = I balansen
report-treatment-short-term = Kortsiktig leieavtale
report-treatment-low-value = Eiendel med lav verdi
report-treatment-operating = Operasjonell leieavtale

# Account names of the journal's roles.
report-account-right-of-use-asset = Bruksrettseiendeler
report-account-accumulated-depreciation = Akkumulerte avskrivninger på bruksrettseiendeler
report-account-lease-liability-non-current = Leieforpliktelser, langsiktig del
report-account-lease-liability-current = Leieforpliktelser, kortsiktig del
report-account-depreciation = Avskrivninger på bruksrettseiendeler
report-account-interest = Rentekostnader på leieforpliktelser
report-account-lease-expense = Leiekostnader
report-account-remeasurement-gain = Gevinst ved revurdering eller avslutning av leieavtaler
report-account-remeasurement-loss = Tap ved revurdering eller avslutning av leieavtaler
report-account-payments = Leiebetalinger (leverandørgjeld)
report-account-fx-difference = Valutakursdifferanser på leieavtaler
