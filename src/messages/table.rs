//! The translation table of the messages not yet typed: English messages, help lines
//! and command-line lines, with their Chinese wording. Read by [`super`] at display
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
    ("E012", "--now: {t}", "--now：{0}"),
    ("E013", "SOURCE_DATE_EPOCH=\"{}\" is not a number of seconds", "SOURCE_DATE_EPOCH=\"{0}\" 不是秒数"),
    ("E015", "cannot create {}: {}", "无法创建 {0}：{1}"),
    ("E016", "cannot write {}: {}", "无法写入 {0}：{1}"),
    ("E018", "cannot move into place {}: {}", "无法把新生成的网站放到 {0}：{1}"),
    // kepu import
    ("E601", "this is not well-formed XML: {}", "这不是格式正确的 XML：{0}"),
    ("E602", "&{}; is not an XML character reference", "&{0}; 不是 XML 的字符引用"),
    ("E603", "this is not a WordPress export: it starts with {}, not <rss>; export it again with Tools → Export", "这不是 WordPress 导出文件：它以 {0} 开头，而不是 <rss>；请在 WordPress 里用“工具 → 导出”重新导出"),
    ("E604", "this is not a WordPress export: the wp namespace is \"{}\", not http://wordpress.org/export/1.2/", "这不是 WordPress 导出文件：wp 命名空间是 \"{0}\"，而不是 http://wordpress.org/export/1.2/"),
    ("E605", "this file is empty or is not XML: a WordPress export starts with <?xml and <rss", "这个文件是空的或者不是 XML：WordPress 导出文件以 <?xml 和 <rss 开头"),
    ("E606", "the file ends inside <{}>: it was cut short; download the export again", "文件在 <{0}> 里面就结束了：它不完整；请重新下载导出文件"),
    ("E607", "<{}> should be a whole number, but it is \"{}\"", "<{0}> 应该是整数，但现在是 \"{1}\""),
    ("E608", "the event \"{}\" has no {}", "活动 \"{0}\" 没有 {1}"),
    ("E609", "{} \"{}\" is not a real date and time (YYYY-MM-DD HH:MM:SS)", "{0} \"{1}\" 不是真实存在的日期和时间（YYYY-MM-DD HH:MM:SS）"),
    ("E610", "this is not a saved WeChat article: it has no #js_content; save the article page with \"Save page, complete\"", "这不是保存下来的微信文章：里面没有 #js_content；请用浏览器的“网页，全部”方式保存文章页面"),
    ("E611", "no saved article (.html) was given", "没有给出保存的文章（.html）"),
    // content files and their TOML
    ("E106", "this is not valid TOML: {}", "这里的 TOML 格式不对：{0}"),
    // TOML syntax, in kepu's words (toml_syntax)
    // events and trainings
    // the site as a whole
    // templates and data
    // kepu deploy
    // kepu check
];

/// Help lines, and the lines the command line prints: (English, Chinese).
#[rustfmt::skip]
pub const TEXTS: &[(&str, &str)] = &[
    // site.toml and the run
    ("set it to a Unix time such as 1527782400, or unset it", "请把它设为 Unix 时间（例如 1527782400），或者取消这个环境变量"),
    // content files and their TOML
    ("write a real date, e.g. 2018-09-15 or 2018-09-15T09:00:00", "请写一个真实存在的日期，例如 2018-09-15 或 2018-09-15T09:00:00"),
    // TOML syntax, in kepu's words (toml_syntax)
    // events and trainings
    // the site as a whole
    // templates and data
    // kepu check
    // kepu deploy
    // kepu import
    ("give the file WordPress writes with Tools → Export → All content", "请使用 WordPress 在“工具 → 导出 → 所有内容”里生成的文件"),
    ("correct it in WordPress and export again, or in the export file", "请在 WordPress 里改正后重新导出，或者直接改导出文件"),
    // the command line
    ("created {}", "已创建 {0}"),
    ("Skipped \"{}\" (id {}): {t}", "已跳过 \"{0}\"（id {1}）：{2}"),
    ("Skipped {} items of type {}: kepu has no such kind of page", "已跳过 {0} 个 {1} 类型的条目：kepu 没有这种页面"),
    ("Kept the shortcode [{}] as text in {}", "短代码 [{0}] 在 {1} 里保留为文字"),
    ("Missing upload {} (linked from {}): its old address is kept", "找不到上传文件 {0}（{1} 里有链接）：保留了它原来的地址"),
    ("Missing image {} (in {}): it is not in the saved folder; its WeChat address is kept", "缺少图片 {0}（在 {1} 里）：保存的文件夹里没有它；保留了它的微信地址"),
    ("{} links to uploads still point at the old site: add --uploads DIR to copy the files", "有 {0} 个上传文件的链接仍然指向旧网站：加上 --uploads 文件夹 就会复制这些文件"),
    ("Imported {} news items, {} pages, {} events and {} files.", "已导入 {0} 条新闻、{1} 个页面、{2} 个活动和 {3} 个文件。"),
    ("Not overwritten: {} exists with other contents (add --force to replace it)", "没有覆盖：{0} 已经存在且内容不同（加上 --force 才会替换它）"),
    ("Nothing changed: every imported file is already in {}.", "没有任何改动：导入的文件都已经在 {0} 里了。"),
    ("Wrote {} files into {}; {} were already up to date.", "已写入 {0} 个文件到 {1}；{2} 个文件已经是最新的。"),
    ("Suggested menu for site.toml:", "建议加到 site.toml 的菜单："),
    ("  images: {} made, {} from the cache", "  图片：处理了 {0} 张，{1} 张取自缓存"),
    ("Next: cd {} && kepu build", "下一步：cd {0} && kepu build"),
    ("cannot read {}: {}", "无法读取 {0}：{1}"),
    ("{} is not empty; kepu init never overwrites files. Choose a new folder name.", "{0} 不是空的；kepu init 从不覆盖文件。请换一个新的文件夹名。"),
    ("the title is empty: write it in quotes, e.g. kepu new event \"全国科普日\"", "标题是空的：请把标题写在引号里，例如 kepu new event \"全国科普日\""),
    ("kepu cannot make a file name from \"{}\": use a title with letters or Chinese characters", "kepu 无法根据 \"{0}\" 生成文件名：请用含有字母或汉字的标题"),
    ("--section {} must be a folder inside content/, without ..", "--section {0} 必须是 content/ 里面的文件夹，不能有 .."),
    ("{} already exists; kepu new never overwrites. Choose another title.", "{0} 已经存在；kepu new 从不覆盖文件。请换一个标题。"),
    ("the server has no IP address", "服务器没有 IP 地址"),
    ("cannot listen on {}: {}", "无法在 {0} 上监听：{1}"),
    ("Serving {} at {}/ (Ctrl-C to stop)", "正在预览 {0}：{1}/（按 Ctrl-C 停止）"),
    ("Built {} pages in {} ms", "已生成 {0} 个页面，用时 {1} 毫秒"),
    ("The site has errors: still serving the last good build, with the errors shown on every page.", "网站有错误：预览的仍是上一次成功生成的版本，每个页面上都会显示这些错误。"),
    ("Could not open a browser; open {} yourself.", "无法打开浏览器；请自己打开 {0}。"),
    ("cannot watch files: {}", "无法监视文件的变化：{0}"),
    ("cannot watch files: {} (try --poll)", "无法监视文件的变化：{0}（试试 --poll）"),
    ("cannot watch {}: {}", "无法监视 {0}：{1}"),
    ("kepu: the site has errors", "kepu：网站有错误"),
    ("The page below is the last good build. Fix these and save; this page reloads by itself.", "下面是上一次成功生成的页面。改正这些错误并保存后，这个页面会自动刷新。"),
];

/// Phrases that appear inside other messages, translated only there (a `{t}` hole):
/// (English, Chinese).
#[rustfmt::skip]
pub const PHRASES: &[(&str, &str)] = &[
    // TOML types, as `toml_diag` words them
    ("this value", "这个值"),
    ("this date", "这个日期"),
    ("a whole number", "整数"),
    ("a number", "数字"),
    ("text in quotes", "带引号的文字"),
    ("true or false", "true 或 false"),
    ("a list in square brackets", "方括号里的列表"),
    ("a date (2018-09-15) or date and time (2018-09-15T09:00:00)", "日期（2018-09-15）或日期加时间（2018-09-15T09:00:00）"),
    ("a table", "表"),
    ("a value of another type", "另一种类型的值"),
    ("the text {}", "文字 {0}"),
    ("the number {}", "数字 {0}"),
    ("the value {}", "值 {0}"),
    ("a list", "列表"),
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
    ("{}() needs {}=\"…\"", "{0}() 需要参数 {1}=\"…\""),
    ("get_page: there is no page content/{}", "get_page：没有页面 content/{0}"),
    ("get_section: there is no section content/{}", "get_section：没有栏目 content/{0}"),
    ("get_url: there is no page content/{}", "get_url：没有页面 content/{0}"),
    (
        "get_url: hash=true needs a stylesheet, script, icon or font of static/; there is no such file at static/{}",
        "get_url：hash=true 只用于 static/ 中的样式表、脚本、图标或字体；static/{0} 不是这样的文件",
    ),
    ("load_data: there is no file data/{} (TOML, JSON or CSV)", "load_data：没有文件 data/{0}（TOML、JSON 或 CSV）"),
    ("trans: no translation of \"{}\" for {}; add it to i18n/{}.toml", "trans：\"{0}\" 没有 {1} 的翻译；请把它加到 i18n/{2}.toml 里"),
    ("the date filter takes a date written as text, e.g. page.date", "date 过滤器需要文字形式的日期，例如 page.date"),
    ("date: unknown time zone {}", "date：未知的时区 {0}"),
    ("date: \"{}\" is not a date", "date：\"{0}\" 不是日期"),
    // why an imported item was skipped
    ("a draft; add --drafts to import drafts", "是草稿；加上 --drafts 才会导入草稿"),
    ("private", "是私密文章"),
    ("in the trash", "在回收站里"),
    ("neither published nor a draft", "既没有发布也不是草稿"),
    // counts of the command line
    ("1 page", "1 个页面"),
    ("{} pages", "{0} 个页面"),
    ("1 section", "1 个栏目"),
    ("{} sections", "{0} 个栏目"),
    ("1 file", "1 个文件"),
    ("{} files", "{0} 个文件"),
];
