//! Repairs of names: a name split across "and" or read as two objects, a title torn from its name, a name tagged as an auxiliary; and the name spans a caller gives.

use super::*;

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

/// A name the parser split in two: across a conjunction ("Barack Obama and Vladimir Putin",
/// [`join_names_split_by_conjunctions`]) or into two objects ("help Papua New Guinea",
/// [`join_names_read_as_two_objects`]). One repair, since both mend the arcs inside a run of
/// proper nouns and neither undoes the other.
pub(super) fn join_split_names(tokens: &mut [Token]) {
    join_names_split_by_conjunctions(tokens);
    join_names_read_as_two_objects(tokens);
}

/// A `flat` name part whose head is not the first word of the run of proper nouns right before
/// it (`Barack Obama and Vladimir Putin`: `Putin` on `Barack`) goes to that first word.
fn join_names_split_by_conjunctions(tokens: &mut [Token]) {
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

/// The words that can be English auxiliaries.
pub(super) const AUXILIARIES: &[&str] = &[
    "be", "am", "is", "are", "was", "were", "been", "being", "'s", "'re", "'m", "s", "have", "has",
    "had", "having", "'ve", "'d", "do", "does", "did", "will", "would", "shall", "should", "can",
    "could", "may", "might", "must", "ought", "wo", "ca", "'ll", "need", "dare", "get", "got",
    "gets", "getting", "going", "gon", "to", "let", "ai", "used",
];

/// "Beijing denounced Japan": the tagger sometimes reads a capitalized name before a verb as an
/// auxiliary. A word tagged AUX that no English auxiliary is spelled like, capitalized, is a name:
/// the subject of its verb when that verb has none.
pub(super) fn name_false_auxiliaries(tokens: &mut [Token]) {
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

/// "Defense Minister Tomomi Inada met ...": the parser gives the verb two subjects, the title and
/// the name. A subject phrase of proper nouns that ends right where a second, named subject begins
/// is the name's title: it becomes a compound of the name, as UD writes "President Obama".
pub(super) fn join_titles_to_names(tokens: &mut [Token]) {
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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use std::ops::Range;

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
        fix("join_split_names", &mut t);
        assert_eq!(t[4].head, 4);
        assert_eq!(t[1].head, 1);
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
        fix("join_split_names", &mut t);
        assert_eq!(heads(&t)[1], (4, "compound"));
        assert_eq!(heads(&t)[3], (1, "obj"));
        // The same with `Guinea` read as an object of `Papua`.
        let mut t = tokens(&[
            ("help", Verb, 0, "root"),
            ("Papua", Propn, 1, "obj"),
            ("New", Adj, 4, "amod"),
            ("Guinea", Propn, 2, "obj"),
        ]);
        fix("join_split_names", &mut t);
        assert_eq!(heads(&t)[1], (4, "compound"));
        assert_eq!(heads(&t)[3], (1, "obj"));
        // "gave Gondor money": a double object whose second word is lower-case stays.
        let mut t = tokens(&[
            ("gave", Verb, 0, "root"),
            ("Gondor", Propn, 1, "obj"),
            ("money", Noun, 1, "obj"),
        ]);
        fix("join_split_names", &mut t);
        assert_eq!(heads(&t)[1], (1, "obj"));
    }
    #[test]
    fn a_name_tagged_as_an_auxiliary_is_the_subject() {
        use Upos::*;
        let mut t = tokens(&[
            ("Beijing", Aux, 2, "aux:pass"),
            ("denounced", Verb, 0, "root"),
            ("Japan", Propn, 2, "obj"),
        ]);
        fix("name_false_auxiliaries", &mut t);
        assert_eq!(heads(&t)[0], (2, "nsubj"));
        assert_eq!(t[0].upos, Propn);
        // A real auxiliary stays one.
        let mut t = tokens(&[("Was", Aux, 2, "aux:pass"), ("denounced", Verb, 0, "root")]);
        fix("name_false_auxiliaries", &mut t);
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
        fix("join_titles_to_names", &mut t);
        assert_eq!(heads(&t)[0], (3, "compound"));
        assert_eq!(heads(&t)[2], (5, "nsubj"));
    }

    /// Each repair of this file leaves well-parsed sentences alone.
    #[test]
    fn good_parses_are_left_alone() {
        for name in [
            "join_split_names",
            "name_false_auxiliaries",
            "join_titles_to_names",
        ] {
            leaves_good_parses_alone(name);
        }
    }
}
