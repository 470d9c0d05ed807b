//! The command line's help texts in Chinese, for [`crate::cli`]'s Chinese `--help`:
//! each doc comment of the `Cli` structs (and clap's own "Print help") with its
//! Chinese wording. The test `every_help_text_has_chinese` in `cli/zh.rs` fails when
//! a new option has no line here.

/// Every help text of the command line: (English, as in the doc comments; Chinese).
#[rustfmt::skip]
pub const HELP: &[(&str, &str)] = &[
    ("A fast, Chinese-first static site generator for associations and NGOs, with built-in event calendars", "快速的中文优先静态网站生成器，为协会和公益组织而做，自带活动日历。"),
    ("Build the site into the output folder (public/ by default).", "生成网站，写到输出文件夹（默认是 public/）。"),
    ("Build in memory and report broken links, missing alt text and other problems.", "在内存里生成网站，报告失效的链接、缺少替代文字的图片等问题。"),
    ("Create a new site in DIR that builds as it is.", "在 DIR 里新建一个可以直接生成的网站。"),
    ("Create a page of a kind where it belongs: news, event, training, resource or page.", "按类型在合适的位置新建页面：news（新闻）、event（活动）、training（培训）、resource（资料）或 page（页面）。"),
    ("Serve the site on http://127.0.0.1:1111/, rebuilding and reloading on every change.", "在 http://127.0.0.1:1111/ 预览网站，每次修改后自动重新生成并刷新。"),
    ("The site folder (with site.toml); default: the current folder.", "网站文件夹（有 site.toml 的那个）；默认是当前文件夹。"),
    ("Where to write the site; default: public/ in the site folder.", "网站写到哪里；默认是网站文件夹里的 public/。"),
    ("Build drafts and future-dated pages too.", "草稿和日期在将来的页面也一起生成。"),
    ("Use this base URL instead of site.toml's.", "用这个网址代替 site.toml 里的 base_url。"),
    ("The build time, e.g. 2018-06-01T00:00:00+08:00 (default: now, or SOURCE_DATE_EPOCH).", "生成时间，例如 2018-06-01T00:00:00+08:00（默认是现在，或 SOURCE_DATE_EPOCH）。"),
    ("Print how long each stage took.", "显示每个阶段用了多长时间。"),
    ("Fail on warnings too.", "有警告也算失败。"),
    ("The folder to create the site in (created if missing; must be empty).", "要新建网站的文件夹（不存在就新建；必须是空的）。"),
    ("What kind of page.", "页面类型。"),
    ("Its title, in quotes.", "页面标题，放在引号里。"),
    ("Folder under content/ to put it in (default: the section of that kind).", "放在 content/ 下的哪个文件夹（默认是这种类型的栏目）。"),
    ("\"Today\" for the new page's date, e.g. 2018-06-01 (default: the clock).", "新页面日期用的“今天”，例如 2018-06-01（默认是当前时间）。"),
    ("Address to listen on.", "监听的地址。"),
    ("Port to listen on; the next free one is used when it is taken.", "监听的端口；被占用时自动用下一个空闲的端口。"),
    ("Poll for changes instead of using file-system notifications.", "定时检查文件变化，而不是使用文件系统通知。"),
    ("Open the site in the default browser.", "在默认浏览器里打开网站。"),
    ("A news item, dated today.", "新闻，日期是今天。"),
    ("An event, as a folder for its poster and files.", "活动，放在一个文件夹里，可以一起放海报和文件。"),
    ("A training.", "培训。"),
    ("A download (poster, reader…), as a folder for the file.", "可下载的资料（海报、读本……），放在一个文件夹里。"),
    ("A plain page.", "普通页面。"),
    ("Print help", "显示帮助"),
    ("Print version", "显示版本"),
    ("Print this message or the help of the given subcommand(s)", "显示这段说明，或者指定子命令的帮助"),
];
