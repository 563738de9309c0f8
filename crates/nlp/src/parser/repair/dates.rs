//! Repairs around dates: a weekday glued to a name ("met Bashar Assad Tuesday"), a subject cut from its verb by "on Monday".

use super::*;

/// A weekday parsed as part of a name or a noun phrase (`met Bashar Assad Tuesday`) is the time of
/// the nearest verb above it.
pub(super) fn detach_weekdays(tokens: &mut [Token], temporal: &Deprel) {
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

/// "Israel on Wednesday released the mayor": news puts the day between the subject and the verb,
/// which the parser, trained on web text, reads as "Israel on Wednesday" with the verb elsewhere.
/// A finite verb right after "on <weekday>" that hangs on a noun takes the noun as its subject.
pub(super) fn raise_verbs_after_dated_subjects(tokens: &mut [Token]) {
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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

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
        fix("detach_weekdays", &mut t);
        assert_eq!(heads(&t)[4], (2, "obl:unmarked"));
        assert_eq!(heads(&t)[3], (3, "flat"));
        // "Tuesday talks": a weekday before its head is a real compound.
        let mut t = tokens(&[
            ("Tuesday", Propn, 2, "compound"),
            ("talks", Noun, 3, "nsubj"),
            ("failed", Verb, 0, "root"),
        ]);
        fix("detach_weekdays", &mut t);
        assert_eq!(heads(&t)[0], (2, "compound"));
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
        fix("raise_verbs_after_dated_subjects", &mut t);
        assert_eq!(heads(&t)[3], (0, "root"));
        assert_eq!(heads(&t)[0], (4, "nsubj"));
        assert_eq!(heads(&t)[2], (4, "obl"));
    }

    /// Each repair of this file leaves well-parsed sentences alone.
    #[test]
    fn good_parses_are_left_alone() {
        for name in ["detach_weekdays", "raise_verbs_after_dated_subjects"] {
            leaves_good_parses_alone(name);
        }
    }
}
