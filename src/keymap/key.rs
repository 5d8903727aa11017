//! Key names as written in keymap files (`ctrl-n`, `shift-tab`, `pgdown`, `f1`, `G`) and
//! their normalised form, so a binding and a pressed key compare equal however the
//! terminal reported the modifiers.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const EMPTY: &str = "a key name cannot be empty";

/// The hint after an unknown key name.
const KEY_NAMES: &str =
    " (keys look like q, G, ?, ctrl-n, alt-x, shift-tab, enter, esc, space, pgdown, f1)";

/// A sequence of keys pressed one after the other, such as `g g`.
pub type Chord = Vec<Key>;

impl Key {
    pub const fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        Key { code, mods }.normalised()
    }

    pub const fn plain(code: KeyCode) -> Key {
        Key::new(code, KeyModifiers::NONE)
    }

    /// Shift is folded into the character (`G`, not `shift-g`) and into `BackTab`;
    /// only ctrl, alt and shift are kept, so super/meta noise never breaks a match.
    const fn normalised(self) -> Key {
        let mut mods = self.mods.intersection(
            KeyModifiers::CONTROL
                .union(KeyModifiers::ALT)
                .union(KeyModifiers::SHIFT),
        );
        let code = match self.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::SHIFT) => {
                mods = mods.difference(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_ascii_uppercase())
            }
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::BackTab => {
                mods = mods.difference(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                mods = mods.difference(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            c => c,
        };
        Key { code, mods }
    }

    pub fn from_event(ev: &KeyEvent) -> Key {
        Key::new(ev.code, ev.modifiers)
    }

    pub fn is_ctrl_c(&self) -> bool {
        *self == Key::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
    }

    /// Parses one key name. Letters keep their case (`G` is shift-g); everything else is
    /// case-insensitive.
    pub fn parse(name: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = name.trim();
        if rest.is_empty() {
            return Err(EMPTY.into());
        }
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, m) = if lower.starts_with("ctrl-") {
                ("ctrl-", KeyModifiers::CONTROL)
            } else if lower.starts_with("alt-") {
                ("alt-", KeyModifiers::ALT)
            } else if lower.starts_with("shift-") {
                ("shift-", KeyModifiers::SHIFT)
            } else {
                break;
            };
            if rest.len() == prefix.len() {
                break;
            }
            mods |= m;
            rest = &rest[prefix.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" | "ret" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" | "bs" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdown" | "pgdn" | "pagedown" => KeyCode::PageDown,
                "minus" => KeyCode::Char('-'),
                f if f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                    match f[1..].parse::<u8>() {
                        Ok(n @ 1..=12) => KeyCode::F(n),
                        _ => {
                            return Err(format!(
                                "unknown key name `{name}`: function keys go from f1 to f12"
                            ));
                        }
                    }
                }
                _ => return Err(format!("unknown key name `{name}`{KEY_NAMES}")),
            },
        };
        Ok(Key::new(code, mods))
    }

    /// Parses a chord: key names separated by spaces (`g g`, `ctrl-x ctrl-s`).
    pub fn parse_chord(text: &str) -> Result<Chord, String> {
        if text == " " {
            return Ok(vec![Key::plain(KeyCode::Char(' '))]);
        }
        let keys: Result<Chord, String> = text.split_whitespace().map(Key::parse).collect();
        let keys = keys?;
        if keys.is_empty() {
            return Err(EMPTY.into());
        }
        Ok(keys)
    }

    /// Keys that many terminals cannot tell apart from another key.
    pub fn ambiguity(&self) -> Option<&'static str> {
        if !self.mods.contains(KeyModifiers::CONTROL) {
            return None;
        }
        match self.code {
            KeyCode::Char('h') => Some("many terminals send ctrl-h for Backspace"),
            KeyCode::Char('i') => Some("terminals send ctrl-i as Tab"),
            KeyCode::Char('m') => Some("terminals send ctrl-m as Enter"),
            KeyCode::Char('[') => Some("terminals send ctrl-[ as Esc"),
            KeyCode::Char('j') => Some("some terminals send ctrl-j as Enter"),
            _ => None,
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdown"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Displays a chord the way it is written in keymap files.
pub fn chord_to_string(chord: &[Key]) -> String {
    chord
        .iter()
        .map(|k| k.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_round_trips() {
        for name in [
            "q",
            "G",
            "?",
            "ctrl-n",
            "shift-tab",
            "pgdown",
            "f1",
            "enter",
            "esc",
            "space",
            "alt-x",
            "ctrl-alt-d",
            "home",
            "end",
            "backspace",
        ] {
            let key = Key::parse(name).unwrap();
            assert_eq!(Key::parse(&key.to_string()).unwrap(), key, "{name}");
        }
        assert_eq!(Key::parse("shift-g").unwrap(), Key::parse("G").unwrap());
        assert_eq!(
            Key::parse("PageDown").unwrap(),
            Key::parse("pgdown").unwrap()
        );
        assert_eq!(Key::parse("ctrl-N").unwrap(), Key::parse("ctrl-n").unwrap());
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("f13").is_err());
        assert!(Key::parse("").is_err());
    }

    #[test]
    fn events_normalise_like_names() {
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&shifted), Key::parse("G").unwrap());
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&backtab), Key::parse("shift-tab").unwrap());
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(Key::from_event(&ctrl_c).is_ctrl_c());
    }

    #[test]
    fn chords() {
        assert_eq!(Key::parse_chord("g g").unwrap().len(), 2);
        assert_eq!(
            chord_to_string(&Key::parse_chord("ctrl-x  ctrl-s").unwrap()),
            "ctrl-x ctrl-s"
        );
        assert!(Key::parse_chord("g nope").is_err());
    }
}
