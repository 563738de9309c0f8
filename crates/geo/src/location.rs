//! The location of an event: the place attached to its verb, else the dateline's, else the
//! story's main place.

use crate::mention::{specificity, PlaceMention, StoryContext, PLACE_NOUNS};
use crate::place::{Place, PlaceKind};
use petrel_core::{Sentence, Span};

/// How exactly a location pins the event down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    City,
    /// A region, island, sea or named area.
    Region,
    Country,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::City => "city",
            Precision::Region => "region",
            Precision::Country => "country",
        }
    }

    /// The precision of a place of `kind`; continents are too vague to locate an event.
    pub fn of(kind: PlaceKind) -> Option<Precision> {
        match kind {
            PlaceKind::City => Some(Precision::City),
            PlaceKind::Region | PlaceKind::Sea | PlaceKind::Island | PlaceKind::Territory => {
                Some(Precision::Region)
            }
            PlaceKind::Country => Some(Precision::Country),
            PlaceKind::Continent => None,
        }
    }
}

/// Where the location came from, most reliable first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LocationSource {
    /// A locative dependent of the event's verb ("in Tokyo", "at the border with Lebanon") or its
    /// object place ("visited Kyiv").
    Verb,
    /// The sentence has no parse: the place after a locative preposition.
    Preposition,
    Dateline,
    /// The place the story names most.
    Story,
}

/// An event's location.
#[derive(Clone, Debug, PartialEq)]
pub struct Location {
    pub place: Place,
    pub precision: Precision,
    pub source: LocationSource,
    /// The mention in the sentence, when the location came from one.
    pub span: Option<Span>,
}

/// Deepest the search for a locative phrase goes below the verb; "in the north of the city of
/// Kharkiv" is four levels.
const MAX_DEPTH: usize = 5;

/// Relations that open another clause, whose places belong to another event.
const CLAUSE_RELATIONS: &[&str] = &[
    "ccomp",
    "xcomp",
    "advcl",
    "acl",
    "parataxis",
    "conj",
    "csubj",
];

/// The location of the event whose verb is token `verb` (1-based): the place the verb's
/// locative phrase names, else (unparsed sentences) the place after a locative preposition, else
/// the dateline's place, else the story's main place.
pub fn event_location(
    sentence: &Sentence,
    verb: u32,
    mentions: &[PlaceMention<'_>],
    context: &StoryContext,
) -> Option<Location> {
    let parsed = sentence.tokens.iter().any(|t| !t.deprel.is_empty());
    let attached = if parsed {
        attached_to_verb(sentence, verb, mentions).map(|m| (m, LocationSource::Verb))
    } else {
        after_preposition(sentence, mentions).map(|m| (m, LocationSource::Preposition))
    };
    if let Some((mention, source)) = attached {
        if let Some(precision) = Precision::of(mention.place.kind) {
            return Some(Location {
                place: mention.place.clone(),
                precision,
                source,
                span: mention.span,
            });
        }
    }
    let fallback = [
        (context.dateline(), LocationSource::Dateline),
        (context.main_place(), LocationSource::Story),
    ];
    fallback.into_iter().find_map(|(place, source)| {
        let place = place?;
        Some(Location {
            place: place.clone(),
            precision: Precision::of(place.kind)?,
            source,
            span: None,
        })
    })
}

/// The most precise mention inside a locative phrase under the verb, the shallowest phrase first;
/// else a place that is the verb's object.
fn attached_to_verb<'m, 'g>(
    sentence: &Sentence,
    verb: u32,
    mentions: &'m [PlaceMention<'g>],
) -> Option<&'m PlaceMention<'g>> {
    let children = children_of(sentence);
    let kids = |id: u32| children.get(id as usize).map(Vec::as_slice).unwrap_or(&[]);
    let has_locative_case = |id: u32| {
        kids(id).iter().any(|&c| {
            sentence.token(c).is_some_and(|t| {
                t.deprel.base() == "case" && is_event_locative(&t.form.to_lowercase())
            })
        })
    };
    // Breadth-first over the verb's nominal dependents, not entering other clauses.
    let mut level: Vec<u32> = kids(verb).to_vec();
    for _ in 0..MAX_DEPTH {
        let phrases: Vec<u32> = level
            .iter()
            .copied()
            .filter(|&id| {
                sentence
                    .token(id)
                    .is_some_and(|t| matches!(t.deprel.base(), "obl" | "nmod"))
                    && has_locative_case(id)
            })
            .collect();
        for phrase in phrases {
            let subtree = subtree(&children, phrase);
            let best = mentions
                .iter()
                .filter(|m| subtree.iter().any(|&id| m.covers(id)))
                .filter(|m| Precision::of(m.place.kind).is_some())
                .max_by_key(|m| (specificity(m.place.kind), std::cmp::Reverse(m.first)));
            if best.is_some() {
                return best;
            }
        }
        level = level
            .iter()
            .filter(|&&id| {
                sentence
                    .token(id)
                    .is_some_and(|t| !CLAUSE_RELATIONS.contains(&t.deprel.base()))
            })
            .flat_map(|&id| kids(id).iter().copied())
            .collect();
        if level.is_empty() {
            break;
        }
    }
    // "visited Kyiv", "shelled Kharkiv": the object is where it happened.
    kids(verb)
        .iter()
        .filter(|&&id| sentence.token(id).is_some_and(|t| t.deprel.base() == "obj"))
        .find_map(|&id| mentions.iter().find(|m| m.covers(id)))
}

/// For a sentence without a parse: a mention up to three words after a locative preposition,
/// not across a comma or another mention.
fn after_preposition<'m, 'g>(
    sentence: &Sentence,
    mentions: &'m [PlaceMention<'g>],
) -> Option<&'m PlaceMention<'g>> {
    // The most precise such mention, the first among equals: "the junta in Chad announced the
    // results in N'Djamena" is located in N'Djamena.
    let locative = mentions.iter().filter(|m| {
        let start = (m.first as usize).saturating_sub(1);
        for back in 1..=3 {
            let Some(i) = start.checked_sub(back) else {
                break;
            };
            let Some(token) = sentence.tokens.get(i) else {
                break;
            };
            if token.form == "," || mentions.iter().any(|o| o.covers(i as u32 + 1)) {
                break;
            }
            let word = token.form.to_lowercase();
            if word == "of" {
                if i.checked_sub(1)
                    .and_then(|j| sentence.tokens.get(j))
                    .is_some_and(|t| PLACE_NOUNS.contains(&t.form.to_lowercase().as_str()))
                {
                    return true;
                }
                continue;
            }
            if is_event_locative(&word) {
                return true;
            }
        }
        false
    });
    locative
        .filter(|m| Precision::of(m.place.kind).is_some())
        .max_by_key(|m| (specificity(m.place.kind), std::cmp::Reverse(m.first)))
}

/// True for the prepositions that put an event at a place: the place prepositions of mention
/// finding, less "from" and "between", which name where something came from or a span.
fn is_event_locative(word: &str) -> bool {
    crate::mention::LOCATIVE.contains(&word) && !matches!(word, "from" | "between")
}

fn children_of(sentence: &Sentence) -> Vec<Vec<u32>> {
    let mut children = vec![Vec::new(); sentence.tokens.len() + 1];
    for (i, t) in sentence.tokens.iter().enumerate() {
        if let Some(list) = children.get_mut(t.head as usize) {
            list.push(i as u32 + 1);
        }
    }
    children
}

/// Token ids under `root`, itself included; bounded by the sentence length even on a cyclic
/// (malformed) tree.
fn subtree(children: &[Vec<u32>], root: u32) -> Vec<u32> {
    let mut seen = vec![root];
    let mut next = 0;
    while let Some(&id) = seen.get(next) {
        next += 1;
        for &c in children.get(id as usize).map(Vec::as_slice).unwrap_or(&[]) {
            if !seen.contains(&c) && seen.len() < children.len() {
                seen.push(c);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Gazetteer;
    use petrel_core::{Deprel, Token, Upos};

    /// A parsed sentence from (form, upos, head, deprel) rows.
    fn parsed(rows: &[(&str, Upos, u32, &str)]) -> Sentence {
        let mut sentence = Sentence::new("");
        for &(form, upos, head, deprel) in rows {
            let mut token = Token::new(form).with_upos(upos);
            token.head = head;
            token.deprel = Deprel::new(deprel);
            sentence.tokens.push(token);
        }
        sentence
    }

    fn locate(sentence: &Sentence, verb: u32, context: &mut StoryContext) -> Option<Location> {
        let mentions = Gazetteer::builtin().resolve_mentions(sentence, context);
        context.note_mentions(&mentions);
        event_location(sentence, verb, &mentions, context)
    }

    #[test]
    fn the_verbs_locative_obl_wins_over_other_places() {
        // Russia and Ukraine held talks in Istanbul
        let sentence = parsed(&[
            ("Russia", Upos::Propn, 4, "nsubj"),
            ("and", Upos::Cconj, 3, "cc"),
            ("Ukraine", Upos::Propn, 1, "conj"),
            ("held", Upos::Verb, 0, "root"),
            ("talks", Upos::Noun, 4, "obj"),
            ("in", Upos::Adp, 7, "case"),
            ("Istanbul", Upos::Propn, 4, "obl"),
        ]);
        let location = locate(&sentence, 4, &mut StoryContext::new()).expect("located");
        assert_eq!(location.place.name, "Istanbul");
        assert_eq!(location.precision, Precision::City);
        assert_eq!(location.source, LocationSource::Verb);
    }

    #[test]
    fn at_the_border_with_gives_the_neighbour() {
        // troops clashed at the border with Lebanon
        let sentence = parsed(&[
            ("troops", Upos::Noun, 2, "nsubj"),
            ("clashed", Upos::Verb, 0, "root"),
            ("at", Upos::Adp, 5, "case"),
            ("the", Upos::Det, 5, "det"),
            ("border", Upos::Noun, 2, "obl"),
            ("with", Upos::Adp, 7, "case"),
            ("Lebanon", Upos::Propn, 5, "nmod"),
        ]);
        let location = locate(&sentence, 2, &mut StoryContext::new()).expect("located");
        assert_eq!(location.place.name, "Lebanon");
        assert_eq!(location.precision, Precision::Country);
    }

    #[test]
    fn a_place_object_locates_a_visit() {
        // Scholz visited Kyiv
        let sentence = parsed(&[
            ("Scholz", Upos::Propn, 2, "nsubj"),
            ("visited", Upos::Verb, 0, "root"),
            ("Kyiv", Upos::Propn, 2, "obj"),
        ]);
        let location = locate(&sentence, 2, &mut StoryContext::new()).expect("located");
        assert_eq!(location.place.name, "Kyiv");
        assert_eq!(location.source, LocationSource::Verb);
    }

    #[test]
    fn places_of_another_clause_fall_back_to_the_dateline() {
        // officials said (that) talks began in Geneva -- located for "said", not "began".
        let sentence = parsed(&[
            ("officials", Upos::Noun, 2, "nsubj"),
            ("said", Upos::Verb, 0, "root"),
            ("talks", Upos::Noun, 4, "nsubj"),
            ("began", Upos::Verb, 2, "ccomp"),
            ("in", Upos::Adp, 6, "case"),
            ("Geneva", Upos::Propn, 4, "obl"),
        ]);
        let mut context = StoryContext::new();
        context.set_dateline(Gazetteer::builtin(), "NAIROBI");
        let location = locate(&sentence, 2, &mut context).expect("dateline");
        assert_eq!(location.place.name, "Nairobi");
        assert_eq!(location.source, LocationSource::Dateline);
        let location = locate(&sentence, 4, &mut context).expect("obl");
        assert_eq!(location.place.name, "Geneva");
    }

    #[test]
    fn without_a_dateline_the_story_place_is_used() {
        let sentence = parsed(&[
            ("Kenya", Upos::Propn, 2, "nsubj"),
            ("protested", Upos::Verb, 0, "root"),
        ]);
        let location = locate(&sentence, 2, &mut StoryContext::new()).expect("story");
        assert_eq!(location.place.name, "Kenya");
        assert_eq!(location.source, LocationSource::Story);
        assert_eq!(location.precision, Precision::Country);
        let empty = parsed(&[
            ("it", Upos::Pron, 2, "nsubj"),
            ("rained", Upos::Verb, 0, "root"),
        ]);
        assert_eq!(locate(&empty, 2, &mut StoryContext::new()), None);
    }

    #[test]
    fn unparsed_sentences_use_the_most_precise_place_after_a_preposition() {
        let mut sentence = Sentence::new("");
        for (form, upos) in [
            ("the", Upos::Det),
            ("junta", Upos::Noun),
            ("in", Upos::Adp),
            ("Chad", Upos::Propn),
            ("spoke", Upos::Verb),
            ("in", Upos::Adp),
            ("N'Djamena", Upos::Propn),
        ] {
            sentence.tokens.push(Token::new(form).with_upos(upos));
        }
        let location = locate(&sentence, 5, &mut StoryContext::new()).expect("located");
        assert_eq!(location.place.name, "N'Djamena");
        assert_eq!(location.source, LocationSource::Preposition);
    }

    #[test]
    fn a_cyclic_tree_does_not_hang() {
        let sentence = parsed(&[
            ("in", Upos::Adp, 2, "case"),
            ("Kyiv", Upos::Propn, 3, "obl"),
            ("met", Upos::Verb, 2, "root"),
        ]);
        let location = locate(&sentence, 3, &mut StoryContext::new());
        assert_eq!(location.map(|l| l.place.name), Some("Kyiv".to_string()));
    }

    #[test]
    fn precision_follows_the_kind() {
        assert_eq!(Precision::of(PlaceKind::Sea), Some(Precision::Region));
        assert_eq!(Precision::of(PlaceKind::Continent), None);
        assert_eq!(Precision::City.as_str(), "city");
    }
}
