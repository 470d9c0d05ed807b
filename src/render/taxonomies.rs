//! Taxonomy pages: `/tags/` lists every term with its count (`taxonomy_list.html`),
//! `/tags/<slug>/` lists a term's pages (`taxonomy_single.html`), paginated by the
//! taxonomy's `paginate_by` (`/tags/<slug>/page/2/`, with `/tags/<slug>/page/1/`
//! leading back to `/tags/<slug>/`). Other languages get theirs under `/<lang>/`.

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::Rendering;
use super::html::redirect;
use super::pager;
use super::views::absolute_url;
use crate::diag::Diagnostic;
use crate::site::{Taxonomy, Term, html_file};

/// One rendered file: output path and bytes.
pub type File = (String, Vec<u8>);

/// A term as templates see it.
#[derive(Debug, Serialize)]
pub struct TermView<'a> {
    /// The term as written.
    pub name: &'a str,
    /// URL segment.
    pub slug: &'a str,
    /// Root-relative URL of the term page.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Number of pages with the term.
    pub count: usize,
    /// URL of the term's Atom feed, when the taxonomy has `feed = true`.
    pub feed: Option<String>,
}

/// A taxonomy as templates see it (`taxonomy`).
#[derive(Debug, Serialize)]
pub struct TaxonomyView<'a> {
    /// Name (`tags`); `trans(key=taxonomy.name)` gives its title.
    pub name: &'a str,
    /// Language code.
    pub lang: &'a str,
    /// Root-relative URL of the list of terms.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Every term, in pinyin order, with its count.
    pub terms: Vec<TermView<'a>>,
}

/// Renders the term lists and term pages of every taxonomy.
pub fn pages(r: &Rendering) -> (Vec<File>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for taxonomy in &r.site.taxonomies {
        if taxonomy.terms.is_empty() {
            continue;
        }
        for name in ["taxonomy_list.html", "taxonomy_single.html"] {
            if !r.engine.has(name) {
                diags.push(
                    Diagnostic::error(
                        "site.toml",
                        0,
                        0,
                        format!(
                            "the theme has no {name}, needed for the pages of `{}`",
                            taxonomy.name
                        ),
                    )
                    .with_help(format!(
                        "add templates/{name}, or remove the taxonomy from [taxonomies]"
                    )),
                );
                return (files, diags);
            }
        }
        match taxonomy_pages(r, taxonomy) {
            Ok(f) => files.extend(f),
            Err(d) => diags.push(d),
        }
    }
    (files, diags)
}

fn view<'a>(r: &Rendering<'a>, taxonomy: &'a Taxonomy) -> TaxonomyView<'a> {
    let site = r.site;
    let url = site.url(&taxonomy.path);
    TaxonomyView {
        name: &taxonomy.name,
        lang: &taxonomy.lang,
        permalink: absolute_url(site, &url),
        url,
        terms: taxonomy
            .terms
            .iter()
            .map(|t| {
                let url = site.url(&t.path);
                TermView {
                    name: &t.name,
                    slug: &t.slug,
                    permalink: absolute_url(site, &url),
                    feed: r
                        .feeds
                        .iter()
                        .any(|f| f.dir == t.path)
                        .then(|| format!("{url}atom.xml")),
                    url,
                    count: t.pages.len(),
                }
            })
            .collect(),
    }
}

fn taxonomy_pages(r: &Rendering, taxonomy: &Taxonomy) -> Result<Vec<File>, Diagnostic> {
    let view = view(r, taxonomy);
    let origin = format!("{} (taxonomy {})", "site.toml", taxonomy.name);
    let mut files = Vec::new();

    let mut context = r.list_context(&taxonomy.lang, &taxonomy.path, None);
    context.insert("taxonomy", &view);
    let html = r.engine.render("taxonomy_list.html", &context, &origin)?;
    files.push((file(&taxonomy.path), html.into_bytes()));

    let taxonomy_value = {
        let mut map = Value::from_serializable(&view)
            .into_map()
            .unwrap_or_default();
        map.insert("terms".into(), Value::from(Vec::<Value>::new()));
        Value::from(map)
    };
    // Terms in parallel; the first mistake (in term order) is reported, as before.
    let terms: Vec<Result<Vec<File>, Diagnostic>> = taxonomy
        .terms
        .par_iter()
        .zip(&view.terms)
        .map(|(term, term_view)| term_pages(r, taxonomy, &taxonomy_value, term, term_view, &origin))
        .collect();
    for term in terms {
        files.extend(term?);
    }
    Ok(files)
}

/// The pages of one term: its list (paginated if the taxonomy says so).
fn term_pages(
    r: &Rendering,
    taxonomy: &Taxonomy,
    taxonomy_value: &Value,
    term: &Term,
    term_view: &TermView,
    origin: &str,
) -> Result<Vec<File>, Diagnostic> {
    let mut files = Vec::new();
    let summaries: Vec<Value> = term
        .pages
        .iter()
        .map(|&i| r.values[i].summary.clone())
        .collect();
    let mut term_value = Value::from_serializable(term_view)
        .into_map()
        .unwrap_or_default();
    term_value.insert("pages".into(), Value::from(summaries.clone()));
    let term_value = Value::from(term_value);
    let per_page = taxonomy.paginate_by.unwrap_or(usize::MAX);
    let pagers = pager::paginate(&summaries, per_page, &term.path, &term_view.url);
    let paginated = taxonomy.paginate_by.is_some();
    for p in pagers {
        let mut context = r.list_context(&taxonomy.lang, &p.path, Some(&term.path));
        context.insert_value("taxonomy", taxonomy_value.clone());
        context.insert_value("term", term_value.clone());
        context.insert_value("paginator", if paginated { p.value } else { Value::none() });
        let html = r.engine.render("taxonomy_single.html", &context, origin)?;
        files.push((file(&p.path), html.into_bytes()));
    }
    if paginated {
        files.push((
            file(&format!("{}page/1/", term.path)),
            redirect(&term_view.url, &term_view.permalink, &taxonomy.lang).into_bytes(),
        ));
    }
    Ok(files)
}

fn file(path: &str) -> String {
    html_file(path).to_string_lossy().into_owned()
}
