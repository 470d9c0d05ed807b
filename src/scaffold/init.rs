//! `kepu init`: a small working site that builds as it is. Never overwrites a file.

use std::path::{Path, PathBuf};

use crate::diag::Msg;

/// The files of a new site: path and contents.
const NEW_SITE: &[(&str, &str)] = &[
    (
        "site.toml",
        r#"# The site's settings. Every key is explained in the kepu README.
title = "我们的协会"
base_url = "https://example.org"
language = "zh-CN"
timezone = "Asia/Shanghai"
theme = "default"
description = "一个用 kepu 建设的协会网站"

[taxonomies]
tags = { feed = true }
categories = {}

[[menu]]
name = "动态"
url = "@/news/_index.md"
weight = 1

[[menu]]
name = "活动"
url = "@/events/_index.md"
weight = 2

[[menu]]
name = "关于"
url = "@/about.md"
weight = 3

[extra]
"#,
    ),
    (
        "content/_index.md",
        "+++\ntitle = \"我们的协会\"\ndescription = \"欢迎来到我们的网站\"\n+++\n\n欢迎！这是用 kepu 建设的网站首页，编辑 `content/_index.md` 来修改这段文字。\n",
    ),
    (
        "content/about.md",
        "+++\ntitle = \"关于我们\"\ndescription = \"协会简介\"\n+++\n\n在这里介绍协会。\n",
    ),
    (
        "content/news/_index.md",
        "+++\ntitle = \"动态\"\nkind = \"news\"\nsort_by = \"date\"\npaginate_by = 10\n+++\n",
    ),
    (
        "content/news/2018-01-05-网站开通.md",
        "+++\ntitle = \"网站开通\"\ndescription = \"协会网站今天开通。\"\ntaxonomies = { tags = [\"通知\"] }\n+++\n\n协会网站今天开通。\n\n<!-- more -->\n\n## 今后\n\n我们会在这里发布活动和培训。请看[关于我们](@/about.md)。\n",
    ),
    (
        "content/events/_index.md",
        "+++\ntitle = \"活动\"\nkind = \"event\"\nsort_by = \"start\"\n+++\n",
    ),
    (
        "content/events/first-meeting/index.md",
        "+++\ntitle = \"第一次会员大会\"\ndescription = \"全体会员参加。\"\ndate = 2018-01-05\n\n[event]\nstart = 2018-01-20T09:00:00\nend = 2018-01-20T11:30:00\nlocation = \"协会会议室\"\n+++\n\n欢迎全体会员参加。\n",
    ),
    (
        ".gitignore",
        "# What kepu build writes, the hidden folders it uses beside public/ while it\n# runs (see `kepu clean`), and processed photos kept between builds.\npublic/\n.public.kepu-*\n.kepu-cache/\n",
    ),
];

/// Writes a new site into `dir`, which must be missing or empty. Returns the files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Msg> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| Msg::CannotReadPath {
            path: dir.display().to_string(),
            error: e.to_string(),
        })?;
        if entries.next().is_some() {
            return Err(Msg::InitNotEmpty {
                dir: dir.display().to_string(),
            });
        }
    }
    let mut written = Vec::new();
    for (path, contents) in NEW_SITE {
        let target = dir.join(path);
        super::write_new(&target, &target, contents)?;
        written.push(target);
    }
    Ok(written)
}
