//! The process's allocator (glibc's `malloc` on Linux): the one place kepu tunes it,
//! asks it to give freed memory back to the system, and reads its counts. A leaf: it
//! knows nothing of sites, only of the process.
//!
//! `build` grows the heaps in large steps ([`grow_in_large_steps`]); `serve`, which
//! builds again and again in one process, limits the number of heaps
//! ([`few_heaps`]) and gives back what a dropped build freed ([`give_back_freed`]).
//! `KEPU_HEAP_STATS=1` prints the allocator's counts at those moments ([`report`]),
//! to tell memory kept by kepu from memory kept by the allocator.

use std::time::Instant;

/// Asks glibc to grow each heap 64 MB at a time and to serve blocks up to 32 MB from
/// the heaps, for a process that builds once (`build`, `check`…).
///
/// glibc grows the heap of each worker thread a few pages at a time, one `mprotect`
/// call each: about 59,000 calls in a 10,000-page build, 0.08 s of system time. A
/// 64 MB pad (address space only: untouched pages use no memory) makes that 16 calls;
/// the build takes about 5 % less time. The pad is also what each heap keeps when it
/// shrinks, which a process that builds once does not mind (`serve` does not call
/// this: the memory of old builds would stay resident).
///
/// Setting the pad also freezes glibc's mmap threshold at 128 KB (it no longer rises
/// as large blocks are freed), so every buffer over 128 KB was a fresh `mmap`, each
/// of its pages faulted in and zeroed by the kernel: a photo's decoded, resized and
/// turned pictures are 5–37 MB each, and the first build of 40 phone photos spent
/// 3 s of its 17 s in the kernel. Blocks up to 32 MB (glibc's largest threshold) now
/// come from the heaps and are used again by the next photo.
pub fn grow_in_large_steps() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning parameter of the allocator; it is called
    // from `main` before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
    }
}

/// Limits glibc to one heap per core for a long-running process (`serve`), unless
/// `MALLOC_ARENA_MAX` says otherwise. glibc makes up to eight heaps per core, one
/// for each thread that finds the others busy, and a heap's free memory serves only
/// the threads that use it: the values of one build are spread over all of them,
/// and each keeps its own free space between builds.
pub fn few_heaps() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
        return;
    }
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning parameter of the allocator; it is called
    // from `main` before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, cores.clamp(2, 64) as i32);
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = cores;
}

/// Returns the free memory of every heap to the system. glibc gives back on its own
/// only what is free at a heap's top; a dropped build's values are spread through
/// every heap, so without this the resident memory of `kepu serve` grew with every
/// edit (287 to 1,070 MB in 30 minutes at 10,000 pages, docs/performance.md).
/// `moment` names the occasion for [`report`].
pub fn give_back_freed(moment: &str) {
    let started = Instant::now();
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of the allocator's heaps; it takes
    // the allocator's locks like any allocation does.
    unsafe {
        libc::malloc_trim(0);
    }
    report(moment, Some(started.elapsed().as_secs_f64() * 1000.0));
}

/// With `KEPU_HEAP_STATS` set, prints to standard error what the allocator holds at
/// `moment`: bytes in use, free in the heaps, in large blocks of their own, and the
/// resident memory of the process; `trim_ms` is what giving memory back took.
pub fn report(moment: &str, trim_ms: Option<f64>) {
    if std::env::var_os("KEPU_HEAP_STATS").is_none() {
        return;
    }
    let mb = |bytes: usize| bytes as f64 / (1024.0 * 1024.0);
    let (in_use, free, mapped) = counts();
    let trim = trim_ms.map_or(String::new(), |ms| format!(", trim {ms:.1} ms"));
    eprintln!(
        "heap {moment}: in use {:.1} MB, free in heaps {:.1} MB, mapped {:.1} MB, resident {:.1} MB{trim}",
        mb(in_use),
        mb(free),
        mb(mapped),
        resident_mb()
    );
}

/// Bytes in use, free in the heaps, and in blocks mapped on their own.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn counts() -> (usize, usize, usize) {
    // SAFETY: mallinfo2 only reads the allocator's counters (under its locks).
    let info = unsafe { libc::mallinfo2() };
    (info.uordblks + info.hblkhd, info.fordblks, info.hblkhd)
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn counts() -> (usize, usize, usize) {
    (0, 0, 0)
}

/// The resident memory of this process (`VmRSS`), in MB; 0 where it cannot be read.
fn resident_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmRSS:"))?.to_string();
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
