//! The static JSON API, for WeChat mini programs, partner sites and apps:
//! `/api/events.json` (the occurrences from [`RECENT_DAYS`] before the build time to
//! the calendar's horizon), `/api/events/YYYY-MM.json` (every occurrence touching each
//! month that has one), `/api/news.json` (the newest news pages) and `/feed.json`
//! (the site feed as JSON Feed 1.1, with the same entries as `/atom.xml`). Partner
//! calendars' events (`data/calendars/`) are listed too, with `"kind": "partner"`
//! and the partner's name.
//!
//! One output format, one module: [`files`] writes them all from the calendar and
//! feeds already built (nothing is parsed again). Each API file carries
//! `"version": `[`VERSION`], the version of the schema in `docs/api/*.schema.json`
//! (documented in `docs/api.md`); a change that could break a reader raises it.
//! Each occurrence is written once and shared by `events.json` and its month file.

use jiff::{SignedDuration, Timestamp};
use rayon::prelude::*;
use serde_json::{Map, Value, json};

use super::event_view::{end_text, start_text};
use super::{File, Rendering, feeds, ics, urls};
use crate::content::Kind;
use crate::content::event::{Event, Geo};
use crate::locale::{rfc3339, rfc3339_utc};
use crate::site::calendar::{Entry, Source};
use crate::site::{Page, Site};

/// The version of the API's schema, written in every API file.
pub const VERSION: u32 = 1;

/// How many days back `/api/events.json` reaches: occurrences that ended at most this
/// long before the build time are listed as recent ones.
pub const RECENT_DAYS: i64 = 30;

/// The folder of the API files, a site path.
pub const DIR: &str = "api/";

/// The paths [`files`] writes, known before anything is made (the plan needs them up
/// front to settle collisions).
pub fn paths(r: &Rendering) -> Vec<String> {
    let mut paths = vec![format!("{DIR}events.json")];
    paths.extend(
        r.site
            .calendar
            .months
            .iter()
            .filter(|m| !m.entries.is_empty())
            .map(|m| format!("{DIR}events/{:04}-{:02}.json", m.year, m.month)),
    );
    paths.push(format!("{DIR}news.json"));
    if !r.feeds.is_empty() {
        paths.push("feed.json".to_string());
    }
    paths
}

/// Writes `/api/events.json`, one `/api/events/YYYY-MM.json` per month with
/// occurrences, `/api/news.json` and `/feed.json`.
pub fn files(r: &Rendering) -> Vec<File> {
    let site = r.site;
    let entries = &site.calendar.entries;
    let occurrences: Vec<Value> = entries.par_iter().map(|e| occurrence(site, e)).collect();
    let generated = rfc3339_utc(site.now);
    let from = site
        .now
        .checked_sub(SignedDuration::from_hours(24 * RECENT_DAYS))
        .unwrap_or(site.now);
    let until = site
        .now
        .checked_add(SignedDuration::from_hours(
            24 * site.config.calendar.horizon_days,
        ))
        .unwrap_or(site.now);
    let window: Vec<&Value> = entries
        .iter()
        .zip(&occurrences)
        .filter(|(e, _)| end_instant(e) >= from)
        .map(|(_, v)| v)
        .collect();
    let mut files = vec![(
        format!("{DIR}events.json"),
        bytes(&json!({
            "version": VERSION,
            "generated": generated,
            "from": rfc3339_utc(from),
            "until": rfc3339_utc(until),
            "events": window,
        })),
    )];
    for month in site
        .calendar
        .months
        .iter()
        .filter(|m| !m.entries.is_empty())
    {
        let list: Vec<&Value> = month.entries.iter().map(|&k| &occurrences[k]).collect();
        files.push((
            format!("{DIR}events/{:04}-{:02}.json", month.year, month.month),
            bytes(&json!({
                "version": VERSION,
                "generated": generated,
                "month": format!("{:04}-{:02}", month.year, month.month),
                "events": list,
            })),
        ));
    }
    files.push((format!("{DIR}news.json"), bytes(&news(site, &generated))));
    if let Some(feed) = r.feeds.first() {
        files.push(("feed.json".to_string(), bytes(&json_feed(site, feed))));
    }
    files
}

/// Compact JSON and a final newline.
fn bytes(value: &Value) -> Vec<u8> {
    let mut out = serde_json::to_vec(value).unwrap_or_default();
    out.push(b'\n');
    out
}

fn end_instant(e: &Entry) -> Timestamp {
    e.when.end_instant(&e.timezone)
}

fn geo(geo: &Option<Geo>) -> Value {
    match geo {
        Some(g) => json!({ "lat": g.lat, "lon": g.lon }),
        None => Value::Null,
    }
}

/// Inserts `value` under `key` unless it is null.
fn put(map: &mut Map<String, Value>, key: &str, value: Value) {
    if !value.is_null() {
        map.insert(key.to_string(), value);
    }
}

/// One occurrence: its stable id (the event's iCalendar UID, `#`, and the original
/// start of the occurrence, which a move does not change), its times, status and note,
/// place, venue and organizers; a partner's event with the partner's name and its
/// link instead of a page of the site.
fn occurrence(site: &Site, e: &Entry) -> Value {
    let Some(event) = site.event_of(e.source) else {
        return Value::Null;
    };
    let change = e.change.and_then(|c| event.changes.get(c));
    let original = change.map_or(&e.when, |c| &c.original);
    let mut o = Map::new();
    let page = match e.source {
        Source::Page(i) => Some((i, &site.pages[i])),
        Source::Partner(..) => None,
    };
    let uid = match (e.source, page) {
        (_, Some((_, page))) => ics::uid(site, page),
        (Source::Partner(c, k), None) => site.partners[c].events[k].uid.clone(),
        (Source::Page(_), None) => String::new(),
    };
    o.insert(
        "id".into(),
        json!(format!("{uid}#{}", start_text(original))),
    );
    o.insert("uid".into(), json!(uid));
    match (e.source, page) {
        (_, Some((_, page))) => {
            o.insert("title".into(), json!(page.doc.title));
            let kind = if page.kind == Kind::Training {
                "training"
            } else {
                "event"
            };
            o.insert("kind".into(), json!(kind));
            o.insert("url".into(), json!(page.permalink));
            o.insert(
                "ics".into(),
                json!(urls::absolute_url(site, &ics::event_ics_url(page))),
            );
        }
        (Source::Partner(c, k), None) => {
            let calendar = &site.partners[c];
            let partner = &calendar.events[k];
            o.insert("title".into(), json!(partner.title));
            o.insert("kind".into(), json!("partner"));
            put(&mut o, "url", json!(partner.url));
            o.insert("partner".into(), json!({ "name": calendar.name }));
        }
        (Source::Page(_), None) => {}
    }
    o.insert("start".into(), json!(start_text(&e.when)));
    put(&mut o, "end", json!(end_text(&e.when)));
    o.insert("all_day".into(), json!(e.when.is_all_day()));
    o.insert("timezone".into(), json!(event.timezone_name));
    let status = change.and_then(|c| c.status).unwrap_or(event.status);
    o.insert("status".into(), json!(status.name()));
    let moved = change.is_some_and(|c| c.moved);
    o.insert("moved".into(), json!(moved));
    if moved {
        o.insert("original_start".into(), json!(start_text(original)));
    }
    put(&mut o, "note", json!(change.and_then(|c| c.note.clone())));
    o.insert("ended".into(), json!(e.ended));
    o.insert(
        "recurring".into(),
        json!(event.recurrence.is_some() || !event.rdates.is_empty()),
    );
    let description = match (e.source, page) {
        (_, Some((_, page))) => page.doc.description.clone(),
        (Source::Partner(c, k), None) => site.partners[c].events[k].description.clone(),
        (Source::Page(_), None) => None,
    };
    put(&mut o, "description", json!(description));
    put(&mut o, "place", place(event, change));
    match page {
        Some((i, page)) => {
            put(&mut o, "venue", venue(site, i));
            o.insert("organizers".into(), organizers(site, i, event));
            put(&mut o, "registration", json!(event.registration));
            put(&mut o, "online", json!(event.online));
            put(&mut o, "capacity", json!(event.capacity));
            o.insert("taxonomies".into(), taxonomies(page));
        }
        None => {
            o.insert("organizers".into(), json!([]));
            o.insert("taxonomies".into(), json!({}));
        }
    }
    Value::Object(o)
}

/// Where this occurrence takes place: the change's own place, else the event's (with
/// a venue's filled in, see `site::places`).
fn place(event: &Event, change: Option<&crate::content::event_changes::Change>) -> Value {
    let own = change.filter(|c| c.location.is_some() || c.address.is_some());
    let (name, address, coords) = match own {
        Some(c) => (&c.location, &c.address, &c.geo),
        None => (&event.location, &event.address, &event.geo),
    };
    if name.is_none() && address.is_none() && coords.is_none() {
        return Value::Null;
    }
    let mut p = Map::new();
    put(&mut p, "name", json!(name));
    put(&mut p, "address", json!(address));
    put(&mut p, "geo", geo(coords));
    Value::Object(p)
}

/// The venue page the event names: its name, page, address, coordinates and map.
fn venue(site: &Site, i: usize) -> Value {
    let Some(v) = site.places.of_event.get(&i).and_then(|p| p.venue) else {
        return Value::Null;
    };
    let page = &site.pages[v];
    let mut o = Map::new();
    o.insert("name".into(), json!(page.doc.title));
    o.insert("url".into(), json!(page.permalink));
    if let Some(venue) = &page.doc.venue {
        put(&mut o, "address", json!(venue.address));
        put(&mut o, "geo", geo(&venue.geo));
        put(&mut o, "map", json!(venue.map));
        put(&mut o, "transit", json!(venue.transit));
        put(&mut o, "accessibility", json!(venue.accessibility));
    }
    Value::Object(o)
}

/// The organizer pages the event names (name, page, web site, contact), else its
/// free-text organizer as a name alone.
fn organizers(site: &Site, i: usize, event: &Event) -> Value {
    let pages = site
        .places
        .of_event
        .get(&i)
        .map(|p| p.organizers.as_slice())
        .unwrap_or_default();
    if pages.is_empty() {
        return match &event.organizer {
            Some(name) => json!([{ "name": name }]),
            None => json!([]),
        };
    }
    let list: Vec<Value> = pages
        .iter()
        .map(|&o| {
            let page = &site.pages[o];
            let mut m = Map::new();
            m.insert("name".into(), json!(page.doc.title));
            m.insert("url".into(), json!(page.permalink));
            if let Some(org) = &page.doc.organizer {
                put(&mut m, "website", json!(org.url));
                put(&mut m, "email", json!(org.email));
                put(&mut m, "phone", json!(org.phone));
            }
            Value::Object(m)
        })
        .collect();
    Value::Array(list)
}

/// The terms of a page by taxonomy: `{"tags": ["科普"]}`.
fn taxonomies(page: &Page) -> Value {
    let mut m = Map::new();
    for (name, t) in &page.doc.taxonomies {
        m.insert(name.clone(), json!(t.terms));
    }
    Value::Object(m)
}

/// `/api/news.json`: the newest news pages of the site's language, at most
/// `[feeds] limit`.
fn news(site: &Site, generated: &str) -> Value {
    let mut list: Vec<usize> = (0..site.pages.len())
        .filter(|&i| {
            let p = &site.pages[i];
            p.kind == Kind::News
                && !p.doc.is_section
                && p.doc.date.is_some()
                && p.doc.lang == site.config.language
        })
        .collect();
    list.sort_by_cached_key(|&i| {
        let p = &site.pages[i];
        (
            std::cmp::Reverse(p.doc.date.as_ref().map(|d| d.timestamp())),
            p.path.clone(),
        )
    });
    list.truncate(site.config.feeds.limit);
    let items: Vec<Value> = list
        .iter()
        .map(|&i| {
            let page = &site.pages[i];
            let mut o = Map::new();
            o.insert("id".into(), json!(page.permalink));
            o.insert("title".into(), json!(page.doc.title));
            o.insert("url".into(), json!(page.permalink));
            put(&mut o, "date", json!(page.doc.date.as_ref().map(rfc3339)));
            put(
                &mut o,
                "updated",
                json!(page.doc.updated.as_ref().map(rfc3339)),
            );
            put(&mut o, "description", json!(page.doc.description));
            put(&mut o, "summary_html", json!(feeds::entry_html(site, page)));
            o.insert("authors".into(), json!(page.doc.authors));
            o.insert("taxonomies".into(), taxonomies(page));
            Value::Object(o)
        })
        .collect();
    json!({
        "version": VERSION,
        "generated": generated,
        "news": items,
    })
}

/// `/feed.json`: the site feed of the site's language in JSON Feed 1.1.
fn json_feed(site: &Site, feed: &feeds::Feed) -> Value {
    let home = urls::absolute_url(site, &feed.page_url);
    let author = site
        .config
        .author
        .clone()
        .unwrap_or_else(|| site.config.title.clone());
    let items: Vec<Value> = feed
        .entries
        .iter()
        .map(|&i| {
            let page = &site.pages[i];
            let mut o = Map::new();
            o.insert("id".into(), json!(page.permalink));
            o.insert("url".into(), json!(page.permalink));
            o.insert("title".into(), json!(page.doc.title));
            // One of content_html and content_text is required.
            match feeds::entry_html(site, page) {
                Some(html) => o.insert("content_html".into(), json!(html)),
                None => o.insert(
                    "content_text".into(),
                    json!(page.doc.description.clone().unwrap_or_default()),
                ),
            };
            put(&mut o, "summary", json!(page.doc.description));
            put(
                &mut o,
                "date_published",
                json!(page.doc.date.as_ref().map(rfc3339)),
            );
            put(
                &mut o,
                "date_modified",
                json!(page.doc.updated.as_ref().map(rfc3339)),
            );
            let tags: Vec<&String> = page
                .doc
                .taxonomies
                .values()
                .flat_map(|t| t.terms.iter())
                .collect();
            if !tags.is_empty() {
                o.insert("tags".into(), json!(tags));
            }
            if !page.doc.authors.is_empty() {
                let authors: Vec<Value> = page
                    .doc
                    .authors
                    .iter()
                    .map(|a| json!({ "name": a }))
                    .collect();
                o.insert("authors".into(), Value::Array(authors));
            }
            o.insert("language".into(), json!(page.doc.lang));
            Value::Object(o)
        })
        .collect();
    let mut f = Map::new();
    f.insert("version".into(), json!("https://jsonfeed.org/version/1.1"));
    f.insert("title".into(), json!(feed.title));
    f.insert("home_page_url".into(), json!(home));
    f.insert(
        "feed_url".into(),
        json!(urls::absolute_url(site, &site.url("/feed.json"))),
    );
    if !feed.description.is_empty() {
        f.insert("description".into(), json!(feed.description));
    }
    f.insert("language".into(), json!(feed.lang));
    f.insert("authors".into(), json!([{ "name": author }]));
    f.insert("items".into(), Value::Array(items));
    Value::Object(f)
}
