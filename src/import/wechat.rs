//! `kepu import wechat`: a WeChat official-account (公众号) article saved from a
//! browser ("save page, complete": `文章.html` and its `文章_files/` folder) → a news
//! bundle. The page's parts are found by WeChat's own ids: `#activity-name` (title),
//! `#js_author_name`/`#js_name` (author, account), `var ct = "…"` (publish time, Unix
//! seconds), `og:url`/`msg_link` (the `mp.weixin.qq.com` address), and `#js_content`
//! (the body, whose images carry the `mmbiz.qpic.cn` address in `data-src` and the
//! saved copy in `src`). Styles are WeChat's layout, not content: Markdown drops them.

use std::path::{Path, PathBuf};

use super::front::{Front, list, quote};
use super::html;
use super::stage::Stage;
use crate::content::slug::slugify;
use crate::diag::Msg;

/// One article, read from its saved page.
#[derive(Debug)]
pub struct Article {
    /// `#activity-name`.
    pub title: String,
    /// `#js_author_name`, else the account name `#js_name`.
    pub author: String,
    /// Publish time, Unix seconds (`var ct`).
    pub published: Option<i64>,
    /// The article's `mp.weixin.qq.com` address.
    pub source: String,
    /// `og:description`.
    pub description: String,
    /// The inner HTML of `#js_content`.
    pub body: String,
}

/// Reads an article's parts from its saved page; an error when it is not a WeChat article.
pub fn read_article(html_text: &str) -> Result<Article, Msg> {
    let body = element_by_id(html_text, "js_content").ok_or(Msg::NotWechatArticle)?;
    let title = element_by_id(html_text, "activity-name")
        .map(|t| html::strip_tags(&t).trim().to_string())
        .filter(|t| !t.is_empty())
        .or_else(|| meta(html_text, "og:title"))
        .unwrap_or_default();
    let author = element_by_id(html_text, "js_author_name")
        .or_else(|| element_by_id(html_text, "js_name"))
        .map(|t| html::strip_tags(&t).trim().to_string())
        .unwrap_or_default();
    let published = script_var(html_text, "ct").and_then(|v| v.parse().ok());
    let source = meta(html_text, "og:url")
        .or_else(|| script_var(html_text, "msg_link"))
        .unwrap_or_default();
    Ok(Article {
        title,
        author,
        published,
        source,
        description: meta(html_text, "og:description").unwrap_or_default(),
        body,
    })
}

/// The inner HTML of the element with this id (matched by tag nesting).
fn element_by_id(text: &str, id: &str) -> Option<String> {
    let marker = format!("id=\"{id}\"");
    let at = text.find(&marker)?;
    let open = text[..at].rfind('<')?;
    let tag: String = text[open + 1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let start = open + text[open..].find('>')? + 1;
    let (open_tag, close_tag) = (format!("<{tag}"), format!("</{tag}>"));
    let mut depth = 1;
    let mut pos = start;
    while depth > 0 {
        let next_close = text[pos..].find(&close_tag)? + pos;
        let next_open = text[pos..].find(&open_tag).map(|i| i + pos);
        match next_open {
            Some(o) if o < next_close => {
                depth += 1;
                pos = o + open_tag.len();
            }
            _ => {
                depth -= 1;
                pos = next_close + close_tag.len();
            }
        }
    }
    Some(text[start..pos - close_tag.len()].to_string())
}

/// `<meta property="og:x" content="…">`.
fn meta(text: &str, property: &str) -> Option<String> {
    let marker = format!("property=\"{property}\"");
    let at = text.find(&marker)?;
    let open = text[..at].rfind('<')?;
    let end = open + text[open..].find('>')?;
    html::attr(&text[open..end], "content").filter(|v| !v.is_empty())
}

/// The value of `var name = "…";` in the page's scripts.
fn script_var(text: &str, name: &str) -> Option<String> {
    let marker = format!("var {name} = \"");
    let at = text.find(&marker)? + marker.len();
    let end = text[at..].find('"')?;
    Some(text[at..at + end].to_string()).filter(|v| !v.is_empty())
}

/// What importing one article did.
#[derive(Debug)]
pub struct ArticleImported {
    /// The bundle's `index.md`.
    pub rel: PathBuf,
    /// Images copied into the bundle.
    pub images: usize,
    /// Images only on WeChat's servers (not in the saved folder).
    pub missing: Vec<String>,
}

/// Imports one saved article as a news bundle, in the site's time zone.
pub fn import_article(
    path: &Path,
    tz: &jiff::tz::TimeZone,
    stage: &mut Stage,
) -> Result<ArticleImported, Msg> {
    let bytes = std::fs::read(path).map_err(|e| Msg::CannotReadPath {
        path: path.display().to_string(),
        error: e.to_string(),
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let article = read_article(&text)?;
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut images: Vec<(String, PathBuf)> = Vec::new();
    let mut missing = Vec::new();
    let body = with_saved_images(&article.body);
    let markdown = html::fragment(&body, &mut |src| {
        let local = folder.join(crate::escape::percent_decode_each(src));
        if !src.contains("://") && !src.starts_with("data:") && local.is_file() {
            let name = image_name(images.len() + 1, &local);
            images.push((name.clone(), local));
            Some(name)
        } else {
            if src.contains("mmbiz.qpic.cn") {
                missing.push(src.to_string());
            }
            None
        }
    });
    let when = article
        .published
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map(|ts| ts.to_zoned_datetime(tz.clone()));
    let rel = bundle_file(&article, when.as_ref());
    let front = front_matter(
        &article,
        when.as_ref(),
        images.first().map(|i| i.0.as_str()),
    );
    stage.bytes(&rel, front.file(&markdown).as_bytes())?;
    let dir = rel.parent().unwrap_or(Path::new("content"));
    for (name, from) in &images {
        stage.copy(&dir.join(name), from)?;
    }
    Ok(ArticleImported {
        rel,
        images: images.len(),
        missing,
    })
}

/// `content/news/<day>-<slug>/index.md`: the article's news bundle.
fn bundle_file(article: &Article, when: Option<&jiff::ZonedDateTime>) -> PathBuf {
    let day = when.map_or("0000-00-00".to_string(), |z| {
        z.strftime("%Y-%m-%d").to_string()
    });
    let mut slug = slugify(&article.title);
    if slug.is_empty() {
        slug = "wechat".to_string();
    }
    Path::new("content/news")
        .join(format!("{day}-{slug}"))
        .join("index.md")
}

/// The article's front matter: title, description, date, author, cover and source.
fn front_matter(
    article: &Article,
    when: Option<&jiff::ZonedDateTime>,
    cover: Option<&str>,
) -> Front {
    let mut front = Front::default();
    front.text("title", &article.title);
    front.text("description", article.description.trim());
    if let Some(z) = when {
        front.raw("date", &crate::locale::rfc3339(z));
    }
    if !article.author.is_empty() {
        front.raw("authors", &list(std::slice::from_ref(&article.author)));
    }
    if let Some(name) = cover {
        front.text("cover", name);
    }
    if !article.source.is_empty() {
        front.in_table("extra", "source", &quote(&article.source));
    }
    front
}

/// Every `<img>` gets the saved copy as its address: a browser's "save page" writes
/// it into `src`, while `data-src` keeps WeChat's; `data-src` is used when `src` is a
/// placeholder (`data:` or empty).
fn with_saved_images(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("<img") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('>').map_or(rest.len(), |e| i + e + 1);
        let tag = &rest[i..end];
        let src = html::attr(tag, "src").unwrap_or_default();
        let data_src = html::attr(tag, "data-src").unwrap_or_default();
        let alt = html::attr(tag, "alt").unwrap_or_default();
        let chosen = if src.is_empty() || src.starts_with("data:") {
            data_src
        } else {
            src
        };
        out.push_str(&format!(
            "<img src=\"{}\" alt=\"{}\">",
            chosen.replace('&', "&amp;").replace('"', "&quot;"),
            alt.replace('&', "&amp;").replace('"', "&quot;")
        ));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `image-1.jpg`: a bundle name for the n-th image, with the file's type (WeChat's
/// saved names often have none, such as `640`).
fn image_name(n: usize, file: &Path) -> String {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .filter(|e| matches!(e.as_str(), "jpg" | "jpeg" | "png" | "gif" | "webp"))
        .or_else(|| sniff(file).map(str::to_string))
        .unwrap_or_else(|| "jpg".to_string());
    format!("image-{n}.{ext}")
}

/// The image type from a file's first bytes.
fn sniff(file: &Path) -> Option<&'static str> {
    use std::io::Read;
    let mut head = [0u8; 12];
    std::fs::File::open(file).ok()?.read_exact(&mut head).ok()?;
    Some(match head {
        [0xFF, 0xD8, ..] => "jpg",
        [0x89, b'P', b'N', b'G', ..] => "png",
        [b'G', b'I', b'F', ..] => "gif",
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P'] => "webp",
        _ => return None,
    })
}

/// The saved article pages among `paths`: files as given, and the `.html`/`.htm`
/// files directly inside folders.
pub fn article_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "html" || e == "htm"))
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_wechat_parts() {
        let page = "<html><head><meta property=\"og:url\" content=\"http://mp.weixin.qq.com/s?__biz=x&amp;mid=1\"></head><body><h1 class=\"rich_media_title\" id=\"activity-name\">\n  科普日 </h1><a id=\"js_name\">协会</a><div class=\"rich_media_content\" id=\"js_content\" style=\"visibility: hidden;\"><section><div>正文</div></section></div><script>var ct = \"1528077600\";</script></body></html>";
        let a = read_article(page).unwrap();
        assert_eq!(a.title, "科普日");
        assert_eq!(a.author, "协会");
        assert_eq!(a.published, Some(1528077600));
        assert_eq!(a.source, "http://mp.weixin.qq.com/s?__biz=x&mid=1");
        assert_eq!(a.body, "<section><div>正文</div></section>");
    }
}
