//! The PLV TSV: real news sentences, one gold PLOVER type and marked source and target a row.
//!
//! Columns (header required): `row`, `sentence_id`, `sentence`, `marked_sentence` (the sentence
//! with `<s>source</s>` and `<t>target</t>`), `source`, `target`, `gold_root` (one of the fifteen
//! folded types), `gold_penta`. `An actor` and `a recipient` stand for unnamed actors. Rows with
//! `row % 3 == 2` form the frozen third. A sentence may appear in several rows (several events);
//! it becomes one [`GoldSentence`] with one [`GoldEvent`] a row, in file order of first
//! appearance. The set has no dates and no sentences without an event.

use super::{find_span, EvalType, GoldActor, GoldError, GoldEvent, GoldSentence};
use petrel_core::Span;
use std::collections::HashMap;
use std::path::Path;

/// The placeholders the PLV annotators wrote for unnamed actors.
const UNNAMED: [&str; 2] = ["An actor", "a recipient"];

/// Reads a PLV TSV file.
pub fn read(path: &Path) -> Result<Vec<GoldSentence>, GoldError> {
    let text = std::fs::read_to_string(path).map_err(|source| GoldError::Io {
        path: path.display().to_string(),
        source,
    })?;
    parse(&text, &path.display().to_string())
}

/// Parses the text of a PLV TSV file; `name` is used in messages.
pub fn parse(text: &str, name: &str) -> Result<Vec<GoldSentence>, GoldError> {
    let mut lines = text.lines().enumerate();
    let header = lines
        .next()
        .map(|(_, l)| l.trim_start_matches('\u{feff}'))
        .unwrap_or("");
    let columns: Vec<&str> = header.split('\t').collect();
    let column = |wanted: &str| -> Result<usize, GoldError> {
        columns
            .iter()
            .position(|c| *c == wanted)
            .ok_or_else(|| GoldError::File {
                path: name.to_string(),
                message: format!(
                    "no `{wanted}` column in the header; a PLV file has row, sentence, \
                     marked_sentence, source, target and gold_root columns"
                ),
            })
    };
    let row_col = column("row")?;
    let sentence_col = column("sentence")?;
    let marked_col = column("marked_sentence")?;
    let source_col = column("source")?;
    let target_col = column("target")?;
    let type_col = column("gold_root")?;

    let mut sentences: Vec<GoldSentence> = Vec::new();
    let mut by_text: HashMap<String, usize> = HashMap::new();
    for (i, line) in lines {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let err = |message: String| GoldError::Line {
            path: name.to_string(),
            line: line_no,
            message,
        };
        let fields: Vec<&str> = line.split('\t').collect();
        let field = |c: usize| -> Result<&str, GoldError> {
            fields.get(c).copied().ok_or_else(|| {
                err(format!(
                    "{} fields where the header has {}; fields are separated by tabs",
                    fields.len(),
                    columns.len()
                ))
            })
        };
        let row_text = field(row_col)?;
        let row: usize = row_text
            .trim()
            .parse()
            .map_err(|_| err(format!("row `{row_text}` is not a number")))?;
        let sentence = field(sentence_col)?.to_string();
        let type_text = field(type_col)?;
        let kind = EvalType::from_plv_name(type_text.trim()).ok_or_else(|| {
            err(format!(
                "unknown event type `{type_text}`; expected one of the fifteen PLV types"
            ))
        })?;
        let (source, target) = marked_spans(field(marked_col)?, &sentence);
        let actor = |marked: Option<Span>, text: &str| {
            if UNNAMED.contains(&text.trim()) {
                GoldActor::Unnamed
            } else if let Some(span) = marked.or_else(|| find_span(&sentence, text.trim())) {
                GoldActor::At(span)
            } else {
                GoldActor::Unnamed
            }
        };
        let event = GoldEvent {
            cameo: None,
            kind,
            source: actor(source, field(source_col)?),
            target: actor(target, field(target_col)?),
            trigger: None,
            source_code: None,
            target_code: None,
            frozen: row % 3 == 2,
        };
        match by_text.get(&sentence) {
            Some(&at) => {
                if let Some(s) = sentences.get_mut(at) {
                    s.frozen |= event.frozen;
                    s.events.push(event);
                }
            }
            None => {
                by_text.insert(sentence.clone(), sentences.len());
                sentences.push(GoldSentence {
                    id: format!("row{row}"),
                    origin: format!("{name}:{line_no}"),
                    frozen: event.frozen,
                    text: sentence,
                    date: None,
                    events: vec![event],
                });
            }
        }
    }
    if sentences.is_empty() {
        return Err(GoldError::File {
            path: name.to_string(),
            message: "no rows after the header; is this a PLV TSV file?".to_string(),
        });
    }
    Ok(sentences)
}

/// The byte spans in `sentence` of the `<s>` and `<t>` marks of `marked`, when removing the marks
/// gives the sentence back.
fn marked_spans(marked: &str, sentence: &str) -> (Option<Span>, Option<Span>) {
    let mut plain = String::with_capacity(marked.len());
    let (mut source, mut target) = (None, None);
    let (mut s_start, mut t_start) = (None, None);
    let mut rest = marked;
    while !rest.is_empty() {
        let tag = ["<s>", "</s>", "<t>", "</t>"]
            .into_iter()
            .find(|t| rest.starts_with(t));
        match tag {
            Some(t) => {
                match t {
                    "<s>" => s_start = Some(plain.len()),
                    "</s>" => source = s_start.take().map(|s| Span::new(s, plain.len())),
                    "<t>" => t_start = Some(plain.len()),
                    _ => target = t_start.take().map(|s| Span::new(s, plain.len())),
                }
                rest = &rest[t.len()..];
            }
            None => {
                let Some(c) = rest.chars().next() else { break };
                plain.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if plain == sentence {
        (source, target)
    } else {
        (None, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "row\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\tgold_penta\n";

    #[test]
    fn marks_become_spans_and_rows_of_one_sentence_join() {
        let text = format!(
            "{HEADER}0\t1\tArnor met Gondor.\t<s>Arnor</s> met <t>Gondor</t>.\tArnor\tGondor\tCONSULT\t1\n\
             1\t1\tArnor met Gondor.\tArnor met <t>Gondor</t>.\tAn actor\tGondor\tAGREE\t1\n\
             2\t2\tRohan fled.\t<s>Rohan</s> fled.\tRohan\ta recipient\tYIELD\t2\n"
        );
        let sentences = parse(&text, "t.tsv").unwrap();
        assert_eq!(sentences.len(), 2);
        let first = &sentences[0];
        assert_eq!(first.events.len(), 2);
        assert_eq!(first.events[0].source, GoldActor::At(Span::new(0, 5)));
        assert_eq!(first.events[0].target, GoldActor::At(Span::new(10, 16)));
        assert_eq!(first.events[1].source, GoldActor::Unnamed);
        assert!(!first.frozen);
        assert!(sentences[1].frozen);
        assert_eq!(sentences[1].events[0].target, GoldActor::Unnamed);
    }

    #[test]
    fn a_bad_type_names_the_line() {
        let text = format!("{HEADER}0\t1\tA b.\tA b.\tA\tb\tHUG\t1\n");
        let err = parse(&text, "t.tsv").unwrap_err().to_string();
        assert!(
            err.starts_with("t.tsv:2: unknown event type `HUG`"),
            "{err}"
        );
    }

    #[test]
    fn a_file_without_the_columns_is_refused() {
        let err = parse("a\tb\n1\t2\n", "t.tsv").unwrap_err().to_string();
        assert!(err.contains("no `row` column"), "{err}");
    }
}
