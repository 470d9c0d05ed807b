//! The `kepu` command: parses the command line, runs the subcommand, prints what went
//! wrong, and exits 0 (success), 1 (the site has errors) or 2 (bad usage).

use std::process::ExitCode;

use kepu::leftovers::Ended;

fn main() -> ExitCode {
    let cli = kepu::cli::parse();
    // Not for serve: it builds again and again in one process, and the pad is kept
    // by every heap when it shrinks, so the memory of old builds stays resident
    // (docs/performance.md, issue 22 item 7).
    if matches!(cli.command, kepu::cli::Command::Serve(_)) {
        kepu::heap::few_heaps();
    } else {
        kepu::heap::grow_in_large_steps();
    }
    exit_without_freeing(kepu::cli::run(cli))
}

/// The one way out of the process: the values the command left (see
/// `kepu::leftovers`: a build's pages, views and output files) are dropped without
/// freeing them, since the operating system takes the whole heap back at once, and
/// freeing them piece by piece cost about a tenth of a 10,000-page build.
fn exit_without_freeing(ended: Ended) -> ExitCode {
    let Ended { status, leftovers } = ended;
    std::mem::forget(leftovers);
    status
}
