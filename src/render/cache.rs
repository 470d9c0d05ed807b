//! What `serve` keeps from one render to the next: every page's Tera values (the
//! images are kept on disk, as for `build`: see [`super::images::store`]). Building the values of every page
//! is the largest cost of a rebuild after a save (about 120 ms at 10,000 pages);
//! most pages are the same as before. A page's values are made from its view
//! ([`PageView`]: everything templates see of it, neighbours, terms and event times
//! included, and its URL), its rendered body, its summary and the site's images, so
//! when all of these are what they were, the values of the last build are used again.
//! The view is compared by its JSON, which costs a fraction of building the values.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::images::Images;
use super::views::{self, PageValues, PageView, SharedValues};
use crate::site::{Page, Site};

/// What the last render made, for the next one.
#[derive(Default)]
pub struct RenderCache {
    /// The images the values were made with, as JSON.
    values_images: Vec<u8>,
    entries: HashMap<String, Kept>,
}

struct Kept {
    /// The view as JSON.
    view: Vec<u8>,
    values: PageValues,
}

impl RenderCache {
    /// The values of every page, in order, reusing the last build's where nothing
    /// they are made from changed; the cache is left holding this build's values.
    pub fn page_values(
        &mut self,
        site: &Site,
        images: &Images,
        shared: &SharedValues,
    ) -> Vec<PageValues> {
        let images_json = serde_json::to_vec(&sorted_images(images)).unwrap_or_default();
        if self.values_images != images_json {
            self.entries.clear();
            self.values_images = images_json;
        }
        let known = &self.entries;
        let made: Vec<(PageValues, Kept)> = site
            .pages
            .par_iter()
            .map(|page| {
                let view = PageView::new(site, page, images);
                // Not serializable: an empty text, never kept, so the values are rebuilt.
                let json = serde_json::to_vec(&view).unwrap_or_default();
                let values = match known.get(&page.doc.rel) {
                    Some(kept) if !json.is_empty() && kept.holds_for(page, &json) => {
                        kept.values.clone()
                    }
                    _ => views::values_of(view, page, images, shared),
                };
                let kept = Kept {
                    view: json,
                    values: values.clone(),
                };
                (values, kept)
            })
            .collect();
        self.entries.clear();
        let mut values = Vec::with_capacity(made.len());
        for (page, (v, kept)) in site.pages.iter().zip(made) {
            self.entries.insert(page.doc.rel.clone(), kept);
            values.push(v);
        }
        values
    }
}

impl Kept {
    fn holds_for(&self, page: &Page, view: &[u8]) -> bool {
        self.view == view
            // The values hold the body, so no other body can take its address.
            && Arc::ptr_eq(&self.values.body, &page.content)
    }
}

/// The images sorted by URL, so that their hash does not depend on a map's order.
fn sorted_images(images: &Images) -> Vec<(&String, &super::images::ImageInfo)> {
    let mut all: Vec<_> = images.by_url.iter().collect();
    all.sort_by(|a, b| a.0.cmp(b.0));
    all
}
