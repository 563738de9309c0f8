//! The word lexer: cuts text into token byte ranges following UD English EWT conventions.
//!
//! The lexer makes one left-to-right pass. Text is first cut at whitespace into chunks; inside a
//! chunk a token starts at each position and grows by rules that look a bounded distance ahead,
//! so the whole pass is linear in the input whatever it contains. No token is longer than
//! [`MAX_TOKEN_BYTES`](super::MAX_TOKEN_BYTES).

use super::lexicon;
use super::MAX_TOKEN_BYTES;

/// A token's byte range in the text being tokenized; `text[start..end]` is always a valid slice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Piece {
    pub start: usize,
    pub end: usize,
}

/// Characters that separate tokens: Unicode whitespace (including no-break and ideographic
/// spaces), the invisible zero-width spaces and joiners that web text scatters about, and control
/// characters, which only appear in broken input.
pub(super) fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}')
}

/// Characters that continue a word: letters, digits, the underscore of e-mail addresses and
/// identifiers, and combining marks, which belong to the letter before them.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C | 0x200D
        | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '`')
}

/// Punctuation that forms one token when repeated (`--`, `!!!`, `......`, `=====`, `>>`).
fn repeats_as_one(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | '-'
            | '='
            | '*'
            | '~'
            | '_'
            | '<'
            | '>'
            | '#'
            | '+'
            | '^'
            | '|'
            | '$'
            | '\\'
            | '/'
            | '—'
            | '–'
            | '\''
            | '`'
    )
}

/// Appends the tokens of `text` to `out`.
pub(super) fn lex(text: &str, out: &mut Vec<Piece>) {
    let mut chunk_start = None;
    for (i, c) in text.char_indices() {
        if is_separator(c) {
            if let Some(start) = chunk_start.take() {
                Lexer { text, end: i }.chunk(start, out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(start) = chunk_start {
        Lexer {
            text,
            end: text.len(),
        }
        .chunk(start, out);
    }
}

/// Lexes one whitespace-free chunk `text[start..end]`; it may look past `end` only to find the
/// first character of the next chunk.
struct Lexer<'t> {
    text: &'t str,
    end: usize,
}

impl<'t> Lexer<'t> {
    /// The character at byte `i`, if `i` is inside the chunk and on a boundary.
    fn at(&self, i: usize) -> Option<char> {
        if i >= self.end {
            return None;
        }
        self.text.get(i..self.end)?.chars().next()
    }

    /// The character just before byte `i`, if any, within the text.
    fn before(&self, i: usize) -> Option<char> {
        self.text.get(..i)?.chars().next_back()
    }

    fn chunk(&self, mut i: usize, out: &mut Vec<Piece>) {
        while let Some(c) = self.at(i) {
            let next = if let Some(end) = self.url(i) {
                push(self.text, i, end, out);
                end
            } else if is_word_char(c) {
                self.word(i, i, out)
            } else if self.handle(i, c) {
                // @paulhastings.com, @Reuters, #audiobooks: the sign belongs to the word.
                self.word(i, i + c.len_utf8(), out)
            } else {
                let end = self.punctuation(i, c);
                push(self.text, i, end, out);
                end
            };
            // Every branch consumes at least one character; the guard keeps that true for good.
            i = if next > i { next } else { i + c.len_utf8() };
        }
    }

    /// A URL starting at `i`: to the end of the chunk, less trailing punctuation that belongs to
    /// the sentence (a `)` is kept when the URL opened one).
    fn url(&self, i: usize) -> Option<usize> {
        let rest = self.text.get(i..self.end)?;
        let bytes = rest.as_bytes();
        let is_url = [
            "http://", "https://", "ftp://", "www.", "mailto:", "file://",
        ]
        .iter()
        .any(|scheme| {
            bytes
                .get(..scheme.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(scheme.as_bytes()))
        });
        if !is_url || rest.len() < 5 {
            return None;
        }
        let opened = rest.contains('(');
        let trimmed = rest.trim_end_matches(|c: char| {
            matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | ']' | '}' | '>' | '"' | '\'' | '”' | '’' | '»'
            ) || (c == ')' && !opened)
        });
        Some(i + trimmed.len().max(4))
    }

    /// Lexes the word starting at `i` (and a clitic after it) and returns where lexing resumes.
    fn word(&self, start: usize, first_run: usize, out: &mut Vec<Piece>) -> usize {
        let mut j = first_run;
        // Where the last letter/digit run began, and whether a hyphen or slash of digits was kept.
        let mut run_start;
        let mut kept_digit_joint = false;
        loop {
            run_start = j;
            j = self.run_end(j);
            let Some(c) = self.at(j) else { break };
            let after = j + c.len_utf8();
            let next = self.at(after);
            let prev = self.before(j);
            let next_is_word = next.is_some_and(is_word_char);
            let digits_around = prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit());
            match c {
                // 3.5, U.S, a.m, enron.com, file.doc
                '.' if next_is_word => j = after,
                // franz371...@gmail.com: an address with its local part elided.
                '.' if self.text.get(j..).is_some_and(|r| r.starts_with("...@")) => j += 4,
                '.' if next != Some('.') && next != Some('…') => {
                    let word = self.text.get(start..j).unwrap_or("");
                    let following = self.following_char(after);
                    if lexicon::is_abbreviation(word, following) {
                        j = after;
                    }
                    break;
                }
                // 1,000 and 3,202.61 but not 1,2 or "5,and".
                ',' if digits_around && self.digit_run(after) == 3 => j = after,
                // 3:30 and 10:45:12
                ':' if digits_around => j = after,
                '-' if next_is_word
                    && self.keeps_hyphen(start, run_start, j, after, kept_digit_joint) =>
                {
                    kept_digit_joint |= digits_around;
                    j = after;
                }
                '/' if digits_around
                    && (kept_digit_joint || self.keeps_slash(run_start, j, after)) =>
                {
                    kept_digit_joint = true;
                    j = after;
                }
                // AT&T, PG&E
                '&' if prev.is_some_and(char::is_uppercase)
                    && next.is_some_and(char::is_uppercase) =>
                {
                    j = after
                }
                '.' => break,
                // E-mail addresses: the local part was joined by the rules above.
                '@' if next_is_word && j > start => j = after,
                c if is_apostrophe(c) => {
                    let clitic_end = self.run_end(after);
                    let clitic = self.text.get(after..clitic_end).unwrap_or("");
                    let digits_before = self
                        .text
                        .get(run_start..j)
                        .is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()));
                    if digits_before && clitic.eq_ignore_ascii_case("s") {
                        // The 1970's, 12's: EWT keeps a decade's or number's 's attached.
                        j = clitic_end;
                        break;
                    }
                    if lexicon::is_clitic(clitic) && j > start {
                        push_word(self.text, start, j, out);
                        push(self.text, j, clitic_end, out);
                        return clitic_end;
                    }
                    if clitic.eq_ignore_ascii_case("t")
                        && matches!(prev, Some('n' | 'N'))
                        && j - 1 > start
                    {
                        // n't: the n belongs to the clitic (`ca` + `n't`, `do` + `n't`).
                        push_word(self.text, start, j - 1, out);
                        push(self.text, j - 1, clitic_end, out);
                        return clitic_end;
                    }
                    if !clitic.is_empty() && clitic_end - after <= 12 {
                        // O'Brien, Qa'ida, rock'n'roll: an apostrophe inside a name.
                        j = after;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        push_word(self.text, start, j, out);
        j
    }

    /// Whether the `@` or `#` at `i` starts a handle, address or hashtag: it opens the chunk or
    /// follows punctuation, and a letter follows it (`# 1` stays two tokens, as in EWT).
    fn handle(&self, i: usize, c: char) -> bool {
        let follows_word = self.before(i).is_some_and(is_word_char);
        let next = self.at(i + c.len_utf8());
        let next_ok = match c {
            '@' => next.is_some_and(is_word_char),
            '#' => next.is_some_and(char::is_alphabetic),
            _ => false,
        };
        next_ok && !follows_word
    }

    /// The end of the run of word characters starting at `i`.
    fn run_end(&self, i: usize) -> usize {
        let rest = self.text.get(i..self.end).unwrap_or("");
        match rest.char_indices().find(|&(_, c)| !is_word_char(c)) {
            Some((k, _)) => i + k,
            None => self.end,
        }
    }

    /// How many ASCII digits follow `i`, counting at most 5.
    fn digit_run(&self, i: usize) -> usize {
        let rest = self.text.get(i..self.end).unwrap_or("");
        rest.bytes().take(5).take_while(u8::is_ascii_digit).count()
    }

    /// The first non-whitespace character at or after byte `i`, looking at most a few bytes
    /// into the next chunk.
    fn following_char(&self, i: usize) -> Option<char> {
        self.text
            .get(i..)?
            .chars()
            .take(8)
            .find(|c| !is_separator(*c))
    }

    /// Whether the hyphen at `j` stays inside the word begun at `start`. EWT splits hyphenated
    /// compounds (`15 - year`, `well - known`) but keeps a few prefixes (`non-stop`, `e-mail`)
    /// and digit groups such as telephone numbers (`713-853-3989`, `345-9945`).
    /// `digit_group_kept` says an earlier hyphen or slash between digits was kept in this word.
    fn keeps_hyphen(
        &self,
        start: usize,
        run_start: usize,
        j: usize,
        after: usize,
        digit_group_kept: bool,
    ) -> bool {
        let left = self.text.get(run_start..j).unwrap_or("");
        if left.bytes().all(|b| b.is_ascii_digit()) {
            let right = self.digit_run(after);
            return right > 0
                && (digit_group_kept || right >= 4 || (left.len() == 3 && right == 3));
        }
        run_start == start
            && (self
                .text
                .get(start..j)
                .is_some_and(lexicon::is_hyphen_prefix)
                || self.hyphenated_given_name(start, j, after))
    }

    /// A romanised Korean given name after its family name (`Moon Jae-in`, `Kim Jong-un`,
    /// `Lee Myung-bak`) stays one word: split, its lower-case half reads as an English word ("in",
    /// "un") and breaks the sentence's parse. The word before must be a short capitalised name,
    /// the left half a capitalised syllable and the right half a lower-case one that ends the word.
    fn hyphenated_given_name(&self, start: usize, j: usize, after: usize) -> bool {
        let syllable = |s: &str, capital: bool| {
            let mut chars = s.chars();
            let first_ok = chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() && c.is_ascii_uppercase() == capital);
            (2..=5).contains(&s.len()) && first_ok && chars.all(|c| c.is_ascii_lowercase())
        };
        let left = self.text.get(start..j).unwrap_or("");
        let right_end = self.run_end(after);
        let right = self.text.get(after..right_end).unwrap_or("");
        let ends_word = !self
            .text
            .get(right_end..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c.is_alphanumeric() || c == '-');
        let family = self
            .text
            .get(..start)
            .and_then(|before| before.strip_suffix(' '))
            .and_then(|before| before.rsplit(' ').next())
            .unwrap_or("");
        syllable(left, true) && syllable(right, false) && ends_word && syllable(family, true)
    }

    /// Whether the slash at `j` between digits is part of a date (`9/11`, `3/8/00`) rather than a
    /// fraction or range (`1 / 2`, `20 / 20`), which EWT splits.
    fn keeps_slash(&self, run_start: usize, j: usize, after: usize) -> bool {
        let left = self.text.get(run_start..j).unwrap_or("");
        let right_len = self.digit_run(after);
        let right = self.text.get(after..after + right_len).unwrap_or("");
        let (Ok(month), Ok(day)) = (left.parse::<u32>(), right.parse::<u32>()) else {
            return false;
        };
        let fraction = left.len() == 1 && right.len() == 1 && month < day;
        let third_part = self.at(after + right_len) == Some('/');
        (1..=12).contains(&month) && (1..=31).contains(&day) && (third_part || !fraction)
    }

    /// The end of the punctuation token starting at `i` with character `c`.
    fn punctuation(&self, i: usize, c: char) -> usize {
        let after = i + c.len_utf8();
        if let Some(end) = self.emoticon(i) {
            return end;
        }
        // .doc after a closing bracket: a file extension.
        if c == '.' && self.before(i).is_some_and(|p| matches!(p, ')' | ']')) {
            let end = self.run_end(after);
            let extension = self.text.get(after..end).unwrap_or("");
            if (2..=4).contains(&extension.len())
                && extension.bytes().all(|b| b.is_ascii_lowercase())
            {
                return end;
            }
        }
        // .04 and .5: a number written without its leading zero.
        if c == '.' && self.digit_run(after) > 0 {
            return self.run_end(after);
        }
        // '72 and ’73: a year with its century elided.
        if is_apostrophe(c) && self.digit_run(after) == 2 && self.run_end(after) == after + 2 {
            return after + 2;
        }
        if c == '.' || c == '!' || c == '?' || c == '…' {
            // .?!, ...?!!! and …. are one token each in EWT.
            let rest = self.text.get(i..self.end).unwrap_or("");
            let len = rest
                .char_indices()
                .find(|&(_, d)| !matches!(d, '.' | '!' | '?' | '…'))
                .map_or(rest.len(), |(k, _)| k);
            return i + len;
        }
        if c == '‘' || c == '’' {
            // ‘’ and ’’ stand for a double quotation mark.
            let rest = self.text.get(i..self.end).unwrap_or("");
            let len = rest
                .char_indices()
                .find(|&(_, d)| d != '‘' && d != '’')
                .map_or(rest.len(), |(k, _)| k);
            return i + len;
        }
        if repeats_as_one(c) {
            let rest = self.text.get(i..self.end).unwrap_or("");
            let len = rest
                .char_indices()
                .find(|&(_, d)| d != c)
                .map_or(rest.len(), |(k, _)| k);
            return i + len;
        }
        after
    }

    /// A western emoticon such as `:)`, `:-(` or `;D` starting at `i`, when nothing word-like
    /// follows it.
    fn emoticon(&self, i: usize) -> Option<usize> {
        let rest = self.text.get(i..self.end)?;
        let mut chars = rest.char_indices();
        let (_, eyes) = chars.next()?;
        if !matches!(eyes, ':' | ';' | '=') {
            return None;
        }
        let (mut k, mut mouth) = chars.next()?;
        if matches!(mouth, '-' | '\'' | 'o' | '^') {
            (k, mouth) = chars.next()?;
        }
        if !matches!(
            mouth,
            ')' | '(' | ']' | '[' | 'D' | 'P' | 'p' | '/' | '|' | '*'
        ) {
            return None;
        }
        let end = i + k + mouth.len_utf8();
        match self.at(end) {
            Some(c) if is_word_char(c) => None,
            _ => Some(end),
        }
    }
}

/// Pushes a word, split into two syntactic words when it is a fused contraction (`dont`,
/// `cannot`, `gonna`) or a number with its unit (`375mm`).
fn push_word(text: &str, start: usize, end: usize, out: &mut Vec<Piece>) {
    let word = text.get(start..end);
    if let Some(at) = word
        .and_then(lexicon::fused_split)
        .or(word.and_then(lexicon::unit_split))
    {
        push(text, start, start + at, out);
        push(text, start + at, end, out);
    } else {
        push(text, start, end, out);
    }
}

/// Pushes `text[start..end]`, cut into pieces of at most `MAX_TOKEN_BYTES` on character
/// boundaries so that no hostile run of letters becomes one enormous token.
fn push(text: &str, start: usize, end: usize, out: &mut Vec<Piece>) {
    let mut start = start;
    while end > start {
        let mut cut = end.min(start + MAX_TOKEN_BYTES);
        while cut > start && !text.is_char_boundary(cut) {
            cut -= 1;
        }
        if cut == start {
            // Cannot happen for valid UTF-8 (a char is at most 4 bytes); stop rather than loop.
            break;
        }
        out.push(Piece { start, end: cut });
        start = cut;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<&str> {
        let mut pieces = Vec::new();
        lex(text, &mut pieces);
        pieces.iter().map(|p| &text[p.start..p.end]).collect()
    }

    #[test]
    fn splits_clitics() {
        assert_eq!(forms("I don't know"), ["I", "do", "n't", "know"]);
        assert_eq!(forms("I'm here"), ["I", "'m", "here"]);
        assert_eq!(forms("John's car"), ["John", "'s", "car"]);
        assert_eq!(forms("can't won't"), ["ca", "n't", "wo", "n't"]);
        assert_eq!(forms("it’s"), ["it", "’s"]);
        assert_eq!(forms("They'll"), ["They", "'ll"]);
    }

    #[test]
    fn splits_fused_contractions() {
        assert_eq!(forms("cannot"), ["can", "not"]);
        assert_eq!(forms("gonna"), ["gon", "na"]);
        assert_eq!(forms("Dont"), ["Do", "nt"]);
    }

    #[test]
    fn keeps_names_with_apostrophes() {
        assert_eq!(forms("O'Brien"), ["O'Brien"]);
        assert_eq!(forms("al-Qa'ida"), ["al", "-", "Qa'ida"]);
    }

    #[test]
    fn possessive_plural_apostrophe_is_a_token() {
        assert_eq!(forms("parents' house"), ["parents", "'", "house"]);
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(
            forms("3.5 1,000 3:30 3,202.61"),
            ["3.5", "1,000", "3:30", "3,202.61"]
        );
        assert_eq!(forms("$5"), ["$", "5"]);
        assert_eq!(forms("5%"), ["5", "%"]);
        assert_eq!(forms("1,2"), ["1", ",", "2"]);
        assert_eq!(forms("$.04"), ["$", ".04"]);
    }

    #[test]
    fn hyphens_follow_ewt() {
        assert_eq!(forms("15-year"), ["15", "-", "year"]);
        assert_eq!(forms("well-known"), ["well", "-", "known"]);
        assert_eq!(forms("e-mail non-stop"), ["e-mail", "non-stop"]);
        assert_eq!(forms("713-853-3989"), ["713-853-3989"]);
        assert_eq!(forms("5-10"), ["5", "-", "10"]);
        assert_eq!(forms("5:00-8:30"), ["5:00", "-", "8:30"]);
        assert_eq!(forms("a -- b"), ["a", "--", "b"]);
        assert_eq!(forms("a—b"), ["a", "—", "b"]);
    }

    #[test]
    fn korean_given_names_stay_whole() {
        assert_eq!(
            forms("President Moon Jae-in met Kim Jong-un"),
            ["President", "Moon", "Jae-in", "met", "Kim", "Jong-un"]
        );
        assert_eq!(forms("Lee Myung-bak's"), ["Lee", "Myung-bak", "'s"]);
        // Not after a name, or with a longer right half: split as EWT does.
        assert_eq!(forms("Well-known"), ["Well", "-", "known"]);
        assert_eq!(forms("the Jae-in"), ["the", "Jae", "-", "in"]);
        assert_eq!(forms("Tom Jae-inside"), ["Tom", "Jae", "-", "inside"]);
    }

    #[test]
    fn slashes_keep_dates_only() {
        assert_eq!(forms("9/11 3/8/00"), ["9/11", "3/8/00"]);
        assert_eq!(forms("1/2 and/or"), ["1", "/", "2", "and", "/", "or"]);
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(forms("Mr. Smith"), ["Mr.", "Smith"]);
        assert_eq!(forms("the U.S."), ["the", "U.S."]);
        assert_eq!(forms("No. 1"), ["No.", "1"]);
        assert_eq!(forms("said no."), ["said", "no", "."]);
        assert_eq!(
            forms("Jennifer M. Anderson"),
            ["Jennifer", "M.", "Anderson"]
        );
        assert_eq!(forms("etc..."), ["etc", "..."]);
    }

    #[test]
    fn urls_and_emails_stay_whole() {
        assert_eq!(
            forms("(http://example.com/a-b?c=d)."),
            ["(", "http://example.com/a-b?c=d", ")", "."]
        );
        assert_eq!(
            forms("<carol.st.clair@enron.com>"),
            ["<", "carol.st.clair@enron.com", ">"]
        );
        assert_eq!(forms("www.cnn.com."), ["www.cnn.com", "."]);
    }

    #[test]
    fn punctuation_runs() {
        assert_eq!(forms("What?!"), ["What", "?!"]);
        assert_eq!(forms("wait..."), ["wait", "..."]);
        assert_eq!(forms("\"Hi,\" he"), ["\"", "Hi", ",", "\"", "he"]);
        assert_eq!(forms("“Hi”"), ["“", "Hi", "”"]);
    }

    #[test]
    fn handles_hashtags_and_elided_addresses() {
        assert_eq!(
            forms("join #audiobooks or # 1"),
            ["join", "#audiobooks", "or", "#", "1"]
        );
        assert_eq!(
            forms("plus @paulhastings.com"),
            ["plus", "@paulhastings.com"]
        );
        assert_eq!(forms("franz371...@gmail.com"), ["franz371...@gmail.com"]);
        assert_eq!(forms("(draft).doc"), ["(", "draft", ")", ".doc"]);
    }

    #[test]
    fn units_and_decades() {
        assert_eq!(
            forms("375mm 39K 5th 1990s"),
            ["375", "mm", "39", "K", "5th", "1990s"]
        );
        assert_eq!(forms("the 70's"), ["the", "70's"]);
        assert_eq!(forms("$$$"), ["$$$"]);
        assert_eq!(forms("7:30PM"), ["7:30", "PM"]);
        assert_eq!(forms("‘’quoted’’"), ["‘’", "quoted", "’’"]);
    }

    #[test]
    fn emoticons() {
        assert_eq!(
            forms("great :-) thanks ;)"),
            ["great", ":-)", "thanks", ";)"]
        );
        assert_eq!(forms("Note:Please"), ["Note", ":", "Please"]);
    }

    #[test]
    fn non_ascii_letters_and_spaces() {
        assert_eq!(forms("İnada\u{a0}Шойгу ı"), ["İnada", "Шойгу", "ı"]);
        assert_eq!(forms("café\u{301}s"), ["café\u{301}s"]);
    }

    #[test]
    fn long_runs_are_cut() {
        let text = "é".repeat(MAX_TOKEN_BYTES);
        let mut pieces = Vec::new();
        lex(&text, &mut pieces);
        assert_eq!(pieces.len(), 2);
        assert!(pieces.iter().all(|p| p.end - p.start <= MAX_TOKEN_BYTES));
    }
}
