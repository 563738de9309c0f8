//! `petrel actor`: one phrase parsed by petrel's model and resolved as the coder resolves a
//! subject or object, with the dictionary entries that fired.
//!
//! The phrase goes through the same path as a sentence's noun phrase: petrel's tokenizer, tagger
//! and parser, then [`Coder::resolve_phrase`], so what this prints is what `petrel code` would
//! give the phrase in a sentence (titles, demonyms, agents, dated roles, metonyms).

use petrel_code::Coder;
use petrel_core::{Date, Sentence, Span};
use petrel_nlp::model::Model;

/// The longest phrase resolved, in tokens: a noun phrase is a few words, and the bound keeps a
/// hostile argument from costing a long parse.
pub const MAX_PHRASE_TOKENS: usize = 64;

/// Why a phrase could not be resolved.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ActorError {
    #[error("the phrase has {tokens} tokens, more than {MAX_PHRASE_TOKENS}; give a noun phrase")]
    TooLong { tokens: usize },
}

/// One dictionary entry that contributed to the code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryMatch {
    /// The dictionary file, as the dictionaries name it.
    pub file: String,
    /// The entry's 1-based line in that file.
    pub line: usize,
    /// The entry's text (an actor's primary name, an agent's phrase).
    pub text: String,
}

/// What a phrase resolves to on a date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorReport {
    /// The phrase as given.
    pub phrase: String,
    pub date: Option<Date>,
    /// The actor code as PETRARCH writes it (`JPNGOV`, `---GOV`); `None` when nothing resolves.
    pub code: Option<String>,
    /// The country or international root (`JPN`); `None` for an unknown root.
    pub country: Option<String>,
    /// The role codes after the root (`["GOV"]`).
    pub sectors: Vec<String>,
    /// The primary name of the actor entry that matched.
    pub entity: Option<String>,
    /// The entries that fired, the actor's first.
    pub matches: Vec<EntryMatch>,
}

impl ActorReport {
    /// The report as `petrel actor --json` prints it:
    /// `{code, country, sectors: [...], entity, matches: [{file, line, text}]}`.
    pub fn to_json(&self) -> serde_json::Value {
        let matches: Vec<serde_json::Value> = self
            .matches
            .iter()
            .map(|m| serde_json::json!({"file": m.file, "line": m.line, "text": m.text}))
            .collect();
        serde_json::json!({
            "code": self.code,
            "country": self.country,
            "sectors": self.sectors,
            "entity": self.entity,
            "matches": matches,
        })
    }
}

/// Parses `phrase` with `model` as one sentence (never split) and resolves it with `coder` on
/// `date`.
pub fn resolve_actor(
    coder: &Coder,
    model: &Model,
    phrase: &str,
    date: Date,
) -> Result<ActorReport, ActorError> {
    let sentence = parse_phrase(model, coder, phrase)?;
    let mut report = ActorReport {
        phrase: phrase.to_string(),
        date: Some(date),
        ..ActorReport::default()
    };
    if let Some(resolved) = coder.resolve_phrase(&sentence, date) {
        report.code = Some(resolved.actor.petrarch_code());
        report.country = resolved.actor.country.clone();
        report.sectors = resolved.actor.sectors.clone();
        report.entity = resolved.actor.entity.clone();
        report.matches = resolved
            .sources
            .into_iter()
            .map(|s| EntryMatch {
                file: s.file,
                line: s.line,
                text: s.text,
            })
            .collect();
    }
    Ok(report)
}

/// The phrase tokenized, tagged and parsed as one sentence.
fn parse_phrase(model: &Model, coder: &Coder, phrase: &str) -> Result<Sentence, ActorError> {
    let mut sentence = Sentence::new(phrase);
    sentence.span = Some(Span::new(0, phrase.len()));
    sentence.tokens = petrel_nlp::tokenize::tokens(phrase);
    if sentence.tokens.len() > MAX_PHRASE_TOKENS {
        return Err(ActorError::TooLong {
            tokens: sentence.tokens.len(),
        });
    }
    model.annotate_with_names(&mut sentence, |s| coder.known_names(s));
    Ok(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_code::CoderOptions;

    fn setup() -> (Coder, Model) {
        let (dictionaries, _) = petrel_dict::native::builtin();
        let coder = Coder::new(dictionaries, CoderOptions::default());
        let model = Model::builtin().expect("the built-in model is embedded in the binary");
        (coder, model)
    }

    fn date(s: &str) -> Date {
        s.parse().expect("test dates are valid")
    }

    #[test]
    fn a_title_with_a_demonym_resolves_with_its_entries() {
        let (coder, model) = setup();
        let report = resolve_actor(
            &coder,
            &model,
            "Japanese Foreign Minister",
            date("2024-06-01"),
        );
        let report = report.expect("a short phrase parses");
        assert_eq!(report.code.as_deref(), Some("JPNGOV"));
        assert_eq!(report.country.as_deref(), Some("JPN"));
        assert_eq!(report.sectors, ["GOV"]);
        assert!(report.matches.len() >= 2, "{report:?}");
        let json = report.to_json();
        assert_eq!(json["code"], "JPNGOV");
        assert!(json["matches"][0]["line"].as_u64().is_some_and(|l| l > 0));
    }

    #[test]
    fn nonsense_resolves_to_nothing() {
        let (coder, model) = setup();
        let report = resolve_actor(&coder, &model, "purple teapot", date("2024-06-01"));
        let report = report.expect("a short phrase parses");
        assert_eq!(report.code, None);
        assert!(report.to_json()["code"].is_null());
        assert!(report.matches.is_empty());
    }

    #[test]
    fn an_overlong_phrase_is_refused() {
        let (coder, model) = setup();
        let phrase = "word ".repeat(MAX_PHRASE_TOKENS + 1);
        let err = resolve_actor(&coder, &model, &phrase, date("2024-06-01"));
        assert_eq!(
            err,
            Err(ActorError::TooLong {
                tokens: MAX_PHRASE_TOKENS + 1
            })
        );
    }
}
