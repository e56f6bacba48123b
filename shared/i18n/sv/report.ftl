# The period report (shared/src/domain/report/render): headings, labels and file names.
# Terms follow the language's published IFRS 16 translation where there is one.

# Journal entry text: the contract's name and the month (yyyy-mm).
report-journal-description = Leasing { $name } { $month }

# The title row of every sheet.
report-title = Leasingrapport { $start } – { $end }, { $framework }, { $currency }
report-framework-ifrs16 = IFRS 16
report-framework-k3-operating = K3, operationell leasing
report-framework-k3-finance = K3, finansiell leasing

# Sheet names (XLSX, at most 31 characters, none of [ ] : * ? / \).
report-sheet-liability = Leasingskulder
report-sheet-right-of-use = Nyttjanderättstillgångar
report-sheet-profit-or-loss = Resultaträkning
report-sheet-maturity = Löptidsanalys
report-sheet-journal = Bokföringsorder
report-sheet-contracts = Avtal
report-sheet-rates = Valutakurser

# File names in the CSV zip, without ".csv": ASCII letters, digits and hyphens only.
report-file-liability = leasingskulder
report-file-right-of-use = nyttjanderattstillgangar
report-file-profit-or-loss = resultatrakning
report-file-maturity = loptidsanalys
report-file-journal = bokforingsorder
report-file-contracts = avtal
report-file-rates = valutakurser

# Lease liability roll-forward (IFRS 16 §53–58).
report-liability-opening = Ingående balans
report-liability-additions = Nya leasingavtal
report-liability-interest = Räntekostnad
report-liability-payments = Leasingbetalningar
report-liability-remeasurements = Omvärderingar
report-liability-terminations = Avslutade leasingavtal
report-liability-fx-difference = Valutakursdifferenser
report-liability-closing = Utgående balans
report-liability-current = Varav kortfristig del
report-liability-non-current = Varav långfristig del

# Right-of-use asset roll-forward (IFRS 16 §53(a), (h), (j)).
report-asset-opening = Ingående redovisat värde
report-asset-additions = Nya leasingavtal
report-asset-depreciation = Avskrivningar
report-asset-remeasurements = Omvärderingar
report-asset-terminations = Avslutade leasingavtal
report-asset-fx-difference = Valutakursdifferenser
report-asset-closing = Utgående redovisat värde

# Profit or loss (IFRS 16 §53(a)–(e)).
report-pl-depreciation = Avskrivningar på nyttjanderättstillgångar
report-pl-interest = Räntekostnader för leasingskulder
report-pl-short-term-expense = Kostnader för korttidsleasingavtal
report-pl-low-value-expense = Kostnader för leasingavtal där den underliggande tillgången har ett lågt värde
report-pl-operating-lease-expense = Kostnader för operationella leasingavtal
report-pl-remeasurement-gain-loss = Vinst (+) eller förlust (−) vid omvärdering och avslut
report-pl-fx-difference = Valutakursdifferens, vinst (+) eller förlust (−)

# Maturity analysis of undiscounted lease payments (IFRS 16 §58, IFRS 7 §39).
report-bucket-0-1 = Inom 1 år
report-bucket-1-2 = 1–2 år
report-bucket-2-3 = 2–3 år
report-bucket-3-4 = 3–4 år
report-bucket-4-5 = 4–5 år
report-bucket-5-plus = Mer än 5 år

# Column headers.
report-column-item = Post
report-column-amount = Belopp
report-column-total = Summa
report-column-bucket = Förfaller
report-column-date = Datum
report-column-contract-id = Avtals-id
report-column-contract-name = Avtal
report-column-description = Text
report-column-account = Konto
report-column-account-name = Kontonamn
report-column-debit = Debet
report-column-credit = Kredit
report-column-asset-class = Tillgångsslag
report-column-treatment = Redovisning
report-column-currency = Valuta
report-column-version = Version
report-column-terminated-on = Avslutat
report-column-closing-rate = Balansdagskurs
report-column-closing-date = Balansdagskursens datum
report-column-average-rate = Genomsnittskurs
report-column-opening-rate = Ingående kurs
report-column-opening-date = Ingående kurs datum
report-column-observations = Antal noteringar
report-column-section-item = { $section }: { $item }

# Asset classes (a contract's assetClass).
report-asset-class-vehicle = Fordon
report-asset-class-equipment = Maskiner och inventarier
report-asset-class-it = IT-utrustning
report-asset-class-premises = Lokaler
report-asset-class-other = Övrigt

# How a contract is accounted for.
report-treatment-balance-sheet = I balansräkningen
report-treatment-short-term = Korttidsleasingavtal
report-treatment-low-value = Tillgång av lågt värde
report-treatment-operating = Operationellt leasingavtal

# Account names of the journal's roles.
report-account-right-of-use-asset = Nyttjanderättstillgångar
report-account-accumulated-depreciation = Ackumulerade avskrivningar på nyttjanderättstillgångar
report-account-lease-liability-non-current = Leasingskulder, långfristig del
report-account-lease-liability-current = Leasingskulder, kortfristig del
report-account-depreciation = Avskrivningar på nyttjanderättstillgångar
report-account-interest = Räntekostnader för leasingskulder
report-account-lease-expense = Leasingkostnader
report-account-remeasurement-gain = Vinst vid omvärdering eller avslut av leasingavtal
report-account-remeasurement-loss = Förlust vid omvärdering eller avslut av leasingavtal
report-account-payments = Leasingbetalningar (leverantörsskulder)
report-account-fx-difference = Valutakursdifferenser på leasingavtal
