//! `site.toml`: read once, checked once, then handed to every later stage as a
//! validated [`Config`].
//!
//! First stage of the flow. [`RawConfig`] mirrors the file (serde, unknown keys are
//! errors with a "did you mean"); [`Config::load`] turns it into values later stages use
//! without parsing again: a resolved time zone, a normalised base URL, taxonomies in order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::locale::Lang;
use crate::search::index::Fields;
use crate::toml_diag::TomlOrigin;

mod deploy;

pub use deploy::{DEFAULT_MAX_DELETE, DeployConfig, GitTarget, S3Target};

/// The file name of the site configuration, relative to the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// `site.toml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    title: String,
    base_url: Spanned<String>,
    #[serde(default)]
    language: Option<Spanned<String>>,
    #[serde(default)]
    timezone: Option<Spanned<String>>,
    #[serde(default)]
    theme: Option<Spanned<String>>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    taxonomies: BTreeMap<String, RawTaxonomy>,
    #[serde(default)]
    languages: BTreeMap<String, RawLanguage>,
    #[serde(default)]
    menu: Vec<MenuItem>,
    #[serde(default)]
    og_image: Option<String>,
    #[serde(default)]
    safe_html: bool,
    #[serde(default)]
    feeds: RawFeeds,
    #[serde(default)]
    text: RawText,
    #[serde(default)]
    calendar: RawCalendar,
    #[serde(default)]
    search: Option<RawSearch>,
    #[serde(default)]
    deploy: deploy::RawDeploy,
    #[serde(default)]
    images: RawImages,
    #[serde(default)]
    output: RawOutput,
    #[serde(default)]
    wechat: RawWechat,
    #[serde(default)]
    extra: toml::Table,
}

/// `[wechat]` as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawWechat {
    #[serde(default)]
    enable: Option<bool>,
}

/// `[wechat]`: the WeChat edition of pages (`/<page>/wechat/`, see `docs/wechat.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct WechatConfig {
    /// Whether news items, events and trainings get a WeChat edition (default: yes);
    /// a page's own `wechat = true` or `false` wins.
    pub enable: bool,
}

/// `[images]` as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawImages {
    #[serde(default)]
    keep_metadata: bool,
    #[serde(default)]
    keep_original: bool,
    #[serde(default)]
    max_width: Option<Spanned<i64>>,
    #[serde(default)]
    cache_dir: Option<PathBuf>,
}

/// `[images]`: what happens to the photos the site publishes.
#[derive(Debug, Clone, PartialEq)]
pub struct ImagesConfig {
    /// Publish originals with their EXIF/XMP/IPTC data (location, camera): default no.
    pub keep_metadata: bool,
    /// Publish originals at full size, however wide (default: downscaled to `max_width`).
    pub keep_original: bool,
    /// Originals wider than this many pixels are published downscaled (default 2560).
    pub max_width: u32,
    /// Where processed images are kept between builds: relative to the site root as
    /// written, made absolute by the pipeline (default `.kepu-cache`).
    pub cache_dir: PathBuf,
}

/// The default `[images] cache_dir`.
pub const CACHE_DIR: &str = ".kepu-cache";

/// `[output]`: what is written besides the site's files.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawOutput {
    #[serde(default)]
    precompress: bool,
}

/// Output settings (`[output]` of site.toml).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutputConfig {
    /// Write `.gz` and `.br` copies beside text files, for hosts that serve them
    /// (nginx `gzip_static`, object stores with `Content-Encoding`).
    pub precompress: bool,
}

/// `[feeds]`: what the Atom and RSS feeds carry.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFeeds {
    #[serde(default)]
    full_content: bool,
    #[serde(default)]
    limit: Option<Spanned<i64>>,
}

/// `[text]`: automatic summaries and reading speeds.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawText {
    #[serde(default)]
    summary_length: Option<Spanned<i64>>,
    #[serde(default)]
    cjk_per_minute: Option<Spanned<i64>>,
    #[serde(default)]
    words_per_minute: Option<Spanned<i64>>,
}

/// `[calendar]` as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    #[serde(default)]
    horizon_days: Option<Spanned<i64>>,
    #[serde(default)]
    week_start: Option<Spanned<String>>,
    #[serde(default)]
    map_url: Option<Spanned<String>>,
    #[serde(default)]
    home_events: Option<usize>,
    #[serde(default)]
    reexport_partners: Option<bool>,
}

/// The map link used when `[calendar] map_url` is not written: Amap (高德地图), which
/// opens everywhere in mainland China and needs no key.
pub const DEFAULT_MAP_URL: &str =
    "https://uri.amap.com/marker?position={lon},{lat}&name={name}&coordinate=wgs84";

/// Calendar settings (`[calendar]` of site.toml), validated.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarConfig {
    /// How far after the build time rules without COUNT or UNTIL are expanded.
    pub horizon_days: i64,
    /// First column of month grids.
    pub week_start: jiff::civil::Weekday,
    /// Map link template with `{lat}`, `{lon}`, `{name}`, `{address}`; `None`: no links.
    pub map_url: Option<String>,
    /// Upcoming events shown on the home page.
    pub home_events: usize,
    /// Whether `/calendar.ics` carries the partners' events of `data/calendars/`
    /// too (by default it holds the site's own events only).
    pub reexport_partners: bool,
}

/// `[search]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSearch {
    #[serde(default)]
    enable: Option<bool>,
    #[serde(default)]
    sections: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    fields: Option<Vec<Spanned<String>>>,
}

/// The site search (`[search]`): whether it is built and what it indexes.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchConfig {
    /// Whether `/search/` and its index are built (default: yes).
    pub enable: bool,
    /// Content folders whose pages are indexed (`news`, `about/team`); `None` for all.
    /// Each with its line and column in site.toml, for messages.
    pub sections: Option<Vec<(String, usize, usize)>>,
    /// Which parts of a page are indexed.
    pub fields: Fields,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            enable: true,
            sections: None,
            fields: Fields::default(),
        }
    }
}

/// The names `[search] fields` accepts.
pub const SEARCH_FIELDS: [&str; 6] = ["title", "description", "headings", "body", "tags", "url"];

/// One taxonomy of `[taxonomies]`.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    #[serde(default)]
    feed: bool,
    #[serde(default)]
    paginate_by: Option<usize>,
}

/// One further language of `[languages.<code>]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    menu: Option<Vec<MenuItem>>,
}

/// One entry of the site navigation (`[[menu]]`).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    /// Text of the link.
    pub name: String,
    /// Target: `/about/`, `@/about/_index.md` or a full URL.
    pub url: String,
    /// Order in the menu (lower first).
    #[serde(default)]
    pub weight: i64,
}

/// A taxonomy the site uses (`tags`, `categories`, …).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TaxonomyConfig {
    /// Name as in front matter and URLs.
    pub name: String,
    /// Whether each term gets its own feed.
    pub feed: bool,
    /// Terms per page on term pages, if paginated.
    pub paginate_by: Option<usize>,
}

/// A further language of the site.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LanguageConfig {
    /// Language code (`en`).
    pub code: String,
    /// Site title in that language.
    pub title: String,
    /// Site description in that language.
    pub description: String,
    /// Navigation in that language, sorted by weight (`None`: the default language's).
    pub menu: Option<Vec<MenuItem>>,
}

/// `[feeds]`: what the site's Atom and RSS feeds carry.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct FeedsConfig {
    /// Whole pages in feeds (`true`) or summaries (`false`, the default).
    pub full_content: bool,
    /// Most recent entries per feed (default 20).
    pub limit: usize,
}

/// `[text]`: automatic summaries and reading time.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct TextConfig {
    /// About how long an automatic summary is, in Latin characters; a CJK character
    /// counts as two (default 240: about 120 Chinese characters or 40 English words).
    pub summary_length: usize,
    /// Reading speed for CJK text, characters a minute (default 400).
    pub cjk_per_minute: usize,
    /// Reading speed for other text, words a minute (default 200).
    pub words_per_minute: usize,
}

/// The validated site configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// Absolute base URL without a trailing slash (`https://kepu.example.org`).
    pub base_url: String,
    /// Default language (`zh-CN`).
    pub language: String,
    /// IANA name of the site time zone.
    pub timezone_name: String,
    /// The site time zone, for local dates and display.
    pub timezone: TimeZone,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// Line and column of `theme` in site.toml (0, 0 when not written), for messages.
    pub theme_position: (usize, usize),
    /// Site description.
    pub description: String,
    /// Default author for feeds.
    pub author: Option<String>,
    /// Taxonomies, sorted by name.
    pub taxonomies: Vec<TaxonomyConfig>,
    /// Further languages.
    pub languages: Vec<LanguageConfig>,
    /// Navigation, sorted by weight.
    pub menu: Vec<MenuItem>,
    /// Default share image (`og:image`) for pages without a `cover`.
    pub og_image: Option<String>,
    /// Sanitize raw HTML in Markdown (for sites that publish outside contributions).
    pub safe_html: bool,
    /// Feed settings.
    pub feeds: FeedsConfig,
    /// Summary and reading-time settings.
    pub text: TextConfig,
    /// Calendar settings.
    pub calendar: CalendarConfig,
    /// Site search.
    pub search: SearchConfig,
    /// The WeChat edition of pages.
    pub wechat: WechatConfig,
    /// Where `kepu deploy` publishes the site.
    pub deploy: DeployConfig,
    /// Image processing.
    pub images: ImagesConfig,
    /// Output settings.
    pub output: OutputConfig,
    /// Anything for themes.
    pub extra: toml::Table,
}

impl Config {
    /// Reads and validates `site.toml` in `root`; every problem becomes a diagnostic.
    pub fn load(root: &Path) -> Result<Config, Diagnostics> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(_) => {
                    return Err(one(Diagnostic::error(
                        CONFIG_FILE,
                        0,
                        0,
                        Msg::ConfigNotUtf8,
                    )
                    .with_help(Msg::SaveConfigAsUtf8Help)));
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(one(Diagnostic::error(
                    CONFIG_FILE,
                    0,
                    0,
                    Msg::NoSiteToml {
                        dir: root.display().to_string(),
                    },
                )
                .with_help(Msg::NoSiteTomlHelp)));
            }
            Err(e) => {
                return Err(one(Diagnostic::error(
                    CONFIG_FILE,
                    0,
                    0,
                    Msg::CannotReadConfig {
                        error: e.to_string(),
                    },
                )));
            }
        };
        Config::parse(&text)
    }

    /// Validates the text of a `site.toml`. Fields are checked in the order of
    /// [`Config`]'s groups, so messages come in the same order every run.
    pub fn parse(text: &str) -> Result<Config, Diagnostics> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let origin = TomlOrigin {
            path: Path::new(CONFIG_FILE),
            text,
            line_offset: 0,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| one(origin.diagnostic(&e)))?;
        let mut diags = Diagnostics::new();
        let config = Config::validate(raw, &origin, &mut diags);
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(config)
    }

    /// The configuration a parsed `site.toml` says, its problems in `diags`. The
    /// fields that can be wrong are checked in the order written here.
    fn validate(raw: RawConfig, origin: &TomlOrigin, diags: &mut Diagnostics) -> Config {
        let base_url = base_url(&raw.base_url, origin, diags);
        let (timezone_name, timezone) = timezone(raw.timezone.as_ref(), origin, diags);
        Config {
            title: raw.title,
            base_url,
            timezone_name,
            timezone,
            language: language(raw.language.as_ref(), origin, diags),
            theme: theme(raw.theme.as_ref(), origin, diags),
            theme_position: raw.theme.as_ref().map_or((0, 0), |t| {
                crate::diag::line_col(origin.text, t.span().start)
            }),
            calendar: calendar_config(raw.calendar, origin, diags),
            feeds: feeds_config(raw.feeds, origin, diags),
            text: text_config(raw.text, origin, diags),
            images: images_config(raw.images, origin, diags),
            search: raw
                .search
                .map(|raw| search_config(raw, origin, origin.text, diags))
                .unwrap_or_default(),
            deploy: deploy::deploy_config(raw.deploy, origin, diags),
            description: raw.description.unwrap_or_default(),
            author: raw.author,
            taxonomies: taxonomies(raw.taxonomies),
            languages: languages(raw.languages),
            menu: sorted_menu(raw.menu),
            og_image: raw.og_image,
            safe_html: raw.safe_html,
            wechat: WechatConfig {
                enable: raw.wechat.enable.unwrap_or(true),
            },
            output: OutputConfig {
                precompress: raw.output.precompress,
            },
            extra: raw.extra,
        }
    }

    /// The language the site's dates are written in (see [`Lang::of`]).
    pub fn lang(&self) -> Lang {
        Lang::of(&self.language)
    }

    /// The absolute URL of a site path (`/news/` → `https://host/news/`).
    pub fn absolute_url(&self, path: &str) -> String {
        if path.starts_with("http://") || path.starts_with("https://") {
            return path.to_string();
        }
        let path = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        };
        format!("{}{}", self.base_url, path)
    }

    /// Whether a taxonomy of that name is declared.
    pub fn taxonomy(&self, name: &str) -> Option<&TaxonomyConfig> {
        self.taxonomies.iter().find(|t| t.name == name)
    }
}

/// `base_url` without a trailing `/`; it must be an http(s) address or empty.
fn base_url(raw: &Spanned<String>, origin: &TomlOrigin<'_>, diags: &mut Diagnostics) -> String {
    let base_url = raw.get_ref().trim().trim_end_matches('/').to_string();
    if !(base_url.starts_with("http://") || base_url.starts_with("https://") || base_url.is_empty())
    {
        diags.push(
            origin
                .error_at(
                    raw.span().start,
                    Msg::BaseUrlNotAddress {
                        url: base_url.clone(),
                    },
                )
                .with_help(Msg::BaseUrlHelp),
        );
    }
    base_url
}

/// The site's time zone and its name (Asia/Shanghai unless written; UTC after an error).
fn timezone(
    raw: Option<&Spanned<String>>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> (String, TimeZone) {
    let name = raw.map_or("Asia/Shanghai".to_string(), |t| t.get_ref().clone());
    let timezone = match TimeZone::get(&name) {
        Ok(tz) => tz,
        Err(_) => {
            let span = raw.map_or(0, |t| t.span().start);
            diags.push(
                origin
                    .error_at(span, Msg::UnknownTimeZone { name: name.clone() })
                    .with_help(Msg::TimeZoneHelp),
            );
            TimeZone::UTC
        }
    };
    (name, timezone)
}

/// The site's language code (zh-CN unless written).
fn language(
    raw: Option<&Spanned<String>>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> String {
    let language = raw.map_or("zh-CN".to_string(), |l| l.get_ref().trim().to_string());
    if !is_language_tag(&language) {
        let span = raw.map_or(0, |l| l.span().start);
        diags.push(
            origin
                .error_at(
                    span,
                    Msg::NotLanguageCode {
                        code: language.clone(),
                    },
                )
                .with_help(Msg::LanguageHelp),
        );
    }
    language
}

/// The theme's folder name under themes/ (default unless written).
fn theme(
    raw: Option<&Spanned<String>>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> String {
    let theme = raw.map_or("default".to_string(), |t| t.get_ref().clone());
    if theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
        let span = raw.map_or(0, |t| t.span().start);
        diags.push(
            origin
                .error_at(
                    span,
                    Msg::NotThemeName {
                        name: theme.clone(),
                    },
                )
                .with_help(Msg::ThemeHelp),
        );
    }
    theme
}

/// A setting that must be a positive whole number; `default` when not written (or
/// wrong, which is reported).
fn positive(
    value: &Option<Spanned<i64>>,
    key: &str,
    default: usize,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> usize {
    match value {
        None => default,
        Some(v) if *v.get_ref() > 0 => *v.get_ref() as usize,
        Some(v) => {
            diags.push(
                origin
                    .error_at(
                        v.span().start,
                        Msg::NotPositive {
                            key: key.to_string(),
                        },
                    )
                    .with_help(Msg::PositiveHelp {
                        key: key.to_string(),
                        default,
                    }),
            );
            default
        }
    }
}

/// `[feeds]`.
fn feeds_config(raw: RawFeeds, origin: &TomlOrigin<'_>, diags: &mut Diagnostics) -> FeedsConfig {
    FeedsConfig {
        full_content: raw.full_content,
        limit: positive(&raw.limit, "limit", 20, origin, diags),
    }
}

/// `[text]`.
fn text_config(raw: RawText, origin: &TomlOrigin<'_>, diags: &mut Diagnostics) -> TextConfig {
    TextConfig {
        summary_length: positive(&raw.summary_length, "summary_length", 240, origin, diags),
        cjk_per_minute: positive(&raw.cjk_per_minute, "cjk_per_minute", 400, origin, diags),
        words_per_minute: positive(
            &raw.words_per_minute,
            "words_per_minute",
            200,
            origin,
            diags,
        ),
    }
}

/// `[images]`.
fn images_config(raw: RawImages, origin: &TomlOrigin<'_>, diags: &mut Diagnostics) -> ImagesConfig {
    let max_width = positive(&raw.max_width, "max_width", 2560, origin, diags);
    ImagesConfig {
        keep_metadata: raw.keep_metadata,
        keep_original: raw.keep_original,
        max_width: max_width.min(u32::MAX as usize) as u32,
        cache_dir: raw.cache_dir.unwrap_or_else(|| PathBuf::from(CACHE_DIR)),
    }
}

/// `[taxonomies.<name>]`, in name order.
fn taxonomies(raw: BTreeMap<String, RawTaxonomy>) -> Vec<TaxonomyConfig> {
    raw.into_iter()
        .map(|(name, t)| TaxonomyConfig {
            name,
            feed: t.feed,
            paginate_by: t.paginate_by,
        })
        .collect()
}

/// `[languages.<code>]`, in code order, each menu sorted by weight.
fn languages(raw: BTreeMap<String, RawLanguage>) -> Vec<LanguageConfig> {
    raw.into_iter()
        .map(|(code, l)| LanguageConfig {
            code,
            title: l.title.unwrap_or_default(),
            description: l.description.unwrap_or_default(),
            menu: l.menu.map(sorted_menu),
        })
        .collect()
}

/// Menu items by weight (a stable sort: equal weights keep the written order).
fn sorted_menu(mut menu: Vec<MenuItem>) -> Vec<MenuItem> {
    menu.sort_by_key(|m| m.weight);
    menu
}

/// Validates `[calendar]`.
fn calendar_config(
    raw: RawCalendar,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> CalendarConfig {
    CalendarConfig {
        horizon_days: horizon_days(raw.horizon_days.as_ref(), origin, diags),
        week_start: week_start(raw.week_start.as_ref(), origin, diags),
        map_url: map_url(raw.map_url.as_ref(), origin, diags),
        home_events: raw.home_events.unwrap_or(3),
        reexport_partners: raw.reexport_partners.unwrap_or(false),
    }
}

/// `horizon_days`: 1 to 3660, 365 when not written (or out of range, reported).
fn horizon_days(
    raw: Option<&Spanned<i64>>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> i64 {
    match raw {
        None => 365,
        Some(h) if (1..=3660).contains(h.get_ref()) => *h.get_ref(),
        Some(h) => {
            diags.push(
                origin
                    .error_at(
                        h.span().start,
                        Msg::HorizonOutOfRange { days: *h.get_ref() },
                    )
                    .with_help(Msg::HorizonHelp),
            );
            365
        }
    }
}

/// `week_start`: Monday, Sunday or Saturday; Monday when not written.
fn week_start(
    raw: Option<&Spanned<String>>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> jiff::civil::Weekday {
    let Some(w) = raw else {
        return jiff::civil::Weekday::Monday;
    };
    match w.get_ref().trim().to_ascii_lowercase().as_str() {
        "monday" => jiff::civil::Weekday::Monday,
        "sunday" => jiff::civil::Weekday::Sunday,
        "saturday" => jiff::civil::Weekday::Saturday,
        other => {
            diags.push(
                origin
                    .error_at(
                        w.span().start,
                        Msg::NotWeekStart {
                            day: other.to_string(),
                        },
                    )
                    .with_help(Msg::WeekStartHelp),
            );
            jiff::civil::Weekday::Monday
        }
    }
}

/// `map_url`: an http(s) address, none when empty, Amap's when not written.
fn map_url(
    raw: Option<&Spanned<String>>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let Some(m) = raw else {
        return Some(DEFAULT_MAP_URL.to_string());
    };
    let url = m.get_ref().trim();
    if url.is_empty() {
        return None;
    }
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        diags.push(
            origin
                .error_at(
                    m.span().start,
                    Msg::MapUrlNotAddress {
                        url: url.to_string(),
                    },
                )
                .with_help(Msg::MapUrlHelp),
        );
    }
    Some(url.to_string())
}

/// Validates `[search]`: field names known, section paths normalised (`/news/` → `news`).
fn search_config(
    raw: RawSearch,
    origin: &TomlOrigin,
    text: &str,
    diags: &mut Diagnostics,
) -> SearchConfig {
    let fields = match &raw.fields {
        Some(names) => search_fields(names, origin, diags),
        None => Fields::default(),
    };
    let sections = raw.sections.map(|list| {
        list.iter()
            .map(|s| {
                let (line, col) = crate::diag::line_col(text, s.span().start);
                let path = s
                    .get_ref()
                    .trim()
                    .trim_start_matches("@/")
                    .trim_end_matches("_index.md")
                    .trim_matches('/')
                    .to_string();
                (path, line, col)
            })
            .collect()
    });
    SearchConfig {
        enable: raw.enable.unwrap_or(true),
        sections,
        fields,
    }
}

/// The fields `[search] fields` names, each known; an unknown name is an error.
fn search_fields(
    names: &[Spanned<String>],
    origin: &TomlOrigin,
    diags: &mut Diagnostics,
) -> Fields {
    let mut fields = Fields {
        title: false,
        description: false,
        headings: false,
        body: false,
        tags: false,
        url: false,
    };
    for name in names {
        match name.get_ref().as_str() {
            "title" => fields.title = true,
            "description" => fields.description = true,
            "headings" => fields.headings = true,
            "body" => fields.body = true,
            "tags" => fields.tags = true,
            "url" => fields.url = true,
            other => diags.push(
                origin
                    .error_at(
                        name.span().start,
                        Msg::NoSearchField {
                            name: other.to_string(),
                        },
                    )
                    .with_help(Msg::SearchFieldsHelp {
                        fields: SEARCH_FIELDS.map(|f| format!("\"{f}\"")).join(", "),
                    }),
            ),
        }
    }
    fields
}

/// A loose check of a BCP 47 tag: letters, digits and hyphens, starting with letters.
fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn one(d: Diagnostic) -> Diagnostics {
    std::iter::once(d).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_chinese_and_shanghai() {
        let config = Config::parse("title = \"t\"\nbase_url = \"https://a.org/\"\n").unwrap();
        assert_eq!(config.base_url, "https://a.org");
        assert_eq!(config.language, "zh-CN");
        assert_eq!(config.timezone_name, "Asia/Shanghai");
        assert_eq!(config.theme, "default");
        assert_eq!(config.absolute_url("/news/"), "https://a.org/news/");
    }

    #[test]
    fn unknown_key_gets_a_suggestion_at_its_line() {
        let err = Config::parse("title = \"t\"\nbase_url = \"https://a.org\"\ntimezon = \"UTC\"\n")
            .unwrap_err();
        let d = err.iter().next().unwrap();
        assert_eq!((d.span.line, d.span.col), (3, 1));
        assert_eq!(
            *d.message,
            Msg::UnknownField {
                field: "timezon".into()
            }
        );
        let help = d.help.as_ref().unwrap().english();
        assert!(help.starts_with("did you mean `timezone`?"), "{help}");
    }

    #[test]
    fn unknown_time_zone_is_an_error() {
        let err = Config::parse(
            "title = \"t\"\nbase_url = \"https://a.org\"\ntimezone = \"Asia/Beijing\"\n",
        )
        .unwrap_err();
        assert_eq!(
            err.iter()
                .next()
                .unwrap()
                .to_string()
                .lines()
                .next()
                .unwrap(),
            "site.toml:3:12: unknown time zone \"Asia/Beijing\""
        );
    }
}
