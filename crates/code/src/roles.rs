//! Role selection: which phrases of a verb's clause are the event's source and target.
//!
//! The source is the verb's subject, a passive's `by` phrase, or the subject of the verb above a
//! complement or conjoined verb ([`source_actors`]); the target is a passive's subject, the
//! object, a prepositional phrase or a phrase of a complement clause ([`target_actors`]), a
//! pattern slot standing for a clause's subject ([`slot_phrase`]), or an unnamed target placed in
//! the country where the event happened ([`located`]). The grammar these read is in
//! [`crate::syntax`] and the actor codes of a phrase come from [`crate::actors`]; neither uses
//! this module, so the three form no import circle.

use crate::actors::{as_places, ActorLexicon, Resolved, LOCATIVE};
use crate::syntax::{gerund, misread_clause, passive_agent, past_participle, Rel, Tree};
use petrel_core::{Date, Upos};

/// The source actors of `verb`: its subject; for a passive, its `by` phrase; for a verb without
/// its own subject (an `xcomp`, a conjoined verb, a participle), the subject of the verb above it.
pub(crate) fn source_actors(
    tree: &Tree<'_>,
    lexicon: &ActorLexicon<'_>,
    verb: u32,
    date: Date,
) -> Vec<Resolved> {
    let mut node = verb;
    for _ in 0..8 {
        let subject = tree.children_with(node, Rel::Subject).next().or_else(|| {
            // Walking up, the passive subject of a governing verb is the actor too
            // ("Obama is scheduled to attend").
            (node != verb)
                .then(|| tree.children_with(node, Rel::PassiveSubject).next())
                .flatten()
        });
        if let Some(subject) = subject {
            let found = lexicon.resolve_conjoined(tree, subject, date);
            // A pronoun ("Obama said he would ...") stands for an actor further up.
            if !found.is_empty() || (node == verb && tree.upos(subject) != Upos::Pron) {
                return found;
            }
        }
        if node == verb {
            if let Some(agent) = passive_agent(tree, node) {
                return lexicon.resolve_conjoined(tree, agent, date);
            }
            if tree.has_child(node, Rel::PassiveSubject) {
                // A passive without a `by` phrase: PETRARCH takes the actor of one of the verb's
                // other phrases ("was shot dead in Osgiliath").
                for child in tree.children_with(node, Rel::Oblique).collect::<Vec<_>>() {
                    let mut found = phrase_or_inner_actors(tree, lexicon, child, date, 0);
                    found.retain(|r| !r.actor.unknown_root);
                    if !found.is_empty() {
                        return found;
                    }
                }
                return Vec::new();
            }
        }
        match tree.rel(node) {
            Rel::Xcomp => {
                // Object control: in "urged Bree to help" Bree helps.
                let head = tree.head(node);
                if let Some(object) = tree.children_with(head, Rel::Object).next() {
                    let found = lexicon.resolve_conjoined(tree, object, date);
                    if !found.is_empty() {
                        return found;
                    }
                }
                node = head;
            }
            // A participle clause ("..., killing eight people") describes the circumstances of
            // the main event; PETRARCH-2 does not pass the main subject down into it.
            Rel::Advcl if gerund(tree, node) => return Vec::new(),
            Rel::Conj | Rel::Advcl | Rel::Ccomp => node = tree.head(node),
            // The parser sometimes reads a whole sentence as a noun phrase: "Malaysian police
            // arrested three Chinese nationals" as police [who were] arrested, "Kim Jong Un met
            // Putin" with `met` a loose dependent. The noun is then the actor.
            Rel::Acl | Rel::Other if misread_clause(tree, node) => {
                let head = tree.head(node);
                return lexicon.resolve_conjoined(tree, head, date);
            }
            // A past participle modifying a noun ("civilians imprisoned for ...") describes what
            // was done to the noun: it is the patient, not the actor. With a complement of its
            // own ("a woman believed linked to ...") the noun is the complement's subject again.
            Rel::Acl
                if past_participle(tree, node)
                    && !tree.has_child(node, Rel::Xcomp)
                    && !tree.has_child(node, Rel::Ccomp) =>
            {
                return Vec::new()
            }
            Rel::Relcl | Rel::Acl => {
                let head = tree.head(node);
                return lexicon.resolve_conjoined(tree, head, date);
            }
            _ => return Vec::new(),
        }
        if node == 0 {
            return Vec::new();
        }
    }
    Vec::new()
}

/// The target actors of `verb` when its pattern named none: a passive's subject, the object (or an
/// actor inside the object's own phrases: "an attack by Osgiliath soldiers"), a prepositional
/// phrase, or a phrase of its complement clause.
/// A plain statement's clausal complement is not searched, nor the phrases inside its object:
/// they are what is said, not to whom. With `skip_places` (partners acting together), a capital
/// saying where they act is not the government it otherwise stands for. Objects in `skip_objects`
/// are not targets.
pub(crate) fn target_actors(
    tree: &Tree<'_>,
    lexicon: &ActorLexicon<'_>,
    verb: u32,
    date: Date,
    statement: bool,
    partners: Option<&[Resolved]>,
    skip_objects: &[u32],
) -> Vec<Resolved> {
    // Partners acting together (the sources, when the verb is mutual) act on each other.
    let skip_places = partners.is_some();
    let partner_countries: Vec<&str> = partners
        .unwrap_or_default()
        .iter()
        .filter_map(|r| r.actor.country.as_deref())
        .collect();
    if passive_agent(tree, verb).is_some() || tree.has_child(verb, Rel::AuxPass) {
        if let Some(subject) = tree.children_with(verb, Rel::PassiveSubject).next() {
            let found = lexicon.resolve_conjoined(tree, subject, date);
            if !found.is_empty() {
                return found;
            }
        }
    }
    let mut candidates: Vec<u32> = Vec::new();
    for &child in tree.children(verb) {
        if tree.rel(child) != Rel::Object {
            continue;
        }
        if skip_objects.contains(&child) {
            // What the skipped object's own phrases name still counts ("deployed warships
            // near Taiwan").
            candidates.extend(tree.children_with(child, Rel::Oblique));
        } else {
            candidates.push(child);
        }
    }
    for &child in tree.children(verb) {
        if tree.rel(child) == Rel::Oblique && tree.case_marker(child).as_deref() != Some("BY") {
            candidates.push(child);
        }
    }
    // In an active clause, a `by` phrase after the object is the object's agent, hung on the
    // verb by the parser ("denied the accusations by Congo").
    let active = !tree.has_child(verb, Rel::AuxPass) && !tree.has_child(verb, Rel::PassiveSubject);
    if let Some(object) = tree
        .children_with(verb, Rel::Object)
        .next()
        .filter(|_| active)
    {
        for &child in tree.children(verb) {
            let by =
                tree.rel(child) == Rel::Oblique && tree.case_marker(child).as_deref() == Some("BY");
            if by && child > object {
                candidates.push(child);
            }
        }
    }
    for &child in tree.children(verb) {
        let rel = tree.rel(child);
        // A clause of its own ("..., while Lavrov warned against ...") is another event, not
        // what this verb acts on; a purpose clause ("sent troops to help Gondor") is.
        // Nor is a bare participle clause saying what followed ("test-fired a missile, drawing
        // a warning from the United States").
        let separate = rel == Rel::Advcl
            && (tree
                .children_with(child, Rel::Mark)
                .any(|m| SEPARATE_CLAUSE_MARKERS.contains(&tree.upper(m)))
                || (gerund(tree, child)
                    && !tree.has_child(child, Rel::Mark)
                    && tree
                        .children(child)
                        .iter()
                        .any(|&c| c < child && tree.upper(c) == ",")));
        if (matches!(rel, Rel::Xcomp | Rel::Advcl) && !separate)
            || (rel == Rel::Ccomp && !statement)
        {
            candidates.push(child);
        }
    }
    // Among the verb's own phrases, an actor with a known root beats an unnamed one ("conducting
    // military exercises in Alaska" acts on Alaska, not on "military"); clauses come last.
    let mut unnamed = Vec::new();
    for candidate in candidates {
        let clausal = matches!(tree.rel(candidate), Rel::Xcomp | Rel::Ccomp | Rel::Advcl);
        if clausal && !unnamed.is_empty() {
            break;
        }
        // A plain statement is addressed to the actor its phrase names ("told China"), not to
        // one named somewhere inside it ("announced bans on travel to Canada").
        let mut found = if statement {
            lexicon.resolve_conjoined(tree, candidate, date)
        } else {
            phrase_or_inner_actors(tree, lexicon, candidate, date, 0)
        };
        let place = tree.rel(candidate) == Rel::Oblique
            && tree
                .case_marker(candidate)
                .is_some_and(|m| LOCATIVE.contains(&m.as_str()));
        if skip_places && place {
            // A capital where partners met names the place, not its government.
            found.retain(|r| !(r.root_blocks == 2 && r.actor.sectors == ["GOV"]));
        } else if place {
            as_places(tree, lexicon, candidate, &mut found);
        }
        // Nor is one partner's own country what they act on together ("met in Osaka", "held a
        // summit in Tokyo"): they act on each other.
        found.retain(|r| {
            r.actor
                .country
                .as_deref()
                .is_none_or(|c| !partner_countries.contains(&c))
        });
        if clausal {
            // Inside another clause only a named actor is what this verb acts on.
            found.retain(|r| !r.actor.unknown_root);
        }
        if found.iter().any(|r| !r.actor.unknown_root) {
            return found;
        }
        if unnamed.is_empty() {
            unnamed = found;
        }
    }
    unnamed
}

/// Subordinators of adverbial clauses that report an event of their own.
const SEPARATE_CLAUSE_MARKERS: &[&str] = &[
    "WHILE", "WHEREAS", "ALTHOUGH", "THOUGH", "BECAUSE", "AFTER", "BEFORE", "WHEN", "SINCE", "AS",
    "IF", "UNLESS", "UNTIL",
];

/// Unnamed targets of a verb that says where it happened take that place's country: "massacred
/// civilians in El Geneina" acts on Sudanese civilians. Only a place that is a country or part of
/// one (an actor with no sector) counts; a capital standing for its government does not.
pub(crate) fn located(
    tree: &Tree<'_>,
    lexicon: &ActorLexicon<'_>,
    verb: u32,
    date: Date,
    mut targets: Vec<Resolved>,
) -> Vec<Resolved> {
    if targets.is_empty() || targets.iter().any(|r| !r.actor.unknown_root) {
        return targets;
    }
    let place = tree
        .children_with(verb, Rel::Oblique)
        .filter(|&c| {
            tree.case_marker(c)
                .is_some_and(|m| LOCATIVE.contains(&m.as_str()))
        })
        .find_map(|c| {
            let mut found = phrase_or_inner_actors(tree, lexicon, c, date, 0);
            as_places(tree, lexicon, c, &mut found);
            match found.as_slice() {
                [one] if !one.actor.unknown_root && one.actor.sectors.is_empty() => {
                    Some(one.clone())
                }
                _ => None,
            }
        });
    let Some(place) = place else {
        return targets;
    };
    for r in &mut targets {
        let Some(code) = place.actor.code.concat(&r.actor.code) else {
            continue;
        };
        r.actor.code = code;
        r.actor.country = place.actor.country.clone();
        r.actor.unknown_root = false;
        r.root_blocks = place.root_blocks;
        r.sources.extend(place.sources.iter().cloned());
    }
    targets
}

/// The actors of a phrase, or failing that of the phrases inside it (breadth first, bounded).
pub(crate) fn phrase_or_inner_actors(
    tree: &Tree<'_>,
    lexicon: &ActorLexicon<'_>,
    head: u32,
    date: Date,
    depth: usize,
) -> Vec<Resolved> {
    if depth > 4 {
        return Vec::new();
    }
    if !tree.is_verb(head) {
        let mut found = lexicon.resolve_conjoined(tree, head, date);
        // Deep inside a phrase, only actors with a known root count: an unnamed "militants"
        // three phrases down is not what the verb acts on.
        if depth > 1 {
            found.retain(|r| !r.actor.unknown_root);
        }
        if !found.is_empty() {
            return found;
        }
    }
    let inner_rels = [
        Rel::Subject,
        Rel::Object,
        Rel::Oblique,
        Rel::Possessor,
        Rel::Xcomp,
        Rel::Ccomp,
        Rel::Acl,
        Rel::Relcl,
    ];
    for rel in inner_rels {
        if depth > 1 && matches!(rel, Rel::Acl | Rel::Relcl) {
            continue;
        }
        for child in tree.children_with(head, rel).collect::<Vec<_>>() {
            let mut found = phrase_or_inner_actors(tree, lexicon, child, date, depth + 1);
            if rel == Rel::Oblique {
                as_places(tree, lexicon, child, &mut found);
            }
            if !found.is_empty() {
                return found;
            }
        }
    }
    Vec::new()
}

/// The phrase a pattern's slot stands for: the slot itself, or when the slot is a clause
/// ("urged Israel and Hamas to accept", with `Israel` the subject of `accept`), that clause's
/// subject, or for a complement without one the object of the verb governing it.
pub(crate) fn slot_phrase(tree: &Tree<'_>, slot: u32) -> u32 {
    if !tree.is_verb(slot) {
        return slot;
    }
    if let Some(subject) = tree.children_with(slot, Rel::Subject).next() {
        return subject;
    }
    // Object control: in "pressed Israel to allow more aid" the slot's clause is Israel's.
    if tree.rel(slot) == Rel::Xcomp {
        if let Some(object) = tree.children_with(tree.head(slot), Rel::Object).next() {
            return object;
        }
    }
    slot
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::tests::sentence;
    use petrel_core::Upos::*;

    #[test]
    fn a_pattern_slot_on_a_clause_stands_for_its_subject() {
        // "Arnor praised Gondor to ..." is not it; the slot of `- * BRIDGE`-like patterns is.
        // Here: "Arnor met Rohan" where the parser hung Rohan as the subject of a clause.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("met", "meet", Verb, 0, "root"),
            ("Rohan", "Rohan", Propn, 4, "nsubj"),
            ("vow", "vow", Verb, 2, "ccomp"),
        ]);
        let tree = Tree::new(&s);
        assert_eq!(slot_phrase(&tree, 4), 3);
        assert_eq!(slot_phrase(&tree, 1), 1);
    }
}
