//! The dateline that opens a wire story: `TOKYO (AP) —`, `MOSCOW, March 20 (Reuters) -`, `Kansas City (20 March 2017) -`.

use petrel_time::{find_date, DateMention};

/// What a dateline says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The place, as written (`TOKYO`, `SANAA, Yemen`).
    pub place: String,
    /// The agency in parentheses (`AP`, `Reuters`), if any.
    pub agency: Option<String>,
    /// A date in the dateline, if any; often without a year.
    pub date: Option<DateMention>,
    /// Bytes of the line the dateline takes, the dash and following spaces included.
    pub len: usize,
}

/// The dash must come this early; a dash further into the line is punctuation in a sentence.
const MAX_DATELINE: usize = 100;

/// The dateline at the start of `line`, if it opens with one.
pub fn parse(line: &str) -> Option<Dateline> {
    let (dash_at, dash_len) = find_dash(line)?;
    let prefix = line.get(..dash_at)?.trim_end();
    let after = line.get(dash_at + dash_len..)?;
    let len = line.len() - after.trim_start().len();
    let (before_paren, paren) = match prefix.strip_suffix(')') {
        Some(open) => {
            let at = open.rfind('(')?;
            (open.get(..at)?.trim_end(), Some(open.get(at + 1..)?.trim()))
        }
        None => (prefix, None),
    };
    let mut date = None;
    let mut agency = None;
    if let Some(inside) = paren {
        match find_date(inside) {
            Some(m) => date = Some(m),
            None if inside.split_whitespace().count() <= 5 && !inside.is_empty() => {
                agency = Some(inside.to_string())
            }
            None => return None,
        }
    }
    let place = match before_paren.split_once(',') {
        Some((place, rest)) => match find_date(rest) {
            Some(m) if date.is_none() => {
                date = Some(m);
                place.trim()
            }
            _ => before_paren,
        },
        None => before_paren,
    };
    if !is_place(place, paren.is_some()) {
        return None;
    }
    Some(Dateline {
        place: place.to_string(),
        agency,
        date,
        len,
    })
}

/// The first dash (em, en, `--` or a spaced hyphen) within [`MAX_DATELINE`] bytes: its offset and length.
fn find_dash(line: &str) -> Option<(usize, usize)> {
    let head = line.get(..line.len().min(MAX_DATELINE + 4)).or_else(|| {
        let mut end = MAX_DATELINE;
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        line.get(..end)
    })?;
    let candidates = [("—", 3), ("–", 3), ("--", 2), (" - ", 3)];
    candidates
        .iter()
        .filter_map(|(d, l)| head.find(d).map(|at| (at, *l)))
        .min_by_key(|(at, _)| *at)
        .map(|(at, l)| {
            if l == 3 && line.get(at..at + 3) == Some(" - ") {
                (at + 1, 1)
            } else {
                (at, l)
            }
        })
        .filter(|(at, _)| *at <= MAX_DATELINE)
}

/// Whether `text` reads as a place name: one to six words, capitalised (or in capitals), no
/// sentence inside. Without parentheses after it, only a name in capitals counts, so that a
/// sentence such as "Talks — which began" is not taken for a dateline.
/// A line that is only a place and a date in parentheses (`Tokyo (20 March 2017)`, a layout of
/// ministry and newspaper pages): the story's dateline and date, not its title.
pub fn place_and_date(line: &str) -> Option<(String, DateMention)> {
    let inside = line.trim().strip_suffix(')')?;
    let at = inside.rfind('(')?;
    let place = inside.get(..at)?.trim();
    let date_text = inside.get(at + 1..)?.trim();
    let mention = find_date(date_text)?;
    let whole = mention.span.start == 0
        && date_text
            .get(mention.span.end..)
            .is_some_and(|rest| rest.trim_matches(['.', ' ']).is_empty());
    (whole && is_place(place, true)).then(|| (place.to_string(), mention))
}

fn is_place(text: &str, had_parens: bool) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 6
        || text.contains(['.', ';', ':', '"']) && !text.ends_with('.')
    {
        return false;
    }
    let joiners = [
        "de", "of", "the", "al", "el", "la", "le", "du", "am", "an", "upon", "on",
    ];
    let capitalised = words.iter().all(|w| {
        let w = w.trim_end_matches(',');
        w.starts_with(|c: char| c.is_uppercase()) || joiners.contains(&w)
    });
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = !letters.is_empty() && letters.iter().all(|c| c.is_uppercase());
    let first_capitals = words.first().is_some_and(|w| {
        w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
            && w.len() > 1
    });
    capitalised && (had_parens || capitals || first_capitals)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place_and_rest(line: &str) -> (String, &str) {
        let d = parse(line).unwrap_or_else(|| panic!("no dateline in {line:?}"));
        (d.place, &line[d.len..])
    }

    #[test]
    fn place_and_date_lines() {
        let (place, mention) = place_and_date("Tokyo (20 March 2017)").expect("a dateline");
        assert_eq!(place, "Tokyo");
        assert_eq!(
            mention.resolve(None).map(|(d, _)| d),
            petrel_core::Date::from_ymd(2017, 3, 20).ok()
        );
        assert!(place_and_date("Tokyo (AP)").is_none());
        assert!(place_and_date("the talks (20 March 2017)").is_none());
        assert!(place_and_date("Tokyo (talks began on 20 March 2017)").is_none());
    }

    #[test]
    fn wire_datelines() {
        assert_eq!(
            place_and_rest("TOKYO (AP) — Japan protested."),
            ("TOKYO".into(), "Japan protested.")
        );
        let d = parse("MOSCOW, March 20 (Reuters) - Russia said.").unwrap();
        assert_eq!(
            (d.place.as_str(), d.agency.as_deref()),
            ("MOSCOW", Some("Reuters"))
        );
        assert_eq!(d.date.map(|m| (m.month, m.day)), Some((3, Some(20))));
        let d = parse("Kansas City (20 March 2017) - The mayor said.").unwrap();
        assert_eq!(d.place, "Kansas City");
        assert_eq!(d.date.and_then(|m| m.year), Some(2017));
        assert_eq!(
            place_and_rest("WASHINGTON -- The talks began."),
            ("WASHINGTON".into(), "The talks began.")
        );
        assert_eq!(
            place_and_rest("SANAA, Yemen (AP) —Houthi rebels fired."),
            ("SANAA, Yemen".into(), "Houthi rebels fired.")
        );
        assert_eq!(
            place_and_rest("BEIJING, March 20 (Xinhua) -- China said."),
            ("BEIJING".into(), "China said.")
        );
    }

    #[test]
    fn sentences_with_dashes_are_not_datelines() {
        for line in [
            "The talks — which began in 2015 — stalled.",
            "Japan and Russia - neighbours - disagree.",
            "He said (in Tokyo) - nothing.",
            "No dash here at all",
            "",
        ] {
            assert_eq!(parse(line), None, "{line}");
        }
    }
}
