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
    ("E115", "`{}`: {t}", "`{0}`：{1}"),
    // TOML syntax, in kepu's words (toml_syntax)
    // events and trainings
    ("E301", "`hours` must be more than 0", "`hours` 必须大于 0"),
    ("E302", "`start`: {t}", "`start`：{0}"),
    ("E303", "`end`: {t}", "`end`：{0}"),
    ("E304", "the event ends ({}) before it starts ({})", "活动的结束时间（{0}）早于开始时间（{1}）"),
    ("E305", "`start` and `end` must both be dates (all day) or both be dates with times", "`start` 和 `end` 必须都是日期（全天活动），或者都是日期加时间"),
    ("E306", "unknown status \"{}\"", "未知的状态 \"{0}\""),
    ("E307", "`{}` \"{}\" is not a web address: {t}", "`{0}` \"{1}\" 不是网址：{2}"),
    ("E308", "`geo` must be [latitude, longitude], latitude between -90 and 90, longitude between -180 and 180", "`geo` 必须写成 [纬度, 经度]，纬度在 -90 到 90 之间，经度在 -180 到 180 之间"),
    ("E309", "`recurrence`: {t}", "`recurrence`：{0}"),
    ("W310", "the start ({}) is not a day the rule \"{}\" gives; it still counts as the first occurrence", "开始日期（{0}）不是规则 \"{1}\" 给出的日子；它仍然算作第一次活动"),
    ("E311", "`exdates`: {t}", "`exdates`：{0}"),
    ("W312", "the exdate {} matches {t}; it changes nothing", "排除日期 {0} {1}，写了也不起作用"),
    ("E314", "the rdate {} has no time, but the event starts at a time", "额外日期 {0} 没有写时间，但这个活动是在某个时间开始的"),
    ("E315", "the rdate {} has a time, but the event lasts whole days", "额外日期 {0} 写了时间，但这个活动是全天活动"),
    ("E316", "the rdate {} is before the start ({})", "额外日期 {0} 早于活动开始日期（{1}）"),
    ("E317", "`changes` needs a series, but this event has no `recurrence` or `rdates`", "`changes` 只用于重复活动，但这个活动没有 `recurrence` 或 `rdates`"),
    ("E318", "the occurrence {} is changed twice", "场次 {0} 被改了两次"),
    ("E319", "this change changes nothing", "这条变更什么也没有改"),
    ("E320", "the occurrence {} is skipped by `exdates`, so it cannot change", "场次 {0} 已被 `exdates` 排除，不能再改"),
    ("E321", "the occurrence {} is not in the series", "场次 {0} 不在这个系列里"),
    ("E322", "a change's `start` and `end` must be dates for an all-day event, and dates with times for a timed one", "变更里的 `start` 和 `end`：全天活动要写日期，有具体时间的活动要写日期加时间"),
    ("E323", "the changed occurrence ends ({}) before it starts ({})", "改动后的场次结束时间（{0}）早于开始时间（{1}）"),
    ("E324", "`{}` \"{}\" is not the path of a venue page", "`{0}` \"{1}\" 不是场地页面的路径"),
    ("E325", "`organizer` must be a name, the path of an organizer page, or a list of such paths", "`organizer` 必须是名称、主办单位页面的路径，或者这样的路径列表"),
    ("E326", "\"{}\" in the list of organizers is not the path of an organizer page", "主办单位列表里的 \"{0}\" 不是主办单位页面的路径"),
    ("E328", "`email` \"{}\" is not an e-mail address", "`email` \"{0}\" 不是电子邮箱地址"),
    ("E329", "`logo` \"{}\" is not a file next to this page", "`logo` \"{0}\" 不是本页面旁边的文件"),
    ("W313", "cannot keep the events' revisions ({}); the next build cannot tell which events changed", "无法保存活动的修订记录（{0}）；下次生成时无法判断哪些活动有改动"),
    // the site as a whole
    // templates and data
    // kepu deploy
    // kepu check
];

/// Help lines: (English, Chinese).
#[rustfmt::skip]
pub const TEXTS: &[(&str, &str)] = &[
    ("write each extra occurrence like `start`, e.g. rdates = [2018-12-29T09:30:00]", "每个额外日期的写法和 `start` 一样，例如 rdates = [2018-12-29T09:30:00]"),
    ("write the date and time of the extra occurrence, e.g. {}T{}", "请写上额外场次的日期和时间，例如 {0}T{1}"),
    ("write the day alone, e.g. {}", "请只写日期，例如 {0}"),
    ("an extra occurrence comes after the first one; move `start` to the earliest occurrence", "额外场次要在第一场之后；请把 `start` 改成最早的一场"),
    ("change the event's own `start`, `end`, `location` or `status` instead", "请直接修改活动本身的 `start`、`end`、`location` 或 `status`"),
    ("put everything that changes about this occurrence in one [[event.changes]] table", "请把这一场的所有改动写在同一个 [[event.changes]] 表里"),
    ("give what differs for this occurrence: start, end, venue, location, address, status or note", "请写出这一场有什么不同：start、end、venue、location、address、status 或 note"),
    ("write the original date of the occurrence, e.g. occurrence = 2018-10-13", "请写这一场原定的日期，例如 occurrence = 2018-10-13"),
    ("remove it from `exdates` and give this change status = \"cancelled\" and a note, or remove this change", "请把它从 `exdates` 里删掉，再给这条变更写 status = \"cancelled\" 和说明（note）；或者删掉这条变更"),
    ("write the original date (or date and time) of an occurrence the rule or `rdates` give", "请写规则或 `rdates` 给出的某一场原定的日期（或日期加时间）"),
    ("write a date (2018-10-14, all day) or a date and time (2018-10-14T14:00:00)", "请写日期（2018-10-14，全天）或日期加时间（2018-10-14T14:00:00）"),
    ("write them like the event's own `start` and `end`", "请按活动本身的 `start` 和 `end` 的写法来写"),
    ("check the dates: `end` must be the same as or later than `start`", "请检查日期：`end` 必须等于或晚于 `start`"),
    // site.toml and the run
    // content files and their TOML
    ("write a real date, e.g. 2018-09-15 or 2018-09-15T09:00:00", "请写一个真实存在的日期，例如 2018-09-15 或 2018-09-15T09:00:00"),
    // TOML syntax, in kepu's words (toml_syntax)
    // events and trainings
    ("write the hours of teaching, e.g. hours = 3.5", "请写授课的小时数，例如 hours = 3.5"),
    ("use an IANA time zone name such as \"Asia/Shanghai\" or \"Europe/Berlin\", or remove the line to use the site's", "请使用 IANA 时区名称，例如 \"Asia/Shanghai\" 或 \"Europe/Berlin\"；或者删掉这一行，使用网站的时区"),
    ("write a date (2018-09-15, all day) or a date and time (2018-09-15T09:00:00)", "请写日期（2018-09-15，表示全天）或日期加时间（2018-09-15T09:00:00）"),
    ("write a date (2018-09-15) or a date and time (2018-09-15T17:00:00)", "请写日期（2018-09-15）或日期加时间（2018-09-15T17:00:00）"),
    ("check the dates: `end` must be the same as or later than `start`; an event over midnight ends on the next day", "请检查日期：`end` 必须等于或晚于 `start`；跨过午夜的活动在第二天结束"),
    ("for an all-day event, `end` is the last day, the same as or after `start`", "全天活动的 `end` 是最后一天，要等于或晚于 `start`"),
    ("write e.g. start = 2018-05-19 and end = 2018-05-26, or start = 2018-09-15T09:00:00 and end = 2018-09-15T17:00:00", "例如写 start = 2018-05-19 和 end = 2018-05-26，或者 start = 2018-09-15T09:00:00 和 end = 2018-09-15T17:00:00"),
    ("status is one of: scheduled, cancelled, postponed, rescheduled", "status 只能是以下之一：scheduled, cancelled, postponed, rescheduled"),
    ("write the whole address as the browser shows it, e.g. {} = \"{}\"", "请写浏览器地址栏里显示的完整地址，例如 {0} = \"{1}\""),
    ("write two numbers, latitude first, e.g. geo = [23.02, 113.75] for Dongguan", "请写两个数字，纬度在前，例如东莞是 geo = [23.02, 113.75]"),
    ("write a rule such as \"FREQ=WEEKLY;BYDAY=SA;COUNT=6\" or \"FREQ=MONTHLY;BYDAY=2SA\"; kepu understands FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH and WKST", "请写这样的规则：\"FREQ=WEEKLY;BYDAY=SA;COUNT=6\" 或 \"FREQ=MONTHLY;BYDAY=2SA\"；kepu 认识 FREQ、INTERVAL、COUNT、UNTIL、BYDAY、BYMONTHDAY、BYMONTH 和 WKST"),
    ("move `start` to the first day the rule gives, so that calendars agree on every occurrence", "请把 `start` 改到规则给出的第一天，这样各种日历里的每一次活动才会一致"),
    ("write the skipped days as dates, e.g. exdates = [2018-10-06]", "请把要跳过的日子写成日期，例如 exdates = [2018-10-06]"),
    ("write a day the event would otherwise take place, or remove it from `exdates`", "请写本来会举办活动的日子，或者把它从 `exdates` 里删掉"),
    ("write the venue's file under content/, e.g. venue = \"@/venues/kexue-bowuguan.md\", or write the place as text with location = \"…\"", "请写场地页面在 content/ 下的文件，例如 venue = \"@/venues/kexue-bowuguan.md\"；或者用 location = \"…\" 直接写地点"),
    ("write e.g. organizer = \"东莞市科学技术协会\", organizer = \"@/organizers/shi-kexie.md\" or organizer = [\"@/organizers/a.md\", \"@/organizers/b.md\"]", "例如写 organizer = \"东莞市科学技术协会\"、organizer = \"@/organizers/shi-kexie.md\" 或 organizer = [\"@/organizers/a.md\", \"@/organizers/b.md\"]"),
    ("a list names organizer pages, e.g. [\"@/organizers/a.md\", \"@/organizers/b.md\"]; for one organizer as text write organizer = \"…\"", "列表里要写主办单位页面，例如 [\"@/organizers/a.md\", \"@/organizers/b.md\"]；只写一个单位名称时用 organizer = \"…\""),
    ("write one address, e.g. email = \"kepu@example.org\", without a name or mailto:", "请只写一个地址，例如 email = \"kepu@example.org\"，不要带名称或 mailto:"),
    ("put the picture in the same folder as this page and write its file name, e.g. logo = \"logo.png\"", "请把图片放在主办单位页面所在的文件夹里，写文件名，例如 logo = \"logo.png\""),
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
    ("a time alone is not a date: write the day too, e.g. 2018-09-15T09:00:00", "只有时间不算日期：请把日子也写上，例如 2018-09-15T09:00:00"),
    ("a time alone is not a date", "只有时间不算日期"),
    ("{}-{}-{} is not a real date", "{0}-{1}-{2} 不是真实存在的日期"),
    ("{} is not a real date", "{0} 不是真实存在的日期"),
    ("{}:{}:{} is not a real time", "{0}:{1}:{2} 不是真实存在的时间"),
    ("{} does not exist in the site's time zone: {}", "{0} 在网站的时区里不存在（可能正好是夏令时调整的时间）：{1}"),
    ("\"{}\" is not a date and time; write it like 2018-06-01T00:00:00+08:00 or 2018-06-01", "\"{0}\" 不是日期和时间；请写成 2018-06-01T00:00:00+08:00 或 2018-06-01 这样"),
    ("the {t} must be from {} to {}", "{0}必须在 {1} 到 {2} 之间"),
    ("write the {t} as {}", "{0}要写成 {1}"),
    ("the numbers do not make a date or time", "这些数字组不成日期或时间"),
    ("year", "年份"),
    ("month", "月份"),
    ("day", "日"),
    ("hour", "小时"),
    ("minute", "分钟"),
    ("second", "秒"),
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
    ("it must start with https:// or http://", "必须以 https:// 或 http:// 开头"),
    ("it has no host name after https://", "https:// 后面缺少网站的主机名"),
    ("it contains spaces or characters not allowed in a web address", "里面有空格或网址里不允许的字符"),
    // recurrence rules
    ("\"{}\" is not a NAME=VALUE part of a recurrence rule", "\"{0}\" 不是重复规则里“名称=值”形式的一项"),
    ("{} is written twice", "{0} 写了两次"),
    ("{}={}: the value must be a whole number from {} to {}", "{0}={1}：值必须是 {2} 到 {3} 之间的整数"),
    ("FREQ={} is not supported: events repeat at most daily", "不支持 FREQ={0}：活动最多每天重复一次"),
    ("FREQ={} is not a frequency (DAILY, WEEKLY, MONTHLY or YEARLY)", "FREQ={0} 不是重复频率（DAILY、WEEKLY、MONTHLY 或 YEARLY）"),
    ("UNTIL={} is not a date (20181231) or date-time (20181231T170000 or 20181231T090000Z)", "UNTIL={0} 不是日期（20181231）或日期时间（20181231T170000 或 20181231T090000Z）"),
    ("BYDAY={}: \"{}\" is not a weekday such as SA, 2SA or -1FR", "BYDAY={0}：\"{1}\" 不是星期几的写法，应该像 SA、2SA 或 -1FR 这样"),
    ("BYMONTHDAY={}: \"{}\" is not a day of the month (1 to 31, or -1 for the last)", "BYMONTHDAY={0}：\"{1}\" 不是一个月里的日子（1 到 31，或者 -1 表示最后一天）"),
    ("BYMONTH={}: \"{}\" is not a month (1 to 12)", "BYMONTH={0}：\"{1}\" 不是月份（1 到 12）"),
    ("WKST={} is not a weekday (MO, TU, … SU)", "WKST={0} 不是星期几（MO、TU……SU）"),
    ("{} is not supported by kepu", "kepu 不支持 {0}"),
    ("{} is not a part of a recurrence rule", "{0} 不是重复规则的组成部分"),
    ("the rule has no FREQ", "规则里没有 FREQ"),
    ("a rule takes COUNT or UNTIL, not both: keep the one you mean", "规则里 COUNT 和 UNTIL 只能写一个：请保留你想要的那个"),
    ("numbered weekdays such as 2SA only work with FREQ=MONTHLY or FREQ=YEARLY", "像 2SA 这样带序号的星期几只能和 FREQ=MONTHLY 或 FREQ=YEARLY 一起用"),
    ("BYMONTHDAY cannot be used with FREQ=WEEKLY", "BYMONTHDAY 不能和 FREQ=WEEKLY 一起用"),
    ("numbered weekdays cannot be combined with BYMONTHDAY in a yearly rule without BYMONTH", "在没有 BYMONTH 的每年重复规则里，带序号的星期几不能和 BYMONTHDAY 一起用"),
    // exdates
    ("no occurrence of the rule", "不是规则给出的任何一次活动"),
    ("no occurrence: the event has no `recurrence`", "没有对应任何一次活动：这个活动没有 `recurrence`"),
    // kinds of pages
    // why a page is not published
    // what was being rendered
    // template functions (inside Tera's messages)
    // why an imported item was skipped
    // counts of the command line
];
