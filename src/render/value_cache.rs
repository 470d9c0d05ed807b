//! Page values kept from one `serve` build to the next. Building the Tera values of
//! every page is the largest cost of a rebuild after a save (about 120 ms at 10,000
//! pages); most pages are the same as before. A page's values are made from its view
//! ([`PageView`]: everything templates see of it, neighbours, terms and event times
//! included), its rendered body, its summary, its URL and the site's images, so when
//! all of these are what they were, the values of the last build are used again.
//! The view is compared by a 128-bit hash of its JSON, which costs a fraction of
//! building the values.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use super::images::Images;
use super::views::{self, PageValues, PageView};
use crate::markdown::Rendered;
use crate::site::{Page, Site};

/// The values of the last build, by content path.
#[derive(Default)]
pub struct ValueCache {
    /// Hash of the images they were made with.
    images: u128,
    entries: HashMap<String, Kept>,
}

struct Kept {
    view: u128,
    /// Held, so that no other body can take its address while it is compared.
    content: Arc<Rendered>,
    summary: Option<String>,
    url: String,
    values: PageValues,
}

impl ValueCache {
    /// The values of every page, in order, reusing the last build's where nothing
    /// they are made from changed; the cache is left holding this build's values.
    pub fn page_values(&mut self, site: &Site, images: &Images) -> Vec<PageValues> {
        let images_hash = hash_json(&sorted_images(images));
        if self.images != images_hash {
            self.entries.clear();
            self.images = images_hash;
        }
        let known = &self.entries;
        let made: Vec<(PageValues, Kept)> = site
            .pages
            .par_iter()
            .map(|page| {
                let view = PageView::new(site, page, images);
                let view_hash = hash_json(&view);
                let values = match known.get(&page.doc.rel) {
                    Some(kept) if kept.holds_for(page, view_hash) => kept.values.clone(),
                    _ => views::values_of(view, page, images),
                };
                let kept = Kept {
                    view: view_hash,
                    content: page.content.clone(),
                    summary: page.summary.clone(),
                    url: page.url.clone(),
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
    fn holds_for(&self, page: &Page, view: u128) -> bool {
        self.view == view
            && Arc::ptr_eq(&self.content, &page.content)
            && self.summary == page.summary
            && self.url == page.url
    }
}

/// The images sorted by URL, so that their hash does not depend on a map's order.
fn sorted_images(images: &Images) -> Vec<(&String, &super::images::ImageInfo)> {
    let mut all: Vec<_> = images.by_url.iter().collect();
    all.sort_by(|a, b| a.0.cmp(b.0));
    all
}

/// A 128-bit hash of a value's JSON, streamed into two differently seeded hashers.
fn hash_json(value: &impl serde::Serialize) -> u128 {
    let mut writer = HashWriter(DefaultHasher::new(), DefaultHasher::new());
    1u8.hash(&mut writer.1);
    if serde_json::to_writer(&mut writer, value).is_err() {
        // Not serializable: never equal to a kept hash, so the values are rebuilt.
        return 0;
    }
    (u128::from(writer.0.finish()) << 64) | u128::from(writer.1.finish())
}

struct HashWriter(DefaultHasher, DefaultHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        self.1.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
