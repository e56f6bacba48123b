//! The journal (plan decision 9): one entry per contract and calendar month (the part inside
//! the period), in the reporting currency, lines netted per account, every entry balanced.
//!
//! A month's movements are the differences of the cumulative figures since the period start,
//! each translated at the period's average rate and rounded on the cumulative figure, so the
//! months add up to the period's roll-forward figures exactly. The period's last month also
//! carries the FX difference and the reclassification of the current portion of the liability.
//! Every movement below is booked with both sides, which is why every entry balances.
//!
//! A termination removes the current part of the liability as the ledger holds it (the
//! opening current portion: the reclassification is booked once, at the period end) and the
//! rest from the non-current account; the asset's cost and accumulated depreciation are
//! removed at the period's average rate. In a foreign-currency lease their split between the
//! two accounts is therefore approximate; the carrying amount they net to is exact, and the
//! FX difference brings every account to its closing figure.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::accrual::Cumulative;
use super::translate::all_at;
use super::{AccountRole, JournalEntry, JournalLine};
use crate::domain::lease::round_money;

/// What one contract's journal needs beyond its cumulative amounts; amounts in the reporting
/// currency.
pub(super) struct ContractJournal<'a> {
    /// Index into the report's contracts.
    pub contract: usize,
    /// The last day of each month part of the period, ascending; the last is the period end.
    pub month_ends: &'a [NaiveDate],
    /// Cumulative amounts (contract currency) at the period start's eve.
    pub opening: &'a Cumulative,
    /// The same at each of `month_ends`.
    pub months: &'a [Cumulative],
    /// The flows' rate; None for a contract in the reporting currency.
    pub average: Option<Decimal>,
    pub terminated_on: Option<NaiveDate>,
    /// The current portion of the liability at the period start's eve and at the period end.
    pub current_opening: Decimal,
    pub current_closing: Decimal,
    pub liability_fx: Decimal,
    pub asset_fx: Decimal,
}

/// Debits positive, credits negative, per [`AccountRole`] (its discriminant).
type Book = [Decimal; AccountRole::ALL.len()];

fn post(book: &mut Book, debit: AccountRole, credit: AccountRole, amount: Decimal) {
    if let Some(slot) = book.get_mut(debit as usize) {
        *slot += amount;
    }
    if let Some(slot) = book.get_mut(credit as usize) {
        *slot -= amount;
    }
}

/// Appends the contract's entries to `journal` (months without movements have none).
pub(super) fn entries(input: &ContractJournal<'_>, journal: &mut Vec<JournalEntry>) {
    use AccountRole::*;
    let mut previous = Cumulative::default();
    let last = input.months.len().saturating_sub(1);
    let mut previous_end: Option<NaiveDate> = None;
    for (index, (end, cumulative)) in input.month_ends.iter().zip(input.months).enumerate() {
        let now = all_at(&cumulative.since(input.opening), input.average);
        let m = now.since(&previous);
        previous = now;
        let terminated_this_month = input
            .terminated_on
            .is_some_and(|t| t <= *end && previous_end.is_none_or(|p| t > p));
        previous_end = Some(*end);

        let mut book: Book = [Decimal::ZERO; AccountRole::ALL.len()];
        // Initial recognition: the asset's cost beyond the liability (the payment made at
        // commencement, direct costs, restoration, less incentives) is paid or payable.
        post(
            &mut book,
            RightOfUseAsset,
            LeaseLiabilityNonCurrent,
            m.liability_additions,
        );
        post(
            &mut book,
            RightOfUseAsset,
            Payments,
            m.asset_additions - m.liability_additions,
        );
        post(&mut book, Interest, LeaseLiabilityNonCurrent, m.interest);
        post(&mut book, LeaseLiabilityNonCurrent, Payments, m.payments);
        post(
            &mut book,
            Depreciation,
            AccumulatedDepreciation,
            m.depreciation,
        );
        post(&mut book, LeaseExpense, Payments, m.expense);
        // Remeasurement: the asset takes the liability's change, any §39 excess is a gain.
        post(
            &mut book,
            RightOfUseAsset,
            LeaseLiabilityNonCurrent,
            m.liability_remeasurements,
        );
        post(
            &mut book,
            RightOfUseAsset,
            RemeasurementGain,
            m.asset_remeasurements - m.liability_remeasurements,
        );
        if terminated_this_month {
            // Derecognition: the liability (its current part as it stands in the ledger, the
            // rest non-current), the cost and the accumulated depreciation.
            post(
                &mut book,
                LeaseLiabilityCurrent,
                RemeasurementGain,
                input.current_opening,
            );
            post(
                &mut book,
                LeaseLiabilityNonCurrent,
                RemeasurementGain,
                m.liability_terminations - input.current_opening,
            );
            post(
                &mut book,
                AccumulatedDepreciation,
                RightOfUseAsset,
                m.depreciation_terminated,
            );
            post(
                &mut book,
                RemeasurementGain,
                RightOfUseAsset,
                m.asset_terminations,
            );
        }
        if index == last {
            post(&mut book, RightOfUseAsset, FxDifference, input.asset_fx);
            post(
                &mut book,
                FxDifference,
                LeaseLiabilityNonCurrent,
                input.liability_fx,
            );
            let current_in_ledger = if input.terminated_on.is_some() {
                Decimal::ZERO
            } else {
                input.current_opening
            };
            post(
                &mut book,
                LeaseLiabilityNonCurrent,
                LeaseLiabilityCurrent,
                input.current_closing - current_in_ledger,
            );
        }
        // A net loss (termination below the carrying amount, or a cent of rounding against a
        // gain) is a debit: it goes to the loss account rather than debiting the gain account.
        let net_gain = book[RemeasurementGain as usize];
        if net_gain > Decimal::ZERO {
            book[RemeasurementLoss as usize] += net_gain;
            book[RemeasurementGain as usize] = Decimal::ZERO;
        }
        let lines: Vec<JournalLine> = AccountRole::ALL
            .into_iter()
            .zip(book)
            .filter(|(_, amount)| !amount.is_zero())
            .map(|(account, amount)| JournalLine {
                account,
                debit: round_money(amount.max(Decimal::ZERO)),
                credit: round_money((-amount).max(Decimal::ZERO)),
            })
            .collect();
        if !lines.is_empty() {
            journal.push(JournalEntry {
                date: *end,
                contract: input.contract,
                lines,
            });
        }
    }
}
