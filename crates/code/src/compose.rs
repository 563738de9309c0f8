//! Verb–verb composition: what a governing verb does to the event of its complement clause.
//!
//! "Arnor said it attacked Gondor" reports an attack, not a statement about Arnor; "Arnor urged
//! Bree to help" is an appeal, not aid. PETRARCH-2 handles these with transformations written in
//! the verbs dictionary (`~ a (a b Q) SAY = a b Q`) and with rules of its own. petrel applies, for
//! a clause whose verb is the `xcomp`/`ccomp` of another coded verb: first a matching
//! transformation; else, when the governing verb is a statement (CAMEO root 01) or has no code,
//! the complement's event stands alone; else, for an `xcomp`, the governing verb's event stands
//! and absorbs the complement.

use crate::pico::Pico;
use crate::syntax::{Rel, Tree};
use petrel_core::{ActorCode, CameoCode};
use petrel_dict::{Dictionaries, Slot, Transformation, TransformedCode, VerbCode, VerbRef};

/// What composition decided for a pair of clauses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Composition {
    /// Both events stand as coded.
    Both,
    /// Only the complement's event stands.
    LowerOnly,
    /// Only the governing verb's event stands.
    UpperOnly,
    /// One event with the governing verb's source, its target (else the complement's) and the
    /// code the ontology composes from both ("wants to help Israel": intend to aid, 033).
    Combined(CameoCode),
    /// A transformation replaces both with one event: source and target taken from the upper
    /// (`true`) or lower (`false`) clause's source, or from the lower clause's target.
    Transformed {
        source: Party,
        target: Party,
        code: CameoCode,
    },
}

/// Which actors a transformed event takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
    UpperSource,
    LowerSource,
    LowerTarget,
    UpperTarget,
    Nobody,
}

/// A coded clause as composition sees it.
pub struct ClauseView<'a> {
    pub verb: u32,
    pub code: VerbCode,
    pub entry_code: VerbCode,
    /// The clause's source codes (empty when it has none of its own).
    pub sources: &'a [String],
    pub targets: &'a [String],
}

fn is_coded(code: VerbCode) -> bool {
    matches!(code, VerbCode::Event(_) | VerbCode::Paired { .. })
}

fn main_code(code: VerbCode) -> Option<CameoCode> {
    match code {
        VerbCode::Event(c) => Some(c),
        VerbCode::Paired { forward, .. } => forward,
        _ => None,
    }
}

/// Decides how the clause `lower` combines with `upper`, the clause of the verb it complements.
/// `relation` is how the lower clause hangs from the upper one: `Xcomp`, `Ccomp`, or `Advcl` for
/// an infinitive purpose clause.
pub fn compose(
    dicts: &Dictionaries,
    tree: &Tree<'_>,
    upper: &ClauseView<'_>,
    lower: &ClauseView<'_>,
    relation: Rel,
    pico: &Pico,
) -> Composition {
    if !is_coded(lower.code) {
        return Composition::Both;
    }
    for transformation in dicts.verbs.transformations() {
        if let Some(result) = apply(dicts, tree, transformation, upper, lower) {
            return result;
        }
    }
    if let VerbCode::Paired {
        forward: None,
        reverse: Some(_),
    } = upper.code
    {
        // A reverse-only code ("faces pressure from Congress" is Congress demanding of the
        // subject) reports what was done to the subject; its complement ("to help Iran") is
        // the content of that act, not an event of its own.
        return Composition::UpperOnly;
    }
    let upper_code = main_code(upper.code);
    // What a speaker says of violence: its own is a claim of responsibility for it (on the
    // victim), another's an accusation (of the attacker).
    let said_of_violence = if claims_own_violence(tree, upper, lower, relation) {
        Some((CLAIM_RESPONSIBILITY, Party::LowerTarget))
    } else if reports_others_violence(tree, upper, lower, relation) {
        Some((ACCUSE, Party::LowerSource))
    } else {
        None
    };
    if let Some((Ok(code), target)) = said_of_violence.map(|(c, t)| (c.parse(), t)) {
        return Composition::Transformed {
            source: Party::UpperSource,
            target,
            code,
        };
    }
    match upper_code {
        None => Composition::Both,
        Some(code) if code.is_statement() => Composition::LowerOnly,
        // What is appealed for, promised, demanded or threatened ("demanded that Arnor withdraw
        // its troops") has not happened: the appeal, intent, demand or threat is the event.
        Some(code)
            if relation == Rel::Ccomp
                && (code.is_appeal()
                    || code.is_intent()
                    || code.is_demand()
                    || code.is_threat()) =>
        {
            Composition::UpperOnly
        }
        Some(code) if matches!(relation, Rel::Xcomp | Rel::Advcl) => {
            // The ontology composes the governing verb's own code (not a pattern's) with the
            // complement's: "wants to help" is intend + aid.
            let upper_base = main_code(upper.entry_code).unwrap_or(code);
            // Asking, seeking or offering to do something oneself ("sought to deepen ties",
            // "asked to meet the minister") is an intent, not an appeal: the appeal family is
            // for a complement whose subject is someone else.
            let own_complement = !tree.has_child(upper.verb, Rel::Object)
                && (lower.sources.is_empty()
                    || lower.sources.iter().all(|s| upper.sources.contains(s)));
            // Wanting someone else to act ("wants Putin to attack") is an appeal to them.
            let family = if relation != Rel::Xcomp {
                None
            } else if upper_base.is_appeal() && own_complement {
                "030".parse().ok()
            } else if upper_base.is_intent() && !own_complement {
                "020".parse().ok()
            } else {
                None
            };
            let upper_base = family.unwrap_or(upper_base);
            let lower_code = main_code(lower.code);
            match lower_code.and_then(|l| pico.combine(upper_base, l)) {
                Some(combined) => Composition::Combined(combined),
                // A complement that is itself a verb class wins ("want to re-examine" is an
                // investigation), except a mere statement ("urged Eriador to respond").
                // A purpose clause ("met ... to discuss") must have a target of its own to win.
                None if (relation == Rel::Xcomp || !lower.targets.is_empty())
                    && lower_code
                        .is_some_and(|l| pico.both_classes(upper_base, l) && !l.is_statement()) =>
                {
                    Composition::LowerOnly
                }
                // Two actions that do not add up: the complement is the concrete event ("agreed
                // to lift the sanctions" eases sanctions).
                // (Only for a true complement: a clause modifying the object, as in "boycotted
                // the parade supporting Gondor", leaves the governing verb's event standing; and
                // only for the subject's own act: in "allowed UN inspectors to visit the sites"
                // the permission is the event.)
                None if tree.rel(lower.verb) == Rel::Xcomp
                    && own_complement
                    && pico.is_action(upper_base) == Some(true)
                    && lower_code
                        .is_some_and(|l| pico.is_action(l) == Some(true) && !l.is_statement()) =>
                {
                    Composition::LowerOnly
                }
                // The governing verb's event in the family the complement put it in ("wants
                // Putin to attack Switzerland" is an appeal to Putin, not an intent).
                None => match family {
                    Some(code) => Composition::Combined(code),
                    None => Composition::UpperOnly,
                },
            }
        }
        Some(_) => Composition::Both,
    }
}

/// CAMEO's "acknowledge or claim responsibility".
const CLAIM_RESPONSIBILITY: &str = "015";

/// Verbs that, said of one's own act, take responsibility for it.
const CLAIM_VERBS: &[&str] = &["CLAIM", "ADMIT", "ACKNOWLEDGE", "CONFIRM"];

/// "The US claimed that it had attacked Iraq": claiming one's own violent act (CAMEO roots 18 to
/// 20) is claiming responsibility for it (015), not a second report of the act.
fn claims_own_violence(
    tree: &Tree<'_>,
    upper: &ClauseView<'_>,
    lower: &ClauseView<'_>,
    relation: Rel,
) -> bool {
    relation == Rel::Ccomp
        && CLAIM_VERBS.contains(&tree.upper_lemma(upper.verb))
        && main_code(lower.code).is_some_and(|c| c.is_violent())
        && !upper.sources.is_empty()
        && !lower.sources.is_empty()
        && lower.sources.iter().all(|s| upper.sources.contains(s))
}

/// CAMEO's "accuse, not specified below".
const ACCUSE: &str = "112";

/// "Israel said a mortar bomb was fired at it from Gaza", "the US claimed that ISIL had attacked
/// Iraq": an actor's statement that another used force (CAMEO roots 18 to 20) is, as news, an
/// accusation of that other (112); the attack itself is known only from the accuser. Only a
/// statement that governs the report composes: an attribution after it ("..., officials said")
/// is `parataxis` (and follows the report), and the report stands as an event; so does one by a
/// reporter or an unnamed source, and a party's report of its own side's violence (the same
/// country).
fn reports_others_violence(
    tree: &Tree<'_>,
    upper: &ClauseView<'_>,
    lower: &ClauseView<'_>,
    relation: Rel,
) -> bool {
    let same_side = |a: &String, b: &String| {
        a == b
            || match (a.parse::<ActorCode>(), b.parse::<ActorCode>()) {
                (Ok(a), Ok(b)) => a.country().is_some() && a.country() == b.country(),
                _ => false,
            }
    };
    // A reporter ("an AFP correspondent", "state media") or an unnamed source ("military
    // officials", `---MIL`) attributes; it is no party to accuse anyone.
    let party = |code: &String| {
        code.parse::<ActorCode>()
            .is_ok_and(|c| !c.has_null_root() && !c.blocks().any(|b| b == "MED"))
    };
    relation == Rel::Ccomp
        && upper.verb < lower.verb
        && (main_code(upper.code).is_some_and(|c| c.is_statement() || c.is_disapproval())
            || CLAIM_VERBS.contains(&tree.upper_lemma(upper.verb)))
        && main_code(lower.code).is_some_and(|c| c.is_violent())
        && !upper.sources.is_empty()
        && upper.sources.iter().all(party)
        && !lower.sources.is_empty()
        && !lower
            .sources
            .iter()
            .any(|l| upper.sources.iter().any(|u| same_side(u, l)))
}

/// Whether `verb_ref` names the clause's verb: by its words, or a synonym (a verb with the same
/// code as the named verb).
fn names_verb(
    dicts: &Dictionaries,
    tree: &Tree<'_>,
    verb_ref: &VerbRef,
    clause: &ClauseView<'_>,
) -> bool {
    let words = match verb_ref {
        VerbRef::Any => return true,
        VerbRef::Verb(words) => words,
    };
    let Some(&last) = words.last() else {
        return false;
    };
    let text = dicts.vocabulary.text(last);
    if words.len() == 1
        && (tree.upper_lemma(clause.verb) == text || tree.upper(clause.verb) == text)
    {
        return true;
    }
    dicts
        .verbs
        .forms(last)
        .iter()
        .filter_map(|form| dicts.verbs.verb(form.verb))
        .any(|verb| is_coded(verb.code) && verb.code == clause.entry_code)
}

fn apply(
    dicts: &Dictionaries,
    tree: &Tree<'_>,
    t: &Transformation,
    upper: &ClauseView<'_>,
    lower: &ClauseView<'_>,
) -> Option<Composition> {
    if !names_verb(dicts, tree, &t.upper_verb, upper)
        || !names_verb(dicts, tree, &t.lower_verb, lower)
    {
        return None;
    }
    // The upper source is always the variable `a` in the dictionaries in use.
    let Slot::Actor(a) = t.upper_source else {
        return None;
    };
    let same_source =
        !lower.sources.is_empty() && lower.sources.iter().all(|s| upper.sources.contains(s));
    let lower_source_ok = match t.lower_source {
        Slot::Actor(v) if v == a => same_source || lower.sources.is_empty(),
        Slot::Actor(_) => !lower.sources.is_empty() && !same_source,
        Slot::Unspecified => true,
        Slot::Absent => lower.sources.is_empty(),
    };
    let lower_target_ok = match t.lower_target {
        Slot::Actor(_) => !lower.targets.is_empty(),
        Slot::Unspecified => true,
        Slot::Absent => lower.targets.is_empty(),
    };
    if !lower_source_ok || !lower_target_ok {
        return None;
    }
    let party = |slot: Slot| match slot {
        Slot::Actor(v) if v == a => Party::UpperSource,
        Slot::Actor(v) if Slot::Actor(v) == t.lower_source => Party::LowerSource,
        Slot::Actor(v) if Slot::Actor(v) == t.lower_target => Party::LowerTarget,
        _ => Party::Nobody,
    };
    let code = match t.result_code {
        TransformedCode::Code(c) => c,
        _ => main_code(lower.code)?,
    };
    Some(Composition::Transformed {
        source: party(t.result_source),
        target: party(t.result_target),
        code,
    })
}
