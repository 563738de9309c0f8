//! Prunes a trained model directory's tagger and parser harder, for speed/size trade-offs
//! without retraining (pruning a pruned model at a higher threshold is pruning it there once):
//! `prune_model IN_DIR OUT_DIR TAGGER_PRUNE PARSER_PRUNE`.

use petrel_nlp::model::Model;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output, tagger, parser] = args.as_slice() else {
        return Err("usage: prune_model IN_DIR OUT_DIR TAGGER_PRUNE PARSER_PRUNE".into());
    };
    let (tagger_prune, parser_prune): (f32, f32) = (tagger.parse()?, parser.parse()?);
    let mut model = Model::from_dir(Path::new(input))?;
    model.tagger = model.tagger.pruned(tagger_prune);
    model.parser = model.parser.pruned(parser_prune);
    model.training.push_str(&format!(
        "pruned again tagger_prune={tagger_prune} parser_prune={parser_prune}\n"
    ));
    model.write_dir(Path::new(output))?;
    Ok(())
}
