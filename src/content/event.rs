//! The `[event]` and `[training]` tables: read with serde into raw types that keep
//! each field's position, then validated once into [`Event`] and [`Training`].
//!
//! Part of the `content` stage. The front-matter text is deserialized a second time
//! into [`RawTables`] so that every error points at the field's own line (through
//! [`TomlOrigin`] with the front matter's line offset). After this module, nothing
//! parses an event's strings again: times are zoned, the rule is a typed
//! [`Rule`], exdates are resolved to the occurrences they remove, URLs are checked.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

pub use super::event_changes::Change;
use super::event_changes::{self, RawChange};
pub use super::fields::Geo;
use super::fields::{geo_field, url_field};
pub use super::occurrence::{Excluded, Recurrence, Status, When};
use super::occurrence::{Series, excluded_key, read_datetime, resolve_until};
use super::place::{PageRef, venue_ref};
use super::recurrence::Rule;
use crate::diag::{Diagnostics, Msg};
use crate::toml_diag::TomlOrigin;

/// The event tables of a front matter, as written. Other fields are ignored here:
/// the main front-matter parse checks them.
#[derive(Debug, Deserialize)]
pub struct RawTables {
    /// `[event]`.
    #[serde(default)]
    pub event: Option<RawEvent>,
    /// `[training]`.
    #[serde(default)]
    pub training: Option<RawTraining>,
}

/// `[event]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    start: Spanned<Datetime>,
    #[serde(default)]
    end: Option<Spanned<Datetime>>,
    #[serde(default)]
    timezone: Option<Spanned<String>>,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    address: Option<String>,
    #[serde(default)]
    geo: Option<Spanned<Vec<f64>>>,
    #[serde(default)]
    organizer: Option<Spanned<toml::Value>>,
    #[serde(default)]
    venue: Option<Spanned<String>>,
    #[serde(default)]
    registration: Option<Spanned<String>>,
    #[serde(default)]
    capacity: Option<u32>,
    #[serde(default)]
    status: Option<Spanned<String>>,
    #[serde(default)]
    recurrence: Option<Spanned<String>>,
    #[serde(default)]
    exdates: Vec<Spanned<Datetime>>,
    #[serde(default)]
    rdates: Vec<Spanned<Datetime>>,
    #[serde(default)]
    changes: Vec<RawChange>,
    #[serde(default)]
    online: Option<Spanned<String>>,
}

/// `[training]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTraining {
    #[serde(default)]
    topic: Option<String>,
    #[serde(default)]
    lecturer: Option<String>,
    #[serde(default)]
    hours: Option<Spanned<f64>>,
    #[serde(default)]
    audience: Option<String>,
}

/// A validated `[event]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The first occurrence.
    pub when: When,
    /// The event's zone.
    pub timezone: TimeZone,
    /// Its IANA name (`Asia/Shanghai`).
    pub timezone_name: String,
    /// Where.
    pub location: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// Coordinates.
    pub geo: Option<Geo>,
    /// Who organises it, as free text (`None`: the site, or the organizer pages).
    pub organizer: Option<String>,
    /// The organizer pages it names (`organizer = "@/organizers/x.md"` or a list).
    pub organizers: Vec<PageRef>,
    /// The venue page it names (`venue = "@/venues/x.md"`).
    pub venue: Option<PageRef>,
    /// Sign-up URL.
    pub registration: Option<String>,
    /// Places.
    pub capacity: Option<u32>,
    /// Status.
    pub status: Status,
    /// Recurrence, if any.
    pub recurrence: Option<Recurrence>,
    /// Occurrences removed by `exdates`, each matching an occurrence of the rule.
    pub excluded: Vec<Excluded>,
    /// Extra occurrences (`rdates`), each as long as the first.
    pub rdates: Vec<When>,
    /// Occurrences that differ from the rule (`[[event.changes]]`).
    pub changes: Vec<Change>,
    /// URL for online attendance.
    pub online: Option<String>,
}

/// A validated `[training]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Training {
    /// Topic.
    pub topic: Option<String>,
    /// Lecturer.
    pub lecturer: Option<String>,
    /// Hours of teaching.
    pub hours: Option<f64>,
    /// Who it is for.
    pub audience: Option<String>,
}

/// One session of an event as it takes place: changed or not.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// When it takes place (moved, if a change moved it).
    pub when: When,
    /// The change of this occurrence (index in [`Event::changes`]), if any.
    pub change: Option<usize>,
}

impl Event {
    /// Every occurrence starting no later than `limit` (all of them when the rule has
    /// COUNT or UNTIL), rdates added, exdates removed, in order, at their original
    /// times.
    pub fn occurrences(&self, limit: Timestamp) -> Vec<When> {
        self.series()
            .occurrences(Some(limit))
            .into_iter()
            .filter(|w| !self.excluded.contains(&excluded_key(w)))
            .collect()
    }

    /// The sessions as they take place: [`Event::occurrences`] with each change
    /// applied (a moved one at its new time, a cancelled one kept and marked), in
    /// order of their start.
    pub fn sessions(&self, limit: Timestamp) -> Vec<Session> {
        let mut sessions: Vec<Session> = self
            .occurrences(limit)
            .into_iter()
            .map(|when| {
                let key = excluded_key(&when);
                match self.changes.iter().position(|c| c.occurrence == key) {
                    Some(i) => Session {
                        when: self.changes[i].when.clone(),
                        change: Some(i),
                    },
                    None => Session { when, change: None },
                }
            })
            .collect();
        sessions.sort_by_cached_key(|s| s.when.start_instant(&self.timezone));
        sessions
    }

    /// The occurrences its first one, rule and rdates give, before exdates.
    pub fn series(&self) -> Series<'_> {
        Series {
            when: &self.when,
            timezone: &self.timezone,
            recurrence: self.recurrence.as_ref(),
            rdates: &self.rdates,
        }
    }

    /// The offset of the zone at the first occurrence differs from the site's, or the
    /// zone is another one: worth showing to visitors.
    pub fn zone_differs_from(&self, site_zone: &str) -> bool {
        self.timezone_name != site_zone
    }
}

/// Validates the event tables of a front matter. Returns `None` for each table that
/// is missing or has errors (which go to `diags`); warnings also go to `diags`.
pub fn parse(
    origin: &TomlOrigin<'_>,
    site_tz: &TimeZone,
    site_tz_name: &str,
    diags: &mut Diagnostics,
) -> (Option<Event>, Option<Training>) {
    let raw: RawTables = match toml::from_str(origin.text) {
        Ok(raw) => raw,
        Err(e) => {
            diags.push(origin.diagnostic(&e));
            return (None, None);
        }
    };
    let event = raw
        .event
        .and_then(|e| validate_event(e, origin, site_tz, site_tz_name, diags));
    let training = raw
        .training
        .and_then(|t| validate_training(t, origin, diags));
    (event, training)
}

fn validate_training(
    raw: RawTraining,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<Training> {
    let hours = match raw.hours {
        Some(h) if !(*h.get_ref() > 0.0 && h.get_ref().is_finite()) => {
            diags.push(
                origin
                    .error_at(h.span().start, Msg::HoursNotPositive)
                    .with_help(Msg::HoursHelp),
            );
            return None;
        }
        h => h.map(|h| *h.get_ref()),
    };
    let text = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Some(Training {
        topic: text(raw.topic),
        lecturer: text(raw.lecturer),
        hours,
        audience: text(raw.audience),
    })
}

/// The fields of `[event]` checked one by one, before the extra dates, exdates and
/// changes, which need the first occurrence, the zone and the rule.
struct Checked {
    timezone: TimeZone,
    timezone_name: String,
    when: When,
    status: Status,
    registration: Option<String>,
    online: Option<String>,
    geo: Option<Geo>,
    recurrence: Option<Recurrence>,
    venue: Option<PageRef>,
    organizer: Option<String>,
    organizers: Vec<PageRef>,
}

/// Checks zone, times, status, URLs, place and rule; `None` when any has an error.
fn check_fields(
    raw: &RawEvent,
    origin: &TomlOrigin<'_>,
    site_tz: &TimeZone,
    site_tz_name: &str,
    diags: &mut Diagnostics,
) -> Option<Checked> {
    let errors_before = diags.error_count();
    let (timezone, timezone_name) = event_timezone(raw, origin, site_tz, site_tz_name, diags)?;
    let when = event_when(raw, &timezone, origin, diags)?;
    let signup = "https://example.org/signup";
    let checked = Checked {
        status: event_status(raw, origin, diags),
        registration: url_field(&raw.registration, "registration", signup, origin, diags),
        online: url_field(&raw.online, "online", signup, origin, diags),
        geo: geo_field(&raw.geo, origin, diags),
        recurrence: event_recurrence(raw, &when, &timezone, origin, diags),
        venue: venue_ref(&raw.venue, "venue", origin, diags),
        organizer: None,
        organizers: Vec::new(),
        timezone,
        timezone_name,
        when,
    };
    let (organizer, organizers) = event_organizers(raw, origin, diags);
    (diags.error_count() == errors_before).then_some(Checked {
        organizer,
        organizers,
        ..checked
    })
}

/// Validates `[event]`: its fields, then the extra dates, exdates and changes that
/// need them. `None` when a field has an error (an error in the extra dates,
/// exdates or changes is reported, and leaves them out).
fn validate_event(
    raw: RawEvent,
    origin: &TomlOrigin<'_>,
    site_tz: &TimeZone,
    site_tz_name: &str,
    diags: &mut Diagnostics,
) -> Option<Event> {
    let c = check_fields(&raw, origin, site_tz, site_tz_name, diags)?;
    let rdates = event_changes::rdates(&c.when, &c.timezone, &raw.rdates, origin, diags);
    let series = Series {
        when: &c.when,
        timezone: &c.timezone,
        recurrence: c.recurrence.as_ref(),
        rdates: &rdates,
    };
    let excluded = resolve_exdates(&series, &raw.exdates, origin, diags);
    let changes = event_changes::changes(&series, &excluded, raw.changes, origin, diags);
    Some(Event {
        when: c.when,
        timezone: c.timezone,
        timezone_name: c.timezone_name,
        location: raw.location.filter(|s| !s.trim().is_empty()),
        address: raw.address.filter(|s| !s.trim().is_empty()),
        geo: c.geo,
        organizer: c.organizer,
        organizers: c.organizers,
        venue: c.venue,
        registration: c.registration,
        capacity: raw.capacity,
        status: c.status,
        recurrence: c.recurrence,
        excluded,
        rdates,
        changes,
        online: c.online,
    })
}

/// `organizer`: free text (`"东莞市科协"`), one page (`"@/organizers/x.md"`) or a list
/// of pages. Returns the text and the pages.
fn event_organizers(
    raw: &RawEvent,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> (Option<String>, Vec<PageRef>) {
    let Some(value) = &raw.organizer else {
        return (None, Vec::new());
    };
    let at = value.span().start;
    let refs = match value.get_ref() {
        toml::Value::String(s) => {
            return match PageRef::read(s, at, origin) {
                Some(r) => (None, vec![r]),
                None => (
                    Some(s.trim().to_string()).filter(|s| !s.is_empty()),
                    Vec::new(),
                ),
            };
        }
        toml::Value::Array(items) => organizer_list(items, value, origin, diags),
        _ => None,
    };
    if refs.is_none() {
        let wrong = origin.error_at(at, Msg::OrganizerWrongType);
        diags.push(wrong.with_help(Msg::OrganizerHelp));
    }
    (None, refs.unwrap_or_default())
}

/// `organizer = ["@/organizers/a.md", …]`: the pages; an item that is not a page's
/// path is reported at its own place; `None` when an item is not text.
fn organizer_list(
    items: &[toml::Value],
    value: &Spanned<toml::Value>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<Vec<PageRef>> {
    let at = value.span().start;
    // Each item's place: the next quoted copy of it inside the list's text.
    let list_text = origin.text.get(value.span()).unwrap_or("");
    let mut from = 0;
    let mut refs = Vec::new();
    for item in items {
        let toml::Value::String(s) = item else {
            return None;
        };
        let offset = match list_text[from..].find(s.as_str()) {
            Some(i) => {
                from += i + s.len();
                at + from - s.len() - 1
            }
            None => at,
        };
        match PageRef::read(s, offset, origin) {
            Some(r) => refs.push(r),
            None => diags.push(
                origin
                    .error_at(offset, Msg::OrganizerItemNotPath { item: s.clone() })
                    .with_help(Msg::OrganizerListHelp),
            ),
        }
    }
    Some(refs)
}

/// The event's zone and its name: `timezone` if written, else the site's.
fn event_timezone(
    raw: &RawEvent,
    origin: &TomlOrigin<'_>,
    site_tz: &TimeZone,
    site_tz_name: &str,
    diags: &mut Diagnostics,
) -> Option<(TimeZone, String)> {
    let Some(name) = &raw.timezone else {
        return Some((site_tz.clone(), site_tz_name.to_string()));
    };
    match TimeZone::get(name.get_ref().trim()) {
        Ok(tz) => Some((tz, name.get_ref().trim().to_string())),
        Err(_) => {
            diags.push(
                origin
                    .error_at(
                        name.span().start,
                        Msg::UnknownTimeZone {
                            name: name.get_ref().clone(),
                        },
                    )
                    .with_help(Msg::EventTimeZoneHelp),
            );
            None
        }
    }
}

/// `start` and `end` read in the event's zone: `Ok` a zoned time, `Err` a bare date
/// (all day); the end with its offset in the front matter.
type StartEnd = (
    Result<ZonedDateTime, Date>,
    Option<(Result<ZonedDateTime, Date>, usize)>,
);

/// Reads `start` and `end` (see [`StartEnd`]); `None` when either cannot be read.
fn read_start_end(
    raw: &RawEvent,
    timezone: &TimeZone,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<StartEnd> {
    let start = read_datetime(raw.start.get_ref(), timezone).map_err(|message| {
        let problem = Msg::StartUnreadable {
            detail: Box::new(message),
        };
        let at = raw.start.span().start;
        diags.push(origin.error_at(at, problem).with_help(Msg::StartHelp));
    });
    let start = start.ok()?;
    let Some(end) = &raw.end else {
        return Some((start, None));
    };
    match read_datetime(end.get_ref(), timezone) {
        Ok(e) => Some((start, Some((e, end.span().start)))),
        Err(message) => {
            let problem = Msg::EndUnreadable {
                detail: Box::new(message),
            };
            diags.push(
                origin
                    .error_at(end.span().start, problem)
                    .with_help(Msg::EndHelp),
            );
            None
        }
    }
}

/// When the event takes place, shown in its zone. An end before the start, or a date
/// with a date-time, is reported and the end dropped, so the other fields are still
/// checked (the event is dropped at the end).
fn event_when(
    raw: &RawEvent,
    timezone: &TimeZone,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<When> {
    let when = match read_start_end(raw, timezone, origin, diags)? {
        (Ok(start), None) => When::Timed { start, end: None },
        (Err(first), None) => When::AllDay { first, last: first },
        (Ok(start), Some((Ok(end), at))) => timed(start, end, at, timezone, origin, diags),
        (Err(first), Some((Err(last), at))) => all_day(first, last, at, origin, diags),
        (start, Some((_, at))) => {
            diags.push(
                origin
                    .error_at(at, Msg::StartEndMixed)
                    .with_help(Msg::StartEndMixedHelp),
            );
            match start {
                Ok(start) => When::Timed { start, end: None },
                Err(first) => When::AllDay { first, last: first },
            }
        }
    };
    // An offset date-time is an instant: show it in the event's zone.
    Some(match when {
        When::Timed { start, end } => When::Timed {
            start: start.with_time_zone(timezone.clone()),
            end,
        },
        w => w,
    })
}

/// A timed event from `start` to `end` (written at offset `at`).
fn timed(
    start: ZonedDateTime,
    end: ZonedDateTime,
    at: usize,
    timezone: &TimeZone,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> When {
    if end.timestamp() < start.timestamp() {
        diags.push(
            origin
                .error_at(
                    at,
                    Msg::EventEndsBeforeStart {
                        end: end.datetime().to_string(),
                        start: start.datetime().to_string(),
                    },
                )
                .with_help(Msg::EventEndHelp),
        );
        When::Timed { start, end: None }
    } else {
        When::Timed {
            start,
            end: Some(end.with_time_zone(timezone.clone())),
        }
    }
}

/// An all-day event from `first` to `last` (written at offset `at`), both inclusive.
fn all_day(
    first: Date,
    last: Date,
    at: usize,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> When {
    if last < first {
        diags.push(
            origin
                .error_at(
                    at,
                    Msg::EventEndsBeforeStart {
                        end: last.to_string(),
                        start: first.to_string(),
                    },
                )
                .with_help(Msg::AllDayEndHelp),
        );
        When::AllDay { first, last: first }
    } else {
        When::AllDay { first, last }
    }
}

/// `status`, scheduled when not written (or unknown, which is reported).
fn event_status(raw: &RawEvent, origin: &TomlOrigin<'_>, diags: &mut Diagnostics) -> Status {
    let Some(s) = &raw.status else {
        return Status::Scheduled;
    };
    Status::from_name(s.get_ref()).unwrap_or_else(|| {
        diags.push(
            origin
                .error_at(
                    s.span().start,
                    Msg::UnknownStatus {
                        status: s.get_ref().clone(),
                    },
                )
                .with_help(Msg::StatusHelp),
        );
        Status::Scheduled
    })
}

/// `recurrence`, parsed, with its UNTIL resolved for this event; a warning when the
/// start is not a day the rule gives.
fn event_recurrence(
    raw: &RawEvent,
    when: &When,
    timezone: &TimeZone,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<Recurrence> {
    let r = raw.recurrence.as_ref()?;
    // The value's text starts after the opening quote.
    let value_start = r.span().start + 1;
    let recurrence = match Rule::parse(r.get_ref()) {
        Ok(rule) => resolve_until(rule, when, timezone),
        Err(e) => {
            let problem = Msg::RecurrenceUnreadable {
                detail: Box::new(e.message),
            };
            let error = origin.error_at(value_start + e.offset, problem);
            diags.push(error.with_help(Msg::RecurrenceHelp));
            return None;
        }
    };
    if !recurrence.rule.matches(when.first_day(), when.first_day()) {
        let problem = Msg::StartNotInRule {
            start: when.first_day().to_string(),
            rule: r.get_ref().clone(),
        };
        let warning = origin.warning_at(r.span().start, problem);
        diags.push(warning.with_help(Msg::StartNotInRuleHelp));
    }
    Some(recurrence)
}

/// Matches each exdate with an occurrence of the series: a date removes the
/// occurrence on that day (for timed events too), a date-time the one starting then.
/// An exdate that matches nothing is a warning.
fn resolve_exdates(
    series: &Series<'_>,
    exdates: &[Spanned<Datetime>],
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Vec<Excluded> {
    let mut out = Vec::new();
    for exdate in exdates {
        let at = exdate.span().start;
        let wanted = match read_datetime(exdate.get_ref(), series.timezone) {
            Ok(w) => w,
            Err(message) => {
                let problem = Msg::ExdateUnreadable {
                    detail: Box::new(message),
                };
                diags.push(origin.error_at(at, problem).with_help(Msg::ExdatesHelp));
                continue;
            }
        };
        match series.find(&wanted) {
            Some(w) => out.push(excluded_key(&w)),
            None => diags.push(exdate_matches_nothing(series, exdate, origin)),
        }
    }
    out
}

/// The warning for an exdate that matches no occurrence of `series`.
fn exdate_matches_nothing(
    series: &Series<'_>,
    exdate: &Spanned<Datetime>,
    origin: &TomlOrigin<'_>,
) -> crate::diag::Diagnostic {
    let what = if series.repeats() {
        Msg::NoOccurrenceOfRule
    } else {
        Msg::NoOccurrenceNoRecurrence
    };
    let problem = Msg::ExdateMatchesNothing {
        exdate: exdate.get_ref().to_string(),
        what: Box::new(what),
    };
    origin
        .warning_at(exdate.span().start, problem)
        .with_help(Msg::ExdateMatchesNothingHelp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn event(toml_text: &str) -> (Option<Event>, Diagnostics) {
        let origin = TomlOrigin {
            path: Path::new("content/events/a.md"),
            text: toml_text,
            line_offset: 1,
        };
        let tz = TimeZone::get("Asia/Shanghai").unwrap();
        let mut diags = Diagnostics::new();
        let (e, _) = parse(&origin, &tz, "Asia/Shanghai", &mut diags);
        (e, diags)
    }

    fn first_message(diags: &Diagnostics) -> String {
        diags
            .iter()
            .next()
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    fn far() -> Timestamp {
        "2030-01-01T00:00:00Z".parse().unwrap()
    }

    #[test]
    fn timed_event_in_the_site_zone() {
        let (e, d) = event(
            "title = \"a\"\n[event]\nstart = 2018-09-15T09:00:00\nend = 2018-09-15T17:00:00\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let e = e.unwrap();
        assert_eq!(
            e.when.start_instant(&e.timezone).to_string(),
            "2018-09-15T01:00:00Z"
        );
        assert_eq!(e.status, Status::Scheduled);
    }

    #[test]
    fn errors_point_at_the_field() {
        let cases = [
            (
                "start = 2018-09-15T09:00:00\nend = 2018-09-15T08:00:00\n",
                "content/events/a.md:5:7: the event ends",
            ),
            (
                "start = 2018-09-15\ntimezone = \"Asia/Beijing\"\n",
                "content/events/a.md:5:12: unknown time zone \"Asia/Beijing\"",
            ),
            (
                "start = 2018-09-15\nstatus = \"maybe\"\n",
                "content/events/a.md:5:10: unknown status \"maybe\"",
            ),
            (
                "start = 2018-09-15\nregistration = \"www.a.org\"\n",
                "content/events/a.md:5:16: `registration` \"www.a.org\" is not a web address",
            ),
            (
                "start = 2018-09-15\nrecurrence = \"FREQ=WEEKLY;BYDAY=XX\"\n",
                "content/events/a.md:5:27: `recurrence`: BYDAY=XX",
            ),
            (
                "start = 2018-09-15\nend = 2018-09-16T10:00:00\n",
                "content/events/a.md:5:7: `start` and `end` must both",
            ),
            (
                "start = 2018-09-15\nstat = 1\n",
                "content/events/a.md:5:1: unknown field `stat`",
            ),
        ];
        for (body, expected) in cases {
            let (e, d) = event(&format!("title = \"a\"\n[event]\n{body}"));
            assert!(e.is_none(), "{body}");
            let got = first_message(&d);
            assert!(got.starts_with(expected), "{body}\n got: {got}");
            assert!(got.contains("\n  help: "), "{got}");
        }
    }

    #[test]
    fn exdate_date_removes_a_timed_occurrence() {
        let (e, d) = event(
            "[event]\nstart = 2018-10-06T09:00:00\nrecurrence = \"FREQ=WEEKLY;COUNT=3\"\nexdates = [2018-10-13]\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let days: Vec<String> = e
            .unwrap()
            .occurrences(far())
            .iter()
            .map(|w| w.first_day().to_string())
            .collect();
        assert_eq!(days, ["2018-10-06", "2018-10-20"]);
    }

    #[test]
    fn exdate_matching_nothing_warns() {
        let (e, d) = event(
            "[event]\nstart = 2018-10-06T09:00:00\nrecurrence = \"FREQ=WEEKLY;COUNT=3\"\nexdates = [2018-10-14, 2018-10-13T10:00:00]\n",
        );
        assert!(e.is_some());
        assert_eq!(d.warning_count(), 2);
        assert!(first_message(&d).starts_with(
            "content/events/a.md:5:12: warning: the exdate 2018-10-14 matches no occurrence"
        ));
    }

    #[test]
    fn date_until_on_a_timed_event_includes_that_day() {
        let (e, _) = event(
            "[event]\nstart = 2018-10-06T09:00:00\nrecurrence = \"FREQ=WEEKLY;UNTIL=20181020\"\n",
        );
        assert_eq!(e.unwrap().occurrences(far()).len(), 3);
    }

    #[test]
    fn berlin_keeps_wall_clock_time_across_dst() {
        let (e, d) = event(
            "[event]\nstart = 2018-10-20T10:00:00\nend = 2018-10-20T12:00:00\ntimezone = \"Europe/Berlin\"\nrecurrence = \"FREQ=WEEKLY;COUNT=3\"\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let occ = e.unwrap().occurrences(far());
        let spans: Vec<String> = occ
            .iter()
            .map(|w| {
                format!(
                    "{} {}",
                    w.start_instant(&TimeZone::UTC),
                    w.end_instant(&TimeZone::UTC)
                )
            })
            .collect();
        assert_eq!(
            spans,
            [
                "2018-10-20T08:00:00Z 2018-10-20T10:00:00Z",
                "2018-10-27T08:00:00Z 2018-10-27T10:00:00Z",
                "2018-11-03T09:00:00Z 2018-11-03T11:00:00Z",
            ]
        );
        let (e, _) = event(
            "[event]\nstart = 2018-10-27T10:00:00\ntimezone = \"Europe/Berlin\"\nrecurrence = \"FREQ=DAILY;COUNT=2\"\n",
        );
        let occ = e.unwrap().occurrences(far());
        assert_eq!(
            occ[0].start_instant(&TimeZone::UTC).to_string(),
            "2018-10-27T08:00:00Z"
        );
        assert_eq!(
            occ[1].start_instant(&TimeZone::UTC).to_string(),
            "2018-10-28T09:00:00Z"
        );
    }

    #[test]
    fn all_day_ranges_recur_with_their_length() {
        let (e, _) = event(
            "[event]\nstart = 2018-05-30\nend = 2018-06-02\nrecurrence = \"FREQ=MONTHLY;COUNT=2\"\n",
        );
        let occ = e.unwrap().occurrences(far());
        assert_eq!(
            occ[1],
            When::AllDay {
                first: jiff::civil::date(2018, 6, 30),
                last: jiff::civil::date(2018, 7, 3)
            }
        );
    }

    #[test]
    fn unbounded_rules_stop_at_the_limit() {
        let (e, _) = event("[event]\nstart = 2018-01-06T09:00:00\nrecurrence = \"FREQ=WEEKLY\"\n");
        let limit: Timestamp = "2018-02-01T00:00:00Z".parse().unwrap();
        assert_eq!(e.unwrap().occurrences(limit).len(), 4);
    }

    #[test]
    fn over_midnight_touches_two_days() {
        let (e, _) = event("[event]\nstart = 2018-12-31T22:00:00\nend = 2019-01-01T02:00:00\n");
        let w = e.unwrap().when;
        assert_eq!(
            (w.first_day().to_string(), w.last_day().to_string()),
            ("2018-12-31".into(), "2019-01-01".into())
        );
        let (e, _) = event("[event]\nstart = 2018-12-31T20:00:00\nend = 2019-01-01T00:00:00\n");
        assert_eq!(e.unwrap().when.last_day().to_string(), "2018-12-31");
    }

    #[test]
    fn training_hours_must_be_positive() {
        let (_, d) = event("[event]\nstart = 2018-01-06\n[training]\nhours = 0\n");
        assert!(
            first_message(&d).starts_with("content/events/a.md:5:9: `hours` must be more than 0")
        );
    }
}
