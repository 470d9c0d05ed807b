//! Calendar pages: `/calendar/YYYY/MM/` for every month of the site calendar (a
//! Monday-first grid plus a list of the month's occurrences), `/calendar/` with the
//! build month, and `/calendar/YYYY/` listing the months of a year with counts.
//!
//! An output format of the `render` stage; [`plan`] lists its files and [`page`] renders one. Templates
//! `calendar-month.html` and `calendar-year.html` get a `calendar` view (documented
//! in `docs/templates.md`); the grid itself is computed in `site::calendar`.

use serde::Serialize;
use tera::Context;

use super::Rendering;
use super::event_view::{format_when, session_status, start_text};
use super::views::LinkView;
use crate::content::Kind;
use crate::content::event::{Change, When};
use crate::diag::{Diagnostic, Msg};
use crate::locale::{Lang, month_name, rfc3339_utc};
use crate::site::calendar::{Day, Entry, Month, Source};
use crate::site::{Page, Site, html_file};

/// A column heading of the grid.
#[derive(Debug, Serialize)]
pub struct WeekdayView {
    /// Short name (`一`, `Mon`).
    pub short: &'static str,
    /// Full name (`星期一`, `Monday`).
    pub long: &'static str,
}

/// What every view of an occurrence shows (a day cell, a bar, a list entry): its
/// page, its place, its status and the words the filter script matches. Flattened
/// into each, so templates read `e.title` whichever they hold.
#[derive(Debug, Clone, Serialize)]
pub struct OccurrenceView {
    /// Every taxonomy term of its page (tags, categories), joined by `|`, for the
    /// filter script (`data-terms`).
    pub terms: String,
    /// Its organizers' names, joined by `|` (`data-organizers`).
    pub organizers: String,
    /// The names its place goes by, joined by `|` (`data-venue`): the place as shown,
    /// and the title of the event's venue page when the occurrence is there.
    pub places: String,
    /// The note of a changed occurrence (`因台风改期`).
    pub note: Option<String>,
    /// Where: this occurrence's place (its venue's name, or as written).
    pub location: Option<String>,
    /// Title of the page.
    pub title: String,
    /// Its URL.
    pub url: String,
    /// `event` or `training`.
    pub kind: &'static str,
    /// The partner whose event it is (`X-WR-CALNAME` of its calendar); `None` for
    /// the site's own events, whose `kind` is `event` or `training` (a partner's is
    /// `partner`).
    pub partner: Option<String>,
    /// `scheduled`, `cancelled`, `postponed`, `rescheduled`.
    pub status: &'static str,
}

impl OccurrenceView {
    /// The shared view of `entry`.
    fn of(site: &Site, entry: &Entry) -> OccurrenceView {
        let shown = shown(site, entry);
        OccurrenceView {
            terms: terms_of(site, entry),
            organizers: organizers_of(site, entry),
            places: places_of(site, entry),
            note: note_of(site, entry),
            location: location_of(site, entry),
            title: shown.title,
            url: shown.url,
            kind: shown.kind,
            partner: shown.partner,
            status: status_of(site, entry),
        }
    }
}

/// An occurrence inside a day cell.
#[derive(Debug, Clone, Serialize)]
pub struct CellEvent {
    /// Page, place and status ([`OccurrenceView`]).
    #[serde(flatten)]
    pub occurrence: OccurrenceView,
    /// Start time on its first day (`09:00`); none for all-day and following days.
    pub time: Option<String>,
    /// True for whole-day occurrences.
    pub all_day: bool,
    /// True on the second and later days of an occurrence.
    pub continues: bool,
    /// True once it has ended at the build time.
    pub ended: bool,
    /// True when it touches more than one day: the week row draws it as a bar
    /// ([`WeekRow::bars`]), so a day cell lists only the others.
    pub spans: bool,
}

/// A multi-day occurrence drawn as one bar across the in-month days of a week row.
#[derive(Debug, Serialize)]
pub struct BarView {
    /// Page, place and status ([`OccurrenceView`]).
    #[serde(flatten)]
    pub occurrence: OccurrenceView,
    /// True once ended at the build time.
    pub ended: bool,
    /// Its whole date range in words (`2018年9月1日（星期六） – 9月30日（星期日）`).
    pub display: String,
    /// First grid column it covers in this row (1..7).
    pub col: usize,
    /// How many columns it covers.
    pub span: usize,
    /// Stacking line within the row (0 on top), so bars never overlap.
    pub lane: usize,
    /// True when it began before this row (draw a continuing marker on the left).
    pub before: bool,
    /// True when it goes on after this row (a marker on the right).
    pub after: bool,
}

/// What a week row of the month draws besides its days.
#[derive(Debug, Serialize)]
pub struct WeekRow {
    /// The row's in-month days in words (`9月3日–9日`).
    pub label: String,
    /// Multi-day occurrences, one bar each.
    pub bars: Vec<BarView>,
    /// Stacking lines the bars need.
    pub lanes: usize,
    /// True when nothing happens in the row's in-month days.
    pub empty: bool,
}

/// A day of the grid.
#[derive(Debug, Serialize)]
pub struct DayView {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Day of the month.
    pub day: i8,
    /// The date in words, for screen readers and the narrow-screen list.
    pub label: String,
    /// False for days of the neighbouring months.
    pub in_month: bool,
    /// True for the build day.
    pub today: bool,
    /// Occurrences touching this day.
    pub events: Vec<CellEvent>,
    /// Those of `events` on this day alone (the others are [`WeekRow::bars`]).
    pub singles: Vec<CellEvent>,
    /// True when an occurrence starts on this day (the narrow-screen list shows only
    /// those days, so a month-long event is not repeated thirty times).
    pub starts: bool,
}

/// An occurrence in the month's list.
#[derive(Debug, Serialize)]
pub struct EntryView {
    /// Page, place and status ([`OccurrenceView`]).
    #[serde(flatten)]
    pub occurrence: OccurrenceView,
    /// Date and time in the site language.
    pub display: String,
    /// Start (RFC 3339, or a date for all-day).
    pub start: String,
    /// Its first day, `YYYY-MM-DD` (as [`DayView::date`]).
    pub date: String,
    /// When it ends (RFC 3339 in UTC).
    pub ends_at: String,
    /// True once ended at the build time.
    pub ended: bool,
}

/// `calendar` in `calendar-month.html`.
#[derive(Debug, Serialize)]
pub struct MonthView {
    /// Year.
    pub year: i16,
    /// Month (1..12).
    pub month: i8,
    /// `2018年5月` / `May 2018`.
    pub title: String,
    /// Root-relative URL of the month page.
    pub url: String,
    /// URL of the year page.
    pub year_url: String,
    /// Previous month, if the calendar has it.
    pub prev: Option<LinkView<'static>>,
    /// Next month, if the calendar has it.
    pub next: Option<LinkView<'static>>,
    /// True for the build month.
    pub is_current: bool,
    /// True on `/calendar/` (the build month shown at the calendar's own address).
    pub is_index: bool,
    /// The build day, `YYYY-MM-DD`.
    pub today: String,
    /// The kind this page shows (`event`, `training`), or none for every kind.
    pub kind: Option<&'static str>,
    /// This month for every kind and for each kind, when the calendar has both
    /// kinds (else empty): the filter by kind without a script.
    pub kinds: Vec<KindLink>,
    /// URL of the build month of this page's kind (`/calendar/`, `/calendar/training/`).
    pub current_url: String,
    /// Absolute URL of the embeddable calendar, for the `<iframe>` snippet.
    pub embed: String,
    /// Column headings, in grid order.
    pub weekdays: Vec<WeekdayView>,
    /// Weeks of seven days.
    pub weeks: Vec<Vec<DayView>>,
    /// For each of `weeks`, its multi-day bars and label.
    pub rows: Vec<WeekRow>,
    /// Every occurrence touching the month, in order.
    pub entries: Vec<EntryView>,
    /// URL of `/calendar.ics`.
    pub ics: String,
    /// `webcal://` URL of `/calendar.ics`.
    pub webcal: String,
}

/// This month narrowed to one kind, or for every kind.
#[derive(Debug, Serialize)]
pub struct KindLink {
    /// `event`, `training`, or none for every kind.
    pub kind: Option<&'static str>,
    /// URL of this month's page of that kind.
    pub url: String,
    /// True for the page it is on.
    pub current: bool,
}

/// A month in `calendar-year.html`.
#[derive(Debug, Serialize)]
pub struct YearMonthView {
    /// Month (1..12).
    pub month: i8,
    /// `5月` / `May`.
    pub title: String,
    /// URL of the month page.
    pub url: String,
    /// Occurrences touching it.
    pub count: usize,
}

/// `calendar` in `calendar-year.html`.
#[derive(Debug, Serialize)]
pub struct YearView {
    /// Year.
    pub year: i16,
    /// `2018年` / `2018`.
    pub title: String,
    /// URL of the year page.
    pub url: String,
    /// Months of the calendar in this year.
    pub months: Vec<YearMonthView>,
    /// Previous year, if any.
    pub prev: Option<LinkView<'static>>,
    /// Next year, if any.
    pub next: Option<LinkView<'static>>,
}

/// The kinds a visitor can narrow the calendar to, each with month pages of its own
/// (`/calendar/training/2018/05/`), so the filter by kind works without a script.
const FILTER_KINDS: [Kind; 2] = [Kind::Event, Kind::Training];

/// The kinds with month pages of their own: both, when the calendar has both (with
/// one kind only, a page of it would repeat the calendar).
fn filter_kinds(site: &Site) -> Vec<Kind> {
    let cal = &site.calendar;
    let has = |k: &Kind| cal.entries.iter().any(|e| kind_of(site, e) == Some(*k));
    if FILTER_KINDS.iter().all(has) {
        FILTER_KINDS.to_vec()
    } else {
        Vec::new()
    }
}

/// Site path of the calendar of one kind (`/calendar/training/`), or of every kind.
fn kind_root(kind: Option<Kind>) -> String {
    match kind {
        Some(k) => format!("/calendar/{}/", k.name()),
        None => "/calendar/".to_string(),
    }
}

/// Site path of a month page of one kind (`/calendar/training/2018/05/`), or of every kind.
fn kind_month_path(kind: Option<Kind>, month: &Month) -> String {
    match kind {
        Some(_) => format!("{}{:04}/{:02}/", kind_root(kind), month.year, month.month),
        None => month.path(),
    }
}

/// Site path of the embeddable calendar in language `k` (0: the site's language,
/// then `[languages]` in order): `/calendar/embed/`, `/en/calendar/embed/`.
fn embed_path(site: &Site, k: usize) -> String {
    match k.checked_sub(1).and_then(|l| site.config.languages.get(l)) {
        Some(l) => format!("/{}/calendar/embed/", l.code),
        None => "/calendar/embed/".to_string(),
    }
}

/// The output files of the calendar, each with what renders it: every month, the
/// build month again at `/calendar/`, the same for each kind when the calendar has
/// both kinds, every year (when the theme has `calendar-year.html`) and the
/// embeddable calendar in every language (when the theme has `calendar-embed.html`).
/// Missing calendar templates mean the theme has no calendar.
pub fn plan(r: &Rendering) -> Vec<(String, CalendarPage)> {
    let cal = &r.site.calendar;
    let mut files = Vec::new();
    if !r.engine.has("calendar-month.html") || cal.months.is_empty() {
        return files;
    }
    let kinds = filter_kinds(r.site);
    for kind in std::iter::once(None).chain(kinds.into_iter().map(Some)) {
        for (i, month) in cal.months.iter().enumerate() {
            let path = kind_month_path(kind, month);
            files.push((file(&path), CalendarPage::Month(i, kind)));
            if i == cal.current_month() {
                files.push((file(&kind_root(kind)), CalendarPage::Index(i, kind)));
            }
        }
    }
    if r.engine.has("calendar-year.html") {
        for (k, year) in years(r.site).into_iter().enumerate() {
            let path = format!("/calendar/{year:04}/");
            files.push((file(&path), CalendarPage::Year(k)));
        }
    }
    if r.engine.has("calendar-embed.html") {
        for k in 0..=r.site.config.languages.len() {
            files.push((file(&embed_path(r.site, k)), CalendarPage::Embed(k)));
        }
    }
    files
}

/// One calendar page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarPage {
    /// Month `i` of the calendar, at its own address: every kind, or one.
    Month(usize, Option<Kind>),
    /// Month `i` (the build month) at `/calendar/` (or `/calendar/<kind>/`).
    Index(usize, Option<Kind>),
    /// The `k`-th year of the calendar.
    Year(usize),
    /// The embeddable calendar in language `k` (0: the site's language, then
    /// `[languages]` in order).
    Embed(usize),
}

/// Renders one calendar page.
pub fn page(r: &Rendering, which: CalendarPage) -> Result<(String, Vec<u8>), Diagnostic> {
    let site = r.site;
    let cal = &site.calendar;
    let lang = site.config.lang();
    match which {
        CalendarPage::Month(i, kind) | CalendarPage::Index(i, kind) => {
            let month = &cal.months[i];
            let mut view = month_view(site, i, month, lang, kind);
            let path = kind_month_path(kind, month);
            if which == CalendarPage::Index(i, kind) {
                view.is_index = true;
                let root = kind_root(kind);
                let html = render(r, "calendar-month.html", &view, &root, &path)?;
                Ok((file(&root), html))
            } else {
                let html = render(r, "calendar-month.html", &view, &path, &path)?;
                Ok((file(&path), html))
            }
        }
        CalendarPage::Year(k) => year_page(r, k, lang),
        CalendarPage::Embed(k) => embed_page(r, k),
    }
}

/// Renders the page of the `k`-th year of the calendar.
fn year_page(r: &Rendering, k: usize, lang: Lang) -> Result<(String, Vec<u8>), Diagnostic> {
    let site = r.site;
    let cal = &site.calendar;
    let years = years(site);
    let year = years[k];
    let link = |y: i16| LinkView {
        title: if lang == Lang::Zh {
            format!("{y}年").into()
        } else {
            y.to_string().into()
        },
        url: site.url(&format!("/calendar/{y:04}/")).into(),
    };
    let view = YearView {
        year,
        title: if lang == Lang::Zh {
            format!("{year}年")
        } else {
            year.to_string()
        },
        url: site.url(&format!("/calendar/{year:04}/")),
        months: cal
            .months
            .iter()
            .filter(|m| m.year == year)
            .map(|m| YearMonthView {
                month: m.month,
                title: if lang == Lang::Zh {
                    format!("{}月", m.month)
                } else {
                    month_name(m.month).to_string()
                },
                url: site.url(&m.path()),
                count: m.entries.len(),
            })
            .collect(),
        prev: k.checked_sub(1).map(|p| link(years[p])),
        next: years.get(k + 1).map(|&y| link(y)),
    };
    let path = format!("/calendar/{year:04}/");
    let html = render(r, "calendar-year.html", &view, &path, &path)?;
    Ok((file(&path), html))
}

/// How many occurrences not yet ended the embeddable calendar lists, at most: enough
/// that a filter by venue or tag still finds some, few enough to stay small.
const EMBED_UPCOMING: usize = 30;

/// `calendar` in `calendar-embed.html`.
#[derive(Debug, Serialize)]
pub struct EmbedView {
    /// Occurrences not yet ended at the build time, soonest first (at most 30).
    pub upcoming: Vec<EntryView>,
    /// The build month, as on `/calendar/`.
    pub month: MonthView,
    /// Absolute URL of the full calendar (`/calendar/`), for the link out.
    pub calendar_url: String,
}

/// Renders the embeddable calendar in language `k`: the build month and what comes
/// next, dates and words in that language.
fn embed_page(r: &Rendering, k: usize) -> Result<(String, Vec<u8>), Diagnostic> {
    let site = r.site;
    let cal = &site.calendar;
    let code = match k.checked_sub(1).and_then(|l| site.config.languages.get(l)) {
        Some(l) => l.code.as_str(),
        None => site.config.language.as_str(),
    };
    let lang = Lang::of(code);
    let i = cal.current_month();
    let view = EmbedView {
        upcoming: cal
            .entries
            .iter()
            .filter(|e| !e.ended)
            .take(EMBED_UPCOMING)
            .map(|e| entry_view(site, e, lang))
            .collect(),
        month: month_view(site, i, &cal.months[i], lang, None),
        calendar_url: site.config.absolute_url("/calendar/"),
    };
    let path = embed_path(site, k);
    let mut context = Context::new();
    context.insert("lang", code);
    context.insert("current_path", &path);
    context.insert("current_url", &site.config.absolute_url(&path));
    context.insert("calendar", &view);
    let html = r
        .engine
        .render("calendar-embed.html", &context, || Msg::CalendarPage {
            path: path.clone(),
        })?;
    Ok((file(&path), html))
}

/// The years of the calendar, in order.
fn years(site: &Site) -> Vec<i16> {
    let mut years: Vec<i16> = site.calendar.months.iter().map(|m| m.year).collect();
    years.dedup();
    years
}

fn file(path: &str) -> String {
    html_file(path).to_string_lossy().into_owned()
}

fn render(
    r: &Rendering,
    template: &str,
    view: &impl Serialize,
    path: &str,
    canonical: &str,
) -> Result<Vec<u8>, Diagnostic> {
    let site = r.site;
    let mut context = Context::new();
    context.insert("lang", &site.config.language);
    context.insert("current_path", path);
    context.insert("current_url", &site.config.absolute_url(canonical));
    context.insert("calendar", view);
    r.engine.render(template, &context, || Msg::CalendarPage {
        path: path.to_string(),
    })
}

/// True when an occurrence belongs on a calendar of `kind` (every one without a kind).
fn keeps(site: &Site, entry: &Entry, kind: Option<Kind>) -> bool {
    kind.is_none_or(|k| kind_of(site, entry) == Some(k))
}

/// The kind of an occurrence's page; `None` for a partner's event.
fn kind_of(site: &Site, entry: &Entry) -> Option<Kind> {
    match entry.source {
        Source::Page(i) => Some(site.pages[i].kind),
        Source::Partner(..) => None,
    }
}

/// The partners' occurrences (`data/calendars/`) that have not ended, soonest first,
/// as the month's list shows them: the events section lists them beside its own.
pub fn partner_upcoming(site: &Site, lang: Lang) -> Vec<EntryView> {
    site.calendar
        .entries
        .iter()
        .filter(|e| matches!(e.source, Source::Partner(..)) && !e.ended)
        .map(|e| entry_view(site, e, lang))
        .collect()
}

/// An occurrence as the month's list (and the embeddable calendar) shows it.
fn entry_view(site: &Site, entry: &Entry, lang: Lang) -> EntryView {
    let tz = &entry.timezone;
    EntryView {
        occurrence: OccurrenceView::of(site, entry),
        display: format_when(&entry.when, lang),
        date: entry.when.first_day().to_string(),
        start: start_text(&entry.when),
        ends_at: rfc3339_utc(entry.when.end_instant(tz)),
        ended: entry.ended,
    }
}

fn month_view(
    site: &Site,
    index: usize,
    month: &Month,
    lang: Lang,
    kind: Option<Kind>,
) -> MonthView {
    let cal = &site.calendar;
    let link = |m: &Month| LinkView {
        title: lang.month_of_year(m.year, m.month).into(),
        url: site.url(&kind_month_path(kind, m)).into(),
    };
    let weekdays = (0..7)
        .map(|k| {
            let w = cal.week_start.wrapping_add(k);
            WeekdayView {
                short: lang.weekday_short(w),
                long: lang.weekday(w),
            }
        })
        .collect();
    let weeks = month
        .weeks
        .iter()
        .map(|week| {
            week.iter()
                .map(|day| day_view(site, day, lang, kind))
                .collect()
        })
        .collect();
    let entries = month
        .entries
        .iter()
        .map(|&e| &cal.entries[e])
        .filter(|entry| keeps(site, entry, kind))
        .map(|entry| entry_view(site, entry, lang))
        .collect();
    let rows = month
        .weeks
        .iter()
        .map(|week| week_row(site, week, lang, kind))
        .collect();
    let feed = site.config.absolute_url("/calendar.ics");
    let kinds = filter_kinds(site);
    MonthView {
        year: month.year,
        month: month.month,
        title: lang.month_of_year(month.year, month.month),
        url: site.url(&kind_month_path(kind, month)),
        year_url: site.url(&format!("/calendar/{:04}/", month.year)),
        prev: index.checked_sub(1).map(|p| link(&cal.months[p])),
        next: cal.months.get(index + 1).map(link),
        is_current: index == cal.current_month(),
        is_index: false,
        today: cal.today.to_string(),
        kind: kind.map(Kind::name),
        kinds: if kinds.is_empty() {
            Vec::new()
        } else {
            std::iter::once(None)
                .chain(kinds.into_iter().map(Some))
                .map(|k| KindLink {
                    kind: k.map(Kind::name),
                    url: site.url(&kind_month_path(k, month)),
                    current: k == kind,
                })
                .collect()
        },
        current_url: site.url(&kind_root(kind)),
        embed: site.config.absolute_url("/calendar/embed/"),
        weekdays,
        weeks,
        rows,
        entries,
        ics: site.url("/calendar.ics"),
        webcal: feed
            .replacen("https://", "webcal://", 1)
            .replacen("http://", "webcal://", 1),
    }
}

/// What the views show of an occurrence's event: a page of the site, or a partner's
/// event (its title, a link to the partner's page for it, the partner's name).
struct Shown {
    title: String,
    url: String,
    kind: &'static str,
    partner: Option<String>,
}

fn shown(site: &Site, entry: &Entry) -> Shown {
    match entry.source {
        Source::Page(i) => {
            let page = &site.pages[i];
            Shown {
                title: page.doc.title.clone(),
                url: page.url.clone(),
                kind: page.kind.name(),
                partner: None,
            }
        }
        Source::Partner(c, k) => {
            let calendar = &site.partners[c];
            let event = &calendar.events[k];
            Shown {
                title: event.title.clone(),
                url: event.url.clone().unwrap_or_default(),
                kind: "partner",
                partner: Some(calendar.name.clone()),
            }
        }
    }
}

/// The status of one occurrence: its change's, else the event's.
fn status_of(site: &Site, entry: &Entry) -> &'static str {
    site.event_of(entry.source).map_or("scheduled", |e| {
        session_status(e, change_of(site, entry)).name()
    })
}

/// The change of an occurrence, if it has one.
fn change_of<'s>(site: &'s Site, entry: &Entry) -> Option<&'s Change> {
    let event = site.event_of(entry.source)?;
    entry.change.and_then(|c| event.changes.get(c))
}

/// Where an occurrence takes place: its change's place, else the event's (as shown,
/// with its venue's name).
fn location_of(site: &Site, entry: &Entry) -> Option<String> {
    let event = site.event_of(entry.source)?;
    let change = entry.change.and_then(|c| event.changes.get(c));
    change
        .and_then(|c| c.location.clone().or(c.address.clone()))
        .or_else(|| event.location.clone())
}

/// Every taxonomy term of an occurrence's page, joined by `|` (the filter script
/// splits them); none for a partner's event.
fn terms_of(site: &Site, entry: &Entry) -> String {
    let Source::Page(i) = entry.source else {
        return String::new();
    };
    let page: &Page = &site.pages[i];
    let mut terms: Vec<&str> = Vec::new();
    for list in page.doc.taxonomies.values() {
        terms.extend(list.terms.iter().map(String::as_str));
    }
    terms.join("|")
}

/// The organizers of an occurrence's event by name, joined by `|`: the titles of
/// its organizer pages, else the organizer as written; a partner's event, the
/// partner's name.
fn organizers_of(site: &Site, entry: &Entry) -> String {
    let page = match entry.source {
        Source::Page(i) => i,
        Source::Partner(c, _) => return site.partners[c].name.clone(),
    };
    if let Some(places) = site.places.of_event.get(&page)
        && !places.organizers.is_empty()
    {
        let names: Vec<&str> = places
            .organizers
            .iter()
            .map(|&o| site.pages[o].doc.title.as_str())
            .collect();
        return names.join("|");
    }
    site.event(page)
        .and_then(|e| e.organizer.clone())
        .unwrap_or_default()
}

/// The names of an occurrence's place, joined by `|`: as shown ([`location_of`]), and
/// the title of the event's venue page unless a change moved this occurrence elsewhere.
fn places_of(site: &Site, entry: &Entry) -> String {
    let moved = change_of(site, entry).is_some_and(|c| c.location.is_some() || c.venue.is_some());
    let page = match entry.source {
        Source::Page(i) => Some(i),
        Source::Partner(..) => None,
    };
    let venue = page
        .and_then(|i| site.places.of_event.get(&i))
        .and_then(|p| p.venue)
        .filter(|_| !moved)
        .map(|v| site.pages[v].doc.title.clone());
    let mut names: Vec<String> = venue.into_iter().collect();
    if let Some(shown) = location_of(site, entry)
        && !names.contains(&shown)
    {
        names.push(shown);
    }
    names.join("|")
}

/// The note of an occurrence's change.
fn note_of(site: &Site, entry: &Entry) -> Option<String> {
    change_of(site, entry).and_then(|c| c.note.clone())
}

/// The bars of one week row: every multi-day occurrence touching its in-month days,
/// clipped to them, longest first, each on the first line where it fits.
fn week_row(site: &Site, week: &[Day], lang: Lang, kind: Option<Kind>) -> WeekRow {
    let cal = &site.calendar;
    let days: Vec<(usize, &Day)> = week
        .iter()
        .enumerate()
        .filter(|(_, d)| d.in_month)
        .collect();
    let mut seen: Vec<usize> = Vec::new();
    for (_, day) in &days {
        for &e in &day.entries {
            let when = &cal.entries[e].when;
            if when.first_day() != when.last_day()
                && !seen.contains(&e)
                && keeps(site, &cal.entries[e], kind)
            {
                seen.push(e);
            }
        }
    }
    let mut bars: Vec<BarView> = seen
        .iter()
        .map(|&e| {
            let entry = &cal.entries[e];
            let touched: Vec<&(usize, &Day)> = days
                .iter()
                .filter(|(_, d)| d.entries.contains(&e))
                .collect();
            let (first, last) = (touched[0], touched[touched.len() - 1]);
            BarView {
                occurrence: OccurrenceView::of(site, entry),
                ended: entry.ended,
                display: format_when(&entry.when, lang),
                col: first.0 + 1,
                span: last.0 - first.0 + 1,
                lane: 0,
                before: entry.when.first_day() < first.1.date,
                after: entry.when.last_day() > last.1.date,
            }
        })
        .collect();
    bars.sort_by(|a, b| a.col.cmp(&b.col).then(b.span.cmp(&a.span)));
    let mut lane_ends: Vec<usize> = Vec::new();
    for bar in &mut bars {
        let end = bar.col + bar.span - 1;
        match lane_ends.iter().position(|&last| last < bar.col) {
            Some(l) => {
                lane_ends[l] = end;
                bar.lane = l;
            }
            None => {
                bar.lane = lane_ends.len();
                lane_ends.push(end);
            }
        }
    }
    WeekRow {
        label: week_label(&days, lang),
        empty: days.iter().all(|(_, d)| {
            !d.entries
                .iter()
                .any(|&e| keeps(site, &cal.entries[e], kind))
        }),
        lanes: lane_ends.len(),
        bars,
    }
}

/// `9月3日–9日` / `3–9 September`: the in-month days of a week row.
fn week_label(days: &[(usize, &Day)], lang: Lang) -> String {
    let (Some((_, first)), Some((_, last))) = (days.first(), days.last()) else {
        return String::new();
    };
    let (m, d0, d1) = (first.date.month(), first.date.day(), last.date.day());
    match (lang, d0 == d1) {
        (Lang::Zh, true) => format!("{m}月{d0}日"),
        (Lang::Zh, false) => format!("{m}月{d0}日–{d1}日"),
        (Lang::En, true) => format!("{d0} {}", month_name(m)),
        (Lang::En, false) => format!("{d0}–{d1} {}", month_name(m)),
    }
}

/// One day of the grid with the occurrences touching it (none for the days of the
/// neighbouring months).
fn day_view(site: &Site, day: &Day, lang: Lang, kind: Option<Kind>) -> DayView {
    let cal = &site.calendar;
    let events: Vec<CellEvent> = if day.in_month {
        day.entries
            .iter()
            .map(|&e| &cal.entries[e])
            .filter(|entry| keeps(site, entry, kind))
            .map(|entry| cell_event(site, entry, day))
            .collect()
    } else {
        Vec::new()
    };
    DayView {
        starts: day.in_month
            && day
                .entries
                .iter()
                .map(|&e| &cal.entries[e])
                .filter(|entry| keeps(site, entry, kind))
                .any(|entry| entry.when.first_day() == day.date || day.date.day() == 1),
        date: day.date.to_string(),
        day: day.date.day(),
        label: lang.day(day.date, true),
        in_month: day.in_month,
        today: day.today,
        singles: events.iter().filter(|e| !e.spans).cloned().collect(),
        events,
    }
}

/// An occurrence as a day cell shows it.
fn cell_event(site: &Site, entry: &Entry, day: &Day) -> CellEvent {
    let continues = entry.when.first_day() != day.date;
    CellEvent {
        occurrence: OccurrenceView::of(site, entry),
        time: match &entry.when {
            When::Timed { start, .. } if !continues => Some(start.strftime("%H:%M").to_string()),
            _ => None,
        },
        all_day: entry.when.is_all_day(),
        continues,
        ended: entry.ended,
        spans: entry.when.first_day() != entry.when.last_day(),
    }
}
