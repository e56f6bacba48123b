//! The questions the pipeline asks Textract's QUERIES feature. Each alias is the name of the
//! field its answer proposes ([`super::fields`]), so the extractor reads an answer by its alias
//! alone; two wordings of one question share the alias and the better answer wins.
//!
//! | alias | asks for |
//! |---|---|
//! | `payment.amount` | the rent or lease payment (English, Swedish) |
//! | `payment.frequency` | how often it is paid |
//! | `currency` | the currency |
//! | `commencementDate` | the first day (English, Swedish) |
//! | `endDate` | the last day (English, Swedish) |
//! | `lessor` | the landlord / lessor (English, Swedish) |
//! | `lessee` | the tenant / lessee (English, Swedish) |
//! | `name` | the leased asset or premises |
//! | `noticePeriod` | the notice period |
//! | `indexClause` | how the rent is indexed |
//!
//! Textract takes query texts of ASCII letters, digits and punctuation only (its `Query.Text`
//! pattern), so the Swedish wordings are written without å, ä and ö (`hyresvard`), as OCR'd
//! text often reads anyway. Fifteen queries is `AnalyzeDocument`'s limit per page: the
//! fields whose Swedish labels differ most from the English ones get a Swedish wording too.

/// One query of [`LEASE_QUERIES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeaseQuery {
    pub text: &'static str,
    /// The field the answer proposes.
    pub alias: &'static str,
}

/// `AnalyzeDocument`'s limit of queries per page.
pub const MAX_QUERIES: usize = 15;

/// At most [`MAX_QUERIES`].
pub const LEASE_QUERIES: &[LeaseQuery] = &[
    LeaseQuery {
        text: "What is the rent or lease payment amount?",
        alias: "payment.amount",
    },
    LeaseQuery {
        text: "Hur stor ar hyran eller leasingavgiften?",
        alias: "payment.amount",
    },
    LeaseQuery {
        text: "How often is the rent paid, for example monthly, quarterly or yearly?",
        alias: "payment.frequency",
    },
    LeaseQuery {
        text: "In which currency is the rent paid?",
        alias: "currency",
    },
    LeaseQuery {
        text: "What is the commencement date or start date of the lease?",
        alias: "commencementDate",
    },
    LeaseQuery {
        text: "Vilket datum ar tilltradesdagen eller hyrestidens borjan?",
        alias: "commencementDate",
    },
    LeaseQuery {
        text: "What is the end date or expiry date of the lease?",
        alias: "endDate",
    },
    LeaseQuery {
        text: "Vilket datum upphor hyresavtalet eller hyrestiden?",
        alias: "endDate",
    },
    LeaseQuery {
        text: "Who is the lessor or landlord?",
        alias: "lessor",
    },
    LeaseQuery {
        text: "Vem ar hyresvard eller uthyrare?",
        alias: "lessor",
    },
    LeaseQuery {
        text: "Who is the lessee or tenant?",
        alias: "lessee",
    },
    LeaseQuery {
        text: "Vem ar hyresgast eller leasetagare?",
        alias: "lessee",
    },
    LeaseQuery {
        text: "What is the leased asset or premises?",
        alias: "name",
    },
    LeaseQuery {
        text: "What is the notice period (uppsagningstid)?",
        alias: "noticePeriod",
    },
    LeaseQuery {
        text: "How is the rent indexed, for example to the consumer price index (KPI)?",
        alias: "indexClause",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ocr::fields;

    /// Textract's pattern for `Query.Text` and `Query.Alias`, besides letters and digits.
    const TEXTRACT_PUNCTUATION: &str = " \t\n\r!\"#$%'&()*+,-./:;=?@[\\]^_`{|}~><";

    fn textract_accepts(text: &str) -> bool {
        (1..=200).contains(&text.len())
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || TEXTRACT_PUNCTUATION.contains(c))
    }

    #[test]
    fn at_most_fifteen_queries_textract_accepts() {
        assert!(LEASE_QUERIES.len() <= MAX_QUERIES);
        for query in LEASE_QUERIES {
            assert!(textract_accepts(query.text), "{query:?}");
            assert!(textract_accepts(query.alias), "{query:?}");
        }
    }

    #[test]
    fn every_alias_is_a_proposed_field_and_every_field_is_asked() {
        for query in LEASE_QUERIES {
            assert!(fields::ALL.contains(&query.alias), "{query:?}");
        }
        for field in fields::ALL {
            assert!(
                LEASE_QUERIES.iter().any(|q| q.alias == *field),
                "no query for {field}"
            );
        }
    }

    #[test]
    fn no_question_is_asked_twice() {
        for (i, query) in LEASE_QUERIES.iter().enumerate() {
            assert!(
                LEASE_QUERIES[i + 1..].iter().all(|q| q.text != query.text),
                "{query:?}"
            );
        }
    }

    #[test]
    fn swedish_wordings_are_asked_for_rent_dates_and_parties() {
        for field in [
            fields::PAYMENT_AMOUNT,
            fields::COMMENCEMENT_DATE,
            fields::END_DATE,
            fields::LESSOR,
            fields::LESSEE,
        ] {
            let wordings = LEASE_QUERIES.iter().filter(|q| q.alias == field).count();
            assert_eq!(wordings, 2, "{field}");
        }
    }
}
