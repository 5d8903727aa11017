//! Text hygiene for everything read from files. No escape sequence from a content or
//! assessment file may ever reach the terminal, so strings are checked (for `check`)
//! and cleaned (on load) here, once, before any other code sees them.

use unicode_normalization::{UnicodeNormalization, is_nfc};

/// Why a character is not allowed in content text.
pub fn forbidden(c: char) -> Option<&'static str> {
    match c {
        '\n' | '\t' | '\r' => None,
        '\u{0}'..='\u{1f}' | '\u{7f}' => Some("control character"),
        '\u{80}'..='\u{9f}' => Some("C1 control character"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some("bidirectional override character")
        }
        _ => None,
    }
}

/// The first forbidden character in `s`, if any.
pub fn first_forbidden(s: &str) -> Option<(char, &'static str)> {
    s.chars().find_map(|c| forbidden(c).map(|why| (c, why)))
}

/// Human name for a forbidden character, never the character itself.
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{1b}' => " (ESC)",
        '\u{7}' => " (BEL)",
        '\u{8}' => " (BS)",
        '\u{0}' => " (NUL)",
        '\u{7f}' => " (DEL)",
        '\u{9b}' => " (CSI)",
        '\u{202e}' => " (RIGHT-TO-LEFT OVERRIDE)",
        '\u{202d}' => " (LEFT-TO-RIGHT OVERRIDE)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

/// Strip forbidden characters, turn tabs into spaces, drop carriage returns and
/// normalise to NFC. Idempotent.
pub fn sanitize(s: &str) -> String {
    let clean = s
        .chars()
        .all(|c| c != '\t' && c != '\r' && forbidden(c).is_none());
    if clean && is_nfc(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push_str("    "),
            '\r' => {}
            c if forbidden(c).is_some() => {}
            c => out.push(c),
        }
    }
    out.nfc().collect()
}

/// Like [`sanitize`] but for text printed on one line (error messages, table cells):
/// newlines become spaces too.
pub fn one_line(s: &str) -> String {
    sanitize(s).replace('\n', " ")
}

/// Byte offset, within the raw TOML of a string value, of the character or escape
/// sequence that produced `target`. Lets `check` point at the exact column.
pub fn locate_in_raw(raw: &str, target: char) -> Option<usize> {
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == target {
            return Some(i);
        }
        if c != '\\' {
            continue;
        }
        let Some(&(_, kind)) = chars.peek() else {
            break;
        };
        let digits = match kind {
            'u' => 4,
            'U' => 8,
            'x' => 2,
            'e' => {
                if target == '\u{1b}' {
                    return Some(i);
                }
                chars.next();
                continue;
            }
            _ => {
                chars.next();
                continue;
            }
        };
        chars.next();
        let start = i + 2;
        let hex = raw.get(start..start + digits).unwrap_or("");
        if u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) == Some(target) {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escapes_bidi_and_c1() {
        assert_eq!(sanitize("a\u{1b}[2Jb\u{202e}c\u{9b}d\u{7f}"), "a[2Jbcd");
        assert_eq!(sanitize("tab\there\r\n"), "tab    here\n");
    }

    #[test]
    fn normalises_to_nfc() {
        let decomposed = "Re\u{301}sume\u{301}";
        assert_eq!(sanitize(decomposed), "Résumé");
    }

    #[test]
    fn sanitize_is_idempotent_and_leaves_no_controls() {
        let samples = [
            "",
            "plain",
            "\u{1b}]52;c;aGk=\u{7}",
            "x\u{2066}y\u{2069}",
            "é\tè\r\u{0}",
        ];
        for s in samples {
            let once = sanitize(s);
            assert_eq!(sanitize(&once), once);
            assert!(once.chars().all(|c| c == '\n' || !c.is_control()));
            assert!(first_forbidden(&once).is_none());
        }
    }

    #[test]
    fn locates_escape_sequences() {
        assert_eq!(locate_in_raw(r#""ab\u001b[2J""#, '\u{1b}'), Some(3));
        assert_eq!(locate_in_raw(r#""ab\e[2J""#, '\u{1b}'), Some(3));
        assert_eq!(locate_in_raw("\"ab\u{202e}c\"", '\u{202e}'), Some(3));
        assert_eq!(locate_in_raw(r#""\\u001b""#, '\u{1b}'), None);
    }

    #[test]
    fn describes_without_echoing() {
        assert_eq!(describe('\u{1b}'), "U+001B (ESC)");
        assert!(!describe('\u{202e}').contains('\u{202e}'));
    }
}
