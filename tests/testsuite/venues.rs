//! Venues and organizers as pages, end to end: events name them with `@/` paths, and
//! their place, address, coordinates and organizers reach the event page, its
//! JSON-LD, the `.ics` files (read back with Python's `icalendar` when the venv of
//! `.ci/run` is there), the month grid and the lists; each venue and organizer page
//! lists its events and has its own `calendar.ics`. Bad references and bad tables are
//! errors at their lines, all in one run.

use crate::support::{self, Site};

fn event(title: &str, table: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = 2018-01-01\n\n[event]\n{table}+++\n正文。\n")
}

fn sections(site: Site) -> Site {
    site.file(
        "site.toml",
        "title = \"测试站\"\nbase_url = \"https://example.org\"\ntimezone = \"Asia/Shanghai\"\n[calendar]\nmap_url = \"https://uri.amap.com/search?keyword={address}\"\n",
    )
    .file(
        "content/events/_index.md",
        "+++\ntitle = \"活动\"\nkind = \"event\"\n+++\n",
    )
    .file(
        "content/venues/_index.md",
        "+++\ntitle = \"场地\"\nkind = \"venue\"\n+++\n",
    )
    .file(
        "content/organizers/_index.md",
        "+++\ntitle = \"主办单位\"\nkind = \"organizer\"\n+++\n",
    )
}

fn fixture() -> Site {
    sections(Site::bare())
        .file(
            "content/venues/bowuguan.md",
            "+++\ntitle = \"东莞科技馆\"\n[venue]\naddress = \"东莞市南城区元美路\"\ngeo = [23.02, 113.75]\ncapacity = 300\naccessibility = \"无障碍通道：北门\"\ntransit = \"地铁2号线 鸿福路站 C 口\"\n+++\n场馆介绍。\n",
        )
        .file(
            "content/venues/library.md",
            "+++\ntitle = \"莞城图书馆\"\n[venue]\naddress = \"东莞市莞城区新芬路\"\ngeo = [23.04, 113.74]\nmap = \"https://map.example.org/library\"\n+++\n",
        )
        .file(
            "content/organizers/kexie.md",
            "+++\ntitle = \"东莞市科协\"\n[organizer]\nurl = \"https://kexie.example.org/\"\nphone = \"0769-1234 5678\"\nemail = \"kx@example.org\"\nlogo = \"kexie.svg\"\n+++\n",
        )
        .file(
            "content/organizers/kexie.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>",
        )
        .file(
            "content/organizers/xiehui.md",
            "+++\ntitle = \"科普协会\"\n[organizer]\nurl = \"https://xiehui.example.org/\"\n+++\n",
        )
        .file(
            "content/events/kepuri.md",
            &event(
                "全国科普日",
                "start = 2018-09-15T09:00:00\nend = 2018-09-15T17:00:00\nvenue = \"@/venues/bowuguan.md\"\norganizer = [\"@/organizers/kexie.md\", \"@/organizers/xiehui.md\"]\n",
            ),
        )
        .file(
            "content/events/talks.md",
            &event(
                "科普讲座",
                "start = 2018-09-08T09:30:00\nend = 2018-09-08T11:30:00\nrecurrence = \"FREQ=MONTHLY;BYDAY=2SA;COUNT=3\"\nvenue = \"@/venues/bowuguan.md\"\nlocation = \"东莞科技馆 学术报告厅\"\norganizer = \"@/organizers/xiehui.md\"\n[[event.changes]]\noccurrence = 2018-10-13\nvenue = \"@/venues/library.md\"\nnote = \"改在图书馆\"\n",
            ),
        )
        .file(
            "content/events/old.md",
            &event(
                "春季讲座",
                "start = 2018-03-03T09:00:00\nvenue = \"@/venues/bowuguan.md\"\norganizer = \"某学校\"\n",
            ),
        )
        .file(
            "content/events/free.md",
            &event(
                "社区活动",
                "start = 2018-09-01T09:00:00\nlocation = \"社区广场\"\n",
            ),
        )
}

fn json_ld(html: &str) -> serde_json::Value {
    let json = crate::support::between(html, "<script type=\"application/ld+json\">", "</script>");
    serde_json::from_str(json).unwrap()
}

/// An `.ics` file unfolded into lines.
fn ics(site: &Site, path: &str) -> Vec<String> {
    site.read(path)
        .replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn an_event_at_a_venue_shows_its_place_everywhere() {
    let site = fixture();
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{run}");

    // The event page: the venue's name linked to its page, its address, the organizers.
    let page = site.read("public/events/kepuri/index.html");
    let facts = crate::support::between(&page, "<dl class=\"event-facts\">", "</dl>");
    assert!(
        facts.contains("<a href=\"/venues/bowuguan/\">东莞科技馆</a>"),
        "{facts}"
    );
    assert!(facts.contains("东莞市南城区元美路"), "{facts}");
    assert!(facts.contains("<a href=\"/organizers/kexie/\">东莞市科协</a>、<a href=\"/organizers/xiehui/\">科普协会</a>"), "{facts}");
    assert!(
        facts.contains("href=\"https://uri.amap.com/search?keyword=%E4%B8%9C"),
        "{facts}"
    );

    // JSON-LD: a Place with a PostalAddress and coordinates; Organizations with URLs.
    let ld = json_ld(&page);
    assert_eq!(ld["location"]["@type"], "Place");
    assert_eq!(ld["location"]["name"], "东莞科技馆");
    assert_eq!(
        ld["location"]["url"],
        "https://example.org/venues/bowuguan/"
    );
    assert_eq!(ld["location"]["address"]["@type"], "PostalAddress");
    assert_eq!(
        ld["location"]["address"]["streetAddress"],
        "东莞市南城区元美路"
    );
    assert_eq!(ld["location"]["geo"]["latitude"], 23.02);
    assert_eq!(ld["location"]["geo"]["longitude"], 113.75);
    assert_eq!(ld["organizer"][0]["@type"], "Organization");
    assert_eq!(ld["organizer"][0]["name"], "东莞市科协");
    assert_eq!(ld["organizer"][0]["url"], "https://kexie.example.org/");
    assert_eq!(ld["organizer"][0]["email"], "kx@example.org");
    assert_eq!(ld["organizer"][1]["url"], "https://xiehui.example.org/");

    // .ics: LOCATION and GEO from the venue; ORGANIZER only with an e-mail address.
    let lines = ics(&site, "public/events/kepuri/event.ics");
    for line in [
        "LOCATION:东莞科技馆\\, 东莞市南城区元美路",
        "GEO:23.02;113.75",
        "ORGANIZER;CN=\"东莞市科协\":mailto:kx@example.org",
    ] {
        assert!(
            lines.iter().any(|l| l == line),
            "{line} in\n{}",
            lines.join("\n")
        );
    }
    let talks = ics(&site, "public/events/talks/event.ics");
    assert!(
        !talks.iter().any(|l| l.starts_with("ORGANIZER")),
        "{talks:?}"
    );
    // The series keeps its own room name and takes the venue's address; the changed
    // session is at the other venue, with that venue's coordinates.
    let series = &talks[..talks.iter().position(|l| l == "END:VEVENT").unwrap()];
    assert!(
        series
            .iter()
            .any(|l| l == "LOCATION:东莞科技馆 学术报告厅\\, 东莞市南城区元美路"),
        "{series:?}"
    );
    let changed = &talks[talks
        .iter()
        .position(|l| l.starts_with("RECURRENCE-ID"))
        .unwrap()..];
    for line in [
        "LOCATION:莞城图书馆\\, 东莞市莞城区新芬路",
        "GEO:23.04;113.74",
    ] {
        assert!(
            changed.iter().any(|l| l == line),
            "{line} in\n{}",
            changed.join("\n")
        );
    }

    // The month grid and the event list name the place.
    let month = site.read("public/calendar/2018/09/index.html");
    assert!(
        month.contains("<span class=\"where\">东莞科技馆</span>"),
        "month list"
    );
    let october = site.read("public/calendar/2018/10/index.html");
    assert!(
        october.contains("<span class=\"where\">莞城图书馆</span>"),
        "changed session"
    );
    let list = site.read("public/events/index.html");
    assert!(
        list.contains("<span class=\"place\"> · 东莞科技馆</span>"),
        "event list"
    );
}

#[test]
fn venue_and_organizer_pages_list_their_events_and_have_their_own_feed() {
    let site = fixture();
    site.build(&[]).assert_ok();
    let venue = site.read("public/venues/bowuguan/index.html");
    for text in [
        "地铁2号线 鸿福路站 C 口",
        "无障碍通道：北门",
        "300 人",
        "东莞市南城区元美路",
        "href=\"https://uri.amap.com/search?keyword=",
        "href=\"/venues/bowuguan/calendar.ics\" download",
        "href=\"webcal://example.org/venues/bowuguan/calendar.ics\"",
    ] {
        assert!(venue.contains(text), "{text} on the venue page");
    }
    let upcoming = crate::support::between(&venue, "data-list=\"upcoming\"", "</section>");
    let talks = upcoming.find("/events/talks/").expect("talks upcoming");
    let kepuri = upcoming.find("/events/kepuri/").expect("kepuri upcoming");
    assert!(talks < kepuri, "soonest first");
    assert!(!upcoming.contains("/events/free/"), "not at this venue");
    let past = crate::support::between(&venue, "data-list=\"past\"", "</section>");
    assert!(past.contains("/events/old/"), "{past}");
    // Its own map link wins over the site's map_url.
    let library = site.read("public/venues/library/index.html");
    assert!(library.contains("href=\"https://map.example.org/library\""));
    assert!(
        library.contains("/events/talks/"),
        "a changed session's venue lists the event"
    );

    let organizer = site.read("public/organizers/kexie/index.html");
    for text in [
        "<img class=\"organizer-logo\" src=\"/organizers/kexie.svg\"",
        "href=\"https://kexie.example.org/\"",
        "href=\"tel:0769-12345678\"",
        "href=\"mailto:kx@example.org\"",
        "/events/kepuri/",
    ] {
        assert!(organizer.contains(text), "{text} on the organizer page");
    }
    assert!(site.exists("public/organizers/kexie.svg"));

    // The feeds hold the events there / by them, and nothing else.
    let uids = |path: &str| -> Vec<String> {
        ics(&site, path)
            .into_iter()
            .filter_map(|l| l.strip_prefix("UID:").map(str::to_string))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    assert_eq!(
        uids("public/venues/bowuguan/calendar.ics"),
        [
            "events-kepuri@example.org",
            "events-old@example.org",
            "events-talks@example.org"
        ]
    );
    assert_eq!(
        uids("public/venues/library/calendar.ics"),
        ["events-talks@example.org"]
    );
    assert_eq!(
        uids("public/organizers/kexie/calendar.ics"),
        ["events-kepuri@example.org"]
    );
    assert!(
        ics(&site, "public/organizers/kexie/calendar.ics")
            .iter()
            .any(|l| l == "X-WR-CALNAME:东莞市科协 - 测试站")
    );
}

#[test]
fn a_venue_feed_reads_back_with_an_independent_parser() {
    let site = fixture();
    site.build(&[]).assert_ok();
    let ics = site.root().join("public/venues/bowuguan/calendar.ics");
    let Some(lines) = support::ical_script("places.py", &ics) else {
        return;
    };
    assert_eq!(
        lines,
        [
            "/events/kepuri/ | 东莞科技馆, 东莞市南城区元美路 | 23.02 113.75 | mailto:kx@example.org 东莞市科协",
            "/events/old/ | 东莞科技馆, 东莞市南城区元美路 | 23.02 113.75 | -",
            "/events/talks/ 2018-10-13 | 莞城图书馆, 东莞市莞城区新芬路 | 23.04 113.74 | -",
            "/events/talks/ | 东莞科技馆 学术报告厅, 东莞市南城区元美路 | 23.02 113.75 | -",
        ]
    );
}

#[test]
fn references_and_tables_are_checked_at_their_lines() {
    let site = sections(Site::bare())
        .file(
            "content/venues/bad.md",
            "+++\ntitle = \"坏场地\"\n[venue]\nadress = \"x\"\n+++\n",
        )
        .file(
            "content/venues/far.md",
            "+++\ntitle = \"远方\"\n[venue]\ngeo = [113.75, 23.02]\ncapacity = \"很多\"\n+++\n",
        )
        .file("content/venues/hall.md", "+++\ntitle = \"礼堂\"\n+++\n")
        .file(
            "content/organizers/org.md",
            "+++\ntitle = \"单位\"\n[organizer]\nemail = \"单位 <a@b.org>\"\nlogo = \"missing.png\"\n+++\n",
        )
        .file(
            "content/events/a.md",
            &event(
                "甲",
                "start = 2018-09-15T09:00:00\nvenue = \"@/venues/hal.md\"\norganizer = [\"@/organizers/org.md\", \"@/events/a.md\"]\n",
            ),
        )
        .file(
            "content/events/b.md",
            &event(
                "乙",
                "start = 2018-09-15T09:00:00\nrecurrence = \"FREQ=WEEKLY;COUNT=2\"\nvenue = \"科技馆\"\n[[event.changes]]\noccurrence = 2018-09-22\nvenue = \"@/venues/nowhere.md\"\n",
            ),
        )
        .file(
            "content/events/c.md",
            &event(
                "丙",
                "start = 2018-09-15T09:00:00\nvenue = \"@/organizers/org.md\"\norganizer = 3\n",
            ),
        );
    let run = site.build(&[]);
    run.assert_code(1);
    let errors = run.errors();
    for expected in [
        "content/venues/bad.md:4:1: unknown field `adress`",
        "content/venues/far.md:5:12: `capacity` should be a whole number, but it is the text \"很多\"",
        "content/events/a.md:7:9: there is no venue page @/venues/hal.md",
        "content/events/a.md:8:37: @/events/a.md is a page of kind \"event\", not an organizer page",
        "content/events/b.md:8:9: `venue` \"科技馆\" is not the path of a venue page",
        "content/events/c.md:8:13: `organizer` must be a name, the path of an organizer page, or a list of such paths",
        "content/organizers/org.md:4:9: `email` \"单位 <a@b.org>\" is not an e-mail address",
    ] {
        assert!(
            errors.contains(&expected),
            "missing {expected}\n{}",
            errors.join("\n")
        );
    }
    assert!(
        run.stderr.contains("did you mean @/venues/hall.md?"),
        "{run}"
    );
    // Nothing was written.
    assert!(!site.exists("public"));
}

/// Each reference that leads nowhere is matched against the pages of its own kind:
/// a venue's against venues, an organizer's against organizers, whichever comes first.
#[test]
fn each_broken_reference_gets_suggestions_of_its_own_kind() {
    let site = sections(Site::bare())
        .file("content/venues/hall.md", "+++\ntitle = \"礼堂\"\n+++\n")
        .file("content/organizers/org.md", "+++\ntitle = \"单位\"\n+++\n")
        .file(
            "content/events/a.md",
            &event(
                "甲",
                "start = 2018-09-15T09:00:00\nvenue = \"@/venues/hal.md\"\norganizer = \"@/organizers/orgg.md\"\n",
            ),
        );
    let run = site.build(&[]);
    run.assert_code(1);
    for expected in [
        "content/events/a.md:7:9: there is no venue page @/venues/hal.md\n  help: did you mean @/venues/hall.md? Name a file under content/, e.g. venue = \"@/venues/x.md\"",
        "content/events/a.md:8:13: there is no organizer page @/organizers/orgg.md\n  help: did you mean @/organizers/org.md? Name a file under content/, e.g. organizer = \"@/organizers/x.md\"",
    ] {
        assert!(run.stderr.contains(expected), "missing {expected}\n{run}");
    }
}

#[test]
fn reference_errors_of_a_valid_site_are_reported_together() {
    let site = sections(Site::bare())
        .file(
            "content/venues/far.md",
            "+++\ntitle = \"远方\"\n[venue]\ngeo = [113.75, 23.02]\n+++\n",
        )
        .file("content/venues/hall.md", "+++\ntitle = \"礼堂\"\n+++\n")
        .file(
            "content/organizers/org.md",
            "+++\ntitle = \"单位\"\n[organizer]\nlogo = \"missing.png\"\n+++\n",
        )
        .file(
            "content/events/b.md",
            &event(
                "乙",
                "start = 2018-09-15T09:00:00\nrecurrence = \"FREQ=WEEKLY;COUNT=2\"\nvenue = \"@/venues/hall.md\"\n[[event.changes]]\noccurrence = 2018-09-22\nvenue = \"@/venues/nowhere.md\"\n",
            ),
        )
        .file(
            "content/events/c.md",
            &event("丙", "start = 2018-09-15T09:00:00\nvenue = \"@/organizers/org.md\"\n"),
        );
    let run = site.build(&[]);
    run.assert_code(1);
    let errors = run.errors();
    for expected in [
        "content/venues/far.md:4:7: `geo` must be [latitude, longitude], latitude between -90 and 90, longitude between -180 and 180",
        "content/organizers/org.md:4:8: the logo \"missing.png\" is not next to this page (looked for content/organizers/missing.png)",
        "content/events/b.md:11:9: there is no venue page @/venues/nowhere.md",
        "content/events/c.md:7:9: @/organizers/org.md is a page of kind \"organizer\", not a venue page",
    ] {
        assert!(
            errors.contains(&expected),
            "missing {expected}\n{}",
            errors.join("\n")
        );
    }
}

#[test]
fn kepu_new_venue_and_organizer_make_pages_that_build() {
    let site = sections(Site::bare());
    let run = site.kepu(&["new", "venue", "东莞市科学技术博物馆"]);
    run.assert_ok();
    assert!(
        run.stdout
            .contains("content/venues/dong-guan-shi-ke-xue-ji-shu-bo-wu-guan.md"),
        "{run}"
    );
    site.kepu(&["new", "organizer", "东莞市科学技术协会"])
        .assert_ok();
    let venue = site.read("content/venues/dong-guan-shi-ke-xue-ji-shu-bo-wu-guan.md");
    assert!(venue.contains("[venue]\n"), "{venue}");
    let site = site.file(
        "content/events/a.md",
        &event(
            "甲",
            "start = 2018-09-15T09:00:00\nvenue = \"@/venues/dong-guan-shi-ke-xue-ji-shu-bo-wu-guan.md\"\norganizer = \"@/organizers/dong-guan-shi-ke-xue-ji-shu-xie-hui.md\"\n",
        ),
    );
    site.build(&[]).assert_ok();
    let page = site.read("public/venues/dong-guan-shi-ke-xue-ji-shu-bo-wu-guan/index.html");
    assert!(page.contains("/events/a/"), "the new venue lists the event");
}
