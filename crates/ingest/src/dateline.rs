//! The dateline that opens a wire story: `TOKYO (AP) —`, `MOSCOW, March 20 (Reuters) -`, `Kansas City (20 March 2017) -`,
//! and the shapes of the South Asian and wire press: `ISLAMABAD: `, `Lucknow: `, `Bogota, March 8 (IANS) `,
//! `Washington - ` (a place in title case before a lone dash).

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
    dashed(line)
        .or_else(|| colon(line))
        .or_else(|| agency_without_dash(line))
}

/// The most words of a place in title case that opens a line before a colon or a lone dash
/// ("Lucknow:", "New Delhi:", "Rio de Janeiro -"); a longer capitalised run is more likely a
/// name or a headline.
const MAX_TITLE_CASE_PLACE_WORDS: usize = 3;

/// Labels that open a line with a colon but name no place: kickers ("Exclusive: ...") and the
/// header fields of pages and feeds ("Source: ...", "Posted: ...").
#[rustfmt::skip]
const KICKERS: &[&str] = &[
    "analysis", "breaking", "exclusive", "update", "updated", "opinion", "editorial", "watch",
    "video", "photos", "live", "factbox", "explainer", "correction", "note", "summary",
    "highlights", "q&a", "interview", "comment", "review", "report", "timeline", "quote", "source",
    "sources", "by", "posted", "published", "date", "dateline", "filed", "author", "credit",
    "tags", "category", "section", "subject", "from", "to", "via", "contact", "email", "tel",
    "phone", "title", "headline", "caption", "photo", "read more", "related", "language",
    "keywords", "time", "location", "place", "warning", "disclaimer", "editor", "reporter",
    "translated by", "file", "image",
];

/// `ISLAMABAD: The Japanese government ...`, `Lucknow: The state government ...`: a place in
/// capitals, or of a few words in title case, then a colon and a capitalised sentence.
fn colon(line: &str) -> Option<Dateline> {
    let at = opening(line).find(':')?;
    let place = line.get(..at)?.trim();
    let after = line.get(at + 1..)?;
    let rest = after.trim_start();
    if after.len() == rest.len() || !rest.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let capitals = is_place(place, false) && !place.chars().any(char::is_lowercase);
    let title_case = is_place(place, true)
        && place.split_whitespace().count() <= MAX_TITLE_CASE_PLACE_WORDS
        && !place.contains(',');
    if !(capitals || title_case) || KICKERS.contains(&place.to_lowercase().as_str()) {
        return None;
    }
    Some(Dateline {
        place: place.to_string(),
        agency: None,
        date: None,
        len: line.len() - rest.len(),
    })
}

/// `Bogota, March 8 (IANS) The Venezuelan ...`: a place and a date, the agency in parentheses,
/// and the sentence straight after, with no dash.
fn agency_without_dash(line: &str) -> Option<Dateline> {
    let close = opening(line).find(") ")?;
    let open = line.get(..close)?.rfind('(')?;
    let agency = line.get(open + 1..close)?.trim();
    let before = line.get(..open)?.trim_end();
    let (place, date_text) = before.split_once(',')?;
    let date = find_date(date_text)?;
    let rest = line.get(close + 1..)?.trim_start();
    let agency_like =
        !agency.is_empty() && agency.split_whitespace().count() <= 3 && find_date(agency).is_none();
    if !agency_like || !rest.starts_with(|c: char| c.is_uppercase()) || !is_place(place, true) {
        return None;
    }
    Some(Dateline {
        place: place.trim().to_string(),
        agency: Some(agency.to_string()),
        date: Some(date),
        len: line.len() - rest.len(),
    })
}

/// The first [`MAX_DATELINE`] bytes of `line`, cut at a character boundary.
fn opening(line: &str) -> &str {
    let mut end = line.len().min(MAX_DATELINE);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    line.get(..end).unwrap_or_default()
}

/// A dateline ended by a dash.
fn dashed(line: &str) -> Option<Dateline> {
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
    // "Washington - US President ...": a place of a few words in title case before a lone dash
    // (a second dash soon after would make the first part of an aside: "Kim - North Korea's
    // leader - said"), with a capitalised sentence after it.
    let lone_dash = after.get(..after.len().min(60)).is_some_and(|head| {
        !head.contains(" - ") && !head.contains('—') && !head.contains('–') && !head.contains("--")
    });
    let title_case_place = paren.is_none()
        && lone_dash
        && place == before_paren
        && place.split_whitespace().count() <= MAX_TITLE_CASE_PLACE_WORDS
        && after.trim_start().starts_with(|c: char| c.is_uppercase())
        && is_place(place, true);
    if !is_place(place, paren.is_some()) && !title_case_place {
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
    fn colon_and_title_case_datelines() {
        assert_eq!(
            place_and_rest("ISLAMABAD: The Japanese government has provided aid."),
            (
                "ISLAMABAD".into(),
                "The Japanese government has provided aid."
            )
        );
        assert_eq!(
            place_and_rest("UNITED NATIONS: Russia and China vetoed it."),
            ("UNITED NATIONS".into(), "Russia and China vetoed it.")
        );
        assert_eq!(
            place_and_rest("Lucknow: The state government will sign an agreement."),
            (
                "Lucknow".into(),
                "The state government will sign an agreement."
            )
        );
        assert_eq!(
            place_and_rest("Washington - US President Donald Trump called him."),
            ("Washington".into(), "US President Donald Trump called him.")
        );
        let d = parse("Bogota, March 8 (IANS) The president rejected it.").expect("a dateline");
        assert_eq!(
            (d.place.as_str(), d.agency.as_deref()),
            ("Bogota", Some("IANS"))
        );
        assert_eq!(d.date.map(|m| (m.month, m.day)), Some((3, Some(8))));
    }

    #[test]
    fn a_long_line_of_wide_characters_is_read_safely() {
        let line = format!("{}: Тест", "Ж".repeat(70));
        assert_eq!(parse(&line), None);
        let line = format!("KYIV: {}", "ж".repeat(70));
        assert_eq!(
            parse(&line),
            None,
            "a colon dateline needs a capitalised sentence"
        );
        let line = format!("KYIV: Ukraine said {}", "Ж".repeat(70));
        assert_eq!(parse(&line).map(|d| d.place), Some("KYIV".to_string()));
    }

    #[test]
    fn colons_and_dashes_inside_sentences_are_not_datelines() {
        for line in [
            "Exclusive: The minister resigned.",
            "Source: The Japan Times, March 20, 2017",
            "The US has issued an ultimatum to Turkey: If the country buys missiles.",
            "Kim Jong Un - North Korea's leader - said nothing.",
            "Iran - which denies it - was blamed.",
            "Japanese Foreign Minister Fumio Kishida: no comment.",
            "He said (in Tokyo) nothing.",
            "Ratio: 3 to 1.",
        ] {
            assert_eq!(parse(line), None, "{line}");
        }
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
