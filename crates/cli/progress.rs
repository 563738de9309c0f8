//! A one-line progress display on stderr for long runs, shown only on a terminal.

use std::io::Write;
use std::time::{Duration, Instant};

/// Redraws at most every [`Progress::EVERY`], so drawing never costs more than the coding.
pub struct Progress {
    started: Instant,
    last: Option<Instant>,
    drawn: bool,
}

impl Progress {
    const EVERY: Duration = Duration::from_millis(200);

    pub fn new() -> Progress {
        Progress {
            started: Instant::now(),
            last: None,
            drawn: false,
        }
    }

    /// Redraws the line if enough time has passed since the last time.
    pub fn update(&mut self, documents: usize, sentences: usize, events: usize, skipped: usize) {
        let now = Instant::now();
        if self
            .last
            .is_some_and(|l| now.duration_since(l) < Self::EVERY)
        {
            return;
        }
        self.last = Some(now);
        let secs = now.duration_since(self.started).as_secs_f64().max(1e-3);
        let spinner = ['|', '/', '-', '\\'];
        let frame = spinner
            .get((secs * 5.0) as usize % spinner.len())
            .copied()
            .unwrap_or('|');
        // `\r` and the erase-line escape keep the display on one line; a failed write to the
        // terminal is not worth stopping the run for.
        let _ = write!(
            std::io::stderr(),
            "\r\x1b[2Kpetrel: {frame} {documents} documents ({:.0}/s), {sentences} sentences ({:.0}/s), {events} events, {skipped} skipped",
            documents as f64 / secs,
            sentences as f64 / secs,
        );
        self.drawn = true;
    }

    /// Erases the line, so the summary that follows stands alone.
    pub fn finish(&mut self) {
        if self.drawn {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
            self.drawn = false;
        }
    }
}
