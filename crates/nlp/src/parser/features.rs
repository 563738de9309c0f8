//! Feature templates of the parser: Zhang & Nivre (2011) rich non-local features for arc-eager,
//! plus a few on the second and third stack words.
//!
//! Each word's form and tag are hashed once per sentence ([`Words`]); a feature is then a few
//! multiply-xorshift mixes of those hashes with a template number, with no allocation.

use super::transition::{State, NONE};
use crate::perceptron::{hash_str, mix};
use petrel_core::Token;

/// The hash standing for an absent word (beyond the buffer, a missing child).
const ABSENT: u64 = 0x005e_ed0f_ab5e;
/// The hash of the artificial root's form and tag.
const ROOT: u64 = 0x0000_4007_0f7e;

/// Per-sentence hashes of each position's form and tag; index 0 is the root.
#[derive(Clone, Debug, Default)]
pub struct Words {
    form: Vec<u64>,
    tag: Vec<u64>,
    upos: Vec<u64>,
    /// The last three bytes of the lowercased form with its shape (capitals, digits): what tells
    /// a word's class when the tagger got it wrong.
    suffix: Vec<u64>,
    /// The lemma's hash, lowercased, digits folded ([`ParserFeatures::lemmas`] only).
    lemma: Vec<u64>,
}

/// Templates beyond those of the first parser, each of which can be turned on alone so that its
/// worth can be measured; a model records the ones it was trained with, so that it is always read
/// with the features it learned from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParserFeatures {
    /// The lemmas of s0, n0 and n1, alone and paired with each other's lemma or tag: word pairs
    /// seen in another inflection ("says" ~ "said") share their weights.
    pub lemmas: bool,
}

impl ParserFeatures {
    /// The names of the optional templates, as `--parser-features` takes them.
    pub const NAMES: [&'static str; 1] = ["lemmas"];

    /// The features named in a comma-separated list (`lemmas`); `none` or an empty list is the
    /// first parser's set. `Err` names the unknown word.
    pub fn parse(list: &str) -> Result<ParserFeatures, String> {
        let [lemmas] = crate::perceptron::templates_named(list, Self::NAMES)?;
        Ok(ParserFeatures { lemmas })
    }

    /// The comma-separated names of the features turned on, or `none`.
    pub fn describe(&self) -> String {
        crate::perceptron::describe_templates([self.lemmas], Self::NAMES)
    }

    /// The features as bits, as a model file stores them. Bit 0 stays unused: it stood for a
    /// template set measured in development and dropped (it did not pay on dev), and a model
    /// written then must not be read as something else.
    pub(crate) fn bits(&self) -> u32 {
        (self.lemmas as u32) << 1
    }

    /// The features of stored bits; `None` for a bit this petrel does not know.
    pub(crate) fn from_bits(bits: u32) -> Option<ParserFeatures> {
        (bits & !2 == 0).then_some(ParserFeatures {
            lemmas: bits & 2 != 0,
        })
    }
}

/// Hashes a form lowercased, with ASCII digits folded to `0`, without allocating.
fn form_hash(form: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in form.bytes() {
        let b = if b.is_ascii_digit() {
            b'0'
        } else {
            b.to_ascii_lowercase()
        };
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Hashes the last three bytes of a form, lowercased, with its shape: whether it starts with a
/// capital, is all capitals, or holds a digit.
fn suffix_hash(form: &str) -> u64 {
    let bytes = form.as_bytes();
    let tail = bytes
        .get(bytes.len().saturating_sub(3)..)
        .unwrap_or_default();
    let mut h: u64 = 0x84_2222_3255;
    for b in tail {
        h = (h ^ b.to_ascii_lowercase() as u64).wrapping_mul(0x0100_0000_01b3);
    }
    let first_upper = form.chars().next().is_some_and(char::is_uppercase);
    let all_upper = first_upper && form.chars().all(|c| !c.is_lowercase());
    let digit = bytes.iter().any(u8::is_ascii_digit);
    mix(
        h,
        first_upper as u64 | (all_upper as u64) << 1 | (digit as u64) << 2,
    )
}

impl Words {
    pub fn fill(&mut self, tokens: &[Token], features: ParserFeatures) {
        self.lemma.clear();
        if features.lemmas {
            self.lemma.push(ROOT);
            self.lemma
                .extend(tokens.iter().map(|t| mix(0x1E_44A, form_hash(&t.lemma))));
        }
        self.form.clear();
        self.tag.clear();
        self.upos.clear();
        self.suffix.clear();
        self.form.push(ROOT);
        self.tag.push(ROOT);
        self.upos.push(ROOT);
        self.suffix.push(ROOT);
        for t in tokens {
            self.form.push(form_hash(&t.form));
            self.upos.push(t.upos.index() as u64);
            self.suffix.push(suffix_hash(&t.form));
            // The Penn tag is finer than UPOS; fall back to UPOS when a tagger left it empty.
            let tag = if t.xpos.is_empty() {
                mix(7, t.upos.index() as u64)
            } else {
                hash_str(&t.xpos)
            };
            self.tag.push(tag);
        }
    }

    #[inline]
    fn w(&self, i: u32) -> u64 {
        self.form.get(i as usize).copied().unwrap_or(ABSENT)
    }

    #[inline]
    fn p(&self, i: u32) -> u64 {
        self.tag.get(i as usize).copied().unwrap_or(ABSENT)
    }

    #[inline]
    fn u(&self, i: u32) -> u64 {
        self.upos.get(i as usize).copied().unwrap_or(ABSENT)
    }

    #[inline]
    fn l(&self, i: u32) -> u64 {
        self.lemma.get(i as usize).copied().unwrap_or(ABSENT)
    }

    #[inline]
    fn x(&self, i: u32) -> u64 {
        self.suffix.get(i as usize).copied().unwrap_or(ABSENT)
    }
}

#[inline]
fn get<T: Copy>(v: &[T], i: u32, absent: T) -> T {
    if i == NONE {
        absent
    } else {
        v.get(i as usize).copied().unwrap_or(absent)
    }
}

/// Distance between s0 and n0, bucketed.
fn distance(s0: u32, n0: u32) -> u64 {
    match n0.saturating_sub(s0) {
        d @ 0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        10..=14 => 7,
        _ => 8,
    }
}

/// Writes the features of `state` into `out` (cleared first); `words` was filled with the same
/// `features`.
pub fn extract(state: &State, words: &Words, features: ParserFeatures, out: &mut Vec<u64>) {
    out.clear();
    let s0 = state.s0();
    let s1 = state.stack_at(1);
    let s2 = state.stack_at(2);
    let n0 = state.buffer_at(0);
    let n1 = state.buffer_at(1);
    let n2 = state.buffer_at(2);
    let head = |i: u32| {
        if i == 0 {
            NONE
        } else {
            get(&state.head, i, NONE)
        }
    };
    let lab = |i: u32| get(&state.label, i, u16::MAX) as u64;
    let s0h = head(s0);
    let s0h2 = head(s0h);
    let [s0l, s0l2] = get(&state.left, s0, [NONE; 2]);
    let [s0r, s0r2] = get(&state.right, s0, [NONE; 2]);
    let [n0l, n0l2] = get(&state.left, n0, [NONE; 2]);

    let (s0w, s0p) = (words.w(s0), words.p(s0));
    let (n0w, n0p) = (words.w(n0), words.p(n0));
    let (n1w, n1p) = (words.w(n1), words.p(n1));
    let (n2w, n2p) = (words.w(n2), words.p(n2));
    let (s1w, s1p) = (words.w(s1), words.p(s1));
    let s2p = words.p(s2);
    let (s0hw, s0hp) = (words.w(s0h), words.p(s0h));
    let (s0lw, s0lp) = (words.w(s0l), words.p(s0l));
    let (s0rw, s0rp) = (words.w(s0r), words.p(s0r));
    let (n0lw, n0lp) = (words.w(n0l), words.p(n0l));
    let d = distance(s0, n0);
    let s0vl = get(&state.n_left, s0, 0) as u64;
    let s0vr = get(&state.n_right, s0, 0) as u64;
    let n0vl = get(&state.n_left, n0, 0) as u64;
    let s0sl = get(&state.left_labels, s0, 0);
    let s0sr = get(&state.right_labels, s0, 0);
    let n0sl = get(&state.left_labels, n0, 0);

    let f1 = |t: u64, a: u64| mix(t, a);
    let f2 = |t: u64, a: u64, b: u64| mix(mix(t, a), b);
    let f3 = |t: u64, a: u64, b: u64, c: u64| mix(mix(mix(t, a), b), c);
    let f4 = |t: u64, a: u64, b: u64, c: u64, e: u64| mix(mix(mix(mix(t, a), b), c), e);

    out.extend_from_slice(&[
        // A bias, so that the prior of each move is learned.
        f1(0, 0),
        // Single words.
        f2(1, s0w, s0p),
        f1(2, s0w),
        f1(3, s0p),
        f2(4, n0w, n0p),
        f1(5, n0w),
        f1(6, n0p),
        f2(7, n1w, n1p),
        f1(8, n1w),
        f1(9, n1p),
        f2(10, n2w, n2p),
        f1(11, n2w),
        f1(12, n2p),
        // Word pairs.
        f4(13, s0w, s0p, n0w, n0p),
        f3(14, s0w, s0p, n0w),
        f3(15, s0w, n0w, n0p),
        f3(16, s0w, s0p, n0p),
        f3(17, s0p, n0w, n0p),
        f2(18, s0w, n0w),
        f2(19, s0p, n0p),
        f2(20, n0p, n1p),
        // Three words.
        f3(21, n0p, n1p, n2p),
        f3(22, s0p, n0p, n1p),
        f3(23, s0hp, s0p, n0p),
        f3(24, s0p, s0lp, n0p),
        f3(25, s0p, s0rp, n0p),
        f3(26, s0p, n0p, n0lp),
        // Distance.
        f2(27, s0w, d),
        f2(28, s0p, d),
        f2(29, n0w, d),
        f2(30, n0p, d),
        f3(31, s0w, n0w, d),
        f3(32, s0p, n0p, d),
        // Valency.
        f2(33, s0w, s0vr),
        f2(34, s0p, s0vr),
        f2(35, s0w, s0vl),
        f2(36, s0p, s0vl),
        f2(37, n0w, n0vl),
        f2(38, n0p, n0vl),
        // Heads, children and labels.
        f1(39, s0hw),
        f1(40, s0hp),
        f1(41, lab(s0)),
        f1(42, s0lw),
        f1(43, s0lp),
        f1(44, lab(s0l)),
        f1(45, s0rw),
        f1(46, s0rp),
        f1(47, lab(s0r)),
        f1(48, n0lw),
        f1(49, n0lp),
        f1(50, lab(n0l)),
        // Third order.
        f1(51, words.w(s0h2)),
        f1(52, words.p(s0h2)),
        f1(53, lab(s0h)),
        f1(54, words.w(s0l2)),
        f1(55, words.p(s0l2)),
        f1(56, lab(s0l2)),
        f1(57, words.w(s0r2)),
        f1(58, words.p(s0r2)),
        f1(59, lab(s0r2)),
        f1(60, words.w(n0l2)),
        f1(61, words.p(n0l2)),
        f1(62, lab(n0l2)),
        f3(63, s0p, s0lp, words.p(s0l2)),
        f3(64, s0p, s0rp, words.p(s0r2)),
        f3(65, s0p, s0hp, words.p(s0h2)),
        f3(66, n0p, n0lp, words.p(n0l2)),
        // Label sets.
        f2(67, s0w, s0sr),
        f2(68, s0p, s0sr),
        f2(69, s0w, s0sl),
        f2(70, s0p, s0sl),
        f2(71, n0w, n0sl),
        f2(72, n0p, n0sl),
        // Deeper stack, and whether the root is taken.
        f2(73, s1w, s1p),
        f1(74, s1p),
        f3(75, s1p, s0p, n0p),
        f3(76, s1w, s0p, n0p),
        f3(77, s2p, s1p, s0p),
        f3(78, state.root_taken as u64, s0p, n0p),
        // Coarse tags and word endings, which make up for some of the tagger's mistakes.
        f2(79, words.u(s0), words.u(n0)),
        f3(80, words.u(s0), words.u(n0), words.u(n1)),
        f3(81, words.u(s1), words.u(s0), words.u(n0)),
        f2(82, words.x(n0), s0p),
        f2(83, words.x(s0), n0p),
        f1(84, words.x(n1)),
        f2(85, n0w, n1w),
        f2(86, words.x(n0), words.x(s0)),
    ]);
    if features.lemmas {
        let (s0l, n0l, n1l) = (words.l(s0), words.l(n0), words.l(n1));
        out.extend_from_slice(&[
            f1(110, s0l),
            f1(111, n0l),
            f1(112, n1l),
            f2(113, s0l, n0l),
            f2(114, s0l, n0p),
            f2(115, s0p, n0l),
            f3(116, s0l, n0l, d),
            f2(117, n0l, n1l),
            f2(118, words.l(s0h), s0l),
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_hash_folds_case_and_digits() {
        assert_eq!(form_hash("Bush"), form_hash("bush"));
        assert_eq!(form_hash("1984"), form_hash("2023"));
        assert_ne!(form_hash("bush"), form_hash("push"));
    }

    #[test]
    fn the_first_parser_gets_its_features_unchanged() {
        let tokens: Vec<Token> = ["Kishida", ",", "met", "Lavrov"]
            .iter()
            .map(|w| Token::new(w))
            .collect();
        let mut state = State::default();
        state.reset(4);
        let lemmas = ParserFeatures { lemmas: true };
        let (mut plain, mut with_lemmas) = (Words::default(), Words::default());
        plain.fill(&tokens, ParserFeatures::default());
        with_lemmas.fill(&tokens, lemmas);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        extract(&state, &plain, ParserFeatures::default(), &mut a);
        extract(&state, &with_lemmas, lemmas, &mut b);
        assert_eq!(a.len(), 87);
        assert_eq!(b.get(..a.len()), Some(&a[..]));
        assert!(b.len() > a.len());
    }

    #[test]
    fn features_are_distinct_and_depend_on_the_state() {
        let tokens: Vec<Token> = ["Kishida", "met", "Lavrov"]
            .iter()
            .map(|w| Token::new(w))
            .collect();
        let mut words = Words::default();
        let features = ParserFeatures { lemmas: true };
        words.fill(&tokens, features);
        let mut state = State::default();
        state.reset(3);
        let mut a = Vec::new();
        extract(&state, &words, features, &mut a);
        let mut sorted = a.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), a.len(), "templates must not collide");
        state.apply(super::super::transition::Move::Shift);
        let mut b = Vec::new();
        extract(&state, &words, features, &mut b);
        assert_ne!(a, b);
    }
}
