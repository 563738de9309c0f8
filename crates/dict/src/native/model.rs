//! Reading one petrel TOML dictionary file into validated entries that remember their lines.
//!
//! The `toml` crate parses and gives byte spans; this module turns spans into 1-based lines and
//! checks what TOML cannot: codes, dates, phrase characters, sizes. A bad entry becomes a
//! [`Diagnostic`] and is left out; the rest of the file loads.

use crate::diagnostic::{Diagnostic, DiagnosticKind, Source};
use crate::petrarch::MAX_PHRASE_WORDS;
use crate::VerbCode;
use petrel_core::{ActorCode, Date};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use toml::Spanned;

/// The largest TOML dictionary file we parse: 8 MiB, several times the largest we ship.
pub const MAX_TOML_BYTES: usize = 8 << 20;

/// The longest name or pattern we accept, in bytes; longer text is a corrupt or hostile file.
pub const MAX_TEXT_BYTES: usize = 512;

/// A phrase or other text with the line it was written on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub text: String,
    pub line: u32,
}

/// A dated role of a person: `code` applies from `from` (included) until `until` (excluded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    pub code: ActorCode,
    pub title: Option<String>,
    pub from: Option<Date>,
    pub until: Option<Date>,
    pub line: u32,
}

/// A `[[person]]` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: Located,
    pub names: Vec<Located>,
    pub note: Option<String>,
    pub roles: Vec<Role>,
    /// The line of the `[[person]]` header (or of the first field when written inline).
    pub line: u32,
}

/// A name a country went by, with the date it stopped being used when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormerName {
    pub name: Located,
    pub until: Option<Date>,
}

/// A place or building that stands for an actor ("the Kremlin" for RUSGOV).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Metonym {
    pub name: Located,
    pub code: ActorCode,
    /// A city (the capital under another name, or a second seat of government), not a building.
    pub city: bool,
}

/// A `[[country]]` entry: a state, territory or observer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Country {
    pub code: ActorCode,
    pub iso2: Option<String>,
    pub names: Vec<Located>,
    pub former_names: Vec<FormerName>,
    pub demonyms: Vec<Located>,
    pub capital: Option<Located>,
    pub metonyms: Vec<Metonym>,
    pub line: u32,
}

/// A `[[place]]` entry: a city, province or region that identifies a country.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub name: Located,
    pub aliases: Vec<Located>,
    pub country: ActorCode,
    pub line: u32,
}

/// What an organization is; `stats` counts each kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrganizationKind {
    Igo,
    Ngo,
    ArmedGroup,
    Party,
    Company,
    Media,
    /// An ethnic or religious community of one country ("the Rohingya"): its civilians.
    Community,
}

impl OrganizationKind {
    pub const ALL: [OrganizationKind; 7] = [
        OrganizationKind::Igo,
        OrganizationKind::Ngo,
        OrganizationKind::ArmedGroup,
        OrganizationKind::Party,
        OrganizationKind::Company,
        OrganizationKind::Media,
        OrganizationKind::Community,
    ];

    /// The spelling used in the files.
    pub fn as_str(self) -> &'static str {
        match self {
            OrganizationKind::Igo => "igo",
            OrganizationKind::Ngo => "ngo",
            OrganizationKind::ArmedGroup => "armed-group",
            OrganizationKind::Party => "party",
            OrganizationKind::Company => "company",
            OrganizationKind::Media => "media",
            OrganizationKind::Community => "community",
        }
    }

    fn parse(text: &str) -> Option<OrganizationKind> {
        OrganizationKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

/// An `[[organization]]` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organization {
    pub id: Located,
    pub code: ActorCode,
    pub kind: OrganizationKind,
    pub names: Vec<Located>,
    pub country: Option<ActorCode>,
    pub line: u32,
}

/// One role noun of an `[[agent]]` entry with its plural (`None`: the regular one; `Some("")`: the
/// word has no plural, as "police").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentWord {
    pub word: Located,
    pub plural: Option<String>,
}

/// An `[[agent]]` entry: role nouns that add a sector to an actor code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentEntry {
    pub code: ActorCode,
    /// Whether the code goes before the actor's (`NGO~`) rather than after (`~GOV`).
    pub prefix: bool,
    pub words: Vec<AgentWord>,
    pub line: u32,
}

/// A verb of a `[[verb]]` block, with its irregular forms when given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbWord {
    pub verb: Located,
    pub forms: Option<Vec<String>>,
}

/// A pattern of a `[[verb]]` block in the PETRARCH-2 pattern language (`* talks (with +)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    pub pattern: Located,
    pub code: VerbCode,
}

/// A `[[verb]]` entry: verbs sharing a default code and a list of patterns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbEntry {
    pub name: Located,
    pub code: VerbCode,
    pub verbs: Vec<VerbWord>,
    pub patterns: Vec<Pattern>,
    pub line: u32,
}

/// A `[[synset]]` entry: a named word class usable in patterns as `&NAME`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynsetEntry {
    pub name: Located,
    pub members: Vec<Located>,
    /// Whether members also match with a regular plural.
    pub plurals: bool,
    pub line: u32,
}

/// A `[[discard]]` entry: phrases that stop a sentence (or a whole story) from being coded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiscardEntry {
    pub story: bool,
    pub phrases: Vec<Located>,
    pub line: u32,
}

/// An `[[issue]]` entry: phrases that mark a sentence as about an issue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueEntry {
    pub code: Located,
    pub category: Option<String>,
    pub phrases: Vec<Located>,
    pub line: u32,
}

/// One TOML dictionary file, validated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NativeFile {
    /// The file name as given (relative to the dictionary directory for [`super::load`]).
    pub name: Arc<str>,
    pub people: Vec<Person>,
    pub countries: Vec<Country>,
    pub places: Vec<Place>,
    pub organizations: Vec<Organization>,
    pub agents: Vec<AgentEntry>,
    pub verbs: Vec<VerbEntry>,
    pub synsets: Vec<SynsetEntry>,
    pub discards: Vec<DiscardEntry>,
    pub issues: Vec<IssueEntry>,
}

// ---- The TOML shapes, as serde reads them. Unknown fields are errors, so typos are caught.

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    person: Vec<Spanned<RawPerson>>,
    #[serde(default)]
    country: Vec<Spanned<RawCountry>>,
    #[serde(default)]
    place: Vec<Spanned<RawPlace>>,
    #[serde(default)]
    organization: Vec<Spanned<RawOrganization>>,
    #[serde(default)]
    agent: Vec<Spanned<RawAgent>>,
    #[serde(default)]
    verb: Vec<Spanned<RawVerb>>,
    #[serde(default)]
    synset: Vec<Spanned<RawSynset>>,
    #[serde(default)]
    discard: Vec<Spanned<RawDiscard>>,
    #[serde(default)]
    issue: Vec<Spanned<RawIssue>>,
}

type Text = Spanned<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    id: Text,
    names: Vec<Text>,
    note: Option<String>,
    #[allow(dead_code)]
    source: Option<String>,
    #[serde(default)]
    roles: Vec<Spanned<RawRole>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    code: Text,
    title: Option<String>,
    from: Option<Text>,
    until: Option<Text>,
    #[allow(dead_code)]
    note: Option<String>,
    #[allow(dead_code)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMetonym {
    name: Text,
    code: Text,
    /// The metonym is a city (a capital), not a building: "a protest in Beijing" is in China.
    #[serde(default)]
    city: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCountry {
    code: Text,
    iso2: Option<String>,
    names: Vec<Text>,
    #[serde(default)]
    former_names: Vec<Spanned<toml::Value>>,
    #[serde(default)]
    demonyms: Vec<Text>,
    capital: Option<Text>,
    #[serde(default)]
    metonyms: Vec<RawMetonym>,
    #[allow(dead_code)]
    note: Option<String>,
    #[allow(dead_code)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    name: Text,
    #[serde(default)]
    aliases: Vec<Text>,
    country: Text,
    #[allow(dead_code)]
    kind: Option<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrganization {
    id: Text,
    code: Text,
    kind: Text,
    names: Vec<Text>,
    country: Option<Text>,
    #[allow(dead_code)]
    note: Option<String>,
    #[allow(dead_code)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgent {
    code: Text,
    #[serde(default)]
    placement: Option<Text>,
    words: Vec<Text>,
    #[serde(default)]
    plurals: BTreeMap<String, String>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    pattern: Text,
    code: Text,
    #[allow(dead_code)]
    example: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVerb {
    name: Text,
    code: Option<Text>,
    verbs: Vec<Text>,
    #[serde(default)]
    forms: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    patterns: Vec<RawPattern>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSynset {
    name: Text,
    members: Vec<Text>,
    #[serde(default = "yes")]
    plurals: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDiscard {
    #[serde(default)]
    story: bool,
    phrases: Vec<Text>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIssue {
    code: Text,
    category: Option<String>,
    phrases: Vec<Text>,
}

/// Maps byte offsets of one file to 1-based lines.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    /// The lines of `[[table]]` headers, by table name, in file order.
    headers: BTreeMap<String, Vec<u32>>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let mut headers: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (i, line) in text.split('\n').enumerate() {
            let trimmed = line.trim();
            if let Some(name) = trimmed
                .strip_prefix("[[")
                .and_then(|rest| rest.split("]]").next())
            {
                headers
                    .entry(name.trim().to_string())
                    .or_default()
                    .push(i as u32 + 1);
            }
        }
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts, headers }
    }

    pub(crate) fn line(&self, offset: usize) -> u32 {
        match self.starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// The header line of the `index`-th `[[table]]`, else the line where its span starts.
    fn header(&self, table: &str, index: usize, span_start: usize) -> u32 {
        let from_span = self.line(span_start);
        match self.headers.get(table).and_then(|lines| lines.get(index)) {
            Some(&line) if line <= from_span => line,
            _ => from_span,
        }
    }
}

/// How many TOML errors one file may have before the rest of it is skipped: each costs a parse
/// of the whole file, so the bound keeps a file of errors from costing minutes.
pub const MAX_TOML_RECOVERIES: usize = 100;

/// True for a line that opens a top-level TOML table: `[[verb]]`, `[meta]`, but not a sub-table
/// such as `[verb.forms]`, which belongs to the entry above it.
fn is_table_header(line: &str) -> bool {
    let body = line.split('#').next().unwrap_or("").trim();
    let name = body
        .strip_prefix("[[")
        .and_then(|r| r.strip_suffix("]]"))
        .or_else(|| body.strip_prefix('[').and_then(|r| r.strip_suffix(']')));
    name.is_some_and(|n| {
        let n = n.trim();
        !n.is_empty()
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    })
}

/// The 1-based first and last line of the table holding `line` (from its header to the line
/// before the next header), if it holds anything left to blank.
fn table_around(text: &str, line: u32) -> Option<(u32, u32)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let at = (line.max(1) as usize).min(lines.len());
    let first = (1..=at)
        .rev()
        .find(|&n| lines.get(n - 1).is_some_and(|l| is_table_header(l)))
        .unwrap_or(1);
    let last = (at + 1..=lines.len())
        .find(|&n| lines.get(n - 1).is_some_and(|l| is_table_header(l)))
        .map_or(lines.len(), |next| next - 1);
    let anything = lines
        .get(first - 1..last)
        .is_some_and(|part| part.iter().any(|l| !l.trim().is_empty()));
    anything.then_some((first as u32, last as u32))
}

/// `text` with lines `first..=last` (1-based) turned to spaces, keeping every byte offset.
fn blank_lines(text: &str, first: u32, last: u32) -> String {
    let mut line = 1u32;
    let bytes: Vec<u8> = text
        .bytes()
        .map(|b| {
            if b == b'\n' {
                line += 1;
                b
            } else if line >= first && line <= last {
                b' '
            } else {
                b
            }
        })
        .collect();
    // Whole lines are blanked, and a line break never falls inside a character, so this is
    // still UTF-8; the lossy conversion only avoids a panic path.
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Reads one TOML file. Never fails: syntax errors and bad entries become diagnostics.
pub fn read(name: &str, text: &str) -> (NativeFile, Vec<Diagnostic>) {
    let file: Arc<str> = Arc::from(name);
    let mut reader = Reader {
        index: LineIndex::new(text),
        file: file.clone(),
        diagnostics: Vec::new(),
    };
    let mut out = NativeFile {
        name: file,
        ..NativeFile::default()
    };
    if text.len() > MAX_TOML_BYTES {
        reader.warn(
            1,
            DiagnosticKind::TooLarge,
            format!(
                "file is {} bytes, over the {MAX_TOML_BYTES}-byte limit; split it",
                text.len()
            ),
        );
        return (out, reader.diagnostics);
    }
    // A TOML error is reported and the table holding it blanked (spaces, so offsets and lines
    // stay), then the rest is read again: one bad line costs its entry, not the file.
    let mut blanked: Option<String> = None;
    let mut recoveries = 0;
    let raw: RawFile = loop {
        let current = blanked.as_deref().unwrap_or(text);
        let error = match toml::from_str(current) {
            Ok(raw) => break raw,
            Err(error) => error,
        };
        let line = error.span().map_or(1, |span| reader.index.line(span.start));
        let message = error.message().trim().replace('\n', " ");
        let table = table_around(current, line);
        recoveries += 1;
        match table {
            Some((first, last)) if recoveries <= MAX_TOML_RECOVERIES => {
                reader.warn(
                    line,
                    DiagnosticKind::Syntax,
                    format!(
                        "{message}; fix the TOML (lines {first}-{last} were skipped, the rest of the file loads)"
                    ),
                );
                blanked = Some(blank_lines(current, first, last));
            }
            _ => {
                reader.warn(
                    line,
                    DiagnosticKind::Syntax,
                    format!("{message}; fix the TOML (the rest of the file was skipped)"),
                );
                return (out, reader.diagnostics);
            }
        }
    };
    if let Some(blanked) = &blanked {
        reader.index = LineIndex::new(blanked);
    }
    for (i, entry) in raw.person.into_iter().enumerate() {
        let line = reader.index.header("person", i, entry.span().start);
        if let Some(person) = reader.person(entry.into_inner(), line) {
            out.people.push(person);
        }
    }
    for (i, entry) in raw.country.into_iter().enumerate() {
        let line = reader.index.header("country", i, entry.span().start);
        if let Some(country) = reader.country(entry.into_inner(), line) {
            out.countries.push(country);
        }
    }
    for (i, entry) in raw.place.into_iter().enumerate() {
        let line = reader.index.header("place", i, entry.span().start);
        let raw = entry.into_inner();
        let name = reader.phrase(&raw.name);
        let aliases = reader.phrases(&raw.aliases);
        let country = reader.code(&raw.country);
        if let (Some(name), Some(country)) = (name, country) {
            out.places.push(Place {
                name,
                aliases,
                country,
                line,
            });
        }
    }
    for (i, entry) in raw.organization.into_iter().enumerate() {
        let line = reader.index.header("organization", i, entry.span().start);
        if let Some(organization) = reader.organization(entry.into_inner(), line) {
            out.organizations.push(organization);
        }
    }
    for (i, entry) in raw.agent.into_iter().enumerate() {
        let line = reader.index.header("agent", i, entry.span().start);
        if let Some(agent) = reader.agent(entry.into_inner(), line) {
            out.agents.push(agent);
        }
    }
    for (i, entry) in raw.synset.into_iter().enumerate() {
        let line = reader.index.header("synset", i, entry.span().start);
        let raw = entry.into_inner();
        let name = reader.label(&raw.name);
        let members = reader.phrases(&raw.members);
        if let Some(name) = name {
            out.synsets.push(SynsetEntry {
                name,
                members,
                plurals: raw.plurals,
                line,
            });
        }
    }
    for (i, entry) in raw.verb.into_iter().enumerate() {
        let line = reader.index.header("verb", i, entry.span().start);
        if let Some(verb) = reader.verb(entry.into_inner(), line) {
            out.verbs.push(verb);
        }
    }
    for (i, entry) in raw.discard.into_iter().enumerate() {
        let line = reader.index.header("discard", i, entry.span().start);
        let raw = entry.into_inner();
        let phrases = reader.phrases(&raw.phrases);
        out.discards.push(DiscardEntry {
            story: raw.story,
            phrases,
            line,
        });
    }
    for (i, entry) in raw.issue.into_iter().enumerate() {
        let line = reader.index.header("issue", i, entry.span().start);
        let raw = entry.into_inner();
        let code = reader.label(&raw.code);
        let phrases = reader.phrases(&raw.phrases);
        if let Some(code) = code {
            out.issues.push(IssueEntry {
                code,
                category: raw.category,
                phrases,
                line,
            });
        }
    }
    (out, reader.diagnostics)
}

struct Reader {
    index: LineIndex,
    file: Arc<str>,
    diagnostics: Vec<Diagnostic>,
}

impl Reader {
    fn warn(&mut self, line: u32, kind: DiagnosticKind, message: String) {
        let source = Source {
            file: self.file.clone(),
            line,
        };
        self.diagnostics
            .push(Diagnostic::new(&source, kind, message));
    }

    fn line_of(&self, text: &Text) -> u32 {
        self.index.line(text.span().start)
    }

    /// A phrase an actor, agent or discard matches: words of letters, digits and `.'-&’`, with no
    /// character the PETRARCH formats give a meaning to.
    fn phrase(&mut self, text: &Text) -> Option<Located> {
        let line = self.line_of(text);
        let value = text.get_ref().trim();
        if value.is_empty() {
            self.warn(
                line,
                DiagnosticKind::Syntax,
                "empty name; write the phrase or remove the entry".to_string(),
            );
            return None;
        }
        if value.len() > MAX_TEXT_BYTES {
            self.warn(
                line,
                DiagnosticKind::TooLarge,
                format!("name is over {MAX_TEXT_BYTES} bytes; shorten it"),
            );
            return None;
        }
        if let Some(bad) = value
            .chars()
            .find(|c| !(c.is_alphanumeric() || c.is_whitespace() || ".'-&’,/".contains(*c)))
        {
            self.warn(
                line,
                DiagnosticKind::Syntax,
                format!(
                    "name {value:?} contains {bad:?}; use letters, digits, blanks and . ' - & only"
                ),
            );
            return None;
        }
        if value.split_whitespace().count() > MAX_PHRASE_WORDS {
            self.warn(
                line,
                DiagnosticKind::TooLarge,
                format!("name {value:?} has over {MAX_PHRASE_WORDS} words; shorten it"),
            );
            return None;
        }
        Some(Located {
            text: value.split_whitespace().collect::<Vec<_>>().join(" "),
            line,
        })
    }

    fn phrases(&mut self, texts: &[Text]) -> Vec<Located> {
        texts.iter().filter_map(|t| self.phrase(t)).collect()
    }

    /// An id or label: lower- or upper-case letters, digits, `-` and `_`.
    fn label(&mut self, text: &Text) -> Option<Located> {
        let line = self.line_of(text);
        let value = text.get_ref().trim();
        if value.is_empty()
            || value.len() > 80
            || !value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            self.warn(
                line,
                DiagnosticKind::Syntax,
                format!("{value:?} is not a valid id; use ASCII letters, digits, `-` and `_` (at most 80)"),
            );
            return None;
        }
        Some(Located {
            text: value.to_string(),
            line,
        })
    }

    fn code(&mut self, text: &Text) -> Option<ActorCode> {
        let line = self.line_of(text);
        let value = text.get_ref().trim();
        let blocks_ok = !value.is_empty()
            && value
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        match value.parse::<ActorCode>() {
            Ok(code) if blocks_ok => Some(code),
            Ok(_) => {
                self.warn(
                    line,
                    DiagnosticKind::BadCode,
                    format!("code {value:?} is not upper-case letters and digits; write it as JPN or JPNGOV"),
                );
                None
            }
            Err(error) => {
                self.warn(line, DiagnosticKind::BadCode, error.to_string());
                None
            }
        }
    }

    fn date(&mut self, text: &Text) -> Option<Date> {
        self.date_with(text, parse_date)
    }

    /// An exclusive end date: a year or month runs to its end ([`parse_end_date`]).
    fn end_date(&mut self, text: &Text) -> Option<Date> {
        self.date_with(text, parse_end_date)
    }

    fn date_with(&mut self, text: &Text, parse: fn(&str) -> Option<Date>) -> Option<Date> {
        let line = self.line_of(text);
        let value = text.get_ref().trim();
        match parse(value) {
            Some(date) => Some(date),
            None => {
                self.warn(
                    line,
                    DiagnosticKind::BadDate,
                    format!("date {value:?} is not YYYY-MM-DD, YYYY-MM or YYYY; fix it"),
                );
                None
            }
        }
    }

    fn person(&mut self, raw: RawPerson, line: u32) -> Option<Person> {
        let id = self.label(&raw.id)?;
        let names = self.phrases(&raw.names);
        if names.is_empty() {
            self.warn(
                line,
                DiagnosticKind::Syntax,
                format!(
                    "person {:?} has no usable name; add one to `names`",
                    id.text
                ),
            );
            return None;
        }
        let mut roles = Vec::new();
        for role in raw.roles {
            let role_line = self.index.line(role.span().start);
            let role = role.into_inner();
            let Some(code) = self.code(&role.code) else {
                continue;
            };
            let from = match &role.from {
                Some(text) => match self.date(text) {
                    Some(date) => Some(date),
                    None => continue,
                },
                None => None,
            };
            let until = match &role.until {
                Some(text) => match self.end_date(text) {
                    Some(date) => Some(date),
                    None => continue,
                },
                None => None,
            };
            if let (Some(from), Some(until)) = (from, until) {
                if until <= from {
                    self.warn(
                        role_line,
                        DiagnosticKind::BadDate,
                        format!(
                            "role ends ({}) on or before it starts ({}); swap or fix the dates",
                            iso_date(until),
                            iso_date(from)
                        ),
                    );
                    continue;
                }
            }
            roles.push(Role {
                code,
                title: role.title,
                from,
                until,
                line: role_line,
            });
        }
        Some(Person {
            id,
            names,
            note: raw.note,
            roles,
            line,
        })
    }

    fn country(&mut self, raw: RawCountry, line: u32) -> Option<Country> {
        let code = self.code(&raw.code)?;
        let names = self.phrases(&raw.names);
        let mut former_names = Vec::new();
        for former in &raw.former_names {
            if let Some(former) = self.former_name(former) {
                former_names.push(former);
            }
        }
        let demonyms = self.phrases(&raw.demonyms);
        let capital = raw.capital.as_ref().and_then(|c| self.phrase(c));
        let mut metonyms = Vec::new();
        for metonym in &raw.metonyms {
            if let (Some(name), Some(code)) = (self.phrase(&metonym.name), self.code(&metonym.code))
            {
                metonyms.push(Metonym {
                    name,
                    code,
                    city: metonym.city,
                });
            }
        }
        if names.is_empty() {
            self.warn(
                line,
                DiagnosticKind::Syntax,
                format!("country {code} has no usable name; add one to `names`"),
            );
            return None;
        }
        Some(Country {
            code,
            iso2: raw.iso2,
            names,
            former_names,
            demonyms,
            capital,
            metonyms,
            line,
        })
    }

    /// A former name: `"Burma"` or `{ name = "Zaire", until = "1997-05-17" }`.
    fn former_name(&mut self, value: &Spanned<toml::Value>) -> Option<FormerName> {
        let line = self.index.line(value.span().start);
        let (name, until) = match value.get_ref() {
            toml::Value::String(name) => (name.clone(), None),
            toml::Value::Table(table) => {
                let name = table.get("name").and_then(|v| v.as_str());
                let until = table.get("until").map(|v| v.as_str());
                let unknown = table.keys().find(|k| *k != "name" && *k != "until");
                match (name, until, unknown) {
                    (Some(name), None, None) => (name.to_string(), None),
                    (Some(name), Some(Some(until)), None) => {
                        (name.to_string(), Some(until.to_string()))
                    }
                    _ => (String::new(), None),
                }
            }
            _ => (String::new(), None),
        };
        if name.is_empty() {
            self.warn(
                line,
                DiagnosticKind::Syntax,
                "former name is not a string or `{ name = \"...\", until = \"YYYY-MM-DD\" }`; fix it"
                    .to_string(),
            );
            return None;
        }
        let span = value.span();
        let name = self.phrase(&Spanned::new(span.clone(), name))?;
        let until = match until {
            Some(until) => Some(self.end_date(&Spanned::new(span, until))?),
            None => None,
        };
        Some(FormerName { name, until })
    }

    fn organization(&mut self, raw: RawOrganization, line: u32) -> Option<Organization> {
        let id = self.label(&raw.id)?;
        let code = self.code(&raw.code)?;
        let kind = match OrganizationKind::parse(raw.kind.get_ref().trim()) {
            Some(kind) => kind,
            None => {
                let kind_line = self.line_of(&raw.kind);
                self.warn(
                    kind_line,
                    DiagnosticKind::Syntax,
                    format!(
                        "organization kind {:?} is unknown; use igo, ngo, armed-group, party, company or media",
                        raw.kind.get_ref()
                    ),
                );
                return None;
            }
        };
        let names = self.phrases(&raw.names);
        let country = match &raw.country {
            Some(text) if !text.get_ref().trim().is_empty() => Some(self.code(text)?),
            _ => None,
        };
        if names.is_empty() {
            self.warn(
                line,
                DiagnosticKind::Syntax,
                format!(
                    "organization {:?} has no usable name; add one to `names`",
                    id.text
                ),
            );
            return None;
        }
        Some(Organization {
            id,
            code,
            kind,
            names,
            country,
            line,
        })
    }

    fn agent(&mut self, raw: RawAgent, line: u32) -> Option<AgentEntry> {
        let code = self.code(&raw.code)?;
        let prefix = match raw.placement.as_ref().map(|p| p.get_ref().trim()) {
            None | Some("suffix") => false,
            Some("prefix") => true,
            Some(other) => {
                let placement_line = raw.placement.as_ref().map_or(line, |p| self.line_of(p));
                self.warn(
                    placement_line,
                    DiagnosticKind::Syntax,
                    format!("agent placement {other:?} is unknown; use \"suffix\" (default) or \"prefix\""),
                );
                return None;
            }
        };
        let mut words = Vec::new();
        for word in &raw.words {
            let Some(located) = self.phrase(word) else {
                continue;
            };
            let plural = raw
                .plurals
                .get(word.get_ref().trim())
                .map(|p| p.trim().to_string());
            words.push(AgentWord {
                word: located,
                plural,
            });
        }
        for key in raw.plurals.keys() {
            if !raw.words.iter().any(|w| w.get_ref().trim() == key.trim()) {
                self.warn(
                    line,
                    DiagnosticKind::Orphan,
                    format!("plural given for {key:?}, which is not in `words`; add the word or remove the plural"),
                );
            }
        }
        Some(AgentEntry {
            code,
            prefix,
            words,
            line,
        })
    }

    fn verb_code(&mut self, text: &Text) -> Option<VerbCode> {
        let line = self.line_of(text);
        match VerbCode::parse(text.get_ref()) {
            Ok(code) => Some(code),
            Err(message) => {
                self.warn(
                    line,
                    DiagnosticKind::BadCode,
                    format!("{message}; write a CAMEO code such as \"043\""),
                );
                None
            }
        }
    }

    fn verb(&mut self, raw: RawVerb, line: u32) -> Option<VerbEntry> {
        let name = self.phrase(&raw.name)?;
        let code = match &raw.code {
            Some(text) => self.verb_code(text)?,
            None => VerbCode::Null,
        };
        let mut verbs = Vec::new();
        for verb in &raw.verbs {
            let Some(located) = self.verb_text(verb) else {
                continue;
            };
            let forms = raw.forms.get(verb.get_ref().trim()).cloned();
            verbs.push(VerbWord {
                verb: located,
                forms,
            });
        }
        for key in raw.forms.keys() {
            if !raw.verbs.iter().any(|v| v.get_ref().trim() == key.trim()) {
                self.warn(
                    line,
                    DiagnosticKind::Orphan,
                    format!("forms given for {key:?}, which is not in `verbs`; add the verb or remove the forms"),
                );
            }
        }
        let mut patterns = Vec::new();
        for pattern in &raw.patterns {
            let Some(code) = self.verb_code(&pattern.code) else {
                continue;
            };
            let Some(text) = self.pattern_text(&pattern.pattern) else {
                continue;
            };
            patterns.push(Pattern {
                pattern: text,
                code,
            });
        }
        Some(VerbEntry {
            name,
            code,
            verbs,
            patterns,
            line,
        })
    }

    /// A verb as PETRARCH writes it: words, with `_` joining a particle (`cordon_off`) and `+`
    /// marking the inflected word of a multi-word verb.
    fn verb_text(&mut self, text: &Text) -> Option<Located> {
        let line = self.line_of(text);
        let value = text.get_ref().trim();
        if value.is_empty()
            || value.len() > MAX_TEXT_BYTES
            || !value
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '+' | '-' | '\'' | ' '))
        {
            self.warn(
                line,
                DiagnosticKind::Syntax,
                format!("verb {value:?} is not words joined by `_` (with `+` before the inflected word of a multi-word verb); fix it"),
            );
            return None;
        }
        Some(Located {
            text: value.replace(' ', "_"),
            line,
        })
    }

    /// A pattern in the PETRARCH-2 pattern language; brackets must balance and it must have `*`.
    fn pattern_text(&mut self, text: &Text) -> Option<Located> {
        let line = self.line_of(text);
        let value = text.get_ref().trim();
        let mut depth: i32 = 0;
        let mut balanced = true;
        for c in value.chars() {
            match c {
                '(' | '{' => depth += 1,
                ')' | '}' => depth -= 1,
                _ => {}
            }
            if depth < 0 {
                balanced = false;
            }
        }
        let allowed = value
            .chars()
            .all(|c| c.is_alphanumeric() || c.is_whitespace() || "*+$%^&_(){}'-.".contains(c));
        if value.len() > MAX_TEXT_BYTES
            || !allowed
            || !balanced
            || depth != 0
            || !value.contains('*')
        {
            self.warn(
                line,
                DiagnosticKind::Syntax,
                format!("pattern {value:?} is not a PETRARCH-2 pattern (words, `*` for the verb, `+` target, `$` source, `(prep ...)`, `{{phrase}}`, `&SYNSET`); fix it"),
            );
            return None;
        }
        Some(Located {
            text: value.to_string(),
            line,
        })
    }
}

/// Parses an exclusive end (`until`): `YYYY-MM-DD` is that day; a month or a year, which says
/// only that the role ended within it, runs to its end ("until 2017" is "until 2018-01-01"),
/// so that an office holder is not made a former official in the year they still held office.
pub fn parse_end_date(text: &str) -> Option<Date> {
    let start = parse_date(text)?;
    let (year, month) = (start.year(), start.month());
    match text.len() {
        4 => Date::from_ymd(year + 1, 1, 1).ok(),
        7 if month == 12 => Date::from_ymd(year + 1, 1, 1).ok(),
        7 => Date::from_ymd(year, month + 1, 1).ok(),
        _ => Some(start),
    }
}

/// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (the first day of the month or year).
pub fn parse_date(text: &str) -> Option<Date> {
    let mut parts = text.split('-');
    let number = |part: Option<&str>, len: usize| -> Option<u32> {
        let part = part?;
        if part.len() == len && part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let year = number(parts.next(), 4)?;
    let month = match parts.next() {
        Some(part) => number(Some(part), 2)?,
        None => 1,
    };
    let day = match parts.next() {
        Some(part) => number(Some(part), 2)?,
        None => 1,
    };
    if parts.next().is_some() {
        return None;
    }
    Date::from_ymd(year, month, day).ok()
}

/// `date` as `YYYY-MM-DD`, the way the files write it.
pub fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// The day before `date` (for turning an exclusive `until` into PETRARCH's inclusive limit).
pub fn day_before(date: Date) -> Date {
    let (year, month, day) = (date.year(), date.month(), date.day());
    if day > 1 {
        return Date::from_ymd(year, month, day - 1).unwrap_or(date);
    }
    let (year, month) = if month > 1 {
        (year, month - 1)
    } else {
        (year.saturating_sub(1), 12)
    };
    (28..=31)
        .rev()
        .find_map(|last| Date::from_ymd(year, month, last).ok())
        .unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_three_precisions() {
        assert_eq!(parse_date("2021-10-04"), Date::from_ymd(2021, 10, 4).ok());
        assert_eq!(parse_date("2021-10"), Date::from_ymd(2021, 10, 1).ok());
        assert_eq!(parse_date("2021"), Date::from_ymd(2021, 1, 1).ok());
        assert_eq!(parse_date("21-10-04"), None);
        assert_eq!(parse_date("2021-02-30"), None);
    }

    #[test]
    fn an_end_given_as_a_year_or_month_runs_to_its_end() {
        assert_eq!(parse_end_date("2017"), Date::from_ymd(2018, 1, 1).ok());
        assert_eq!(parse_end_date("2017-08"), Date::from_ymd(2017, 9, 1).ok());
        assert_eq!(parse_end_date("2017-12"), Date::from_ymd(2018, 1, 1).ok());
        assert_eq!(
            parse_end_date("2017-08-03"),
            Date::from_ymd(2017, 8, 3).ok()
        );
        assert_eq!(parse_end_date("2017-13"), None);
    }

    #[test]
    fn day_before_crosses_months_years_and_leap_days() {
        let d = |y, m, day| Date::from_ymd(y, m, day).unwrap();
        assert_eq!(day_before(d(2024, 3, 1)), d(2024, 2, 29));
        assert_eq!(day_before(d(2023, 3, 1)), d(2023, 2, 28));
        assert_eq!(day_before(d(2020, 1, 1)), d(2019, 12, 31));
        assert_eq!(day_before(d(2020, 5, 17)), d(2020, 5, 16));
    }

    #[test]
    fn entries_remember_their_header_and_name_lines() {
        let text = "# comment\n\n[[country]]\ncode = \"AVL\"\nnames = [\n  \"Avalon\",\n  \"Isle of Avalon\",\n]\n";
        let (file, diagnostics) = read("a.toml", text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let country = file.countries.first().unwrap();
        assert_eq!(country.line, 3);
        let lines: Vec<u32> = country.names.iter().map(|n| n.line).collect();
        assert_eq!(lines, [6, 7]);
    }
}
