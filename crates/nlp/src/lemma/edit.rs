//! Edit rules that turn a word into its lemma, and how the lemma is capitalized.

use crate::perceptron::{write_string, ByteReader, ModelError};
use std::io::{self, Write};

/// "Remove `remove` from the end, then append `append`", on lowercased text: `cities` → `city`
/// is ("ies", "y"). Keeping the removed text makes a rule apply only to words that end with it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Edit {
    remove: String,
    append: String,
}

/// How a lemma is capitalized relative to its word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Casing {
    /// All lowercase: `Investors` → `investor`.
    Lower,
    /// The word's own capitals: `Americans` → `American`, `NATO` → `NATO`.
    Keep,
    /// The word's capitals and a capital first letter: `kerala`/NNP → `Kerala`.
    Title,
    /// A capital first letter, the rest lowercase: a name in capitals, `SCALIA`/NNP → `Scalia`.
    Capitalized,
}

impl Casing {
    pub(crate) const ALL: [Casing; 4] = [
        Casing::Lower,
        Casing::Keep,
        Casing::Title,
        Casing::Capitalized,
    ];
}

impl Edit {
    /// The edit that turns `form` into `lemma`, keeping their longest common prefix.
    pub(crate) fn between(form: &str, lemma: &str) -> Edit {
        let common: usize = form
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        Edit {
            remove: form.get(common..).unwrap_or("").to_string(),
            append: lemma.get(common..).unwrap_or("").to_string(),
        }
    }

    /// The lemma of a word whose lowercased form is `lower`, cased from `form`; `None` when the
    /// word does not end with what the edit removes, or when nothing of the word would be left.
    pub(crate) fn apply(&self, lower: &str, form: &str, casing: Casing) -> Option<String> {
        let stem = lower.strip_suffix(self.remove.as_str())?;
        // A rule for unseen words that leaves one letter (`wing` → `w`) is almost always a rule
        // for a longer suffix misapplied.
        if stem.is_empty() || (!self.remove.is_empty() && stem.chars().nth(1).is_none()) {
            return None;
        }
        let removed = self.remove.chars().count();
        let mut out = String::with_capacity(form.len() + self.append.len());
        match casing {
            Casing::Lower | Casing::Capitalized => out.push_str(stem),
            Casing::Keep | Casing::Title => {
                // Lowercasing can change the number of characters (`İ`); then only the lowercased
                // stem is safe to use.
                let kept = form.chars().count().checked_sub(removed);
                match kept.filter(|_| form.chars().count() == lower.chars().count()) {
                    Some(kept) => out.extend(form.chars().take(kept)),
                    None => out.push_str(stem),
                }
            }
        }
        out.push_str(&self.append);
        if matches!(casing, Casing::Title | Casing::Capitalized) {
            out = title_case(&out);
        }
        Some(out)
    }

    pub(crate) fn write<W: Write>(&self, out: &mut W) -> io::Result<()> {
        write_string(out, &self.remove)?;
        write_string(out, &self.append)
    }

    pub(crate) fn read(r: &mut ByteReader) -> Result<Edit, ModelError> {
        let remove = r.string()?.to_string();
        let append = r.string()?.to_string();
        Ok(Edit { remove, append })
    }
}

/// `word` with its first character in upper case.
pub(crate) fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How a word is capitalized, which decides how its lemma is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Shape {
    /// No capital letters.
    Lower,
    /// A capital first letter only: `Investors`, `I`.
    Title,
    /// Every letter a capital, two to four: `NATO`, mostly acronyms.
    Upper,
    /// Every letter a capital, five or more: `SCALIA`, `TEHRAN`, as often a name in capitals as an
    /// acronym.
    LongUpper,
    /// Anything else: `iPhone`, `McCain`.
    Mixed,
}

impl Shape {
    pub(crate) fn of(word: &str) -> Shape {
        let (mut upper, mut lower, mut first_upper) = (0usize, 0usize, false);
        for (i, c) in word.chars().enumerate() {
            if c.is_uppercase() {
                upper += 1;
                first_upper |= i == 0;
            } else if c.is_lowercase() {
                lower += 1;
            }
        }
        match (upper, lower) {
            (0, _) => Shape::Lower,
            (1, _) if first_upper => Shape::Title,
            (5.., 0) => Shape::LongUpper,
            (_, 0) => Shape::Upper,
            _ => Shape::Mixed,
        }
    }
}

/// Writes `word` lowercased character by character into `out` (the same mapping in training and
/// at run time, unlike `str::to_lowercase`, whose final-sigma rule depends on context).
pub(crate) fn lowercase_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        out.extend(c.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_are_found_and_applied_only_where_they_fit() {
        let e = Edit::between("cities", "city");
        assert_eq!(
            e,
            Edit {
                remove: "ies".into(),
                append: "y".into()
            }
        );
        assert_eq!(
            e.apply("ladies", "Ladies", Casing::Lower).as_deref(),
            Some("lady")
        );
        assert_eq!(
            e.apply("ladies", "Ladies", Casing::Keep).as_deref(),
            Some("Lady")
        );
        assert_eq!(e.apply("dogs", "dogs", Casing::Lower), None);
        assert_eq!(e.apply("ies", "ies", Casing::Lower), None);
        assert_eq!(
            Edit::between("walking", "walk").apply("wing", "wing", Casing::Lower),
            None
        );
        assert_eq!(
            Edit::between("kerala", "kerala")
                .apply("kerala", "kerala", Casing::Title)
                .as_deref(),
            Some("Kerala")
        );
        assert_eq!(
            Edit::between("naïve", "naïve")
                .apply("café", "Café", Casing::Keep)
                .as_deref(),
            Some("Café")
        );
    }

    #[test]
    fn shapes() {
        assert_eq!(Shape::of("dogs"), Shape::Lower);
        assert_eq!(Shape::of("Dogs"), Shape::Title);
        assert_eq!(Shape::of("I"), Shape::Title);
        assert_eq!(Shape::of("NATO"), Shape::Upper);
        assert_eq!(Shape::of("iPhone"), Shape::Mixed);
        assert_eq!(Shape::of("123"), Shape::Lower);
    }
}
