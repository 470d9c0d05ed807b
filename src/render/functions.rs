//! Template functions and filters kepu adds to Tera: `get_page`, `get_section`,
//! `get_url`, `load_data`, `trans`, and the filters `date`, `slugify`, `striptags`,
//! `urlencode`, `json_encode`, `filesizeformat`, `digits`. One function each, registered in
//! [`register`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use jiff::tz::TimeZone;
use tera::{Error, Kwargs, State, Tera, TeraResult, Value};

use super::values::PageValues;
use crate::diag::Msg;
use crate::locale::Lang;

/// Everything the functions look things up in, built once per build.
pub struct Lookup {
    /// Pages by content path (`news/a.md`).
    pub pages: HashMap<String, LookupPage>,
    /// Section values (with `pages` summaries) by content path (`news/_index.md`).
    pub sections: HashMap<String, Value>,
    /// Root-relative URLs by content path.
    pub urls: HashMap<String, String>,
    /// Data files by path inside `data/`.
    pub data: HashMap<String, Value>,
    /// Translations: language code → key → text.
    pub translations: HashMap<String, HashMap<String, String>>,
    /// Root-relative URL prefix (`""` or `/kepu`).
    pub url_prefix: String,
    /// Fingerprinted names of static files, for `get_url`.
    pub fingerprints: Arc<super::fingerprint::Fingerprints>,
    /// Base URL, for absolute URLs.
    pub base_url: String,
    /// The site's language.
    pub language: String,
    /// The site's time zone, for showing dates.
    pub timezone: TimeZone,
}

/// A page as `get_page` gives it: the full value, made the first time it is asked for.
pub struct LookupPage {
    values: PageValues,
    full: OnceLock<Value>,
}

impl LookupPage {
    /// The page with these values.
    pub fn new(values: PageValues) -> LookupPage {
        LookupPage {
            values,
            full: OnceLock::new(),
        }
    }

    fn full(&self) -> Value {
        self.full.get_or_init(|| self.values.full()).clone()
    }
}

/// Registers kepu's functions and filters on a Tera instance.
pub fn register(tera: &mut Tera, lookup: Arc<Lookup>) {
    let l = lookup.clone();
    tera.register_function("get_page", move |kwargs: Kwargs, _: &State| {
        get_page(&l, &kwargs)
    });
    let l = lookup.clone();
    tera.register_function("get_section", move |kwargs: Kwargs, _: &State| {
        get_section(&l, &kwargs)
    });
    let l = lookup.clone();
    tera.register_function("get_url", move |kwargs: Kwargs, _: &State| {
        get_url(&l, &kwargs)
    });
    let l = lookup.clone();
    tera.register_function("load_data", move |kwargs: Kwargs, _: &State| {
        load_data(&l, &kwargs)
    });
    let l = lookup.clone();
    tera.register_function("trans", move |kwargs: Kwargs, state: &State| {
        trans(&l, &kwargs, state)
    });
    let l = lookup;
    tera.register_filter(
        "date",
        move |value: &Value, kwargs: Kwargs, state: &State| date(&l, value, &kwargs, state),
    );
    tera.register_filter("slugify", |value: &str, _: Kwargs, _: &State| {
        crate::content::slug::slugify(value)
    });
    tera.register_filter("striptags", |value: &str, _: Kwargs, _: &State| {
        striptags(value)
    });
    tera.register_filter("urlencode", |value: &str, _: Kwargs, _: &State| {
        crate::escape::percent_encode(value, true)
    });
    tera.register_filter("json_encode", |value: &Value, _: Kwargs, _: &State| {
        json_encode(value)
    });
    tera.register_filter("filesizeformat", |value: u64, _: Kwargs, _: &State| {
        filesizeformat(value)
    });
    tera.register_filter("digits", |value: &str, _: Kwargs, _: &State| digits(value));
}

thread_local! {
    /// The typed message of the function or filter that failed last on this thread.
    /// Why a slot beside the error: Tera keeps only the text of a function's error
    /// (its interpreter formats it into the rendering error), so the message itself
    /// waits here for `Engine::render`, which renders on the same thread and takes it.
    static FAILED: RefCell<Option<Msg>> = const { RefCell::new(None) };
}

/// A function's or filter's error: Tera gets its English text, and the typed message
/// waits for [`take_failure`].
fn fail(msg: Msg) -> Error {
    let error = Error::message(msg.english());
    FAILED.with(|slot| *slot.borrow_mut() = Some(msg));
    error
}

/// The typed message of kepu's function or filter that failed on this thread since
/// the last call (`None`: no function of kepu's failed; Tera's own error).
pub fn take_failure() -> Option<Msg> {
    FAILED.with(|slot| slot.borrow_mut().take())
}

fn must_str<'k>(kwargs: &'k Kwargs, name: &'k str, function: &str) -> TeraResult<&'k str> {
    kwargs.get::<&str>(name)?.ok_or_else(|| {
        fail(Msg::NeedsArgument {
            function: function.to_string(),
            name: name.to_string(),
        })
    })
}

fn get_page(lookup: &Lookup, kwargs: &Kwargs) -> TeraResult<Value> {
    let path = must_str(kwargs, "path", "get_page")?;
    let key = path.trim_start_matches("@/").trim_start_matches('/');
    lookup.pages.get(key).map(LookupPage::full).ok_or_else(|| {
        fail(Msg::GetPageMissing {
            key: key.to_string(),
        })
    })
}

fn get_section(lookup: &Lookup, kwargs: &Kwargs) -> TeraResult<Value> {
    let path = must_str(kwargs, "path", "get_section")?;
    let key = path.trim_start_matches("@/").trim_start_matches('/');
    lookup.sections.get(key).cloned().ok_or_else(|| {
        fail(Msg::GetSectionMissing {
            key: key.to_string(),
        })
    })
}

fn get_url(lookup: &Lookup, kwargs: &Kwargs) -> TeraResult<Value> {
    let path = must_str(kwargs, "path", "get_url")?;
    let absolute = kwargs.get::<bool>("absolute")?.unwrap_or(false);
    let url = if let Some(rel) = path.strip_prefix("@/") {
        let (rel, anchor) = rel
            .split_once('#')
            .map_or((rel, None), |(r, a)| (r, Some(a)));
        let mut url = lookup.urls.get(rel).cloned().ok_or_else(|| {
            fail(Msg::GetUrlMissing {
                rel: rel.to_string(),
            })
        })?;
        if let Some(anchor) = anchor {
            url = format!("{url}#{anchor}");
        }
        url
    } else if path.starts_with("http://") || path.starts_with("https://") || path.starts_with("//")
    {
        return Ok(Value::from(path));
    } else {
        static_url(
            lookup,
            path.trim_start_matches('/'),
            kwargs.get::<bool>("hash")?,
        )?
    };
    if absolute {
        let origin = lookup
            .base_url
            .strip_suffix(&lookup.url_prefix)
            .unwrap_or(&lookup.base_url);
        Ok(Value::from(format!("{origin}{url}")))
    } else {
        Ok(Value::from(url))
    }
}

/// The URL of a file of the site: with `hash` (the default for stylesheets and
/// scripts), its fingerprinted copy (see [`super::fingerprint`]).
fn static_url(lookup: &Lookup, path: &str, hash: Option<bool>) -> TeraResult<String> {
    let prefix = &lookup.url_prefix;
    let wanted = hash.unwrap_or_else(|| super::fingerprint::by_default(path));
    match lookup.fingerprints.name(path) {
        Some(name) if wanted => Ok(format!("{prefix}/{name}")),
        None if hash == Some(true) => Err(fail(Msg::GetUrlNotHashable {
            path: path.to_string(),
        })),
        _ => Ok(format!("{prefix}/{path}")),
    }
}

/// `load_data(path="partners.toml")`; with `required=false`, a missing file gives
/// none instead of an error (for themes that show data only when a site has it).
fn load_data(lookup: &Lookup, kwargs: &Kwargs) -> TeraResult<Value> {
    let path = must_str(kwargs, "path", "load_data")?;
    let key = path.trim_start_matches('/').trim_start_matches("data/");
    if !kwargs.get::<bool>("required")?.unwrap_or(true) && !lookup.data.contains_key(key) {
        return Ok(Value::none());
    }
    lookup.data.get(key).cloned().ok_or_else(|| {
        fail(Msg::LoadDataMissing {
            path: key.to_string(),
        })
    })
}

/// The language of the page being rendered (`lang` in the context), else the site's,
/// as a Tera value (a language code is held inline: no allocation for a call that
/// every `trans` and `date` makes).
fn current_lang(lookup: &Lookup, kwargs: &Kwargs, state: &State) -> TeraResult<Value> {
    if let Some(lang) = kwargs.get::<&str>("lang")? {
        return Ok(Value::from(lang));
    }
    Ok(state
        .get::<Value>("lang")
        .ok()
        .flatten()
        .filter(Value::is_string)
        .unwrap_or_else(|| Value::from(lookup.language.as_str())))
}

fn trans(lookup: &Lookup, kwargs: &Kwargs, state: &State) -> TeraResult<Value> {
    let key = must_str(kwargs, "key", "trans")?;
    let lang = current_lang(lookup, kwargs, state)?;
    let lang = lang.as_str().unwrap_or(&lookup.language);
    let find = |lang: &str| lookup.translations.get(lang).and_then(|t| t.get(key));
    let primary = lang.split('-').next().unwrap_or(lang);
    find(lang)
        .or_else(|| find(primary))
        .or_else(|| find(&lookup.language))
        .map(|s| Value::from(s.as_str()))
        .ok_or_else(|| {
            fail(Msg::TransMissing {
                key: key.to_string(),
                lang: lang.to_string(),
            })
        })
}

/// Formats a date in the site language: `{{ page.date | date(format="long") }}` gives
/// `2018年9月15日 星期六` in Chinese and `Saturday, 15 September 2018` in English.
/// Formats: `date` (default), `long`, `datetime`, `time`, `month`, `weekday`, `iso`,
/// `rfc3339`, or a strftime pattern.
fn date(lookup: &Lookup, value: &Value, kwargs: &Kwargs, state: &State) -> TeraResult<Value> {
    let Some(text) = value.as_str() else {
        if value.is_none() || value.is_undefined() {
            return Ok(Value::from(""));
        }
        return Err(fail(Msg::DateFilterText));
    };
    let tz = match kwargs.get::<&str>("timezone")? {
        Some(name) => TimeZone::get(name).map_err(|_| {
            fail(Msg::DateUnknownZone {
                name: name.to_string(),
            })
        })?,
        None => lookup.timezone.clone(),
    };
    let zoned = if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        ts.to_zoned_datetime(tz)
    } else if let Ok(dt) = text.parse::<jiff::civil::DateTime>() {
        dt.to_zoned_datetime(tz)
            .map_err(|e| Error::message(e.to_string()))?
    } else if let Ok(d) = text.parse::<jiff::civil::Date>() {
        d.to_zoned_datetime(tz)
            .map_err(|e| Error::message(e.to_string()))?
    } else {
        return Err(fail(Msg::DateNotDate {
            text: text.to_string(),
        }));
    };
    let format = kwargs.get::<&str>("format")?.unwrap_or("date");
    let lang = current_lang(lookup, kwargs, state)?;
    let lang = Lang::of(lang.as_str().unwrap_or(&lookup.language));
    Ok(Value::from(lang.format(&zoned, format)))
}

/// Removes HTML tags (for `<meta name="description">` and the like).
pub fn striptags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The ASCII digits of `text`, in order: the number in a filing text such as
/// `粤公网安备 44190002000000号`, for the query link of the filing site.
pub fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// JSON for `<script type="application/ld+json">`: `<`, `>` and `&` escaped so the
/// text can never close the script element.
fn json_encode(value: &Value) -> TeraResult<Value> {
    let json = serde_json::to_string(value).map_err(|e| Error::message(e.to_string()))?;
    let safe = json
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    Ok(Value::safe_string(&safe))
}

/// `1536` → `1.5 KB`.
pub fn filesizeformat(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut size = bytes as f64 / 1024.0;
    let mut unit = 0;
    while size >= 1024.0 && unit < UNITS.len() - 1 {
        size /= 1024.0;
        unit += 1;
    }
    if size < 10.0 {
        format!("{size:.1} {}", UNITS[unit])
    } else {
        format!("{size:.0} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_tags() {
        assert_eq!(filesizeformat(512), "512 B");
        assert_eq!(filesizeformat(1536), "1.5 KB");
        assert_eq!(striptags("<p>科普<b>日</b></p>"), "科普日");
        assert_eq!(digits("粤公网安备 44190002000000号"), "44190002000000");
    }
}
