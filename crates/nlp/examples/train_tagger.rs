//! Trains the tagger and lemmatizer on EWT train, scores them on dev (and test with `--test`),
//! measures tagging speed, and writes the models: `cargo run --release --example train_tagger`.

use petrel_nlp::conllu;
use petrel_nlp::lemma::{LemmaConfig, Lemmatizer};
use petrel_nlp::tagger::{Tagger, TaggerConfig};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let data = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ud-english-ewt/"
    );
    let read = |part: &str| -> Result<Vec<petrel_core::Sentence>, Box<dyn std::error::Error>> {
        Ok(conllu::read_str(&std::fs::read_to_string(format!(
            "{data}en_ewt-ud-{part}.conllu"
        ))?)?)
    };
    let train = read("train")?;
    let mut config = TaggerConfig::default();
    let mut out_dir: Option<String> = None;
    let mut load_tagger: Option<String> = None;
    let mut lemma_config = LemmaConfig::default();
    let mut parts = vec!["dev".to_string()];
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--epochs" => config.epochs = it.next().ok_or("--epochs N")?.parse()?,
            "--seed" => config.seed = it.next().ok_or("--seed N")?.parse()?,
            "--min-weight" => config.min_weight = it.next().ok_or("--min-weight W")?.parse()?,
            "--dict-count" => config.dict_min_count = it.next().ok_or("--dict-count N")?.parse()?,
            "--dict-share" => config.dict_min_share = it.next().ok_or("--dict-share S")?.parse()?,
            "--load-tagger" => load_tagger = Some(it.next().ok_or("--load-tagger FILE")?.clone()),
            "--max-suffix" => {
                lemma_config.max_suffix = it.next().ok_or("--max-suffix N")?.parse()?
            }
            "--min-rule-words" => {
                lemma_config.min_rule_words = it.next().ok_or("--min-rule-words N")?.parse()?
            }
            "--out" => out_dir = Some(it.next().ok_or("--out DIR")?.clone()),
            "--test" => parts.push("test".into()),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let started = Instant::now();
    let tagger = match &load_tagger {
        Some(path) => Tagger::read(&std::fs::read(path)?)?,
        None => Tagger::train(&train, &config),
    };
    eprintln!(
        "tagger trained in {:.1} s ({} weights)",
        started.elapsed().as_secs_f64(),
        tagger.n_weights()
    );
    let started = Instant::now();
    let lemmatizer = Lemmatizer::train(&train, &lemma_config);
    eprintln!(
        "lemmatizer trained in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let mut tagger_bytes = Vec::new();
    tagger.write(&mut tagger_bytes)?;
    let mut lemma_bytes = Vec::new();
    lemmatizer.write(&mut lemma_bytes)?;
    let started = Instant::now();
    let tagger = Tagger::read(&tagger_bytes)?;
    let lemmatizer = Lemmatizer::read(&lemma_bytes)?;
    eprintln!(
        "tagger {} bytes, lemmatizer {} bytes, both loaded in {:.3} s",
        tagger_bytes.len(),
        lemma_bytes.len(),
        started.elapsed().as_secs_f64()
    );
    for part in &parts {
        let gold = read(part)?;
        let mut predicted = petrel_nlp::eval::strip_annotation(&gold);
        // The best of several rounds, as other work on the machine only ever slows a round down.
        let mut tag_seconds = f64::MAX;
        for _ in 0..5 {
            predicted = petrel_nlp::eval::strip_annotation(&gold);
            let started = Instant::now();
            for s in &mut predicted {
                tagger.tag(s);
            }
            tag_seconds = tag_seconds.min(started.elapsed().as_secs_f64());
        }
        let started = Instant::now();
        for s in &mut predicted {
            lemmatizer.lemmatize(s);
        }
        let lemma_seconds = started.elapsed().as_secs_f64();
        let scores = petrel_nlp::eval::score(&gold, &predicted)?;
        // Lemmas from gold tags separate lemmatizer errors from tagger errors.
        let mut gold_tagged = gold.clone();
        for s in &mut gold_tagged {
            for t in &mut s.tokens {
                t.lemma.clear();
            }
            lemmatizer.lemmatize(s);
        }
        let gold_tag_lemma = petrel_nlp::eval::score(&gold, &gold_tagged)?.lemma;
        if std::env::var_os("PRED_ERRORS").is_some() {
            for (g, p) in gold
                .iter()
                .zip(&predicted)
                .flat_map(|(g, p)| g.tokens.iter().zip(&p.tokens))
            {
                if g.lemma != p.lemma {
                    eprintln!(
                        "PRED\t{}\t{}\t{}\t{}\t{}",
                        g.form, g.xpos, p.xpos, g.lemma, p.lemma
                    );
                }
            }
        }
        if std::env::var_os("TAG_ERRORS").is_some() {
            for (g, p) in gold
                .iter()
                .zip(&predicted)
                .flat_map(|(g, p)| g.tokens.iter().zip(&p.tokens))
            {
                if g.upos != p.upos {
                    eprintln!("TAG\t{}\t{}\t{}", g.form, g.upos, p.upos);
                }
            }
        }
        if std::env::var_os("LEMMA_ERRORS").is_some() {
            for (g, p) in gold
                .iter()
                .zip(&gold_tagged)
                .flat_map(|(g, p)| g.tokens.iter().zip(&p.tokens))
            {
                if g.lemma != p.lemma {
                    eprintln!("LEMMA\t{}\t{}\t{}\t{}", g.form, g.xpos, g.lemma, p.lemma);
                }
            }
        }
        println!(
            "{part}: UPOS {:.2} XPOS {:.2} lemma {:.2} (gold tags {:.2}) | tagger {:.0} tok/s, lemmatizer {:.0} tok/s",
            scores.upos,
            scores.xpos,
            scores.lemma,
            gold_tag_lemma,
            scores.words as f64 / tag_seconds,
            scores.words as f64 / lemma_seconds
        );
    }
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(&dir)?;
        std::fs::write(format!("{dir}/tagger.bin"), &tagger_bytes)?;
        std::fs::write(format!("{dir}/lemma.bin"), &lemma_bytes)?;
    }
    Ok(())
}
