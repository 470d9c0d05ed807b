//! When and whether an event's occurrences take place: [`When`], [`Status`], the
//! [`Recurrence`] with its UNTIL resolved, the [`Excluded`] keys of `exdates`, and the
//! [`Series`] that expands them.
//!
//! Part of the `content` stage, under [`super::event`] (which validates `[event]`)
//! and [`super::event_changes`] (which validates `rdates` and `[[event.changes]]`):
//! both read dates and expand the series through this module, so that neither needs
//! the other's types.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ZonedDateTime};
use toml::value::Datetime;

use super::recurrence::{Rule, Until};
use crate::diag::Msg;

/// Whether an event takes place, as schema.org and iCalendar know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Takes place as announced.
    Scheduled,
    /// Will not take place.
    Cancelled,
    /// Moved to a date not yet known.
    Postponed,
    /// Moved to a new date (the one now written).
    Rescheduled,
}

impl Status {
    /// The name written in front matter.
    pub fn name(self) -> &'static str {
        match self {
            Status::Scheduled => "scheduled",
            Status::Cancelled => "cancelled",
            Status::Postponed => "postponed",
            Status::Rescheduled => "rescheduled",
        }
    }

    /// The status named in front matter (`canceled` too), if it is one.
    pub fn from_name(name: &str) -> Option<Status> {
        match name.trim().to_ascii_lowercase().as_str() {
            "scheduled" => Some(Status::Scheduled),
            "cancelled" | "canceled" => Some(Status::Cancelled),
            "postponed" => Some(Status::Postponed),
            "rescheduled" => Some(Status::Rescheduled),
            _ => None,
        }
    }
}

/// When one occurrence takes place.
#[derive(Debug, Clone, PartialEq)]
pub enum When {
    /// A start time, and an end time if written, in the event's zone.
    Timed {
        /// Start.
        start: ZonedDateTime,
        /// End, if written.
        end: Option<ZonedDateTime>,
    },
    /// Whole days, both inclusive.
    AllDay {
        /// First day.
        first: Date,
        /// Last day (inclusive).
        last: Date,
    },
}

impl When {
    /// True for all-day occurrences.
    pub fn is_all_day(&self) -> bool {
        matches!(self, When::AllDay { .. })
    }

    /// The instant it starts (all-day: midnight of the first day in `tz`).
    pub fn start_instant(&self, tz: &TimeZone) -> Timestamp {
        match self {
            When::Timed { start, .. } => start.timestamp(),
            When::AllDay { first, .. } => midnight(*first, tz),
        }
    }

    /// The instant it ends (timed without end: its start; all-day: the midnight after
    /// the last day in `tz`).
    pub fn end_instant(&self, tz: &TimeZone) -> Timestamp {
        match self {
            When::Timed { start, end } => end.as_ref().unwrap_or(start).timestamp(),
            When::AllDay { last, .. } => midnight(last.tomorrow().unwrap_or(*last), tz),
        }
    }

    /// The first local day.
    pub fn first_day(&self) -> Date {
        match self {
            When::Timed { start, .. } => start.date(),
            When::AllDay { first, .. } => *first,
        }
    }

    /// The last local day it touches (an end at exactly midnight does not touch the
    /// day that begins then).
    pub fn last_day(&self) -> Date {
        match self {
            When::Timed { start, end: None } => start.date(),
            When::Timed {
                start,
                end: Some(end),
            } => {
                if end.time() == jiff::civil::Time::midnight() && end.date() > start.date() {
                    end.date().yesterday().unwrap_or(end.date())
                } else {
                    end.date()
                }
            }
            When::AllDay { last, .. } => *last,
        }
    }
}

/// Midnight at the start of `date` in `tz`.
pub fn midnight(date: Date, tz: &TimeZone) -> Timestamp {
    tz.to_zoned_datetime(date.to_datetime(jiff::civil::Time::midnight()))
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

/// A recurrence: the rule, and its UNTIL resolved for this event.
#[derive(Debug, Clone, PartialEq)]
pub struct Recurrence {
    /// The rule.
    pub rule: Rule,
    /// For timed events, the last instant an occurrence may start.
    pub until_instant: Option<Timestamp>,
    /// For all-day events, the last day an occurrence may start.
    pub until_date: Option<Date>,
}

/// An occurrence removed by `exdates`: its start as wall-clock time (timed) or day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Excluded {
    /// The local start of a removed timed occurrence.
    Timed(DateTime),
    /// A removed day of an all-day event.
    AllDay(Date),
}

/// Occurrences of a rule without COUNT or UNTIL that are ever computed, whatever the
/// horizon: a guard against a horizon of centuries.
const MAX_OCCURRENCES: usize = 5000;

/// The occurrences an event's fields give before `exdates` remove any: the first
/// one, the rule and the extra dates, in the event's zone.
#[derive(Debug, Clone, Copy)]
pub struct Series<'a> {
    /// The first occurrence.
    pub when: &'a When,
    /// The event's zone.
    pub timezone: &'a TimeZone,
    /// The rule, if any.
    pub recurrence: Option<&'a Recurrence>,
    /// Extra occurrences (`rdates`).
    pub rdates: &'a [When],
}

impl Series<'_> {
    /// True when there is more than the first occurrence to speak of: a rule or
    /// extra dates.
    pub fn repeats(&self) -> bool {
        self.recurrence.is_some() || !self.rdates.is_empty()
    }

    /// The rule's occurrences and the rdates, in order, before exdates are applied;
    /// `limit` bounds unbounded rules.
    pub fn occurrences(&self, limit: Option<Timestamp>) -> Vec<When> {
        let mut all = self.rule_occurrences(limit);
        if self.rdates.is_empty() {
            return all;
        }
        for rdate in self.rdates {
            let key = excluded_key(rdate);
            // An rdate on an occurrence of the rule is that occurrence (RFC 5545).
            if !all.iter().any(|w| excluded_key(w) == key) {
                all.push(rdate.clone());
            }
        }
        all.sort_by_cached_key(|w| w.start_instant(self.timezone));
        all
    }

    /// The occurrence a date names (the one on that day, for timed events too) or a
    /// date-time names (the one starting then), if the series has it.
    pub fn find(&self, wanted: &Result<ZonedDateTime, Date>) -> Option<When> {
        let (day, local) = match wanted {
            Ok(z) => {
                let z = z.with_time_zone(self.timezone.clone());
                (z.date(), Some(z.datetime()))
            }
            Err(d) => (*d, None),
        };
        // Expand just past the day: it is finite even when the rule is not.
        let limit = midnight(day.tomorrow().unwrap_or(day), self.timezone);
        self.occurrences(Some(limit))
            .into_iter()
            .find(|w| match (w, local) {
                (When::Timed { start, .. }, Some(local)) => start.datetime() == local,
                (w, _) => w.first_day() == day,
            })
    }

    /// The rule's occurrences (the first one alone without a rule); `limit` bounds
    /// unbounded rules.
    fn rule_occurrences(&self, limit: Option<Timestamp>) -> Vec<When> {
        let Some(rec) = self.recurrence else {
            return vec![self.when.clone()];
        };
        let bounded = rec.rule.count.is_some() || rec.rule.until.is_some();
        let mut out = Vec::new();
        for date in rec.rule.dates(self.when.first_day()) {
            let Some(when) = self.on(date, rec) else {
                break;
            };
            if !bounded && limit.is_some_and(|l| when.start_instant(self.timezone) > l) {
                break;
            }
            out.push(when);
            if out.len() >= MAX_OCCURRENCES {
                break;
            }
        }
        out
    }

    /// The occurrence the rule gives on `date`, as long as the first; `None` past
    /// UNTIL or out of range (the series ends there).
    fn on(&self, date: Date, rec: &Recurrence) -> Option<When> {
        match self.when {
            When::AllDay { first, last } => {
                if rec.until_date.is_some_and(|u| date > u) {
                    return None;
                }
                let days = first.until(*last).map(|s| s.get_days()).unwrap_or(0);
                let last = date.checked_add(jiff::Span::new().days(days)).ok()?;
                Some(When::AllDay { first: date, last })
            }
            When::Timed { start, end } => {
                let civil = date.to_datetime(start.time());
                let occ = self.timezone.to_zoned_datetime(civil).ok()?;
                if rec.until_instant.is_some_and(|u| occ.timestamp() > u) {
                    return None;
                }
                // The exact duration, as RFC 5545 applies DTEND to every instance.
                let end = end.as_ref().and_then(|e| {
                    let length: SignedDuration = start.duration_until(e);
                    occ.timestamp()
                        .checked_add(length)
                        .ok()
                        .map(|t| t.to_zoned_datetime(self.timezone.clone()))
                });
                Some(When::Timed { start: occ, end })
            }
        }
    }
}

/// The key of an occurrence: its local start (timed) or first day (all-day).
pub fn excluded_key(when: &When) -> Excluded {
    match when {
        When::Timed { start, .. } => Excluded::Timed(start.datetime()),
        When::AllDay { first, .. } => Excluded::AllDay(*first),
    }
}

/// A TOML date or date-time, read in `tz`: `Ok(Err(date))` for a bare date,
/// `Ok(Ok(zoned))` for a date-time.
pub fn read_datetime(value: &Datetime, tz: &TimeZone) -> Result<Result<ZonedDateTime, Date>, Msg> {
    if value.time.is_none() {
        let d = value.date.ok_or(Msg::TimeAlone)?;
        return Date::new(d.year as i16, d.month as i8, d.day as i8)
            .map(Err)
            .map_err(|_| Msg::NotARealDate {
                date: value.to_string(),
            });
    }
    super::dates::from_toml(value, tz).map(Ok)
}

/// UNTIL as this event needs it: an instant for timed events (a date means through
/// the end of that day in the event's zone), a day for all-day events.
pub fn resolve_until(rule: Rule, when: &When, tz: &TimeZone) -> Recurrence {
    let (mut until_instant, mut until_date) = (None, None);
    match (rule.until, when.is_all_day()) {
        (None, _) => {}
        (Some(Until::Date(d)), true) => until_date = Some(d),
        (Some(Until::Local(dt)), true) => until_date = Some(dt.date()),
        (Some(Until::Instant(ts)), true) => {
            until_date = Some(ts.to_zoned_datetime(tz.clone()).date())
        }
        (Some(Until::Date(d)), false) => {
            let next = d.tomorrow().unwrap_or(d);
            until_instant = Some(midnight(next, tz) - SignedDuration::from_secs(1));
        }
        (Some(Until::Local(dt)), false) => {
            until_instant = tz.to_zoned_datetime(dt).ok().map(|z| z.timestamp())
        }
        (Some(Until::Instant(ts)), false) => until_instant = Some(ts),
    }
    Recurrence {
        rule,
        until_instant,
        until_date,
    }
}
