//! Renders cases and schedules as the canonical JSON `bench/reference.py` reads and prints
//! (`json.dumps(sort_keys=True, separators=(",", ":"))`), without a serde dependency.

use std::collections::BTreeMap;

use mypages::domain::lease::{
    Exemption, Framework, Frequency, LeaseTerms, RateConvention, Schedule, ScheduleRow, Timing,
    Version,
};
use rust_decimal::Decimal;

pub enum Json {
    Null,
    Int(u32),
    Str(String),
    List(Vec<Json>),
    // BTreeMap orders ASCII keys exactly like Python's sort_keys.
    Object(BTreeMap<&'static str, Json>),
}

impl Json {
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Self::Null => out.push_str("null"),
            Self::Int(value) => out.push_str(&value.to_string()),
            Self::Str(value) => {
                out.push('"');
                out.push_str(value);
                out.push('"');
            }
            Self::List(items) => {
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Self::Object(fields) => {
                out.push('{');
                for (index, (key, value)) in fields.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    out.push('"');
                    out.push_str(key);
                    out.push_str("\":");
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn s(value: impl ToString) -> Json {
    Json::Str(value.to_string())
}

fn object<const N: usize>(fields: [(&'static str, Json); N]) -> Json {
    Json::Object(fields.into_iter().collect())
}

pub fn case(versions: &[Version], convention: RateConvention, framework: Framework) -> Json {
    object([
        (
            "convention",
            s(match convention {
                RateConvention::Effective => "effective",
                RateConvention::Nominal => "nominal",
            }),
        ),
        (
            "framework",
            s(match framework {
                Framework::Ifrs16 => "ifrs16",
                Framework::K3Operating => "k3operating",
                Framework::K3Finance => "k3finance",
            }),
        ),
        (
            "versions",
            Json::List(
                versions
                    .iter()
                    .map(|v| {
                        object([
                            ("number", Json::Int(v.number)),
                            ("effectiveFrom", s(v.effective_from)),
                            ("terms", terms(&v.terms)),
                        ])
                    })
                    .collect(),
            ),
        ),
    ])
}

fn terms(t: &LeaseTerms) -> Json {
    object([
        ("commencement", s(t.commencement)),
        ("end", s(t.end)),
        ("amount", s(t.amount)),
        ("frequency", s(Frequency::as_str(t.frequency))),
        (
            "timing",
            s(match t.timing {
                Timing::Advance => "advance",
                Timing::Arrears => "arrears",
            }),
        ),
        (
            "steps",
            Json::List(
                t.steps
                    .iter()
                    .map(|step| object([("from", s(step.from)), ("amount", s(step.amount))]))
                    .collect(),
            ),
        ),
        ("annualRatePercent", s(t.annual_rate_percent)),
        ("initialDirectCosts", s(t.initial_direct_costs)),
        ("leaseIncentives", s(t.lease_incentives)),
        ("restorationCosts", s(t.restoration_costs)),
        ("firstIncreasedFee", s(t.first_increased_fee)),
        (
            "exemption",
            match t.exemption {
                None => Json::Null,
                Some(Exemption::ShortTerm) => s("shortTerm"),
                Some(Exemption::LowValue) => s("lowValue"),
            },
        ),
    ])
}

pub fn schedule(schedule: &Schedule) -> Json {
    let m = &schedule.measurement;
    object([
        (
            "measurement",
            object([
                ("leaseLiability", s(m.lease_liability)),
                ("rightOfUseAsset", s(m.right_of_use_asset)),
                ("periodicRate", s(m.periodic_rate)),
            ]),
        ),
        (
            "remeasurements",
            Json::List(
                schedule
                    .remeasurements
                    .iter()
                    .map(|r| {
                        object([
                            ("version", Json::Int(r.version)),
                            ("effectiveFrom", s(r.effective_from)),
                            ("liabilityBefore", s(r.liability_before)),
                            ("liabilityAfter", s(r.liability_after)),
                            ("rightOfUseAssetBefore", s(r.right_of_use_asset_before)),
                            ("rightOfUseAssetAfter", s(r.right_of_use_asset_after)),
                            ("profitOrLoss", s(r.profit_or_loss)),
                        ])
                    })
                    .collect(),
            ),
        ),
        ("rows", Json::List(schedule.rows.iter().map(row).collect())),
    ])
}

fn row(r: &ScheduleRow) -> Json {
    let money = |value: Decimal| s(value);
    object([
        ("period", Json::Int(r.period)),
        ("startDate", s(r.start_date)),
        ("endDate", s(r.end_date)),
        ("paymentDate", s(r.payment_date)),
        ("openingLiability", money(r.opening_liability)),
        ("liabilityRemeasurement", money(r.liability_remeasurement)),
        ("interest", money(r.interest)),
        ("payment", money(r.payment)),
        ("closingLiability", money(r.closing_liability)),
        (
            "openingRightOfUseAsset",
            money(r.opening_right_of_use_asset),
        ),
        (
            "rightOfUseAssetRemeasurement",
            money(r.right_of_use_asset_remeasurement),
        ),
        ("depreciation", money(r.depreciation)),
        (
            "closingRightOfUseAsset",
            money(r.closing_right_of_use_asset),
        ),
        ("expense", money(r.expense)),
        ("version", Json::Int(r.version)),
    ])
}
