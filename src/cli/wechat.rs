//! `kepu wechat PATH.md`: what an editor fills in the 公众号 editor for one page's WeChat
//! edition — title, digest, author, the 阅读原文 URL, the edition's URL and its covers —
//! from the same function as the edition's header ([`crate::render::wechat::details`]).
//! Builds the site in memory (the covers exist only when a picture was cut) and writes
//! nothing but the image cache.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::{print_diagnostics, shown_path};
use crate::messages::{Lang, Messages};
use crate::pipeline::{BuildOptions, Session};
use crate::render::wechat;

/// Options of `kepu wechat`.
#[derive(Debug, Args)]
pub struct WechatArgs {
    /// The page's Markdown file, e.g. content/news/kepuzhou/index.md.
    #[arg(value_name = "PATH.md")]
    pub path: PathBuf,
    /// The site folder (with site.toml); default: the nearest folder above PATH.md with
    /// a site.toml.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The build time, e.g. 2018-06-01T00:00:00+08:00 (default: now, or SOURCE_DATE_EPOCH).
    #[arg(long, value_name = "DATETIME")]
    pub now: Option<String>,
    /// Where processed images are kept between builds (default: .kepu-cache in the
    /// site folder, or `[images] cache_dir` of site.toml).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

/// Runs `kepu wechat`.
pub fn run(args: WechatArgs) -> ExitCode {
    let root = args.root.clone().unwrap_or_else(|| site_root(&args.path));
    let m = Messages::detect(&root);
    let zh = m.lang == Lang::Zh;
    let fail = |en: String, cn: String| {
        eprintln!("{}", if zh { cn } else { en });
        ExitCode::from(1)
    };
    let Ok(wanted) = args.path.canonicalize() else {
        let p = shown_path(&args.path);
        return fail(
            format!(
                "{p}: no such file; name a page's Markdown file, e.g. content/news/kepuzhou/index.md"
            ),
            format!(
                "{p}：没有这个文件；请写一个页面的 Markdown 文件，例如 content/news/kepuzhou/index.md"
            ),
        );
    };
    let options = BuildOptions {
        root: root.clone(),
        drafts: false,
        base_url: None,
        origin: None,
        now: args.now,
        write_to: None,
        cache_dir: args.cache_dir,
    };
    let built = match Session::once(options).build() {
        Ok(built) => built,
        Err(diags) => {
            print_diagnostics(&diags, &m);
            return ExitCode::from(1);
        }
    };
    let site = &built.site;
    let p = shown_path(&args.path);
    let page = site.pages.iter().find(|page| {
        root.join(&page.doc.source)
            .canonicalize()
            .is_ok_and(|source| source == wanted)
    });
    let Some(page) = page else {
        return fail(
            format!(
                "{p}: not a page of the site in {} (a draft, a file outside content/, or not Markdown)",
                shown_path(&root)
            ),
            format!(
                "{p}：不是 {} 网站的页面（草稿、content/ 以外的文件，或不是 Markdown）",
                shown_path(&root)
            ),
        );
    };
    if !wechat::has_edition(site, page) {
        return fail(
            format!(
                "{p}: this page has no WeChat edition; news items, events and trainings have one while [wechat] enable is on, and any page with `wechat = true` in its front matter"
            ),
            format!(
                "{p}：这个页面没有公众号版；新闻、活动和培训在 [wechat] enable 打开时才有，其他页面需在前言写 `wechat = true`"
            ),
        );
    }
    let d = wechat::details(site, page, |path| built.output.contains(path));
    let none = if zh {
        "（无：页面没有封面，网站也没有 og_image）"
    } else {
        "(none: the page has no cover and the site no og_image)"
    };
    let lines: [(&str, &str, &str); 7] = [
        ("Title", "标题", &d.title),
        ("Digest", "摘要", &d.digest),
        ("Author", "作者", &d.author),
        ("Read the original (阅读原文)", "阅读原文", &d.permalink),
        ("WeChat edition", "公众号版", &d.url),
        (
            "Cover 2.35:1 (900×383)",
            "封面 2.35:1（900×383）",
            d.cover_wide.as_deref().unwrap_or(none),
        ),
        (
            "Cover 1:1 (500×500)",
            "封面 1:1（500×500）",
            d.cover_square.as_deref().unwrap_or(none),
        ),
    ];
    for (en, cn, value) in lines {
        println!(
            "{}{}{value}",
            if zh { cn } else { en },
            if zh { "：" } else { ": " }
        );
    }
    ExitCode::SUCCESS
}

/// The nearest folder at or above `path`'s folder with a site.toml, else the current
/// folder.
fn site_root(path: &Path) -> PathBuf {
    let start = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    start
        .ancestors()
        .skip(1)
        .find(|dir| dir.join("site.toml").is_file())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}
