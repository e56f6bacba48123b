use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::error::LeaseError;
use super::measure::{Initial, Measurement, initial_recognition, period_payments};
use super::money::{
    as_money, periodic_rate, present_value, round_money, round_money_of_product, round_rate,
};
use super::terms::{
    Framework, Grid, LeaseTerms, MAX_VERSIONS, RateConvention, Timing, day_before, validate_terms,
};

/// One version of a contract's terms, in force from `effective_from` until the next version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub number: u32,
    /// Version 1: the commencement date. Later versions: a period start after commencement and
    /// within both the previous and the new term.
    pub effective_from: NaiveDate,
    pub terms: LeaseTerms,
}

/// The IFRS 16 §39 remeasurement at the start of a later version, measured at `effective_from`
/// before any payment due that day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remeasurement {
    pub version: u32,
    pub effective_from: NaiveDate,
    pub liability_before: Decimal,
    pub liability_after: Decimal,
    pub right_of_use_asset_before: Decimal,
    pub right_of_use_asset_after: Decimal,
    /// Gain recognised in profit or loss because the liability fell by more than the asset's
    /// carrying amount (§39): positive = gain; never negative, since the asset only absorbs
    /// decreases down to zero and increases are always capitalised.
    pub profit_or_loss: Decimal,
}

/// One payment period. All figures are in cents and every row adds up exactly:
///
/// - `closing_liability = opening_liability + liability_remeasurement + interest − payment`
/// - `closing_right_of_use_asset = opening_right_of_use_asset + right_of_use_asset_remeasurement
///   − depreciation`
///
/// The remeasurement columns are zero except on the first row of a later version, so in every
/// other row the familiar `opening + interest − payment = closing` holds, and every row's
/// closing figures are the next row's opening figures, across versions too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleRow {
    /// 1-based position in the whole timeline.
    pub period: u32,
    pub start_date: NaiveDate,
    /// Inclusive.
    pub end_date: NaiveDate,
    pub payment_date: NaiveDate,
    /// Carrying amount at the period start, before the payment due that day.
    pub opening_liability: Decimal,
    /// `liability_after − liability_before` of a remeasurement taking effect at this period's
    /// start.
    pub liability_remeasurement: Decimal,
    pub interest: Decimal,
    pub payment: Decimal,
    pub closing_liability: Decimal,
    pub opening_right_of_use_asset: Decimal,
    pub right_of_use_asset_remeasurement: Decimal,
    pub depreciation: Decimal,
    pub closing_right_of_use_asset: Decimal,
    /// Straight-line lease expense for exempt leases and K3 operating leases; zero otherwise.
    pub expense: Decimal,
    /// The version in force at the period's start.
    pub version: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub rows: Vec<ScheduleRow>,
    /// One per version after the first, in version order.
    pub remeasurements: Vec<Remeasurement>,
    /// Initial measurement of the first version under the chosen framework.
    pub measurement: Measurement,
}

/// The full schedule of a lease across its versions, as one continuous timeline.
///
/// Versions must be in ascending number and effective-date order, the first effective from the
/// commencement date. Each later version replaces the remaining periods from its effective date,
/// which must be a period start of the version before it; its terms may extend or shorten the
/// term, change amount, steps, timing, frequency and rate (its own `annual_rate_percent`: pass
/// the unchanged rate for an index change, §42(b), a revised one for §40/§45). Initial direct
/// costs, incentives, restoration costs and the first increased fee are taken from the first
/// version only, as they arise at commencement.
pub fn schedule(
    versions: &[Version],
    convention: RateConvention,
    framework: Framework,
) -> Result<Schedule, LeaseError> {
    let segments = segments(versions, convention, framework)?;
    let Some(first) = segments.first() else {
        return Err(LeaseError::NoVersions);
    };
    let on_balance_sheet = framework != Framework::K3Operating && first.terms.exemption.is_none();
    let total_periods = segments.iter().map(|s| s.last - s.first).sum::<u32>();
    let mut builder = Builder {
        rows: Vec::with_capacity(usize::try_from(total_periods).unwrap_or_default()),
        remeasurements: Vec::with_capacity(segments.len().saturating_sub(1)),
    };
    let zero = round_money(Decimal::ZERO);
    let measurement = if on_balance_sheet {
        let initial = initial_recognition(first.terms, &first.payments, first.rate)?;
        builder.balance_sheet(&segments, &initial)?;
        Measurement {
            lease_liability: initial.liability,
            right_of_use_asset: initial.right_of_use_asset,
            periodic_rate: round_rate(first.rate),
        }
    } else {
        builder.straight_line_expense(&segments, first.terms.first_increased_fee)?;
        Measurement {
            lease_liability: zero,
            right_of_use_asset: zero,
            periodic_rate: round_rate(first.rate),
        }
    };
    Ok(Schedule {
        rows: builder.rows,
        remeasurements: builder.remeasurements,
        measurement,
    })
}

/// The stretch of the timeline one version governs: periods `first..last` of its own grid.
struct Segment<'a> {
    version: u32,
    effective_from: NaiveDate,
    terms: &'a LeaseTerms,
    grid: Grid,
    rate: Decimal,
    first: u32,
    last: u32,
    /// Starts of periods `first..=grid.periods` ([`Grid::starts_from`]), computed once for both
    /// the payments and the rows.
    starts: Vec<NaiveDate>,
    /// Payments of periods `first..grid.periods`: to the end of the version's own term.
    payments: Vec<Decimal>,
}

impl Segment<'_> {
    /// Whether the segment runs to the end of its own term, i.e. is the timeline's end.
    fn is_final(&self) -> bool {
        self.last == self.grid.periods
    }

    /// Period `k` of the segment's grid, `first ≤ k < last`.
    fn period(&self, k: u32) -> Result<Period, LeaseError> {
        let index = (k - self.first) as usize;
        let start = self.starts[index];
        let end = day_before(self.starts[index + 1])?;
        Ok(Period {
            start,
            end,
            payment_date: match self.terms.timing {
                Timing::Advance => start,
                Timing::Arrears => end,
            },
            payment: self.payments[index],
        })
    }
}

struct Period {
    start: NaiveDate,
    end: NaiveDate,
    payment_date: NaiveDate,
    payment: Decimal,
}

fn segments(
    versions: &[Version],
    convention: RateConvention,
    framework: Framework,
) -> Result<Vec<Segment<'_>>, LeaseError> {
    if versions.len() > MAX_VERSIONS as usize {
        return Err(LeaseError::TooManyVersions {
            versions: versions.len(),
            max: MAX_VERSIONS,
        });
    }
    let mut segments: Vec<Segment<'_>> = Vec::with_capacity(versions.len());
    for version in versions {
        let terms = &version.terms;
        // Cross-version rules first: a moved commencement would otherwise surface as a
        // confusing whole-periods error.
        if let Some(previous) = segments.last() {
            check_follows(previous, version, framework)?;
        }
        validate_terms(terms)?;
        let grid = Grid::new(terms)?;
        // Versions mostly keep the rate (index changes, §42(b)), and the root is the costliest
        // step of a short schedule.
        let rate = match segments.last() {
            Some(previous)
                if previous.terms.annual_rate_percent == terms.annual_rate_percent
                    && previous.terms.frequency == terms.frequency =>
            {
                previous.rate
            }
            _ => periodic_rate(terms.annual_rate_percent, terms.frequency, convention)?,
        };
        let first = match segments.last_mut() {
            None => {
                if version.effective_from != terms.commencement {
                    return Err(LeaseError::FirstVersionNotAtCommencement {
                        effective_from: version.effective_from,
                        commencement: terms.commencement,
                    });
                }
                0
            }
            Some(previous) => {
                // D must be inside the term in force and start a period there, so the
                // previous version's rows stop at a period boundary.
                let effective_from = version.effective_from;
                if effective_from <= terms.commencement
                    || effective_from > previous.terms.end
                    || effective_from > terms.end
                {
                    return Err(LeaseError::EffectiveDateOutsideTerm {
                        version: version.number,
                        effective_from,
                    });
                }
                if effective_from <= previous.effective_from {
                    return Err(out_of_order(previous, version));
                }
                let Some(cut) = previous.grid.index_of_start(version.effective_from)? else {
                    return Err(LeaseError::EffectiveDateNotPeriodStart {
                        version: version.number,
                        effective_from: version.effective_from,
                    });
                };
                let Some(first) = grid.index_of_start(version.effective_from)? else {
                    return Err(LeaseError::EffectiveDateNotPeriodStart {
                        version: version.number,
                        effective_from: version.effective_from,
                    });
                };
                previous.last = cut;
                first
            }
        };
        let starts = grid.starts_from(first)?;
        let payments = period_payments(terms, &starts);
        segments.push(Segment {
            version: version.number,
            effective_from: version.effective_from,
            terms,
            grid,
            rate,
            first,
            last: grid.periods,
            starts,
            payments,
        });
    }
    Ok(segments)
}

fn check_follows(
    previous: &Segment<'_>,
    version: &Version,
    framework: Framework,
) -> Result<(), LeaseError> {
    if version.number <= previous.version {
        return Err(out_of_order(previous, version));
    }
    if version.terms.commencement != previous.terms.commencement {
        return Err(LeaseError::CommencementChanged {
            version: version.number,
            commencement: version.terms.commencement,
        });
    }
    // Under K3 operating nothing is capitalised either way, so the exemption flag is moot.
    if framework != Framework::K3Operating && version.terms.exemption != previous.terms.exemption {
        return Err(LeaseError::ExemptionChanged {
            version: version.number,
        });
    }
    Ok(())
}

fn out_of_order(previous: &Segment<'_>, version: &Version) -> LeaseError {
    LeaseError::VersionsOutOfOrder {
        version: version.number,
        effective_from: version.effective_from,
        previous: previous.version,
        previous_effective_from: previous.effective_from,
    }
}

struct Builder {
    rows: Vec<ScheduleRow>,
    remeasurements: Vec<Remeasurement>,
}

impl Builder {
    /// IFRS 16 / K3 finance: effective interest on the liability, straight-line depreciation of
    /// the asset, both kept in cents.
    ///
    /// Interest of a period is `round_money(base × rate)` where `base` is the liability after
    /// any remeasurement and, for advance timing, after the payment made at the period start.
    /// Depreciation is `round_money(carrying amount / periods left)` from the segment's first
    /// period, never more than what is left. The timeline's final period instead takes whatever
    /// closes both balances at exactly 0.00, so the cent roundings of all earlier periods end up
    /// in its interest and depreciation.
    fn balance_sheet(
        &mut self,
        segments: &[Segment<'_>],
        initial: &Initial,
    ) -> Result<(), LeaseError> {
        let mut liability = initial.liability + initial.paid_at_commencement;
        let mut asset = initial.right_of_use_asset;
        for (index, segment) in segments.iter().enumerate() {
            let mut liability_step = Decimal::ZERO;
            let mut asset_step = Decimal::ZERO;
            if index > 0 {
                let after = round_money(present_value(
                    &segment.payments,
                    segment.rate,
                    segment.terms.timing,
                ));
                liability_step = after - liability;
                let mut asset_after = asset + liability_step;
                let mut gain = Decimal::ZERO;
                if asset_after < Decimal::ZERO {
                    gain = -asset_after;
                    asset_after = Decimal::ZERO;
                }
                asset_step = asset_after - asset;
                self.remeasurements.push(Remeasurement {
                    version: segment.version,
                    effective_from: segment.effective_from,
                    liability_before: liability,
                    liability_after: after,
                    right_of_use_asset_before: asset,
                    right_of_use_asset_after: round_money(asset_after),
                    profit_or_loss: round_money(gain),
                });
            }
            let periods_left = Decimal::from(segment.grid.periods - segment.first);
            let straight_line = round_money((asset + asset_step) / periods_left);
            for k in segment.first..segment.last {
                let period = segment.period(k)?;
                let last_of_all = segment.is_final() && k + 1 == segment.last;
                let base = liability + liability_step;
                let interest = if last_of_all {
                    period.payment - base
                } else {
                    let interest_base = match segment.terms.timing {
                        Timing::Advance => base - period.payment,
                        Timing::Arrears => base,
                    };
                    round_money_of_product(interest_base, segment.rate)
                };
                let asset_base = asset + asset_step;
                let depreciation = if last_of_all {
                    asset_base
                } else {
                    straight_line.min(asset_base)
                };
                let closing_liability = base + interest - period.payment;
                let closing_asset = asset_base - depreciation;
                self.push(
                    &period,
                    segment.version,
                    Figures {
                        opening_liability: liability,
                        liability_remeasurement: liability_step,
                        interest,
                        closing_liability,
                        opening_asset: asset,
                        asset_remeasurement: asset_step,
                        depreciation,
                        closing_asset,
                        expense: Decimal::ZERO,
                    },
                );
                liability = closing_liability;
                asset = closing_asset;
                liability_step = Decimal::ZERO;
                asset_step = Decimal::ZERO;
            }
        }
        Ok(())
    }

    /// Exempt leases (IFRS 16 §6) and K3 operating leases: payments, including a first increased
    /// fee paid at commencement, are expensed straight-line.
    ///
    /// Each segment spreads what is still to be expensed (everything paid or payable under the
    /// timeline so far, less what was expensed) evenly over the periods left in its term; the
    /// timeline's final period takes the cent residue so total expense equals total payments.
    fn straight_line_expense(
        &mut self,
        segments: &[Segment<'_>],
        paid_at_commencement: Decimal,
    ) -> Result<(), LeaseError> {
        let mut paid = paid_at_commencement;
        let mut expensed = Decimal::ZERO;
        for (index, segment) in segments.iter().enumerate() {
            if index > 0 {
                let zero = round_money(Decimal::ZERO);
                self.remeasurements.push(Remeasurement {
                    version: segment.version,
                    effective_from: segment.effective_from,
                    liability_before: zero,
                    liability_after: zero,
                    right_of_use_asset_before: zero,
                    right_of_use_asset_after: zero,
                    profit_or_loss: zero,
                });
            }
            let remaining: Decimal = segment.payments.iter().sum();
            let periods_left = Decimal::from(segment.grid.periods - segment.first);
            let straight_line = round_money((paid + remaining - expensed) / periods_left);
            for k in segment.first..segment.last {
                let period = segment.period(k)?;
                paid += period.payment;
                let expense = if segment.is_final() && k + 1 == segment.last {
                    paid - expensed
                } else {
                    straight_line
                };
                expensed += expense;
                self.push(
                    &period,
                    segment.version,
                    Figures {
                        expense,
                        ..Figures::default()
                    },
                );
            }
        }
        Ok(())
    }

    fn push(&mut self, period: &Period, version: u32, f: Figures) {
        let number = u32::try_from(self.rows.len())
            .unwrap_or(u32::MAX)
            .saturating_add(1);
        self.rows.push(ScheduleRow {
            period: number,
            start_date: period.start,
            end_date: period.end,
            payment_date: period.payment_date,
            opening_liability: as_money(f.opening_liability),
            liability_remeasurement: as_money(f.liability_remeasurement),
            interest: as_money(f.interest),
            payment: as_money(period.payment),
            closing_liability: as_money(f.closing_liability),
            opening_right_of_use_asset: as_money(f.opening_asset),
            right_of_use_asset_remeasurement: as_money(f.asset_remeasurement),
            depreciation: as_money(f.depreciation),
            closing_right_of_use_asset: as_money(f.closing_asset),
            expense: as_money(f.expense),
            version,
        });
    }
}

/// Row figures, already whole cents; `push` only normalises their scale.
#[derive(Default)]
struct Figures {
    opening_liability: Decimal,
    liability_remeasurement: Decimal,
    interest: Decimal,
    closing_liability: Decimal,
    opening_asset: Decimal,
    asset_remeasurement: Decimal,
    depreciation: Decimal,
    closing_asset: Decimal,
    expense: Decimal,
}
