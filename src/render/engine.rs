//! The Tera engine of one build: the theme's templates with the site's overrides,
//! kepu's functions, and template errors turned into diagnostics that name the
//! template file, its line, and the page being rendered.
//!
//! The only place that loads templates into Tera (house rule: wrap each engine once).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use tera::{Context, ErrorKind, Tera};

use super::functions::{self, Lookup};
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::source::SourceFile;

/// Tera with the site's templates, and where each template came from.
pub struct Engine {
    tera: Tera,
    /// Template name → path shown in messages.
    origins: HashMap<String, PathBuf>,
    /// The text of every template in use, to tell which page fields they read.
    texts: Vec<String>,
}

impl Engine {
    /// Loads the templates (later files override earlier ones of the same name) and
    /// registers kepu's functions. Syntax errors of every template are reported.
    pub fn new(
        templates: &[SourceFile],
        lookup: Arc<Lookup>,
        global: Context,
        diags: &mut Diagnostics,
    ) -> Option<Engine> {
        let mut chosen: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
        for file in templates {
            let name = file.rel.to_string_lossy().replace('\\', "/");
            match file.origin.read().map(String::from_utf8) {
                Ok(Ok(text)) => {
                    chosen.insert(name, (file.display.clone(), text));
                }
                _ => diags.push(
                    Diagnostic::error(&file.display, 0, 0, Msg::TemplateNotUtf8)
                        .with_help(Msg::SaveAsUtf8Help),
                ),
            }
        }
        let origins: HashMap<String, PathBuf> = chosen
            .iter()
            .map(|(n, (p, _))| (n.clone(), p.clone()))
            .collect();

        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
        functions::register(&mut tera, lookup);
        *tera.global_context() = global;

        // Each template alone first, so that every syntax error is reported, not only the first.
        let mut broken = false;
        for (name, (_, text)) in &chosen {
            let mut single = Tera::new();
            single.register_from(&tera);
            if let Err(e) = single.add_raw_template(name, text)
                && matches!(e.kind(), ErrorKind::SyntaxError(_))
            {
                diags.push(template_diagnostic(&e, &origins, None));
                broken = true;
            }
        }
        if broken {
            return None;
        }
        let engine_templates: Vec<(&str, &str)> = chosen
            .iter()
            .map(|(n, (_, t))| (n.as_str(), t.as_str()))
            .collect();
        if let Err(e) = tera.add_raw_templates(engine_templates) {
            diags.push(template_diagnostic(&e, &origins, None));
            return None;
        }
        let texts = chosen.into_values().map(|(_, text)| text).collect();
        Some(Engine {
            tera,
            origins,
            texts,
        })
    }

    /// Whether some template names `word` as a whole word (`page.qr` names `qr`;
    /// `wechat_qr` does not). Outputs that only a template can link to, such as the
    /// QR codes, are made only when a template names them.
    pub fn mentions(&self, word: &str) -> bool {
        let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
        self.texts.iter().any(|text| {
            text.match_indices(word).any(|(i, _)| {
                !text[..i].chars().next_back().is_some_and(is_ident)
                    && !text[i + word.len()..].chars().next().is_some_and(is_ident)
            })
        })
    }

    /// The file a template comes from (the site's, or the theme's), for messages.
    pub fn origin(&self, name: &str) -> Option<&std::path::Path> {
        self.origins.get(name).map(PathBuf::as_path)
    }

    /// Whether a template of that name exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders a template into bytes (UTF-8, which Tera's output is by construction:
    /// checking it again cost 3 % of a build); an error names the template, its line,
    /// and `page` (a [`Msg::PageFile`], [`Msg::CalendarPage`] or [`Msg::TaxonomyPage`]),
    /// made only when rendering fails.
    pub fn render(
        &self,
        name: &str,
        context: &Context,
        page: impl FnOnce() -> Msg,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(8 * 1024);
        functions::take_failure();
        self.tera.render_to(name, context, &mut out).map_err(|e| {
            let d = template_diagnostic(&e, &self.origins, functions::take_failure());
            match *d.message {
                // The template's own fault, the same on every page.
                Msg::ParentTemplateMissing { .. } => d,
                _ => d.rendering(page()),
            }
        })?;
        Ok(out)
    }
}

/// A Tera error as a diagnostic at the template's own line. `failed`: the message of
/// kepu's function or filter that failed while rendering, if one did (Tera carries
/// only its text).
fn template_diagnostic(
    err: &tera::Error,
    origins: &HashMap<String, PathBuf>,
    failed: Option<Msg>,
) -> Diagnostic {
    match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            report_diagnostic(err, report, origins, failed)
        }
        ErrorKind::TemplateNotFound(name) => Diagnostic::error(
            PathBuf::new(),
            0,
            0,
            Msg::TemplateMissing { name: name.clone() },
        )
        .with_help(Msg::AddTemplateHelp),
        ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            origins.get(current).cloned().unwrap_or_default(),
            1,
            1,
            Msg::ParentTemplateMissing {
                parent: parent.clone(),
            },
        )
        .with_help(Msg::ExtendsHelp),
        _ => {
            let detail = Box::new(tera_words(err.to_string()));
            Diagnostic::error(PathBuf::new(), 0, 0, Msg::TemplateError { detail })
        }
    }
}

/// A syntax or rendering error, at its line and column of the template.
fn report_diagnostic(
    err: &tera::Error,
    report: &tera::ReportError,
    origins: &HashMap<String, PathBuf>,
    failed: Option<Msg>,
) -> Diagnostic {
    let path = origins
        .get(report.filename())
        .cloned()
        .unwrap_or_else(|| PathBuf::from(format!("templates/{}", report.filename())));
    let span = report.span();
    let mut message = report.message().trim().to_string();
    if let Some(source) = std::error::Error::source(err) {
        message = format!("{message}: {source}");
    }
    let (detail, help) = match (err.kind(), failed) {
        (ErrorKind::SyntaxError(_), _) => (tera_words(message), Msg::TemplateSyntaxHelp),
        (_, Some(failed)) => (failed, Msg::TemplateValueHelp),
        (_, None) => (tera_words(message), Msg::TemplateValueHelp),
    };
    let message = Msg::TemplateError {
        detail: Box::new(detail),
    };
    Diagnostic::error(path, span.start_line, span.start_col + 1, message).with_help(help)
}

/// Tera's own words (a syntax error, an unknown variable): another program's text,
/// shown as it is in both languages.
fn tera_words(text: String) -> Msg {
    Msg::Foreign { text }
}
