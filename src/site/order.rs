//! The order of pages in lists: one sort key, shared by sections, the fallbacks of
//! further languages and taxonomy terms.

use crate::content::{Document, SortBy};

/// Where a document goes in a list's order: lists sort by this key, ascending. By
/// date: newest first, undated pages last; by weight or start: smallest first,
/// pages without one last; then by title, then by content path. A key is made once
/// per page: comparing pages directly reads both pages' documents at every
/// comparison, which for a section of thousands was most of its sorting time.
pub fn order_key(doc: &Document, sort_by: SortBy) -> (bool, i128, &str, &str) {
    let value = match sort_by {
        SortBy::Date => doc.date.as_ref().map(|d| -d.timestamp().as_nanosecond()),
        SortBy::Weight => doc.weight.map(i128::from),
        SortBy::Title => Some(0),
        SortBy::Start => doc.event_start.map(|t| t.as_nanosecond()),
    };
    (
        value.is_none(),
        value.unwrap_or(0),
        doc.title.as_str(),
        doc.rel.as_str(),
    )
}
