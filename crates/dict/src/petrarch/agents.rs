//! The PETRARCH agents format: `phrase {plurals} [~CODE]` lines and `!MACRO! = A, B` substitution
//! sets. `~CODE` adds the code after the actor's code (`JPN` + `~GOV` = `JPNGOV`); `CODE~` adds it
//! before (`NGO~` on `JPN` gives `NGOJPN`).
//!
//! ```text
//! !SAILOR! = SAILOR, SAILORS, SEAMAN, SEAMEN
//! HARBOUR_MASTER [~GOV]
//! NAVAL!SAILOR! [~MIL]
//! RELIEF_AGENCY {RELIEF_AGENCIES} [NGO~]
//! POLICE {} [~COP]
//! ```

use crate::diagnostic::{Diagnostic, DiagnosticKind, Source};
use crate::lines::LineReader;
use crate::petrarch::{phrase_words, plural, split_code, MAX_PHRASE_WORDS};
use crate::trie::PhraseTrie;
use crate::vocabulary::{upper_case, FastMap, Vocabulary, Word};
use petrel_core::ActorCode;
use std::sync::Arc;

/// The most phrases one agents line may expand to through its `!MACRO!`s and plurals.
pub const MAX_EXPANSIONS: usize = 256;

/// Where an agent's code goes relative to the actor's code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AgentPlacement {
    /// `[~GOV]`: after the actor code (`JPN` → `JPNGOV`). The usual case.
    Suffix,
    /// `[NGO~]`: before the actor code (`JPN` → `NGOJPN`), used for organisations.
    Prefix,
}

/// Index of an [`Agent`] in [`Agents`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AgentId(pub u32);

/// One agents line: a role noun such as "foreign minister" and its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agent {
    pub id: AgentId,
    /// The phrase as written, upper-case, words joined by blanks, macros left in (`CONGRESS!PERSON!`).
    pub name: Box<str>,
    pub code: ActorCode,
    pub placement: AgentPlacement,
    /// Whether the phrase was written with a blank between words, which in this format lets other
    /// words come between them ("CHIEF EXECUTIVE" matches "chief financial executive"). The trie
    /// itself matches the words as consecutive.
    pub gapped: bool,
    pub source: Source,
}

impl Agent {
    /// Combines this agent with an actor code: `JPN` with `~GOV` gives `JPNGOV`, with `NGO~` gives
    /// `NGOJPN`. `None` when the result would be longer than an actor code may be.
    pub fn apply(&self, actor: ActorCode) -> Option<ActorCode> {
        match self.placement {
            AgentPlacement::Suffix => actor.concat(&self.code),
            AgentPlacement::Prefix => self.code.concat(&actor),
        }
    }
}

/// The compiled agents dictionary: singular and plural phrases in one word trie.
#[derive(Clone, Debug, Default)]
pub struct Agents {
    trie: PhraseTrie<AgentId>,
    agents: Vec<Agent>,
    phrases: Vec<(Box<[Word]>, AgentId)>,
}

impl Agents {
    /// The agent with the longest phrase that starts `words`, with the phrase's length in tokens.
    pub fn longest_match<I>(&self, words: I) -> Option<(usize, &Agent)>
    where
        I: IntoIterator<Item = Option<Word>>,
    {
        let (len, id) = self.trie.longest_match(words)?;
        Some((len, self.get(*id)?))
    }

    /// The agent whose phrase (singular or plural) is exactly `words`.
    pub fn get_phrase(&self, words: &[Word]) -> Option<&Agent> {
        self.get(*self.trie.get(words)?)
    }

    pub fn get(&self, id: AgentId) -> Option<&Agent> {
        self.agents.get(id.0 as usize)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Agent> {
        self.agents.iter()
    }

    pub fn len(&self) -> usize {
        self.agents.len()
    }

    pub fn is_empty(&self) -> bool {
        self.agents.is_empty()
    }

    /// The number of distinct phrases, plurals and macro expansions included.
    pub fn phrase_count(&self) -> usize {
        self.phrases.len()
    }

    /// Every phrase that can match (plurals and macro forms included), in file order, with its
    /// agent.
    pub fn phrases(&self) -> impl Iterator<Item = (&[Word], &Agent)> {
        self.phrases
            .iter()
            .filter_map(|(words, id)| Some((&**words, self.get(*id)?)))
    }
}

/// Reads an agents file.
pub fn read(file: &str, text: &[u8], vocabulary: &mut Vocabulary) -> (Agents, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let file: Arc<str> = Arc::from(file);
    let lines: Vec<_> = LineReader::new(file.clone(), text, &mut diagnostics).collect();
    let mut agents = Agents::default();
    let mut macros: FastMap<Box<str>, Vec<String>> = FastMap::default();
    for line in lines {
        let source = Source {
            file: file.clone(),
            line: line.number,
        };
        let text = upper_case(&line.text);
        if let Some((name, list)) = macro_definition(&text) {
            let members: Vec<String> = list
                .split(',')
                .map(|m| m.trim().to_string())
                .filter(|m| !m.is_empty())
                .collect();
            macros.insert(name.into(), members);
            continue;
        }
        let (body, code) = match split_code(&text) {
            Ok((body, Some(code))) => (body, code),
            Ok((_, None)) => {
                diagnostics.push(Diagnostic::new(
                    &source,
                    DiagnosticKind::MissingCode,
                    "agent has no [~CODE]; add one such as [~GOV]",
                ));
                continue;
            }
            Err(()) => {
                diagnostics.push(Diagnostic::new(
                    &source,
                    DiagnosticKind::Unbalanced,
                    "`[` is never closed; end the code with `]`",
                ));
                continue;
            }
        };
        let (code, placement) = match (code.strip_prefix('~'), code.strip_suffix('~')) {
            (Some(code), _) => (code, AgentPlacement::Suffix),
            (None, Some(code)) => (code, AgentPlacement::Prefix),
            (None, None) => {
                diagnostics.push(Diagnostic::new(
                    &source,
                    DiagnosticKind::BadCode,
                    format!("agent code [{code}] has no `~`; write [~{code}] (after the actor) or [{code}~] (before)"),
                ));
                continue;
            }
        };
        let code = match code.parse::<ActorCode>() {
            Ok(code) => code,
            Err(error) => {
                diagnostics.push(Diagnostic::new(
                    &source,
                    DiagnosticKind::BadCode,
                    error.to_string(),
                ));
                continue;
            }
        };
        let (phrase, plurals) = match body.find('{') {
            Some(open) => {
                let inside = body.get(open + 1..).unwrap_or("");
                let Some(close) = inside.find('}') else {
                    diagnostics.push(Diagnostic::new(
                        &source,
                        DiagnosticKind::Unbalanced,
                        "`{` is never closed; end the plurals with `}`",
                    ));
                    continue;
                };
                let forms: Vec<&str> = inside
                    .get(..close)
                    .unwrap_or("")
                    .split_whitespace()
                    .collect();
                (body.get(..open).unwrap_or("").trim(), Some(forms))
            }
            None => (body.trim(), None),
        };
        if phrase.is_empty() {
            diagnostics.push(Diagnostic::new(
                &source,
                DiagnosticKind::Syntax,
                "agent line has no phrase before its code; write the role noun first",
            ));
            continue;
        }
        let expansions = match expand_macros(phrase, &macros) {
            Ok(expansions) => expansions,
            Err(message) => {
                let kind = if message.starts_with("macro") {
                    DiagnosticKind::UnknownMacro
                } else {
                    DiagnosticKind::TooLarge
                };
                diagnostics.push(Diagnostic::new(&source, kind, message));
                continue;
            }
        };
        let used_macro = phrase.contains('!');
        let id = AgentId(agents.agents.len() as u32);
        agents.agents.push(Agent {
            id,
            name: phrase_words(phrase).collect::<Vec<_>>().join(" ").into(),
            code,
            placement,
            gapped: phrase.trim().contains(char::is_whitespace),
            source: source.clone(),
        });
        let mut forms: Vec<String> = Vec::new();
        for expansion in expansions {
            // Macro members are complete forms: the .rst says no plural is formed from them.
            if !used_macro {
                match &plurals {
                    Some(explicit) => forms.extend(explicit.iter().map(|p| p.to_string())),
                    None => {
                        let words: Vec<&str> = phrase_words(&expansion).collect();
                        if let Some((last, head)) = words.split_last() {
                            let mut form: Vec<String> =
                                head.iter().map(|w| w.to_string()).collect();
                            form.push(plural(last));
                            forms.push(form.join(" "));
                        }
                    }
                }
            }
            forms.push(expansion);
        }
        // The written singular goes in first, so a clash is reported against it, not a plural.
        forms.sort_by_key(|f| f != phrase);
        for (n, form) in forms.iter().enumerate() {
            let words: Vec<Word> = phrase_words(form).map(|w| vocabulary.intern(w)).collect();
            if words.len() > MAX_PHRASE_WORDS {
                diagnostics.push(Diagnostic::new(
                    &source,
                    DiagnosticKind::TooLarge,
                    format!(
                        "phrase has {} words, over {MAX_PHRASE_WORDS}; form skipped",
                        words.len()
                    ),
                ));
                continue;
            }
            match agents.trie.insert(&words, id) {
                Ok(()) => agents.phrases.push((words.as_slice().into(), id)),
                Err(_) if n == 0 && !used_macro => {
                    // The same phrase with the same code again is harmless (the Phoenix file has
                    // several); a different code is a real conflict.
                    let first = agents.trie.get(&words).and_then(|&i| agents.get(i));
                    if let Some(first) =
                        first.filter(|f| (f.code, f.placement) != (code, placement))
                    {
                        diagnostics.push(Diagnostic::new(
                            &source,
                            DiagnosticKind::Duplicate,
                            format!(
                                "agent phrase {form:?} is already defined with another code (first at {}); the first entry wins, remove this one",
                                first.source
                            ),
                        ));
                    }
                }
                // A generated plural or macro form that an earlier line already defines keeps the
                // earlier meaning, as every other repeated phrase does; generating it is no error.
                Err(_) => {}
            }
        }
    }
    (agents, diagnostics)
}

/// `!NAME! = A, B, C` → `("!NAME!", "A, B, C")`.
fn macro_definition(text: &str) -> Option<(&str, &str)> {
    let (name, list) = text.split_once('=')?;
    let name = name.trim();
    let inner = name.strip_prefix('!')?.strip_suffix('!')?;
    (!inner.is_empty() && !inner.contains('!')).then_some((name, list.trim()))
}

/// Every phrase `phrase` stands for after substituting each `!MACRO!` with each of its members.
fn expand_macros(
    phrase: &str,
    macros: &FastMap<Box<str>, Vec<String>>,
) -> Result<Vec<String>, String> {
    let mut done = vec![String::new()];
    let mut rest = phrase;
    while let Some(open) = rest.find('!') {
        let literal = rest.get(..open).unwrap_or("");
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('!') else {
            return Err("macro marker `!` is never closed; write !NAME!".into());
        };
        let name = format!("!{}!", after.get(..close).unwrap_or(""));
        let Some(members) = macros.get(name.as_str()) else {
            return Err(format!(
                "macro {name} is not defined; define it above with `{name} = A, B`"
            ));
        };
        if done.len().saturating_mul(members.len().max(1)) > MAX_EXPANSIONS {
            return Err(format!(
                "phrase expands to more than {MAX_EXPANSIONS} forms; split it"
            ));
        }
        done = done
            .iter()
            .flat_map(|d| members.iter().map(move |m| format!("{d}{literal}{m}")))
            .collect();
        rest = after.get(close + 1..).unwrap_or("");
    }
    for d in &mut done {
        d.push_str(rest);
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Agents, Vocabulary, Vec<Diagnostic>) {
        let mut vocabulary = Vocabulary::new();
        let (agents, diagnostics) = read("g.txt", text.as_bytes(), &mut vocabulary);
        (agents, vocabulary, diagnostics)
    }

    fn code_of(agents: &Agents, vocabulary: &Vocabulary, text: &str) -> Option<String> {
        let (len, agent) = agents.longest_match(text.split(' ').map(|w| vocabulary.get(w)))?;
        Some(format!("{len}:{}:{:?}", agent.code, agent.placement))
    }

    #[test]
    fn plurals_regular_explicit_and_none() {
        let text = "PARTY_OFFICIAL [~GOV]\nGOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\nPOLICE {} [~COP]\n";
        let (agents, vocabulary, diagnostics) = load(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            code_of(&agents, &vocabulary, "PARTY OFFICIALS").as_deref(),
            Some("2:GOV:Suffix")
        );
        assert_eq!(
            code_of(&agents, &vocabulary, "GOLDEN GEESE").as_deref(),
            Some("2:GGS:Suffix")
        );
        assert_eq!(code_of(&agents, &vocabulary, "GOLDEN GOOSES"), None);
        assert_eq!(code_of(&agents, &vocabulary, "POLICES"), None);
        assert_eq!(
            code_of(&agents, &vocabulary, "police").as_deref(),
            Some("1:COP:Suffix")
        );
    }

    #[test]
    fn macros_substitute_without_plurals() {
        let text = "!PERSON! = MAN, MEN, WOMAN\nCONGRESS!PERSON! [~LEG]\n!PERSON!_OF_LAW [~JUD]\n";
        let (agents, vocabulary, diagnostics) = load(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert!(code_of(&agents, &vocabulary, "CONGRESSWOMAN").is_some());
        assert!(code_of(&agents, &vocabulary, "CONGRESSMEN").is_some());
        assert!(code_of(&agents, &vocabulary, "CONGRESSMANS").is_none());
        assert_eq!(
            code_of(&agents, &vocabulary, "MEN OF LAW").as_deref(),
            Some("3:JUD:Suffix")
        );
    }

    #[test]
    fn prefix_and_suffix_combine_with_actor_codes() {
        let (agents, _, _) = load("RELIEF_AGENCY [NGO~]\nMINISTER [~GOV]\n");
        let jpn: ActorCode = "JPN".parse().unwrap();
        let combined: Vec<String> = agents
            .iter()
            .map(|a| a.apply(jpn).unwrap().to_string())
            .collect();
        assert_eq!(combined, ["NGOJPN", "JPNGOV"]);
    }

    #[test]
    fn malformed_lines_are_diagnosed() {
        let text = "NO_CODE\nNO_TILDE [GOV]\n!UNDEFINED!_X [~GOV]\nOPEN {X [~GOV]\nMINISTER [~GOV]\nMINISTER [~MIL]\nTYPO [~ENV}\n";
        let (agents, vocabulary, diagnostics) = load(text);
        let kinds: Vec<_> = diagnostics.iter().map(|d| (d.line, d.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                (1, DiagnosticKind::MissingCode),
                (2, DiagnosticKind::BadCode),
                (3, DiagnosticKind::UnknownMacro),
                (4, DiagnosticKind::Unbalanced),
                (6, DiagnosticKind::Duplicate),
            ]
        );
        assert_eq!(
            code_of(&agents, &vocabulary, "MINISTER").as_deref(),
            Some("1:GOV:Suffix")
        );
        assert_eq!(
            code_of(&agents, &vocabulary, "TYPO").as_deref(),
            Some("1:ENV:Suffix")
        );
    }
}
