//! Writes the parser's training input once, for parser experiments: EWT train with jackknifed
//! tags and lemmas, and dev and test tagged by the built-in tagger and lemmatizer.
//!
//! `cargo run --release -p petrel-nlp --example jackknife_tags -- OUT_DIR` writes
//! `OUT_DIR/{train,dev,test}.conllu`, the `TAGS_DIR` that `parser_experiment` reads.

use petrel_nlp::conllu;
use petrel_nlp::model::{jackknifed, Model, ModelConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: jackknife_tags OUT_DIR")?;
    std::fs::create_dir_all(&out)?;
    let data = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ud-english-ewt"
    );
    let read = |name: &str| -> Result<Vec<petrel_core::Sentence>, Box<dyn std::error::Error>> {
        let text = std::fs::read_to_string(format!("{data}/en_ewt-ud-{name}.conllu"))?;
        Ok(conllu::read_str(&text)?)
    };
    let write = |name: &str, sentences: &[petrel_core::Sentence]| -> std::io::Result<()> {
        let mut file =
            std::io::BufWriter::new(std::fs::File::create(format!("{out}/{name}.conllu"))?);
        conllu::write_all(&mut file, sentences)
    };
    let train = read("train")?;
    let tagged = jackknifed(&train, &ModelConfig::default(), &mut |line| {
        eprintln!("{line}")
    });
    write("train", &tagged)?;
    let model = Model::builtin()?;
    for name in ["dev", "test"] {
        let mut sentences = read(name)?;
        for s in &mut sentences {
            model.tagger.tag(s);
            model.lemmatizer.lemmatize(s);
        }
        write(name, &sentences)?;
    }
    Ok(())
}
