//! Repairs of parser errors that news sentences make common and that cost events:
//! - a name split across a coordination ("Barack Obama and Vladimir Putin");
//! - a participle glued to a word by a hyphen read as a verb ("Iran-backed Houthi rebels fired");
//! - a weekday glued to a name ("met Bashar Assad Tuesday");
//! - coordinated subjects parsed as two subjects, or an `of` phrase parsed as a second subject;
//! - a sentence rooted at its first subject, its verb read as a relative clause on it, and a
//!   title read as a subject of its own ("Defense Minister Tomomi Inada met");
//! - a clause after "after" read as a prepositional phrase ("after both countries barred ...");
//! - a sentence's only verb read as an adjective ("Qatar proposed talks ..."), and a name tagged as
//!   an auxiliary ("Beijing denounced");
//! - a finite verb parsed as a modifier, and a reduced relative parsed as the main clause;
//! - a subject cut from its verb by "on Monday", and a lead rooted at its title;
//! - a closing attribution (", Reuters reports.") read as nouns, or its subject hung on the
//!   reported clause (", officials from both countries said");
//! - a reported clause whose verb the tagger took for an adjective;
//! - words hung on punctuation, and a hyphenated name torn apart ("Yun Byung-se").
//!
//! The parser is trained on web text (UD English EWT), where "Barack Obama and Vladimir Putin will
//! meet" or "met Bashar Assad Tuesday" are rare; its greedy decisions there attach `Putin` to
//! `Barack` or `Tuesday` to `Bashar` as parts of the name, and the coder then reads the wrong
//! actors. Each repair only moves a token to a head that keeps the tree a tree.

mod lead;

use petrel_core::calendar::is_weekday_name as is_weekday;
use petrel_core::{Deprel, Sentence, Token, Upos};

/// Applies every repair to a parsed sentence: those on its tokens, then those that rebuild it
/// ([`lead`]).
pub(crate) fn repair_sentence(sentence: &mut Sentence, temporal: &Deprel) {
    if sentence.tokens.len() > crate::tokenize::MAX_SENTENCE_TOKENS {
        return;
    }
    repair(&mut sentence.tokens, temporal);
    if let Some(repaired) = lead::parse(sentence) {
        sentence.tokens = repaired.tokens;
    }
}

/// Applies the token repairs to a parsed sentence. `temporal` is the relation for a bare temporal noun
/// attached to a verb (`obl:unmarked` in current UD English, `obl:tmod` before).
pub(crate) fn repair(tokens: &mut [Token], temporal: &Deprel) {
    // The repairs look at pairs of tokens and head paths: quadratic or worse in the length, so a
    // sentence longer than the tokenizer ever makes (a caller's own tokens) is left as parsed.
    if tokens.len() > crate::tokenize::MAX_SENTENCE_TOKENS {
        return;
    }
    join_split_names(tokens);
    attach_hyphenated_participles(tokens);
    join_names_read_as_two_objects(tokens);
    detach_weekdays(tokens, temporal);
    coordinate_subjects(tokens);
    name_false_auxiliaries(tokens);
    join_titles_to_names(tokens);
    raise_verbs_of_coordinated_subjects(tokens);
    open_clauses_after_subordinators(tokens);
    restore_verbs_read_as_modifiers(tokens);
    attach_of_phrase_subjects(tokens);
    raise_modifiers_with_auxiliaries(tokens);
    lower_reduced_relatives(tokens);
    lower_visiting_modifiers(tokens);
    raise_verbs_after_dated_subjects(tokens);
    attach_final_attributions(tokens);
    attach_attribution_subjects(tokens);
    restore_lost_verbs(tokens);
    raise_verbs_under_titles(tokens);
    lower_punctuation_heads(tokens);
    // After the punctuation repair: the parser often hangs such a phrase on the full stop.
    head_phrases_of_bare_adjectives(tokens);
    join_hyphenated_names(tokens);
}

/// The words with more than one `nsubj` dependent: most sentences have none, so the subject
/// repairs look at these only.
fn verbs_with_two_subjects(tokens: &[Token]) -> Vec<usize> {
    let mut counts = vec![0u8; tokens.len()];
    for (i, t) in tokens.iter().enumerate() {
        if t.deprel.base() == "nsubj" {
            if let Some(n) = head(tokens, i).and_then(|h| counts.get_mut(h)) {
                *n = n.saturating_add(1);
            }
        }
    }
    (0..tokens.len())
        .filter(|&v| counts.get(v).is_some_and(|&n| n > 1))
        .collect()
}

/// The 0-based index of token `i`'s head, `None` at the root.
fn head(tokens: &[Token], i: usize) -> Option<usize> {
    tokens.get(i).and_then(|t| (t.head as usize).checked_sub(1))
}

/// Hangs token `i` on `head` (0-based; `None` makes it the root) with `relation`.
fn attach(tokens: &mut [Token], i: usize, head: Option<usize>, relation: &str) {
    if let Some(t) = tokens.get_mut(i) {
        t.head = head.map_or(0, |h| h as u32 + 1);
        t.deprel = Deprel::new(relation);
    }
}

/// Makes `verb` the root in place of `root`; the old root's dependents after the verb (final
/// punctuation, later clauses) go with it.
fn reroot(tokens: &mut [Token], root: usize, verb: usize) {
    for c in children(tokens, root) {
        if c > verb {
            if let Some(t) = tokens.get_mut(c) {
                t.head = verb as u32 + 1;
            }
        }
    }
    attach(tokens, verb, None, "root");
}

/// Whether `ancestor` is on the head path of `i` (or is `i`).
fn dominates(tokens: &[Token], ancestor: usize, mut i: usize) -> bool {
    // A tree has no path longer than the sentence; the bound also stops on a cycle.
    for _ in 0..=tokens.len() {
        if i == ancestor {
            return true;
        }
        match head(tokens, i) {
            Some(h) => i = h,
            None => return false,
        }
    }
    false
}

fn is_propn(tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.upos == Upos::Propn)
}

/// "sentenced a British national to ten years": with `national` tagged an adjective, the parser
/// hangs the article and both adjectives on the verb. An article never depends on a verb: the
/// adjectives right after it, hanging on the same verb, are a noun phrase whose last word is its
/// head (a noun used as such), and that phrase is the verb's object. Whatever hung on the last
/// adjective ("to ten years") goes back to the verb.
fn head_phrases_of_bare_adjectives(tokens: &mut [Token]) {
    for d in 0..tokens.len() {
        let Some(verb) = head(tokens, d) else {
            continue;
        };
        let article = tokens
            .get(d)
            .is_some_and(|t| t.deprel.base() == "det" && t.upos == Upos::Det);
        let on_verb = tokens.get(verb).is_some_and(|t| t.upos == Upos::Verb) && verb < d;
        if !article || !on_verb {
            continue;
        }
        // The adjectives right after the article, each an `amod` of the same verb.
        let run: Vec<usize> = (d + 1..tokens.len())
            .take_while(|&i| {
                tokens.get(i).is_some_and(|t| {
                    t.upos == Upos::Adj
                        && t.deprel.base() == "amod"
                        && head(tokens, i) == Some(verb)
                })
            })
            .collect();
        let Some(&last) = run.last() else { continue };
        let has_object = children(tokens, verb)
            .into_iter()
            .any(|c| tokens.get(c).is_some_and(|t| t.deprel.base() == "obj"));
        if has_object {
            continue;
        }
        for c in children(tokens, last) {
            if let Some(t) = tokens.get_mut(c) {
                t.head = verb as u32 + 1;
            }
        }
        attach(tokens, last, Some(verb), "obj");
        if let Some(t) = tokens.get_mut(last) {
            t.upos = Upos::Noun;
            t.xpos = "NN".into();
        }
        attach(tokens, d, Some(last), "det");
        for &a in run.iter().filter(|&&a| a != last) {
            attach(tokens, a, Some(last), "amod");
        }
    }
}

/// "help Papua New Guinea": the parser reads `Guinea` as a second object, of the verb or of
/// `Papua` itself. Two such objects whose words run on without a gap and are all capitalized are
/// one name: the first becomes a compound of the second, which takes its place, as UD writes
/// multiword place names.
fn join_names_read_as_two_objects(tokens: &mut [Token]) {
    let capitalized = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            matches!(t.upos, Upos::Propn | Upos::Adj | Upos::Noun)
                && t.form.chars().next().is_some_and(char::is_uppercase)
        })
    };
    let is_object = |i: usize| tokens.get(i).is_some_and(|t| t.deprel.as_str() == "obj");
    // Objects in sentence order; the second of a pair hangs on the first or on the same head.
    let objects: Vec<usize> = (0..tokens.len()).filter(|&i| is_object(i)).collect();
    let mut joins = Vec::new();
    for (k, &first) in objects.iter().enumerate() {
        let second = objects
            .get(k + 1..)
            .unwrap_or(&[])
            .iter()
            .copied()
            .find(|&o| {
                let h = head(tokens, o);
                h == head(tokens, first) || h == Some(first)
            });
        let Some(second) = second else { continue };
        let words = |o: usize| -> Vec<usize> {
            (0..tokens.len())
                .filter(|&i| dominates(tokens, o, i))
                .collect()
        };
        let (first_words, second_words) = (words(first), words(second));
        let (Some(&start), Some(&end)) = (first_words.first(), second_words.last()) else {
            continue;
        };
        // Only the two objects' words, every one capitalized.
        let whole = (start..=end)
            .all(|i| capitalized(i) && (first_words.contains(&i) || second_words.contains(&i)));
        if whole && is_propn(tokens, first) && is_propn(tokens, second) && first < second {
            joins.push((first, second));
        }
    }
    for (first, second) in joins {
        let (Some(h), Some(relation)) = (
            tokens.get(first).map(|t| t.head),
            tokens.get(first).map(|t| t.deprel.as_str().to_string()),
        ) else {
            continue;
        };
        attach(tokens, second, (h as usize).checked_sub(1), &relation);
        attach(tokens, first, Some(second), "compound");
    }
}

/// A `flat` name part whose head is not the first word of the run of proper nouns right before
/// it (`Barack Obama and Vladimir Putin`: `Putin` on `Barack`) goes to that first word.
fn join_split_names(tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        let Some(h) = head(tokens, i) else { continue };
        let flat = tokens.get(i).is_some_and(|t| t.deprel.base() == "flat");
        if !flat || !is_propn(tokens, i) || h >= i || h + 1 == i {
            continue;
        }
        let mut start = i;
        while start > 0 && is_propn(tokens, start - 1) {
            start -= 1;
        }
        if start == i || start <= h || dominates(tokens, i, start) {
            continue;
        }
        if let Some(t) = tokens.get_mut(i) {
            t.head = start as u32 + 1;
        }
    }
}

/// A weekday parsed as part of a name or a noun phrase (`met Bashar Assad Tuesday`) is the time of
/// the nearest verb above it.
fn detach_weekdays(tokens: &mut [Token], temporal: &Deprel) {
    for i in 0..tokens.len() {
        let Some(t) = tokens.get(i) else { continue };
        let glued = matches!(t.deprel.base(), "flat" | "compound" | "appos");
        if !glued || !is_weekday(&t.form) {
            continue;
        }
        // The compound in "Tuesday talks" is right; only a weekday after its head is glued on.
        let Some(mut up) = head(tokens, i).filter(|&h| h < i) else {
            continue;
        };
        let mut verb = None;
        for _ in 0..tokens.len() {
            if tokens.get(up).is_some_and(|t| t.upos == Upos::Verb) {
                verb = Some(up);
                break;
            }
            match head(tokens, up) {
                Some(h) => up = h,
                None => break,
            }
        }
        if let (Some(v), Some(t)) = (verb, tokens.get_mut(i)) {
            t.head = v as u32 + 1;
            t.deprel = temporal.clone();
        }
    }
}

/// Two subjects of one verb with a coordinating conjunction between them (`The US, Russia, and
/// Switzerland met`) are one coordinated subject: the later one becomes a conjunct of the first,
/// and the conjunction and the comma before it move to it.
fn coordinate_subjects(tokens: &mut [Token]) {
    for v in verbs_with_two_subjects(tokens) {
        let subjects: Vec<usize> = (0..tokens.len())
            .filter(|&i| {
                head(tokens, i) == Some(v)
                    && tokens.get(i).is_some_and(|t| t.deprel.base() == "nsubj")
            })
            .collect();
        let (Some(&first), Some(&last)) = (subjects.first(), subjects.last()) else {
            continue;
        };
        if first == last || last < first || last > v {
            continue;
        }
        // The conjunction right before the later subject's phrase, hanging on the verb.
        let Some(cc) = (first + 1..last).rev().find(|&i| {
            tokens
                .get(i)
                .is_some_and(|t| t.upos == Upos::Cconj && t.head as usize == v + 1)
        }) else {
            continue;
        };
        if (cc + 1..last).any(|i| head(tokens, i) != Some(last) && !dominates(tokens, last, i)) {
            continue;
        }
        let conj = Deprel::new("conj");
        let cc_rel = Deprel::new("cc");
        let punct = Deprel::new("punct");
        if let Some(t) = tokens.get_mut(last) {
            t.head = first as u32 + 1;
            t.deprel = conj;
        }
        if let Some(t) = tokens.get_mut(cc) {
            t.head = last as u32 + 1;
            t.deprel = cc_rel;
        }
        if let Some(comma) = cc.checked_sub(1) {
            if let Some(t) = tokens
                .get_mut(comma)
                .filter(|t| t.upos == Upos::Punct && t.head as usize == v + 1)
            {
                t.head = last as u32 + 1;
                t.deprel = punct;
            }
        }
    }
}

/// The words that can be English auxiliaries.
const AUXILIARIES: &[&str] = &[
    "be", "am", "is", "are", "was", "were", "been", "being", "'s", "'re", "'m", "s", "have", "has",
    "had", "having", "'ve", "'d", "do", "does", "did", "will", "would", "shall", "should", "can",
    "could", "may", "might", "must", "ought", "wo", "ca", "'ll", "need", "dare", "get", "got",
    "gets", "getting", "going", "gon", "to", "let", "ai", "used",
];

/// "Beijing denounced Japan": the tagger sometimes reads a capitalized name before a verb as an
/// auxiliary. A word tagged AUX that no English auxiliary is spelled like, capitalized, is a name:
/// the subject of its verb when that verb has none.
fn name_false_auxiliaries(tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        let false_aux = tokens.get(i).is_some_and(|t| {
            t.upos == Upos::Aux
                && t.form.chars().next().is_some_and(char::is_uppercase)
                && !AUXILIARIES.contains(&t.form.to_lowercase().as_str())
        });
        if !false_aux {
            continue;
        }
        let Some(verb) = head(tokens, i) else {
            continue;
        };
        let has_subject = children(tokens, verb)
            .into_iter()
            .any(|c| tokens.get(c).is_some_and(|t| t.deprel.base() == "nsubj"));
        if let Some(t) = tokens.get_mut(i) {
            t.upos = Upos::Propn;
            t.xpos = "NNP".into();
            t.deprel = Deprel::new(if !has_subject && i < verb {
                "nsubj"
            } else {
                "dep"
            });
        }
    }
}

/// Prepositions after which an `-ed` verb reads as active ("cooperated on", "mobilized along").
const ACTIVE_PREPOSITIONS: &[&str] =
    &["on", "with", "along", "over", "across", "toward", "towards"];

/// "Qatar proposed talks between Israel and Hamas.", "Ireland and Norway recognised Palestine.":
/// with no other verb in the sentence, the parser reads the `-ed` verb as an adjective on a noun
/// and the sentence as one noun phrase. In a sentence that ends with a full stop and has no other
/// verb or auxiliary, an `-ed` word right after a nominal (tagged a verb, or an adjective when the
/// sentence has no verb at all) is the main verb when what follows it is a bare nominal (its
/// object), its own object, or a phrase after which verbs read as active ("cooperated on"); the
/// phrase before it is its subject (a capitalized first word tagged as an adjective too:
/// "Germany provided").
fn restore_verbs_read_as_modifiers(tokens: &mut [Token]) {
    let n = tokens.len();
    if tokens.last().is_none_or(|t| t.form != ".") {
        return;
    }
    // A hyphenated participle ("the US-led coalition") is part of a noun phrase, not a verb of
    // the sentence.
    let hyphenated = |i: usize| {
        i.checked_sub(1)
            .and_then(|h| tokens.get(h))
            .is_some_and(|t| t.form == "-")
    };
    // Nor is a participle after an article or preposition and before the noun it describes
    // ("along the disputed border"); right after a nominal it may be the lost verb.
    let attributive = |i: usize| {
        tokens.get(i).is_some_and(|t| t.deprel.base() == "amod")
            && head(tokens, i) > Some(i)
            && i.checked_sub(1)
                .and_then(|p| tokens.get(p))
                .is_some_and(|t| matches!(t.upos, Upos::Det | Upos::Adp))
    };
    let verbs: Vec<usize> = (0..n)
        .filter(|&i| {
            tokens
                .get(i)
                .is_some_and(|t| matches!(t.upos, Upos::Verb | Upos::Aux))
                && !hyphenated(i)
                && !attributive(i)
        })
        .collect();
    // A past form: regular, or an irregular one the tagger read as a past verb ("struck").
    let past = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            t.form.to_lowercase().ends_with("ed")
                || (t.upos == Upos::Verb && matches!(t.xpos.as_str(), "VBD" | "VBN"))
        })
    };
    let nominal = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| matches!(t.upos, Upos::Noun | Upos::Propn | Upos::Pron))
    };
    // The sentence's only verb; with none at all, an `-ed` word the tagger read as an adjective
    // right after a noun ("militants attacked Nigerian soldiers").
    let verb = match verbs[..] {
        [verb] => verb,
        [] => match (1..n).find(|&i| {
            past(i) && nominal(i - 1) && tokens.get(i).is_some_and(|t| t.upos == Upos::Adj)
        }) {
            Some(verb) => verb,
            None => return,
        },
        _ => return,
    };
    let modifier = tokens
        .get(verb)
        .is_some_and(|t| matches!(t.deprel.base(), "amod" | "acl" | "compound" | "dep"));
    // A capitalized first word the tagger took for an adjective ("Germany provided ...") is a
    // name.
    let initial_name = verb == 1
        && tokens.first().is_some_and(|t| {
            t.upos == Upos::Adj && t.form.chars().next().is_some_and(char::is_uppercase)
        });
    // So is an adjective right after a possessive, with the verb next: "Myanmar's military
    // bombed" (a possessive is followed by its noun).
    let possessed = verb >= 2
        && tokens.get(verb - 1).is_some_and(|t| t.upos == Upos::Adj)
        && tokens.get(verb - 2).is_some_and(|t| t.xpos == "POS");
    if !modifier || !past(verb) || verb == 0 || !(nominal(verb - 1) || initial_name || possessed) {
        return;
    }

    // The subject: the highest word above the one before the verb that stays before the verb.
    let mut subject = verb - 1;
    while let Some(h) = head(tokens, subject).filter(|&h| h < verb) {
        subject = h;
    }
    let named_or_possessed = (initial_name && subject == 0) || (possessed && subject + 1 == verb);
    if !(nominal(subject) || named_or_possessed) || dominates(tokens, verb, subject) {
        return;
    }
    // What follows: already the verb's own ("cooperated on maritime security"), or a phrase
    // without a preposition, its object. Prepositions that follow reduced passives in captions
    // ("Three soldiers killed in an attack.") leave the phrase alone.
    let object = if dominates(tokens, verb, verb + 1) {
        let active = tokens.get(verb + 1).is_some_and(|t| {
            t.upos != Upos::Adp || ACTIVE_PREPOSITIONS.contains(&t.form.to_lowercase().as_str())
        });
        if !active {
            return;
        }
        None
    } else {
        let mut object = verb + 1;
        while let Some(h) = head(tokens, object).filter(|&h| h > verb) {
            object = h;
        }
        let marked = children(tokens, object).into_iter().any(|c| {
            tokens
                .get(c)
                .is_some_and(|t| matches!(t.deprel.base(), "case" | "mark"))
        });
        if !nominal(object) || marked {
            return;
        }
        Some(object)
    };
    let root = tokens.iter().position(|t| t.head == 0);
    // Final punctuation on the old root goes to the verb.
    if let Some(root) = root {
        for c in children(tokens, root) {
            if tokens.get(c).is_some_and(|t| t.upos == Upos::Punct) && c > verb {
                if let Some(t) = tokens.get_mut(c) {
                    t.head = verb as u32 + 1;
                }
            }
        }
    }
    attach(tokens, verb, None, "root");
    if let Some(t) = tokens.get_mut(verb) {
        t.upos = Upos::Verb;
        t.xpos = "VBD".into();
    }
    attach(tokens, subject, Some(verb), "nsubj");
    if let Some(t) = tokens
        .get_mut(subject)
        .filter(|_| initial_name && subject == 0)
    {
        t.upos = Upos::Propn;
        t.xpos = "NNP".into();
    }
    if let Some(t) = tokens
        .get_mut(subject)
        .filter(|t| possessed && t.upos == Upos::Adj)
    {
        t.upos = Upos::Noun;
        t.xpos = "NN".into();
        // The possessor ("Myanmar" of "'s") is the subject's.
        if let Some(possessor) = head(tokens, verb - 2) {
            attach(tokens, possessor, Some(subject), "nmod:poss");
        }
    }
    if let Some(object) = object {
        attach(tokens, object, Some(verb), "obj");
    }
}

/// "Defense Minister Tomomi Inada met ...": the parser gives the verb two subjects, the title and
/// the name. A subject phrase of proper nouns that ends right where a second, named subject begins
/// is the name's title: it becomes a compound of the name, as UD writes "President Obama".
fn join_titles_to_names(tokens: &mut [Token]) {
    for v in verbs_with_two_subjects(tokens) {
        let subjects: Vec<usize> = children(tokens, v)
            .into_iter()
            .filter(|&c| tokens.get(c).is_some_and(|t| t.deprel.base() == "nsubj"))
            .collect();
        for pair in subjects.windows(2) {
            let [title, name] = [pair[0], pair[1]];
            // The title's words: the title and what hangs on it, all before the name's words.
            let words: Vec<usize> = (0..tokens.len())
                .filter(|&i| dominates(tokens, title, i))
                .collect();
            let Some(&last) = words.last() else { continue };
            let name_start = (0..tokens.len())
                .find(|&i| dominates(tokens, name, i))
                .unwrap_or(name);
            let adjacent = last + 1 == name_start && words.iter().all(|&i| i < name_start);
            // Titles are proper nouns, or nouns and adjectives around one ("United Nations
            // envoy", "Defense Minister").
            let titled = words.iter().all(|&i| {
                tokens
                    .get(i)
                    .is_some_and(|t| matches!(t.upos, Upos::Propn | Upos::Noun | Upos::Adj))
            }) && words.iter().any(|&i| is_propn(tokens, i))
                && is_propn(tokens, name)
                && name > title;
            if adjacent && titled {
                attach(tokens, title, Some(name), "compound");
            }
        }
    }
}

/// "... after both countries barred Turkish ministers": the parser reads `after both countries` as
/// a prepositional phrase and `barred` as a second verb of the main clause, with the main clause's
/// subject. A subordinator's noun followed at once by a finite verb without a subject is that
/// verb's subject, and the verb an adverbial clause.
fn open_clauses_after_subordinators(tokens: &mut [Token]) {
    const SUBORDINATORS: &[&str] = &["after", "before", "since", "until", "as", "once"];
    for p in 0..tokens.len() {
        let is_subordinator = tokens.get(p).is_some_and(|t| {
            t.deprel.base() == "case" && SUBORDINATORS.contains(&t.form.to_lowercase().as_str())
        });
        let Some(noun) = head(tokens, p).filter(|_| is_subordinator) else {
            continue;
        };
        let nominal = tokens
            .get(noun)
            .is_some_and(|t| t.upos.is_nominal() && matches!(t.deprel.base(), "obl" | "nmod"));
        let Some(main) = head(tokens, noun).filter(|_| nominal && noun > p) else {
            continue;
        };
        // The word right after the noun's phrase.
        let end = (noun..tokens.len())
            .take_while(|&i| i == noun || dominates(tokens, noun, i))
            .last()
            .unwrap_or(noun);
        let verb = end + 1;
        // A regular past form read as a participle ("as the US leader prepared to attend") is
        // as finite as one read as a past tense, when nothing makes it a participle (no
        // auxiliary) and it hangs on the main verb rather than on the noun.
        let auxiliary = children(tokens, verb)
            .into_iter()
            .any(|c| tokens.get(c).is_some_and(|t| t.deprel.base() == "aux"));
        let finite = tokens.get(verb).is_some_and(|t| {
            t.upos == Upos::Verb
                && (matches!(t.xpos.as_str(), "VBD" | "VBZ" | "VBP")
                    || (t.xpos == "VBN" && t.form.ends_with("ed") && !auxiliary))
        });
        let subjectless = !children(tokens, verb)
            .into_iter()
            .any(|c| tokens.get(c).is_some_and(|t| t.deprel.base() == "nsubj"));
        if !finite || !subjectless || head(tokens, verb) != Some(main) {
            continue;
        }
        if let Some(t) = tokens.get_mut(verb).filter(|t| t.xpos == "VBN") {
            t.xpos = "VBD".to_string();
        }
        attach(tokens, verb, Some(main), "advcl");
        attach(tokens, noun, Some(verb), "nsubj");
        attach(tokens, p, Some(verb), "mark");
        if let Some(t) = tokens.get_mut(p) {
            t.upos = Upos::Sconj;
        }
    }
}

/// "Foreign Minister Fumio Kishida and his Russian counterpart Sergei Lavrov agreed ...": the
/// parser roots the sentence at the first name and reads `agreed`, with `Lavrov` as its subject,
/// as a relative clause on it. A finite verb hanging as a relative clause on a nominal root, with
/// a subject of its own that follows `and` and no relative word, is the main verb: the root
/// becomes its subject and the later subject a conjunct of it.
fn raise_verbs_of_coordinated_subjects(tokens: &mut [Token]) {
    let Some(root) = tokens.iter().position(|t| t.head == 0) else {
        return;
    };
    if !tokens.get(root).is_some_and(|t| t.upos.is_nominal()) {
        return;
    }
    let finite =
        |t: &Token| t.upos == Upos::Verb && matches!(t.xpos.as_str(), "VBD" | "VBZ" | "VBP");
    let Some(verb) = children(tokens, root).into_iter().find(|&c| {
        c > root
            && tokens
                .get(c)
                .is_some_and(|t| finite(t) && t.deprel.base() == "acl")
    }) else {
        return;
    };
    let dependents = children(tokens, verb);
    // A relative word or a marker makes it a true relative clause ("the man who met ...").
    let relative = dependents.iter().any(|&c| {
        tokens.get(c).is_some_and(|t| {
            matches!(t.xpos.as_str(), "WDT" | "WP" | "WP$" | "WRB")
                || t.deprel.base() == "mark"
                || t.form.eq_ignore_ascii_case("that")
        })
    });
    let Some(subject) = dependents.iter().copied().find(|&c| {
        c > root
            && c < verb
            && tokens
                .get(c)
                .is_some_and(|t| t.deprel.base() == "nsubj" && t.upos.is_nominal())
    }) else {
        return;
    };
    // The conjunction: between the root's words and the later subject, in the subject's phrase
    // or on the root.
    let cc = (root + 1..subject).rev().find(|&i| {
        tokens.get(i).is_some_and(|t| {
            t.upos == Upos::Cconj
                && (head(tokens, i) == Some(root) || dominates(tokens, subject, i))
        })
    });
    let Some(cc) = cc else { return };
    if relative {
        return;
    }
    reroot(tokens, root, verb);
    attach(tokens, root, Some(verb), "nsubj");
    attach(tokens, subject, Some(root), "conj");
    attach(tokens, cc, Some(subject), "cc");
}

/// The children of `i`, in order.
fn children(tokens: &[Token], i: usize) -> Vec<usize> {
    (0..tokens.len())
        .filter(|&c| head(tokens, c) == Some(i))
        .collect()
}

/// A second subject that carries `of` ("The US Secretary of state wants": `state` as a subject)
/// is an `nmod` of the noun before it: a subject never takes a case marker.
fn attach_of_phrase_subjects(tokens: &mut [Token]) {
    for v in verbs_with_two_subjects(tokens) {
        let subjects: Vec<usize> = children(tokens, v)
            .into_iter()
            .filter(|&i| tokens.get(i).is_some_and(|t| t.deprel.base() == "nsubj"))
            .collect();
        for pair in subjects.windows(2) {
            let &[first, second] = pair else { continue };
            // The `of` right before it, on it or (as parsed) on the verb.
            let of = second.checked_sub(1).filter(|&c| {
                tokens.get(c).is_some_and(|t| {
                    t.deprel.base() == "case"
                        && t.form.eq_ignore_ascii_case("of")
                        && (head(tokens, c) == Some(second) || head(tokens, c) == Some(v))
                })
            });
            let marked = of.is_some();
            // Only when the `of` phrase follows the first subject's phrase directly.
            let adjacent = (first + 1..second.saturating_sub(1))
                .all(|i| dominates(tokens, first, i) || dominates(tokens, second, i));
            if marked && adjacent && second < v {
                if let Some(t) = tokens.get_mut(second) {
                    t.head = first as u32 + 1;
                    t.deprel = Deprel::new("nmod");
                }
                if let Some(t) = of.and_then(|c| tokens.get_mut(c)) {
                    t.head = second as u32 + 1;
                }
            }
        }
    }
}

/// A verb parsed as a modifier of a noun while it has its own auxiliary ("al-Shabab is claiming
/// responsibility" with `claiming` an `amod` of `responsibility`) heads the clause: it takes the
/// noun's place, and the noun after it becomes its object.
fn raise_modifiers_with_auxiliaries(tokens: &mut [Token]) {
    for x in 0..tokens.len() {
        let is_verb_modifier = tokens.get(x).is_some_and(|t| {
            t.upos == Upos::Verb && matches!(t.deprel.as_str(), "amod" | "compound")
        });
        if !is_verb_modifier {
            continue;
        }
        let has_aux = children(tokens, x).into_iter().any(|c| {
            tokens
                .get(c)
                .is_some_and(|t| t.deprel.base() == "aux" && c < x)
        });
        let Some(noun) = head(tokens, x).filter(|&h| h > x) else {
            continue;
        };
        if !has_aux {
            continue;
        }
        let Some(noun_token) = tokens.get(noun) else {
            continue;
        };
        let (above, relation) = (noun_token.head, noun_token.deprel.clone());
        // The noun's dependents left of the verb (its subject, adverbs, punctuation) move up.
        for c in children(tokens, noun) {
            let moves = c < x
                && tokens.get(c).is_some_and(|t| {
                    matches!(
                        t.deprel.base(),
                        "nsubj" | "aux" | "advmod" | "mark" | "punct"
                    )
                });
            if let (true, Some(t)) = (moves, tokens.get_mut(c)) {
                t.head = x as u32 + 1;
            }
        }
        if let Some(t) = tokens.get_mut(x) {
            t.head = above;
            t.deprel = relation;
        }
        if let Some(t) = tokens.get_mut(noun) {
            t.head = x as u32 + 1;
            t.deprel = Deprel::new("obj");
        }
    }
}

/// Verbs whose object news calls a guest: "met visiting Israeli Prime Minister Netanyahu".
const HOSTING_VERBS: &[&str] = &[
    "meet",
    "meets",
    "met",
    "meeting",
    "receive",
    "receives",
    "received",
    "receiving",
    "welcome",
    "welcomes",
    "welcomed",
    "welcoming",
    "host",
    "hosts",
    "hosted",
    "hosting",
    "greet",
    "greets",
    "greeted",
    "greeting",
    "thank",
    "thanks",
    "thanked",
    "thanking",
    "told",
    "tells",
    "tell",
    "urged",
    "urges",
    "assured",
    "assures",
    "briefed",
    "briefs",
];

/// "Xi met visiting Israeli Prime Minister Netanyahu in Beijing": the parser reads `visiting` as
/// a clause complement of `met` with Netanyahu its object. Right after a verb of hosting with no
/// object of its own (not after "stopped" or "began", whose complement it can be), `visiting`
/// describes the guest: a modifier of the name after it, which is the verb's object; the phrases
/// the clause held (`in Beijing`) go back to the verb.
fn lower_visiting_modifiers(tokens: &mut [Token]) {
    for w in 1..tokens.len() {
        let is_visiting = tokens
            .get(w)
            .is_some_and(|t| t.form.eq_ignore_ascii_case("visiting") && t.deprel.base() == "xcomp");
        let hosting = |v: usize| {
            tokens
                .get(v)
                .is_some_and(|t| HOSTING_VERBS.contains(&t.form.to_lowercase().as_str()))
        };
        let Some(verb) = head(tokens, w).filter(|&v| is_visiting && v + 1 == w && hosting(v))
        else {
            continue;
        };
        let own = children(tokens, verb);
        let has_object = own
            .iter()
            .any(|&c| tokens.get(c).is_some_and(|t| t.deprel.base() == "obj"));
        let Some(object) = children(tokens, w).into_iter().find(|&c| {
            c > w
                && tokens
                    .get(c)
                    .is_some_and(|t| t.deprel.base() == "obj" && t.upos.is_nominal())
        }) else {
            continue;
        };
        if has_object {
            continue;
        }
        for c in children(tokens, w) {
            if c != object {
                if let Some(t) = tokens.get_mut(c) {
                    t.head = verb as u32 + 1;
                }
            }
        }
        attach(tokens, object, Some(verb), "obj");
        attach(tokens, w, Some(object), "amod");
    }
}

/// "The civilians imprisoned for acting against Moscow were released": the parser makes
/// `imprisoned` the main verb with `civilians` its subject and `were released` a subjectless
/// complement. A complement with its own auxiliary and no subject is the main clause; the
/// participle right after the noun describes the noun.
fn lower_reduced_relatives(tokens: &mut [Token]) {
    let Some(root) = tokens.iter().position(|t| t.head == 0) else {
        return;
    };
    // A past participle: tagged so, or a regular past tense, whose form is the same.
    let participle = tokens.get(root).is_some_and(|t| {
        t.upos == Upos::Verb
            && (t.xpos == "VBN" || t.xpos == "VBD" && t.form.to_lowercase().ends_with("ed"))
    });
    let Some(subject) = root.checked_sub(1) else {
        return;
    };
    let subject_before = tokens.get(subject).is_some_and(|t| {
        t.deprel.base() == "nsubj" && head(tokens, subject) == Some(root) && t.upos.is_nominal()
    });
    if !participle || !subject_before {
        return;
    }
    let complement = children(tokens, root).into_iter().find(|&c| {
        c > root
            && tokens.get(c).is_some_and(|t| t.deprel.base() == "ccomp")
            && children(tokens, c)
                .into_iter()
                .any(|a| a < c && tokens.get(a).is_some_and(|t| t.deprel.base() == "aux"))
            && !children(tokens, c)
                .into_iter()
                .any(|a| tokens.get(a).is_some_and(|t| t.deprel.base() == "nsubj"))
    });
    let Some(main) = complement else { return };
    let passive = children(tokens, main).into_iter().any(|a| {
        tokens
            .get(a)
            .is_some_and(|t| t.deprel.as_str() == "aux:pass")
    });
    reroot(tokens, root, main);
    attach(tokens, root, Some(subject), "acl");
    if let Some(t) = tokens.get_mut(root) {
        t.xpos = "VBN".into();
    }
    attach(
        tokens,
        subject,
        Some(main),
        if passive { "nsubj:pass" } else { "nsubj" },
    );
}

/// "Israel on Wednesday released the mayor": news puts the day between the subject and the verb,
/// which the parser, trained on web text, reads as "Israel on Wednesday" with the verb elsewhere.
/// A finite verb right after "on <weekday>" that hangs on a noun takes the noun as its subject.
fn raise_verbs_after_dated_subjects(tokens: &mut [Token]) {
    for day in 0..tokens.len() {
        if !tokens.get(day).is_some_and(|t| is_weekday(&t.form)) {
            continue;
        }
        let on = children(tokens, day).into_iter().any(|c| {
            c + 1 == day
                && tokens
                    .get(c)
                    .is_some_and(|t| t.form.eq_ignore_ascii_case("on"))
        });
        let Some(noun) = head(tokens, day).filter(|&n| n + 2 == day) else {
            continue;
        };
        let verb = day + 1;
        let finite = tokens.get(verb).is_some_and(|t| {
            t.upos == Upos::Verb && matches!(t.xpos.as_str(), "VBD" | "VBZ" | "VBP")
        });
        let nominal = tokens
            .get(noun)
            .is_some_and(|t| matches!(t.upos, Upos::Propn | Upos::Noun | Upos::Pron));
        let has_subject = children(tokens, verb)
            .into_iter()
            .any(|c| tokens.get(c).is_some_and(|t| t.deprel.base() == "nsubj"));
        if !on || !finite || !nominal || has_subject {
            continue;
        }
        let Some(noun_token) = tokens.get(noun) else {
            continue;
        };
        let (above, relation) = (noun_token.head, noun_token.deprel.clone());
        // The verb takes the noun's place unless that would put it under its own subtree.
        if above != 0 && dominates(tokens, verb, above as usize - 1) {
            continue;
        }
        if let Some(t) = tokens.get_mut(verb) {
            t.head = above;
            t.deprel = relation;
        }
        if let Some(t) = tokens.get_mut(noun) {
            t.head = verb as u32 + 1;
            t.deprel = Deprel::new("nsubj");
        }
        if let Some(t) = tokens.get_mut(day) {
            t.head = verb as u32 + 1;
            t.deprel = Deprel::new("obl");
        }
    }
}

/// Verbs that close a news sentence with its attribution, in the forms that can be nouns too.
const ATTRIBUTION_VERBS: [&str; 6] = ["reports", "reported", "says", "said", "claims", "writes"];

/// ", Reuters reports." at the end of a sentence: the tagger may read `reports` as a plural noun
/// and the parser then coordinates it with the last noun of the sentence. The last word, one of
/// [`ATTRIBUTION_VERBS`] after a comma and a short name or noun phrase, is a verb of attribution
/// on the main clause, with that phrase its subject.
fn attach_final_attributions(tokens: &mut [Token]) {
    let mut last = tokens.len().saturating_sub(1);
    if tokens.get(last).is_some_and(|t| t.upos == Upos::Punct) {
        last = last.saturating_sub(1);
    }
    let Some(verb_token) = tokens.get(last) else {
        return;
    };
    if !ATTRIBUTION_VERBS.contains(&verb_token.form.to_lowercase().as_str())
        || verb_token.upos == Upos::Verb
    {
        return;
    }
    // The phrase between the comma and the verb: one to four nouns, names or modifiers.
    let Some(comma) = (last.saturating_sub(5)..last)
        .rev()
        .find(|&i| tokens.get(i).is_some_and(|t| t.form == ","))
    else {
        return;
    };
    let phrase = comma + 1..last;
    if phrase.is_empty()
        || !phrase.clone().all(|i| {
            tokens
                .get(i)
                .is_some_and(|t| matches!(t.upos, Upos::Propn | Upos::Noun | Upos::Adj | Upos::Det))
        })
    {
        return;
    }
    let Some(root) = tokens.iter().position(|t| t.head == 0) else {
        return;
    };
    if root >= comma {
        return;
    }
    let subject = last - 1;
    let past = verb_token.form.to_lowercase().ends_with('d');
    if let Some(t) = tokens.get_mut(last) {
        t.upos = Upos::Verb;
        t.xpos = if past { "VBD" } else { "VBZ" }.into();
        t.head = root as u32 + 1;
        t.deprel = Deprel::new("parataxis");
    }
    for i in phrase {
        // Words of the phrase hang on its last word, unless they already modify a word of it.
        let inside = head(tokens, i).is_some_and(|h| h > comma && h <= subject);
        let (new_head, relation) = if i == subject {
            (last, "nsubj")
        } else if inside {
            continue;
        } else {
            (subject, "compound")
        };
        if let Some(t) = tokens.get_mut(i) {
            t.head = new_head as u32 + 1;
            t.deprel = Deprel::new(relation);
        }
    }
    if let Some(t) = tokens.get_mut(comma) {
        t.head = last as u32 + 1;
        t.deprel = Deprel::new("punct");
    }
    // The final full stop stays on the main clause.
    if let Some(t) = tokens.get_mut(last + 1) {
        t.head = root as u32 + 1;
    }
}

/// Tags the capitalized words of each name span a proper noun (`NNP`), before parsing; small
/// function words inside a name ("of", "for") and punctuation keep their tags.
pub fn tag_names(tokens: &mut [Token], spans: &[std::ops::Range<usize>]) {
    for span in spans {
        for t in tokens.iter_mut().take(span.end).skip(span.start) {
            let capitalized = t.form.chars().next().is_some_and(char::is_uppercase);
            let function = matches!(
                t.upos,
                Upos::Det | Upos::Adp | Upos::Cconj | Upos::Part | Upos::Pron | Upos::Punct
            );
            if capitalized && !function && t.upos != Upos::Propn {
                t.upos = Upos::Propn;
                t.xpos = "NNP".into();
            }
        }
    }
}

/// Makes each name span one phrase after parsing ("Papua New Guinea" read as `Papua` with
/// `Guinea` its object): of the span's words hanging outside it, the highest heads the name and
/// the others hang on it; words inside it hang by `flat` (after their head) or `compound`
/// (before it), whatever the parser called the relation, except function words and
/// punctuation. A change that would not leave a tree is not made.
pub fn join_names(tokens: &mut [Token], spans: &[std::ops::Range<usize>]) {
    // Each span checks the whole tree: bounded, as the other repairs, by the longest sentence
    // the tokenizer makes.
    if tokens.len() > crate::tokenize::MAX_SENTENCE_TOKENS {
        return;
    }
    for span in spans {
        if span.end > tokens.len() || span.len() < 2 {
            continue;
        }
        let outside: Vec<usize> = span
            .clone()
            .filter(|&i| head(tokens, i).is_none_or(|h| !span.contains(&h)))
            .collect();
        // The highest: not below another of them.
        let Some(&top) = outside
            .iter()
            .find(|&&i| !outside.iter().any(|&o| o != i && dominates(tokens, o, i)))
        else {
            continue;
        };
        let mut repaired = tokens.to_vec();
        for i in span.clone() {
            if i == top {
                continue;
            }
            let keep = repaired.get(i).is_some_and(|t| {
                matches!(
                    t.deprel.base(),
                    "det" | "case" | "punct" | "cc" | "amod" | "compound" | "flat" | "conj"
                ) && head(&repaired, i).is_some_and(|h| span.contains(&h))
            });
            if keep {
                continue;
            }
            let inside = head(&repaired, i).filter(|h| span.contains(h));
            let to = inside.unwrap_or(top);
            let relation = if to < i { "flat" } else { "compound" };
            attach(&mut repaired, i, Some(to), relation);
        }
        if is_tree(&repaired) {
            tokens.clone_from_slice(&repaired);
        }
    }
}

/// Irregular participles that news glues to a noun with a hyphen ("rebel-held", "state-run").
const GLUED_PARTICIPLES: &[&str] = &[
    "led", "held", "run", "owned", "built", "made", "born", "bred", "fed", "won", "known",
];

/// Whether the tokens' heads form a tree (the parser's own check on training trees), every head
/// within the sentence.
fn is_tree(tokens: &[Token]) -> bool {
    let heads: Vec<u32> = std::iter::once(0)
        .chain(tokens.iter().map(|t| t.head))
        .collect();
    tokens.iter().all(|t| t.head as usize <= tokens.len()) && super::is_tree(&heads)
}

/// "Iran-backed Houthi rebels fired missiles at Saudi Arabia": the parser can read the glued
/// participle as the main verb (`backed` the root, `fired` its complement). A participle joined
/// by a hyphen to the word before it ("Iran-backed", "rebel-held", "US-led") describes the noun
/// phrase right after it, as UD writes it: it becomes a modifier (`amod`) of that phrase's head,
/// the word before the hyphen its modifier; when it was the root, the verb it held after the
/// phrase (else the phrase itself) takes its place.
fn attach_hyphenated_participles(tokens: &mut [Token]) {
    let n = tokens.len();
    for p in 2..n {
        let glued = |i: usize| tokens.get(i).is_some_and(|t| !t.space_after);
        let Some(part) = tokens.get(p) else { continue };
        let lower = part.form.to_lowercase();
        // ("rebel-held" is often tagged a noun; of the participles that are also nouns, only
        // those that news glues to a holder.)
        let participle = match part.upos {
            Upos::Verb | Upos::Adj => {
                lower.ends_with("ed") || GLUED_PARTICIPLES.contains(&lower.as_str())
            }
            Upos::Noun => matches!(lower.as_str(), "held" | "led" | "owned" | "backed"),
            _ => false,
        };
        if !participle
            || tokens.get(p - 1).is_none_or(|t| t.form != "-")
            || !glued(p - 2)
            || !glued(p - 1)
            || tokens
                .get(p - 2)
                .is_none_or(|t| !matches!(t.upos, Upos::Propn | Upos::Noun | Upos::Adj))
        {
            continue;
        }
        // The noun phrase after it: modifiers and nouns, the last noun its head.
        let run_end = (p + 1..n)
            .take_while(|&j| {
                tokens
                    .get(j)
                    .is_some_and(|t| matches!(t.upos, Upos::Adj | Upos::Noun | Upos::Propn))
            })
            .last();
        let Some(k) = run_end.filter(|&k| {
            tokens
                .get(k)
                .is_some_and(|t| matches!(t.upos, Upos::Noun | Upos::Propn))
        }) else {
            continue;
        };
        if head(tokens, p) == Some(k) {
            continue;
        }
        let mut repaired = tokens.to_vec();
        // The participle, or the word glued to it, may have been read as the root.
        let root = [p, p - 2]
            .into_iter()
            .find(|&i| head(&repaired, i).is_none());
        match (head(&repaired, p), root) {
            (_, Some(r)) => {
                // The root: a verb it held after the phrase becomes the root, with the phrase as
                // its subject when it had none; else the phrase is the root.
                let verb = children(&repaired, r)
                    .into_iter()
                    .find(|&c| c > k && repaired.get(c).is_some_and(|t| t.upos == Upos::Verb));
                match verb {
                    Some(v) => {
                        reroot(&mut repaired, r, v);
                        if matches!(head(&repaired, k), Some(h) if h == p || h == p - 2) {
                            let has_subject = children(&repaired, v).into_iter().any(|c| {
                                repaired
                                    .get(c)
                                    .is_some_and(|t| t.deprel.base().starts_with("nsubj"))
                            });
                            if has_subject {
                                continue;
                            }
                            attach(&mut repaired, k, Some(v), "nsubj");
                        }
                    }
                    None => reroot(&mut repaired, r, k),
                }
            }
            (Some(above), None) if head(&repaired, k) == Some(p) => {
                // The phrase's head takes the participle's place.
                let relation = repaired
                    .get(p)
                    .map(|t| t.deprel.as_str().to_string())
                    .unwrap_or_default();
                attach(&mut repaired, k, Some(above), &relation);
            }
            _ => {}
        }
        // Words of the phrase the participle held go to the phrase's head.
        for c in children(&repaired, p) {
            if c > p && c < k {
                let relation = match repaired.get(c).map(|t| t.upos) {
                    Some(Upos::Adj) => "amod",
                    _ => "compound",
                };
                attach(&mut repaired, c, Some(k), relation);
            }
        }
        attach(&mut repaired, p, Some(k), "amod");
        let modifier = if repaired
            .get(p - 2)
            .is_some_and(|t| matches!(t.upos, Upos::Propn | Upos::Noun))
        {
            "compound"
        } else {
            "advmod"
        };
        attach(&mut repaired, p - 2, Some(p), modifier);
        attach(&mut repaired, p - 1, Some(p), "punct");
        if is_tree(&repaired) {
            tokens.clone_from_slice(&repaired);
        }
    }
}

/// Lemmas of verbs that attribute a report to its source.
const SPEECH_LEMMAS: &[&str] = &[
    "say", "tell", "add", "report", "announce", "state", "claim", "confirm", "allege", "write",
];

/// "India and Pakistan agreed to resume talks ..., officials from both countries said after a
/// meeting": the parser hangs the attribution's subject on the reported clause (`officials` as an
/// oblique of `resume`) and coordinates a subjectless `said` with the main verb. A speech verb
/// without a subject whose words right before it, back to a comma, are one phrase without a
/// preposition, hanging inside the main clause, takes that phrase as its subject, and attributes
/// the main clause (`parataxis`), as UD writes a closing attribution.
fn attach_attribution_subjects(tokens: &mut [Token]) {
    for verb in 2..tokens.len() {
        let Some(v) = tokens.get(verb) else { continue };
        if v.upos != Upos::Verb
            || !SPEECH_LEMMAS.contains(&v.lemma.as_str())
            || !matches!(v.deprel.base(), "conj" | "parataxis")
        {
            continue;
        }
        let kids = children(tokens, verb);
        let has_subject = kids.iter().any(|&c| {
            tokens
                .get(c)
                .is_some_and(|t| matches!(t.deprel.base(), "nsubj" | "csubj" | "expl"))
        });
        let has_complement = kids.iter().any(|&c| {
            c < verb
                && tokens
                    .get(c)
                    .is_some_and(|t| matches!(t.deprel.base(), "ccomp" | "obj" | "cc"))
        });
        let Some(main) = head(tokens, verb) else {
            continue;
        };
        if has_subject || has_complement || main > verb {
            continue;
        }
        // The phrase: from the word after the nearest comma before the verb to the word before it.
        let Some(comma) = (main + 1..verb)
            .rev()
            .find(|&i| tokens.get(i).is_some_and(|t| t.form == ","))
        else {
            continue;
        };
        let phrase = comma + 1..verb;
        if phrase.len() > 8 || phrase.is_empty() {
            continue;
        }
        // Its head: the one word of the phrase whose head lies outside it, a noun or name.
        let outside: Vec<usize> = phrase
            .clone()
            .filter(|&i| head(tokens, i).is_none_or(|h| !phrase.contains(&h)))
            .collect();
        let [subject] = outside[..] else { continue };
        let nominal = tokens
            .get(subject)
            .is_some_and(|t| matches!(t.upos, Upos::Noun | Upos::Propn | Upos::Pron));
        let marked = children(tokens, subject).into_iter().any(|c| {
            tokens
                .get(c)
                .is_some_and(|t| matches!(t.deprel.base(), "case" | "mark"))
        });
        let Some(above) = head(tokens, subject) else {
            continue;
        };
        if !nominal || marked || !dominates(tokens, main, above) || dominates(tokens, subject, verb)
        {
            continue;
        }
        attach(tokens, subject, Some(verb), "nsubj");
        if let Some(t) = tokens.get_mut(verb) {
            t.deprel = Deprel::new("parataxis");
        }
        attach(tokens, comma, Some(verb), "punct");
    }
}

/// "Syrian rebels engaged Filipino peacekeepers in a firefight ..., officials said": the tagger
/// reads `engaged` as an adjective, and the parser makes the whole clause a second subject of
/// `said`. When a verb has two subjects with a comma between them, and the first one is modified
/// by an `-ed` word standing between two nouns of its phrase, that word is the reported clause's
/// verb: the noun before it its subject, the phrase's head its object. So is a verb read as a
/// participle on the first subject that has an object ("Ukrainian drones struck an oil refinery
/// ..., officials said"), with that subject its own.
fn restore_lost_verbs(tokens: &mut [Token]) {
    let Some(verb) = tokens.iter().position(|t| t.head == 0) else {
        return;
    };
    let subjects: Vec<usize> = children(tokens, verb)
        .into_iter()
        .filter(|&i| i < verb && tokens.get(i).is_some_and(|t| t.deprel.base() == "nsubj"))
        .collect();
    let (Some(&first), Some(&second)) = (subjects.first(), subjects.get(1)) else {
        return;
    };
    let comma_between = (first + 1..second).any(|i| tokens.get(i).is_some_and(|t| t.form == ","));
    if !comma_between {
        return;
    }
    // "Ukrainian drones struck an oil refinery ..., officials said": the reported verb read as a
    // participle modifying the first subject, with an object of its own. It is the reported
    // clause's verb and the subject its own.
    let participle = children(tokens, first).into_iter().find(|&x| {
        x > first
            && x < second
            && tokens.get(x).is_some_and(|t| {
                t.deprel.as_str() == "acl" && t.upos == Upos::Verb && t.xpos.starts_with("VB")
            })
            && children(tokens, x)
                .into_iter()
                .any(|o| o > x && tokens.get(o).is_some_and(|t| t.deprel.base() == "obj"))
    });
    if let Some(reported) = participle {
        attach(tokens, reported, Some(verb), "ccomp");
        if let Some(t) = tokens.get_mut(reported) {
            t.xpos = "VBD".into();
        }
        attach(tokens, first, Some(reported), "nsubj");
        return;
    }
    // The `-ed` modifier and the noun right before it, both on the first subject.
    let Some(lost) = children(tokens, first).into_iter().find(|&x| {
        x > 0
            && x < first
            && tokens
                .get(x)
                .is_some_and(|t| t.deprel.base() == "amod" && t.form.to_lowercase().ends_with("ed"))
            && head(tokens, x - 1) == Some(first)
            && tokens
                .get(x - 1)
                .is_some_and(|t| matches!(t.upos, Upos::Noun | Upos::Propn))
    }) else {
        return;
    };
    let actor = lost - 1;
    // Prepositional phrases of the object after it belong to the verb.
    for c in children(tokens, first) {
        let prepositional = c > first
            && tokens.get(c).is_some_and(|t| t.deprel.base() == "nmod")
            && children(tokens, c)
                .into_iter()
                .any(|k| tokens.get(k).is_some_and(|t| t.deprel.base() == "case"));
        if let (true, Some(t)) = (prepositional, tokens.get_mut(c)) {
            t.head = lost as u32 + 1;
            t.deprel = Deprel::new("obl");
        }
    }
    if let Some(t) = tokens.get_mut(lost) {
        t.head = verb as u32 + 1;
        t.deprel = Deprel::new("ccomp");
        t.upos = Upos::Verb;
        t.xpos = "VBD".into();
    }
    if let Some(t) = tokens.get_mut(actor) {
        t.head = lost as u32 + 1;
        t.deprel = Deprel::new("nsubj");
    }
    if let Some(t) = tokens.get_mut(first) {
        t.head = lost as u32 + 1;
        t.deprel = Deprel::new("obj");
    }
}

/// "Japanese Foreign Minister Fumio Kishida met ...": the parser may root the sentence at the
/// title and hang the verb on it, with the name as the verb's subject. The verb is the root, and
/// the title describes the name.
fn raise_verbs_under_titles(tokens: &mut [Token]) {
    let Some(title) = tokens.iter().position(|t| t.head == 0) else {
        return;
    };
    if !tokens
        .get(title)
        .is_some_and(|t| matches!(t.upos, Upos::Noun | Upos::Propn))
    {
        return;
    }
    let name = title + 1;
    let Some(verb) = head(tokens, name).filter(|&v| v > name) else {
        return;
    };
    let fits = tokens
        .get(name)
        .is_some_and(|t| t.upos == Upos::Propn && t.deprel.base() == "nsubj")
        && head(tokens, verb) == Some(title)
        && tokens.get(verb).is_some_and(|t| t.upos == Upos::Verb);
    if !fits {
        return;
    }
    if let Some(t) = tokens.get_mut(verb) {
        t.head = 0;
        t.deprel = Deprel::new("root");
    }
    if let Some(t) = tokens.get_mut(title) {
        t.head = name as u32 + 1;
        t.deprel = Deprel::new("nmod:desc");
    }
}

/// Punctuation heads nothing in Universal Dependencies: a word the parser hung on a punctuation
/// mark goes to that mark's head, as its object when it was parsed as a subject after a verb
/// that has none.
fn lower_punctuation_heads(tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        let Some(mark) = head(tokens, i) else {
            continue;
        };
        if tokens.get(mark).is_none_or(|t| t.upos != Upos::Punct) {
            continue;
        }
        let Some(above) = head(tokens, mark) else {
            continue;
        };
        if dominates(tokens, i, above) {
            continue;
        }
        let after_verb = above < i && tokens.get(above).is_some_and(|t| t.upos == Upos::Verb);
        let subject = tokens.get(i).is_some_and(|t| t.deprel.base() == "nsubj");
        let has_object = children(tokens, above)
            .into_iter()
            .any(|c| tokens.get(c).is_some_and(|t| t.deprel.base() == "obj"));
        if let Some(t) = tokens.get_mut(i) {
            t.head = above as u32 + 1;
            if subject && after_verb && !has_object {
                t.deprel = Deprel::new("obj");
            }
        }
    }
}

/// The tokenizer splits "Byung-se" into `Byung`, `-`, `se`; when the parser hangs the last part
/// outside the name (`se` as an apposition of `Yun`), the name's phrase loses it. A name part glued
/// to a proper noun by a hyphen, with no spaces, stays in that proper noun's phrase.
fn join_hyphenated_names(tokens: &mut [Token]) {
    for hyphen in 1..tokens.len().saturating_sub(1) {
        let left = hyphen - 1;
        let right = hyphen + 1;
        let glued = tokens
            .get(left)
            .is_some_and(|t| !t.space_after && t.upos == Upos::Propn)
            && tokens
                .get(hyphen)
                .is_some_and(|t| !t.space_after && t.form == "-");
        if !glued || head(tokens, right) == Some(left) || dominates(tokens, right, left) {
            continue;
        }
        // Only a part that hangs outside the name: as an apposition, a conjunct, or on a word
        // beyond it.
        let outside = tokens
            .get(right)
            .is_some_and(|t| matches!(t.deprel.base(), "appos" | "conj" | "dep" | "list"));
        if !outside || dominates(tokens, right, left) {
            continue;
        }
        if let Some(t) = tokens.get_mut(right) {
            t.head = left as u32 + 1;
            t.deprel = Deprel::new("flat");
        }
        if let Some(t) = tokens.get_mut(hyphen) {
            t.head = right as u32 + 1;
            t.deprel = Deprel::new("punct");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Range;

    /// Tokens from `(form, upos, head, deprel)` rows.
    fn tokens(rows: &[(&str, Upos, u32, &str)]) -> Vec<Token> {
        rows.iter()
            .map(|&(form, upos, head, rel)| {
                let mut t = Token::new(form).with_upos(upos);
                t.head = head;
                t.deprel = Deprel::new(rel);
                t
            })
            .collect()
    }

    fn heads(tokens: &[Token]) -> Vec<(u32, &str)> {
        tokens.iter().map(|t| (t.head, t.deprel.as_str())).collect()
    }

    /// [`heads`] as owned values, to compare a sentence before and after a repair.
    fn owned_heads(tokens: &[Token]) -> Vec<(u32, String)> {
        tokens
            .iter()
            .map(|t| (t.head, t.deprel.as_str().to_string()))
            .collect()
    }

    #[test]
    fn a_name_split_by_a_conjunction_is_joined() {
        use Upos::*;
        let mut t = tokens(&[
            ("Barack", Propn, 7, "nsubj"),
            ("Obama", Propn, 1, "flat"),
            ("and", Cconj, 4, "cc"),
            ("Vladimir", Propn, 1, "conj"),
            ("Putin", Propn, 1, "flat"),
            ("will", Aux, 7, "aux"),
            ("meet", Verb, 0, "root"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(t[4].head, 4);
        assert_eq!(t[1].head, 1);
    }

    #[test]
    fn a_weekday_glued_to_a_name_goes_to_the_verb() {
        use Upos::*;
        let mut t = tokens(&[
            ("Iraq", Propn, 2, "nsubj"),
            ("met", Verb, 0, "root"),
            ("Bashar", Propn, 2, "obj"),
            ("Assad", Propn, 3, "flat"),
            ("Tuesday", Propn, 3, "flat"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[4], (2, "obl:unmarked"));
        assert_eq!(heads(&t)[3], (3, "flat"));
        // "Tuesday talks": a weekday before its head is a real compound.
        let mut t = tokens(&[
            ("Tuesday", Propn, 2, "compound"),
            ("talks", Noun, 3, "nsubj"),
            ("failed", Verb, 0, "root"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[0], (2, "compound"));
    }

    #[test]
    fn a_reduced_relative_is_not_the_main_clause() {
        use Upos::*;
        let mut t = tokens(&[
            ("The", Det, 2, "det"),
            ("civilians", Noun, 3, "nsubj"),
            ("imprisoned", Verb, 0, "root"),
            ("for", Sconj, 5, "mark"),
            ("acting", Verb, 3, "advcl"),
            ("were", Aux, 7, "aux:pass"),
            ("released", Verb, 3, "ccomp"),
            (".", Punct, 3, "punct"),
        ]);
        t[2].xpos = "VBD".into();
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            t[2].xpos, "VBN",
            "a reduced relative's verb is a participle"
        );
        assert_eq!(
            heads(&t),
            [
                (2, "det"),
                (7, "nsubj:pass"),
                (2, "acl"),
                (5, "mark"),
                (3, "advcl"),
                (7, "aux:pass"),
                (0, "root"),
                (7, "punct")
            ]
        );
        // "He said they were released": the complement has a subject.
        let mut t = tokens(&[
            ("He", Pron, 2, "nsubj"),
            ("said", Verb, 0, "root"),
            ("they", Pron, 5, "nsubj:pass"),
            ("were", Aux, 5, "aux:pass"),
            ("released", Verb, 2, "ccomp"),
        ]);
        t[1].xpos = "VBD".into();
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[1], (0, "root"));
    }

    #[test]
    fn a_day_between_subject_and_verb_does_not_cut_them_apart() {
        use Upos::*;
        let mut t = tokens(&[
            ("Israel", Propn, 0, "root"),
            ("on", Adp, 3, "case"),
            ("Wednesday", Propn, 1, "nmod"),
            ("released", Verb, 7, "advcl"),
            ("prisoners", Noun, 4, "obj"),
            (",", Punct, 7, "punct"),
            ("said", Verb, 1, "dep"),
        ]);
        t[3].xpos = "VBD".into();
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[3], (0, "root"));
        assert_eq!(heads(&t)[0], (4, "nsubj"));
        assert_eq!(heads(&t)[2], (4, "obl"));
    }

    #[test]
    fn a_closing_attribution_is_a_verb_on_the_main_clause() {
        use Upos::*;
        let mut t = tokens(&[
            ("Iraq", Propn, 2, "nsubj"),
            ("met", Verb, 0, "root"),
            ("militants", Noun, 2, "obj"),
            (",", Punct, 5, "punct"),
            ("Reuters", Noun, 3, "conj"),
            ("reports", Noun, 3, "conj"),
            (".", Punct, 2, "punct"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            heads(&t),
            [
                (2, "nsubj"),
                (0, "root"),
                (2, "obj"),
                (6, "punct"),
                (6, "nsubj"),
                (2, "parataxis"),
                (2, "punct")
            ]
        );
        assert_eq!(t[5].upos, Verb);
    }

    fn glued(mut t: Vec<Token>, glued_to_next: &[usize]) -> Vec<Token> {
        for &i in glued_to_next {
            t[i].space_after = false;
        }
        t
    }

    #[test]
    fn a_glued_participle_read_as_the_root_describes_the_phrase_after_it() {
        use Upos::*;
        // "Iran-backed Houthi rebels fired missiles"
        let mut t = glued(
            tokens(&[
                ("Iran", Propn, 3, "obl:unmarked"),
                ("-", Punct, 1, "punct"),
                ("backed", Verb, 0, "root"),
                ("Houthi", Propn, 5, "compound"),
                ("rebels", Noun, 6, "nsubj"),
                ("fired", Verb, 3, "ccomp"),
                ("missiles", Noun, 6, "obj"),
                (".", Punct, 3, "punct"),
            ]),
            &[0, 1],
        );
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            heads(&t),
            [
                (3, "compound"),
                (3, "punct"),
                (5, "amod"),
                (5, "compound"),
                (6, "nsubj"),
                (0, "root"),
                (6, "obj"),
                (6, "punct")
            ]
        );
        // "Rebel-held Aleppo was shelled", rooted at the word before the hyphen.
        let mut t = glued(
            tokens(&[
                ("Rebel", Propn, 0, "root"),
                ("-", Punct, 3, "punct"),
                ("held", Noun, 1, "parataxis"),
                ("Aleppo", Propn, 6, "nsubj:pass"),
                ("was", Aux, 6, "aux:pass"),
                ("shelled", Verb, 1, "dep"),
                (".", Punct, 6, "punct"),
            ]),
            &[0, 1],
        );
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[2], (4, "amod"));
        assert_eq!(heads(&t)[5], (0, "root"));
        assert_eq!(heads(&t)[0], (3, "compound"));
        // With spaces around the dash it is no compound word: left as parsed.
        let rows = [
            ("Iran", Propn, 0, "root"),
            ("-", Punct, 1, "punct"),
            ("backed", Verb, 1, "parataxis"),
            ("rebels", Noun, 3, "obj"),
        ];
        let mut t = tokens(&rows);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t), heads(&tokens(&rows)));
    }

    #[test]
    fn a_known_name_is_tagged_and_joined_into_one_phrase() {
        use Upos::*;
        // "Papua New Guinea" read as `Papua` with `Guinea` its object.
        let mut t = tokens(&[
            ("Papua", Propn, 0, "root"),
            ("New", Adj, 3, "amod"),
            ("Guinea", Propn, 1, "obj"),
        ]);
        tag_names(&mut t, &[Range { start: 0, end: 3 }]);
        assert_eq!(t[1].upos, Propn);
        join_names(&mut t, &[Range { start: 0, end: 3 }]);
        assert_eq!(heads(&t), [(0, "root"), (3, "amod"), (1, "flat")]);
        // "Recep Tayyip Erdogan met Putin", with `Recep` read as the root verb.
        let mut t = tokens(&[
            ("Recep", Verb, 0, "root"),
            ("Tayyip", Propn, 4, "nsubj"),
            ("Erdogan", Propn, 2, "flat"),
            ("met", Verb, 1, "dep"),
            ("Putin", Propn, 4, "obj"),
        ]);
        tag_names(&mut t, &[Range { start: 0, end: 3 }]);
        assert_eq!(t[0].upos, Propn);
        // Function words keep their tags.
        let mut f = tokens(&[("Organisation", Noun, 0, "root"), ("of", Adp, 3, "case")]);
        tag_names(&mut f, &[Range { start: 0, end: 2 }]);
        assert_eq!(f[1].upos, Adp);
        // The highest word of the span heads it; the others join it.
        join_names(&mut t, &[Range { start: 0, end: 3 }]);
        assert!(is_tree(&t));
        assert_eq!(heads(&t)[1], (1, "flat"));
        assert_eq!(heads(&t)[2], (2, "flat"));
    }

    #[test]
    fn a_subjectless_speech_verb_takes_the_phrase_before_it_as_its_subject() {
        use Upos::*;
        let rows = [
            ("India", Propn, 2, "nsubj"),
            ("agreed", Verb, 0, "root"),
            ("to", Part, 4, "mark"),
            ("resume", Verb, 2, "xcomp"),
            ("talks", Noun, 4, "obj"),
            (",", Punct, 7, "punct"),
            ("officials", Noun, 4, "obl"),
            ("from", Adp, 9, "case"),
            ("Pakistan", Propn, 7, "nmod"),
            ("said", Verb, 2, "conj"),
            (".", Punct, 2, "punct"),
        ];
        let mut t = tokens(&rows);
        for (token, lemma) in t.iter_mut().zip([
            "India", "agree", "to", "resume", "talk", ",", "official", "from", "Pakistan", "say",
            ".",
        ]) {
            token.lemma = lemma.into();
        }
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[5], (10, "punct"));
        assert_eq!(heads(&t)[6], (10, "nsubj"));
        assert_eq!(heads(&t)[9], (2, "parataxis"));
        // A coordinated verb with its own conjunction ("... and said") is left alone.
        let mut t = tokens(&rows);
        for (token, lemma) in t.iter_mut().zip([
            "India", "agree", "to", "resume", "talk", ",", "official", "and", "Pakistan", "say",
            ".",
        ]) {
            token.lemma = lemma.into();
        }
        t[7].form = "and".into();
        t[7].upos = Cconj;
        t[7].head = 10;
        t[7].deprel = Deprel::new("cc");
        t[8].head = 4;
        t[8].deprel = Deprel::new("obj");
        let before = owned_heads(&t);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        let after = owned_heads(&t);
        assert_eq!(before, after);
    }

    #[test]
    fn a_reported_verb_read_as_a_participle_on_the_first_subject_is_the_clause() {
        use Upos::*;
        let mut t = tokens(&[
            ("drones", Noun, 7, "nsubj"),
            ("struck", Verb, 1, "acl"),
            ("a", Det, 4, "det"),
            ("refinery", Noun, 2, "obj"),
            (",", Punct, 1, "punct"),
            ("officials", Noun, 7, "nsubj"),
            ("said", Verb, 0, "root"),
            (".", Punct, 7, "punct"),
        ]);
        t[1].xpos = "VBN".into();
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[0], (2, "nsubj"));
        assert_eq!(heads(&t)[1], (7, "ccomp"));
        assert_eq!(heads(&t)[3], (2, "obj"));
        assert_eq!(heads(&t)[5], (7, "nsubj"));
    }

    #[test]
    fn a_reported_clause_gets_back_the_verb_tagged_as_an_adjective() {
        use Upos::*;
        let mut t = tokens(&[
            ("rebels", Noun, 4, "compound"),
            ("engaged", Adj, 4, "amod"),
            ("Filipino", Propn, 4, "compound"),
            ("peacekeepers", Noun, 10, "nsubj"),
            ("in", Adp, 7, "case"),
            ("a", Det, 7, "det"),
            ("firefight", Noun, 4, "nmod"),
            (",", Punct, 9, "punct"),
            ("officials", Noun, 10, "nsubj"),
            ("said", Verb, 0, "root"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[1], (10, "ccomp"));
        assert_eq!(heads(&t)[0], (2, "nsubj"));
        assert_eq!(heads(&t)[3], (2, "obj"));
        assert_eq!(heads(&t)[6], (2, "obl"));
        assert_eq!(t[1].upos, Verb);
        // "Exiled opposition leaders, officials said": no noun before the `-ed` word.
        let mut t = tokens(&[
            ("exiled", Adj, 3, "amod"),
            ("opposition", Noun, 3, "compound"),
            ("leaders", Noun, 6, "nsubj"),
            (",", Punct, 5, "punct"),
            ("officials", Noun, 6, "nsubj"),
            ("said", Verb, 0, "root"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[0], (3, "amod"));
    }

    #[test]
    fn a_lead_rooted_at_a_title_is_rooted_at_its_verb() {
        use Upos::*;
        let mut t = tokens(&[
            ("Foreign", Adj, 2, "amod"),
            ("Minister", Propn, 0, "root"),
            ("Fumio", Propn, 5, "nsubj"),
            ("Kishida", Propn, 3, "flat"),
            ("met", Verb, 2, "dep"),
            ("Sergei", Propn, 8, "nsubj"),
            ("Lavrov", Propn, 6, "flat"),
            (".", Punct, 5, "punct"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            heads(&t),
            [
                (2, "amod"),
                (3, "nmod:desc"),
                (5, "nsubj"),
                (3, "flat"),
                (0, "root"),
                (5, "obj"),
                (6, "flat"),
                (5, "punct")
            ]
        );
    }

    #[test]
    fn a_hyphenated_name_stays_whole() {
        use Upos::*;
        let mut t = tokens(&[
            ("Yun", Propn, 5, "nsubj"),
            ("Byung", Propn, 1, "flat"),
            ("-", Punct, 4, "punct"),
            ("se", Noun, 1, "appos"),
            ("urged", Verb, 0, "root"),
        ]);
        t[1].space_after = false;
        t[2].space_after = false;
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[3], (2, "flat"));
        assert_eq!(heads(&t)[2], (4, "punct"));
        // With spaces around the dash it is punctuation between phrases.
        let mut t = tokens(&[
            ("Yun", Propn, 5, "nsubj"),
            ("Byung", Propn, 1, "flat"),
            ("-", Punct, 4, "punct"),
            ("se", Noun, 1, "appos"),
            ("urged", Verb, 0, "root"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[3], (1, "appos"));
    }

    #[test]
    fn an_of_phrase_is_not_a_second_subject() {
        use Upos::*;
        let mut t = tokens(&[
            ("The", Det, 3, "det"),
            ("US", Propn, 3, "compound"),
            ("Secretary", Propn, 6, "nsubj"),
            ("of", Adp, 6, "case"),
            ("state", Noun, 6, "nsubj"),
            ("wants", Verb, 0, "root"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[4], (3, "nmod"));
        assert_eq!(heads(&t)[3], (5, "case"));
        assert_eq!(heads(&t)[2], (6, "nsubj"));
    }

    #[test]
    fn a_verb_with_an_auxiliary_is_not_a_modifier() {
        use Upos::*;
        let mut t = tokens(&[
            ("Shabab", Propn, 4, "nsubj"),
            ("is", Aux, 3, "aux"),
            ("claiming", Verb, 4, "amod"),
            ("responsibility", Noun, 0, "root"),
            (".", Punct, 4, "punct"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            heads(&t),
            [
                (3, "nsubj"),
                (3, "aux"),
                (0, "root"),
                (3, "obj"),
                (4, "punct")
            ]
        );
    }

    #[test]
    fn a_verb_read_as_a_relative_clause_on_the_first_subject_is_the_root() {
        use Upos::*;
        // "Minister Kishida and his counterpart Lavrov agreed ." as the parser reads it.
        let mut t = tokens(&[
            ("Minister", Propn, 0, "root"),
            ("Kishida", Propn, 1, "flat"),
            ("and", Cconj, 6, "cc"),
            ("his", Pron, 5, "nmod:poss"),
            ("counterpart", Noun, 6, "nmod"),
            ("Lavrov", Propn, 7, "nsubj"),
            ("agreed", Verb, 1, "acl:relcl"),
            (".", Punct, 1, "punct"),
        ]);
        if let Some(v) = t.get_mut(6) {
            v.xpos = "VBD".into();
        }
        let mut relative = t.clone();
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[6], (0, "root"));
        assert_eq!(heads(&t)[0], (7, "nsubj"));
        assert_eq!(heads(&t)[5], (1, "conj"));
        assert_eq!(heads(&t)[2], (6, "cc"));
        assert_eq!(heads(&t)[7], (7, "punct"));
        // With a relative word it is a relative clause: "... Lavrov whom he met".
        if let Some(w) = relative.get_mut(3) {
            w.form = "whom".into();
            w.xpos = "WP".into();
            w.head = 7;
        }
        repair(&mut relative, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&relative)[6], (1, "acl:relcl"));
    }

    #[test]
    fn an_article_on_a_verb_heads_its_adjectives_into_an_object() {
        use Upos::*;
        // "sentenced a British national to ten years"
        let mut t = tokens(&[
            ("sentenced", Verb, 0, "root"),
            ("a", Det, 1, "det"),
            ("British", Adj, 1, "amod"),
            ("national", Adj, 1, "amod"),
            ("to", Adp, 6, "case"),
            ("years", Noun, 4, "obl"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[3], (1, "obj"));
        assert_eq!(heads(&t)[1], (4, "det"));
        assert_eq!(heads(&t)[2], (4, "amod"));
        assert_eq!(heads(&t)[5], (1, "obl"));
        assert_eq!(t[3].upos, Noun);
    }

    #[test]
    fn a_name_read_as_two_objects_is_one_name() {
        use Upos::*;
        // "help Papua New Guinea with training"
        let mut t = tokens(&[
            ("help", Verb, 0, "root"),
            ("Papua", Propn, 1, "obj"),
            ("New", Adj, 4, "amod"),
            ("Guinea", Propn, 1, "obj"),
            ("with", Adp, 6, "case"),
            ("training", Noun, 1, "obl"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[1], (4, "compound"));
        assert_eq!(heads(&t)[3], (1, "obj"));
        // The same with `Guinea` read as an object of `Papua`.
        let mut t = tokens(&[
            ("help", Verb, 0, "root"),
            ("Papua", Propn, 1, "obj"),
            ("New", Adj, 4, "amod"),
            ("Guinea", Propn, 2, "obj"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[1], (4, "compound"));
        assert_eq!(heads(&t)[3], (1, "obj"));
        // "gave Gondor money": a double object whose second word is lower-case stays.
        let mut t = tokens(&[
            ("gave", Verb, 0, "root"),
            ("Gondor", Propn, 1, "obj"),
            ("money", Noun, 1, "obj"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[1], (1, "obj"));
    }

    #[test]
    fn a_visiting_guest_is_the_object_of_the_verb_before() {
        use Upos::*;
        // "Xi met visiting Netanyahu in Beijing"
        let mut t = tokens(&[
            ("Xi", Propn, 2, "nsubj"),
            ("met", Verb, 0, "root"),
            ("visiting", Verb, 2, "xcomp"),
            ("Netanyahu", Propn, 3, "obj"),
            ("in", Adp, 6, "case"),
            ("Beijing", Propn, 3, "obl"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[3], (2, "obj"));
        assert_eq!(heads(&t)[2], (4, "amod"));
        assert_eq!(heads(&t)[5], (2, "obl"));
        // "stopped visiting Gaza": a complement, not a guest.
        let mut t = tokens(&[
            ("He", Pron, 2, "nsubj"),
            ("stopped", Verb, 0, "root"),
            ("visiting", Verb, 2, "xcomp"),
            ("Gaza", Propn, 3, "obj"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[2], (2, "xcomp"));
    }

    #[test]
    fn a_clause_after_a_subordinator_gets_its_subject() {
        use Upos::*;
        let mut t = tokens(&[
            ("Erdogan", Propn, 2, "nsubj"),
            ("accused", Verb, 0, "root"),
            ("Germany", Propn, 2, "obj"),
            ("after", Adp, 5, "case"),
            ("countries", Noun, 2, "obl"),
            ("barred", Verb, 2, "conj"),
            ("ministers", Noun, 6, "obj"),
        ]);
        if let Some(v) = t.get_mut(5) {
            v.xpos = "VBD".into();
        }
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[5], (2, "advcl"));
        assert_eq!(heads(&t)[4], (6, "nsubj"));
        assert_eq!(heads(&t)[3], (6, "mark"));
        // "met after the talks ended" is already right and stays so; "left after lunch" has
        // no verb to take.
        let mut t = tokens(&[
            ("He", Pron, 2, "nsubj"),
            ("left", Verb, 0, "root"),
            ("after", Adp, 4, "case"),
            ("lunch", Noun, 2, "obl"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[3], (2, "obl"));
        // "came as the leader prepared to attend", the verb tagged a participle and hung on the
        // main verb: a clause too, its verb now a past tense.
        let mut t = tokens(&[
            ("talks", Noun, 2, "nsubj"),
            ("came", Verb, 0, "root"),
            ("as", Adp, 4, "case"),
            ("leader", Noun, 2, "obl"),
            ("prepared", Verb, 2, "acl"),
            ("to", Part, 7, "mark"),
            ("attend", Verb, 5, "xcomp"),
        ]);
        if let Some(v) = t.get_mut(4) {
            v.xpos = "VBN".into();
        }
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[4], (2, "advcl"));
        assert_eq!(heads(&t)[3], (5, "nsubj"));
        assert_eq!(t[4].xpos, "VBD");
        // With an auxiliary it is a participle and stays one.
        let mut participle = tokens(&[
            ("talks", Noun, 2, "nsubj"),
            ("came", Verb, 0, "root"),
            ("as", Adp, 4, "case"),
            ("leader", Noun, 2, "obl"),
            ("having", Aux, 6, "aux"),
            ("prepared", Verb, 2, "acl"),
        ]);
        if let Some(v) = participle.get_mut(5) {
            v.xpos = "VBN".into();
        }
        repair(&mut participle, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&participle)[5], (2, "acl"));
    }

    #[test]
    fn an_irregular_past_read_as_a_modifier_after_a_hyphenated_participle_is_the_verb() {
        use Upos::*;
        // "The US-led coalition struck targets ." with `struck` a reduced relative.
        let mut t = tokens(&[
            ("The", Det, 5, "det"),
            ("US", Propn, 4, "obl:unmarked"),
            ("-", Punct, 2, "punct"),
            ("led", Verb, 5, "amod"),
            ("coalition", Noun, 0, "root"),
            ("struck", Verb, 5, "acl"),
            ("targets", Noun, 6, "obj"),
            (".", Punct, 5, "punct"),
        ]);
        for (i, tag) in [(3, "VBN"), (5, "VBN")] {
            if let Some(w) = t.get_mut(i) {
                w.xpos = tag.into();
            }
        }
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[5], (0, "root"));
        assert_eq!(heads(&t)[4], (6, "nsubj"));
        assert_eq!(heads(&t)[3], (5, "amod"));
    }

    #[test]
    fn an_adjective_after_a_possessive_before_the_verb_is_the_subject() {
        use Upos::*;
        // "Myanmar 's military bombed rebel positions ." read as one noun phrase.
        let mut t = tokens(&[
            ("Myanmar", Propn, 6, "nmod:poss"),
            ("'s", Part, 1, "case"),
            ("military", Adj, 6, "amod"),
            ("bombed", Verb, 6, "amod"),
            ("rebel", Noun, 6, "compound"),
            ("positions", Noun, 0, "root"),
            (".", Punct, 6, "punct"),
        ]);
        if let Some(p) = t.get_mut(1) {
            p.xpos = "POS".into();
        }
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[3], (0, "root"));
        assert_eq!(heads(&t)[2], (4, "nsubj"));
        assert_eq!(heads(&t)[0], (3, "nmod:poss"));
        assert_eq!(heads(&t)[5], (4, "obj"));
        assert_eq!(t[2].upos, Noun);
    }

    #[test]
    fn a_lone_ed_verb_read_as_an_adjective_is_the_main_verb() {
        use Upos::*;
        // "Qatar proposed talks ." read as one noun phrase.
        let mut t = tokens(&[
            ("Qatar", Propn, 3, "compound"),
            ("proposed", Verb, 3, "amod"),
            ("talks", Noun, 0, "root"),
            (".", Punct, 3, "punct"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            heads(&t),
            [(2, "nsubj"), (0, "root"), (2, "obj"), (2, "punct")]
        );
        // "Ireland and Norway recognised Palestine ." with the verb on the last name.
        let mut t = tokens(&[
            ("Ireland", Propn, 0, "root"),
            ("and", Cconj, 3, "cc"),
            ("Norway", Propn, 1, "conj"),
            ("recognised", Verb, 5, "amod"),
            ("Palestine", Propn, 1, "conj"),
            (".", Punct, 1, "punct"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[3], (0, "root"));
        assert_eq!(heads(&t)[0], (4, "nsubj"));
        assert_eq!(heads(&t)[4], (4, "obj"));
        assert_eq!(heads(&t)[2], (1, "conj"));
        // A caption's reduced passive ("killed in Gaza") stays a phrase.
        let mut t = tokens(&[
            ("Troops", Noun, 0, "root"),
            ("killed", Verb, 1, "acl"),
            ("in", Adp, 4, "case"),
            ("Gaza", Propn, 2, "obl"),
            (".", Punct, 1, "punct"),
        ]);
        let before = owned_heads(&t);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        let after = owned_heads(&t);
        assert_eq!(before, after);
    }

    #[test]
    fn an_ed_adjective_or_intransitive_verb_in_a_verbless_sentence_is_the_verb() {
        use Upos::*;
        // "Militants attacked soldiers ." with `attacked` tagged as an adjective.
        let mut t = tokens(&[
            ("Militants", Noun, 3, "nmod:poss"),
            ("attacked", Adj, 3, "amod"),
            ("soldiers", Noun, 0, "root"),
            (".", Punct, 3, "punct"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            heads(&t),
            [(2, "nsubj"), (0, "root"), (2, "obj"), (2, "punct")]
        );
        assert_eq!(t[1].upos, Verb);
        // "Troops mobilized along the border ." with the verb on the subject.
        let mut t = tokens(&[
            ("Troops", Noun, 0, "root"),
            ("mobilized", Verb, 1, "acl"),
            ("along", Adp, 4, "case"),
            ("border", Noun, 2, "obl"),
            (".", Punct, 1, "punct"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            heads(&t),
            [
                (2, "nsubj"),
                (0, "root"),
                (4, "case"),
                (2, "obl"),
                (2, "punct")
            ]
        );
    }

    #[test]
    fn a_first_name_tagged_as_an_adjective_is_the_subject_of_the_verb_after_it() {
        use Upos::*;
        // "Germany provided aid ." with Germany an adjective and the root.
        let mut t = tokens(&[
            ("Germany", Adj, 0, "root"),
            ("provided", Verb, 1, "dep"),
            ("aid", Noun, 2, "obj"),
            (".", Punct, 2, "punct"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            heads(&t),
            [(2, "nsubj"), (0, "root"), (2, "obj"), (2, "punct")]
        );
        assert_eq!(t[0].upos, Propn);
    }

    #[test]
    fn a_name_tagged_as_an_auxiliary_is_the_subject() {
        use Upos::*;
        let mut t = tokens(&[
            ("Beijing", Aux, 2, "aux:pass"),
            ("denounced", Verb, 0, "root"),
            ("Japan", Propn, 2, "obj"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[0], (2, "nsubj"));
        assert_eq!(t[0].upos, Propn);
        // A real auxiliary stays one.
        let mut t = tokens(&[("Was", Aux, 2, "aux:pass"), ("denounced", Verb, 0, "root")]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(t[0].upos, Aux);
    }

    #[test]
    fn a_title_read_as_a_second_subject_joins_the_name() {
        use Upos::*;
        let mut t = tokens(&[
            ("Defense", Propn, 5, "nsubj"),
            ("Minister", Propn, 1, "flat"),
            ("Tomomi", Propn, 5, "nsubj"),
            ("Inada", Propn, 3, "flat"),
            ("met", Verb, 0, "root"),
            ("Shoigu", Propn, 5, "obj"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[0], (3, "compound"));
        assert_eq!(heads(&t)[2], (5, "nsubj"));
    }

    #[test]
    fn two_subjects_joined_by_and_become_one_coordination() {
        use Upos::*;
        let mut t = tokens(&[
            ("The", Det, 2, "det"),
            ("US", Propn, 8, "nsubj"),
            (",", Punct, 4, "punct"),
            ("Russia", Propn, 2, "conj"),
            (",", Punct, 8, "punct"),
            ("and", Cconj, 8, "cc"),
            ("Switzerland", Propn, 8, "nsubj"),
            ("met", Verb, 0, "root"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[6], (2, "conj"));
        assert_eq!(heads(&t)[5], (7, "cc"));
        assert_eq!(heads(&t)[4], (7, "punct"));
        // A subject and the subject of a second clause are left alone.
        let mut t = tokens(&[
            ("He", Pron, 2, "nsubj"),
            ("said", Verb, 0, "root"),
            ("she", Pron, 2, "nsubj"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[2], (2, "nsubj"));
    }
}
