//! The links of files whose front matter could not be read: the file is not in the
//! site, but its Markdown body usually still can be read, and its broken links belong
//! in the same run as the front-matter error, not in the next one.
//!
//! The body is rendered on its own; `@/` links resolve against the site's pages,
//! root-relative links against the output, and other relative links against the files
//! beside the Markdown file (where an editor puts a bundle's images and downloads).

use std::collections::HashSet;

use crate::content::front_matter;
use crate::diag::{Diagnostic, Diagnostics, Msg, line_col};
use crate::escape::percent_decode_lossy;
use crate::markdown::{self, LinkKind};
use crate::output::Output;
use crate::site::Site;
use crate::source::{SourceFile, Sources};

/// Reports the broken links in the bodies of the content files `failed` (paths under
/// `content/`), which could not be parsed.
pub fn unparsed_links(
    site: &Site,
    output: &Output,
    sources: &Sources,
    failed: &[String],
    diags: &mut Diagnostics,
) {
    if failed.is_empty() {
        return;
    }
    let beside: HashSet<String> = sources
        .content_assets
        .iter()
        .chain(&sources.markdown)
        .map(|f| f.rel.to_string_lossy().replace('\\', "/"))
        .collect();
    for file in sources
        .markdown
        .iter()
        .filter(|f| failed.contains(&f.rel.to_string_lossy().replace('\\', "/")))
    {
        check_file(site, output, &beside, file, diags);
    }
}

/// Checks the links of one unparsed file's body, when its front matter can at least
/// be told apart from it.
fn check_file(
    site: &Site,
    output: &Output,
    beside: &HashSet<String>,
    file: &SourceFile,
    diags: &mut Diagnostics,
) {
    let Ok(bytes) = file.origin.read() else {
        return;
    };
    let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let Ok(split) = front_matter::split(text) else {
        return;
    };
    let rel = file.rel.to_string_lossy().replace('\\', "/");
    let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
    let body = Body {
        site,
        output,
        beside,
        dir,
        text: split.body,
        line: split.body_line,
        source: &file.display,
    };
    body.check(diags);
}

/// One unparsed file's body and what its links are resolved against.
struct Body<'a> {
    site: &'a Site,
    output: &'a Output,
    beside: &'a HashSet<String>,
    dir: &'a str,
    text: &'a str,
    line: usize,
    source: &'a std::path::Path,
}

impl Body<'_> {
    fn check(&self, diags: &mut Diagnostics) {
        let site = self.site;
        let known = |target: &str| {
            site.page(target).is_some() || site.held_back.iter().any(|h| h.doc.rel == target)
        };
        let rendered =
            markdown::render(self.text, &|t| known(t).then(String::new), &site.url_prefix);
        for link in rendered.links.iter().filter(|l| !l.resolved) {
            let message = Msg::PageLinkMissing {
                link: format!("@/{}", link.target),
            };
            diags.push(
                self.error(link.offset, message)
                    .with_help(Msg::PageLinkHelp),
            );
        }
        for w in &rendered.written {
            let shown = percent_decode_lossy(&w.dest);
            let message = match w.kind {
                LinkKind::Spaced => Msg::SpacedAddress { address: shown },
                _ => match self.problem(&w.dest, &rendered.anchors) {
                    Some(fragment) => {
                        let image = w.kind == LinkKind::Image && fragment.is_none();
                        super::locate::problem(shown, fragment, image)
                    }
                    None => continue,
                },
            };
            diags.push(self.error(w.offset, message));
        }
    }

    /// What is wrong with a destination: `Some(None)` it leads nowhere,
    /// `Some(Some(anchor))` its page lacks the anchor, `None` nothing (or another site).
    fn problem(&self, dest: &str, own_anchors: &[String]) -> Option<Option<String>> {
        if dest.contains(':') || dest.starts_with("//") {
            return None;
        }
        let (target, fragment) = match dest.split_once('#') {
            Some((t, f)) => (t, Some(percent_decode_lossy(f))),
            None => (dest, None),
        };
        let target = percent_decode_lossy(target.split('?').next().unwrap_or(""));
        let fragment = fragment.filter(|f| !f.is_empty() && f != "top");
        if target.is_empty() {
            return fragment.filter(|f| !own_anchors.contains(f)).map(Some);
        }
        let Some(root_relative) = target.strip_prefix('/') else {
            let path = super::links::normalise(&format!("/{}/{target}", self.dir));
            let found = self.beside.contains(path.trim_start_matches('/'));
            return (!found).then_some(None);
        };
        let Some(file) = super::links::site_path(&format!("/{root_relative}"), "", "")
            .and_then(|p| super::links::resolve_file(&|path| self.output.contains(path), &p))
        else {
            return Some(None);
        };
        let fragment = fragment?;
        let ids = self
            .output
            .generated(&file)
            .and_then(|b| std::str::from_utf8(&b).ok().map(super::links::ids))
            .unwrap_or_default();
        (!ids.contains(&fragment)).then_some(Some(fragment))
    }

    fn error(&self, offset: usize, message: Msg) -> Diagnostic {
        let (line, col) = line_col(self.text, offset);
        Diagnostic::error(self.source, line + self.line - 1, col, message)
            .with_help(Msg::AddressHelp)
    }
}
