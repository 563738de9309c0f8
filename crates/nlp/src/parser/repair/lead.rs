//! Two repairs on the whole sentence: a subject cut off by a date ("China on Tuesday urged") and a
//! torn hyphenated modifier ("Russian-backed").
//!
//! A lead often puts a time phrase between the subject and its verb: "China on Tuesday urged
//! Japan to stop", "Russia on Monday condemned new sanctions, Ryabkov said". Statistical parsers
//! trained on other genres read the subject as the root of the sentence and hang the verb off it
//! (`dep`), sometimes with the day as the verb's subject. Nothing then codes the verb's source. The
//! repair is deliberately narrow: it applies only when the root is a noun or name without a copula,
//! one of its dependents is a verb, and a verb after the noun (that verb or one in its subtree)
//! has no subject or only a day or month for one. It then makes the noun that verb's subject, the
//! day an oblique of it, and the verb hanging off the noun the root. A parse without this shape is
//! returned unchanged, so a caller's good parse codes exactly as before.
//!
//! "Russian-backed separatists" is often parsed with "Russian" as a phrase of its own (an object
//! of the verb), so the separatists' backer becomes a target. When a word, a hyphen and a
//! participle modifying a noun are written together, [`hyphenated_modifier`] puts the word back
//! under the participle, where the coder reads it as the backer rather than the phrase's actor.

/// The sentence with every repair this module knows applied, or `None` when none applied.
#[cfg(test)]
pub(crate) fn parse(sentence: &Sentence) -> Option<Sentence> {
    match hyphenated_modifier(sentence) {
        Some(repaired) => Some(lead_subject(&repaired).unwrap_or(repaired)),
        None => lead_subject(sentence),
    }
}

/// Reattaches "Russian" in "Russian-backed separatists" to the participle; `None` when the
/// sentence has no torn hyphenated modifier.
pub(crate) fn hyphenated_modifier(sentence: &Sentence) -> Option<Sentence> {
    let tokens = &sentence.tokens;
    let mut repaired: Option<Sentence> = None;
    for (i, window) in tokens.windows(3).enumerate() {
        let [word, hyphen, participle] = window else {
            continue;
        };
        let participle_id = i as u32 + 3;
        let written_together = !word.space_after && hyphen.form == "-" && !hyphen.space_after;
        let torn = participle.upos == Upos::Verb
            && participle.deprel.base() == "amod"
            && word.head != participle_id
            && matches!(word.upos, Upos::Propn | Upos::Noun | Upos::Adj);
        if !(written_together && torn) {
            continue;
        }
        let out = repaired.get_or_insert_with(|| sentence.clone());
        for (offset, deprel) in [(0, "obl"), (1, "punct")] {
            if let Some(t) = out.tokens.get_mut(i + offset) {
                t.head = participle_id;
                t.deprel = Deprel::new(deprel);
            }
        }
    }
    repaired
}

use petrel_core::{Deprel, Sentence, Upos};

/// Words naming a time that a parser may take for a subject.
fn temporal(word: &str) -> bool {
    const WORDS: [&str; 5] = ["yesterday", "today", "tonight", "weekend", "week"];
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
        || petrel_core::calendar::is_weekday_name(word)
        || petrel_core::calendar::is_month_name(word)
}

fn is_subject(deprel: &Deprel) -> bool {
    matches!(deprel.base(), "nsubj" | "csubj")
}

/// The sentence with its lead subject reattached, or `None` when the parse has not the shape this
/// repair knows.
pub(crate) fn lead_subject(sentence: &Sentence) -> Option<Sentence> {
    let tokens = &sentence.tokens;
    let count = u32::try_from(tokens.len()).ok()?;
    let token = |id: u32| sentence.token(id);
    let mut roots = (1..=count).filter(|&id| token(id).is_some_and(|t| t.head == 0));
    let root = roots.next()?;
    if roots.next().is_some() {
        return None;
    }
    let noun = token(root)?;
    if !matches!(noun.upos, Upos::Propn | Upos::Noun) {
        return None;
    }
    let children: Vec<u32> = sentence.children(root).collect();
    if children
        .iter()
        .any(|&c| token(c).is_some_and(|t| matches!(t.deprel.base(), "cop" | "nsubj")))
    {
        return None;
    }
    // The verb hanging off the noun: it becomes the root.
    let hanging = children.iter().copied().find(|&c| {
        c > root
            && token(c).is_some_and(|t| {
                t.upos == Upos::Verb && matches!(t.deprel.base(), "dep" | "parataxis" | "ccomp")
            })
    })?;
    let dominated_by_hanging = |mut id: u32| {
        for _ in 0..count {
            if id == hanging {
                return true;
            }
            match token(id) {
                Some(t) if t.head != 0 => id = t.head,
                _ => return false,
            }
        }
        false
    };
    // The verb whose subject the noun is: the first verb after it under the hanging verb whose
    // subject slot is empty or holds a day.
    let subject_of = |verb: u32| {
        sentence
            .children(verb)
            .find(|&c| token(c).is_some_and(|t| is_subject(&t.deprel)))
    };
    let verb = (root + 1..=count).find(|&id| {
        token(id).is_some_and(|t| t.upos == Upos::Verb)
            && dominated_by_hanging(id)
            && match subject_of(id) {
                None => true,
                Some(s) => token(s).is_some_and(|t| temporal(&t.form)),
            }
    })?;
    let mut repaired = sentence.clone();
    let set = |s: &mut Sentence, id: u32, head: u32, deprel: &str| {
        if let Some(t) = (id as usize)
            .checked_sub(1)
            .and_then(|i| s.tokens.get_mut(i))
        {
            t.head = head;
            t.deprel = Deprel::new(deprel);
        }
    };
    if let Some(day) = subject_of(verb) {
        set(&mut repaired, day, verb, "obl:tmod");
    }
    // The noun's own time phrase ("Russia on Monday") describes the verb's event.
    for &c in &children {
        let time = token(c).is_some_and(|t| matches!(t.deprel.base(), "nmod" | "obl"))
            && token(c).is_some_and(|t| temporal(&t.form));
        if time && c < verb {
            set(&mut repaired, c, verb, "obl");
        }
    }
    set(&mut repaired, hanging, 0, "root");
    set(&mut repaired, root, verb, "nsubj");
    Some(repaired)
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::Token;
    use petrel_core::Upos::*;

    /// A parsed sentence from `(form, lemma, upos, head, deprel)` rows.
    fn sentence(rows: &[(&str, &str, Upos, u32, &str)]) -> Sentence {
        let mut s = Sentence::default();
        for &(form, lemma, upos, head, deprel) in rows {
            let mut t = Token::new(form).with_upos(upos);
            t.lemma = lemma.to_string();
            t.head = head;
            t.deprel = Deprel::new(deprel);
            s.tokens.push(t);
        }
        s.text = s.detokenized();
        s
    }

    fn heads(s: &Sentence) -> Vec<(u32, String)> {
        s.tokens
            .iter()
            .map(|t| (t.head, t.deprel.as_str().to_string()))
            .collect()
    }

    #[test]
    fn a_day_read_as_the_subject_gives_way_to_the_lead_noun() {
        // "China on Tuesday urged Japan." as petrel's parser read it.
        let s = sentence(&[
            ("China", "China", Propn, 0, "root"),
            ("on", "on", Adp, 3, "case"),
            ("Tuesday", "Tuesday", Propn, 4, "nsubj"),
            ("urged", "urge", Verb, 1, "dep"),
            ("Japan", "Japan", Propn, 4, "iobj"),
            (".", ".", Punct, 4, "punct"),
        ]);
        let repaired = lead_subject(&s).expect("the shape is repaired");
        let want: Vec<(u32, String)> = [
            (4, "nsubj"),
            (3, "case"),
            (4, "obl:tmod"),
            (0, "root"),
            (4, "iobj"),
            (4, "punct"),
        ]
        .iter()
        .map(|(h, d)| (*h, d.to_string()))
        .collect();
        assert_eq!(heads(&repaired), want);
    }

    #[test]
    fn a_reported_lead_keeps_its_verb_of_saying_as_root() {
        // "Russia on Monday condemned sanctions, Ryabkov said."
        let s = sentence(&[
            ("Russia", "Russia", Propn, 0, "root"),
            ("on", "on", Adp, 3, "case"),
            ("Monday", "Monday", Propn, 1, "nmod"),
            ("condemned", "condemn", Verb, 7, "ccomp"),
            ("sanctions", "sanction", Noun, 4, "obj"),
            ("Ryabkov", "Ryabkov", Propn, 7, "nsubj"),
            ("said", "say", Verb, 1, "dep"),
        ]);
        let repaired = lead_subject(&s).expect("the shape is repaired");
        let got = heads(&repaired);
        assert_eq!(got[0], (4, "nsubj".to_string()));
        assert_eq!(got[2], (4, "obl".to_string()));
        assert_eq!(got[6], (0, "root".to_string()));
        assert_eq!(got[3], (7, "ccomp".to_string()));
    }

    #[test]
    fn a_torn_hyphenated_modifier_is_put_back_under_its_participle() {
        // "accused Russian-backed separatists" as petrel's parser read it.
        let mut s = sentence(&[
            ("accused", "accuse", Verb, 0, "root"),
            ("Russian", "Russian", Propn, 1, "obj"),
            ("-", "-", Punct, 2, "punct"),
            ("backed", "back", Verb, 5, "amod"),
            ("separatists", "separatist", Noun, 1, "obj"),
        ]);
        s.tokens[1].space_after = false;
        s.tokens[2].space_after = false;
        let repaired = parse(&s).expect("the modifier is repaired");
        assert_eq!(heads(&repaired)[1], (4, "obl".to_string()));
        assert_eq!(heads(&repaired)[2], (4, "punct".to_string()));
        // Written apart ("Russian - backed"), the words are left as parsed.
        s.tokens[1].space_after = true;
        assert!(hyphenated_modifier(&s).is_none());
    }

    #[test]
    fn good_parses_and_copular_sentences_are_left_alone() {
        let good = sentence(&[
            ("China", "China", Propn, 2, "nsubj"),
            ("urged", "urge", Verb, 0, "root"),
            ("Japan", "Japan", Propn, 2, "obj"),
        ]);
        assert!(lead_subject(&good).is_none());
        // "Kishida, the minister who met Lavrov": a noun root with a relative clause.
        let noun_phrase = sentence(&[
            ("Kishida", "Kishida", Propn, 0, "root"),
            ("who", "who", Pron, 3, "nsubj"),
            ("met", "meet", Verb, 1, "acl:relcl"),
            ("Lavrov", "Lavrov", Propn, 3, "obj"),
        ]);
        assert!(lead_subject(&noun_phrase).is_none());
        let copular = sentence(&[
            ("Japan", "Japan", Propn, 0, "root"),
            ("is", "be", Aux, 1, "cop"),
            ("said", "say", Verb, 1, "dep"),
        ]);
        assert!(lead_subject(&copular).is_none());
    }
}
