//! Writes a page's front matter as an editor would: top-level keys in a fixed order,
//! then `[event]` and `[extra]` tables. Strings are quoted by the toml crate.

/// Front matter being written.
#[derive(Debug, Default)]
pub struct Front {
    top: String,
    tables: Vec<(&'static str, String)>,
}

/// A TOML string literal.
pub fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A TOML array of strings.
pub fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

impl Front {
    /// `key = "text"` at the top (skipped when the text is empty).
    pub fn text(&mut self, key: &str, value: &str) {
        if !value.is_empty() {
            self.raw(key, &quote(value));
        }
    }

    /// `key = value` at the top, the value written as given (dates, numbers, lists).
    pub fn raw(&mut self, key: &str, value: &str) {
        self.top.push_str(&format!("{key} = {value}\n"));
    }

    /// `key = value` in the table `[name]`.
    pub fn in_table(&mut self, name: &'static str, key: &str, value: &str) {
        let line = format!("{key} = {value}\n");
        match self.tables.iter_mut().find(|(n, _)| *n == name) {
            Some((_, text)) => text.push_str(&line),
            None => self.tables.push((name, line)),
        }
    }

    /// The whole file: front matter between `+++` lines, then the body.
    pub fn file(&self, body: &str) -> String {
        let mut out = String::from("+++\n");
        out.push_str(&self.top);
        for (name, text) in &self.tables {
            out.push_str(&format!("\n[{name}]\n{text}"));
        }
        out.push_str("+++\n\n");
        out.push_str(body);
        out
    }
}
