# The period report (shared/src/domain/report/render): headings, labels and file names.
# Terms follow the language's published IFRS 16 translation where there is one.

# Journal entry text: the contract's name and the month (yyyy-mm).
report-journal-description = Leasing { $name } { $month }

# The title row of every sheet.
report-title = Leasingrapport { $start } – { $end }, { $framework }, { $currency }
report-framework-ifrs16 = IFRS 16
report-framework-k3-operating = K3, operationel leasing
report-framework-k3-finance = K3, finansiel leasing

# Sheet names (XLSX, at most 31 characters, none of [ ] : * ? / \).
report-sheet-liability = Leasingforpligtelser
report-sheet-right-of-use = Leasingaktiver
report-sheet-profit-or-loss = Resultatopgørelse
report-sheet-maturity = Løbetidsanalyse
report-sheet-journal = Posteringer
report-sheet-contracts = Kontrakter
report-sheet-rates = Valutakurser

# File names in the CSV zip, without ".csv": ASCII letters, digits and hyphens only.
report-file-liability = leasingforpligtelser
report-file-right-of-use = leasingaktiver
report-file-profit-or-loss = resultatopgorelse
report-file-maturity = lobetidsanalyse
report-file-journal = posteringer
report-file-contracts = kontrakter
report-file-rates = valutakurser

# Lease liability roll-forward (IFRS 16 §53–58).
report-liability-opening = Saldo primo
report-liability-additions = Tilgang
report-liability-interest = Renteudgifter
report-liability-payments = Leasingydelser
report-liability-remeasurements = Genmålinger
report-liability-terminations = Ophørte leasingkontrakter
report-liability-fx-difference = Valutakursreguleringer
report-liability-closing = Saldo ultimo
report-liability-current = Heraf kortfristet del
report-liability-non-current = Heraf langfristet del

# Right-of-use asset roll-forward (IFRS 16 §53(a), (h), (j)).
report-asset-opening = Regnskabsmæssig værdi primo
report-asset-additions = Tilgang
report-asset-depreciation = Afskrivninger
report-asset-remeasurements = Genmålinger
report-asset-terminations = Ophørte leasingkontrakter
report-asset-fx-difference = Valutakursreguleringer
report-asset-closing = Regnskabsmæssig værdi ultimo

# Profit or loss (IFRS 16 §53(a)–(e)).
report-pl-depreciation = Afskrivninger på leasingaktiver
report-pl-interest = Renteudgifter af leasingforpligtelser
report-pl-short-term-expense = Omkostninger til kortfristede leasingkontrakter
report-pl-low-value-expense = Omkostninger til leasingkontrakter for aktiver af lav værdi
report-pl-operating-lease-expense = Omkostninger til operationelle leasingkontrakter
report-pl-remeasurement-gain-loss = Gevinst (+) eller tab (−) ved genmåling og ophør
report-pl-fx-difference = Valutakursdifference, gevinst (+) eller tab (−)

# Maturity analysis of undiscounted lease payments (IFRS 16 §58, IFRS 7 §39).
report-bucket-0-1 = Inden for 1 år
report-bucket-1-2 = 1–2 år
report-bucket-2-3 = 2–3 år
report-bucket-3-4 = 3–4 år
report-bucket-4-5 = 4–5 år
report-bucket-5-plus = Over 5 år

# Column headers.
report-column-item = Post
report-column-amount = Beløb
report-column-total = I alt
report-column-bucket = Forfalder
report-column-date = Dato
report-column-contract-id = Kontrakt-id
report-column-contract-name = Kontrakt
report-column-description = Tekst
report-column-account = Konto
report-column-account-name = Kontonavn
report-column-debit = Debet
report-column-credit = Kredit
report-column-asset-class = Aktivklasse
report-column-treatment = Regnskabsmæssig behandling
report-column-currency = Valuta
report-column-version = Version
report-column-terminated-on = Ophørt den
report-column-closing-rate = Lukkekurs
report-column-closing-date = Lukkekursens dato
report-column-average-rate = Gennemsnitskurs
report-column-opening-rate = Primokurs
report-column-opening-date = Primokursens dato
report-column-observations = Antal noteringer
report-column-section-item = { $section }: { $item }

# Asset classes (a contract's assetClass).
report-asset-class-vehicle = Køretøjer
report-asset-class-equipment = Maskiner og udstyr
report-asset-class-it = IT-udstyr
report-asset-class-premises = Lokaler
report-asset-class-other = Andet

# How a contract is accounted for.
report-treatment-balance-sheet = I balancen
report-treatment-short-term = Kortfristet leasingkontrakt
report-treatment-low-value = Aktiv af lav værdi
report-treatment-operating = Operationel leasingkontrakt

# Account names of the journal's roles.
report-account-right-of-use-asset = Leasingaktiver
report-account-accumulated-depreciation = Akkumulerede afskrivninger på leasingaktiver
report-account-lease-liability-non-current = Leasingforpligtelser, langfristet del
report-account-lease-liability-current = Leasingforpligtelser, kortfristet del
report-account-depreciation = Afskrivninger på leasingaktiver
report-account-interest = Renteudgifter af leasingforpligtelser
report-account-lease-expense = Leasingomkostninger
report-account-remeasurement-gain = Gevinst ved genmåling eller ophør af leasingkontrakter
report-account-remeasurement-loss = Tab ved genmåling eller ophør af leasingkontrakter
report-account-payments = Leasingydelser (leverandørgæld)
report-account-fx-difference = Valutakursreguleringer af leasingkontrakter
