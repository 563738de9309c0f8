//! Name normalisation: the one key under which the gazetteer stores and finds a place name.
//!
//! News spells the same place many ways ("São Paulo", "Sao Paulo", "SAO PAULO", "Guinea-Bissau",
//! "Guinea - Bissau", "St. Louis"). Both the index and every lookup go through [`normalize`], so that
//! they meet on one form: lowercase, Latin diacritics folded to ASCII, dots and apostrophes
//! dropped, hyphens and other punctuation turned into single spaces, and a leading "the" removed.

/// The longest name, in bytes, that petrel normalises; longer input is cut, because no place
/// name is that long and hostile input must not cost unbounded work.
pub const MAX_NAME_BYTES: usize = 256;

/// The normalised key of a place name.
///
/// ```
/// use petrel_geo::normalize;
/// assert_eq!(normalize("São Paulo"), "sao paulo");
/// assert_eq!(normalize("Washington, D.C."), "washington dc");
/// assert_eq!(normalize("The Gaza Strip"), "gaza strip");
/// ```
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len().min(MAX_NAME_BYTES));
    let mut pending_space = false;
    for c in name.chars() {
        if out.len() >= MAX_NAME_BYTES {
            break;
        }
        if is_dropped(c) {
            continue;
        }
        if !c.is_alphanumeric() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match fold(c) {
            Some(ascii) => out.push_str(ascii),
            None => out.extend(c.to_lowercase()),
        }
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

/// Characters that vanish without leaving a word break: "St." is "st", "N'Djamena" is "ndjamena".
fn is_dropped(c: char) -> bool {
    matches!(c, '.' | '\'' | '’' | '‘' | '`' | 'ʼ' | 'ʻ' | '´')
}

/// The lowercase ASCII spelling of a Latin letter with a diacritic, or `None` for a letter to be
/// kept as it is (only lowercased).
fn fold(c: char) -> Option<&'static str> {
    let folded = match c {
        'A'..='Z' | 'a'..='z' | '0'..='9' => return None,
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' | 'Ǎ' | 'ǎ' | 'Ạ' | 'ạ' | 'Ả'..='ặ' => {
            "a"
        }
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ð' | 'ð' | 'Ď'..='đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' | 'Ẹ'..='ệ' => "e",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' | 'Ǐ' | 'ǐ' | 'Ỉ'..='ị' => "i",
        'Ñ' | 'ñ' | 'Ń'..='ŋ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' | 'Ơ' | 'ơ' | 'Ǒ' | 'ǒ' | 'Ọ'..='ợ' => {
            "o"
        }
        'Œ' | 'œ' => "oe",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' | 'Ư' | 'ư' | 'Ǔ'..='ǜ' | 'Ụ'..='ự' => "u",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' | 'Ỳ'..='ỹ' => "y",
        'Þ' | 'þ' => "th",
        'ß' => "ss",
        'Ĝ'..='ģ' => "g",
        'Ĥ'..='ħ' => "h",
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' | 'ĸ' => "k",
        'Ĺ'..='ł' => "l",
        'Ŕ'..='ř' => "r",
        'Ś'..='š' | 'Ș' | 'ș' => "s",
        'Ţ'..='ŧ' | 'Ț' | 'ț' => "t",
        'Ŵ' | 'ŵ' => "w",
        'Ź'..='ž' => "z",
        _ => return None,
    };
    Some(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_and_case() {
        assert_eq!(normalize("ZÜRICH"), "zurich");
        assert_eq!(normalize("Kraków"), "krakow");
        assert_eq!(normalize("Łódź"), "lodz");
        assert_eq!(normalize("Timișoara"), "timisoara");
        assert_eq!(normalize("İzmir"), "izmir");
        assert_eq!(normalize("Đà Nẵng"), "da nang");
    }

    #[test]
    fn punctuation_becomes_one_space() {
        assert_eq!(normalize("Guinea-Bissau"), "guinea bissau");
        assert_eq!(normalize("Guinea - Bissau"), "guinea bissau");
        assert_eq!(normalize("  Rio   de Janeiro "), "rio de janeiro");
        assert_eq!(normalize("St. Louis"), "st louis");
        assert_eq!(normalize("N'Djamena"), "ndjamena");
    }

    #[test]
    fn leading_article_is_dropped_only_at_the_start() {
        assert_eq!(normalize("the Netherlands"), "netherlands");
        assert_eq!(normalize("Bay of the Bengal"), "bay of the bengal");
        assert_eq!(normalize("Thessaloniki"), "thessaloniki");
    }

    #[test]
    fn non_latin_letters_are_kept_lowercased() {
        assert_eq!(normalize("Москва"), "москва");
    }

    #[test]
    fn hostile_length_is_bounded() {
        let long = "a".repeat(10_000);
        assert!(normalize(&long).len() <= MAX_NAME_BYTES + 4);
        assert_eq!(normalize("..."), "");
    }
}
