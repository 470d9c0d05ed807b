//! What a run prints on standard error besides its own lines: the diagnostics in the
//! editor's language with their count, and the stage timings of `--timings`.
//!
//! Shared by the subcommands in `cli` and by `serve`, which prints every rebuild's
//! problems the same way; it sits below both, so neither reaches into the other.

use crate::diag::Diagnostics;
use crate::messages::Messages;

/// Prints each stage of `timings` to standard error (`--timings`): its name, how long
/// it took and the peak resident memory when it ended.
pub fn print_timings(timings: &crate::pipeline::Timings) {
    // Stage, its time, and the peak resident memory when it ended.
    for (stage, time, peak) in &timings.stages {
        let peak = peak.map_or(String::new(), |b| format!("{:>8} MB", b / (1024 * 1024)));
        eprintln!("  {stage:<9} {:>8.1} ms{peak}", time.as_secs_f64() * 1000.0);
    }
}

/// Prints diagnostics to standard error in the run's language, with the count at the end.
pub fn print_diagnostics(diags: &Diagnostics, messages: &Messages) {
    use std::io::Write;
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in diags.iter() {
        let _ = writeln!(err, "{}", messages.diagnostic_for_terminal(d));
    }
    if diags.has_errors() {
        let _ = writeln!(err, "{}", messages.summary(diags));
    }
}
