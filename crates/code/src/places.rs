//! Places as actors: a city or region the dictionaries do not know stands for its country
//! ("shelled Kharkiv" is done to Ukraine, "Mazar-i-Sharif" lies in Afghanistan) — the
//! `place-as-actor` rule; and a role of no known country takes the country of the place the event
//! happened in ("police fired in Minsk" are Belarusian police) — `role-takes-place-country`.
//!
//! The coder does not read the gazetteer itself (data flows forward: `geo` comes after `code`);
//! whoever builds the coder hands it a [`PlaceCountries`], and `petrel`'s pipeline answers from
//! its embedded gazetteer. Only phrases that are a bare name and name no known actor are asked,
//! and only on the learned path (`--coder rules` keeps PETRARCH's reading).

use crate::actors::{ActorLexicon, Resolved};
use crate::syntax::Tree;
use petrel_core::{ActorCode, Date, DictSource, Upos};

/// The file name the provenance of a place actor names.
pub const GAZETTEER_FILE: &str = "gazetteer";

/// The rule a place actor records in the event's provenance.
pub const RULE: &str = "place-as-actor";

/// Words of place names that name no particular place on their own.
const GENERIC_PLACE_WORDS: &[&str] = &[
    "CITY",
    "TOWN",
    "VILLAGE",
    "DISTRICT",
    "PROVINCE",
    "REGION",
    "STATE",
    "COUNTY",
    "COURT",
    "CAPITAL",
    "NORTH",
    "SOUTH",
    "EAST",
    "WEST",
    "NORTHERN",
    "SOUTHERN",
    "EASTERN",
    "WESTERN",
    "CENTRAL",
    "UPPER",
    "LOWER",
    "NEW",
    "OLD",
    "GREAT",
    "GREATER",
    "PORT",
    "SAINT",
    "ST.",
    "MOUNT",
    "LAKE",
    "RIVER",
    "VALLEY",
    "ISLAND",
    "ISLANDS",
    "BAY",
    "CAMP",
    "BASE",
    "GULF",
    "COAST",
    "METRO",
    "COMMONWEALTH",
    "FEDERATION",
    "UNION",
    "REPUBLIC",
];

/// Answers which country a place name lies in.
pub trait PlaceCountries: Send + Sync {
    /// The country (its three-letter code, as actor codes use) of the city, region or territory
    /// `name` most likely names in news, or `None` when the name is no such place or is shared by
    /// places of different countries of similar weight. Countries themselves are the
    /// dictionaries' business and are not answered.
    fn country_of(&self, name: &str) -> Option<String>;
}

/// Gives an unnamed phrase (`---`) the country of the place it names, when it is a bare name
/// ("Kharkiv", "in North Waziristan", "the Donbas") that `places` knows; true when it did.
pub fn as_place_actor(tree: &Tree<'_>, places: &dyn PlaceCountries, r: &mut Resolved) -> bool {
    if !r.actor.code.has_null_root() {
        return false;
    }
    let Some(name) = bare_name(tree, r) else {
        return false;
    };
    if part_of_a_longer_name(tree, r, &name) {
        return false;
    }
    let Some(country) = places.country_of(&name) else {
        return false;
    };
    let Ok(code) = country.parse::<ActorCode>() else {
        return false;
    };
    r.actor.code = code;
    r.actor.country = Some(country.clone());
    r.sources.push(DictSource {
        file: GAZETTEER_FILE.to_string(),
        line: 0,
        text: format!("{name} → {country}"),
    });
    r.root_blocks = 1;
    true
}

/// The rule a role of no known country records when it takes the country of the place the event
/// happened in.
pub const ROLE_RULE: &str = "role-takes-place-country";

/// Whether `r` is a role of no known country ("police", "militants": `---COP`, `---REB`), which
/// [`give_place_country`] may complete.
pub fn is_role_without_country(r: &Resolved) -> bool {
    r.actor.unknown_root && !r.actor.code.has_null_root()
}

/// The place the event happened in, `place` (the head of "in Minsk"), as an actor with a
/// country: as the dictionaries know it, else as `places` does.
pub fn place_country(
    tree: &Tree<'_>,
    lexicon: &ActorLexicon<'_>,
    places: Option<&dyn PlaceCountries>,
    place: u32,
    date: Date,
) -> Option<Resolved> {
    let named = lexicon
        .resolve_conjoined(tree, place, date)
        .into_iter()
        .find(|p| !p.actor.unknown_root && p.actor.country.is_some());
    named.or_else(|| {
        let mut p = crate::actors::unnamed(tree, place)?;
        as_place_actor(tree, places?, &mut p).then_some(p)
    })
}

/// Gives a role of no known country the country of `place` (from [`place_country`]); true when
/// it did. The place's own entry goes into the actor's provenance.
pub fn give_place_country(place: &Resolved, r: &mut Resolved) -> bool {
    if !is_role_without_country(r) {
        return false;
    }
    let Some(country) = place.actor.country.as_deref() else {
        return false;
    };
    let Some(code) = country
        .parse::<ActorCode>()
        .ok()
        .and_then(|c| c.concat(&r.actor.code))
    else {
        return false;
    };
    r.actor.code = code;
    r.actor.country = Some(country.to_string());
    r.actor.unknown_root = false;
    r.root_blocks = 1;
    let mut sources = place.sources.clone();
    sources.append(&mut r.sources);
    r.sources = sources;
    true
}

/// Whether the one-word `name` stands elsewhere in the sentence beside another proper noun:
/// "Wei" after "Defence Minister Wei Fenghe" is the minister, "Londono" after "Rodrigo Londono"
/// the rebel leader, not a town of that name.
fn part_of_a_longer_name(tree: &Tree<'_>, r: &Resolved, name: &str) -> bool {
    if name.contains(' ') {
        return false;
    }
    let span = r.actor.span;
    let form = |id: u32| tree.token(id).map_or("", |t| t.form.as_str());
    tree.ids().any(|id| {
        let elsewhere = tree
            .token(id)
            .and_then(|t| t.span)
            .is_some_and(|s| s.end <= span.start || s.start >= span.end);
        elsewhere
            && form(id) == name
            && [id.saturating_sub(1), id + 1]
                .into_iter()
                .any(|n| n != id && tree.upos(n) == Upos::Propn && form(n) != name)
    })
}

/// The phrase's words without a leading preposition or article, when all of them are parts of a
/// name (proper nouns, hyphens); at most six words.
fn bare_name(tree: &Tree<'_>, r: &Resolved) -> Option<String> {
    let span = r.actor.span;
    let ids: Vec<u32> = tree
        .ids()
        .filter(|&id| {
            tree.token(id)
                .and_then(|t| t.span)
                .is_some_and(|s| s.start >= span.start && s.end <= span.end)
        })
        .skip_while(|&id| matches!(tree.upos(id), Upos::Adp | Upos::Det))
        .collect();
    let first = *ids.first()?;
    let last = *ids.last()?;
    let form = |id: u32| tree.token(id).map_or("", |t| t.form.as_str());
    // Proper nouns, hyphens, and a short word between hyphens ("Mazar-i-Sharif").
    let name_part = |id: u32| {
        tree.upos(id) == Upos::Propn
            || form(id) == "-"
            || (form(id.saturating_sub(1)) == "-" && form(id + 1) == "-" && form(id).len() <= 3)
    };
    // A name is written with a capital ("metro" is no place).
    let capital = form(first).chars().next().is_some_and(char::is_uppercase);
    if ids.len() > 6 || !capital || !ids.iter().all(|&id| name_part(id)) {
        return None;
    }
    // "City Court", "North District": words any place may be called say no place.
    let generic = ids.iter().all(|&id| {
        form(id) == "-" || GENERIC_PLACE_WORDS.contains(&form(id).to_uppercase().as_str())
    });
    if generic {
        return None;
    }
    let start = tree.token(first)?.span?.start;
    let end = tree.token(last)?.span?.end;
    Some(
        tree.span_text(petrel_core::Span::new(start, end))?
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::unnamed;
    use crate::syntax::tests::{sentence, with_spans};
    use petrel_core::Upos::*;

    struct Atlas;
    impl PlaceCountries for Atlas {
        fn country_of(&self, name: &str) -> Option<String> {
            matches!(name, "Minas Tirith" | "Tirith" | "metro").then(|| "GON".to_string())
        }
    }

    #[test]
    fn a_bare_place_name_takes_its_country() {
        let s = with_spans(sentence(&[
            ("Orcs", "orc", Noun, 2, "nsubj"),
            ("shelled", "shell", Verb, 0, "root"),
            ("Minas", "Minas", Propn, 4, "compound"),
            ("Tirith", "Tirith", Propn, 2, "obj"),
        ]));
        let tree = Tree::new(&s);
        let mut r = unnamed(&tree, 4).expect("a phrase");
        assert!(as_place_actor(&tree, &Atlas, &mut r));
        assert_eq!(r.actor.code.as_str(), "GON");
        assert_eq!(r.actor.country.as_deref(), Some("GON"));
        assert_eq!(
            r.sources.first().map(|s| s.file.as_str()),
            Some(GAZETTEER_FILE)
        );
    }

    #[test]
    fn only_bare_names_that_name_a_place_are_asked() {
        // "the orcs of Minas Tirith": a common noun heads the phrase.
        let s = with_spans(sentence(&[
            ("Gondor", "Gondor", Propn, 2, "nsubj"),
            ("shelled", "shell", Verb, 0, "root"),
            ("the", "the", Det, 4, "det"),
            ("orcs", "orc", Noun, 2, "obj"),
        ]));
        let tree = Tree::new(&s);
        let mut r = unnamed(&tree, 4).expect("a phrase");
        assert!(!as_place_actor(&tree, &Atlas, &mut r));
        assert!(r.actor.code.has_null_root());
        // Words any place may be called name none.
        let s = with_spans(sentence(&[
            ("Gondor", "Gondor", Propn, 2, "nsubj"),
            ("shelled", "shell", Verb, 0, "root"),
            ("North", "North", Propn, 4, "compound"),
            ("District", "District", Propn, 2, "obj"),
        ]));
        let tree = Tree::new(&s);
        let mut r = unnamed(&tree, 4).expect("a phrase");
        assert_eq!(bare_name(&tree, &r), None);
        assert!(!as_place_actor(&tree, &Atlas, &mut r));
        // A name the atlas does not know stays unnamed.
        let s = with_spans(sentence(&[
            ("Gondor", "Gondor", Propn, 2, "nsubj"),
            ("shelled", "shell", Verb, 0, "root"),
            ("Osgiliath", "Osgiliath", Propn, 2, "obj"),
        ]));
        let tree = Tree::new(&s);
        let mut r = unnamed(&tree, 3).expect("a phrase");
        assert!(!as_place_actor(&tree, &Atlas, &mut r));
        // A name is written with a capital.
        let s = with_spans(sentence(&[
            ("Gondor", "Gondor", Propn, 2, "nsubj"),
            ("shelled", "shell", Verb, 0, "root"),
            ("metro", "metro", Propn, 2, "obj"),
        ]));
        let tree = Tree::new(&s);
        let mut r = unnamed(&tree, 3).expect("a phrase");
        assert!(!as_place_actor(&tree, &Atlas, &mut r));
    }

    #[test]
    fn a_surname_named_in_full_before_is_no_place() {
        // "Lord Denethor Tirith spoke and Tirith left": the second "Tirith" is the lord.
        let s = with_spans(sentence(&[
            ("Denethor", "Denethor", Propn, 2, "compound"),
            ("Tirith", "Tirith", Propn, 3, "nsubj"),
            ("spoke", "speak", Verb, 0, "root"),
            ("and", "and", Cconj, 6, "cc"),
            ("Tirith", "Tirith", Propn, 6, "nsubj"),
            ("left", "leave", Verb, 3, "conj"),
        ]));
        let tree = Tree::new(&s);
        let mut r = unnamed(&tree, 5).expect("a phrase");
        assert!(!as_place_actor(&tree, &Atlas, &mut r));
        // Alone, it is the place.
        let s = with_spans(sentence(&[
            ("Tirith", "Tirith", Propn, 2, "nsubj"),
            ("spoke", "speak", Verb, 0, "root"),
        ]));
        let tree = Tree::new(&s);
        let mut r = unnamed(&tree, 1).expect("a phrase");
        assert!(as_place_actor(&tree, &Atlas, &mut r));
    }
    #[test]
    fn a_role_of_no_country_takes_the_country_of_the_place_it_acted_in() {
        fn role_takes_place_country(
            tree: &Tree<'_>,
            lexicon: &ActorLexicon<'_>,
            places: Option<&dyn PlaceCountries>,
            place: u32,
            date: Date,
            r: &mut Resolved,
        ) -> bool {
            place_country(tree, lexicon, places, place, date)
                .is_some_and(|found| give_place_country(&found, r))
        }
        let coder = crate::tests::coder_with(
            "--- FIRE [190] ---\nFIRE\n",
            ("test.actors", "GONDOR [GON]\n"),
            "POLICE {} [~COP]\n",
        );
        let lexicon = coder.lexicon();
        let date = crate::tests::date();
        // "Police fired in Gondor": the dictionaries name the place.
        let s = with_spans(sentence(&[
            ("Police", "police", Noun, 2, "nsubj"),
            ("fired", "fire", Verb, 0, "root"),
            ("in", "in", Adp, 4, "case"),
            ("Gondor", "Gondor", Propn, 2, "obl"),
        ]));
        let tree = Tree::with_vocabulary(&s, &coder.dictionaries().vocabulary);
        let mut police = lexicon.resolve(&tree, 1, date).remove(0);
        assert_eq!(police.actor.petrarch_code(), "---COP");
        assert!(role_takes_place_country(
            &tree,
            &lexicon,
            None,
            4,
            date,
            &mut police
        ));
        assert_eq!(police.actor.petrarch_code(), "GONCOP");
        assert_eq!(police.actor.country.as_deref(), Some("GON"));
        // "Police fired in Minas Tirith": the gazetteer does.
        let s = with_spans(sentence(&[
            ("Police", "police", Noun, 2, "nsubj"),
            ("fired", "fire", Verb, 0, "root"),
            ("in", "in", Adp, 5, "case"),
            ("Minas", "Minas", Propn, 5, "compound"),
            ("Tirith", "Tirith", Propn, 2, "obl"),
        ]));
        let tree = Tree::with_vocabulary(&s, &coder.dictionaries().vocabulary);
        let mut police = lexicon.resolve(&tree, 1, date).remove(0);
        assert!(!role_takes_place_country(
            &tree,
            &lexicon,
            None,
            5,
            date,
            &mut police
        ));
        assert!(role_takes_place_country(
            &tree,
            &lexicon,
            Some(&Atlas),
            5,
            date,
            &mut police
        ));
        assert_eq!(police.actor.petrarch_code(), "GONCOP");
        // A named actor keeps its own country.
        let mut gondor = lexicon.resolve(&tree, 5, date);
        for r in &mut gondor {
            assert!(!role_takes_place_country(
                &tree,
                &lexicon,
                Some(&Atlas),
                5,
                date,
                r
            ));
        }
    }
}
