//! Reading iCalendar (RFC 5545) text: lines unfolded, each content line split into
//! its name, parameters and value, components nested by `BEGIN`/`END`, every property
//! with the line it starts on.
//!
//! Part of the `content` stage, used by [`super::partner`] for the partners' `.ics`
//! files of `data/calendars/`. Written here rather than taken from the `ical` or
//! `icalendar` crates: they report a bad line without its number (a warning must name
//! it), `icalendar` brings chrono beside kepu's jiff, and the part that is hard —
//! recurrence, exceptions, zones — is kepu's own expansion either way. Only the
//! syntax is read here; what the properties mean is [`super::partner`]'s business.

use crate::diag::Msg;

/// One property: `DTSTART;TZID=Europe/Berlin:20181013T100000`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// The name, in capitals (`DTSTART`).
    pub name: String,
    /// The parameters, names in capitals, values unquoted (`TZID`, `Europe/Berlin`).
    pub params: Vec<(String, String)>,
    /// The value as written (text escapes kept; see [`unescape`]).
    pub value: String,
    /// The line of the file it starts on (1-based).
    pub line: usize,
}

impl Property {
    /// The value of parameter `name` (in capitals), if present.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A component (`VCALENDAR`, `VEVENT`, `VTIMEZONE`…) with its properties and the
/// components inside it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Component {
    /// The name, in capitals.
    pub name: String,
    /// The line of its `BEGIN`.
    pub line: usize,
    /// Its properties, in order.
    pub properties: Vec<Property>,
    /// The components inside it, in order.
    pub children: Vec<Component>,
}

impl Component {
    /// The first property named `name` (in capitals).
    pub fn get(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// Every property named `name` (in capitals).
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Property> + 'a {
        self.properties.iter().filter(move |p| p.name == name)
    }
}

/// A problem in the text, at a line: the line is skipped, or (for `BEGIN`/`END` that
/// do not pair up) the file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The line (1-based).
    pub line: usize,
    /// What is wrong.
    pub what: Msg,
}

/// Reads a whole file: the outermost components (normally one `VCALENDAR`), and the
/// problems found. `Err` when components do not nest, which leaves nothing usable.
pub fn parse(text: &str) -> Result<(Vec<Component>, Vec<Problem>), Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::default();
    for (line, content) in unfold(text) {
        if !content.trim().is_empty() {
            reader.line(&content, line)?;
        }
    }
    // The innermost: where the nesting first went wrong.
    if let Some(open) = reader.stack.last() {
        return Err(Problem {
            line: open.line,
            what: Msg::IcalNeverClosed {
                name: open.name.clone(),
            },
        });
    }
    Ok((reader.done, reader.problems))
}

/// What [`parse`] has read so far.
#[derive(Default)]
struct Reader {
    /// The components open at this line, outermost first.
    stack: Vec<Component>,
    /// The outermost components closed.
    done: Vec<Component>,
    /// The lines skipped, and why.
    problems: Vec<Problem>,
}

impl Reader {
    /// Reads one logical line (not blank), which starts on `line`.
    fn line(&mut self, content: &str, line: usize) -> Result<(), Problem> {
        let Some(prop) = content_line(content, line) else {
            let what = Msg::IcalNotProperty;
            self.problems.push(Problem { line, what });
            return Ok(());
        };
        match prop.name.as_str() {
            "BEGIN" => self.stack.push(Component {
                name: prop.value.trim().to_ascii_uppercase(),
                line,
                ..Component::default()
            }),
            "END" => {
                let closed = close(&mut self.stack, prop.value.trim(), line)?;
                match self.stack.last_mut() {
                    Some(parent) => parent.children.push(closed),
                    None => self.done.push(closed),
                }
            }
            _ => match self.stack.last_mut() {
                Some(c) => c.properties.push(prop),
                None => self.problems.push(Problem {
                    line,
                    what: Msg::IcalOutsideCalendar,
                }),
            },
        }
        Ok(())
    }
}

/// Closes the innermost open component at an `END:name` on `line`; an error when it
/// is not a `name` or none is open.
fn close(stack: &mut Vec<Component>, name: &str, line: usize) -> Result<Component, Problem> {
    let name = name.to_ascii_uppercase();
    let what = match stack.pop() {
        Some(c) if c.name == name => return Ok(c),
        Some(c) => Msg::IcalEndMismatch {
            end: name,
            begin: c.name,
            begin_line: c.line,
        },
        None => Msg::IcalEndWithoutBegin { name },
    };
    Err(Problem { line, what })
}

/// The logical lines (RFC 5545 §3.1: a line starting with a space or tab continues
/// the one before, that one character removed), each with the line it starts on.
/// Lines may end with CRLF or LF.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (raw.strip_prefix([' ', '\t']), out.last_mut()) {
            (Some(rest), Some((_, last))) => last.push_str(rest),
            _ => out.push((i + 1, raw.to_string())),
        }
    }
    out
}

/// Splits `NAME;PARAM=value,"quoted":value`; `None` without a name or a colon.
fn content_line(line: &str, number: usize) -> Option<Property> {
    let name_end = line.find([';', ':'])?;
    let name = line[..name_end].trim();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return None;
    }
    let mut params = Vec::new();
    let mut rest = &line[name_end..];
    while let Some(after) = rest.strip_prefix(';') {
        let eq = after.find('=')?;
        let pname = after[..eq].trim().to_ascii_uppercase();
        let (value, tail) = param_value(&after[eq + 1..])?;
        params.push((pname, value));
        rest = tail;
    }
    let value = rest.strip_prefix(':')?;
    Some(Property {
        name: name.to_ascii_uppercase(),
        params,
        value: value.to_string(),
        line: number,
    })
}

/// A parameter's value at the start of `tail` (`a,"b;c"`: quotes removed, commas
/// kept), and the text after it; `None` when a quote or the line ends too soon.
fn param_value(mut tail: &str) -> Option<(String, &str)> {
    let mut value = String::new();
    loop {
        if let Some(quoted) = tail.strip_prefix('"') {
            let close = quoted.find('"')?;
            value.push_str(&quoted[..close]);
            tail = &quoted[close + 1..];
        } else {
            let end = tail.find([',', ';', ':'])?;
            value.push_str(&tail[..end]);
            tail = &tail[end..];
        }
        match tail.strip_prefix(',') {
            Some(more) => {
                value.push(',');
                tail = more;
            }
            None => return Some((value, tail)),
        }
    }
}

/// A TEXT value with its escapes undone: `\n` and `\N` a new line, `\,` `\;` `\\`
/// themselves.
pub fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_lines_are_joined_and_numbered_from_their_start() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:科普\r\n  讲座\r\nDESCRIPTION:a\\, b\\nc\r\nDTSTART;TZID=\"Europe/Berlin\":20181013T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let (top, problems) = parse(text).unwrap();
        assert!(problems.is_empty());
        let event = &top[0].children[0];
        assert_eq!(event.line, 2);
        let summary = event.get("SUMMARY").unwrap();
        assert_eq!((summary.value.as_str(), summary.line), ("科普 讲座", 3));
        assert_eq!(
            unescape(&event.get("DESCRIPTION").unwrap().value),
            "a, b\nc"
        );
        let start = event.get("DTSTART").unwrap();
        assert_eq!(start.param("TZID"), Some("Europe/Berlin"));
        assert_eq!((start.value.as_str(), start.line), ("20181013T100000", 6));
    }

    #[test]
    fn quoted_parameters_may_hold_colons_and_semicolons() {
        let p = content_line("ORGANIZER;CN=\"A: B; C\";ROLE=CHAIR:mailto:a@b.org", 1).unwrap();
        assert_eq!(
            p.params,
            [
                ("CN".to_string(), "A: B; C".to_string()),
                ("ROLE".to_string(), "CHAIR".to_string())
            ]
        );
        assert_eq!(p.value, "mailto:a@b.org");
    }

    #[test]
    fn a_bad_line_is_a_problem_and_unpaired_ends_are_an_error() {
        let (_, problems) = parse("BEGIN:VCALENDAR\nthis is not ical\nEND:VCALENDAR\n").unwrap();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 2);
        let err = parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert_eq!(
            err.what.english(),
            "END:VCALENDAR closes BEGIN:VEVENT of line 2"
        );
        let err = parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\n").unwrap_err();
        assert_eq!(
            (err.line, err.what.english().as_str()),
            (2, "BEGIN:VEVENT is never closed by END:VEVENT")
        );
    }
}
