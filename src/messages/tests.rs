//! Tests of the translation: the matcher, the language choice, and the table kept in
//! step with the messages written in `src/`.

use std::path::Path;

use super::table::{MESSAGES, PHRASES, TEXTS};
use super::*;
use crate::diag::Diagnostic;

const ZH: Messages = Messages {
    lang: Lang::Zh,
    codes: false,
};

#[test]
fn english_is_the_diagnostic_as_written() {
    let image = "x.png".to_string();
    let d = Diagnostic::warning("content/a.md", 4, 9, Msg::NoAltText { image }).with_help("fix it");
    assert_eq!(Messages::ENGLISH.diagnostic(&d), d.to_string());
    let coded = Messages {
        lang: Lang::En,
        codes: true,
    };
    assert_eq!(
        coded.diagnostic(&d),
        "content/a.md:4:9: warning: the image x.png has no alt text [W811]\n  help: fix it"
    );
}

#[test]
fn chinese_keeps_location_and_field_names() {
    let field = "titel".to_string();
    let help = Msg::DidYouMeanField {
        best: "title".into(),
        allowed: "title, date, draft".into(),
    };
    let d = Diagnostic::error("content/a.md", 4, 1, Msg::UnknownField { field }).with_help(help);
    assert_eq!(
        ZH.diagnostic(&d),
        "content/a.md:4:1: 未知字段 `titel`\n  提示：你是不是想写 `title`？这里可以写的字段有：title, date, draft。"
    );
    let coded = Messages {
        lang: Lang::Zh,
        codes: true,
    };
    assert!(
        coded
            .diagnostic(&d)
            .starts_with("content/a.md:4:1: 未知字段 `titel` [E101]\n")
    );
}

#[test]
fn phrases_inside_a_message_are_translated_too() {
    let wrong = Msg::WrongType {
        what: Box::new(Msg::Field {
            name: "weight".into(),
        }),
        expected: Box::new(Msg::AWholeNumber),
        found: Box::new(Msg::TheText {
            text: "\"3\"".into(),
        }),
    };
    assert_eq!(
        ZH.message(&wrong),
        "`weight` 应该是整数，但现在是文字 \"3\""
    );
    let rule = Msg::RecurrenceUnreadable {
        detail: Box::new(Msg::FreqTooOften {
            value: "HOURLY".into(),
        }),
    };
    assert_eq!(
        ZH.message(&rule),
        "`recurrence`：不支持 FREQ=HOURLY：活动最多每天重复一次"
    );
    let built = Msg::Built {
        pages: Box::new(Msg::pages(3)),
        sections: Box::new(Msg::sections(1)),
        files: Box::new(Msg::files(12)),
        ms: "40".into(),
        output: "public".into(),
    };
    assert_eq!(
        built.english(),
        "Built 3 pages, 1 section, 12 files in 40 ms → public"
    );
    assert_eq!(
        ZH.message(&built),
        "已生成 3 个页面、1 个栏目、12 个文件，用时 40 毫秒 → public"
    );
}

#[test]
fn warnings_and_site_wide_problems_keep_their_shape() {
    let d = Diagnostic::warning("content/a.md", 1, 1, Msg::NoDescription);
    assert_eq!(
        ZH.diagnostic(&d),
        "content/a.md:1:1: 警告：这个页面没有简介（description）"
    );
    let value = "x".to_string();
    let d = Diagnostic::error("", 0, 0, Msg::SourceDateEpoch { value });
    assert_eq!(ZH.diagnostic(&d), "kepu: SOURCE_DATE_EPOCH=\"x\" 不是秒数");
}

/// Every variant of the catalogue, rendered in both languages: each shows all its
/// arguments in each language, a diagnostic's code looks like E104, and the Chinese
/// is not the English left as it is (unless the message is only its arguments).
#[test]
fn every_variant_is_shown_in_both_languages() {
    let variants = Msg::every_variant();
    assert!(variants.len() > 400, "{}", variants.len());
    for (msg, shown) in &variants {
        let (en, zh) = (msg.english(), ZH.message(msg));
        for value in shown {
            assert!(
                en.contains(value.as_str()),
                "{msg:?}: {en:?} leaves out {value}"
            );
            assert!(
                zh.contains(value.as_str()),
                "{msg:?}: {zh:?} leaves out {value}"
            );
        }
        let mut words = en.clone();
        for value in shown {
            words = words.replace(value.as_str(), "");
        }
        if words.chars().any(|c| c.is_ascii_alphabetic()) {
            assert_ne!(en, zh, "{msg:?} has no Chinese");
        }
        if let Some(code) = msg.code() {
            let ok = code.len() == 4
                && (code.starts_with('E') || code.starts_with('W'))
                && code[1..].chars().all(|c| c.is_ascii_digit());
            assert!(ok, "{msg:?} has the code {code:?}");
        }
    }
}

#[test]
fn unmatched_text_stays_english() {
    assert_eq!(
        ZH.text("something kepu has never said"),
        "something kepu has never said"
    );
    // A phrase alone is not a message: "page" only becomes 页面 inside another message.
    assert_eq!(ZH.text("page"), "page");
}

#[test]
fn the_same_code_in_both_languages() {
    let name = "Asia/Beijing".to_string();
    let d = Diagnostic::error("site.toml", 3, 12, Msg::UnknownTimeZone { name });
    assert_eq!(code(&d), Some("E005"));
    for lang in [Lang::En, Lang::Zh] {
        let shown = Messages { lang, codes: true }.diagnostic(&d);
        assert!(shown.starts_with("site.toml:3:12: "), "{shown}");
        assert!(shown.ends_with(" [E005]"), "{shown}");
    }
}

#[test]
fn language_comes_from_kepu_lang_then_the_site() {
    let zh_site = "title = \"t\"\nlanguage = \"zh-CN\"\n";
    let en_site = "title = \"t\"\nlanguage = \"en\"\n";
    assert_eq!(choose(None, Some(zh_site)), Lang::Zh);
    assert_eq!(choose(None, Some(en_site)), Lang::En);
    assert_eq!(choose(Some("en"), Some(zh_site)), Lang::En);
    assert_eq!(choose(Some("zh"), Some(en_site)), Lang::Zh);
    assert_eq!(choose(Some("zh-CN"), None), Lang::Zh);
    // kepu's default language is zh-CN.
    assert_eq!(choose(None, Some("title = \"t\"\n")), Lang::Zh);
    // No site.toml, or a KEPU_LANG we do not speak: English.
    assert_eq!(choose(None, None), Lang::En);
    assert_eq!(choose(Some("fr"), None), Lang::En);
    // A broken site.toml still speaks its language.
    assert_eq!(
        choose(None, Some("language = \"en\"\ntitle = oops\n")),
        Lang::En
    );
    assert_eq!(choose(None, Some("title = oops\n")), Lang::Zh);
}

#[test]
fn real_errors_of_site_toml_and_front_matter_are_all_translated() {
    let mut diags: Vec<Diagnostic> = Vec::new();
    for bad in [
        "title = \"t\"\nbase_url = \"x\"\ntimezon = \"UTC\"\n",
        "title = \"t\"\nbase_url = \"ftp://x\"\ntimezone = \"Asia/Beijing\"\nlanguage = \"中文\"\n[calendar]\nhorizon_days = 0\nweek_start = \"friday\"\n",
        "title = 3\nbase_url = \"https://a.org\"\n",
        "base_url = \"https://a.org\"\n",
        "title = \"t\"\nbase_url = \"https://a.org\"\ntitle = \"u\"\n",
        "title = \"t\"\nbase_url = \"https://a.org\"\n[feeds]\nlimit = -1\n",
    ] {
        diags.extend(crate::config::Config::parse(bad).unwrap_err());
    }
    let config =
        crate::config::Config::parse("title = \"t\"\nbase_url = \"https://a.org\"\n").unwrap();
    for bad in [
        "",
        "title = \"a\"\n",
        "+++\ntitle = \"a\"\n",
        "+++\ntitle = \"a\"\nweight = \"3\"\n+++\n",
        "+++\ntitle = \"a\"\ndraft = \"yes\"\n+++\n",
        "+++\ntitle = \"a\"\ndate = 2018-02-30\n+++\n",
        "+++\ntitle = \"\"\nslug = \"../x\"\nkind = \"news\"\ntemplate = \"../x.html\"\n+++\n",
        "+++\ntitle = \"a\"\n[event]\nstart = 2018-09-15T09:00:00\nend = 2018-09-14T09:00:00\nregistration = \"example.org\"\nstatus = \"over\"\ngeo = [1.0]\ntimezone = \"Mars/Base\"\n+++\n",
        "+++\ntitle = \"a\"\n[event]\nstart = 2018-09-15\nrecurrence = \"FREQ=HOURLY\"\n+++\n",
        "+++\ntitle = \"a\"\n[event]\nstart = 2018-09-15\nrecurrence = \"FREQ=WEEKLY;BYDAY=XX\"\n+++\n",
        "+++\ntitle = \"a\"\n[event]\nstart = 2018-09-15\nrecurrence = \"FREQ=WEEKLY;BYDAY=MO\"\nexdates = [2018-09-16]\n+++\n",
        "+++\ntitle = \"a\"\n[training]\nhours = 0.0\n+++\n",
    ] {
        let mut found = Diagnostics::new();
        crate::content::parse_text(
            Path::new("content/a.md"),
            Path::new("a.md"),
            bad,
            &config,
            &mut found,
        );
        diags.extend(found);
    }
    assert!(diags.len() > 20, "{diags:#?}");
    // A typed message always has its Chinese; an untyped one needs a table entry.
    let chinese = |m: &Msg| match m {
        Msg::Untyped(text) => translate(text, false),
        typed => Some(ZH.message(typed)),
    };
    for d in &diags {
        assert!(code(d).is_some(), "no code for {:?}", d.message);
        assert!(
            chinese(&d.message).is_some_and(|zh| !zh.contains(" should be ")),
            "no Chinese for the message {:?}",
            d.message
        );
        if let Some(help) = &d.help {
            assert!(chinese(help).is_some(), "no Chinese for the help {help:?}");
        }
    }
}

#[test]
fn table_entries_are_well_formed() {
    let all: Vec<(&str, &str)> = MESSAGES
        .iter()
        .map(|e| (e.1, e.2))
        .chain(TEXTS.iter().copied())
        .chain(PHRASES.iter().copied())
        .collect();
    let mut seen = std::collections::HashSet::new();
    for (en, zh) in &all {
        assert!(seen.insert(*en), "{en:?} is in the table twice");
        let parts = parse_template(en);
        let holes = parts
            .iter()
            .filter(|p| matches!(p, Part::Hole { .. }))
            .count();
        assert!(
            parts
                .windows(2)
                .all(|w| matches!(w[0], Part::Lit(_)) || matches!(w[1], Part::Lit(_))),
            "{en:?} has two holes in a row, which cannot be told apart"
        );
        let marks: Vec<String> = (0..holes).map(|i| format!("value{i}")).collect();
        let filled = fill(zh, &marks);
        for mark in &marks {
            assert!(filled.contains(mark.as_str()), "{zh:?} leaves out {mark}");
        }
        assert!(
            !filled.contains(&format!("value{holes}")),
            "{zh:?} has too many holes"
        );
    }
    for (code, en, _) in MESSAGES {
        let ok = code.len() == 4
            && (code.starts_with('E') || code.starts_with('W'))
            && code[1..].chars().all(|c| c.is_ascii_digit());
        assert!(
            ok,
            "{en:?} has the code {code:?}; codes look like E104 or W811"
        );
    }
}

/// Literals of `src/` that look like English but are not messages: text kepu compares
/// with (serde's and TOML's words), names of things, markers.
const NOT_MESSAGES: &[&str] = &[
    // an example value in the [resource] help, written as editors type it
    "CC BY 4.0",
    // heap figures printed for developers under KEPU_HEAP_STATS (src/heap.rs)
    "heap \0: in use \0 MB, free in heaps \0 MB, mapped \0 MB, resident \0 MB\0",
    "after a build was dropped",
    "after a check",
    "after a build",
    "unknown field `",
    "missing field `",
    "missing field",
    "invalid type: ",
    "invalid date",
    "invalid time",
    "duplicate key",
    "floating point",
    "an integer",
    "a TOML datetime",
    "a datetime",
    "a string",
    "a boolean",
    "a sequence",
    "a map",
    " (while rendering ",
    "(built-in theme)",
    "static header",
    // HTTP reason phrases (serve/wire.rs): protocol text, not shown to editors
    "Moved Permanently",
    "Not Modified",
    "Bad Request",
    "Not Found",
    "Method Not Allowed",
    "Request Timeout",
    "URI Too Long",
    "Misdirected Request",
    "Request Header Fields Too Large",
    "Internal Server Error",
    "Service Unavailable",
    "HTTP Version Not Supported",
    // `--timings` figures, in English like the stage timings beside them (cli/build.rs)
    "  images: \0 made, \0 from the cache",
    // an `unreachable!` for maintainers (markdown.rs)
    "plain_link is called for links and images only",
];

/// `code` without the parts marked as another program's words (toml_syntax.rs matches
/// the toml parser's English error kinds to give kepu's own): between
/// `// The toml parser's own words` and `// } the toml parser's own words`.
fn without_parser_words(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(start) = rest.find("// The toml parser's own words") {
        out.push_str(&rest[..start]);
        let end = "// } the toml parser's own words";
        let skipped = rest[start..]
            .find(end)
            .map_or(rest.len(), |e| start + e + end.len());
        // Keep the line numbers of what follows.
        out.extend(rest[start..skipped].matches('\n').map(|_| '\n'));
        rest = &rest[skipped..];
    }
    out.push_str(rest);
    out
}

/// Every string literal of `src/` that reads like an English sentence (two words or
/// more, not HTML, not a whole file) must be found in an English template of the
/// table, so that a new message cannot ship without its Chinese. Only for the
/// messages not yet typed ([`crate::diag::Msg::Untyped`]): the catalogue of typed
/// ones, `src/diag/msg.rs`, has both texts in each variant.
#[test]
fn every_message_in_src_has_a_chinese_entry() {
    let templates: Vec<String> = MESSAGES
        .iter()
        .map(|e| e.1)
        .chain(TEXTS.iter().map(|e| e.0))
        .chain(PHRASES.iter().map(|e| e.0))
        .map(|en| canonical(&parse_template(en)))
        .collect();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    for file in rust_files(&src) {
        // The typed catalogue is checked by the compiler.
        if file.starts_with(src.join("messages")) || file == src.join("diag").join("msg.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = without_parser_words(text.split("#[cfg(test)]").next().unwrap_or(""));
        for (literal, line) in literals(&code) {
            let shown = canonical(&literal);
            if !reads_like_a_message(&shown) || NOT_MESSAGES.contains(&shown.as_str()) {
                continue;
            }
            let mut pattern = vec![Part::Hole { translate: false }];
            pattern.extend(literal);
            pattern.push(Part::Hole { translate: false });
            pattern.dedup_by(|a, b| matches!((a, b), (Part::Hole { .. }, Part::Hole { .. })));
            if !templates.iter().any(|t| match_parts(&pattern, t).is_some()) {
                let rel = file.strip_prefix(&src).unwrap().display();
                missing.push(format!("src/{rel}:{line}: {:?}", shown.replace('\0', "{}")));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "these messages have no entry in src/messages/table.rs:\n{}",
        missing.join("\n")
    );
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// A template as one string, each hole a NUL.
fn canonical(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Lit(s) => s.as_str(),
            Part::Hole { .. } => "\0",
        })
        .collect()
}

/// Two words in a row (a letter, a space, a letter), not HTML, not several lines.
fn reads_like_a_message(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let two_words = (1..chars.len().saturating_sub(1)).any(|i| {
        chars[i] == ' ' && chars[i - 1].is_ascii_alphabetic() && chars[i + 1].is_ascii_alphabetic()
    });
    two_words && !text.trim_start().starts_with('<') && !text.contains('\n')
}

/// The string literals of Rust source with their lines, as templates: a literal that
/// is the format string of `format!` and friends has holes, others are plain text.
fn literals(code: &str) -> Vec<(Vec<Part>, usize)> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    while i < bytes.len() {
        let rest = &code[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |e| e + 2);
        } else if bytes[i] == b'r'
            && (i == 0 || !ident(bytes[i - 1]))
            && rest[1..].trim_start_matches('#').starts_with('"')
        {
            let hashes = rest[1..].len() - rest[1..].trim_start_matches('#').len();
            let open = 2 + hashes;
            let close = format!("\"{}", "#".repeat(hashes));
            let end = rest[open..].find(&close).map_or(rest.len(), |e| open + e);
            let line = code[..i].matches('\n').count() + 1;
            out.push((vec![Part::Lit(rest[open..end].to_string())], line));
            i += end + close.len();
        } else if bytes[i] == b'\'' {
            // A char literal ('a', '\n', '"') or a lifetime ('a).
            let mut chars = rest[1..].chars();
            match (chars.next(), chars.next()) {
                (Some('\\'), _) => {
                    i += 3 + rest.get(3..).and_then(|r| r.find('\'')).unwrap_or(0) + 1
                }
                (Some(c), Some('\'')) => i += 1 + c.len_utf8() + 1,
                _ => i += 1,
            }
        } else if bytes[i] == b'"' {
            let (text, len) = unescape(&rest[1..]);
            let line = code[..i].matches('\n').count() + 1;
            let before = code[..i].trim_end();
            let is_format = [
                "format!(",
                "println!(",
                "eprintln!(",
                "print!(",
                "eprint!(",
                "panic!(",
            ]
            .iter()
            .any(|m| before.ends_with(m));
            let parts = if is_format {
                format_parts(&text)
            } else {
                vec![Part::Lit(text)]
            };
            out.push((parts, line));
            i += 1 + len + 1;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// The text of a string literal's body, and the length of the body in the source.
fn unescape(body: &str) -> (String, usize) {
    let mut out = String::new();
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (out, i),
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, 'r')) => out.push('\r'),
                Some((_, '0')) => out.push('\0'),
                Some((_, 'u')) => {
                    let mut hex = String::new();
                    for (_, h) in chars.by_ref() {
                        match h {
                            '{' => {}
                            '}' => break,
                            h => hex.push(h),
                        }
                    }
                    if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        out.push(c);
                    }
                }
                Some((_, '\n')) => {
                    while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                        chars.next();
                    }
                }
                Some((_, other)) => out.push(other),
                None => {}
            },
            c => out.push(c),
        }
    }
    (out, body.len())
}

/// A format string as a template: `{name}`, `{:.1}` are holes, `{{` and `}}` braces.
fn format_parts(text: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("{{") || rest.starts_with("}}") {
            lit.push(c);
            rest = &rest[2..];
        } else if c == '{' {
            if !lit.is_empty() {
                parts.push(Part::Lit(std::mem::take(&mut lit)));
            }
            parts.push(Part::Hole { translate: false });
            rest = &rest[rest.find('}').map_or(rest.len(), |e| e + 1)..];
        } else {
            lit.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !lit.is_empty() {
        parts.push(Part::Lit(lit));
    }
    parts
}
