# The period report (shared/src/domain/report/render): headings, labels and file names.
# Terms follow the language's published IFRS 16 translation where there is one.

# Journal entry text: the contract's name and the month (yyyy-mm).
report-journal-description = Nuoma { $name } { $month }

# The title row of every sheet.
report-title = Nuomos ataskaita { $start } – { $end }, { $framework }, { $currency }
report-framework-ifrs16 = 16-asis TFAS
report-framework-k3-operating = K3, veiklos nuoma
report-framework-k3-finance = K3, finansinė nuoma

# Sheet names (XLSX, at most 31 characters, none of [ ] : * ? / \).
report-sheet-liability = Nuomos įsipareigojimai
report-sheet-right-of-use = Naudojimo teise valdomas turtas
report-sheet-profit-or-loss = Pelnas arba nuostoliai
report-sheet-maturity = Terminų analizė
report-sheet-journal = Apskaitos įrašai
report-sheet-contracts = Sutartys
report-sheet-rates = Valiutų kursai

# File names in the CSV zip, without ".csv": ASCII letters, digits and hyphens only.
report-file-liability = nuomos-isipareigojimai
report-file-right-of-use = naudojimo-teise-valdomas-turtas
report-file-profit-or-loss = pelnas-arba-nuostoliai
report-file-maturity = terminu-analize
report-file-journal = apskaitos-irasai
report-file-contracts = sutartys
report-file-rates = valiutu-kursai

# Lease liability roll-forward (IFRS 16 §53–58).
report-liability-opening = Likutis laikotarpio pradžioje
report-liability-additions = Naujos sutartys
report-liability-interest = Palūkanų sąnaudos
report-liability-payments = Nuomos mokėjimai
report-liability-remeasurements = Pakartotinis įvertinimas
report-liability-terminations = Nutrauktos sutartys
report-liability-fx-difference = Valiutų kursų skirtumai
report-liability-closing = Likutis laikotarpio pabaigoje
report-liability-current = Iš jų trumpalaikė dalis
report-liability-non-current = Iš jų ilgalaikė dalis

# Right-of-use asset roll-forward (IFRS 16 §53(a), (h), (j)).
report-asset-opening = Balansinė vertė laikotarpio pradžioje
report-asset-additions = Naujos sutartys
report-asset-depreciation = Nusidėvėjimas
report-asset-remeasurements = Pakartotinis įvertinimas
report-asset-terminations = Nutrauktos sutartys
report-asset-fx-difference = Valiutų kursų skirtumai
report-asset-closing = Balansinė vertė laikotarpio pabaigoje

# Profit or loss (IFRS 16 §53(a)–(e)).
report-pl-depreciation = Naudojimo teise valdomo turto nusidėvėjimas
report-pl-interest = Nuomos įsipareigojimų palūkanų sąnaudos
report-pl-short-term-expense = Trumpalaikės nuomos sąnaudos
report-pl-low-value-expense = Mažos vertės turto nuomos sąnaudos
report-pl-operating-lease-expense = Veiklos nuomos sąnaudos
report-pl-remeasurement-gain-loss = Pakartotinio įvertinimo ir nutraukimo pelnas (+) arba nuostoliai (−)
report-pl-fx-difference = Valiutų kursų skirtumas, pelnas (+) arba nuostoliai (−)

# Maturity analysis of undiscounted lease payments (IFRS 16 §58, IFRS 7 §39).
report-bucket-0-1 = Iki 1 metų
report-bucket-1-2 = 1–2 metai
report-bucket-2-3 = 2–3 metai
report-bucket-3-4 = 3–4 metai
report-bucket-4-5 = 4–5 metai
report-bucket-5-plus = Daugiau nei 5 metai

# Column headers.
report-column-item = Straipsnis
report-column-amount = Suma
report-column-total = Iš viso
report-column-bucket = Mokėtina
report-column-date = Data
report-column-contract-id = Sutarties ID
report-column-contract-name = Sutartis
report-column-description = Aprašymas
report-column-account = Sąskaita
report-column-account-name = Sąskaitos pavadinimas
report-column-debit = Debetas
report-column-credit = Kreditas
report-column-asset-class = Turto klasė
report-column-treatment = Apskaitos būdas
report-column-currency = Valiuta
report-column-version = Versija
report-column-terminated-on = Nutraukimo data
report-column-closing-rate = Laikotarpio pabaigos kursas
report-column-closing-date = Pabaigos kurso data
report-column-average-rate = Vidutinis kursas
report-column-opening-rate = Laikotarpio pradžios kursas
report-column-opening-date = Pradžios kurso data
report-column-observations = Kotiravimų skaičius
report-column-section-item = { $section }: { $item }

# Asset classes (a contract's assetClass).
report-asset-class-vehicle = Transporto priemonės
report-asset-class-equipment = Mašinos ir įranga
report-asset-class-it = IT įranga
report-asset-class-premises = Patalpos
report-asset-class-other = Kita

# How a contract is accounted for.
report-treatment-balance-sheet = Pripažinta balanse
report-treatment-short-term = Trumpalaikė nuoma
report-treatment-low-value = Mažos vertės turtas
report-treatment-operating = Veiklos nuoma

# Account names of the journal's roles.
report-account-right-of-use-asset = Naudojimo teise valdomas turtas
report-account-accumulated-depreciation = Sukauptas naudojimo teise valdomo turto nusidėvėjimas
report-account-lease-liability-non-current = Nuomos įsipareigojimai, ilgalaikė dalis
report-account-lease-liability-current = Nuomos įsipareigojimai, trumpalaikė dalis
report-account-depreciation = Naudojimo teise valdomo turto nusidėvėjimas
report-account-interest = Nuomos įsipareigojimų palūkanų sąnaudos
report-account-lease-expense = Nuomos sąnaudos
report-account-remeasurement-gain = Nuomos pakartotinio įvertinimo arba nutraukimo pelnas
report-account-remeasurement-loss = Nuomos pakartotinio įvertinimo arba nutraukimo nuostoliai
report-account-payments = Nuomos mokėjimai (skolos tiekėjams)
report-account-fx-difference = Nuomos valiutų kursų skirtumai
