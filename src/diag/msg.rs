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
    /// The value in a Chinese message.
    fn zh(&self) -> Cow<'_, str>;
}

impl Arg for String {
    fn en(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
    fn zh(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl Arg for usize {
    fn en(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
    fn zh(&self) -> Cow<'_, str> {
        self.en()
    }
}

impl Arg for i64 {
    fn en(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
    fn zh(&self) -> Cow<'_, str> {
        self.en()
    }
}

impl Arg for Msg {
    fn en(&self) -> Cow<'_, str> {
        Cow::Owned(self.english())
    }
    fn zh(&self) -> Cow<'_, str> {
        Cow::Owned(self.chinese())
    }
}

impl Arg for Box<Msg> {
    fn en(&self) -> Cow<'_, str> {
        (**self).en()
    }
    fn zh(&self) -> Cow<'_, str> {
        (**self).zh()
    }
}

/// A value of an argument's type that names the argument, for tests.
#[cfg(test)]
pub(crate) trait Sample {
    /// The value for the argument `name`.
    fn sample(name: &str) -> Self;
    /// How that value shows in a message.
    fn shown(name: &str) -> String;
}

#[cfg(test)]
impl Sample for String {
    fn sample(name: &str) -> String {
        format!("<{name}>")
    }
    fn shown(name: &str) -> String {
        format!("<{name}>")
    }
}

#[cfg(test)]
impl Sample for usize {
    fn sample(name: &str) -> usize {
        1000 + name.len()
    }
    fn shown(name: &str) -> String {
        usize::sample(name).to_string()
    }
}

#[cfg(test)]
impl Sample for i64 {
    fn sample(name: &str) -> i64 {
        -1000 - name.len() as i64
    }
    fn shown(name: &str) -> String {
        i64::sample(name).to_string()
    }
}

#[cfg(test)]
impl Sample for Box<Msg> {
    fn sample(name: &str) -> Box<Msg> {
        let text = format!("<{name}>");
        Box::new(Msg::Foreign { text })
    }
    fn shown(name: &str) -> String {
        format!("<{name}>")
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
        }

        impl Msg {
            /// The stable code of a diagnostic (`E501`); `None` for help lines and
            /// phrases.
            pub fn code(&self) -> Option<&'static str> {
                match self {
                    $( Msg::$name { .. } => catalogue!(@code $($code)?), )*
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
                }
            }

            /// The message in Chinese.
            pub fn chinese(&self) -> String {
                match self {
                    $(
                        Msg::$name $({ $($field),* })? => {
                            $($( let $field = Arg::zh($field); )*)?
                            format!($zh)
                        }
                    )*
                }
            }

            /// Every variant, each argument set to a value that names it (see
            /// [`Sample`]), with the texts those values show as: for tests that
            /// render each message in both languages.
            #[cfg(test)]
            pub(crate) fn every_variant() -> Vec<(Msg, Vec<String>)> {
                vec![$(
                    (
                        Msg::$name $({ $(
                            $field: <$ty as Sample>::sample(stringify!($field))
                        ),* })?,
                        vec![$($( <$ty as Sample>::shown(stringify!($field)) ),*)?],
                    ),
                )*]
            }
        }
    };
    (@code $code:literal) => { Some($code) };
    (@code) => { None };
}

impl Msg {
    /// Another program's error (a decoder's, the file system's), shown as it words it
    /// in both languages.
    pub fn foreign(error: impl std::fmt::Display) -> Msg {
        Msg::Foreign {
            text: error.to_string(),
        }
    }

    /// `1 page`, `2 pages`.
    pub fn pages(n: usize) -> Msg {
        if n == 1 {
            Msg::OnePage
        } else {
            Msg::Pages { n }
        }
    }

    /// `1 section`, `2 sections`.
    pub fn sections(n: usize) -> Msg {
        if n == 1 {
            Msg::OneSection
        } else {
            Msg::Sections { n }
        }
    }

    /// `1 file`, `2 files`.
    pub fn files(n: usize) -> Msg {
        if n == 1 {
            Msg::OneFile
        } else {
            Msg::Files { n }
        }
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

    // files and folders of the run
    ["E015"] CannotCreate { path: String, error: String }
        => "cannot create {path}: {error}",
           "无法创建 {path}：{error}";
    CannotReadPath { path: String, error: String }
        => "cannot read {path}: {error}",
           "无法读取 {path}：{error}";

    // the output folder and the site's files (output, source)
    ["E014"] RefusingOutput { output: String, why: Box<Msg> }
        => "refusing to write the site into {output}: {why}",
           "不能把网站写到 {output}：{why}";
    ["E017"] CannotMoveAside { path: String, error: String }
        => "cannot move aside {path}: {error}",
           "无法移走旧的 {path}：{error}";
    ["E018"] CannotMoveIntoPlace { path: String, error: String }
        => "cannot move into place {path}: {error}",
           "无法把新生成的网站放到 {path}：{error}";
    ["E020"] NoContentFolder
        => "the site has no content/ folder",
           "网站没有 content/ 文件夹";
    ["E021"] ThemeNotFound { theme: String }
        => "the theme \"{theme}\" was not found in themes/",
           "在 themes/ 里找不到主题 \"{theme}\"";
    ["E022"] FileNameNotUtf8
        => "this file name is not valid UTF-8",
           "这个文件名不是有效的 UTF-8";
    ["E023"] FolderLoop
        => "this folder is a symbolic link to one of its own parent folders (a loop)",
           "这个文件夹是指向它自己上级文件夹的符号链接（形成了循环）";
    ["E024"] CannotReadThis { error: String }
        => "cannot read this: {error}",
           "无法读取：{error}";
    ["E040"] FileLinkOutside
        => "symbolic link to a file outside the site",
           "这是指向网站文件夹以外的文件的符号链接";
    ["E041"] FolderLinkOutside
        => "symbolic link to a folder outside the site",
           "这是指向网站文件夹以外的文件夹的符号链接";
    ["E042"] OutputIsLink { output: String, target: String }
        => "the output {output} is a symbolic link (to {target}); kepu will not replace it",
           "输出位置 {output} 是一个符号链接（指向 {target}）；kepu 不会替换它";
    ["E043"] OutputIsFile { output: String }
        => "the output {output} is a file, not a folder; kepu will not replace it",
           "输出位置 {output} 是一个文件，不是文件夹；kepu 不会替换它";
    ["E044"] OutputLocked { output: String }
        => "another kepu build is writing {output}",
           "另一个 kepu build 正在写入 {output}";
    ["E045"] CannotLock { path: String, error: String }
        => "cannot lock {path}: {error}",
           "无法锁定 {path}：{error}";
    OtherOutputHelp
        => "choose another --output folder, such as public/",
           "请用 --output 换一个输出文件夹，例如 public/";
    DiskHelp
        => "check that the output folder can be written, and that the disk is not full",
           "请检查输出文件夹能否写入，以及磁盘是否已满";
    HomePageHelp
        => "create content/_index.md for the home page",
           "请新建 content/_index.md 作为首页";
    ThemeFolderHelp
        => "put the theme in themes/<name>/, or use theme = \"default\" for the built-in one",
           "请把主题放在 themes/<主题名>/ 里，或者写 theme = \"default\" 使用内置主题";
    RenameFileHelp
        => "rename the file using ordinary characters",
           "请用普通字符给文件重新命名";
    LinkPermissionsHelp
        => "remove the link or fix the folder's permissions",
           "请删除这个链接，或者修正文件夹的权限";
    CopyFileHelp
        => "copy the file into the site instead",
           "请把这个文件复制到网站文件夹里，不要用链接";
    CopyFolderHelp
        => "copy the folder into the site instead",
           "请把这个文件夹复制到网站文件夹里，不要用链接";
    FollowLinkHelp { target: String }
        => "to write into the folder it points to, use --output {target} or add --force-output",
           "要写到它指向的文件夹里，请用 --output {target}，或者加上 --force-output";
    DanglingLinkHelp
        => "it points to nothing: remove the link, or choose another --output folder",
           "它没有指向任何东西：请删掉这个链接，或者用 --output 换一个文件夹";
    ReplaceFileHelp
        => "choose another --output folder, or add --force-output to replace the file",
           "请用 --output 换一个文件夹；要替换这个文件，请加上 --force-output";
    WaitHelp
        => "wait for it to finish, then build again",
           "请等它完成后再生成一次";
    IsSiteFolder
        => "it is the site folder or contains it, and would be replaced",
           "它就是网站文件夹，或者包含网站文件夹，写入会把网站替换掉";
    OverlapsSource { dir: String }
        => "it overlaps {dir}, which the build reads from",
           "它和生成网站时要读取的 {dir} 重叠";
    ["E016"] CannotWrite { path: String, error: String }
        => "cannot write {path}: {error}",
           "无法写入 {path}：{error}";

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
    ["E129"] UnknownCoverFocus { focus: String }
        => "unknown cover_focus \"{focus}\"",
           "未知的 cover_focus \"{focus}\"";
    ["E516"] WechatCssDropped { what: String }
        => "the 公众号 editor drops `{what}`: pasted articles will not show it",
           "公众号编辑器会去掉 `{what}`：粘贴后的文章里不会有它";
    ["E517"] WechatSvgImage { image: String }
        => "the SVG image {image} will be missing from the WeChat edition: the 公众号 editor drops SVG",
           "SVG 图片 {image} 不会出现在公众号版里：公众号编辑器会去掉 SVG";
    ["E058"] WechatNoSuchFile
        => "no such file; name a page's Markdown file, e.g. content/news/kepuzhou/index.md",
           "没有这个文件；请写一个页面的 Markdown 文件，例如 content/news/kepuzhou/index.md";
    ["E059"] WechatNotAPage { root: String }
        => "not a page of the site in {root} (a draft, a file outside content/, or not Markdown)",
           "不是 {root} 网站的页面（草稿、content/ 以外的文件，或不是 Markdown）";
    ["E060"] WechatNoEdition
        => "this page has no WeChat edition; news items, events and trainings have one while [wechat] enable is on, and any page with `wechat = true` in its front matter",
           "这个页面没有公众号版；新闻、活动和培训在 [wechat] enable 打开时才有，其他页面需在前言写 `wechat = true`";
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
    WechatCssHelp
        => "use the properties docs/wechat.md lists as kept (margin, padding, border, colours, font sizes in px or em, text-align…); the editor removes position, float, transform, background images and web fonts",
           "请只用 docs/wechat.md 列出的会保留的属性（margin、padding、border、颜色、以 px 或 em 为单位的字号、text-align 等）；编辑器会去掉 position、float、transform、背景图和网络字体";
    WechatSvgHelp
        => "save the picture as PNG or JPEG (export it from the drawing program) and show that file; the website shows either",
           "请把图片另存为 PNG 或 JPEG（在绘图软件里导出），改用那个文件；网站两种都能显示";
    WechatLabelTitle => "Title", "标题";
    WechatLabelDigest => "Digest", "摘要";
    WechatLabelAuthor => "Author", "作者";
    WechatLabelOriginal => "Read the original (阅读原文)", "阅读原文";
    WechatLabelEdition => "WeChat edition", "公众号版";
    WechatLabelWide => "Cover 2.35:1 (900×383)", "封面 2.35:1（900×383）";
    WechatLabelSquare => "Cover 1:1 (500×500)", "封面 1:1（500×500）";
    WechatNoCover
        => "(none: the page has no cover and the site no og_image)",
           "（无：页面没有封面，网站也没有 og_image）";
    CoverFocusHelp
        => "write cover_focus = \"top\", \"center\" or \"bottom\": the part of the cover the WeChat covers and the share image keep",
           "请写 cover_focus = \"top\"、\"center\" 或 \"bottom\"：公众号封面和分享图保留封面的哪一部分";
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

    // resources (content/resource)
    ["E160"] ResourceNotText { field: String, found: Box<Msg> }
        => "`[resource] {field}` must be text in quotes, not {found}",
           "`[resource] {field}` 必须是带引号的文字，不能是{found}";
    ResourceTextHelp { field: String, example: String }
        => "write it in double quotes, e.g. {field} = \"{example}\"",
           "请用英文双引号写，例如 {field} = \"{example}\"";
    ["E161"] ResourceWorkedOut { field: String }
        => "`[resource] {field}` is worked out by kepu from `file`, not written",
           "`[resource] {field}` 由 kepu 根据 `file` 算出，不用写";
    ResourceWorkedOutHelp { field: String }
        => "remove the line {field} = …: templates get page.resource.{field} from the file",
           "请删掉 {field} = … 这一行：模板会从文件得到 page.resource.{field}";

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
    // TOML syntax, in kepu's words (toml_syntax)
    ["E130"] TomlNotQuoted
        => "text must be in double quotes",
           "文字要放在英文双引号里";
    ["E131"] TomlUnclosedText
        => "this text in quotes is never closed",
           "这段带引号的文字没有结束的引号";
    ["E132"] TomlBadEscape
        => "a backslash \\ in double quotes starts an escape such as \\n, and this one is incomplete",
           "双引号里的反斜杠 \\ 表示转义（例如 \\n），这里的转义不完整";
    ["E133"] TomlNotFieldName
        => "this is not a field name",
           "这不是字段名";
    ["E134"] TomlNoValue
        => "this field has no value",
           "这个字段没有值";
    ["E135"] TomlNoEquals
        => "an = is missing between the field name and its value",
           "字段名和值之间缺少 =";
    ["E136"] TomlExtraEquals
        => "there is one = too many here",
           "这里多了一个 =";
    ["E137"] TomlBadList
        => "this list is not written right",
           "这个列表的写法不对";
    ["E138"] TomlBadInlineTable
        => "this table in braces is not written right",
           "这个花括号里的表写法不对";
    ["E139"] TomlBadHeader
        => "this table header is not written right",
           "这个表头的写法不对";
    ["E140"] TomlBadNumber
        => "this number is not written right",
           "这个数字的写法不对";
    ["E141"] TomlBadBool
        => "write true or false in lower case",
           "请写小写的 true 或 false";
    ["E142"] TomlBadDate
        => "this date or time is not written as TOML writes them",
           "这个日期或时间的写法不符合 TOML 的格式";
    ["E143"] TomlBadCharacter
        => "there is a character here that TOML does not allow",
           "这里有 TOML 不允许的字符";
    ["E144"] TomlTooDeep
        => "lists or tables are nested too deeply here",
           "这里的列表或表嵌套得太深了";
    ["E145"] TomlAlreadyGiven
        => "this field was already given a value above",
           "这个字段在上面已经有值了";
    ["E146"] TomlUnreadableLine
        => "kepu cannot read this line",
           "kepu 读不懂这一行";
    ["E147"] ChineseQuotes
        => "the text is in Chinese quotes “…”; TOML needs English quotes \"…\"",
           "文字用了中文引号 “…”；TOML 要用英文引号 \"…\"";
    ["E148"] FullWidthSpace
        => "there is a full-width space here; TOML takes only ordinary spaces",
           "这里有一个全角空格；TOML 只认普通的半角空格";
    ["E149"] ChinesePunctuation { mark: String, ascii: String }
        => "{mark} is Chinese punctuation; TOML needs {ascii} here",
           "{mark} 是中文标点；这里 TOML 要用英文的 {ascii}";
    ["E150"] TabInToml
        => "there is a tab here, where TOML does not allow one",
           "这里有一个制表符（Tab），TOML 在这里不允许";
    ["E151"] HourOneDigit { field: String, value: String }
        => "`{field}`: the hour in {value} needs two digits",
           "`{field}`：{value} 里的小时要写成两位数";
    ["E152"] LooseDate { field: String, value: String }
        => "`{field}`: {value} is not a date as TOML writes it",
           "`{field}`：{value} 不是 TOML 的日期写法";
    UnclosedTextHelp
        => "end the text with the same quote it starts with, on the same line: title = \"全国科普日\"",
           "请在同一行里用开头那种引号结束这段文字：title = \"全国科普日\"";
    EscapeHelp
        => "write \\\\ for a backslash, or put the text in single quotes: path = 'C:\\资料'",
           "反斜杠请写成 \\\\，或者把文字放在单引号里：path = 'C:\\资料'";
    FieldNameHelp
        => "a line is name = value; names use English letters, digits, - and _, e.g. title",
           "每一行写成 名字 = 值；名字只用英文字母、数字、- 和 _，例如 title";
    ValueAfterEqualsHelp
        => "write the value after =, e.g. title = \"全国科普日\"",
           "请在 = 后面写上值，例如 title = \"全国科普日\"";
    NameEqualsValueHelp
        => "write name = value, e.g. title = \"全国科普日\"",
           "请写成 名字 = 值，例如 title = \"全国科普日\"";
    OneEqualsHelp
        => "keep one = between the name and the value",
           "名字和值之间只保留一个 =";
    ListSyntaxHelp
        => "write a list in square brackets with a comma between items: tags = [\"科普\", \"志愿者\"]",
           "列表写在方括号里，各项之间用英文逗号隔开：tags = [\"科普\", \"志愿者\"]";
    InlineTableHelp
        => "write it on one line with a comma between fields: {{ name = \"…\", other = \"…\" }}",
           "请写在一行里，字段之间用英文逗号隔开：{{ name = \"…\", other = \"…\" }}";
    TableHeaderHelp
        => "write a table header on a line by itself, e.g. [event]",
           "表头要单独写一行，例如 [event]";
    DigitsHelp
        => "write digits only, e.g. weight = 3 or hours = 3.5; put text in double quotes",
           "请只写数字，例如 weight = 3 或 hours = 3.5；文字要放在英文双引号里";
    RetypeHelp
        => "delete it and type it again; a line of front matter is name = value",
           "请删掉它重新输入；前置信息的每一行写成 名字 = 值";
    FewerBracketsHelp
        => "write the value with fewer nested brackets",
           "请减少括号的嵌套层数";
    CheckLineHelp
        => "check the line: text needs \"quotes\", lists look like [\"a\", \"b\"], dates like 2018-09-15",
           "请检查这一行：文字要加英文引号 \"…\"，列表写成 [\"a\", \"b\"]，日期写成 2018-09-15";
    EnglishPunctuationHelp { line: String }
        => "switch the input method to English punctuation and write: {line}",
           "请把输入法切换到英文标点，写成：{line}";
    TabHelp { line: String }
        => "replace the tab with a space: {line}",
           "请把制表符换成空格：{line}";
    WriteItAsHelp { field: String, value: String }
        => "write it as {field} = {value}",
           "请写成 {field} = {value}";

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
    ["W431"] PartnerCalendarLine { why: Box<Msg> }
        => "partner calendar: {why}",
           "合作方日历：{why}";
    ["W432"] PartnerCalendarUnread { why: Box<Msg> }
        => "this partner calendar is left out: {why}",
           "这个合作方日历没有收入：{why}";
    ["W433"] PartnerEventLeftOut { why: Box<Msg> }
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
    IcalBadRule { why: Box<Msg> }
        => "its RRULE cannot be read: {why}",
           "它的 RRULE 无法读取：{why}";
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
    // kepu deploy
    ["E701"] NoDeployTable
        => "site.toml has no [deploy] table with an endpoint and a bucket",
           "site.toml 里没有写明 endpoint 和 bucket 的 [deploy] 表";
    ["E702"] NoAccessKey
        => "there is no access key for the object store",
           "没有对象存储的访问密钥（AccessKey）";
    ["E703"] NothingToDeploy { dir: String }
        => "there is no {dir} to deploy",
           "没有可以发布的 {dir}";
    ["E704"] StoreUnreachable { endpoint: String, error: String }
        => "cannot reach the object store at {endpoint}: {error}",
           "无法连接对象存储 {endpoint}：{error}";
    ["E705"] KeyRefused { code: String }
        => "the object store does not accept the access key ({code})",
           "对象存储不接受这个访问密钥（{code}）";
    ["E706"] KeyDenied { bucket: String, code: String }
        => "the access key may not use the bucket \"{bucket}\" ({code})",
           "这个访问密钥没有使用存储桶 \"{bucket}\" 的权限（{code}）";
    ["E707"] NoBucket { bucket: String, endpoint: String }
        => "the bucket \"{bucket}\" does not exist at {endpoint}",
           "{endpoint} 上没有存储桶 \"{bucket}\"";
    ["E708"] StoreAnswered { status: String, code: String, error: String }
        => "the object store answered {status} {code}: {error}",
           "对象存储返回了 {status} {code}：{error}";
    ["E709"] UploadsFailed { failed: usize, planned: usize }
        => "{failed} of {planned} uploads failed; nothing was deleted",
           "{planned} 个文件里有 {failed} 个上传失败；没有删除任何文件";
    ["E710"] TooManyDeletions { count: usize, limit: usize }
        => "--delete would remove {count} objects from the bucket, more than the safety limit of {limit}; nothing was changed",
           "--delete 会从存储桶里删除 {count} 个文件，超过了安全上限 {limit}；没有做任何改动";
    ["E711"] DeletionsFailed
        => "some old objects could not be deleted",
           "有些旧文件没能删除";
    ["E720"] NoGitRemote
        => "site.toml has no [deploy] remote for kepu deploy git",
           "site.toml 的 [deploy] 里没有写 kepu deploy git 要用的 remote";
    ["E721"] CannotRunGit { error: String }
        => "cannot run git: {error}",
           "无法运行 git：{error}";
    ["E722"] GitFailed { command: String, error: String }
        => "git {command} failed: {error}",
           "git {command} 失败：{error}";
    ["E723"] GitRemoteFailed { remote: String, error: Box<Msg> }
        => "cannot update the Git remote {remote}: {error}",
           "无法更新 Git 远程仓库 {remote}：{error}";
    DeployTableHelp
        => "add one, e.g. [deploy] endpoint = \"https://oss-cn-shenzhen.aliyuncs.com\" and bucket = \"kepu-site\"; docs/deploying.md has the steps",
           "请加上一个，例如 [deploy] 下写 endpoint = \"https://oss-cn-shenzhen.aliyuncs.com\" 和 bucket = \"kepu-site\"；具体步骤见 docs/deploying.md";
    AccessKeyHelp
        => "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment (in CI: as secrets), or write them in ~/.aws/credentials; docs/deploying.md shows how",
           "请在环境变量里设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY（在 CI 里设为机密变量），或者写进 ~/.aws/credentials；做法见 docs/deploying.md";
    BuildFirstHelp
        => "run kepu build first (or pass --output DIR for the folder it wrote)",
           "请先运行 kepu build（或者用 --output DIR 指定生成网站的文件夹）";
    NetworkHelp
        => "check the network connection, and `endpoint` in site.toml [deploy]",
           "请检查网络连接，以及 site.toml [deploy] 里的 `endpoint`";
    KeyRefusedHelp
        => "check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the credentials file): the key may be mistyped, disabled, or from another provider or region",
           "请检查 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY（或者 credentials 文件）：密钥可能写错了、被停用了，或者属于别的服务商或地域";
    KeyDeniedHelp
        => "allow the key to list, upload and delete objects in this bucket, in your provider's access management (RAM/CAM/IAM)",
           "请在服务商的访问控制（RAM/CAM/IAM）里允许这个密钥列出、上传和删除这个存储桶里的文件";
    NoBucketHelp
        => "create it in your provider's console, or correct `bucket`, `endpoint` and `region` in site.toml [deploy]",
           "请在服务商的控制台里创建它，或者改正 site.toml [deploy] 里的 `bucket`、`endpoint` 和 `region`";
    StoreAnsweredHelp
        => "try again later; if it persists, check site.toml [deploy] and the provider's status page",
           "请稍后再试；如果一直这样，请检查 site.toml [deploy] 和服务商的状态页面";
    DeployAgainHelp
        => "run kepu deploy again once the problem is fixed: it uploads only what is still missing",
           "问题解决后请再运行一次 kepu deploy：它只会上传还缺的文件";
    TooManyDeletionsHelp
        => "check `bucket` and `prefix` in site.toml [deploy] and try --dry-run to see the list; to delete them anyway, add --force (or raise max_delete)",
           "请检查 site.toml [deploy] 里的 `bucket` 和 `prefix`，并用 --dry-run 查看清单；如果确实要删，请加上 --force（或者调高 max_delete）";
    DeleteAgainHelp
        => "every page of the site is up to date; run kepu deploy --delete again to remove the rest",
           "网站的所有页面都已经是最新的；请再运行一次 kepu deploy --delete 删除剩下的旧文件";
    InstallGitHelp
        => "install Git and check that `git --version` works in this terminal",
           "请安装 Git，并确认在这个终端里能运行 `git --version`";
    GitRemoteHelp
        => "check `remote` in site.toml [deploy], that `git push` to it works in this terminal (keys, password), and the network",
           "请检查 site.toml [deploy] 里的 `remote`、在这个终端里能否 `git push` 到那里（密钥、密码），以及网络连接";
    GitRemoteTableHelp
        => "add one, e.g. [deploy] remote = \"git@github.com:my-assoc/my-assoc.github.io.git\" (and branch = \"gh-pages\")",
           "请加上一个，例如 [deploy] 下写 remote = \"git@github.com:my-assoc/my-assoc.github.io.git\"（以及 branch = \"gh-pages\"）";
    // the lines kepu deploy prints
    WouldUpload { key: String, size: String }
        => "upload {key} ({size})",
           "上传 {key}（{size}）";
    WouldDelete { key: String }
        => "delete {key}",
           "删除 {key}";
    Deployed { place: String, uploaded: usize, bytes: String, unchanged: usize, deleted: usize }
        => "Deployed to {place}: {uploaded} uploaded ({bytes}), {unchanged} unchanged, {deleted} deleted",
           "已发布到 {place}：上传 {uploaded} 个（{bytes}），{unchanged} 个没有变化，删除 {deleted} 个";
    DeployDryRun { uploaded: usize, bytes: String, unchanged: usize, deleted: usize, place: String }
        => "Dry run, nothing was changed: {uploaded} to upload ({bytes}), {unchanged} unchanged, {deleted} to delete in {place}",
           "试运行，没有做任何改动：{place} 里要上传 {uploaded} 个（{bytes}），{unchanged} 个没有变化，要删除 {deleted} 个";
    ObjectsKept { count: usize }
        => "{count} objects in the bucket are no longer part of the site; kepu deploy --delete removes them",
           "存储桶里有 {count} 个文件已经不属于网站了；kepu deploy --delete 可以删除它们";
    GitUnchanged { branch: String, remote: String }
        => "Nothing changed: branch {branch} of {remote} already holds this site; nothing was pushed",
           "没有变化：{remote} 的 {branch} 分支已经是这个网站了；没有推送";
    GitDryRun { commit: String, files: usize, branch: String, remote: String }
        => "Dry run, nothing was pushed: commit {commit} with {files} files would go to branch {branch} of {remote}",
           "试运行，没有推送：含 {files} 个文件的提交 {commit} 会推送到 {remote} 的 {branch} 分支";
    GitPushed { commit: String, files: usize, branch: String, remote: String }
        => "Pushed commit {commit} with {files} files to branch {branch} of {remote}",
           "已把含 {files} 个文件的提交 {commit} 推送到 {remote} 的 {branch} 分支";

    // kepu check: the site's own pages and images
    ["W811"] NoAltText { image: String }
        => "the image {image} has no alt text",
           "图片 {image} 没有替代文字（alt）";
    ["W812"] LargeImage { megabytes: String }
        => "this image is {megabytes} MB: slow to load on a phone",
           "这张图片有 {megabytes} MB，在手机上加载会很慢";
    ["W813"] NoDescription
        => "this page has no description",
           "这个页面没有简介（description）";
    ["W814"] SameTitle { other: String, title: String }
        => "{other} has the same title, \"{title}\"",
           "{other} 的标题也是 \"{title}\"";
    ["W815"] WillAppear { reason: Box<Msg>, date: String }
        => "this page is {reason} and will not appear until {date}",
           "这个页面{reason}，要到 {date} 才会出现";
    ["W816"] RegistrationAfterEnd
        => "this event has ended, but its page still shows the registration link",
           "这个活动已经结束，但页面上还显示着报名链接";
    AltTextHelp
        => "describe the picture for people who cannot see it: ![学生在科技馆做实验](photo.jpg)",
           "请为看不到图片的人描述一下它：![学生在科技馆做实验](photo.jpg)";
    SmallerImageHelp
        => "save it smaller (about 1600 pixels wide, JPEG quality 80 is plenty) before adding it",
           "请先把图片存小一点再放进来（宽约 1600 像素，JPEG 质量 80 就足够了）";
    DescriptionHelp
        => "add description = \"…\" (one sentence): lists, search results and shared links show it",
           "请加上 description = \"…\"（一句话）：列表、搜索结果和分享链接都会显示它";
    OwnTitleHelp
        => "give each page its own title, so visitors can tell them apart in lists and search",
           "请给每个页面起不同的标题，让访客在列表和搜索结果里能分清";
    ScheduledHelp
        => "that is fine for a scheduled post; otherwise correct its date",
           "如果是定时发布的文章就没问题；否则请改正它的日期";
    RegistrationHelp
        => "remove the `registration` line, or use a template that hides it after the event (the default theme does)",
           "请删掉 `registration` 这一行，或者使用活动结束后会隐藏报名链接的模板（默认主题就会）";
    // kepu check --external: outside links
    ["E807"] OutsideLink404 { url: String }
        => "the outside link {url} answers 404: there is no such page (any more)",
           "站外链接 {url} 返回 404：没有这个页面（或者已经没有了）";
    ["E808"] OutsideLink410 { url: String }
        => "the outside link {url} answers 410: the page was removed",
           "站外链接 {url} 返回 410：这个页面已经被删除";
    ["E809"] OutsideNoSuchHost { url: String }
        => "the outside link {url} names a site that does not exist (its name is not found)",
           "站外链接 {url} 指向的网站不存在（找不到这个域名）";
    ["E810"] OutsideRedirects { url: String, max: usize }
        => "the outside link {url} redirects more than {max} times",
           "站外链接 {url} 跳转了超过 {max} 次";
    ["W817"] OutsideServerFault { url: String, status: usize }
        => "the outside link {url} answers {status}: a fault of that site's server",
           "站外链接 {url} 返回 {status}：那个网站的服务器出了问题";
    ["W818"] OutsideStatus { url: String, status: usize }
        => "the outside link {url} answers {status}",
           "站外链接 {url} 返回 {status}";
    ["W819"] OutsideTimeout { url: String, seconds: String }
        => "the outside link {url} gave no answer within {seconds} s",
           "站外链接 {url} 在 {seconds} 秒内没有回应";
    ["W820"] OutsideUnreachable { url: String, error: String }
        => "the outside link {url} cannot be reached: {error}",
           "无法访问站外链接 {url}：{error}";
    ["W821"] LinkCacheUnwritable { error: String }
        => "cannot write the link cache ({error}); every check will ask every address again",
           "无法写入链接缓存（{error}）；每次检查都要重新访问所有地址";
    ReplacedPageHelp
        => "correct the address, or link to the page that replaced it",
           "请改正地址，或者改成链接到取代它的那个页面";
    SiteDownHelp
        => "the site may be down just now; check again later",
           "那个网站可能暂时出了故障；请稍后再检查";
    OpenInBrowserHelp
        => "open it in a browser: some sites refuse programs but show the page to people",
           "请用浏览器打开看看：有些网站拒绝程序访问，但人打开是正常的";
    TypingMistakeHelp
        => "check the address for typing mistakes; the site may have closed",
           "请检查地址有没有打错；这个网站也可能已经关闭了";
    RedirectHelp
        => "open it in a browser and link to the page it ends on",
           "请用浏览器打开它，改成链接到最后到达的那个页面";
    TimeoutHelp
        => "the site may be slow or down just now; check again later, or allow more time with --timeout",
           "那个网站现在可能很慢或者出了故障；请稍后再检查，或者用 --timeout 多给一些时间";
    OnlineHelp
        => "check the address, and that this computer is online",
           "请检查地址，并确认这台电脑已经连上网络";
    // the lines kepu check prints
    OutsideAsked { asked: usize, remembered: usize }
        => "Outside addresses: {asked} asked, {remembered} not asked again (they answered fine within the last day)",
           "站外地址：访问了 {asked} 个，另有 {remembered} 个一天内检查过没有问题，这次没有再访问";
    Checked { pages: Box<Msg>, files: Box<Msg>, summary: String }
        => "Checked {pages} and {files}: {summary}",
           "已检查 {pages}和 {files}：{summary}";
    CheckedStrict { pages: Box<Msg>, files: Box<Msg>, summary: String }
        => "Checked {pages} and {files}: {summary} (--strict: warnings fail)",
           "已检查 {pages}和 {files}：{summary}（--strict：有警告也算失败）";
    CacheFolderHelp
        => "make the folder writable, or set another one with `[images] cache_dir` in site.toml or --cache-dir",
           "请让这个文件夹可以写入，或者在 site.toml 的 `[images] cache_dir` 或用 --cache-dir 另选一个文件夹";
    // counts of the command line
    OnePage => "1 page", "1 个页面";
    Pages { n: usize } => "{n} pages", "{n} 个页面";
    OneSection => "1 section", "1 个栏目";
    Sections { n: usize } => "{n} sections", "{n} 个栏目";
    OneFile => "1 file", "1 个文件";
    Files { n: usize } => "{n} files", "{n} 个文件";

    // why a page is not published
    ADraft => "a draft", "是草稿";
    ScheduledForLater => "scheduled for later (publish_date)", "定在以后发布（publish_date）";
    Expired => "expired (expiry_date)", "已经过期（expiry_date）";
    DatedInTheFuture => "dated in the future", "的日期在将来";

    // the site as a whole: calendar, addresses, taxonomies, links, venues and organizers
    ["E401"] NoEventTable { kind: Box<Msg> }
        => "this {kind} has no [event] table, so it cannot appear in the calendar",
           "这个{kind}没有 [event] 表，所以不能出现在日历里";
    ["W402"] EventOutsideCalendar { kind: Box<Msg> }
        => "this page has an [event] table, but its section holds {kind} pages, so it is not in the calendar",
           "这个页面有 [event] 表，但它所在的栏目放的是{kind}，所以它不在日历里";
    ["E403"] NoAddress
        => "kepu cannot make a web address for this page from its name or title",
           "kepu 无法根据这个页面的文件名或标题生成网址";
    ["E404"] SameAddress { path: String, other: String }
        => "this page has the same address {path} as {other}",
           "这个页面的网址 {path} 和 {other} 的一样";
    ["E405"] AliasTaken { alias: String, owner: String }
        => "the alias {alias} is the address of {owner}",
           "别名 {alias} 是 {owner} 的网址";
    ["E406"] AssetOutsideOutput
        => "this file would be written outside the output folder",
           "这个文件会被写到输出文件夹外面";
    ["E407"] UnknownTaxonomy { name: String }
        => "unknown taxonomy `{name}`",
           "未知的分类方式 `{name}`";
    ["E408"] LinkUnpublished { link: String, reason: Box<Msg> }
        => "the link {link} points to a page that is not published: it is {reason}",
           "链接 {link} 指向的页面没有发布：它{reason}";
    ["E410"] HeadingMissing { link: String, anchor: String, page: String }
        => "the link {link}#{anchor} points to a heading that {page} does not have",
           "链接 {link}#{anchor} 指向的小标题在 {page} 里不存在";
    ["E411"] NoPlacePage { field: Box<Msg>, page: String }
        => "there is no {field} page {page}",
           "没有{field}页面 {page}";
    ["E412"] PlaceUnpublished { field: Box<Msg>, page: String, reason: Box<Msg> }
        => "the {field} page {page} is not published: it is {reason}",
           "{field}页面 {page} 没有发布：它{reason}";
    ["E413"] PlaceIsSection { page: String, wanted: Box<Msg> }
        => "{page} is a section, not {wanted}",
           "{page} 是栏目，不是{wanted}";
    ["E414"] PlaceWrongKind { page: String, kind: String, wanted: Box<Msg> }
        => "{page} is a page of kind \"{kind}\", not {wanted}",
           "{page} 是 kind = \"{kind}\" 的页面，不是{wanted}";
    ["W415"] PlaceTableUnread { table: String, kind: String }
        => "this page has a [{table}] table, but it is not a page of a {kind} section, so nothing reads it",
           "这个页面有 [{table}] 表，但它不在 {kind} 栏目里，所以没有地方用到它";
    ["E416"] LogoMissing { name: String, looked_for: String }
        => "the logo \"{name}\" is not next to this page (looked for content/{looked_for})",
           "标志图片 \"{name}\" 不在本页面旁边（找的是 content/{looked_for}）";
    ["E430"] NoSearchSection { section: String }
        => "`[search] sections`: there is no section content/{section}",
           "`[search] sections`：没有 content/{section} 这个栏目";
    PublishPlaceHelp { field: String }
        => "publish that page, or name another {field}",
           "请发布那个页面，或者换一个{field}";
    DidYouMeanPlaceHelp { best: String, field: String, folder: String }
        => "did you mean @/{best}? Name a file under content/, e.g. {field} = \"@/{folder}/x.md\"",
           "是不是想写 @/{best}？请写 content/ 下的文件，例如 {field} = \"@/{folder}/x.md\"";
    PlaceFileHelp { field: String, folder: String, kind: String }
        => "name a file under content/, e.g. {field} = \"@/{folder}/x.md\"; `kepu new {kind} \"名称\"` creates one",
           "请写 content/ 下的文件，例如 {field} = \"@/{folder}/x.md\"；可以用 `kepu new {kind} \"名称\"` 新建一个";
    PlaceKindHelp { kind: String, field: String, folder: String }
        => "name a page in a section with kind = \"{kind}\", e.g. {field} = \"@/{folder}s/x.md\"",
           "请写 kind = \"{kind}\" 栏目里的页面，例如 {field} = \"@/{folder}s/x.md\"";
    PlaceTableHelp { kind: String, folder: String, table: String }
        => "move the page into a section with kind = \"{kind}\" (content/{folder}s/_index.md), or remove the [{table}] table",
           "请把页面移到 kind = \"{kind}\" 的栏目里（content/{folder}s/_index.md），或者删掉 [{table}] 表";
    LogoHelp
        => "put the picture in the same folder as this page, or correct the file name",
           "请把图片放到本页面所在的文件夹里，或者改正文件名";
    EventTableHelp
        => "add a table to the front matter: a line [event] and below it start = 2018-09-15T09:00:00 (and end, location…)",
           "请在前置信息里加一个表：一行 [event]，下面写 start = 2018-09-15T09:00:00（以及 end、location 等）";
    EventSectionHelp
        => "move the page into a section with kind = \"event\" or \"training\", or remove the [event] table",
           "请把页面移到 kind = \"event\" 或 \"training\" 的栏目里，或者删掉 [event] 表";
    SlugMissingHelp
        => "add a slug to the front matter, e.g. slug = \"science-day\"",
           "请在前置信息里加一个 slug，例如 slug = \"science-day\"";
    SameAddressHelp
        => "rename one of the two files, or give one of them another `slug`",
           "请给其中一个文件改名，或者给其中一个换一个 `slug`";
    AliasTakenHelp
        => "an alias must be an old address that no page uses any more; remove it from `aliases`",
           "别名必须是已经没有页面在用的旧地址；请把它从 `aliases` 里删掉";
    DidYouMeanTaxonomyHelp { best: String, name: String }
        => "did you mean `{best}`? Declare it in site.toml under [taxonomies], e.g. {name} = {{}}",
           "你是不是想写 `{best}`？如果不是，请在 site.toml 的 [taxonomies] 里声明它，例如 {name} = {{}}";
    DeclareTaxonomyHelp { name: String }
        => "Declare it in site.toml under [taxonomies], e.g. {name} = {{}}",
           "请在 site.toml 的 [taxonomies] 里声明它，例如 {name} = {{}}";
    PublishLinkedHelp
        => "remove the link, or publish the page it points to",
           "请删掉这个链接，或者发布它指向的页面";
    DidYouMeanLinkHelp { best: String }
        => "did you mean @/{best}? Links name a file under content/, e.g. @/news/2018-01-05-member-review.md",
           "你是不是想写 @/{best}？链接要写 content/ 下的文件，例如 @/news/2018-01-05-member-review.md";
    HeadingHelp
        => "link to one of its headings",
           "请链接到它的某个小标题";
    HeadingsHelp { headings: String }
        => "its headings are: {headings}",
           "它的小标题有：{headings}";
    SearchSectionHelp
        => "name a folder of content/ that has an _index.md, e.g. \"news\"",
           "请写 content/ 下一个有 _index.md 的文件夹，例如 \"news\"";
    // events and trainings
    ["E115"] FieldUnreadable { field: String, detail: Box<Msg> }
        => "`{field}`: {detail}", "`{field}`：{detail}";
    ["E301"] HoursNotPositive
        => "`hours` must be more than 0", "`hours` 必须大于 0";
    ["E302"] StartUnreadable { detail: Box<Msg> }
        => "`start`: {detail}", "`start`：{detail}";
    ["E303"] EndUnreadable { detail: Box<Msg> }
        => "`end`: {detail}", "`end`：{detail}";
    ["E304"] EventEndsBeforeStart { end: String, start: String }
        => "the event ends ({end}) before it starts ({start})",
           "活动的结束时间（{end}）早于开始时间（{start}）";
    ["E305"] StartEndMixed
        => "`start` and `end` must both be dates (all day) or both be dates with times",
           "`start` 和 `end` 必须都是日期（全天活动），或者都是日期加时间";
    ["E306"] UnknownStatus { status: String }
        => "unknown status \"{status}\"", "未知的状态 \"{status}\"";
    ["E307"] NotWebAddress { field: String, url: String, why: Box<Msg> }
        => "`{field}` \"{url}\" is not a web address: {why}",
           "`{field}` \"{url}\" 不是网址：{why}";
    ["E308"] GeoOutOfRange
        => "`geo` must be [latitude, longitude], latitude between -90 and 90, longitude between -180 and 180",
           "`geo` 必须写成 [纬度, 经度]，纬度在 -90 到 90 之间，经度在 -180 到 180 之间";
    ["E309"] RecurrenceUnreadable { detail: Box<Msg> }
        => "`recurrence`: {detail}", "`recurrence`：{detail}";
    ["W310"] StartNotInRule { start: String, rule: String }
        => "the start ({start}) is not a day the rule \"{rule}\" gives; it still counts as the first occurrence",
           "开始日期（{start}）不是规则 \"{rule}\" 给出的日子；它仍然算作第一次活动";
    ["E311"] ExdateUnreadable { detail: Box<Msg> }
        => "`exdates`: {detail}", "`exdates`：{detail}";
    ["W312"] ExdateMatchesNothing { exdate: String, what: Box<Msg> }
        => "the exdate {exdate} matches {what}; it changes nothing",
           "排除日期 {exdate} {what}，写了也不起作用";
    ["W313"] RevisionsNotKept { error: String }
        => "cannot keep the events' revisions ({error}); the next build cannot tell which events changed",
           "无法保存活动的修订记录（{error}）；下次生成时无法判断哪些活动有改动";
    ["E314"] RdateNoTime { rdate: String }
        => "the rdate {rdate} has no time, but the event starts at a time",
           "额外日期 {rdate} 没有写时间，但这个活动是在某个时间开始的";
    ["E315"] RdateHasTime { rdate: String }
        => "the rdate {rdate} has a time, but the event lasts whole days",
           "额外日期 {rdate} 写了时间，但这个活动是全天活动";
    ["E316"] RdateBeforeStart { rdate: String, start: String }
        => "the rdate {rdate} is before the start ({start})",
           "额外日期 {rdate} 早于活动开始日期（{start}）";
    ["E317"] ChangesWithoutSeries
        => "`changes` needs a series, but this event has no `recurrence` or `rdates`",
           "`changes` 只用于重复活动，但这个活动没有 `recurrence` 或 `rdates`";
    ["E318"] OccurrenceChangedTwice { occurrence: String }
        => "the occurrence {occurrence} is changed twice", "场次 {occurrence} 被改了两次";
    ["E319"] ChangeChangesNothing
        => "this change changes nothing", "这条变更什么也没有改";
    ["E320"] ChangeOfExdate { occurrence: String }
        => "the occurrence {occurrence} is skipped by `exdates`, so it cannot change",
           "场次 {occurrence} 已被 `exdates` 排除，不能再改";
    ["E321"] OccurrenceNotInSeries { occurrence: String }
        => "the occurrence {occurrence} is not in the series", "场次 {occurrence} 不在这个系列里";
    ["E322"] ChangeTimesMixed
        => "a change's `start` and `end` must be dates for an all-day event, and dates with times for a timed one",
           "变更里的 `start` 和 `end`：全天活动要写日期，有具体时间的活动要写日期加时间";
    ["E323"] ChangedEndsBeforeStart { end: String, start: String }
        => "the changed occurrence ends ({end}) before it starts ({start})",
           "改动后的场次结束时间（{end}）早于开始时间（{start}）";
    ["E324"] NotVenuePath { field: String, path: String }
        => "`{field}` \"{path}\" is not the path of a venue page",
           "`{field}` \"{path}\" 不是场地页面的路径";
    ["E325"] OrganizerWrongType
        => "`organizer` must be a name, the path of an organizer page, or a list of such paths",
           "`organizer` 必须是名称、主办单位页面的路径，或者这样的路径列表";
    ["E326"] OrganizerItemNotPath { item: String }
        => "\"{item}\" in the list of organizers is not the path of an organizer page",
           "主办单位列表里的 \"{item}\" 不是主办单位页面的路径";
    ["E328"] EmailNotAddress { email: String }
        => "`email` \"{email}\" is not an e-mail address", "`email` \"{email}\" 不是电子邮箱地址";
    ["E329"] LogoNotFile { name: String }
        => "`logo` \"{name}\" is not a file next to this page", "`logo` \"{name}\" 不是本页面旁边的文件";
    RdatesHelp
        => "write each extra occurrence like `start`, e.g. rdates = [2018-12-29T09:30:00]",
           "每个额外日期的写法和 `start` 一样，例如 rdates = [2018-12-29T09:30:00]";
    RdateTimeHelp { day: String, time: String }
        => "write the date and time of the extra occurrence, e.g. {day}T{time}",
           "请写上额外场次的日期和时间，例如 {day}T{time}";
    RdateDayHelp { day: String }
        => "write the day alone, e.g. {day}", "请只写日期，例如 {day}";
    RdateBeforeStartHelp
        => "an extra occurrence comes after the first one; move `start` to the earliest occurrence",
           "额外场次要在第一场之后；请把 `start` 改成最早的一场";
    ChangesWithoutSeriesHelp
        => "change the event's own `start`, `end`, `location` or `status` instead",
           "请直接修改活动本身的 `start`、`end`、`location` 或 `status`";
    ChangedTwiceHelp
        => "put everything that changes about this occurrence in one [[event.changes]] table",
           "请把这一场的所有改动写在同一个 [[event.changes]] 表里";
    ChangeNothingHelp
        => "give what differs for this occurrence: start, end, venue, location, address, status or note",
           "请写出这一场有什么不同：start、end、venue、location、address、status 或 note";
    OccurrenceHelp
        => "write the original date of the occurrence, e.g. occurrence = 2018-10-13",
           "请写这一场原定的日期，例如 occurrence = 2018-10-13";
    ChangeOfExdateHelp
        => "remove it from `exdates` and give this change status = \"cancelled\" and a note, or remove this change",
           "请把它从 `exdates` 里删掉，再给这条变更写 status = \"cancelled\" 和说明（note）；或者删掉这条变更";
    OccurrenceNotInSeriesHelp
        => "write the original date (or date and time) of an occurrence the rule or `rdates` give",
           "请写规则或 `rdates` 给出的某一场原定的日期（或日期加时间）";
    ChangeTimeHelp
        => "write a date (2018-10-14, all day) or a date and time (2018-10-14T14:00:00)",
           "请写日期（2018-10-14，全天）或日期加时间（2018-10-14T14:00:00）";
    ChangeTimesMixedHelp
        => "write them like the event's own `start` and `end`",
           "请按活动本身的 `start` 和 `end` 的写法来写";
    ChangedEndHelp
        => "check the dates: `end` must be the same as or later than `start`",
           "请检查日期：`end` 必须等于或晚于 `start`";
    HoursHelp
        => "write the hours of teaching, e.g. hours = 3.5", "请写授课的小时数，例如 hours = 3.5";
    EventTimeZoneHelp
        => "use an IANA time zone name such as \"Asia/Shanghai\" or \"Europe/Berlin\", or remove the line to use the site's",
           "请使用 IANA 时区名称，例如 \"Asia/Shanghai\" 或 \"Europe/Berlin\"；或者删掉这一行，使用网站的时区";
    StartHelp
        => "write a date (2018-09-15, all day) or a date and time (2018-09-15T09:00:00)",
           "请写日期（2018-09-15，表示全天）或日期加时间（2018-09-15T09:00:00）";
    EndHelp
        => "write a date (2018-09-15) or a date and time (2018-09-15T17:00:00)",
           "请写日期（2018-09-15）或日期加时间（2018-09-15T17:00:00）";
    EventEndHelp
        => "check the dates: `end` must be the same as or later than `start`; an event over midnight ends on the next day",
           "请检查日期：`end` 必须等于或晚于 `start`；跨过午夜的活动在第二天结束";
    AllDayEndHelp
        => "for an all-day event, `end` is the last day, the same as or after `start`",
           "全天活动的 `end` 是最后一天，要等于或晚于 `start`";
    StartEndMixedHelp
        => "write e.g. start = 2018-05-19 and end = 2018-05-26, or start = 2018-09-15T09:00:00 and end = 2018-09-15T17:00:00",
           "例如写 start = 2018-05-19 和 end = 2018-05-26，或者 start = 2018-09-15T09:00:00 和 end = 2018-09-15T17:00:00";
    StatusHelp
        => "status is one of: scheduled, cancelled, postponed, rescheduled",
           "status 只能是以下之一：scheduled, cancelled, postponed, rescheduled";
    WebAddressHelp { field: String, example: String }
        => "write the whole address as the browser shows it, e.g. {field} = \"{example}\"",
           "请写浏览器地址栏里显示的完整地址，例如 {field} = \"{example}\"";
    GeoHelp
        => "write two numbers, latitude first, e.g. geo = [23.02, 113.75] for Dongguan",
           "请写两个数字，纬度在前，例如东莞是 geo = [23.02, 113.75]";
    RecurrenceHelp
        => "write a rule such as \"FREQ=WEEKLY;BYDAY=SA;COUNT=6\" or \"FREQ=MONTHLY;BYDAY=2SA\"; kepu understands FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH and WKST",
           "请写这样的规则：\"FREQ=WEEKLY;BYDAY=SA;COUNT=6\" 或 \"FREQ=MONTHLY;BYDAY=2SA\"；kepu 认识 FREQ、INTERVAL、COUNT、UNTIL、BYDAY、BYMONTHDAY、BYMONTH 和 WKST";
    StartNotInRuleHelp
        => "move `start` to the first day the rule gives, so that calendars agree on every occurrence",
           "请把 `start` 改到规则给出的第一天，这样各种日历里的每一次活动才会一致";
    ExdatesHelp
        => "write the skipped days as dates, e.g. exdates = [2018-10-06]",
           "请把要跳过的日子写成日期，例如 exdates = [2018-10-06]";
    ExdateMatchesNothingHelp
        => "write a day the event would otherwise take place, or remove it from `exdates`",
           "请写本来会举办活动的日子，或者把它从 `exdates` 里删掉";
    VenuePathHelp
        => "write the venue's file under content/, e.g. venue = \"@/venues/kexue-bowuguan.md\", or write the place as text with location = \"…\"",
           "请写场地页面在 content/ 下的文件，例如 venue = \"@/venues/kexue-bowuguan.md\"；或者用 location = \"…\" 直接写地点";
    OrganizerHelp
        => "write e.g. organizer = \"东莞市科学技术协会\", organizer = \"@/organizers/shi-kexie.md\" or organizer = [\"@/organizers/a.md\", \"@/organizers/b.md\"]",
           "例如写 organizer = \"东莞市科学技术协会\"、organizer = \"@/organizers/shi-kexie.md\" 或 organizer = [\"@/organizers/a.md\", \"@/organizers/b.md\"]";
    OrganizerListHelp
        => "a list names organizer pages, e.g. [\"@/organizers/a.md\", \"@/organizers/b.md\"]; for one organizer as text write organizer = \"…\"",
           "列表里要写主办单位页面，例如 [\"@/organizers/a.md\", \"@/organizers/b.md\"]；只写一个单位名称时用 organizer = \"…\"";
    EmailHelp
        => "write one address, e.g. email = \"kepu@example.org\", without a name or mailto:",
           "请只写一个地址，例如 email = \"kepu@example.org\"，不要带名称或 mailto:";
    LogoNextToPageHelp
        => "put the picture in the same folder as this page and write its file name, e.g. logo = \"logo.png\"",
           "请把图片放在主办单位页面所在的文件夹里，写文件名，例如 logo = \"logo.png\"";
    // dates, as events and front matter word them
    TimeAloneWriteDay
        => "a time alone is not a date: write the day too, e.g. 2018-09-15T09:00:00",
           "只有时间不算日期：请把日子也写上，例如 2018-09-15T09:00:00";
    TimeAlone => "a time alone is not a date", "只有时间不算日期";
    NotARealDate { date: String } => "{date} is not a real date", "{date} 不是真实存在的日期";
    RealDateHelp
        => "write a real date, e.g. 2018-09-15 or 2018-09-15T09:00:00",
           "请写一个真实存在的日期，例如 2018-09-15 或 2018-09-15T09:00:00";
    NotARealTime { time: String } => "{time} is not a real time", "{time} 不是真实存在的时间";
    NotInSiteZone { time: String, error: String }
        => "{time} does not exist in the site's time zone: {error}",
           "{time} 在网站的时区里不存在（可能正好是夏令时调整的时间）：{error}";
    // web addresses of events
    UrlNoScheme => "it must start with https:// or http://", "必须以 https:// 或 http:// 开头";
    UrlNoHost => "it has no host name after https://", "https:// 后面缺少网站的主机名";
    UrlBadCharacters
        => "it contains spaces or characters not allowed in a web address",
           "里面有空格或网址里不允许的字符";
    // recurrence rules
    RuleNotNameValue { part: String }
        => "\"{part}\" is not a NAME=VALUE part of a recurrence rule",
           "\"{part}\" 不是重复规则里“名称=值”形式的一项";
    RulePartTwice { name: String } => "{name} is written twice", "{name} 写了两次";
    RuleNumberRange { name: String, value: String, min: i64, max: i64 }
        => "{name}={value}: the value must be a whole number from {min} to {max}",
           "{name}={value}：值必须是 {min} 到 {max} 之间的整数";
    FreqTooOften { value: String }
        => "FREQ={value} is not supported: events repeat at most daily",
           "不支持 FREQ={value}：活动最多每天重复一次";
    FreqUnknown { value: String }
        => "FREQ={value} is not a frequency (DAILY, WEEKLY, MONTHLY or YEARLY)",
           "FREQ={value} 不是重复频率（DAILY、WEEKLY、MONTHLY 或 YEARLY）";
    UntilNotDate { value: String }
        => "UNTIL={value} is not a date (20181231) or date-time (20181231T170000 or 20181231T090000Z)",
           "UNTIL={value} 不是日期（20181231）或日期时间（20181231T170000 或 20181231T090000Z）";
    BydayNotWeekday { value: String, item: String }
        => "BYDAY={value}: \"{item}\" is not a weekday such as SA, 2SA or -1FR",
           "BYDAY={value}：\"{item}\" 不是星期几的写法，应该像 SA、2SA 或 -1FR 这样";
    BymonthdayNotDay { value: String, item: String }
        => "BYMONTHDAY={value}: \"{item}\" is not a day of the month (1 to 31, or -1 for the last)",
           "BYMONTHDAY={value}：\"{item}\" 不是一个月里的日子（1 到 31，或者 -1 表示最后一天）";
    BymonthNotMonth { value: String, item: String }
        => "BYMONTH={value}: \"{item}\" is not a month (1 to 12)",
           "BYMONTH={value}：\"{item}\" 不是月份（1 到 12）";
    WkstNotWeekday { value: String }
        => "WKST={value} is not a weekday (MO, TU, … SU)",
           "WKST={value} 不是星期几（MO、TU……SU）";
    RulePartUnsupported { name: String } => "{name} is not supported by kepu", "kepu 不支持 {name}";
    RulePartUnknown { name: String }
        => "{name} is not a part of a recurrence rule", "{name} 不是重复规则的组成部分";
    RuleNoFreq => "the rule has no FREQ", "规则里没有 FREQ";
    RuleCountAndUntil
        => "a rule takes COUNT or UNTIL, not both: keep the one you mean",
           "规则里 COUNT 和 UNTIL 只能写一个：请保留你想要的那个";
    RuleNumberedWeekdays
        => "numbered weekdays such as 2SA only work with FREQ=MONTHLY or FREQ=YEARLY",
           "像 2SA 这样带序号的星期几只能和 FREQ=MONTHLY 或 FREQ=YEARLY 一起用";
    RuleMonthdayWeekly
        => "BYMONTHDAY cannot be used with FREQ=WEEKLY", "BYMONTHDAY 不能和 FREQ=WEEKLY 一起用";
    RuleNumberedYearly
        => "numbered weekdays cannot be combined with BYMONTHDAY in a yearly rule without BYMONTH",
           "在没有 BYMONTH 的每年重复规则里，带序号的星期几不能和 BYMONTHDAY 一起用";
    // exdates
    NoOccurrenceOfRule => "no occurrence of the rule", "不是规则给出的任何一次活动";
    NoOccurrenceNoRecurrence
        => "no occurrence: the event has no `recurrence`",
           "没有对应任何一次活动：这个活动没有 `recurrence`";

    // kinds of pages
    KindNews
        => "news",
           "新闻";
    KindEvent
        => "event",
           "活动";
    KindTraining
        => "training",
           "培训";
    KindResource
        => "resource",
           "资料";
    KindPage
        => "page",
           "页面";
    KindVenue
        => "venue",
           "场地";
    KindOrganizer
        => "organizer",
           "主办单位";
    AVenuePage
        => "a venue page",
           "场地页面";
    AnOrganizerPage
        => "an organizer page",
           "主办单位页面";

    // images, the WeChat edition, the preview
    ["W510"] ImageUnreadable { why: Box<Msg> }
        => "cannot read this image ({why}); it is copied as it is, without width, height or smaller copies",
           "无法读取这张图片（{why}）；它会原样复制，不带宽度、高度，也不生成较小的版本";
    ["W511"] ImageUncleanable
        => "kepu cannot remove location and camera data from this kind of image; it is published as it is",
           "kepu 无法去掉这种图片里的拍摄地点和相机信息；它会原样发布";
    ["W512"] ImageCacheUnwritable { error: String }
        => "cannot write the image cache ({error}); every build will process the images again",
           "无法写入图片缓存（{error}）；每次生成都要重新处理所有图片";
    CleanableFormatHelp
        => "save it as JPEG or PNG, which kepu cleans, or remove it if it may show where it was taken",
           "请把它另存为 JPEG 或 PNG（kepu 会清理这两种图片）；如果它可能暴露拍摄地点，就把它删掉";
    SaveImageAgainHelp
        => "save it again as JPEG or PNG (or SVG) in an image editor",
           "请用图片编辑软件把它另存为 JPEG 或 PNG（或 SVG）";
    // why an image cannot be read or cleaned (render::images), inside ImageUnreadable
    NotAJpeg => "not a JPEG file", "不是 JPEG 文件";
    JpegBroken { byte: usize }
        => "broken JPEG structure at byte {byte}", "JPEG 文件在第 {byte} 字节处结构损坏";
    JpegCutShort => "JPEG cut short in a segment header", "JPEG 文件在段头处被截断";
    JpegSegmentLength { byte: usize }
        => "JPEG segment of wrong length at byte {byte}", "JPEG 文件第 {byte} 字节处的段长度不对";
    NotAPng => "not a PNG file", "不是 PNG 文件";
    PngCutShort => "PNG cut short in a chunk header", "PNG 文件在数据块头处被截断";
    PngChunkLength { byte: usize }
        => "PNG chunk of wrong length at byte {byte}", "PNG 文件第 {byte} 字节处的数据块长度不对";
    NotAWebp => "not a WebP file", "不是 WebP 文件";
    WebpChunkLength { byte: usize }
        => "WebP chunk of wrong length at byte {byte}", "WebP 文件第 {byte} 字节处的数据块长度不对";
    WebpTooLarge => "WebP too large", "WebP 文件太大";
    WebpTurned
        => "a WebP turned by its EXIF orientation cannot be cleaned",
           "靠 EXIF 方向标记旋转的 WebP 图片无法清理";
    TooLargeForJpeg => "too large for a JPEG", "太大，无法存为 JPEG";
    PictureTooLarge => "too large a picture", "图片太大";
    TooLarge => "too large", "太大";
    DecoderWrongSize => "the decoder gave a wrong size", "解码器给出的尺寸不对";
    LibwebpUnusable => "libwebp is unusable", "WebP 编码库 libwebp 无法使用";
    WebpEncodingFailed { error: String } => "WebP encoding failed: {error}", "WebP 编码失败：{error}";
    LibwebpNotWebp
        => "libwebp wrote something that is not a WebP file",
           "WebP 编码库 libwebp 输出的不是 WebP 文件";
    ["E514"] WechatStylesheet { error: String }
        => "the WeChat edition cannot use this stylesheet: {error}",
           "公众号版无法使用这个样式表：{error}";
    ["E515"] WechatStyling { page: String, error: String }
        => "the WeChat edition of {page} could not be styled: {error}",
           "{page} 的公众号版无法套用样式：{error}";
    ["E025"] PreviewStopped
        => "the preview stopped while preparing the site; restart kepu serve",
           "预览在准备网站时停止了；请重新运行 kepu serve";
    PlainSelectorsHelp
        => "use plain selectors (tags, classes, descendants); pseudo-elements such as ::before cannot be written into a style attribute",
           "请只用简单的选择器（标签、类名、后代选择器）；::before 这类伪元素无法写进 style 属性";

    // the lines kepu build and kepu clean print
    NothingWritten { output: String }
        => "Nothing was written: {output} is unchanged.",
           "没有写入任何文件：{output} 保持不变。";
    Built { pages: Box<Msg>, sections: Box<Msg>, files: Box<Msg>, ms: String, output: String }
        => "Built {pages}, {sections}, {files} in {ms} ms → {output}",
           "已生成 {pages}、{sections}、{files}，用时 {ms} 毫秒 → {output}";
    RemovedImageCache { dir: String, files: Box<Msg> }
        => "Removed the image cache {dir} ({files}).",
           "已删除图片缓存 {dir}（{files}）。";
    CannotRemove { path: String, error: String }
        => "cannot remove {path}: {error}",
           "无法删除 {path}：{error}";
    Removed { path: String }
        => "Removed {path}",
           "已删除 {path}";
    NothingToClean
        => "Nothing to clean.",
           "没有需要清理的东西。";

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

    // the run: --now and SOURCE_DATE_EPOCH (pipeline)
    ["E012"] NowInvalid { why: Box<Msg> } => "--now: {why}", "--now：{why}";
    NowNotDate { text: String }
        => "\"{text}\" is not a date and time; write it like 2018-06-01T00:00:00+08:00 or 2018-06-01",
           "\"{text}\" 不是日期和时间；请写成 2018-06-01T00:00:00+08:00 或 2018-06-01 这样";
    ["E013"] SourceDateEpoch { value: String }
        => "SOURCE_DATE_EPOCH=\"{value}\" is not a number of seconds",
           "SOURCE_DATE_EPOCH=\"{value}\" 不是秒数";
    UnixTimeHelp
        => "set it to a Unix time such as 1527782400, or unset it",
           "请把它设为 Unix 时间（例如 1527782400），或者取消这个环境变量";

    // kepu import
    ["E601"] NotWellFormedXml { error: String }
        => "this is not well-formed XML: {error}", "这不是格式正确的 XML：{error}";
    ["E602"] NotCharacterReference { name: String }
        => "&{name}; is not an XML character reference", "&{name}; 不是 XML 的字符引用";
    ["E603"] NotWordpressExport { start: String }
        => "this is not a WordPress export: it starts with {start}, not <rss>; export it again with Tools → Export",
           "这不是 WordPress 导出文件：它以 {start} 开头，而不是 <rss>；请在 WordPress 里用“工具 → 导出”重新导出";
    ["E604"] NotWxrNamespace { namespace: String }
        => "this is not a WordPress export: the wp namespace is \"{namespace}\", not http://wordpress.org/export/1.2/",
           "这不是 WordPress 导出文件：wp 命名空间是 \"{namespace}\"，而不是 http://wordpress.org/export/1.2/";
    ["E605"] EmptyOrNotXml
        => "this file is empty or is not XML: a WordPress export starts with <?xml and <rss",
           "这个文件是空的或者不是 XML：WordPress 导出文件以 <?xml 和 <rss 开头";
    ["E606"] ExportCutShort { element: String }
        => "the file ends inside <{element}>: it was cut short; download the export again",
           "文件在 <{element}> 里面就结束了：它不完整；请重新下载导出文件";
    ["E607"] ExportNotWholeNumber { element: String, value: String }
        => "<{element}> should be a whole number, but it is \"{value}\"",
           "<{element}> 应该是整数，但现在是 \"{value}\"";
    ["E608"] ImportEventLacks { title: String, key: String }
        => "the event \"{title}\" has no {key}", "活动 \"{title}\" 没有 {key}";
    ["E609"] ImportNotDateTime { key: String, value: String }
        => "{key} \"{value}\" is not a real date and time (YYYY-MM-DD HH:MM:SS)",
           "{key} \"{value}\" 不是真实存在的日期和时间（YYYY-MM-DD HH:MM:SS）";
    ["E610"] NotWechatArticle
        => "this is not a saved WeChat article: it has no #js_content; save the article page with \"Save page, complete\"",
           "这不是保存下来的微信文章：里面没有 #js_content；请用浏览器的“网页，全部”方式保存文章页面";
    ["E611"] NoSavedArticle
        => "no saved article (.html) was given", "没有给出保存的文章（.html）";
    ExportFileHelp
        => "give the file WordPress writes with Tools → Export → All content",
           "请使用 WordPress 在“工具 → 导出 → 所有内容”里生成的文件";
    CorrectExportHelp
        => "correct it in WordPress and export again, or in the export file",
           "请在 WordPress 里改正后重新导出，或者直接改导出文件";
    // the lines kepu import prints
    ImportSkipped { title: String, id: String, reason: Box<Msg> }
        => "Skipped \"{title}\" (id {id}): {reason}", "已跳过 \"{title}\"（id {id}）：{reason}";
    ImportSkippedType { count: usize, post_type: String }
        => "Skipped {count} items of type {post_type}: kepu has no such kind of page",
           "已跳过 {count} 个 {post_type} 类型的条目：kepu 没有这种页面";
    KeptShortcode { name: String, page: String }
        => "Kept the shortcode [{name}] as text in {page}", "短代码 [{name}] 在 {page} 里保留为文字";
    MissingUpload { upload: String, page: String }
        => "Missing upload {upload} (linked from {page}): its old address is kept",
           "找不到上传文件 {upload}（{page} 里有链接）：保留了它原来的地址";
    MissingWechatImage { url: String, page: String }
        => "Missing image {url} (in {page}): it is not in the saved folder; its WeChat address is kept",
           "缺少图片 {url}（在 {page} 里）：保存的文件夹里没有它；保留了它的微信地址";
    RemoteUploads { count: usize }
        => "{count} links to uploads still point at the old site: add --uploads DIR to copy the files",
           "有 {count} 个上传文件的链接仍然指向旧网站：加上 --uploads 文件夹 就会复制这些文件";
    ImportedCounts { news: usize, pages: usize, events: usize, files: usize }
        => "Imported {news} news items, {pages} pages, {events} events and {files} files.",
           "已导入 {news} 条新闻、{pages} 个页面、{events} 个活动和 {files} 个文件。";
    NotOverwritten { path: String }
        => "Not overwritten: {path} exists with other contents (add --force to replace it)",
           "没有覆盖：{path} 已经存在且内容不同（加上 --force 才会替换它）";
    ImportUnchanged { dir: String }
        => "Nothing changed: every imported file is already in {dir}.",
           "没有任何改动：导入的文件都已经在 {dir} 里了。";
    ImportWrote { written: usize, dir: String, same: usize }
        => "Wrote {written} files into {dir}; {same} were already up to date.",
           "已写入 {written} 个文件到 {dir}；{same} 个文件已经是最新的。";
    SuggestedMenu => "Suggested menu for site.toml:", "建议加到 site.toml 的菜单：";
    // why an imported item was skipped
    SkipDraft => "a draft; add --drafts to import drafts", "是草稿；加上 --drafts 才会导入草稿";
    SkipPrivate => "private", "是私密文章";
    SkipTrash => "in the trash", "在回收站里";
    SkipStatus => "neither published nor a draft", "既没有发布也不是草稿";

    // kepu init, kepu new
    Created { path: String } => "created {path}", "已创建 {path}";
    NextBuild { dir: String } => "Next: cd {dir} && kepu build", "下一步：cd {dir} && kepu build";
    InitNotEmpty { dir: String }
        => "{dir} is not empty; kepu init never overwrites files. Choose a new folder name.",
           "{dir} 不是空的；kepu init 从不覆盖文件。请换一个新的文件夹名。";
    NewTitleEmpty
        => "the title is empty: write it in quotes, e.g. kepu new event \"全国科普日\"",
           "标题是空的：请把标题写在引号里，例如 kepu new event \"全国科普日\"";
    NoFileNameFrom { title: String }
        => "kepu cannot make a file name from \"{title}\": use a title with letters or Chinese characters",
           "kepu 无法根据 \"{title}\" 生成文件名：请用含有字母或汉字的标题";
    SectionNotInside { section: String }
        => "--section {section} must be a folder inside content/, without ..",
           "--section {section} 必须是 content/ 里面的文件夹，不能有 ..";
    NewExists { path: String }
        => "{path} already exists; kepu new never overwrites. Choose another title.",
           "{path} 已经存在；kepu new 从不覆盖文件。请换一个标题。";

    // kepu serve
    CannotListen { address: String, error: String }
        => "cannot listen on {address}: {error}", "无法在 {address} 上监听：{error}";
    Serving { root: String, url: String }
        => "Serving {root} at {url}/ (Ctrl-C to stop)", "正在预览 {root}：{url}/（按 Ctrl-C 停止）";
    BuiltIn { pages: usize, ms: String }
        => "Built {pages} pages in {ms} ms", "已生成 {pages} 个页面，用时 {ms} 毫秒";
    ServingLastGood
        => "The site has errors: still serving the last good build, with the errors shown on every page.",
           "网站有错误：预览的仍是上一次成功生成的版本，每个页面上都会显示这些错误。";
    NoBrowser { url: String }
        => "Could not open a browser; open {url} yourself.", "无法打开浏览器；请自己打开 {url}。";
    CannotWatchFiles { error: String }
        => "cannot watch files: {error}", "无法监视文件的变化：{error}";
    CannotWatchFilesPoll { error: String }
        => "cannot watch files: {error} (try --poll)", "无法监视文件的变化：{error}（试试 --poll）";
    CannotWatch { path: String, error: String }
        => "cannot watch {path}: {error}", "无法监视 {path}：{error}";
    OverlayTitle => "kepu: the site has errors", "kepu：网站有错误";
    OverlayLastGood
        => "The page below is the last good build. Fix these and save; this page reloads by itself.",
           "下面是上一次成功生成的页面。改正这些错误并保存后，这个页面会自动刷新。";

    // template functions and filters (render::functions), inside Tera's messages
    NeedsArgument { function: String, name: String }
        => "{function}() needs {name}=\"…\"", "{function}() 需要参数 {name}=\"…\"";
    GetPageMissing { key: String }
        => "get_page: there is no page content/{key}", "get_page：没有页面 content/{key}";
    GetSectionMissing { key: String }
        => "get_section: there is no section content/{key}", "get_section：没有栏目 content/{key}";
    GetUrlMissing { rel: String }
        => "get_url: there is no page content/{rel}", "get_url：没有页面 content/{rel}";
    GetUrlNotHashable { path: String }
        => "get_url: hash=true needs a stylesheet, script, icon or font of static/; there is no such file at static/{path}",
           "get_url：hash=true 只用于 static/ 中的样式表、脚本、图标或字体；static/{path} 不是这样的文件";
    LoadDataMissing { path: String }
        => "load_data: there is no file data/{path} (TOML, JSON or CSV)",
           "load_data：没有文件 data/{path}（TOML、JSON 或 CSV）";
    TransMissing { key: String, lang: String }
        => "trans: no translation of \"{key}\" for {lang}; add it to i18n/{lang}.toml",
           "trans：\"{key}\" 没有 {lang} 的翻译；请把它加到 i18n/{lang}.toml 里";
    DateFilterText
        => "the date filter takes a date written as text, e.g. page.date",
           "date 过滤器需要文字形式的日期，例如 page.date";
    DateUnknownZone { name: String } => "date: unknown time zone {name}", "date：未知的时区 {name}";
    DateNotDate { text: String } => "date: \"{text}\" is not a date", "date：\"{text}\" 不是日期";
    // another program's words, shown as they are in both languages (Tera's, serde's)
    Foreign { text: String } => "{text}", "{text}";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_shown_in_the_language_of_the_message() {
        let m = Msg::TemplateError {
            detail: Box::new(Msg::foreign("Variable `x` not found")),
        };
        assert_eq!(m.english(), "template error: Variable `x` not found");
        assert_eq!(m.chinese(), "模板出错：Variable `x` not found");
        assert_eq!(m.code(), Some("E504"));
        assert_eq!(Msg::SaveAsUtf8Help.code(), None);
        let m = Msg::ImageUnreadable {
            why: Box::new(Msg::JpegBroken { byte: 12 }),
        };
        let (en, zh) = (m.english(), m.chinese());
        assert!(en.starts_with("cannot read this image (broken JPEG structure at byte 12);"));
        assert!(zh.starts_with("无法读取这张图片（JPEG 文件在第 12 字节处结构损坏）；"));
    }

    #[test]
    fn doubled_braces_are_braces() {
        assert_eq!(
            Msg::ExtendsHelp.english(),
            "fix the name in {% extends \"…\" %}"
        );
    }

    /// Each message of events and trainings, in both languages, with the words and
    /// code it had before it was typed.
    #[test]
    fn event_messages_in_both_languages() {
        let s = |t: &str| t.to_string();
        let cases: Vec<(Option<&str>, Msg, &str, &str)> = vec![
            (
                Some("E115"),
                Msg::FieldUnreadable {
                    field: s("date"),
                    detail: Box::new(Msg::NotARealDate {
                        date: s("2018-02-30"),
                    }),
                },
                "`date`: 2018-02-30 is not a real date",
                "`date`：2018-02-30 不是真实存在的日期",
            ),
            (
                Some("E301"),
                Msg::HoursNotPositive,
                "`hours` must be more than 0",
                "`hours` 必须大于 0",
            ),
            (
                Some("E302"),
                Msg::StartUnreadable {
                    detail: Box::new(Msg::TimeAlone),
                },
                "`start`: a time alone is not a date",
                "`start`：只有时间不算日期",
            ),
            (
                Some("E303"),
                Msg::EndUnreadable {
                    detail: Box::new(Msg::NotARealDate {
                        date: s("2018-02-30"),
                    }),
                },
                "`end`: 2018-02-30 is not a real date",
                "`end`：2018-02-30 不是真实存在的日期",
            ),
            (
                Some("E304"),
                Msg::EventEndsBeforeStart {
                    end: s("2018-09-15T08:00:00"),
                    start: s("2018-09-15T09:00:00"),
                },
                "the event ends (2018-09-15T08:00:00) before it starts (2018-09-15T09:00:00)",
                "活动的结束时间（2018-09-15T08:00:00）早于开始时间（2018-09-15T09:00:00）",
            ),
            (
                Some("E305"),
                Msg::StartEndMixed,
                "`start` and `end` must both be dates (all day) or both be dates with times",
                "`start` 和 `end` 必须都是日期（全天活动），或者都是日期加时间",
            ),
            (
                Some("E306"),
                Msg::UnknownStatus { status: s("maybe") },
                "unknown status \"maybe\"",
                "未知的状态 \"maybe\"",
            ),
            (
                Some("E307"),
                Msg::NotWebAddress {
                    field: s("registration"),
                    url: s("www.a.org"),
                    why: Box::new(Msg::UrlNoScheme),
                },
                "`registration` \"www.a.org\" is not a web address: it must start with https:// or http://",
                "`registration` \"www.a.org\" 不是网址：必须以 https:// 或 http:// 开头",
            ),
            (
                Some("E308"),
                Msg::GeoOutOfRange,
                "`geo` must be [latitude, longitude], latitude between -90 and 90, longitude between -180 and 180",
                "`geo` 必须写成 [纬度, 经度]，纬度在 -90 到 90 之间，经度在 -180 到 180 之间",
            ),
            (
                Some("E309"),
                Msg::RecurrenceUnreadable {
                    detail: Box::new(Msg::FreqTooOften { value: s("HOURLY") }),
                },
                "`recurrence`: FREQ=HOURLY is not supported: events repeat at most daily",
                "`recurrence`：不支持 FREQ=HOURLY：活动最多每天重复一次",
            ),
            (
                Some("W310"),
                Msg::StartNotInRule {
                    start: s("2018-05-10"),
                    rule: s("FREQ=WEEKLY;BYDAY=SA"),
                },
                "the start (2018-05-10) is not a day the rule \"FREQ=WEEKLY;BYDAY=SA\" gives; it still counts as the first occurrence",
                "开始日期（2018-05-10）不是规则 \"FREQ=WEEKLY;BYDAY=SA\" 给出的日子；它仍然算作第一次活动",
            ),
            (
                Some("E311"),
                Msg::ExdateUnreadable {
                    detail: Box::new(Msg::TimeAlone),
                },
                "`exdates`: a time alone is not a date",
                "`exdates`：只有时间不算日期",
            ),
            (
                Some("W312"),
                Msg::ExdateMatchesNothing {
                    exdate: s("2018-10-14"),
                    what: Box::new(Msg::NoOccurrenceOfRule),
                },
                "the exdate 2018-10-14 matches no occurrence of the rule; it changes nothing",
                "排除日期 2018-10-14 不是规则给出的任何一次活动，写了也不起作用",
            ),
            (
                Some("W313"),
                Msg::RevisionsNotKept { error: s("denied") },
                "cannot keep the events' revisions (denied); the next build cannot tell which events changed",
                "无法保存活动的修订记录（denied）；下次生成时无法判断哪些活动有改动",
            ),
            (
                Some("E314"),
                Msg::RdateNoTime {
                    rdate: s("2018-12-29"),
                },
                "the rdate 2018-12-29 has no time, but the event starts at a time",
                "额外日期 2018-12-29 没有写时间，但这个活动是在某个时间开始的",
            ),
            (
                Some("E315"),
                Msg::RdateHasTime {
                    rdate: s("2018-12-29T09:30:00"),
                },
                "the rdate 2018-12-29T09:30:00 has a time, but the event lasts whole days",
                "额外日期 2018-12-29T09:30:00 写了时间，但这个活动是全天活动",
            ),
            (
                Some("E316"),
                Msg::RdateBeforeStart {
                    rdate: s("2018-01-01"),
                    start: s("2018-02-01"),
                },
                "the rdate 2018-01-01 is before the start (2018-02-01)",
                "额外日期 2018-01-01 早于活动开始日期（2018-02-01）",
            ),
            (
                Some("E317"),
                Msg::ChangesWithoutSeries,
                "`changes` needs a series, but this event has no `recurrence` or `rdates`",
                "`changes` 只用于重复活动，但这个活动没有 `recurrence` 或 `rdates`",
            ),
            (
                Some("E318"),
                Msg::OccurrenceChangedTwice {
                    occurrence: s("2018-10-13"),
                },
                "the occurrence 2018-10-13 is changed twice",
                "场次 2018-10-13 被改了两次",
            ),
            (
                Some("E319"),
                Msg::ChangeChangesNothing,
                "this change changes nothing",
                "这条变更什么也没有改",
            ),
            (
                Some("E320"),
                Msg::ChangeOfExdate {
                    occurrence: s("2018-10-13"),
                },
                "the occurrence 2018-10-13 is skipped by `exdates`, so it cannot change",
                "场次 2018-10-13 已被 `exdates` 排除，不能再改",
            ),
            (
                Some("E321"),
                Msg::OccurrenceNotInSeries {
                    occurrence: s("2018-10-14"),
                },
                "the occurrence 2018-10-14 is not in the series",
                "场次 2018-10-14 不在这个系列里",
            ),
            (
                Some("E322"),
                Msg::ChangeTimesMixed,
                "a change's `start` and `end` must be dates for an all-day event, and dates with times for a timed one",
                "变更里的 `start` 和 `end`：全天活动要写日期，有具体时间的活动要写日期加时间",
            ),
            (
                Some("E323"),
                Msg::ChangedEndsBeforeStart {
                    end: s("2018-10-13"),
                    start: s("2018-10-14"),
                },
                "the changed occurrence ends (2018-10-13) before it starts (2018-10-14)",
                "改动后的场次结束时间（2018-10-13）早于开始时间（2018-10-14）",
            ),
            (
                Some("E324"),
                Msg::NotVenuePath {
                    field: s("venue"),
                    path: s("venues/a.md"),
                },
                "`venue` \"venues/a.md\" is not the path of a venue page",
                "`venue` \"venues/a.md\" 不是场地页面的路径",
            ),
            (
                Some("E325"),
                Msg::OrganizerWrongType,
                "`organizer` must be a name, the path of an organizer page, or a list of such paths",
                "`organizer` 必须是名称、主办单位页面的路径，或者这样的路径列表",
            ),
            (
                Some("E326"),
                Msg::OrganizerItemNotPath { item: s("科协") },
                "\"科协\" in the list of organizers is not the path of an organizer page",
                "主办单位列表里的 \"科协\" 不是主办单位页面的路径",
            ),
            (
                Some("E328"),
                Msg::EmailNotAddress { email: s("kepu") },
                "`email` \"kepu\" is not an e-mail address",
                "`email` \"kepu\" 不是电子邮箱地址",
            ),
            (
                Some("E329"),
                Msg::LogoNotFile {
                    name: s("../logo.png"),
                },
                "`logo` \"../logo.png\" is not a file next to this page",
                "`logo` \"../logo.png\" 不是本页面旁边的文件",
            ),
            (
                None,
                Msg::RdatesHelp,
                "write each extra occurrence like `start`, e.g. rdates = [2018-12-29T09:30:00]",
                "每个额外日期的写法和 `start` 一样，例如 rdates = [2018-12-29T09:30:00]",
            ),
            (
                None,
                Msg::RdateTimeHelp {
                    day: s("2018-12-29"),
                    time: s("09:30:00"),
                },
                "write the date and time of the extra occurrence, e.g. 2018-12-29T09:30:00",
                "请写上额外场次的日期和时间，例如 2018-12-29T09:30:00",
            ),
            (
                None,
                Msg::RdateDayHelp {
                    day: s("2018-12-29"),
                },
                "write the day alone, e.g. 2018-12-29",
                "请只写日期，例如 2018-12-29",
            ),
            (
                None,
                Msg::RdateBeforeStartHelp,
                "an extra occurrence comes after the first one; move `start` to the earliest occurrence",
                "额外场次要在第一场之后；请把 `start` 改成最早的一场",
            ),
            (
                None,
                Msg::ChangesWithoutSeriesHelp,
                "change the event's own `start`, `end`, `location` or `status` instead",
                "请直接修改活动本身的 `start`、`end`、`location` 或 `status`",
            ),
            (
                None,
                Msg::ChangedTwiceHelp,
                "put everything that changes about this occurrence in one [[event.changes]] table",
                "请把这一场的所有改动写在同一个 [[event.changes]] 表里",
            ),
            (
                None,
                Msg::ChangeNothingHelp,
                "give what differs for this occurrence: start, end, venue, location, address, status or note",
                "请写出这一场有什么不同：start、end、venue、location、address、status 或 note",
            ),
            (
                None,
                Msg::OccurrenceHelp,
                "write the original date of the occurrence, e.g. occurrence = 2018-10-13",
                "请写这一场原定的日期，例如 occurrence = 2018-10-13",
            ),
            (
                None,
                Msg::ChangeOfExdateHelp,
                "remove it from `exdates` and give this change status = \"cancelled\" and a note, or remove this change",
                "请把它从 `exdates` 里删掉，再给这条变更写 status = \"cancelled\" 和说明（note）；或者删掉这条变更",
            ),
            (
                None,
                Msg::OccurrenceNotInSeriesHelp,
                "write the original date (or date and time) of an occurrence the rule or `rdates` give",
                "请写规则或 `rdates` 给出的某一场原定的日期（或日期加时间）",
            ),
            (
                None,
                Msg::ChangeTimeHelp,
                "write a date (2018-10-14, all day) or a date and time (2018-10-14T14:00:00)",
                "请写日期（2018-10-14，全天）或日期加时间（2018-10-14T14:00:00）",
            ),
            (
                None,
                Msg::ChangeTimesMixedHelp,
                "write them like the event's own `start` and `end`",
                "请按活动本身的 `start` 和 `end` 的写法来写",
            ),
            (
                None,
                Msg::ChangedEndHelp,
                "check the dates: `end` must be the same as or later than `start`",
                "请检查日期：`end` 必须等于或晚于 `start`",
            ),
            (
                None,
                Msg::HoursHelp,
                "write the hours of teaching, e.g. hours = 3.5",
                "请写授课的小时数，例如 hours = 3.5",
            ),
            (
                None,
                Msg::EventTimeZoneHelp,
                "use an IANA time zone name such as \"Asia/Shanghai\" or \"Europe/Berlin\", or remove the line to use the site's",
                "请使用 IANA 时区名称，例如 \"Asia/Shanghai\" 或 \"Europe/Berlin\"；或者删掉这一行，使用网站的时区",
            ),
            (
                None,
                Msg::StartHelp,
                "write a date (2018-09-15, all day) or a date and time (2018-09-15T09:00:00)",
                "请写日期（2018-09-15，表示全天）或日期加时间（2018-09-15T09:00:00）",
            ),
            (
                None,
                Msg::EndHelp,
                "write a date (2018-09-15) or a date and time (2018-09-15T17:00:00)",
                "请写日期（2018-09-15）或日期加时间（2018-09-15T17:00:00）",
            ),
            (
                None,
                Msg::EventEndHelp,
                "check the dates: `end` must be the same as or later than `start`; an event over midnight ends on the next day",
                "请检查日期：`end` 必须等于或晚于 `start`；跨过午夜的活动在第二天结束",
            ),
            (
                None,
                Msg::AllDayEndHelp,
                "for an all-day event, `end` is the last day, the same as or after `start`",
                "全天活动的 `end` 是最后一天，要等于或晚于 `start`",
            ),
            (
                None,
                Msg::StartEndMixedHelp,
                "write e.g. start = 2018-05-19 and end = 2018-05-26, or start = 2018-09-15T09:00:00 and end = 2018-09-15T17:00:00",
                "例如写 start = 2018-05-19 和 end = 2018-05-26，或者 start = 2018-09-15T09:00:00 和 end = 2018-09-15T17:00:00",
            ),
            (
                None,
                Msg::StatusHelp,
                "status is one of: scheduled, cancelled, postponed, rescheduled",
                "status 只能是以下之一：scheduled, cancelled, postponed, rescheduled",
            ),
            (
                None,
                Msg::GeoHelp,
                "write two numbers, latitude first, e.g. geo = [23.02, 113.75] for Dongguan",
                "请写两个数字，纬度在前，例如东莞是 geo = [23.02, 113.75]",
            ),
            (
                None,
                Msg::RecurrenceHelp,
                "write a rule such as \"FREQ=WEEKLY;BYDAY=SA;COUNT=6\" or \"FREQ=MONTHLY;BYDAY=2SA\"; kepu understands FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH and WKST",
                "请写这样的规则：\"FREQ=WEEKLY;BYDAY=SA;COUNT=6\" 或 \"FREQ=MONTHLY;BYDAY=2SA\"；kepu 认识 FREQ、INTERVAL、COUNT、UNTIL、BYDAY、BYMONTHDAY、BYMONTH 和 WKST",
            ),
            (
                None,
                Msg::StartNotInRuleHelp,
                "move `start` to the first day the rule gives, so that calendars agree on every occurrence",
                "请把 `start` 改到规则给出的第一天，这样各种日历里的每一次活动才会一致",
            ),
            (
                None,
                Msg::ExdatesHelp,
                "write the skipped days as dates, e.g. exdates = [2018-10-06]",
                "请把要跳过的日子写成日期，例如 exdates = [2018-10-06]",
            ),
            (
                None,
                Msg::ExdateMatchesNothingHelp,
                "write a day the event would otherwise take place, or remove it from `exdates`",
                "请写本来会举办活动的日子，或者把它从 `exdates` 里删掉",
            ),
            (
                None,
                Msg::VenuePathHelp,
                "write the venue's file under content/, e.g. venue = \"@/venues/kexue-bowuguan.md\", or write the place as text with location = \"…\"",
                "请写场地页面在 content/ 下的文件，例如 venue = \"@/venues/kexue-bowuguan.md\"；或者用 location = \"…\" 直接写地点",
            ),
            (
                None,
                Msg::OrganizerHelp,
                "write e.g. organizer = \"东莞市科学技术协会\", organizer = \"@/organizers/shi-kexie.md\" or organizer = [\"@/organizers/a.md\", \"@/organizers/b.md\"]",
                "例如写 organizer = \"东莞市科学技术协会\"、organizer = \"@/organizers/shi-kexie.md\" 或 organizer = [\"@/organizers/a.md\", \"@/organizers/b.md\"]",
            ),
            (
                None,
                Msg::OrganizerListHelp,
                "a list names organizer pages, e.g. [\"@/organizers/a.md\", \"@/organizers/b.md\"]; for one organizer as text write organizer = \"…\"",
                "列表里要写主办单位页面，例如 [\"@/organizers/a.md\", \"@/organizers/b.md\"]；只写一个单位名称时用 organizer = \"…\"",
            ),
            (
                None,
                Msg::EmailHelp,
                "write one address, e.g. email = \"kepu@example.org\", without a name or mailto:",
                "请只写一个地址，例如 email = \"kepu@example.org\"，不要带名称或 mailto:",
            ),
            (
                None,
                Msg::LogoNextToPageHelp,
                "put the picture in the same folder as this page and write its file name, e.g. logo = \"logo.png\"",
                "请把图片放在主办单位页面所在的文件夹里，写文件名，例如 logo = \"logo.png\"",
            ),
            (
                None,
                Msg::CacheFolderHelp,
                "make the folder writable, or set another one with `[images] cache_dir` in site.toml or --cache-dir",
                "请让这个文件夹可以写入，或者在 site.toml 的 `[images] cache_dir` 或用 --cache-dir 另选一个文件夹",
            ),
            (
                None,
                Msg::TimeAloneWriteDay,
                "a time alone is not a date: write the day too, e.g. 2018-09-15T09:00:00",
                "只有时间不算日期：请把日子也写上，例如 2018-09-15T09:00:00",
            ),
            (
                None,
                Msg::TimeAlone,
                "a time alone is not a date",
                "只有时间不算日期",
            ),
            (
                None,
                Msg::UrlNoScheme,
                "it must start with https:// or http://",
                "必须以 https:// 或 http:// 开头",
            ),
            (
                None,
                Msg::UrlNoHost,
                "it has no host name after https://",
                "https:// 后面缺少网站的主机名",
            ),
            (
                None,
                Msg::UrlBadCharacters,
                "it contains spaces or characters not allowed in a web address",
                "里面有空格或网址里不允许的字符",
            ),
            (
                None,
                Msg::RuleNoFreq,
                "the rule has no FREQ",
                "规则里没有 FREQ",
            ),
            (
                None,
                Msg::RuleCountAndUntil,
                "a rule takes COUNT or UNTIL, not both: keep the one you mean",
                "规则里 COUNT 和 UNTIL 只能写一个：请保留你想要的那个",
            ),
            (
                None,
                Msg::RuleNumberedWeekdays,
                "numbered weekdays such as 2SA only work with FREQ=MONTHLY or FREQ=YEARLY",
                "像 2SA 这样带序号的星期几只能和 FREQ=MONTHLY 或 FREQ=YEARLY 一起用",
            ),
            (
                None,
                Msg::RuleMonthdayWeekly,
                "BYMONTHDAY cannot be used with FREQ=WEEKLY",
                "BYMONTHDAY 不能和 FREQ=WEEKLY 一起用",
            ),
            (
                None,
                Msg::RuleNumberedYearly,
                "numbered weekdays cannot be combined with BYMONTHDAY in a yearly rule without BYMONTH",
                "在没有 BYMONTH 的每年重复规则里，带序号的星期几不能和 BYMONTHDAY 一起用",
            ),
            (
                None,
                Msg::NoOccurrenceOfRule,
                "no occurrence of the rule",
                "不是规则给出的任何一次活动",
            ),
            (
                None,
                Msg::NoOccurrenceNoRecurrence,
                "no occurrence: the event has no `recurrence`",
                "没有对应任何一次活动：这个活动没有 `recurrence`",
            ),
            (
                None,
                Msg::WebAddressHelp {
                    field: s("online"),
                    example: s("https://example.org/signup"),
                },
                "write the whole address as the browser shows it, e.g. online = \"https://example.org/signup\"",
                "请写浏览器地址栏里显示的完整地址，例如 online = \"https://example.org/signup\"",
            ),
            (
                None,
                Msg::NotARealDate {
                    date: s("2018-02-30"),
                },
                "2018-02-30 is not a real date",
                "2018-02-30 不是真实存在的日期",
            ),
            (
                None,
                Msg::NotARealTime {
                    time: s("25:00:00"),
                },
                "25:00:00 is not a real time",
                "25:00:00 不是真实存在的时间",
            ),
            (
                None,
                Msg::NotInSiteZone {
                    time: s("2018-03-25T02:30:00"),
                    error: s("gap"),
                },
                "2018-03-25T02:30:00 does not exist in the site's time zone: gap",
                "2018-03-25T02:30:00 在网站的时区里不存在（可能正好是夏令时调整的时间）：gap",
            ),
            (
                None,
                Msg::RuleNotNameValue {
                    part: s("nonsense"),
                },
                "\"nonsense\" is not a NAME=VALUE part of a recurrence rule",
                "\"nonsense\" 不是重复规则里“名称=值”形式的一项",
            ),
            (
                None,
                Msg::RulePartTwice { name: s("FREQ") },
                "FREQ is written twice",
                "FREQ 写了两次",
            ),
            (
                None,
                Msg::RuleNumberRange {
                    name: s("COUNT"),
                    value: s("0"),
                    min: 1,
                    max: 10_000,
                },
                "COUNT=0: the value must be a whole number from 1 to 10000",
                "COUNT=0：值必须是 1 到 10000 之间的整数",
            ),
            (
                None,
                Msg::FreqTooOften { value: s("HOURLY") },
                "FREQ=HOURLY is not supported: events repeat at most daily",
                "不支持 FREQ=HOURLY：活动最多每天重复一次",
            ),
            (
                None,
                Msg::FreqUnknown { value: s("OFTEN") },
                "FREQ=OFTEN is not a frequency (DAILY, WEEKLY, MONTHLY or YEARLY)",
                "FREQ=OFTEN 不是重复频率（DAILY、WEEKLY、MONTHLY 或 YEARLY）",
            ),
            (
                None,
                Msg::UntilNotDate {
                    value: s("2018-12-31"),
                },
                "UNTIL=2018-12-31 is not a date (20181231) or date-time (20181231T170000 or 20181231T090000Z)",
                "UNTIL=2018-12-31 不是日期（20181231）或日期时间（20181231T170000 或 20181231T090000Z）",
            ),
            (
                None,
                Msg::BydayNotWeekday {
                    value: s("XX"),
                    item: s("XX"),
                },
                "BYDAY=XX: \"XX\" is not a weekday such as SA, 2SA or -1FR",
                "BYDAY=XX：\"XX\" 不是星期几的写法，应该像 SA、2SA 或 -1FR 这样",
            ),
            (
                None,
                Msg::BymonthdayNotDay {
                    value: s("1,32"),
                    item: s("32"),
                },
                "BYMONTHDAY=1,32: \"32\" is not a day of the month (1 to 31, or -1 for the last)",
                "BYMONTHDAY=1,32：\"32\" 不是一个月里的日子（1 到 31，或者 -1 表示最后一天）",
            ),
            (
                None,
                Msg::BymonthNotMonth {
                    value: s("13"),
                    item: s("13"),
                },
                "BYMONTH=13: \"13\" is not a month (1 to 12)",
                "BYMONTH=13：\"13\" 不是月份（1 到 12）",
            ),
            (
                None,
                Msg::WkstNotWeekday { value: s("XX") },
                "WKST=XX is not a weekday (MO, TU, … SU)",
                "WKST=XX 不是星期几（MO、TU……SU）",
            ),
            (
                None,
                Msg::RulePartUnsupported {
                    name: s("BYSETPOS"),
                },
                "BYSETPOS is not supported by kepu",
                "kepu 不支持 BYSETPOS",
            ),
            (
                None,
                Msg::RulePartUnknown { name: s("FOO") },
                "FOO is not a part of a recurrence rule",
                "FOO 不是重复规则的组成部分",
            ),
        ];
        for (code, msg, english, chinese) in cases {
            assert_eq!(msg.code(), code, "{msg:?}");
            assert_eq!(msg.english(), english);
            assert_eq!(msg.chinese(), chinese);
        }
    }
}
