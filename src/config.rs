//! The user's settings file, `config.toml` in the config folder:
//!
//! ```toml
//! theme = "high-contrast"          # default, high-contrast, monochrome or a file in themes/
//! keymap = "vim"                   # a preset (default, vim, emacs) or a keymap file
//! mouse = true                     # wheel scrolling and click to select (off by default)
//! overlay = "~/council-content"    # a folder, or a list of folders, of local content
//! data_dir = "~/almanac-data"      # where assessments are kept
//! content = "/srv/almanac/content" # use this content instead of the bundled almanac
//! ```
//!
//! Every setting is optional and the command line beats it. A bad file never stops the
//! app: each problem is reported as `path:line:column: message` and the setting it
//! concerns falls back to its default, while the valid settings still apply.

use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::content::Diagnostic;
use crate::content::text::one_line;

/// The settings the file may hold, in the order `config show` prints them.
pub const KEYS: [&str; 6] = ["theme", "keymap", "mouse", "overlay", "data_dir", "content"];

/// The file's settings; `None` (or empty) where the file says nothing valid.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub theme: Option<String>,
    pub keymap: Option<String>,
    pub mouse: Option<bool>,
    pub overlay: Option<Vec<PathBuf>>,
    pub data_dir: Option<PathBuf>,
    pub content: Option<PathBuf>,
    /// Where each setting is written, so a later check (a theme name that does not
    /// exist, say) can still point at `path:line:column`.
    written: Vec<(&'static str, Diagnostic)>,
}

/// `config.toml` in the config folder, whether or not it exists.
pub fn default_path() -> Option<PathBuf> {
    crate::paths::config_dir().map(|d| d.join("config.toml"))
}

impl Config {
    /// Reads the file at `path`. A missing file is simply "no settings".
    pub fn load(path: &Path) -> (Config, Vec<Diagnostic>) {
        let shown = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (Config::default(), Vec::new());
            }
            Err(e) => {
                return (
                    Config::default(),
                    vec![Diagnostic::whole(&shown, format!("cannot read: {e}"))],
                );
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                return (
                    Config::default(),
                    vec![Diagnostic::at(&shown, &lossy, valid, "not valid UTF-8")],
                );
            }
        };
        let base = path.parent().unwrap_or(Path::new("."));
        Config::parse(&shown, &text, base)
    }

    /// Parses config text. Relative paths are taken from `base` (the file's folder) and
    /// `~/` from the home folder, so the file means the same from any working folder.
    pub fn parse(path: &str, text: &str, base: &Path) -> (Config, Vec<Diagnostic>) {
        let mut config = Config::default();
        let mut problems = Vec::new();
        let doc = match DeTable::parse(text) {
            Ok(doc) => doc,
            Err(e) => {
                problems.push(Diagnostic::toml_syntax(path, text, &e));
                return (config, problems);
            }
        };
        for (key, value) in doc.get_ref().iter() {
            let name = key.get_ref().as_ref();
            let Some(known) = KEYS.iter().copied().find(|k| *k == name) else {
                problems.push(Diagnostic::at(
                    path,
                    text,
                    key.span().start,
                    format!(
                        "unknown setting `{}` (settings: {}){}",
                        one_line(name),
                        KEYS.join(", "),
                        crate::content::diag::did_you_mean(name, &KEYS)
                    ),
                ));
                continue;
            };
            let at = value.span().start;
            let mut problem = |msg: String| problems.push(Diagnostic::at(path, text, at, msg));
            let string = |v: &DeValue| match v {
                DeValue::String(s) if !s.trim().is_empty() => Ok(s.to_string()),
                DeValue::String(_) => Err(format!("`{known}` must not be empty")),
                other => Err(format!(
                    "`{known}` must be a string in quotes, not {}",
                    kind(other)
                )),
            };
            match known {
                "mouse" => match value.get_ref() {
                    DeValue::Boolean(b) => config.mouse = Some(*b),
                    other => {
                        problem(format!(
                            "`mouse` must be true or false, not {}",
                            kind(other)
                        ));
                        continue;
                    }
                },
                "theme" => match string(value.get_ref()) {
                    Ok(s) => config.theme = Some(one_line(&s)),
                    Err(msg) => {
                        problem(msg);
                        continue;
                    }
                },
                "keymap" => match string(value.get_ref()) {
                    Ok(s) if crate::keymap::preset_names().contains(&s.as_str()) => {
                        config.keymap = Some(s)
                    }
                    Ok(s) => {
                        let file = resolve(base, &s);
                        if file.is_file() {
                            config.keymap = Some(file.display().to_string());
                        } else {
                            problem(format!(
                                "unknown keymap `{}`: use a preset ({}) or the path of a keymap file",
                                one_line(&s),
                                crate::keymap::preset_names().join(", ")
                            ));
                            continue;
                        }
                    }
                    Err(msg) => {
                        problem(msg);
                        continue;
                    }
                },
                "data_dir" | "content" => match string(value.get_ref()) {
                    Ok(s) => {
                        let dir = Some(resolve(base, &s));
                        if known == "data_dir" {
                            config.data_dir = dir;
                        } else {
                            config.content = dir;
                        }
                    }
                    Err(msg) => {
                        problem(msg);
                        continue;
                    }
                },
                _ => {
                    // overlay: one folder or a list of folders.
                    let mut dirs = Vec::new();
                    match value.get_ref() {
                        DeValue::Array(list) => {
                            for item in list.iter() {
                                match string(item.get_ref()) {
                                    Ok(s) => dirs.push(resolve(base, &s)),
                                    Err(_) => problems.push(Diagnostic::at(
                                        path,
                                        text,
                                        item.span().start,
                                        format!(
                                            "each overlay folder must be a non-empty string in quotes, not {}",
                                            kind(item.get_ref())
                                        ),
                                    )),
                                }
                            }
                        }
                        other => match string(other) {
                            Ok(s) => dirs.push(resolve(base, &s)),
                            Err(_) => {
                                problem(format!(
                                    "`overlay` must be a folder in quotes or a list of folders, not {}",
                                    kind(other)
                                ));
                                continue;
                            }
                        },
                    }
                    config.overlay = Some(dirs);
                }
            }
            config
                .written
                .push((known, Diagnostic::at(path, text, at, String::new())));
        }
        problems.sort_by_key(|d| (d.line, d.column));
        (config, problems)
    }

    /// A problem with a setting's value found after parsing, at the place it is written.
    pub fn problem_at(&self, key: &str, message: impl Into<String>) -> Option<Diagnostic> {
        self.written
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, at)| Diagnostic {
                message: message.into(),
                ..at.clone()
            })
    }
}

/// How a wrong value is named in messages, in TOML words.
fn kind(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(s) if s.trim().is_empty() => "an empty string",
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// `~/x` from the home folder, relative paths from `base`, absolute paths as they are.
fn resolve(base: &Path, s: &str) -> PathBuf {
    if let Some(rest) = s.strip_prefix("~/")
        && let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf())
    {
        return home.join(rest);
    }
    let p = Path::new(s);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.join(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Config, Vec<String>) {
        let (c, p) = Config::parse("config.toml", text, Path::new("/etc/almanac"));
        (c, p.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn reads_every_setting() {
        let (c, p) = parse(
            "theme = \"high-contrast\"\nkeymap = \"emacs\"\nmouse = true\noverlay = [\"local\", \"/srv/x\"]\ndata_dir = \"data\"\ncontent = \"/srv/content\"\n",
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(c.theme.as_deref(), Some("high-contrast"));
        assert_eq!(c.keymap.as_deref(), Some("emacs"));
        assert_eq!(c.mouse, Some(true));
        assert_eq!(
            c.overlay,
            Some(vec![
                PathBuf::from("/etc/almanac/local"),
                PathBuf::from("/srv/x")
            ])
        );
        assert_eq!(c.data_dir, Some(PathBuf::from("/etc/almanac/data")));
        assert_eq!(c.content, Some(PathBuf::from("/srv/content")));
        let (c, p) = parse("overlay = \"one\"\n");
        assert!(p.is_empty());
        assert_eq!(c.overlay, Some(vec![PathBuf::from("/etc/almanac/one")]));
    }

    #[test]
    fn problems_point_at_the_value_and_keep_the_rest() {
        let (c, p) = parse(
            "theme = \"high-contrast\"\nmouse = \"yes\"\ncolour = 1\nkeymap = \"nonesuch\"\noverlay = [\"a\", 2]\n",
        );
        assert_eq!(
            p,
            vec![
                "config.toml:2:9: `mouse` must be true or false, not a string",
                "config.toml:3:1: unknown setting `colour` (settings: theme, keymap, mouse, overlay, data_dir, content)",
                "config.toml:4:10: unknown keymap `nonesuch`: use a preset (default, emacs, vim) or the path of a keymap file",
                "config.toml:5:17: each overlay folder must be a non-empty string in quotes, not a number",
            ]
        );
        assert_eq!(c.theme.as_deref(), Some("high-contrast"));
        assert_eq!(c.mouse, None);
        assert_eq!(c.keymap, None);
        assert_eq!(c.overlay, Some(vec![PathBuf::from("/etc/almanac/a")]));
        let later = c.problem_at("theme", "no such theme").unwrap();
        assert_eq!(later.to_string(), "config.toml:1:9: no such theme");
    }

    #[test]
    fn syntax_errors_and_missing_files() {
        let (c, p) = parse("theme = \"dark\nmouse = true\n");
        assert_eq!(c, Config::default());
        assert_eq!(p.len(), 1);
        assert!(
            p[0].starts_with("config.toml:1:") && p[0].contains("TOML syntax error"),
            "{p:?}"
        );
        let dir = tempfile::tempdir().unwrap();
        let (c, p) = Config::load(&dir.path().join("config.toml"));
        assert_eq!(c, Config::default());
        assert!(p.is_empty());
    }
}
