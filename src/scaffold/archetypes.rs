//! The built-in archetypes: the front matter `kepu new` writes for each kind, with a
//! short comment per field in the editors' language. A site overrides one with
//! `archetypes/<kind>.md`. Placeholders: `{title}`, `{date}`, `{start}`, `{end}`.

use crate::content::Kind;

/// The built-in archetype of a kind.
pub fn builtin(kind: Kind) -> &'static str {
    match kind {
        Kind::News => NEWS,
        Kind::Event => EVENT,
        Kind::Training => TRAINING,
        Kind::Resource => RESOURCE,
        Kind::Page => PAGE,
        Kind::Venue => VENUE,
        Kind::Organizer => ORGANIZER,
    }
}

/// Fills the placeholders of an archetype.
pub fn fill(archetype: &str, title: &str, date: &str, start: &str, end: &str) -> String {
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    archetype
        .replace("{title}", &title)
        .replace("{date}", date)
        .replace("{start}", start)
        .replace("{end}", end)
}

const NEWS: &str = r#"+++
title = "{title}"
# 一句话摘要：显示在列表、分享卡片和搜索结果里
description = ""
# 发布日期；日期晚于今天的文章到那天才会出现在网站上
date = {date}
# 标签和分类，可以写多个，例如 tags = ["科普日", "志愿者"]
taxonomies = { tags = [], categories = [] }
# 设为 true 时只在预览（kepu serve --drafts）里出现
draft = false
+++

第一段会作为摘要显示在列表里。

<!-- more -->

## 小标题

正文……
"#;

const EVENT: &str = r#"+++
title = "{title}"
# 一句话介绍：显示在活动列表、日历和分享卡片里
description = ""
# 发布日期
date = {date}
taxonomies = { tags = [] }
# 海报图片放在本文件夹里，例如 cover = "poster.jpg"
# cover = "poster.jpg"

[event]
# 开始和结束时间（当地时间）；只写日期（如 2018-09-15）表示全天活动
start = {start}
end = {end}
# 活动地点和详细地址
location = "待定"
# address = "东莞市……"
# 报名链接；活动结束后报名按钮会自动隐藏
# registration = "https://"
# 名额
# capacity = 100
# 状态：scheduled（正常）、cancelled（取消）、postponed（延期）、rescheduled（改期）
status = "scheduled"
+++

## 活动内容

……

## 参与方式

……
"#;

const TRAINING: &str = r#"+++
title = "{title}"
# 一句话介绍：显示在培训列表和日历里
description = ""
date = {date}
taxonomies = { tags = [] }

[event]
# 开始和结束时间（当地时间）
start = {start}
end = {end}
location = "待定"
# registration = "https://"
status = "scheduled"

[training]
# 培训主题、讲师、学时和对象
topic = "{title}"
lecturer = "待定"
hours = 2.0
audience = "科普志愿者"
+++

## 培训目标

……

## 课程内容

- ……
"#;

const RESOURCE: &str = r#"+++
title = "{title}"
# 一句话介绍：显示在资源列表里
description = ""
date = {date}
taxonomies = { tags = [] }

[resource]
# 要下载的文件：放在本文件夹里，写文件名（例如 "poster.pdf"），或者写一个网址
# file = "poster.pdf"
# 适合的读者和授权方式
audience = "公众"
# license = "CC BY 4.0"
+++

资源介绍……
"#;

const PAGE: &str = r#"+++
title = "{title}"
# 一句话介绍：显示在搜索结果和分享卡片里
description = ""
# 在栏目里的顺序，数字小的在前
weight = 10
+++

正文……
"#;

const VENUE: &str = r#"+++
title = "{title}"
# 一句话介绍：显示在场地列表和搜索结果里
description = ""

[venue]
# 详细地址：活动页、日历文件和地图链接都用它
address = "东莞市……"
# 经纬度（纬度在前），可在地图网站上查到；写了以后日历程序能直接导航
# geo = [23.02, 113.75]
# 地图链接；不写时按 site.toml 的 [calendar] map_url 自动生成
# map = "https://uri.amap.com/marker?position=113.75,23.02"
# 可容纳人数
# capacity = 300
# 无障碍信息，例如入口、电梯、轮椅位
# accessibility = "无障碍通道：北门"
# 公共交通
# transit = "地铁2号线 鸿福路站 C 口"
+++

场地介绍……

活动页面这样引用本场地：venue = "@/venues/本文件名.md"
"#;

const ORGANIZER: &str = r#"+++
title = "{title}"
# 一句话介绍：显示在主办单位列表和搜索结果里
description = ""

[organizer]
# 网站
# url = "https://"
# 联系电话
# phone = "0769-"
# 电子邮箱；日历文件里的"组织者"需要它
# email = ""
# 标志图片，放在本文件旁边，写文件名
# logo = "logo.png"
+++

单位介绍……

活动页面这样引用本单位：organizer = "@/organizers/本文件名.md"
"#;
