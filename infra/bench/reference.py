#!/usr/bin/env python3
"""Independent reference implementation of the lease engine's schedules, stdlib only.

It follows the rules documented in src/lib.rs (cent schedule, half-up rounding, residue in the
final period, remeasurement at a period start) so the Rust engine can be checked against it.

    reference.py --check CASE      CASE: a JSON file, '-' for stdin, or a built-in name (ie13,
                                   ie13-index, ie13-extension, monthly-advance). A JSON list of
                                   cases gives a list of results. Prints canonical JSON.
    reference.py --bench N         times full schedules of N portfolio contracts (monthly,
                                   10 years, two remeasurements each) and prints seconds.

Case JSON: {"convention": "effective|nominal", "framework": "ifrs16|k3operating|k3finance",
"versions": [{"number", "effectiveFrom", "terms": {"commencement", "end", "amount",
"frequency", "timing", "steps": [{"from", "amount"}], "annualRatePercent",
"initialDirectCosts", "leaseIncentives", "restorationCosts", "firstIncreasedFee",
"exemption": null|"shortTerm"|"lowValue"}}]}. Amounts are decimal strings.
"""

import calendar
import datetime as dt
import json
import sys
import time
from decimal import ROUND_HALF_UP, Decimal, getcontext

# rust_decimal carries 28-29 significant digits; the same order of magnitude keeps full-precision
# results equal far beyond the cent.
getcontext().prec = 28

ZERO = Decimal(0)
ONE = Decimal(1)
CENT = Decimal("0.01")
MONTHS_PER_PERIOD = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}


def round_money(d):
    r = d.quantize(CENT, rounding=ROUND_HALF_UP)
    return abs(r) if r.is_zero() else r


def round_rate(d):
    r = d.quantize(Decimal("1e-10"), rounding=ROUND_HALF_UP)
    return abs(r) if r.is_zero() else r


def add_months(d, months):
    total = d.month - 1 + months
    year, month = d.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def power(x, n):
    result = ONE
    while n > 0:
        if n & 1:
            result *= x
        n >>= 1
        if n > 0:
            x *= x
    return result


def nth_root(a, n):
    # Newton from a binomial-series start, as in src/money.rs.
    if n <= 1:
        return a
    nd = Decimal(n)
    r = a - ONE
    e = ONE / nd
    second = e * (e - ONE) / Decimal(2) * r * r
    third = second * (e - Decimal(2)) / Decimal(3) * r
    x = ONE + e * r + second + third
    for iteration in range(64):
        p = power(x, n - 1)
        step = (p * x - a) / (nd * p)
        if iteration > 0 and step <= 0:
            break
        x -= step
    return x


def periodic_rate(percent, frequency, convention):
    n = 12 // MONTHS_PER_PERIOD[frequency]
    annual = percent / Decimal(100)
    if convention == "nominal":
        return annual / Decimal(n)
    return nth_root(ONE + annual, n) - ONE


def present_value(payments, rate, timing):
    # Level annuity per run of equal payments, as in src/money.rs; Horner for tiny rates.
    v = ONE / (ONE + rate)
    if rate < Decimal("0.000001"):
        pv = ZERO
        for p in reversed(payments):
            pv = p + v * pv
        return pv if timing == "advance" else v * pv
    one_minus_v = rate / (ONE + rate)
    pv, discount, i = ZERO, ONE, 0
    while i < len(payments):
        amount, run = payments[i], 0
        while i + run < len(payments) and payments[i + run] == amount:
            run += 1
        run_discount = power(v, run)
        pv += amount * discount * ((ONE - run_discount) / one_minus_v)
        discount *= run_discount
        i += run
    return pv if timing == "advance" else v * pv


class Terms:
    def __init__(self, t):
        self.commencement = dt.date.fromisoformat(t["commencement"])
        self.end = dt.date.fromisoformat(t["end"])
        self.amount = Decimal(t["amount"])
        self.frequency = t["frequency"]
        self.timing = t["timing"]
        self.steps = [(dt.date.fromisoformat(s["from"]), Decimal(s["amount"])) for s in t.get("steps", [])]
        self.rate_percent = Decimal(t["annualRatePercent"])
        self.idc = Decimal(t.get("initialDirectCosts", "0"))
        self.incentives = Decimal(t.get("leaseIncentives", "0"))
        self.restoration = Decimal(t.get("restorationCosts", "0"))
        self.fee = Decimal(t.get("firstIncreasedFee", "0"))
        self.exemption = t.get("exemption")
        self.mpp = MONTHS_PER_PERIOD[self.frequency]
        self.periods = self._count_periods()

    def _count_periods(self):
        after = self.end + dt.timedelta(days=1)
        k = 0
        while True:
            k += 1
            s = self.start(k)
            if s == after:
                return k
            if s > after:
                raise ValueError("term is not a whole number of periods")

    def start(self, k):
        return add_months(self.commencement, k * self.mpp)

    def period(self, k):
        s = self.start(k)
        e = self.end if k + 1 >= self.periods else self.start(k + 1) - dt.timedelta(days=1)
        return s, e

    def payment(self, period_start):
        amount = self.amount
        for frm, a in self.steps:
            if frm <= period_start:
                amount = a
        return amount

    def index_of_start(self, d):
        for k in range(self.periods):
            if self.start(k) == d:
                return k
        raise ValueError(f"{d} is not a period start")


def schedule(case):
    convention = case.get("convention", "effective")
    framework = case.get("framework", "ifrs16")
    segs = []
    for v in case["versions"]:
        t = Terms(v["terms"])
        eff = dt.date.fromisoformat(v["effectiveFrom"])
        first = 0
        if segs:
            segs[-1]["last"] = segs[-1]["terms"].index_of_start(eff)
            first = t.index_of_start(eff)
        segs.append({"version": v["number"], "eff": eff, "terms": t, "first": first, "last": t.periods,
                     "rate": periodic_rate(t.rate_percent, t.frequency, convention)})
    t0 = segs[0]["terms"]
    payments0 = [t0.payment(t0.start(k)) for k in range(t0.periods)]
    paid_at_commencement = payments0[0] if t0.timing == "advance" else ZERO
    later = payments0[1:] if t0.timing == "advance" else payments0
    liability0 = round_money(present_value(later, segs[0]["rate"], "arrears"))
    rou0 = round_money(liability0 + paid_at_commencement + t0.fee + t0.idc - t0.incentives + t0.restoration)
    rows, remeasurements = [], []
    on_balance_sheet = framework != "k3operating" and t0.exemption is None
    if on_balance_sheet and rou0 < 0:
        raise ValueError("lease incentives exceed the asset cost")

    def row(t, k, seg, **f):
        s, e = t.period(k)
        out = {"period": len(rows) + 1, "startDate": s.isoformat(), "endDate": e.isoformat(),
               "paymentDate": (s if t.timing == "advance" else e).isoformat(),
               "payment": t.payment(s), "version": seg["version"]}
        for key in ("openingLiability", "liabilityRemeasurement", "interest", "closingLiability",
                    "openingRightOfUseAsset", "rightOfUseAssetRemeasurement", "depreciation",
                    "closingRightOfUseAsset", "expense"):
            out[key] = f.get(key, ZERO)
        rows.append(out)

    if on_balance_sheet:
        liability = liability0 + paid_at_commencement
        asset = rou0
        for idx, seg in enumerate(segs):
            t, rate = seg["terms"], seg["rate"]
            dl = da = ZERO
            if idx > 0:
                remaining = [t.payment(t.start(k)) for k in range(seg["first"], t.periods)]
                after = round_money(present_value(remaining, rate, t.timing))
                dl = after - liability
                asset_after, gain = asset + dl, ZERO
                if asset_after < 0:
                    gain, asset_after = -asset_after, ZERO
                da = asset_after - asset
                remeasurements.append({"version": seg["version"], "effectiveFrom": seg["eff"].isoformat(),
                                       "liabilityBefore": liability, "liabilityAfter": after,
                                       "rightOfUseAssetBefore": asset, "rightOfUseAssetAfter": asset_after,
                                       "profitOrLoss": gain})
            straight = round_money((asset + da) / Decimal(t.periods - seg["first"]))
            for k in range(seg["first"], seg["last"]):
                p = t.payment(t.start(k))
                final = seg["last"] == t.periods and k + 1 == seg["last"]
                base = liability + dl
                if final:
                    interest = p - base
                else:
                    interest = round_money(((base - p) if t.timing == "advance" else base) * rate)
                abase = asset + da
                dep = abase if final else min(straight, abase)
                closing, aclosing = base + interest - p, abase - dep
                row(t, k, seg, openingLiability=liability, liabilityRemeasurement=dl, interest=interest,
                    closingLiability=closing, openingRightOfUseAsset=asset,
                    rightOfUseAssetRemeasurement=da, depreciation=dep, closingRightOfUseAsset=aclosing)
                liability, asset, dl, da = closing, aclosing, ZERO, ZERO
        measurement = {"leaseLiability": liability0, "rightOfUseAsset": rou0}
    else:
        paid, expensed = t0.fee, ZERO
        for idx, seg in enumerate(segs):
            t = seg["terms"]
            if idx > 0:
                remeasurements.append({"version": seg["version"], "effectiveFrom": seg["eff"].isoformat(),
                                       "liabilityBefore": ZERO, "liabilityAfter": ZERO,
                                       "rightOfUseAssetBefore": ZERO, "rightOfUseAssetAfter": ZERO,
                                       "profitOrLoss": ZERO})
            remaining = sum((t.payment(t.start(k)) for k in range(seg["first"], t.periods)), ZERO)
            straight = round_money((paid + remaining - expensed) / Decimal(t.periods - seg["first"]))
            for k in range(seg["first"], seg["last"]):
                paid += t.payment(t.start(k))
                final = seg["last"] == t.periods and k + 1 == seg["last"]
                expense = paid - expensed if final else straight
                expensed += expense
                row(t, k, seg, expense=expense)
        measurement = {"leaseLiability": ZERO, "rightOfUseAsset": ZERO}
    measurement["periodicRate"] = format(round_rate(segs[0]["rate"]), "f")
    return {"measurement": measurement, "remeasurements": remeasurements, "rows": rows}


def to_json(obj):
    if isinstance(obj, Decimal):
        # Money is already whole cents; presentation is two decimals, never a negative zero.
        return format(round_money(obj), "f")
    if isinstance(obj, dict):
        return {k: to_json(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [to_json(v) for v in obj]
    return obj


def terms_json(commencement, end, amount, frequency="annual", timing="advance", rate="5", **extra):
    t = {"commencement": commencement, "end": end, "amount": amount, "frequency": frequency,
         "timing": timing, "steps": [], "annualRatePercent": rate}
    t.update(extra)
    return t


def builtin(name):
    ie13 = terms_json("2026-01-01", "2035-12-31", "50000", initialDirectCosts="20000", leaseIncentives="5000")
    v1 = {"number": 1, "effectiveFrom": "2026-01-01", "terms": ie13}
    cases = {
        "ie13": {"versions": [v1]},
        "ie13-index": {"versions": [v1, {"number": 2, "effectiveFrom": "2031-01-01",
                                         "terms": dict(ie13, amount="54000")}]},
        "ie13-extension": {"versions": [v1, {"number": 2, "effectiveFrom": "2031-01-01",
                                             "terms": dict(ie13, end="2037-12-31", annualRatePercent="6")}]},
        "monthly-advance": {"versions": [{"number": 1, "effectiveFrom": "2026-01-01", "terms": terms_json(
            "2026-01-01", "2027-12-31", "650", "monthly", rate="6", initialDirectCosts="600")}]},
    }
    return cases[name]


# The benchmark portfolio; benches/fixture.rs builds the same contracts.
def portfolio_contract(i):
    c = dt.date(2026, 1 + i % 12, 1 + (i * 7) % 28)
    amount = Decimal(100000 + (i % 500) * 1000 + i % 100).scaleb(-2)
    rate = Decimal(200 + (i % 9) * 50).scaleb(-2)
    end = add_months(c, 120) - dt.timedelta(days=1)
    stepped = round_money(amount * Decimal("1.02"))
    t1 = terms_json(c.isoformat(), end.isoformat(), str(amount), "monthly",
                    "advance" if i % 2 == 0 else "arrears", str(rate),
                    steps=[{"from": add_months(c, 24).isoformat(), "amount": str(stepped)}],
                    initialDirectCosts=str((i % 10) * 100), leaseIncentives=str((i % 4) * 50),
                    restorationCosts=str((i % 3) * 1000))
    indexed = round_money(stepped * Decimal("1.05"))
    t2 = dict(t1, amount=str(indexed), steps=[])
    t3 = dict(t2, end=(add_months(c, 132) - dt.timedelta(days=1)).isoformat(),
              annualRatePercent=str(rate + 1))
    return {"convention": "effective", "framework": "ifrs16", "versions": [
        {"number": 1, "effectiveFrom": c.isoformat(), "terms": t1},
        {"number": 2, "effectiveFrom": add_months(c, 36).isoformat(), "terms": t2},
        {"number": 3, "effectiveFrom": add_months(c, 72).isoformat(), "terms": t3},
    ]}


def main(argv):
    if len(argv) == 3 and argv[1] == "--check":
        arg = argv[2]
        if arg == "-":
            case = json.load(sys.stdin)
        elif arg.endswith(".json"):
            with open(arg, encoding="utf-8") as f:
                case = json.load(f)
        else:
            case = builtin(arg)
        result = [schedule(c) for c in case] if isinstance(case, list) else schedule(case)
        print(json.dumps(to_json(result), sort_keys=True, separators=(",", ":")))
        return 0
    if len(argv) == 3 and argv[1] == "--bench":
        n = int(argv[2])
        contracts = [portfolio_contract(i) for i in range(n)]
        started = time.perf_counter()
        interest = depreciation = ZERO
        rows = 0
        for c in contracts:
            s = schedule(c)
            rows += len(s["rows"])
            interest += sum((r["interest"] for r in s["rows"]), ZERO)
            depreciation += sum((r["depreciation"] for r in s["rows"]), ZERO)
        seconds = time.perf_counter() - started
        print(f"python: {seconds:.2f} s for {n} contracts ({rows} rows; checksum interest={interest} "
              f"depreciation={depreciation})")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
