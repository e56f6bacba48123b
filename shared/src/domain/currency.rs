//! ISO 4217 currency codes.

use serde::{Deserialize, Serialize};

/// Active ISO 4217 alphabetic codes (funds and precious-metal codes excluded: no lease is
/// paid in them).
const ISO_4217: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN",
    "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF",
    "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP",
    "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD",
    "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY",
    "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD",
    "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK",
    "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK",
    "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG",
    "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS",
    "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES",
    "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
];

/// ISO 4217 codes whose minor unit is not 2 decimals (all others have 2).
const ZERO_DECIMALS: &[&str] = &[
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV",
    "XAF", "XOF", "XPF",
];
const THREE_DECIMALS: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

/// A currency known to ISO 4217, always upper case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Currency(String);

impl Currency {
    /// Accepts a known code in upper case only: `sek` is a typo worth reporting, not guessing.
    pub fn parse(code: &str) -> Option<Currency> {
        ISO_4217
            .binary_search(&code)
            .ok()
            .map(|_| Currency(code.to_owned()))
    }

    /// Swedish kronor, the default reporting currency.
    pub fn sek() -> Currency {
        Currency("SEK".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Decimals of the currency's minor unit (ISO 4217): 0 for JPY, 3 for KWD, 2 for most.
    pub fn minor_units(&self) -> u32 {
        let code = self.0.as_str();
        if ZERO_DECIMALS.binary_search(&code).is_ok() {
            0
        } else if THREE_DECIMALS.binary_search(&code).is_ok() {
            3
        } else {
            2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_list_is_sorted_so_binary_search_is_valid() {
        assert!(ISO_4217.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn the_minor_unit_lists_are_sorted_known_codes() {
        for list in [ZERO_DECIMALS, THREE_DECIMALS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
            assert!(
                list.iter().all(|code| Currency::parse(code).is_some()),
                "{list:?}"
            );
        }
    }

    #[test]
    fn minor_units_follow_iso_4217() {
        let units = |code: &str| Currency::parse(code).map(|c| c.minor_units());
        assert_eq!(units("SEK"), Some(2));
        assert_eq!(units("EUR"), Some(2));
        assert_eq!(units("JPY"), Some(0));
        assert_eq!(units("ISK"), Some(0));
        assert_eq!(units("KWD"), Some(3));
    }

    #[test]
    fn nordic_and_baltic_currencies_are_known() {
        for code in ["SEK", "NOK", "DKK", "EUR", "ISK"] {
            assert!(Currency::parse(code).is_some(), "{code}");
        }
    }

    #[test]
    fn unknown_and_lower_case_codes_are_refused() {
        assert!(Currency::parse("XYZ").is_none());
        assert!(Currency::parse("sek").is_none());
        assert!(Currency::parse("").is_none());
    }
}
