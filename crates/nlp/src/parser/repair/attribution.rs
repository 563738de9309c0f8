//! Repairs of attributions: ", Reuters reports." read as nouns, and the subject of ", officials said" hung on the reported clause.

use super::*;

/// A closing attribution and its subject: ", Reuters reports." read as nouns
/// ([`attach_final_attributions`]), and a speech verb without a subject whose subject the parser
/// hung on the reported clause ([`attach_attribution_subjects`]). One repair, run in that order:
/// the second finds the verb the first restored.
pub(super) fn attach_attributions(tokens: &mut [Token]) {
    attach_final_attributions(tokens);
    attach_attribution_subjects(tokens);
}

/// Verbs that close a news sentence with its attribution, in the forms that can be nouns too.
pub(super) const ATTRIBUTION_VERBS: [&str; 6] =
    ["reports", "reported", "says", "said", "claims", "writes"];

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

/// Lemmas of verbs that attribute a report to its source.
pub(super) const SPEECH_LEMMAS: &[&str] = &[
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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

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
        fix("attach_attributions", &mut t);
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
        fix("attach_attributions", &mut t);
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
        fix("attach_attributions", &mut t);
        let after = owned_heads(&t);
        assert_eq!(before, after);
    }

    /// Each repair of this file leaves well-parsed sentences alone.
    #[test]
    fn good_parses_are_left_alone() {
        leaves_good_parses_alone("attach_attributions");
    }
}
