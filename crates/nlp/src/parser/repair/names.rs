//! Repairs of names: a name split across "and" or read as two objects, a title torn from its name, a name tagged as an auxiliary; and the name spans a caller gives.

use super::*;

/// "help Papua New Guinea": the parser reads `Guinea` as a second object, of the verb or of
/// `Papua` itself. Two such objects whose words run on without a gap and are all capitalized are
/// one name: the first becomes a compound of the second, which takes its place, as UD writes
/// multiword place names.
pub(super) fn join_names_read_as_two_objects(tokens: &mut [Token]) {
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
pub(super) fn join_split_names(tokens: &mut [Token]) {
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
