//! Partner calendars: the `.ics` files of `data/calendars/` (a partner's feed, saved
//! by hand or fetched by CI), each `VEVENT` turned into kepu's own validated [`Event`]
//! so that the same expansion as for the site's events gives its occurrences: `RRULE`,
//! `EXDATE`, `RDATE`, overrides (`RECURRENCE-ID`, moved or `STATUS:CANCELLED`) and
//! `TZID` zones.
//!
//! Part of the `content` stage: one file in, one [`PartnerCalendar`] out, knowing
//! nothing of the site's pages. The calendar is named by its `X-WR-CALNAME`, else by
//! its file name. Nothing in a partner's file stops the build: a line or an event
//! kepu cannot read is a warning naming the file and the line, and is left out;
//! a file whose components do not nest is left out whole, with a warning.

use std::path::PathBuf;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, Timestamp, ToSpan};

use super::event::Event;
use super::event_changes::Change;
use super::fields::Geo;
use super::ical::{self, Component, Property};
use super::occurrence::{Excluded, Recurrence, Status, When, excluded_key, resolve_until};
use super::recurrence::Rule;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::source::SourceFile;

/// The folder of partner calendars inside `data/`.
pub const DIR: &str = "calendars/";

/// One partner's calendar.
#[derive(Debug, Clone)]
pub struct PartnerCalendar {
    /// The partner's name: `X-WR-CALNAME`, else the file name without `.ics`.
    pub name: String,
    /// The file, relative to the site root, for messages.
    pub file: PathBuf,
    /// Its events, in the order of the file.
    pub events: Vec<PartnerEvent>,
}

/// One event of a partner's calendar.
#[derive(Debug, Clone)]
pub struct PartnerEvent {
    /// Its `UID`.
    pub uid: String,
    /// Its `SUMMARY`.
    pub title: String,
    /// Its `URL`: where the partner describes it.
    pub url: Option<String>,
    /// Its `DESCRIPTION`.
    pub description: Option<String>,
    /// When, where and how it repeats, as kepu's own events are.
    pub event: Event,
    /// The `VEVENT` and its overrides as written (unfolded lines), for re-export.
    pub lines: Vec<String>,
}

/// Whether a data file is a partner calendar (`calendars/*.ics`).
pub fn is_partner_file(file: &SourceFile) -> bool {
    let rel = file.rel.to_string_lossy().replace('\\', "/");
    rel.starts_with(DIR)
        && rel
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("ics"))
}

/// Reads one partner calendar; problems go to `diags` as warnings. `None` when the
/// file cannot be read at all.
pub fn read(
    file: &SourceFile,
    config: &Config,
    diags: &mut Diagnostics,
) -> Option<PartnerCalendar> {
    let warn = |line: usize, why: Msg| {
        Diagnostic::warning(
            &file.display,
            line,
            1,
            Msg::PartnerCalendarLine { why: Box::new(why) },
        )
        .with_help(Msg::PartnerCalendarHelp)
    };
    let text = match file.origin.read().map(String::from_utf8) {
        Ok(Ok(text)) => text,
        _ => {
            diags.push(warn(1, Msg::IcalNotUtf8));
            return None;
        }
    };
    let (top, problems) = match ical::parse(&text) {
        Ok(parsed) => parsed,
        Err(p) => {
            diags.push(
                Diagnostic::warning(
                    &file.display,
                    p.line,
                    1,
                    Msg::PartnerCalendarUnread {
                        why: Box::new(p.what),
                    },
                )
                .with_help(Msg::PartnerCalendarHelp),
            );
            return None;
        }
    };
    for p in problems {
        diags.push(warn(p.line, p.what));
    }
    let Some(calendar) = top.iter().find(|c| c.name == "VCALENDAR") else {
        diags.push(warn(1, Msg::IcalNoCalendar));
        return None;
    };
    let stem = file
        .rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = calendar
        .get("X-WR-CALNAME")
        .map(|p| ical::unescape(&p.value).trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or(stem);
    // Floating times are in the calendar's zone, else the site's.
    let zone = calendar
        .get("X-WR-TIMEZONE")
        .and_then(|p| zone_named(p.value.trim()))
        .unwrap_or_else(|| (config.timezone.clone(), config.timezone_name.clone()));
    let vevents: Vec<&Component> = calendar
        .children
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    let mut events = Vec::new();
    for master in vevents.iter().filter(|c| c.get("RECURRENCE-ID").is_none()) {
        let uid = master.get("UID").map(|p| p.value.trim().to_string());
        let overrides: Vec<&Component> = vevents
            .iter()
            .filter(|c| {
                c.get("RECURRENCE-ID").is_some()
                    && c.get("UID").map(|p| p.value.trim()) == uid.as_deref()
            })
            .copied()
            .collect();
        match partner_event(master, &overrides, &zone) {
            Ok(e) => events.push(e),
            Err((line, why)) => diags.push(
                Diagnostic::warning(
                    &file.display,
                    line,
                    1,
                    Msg::PartnerEventLeftOut { why: Box::new(why) },
                )
                .with_help(Msg::PartnerCalendarHelp),
            ),
        }
    }
    Some(PartnerCalendar {
        name,
        file: file.display.clone(),
        events,
    })
}

type Bad = (usize, Msg);

/// A zone by its IANA name; a `TZID` with a prefix (`/mozilla.org/…/Europe/Berlin`)
/// by its last two or three parts.
fn zone_named(name: &str) -> Option<(TimeZone, String)> {
    let name = name.trim().trim_matches('"');
    if let Ok(tz) = TimeZone::get(name) {
        return Some((tz, name.to_string()));
    }
    let parts: Vec<&str> = name.split('/').collect();
    (1..parts.len()).find_map(|k| {
        let tail = parts[k..].join("/");
        TimeZone::get(&tail).ok().map(|tz| (tz, tail))
    })
}

/// A DATE or DATE-TIME value.
#[derive(Debug, Clone, Copy)]
enum Stamp {
    Day(Date),
    Local(DateTime),
    Utc(Timestamp),
}

fn stamp(value: &str) -> Option<Stamp> {
    let v = value.trim();
    let num = |s: &str| s.parse::<i32>().ok();
    let date = |s: &str| -> Option<Date> {
        if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Date::new(
            num(&s[..4])? as i16,
            num(&s[4..6])? as i8,
            num(&s[6..8])? as i8,
        )
        .ok()
    };
    match v.len() {
        8 => date(v).map(Stamp::Day),
        15 | 16 => {
            let (d, t) = v.split_once(['T', 't'])?;
            let (t, utc) = match t.strip_suffix(['Z', 'z']) {
                Some(t) => (t, true),
                None => (t, false),
            };
            if t.len() != 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let time = jiff::civil::Time::new(
                num(&t[..2])? as i8,
                num(&t[2..4])? as i8,
                // A leap second (60) is read as 59.
                (num(&t[4..6])?.min(59)) as i8,
                0,
            )
            .ok()?;
            let dt = date(d)?.to_datetime(time);
            if utc {
                TimeZone::UTC.to_timestamp(dt).ok().map(Stamp::Utc)
            } else {
                Some(Stamp::Local(dt))
            }
        }
        _ => None,
    }
}

/// The zone of a date-time property: its `TZID`, else UTC for a `Z` value, else the
/// calendar's (`floating`).
fn zone_of(p: &Property, floating: &(TimeZone, String)) -> Result<(TimeZone, String), Bad> {
    match p.param("TZID") {
        Some(name) => zone_named(name).ok_or_else(|| {
            (
                p.line,
                Msg::IcalUnknownZone {
                    zone: name.to_string(),
                },
            )
        }),
        None if p.value.trim().ends_with(['Z', 'z']) => Ok((TimeZone::UTC, "UTC".to_string())),
        None => Ok(floating.clone()),
    }
}

/// Every value of a property (comma-separated lists) as stamps.
fn stamps(p: &Property) -> Result<Vec<Stamp>, Bad> {
    p.value
        .split(',')
        .map(|v| {
            stamp(v).ok_or_else(|| {
                (
                    p.line,
                    Msg::IcalBadDate {
                        value: v.to_string(),
                    },
                )
            })
        })
        .collect()
}

/// A stamp as a wall-clock time in `tz` (a local stamp is in `its`, its own zone).
fn local_in(s: Stamp, its: &TimeZone, tz: &TimeZone) -> Option<DateTime> {
    let ts = match s {
        Stamp::Day(d) => return Some(d.to_datetime(jiff::civil::Time::midnight())),
        Stamp::Local(dt) => its.to_timestamp(dt).ok()?,
        Stamp::Utc(ts) => ts,
    };
    Some(ts.to_zoned_datetime(tz.clone()).datetime())
}

/// `DURATION`: `P1D`, `PT1H30M`, `P2W`, `-PT15M`.
fn duration(value: &str) -> Option<Span> {
    let v = value.trim();
    let (negative, v) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v.strip_prefix('+').unwrap_or(v)),
    };
    let mut span: Span = v.parse().ok()?;
    if negative {
        span = span.negate();
    }
    Some(span)
}

/// The length of an occurrence: for timed events an exact duration, for days a
/// number of days beyond the first.
enum Length {
    Exact(Option<SignedDuration>),
    Days(i64),
}

/// One VEVENT series (master and overrides) of a partner feed as a partner event.
fn partner_event(
    master: &Component,
    overrides: &[&Component],
    floating: &(TimeZone, String),
) -> Result<PartnerEvent, Bad> {
    let (uid, title) = identity(master)?;
    let start_p = master
        .get("DTSTART")
        .ok_or((master.line, Msg::IcalNoStart))?;
    let (tz, tz_name) = zone_of(start_p, floating)?;
    let start = *stamps(start_p)?
        .first()
        .ok_or((start_p.line, Msg::IcalNoStart))?;
    let (when, length) = first_when(master, start, &tz, floating)?;
    let recurrence = recurrence_of(master, &when, &tz)?;
    let series = Series {
        when: &when,
        length: &length,
        tz: &tz,
        floating,
    };
    let excluded = series.excluded(master)?;
    let rdates = series.rdates(master)?;
    let changes = overrides
        .iter()
        .map(|o| series.change(o))
        .collect::<Result<Vec<_>, Bad>>()?;
    let event = Event {
        when,
        timezone: tz,
        timezone_name: tz_name,
        location: master.get("LOCATION").map(|p| ical::unescape(&p.value)),
        address: None,
        geo: geo_of(master),
        organizer: None,
        organizers: Vec::new(),
        venue: None,
        registration: None,
        capacity: None,
        status: status_of(master),
        recurrence,
        excluded,
        rdates,
        changes,
        online: None,
    };
    Ok(PartnerEvent {
        uid,
        title,
        url: master
            .get("URL")
            .map(|p| p.value.trim().to_string())
            .filter(|u| !u.is_empty()),
        description: master
            .get("DESCRIPTION")
            .map(|p| ical::unescape(&p.value).trim().to_string())
            .filter(|d| !d.is_empty()),
        event,
        lines: source_lines(master, overrides),
    })
}

/// The UID and SUMMARY a partner event must have, trimmed and unescaped.
fn identity(master: &Component) -> Result<(String, String), Bad> {
    let line = master.line;
    let uid = master
        .get("UID")
        .map(|p| p.value.trim().to_string())
        .filter(|u| !u.is_empty())
        .ok_or((line, Msg::IcalNoUid))?;
    let title = master
        .get("SUMMARY")
        .map(|p| ical::unescape(&p.value).trim().to_string())
        .filter(|t| !t.is_empty())
        .ok_or((line, Msg::IcalNoSummary))?;
    Ok((uid, title))
}

/// The series' RRULE, parsed, with its UNTIL resolved against the first occurrence.
fn recurrence_of(
    master: &Component,
    when: &When,
    tz: &TimeZone,
) -> Result<Option<Recurrence>, Bad> {
    match master.get("RRULE") {
        Some(p) => match Rule::parse(p.value.trim()) {
            Ok(rule) => Ok(Some(resolve_until(rule, when, tz))),
            Err(e) => Err((
                p.line,
                Msg::IcalBadRule {
                    why: Box::new(e.message),
                },
            )),
        },
        None => Ok(None),
    }
}

/// The error for a date property whose value names no occurrence.
fn bad_date(p: &Property) -> Bad {
    (
        p.line,
        Msg::IcalBadDate {
            value: p.value.clone(),
        },
    )
}

/// What the dates of a series' exceptions are read against: its first
/// occurrence, its length, its zone and the feed's floating zone.
struct Series<'a> {
    when: &'a When,
    length: &'a Length,
    tz: &'a TimeZone,
    floating: &'a (TimeZone, String),
}

impl Series<'_> {
    /// A date or date-time of property `p` as the key of the occurrence it names.
    fn key(&self, s: Stamp, p: &Property) -> Result<Excluded, Bad> {
        let (its, _) = zone_of(p, self.floating)?;
        match (self.when, s) {
            (When::AllDay { .. }, Stamp::Day(d)) => Ok(Excluded::AllDay(d)),
            (When::AllDay { .. }, other) => local_in(other, &its, self.tz)
                .map(|dt| Excluded::AllDay(dt.date()))
                .ok_or_else(|| bad_date(p)),
            // A date removes the occurrence of that day at the series' time.
            (When::Timed { start, .. }, Stamp::Day(d)) => {
                Ok(Excluded::Timed(d.to_datetime(start.time())))
            }
            (When::Timed { .. }, other) => local_in(other, &its, self.tz)
                .map(Excluded::Timed)
                .ok_or_else(|| bad_date(p)),
        }
    }

    /// The occurrences the series' EXDATE properties remove.
    fn excluded(&self, master: &Component) -> Result<Vec<Excluded>, Bad> {
        let mut excluded = Vec::new();
        for p in master.all("EXDATE") {
            for s in stamps(p)? {
                excluded.push(self.key(s, p)?);
            }
        }
        Ok(excluded)
    }

    /// The occurrences the series' RDATE properties add, each with the series' length.
    fn rdates(&self, master: &Component) -> Result<Vec<When>, Bad> {
        let mut rdates = Vec::new();
        for p in master.all("RDATE") {
            if p.param("VALUE")
                .is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"))
            {
                return Err((p.line, Msg::IcalPeriod));
            }
            for s in stamps(p)? {
                let k = self.key(s, p)?;
                rdates.push(at(&k, self.length, self.tz).ok_or_else(|| bad_date(p))?);
            }
        }
        Ok(rdates)
    }

    /// One override (a VEVENT with RECURRENCE-ID) as a change to the occurrence it names.
    fn change(&self, o: &Component) -> Result<Change, Bad> {
        let rid = o.get("RECURRENCE-ID").ok_or((o.line, Msg::IcalNoStart))?;
        let rid_stamp = *stamps(rid)?.first().ok_or((rid.line, Msg::IcalNoStart))?;
        let occurrence = self.key(rid_stamp, rid)?;
        let original = at(&occurrence, self.length, self.tz).ok_or_else(|| bad_date(rid))?;
        let new_when = match o.get("DTSTART") {
            Some(p) => self.moved_to(o, p)?,
            None => original.clone(),
        };
        let cancelled = o
            .get("STATUS")
            .is_some_and(|p| p.value.trim().eq_ignore_ascii_case("CANCELLED"));
        let location = o.get("LOCATION").map(|p| ical::unescape(&p.value));
        Ok(Change {
            occurrence,
            moved: new_when != original,
            original,
            when: new_when,
            location,
            address: None,
            venue: None,
            geo: None,
            status: cancelled.then_some(Status::Cancelled),
            note: None,
        })
    }

    /// Where override `o` with DTSTART `p` moves its occurrence to.
    fn moved_to(&self, o: &Component, p: &Property) -> Result<When, Bad> {
        let (its, _) = zone_of(p, self.floating)?;
        let s = *stamps(p)?.first().ok_or((p.line, Msg::IcalNoStart))?;
        // The override's start in the series' zone, with its own end.
        let s = match s {
            Stamp::Day(d) => Stamp::Day(d),
            other => Stamp::Local(local_in(other, &its, self.tz).ok_or_else(|| bad_date(p))?),
        };
        let (w, _) = first_when(o, s, self.tz, self.floating)?;
        Ok(if o.get("DTEND").is_none() && o.get("DURATION").is_none() {
            // Without DTEND or DURATION, the series' length.
            let k = excluded_key(&w);
            at(&k, self.length, self.tz).unwrap_or(w)
        } else {
            w
        })
    }
}

/// The series' STATUS: cancelled, or else scheduled.
fn status_of(master: &Component) -> Status {
    match master
        .get("STATUS")
        .map(|p| p.value.trim().to_ascii_uppercase())
    {
        Some(s) if s == "CANCELLED" => Status::Cancelled,
        _ => Status::Scheduled,
    }
}

/// The series' GEO as latitude and longitude, if it parses.
fn geo_of(master: &Component) -> Option<Geo> {
    master.get("GEO").and_then(|p| {
        let (lat, lon) = p.value.split_once([';', ','])?;
        Some(Geo {
            lat: lat.trim().parse().ok()?,
            lon: lon.trim().parse().ok()?,
        })
    })
}

/// The master and its overrides as VEVENT content lines, kept to write the event back out.
fn source_lines(master: &Component, overrides: &[&Component]) -> Vec<String> {
    let mut lines = Vec::new();
    for c in std::iter::once(&master).chain(overrides) {
        lines.push("BEGIN:VEVENT".to_string());
        for p in &c.properties {
            lines.push(written(p));
        }
        lines.push("END:VEVENT".to_string());
    }
    lines
}

/// A property as a content line again (unfolded; the writer folds it).
fn written(p: &Property) -> String {
    let mut s = p.name.clone();
    for (name, value) in &p.params {
        // A zone by the IANA name the VTIMEZONE kepu writes for it.
        let zone = (name == "TZID").then(|| zone_named(value)).flatten();
        let value = zone.as_ref().map_or(value, |(_, n)| n);
        if value.contains([':', ';', ',']) {
            s.push_str(&format!(";{name}=\"{value}\""));
        } else {
            s.push_str(&format!(";{name}={value}"));
        }
    }
    s.push(':');
    s.push_str(&p.value);
    s
}

/// The occurrence starting at `key` with the series' length.
fn at(key: &Excluded, length: &Length, tz: &TimeZone) -> Option<When> {
    match (key, length) {
        (Excluded::AllDay(d), Length::Days(n)) => Some(When::AllDay {
            first: *d,
            last: d.checked_add(n.days()).ok()?,
        }),
        (Excluded::Timed(dt), Length::Exact(len)) => {
            let start = tz.to_zoned_datetime(*dt).ok()?;
            let end = match len {
                Some(l) => Some(
                    start
                        .timestamp()
                        .checked_add(*l)
                        .ok()?
                        .to_zoned_datetime(tz.clone()),
                ),
                None => None,
            };
            Some(When::Timed { start, end })
        }
        _ => None,
    }
}

/// The first occurrence of a `VEVENT` (or override) starting at `start`, and its
/// length, from `DTEND` (exclusive for days) or `DURATION`.
fn first_when(
    c: &Component,
    start: Stamp,
    tz: &TimeZone,
    floating: &(TimeZone, String),
) -> Result<(When, Length), Bad> {
    let end_p = c.get("DTEND");
    let dur_p = c.get("DURATION");
    match start {
        Stamp::Day(first) => {
            let mut days = 0;
            if let Some(p) = end_p {
                if let Some(Stamp::Day(end)) = stamps(p)?.first().copied() {
                    days = (first.until(end).map(|s| s.get_days() as i64).unwrap_or(1) - 1).max(0);
                }
            } else if let Some(p) = dur_p {
                let span = duration(&p.value).ok_or((
                    p.line,
                    Msg::IcalBadDate {
                        value: p.value.clone(),
                    },
                ))?;
                let total = span.get_weeks() as i64 * 7 + span.get_days() as i64;
                days = (total - 1).max(0);
            }
            let last = first
                .checked_add(days.days())
                .map_err(|_| (c.line, Msg::IcalNoStart))?;
            Ok((When::AllDay { first, last }, Length::Days(days)))
        }
        other => {
            // The caller gives a local start already in `tz`.
            let dt = local_in(other, tz, tz).ok_or((c.line, Msg::IcalNoStart))?;
            let start = tz
                .to_zoned_datetime(dt)
                .map_err(|_| (c.line, Msg::IcalNoStart))?;
            let mut end = None;
            if let Some(p) = end_p {
                let (end_zone, _) = zone_of(p, floating)?;
                let s = *stamps(p)?.first().ok_or((p.line, Msg::IcalNoStart))?;
                let ts = match s {
                    Stamp::Utc(ts) => ts,
                    Stamp::Local(dt) => end_zone.to_timestamp(dt).map_err(|_| {
                        (
                            p.line,
                            Msg::IcalBadDate {
                                value: p.value.clone(),
                            },
                        )
                    })?,
                    Stamp::Day(d) => tz
                        .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
                        .map_err(|_| {
                            (
                                p.line,
                                Msg::IcalBadDate {
                                    value: p.value.clone(),
                                },
                            )
                        })?,
                };
                end = Some(ts.to_zoned_datetime(tz.clone()));
            } else if let Some(p) = dur_p {
                let span = duration(&p.value).ok_or((
                    p.line,
                    Msg::IcalBadDate {
                        value: p.value.clone(),
                    },
                ))?;
                end = start.checked_add(span).ok();
            }
            let length = end.as_ref().map(|e| start.duration_until(e));
            Ok((When::Timed { start, end }, Length::Exact(length)))
        }
    }
}
