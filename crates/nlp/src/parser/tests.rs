//! Tests of the parser: learning, tree guarantees on hostile input, the model format, and a
//! small training run on UD EWT with an accuracy floor.

use super::*;
use crate::conllu;
use petrel_core::{Token, Upos};

/// A sentence from `(form, xpos, upos, head, deprel)` rows.
fn sentence(rows: &[(&str, &str, Upos, u32, &str)]) -> Sentence {
    let mut s = Sentence::new("");
    for &(form, xpos, upos, head, rel) in rows {
        let mut t = Token::new(form).with_upos(upos);
        t.xpos = xpos.to_string();
        t.head = head;
        t.deprel = Deprel::new(rel);
        s.tokens.push(t);
    }
    s
}

fn tiny_treebank() -> Vec<Sentence> {
    use Upos::*;
    vec![
        sentence(&[
            ("Japan", "NNP", Propn, 2, "nsubj"),
            ("condemned", "VBD", Verb, 0, "root"),
            ("the", "DT", Det, 4, "det"),
            ("test", "NN", Noun, 2, "obj"),
            (".", ".", Punct, 2, "punct"),
        ]),
        sentence(&[
            ("Russia", "NNP", Propn, 2, "nsubj"),
            ("met", "VBD", Verb, 0, "root"),
            ("officials", "NNS", Noun, 2, "obj"),
            ("in", "IN", Adp, 5, "case"),
            ("Tokyo", "NNP", Propn, 2, "obl"),
            (".", ".", Punct, 2, "punct"),
        ]),
        sentence(&[
            ("The", "DT", Det, 2, "det"),
            ("minister", "NN", Noun, 3, "nsubj"),
            ("resigned", "VBD", Verb, 0, "root"),
            ("today", "NN", Noun, 3, "obl:tmod"),
            (".", ".", Punct, 3, "punct"),
        ]),
        sentence(&[
            ("Police", "NNS", Noun, 2, "nsubj"),
            ("arrested", "VBD", Verb, 0, "root"),
            ("two", "CD", Num, 4, "nummod"),
            ("protesters", "NNS", Noun, 2, "obj"),
            (".", ".", Punct, 2, "punct"),
        ]),
        sentence(&[
            ("He", "PRP", Pron, 2, "nsubj"),
            ("said", "VBD", Verb, 0, "root"),
            ("talks", "NNS", Noun, 4, "nsubj"),
            ("failed", "VBD", Verb, 2, "ccomp"),
            (".", ".", Punct, 2, "punct"),
        ]),
    ]
}

fn tiny_parser() -> Parser {
    Parser::train(
        &tiny_treebank(),
        &ParserConfig {
            epochs: 10,
            min_weight: 0.0,
            min_count: 1,
            ..ParserConfig::default()
        },
    )
}

/// Panics unless every token has a head in range, exactly one hangs from the root with `root`,
/// and following heads from any token reaches the root.
fn assert_tree(s: &Sentence) {
    let heads: Vec<u32> = std::iter::once(0)
        .chain(s.tokens.iter().map(|t| t.head))
        .collect();
    if s.tokens.is_empty() {
        return;
    }
    assert!(
        heads.iter().all(|&h| h as usize <= s.tokens.len()),
        "head out of range"
    );
    assert!(is_tree(&heads), "not a single-rooted tree: {heads:?}");
    for t in &s.tokens {
        assert_eq!(
            t.head == 0,
            t.deprel.as_str() == ROOT_LABEL,
            "root relation on {:?}",
            t.form
        );
    }
}

#[test]
fn learns_a_tiny_treebank() {
    let parser = tiny_parser();
    for gold in tiny_treebank() {
        let mut s = gold.clone();
        for t in &mut s.tokens {
            t.head = 0;
            t.deprel = Deprel::default();
        }
        parser.parse(&mut s);
        assert_eq!(s, gold);
    }
}

#[test]
fn every_parse_is_a_tree() {
    let parser = tiny_parser();
    let mut rng = SplitMix(7);
    let vocabulary = [
        "the",
        "Japan",
        ".",
        "",
        "\u{0}",
        "ŞÖ",
        "met",
        "in",
        "!!!!!!!!!!",
    ];
    let tags = ["NNP", "VBD", "", "XX", "."];
    let mut cases: Vec<Sentence> = vec![Sentence::new("")];
    for len in [1, 2, 3, 7, 40, 300, 5000] {
        let mut s = Sentence::new("");
        for _ in 0..len {
            let mut t = Token::new(vocabulary[rng.below(vocabulary.len())]);
            t.xpos = tags[rng.below(tags.len())].to_string();
            t.upos = Upos::ALL[rng.below(Upos::ALL.len())];
            // Stale annotation must not leak into the parse.
            t.head = rng.next() as u32;
            s.tokens.push(t);
        }
        cases.push(s);
    }
    for mut s in cases {
        parser.parse(&mut s);
        assert_tree(&s);
    }
    // An untrained parser still produces trees.
    let empty = Parser::train(&[], &ParserConfig::default());
    let mut s = tiny_treebank().remove(0);
    empty.parse(&mut s);
    assert_tree(&s);
}

#[test]
fn model_round_trips() {
    let parser = tiny_parser();
    let mut bytes = Vec::new();
    parser.write(&mut bytes).unwrap();
    let back = Parser::read(&bytes).unwrap();
    let mut again = Vec::new();
    back.write(&mut again).unwrap();
    assert_eq!(bytes, again);
    for gold in tiny_treebank() {
        let (mut a, mut b) = (gold.clone(), gold.clone());
        parser.parse(&mut a);
        back.parse(&mut b);
        assert_eq!(a, b);
    }
}

#[test]
fn damaged_models_are_errors() {
    let mut bytes = Vec::new();
    tiny_parser().write(&mut bytes).unwrap();
    for cut in 0..bytes.len() {
        assert!(Parser::read(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(matches!(
        Parser::read(&longer),
        Err(ModelError::Inconsistent(_))
    ));
    assert!(matches!(
        Parser::read(b"PTRLTAG1\x01\0\0\0"),
        Err(ModelError::BadMagic { .. })
    ));
    let mut wrong_version = bytes.clone();
    wrong_version[8] = 9;
    assert!(matches!(
        Parser::read(&wrong_version),
        Err(ModelError::Version { found: 9, .. })
    ));
}

/// A parser of the tiny treebank trained with the optional templates.
fn tiny_parser_with(features: ParserFeatures) -> Parser {
    Parser::train(
        &tiny_treebank(),
        &ParserConfig {
            epochs: 10,
            min_weight: 0.0,
            min_count: 1,
            features,
            ..ParserConfig::default()
        },
    )
}

#[test]
fn a_parser_without_optional_features_is_written_as_version_1() {
    let mut bytes = Vec::new();
    tiny_parser().write(&mut bytes).unwrap();
    assert_eq!(bytes.get(8..12), Some(&1u32.to_le_bytes()[..]));
    assert_eq!(
        Parser::read(&bytes).unwrap().features(),
        ParserFeatures::default()
    );
}

#[test]
fn a_parser_with_optional_features_keeps_them_through_its_file() {
    let features = ParserFeatures { lemmas: true };
    let parser = tiny_parser_with(features);
    let mut bytes = Vec::new();
    parser.write(&mut bytes).unwrap();
    assert_eq!(bytes.get(8..12), Some(&2u32.to_le_bytes()[..]));
    let back = Parser::read(&bytes).unwrap();
    assert_eq!(back.features(), features);
    let mut again = Vec::new();
    back.write(&mut again).unwrap();
    assert_eq!(bytes, again);
    for gold in tiny_treebank() {
        let (mut a, mut b) = (gold.clone(), gold.clone());
        parser.parse(&mut a);
        back.parse(&mut b);
        assert_eq!(a, b);
        assert_tree(&b);
    }
    for cut in 0..bytes.len() {
        assert!(Parser::read(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    // A feature bit this petrel does not know is refused, not ignored.
    let labels_end = bytes.len() - parser.model_bytes_len();
    let mut unknown = bytes.clone();
    unknown[labels_end - 4] = 0x80;
    assert!(matches!(
        Parser::read(&unknown),
        Err(ModelError::Inconsistent(_))
    ));
}

#[test]
fn parsers_with_different_features_have_no_mean() {
    let plain = tiny_parser();
    let lemmas = tiny_parser_with(ParserFeatures { lemmas: true });
    assert!(Parser::mean(&[plain.clone(), lemmas]).is_none());
    assert!(Parser::mean(&[plain.clone(), plain]).is_some());
}

#[test]
fn parser_features_are_named() {
    assert_eq!(
        ParserFeatures::parse("lemmas"),
        Ok(ParserFeatures { lemmas: true })
    );
    assert_eq!(ParserFeatures::parse(""), Ok(ParserFeatures::default()));
    assert_eq!(ParserFeatures::parse("none"), Ok(ParserFeatures::default()));
    assert_eq!(ParserFeatures::parse("beside"), Err("beside".to_string()));
    // Bit 0 is not a feature of this petrel: a model claiming it is refused.
    assert_eq!(ParserFeatures::from_bits(1), None);
    assert_eq!(
        ParserFeatures::from_bits(2),
        Some(ParserFeatures { lemmas: true })
    );
    for name in ParserFeatures::NAMES {
        let features = ParserFeatures::parse(name).unwrap();
        assert_eq!(features.describe(), name);
    }
}

#[test]
fn pruning_keeps_a_working_parser() {
    let parser = tiny_parser();
    let pruned = parser.pruned(f32::INFINITY);
    let (mut full, mut small) = (Vec::new(), Vec::new());
    parser.write(&mut full).unwrap();
    pruned.write(&mut small).unwrap();
    assert!(small.len() < full.len());
    let mut s = tiny_treebank().remove(1);
    pruned.parse(&mut s);
    assert_tree(&s);
}

#[test]
fn rare_features_get_no_weights() {
    let sentences = tiny_treebank();
    let all = Parser::train(
        &sentences,
        &ParserConfig {
            epochs: 3,
            min_count: 1,
            min_weight: 0.0,
            ..ParserConfig::default()
        },
    );
    let common = Parser::train(
        &sentences,
        &ParserConfig {
            epochs: 3,
            min_count: 3,
            min_weight: 0.0,
            ..ParserConfig::default()
        },
    );
    assert!(common.model.n_features() < all.model.n_features());
}

#[test]
fn training_is_deterministic() {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    tiny_parser().write(&mut a).unwrap();
    tiny_parser().write(&mut b).unwrap();
    assert_eq!(a, b);
}

fn treebank(name: &str) -> Vec<Sentence> {
    let path = format!(
        "{}/../../../shared/data/ud-english-ewt/en_ewt-ud-{name}.conllu",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    conllu::read_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A few epochs on 1,500 EWT sentences (gold tags) must parse a dev slice well above chance.
#[test]
fn learns_from_an_ewt_slice() {
    let train: Vec<Sentence> = treebank("train").into_iter().take(1500).collect();
    let gold: Vec<Sentence> = treebank("dev").into_iter().take(500).collect();
    let parser = Parser::train(
        &train,
        &ParserConfig {
            epochs: 4,
            ..ParserConfig::default()
        },
    );
    let mut parsed = gold.clone();
    for s in &mut parsed {
        for t in &mut s.tokens {
            t.head = 0;
            t.deprel = Deprel::default();
        }
    }
    parser.parse_all(&mut parsed);
    parsed.iter().for_each(assert_tree);
    let scores = crate::eval::score(&gold, &parsed).unwrap();
    eprintln!(
        "EWT slice: UAS {:.2} LAS {:.2} over {} words",
        scores.uas, scores.las, scores.words
    );
    assert!(scores.uas >= 79.0, "UAS {:.2}", scores.uas);
    assert!(scores.las >= 76.0, "LAS {:.2}", scores.las);
}

/// The shipped model with its repairs still gives trees: on news sentences that trigger each
/// repair, and on dev sentences with their words shuffled (garbage the repairs may misread).
#[test]
fn repaired_parses_of_the_shipped_model_are_trees() {
    let model = crate::model::Model::builtin().expect("the built-in model loads");
    let news = [
        "Barack Obama and Vladimir Putin will meet in Zurich.",
        "Iraq's national security advisor met with Syrian President Bashar Assad Tuesday.",
        "The US, Russia, and Switzerland met yesterday.",
        "The US Secretary of state wants to help Israel.",
        "The militant group al-Shabab is claiming responsibility for the attack.",
        "The civilians imprisoned for acting against Moscow were released yesterday.",
        "Israel on Wednesday released the mayor of Nablus, Palestinian officials said.",
        "Officials met to discuss the militants, Reuters reports.",
        "Syrian rebels engaged Filipino peacekeepers in a firefight, officials said.",
    ];
    for text in news {
        for s in model.parse_text(text) {
            assert_tree(&s);
        }
    }
    let mut rng = SplitMix(11);
    for gold in treebank("dev").iter().take(300) {
        let mut s = gold.clone();
        for i in (1..s.tokens.len()).rev() {
            let j = rng.below(i + 1);
            s.tokens.swap(i, j);
        }
        model.annotate(&mut s);
        assert_tree(&s);
    }
}
