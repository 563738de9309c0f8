//! Compiling petrel's TOML entries into PETRARCH-format text that the PETRARCH readers compile.
//!
//! Going through the PETRARCH readers keeps one compiler for both formats, so the coder sees the
//! same [`crate::Dictionaries`] whichever format the user wrote. Provenance survives because the
//! generated text is laid out line for line over the TOML file: an entry's PETRARCH line is placed
//! at the TOML line it came from (blank lines fill the gaps), so the readers' `file:line` sources
//! name our TOML lines. Where one TOML line yields several PETRARCH lines (several names on one
//! line), the extra lines take the next free lines of the entry; a record's primary phrase sits on
//! its `[[table]]` header line, so the free lines of a record are usually enough.

use super::model::{day_before, Located, NativeFile, Person};
use crate::VerbCode;
use petrel_core::{ActorCode, Date};
use std::collections::BTreeSet;

/// How generated text is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Each line at the TOML line it came from, for loading (provenance).
    Padded,
    /// One line after another with a `# file:line` comment, for export.
    Compact,
}

/// A PETRARCH text being written line by line.
pub(crate) struct Layout {
    pub(crate) text: String,
    line: u32,
    mode: Mode,
    file: String,
}

impl Layout {
    pub(crate) fn new(mode: Mode, file: &str) -> Layout {
        Layout {
            text: String::new(),
            line: 0,
            mode,
            file: file.to_string(),
        }
    }

    /// Writes `content` at line `desired`, or at the next line when the text is already past it.
    pub(crate) fn put(&mut self, desired: u32, content: &str) {
        if self.mode == Mode::Padded {
            while self.line + 1 < desired {
                self.text.push('\n');
                self.line += 1;
            }
        }
        self.text.push_str(content);
        if self.mode == Mode::Compact && !content.starts_with(['<', '+']) {
            self.text.push_str("  # ");
            self.text.push_str(&self.file);
            self.text.push(':');
            self.text.push_str(&desired.to_string());
        }
        self.text.push('\n');
        self.line += 1;
    }

    /// Writes a record: its first line at `header`, lines with a fixed place at their lines (or
    /// just after, when taken), floating lines in the free lines after the header, and `tail`
    /// lines after all of them (their order matters to the reader).
    fn record(
        &mut self,
        header: u32,
        first: String,
        fixed: Vec<(u32, String)>,
        floating: Vec<String>,
        tail: Vec<String>,
    ) {
        let mut placed: Vec<(u32, String)> = Vec::with_capacity(1 + fixed.len() + floating.len());
        let mut used = BTreeSet::new();
        let mut last = header;
        for (line, text) in fixed {
            let line = line.max(last + 1);
            used.insert(line);
            placed.push((line, text));
            last = line;
        }
        let mut candidate = header + 1;
        for text in floating {
            while used.contains(&candidate) {
                candidate += 1;
            }
            placed.push((candidate, text));
            candidate += 1;
        }
        let mut after = placed.iter().map(|(line, _)| *line).max().unwrap_or(header);
        for text in tail {
            after += 1;
            placed.push((after, text));
        }
        placed.sort_by_key(|(line, _)| *line);
        self.put(header, &first);
        for (line, text) in placed {
            self.put(line, &text);
        }
    }
}

/// A phrase as PETRARCH writes it: upper-case words joined by `_`.
pub(crate) fn phrase(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            if w.is_ascii() {
                w.to_ascii_uppercase()
            } else {
                w.to_uppercase()
            }
        })
        .collect::<Vec<_>>()
        .join("_")
}

fn dictionary_date(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// An actor record before layout.
struct ActorRecord {
    header: u32,
    primary: String,
    code: Option<ActorCode>,
    synonyms: Vec<String>,
    /// Date restrictions with their lines.
    dated: Vec<(u32, String)>,
    /// Restrictions generated rather than written (the former-official code), placed last.
    generated: Vec<String>,
}

impl ActorRecord {
    fn new(header: u32, names: &[Located], code: Option<ActorCode>) -> Option<ActorRecord> {
        let (first, _) = names.split_first()?;
        let primary = phrase(&first.text);
        let mut synonyms: Vec<String> = Vec::new();
        for name in names {
            let written = phrase(&name.text);
            // petrel's tokenizer splits words at hyphens ("al - Shabaab"), as the treebank it
            // learned from does, while given parses often keep them whole: match both.
            let split = phrase(&name.text.replace('-', " "));
            for variant in [written, split] {
                if variant != primary && !synonyms.contains(&variant) {
                    synonyms.push(variant);
                }
            }
        }
        Some(ActorRecord {
            header,
            primary,
            code,
            synonyms,
            dated: Vec::new(),
            generated: Vec::new(),
        })
    }
}

/// The dated codes of a person: each role in order, then the former-official code of the latest
/// role's country from the start of the first role (roles come first, so they win while they run),
/// and the first role's country alone before it.
fn person_record(person: &Person) -> Option<ActorRecord> {
    let mut record = ActorRecord::new(person.line, &person.names, None)?;
    for role in &person.roles {
        let restriction = match (role.from, role.until) {
            (Some(from), Some(until)) => format!(
                " {}-{}",
                dictionary_date(from),
                dictionary_date(day_before(until))
            ),
            (Some(from), None) => format!(" >{}", dictionary_date(from)),
            (None, Some(until)) => format!(" <{}", dictionary_date(day_before(until))),
            (None, None) => String::new(),
        };
        record
            .dated
            .push((role.line, format!("\t[{}{restriction}]", role.code)));
    }
    let latest = person
        .roles
        .iter()
        .max_by_key(|r| (r.until.is_none(), r.until, r.from))
        .and_then(|r| r.code.blocks().next().map(str::to_string));
    let start = person.roles.iter().filter_map(|r| r.from).min();
    if let (Some(root), Some(start)) = (latest, start) {
        record
            .generated
            .push(format!("\t[{root}ELI >{}]", dictionary_date(start)));
    }
    // Before the first role the person is still known: the country of that role, no sector
    // ("Lee Jae-myung" in 2019, before the roles the dictionary dates, is South Korean).
    let first = person
        .roles
        .iter()
        .filter(|r| r.from.is_some())
        .min_by_key(|r| r.from);
    if let Some((root, from)) = first.and_then(|r| Some((r.code.blocks().next()?, r.from?))) {
        record
            .generated
            .push(format!("\t[{root} <{}]", dictionary_date(day_before(from))));
    }
    Some(record)
}

/// The actor records of one file: people, countries (with metonyms and capitals), places and
/// organizations, in line order.
fn actor_records(file: &NativeFile) -> Vec<ActorRecord> {
    let mut records = Vec::new();
    for person in &file.people {
        records.extend(person_record(person));
    }
    for country in &file.countries {
        let mut names: Vec<Located> = country.names.clone();
        names.extend(country.former_names.iter().map(|f| f.name.clone()));
        names.extend(country.demonyms.iter().cloned());
        records.extend(ActorRecord::new(country.line, &names, Some(country.code)));
        for metonym in &country.metonyms {
            records.extend(ActorRecord::new(
                metonym.name.line,
                std::slice::from_ref(&metonym.name),
                Some(metonym.code),
            ));
        }
        // A capital stands for the government ("Tokyo said ..."), unless a metonym says otherwise.
        if let Some(capital) = &country.capital {
            let listed = country
                .metonyms
                .iter()
                .any(|m| m.name.text.eq_ignore_ascii_case(&capital.text));
            let government = with_sector(country.code, "GOV");
            if !listed {
                records.extend(ActorRecord::new(
                    capital.line,
                    std::slice::from_ref(capital),
                    government,
                ));
            }
        }
    }
    for place in &file.places {
        let mut names = vec![place.name.clone()];
        names.extend(place.aliases.iter().cloned());
        records.extend(ActorRecord::new(place.line, &names, Some(place.country)));
    }
    for organization in &file.organizations {
        records.extend(ActorRecord::new(
            organization.line,
            &organization.names,
            Some(organization.code),
        ));
    }
    records.sort_by_key(|r| r.header);
    records
}

/// `JPN` with the sector `GOV`: `JPNGOV`.
pub(crate) fn with_sector(root: ActorCode, sector: &str) -> Option<ActorCode> {
    format!("{root}{sector}").parse().ok()
}

/// The actors text of one file.
pub(crate) fn actors_text(file: &NativeFile, mode: Mode) -> String {
    let mut layout = Layout::new(mode, &file.name);
    for record in actor_records(file) {
        let first = match record.code {
            Some(code) => format!("{} [{code}]", record.primary),
            None => record.primary.clone(),
        };
        let floating: Vec<String> = record.synonyms.iter().map(|s| format!("+{s}")).collect();
        layout.record(
            record.header,
            first,
            record.dated,
            floating,
            record.generated,
        );
    }
    layout.text
}

/// The agents text of one file.
pub(crate) fn agents_text(file: &NativeFile, mode: Mode) -> String {
    let mut layout = Layout::new(mode, &file.name);
    let mut lines: Vec<(u32, String)> = Vec::new();
    for entry in &file.agents {
        let code = if entry.prefix {
            format!("[{}~]", entry.code)
        } else {
            format!("[~{}]", entry.code)
        };
        for word in &entry.words {
            let plural = match &word.plural {
                None => String::new(),
                Some(plural) => format!(" {{{}}}", phrase(plural)),
            };
            lines.push((
                word.word.line,
                format!("{}{plural} {code}", phrase(&word.word.text)),
            ));
        }
    }
    lines.sort_by_key(|(line, _)| *line);
    for (line, text) in lines {
        layout.put(line, &text);
    }
    layout.text
}

/// The verbs text of one file: synsets and verb blocks in line order.
pub(crate) fn verbs_text(file: &NativeFile, mode: Mode) -> String {
    let mut layout = Layout::new(mode, &file.name);
    enum Block<'a> {
        Synset(&'a super::model::SynsetEntry),
        Verb(&'a super::model::VerbEntry),
    }
    let mut blocks: Vec<(u32, Block)> = file
        .synsets
        .iter()
        .map(|s| (s.line, Block::Synset(s)))
        .chain(file.verbs.iter().map(|v| (v.line, Block::Verb(v))))
        .collect();
    blocks.sort_by_key(|(line, _)| *line);
    for (line, block) in blocks {
        match block {
            Block::Synset(synset) => {
                let suffix = if synset.plurals { "" } else { "_" };
                let name = synset.name.text.to_ascii_uppercase();
                // Members must follow the label with no other line between, so they float.
                let members = synset
                    .members
                    .iter()
                    .map(|m| format!("+{}", phrase(&m.text)))
                    .collect();
                layout.record(
                    line,
                    format!("&{name}{suffix}"),
                    Vec::new(),
                    members,
                    Vec::new(),
                );
            }
            Block::Verb(verb) => {
                let header = format!("--- {} [{}] ---", phrase(&verb.name.text), verb.code);
                let mut fixed: Vec<(u32, String)> = Vec::new();
                for word in &verb.verbs {
                    let forms = match &word.forms {
                        Some(forms) => format!(
                            " {{{}}}",
                            forms
                                .iter()
                                .map(|f| phrase(f))
                                .collect::<Vec<_>>()
                                .join(" ")
                        ),
                        None => String::new(),
                    };
                    fixed.push((
                        word.verb.line,
                        format!("{}{forms}", word.verb.text.to_uppercase()),
                    ));
                }
                for pattern in &verb.patterns {
                    fixed.push((
                        pattern.pattern.line,
                        format!(
                            "- {} [{}]",
                            pattern_upper(&pattern.pattern.text),
                            pattern.code
                        ),
                    ));
                }
                fixed.sort_by_key(|(line, _)| *line);
                layout.record(line, header, fixed, Vec::new(), Vec::new());
            }
        }
    }
    layout.text
}

/// Upper-cases the words of a pattern, leaving its symbols alone.
fn pattern_upper(pattern: &str) -> String {
    pattern
        .split_whitespace()
        .map(|w| w.to_uppercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The discards text of one file. Phrases end in `_`, so they match whole words only.
pub(crate) fn discards_text(file: &NativeFile, mode: Mode) -> String {
    let mut layout = Layout::new(mode, &file.name);
    let mut lines: Vec<(u32, String)> = Vec::new();
    for entry in &file.discards {
        let mark = if entry.story { "+" } else { "" };
        for phrase in &entry.phrases {
            let words = phrase.text.to_uppercase();
            lines.push((phrase.line, format!("{mark}{words}_")));
        }
    }
    lines.sort_by_key(|(line, _)| *line);
    for (line, text) in lines {
        layout.put(line, &text);
    }
    layout.text
}

/// The issues text of one file.
pub(crate) fn issues_text(file: &NativeFile, mode: Mode) -> String {
    let mut layout = Layout::new(mode, &file.name);
    let mut entries: Vec<_> = file.issues.iter().collect();
    entries.sort_by_key(|e| e.line);
    for entry in entries {
        let code = entry.code.text.to_ascii_uppercase();
        let phrases: Vec<(u32, String)> = entry
            .phrases
            .iter()
            .map(|p| (p.line, format!("{} [{code}]", p.text.to_lowercase())))
            .collect();
        match &entry.category {
            Some(category) => {
                let category: String = category
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                layout.record(
                    entry.line,
                    format!("<ISSUE CATEGORY=\"{category}\">"),
                    phrases,
                    Vec::new(),
                    vec!["</ISSUE>".to_string()],
                );
            }
            None => {
                for (line, text) in phrases {
                    layout.put(line, &text);
                }
            }
        }
    }
    layout.text
}

/// Whether a verb code names an event (used by `stats`).
pub(crate) fn event_codes(code: &VerbCode) -> Vec<petrel_core::CameoCode> {
    match *code {
        VerbCode::Event(code) => vec![code],
        VerbCode::Paired { forward, reverse } => forward.into_iter().chain(reverse).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::native::model::read;

    #[test]
    fn hyphenated_names_also_match_split_at_the_hyphen() {
        let toml = "[[organization]]\nid = \"al-qadim\"\nnames = [\"al-Qadim\", \"Qadim Front\"]\ncode = \"AVLREB\"\nkind = \"armed-group\"\n";
        let (file, diagnostics) = read("o.toml", toml);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let text = actors_text(&file, Mode::Padded);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.first(), Some(&"AL-QADIM [AVLREB]"));
        assert!(lines.contains(&"+AL_QADIM"), "{lines:?}");
        assert!(lines.contains(&"+QADIM_FRONT"), "{lines:?}");
        assert_eq!(
            lines.iter().filter(|l| l.contains("QADIM_FRONT")).count(),
            1
        );
    }

    #[test]
    fn padded_layout_puts_lines_where_the_toml_has_them() {
        let toml = "[[person]]\nid = \"a\"\nnames = [\"Arthur Pendragon\", \"Pendragon\", \"King Arthur\"]\nroles = [\n  { code = \"AVLGOV\", from = \"1950-01-01\", until = \"1960-07-01\" },\n]\n";
        let (file, diagnostics) = read("p.toml", toml);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let text = actors_text(&file, Mode::Padded);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.first(), Some(&"ARTHUR_PENDRAGON"));
        assert_eq!(lines.get(4), Some(&"\t[AVLGOV 19500101-19600630]"));
        assert!(lines.contains(&"+PENDRAGON") && lines.contains(&"+KING_ARTHUR"));
        assert!(lines.contains(&"\t[AVLELI >19500101]"));
        assert!(lines.contains(&"\t[AVL <19491231]"));
    }

    #[test]
    fn compact_layout_names_the_toml_line() {
        let toml = "[[agent]]\ncode = \"GOV\"\nwords = [\n  \"minister\",\n  \"spokesman\",\n]\nplurals = { spokesman = \"spokesmen\" }\n";
        let (file, diagnostics) = read("a.toml", toml);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let text = agents_text(&file, Mode::Compact);
        assert_eq!(
            text,
            "MINISTER [~GOV]  # a.toml:4\nSPOKESMAN {SPOKESMEN} [~GOV]  # a.toml:5\n"
        );
    }
}
