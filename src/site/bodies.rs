//! Page bodies: the Markdown of every document rendered (internal links resolved to
//! their URLs), with its word count and summary. The part of [`super::Site::assemble`]
//! that costs the most, so `serve` keeps the results between builds in a
//! [`BodyCache`]: a body is used again when its Markdown is the same and every `@/`
//! link in it still resolves to the same URL, which is all it depends on (with the
//! settings the cache checks).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Document, SourceText};
use crate::markdown::{self, Rendered};
use crate::text::{self, WordCount};

/// A document's body, rendered and measured.
#[derive(Debug, Clone)]
pub struct Body {
    /// The rendered Markdown (shared with `serve`'s cache).
    pub content: Arc<Rendered>,
    /// How much text it has.
    pub word_count: WordCount,
    /// The summary: above `<!-- more -->`, else cut from the start of the text.
    pub summary: Option<String>,
}

/// Bodies rendered by earlier builds, by content path.
#[derive(Debug, Default)]
pub struct BodyCache {
    /// The settings the bodies were made with; `None` before the first build.
    settings: Option<Settings>,
    entries: HashMap<String, Entry>,
}

/// What a body depends on besides its Markdown and its links.
#[derive(Debug, PartialEq)]
struct Settings {
    /// `safe_html` of site.toml.
    safe_html: bool,
    /// `[text] summary_length`.
    summary_length: usize,
    /// Whether the whole text is kept (for the search index).
    whole_text: bool,
    /// The sub-path root-relative links are put under.
    url_prefix: String,
}

#[derive(Debug)]
struct Entry {
    /// The texts it was made from: the parse cache hands back the same ones while the
    /// file is unchanged, so most checks are a pointer comparison.
    text: Arc<SourceText>,
    links: Links,
    body: Body,
}

/// Every link target the renderer asked about, with the URL it got.
type Links = Vec<(String, Option<String>)>;

/// A body and, when it was rendered now rather than taken from the cache, the links
/// it asked about.
type Made = (Body, Option<Links>);

/// The body of every document (with its `texts`), in order; with a cache, unchanged
/// bodies are taken from it and the cache is left holding this build's bodies.
pub fn render(
    (documents, texts): (&[Arc<Document>], &[Arc<SourceText>]),
    config: &Config,
    resolve: &(dyn Fn(&str) -> Option<String> + Sync),
    cache: Option<&mut BodyCache>,
) -> Vec<Body> {
    let prefix = super::paths::url_prefix(&config.base_url);
    let Some(cache) = cache else {
        return texts
            .par_iter()
            .map(|t| body(&t.body, config, resolve, &prefix))
            .collect();
    };
    cache.settle(Settings {
        safe_html: config.safe_html,
        summary_length: config.text.summary_length,
        whole_text: config.search.enable,
        url_prefix: prefix.clone(),
    });
    let made: Vec<Made> = documents
        .par_iter()
        .zip(texts)
        .map(|(d, t)| match cache.known(&d.rel, t, resolve) {
            Some(body) => (body, None),
            None => recorded(&t.body, config, resolve, &prefix),
        })
        .collect();
    cache.keep((documents, texts), made)
}

impl BodyCache {
    /// Forgets every body when the settings they were made with changed.
    fn settle(&mut self, settings: Settings) {
        if self.settings.as_ref() != Some(&settings) {
            self.entries.clear();
            self.settings = Some(settings);
        }
    }

    /// The body kept for `rel`, when its Markdown is `text`'s and every link in it
    /// still resolves to the same URL.
    fn known(
        &self,
        rel: &str,
        text: &Arc<SourceText>,
        resolve: &dyn Fn(&str) -> Option<String>,
    ) -> Option<Body> {
        let entry = self.entries.get(rel)?;
        let same = Arc::ptr_eq(&entry.text, text) || entry.text.body == text.body;
        let holds = same && (entry.links.iter()).all(|(target, url)| resolve(target) == *url);
        holds.then(|| entry.body.clone())
    }

    /// Keeps this build's bodies (the ones rendered now with the links they asked
    /// about, the others as they were kept), and gives them in order.
    fn keep(
        &mut self,
        (documents, texts): (&[Arc<Document>], &[Arc<SourceText>]),
        made: Vec<Made>,
    ) -> Vec<Body> {
        let mut old = std::mem::take(&mut self.entries);
        let mut bodies = Vec::with_capacity(made.len());
        for ((d, text), (body, links)) in documents.iter().zip(texts).zip(made) {
            let entry = match links {
                Some(links) => Some(Entry {
                    text: text.clone(),
                    links,
                    body: body.clone(),
                }),
                None => old.remove(&d.rel),
            };
            if let Some(entry) = entry {
                self.entries.insert(d.rel.clone(), entry);
            }
            bodies.push(body);
        }
        bodies
    }
}

/// The body of `markdown`, with every link target it asked `resolve` about.
fn recorded(
    markdown: &str,
    config: &Config,
    resolve: &dyn Fn(&str) -> Option<String>,
    prefix: &str,
) -> Made {
    let links = RefCell::new(Vec::new());
    let recording = |target: &str| {
        let url = resolve(target);
        links.borrow_mut().push((target.to_string(), url.clone()));
        url
    };
    let body = body(markdown, config, &recording, prefix);
    (body, Some(links.into_inner()))
}

fn body(
    markdown: &str,
    config: &Config,
    resolve: &dyn Fn(&str) -> Option<String>,
    prefix: &str,
) -> Body {
    let rendered = markdown::render(markdown, resolve, prefix);
    let mut content = if config.safe_html {
        markdown::sanitized(rendered)
    } else {
        rendered
    };
    let word_count = WordCount::of(&content.text);
    let summary = content
        .summary
        .clone()
        .or_else(|| text::summarize(&content.html, config.text.summary_length));
    if !config.search.enable {
        // Only the search index reads the whole text; event views and calendars
        // take their descriptions from its start.
        keep_start(&mut content.text, TEXT_KEPT);
    }
    content.html.shrink_to_fit();
    content.text.shrink_to_fit();
    Body {
        content: Arc::new(content),
        word_count,
        summary,
    }
}

/// Characters of a page's plain text kept when no search index needs all of it: more
/// than the event views (200) and the `.ics` descriptions (300) take from its start.
const TEXT_KEPT: usize = 300;

/// Cuts `text` after its first `chars` characters.
fn keep_start(text: &mut String, chars: usize) {
    if let Some((at, _)) = text.char_indices().nth(chars) {
        text.truncate(at);
    }
}
