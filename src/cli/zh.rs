//! The command line in Chinese, for Chinese sites and `KEPU_LANG=zh`: `--help` and the
//! usage errors clap reports (`kepu new events …`) in the editors' language.
//!
//! clap writes its texts in English; here the [`Cli`](super::Cli) command is given
//! Chinese ones before parsing: each doc-comment help line through [`HELP`], clap's
//! headings through a help template, and a usage error is re-worded from its kind and
//! context instead of clap's English sentence. English sites keep clap as it is.

use clap::Command;
use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

/// Every help text of the command line: (English, as in the doc comments; Chinese).
#[rustfmt::skip]
const HELP: &[(&str, &str)] = &[
    ("kepu (科普): a fast, Chinese-first static site generator with event calendars.", "kepu（科普）：快速的中文优先静态网站生成器，自带活动日历。"),
    ("Build the site into the output folder (public/ by default).", "生成网站，写到输出文件夹（默认是 public/）。"),
    ("Build in memory and report broken links, missing alt text and other problems.", "在内存里生成网站，报告失效的链接、缺少替代文字的图片等问题。"),
    ("Create a new site in DIR that builds as it is.", "在 DIR 里新建一个可以直接生成的网站。"),
    ("Create a page of a kind where it belongs: news, event, training, resource or page.", "按类型在合适的位置新建页面：news（新闻）、event（活动）、training（培训）、resource（资料）或 page（页面）。"),
    ("Serve the site on http://127.0.0.1:1111/, rebuilding and reloading on every change.", "在 http://127.0.0.1:1111/ 预览网站，每次修改后自动重新生成并刷新。"),
    ("The site folder (with site.toml); default: the current folder.", "网站文件夹（有 site.toml 的那个）；默认是当前文件夹。"),
    ("Where to write the site; default: public/ in the site folder.", "网站写到哪里；默认是网站文件夹里的 public/。"),
    ("Build drafts and future-dated pages too.", "草稿和日期在将来的页面也一起生成。"),
    ("Use this base URL instead of site.toml's.", "用这个网址代替 site.toml 里的 base_url。"),
    ("The build time, e.g. 2018-06-01T00:00:00+08:00 (default: now, or SOURCE_DATE_EPOCH).", "生成时间，例如 2018-06-01T00:00:00+08:00（默认是现在，或 SOURCE_DATE_EPOCH）。"),
    ("Print how long each stage took.", "显示每个阶段用了多长时间。"),
    ("Fail on warnings too.", "有警告也算失败。"),
    ("The folder to create the site in (created if missing; must be empty).", "要新建网站的文件夹（不存在就新建；必须是空的）。"),
    ("What kind of page.", "页面类型。"),
    ("Its title, in quotes.", "页面标题，放在引号里。"),
    ("Folder under content/ to put it in (default: the section of that kind).", "放在 content/ 下的哪个文件夹（默认是这种类型的栏目）。"),
    ("\"Today\" for the new page's date, e.g. 2018-06-01 (default: the clock).", "新页面日期用的“今天”，例如 2018-06-01（默认是当前时间）。"),
    ("Address to listen on.", "监听的地址。"),
    ("Port to listen on; the next free one is used when it is taken.", "监听的端口；被占用时自动用下一个空闲的端口。"),
    ("Poll for changes instead of using file-system notifications.", "定时检查文件变化，而不是使用文件系统通知。"),
    ("Open the site in the default browser.", "在默认浏览器里打开网站。"),
    ("A news item, dated today.", "新闻，日期是今天。"),
    ("An event, as a folder for its poster and files.", "活动，放在一个文件夹里，可以一起放海报和文件。"),
    ("A training.", "培训。"),
    ("A download (poster, reader…), as a folder for the file.", "可下载的资料（海报、读本……），放在一个文件夹里。"),
    ("A plain page.", "普通页面。"),
    ("Print help", "显示帮助"),
    ("Print version", "显示版本"),
    ("Print this message or the help of the given subcommand(s)", "显示这段说明，或者指定子命令的帮助"),
];

/// clap's help layout with Chinese headings.
const TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// The command with Chinese help texts and headings, for every subcommand.
pub fn command(mut cmd: Command) -> Command {
    cmd.build();
    localize(cmd)
}

/// [`command`] for one built command and its subcommands.
fn localize(mut cmd: Command) -> Command {
    if let Some(about) = cmd.get_about().map(|a| a.to_string()) {
        cmd = cmd.about(chinese(&about));
    }
    let args: Vec<(clap::Id, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().clone(), a.is_positional()))
        .collect();
    for (id, positional) in args {
        cmd = cmd.mut_arg(id, |arg| {
            let help = arg.get_help().map(|h| chinese(&h.to_string()));
            let arg = arg.help_heading(if positional { "参数" } else { "选项" });
            // The values of an enum keep their parser (the enum); their Chinese help
            // goes into the argument's own help instead of clap's English list.
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .map(|v| {
                    let help = v.get_help().map(|h| chinese(&h.to_string()));
                    format!("\n  - {}：{}", v.get_name(), help.unwrap_or_default())
                })
                .collect();
            let arg = arg.hide_possible_values(!values.is_empty());
            match help {
                Some(h) => arg.help(h + &values.concat()),
                None => arg,
            }
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, localize);
    }
    cmd.help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
}

/// The Chinese of a help text; the English when the table has none.
fn chinese(english: &str) -> String {
    HELP.iter()
        .find(|(en, _)| *en == english)
        .map_or_else(|| english.to_string(), |(_, zh)| zh.to_string())
}

/// A usage error in Chinese: what is wrong, a suggestion when clap has one, the usage
/// line and where to read more. Help and version requests are shown as they are.
pub fn error(e: &Error) -> String {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return e.render().to_string();
    }
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join("、"),
        _ => String::new(),
    };
    let invalid = text(ContextKind::InvalidValue);
    let arg = text(ContextKind::InvalidArg);
    let mut out = match e.kind() {
        ErrorKind::InvalidValue if invalid.is_empty() => format!("错误：{arg} 需要一个值"),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!("错误：{arg} 不能是 '{invalid}'")
        }
        ErrorKind::UnknownArgument => format!("错误：不认识的参数 '{arg}'"),
        ErrorKind::InvalidSubcommand => {
            format!(
                "错误：没有 '{}' 这个命令",
                text(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::MissingRequiredArgument => format!("错误：缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "错误：请写出要做什么：build、check、init、new 或 serve".to_string()
        }
        ErrorKind::ArgumentConflict => format!("错误：参数 {arg} 不能和其他参数一起用"),
        _ => format!("错误：命令行参数不对：{arg}"),
    };
    let valid = text(ContextKind::ValidValue);
    if !valid.is_empty() {
        out.push_str(&format!("\n  可以写：{valid}"));
    }
    let suggested = [
        ContextKind::SuggestedValue,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
    ]
    .into_iter()
    .map(text)
    .find(|s| !s.is_empty());
    if let Some(s) = suggested {
        out.push_str(&format!("\n  提示：你是不是想写 '{s}'？"));
    }
    let rendered = e.render().to_string();
    if let Some(usage) = rendered.lines().find_map(|l| {
        l.strip_prefix("Usage: ")
            .or_else(|| l.strip_prefix("用法："))
    }) {
        out.push_str(&format!("\n\n用法：{usage}"));
    }
    out.push_str("\n\n更多说明请运行 kepu --help。");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn every_help_text_has_chinese() {
        fn all(cmd: &Command, out: &mut Vec<String>) {
            out.extend(cmd.get_about().map(|a| a.to_string()));
            for arg in cmd.get_arguments() {
                out.extend(arg.get_help().map(|h| h.to_string()));
                for v in arg.get_possible_values() {
                    out.extend(v.get_help().map(|h| h.to_string()));
                }
            }
            for sub in cmd.get_subcommands() {
                all(sub, out);
            }
        }
        let mut cmd = super::super::Cli::command();
        cmd.build();
        let mut texts = Vec::new();
        all(&cmd, &mut texts);
        let missing: Vec<&String> = texts
            .iter()
            .filter(|t| !HELP.iter().any(|(en, _)| en == t))
            .collect();
        assert!(missing.is_empty(), "add these to HELP: {missing:#?}");
    }
}
