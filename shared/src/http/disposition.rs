//! `Content-Disposition: attachment` for a user's file name (RFC 6266, with the RFC 8187
//! `filename*` for names beyond ASCII). The name is untrusted: whatever it holds, the header
//! stays one well-formed header.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// RFC 8187 `attr-char`: everything else in `filename*` is percent-encoded.
const ATTR_CHAR_ESCAPES: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name>`. The
/// fallback (for clients without RFC 8187) keeps printable ASCII but quotes, backslashes,
/// percent signs and path separators, each replaced by `_`, as is every other character.
pub fn attachment(file_name: &str) -> String {
    let fallback: String = file_name
        .chars()
        .map(|c| match c {
            ' '..='~' if !matches!(c, '"' | '\\' | '%' | '/') => c,
            _ => '_',
        })
        .collect();
    let encoded = utf8_percent_encode(file_name, ATTR_CHAR_ESCAPES);
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_name_is_kept() {
        assert_eq!(
            attachment("lease-2026.pdf"),
            "attachment; filename=\"lease-2026.pdf\"; filename*=UTF-8''lease-2026.pdf"
        );
    }

    #[test]
    fn names_beyond_ascii_are_percent_encoded_as_utf8() {
        assert_eq!(
            attachment("Hyresavtal Sveavägen 1.pdf"),
            "attachment; filename=\"Hyresavtal Sveav_gen 1.pdf\"; \
             filename*=UTF-8''Hyresavtal%20Sveav%C3%A4gen%201.pdf"
        );
    }

    #[test]
    fn a_hostile_name_cannot_break_out_of_the_header() {
        let header = attachment("a\"; filename=evil.exe\r\nSet-Cookie: x=1;\\..\\%00/é.pdf");
        assert!(
            header.bytes().all(|b| b.is_ascii_graphic() || b == b' '),
            "{header}"
        );
        let (fallback, extended) = header
            .strip_prefix("attachment; filename=\"")
            .and_then(|rest| rest.split_once("\"; filename*=UTF-8''"))
            .expect("two parameters");
        assert!(!fallback.contains(['"', '\\', '%', '/']), "{fallback}");
        assert!(
            extended
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~%".contains(&b)),
            "{extended}"
        );
        assert!(!header.contains("\r") && !header.contains("\n"));
    }
}
