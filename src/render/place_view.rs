//! What templates see of a venue or organizer page (`page.venue`, `page.organizer`):
//! its details with the map link made, and its own calendar feed. The events there
//! or by them are `page.upcoming` and `page.past`, added when the page is rendered.
//!
//! Part of the theme contract (see `docs/templates.md`), built once per page from
//! the validated `[venue]` / `[organizer]` table and `site::places`.

use serde::Serialize;

use super::event_view::{GeoView, map_url};
use crate::site::Site;

/// `page.venue`.
#[derive(Debug, Serialize)]
pub struct VenueView {
    /// Postal address.
    pub address: Option<String>,
    /// `{lat, lon}`.
    pub geo: Option<GeoView>,
    /// Link to a map: its own `map`, else from `[calendar] map_url`.
    pub map_url: Option<String>,
    /// Places.
    pub capacity: Option<u32>,
    /// Access without steps, hearing loops…
    pub accessibility: Option<String>,
    /// Public transport.
    pub transit: Option<String>,
    /// Its calendar feed (`calendar.ics` beside the page), root-relative.
    pub ics: String,
    /// The same feed as a `webcal://` link, to subscribe.
    pub webcal: String,
    /// Number of events there.
    pub event_count: usize,
}

/// `page.organizer`.
#[derive(Debug, Serialize)]
pub struct OrganizerView {
    /// Web site.
    pub url: Option<String>,
    /// Telephone.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Root-relative URL of the logo.
    pub logo: Option<String>,
    /// Its calendar feed (`calendar.ics` beside the page), root-relative.
    pub ics: String,
    /// The same feed as a `webcal://` link, to subscribe.
    pub webcal: String,
    /// Number of events by them.
    pub event_count: usize,
}

/// The root-relative URL of the calendar feed of venue or organizer page `i`.
pub fn feed_url(site: &Site, i: usize) -> String {
    format!("{}calendar.ics", site.pages[i].url)
}

/// The `webcal://` link of that feed.
fn webcal(site: &Site, i: usize) -> String {
    format!("{}calendar.ics", site.pages[i].permalink)
        .replacen("https://", "webcal://", 1)
        .replacen("http://", "webcal://", 1)
}

fn event_count(site: &Site, i: usize) -> usize {
    site.places.hosted.get(&i).map_or(0, Vec::len)
}

/// The view of venue page `i`.
pub fn venue_view(site: &Site, i: usize) -> VenueView {
    let page = &site.pages[i];
    let table = page.doc.venue.clone().unwrap_or_default();
    VenueView {
        map_url: map_url(
            site,
            table.map.as_deref(),
            Some(page.doc.title.as_str()),
            table.address.as_deref(),
            table.geo,
        ),
        address: table.address,
        geo: table.geo.map(|g| GeoView {
            lat: g.lat,
            lon: g.lon,
        }),
        capacity: table.capacity,
        accessibility: table.accessibility,
        transit: table.transit,
        ics: feed_url(site, i),
        webcal: webcal(site, i),
        event_count: event_count(site, i),
    }
}

/// The view of organizer page `i`.
pub fn organizer_view(site: &Site, i: usize) -> OrganizerView {
    let table = site.pages[i].doc.organizer.clone().unwrap_or_default();
    OrganizerView {
        url: table.url,
        phone: table.phone,
        email: table.email,
        logo: site.places.logos.get(&i).cloned(),
        ics: feed_url(site, i),
        webcal: webcal(site, i),
        event_count: event_count(site, i),
    }
}
