//! Repairs of words joined by hyphens: a glued participle read as a verb ("Iran-backed"), a hyphenated name torn apart ("Yun Byung-se").

use super::*;

/// Irregular participles that news glues to a noun with a hyphen ("rebel-held", "state-run").
pub(super) const GLUED_PARTICIPLES: &[&str] = &[
    "led", "held", "run", "owned", "built", "made", "born", "bred", "fed", "won", "known",
];

/// "Iran-backed Houthi rebels fired missiles at Saudi Arabia": the parser can read the glued
/// participle as the main verb (`backed` the root, `fired` its complement). A participle joined
/// by a hyphen to the word before it ("Iran-backed", "rebel-held", "US-led") describes the noun
/// phrase right after it, as UD writes it: it becomes a modifier (`amod`) of that phrase's head,
/// the word before the hyphen its modifier; when it was the root, the verb it held after the
/// phrase (else the phrase itself) takes its place.
pub(super) fn attach_hyphenated_participles(tokens: &mut [Token]) {
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

/// The tokenizer splits "Byung-se" into `Byung`, `-`, `se`; when the parser hangs the last part
/// outside the name (`se` as an apposition of `Yun`), the name's phrase loses it. A name part glued
/// to a proper noun by a hyphen, with no spaces, stays in that proper noun's phrase.
pub(super) fn join_hyphenated_names(tokens: &mut [Token]) {
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
    use super::super::testing::*;
    use super::*;

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
        fix("attach_hyphenated_participles", &mut t);
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
        fix("attach_hyphenated_participles", &mut t);
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
        fix("attach_hyphenated_participles", &mut t);
        assert_eq!(heads(&t), heads(&tokens(&rows)));
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
        fix("join_hyphenated_names", &mut t);
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
        fix("join_hyphenated_names", &mut t);
        assert_eq!(heads(&t)[3], (1, "appos"));
    }

    /// Each repair of this file leaves well-parsed sentences alone.
    #[test]
    fn good_parses_are_left_alone() {
        for name in ["attach_hyphenated_participles", "join_hyphenated_names"] {
            leaves_good_parses_alone(name);
        }
    }
}
