//! Data files under `data/` (TOML, JSON, CSV), read once per build for `load_data`.
//! A syntax error is reported at its file, line and column like any content error.

use std::collections::HashMap;
use std::path::Path;

use tera::Value;

use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::source::SourceFile;
use crate::toml_diag::TomlOrigin;

/// Loads every data file; the key is its path inside `data/` (`partners.toml`).
pub fn load(files: &[SourceFile], diags: &mut Diagnostics) -> HashMap<String, Value> {
    let mut data = HashMap::new();
    for file in files {
        let key = file.rel.to_string_lossy().replace('\\', "/");
        let ext = Path::new(&key)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if !matches!(ext.as_str(), "toml" | "json" | "csv") {
            continue;
        }
        match read_text(file).and_then(|text| parse(file, &ext, &text)) {
            Ok(v) => {
                data.insert(key, v);
            }
            Err(d) => diags.push(d),
        }
    }
    data
}

/// The text of a data file, without a byte-order mark.
fn read_text(file: &SourceFile) -> Result<String, Diagnostic> {
    match file.origin.read().map(String::from_utf8) {
        Ok(Ok(text)) => Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        }),
        Ok(Err(_)) => {
            Err(Diagnostic::error(&file.display, 0, 0, Msg::DataNotUtf8)
                .with_help(Msg::SaveAsUtf8Help))
        }
        Err(e) => Err(Diagnostic::error(
            &file.display,
            0,
            0,
            Msg::CannotReadFile {
                error: e.to_string(),
            },
        )),
    }
}

/// The value of a data file's text, by its extension (`toml`, `json` or `csv`).
fn parse(file: &SourceFile, ext: &str, text: &str) -> Result<Value, Diagnostic> {
    match ext {
        "toml" => match toml::from_str::<toml::Table>(text) {
            Ok(table) => Ok(Value::from_serializable(
                &crate::render::views::table_to_json(&table),
            )),
            Err(e) => Err(TomlOrigin {
                path: &file.display,
                text,
                line_offset: 0,
            }
            .diagnostic(&e)),
        },
        "json" => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(json) => Ok(Value::from_serializable(&json)),
            Err(e) => Err(Diagnostic::error(
                &file.display,
                e.line(),
                e.column(),
                Msg::NotJson {
                    error: e.to_string(),
                },
            )
            .with_help(Msg::JsonHelp)),
        },
        _ => csv_rows(text).map_err(|(line, message)| {
            Diagnostic::error(&file.display, line, 1, Msg::NotCsv { error: message })
                .with_help(Msg::CsvHelp)
        }),
    }
}

/// A CSV file as a list of rows, each a map from the header row's names to the cells.
fn csv_rows(text: &str) -> Result<Value, (usize, String)> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| (e.position().map_or(1, |p| p.line() as usize), e.to_string()))?
        .clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| (e.position().map_or(1, |p| p.line() as usize), e.to_string()))?;
        let row: serde_json::Map<String, serde_json::Value> = headers
            .iter()
            .zip(record.iter())
            .map(|(h, v)| (h.to_string(), serde_json::Value::String(v.to_string())))
            .collect();
        rows.push(serde_json::Value::Object(row));
    }
    Ok(Value::from_serializable(&rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_are_maps_by_header() {
        let v = csv_rows("name,town\n科协,东莞\n").unwrap();
        assert_eq!(
            v.get_from_path("0.town").and_then(|v| v.as_str()),
            Some("东莞")
        );
        let err = csv_rows("a,b\n1\n").unwrap_err();
        assert_eq!(err.0, 2);
    }
}
