//! Extra dates and changed occurrences of an event: `rdates = […]` and the
//! `[[event.changes]]` tables, read as written and validated once into the
//! [`When`]s and [`Change`]s of an [`Event`].
//!
//! Part of the `content` stage, beside [`super::event`], which calls [`rdates`] and
//! [`changes`] once the rest of the `[event]` table is valid. Each problem is
//! reported at its own field (`path:line:col`); a change that names an occurrence the
//! series does not have, or changes nothing, is an error. A change's `venue` is kept
//! as a reference; `site::places` checks where it leads.

use jiff::civil::Date;
use jiff::{SignedDuration, ZonedDateTime};
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::event::{Event, Excluded, Geo, Status, When, excluded_key, read_datetime};
use super::place::PageRef;
use crate::diag::{Diagnostics, Msg};
use crate::toml_diag::TomlOrigin;

/// One `[[event.changes]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChange {
    occurrence: Spanned<Datetime>,
    #[serde(default)]
    start: Option<Spanned<Datetime>>,
    #[serde(default)]
    end: Option<Spanned<Datetime>>,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    address: Option<String>,
    #[serde(default)]
    venue: Option<Spanned<String>>,
    #[serde(default)]
    status: Option<Spanned<String>>,
    #[serde(default)]
    note: Option<String>,
}

/// One occurrence that differs from the rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The occurrence it changes, by its original start (iCalendar's `RECURRENCE-ID`).
    pub occurrence: Excluded,
    /// When it was to take place.
    pub original: When,
    /// When it takes place now (the original time unless moved).
    pub when: When,
    /// True when `start` or `end` moved it.
    pub moved: bool,
    /// Place for this occurrence only.
    pub location: Option<String>,
    /// Postal address for this occurrence only.
    pub address: Option<String>,
    /// Venue page for this occurrence only.
    pub venue: Option<PageRef>,
    /// Coordinates for this occurrence only: its venue's, filled in by `site::places`.
    pub geo: Option<Geo>,
    /// Status of this occurrence only.
    pub status: Option<Status>,
    /// Shown beside this occurrence (`因台风改期`).
    pub note: Option<String>,
}

impl Change {
    /// True when this occurrence does not take place.
    pub fn cancelled(&self) -> bool {
        self.status == Some(Status::Cancelled)
    }
}

/// The extra occurrences of `rdates`, each as long as the first occurrence, in the
/// order written. A date on a timed event, a time on an all-day one, or a day before
/// the start is an error at the rdate.
pub fn rdates(
    event: &Event,
    raw: &[Spanned<Datetime>],
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Vec<When> {
    let mut out = Vec::new();
    for rdate in raw {
        let at = rdate.span().start;
        let value = match read_datetime(rdate.get_ref(), &event.timezone) {
            Ok(v) => v,
            Err(message) => {
                diags.push(
                    origin
                        .error_at(
                            at,
                            Msg::FieldUnreadable {
                                field: "rdates".to_string(),
                                detail: Box::new(message),
                            },
                        )
                        .with_help(Msg::RdatesHelp),
                );
                continue;
            }
        };
        let when = match (&event.when, value) {
            (When::Timed { start, end }, Ok(zoned)) => {
                let zoned = zoned.with_time_zone(event.timezone.clone());
                let end = end.as_ref().map(|e| {
                    let length: SignedDuration = start.duration_until(e);
                    zoned
                        .timestamp()
                        .checked_add(length)
                        .unwrap_or(zoned.timestamp())
                        .to_zoned_datetime(event.timezone.clone())
                });
                When::Timed { start: zoned, end }
            }
            (When::AllDay { first, last }, Err(day)) => When::AllDay {
                first: day,
                last: shift(day, *first, *last),
            },
            (When::Timed { start, .. }, Err(day)) => {
                diags.push(
                    origin
                        .error_at(
                            at,
                            Msg::RdateNoTime {
                                rdate: day.to_string(),
                            },
                        )
                        .with_help(Msg::RdateTimeHelp {
                            day: day.to_string(),
                            time: start.strftime("%H:%M:%S").to_string(),
                        }),
                );
                continue;
            }
            (When::AllDay { .. }, Ok(zoned)) => {
                diags.push(
                    origin
                        .error_at(
                            at,
                            Msg::RdateHasTime {
                                rdate: zoned.datetime().to_string(),
                            },
                        )
                        .with_help(Msg::RdateDayHelp {
                            day: zoned.date().to_string(),
                        }),
                );
                continue;
            }
        };
        if when.start_instant(&event.timezone) < event.when.start_instant(&event.timezone) {
            diags.push(
                origin
                    .error_at(
                        at,
                        Msg::RdateBeforeStart {
                            rdate: rdate.get_ref().to_string(),
                            start: event.when.first_day().to_string(),
                        },
                    )
                    .with_help(Msg::RdateBeforeStartHelp),
            );
            continue;
        }
        out.push(when);
    }
    out
}

/// The last day of an all-day occurrence starting on `day`, as long as
/// `first`..=`last`.
fn shift(day: Date, first: Date, last: Date) -> Date {
    let days = first.until(last).map(|s| s.get_days()).unwrap_or(0);
    day.checked_add(jiff::Span::new().days(days)).unwrap_or(day)
}

/// Validates the `[[event.changes]]` of `event` (whose rule, rdates and exdates are
/// set): each must name an occurrence of the series, not a skipped one, at most once,
/// and change something.
pub fn changes(
    event: &Event,
    raw: Vec<RawChange>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Vec<Change> {
    if raw.is_empty() {
        return Vec::new();
    }
    if event.recurrence.is_none() && event.rdates.is_empty() {
        diags.push(
            origin
                .error_at(raw[0].occurrence.span().start, Msg::ChangesWithoutSeries)
                .with_help(Msg::ChangesWithoutSeriesHelp),
        );
        return Vec::new();
    }
    let mut out: Vec<Change> = Vec::new();
    for change in raw {
        let at = change.occurrence.span().start;
        let Some(original) = find_occurrence(event, &change.occurrence, origin, diags) else {
            continue;
        };
        let key = excluded_key(&original);
        if out.iter().any(|c| c.occurrence == key) {
            diags.push(
                origin
                    .error_at(
                        at,
                        Msg::OccurrenceChangedTwice {
                            occurrence: change.occurrence.get_ref().to_string(),
                        },
                    )
                    .with_help(Msg::ChangedTwiceHelp),
            );
            continue;
        }
        let nothing = change.start.is_none()
            && change.end.is_none()
            && change.location.is_none()
            && change.address.is_none()
            && change.venue.is_none()
            && change.status.is_none()
            && change.note.is_none();
        if nothing {
            diags.push(
                origin
                    .error_at(at, Msg::ChangeChangesNothing)
                    .with_help(Msg::ChangeNothingHelp),
            );
            continue;
        }
        let status = match &change.status {
            None => None,
            Some(s) => match Status::from_name(s.get_ref()) {
                Some(status) => Some(status),
                None => {
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
                    continue;
                }
            },
        };
        let Some(when) = moved(event, &original, &change, origin, diags) else {
            continue;
        };
        let venue = super::event::venue_ref(&change.venue, "venue", origin, diags);
        if change.venue.is_some() && venue.is_none() {
            continue;
        }
        let text = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        out.push(Change {
            occurrence: key,
            moved: when != original,
            original,
            when,
            location: text(change.location),
            address: text(change.address),
            venue,
            geo: None,
            status,
            note: text(change.note),
        });
    }
    out
}

/// The occurrence a change names: a date names the one on that day, a date-time the
/// one starting then.
fn find_occurrence(
    event: &Event,
    occurrence: &Spanned<Datetime>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<When> {
    let at = occurrence.span().start;
    let wanted = match read_datetime(occurrence.get_ref(), &event.timezone) {
        Ok(w) => w,
        Err(message) => {
            diags.push(
                origin
                    .error_at(
                        at,
                        Msg::FieldUnreadable {
                            field: "occurrence".to_string(),
                            detail: Box::new(message),
                        },
                    )
                    .with_help(Msg::OccurrenceHelp),
            );
            return None;
        }
    };
    let (day, local) = match &wanted {
        Ok(z) => {
            let z = z.with_time_zone(event.timezone.clone());
            (z.date(), Some(z.datetime()))
        }
        Err(d) => (*d, None),
    };
    let limit = super::event::midnight(day.tomorrow().unwrap_or(day), &event.timezone);
    let found = event
        .series(Some(limit))
        .into_iter()
        .find(|w| match (w, local) {
            (When::Timed { start, .. }, Some(local)) => start.datetime() == local,
            (w, _) => w.first_day() == day,
        });
    match found {
        Some(w) if event.excluded.contains(&excluded_key(&w)) => {
            diags.push(
                origin
                    .error_at(
                        at,
                        Msg::ChangeOfExdate {
                            occurrence: occurrence.get_ref().to_string(),
                        },
                    )
                    .with_help(Msg::ChangeOfExdateHelp),
            );
            None
        }
        Some(w) => Some(w),
        None => {
            diags.push(
                origin
                    .error_at(
                        at,
                        Msg::OccurrenceNotInSeries {
                            occurrence: occurrence.get_ref().to_string(),
                        },
                    )
                    .with_help(Msg::OccurrenceNotInSeriesHelp),
            );
            None
        }
    }
}

/// When a changed occurrence takes place: `start` moves it (`end` with it unless
/// given), `end` alone changes its end.
fn moved(
    event: &Event,
    original: &When,
    change: &RawChange,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<When> {
    let start = read_change_time(&change.start, "start", event, origin, diags);
    let end = read_change_time(&change.end, "end", event, origin, diags);
    let (start, end) = match (start, end) {
        (Some(Err(())), _) | (_, Some(Err(()))) => return None,
        (s, e) => (s.and_then(Result::ok), e.and_then(Result::ok)),
    };
    match original {
        When::Timed { start: s0, end: e0 } => {
            moved_timed(event, s0, e0.as_ref(), start, end, origin, diags)
        }
        When::AllDay { first, last } => moved_all_day(*first, *last, start, end, origin, diags),
    }
}

/// A change's `start` or `end` as read in the event's zone (`Ok` a zoned time, `Err` a
/// date), with its offset in the front matter.
type ChangeTime = (Result<ZonedDateTime, Date>, usize);

/// Reads a change's `start` or `end`: `None` when not written, `Some(Err(()))` when it
/// cannot be read (reported).
fn read_change_time(
    field: &Option<Spanned<Datetime>>,
    name: &str,
    event: &Event,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<Result<ChangeTime, ()>> {
    let value = field.as_ref()?;
    match read_datetime(value.get_ref(), &event.timezone) {
        Ok(v) => Some(Ok((v, value.span().start))),
        Err(message) => {
            diags.push(
                origin
                    .error_at(
                        value.span().start,
                        Msg::FieldUnreadable {
                            field: name.to_string(),
                            detail: Box::new(message),
                        },
                    )
                    .with_help(Msg::ChangeTimeHelp),
            );
            Some(Err(()))
        }
    }
}

/// Reports a change whose `start` or `end` (at `at`) is not written like the event's.
fn mismatch(at: usize, origin: &TomlOrigin<'_>, diags: &mut Diagnostics) {
    diags.push(
        origin
            .error_at(at, Msg::ChangeTimesMixed)
            .with_help(Msg::ChangeTimesMixedHelp),
    );
}

/// A timed occurrence (from `s0` to `e0`) moved: a new start keeps the length unless
/// a new end is given.
fn moved_timed(
    event: &Event,
    s0: &ZonedDateTime,
    e0: Option<&ZonedDateTime>,
    start: Option<ChangeTime>,
    end: Option<ChangeTime>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<When> {
    let new_start = match start {
        None => s0.clone(),
        Some((Ok(z), _)) => z.with_time_zone(event.timezone.clone()),
        Some((Err(_), at)) => {
            mismatch(at, origin, diags);
            return None;
        }
    };
    let new_end = match end {
        None => e0.map(|e| {
            let length: SignedDuration = s0.duration_until(e);
            new_start
                .timestamp()
                .checked_add(length)
                .unwrap_or(new_start.timestamp())
                .to_zoned_datetime(event.timezone.clone())
        }),
        Some((Ok(z), at)) => {
            let z = z.with_time_zone(event.timezone.clone());
            if z.timestamp() < new_start.timestamp() {
                diags.push(
                    origin
                        .error_at(
                            at,
                            Msg::ChangedEndsBeforeStart {
                                end: z.datetime().to_string(),
                                start: new_start.datetime().to_string(),
                            },
                        )
                        .with_help(Msg::ChangedEndHelp),
                );
                return None;
            }
            Some(z)
        }
        Some((Err(_), at)) => {
            mismatch(at, origin, diags);
            return None;
        }
    };
    Some(When::Timed {
        start: new_start,
        end: new_end,
    })
}

/// An all-day occurrence (`first` to `last`) moved: a new first day keeps the number
/// of days unless a new last day is given.
fn moved_all_day(
    first: Date,
    last: Date,
    start: Option<ChangeTime>,
    end: Option<ChangeTime>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<When> {
    let new_first = match start {
        None => first,
        Some((Err(d), _)) => d,
        Some((Ok(_), at)) => {
            mismatch(at, origin, diags);
            return None;
        }
    };
    let new_last = match end {
        None => shift(new_first, first, last),
        Some((Err(d), at)) => {
            if d < new_first {
                diags.push(
                    origin
                        .error_at(
                            at,
                            Msg::ChangedEndsBeforeStart {
                                end: d.to_string(),
                                start: new_first.to_string(),
                            },
                        )
                        .with_help(Msg::ChangedEndHelp),
                );
                return None;
            }
            d
        }
        Some((Ok(_), at)) => {
            mismatch(at, origin, diags);
            return None;
        }
    };
    Some(When::AllDay {
        first: new_first,
        last: new_last,
    })
}
