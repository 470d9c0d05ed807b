//! URL paths: each content folder and page gets one, Chinese folder names in pinyin;
//! two pages with one URL are an error naming both files; bundle assets go beside
//! their page.

use std::collections::HashMap;
use std::sync::Arc;

use super::Asset;
use super::sections::own_dir;
use crate::config::Config;
use crate::content::Document;
use crate::content::slug::slugify;
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::source::SourceFile;

/// The URL path of every document and of the folders under `content/`.
#[derive(Debug)]
pub struct Placed {
    /// Site path of each document (`/news/a/`).
    pub paths: Vec<String>,
    /// Site path of each content folder (default language).
    dir_paths: HashMap<String, String>,
    /// Page bundles by folder.
    bundles: HashMap<String, usize>,
}

/// The path part of the base URL, to put before root-relative links (`/kepu`).
pub fn url_prefix(base_url: &str) -> String {
    let without_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    match without_scheme.find('/') {
        Some(i) => without_scheme[i..].trim_end_matches('/').to_string(),
        None => String::new(),
    }
}

/// Computes the site path of every folder on demand, from section slugs or pinyin.
struct Folders<'a> {
    section_slugs: HashMap<&'a str, &'a str>,
    cache: HashMap<String, String>,
}

impl Folders<'_> {
    fn path(&mut self, dir: &str) -> String {
        if dir.is_empty() {
            return "/".to_string();
        }
        if let Some(path) = self.cache.get(dir) {
            return path.clone();
        }
        let (parent, name) = dir.rsplit_once('/').unwrap_or(("", dir));
        let segment = match self.section_slugs.get(dir) {
            Some(slug) if !slug.is_empty() => slug.to_string(),
            _ => segment_of(name),
        };
        let path = format!("{}{segment}/", self.path(parent));
        self.cache.insert(dir.to_string(), path.clone());
        path
    }
}

/// The URL segment of a folder name: its slug, or the name itself if it has no letters.
fn segment_of(name: &str) -> String {
    let slug =
        slugify(crate::content::dates::split_date_prefix(name).map_or(name, |(_, rest)| rest));
    if slug.is_empty() { slugify(name) } else { slug }
}

/// Gives every document its site path and reports duplicates.
pub fn place(config: &Config, documents: &[Arc<Document>], diags: &mut Diagnostics) -> Placed {
    let section_slugs: HashMap<&str, &str> = documents
        .iter()
        .filter(|d| d.is_section && d.lang == config.language)
        .map(|d| (own_dir(d), d.slug.as_str()))
        .collect();
    let mut folders = Folders {
        section_slugs,
        cache: HashMap::new(),
    };
    let mut paths = Vec::with_capacity(documents.len());
    let mut bundles = HashMap::new();
    for (i, doc) in documents.iter().enumerate() {
        if doc.is_bundle && !doc.is_section {
            bundles.insert(own_dir(doc).to_string(), i);
        }
        if !doc.is_section && doc.slug.is_empty() {
            diags.push(
                Diagnostic::error(&doc.source, 1, 1, Msg::NoAddress)
                    .with_help(Msg::SlugMissingHelp),
            );
        }
        paths.push(doc_path(config, doc, &mut folders));
    }
    let owners = path_owners(documents, &paths, diags);
    check_aliases(documents, &owners, diags);
    Placed {
        paths,
        dir_paths: folders.cache,
        bundles,
    }
}

/// The site path of one document: its folder's path for a section, else its slug
/// below the folder it is in (a bundle's parent folder), under `/<lang>` in another
/// language.
fn doc_path(config: &Config, doc: &Document, folders: &mut Folders) -> String {
    let dir = own_dir(doc);
    let base = if doc.is_section {
        folders.path(dir)
    } else if doc.is_bundle {
        let parent = dir.rsplit_once('/').map_or("", |(p, _)| p);
        format!("{}{}/", folders.path(parent), doc.slug)
    } else {
        format!("{}{}/", folders.path(dir), doc.slug)
    };
    if doc.lang == config.language {
        base
    } else {
        format!("/{}{base}", doc.lang)
    }
}

/// The document that first has each path; a later one with the same path is an error.
fn path_owners<'a>(
    documents: &[Arc<Document>],
    paths: &'a [String],
    diags: &mut Diagnostics,
) -> HashMap<&'a str, usize> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, path) in paths.iter().enumerate() {
        if let Some(&first) = seen.get(path.as_str()) {
            let message = Msg::SameAddress {
                path: path.clone(),
                other: shown_source(&documents[first]),
            };
            diags.push(
                Diagnostic::error(&documents[i].source, 1, 1, message)
                    .with_help(Msg::SameAddressHelp),
            );
        } else {
            seen.insert(path, i);
        }
    }
    seen
}

/// An alias that is the path of a page is an error at the alias.
fn check_aliases(
    documents: &[Arc<Document>],
    owners: &HashMap<&str, usize>,
    diags: &mut Diagnostics,
) {
    for doc in documents {
        for alias in &doc.aliases {
            if let Some(&owner) = owners.get(alias.path.as_str()) {
                let message = Msg::AliasTaken {
                    alias: alias.path.clone(),
                    owner: shown_source(&documents[owner]),
                };
                diags.push(
                    Diagnostic::error(&doc.source, alias.line, alias.col, message)
                        .with_help(Msg::AliasTakenHelp),
                );
            }
        }
    }
}

/// A document's source file as a message shows it, with forward slashes.
fn shown_source(doc: &Document) -> String {
    doc.source.display().to_string().replace('\\', "/")
}

/// Puts each content asset beside its page (bundles) or at its folder's path; with
/// the file names of each document's bundle assets (relative to its folder), by index.
pub fn place_assets(
    documents: &[Arc<Document>],
    placed: &Placed,
    assets: Vec<SourceFile>,
    diags: &mut Diagnostics,
) -> (Vec<Asset>, Vec<Vec<String>>) {
    let mut out = Vec::with_capacity(assets.len());
    let mut bundled = vec![Vec::new(); documents.len()];
    for asset in assets {
        let rel = asset.rel.to_string_lossy().replace('\\', "/");
        let bundle = bundle_of(placed, &rel);
        let keep_original = bundle.is_some_and(|(i, _)| documents[i].keep_original);
        let output = match bundle {
            Some((i, dir)) => {
                let inside = rel[dir.len()..].trim_start_matches('/').to_string();
                bundled[i].push(inside.clone());
                format!("{}{inside}", placed.paths[i].trim_start_matches('/'))
            }
            None => folder_output(placed, &rel),
        };
        if output.split('/').any(|p| p == "..") {
            diags.push(Diagnostic::error(
                &asset.display,
                0,
                0,
                Msg::AssetOutsideOutput,
            ));
            continue;
        }
        out.push(Asset {
            source: asset,
            output,
            keep_original,
        });
    }
    (out, bundled)
}

/// The nearest bundle folder above a content file, if any: its page and folder.
fn bundle_of<'r>(placed: &Placed, rel: &'r str) -> Option<(usize, &'r str)> {
    let mut dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
    loop {
        if let Some(&i) = placed.bundles.get(dir) {
            return Some((i, dir));
        }
        dir = dir.rsplit_once('/')?.0;
    }
}

/// The output path of a content file outside any bundle: its folder's site path.
fn folder_output(placed: &Placed, rel: &str) -> String {
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let dir_path = if dir.is_empty() {
        "/".to_string()
    } else {
        placed
            .dir_paths
            .get(dir)
            .cloned()
            .unwrap_or_else(|| format!("/{dir}/"))
    };
    format!("{}{name}", dir_path.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_is_the_path_of_the_base_url() {
        assert_eq!(url_prefix("https://a.org"), "");
        assert_eq!(url_prefix("https://a.org/kepu"), "/kepu");
        assert_eq!(url_prefix(""), "");
    }

    #[test]
    fn folder_segments_are_pinyin_without_date_prefix() {
        assert_eq!(segment_of("科普活动"), "ke-pu-huo-dong");
        assert_eq!(segment_of("2018-01-05-年会"), "nian-hui");
        assert_eq!(segment_of("events"), "events");
    }
}
