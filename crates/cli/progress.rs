//! A one-line progress display on stderr for long runs, shown only on a terminal.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Redraws at most every [`Progress::EVERY`], so drawing never costs more than the coding.
pub struct Progress {
    started: Instant,
    last: Option<Instant>,
    drawn: bool,
    /// The input's size and the bytes read of it so far, when the size is known.
    size: Option<(u64, Arc<AtomicU64>)>,
}

impl Progress {
    const EVERY: Duration = Duration::from_millis(200);

    /// A progress line; with `size` (the input's total bytes and a count of bytes read) it
    /// shows how far the run is and when it should end.
    pub fn new(size: Option<(u64, Arc<AtomicU64>)>) -> Progress {
        Progress {
            started: Instant::now(),
            last: None,
            drawn: false,
            size,
        }
    }

    /// `, 37% of 120.4 MB, about 1m 20s left` when the input size is known.
    fn share(&self, secs: f64) -> String {
        let Some((total, read)) = &self.size else {
            return String::new();
        };
        let total = (*total).max(1);
        let done = read.load(Ordering::Relaxed).min(total);
        let fraction = done as f64 / total as f64;
        let eta = if fraction > 0.0 {
            let left = (secs / fraction - secs).max(0.0) as u64;
            format!(", about {}m {:02}s left", left / 60, left % 60)
        } else {
            String::new()
        };
        format!(
            ", {:.0}% of {:.1} MB{eta}",
            fraction * 100.0,
            total as f64 / 1e6
        )
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
            "\r\x1b[2Kpetrel: {frame} {documents} documents ({:.0}/s), {sentences} sentences ({:.0}/s), {events} events, {skipped} skipped{}",
            documents as f64 / secs,
            sentences as f64 / secs,
            self.share(secs),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_size_gives_a_share_and_the_time_left() {
        let read = Arc::new(AtomicU64::new(2_500_000));
        let progress = Progress::new(Some((10_000_000, Arc::clone(&read))));
        assert_eq!(progress.share(10.0), ", 25% of 10.0 MB, about 0m 30s left");
        read.store(0, Ordering::Relaxed);
        assert_eq!(progress.share(10.0), ", 0% of 10.0 MB");
        assert_eq!(Progress::new(None).share(10.0), "");
    }
}
