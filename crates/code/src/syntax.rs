//! A read-only view of a dependency tree with the relations the coder asks about, UD v1 and v2 alike.
//!
//! Parses reach the coder from petrel's parser (UD v2) and from outside (the PETRARCH validation
//! files use UD v1 labels such as `dobj`, `nsubjpass` and `nmod` on verbs). [`Rel`] folds both label
//! sets into one vocabulary, so the coder's rules are written once.

use petrel_core::{Sentence, Span, Token, Trigger, Upos};
use petrel_dict::{Vocabulary, Word};

/// The most tokens of a sentence the coder looks at; longer "sentences" are broken input (tables,
/// lists) and are coded as empty rather than risk quadratic work.
pub const MAX_TOKENS: usize = 512;

/// The pronouns that open a relative clause and stand for the noun it describes.
const RELATIVE_PRONOUNS: &[&str] = &["WHO", "WHOM", "WHICH", "THAT"];

/// The dependency relations the coder distinguishes, UD v1 and v2 labels folded together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rel {
    /// `nsubj` (active subject).
    Subject,
    /// `nsubj:pass`, `nsubjpass`, `csubj:pass`.
    PassiveSubject,
    /// `obj`, `dobj`, `iobj`.
    Object,
    /// `obl`, and `nmod` (UD v1 used it for verb and noun prepositional phrases alike).
    Oblique,
    /// `obl:agent`, `nmod:agent`: the `by` phrase of a passive.
    Agent,
    /// `nmod:poss`.
    Possessor,
    /// `case`.
    Case,
    /// `mark`.
    Mark,
    /// `aux`.
    Aux,
    /// `aux:pass`, `auxpass`.
    AuxPass,
    /// `cop`.
    Copula,
    /// `neg` (UD v1) — UD v2 uses `advmod` with "not", handled in modality.
    Negation,
    /// `advmod`.
    Advmod,
    /// `amod`.
    Amod,
    /// `compound` (not `compound:prt`), `flat`, `name`, `fixed`, `goeswith`.
    Compound,
    /// `compound:prt`, `prt`: verb particles ("cordon off").
    Particle,
    Conj,
    Cc,
    /// `xcomp`.
    Xcomp,
    /// `ccomp`, `csubj`.
    Ccomp,
    /// `advcl`.
    Advcl,
    /// `acl` (not relative clauses).
    Acl,
    /// `acl:relcl`.
    Relcl,
    Appos,
    Det,
    /// `nummod`.
    Nummod,
    Punct,
    Parataxis,
    Root,
    Other,
}

impl Rel {
    /// Folds a UD v1 or v2 label.
    pub fn of(label: &str) -> Rel {
        let (base, sub) = match label.split_once(':') {
            Some((b, s)) => (b, Some(s)),
            None => (label, None),
        };
        match (base, sub) {
            ("nsubj" | "csubj", Some("pass")) | ("nsubjpass" | "csubjpass", _) => {
                Rel::PassiveSubject
            }
            ("nsubj", _) => Rel::Subject,
            ("obj" | "dobj" | "iobj", _) => Rel::Object,
            ("obl" | "nmod", Some("agent")) => Rel::Agent,
            ("nmod", Some("poss")) => Rel::Possessor,
            // UD EWT's descriptive modifier ("Arnor President Umbardacil") is part of the name.
            ("nmod", Some("desc")) => Rel::Compound,
            ("obl" | "nmod", _) => Rel::Oblique,
            ("case", _) => Rel::Case,
            ("mark", _) => Rel::Mark,
            ("aux", Some("pass")) | ("auxpass", _) => Rel::AuxPass,
            ("aux", _) => Rel::Aux,
            ("cop", _) => Rel::Copula,
            ("neg", _) => Rel::Negation,
            ("advmod", _) => Rel::Advmod,
            ("amod", _) => Rel::Amod,
            ("compound", Some("prt")) | ("prt", _) => Rel::Particle,
            ("compound" | "flat" | "name" | "fixed" | "goeswith" | "mwe", _) => Rel::Compound,
            ("conj", _) => Rel::Conj,
            ("cc", _) => Rel::Cc,
            ("xcomp", _) => Rel::Xcomp,
            ("ccomp" | "csubj", _) => Rel::Ccomp,
            ("advcl", _) => Rel::Advcl,
            ("acl", Some("relcl")) => Rel::Relcl,
            ("acl", _) => Rel::Acl,
            ("appos", _) => Rel::Appos,
            ("det", _) => Rel::Det,
            ("nummod", _) => Rel::Nummod,
            ("punct", _) => Rel::Punct,
            ("parataxis", _) => Rel::Parataxis,
            ("root", _) => Rel::Root,
            _ => Rel::Other,
        }
    }
}

/// A dependency tree over a sentence's tokens, with children lists and folded relations.
///
/// Token ids are 1-based as in CoNLL-U; 0 is the root. Heads that point outside the sentence are
/// treated as the root, and cycles are tolerated: every walk keeps a visited set.
pub struct Tree<'s> {
    pub sentence: &'s Sentence,
    rels: Vec<Rel>,
    heads: Vec<u32>,
    /// `children[id]`: the ids whose head is `id`, in sentence order; `children[0]` holds roots.
    children: Vec<Vec<u32>>,
    /// Upper-cased forms, index `id - 1`.
    upper: Vec<String>,
    /// Upper-cased lemmas, index `id - 1`.
    upper_lemma: Vec<String>,
    /// The dictionary words of forms and lemmas, when built with a vocabulary: matching compares
    /// these integers instead of strings.
    form_words: Vec<Option<Word>>,
    lemma_words: Vec<Option<Word>>,
    /// Every dictionary word of the sentence (forms and lemmas), sorted, for quick rejection of
    /// patterns that name a word the sentence does not have.
    present: Vec<Word>,
}

impl<'s> Tree<'s> {
    pub fn new(sentence: &'s Sentence) -> Tree<'s> {
        let tokens = sentence
            .tokens
            .get(..MAX_TOKENS.min(sentence.tokens.len()))
            .unwrap_or(&[]);
        let n = tokens.len();
        let mut children = vec![Vec::new(); n + 1];
        let mut heads = Vec::with_capacity(n);
        let mut rels = Vec::with_capacity(n);
        for (i, token) in tokens.iter().enumerate() {
            let id = i as u32 + 1;
            let head = if (token.head as usize) <= n && token.head != id {
                token.head
            } else {
                0
            };
            heads.push(head);
            rels.push(Rel::of(token.deprel.as_str()));
            if let Some(list) = children.get_mut(head as usize) {
                list.push(id);
            }
        }
        Tree {
            sentence,
            rels,
            heads,
            children,
            upper: tokens.iter().map(|t| t.form.to_uppercase()).collect(),
            upper_lemma: tokens.iter().map(|t| t.lemma.to_uppercase()).collect(),
            form_words: Vec::new(),
            lemma_words: Vec::new(),
            present: Vec::new(),
        }
    }

    /// A tree whose tokens are also looked up in `vocabulary` once, for fast matching.
    pub fn with_vocabulary(sentence: &'s Sentence, vocabulary: &Vocabulary) -> Tree<'s> {
        let mut tree = Tree::new(sentence);
        tree.form_words = tree.upper.iter().map(|w| vocabulary.get(w)).collect();
        tree.lemma_words = (1..=tree.len() as u32)
            .map(|id| {
                let lemma = tree.upper_lemma(id);
                // Most lemmas of names and nouns equal the form: skip the second lookup.
                if lemma == tree.upper(id) {
                    tree.form_word(id)
                } else {
                    vocabulary.get(lemma)
                }
            })
            .collect();
        let mut present: Vec<Word> = tree
            .form_words
            .iter()
            .chain(tree.lemma_words.iter())
            .flatten()
            .copied()
            .collect();
        present.sort_unstable();
        present.dedup();
        tree.present = present;
        tree
    }

    /// The sentence's distinct dictionary words, sorted.
    pub fn present_words(&self) -> &[Word] {
        &self.present
    }

    /// Whether any token of the sentence is `word` (by form or lemma).
    pub fn has_word(&self, word: Word) -> bool {
        self.present.binary_search(&word).is_ok()
    }

    /// The dictionary word of a token's form (`None` without a vocabulary or when unknown).
    pub fn form_word(&self, id: u32) -> Option<Word> {
        let i = (id as usize).wrapping_sub(1);
        self.form_words.get(i).copied().flatten()
    }

    /// The dictionary word of a token's lemma (or form, when it has no lemma).
    pub fn lemma_word(&self, id: u32) -> Option<Word> {
        let i = (id as usize).wrapping_sub(1);
        self.lemma_words.get(i).copied().flatten()
    }

    /// The number of tokens in the tree.
    pub fn len(&self) -> usize {
        self.heads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// All token ids, `1..=len`.
    pub fn ids(&self) -> impl Iterator<Item = u32> {
        1..=self.len() as u32
    }

    pub fn token(&self, id: u32) -> Option<&'s Token> {
        if id as usize > self.len() {
            return None;
        }
        self.sentence.token(id)
    }

    pub fn upos(&self, id: u32) -> Upos {
        self.token(id).map_or(Upos::X, |t| t.upos)
    }

    pub fn rel(&self, id: u32) -> Rel {
        let i = (id as usize).wrapping_sub(1);
        self.rels.get(i).copied().unwrap_or(Rel::Other)
    }

    pub fn head(&self, id: u32) -> u32 {
        let i = (id as usize).wrapping_sub(1);
        self.heads.get(i).copied().unwrap_or(0)
    }

    /// The upper-cased form of a token ("" out of range).
    pub fn upper(&self, id: u32) -> &str {
        let i = (id as usize).wrapping_sub(1);
        self.upper.get(i).map_or("", String::as_str)
    }

    /// The upper-cased lemma of a token, or its upper-cased form when the lemma is empty or `_`.
    pub fn upper_lemma(&self, id: u32) -> &str {
        let i = (id as usize).wrapping_sub(1);
        match self.upper_lemma.get(i).map(String::as_str) {
            Some("") | Some("_") | None => self.upper(id),
            Some(l) => l,
        }
    }

    pub fn children(&self, id: u32) -> &[u32] {
        self.children.get(id as usize).map_or(&[], Vec::as_slice)
    }

    /// The children of `id` with relation `rel`.
    pub fn children_with(&self, id: u32, rel: Rel) -> impl Iterator<Item = u32> + '_ {
        self.children(id)
            .iter()
            .copied()
            .filter(move |&c| self.rel(c) == rel)
    }

    pub fn has_child(&self, id: u32, rel: Rel) -> bool {
        self.children_with(id, rel).next().is_some()
    }

    /// The ids of the subtree of `id` (itself included) in sentence order, not descending into
    /// children for which `skip` is true.
    pub fn subtree_where(&self, id: u32, skip: impl Fn(u32) -> bool) -> Vec<u32> {
        let mut out = Vec::new();
        // A bit per token on the stack: trees have at most MAX_TOKENS tokens.
        let mut seen = [0u64; MAX_TOKENS / 64 + 1];
        let mut stack = vec![id];
        while let Some(node) = stack.pop() {
            let (word, bit) = (node as usize / 64, 1u64 << (node % 64));
            match seen.get_mut(word) {
                Some(w) if *w & bit == 0 => *w |= bit,
                _ => continue,
            }
            out.push(node);
            for &child in self.children(node) {
                if !skip(child) {
                    stack.push(child);
                }
            }
        }
        out.sort_unstable();
        out
    }

    pub fn subtree(&self, id: u32) -> Vec<u32> {
        self.subtree_where(id, |_| false)
    }

    /// True when `ancestor` is `id` or above it.
    pub fn dominates(&self, ancestor: u32, id: u32) -> bool {
        let mut node = id;
        for _ in 0..=self.len() {
            if node == ancestor {
                return true;
            }
            if node == 0 {
                return false;
            }
            node = self.head(node);
        }
        false
    }

    /// The noun a relative pronoun stands for: "ministers" for "who" in "European ministers,
    /// who urged Washington to ...", the head of the relative clause the pronoun belongs to.
    pub fn relative_antecedent(&self, id: u32) -> Option<u32> {
        if self.upos(id) != Upos::Pron
            || !RELATIVE_PRONOUNS.contains(&self.upper_lemma(id))
            || matches!(self.rel(id), Rel::Possessor | Rel::Other)
        {
            return None;
        }
        let clause = self.head(id);
        if clause == 0 || self.rel(clause) != Rel::Relcl {
            return None;
        }
        let noun = self.head(clause);
        (noun != 0 && matches!(self.upos(noun), Upos::Noun | Upos::Propn)).then_some(noun)
    }

    /// The `case` marker of a nominal, upper-cased (`"WITH"`), joined when there are several
    /// (`"OUT OF"`).
    pub fn case_marker(&self, id: u32) -> Option<String> {
        let marks: Vec<&str> = self
            .children(id)
            .iter()
            .copied()
            .filter(|&c| self.rel(c) == Rel::Case || (self.rel(c) == Rel::Mark && c < id))
            .filter(|&c| self.upos(c) != Upos::Part || self.upper(c) != "'S")
            .map(|c| self.upper(c))
            .filter(|m| *m != "'S" && *m != "'")
            .collect();
        if marks.is_empty() {
            None
        } else {
            Some(marks.join(" "))
        }
    }

    /// The token ids conjoined with `id` (its `conj` children, and theirs), `id` first.
    pub fn conjuncts(&self, id: u32) -> Vec<u32> {
        let mut out = vec![id];
        let mut i = 0;
        while let Some(&node) = out.get(i) {
            for c in self.children_with(node, Rel::Conj) {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
            i += 1;
            if out.len() > 64 {
                break;
            }
        }
        out
    }

    /// The words of the sentence a span covers. Token spans index the document the sentence came
    /// from, so they are shifted by the sentence's own start; `None` when the span falls outside
    /// the sentence's text.
    pub fn span_text(&self, span: petrel_core::Span) -> Option<&'s str> {
        let base = self.sentence.span.map_or(0, |s| s.start);
        let start = span.start.checked_sub(base)?;
        let end = span.end.checked_sub(base)?;
        self.sentence.text.get(start..end)
    }

    /// True for tokens that can head an event: verbs, and in copular or odd parses, a root noun is
    /// not one.
    pub fn is_verb(&self, id: u32) -> bool {
        matches!(self.upos(id), Upos::Verb)
    }
}

// Grammar helpers: what a verb's clause is, read from the tree.

/// The verb whose complement `verb` is, and how: its head for an `xcomp`/`ccomp`, and for a
/// clause parsed as modifying the object ("urged Eriador to respond", `acl` of Eriador) the verb
/// of that object, as an `xcomp`.
pub(crate) fn governing_verb(tree: &Tree<'_>, verb: u32) -> Option<(u32, Rel)> {
    let head = tree.head(verb);
    match tree.rel(verb) {
        rel @ (Rel::Xcomp | Rel::Ccomp) => Some((head, rel)),
        Rel::Acl if tree.rel(head) == Rel::Object => Some((tree.head(head), Rel::Xcomp)),
        // "asked Obama to help Iran" parsed as a purpose clause: an infinitive is a complement.
        Rel::Advcl if infinitive(tree, verb) => Some((head, Rel::Advcl)),
        _ => None,
    }
}

/// True for a `to` infinitive: a clause with the particle `to` as its marker.
pub(crate) fn infinitive(tree: &Tree<'_>, verb: u32) -> bool {
    tree.children_with(verb, Rel::Mark)
        .any(|m| tree.upper(m) == "TO")
}

/// True for an `-ing` participle or gerund, by its features, its tag, or failing both its form.
pub(crate) fn gerund(tree: &Tree<'_>, verb: u32) -> bool {
    let Some(token) = tree.token(verb) else {
        return false;
    };
    if !token.feats.is_empty() || !token.xpos.is_empty() {
        return token.feats.contains("VerbForm=Ger") || token.xpos == "VBG";
    }
    tree.upper(verb).ends_with("ING")
}

/// True for a past participle ("imprisoned"), by its features, its tag, or failing both its form.
pub(crate) fn past_participle(tree: &Tree<'_>, verb: u32) -> bool {
    let Some(token) = tree.token(verb) else {
        return false;
    };
    if !token.xpos.is_empty() {
        return token.xpos == "VBN";
    }
    if !token.feats.is_empty() {
        return token.feats.contains("VerbForm=Part") && token.feats.contains("Tense=Past");
    }
    tree.upper(verb).ends_with("ED")
}

/// The trigger of a verb match: the forms of its words, and the span that covers them.
pub(crate) fn trigger_of(tree: &Tree<'_>, ids: &[u32]) -> Trigger {
    let forms: Vec<&str> = ids
        .iter()
        .filter_map(|&id| tree.token(id).map(|t| t.form.as_str()))
        .collect();
    let span = ids
        .iter()
        .filter_map(|&id| tree.token(id).and_then(|t| t.span))
        .reduce(|a, b| a.cover(b))
        .unwrap_or(Span::default());
    Trigger {
        text: forms.join(" "),
        span,
    }
}

/// True when `verb`, attached to the sentence's root noun as a modifier (`acl`) or loosely
/// (`dep`), is really the sentence's main verb with the noun as its subject: no verb heads the
/// sentence, nothing marks the verb passive, and it has what a clause has and a reduced passive
/// ("civilians killed in the attack") lacks: an object, a phrase saying whom it is against or
/// with, or (for a loose dependent) nothing to contradict it.
pub(crate) fn misread_clause(tree: &Tree<'_>, verb: u32) -> bool {
    let head = tree.head(verb);
    if head == 0 || tree.head(head) != 0 || !matches!(tree.upos(head), Upos::Noun | Upos::Propn) {
        return false;
    }
    if passive_agent(tree, verb).is_some() || tree.has_child(verb, Rel::AuxPass) {
        return false;
    }
    if tree.rel(verb) == Rel::Other || tree.has_child(verb, Rel::Object) {
        return true;
    }
    tree.children_with(verb, Rel::Oblique).any(|c| {
        matches!(
            tree.case_marker(c).as_deref(),
            Some("AGAINST" | "WITH" | "ON" | "TO" | "FROM")
        )
    })
}

/// The `by` phrase of a passive verb.
pub(crate) fn passive_agent(tree: &Tree<'_>, verb: u32) -> Option<u32> {
    if !tree.has_child(verb, Rel::PassiveSubject) && !tree.has_child(verb, Rel::AuxPass) {
        return None;
    }
    tree.children(verb).iter().copied().find(|&c| {
        tree.rel(c) == Rel::Agent
            || (tree.rel(c) == Rel::Oblique && tree.case_marker(c).as_deref() == Some("BY"))
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use petrel_core::Deprel;

    /// Builds a sentence from `(form, lemma, upos, head, deprel)` rows.
    pub(crate) fn sentence(rows: &[(&str, &str, Upos, u32, &str)]) -> Sentence {
        let mut s = Sentence::default();
        for (form, lemma, upos, head, deprel) in rows {
            let mut t = Token::new(form);
            t.lemma = lemma.to_string();
            t.upos = *upos;
            t.head = *head;
            t.deprel = Deprel::new(deprel);
            s.tokens.push(t);
        }
        s.text = s.detokenized();
        s
    }

    /// The sentence with each token's span in its text.
    pub(crate) fn with_spans(mut s: Sentence) -> Sentence {
        let mut at = 0;
        for t in &mut s.tokens {
            if let Some(i) = s.text.get(at..).and_then(|rest| rest.find(&t.form)) {
                t.span = Some(Span::new(at + i, at + i + t.form.len()));
                at += i + t.form.len();
            }
        }
        s
    }

    #[test]
    fn folds_v1_and_v2_labels() {
        assert_eq!(Rel::of("dobj"), Rel::Object);
        assert_eq!(Rel::of("obj"), Rel::Object);
        assert_eq!(Rel::of("nsubjpass"), Rel::PassiveSubject);
        assert_eq!(Rel::of("nsubj:pass"), Rel::PassiveSubject);
        assert_eq!(Rel::of("nmod:agent"), Rel::Agent);
        assert_eq!(Rel::of("nmod:poss"), Rel::Possessor);
        assert_eq!(Rel::of("nmod:tmod"), Rel::Oblique);
        assert_eq!(Rel::of("compound:prt"), Rel::Particle);
        assert_eq!(Rel::of("compound"), Rel::Compound);
        assert_eq!(Rel::of("nmod:desc"), Rel::Compound);
        assert_eq!(Rel::of("acl:relcl"), Rel::Relcl);
    }

    #[test]
    fn tolerates_cycles_and_bad_heads() {
        let s = sentence(&[
            ("a", "a", Upos::Noun, 2, "nsubj"),
            ("b", "b", Upos::Verb, 1, "root"),
            ("c", "c", Upos::Noun, 99, "obj"),
        ]);
        let tree = Tree::new(&s);
        assert_eq!(tree.subtree(1), vec![1, 2]);
        assert_eq!(tree.head(3), 0);
        assert!(!tree.dominates(3, 1));
    }

    #[test]
    fn case_markers_and_conjuncts() {
        let s = sentence(&[
            ("met", "meet", Upos::Verb, 0, "root"),
            ("with", "with", Upos::Adp, 3, "case"),
            ("Arnor", "Arnor", Upos::Propn, 1, "obl"),
            ("and", "and", Upos::Cconj, 5, "cc"),
            ("Gondor", "Gondor", Upos::Propn, 3, "conj"),
        ]);
        let tree = Tree::new(&s);
        assert_eq!(tree.case_marker(3).as_deref(), Some("WITH"));
        assert_eq!(tree.conjuncts(3), vec![3, 5]);
        assert_eq!(tree.upper_lemma(1), "MEET");
    }

    #[test]
    fn verb_forms_fall_back_to_the_word_without_tags() {
        // "Arnor was seen attacking": no features or tags, so the form decides.
        let s = sentence(&[
            ("Arnor", "Arnor", Upos::Propn, 3, "nsubj:pass"),
            ("was", "be", Upos::Aux, 3, "aux:pass"),
            ("seen", "see", Upos::Verb, 0, "root"),
            ("attacking", "attack", Upos::Verb, 3, "xcomp"),
        ]);
        let tree = Tree::new(&s);
        assert!(gerund(&tree, 4));
        assert!(!gerund(&tree, 3));
        assert!(!past_participle(&tree, 4));
        assert!(!past_participle(&tree, 3), "\"seen\" does not end in -ed");
        assert_eq!(governing_verb(&tree, 4), Some((3, Rel::Xcomp)));
        assert_eq!(governing_verb(&tree, 3), None);
        assert_eq!(trigger_of(&tree, &[3, 4]).text, "seen attacking");
    }

    #[test]
    fn a_passive_agent_is_its_by_phrase() {
        // "Gondor was attacked by Arnor to punish Rohan".
        let s = sentence(&[
            ("Gondor", "Gondor", Upos::Propn, 3, "nsubj:pass"),
            ("was", "be", Upos::Aux, 3, "aux:pass"),
            ("attacked", "attack", Upos::Verb, 0, "root"),
            ("by", "by", Upos::Adp, 5, "case"),
            ("Arnor", "Arnor", Upos::Propn, 3, "obl"),
            ("to", "to", Upos::Part, 7, "mark"),
            ("punish", "punish", Upos::Verb, 3, "advcl"),
            ("Rohan", "Rohan", Upos::Propn, 7, "obj"),
        ]);
        let tree = Tree::new(&s);
        assert_eq!(passive_agent(&tree, 3), Some(5));
        assert_eq!(
            passive_agent(&tree, 7),
            None,
            "an active verb has no agent phrase"
        );
        assert!(past_participle(&tree, 3));
        assert!(infinitive(&tree, 7));
        // A `to` infinitive parsed as a purpose clause is still a complement.
        assert_eq!(governing_verb(&tree, 7), Some((3, Rel::Advcl)));
    }

    #[test]
    fn a_root_noun_with_an_object_clause_is_a_misread_sentence() {
        // "Kim Jong Un met Putin" with `met` hung on the name as a modifier.
        let s = sentence(&[
            ("Kim", "Kim", Upos::Propn, 0, "root"),
            ("met", "meet", Upos::Verb, 1, "acl"),
            ("Putin", "Putin", Upos::Propn, 2, "obj"),
        ]);
        assert!(misread_clause(&Tree::new(&s), 2));
        // "civilians killed in the attack": a reduced passive, not a clause.
        let s = sentence(&[
            ("civilians", "civilian", Upos::Noun, 0, "root"),
            ("killed", "kill", Upos::Verb, 1, "acl"),
            ("in", "in", Upos::Adp, 5, "case"),
            ("the", "the", Upos::Det, 5, "det"),
            ("attack", "attack", Upos::Noun, 2, "obl"),
        ]);
        assert!(!misread_clause(&Tree::new(&s), 2));
    }
}
