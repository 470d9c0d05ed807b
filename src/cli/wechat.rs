//! `kepu wechat PATH.md`: what an editor fills in the 公众号 editor for one page's WeChat
//! edition — title, digest, author, the 阅读原文 URL, the edition's URL and its covers —
//! from the same function as the edition's header ([`crate::render::wechat::details`]).
//! Builds the site in memory (the covers exist only when a picture was cut) and writes
//! nothing but the image cache.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::{print_diagnostics, shown_path};
use crate::diag::{Diagnostic, Diagnostics, Msg};
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
    let fail = |message: Msg| {
        let mut diags = Diagnostics::new();
        diags.push(Diagnostic::error(&args.path, 0, 0, message));
        print_diagnostics(&diags, &m);
        ExitCode::from(1)
    };
    let Ok(wanted) = args.path.canonicalize() else {
        return fail(Msg::WechatNoSuchFile);
    };
    let options = BuildOptions {
        root: root.clone(),
        drafts: false,
        base_url: None,
        origin: None,
        now: args.now.clone(),
        write_to: None,
        cache_dir: args.cache_dir.clone(),
    };
    let built = match Session::once(options).build() {
        Ok(built) => built,
        Err(diags) => {
            print_diagnostics(&diags, &m);
            return ExitCode::from(1);
        }
    };
    let site = &built.site;
    let page = site.pages.iter().find(|page| {
        root.join(&page.doc.source)
            .canonicalize()
            .is_ok_and(|source| source == wanted)
    });
    let Some(page) = page else {
        return fail(Msg::WechatNotAPage {
            root: shown_path(&root),
        });
    };
    if !wechat::has_edition(site, page) {
        return fail(Msg::WechatNoEdition);
    }
    let d = wechat::details(site, page, |path| built.output.contains(path));
    let none = m.message(&Msg::WechatNoCover);
    let lines = [
        (Msg::WechatLabelTitle, d.title.as_str()),
        (Msg::WechatLabelDigest, &d.digest),
        (Msg::WechatLabelAuthor, &d.author),
        (Msg::WechatLabelOriginal, &d.permalink),
        (Msg::WechatLabelEdition, &d.url),
        (
            Msg::WechatLabelWide,
            d.cover_wide.as_deref().unwrap_or(&none),
        ),
        (
            Msg::WechatLabelSquare,
            d.cover_square.as_deref().unwrap_or(&none),
        ),
    ];
    let colon = if m.lang == Lang::Zh { "：" } else { ": " };
    for (label, value) in lines {
        println!("{}{colon}{value}", m.message(&label));
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
