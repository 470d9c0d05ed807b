//! The Events Calendar's events in a WordPress export → kepu's `[event]` table.
//! TEC stores `_EventStartDate`/`_EventEndDate` as local wall time in `_EventTimezone`
//! (an IANA name, or a fixed offset such as `UTC+8`); all-day events end at 23:59:59
//! of their last day. Venues (`tribe_venue`) and organizers (`tribe_organizer`) are
//! items of their own, found by `_EventVenueID`/`_EventOrganizerID`; kepu writes them
//! as the event's `location`/`address`/`geo`/`organizer` text.

use std::collections::HashMap;

use jiff::civil::DateTime;

use super::front::{Front, quote};
use super::wxr::Item;
use crate::diag::Msg;

/// A problem in an event's meta, at the byte offset of the value.
#[derive(Debug)]
pub struct MetaError {
    /// Byte offset of the bad value in the export.
    pub at: u64,
    /// What is wrong.
    pub message: Msg,
}

/// Venues and organizers by post id.
#[derive(Debug, Default)]
pub struct Places<'a> {
    /// `tribe_venue` items.
    pub venues: HashMap<u64, &'a Item>,
    /// `tribe_organizer` items.
    pub organizers: HashMap<u64, &'a Item>,
}

/// Parses WordPress's `YYYY-MM-DD HH:MM:SS`.
pub fn parse_wp_datetime(text: &str) -> Option<DateTime> {
    DateTime::strptime("%Y-%m-%d %H:%M:%S", text.trim()).ok()
}

/// Adds `[event]` (and cost, organizer contacts in `[extra]`) for a `tribe_events` item.
pub fn event(item: &Item, places: &Places<'_>, front: &mut Front) -> Result<(), MetaError> {
    let start = meta_datetime(item, "_EventStartDate")?;
    let end = match item.meta("_EventEndDate") {
        Some(_) => Some(meta_datetime(item, "_EventEndDate")?),
        None => None,
    };
    let all_day = item
        .meta("_EventAllDay")
        .is_some_and(|v| matches!(v, "yes" | "1" | "true"));
    if all_day {
        front.in_table("event", "start", &start.date().to_string());
        if let Some(end) = end.filter(|e| e.date() > start.date()) {
            front.in_table("event", "end", &end.date().to_string());
        }
    } else {
        times(item, start, end, front);
    }
    place(item, places, front);
    if let Some(url) = item.meta("_EventURL").filter(|u| u.starts_with("http")) {
        front.in_table("event", "registration", &quote(url));
    }
    if let Some(cost) = item.meta("_EventCost") {
        let symbol = item.meta("_EventCurrencySymbol").unwrap_or("");
        let cost = if cost.chars().all(|c| c.is_ascii_digit() || c == '.') {
            format!("{symbol}{cost}")
        } else {
            cost.to_string()
        };
        front.in_table("extra", "cost", &quote(&cost));
    }
    Ok(())
}

fn meta_datetime(item: &Item, key: &str) -> Result<DateTime, MetaError> {
    let value = item.meta(key).unwrap_or("");
    parse_wp_datetime(value).ok_or_else(|| MetaError {
        at: item.meta_at(key),
        message: if value.is_empty() {
            Msg::ImportEventLacks {
                title: item.title.clone(),
                key: key.to_string(),
            }
        } else {
            Msg::ImportNotDateTime {
                key: key.to_string(),
                value: value.to_string(),
            }
        },
    })
}

/// Start and end of a timed event: wall times with `timezone`, or with a fixed offset
/// when TEC was given one (`UTC+8`, `UTC-5:30`).
fn times(item: &Item, start: DateTime, end: Option<DateTime>, front: &mut Front) {
    let zone = item.meta("_EventTimezone").unwrap_or("");
    let offset = fixed_offset(zone);
    let write = |dt: DateTime| match &offset {
        Some(off) => format!("{}{off}", dt.strftime("%Y-%m-%dT%H:%M:%S")),
        None => dt.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
    };
    front.in_table("event", "start", &write(start));
    if let Some(end) = end.filter(|e| *e > start) {
        front.in_table("event", "end", &write(end));
    }
    if offset.is_none() && !zone.is_empty() && jiff::tz::TimeZone::get(zone).is_ok() {
        front.in_table("event", "timezone", &quote(zone));
    }
}

/// `UTC+8` → `+08:00`, `UTC-5:30` → `-05:30`, `UTC` → `+00:00`; `None` for IANA names.
fn fixed_offset(zone: &str) -> Option<String> {
    let rest = zone.strip_prefix("UTC")?;
    if rest.is_empty() {
        return Some("+00:00".to_string());
    }
    let (sign, rest) = rest.split_at(1);
    if sign != "+" && sign != "-" {
        return None;
    }
    let (h, m) = match rest.split_once([':', '.']) {
        Some((h, "5")) => (h, "30"),
        Some((h, "75")) => (h, "45"),
        Some((h, m)) => (h, m),
        None => (rest, "0"),
    };
    let h: u8 = h.parse().ok()?;
    let m: u8 = m.parse().ok()?;
    Some(format!("{sign}{h:02}:{m:02}"))
}

/// Venue and organizer text from their items.
fn place(item: &Item, places: &Places<'_>, front: &mut Front) {
    let id = |key: &str| item.meta(key).and_then(|v| v.parse::<u64>().ok());
    if let Some(venue) = id("_EventVenueID").and_then(|v| places.venues.get(&v)) {
        front.in_table("event", "location", &quote(&venue.title));
        let address = address(venue);
        if !address.is_empty() {
            front.in_table("event", "address", &quote(&address));
        }
        let coord = |k: &str| venue.meta(k).and_then(|v| v.parse::<f64>().ok());
        if let (Some(lat), Some(lng)) = (coord("_VenueLat"), coord("_VenueLng"))
            && (-90.0..=90.0).contains(&lat)
            && (-180.0..=180.0).contains(&lng)
        {
            front.in_table("event", "geo", &format!("[{lat}, {lng}]"));
        }
    }
    let organizers: Vec<&Item> = item
        .meta
        .iter()
        .filter(|m| m.0 == "_EventOrganizerID")
        .filter_map(|m| m.1.trim().parse::<u64>().ok())
        .filter_map(|id| places.organizers.get(&id).copied())
        .collect();
    if let Some(first) = organizers.first() {
        let names: Vec<&str> = organizers.iter().map(|o| o.title.as_str()).collect();
        front.in_table("event", "organizer", &quote(&names.join(", ")));
        for (meta, key) in [
            ("_OrganizerPhone", "organizer_phone"),
            ("_OrganizerEmail", "organizer_email"),
            ("_OrganizerWebsite", "organizer_url"),
        ] {
            if let Some(value) = first.meta(meta) {
                front.in_table("extra", key, &quote(value));
            }
        }
    }
}

/// A venue's address: Chinese order (province, city, street) when it is written in
/// Chinese, else street, city, state and zip, country.
fn address(venue: &Item) -> String {
    let get = |k: &str| venue.meta(k).unwrap_or("").to_string();
    let state = ["_VenueStateProvince", "_VenueProvince", "_VenueState"]
        .iter()
        .map(|k| get(k))
        .find(|s| !s.is_empty())
        .unwrap_or_default();
    let street = get("_VenueAddress");
    let city = get("_VenueCity");
    if street.chars().any(crate::text::is_han) {
        let mut out = String::new();
        for part in [&state, &city] {
            if !street.contains(part.as_str()) {
                out.push_str(part);
            }
        }
        return out + &street;
    }
    let region = [state, get("_VenueZip")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    [street, city, region, get("_VenueCountry")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_offsets() {
        assert_eq!(fixed_offset("UTC+8").as_deref(), Some("+08:00"));
        assert_eq!(fixed_offset("UTC-5:30").as_deref(), Some("-05:30"));
        assert_eq!(fixed_offset("UTC+5.5").as_deref(), Some("+05:30"));
        assert_eq!(fixed_offset("Asia/Shanghai"), None);
    }
}
