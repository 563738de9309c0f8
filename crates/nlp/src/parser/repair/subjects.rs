//! Repairs of subjects: coordinated subjects parsed as two, their verb left low, an `of` phrase parsed as a second subject.

use super::*;

/// The words with more than one `nsubj` dependent: most sentences have none, so the subject
/// repairs look at these only.
pub(super) fn verbs_with_two_subjects(tokens: &[Token]) -> Vec<usize> {
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

/// Two subjects of one verb with a coordinating conjunction between them (`The US, Russia, and
/// Switzerland met`) are one coordinated subject: the later one becomes a conjunct of the first,
/// and the conjunction and the comma before it move to it.
pub(super) fn coordinate_subjects(tokens: &mut [Token]) {
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

/// "Foreign Minister Fumio Kishida and his Russian counterpart Sergei Lavrov agreed ...": the
/// parser roots the sentence at the first name and reads `agreed`, with `Lavrov` as its subject,
/// as a relative clause on it. A finite verb hanging as a relative clause on a nominal root, with
/// a subject of its own that follows `and` and no relative word, is the main verb: the root
/// becomes its subject and the later subject a conjunct of it.
pub(super) fn raise_verbs_of_coordinated_subjects(tokens: &mut [Token]) {
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

/// A second subject that carries `of` ("The US Secretary of state wants": `state` as a subject)
/// is an `nmod` of the noun before it: a subject never takes a case marker.
pub(super) fn attach_of_phrase_subjects(tokens: &mut [Token]) {
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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

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
        fix("attach_of_phrase_subjects", &mut t);
        assert_eq!(heads(&t)[4], (3, "nmod"));
        assert_eq!(heads(&t)[3], (5, "case"));
        assert_eq!(heads(&t)[2], (6, "nsubj"));
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
        fix("raise_verbs_of_coordinated_subjects", &mut t);
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
        fix("raise_verbs_of_coordinated_subjects", &mut relative);
        assert_eq!(heads(&relative)[6], (1, "acl:relcl"));
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
        fix("coordinate_subjects", &mut t);
        assert_eq!(heads(&t)[6], (2, "conj"));
        assert_eq!(heads(&t)[5], (7, "cc"));
        assert_eq!(heads(&t)[4], (7, "punct"));
        // A subject and the subject of a second clause are left alone.
        let mut t = tokens(&[
            ("He", Pron, 2, "nsubj"),
            ("said", Verb, 0, "root"),
            ("she", Pron, 2, "nsubj"),
        ]);
        fix("coordinate_subjects", &mut t);
        assert_eq!(heads(&t)[2], (2, "nsubj"));
    }

    /// Each repair of this file leaves well-parsed sentences alone.
    #[test]
    fn good_parses_are_left_alone() {
        for name in [
            "coordinate_subjects",
            "raise_verbs_of_coordinated_subjects",
            "attach_of_phrase_subjects",
        ] {
            leaves_good_parses_alone(name);
        }
    }
}
