# The period report (shared/src/domain/report/render): headings, labels and file names.
# Terms follow the language's published IFRS 16 translation where there is one.

# Journal entry text: the contract's name and the month (yyyy-mm).
report-journal-description = Noma { $name } { $month }

# The title row of every sheet.
report-title = Nomas pārskats { $start } – { $end }, { $framework }, { $currency }
report-framework-ifrs16 = 16. SFPS
report-framework-k3-operating = K3, operatīvā noma
report-framework-k3-finance = K3, finanšu noma

# Sheet names (XLSX, at most 31 characters, none of [ ] : * ? / \).
report-sheet-liability = Nomas saistības
report-sheet-right-of-use = Lietošanas tiesību aktīvi
report-sheet-profit-or-loss = Peļņa vai zaudējumi
report-sheet-maturity = Termiņu analīze
report-sheet-journal = Grāmatojumi
report-sheet-contracts = Līgumi
report-sheet-rates = Valūtu kursi

# File names in the CSV zip, without ".csv": ASCII letters, digits and hyphens only.
report-file-liability = nomas-saistibas
report-file-right-of-use = lietosanas-tiesibu-aktivi
report-file-profit-or-loss = pelna-vai-zaudejumi
report-file-maturity = terminu-analize
report-file-journal = gramatojumi
report-file-contracts = ligumi
report-file-rates = valutu-kursi

# Lease liability roll-forward (IFRS 16 §53–58).
report-liability-opening = Atlikums perioda sākumā
report-liability-additions = Jauni līgumi
report-liability-interest = Procentu izmaksas
report-liability-payments = Nomas maksājumi
report-liability-remeasurements = Atkārtota novērtēšana
report-liability-terminations = Izbeigtie līgumi
report-liability-fx-difference = Valūtas kursu starpības
report-liability-closing = Atlikums perioda beigās
report-liability-current = Tai skaitā īstermiņa daļa
report-liability-non-current = Tai skaitā ilgtermiņa daļa

# Right-of-use asset roll-forward (IFRS 16 §53(a), (h), (j)).
report-asset-opening = Uzskaites vērtība perioda sākumā
report-asset-additions = Jauni līgumi
report-asset-depreciation = Nolietojums
report-asset-remeasurements = Atkārtota novērtēšana
report-asset-terminations = Izbeigtie līgumi
report-asset-fx-difference = Valūtas kursu starpības
report-asset-closing = Uzskaites vērtība perioda beigās

# Profit or loss (IFRS 16 §53(a)–(e)).
report-pl-depreciation = Lietošanas tiesību aktīvu nolietojums
report-pl-interest = Nomas saistību procentu izmaksas
report-pl-short-term-expense = Īstermiņa nomas izmaksas
report-pl-low-value-expense = Zemas vērtības aktīvu nomas izmaksas
report-pl-operating-lease-expense = Operatīvās nomas izmaksas
report-pl-remeasurement-gain-loss = Atkārtotas novērtēšanas un izbeigšanas peļņa (+) vai zaudējumi (−)
report-pl-fx-difference = Valūtas kursa starpība, peļņa (+) vai zaudējumi (−)

# Maturity analysis of undiscounted lease payments (IFRS 16 §58, IFRS 7 §39).
report-bucket-0-1 = Līdz 1 gadam
report-bucket-1-2 = 1–2 gadi
report-bucket-2-3 = 2–3 gadi
report-bucket-3-4 = 3–4 gadi
report-bucket-4-5 = 4–5 gadi
report-bucket-5-plus = Vairāk nekā 5 gadi

# Column headers.
report-column-item = Postenis
report-column-amount = Summa
report-column-total = Kopā
report-column-bucket = Termiņš
report-column-date = Datums
report-column-contract-id = Līguma ID
report-column-contract-name = Līgums
report-column-description = Apraksts
report-column-account = Konts
report-column-account-name = Konta nosaukums
report-column-debit = Debets
report-column-credit = Kredīts
report-column-asset-class = Aktīvu klase
report-column-treatment = Uzskaites veids
report-column-currency = Valūta
report-column-version = Versija
report-column-terminated-on = Izbeigšanas datums
report-column-closing-rate = Perioda beigu kurss
report-column-closing-date = Beigu kursa datums
report-column-average-rate = Vidējais kurss
report-column-opening-rate = Perioda sākuma kurss
report-column-opening-date = Sākuma kursa datums
report-column-observations = Kotējumu skaits
report-column-section-item = { $section }: { $item }

# Asset classes (a contract's assetClass).
report-asset-class-vehicle = Transportlīdzekļi
report-asset-class-equipment = Iekārtas un aprīkojums
report-asset-class-it = IT aprīkojums
report-asset-class-premises = Telpas
report-asset-class-other = Citi

# How a contract is accounted for.
report-treatment-balance-sheet = Atzīta bilancē
report-treatment-short-term = Īstermiņa noma
report-treatment-low-value = Zemas vērtības aktīvs
report-treatment-operating = Operatīvā noma

# Account names of the journal's roles.
report-account-right-of-use-asset = Lietošanas tiesību aktīvi
report-account-accumulated-depreciation = Lietošanas tiesību aktīvu uzkrātais nolietojums
report-account-lease-liability-non-current = Nomas saistības, ilgtermiņa daļa
report-account-lease-liability-current = Nomas saistības, īstermiņa daļa
report-account-depreciation = Lietošanas tiesību aktīvu nolietojums
report-account-interest = Nomas saistību procentu izmaksas
report-account-lease-expense = Nomas izmaksas
report-account-remeasurement-gain = Nomas atkārtotas novērtēšanas vai izbeigšanas peļņa
report-account-remeasurement-loss = Nomas atkārtotas novērtēšanas vai izbeigšanas zaudējumi
report-account-payments = Nomas maksājumi (parādi piegādātājiem)
report-account-fx-difference = Nomas valūtas kursu starpības
