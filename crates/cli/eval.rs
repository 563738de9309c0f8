//! `petrel eval`: score the coder on sentences with gold events (`plover`, `corpus`) and the
//! geoparser on toponyms with gold points (`geo`).

use anyhow::Context;
use petrel::eval::{EvalReport, Tally};
use petrel::gold::GoldSentence;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Score on a PLV-style TSV of real news sentences (one gold PLOVER type and dyad a row).
    #[command(
        long_about = "Codes each distinct sentence of a PLV TSV (columns row, sentence, \
                            marked_sentence, source, target, gold_root) as a one-sentence story and \
                            reports type right, type + dyad right, sentences with no event, type \
                            precision and macro-F1, per type and overall, for the whole file, its \
                            development part and its frozen third (rows with row % 3 == 2)."
    )]
    Plover(Args),
    /// Score on petrel's event corpus (a folder of JSONL files, docs/corpus-format.md).
    #[command(
        long_about = "Codes each sentence of the corpus and reports the same figures as \
                            `eval plover`, plus the share of no-event sentences given an event, for \
                            the whole corpus, its training part and its frozen test split."
    )]
    Corpus(Args),
    /// Score the geoparser on a gold file in the GeoVirus layout.
    #[command(
        long_about = "Geoparse every article of a gold file in the GeoVirus XML layout (articles \
                      with text and locations: name, start, end, lat, lon) with the whole pipeline, \
                      exactly as `petrel geo --doc` and `petrel code` do, and score it: the share \
                      of gold toponyms found (a mention overlaps the span), acc@161 km and exact \
                      match (within 10 km) on the found toponyms and on all, mean and median error \
                      in km. Reported for all articles, the tuning part and the frozen part (every \
                      third article, 0-based index 2 modulo 3), which is kept for checking only."
    )]
    Geo(GeoArgs),
}

#[derive(clap::Args)]
pub struct Args {
    /// The gold file or folder.
    input: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// The date of sentences that carry none (YYYY-MM-DD); default 2018-01-01.
    #[arg(long, value_name = "DATE", default_value = "2018-01-01")]
    date: String,
    #[command(flatten)]
    coding: crate::code::CodingArgs,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,
    /// Print each sentence of the development part that missed (never the frozen part).
    #[arg(long)]
    misses: bool,
}

#[derive(clap::Args)]
pub struct GeoArgs {
    /// The gold file (e.g. ../shared/data/geo/GeoVirus.xml).
    file: PathBuf,
    /// Print the scores as one JSON object.
    #[arg(long)]
    json: bool,
    /// The date the articles are coded at (actor codes depend on it); YYYY-MM-DD.
    #[arg(long, default_value = "2015-01-01")]
    date: String,
    #[command(flatten)]
    coding: crate::code::CodingArgs,
    /// Also list every missed toponym of the tuning part (never the frozen part), by cause.
    #[arg(
        long,
        long_help = "Before the scores, list each gold toponym of the tuning part that was not \
                     resolved within 161 km (the frozen part is never listed): its article, name, \
                     gold point and page, the place chosen and its error, the gold place's kind as \
                     the gazetteer tells it (country, admin-1, city, continent, other) and the \
                     cause (not_found; wrong_candidate: a place of that name lies near the gold \
                     point; point_convention: the area meant, at another point; \
                     not_in_gazetteer), then a table of the counts by kind and cause."
    )]
    misses: bool,
}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    let (args, gold, what) = match command {
        Command::Plover(args) => {
            let gold = petrel::gold::plv::read(&args.input)?;
            (args, gold, "PLV")
        }
        Command::Corpus(args) => {
            let corpus = petrel::gold::team::read(&args.input)?;
            for p in corpus.problems.iter().take(20) {
                eprintln!("petrel: {p}; line left out");
            }
            if !corpus.problems.is_empty() {
                eprintln!(
                    "petrel: {} corpus lines left out (`petrel corpus check` lists them all)",
                    corpus.problems.len()
                );
            }
            (args, corpus.sentences, "corpus")
        }
        Command::Geo(args) => return run_geo(args),
    };
    let date = crate::code::parse_date(&args.date)?;
    let pipeline = crate::code::pipeline(&args.coding)?;
    let predicted = petrel::eval::code_gold(&pipeline, &gold, date, args.threads);
    let report = petrel::eval::score(&gold, &predicted);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.misses {
        print_misses(&mut out, &gold, &predicted)?;
    }
    if args.json {
        writeln!(out, "{}", report_json(&report))?;
    } else {
        let frozen_name = if what == "PLV" {
            "frozen third"
        } else {
            "test split"
        };
        for (name, tally) in [
            ("all", &report.all),
            ("development", &report.dev),
            (frozen_name, &report.frozen),
        ] {
            write_tally(&mut out, &format!("{what} {name}"), tally)?;
        }
        write_types(&mut out, &report.all)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `petrel eval geo FILE`: geoparse every gold article and score the toponyms.
fn run_geo(args: GeoArgs) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let size = std::fs::metadata(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?
        .len();
    anyhow::ensure!(
        size <= petrel::geo::gold::MAX_GOLD_BYTES,
        "{}: {size} bytes is more than a gold file may have ({} bytes)",
        args.file.display(),
        petrel::geo::gold::MAX_GOLD_BYTES
    );
    let xml = std::fs::read_to_string(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?;
    let articles = petrel::geo::gold::read_geovirus(&xml, &args.file.display().to_string())?;
    let date = crate::code::parse_date(&args.date)?;
    let pipeline = crate::code::pipeline(&args.coding)?;
    let eval = petrel::places::evaluate(&pipeline, &articles, date);
    if args.misses {
        let misses = petrel::places::tuning_misses(&pipeline, &articles, date);
        print_geo_misses(&mut std::io::stdout().lock(), &misses)?;
    }
    let record = petrel::output::places::GeoEvalRecord {
        file: args.file.display().to_string(),
        seconds: (started.elapsed().as_secs_f64() * 100.0).round() / 100.0,
        parts: eval.records(),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        writeln!(out, "{}", record.to_json())?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{:<8} {:>8} {:>6} {:>6} {:>7} {:>9} {:>8} {:>9} {:>8} {:>9} {:>10}",
        "part",
        "articles",
        "gold",
        "found",
        "found%",
        "acc161/f",
        "acc161",
        "exact/f",
        "exact",
        "mean km",
        "median km"
    )?;
    for p in &record.parts {
        writeln!(
            out,
            "{:<8} {:>8} {:>6} {:>6} {:>6.1}% {:>8.1}% {:>7.1}% {:>8.1}% {:>7.1}% {:>9.0} {:>10.1}",
            p.part,
            p.articles,
            p.gold,
            p.found,
            100.0 * p.found_share,
            100.0 * p.acc161_found,
            100.0 * p.acc161_all,
            100.0 * p.exact_found,
            100.0 * p.exact_all,
            p.mean_error_km,
            p.median_error_km
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The tuning part's misses, one a line, then the counts by gold kind and cause.
fn print_geo_misses(
    out: &mut impl Write,
    misses: &[petrel::places::GeoMiss],
) -> std::io::Result<()> {
    use petrel::places::{MissCause, GOLD_KINDS};
    for m in misses {
        let g = &m.toponym;
        let chosen = m.chosen.map_or("-".to_string(), |p| {
            format!(
                "{} ({}, {}) {:.2},{:.2}",
                p.name,
                p.kind,
                p.country.map_or("-".to_string(), |c| c.iso2().to_string()),
                p.lat,
                p.lon
            )
        });
        writeln!(
            out,
            "MISS\t{}\t{}\t{}\t{}\t{:.2},{:.2}\t{}\t{}\t{}",
            m.article,
            g.name,
            m.gold_kind,
            m.cause.as_str(),
            g.lat,
            g.lon,
            chosen,
            m.error_km
                .map_or("-".to_string(), |km| format!("{km:.0} km")),
            g.page
        )?;
    }
    write!(out, "{:<10}", "misses")?;
    for cause in MissCause::ALL {
        write!(out, " {:>17}", cause.as_str())?;
    }
    writeln!(out, " {:>6}", "all")?;
    for kind in GOLD_KINDS.iter().copied().chain(["all"]) {
        write!(out, "{kind:<10}")?;
        let of_kind = |m: &&petrel::places::GeoMiss| kind == "all" || m.gold_kind == kind;
        for cause in MissCause::ALL {
            let n = misses
                .iter()
                .filter(of_kind)
                .filter(|m| m.cause == cause)
                .count();
            write!(out, " {n:>17}")?;
        }
        writeln!(out, " {:>6}", misses.iter().filter(of_kind).count())?;
    }
    Ok(())
}

fn write_tally(out: &mut impl Write, name: &str, t: &Tally) -> std::io::Result<()> {
    writeln!(
        out,
        "{name}: {} gold events in {} sentences; type right {:.1} %, type + dyad right {:.1} %, \
         no event {:.1} %, type precision {:.1} %, macro-F1 {:.1}{}",
        t.gold_events,
        t.sentences,
        t.type_right_pct(),
        t.dyad_right_pct(),
        t.silent_pct(),
        t.type_precision_pct(),
        t.macro_f1_pct(),
        if t.empty_sentences > 0 {
            format!(
                "; no-event sentences given an event {:.1} % of {}",
                t.false_alarm_pct(),
                t.empty_sentences
            )
        } else {
            String::new()
        }
    )?;
    if t.coded_events > 0 {
        writeln!(
            out,
            "{name}: actor codes right {:.1} %, countries right {:.1} % of {} gold events with \
             a source code",
            t.codes_right_pct(),
            t.countries_right_pct(),
            t.coded_events
        )?;
    }
    Ok(())
}

fn write_types(out: &mut impl Write, t: &Tally) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<10} {:>6} {:>8} {:>8} {:>6} {:>6} {:>6}",
        "type", "gold", "type %", "dyad %", "tp", "fp", "F1"
    )?;
    for (kind, c) in &t.per_type {
        writeln!(
            out,
            "{:<10} {:>6} {:>8.1} {:>8.1} {:>6} {:>6} {:>6.1}",
            kind.as_str(),
            c.gold_events,
            100.0 * c.type_right as f64 / c.gold_events.max(1) as f64,
            100.0 * c.dyad_right as f64 / c.gold_events.max(1) as f64,
            c.true_pos,
            c.false_pos,
            100.0 * c.f1()
        )?;
    }
    Ok(())
}

fn print_misses(
    out: &mut impl Write,
    gold: &[GoldSentence],
    predicted: &[Vec<petrel::eval::Predicted>],
) -> std::io::Result<()> {
    let text_of = |s: &GoldSentence, span: Option<petrel::core::Span>| -> String {
        span.and_then(|sp| s.text.get(sp.start..sp.end))
            .unwrap_or("-")
            .to_string()
    };
    let gold_text = |s: &GoldSentence, a: &petrel::gold::GoldActor| -> String {
        match a {
            petrel::gold::GoldActor::At(sp) => text_of(s, Some(*sp)),
            petrel::gold::GoldActor::Unnamed => "(unnamed)".to_string(),
        }
    };
    for (s, p) in gold.iter().zip(predicted) {
        if s.frozen {
            continue;
        }
        let report = petrel::eval::score(std::slice::from_ref(s), std::slice::from_ref(p));
        let all_right =
            report.all.dyad_right == report.all.gold_events && report.all.false_alarms == 0;
        if all_right {
            continue;
        }
        writeln!(out, "MISS {}: {}", s.origin, s.text)?;
        for e in &s.events {
            writeln!(
                out,
                "  gold  {:<10} {} -> {}",
                e.kind.as_str(),
                gold_text(s, &e.source),
                gold_text(s, &e.target)
            )?;
        }
        for e in p {
            writeln!(
                out,
                "  given {:<10} {} -> {}",
                e.kind.map_or("-", |k| k.as_str()),
                text_of(s, e.source),
                text_of(s, e.target)
            )?;
        }
    }
    Ok(())
}

fn tally_json(t: &Tally) -> serde_json::Value {
    let per_type: serde_json::Map<String, serde_json::Value> = t
        .per_type
        .iter()
        .map(|(k, c)| {
            (
                k.as_str().to_string(),
                serde_json::json!({
                    "gold_events": c.gold_events,
                    "type_right": c.type_right,
                    "dyad_right": c.dyad_right,
                    "true_pos": c.true_pos,
                    "false_pos": c.false_pos,
                    "false_neg": c.false_neg,
                    "f1": c.f1(),
                }),
            )
        })
        .collect();
    serde_json::json!({
        "gold_events": t.gold_events,
        "sentences": t.sentences,
        "type_right_pct": t.type_right_pct(),
        "type_dyad_right_pct": t.dyad_right_pct(),
        "no_event_pct": t.silent_pct(),
        "type_precision_pct": t.type_precision_pct(),
        "macro_f1_pct": t.macro_f1_pct(),
        "empty_sentences": t.empty_sentences,
        "false_alarm_pct": t.false_alarm_pct(),
        "predicted_events": t.predicted_events,
        "coded_events": t.coded_events,
        "actor_codes_right_pct": t.codes_right_pct(),
        "countries_right_pct": t.countries_right_pct(),
        "per_type": per_type,
    })
}

fn report_json(r: &EvalReport) -> serde_json::Value {
    serde_json::json!({
        "all": tally_json(&r.all),
        "dev": tally_json(&r.dev),
        "frozen": tally_json(&r.frozen),
    })
}

/// `petrel corpus`: the team's event corpus.
#[derive(clap::Subcommand)]
pub enum CorpusCommand {
    /// Check every line of the corpus and print counts per file, CAMEO root and code.
    Check {
        /// The corpus folder (or one JSONL file).
        dir: PathBuf,
    },
}

pub fn run_corpus(command: CorpusCommand) -> anyhow::Result<ExitCode> {
    let CorpusCommand::Check { dir } = command;
    let corpus =
        petrel::gold::team::read(&dir).with_context(|| format!("reading {}", dir.display()))?;
    let counts = corpus.counts();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for p in &corpus.problems {
        writeln!(out, "problem: {p}")?;
    }
    writeln!(
        out,
        "{:<28} {:>9} {:>7} {:>9} {:>6}",
        "file", "sentences", "events", "no event", "test"
    )?;
    let mut total = petrel::gold::team::FileCounts::default();
    for (file, c) in &counts.files {
        writeln!(
            out,
            "{file:<28} {:>9} {:>7} {:>9} {:>6}",
            c.sentences, c.events, c.no_event, c.test
        )?;
        total.sentences += c.sentences;
        total.events += c.events;
        total.no_event += c.no_event;
        total.test += c.test;
    }
    writeln!(
        out,
        "{:<28} {:>9} {:>7} {:>9} {:>6}",
        "total", total.sentences, total.events, total.no_event, total.test
    )?;
    let roots: Vec<String> = counts
        .roots
        .iter()
        .map(|(r, n)| format!("{r}:{n}"))
        .collect();
    writeln!(out, "events by CAMEO root: {}", roots.join(" "))?;
    let known = petrel::code::taxonomy::codes().count();
    let thin: Vec<String> = petrel::code::taxonomy::codes()
        .filter(|c| counts.codes.get(*c).copied().unwrap_or(0) < 10)
        .map(str::to_string)
        .collect();
    writeln!(
        out,
        "CAMEO codes with at least 10 events: {} of {known}; fewer: {}",
        known - thin.len(),
        thin.join(" ")
    )?;
    if corpus.problems.is_empty() {
        writeln!(out, "no problems found")?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(out, "{} problems", corpus.problems.len())?;
        Ok(ExitCode::from(1))
    }
}
