//! Actor resolution: from the noun phrase headed by a token to actor codes.
//!
//! PETRARCH's rules, on dependency trees: the phrase's words are matched against the actor and
//! agent dictionaries (longest phrase first, in sentence order); the first actor found gives the
//! root code, preferring one that covers the phrase's head, and agents add their codes after it
//! (`~GOV`) or before it (`NGO~`), skipping codes the actor already carries. A phrase with agents
//! but no actor ("the ambassadors of Arnor") takes its actors from its `of`/`in`/`from` phrases and
//! possessors, one per conjunct; with none, it is an agent of unknown root (`---GOV`). Conjoined
//! phrases ("Arnor and Gondor") give one actor each.

use crate::syntax::{Rel, Tree};
use petrel_core::{ActorCode, Date, DictSource, EventActor, Span, Upos};
use petrel_dict::petrarch::actors::{ActorCoding, Actors};
use petrel_dict::petrarch::agents::{Agent, Agents};
use petrel_dict::Vocabulary;

/// An actor resolved from a phrase, with the dictionary entries that resolved it.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub actor: EventActor,
    pub sources: Vec<DictSource>,
    /// How many leading blocks of the code are the actor entry's own (0 for an unknown root);
    /// the agents' blocks follow them.
    pub root_blocks: usize,
    /// The words that name the actor in full in its own sentence, and their span, where its own
    /// words do not: the antecedent of a reference ("Slovakia" for "it" in "Slovakia says it will
    /// not accept ..."), or the whole phrase of a role coded through the phrase that holds it
    /// ("demonstrators in Bamako" for "in Bamako"). Events of the learned path give the actor by
    /// these words (`named-in-sentence`).
    pub named_by: Option<(String, Span)>,
}

/// The dictionaries actor resolution reads.
#[derive(Clone, Copy)]
pub struct ActorLexicon<'d> {
    pub vocabulary: &'d Vocabulary,
    pub actors: &'d Actors,
    pub agents: &'d Agents,
    /// Actor entries that are capital cities ([`petrel_dict::Dictionaries::cities`]).
    pub cities: &'d std::collections::HashSet<String>,
    /// The actors named earlier in the story, for phrases that refer back to them; `None` codes
    /// a sentence on its own.
    pub antecedents: Option<&'d crate::coref::Antecedents>,
}

/// Relations whose subtrees are not part of a noun phrase's own words.
fn outside_phrase(rel: Rel) -> bool {
    matches!(
        rel,
        Rel::Oblique
            | Rel::Conj
            | Rel::Cc
            | Rel::Relcl
            | Rel::Acl
            | Rel::Appos
            | Rel::Punct
            | Rel::Parataxis
            | Rel::Advcl
            | Rel::Ccomp
            | Rel::Xcomp
            | Rel::Subject
            | Rel::PassiveSubject
            | Rel::Object
            | Rel::Copula
            | Rel::Aux
            | Rel::AuxPass
            | Rel::Mark
    )
}

/// True for a participle modifying a noun with words of its own ("US-backed", "Al Qaeda-linked"):
/// the actor inside it acts on the phrase's actor and is not part of its code ("US-backed rebels"
/// are not American). A bare participle ("exiled leaders") may be part of an agent's phrase.
/// A leader is the exception: the "Saudi-led coalition" is Saudi Arabia's.
fn agentive(tree: &Tree<'_>, id: u32) -> bool {
    tree.rel(id) == Rel::Amod
        && tree.upos(id) == Upos::Verb
        && !tree.children(id).is_empty()
        && !leading(tree, id)
}

/// True for the participle of an "X-led" or "X-headed" modifier, whose words name the phrase's
/// own actor.
fn leading(tree: &Tree<'_>, id: u32) -> bool {
    tree.rel(id) == Rel::Amod && matches!(tree.upper(id), "LED" | "HEADED")
}

/// What the dictionaries say about one phrase's own words.
#[derive(Default)]
struct PhraseCodes {
    /// The actor root: its coding and the entry that gave it.
    root: Option<(ActorCoding, DictSource, String)>,
    /// The word where the root's entry matched.
    root_at: Option<u32>,
    /// Agents in sentence order, with their entries.
    agents: Vec<(Agent, DictSource)>,
}

fn source_of(file: &str, line: u32, text: &str) -> DictSource {
    DictSource {
        file: file.to_string(),
        line: line as usize,
        text: text.to_string(),
    }
}

/// The rule that codes a relative pronoun as the noun its clause describes; the `file` of the
/// provenance entry it leaves.
pub const RELATIVE_PRONOUN: &str = "relative-pronoun-is-its-noun";

/// A phrase that names no actor the dictionaries know, kept as an actor of unknown code (`---`)
/// so that an event the recogniser found keeps the words of who acted or was acted on.
pub fn unnamed(tree: &Tree<'_>, head: u32) -> Option<Resolved> {
    let mut r = unnamed_phrase(tree, head)?;
    // "protesters who had surrounded the council": "who" is named by "protesters"
    // (`relative-pronoun-is-its-noun`).
    if let Some(noun) = tree.relative_antecedent(head) {
        r.named_by = unnamed_phrase(tree, noun).map(|n| (n.actor.text, n.actor.span));
    }
    Some(r)
}

/// Nouns that name a party by its relation to another, whose possessor or `of` phrase is that
/// other: "Algeria accused its neighbour" is not Algeria accusing itself.
const RELATIONAL_NOUNS: &[&str] = &[
    "NEIGHBOUR",
    "NEIGHBOR",
    "ALLY",
    "RIVAL",
    "ENEMY",
    "FOE",
    "ADVERSARY",
    "PARTNER",
    "COUNTERPART",
    "OPPONENT",
    "CRITIC",
];

/// Nouns that count or gather the people of their `of` phrase: "hundreds of protesters", "a
/// group of students".
const AMOUNT_NOUNS: &[&str] = &[
    "HUNDRED", "THOUSAND", "DOZEN", "SCORE", "MILLION", "TEN", "GROUP", "CROWD", "BAND", "HANDFUL",
    "NUMBER",
];

/// Whether `id` is the `of` phrase of an amount noun, whose words name the actor with it.
fn counted_by_amount(tree: &Tree<'_>, id: u32) -> bool {
    tree.rel(id) == Rel::Oblique
        && AMOUNT_NOUNS.contains(&tree.upper_lemma(tree.head(id)))
        && tree.case_marker(id).as_deref() == Some("OF")
}

/// The words of the phrase headed by `head`, as an actor of unknown code.
fn unnamed_phrase(tree: &Tree<'_>, head: u32) -> Option<Resolved> {
    // The preposition of "by Palau" or "to Kigali" is not the actor's name; the people an
    // amount counts are ("hundreds of thousands of protesters", `amount-of-people`).
    let ids = tree.subtree_where(head, |c| {
        (outside_phrase(tree.rel(c)) && !counted_by_amount(tree, c))
            || (tree.head(c) == head && tree.rel(c) == Rel::Case)
    });
    let spans: Vec<Span> = ids
        .iter()
        .filter(|&&id| tree.upos(id) != Upos::Punct)
        .filter_map(|&id| tree.token(id)?.span)
        .collect();
    let span = Span::new(spans.first()?.start, spans.last()?.end);
    let text = tree.span_text(span)?.to_string();
    Some(Resolved {
        actor: EventActor {
            code: ActorCode::null(),
            country: None,
            sectors: Vec::new(),
            text,
            span,
            entity: None,
            unknown_root: false,
        },
        sources: Vec::new(),
        root_blocks: 0,
        named_by: None,
    })
}

impl<'d> ActorLexicon<'d> {
    /// The actors of the phrase headed by `head` and of the phrases conjoined with it.
    pub fn resolve_conjoined(&self, tree: &Tree<'_>, head: u32, date: Date) -> Vec<Resolved> {
        let mut out: Vec<Resolved> = Vec::new();
        for conjunct in tree.conjuncts(head) {
            let own = self.resolve_sharing(tree, conjunct, head, date);
            // A conjoined modifier ("US and British activists") names another actor of the
            // same kind: the phrase read with each conjunct in the modifier's place.
            let mut swapped = Vec::new();
            if own.iter().any(|r| !r.actor.unknown_root) {
                for modifier in tree.children(conjunct).iter().copied() {
                    if !matches!(tree.rel(modifier), Rel::Compound | Rel::Amod) {
                        continue;
                    }
                    for other in tree.children_with(modifier, Rel::Conj).collect::<Vec<_>>() {
                        let swap = Some((modifier, other));
                        swapped.extend(self.resolve_swapped(tree, conjunct, head, swap, date));
                    }
                }
            }
            out.extend(own);
            for r in swapped {
                if !r.actor.unknown_root && out.iter().all(|o| o.actor.code != r.actor.code) {
                    out.push(r);
                }
            }
            // Parsers often read a list ("Mordor, the awful Arnor, and Gondor") as apposition;
            // an apposition naming a different actor is another member of the list.
            // Only in a list that ends in a conjunction: "Osgiliath, General Gothmog" is one actor.
            let in_list = tree.has_child(head, Rel::Conj);
            let named_appositions: Vec<u32> = tree
                .children_with(conjunct, Rel::Appos)
                .filter(|&a| in_list && tree.upos(a) == Upos::Propn)
                .collect();
            for appos in named_appositions {
                for r in self.resolve(tree, appos, date) {
                    let new =
                        !r.actor.unknown_root && out.iter().all(|o| o.actor.code != r.actor.code);
                    if new {
                        out.push(r);
                    }
                }
            }
        }
        out
    }

    /// The actors of the phrase headed by `head` (several when its actors come from a conjoined
    /// `of` phrase), or none when the phrase names no actor.
    pub fn resolve(&self, tree: &Tree<'_>, head: u32, date: Date) -> Vec<Resolved> {
        self.resolve_sharing(tree, head, head, date)
    }

    /// As [`ActorLexicon::resolve`]; an agent-only phrase may also take its actors from the
    /// phrases of `shared`, the first of its conjuncts ("lawmakers and officials in Arnor").
    fn resolve_sharing(
        &self,
        tree: &Tree<'_>,
        head: u32,
        shared: u32,
        date: Date,
    ) -> Vec<Resolved> {
        self.resolve_swapped(tree, head, shared, None, date)
    }

    /// As [`ActorLexicon::resolve_sharing`], reading the phrase with the modifier `swap.0`
    /// replaced by its conjunct `swap.1` ("British" in "US and British activists").
    fn resolve_swapped(
        &self,
        tree: &Tree<'_>,
        head: u32,
        shared: u32,
        swap: Option<(u32, u32)>,
        date: Date,
    ) -> Vec<Resolved> {
        if let (Some(noun), None) = (tree.relative_antecedent(head), swap) {
            return self.resolve_relative(tree, head, noun, date);
        }
        let own = self.resolve_own(tree, head, shared, swap, date);
        let own = self.refined_by_apposition(tree, head, own, date);
        // A phrase that names no actor of its own may refer back to one ("he", "the ministry").
        match self.antecedents {
            Some(antecedents) if swap.is_none() && own.iter().all(|r| r.actor.unknown_root) => {
                antecedents.resolve(tree, head, &own).unwrap_or(own)
            }
            _ => own,
        }
    }

    /// A relative pronoun is the noun its clause describes (`relative-pronoun-is-its-noun`):
    /// "who" in "European foreign ministers, who urged Washington" is coded as the ministers
    /// and named by their words. It keeps its own words and span, as a reference does, and its
    /// provenance says what it stands for.
    fn resolve_relative(
        &self,
        tree: &Tree<'_>,
        pronoun: u32,
        noun: u32,
        date: Date,
    ) -> Vec<Resolved> {
        let Some(own) = unnamed_phrase(tree, pronoun) else {
            return Vec::new();
        };
        self.resolve_conjoined(tree, noun, date)
            .into_iter()
            .map(|mut r| {
                let named = r
                    .named_by
                    .take()
                    .unwrap_or_else(|| (r.actor.text.clone(), r.actor.span));
                r.sources.push(DictSource {
                    file: RELATIVE_PRONOUN.to_string(),
                    line: 0,
                    text: format!("{} = {}", own.actor.text, named.0),
                });
                r.named_by = Some(named);
                r.actor.text.clone_from(&own.actor.text);
                r.actor.span = own.actor.span;
                r
            })
            .collect()
    }

    /// "his Russian counterpart, Sergei Lavrov": a named apposition whose code only adds sectors
    /// to the phrase's is the same actor named more precisely (Lavrov's RUSGOV, not Russia).
    fn refined_by_apposition(
        &self,
        tree: &Tree<'_>,
        head: u32,
        own: Vec<Resolved>,
        date: Date,
    ) -> Vec<Resolved> {
        let [only] = own.as_slice() else {
            return own;
        };
        if only.actor.unknown_root {
            return own;
        }
        let general = only.actor.code;
        for appos in tree.children_with(head, Rel::Appos) {
            if tree.upos(appos) != Upos::Propn {
                continue;
            }
            let named = self.resolve_own(tree, appos, appos, None, date);
            if let [person] = named.as_slice() {
                if !person.actor.unknown_root && refines_code(general, person.actor.code) {
                    return named;
                }
            }
        }
        own
    }

    /// As [`ActorLexicon::resolve_swapped`], from the phrase's own words only.
    fn resolve_own(
        &self,
        tree: &Tree<'_>,
        head: u32,
        shared: u32,
        swap: Option<(u32, u32)>,
        date: Date,
    ) -> Vec<Resolved> {
        let words = |outside: &dyn Fn(u32) -> bool| -> Vec<u32> {
            let swapped_out = |c: u32| swap.is_some_and(|(from, _)| from == c);
            let mut ids =
                tree.subtree_where(head, |c| outside(c) || agentive(tree, c) || swapped_out(c));
            if let Some((_, to)) = swap {
                ids.extend(tree.subtree_where(to, |c| outside(c) || agentive(tree, c)));
                ids.sort_unstable();
            }
            ids.retain(|&id| !matches!(tree.upper(id), "'S" | "'") && tree.upos(id) != Upos::Punct);
            ids
        };
        // The leader of an "X-led" participle is a word of the phrase whatever its relation.
        let leader = |c: u32| leading(tree, tree.head(c));
        // The other party of a relational noun ("Gondor's neighbours", "allies of Kyiv") is not
        // a word of its name (`relational-noun-names-another`).
        let relational = RELATIONAL_NOUNS.contains(&tree.upper_lemma(head));
        let other = |c: u32| {
            relational
                && tree.head(c) == head
                && (tree.rel(c) == Rel::Possessor
                    || (tree.rel(c) == Rel::Oblique
                        && tree.case_marker(c).as_deref() == Some("OF")))
        };
        let ids = words(&|c| (outside_phrase(tree.rel(c)) && !leader(c)) || other(c));
        // Phrases may run into the phrase's own `of` phrase ("Prince of Dol Amroth", "Ministry
        // of Silly Walks"), so matching reads those words too, starting only at the phrase's own.
        let full = words(&|c| {
            (tree.rel(c) != Rel::Oblique && outside_phrase(tree.rel(c)) && !leader(c)) || other(c)
        });
        let codes = self.phrase_codes(tree, &full, &ids, date);
        // The preposition of "from South Africa" is not the actor's name (`words-without-preposition`).
        let named: Vec<u32> = ids
            .iter()
            .copied()
            .filter(|&id| !(tree.head(id) == head && tree.rel(id) == Rel::Case))
            .collect();
        let text_span = phrase_text(tree, if named.is_empty() { &ids } else { &named });
        match codes.root {
            Some((ActorCoding::Code(root), root_source, entity)) => {
                let mut sources = vec![root_source];
                let code = apply_agents(root, &codes.agents, &mut sources);
                let mut actor = make_actor(code, false, text_span, Some(entity), sources);
                actor.root_blocks = root.blocks().count();
                // A capital naming where a thing is ("the Beijing Olympics", "a Kabul hospital")
                // is the country; one naming whose it is keeps the government ("Beijing's plan").
                let modifier = codes.root_at.is_some_and(|at| {
                    at != head && tree.rel(at) == Rel::Compound && tree.head(at) == head
                });
                if modifier && codes.agents.is_empty() {
                    city_as_country(self, &mut actor);
                }
                vec![actor]
            }
            Some(_) => Vec::new(),
            None if !codes.agents.is_empty() => {
                let mut out = Vec::new();
                let mut holders = self.actor_holders(tree, head);
                if shared != head {
                    holders.extend(self.actor_holders(tree, shared));
                }
                for holder in holders {
                    let mut found = self.resolve_conjoined(tree, holder, date);
                    // "protesters in Kigali" are Rwandan protesters, not the government's.
                    as_places(tree, self, holder, &mut found);
                    for Resolved {
                        actor,
                        mut sources,
                        root_blocks,
                        named_by: holder_named_by,
                    } in found
                    {
                        if actor.unknown_root {
                            continue;
                        }
                        // The phrase's own agents come before those of the phrase holding its
                        // actor: "exiled leaders [OPP] of Egypt's Muslim Brotherhood [MUS]" is
                        // EGYOPPMUS, as PETRARCH-2 reads the head before its attachments.
                        let (root, inner) = split_root(actor.code, root_blocks);
                        let code = apply_agents(root, &codes.agents, &mut sources);
                        let code = append_blocks(code, &inner);
                        // The actor is named by the whole phrase ("demonstrators in Bamako");
                        // it keeps the holder's words as its own, and the whole phrase names it
                        // in events of the learned path. A holder found through a reference
                        // ("its troops") keeps the words its reference names.
                        let referred = sources.iter().any(|s| s.file == crate::coref::COREF_FILE);
                        let whole = text_span.1.cover(actor.span);
                        let named_by = if referred {
                            holder_named_by
                        } else {
                            (whole != actor.span && !text_span.0.is_empty())
                                .then(|| tree.span_text(whole).map(|t| (t.to_string(), whole)))
                                .flatten()
                        };
                        let span = (actor.text, actor.span);
                        let mut resolved = make_actor(code, false, span, actor.entity, sources);
                        resolved.root_blocks = root_blocks;
                        resolved.named_by = named_by;
                        out.push(resolved);
                    }
                    if !out.is_empty() {
                        return out;
                    }
                }
                let mut agents = codes.agents.iter();
                let Some((first, first_source)) = agents.next() else {
                    return Vec::new();
                };
                let mut sources = vec![first_source.clone()];
                let code = agents.fold(first.code, |code, (agent, source)| {
                    if contains_blocks(code, agent.code) {
                        return code;
                    }
                    sources.push(source.clone());
                    agent.apply(code).unwrap_or(code)
                });
                vec![make_actor(code, true, text_span, None, sources)]
            }
            // A phrase naming nobody ("hundreds of UN troops", "evidence against Arnor") stands
            // for the actor of its `of` phrase, as PETRARCH-2 reads a noun phrase's attachments.
            // The recursion follows tree edges downwards, so it ends within the sentence's bounded
            // length.
            None => match self.of_phrase(tree, head) {
                Some(of) => self.resolve_conjoined(tree, of, date),
                None => Vec::new(),
            },
        }
    }

    /// The phrase a nominal naming nobody stands for: its `of` phrase (or `against`: "evidence
    /// against Arnor"), else, for what is acted on, its `by` phrase ("denied the claims by
    /// Rohan"). Not `from`, `on`, `in` or `with`: those mostly say where or whence ("support from
    /// Moscow", "a firefight in the Golan Heights"), which the GSR records do not read as the
    /// thing's actor; a verb's own phrases still supply a named target when the pattern's is
    /// nobody (see `Coder::clauses`).
    fn of_phrase(&self, tree: &Tree<'_>, head: u32) -> Option<u32> {
        if !matches!(tree.upos(head), Upos::Noun | Upos::Num | Upos::Pron) {
            return None;
        }
        let marked = |markers: &[&str]| {
            tree.children(head).iter().copied().find(|&c| {
                tree.rel(c) == Rel::Oblique
                    && tree
                        .case_marker(c)
                        .is_some_and(|m| markers.contains(&m.as_str()))
            })
        };
        // A subject naming nobody ("the statement by the presidency comes ...") is not the
        // actor of its attachment: only what is acted on is read through it.
        let acted_on = !matches!(tree.rel(head), Rel::Subject | Rel::PassiveSubject);
        // "the accusations made by Egypt", "the plan put forward by Ukraine": the agent of a
        // participle describing the thing.
        let agent_of_participle = || {
            tree.children(head).iter().copied().find_map(|c| {
                (tree.rel(c) == Rel::Acl && tree.upos(c) == Upos::Verb)
                    .then(|| {
                        tree.children(c).iter().copied().find(|&a| {
                            tree.rel(a) == Rel::Agent
                                || (tree.rel(a) == Rel::Oblique
                                    && tree.case_marker(a).as_deref() == Some("BY"))
                        })
                    })
                    .flatten()
            })
        };
        marked(&["OF", "AGAINST"]).or_else(|| {
            acted_on
                .then(|| marked(&["BY"]).or_else(agent_of_participle))
                .flatten()
        })
    }

    /// The dependents of an agent-only phrase that may hold its actor: `of`/`in`/`from` phrases
    /// and possessors, in sentence order.
    /// A noun that names a party by its relation to another ("its neighbour", "allies of Kyiv")
    /// is not held by that other (`relational-noun-names-another`).
    fn actor_holders(&self, tree: &Tree<'_>, head: u32) -> Vec<u32> {
        let relational = RELATIONAL_NOUNS.contains(&tree.upper_lemma(head));
        tree.children(head)
            .iter()
            .copied()
            .filter(|&c| match tree.rel(c) {
                Rel::Possessor => !relational,
                Rel::Oblique => match tree.case_marker(c).as_deref() {
                    Some("OF") => !relational,
                    Some("IN" | "FROM" | "FOR" | "AT") => true,
                    _ => false,
                },
                _ => false,
            })
            .collect()
    }

    /// Matches the phrase's words (in sentence order) against actors and agents; a match must
    /// start at one of `starts`. The first actor is the root (PETRARCH reads left to right, so in
    /// "Ithilen's minister Calimehtar" the possessor decides the country).
    fn phrase_codes(
        &self,
        tree: &Tree<'_>,
        ids: &[u32],
        starts: &[u32],
        date: Date,
    ) -> PhraseCodes {
        let words: Vec<_> = ids.iter().map(|&id| self.word(tree, id)).collect();
        // Agents generate their own plurals ("polices" is not "police"), so they match exact forms.
        let exact: Vec<_> = ids.iter().map(|&id| tree.form_word(id)).collect();
        let mut codes = PhraseCodes::default();
        let mut i = 0;
        while i < words.len() {
            if !ids.get(i).is_some_and(|id| starts.contains(id)) {
                i += 1;
                continue;
            }
            let rest = words.get(i..).unwrap_or(&[]);
            let exact_rest = exact.get(i..).unwrap_or(&[]);
            // A name written in lowercase that is also a role or a verb ("a man", with Man a town
            // in Côte d'Ivoire; "struck", a German minister's name) is that word. (Lowercase
            // names otherwise still count: "President obama".)
            let actor_match =
                self.actors
                    .longest_match(rest.iter().copied())
                    .filter(|&(len, _)| {
                        let span = ids.get(i..i + len.max(1)).unwrap_or_default();
                        let lowercase = span.iter().all(|&id| {
                            tree.upos(id) != Upos::Propn
                                && tree
                                    .token(id)
                                    .is_some_and(|t| !t.form.chars().any(char::is_uppercase))
                        });
                        let common = || {
                            (len == 1 && span.iter().all(|&id| tree.upos(id) == Upos::Verb))
                                || self
                                    .agents
                                    .longest_match(exact_rest.iter().copied())
                                    .is_some_and(|(agent_len, _)| agent_len >= len)
                        };
                        !lowercase || !common()
                    });
            // After the root, a word that is both a place and a role ("an Afghan man", with Man
            // a town in Côte d'Ivoire) is the role: a phrase names one actor.
            let agent_first = codes.root.is_some()
                && actor_match.is_some_and(|(len, _)| {
                    self.agents
                        .longest_match(exact_rest.iter().copied())
                        .is_some_and(|(agent_len, _)| agent_len >= len)
                });
            if let Some((len, actor)) = actor_match.filter(|_| !agent_first) {
                let coding = actor.coding_on(date).copied().unwrap_or(ActorCoding::Null);
                // A person with dated roles named after the root, whose code only adds sectors
                // to it, is the same actor named more precisely: "his Russian counterpart Sergei
                // Lavrov" is Lavrov (RUSGOV), not Russia; "Japanese Foreign Minister Fumio
                // Kishida" is Kishida. (Organisations keep PETRARCH's left-to-right reading:
                // "Somali militant group al-Shabab" is SOM with the militant's sector.)
                // A person our dates call a former official is not made one against the title
                // the text gives ("Defense Minister X" where X's term is dated to the year).
                let refines = match (&codes.root, coding) {
                    (Some((ActorCoding::Code(root), ..)), ActorCoding::Code(code)) => {
                        !actor.dated.is_empty() && refines_code(*root, code)
                    }
                    _ => false,
                };
                if (codes.root.is_none() || refines) && coding != ActorCoding::Null {
                    // A dated code names the line of the role that applies on the date.
                    let line = actor
                        .dated
                        .iter()
                        .find(|d| d.when.contains(date))
                        .map_or(actor.source.line, |d| d.source.line);
                    let source = source_of(&actor.source.file, line, &actor.name);
                    codes.root = Some((coding, source, actor.name.to_string()));
                    codes.root_at = ids.get(i).copied();
                }
                i += len.max(1);
                continue;
            }
            if let Some((len, agent)) = self.agents.longest_match(exact_rest.iter().copied()) {
                let source = source_of(&agent.source.file, agent.source.line, &agent.name);
                codes.agents.push((agent.clone(), source));
                i += len.max(1);
                continue;
            }
            i += 1;
        }
        codes
    }
}

impl ActorLexicon<'_> {
    /// The dictionary word of a token: its form, or for an unknown plural ("the Rohans") its
    /// singular, since actor entries are written in the singular.
    fn word(&self, tree: &Tree<'_>, id: u32) -> Option<petrel_dict::Word> {
        let form = tree.upper(id);
        tree.form_word(id).or_else(|| {
            let singular = form.strip_suffix('S')?;
            self.vocabulary.get(singular)
        })
    }
}

/// Whether `code` names the same actor as `general` more precisely: it only adds sectors, and
/// none of them says "former official".
fn refines_code(general: ActorCode, code: ActorCode) -> bool {
    code.len() > general.len()
        && code.as_str().starts_with(general.as_str())
        && !code.blocks().any(|b| b == "ELI")
}

/// Adds agent codes to an actor code, skipping codes whose blocks the actor already carries.
fn apply_agents(
    mut code: ActorCode,
    agents: &[(Agent, DictSource)],
    sources: &mut Vec<DictSource>,
) -> ActorCode {
    for (agent, source) in agents {
        if contains_blocks(code, agent.code) || armed_group_member(code, agent.code) {
            continue;
        }
        if let Some(next) = agent.apply(code) {
            code = next;
            sources.push(source.clone());
        }
    }
    code
}

/// A code's first `root_blocks` blocks as a code of their own, and the blocks after them; the
/// whole code when it has no more blocks than that.
fn split_root(code: ActorCode, root_blocks: usize) -> (ActorCode, Vec<String>) {
    let blocks: Vec<&str> = code.blocks().collect();
    if root_blocks == 0 || root_blocks >= blocks.len() {
        return (code, Vec::new());
    }
    let (root, inner) = blocks.split_at(root_blocks);
    match root.concat().parse() {
        Ok(root) => (root, inner.iter().map(|b| b.to_string()).collect()),
        Err(_) => (code, Vec::new()),
    }
}

/// `code` followed by the `blocks` it does not already carry.
fn append_blocks(code: ActorCode, blocks: &[String]) -> ActorCode {
    blocks.iter().fold(code, |code, block| {
        if code.blocks().any(|b| b == block) {
            return code;
        }
        block
            .parse::<ActorCode>()
            .ok()
            .and_then(|b| code.concat(&b))
            .unwrap_or(code)
    })
}

/// True when `agent` only says that a member of an armed group is an armed fighter ("Islamic
/// State fighters", "al-Shabaab militants"): the group's own code already says so.
fn armed_group_member(code: ActorCode, agent: ActorCode) -> bool {
    const ARMED: [&str; 3] = ["REB", "INS", "SEP"];
    let armed_agent = agent.blocks().all(|b| ARMED.contains(&b));
    armed_agent
        && (code.blocks().next() == Some("IMG")
            || code.blocks().skip(1).any(|b| ARMED.contains(&b)))
}

/// True when every 3-letter block of `part` is already a block of `code`.
fn contains_blocks(code: ActorCode, part: ActorCode) -> bool {
    let have: Vec<&str> = code.blocks().collect();
    part.blocks().all(|b| have.contains(&b))
}

/// The text and span of a phrase's tokens: from the first to the last, as written.
fn phrase_text(tree: &Tree<'_>, ids: &[u32]) -> (String, Span) {
    let (Some(&first), Some(&last)) = (ids.first(), ids.last()) else {
        return (String::new(), Span::default());
    };
    let spans = (
        tree.token(first).and_then(|t| t.span),
        tree.token(last).and_then(|t| t.span),
    );
    if let (Some(a), Some(b)) = spans {
        let span = a.cover(b);
        if let Some(text) = tree.span_text(span) {
            return (text.to_string(), span);
        }
        let forms: Vec<&str> = (first..=last)
            .filter_map(|id| tree.token(id).map(|t| t.form.as_str()))
            .collect();
        return (forms.join(" "), span);
    }
    let forms: Vec<&str> = ids
        .iter()
        .filter_map(|&id| tree.token(id).map(|t| t.form.as_str()))
        .collect();
    (forms.join(" "), Span::default())
}

/// An actor as the coder carries it until it becomes part of an event.
fn make_actor(
    code: ActorCode,
    unknown_root: bool,
    (text, span): (String, Span),
    entity: Option<String>,
    sources: Vec<DictSource>,
) -> Resolved {
    let blocks: Vec<String> = code.blocks().map(str::to_string).collect();
    let country = if unknown_root {
        None
    } else {
        code.country().map(str::to_string)
    };
    let sectors = if unknown_root {
        blocks
    } else {
        blocks.into_iter().skip(1).collect()
    };
    Resolved {
        actor: EventActor {
            code,
            country,
            sectors,
            text,
            span,
            entity,
            unknown_root,
        },
        sources,
        root_blocks: 0,
        named_by: None,
    }
}

/// Prepositions that say where an event happened.
/// Not "near" or "around": warships near Taiwan are not Taiwan's.
pub(crate) const LOCATIVE: &[&str] = &["IN", "AT", "INSIDE", "ACROSS", "THROUGHOUT"];

/// A capital city said to be where something happened ("a protest in Beijing") is the place,
/// the country, not the government it stands for as an agent ("Beijing denounced"). The
/// dictionaries say which metonyms are cities: "at the White House" is the seat of government.
pub(crate) fn as_places(
    tree: &Tree<'_>,
    lexicon: &ActorLexicon<'_>,
    phrase: u32,
    found: &mut [Resolved],
) {
    let locative = tree
        .case_marker(phrase)
        .is_some_and(|m| LOCATIVE.contains(&m.as_str()));
    if locative {
        for r in found.iter_mut() {
            city_as_country(lexicon, r);
        }
    }
}

/// Recodes an actor that is a capital city standing for its government (`CHNGOV` from
/// "Beijing") as the country it is in.
pub(crate) fn city_as_country(lexicon: &ActorLexicon<'_>, r: &mut Resolved) {
    let city = r.root_blocks == 2
        && r.actor.sectors == ["GOV"]
        && r.actor
            .entity
            .as_deref()
            .is_some_and(|e| lexicon.cities.contains(e));
    let country = r.actor.country.as_deref().and_then(|c| c.parse().ok());
    if let (true, Some(country)) = (city, country) {
        r.actor.code = country;
        r.actor.sectors.clear();
        r.root_blocks = 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> ActorCode {
        s.parse().unwrap_or_else(|_| ActorCode::null())
    }

    #[test]
    fn an_armed_group_takes_no_fighter_agent() {
        assert!(armed_group_member(code("SOMINSSHB"), code("REB")));
        assert!(armed_group_member(code("IMGMUSISI"), code("REB")));
        assert!(!armed_group_member(code("SOM"), code("REB")));
        assert!(!armed_group_member(code("SOMINSSHB"), code("GOV")));
    }
}
