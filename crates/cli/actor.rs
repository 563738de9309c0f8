//! `petrel actor`: resolve one phrase as the coder would, and show the entries that fired.

use anyhow::Context;
use petrel::core::Date;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The phrase to resolve ("Japanese Foreign Minister", "the Kremlin").
    #[arg(
        long_help = "The noun phrase to resolve, as it would appear in a sentence: \"Japanese \
                       Foreign Minister\", \"Kenyan police\", \"the Kremlin\". Several words may be \
                       given unquoted; they are joined by spaces."
    )]
    phrase: Vec<String>,
    /// The date the phrase is read on (YYYY-MM-DD); default today.
    #[arg(
        long,
        value_name = "DATE",
        long_help = "The date the phrase is read on (YYYY-MM-DD). People's roles are dated: \
                       a minister codes as government while in office and as a former official \
                       after. Default: today (UTC)."
    )]
    date: Option<String>,
    /// Print one JSON object: {code, country, sectors, entity, matches: [{file, line, text}]}.
    #[arg(long)]
    json: bool,
    /// Dictionaries: `builtin` (default), a folder of petrel TOML files, or of PETRARCH files.
    #[arg(
        long,
        value_name = "DIR|builtin",
        default_value = "builtin",
        long_help = "builtin: petrel's own dictionaries, compiled into the binary. A folder \
                       holding *.toml files: dictionaries in petrel's format. Any other folder: \
                       the Phoenix PETRARCH set."
    )]
    dicts: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let phrase = args.phrase.join(" ");
    anyhow::ensure!(
        !phrase.trim().is_empty(),
        "no phrase given; pass one, e.g. petrel actor \"Japanese Foreign Minister\""
    );
    let date = match args.date.as_deref() {
        Some(s) => s
            .parse::<Date>()
            .ok()
            .with_context(|| format!("--date {s}: expected YYYY-MM-DD"))?,
        None => today(),
    };
    let (dictionaries, _) = crate::code::load_dictionaries(&args.dicts)?;
    let model = crate::load_model(None)?;
    let coder = petrel::code::Coder::new(dictionaries, petrel::code::CoderOptions::default());
    let report = petrel::actor::resolve_actor(&coder, &model, &phrase, date)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        writeln!(out, "{}", report.to_json())?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "phrase   {phrase}")?;
    writeln!(out, "date     {date}")?;
    let Some(code) = &report.code else {
        writeln!(out, "code     - (no actor or agent matched)")?;
        return Ok(ExitCode::SUCCESS);
    };
    writeln!(out, "code     {code}")?;
    writeln!(
        out,
        "country  {}",
        report.country.as_deref().unwrap_or("- (unknown root)")
    )?;
    let sectors = if report.sectors.is_empty() {
        "-".to_string()
    } else {
        report.sectors.join(" ")
    };
    writeln!(out, "sectors  {sectors}")?;
    writeln!(out, "entity   {}", report.entity.as_deref().unwrap_or("-"))?;
    for m in &report.matches {
        writeln!(out, "matched  {}:{}: {}", m.file, m.line, m.text)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Today's date in UTC, from the system clock.
fn today() -> Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    Date::from_ymd(y, m, d).unwrap_or(Date::MIN)
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (u32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year as u32, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn day_counts_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
