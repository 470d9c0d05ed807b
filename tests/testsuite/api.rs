//! The static JSON API end to end: `/api/events.json` (occurrences from 30 days
//! before the build time to the horizon), `/api/events/YYYY-MM.json`,
//! `/api/news.json` and the JSON Feed `/feed.json`, each validated against its
//! schema in `docs/api/` by Python's `jsonschema` (the venv of `.ci/run`), and read
//! back for what an app relies on: stable ids, offsets, moved and cancelled
//! occurrences with their notes, venue and organizer objects, and the CORS rule of
//! `_headers`.

use serde_json::Value;

use crate::support::{self, Site};

const NOW: &str = "2018-09-20T00:00:00+08:00";

fn event(title: &str, table: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = 2018-01-01\ndescription = \"{title}的介绍\"\ntaxonomies = {{ tags = [\"科普\"] }}\n\n[event]\n{table}+++\n正文。\n"
    )
}

fn fixture() -> Site {
    Site::bare()
        .file(
            "site.toml",
            "title = \"测试站\"\nbase_url = \"https://example.org\"\ntimezone = \"Asia/Shanghai\"\n[taxonomies]\ntags = {}\n",
        )
        .file("content/events/_index.md", "+++\ntitle = \"活动\"\nkind = \"event\"\n+++\n")
        .file("content/news/_index.md", "+++\ntitle = \"新闻\"\nkind = \"news\"\n+++\n")
        .file("content/venues/_index.md", "+++\ntitle = \"场地\"\nkind = \"venue\"\n+++\n")
        .file(
            "content/organizers/_index.md",
            "+++\ntitle = \"主办单位\"\nkind = \"organizer\"\n+++\n",
        )
        .file(
            "content/venues/bowuguan.md",
            "+++\ntitle = \"东莞科技馆\"\n[venue]\naddress = \"东莞市南城区元美路\"\ngeo = [23.02, 113.75]\ntransit = \"地铁2号线\"\n+++\n",
        )
        .file(
            "content/organizers/kexie.md",
            "+++\ntitle = \"东莞市科协\"\n[organizer]\nurl = \"https://kexie.example.org/\"\nemail = \"kx@example.org\"\n+++\n",
        )
        // Monthly at the museum: one session moved, one cancelled, one skipped.
        .file(
            "content/events/talks.md",
            &event(
                "科普讲座",
                "start = 2018-09-08T09:30:00\nend = 2018-09-08T11:30:00\nrecurrence = \"FREQ=MONTHLY;BYDAY=2SA;COUNT=4\"\nexdates = [2018-11-10]\nvenue = \"@/venues/bowuguan.md\"\norganizer = \"@/organizers/kexie.md\"\nregistration = \"https://signup.example.net/talks\"\n[[event.changes]]\noccurrence = 2018-10-13\nstart = 2018-10-14T14:00:00\nnote = \"因台风改期\"\n[[event.changes]]\noccurrence = 2018-12-08\nstatus = \"cancelled\"\nnote = \"场馆检修\"\n",
            ),
        )
        // Whole days, in Berlin's zone (the offset is not the site's).
        .file(
            "content/events/camp.md",
            &event(
                "科学营",
                "start = 2018-10-27\nend = 2018-10-28\ntimezone = \"Europe/Berlin\"\nlocation = \"柏林\"\norganizer = \"伙伴协会\"\n",
            ),
        )
        // Long past: in its month's file, not in the window of events.json.
        .file(
            "content/events/old.md",
            &event("旧活动", "start = 2018-06-01T10:00:00\nend = 2018-06-01T12:00:00\n"),
        )
        .file(
            "content/news/a.md",
            "+++\ntitle = \"新闻甲\"\ndate = 2018-09-01T10:00:00\nauthors = [\"小王\"]\n+++\n第一条<a href=\"/events/talks/\">新闻</a>。\n",
        )
        .file(
            "content/news/b.md",
            "+++\ntitle = \"新闻乙\"\ndate = 2018-09-10\ndescription = \"第二条\"\n+++\n",
        )
}

fn json(site: &Site, path: &str) -> Value {
    serde_json::from_str(&site.read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn by_id<'a>(events: &'a Value, id: &str) -> &'a Value {
    events["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {events}"))
}

#[test]
fn every_api_file_is_valid_against_its_schema() {
    let site = fixture();
    site.kepu(&["build", "--now", NOW]).assert_ok();
    let Some(lines) = support::api_schema_check(&site.root().join("public")) else {
        return;
    };
    assert_eq!(
        lines,
        [
            "valid api/events/2018-06.json",
            "valid api/events/2018-09.json",
            "valid api/events/2018-10.json",
            "valid api/events/2018-12.json",
            "valid api/events.json",
            "valid api/news.json",
            "valid feed.json",
        ]
    );
}

#[test]
fn the_schema_check_rejects_what_breaks_the_contract() {
    let site = fixture();
    site.kepu(&["build", "--now", NOW]).assert_ok();
    // The same output with one offset dropped and one status misspelled.
    let public = site.root().join("public");
    let text = site
        .read("public/api/events.json")
        .replacen("+08:00\"", "\"", 1)
        .replacen("\"cancelled\"", "\"canceled\"", 1);
    std::fs::write(public.join("api/events.json"), text).unwrap();
    let Some((valid, lines)) = support::api_schema_run(&public) else {
        return;
    };
    let out = lines.join("\n");
    assert!(!valid, "{out}");
    let invalid: Vec<&str> = out.lines().filter(|l| l.starts_with("invalid")).collect();
    assert!(
        invalid
            .iter()
            .all(|l| l.starts_with("invalid api/events.json: /events/")),
        "{out}"
    );
    assert!(invalid.iter().any(|l| l.contains("canceled")), "{out}");
    assert!(invalid.len() >= 2, "{out}");
}

#[test]
fn events_json_lists_the_window_with_stable_ids_changes_and_places() {
    let site = fixture();
    site.kepu(&["build", "--now", NOW]).assert_ok();
    let events = json(&site, "public/api/events.json");
    assert_eq!(events["version"], 1);
    assert_eq!(events["generated"], "2018-09-19T16:00:00Z");
    assert_eq!(events["from"], "2018-08-20T16:00:00Z");
    let ids: Vec<&str> = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    // In order of start; the June event ended more than 30 days before the build.
    assert_eq!(
        ids,
        [
            "events-talks@example.org#2018-09-08T09:30:00+08:00",
            "events-talks@example.org#2018-10-13T09:30:00+08:00",
            "events-camp@example.org#2018-10-27",
            "events-talks@example.org#2018-12-08T09:30:00+08:00",
        ]
    );
    let first = by_id(&events, ids[0]);
    assert_eq!(first["start"], "2018-09-08T09:30:00+08:00");
    assert_eq!(first["end"], "2018-09-08T11:30:00+08:00");
    assert_eq!(first["ended"], true);
    assert_eq!(first["status"], "scheduled");
    assert_eq!(first["moved"], false);
    assert_eq!(first["recurring"], true);
    assert_eq!(first["url"], "https://example.org/events/talks/");
    assert_eq!(first["ics"], "https://example.org/events/talks/event.ics");
    assert_eq!(first["registration"], "https://signup.example.net/talks");
    assert_eq!(first["taxonomies"]["tags"][0], "科普");
    assert_eq!(
        first["venue"],
        serde_json::json!({
            "name": "东莞科技馆",
            "url": "https://example.org/venues/bowuguan/",
            "address": "东莞市南城区元美路",
            "geo": { "lat": 23.02, "lon": 113.75 },
            "transit": "地铁2号线",
        })
    );
    assert_eq!(first["place"]["name"], "东莞科技馆");
    assert_eq!(
        first["organizers"],
        serde_json::json!([{
            "name": "东莞市科协",
            "url": "https://example.org/organizers/kexie/",
            "website": "https://kexie.example.org/",
            "email": "kx@example.org",
        }])
    );
    // Moved: the id keeps the original start.
    let moved = by_id(&events, ids[1]);
    assert_eq!(moved["start"], "2018-10-14T14:00:00+08:00");
    assert_eq!(moved["end"], "2018-10-14T16:00:00+08:00");
    assert_eq!(moved["moved"], true);
    assert_eq!(moved["original_start"], "2018-10-13T09:30:00+08:00");
    assert_eq!(moved["note"], "因台风改期");
    assert_eq!(moved["status"], "scheduled");
    assert_eq!(moved["ended"], false);
    // Cancelled: listed, marked, with its note.
    let cancelled = by_id(&events, ids[3]);
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["note"], "场馆检修");
    // All day: dates, last day inclusive, and its own zone.
    let camp = by_id(&events, ids[2]);
    assert_eq!(camp["start"], "2018-10-27");
    assert_eq!(camp["end"], "2018-10-28");
    assert_eq!(camp["all_day"], true);
    assert_eq!(camp["timezone"], "Europe/Berlin");
    assert_eq!(
        camp["organizers"],
        serde_json::json!([{ "name": "伙伴协会" }])
    );
    assert!(camp.get("venue").is_none(), "{camp}");

    // A month file holds every occurrence touching the month, ended or not, with the
    // same objects; the ids do not depend on the build time.
    let june = json(&site, "public/api/events/2018-06.json");
    assert_eq!(june["month"], "2018-06");
    assert_eq!(
        june["events"][0]["id"],
        "events-old@example.org#2018-06-01T10:00:00+08:00"
    );
    let october = json(&site, "public/api/events/2018-10.json");
    assert_eq!(by_id(&october, ids[1]), moved);
    assert!(!site.exists("public/api/events/2018-11.json"));
    site.kepu(&["build", "--now", "2018-12-01T00:00:00+08:00"])
        .assert_ok();
    let later = json(&site, "public/api/events/2018-10.json");
    assert_eq!(by_id(&later, ids[1])["start"], "2018-10-14T14:00:00+08:00");
}

#[test]
fn news_and_the_json_feed_list_the_newest_pages() {
    let site = fixture();
    site.kepu(&["build", "--now", NOW]).assert_ok();
    let news = json(&site, "public/api/news.json");
    assert_eq!(news["version"], 1);
    let titles: Vec<&str> = news["news"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["新闻乙", "新闻甲"]);
    assert_eq!(news["news"][0]["date"], "2018-09-10T00:00:00+08:00");
    assert_eq!(news["news"][1]["authors"][0], "小王");
    // Links inside a summary are absolute, as in the Atom feed.
    let summary = news["news"][1]["summary_html"].as_str().unwrap();
    assert!(
        summary.contains("href=\"https://example.org/events/talks/\""),
        "{summary}"
    );

    let feed = json(&site, "public/feed.json");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["feed_url"], "https://example.org/feed.json");
    assert_eq!(feed["home_page_url"], "https://example.org/");
    assert_eq!(feed["language"], "zh-CN");
    // The entries of the Atom feed, in its order.
    let atom = site.read("public/atom.xml");
    let atom_ids: Vec<&str> = atom
        .split("<entry>")
        .skip(1)
        .map(|e| support::between(e, "<id>", "</id>"))
        .collect();
    let feed_ids: Vec<&str> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(feed_ids, atom_ids);
    assert!(
        feed_ids.contains(&"https://example.org/news/b/"),
        "{feed_ids:?}"
    );
}

#[test]
fn headers_let_other_sites_read_the_api() {
    let site = fixture();
    site.kepu(&["build", "--now", NOW]).assert_ok();
    let headers = site.read("public/_headers");
    assert!(
        headers.contains("\n/api/*\n  Access-Control-Allow-Origin: *\n/feed.json\n  Access-Control-Allow-Origin: *\n"),
        "{headers}"
    );
}
