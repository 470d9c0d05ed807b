//! The catalogue of kepu's messages: every diagnostic, help line and phrase as a
//! variant of [`Msg`], with its code, its arguments, and its English and Chinese text.
//!
//! Each line of the `catalogue!` below reads
//! `[code] Name { argument: Type, … } => "English", "Chinese";`.
//! Both texts are `format!` strings naming the arguments (`{name}`), so the compiler
//! checks that they name no argument the variant lacks; `{{` and `}}` are braces. An
//! argument is shown through [`Arg`]: text and numbers as written, a nested [`Msg`]
//! (a phrase such as "a whole number") in the language of the whole message.
//!
//! A new diagnostic gets the next free code of its group; a code never changes
//! meaning once published. Code groups: E0 site.toml and the run, E1 content files
//! and their TOML, E3 events, E4 the site as a whole, E5 templates and data, E6
//! `kepu import`, E7 `kepu deploy`, E8/W8 `kepu check`. Help lines and phrases have
//! no code.

use std::borrow::Cow;

/// A value inside a message, shown in English or in Chinese.
pub trait Arg {
    /// The value in an English message.
    fn en(&self) -> Cow<'_, str>;
    /// The value in a Chinese message; `untyped` translates text not yet typed.
    fn zh(&self, untyped: &dyn Fn(&str) -> String) -> Cow<'_, str>;
}

impl Arg for String {
    fn en(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
    fn zh(&self, _: &dyn Fn(&str) -> String) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl Arg for usize {
    fn en(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
    fn zh(&self, _: &dyn Fn(&str) -> String) -> Cow<'_, str> {
        self.en()
    }
}

impl Arg for i64 {
    fn en(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
    fn zh(&self, _: &dyn Fn(&str) -> String) -> Cow<'_, str> {
        self.en()
    }
}

impl Arg for Msg {
    fn en(&self) -> Cow<'_, str> {
        Cow::Owned(self.english())
    }
    fn zh(&self, untyped: &dyn Fn(&str) -> String) -> Cow<'_, str> {
        Cow::Owned(self.chinese(untyped))
    }
}

impl Arg for Box<Msg> {
    fn en(&self) -> Cow<'_, str> {
        (**self).en()
    }
    fn zh(&self, untyped: &dyn Fn(&str) -> String) -> Cow<'_, str> {
        (**self).zh(untyped)
    }
}

/// Declares [`Msg`] and its `code`, `english` and `chinese` from one table.
macro_rules! catalogue {
    ($(
        $([$code:literal])? $name:ident $({ $($field:ident : $ty:ty),* $(,)? })?
            => $en:literal, $zh:literal;
    )*) => {
        /// One message of kepu: a diagnostic, a help line or a phrase inside another
        /// message, with its arguments. Shown with [`Msg::english`] or [`Msg::chinese`].
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Msg {
            $(
                #[doc = $en]
                $name $({ $(
                    #[doc = concat!("`", stringify!($field), "` in the text above.")]
                    $field: $ty
                ),* })?,
            )*
            /// A message not yet given a variant, in English as written; its code and
            /// Chinese come from matching it against `messages`' table.
            Untyped(String),
        }

        impl Msg {
            /// The stable code of a diagnostic (`E501`); `None` for help lines,
            /// phrases and untyped messages.
            pub fn code(&self) -> Option<&'static str> {
                match self {
                    $( Msg::$name { .. } => catalogue!(@code $($code)?), )*
                    Msg::Untyped(_) => None,
                }
            }

            /// The message in English.
            pub fn english(&self) -> String {
                match self {
                    $(
                        Msg::$name $({ $($field),* })? => {
                            $($( let $field = Arg::en($field); )*)?
                            format!($en)
                        }
                    )*
                    Msg::Untyped(text) => text.clone(),
                }
            }

            /// The message in Chinese; `untyped` translates the text of an
            /// [`Msg::Untyped`] inside it.
            pub fn chinese(&self, untyped: &dyn Fn(&str) -> String) -> String {
                match self {
                    $(
                        Msg::$name $({ $($field),* })? => {
                            $($( let $field = Arg::zh($field, untyped); )*)?
                            format!($zh)
                        }
                    )*
                    Msg::Untyped(text) => untyped(text),
                }
            }
        }
    };
    (@code $code:literal) => { Some($code) };
    (@code) => { None };
}

impl From<String> for Msg {
    fn from(text: String) -> Msg {
        Msg::Untyped(text)
    }
}

impl From<&str> for Msg {
    fn from(text: &str) -> Msg {
        Msg::Untyped(text.to_string())
    }
}

catalogue! {
    // site.toml (config)
    ["E001"] ConfigNotUtf8
        => "site.toml is not UTF-8 text",
           "site.toml 不是 UTF-8 编码的文本";
    ["E002"] NoSiteToml { dir: String }
        => "there is no site.toml in {dir}",
           "{dir} 里没有 site.toml 文件";
    ["E003"] CannotReadConfig { error: String }
        => "cannot read site.toml: {error}",
           "无法读取 site.toml：{error}";
    ["E004"] BaseUrlNotAddress { url: String }
        => "base_url \"{url}\" is not a web address",
           "base_url \"{url}\" 不是网址";
    ["E005"] UnknownTimeZone { name: String }
        => "unknown time zone \"{name}\"",
           "未知的时区 \"{name}\"";
    ["E006"] NotLanguageCode { code: String }
        => "\"{code}\" is not a language code",
           "\"{code}\" 不是语言代码";
    ["E007"] NotThemeName { name: String }
        => "\"{name}\" is not a theme folder name",
           "\"{name}\" 不是主题文件夹的名字";
    ["E008"] NotPositive { key: String }
        => "`{key}` must be a positive whole number",
           "`{key}` 必须是大于 0 的整数";
    ["E009"] HorizonOutOfRange { days: i64 }
        => "horizon_days = {days} is out of range",
           "horizon_days = {days} 超出了允许的范围";
    ["E010"] NotWeekStart { day: String }
        => "week_start \"{day}\" is not a first day of the week",
           "week_start \"{day}\" 不是一周的第一天";
    ["E011"] MapUrlNotAddress { url: String }
        => "map_url \"{url}\" is not a web address",
           "map_url \"{url}\" 不是网址";
    ["E030"] NoSearchField { name: String }
        => "`[search] fields` has no field \"{name}\"",
           "`[search] fields` 里没有 \"{name}\" 这一项";
    SaveConfigAsUtf8Help
        => "save the file as UTF-8 in your editor",
           "请在编辑器里把文件另存为 UTF-8 编码";
    NoSiteTomlHelp
        => "run kepu in the folder of your site, pass --root DIR, or create one with `kepu init DIR`",
           "请在网站文件夹里运行 kepu，或者用 --root DIR 指定网站文件夹，或者用 `kepu init DIR` 新建一个网站";
    BaseUrlHelp
        => "write the address the site is published at, e.g. base_url = \"https://kepu.example.org\"",
           "请写网站发布的网址，例如 base_url = \"https://kepu.example.org\"";
    TimeZoneHelp
        => "use an IANA time zone name, e.g. timezone = \"Asia/Shanghai\"",
           "请使用 IANA 时区名称，例如 timezone = \"Asia/Shanghai\"";
    LanguageHelp
        => "write a code such as language = \"zh-CN\" or \"en\"",
           "请写语言代码，例如 language = \"zh-CN\" 或 \"en\"";
    ThemeHelp
        => "write the name of a folder under themes/, e.g. theme = \"default\"",
           "请写 themes/ 下某个文件夹的名字，例如 theme = \"default\"";
    PositiveHelp { key: String, default: usize }
        => "write a number above 0, e.g. {key} = {default}, or remove the line for the default",
           "请写一个大于 0 的数，例如 {key} = {default}；或者删掉这一行，使用默认值";
    HorizonHelp
        => "write how many days ahead repeating events are listed, from 1 to 3660, e.g. horizon_days = 365",
           "请写重复的活动往后列出多少天，从 1 到 3660，例如 horizon_days = 365";
    WeekStartHelp
        => "write week_start = \"monday\" (the Chinese convention), \"sunday\" or \"saturday\"",
           "请写 week_start = \"monday\"（中国的习惯）、\"sunday\" 或 \"saturday\"";
    MapUrlHelp
        => "write a template such as \"https://uri.amap.com/marker?position={{lon}},{{lat}}&name={{name}}\", or \"\" for no map links",
           "请写一个网址模板，例如 \"https://uri.amap.com/marker?position={{lon}},{{lat}}&name={{name}}\"；不要地图链接就写 \"\"";
    SearchFieldsHelp { fields: String }
        => "list some of: {fields}",
           "请从这些里选几项：{fields}";

    // site.toml [deploy] (config/deploy)
    ["E051"] EndpointWithoutBucket
        => "`[deploy]` has an `endpoint` but no `bucket`",
           "`[deploy]` 里有 `endpoint`，但没有 `bucket`";
    ["E052"] BucketWithoutEndpoint
        => "`[deploy]` has a `bucket` but no `endpoint`",
           "`[deploy]` 里有 `bucket`，但没有 `endpoint`";
    ["E050"] SecretInConfig { key: String }
        => "`{key}` is a secret and must not be in site.toml: everyone who can read the site's files could use it",
           "`{key}` 是密钥，不能写在 site.toml 里：能看到网站文件的人都能拿去用";
    ["E053"] NotObjectStore { url: String }
        => "endpoint \"{url}\" is not the address of an object store",
           "endpoint \"{url}\" 不是对象存储的地址";
    ["E054"] NotBucketName { name: String }
        => "\"{name}\" is not a bucket name",
           "\"{name}\" 不是存储桶（bucket）的名字";
    ["E055"] NegativeMaxDelete
        => "`max_delete` cannot be negative",
           "`max_delete` 不能是负数";
    ["E056"] NotBranchName { name: String }
        => "\"{name}\" is not a branch name",
           "\"{name}\" 不是分支名";
    ["E057"] NotGitRemote { url: String }
        => "remote \"{url}\" is not a Git repository address",
           "remote \"{url}\" 不是 Git 仓库的地址";
    BucketHelp
        => "add the bucket's name, e.g. bucket = \"kepu-site\"",
           "请写上存储桶的名字，例如 bucket = \"kepu-site\"";
    EndpointHelp
        => "add the object store's address, e.g. endpoint = \"https://oss-cn-shenzhen.aliyuncs.com\"",
           "请写上对象存储的地址，例如 endpoint = \"https://oss-cn-shenzhen.aliyuncs.com\"";
    SecretHelp
        => "remove the line (and change the key at your provider if it was ever committed); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment instead, see docs/deploying.md",
           "请删掉这一行（如果它曾经被提交过，请到服务商那里更换密钥）；改为在环境变量里设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY，见 docs/deploying.md";
    EndpointFormatHelp
        => "write https:// and the host name only, e.g. endpoint = \"https://oss-cn-shenzhen.aliyuncs.com\"",
           "只写 https:// 和主机名，例如 endpoint = \"https://oss-cn-shenzhen.aliyuncs.com\"";
    BucketNameHelp
        => "bucket names have 3 to 63 lowercase letters, digits and hyphens, e.g. bucket = \"kepu-site\"",
           "存储桶的名字由 3 到 63 个小写字母、数字和连字符组成，例如 bucket = \"kepu-site\"";
    MaxDeleteHelp
        => "write how many objects `kepu deploy --delete` may remove without --force, e.g. max_delete = 100",
           "请写 `kepu deploy --delete` 在不加 --force 时最多可以删除多少个文件，例如 max_delete = 100";
    BranchHelp
        => "write a name such as branch = \"gh-pages\" or \"pages\", without spaces",
           "请写一个不带空格的名字，例如 branch = \"gh-pages\" 或 \"pages\"";
    RemoteHelp
        => "write the address you would give `git push`, e.g. remote = \"git@github.com:my-assoc/site.git\"",
           "请写 `git push` 用的地址，例如 remote = \"git@github.com:my-assoc/site.git\"";

    // content files (content)
    ["E110"] CannotReadFile { error: String }
        => "cannot read this file: {error}",
           "无法读取这个文件：{error}";
    ["E111"] FileNotUtf8
        => "this file is not UTF-8 text",
           "这个文件不是 UTF-8 编码的文本";
    ["E112"] FileEmpty
        => "this file is empty",
           "这个文件是空的";
    ["E113"] NoFrontMatter
        => "this file does not start with front matter",
           "这个文件没有以前置信息（front matter）开头";
    ["E114"] FrontMatterUnclosed
        => "the front matter that starts here is never closed",
           "从这里开始的前置信息没有结束";
    ["E153"] FrontMatterUnclosedBefore
        => "the front matter from line 1 is never closed before this line",
           "从第 1 行开始的前置信息在这一行之前没有结束";
    ["E120"] SlugNotSegment { slug: String }
        => "the slug \"{slug}\" is not a single URL segment",
           "slug \"{slug}\" 不是网址里单独的一段";
    ["E121"] SlugNoLetters { slug: String }
        => "the slug \"{slug}\" has no letters or digits",
           "slug \"{slug}\" 里没有字母或数字";
    ["E122"] AliasNotPath { alias: String }
        => "the alias \"{alias}\" is not a path of this site",
           "别名 \"{alias}\" 不是本网站的路径";
    ["E123"] TemplateNameNotAllowed { name: String }
        => "the template name \"{name}\" is not allowed",
           "不能使用模板名 \"{name}\"";
    ["E124"] UnknownKind { kind: String }
        => "unknown kind \"{kind}\"",
           "未知的类型 \"{kind}\"";
    ["E125"] UnknownSortOrder { order: String }
        => "unknown sort order \"{order}\"",
           "未知的排序方式 \"{order}\"";
    ["E126"] PaginateByZero
        => "paginate_by must be at least 1",
           "paginate_by 至少要是 1";
    ["E127"] SectionOnlyField { field: String }
        => "`{field}` only belongs in a section's _index.md",
           "`{field}` 只能写在栏目的 _index.md 里";
    ["E128"] TitleEmpty
        => "the title is empty",
           "标题是空的";
    FileUtf8Help
        => "save it as UTF-8 in your editor (in Notepad: Save As, Encoding: UTF-8)",
           "请在编辑器里另存为 UTF-8 编码（记事本：“另存为”，编码选 UTF-8）";
    EmptyFileHelp
        => "start it with front matter: a line +++, a line title = \"…\", and a line +++",
           "请以前置信息（front matter）开头：一行 +++，一行 title = \"…\"，再一行 +++";
    NoFrontMatterHelp
        => "put a line +++ first, then title = \"…\", then another line +++ before the text",
           "请在正文前面先写一行 +++，然后写 title = \"…\"，再写一行 +++";
    CloseFrontMatterHelp
        => "add a line with only +++ after the last front-matter field",
           "请在最后一个前置信息字段后面加一行，只写 +++";
    CloseFrontMatterAboveHelp
        => "add a line with only +++ above this line",
           "请在这一行上面加一行，只写 +++";
    SlugHelp
        => "a slug is one word of the address: letters, digits and hyphens, no / or ..",
           "slug 是网址里的一段：只用字母、数字和连字符，不要有 / 或 ..";
    SlugExampleHelp
        => "write a slug such as slug = \"science-day\"",
           "请写一个 slug，例如 slug = \"science-day\"";
    AliasHelp
        => "write an old address of this site, e.g. \"/2018/old-page/\", without .. or http://",
           "请写本网站的旧地址，例如 \"/2018/old-page/\"，不要有 .. 或 http://";
    TemplateNameHelp
        => "name a template file of templates/ or the theme, e.g. template = \"notice.html\"",
           "请写 templates/ 或主题里的模板文件名，例如 template = \"notice.html\"";
    KindHelp
        => "kind is one of: news, event, training, resource, page, venue, organizer",
           "kind 只能是以下之一：news, event, training, resource, page, venue, organizer";
    SortByHelp
        => "sort_by is one of: date, weight, title, start",
           "sort_by 只能是以下之一：date, weight, title, start";
    PaginateByHelp
        => "write how many pages each list page shows, e.g. paginate_by = 10, or remove the line",
           "请写每个列表页显示多少篇，例如 paginate_by = 10；或者删掉这一行";
    SectionOnlyFieldHelp
        => "move this line to the _index.md of the folder, or remove it: pages take the kind of their section",
           "请把这一行移到该文件夹的 _index.md 里，或者删掉它：页面会沿用所在栏目的类型";
    TitleHelp
        => "write a title, e.g. title = \"全国科普日\"",
           "请写一个标题，例如 title = \"全国科普日\"";

    // content files and their TOML (toml_diag)
    ["E101"] UnknownField { field: String } => "unknown field `{field}`", "未知字段 `{field}`";
    ["E102"] MissingField { field: String }
        => "the required field `{field}` is missing", "缺少必填字段 `{field}`";
    ["E103"] WrongType { what: Box<Msg>, expected: Box<Msg>, found: Box<Msg> }
        => "{what} should be {expected}, but it is {found}", "{what} 应该是{expected}，但现在是{found}";
    ["E104"] NotRealDate { what: Box<Msg>, detail: Box<Msg> }
        => "{what} is not a real date or time: {detail}", "{what} 不是真实存在的日期或时间：{detail}";
    ["E105"] WrittenTwice { field: String } => "`{field}` is written twice", "`{field}` 写了两次";
    DidYouMeanField { best: String, allowed: String }
        => "did you mean `{best}`? The fields allowed here are: {allowed}.",
           "你是不是想写 `{best}`？这里可以写的字段有：{allowed}。";
    FieldsAllowed { allowed: String }
        => "The fields allowed here are: {allowed}.", "这里可以写的字段有：{allowed}。";
    AddFieldHelp { field: String }
        => "add a line such as `{field} = \"…\"`", "请加一行，例如 `{field} = \"…\"`";
    WholeNumberHelp
        => "write a number without quotes, e.g. `weight = 3`",
           "请直接写数字，不要加引号，例如 `weight = 3`";
    NumberHelp
        => "write a number without quotes, e.g. `hours = 3.5`",
           "请直接写数字，不要加引号，例如 `hours = 3.5`";
    TextHelp
        => "put the text in double quotes, e.g. `title = \"全国科普日\"`",
           "请把文字放在英文双引号里，例如 `title = \"全国科普日\"`";
    BoolHelp
        => "write true or false without quotes, e.g. `draft = true`",
           "请写 true 或 false，不要加引号，例如 `draft = true`";
    ListHelp
        => "write a list, e.g. `tags = [\"科普\", \"志愿者\"]`",
           "请写成列表，例如 `tags = [\"科普\", \"志愿者\"]`";
    TableHelp
        => "write a table, e.g. `taxonomies = {{ tags = [\"科普\"] }}`",
           "请写成表，例如 `taxonomies = {{ tags = [\"科普\"] }}`";
    ValueHelp
        => "write the value without quotes, e.g. `date = 2018-09-15`",
           "请直接写值，不要加引号，例如 `date = 2018-09-15`";
    DateFormatHelp
        => "write dates as YYYY-MM-DD (2018-09-15) and times as HH:MM:SS (2018-09-15T09:00:00)",
           "日期请写成 YYYY-MM-DD（2018-09-15），时间写成 HH:MM:SS（2018-09-15T09:00:00）";
    KeepOneLineHelp => "keep only one of the two lines", "请只保留其中一行";
    // TOML values, as toml_diag words them
    Field { name: String } => "`{name}`", "`{name}`";
    ThisValue => "this value", "这个值";
    ThisDate => "this date", "这个日期";
    AWholeNumber => "a whole number", "整数";
    ANumber => "a number", "数字";
    TextInQuotes => "text in quotes", "带引号的文字";
    TrueOrFalse => "true or false", "true 或 false";
    AListInBrackets => "a list in square brackets", "方括号里的列表";
    ADateOrTime
        => "a date (2018-09-15) or date and time (2018-09-15T09:00:00)",
           "日期（2018-09-15）或日期加时间（2018-09-15T09:00:00）";
    ATable => "a table", "表";
    AnotherType => "a value of another type", "另一种类型的值";
    TheText { text: String } => "the text {text}", "文字 {text}";
    TheNumber { number: String } => "the number {number}", "数字 {number}";
    TheValue { value: String } => "the value {value}", "值 {value}";
    AList => "a list", "列表";
    UnitRange { unit: Box<Msg>, from: String, to: String }
        => "the {unit} must be from {from} to {to}", "{unit}必须在 {from} 到 {to} 之间";
    UnitPattern { unit: Box<Msg>, pattern: String }
        => "write the {unit} as {pattern}", "{unit}要写成 {pattern}";
    NumbersNoDate
        => "the numbers do not make a date or time", "这些数字组不成日期或时间";
    Year => "year", "年份";
    Month => "month", "月份";
    Day => "day", "日";
    Hour => "hour", "小时";
    Minute => "minute", "分钟";
    Second => "second", "秒";
    // templates and data
    ["E501"] TemplateMissing { name: String }
        => "the template \"{name}\" does not exist", "模板 \"{name}\" 不存在";
    ["E502"] NoTemplateFor { looked_for: String }
        => "the theme has no template for this page (looked for {looked_for})",
           "主题里没有适合这个页面的模板（找过：{looked_for}）";
    ["E503"] TemplateNotUtf8
        => "cannot read this template as UTF-8 text", "无法把这个模板当作 UTF-8 文本读取";
    ["E504"] TemplateError { detail: Box<Msg> }
        => "template error: {detail}", "模板出错：{detail}";
    ["E506"] ParentTemplateMissing { parent: String }
        => "this template extends \"{parent}\", which does not exist",
           "这个模板继承了 \"{parent}\"，但它不存在";
    ["E507"] DataNotUtf8
        => "this data file is not UTF-8 text",
           "这个数据文件不是 UTF-8 编码的文本";
    ["E508"] NotJson { error: String }
        => "this is not valid JSON: {error}",
           "这里的 JSON 格式不对：{error}";
    ["E509"] NotCsv { error: String }
        => "this is not valid CSV: {error}",
           "这里的 CSV 格式不对：{error}";
    ["E510"] TranslationNotUtf8
        => "cannot read this translation file as UTF-8 text",
           "无法把这个翻译文件当作 UTF-8 文本读取";
    ["E511"] TaxonomyAddressTaken { path: String }
        => "a page of the site has the address /{path}, which the taxonomy pages need",
           "网站里有一个页面占用了网址 /{path}，而分类页面需要这个网址";
    ["E512"] OutsideOutput { path: String }
        => "refusing to write \"{path}\": it would be outside the output folder",
           "不能写入 \"{path}\"：它会落在输出文件夹外面";
    ["E513"] TaxonomyTemplateMissing { template: String, taxonomy: String }
        => "the theme has no {template}, needed for the pages of `{taxonomy}`",
           "主题里没有 {template}，而 `{taxonomy}` 的页面需要它";
    ["E514"] PartnerCalendarLine { why: Box<Msg> }
        => "partner calendar: {why}",
           "合作方日历：{why}";
    ["E515"] PartnerCalendarUnread { why: Box<Msg> }
        => "this partner calendar is left out: {why}",
           "这个合作方日历没有收入：{why}";
    ["E516"] PartnerEventLeftOut { why: Box<Msg> }
        => "this partner event is left out: {why}",
           "这个合作方活动没有收入日历：{why}";
    PartnerCalendarHelp
        => "the build goes on without it; ask the partner for a corrected feed, or fix the file by hand (RFC 5545)",
           "网站照常生成，只是少了这一项；请合作方提供修正后的日历，或按 RFC 5545 手动修改这个文件";
    IcalNotUtf8
        => "the file is not UTF-8 text",
           "文件不是 UTF-8 编码的文本";
    IcalNoCalendar
        => "there is no BEGIN:VCALENDAR in the file",
           "文件里没有 BEGIN:VCALENDAR";
    IcalNotProperty
        => "this line is not an iCalendar property (NAME:value); it is left out",
           "这一行不是 iCalendar 属性（名称:值），已略过";
    IcalOutsideCalendar
        => "this property is outside BEGIN:VCALENDAR … END:VCALENDAR; it is left out",
           "这个属性在 BEGIN:VCALENDAR … END:VCALENDAR 之外，已略过";
    IcalEndMismatch { end: String, begin: String, begin_line: usize }
        => "END:{end} closes BEGIN:{begin} of line {begin_line}",
           "END:{end} 结束的是第 {begin_line} 行的 BEGIN:{begin}";
    IcalEndWithoutBegin { name: String }
        => "END:{name} without a BEGIN:{name}",
           "有 END:{name}，却没有对应的 BEGIN:{name}";
    IcalNeverClosed { name: String }
        => "BEGIN:{name} is never closed by END:{name}",
           "BEGIN:{name} 一直没有用 END:{name} 结束";
    IcalNoUid
        => "it has no UID",
           "它没有 UID";
    IcalNoSummary
        => "it has no SUMMARY (title)",
           "它没有 SUMMARY（标题）";
    IcalNoStart
        => "it has no readable DTSTART",
           "它没有可读的 DTSTART";
    IcalUnknownZone { zone: String }
        => "the time zone \"{zone}\" is not an IANA zone kepu knows (such as Asia/Shanghai)",
           "时区 \"{zone}\" 不是 kepu 认识的 IANA 时区（例如 Asia/Shanghai）";
    IcalBadDate { value: String }
        => "\"{value}\" is not an iCalendar date (20181013) or date-time (20181013T093000, …Z)",
           "\"{value}\" 不是 iCalendar 日期（20181013）或日期时间（20181013T093000、…Z）";
    IcalBadRule { error: String }
        => "its RRULE cannot be read: {error}",
           "它的 RRULE 无法读取：{error}";
    IcalPeriod
        => "RDATE periods (VALUE=PERIOD) are not supported",
           "不支持时间段形式的 RDATE（VALUE=PERIOD）";
    JsonHelp
        => "check the commas, quotes and brackets around this place",
           "请检查这里附近的逗号、引号和括号";
    CsvHelp
        => "every row needs as many columns as the first (header) row",
           "每一行的列数都要和第一行（表头）一样多";
    TaxonomyTemplateHelp { template: String }
        => "add templates/{template}, or remove the taxonomy from [taxonomies]",
           "请添加 templates/{template}，或者把这个分类方式从 [taxonomies] 里删掉";
    TaxonomyAddressHelp
        => "rename that page (or its `slug`), or rename the taxonomy in [taxonomies]",
           "请给那个页面（或它的 `slug`）改名，或者在 [taxonomies] 里给分类方式改名";
    OutsideOutputHelp
        => "remove .. and leading / from slugs, aliases and file names",
           "请去掉 slug、别名和文件名里的 .. 和开头的 /";

    NamedTemplateHelp
        => "put it in templates/ (or the theme's templates/), or remove the `template` line",
           "请把它放进 templates/（或主题的 templates/），或者删掉 `template` 这一行";
    AddOneTemplateHelp
        => "add one of these templates to templates/", "请在 templates/ 里加上其中一个模板";
    SaveAsUtf8Help => "save it as UTF-8", "请另存为 UTF-8 编码";
    TemplateSyntaxHelp
        => "fix the template syntax here: {{{{ value }}}}, {{% tag %}} … {{% endtag %}}",
           "请修正这里的模板语法：{{{{ value }}}}、{{% tag %}} … {{% endtag %}}";
    TemplateValueHelp
        => "check the variable or function used here; docs/templates.md lists what templates can use",
           "请检查这里用到的变量或函数；docs/templates.md 列出了模板里可以用的内容";
    AddTemplateHelp
        => "add it to templates/ or to the theme's templates/ folder",
           "请把它加到 templates/ 或主题的 templates/ 文件夹里";
    ExtendsHelp
        => "fix the name in {{% extends \"…\" %}}", "请修正 {{% extends \"…\" %}} 里的名字";
    // kepu check: links in the finished site
    ["E801"] LinkMissing { link: String }
        => "the link {link} leads to a page or file that does not exist",
           "链接 {link} 指向的页面或文件不存在";
    ["E801"] TemplateLinkMissing { link: String }
        => "the link {link} leads to a page or file that does not exist (the link comes from the template)",
           "链接 {link} 指向的页面或文件不存在（这个链接来自模板）";
    ["E801"] ThemeLinkMissing { file: String, link: String }
        => "{file}: the link {link} leads to a page or file that does not exist",
           "{file}：链接 {link} 指向的页面或文件不存在";
    ["E802"] AnchorMissing { link: String, fragment: String }
        => "the link {link} points to #{fragment}, which that page does not have",
           "链接 {link} 指向 #{fragment}，但那个页面里没有这个位置";
    ["E802"] TemplateAnchorMissing { link: String, fragment: String }
        => "the link {link} points to #{fragment}, which that page does not have (the link comes from the template)",
           "链接 {link} 指向 #{fragment}，但那个页面里没有这个位置（这个链接来自模板）";
    ["E802"] ThemeAnchorMissing { file: String, link: String, fragment: String }
        => "{file}: the link {link} points to #{fragment}, which that page does not have",
           "{file}：链接 {link} 指向 #{fragment}，但那个页面里没有这个位置";
    ["E803"] ImageMissing { image: String }
        => "the image {image} does not exist", "图片 {image} 不存在";
    ["E804"] FieldLinkMissing { field: String, link: String }
        => "`{field}`: the link {link} leads to a page or file that does not exist",
           "`{field}`：链接 {link} 指向的页面或文件不存在";
    ["E804"] FieldAnchorMissing { field: String, link: String, fragment: String }
        => "`{field}`: the link {link} points to #{fragment}, which that page does not have",
           "`{field}`：链接 {link} 指向 #{fragment}，但那个页面里没有这个位置";
    ["E805"] SpacedAddress { address: String }
        => "the address {address} has spaces, so Markdown shows the link as plain text",
           "地址 {address} 里有空格，所以 Markdown 把这个链接显示成了普通文字";
    ["E806"] CoverMissing { image: String }
        => "`cover`: the image {image} does not exist", "`cover`：图片 {image} 不存在";
    ["E409"] PageLinkMissing { link: String }
        => "the link {link} points to a page that does not exist", "链接 {link} 指向的页面不存在";
    PageLinkHelp
        => "links name a file under content/, e.g. @/news/2018-01-05-member-review.md",
           "链接要写 content/ 下的文件，例如 @/news/2018-01-05-member-review.md";
    ThemeLinkHelp => "fix the template that writes this link", "请修正生成这个链接的模板";
    AddressHelp
        => "correct the address, or add the file it names beside this page",
           "请改正地址，或者把它指向的文件放在这个页面旁边";
    FieldValueHelp
        => "correct the value, or add the file it names beside this page",
           "请改正这个值，或者把它指向的文件放在这个页面旁边";
    SpacedAddressHelp { address: String }
        => "put the address in angle brackets: (<{address}>), or rename the file without spaces",
           "请把地址放在尖括号里：(<{address}>)，或者给文件改一个不带空格的名字";
    TemplateLinkHelp
        => "fix the template, or the front-matter value it uses",
           "请修正模板，或者模板用到的前置信息字段的值";
    // what was being rendered, after a template error
    WhileRendering { page: Box<Msg> } => " (while rendering {page})", "（正在生成：{page}）";
    WhileRenderingAndOne { page: Box<Msg> }
        => " (while rendering {page} and 1 other page)", "（正在生成：{page} 以及另外 1 个页面）";
    WhileRenderingAndMore { page: Box<Msg>, others: usize }
        => " (while rendering {page} and {others} other pages)",
           "（正在生成：{page} 以及另外 {others} 个页面）";
    PageFile { path: String } => "{path}", "{path}";
    CalendarPage { path: String } => "calendar page {path}", "日历页 {path}";
    TaxonomyPage { file: String, taxonomy: String }
        => "{file} (taxonomy {taxonomy})", "{file}（分类方式 {taxonomy}）";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_shown_in_the_language_of_the_message() {
        let m = Msg::TemplateError {
            detail: Box::new(Msg::Untyped("Variable `x` not found".into())),
        };
        assert_eq!(m.english(), "template error: Variable `x` not found");
        assert_eq!(
            m.chinese(&|t| format!("<{t}>")),
            "模板出错：<Variable `x` not found>"
        );
        assert_eq!(m.code(), Some("E504"));
        assert_eq!(Msg::SaveAsUtf8Help.code(), None);
    }

    #[test]
    fn doubled_braces_are_braces() {
        assert_eq!(
            Msg::ExtendsHelp.english(),
            "fix the name in {% extends \"…\" %}"
        );
    }
}
