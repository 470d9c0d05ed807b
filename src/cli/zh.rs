//! The command line in Chinese, for Chinese sites and `KEPU_LANG=zh`: `--help` and the
//! usage errors clap reports (`kepu new events …`) in the editors' language.
//!
//! clap writes its texts in English; here the [`Cli`](super::Cli) command is given
//! Chinese ones before parsing: each doc-comment help line through [`HELP`], clap's
//! headings through a help template, and a usage error is re-worded from its kind and
//! context instead of clap's English sentence. English sites keep clap as it is.

use clap::Command;
use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

use crate::messages::cli_help::HELP;

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
        .find(|(en, _)| same_help(en, english))
        .map_or_else(|| english.to_string(), |(_, zh)| zh.to_string())
}

/// Whether a table entry is a help text: clap drops the final full stop of a doc
/// comment.
fn same_help(entry: &str, help: &str) -> bool {
    entry.trim_end_matches('.') == help.trim_end_matches('.')
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
            .filter(|t| !HELP.iter().any(|(en, _)| same_help(en, t)))
            .collect();
        assert!(missing.is_empty(), "add these to HELP: {missing:#?}");
    }
}
