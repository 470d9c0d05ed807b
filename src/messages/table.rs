//! The translation table of the messages not yet typed: English messages, help lines
//! and phrases, with their Chinese wording. Read by [`super`] at display
//! time. Typed messages (`crate::diag::msg`) are not here: their variant carries both
//! texts, and converting a message to a variant removes its line here.
//!
//! English templates: `{}` is a value shown as written (a file name, a field name, a
//! value from the site), `{t}` a value translated in turn through [`PHRASES`], `{{` and
//! `}}` are braces. Chinese templates name the values by position, `{0}`, `{1}`…, so
//! that a sentence can put them in its own order. Field names, file names and TOML
//! examples stay as they are: editors type them as shown.
//!
//! A new message goes into `crate::diag::msg`'s catalogue, not here. While a message is
//! still written as English text in `src/`, the test `every_message_in_src_has_a_
//! chinese_entry` keeps its line here. A new diagnostic gets the next free code of
//! its group; a code never changes meaning once published.
//!
//! Code groups: E0 site.toml and the run, E1 content files and their TOML, E3 events,
//! E4 the site as a whole (addresses, links, taxonomies, calendar), E5 templates and
//! data, E6 `kepu import`, E7 `kepu deploy`, E8/W8 `kepu check`.

/// Diagnostic messages: (code, English, Chinese).
#[rustfmt::skip]
pub const MESSAGES: &[(&str, &str, &str)] = &[
    // site.toml and the run
    // kepu import
    // content files and their TOML
    // TOML syntax, in kepu's words (toml_syntax)
    // events and trainings
    // the site as a whole
    // templates and data
    // kepu deploy
    // kepu check
];

/// Help lines: (English, Chinese).
#[rustfmt::skip]
pub const TEXTS: &[(&str, &str)] = &[
    // site.toml and the run
    // content files and their TOML
    ("write a real date, e.g. 2018-09-15 or 2018-09-15T09:00:00", "请写一个真实存在的日期，例如 2018-09-15 或 2018-09-15T09:00:00"),
    // TOML syntax, in kepu's words (toml_syntax)
    // events and trainings
    // the site as a whole
    // templates and data
    // kepu check
    // kepu deploy
    // kepu import
    // the command line
];

/// Phrases that appear inside other messages, translated only there (a `{t}` hole):
/// (English, Chinese).
#[rustfmt::skip]
pub const PHRASES: &[(&str, &str)] = &[
    // TOML types, as `toml_diag` words them
    // dates
    ("\"{}\" is not a date and time; write it like 2018-06-01T00:00:00+08:00 or 2018-06-01", "\"{0}\" 不是日期和时间；请写成 2018-06-01T00:00:00+08:00 或 2018-06-01 这样"),
    // why an image cannot be read or cleaned
    ("not a JPEG file", "不是 JPEG 文件"),
    ("broken JPEG structure at byte {}", "JPEG 文件在第 {0} 字节处结构损坏"),
    ("JPEG cut short in a segment header", "JPEG 文件在段头处被截断"),
    ("JPEG segment of wrong length at byte {}", "JPEG 文件第 {0} 字节处的段长度不对"),
    ("not a PNG file", "不是 PNG 文件"),
    ("PNG cut short in a chunk header", "PNG 文件在数据块头处被截断"),
    ("PNG chunk of wrong length at byte {}", "PNG 文件第 {0} 字节处的数据块长度不对"),
    ("not a WebP file", "不是 WebP 文件"),
    ("WebP chunk of wrong length at byte {}", "WebP 文件第 {0} 字节处的数据块长度不对"),
    ("WebP too large", "WebP 文件太大"),
    ("a WebP turned by its EXIF orientation cannot be cleaned", "靠 EXIF 方向标记旋转的 WebP 图片无法清理"),
    ("too large for a JPEG", "太大，无法存为 JPEG"),
    ("too large a picture", "图片太大"),
    ("the decoder gave a wrong size", "解码器给出的尺寸不对"),
    ("libwebp is unusable", "WebP 编码库 libwebp 无法使用"),
    ("WebP encoding failed: {}", "WebP 编码失败：{0}"),
    ("libwebp wrote something that is not a WebP file", "WebP 编码库 libwebp 输出的不是 WebP 文件"),
    // the output folder
    // web addresses of events
    // recurrence rules
    // exdates
    // kinds of pages
    // why a page is not published
    // what was being rendered
    // template functions (inside Tera's messages)
    // why an imported item was skipped
    // counts of the command line
];
