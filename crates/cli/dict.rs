//! `petrel dict`: counts, checks and export of petrel's own dictionaries.

use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Count the entries of the built-in dictionaries (or those --dicts names).
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
    /// Dictionaries: `builtin` (default), a folder of petrel TOML files, or a folder of PETRARCH files.
    #[arg(
        long,
        visible_alias = "dir",
        value_name = "DIR|builtin",
        default_value = "builtin",
        long_help = "builtin: petrel's own dictionaries, compiled into the binary. A folder \
                     holding *.toml files: dictionaries in petrel's format. Any other folder: \
                     PETRARCH files (CAMEO.2.0.txt or *verbs*.txt, *.actors.txt, *agents*.txt, \
                     *discards*.txt, *issue*.txt), as `petrel code --dicts` reads them. \
                     `--dir` is the old name of this flag."
    )]
    dicts: String,
}

/// A set as its format lets us see it: petrel's TOML files before compiling, or PETRARCH files
/// only compiled.
enum Loaded {
    Native(petrel::dict::native::NativeSet),
    Petrarch(Box<petrel::dict::Dictionaries>),
}

/// Reads the set `--dicts` names; prints its diagnostics (all of them, or with `all` false the
/// first 20 and a count) and returns how many there were.
fn read(source: &Source, all: bool) -> anyhow::Result<(Loaded, usize)> {
    use petrel::dict::set::SetSource;
    let spec = &source.dicts;
    let (loaded, diagnostics) = match petrel::dict::set::source(spec)? {
        SetSource::Builtin => {
            let (set, diagnostics) = petrel::dict::native::builtin_set();
            (Loaded::Native(set), diagnostics)
        }
        SetSource::Native(dir) => {
            let (set, diagnostics) = petrel::dict::native::read_dir(&dir)?;
            (Loaded::Native(set), diagnostics)
        }
        SetSource::Petrarch(paths) => {
            let (dictionaries, diagnostics) = petrel::dict::load_petrarch(&paths)?;
            (Loaded::Petrarch(Box::new(dictionaries)), diagnostics)
        }
    };
    let shown = if all { diagnostics.len() } else { 20 };
    for d in diagnostics.iter().take(shown) {
        eprintln!("petrel: {d}");
    }
    if diagnostics.len() > shown {
        eprintln!(
            "petrel: … and {} more dictionary warnings (`petrel dict check` lists them all)",
            diagnostics.len() - shown
        );
    }
    Ok((loaded, diagnostics.len()))
}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Stats(source) => {
            let (loaded, _) = read(&source, false)?;
            match &loaded {
                Loaded::Native(set) => print!("{}", petrel::dict::native::stats(set)),
                Loaded::Petrarch(dictionaries) => {
                    print!("{}", petrel::dict::set::counts(dictionaries))
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(source) => {
            let (loaded, mut problems) = read(&source, true)?;
            let compiled = match &loaded {
                Loaded::Native(set) => {
                    let findings = petrel::dict::native::check(set);
                    for f in &findings {
                        println!("{f}");
                    }
                    problems += findings.len();
                    let (dictionaries, diagnostics) = petrel::dict::native::compile(set);
                    for d in &diagnostics {
                        eprintln!("petrel: {d}");
                    }
                    problems += diagnostics.len();
                    std::borrow::Cow::Owned(dictionaries)
                }
                Loaded::Petrarch(dictionaries) => std::borrow::Cow::Borrowed(dictionaries.as_ref()),
            };
            if let Err(e) = petrel::dict::set::require_complete(&compiled, &source.dicts) {
                eprintln!("petrel: {e}");
                problems += 1;
            }
            if problems == 0 {
                eprintln!("petrel: no problems found");
                Ok(ExitCode::SUCCESS)
            } else {
                let s = if problems == 1 { "" } else { "s" };
                eprintln!("petrel: {problems} problem{s}");
                Ok(ExitCode::from(1))
            }
        }
        Command::Export { source, out } => {
            let (loaded, _) = read(&source, false)?;
            let Loaded::Native(set) = loaded else {
                anyhow::bail!(
                    "--dicts {}: these are PETRARCH files already; export writes petrel's TOML dictionaries in the PETRARCH formats",
                    source.dicts
                );
            };
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
            eprintln!(
                "petrel: wrote the PETRARCH files into {}; `petrel code --dicts {}` reads them",
                out.display(),
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
