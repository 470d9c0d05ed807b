//! Pagination shared by every paginated list (sections, taxonomy terms): which items
//! go on page N, its site path, and the `paginator` value templates see.
//!
//! Page 1 lives at the list's own URL, page N at `<list>/page/N/`; `<list>/page/1/`
//! is a redirect written by the caller. The sitemap counts pages with [`count`].

use tera::Value;

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
    chunks
        .iter()
        .enumerate()
        .map(|(n, chunk)| {
            let number = n + 1;
            let json = serde_json::json!({
                "current_index": number,
                "number_pagers": total,
                "paginate_by": per_page,
                "total_pages": items.len(),
                "first": page_path(url, 1),
                "last": page_path(url, total),
                "previous": (number > 1).then(|| page_path(url, number - 1)),
                "next": (number < total).then(|| page_path(url, number + 1)),
                // Replaced below; written here so that the keys keep their order.
                "pagers": null,
            });
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
}
