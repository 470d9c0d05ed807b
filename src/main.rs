//! The `kepu` command: parses the command line, runs the subcommand, prints what went
//! wrong, and exits 0 (success), 1 (the site has errors) or 2 (bad usage).

use std::process::ExitCode;

use kepu::leftovers::Ended;

fn main() -> ExitCode {
    let cli = kepu::cli::parse();
    // Not for serve: it builds again and again in one process, and the pad is kept
    // by every heap when it shrinks, so the memory of old builds stays resident
    // (docs/performance.md, issue 22 item 7).
    if !matches!(cli.command, kepu::cli::Command::Serve(_)) {
        grow_heaps_in_large_steps();
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

/// glibc's allocator grows the heap of each worker thread a few pages at a time, one
/// `mprotect` call each: about 59,000 calls in a 10,000-page build, 0.08 s of system
/// time. Asking it to reserve 64 MB at a time (address space only: untouched pages
/// use no memory) makes that 16 calls; the build takes about 5 % less time.
/// The pad is also what each heap keeps when it shrinks, which a process that builds
/// once does not mind.
///
/// Setting the pad also freezes glibc's mmap threshold at 128 KB (it no longer rises
/// as large blocks are freed), so every buffer over 128 KB was a fresh `mmap`, each
/// of its pages faulted in and zeroed by the kernel: a photo's decoded, resized and
/// turned pictures are 5–37 MB each, and the first build of 40 phone photos spent
/// 3 s of its 17 s in the kernel. Blocks up to 32 MB (glibc's largest threshold) now
/// come from the heaps and are used again by the next photo.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn grow_heaps_in_large_steps() {
    // SAFETY: mallopt only sets a tuning parameter of the allocator; it is called
    // before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn grow_heaps_in_large_steps() {}
