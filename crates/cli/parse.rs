//! `petrel parse`: raw text in, CoNLL-U out.

use anyhow::Context;
use std::io::{self, Read};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The text to parse; `-` or nothing reads standard input.
    #[arg(
        long_help = "The text to parse, UTF-8. `-` or nothing reads standard input. Input of any size \
                       streams paragraph by paragraph in bounded memory; lines with invalid UTF-8 are \
                       skipped with a message naming the line, and binary input is refused."
    )]
    input: Option<PathBuf>,
    /// A model directory to use instead of the built-in model.
    #[arg(
        long,
        value_name = "DIR",
        long_help = "A model directory written by `petrel nlp train` \
                                                 (tagger.bin, lemma.bin, parser.bin). Default: the \
                                                 English model built into petrel."
    )]
    model: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = crate::load_model(args.model.as_deref())?;
    let (input, name): (Box<dyn Read>, String) = match &args.input {
        Some(path) if path.as_os_str() != "-" => {
            let file = petrel::ingest::open_decompressed(path)
                .with_context(|| format!("opening {}", path.display()))?;
            (file, path.display().to_string())
        }
        _ => (Box::new(io::stdin().lock()), "<stdin>".to_string()),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let summary = petrel::parse::parse_stream(&model, input, &mut out, &mut |skip| {
        eprintln!("petrel: {name}:{}: {}", skip.line, skip.reason);
    })
    .with_context(|| name.clone())?;
    if summary.sentences == 0 {
        eprintln!("petrel: {name}: no text to parse");
    }
    Ok(ExitCode::SUCCESS)
}
