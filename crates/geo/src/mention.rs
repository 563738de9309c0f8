//! Place mentions: proper-noun spans of a sentence matched against the gazetteer and
//! disambiguated by the story.
//!
//! A mention starts and ends on a `PROPN` token and may hold the small words of place names
//! inside ("Rio de Janeiro", "Strait of Hormuz"); the longest span the index knows wins. Among
//! the places a name may mean, the choice weighs population and kind ([`Gazetteer::lookup`]'s
//! order), the story's countries, the countries the sentence names (also through demonyms:
//! "Lebanese troops in Tripoli"), and a following container ("Paris, Texas"). Demonyms are never
//! places themselves. Because persons and organisations share names with towns ("Vladimir Putin",
//! "the Washington Post"), a town glued to another proper noun is not a mention, and a one-word
//! town that is not big needs support: a locative preposition before it or a story in its
//! country. Abbreviations ("US", "La.") match only abbreviations.

use crate::gazetteer::{prior, Candidate};
use crate::normalize::normalize;
use crate::place::{CountryCode, Place, PlaceKind};
use crate::{Gazetteer, GeoError};
use petrel_core::{Sentence, Span, Token, Upos};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Longest mention in tokens ("Democratic Republic of the Congo" is six).
const MAX_MENTION_TOKENS: usize = 7;
/// Sentences are scanned up to this many tokens; hostile input must not cost unbounded work.
pub(crate) const MAX_SCANNED_TOKENS: usize = 2_000;
/// Distinct places a story's tally keeps; later new places still count towards countries.
const MAX_STORY_PLACES: usize = 1_000;
/// A one-word town below this population needs support from the sentence or the story: a lone
/// capitalised word is more often a person ("Bush", "Mary", "Lopez" are towns too).
pub(crate) const SMALL_TOWN: u64 = 200_000;
/// The same for a town found by an alternate name.
pub(crate) const BIG_CITY: u64 = 500_000;
/// A capitalised word the tagger did not call a proper noun is still a place when it is the
/// own name of a city this big ("Algiers home").
const RESCUED_CITY: u64 = 1_000_000;

const STORY_COUNTRY_BONUS: f64 = 4.0;
const SENTENCE_COUNTRY_BONUS: f64 = 2.0;
pub(crate) const CONTAINER_BONUS: f64 = 5.0;
const DATELINE_TOWN_BONUS: f64 = 1.0;

/// Lowercase words allowed inside a multi-word place name.
const CONNECTORS: &[&str] = &[
    "de", "del", "da", "do", "dos", "das", "di", "du", "des", "la", "le", "les", "el", "al", "of",
    "the", "and", "upon", "on", "sur", "am", "an", "der", "den", "dem", "y", "-", ",", "&", "'s",
    "’s", "es", "ez", "ed", "ul", "bin", "ibn", "van", "von", "aux", "en", "e",
];

/// Prepositions after which a proper noun is very likely a place.
pub(crate) const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "around",
    "across",
    "throughout",
    "within",
    "into",
    "through",
    "off",
    "along",
    "over",
    "from",
    "to",
    "toward",
    "towards",
    "between",
];

/// Nouns after which "of" introduces the place itself: "the city of Aleppo".
pub(crate) const PLACE_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "province",
    "region",
    "state",
    "port",
    "capital",
    "district",
    "governorate",
    "outskirts",
    "suburbs",
    "centre",
    "center",
    "island",
    "streets",
    "north",
    "south",
    "east",
    "west",
    "heart",
];

/// Words that name part of a place ("northern Gaza", "Greater London"); a town after one of them
/// is still the town.
pub(crate) const PLACE_MODIFIERS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "greater",
    "upper",
    "lower",
    "downtown",
    "metropolitan",
    "old",
    "occupied",
    "rural",
    "coastal",
    "mount",
    "lake",
    "port",
];

/// Words that name the kind of a place ("Kherson Oblast", "Gaza City"); a town before one of
/// them is still the town.
pub(crate) const PLACE_TYPES: &[&str] = &[
    "city",
    "province",
    "region",
    "oblast",
    "governorate",
    "district",
    "state",
    "county",
    "prefecture",
    "municipality",
    "territory",
    "island",
    "islands",
    "valley",
    "port",
    "airport",
    "border",
    "crossing",
    "area",
];

/// Capitalised words that name towns somewhere but in English text are almost always something
/// else: "God" (Göd, Hungary), "Co." (a company, not Colorado), and months ("March", "May", a
/// town each) and weekdays (see [`never_a_place`]).
const NEVER_PLACES: &[&str] = &[
    "god",
    "christmas",
    "easter",
    "earth",
    "co",
    "ms",
    "mr",
    "mrs",
];

/// Whether a lowercased name is one of [`NEVER_PLACES`], a month or a weekday.
fn never_a_place(key: &str) -> bool {
    NEVER_PLACES.contains(&key)
        || petrel_core::calendar::is_month_name(key)
        || petrel_core::calendar::is_weekday_name(key)
}

/// Demonyms and adjectives of countries, ours (data/demonyms.tsv): never places, but evidence
/// of the country a sentence is about.
const DEMONYMS: &str = include_str!("../data/demonyms.tsv");

fn demonyms() -> &'static HashMap<String, String> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        DEMONYMS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(word, iso2)| (normalize(word), iso2.trim().to_string()))
            .filter(|(word, iso2)| !word.is_empty() && iso2.len() == 2)
            // "Israelis", "Ukrainians": the plural is as much a demonym.
            .flat_map(|(word, iso2)| [(format!("{word}s"), iso2.clone()), (word, iso2)])
            .collect()
    })
}

/// The country a demonym or country adjective points to ("Japanese" → `JP`), if it is one.
pub fn demonym_country(word: &str) -> Option<&'static str> {
    demonyms().get(&normalize(word)).map(String::as_str)
}

/// What is known of a story's geography before its sentences are resolved: the countries its
/// actors or dateline name, the dateline's place, and the place its mentions name most.
#[derive(Clone, Debug, Default)]
pub struct StoryContext {
    countries: Vec<CountryCode>,
    dateline: Option<Place>,
    main_place: Option<Place>,
    /// Places noted so far with how often and in which order they were first seen.
    tally: Vec<(Place, u32)>,
}

impl StoryContext {
    pub fn new() -> StoryContext {
        StoryContext::default()
    }

    /// A context with the countries of `codes` (ISO alpha-2 or alpha-3, as actor codes start).
    pub fn with_countries(gazetteer: &Gazetteer, codes: &[&str]) -> Result<StoryContext, GeoError> {
        let mut context = StoryContext::new();
        for code in codes {
            context.add_country(gazetteer.try_country_code(code)?);
        }
        Ok(context)
    }

    pub fn add_country(&mut self, code: CountryCode) {
        if !self.countries.contains(&code) {
            self.countries.push(code);
        }
    }

    pub fn countries(&self) -> &[CountryCode] {
        &self.countries
    }

    /// Resolves a dateline ("KYIV, Ukraine", "Paris") and makes its place and country part of the
    /// story; returns the place, or `None` when the gazetteer does not know the name.
    pub fn set_dateline(&mut self, gazetteer: &Gazetteer, dateline: &str) -> Option<&Place> {
        let mut parts = dateline.split(',').map(str::trim);
        let name = parts.next().unwrap_or("");
        let hint = parts.next().map(normalize);
        let hint_places: Vec<&Place> = hint
            .iter()
            .flat_map(|h| gazetteer.candidates(h))
            .filter(|c| matches!(c.place.kind, PlaceKind::Country | PlaceKind::Region))
            .map(|c| c.place)
            .collect();
        let best = gazetteer
            .candidates(&normalize(name))
            .map(|c| {
                let mut score = prior(c) + self.country_bonus(c.place);
                // A dateline names a town ("GAZA" is Gaza City, not Mozambique's Gaza province).
                if c.place.kind == PlaceKind::City {
                    score += DATELINE_TOWN_BONUS;
                }
                if hint_places.iter().any(|h| contains(h, c.place)) {
                    score += CONTAINER_BONUS;
                }
                (score, c.place)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, place)| place.clone())?;
        if let Some(code) = best.country {
            self.add_country(code);
        }
        self.dateline = Some(best);
        self.dateline.as_ref()
    }

    pub fn dateline(&self) -> Option<&Place> {
        self.dateline.as_ref()
    }

    /// The place the story's mentions name most often (ties go to the more precise, then the
    /// earlier), once [`StoryContext::note_mentions`] has seen some.
    pub fn main_place(&self) -> Option<&Place> {
        self.main_place.as_ref()
    }

    /// Counts a sentence's mentions towards the story's main place, and adds their countries.
    pub fn note_mentions(&mut self, mentions: &[PlaceMention<'_>]) {
        for mention in mentions {
            let place = mention.place;
            let full = self.tally.len() >= MAX_STORY_PLACES;
            match self.tally.iter_mut().find(|(p, _)| same_place(p, place)) {
                Some((_, count)) => *count += 1,
                // Bounded, so that a hostile story cannot make this quadratic without limit.
                None if !full => self.tally.push((place.clone(), 1)),
                None => {}
            }
            if let Some(code) = place.country {
                self.add_country(code);
            }
        }
        let best = self
            .tally
            .iter()
            .filter(|(p, _)| p.kind != PlaceKind::Continent)
            .enumerate()
            .max_by_key(|(order, (p, count))| {
                (*count, specificity(p.kind), std::cmp::Reverse(*order))
            });
        self.main_place = best.map(|(_, (p, _))| p.clone());
    }

    fn country_bonus(&self, place: &Place) -> f64 {
        match place.country {
            Some(code) if self.countries.contains(&code) => STORY_COUNTRY_BONUS,
            _ => 0.0,
        }
    }
}

/// A proper-noun span of a sentence resolved to a place.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMention<'g> {
    /// The first and last token of the span, 1-based as `Token::head` counts.
    pub first: u32,
    pub last: u32,
    /// The span in the original text, when the tokens carry spans.
    pub span: Option<Span>,
    /// The words of the mention as the sentence writes them.
    pub text: String,
    pub place: &'g Place,
}

impl PlaceMention<'_> {
    /// True when token `id` (1-based) lies inside the mention.
    pub fn covers(&self, id: u32) -> bool {
        self.first <= id && id <= self.last
    }
}

/// A span the index knows, before disambiguation; token indexes are 0-based, `end` exclusive.
pub(crate) struct Match<'g> {
    pub start: usize,
    pub end: usize,
    pub key: String,
    pub candidates: Vec<Candidate<'g>>,
}

impl Gazetteer {
    /// The places a sentence mentions, in sentence order. Which tokens are proper nouns is the
    /// caller's business (the tagger, a supplied parse, or a test's heuristic).
    pub fn resolve_mentions<'g>(
        &'g self,
        sentence: &Sentence,
        context: &StoryContext,
    ) -> Vec<PlaceMention<'g>> {
        let tokens = sentence
            .tokens
            .get(..MAX_SCANNED_TOKENS)
            .unwrap_or(&sentence.tokens);
        let matches = self.find_matches(tokens);
        let evidence = sentence_countries(self, tokens, &matches);

        let mut mentions = Vec::new();
        let mut container_choice: Option<(usize, &'g Place)> = None;
        for (m_index, m) in matches.iter().enumerate() {
            // A container chosen for the previous mention ("Paris, [Texas]") stands.
            let forced = container_choice
                .filter(|(i, _)| *i == m_index)
                .map(|(_, place)| place);
            let container = matches
                .get(m_index + 1)
                .filter(|next| is_comma(tokens.get(m.end)) && next.start == m.end + 1);
            let mut best: Option<(f64, Candidate<'g>, Option<&'g Place>)> = None;
            // "PA", "La.": an abbreviation in the text matches only abbreviations in the index,
            // and those match nothing else ("Al" is not Alabama's "AL").
            let words = tokens.get(m.start..m.end).map(surface).unwrap_or_default();
            let abbreviated = crate::gazetteer::is_abbreviation(&words);
            for c in &m.candidates {
                if abbreviated != c.abbreviation {
                    continue;
                }
                if forced.is_some_and(|f| !std::ptr::eq(f, c.place)) {
                    continue;
                }
                let mut score = prior(*c) + context.country_bonus(c.place);
                if c.place
                    .country
                    .is_some_and(|code| evidence.iter().any(|(i, e)| *i != m_index && *e == code))
                {
                    score += SENTENCE_COUNTRY_BONUS;
                }
                let holder = container.and_then(|next| {
                    next.candidates
                        .iter()
                        .find(|h| h.place.kind != PlaceKind::City && contains(h.place, c.place))
                        .map(|h| h.place)
                });
                if holder.is_some() {
                    score += CONTAINER_BONUS;
                }
                // Written without `Option::is_none_or`, which is newer than the workspace's
                // declared minimum Rust (1.80).
                let better = match &best {
                    Some((s, _, _)) => score > *s,
                    None => true,
                };
                if better {
                    best = Some((score, *c, holder));
                }
            }
            let Some((_, chosen, holder)) = best else {
                continue;
            };
            let place = chosen.place;
            if let Some(holder) = holder {
                container_choice = Some((m_index + 1, holder));
            }
            let supported = holder.is_some()
                || forced.is_some()
                || context.country_bonus(place) > 0.0
                || has_locative_before(tokens, m.start)
                || place
                    .country
                    .is_some_and(|code| evidence.iter().any(|(_, e)| *e == code));
            if !self.is_plausible(tokens, m, chosen, supported) {
                continue;
            }
            mentions.push(mention(tokens, m, place));
        }
        mentions
    }

    /// Longest spans the index knows, left to right, that are not demonyms.
    pub(crate) fn find_matches<'g>(&'g self, tokens: &[Token]) -> Vec<Match<'g>> {
        let mut matches = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            // A name may start on a capitalised word the tagger did not call a proper noun
            // ("New" as ADJ in "New York"), but then it must be longer than that word.
            let starts_as_name = is_name(tokens.get(i));
            if !starts_as_name && !is_capitalised(tokens.get(i)) {
                i += 1;
                continue;
            }
            let mut found = None;
            let longest = MAX_MENTION_TOKENS.min(tokens.len() - i);
            for len in (1..=longest).rev() {
                let Some(span) = tokens.get(i..i + len) else {
                    continue;
                };
                // A capitalised word the tagger took for a common noun or an adjective
                // ("Chile has", "Egypt restricts", "Henan province") is a name when it names a
                // country, a big city or a division the next word types.
                let rescued = len == 1
                    && !starts_as_name
                    && is_capitalised(span.first())
                    && self.is_unmistakable(&normalize(&surface(span)), tokens.get(i + 1));
                if !(is_name(span.last()) || rescued)
                    || (len == 1 && !starts_as_name && !rescued)
                    || !span
                        .iter()
                        .all(|t| is_name(Some(t)) || is_capitalised(Some(t)) || is_connector(t))
                {
                    continue;
                }
                let key = normalize(&surface(span));
                if demonyms().contains_key(&key) && !self.is_country_name(&key) {
                    break;
                }
                // "North" or "Province" alone is part of a name, not a place.
                let lone_word = len == 1
                    && (PLACE_MODIFIERS.contains(&key.as_str())
                        || PLACE_TYPES.contains(&key.as_str())
                        || never_a_place(&key));
                if !lone_word && self.knows(&key) {
                    found = Some((len, key));
                    break;
                }
            }
            // "Idlib province", "the Kherson region": a lowercase type word may end the name.
            if let Some((len, key)) = &mut found {
                if let Some(next) = tokens.get(i + *len) {
                    let word = next.form.to_lowercase();
                    let longer = format!("{key} {word}");
                    if PLACE_TYPES.contains(&word.as_str()) && self.knows(&longer) {
                        *len += 1;
                        *key = longer;
                    }
                }
            }
            match found {
                Some((len, key)) => {
                    let candidates = self.candidates(&key).collect();
                    matches.push(Match {
                        start: i,
                        end: i + len,
                        key,
                        candidates,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        matches
    }

    /// Whether normalised `key` is the name of a country ("Laos" is, though it reads as the
    /// plural of the demonym "Lao").
    pub(crate) fn is_country_name(&self, key: &str) -> bool {
        self.candidates(key)
            .any(|c| c.place.kind == PlaceKind::Country && !c.abbreviation)
    }

    /// Whether normalised `key` names, by its own name, a country, a city of [`RESCUED_CITY`]
    /// people or more, or a first-order division that `next` types ("Henan province"): a word
    /// no tag should keep from being a place. Words that qualify places ("Central") and words
    /// that are almost never places are not.
    fn is_unmistakable(&self, key: &str, next: Option<&Token>) -> bool {
        if PLACE_MODIFIERS.contains(&key)
            || PLACE_TYPES.contains(&key)
            || never_a_place(key)
            || demonyms().contains_key(key) && !self.is_country_name(key)
        {
            return false;
        }
        let typed = next.is_some_and(|t| PLACE_TYPES.contains(&t.form.to_lowercase().as_str()));
        self.candidates(key).any(|c| {
            c.primary
                && !c.abbreviation
                && match c.place.kind {
                    PlaceKind::Country => true,
                    PlaceKind::City => c.place.population >= RESCUED_CITY,
                    PlaceKind::Region => typed,
                    _ => false,
                }
        })
    }

    /// Whether a resolved match is a place mention and not part of a person's or an
    /// organisation's name.
    fn is_plausible(
        &self,
        tokens: &[Token],
        m: &Match<'_>,
        chosen: Candidate<'_>,
        supported: bool,
    ) -> bool {
        let place = chosen.place;
        // A proper noun right before or after the match makes it part of a longer name
        // ("Columbia University", "Vladimir Putin"), unless that word only qualifies a place
        // ("northern", "Oblast") or is a demonym ("Russian President").
        let qualifies = |t: &Token| {
            let word = t.form.to_lowercase();
            PLACE_MODIFIERS.contains(&word.as_str())
                || PLACE_TYPES.contains(&word.as_str())
                || demonym_country(&t.form).is_some()
        };
        let glued = |token: Option<&Token>| is_name(token) && !token.is_some_and(qualifies);
        let glued_after = glued(tokens.get(m.end));
        let glued_before = glued(m.start.checked_sub(1).and_then(|i| tokens.get(i)));
        match place.kind {
            PlaceKind::City | PlaceKind::Region => {
                if glued_after || glued_before {
                    return false;
                }
                // One word, no support: only a big town by its own name, or a very big one by
                // another ("Kiev"); GeoNames' alternates include names such as "Google" (Topeka).
                let threshold = if chosen.primary { SMALL_TOWN } else { BIG_CITY };
                let small = place.kind == PlaceKind::City && place.population < threshold;
                !small || supported || m.key.contains(' ')
            }
            PlaceKind::Country => !glued_before,
            _ => true,
        }
    }
}

/// The places a sentence mentions, resolved against the builtin gazetteer. A sentence without a
/// proper noun mentions none (every mention ends on one), and is answered without decoding the
/// gazetteer, so a story without names never loads it.
pub fn resolve_mentions(sentence: &Sentence, context: &StoryContext) -> Vec<PlaceMention<'static>> {
    if !may_mention_places(sentence) {
        return Vec::new();
    }
    Gazetteer::builtin().resolve_mentions(sentence, context)
}

/// True when the part of `sentence` that [`Gazetteer::resolve_mentions`] reads holds a proper
/// noun: without one it finds no mention, whatever the gazetteer.
pub fn may_mention_places(sentence: &Sentence) -> bool {
    sentence
        .tokens
        .iter()
        .take(MAX_SCANNED_TOKENS)
        .any(|t| is_name(Some(t)))
}

/// The words of a span as the text writes them: "Cox's Bazar" stays one word before "Bazar".
pub(crate) fn surface(words: &[Token]) -> String {
    let mut text = String::new();
    for (i, t) in words.iter().enumerate() {
        text.push_str(&t.form);
        if t.space_after && i + 1 < words.len() {
            text.push(' ');
        }
    }
    text
}

pub(crate) fn mention<'g>(tokens: &[Token], m: &Match<'_>, place: &'g Place) -> PlaceMention<'g> {
    // "The Kremlin", "The Washington Post": the article is not part of the place's name.
    let start = match tokens.get(m.start) {
        Some(t) if m.end > m.start + 1 && t.form.eq_ignore_ascii_case("the") => m.start + 1,
        _ => m.start,
    };
    let words = tokens.get(start..m.end).unwrap_or(&[]);
    let text = surface(words);
    let span = match (
        words.first().and_then(|t| t.span),
        words.last().and_then(|t| t.span),
    ) {
        (Some(a), Some(b)) => Some(a.cover(b)),
        _ => None,
    };
    PlaceMention {
        first: start as u32 + 1,
        last: m.end as u32,
        span,
        text,
        place,
    }
}

/// Countries the sentence names, by demonym or by an unambiguous country name, with the index
/// of the match that named it (`usize::MAX` for a demonym).
fn sentence_countries(
    gazetteer: &Gazetteer,
    tokens: &[Token],
    matches: &[Match<'_>],
) -> Vec<(usize, CountryCode)> {
    let mut found = Vec::new();
    for (i, m) in matches.iter().enumerate() {
        let country = m
            .candidates
            .iter()
            .find(|c| c.place.kind == PlaceKind::Country && c.primary)
            .and_then(|c| c.place.country);
        if let Some(code) = country {
            found.push((i, code));
        }
    }
    for t in tokens
        .iter()
        .filter(|t| is_name(Some(t)) || t.upos == Upos::Adj)
    {
        if let Some(code) = demonym_country(&t.form).and_then(|iso2| gazetteer.country_code(iso2)) {
            found.push((usize::MAX, code));
        }
    }
    found
}

/// True when `place` lies inside `holder`, a country or region.
pub(crate) fn contains(holder: &Place, place: &Place) -> bool {
    if std::ptr::eq(holder, place) || holder.country.is_none() || holder.country != place.country {
        return false;
    }
    match holder.kind {
        PlaceKind::Country => place.kind != PlaceKind::Country,
        PlaceKind::Region => {
            place.kind == PlaceKind::City
                && (place.admin1.as_deref() == Some(holder.name.as_str())
                    || (holder.admin1_code.is_some() && holder.admin1_code == place.admin1_code))
        }
        _ => false,
    }
}

pub(crate) fn has_locative_before(tokens: &[Token], start: usize) -> bool {
    // Back over articles and modifiers to the first other word, which must be a locative
    // preposition: "in the northern town of Huwara" yes, "in front of Congress" no.
    let mut i = start;
    for _ in 0..4 {
        let Some(previous) = i.checked_sub(1) else {
            return false;
        };
        i = previous;
        let Some(token) = tokens.get(i) else {
            return false;
        };
        let word = token.form.to_lowercase();
        if matches!(word.as_str(), "the" | "a") || PLACE_MODIFIERS.contains(&word.as_str()) {
            continue;
        }
        if word == "of" {
            return i
                .checked_sub(1)
                .and_then(|j| tokens.get(j))
                .is_some_and(|t| PLACE_NOUNS.contains(&t.form.to_lowercase().as_str()));
        }
        return LOCATIVE.contains(&word.as_str());
    }
    false
}

pub(crate) fn is_name(token: Option<&Token>) -> bool {
    token.is_some_and(|t| t.upos == Upos::Propn)
}

fn is_capitalised(token: Option<&Token>) -> bool {
    token.is_some_and(|t| t.form.chars().next().is_some_and(char::is_uppercase))
}

fn is_connector(token: &Token) -> bool {
    CONNECTORS.contains(&token.form.as_str())
}

pub(crate) fn is_comma(token: Option<&Token>) -> bool {
    token.is_some_and(|t| t.form == ",")
}

fn same_place(a: &Place, b: &Place) -> bool {
    a.geonameid == b.geonameid && a.name == b.name && a.kind == b.kind
}

/// Higher is more precise.
pub(crate) fn specificity(kind: PlaceKind) -> u8 {
    match kind {
        PlaceKind::City => 4,
        PlaceKind::Region | PlaceKind::Island | PlaceKind::Territory | PlaceKind::Sea => 3,
        PlaceKind::Country => 2,
        PlaceKind::Continent => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sentence whose capitalised words are proper nouns.
    fn tagged(text: &str) -> Sentence {
        let mut sentence = Sentence::new(text);
        for word in text.split(' ') {
            let (core, comma) = match word.strip_suffix(',') {
                Some(core) => (core, true),
                None => (word, false),
            };
            let upos = if core.chars().next().is_some_and(char::is_uppercase) {
                Upos::Propn
            } else {
                Upos::X
            };
            sentence.tokens.push(Token::new(core).with_upos(upos));
            if comma {
                sentence.tokens.push(Token::new(",").with_upos(Upos::Punct));
            }
        }
        sentence
    }

    #[test]
    fn only_a_sentence_with_a_proper_noun_may_mention_a_place() {
        let plain = tagged("troops shelled the town near the river");
        assert!(!may_mention_places(&plain));
        assert!(resolve_mentions(&plain, &StoryContext::new()).is_empty());
        let named = tagged("troops shelled Donetsk on Monday");
        assert!(may_mention_places(&named));
        let found = resolve_mentions(&named, &StoryContext::new());
        assert_eq!(
            found.iter().map(|m| m.text.as_str()).collect::<Vec<_>>(),
            ["Donetsk"]
        );
        // Every sentence the gazetteer finds a place in passes the check.
        for text in [
            "Paris, Texas",
            "in New York on Monday",
            "the Gaza Strip",
            "they met in Kyiv",
        ] {
            let sentence = tagged(text);
            if !Gazetteer::builtin()
                .resolve_mentions(&sentence, &StoryContext::new())
                .is_empty()
            {
                assert!(may_mention_places(&sentence), "{text}");
            }
        }
    }

    fn resolved(text: &str, context: &StoryContext) -> Vec<(String, String)> {
        Gazetteer::builtin()
            .resolve_mentions(&tagged(text), context)
            .into_iter()
            .map(|m| {
                let country = m
                    .place
                    .country
                    .map_or("-".to_string(), |c| c.iso2().to_string());
                (m.text, format!("{} {}", m.place.name, country))
            })
            .collect()
    }

    #[test]
    fn multi_word_names_match_whole() {
        let found = resolved(
            "police raided favelas in Rio de Janeiro",
            &StoryContext::new(),
        );
        assert_eq!(
            found,
            [(
                "Rio de Janeiro".to_string(),
                "Rio de Janeiro BR".to_string()
            )]
        );
    }

    #[test]
    fn demonyms_are_not_places() {
        assert!(resolved("Japanese troops held drills", &StoryContext::new()).is_empty());
        assert_eq!(demonym_country("Israelis"), Some("IL"));
        assert_eq!(demonym_country("Japan"), None);
    }

    #[test]
    fn paris_is_french_unless_the_story_is_american() {
        let plain = resolved("talks in Paris", &StoryContext::new());
        assert_eq!(plain[0].1, "Paris FR");
        let gazetteer = Gazetteer::builtin();
        let american = StoryContext::with_countries(gazetteer, &["USA"]).expect("known code");
        assert_eq!(resolved("talks in Paris", &american)[0].1, "Paris US");
        let texas = resolved("a tornado hit Paris, Texas", &StoryContext::new());
        assert_eq!(texas[0].1, "Paris US");
        assert_eq!(texas[1].1, "Texas US");
    }

    #[test]
    fn a_demonym_in_the_sentence_picks_the_country() {
        let found = resolved("Lebanese troops deployed in Tripoli", &StoryContext::new());
        assert_eq!(found[0].1, "Tripoli LB");
        let found = resolved("militias clashed in Tripoli", &StoryContext::new());
        assert_eq!(found[0].1, "Tripoli LY");
    }

    #[test]
    fn names_of_people_and_organisations_are_not_places() {
        assert!(resolved("a call with Vladimir Putin", &StoryContext::new()).is_empty());
        assert!(resolved("reporters of the Washington Post", &StoryContext::new()).is_empty());
    }

    #[test]
    fn small_towns_need_a_locative_or_the_story() {
        // Huwara has about 5,500 people: a bare capitalised word is not enough.
        assert!(resolved("Huwara said nothing", &StoryContext::new()).is_empty());
        assert_eq!(
            resolved("settlers attacked cars in Huwara", &StoryContext::new())[0].1,
            "Huwara PS"
        );
    }

    #[test]
    fn acronyms_name_countries_not_villages() {
        let found = resolved("the UN envoy met US officials", &StoryContext::new());
        assert_eq!(found, [("US".to_string(), "United States US".to_string())]);
    }

    #[test]
    fn abbreviations_match_only_abbreviations() {
        let found = resolved("a rally in Alexandria, Va.", &StoryContext::new());
        assert_eq!(found[0].1, "Alexandria US");
        assert_eq!(found[1].1, "Virginia US");
        // Chongqing has the alternate name "Pa"; the text's "PA" is Pennsylvania.
        let found = resolved("a rally in PA", &StoryContext::new());
        assert_eq!(found[0].1, "Pennsylvania US");
    }

    #[test]
    fn datelines_resolve_with_their_country_hint() {
        let gazetteer = Gazetteer::builtin();
        let mut context = StoryContext::new();
        let place = context
            .set_dateline(gazetteer, "KYIV, Ukraine")
            .map(|p| p.name.clone());
        assert_eq!(place.as_deref(), Some("Kyiv"));
        assert_eq!(context.countries().len(), 1);
        let mut context = StoryContext::new();
        let place = context
            .set_dateline(gazetteer, "PARIS, Texas")
            .and_then(|p| p.admin1.clone());
        assert_eq!(place.as_deref(), Some("Texas"));
        assert!(StoryContext::new()
            .set_dateline(gazetteer, "Qzxwvlandia")
            .is_none());
    }

    #[test]
    fn the_main_place_is_the_most_named_then_the_most_precise() {
        let gazetteer = Gazetteer::builtin();
        let mut context = StoryContext::new();
        let first =
            gazetteer.resolve_mentions(&tagged("fighting in Ukraine near Kharkiv"), &context);
        context.note_mentions(&first);
        assert_eq!(
            context.main_place().map(|p| p.name.as_str()),
            Some("Kharkiv")
        );
        let second = gazetteer.resolve_mentions(&tagged("Ukraine asked for help"), &context);
        context.note_mentions(&second);
        assert_eq!(
            context.main_place().map(|p| p.name.as_str()),
            Some("Ukraine")
        );
    }

    #[test]
    fn unknown_country_codes_are_errors() {
        let err = StoryContext::with_countries(Gazetteer::builtin(), &["XYZ"]).unwrap_err();
        assert!(
            err.to_string().starts_with("unknown country code \"XYZ\""),
            "{err}"
        );
    }

    #[test]
    fn huge_sentences_are_scanned_up_to_the_bound() {
        let mut sentence = Sentence::new("");
        for _ in 0..(MAX_SCANNED_TOKENS + 500) {
            sentence
                .tokens
                .push(Token::new("Kyiv").with_upos(Upos::Propn));
        }
        let mentions = Gazetteer::builtin().resolve_mentions(&sentence, &StoryContext::new());
        assert!(mentions.len() <= MAX_SCANNED_TOKENS);
        assert!(mentions
            .iter()
            .all(|m| m.last as usize <= MAX_SCANNED_TOKENS));
    }

    #[test]
    fn mentions_carry_the_span_of_their_tokens() {
        let mut sentence = Sentence::new("in New York");
        for (form, start, upos) in [
            ("in", 0, Upos::Adp),
            ("New", 3, Upos::Propn),
            ("York", 7, Upos::Propn),
        ] {
            sentence.tokens.push(
                Token::new(form)
                    .with_upos(upos)
                    .with_span(Span::new(start, start + form.len())),
            );
        }
        let mentions = Gazetteer::builtin().resolve_mentions(&sentence, &StoryContext::new());
        assert_eq!(mentions[0].span, Some(Span::new(3, 11)));
        assert_eq!((mentions[0].first, mentions[0].last), (2, 3));
        assert_eq!(mentions[0].place.name, "New York City");
    }
}
