//! A contract's amounts cut by days (plan decision 1): what has accrued, been paid, remeasured
//! or derecognised from commencement through the end of a day, in the contract's currency.
//!
//! The engine's rows are payment periods. Interest, depreciation and straight-line expense of a
//! row accrue linearly over its days, rounded to cents on the cumulative figure
//! (`round_money(row amount × days elapsed / days in the row)`, the whole row once its last day
//! is reached); a payment counts on its payment date; a remeasurement from its row's first day;
//! the initial measurement from the commencement date. Every period or month figure is the
//! difference of two cumulative figures, so pieces always add up to the whole.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::lease::{Schedule, ScheduleRow, round_money};

/// Amounts from commencement through the end of one day, in the contract's currency. Every
/// field is a running total, so the difference of two is the movement between the days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Cumulative {
    pub liability_additions: Decimal,
    pub asset_additions: Decimal,
    pub interest: Decimal,
    /// Liability payments: the advance payment on the commencement date is part of the asset's
    /// cost (IFRS 16 §24(b)), not a payment of the liability, and is left out.
    pub payments: Decimal,
    pub liability_remeasurements: Decimal,
    pub asset_remeasurements: Decimal,
    pub depreciation: Decimal,
    /// Straight-line expense of a lease kept off the balance sheet.
    pub expense: Decimal,
    /// The liability derecognised at termination.
    pub liability_terminations: Decimal,
    /// The asset's carrying amount derecognised at termination.
    pub asset_terminations: Decimal,
    /// The accumulated depreciation derecognised at termination (the journal removes cost and
    /// accumulated depreciation separately).
    pub depreciation_terminated: Decimal,
}

impl Cumulative {
    pub fn liability(&self) -> Decimal {
        self.liability_additions + self.interest - self.payments + self.liability_remeasurements
            - self.liability_terminations
    }

    pub fn asset(&self) -> Decimal {
        self.asset_additions - self.depreciation + self.asset_remeasurements
            - self.asset_terminations
    }

    /// The movements from `earlier` to `self`.
    pub fn since(&self, earlier: &Cumulative) -> Cumulative {
        Cumulative {
            liability_additions: self.liability_additions - earlier.liability_additions,
            asset_additions: self.asset_additions - earlier.asset_additions,
            interest: self.interest - earlier.interest,
            payments: self.payments - earlier.payments,
            liability_remeasurements: self.liability_remeasurements
                - earlier.liability_remeasurements,
            asset_remeasurements: self.asset_remeasurements - earlier.asset_remeasurements,
            depreciation: self.depreciation - earlier.depreciation,
            expense: self.expense - earlier.expense,
            liability_terminations: self.liability_terminations - earlier.liability_terminations,
            asset_terminations: self.asset_terminations - earlier.asset_terminations,
            depreciation_terminated: self.depreciation_terminated - earlier.depreciation_terminated,
        }
    }

    fn add_row(&mut self, row: &ScheduleRow, with_payment: bool) {
        self.interest += row.interest;
        self.depreciation += row.depreciation;
        self.expense += row.expense;
        self.liability_remeasurements += row.liability_remeasurement;
        self.asset_remeasurements += row.right_of_use_asset_remeasurement;
        if with_payment {
            self.payments += row.payment;
        }
    }
}

/// One schedule seen as amounts by day.
pub(super) struct Timeline<'a> {
    rows: &'a [ScheduleRow],
    commencement: NaiveDate,
    liability_addition: Decimal,
    asset_addition: Decimal,
    /// On the balance sheet: payments reduce the liability. Off it (exempt, K3 operating) only
    /// the expense is tracked.
    on_balance_sheet: bool,
    /// End of this day the lease is derecognised; nothing accrues after it.
    terminated_on: Option<NaiveDate>,
}

impl<'a> Timeline<'a> {
    pub fn new(
        schedule: &'a Schedule,
        commencement: NaiveDate,
        on_balance_sheet: bool,
        terminated_on: Option<NaiveDate>,
    ) -> Timeline<'a> {
        Timeline {
            rows: &schedule.rows,
            commencement,
            liability_addition: schedule.measurement.lease_liability,
            asset_addition: schedule.measurement.right_of_use_asset,
            on_balance_sheet,
            terminated_on,
        }
    }

    /// Undiscounted payments dated after `after` (and not after a termination), in the
    /// buckets `(after, ends[0]], (ends[0], ends[1]], …`, the last bucket taking the rest.
    pub fn payments_after<const N: usize>(
        &self,
        after: NaiveDate,
        ends: &[NaiveDate; N],
    ) -> [Decimal; N] {
        let mut buckets = [Decimal::ZERO; N];
        if self.terminated_on.is_some_and(|t| t <= after) {
            return buckets;
        }
        let first = self.rows.partition_point(|row| row.payment_date <= after);
        let mut bucket = 0;
        for row in self.rows.iter().skip(first) {
            if self.terminated_on.is_some_and(|t| row.payment_date > t) {
                break;
            }
            while bucket + 1 < N && ends.get(bucket).is_some_and(|end| row.payment_date > *end) {
                bucket += 1;
            }
            if let Some(slot) = buckets.get_mut(bucket) {
                *slot += row.payment;
            }
        }
        buckets
    }

    pub fn cursor(&self) -> Cursor<'_> {
        Cursor {
            timeline: self,
            next: 0,
            complete: Cumulative::default(),
            last: None,
        }
    }

    /// Whether row `index`'s payment reduces the liability: not off the balance sheet, and not
    /// the advance payment made on the commencement date (already outside the initial liability).
    fn pays_liability(&self, index: usize, row: &ScheduleRow) -> bool {
        self.on_balance_sheet && !(index == 0 && row.payment_date == self.commencement)
    }
}

/// Walks a timeline's rows once for ascending days (asking for an earlier day restarts the
/// walk): a portfolio report asks every contract for a dozen days, and rescanning the rows for
/// each would cost rows × days.
pub(super) struct Cursor<'a> {
    timeline: &'a Timeline<'a>,
    /// Rows before it end on or before `last`, and are summed in `complete`.
    next: usize,
    complete: Cumulative,
    last: Option<NaiveDate>,
}

impl Cursor<'_> {
    /// The cumulative amounts through the end of `day`, terminated if the timeline is.
    pub fn at(&mut self, day: NaiveDate) -> Cumulative {
        match self.timeline.terminated_on {
            Some(terminated) if day >= terminated => {
                let mut cumulative = self.through(terminated);
                cumulative.liability_terminations = cumulative.liability();
                cumulative.asset_terminations = cumulative.asset();
                cumulative.depreciation_terminated = cumulative.depreciation;
                cumulative
            }
            _ => self.through(day),
        }
    }

    fn through(&mut self, day: NaiveDate) -> Cumulative {
        let timeline = self.timeline;
        if self.last.is_some_and(|last| day < last) {
            self.next = 0;
            self.complete = Cumulative::default();
        }
        self.last = Some(day);
        while let Some(row) = timeline.rows.get(self.next) {
            if row.end_date > day {
                break;
            }
            let pays = timeline.pays_liability(self.next, row);
            self.complete.add_row(row, pays);
            self.next += 1;
        }
        let mut cumulative = self.complete;
        if let Some(row) = timeline.rows.get(self.next)
            && row.start_date <= day
        {
            // Inside the row (its end is after `day`): accrue by days.
            let elapsed = Decimal::from((day - row.start_date).num_days() + 1);
            let length = Decimal::from((row.end_date - row.start_date).num_days() + 1);
            let accrue = |amount: Decimal| {
                if amount.is_zero() {
                    amount
                } else {
                    round_money(amount * elapsed / length)
                }
            };
            cumulative.interest += accrue(row.interest);
            cumulative.depreciation += accrue(row.depreciation);
            cumulative.expense += accrue(row.expense);
            cumulative.liability_remeasurements += row.liability_remeasurement;
            cumulative.asset_remeasurements += row.right_of_use_asset_remeasurement;
            if row.payment_date <= day && timeline.pays_liability(self.next, row) {
                cumulative.payments += row.payment;
            }
        }
        if timeline.on_balance_sheet && day >= timeline.commencement {
            cumulative.liability_additions = timeline.liability_addition;
            cumulative.asset_additions = timeline.asset_addition;
        }
        cumulative
    }
}
