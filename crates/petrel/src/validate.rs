//! `petrel validate`: codes a PETRARCH validation file and scores it against its expected events.
//!
//! The scoring and the XML reader live in `petrel_code::validate`; this module adds what the coder
//! crate must not know: reading files, finding the dictionaries the file's `<Environment>` names,
//! and turning each record's `<Parse>` (CoNLL-U, UD v1 or v2) into a sentence.

use petrel_code::pico::Pico;
use petrel_code::validate::{self, Record, ValidationReport, XmlError};
use petrel_code::{Coder, CoderOptions};
use petrel_core::{Sentence, Span};
use petrel_dict::{DictError, PetrarchPaths};
use std::path::{Path, PathBuf};

/// Where a record's sentence comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseMode {
    /// The record's `<Parse>`, CoNLL-U with UD v1 or v2 labels.
    Given,
    /// petrel's own tokenizer, tagger and parser on the record's `<Text>`.
    Own,
}

/// What `petrel validate` was asked to do, resolved.
#[derive(Clone, Debug)]
pub struct ValidateConfig {
    /// The validation XML file.
    pub xml: PathBuf,
    /// Where the dictionaries named in `<Environment>` are; by default beside the XML file.
    /// [`BUILTIN`] (`builtin`) codes with petrel's own dictionaries instead.
    pub dicts: Option<PathBuf>,
    /// A verbs file to use instead of `<Verbfile>` (for example the CAMEO 2.0 version of the
    /// validation verbs, `PETR.Validate.verbs.2.0.txt`).
    pub verbs: Option<PathBuf>,
    pub parse: ParseMode,
    /// The event recogniser that decides event types; `None` codes by the verb patterns alone.
    pub recogniser: Option<petrel_code::recogniser::Recogniser>,
}

/// Why a validation run could not start.
#[derive(Debug, thiserror::Error)]
pub enum ValidateError {
    #[error("{path}: cannot read: {}; check the path", io_words(error))]
    Read { path: String, error: std::io::Error },
    #[error(transparent)]
    Xml(#[from] XmlError),
    #[error("{path}: no <Sentence> records; is this a PETRARCH validation file?")]
    NoRecords { path: String },
    #[error("{path}: <Environment> names no {what}; add it or pass it on the command line")]
    MissingDictionary { path: String, what: &'static str },
    #[error(transparent)]
    Dictionary(#[from] DictError),
    #[error(transparent)]
    Model(#[from] petrel_nlp::model::LoadError),
}

/// An IO error's words without the "(os error N)" suffix.
fn io_words(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_string(),
        _ => text,
    }
}

/// Codes and scores every record of the validation file.
pub fn run(config: &ValidateConfig) -> Result<ValidationReport, ValidateError> {
    let xml_name = config.xml.display().to_string();
    let text = std::fs::read_to_string(&config.xml).map_err(|error| ValidateError::Read {
        path: xml_name.clone(),
        error,
    })?;
    let file = validate::read_str(&xml_name, &text)?;
    if file.records.is_empty() {
        return Err(ValidateError::NoRecords { path: xml_name });
    }
    if config.dicts.as_deref() == Some(Path::new(BUILTIN)) {
        // petrel's own dictionaries instead of the files <Environment> names: how far our
        // knowledge alone codes the records.
        let (dictionaries, _) = petrel_dict::native::builtin();
        let mut coder = with_recogniser(Coder::new(dictionaries, CoderOptions::default()), config);
        return code_records(&file, &mut coder, config.parse);
    }
    let env = &file.environment;
    let dir = match &config.dicts {
        Some(dir) => dir.clone(),
        None => default_dictionary_dir(&config.xml, env.verb_file.as_deref()),
    };
    let missing = |what| ValidateError::MissingDictionary {
        path: xml_name.clone(),
        what,
    };
    let verbs = match (&config.verbs, &env.verb_file) {
        (Some(path), _) => path.clone(),
        (None, Some(name)) => dir.join(name),
        (None, None) => return Err(missing("<Verbfile>")),
    };
    if env.actor_files.is_empty() {
        return Err(missing("<Actorfile>"));
    }
    let paths = PetrarchPaths {
        verbs,
        actors: env.actor_files.iter().map(|name| dir.join(name)).collect(),
        agents: dir.join(
            env.agent_file
                .as_deref()
                .ok_or_else(|| missing("<Agentfile>"))?,
        ),
        discards: env.discard_file.as_ref().map(|name| dir.join(name)),
        issues: env.issue_file.as_ref().map(|name| dir.join(name)),
    };
    let (dictionaries, _diagnostics) = petrel_dict::load_petrarch(&paths)?;
    let warning = older_grammar_warning(&paths.verbs, &dictionaries, config.verbs.is_some());
    let mut coder = with_recogniser(Coder::new(dictionaries, CoderOptions::default()), config);
    // The ontology is optional: named by `<PICOfile>`, else used when it sits with the
    // dictionaries (the unit-test file does not name it, but PETRARCH-2 always loaded it).
    let pico_path = dir.join(
        env.pico_file
            .as_deref()
            .unwrap_or("PETR.Internal.Coding.Ontology.txt"),
    );
    if let Ok(text) = std::fs::read_to_string(&pico_path) {
        coder = coder.with_ontology(Pico::read(&text).0);
    }
    let mut report = code_records(&file, &mut coder, config.parse)?;
    report.warnings.extend(warning);
    Ok(report)
}

fn with_recogniser(coder: Coder, config: &ValidateConfig) -> Coder {
    match &config.recogniser {
        Some(r) => coder.with_recogniser(r.clone()),
        None => coder,
    }
}

/// Petrel codes from UD dependency parses (given or its own), which only the CAMEO 2.0 verbs
/// grammar describes; a `<Verbfile>` in the older TABARI grammar codes few records, so say so and
/// name the file to pass (`PETR.Validate.verbs.2.0.txt` beside `PETR.Validate.verbs.txt`).
fn older_grammar_warning(
    verbs: &Path,
    dictionaries: &petrel_dict::Dictionaries,
    chosen: bool,
) -> Option<String> {
    if chosen || dictionaries.verbs.grammar() != petrel_dict::Grammar::Tabari {
        return None;
    }
    let newer = verbs
        .to_str()
        .and_then(|p| p.strip_suffix(".txt"))
        .map(|stem| PathBuf::from(format!("{stem}.2.0.txt")))
        .filter(|p| p.is_file());
    let pass = match newer {
        Some(p) => format!("pass --verbs {}", p.display()),
        None => "pass --verbs with a verbs file in the CAMEO 2.0 grammar".to_string(),
    };
    Some(format!(
        "{}: the <Verbfile> is in the older TABARI grammar, but the parses are UD dependency trees, which only the CAMEO 2.0 grammar describes; few records will pass: {pass}",
        verbs.display()
    ))
}

/// The `--dicts` value that selects petrel's built-in dictionaries.
pub const BUILTIN: &str = "builtin";

/// Codes every record of `file` with `coder`, parsing as `parse` says.
fn code_records(
    file: &validate::ValidationFile,
    coder: &mut Coder,
    parse: ParseMode,
) -> Result<ValidationReport, ValidateError> {
    let report = match parse {
        ParseMode::Given => validate::run(file, coder, |_, record| given_parse(record)),
        ParseMode::Own => {
            let model = petrel_nlp::model::Model::builtin()?;
            validate::run(file, coder, |coder, record| {
                Ok(own_parse(&model, coder, record))
            })
        }
    };
    Ok(report)
}

/// Where to look for the dictionaries a validation file names when `--dicts` is not given: beside
/// the file, else in a `dictionaries` folder beside the file's folder (the layout of the PETRARCH
/// data, `validation/` next to `dictionaries/`).
fn default_dictionary_dir(xml: &Path, verb_file: Option<&str>) -> PathBuf {
    let beside = xml
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let Some(verb_file) = verb_file else {
        return beside;
    };
    if beside.join(verb_file).exists() {
        return beside;
    }
    let sibling = beside.join("..").join("dictionaries");
    if sibling.join(verb_file).exists() {
        sibling
    } else {
        beside
    }
}

/// The record's `<Text>` tokenized, tagged and parsed by `model` as one sentence (a record is one
/// sentence, so the text is not split), with the names `coder`'s dictionaries know tagged as such.
pub fn own_parse(model: &petrel_nlp::model::Model, coder: &Coder, record: &Record) -> Sentence {
    let mut sentence = Sentence::new(&record.text);
    sentence.id = Some(record.id.clone());
    sentence.span = Some(Span::new(0, record.text.len()));
    sentence.tokens = petrel_nlp::tokenize::tokens(&record.text);
    model.annotate_with_names(&mut sentence, |s| coder.known_names(s));
    sentence
}

/// The record's `<Parse>` as a sentence, with the record's text and token spans into it.
pub fn given_parse(record: &Record) -> Result<Sentence, String> {
    let parse = record
        .parse
        .as_deref()
        .ok_or_else(|| format!("record {} has no <Parse>; use the own parser", record.id))?;
    let conllu = upgrade_v1_tags(parse);
    let sentences = petrel_nlp::conllu::read_str(&conllu).map_err(|e| {
        let line = e
            .line()
            .map_or(record.parse_line, |l| record.parse_line + l - 1);
        format!("record {} <Parse> line {line}: {e}", record.id)
    })?;
    let mut sentence = sentences
        .into_iter()
        .next()
        .ok_or_else(|| format!("record {}: <Parse> is empty", record.id))?;
    sentence.text = record.text.clone();
    attach_spans(&mut sentence);
    Ok(sentence)
}

/// UD v1 used `CONJ` where v2 uses `CCONJ`; everything else the coder reads is label-compatible.
fn upgrade_v1_tags(parse: &str) -> String {
    let mut out = String::with_capacity(parse.len());
    for line in parse.lines() {
        let mut fields: Vec<&str> = line.split('\t').collect();
        if fields.get(3) == Some(&"CONJ") {
            if let Some(upos) = fields.get_mut(3) {
                *upos = "CCONJ";
            }
        }
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out
}

/// Finds each token's form in the sentence text, left to right, so events can point at their
/// words. Tokens that do not appear (normalised quotes, for example) keep no span.
fn attach_spans(sentence: &mut Sentence) {
    let mut at = 0;
    for token in &mut sentence.tokens {
        let Some(rest) = sentence.text.get(at..) else {
            break;
        };
        if let Some(offset) = rest.find(token.form.as_str()) {
            let start = at + offset;
            let end = start + token.form.len();
            token.span = Some(Span::new(start, end));
            at = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_conj_becomes_cconj() {
        let parse = "1\tand\tand\tCONJ\tCC\t_\t0\troot\t_\t_";
        assert!(upgrade_v1_tags(parse).contains("\tCCONJ\t"));
    }

    #[test]
    fn given_parse_reads_tokens_and_spans() {
        let record = Record {
            id: "T_1".into(),
            text: "Arnor met Gondor.".into(),
            parse: Some(
                "1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
                 2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n\
                 3\tGondor\tGondor\tPROPN\tNNP\t_\t2\tdobj\t_\t_\n"
                    .into(),
            ),
            ..Record::default()
        };
        let sentence = given_parse(&record).unwrap_or_default();
        assert_eq!(sentence.tokens.len(), 3);
        assert_eq!(sentence.tokens[2].span, Some(Span::new(10, 16)));
    }

    #[test]
    fn broken_parse_names_the_record() {
        let record = Record {
            id: "T_2".into(),
            parse: Some("1\tArnor\n".into()),
            parse_line: 40,
            ..Record::default()
        };
        let err = given_parse(&record).err().unwrap_or_default();
        assert!(err.starts_with("record T_2 <Parse> line 40"), "{err}");
    }
}
