use rust_decimal::Decimal;

use super::error::LeaseError;
use super::terms::{Frequency, MONEY_DECIMALS, RateConvention, Timing, rate_in_range};

/// Decimal places of [`Measurement::periodic_rate`](super::Measurement::periodic_rate) as
/// presented; calculations use the unrounded rate.
pub const PERIODIC_RATE_DECIMALS: u32 = 10;

/// The one presentation rounding: 2 decimals, half away from zero (1.005 → 1.01,
/// −1.005 → −1.01). The result always has exactly 2 decimals (`50000` → `50000.00`) and zero is
/// never negative, so figures print the same everywhere.
pub fn round_money(d: Decimal) -> Decimal {
    round_to(d, MONEY_DECIMALS)
}

/// [`round_money`] for figures that are already whole cents, skipping the rounding work in the
/// schedule's hot loop.
pub(crate) fn as_money(d: Decimal) -> Decimal {
    if d.is_zero() {
        // Most rows' remeasurement and expense columns: no rescaling needed for 0.00.
        return ZERO_MONEY;
    }
    if d.scale() == 2 {
        return d;
    }
    if d.scale() > 2 {
        return round_money(d);
    }
    let mut money = d;
    money.rescale(2);
    money
}

/// `0.00`, what [`round_money`] makes of any zero.
const ZERO_MONEY: Decimal = Decimal::from_parts(0, 0, 0, false, MONEY_DECIMALS);

/// `round_money(a * b)`, the interest of every schedule row, without building the product.
///
/// `Decimal`'s multiplication (rust_decimal 1.43: `ops/mul.rs`, `Buf24::rescale`) forms the exact
/// product `P` of the two mantissas at scale `s = scale(a) + scale(b)` and keeps it when it fits
/// 96 bits at a scale of at most 28. Otherwise it drops `t` digits, rounding half to even on the
/// exact remainder: `t` starts at an estimate from `P`'s bit length, at least `s − 28`
/// ([`product_digits`]), and grows by one while the quotient still exceeds 96 bits. That is
/// `y = Q·D + y'` with `P = Q·10^(s−2) + R`, `D = 10^(s−t−2)` and `y'` the rounding of
/// `R / 10^t`, so cents are `Q` plus one when `y' ≥ D/2`, which one comparison of `R` decides
/// (below). One `u128` division instead of the 32-bit long divisions of the multiplication and
/// then of [`round_to`].
///
/// Whatever falls outside this goes through `a * b` itself: a zero, two 32-bit mantissas (the
/// multiplication's own shortcut), a product beyond 128 bits, a rounding that could carry past
/// 96 bits (the multiplication then drops one digit more), fewer than two decimals left. A test
/// compares the two on many values, so a rust_decimal upgrade that multiplies differently fails
/// it rather than changing an interest figure.
pub(crate) fn round_money_of_product(a: Decimal, b: Decimal) -> Decimal {
    product_in_cents(a, b).unwrap_or_else(|| round_money(a * b))
}

fn product_in_cents(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (m1, m2) = (a.mantissa().unsigned_abs(), b.mantissa().unsigned_abs());
    if m1 == 0 || m2 == 0 || (m1 >> 32 == 0 && m2 >> 32 == 0) {
        return None;
    }
    let product = m1.checked_mul(m2)?;
    let scale = a.scale() + b.scale();
    let mut dropped = product_digits(product, scale)?;
    // Grow `t` while the quotient has more than 96 bits: ⌊P / 10^t⌋ ≥ 2^96 ⟺ ⌊P / 2^96⌋ ≥ 10^t.
    let above_96_bits = product >> 96;
    while above_96_bits >= power_of_ten(dropped)? {
        dropped += 1;
        if dropped >= scale {
            return None;
        }
    }
    let dropped_unit = power_of_ten(dropped)?;
    // A quotient of 2^96 − 1 could round up past 96 bits.
    if dropped > 0 && above_96_bits + 1 >= dropped_unit {
        return None;
    }
    let kept_scale = scale.checked_sub(dropped)?;
    let cents_digits = kept_scale.checked_sub(MONEY_DECIMALS)?;
    let cent = power_of_ten(scale - MONEY_DECIMALS)?;
    let mut cents = product / cent;
    let remainder = product - cents * cent;
    let up = if cents_digits == 0 {
        // y itself is in cents: half to even on the dropped digits.
        let twice = 2 * remainder;
        twice > dropped_unit || (twice == dropped_unit && cents & 1 == 1)
    } else {
        // y' ≥ D/2 ⟺ R / 10^t rounds (half to even) to D/2 or more ⟺ 2R > 10^t·(D − 1), or
        // equal with D/2 even (then the tie goes up to D/2), that is with D ≥ 100.
        let threshold = dropped_unit * (power_of_ten(cents_digits)? - 1);
        let twice = 2 * remainder;
        twice > threshold || (twice == threshold && cents_digits >= 2)
    };
    if up {
        cents += 1;
    }
    let mut rounded = Decimal::from_parts(
        cents as u32,
        (cents >> 32) as u32,
        (cents >> 64) as u32,
        a.is_sign_negative() != b.is_sign_negative(),
        MONEY_DECIMALS,
    );
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    Some(rounded)
}

/// 10^`n` for every power of ten a `u128` holds.
fn power_of_ten(n: u32) -> Option<u128> {
    POWERS_OF_TEN.get(n as usize).copied()
}

/// How many digits `Decimal`'s multiplication starts by dropping from the product `product` at
/// scale `scale` (`Buf24::rescale`'s first target), or `None` where it overflows.
fn product_digits(product: u128, scale: u32) -> Option<u32> {
    // Index of the highest non-zero 32-bit word.
    let upper = (127 - product.leading_zeros()) / 32;
    if upper <= 2 && scale <= 28 {
        return Some(0);
    }
    let scale = i64::from(scale);
    let mut target = 0i64;
    if upper > 2 {
        let top_word = (product >> (32 * upper)) as u32;
        target = i64::from(upper) * 32 - 64 - 1 - i64::from(top_word.leading_zeros());
        target = ((target * 77) >> 8) + 1;
        if target > scale {
            return None;
        }
    }
    target = target.max(scale - 28);
    u32::try_from(target).ok()
}

/// 10^0 ..= 10^38, every power of ten a `u128` holds.
const POWERS_OF_TEN: [u128; 39] = {
    let mut powers = [1u128; 39];
    let mut i = 1;
    while i < 39 {
        powers[i] = powers[i - 1] * 10;
        i += 1;
    }
    powers
};

pub(crate) fn round_rate(d: Decimal) -> Decimal {
    round_to(d, PERIODIC_RATE_DECIMALS)
}

/// `d` rounded half away from zero to exactly `decimals` places, never a negative zero.
///
/// This is `round_dp_with_strategy(decimals, MidpointAwayFromZero)` followed by
/// `rescale(decimals)`, which is what it computed until the schedule's per-row interest made it
/// the engine's costliest step: that method divides the 96-bit mantissa in 9-digit chunks and
/// builds the midpoint by 26 multiplications. Here the mantissa's magnitude `m` at scale `s`
/// is divided once, as a `u128`, by `p = 10^(s − decimals)`: the quotient is the truncated
/// figure and the remainder `r` rounds it up when `r ≥ p / 2`, exactly the comparison with
/// `5 · 10^(s − decimals − 1)` that method makes, so every result is the same (a test compares
/// the two on many values).
fn round_to(d: Decimal, decimals: u32) -> Decimal {
    let scale = d.scale();
    let mut rounded = if scale <= decimals {
        let mut padded = d;
        padded.rescale(decimals);
        padded
    } else {
        // `scale` ≤ 28, so `p` < 2^94 fits a u128.
        let p = 10u128.pow(scale - decimals);
        let magnitude = d.mantissa().unsigned_abs();
        let mut quotient = magnitude / p;
        let remainder = magnitude - quotient * p;
        if remainder >= p - remainder {
            quotient += 1;
        }
        // quotient ≤ m / 10 and m < 2^96, so quotient + 1 still fits the 96-bit mantissa.
        Decimal::from_parts(
            quotient as u32,
            (quotient >> 32) as u32,
            (quotient >> 64) as u32,
            d.is_sign_negative(),
            decimals,
        )
    };
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    rounded
}

/// The discount rate per payment period at full `Decimal` precision.
///
/// `annual_rate_percent` is in percent (5 means 5 %). Effective: `(1 + r)^(1/n) − 1`, found by
/// Newton's method because `Decimal::powd` goes through `exp`/`ln` and loses digits; nominal:
/// `r / n`.
pub fn periodic_rate(
    annual_rate_percent: Decimal,
    frequency: Frequency,
    convention: RateConvention,
) -> Result<Decimal, LeaseError> {
    if !rate_in_range(annual_rate_percent) {
        return Err(LeaseError::RateOutOfRange {
            rate: annual_rate_percent,
        });
    }
    let annual = annual_rate_percent / Decimal::ONE_HUNDRED;
    let n = frequency.periods_per_year();
    Ok(match convention {
        RateConvention::Nominal => annual / Decimal::from(n),
        RateConvention::Effective => nth_root(Decimal::ONE + annual, n) - Decimal::ONE,
    })
}

/// `a^(1/n)` for `1 ≤ a ≤ 2` and small `n`, by Newton's method.
///
/// The start is the binomial series of `(1 + r)^(1/n)` cut after its third-order term: the
/// series alternates with shrinking terms for `r ≤ 1`, so the cut lies just above the root and
/// three or four steps reach full precision. The first step is always taken, which lands above
/// the root whatever the start; from there the iterates fall monotonically and the loop stops
/// once a step no longer moves them down at `Decimal` precision.
fn nth_root(a: Decimal, n: u32) -> Decimal {
    if n <= 1 {
        return a;
    }
    let n_dec = Decimal::from(n);
    let r = a - Decimal::ONE;
    let e = Decimal::ONE / n_dec;
    let second = e * (e - Decimal::ONE) / Decimal::TWO * r * r;
    let third = second * (e - Decimal::TWO) / Decimal::from(3) * r;
    let mut x = Decimal::ONE + e * r + second + third;
    for iteration in 0..64 {
        let x_pow_n_minus_1 = power(x, n - 1);
        let step = (x_pow_n_minus_1 * x - a) / (n_dec * x_pow_n_minus_1);
        if iteration > 0 && step <= Decimal::ZERO {
            break;
        }
        x -= step;
    }
    x
}

/// `x^n` by squaring.
fn power(mut x: Decimal, mut n: u32) -> Decimal {
    let mut result = Decimal::ONE;
    while n > 0 {
        if n & 1 == 1 {
            result *= x;
        }
        n >>= 1;
        if n > 0 {
            x *= x;
        }
    }
    result
}

/// Periodic rates from here on lose at most 10^−22 of relative precision in the closed form.
const CLOSED_FORM_MIN_RATE: Decimal = Decimal::from_parts(1, 0, 0, false, 6);

/// Present value, one period before the first payment's period starts, of the payments of
/// consecutive periods at the periodic rate `rate`: advance payments of the first period are
/// undiscounted, arrears payments are discounted one period.
///
/// Payments come in runs of equal amounts (base amount and steps), so each run is valued as a
/// level annuity, `p · v^start · (1 − v^len) / (1 − v)`, with powers by squaring: a handful of
/// multiplications per run instead of one per period, which is most of a schedule's cost.
///
/// `Decimal` keeps at most 28 decimal places, so `1 − v` of a tiny rate has few significant
/// digits left; below [`CLOSED_FORM_MIN_RATE`] each payment is discounted instead (Horner).
pub(crate) fn present_value(payments: &[Decimal], rate: Decimal, timing: Timing) -> Decimal {
    let v = Decimal::ONE / (Decimal::ONE + rate);
    if rate < CLOSED_FORM_MIN_RATE {
        let mut pv = Decimal::ZERO;
        for payment in payments.iter().rev() {
            pv = *payment + v * pv;
        }
        return match timing {
            Timing::Advance => pv,
            Timing::Arrears => v * pv,
        };
    }
    // 1 − v computed as rate · v keeps all significant digits for small rates.
    let one_minus_v = rate / (Decimal::ONE + rate);
    let mut pv = Decimal::ZERO;
    let mut discount = Decimal::ONE;
    let mut rest = payments;
    while let Some(&amount) = rest.first() {
        let run = rest.iter().take_while(|p| **p == amount).count();
        let run_discount = power(v, u32::try_from(run).unwrap_or(u32::MAX));
        pv += amount * discount * ((Decimal::ONE - run_discount) / one_minus_v);
        discount *= run_discount;
        rest = &rest[run..];
    }
    match timing {
        Timing::Advance => pv,
        Timing::Arrears => v * pv,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lease::test_support::d;

    #[test]
    fn money_rounds_half_away_from_zero_to_exactly_two_decimals() {
        assert_eq!(round_money(d("1.005")).to_string(), "1.01");
        assert_eq!(round_money(d("1.0049999")).to_string(), "1.00");
        assert_eq!(round_money(d("-1.005")).to_string(), "-1.01");
        assert_eq!(round_money(d("2.675")).to_string(), "2.68");
        assert_eq!(round_money(d("50000")).to_string(), "50000.00");
    }

    /// What `round_to` computed before it divided the mantissa itself.
    fn round_to_by_rust_decimal(d: Decimal, decimals: u32) -> Decimal {
        let mut rounded = d.round_dp_with_strategy(
            decimals,
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        );
        rounded.rescale(decimals);
        if rounded.is_zero() {
            rounded.set_sign_positive(true);
        }
        rounded
    }

    #[test]
    fn rounding_gives_exactly_what_rust_decimals_midpoint_away_from_zero_gives() {
        let mut values = vec![
            d("0"),
            d("-0.000"),
            d("0.005"),
            d("-0.005"),
            d("0.00499999999999999999999999"),
            d("0.0050000000000000000000000001"),
            d("1.00000000005"),
            d("-1.00000000004999"),
            d("99999999.995"),
            Decimal::MAX,
            Decimal::MIN,
            Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, false, 28),
            Decimal::from_parts(5, 0, 0, true, 3),
            Decimal::from_parts(0, 0, 0x8000_0000, false, 27),
        ];
        // Pseudo-random mantissas of every size and scale, both signs (xorshift, fixed seed).
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for i in 0..50_000u32 {
            let bits = next();
            let wide = next();
            let size = i % 97;
            let mantissa = (u128::from(bits) << 64 | u128::from(wide)) >> (128 - size.max(1));
            let scale = (next() % 29) as u32;
            let negative = next() % 2 == 0;
            let decimal = |m: u128, scale: u32| from_u128(m, negative, scale);
            values.push(decimal(mantissa, scale));
            // Exact midpoints for both roundings: q·10^k + 5·10^(k−1), k the dropped digits.
            for decimals in [MONEY_DECIMALS, PERIODIC_RATE_DECIMALS] {
                if scale > decimals {
                    let k = scale - decimals;
                    let midpoint = (mantissa >> 40)
                        .checked_mul(10u128.pow(k))
                        .and_then(|m| m.checked_add(5 * 10u128.pow(k - 1)));
                    if let Some(midpoint) = midpoint.filter(|m| m >> 96 == 0) {
                        values.push(decimal(midpoint, scale));
                    }
                }
            }
        }
        for value in values {
            for decimals in [MONEY_DECIMALS, PERIODIC_RATE_DECIMALS] {
                let expected = round_to_by_rust_decimal(value, decimals);
                let rounded = round_to(value, decimals);
                assert_eq!(
                    (rounded.to_string(), rounded.serialize()),
                    (expected.to_string(), expected.serialize()),
                    "{value} to {decimals} decimals"
                );
            }
        }
    }

    /// `round_money_of_product` against `round_money(a * b)`, bit for bit; counts the pairs
    /// that took the fast path.
    fn compare_products(pairs: impl IntoIterator<Item = (Decimal, Decimal)>) -> usize {
        let mut fast = 0;
        for (a, b) in pairs {
            let Some(product) = a.checked_mul(b) else {
                continue;
            };
            let expected = round_money(product);
            let rounded = round_money_of_product(a, b);
            assert_eq!(
                (rounded.to_string(), rounded.serialize()),
                (expected.to_string(), expected.serialize()),
                "{a} × {b}"
            );
            fast += usize::from(product_in_cents(a, b).is_some());
        }
        fast
    }

    fn from_u128(mantissa: u128, negative: bool, scale: u32) -> Decimal {
        Decimal::from_parts(
            mantissa as u32,
            (mantissa >> 32) as u32,
            (mantissa >> 64) as u32,
            negative,
            scale,
        )
    }

    #[test]
    fn interest_in_cents_is_exactly_the_rounded_decimal_product() -> Result<(), LeaseError> {
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        // Schedule-like: balances in cents times every periodic rate the API can produce.
        let mut rates = Vec::new();
        for percent in (0..=10_000).step_by(37) {
            let annual = Decimal::new(percent, 2);
            for frequency in [
                Frequency::Monthly,
                Frequency::Quarterly,
                Frequency::SemiAnnual,
                Frequency::Annual,
            ] {
                for convention in [RateConvention::Effective, RateConvention::Nominal] {
                    rates.push(periodic_rate(annual, frequency, convention)?);
                }
            }
        }
        let mut pairs = Vec::new();
        for rate in &rates {
            for _ in 0..40 {
                let bits = 1 + next() % 67;
                let cents = u128::from(next()) >> (64 - bits.min(64)) << (bits.saturating_sub(64));
                let negative = next() % 8 == 0;
                pairs.push((from_u128(cents, negative, 2), *rate));
            }
        }
        let fast = compare_products(pairs);
        assert!(fast > 40_000, "only {fast} took the fast path");

        // Any mantissas and scales, both signs.
        let mut pairs = Vec::new();
        for _ in 0..200_000 {
            let size_a = 1 + next() % 96;
            let size_b = 1 + next() % 96;
            let a = u128::from(next()) << 64 | u128::from(next());
            let b = u128::from(next()) << 64 | u128::from(next());
            pairs.push((
                from_u128(a >> (128 - size_a), next() % 2 == 0, (next() % 29) as u32),
                from_u128(b >> (128 - size_b), next() % 2 == 0, (next() % 29) as u32),
            ));
        }
        let fast = compare_products(pairs);
        assert!(fast > 50_000, "only {fast} took the fast path");

        // Exact ties where the multiplication drops digits: an odd m1 times 5·10^j leaves
        // 5·10^j as the remainder below 10^(j+1); and ties at the cent itself.
        let mut pairs = Vec::new();
        for j in 0..28u32 {
            for _ in 0..400 {
                let size = 33 + next() % 64;
                let m1 = (u128::from(next()) << 64 | u128::from(next())) >> (128 - size) | 1;
                let m2 = 5 * 10u128.pow(j);
                if m2 >> 96 != 0 {
                    continue;
                }
                for (scale_a, scale_b) in
                    [(2, 28), (2, u64::from(j) + 1), (next() % 29, next() % 29)]
                {
                    pairs.push((
                        from_u128(m1, next() % 2 == 0, scale_a as u32),
                        from_u128(m2, false, scale_b as u32),
                    ));
                }
            }
        }
        assert!(
            compare_products(pairs) > 0,
            "no exact tie took the fast path"
        );
        // Where the dropped digits' rounding decides the cent: R = 10^t·(D − 1)/2 below the
        // cent, a product that fits 96 bits at scale 29 or 30 (so t = 1 or 2 digits dropped).
        let mut pairs = Vec::new();
        for dropped in 1..=2u32 {
            let below_cent = 5 * 10u128.pow(dropped - 1) * (10u128.pow(26) - 1);
            for cents in 0..80u128 {
                for offset in [0, 1] {
                    let product = cents * 10u128.pow(26 + dropped) + below_cent - offset;
                    if product >> 96 == 0 {
                        for negative in [false, true] {
                            pairs.push((
                                from_u128(product, negative, 28),
                                from_u128(1, false, dropped),
                            ));
                        }
                    }
                }
            }
        }
        assert!(compare_products(pairs) > 100);
        Ok(())
    }

    #[test]
    fn whole_cents_are_presented_like_rounded_money() {
        for literal in [
            "0", "-0", "-0.00", "0.000", "-0.0001", "12", "-12", "12.3", "-12.34", "12.345",
        ] {
            let (money, rounded) = (as_money(d(literal)), round_money(d(literal)));
            assert_eq!(
                (money.to_string(), money.serialize()),
                (rounded.to_string(), rounded.serialize()),
                "{literal}"
            );
        }
    }

    #[test]
    fn a_rounded_zero_is_never_negative() {
        assert_eq!(round_money(d("-0.004")).to_string(), "0.00");
    }

    #[test]
    fn the_effective_monthly_rate_compounds_back_to_the_annual_rate() -> Result<(), LeaseError> {
        let monthly = periodic_rate(d("6"), Frequency::Monthly, RateConvention::Effective)?;
        assert_eq!(round_rate(monthly).to_string(), "0.0048675506");
        let annual = power(Decimal::ONE + monthly, 12) - Decimal::ONE;
        assert!((annual - d("0.06")).abs() < d("0.0000000000000000000001"));
        Ok(())
    }

    #[test]
    fn annual_periods_make_both_conventions_the_same() -> Result<(), LeaseError> {
        let effective = periodic_rate(d("5"), Frequency::Annual, RateConvention::Effective)?;
        let nominal = periodic_rate(d("5"), Frequency::Annual, RateConvention::Nominal)?;
        assert_eq!(effective, d("0.05"));
        assert_eq!(nominal, d("0.05"));
        Ok(())
    }

    #[test]
    fn a_zero_rate_gives_a_zero_periodic_rate() -> Result<(), LeaseError> {
        let rate = periodic_rate(
            Decimal::ZERO,
            Frequency::Quarterly,
            RateConvention::Effective,
        )?;
        assert!(rate.is_zero());
        Ok(())
    }

    #[test]
    fn nominal_rates_divide_by_the_periods_per_year() -> Result<(), LeaseError> {
        let rate = periodic_rate(d("6"), Frequency::Quarterly, RateConvention::Nominal)?;
        assert_eq!(rate, d("0.015"));
        Ok(())
    }

    #[test]
    fn present_value_by_runs_matches_discounting_each_payment() {
        let payments = [
            d("100"),
            d("100"),
            d("250.5"),
            d("250.5"),
            d("250.5"),
            d("100"),
        ];
        let rate = d("0.0123");
        let v = Decimal::ONE / (Decimal::ONE + rate);
        let mut expected = Decimal::ZERO;
        let mut factor = Decimal::ONE;
        for payment in payments {
            expected += payment * factor;
            factor *= v;
        }
        let difference = present_value(&payments, rate, Timing::Advance) - expected;
        assert!(
            difference.abs() < d("0.0000000000000000001"),
            "{difference}"
        );
    }

    #[test]
    fn present_value_at_a_zero_rate_is_the_sum() {
        let payments = [d("100"), d("250.5")];
        assert_eq!(
            present_value(&payments, Decimal::ZERO, Timing::Arrears),
            d("350.5")
        );
    }

    #[test]
    fn present_value_of_a_tiny_rate_keeps_cent_precision_on_huge_amounts() {
        let payments = vec![d("1000000000000000"); 1200];
        for rate in [d("0.0000001"), d("0.000001"), d("0.00001")] {
            let closed = present_value(&payments, rate, Timing::Advance);
            let v = Decimal::ONE / (Decimal::ONE + rate);
            let mut horner = Decimal::ZERO;
            for payment in payments.iter().rev() {
                horner = *payment + v * horner;
            }
            assert!(
                (closed - horner).abs() < d("0.001"),
                "{rate}: {closed} vs {horner}"
            );
        }
    }

    #[test]
    fn present_value_discounts_arrears_one_period_more_than_advance() {
        let payments = [d("100"), d("100")];
        assert_eq!(
            round_money(present_value(&payments, d("0.1"), Timing::Advance)),
            d("190.91")
        );
        assert_eq!(
            round_money(present_value(&payments, d("0.1"), Timing::Arrears)),
            d("173.55")
        );
    }
}
