//! Embeds the default theme (`themes/default/`) into the binary, so that a site whose
//! `theme = "default"` has no `themes/default/` folder of its own still builds, and
//! `kepu init` has a theme to start from; and records the git commit the binary is
//! built from, for `kepu --version` (`KEPU_GIT_COMMIT` when there is no `.git`, as in
//! a Docker build or a crates tarball; otherwise "unknown").

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(&path, base, out);
        } else {
            out.push(path.strip_prefix(base).unwrap().to_path_buf());
        }
    }
}

/// Runs git in the crate's folder; `None` when git or the repository is missing.
fn git(manifest: &Path, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(manifest)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// Sets `KEPU_GIT_COMMIT`, and asks to run again when HEAD moves.
fn git_commit(manifest: &Path) {
    println!("cargo:rerun-if-env-changed=KEPU_GIT_COMMIT");
    let commit = match std::env::var("KEPU_GIT_COMMIT") {
        Ok(c) if !c.is_empty() => c,
        _ => {
            git(manifest, &["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".into())
        }
    };
    for (arg, file) in [
        ("--git-dir", "HEAD"),
        ("--git-common-dir", "packed-refs"),
        ("--git-common-dir", "refs/heads"),
    ] {
        if let Some(dir) = git(manifest, &["rev-parse", arg]) {
            println!(
                "cargo:rerun-if-changed={}",
                manifest.join(dir).join(file).display()
            );
        }
    }
    println!("cargo:rustc-env=KEPU_GIT_COMMIT={commit}");
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let theme = manifest.join("themes").join("default");
    git_commit(&manifest);
    println!("cargo:rerun-if-changed=themes/default");
    let mut files = Vec::new();
    collect(&theme, &theme, &mut files);
    let mut code = String::from(
        "/// Files of the built-in default theme: path inside the theme, contents.\npub static FILES: &[(&str, &[u8])] = &[\n",
    );
    for file in &files {
        println!("cargo:rerun-if-changed={}", theme.join(file).display());
        let rel = file.to_string_lossy().replace('\\', "/");
        writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            theme.join(file).display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("builtin_theme.rs");
    std::fs::write(out, code).unwrap();
}
