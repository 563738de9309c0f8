//! Tokens and sentences: what the NLP stage produces and the coder reads.

use crate::Span;
use std::fmt;
use std::str::FromStr;

/// A Universal Dependencies part-of-speech tag.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    /// Also the tag of a token nobody has tagged yet.
    #[default]
    X,
}

impl Upos {
    /// Every tag, in a fixed order; `Upos::ALL[u.index()] == u`.
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// A dense index in `0..17`, for models that keep one row per tag.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The tag with the given dense index.
    pub fn from_index(index: usize) -> Option<Upos> {
        Upos::ALL.get(index).copied()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// True for the tags that head nominal phrases.
    pub fn is_nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num)
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not one of the 17 UD part-of-speech tags.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown UPOS tag {0:?}; expected one of ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X")]
pub struct UposError(pub String);

impl FromStr for Upos {
    type Err = UposError;

    fn from_str(s: &str) -> Result<Upos, UposError> {
        Upos::ALL
            .iter()
            .copied()
            .find(|u| u.as_str() == s)
            .ok_or_else(|| UposError(s.to_string()))
    }
}

/// A Universal Dependencies relation such as `nsubj`, `obl:tmod` or `nmod:poss`.
///
/// Kept as text because treebanks and outside parsers add subtypes freely; [`Deprel::base`] gives
/// the universal part that the coder matches on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Deprel(Box<str>);

impl Deprel {
    pub fn new(text: &str) -> Deprel {
        Deprel(text.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The universal relation without its subtype: `obl` for `obl:tmod`.
    pub fn base(&self) -> &str {
        self.0.split(':').next().unwrap_or("")
    }

    /// The subtype after the colon, if any: `pass` for `nsubj:pass`.
    pub fn subtype(&self) -> Option<&str> {
        self.0.split_once(':').map(|(_, sub)| sub)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Deprel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One syntactic word of a sentence, with its annotation.
///
/// `head` is 1-based as in CoNLL-U: 0 is the root, `i` is `sentence.tokens[i - 1]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Token {
    pub form: String,
    pub lemma: String,
    pub upos: Upos,
    /// The language-specific tag (Penn Treebank for English), empty when unknown.
    pub xpos: String,
    /// Morphological features as in CoNLL-U (`Number=Sing|Person=3`), empty when none.
    pub feats: String,
    pub head: u32,
    pub deprel: Deprel,
    /// Where the token stands in the original text; `None` for a parse read without offsets.
    pub span: Option<Span>,
    /// False when no whitespace follows the token in the original text.
    pub space_after: bool,
}

impl Token {
    /// A token with only its form set, followed by a space.
    pub fn new(form: &str) -> Token {
        Token {
            form: form.to_string(),
            space_after: true,
            ..Token::default()
        }
    }

    pub fn with_upos(mut self, upos: Upos) -> Token {
        self.upos = upos;
        self
    }

    pub fn with_span(mut self, span: Span) -> Token {
        self.span = Some(span);
        self
    }
}

/// A sentence: its text and its tokens, tagged and parsed once the NLP stage has run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    /// The `sent_id`, when the sentence came from a CoNLL-U file or a caller named it.
    pub id: Option<String>,
    /// The sentence text as it appears in the original (after ingest cleanup).
    pub text: String,
    /// Where the sentence stands in the original document text, when known.
    pub span: Option<Span>,
    pub tokens: Vec<Token>,
    /// The parse repairs that changed this sentence's tree after the parser, in the order they
    /// ran: evidence a coder can cite ("the subject came from the `coordinate_subjects` repair").
    pub repairs: Vec<ParseRepair>,
}

/// A named parse repair that changed a sentence's tree: its name and the 1-based ids of the
/// words whose head, relation or tag it changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParseRepair {
    pub name: String,
    pub words: Vec<u32>,
}

impl Sentence {
    pub fn new(text: &str) -> Sentence {
        Sentence {
            text: text.to_string(),
            ..Sentence::default()
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The token with the 1-based CoNLL-U id `id`, or `None` for 0 (the root) or out of range.
    pub fn token(&self, id: u32) -> Option<&Token> {
        (id as usize)
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
    }

    /// The 1-based ids of the dependents of `head` (0 for the root), in sentence order.
    pub fn children(&self, head: u32) -> impl Iterator<Item = u32> + '_ {
        self.tokens
            .iter()
            .enumerate()
            .filter(move |(_, t)| t.head == head)
            .map(|(i, _)| i as u32 + 1)
    }

    /// Text rebuilt from the forms and their `space_after` flags.
    pub fn detokenized(&self) -> String {
        let mut out = String::new();
        for (i, t) in self.tokens.iter().enumerate() {
            out.push_str(&t.form);
            if t.space_after && i + 1 < self.tokens.len() {
                out.push(' ');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upos_round_trips() {
        for u in Upos::ALL {
            assert_eq!(u.as_str().parse::<Upos>(), Ok(u));
            assert_eq!(Upos::from_index(u.index()), Some(u));
        }
        assert!("NN".parse::<Upos>().is_err());
    }

    #[test]
    fn deprel_parts() {
        let d = Deprel::new("nsubj:pass");
        assert_eq!(d.base(), "nsubj");
        assert_eq!(d.subtype(), Some("pass"));
        assert_eq!(Deprel::new("obj").subtype(), None);
    }

    #[test]
    fn children_and_token_lookup() {
        let mut s = Sentence::new("a b c");
        for (form, head) in [("a", 2), ("b", 0), ("c", 2)] {
            let mut t = Token::new(form);
            t.head = head;
            s.tokens.push(t);
        }
        assert_eq!(s.children(2).collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(s.token(0), None);
        assert_eq!(s.token(3).map(|t| t.form.as_str()), Some("c"));
        assert_eq!(s.detokenized(), "a b c");
    }
}
