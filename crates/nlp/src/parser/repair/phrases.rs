//! Repairs of phrase heads: words hung on punctuation, a noun phrase of bare adjectives headed by a
//! verb, a preposition hung on the verb before its noun, and a conjunct read as a modifier.

use super::*;

/// "sentenced a British national to ten years": with `national` tagged an adjective, the parser
/// hangs the article and both adjectives on the verb. An article never depends on a verb: the
/// adjectives right after it, hanging on the same verb, are a noun phrase whose last word is its
/// head (a noun used as such), and that phrase is the verb's object. Whatever hung on the last
/// adjective ("to ten years") goes back to the verb.
pub(super) fn head_phrases_of_bare_adjectives(tokens: &mut [Token]) {
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

/// Punctuation heads nothing in Universal Dependencies: a word the parser hung on a punctuation
/// mark goes to that mark's head, as its object when it was parsed as a subject after a verb
/// that has none.
pub(super) fn lower_punctuation_heads(tokens: &mut [Token]) {
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

/// "imposed sanctions on Belarusian President Alexander Lukashenko": the parser hangs `on` on
/// the verb and reads the name after it as a second subject. A preposition (`case`) never depends
/// on a verb before it in Universal Dependencies (none does in the EWT and GUM dev sets): it marks
/// the noun phrase that follows. When that phrase's head hangs on the same verb, the preposition
/// goes to it and the phrase becomes the verb's oblique.
pub(super) fn attach_stranded_prepositions(tokens: &mut [Token]) {
    const NOMINAL: [Upos; 4] = [Upos::Noun, Upos::Propn, Upos::Pron, Upos::Num];
    for a in 0..tokens.len() {
        let Some(verb) = head(tokens, a) else {
            continue;
        };
        let stranded = tokens.get(a).is_some_and(|t| t.deprel.base() == "case")
            && verb < a
            && tokens.get(verb).is_some_and(|t| t.upos == Upos::Verb);
        if !stranded {
            continue;
        }
        // The first nominal word after the preposition, within a short phrase.
        let Some(mut noun) = (a + 1..tokens.len().min(a + 8))
            .take_while(|&i| {
                tokens.get(i).is_some_and(|t| {
                    !matches!(
                        t.upos,
                        Upos::Verb
                            | Upos::Aux
                            | Upos::Punct
                            | Upos::Adp
                            | Upos::Sconj
                            | Upos::Cconj
                    )
                })
            })
            .find(|&i| tokens.get(i).is_some_and(|t| NOMINAL.contains(&t.upos)))
        else {
            continue;
        };
        // Up to the head of its phrase: nominal heads after the preposition.
        for _ in 0..8 {
            match head(tokens, noun) {
                Some(h) if h > a && tokens.get(h).is_some_and(|t| NOMINAL.contains(&t.upos)) => {
                    noun = h;
                }
                _ => break,
            }
        }
        if head(tokens, noun) != Some(verb) {
            continue;
        }
        attach(tokens, a, Some(noun), "case");
        attach(tokens, noun, Some(verb), "obl");
    }
}

/// "Colombia's government and FARC rebels signed": the parser hangs `rebels`, with its `and`,
/// on `government` as an `nmod`. A plain `nmod` takes a preposition; one with none and a
/// coordinating conjunction before it is a conjunct.
pub(super) fn relabel_conjuncts_read_as_modifiers(tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        let nominal = tokens
            .get(i)
            .is_some_and(|t| t.deprel.as_str() == "nmod" && t.upos.is_nominal());
        let Some(h) = head(tokens, i).filter(|&h| h < i) else {
            continue;
        };
        if !nominal {
            continue;
        }
        let case = children(tokens, i)
            .iter()
            .any(|&c| tokens.get(c).is_some_and(|t| t.deprel.base() == "case"));
        // The phrase's first word, wherever the parser hung it ("and FARC rebels": on `FARC`).
        let first = (h + 1..i).find(|&w| dominates(tokens, i, w)).unwrap_or(i);
        let cc = tokens
            .get(first)
            .is_some_and(|t| t.upos == Upos::Cconj && t.deprel.base() == "cc");
        let head_nominal = tokens.get(h).is_some_and(|t| t.upos.is_nominal());
        if !case && cc && head_nominal {
            attach(tokens, i, Some(h), "conj");
            attach(tokens, first, Some(i), "cc");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn a_conjunct_read_as_a_modifier_is_a_conjunct() {
        use Upos::*;
        // "Colombia 's government and FARC rebels signed" with `rebels` an nmod of `government`.
        let mut t = tokens(&[
            ("Colombia", Propn, 3, "nmod:poss"),
            ("'s", Part, 1, "case"),
            ("government", Noun, 7, "nsubj"),
            ("and", Cconj, 5, "cc"),
            ("FARC", Propn, 6, "compound"),
            ("rebels", Noun, 3, "nmod"),
            ("signed", Verb, 0, "root"),
        ]);
        fix("relabel_conjuncts_read_as_modifiers", &mut t);
        assert_eq!(heads(&t)[5], (3, "conj"));
        assert_eq!(heads(&t)[3], (6, "cc"));
        // "the government of Colombia" keeps its nmod.
        let mut t = tokens(&[
            ("the", Det, 2, "det"),
            ("government", Noun, 5, "nsubj"),
            ("of", Adp, 4, "case"),
            ("Colombia", Propn, 2, "nmod"),
            ("signed", Verb, 0, "root"),
        ]);
        fix("relabel_conjuncts_read_as_modifiers", &mut t);
        assert_eq!(heads(&t)[3], (2, "nmod"));
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
        fix("head_phrases_of_bare_adjectives", &mut t);
        assert_eq!(heads(&t)[3], (1, "obj"));
        assert_eq!(heads(&t)[1], (4, "det"));
        assert_eq!(heads(&t)[2], (4, "amod"));
        assert_eq!(heads(&t)[5], (1, "obl"));
        assert_eq!(t[3].upos, Noun);
    }

    #[test]
    fn a_preposition_hung_on_the_verb_goes_to_its_noun() {
        use Upos::*;
        // "Britain imposed sanctions on Belarusian President Alexander Lukashenko ." with `on`
        // on the verb and the name read as a second subject.
        let mut t = tokens(&[
            ("Britain", Propn, 2, "nsubj"),
            ("imposed", Verb, 0, "root"),
            ("sanctions", Noun, 2, "obj"),
            ("on", Adp, 2, "case"),
            ("Belarusian", Adj, 6, "amod"),
            ("President", Propn, 7, "nmod:desc"),
            ("Alexander", Propn, 2, "nsubj"),
            ("Lukashenko", Propn, 7, "flat"),
            (".", Punct, 2, "punct"),
        ]);
        fix("attach_stranded_prepositions", &mut t);
        assert_eq!(heads(&t)[3], (7, "case"));
        assert_eq!(heads(&t)[6], (2, "obl"));
        // A noun that hangs elsewhere ("with 12 taking place") is left alone.
        let mut t = tokens(&[
            ("denounced", Verb, 0, "root"),
            ("detentions", Noun, 1, "obj"),
            ("with", Adp, 1, "case"),
            ("12", Num, 5, "nsubj"),
            ("taking", Verb, 1, "advcl"),
            ("place", Noun, 5, "obj"),
        ]);
        let before = owned_heads(&t);
        fix("attach_stranded_prepositions", &mut t);
        assert_eq!(owned_heads(&t), before);
    }

    /// Each repair of this file leaves well-parsed sentences alone.
    #[test]
    fn good_parses_are_left_alone() {
        for name in [
            "lower_punctuation_heads",
            "head_phrases_of_bare_adjectives",
            "attach_stranded_prepositions",
        ] {
            leaves_good_parses_alone(name);
        }
    }

    #[test]
    fn a_word_hung_on_punctuation_goes_to_the_punctuation_head() {
        use Upos::*;
        // "met Sergei Lavrov ." with `Sergei` read as a subject of the full stop.
        let mut t = tokens(&[
            ("Kishida", Propn, 2, "nsubj"),
            ("met", Verb, 0, "root"),
            ("Sergei", Propn, 5, "nsubj"),
            ("Lavrov", Propn, 3, "flat"),
            (".", Punct, 2, "punct"),
        ]);
        fix("lower_punctuation_heads", &mut t);
        assert_eq!(heads(&t)[2], (2, "obj"));
        // With an object already there, the word keeps its relation and only changes head.
        let mut t = tokens(&[
            ("Kishida", Propn, 2, "nsubj"),
            ("met", Verb, 0, "root"),
            ("Lavrov", Propn, 2, "obj"),
            ("Tuesday", Propn, 5, "obl:unmarked"),
            (".", Punct, 2, "punct"),
        ]);
        fix("lower_punctuation_heads", &mut t);
        assert_eq!(heads(&t)[3], (2, "obl:unmarked"));
    }
}
