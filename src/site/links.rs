//! Checks every `@/path.md#anchor` link once all pages are rendered: a missing page or
//! a missing anchor is an error at the link's own line.

use std::collections::HashMap;

use std::sync::Arc;

use super::{Page, Unpublished};
use crate::content::SourceText;
use crate::diag::{Diagnostic, Diagnostics, Msg, line_col};
use crate::markdown::InternalLink;
use crate::toml_diag::closest;

/// A page whose links are checked, with its texts (for the line of a link).
type Linking<'a> = (&'a Page, &'a SourceText);

/// Reports broken internal links of every page (`texts` by page index).
pub fn check(
    (pages, texts): (&[Page], &[Arc<SourceText>]),
    by_rel: &HashMap<String, usize>,
    unpublished: &super::Unpublishing,
    diags: &mut Diagnostics,
) {
    let mut known: Option<Vec<String>> = None;
    for (page, text) in pages.iter().zip(texts) {
        let from = (page, &**text);
        for link in &page.content.links {
            let target = link.target.trim_start_matches('/');
            if !link.resolved {
                match unpublished.get(target) {
                    Some(None) => {}
                    Some(Some(reason)) => diags.push(unpublished_link(from, link, *reason)),
                    None => {
                        let known = known.get_or_insert_with(|| sorted_keys(by_rel));
                        diags.push(missing_page(from, link, known));
                    }
                }
                continue;
            }
            let Some(anchor) = &link.anchor else { continue };
            let Some(&target) = by_rel.get(target) else {
                continue;
            };
            if let Some(d) = missing_anchor(from, link, anchor, &pages[target]) {
                diags.push(d);
            }
        }
    }
}

/// The file's own line and column of a link: only for a link to report, since finding
/// the line reads the body up to the link.
fn place((page, text): Linking, link: &InternalLink) -> (usize, usize) {
    let (line, col) = line_col(&text.body, link.offset);
    (line + page.doc.body_line - 1, col)
}

/// The link as it was written.
fn written(link: &InternalLink) -> String {
    format!("@/{}", link.target)
}

/// Every content path of the site, sorted, for a "did you mean" help.
fn sorted_keys(by_rel: &HashMap<String, usize>) -> Vec<String> {
    let mut all: Vec<String> = by_rel.keys().cloned().collect();
    all.sort();
    all
}

/// A link to a page left out of the build: says why, and how to publish it.
fn unpublished_link(from: Linking, link: &InternalLink, reason: Unpublished) -> Diagnostic {
    let (line, col) = place(from, link);
    let msg = Msg::LinkUnpublished {
        link: written(link),
        reason: Box::new(reason.phrase()),
    };
    Diagnostic::error(&from.0.doc.source, line, col, msg).with_help(Msg::PublishLinkedHelp)
}

/// A link to a page that does not exist, with the closest known path as help.
fn missing_page(from: Linking, link: &InternalLink, known: &[String]) -> Diagnostic {
    let (line, col) = place(from, link);
    let help = match closest(&link.target, known) {
        Some(best) => Msg::DidYouMeanLinkHelp {
            best: best.to_string(),
        },
        None => Msg::PageLinkHelp,
    };
    let msg = Msg::PageLinkMissing {
        link: written(link),
    };
    Diagnostic::error(&from.0.doc.source, line, col, msg).with_help(help)
}

/// A link to a heading its target page does not have, listing the headings it has.
fn missing_anchor(
    from: Linking,
    link: &InternalLink,
    anchor: &str,
    target: &Page,
) -> Option<Diagnostic> {
    let anchors = &target.content.anchors;
    if anchors.iter().any(|a| a == anchor) {
        return None;
    }
    let (line, col) = place(from, link);
    let mut help = Msg::HeadingHelp;
    if !anchors.is_empty() {
        let list: Vec<String> = anchors.iter().take(12).map(|a| format!("#{a}")).collect();
        help = Msg::HeadingsHelp {
            headings: list.join(", "),
        };
    }
    let msg = Msg::HeadingMissing {
        link: written(link),
        anchor: anchor.to_string(),
        page: target.doc.source.display().to_string(),
    };
    Some(Diagnostic::error(&from.0.doc.source, line, col, msg).with_help(help))
}
