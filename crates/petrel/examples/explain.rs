//! Shows how the coder reads sentences: each sentence's parse, then one line per verb considered
//! (the code and dictionary line that fired, the sources and targets found) and the events.
//!
//! `cargo run --release -p petrel --example explain -- [--phoenix DIR] [--date YYYYMMDD] SENTENCE...`
//! uses the built-in dictionaries, or the PETRARCH/Phoenix files in DIR. A tool for working on
//! dictionaries and the coder, not for users.

use petrel::code::{Coder, CoderOptions};
use petrel::core::Date;
use petrel::dict::PetrarchPaths;
use petrel::nlp::model::Model;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut phoenix: Option<PathBuf> = None;
    let mut date = Date::from_ymd(2015, 6, 1)?;
    let mut texts = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--phoenix" => phoenix = Some(args.next().ok_or("--phoenix DIR")?.into()),
            "--date" => {
                let d = args.next().ok_or("--date YYYYMMDD")?;
                let n: u32 = d.parse()?;
                date = Date::from_ymd(n / 10000, n / 100 % 100, n % 100)?;
            }
            _ => texts.push(a),
        }
    }
    let dictionaries = match phoenix {
        Some(dir) => petrel::dict::load_petrarch(&PetrarchPaths::phoenix(&dir))?.0,
        None => petrel::dict::native::builtin().0,
    };
    let coder = Coder::new(dictionaries, CoderOptions::default());
    let model = Model::builtin()?;
    for text in &texts {
        let mut sentences = petrel::nlp::tokenize::sentences(text);
        for sentence in &mut sentences {
            model.annotate_with_names(sentence, |s| coder.known_names(s));
        }
        for sentence in sentences {
            println!("# {}", sentence.text);
            for (i, t) in sentence.tokens.iter().enumerate() {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    i + 1,
                    t.form,
                    t.lemma,
                    t.upos,
                    t.head,
                    t.deprel.as_str()
                );
            }
            for line in coder.explain_sentence(&sentence, date) {
                println!("  verb: {line}");
            }
            for e in coder.code_sentence(&sentence, 0, date) {
                println!(
                    "  event: {} {} {}",
                    e.source.petrarch_code(),
                    e.target
                        .as_ref()
                        .map_or("-".to_string(), |t| t.petrarch_code()),
                    e.cameo
                );
            }
        }
    }
    Ok(())
}
