//! Tests of how messages are shown: the layout of a diagnostic in each language, the
//! codes, the language choice, and every variant of the catalogue in both languages.

use std::path::Path;

use super::*;
use crate::diag::Diagnostic;

const ZH: Messages = Messages {
    lang: Lang::Zh,
    codes: false,
};

#[test]
fn english_is_the_diagnostic_as_written() {
    let image = "x.png".to_string();
    let d = Diagnostic::warning("content/a.md", 4, 9, Msg::NoAltText { image })
        .with_help(Msg::AltTextHelp);
    assert_eq!(Messages::ENGLISH.diagnostic(&d), d.to_string());
    let coded = Messages {
        lang: Lang::En,
        codes: true,
    };
    assert_eq!(
        coded.diagnostic(&d),
        "content/a.md:4:9: warning: the image x.png has no alt text [W811]\n  help: describe the picture for people who cannot see it: ![学生在科技馆做实验](photo.jpg)"
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
fn the_same_code_in_both_languages() {
    let name = "Asia/Beijing".to_string();
    let d = Diagnostic::error("site.toml", 3, 12, Msg::UnknownTimeZone { name });
    assert_eq!(d.message.code(), Some("E005"));
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
fn real_errors_of_site_toml_and_front_matter_have_codes_and_chinese() {
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
    for d in &diags {
        assert!(d.message.code().is_some(), "no code for {:?}", d.message);
        let zh = ZH.message(&d.message);
        assert!(!zh.contains(" should be "), "no Chinese for {zh:?}");
    }
}
