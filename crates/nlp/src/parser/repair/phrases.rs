//! Repairs of phrase heads: words hung on punctuation, and a noun phrase of bare adjectives headed by a verb.

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
