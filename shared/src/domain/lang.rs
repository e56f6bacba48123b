//! The languages the API answers in.

/// A supported response language. Swedish is the default. Every language has all its texts in
/// the message catalogue (`domain::i18n`), whose tests hold each to the same keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Sv,
    En,
    Da,
    Nb,
    Fi,
    Lt,
    Lv,
    Et,
}

impl Lang {
    /// Picks the best supported language from an `Accept-Language` header value,
    /// honouring q-values; `ee` is accepted as Estonian. Unknown or absent → Swedish.
    pub fn from_accept_language(header: Option<&str>) -> Lang {
        let Some(header) = header else {
            return Lang::default();
        };
        let mut best: Option<(f32, usize, Lang)> = None;
        for (index, part) in header.split(',').enumerate() {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            // q-values are a ranking, not an amount: a float is the right type here.
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q=").map(str::to_owned))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            let Some(lang) = Lang::from_code(primary) else {
                continue;
            };
            if quality <= 0.0 {
                continue;
            }
            let better = match best {
                None => true,
                Some((q, i, _)) => quality > q || (quality == q && index < i),
            };
            if better {
                best = Some((quality, index, lang));
            }
        }
        best.map(|(_, _, lang)| lang).unwrap_or_default()
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Some(match code {
            "sv" => Lang::Sv,
            "en" => Lang::En,
            "da" => Lang::Da,
            "nb" | "no" | "nn" => Lang::Nb,
            "fi" => Lang::Fi,
            "lt" => Lang::Lt,
            "lv" => Lang::Lv,
            "et" | "ee" => Lang::Et,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
            Lang::Da => "da",
            Lang::Nb => "nb",
            Lang::Fi => "fi",
            Lang::Lt => "lt",
            Lang::Lv => "lv",
            Lang::Et => "et",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_header_means_swedish() {
        assert_eq!(Lang::from_accept_language(None), Lang::Sv);
    }

    #[test]
    fn highest_quality_supported_language_wins() {
        assert_eq!(
            Lang::from_accept_language(Some("de-DE, en-GB;q=0.8, sv;q=0.5")),
            Lang::En
        );
    }

    #[test]
    fn ee_is_accepted_as_estonian() {
        assert_eq!(Lang::from_accept_language(Some("ee")), Lang::Et);
    }

    #[test]
    fn unsupported_only_falls_back_to_swedish() {
        assert_eq!(Lang::from_accept_language(Some("de, fr;q=0.9")), Lang::Sv);
    }
}
