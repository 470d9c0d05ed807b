//! The calendar of the site: every occurrence of every event and training, judged
//! against the build time (upcoming or past), the month grids from the first
//! occurrence to the last (and the build month), and the upcoming/past lists of each
//! event section.
//!
//! Part of the `site` stage: pure data, built once by [`Calendar::build`] from the
//! assembled pages. Occurrences come from the validated `Event` of each page (rules
//! expanded up to `[calendar] horizon_days` after the build time); render modules
//! only read what is here.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::Page;
use crate::config::Config;
use crate::content::event::{Event, When};
use crate::content::partner::PartnerCalendar;
use crate::diag::{Diagnostic, Diagnostics, Msg};

/// What an occurrence belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// An event or training page of the site, by page index.
    Page(usize),
    /// Event `k` of partner calendar `c` ([`super::Site::partners`]): no page of its
    /// own, a link to the partner's.
    Partner(usize, usize),
}

/// One occurrence of an event or training, or of a partner's event.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Whose occurrence it is.
    pub source: Source,
    /// The event's zone.
    pub timezone: TimeZone,
    /// When.
    pub when: When,
    /// True once it has ended at the build time.
    pub ended: bool,
    /// The change of this occurrence (index in the event's `changes`), if any.
    pub change: Option<usize>,
}

/// The occurrences of one event page.
#[derive(Debug, Clone)]
pub struct PageOccurrences {
    /// Every occurrence up to the horizon as it takes place (moved ones at their new
    /// time, cancelled ones kept), in order.
    pub all: Vec<When>,
    /// The change of each occurrence of `all` (index in the event's `changes`).
    pub changes: Vec<Option<usize>>,
    /// Index in `all` of the first occurrence not ended at the build time and not
    /// cancelled.
    pub next: Option<usize>,
    /// The event's zone.
    pub timezone: TimeZone,
}

impl PageOccurrences {
    /// True when every occurrence has ended.
    pub fn ended(&self) -> bool {
        self.next.is_none()
    }

    /// The occurrence to show in lists: the next one, else the last one.
    pub fn shown(&self) -> Option<&When> {
        match self.next {
            Some(i) => self.all.get(i),
            None => self.all.last(),
        }
    }

    /// When the last occurrence ends.
    pub fn last_end(&self) -> Option<Timestamp> {
        self.all.last().map(|w| w.end_instant(&self.timezone))
    }
}

/// A day cell of a month grid.
#[derive(Debug, Clone)]
pub struct Day {
    /// The date.
    pub date: Date,
    /// False for the days of the previous and next month that fill the first and
    /// last week.
    pub in_month: bool,
    /// True for the build day.
    pub today: bool,
    /// Indices into [`Calendar::entries`] of the occurrences touching this day.
    pub entries: Vec<usize>,
}

/// One month of the calendar.
#[derive(Debug, Clone)]
pub struct Month {
    /// Year.
    pub year: i16,
    /// Month (1..12).
    pub month: i8,
    /// Weeks, each of seven days starting on the configured first day.
    pub weeks: Vec<Vec<Day>>,
    /// Occurrences touching this month, in order.
    pub entries: Vec<usize>,
}

impl Month {
    /// Site path of the month page (`/calendar/2018/05/`).
    pub fn path(&self) -> String {
        month_path(self.year, self.month)
    }
}

/// Site path of a month page.
pub fn month_path(year: i16, month: i8) -> String {
    format!("/calendar/{year:04}/{month:02}/")
}

/// The upcoming and past event pages of a section.
#[derive(Debug, Clone, Default)]
pub struct EventLists {
    /// Pages with an occurrence not yet ended, soonest first.
    pub upcoming: Vec<usize>,
    /// Pages whose occurrences have all ended, newest first.
    pub past: Vec<usize>,
}

/// The calendar of the site.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// The build day, in the site's zone.
    pub today: Date,
    /// Every occurrence of the site's language, ordered by start.
    pub entries: Vec<Entry>,
    /// Occurrences of each event page (every language), by page index.
    pub pages: HashMap<usize, PageOccurrences>,
    /// Months from the first occurrence to the last, and the build month.
    pub months: Vec<Month>,
    /// Upcoming and past lists of each section with event pages, by section index;
    /// home pages get the upcoming events of the whole site; venue and organizer
    /// pages the events there / by them.
    pub lists: HashMap<usize, EventLists>,
    /// First day of the week in month grids.
    pub week_start: Weekday,
}

impl Calendar {
    /// Builds the calendar. Event and training pages without an `[event]` table are
    /// errors; an `[event]` on a page of another kind is a warning. `hosted` lists the
    /// event pages of each venue and organizer page. The events of `partners` join
    /// the occurrences and month grids (not the lists of pages).
    pub fn build(
        config: &Config,
        pages: &[Page],
        partners: &[PartnerCalendar],
        now: Timestamp,
        hosted: &HashMap<usize, Vec<usize>>,
        diags: &mut Diagnostics,
    ) -> Calendar {
        let horizon = now
            .checked_add(SignedDuration::from_hours(
                24 * config.calendar.horizon_days,
            ))
            .unwrap_or(now);
        let occurrences = page_occurrences(pages, now, horizon, diags);
        let mut entries = page_entries(config, pages, &occurrences, now);
        entries.extend(partner_entries(partners, now, horizon));
        // Keys made once: a start instant is a time zone conversion.
        entries.sort_by_cached_key(|e| (e.when.start_instant(&e.timezone), e.source));

        let today = now.to_zoned_datetime(config.timezone.clone()).date();
        let week_start = config.calendar.week_start;
        let months = months(&entries, today, week_start);
        let mut lists = lists(config, pages, &occurrences);
        for (&host, members) in hosted {
            lists.insert(host, split(members.iter().copied(), &occurrences));
        }
        Calendar {
            today,
            entries,
            pages: occurrences,
            months,
            lists,
            week_start,
        }
    }

    /// The month of a year and month, if the calendar has it.
    pub fn month(&self, year: i16, month: i8) -> Option<&Month> {
        self.months
            .iter()
            .find(|m| m.year == year && m.month == month)
    }

    /// Index of the build month in `months`.
    pub fn current_month(&self) -> usize {
        self.months
            .iter()
            .position(|m| m.year == self.today.year() && m.month == self.today.month())
            .unwrap_or(0)
    }
}

/// The occurrences up to `horizon` of every event page, by page index; an
/// event-like page without an `[event]` table, or an `[event]` elsewhere, is reported.
fn page_occurrences(
    pages: &[Page],
    now: Timestamp,
    horizon: Timestamp,
    diags: &mut Diagnostics,
) -> HashMap<usize, PageOccurrences> {
    let mut occurrences = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        if page.doc.is_section {
            continue;
        }
        match (&page.doc.event, page.kind.is_event_like()) {
            (Some(event), true) => {
                occurrences.insert(i, occurrences_of(event, now, horizon));
            }
            (None, false) => {}
            (event, _) => diags.push(misplaced_event(page, event.is_some())),
        }
    }
    occurrences
}

/// An event-like page without an `[event]` table (an error), or an `[event]` table on
/// a page of another kind (a warning).
fn misplaced_event(page: &Page, has_event: bool) -> Diagnostic {
    let kind = Box::new(page.kind.phrase());
    let source = &page.doc.source;
    if has_event {
        Diagnostic::warning(source, 1, 1, Msg::EventOutsideCalendar { kind })
            .with_help(Msg::EventSectionHelp)
    } else {
        Diagnostic::error(source, 1, 1, Msg::NoEventTable { kind }).with_help(Msg::EventTableHelp)
    }
}

/// One event's sessions up to `horizon`, their changes, and the next one not cancelled.
fn occurrences_of(event: &Event, now: Timestamp, horizon: Timestamp) -> PageOccurrences {
    let (all, changes): (Vec<When>, Vec<Option<usize>>) = event
        .sessions(horizon)
        .into_iter()
        .map(|s| (s.when, s.change))
        .unzip();
    let cancelled = |c: &Option<usize>| c.is_some_and(|c| event.changes[c].cancelled());
    let next = all
        .iter()
        .zip(&changes)
        .position(|(w, c)| w.end_instant(&event.timezone) > now && !cancelled(c));
    PageOccurrences {
        all,
        changes,
        next,
        timezone: event.timezone.clone(),
    }
}

/// The calendar entries of the site's own pages in the site language, in page order.
fn page_entries(
    config: &Config,
    pages: &[Page],
    occurrences: &HashMap<usize, PageOccurrences>,
    now: Timestamp,
) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut ordered: Vec<(&usize, &PageOccurrences)> = occurrences
        .iter()
        .filter(|(i, _)| pages[**i].doc.lang == config.language)
        .collect();
    ordered.sort_by_key(|(i, _)| **i);
    for (&page, occ) in ordered {
        for (when, change) in occ.all.iter().zip(&occ.changes) {
            entries.push(Entry {
                source: Source::Page(page),
                timezone: occ.timezone.clone(),
                when: when.clone(),
                ended: when.end_instant(&occ.timezone) <= now,
                change: *change,
            });
        }
    }
    entries
}

/// The calendar entries of the partners' events up to `horizon`.
fn partner_entries(partners: &[PartnerCalendar], now: Timestamp, horizon: Timestamp) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (c, calendar) in partners.iter().enumerate() {
        for (k, partner) in calendar.events.iter().enumerate() {
            let event = &partner.event;
            for session in event.sessions(horizon) {
                entries.push(Entry {
                    source: Source::Partner(c, k),
                    timezone: event.timezone.clone(),
                    ended: session.when.end_instant(&event.timezone) <= now,
                    when: session.when,
                    change: session.change,
                });
            }
        }
    }
    entries
}

/// Every month from the first occurrence to the last and the build month, with grids.
fn months(entries: &[Entry], today: Date, week_start: Weekday) -> Vec<Month> {
    let mut first = today.first_of_month();
    let mut last = today.first_of_month();
    for e in entries {
        first = first.min(e.when.first_day().first_of_month());
        last = last.max(e.when.last_day().first_of_month());
    }
    let by_day = by_day(entries);
    let mut out = Vec::new();
    let mut month = first;
    while month <= last {
        let month_end = month.last_of_month();
        let month_entries = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.when.first_day() <= month_end && e.when.last_day() >= month)
            .map(|(i, _)| i)
            .collect();
        out.push(Month {
            year: month.year(),
            month: month.month(),
            weeks: weeks(month, today, week_start, &by_day),
            entries: month_entries,
        });
        match month.checked_add(jiff::Span::new().months(1)) {
            Ok(next) => month = next,
            Err(_) => break,
        }
    }
    out
}

/// The entries on each day, by index.
fn by_day(entries: &[Entry]) -> BTreeMap<Date, Vec<usize>> {
    let mut by_day: BTreeMap<Date, Vec<usize>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        let mut d = e.when.first_day();
        let end = e.when.last_day();
        // A guard for very long ranges: a year of cells is plenty.
        let mut n = 0;
        while d <= end && n < 400 {
            by_day.entry(d).or_default().push(i);
            n += 1;
            match d.tomorrow() {
                Ok(next) => d = next,
                Err(_) => break,
            }
        }
    }
    by_day
}

/// The grid of the month starting on `month`: whole weeks from `week_start`, with the
/// days of the months around it.
fn weeks(
    month: Date,
    today: Date,
    week_start: Weekday,
    by_day: &BTreeMap<Date, Vec<usize>>,
) -> Vec<Vec<Day>> {
    let month_end = month.last_of_month();
    let back = week_start.until(month.weekday()) as i64;
    let mut day = month
        .checked_sub(jiff::Span::new().days(back))
        .unwrap_or(month);
    let mut weeks = Vec::new();
    while day <= month_end {
        let mut week = Vec::with_capacity(7);
        for _ in 0..7 {
            week.push(Day {
                date: day,
                in_month: day.month() == month.month(),
                today: day == today,
                entries: by_day.get(&day).cloned().unwrap_or_default(),
            });
            day = day.tomorrow().unwrap_or(day);
        }
        weeks.push(week);
    }
    weeks
}

/// The event pages of `members` split into upcoming (soonest first) and past (newest
/// first).
fn split(
    members: impl Iterator<Item = usize>,
    occurrences: &HashMap<usize, PageOccurrences>,
) -> EventLists {
    let mut upcoming = Vec::new();
    let mut past = Vec::new();
    for i in members {
        let Some(occ) = occurrences.get(&i) else {
            continue;
        };
        if occ.ended() {
            past.push(i);
        } else {
            upcoming.push(i);
        }
    }
    let start_of = |i: &usize| {
        let occ = &occurrences[i];
        occ.shown()
            .map(|w| w.start_instant(&occ.timezone))
            .unwrap_or(Timestamp::UNIX_EPOCH)
    };
    upcoming.sort_by_cached_key(|i| (start_of(i), *i));
    past.sort_by_cached_key(|i| (std::cmp::Reverse(start_of(i)), *i));
    EventLists { upcoming, past }
}

/// Upcoming and past lists for every section holding event pages, and for each home.
fn lists(
    config: &Config,
    pages: &[Page],
    occurrences: &HashMap<usize, PageOccurrences>,
) -> HashMap<usize, EventLists> {
    let split = |members: &mut dyn Iterator<Item = usize>| split(members, occurrences);
    let mut lists = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        let Some(section) = &page.section else {
            continue;
        };
        if page.parent.is_none() {
            let mut all = (0..pages.len()).filter(|&j| pages[j].doc.lang == page.doc.lang);
            let mut home = split(&mut all);
            home.upcoming.truncate(config.calendar.home_events);
            home.past.truncate(config.calendar.home_events);
            lists.insert(i, home);
        } else if section.pages.iter().any(|p| occurrences.contains_key(p)) {
            lists.insert(i, split(&mut section.pages.iter().copied()));
        }
    }
    lists
}
