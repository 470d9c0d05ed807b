//! iCalendar (RFC 5545) files: one per event page (`<page>/event.ics`), the site feed
//! `/calendar.ics`, one per section with events (`/events/calendar.ics`), one per
//! venue and organizer page (`/venues/<slug>/calendar.ics`) and one per taxonomy term
//! that has a feed (`/tags/<slug>/calendar.ics`).
//!
//! An output format of the `render` stage: [`plan`] lists the files, [`calendar`]
//! writes one. Each event is
//! one VEVENT with its first occurrence, its RRULE and its EXDATEs, so calendar
//! programs expand it themselves. The rules of the format are kept here: CRLF line
//! ends, lines folded at 75 octets without splitting a UTF-8 character, TEXT
//! escaping, a VTIMEZONE built from jiff's transitions for every TZID used, all-day
//! events as `VALUE=DATE` with an exclusive end, and UIDs stable across builds.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use rayon::prelude::*;

use super::Rendering;
use super::revisions::Revisions;
use crate::content::Kind;
use crate::content::event::{Change, Event, Excluded, Status, When};
use crate::site::{Page, Site};

/// One `.ics` file to write: its path, the calendar's name and its events (page indexes).
pub type Planned = (String, String, Vec<usize>);

/// Every `.ics` file of the site, to be written with [`calendar`].
pub fn plan(r: &Rendering) -> Vec<Planned> {
    let site = r.site;
    let mut plan = event_files(site);
    plan.push(site_file(site));
    plan.extend(section_files(site));
    plan.extend(host_files(site));
    plan.extend(term_files(site));
    plan
}

/// Whether page `i` is an event with occurrences in the calendar.
fn is_event(site: &Site, i: usize) -> bool {
    site.calendar.pages.contains_key(&i)
}

/// The events among `pages`.
fn events_of(site: &Site, pages: &[usize]) -> Vec<usize> {
    pages
        .iter()
        .copied()
        .filter(|&i| is_event(site, i))
        .collect()
}

/// The `.ics` of each event page, in its own folder.
fn event_files(site: &Site) -> Vec<Planned> {
    (0..site.pages.len())
        .filter(|&i| is_event(site, i))
        .map(|i| {
            let page = &site.pages[i];
            (
                format!("{}event.ics", page.path.trim_start_matches('/')),
                page.doc.title.clone(),
                vec![i],
            )
        })
        .collect()
}

/// The site's `/calendar.ics`: every event in the default language, by start.
fn site_file(site: &Site) -> Planned {
    let mut all: Vec<usize> = (0..site.pages.len())
        .filter(|&i| is_event(site, i))
        .filter(|&i| site.pages[i].doc.lang == site.config.language)
        .collect();
    all.sort_by_cached_key(|&i| site.pages[i].doc.event_start);
    ("calendar.ics".to_string(), site.config.title.clone(), all)
}

/// The calendar of each section below a home that holds events.
fn section_files(site: &Site) -> Vec<Planned> {
    let mut plan = Vec::new();
    for page in &site.pages {
        let Some(section) = &page.section else {
            continue;
        };
        let members = events_of(site, &section.pages);
        if members.is_empty() || page.parent.is_none() {
            continue;
        }
        let name = format!("{} - {}", page.doc.title, site.config.title);
        plan.push((
            format!("{}calendar.ics", page.path.trim_start_matches('/')),
            name,
            members,
        ));
    }
    plan
}

/// Each venue and organizer page, linked to its feed even before it has events.
fn host_files(site: &Site) -> Vec<Planned> {
    let hosts = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p.kind, Kind::Venue | Kind::Organizer) && !p.doc.is_section);
    let mut plan = Vec::new();
    for (host, page) in hosts {
        let hosted = site.places.hosted.get(&host).map_or(&[][..], Vec::as_slice);
        let mut members = events_of(site, hosted);
        members.sort_by_cached_key(|&i| site.pages[i].doc.event_start);
        plan.push((
            format!("{}calendar.ics", page.path.trim_start_matches('/')),
            format!("{} - {}", page.doc.title, site.config.title),
            members,
        ));
    }
    plan
}

/// The calendar of each term with events, in the taxonomies with `feed = true`.
fn term_files(site: &Site) -> Vec<Planned> {
    let mut plan = Vec::new();
    for taxonomy in site.taxonomies.iter().filter(|t| t.feed) {
        for term in &taxonomy.terms {
            let members = events_of(site, &term.pages);
            if members.is_empty() {
                continue;
            }
            let name = format!("{} - {}", term.name, site.config.title);
            plan.push((
                format!("{}calendar.ics", term.path.trim_start_matches('/')),
                name,
                members,
            ));
        }
    }
    plan
}

/// The URL path of a page's own `.ics` (root-relative).
pub fn event_ics_url(page: &Page) -> String {
    format!("{}event.ics", page.url)
}

/// A whole VCALENDAR with the events of `pages`, their texts taken from `events`,
/// and with `partners` the partners' events as their files wrote them.
pub fn calendar(
    site: &Site,
    name: &str,
    pages: &[usize],
    partners: bool,
    events: &Events,
) -> String {
    let mut w = Writer::default();
    calendar_head(&mut w, site, name);
    let partner_events = site
        .partners
        .iter()
        .flat_map(|c| &c.events)
        .filter(|_| partners);
    let zones = used_zones(site, pages, partner_events.clone().map(|p| &p.event));
    for (name, (tz, from, until)) in &zones {
        vtimezone(&mut w, name, tz, *from, *until);
    }
    // A site's calendar holds every event: their texts are made in parallel first,
    // or this one file keeps one core busy after all else is done.
    if pages.len() > 64 {
        pages.par_iter().for_each(|&i| {
            events.text(site, i);
        });
    }
    for &i in pages {
        w.out.push_str(events.text(site, i));
    }
    for p in partner_events {
        for line in &p.lines {
            w.line(line);
        }
    }
    w.line("END:VCALENDAR");
    w.out
}

/// The properties of a VCALENDAR named `name`, before its time zones and events.
fn calendar_head(w: &mut Writer, site: &Site, name: &str) {
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.line(&format!(
        "PRODID:-//kepu//kepu {}//{}",
        env!("CARGO_PKG_VERSION"),
        site.config.language.to_ascii_uppercase()
    ));
    w.line("CALSCALE:GREGORIAN");
    w.line("METHOD:PUBLISH");
    w.text("X-WR-CALNAME", name);
    w.line(&format!("X-WR-TIMEZONE:{}", site.config.timezone_name));
    w.line("REFRESH-INTERVAL;VALUE=DURATION:P1D");
    w.line("X-PUBLISHED-TTL:P1D");
}

/// The time zones a calendar uses, by TZID: each zone and the span its VTIMEZONE
/// must cover, from the first occurrence to two years past the last one (or now).
type Zones = BTreeMap<String, (TimeZone, Timestamp, Timestamp)>;

/// One VTIMEZONE per zone used by the events of `pages` and `partner_events`,
/// covering every occurrence.
fn used_zones<'a>(
    site: &Site,
    pages: &[usize],
    partner_events: impl Iterator<Item = &'a Event>,
) -> Zones {
    let mut zones = Zones::new();
    for &i in pages {
        let (Some(event), Some(occ)) = (&site.pages[i].doc.event, site.calendar.pages.get(&i))
        else {
            continue;
        };
        if !event.when.is_all_day() && !is_utc(event) {
            let from = event.when.start_instant(&event.timezone);
            widen(
                &mut zones,
                site,
                event,
                from,
                occ.last_end().unwrap_or(from),
            );
        }
    }
    for event in partner_events {
        if !event.when.is_all_day() && !is_utc(event) {
            let from = event.when.start_instant(&event.timezone);
            widen(&mut zones, site, event, from, from);
        }
    }
    zones
}

/// Widens the span of the event's zone to cover `from` to two years past `last`
/// (or past now, when later).
fn widen(zones: &mut Zones, site: &Site, event: &Event, from: Timestamp, last: Timestamp) {
    let until = last
        .max(site.now)
        .checked_add(SignedDuration::from_hours(24 * 366 * 2))
        .unwrap_or(from);
    let entry = zones
        .entry(event.timezone_name.clone())
        .or_insert_with(|| (event.timezone.clone(), from, until));
    entry.1 = entry.1.min(from);
    entry.2 = entry.2.max(until);
}

/// The `VEVENT` text of each event page, made once however many calendars list it
/// (its own `.ics`, its section's and the site's).
pub struct Events {
    texts: Vec<OnceLock<String>>,
    revisions: Revisions,
}

impl Events {
    /// Room for the events of a site of `pages` pages, none made yet; `revisions`
    /// holds what the last build published (see [`super::revisions`]).
    pub fn new(pages: usize, revisions: Revisions) -> Events {
        Events {
            texts: (0..pages).map(|_| OnceLock::new()).collect(),
            revisions,
        }
    }

    /// The revisions of the events written so far, merged with the last build's:
    /// the state `kepu build` keeps for the next one.
    pub fn revisions(&self) -> &Revisions {
        &self.revisions
    }

    /// The `VEVENT` of page `i` (empty for a page without an event).
    fn text(&self, site: &Site, i: usize) -> &str {
        self.texts[i].get_or_init(|| {
            let mut w = Writer::default();
            if let Some(event) = site.event(i) {
                vevent(&mut w, site, i, event, &self.revisions);
            }
            w.out
        })
    }
}

fn is_utc(event: &Event) -> bool {
    matches!(
        event.timezone_name.as_str(),
        "UTC" | "Etc/UTC" | "Etc/UCT" | "UCT" | "Etc/Zulu" | "Zulu" | "Etc/GMT" | "GMT"
    )
}

/// The UID of an event page: its site path and the site's host, stable across builds.
pub fn uid(site: &Site, page: &Page) -> String {
    let host = site
        .config
        .base_url
        .split_once("://")
        .map_or(site.config.base_url.as_str(), |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or("kepu");
    let path = page.path.trim_matches('/').replace('/', "-");
    format!("{path}@{host}")
}

/// The `VEVENT`s of an event: the series, then one override per changed occurrence
/// (same UID, `RECURRENCE-ID`). Their `SEQUENCE` and `DTSTAMP` come from
/// `revisions`, which compares the rest of their text with what the last build
/// published.
fn vevent(w: &mut Writer, site: &Site, i: usize, event: &Event, revisions: &Revisions) {
    let page = &site.pages[i];
    let uid = uid(site, page);
    let mut bodies = vec![Writer::default()];
    vevent_body(&mut bodies[0], page, event);
    if let Some(organizer) = organizer(site, i) {
        bodies[0].line(&organizer);
    }
    for change in &event.changes {
        let mut body = Writer::default();
        override_body(&mut body, page, event, change);
        bodies.push(body);
    }
    let stamp = page
        .doc
        .updated
        .as_ref()
        .or(page.doc.date.as_ref())
        .map_or(site.now, |z| z.timestamp());
    let all: String = bodies.iter().map(|b| b.out.as_str()).collect();
    let revision = revisions.revise(&uid, &all, (floor(page, event), stamp), site.now);
    for body in bodies {
        w.line("BEGIN:VEVENT");
        w.line(&format!("UID:{uid}"));
        w.line(&format!("DTSTAMP:{}", utc(revision.stamp)));
        w.line(&format!("SEQUENCE:{}", revision.sequence));
        w.out.push_str(&body.out);
        w.line("END:VEVENT");
    }
}

/// A date-time property of `event` (`DTSTART`, `EXDATE`…) for the local time
/// `local`: with its TZID, or in UTC for an event in UTC.
fn local_property(name: &str, event: &Event, at: DateTime) -> String {
    if is_utc(event) {
        let ts = event
            .timezone
            .to_timestamp(at)
            .unwrap_or(Timestamp::UNIX_EPOCH);
        format!("{name}:{}", utc(ts))
    } else {
        format!("{name};TZID={}:{}", event.timezone_name, local(at))
    }
}

/// `DTSTART` and `DTEND` of one occurrence.
fn dates(w: &mut Writer, event: &Event, when: &When) {
    let at = |ts: Timestamp| ts.to_zoned_datetime(event.timezone.clone()).datetime();
    match when {
        When::Timed { start, end } => {
            w.line(&local_property("DTSTART", event, at(start.timestamp())));
            if let Some(end) = end {
                w.line(&local_property("DTEND", event, at(end.timestamp())));
            }
        }
        When::AllDay { first, last } => {
            w.line(&format!("DTSTART;VALUE=DATE:{}", day(*first)));
            w.line(&format!(
                "DTEND;VALUE=DATE:{}",
                day(last.tomorrow().unwrap_or(*last))
            ));
        }
    }
}

/// A property naming one occurrence by its original start (`EXDATE`,
/// `RECURRENCE-ID`).
fn occurrence_property(name: &str, event: &Event, key: &Excluded) -> String {
    match key {
        Excluded::AllDay(d) => format!("{name};VALUE=DATE:{}", day(*d)),
        Excluded::Timed(dt) => local_property(name, event, *dt),
    }
}

/// The override `VEVENT` of a changed occurrence, but its UID, `DTSTAMP` and
/// `SEQUENCE`: the occurrence it replaces, its time, and what differs.
fn override_body(w: &mut Writer, page: &Page, event: &Event, change: &Change) {
    w.line(&occurrence_property(
        "RECURRENCE-ID",
        event,
        &change.occurrence,
    ));
    dates(w, event, &change.when);
    w.text("SUMMARY", &page.doc.title);
    let mut description = description(page, event);
    if let Some(note) = &change.note {
        description = format!("{note}\n\n{description}");
    }
    w.text("DESCRIPTION", &description);
    let (location, address) = match (&change.location, &change.address) {
        (None, None) => (&event.location, &event.address),
        (l, a) => (l, a),
    };
    if let Some(location) = place(location, address, &event.online) {
        w.text("LOCATION", &location);
    }
    let geo = match (&change.location, &change.address) {
        (None, None) => event.geo,
        _ => change.geo,
    };
    if let Some(geo) = geo {
        w.line(&format!("GEO:{};{}", geo.lat, geo.lon));
    }
    w.line(&format!(
        "STATUS:{}",
        status(change.status.unwrap_or(event.status))
    ));
    w.line(&format!("URL:{}", page.permalink));
}

/// ORGANIZER of event page `i`: its first organizer page with an e-mail address, as
/// RFC 5545 wants a cal-address (`mailto:`); none without one.
fn organizer(site: &Site, i: usize) -> Option<String> {
    let places = site.places.of_event.get(&i)?;
    places.organizers.iter().find_map(|&o| {
        let page = &site.pages[o];
        let email = page.doc.organizer.as_ref()?.email.as_ref()?;
        // A quoted parameter value may hold anything but DQUOTE and controls.
        let name: String = page
            .doc
            .title
            .chars()
            .filter(|c| *c != '"' && !c.is_control())
            .collect();
        Some(format!("ORGANIZER;CN=\"{name}\":mailto:{email}"))
    })
}

/// LOCATION: the place and its address, else the online address.
fn place(
    location: &Option<String>,
    address: &Option<String>,
    online: &Option<String>,
) -> Option<String> {
    match (location, address) {
        (Some(l), Some(a)) => Some(format!("{l}, {a}")),
        (Some(l), None) => Some(l.clone()),
        (None, Some(a)) => Some(a.clone()),
        (None, None) => online.clone(),
    }
}

/// Everything of the series' `VEVENT` but its UID, `DTSTAMP` and `SEQUENCE`.
fn vevent_body(w: &mut Writer, page: &Page, event: &Event) {
    if let Some(date) = &page.doc.date {
        w.line(&format!("CREATED:{}", utc(date.timestamp())));
    }
    if let Some(updated) = &page.doc.updated {
        w.line(&format!("LAST-MODIFIED:{}", utc(updated.timestamp())));
    }
    dates(w, event, &event.when);
    repetition(w, event);
    w.text("SUMMARY", &page.doc.title);
    w.text("DESCRIPTION", &description(page, event));
    if let Some(location) = place(&event.location, &event.address, &event.online) {
        w.text("LOCATION", &location);
    }
    if let Some(geo) = event.geo {
        w.line(&format!("GEO:{};{}", geo.lat, geo.lon));
    }
    w.line(&format!("STATUS:{}", status(event.status)));
    w.line(&format!("URL:{}", page.permalink));
    let categories: Vec<String> = page
        .doc
        .taxonomies
        .get("tags")
        .map(|t| t.terms.iter().map(|s| escape_text(s)).collect())
        .unwrap_or_default();
    if !categories.is_empty() {
        w.line(&format!("CATEGORIES:{}", categories.join(",")));
    }
}

/// How the series repeats: its `RRULE`, `RDATE`s and `EXDATE`s.
fn repetition(w: &mut Writer, event: &Event) {
    if let Some(rec) = &event.recurrence {
        let until = rec
            .until_instant
            .map(utc)
            .or_else(|| rec.until_date.map(day));
        w.line(&format!("RRULE:{}", rec.rule.to_ics(until.as_deref())));
    }
    for rdate in &event.rdates {
        let key = match rdate {
            When::Timed { start, .. } => Excluded::Timed(start.datetime()),
            When::AllDay { first, .. } => Excluded::AllDay(*first),
        };
        w.line(&occurrence_property("RDATE", event, &key));
    }
    for excluded in &event.excluded {
        w.line(&occurrence_property("EXDATE", event, excluded));
    }
}

/// The least SEQUENCE the front matter alone gives, with no kept state: 0 until the
/// page has an `updated` date, then the minutes from publication (`date`) to that
/// update plus one, so a later `updated` is a higher number; one more once the
/// status is no longer "scheduled" (a cancellation must outrank the announcement).
fn floor(page: &Page, event: &Event) -> i64 {
    let edited = match (&page.doc.date, &page.doc.updated) {
        (Some(date), Some(updated)) => {
            (updated.timestamp().as_second() - date.timestamp().as_second()).max(0) / 60 + 1
        }
        (None, Some(_)) => 1,
        _ => 0,
    };
    edited + i64::from(event.status != Status::Scheduled)
}

fn status(status: Status) -> &'static str {
    match status {
        Status::Scheduled | Status::Rescheduled => "CONFIRMED",
        Status::Postponed => "TENTATIVE",
        Status::Cancelled => "CANCELLED",
    }
}

/// DESCRIPTION: the page description (or the start of its text), then the links.
fn description(page: &Page, event: &Event) -> String {
    let mut text = match &page.doc.description {
        Some(d) => d.trim().to_string(),
        None => {
            let body: String = page.content.text.chars().take(300).collect();
            body.trim().to_string()
        }
    };
    if let Some(online) = &event.online {
        text.push_str(&format!("\n\n{online}"));
    }
    if let Some(registration) = &event.registration {
        text.push_str(&format!("\n\n{registration}"));
    }
    text.push_str(&format!("\n\n{}", page.permalink));
    text
}

/// A VTIMEZONE with one observance for the offset in force at `from` and one for
/// every transition up to `until`.
fn vtimezone(w: &mut Writer, name: &str, tz: &TimeZone, from: Timestamp, until: Timestamp) {
    w.line("BEGIN:VTIMEZONE");
    w.line(&format!("TZID:{name}"));
    let start = from
        .checked_sub(SignedDuration::from_hours(24))
        .unwrap_or(from);
    match tz.preceding(start).next() {
        Some(t) => transition(w, tz, &t),
        None => {
            let offset = tz.to_offset(from);
            let info = tz.to_offset_info(from);
            let begin = Timestamp::UNIX_EPOCH;
            observance(w, begin, offset, offset, info.abbreviation(), false);
        }
    }
    for t in tz.following(start).take_while(|t| t.timestamp() <= until) {
        transition(w, tz, &t);
    }
    w.line("END:VTIMEZONE");
}

/// The observance a transition of `tz` starts, from the offset just before it.
fn transition(w: &mut Writer, tz: &TimeZone, t: &jiff::tz::TimeZoneTransition) {
    let before = tz.to_offset(t.timestamp() - SignedDuration::from_secs(1));
    observance(
        w,
        t.timestamp(),
        before,
        t.offset(),
        t.abbreviation(),
        t.dst().is_dst(),
    );
}

fn observance(
    w: &mut Writer,
    at: Timestamp,
    from: Offset,
    to: Offset,
    abbreviation: &str,
    dst: bool,
) {
    let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
    w.line(&format!("BEGIN:{kind}"));
    // DTSTART of an observance is the wall-clock time before the change.
    w.line(&format!("DTSTART:{}", local(from.to_datetime(at))));
    w.line(&format!("TZOFFSETFROM:{}", offset(from)));
    w.line(&format!("TZOFFSETTO:{}", offset(to)));
    if !abbreviation.is_empty() && !abbreviation.starts_with(['+', '-']) {
        w.text("TZNAME", abbreviation);
    }
    w.line(&format!("END:{kind}"));
}

fn offset(o: Offset) -> String {
    let secs = o.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.unsigned_abs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

fn utc(ts: Timestamp) -> String {
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn local(dt: DateTime) -> String {
    dt.strftime("%Y%m%dT%H%M%S").to_string()
}

fn day(d: Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line: at most 75 octets per physical line, continuation lines
/// starting with a space, never inside a UTF-8 character; every line ends in CRLF.
pub fn fold(line: &str) -> String {
    const MAX: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / MAX * 3 + 2);
    let mut rest = line;
    let mut limit = MAX;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return out;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The leading space counts toward the 75 octets.
        limit = MAX - 1;
    }
}

/// Collects folded content lines.
#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, line: &str) {
        self.out.push_str(&fold(line));
    }

    fn text(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{}", escape_text(value)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_the_four_specials() {
        assert_eq!(escape_text("a\\b;c,d\r\ne"), "a\\\\b\\;c\\,d\\ne");
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold("SUMMARY:科普"), "SUMMARY:科普\r\n");
        let exactly = "X".repeat(75);
        assert_eq!(fold(&exactly), format!("{exactly}\r\n"));
    }

    #[test]
    fn folding_keeps_lines_within_75_octets_and_characters_whole() {
        for prefix in ["", "A", "AB"] {
            let line = format!("DESCRIPTION:{prefix}{}", "科普志愿服务".repeat(20));
            let folded = fold(&line);
            assert!(folded.ends_with("\r\n"));
            for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
                assert!(physical.len() <= 75, "{} octets", physical.len());
            }
            // Unfolding gives the line back: no character was split.
            assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), line);
        }
    }

    #[test]
    fn folding_ascii_at_exact_boundaries() {
        let line = "X".repeat(75 + 74 + 1);
        let folded = fold(&line);
        let physical: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert_eq!(physical.len(), 3);
        assert_eq!(physical[0].len(), 75);
        assert_eq!(physical[1].len(), 75);
        assert_eq!(physical[2], " X");
    }

    #[test]
    fn offsets_are_written_with_sign() {
        assert_eq!(offset(Offset::from_seconds(8 * 3600).unwrap()), "+0800");
        assert_eq!(
            offset(Offset::from_seconds(-(5 * 3600 + 30 * 60)).unwrap()),
            "-0530"
        );
        assert_eq!(
            offset(Offset::from_seconds(8 * 3600 + 343).unwrap()),
            "+080543"
        );
    }

    #[test]
    fn berlin_timezone_has_both_observances() {
        let tz = TimeZone::get("Europe/Berlin").unwrap();
        let mut w = Writer::default();
        let from: Timestamp = "2018-10-20T08:00:00Z".parse().unwrap();
        let until: Timestamp = "2019-01-01T00:00:00Z".parse().unwrap();
        vtimezone(&mut w, "Europe/Berlin", &tz, from, until);
        assert_eq!(
            w.out,
            "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n\
             BEGIN:DAYLIGHT\r\nDTSTART:20180325T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n\
             BEGIN:STANDARD\r\nDTSTART:20181028T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD\r\n\
             END:VTIMEZONE\r\n"
        );
    }
}
