//! Partner calendars end to end: the `.ics` files of `data/calendars/` join the month
//! pages and the JSON API as partner events (named by `X-WR-CALNAME`, linking to the
//! partner's URL, no page of their own), expanded by kepu's own recurrence code —
//! checked against Python's `recurring-ical-events` reading the partner's file — and
//! stay out of `/calendar.ics` unless `[calendar] reexport_partners = true`. A file
//! kepu cannot read is a warning naming its line, and the build goes on.

use std::path::Path;

use serde_json::Value;

use crate::support::{self, Site};

/// A partner's feed: weekly in Berlin across the end of summer time, one session
/// skipped (EXDATE), one moved onto the day the clocks change and one cancelled
/// (overrides), and a two-day fair with an extra date (RDATE).
const PARTNER: &str = "BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Kexie//Calendar//ZH\r
X-WR-CALNAME:东莞市科协\r
X-WR-TIMEZONE:Asia/Shanghai\r
BEGIN:VEVENT\r
UID:salon@kexie.example.org\r
DTSTAMP:20180801T000000Z\r
SUMMARY:科技沙龙\r
DTSTART;TZID=Europe/Berlin:20181013T100000\r
DTEND;TZID=Europe/Berlin:20181013T120000\r
RRULE:FREQ=WEEKLY;COUNT=5\r
EXDATE;TZID=Europe/Berlin:20181020T100000\r
LOCATION:柏林\\, 中国文化中心\r
URL:https://kexie.example.org/salon\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:salon@kexie.example.org\r
DTSTAMP:20180801T000000Z\r
RECURRENCE-ID;TZID=Europe/Berlin:20181027T100000\r
DTSTART;TZID=Europe/Berlin:20181028T100000\r
DTEND;TZID=Europe/Berlin:20181028T130000\r
SUMMARY:科技沙龙\r
URL:https://kexie.example.org/salon\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:salon@kexie.example.org\r
DTSTAMP:20180801T000000Z\r
RECURRENCE-ID;TZID=Europe/Berlin:20181103T100000\r
DTSTART;TZID=Europe/Berlin:20181103T100000\r
DTEND;TZID=Europe/Berlin:20181103T120000\r
STATUS:CANCELLED\r
SUMMARY:科技沙龙\r
URL:https://kexie.example.org/salon\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:fair@kexie.example.org\r
DTSTAMP:20180801T000000Z\r
SUMMARY:科普\r
 市集\r
DTSTART;VALUE=DATE:20181110\r
DTEND;VALUE=DATE:20181112\r
RDATE;VALUE=DATE:20181201\r
URL:https://kexie.example.org/fair\r
END:VEVENT\r
END:VCALENDAR\r
";

fn fixture(site_toml_extra: &str) -> Site {
    Site::bare()
        .file(
            "site.toml",
            &format!("title = \"测试站\"\nbase_url = \"https://example.org\"\ntimezone = \"Asia/Shanghai\"\n{site_toml_extra}"),
        )
        .file("content/events/_index.md", "+++\ntitle = \"活动\"\nkind = \"event\"\n+++\n")
        .file(
            "content/events/own.md",
            "+++\ntitle = \"本会讲座\"\ndate = 2018-01-01\n[event]\nstart = 2018-10-13T09:30:00\nend = 2018-10-13T11:30:00\n+++\n",
        )
        .file("data/calendars/kexie.ics", PARTNER)
}

/// `URL-PATH START END STATUS` of every partner occurrence of the month files, as
/// `tests/ical/expand.py` prints them (UTC; whole days from midnight in Shanghai).
fn kepu_partner_lines(public: &Path) -> Vec<String> {
    let utc = |text: &str, next_day: bool| -> String {
        let ts: jiff::Timestamp = if text.len() == 10 {
            let mut day: jiff::civil::Date = text.parse().unwrap();
            if next_day {
                day = day.tomorrow().unwrap();
            }
            jiff::tz::TimeZone::get("Asia/Shanghai")
                .unwrap()
                .to_zoned_datetime(day.to_datetime(jiff::civil::Time::midnight()))
                .unwrap()
                .timestamp()
        } else {
            text.parse().unwrap()
        };
        ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    };
    let mut lines = Vec::new();
    for month in support::files_under(&public.join("api/events")) {
        let text = std::fs::read_to_string(public.join("api/events").join(&month)).unwrap();
        let json: Value = serde_json::from_str(&text).unwrap();
        for e in json["events"].as_array().unwrap() {
            if e["kind"] != "partner" {
                continue;
            }
            let url = e["url"].as_str().unwrap();
            let path = &url[url.find(".org").unwrap() + 4..];
            let status = if e["status"] == "cancelled" {
                "cancelled"
            } else if e["moved"] == true {
                "moved"
            } else {
                "scheduled"
            };
            let start = utc(e["start"].as_str().unwrap(), false);
            let end = utc(e["end"].as_str().unwrap(), true);
            let line = format!("{path} {start} {end} {status}");
            // An occurrence across two months is in both files.
            if !lines.contains(&line) {
                lines.push(line);
            }
        }
    }
    lines.sort();
    lines
}

#[test]
fn partner_occurrences_are_what_an_independent_expansion_of_the_partner_file_gives() {
    let site = fixture("");
    site.build(&[]).assert_ok();
    let public = site.root().join("public");
    let ours = kepu_partner_lines(&public);
    // Written out, so that a failure of the Python side cannot hide an empty list.
    assert_eq!(
        ours,
        [
            "/fair 2018-11-09T16:00:00Z 2018-11-11T16:00:00Z scheduled",
            "/fair 2018-11-30T16:00:00Z 2018-12-02T16:00:00Z scheduled",
            "/salon 2018-10-13T08:00:00Z 2018-10-13T10:00:00Z scheduled",
            "/salon 2018-10-28T09:00:00Z 2018-10-28T12:00:00Z moved",
            "/salon 2018-11-03T09:00:00Z 2018-11-03T11:00:00Z cancelled",
            "/salon 2018-11-10T09:00:00Z 2018-11-10T11:00:00Z scheduled",
        ]
    );
    let Some(theirs) =
        support::ical_script("expand.py", &site.root().join("data/calendars/kexie.ics"))
    else {
        return;
    };
    assert_eq!(
        ours, theirs,
        "kepu (left) and recurring-ical-events (right)"
    );
}

#[test]
fn partner_events_are_marked_link_out_and_stay_out_of_the_site_feed() {
    let site = fixture("");
    let run = site.build(&[]);
    run.assert_ok();
    assert_eq!(run.stderr, "");
    let october = site.read("public/calendar/2018/10/index.html");
    let list = support::between(&october, "class=\"month-list\"", "</section>");
    assert!(
        list.contains("<li class=\"kind-partner\" data-kind=\"partner\" data-terms=\"\" data-venue=\"柏林, 中国文化中心\" data-organizers=\"东莞市科协\"><a href=\"https://kexie.example.org/salon\" rel=\"external\">科技沙龙</a> <span class=\"partner\">东莞市科协</span> <time datetime=\"2018-10-13T10:00:00+02:00\">"),
        "{list}"
    );
    assert!(
        list.contains("<span class=\"where\">柏林, 中国文化中心</span>"),
        "{list}"
    );
    assert!(
        list.contains("class=\"kind-event\" data-kind=\"event\" data-terms=\"\" data-venue=\"\" data-organizers=\"\"><a href=\"/events/own/\">本会讲座</a>"),
        "{list}"
    );
    // The folded SUMMARY is one title; the API names the partner.
    let november: Value =
        serde_json::from_str(&site.read("public/api/events/2018-11.json")).unwrap();
    let fair = november["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["uid"] == "fair@kexie.example.org")
        .unwrap();
    assert_eq!(fair["title"], "科普市集");
    assert_eq!(fair["partner"]["name"], "东莞市科协");
    assert_eq!(fair["id"], "fair@kexie.example.org#2018-11-10");
    // No page of their own, and not in the site's calendar.
    let files = site.files("public");
    assert!(
        !files
            .iter()
            .any(|f| f.contains("salon") || f.contains("fair")),
        "{files:?}"
    );
    let ics = site.read("public/calendar.ics");
    assert!(ics.contains("UID:events-own@example.org"), "{ics}");
    assert!(!ics.contains("kexie"), "{ics}");
    if let Some(lines) = support::api_schema_check(&site.root().join("public")) {
        assert!(lines.iter().all(|l| l.starts_with("valid")), "{lines:?}");
    }
}

#[test]
fn reexport_puts_the_partner_events_in_the_site_calendar_as_written() {
    let site = fixture("[calendar]\nreexport_partners = true\n");
    site.build(&[]).assert_ok();
    let ics = site.read("public/calendar.ics");
    assert!(
        ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"),
        "{ics}"
    );
    assert!(ics.contains("UID:salon@kexie.example.org\r\n"), "{ics}");
    assert!(
        ics.contains("RECURRENCE-ID;TZID=Europe/Berlin:20181103T100000\r\n"),
        "{ics}"
    );
    let Some(theirs) = support::ical_script("expand.py", &site.root().join("public/calendar.ics"))
    else {
        return;
    };
    let partner: Vec<&String> = theirs
        .iter()
        .filter(|l| !l.starts_with("/events/"))
        .collect();
    assert_eq!(partner.len(), 6, "{theirs:?}");
    assert!(
        theirs.iter().any(|l| l.starts_with("/events/own/")),
        "{theirs:?}"
    );
}

#[test]
fn a_file_kepu_cannot_read_is_a_warning_at_its_line_and_the_build_goes_on() {
    let site = fixture("")
        .file(
            "data/calendars/broken.ics",
            "BEGIN:VCALENDAR\nVERSION:2.0\nthis line is not ical\nBEGIN:VEVENT\nUID:x@p.org\nSUMMARY:无开始\nEND:VEVENT\nBEGIN:VEVENT\nUID:y@p.org\nSUMMARY:坏时区\nDTSTART;TZID=Mars/Olympus:20181013T100000\nEND:VEVENT\nEND:VCALENDAR\n",
        )
        .file(
            "data/calendars/open.ics",
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:z@p.org\nEND:VCALENDAR\n",
        );
    let run = site.build(&[]);
    run.assert_ok();
    assert_eq!(
        run.stderr,
        "data/calendars/broken.ics:3:1: warning: partner calendar: this line is not an iCalendar property (NAME:value); it is left out
  help: the build goes on without it; ask the partner for a corrected feed, or fix the file by hand (RFC 5545)
data/calendars/broken.ics:4:1: warning: this partner event is left out: it has no readable DTSTART
  help: the build goes on without it; ask the partner for a corrected feed, or fix the file by hand (RFC 5545)
data/calendars/broken.ics:11:1: warning: this partner event is left out: the time zone \"Mars/Olympus\" is not an IANA zone kepu knows (such as Asia/Shanghai)
  help: the build goes on without it; ask the partner for a corrected feed, or fix the file by hand (RFC 5545)
data/calendars/open.ics:4:1: warning: this partner calendar is left out: END:VCALENDAR closes BEGIN:VEVENT of line 2
  help: the build goes on without it; ask the partner for a corrected feed, or fix the file by hand (RFC 5545)
"
    );
    // The good file is still read.
    let october = site.read("public/calendar/2018/10/index.html");
    assert!(october.contains("科技沙龙"));
}

#[test]
fn the_events_section_lists_the_partners_upcoming_events() {
    let site = fixture("");
    site.kepu(&["build", "--now", "2018-10-21T00:00:00+08:00"])
        .assert_ok();
    let events = site.read("public/events/index.html");
    let list = support::between(&events, "id=\"partner-events\"", "</section>");
    // Soonest first: the moved session of 28 October (its note and badge), then the
    // fair; the session of 13 October has ended and the cancelled one shows as such.
    let salon = list
        .find("datetime=\"2018-10-28T10:00:00+01:00\"")
        .unwrap_or_else(|| panic!("{list}"));
    let fair = list
        .find("datetime=\"2018-11-10\"")
        .unwrap_or_else(|| panic!("{list}"));
    assert!(salon < fair, "{list}");
    assert!(!list.contains("2018-10-13T10:00:00"), "{list}");
    assert!(
        list.contains("<a href=\"https://kexie.example.org/salon\" rel=\"external\">科技沙龙</a> <span class=\"partner\">东莞市科协</span>"),
        "{list}"
    );
    assert!(list.contains("badge-rescheduled"), "{list}");
    // Only the events section lists them, not the home page.
    let home = site.read("public/index.html");
    assert!(!home.contains("id=\"partner-events\""));
}
