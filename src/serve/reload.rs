//! The browser side of `serve`: the live-reload script injected into every HTML page,
//! the server-sent events it listens to, and the overlay that lists build errors.

use crate::diag::{Diagnostics, Msg};
use crate::messages::{Lang, Messages};

/// Path of the event stream.
pub const EVENTS_PATH: &str = "/__kepu/events";

/// What open pages are told after a rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Reload the page (content, templates, or a failed build to show).
    Reload,
    /// Only styles changed: refresh stylesheets without reloading.
    Styles,
}

impl Event {
    /// The event's text on the wire (`text/event-stream`).
    pub fn to_sse(self) -> &'static str {
        match self {
            Event::Reload => "event: reload\ndata: 1\n\n",
            Event::Styles => "event: styles\ndata: 1\n\n",
        }
    }
}

/// The script: reconnects by itself (EventSource does), reloads or refreshes styles.
/// A changed stylesheet has a new fingerprinted name, so the page is fetched again
/// for the new addresses of its stylesheets.
const SCRIPT: &str = r#"<script>(function(){var s=new EventSource("/__kepu/events");s.addEventListener("reload",function(){location.reload()});s.addEventListener("styles",function(){fetch(location.href).then(function(r){return r.text()}).then(function(t){var n=new DOMParser().parseFromString(t,"text/html").querySelectorAll('link[rel="stylesheet"]');document.querySelectorAll('link[rel="stylesheet"]').forEach(function(l,i){var u=new URL(n[i]?n[i].getAttribute("href"):l.href,location.href);u.searchParams.set("kepu",Date.now());l.href=u.href})})});})();</script>"#;

/// Adds the live-reload script, and the error overlay when the build failed, to a page.
pub fn inject(html: &str, errors: Option<&Diagnostics>, m: &Messages) -> String {
    let mut extra = String::from(SCRIPT);
    if let Some(errors) = errors {
        extra.push_str(&overlay(errors, m));
    }
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]),
        None => format!("{html}{extra}"),
    }
}

/// A page for when there is no good build yet: only the errors.
pub fn error_page(errors: &Diagnostics, m: &Messages) -> String {
    let lang = if m.lang == Lang::Zh { "zh-CN" } else { "en" };
    let title = crate::escape::html_text(&m.message(&Msg::OverlayTitle));
    inject(
        &format!(
            "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head><body></body></html>"
        ),
        Some(errors),
        m,
    )
}

/// The list of errors over the page, each with its code: an editor who sends a
/// screenshot names the problem in words a maintainer can look up in either language.
fn overlay(errors: &Diagnostics, m: &Messages) -> String {
    let shown = Messages { codes: false, ..*m };
    let (title, count) = (m.message(&Msg::OverlayTitle), m.summary(errors));
    let heading = match m.lang {
        Lang::En => format!("{title} ({count})"),
        Lang::Zh => format!("{title}（{count}）"),
    };
    let mut items = String::new();
    for d in errors.iter() {
        // Why `overflow-wrap:anywhere` and `minmax(0,1fr)` below: a long path or a row
        // of `^` has no space to wrap at, and would widen the grid past the screen.
        items.push_str("<li><pre style=\"white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font:14px/1.5 monospace\">");
        items.push_str(&crate::escape::html_text(&shown.diagnostic(d)));
        if let Some(code) = d.message.code() {
            items.push_str(&format!(" <small style=\"opacity:.6\">[{code}]</small>"));
        }
        items.push_str("</pre></li>");
    }
    format!(
        "<div id=\"kepu-errors\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,0,0,.92);color:#fff;padding:1.5rem;font:16px/1.5 sans-serif\">\
         <h2 style=\"margin:0 0 1rem;color:#ffb3b3\">{}</h2>\
         <p style=\"margin:0 0 1rem\">{}</p>\
         <ol style=\"padding-left:1.5rem;display:grid;grid-template-columns:minmax(0,1fr);gap:.75rem\">{items}</ol></div>",
        crate::escape::html_text(&heading),
        crate::escape::html_text(&m.message(&Msg::OverlayLastGood))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;

    #[test]
    fn script_and_overlay_go_before_body_end() {
        let field = "<x>".to_string();
        let bad = crate::diag::Msg::UnknownField { field };
        let errors: Diagnostics =
            std::iter::once(Diagnostic::error("content/a.md", 4, 2, bad)).collect();
        let html = inject(
            "<html><body><p>hi</p></body></html>",
            Some(&errors),
            &Messages::ENGLISH,
        );
        assert!(html.contains("content/a.md:4:2: unknown field `&lt;x&gt;`"));
        assert!(html.ends_with("</div></body></html>"));
        assert!(html.contains("EventSource"));
    }

    #[test]
    fn overlay_speaks_the_sites_language_and_shows_codes() {
        let errors: Diagnostics = std::iter::once(Diagnostic::error(
            "content/a.md",
            3,
            1,
            crate::diag::Msg::UnknownField {
                field: "titel".into(),
            },
        ))
        .collect();
        let zh = Messages {
            lang: Lang::Zh,
            codes: false,
        };
        let html = error_page(&errors, &zh);
        assert!(html.contains("<html lang=\"zh-CN\">"), "{html}");
        assert!(
            html.contains("kepu：网站有错误（1 个错误，0 个警告）"),
            "{html}"
        );
        assert!(
            html.contains("content/a.md:3:1: 未知字段 `titel` <small"),
            "{html}"
        );
        assert!(html.contains("[E101]</small>"), "{html}");
    }
}
