//! Taxonomy pages: `/tags/` lists every term with its count (`taxonomy_list.html`),
//! `/tags/<slug>/` lists a term's pages (`taxonomy_single.html`), paginated by the
//! taxonomy's `paginate_by` (`/tags/<slug>/page/2/`, with `/tags/<slug>/page/1/`
//! leading back to `/tags/<slug>/`). Other languages get theirs under `/<lang>/`.

use serde::Serialize;
use tera::Value;

use super::html::redirect;
use super::pager;
use super::urls::absolute_url;
use super::views::{self, TermView};
use super::{File, Rendering};
use crate::diag::{Diagnostic, Msg};
use crate::site::{Taxonomy, Term, html_file};

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

/// The first missing template of the taxonomy pages, if the site has terms: the
/// theme then gets no taxonomy page at all.
pub fn missing_template(r: &Rendering) -> Option<Diagnostic> {
    let taxonomy = r.site.taxonomies.iter().find(|t| !t.terms.is_empty())?;
    let name = ["taxonomy_list.html", "taxonomy_single.html"]
        .into_iter()
        .find(|name| !r.engine.has(name))?;
    Some(
        Diagnostic::error(
            "site.toml",
            0,
            0,
            Msg::TaxonomyTemplateMissing {
                template: name.to_string(),
                taxonomy: taxonomy.name.clone(),
            },
        )
        .with_help(Msg::TaxonomyTemplateHelp {
            template: name.to_string(),
        }),
    )
}

/// The output file of a taxonomy's list of terms.
pub fn list_file(taxonomy: &Taxonomy) -> String {
    file(&taxonomy.path)
}

/// The output files of a term's pages, in the order [`term`] renders them.
pub fn term_files(taxonomy: &Taxonomy, term: &Term) -> Vec<String> {
    let Some(per_page) = taxonomy.paginate_by else {
        return vec![file(&term.path)];
    };
    let count = pager::count(term.pages.len(), per_page);
    (1..=count)
        .map(|n| file(&pager::page_path(&term.path, n)))
        .chain(std::iter::once(file(&format!("{}page/1/", term.path))))
        .collect()
}

/// Renders the list of terms of taxonomy `t`.
pub fn list(r: &Rendering, t: usize) -> Result<Vec<File>, Diagnostic> {
    let taxonomy = &r.site.taxonomies[t];
    let view = view(r, taxonomy, &taxonomy.terms);
    let mut context = r.list_context(&taxonomy.lang, &taxonomy.path, None);
    context.insert("taxonomy", &view);
    let html = r
        .engine
        .render("taxonomy_list.html", &context, || origin(taxonomy))?;
    Ok(vec![(file(&taxonomy.path), html)])
}

/// Renders the pages of term `k` of taxonomy `t`.
pub fn term(r: &Rendering, t: usize, k: usize) -> Result<Vec<File>, Diagnostic> {
    let taxonomy = &r.site.taxonomies[t];
    let term = &taxonomy.terms[k];
    let taxonomy_value = Value::from_serializable(&view(r, taxonomy, &[]));
    term_pages(
        r,
        taxonomy,
        &taxonomy_value,
        term,
        &TermView::new(r.site, &views::feed_dirs(&r.feeds), term),
    )
}

/// The taxonomy's pages in a template error: site.toml declares them.
fn origin(taxonomy: &Taxonomy) -> Msg {
    Msg::TaxonomyPage {
        file: "site.toml".to_string(),
        taxonomy: taxonomy.name.clone(),
    }
}

/// The taxonomy's view, listing `terms` (all of them for the list page, none where
/// only the taxonomy's own fields are shown).
fn view<'a>(r: &Rendering<'a>, taxonomy: &'a Taxonomy, terms: &'a [Term]) -> TaxonomyView<'a> {
    let site = r.site;
    let url = site.url(&taxonomy.path);
    let feed_dirs = views::feed_dirs(&r.feeds);
    TaxonomyView {
        name: &taxonomy.name,
        lang: &taxonomy.lang,
        permalink: absolute_url(site, &url),
        url,
        terms: terms
            .iter()
            .map(|t| TermView::new(site, &feed_dirs, t))
            .collect(),
    }
}

/// The pages of one term: its list (paginated if the taxonomy says so).
fn term_pages(
    r: &Rendering,
    taxonomy: &Taxonomy,
    taxonomy_value: &Value,
    term: &Term,
    term_view: &TermView,
) -> Result<Vec<File>, Diagnostic> {
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
    let mut files = pager::render_each(pagers, |_, p| {
        let mut context = r.list_context(&taxonomy.lang, &p.path, Some(&term.path));
        context.insert_value("taxonomy", taxonomy_value.clone());
        context.insert_value("term", term_value.clone());
        context.insert_value("paginator", if paginated { p.value } else { Value::none() });
        let html = r
            .engine
            .render("taxonomy_single.html", &context, || origin(taxonomy))?;
        Ok((file(&p.path), html))
    })?;
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
