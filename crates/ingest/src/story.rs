//! Story understanding: reading a story's text the way an analyst would — title, date, dateline, publisher and byline found, site chrome and footer debris dropped, hard-wrapped lines joined.

use crate::chrome;
use crate::dateline;
use crate::mapped::MappedText;
use petrel_core::{Date, DatePrecision};
use std::ops::Range;

/// What the container already said about the story (JSONL fields, HTML `<meta>`); it wins over
/// what the text suggests.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Known {
    pub title: Option<String>,
    pub date: Option<(Date, DatePrecision)>,
    pub publisher: Option<String>,
    pub byline: Option<String>,
}

/// A story as understood: its clean text (mapped into the input) and what it says about itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Story {
    pub text: MappedText,
    pub title: Option<String>,
    pub date: Option<(Date, DatePrecision)>,
    pub dateline: Option<String>,
    pub publisher: Option<String>,
    pub byline: Option<String>,
    pub warnings: Vec<String>,
}

/// How many lines at the top may be title, date, byline and chrome before the story must begin.
const MAX_HEADER_LINES: usize = 30;
/// How many lines at the bottom may be footer.
const MAX_FOOTER_LINES: usize = 20;

/// A line of the source: its range in the source text, trimmed of surrounding whitespace.
#[derive(Clone, Debug)]
struct Line {
    range: Range<usize>,
}

/// Reads `source` as one story, given what its container already said.
pub fn understand(source: &MappedText, known: Known) -> Story {
    let text = source.text.as_str();
    let lines = split_lines(text);
    let line = |i: usize| {
        lines
            .get(i)
            .and_then(|l| text.get(l.range.clone()))
            .unwrap_or_default()
    };
    let latin = chrome::mostly_latin(text);
    let mut story = Story {
        title: known.title.clone(),
        date: known.date,
        publisher: known.publisher.clone(),
        byline: known.byline.clone(),
        ..Story::default()
    };
    let mut title_line: Option<usize> = None;
    let mut ambiguous_line: Option<&str> = None;

    // The header: chrome, title, date and byline lines above the first line of story text.
    let mut start = 0;
    let mut seen = 0;
    while start < lines.len() && seen < MAX_HEADER_LINES {
        let t = line(start);
        if t.is_empty() {
            start += 1;
            continue;
        }
        seen += 1;
        let next = lines.get(start + 1).and_then(|l| text.get(l.range.clone()));
        if dateline::parse(t).is_some() {
            break;
        }
        if chrome::is_chrome(t, true, latin) {
        } else if let Some((place, mention)) = dateline::place_and_date(t) {
            story.dateline.get_or_insert(place);
            if let Some((date, precision)) = mention.resolve(None) {
                note_date(&mut story, date, precision, false);
            }
        } else if let Some((date, precision, ambiguous)) = chrome::date_line(t) {
            if note_date(&mut story, date, precision, ambiguous) {
                ambiguous_line = Some(t);
            }
        } else if let Some(name) = chrome::byline(t) {
            story.byline.get_or_insert(name);
        } else if let Some((publisher, warning)) = chrome::source_line(t) {
            note_source(&mut story, publisher, warning);
        } else if chrome::is_garbled(t) {
            story
                .warnings
                .push(format!("dropped a garbled header line: {:?}", clip(t)));
        } else if known.title.as_deref().is_some_and(|k| same_words(k, t)) {
        } else if known.title.is_none() && chrome::is_title(t, next) {
            // A title wrapped over two lines continues on the very next line; a second title-like
            // line after a gap means the first was a site or section name.
            match (story.title.take(), title_line) {
                (Some(first), Some(at)) if at + 1 == start && !chrome::is_masthead(&first, t) => {
                    story.title = Some(format!("{first} {t}"))
                }
                (Some(first), _) => {
                    story.warnings.push(format!(
                        "took {:?} for a site header, not the title",
                        clip(&first)
                    ));
                    story.title = Some(t.to_string());
                }
                (None, _) => story.title = Some(t.to_string()),
            }
            title_line = Some(start);
        } else {
            break;
        }
        start += 1;
    }

    // The footer: source and copyright lines, credits, chrome and OCR debris below the story.
    let mut end = lines.len();
    let mut seen = 0;
    while end > start && seen < MAX_FOOTER_LINES {
        let t = line(end - 1);
        if t.is_empty() {
            end -= 1;
            continue;
        }
        seen += 1;
        if let Some((publisher, warning)) = chrome::source_line(t) {
            note_source(&mut story, publisher, warning);
        } else if let Some(holder) = chrome::copyright(t) {
            if let Some(holder) = holder {
                story.publisher.get_or_insert(holder);
            }
        } else if let Some((date, precision, ambiguous)) = chrome::date_line(t) {
            if note_date(&mut story, date, precision, ambiguous) {
                ambiguous_line = Some(t);
            }
        } else if chrome::is_garbled(t) {
            story
                .warnings
                .push(format!("dropped a garbled footer line: {:?}", clip(t)));
        } else if !(chrome::is_credit(t) || chrome::is_chrome(t, false, latin)) {
            break;
        }
        end -= 1;
    }

    if let Some(line) = ambiguous_line {
        settle_order(&mut story, line, text);
    }

    // Story lines, less chrome in their midst ("Advertisement", "Read more: ...").
    let body: Vec<Range<usize>> = lines
        .get(start..end)
        .unwrap_or_default()
        .iter()
        .map(|l| l.range.clone())
        .filter(|r| {
            let t = text.get(r.clone()).unwrap_or_default();
            t.is_empty() || !chrome::is_chrome(t, false, latin)
        })
        .collect();
    let mut body = body;
    // A story that is only a headline ("Japan, Russia hold talks on islands", or one sentence
    // without a full stop) is read as its own text as well as its title: headlines report events.
    if body.iter().all(|r| r.start >= r.end) {
        if let Some(at) = title_line.filter(|_| known.title.is_none()) {
            if let Some(l) = lines.get(at) {
                body = vec![l.range.clone()];
            }
        }
    }
    if let Some(first) = body.iter_mut().find(|r| r.start < r.end) {
        if let Some(d) = text.get(first.clone()).and_then(dateline::parse) {
            story.dateline = Some(d.place);
            if let Some(agency) = d.agency {
                story.publisher.get_or_insert(agency);
            }
            if story.date.is_none() {
                if let Some((date, precision)) = d.date.and_then(|m| m.resolve(None)) {
                    story.date = Some((date, precision));
                }
            }
            first.start += d.len;
        }
    }
    story.text = join_lines(source, &body);
    story
}

/// Takes the publisher from a "Source:" line, and its date when the line carries one ("Source:
/// The Japan Times, March 20, 2017").
fn note_source(story: &mut Story, publisher: String, warning: Option<String>) {
    story.warnings.extend(warning);
    let mut name = publisher.as_str();
    if let Some(mention) = petrel_time::find_date(&publisher) {
        if let Some((date, precision)) = mention.resolve(None) {
            if note_date(story, date, precision, mention.ambiguous) {
                let line = publisher.clone();
                settle_order(story, &line, "");
            }
            name = publisher.get(..mention.span.start).unwrap_or(name);
            name = name.trim_end_matches(|c: char| {
                c.is_whitespace() || matches!(c, ',' | '-' | '|' | '–' | '—' | '(')
            });
        }
    }
    if story.publisher.is_none() && !name.is_empty() {
        story.publisher = Some(name.to_string());
    }
}

/// Sets the story date unless one is known; true when the date just set was an ambiguous numeric
/// date, whose order [`settle_order`] then decides.
fn note_date(story: &mut Story, date: Date, precision: DatePrecision, ambiguous: bool) -> bool {
    if story.date.is_some() {
        return false;
    }
    story.date = Some((date, precision));
    ambiguous
}

/// Decides an ambiguous numeric story date (`04/05/2017`) by the order an unambiguous numeric date
/// elsewhere in the story uses (`13/05/2017` is day first), else keeps the separator's reading and
/// warns.
fn settle_order(story: &mut Story, line: &str, text: &str) {
    let Some(mention) = petrel_time::find_date(line) else {
        return;
    };
    let written = line.get(mention.span.clone()).unwrap_or_default();
    let first: Option<u32> = written
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok());
    let read_day_first = first == mention.day;
    let evidence = text
        .lines()
        .take(2000)
        .filter(|l| *l != line)
        .find_map(|l| {
            petrel_time::find_dates(l).into_iter().find_map(|m| {
                let w = l.get(m.span.clone())?;
                let numeric = w
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | '-'));
                let first: u32 = w
                    .split(|c: char| !c.is_ascii_digit())
                    .next()?
                    .parse()
                    .ok()?;
                let day = m.day?;
                (numeric && !m.ambiguous && first <= 31 && (day > 12 || m.month > 12 || first > 12))
                    .then_some(first == day)
            })
        });
    match evidence {
        Some(day_first) if day_first != read_day_first => {
            if let Some(swapped) = mention.swapped().and_then(|m| m.resolve(None)) {
                story.date = Some(swapped);
            }
        }
        Some(_) => {}
        None => {
            if let Some((date, _)) = story.date {
                let order = if read_day_first {
                    "day/month"
                } else {
                    "month/day"
                };
                story.warnings.push(format!(
                    "date {:?} could be day/month or month/day; read as {order} ({date})",
                    clip(line)
                ));
            }
        }
    }
}

/// The lines of `text` with whitespace trimmed; a blank line has an empty range.
fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let trimmed_start = raw.len() - raw.trim_start().len();
        let content = raw.trim();
        let start = at + trimmed_start;
        lines.push(Line {
            range: start..start + content.len(),
        });
        at += raw.len();
    }
    lines
}

/// Joins story lines into paragraphs: lines of one paragraph with a space (or nothing after a
/// hyphen at a line end), paragraphs with a blank line — unless a paragraph ends mid-sentence and
/// the next starts in lower case, a break the wrapping made, not the writer.
fn join_lines(source: &MappedText, body: &[Range<usize>]) -> MappedText {
    let text = source.text.as_str();
    let mut out = MappedText::default();
    let mut previous: Option<Range<usize>> = None;
    let mut blank_between = false;
    for r in body {
        if r.start >= r.end {
            blank_between = previous.is_some();
            continue;
        }
        let t = text.get(r.clone()).unwrap_or_default();
        if let Some(prev) = &previous {
            let p = text.get(prev.clone()).unwrap_or_default();
            let starts_lower = t.starts_with(|c: char| c.is_lowercase());
            let gap = prev.end..r.start;
            if !blank_between
                && p.ends_with('-')
                && !p.ends_with(" -")
                && starts_lower
                && ends_in_letter_hyphen(p)
            {
                // "inter-\nnational": keep the hyphen, drop the break.
            } else if blank_between && (!starts_lower || ends_sentence(p)) {
                out.push_replacing("\n\n", source, gap);
            } else {
                out.push_replacing(" ", source, gap);
            }
        }
        out.push_from(source, r.clone());
        previous = Some(r.clone());
        blank_between = false;
    }
    out
}

fn ends_in_letter_hyphen(line: &str) -> bool {
    let mut chars = line.chars().rev();
    chars.next() == Some('-') && chars.next().is_some_and(char::is_alphabetic)
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', ':', '"', '”', '’', '\'', ')', '»'])
}

fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

fn clip(s: &str) -> String {
    s.chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::Span;

    fn read(text: &str) -> Story {
        understand(&MappedText::original(text.to_string()), Known::default())
    }

    #[test]
    fn a_masthead_a_headline_and_a_place_and_date_line() {
        let s = read("THE JAPAN NEWS\nJAPAN, RUSSIA AGREE TO RESUME TALKS ON ISLANDS\nTokyo (20 March 2017)\nJapan's foreign minister met his Russian counterpart on Monday.\n");
        assert_eq!(
            s.title.as_deref(),
            Some("JAPAN, RUSSIA AGREE TO RESUME TALKS ON ISLANDS")
        );
        assert_eq!(s.dateline.as_deref(), Some("Tokyo"));
        assert_eq!(
            s.date,
            Some((Date::from_ymd(2017, 3, 20).unwrap(), DatePrecision::Day))
        );
        assert!(s.text.text.starts_with("Japan's foreign minister"));
        // A title wrapped after a long first line is still one title.
        let s =
            read("JAPAN AND RUSSIA AGREE TO RESUME PEACE\nTREATY TALKS\n\nThe ministers met.\n");
        assert_eq!(
            s.title.as_deref(),
            Some("JAPAN AND RUSSIA AGREE TO RESUME PEACE TREATY TALKS")
        );
    }

    #[test]
    fn a_story_that_is_only_a_headline_is_its_own_text() {
        for line in [
            "Fidel Castro refused to meet Barack Obama when the U.S. president visited Cuba",
            "Japan, Russia hold talks on islands",
        ] {
            let s = read(line);
            assert_eq!(s.title.as_deref(), Some(line));
            assert_eq!(s.text.text, line);
        }
        // With a text below it, the headline stays the title only.
        let s = read("Japan, Russia hold talks on islands\n\nThe ministers met in Tokyo.");
        assert_eq!(s.text.text, "The ministers met in Tokyo.");
    }

    #[test]
    fn title_date_dateline_and_joined_lines() {
        let input = "Home | World | Asia\nJAPAN PROTESTS MISSILE TEST\n20.03.2017\nBy Jane Roe\n\nTOKYO (AP) — Japan's foreign\nminister protested on Monday.\n\nThe ministry said the test was a\n\nviolation.\n\nSource: Kyodo News\n";
        let s = read(input);
        assert_eq!(s.title.as_deref(), Some("JAPAN PROTESTS MISSILE TEST"));
        assert_eq!(
            s.date,
            Some((Date::from_ymd(2017, 3, 20).unwrap(), DatePrecision::Day))
        );
        assert_eq!(s.dateline.as_deref(), Some("TOKYO"));
        assert_eq!(s.byline.as_deref(), Some("Jane Roe"));
        assert_eq!(
            s.publisher.as_deref(),
            Some("Kyodo News"),
            "a Source: line beats the dateline agency"
        );
        assert_eq!(s.text.text, "Japan's foreign minister protested on Monday.\n\nThe ministry said the test was a violation.");
        // Every word maps back to itself in the input.
        for word in ["Japan's", "minister", "violation"] {
            let at = s.text.text.find(word).unwrap();
            let span = s.text.map.original_span(Span::new(at, at + word.len()));
            assert_eq!(&input[span.start..span.end], word);
        }
    }

    #[test]
    fn garbled_footer_and_hyphenation() {
        let input = "Talks stall\n\nThe two govern-\nments could not agree on the\nwording.\n\nSou rce : Th e Jap an T imes\n";
        let s = read(input);
        assert_eq!(s.title.as_deref(), Some("Talks stall"));
        assert_eq!(
            s.text.text,
            "The two govern-ments could not agree on the wording."
        );
        assert_eq!(s.publisher.as_deref(), Some("The Japan Times"));
        assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
    }

    #[test]
    fn known_metadata_wins() {
        let known = Known {
            title: Some("Talks stall".into()),
            publisher: Some("Daily Planet".into()),
            ..Known::default()
        };
        let s = understand(
            &MappedText::original(
                "Talks stall\n\nMOSCOW, March 20 (Reuters) - Talks stalled.".into(),
            ),
            known,
        );
        assert_eq!(s.publisher.as_deref(), Some("Daily Planet"));
        assert_eq!(s.text.text, "Talks stalled.");
        assert_eq!(s.dateline.as_deref(), Some("MOSCOW"));
        // A dateline date without a year does not become the story date.
        assert_eq!(s.date, None);
    }

    #[test]
    fn source_lines_with_dates_and_garbled_headers() {
        let s = read("Th e Jap an T imes rep ort\nSource: The Japan Times, March 20, 2017\n\nTalks stalled.\n");
        assert_eq!(s.publisher.as_deref(), Some("The Japan Times"));
        assert_eq!(
            s.date,
            Some((Date::from_ymd(2017, 3, 20).unwrap(), DatePrecision::Day))
        );
        assert_eq!(s.title, None);
        assert_eq!(s.text.text, "Talks stalled.");
        assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
    }

    #[test]
    fn day_month_order_comes_from_other_dates_in_the_story() {
        let d = |y, m, day| Some((Date::from_ymd(y, m, day).unwrap(), DatePrecision::Day));
        let s = read("Talks end\n04/05/2017\n\nTalks ended.\n\nUpdated 13/05/2017\n");
        assert_eq!(s.date, d(2017, 5, 4));
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        let s = read("Talks end\n04/05/2017\n\nTalks ended.\n");
        assert_eq!(s.date, d(2017, 4, 5));
        assert_eq!(s.warnings.len(), 1);
    }

    #[test]
    fn a_story_that_is_all_chrome_is_empty() {
        assert_eq!(read("Share\nTweet\n\n* * *\n").text.text, "");
        assert_eq!(read("").text.text, "");
    }
}
