# The period report (shared/src/domain/report/render): headings, labels and file names.
# Terms follow the language's published IFRS 16 translation where there is one.

# Journal entry text: the contract's name and the month (yyyy-mm).
report-journal-description = Vuokrasopimus { $name } { $month }

# The title row of every sheet.
report-title = Vuokrasopimusraportti { $start } – { $end }, { $framework }, { $currency }
report-framework-ifrs16 = IFRS 16
report-framework-k3-operating = K3, muu vuokrasopimus
report-framework-k3-finance = K3, rahoitusleasingsopimus

# Sheet names (XLSX, at most 31 characters, none of [ ] : * ? / \).
report-sheet-liability = Vuokrasopimusvelat
report-sheet-right-of-use = Käyttöoikeusomaisuuserät
report-sheet-profit-or-loss = Tuloslaskelma
report-sheet-maturity = Maturiteettianalyysi
report-sheet-journal = Kirjaukset
report-sheet-contracts = Sopimukset
report-sheet-rates = Valuuttakurssit

# File names in the CSV zip, without ".csv": ASCII letters, digits and hyphens only.
report-file-liability = vuokrasopimusvelat
report-file-right-of-use = kayttooikeusomaisuuserat
report-file-profit-or-loss = tuloslaskelma
report-file-maturity = maturiteettianalyysi
report-file-journal = kirjaukset
report-file-contracts = sopimukset
report-file-rates = valuuttakurssit

# Lease liability roll-forward (IFRS 16 §53–58).
report-liability-opening = Kauden alussa
report-liability-additions = Lisäykset
report-liability-interest = Korkokulu
report-liability-payments = Vuokranmaksut
report-liability-remeasurements = Uudelleen määrittäminen
report-liability-terminations = Päättyneet vuokrasopimukset
report-liability-fx-difference = Kurssierot
report-liability-closing = Kauden lopussa
report-liability-current = Josta lyhytaikainen osuus
report-liability-non-current = Josta pitkäaikainen osuus

# Right-of-use asset roll-forward (IFRS 16 §53(a), (h), (j)).
report-asset-opening = Kirjanpitoarvo kauden alussa
report-asset-additions = Lisäykset
report-asset-depreciation = Poistot
report-asset-remeasurements = Uudelleen määrittäminen
report-asset-terminations = Päättyneet vuokrasopimukset
report-asset-fx-difference = Kurssierot
report-asset-closing = Kirjanpitoarvo kauden lopussa

# Profit or loss (IFRS 16 §53(a)–(e)).
report-pl-depreciation = Käyttöoikeusomaisuuserien poistot
report-pl-interest = Vuokrasopimusvelkojen korkokulut
report-pl-short-term-expense = Lyhytaikaisiin vuokrasopimuksiin liittyvät kulut
report-pl-low-value-expense = Vähäarvoisten omaisuuserien vuokrasopimuksiin liittyvät kulut
report-pl-operating-lease-expense = Muiden vuokrasopimusten kulut
report-pl-remeasurement-gain-loss = Uudelleen määrittämisen ja päättymisen voitto (+) tai tappio (−)
report-pl-fx-difference = Kurssiero, voitto (+) tai tappio (−)

# Maturity analysis of undiscounted lease payments (IFRS 16 §58, IFRS 7 §39).
report-bucket-0-1 = Alle 1 vuosi
report-bucket-1-2 = 1–2 vuotta
report-bucket-2-3 = 2–3 vuotta
report-bucket-3-4 = 3–4 vuotta
report-bucket-4-5 = 4–5 vuotta
report-bucket-5-plus = Yli 5 vuotta

# Column headers.
report-column-item = Erä
report-column-amount = Määrä
report-column-total = Yhteensä
report-column-bucket = Erääntyy
report-column-date = Päivämäärä
report-column-contract-id = Sopimuksen tunnus
report-column-contract-name = Sopimus
report-column-description = Selite
report-column-account = Tili
report-column-account-name = Tilin nimi
report-column-debit = Debet
report-column-credit = Kredit
report-column-asset-class = Omaisuuserälaji
report-column-treatment = Kirjanpitokäsittely
report-column-currency = Valuutta
report-column-version = Versio
report-column-terminated-on = Päättynyt
report-column-closing-rate = Päätöskurssi
report-column-closing-date = Päätöskurssin päivä
report-column-average-rate = Keskikurssi
report-column-opening-rate = Avauskurssi
report-column-opening-date = Avauskurssin päivä
report-column-observations = Noteerausten määrä
report-column-section-item = { $section }: { $item }

# Asset classes (a contract's assetClass).
report-asset-class-vehicle = Ajoneuvot
report-asset-class-equipment = Koneet ja kalusto
report-asset-class-it = IT-laitteet
report-asset-class-premises = Toimitilat
report-asset-class-other = Muut

# How a contract is accounted for.
report-treatment-balance-sheet = Taseessa
report-treatment-short-term = Lyhytaikainen vuokrasopimus
report-treatment-low-value = Vähäarvoinen omaisuuserä
report-treatment-operating = Muu vuokrasopimus

# Account names of the journal's roles.
report-account-right-of-use-asset = Käyttöoikeusomaisuuserät
report-account-accumulated-depreciation = Käyttöoikeusomaisuuserien kertyneet poistot
report-account-lease-liability-non-current = Vuokrasopimusvelat, pitkäaikainen osuus
report-account-lease-liability-current = Vuokrasopimusvelat, lyhytaikainen osuus
report-account-depreciation = Käyttöoikeusomaisuuserien poistot
report-account-interest = Vuokrasopimusvelkojen korkokulut
report-account-lease-expense = Vuokrakulut
report-account-remeasurement-gain = Vuokrasopimusten uudelleen määrittämisen tai päättymisen voitto
report-account-remeasurement-loss = Vuokrasopimusten uudelleen määrittämisen tai päättymisen tappio
report-account-payments = Vuokranmaksut (ostovelat)
report-account-fx-difference = Vuokrasopimusten kurssierot
