//! Readers for the PETRARCH/TABARI dictionary formats, one module per format, sharing
//! [`crate::lines::LineReader`] and the phrase helpers below.

pub mod actors;
pub mod agents;
pub mod discards;
pub mod issues;
pub mod verbs;

/// The most words in one dictionary phrase; longer phrases are cut with a diagnostic. The longest
/// real phrases have about a dozen words.
pub const MAX_PHRASE_WORDS: usize = 32;

/// The words of a phrase string: separated by blanks or underscores (PETRARCH converts `_` to a
/// blank), empty pieces dropped.
pub(crate) fn phrase_words(phrase: &str) -> impl Iterator<Item = &str> {
    phrase
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
}

/// The regular English plural of an upper-case word, as PETRARCH forms it for agents and synsets:
/// `-Y` after a consonant becomes `-IES`; `-S`, `-SS`, `-X`, `-Z`, `-CH`, `-SH` add `-ES`; other
/// words add `-S`. (The .rst names only the `Y`, `SS` and `S` rules; the others are the English
/// rules those approximate, so that `CHURCH` gives `CHURCHES`.)
pub(crate) fn plural(word: &str) -> String {
    let bytes = word.as_bytes();
    let last = bytes.last().copied().unwrap_or(b' ');
    let before = bytes
        .len()
        .checked_sub(2)
        .and_then(|i| bytes.get(i))
        .copied();
    let vowel = |b: Option<u8>| matches!(b, Some(b'A' | b'E' | b'I' | b'O' | b'U'));
    if last == b'Y' && !vowel(before) && bytes.len() > 1 {
        format!("{}IES", word.get(..word.len() - 1).unwrap_or(word))
    } else if matches!(last, b'S' | b'X' | b'Z') || word.ends_with("CH") || word.ends_with("SH") {
        format!("{word}ES")
    } else {
        format!("{word}S")
    }
}

/// The regular inflections of an upper-case English verb, as PETRARCH generates them for verbs
/// without `{...}` forms and for `v:` issue words: third person `-S`/`-ES`/`-IES`, past `-ED`/`-D`/
/// `-IED`, and `-ING` (dropping a final silent `E`).
pub(crate) fn regular_verb_forms(verb: &str) -> [String; 3] {
    let bytes = verb.as_bytes();
    let last = bytes.last().copied().unwrap_or(b' ');
    let before = bytes
        .len()
        .checked_sub(2)
        .and_then(|i| bytes.get(i))
        .copied();
    let vowel = |b: Option<u8>| matches!(b, Some(b'A' | b'E' | b'I' | b'O' | b'U'));
    let stem = verb.get(..verb.len().saturating_sub(1)).unwrap_or("");
    let third = plural(verb);
    let past = if last == b'E' {
        format!("{verb}D")
    } else if last == b'Y' && !vowel(before) && bytes.len() > 1 {
        format!("{stem}IED")
    } else {
        format!("{verb}ED")
    };
    let ing = if verb.ends_with("IE") {
        format!("{}YING", verb.get(..verb.len() - 2).unwrap_or(""))
    } else if last == b'E' && !verb.ends_with("EE") && !verb.ends_with("YE") && bytes.len() > 2 {
        format!("{stem}ING")
    } else {
        format!("{verb}ING")
    };
    [third, past, ing]
}

/// Splits a line into its text and a trailing `[code]` (or the agents' `[code}` typo the .rst
/// itself shows). Returns `(text before, Some(code))`, or `(line, None)` when there is no `[`.
/// `Err` when `[` is never closed.
pub(crate) fn split_code(line: &str) -> Result<(&str, Option<&str>), ()> {
    let Some(open) = line.rfind('[') else {
        return Ok((line, None));
    };
    let after = line.get(open + 1..).unwrap_or("");
    let close = after.find([']', '}']).ok_or(())?;
    let code = after.get(..close).unwrap_or("").trim();
    Ok((line.get(..open).unwrap_or("").trim_end(), Some(code)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_words_split_on_blanks_and_underscores() {
        let words: Vec<_> = phrase_words("UNITED_STATES  OF_").collect();
        assert_eq!(words, ["UNITED", "STATES", "OF"]);
    }

    #[test]
    fn plurals_follow_the_regular_rules() {
        assert_eq!(plural("PARTY"), "PARTIES");
        assert_eq!(plural("ATTORNEY"), "ATTORNEYS");
        assert_eq!(plural("BOSS"), "BOSSES");
        assert_eq!(plural("CHURCH"), "CHURCHES");
        assert_eq!(plural("MINISTER"), "MINISTERS");
        assert_eq!(plural("Y"), "YS");
    }

    #[test]
    fn regular_verb_forms_follow_english_spelling() {
        assert_eq!(regular_verb_forms("PURGE"), ["PURGES", "PURGED", "PURGING"]);
        assert_eq!(
            regular_verb_forms("CARRY"),
            ["CARRIES", "CARRIED", "CARRYING"]
        );
        assert_eq!(regular_verb_forms("PUSH"), ["PUSHES", "PUSHED", "PUSHING"]);
        assert_eq!(regular_verb_forms("TIE"), ["TIES", "TIED", "TYING"]);
        assert_eq!(
            regular_verb_forms("AGREE"),
            ["AGREES", "AGREED", "AGREEING"]
        );
        assert_eq!(regular_verb_forms("PLAY"), ["PLAYS", "PLAYED", "PLAYING"]);
    }

    #[test]
    fn codes_split_from_the_end() {
        assert_eq!(
            split_code("AMBASSADOR [~GOV]"),
            Ok(("AMBASSADOR", Some("~GOV")))
        );
        assert_eq!(split_code("DEPT [~ENV}"), Ok(("DEPT", Some("~ENV"))));
        assert_eq!(split_code("NO CODE"), Ok(("NO CODE", None)));
        assert_eq!(split_code("BROKEN [~GOV"), Err(()));
    }
}
