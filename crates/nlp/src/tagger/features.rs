//! Feature extraction for the tagger: per-word hashes computed once, then combined per position.
//!
//! Each word of a sentence is summarised once into a [`WordInfo`] (hashes of its form, normalised
//! form, affixes and shape, plus a few flags), so that the per-position templates only mix numbers:
//! no strings are built in the hot path.

use crate::perceptron::mix;

/// How many neighbours on each side the templates look at.
pub(crate) const WINDOW: usize = 2;

/// The longest affix (in characters) used as a feature.
const MAX_SUFFIX: usize = 4;
const MAX_PREFIX: usize = 3;

/// Flag bits describing a word's characters.
const HAS_UPPER: u32 = 1;
const FIRST_UPPER: u32 = 1 << 1;
const ALL_UPPER: u32 = 1 << 2;
const HAS_DIGIT: u32 = 1 << 3;
const ALL_DIGIT: u32 = 1 << 4;
const HAS_HYPHEN: u32 = 1 << 5;
const HAS_PERIOD: u32 = 1 << 6;
const HAS_ALPHA: u32 = 1 << 7;
const NO_ALNUM: u32 = 1 << 8;
const FLAG_BITS: u32 = 9;

/// What the templates need to know about one word, as hashes.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    /// The exact form, case kept.
    pub(crate) form: u64,
    /// Lowercased, with every digit mapped to `0` so that numbers share statistics.
    pub(crate) norm: u64,
    /// `suffix[k]` hashes the last `k + 1` lowercased characters.
    suffix: [u64; MAX_SUFFIX],
    /// `prefix[k]` hashes the first `k + 1` lowercased characters.
    prefix: [u64; MAX_PREFIX],
    /// Character classes (`X`, `x`, `d`, the character itself otherwise), runs cut at two.
    shape: u64,
    flags: u32,
    /// Length in characters, capped, as a coarse feature.
    length: u32,
    /// The word's ambiguity class: a hash of the tags it took in training
    /// ([`TaggerFeatures::ambiguity`]), or [`UNSEEN`] for a word seen too rarely.
    pub(crate) ambiguity: u64,
}

/// The ambiguity class of a word the tagger's training saw too rarely to know its tags.
pub(crate) const UNSEEN: u64 = 0x0000_05EE_0000;

/// Templates beyond those of the first tagger, each of which can be turned on alone so that its
/// worth can be measured; a model records the ones it was trained with, so that it is always
/// read with the features it learned from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TaggerFeatures {
    /// The word's ambiguity class (the set of tags it took in training, for words seen often
    /// enough), alone and with the tags and ambiguity classes around it: what a rare word
    /// shares with the other words of its class ("NOUN or VERB" after a determiner).
    pub ambiguity: bool,
}

impl TaggerFeatures {
    /// The names of the optional templates, as `--tagger-features` takes them.
    pub const NAMES: [&'static str; 1] = ["ambiguity"];

    /// The features named in a comma-separated list (`ambiguity`); `none` or an
    /// empty list is the first tagger's set. `Err` names the unknown word.
    pub fn parse(list: &str) -> Result<TaggerFeatures, String> {
        let [ambiguity] = crate::perceptron::templates_named(list, Self::NAMES)?;
        Ok(TaggerFeatures { ambiguity })
    }

    /// The comma-separated names of the features turned on, or `none`.
    pub fn describe(&self) -> String {
        crate::perceptron::describe_templates([self.ambiguity], Self::NAMES)
    }

    /// The features as bits, as a model file stores them. Bit 1 stays unused: it stood for a
    /// template set measured in development and dropped (it did not pay on dev), and a model
    /// written then must not be read as something else.
    pub(crate) fn bits(&self) -> u32 {
        self.ambiguity as u32
    }

    /// The features of stored bits; `None` for a bit this petrel does not know.
    pub(crate) fn from_bits(bits: u32) -> Option<TaggerFeatures> {
        (bits & !1 == 0).then_some(TaggerFeatures {
            ambiguity: bits & 1 != 0,
        })
    }
}

/// A 64-bit FNV-1a step over one character.
#[inline]
fn fnv(h: u64, c: char) -> u64 {
    (h ^ c as u64).wrapping_mul(0x0100_0000_01b3)
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

impl WordInfo {
    /// A placeholder for the positions before the start or after the end of a sentence.
    pub(crate) fn boundary(which: u64) -> WordInfo {
        let h = mix(0xB0_0DA2, which);
        WordInfo {
            form: h,
            norm: h,
            suffix: [h; MAX_SUFFIX],
            prefix: [h; MAX_PREFIX],
            shape: h,
            flags: 0,
            length: 0,
            ambiguity: h,
        }
    }

    /// Summarises `form`; `lower` is a scratch buffer reused between calls.
    pub(crate) fn new(form: &str, lower: &mut Vec<char>) -> WordInfo {
        lower.clear();
        let mut form_hash = FNV_START;
        let mut shape = FNV_START;
        let mut last_class = '\0';
        let mut run = 0usize;
        let (mut upper, mut digits, mut alpha, mut alnum, mut chars) =
            (0usize, 0usize, 0usize, 0usize, 0usize);
        let mut flags = 0u32;
        for (i, c) in form.chars().enumerate() {
            chars += 1;
            form_hash = fnv(form_hash, c);
            let class = if c.is_uppercase() {
                upper += 1;
                alpha += 1;
                if i == 0 {
                    flags |= FIRST_UPPER;
                }
                'X'
            } else if c.is_alphabetic() {
                alpha += 1;
                'x'
            } else if c.is_numeric() {
                digits += 1;
                'd'
            } else {
                match c {
                    '-' | '‐' | '–' | '—' => flags |= HAS_HYPHEN,
                    '.' => flags |= HAS_PERIOD,
                    _ => {}
                }
                c
            };
            if c.is_alphanumeric() {
                alnum += 1;
            }
            if class == last_class {
                run += 1;
            } else {
                run = 1;
                last_class = class;
            }
            if run <= 2 {
                shape = fnv(shape, class);
            }
            if c.is_ascii_digit() {
                lower.push('0');
            } else if c.is_uppercase() {
                lower.extend(c.to_lowercase());
            } else {
                lower.push(c);
            }
        }
        if upper > 0 {
            flags |= HAS_UPPER;
            if upper == alpha {
                flags |= ALL_UPPER;
            }
        }
        if digits > 0 {
            flags |= HAS_DIGIT;
            if digits == chars {
                flags |= ALL_DIGIT;
            }
        }
        if alpha > 0 {
            flags |= HAS_ALPHA;
        }
        if alnum == 0 {
            flags |= NO_ALNUM;
        }
        let norm = lower.iter().fold(FNV_START, |h, &c| fnv(h, c));
        let mut suffix = [0u64; MAX_SUFFIX];
        for (k, slot) in suffix.iter_mut().enumerate() {
            let start = lower.len().saturating_sub(k + 1);
            *slot = lower
                .get(start..)
                .unwrap_or(&[])
                .iter()
                .fold(FNV_START, |h, &c| fnv(h, c));
        }
        let mut prefix = [0u64; MAX_PREFIX];
        for (k, slot) in prefix.iter_mut().enumerate() {
            let end = lower.len().min(k + 1);
            *slot = lower
                .get(..end)
                .unwrap_or(&[])
                .iter()
                .fold(FNV_START, |h, &c| fnv(h, c));
        }
        WordInfo {
            form: form_hash,
            norm,
            suffix,
            prefix,
            shape,
            flags,
            length: chars.min(12) as u32,
            ambiguity: UNSEEN,
        }
    }
}

/// Template ids: each feature is a hash of its template id and its values.
mod t {
    pub const BIAS: u64 = 1;
    pub const NORM: u64 = 2;
    pub const FORM: u64 = 3;
    pub const SUFFIX: u64 = 4; // 4..8
    pub const PREFIX: u64 = 8; // 8..11
    pub const SHAPE: u64 = 11;
    pub const FLAGS: u64 = 12;
    pub const FLAG_BIT: u64 = 13;
    pub const LENGTH: u64 = 14;
    pub const FIRST_SHAPE: u64 = 15;
    pub const PREV_TAG: u64 = 20;
    pub const PREV2_TAG: u64 = 21;
    pub const PREV_TAGS: u64 = 22;
    pub const PREV_TAG_NORM: u64 = 23;
    pub const PREV_TAG_SUFFIX: u64 = 24;
    pub const PREV_NORM: u64 = 30;
    pub const PREV2_NORM: u64 = 31;
    pub const NEXT_NORM: u64 = 32;
    pub const NEXT2_NORM: u64 = 33;
    pub const PREV_SUFFIX: u64 = 34;
    pub const NEXT_SUFFIX: u64 = 35;
    pub const PREV_BIGRAM: u64 = 36;
    pub const NEXT_BIGRAM: u64 = 37;
    pub const NEXT_SHAPE: u64 = 38;
    pub const PREV_SHAPE: u64 = 39;
    pub const NEXT_FLAGS: u64 = 40;
    pub const NEXT_TAG: u64 = 50;
    pub const NEXT2_TAG: u64 = 51;
    pub const NEXT_TAGS: u64 = 52;
    pub const AROUND_TAGS: u64 = 53;
    pub const NEXT_TAG_NORM: u64 = 54;
    pub const NEXT_TAG_SUFFIX: u64 = 55;
    pub const AMBIGUITY: u64 = 60;
    pub const AMBIGUITY_PREV_TAG: u64 = 61;
    pub const AMBIGUITY_PREV_TAGS: u64 = 62;
    pub const AMBIGUITY_NEXT: u64 = 63;
    pub const NEXT_AMBIGUITY: u64 = 64;
    pub const NEXT2_AMBIGUITY: u64 = 65;
    pub const PREV_AMBIGUITY: u64 = 66;
    pub const AMBIGUITY_NEXT_TAG: u64 = 67;
    pub const AMBIGUITY_AROUND_TAGS: u64 = 68;
    pub const AMBIGUITY_SUFFIX: u64 = 69;
}

#[inline]
fn f1(template: u64, a: u64) -> u64 {
    mix(template, a)
}

#[inline]
fn f2(template: u64, a: u64, b: u64) -> u64 {
    mix(mix(template, a), b)
}

#[inline]
fn f3(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(template, a), b), c)
}

/// The tags already known around a position: the two to the left (this pass) and, in the second
/// pass, the two to the right (from the first pass). Tags are class ids; boundaries get ids past
/// the last class.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TagContext {
    pub(crate) prev: u64,
    pub(crate) prev2: u64,
    pub(crate) next: Option<(u64, u64)>,
}

/// Appends the features of the word at `i` of `words` to `out`. `words` is padded with
/// [`WINDOW`] boundary entries on each side, so word `i` of the sentence is `words[i + WINDOW]`.
pub(crate) fn extract(
    words: &[WordInfo],
    i: usize,
    tags: TagContext,
    features: TaggerFeatures,
    out: &mut Vec<u64>,
) {
    let at = |offset: usize| {
        words
            .get(i + offset)
            .copied()
            .unwrap_or_else(|| WordInfo::boundary(9))
    };
    let (p2, p1, w, n1, n2) = (at(0), at(1), at(2), at(3), at(4));
    out.push(t::BIAS);
    out.push(f1(t::NORM, w.norm));
    out.push(f1(t::FORM, w.form));
    for (k, s) in w.suffix.iter().enumerate() {
        out.push(f1(t::SUFFIX + k as u64, *s));
    }
    for (k, p) in w.prefix.iter().enumerate() {
        out.push(f1(t::PREFIX + k as u64, *p));
    }
    out.push(f1(t::SHAPE, w.shape));
    out.push(f1(t::FLAGS, w.flags as u64));
    for bit in 0..FLAG_BITS {
        if w.flags & (1 << bit) != 0 {
            out.push(f1(t::FLAG_BIT, bit as u64));
        }
    }
    out.push(f1(t::LENGTH, w.length as u64));
    if i == 0 {
        out.push(f1(t::FIRST_SHAPE, w.shape));
    }
    out.push(f1(t::PREV_TAG, tags.prev));
    out.push(f1(t::PREV2_TAG, tags.prev2));
    out.push(f2(t::PREV_TAGS, tags.prev, tags.prev2));
    out.push(f2(t::PREV_TAG_NORM, tags.prev, w.norm));
    out.push(f2(t::PREV_TAG_SUFFIX, tags.prev, w.suffix[2]));
    out.push(f1(t::PREV_NORM, p1.norm));
    out.push(f1(t::PREV2_NORM, p2.norm));
    out.push(f1(t::NEXT_NORM, n1.norm));
    out.push(f1(t::NEXT2_NORM, n2.norm));
    out.push(f1(t::PREV_SUFFIX, p1.suffix[2]));
    out.push(f1(t::NEXT_SUFFIX, n1.suffix[2]));
    out.push(f2(t::PREV_BIGRAM, p1.norm, w.norm));
    out.push(f2(t::NEXT_BIGRAM, w.norm, n1.norm));
    out.push(f1(t::NEXT_SHAPE, n1.shape));
    out.push(f1(t::PREV_SHAPE, p1.shape));
    out.push(f1(t::NEXT_FLAGS, n1.flags as u64));

    if let Some((next, next2)) = tags.next {
        out.push(f1(t::NEXT_TAG, next));
        out.push(f1(t::NEXT2_TAG, next2));
        out.push(f2(t::NEXT_TAGS, next, next2));
        out.push(f2(t::AROUND_TAGS, tags.prev, next));
        out.push(f2(t::NEXT_TAG_NORM, next, w.norm));
        out.push(f2(t::NEXT_TAG_SUFFIX, next, w.suffix[2]));
    }

    if features.ambiguity {
        let a = w.ambiguity;
        out.push(f1(t::AMBIGUITY, a));
        out.push(f2(t::AMBIGUITY_PREV_TAG, a, tags.prev));
        out.push(f3(t::AMBIGUITY_PREV_TAGS, a, tags.prev, tags.prev2));
        out.push(f2(t::AMBIGUITY_NEXT, a, n1.ambiguity));
        out.push(f1(t::NEXT_AMBIGUITY, n1.ambiguity));
        out.push(f1(t::NEXT2_AMBIGUITY, n2.ambiguity));
        out.push(f1(t::PREV_AMBIGUITY, p1.ambiguity));
        out.push(f2(t::AMBIGUITY_SUFFIX, a, w.suffix[2]));
        if let Some((next, _)) = tags.next {
            out.push(f2(t::AMBIGUITY_NEXT_TAG, a, next));
            out.push(f3(t::AMBIGUITY_AROUND_TAGS, a, tags.prev, next));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_share_a_normal_form_and_case_does_not_matter_for_it() {
        let mut buf = Vec::new();
        assert_eq!(
            WordInfo::new("1995", &mut buf).norm,
            WordInfo::new("2024", &mut buf).norm
        );
        assert_eq!(
            WordInfo::new("Market", &mut buf).norm,
            WordInfo::new("market", &mut buf).norm
        );
        assert_ne!(
            WordInfo::new("Market", &mut buf).form,
            WordInfo::new("market", &mut buf).form
        );
    }

    #[test]
    fn suffixes_of_short_words_are_the_whole_word() {
        let mut buf = Vec::new();
        let a = WordInfo::new("is", &mut buf);
        assert_eq!(a.suffix[1], a.suffix[3]);
        assert_eq!(WordInfo::new("", &mut buf).flags & NO_ALNUM, NO_ALNUM);
    }

    #[test]
    fn flags_describe_the_characters() {
        let mut buf = Vec::new();
        let w = WordInfo::new("U.S.-led", &mut buf);
        assert_eq!(
            w.flags & (HAS_UPPER | FIRST_UPPER | HAS_HYPHEN | HAS_PERIOD),
            HAS_UPPER | FIRST_UPPER | HAS_HYPHEN | HAS_PERIOD
        );
        assert_eq!(w.flags & ALL_UPPER, 0);
        assert_ne!(WordInfo::new("NATO", &mut buf).flags & ALL_UPPER, 0);
    }
}
