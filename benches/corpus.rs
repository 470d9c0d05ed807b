//! Writes a deterministic benchmark corpus: `cargo run --release --example corpus -- N DIR`.
//!
//! N content pages of an association's site, mixed Chinese (about 70 %) and English,
//! news 60 %, events 25 % (a sixth of them recurring), trainings 10 %, resources 5 %,
//! 50 tags and 8 categories, 20 items per list page. Bodies are 600–1500 characters
//! with headings, a list, links (one an `@/` internal link), a table and
//! `<!-- more -->`. Three sites come out, sharing the same pages:
//!
//! - `DIR/kepu/`: kepu's format with the minimal theme `bench` (page, paginated
//!   section lists, tag and category pages; feeds and sitemap are built in; no search
//!   index, as Hugo builds none);
//! - `DIR/kepu-full/`: the same content with the full default theme (calendars and the
//!   search index too);
//! - `DIR/hugo/`: a Hugo copy with equivalent minimal layouts, for comparison.
//!
//! The same N and the same code always give the same bytes (a fixed-seed SplitMix64,
//! no clock), so runs on different days measure the same work. `benches/build.sh`
//! drives it; docs/performance.md describes the method.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// SplitMix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const ZH_SENTENCES: &[&str] = &[
    "按照市科协的总体部署，协会组织会员单位和科普志愿者积极参与各项主题活动。",
    "活动期间，志愿者在展区为市民讲解防震减灾、应急避险和健康生活等科学知识。",
    "本次讲座邀请了高校和科研院所的专家，围绕人工智能与日常生活展开深入浅出的介绍。",
    "重庆、长沙、银行系统的科普工作者也应邀前来交流经验，现场气氛十分热烈。",
    "协会将继续完善科普志愿者入库工作，建立长效的培训和激励机制。",
    "青少年是科学普及的重点人群，学校和社区的科普活动室发挥了重要作用。",
    "我们鼓励会员结合自身专业特长，开展形式多样、贴近生活的科普活动。",
    "科普资源进社区活动向居民派发了科普挂图、科普读本和应急手册。",
    "本年度共开展科普讲座四十余场，覆盖镇街、学校、企业和农村社区。",
    "志愿者们利用周末时间走进公园和广场，用通俗易懂的语言传播科学精神。",
    "为提高活动质量，秘书处在活动结束后收集了参与者的意见和建议。",
    "互联网加科普的模式让更多市民足不出户就能获取权威的科学知识。",
    "会议强调，要把科学普及放在与科技创新同等重要的位置。",
    "各会员单位认真落实年度工作计划，按时报送活动信息和总结材料。",
    "科技活动周期间，博物馆推出了机器人、天文观测和科学实验等互动体验项目。",
    "长期以来，协会坚持面向基层、关注民生，团结广大科普志愿者服务社会。",
    "培训内容包括科普活动策划、新媒体传播、安全管理和志愿服务礼仪。",
    "参与活动的学生纷纷表示，亲手做实验让他们对科学产生了浓厚的兴趣。",
    "活动还设置了有奖问答环节，吸引了不少家长带着孩子一起参加。",
    "下一步，协会将加强与兄弟城市科普组织的交流合作，共享优质科普资源。",
];

const EN_SENTENCES: &[&str] = &[
    "Volunteers of the association explained earthquake safety and first aid to hundreds of visitors.",
    "The lecture, given by researchers from local universities, introduced artificial intelligence in everyday life.",
    "Member organisations are invited to propose activities for the science week before the end of the month.",
    "Children built simple circuits, launched water rockets and looked at the moon through telescopes.",
    "The secretariat collected feedback from participants to improve the next round of training.",
    "Posters, readers and emergency handbooks were handed out in twelve neighbourhood centres.",
    "Science popularisation reaches further when volunteers use plain words and everyday examples.",
    "The programme covers event planning, social media, safety management and volunteer etiquette.",
    "Registration is open to all volunteers listed in the association's database.",
    "The museum hosted robotics, astronomy and hands-on experiments throughout the week.",
    "Schools and community science rooms remain the heart of our work with young people.",
    "We thank every volunteer who gave up a weekend to share the joy of science.",
];

const ZH_TOPICS: &[&str] = &[
    "全国科普日",
    "科技活动周",
    "防震减灾",
    "青少年科技创新",
    "科普志愿者",
    "重庆交流",
    "银行安全知识",
    "长江生态",
    "人工智能",
    "天文观测",
    "健康生活",
    "应急避险",
    "科普讲座",
    "科学实验",
    "社区科普",
    "垃圾分类",
    "节约用水",
    "食品安全",
    "网络安全",
    "科普e站",
];

const ZH_ACTIONS: &[&str] = &[
    "活动回顾",
    "工作启动",
    "培训通知",
    "讲座报道",
    "经验交流",
    "年度总结",
    "志愿服务",
    "进校园",
    "进社区",
    "专题展览",
];

const EN_TITLES: &[&str] = &[
    "Science Day",
    "Earthquake Safety",
    "Volunteer Training",
    "Astronomy Night",
    "Robotics Workshop",
    "Community Science",
    "Water Saving",
    "Food Safety",
    "Member Review",
    "Annual Report",
];

const PLACES: &[&str] = &[
    "东莞市科学技术博物馆",
    "东莞市青少年活动中心",
    "南城街道社区服务中心",
    "松山湖科技园",
    "东莞图书馆报告厅",
    "莞城文化广场",
];

fn tags() -> Vec<String> {
    let mut tags: Vec<String> = ZH_TOPICS.iter().map(|s| s.to_string()).collect();
    tags.extend(
        [
            "志愿者",
            "讲座",
            "培训",
            "青少年",
            "社区",
            "学校",
            "展览",
            "科普资源",
            "防灾",
            "健康",
            "环境",
            "科技创新",
            "会员",
            "通知",
            "重庆",
            "音乐与科学",
            "行业交流",
            "长者",
        ]
        .map(String::from),
    );
    tags.extend(
        [
            "Science",
            "Volunteers",
            "Workshop",
            "Astronomy",
            "Robotics",
            "Safety",
            "Health",
            "Environment",
            "Youth",
            "Community",
            "Lecture",
            "Training",
        ]
        .map(String::from),
    );
    assert_eq!(tags.len(), 50);
    tags
}

const CATEGORIES: &[&str] = &[
    "协会工作",
    "科普活动",
    "科普培训",
    "科普资源",
    "通知公告",
    "会员服务",
    "媒体报道",
    "Events",
];

/// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

fn date(days: i64) -> String {
    let (y, m, d) = civil(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// 2015-01-01 as days since 1970-01-01.
const START: i64 = 16_436;
/// The corpus spans ten years; builds use `--now 2025-06-01T00:00:00+08:00`.
const SPAN: i64 = 3_650;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    News,
    Event,
    Training,
    Resource,
}

impl Kind {
    fn section(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::Event => "events",
            Kind::Training => "trainings",
            Kind::Resource => "resources",
        }
    }
}

/// One generated page, in both formats.
struct Page {
    /// Path under `content/` in the kepu copy.
    kepu_rel: String,
    /// Path under `content/` in the Hugo copy.
    hugo_rel: String,
    kepu: String,
    hugo: String,
}

/// A Markdown body of 600–1500 characters; `link` is an earlier page to link to as
/// (kepu `@/` path, Hugo URL).
fn body(rng: &mut Rng, english: bool, link: Option<(&str, &str)>, hugo: bool) -> String {
    let sentences = if english { EN_SENTENCES } else { ZH_SENTENCES };
    let target = 600 + rng.below(900);
    let para = |rng: &mut Rng, n: usize| -> String {
        let sep = if english { " " } else { "" };
        (0..n)
            .map(|_| *rng.pick(sentences))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let mut out = String::new();
    out.push_str(&para(rng, 2));
    out.push_str(if hugo {
        "\n\n<!--more-->\n\n"
    } else {
        "\n\n<!-- more -->\n\n"
    });
    let h = |zh: &'static str, en: &'static str| if english { en } else { zh };
    let _ = write!(
        out,
        "## {}\n\n{}\n\n",
        h("活动情况", "What happened"),
        para(rng, 2)
    );
    for _ in 0..3 + rng.below(3) {
        let _ = writeln!(
            out,
            "- **{}**：{}",
            rng.pick(ZH_TOPICS),
            rng.pick(sentences)
        );
    }
    out.push('\n');
    let external = format!("https://www.example.org/{}", rng.below(1000));
    match link {
        Some((kepu, url)) => {
            let target = if hugo { url } else { kepu };
            let _ = write!(
                out,
                "{} [{}]({external}), [{}]({target}).\n\n",
                para(rng, 1),
                h("详情", "details"),
                h("相关报道", "related"),
            );
        }
        None => {
            let _ = write!(
                out,
                "{} [{}]({external}).\n\n",
                para(rng, 1),
                h("详情", "details")
            );
        }
    }
    let _ = write!(
        out,
        "### {}\n\n| {} | {} | {} |\n|---|---|---|\n",
        h("安排", "Schedule"),
        h("项目", "Item"),
        h("时间", "Time"),
        h("地点", "Place"),
    );
    for _ in 0..3 {
        let _ = writeln!(
            out,
            "| {} | {}:00 | {} |",
            rng.pick(ZH_TOPICS),
            9 + rng.below(9),
            rng.pick(PLACES)
        );
    }
    out.push('\n');
    while out.chars().count() < target {
        out.push_str(&para(rng, 3));
        out.push_str("\n\n");
    }
    out
}

fn toml_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    format!("[{}]", quoted.join(", "))
}

fn generate_page(
    i: usize,
    n: usize,
    kind: Kind,
    rng: &mut Rng,
    earlier: &[(String, String)],
) -> Page {
    let tags = tags();
    let english = rng.chance(30);
    let days = START + (i as i64 * SPAN) / n.max(1) as i64 + rng.below(20) as i64;
    let day = date(days);
    let (title, name) = if english {
        let t = format!("{} {}", rng.pick(EN_TITLES), 2015 + (days - START) / 365);
        let name = t.to_lowercase().replace(' ', "-");
        (t, name)
    } else {
        let topic = rng.pick(ZH_TOPICS);
        let action = rng.pick(ZH_ACTIONS);
        (
            format!("{}{topic}{action}", (days - START) / 365 + 2015),
            format!("{topic}{action}"),
        )
    };
    let title = format!("{title}（{i}）");
    let section = kind.section();
    let bundle = kind == Kind::Event && rng.chance(50);
    let kepu_rel = if bundle {
        format!("{section}/{day}-{name}-{i}/index.md")
    } else {
        format!("{section}/{day}-{name}-{i}.md")
    };
    let hugo_rel = format!("{section}/p{i:06}.md");

    let mut page_tags: Vec<&str> = Vec::new();
    for _ in 0..1 + rng.below(4) {
        let t = rng.pick(&tags).as_str();
        if !page_tags.contains(&t) {
            page_tags.push(t);
        }
    }
    let category = *rng.pick(CATEGORIES);
    let description = if rng.chance(40) {
        let s = rng.pick(if english { EN_SENTENCES } else { ZH_SENTENCES });
        Some(s.to_string())
    } else {
        None
    };

    let link = (!earlier.is_empty()).then(|| {
        let (k, h) = &earlier[rng.below(earlier.len())];
        (k.as_str(), h.as_str())
    });
    let kepu_body = {
        let mut r = Rng(rng.0);
        body(&mut r, english, link, false)
    };
    let hugo_body = body(rng, english, link, true);

    let mut front = String::new();
    let _ = writeln!(front, "title = {title:?}");
    if let Some(d) = &description {
        let _ = writeln!(front, "description = {d:?}");
    }
    let _ = writeln!(front, "date = {day}");
    let mut hugo_extra = String::new();
    let mut kepu_tables = String::new();
    if matches!(kind, Kind::Event | Kind::Training) {
        let mut start = days + 7 + rng.below(60) as i64;
        let all_day = rng.chance(20);
        let recurrence = rng.chance(16).then(|| {
            *rng.pick(&[
                "FREQ=WEEKLY;BYDAY=SA;COUNT=6",
                "FREQ=MONTHLY;BYDAY=2SA;COUNT=10",
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;COUNT=8",
            ])
        });
        // A recurring event starts on a day its rule gives (1970-01-01 was a Thursday).
        let weekday = |d: i64| (d + 4).rem_euclid(7); // 0 = Sunday
        match recurrence {
            Some(r) if r.contains("BYDAY=SU") => start += (7 - weekday(start)) % 7,
            Some(r) if r.contains("BYDAY=2SA") => {
                let (_, _, day) = civil(start);
                let first = start - (day as i64 - 1);
                start = first + (6 - weekday(first)).rem_euclid(7) + 7;
            }
            Some(_) => start += (6 - weekday(start)).rem_euclid(7),
            None => {}
        }
        let hour = 9 + rng.below(8);
        let place = rng.pick(PLACES);
        let _ = writeln!(kepu_tables, "\n[event]");
        if all_day {
            let _ = writeln!(kepu_tables, "start = {}", date(start));
            let _ = writeln!(kepu_tables, "end = {}", date(start + rng.below(3) as i64));
        } else {
            let _ = writeln!(kepu_tables, "start = {}T{hour:02}:00:00", date(start));
            let _ = writeln!(kepu_tables, "end = {}T{:02}:30:00", date(start), hour + 2);
        }
        let _ = writeln!(kepu_tables, "location = {place:?}");
        if rng.chance(5) {
            let _ = writeln!(kepu_tables, "status = \"cancelled\"");
        }
        if let Some(rule) = recurrence {
            let _ = writeln!(kepu_tables, "recurrence = {rule:?}");
        }
        let _ = writeln!(hugo_extra, "location = {place:?}\nstart = {}", date(start));
        if kind == Kind::Training {
            let _ = writeln!(kepu_tables, "\n[training]");
            let _ = writeln!(kepu_tables, "topic = {:?}", rng.pick(ZH_TOPICS));
            let _ = writeln!(kepu_tables, "lecturer = \"张老师\"");
            let _ = writeln!(kepu_tables, "hours = {}.5", 1 + rng.below(4));
            let _ = writeln!(kepu_tables, "audience = \"科普志愿者\"");
        }
    }
    if kind == Kind::Resource {
        let _ = writeln!(kepu_tables, "\n[resource]");
        let _ = writeln!(kepu_tables, "file = \"https://files.example.org/r{i}.pdf\"");
        let _ = writeln!(kepu_tables, "format = \"PDF\"");
        let _ = writeln!(kepu_tables, "audience = \"青少年\"");
        let _ = writeln!(kepu_tables, "license = \"CC BY 4.0\"");
        let _ = writeln!(hugo_extra, "file = \"https://files.example.org/r{i}.pdf\"");
    }

    let kepu = format!(
        "+++\n{front}taxonomies = {{ tags = {}, categories = [{category:?}] }}\n{kepu_tables}+++\n\n{kepu_body}",
        toml_list(&page_tags)
    );
    let hugo_params = if hugo_extra.is_empty() {
        String::new()
    } else {
        format!("\n[params]\n{hugo_extra}")
    };
    let hugo = format!(
        "+++\n{front}tags = {}\ncategories = [{category:?}]\n{hugo_params}+++\n\n{hugo_body}",
        toml_list(&page_tags)
    );
    Page {
        kepu_rel,
        hugo_rel,
        kepu,
        hugo,
    }
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    }
    fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

const KEPU_SITE: &str = r#"title = "科普基准协会"
base_url = "https://bench.example.org"
language = "zh-CN"
timezone = "Asia/Shanghai"
theme = "THEME"
description = "基准测试用的科普协会网站。"

[taxonomies]
tags = { feed = true, paginate_by = 20 }
categories = { feed = true, paginate_by = 20 }

[feeds]
limit = 20
"#;

const SECTIONS: &[(&str, &str, &str, &str)] = &[
    ("news", "协会动态", "news", "date"),
    ("events", "科普活动", "event", "start"),
    ("trainings", "科普培训", "training", "start"),
    ("resources", "科普资源", "resource", "date"),
];

/// The minimal kepu theme: the same pages as the Hugo layouts below.
const KEPU_TEMPLATES: &[(&str, &str)] = &[
    (
        "page.html",
        r#"<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ page.title }} - {{ config.title }}</title></head>
<body>
<h1>{{ page.title }}</h1>
{% if page.date %}<time datetime="{{ page.date }}">{{ page.date | date }}</time>{% endif %}
<ul>{% for name, terms in page.taxonomies %}{% for t in terms %}<li><a href="{{ t.url }}">{{ t.name }}</a></li>{% endfor %}{% endfor %}</ul>
{{ page.content }}
<nav>{% if page.earlier %}<a href="{{ page.earlier.url }}">{{ page.earlier.title }}</a>{% endif %}
{% if page.later %}<a href="{{ page.later.url }}">{{ page.later.title }}</a>{% endif %}</nav>
</body></html>
"#,
    ),
    (
        "section.html",
        r#"<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ section.title }} - {{ config.title }}</title></head>
<body>
<h1>{{ section.title }}</h1>
{{ section.content }}
{% if paginator %}{% set list = paginator.pages %}{% else %}{% set list = section.pages %}{% endif %}
{% for p in list %}<article><h2><a href="{{ p.url }}">{{ p.title }}</a></h2>{% if p.date %}<time datetime="{{ p.date }}">{{ p.date | date }}</time>{% endif %}
{% if p.summary %}<div>{{ p.summary }}</div>{% endif %}</article>
{% endfor %}
{% if paginator %}{% if paginator.previous %}<a href="{{ paginator.previous }}">prev</a>{% endif %}{% if paginator.next %}<a href="{{ paginator.next }}">next</a>{% endif %}{% endif %}
</body></html>
"#,
    ),
    (
        "taxonomy_list.html",
        r#"<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ taxonomy.name }} - {{ config.title }}</title></head>
<body>
<h1>{{ taxonomy.name }}</h1>
<ul>{% for t in taxonomy.terms %}<li><a href="{{ t.url }}">{{ t.name }}</a> {{ t.count }}</li>{% endfor %}</ul>
</body></html>
"#,
    ),
    (
        "taxonomy_single.html",
        r#"<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ term.name }} - {{ config.title }}</title></head>
<body>
<h1>{{ term.name }}</h1>
{% for p in paginator.pages %}<article><h2><a href="{{ p.url }}">{{ p.title }}</a></h2>{% if p.date %}<time datetime="{{ p.date }}">{{ p.date | date }}</time>{% endif %}
{% if p.summary %}<div>{{ p.summary }}</div>{% endif %}</article>
{% endfor %}
{% if paginator.previous %}<a href="{{ paginator.previous }}">prev</a>{% endif %}{% if paginator.next %}<a href="{{ paginator.next }}">next</a>{% endif %}
</body></html>
"#,
    ),
];

const HUGO_CONFIG: &str = r#"baseURL = "https://bench.example.org/"
languageCode = "zh-CN"
defaultContentLanguage = "zh-cn"
title = "科普基准协会"
hasCJKLanguage = true
timeZone = "Asia/Shanghai"
disableKinds = ["404"]
enableRobotsTXT = false

[pagination]
pagerSize = 20

[taxonomies]
tag = "tags"
category = "categories"

[services.rss]
limit = 20

[markup.goldmark.renderer]
unsafe = true
"#;

/// Layouts doing what the minimal kepu theme does.
const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "single.html",
        r#"<!DOCTYPE html>
<html lang="{{ site.Language.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }} - {{ site.Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2006-01-02" }}</time>
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}{{ range .GetTerms "categories" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ .Content }}
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
</body></html>
"#,
    ),
    (
        "list.html",
        r#"<!DOCTYPE html>
<html lang="{{ site.Language.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }} - {{ site.Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ range .Paginator.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2006-01-02" }}</time>
<div>{{ .Summary }}</div></article>
{{ end }}
{{ with .Paginator }}{{ if .HasPrev }}<a href="{{ .Prev.URL }}">prev</a>{{ end }}{{ if .HasNext }}<a href="{{ .Next.URL }}">next</a>{{ end }}{{ end }}
</body></html>
"#,
    ),
    (
        "taxonomy.html",
        r#"<!DOCTYPE html>
<html lang="{{ site.Language.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }} - {{ site.Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByName }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>
</body></html>
"#,
    ),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: cargo run --release --example corpus -- N DIR");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    let kepu = dir.join("kepu");
    let full = dir.join("kepu-full");
    let hugo = dir.join("hugo");
    for d in [&kepu, &full, &hugo] {
        let _ = fs::remove_dir_all(d);
    }

    // The minimal site matches Hugo's minimal layouts, which build no search index;
    // the full site keeps kepu's search (on by default).
    write(
        &kepu.join("site.toml"),
        &format!(
            "{}\n[search]\nenable = false\n",
            KEPU_SITE.replace("THEME", "bench")
        ),
    );
    for (name, text) in KEPU_TEMPLATES {
        write(&kepu.join("themes/bench/templates").join(name), text);
    }
    write(
        &full.join("site.toml"),
        &KEPU_SITE.replace("THEME", "default"),
    );
    fs::create_dir_all(&full).unwrap();
    std::os::unix::fs::symlink("../kepu/content", full.join("content"))
        .expect("cannot link kepu-full/content to kepu/content");
    write(&hugo.join("hugo.toml"), HUGO_CONFIG);
    for (name, text) in HUGO_LAYOUTS {
        write(&hugo.join("layouts").join(name), text);
    }

    write(
        &kepu.join("content/_index.md"),
        "+++\ntitle = \"科普基准协会\"\n+++\n\n欢迎访问。\n",
    );
    write(
        &hugo.join("content/_index.md"),
        "+++\ntitle = \"科普基准协会\"\n+++\n\n欢迎访问。\n",
    );
    for (i, (dir_name, title, kind, sort)) in SECTIONS.iter().enumerate() {
        write(
            &kepu.join("content").join(dir_name).join("_index.md"),
            &format!(
                "+++\ntitle = {title:?}\nweight = {}\nkind = {kind:?}\nsort_by = {sort:?}\npaginate_by = 20\n+++\n\n{title}的最新内容。\n",
                i + 1
            ),
        );
        write(
            &hugo.join("content").join(dir_name).join("_index.md"),
            &format!(
                "+++\ntitle = {title:?}\nweight = {}\n+++\n\n{title}的最新内容。\n",
                i + 1
            ),
        );
    }

    let mut rng = Rng(0x6B65_7075);
    let mut news: Vec<(String, String)> = Vec::new();
    for i in 0..n {
        // 60 % news, 25 % events, 10 % trainings, 5 % resources, interleaved.
        let kind = match i % 20 {
            0..=11 => Kind::News,
            12..=16 => Kind::Event,
            17..=18 => Kind::Training,
            _ => Kind::Resource,
        };
        let page = generate_page(i, n, kind, &mut rng, &news);
        write(&kepu.join("content").join(&page.kepu_rel), &page.kepu);
        write(&hugo.join("content").join(&page.hugo_rel), &page.hugo);
        if kind == Kind::News && (news.len() < 200 || rng.chance(5)) {
            let url = format!("/{}/", page.hugo_rel.trim_end_matches(".md"));
            news.push((format!("@/{}", page.kepu_rel), url));
        }
    }
    println!(
        "wrote {n} pages to {} (kepu, minimal theme), {} (kepu, default theme) and {} (Hugo)",
        kepu.display(),
        full.display(),
        hugo.display()
    );
}
