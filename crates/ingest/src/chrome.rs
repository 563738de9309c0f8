//! What a line at the top or bottom of a story is: site chrome, a date line, a byline, a "Source:" line, a copyright notice, OCR garbage — or story text.

use petrel_core::{Date, DatePrecision};
use petrel_time::find_date;

/// The longest line that can be chrome, a byline or a date line; longer lines are story text.
const SHORT_LINE: usize = 200;

/// Words of site navigation menus; a short line made mostly of them is a menu.
const NAV_WORDS: &[&str] = &[
    "home",
    "news",
    "world",
    "business",
    "politics",
    "sport",
    "sports",
    "opinion",
    "culture",
    "tech",
    "technology",
    "science",
    "health",
    "video",
    "videos",
    "photos",
    "live",
    "weather",
    "entertainment",
    "travel",
    "lifestyle",
    "latest",
    "local",
    "national",
    "international",
    "asia",
    "europe",
    "africa",
    "americas",
    "middle",
    "east",
    "economy",
    "markets",
    "menu",
    "search",
    "login",
    "subscribe",
    "contact",
    "about",
    "us",
    "more",
    "regions",
    "region",
    "sections",
    "english",
    "podcasts",
    "newsletters",
    "features",
    "editorial",
    "archive",
];

/// Lines (lowercased, trailing colon dropped) that are only ever chrome.
const CHROME_LINES: &[&str] = &[
    "share",
    "share this",
    "share this article",
    "share this story",
    "tweet",
    "facebook",
    "twitter",
    "email",
    "e-mail",
    "print",
    "whatsapp",
    "linkedin",
    "reddit",
    "telegram",
    "copy link",
    "advertisement",
    "advertising",
    "sponsored",
    "comments",
    "menu",
    "search",
    "sign in",
    "log in",
    "login",
    "register",
    "subscribe",
    "close",
    "accept",
    "accept all",
    "reject all",
    "read more",
    "related",
    "related articles",
    "related stories",
    "most read",
    "most popular",
    "top stories",
    "recommended",
    "next article",
    "previous article",
    "back to top",
    "skip to content",
    "skip to main content",
    "follow us",
    "newsletter",
    "continue reading",
    "listen",
    "font size",
    "a a a",
    "a+ a-",
    "photo",
    "video",
    "topics",
    "tags",
];

/// Beginnings of lines that are only ever chrome.
const CHROME_STARTS: &[&str] = &[
    "share this",
    "share on ",
    "follow us",
    "sign up",
    "subscribe to",
    "click here",
    "read more:",
    "read more at",
    "related:",
    "also read",
    "see also:",
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    "by continuing to",
    "cookie",
    "skip to ",
    "advertisement",
    "print this",
    "email this",
    "more from ",
    "download our app",
    "get the app",
    "you may also like",
    "recommended for you",
    "tags:",
    "topics:",
];

/// Publishers we repair when OCR split their names ("Th e Jap an T imes"); matched without spaces.
const KNOWN_PUBLISHERS: &[&str] = &[
    "The Japan Times",
    "Reuters",
    "Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "Xinhua",
    "Kyodo News",
    "Kyodo",
    "BBC News",
    "BBC",
    "The New York Times",
    "The Washington Post",
    "The Guardian",
    "Al Jazeera",
    "TASS",
    "RIA Novosti",
    "Interfax",
    "Yonhap",
    "NHK",
    "The Asahi Shimbun",
    "The Mainichi",
    "The Yomiuri Shimbun",
    "Nikkei Asia",
    "CNN",
    "Bloomberg",
    "Deutsche Welle",
    "France 24",
    "The Times of India",
    "Anadolu Agency",
    "UPI",
    "The Korea Herald",
    "South China Morning Post",
    "Global Times",
    "China Daily",
    "The Moscow Times",
    "Ukrinform",
    "Haaretz",
    "The Jerusalem Post",
    "Arab News",
    "Daily Nation",
    "Premium Times",
    "Dawn",
    "The Hindu",
    "Kyiv Independent",
    "Der Spiegel",
    "Le Monde",
    "El País",
];

/// Whether `line` is site chrome: a share button, a menu, a cookie banner, a line of symbols.
/// `header` relaxes the test for the top of a story, where a line in another script (the other
/// half of a bilingual site header) is chrome too; `latin_story` says the story is in Latin script.
pub fn is_chrome(line: &str, header: bool, latin_story: bool) -> bool {
    let line = line.trim();
    if line.len() > SHORT_LINE {
        return false;
    }
    if !line.chars().any(char::is_alphanumeric) {
        return true;
    }
    let lower = line.to_lowercase();
    let bare = lower.trim_end_matches([':', '.', '»', '›', '>']).trim();
    if CHROME_LINES.contains(&bare) || CHROME_STARTS.iter().any(|s| lower.starts_with(s)) {
        return true;
    }
    let words: Vec<&str> = bare
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if is_page_marker(&words) || is_menu(line, &words) {
        return true;
    }
    if latin_story {
        let (latin, other) = scripts(line);
        if other > latin || (header && other > 0 && words.len() <= 12) {
            return true;
        }
    }
    false
}

/// A page marker from a scan or a print view ("page 3 of 3", "pa ge 3 of 3" after OCR).
fn is_page_marker(words: &[&str]) -> bool {
    let squeezed: String = words.concat();
    squeezed.strip_prefix("page").is_some_and(|rest| {
        !rest.is_empty() && rest.replace("of", "").chars().all(|c| c.is_ascii_digit())
    })
}

/// A navigation menu: short items between separators, or a run of section names.
fn is_menu(line: &str, words: &[&str]) -> bool {
    let separators = line.matches(['|', '•', '·', '»', '›']).count()
        + line.matches(" > ").count()
        + line.matches(" / ").count();
    if separators > 0 {
        let items: Vec<&str> = line
            .split(['|', '•', '·', '»', '›', '>', '/'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let short = items
            .iter()
            .all(|item| item.split_whitespace().count() <= 4);
        if short
            && (separators >= 2
                || items
                    .iter()
                    .all(|item| item.split_whitespace().count() <= 2))
        {
            return true;
        }
    }
    let nav = words.iter().filter(|w| NAV_WORDS.contains(w)).count();
    words.len() >= 3 && words.len() <= 15 && nav * 10 >= words.len() * 7
}

/// Letters in Latin script and in other scripts.
fn scripts(line: &str) -> (usize, usize) {
    line.chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(latin, other), c| {
            // Latin letters live below U+0250 (Basic Latin through Latin Extended-B) and in the
            // Latin Extended Additional block.
            if (c as u32) < 0x250 || ('\u{1E00}'..='\u{1EFF}').contains(&c) {
                (latin + 1, other)
            } else {
                (latin, other + 1)
            }
        })
}

/// Whether most letters of `text` are Latin, looking at no more than its first 64 KB.
pub fn mostly_latin(text: &str) -> bool {
    let sample = text
        .char_indices()
        .take_while(|(i, _)| *i < 65_536)
        .map(|(_, c)| c)
        .collect::<String>();
    let (latin, other) = scripts(&sample);
    latin >= other * 2
}

/// A line that is only a date, perhaps with a label and a clock time ("Published: Monday, 20 March
/// 2017, 09:14 GMT"): the date, its precision, and whether day and month could be swapped.
pub fn date_line(line: &str) -> Option<(Date, DatePrecision, bool)> {
    let line = line.trim();
    if line.len() > 120 {
        return None;
    }
    let mention = find_date(line)?;
    let (date, precision) = mention.resolve(None)?;
    let rest = format!(
        "{} {}",
        line.get(..mention.span.start)?,
        line.get(mention.span.end..)?
    );
    const LABELS: &[&str] = &[
        "published",
        "updated",
        "posted",
        "last",
        "date",
        "on",
        "at",
        "am",
        "pm",
        "gmt",
        "utc",
        "bst",
        "cet",
        "cest",
        "jst",
        "est",
        "edt",
        "pst",
        "pdt",
        "msk",
        "ist",
        "kst",
        "local",
        "time",
        "first",
        "modified",
        "dated",
        "h",
    ];
    let stray = rest
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .filter(|w| !LABELS.contains(&w.to_lowercase().as_str()))
        .count();
    (stray == 0).then_some((date, precision, mention.ambiguous))
}

/// The name in a byline ("By Jane Roe" → "Jane Roe").
pub fn byline(line: &str) -> Option<String> {
    let line = line.trim();
    let lower = line.to_lowercase();
    let rest_at = ["by ", "written by ", "words by ", "author: ", "reporter: "]
        .iter()
        .find(|p| lower.starts_with(*p))?
        .len();
    let name = line.get(rest_at..)?.trim();
    let words = name.split_whitespace().count();
    let capitalised = name.starts_with(|c: char| c.is_uppercase());
    ((1..=12).contains(&words) && capitalised && !name.ends_with('.')).then(|| name.to_string())
}

/// The publisher named by a "Source:" line, even one OCR tore apart ("Sou rce : Th e Jap an T imes"),
/// and whether the name had to be repaired or could not be.
pub fn source_line(line: &str) -> Option<(String, Option<String>)> {
    let line = line.trim();
    if line.len() > SHORT_LINE {
        return None;
    }
    // Find where the label ends by walking the line and its space-free form together.
    let mut squeezed = String::new();
    let mut label_end = None;
    for (i, c) in line.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        squeezed.extend(c.to_lowercase());
        if [
            "source:",
            "source-",
            "sources:",
            "publisher:",
            "quelle:",
            "fuente:",
            "источник:",
        ]
        .contains(&squeezed.as_str())
        {
            label_end = Some(i + c.len_utf8());
            break;
        }
        if squeezed.len() > 20 {
            return None;
        }
    }
    let raw = line.get(label_end?..)?.trim();
    if raw.is_empty() {
        return None;
    }
    if !is_garbled(raw) {
        return Some((raw.to_string(), None));
    }
    let key: String = raw
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    let known = KNOWN_PUBLISHERS.iter().find(|p| {
        p.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase()
            == key
    });
    match known {
        Some(p) => Some((
            p.to_string(),
            Some(format!("source line {line:?} looks garbled; read as {p:?}")),
        )),
        None => Some((
            raw.split_whitespace().collect::<Vec<_>>().join(" "),
            Some(format!(
                "source line {line:?} looks garbled; kept as written"
            )),
        )),
    }
}

/// A copyright notice, and the holder it names ("© 2017 The Japan Times. All rights reserved.").
pub fn copyright(line: &str) -> Option<Option<String>> {
    let line = line.trim();
    let lower = line.to_lowercase();
    let start = ["©", "(c)", "copyright"]
        .iter()
        .find(|p| lower.starts_with(*p))?
        .len();
    if line.len() > SHORT_LINE {
        return None;
    }
    let holder: String = line
        .get(start..)?
        .split(['.', '|'])
        .next()
        .unwrap_or_default()
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || c.is_whitespace() || c == '-' || c == '©' || c == ','
        })
        .trim()
        .to_string();
    let holder =
        (!holder.is_empty() && !holder.to_lowercase().starts_with("all rights")).then_some(holder);
    Some(holder)
}

/// OCR debris: a line torn into fragments ("Sou rce : Th e Jap an T imes").
pub fn is_garbled(line: &str) -> bool {
    // Counted in one pass without collecting the words: a line can be megabytes long.
    let (mut words, mut short, mut single_letters) = (0usize, 0usize, 0usize);
    for w in line.split_whitespace() {
        words += 1;
        let mut chars = w.chars();
        let first = chars.next();
        let length = usize::from(first.is_some()) + chars.take(3).count();
        short += usize::from(length <= 3);
        single_letters += usize::from(
            length == 1 && first.is_some_and(char::is_alphabetic) && !matches!(w, "a" | "A" | "I"),
        );
    }
    words >= 4 && short * 4 >= words * 3 && single_letters >= 2
}

/// A footer line of wire-service credits ("Reporting by Jane Roe; Editing by John Doe").
pub fn is_credit(line: &str) -> bool {
    let lower = line.trim().trim_start_matches('(').to_lowercase();
    line.len() <= SHORT_LINE
        && [
            "reporting by",
            "editing by",
            "additional reporting",
            "writing by",
            "compiled by",
            "translated by",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Whether a line can be a title: short, not ending mid-sentence, not continued on the next line.
pub fn is_title(line: &str, next: Option<&str>) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    if line.len() > SHORT_LINE || words == 0 || words > 25 {
        return false;
    }
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.iter().all(|c| !c.is_lowercase()) && letters.len() > 3;
    if line.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    if !capitals && line.ends_with(['.', ',', ';', ':', '-', '—']) {
        return false;
    }
    !next.is_some_and(|n| n.trim_start().starts_with(|c: char| c.is_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_lines() {
        for line in [
            "Share this article",
            "Home | World | Asia | Business",
            "Home  News  World  Politics",
            "* * *",
            "Advertisement",
            "We use cookies to improve your experience. Accept",
            "Tweet",
            "Read more: Japan protests",
            "~~ pa ge 3 of 3 ~~",
            "Page 2",
        ] {
            assert!(is_chrome(line, false, true), "{line}");
        }
        assert!(is_chrome("ニュース 政治 ビジネス", true, true));
        assert!(is_chrome("ジャパンタイムズ The Japan Times", true, true));
        assert!(!is_chrome("ジャパンタイムズ The Japan Times", true, false));
        for line in [
            "Japan Protests Russian Missile Test",
            "Japan's foreign minister met his Russian counterpart in Tokyo on Monday.",
            "Talks in Moscow / Tokyo stall",
        ] {
            assert!(!is_chrome(line, true, true), "{line}");
        }
    }

    #[test]
    fn date_lines() {
        let d = |y, m, day| Date::from_ymd(y, m, day).unwrap();
        assert_eq!(
            date_line("20.03.2017"),
            Some((d(2017, 3, 20), DatePrecision::Day, false))
        );
        assert_eq!(
            date_line("Published: Monday, 20 March 2017, 09:14 GMT"),
            Some((d(2017, 3, 20), DatePrecision::Day, false))
        );
        assert_eq!(
            date_line("Updated March 20, 2017 at 9:14 am JST"),
            Some((d(2017, 3, 20), DatePrecision::Day, false))
        );
        assert_eq!(date_line("04/05/2017").map(|x| x.2), Some(true));
        assert_eq!(date_line("Talks resumed on March 20, 2017"), None);
        assert_eq!(date_line("March 20"), None);
    }

    #[test]
    fn bylines_sources_and_copyright() {
        assert_eq!(byline("By Jane Roe"), Some("Jane Roe".into()));
        assert_eq!(byline("By the end of the day, talks had failed."), None);
        assert_eq!(
            source_line("Source: Kyodo News"),
            Some(("Kyodo News".into(), None))
        );
        let (p, warning) = source_line("Sou rce : Th e Jap an T imes").unwrap();
        assert_eq!(p, "The Japan Times");
        assert!(warning.is_some());
        assert_eq!(source_line("Sources said the talks failed"), None);
        assert_eq!(
            copyright("© 2017 The Japan Times. All rights reserved."),
            Some(Some("The Japan Times".into()))
        );
        assert_eq!(
            copyright("Copyright 2017. All rights reserved."),
            Some(None)
        );
        assert!(is_credit("(Reporting by Jane Roe; Editing by John Doe)"));
    }

    #[test]
    fn garbled_and_titles() {
        assert!(is_garbled("Th e Jap an T imes rep ort ed"));
        assert!(!is_garbled("He met the PM in Tokyo on a Monday"));
        assert!(is_title(
            "JAPAN PROTESTS MISSILE TEST",
            Some("Tokyo lodged a protest.")
        ));
        assert!(is_title("Japan protests missile test", None));
        assert!(!is_title(
            "The minister said that the",
            Some("talks would resume.")
        ));
        assert!(!is_title("Japan protested the test.", None));
    }
}
