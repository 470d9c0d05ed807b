//! Pagination shared by every paginated list (sections, taxonomy terms): which items
//! go on page N, its site path, and the `paginator` value templates see.
//!
//! Page 1 lives at the list's own URL, page N at `<list>/page/N/`; `<list>/page/1/`
//! is a redirect written by the caller. The sitemap counts pages with [`count`].
//!
//! `paginator.pagers` lists every page (one value shared by all pages of the list);
//! `paginator.window` is what a pager should show: the first and last page, the current
//! one and two on each side, with a gap marker where pages are left out. Linking every
//! page from every page would make a list of N pages cost N² links.

use rayon::prelude::*;
use tera::Value;

use super::File;
use crate::diag::Diagnostic;

/// How many pages `items` entries make at `per_page` a page (at least 1).
pub fn count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// Site path (or URL) of page `n` of a list at `base` (ending in `/`).
pub fn page_path(base: &str, n: usize) -> String {
    if n == 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// One page of a list: its site path and the `paginator` value.
pub struct Pager {
    /// Site path of this page.
    pub path: String,
    /// What templates see as `paginator`.
    pub value: Value,
}

/// Splits `items` into pages for a list at site path `path` and root-relative `url`.
pub fn paginate(items: &[Value], per_page: usize, path: &str, url: &str) -> Vec<Pager> {
    let per_page = per_page.max(1);
    let chunks: Vec<&[Value]> = if items.is_empty() {
        vec![&[]]
    } else {
        items.chunks(per_page).collect()
    };
    let total = chunks.len();
    // Every page of the list shows the same links to all pages: build them once and
    // share them (Tera values are reference counted), or a list of N pages costs N².
    let pagers = Value::from_serializable(
        &(1..=total)
            .map(|k| serde_json::json!({"index": k, "url": page_path(url, k)}))
            .collect::<Vec<_>>(),
    );
    let shape = Shape {
        per_page,
        items: items.len(),
        pages: total,
        url,
    };
    chunks
        .iter()
        .enumerate()
        .map(|(n, chunk)| {
            let number = n + 1;
            let json = shape.paginator(number);
            let mut map = Value::from_serializable(&json)
                .into_map()
                .unwrap_or_default();
            map.insert("pagers".into(), pagers.clone());
            map.insert("pages".into(), Value::from(chunk.to_vec()));
            Pager {
                path: page_path(path, number),
                value: Value::from(map),
            }
        })
        .collect()
}

/// What every page of one list shares: its size and where it is.
struct Shape<'a> {
    /// Items per page.
    per_page: usize,
    /// Items in all.
    items: usize,
    /// Pages in all.
    pages: usize,
    /// Root-relative URL of the list's first page.
    url: &'a str,
}

impl Shape<'_> {
    /// The `paginator` of page `number` (from 1), but its `pagers` and `pages`.
    fn paginator(&self, number: usize) -> serde_json::Value {
        let (url, total) = (self.url, self.pages);
        serde_json::json!({
            "current_index": number,
            "number_pagers": total,
            "paginate_by": self.per_page,
            "total_pages": self.items,
            "first": page_path(url, 1),
            "last": page_path(url, total),
            "previous": (number > 1).then(|| page_path(url, number - 1)),
            "next": (number < total).then(|| page_path(url, number + 1)),
            // Replaced by the caller; written here so that the keys keep their order.
            "pagers": null,
            "window": window(number, total)
                .into_iter()
                .map(|k| match k {
                    Some(k) => serde_json::json!({"index": k, "url": page_path(url, k), "gap": false}),
                    None => serde_json::json!({"index": null, "url": null, "gap": true}),
                })
                .collect::<Vec<_>>(),
        })
    }
}

/// Renders every page of a list with `render` (given the page's index and pager), in
/// parallel: a list of thousands of items has hundreds of pages, and one core
/// rendering them all would leave the others waiting. The files come in list order;
/// the error is the first in list order.
pub fn render_each<F>(pagers: Vec<Pager>, render: F) -> Result<Vec<File>, Diagnostic>
where
    F: Fn(usize, Pager) -> Result<File, Diagnostic> + Sync,
{
    let rendered: Vec<Result<File, Diagnostic>> = pagers
        .into_par_iter()
        .enumerate()
        .map(|(n, pager)| render(n, pager))
        .collect();
    rendered.into_iter().collect()
}

/// The pages a pager shows on page `current` of `total`: the first, the last, and
/// `current` ± 2, in order, with `None` for a gap. A gap of a single page shows that
/// page instead, so lists of up to five pages show every page.
pub fn window(current: usize, total: usize) -> Vec<Option<usize>> {
    const AROUND: usize = 2;
    let low = current.saturating_sub(AROUND).max(1);
    let high = (current + AROUND).min(total);
    let mut shown: Vec<usize> = std::iter::once(1)
        .chain(low..=high)
        .chain(std::iter::once(total))
        .filter(|&k| k >= 1 && k <= total)
        .collect();
    shown.dedup();
    let mut out = Vec::with_capacity(shown.len() + 2);
    let mut last = 0;
    for k in shown {
        if k <= last {
            continue;
        }
        match k - last {
            1 => {}
            2 => out.push(Some(last + 1)),
            _ => out.push(None),
        }
        out.push(Some(k));
        last = k;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_a_list() {
        assert_eq!(count(0, 10), 1);
        assert_eq!(count(21, 10), 3);
        let items: Vec<Value> = (0..5).map(Value::from).collect();
        let pages = paginate(&items, 2, "/tags/a/", "/kepu/tags/a/");
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[1].path, "/tags/a/page/2/");
        assert_eq!(page_path("/kepu/tags/a/", 1), "/kepu/tags/a/");
    }

    /// Renders a window as `1 … 4 5 [6] 7 8 … 20`.
    fn shown(current: usize, total: usize) -> String {
        window(current, total)
            .iter()
            .map(|k| match k {
                Some(k) if *k == current => format!("[{k}]"),
                Some(k) => k.to_string(),
                None => "…".into(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn pager_window_shows_first_last_and_two_around_the_current_page() {
        assert_eq!(shown(1, 1), "[1]");
        assert_eq!(shown(2, 3), "1 [2] 3");
        // Up to five pages, every page: a gap of one page shows that page.
        assert_eq!(shown(1, 5), "[1] 2 3 4 5");
        assert_eq!(shown(5, 5), "1 2 3 4 [5]");
        assert_eq!(shown(1, 7), "[1] 2 3 … 7");
        assert_eq!(shown(4, 7), "1 2 3 [4] 5 6 7");
        assert_eq!(shown(1, 20), "[1] 2 3 … 20");
        assert_eq!(shown(5, 20), "1 2 3 4 [5] 6 7 … 20");
        assert_eq!(shown(10, 20), "1 … 8 9 [10] 11 12 … 20");
        assert_eq!(shown(20, 20), "1 … 18 19 [20]");
        // A long list still shows at most nine entries on every page.
        assert!((1..=300).all(|k| window(k, 300).len() <= 9));
    }

    #[test]
    fn paginator_value_carries_the_window() {
        let items: Vec<Value> = (0..100).map(Value::from).collect();
        let pages = paginate(&items, 10, "/news/", "/news/");
        let json = serde_json::to_value(&pages[5].value).unwrap();
        let window: Vec<String> = json["window"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| match p["index"].as_u64() {
                Some(k) => format!("{k}:{}", p["url"].as_str().unwrap()),
                None => "gap".into(),
            })
            .collect();
        assert_eq!(
            window,
            [
                "1:/news/",
                "gap",
                "4:/news/page/4/",
                "5:/news/page/5/",
                "6:/news/page/6/",
                "7:/news/page/7/",
                "8:/news/page/8/",
                "9:/news/page/9/",
                "10:/news/page/10/"
            ]
        );
        assert_eq!(json["pagers"].as_array().unwrap().len(), 10);
    }
}
