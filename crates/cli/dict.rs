//! `petrel dict`: counts, checks and export of petrel's own dictionaries.

use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Count the entries of the built-in dictionaries (or those in --dir).
    Stats(Source),
    /// Check the dictionaries: duplicates, overlapping or inverted dates, unknown codes.
    Check(Source),
    /// Write the dictionaries in PETRARCH formats into a folder.
    #[command(
        long_about = "Write the dictionaries in the PETRARCH formats into --out: \
                            petrel.actors.txt, petrel.agents.txt, petrel.verbs.txt, \
                            petrel.discards.txt and petrel.issues.txt. Each line says which of our \
                            TOML lines it came from."
    )]
    Export {
        #[command(flatten)]
        source: Source,
        /// The folder to write into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

#[derive(clap::Args)]
pub struct Source {
    /// A folder of petrel TOML dictionaries instead of the built-in set.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

fn read(source: &Source) -> anyhow::Result<petrel::dict::native::NativeSet> {
    let (set, diagnostics) = match &source.dir {
        Some(dir) => {
            petrel::dict::native::read_dir(dir).with_context(|| dir.display().to_string())?
        }
        None => petrel::dict::native::builtin_set(),
    };
    for d in &diagnostics {
        eprintln!("petrel: {d}");
    }
    Ok(set)
}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Stats(source) => {
            let set = read(&source)?;
            print!("{}", petrel::dict::native::stats(&set));
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(source) => {
            let set = read(&source)?;
            let findings = petrel::dict::native::check(&set);
            for f in &findings {
                println!("{f}");
            }
            if findings.is_empty() {
                eprintln!("petrel: no problems found");
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("petrel: {} problem(s)", findings.len());
                Ok(ExitCode::from(1))
            }
        }
        Command::Export { source, out } => {
            let set = read(&source)?;
            let export = petrel::dict::native::export_petrarch(&set);
            std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
            for (name, text) in [
                ("petrel.actors.txt", &export.actors),
                ("petrel.agents.txt", &export.agents),
                ("petrel.verbs.txt", &export.verbs),
                ("petrel.discards.txt", &export.discards),
                ("petrel.issues.txt", &export.issues),
            ] {
                let path = out.join(name);
                std::fs::write(&path, text)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            eprintln!("petrel: wrote the PETRARCH files into {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}
