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
