//! Checks every `@/path.md#anchor` link once all pages are rendered: a missing page or
//! a missing anchor is an error at the link's own line.

use std::collections::HashMap;

use super::Page;
use crate::diag::{Diagnostic, Diagnostics, Msg, line_col};
use crate::toml_diag::closest;

/// Reports broken internal links of every page.
pub fn check(
    pages: &[Page],
    by_rel: &HashMap<String, usize>,
    unpublished: &super::Unpublishing,
    diags: &mut Diagnostics,
) {
    let mut known: Option<Vec<String>> = None;
    for page in pages {
        for link in &page.content.links {
            // Where the link is and how it was written: only for a link to report,
            // since finding the line reads the body up to the link.
            let place = || {
                let (line, col) = line_col(&page.doc.body, link.offset);
                (line + page.doc.body_line - 1, col)
            };
            let written = || format!("@/{}", link.target);
            if !link.resolved && unpublished.get(link.target.trim_start_matches('/')) == Some(&None)
            {
                continue;
            }
            if !link.resolved {
                let (line, col) = place();
                let written = written();
                let d = match unpublished.get(link.target.trim_start_matches('/')) {
                    Some(Some(reason)) => Diagnostic::error(
                        &page.doc.source,
                        line,
                        col,
                        Msg::LinkUnpublished {
                            link: written,
                            reason: Box::new(reason.phrase()),
                        },
                    )
                    .with_help(Msg::PublishLinkedHelp),
                    _ => {
                        let known = known.get_or_insert_with(|| {
                            let mut all: Vec<String> = by_rel.keys().cloned().collect();
                            all.sort();
                            all
                        });
                        let help = match closest(&link.target, known) {
                            Some(best) => Msg::DidYouMeanLinkHelp {
                                best: best.to_string(),
                            },
                            None => Msg::PageLinkHelp,
                        };
                        Diagnostic::error(
                            &page.doc.source,
                            line,
                            col,
                            Msg::PageLinkMissing { link: written },
                        )
                        .with_help(help)
                    }
                };
                diags.push(d);
                continue;
            }
            let Some(anchor) = &link.anchor else { continue };
            let Some(&target) = by_rel.get(link.target.trim_start_matches('/')) else {
                continue;
            };
            let target = &pages[target];
            if !target.content.anchors.iter().any(|a| a == anchor) {
                let (line, col) = place();
                let written = written();
                let mut help = Msg::HeadingHelp;
                if !target.content.anchors.is_empty() {
                    let list: Vec<String> = target
                        .content
                        .anchors
                        .iter()
                        .take(12)
                        .map(|a| format!("#{a}"))
                        .collect();
                    help = Msg::HeadingsHelp {
                        headings: list.join(", "),
                    };
                }
                diags.push(
                    Diagnostic::error(
                        &page.doc.source,
                        line,
                        col,
                        Msg::HeadingMissing {
                            link: written,
                            anchor: anchor.clone(),
                            page: target.doc.source.display().to_string(),
                        },
                    )
                    .with_help(help),
                );
            }
        }
    }
}
