//! The independent expansion check: kepu's calendar of recurring events with extra
//! dates, skipped dates and changed occurrences (one series across the October DST
//! change in Berlin, one across November's in New York, one of whole days) is
//! expanded a second time, from kepu's own `.ics`, by Python's `icalendar` and
//! `recurring-ical-events` (tests/ical/expand.py), and every occurrence kepu lists
//! must be the same: same instants, same cancelled and moved sessions.
//!
//! The Python packages live in a venv under target/ that `.ci/run` makes
//! (`target/ical-venv`), or the Python named by `KEPU_ICAL_PYTHON`. Without it the test
//! fails, unless skipping is asked for (see [`crate::support::tools`]).

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{self, Site};

fn event(title: &str, table: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = 2018-01-01\n\n[event]\n{table}+++\n正文。\n")
}

fn fixture() -> Site {
    Site::bare()
        .file(
            "site.toml",
            "title = \"测试站\"\nbase_url = \"https://example.org\"\ntimezone = \"Asia/Shanghai\"\n",
        )
        .file(
            "content/events/_index.md",
            "+++\ntitle = \"活动\"\nkind = \"event\"\n+++\n",
        )
        // Monthly, with an extra date, a skipped one, a moved one and a cancelled one.
        .file(
            "content/events/talks.md",
            &event(
                "科普讲座",
                "start = 2018-09-08T09:30:00\nend = 2018-09-08T11:30:00\nrecurrence = \"FREQ=MONTHLY;BYDAY=2SA;COUNT=4\"\nrdates = [2018-12-29T09:30:00]\nexdates = [2018-11-10]\n[[event.changes]]\noccurrence = 2018-10-13\nstart = 2018-10-14T14:00:00\nnote = \"因台风改期\"\n[[event.changes]]\noccurrence = 2018-12-08\nstatus = \"cancelled\"\nnote = \"场馆检修\"\n",
            ),
        )
        // Berlin, weekly across the end of summer time, one session moved onto the
        // very day the clocks change.
        .file(
            "content/events/berlin.md",
            &event(
                "柏林交流",
                "start = 2018-10-13T10:00:00\nend = 2018-10-13T12:00:00\ntimezone = \"Europe/Berlin\"\nrecurrence = \"FREQ=WEEKLY;COUNT=5\"\nrdates = [2018-11-01T18:00:00]\nexdates = [2018-10-20]\n[[event.changes]]\noccurrence = 2018-10-27\nstart = 2018-10-28T10:00:00\nend = 2018-10-28T13:00:00\n",
            ),
        )
        // New York, daily late in the evening across the November change, with one
        // session cancelled.
        .file(
            "content/events/newyork.md",
            &event(
                "纽约连线",
                "start = 2018-11-02T23:30:00\nend = 2018-11-03T00:30:00\ntimezone = \"America/New_York\"\nrecurrence = \"FREQ=DAILY;UNTIL=20181106\"\n[[event.changes]]\noccurrence = 2018-11-04\nstatus = \"cancelled\"\n",
            ),
        )
        // Whole days: a two-day weekend camp, weekly, one weekend moved by a day.
        .file(
            "content/events/camp.md",
            &event(
                "科学营",
                "start = 2018-07-07\nend = 2018-07-08\nrecurrence = \"FREQ=WEEKLY;COUNT=4\"\nexdates = [2018-07-14]\nrdates = [2018-08-04]\n[[event.changes]]\noccurrence = 2018-07-21\nstart = 2018-07-22\nnote = \"改到周日开营\"\n",
            ),
        )
}

/// `YYYY-MM-DDTHH:MM:SS±HH:MM` or an all-day `YYYY-MM-DD` (midnight in Shanghai) as
/// a UTC instant.
fn utc(text: &str) -> String {
    let ts: jiff::Timestamp = if text.len() == 10 {
        let day: jiff::civil::Date = text.parse().unwrap();
        jiff::tz::TimeZone::get("Asia/Shanghai")
            .unwrap()
            .to_zoned_datetime(day.to_datetime(jiff::civil::Time::midnight()))
            .unwrap()
            .timestamp()
    } else {
        text.parse().unwrap()
    };
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Every occurrence kepu lists in its month pages (page, start, status), with its end
/// from the event page's list of dates: `URL-PATH START END STATUS`, sorted.
fn kepu_lists(public: &Path) -> Vec<String> {
    let mut ends: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut lines = Vec::new();
    let months = crate::support::files_under(&public.join("calendar"));
    for month in months.iter().filter(|m| m.matches('/').count() == 2) {
        let html = std::fs::read_to_string(public.join("calendar").join(month)).unwrap();
        for item in html.split("<li class=\"kind-").skip(1) {
            let item = &item[..item.find("</li>").unwrap()];
            let url = between(item, "<a href=\"", "\"");
            let start = utc(between(item, "<time datetime=\"", "\""));
            let status = if item.contains("badge-cancelled") {
                "cancelled"
            } else if item.contains("badge-rescheduled") {
                "moved"
            } else {
                "scheduled"
            };
            if !ends.keys().any(|(u, _)| u == url) {
                let page = std::fs::read_to_string(
                    public.join(url.trim_start_matches('/')).join("index.html"),
                )
                .unwrap();
                let list = between(&page, "id=\"occurrences-h\"", "</section>");
                for li in list.split("<li data-ends=\"").skip(1) {
                    let end = li[..li.find('"').unwrap()].to_string();
                    let start = utc(between(li, "<time datetime=\"", "\""));
                    ends.insert((url.to_string(), start), end);
                }
            }
            let end = ends
                .get(&(url.to_string(), start.clone()))
                .unwrap_or_else(|| panic!("{url} {start} is not in the page's list of dates"));
            lines.push(format!("{url} {start} {end} {status}"));
        }
    }
    lines.sort();
    lines
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    crate::support::between(text, start, end)
}

#[test]
fn every_occurrence_kepu_lists_is_what_an_independent_expansion_of_its_ics_gives() {
    let site = fixture();
    site.build(&[]).assert_ok();
    let public = site.root().join("public");
    let Some(theirs) = support::ical_script("expand.py", &public.join("calendar.ics")) else {
        return;
    };
    let ours = kepu_lists(&public);
    assert_eq!(
        ours, theirs,
        "kepu (left) and recurring-ical-events (right)"
    );
    // The fixture is what it claims: the DST sessions, the moves and cancellations.
    for line in [
        // Berlin: 10:00 CEST before the change, 10:00 CET after it; moved to the 28th.
        "/events/berlin/ 2018-10-13T08:00:00Z 2018-10-13T10:00:00Z scheduled",
        "/events/berlin/ 2018-10-28T09:00:00Z 2018-10-28T12:00:00Z moved",
        "/events/berlin/ 2018-11-01T17:00:00Z 2018-11-01T19:00:00Z scheduled",
        "/events/berlin/ 2018-11-10T09:00:00Z 2018-11-10T11:00:00Z scheduled",
        // New York: 23:30 EDT, then 23:30 EST; the 4th cancelled.
        "/events/newyork/ 2018-11-03T03:30:00Z 2018-11-03T04:30:00Z scheduled",
        "/events/newyork/ 2018-11-05T04:30:00Z 2018-11-05T05:30:00Z cancelled",
        "/events/newyork/ 2018-11-07T04:30:00Z 2018-11-07T05:30:00Z scheduled",
        "/events/newyork/ 2018-11-06T04:30:00Z 2018-11-06T05:30:00Z scheduled",
        "/events/talks/ 2018-10-14T06:00:00Z 2018-10-14T08:00:00Z moved",
        "/events/talks/ 2018-12-08T01:30:00Z 2018-12-08T03:30:00Z cancelled",
        "/events/talks/ 2018-12-29T01:30:00Z 2018-12-29T03:30:00Z scheduled",
        "/events/camp/ 2018-07-21T16:00:00Z 2018-07-23T16:00:00Z moved",
        "/events/camp/ 2018-08-03T16:00:00Z 2018-08-05T16:00:00Z scheduled",
    ] {
        assert!(
            ours.iter().any(|l| l == line),
            "{line} in\n{}",
            ours.join("\n")
        );
    }
    assert!(
        !ours.iter().any(|l| l.contains("2018-10-20T")),
        "skipped Berlin session"
    );
    assert!(
        !ours.iter().any(|l| l.contains("2018-11-10T01:30")),
        "skipped talk"
    );
    assert!(
        !ours.iter().any(|l| l.contains("2018-07-13T16:00")),
        "skipped camp"
    );
}
