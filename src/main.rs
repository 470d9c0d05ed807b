//! The `kepu` command: parses the command line, runs the subcommand, prints what went
//! wrong, and exits 0 (success), 1 (the site has errors) or 2 (bad usage).

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = kepu::cli::parse();
    // Not for serve: it builds again and again in one process, and the pad is kept
    // by every heap when it shrinks, so the memory of old builds stays resident
    // (docs/performance.md, issue 22 item 7).
    if !matches!(cli.command, kepu::cli::Command::Serve(_)) {
        grow_heaps_in_large_steps();
    }
    kepu::cli::run(cli)
}

/// glibc's allocator grows the heap of each worker thread a few pages at a time, one
/// `mprotect` call each: about 59,000 calls in a 10,000-page build, 0.08 s of system
/// time. Asking it to reserve 64 MB at a time (address space only: untouched pages
/// use no memory) makes that 16 calls; the build takes about 5 % less time.
/// The pad is also what each heap keeps when it shrinks, which a process that builds
/// once does not mind.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn grow_heaps_in_large_steps() {
    // SAFETY: mallopt only sets a tuning parameter of the allocator; it is called
    // before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn grow_heaps_in_large_steps() {}
