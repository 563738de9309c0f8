//! The PETRARCH issues list: `phrase [ISSUE_CODE]` lines matched as whole words in the sentence
//! text, with expansions `n:` (singular and plural), `v:` (regular verb forms) and `+` (joined by a
//! blank or a hyphen), ignore phrases `~phrase` / `~~phrase`, and `<ISSUE CATEGORY="...">` groups.
//!
//! ```text
//! <ISSUE CATEGORY="WATER">
//! n:aqueduct [WATER_SUPPLY]
//! drinking n:well [WATER_SUPPLY]
//! v:irrigate [WATER_SUPPLY]
//! ~wishing well
//! </ISSUE>
//! ```

use crate::diagnostic::{Diagnostic, DiagnosticKind, Source};
use crate::lines::LineReader;
use crate::petrarch::{plural, regular_verb_forms, MAX_PHRASE_WORDS};
use crate::trie::{TextEnd, TextTrie};
use crate::vocabulary::upper_case;
use std::ops::ControlFlow;
use std::sync::Arc;

/// The most text forms one issues line may expand to.
pub const MAX_EXPANSIONS: usize = 256;

/// What an issue phrase does when it is found.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IssueKind {
    /// Counts one occurrence of the issue code.
    Code(Arc<str>),
    /// `~` or `~~`: cancels all issue coding of the sentence.
    Ignore,
}

/// One issues line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// The phrase as written, without its code (`drinking n:well`).
    pub phrase: Box<str>,
    pub kind: IssueKind,
    /// The `CATEGORY` of the enclosing `<ISSUE>` group.
    pub category: Option<Arc<str>>,
    pub source: Source,
}

/// Where an issue phrase was found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IssueMatch<'i> {
    pub start: usize,
    pub end: usize,
    pub issue: &'i Issue,
}

/// The compiled issues list, matched against raw sentence text.
#[derive(Clone, Debug, Default)]
pub struct Issues {
    trie: TextTrie<u32>,
    issues: Vec<Issue>,
    forms: usize,
}

impl Issues {
    /// Calls `visit` for every issue phrase (ignore phrases included) found in `text`, in text order.
    pub fn scan<'i>(&'i self, text: &str, mut visit: impl FnMut(IssueMatch<'i>)) {
        self.trie.scan(text, |found| {
            if let Some(issue) = self.issues.get(*found.value as usize) {
                visit(IssueMatch {
                    start: found.start,
                    end: found.end,
                    issue,
                });
            }
            ControlFlow::Continue(())
        });
    }

    /// The issue codes of `text` with the number of matched phrases each, in order of first
    /// occurrence; empty when an ignore phrase occurs, as in PETRARCH.
    pub fn code_text(&self, text: &str) -> Vec<(Arc<str>, u32)> {
        let mut counts: Vec<(Arc<str>, u32)> = Vec::new();
        let mut ignored = false;
        self.scan(text, |found| match &found.issue.kind {
            IssueKind::Ignore => ignored = true,
            IssueKind::Code(code) => match counts.iter_mut().find(|(c, _)| c == code) {
                Some((_, n)) => *n += 1,
                None => counts.push((code.clone(), 1)),
            },
        });
        if ignored {
            counts.clear();
        }
        counts
    }

    pub fn iter(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter()
    }

    /// The number of issues lines.
    pub fn len(&self) -> usize {
        self.issues.len()
    }

    pub fn is_empty(&self) -> bool {
        self.issues.is_empty()
    }

    /// The number of distinct text forms after expansion.
    pub fn form_count(&self) -> usize {
        self.forms
    }
}

/// Reads an issues list.
pub fn read(file: &str, text: &[u8]) -> (Issues, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let file: Arc<str> = Arc::from(file);
    let lines: Vec<_> = LineReader::new(file.clone(), text, &mut diagnostics).collect();
    let mut issues = Issues::default();
    let mut category: Option<Arc<str>> = None;
    for line in lines {
        let source = Source {
            file: file.clone(),
            line: line.number,
        };
        let text = line.text.as_ref();
        if text.starts_with('<') {
            if text.starts_with("</") {
                category = None;
            } else {
                category = attribute(text, "CATEGORY").map(Arc::from);
            }
            continue;
        }
        let (phrase, kind) = if let Some(rest) = text.strip_prefix('~') {
            (rest.trim_start_matches('~').trim(), IssueKind::Ignore)
        } else {
            let Some(open) = text.find('[') else {
                diagnostics.push(Diagnostic::new(
                    &source,
                    DiagnosticKind::MissingCode,
                    "issue phrase has no [CODE]; add one or start the line with `~` to ignore",
                ));
                continue;
            };
            let after = text.get(open + 1..).unwrap_or("");
            let Some(close) = after.find(']') else {
                diagnostics.push(Diagnostic::new(
                    &source,
                    DiagnosticKind::Unbalanced,
                    "`[` is never closed; end the code with `]`",
                ));
                continue;
            };
            let code = after.get(..close).unwrap_or("").trim();
            let trailing = after.get(close + 1..).unwrap_or("").trim();
            if !trailing.is_empty() {
                diagnostics.push(Diagnostic::new(
                    &source,
                    DiagnosticKind::Syntax,
                    format!("text {trailing:?} after the code is ignored; put each phrase on its own line"),
                ));
            }
            if code.is_empty() || code.contains(char::is_whitespace) {
                diagnostics.push(Diagnostic::new(
                    &source,
                    DiagnosticKind::BadCode,
                    format!("issue code [{code}] must be one word such as [WATER_SUPPLY]"),
                ));
                continue;
            }
            (
                text.get(..open).unwrap_or("").trim(),
                IssueKind::Code(Arc::from(upper_case(code))),
            )
        };
        let forms = match expand(phrase) {
            Ok(forms) if !forms.is_empty() => forms,
            Ok(_) => {
                diagnostics.push(Diagnostic::new(
                    &source,
                    DiagnosticKind::Syntax,
                    "issue line has no phrase; write the words before the code",
                ));
                continue;
            }
            Err(message) => {
                diagnostics.push(Diagnostic::new(&source, DiagnosticKind::TooLarge, message));
                continue;
            }
        };
        let id = issues.issues.len() as u32;
        let mut clash = None;
        for form in &forms {
            match issues.trie.insert(form, TextEnd::Word, id) {
                Ok(()) => issues.forms += 1,
                Err(_) => {
                    // Another line (or this one) already produced this form. The same meaning
                    // twice is what `n:`/`v:` expansions routinely do; a different one is a clash.
                    let earlier = issues
                        .trie
                        .get(form, TextEnd::Word)
                        .and_then(|&i| issues.issues.get(i as usize));
                    if let Some(earlier) = earlier.filter(|e| e.kind != kind) {
                        clash.get_or_insert((form.clone(), earlier.source.clone()));
                    }
                }
            }
        }
        if let Some((form, first)) = clash {
            diagnostics.push(Diagnostic::new(
                &source,
                DiagnosticKind::Duplicate,
                format!(
                    "{form:?} already has another meaning at {first}; the first wins, remove one"
                ),
            ));
        }
        issues.issues.push(Issue {
            phrase: phrase.into(),
            kind,
            category: category.clone(),
            source,
        });
    }
    (issues, diagnostics)
}

/// The value of `name="..."` in a tag.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let at = tag.find(name)?;
    let rest = tag.get(at + name.len()..)?.trim_start().strip_prefix('=')?;
    let rest = rest.trim_start().strip_prefix('"')?;
    rest.get(..rest.find('"')?)
}

/// Every upper-case text form of an issue phrase after `n:`, `v:` and `+` expansion.
fn expand(phrase: &str) -> Result<Vec<String>, String> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    if words.len() > MAX_PHRASE_WORDS {
        return Err(format!(
            "phrase has {} words, over {MAX_PHRASE_WORDS}; line skipped",
            words.len()
        ));
    }
    let mut forms = vec![String::new()];
    for word in words {
        let word = upper_case(word);
        let mut variants: Vec<String> = if let Some(noun) = word.strip_prefix("N:") {
            vec![noun.to_string(), plural(noun)]
        } else if let Some(verb) = word.strip_prefix("V:") {
            let [third, past, ing] = regular_verb_forms(verb);
            vec![verb.to_string(), third, past, ing]
        } else {
            vec![word.clone()]
        };
        if word.contains('+') {
            variants = variants
                .iter()
                .flat_map(|v| [v.replace('+', " "), v.replace('+', "-")])
                .collect();
        }
        if forms.len().saturating_mul(variants.len()) > MAX_EXPANSIONS {
            return Err(format!(
                "phrase expands to more than {MAX_EXPANSIONS} forms; split it"
            ));
        }
        forms = forms
            .iter()
            .flat_map(|f| {
                variants.iter().map(move |v| {
                    if f.is_empty() {
                        v.clone()
                    } else {
                        format!("{f} {v}")
                    }
                })
            })
            .collect();
    }
    forms.retain(|f| !f.trim().is_empty());
    forms.dedup();
    Ok(forms)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "<ISSUE CATEGORY=\"WATER\" TYPE=\"ALL\">\nn:aqueduct [WATER_SUPPLY]\ndrinking n:well [WATER_SUPPLY]\nv:irrigate [IRRIGATION]\nrain+water [WATER_SUPPLY]\n~wishing well\n~~holy water\n</ISSUE>\n";

    #[test]
    fn expansions_and_counts() {
        let (issues, diagnostics) = read("i.txt", SAMPLE.as_bytes());
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let counts =
            issues.code_text("New aqueducts and drinking wells were irrigating rain-water fields.");
        let counts: Vec<(String, u32)> = counts
            .into_iter()
            .map(|(c, n)| (c.to_string(), n))
            .collect();
        assert_eq!(
            counts,
            vec![
                ("WATER_SUPPLY".to_string(), 3),
                ("IRRIGATION".to_string(), 1)
            ]
        );
        assert_eq!(
            issues.iter().next().unwrap().category.as_deref(),
            Some("WATER")
        );
    }

    #[test]
    fn ignore_phrases_cancel_the_sentence() {
        let (issues, _) = read("i.txt", SAMPLE.as_bytes());
        assert!(issues
            .code_text("an aqueduct and a wishing well")
            .is_empty());
        assert!(issues.code_text("holy water from the aqueduct").is_empty());
        assert_eq!(issues.code_text("an aqueduct").len(), 1);
    }

    #[test]
    fn malformed_lines_are_diagnosed() {
        let text = "no code here\nopen [CODE\naqim [TERROR] [TERROR]\nbad [TWO WORDS]\nn:well [WELLS]\nn:well [OTHER]\n";
        let (issues, diagnostics) = read("i.txt", text.as_bytes());
        let kinds: Vec<_> = diagnostics.iter().map(|d| (d.line, d.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                (1, DiagnosticKind::MissingCode),
                (2, DiagnosticKind::Unbalanced),
                (3, DiagnosticKind::Syntax),
                (4, DiagnosticKind::BadCode),
                (6, DiagnosticKind::Duplicate),
            ]
        );
        assert_eq!(issues.code_text("AQIM").len(), 1);
    }
}
