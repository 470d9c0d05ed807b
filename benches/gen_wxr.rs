//! Writes a WordPress export (WXR 1.2) of N posts for measuring `kepu import
//! wordpress`: `cargo run --release --example gen_wxr -- N FILE`.
//!
//! Posts are Gutenberg bodies of about 2 KB (paragraphs, a heading, a list, a table,
//! an image with a `[caption]`), 70 % with Chinese titles and percent-encoded Chinese
//! slugs; every tenth item is a The Events Calendar event with a venue. The same N
//! always gives the same bytes (a fixed-seed generator, no clock).

use std::fmt::Write as _;
use std::io::Write as _;

/// xorshift64*: small and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "科普",
    "志愿者",
    "社区",
    "实验",
    "机器人",
    "天文",
    "防震",
    "减灾",
    "青少年",
    "讲座",
    "科技馆",
    "东莞",
    "松山湖",
    "活动",
    "培训",
    "环保",
    "健康",
    "编程",
];

const SENTENCES: &[&str] = &[
    "协会志愿者走进社区，为居民讲解日常生活中的科学知识。",
    "孩子们在老师的带领下完成了一个简单而有趣的实验。",
    "Volunteers showed how a simple circuit lights a lamp.",
    "活动现场设置了互动展台，吸引了许多家长和孩子参加。",
    "The lecture covered earthquakes, floods and what to pack in an emergency kit.",
    "讲座结束后，专家耐心回答了大家提出的问题。",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(path)) = (
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: gen_wxr N FILE");
        std::process::exit(2);
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create the file"));
    out.write_all(HEAD.as_bytes()).expect("write");
    out.write_all(venue().as_bytes()).expect("write");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..n {
        out.write_all(item(i, &mut rng).as_bytes()).expect("write");
    }
    out.write_all(b"</channel>\n</rss>\n").expect("write");
}

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:wfw=\"http://wellformedweb.org/CommentAPI/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n<title>东莞市科普志愿服务协会</title>\n<link>https://kepu-dg.org</link>\n<description>让科学走进每一个社区</description>\n<language>zh-CN</language>\n<wp:wxr_version>1.2</wp:wxr_version>\n<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[admin]]></wp:author_login><wp:author_display_name><![CDATA[科普小编]]></wp:author_display_name></wp:author>\n";

fn venue() -> String {
    "<item><title>东莞市科学技术博物馆</title><wp:post_id>1</wp:post_id><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[tribe_venue]]></wp:post_type><wp:postmeta><wp:meta_key><![CDATA[_VenueAddress]]></wp:meta_key><wp:meta_value><![CDATA[南城区鸿福路]]></wp:meta_value></wp:postmeta><wp:postmeta><wp:meta_key><![CDATA[_VenueLat]]></wp:meta_key><wp:meta_value><![CDATA[23.02]]></wp:meta_value></wp:postmeta><wp:postmeta><wp:meta_key><![CDATA[_VenueLng]]></wp:meta_key><wp:meta_value><![CDATA[113.75]]></wp:meta_value></wp:postmeta></item>\n".to_string()
}

/// The percent-encoded UTF-8 of a slug, as WordPress writes Chinese slugs.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'-' {
                (b as char).to_string()
            } else {
                format!("%{b:02x}")
            }
        })
        .collect()
}

fn item(i: usize, rng: &mut Rng) -> String {
    let id = i + 100;
    let chinese = rng.below(10) < 7;
    let title = if chinese {
        format!(
            "{}{}{}第{i}期",
            WORDS[rng.below(WORDS.len())],
            WORDS[rng.below(WORDS.len())],
            "活动"
        )
    } else {
        format!("Science day report number {i}")
    };
    let slug = if chinese {
        encode(&title)
    } else {
        format!("science-day-report-{i}")
    };
    let (month, day, hour) = (1 + rng.below(12), 1 + rng.below(28), 8 + rng.below(10));
    let date = format!("2017-{month:02}-{day:02} {hour:02}:15:00");
    let gmt = format!("2017-{month:02}-{day:02} {:02}:15:00", hour - 8);
    let event = i % 10 == 9;
    let mut body = String::new();
    for p in 0..6 {
        if p == 2 {
            body.push_str("<!-- wp:heading -->\n<h2>活动内容</h2>\n<!-- /wp:heading -->\n\n");
            body.push_str("<!-- wp:list -->\n<ul><li>科学实验</li><li>机器人展示</li><li>问答</li></ul>\n<!-- /wp:list -->\n\n");
        }
        let _ = write!(body, "<!-- wp:paragraph -->\n<p>");
        for _ in 0..3 {
            body.push_str(SENTENCES[rng.below(SENTENCES.len())]);
        }
        body.push_str("</p>\n<!-- /wp:paragraph -->\n\n");
    }
    let _ = write!(
        body,
        "[caption id=\"attachment_{id}\" width=\"300\"]<img src=\"https://kepu-dg.org/wp-content/uploads/2017/{month:02}/photo-{i}-300x200.jpg\" alt=\"现场\" /> 活动现场[/caption]\n\n<table><tr><th>项目</th><th>人数</th></tr><tr><td>实验</td><td>{}</td></tr></table>",
        rng.below(300)
    );
    let (post_type, meta) = if event {
        let start = format!("2018-{month:02}-{day:02} 09:00:00");
        let end = format!("2018-{month:02}-{day:02} 17:00:00");
        let metas = [
            ("_EventStartDate", start.as_str()),
            ("_EventEndDate", end.as_str()),
            ("_EventTimezone", "Asia/Shanghai"),
            ("_EventVenueID", "1"),
        ];
        let mut m = String::new();
        for (k, v) in metas {
            let _ = write!(
                m,
                "<wp:postmeta><wp:meta_key><![CDATA[{k}]]></wp:meta_key><wp:meta_value><![CDATA[{v}]]></wp:meta_value></wp:postmeta>"
            );
        }
        ("tribe_events", m)
    } else {
        ("post", String::new())
    };
    format!(
        "<item>\n<title>{title}</title>\n<link>https://kepu-dg.org/2017/{month:02}/{day:02}/{slug}/</link>\n<dc:creator><![CDATA[admin]]></dc:creator>\n<content:encoded><![CDATA[{body}]]></content:encoded>\n<excerpt:encoded><![CDATA[]]></excerpt:encoded>\n<wp:post_id>{id}</wp:post_id>\n<wp:post_date><![CDATA[{date}]]></wp:post_date>\n<wp:post_date_gmt><![CDATA[{gmt}]]></wp:post_date_gmt>\n<wp:post_name><![CDATA[{slug}]]></wp:post_name>\n<wp:status><![CDATA[publish]]></wp:status>\n<wp:post_parent>0</wp:post_parent>\n<wp:menu_order>0</wp:menu_order>\n<wp:post_type><![CDATA[{post_type}]]></wp:post_type>\n<wp:is_sticky>0</wp:is_sticky>\n<category domain=\"category\" nicename=\"huodong\"><![CDATA[活动报道]]></category>\n{meta}\n</item>\n"
    )
}
