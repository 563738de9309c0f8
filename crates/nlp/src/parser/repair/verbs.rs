//! Repairs of verbs: a finite verb read as a modifier or adjective, a clause after "after" read as a phrase, a reduced relative read as the main clause, a verb under a title, a verb's object read as the subject of the verb conjoined with it.

use super::*;

/// Prepositions after which an `-ed` verb reads as active ("cooperated on", "mobilized along").
pub(super) const ACTIVE_PREPOSITIONS: &[&str] =
    &["on", "with", "along", "over", "across", "toward", "towards"];

/// "Qatar proposed talks between Israel and Hamas.", "Ireland and Norway recognised Palestine.":
/// with no other verb in the sentence, the parser reads the `-ed` verb as an adjective on a noun
/// and the sentence as one noun phrase. In a sentence that ends with a full stop and has no other
/// verb or auxiliary, an `-ed` word right after a nominal (tagged a verb, or an adjective when the
/// sentence has no verb at all) is the main verb when what follows it is a bare nominal (its
/// object), its own object, or a phrase after which verbs read as active ("cooperated on"); the
/// phrase before it is its subject (a capitalized first word tagged as an adjective too:
/// "Germany provided").
pub(super) fn restore_verbs_read_as_modifiers(tokens: &mut [Token]) {
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
    // A modifier of the words after it with a subject of its own is a verb already ("Chinese
    // authorities demolished mosques" read as `authorities` the subject of `demolished`, itself
    // an `amod` of `mosques`).
    let own_subject = head(tokens, subject) == Some(verb)
        && head(tokens, verb) > Some(verb)
        && tokens
            .get(subject)
            .is_some_and(|t| t.deprel.base() == "nsubj");
    if !(nominal(subject) || named_or_possessed)
        || (dominates(tokens, verb, subject) && !own_subject)
    {
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

/// "... after both countries barred Turkish ministers": the parser reads `after both countries` as
/// a prepositional phrase and `barred` as a second verb of the main clause, with the main clause's
/// subject. A subordinator's noun followed at once by a finite verb without a subject is that
/// verb's subject, and the verb an adverbial clause.
pub(super) fn open_clauses_after_subordinators(tokens: &mut [Token]) {
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

/// A verb parsed as a modifier of a noun while it has its own auxiliary ("al-Shabab is claiming
/// responsibility" with `claiming` an `amod` of `responsibility`) heads the clause: it takes the
/// noun's place, and the noun after it becomes its object.
pub(super) fn raise_modifiers_with_auxiliaries(tokens: &mut [Token]) {
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
pub(super) const HOSTING_VERBS: &[&str] = &[
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
pub(super) fn lower_visiting_modifiers(tokens: &mut [Token]) {
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
pub(super) fn lower_reduced_relatives(tokens: &mut [Token]) {
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

/// "Syrian rebels engaged Filipino peacekeepers in a firefight ..., officials said": the tagger
/// reads `engaged` as an adjective, and the parser makes the whole clause a second subject of
/// `said`. When a verb has two subjects with a comma between them, and the first one is modified
/// by an `-ed` word standing between two nouns of its phrase, that word is the reported clause's
/// verb: the noun before it its subject, the phrase's head its object. So is a verb read as a
/// participle on the first subject that has an object ("Ukrainian drones struck an oil refinery
/// ..., officials said"), with that subject its own.
pub(super) fn restore_lost_verbs(tokens: &mut [Token]) {
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
pub(super) fn raise_verbs_under_titles(tokens: &mut [Token]) {
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

/// "The army removed President Mohamed Morsi from power and suspended the constitution": the
/// parser reads `Morsi` as the subject of `suspended` and leaves `removed` without an object. A
/// subject of a conjoined verb that stands between the two verbs, with the conjunction after it,
/// whose phrase starts right after the first verb, is that verb's object when the first verb has
/// a subject and no object of its own; the conjoined verb shares the first one's subject.
pub(super) fn restore_objects_read_as_next_subjects(tokens: &mut [Token]) {
    let transitive = |t: &Token| {
        t.upos == Upos::Verb && matches!(t.xpos.as_str(), "VBD" | "VBZ" | "VBP" | "VBN")
    };
    for second in 0..tokens.len() {
        let Some(first) = head(tokens, second) else {
            continue;
        };
        let conjoined = tokens
            .get(second)
            .is_some_and(|t| t.upos == Upos::Verb && t.deprel.base() == "conj");
        if !conjoined || first >= second || !tokens.get(first).is_some_and(transitive) {
            continue;
        }
        let own = children(tokens, first);
        let has = |rel: &str| {
            own.iter()
                .any(|&c| tokens.get(c).is_some_and(|t| t.deprel.base() == rel))
        };
        if !has("nsubj") || has("obj") || has("ccomp") || has("xcomp") {
            continue;
        }
        let dependents = children(tokens, second);
        let Some(subject) = dependents.iter().copied().find(|&c| {
            c > first
                && c < second
                && tokens
                    .get(c)
                    .is_some_and(|t| t.deprel.base() == "nsubj" && t.upos.is_nominal())
        }) else {
            continue;
        };
        let conjunction = dependents.iter().any(|&c| {
            c > subject
                && c < second
                && tokens
                    .get(c)
                    .is_some_and(|t| t.upos == Upos::Cconj && t.deprel.base() == "cc")
        });
        // The phrase starts right after the first verb: every word between them is the subject's.
        let adjacent = (first + 1..subject).all(|i| dominates(tokens, subject, i));
        let pronoun = tokens
            .get(subject)
            .is_some_and(|t| t.upos == Upos::Pron && !t.form.eq_ignore_ascii_case("it"));
        if !conjunction || !adjacent || pronoun {
            continue;
        }
        attach(tokens, subject, Some(first), "obj");
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn an_object_read_as_the_next_verbs_subject_is_the_object() {
        use Upos::*;
        // "The army removed Morsi from power and suspended the constitution ." as parsed.
        let mut t = tokens(&[
            ("The", Det, 2, "det"),
            ("army", Noun, 3, "nsubj"),
            ("removed", Verb, 0, "root"),
            ("Morsi", Propn, 8, "nsubj"),
            ("from", Adp, 6, "case"),
            ("power", Noun, 4, "nmod"),
            ("and", Cconj, 8, "cc"),
            ("suspended", Verb, 3, "conj"),
            ("the", Det, 10, "det"),
            ("constitution", Noun, 8, "obj"),
            (".", Punct, 3, "punct"),
        ]);
        t[2].xpos = "VBD".into();
        t[7].xpos = "VBD".into();
        let mut own_subject = t.clone();
        fix("restore_objects_read_as_next_subjects", &mut t);
        assert_eq!(heads(&t)[3], (3, "obj"));
        assert_eq!(heads(&t)[7], (3, "conj"));
        // "The army said and Morsi agreed": a first verb with an object of its own keeps it.
        own_subject[3] = Token {
            head: 3,
            deprel: Deprel::new("obj"),
            ..own_subject[3].clone()
        };
        let before = owned_heads(&own_subject);
        fix("restore_objects_read_as_next_subjects", &mut own_subject);
        assert_eq!(owned_heads(&own_subject), before);
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
        fix("lower_reduced_relatives", &mut t);
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
        fix("lower_reduced_relatives", &mut t);
        assert_eq!(heads(&t)[1], (0, "root"));
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
        fix("restore_lost_verbs", &mut t);
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
        fix("restore_lost_verbs", &mut t);
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
        fix("restore_lost_verbs", &mut t);
        assert_eq!(heads(&t)[0], (3, "amod"));
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
        fix("raise_modifiers_with_auxiliaries", &mut t);
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
        fix("lower_visiting_modifiers", &mut t);
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
        fix("lower_visiting_modifiers", &mut t);
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
        fix("open_clauses_after_subordinators", &mut t);
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
        fix("open_clauses_after_subordinators", &mut t);
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
        fix("open_clauses_after_subordinators", &mut t);
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
        fix("open_clauses_after_subordinators", &mut participle);
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
        fix("restore_verbs_read_as_modifiers", &mut t);
        assert_eq!(heads(&t)[5], (0, "root"));
        assert_eq!(heads(&t)[4], (6, "nsubj"));
        assert_eq!(heads(&t)[3], (5, "amod"));
    }
    #[test]
    fn a_modifier_with_its_own_subject_is_the_verb() {
        use Upos::*;
        // "Chinese authorities demolished mosques ." rooted at `mosques`, with `demolished` its
        // modifier and `authorities` the modifier's subject.
        let mut t = tokens(&[
            ("Chinese", Adj, 2, "amod"),
            ("authorities", Noun, 3, "nsubj"),
            ("demolished", Verb, 4, "amod"),
            ("mosques", Noun, 0, "root"),
            (".", Punct, 4, "punct"),
        ]);
        t[2].xpos = "VBD".into();
        fix("restore_verbs_read_as_modifiers", &mut t);
        assert_eq!(
            heads(&t),
            [
                (2, "amod"),
                (3, "nsubj"),
                (0, "root"),
                (3, "obj"),
                (3, "punct")
            ]
        );
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
        fix("restore_verbs_read_as_modifiers", &mut t);
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
        fix("restore_verbs_read_as_modifiers", &mut t);
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
        fix("restore_verbs_read_as_modifiers", &mut t);
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
        fix("restore_verbs_read_as_modifiers", &mut t);
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
        fix("restore_verbs_read_as_modifiers", &mut t);
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
        fix("restore_verbs_read_as_modifiers", &mut t);
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
        fix("restore_verbs_read_as_modifiers", &mut t);
        assert_eq!(
            heads(&t),
            [(2, "nsubj"), (0, "root"), (2, "obj"), (2, "punct")]
        );
        assert_eq!(t[0].upos, Propn);
    }

    /// Each repair of this file leaves well-parsed sentences alone.
    #[test]
    fn good_parses_are_left_alone() {
        for name in [
            "restore_verbs_read_as_modifiers",
            "open_clauses_after_subordinators",
            "raise_modifiers_with_auxiliaries",
            "lower_visiting_modifiers",
            "lower_reduced_relatives",
            "restore_lost_verbs",
            "raise_verbs_under_titles",
        ] {
            leaves_good_parses_alone(name);
        }
    }

    #[test]
    fn a_lead_rooted_at_its_title_is_rooted_at_its_verb() {
        use Upos::*;
        let mut t = tokens(&[
            ("Foreign", Adj, 2, "amod"),
            ("Minister", Propn, 0, "root"),
            ("Fumio", Propn, 5, "nsubj"),
            ("Kishida", Propn, 3, "flat"),
            ("met", Verb, 2, "dep"),
            ("Lavrov", Propn, 5, "obj"),
            (".", Punct, 5, "punct"),
        ]);
        fix("raise_verbs_under_titles", &mut t);
        assert_eq!(
            heads(&t),
            [
                (2, "amod"),
                (3, "nmod:desc"),
                (5, "nsubj"),
                (3, "flat"),
                (0, "root"),
                (5, "obj"),
                (5, "punct")
            ]
        );
    }
}
