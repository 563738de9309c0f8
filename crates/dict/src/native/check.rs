//! `petrel dict stats` and `petrel dict check` for petrel's own dictionaries: counts of what a set
//! holds, and the problems that load without error but are probably mistakes.

use super::compile::event_codes;
use super::model::{OrganizationKind, Person};
use super::NativeSet;
use crate::diagnostic::{Diagnostic, DiagnosticKind, Source};
use petrel_core::{ActorCode, Date};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

/// CAMEO's roots for actors that are not countries.
pub const NON_COUNTRY_ROOTS: [&str; 8] = ["IGO", "NGO", "NGM", "MNC", "IMG", "UIS", "INT", "UNO"];

/// The sector blocks a role, metonym or agent code may use after its root (CAMEO's actor types
/// and the Phoenix additions).
pub const SECTORS: [&str; 45] = [
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "LEG", "ELI", "CVL", "BUS", "MED", "EDU",
    "REF", "HLH", "LAB", "AGR", "ENV", "CRM", "SPY", "UAF", "INS", "SEP", "IGO", "NGO", "MNC",
    "HRI", "RAD", "MOD", "REL", "CHR", "JEW", "MUS", "BUD", "HIN", "SHI", "SUN", "AMN", "IRC",
    "LEF", "RIG", "NGM", "UNO", "IMG", "ATH",
];

/// What a dictionary set holds; `Display` prints one `name count` line each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub files: usize,
    pub countries: usize,
    pub metonyms: usize,
    pub places: usize,
    pub organizations: BTreeMap<&'static str, usize>,
    pub people: usize,
    pub dated_roles: usize,
    /// Actor phrases: every name, alias, former name and demonym.
    pub actor_phrases: usize,
    /// Agent words (singular forms).
    pub agents: usize,
    pub verb_blocks: usize,
    pub verbs: usize,
    pub patterns: usize,
    pub synsets: usize,
    /// Distinct CAMEO event codes named by blocks, verbs and patterns.
    pub cameo_codes: usize,
    /// Distinct CAMEO roots (01–20) among them.
    pub roots: usize,
    pub discards: usize,
    pub issues: usize,
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "files {}", self.files)?;
        writeln!(f, "countries {}", self.countries)?;
        writeln!(f, "metonyms {}", self.metonyms)?;
        writeln!(f, "places {}", self.places)?;
        for (kind, count) in &self.organizations {
            writeln!(f, "organizations.{kind} {count}")?;
        }
        writeln!(f, "people {}", self.people)?;
        writeln!(f, "dated_roles {}", self.dated_roles)?;
        writeln!(f, "actor_phrases {}", self.actor_phrases)?;
        writeln!(f, "agents {}", self.agents)?;
        writeln!(f, "verb_blocks {}", self.verb_blocks)?;
        writeln!(f, "verbs {}", self.verbs)?;
        writeln!(f, "patterns {}", self.patterns)?;
        writeln!(f, "synsets {}", self.synsets)?;
        writeln!(f, "cameo_codes {}", self.cameo_codes)?;
        writeln!(f, "cameo_roots {}", self.roots)?;
        writeln!(f, "discards {}", self.discards)?;
        writeln!(f, "issues {}", self.issues)
    }
}

/// Counts what `set` holds.
pub fn stats(set: &NativeSet) -> Stats {
    let mut stats = Stats {
        files: set.files.len(),
        ..Stats::default()
    };
    for kind in OrganizationKind::ALL {
        stats.organizations.insert(kind.as_str(), 0);
    }
    let mut codes = BTreeSet::new();
    for file in &set.files {
        stats.countries += file.countries.len();
        for country in &file.countries {
            stats.metonyms += country.metonyms.len();
            stats.actor_phrases += country.names.len()
                + country.former_names.len()
                + country.demonyms.len()
                + country.metonyms.len()
                + usize::from(country.capital.is_some());
        }
        stats.places += file.places.len();
        stats.actor_phrases += file
            .places
            .iter()
            .map(|p| 1 + p.aliases.len())
            .sum::<usize>();
        for organization in &file.organizations {
            *stats
                .organizations
                .entry(organization.kind.as_str())
                .or_default() += 1;
            stats.actor_phrases += organization.names.len();
        }
        stats.people += file.people.len();
        for person in &file.people {
            stats.dated_roles += person.roles.len();
            stats.actor_phrases += person.names.len();
        }
        stats.agents += file.agents.iter().map(|a| a.words.len()).sum::<usize>();
        stats.verb_blocks += file.verbs.len();
        stats.synsets += file.synsets.len();
        for verb in &file.verbs {
            stats.verbs += verb.verbs.len();
            stats.patterns += verb.patterns.len();
            codes.extend(event_codes(&verb.code));
            for pattern in &verb.patterns {
                codes.extend(event_codes(&pattern.code));
            }
        }
        stats.discards += file.discards.iter().map(|d| d.phrases.len()).sum::<usize>();
        stats.issues += file.issues.iter().map(|i| i.phrases.len()).sum::<usize>();
    }
    stats.cameo_codes = codes.len();
    stats.roots = codes
        .iter()
        .filter_map(|c| c.root())
        .collect::<BTreeSet<_>>()
        .len();
    stats
}

/// What an actor phrase stands for, to tell a harmless repeat from a conflict.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Meaning {
    Code(ActorCode),
    Person(String),
}

struct Checker {
    diagnostics: Vec<Diagnostic>,
    countries: BTreeSet<String>,
    /// Blocks that name an organization of the set (HMS in PSEREBHMS): a role may use them.
    organization_blocks: BTreeSet<String>,
}

impl Checker {
    fn warn(&mut self, file: &Arc<str>, line: u32, kind: DiagnosticKind, message: String) {
        let source = Source {
            file: file.clone(),
            line,
        };
        self.diagnostics
            .push(Diagnostic::new(&source, kind, message));
    }

    fn root_known(&self, root: &str) -> bool {
        self.countries.is_empty()
            || self.countries.contains(root)
            || NON_COUNTRY_ROOTS.contains(&root)
    }

    /// A role or metonym code: a known root, then sector blocks.
    fn actor_code(&mut self, file: &Arc<str>, line: u32, code: ActorCode, sectors_only: bool) {
        let mut blocks = code.blocks();
        let Some(root) = blocks.next() else {
            return;
        };
        if !self.root_known(root) {
            self.warn(file, line, DiagnosticKind::BadCode, format!("code {code} starts with {root}, which is neither a country of this set nor an international root; fix the code or add the country"));
            return;
        }
        if !code.len().is_multiple_of(3) {
            self.warn(file, line, DiagnosticKind::BadCode, format!("code {code} is not made of three-letter blocks; shorten or pad its last block (IAEA is IGOIAE... in CAMEO style)"));
            return;
        }
        // After an international root the blocks name the organization (IGOUNO), not a sector.
        if sectors_only && !NON_COUNTRY_ROOTS.contains(&root) {
            let known = |b: &&str| SECTORS.contains(b) || self.organization_blocks.contains(*b);
            if let Some(block) = blocks.find(|b| !known(b)) {
                self.warn(file, line, DiagnosticKind::BadCode, format!("code {code} has the block {block}, which is neither a CAMEO sector nor part of an organization code of this set; use a sector such as GOV, MIL, OPP"));
            }
        }
    }
}

/// Finds problems that load but are probably mistakes: duplicate ids and names, overlapping role
/// dates, unknown codes and agents whose plural cannot be derived. Empty on what we ship.
pub fn check(set: &NativeSet) -> Vec<Diagnostic> {
    let mut checker = Checker {
        diagnostics: Vec::new(),
        countries: set
            .files
            .iter()
            .flat_map(|f| f.countries.iter().map(|c| c.code.to_string()))
            .collect(),
        organization_blocks: set
            .files
            .iter()
            .flat_map(|f| f.organizations.iter())
            .flat_map(|o| {
                o.code
                    .blocks()
                    .skip(1)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect(),
    };
    let mut ids: BTreeMap<String, (Arc<str>, u32)> = BTreeMap::new();
    let mut phrases: BTreeMap<String, (Meaning, Arc<str>, u32)> = BTreeMap::new();
    let mut country_codes: BTreeMap<String, (Arc<str>, u32)> = BTreeMap::new();
    let mut agent_words: BTreeMap<String, (Arc<str>, u32)> = BTreeMap::new();
    let mut note_phrase = |checker: &mut Checker,
                           file: &Arc<str>,
                           line: u32,
                           text: &str,
                           meaning: Meaning| {
        let key = text.to_uppercase();
        match phrases.get(&key) {
            Some((first, first_file, first_line)) if *first != meaning => {
                let message = format!("{text:?} already names another actor at {first_file}:{first_line}; the first entry wins, remove or qualify this name");
                checker.warn(file, line, DiagnosticKind::Duplicate, message);
            }
            Some(_) => {}
            None => {
                phrases.insert(key, (meaning, file.clone(), line));
            }
        }
    };
    let mut note_id =
        |checker: &mut Checker, file: &Arc<str>, line: u32, id: &str| match ids.get(id) {
            Some((first_file, first_line)) => {
                let message = format!(
                    "id {id:?} is already used at {first_file}:{first_line}; ids must be unique"
                );
                checker.warn(file, line, DiagnosticKind::Duplicate, message);
            }
            None => {
                ids.insert(id.to_string(), (file.clone(), line));
            }
        };
    for file in &set.files {
        let name = &file.name;
        for country in &file.countries {
            let code = country.code.to_string();
            if let Some((first_file, first_line)) = country_codes.get(&code) {
                let message = format!("country {code} is already defined at {first_file}:{first_line}; merge the entries");
                checker.warn(name, country.line, DiagnosticKind::Duplicate, message);
            } else {
                country_codes.insert(code, (name.clone(), country.line));
            }
            let meaning = Meaning::Code(country.code);
            let all = country
                .names
                .iter()
                .chain(country.former_names.iter().map(|f| &f.name))
                .chain(&country.demonyms);
            for phrase in all {
                note_phrase(
                    &mut checker,
                    name,
                    phrase.line,
                    &phrase.text,
                    meaning.clone(),
                );
            }
            for metonym in &country.metonyms {
                checker.actor_code(name, metonym.name.line, metonym.code, true);
                note_phrase(
                    &mut checker,
                    name,
                    metonym.name.line,
                    &metonym.name.text,
                    Meaning::Code(metonym.code),
                );
            }
            if let Some(capital) = &country.capital {
                let listed = country
                    .metonyms
                    .iter()
                    .any(|m| m.name.text.eq_ignore_ascii_case(&capital.text));
                if let (false, Some(code)) =
                    (listed, super::compile::with_sector(country.code, "GOV"))
                {
                    note_phrase(
                        &mut checker,
                        name,
                        capital.line,
                        &capital.text,
                        Meaning::Code(code),
                    );
                }
            }
        }
        for place in &file.places {
            // A place may carry a regional block (PSEGZA for Gaza), not only a sector.
            checker.actor_code(name, place.line, place.country, false);
            for phrase in std::iter::once(&place.name).chain(&place.aliases) {
                note_phrase(
                    &mut checker,
                    name,
                    phrase.line,
                    &phrase.text,
                    Meaning::Code(place.country),
                );
            }
        }
        for organization in &file.organizations {
            note_id(
                &mut checker,
                name,
                organization.id.line,
                &organization.id.text,
            );
            checker.actor_code(name, organization.line, organization.code, false);
            if let Some(country) = organization.country {
                checker.actor_code(name, organization.line, country, true);
            }
            for phrase in &organization.names {
                note_phrase(
                    &mut checker,
                    name,
                    phrase.line,
                    &phrase.text,
                    Meaning::Code(organization.code),
                );
            }
        }
        for person in &file.people {
            note_id(&mut checker, name, person.id.line, &person.id.text);
            for role in &person.roles {
                checker.actor_code(name, role.line, role.code, true);
            }
            check_overlaps(&mut checker, name, person);
            for phrase in &person.names {
                note_phrase(
                    &mut checker,
                    name,
                    phrase.line,
                    &phrase.text,
                    Meaning::Person(person.id.text.clone()),
                );
            }
        }
        for agent in &file.agents {
            for block in agent.code.blocks() {
                if !SECTORS.contains(&block) {
                    let message = format!("agent code {} has the block {block}, which is not a CAMEO sector; use one such as GOV, MIL, OPP", agent.code);
                    checker.warn(name, agent.line, DiagnosticKind::BadCode, message);
                }
            }
            for word in &agent.words {
                let key = word.word.text.to_uppercase();
                if let Some((first_file, first_line)) = agent_words.get(&key) {
                    let message = format!(
                        "agent {:?} is already defined at {first_file}:{first_line}; remove one",
                        word.word.text
                    );
                    checker.warn(name, word.word.line, DiagnosticKind::Duplicate, message);
                } else {
                    agent_words.insert(key, (name.clone(), word.word.line));
                }
                if word.plural.is_none() && needs_plural(&word.word.text) {
                    let message = format!("agent {:?} has an irregular plural; add it to `plurals` (or \"\" when it has none)", word.word.text);
                    checker.warn(name, word.word.line, DiagnosticKind::Syntax, message);
                }
            }
        }
        for verb in &file.verbs {
            let bad_block = event_codes(&verb.code)
                .into_iter()
                .find(|c| !c.is_numeric() || !matches!(c.root(), Some(1..=20)));
            if let Some(code) = bad_block {
                let message =
                    format!("code {code} is not a CAMEO event code (roots 01 to 20); fix it");
                checker.warn(name, verb.line, DiagnosticKind::BadCode, message);
            }
            for pattern in &verb.patterns {
                let bad = event_codes(&pattern.code)
                    .into_iter()
                    .find(|c| !c.is_numeric() || !matches!(c.root(), Some(1..=20)));
                if let Some(code) = bad {
                    let message =
                        format!("code {code} is not a CAMEO event code (roots 01 to 20); fix it");
                    checker.warn(name, pattern.pattern.line, DiagnosticKind::BadCode, message);
                }
            }
        }
    }
    checker.diagnostics
}

/// Two roles of one person with the same code whose dates overlap: the same office entered twice.
/// (Overlapping roles with different codes are concurrent offices; the first listed wins.)
/// Consecutive roles dated to the year ("until 2017", then "from 2017") share that year, as
/// their dates say only that the change fell within it: an overlap counts when one role lies
/// within the other or they share more than a year.
fn check_overlaps(checker: &mut Checker, file: &Arc<str>, person: &Person) {
    let months = |d: Date| i64::from(d.year()) * 12 + i64::from(d.month());
    for (i, a) in person.roles.iter().enumerate() {
        for b in person.roles.iter().skip(i + 1) {
            if a.code != b.code {
                continue;
            }
            let (a_from, b_from) = (a.from.unwrap_or(Date::MIN), b.from.unwrap_or(Date::MIN));
            let (a_until, b_until) = (a.until.unwrap_or(Date::MAX), b.until.unwrap_or(Date::MAX));
            let shared = months(a_until.min(b_until)) - months(a_from.max(b_from));
            let nested = (a_from <= b_from && b_until <= a_until)
                || (b_from <= a_from && a_until <= b_until);
            if a_from < b_until && b_from < a_until && (nested || shared > 12) {
                let message = format!("role {} overlaps the same role at line {} of person {:?}; merge the two or fix the dates", b.code, a.line, person.id.text);
                checker.warn(file, b.line, DiagnosticKind::BadDate, message);
            }
        }
    }
}

/// Whether the regular plural rule (add `-s`, `-es`, `-ies`) gets `word`'s last word wrong.
fn needs_plural(word: &str) -> bool {
    let last = word.split_whitespace().last().unwrap_or("").to_lowercase();
    const REGULAR_MAN: [&str; 6] = ["human", "german", "roman", "shaman", "ottoman", "talisman"];
    (last.ends_with("man") && !REGULAR_MAN.contains(&last.as_str()))
        || last.ends_with("child")
        || last.ends_with("person") && last == "person"
        || (last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("us"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::native::read_files;

    #[test]
    fn regular_plurals_are_not_flagged() {
        assert!(needs_plural("spokesman"));
        assert!(needs_plural("troops"));
        assert!(!needs_plural("minister"));
        assert!(!needs_plural("human rights activist"));
        assert!(!needs_plural("boss"));
    }

    #[test]
    fn roles_that_share_only_the_year_of_a_change_do_not_overlap() {
        let person = |roles: &str| {
            format!("[[person]]\nid = \"x\"\nnames = [\"Xavier Ygrec\"]\nroles = [\n{roles}]\n")
        };
        let problems = |roles: &str| {
            let (set, _) = read_files(&[("p.toml".to_string(), person(roles))]);
            check(&set).len()
        };
        // Foreign minister until some day of 2017, then prime minister from some day of 2017.
        let consecutive = "  { code = \"ARNGOV\", from = \"2012\", until = \"2017\" },\n  { code = \"ARNGOV\", from = \"2017\" },\n";
        assert_eq!(problems(consecutive), 0);
        let doubled = "  { code = \"ARNGOV\", from = \"2012\", until = \"2017\" },\n  { code = \"ARNGOV\", from = \"2015\" },\n";
        assert_eq!(problems(doubled), 1);
        let inside = "  { code = \"ARNGOV\", from = \"2012\", until = \"2017\" },\n  { code = \"ARNGOV\", from = \"2017-03-01\", until = \"2017-04-01\" },\n";
        assert_eq!(problems(inside), 1);
    }

    #[test]
    fn stats_count_codes_and_roots() {
        let toml = "[[verb]]\nname = \"meet\"\ncode = \"040\"\nverbs = [\"meet\"]\npatterns = [\n  { pattern = \"* talks (with +)\", code = \"043\" },\n  { pattern = \"* (against +)\", code = \"112\" },\n]\n";
        let (set, _) = read_files(&[("v.toml".to_string(), toml.to_string())]);
        let stats = stats(&set);
        assert_eq!((stats.patterns, stats.cameo_codes, stats.roots), (2, 3, 2));
    }
}
