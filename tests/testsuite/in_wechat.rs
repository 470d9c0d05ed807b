//! The site inside WeChat's own browser: in Chromium with WeChat's user agent at 390
//! px (through `tests/browser/in-wechat.mjs`), no console errors, the page's square
//! share image first in the page and loaded, and the calendar links WeChat cannot
//! follow replaced by “在浏览器中打开以添加到日历”; with a plain phone browser's user
//! agent the links stay.

use std::net::TcpListener;
use std::path::Path;

use crate::support::browser::browser;
use crate::support::server::Files;
use crate::support::{Site, gradient, page};

const EVENT: &str = "title = \"科普讲座\"\ncover = \"poster.jpg\"\n[event]\nstart = 2018-09-15T09:00:00\nend = 2018-09-15T11:00:00\nlocation = \"科技馆\"";

/// A site with the square share picture, and an event with a tall poster.
fn fixture() -> Site {
    Site::with_og_image()
        .file("content/_index.md", &page("title = \"首页\"", "欢迎。"))
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        )
        .file("content/events/talk/index.md", &page(EVENT, "欢迎参加。"))
        .bytes(
            "content/events/talk/poster.jpg",
            &gradient(1200, 1600, image::ImageFormat::Jpeg),
        )
}

#[test]
fn inside_wechat_pages_share_a_square_image_and_say_to_open_calendars_in_the_browser() {
    let Some(browser) = browser() else {
        return;
    };
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!(
        "http://127.0.0.1:{}/",
        listener.local_addr().unwrap().port()
    );
    let site = fixture();
    site.build(&["--base-url", &base]).assert_ok();
    let server = Files::new(site.root().join("public")).serve_on(listener);
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/in-wechat-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let config = serde_json::json!({
        "base": format!("http://127.0.0.1:{}/", server.port),
        "pages": ["", "events/", "events/talk/", "calendar/2018/09/"],
        "shots": shots,
    });
    let r = browser.run_script("in-wechat.mjs", config);
    let mut problems: Vec<String> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("console: {e}"))
        .collect();
    for p in r["pages"].as_array().unwrap() {
        problems.extend(share_problems(p));
        problems.extend(calendar_problems(p));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Where `p`, one page in one user agent as `in-wechat.mjs` reports it, and its page.
fn at(p: &serde_json::Value) -> (&str, &str, String) {
    let (agent, name) = (p["agent"].as_str().unwrap(), p["page"].as_str().unwrap());
    (agent, name, format!("{agent} /{name}"))
}

/// The page's share image is not first, not loaded at 300×300, visible or in the
/// way; or the page shifts or fails axe.
fn share_problems(p: &serde_json::Value) -> Vec<String> {
    let (_, name, at) = at(p);
    let mut problems = Vec::new();
    let share = &p["share"];
    let src = share["src"].as_str().unwrap_or("");
    let wanted = if name == "events/talk/" {
        "/events/talk/share-300x300.jpg"
    } else {
        "/og-image-300x300.jpg"
    };
    if !src.ends_with(wanted) {
        problems.push(format!("{at}: the first image is {share}"));
    }
    if share["complete"] != true || share["natural"] != serde_json::json!([300, 300]) {
        problems.push(format!(
            "{at}: the share image did not load at 300×300: {share}"
        ));
    }
    if share["alt"] != "" || !share["loading"].is_null() || share["display"] == "none" {
        problems.push(format!("{at}: the share image is {share}"));
    }
    if share["box"] != serde_json::json!([1, 1]) {
        problems.push(format!("{at}: the share image takes room: {share}"));
    }
    if p["cls"].as_f64().unwrap_or(1.0) > 0.0 {
        problems.push(format!("{at}: layout shift {}", p["cls"]));
    }
    if !p["axe"].as_array().unwrap().is_empty() {
        problems.push(format!("{at}: axe: {}", p["axe"]));
    }
    problems
}

/// Inside WeChat, calendar links left or no note to open the browser; in a phone
/// browser, a note or missing links.
fn calendar_problems(p: &serde_json::Value) -> Vec<String> {
    let (agent, name, at) = at(p);
    let mut problems = Vec::new();
    let (ics, webcal) = (
        p["icsLinks"].as_u64().unwrap(),
        p["webcalLinks"].as_u64().unwrap(),
    );
    let notes = p["notes"].as_array().unwrap();
    let has_calendar = !name.is_empty();
    match agent {
        "wechat" => {
            if ics + webcal > 0 {
                problems.push(format!("{at}: {ics} .ics and {webcal} webcal links left"));
            }
            let said = notes.iter().all(|n| n == "在浏览器中打开以添加到日历");
            if has_calendar && (notes.is_empty() || !said) {
                problems.push(format!("{at}: notes {notes:?}"));
            }
        }
        _ => {
            if !notes.is_empty() || (has_calendar && (ics == 0 || webcal == 0)) {
                problems.push(format!(
                    "{at}: {ics} .ics, {webcal} webcal links, notes {notes:?}"
                ));
            }
        }
    }
    problems
}
