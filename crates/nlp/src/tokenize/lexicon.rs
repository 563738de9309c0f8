//! The small closed word lists the tokenizer consults: abbreviations, hyphen prefixes, fused
//! contractions and the words that typically open a sentence.
//!
//! The lists were written for petrel from the conventions of UD English EWT and ordinary news
//! style; they are short on purpose, because every entry is a chance to glue a sentence-final
//! period to a word.

/// Abbreviations that keep their final period as part of the token (`Gen.`, `Inc.`).
///
/// Matched case-sensitively against the word before the period, so that `US.` at the end of a
/// sentence is not mistaken for anything; both common capitalisations are listed where needed.
const ABBREVIATIONS: &[&str] = &[
    // Titles and ranks, which stand before a name and so never end a sentence.
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Adm",
    "Sgt", "Cpl", "Pvt", "Gov", "Sen", "Rep", "Reps", "Sens", "Pres", "Rev", "Hon", "Fr", "Sr",
    "Jr", "St", "Ft", "Mt", "Gens", "Drs", "Sts", "Supt", "Insp", "Atty", "Amb", "Sec", "Brig",
    "Det", // Months and days.
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon",
    "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
    // Companies, places and addresses.
    "Inc", "Corp", "Co", "Ltd", "Cos", "Bros", "Assn", "Dept", "Univ", "Ave", "Blvd", "Rd", "Calif",
    "Conn", "Fla", "Ill", "Mass", "Mich", "Minn", "Penn", "Tenn", "Wash", "Wis", "Ariz", "Ark",
    "Colo", "Del", "Ga", "Ky", "La", "Md", "Mo", "Neb", "Nev", "Okla", "Ore", "Pa", "Va", "Vt",
    "Wyo", "Ala", "Kan", "Miss", // Latin and other running-text abbreviations.
    "etc", "vs", "viz", "cf", "approx", "est", "ca", "Attn", "attn", "Arrv", "arrv", "Vol", "vol",
    "pp", "Fig", "fig", "Ch", "ch", "Nos", "nos", "Tel", "tel", "Ext", "ext", "yr", "yrs", "mos",
    "min", "max", "misc", "dept", "govt", "Govt", "Intl", "intl", "Natl", "natl", "Mgr", "mgr",
];

/// Abbreviations that precede a name or number, so a sentence never ends right after them.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Adm",
    "Sgt", "Cpl", "Pvt", "Gov", "Sen", "Rep", "Reps", "Sens", "Pres", "Rev", "Hon", "Fr", "St",
    "Ft", "Mt", "Gens", "Supt", "Insp", "Atty", "Amb", "Brig", "Det", "vs", "cf", "Attn", "attn",
    "No", "Nos", "nos", "Vol", "vol", "pp", "Fig", "fig", "Ch", "ch", "approx", "ca",
];

/// Whether `word.` is an abbreviation that keeps its period. `next` is the first character after
/// the period and the whitespace that follows it (if any), needed for `No.`, which is only an
/// abbreviation before a number.
pub(super) fn is_abbreviation(word: &str, next: Option<char>) -> bool {
    if word.len() > 8 {
        return dotted_initials(word);
    }
    if ABBREVIATIONS.contains(&word) || single_capital(word) || dotted_initials(word) {
        return true;
    }
    // LTD. and PVT. in shouting text: an all-capitals spelling of a listed abbreviation.
    if word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase()) {
        return ABBREVIATIONS
            .iter()
            .any(|a| a.len() > 2 && a.eq_ignore_ascii_case(word));
    }
    matches!(word, "No" | "no" | "Nos" | "nos" | "Op" | "Art")
        && next.is_some_and(|c| c.is_ascii_digit())
}

/// Whether the token `abbreviation` (with its final period) is a title or initial: something that
/// stands before what it modifies and so cannot end a sentence.
pub(super) fn is_title(abbreviation: &str) -> bool {
    let Some(word) = abbreviation.strip_suffix('.') else {
        return false;
    };
    TITLES.contains(&word) || single_capital(word)
}

/// `M` as in `Jennifer M. Anderson`.
fn single_capital(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// `U.S`, `a.m`, `Ph.D`, `e.g`: short alphabetic segments joined by periods.
fn dotted_initials(word: &str) -> bool {
    if word.len() > 16 || !word.contains('.') {
        return false;
    }
    word.split('.').all(|segment| {
        let n = segment.chars().count();
        (1..=2).contains(&n) && segment.chars().all(char::is_alphabetic)
    })
}

/// Prefixes that EWT keeps attached with their hyphen (`non-stop`, `e-mail`, `co-workers`).
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "non", "mid", "over", "co", "pre", "re", "socio", "anti", "counter", "post", "ex", "pro",
    "semi", "multi", "psycho", "neo", "inter", "intra", "sub", "bi", "tri", "quasi", "pseudo",
];

/// Whether a hyphen after `left` (the whole word so far) is kept inside the token.
pub(super) fn is_hyphen_prefix(left: &str) -> bool {
    left.len() <= 7
        && HYPHEN_PREFIXES
            .iter()
            .any(|prefix| prefix.eq_ignore_ascii_case(left))
}

/// Contractions written without an apostrophe or fused, with the byte length of their first
/// syntactic word: `dont` → `do` + `nt`, `cannot` → `can` + `not`, `gonna` → `gon` + `na`.
const FUSED: &[(&str, usize)] = &[
    ("dont", 2),
    ("didnt", 3),
    ("doesnt", 4),
    ("cant", 2),
    ("wont", 2),
    ("isnt", 2),
    ("wasnt", 3),
    ("arent", 3),
    ("werent", 4),
    ("couldnt", 5),
    ("wouldnt", 5),
    ("shouldnt", 6),
    ("havent", 4),
    ("hasnt", 3),
    ("hadnt", 3),
    ("aint", 2),
    ("im", 1),
    ("ive", 1),
    ("youre", 3),
    ("theyre", 4),
    ("thats", 4),
    ("whats", 4),
    ("theres", 5),
    ("hes", 2),
    ("lets", 3),
    ("cannot", 3),
    ("gonna", 3),
    ("wanna", 3),
    ("gotta", 3),
    ("outta", 3),
];

/// Where a fused contraction splits into two syntactic words, if `word` is one.
pub(super) fn fused_split(word: &str) -> Option<usize> {
    if word.len() > 8 {
        return None;
    }
    FUSED
        .iter()
        .find(|(fused, _)| fused.eq_ignore_ascii_case(word))
        .map(|&(_, at)| at)
}

/// Units written straight after a number, which EWT splits off (`375mm` → `375` `mm`, `$650k`).
/// Ordinal and plural endings (`5th`, `1990s`) and single-letter codes (`4G`, `83N`) stay.
const UNITS: &[&str] = &[
    "am", "pm", "k", "m", "mm", "cm", "km", "kg", "lb", "lbs", "ft", "b", "bn", "gb", "mb", "kb",
    "tb", "hz", "ghz", "mhz", "hrs", "hr", "min", "mins", "sec", "secs", "p", "mph", "kph", "mw",
    "kw", "kwh", "mwh", "mln", "yrs", "x",
];

/// Where a number or time with a unit glued to it splits (`375mm` → 3, `7:30PM` → 4), if `word`
/// is one.
pub(super) fn unit_split(word: &str) -> Option<usize> {
    let at = word.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | ':')))?;
    let (number, unit) = word.split_at(at);
    let starts_with_digit = number.bytes().next().is_some_and(|b| b.is_ascii_digit());
    let is_unit = unit.len() <= 3 && UNITS.iter().any(|u| u.eq_ignore_ascii_case(unit));
    (starts_with_digit && is_unit).then_some(at)
}

/// Clitics that follow an apostrophe: `'s`, `'m`, `'d`, `'ll`, `'re`, `'ve` (and `n't`, which is
/// handled by its `n`).
pub(super) fn is_clitic(after_apostrophe: &str) -> bool {
    ["s", "m", "d", "ll", "re", "ve"]
        .iter()
        .any(|c| c.eq_ignore_ascii_case(after_apostrophe))
}

/// Capitalised words that commonly open a sentence; after an abbreviation such as `U.S.` only
/// these count as evidence that a new sentence has started (`U.S. President` does not).
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "For",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "As",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "Your",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Some",
    "Many",
    "Most",
    "All",
    "No",
    "Not",
    "Now",
    "Then",
    "However",
    "Also",
    "Still",
    "Meanwhile",
    "According",
    "Since",
    "Although",
    "Though",
    "Officials",
    "Police",
    "Thanks",
    "Please",
];

pub(super) fn is_sentence_opener(word: &str) -> bool {
    SENTENCE_OPENERS.contains(&word)
}

/// First words of the greeting and closing lines of letters and e-mail (`Dear Nina,`,
/// `Best regards,`), which stand as sentences of their own.
const SALUTATIONS: &[&str] = &[
    "Thanks",
    "Thank",
    "Thanx",
    "Regards",
    "Best",
    "Sincerely",
    "Cheers",
    "Respectfully",
    "Cordially",
    "Yours",
    "Dear",
    "Hi",
    "Hello",
    "Hey",
    "Greetings",
];

pub(super) fn is_salutation(word: &str) -> bool {
    SALUTATIONS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_keep_their_period() {
        assert!(is_abbreviation("Mr", None));
        assert!(is_abbreviation("U.S", None));
        assert!(is_abbreviation("a.m", None));
        assert!(is_abbreviation("M", None));
        assert!(!is_abbreviation("said", None));
        assert!(!is_abbreviation("www.cnn.com", None));
    }

    #[test]
    fn no_is_an_abbreviation_only_before_a_number() {
        assert!(is_abbreviation("No", Some('1')));
        assert!(!is_abbreviation("No", Some('T')));
        assert!(!is_abbreviation("No", None));
    }

    #[test]
    fn titles_are_a_subset() {
        assert!(is_title("Mr."));
        assert!(is_title("M."));
        assert!(!is_title("Inc."));
        assert!(!is_title("U.S."));
    }

    #[test]
    fn fused_contractions_split_where_ewt_does() {
        assert_eq!(fused_split("Dont"), Some(2));
        assert_eq!(fused_split("cannot"), Some(3));
        assert_eq!(fused_split("dog"), None);
    }

    #[test]
    fn units_split_from_numbers() {
        assert_eq!(unit_split("375mm"), Some(3));
        assert_eq!(unit_split("3.5GHz"), Some(3));
        assert_eq!(unit_split("1990s"), None);
        assert_eq!(unit_split("5th"), None);
        assert_eq!(unit_split("mm"), None);
    }

    #[test]
    fn shouted_abbreviations() {
        assert!(is_abbreviation("LTD", None));
        assert!(!is_abbreviation("US", None));
    }

    #[test]
    fn hyphen_prefixes_ignore_case() {
        assert!(is_hyphen_prefix("Non"));
        assert!(!is_hyphen_prefix("well"));
    }
}
