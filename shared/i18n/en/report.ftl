# The period report (shared/src/domain/report/render): headings, labels and file names.
# Terms follow the language's published IFRS 16 translation where there is one.

# Journal entry text: the contract's name and the month (yyyy-mm).
report-journal-description = Lease { $name } { $month }

# The title row of every sheet.
report-title = Lease report { $start } – { $end }, { $framework }, { $currency }
report-framework-ifrs16 = IFRS 16
report-framework-k3-operating = K3, operating lease
report-framework-k3-finance = K3, finance lease

# Sheet names (XLSX, at most 31 characters, none of [ ] : * ? / \).
report-sheet-liability = Lease liabilities
report-sheet-right-of-use = Right-of-use assets
report-sheet-profit-or-loss = Profit or loss
report-sheet-maturity = Maturity analysis
report-sheet-journal = Journal entries
report-sheet-contracts = Contracts
report-sheet-rates = Exchange rates

# File names in the CSV zip, without ".csv": ASCII letters, digits and hyphens only.
report-file-liability = lease-liabilities
report-file-right-of-use = right-of-use-assets
report-file-profit-or-loss = profit-or-loss
report-file-maturity = maturity-analysis
report-file-journal = journal-entries
report-file-contracts = contracts
report-file-rates = exchange-rates

# Lease liability roll-forward (IFRS 16 §53–58).
report-liability-opening = Opening balance
report-liability-additions = Additions
report-liability-interest = Interest expense
report-liability-payments = Lease payments
report-liability-remeasurements = Remeasurements
report-liability-terminations = Terminations
report-liability-fx-difference = Exchange differences
report-liability-closing = Closing balance
report-liability-current = Of which current
report-liability-non-current = Of which non-current

# Right-of-use asset roll-forward (IFRS 16 §53(a), (h), (j)).
report-asset-opening = Opening carrying amount
report-asset-additions = Additions
report-asset-depreciation = Depreciation
report-asset-remeasurements = Remeasurements
report-asset-terminations = Terminations
report-asset-fx-difference = Exchange differences
report-asset-closing = Closing carrying amount

# Profit or loss (IFRS 16 §53(a)–(e)).
report-pl-depreciation = Depreciation of right-of-use assets
report-pl-interest = Interest expense on lease liabilities
report-pl-short-term-expense = Expense relating to short-term leases
report-pl-low-value-expense = Expense relating to leases of low-value assets
report-pl-operating-lease-expense = Operating lease expense
report-pl-remeasurement-gain-loss = Gain (+) or loss (−) on remeasurement and termination
report-pl-fx-difference = Exchange difference, gain (+) or loss (−)

# Maturity analysis of undiscounted lease payments (IFRS 16 §58, IFRS 7 §39).
report-bucket-0-1 = Within 1 year
report-bucket-1-2 = 1–2 years
report-bucket-2-3 = 2–3 years
report-bucket-3-4 = 3–4 years
report-bucket-4-5 = 4–5 years
report-bucket-5-plus = More than 5 years

# Column headers.
report-column-item = Item
report-column-amount = Amount
report-column-total = Total
report-column-bucket = Falling due
report-column-date = Date
report-column-contract-id = Contract ID
report-column-contract-name = Contract
report-column-description = Description
report-column-account = Account
report-column-account-name = Account name
report-column-debit = Debit
report-column-credit = Credit
report-column-asset-class = Asset class
report-column-treatment = Accounting treatment
report-column-currency = Currency
report-column-version = Version
report-column-terminated-on = Terminated on
report-column-closing-rate = Closing rate
report-column-closing-date = Closing rate date
report-column-average-rate = Average rate
report-column-opening-rate = Opening rate
report-column-opening-date = Opening rate date
report-column-observations = Observations
report-column-section-item = { $section }: { $item }

# Asset classes (a contract's assetClass).
report-asset-class-vehicle = Vehicles
report-asset-class-equipment = Machinery and equipment
report-asset-class-it = IT equipment
report-asset-class-premises = Premises
report-asset-class-other = Other

# How a contract is accounted for.
report-treatment-balance-sheet = On the balance sheet
report-treatment-short-term = Short-term lease
report-treatment-low-value = Low-value asset
report-treatment-operating = Operating lease

# Account names of the journal's roles.
report-account-right-of-use-asset = Right-of-use assets
report-account-accumulated-depreciation = Accumulated depreciation of right-of-use assets
report-account-lease-liability-non-current = Lease liabilities, non-current
report-account-lease-liability-current = Lease liabilities, current
report-account-depreciation = Depreciation of right-of-use assets
report-account-interest = Interest expense on lease liabilities
report-account-lease-expense = Lease expense
report-account-remeasurement-gain = Gain on remeasurement or termination of leases
report-account-remeasurement-loss = Loss on remeasurement or termination of leases
report-account-payments = Lease payments (trade payables)
report-account-fx-difference = Exchange differences on leases
