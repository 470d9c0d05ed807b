//! Site search without a server: the tokenizer, the sharded index written with the
//! site, and the lookup that the browser script mirrors.
//!
//! A leaf used by `render/search.rs`, which writes the files: [`tokenize`] cuts text
//! into terms (CJK pairs folded to simplified characters by [`fold`], lower-cased
//! words), [`index`] turns every searchable page
//! into term shards plus a small manifest, and [`lookup`] answers a query from them,
//! the way `themes/default/static/js/search.js` does in the browser.

pub mod fold;
pub mod index;
pub mod lookup;
pub mod tokenize;
