//! Bytes to text: UTF-8 when it is, otherwise the encoding a BOM, an HTML `charset` or a statistical guess names.

use encoding_rs::{Encoding, UTF_8};

/// Text decoded from a story's bytes, and what decoding had to guess or replace.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Why bytes are not text at all.
#[derive(Debug, PartialEq, Eq)]
pub enum NotText {
    /// A NUL byte outside a UTF-16 text: an image, a PDF, a zip file.
    Binary { offset: usize },
}

/// Decodes `bytes`; `charset_hint` is the encoding the container declared (an HTML `<meta
/// charset>`), trusted only when the bytes are not already valid UTF-8.
/// As [`decode`], but takes the bytes by value, so that UTF-8 input (the common case) becomes the
/// text without a copy: a story can be megabytes.
pub fn decode_owned(bytes: Vec<u8>, charset_hint: Option<&str>) -> Result<Decoded, NotText> {
    if Encoding::for_bom(&bytes).is_some() || bytes.contains(&0) {
        return decode(&bytes, charset_hint);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            warnings: Vec::new(),
        }),
        Err(e) => decode(e.as_bytes(), charset_hint),
    }
}

pub fn decode(bytes: &[u8], charset_hint: Option<&str>) -> Result<Decoded, NotText> {
    let mut warnings = Vec::new();
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            warnings.push(format!(
                "bytes not valid {} replaced with U+FFFD",
                encoding.name()
            ));
        }
        return Ok(Decoded {
            text: text.into_owned(),
            warnings,
        });
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(NotText::Binary { offset });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            warnings,
        });
    }
    let declared = charset_hint
        .and_then(|c| Encoding::for_label(c.trim().as_bytes()))
        .filter(|e| *e != UTF_8);
    let encoding = declared.unwrap_or_else(|| {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        detector.guess(None, true)
    });
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let how = if declared.is_some() {
        "as declared"
    } else {
        "by guess"
    };
    warnings.push(format!(
        "input is not UTF-8; decoded as {} ({how})",
        encoding.name()
    ));
    if had_errors {
        let bad = text
            .chars()
            .filter(|&c| c == char::REPLACEMENT_CHARACTER)
            .count();
        warnings.push(format!(
            "{bad} undecodable byte sequence(s) replaced with U+FFFD"
        ));
    }
    Ok(Decoded {
        text: text.into_owned(),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_without_warnings() {
        let d = decode("İnada met Kishida".as_bytes(), None).unwrap();
        assert_eq!(d.text, "İnada met Kishida");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn latin1_is_detected_and_decoded_with_a_warning() {
        let bytes = b"Le ministre fran\xe7ais a rencontr\xe9 son homologue \xe0 Paris, d\xe9clare l'\xe9quipe.";
        let d = decode(bytes, None).unwrap();
        assert!(d.text.contains("français a rencontré"), "{}", d.text);
        assert!(
            d.warnings.iter().any(|w| w.contains("windows-1252")),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn declared_charset_wins_over_guessing() {
        let d = decode(b"caf\xe9", Some("iso-8859-1")).unwrap();
        assert_eq!(d.text, "café");
        assert!(d.warnings[0].contains("as declared"));
    }

    #[test]
    fn utf16_with_bom_is_text_not_binary() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Tokyo".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes, None).unwrap().text, "Tokyo");
    }

    #[test]
    fn nul_bytes_are_binary() {
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00", None).unwrap_err(),
            NotText::Binary { offset: 4 }
        );
    }

    #[test]
    fn undecodable_sequences_are_counted() {
        // Invalid UTF-8 declared as Shift_JIS with a truncated double-byte sequence at the end.
        let d = decode(b"abc \x82", Some("shift_jis")).unwrap();
        assert!(
            d.warnings.iter().any(|w| w.contains("undecodable")),
            "{:?}",
            d.warnings
        );
    }
}
