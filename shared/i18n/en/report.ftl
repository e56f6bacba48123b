# The period report (shared/src/domain/report/render): headings, labels and file names.
report-journal-description = Lease { $name } { $month }
