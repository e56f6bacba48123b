# The period report (shared/src/domain/report/render): headings, labels and file names.
# Terms follow the language's published IFRS 16 translation where there is one.

# Journal entry text: the contract's name and the month (yyyy-mm).
report-journal-description = Rent { $name } { $month }

# The title row of every sheet.
report-title = Rendiaruanne { $start } – { $end }, { $framework }, { $currency }
report-framework-ifrs16 = IFRS 16
report-framework-k3-operating = K3, kasutusrent
report-framework-k3-finance = K3, kapitalirent

# Sheet names (XLSX, at most 31 characters, none of [ ] : * ? / \).
report-sheet-liability = Rendikohustised
report-sheet-right-of-use = Kasutusõiguse varad
report-sheet-profit-or-loss = Kasum või kahjum
report-sheet-maturity = Maksetähtaegade analüüs
report-sheet-journal = Raamatupidamiskanded
report-sheet-contracts = Lepingud
report-sheet-rates = Valuutakursid

# File names in the CSV zip, without ".csv": ASCII letters, digits and hyphens only.
report-file-liability = rendikohustised
report-file-right-of-use = kasutusoiguse-varad
report-file-profit-or-loss = kasum-voi-kahjum
report-file-maturity = maksetahtaegade-analuus
report-file-journal = raamatupidamiskanded
report-file-contracts = lepingud
report-file-rates = valuutakursid

# Lease liability roll-forward (IFRS 16 §53–58).
report-liability-opening = Algsaldo
report-liability-additions = Lisandumised
report-liability-interest = Intressikulu
report-liability-payments = Rendimaksed
report-liability-remeasurements = Ümberhindlused
report-liability-terminations = Lõpetatud lepingud
report-liability-fx-difference = Valuutakursivahed
report-liability-closing = Lõppsaldo
report-liability-current = Sellest lühiajaline osa
report-liability-non-current = Sellest pikaajaline osa

# Right-of-use asset roll-forward (IFRS 16 §53(a), (h), (j)).
report-asset-opening = Bilansiline maksumus perioodi alguses
report-asset-additions = Lisandumised
report-asset-depreciation = Kulum
report-asset-remeasurements = Ümberhindlused
report-asset-terminations = Lõpetatud lepingud
report-asset-fx-difference = Valuutakursivahed
report-asset-closing = Bilansiline maksumus perioodi lõpus

# Profit or loss (IFRS 16 §53(a)–(e)).
report-pl-depreciation = Kasutusõiguse varade kulum
report-pl-interest = Rendikohustiste intressikulu
report-pl-short-term-expense = Lühiajaliste rendilepingute kulu
report-pl-low-value-expense = Väheväärtuslike varade rendilepingute kulu
report-pl-operating-lease-expense = Kasutusrendi kulu
report-pl-remeasurement-gain-loss = Ümberhindluse ja lõpetamise kasum (+) või kahjum (−)
report-pl-fx-difference = Valuutakursivahe, kasum (+) või kahjum (−)

# Maturity analysis of undiscounted lease payments (IFRS 16 §58, IFRS 7 §39).
report-bucket-0-1 = Kuni 1 aasta
report-bucket-1-2 = 1–2 aastat
report-bucket-2-3 = 2–3 aastat
report-bucket-3-4 = 3–4 aastat
report-bucket-4-5 = 4–5 aastat
report-bucket-5-plus = Üle 5 aasta

# Column headers.
report-column-item = Kirje
report-column-amount = Summa
report-column-total = Kokku
report-column-bucket = Tasumisele
report-column-date = Kuupäev
report-column-contract-id = Lepingu ID
report-column-contract-name = Leping
report-column-description = Selgitus
report-column-account = Konto
report-column-account-name = Konto nimetus
report-column-debit = Deebet
report-column-credit = Kreedit
report-column-asset-class = Varaklass
report-column-treatment = Arvestusviis
report-column-currency = Valuuta
report-column-version = Versioon
report-column-terminated-on = Lõpetamise kuupäev
report-column-closing-rate = Perioodi lõpu kurss
report-column-closing-date = Lõpukursi kuupäev
report-column-average-rate = Keskmine kurss
report-column-opening-rate = Perioodi alguse kurss
report-column-opening-date = Alguskursi kuupäev
report-column-observations = Noteeringute arv
report-column-section-item = { $section }: { $item }

# Asset classes (a contract's assetClass).
report-asset-class-vehicle = Sõidukid
report-asset-class-equipment = Masinad ja seadmed
report-asset-class-it = IT-seadmed
report-asset-class-premises = Ruumid
report-asset-class-other = Muu

# How a contract is accounted for.
report-treatment-balance-sheet = Bilansis kajastatud
report-treatment-short-term = Lühiajaline rendileping
report-treatment-low-value = Väheväärtuslik vara
report-treatment-operating = Kasutusrent

# Account names of the journal's roles.
report-account-right-of-use-asset = Kasutusõiguse varad
report-account-accumulated-depreciation = Kasutusõiguse varade akumuleeritud kulum
report-account-lease-liability-non-current = Rendikohustised, pikaajaline osa
report-account-lease-liability-current = Rendikohustised, lühiajaline osa
report-account-depreciation = Kasutusõiguse varade kulum
report-account-interest = Rendikohustiste intressikulu
report-account-lease-expense = Rendikulu
report-account-remeasurement-gain = Rendilepingute ümberhindluse või lõpetamise kasum
report-account-remeasurement-loss = Rendilepingute ümberhindluse või lõpetamise kahjum
report-account-payments = Rendimaksed (võlad tarnijatele)
report-account-fx-difference = Rendilepingute valuutakursivahed
