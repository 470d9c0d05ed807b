//! Recurrence rules: the RFC 5545 `RRULE` subset kepu supports, parsed once into a
//! typed [`Rule`] and expanded into civil dates.
//!
//! Part of the `content` stage (an `[event]`'s `recurrence` field). Written on jiff
//! rather than on the `rrule` crate, whose traps (a date-only EXDATE on a timed event
//! silently ignored, a date-only UNTIL rejected, all-day starts expanded in the
//! machine's own zone) are exactly the cases editors write. Expansion works on civil
//! dates only: the event layer puts the start's wall-clock time on each date and then
//! resolves it in the event's zone, which is what keeps a 09:00 event at 09:00 across
//! a DST change. Supported: FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, COUNT,
//! UNTIL, BYDAY (with ordinals in MONTHLY and YEARLY), BYMONTHDAY, BYMONTH, WKST.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Weekday};

use crate::diag::Msg;

/// How often a rule repeats (`FREQ`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    /// Every day (times `INTERVAL`).
    Daily,
    /// Every week.
    Weekly,
    /// Every month.
    Monthly,
    /// Every year.
    Yearly,
}

impl Freq {
    /// The name in an RRULE.
    pub fn name(self) -> &'static str {
        match self {
            Freq::Daily => "DAILY",
            Freq::Weekly => "WEEKLY",
            Freq::Monthly => "MONTHLY",
            Freq::Yearly => "YEARLY",
        }
    }
}

/// One `BYDAY` entry: a weekday, with an ordinal in monthly and yearly rules (`2SA`,
/// `-1FR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByDay {
    /// `Some(2)` for the second, `Some(-1)` for the last; `None` for every one.
    pub ordinal: Option<i8>,
    /// The weekday.
    pub weekday: Weekday,
}

/// `UNTIL` as written: a date, a local date-time, or a UTC instant (`…Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// `UNTIL=20181231`: through the end of that day.
    Date(Date),
    /// `UNTIL=20181231T170000`: a wall-clock time in the event's zone.
    Local(DateTime),
    /// `UNTIL=20181231T090000Z`: an instant.
    Instant(Timestamp),
}

/// A validated recurrence rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// `FREQ`.
    pub freq: Freq,
    /// `INTERVAL` (at least 1).
    pub interval: i32,
    /// `COUNT`: how many occurrences, the first included.
    pub count: Option<u32>,
    /// `UNTIL`: the last possible start.
    pub until: Option<Until>,
    /// `BYDAY`.
    pub by_day: Vec<ByDay>,
    /// `BYMONTHDAY` (1..31 or -31..-1, negative from the month's end).
    pub by_month_day: Vec<i8>,
    /// `BYMONTH` (1..12).
    pub by_month: Vec<i8>,
    /// `WKST`: the first day of the week (Monday unless written).
    pub wkst: Weekday,
}

/// Why a rule could not be read: the message and the byte offset in the rule text of
/// the part that is wrong. The help line is always [`Msg::RecurrenceHelp`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// What is wrong.
    pub message: Msg,
    /// Byte offset of the offending part in the rule text.
    pub offset: usize,
}

/// Two-letter weekday codes, Monday first.
const DAY_CODES: [(&str, Weekday); 7] = [
    ("MO", Weekday::Monday),
    ("TU", Weekday::Tuesday),
    ("WE", Weekday::Wednesday),
    ("TH", Weekday::Thursday),
    ("FR", Weekday::Friday),
    ("SA", Weekday::Saturday),
    ("SU", Weekday::Sunday),
];

/// The two-letter RRULE code of a weekday (`SA`).
pub fn day_code(weekday: Weekday) -> &'static str {
    DAY_CODES[weekday.to_monday_zero_offset() as usize].0
}

fn parse_day_code(code: &str) -> Option<Weekday> {
    DAY_CODES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, w)| *w)
}

impl Rule {
    /// Parses an RRULE value (`FREQ=WEEKLY;BYDAY=SA;COUNT=6`; a leading `RRULE:` is
    /// accepted). Every part is checked; the first problem is returned.
    pub fn parse(text: &str) -> Result<Rule, RuleError> {
        let body_start = if text.len() >= 6 && text[..6].eq_ignore_ascii_case("RRULE:") {
            6
        } else {
            0
        };
        let mut parts = Parts::default();
        let mut seen: Vec<String> = Vec::new();
        let mut offset = body_start;
        for part in text[body_start..].split(';') {
            let here = offset;
            offset += part.len() + 1;
            let err = |message: Msg| RuleError {
                message,
                offset: here,
            };
            if part.trim().is_empty() {
                continue;
            }
            let Some((name, value)) = part.split_once('=') else {
                return Err(err(Msg::RuleNotNameValue {
                    part: part.to_string(),
                }));
            };
            let name = name.trim().to_ascii_uppercase();
            if seen.contains(&name) {
                return Err(err(Msg::RulePartTwice { name }));
            }
            parts.read(&name, value.trim()).map_err(err)?;
            seen.push(name);
        }
        parts.into_rule()
    }
}

/// The parts of a rule read so far, each checked on its own; [`Parts::into_rule`]
/// checks how they combine.
#[derive(Default)]
struct Parts {
    freq: Option<Freq>,
    interval: Option<i32>,
    count: Option<u32>,
    until: Option<Until>,
    by_day: Vec<ByDay>,
    by_month_day: Vec<i8>,
    by_month: Vec<i8>,
    wkst: Option<Weekday>,
}

impl Parts {
    /// Reads one `NAME=VALUE` part (`name` upper-cased, `value` trimmed).
    fn read(&mut self, name: &str, value: &str) -> Result<(), Msg> {
        match name {
            "FREQ" => self.freq = Some(parse_freq(value)?),
            "INTERVAL" => self.interval = Some(number(name, value, 1, 1000)? as i32),
            "COUNT" => self.count = Some(number(name, value, 1, 10_000)? as u32),
            "UNTIL" => {
                let value = value.to_string();
                self.until = Some(parse_until(&value).ok_or(Msg::UntilNotDate { value })?)
            }
            "BYDAY" => self.by_day = by_day_list(value)?,
            "BYMONTHDAY" => self.by_month_day = by_month_day_list(value)?,
            "BYMONTH" => self.by_month = by_month_list(value)?,
            "WKST" => {
                let value = value.to_string();
                self.wkst = Some(parse_day_code(&value).ok_or(Msg::WkstNotWeekday { value })?)
            }
            "BYSETPOS" | "BYWEEKNO" | "BYYEARDAY" | "BYHOUR" | "BYMINUTE" | "BYSECOND"
            | "RSCALE" | "SKIP" => {
                return Err(Msg::RulePartUnsupported {
                    name: name.to_string(),
                });
            }
            _ => {
                return Err(Msg::RulePartUnknown {
                    name: name.to_string(),
                });
            }
        }
        Ok(())
    }

    /// The rule, once FREQ is known and the parts fit together.
    fn into_rule(self) -> Result<Rule, RuleError> {
        let whole = |message: Msg| RuleError { message, offset: 0 };
        let Some(freq) = self.freq else {
            return Err(whole(Msg::RuleNoFreq));
        };
        if let Some(problem) = self.misfit(freq) {
            return Err(whole(problem));
        }
        Ok(Rule {
            freq,
            interval: self.interval.unwrap_or(1),
            count: self.count,
            until: self.until,
            by_day: self.by_day,
            by_month_day: self.by_month_day,
            by_month: self.by_month,
            wkst: self.wkst.unwrap_or(Weekday::Monday),
        })
    }

    /// Why the parts do not fit together with `freq`, if they do not.
    fn misfit(&self, freq: Freq) -> Option<Msg> {
        if self.count.is_some() && self.until.is_some() {
            return Some(Msg::RuleCountAndUntil);
        }
        let numbered = self.by_day.iter().any(|d| d.ordinal.is_some());
        if numbered && !matches!(freq, Freq::Monthly | Freq::Yearly) {
            return Some(Msg::RuleNumberedWeekdays);
        }
        if freq == Freq::Weekly && !self.by_month_day.is_empty() {
            return Some(Msg::RuleMonthdayWeekly);
        }
        if freq == Freq::Yearly
            && self.by_month.is_empty()
            && !self.by_month_day.is_empty()
            && numbered
        {
            return Some(Msg::RuleNumberedYearly);
        }
        None
    }
}

/// `BYDAY=SA,2SA,-1FR`.
fn by_day_list(value: &str) -> Result<Vec<ByDay>, Msg> {
    list(value, |item| {
        parse_by_day(item.trim()).ok_or_else(|| Msg::BydayNotWeekday {
            value: value.to_string(),
            item: item.to_string(),
        })
    })
}

/// `BYMONTHDAY=1,15,-1`.
fn by_month_day_list(value: &str) -> Result<Vec<i8>, Msg> {
    list(value, |item| {
        let n = item
            .trim()
            .parse::<i8>()
            .ok()
            .filter(|n| (1..=31).contains(n) || (-31..=-1).contains(n));
        n.ok_or_else(|| Msg::BymonthdayNotDay {
            value: value.to_string(),
            item: item.to_string(),
        })
    })
}

/// `BYMONTH=1,7`.
fn by_month_list(value: &str) -> Result<Vec<i8>, Msg> {
    list(value, |item| {
        let n = item
            .trim()
            .parse::<i8>()
            .ok()
            .filter(|n| (1..=12).contains(n));
        n.ok_or_else(|| Msg::BymonthNotMonth {
            value: value.to_string(),
            item: item.to_string(),
        })
    })
}

/// `FREQ`: kepu's events repeat at most daily.
fn parse_freq(value: &str) -> Result<Freq, Msg> {
    let value = value.to_string();
    match value.to_ascii_uppercase().as_str() {
        "DAILY" => Ok(Freq::Daily),
        "WEEKLY" => Ok(Freq::Weekly),
        "MONTHLY" => Ok(Freq::Monthly),
        "YEARLY" => Ok(Freq::Yearly),
        "SECONDLY" | "MINUTELY" | "HOURLY" => Err(Msg::FreqTooOften { value }),
        _ => Err(Msg::FreqUnknown { value }),
    }
}

/// A whole number from `min` to `max` (`INTERVAL`, `COUNT`).
fn number(name: &str, value: &str, min: i64, max: i64) -> Result<i64, Msg> {
    value
        .parse::<i64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| Msg::RuleNumberRange {
            name: name.to_string(),
            value: value.to_string(),
            min,
            max,
        })
}

/// A comma-separated list, each item read by `item` (which gets it untrimmed); the
/// first bad item is the error.
fn list<T>(value: &str, item: impl Fn(&str) -> Result<T, Msg>) -> Result<Vec<T>, Msg> {
    value.split(',').map(item).collect()
}

impl Rule {
    /// The rule as an RRULE value, with `UNTIL` written as given (the caller knows
    /// whether it must be a DATE or a UTC DATE-TIME).
    pub fn to_ics(&self, until: Option<&str>) -> String {
        let mut out = format!("FREQ={}", self.freq.name());
        if self.interval != 1 {
            out.push_str(&format!(";INTERVAL={}", self.interval));
        }
        if let Some(count) = self.count {
            out.push_str(&format!(";COUNT={count}"));
        }
        if let Some(until) = until {
            out.push_str(&format!(";UNTIL={until}"));
        }
        if !self.by_month.is_empty() {
            let list: Vec<String> = self.by_month.iter().map(i8::to_string).collect();
            out.push_str(&format!(";BYMONTH={}", list.join(",")));
        }
        if !self.by_month_day.is_empty() {
            let list: Vec<String> = self.by_month_day.iter().map(i8::to_string).collect();
            out.push_str(&format!(";BYMONTHDAY={}", list.join(",")));
        }
        if !self.by_day.is_empty() {
            let list: Vec<String> = self
                .by_day
                .iter()
                .map(|d| match d.ordinal {
                    Some(n) => format!("{n}{}", day_code(d.weekday)),
                    None => day_code(d.weekday).to_string(),
                })
                .collect();
            out.push_str(&format!(";BYDAY={}", list.join(",")));
        }
        if self.wkst != Weekday::Monday {
            out.push_str(&format!(";WKST={}", day_code(self.wkst)));
        }
        out
    }

    /// The dates of the rule from `start` on, in order: `start` itself first (RFC 5545
    /// counts DTSTART as the first occurrence), then every date the rule gives after it.
    /// `COUNT` is applied; `UNTIL` is not (it needs the time and zone: the caller
    /// stops). The iterator ends at the year 9999 at the latest.
    pub fn dates(&self, start: Date) -> Dates<'_> {
        Dates {
            rule: self,
            start,
            period: 0,
            pending: vec![start],
            yielded: 0,
            done: false,
        }
    }

    /// Whether `date` is one the rule itself would give (ignoring DTSTART and COUNT).
    pub fn matches(&self, start: Date, date: Date) -> bool {
        let k = self.period_of(start, date);
        (k - 1..=k + 1).any(|k| k >= 0 && self.period_dates(start, k).contains(&date))
    }

    /// Index of the period that contains `date` (may be off by one; only used as a hint).
    fn period_of(&self, start: Date, date: Date) -> i64 {
        let days = start.until(date).map(|s| s.get_days() as i64).unwrap_or(0);
        let months = (date.year() as i64 - start.year() as i64) * 12 + date.month() as i64
            - start.month() as i64;
        let raw = match self.freq {
            Freq::Daily => days,
            Freq::Weekly => days.div_euclid(7),
            Freq::Monthly => months,
            Freq::Yearly => date.year() as i64 - start.year() as i64,
        };
        raw.div_euclid(self.interval as i64).max(0)
    }

    /// The candidate dates of period `k` (the k-th day, week, month or year counted in
    /// steps of INTERVAL from the start's), sorted, before DTSTART filtering.
    fn period_dates(&self, start: Date, k: i64) -> Vec<Date> {
        let step = k * self.interval as i64;
        let mut dates = match self.freq {
            Freq::Daily => start
                .checked_add(jiff::Span::new().days(step))
                .ok()
                .filter(|d| self.day_passes(*d))
                .into_iter()
                .collect(),
            Freq::Weekly => self.days_of_week(start, step),
            Freq::Monthly => {
                let Ok(month) = start
                    .first_of_month()
                    .checked_add(jiff::Span::new().months(step))
                else {
                    return Vec::new();
                };
                if self.month_passes(month) {
                    self.days_of_month(start, month)
                } else {
                    Vec::new()
                }
            }
            Freq::Yearly => {
                let year = start.year() as i64 + step;
                if !(1..=9999).contains(&year) {
                    return Vec::new();
                }
                self.days_of_year(start, year as i16)
            }
        };
        dates.sort();
        dates.dedup();
        dates
    }

    /// The days of the week `step` weeks after the start's that the rule gives
    /// (weekly rules).
    fn days_of_week(&self, start: Date, step: i64) -> Vec<Date> {
        let back = self.wkst.until(start.weekday()) as i64;
        let Ok(week) = start.checked_add(jiff::Span::new().days(7 * step - back)) else {
            return Vec::new();
        };
        let weekdays: Vec<Weekday> = if self.by_day.is_empty() {
            vec![start.weekday()]
        } else {
            self.by_day.iter().map(|d| d.weekday).collect()
        };
        weekdays
            .into_iter()
            .filter_map(|w| {
                week.checked_add(jiff::Span::new().days(self.wkst.until(w) as i64))
                    .ok()
            })
            .filter(|d| self.month_passes(*d))
            .collect()
    }

    /// BYMONTH as a filter.
    fn month_passes(&self, date: Date) -> bool {
        self.by_month.is_empty() || self.by_month.contains(&date.month())
    }

    /// Every BY* part as a filter (daily rules).
    fn day_passes(&self, date: Date) -> bool {
        self.month_passes(date)
            && (self.by_month_day.is_empty()
                || self
                    .by_month_day
                    .iter()
                    .any(|&md| resolve_month_day(date, md) == Some(date.day())))
            && (self.by_day.is_empty() || self.by_day.iter().any(|d| d.weekday == date.weekday()))
    }

    /// The days of the month containing `month` (its first day) the rule gives.
    fn days_of_month(&self, start: Date, month: Date) -> Vec<Date> {
        let from_month_days: Option<Vec<Date>> = (!self.by_month_day.is_empty()).then(|| {
            self.by_month_day
                .iter()
                .filter_map(|&md| resolve_month_day(month, md))
                .filter_map(|d| month.with().day(d).build().ok())
                .collect()
        });
        let from_weekdays: Option<Vec<Date>> = (!self.by_day.is_empty()).then(|| {
            let mut out = Vec::new();
            for d in &self.by_day {
                match d.ordinal {
                    Some(n) => out.extend(month.nth_weekday_of_month(n, d.weekday).ok()),
                    None => out.extend(all_weekdays(month, month.last_of_month(), d.weekday)),
                }
            }
            out
        });
        match (from_month_days, from_weekdays) {
            (Some(a), Some(b)) => a.into_iter().filter(|d| b.contains(d)).collect(),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => month
                .with()
                .day(start.day())
                .build()
                .ok()
                .into_iter()
                .collect(),
        }
    }

    /// The days of `year` the rule gives (yearly rules).
    fn days_of_year(&self, start: Date, year: i16) -> Vec<Date> {
        let Ok(first) = Date::new(year, 1, 1) else {
            return Vec::new();
        };
        if !self.by_month.is_empty() {
            return self
                .by_month
                .iter()
                .filter_map(|&m| first.with().month(m).build().ok())
                .flat_map(|month| self.days_of_month(start, month))
                .collect();
        }
        if !self.by_month_day.is_empty() {
            return (1..=12)
                .filter_map(|m| first.with().month(m).build().ok())
                .flat_map(|month| self.days_of_month(start, month))
                .collect();
        }
        if !self.by_day.is_empty() {
            return self.weekdays_of_year(first);
        }
        first
            .with()
            .month(start.month())
            .day(start.day())
            .build()
            .ok()
            .into_iter()
            .collect()
    }

    /// The BYDAY days of the year that starts on `first` (yearly rules without
    /// BYMONTH or BYMONTHDAY): every such weekday, or the n-th (from the end when
    /// negative).
    fn weekdays_of_year(&self, first: Date) -> Vec<Date> {
        let last = first.last_of_year();
        let mut out = Vec::new();
        for d in &self.by_day {
            let all = all_weekdays(first, last, d.weekday);
            match d.ordinal {
                Some(n) if n > 0 => out.extend(all.get(n as usize - 1).copied()),
                Some(n) => out.extend(
                    all.len()
                        .checked_sub(n.unsigned_abs() as usize)
                        .and_then(|i| all.get(i).copied()),
                ),
                None => out.extend(all),
            }
        }
        out
    }
}

/// The day number a BYMONTHDAY value names in the month of `date`, if the month has it.
fn resolve_month_day(date: Date, md: i8) -> Option<i8> {
    let days = date.days_in_month();
    let day = if md > 0 { md } else { days + md + 1 };
    (1..=days).contains(&day).then_some(day)
}

/// Every `weekday` from `from` to `to`, inclusive.
fn all_weekdays(from: Date, to: Date, weekday: Weekday) -> Vec<Date> {
    let mut out = Vec::new();
    let Ok(mut d) = from.checked_add(jiff::Span::new().days(from.weekday().until(weekday) as i64))
    else {
        return out;
    };
    while d <= to {
        out.push(d);
        match d.checked_add(jiff::Span::new().days(7)) {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    out
}

fn parse_by_day(item: &str) -> Option<ByDay> {
    if item.len() < 2 || !item.is_ascii() {
        return None;
    }
    let (number, code) = item.split_at(item.len() - 2);
    let weekday = parse_day_code(code)?;
    let ordinal = if number.is_empty() {
        None
    } else {
        let n: i8 = number.trim_start_matches('+').parse().ok()?;
        if n == 0 || !(-53..=53).contains(&n) {
            return None;
        }
        Some(n)
    };
    Some(ByDay { ordinal, weekday })
}

/// `UNTIL`: a date (`20181231`), a local date-time (`20181231T170000`) or a UTC one
/// (`20181231T090000Z`).
fn parse_until(value: &str) -> Option<Until> {
    let Some((date, time)) = value.split_once(['T', 't']) else {
        return until_date(value).map(Until::Date);
    };
    let date = until_date(date)?;
    let (time, utc) = match time.strip_suffix(['Z', 'z']) {
        Some(t) => (t, true),
        None => (time, false),
    };
    if time.len() != 6 || !all_digits(time) {
        return None;
    }
    let time = jiff::civil::Time::new(
        time[..2].parse().ok()?,
        time[2..4].parse().ok()?,
        time[4..].parse().ok()?,
        0,
    )
    .ok()?;
    let dt = DateTime::from_parts(date, time);
    if utc {
        jiff::tz::TimeZone::UTC
            .to_timestamp(dt)
            .ok()
            .map(Until::Instant)
    } else {
        Some(Until::Local(dt))
    }
}

/// True for a non-empty run of ASCII digits.
fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The date of an UNTIL value (`20181231`).
fn until_date(s: &str) -> Option<Date> {
    if s.len() != 8 || !all_digits(s) {
        return None;
    }
    Date::new(
        s[..4].parse().ok()?,
        s[4..6].parse().ok()?,
        s[6..].parse().ok()?,
    )
    .ok()
}

/// The dates of a rule; see [`Rule::dates`].
#[derive(Debug)]
pub struct Dates<'a> {
    rule: &'a Rule,
    start: Date,
    period: i64,
    /// Dates of the current period still to give, in reverse order.
    pending: Vec<Date>,
    yielded: u32,
    done: bool,
}

/// Periods to look through without finding a date before giving up (a rule such as
/// BYMONTH=2;BYMONTHDAY=30 never matches).
const MAX_EMPTY_PERIODS: i64 = 4000;

impl Iterator for Dates<'_> {
    type Item = Date;

    fn next(&mut self) -> Option<Date> {
        if self.done || self.rule.count.is_some_and(|c| self.yielded >= c) {
            return None;
        }
        let mut empty = 0;
        while self.pending.is_empty() {
            if empty > MAX_EMPTY_PERIODS || self.start.year() as i64 + self.period > 9999 {
                self.done = true;
                return None;
            }
            let mut dates: Vec<Date> = self
                .rule
                .period_dates(self.start, self.period)
                .into_iter()
                .filter(|d| *d > self.start)
                .collect();
            self.period += 1;
            if dates.is_empty() {
                empty += 1;
            }
            dates.reverse();
            self.pending = dates;
        }
        self.yielded += 1;
        self.pending.pop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn expand(rule: &str, start: Date, n: usize) -> Vec<String> {
        Rule::parse(rule)
            .unwrap()
            .dates(start)
            .take(n)
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn weekly_with_count_counts_the_start() {
        assert_eq!(
            expand("FREQ=WEEKLY;BYDAY=SA;COUNT=4", date(2018, 5, 12), 10),
            ["2018-05-12", "2018-05-19", "2018-05-26", "2018-06-02"]
        );
        assert_eq!(
            expand("FREQ=WEEKLY;COUNT=3", date(2018, 3, 15), 10),
            ["2018-03-15", "2018-03-22", "2018-03-29"]
        );
    }

    #[test]
    fn weekly_several_days_and_interval() {
        assert_eq!(
            expand("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", date(2018, 1, 2), 6),
            [
                "2018-01-02",
                "2018-01-04",
                "2018-01-16",
                "2018-01-18",
                "2018-01-30",
                "2018-02-01"
            ]
        );
    }

    #[test]
    fn wkst_changes_biweekly_rules() {
        // RFC 5545's own example: WKST=MO and WKST=SU give different dates.
        assert_eq!(
            expand(
                "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
                date(1997, 8, 5),
                9
            ),
            ["1997-08-05", "1997-08-10", "1997-08-19", "1997-08-24"]
        );
        assert_eq!(
            expand(
                "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
                date(1997, 8, 5),
                9
            ),
            ["1997-08-05", "1997-08-17", "1997-08-19", "1997-08-31"]
        );
    }

    #[test]
    fn monthly_second_saturday() {
        assert_eq!(
            expand("FREQ=MONTHLY;BYDAY=2SA;COUNT=4", date(2018, 9, 8), 9),
            ["2018-09-08", "2018-10-13", "2018-11-10", "2018-12-08"]
        );
    }

    #[test]
    fn monthly_last_friday_and_last_day() {
        assert_eq!(
            expand("FREQ=MONTHLY;BYDAY=-1FR", date(2018, 1, 26), 3),
            ["2018-01-26", "2018-02-23", "2018-03-30"]
        );
        assert_eq!(
            expand("FREQ=MONTHLY;BYMONTHDAY=-1", date(2018, 1, 31), 3),
            ["2018-01-31", "2018-02-28", "2018-03-31"]
        );
    }

    #[test]
    fn monthly_on_the_31st_skips_short_months() {
        assert_eq!(
            expand("FREQ=MONTHLY", date(2018, 1, 31), 4),
            ["2018-01-31", "2018-03-31", "2018-05-31", "2018-07-31"]
        );
    }

    #[test]
    fn monthly_friday_the_13th() {
        assert_eq!(
            expand("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", date(2018, 4, 13), 3),
            ["2018-04-13", "2018-07-13", "2019-09-13"]
        );
    }

    #[test]
    fn daily_with_interval_and_filters() {
        assert_eq!(
            expand("FREQ=DAILY;INTERVAL=10;COUNT=3", date(2018, 12, 25), 9),
            ["2018-12-25", "2019-01-04", "2019-01-14"]
        );
        assert_eq!(
            expand("FREQ=DAILY;BYDAY=MO,WE;BYMONTH=1", date(2018, 1, 1), 4),
            ["2018-01-01", "2018-01-03", "2018-01-08", "2018-01-10"]
        );
    }

    #[test]
    fn yearly_forms() {
        assert_eq!(
            expand("FREQ=YEARLY", date(2016, 2, 29), 3),
            ["2016-02-29", "2020-02-29", "2024-02-29"]
        );
        assert_eq!(
            expand("FREQ=YEARLY;BYMONTH=5;BYDAY=2SU", date(2018, 5, 13), 3),
            ["2018-05-13", "2019-05-12", "2020-05-10"]
        );
        assert_eq!(
            expand("FREQ=YEARLY;BYDAY=20MO", date(1997, 5, 19), 3),
            ["1997-05-19", "1998-05-18", "1999-05-17"]
        );
        assert_eq!(
            expand("FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1", date(2018, 1, 1), 3),
            ["2018-01-01", "2018-07-01", "2019-01-01"]
        );
        assert_eq!(
            expand("FREQ=YEARLY;BYMONTHDAY=-1", date(2018, 11, 30), 3),
            ["2018-11-30", "2018-12-31", "2019-01-31"]
        );
    }

    #[test]
    fn start_not_on_the_rule_still_counts_first() {
        assert_eq!(
            expand("FREQ=WEEKLY;BYDAY=SA;COUNT=2", date(2018, 5, 10), 9),
            ["2018-05-10", "2018-05-12"]
        );
    }

    #[test]
    fn impossible_rules_end() {
        let rule = Rule::parse("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3").unwrap();
        assert_eq!(rule.dates(date(2018, 1, 1)).count(), 1);
    }

    #[test]
    fn round_trip_to_ics() {
        let rule = Rule::parse("freq=monthly;byday=2sa,-1FR;interval=2;wkst=SU").unwrap();
        assert_eq!(
            rule.to_ics(None),
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=2SA,-1FR;WKST=SU"
        );
        let rule = Rule::parse("RRULE:FREQ=WEEKLY;UNTIL=20181231").unwrap();
        assert_eq!(rule.until, Some(Until::Date(date(2018, 12, 31))));
        assert_eq!(
            rule.to_ics(Some("20181231T155959Z")),
            "FREQ=WEEKLY;UNTIL=20181231T155959Z"
        );
        let rule = Rule::parse("FREQ=DAILY;UNTIL=20181231T090000Z").unwrap();
        assert_eq!(
            rule.until,
            Some(Until::Instant("2018-12-31T09:00:00Z".parse().unwrap()))
        );
        let rule = Rule::parse("FREQ=DAILY;UNTIL=20181231T090000").unwrap();
        assert_eq!(
            rule.until,
            Some(Until::Local(date(2018, 12, 31).at(9, 0, 0, 0)))
        );
    }

    #[test]
    fn matches_tells_rule_dates() {
        let rule = Rule::parse("FREQ=WEEKLY;BYDAY=SA").unwrap();
        assert!(rule.matches(date(2018, 5, 12), date(2018, 6, 2)));
        assert!(!rule.matches(date(2018, 5, 12), date(2018, 6, 3)));
    }

    #[test]
    fn errors_name_the_part() {
        let cases = [
            (
                "FREQ=WEEKLY;BYDAY=XX",
                12,
                "BYDAY=XX: \"XX\" is not a weekday",
            ),
            ("FREQ=FORTNIGHTLY", 0, "FREQ=FORTNIGHTLY is not a frequency"),
            ("FREQ=HOURLY", 0, "FREQ=HOURLY is not supported"),
            ("BYDAY=SA", 0, "the rule has no FREQ"),
            ("FREQ=DAILY;COUNT=0", 11, "COUNT=0: the value must be"),
            (
                "FREQ=DAILY;COUNT=2;UNTIL=20181231",
                0,
                "a rule takes COUNT or UNTIL",
            ),
            ("FREQ=WEEKLY;BYDAY=2SA", 0, "numbered weekdays"),
            ("FREQ=DAILY;BYSETPOS=1", 11, "BYSETPOS is not supported"),
            (
                "FREQ=DAILY;UNTIL=2018-12-31",
                11,
                "UNTIL=2018-12-31 is not a date",
            ),
            ("FREQ=DAILY;FREQ=WEEKLY", 11, "FREQ is written twice"),
            (
                "FREQ=DAILY;BYMONTH=13",
                11,
                "BYMONTH=13: \"13\" is not a month",
            ),
            (
                "FREQ=DAILY;nonsense",
                11,
                "\"nonsense\" is not a NAME=VALUE",
            ),
            ("FREQ=WEEKLY;BYMONTHDAY=1", 0, "BYMONTHDAY cannot be used"),
        ];
        for (text, offset, start) in cases {
            let e = Rule::parse(text).unwrap_err();
            let message = e.message.english();
            assert!(message.starts_with(start), "{text}: {message}");
            assert_eq!(e.offset, offset, "{text}");
        }
    }
}
