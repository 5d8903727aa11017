//! Diagnostics that point at `file:line:column`, the one shape every validator
//! (content, keymaps, config, assessments) reports problems in.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    /// 1-based; 0 when the problem concerns the whole file or folder.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn at(path: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_col(text, offset);
        Diagnostic {
            path: path.to_string(),
            line,
            column,
            message: message.into(),
        }
    }

    pub fn whole(path: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string(),
            line: 0,
            column: 0,
            message: message.into(),
        }
    }

    /// A TOML syntax error, with the key named when the parser reports a duplicate.
    /// Every TOML reader (content, keymaps, themes, config, assessments) reports through this.
    pub fn toml_syntax(path: &str, text: &str, err: &toml::de::Error) -> Self {
        let (offset, message) = toml_syntax_message(text, err);
        Self::at(path, text, offset, message)
    }

    /// From a TOML parse or deserialisation error: its span and its bare message.
    pub fn from_toml(path: &str, text: &str, err: &toml::de::Error) -> Self {
        let message = super::text::one_line(err.message().trim());
        match err.span() {
            Some(span) => Self::at(path, text, span.start, message),
            None => Self::at(path, text, 0, message),
        }
    }
}

impl Diagnostic {
    /// `path:line:column`, or just the path for a whole-file problem.
    pub fn location(&self) -> String {
        let path = super::text::one_line(&self.path);
        if self.line == 0 {
            path
        } else {
            format!("{path}:{}:{}", self.line, self.column)
        }
    }
}

/// Path and message are cleaned on the way out: a file name or an id can carry control
/// characters, and a diagnostic is printed straight to the terminal.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            self.location(),
            super::text::one_line(&self.message)
        )
    }
}

/// Byte offset and message of a TOML syntax error (see [`Diagnostic::toml_syntax`]).
pub fn toml_syntax_message(text: &str, err: &toml::de::Error) -> (usize, String) {
    let span = err.span().unwrap_or(0..0);
    let mut msg = super::text::one_line(err.message().trim());
    if msg == "duplicate key" {
        // The parser names no key; the span covers it.
        let key = text.get(span.clone()).unwrap_or("").trim();
        if !key.is_empty() && !key.contains('\n') {
            msg = format!("duplicate key `{}`", super::text::one_line(key));
        }
    }
    (span.start, format!("TOML syntax error: {msg}"))
}

/// "; did you mean `x`?" when one of `names` is a likely misspelling of `given` (one
/// starts with the other, or they are one edit apart, two for longer names);
/// otherwise empty. Goes at the end of a message.
pub fn did_you_mean(given: &str, names: &[&str]) -> String {
    let given = given.to_ascii_lowercase();
    let distance = |a: &str, b: &str| {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let cur = row[j + 1];
                row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
                prev = cur;
            }
        }
        row[b.len()]
    };
    names
        .iter()
        .map(|n| {
            let close = if n.starts_with(&given) || given.starts_with(n) {
                0
            } else {
                distance(&given, n)
            };
            (close, *n)
        })
        .filter(|(d, _)| given.len() > 1 && *d <= if given.len() >= 5 { 2 } else { 1 })
        .min()
        .map_or(String::new(), |(_, n)| format!("; did you mean `{n}`?"))
}

/// 1-based line and character column of a byte offset (clamped to the text).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, text.find('=').unwrap()), (1, 3));
        let second_eq = text.rfind('=').unwrap();
        assert_eq!(line_col(text, second_eq), (2, 4));
        assert_eq!(line_col(text, 999), (3, 1));
    }

    #[test]
    fn displays_in_compiler_style() {
        let d = Diagnostic::at("x.toml", "k = 1", 4, "bad");
        assert_eq!(d.to_string(), "x.toml:1:5: bad");
        assert_eq!(
            Diagnostic::whole("dir", "missing").to_string(),
            "dir: missing"
        );
    }

    #[test]
    fn never_prints_control_characters() {
        let d = Diagnostic::at("out\u{1b}[2J.toml", "k = 1", 0, "id `a\nb\u{9b}` twice");
        assert_eq!(d.to_string(), "out[2J.toml:1:1: id `a b` twice");
    }
}
