//! Extra dates and changed occurrences of an event: `rdates = […]` and the
//! `[[event.changes]]` tables, read as written and validated once into the
//! [`When`]s and [`Change`]s of an [`Event`].
//!
//! Part of the `content` stage, under [`super::event`], which calls [`rdates`] and
//! [`changes`] once the rest of the `[event]` table is valid; the occurrences they
//! name come from [`super::occurrence`]. Each problem is
//! reported at its own field (`path:line:col`); a change that names an occurrence the
//! series does not have, or changes nothing, is an error. A change's `venue` is kept
//! as a reference; `site::places` checks where it leads.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, ZonedDateTime};
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::fields::Geo;
use super::occurrence::{Excluded, Series, Status, When, excluded_key, read_datetime};
use super::place::{PageRef, venue_ref};
use crate::diag::{Diagnostic, Diagnostics, Msg};
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

/// The extra occurrences of `rdates`, each as long as the `first` occurrence, in the
/// order written. A date on a timed event, a time on an all-day one, or a day before
/// the start is an error at the rdate.
pub fn rdates(
    first: &When,
    timezone: &TimeZone,
    raw: &[Spanned<Datetime>],
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Vec<When> {
    let mut out = Vec::new();
    for rdate in raw {
        match rdate_when(first, timezone, rdate) {
            Ok(when) => out.push(when),
            Err(problem) => diags.push(problem.at(rdate.span().start, origin)),
        }
    }
    out
}

/// One rdate as an occurrence as long as `first`, or the problem and its help line.
fn rdate_when(
    first: &When,
    timezone: &TimeZone,
    rdate: &Spanned<Datetime>,
) -> Result<When, Box<Problem>> {
    let value = read_datetime(rdate.get_ref(), timezone).map_err(|message| {
        let problem = Msg::FieldUnreadable {
            field: "rdates".to_string(),
            detail: Box::new(message),
        };
        Box::new(Problem(problem, Msg::RdatesHelp))
    })?;
    let when = match (first, value) {
        (When::Timed { start, end }, Ok(zoned)) => {
            let zoned = zoned.with_time_zone(timezone.clone());
            let end = end
                .as_ref()
                .map(|e| keep_length(&zoned, start, e, timezone));
            When::Timed { start: zoned, end }
        }
        (When::AllDay { first, last }, Err(day)) => When::AllDay {
            first: day,
            last: shift(day, *first, *last),
        },
        (When::Timed { start, .. }, Err(day)) => return Err(rdate_without_time(start, day)),
        (When::AllDay { .. }, Ok(zoned)) => return Err(rdate_with_time(&zoned)),
    };
    if when.start_instant(timezone) < first.start_instant(timezone) {
        let problem = Msg::RdateBeforeStart {
            rdate: rdate.get_ref().to_string(),
            start: first.first_day().to_string(),
        };
        return Err(Box::new(Problem(problem, Msg::RdateBeforeStartHelp)));
    }
    Ok(when)
}

/// An rdate `day` without a time on an event that starts at `start`, and its help.
fn rdate_without_time(start: &ZonedDateTime, day: Date) -> Box<Problem> {
    let day = day.to_string();
    let time = start.strftime("%H:%M:%S").to_string();
    let problem = Msg::RdateNoTime { rdate: day.clone() };
    Box::new(Problem(problem, Msg::RdateTimeHelp { day, time }))
}

/// An rdate with a time on an all-day event, and its help.
fn rdate_with_time(zoned: &ZonedDateTime) -> Box<Problem> {
    let rdate = zoned.datetime().to_string();
    let day = zoned.date().to_string();
    Box::new(Problem(
        Msg::RdateHasTime { rdate },
        Msg::RdateDayHelp { day },
    ))
}

/// The end of an occurrence starting at `new_start`, as long as `start` to `end`.
fn keep_length(
    new_start: &ZonedDateTime,
    start: &ZonedDateTime,
    end: &ZonedDateTime,
    timezone: &TimeZone,
) -> ZonedDateTime {
    let length: SignedDuration = start.duration_until(end);
    new_start
        .timestamp()
        .checked_add(length)
        .unwrap_or(new_start.timestamp())
        .to_zoned_datetime(timezone.clone())
}

/// The last day of an all-day occurrence starting on `day`, as long as
/// `first`..=`last`.
fn shift(day: Date, first: Date, last: Date) -> Date {
    let days = first.until(last).map(|s| s.get_days()).unwrap_or(0);
    day.checked_add(jiff::Span::new().days(days)).unwrap_or(day)
}

/// Validates the `[[event.changes]]` of an event whose `series` and `excluded`
/// occurrences are known: each must name an occurrence of the series, not a skipped
/// one, at most once, and change something.
pub fn changes(
    series: &Series<'_>,
    excluded: &[Excluded],
    raw: Vec<RawChange>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Vec<Change> {
    let Some(first) = raw.first() else {
        return Vec::new();
    };
    if !series.repeats() {
        diags.push(
            origin
                .error_at(first.occurrence.span().start, Msg::ChangesWithoutSeries)
                .with_help(Msg::ChangesWithoutSeriesHelp),
        );
        return Vec::new();
    }
    let mut out: Vec<Change> = Vec::new();
    for change in raw {
        let Some(original) = find_occurrence(series, excluded, &change.occurrence, origin, diags)
        else {
            continue;
        };
        let key = excluded_key(&original);
        if let Some(problem) = misfit(&change, out.iter().any(|c| c.occurrence == key)) {
            diags.push(problem.at(change.occurrence.span().start, origin));
            continue;
        }
        if let Some(c) = change_of(series, original, change, origin, diags) {
            out.push(c);
        }
    }
    out
}

/// Why a change cannot stand whatever its values: its occurrence is changed already
/// (`twice`), or it changes nothing.
fn misfit(change: &RawChange, twice: bool) -> Option<Problem> {
    if twice {
        let occurrence = change.occurrence.get_ref().to_string();
        return Some(Problem(
            Msg::OccurrenceChangedTwice { occurrence },
            Msg::ChangedTwiceHelp,
        ));
    }
    let nothing = change.start.is_none()
        && change.end.is_none()
        && change.location.is_none()
        && change.address.is_none()
        && change.venue.is_none()
        && change.status.is_none()
        && change.note.is_none();
    nothing.then_some(Problem(Msg::ChangeChangesNothing, Msg::ChangeNothingHelp))
}

/// An error and its help line, not yet placed.
struct Problem(Msg, Msg);

impl Problem {
    /// The error at byte `at` of `origin`'s TOML text.
    fn at(self, at: usize, origin: &TomlOrigin<'_>) -> Diagnostic {
        origin.error_at(at, self.0).with_help(self.1)
    }
}

/// The change of `original` that `change` describes; `None` when a value of it has
/// an error (reported).
fn change_of(
    series: &Series<'_>,
    original: When,
    change: RawChange,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<Change> {
    let status = match &change.status {
        None => None,
        Some(s) => match Status::from_name(s.get_ref()) {
            Some(status) => Some(status),
            None => {
                let status = s.get_ref().clone();
                let problem = Problem(Msg::UnknownStatus { status }, Msg::StatusHelp);
                diags.push(problem.at(s.span().start, origin));
                return None;
            }
        },
    };
    let when = moved(series.timezone, &original, &change, origin, diags)?;
    let venue = venue_ref(&change.venue, "venue", origin, diags);
    if change.venue.is_some() && venue.is_none() {
        return None;
    }
    let text = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Some(Change {
        occurrence: excluded_key(&original),
        moved: when != original,
        original,
        when,
        location: text(change.location),
        address: text(change.address),
        venue,
        geo: None,
        status,
        note: text(change.note),
    })
}

/// The occurrence a change names: a date names the one on that day, a date-time the
/// one starting then. It must be in the series and not skipped by `exdates`.
fn find_occurrence(
    series: &Series<'_>,
    excluded: &[Excluded],
    occurrence: &Spanned<Datetime>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<When> {
    let at = occurrence.span().start;
    let written = occurrence.get_ref().to_string();
    let problem = match read_datetime(occurrence.get_ref(), series.timezone) {
        Err(message) => {
            let field = "occurrence".to_string();
            let detail = Box::new(message);
            Problem(Msg::FieldUnreadable { field, detail }, Msg::OccurrenceHelp)
        }
        Ok(wanted) => match series.find(&wanted) {
            Some(w) if !excluded.contains(&excluded_key(&w)) => return Some(w),
            Some(_) => Problem(
                Msg::ChangeOfExdate {
                    occurrence: written,
                },
                Msg::ChangeOfExdateHelp,
            ),
            None => Problem(
                Msg::OccurrenceNotInSeries {
                    occurrence: written,
                },
                Msg::OccurrenceNotInSeriesHelp,
            ),
        },
    };
    diags.push(problem.at(at, origin));
    None
}

/// When a changed occurrence takes place: `start` moves it (`end` with it unless
/// given), `end` alone changes its end.
fn moved(
    timezone: &TimeZone,
    original: &When,
    change: &RawChange,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<When> {
    let start = read_change_time(&change.start, "start", timezone, origin, diags);
    let end = read_change_time(&change.end, "end", timezone, origin, diags);
    let (start, end) = match (start, end) {
        (Some(Err(())), _) | (_, Some(Err(()))) => return None,
        (s, e) => (s.and_then(Result::ok), e.and_then(Result::ok)),
    };
    let moved = match original {
        When::Timed { start: s0, end: e0 } => moved_timed(timezone, s0, e0.as_ref(), start, end),
        When::AllDay { first, last } => moved_all_day(*first, *last, start, end),
    };
    moved.map_err(|p| diags.push(p.at_change(origin))).ok()
}

/// A change's `start` or `end` as read in the event's zone (`Ok` a zoned time, `Err` a
/// date), with its offset in the front matter.
type ChangeTime = (Result<ZonedDateTime, Date>, usize);

/// Reads a change's `start` or `end`: `None` when not written, `Some(Err(()))` when it
/// cannot be read (reported).
fn read_change_time(
    field: &Option<Spanned<Datetime>>,
    name: &str,
    timezone: &TimeZone,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<Result<ChangeTime, ()>> {
    let value = field.as_ref()?;
    match read_datetime(value.get_ref(), timezone) {
        Ok(v) => Some(Ok((v, value.span().start))),
        Err(message) => {
            let problem = Msg::FieldUnreadable {
                field: name.to_string(),
                detail: Box::new(message),
            };
            let problem = Problem(problem, Msg::ChangeTimeHelp);
            diags.push(problem.at(value.span().start, origin));
            Some(Err(()))
        }
    }
}

/// Why a changed occurrence cannot take place as written, at the offset of the
/// `start` or `end` that is wrong.
enum MoveProblem {
    /// Not written like the event's own `start` and `end`.
    Mismatch(usize),
    /// Ends (`end`) before it starts (`start`).
    EndsBeforeStart(usize, String, String),
}

impl MoveProblem {
    /// The error, placed.
    fn at_change(self, origin: &TomlOrigin<'_>) -> Diagnostic {
        match self {
            MoveProblem::Mismatch(at) => {
                Problem(Msg::ChangeTimesMixed, Msg::ChangeTimesMixedHelp).at(at, origin)
            }
            MoveProblem::EndsBeforeStart(at, end, start) => Problem(
                Msg::ChangedEndsBeforeStart { end, start },
                Msg::ChangedEndHelp,
            )
            .at(at, origin),
        }
    }
}

/// A timed occurrence (from `s0` to `e0`) moved: a new start keeps the length unless
/// a new end is given.
fn moved_timed(
    timezone: &TimeZone,
    s0: &ZonedDateTime,
    e0: Option<&ZonedDateTime>,
    start: Option<ChangeTime>,
    end: Option<ChangeTime>,
) -> Result<When, MoveProblem> {
    let new_start = match start {
        None => s0.clone(),
        Some((Ok(z), _)) => z.with_time_zone(timezone.clone()),
        Some((Err(_), at)) => return Err(MoveProblem::Mismatch(at)),
    };
    let new_end = match end {
        None => e0.map(|e| keep_length(&new_start, s0, e, timezone)),
        Some((Ok(z), at)) => {
            let z = z.with_time_zone(timezone.clone());
            if z.timestamp() < new_start.timestamp() {
                let (end, start) = (z.datetime(), new_start.datetime());
                return Err(MoveProblem::EndsBeforeStart(
                    at,
                    end.to_string(),
                    start.to_string(),
                ));
            }
            Some(z)
        }
        Some((Err(_), at)) => return Err(MoveProblem::Mismatch(at)),
    };
    Ok(When::Timed {
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
) -> Result<When, MoveProblem> {
    let new_first = match start {
        None => first,
        Some((Err(d), _)) => d,
        Some((Ok(_), at)) => return Err(MoveProblem::Mismatch(at)),
    };
    let new_last = match end {
        None => shift(new_first, first, last),
        Some((Err(d), at)) if d < new_first => {
            return Err(MoveProblem::EndsBeforeStart(
                at,
                d.to_string(),
                new_first.to_string(),
            ));
        }
        Some((Err(d), _)) => d,
        Some((Ok(_), at)) => return Err(MoveProblem::Mismatch(at)),
    };
    Ok(When::AllDay {
        first: new_first,
        last: new_last,
    })
}
