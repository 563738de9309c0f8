//! What the event recogniser sees of a candidate: named features of the word, its dependents, its
//! governor, its neighbours, the dictionary pattern that matched it and the actors around it.
//!
//! Features are strings (`l=meet`, `obj=talk`, `dict=04`), so that an event's provenance can name
//! the strongest ones; one function builds them for training and for coding alike.

use crate::syntax::{Rel, Tree};
use petrel_core::Upos;

/// What the rules found at a candidate, which the recogniser weighs beside the words.
#[derive(Clone, Debug, Default)]
pub struct RuleView {
    /// The CAMEO root of the dictionary verb pattern that matched, if one did.
    pub dict_root: Option<u8>,
    /// The sectors of the source actors found (`GOV`, `MIL`), or `none`.
    pub source: ActorView,
    pub target: ActorView,
}

/// Whether an actor was found for a role, and of which kind.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ActorView {
    #[default]
    None,
    /// An actor with a country or organisation code and these sectors.
    Known(Vec<String>),
    /// Only agents matched (an "official" of no known country).
    Agent(Vec<String>),
}

/// The tokens that may carry an event: verbs, and the root when it is not one (headlines such as
/// "Japan-Russia talks on islands").
pub fn candidates(tree: &Tree<'_>) -> Vec<u32> {
    tree.ids()
        .filter(|&id| tree.is_verb(id) || (tree.rel(id) == Rel::Root && is_content(tree.upos(id))))
        .collect()
}

fn is_content(upos: Upos) -> bool {
    matches!(upos, Upos::Noun | Upos::Propn | Upos::Adj | Upos::Verb)
}

fn lemma(tree: &Tree<'_>, id: u32) -> String {
    tree.upper_lemma(id).to_lowercase()
}

/// The relations whose dependents say most about what a verb reports.
fn rel_name(rel: Rel) -> Option<&'static str> {
    Some(match rel {
        Rel::Subject => "nsubj",
        Rel::PassiveSubject => "nsubjpass",
        Rel::Object => "obj",
        Rel::Oblique => "obl",
        Rel::Agent => "agent",
        Rel::Xcomp => "xcomp",
        Rel::Ccomp => "ccomp",
        Rel::Advmod => "advmod",
        Rel::Particle => "prt",
        Rel::Aux => "aux",
        Rel::AuxPass => "auxpass",
        Rel::Advcl => "advcl",
        Rel::Mark => "mark",
        Rel::Negation => "neg",
        _ => return None,
    })
}

/// The features of candidate `id`.
pub fn of_candidate(tree: &Tree<'_>, id: u32, rules: &RuleView) -> Vec<String> {
    let mut f = Vec::with_capacity(64);
    let l = lemma(tree, id);
    let form = tree.upper(id).to_lowercase();
    let upos = tree.upos(id);
    f.push("bias".to_string());
    f.push(format!("l={l}"));
    f.push(format!("w={form}"));
    f.push(format!("lp={l}/{upos:?}"));
    f.push(format!("rel={:?}", tree.rel(id)));
    // What the word's dependents are: the object of "held talks", the particle of "called on",
    // the preposition of "met with", the complement of "agreed to withdraw".
    for &c in tree.children(id) {
        let rel = tree.rel(c);
        let Some(name) = rel_name(rel) else { continue };
        let cl = lemma(tree, c);
        f.push(format!("has={name}"));
        match rel {
            Rel::Oblique | Rel::Agent => {
                let case = tree.case_marker(c).unwrap_or_default().to_lowercase();
                f.push(format!("case={case}"));
                f.push(format!("obl={case}_{cl}"));
                f.push(format!("l+case={l}_{case}"));
            }
            Rel::Xcomp | Rel::Ccomp | Rel::Advcl => {
                f.push(format!("{name}={cl}"));
                f.push(format!("l+{name}={l}_{cl}"));
                for &g in tree.children(c) {
                    if tree.rel(g) == Rel::Object {
                        f.push(format!("{name}.obj={}", lemma(tree, g)));
                    }
                }
            }
            Rel::Object => {
                f.push(format!("obj={cl}"));
                f.push(format!("l+obj={l}_{cl}"));
                for &g in tree.children(c) {
                    match tree.rel(g) {
                        Rel::Compound | Rel::Amod => f.push(format!("obj.mod={}", lemma(tree, g))),
                        // "launched an investigation into", "an attack on".
                        Rel::Oblique => {
                            let case = tree.case_marker(g).unwrap_or_default().to_lowercase();
                            f.push(format!("obj.case={cl}_{case}"));
                        }
                        _ => {}
                    }
                }
            }
            Rel::Subject | Rel::PassiveSubject => {
                f.push(format!("{name}={cl}"));
            }
            _ => f.push(format!("{name}={cl}")),
        }
    }
    // The governor: "threatened to attack" makes "attack" no act of its own.
    let head = tree.head(id);
    if head != 0 {
        let hl = lemma(tree, head);
        f.push(format!("head={hl}"));
        f.push(format!("head+rel={hl}_{:?}", tree.rel(id)));
    } else {
        f.push("root".to_string());
    }
    // Neighbours in the sentence.
    let n = tree.len() as u32;
    let word = |i: u32| -> String {
        if i == 0 || i > n {
            "<s>".to_string()
        } else {
            tree.upper(i).to_lowercase()
        }
    };
    f.push(format!("-1={}", word(id - 1)));
    f.push(format!("+1={}", word(id + 1)));
    f.push(format!("+2={}", word(id + 2)));
    f.push(format!("l+1={l}_{}", word(id + 1)));
    f.push(format!("-1+l={}_{l}", word(id - 1)));
    // Modality cues.
    if crate::modality::is_negated(tree, id) {
        f.push("negated".to_string());
    }
    // The rules' view.
    match rules.dict_root {
        Some(r) => {
            f.push(format!("dict={r:02}"));
            f.push(format!("dict+l={r:02}_{l}"));
        }
        None => f.push("dict=none".to_string()),
    }
    for (role, view) in [("src", &rules.source), ("tgt", &rules.target)] {
        match view {
            ActorView::None => f.push(format!("{role}=none")),
            ActorView::Known(sectors) | ActorView::Agent(sectors) => {
                let kind = if matches!(view, ActorView::Known(_)) {
                    "actor"
                } else {
                    "agent"
                };
                f.push(format!("{role}={kind}"));
                for s in sectors.iter().take(3) {
                    f.push(format!("{role}.sec={s}"));
                }
            }
        }
    }
    // The sentence's other content words, weakly: the topic (a court, a match, a storm).
    for other in tree.ids() {
        if other != id && matches!(tree.upos(other), Upos::Noun | Upos::Verb) {
            f.push(format!("s={}", lemma(tree, other)));
        }
    }
    f
}
