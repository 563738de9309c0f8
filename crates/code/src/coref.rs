//! Cross-sentence coreference: pronouns and definite descriptions resolved to actors named earlier.
//!
//! News names an actor once ("Japanese Foreign Minister Fumio Kishida") and then refers back to it
//! ("he", "the minister", "the two ministers", "both countries"). [`Antecedents`] remembers the
//! actors named in the last [`LOOK_BACK`] sentences of a story, each with its kind (person,
//! organisation, country); when a phrase names no actor of its own and is such a reference, the
//! most recent compatible actor stands in: same kind, and for a description with a role
//! ("the ministry" is `GOV`) an actor holding that role. A plural with a number ("the four
//! ministers", "both sides") takes that many distinct actors.
//!
//! Refinements, each with a test below: a pronoun, and a group that acts ("the rebels denied"),
//! look first at antecedents that were subjects, the parties the story is about; a group takes its
//! antecedent's country with its own role ("the rebels" after "Ukraine's military" are `UKRREB`),
//! as does a person described by a role whose antecedent carries only a country ("the two
//! ministers" after "Russia's Lavrov", coded `RUS`, is `RUSGOV`); a phrase of unknown country
//! nearer than any known actor ("a minister said ... he") blocks the look-back, since it is most
//! likely what the reference means; a description with a name of its own ("the Interfax news
//! agency") is a new entity, not a reference; and an actor found through a reference is never an
//! event's target in its source's own country ("France recalled its ambassador").
//!
//! The event keeps the words it was coded from: the actor's `text` and span stay the pronoun's,
//! its code and entity are the antecedent's, and its provenance gains an entry whose file is
//! [`COREF_FILE`], whose line is the antecedent's sentence index, and whose text names the
//! antecedent, so every event coded through a reference says so.
//!
//! What it does not do: resolve "I" and "we" (quotations speak for the speaker, whom the coder
//! does not track), cataphora, or references further back than [`LOOK_BACK`] sentences.

use crate::actors::{ActorLexicon, Resolved};
use crate::syntax::{Rel, Tree};
use petrel_core::{Date, DictSource, Upos};
use std::collections::VecDeque;

/// How many sentences back a reference may look: news refers back briefly, and an actor not named
/// for longer is as likely a new one.
pub const LOOK_BACK: usize = 3;

/// The most mentions remembered, which bounds the work per reference whatever the sentences hold.
pub const MAX_MENTIONS: usize = 64;

/// The `file` of a provenance entry that records a resolved reference.
pub const COREF_FILE: &str = "coref";

/// What kind of actor a phrase names, which decides which references may point to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Person,
    Organisation,
    Country,
}

/// An actor named in the story, as a possible antecedent.
#[derive(Clone, Debug)]
struct Mention {
    sentence: usize,
    /// The token heading the phrase, to order mentions within a sentence.
    token: u32,
    /// Whether the phrase was a subject, which pronouns prefer.
    subject: bool,
    kind: Kind,
    resolved: Resolved,
}

/// The mentions of one sentence, from [`Antecedents::named`].
#[derive(Clone, Debug, Default)]
pub struct Named(Vec<Mention>);

/// The actors named in the last few sentences of a story, most recent last.
#[derive(Clone, Debug, Default)]
pub struct Antecedents {
    mentions: VecDeque<Mention>,
    /// The sentence being coded: mentions in it count only before the reference.
    current: usize,
}

/// A reference being resolved: what it asks for, the roles its own words carry, whether it is
/// a subject, and where it stands.
struct Wanted<'r> {
    reference: Reference,
    roles: &'r [&'r str],
    subject: bool,
    head: u32,
    /// The subject of the clause a pronoun is the object of, which it cannot mean
    /// ([`own_clause_subject`]).
    not: Option<u32>,
    /// For a person described by a title, the subjects of the clauses above it in its own
    /// sentence, which it cannot mean ([`governing_subjects`]).
    not_persons: Vec<u32>,
}

/// The outcome of looking back for a reference's antecedents.
enum Pick<'m> {
    Found(Vec<&'m Mention>),
    /// The nearest candidate names no country, so the reference stays unresolved.
    Blocked,
    /// Too few candidates.
    Missing,
}

/// What a referring phrase asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Reference {
    /// `None`: any kind ("both sides").
    kind: Option<Kind>,
    /// How many distinct actors it names.
    count: usize,
}

impl Antecedents {
    pub fn new() -> Antecedents {
        Antecedents::default()
    }

    /// Starts sentence `index`: forgets mentions older than [`LOOK_BACK`] sentences.
    pub fn begin_sentence(&mut self, index: usize) {
        self.current = index;
        while self
            .mentions
            .front()
            .is_some_and(|m| m.sentence + LOOK_BACK < index)
        {
            self.mentions.pop_front();
        }
    }

    /// The actors the sentence's noun phrases name (references included, so a chain of "he"s
    /// stays with its person), to [`Antecedents::remember`]. `lexicon` may itself read these
    /// antecedents.
    pub fn named(&self, tree: &Tree<'_>, lexicon: &ActorLexicon<'_>, date: Date) -> Named {
        let mut found = Vec::new();
        for id in tree.ids() {
            if !matches!(tree.upos(id), Upos::Noun | Upos::Propn | Upos::Pron) {
                continue;
            }
            // Words inside a larger name or modifying another noun are part of that phrase, and
            // the backer in "Russian-backed separatists" is not an actor the story goes on about.
            if matches!(
                tree.rel(id),
                Rel::Compound | Rel::Amod | Rel::Det | Rel::Nummod | Rel::Conj
            ) || tree.rel(tree.head(id)) == Rel::Amod
            {
                continue;
            }
            let resolved = lexicon.resolve_conjoined(tree, id, date);
            // Phrases of unknown country ("eight companies") are remembered too: a reference
            // whose nearest antecedent is one of them ("their") stays unresolved rather than
            // jumping to an actor further back.
            for r in resolved {
                let kind = kind_of(tree, id, &r);
                found.push(Mention {
                    sentence: self.current,
                    token: id,
                    subject: matches!(tree.rel(id), Rel::Subject | Rel::PassiveSubject),
                    kind,
                    resolved: r,
                });
            }
        }
        Named(found)
    }

    /// Adds a sentence's mentions, the oldest falling out beyond [`MAX_MENTIONS`].
    pub fn remember(&mut self, named: Named) {
        for m in named.0 {
            if self.mentions.len() >= MAX_MENTIONS {
                self.mentions.pop_front();
            }
            self.mentions.push_back(m);
        }
    }

    /// The most recent mentions `wanted` may refer to, as many as it names; with
    /// `subjects_only`, only mentions that were subjects.
    fn pick(&self, wanted: &Wanted<'_>, subjects_only: bool) -> Pick<'_> {
        let (reference, head) = (wanted.reference, wanted.head);
        let mut picked: Vec<&Mention> = Vec::new();
        let mut only_countries = false;
        for m in self.mentions.iter().rev() {
            let before =
                m.sentence < self.current || (m.sentence == self.current && m.token < head);
            if !before || (subjects_only && !m.subject) {
                continue;
            }
            if m.sentence == self.current
                && (Some(m.token) == wanted.not
                    || (m.kind == Kind::Person && wanted.not_persons.contains(&m.token)))
            {
                continue;
            }
            if !compatible(reference, wanted.roles, wanted.subject, m) {
                continue;
            }
            if only_countries && m.kind != Kind::Country {
                continue;
            }
            if m.resolved.actor.unknown_root {
                // The nearest candidate is of unknown country: it is what the reference means,
                // and it places nothing. Only an acting group may still take the story's
                // country ("opposition delegations ... The opposition accused").
                let acting_group = wanted.subject
                    && reference.kind == Some(Kind::Organisation)
                    && !wanted.roles.is_empty();
                if acting_group {
                    only_countries = true;
                    continue;
                }
                return Pick::Blocked;
            }
            let code = m.resolved.actor.petrarch_code();
            if picked
                .iter()
                .any(|p| p.resolved.actor.petrarch_code() == code)
            {
                continue;
            }
            picked.push(m);
            if picked.len() == reference.count {
                return Pick::Found(picked);
            }
        }
        Pick::Missing
    }

    /// The actors a referring phrase headed by `head` stands for, when it is a reference and
    /// compatible antecedents exist; `own` is what the phrase's own words resolved to (nothing,
    /// or only roles such as `GOV`).
    pub fn resolve(&self, tree: &Tree<'_>, head: u32, own: &[Resolved]) -> Option<Vec<Resolved>> {
        let reference = reference(tree, head)?;
        let roles: Vec<&str> = own
            .iter()
            .flat_map(|r| r.actor.sectors.iter().map(String::as_str))
            .collect();
        let subject = matches!(tree.rel(head), Rel::Subject | Rel::PassiveSubject);
        let wanted = Wanted {
            reference,
            roles: &roles,
            subject,
            head,
            not: own_clause_subject(tree, head),
            not_persons: if reference.kind == Some(Kind::Person)
                && reference.count == 1
                && tree.upos(head) != Upos::Pron
            {
                governing_subjects(tree, head)
            } else {
                Vec::new()
            },
        };
        // A pronoun prefers an antecedent that was itself a subject ("Iran fired a missile,
        // drawing a warning from the United States that it violated ..." is Iran's violation),
        // and an acting group the country of the last party that acted ("The Philippines
        // protested ... the navy would send ships" is the Philippine navy).
        let acting_group =
            subject && reference.kind == Some(Kind::Organisation) && !roles.is_empty();
        let mut found = Pick::Missing;
        if tree.upos(head) == Upos::Pron || acting_group {
            found = self.pick(&wanted, true);
        }
        if matches!(found, Pick::Missing) {
            found = self.pick(&wanted, false);
        }
        let Pick::Found(mut picked) = found else {
            return None;
        };
        let (text, span) = phrase_words(tree, head);
        // The earlier-named actor first, as the story named them.
        picked.reverse();
        Some(
            picked
                .into_iter()
                .map(|m| {
                    let mut r = m.resolved.clone();
                    // "The two ministers" after "Russia's Lavrov" coded only as RUS: the
                    // description's role completes the code (RUSGOV); an acting group takes
                    // the antecedent's country with its own role ("the rebels" after
                    // "Ukraine's military": UKRREB).
                    let role = own.first().filter(|role| {
                        let lacks = !role
                            .actor
                            .sectors
                            .iter()
                            .all(|s| r.actor.sectors.contains(s));
                        lacks && (r.actor.sectors.is_empty() || acting_group)
                    });
                    let country = r
                        .actor
                        .country
                        .as_deref()
                        .and_then(|c| c.parse::<petrel_core::ActorCode>().ok());
                    let mut another_party = false;
                    if let Some((role, country)) = role.zip(country) {
                        if let Some(code) = country.concat(&role.actor.code) {
                            // An acting group of the antecedent's country is not the antecedent
                            // ("Indian opposition parties demanded that the government ..."):
                            // no words of the sentence name it but its own.
                            another_party = acting_group && !m.resolved.actor.sectors.is_empty();
                            r.actor.code = code;
                            r.actor.sectors.clone_from(&role.actor.sectors);
                            r.actor.entity = None;
                            r.sources.extend(role.sources.iter().cloned());
                        }
                    }
                    let named = r.actor.text.clone();
                    // The words that name the antecedent count only in its own sentence.
                    r.named_by = (m.sentence == self.current && !another_party).then(|| {
                        m.resolved
                            .named_by
                            .clone()
                            .unwrap_or_else(|| (named.clone(), r.actor.span))
                    });
                    r.actor.text.clone_from(&text);
                    r.actor.span = span;
                    r.sources.push(DictSource {
                        file: COREF_FILE.to_string(),
                        line: m.sentence,
                        text: format!("{text} = {named}"),
                    });
                    r
                })
                .collect(),
        )
    }
}

/// The subject of the clause whose object the pronoun `head` is: "him" in "Trump praised him"
/// is not Trump, nor is "them" in "the United States imposed sanctions on officials, accusing
/// them" the United States, whose subject "accusing" shares. A reflexive would be ("accused
/// himself"), and is no reference here.
fn own_clause_subject(tree: &Tree<'_>, head: u32) -> Option<u32> {
    if tree.upos(head) != Upos::Pron || tree.rel(head) != Rel::Object {
        return None;
    }
    let mut verb = tree.head(head);
    for _ in 0..4 {
        if let Some(subject) = tree.children_with(verb, Rel::Subject).next() {
            return Some(subject);
        }
        // A clause without a subject of its own shares the one it hangs from.
        if !matches!(tree.rel(verb), Rel::Xcomp | Rel::Advcl | Rel::Conj) {
            return None;
        }
        verb = tree.head(verb);
    }
    None
}

/// The subjects of the clauses that govern `head` in its sentence, up to a clause joined as a
/// conjunct or aside (which starts afresh: "Kishida met Lavrov, and the two ministers agreed").
/// A person described by a title is not the person who is the subject of a clause above it:
/// "Romania's president refused a request from the justice minister" names two people.
fn governing_subjects(tree: &Tree<'_>, head: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut below = head;
    let mut node = tree.head(head);
    for _ in 0..8 {
        if node == 0 || matches!(tree.rel(below), Rel::Conj | Rel::Parataxis) {
            break;
        }
        out.extend(
            tree.children(node)
                .iter()
                .copied()
                .filter(|&c| c != below)
                .filter(|&c| matches!(tree.rel(c), Rel::Subject | Rel::PassiveSubject)),
        );
        below = node;
        node = tree.head(node);
    }
    out
}

/// Whether mention `m` may be what `reference` points to.
fn compatible(reference: Reference, roles: &[&str], subject: bool, m: &Mention) -> bool {
    let has_role = roles.is_empty()
        || roles
            .iter()
            .any(|r| m.resolved.actor.sectors.iter().any(|s| s == r));
    match reference.kind {
        None => true,
        // A person's title is often coded under a neighbouring role (a defence minister may be
        // MIL), so a person named without any role is still a candidate.
        Some(Kind::Person) => {
            m.kind == Kind::Person && (has_role || m.resolved.actor.sectors.is_empty())
        }
        // "The ministry" after "the foreign minister" is the minister's government: a role
        // decides. An acting group ("the opposition accused", "the rebels denied") in a story
        // about a country is that country's, the role completing its code; elsewhere ("links
        // to the military") a bare role is too vague to place. Without a role ("they", "the
        // group") only organisations and countries qualify.
        Some(Kind::Organisation) if !roles.is_empty() => {
            has_role || (subject && (m.kind == Kind::Country || m.resolved.actor.country.is_some()))
        }
        Some(Kind::Organisation) => m.kind != Kind::Person,
        Some(Kind::Country) => m.kind == Kind::Country,
    }
}

/// The kind of actor a resolved phrase names.
fn kind_of(tree: &Tree<'_>, head: u32, r: &Resolved) -> Kind {
    let word = tree.upper(head);
    if tree.upos(head) == Upos::Pron {
        return match word {
            "HE" | "HIM" | "SHE" | "HER" => Kind::Person,
            "IT" => Kind::Country,
            _ => Kind::Organisation,
        };
    }
    if person_noun(word) {
        return Kind::Person;
    }
    // A personal name ("Sergei Lavrov": a `flat` name) or a phrase describing a person ("his
    // Russian counterpart Sergei Lavrov") names a person, even when only a country matched.
    let described = tree.children(head).iter().any(|&c| {
        let flat_name =
            tree.upos(c) == Upos::Propn && tree.token(c).is_some_and(|t| t.deprel.base() == "flat");
        flat_name || (tree.rel(c) == Rel::Compound && person_noun(tree.upper(c)))
    });
    if tree.upos(head) == Upos::Propn && described {
        return Kind::Person;
    }
    if organisation_noun(word) {
        return Kind::Organisation;
    }
    if r.actor.sectors.is_empty() {
        return Kind::Country;
    }
    if from_people_dictionary(r) {
        return Kind::Person;
    }
    // A proper name holding a role ("Tokyo" as JPNGOV, "Lu Kang" as CHNGOV): a multi-word name
    // is a person's, a single word a government's or group's.
    let names = tree
        .children(head)
        .iter()
        .filter(|&&c| tree.rel(c) == Rel::Compound && tree.upos(c) == Upos::Propn)
        .count();
    if tree.upos(head) == Upos::Propn && names > 0 {
        Kind::Person
    } else {
        Kind::Organisation
    }
}

/// True when the actor entry came from a dictionary of people.
fn from_people_dictionary(r: &Resolved) -> bool {
    r.sources.first().is_some_and(|s| {
        let file = s.file.to_ascii_lowercase();
        file.contains("people") || file.contains("leaders")
    })
}

/// Nouns naming a person by office.
fn person_noun(word: &str) -> bool {
    matches!(
        word.strip_suffix('S')
            .filter(|w| w.len() > 3)
            .unwrap_or(word),
        "MINISTER"
            | "PRESIDENT"
            | "PREMIER"
            | "CHANCELLOR"
            | "SPOKESMAN"
            | "SPOKESWOMAN"
            | "SPOKESPERSON"
            | "SECRETARY"
            | "MAYOR"
            | "LEADER"
            | "OFFICIAL"
            | "ENVOY"
            | "AMBASSADOR"
            | "DIPLOMAT"
            | "GENERAL"
            | "COMMANDER"
            | "GOVERNOR"
            | "NEGOTIATOR"
            | "KING"
            | "QUEEN"
            | "MONARCH"
            | "SENATOR"
            | "LAWMAKER"
            | "CONSUL"
            | "COUNTERPART"
    ) || word == "SPOKESMEN"
}

/// Nouns naming an organisation or group.
fn organisation_noun(word: &str) -> bool {
    matches!(
        word,
        "MINISTRY"
            | "GOVERNMENT"
            | "DEPARTMENT"
            | "ADMINISTRATION"
            | "MILITARY"
            | "ARMY"
            | "NAVY"
            | "POLICE"
            | "GROUP"
            | "REBELS"
            | "MILITANTS"
            | "SEPARATISTS"
            | "INSURGENTS"
            | "OPPOSITION"
            | "PARTY"
            | "MOVEMENT"
            | "AGENCY"
            | "COUNCIL"
            | "DELEGATION"
            | "FORCES"
            | "CABINET"
            | "REGIME"
            | "EMBASSY"
            | "COMMISSION"
    )
}

/// Nouns naming a country.
fn country_noun(word: &str) -> bool {
    matches!(
        word,
        "COUNTRY" | "COUNTRIES" | "NATION" | "NATIONS" | "STATE" | "STATES"
    )
}

/// The number a determiner or numeral gives a plural description: "the two", "both", "four".
fn count_of(tree: &Tree<'_>, head: u32) -> Option<usize> {
    tree.children(head)
        .iter()
        .filter(|&&c| matches!(tree.rel(c), Rel::Nummod | Rel::Det))
        .find_map(|&c| match tree.upper(c) {
            "BOTH" | "TWO" | "2" => Some(2),
            "THREE" | "3" => Some(3),
            "FOUR" | "4" => Some(4),
            "FIVE" | "5" => Some(5),
            _ => None,
        })
}

/// True when the phrase is definite: "the", "this", "that", "these", "those" or "both".
fn definite(tree: &Tree<'_>, head: u32) -> bool {
    tree.children_with(head, Rel::Det).any(|d| {
        matches!(
            tree.upper(d),
            "THE" | "THIS" | "THAT" | "THESE" | "THOSE" | "BOTH"
        )
    })
}

/// What the phrase headed by `head` refers back to, if it is a reference at all.
fn reference(tree: &Tree<'_>, head: u32) -> Option<Reference> {
    let word = tree.upper(head);
    let one = |kind| {
        Some(Reference {
            kind: Some(kind),
            count: 1,
        })
    };
    if tree.upos(head) == Upos::Pron {
        return match word {
            "HE" | "HIM" | "HIS" | "SHE" | "HER" | "HERS" => one(Kind::Person),
            "IT" | "ITS" => one(Kind::Country),
            "THEY" | "THEM" | "THEIR" => one(Kind::Organisation),
            _ => None,
        };
    }
    if !matches!(tree.upos(head), Upos::Noun | Upos::Propn) || !definite(tree, head) {
        return None;
    }
    // A name among the modifiers ("the Interfax news agency") introduces an entity of its own.
    let named = tree
        .children(head)
        .iter()
        .any(|&c| tree.upos(c) == Upos::Propn && matches!(tree.rel(c), Rel::Compound | Rel::Amod));
    if named {
        return None;
    }
    let count = count_of(tree, head);
    let plural = count.unwrap_or(1);
    if matches!(word, "SIDES" | "PARTIES") && count.is_some() {
        return Some(Reference {
            kind: None,
            count: plural,
        });
    }
    let kind = if person_noun(word) {
        Kind::Person
    } else if organisation_noun(word) {
        Kind::Organisation
    } else if country_noun(word) {
        Kind::Country
    } else {
        return None;
    };
    Some(Reference {
        kind: Some(kind),
        count: plural,
    })
}

/// The text and span of the referring phrase: the head with its determiners and numerals.
fn phrase_words(tree: &Tree<'_>, head: u32) -> (String, petrel_core::Span) {
    let mut ids: Vec<u32> = tree
        .children(head)
        .iter()
        .copied()
        .filter(|&c| {
            matches!(
                tree.rel(c),
                Rel::Det | Rel::Nummod | Rel::Amod | Rel::Compound
            )
        })
        .collect();
    ids.push(head);
    ids.sort_unstable();
    let spans: Vec<petrel_core::Span> = ids
        .iter()
        .filter_map(|&id| tree.token(id).and_then(|t| t.span))
        .collect();
    let span = spans
        .iter()
        .copied()
        .reduce(|a, b| a.cover(b))
        .unwrap_or_default();
    match tree.span_text(span).filter(|_| !spans.is_empty()) {
        Some(text) => (text.to_string(), span),
        None => {
            let forms: Vec<&str> = ids
                .iter()
                .filter_map(|&id| tree.token(id).map(|t| t.form.as_str()))
                .collect();
            (forms.join(" "), span)
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::tests::sentence;
    use crate::tests::{coder_with, date};
    use crate::Coder;
    use petrel_core::Event;
    use petrel_core::Upos::*;

    /// A tiny dictionary set written for these tests (not PETRARCH's).
    fn coder() -> Coder {
        let verbs = "--- ACCUSE [112] ---\nACCUSE {ACCUSES ACCUSED}\n\n--- DISCUSS [040] ---\nDISCUSS {DISCUSSED}\n";
        let actors = "ARNOR [ARN]\nGONDOR [GON]\nROHAN [ROH]\nARAGORN [GONGOV]\nFARAMIR_OF_GONDOR [GONMIL]\nELROND [ARNGOV]\nCIRDAN_SHIPWRIGHT [ARN]\n";
        let agents = "MINISTER [~GOV]\nMINISTRY [~GOV]\nMINISTERS [~GOV]\nOPPOSITION [~OPP]\nREBELS [~REB]\nARMY [~MIL]\n";
        coder_with(verbs, ("test.people.actors", actors), agents)
    }

    fn triples(events: &[Event]) -> Vec<String> {
        events
            .iter()
            .map(|e| {
                let target = e
                    .target
                    .as_ref()
                    .map_or("-".to_string(), |t| t.petrarch_code());
                format!("{} {} {}", e.source.petrarch_code(), e.cameo, target)
            })
            .collect()
    }

    /// "Aragorn arrived in Arnor." as petrel's parser reads it.
    fn aragorn_arrived() -> petrel_core::Sentence {
        sentence(&[
            ("Aragorn", "Aragorn", Propn, 2, "nsubj"),
            ("arrived", "arrive", Verb, 0, "root"),
            ("in", "in", Adp, 4, "case"),
            ("Arnor", "Arnor", Propn, 2, "obl"),
            (".", ".", Punct, 2, "punct"),
        ])
    }

    /// "Elrond arrived in Arnor." as petrel's parser reads it.
    fn elrond_arrived() -> petrel_core::Sentence {
        sentence(&[
            ("Elrond", "Elrond", Propn, 2, "nsubj"),
            ("arrived", "arrive", Verb, 0, "root"),
            ("in", "in", Adp, 4, "case"),
            ("Arnor", "Arnor", Propn, 2, "obl"),
            (".", ".", Punct, 2, "punct"),
        ])
    }

    /// "He accused Gondor of lying." as petrel's parser reads it.
    fn he_accused(country: &str) -> petrel_core::Sentence {
        sentence(&[
            ("He", "he", Pron, 2, "nsubj"),
            ("accused", "accuse", Verb, 0, "root"),
            (country, country, Propn, 2, "obj"),
            ("of", "of", Sconj, 5, "mark"),
            ("lying", "lie", Verb, 2, "advcl"),
            (".", ".", Punct, 2, "punct"),
        ])
    }

    #[test]
    fn a_pronoun_codes_as_the_person_named_before() {
        let story = [aragorn_arrived(), he_accused("Arnor")];
        let events = coder().code_story(&story, date());
        assert_eq!(triples(&events), ["GONGOV 112 ARN"]);
        let source = &events[0].source;
        assert_eq!(source.text, "He", "the actor's words stay the pronoun");
        assert_eq!(source.entity.as_deref(), Some("ARAGORN"));
        let coref: Vec<_> = events[0]
            .provenance
            .actors
            .iter()
            .filter(|a| a.file == super::COREF_FILE)
            .collect();
        assert_eq!(coref.len(), 1);
        assert_eq!(coref[0].line, 0, "the antecedent's sentence");
        assert_eq!(coref[0].text, "He = Aragorn");
    }

    #[test]
    fn an_object_pronoun_is_not_its_own_clause_subject() {
        // "Elrond arrived in Arnor. Aragorn accused him.": "him" is Elrond, though Aragorn is
        // the nearer subject.
        let arrived = elrond_arrived();
        let accused = sentence(&[
            ("Aragorn", "Aragorn", Propn, 2, "nsubj"),
            ("accused", "accuse", Verb, 0, "root"),
            ("him", "he", Pron, 2, "obj"),
            (".", ".", Punct, 2, "punct"),
        ]);
        let events = coder().code_story(&[arrived, accused], date());
        assert_eq!(triples(&events), ["GONGOV 112 ARNGOV"]);
    }

    #[test]
    fn a_title_is_not_the_person_who_is_the_subject_above_it() {
        // "Elrond arrived in Arnor. Aragorn accused the minister.": the minister is Elrond, not
        // Aragorn, the subject of the clause the description is the object of.
        let arrived = elrond_arrived();
        let accused = sentence(&[
            ("Aragorn", "Aragorn", Propn, 2, "nsubj"),
            ("accused", "accuse", Verb, 0, "root"),
            ("the", "the", Det, 4, "det"),
            ("minister", "minister", Noun, 2, "obj"),
            (".", ".", Punct, 2, "punct"),
        ]);
        let events = coder().code_story(&[arrived, accused.clone()], date());
        assert_eq!(triples(&events), ["GONGOV 112 ARNGOV"]);
        // Alone, the sentence leaves the minister unresolved rather than making it Aragorn.
        let events = coder().code_story(&[accused], date());
        assert!(
            !triples(&events).contains(&"GONGOV 112 GONGOV".to_string()),
            "{:?}",
            triples(&events)
        );
    }

    #[test]
    fn a_sentence_alone_does_not_resolve_pronouns() {
        let events = coder().code_sentence(&he_accused("Arnor"), 1, date());
        assert!(events.is_empty(), "{:?}", triples(&events));
    }

    #[test]
    fn a_person_pronoun_skips_countries_and_it_takes_one() {
        // "Gondor protested. He accused Arnor." has no person for "he".
        let gondor = sentence(&[
            ("Gondor", "Gondor", Propn, 2, "nsubj"),
            ("protested", "protest", Verb, 0, "root"),
            (".", ".", Punct, 2, "punct"),
        ]);
        let story = [gondor.clone(), he_accused("Arnor")];
        assert!(coder().code_story(&story, date()).is_empty());
        let it = sentence(&[
            ("It", "it", Pron, 2, "nsubj"),
            ("accused", "accuse", Verb, 0, "root"),
            ("Arnor", "Arnor", Propn, 2, "obj"),
            (".", ".", Punct, 2, "punct"),
        ]);
        let events = coder().code_story(&[gondor, it], date());
        assert_eq!(triples(&events), ["GON 112 ARN"]);
    }

    #[test]
    fn references_look_back_a_bounded_number_of_sentences() {
        let filler = sentence(&[
            ("Rain", "rain", Noun, 2, "nsubj"),
            ("fell", "fall", Verb, 0, "root"),
            (".", ".", Punct, 2, "punct"),
        ]);
        let mut story = vec![aragorn_arrived()];
        story.extend(std::iter::repeat_n(filler, super::LOOK_BACK + 1));
        story.push(he_accused("Arnor"));
        assert!(coder().code_story(&story, date()).is_empty());
    }

    #[test]
    fn the_two_ministers_are_the_last_two_ministers_named() {
        // "Aragorn met Elrond. The two ministers discussed Gondor's trade."
        let met = sentence(&[
            ("Aragorn", "Aragorn", Propn, 2, "nsubj"),
            ("met", "meet", Verb, 0, "root"),
            ("Elrond", "Elrond", Propn, 2, "obj"),
            (".", ".", Punct, 2, "punct"),
        ]);
        let discussed = sentence(&[
            ("The", "the", Det, 3, "det"),
            ("two", "two", Num, 3, "nummod"),
            ("ministers", "minister", Noun, 4, "nsubj"),
            ("discussed", "discuss", Verb, 0, "root"),
            (".", ".", Punct, 4, "punct"),
        ]);
        let events = coder().code_story(&[met, discussed], date());
        assert_eq!(triples(&events), ["GONGOV 040 ARNGOV", "ARNGOV 040 GONGOV"]);
        assert!(events.iter().all(|e| e.source.text == "The two ministers"));
    }

    #[test]
    fn the_ministry_needs_an_antecedent_with_its_role() {
        // "Faramir of Gondor spoke. The ministry accused Arnor.": the ministry (GOV) is not the
        // military man; "Aragorn spoke" first makes it his government.
        let spoke = |name: &str| {
            sentence(&[
                (name, name, Propn, 2, "nsubj"),
                ("spoke", "speak", Verb, 0, "root"),
                (".", ".", Punct, 2, "punct"),
            ])
        };
        let ministry = sentence(&[
            ("The", "the", Det, 2, "det"),
            ("ministry", "ministry", Noun, 3, "nsubj"),
            ("accused", "accuse", Verb, 0, "root"),
            ("Arnor", "Arnor", Propn, 3, "obj"),
            (".", ".", Punct, 3, "punct"),
        ]);
        let faramir = sentence(&[
            ("Faramir", "Faramir", Propn, 4, "nsubj"),
            ("of", "of", Adp, 3, "case"),
            ("Gondor", "Gondor", Propn, 1, "nmod"),
            ("spoke", "speak", Verb, 0, "root"),
            (".", ".", Punct, 4, "punct"),
        ]);
        let coder = coder();
        let alone = coder.code_story(&[faramir.clone(), ministry.clone()], date());
        assert!(alone.iter().all(|e| e.source.petrarch_code() != "GONMIL"));
        let events = coder.code_story(&[spoke("Aragorn"), faramir, ministry], date());
        assert_eq!(triples(&events), ["GONGOV 112 ARN"]);
    }

    #[test]
    fn a_described_role_completes_a_person_coded_by_country() {
        // "Cirdan Shipwright met Aragorn. The two ministers discussed.": Cirdan's entry gives only
        // ARN, and "ministers" says he acts for its government.
        let met = sentence(&[
            ("Cirdan", "Cirdan", Propn, 3, "nsubj"),
            ("Shipwright", "Shipwright", Propn, 1, "flat"),
            ("met", "meet", Verb, 0, "root"),
            ("Aragorn", "Aragorn", Propn, 3, "obj"),
            (".", ".", Punct, 3, "punct"),
        ]);
        let discussed = sentence(&[
            ("The", "the", Det, 3, "det"),
            ("two", "two", Num, 3, "nummod"),
            ("ministers", "minister", Noun, 4, "nsubj"),
            ("discussed", "discuss", Verb, 0, "root"),
            (".", ".", Punct, 4, "punct"),
        ]);
        let events = coder().code_story(&[met, discussed], date());
        assert_eq!(triples(&events), ["ARNGOV 040 GONGOV", "GONGOV 040 ARNGOV"]);
    }

    #[test]
    fn an_acting_group_takes_the_country_of_the_story() {
        // "Gondor protested. The opposition accused Arnor."
        let gondor = sentence(&[
            ("Gondor", "Gondor", Propn, 2, "nsubj"),
            ("protested", "protest", Verb, 0, "root"),
            (".", ".", Punct, 2, "punct"),
        ]);
        let opposition = sentence(&[
            ("The", "the", Det, 2, "det"),
            ("opposition", "opposition", Noun, 3, "nsubj"),
            ("accused", "accuse", Verb, 0, "root"),
            ("Arnor", "Arnor", Propn, 3, "obj"),
            (".", ".", Punct, 3, "punct"),
        ]);
        let events = coder().code_story(&[gondor, opposition], date());
        assert_eq!(triples(&events), ["GONOPP 112 ARN"]);
        assert_eq!(events[0].source.text, "The opposition");
    }

    #[test]
    fn a_nearer_phrase_of_unknown_country_blocks_an_older_antecedent() {
        // "Aragorn arrived in Arnor. A minister arrived. He accused Arnor.": "he" is most likely
        // the minister, whose country nobody said, so the event is not given to Aragorn.
        let minister = sentence(&[
            ("A", "a", Det, 2, "det"),
            ("minister", "minister", Noun, 3, "nsubj"),
            ("arrived", "arrive", Verb, 0, "root"),
            (".", ".", Punct, 3, "punct"),
        ]);
        let story = [aragorn_arrived(), minister, he_accused("Arnor")];
        let events = coder().code_story(&story, date());
        assert!(events.is_empty(), "{:?}", triples(&events));
    }

    #[test]
    fn the_reference_text_is_read_where_the_sentence_stands_in_its_document() {
        // A later sentence of a document: its token spans index the document, not itself (here
        // it starts at byte 3, so reading its own text at the spans would cut words apart).
        let first = aragorn_arrived();
        let offset = 3;
        let mut second = he_accused("Arnor");
        let mut at = offset;
        for t in &mut second.tokens {
            t.span = Some(petrel_core::Span::new(at, at + t.form.len()));
            at += t.form.len() + usize::from(t.space_after);
        }
        second.span = Some(petrel_core::Span::new(offset, at));
        let events = coder().code_story(&[first, second], date());
        assert_eq!(triples(&events), ["GONGOV 112 ARN"]);
        assert_eq!(events[0].source.text, "He");
        assert_eq!(
            events[0].target.as_ref().map(|t| t.text.as_str()),
            Some("Arnor")
        );
    }

    #[test]
    fn a_pronoun_prefers_an_antecedent_that_was_a_subject() {
        // "Gondor warned Arnor. It accused Rohan.": "it" is Gondor, though Arnor is nearer.
        let warned = sentence(&[
            ("Gondor", "Gondor", Propn, 2, "nsubj"),
            ("warned", "warn", Verb, 0, "root"),
            ("Arnor", "Arnor", Propn, 2, "obj"),
            (".", ".", Punct, 2, "punct"),
        ]);
        let it = sentence(&[
            ("It", "it", Pron, 2, "nsubj"),
            ("accused", "accuse", Verb, 0, "root"),
            ("Rohan", "Rohan", Propn, 2, "obj"),
            (".", ".", Punct, 2, "punct"),
        ]);
        let events = coder().code_story(&[warned, it], date());
        assert_eq!(triples(&events), ["GON 112 ROH"]);
    }

    #[test]
    fn an_acting_group_takes_the_country_of_the_last_party_that_acted() {
        // "Gondor's army shelled Rohan. The rebels accused Arnor.": the rebels are Gondor's,
        // though Rohan was named last.
        let shelled = sentence(&[
            ("Gondor", "Gondor", Propn, 3, "nmod:poss"),
            ("'s", "'s", Part, 1, "case"),
            ("army", "army", Noun, 4, "nsubj"),
            ("shelled", "shell", Verb, 0, "root"),
            ("Rohan", "Rohan", Propn, 4, "obj"),
            (".", ".", Punct, 4, "punct"),
        ]);
        let rebels = sentence(&[
            ("The", "the", Det, 2, "det"),
            ("rebels", "rebel", Noun, 3, "nsubj"),
            ("accused", "accuse", Verb, 0, "root"),
            ("Arnor", "Arnor", Propn, 3, "obj"),
            (".", ".", Punct, 3, "punct"),
        ]);
        let events = coder().code_story(&[shelled, rebels], date());
        assert_eq!(triples(&events), ["GONREB 112 ARN"]);
    }
}
