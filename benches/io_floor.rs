//! The I/O floor of a build: `cargo run --release --example io_floor -- SRC REF DEST`.
//!
//! Reads every file under `SRC` (the site's sources) and writes, under `DEST`, one
//! file for every file of `REF` (a finished output of the same site), at the same
//! path and of the same size, in parallel on all cores, into a fresh folder renamed
//! into place like kepu's commit. No parsing, no rendering: what any generator must at
//! least spend to read this site and write that output. `benches/build.sh` times it.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // Follows links, as a site walk does (kepu-full/content is a link).
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [src, reference, dest] = args.as_slice() else {
        eprintln!("usage: cargo run --release --example io_floor -- SRC REF DEST");
        std::process::exit(2);
    };
    // The output's shape is taken before the clock starts (the bench times the process,
    // so this listing is included, but it is small next to the writes).
    let mut outputs = Vec::new();
    files(reference, &mut outputs);
    let shapes: Vec<(PathBuf, usize)> = outputs
        .iter()
        .map(|p| {
            let size = fs::metadata(p).map(|m| m.len() as usize).unwrap_or(0);
            (p.strip_prefix(reference).unwrap().to_path_buf(), size)
        })
        .collect();

    let mut sources = Vec::new();
    files(src, &mut sources);
    let read: usize = sources
        .par_iter()
        .map(|p| fs::read(p).map(|b| b.len()).unwrap_or(0))
        .sum();

    let staging = dest.with_extension("floor-new");
    let _ = fs::remove_dir_all(&staging);
    let mut dirs: Vec<PathBuf> = shapes
        .iter()
        .filter_map(|(p, _)| p.parent().map(|d| staging.join(d)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in &dirs {
        fs::create_dir_all(dir).expect("cannot create a folder");
    }
    let biggest = shapes.iter().map(|(_, s)| *s).max().unwrap_or(0);
    let bytes = vec![b'x'; biggest];
    let written: usize = shapes
        .par_iter()
        .map(|(p, size)| {
            fs::write(staging.join(p), &bytes[..*size]).expect("cannot write");
            *size
        })
        .sum();
    let _ = fs::remove_dir_all(dest);
    fs::rename(&staging, dest).expect("cannot move the output into place");
    eprintln!(
        "read {} files ({read} bytes), wrote {} files ({written} bytes)",
        sources.len(),
        shapes.len()
    );
}
