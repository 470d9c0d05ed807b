//! Rendering: the only module that knows Tera. Turns the [`Site`] into an [`Output`].
//!
//! Fifth stage of the flow. The shared context (`config`, `now`) and every page's view
//! are built once; [`plan::Plan`], the one list of outputs, then names every output
//! path and what makes it, and pages are rendered in parallel from it ([`render`]), or
//! one at a time when `serve` is asked for them ([`plan()`]). Each output format has
//! one module that lists its files and makes them.

pub mod api;
pub mod calendar;
mod data;
mod engine;
pub mod event_view;
pub mod feeds;
pub mod fingerprint;
pub mod functions;
mod html;
pub use html::merge_repeated;
pub mod cache;
mod headers;
mod i18n;
pub mod ics;
pub mod images;
mod pager;
pub mod place_view;
pub mod plan;
pub mod qr;
mod redirects;
pub mod revisions;
mod robots;
pub mod search;
mod sitemap;
mod taxonomies;
pub mod urls;
pub mod values;
pub mod views;
pub mod wechat;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Value};

use crate::diag::Diagnostics;
use crate::leftovers::Leftovers;
use crate::output::Output;
use crate::site::Site;
use crate::source::Sources;
use engine::Engine;
use functions::Lookup;
use plan::Plan;
use values::PageValues;

/// One rendered file: its output path and bytes.
pub type File = (String, Vec<u8>);

/// What the output modules share while rendering.
pub struct Rendering<'a> {
    /// The site.
    pub site: &'a Site,
    /// Tera with the templates.
    pub engine: Engine,
    /// The values of each page, by page index.
    pub values: Vec<PageValues>,
    /// Section values (`section` in templates: the full view plus `pages` and
    /// `subsections` summaries), by page index; `Value::none()` for pages.
    pub sections: Vec<Value>,
    /// The views those values were made from, for the list pages of a paginated
    /// event section (each shows its share of the events); `None` for pages.
    pub section_views: Vec<Option<values::SectionView>>,
    /// `config` as seen by pages in each further language (title, menu…), by code.
    pub language_configs: HashMap<String, Value>,
    /// The feeds the site has, for writing them and linking to them.
    pub feeds: Vec<feeds::Feed>,
    /// Sizes and copies of the bundles' images, and the covers' cuts.
    pub images: images::Images,
    /// Fingerprinted names of the stylesheets, scripts, icons and fonts.
    pub fingerprints: Arc<fingerprint::Fingerprints>,
    /// The stylesheet of the WeChat editions; `None` without one.
    pub wechat: Option<wechat::Style>,
}

impl Rendering<'_> {
    /// The context every HTML page starts from: `lang`, `current_path`, `current_url`,
    /// `config` in that language, `language_links` (see [`views::language_links`]),
    /// `hreflang` (see [`views::hreflang`])
    /// and `feeds` (the `<link rel="alternate">` targets: the site feed of the language
    /// and the feed of `feed_dir`, the page's section or term, if it has one).
    pub fn context_for(
        &self,
        lang: &str,
        path: &str,
        feed_dir: Option<&str>,
        translations: &[(String, usize)],
    ) -> Context {
        let url = self.site.url(path);
        let permalink = urls::absolute_url(self.site, &url);
        let mut context = Context::new();
        context.insert("lang", lang);
        context.insert("current_path", path);
        context.insert("current_url", &permalink);
        if let Some(config) = self.language_configs.get(lang) {
            context.insert_value("config", config.clone());
        }
        let links = views::language_links(self.site, lang, (&url, &permalink), translations);
        context.insert("hreflang", &views::hreflang(self.site, &links));
        context.insert("language_links", &links);
        context.insert(
            "feeds",
            &feeds::links(&self.feeds, self.site, lang, feed_dir),
        );
        context
    }

    /// [`Rendering::context_for`] for a list page without translations (taxonomies).
    pub fn list_context(&self, lang: &str, path: &str, feed_dir: Option<&str>) -> Context {
        self.context_for(lang, path, feed_dir, &[])
    }
}

/// Renders the whole site into `output` (empty, in memory or staged), with the
/// revision of each event as published (the state `kepu build` keeps for the next
/// build, see [`revisions`]). Errors go to `diags`; the output is only usable
/// without them. A staged output (`kepu build`, which ends soon after) also hands
/// back the values the render made, to be dropped unfreed at the exit (see
/// [`Leftovers`]): freeing every page value one by one cost 3 % of a large build.
pub fn render(
    site: &Site,
    sources: &Sources,
    images: images::Processed,
    output: Output,
    diags: &mut Diagnostics,
) -> (Output, revisions::State, Leftovers) {
    let mut found = Diagnostics::new();
    let rendered = render_all(site, sources, images, output, &mut found);
    diags.extend(html::merge_repeated(found.into_iter().collect()));
    rendered
}

/// Every output, in the one list of outputs ([`plan::Plan::new`]); see [`render`].
fn render_all(
    site: &Site,
    sources: &Sources,
    images: images::Processed,
    mut output: Output,
    diags: &mut Diagnostics,
) -> (Output, revisions::State, Leftovers) {
    let mut leftovers = Leftovers::default();
    let Some((rendering, mut plan)) = plan(site, sources, images, None, diags) else {
        return (output, revisions::State::new(), leftovers);
    };
    diags.extend(plan.write(&rendering, &mut output));
    let state = plan.revisions();
    if output.is_staged() {
        let Rendering {
            site: _,
            engine,
            values,
            sections,
            section_views,
            language_configs,
            feeds,
            images,
            fingerprints,
            wechat,
        } = rendering;
        leftovers.keep((engine, values, sections, section_views, language_configs));
        leftovers.keep((feeds, images, fingerprints, wechat));
    }
    (output, state, leftovers)
}

/// Prepares the views and the engine and plans every output, without rendering a
/// page: what `serve` keeps to render pages on request. `images` is what
/// [`images::process`] made of the site's images: the rendering keeps what templates
/// read, the plan takes the files. With `kept`, page values of the last build are
/// used again where nothing they are made from changed (see [`cache`]). Problems go
/// to `diags`.
pub fn plan<'a>(
    site: &'a Site,
    sources: &Sources,
    images: images::Processed,
    kept: Option<&mut cache::RenderCache>,
    diags: &mut Diagnostics,
) -> Option<(Rendering<'a>, Plan)> {
    let rendering = prepare(site, sources, images.images, kept, diags)?;
    let mut found = Vec::new();
    let plan = Plan::new(&rendering, sources, images.files, &mut found);
    diags.extend(found);
    Some((rendering, plan))
}

/// Loads templates, translations and data files and reports their errors, without
/// rendering: used when the content has errors, so that one run still lists them all.
pub fn check(site: &Site, sources: &Sources, diags: &mut Diagnostics) {
    let _ = prepare(site, sources, images::Images::default(), None, diags);
}

/// Builds the views, the function lookups and the engine, with the site's `images`
/// (none for a check after content errors); `kept` reuses the page values of an
/// earlier build (`serve`).
fn prepare<'a>(
    site: &'a Site,
    sources: &Sources,
    images: images::Images,
    kept: Option<&mut cache::RenderCache>,
    diags: &mut Diagnostics,
) -> Option<Rendering<'a>> {
    let feeds = feeds::plan(site);
    let shared = values::SharedValues::new(site, &feeds);
    let values: Vec<PageValues> = match kept {
        Some(kept) => kept.page_values(site, &images, &shared),
        None => site
            .pages
            .par_iter()
            .map(|p| values::page_values(site, p, &images, &shared))
            .collect(),
    };
    let (section_views, sections) = values::section_values(site, &values);
    let fingerprints = Arc::new(fingerprint::Fingerprints::new(&sources.statics));
    let lookup = lookup(site, sources, (&values, &sections), &fingerprints, diags);
    let engine = Engine::new(
        &sources.templates,
        Arc::new(lookup),
        global(site, &images),
        diags,
    )?;
    let wechat = wechat::Style::load(&engine, diags);
    Some(Rendering {
        site,
        engine,
        values,
        sections,
        section_views,
        language_configs: language_configs(site),
        feeds,
        images,
        fingerprints,
        wechat,
    })
}

/// What the template functions look up (`get_page`, `get_section`, `get_url`, data,
/// translations); data and translation files are read here, their errors to `diags`.
fn lookup(
    site: &Site,
    sources: &Sources,
    (values, sections): (&[PageValues], &[Value]),
    fingerprints: &Arc<fingerprint::Fingerprints>,
    diags: &mut Diagnostics,
) -> Lookup {
    let pages = site.pages.iter().enumerate();
    Lookup {
        pages: pages
            .clone()
            .map(|(i, p)| {
                let page = functions::LookupPage::new(values[i].clone());
                (p.doc.rel.clone(), page)
            })
            .collect(),
        sections: pages
            .filter(|(_, p)| p.section.is_some())
            .map(|(i, p)| (p.doc.rel.clone(), sections[i].clone()))
            .collect(),
        urls: site
            .pages
            .iter()
            .map(|p| (p.doc.rel.clone(), p.url.clone()))
            .collect(),
        data: data::load(&sources.data, diags),
        translations: i18n::load(&sources.i18n, diags),
        url_prefix: site.url_prefix.clone(),
        fingerprints: fingerprints.clone(),
        base_url: site.config.base_url.clone(),
        language: site.config.language.clone(),
        timezone: site.config.timezone.clone(),
    }
}

/// The context every template starts from: `config`, `now`, `kepu_version`, `site_share_image` and
/// `taxonomy_lists`.
fn global(site: &Site, images: &images::Images) -> Context {
    let mut global = Context::new();
    global.insert("config", &views::ConfigView::new(site));
    global.insert(
        "now",
        &crate::locale::rfc3339(&site.now.to_zoned_datetime(site.config.timezone.clone())),
    );
    global.insert("kepu_version", env!("CARGO_PKG_VERSION"));
    // The square share image of the pages without a cover (partials/share-image.html).
    global.insert(
        "site_share_image",
        &images.cut_url(site, &images::share_path_of_site()),
    );
    // Taxonomies that have a list page (at least one term) in a language: themes link
    // only to these.
    let lists: Vec<serde_json::Value> = site
        .taxonomies
        .iter()
        .filter(|t| !t.terms.is_empty())
        .map(|t| serde_json::json!({ "name": t.name, "lang": t.lang, "url": site.url(&t.path) }))
        .collect();
    global.insert("taxonomy_lists", &lists);
    global
}

/// `config` as pages in each further language see it, by language code.
fn language_configs(site: &Site) -> HashMap<String, Value> {
    site.config
        .languages
        .iter()
        .map(|l| {
            let view = views::ConfigView::in_language(site, &l.code);
            (l.code.clone(), Value::from_serializable(&view))
        })
        .collect()
}
