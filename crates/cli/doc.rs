//! `petrel doc`: how petrel reads a story — metadata, clean text, sentences.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Stories to read: text, HTML or JSONL files, `.gz`, folders; `-` or nothing reads stdin.
    #[arg(
        long_help = "Stories to read: plain text (one story a file), HTML pages, JSONL (one story a \
                       line: id, text, optional title, date, url, source, language), .gz of any of \
                       these, or folders (recursive, sorted). `-` or nothing reads standard input. \
                       Inputs that cannot be read are reported on stderr and skipped."
    )]
    inputs: Vec<PathBuf>,
    /// Print one JSON object per story instead of a readable summary.
    #[arg(
        long,
        long_help = "Print one JSON object per story and line: {id, origin, title, date, \
                             date_precision, dateline, publisher, byline, url, language, text, \
                             warnings, sentences: [{index, text, start, end}]}, where start and end \
                             are character offsets into text."
    )]
    json: bool,
    /// Exit with an error if any input was skipped.
    #[arg(long)]
    strict: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let inputs = if args.inputs.is_empty() || args.inputs.iter().any(|p| p.as_os_str() == "-") {
        if args.inputs.len() > 1 {
            anyhow::bail!("`-` (standard input) cannot be mixed with files");
        }
        petrel::ingest::Inputs::stdin()
    } else {
        petrel::ingest::check_named(&args.inputs).map_err(anyhow::Error::new)?;
        petrel::ingest::Inputs::open(args.inputs.clone())
    };
    let mut skipped = 0usize;
    for item in inputs {
        match item {
            Ok(doc) => {
                if args.json {
                    writeln!(out, "{}", petrel::doc::doc_json(&doc))?;
                } else {
                    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_string());
                    writeln!(out, "id         {}", doc.id)?;
                    writeln!(out, "title      {}", show(&doc.title))?;
                    writeln!(
                        out,
                        "date       {} ({})",
                        doc.date
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| "-".into()),
                        doc.date_precision.as_str()
                    )?;
                    writeln!(out, "dateline   {}", show(&doc.dateline))?;
                    writeln!(out, "publisher  {}", show(&doc.publisher))?;
                    writeln!(out, "byline     {}", show(&doc.byline))?;
                    for w in &doc.warnings {
                        writeln!(out, "warning    {w}")?;
                    }
                    for (i, s) in petrel::doc::sentences(&doc).iter().enumerate() {
                        writeln!(out, "[{i}] {}", s.text)?;
                    }
                    writeln!(out)?;
                }
            }
            Err(skip) => {
                skipped += 1;
                eprintln!("petrel: {skip}");
            }
        }
    }
    out.flush()?;
    if skipped > 0 {
        eprintln!("petrel: {skipped} input(s) skipped");
        if args.strict {
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}
