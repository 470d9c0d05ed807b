//! Events and trainings end to end: each test writes a tiny site with one or two
//! events, runs the real `kepu build --now …`, and asserts the exact `.ics` lines,
//! month pages and JSON-LD it cares about.

use std::path::PathBuf;

use crate::support::{Run, Site};

/// A fixture site after `kepu build`, with readers of its output for the tests here.
struct Built {
    site: Site,
    run: Run,
}

impl Built {
    /// The text of a file of `public/`.
    fn read(&self, path: &str) -> String {
        self.site.read(&format!("public/{path}"))
    }

    /// Whether `public/<path>` exists.
    fn exists(&self, path: &str) -> bool {
        self.site.exists(&format!("public/{path}"))
    }

    /// The output folder.
    fn out(&self) -> PathBuf {
        self.site.root().join("public")
    }

    /// The lines of an `.ics` file, checking CRLF line ends and unfolding.
    fn ics(&self, path: &str) -> Vec<String> {
        let text = self.read(path);
        assert!(text.ends_with("\r\n"), "{path} must end with CRLF");
        assert!(!text.replace("\r\n", "").contains('\n'), "{path}: bare LF");
        for line in text.split("\r\n") {
            assert!(
                line.len() <= 75,
                "{path}: line of {} octets: {line}",
                line.len()
            );
        }
        text.replace("\r\n ", "")
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The JSON-LD object of a page.
    fn json_ld(&self, path: &str) -> serde_json::Value {
        let html = self.read(path);
        let start = html
            .find("<script type=\"application/ld+json\">")
            .unwrap_or_else(|| panic!("{path} has no JSON-LD"));
        let rest = &html[start + "<script type=\"application/ld+json\">".len()..];
        let end = rest.find("</script>").unwrap();
        serde_json::from_str(&rest[..end]).unwrap()
    }
}

/// Writes `site.toml`, an events and a trainings section, and `files`, then builds
/// as at `now`.
fn build(files: &[(&str, &str)], now: &str) -> Built {
    let mut site = Site::bare()
        .file(
            "site.toml",
            "title = \"测试协会\"\nbase_url = \"https://example.org\"\ntimezone = \"Asia/Shanghai\"\n[taxonomies]\ntags = { feed = true }\n",
        )
        .file(
            "content/events/_index.md",
            "+++\ntitle = \"活动\"\nkind = \"event\"\n+++\n",
        )
        .file(
            "content/trainings/_index.md",
            "+++\ntitle = \"培训\"\nkind = \"training\"\n+++\n",
        );
    for (rel, text) in files {
        site = site.file(rel, text);
    }
    let run = site.kepu(&["build", "--now", now]);
    Built { site, run }
}

fn event(title: &str, table: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = 2018-01-01\n\n[event]\n{table}+++\n正文。\n")
}

/// The lines of the first VEVENT of an unfolded calendar.
fn vevent(lines: &[String]) -> Vec<String> {
    let start = lines.iter().position(|l| l == "BEGIN:VEVENT").unwrap();
    let end = lines.iter().position(|l| l == "END:VEVENT").unwrap();
    lines[start..=end].to_vec()
}

fn has(lines: &[String], line: &str) -> bool {
    lines.iter().any(|l| l == line)
}

#[track_caller]
fn assert_lines(lines: &[String], expected: &[&str]) {
    for line in expected {
        assert!(
            has(lines, line),
            "missing {line:?} in\n{}",
            lines.join("\n")
        );
    }
}

#[test]
fn timed_event_in_shanghai() {
    let site = build(
        &[(
            "content/events/kepuri/index.md",
            &event(
                "全国科普日",
                "start = 2018-09-15T09:00:00\nend = 2018-09-15T17:00:00\nlocation = \"科技馆\"\naddress = \"东莞市南城区\"\ngeo = [23.02, 113.75]\nregistration = \"https://baoming.example.com/signup\"\ncapacity = 200\n",
            ),
        )],
        "2018-06-01T00:00:00+08:00",
    );
    site.run.assert_ok();
    let ics = site.ics("events/kepuri/event.ics");
    assert_lines(
        &ics,
        &[
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "X-WR-CALNAME:全国科普日",
            "X-WR-TIMEZONE:Asia/Shanghai",
            "TZID:Asia/Shanghai",
            "UID:events-kepuri@example.org",
            "DTSTAMP:20171231T160000Z",
            "DTSTART;TZID=Asia/Shanghai:20180915T090000",
            "DTEND;TZID=Asia/Shanghai:20180915T170000",
            "SUMMARY:全国科普日",
            "LOCATION:科技馆\\, 东莞市南城区",
            "GEO:23.02;113.75",
            "STATUS:CONFIRMED",
            "SEQUENCE:0",
            "URL:https://example.org/events/kepuri/",
        ],
    );
    assert_kepuri_page_and_calendar(&site);
}

/// The 全国科普日 page of `timed_event_in_shanghai`: its UID in the feeds, its JSON-LD, date, links in
/// order, and its place in the month, the year and the upcoming list.
#[track_caller]
fn assert_kepuri_page_and_calendar(site: &Built) {
    // The same UID in the site, section and term feeds.
    for feed in ["calendar.ics", "events/calendar.ics"] {
        assert!(
            has(&site.ics(feed), "UID:events-kepuri@example.org"),
            "{feed}"
        );
    }
    let ld = site.json_ld("events/kepuri/index.html");
    assert_eq!(ld["@type"], "Event");
    assert_eq!(ld["startDate"], "2018-09-15T09:00:00+08:00");
    assert_eq!(ld["endDate"], "2018-09-15T17:00:00+08:00");
    assert_eq!(ld["eventStatus"], "https://schema.org/EventScheduled");
    assert_eq!(
        ld["eventAttendanceMode"],
        "https://schema.org/OfflineEventAttendanceMode"
    );
    assert_eq!(ld["location"]["@type"], "Place");
    assert_eq!(ld["location"]["address"]["streetAddress"], "东莞市南城区");
    assert_eq!(ld["location"]["geo"]["latitude"], 23.02);
    assert_eq!(ld["organizer"]["name"], "测试协会");
    assert_eq!(ld["url"], "https://example.org/events/kepuri/");
    let html = site.read("events/kepuri/index.html");
    assert!(html.contains("2018年9月15日（星期六）09:00–17:00"));
    assert!(html.contains("href=\"https://baoming.example.com/signup\""));
    assert!(html.contains("https://uri.amap.com/marker?position=113.75,23.02"));
    // The .ics link comes first, then webcal, then Google and Outlook.
    let order: Vec<usize> = [
        "/events/kepuri/event.ics",
        "webcal://example.org/events/calendar.ics",
        "calendar.google.com",
        "outlook.live.com",
    ]
    .iter()
    .map(|s| html.find(s).unwrap_or_else(|| panic!("no {s}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert_kepuri_in_the_calendar(site);
}

/// 全国科普日 in its month, the calendar's index and year, and the upcoming list.
#[track_caller]
fn assert_kepuri_in_the_calendar(site: &Built) {
    let month = site.read("calendar/2018/09/index.html");
    assert!(month.contains("<span class=\"time\">09:00</span> 全国科普日"));
    // The build month is in the calendar too, and /calendar/ shows it.
    assert!(site.exists("calendar/2018/06/index.html"));
    assert!(site.read("calendar/index.html").contains("2018年6月"));
    let year = site.read("calendar/2018/index.html");
    assert!(year.contains("9月</a> <span class=\"count\">1 项活动</span>"));
    // Upcoming at the build time.
    let list = site.read("events/index.html");
    let upcoming = list.find("id=\"upcoming\"").unwrap();
    let past = list.find("id=\"past\"").unwrap();
    let card = list.find("全国科普日").unwrap();
    assert!(upcoming < card && card < past);
}

#[test]
fn all_day_event_crossing_a_month() {
    let site = build(
        &[(
            "content/events/week/index.md",
            &event(
                "科技活动周",
                "start = 2018-05-30\nend = 2018-06-02\nlocation = \"各镇街\"\n",
            ),
        )],
        "2018-06-01T00:00:00+08:00",
    );
    site.run.assert_ok();
    let ev = vevent(&site.ics("events/week/event.ics"));
    assert_lines(
        &ev,
        &["DTSTART;VALUE=DATE:20180530", "DTEND;VALUE=DATE:20180603"],
    );
    assert!(!ev.iter().any(|l| l.contains("TZID")));
    for month in ["calendar/2018/05/index.html", "calendar/2018/06/index.html"] {
        assert!(site.read(month).contains("科技活动周"), "{month}");
    }
    let ld = site.json_ld("events/week/index.html");
    assert_eq!(ld["startDate"], "2018-05-30");
    assert_eq!(ld["duration"], "P4D");
    let html = site.read("events/week/index.html");
    assert!(html.contains("2018年5月30日（星期三） – 6月2日（星期六）"));
    // Still on at the build time (1 June): upcoming, not ended.
    assert!(html.contains("badge-upcoming"));
}

#[test]
fn weekly_training_with_count_and_exdate() {
    let site = build(
        &[(
            "content/trainings/series.md",
            "+++\ntitle = \"系列培训\"\ndate = 2018-01-01\n\n[event]\nstart = 2018-09-22T09:30:00\nend = 2018-09-22T11:30:00\nlocation = \"培训室\"\nrecurrence = \"FREQ=WEEKLY;BYDAY=SA;COUNT=4\"\nexdates = [2018-10-06]\n\n[training]\ntopic = \"互联网+科普\"\nlecturer = \"张老师\"\nhours = 2.0\naudience = \"志愿者\"\n+++\n",
        )],
        "2018-06-01T00:00:00+08:00",
    );
    site.run.assert_ok();
    let ev = vevent(&site.ics("trainings/series/event.ics"));
    assert_lines(
        &ev,
        &[
            "DTSTART;TZID=Asia/Shanghai:20180922T093000",
            "RRULE:FREQ=WEEKLY;COUNT=4;BYDAY=SA",
            // A date-only exdate on a timed event is written as the occurrence it removes.
            "EXDATE;TZID=Asia/Shanghai:20181006T093000",
        ],
    );
    let html = site.read("trainings/series/index.html");
    for day in ["9月22日", "9月29日", "10月13日"] {
        assert!(html.contains(day), "{day}");
    }
    // The removed session shows only among the cancelled ones.
    assert_eq!(html.matches("2018年10月6日").count(), 1);
    assert!(
        html.contains("<p>已取消的场次：2018年10月6日（星期六）09:30</p>"),
        "{html}"
    );
    assert!(html.contains("<dd>张老师</dd>") && html.contains("<dd>2</dd>"));
    let ld = site.json_ld("trainings/series/index.html");
    assert_eq!(ld["@type"], "EducationEvent");
    assert_eq!(ld["eventSchedule"]["repeatFrequency"], "P1W");
    assert_eq!(ld["eventSchedule"]["repeatCount"], 4);
    let october = site.read("calendar/2018/10/index.html");
    assert!(october.contains("2018年10月13日（星期六）09:30–11:30"));
    assert!(!october.contains("2018年10月6日（星期六）09:30"));
}

#[test]
fn monthly_second_saturday() {
    let site = build(
        &[(
            "content/events/salon/index.md",
            &event(
                "科普沙龙",
                "start = 2018-09-08T14:00:00\nend = 2018-09-08T16:00:00\nlocation = \"图书馆\"\nrecurrence = \"FREQ=MONTHLY;BYDAY=2SA\"\n",
            ),
        )],
        "2018-09-01T00:00:00+08:00",
    );
    site.run.assert_ok();
    assert_lines(
        &site.ics("events/salon/event.ics"),
        &["RRULE:FREQ=MONTHLY;BYDAY=2SA"],
    );
    // Unbounded: expanded up to the horizon (a year after the build time).
    for (month, day) in [("2018/10", "2018年10月13日"), ("2019/08", "2019年8月10日")] {
        let page = site.read(&format!("calendar/{month}/index.html"));
        assert!(page.contains(day), "{month}");
    }
    assert!(!site.exists("calendar/2019/10/index.html"));
}

#[test]
fn berlin_event_across_the_october_dst_change() {
    let site = build(
        &[(
            "content/events/berlin/index.md",
            &event(
                "柏林交流",
                "start = 2018-10-20T10:00:00\nend = 2018-10-20T12:00:00\ntimezone = \"Europe/Berlin\"\nlocation = \"Berlin\"\nrecurrence = \"FREQ=WEEKLY;COUNT=3\"\n",
            ),
        )],
        "2018-10-01T00:00:00+08:00",
    );
    site.run.assert_ok();
    let ics = site.ics("events/berlin/event.ics");
    let text = ics.join("\n");
    assert!(text.contains(
        "BEGIN:STANDARD\nDTSTART:20181028T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET\nEND:STANDARD"
    ));
    assert_lines(
        &ics,
        &[
            "TZID:Europe/Berlin",
            "DTSTART;TZID=Europe/Berlin:20181020T100000",
            "DTEND;TZID=Europe/Berlin:20181020T120000",
            "RRULE:FREQ=WEEKLY;COUNT=3",
        ],
    );
    let ld = site.json_ld("events/berlin/index.html");
    assert_eq!(ld["startDate"], "2018-10-20T10:00:00+02:00");
    let html = site.read("events/berlin/index.html");
    // The third occurrence is still at 10:00 local time, now in winter time.
    assert!(html.contains("datetime=\"2018-11-03T10:00:00+01:00\""));
    assert!(html.contains("2018年11月3日（星期六）10:00–12:00（Europe/Berlin时间）"));
}

#[test]
fn cancelled_event_stays_everywhere() {
    let site = build(
        &[(
            "content/events/off/index.md",
            &event(
                "取消的活动",
                "start = 2018-07-01T09:00:00\nend = 2018-07-01T10:00:00\nlocation = \"广场\"\nstatus = \"cancelled\"\nregistration = \"https://example.org/r\"\n",
            ),
        )],
        "2018-06-01T00:00:00+08:00",
    );
    site.run.assert_ok();
    assert_lines(&vevent(&site.ics("calendar.ics")), &["STATUS:CANCELLED"]);
    assert_eq!(
        site.json_ld("events/off/index.html")["eventStatus"],
        "https://schema.org/EventCancelled"
    );
    let html = site.read("events/off/index.html");
    assert!(html.contains("badge-cancelled\">已取消"));
    assert!(!html.contains("href=\"https://example.org/r\""));
    assert!(
        site.read("calendar/2018/07/index.html")
            .contains("status-cancelled")
    );
}

#[test]
fn online_event() {
    let site = build(
        &[(
            "content/events/web/index.md",
            &event(
                "线上讲座",
                "start = 2018-07-01T19:30:00\nend = 2018-07-01T21:00:00\nonline = \"https://meeting.example.org/123\"\n",
            ),
        )],
        "2018-06-01T00:00:00+08:00",
    );
    site.run.assert_ok();
    let ld = site.json_ld("events/web/index.html");
    assert_eq!(
        ld["eventAttendanceMode"],
        "https://schema.org/OnlineEventAttendanceMode"
    );
    assert_eq!(ld["location"]["@type"], "VirtualLocation");
    assert_eq!(ld["location"]["url"], "https://meeting.example.org/123");
    assert_lines(
        &vevent(&site.ics("events/web/event.ics")),
        &["LOCATION:https://meeting.example.org/123"],
    );
}

#[test]
fn event_over_midnight_and_new_year() {
    let site = build(
        &[(
            "content/events/newyear/index.md",
            &event(
                "跨年观星",
                "start = 2018-12-31T22:00:00\nend = 2019-01-01T02:00:00\nlocation = \"观景台\"\n",
            ),
        )],
        "2018-12-01T00:00:00+08:00",
    );
    site.run.assert_ok();
    assert_lines(
        &site.ics("events/newyear/event.ics"),
        &[
            "DTSTART;TZID=Asia/Shanghai:20181231T220000",
            "DTEND;TZID=Asia/Shanghai:20190101T020000",
        ],
    );
    for month in ["calendar/2018/12/index.html", "calendar/2019/01/index.html"] {
        assert!(site.read(month).contains("跨年观星"), "{month}");
    }
    assert!(site.exists("calendar/2019/index.html"));
    let html = site.read("events/newyear/index.html");
    assert!(html.contains("2018年12月31日（星期一）22:00 – 2019年1月1日（星期二）02:00"));
    assert_eq!(
        site.json_ld("events/newyear/index.html")["endDate"],
        "2019-01-01T02:00:00+08:00"
    );
}

#[test]
fn past_events_close_registration_and_list_newest_first() {
    let site = build(
        &[
            (
                "content/events/a/index.md",
                &event(
                    "甲",
                    "start = 2018-03-01T09:00:00\nregistration = \"https://example.org/a\"\n",
                ),
            ),
            (
                "content/events/b/index.md",
                &event("乙", "start = 2018-04-01T09:00:00\n"),
            ),
        ],
        "2018-06-01T00:00:00+08:00",
    );
    site.run.assert_ok();
    let html = site.read("events/a/index.html");
    assert!(html.contains("报名已截止"));
    assert!(!html.contains("href=\"https://example.org/a\""));
    let list = site.read("events/index.html");
    let past = list.find("id=\"past\"").unwrap();
    let (a, b) = (list.rfind(">甲<").unwrap(), list.rfind(">乙<").unwrap());
    assert!(past < b && b < a, "past list is newest first");
}

#[test]
fn event_errors_point_at_their_fields() {
    let site = build(
        &[
            (
                "content/events/bad/index.md",
                "+++\ntitle = \"坏\"\n\n[event]\nstart = 2018-09-15T09:00:00\nend = 2018-09-15T08:00:00\ntimezone = \"Asia/Beijing\"\nstatus = \"maybe\"\nregistration = \"www.example.org\"\nrecurrence = \"FREQ=WEEKLY;BYDAY=XX\"\n+++\n",
            ),
            (
                "content/events/none/index.md",
                "+++\ntitle = \"无表\"\n+++\n",
            ),
            (
                "content/events/ex/index.md",
                &event(
                    "例外",
                    "start = 2018-09-15T09:00:00\nrecurrence = \"FREQ=WEEKLY;COUNT=2\"\nexdates = [2018-09-16]\n",
                ),
            ),
        ],
        "2018-06-01T00:00:00+08:00",
    );
    site.run.assert_code(1);
    for expected in [
        "content/events/bad/index.md:7:12: unknown time zone \"Asia/Beijing\"\n  help: use an IANA time zone name",
        "content/events/none/index.md:1:1: this event has no [event] table, so it cannot appear in the calendar\n  help: add a table",
    ] {
        assert!(
            site.run.stderr.contains(expected),
            "missing {expected:?} in\n{}",
            site.run.stderr
        );
    }
    assert_field_errors_and_a_useless_exdate();
}

/// The second half of `event_errors_point_at_their_fields`: each error of the first
/// event's table at its own field once the time zone is right, and an exdate that
/// matches nothing is only a warning.
fn assert_field_errors_and_a_useless_exdate() {
    let site = build(
        &[(
            "content/events/bad/index.md",
            "+++\ntitle = \"坏\"\n\n[event]\nstart = 2018-09-15T09:00:00\nend = 2018-09-15T08:00:00\nstatus = \"maybe\"\nregistration = \"www.example.org\"\nrecurrence = \"FREQ=WEEKLY;BYDAY=XX\"\n+++\n",
        )],
        "2018-06-01T00:00:00+08:00",
    );
    for expected in [
        "content/events/bad/index.md:6:7: the event ends (2018-09-15T08:00:00) before it starts (2018-09-15T09:00:00)",
        "content/events/bad/index.md:7:10: unknown status \"maybe\"\n  help: status is one of: scheduled, cancelled, postponed, rescheduled",
        "content/events/bad/index.md:8:16: `registration` \"www.example.org\" is not a web address: it must start with https:// or http://",
        "content/events/bad/index.md:9:27: `recurrence`: BYDAY=XX: \"XX\" is not a weekday such as SA, 2SA or -1FR",
    ] {
        assert!(
            site.run.stderr.contains(expected),
            "missing {expected:?} in\n{}",
            site.run.stderr
        );
    }
    let site = build(
        &[(
            "content/events/ex/index.md",
            &event(
                "例外",
                "start = 2018-09-15T09:00:00\nrecurrence = \"FREQ=WEEKLY;COUNT=2\"\nexdates = [2018-09-16]\n",
            ),
        )],
        "2018-06-01T00:00:00+08:00",
    );
    site.run.assert_ok();
    assert!(site.run.stderr.contains(
        "content/events/ex/index.md:8:12: warning: the exdate 2018-09-16 matches no occurrence of the rule; it changes nothing"
    ), "{}", site.run.stderr);
}

#[test]
fn home_page_shows_the_next_events() {
    let site = build(
        &[
            ("content/_index.md", "+++\ntitle = \"首页\"\n+++\n"),
            (
                "content/events/soon/index.md",
                &event("下周活动", "start = 2018-06-08T09:00:00\n"),
            ),
            (
                "content/events/old/index.md",
                &event("去年活动", "start = 2017-06-08T09:00:00\n"),
            ),
        ],
        "2018-06-01T00:00:00+08:00",
    );
    site.run.assert_ok();
    let home = site.read("index.html");
    let next = home.find("近期活动").unwrap();
    assert!(home[next..].contains("下周活动"));
    assert!(site.out().join("js/events.js").exists());
    let js = std::fs::metadata(site.out().join("js/events.js"))
        .unwrap()
        .len();
    assert!(js < 2048, "events.js is {js} bytes");
}

/// The titles of the cards of the list page `path`, in the upcoming and in the past
/// list.
fn cards(site: &Built, path: &str) -> (Vec<&'static str>, Vec<&'static str>) {
    let html = site.read(path);
    let past_at = html.find("id=\"past\"").unwrap();
    let titles = |part: &str| -> Vec<&'static str> {
        ["甲", "乙", "丙", "丁", "戊"]
            .into_iter()
            .filter(|t| part.contains(&format!(">{t}<")))
            .collect()
    };
    (titles(&html[..past_at]), titles(&html[past_at..]))
}

/// Five events, two a page, built on 1 June 2018: three ahead, two past.
fn five_events_two_a_page() -> Built {
    build(
        &[
            (
                "content/events/_index.md",
                "+++\ntitle = \"活动\"\nkind = \"event\"\npaginate_by = 2\n+++\n",
            ),
            (
                "content/events/a/index.md",
                &event("甲", "start = 2018-06-10T09:00:00\n"),
            ),
            (
                "content/events/b/index.md",
                &event("乙", "start = 2018-06-20T09:00:00\n"),
            ),
            (
                "content/events/c/index.md",
                &event("丙", "start = 2018-07-01T09:00:00\n"),
            ),
            (
                "content/events/d/index.md",
                &event("丁", "start = 2018-05-20T09:00:00\n"),
            ),
            (
                "content/events/e/index.md",
                &event("戊", "start = 2018-04-01T09:00:00\n"),
            ),
        ],
        "2018-06-01T00:00:00+08:00",
    )
}

#[test]
fn paginated_event_list_gives_each_page_its_share_upcoming_then_past() {
    let site = five_events_two_a_page();
    site.run.assert_ok();
    assert_eq!(
        cards(&site, "events/index.html"),
        (vec!["甲", "乙"], vec![])
    );
    assert_eq!(
        cards(&site, "events/page/2/index.html"),
        (vec!["丙"], vec!["丁"])
    );
    assert_eq!(
        cards(&site, "events/page/3/index.html"),
        (vec![], vec!["戊"])
    );
    assert!(!site.exists("events/page/4/index.html"));
}
