//! Add-to-calendar links that tell the truth, and `.ics` revisions that move on when
//! an event changes: each test builds a tiny site with the real binary (several times
//! where the question is what changes between builds) and reads its pages and `.ics`.

use crate::support::{Site, between};

fn events_site() -> Site {
    Site::new().file(
        "content/events/_index.md",
        "+++\ntitle = \"活动\"\nkind = \"event\"\n+++\n",
    )
}

fn event(table: &str) -> String {
    format!("+++\ntitle = \"科普讲座\"\ndate = 2018-01-01\n\n[event]\n{table}+++\n正文。\n")
}

/// The add-to-calendar block of an event page.
fn links(site: &Site, page: &str) -> String {
    let html = site.read(&format!("public/events/{page}/index.html"));
    between(&html, "<nav class=\"add-to-calendar\"", "</nav>").to_string()
}

/// The unfolded line of an `.ics` starting with `name:` (or `name;`).
fn ics_line(site: &Site, path: &str, name: &str) -> String {
    let text = site.read(path).replace("\r\n ", "");
    text.split("\r\n")
        .find(|l| l.starts_with(&format!("{name}:")) || l.starts_with(&format!("{name};")))
        .unwrap_or_else(|| panic!("no {name} in {path}:\n{text}"))
        .to_string()
}

#[test]
fn a_plain_series_goes_to_google_whole_and_to_outlook_one_session() {
    let site = events_site().file(
        "content/events/weekly.md",
        &event(
            "start = 2018-06-02T09:00:00\nend = 2018-06-02T11:00:00\nrecurrence = \"FREQ=WEEKLY;COUNT=4\"\n",
        ),
    );
    site.build(&[]).assert_ok();
    let nav = links(&site, "weekly");
    // Google carries the rule: every session, no note.
    assert!(
        nav.contains("&amp;recur=RRULE%3AFREQ%3DWEEKLY%3BCOUNT%3D4"),
        "{nav}"
    );
    let google = between(&nav, "calendar.google.com", "</li>");
    assert!(!google.contains("add-note"), "{google}");
    // Outlook cannot repeat: it adds the next session, and says so.
    let outlook = between(&nav, "outlook.live.com", "</li>");
    assert!(
        outlook.contains("startdt=2018-06-02T01%3A00%3A00Z"),
        "{outlook}"
    );
    assert!(
        outlook.contains(
            "只添加 2018年6月2日（星期六）09:00–11:00 这一场；全部场次请下载上面的日历文件（.ics）。"
        ),
        "{outlook}"
    );
}

#[test]
fn a_series_with_skipped_sessions_never_offers_them_to_google() {
    let site = events_site().file(
        "content/events/weekly.md",
        &event(
            "start = 2018-05-26T09:00:00\nend = 2018-05-26T11:00:00\nrecurrence = \"FREQ=WEEKLY;COUNT=4\"\nexdates = [2018-06-02]\n",
        ),
    );
    site.build(&[]).assert_ok();
    let nav = links(&site, "weekly");
    assert!(!nav.contains("recur="), "{nav}");
    // Built on 1 June: the 26 May session has ended, 2 June is skipped, so both links
    // add 9 June, and both say so.
    let google = between(&nav, "calendar.google.com", "</li>");
    assert!(
        google.contains("dates=20180609T010000Z/20180609T030000Z"),
        "{google}"
    );
    for link in [google, between(&nav, "outlook.live.com", "</li>")] {
        assert!(
            link.contains("只添加 2018年6月9日（星期六）09:00–11:00 这一场"),
            "{link}"
        );
    }
    // The .ics still carries the whole series.
    assert_eq!(
        ics_line(&site, "public/events/weekly/event.ics", "EXDATE"),
        "EXDATE;TZID=Asia/Shanghai:20180602T090000"
    );
}

#[test]
fn a_cancelled_event_offers_no_add_links_but_keeps_its_ics() {
    let site = events_site().file(
        "content/events/off.md",
        &event("start = 2018-07-01T09:00:00\nstatus = \"cancelled\"\n"),
    );
    site.build(&[]).assert_ok();
    let nav = links(&site, "off");
    assert!(!nav.contains("calendar.google.com"), "{nav}");
    assert!(!nav.contains("outlook.live.com"), "{nav}");
    assert!(nav.contains("href=\"/events/off/event.ics\""), "{nav}");
}

#[test]
fn cancelling_raises_sequence_and_dtstamp_between_builds() {
    let ics = "public/events/talk/event.ics";
    let site = events_site().file(
        "content/events/talk.md",
        &event("start = 2018-07-01T09:00:00\nlocation = \"科技馆\"\n"),
    );
    site.build(&[]).assert_ok();
    assert_eq!(ics_line(&site, ics, "SEQUENCE"), "SEQUENCE:0");
    assert_eq!(ics_line(&site, ics, "DTSTAMP"), "DTSTAMP:20171231T160000Z");
    let first = site.read(ics);

    // The same input a day later: the same bytes.
    site.kepu(&["build", "--now", "2018-06-02T00:00:00+08:00"])
        .assert_ok();
    assert_eq!(site.read(ics), first);

    // Moved to another hall: one higher, stamped with the build time.
    site.write(
        "content/events/talk.md",
        event("start = 2018-07-01T09:00:00\nlocation = \"图书馆\"\n").as_bytes(),
    );
    site.kepu(&["build", "--now", "2018-06-03T08:00:00+08:00"])
        .assert_ok();
    assert_eq!(ics_line(&site, ics, "SEQUENCE"), "SEQUENCE:1");
    assert_eq!(ics_line(&site, ics, "DTSTAMP"), "DTSTAMP:20180603T000000Z");

    // Cancelled: higher again, in the event's file and in the feeds.
    site.write(
        "content/events/talk.md",
        event("start = 2018-07-01T09:00:00\nlocation = \"图书馆\"\nstatus = \"cancelled\"\n")
            .as_bytes(),
    );
    site.kepu(&["build", "--now", "2018-06-04T08:00:00+08:00"])
        .assert_ok();
    for path in [ics, "public/calendar.ics", "public/events/calendar.ics"] {
        assert_eq!(ics_line(&site, path, "SEQUENCE"), "SEQUENCE:2", "{path}");
        assert_eq!(
            ics_line(&site, path, "DTSTAMP"),
            "DTSTAMP:20180604T000000Z",
            "{path}"
        );
    }

    // A fresh clone, without the cache folder, still outranks the announcement.
    std::fs::remove_dir_all(site.root().join(".kepu-cache")).unwrap();
    site.build(&[]).assert_ok();
    assert_eq!(ics_line(&site, ics, "SEQUENCE"), "SEQUENCE:1");
    assert_eq!(ics_line(&site, ics, "STATUS"), "STATUS:CANCELLED");
}

/// A monthly 科普讲座: an extra date, a skipped one, one moved by a typhoon and one
/// cancelled.
const SERIES: &str = "start = 2018-09-08T09:30:00\nend = 2018-09-08T11:30:00\nlocation = \"科技馆\"\nrecurrence = \"FREQ=MONTHLY;BYDAY=2SA;COUNT=4\"\nrdates = [2018-12-29T09:30:00]\nexdates = [2018-11-10]\n\n[[event.changes]]\noccurrence = 2018-10-13\nstart = 2018-10-14T14:00:00\nnote = \"因台风改期\"\n\n[[event.changes]]\noccurrence = 2018-12-08\nstatus = \"cancelled\"\nlocation = \"图书馆\"\nnote = \"场馆检修\"\n";

#[test]
fn rdates_and_changes_in_the_ics() {
    let site = events_site().file("content/events/talks.md", &event(SERIES));
    site.build(&[]).assert_ok();
    let text = site
        .read("public/events/talks/event.ics")
        .replace("\r\n ", "");
    let vevents: Vec<&str> = text.split("BEGIN:VEVENT\r\n").skip(1).collect();
    assert_eq!(vevents.len(), 3, "{text}");
    let lines =
        |v: &str| -> Vec<String> { v.split("\r\n").map(str::to_string).collect::<Vec<_>>() };
    let series = lines(vevents[0]);
    for line in [
        "RRULE:FREQ=MONTHLY;COUNT=4;BYDAY=2SA",
        "RDATE;TZID=Asia/Shanghai:20181229T093000",
        "EXDATE;TZID=Asia/Shanghai:20181110T093000",
    ] {
        assert!(series.iter().any(|l| l == line), "{line} in {series:#?}");
    }
    let moved = lines(vevents[1]);
    for line in [
        "UID:events-talks@example.org",
        "RECURRENCE-ID;TZID=Asia/Shanghai:20181013T093000",
        "DTSTART;TZID=Asia/Shanghai:20181014T140000",
        "DTEND;TZID=Asia/Shanghai:20181014T160000",
        "LOCATION:科技馆",
        "STATUS:CONFIRMED",
    ] {
        assert!(moved.iter().any(|l| l == line), "{line} in {moved:#?}");
    }
    assert!(
        moved
            .iter()
            .any(|l| l.starts_with("DESCRIPTION:因台风改期\\n\\n"))
    );
    let cancelled = lines(vevents[2]);
    for line in [
        "UID:events-talks@example.org",
        "RECURRENCE-ID;TZID=Asia/Shanghai:20181208T093000",
        "DTSTART;TZID=Asia/Shanghai:20181208T093000",
        "STATUS:CANCELLED",
        "LOCATION:图书馆",
    ] {
        assert!(
            cancelled.iter().any(|l| l == line),
            "{line} in {cancelled:#?}"
        );
    }
    // The same three in the site's feed.
    assert_eq!(
        site.read("public/calendar.ics")
            .matches("UID:events-talks@example.org")
            .count(),
        3
    );
}

#[test]
fn changed_occurrences_show_on_the_page_in_grids_lists_and_json_ld() {
    let site = events_site().file("content/events/talks.md", &event(SERIES));
    site.build(&[]).assert_ok();
    let html = site.read("public/events/talks/index.html");
    let next = between(&html, "id=\"occurrences-h\"", "</section>");
    assert!(
        next.contains("2018年10月14日（星期日）14:00–16:00</time> <span class=\"badge badge-rescheduled\">已改期</span> <span class=\"moved-from\">（原定 2018年10月13日（星期六）09:30–11:30）</span> <span class=\"note\">因台风改期</span>"),
        "{next}"
    );
    assert!(
        next.contains("2018年12月8日（星期六）09:30–11:30</time> <span class=\"badge badge-cancelled\">已取消</span> <span class=\"place\">· 图书馆</span> <span class=\"note\">场馆检修</span>"),
        "{next}"
    );
    assert!(
        next.contains("2018年12月29日（星期六）09:30–11:30"),
        "{next}"
    );
    assert!(!next.contains("2018年11月10日"), "{next}");
    assert!(
        !next.contains("2018年10月13日（星期六）09:30–11:30</time>"),
        "{next}"
    );

    let october = site.read("public/calendar/2018/10/index.html");
    let day14 = between(&october, "day-label\">2018年10月14日", "<li class=\"day");
    assert!(
        day14.contains("科普讲座") && day14.contains("因台风改期"),
        "{day14}"
    );
    let day13 = between(&october, "day-label\">2018年10月13日", "<li class=\"day");
    assert!(!day13.contains("科普讲座"), "{day13}");
    let december = site.read("public/calendar/2018/12/index.html");
    let day8 = between(&december, "day-label\">2018年12月8日", "<li class=\"day");
    assert!(
        day8.contains("status-cancelled") && day8.contains("场馆检修"),
        "{day8}"
    );

    // The section list shows the next session (9 Sept, unchanged).
    let list = site.read("public/events/index.html");
    assert!(list.contains("2018年9月8日（星期六）09:30–11:30"));

    let html = site.read("public/events/talks/index.html");
    let start = html.find("<script type=\"application/ld+json\">").unwrap();
    let rest = &html[start + "<script type=\"application/ld+json\">".len()..];
    let ld: serde_json::Value =
        serde_json::from_str(&rest[..rest.find("</script>").unwrap()]).unwrap();
    let sub = &ld["subEvent"];
    assert_eq!(sub[0]["startDate"], "2018-10-14T14:00:00+08:00");
    assert_eq!(sub[0]["previousStartDate"], "2018-10-13T09:30:00+08:00");
    assert_eq!(sub[0]["eventStatus"], "https://schema.org/EventRescheduled");
    assert_eq!(sub[0]["description"], "因台风改期");
    assert_eq!(sub[1]["eventStatus"], "https://schema.org/EventCancelled");
    assert_eq!(sub[1]["location"]["name"], "图书馆");

    // Google's link cannot carry the extra and skipped dates: one session, said so.
    let nav = links(&site, "talks");
    assert!(!nav.contains("recur="), "{nav}");
}

#[test]
fn rdate_and_change_mistakes_point_at_their_fields() {
    let site = events_site()
        .file(
            "content/events/bad.md",
            "+++\ntitle = \"x\"\ndate = 2018-01-01\n\n[event]\nstart = 2018-09-08T09:30:00\nrecurrence = \"FREQ=MONTHLY;BYDAY=2SA;COUNT=4\"\nrdates = [2018-09-01T09:30:00, 2018-12-29]\n\n[[event.changes]]\noccurrence = 2018-09-09\nnote = \"x\"\n\n[[event.changes]]\noccurrence = 2018-10-13\n\n[[event.changes]]\noccurrence = 2018-11-10\nstart = 2018-11-11\n+++\n",
        )
        .file(
            "content/events/single.md",
            "+++\ntitle = \"y\"\ndate = 2018-01-01\n\n[event]\nstart = 2018-09-08T09:30:00\n[[event.changes]]\noccurrence = 2018-09-08\nstatus = \"cancelled\"\n+++\n",
        );
    let run = site.kepu_with_env(
        &["build", "--now", "2018-06-01T00:00:00+08:00"],
        &[("KEPU_LANG", "en")],
    );
    run.assert_code(1);
    for line in [
        "content/events/bad.md:8:11: the rdate 2018-09-01T09:30:00 is before the start (2018-09-08)",
        "content/events/bad.md:8:32: the rdate 2018-12-29 has no time, but the event starts at a time",
        "content/events/bad.md:11:14: the occurrence 2018-09-09 is not in the series",
        "content/events/bad.md:15:14: this change changes nothing",
        "content/events/bad.md:19:9: a change's `start` and `end` must be dates for an all-day event, and dates with times for a timed one",
        "content/events/single.md:8:14: `changes` needs a series, but this event has no `recurrence` or `rdates`",
    ] {
        assert!(run.has_stderr_line(line), "{line}\n{run}");
    }
    // In Chinese too.
    let zh = site.kepu_with_env(
        &["build", "--now", "2018-06-01T00:00:00+08:00"],
        &[("KEPU_LANG", "zh")],
    );
    assert!(
        zh.has_stderr_line("content/events/bad.md:11:14: 场次 2018-09-09 不在这个系列里"),
        "{zh}"
    );
}

#[test]
fn json_ld_starts_with_the_first_session_as_it_takes_place() {
    let site = events_site().file(
        "content/events/moved.md",
        &event(
            "start = 2018-09-15T09:30:00\nend = 2018-09-15T11:30:00\nrecurrence = \"FREQ=MONTHLY;BYDAY=3SA;COUNT=2\"\n[[event.changes]]\noccurrence = 2018-09-15\nstart = 2018-09-29T09:30:00\nnote = \"受台风影响改期\"\n",
        ),
    );
    site.build(&[]).assert_ok();
    let html = site.read("public/events/moved/index.html");
    let start = html.find("<script type=\"application/ld+json\">").unwrap();
    let rest = &html[start + "<script type=\"application/ld+json\">".len()..];
    let ld: serde_json::Value =
        serde_json::from_str(&rest[..rest.find("</script>").unwrap()]).unwrap();
    assert_eq!(ld["startDate"], "2018-09-29T09:30:00+08:00");
    assert_eq!(ld["endDate"], "2018-09-29T11:30:00+08:00");
    assert_eq!(
        ld["subEvent"][0]["previousStartDate"],
        "2018-09-15T09:30:00+08:00"
    );
    // The page's facts show the next session: the moved one.
    assert!(html.contains("2018年9月29日（星期六）09:30–11:30"));
}
