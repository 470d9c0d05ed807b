//! What templates see of an event or training (`page.event`, `page.training`): times
//! already formatted in the site language, upcoming/ended judged at the build time,
//! add-to-calendar links, the map link, and the schema.org `Event` JSON-LD.
//!
//! Part of the theme contract (see `docs/templates.md`), built once per page by
//! [`event_view`] from the validated `Event` and the site calendar. Nothing here
//! parses text: it formats what the `content` and `site` stages computed.

use jiff::Timestamp;
use serde::Serialize;
use serde_json::{Value, json};

use super::ics;
use crate::content::event::{Change, Event, Excluded, Geo, Status, Training, When};
use crate::content::recurrence::Freq;
use crate::escape::percent_encode;
use crate::locale::{Lang, rfc3339, rfc3339_utc};
use crate::site::calendar::PageOccurrences;
use crate::site::places::EventPlaces;
use crate::site::{Page, Site};

/// One occurrence, for templates.
#[derive(Debug, Serialize)]
pub struct OccurrenceView {
    /// Start: RFC 3339 with offset, or `YYYY-MM-DD` for all-day.
    pub start: String,
    /// End: RFC 3339, or the last day (inclusive) for all-day; none when not written.
    pub end: Option<String>,
    /// When it ends, as an instant (RFC 3339 in UTC): for the "never stale" script.
    pub ends_at: String,
    /// True for whole days.
    pub all_day: bool,
    /// True when it has ended at the build time.
    pub ended: bool,
    /// Date and time in the site language: `2018年9月15日（星期六）09:00–17:00`.
    pub display: String,
    /// This occurrence's status: `scheduled`, `cancelled` (this session only),
    /// `rescheduled` (moved by a change), or the event's.
    pub status: &'static str,
    /// The note of its change (`因台风改期`).
    pub note: Option<String>,
    /// For a moved occurrence, when it was to take place, in words.
    pub moved_from: Option<String>,
    /// The place of this occurrence when a change gives another one.
    pub location: Option<String>,
}

/// `page.event`.
#[derive(Debug, Serialize)]
pub struct EventView {
    /// The first occurrence's start (RFC 3339, or a date for all-day).
    pub start: String,
    /// Its end (RFC 3339, or the last day for all-day), if any.
    pub end: Option<String>,
    /// True for whole days.
    pub all_day: bool,
    /// IANA zone of the event.
    pub timezone: String,
    /// True when the zone is not the site's (templates then show it).
    pub timezone_differs: bool,
    /// The occurrence lists show: the next one, else the last one.
    pub shown: OccurrenceView,
    /// The first occurrence.
    pub first: OccurrenceView,
    /// Up to ten occurrences not yet ended, soonest first.
    pub occurrences: Vec<OccurrenceView>,
    /// Occurrences up to the calendar horizon.
    pub occurrence_count: usize,
    /// The sessions of a recurring event that have taken place, in order (none for a
    /// single event).
    pub past: Vec<OccurrenceView>,
    /// The sessions of a recurring event taken out with `exdates`, as date (and time)
    /// in words, in order.
    pub cancelled: Vec<String>,
    /// True for a recurring event.
    pub recurring: bool,
    /// True when every occurrence has ended at the build time.
    pub ended: bool,
    /// When the last occurrence ends (RFC 3339 in UTC).
    pub ends_at: String,
    /// Place.
    pub location: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// `{lat, lon}`.
    pub geo: Option<GeoView>,
    /// Link to a map (the venue's `map`, else from `[calendar] map_url`), when the
    /// place allows one.
    pub map_url: Option<String>,
    /// The venue page it names (`{title, url}`), if any.
    pub venue: Option<PlaceLink>,
    /// The organizer pages it names (`{title, url}`), in the order written.
    pub organizers: Vec<PlaceLink>,
    /// `scheduled`, `cancelled`, `postponed` or `rescheduled`.
    pub status: &'static str,
    /// Sign-up URL.
    pub registration: Option<String>,
    /// True while signing up makes sense: a registration link, not ended, not cancelled.
    pub registration_open: bool,
    /// Places.
    pub capacity: Option<u32>,
    /// URL for online attendance.
    pub online: Option<String>,
    /// `offline`, `online` or `mixed`.
    pub attendance_mode: &'static str,
    /// Organizer (the site title unless written).
    pub organizer: String,
    /// This event's own `.ics` (root-relative URL).
    pub ics: String,
    /// `webcal://` link to subscribe to the feed of the event's section.
    pub webcal: String,
    /// Google Calendar "add" link; none for a cancelled event, which nobody should add.
    pub google: Option<String>,
    /// True when the Google link adds every session (a single event, or a series its
    /// RRULE alone describes); false when it adds only [`EventView::link_session`],
    /// because the series has skipped sessions the link cannot carry.
    pub google_series: bool,
    /// Outlook.com "add" link; none for a cancelled event.
    pub outlook: Option<String>,
    /// True when the Outlook link adds every session: only for a single event, as
    /// Outlook's link carries no repetition.
    pub outlook_series: bool,
    /// The session a one-session link adds (the next one, else the last), in words.
    pub link_session: String,
    /// The schema.org `Event` object; write it with `json_encode`. None in list items
    /// (see [`super::values::PageValues`]).
    pub json_ld: Value,
}

/// A link to a venue or organizer page.
#[derive(Debug, Serialize)]
pub struct PlaceLink {
    /// Its title.
    pub title: String,
    /// Root-relative URL.
    pub url: String,
}

impl PlaceLink {
    /// The link to `page`.
    pub fn of(page: &Page) -> PlaceLink {
        PlaceLink {
            title: page.doc.title.clone(),
            url: page.url.clone(),
        }
    }
}

/// `{lat, lon}`.
#[derive(Debug, Serialize)]
pub struct GeoView {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// `page.training`.
#[derive(Debug, Serialize)]
pub struct TrainingView<'a> {
    /// Topic.
    pub topic: Option<&'a str>,
    /// Lecturer.
    pub lecturer: Option<&'a str>,
    /// Hours of teaching.
    pub hours: Option<f64>,
    /// The hours as text without a needless `.0` (`3`, `3.5`).
    pub hours_text: Option<String>,
    /// Who it is for.
    pub audience: Option<&'a str>,
}

impl<'a> TrainingView<'a> {
    /// The view of a validated training table.
    pub fn new(t: &'a Training) -> Self {
        TrainingView {
            topic: t.topic.as_deref(),
            lecturer: t.lecturer.as_deref(),
            hours: t.hours,
            hours_text: t.hours.map(|h| {
                if h.fract() == 0.0 {
                    format!("{h:.0}")
                } else {
                    h.to_string()
                }
            }),
            audience: t.audience.as_deref(),
        }
    }
}

/// An occurrence in the site language, e.g. `2018年9月15日（星期六）09:00–17:00`.
pub fn format_when(when: &When, lang: Lang) -> String {
    let sep = if lang == Lang::Zh { "" } else { ", " };
    match when {
        When::Timed { start, end } => {
            let day = lang.day(start.date(), true);
            let t0 = start.strftime("%H:%M").to_string();
            match end {
                None => format!("{day}{sep}{t0}"),
                Some(end) if end.date() == start.date() => {
                    format!("{day}{sep}{t0}–{}", end.strftime("%H:%M"))
                }
                Some(end) => format!(
                    "{day}{sep}{t0} – {}{sep}{}",
                    lang.day(end.date(), end.year() != start.year()),
                    end.strftime("%H:%M")
                ),
            }
        }
        When::AllDay { first, last } if first == last => lang.day(*first, true),
        When::AllDay { first, last } => format!(
            "{} – {}",
            lang.day(*first, true),
            lang.day(*last, last.year() != first.year())
        ),
    }
}

/// A start as written out (JSON-LD, the JSON API, the month list's `datetime`): RFC
/// 3339 with the offset for a timed occurrence, `YYYY-MM-DD` for a day.
pub fn start_text(when: &When) -> String {
    match when {
        When::Timed { start, .. } => rfc3339(start),
        When::AllDay { first, .. } => first.to_string(),
    }
}

/// The end as written out: RFC 3339, or the last day (inclusive) of an all-day
/// occurrence; `None` for a timed occurrence without an end.
pub fn end_text(when: &When) -> Option<String> {
    match when {
        When::Timed { end, .. } => end.as_ref().map(rfc3339),
        When::AllDay { last, .. } => Some(last.to_string()),
    }
}

/// The status of one session: its change's, `rescheduled` when a change moved it,
/// else the event's.
pub fn session_status(event: &Event, change: Option<&Change>) -> Status {
    match change {
        Some(Change {
            status: Some(s), ..
        }) => *s,
        Some(c) if c.moved && event.status == Status::Scheduled => Status::Rescheduled,
        _ => event.status,
    }
}

/// The view of one occurrence, with its `change` if it has one; `show_zone` appends
/// the event's zone to `display` (when it is not the site's).
pub fn occurrence_view(
    (when, change): (&When, Option<&Change>),
    event: &Event,
    now: Timestamp,
    lang: Lang,
    show_zone: bool,
) -> OccurrenceView {
    let ends_at = when.end_instant(&event.timezone);
    let mut display = format_when(when, lang);
    if show_zone && !when.is_all_day() {
        if lang == Lang::Zh {
            display.push_str(&format!("（{}时间）", event.timezone_name));
        } else {
            display.push_str(&format!(" ({} time)", event.timezone_name));
        }
    }
    OccurrenceView {
        start: start_text(when),
        end: end_text(when),
        ends_at: rfc3339_utc(ends_at),
        all_day: when.is_all_day(),
        ended: ends_at <= now,
        display,
        status: session_status(event, change).name(),
        note: change.and_then(|c| c.note.clone()),
        moved_from: change
            .filter(|c| c.moved)
            .map(|c| format_when(&c.original, lang)),
        location: change.and_then(|c| c.location.clone().or(c.address.clone())),
    }
}

/// The view of an event page's `[event]` (as shown: see `Site::event`); `places`
/// are the venue and organizer pages it names.
pub fn event_view(
    site: &Site,
    page: &Page,
    (event, places): (&Event, Option<&EventPlaces>),
    occ: Option<&PageOccurrences>,
    image: Option<&str>,
) -> EventView {
    let lang = Lang::of(&page.doc.lang);
    let now = site.now;
    let zone = event.zone_differs_from(&site.config.timezone_name);
    let first = occurrence_view((&event.when, None), event, now, lang, zone);
    let schedule = Schedule::of(event, occ, now, lang, zone);
    let (past, cancelled) = past_sessions(event, occ, now, lang, zone);
    // A one-session add link adds the session lists show: the next, else the last.
    let link_when = occ.and_then(|o| o.shown()).unwrap_or(&event.when);
    // The RRULE alone must be the whole series for Google's link to carry it.
    let google_series = event.recurrence.is_none()
        || (event.excluded.is_empty() && event.rdates.is_empty() && event.changes.is_empty());
    let organizer = event
        .organizer
        .clone()
        .unwrap_or_else(|| site.config.title.clone());
    let attendance_mode = attendance_mode(event);
    let (venue, organizers) = place_links(site, places);
    EventView {
        start: start_text(&event.when),
        end: end_text(&event.when),
        all_day: event.when.is_all_day(),
        timezone: event.timezone_name.clone(),
        timezone_differs: zone,
        shown: schedule.shown,
        first,
        occurrences: schedule.upcoming,
        occurrence_count: schedule.count,
        past,
        cancelled,
        recurring: event.recurrence.is_some() || !event.rdates.is_empty(),
        ended: schedule.ended,
        ends_at: rfc3339_utc(schedule.last_end),
        location: event.location.clone(),
        address: event.address.clone(),
        geo: event.geo.map(|g| GeoView {
            lat: g.lat,
            lon: g.lon,
        }),
        map_url: event_map_url(site, event, places),
        venue,
        organizers,
        status: event.status.name(),
        registration: event.registration.clone(),
        registration_open: event.registration.is_some()
            && !schedule.ended
            && !matches!(event.status, Status::Cancelled | Status::Postponed),
        capacity: event.capacity,
        online: event.online.clone(),
        attendance_mode,
        google: add_link(event, google_link(page, event, link_when, google_series)),
        google_series,
        outlook: add_link(event, outlook_link(page, event, link_when)),
        outlook_series: event.recurrence.is_none() && event.rdates.is_empty(),
        link_session: format_when(link_when, lang),
        json_ld: json_ld(
            site,
            page,
            event,
            places,
            (&organizer, attendance_mode),
            image,
        ),
        organizer,
        ics: ics::event_ics_url(page),
        webcal: webcal(site, page),
    }
}

/// Where an event stands among its occurrences at the build time.
struct Schedule {
    /// The occurrence lists show: the next, else the last.
    shown: OccurrenceView,
    /// The next sessions (at most 10), cancelled ones marked; none once all ended.
    upcoming: Vec<OccurrenceView>,
    /// Number of occurrences.
    count: usize,
    /// True once the last occurrence has ended.
    ended: bool,
    /// End of the last occurrence (the build time for a calendar without any).
    last_end: Timestamp,
}

impl Schedule {
    fn of(
        event: &Event,
        occ: Option<&PageOccurrences>,
        now: Timestamp,
        lang: Lang,
        zone: bool,
    ) -> Schedule {
        let Some(occ) = occ else {
            return Schedule {
                shown: occurrence_view((&event.when, None), event, now, lang, zone),
                upcoming: Vec::new(),
                count: 1,
                ended: event.when.end_instant(&event.timezone) <= now,
                last_end: event.when.end_instant(&event.timezone),
            };
        };
        let shown = occ.shown().unwrap_or(&event.when);
        let shown_change = occ
            .next
            .or(occ.all.len().checked_sub(1))
            .and_then(|i| change_at(event, occ, i));
        // Cancelled sessions stay in the list, marked.
        let upcoming = occ.next.map_or_else(Vec::new, |_| {
            (0..occ.all.len())
                .filter(|&j| occ.all[j].end_instant(&event.timezone) > now)
                .take(10)
                .map(|j| {
                    let change = change_at(event, occ, j);
                    occurrence_view((&occ.all[j], change), event, now, lang, zone)
                })
                .collect()
        });
        Schedule {
            shown: occurrence_view((shown, shown_change), event, now, lang, zone),
            upcoming,
            count: occ.all.len(),
            ended: occ.ended(),
            last_end: occ.last_end().unwrap_or(now),
        }
    }
}

/// `offline`, `online` or `mixed`.
fn attendance_mode(event: &Event) -> &'static str {
    match (&event.online, &event.location) {
        (Some(_), Some(_)) => "mixed",
        (Some(_), None) => "online",
        (None, _) => "offline",
    }
}

/// The venue page and organizer pages an event names, as links.
fn place_links(site: &Site, places: Option<&EventPlaces>) -> (Option<PlaceLink>, Vec<PlaceLink>) {
    let Some(places) = places else {
        return (None, Vec::new());
    };
    let venue = places.venue.map(|v| PlaceLink::of(&site.pages[v]));
    let organizers = places
        .organizers
        .iter()
        .map(|&o| PlaceLink::of(&site.pages[o]))
        .collect();
    (venue, organizers)
}

/// The map link of an event: its venue page's `map` when it has one, else made from
/// its place.
fn event_map_url(site: &Site, event: &Event, places: Option<&EventPlaces>) -> Option<String> {
    let venue_map = places
        .and_then(|p| p.venue)
        .and_then(|v| site.pages[v].doc.venue.as_ref())
        .and_then(|v| v.map.as_deref());
    map_url(
        site,
        venue_map,
        event.location.as_deref(),
        event.address.as_deref(),
        event.geo,
    )
}

/// The `webcal://` address of the calendar feed of the event's section (the site's
/// feed for an event directly under the home page).
fn webcal(site: &Site, page: &Page) -> String {
    let section_feed = page
        .parent
        .map(|p| format!("{}calendar.ics", site.pages[p].permalink))
        .filter(|_| page.parent.is_some_and(|p| site.pages[p].parent.is_some()))
        .unwrap_or_else(|| site.config.absolute_url("/calendar.ics"));
    section_feed
        .replacen("https://", "webcal://", 1)
        .replacen("http://", "webcal://", 1)
}

/// The change of the `i`th occurrence of `occ`.
fn change_at<'e>(event: &'e Event, occ: &PageOccurrences, i: usize) -> Option<&'e Change> {
    occ.changes
        .get(i)
        .copied()
        .flatten()
        .and_then(|c| event.changes.get(c))
}

/// What a recurring event's page lists of its history: the sessions that have ended,
/// and those taken out with `exdates` (shown as cancelled).
fn past_sessions(
    event: &Event,
    occ: Option<&PageOccurrences>,
    now: Timestamp,
    lang: Lang,
    zone: bool,
) -> (Vec<OccurrenceView>, Vec<String>) {
    let Some(occ) = occ.filter(|_| event.recurrence.is_some() || !event.rdates.is_empty()) else {
        return (Vec::new(), Vec::new());
    };
    let ended = occ.next.unwrap_or(occ.all.len());
    let past = (0..ended)
        .filter(|&i| occ.all[i].end_instant(&event.timezone) <= now)
        .map(|i| {
            occurrence_view(
                (&occ.all[i], change_at(event, occ, i)),
                event,
                now,
                lang,
                zone,
            )
        })
        .collect();
    let cancelled = event
        .excluded
        .iter()
        .map(|x| match x {
            Excluded::AllDay(d) => lang.day(*d, true),
            Excluded::Timed(dt) => {
                let sep = if lang == Lang::Zh { "" } else { ", " };
                format!("{}{sep}{}", lang.day(dt.date(), true), dt.strftime("%H:%M"))
            }
        })
        .collect();
    (past, cancelled)
}

/// The map link of a place: its venue's own `map`, else `[calendar] map_url` filled
/// in, when the place has what that template needs.
pub fn map_url(
    site: &Site,
    own: Option<&str>,
    location: Option<&str>,
    address: Option<&str>,
    geo: Option<Geo>,
) -> Option<String> {
    if let Some(own) = own {
        return Some(own.to_string());
    }
    let template = site.config.calendar.map_url.as_ref()?;
    let needs_geo = template.contains("{lat}") || template.contains("{lon}");
    if needs_geo && geo.is_none() {
        return None;
    }
    if template.contains("{address}") && address.is_none() && location.is_none() {
        return None;
    }
    let name = location.or(address).unwrap_or_default();
    let mut url = template
        .replace("{name}", &percent_encode(name, false))
        .replace(
            "{address}",
            &percent_encode(address.or(location).unwrap_or(""), false),
        );
    if let Some(g) = geo {
        url = url
            .replace("{lat}", &g.lat.to_string())
            .replace("{lon}", &g.lon.to_string());
    }
    Some(url)
}

fn utc_compact(ts: Timestamp) -> String {
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn place_text(event: &Event) -> String {
    match (&event.location, &event.address) {
        (Some(l), Some(a)) => format!("{l}, {a}"),
        (Some(l), None) => l.clone(),
        (None, Some(a)) => a.clone(),
        (None, None) => event.online.clone().unwrap_or_default(),
    }
}

/// An add link, unless the event is cancelled: adding it would only mislead.
fn add_link(event: &Event, link: String) -> Option<String> {
    (event.status != Status::Cancelled).then_some(link)
}

/// Google Calendar's "add" link. With `series`, it adds the whole series with its
/// RRULE (`recur`); otherwise only the session `when`. Why not EXDATE: the `recur`
/// parameter is undocumented, and what is known of it is that it takes one RRULE
/// (or RDATE) property; a link that drops the skipped sessions silently would offer
/// visitors sessions that do not take place, so such a series adds one session and
/// the page points to the `.ics` for the rest.
fn google_link(page: &Page, event: &Event, when: &When, series: bool) -> String {
    let when = if series { &event.when } else { when };
    let dates = match when {
        When::AllDay { first, last } => format!(
            "{}/{}",
            first.strftime("%Y%m%d"),
            last.tomorrow().unwrap_or(*last).strftime("%Y%m%d")
        ),
        w => format!(
            "{}/{}",
            utc_compact(w.start_instant(&event.timezone)),
            utc_compact(w.end_instant(&event.timezone))
        ),
    };
    let mut url = format!(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}&dates={dates}&ctz={}&location={}&details={}",
        percent_encode(&page.doc.title, false),
        percent_encode(&event.timezone_name, false),
        percent_encode(&place_text(event), false),
        percent_encode(&page.permalink, false),
    );
    if let Some(rec) = event.recurrence.as_ref().filter(|_| series) {
        let until = rec
            .until_instant
            .map(utc_compact)
            .or_else(|| rec.until_date.map(|d| d.strftime("%Y%m%d").to_string()));
        url.push_str(&format!(
            "&recur={}",
            percent_encode(
                &format!("RRULE:{}", rec.rule.to_ics(until.as_deref())),
                false
            )
        ));
    }
    url
}

/// Outlook.com's "add" link: one session (`when`), as the link cannot carry a
/// repetition.
fn outlook_link(page: &Page, event: &Event, when: &When) -> String {
    let (start, end, all_day) = match when {
        When::AllDay { first, last } => (
            first.to_string(),
            last.tomorrow().unwrap_or(*last).to_string(),
            "true",
        ),
        w => (
            rfc3339_utc(w.start_instant(&event.timezone)),
            rfc3339_utc(w.end_instant(&event.timezone)),
            "false",
        ),
    };
    format!(
        "https://outlook.live.com/calendar/0/action/compose?rru=addevent&subject={}&startdt={}&enddt={}&allday={all_day}&location={}&body={}",
        percent_encode(&page.doc.title, false),
        percent_encode(&start, false),
        percent_encode(&end, false),
        percent_encode(&place_text(event), false),
        percent_encode(&page.permalink, false),
    )
}

/// The schema.org `Event` object. Timed events carry both dates with offsets; an
/// all-day event has a date `startDate` and a `duration` instead of `endDate`,
/// because schema.org's end day is inclusive while iCalendar's DTEND is exclusive,
/// and the two must not disagree.
/// `image` is the absolute URL of the cover's share copy.
fn json_ld(
    site: &Site,
    page: &Page,
    event: &Event,
    places: Option<&EventPlaces>,
    (organizer, mode): (&str, &str),
    image: Option<&str>,
) -> Value {
    let event_type = if page.doc.training.is_some() || page.kind == crate::content::Kind::Training {
        "EducationEvent"
    } else {
        "Event"
    };
    let status = match event.status {
        Status::Scheduled => "EventScheduled",
        Status::Cancelled => "EventCancelled",
        Status::Postponed => "EventPostponed",
        Status::Rescheduled => "EventRescheduled",
    };
    let mode_url = match mode {
        "online" => "https://schema.org/OnlineEventAttendanceMode",
        "mixed" => "https://schema.org/MixedEventAttendanceMode",
        _ => "https://schema.org/OfflineEventAttendanceMode",
    };
    let description = page
        .doc
        .description
        .clone()
        .unwrap_or_else(|| page.content.text.chars().take(200).collect());
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": event_type,
        "name": page.doc.title,
        "description": description,
        "url": page.permalink,
        "eventStatus": format!("https://schema.org/{status}"),
        "eventAttendanceMode": mode_url,
        "location": location_ld(site, event, places, (organizer, mode)),
        "organizer": organizers_ld(site, places, organizer),
        "inLanguage": page.doc.lang,
    });
    dates_ld(&mut ld, event);
    if let Some(image) = image {
        ld["image"] = json!([image]);
    }
    if let Some(capacity) = event.capacity {
        ld["maximumAttendeeCapacity"] = json!(capacity);
    }
    if event.recurrence.is_some() {
        ld["eventSchedule"] = schedule_ld(event);
    }
    let changed: Vec<Value> = event
        .changes
        .iter()
        .map(|c| changed_session(page, event, c))
        .collect();
    if !changed.is_empty() {
        ld["subEvent"] = json!(changed);
    }
    ld
}

/// The schema.org `location`: the place (its venue page as `url`), the online
/// address, or both.
fn location_ld(
    site: &Site,
    event: &Event,
    places: Option<&EventPlaces>,
    (organizer, mode): (&str, &str),
) -> Value {
    let place = || {
        let name = event
            .location
            .clone()
            .or(event.address.clone())
            .unwrap_or_else(|| organizer.to_string());
        let mut place = json!({
            "@type": "Place",
            "name": name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.address.clone().unwrap_or_else(|| name.clone()),
            },
        });
        if let Some(g) = event.geo {
            place["geo"] =
                json!({"@type": "GeoCoordinates", "latitude": g.lat, "longitude": g.lon});
        }
        if let Some(v) = places.and_then(|p| p.venue) {
            place["url"] = json!(site.pages[v].permalink);
        }
        place
    };
    match (&event.online, mode) {
        (Some(url), "online") => json!({"@type": "VirtualLocation", "url": url}),
        (Some(url), _) => json!([place(), {"@type": "VirtualLocation", "url": url}]),
        (None, _) => place(),
    }
}

/// `startDate` and `endDate` (timed) or `duration` (all-day) of the first session as
/// it takes place: a change may have moved it.
fn dates_ld(ld: &mut Value, event: &Event) {
    let first = event
        .changes
        .iter()
        .find(|c| c.original == event.when)
        .map_or(&event.when, |c| &c.when);
    match first {
        When::Timed { start, end } => {
            ld["startDate"] = json!(rfc3339(start));
            if let Some(end) = end {
                ld["endDate"] = json!(rfc3339(end));
            }
        }
        When::AllDay { first, last } => {
            ld["startDate"] = json!(first.to_string());
            let days = first.until(*last).map(|s| s.get_days() + 1).unwrap_or(1);
            ld["duration"] = json!(format!("P{days}D"));
        }
    }
}

/// The schema.org `Schedule` of a recurring event (`Null` for one that is not).
fn schedule_ld(event: &Event) -> Value {
    let Some(rec) = &event.recurrence else {
        return Value::Null;
    };
    let freq = match rec.rule.freq {
        Freq::Daily => "D",
        Freq::Weekly => "W",
        Freq::Monthly => "M",
        Freq::Yearly => "Y",
    };
    let mut schedule = json!({
        "@type": "Schedule",
        "repeatFrequency": format!("P{}{freq}", rec.rule.interval),
        "startDate": event.when.first_day().to_string(),
        "scheduleTimezone": event.timezone_name,
    });
    if let Some(count) = rec.rule.count {
        schedule["repeatCount"] = json!(count);
    }
    if let Some(until) = rec.until_date.or(rec
        .until_instant
        .map(|t| t.to_zoned_datetime(event.timezone.clone()).date()))
    {
        schedule["endDate"] = json!(until.to_string());
    }
    if let When::Timed { start, end } = &event.when {
        schedule["startTime"] = json!(start.strftime("%H:%M:%S").to_string());
        if let Some(end) = end {
            schedule["endTime"] = json!(end.strftime("%H:%M:%S").to_string());
        }
    }
    schedule
}

/// The schema.org `organizer`: each organizer page as an `Organization` (its own
/// web site as `url`, else its page), or the written name with the site's address.
fn organizers_ld(site: &Site, places: Option<&EventPlaces>, written: &str) -> Value {
    let pages: &[usize] = places.map_or(&[], |p| p.organizers.as_slice());
    let org = |&o: &usize| {
        let page = &site.pages[o];
        let table = page.doc.organizer.clone().unwrap_or_default();
        let mut ld = json!({
            "@type": "Organization",
            "name": page.doc.title,
            "url": table.url.unwrap_or_else(|| page.permalink.clone()),
        });
        if let Some(email) = table.email {
            ld["email"] = json!(email);
        }
        if let Some(phone) = table.phone {
            ld["telephone"] = json!(phone);
        }
        ld
    };
    match pages {
        [] => {
            json!({"@type": "Organization", "name": written, "url": site.config.absolute_url("/")})
        }
        [one] => org(one),
        many => Value::Array(many.iter().map(org).collect()),
    }
}

/// A changed occurrence as a schema.org `subEvent`: its time (and the one it was
/// moved from), status, place and note.
fn changed_session(page: &Page, event: &Event, change: &Change) -> Value {
    let status = match session_status(event, Some(change)) {
        Status::Scheduled => "EventScheduled",
        Status::Cancelled => "EventCancelled",
        Status::Postponed => "EventPostponed",
        Status::Rescheduled => "EventRescheduled",
    };
    let mut ld = json!({
        "@type": "Event",
        "name": page.doc.title,
        "url": page.permalink,
        "eventStatus": format!("https://schema.org/{status}"),
        "startDate": start_text(&change.when),
    });
    if let (When::Timed { .. }, Some(end)) = (&change.when, end_text(&change.when)) {
        ld["endDate"] = json!(end);
    }
    if change.moved {
        ld["previousStartDate"] = json!(start_text(&change.original));
    }
    if let Some(note) = &change.note {
        ld["description"] = json!(note);
    }
    if change.location.is_some() || change.address.is_some() {
        let name = change.location.clone().or(change.address.clone());
        ld["location"] = json!({
            "@type": "Place",
            "name": name,
            "address": {"@type": "PostalAddress", "streetAddress": change.address.clone().or(name.clone())},
        });
        if let Some(g) = change.geo {
            ld["location"]["geo"] =
                json!({"@type": "GeoCoordinates", "latitude": g.lat, "longitude": g.lon});
        }
    }
    ld
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn chinese_dates_and_ranges() {
        let z = |s: &str| -> jiff::ZonedDateTime { s.parse().unwrap() };
        let timed = When::Timed {
            start: z("2018-09-15T09:00:00+08:00[Asia/Shanghai]"),
            end: Some(z("2018-09-15T17:00:00+08:00[Asia/Shanghai]")),
        };
        assert_eq!(
            format_when(&timed, Lang::Zh),
            "2018年9月15日（星期六）09:00–17:00"
        );
        assert_eq!(
            format_when(&timed, Lang::En),
            "Saturday, 15 September 2018, 09:00–17:00"
        );
        let night = When::Timed {
            start: z("2018-12-31T22:00:00+08:00[Asia/Shanghai]"),
            end: Some(z("2019-01-01T02:00:00+08:00[Asia/Shanghai]")),
        };
        assert_eq!(
            format_when(&night, Lang::Zh),
            "2018年12月31日（星期一）22:00 – 2019年1月1日（星期二）02:00"
        );
        let days = When::AllDay {
            first: date(2018, 5, 19),
            last: date(2018, 5, 26),
        };
        assert_eq!(
            format_when(&days, Lang::Zh),
            "2018年5月19日（星期六） – 5月26日（星期六）"
        );
    }
}
