//! HTML pages: every page and section through its template, paginated section lists,
//! the 404 page, and redirect pages for aliases.

use tera::{Context, Value};

use super::values;
use super::{File, Rendering};
use crate::diag::{Diagnostic, Located, Msg};
use crate::site::{Page, SectionData, html_file};

/// The output files of page `i`, in the order [`page`] renders them: the page, or a
/// paginated section's pages and the redirect at `page/1/`.
pub fn page_files(r: &Rendering, i: usize) -> Vec<String> {
    let page = &r.site.pages[i];
    let file = |path: &str| html_file(path).to_string_lossy().into_owned();
    let Some((section, per_page)) = page
        .section
        .as_ref()
        .and_then(|s| Some((s, s.paginate_by?)))
    else {
        return vec![file(&page.path)];
    };
    let entries = event_order(r, i).map_or(section.pages.len(), |e| e.order.len());
    let count = super::pager::count(entries, per_page);
    (1..=count)
        .map(|n| file(&super::pager::page_path(&page.path, n)))
        .chain(std::iter::once(file(&format!("{}page/1/", page.path))))
        .collect()
}

/// One template mistake breaks every page using that template: report it once, with
/// the first page and how many others.
pub fn merge_repeated(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut merged: Vec<Diagnostic> = Vec::new();
    for d in diags {
        let same = merged.iter_mut().find(|m| {
            (
                &m.span,
                m.severity,
                &m.message,
                &m.help,
                m.rendering.is_some(),
            ) == (
                &d.span,
                d.severity,
                &d.message,
                &d.help,
                d.rendering.is_some(),
            )
        });
        match same {
            Some(m) => {
                if let Some(rendering) = &mut m.rendering {
                    rendering.others += 1;
                }
            }
            None => merged.push(d),
        }
    }
    merged
}

/// The page named in a template error: its source file.
pub fn page_file(path: &str) -> Msg {
    Msg::PageFile {
        path: path.to_string(),
    }
}

/// The template a page or section uses.
fn template_for(r: &Rendering, page: &Page) -> Result<String, Diagnostic> {
    if let Some(Located { value: name, span }) = &page.doc.template {
        if r.engine.has(name) {
            return Ok(name.clone());
        }
        return Err(
            Diagnostic::at(span.clone(), Msg::TemplateMissing { name: name.clone() })
                .with_help(Msg::NamedTemplateHelp),
        );
    }
    let kind = page.kind.name();
    let candidates: Vec<String> = if page.doc.is_section {
        if page.parent.is_none() {
            vec!["index.html".into(), "section.html".into()]
        } else {
            vec![format!("{kind}-list.html"), "section.html".into()]
        }
    } else {
        vec![format!("{kind}.html"), "page.html".into()]
    };
    candidates
        .iter()
        .find(|c| r.engine.has(c))
        .cloned()
        .ok_or_else(|| {
            Diagnostic::error(
                &page.doc.source,
                1,
                1,
                Msg::NoTemplateFor {
                    looked_for: candidates.join(", "),
                },
            )
            .with_help(Msg::AddOneTemplateHelp)
        })
}

fn base_context(r: &Rendering, page: &Page) -> Context {
    let feed_dir = if page.section.is_some() {
        Some(page.path.as_str())
    } else {
        page.parent.map(|p| r.site.pages[p].path.as_str())
    };
    r.context_for(&page.doc.lang, &page.path, feed_dir, &page.translations)
}

/// Renders page `i`: one file, or every page of a paginated section.
pub fn page(r: &Rendering, i: usize) -> Result<Vec<File>, Diagnostic> {
    let page = &r.site.pages[i];
    let template = template_for(r, page)?;
    let source = page.doc.source.display().to_string().replace('\\', "/");
    let mut context = base_context(r, page);
    let Some(section) = &page.section else {
        context.insert_value("page", values::page_with_events(r.site, &r.values, i));
        return one_file(r, page, &template, &context, &source);
    };
    context.insert_value("section", r.sections[i].clone());
    let Some(per_page) = section.paginate_by else {
        context.insert_value("paginator", Value::none());
        return one_file(r, page, &template, &context, &source);
    };
    paginated(r, i, section, per_page, &template, &context, &source)
}

/// The one HTML file of a page, or of a section that is not paginated.
fn one_file(
    r: &Rendering,
    page: &Page,
    template: &str,
    context: &Context,
    source: &str,
) -> Result<Vec<File>, Diagnostic> {
    let html = r.engine.render(template, context, || page_file(source))?;
    Ok(vec![(
        html_file(&page.path).to_string_lossy().into_owned(),
        html,
    )])
}

/// Every page of paginated section `i`, `per_page` entries each, and the redirect
/// from its `page/1/` to itself.
fn paginated(
    r: &Rendering,
    i: usize,
    section: &SectionData,
    per_page: usize,
    template: &str,
    context: &Context,
    source: &str,
) -> Result<Vec<File>, Diagnostic> {
    let page = &r.site.pages[i];
    // An event section (not a home page, whose lists are the next few events of the
    // whole site) is paginated as its list reads: upcoming, then past, then pages
    // without an event; each page's `section.upcoming`, `past` and `topics` are its share.
    let events = event_order(r, i);
    let order: &[usize] = match &events {
        Some(events) => &events.order,
        None => &section.pages,
    };
    let summaries: Vec<Value> = order.iter().map(|&p| r.values[p].summary.clone()).collect();
    let pagers = super::pager::paginate(&summaries, per_page, &page.path, &page.url);
    let mut files = super::pager::render_each(pagers, |n, pager| {
        let mut context = context.clone();
        if let Some(events) = &events {
            let share = n * per_page..((n + 1) * per_page).min(order.len());
            context.insert_value("section", events.share(r, i, share));
        }
        context.insert_value("paginator", pager.value);
        context.insert("current_path", &pager.path);
        let html = r.engine.render(template, &context, || page_file(source))?;
        Ok((html_file(&pager.path).to_string_lossy().into_owned(), html))
    })?;
    // `/news/page/1/` leads to `/news/`.
    let first = format!("{}page/1/", page.path);
    files.push((
        html_file(&first).to_string_lossy().into_owned(),
        redirect(&page.url, &page.permalink, &page.doc.lang).into_bytes(),
    ));
    Ok(files)
}

/// The list order of event section `i` (not a home page, whose lists are the next
/// few events of the whole site).
fn event_order(r: &Rendering, i: usize) -> Option<EventOrder> {
    let page = &r.site.pages[i];
    let section = page.section.as_ref()?;
    page.parent
        .and_then(|_| r.site.calendar.lists.get(&i))
        .map(|lists| EventOrder::new(&lists.upcoming, &lists.past, &section.pages))
}

/// The order in which an event section is paginated: upcoming events (soonest first),
/// past ones (newest first), then the section's other pages in section order.
struct EventOrder {
    order: Vec<usize>,
    upcoming: usize,
    past: usize,
}

impl EventOrder {
    fn new(upcoming: &[usize], past: &[usize], pages: &[usize]) -> EventOrder {
        let listed: std::collections::HashSet<usize> =
            upcoming.iter().chain(past).copied().collect();
        let order = upcoming
            .iter()
            .chain(past)
            .copied()
            .chain(pages.iter().copied().filter(|p| !listed.contains(p)))
            .collect();
        EventOrder {
            order,
            upcoming: upcoming.len(),
            past: past.len(),
        }
    }

    /// The `section` value of section `i`'s list page showing `range` of the order: the
    /// upcoming and past events in that range, and their topics.
    fn share(&self, r: &Rendering, i: usize, range: std::ops::Range<usize>) -> Value {
        let part = |from: usize, to: usize| -> &[usize] {
            let (a, b) = (range.start.clamp(from, to), range.end.clamp(from, to));
            &self.order[a..b]
        };
        let upcoming = part(0, self.upcoming);
        let past = part(self.upcoming, self.upcoming + self.past);
        let Some(section) = &r.section_views[i] else {
            return Value::none();
        };
        Value::from_serializable(&section.share(r.site, &r.values, (upcoming, past)))
    }
}

/// The 404 page, if the theme has a `404.html`.
pub fn not_found(r: &Rendering) -> Result<Option<File>, Diagnostic> {
    if !r.engine.has("404.html") {
        return Ok(None);
    }
    let context = r.list_context(&r.site.config.language, "/404.html", None);
    let html = r
        .engine
        .render("404.html", &context, || page_file("404.html"))?;
    Ok(Some(("404.html".to_string(), html)))
}

/// Redirect pages at every alias.
pub fn aliases(r: &Rendering) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for page in &r.site.pages {
        // A query alias (`/?p=12`) has no file: only `_redirects` can serve it.
        for alias in page.doc.aliases.iter().filter(|a| !a.path.contains('?')) {
            let file = html_file(&alias.path).to_string_lossy().into_owned();
            files.push((
                file,
                redirect(&page.url, &page.permalink, &page.doc.lang).into_bytes(),
            ));
        }
    }
    files
}

/// A page that sends the visitor on to `url`: meta refresh, canonical link, and a
/// plain link for browsers that ignore both.
pub fn redirect(url: &str, permalink: &str, lang: &str) -> String {
    let url = crate::escape::html(url);
    let permalink = crate::escape::html(permalink);
    let lang = crate::escape::html(lang);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Redirect</title>\n\
         <link rel=\"canonical\" href=\"{permalink}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n<p><a href=\"{url}\">{url}</a></p>\n</body>\n</html>\n"
    )
}
