//! Every place mention of a story, resolved with the story as context.
//!
//! [`Gazetteer::resolve_story`] reads all sentences first, then decides. A name is resolved once
//! for the whole story, so that a repeated name means the same place each time, unless the text
//! says otherwise at one occurrence ("Paris, Texas"). The decision adds to each candidate's prior
//! (population and kind, [`Gazetteer::lookup`]'s order) what the story says:
//!
//! - its countries: the dateline's, the actors' (given in the [`StoryContext`]), the countries
//!   the story names and the demonyms it uses ("Turkish"), each weighed by how often;
//! - its other places (after a first round): the countries and first-order divisions of the
//!   places the other names resolved to, and their nearness (Pandi is next to Bulacan);
//! - a container after a comma ("Portland, Maine").
//!
//! A name's own occurrences never count as evidence for it, so "Georgia" cannot vote for Georgia.
//! Besides names, a mention may be a country adjective ("Turkish", [`MentionForm::Adjective`])
//! or a place inside a longer proper name ("the Washington Post", [`MentionForm::InName`]);
//! both are reported but never locate an event.

use crate::gazetteer::{prior, Candidate};
use crate::gold::distance_km;
use crate::mention::{
    contains, demonym_country, has_locative_before, is_comma, is_name, mention, surface, Match,
    PlaceMention, StoryContext, BIG_CITY, MAX_SCANNED_TOKENS, PLACE_MODIFIERS, PLACE_TYPES,
    SMALL_TOWN,
};
use crate::place::{CountryCode, Place, PlaceKind};
use crate::Gazetteer;
use petrel_core::{Sentence, Span, Token, Upos};
use std::collections::{HashMap, HashSet};

/// Sentences of a story that are read; hostile input must not cost unbounded work.
const MAX_STORY_SENTENCES: usize = 20_000;
/// Name occurrences a story keeps; later ones are not resolved.
const MAX_STORY_OCCURRENCES: usize = 20_000;
/// Candidates of one name weighed against the story (the most likely by prior).
const MAX_CANDIDATES: usize = 64;
/// Resolved places kept as nearness evidence.
const MAX_ANCHORS: usize = 300;

/// A country the story's actors or dateline name, against one named in the text.
const CONTEXT_COUNTRY_WEIGHT: f64 = 2.0;
const DATELINE_COUNTRY_WEIGHT: f64 = 3.0;
const NAMED_COUNTRY_WEIGHT: f64 = 1.0;
const DEMONYM_WEIGHT: f64 = 0.5;
/// The weight of a country that another resolved name lies in.
const RESOLVED_COUNTRY_WEIGHT: f64 = 0.5;
/// A candidate in a country the story points to gets this, plus the log of the weight (at most
/// [`COUNTRY_LOG_CAP`]).
const STORY_COUNTRY_BONUS: f64 = 3.5;
const COUNTRY_LOG_CAP: f64 = 1.0;
/// A candidate in a first-order division that another name resolved to (or that holds one).
const REGION_BONUS: f64 = 2.5;
/// A candidate near another resolved place.
const NEAR_BONUS: f64 = 1.0;
const NEAR_KM: f64 = 100.0;
/// A town named like the first-order division it lies in (Valletta, Idlib, Burgas) is the town,
/// unless the text says the division ("Idlib province").
const SEAT_PENALTY: f64 = 2.0;
const SEAT_KM: f64 = 250.0;
/// The prior counts a division as a city of a million; with every country's divisions in the
/// gazetteer (Jamaica's Manchester parish) that is a little much against real cities.
const REGION_ADJUSTMENT: f64 = -0.5;
/// A name the text calls a division ("New York state", "the state of Victoria") means the
/// division wherever it occurs in the story: a city of that name loses this. A penalty on the
/// cities rather than a bonus for the division, so that a division's other entries (New South
/// Wales the territory) keep their order.
const TYPED_REGION_PENALTY: f64 = 4.0;
/// A name listed with others ("Arkansas, Colorado, Delaware and Idaho") that resolved, most of
/// them, to one kind of place in one country is of that kind: Delaware the state, not a town
/// that goes by the name.
const LIST_BONUS: f64 = 3.0;
/// Other names a list needs before its kind counts.
const LIST_MIN_OTHERS: usize = 2;
/// Names one list holds; a longer run starts a new list (hostile input must not cost
/// quadratic work).
const LIST_MAX_NAMES: usize = 64;
/// Words after a name that say it is a division.
const REGION_WORDS: &[&str] = &[
    "province",
    "region",
    "state",
    "governorate",
    "oblast",
    "district",
    "county",
    "prefecture",
    "department",
];

/// A town below this needs more than its country in the story to count as a mention.
const COUNTRY_SUPPORTED_TOWN: u64 = 20_000;
/// A town inside a longer name ("Columbia University") is reported from this size up, so
/// that "Minister" (Minster) or "King" in a title is not.
const TOWN_IN_NAME: u64 = 100_000;

/// Added to the prior's half point for a place's own name: in a story, "Sydney" is the city of
/// that name before a town whose alternate it is (Sidney, Ohio).
const PRIMARY_BONUS: f64 = 0.5;

/// How a place is mentioned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MentionForm {
    /// The place's name ("Turkey", "Kabul").
    Name,
    /// A country adjective or demonym ("Turkish", "Israelis").
    Adjective,
    /// A place name inside a longer proper name ("the Washington Post", "Columbia University").
    InName,
}

impl MentionForm {
    pub fn as_str(self) -> &'static str {
        match self {
            MentionForm::Name => "name",
            MentionForm::Adjective => "adjective",
            MentionForm::InName => "in_name",
        }
    }
}

/// One place mention of a story.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryMention<'g> {
    /// The sentence, 0-based in the story.
    pub sentence: usize,
    /// The first and last token, 1-based as `Token::head` counts.
    pub first: u32,
    pub last: u32,
    /// Byte offsets into the story text, when the tokens carry spans.
    pub span: Option<Span>,
    pub text: String,
    pub form: MentionForm,
    pub place: &'g Place,
    /// The next best place the name may mean.
    pub runner_up: Option<&'g Place>,
    /// The chosen place's share of the candidates' weights (a softmax of the scores), 0 to 1.
    pub confidence: f64,
}

/// The places of a story, and the context they were resolved in (with the story's main place).
#[derive(Clone, Debug)]
pub struct StoryPlaces<'g> {
    pub mentions: Vec<StoryMention<'g>>,
    pub context: StoryContext,
}

impl<'g> StoryPlaces<'g> {
    /// The mentions of sentence `index` that are place names, as [`crate::event_location`] takes
    /// them.
    pub fn sentence_mentions(&self, index: usize) -> Vec<PlaceMention<'g>> {
        self.mentions
            .iter()
            .filter(|m| m.sentence == index && m.form == MentionForm::Name)
            .map(|m| PlaceMention {
                first: m.first,
                last: m.last,
                span: m.span,
                text: m.text.clone(),
                place: m.place,
            })
            .collect()
    }
}

/// One occurrence of a name in the story.
struct Occurrence<'g> {
    sentence: usize,
    m: Match<'g>,
    key: usize,
    /// The occurrence right after it behind a comma ("Paris, [Texas]").
    container: Option<usize>,
    glued_before: bool,
    glued_after: bool,
    locative: bool,
    /// Named as a division ("Idlib province", "the state of Victoria").
    typed_region: bool,
    /// The occurrence before it in a list ("Colorado, [Delaware]", "Arkansas and [Idaho]").
    list_prev: Option<usize>,
    mention: PlaceMention<'static>,
}

/// A name's decision: candidates (indexes into the first occurrence's list) with scores.
#[derive(Clone, Default)]
struct Decision {
    ranked: Vec<(f64, usize)>,
}

impl Gazetteer {
    /// Every place mention of a story, resolved with the story as context (see the module
    /// documentation). `context` brings what is known before the text: the dateline, the actors'
    /// countries.
    pub fn resolve_story<'g>(
        &'g self,
        sentences: &[Sentence],
        context: &StoryContext,
    ) -> StoryPlaces<'g> {
        let sentences = sentences.get(..MAX_STORY_SENTENCES).unwrap_or(sentences);
        let mut occurrences: Vec<Occurrence<'g>> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        let mut key_index: HashMap<String, usize> = HashMap::new();
        let mut adjectives: Vec<StoryMention<'g>> = Vec::new();
        let mut countries: HashMap<CountryCode, f64> = HashMap::new();
        for code in context.countries() {
            *countries.entry(*code).or_default() += CONTEXT_COUNTRY_WEIGHT;
        }
        if let Some(code) = context.dateline().and_then(|p| p.country) {
            *countries.entry(code).or_default() += DATELINE_COUNTRY_WEIGHT;
        }

        for (s_index, sentence) in sentences.iter().enumerate() {
            if occurrences.len() >= MAX_STORY_OCCURRENCES {
                break;
            }
            let tokens = sentence
                .tokens
                .get(..MAX_SCANNED_TOKENS)
                .unwrap_or(&sentence.tokens);
            let matches = self.find_matches(tokens);
            let inside = |i: usize| matches.iter().any(|m| m.start <= i && i < m.end);
            for (i, t) in tokens.iter().enumerate() {
                if inside(i) || !(is_name(Some(t)) || t.upos == Upos::Adj) {
                    continue;
                }
                if self.is_country_name(&crate::normalize(&t.form)) {
                    continue;
                }
                let Some(place) = demonym_country(&t.form)
                    .and_then(|iso2| self.country_code(iso2))
                    .and_then(|code| self.country(code))
                else {
                    continue;
                };
                if let Some(code) = place.country {
                    *countries.entry(code).or_default() += DEMONYM_WEIGHT;
                }
                adjectives.push(StoryMention {
                    sentence: s_index,
                    first: i as u32 + 1,
                    last: i as u32 + 1,
                    span: t.span,
                    text: t.form.clone(),
                    form: MentionForm::Adjective,
                    place,
                    runner_up: None,
                    confidence: 1.0,
                });
            }
            let first_here = occurrences.len();
            for m in matches {
                let key = match key_index.get(&m.key) {
                    Some(&k) => k,
                    None => {
                        keys.push(m.key.clone());
                        key_index.insert(m.key.clone(), keys.len() - 1);
                        keys.len() - 1
                    }
                };
                let qualifies = |t: &Token| {
                    let word = t.form.to_lowercase();
                    PLACE_MODIFIERS.contains(&word.as_str())
                        || PLACE_TYPES.contains(&word.as_str())
                        || demonym_country(&t.form).is_some()
                };
                let glued = |token: Option<&Token>| is_name(token) && !token.is_some_and(qualifies);
                let placeholder = PLACE_HOLDER.get_or_init(placeholder_place);
                let words = tokens.get(m.start..m.end).unwrap_or(&[]);
                let abbreviated = crate::gazetteer::is_abbreviation(&surface(words));
                let mut m = m;
                m.candidates.retain(|c| c.abbreviation == abbreviated);
                m.candidates.sort_by(|a, b| prior(*b).total_cmp(&prior(*a)));
                m.candidates.truncate(MAX_CANDIDATES);
                if m.candidates.is_empty() {
                    continue;
                }
                occurrences.push(Occurrence {
                    sentence: s_index,
                    glued_before: glued(m.start.checked_sub(1).and_then(|i| tokens.get(i))),
                    glued_after: glued(tokens.get(m.end)),
                    locative: has_locative_before(tokens, m.start),
                    typed_region: is_typed_region(tokens, m.start, m.end),
                    mention: mention(tokens, &m, placeholder),
                    key,
                    container: None,
                    list_prev: None,
                    m,
                });
            }
            // "Arkansas, Colorado, Delaware and Idaho": names apart only by ",", "and", "or".
            for o in first_here + 1..occurrences.len() {
                let (Some(prev), Some(this)) = (occurrences.get(o - 1), occurrences.get(o)) else {
                    continue;
                };
                let between = tokens.get(prev.m.end..this.m.start).unwrap_or(&[]);
                let joined = !between.is_empty()
                    && between
                        .iter()
                        .all(|t| matches!(t.form.as_str(), "," | "and" | "or"));
                if joined {
                    if let Some(x) = occurrences.get_mut(o) {
                        x.list_prev = Some(o - 1);
                    }
                }
            }
            // "Paris, Texas": the next occurrence right after a comma may contain this one.
            for o in first_here..occurrences.len() {
                let Some(next) = occurrences.get(o + 1) else {
                    break;
                };
                let end = occurrences.get(o).map_or(0, |x| x.m.end);
                if next.sentence == s_index && next.m.start == end + 1 && is_comma(tokens.get(end))
                {
                    if let Some(x) = occurrences.get_mut(o) {
                        x.container = Some(o + 1);
                    }
                }
            }
        }

        // Countries the story names outright: a name whose most likely place is a country.
        let mut named: Vec<Option<CountryCode>> = vec![None; keys.len()];
        for (k, slot) in named.iter_mut().enumerate() {
            let first = occurrences.iter().find(|o| o.key == k);
            *slot = first
                .and_then(|o| o.m.candidates.first())
                .filter(|c| c.place.kind == PlaceKind::Country)
                .and_then(|c| c.place.country);
        }
        let mut key_count = vec![0usize; keys.len()];
        for o in &occurrences {
            if let Some(c) = key_count.get_mut(o.key) {
                *c += 1;
            }
        }
        for (k, code) in named.iter().enumerate() {
            if let Some(code) = code {
                *countries.entry(*code).or_default() +=
                    NAMED_COUNTRY_WEIGHT * key_count.get(k).copied().unwrap_or(0) as f64;
            }
        }
        // Names that stand alone somewhere; a name seen only inside longer names ("WA" in a
        // park's name) is no evidence for the others.
        let mut key_free = vec![false; keys.len()];
        for o in &occurrences {
            if !(o.glued_before || o.glued_after) {
                if let Some(f) = key_free.get_mut(o.key) {
                    *f = true;
                }
            }
        }
        let key_first: Vec<Option<usize>> = (0..keys.len())
            .map(|k| occurrences.iter().position(|o| o.key == k))
            .collect();

        // Round one: the story's countries alone; round two: also the other names' places.
        let mut decisions: Vec<Decision> = vec![Decision::default(); keys.len()];
        let mut evidence = Evidence {
            countries,
            ..Evidence::default()
        };
        // A country name's own occurrences do not vote for it ("Georgia" for Georgia).
        for (k, code) in named.iter().enumerate() {
            if let Some(code) = code {
                let w = NAMED_COUNTRY_WEIGHT * key_count.get(k).copied().unwrap_or(0) as f64;
                evidence
                    .contributed
                    .entry(k)
                    .or_default()
                    .push(Contribution::Country(*code, w));
            }
        }
        let mut list_kinds: Vec<Option<ListKind>> = vec![None; keys.len()];
        for round in 0..2 {
            for k in 0..keys.len() {
                let Some(first) = key_first.get(k).copied().flatten() else {
                    continue;
                };
                let Some(o) = occurrences.get(first) else {
                    continue;
                };
                let own = evidence.own(k);
                let typed_region = occurrences.iter().any(|x| x.key == k && x.typed_region);
                let regions: Vec<&Place> =
                    o.m.candidates
                        .iter()
                        .filter(|c| c.place.kind == PlaceKind::Region)
                        .map(|c| c.place)
                        .collect();
                let cities: Vec<&Place> =
                    o.m.candidates
                        .iter()
                        .filter(|c| c.place.kind == PlaceKind::City)
                        .map(|c| c.place)
                        .collect();
                let mut ranked: Vec<(f64, usize)> = o
                    .m
                    .candidates
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let primary = if c.primary { PRIMARY_BONUS } else { 0.0 };
                        let place = c.place;
                        // A town named like a division of its own country that is not its
                        // own ("Nevada" in a list of states) gets no help from the others.
                        let namesake = place.kind == PlaceKind::City
                            && regions
                                .iter()
                                .any(|r| r.country == place.country && !is_seat(r, place));
                        let local_round = if namesake { 0 } else { round };
                        let bonus = evidence.bonus(place, &own, local_round);
                        let kind = match place.kind {
                            // The division named after a town is the town, unless the text
                            // says the division ("Idlib province").
                            PlaceKind::Region
                                if !typed_region && cities.iter().any(|c| is_seat(place, c)) =>
                            {
                                REGION_ADJUSTMENT - SEAT_PENALTY
                            }
                            PlaceKind::Region => REGION_ADJUSTMENT,
                            // A name the text calls a division is not a town of that name.
                            PlaceKind::City if typed_region && !regions.is_empty() => {
                                -TYPED_REGION_PENALTY
                            }
                            _ => 0.0,
                        };
                        let list = list_bonus(place, list_kinds.get(k));
                        (prior(*c) + primary + bonus + kind + list, i)
                    })
                    .collect();
                ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                if let Some(d) = decisions.get_mut(k) {
                    d.ranked = ranked;
                }
            }
            if round == 0 {
                evidence.add_decisions(&occurrences, &key_first, &decisions, &key_count, &key_free);
                list_kinds = lists_kinds(&occurrences, &key_first, &decisions, keys.len());
            }
        }

        // Each occurrence takes its name's decision unless a container says otherwise.
        let mut forced: HashMap<usize, &'g Place> = HashMap::new();
        let mut mentions: Vec<StoryMention<'g>> = Vec::new();
        for (o_index, o) in occurrences.iter().enumerate() {
            let Some(decision) = decisions.get(o.key) else {
                continue;
            };
            let Some(first) = key_first.get(o.key).copied().flatten() else {
                continue;
            };
            let Some(first_occ) = occurrences.get(first) else {
                continue;
            };
            let candidate = |i: usize| first_occ.m.candidates.get(i).copied();
            let mut chosen: Option<Candidate<'g>> =
                decision.ranked.first().and_then(|&(_, i)| candidate(i));
            let mut runner_up = decision.ranked.get(1).and_then(|&(_, i)| candidate(i));
            let mut by_text = false;
            if let Some(place) = forced.get(&o_index) {
                if let Some(c) =
                    o.m.candidates
                        .iter()
                        .find(|c| std::ptr::eq(c.place, *place))
                {
                    runner_up = chosen.filter(|x| !std::ptr::eq(x.place, *place));
                    chosen = Some(*c);
                    by_text = true;
                }
            }
            // A name that is itself a region or country heads a list ("Idaho, Missouri,
            // Nebraska"), and a name placed by its own container is not placed again.
            let top_is_area = chosen
                .is_some_and(|c| matches!(c.place.kind, PlaceKind::Region | PlaceKind::Country));
            let container = o.container.filter(|_| !by_text && !top_is_area);
            if let Some(next) = container.and_then(|n| occurrences.get(n)) {
                let held = decision
                    .ranked
                    .iter()
                    .filter_map(|&(_, i)| candidate(i))
                    .find_map(|c| {
                        next.m
                            .candidates
                            .iter()
                            .find(|h| h.place.kind != PlaceKind::City && contains(h.place, c.place))
                            .map(|h| (c, h.place))
                    });
                if let Some((c, holder)) = held {
                    if chosen.is_some_and(|x| !std::ptr::eq(x.place, c.place)) {
                        runner_up = chosen;
                    }
                    chosen = Some(c);
                    by_text = true;
                    if let Some(n) = container {
                        forced.insert(n, holder);
                    }
                }
            }
            let Some(chosen) = chosen else {
                continue;
            };
            let place = chosen.place;
            let form = match place.kind {
                PlaceKind::City | PlaceKind::Region if o.glued_before || o.glued_after => {
                    MentionForm::InName
                }
                PlaceKind::Country if o.glued_before => MentionForm::InName,
                _ => MentionForm::Name,
            };
            if form == MentionForm::InName
                && place.kind == PlaceKind::City
                && (place.population < TOWN_IN_NAME || !chosen.primary)
            {
                continue;
            }
            if form == MentionForm::Name && place.kind == PlaceKind::City {
                // A one-word town that is not big needs support: a locative before some
                // occurrence of the name, a container, or its country or region in the story.
                let threshold = if chosen.primary { SMALL_TOWN } else { BIG_CITY };
                let small = place.population < threshold && !o.m.key.contains(' ');
                let supported = by_text
                    || occurrences
                        .iter()
                        .any(|x| x.key == o.key && (x.locative || x.container.is_some()))
                    || evidence.supports(place, &evidence.own(o.key));
                if small && !supported {
                    continue;
                }
            }
            let confidence = if by_text {
                1.0
            } else {
                softmax_top(&decision.ranked)
            };
            let mut found = o.mention.clone();
            found.place = place;
            mentions.push(StoryMention {
                sentence: o.sentence,
                first: found.first,
                last: found.last,
                span: found.span,
                text: found.text,
                form,
                place,
                runner_up: runner_up
                    .map(|c| c.place)
                    .filter(|r| !std::ptr::eq(*r, place)),
                confidence,
            });
        }
        mentions.extend(adjectives);
        mentions.sort_by_key(|m| (m.sentence, m.first));

        let mut context = context.clone();
        let names: Vec<PlaceMention<'g>> = mentions
            .iter()
            .filter(|m| m.form == MentionForm::Name)
            .map(|m| PlaceMention {
                first: m.first,
                last: m.last,
                span: m.span,
                text: m.text.clone(),
                place: m.place,
            })
            .collect();
        context.note_mentions(&names);
        StoryPlaces { mentions, context }
    }
}

/// What the story says about where it is, with how much of it each name contributed.
#[derive(Default)]
struct Evidence {
    countries: HashMap<CountryCode, f64>,
    /// First-order divisions other names resolved to: (country, admin1 code) → weight. Towns
    /// in them gain.
    regions: HashMap<(CountryCode, String), f64>,
    /// First-order divisions holding the towns other names resolved to. The division gains.
    town_regions: HashMap<(CountryCode, String), f64>,
    /// Resolved places that are points (towns, regions, islands), with their name.
    anchors: Vec<(usize, f64, f64)>,
    /// What each name added, to be taken out when that name is weighed.
    contributed: HashMap<usize, Vec<Contribution>>,
}

#[derive(Clone)]
enum Contribution {
    Country(CountryCode, f64),
    Region(CountryCode, String, f64),
    TownRegion(CountryCode, String, f64),
}

/// A name's own contributions, keyed for quick subtraction.
#[derive(Default)]
struct Own {
    key: usize,
    countries: HashMap<CountryCode, f64>,
    regions: HashMap<(CountryCode, String), f64>,
    town_regions: HashMap<(CountryCode, String), f64>,
}

impl Evidence {
    fn own(&self, key: usize) -> Own {
        let mut own = Own {
            key,
            ..Own::default()
        };
        for c in self.contributed.get(&key).into_iter().flatten() {
            match c {
                Contribution::Country(code, w) => *own.countries.entry(*code).or_default() += w,
                Contribution::Region(code, a1, w) => {
                    *own.regions.entry((*code, a1.clone())).or_default() += w
                }
                Contribution::TownRegion(code, a1, w) => {
                    *own.town_regions.entry((*code, a1.clone())).or_default() += w
                }
            }
        }
        own
    }

    fn country_weight(&self, code: CountryCode, own: &Own) -> f64 {
        self.countries.get(&code).copied().unwrap_or(0.0)
            - own.countries.get(&code).copied().unwrap_or(0.0)
    }

    fn region_weight(&self, place: &Place, own: &Own) -> f64 {
        let (Some(code), Some(a1)) = (place.country, place.admin1_code.as_ref()) else {
            return 0.0;
        };
        let key = (code, a1.clone());
        let (evidence, mine) = if place.kind == PlaceKind::Region {
            (&self.town_regions, &own.town_regions)
        } else {
            (&self.regions, &own.regions)
        };
        evidence.get(&key).copied().unwrap_or(0.0) - mine.get(&key).copied().unwrap_or(0.0)
    }

    fn bonus(&self, place: &Place, own: &Own, round: usize) -> f64 {
        let mut bonus = 0.0;
        if let Some(code) = place.country {
            let w = self.country_weight(code, own);
            if w > 1e-9 {
                // The story's main country counts fully, a country named in passing less.
                let top = self
                    .countries
                    .values()
                    .fold(0.0f64, |a, &b| a.max(b))
                    .max(w);
                // More mentions of the main country add little: in a story that names the
                // United States thirty times, Moscow is still Moscow, not the Idaho town.
                bonus +=
                    STORY_COUNTRY_BONUS * (w / top).sqrt() + (1.0 + w).ln().min(COUNTRY_LOG_CAP);
            }
        }
        if round > 0 && place.kind != PlaceKind::Country {
            if self.region_weight(place, own) > 1e-9 {
                bonus += REGION_BONUS;
            }
            let near = self.anchors.iter().any(|&(k, lat, lon)| {
                k != own.key && distance_km(lat, lon, place.lat, place.lon) < NEAR_KM
            });
            if near {
                bonus += NEAR_BONUS;
            }
        }
        bonus
    }

    /// Whether the story backs a small town: its region or a place near it named elsewhere, or
    /// its country when the town is not tiny (in an American story every surname is a town).
    fn supports(&self, place: &Place, own: &Own) -> bool {
        let country = place.population >= COUNTRY_SUPPORTED_TOWN
            && place
                .country
                .is_some_and(|code| self.country_weight(code, own) > 1e-9);
        let near = self.anchors.iter().any(|&(k, lat, lon)| {
            k != own.key && distance_km(lat, lon, place.lat, place.lon) < NEAR_KM
        });
        country || near || self.region_weight(place, own) > 1e-9
    }

    /// Adds the places the names resolved to in round one.
    fn add_decisions(
        &mut self,
        occurrences: &[Occurrence<'_>],
        key_first: &[Option<usize>],
        decisions: &[Decision],
        key_count: &[usize],
        key_free: &[bool],
    ) {
        for (k, decision) in decisions.iter().enumerate() {
            if !key_free.get(k).copied().unwrap_or(false) {
                continue;
            }
            let Some(o) = key_first
                .get(k)
                .copied()
                .flatten()
                .and_then(|f| occurrences.get(f))
            else {
                continue;
            };
            let Some(c) = decision
                .ranked
                .first()
                .and_then(|&(_, i)| o.m.candidates.get(i))
            else {
                continue;
            };
            let place = c.place;
            let count = key_count.get(k).copied().unwrap_or(1).min(3) as f64;
            if let Some(code) = place.country {
                if place.kind != PlaceKind::Country {
                    let w = RESOLVED_COUNTRY_WEIGHT * count;
                    *self.countries.entry(code).or_default() += w;
                    self.contributed
                        .entry(k)
                        .or_default()
                        .push(Contribution::Country(code, w));
                }
                if let Some(a1) = &place.admin1_code {
                    let entry = (code, a1.clone());
                    match place.kind {
                        PlaceKind::Region => {
                            *self.regions.entry(entry).or_default() += count;
                            self.contributed
                                .entry(k)
                                .or_default()
                                .push(Contribution::Region(code, a1.clone(), count));
                        }
                        PlaceKind::City => {
                            *self.town_regions.entry(entry).or_default() += count;
                            self.contributed
                                .entry(k)
                                .or_default()
                                .push(Contribution::TownRegion(code, a1.clone(), count));
                        }
                        _ => {}
                    }
                }
            }
            if matches!(
                place.kind,
                PlaceKind::City | PlaceKind::Region | PlaceKind::Island
            ) && self.anchors.len() < MAX_ANCHORS
            {
                self.anchors.push((k, place.lat, place.lon));
            }
        }
    }
}

/// The kind of place the other names of a name's lists resolved to, most of them: a kind, and
/// for divisions their country.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct ListKind {
    kind: PlaceKind,
    country: Option<CountryCode>,
}

/// For each name, the kind its lists agree on (see [`LIST_BONUS`]), from the first round's
/// decisions; lists of countries and of first-order divisions only.
fn lists_kinds(
    occurrences: &[Occurrence<'_>],
    key_first: &[Option<usize>],
    decisions: &[Decision],
    keys: usize,
) -> Vec<Option<ListKind>> {
    let top = |key: usize| -> Option<ListKind> {
        let first = occurrences.get(key_first.get(key).copied().flatten()?)?;
        let &(_, i) = decisions.get(key)?.ranked.first()?;
        let place = first.m.candidates.get(i)?.place;
        match place.kind {
            PlaceKind::Country => Some(ListKind {
                kind: PlaceKind::Country,
                country: None,
            }),
            PlaceKind::Region => Some(ListKind {
                kind: PlaceKind::Region,
                country: place.country,
            }),
            _ => None,
        }
    };
    let tops: Vec<Option<ListKind>> = (0..keys).map(top).collect();
    // The lists: runs of occurrences each joined to the one before, as names (keys), each once.
    let mut lists: Vec<Vec<usize>> = Vec::new();
    for (o, occurrence) in occurrences.iter().enumerate() {
        match lists.last_mut() {
            Some(list)
                if occurrence.list_prev == o.checked_sub(1) && list.len() < LIST_MAX_NAMES =>
            {
                list.push(occurrence.key);
            }
            _ => lists.push(vec![occurrence.key]),
        }
    }
    // Each name's fellows across all its lists, each once.
    let mut fellows: Vec<HashSet<usize>> = vec![HashSet::new(); keys];
    for list in &mut lists {
        list.sort_unstable();
        list.dedup();
        if list.len() < 2 {
            continue;
        }
        for &k in list.iter() {
            if let Some(set) = fellows.get_mut(k) {
                set.extend(list.iter().filter(|&&x| x != k));
            }
        }
    }
    fellows
        .iter()
        .map(|set| {
            if set.len() < LIST_MIN_OTHERS {
                return None;
            }
            let mut counts: HashMap<ListKind, usize> = HashMap::new();
            for kind in set.iter().filter_map(|&x| tops.get(x).copied().flatten()) {
                *counts.entry(kind).or_default() += 1;
            }
            // A strict majority, so at most one kind qualifies.
            counts
                .into_iter()
                .find(|&(_, n)| n >= LIST_MIN_OTHERS && 2 * n > set.len())
                .map(|(kind, _)| kind)
        })
        .collect()
}

/// [`LIST_BONUS`] for a place of the kind its lists agree on.
fn list_bonus(place: &Place, kind: Option<&Option<ListKind>>) -> f64 {
    match kind.copied().flatten() {
        Some(k) if k.kind == place.kind && (k.country.is_none() || k.country == place.country) => {
            LIST_BONUS
        }
        _ => 0.0,
    }
}

/// Whether the words around a name say it is a division: "Idlib province", "New York state",
/// "the state of Victoria".
fn is_typed_region(tokens: &[Token], start: usize, end: usize) -> bool {
    let is_region_word = |t: Option<&Token>| {
        t.is_some_and(|t| REGION_WORDS.contains(&t.form.to_lowercase().as_str()))
    };
    let of_before = start
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .is_some_and(|t| t.form == "of");
    is_region_word(tokens.get(end))
        || (of_before && is_region_word(start.checked_sub(2).and_then(|i| tokens.get(i))))
}

/// Whether `region` is named after `town`, the town it holds or lies next to.
fn is_seat(region: &Place, town: &Place) -> bool {
    (region.country == town.country
        && region.admin1_code.is_some()
        && region.admin1_code == town.admin1_code)
        || distance_km(region.lat, region.lon, town.lat, town.lon) < SEAT_KM
}

/// The top score's share under a softmax of the scores.
fn softmax_top(ranked: &[(f64, usize)]) -> f64 {
    let Some(&(top, _)) = ranked.first() else {
        return 0.0;
    };
    let sum: f64 = ranked.iter().map(|(s, _)| (s - top).exp()).sum();
    if sum > 0.0 {
        1.0 / sum
    } else {
        0.0
    }
}

static PLACE_HOLDER: std::sync::OnceLock<Place> = std::sync::OnceLock::new();

/// The place a mention is built with before its name is resolved.
fn placeholder_place() -> Place {
    Place {
        name: String::new(),
        kind: PlaceKind::Continent,
        country: None,
        admin1_code: None,
        admin1: None,
        lat: 0.0,
        lon: 0.0,
        geonameid: None,
        population: 0,
        capital: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::Token;

    /// A story of sentences whose capitalised words are proper nouns and whose demonyms are
    /// adjectives.
    fn story(texts: &[&str]) -> Vec<Sentence> {
        texts
            .iter()
            .map(|text| {
                let mut sentence = Sentence::new(text);
                for word in text.split(' ') {
                    let (core, comma) = match word.strip_suffix(',') {
                        Some(core) => (core, true),
                        None => (word, false),
                    };
                    let upos = if demonym_country(core).is_some() {
                        Upos::Adj
                    } else if core.chars().next().is_some_and(char::is_uppercase) {
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
            })
            .collect()
    }

    fn resolved(texts: &[&str], context: &StoryContext) -> Vec<(String, MentionForm, String)> {
        Gazetteer::builtin()
            .resolve_story(&story(texts), context)
            .mentions
            .into_iter()
            .map(|m| {
                let country = m.place.country.map_or("-".into(), |c| c.iso2().to_string());
                (m.text, m.form, format!("{} {country}", m.place.name))
            })
            .collect()
    }

    #[test]
    fn the_story_decides_between_namesakes() {
        let alone = resolved(&["delegates arrived in Georgia"], &StoryContext::new());
        assert_eq!(alone[0].2, "Georgia GE");
        let american = resolved(
            &["delegates arrived in Georgia", "the mayor of Atlanta spoke"],
            &StoryContext::new(),
        );
        assert_eq!(american[0].2, "Georgia US");
    }

    #[test]
    fn a_province_named_beside_a_town_places_it() {
        let found = resolved(
            &["hogs were culled at a farm in Pandi, Bulacan"],
            &StoryContext::new(),
        );
        assert_eq!(found[0].2, "Pandi PH");
    }

    #[test]
    fn a_repeated_name_means_the_same_place() {
        let found = resolved(
            &[
                "Lebanese troops deployed in Tripoli",
                "shops in Tripoli closed",
                "Tripoli was calm",
            ],
            &StoryContext::new(),
        );
        let tripolis: Vec<&String> = found
            .iter()
            .filter(|(text, ..)| text == "Tripoli")
            .map(|(.., place)| place)
            .collect();
        assert_eq!(tripolis.len(), 3);
        assert!(tripolis.iter().all(|p| *p == "Tripoli LB"), "{tripolis:?}");
    }

    #[test]
    fn adjectives_and_names_inside_names_are_flagged() {
        let found = resolved(
            &[
                "Turkish troops entered Syria",
                "reporters of the Washington Post",
            ],
            &StoryContext::new(),
        );
        let forms: Vec<(&str, MentionForm)> =
            found.iter().map(|(t, f, _)| (t.as_str(), *f)).collect();
        assert_eq!(
            forms,
            [
                ("Turkish", MentionForm::Adjective),
                ("Syria", MentionForm::Name),
                ("Washington", MentionForm::InName),
            ]
        );
        assert_eq!(found[0].2, "Turkey TR");
    }

    #[test]
    fn actors_countries_and_the_dateline_are_context() {
        let gazetteer = Gazetteer::builtin();
        let context = StoryContext::with_countries(gazetteer, &["USA"]).expect("known");
        assert_eq!(resolved(&["talks in Paris"], &context)[0].2, "Paris US");
        let mut dated = StoryContext::new();
        dated.set_dateline(gazetteer, "BEIRUT");
        assert_eq!(resolved(&["clashes in Tripoli"], &dated)[0].2, "Tripoli LB");
    }

    #[test]
    fn a_story_full_of_one_country_keeps_the_big_cities_of_others() {
        let gazetteer = Gazetteer::builtin();
        let context = StoryContext::with_countries(gazetteer, &["USA"]).expect("known");
        let mut texts = vec!["cases rose in the United States"; 12];
        texts.extend(["the United Kingdom confirmed cases"; 3]);
        texts.extend([
            "new cases in Scotland were confirmed",
            "five people in the Glasgow area were ill",
            "a traveller arrived at Moscow airport from Russia",
        ]);
        let found = resolved(&texts, &context);
        let place = |name: &str| {
            found
                .iter()
                .find(|(text, ..)| text == name)
                .map(|(.., place)| place.as_str())
        };
        assert_eq!(place("Glasgow"), Some("Glasgow GB"));
        assert_eq!(place("Moscow"), Some("Moscow RU"));
    }

    #[test]
    fn a_country_the_tagger_missed_is_still_a_place() {
        let mut sentences = story(&[
            "Chile has many cases",
            "ministers of Cambodia, Laos and Vietnam met",
            "Nice weather today",
        ]);
        sentences[0].tokens[0].upos = Upos::Noun;
        sentences[2].tokens[0].upos = Upos::Adj;
        let places = Gazetteer::builtin().resolve_story(&sentences, &StoryContext::new());
        let found: Vec<(&str, MentionForm, &str)> = places
            .mentions
            .iter()
            .map(|m| (m.text.as_str(), m.form, m.place.name.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("Chile", MentionForm::Name, "Chile"),
                ("Cambodia", MentionForm::Name, "Cambodia"),
                ("Laos", MentionForm::Name, "Laos"),
                ("Vietnam", MentionForm::Name, "Vietnam"),
            ]
        );
    }

    /// The places a name's occurrences resolved to.
    fn places_of<'a>(found: &'a [(String, MentionForm, String)], name: &str) -> Vec<&'a str> {
        found
            .iter()
            .filter(|(text, ..)| text == name)
            .map(|(.., place)| place.as_str())
            .collect()
    }

    #[test]
    fn a_name_the_text_calls_a_division_is_the_division() {
        let alone = resolved(&["flu cases rose in New York"], &StoryContext::new());
        assert_eq!(places_of(&alone, "New York"), ["New York City US"]);
        // TYPED_REGION_PENALTY: at every occurrence, not only the typed one.
        let typed = resolved(
            &[
                "flu cases rose in New York state",
                "officials in New York said schools stay open",
            ],
            &StoryContext::new(),
        );
        assert_eq!(places_of(&typed, "New York"), ["New York US"; 2]);
        let of = resolved(
            &["flu cases rose in the state of Washington"],
            &StoryContext::new(),
        );
        assert_eq!(places_of(&of, "Washington"), ["Washington US"]);
    }

    #[test]
    fn a_name_listed_with_divisions_is_a_division() {
        // LIST_BONUS: the others are states, so Delaware is the state, not West Point, Virginia
        // (once called Delaware), and Illinois not a town that goes by the name.
        let found = resolved(
            &["flu cases in Delaware, Maine, Virginia and West Virginia"],
            &StoryContext::new(),
        );
        assert_eq!(places_of(&found, "Delaware"), ["Delaware US"]);
        let found = resolved(
            &["flu cases in Illinois, Missouri and Kansas"],
            &StoryContext::new(),
        );
        assert_eq!(places_of(&found, "Illinois"), ["Illinois US"]);
        // A list of countries keeps Georgia the country.
        let found = resolved(
            &["flu cases in Armenia, Azerbaijan, Georgia and Turkey"],
            &StoryContext::new(),
        );
        assert_eq!(places_of(&found, "Georgia"), ["Georgia GE"]);
    }

    #[test]
    fn mentions_carry_a_runner_up_and_a_confidence() {
        let places =
            Gazetteer::builtin().resolve_story(&story(&["talks in Paris"]), &StoryContext::new());
        let paris = &places.mentions[0];
        assert!(
            paris.confidence > 0.5 && paris.confidence <= 1.0,
            "{}",
            paris.confidence
        );
        assert!(paris.runner_up.is_some_and(|r| r.name == "Paris"));
        assert_eq!(places.sentence_mentions(0).len(), 1);
        assert_eq!(
            places.context.main_place().map(|p| p.name.as_str()),
            Some("Paris")
        );
    }

    #[test]
    fn a_story_without_places_has_none() {
        let places = Gazetteer::builtin().resolve_story(
            &story(&["nothing happened here today"]),
            &StoryContext::new(),
        );
        assert!(places.mentions.is_empty());
        assert!(places.context.main_place().is_none());
    }

    #[test]
    fn hostile_stories_are_read_up_to_the_bounds() {
        let sentence = story(&[&vec!["Kyiv"; 50].join(" ")]).remove(0);
        let sentences = vec![sentence; MAX_STORY_SENTENCES + 10];
        let places = Gazetteer::builtin().resolve_story(&sentences, &StoryContext::new());
        assert!(places.mentions.len() <= MAX_STORY_OCCURRENCES + 50);
        assert!(places
            .mentions
            .iter()
            .all(|m| m.sentence < MAX_STORY_SENTENCES));
    }

    #[test]
    fn hostile_lists_are_read_in_bounded_work() {
        let list = vec!["Kyiv,"; MAX_SCANNED_TOKENS].join(" ");
        let sentences = vec![story(&[&list]).remove(0); 40];
        let places = Gazetteer::builtin().resolve_story(&sentences, &StoryContext::new());
        assert!(places.mentions.len() <= MAX_STORY_OCCURRENCES);
        // A list of a thousand different names, again and again.
        let names: Vec<String> = Gazetteer::builtin()
            .places()
            .iter()
            .filter(|p| p.kind == PlaceKind::City && p.name.chars().all(char::is_alphabetic))
            .take(MAX_SCANNED_TOKENS / 2)
            .map(|p| format!("{},", p.name))
            .collect();
        let sentences = vec![story(&[&names.join(" ")]).remove(0); 40];
        let places = Gazetteer::builtin().resolve_story(&sentences, &StoryContext::new());
        assert!(places.mentions.len() <= MAX_STORY_OCCURRENCES);
    }
}
