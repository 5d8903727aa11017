//! Colours and text attributes. The default theme uses only the 16 ANSI colours and the
//! terminal's own foreground and background, so it reads right on dark and light
//! terminals and over any SSH link. The selected row is always marked by background,
//! bold and a marker glyph together, so it stays visible in every theme.
//!
//! Users add themes as TOML files in `<config>/themes/NAME.toml`; each starts from a
//! built-in theme and replaces the styles it names (see [`parse_file`]).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use toml::de::{DeTable, DeValue};
use unicode_width::UnicodeWidthStr;

use crate::content::Diagnostic;
use crate::content::text::{first_forbidden, one_line};

/// The themes compiled in, in the order they are listed.
pub const BUILT_IN: [&str; 3] = ["default", "high-contrast", "monochrome"];

/// The style fields a theme file may set, by name.
pub const STYLE_FIELDS: [&str; 20] = [
    "text",
    "dim",
    "title",
    "heading",
    "emphasis",
    "strong",
    "quote",
    "code",
    "link",
    "link_selected",
    "selected",
    "border",
    "tab",
    "tab_active",
    "breadcrumb",
    "hint_key",
    "hint",
    "status",
    "error",
    "matched",
];

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub heading: Style,
    pub emphasis: Style,
    pub strong: Style,
    pub quote: Style,
    pub code: Style,
    pub link: Style,
    /// The link chosen with Tab in the reading view.
    pub link_selected: Style,
    /// The selected row in a list.
    pub selected: Style,
    /// Drawn before the selected row (two cells wide in the built-in themes).
    pub marker: String,
    pub border: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub breadcrumb: Style,
    pub hint_key: Style,
    pub hint: Style,
    pub status: Style,
    pub error: Style,
    /// Matched characters in search results.
    pub matched: Style,
}

impl Theme {
    /// ANSI-16 colours plus attributes.
    pub fn default_theme() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            name: "default".into(),
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Cyan).add_modifier(bold),
            heading: Style::new().fg(Color::Cyan).add_modifier(bold),
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            strong: Style::new().add_modifier(bold),
            quote: Style::new().fg(Color::Green),
            code: Style::new().fg(Color::Yellow),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            link_selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(bold),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(bold),
            marker: "▶ ".into(),
            border: Style::new().fg(Color::DarkGray),
            tab: Style::new(),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(bold),
            breadcrumb: Style::new().fg(Color::Cyan),
            hint_key: Style::new().fg(Color::Cyan).add_modifier(bold),
            hint: Style::new(),
            status: Style::new().fg(Color::Green).add_modifier(bold),
            error: Style::new().fg(Color::Red).add_modifier(bold),
            matched: Style::new()
                .fg(Color::Yellow)
                .add_modifier(bold | Modifier::UNDERLINED),
        }
    }

    /// No colour at all: bold, reverse, underline and the marker glyph only. Chosen by
    /// `NO_COLOR`; it sets no foreground or background, because crossterm 0.29 turns a
    /// colour under NO_COLOR into a bare reset that would also drop bold and reverse.
    pub fn monochrome() -> Theme {
        let bold = Modifier::BOLD;
        let plain = Style::new();
        Theme {
            name: "monochrome".into(),
            text: plain,
            dim: plain,
            title: plain.add_modifier(bold),
            heading: plain.add_modifier(bold | Modifier::UNDERLINED),
            emphasis: plain.add_modifier(Modifier::ITALIC),
            strong: plain.add_modifier(bold),
            quote: plain.add_modifier(Modifier::ITALIC),
            code: plain,
            link: plain.add_modifier(Modifier::UNDERLINED),
            link_selected: plain.add_modifier(Modifier::REVERSED | bold),
            selected: plain.add_modifier(Modifier::REVERSED | bold),
            marker: "> ".into(),
            border: plain,
            tab: plain,
            tab_active: plain.add_modifier(Modifier::REVERSED | bold),
            breadcrumb: plain.add_modifier(bold),
            hint_key: plain.add_modifier(bold),
            hint: plain,
            status: plain.add_modifier(bold),
            error: plain.add_modifier(bold | Modifier::REVERSED),
            matched: plain.add_modifier(bold | Modifier::UNDERLINED),
        }
    }

    /// Strong contrast on dark and light terminals alike: the terminal's own colours for
    /// text, attributes for structure, and black on a bright background for everything
    /// that is selected or needs attention. No grey text.
    pub fn high_contrast() -> Theme {
        let bold = Modifier::BOLD;
        let plain = Style::new();
        let highlight = Style::new()
            .fg(Color::Black)
            .bg(Color::LightYellow)
            .add_modifier(bold);
        Theme {
            name: "high-contrast".into(),
            text: plain,
            dim: plain,
            title: plain.add_modifier(bold | Modifier::UNDERLINED),
            heading: plain.add_modifier(bold | Modifier::UNDERLINED),
            emphasis: plain.add_modifier(Modifier::ITALIC),
            strong: plain.add_modifier(bold),
            quote: plain.add_modifier(Modifier::ITALIC),
            code: plain.add_modifier(bold),
            link: plain.add_modifier(bold | Modifier::UNDERLINED),
            link_selected: highlight,
            selected: highlight,
            marker: "▶ ".into(),
            border: plain,
            tab: plain,
            tab_active: highlight,
            breadcrumb: plain.add_modifier(bold),
            hint_key: plain.add_modifier(bold | Modifier::REVERSED),
            hint: plain,
            status: Style::new()
                .fg(Color::Black)
                .bg(Color::LightGreen)
                .add_modifier(bold),
            error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(bold),
            matched: Style::new()
                .fg(Color::Black)
                .bg(Color::LightCyan)
                .add_modifier(bold),
        }
    }

    /// A built-in theme by name.
    pub fn built_in(name: &str) -> Option<Theme> {
        match name {
            "default" => Some(Theme::default_theme()),
            "high-contrast" => Some(Theme::high_contrast()),
            "monochrome" => Some(Theme::monochrome()),
            _ => None,
        }
    }

    /// Every style with its field name, in [`STYLE_FIELDS`] order.
    pub fn styles(&self) -> [(&'static str, Style); 20] {
        let s = self;
        let all = [
            s.text,
            s.dim,
            s.title,
            s.heading,
            s.emphasis,
            s.strong,
            s.quote,
            s.code,
            s.link,
            s.link_selected,
            s.selected,
            s.border,
            s.tab,
            s.tab_active,
            s.breadcrumb,
            s.hint_key,
            s.hint,
            s.status,
            s.error,
            s.matched,
        ];
        std::array::from_fn(|i| (STYLE_FIELDS[i], all[i]))
    }

    fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "text" => &mut self.text,
            "dim" => &mut self.dim,
            "title" => &mut self.title,
            "heading" => &mut self.heading,
            "emphasis" => &mut self.emphasis,
            "strong" => &mut self.strong,
            "quote" => &mut self.quote,
            "code" => &mut self.code,
            "link" => &mut self.link,
            "link_selected" => &mut self.link_selected,
            "selected" => &mut self.selected,
            "border" => &mut self.border,
            "tab" => &mut self.tab,
            "tab_active" => &mut self.tab_active,
            "breadcrumb" => &mut self.breadcrumb,
            "hint_key" => &mut self.hint_key,
            "hint" => &mut self.hint,
            "status" => &mut self.status,
            "error" => &mut self.error,
            "matched" => &mut self.matched,
            _ => return None,
        })
    }

    /// True when no style in the theme sets a colour (the terminal's own colours,
    /// `reset`, do not count).
    pub fn is_colourless(&self) -> bool {
        let none = |c: Option<Color>| c.is_none_or(|c| c == Color::Reset);
        self.styles()
            .iter()
            .all(|(_, s)| none(s.fg) && none(s.bg) && none(s.underline_color))
    }
}

/// Where user theme files live: `<config>/themes`.
pub fn themes_dir() -> Option<PathBuf> {
    crate::paths::config_dir().map(|d| d.join("themes"))
}

/// The names of the theme files in `dir` (`NAME.toml`), sorted.
pub fn user_theme_names(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter_map(|p| p.file_stem()?.to_str().map(str::to_string))
        .filter(|n| valid_name(n))
        .collect();
    names.sort();
    names
}

/// Every theme name `--theme` accepts: the built-ins, then the user's files.
pub fn available(dir: Option<&Path>) -> Vec<String> {
    let mut names: Vec<String> = BUILT_IN.iter().map(|s| s.to_string()).collect();
    for n in dir.map(user_theme_names).unwrap_or_default() {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Finds a theme by name: a user file `dir/NAME.toml` first (so a user can adjust a
/// built-in theme under its own name), then the built-ins. `Err` means no theme has
/// that name; problems inside a theme file come back with the theme, which keeps
/// every style that was valid.
pub fn load(name: &str, dir: Option<&Path>) -> Result<(Theme, Vec<Diagnostic>), String> {
    let file = dir
        .filter(|_| valid_name(name))
        .map(|d| d.join(format!("{name}.toml")))
        .filter(|p| p.is_file());
    if let Some(path) = file {
        let shown = path.display().to_string();
        return Ok(match std::fs::read(&path).map(String::from_utf8) {
            Ok(Ok(text)) => parse_file(name, &shown, &text),
            Ok(Err(_)) => (
                Theme::default_theme(),
                vec![Diagnostic::whole(&shown, "not valid UTF-8")],
            ),
            Err(e) => (
                Theme::default_theme(),
                vec![Diagnostic::whole(&shown, format!("cannot read: {e}"))],
            ),
        });
    }
    Theme::built_in(name)
        .map(|t| (t, Vec::new()))
        .ok_or_else(|| {
            format!(
                "unknown theme `{}` (themes: {})",
                one_line(name),
                available(dir).join(", ")
            )
        })
}

/// Parses a theme file:
///
/// ```toml
/// base = "high-contrast"        # a built-in theme to start from (default: "default")
/// marker = "» "                 # drawn before the selected row
/// selected = { fg = "black", bg = "light-yellow", modifiers = ["bold"] }
/// [heading]
/// fg = "magenta"
/// modifiers = ["bold", "underlined"]
/// ```
///
/// A style given in the file replaces the base theme's style of that name entirely.
/// Colours are ANSI names (`red`, `light-blue`, `reset`), an index `"208"` or `"#rrggbb"`.
pub fn parse_file(name: &str, path: &str, text: &str) -> (Theme, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut theme = Theme::default_theme();
    theme.name = name.to_string();
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            problems.push(Diagnostic::toml_syntax(path, text, &e));
            return (theme, problems);
        }
    };
    let mut err =
        |offset: usize, msg: String| problems.push(Diagnostic::at(path, text, offset, msg));
    let table = doc.get_ref();
    if let Some(base) = table.get("base") {
        match base.get_ref() {
            DeValue::String(b) => match Theme::built_in(b) {
                Some(t) => {
                    theme = Theme {
                        name: name.to_string(),
                        ..t
                    }
                }
                None => err(
                    base.span().start,
                    format!(
                        "unknown base theme `{}` (built-in themes: {})",
                        one_line(b),
                        BUILT_IN.join(", ")
                    ),
                ),
            },
            _ => err(
                base.span().start,
                "`base` must be a built-in theme name in quotes".into(),
            ),
        }
    }
    for (key, value) in table.iter() {
        let field = key.get_ref().as_ref();
        match field {
            "base" => {}
            "marker" => match value.get_ref() {
                DeValue::String(m) if valid_marker(m) => {
                    theme.marker = if m.width() == 1 {
                        format!("{m} ")
                    } else {
                        m.to_string()
                    };
                }
                _ => err(
                    value.span().start,
                    "`marker` must be 1 to 3 visible characters in quotes, like \"> \"".into(),
                ),
            },
            _ => {
                let Some(slot) = theme.style_mut(field) else {
                    err(
                        key.span().start,
                        format!(
                            "unknown theme field `{}` (fields: base, marker, {}){}",
                            one_line(field),
                            STYLE_FIELDS.join(", "),
                            crate::content::diag::did_you_mean(field, &STYLE_FIELDS)
                        ),
                    );
                    continue;
                };
                let DeValue::Table(spec) = value.get_ref() else {
                    err(
                        value.span().start,
                        format!(
                            "`{field}` must be a table, like {field} = {{ fg = \"yellow\", modifiers = [\"bold\"] }}"
                        ),
                    );
                    continue;
                };
                *slot = parse_style(spec, &mut err);
            }
        }
    }
    problems.sort_by_key(|d| (d.line, d.column));
    (theme, problems)
}

fn valid_marker(m: &str) -> bool {
    (1..=3).contains(&m.width()) && !m.trim().is_empty() && first_forbidden(m).is_none()
}

/// One style table: `fg`, `bg` and `modifiers`; every problem is reported and the
/// parts that are valid are kept.
fn parse_style(spec: &toml::de::DeTable, err: &mut impl FnMut(usize, String)) -> Style {
    let mut style = Style::new();
    for (key, value) in spec.iter() {
        let k = key.get_ref().as_ref();
        let at = value.span().start;
        match k {
            "fg" | "bg" => {
                let (written, colour) = match value.get_ref() {
                    DeValue::String(c) => (format!("`{}`", one_line(c)), Color::from_str(c).ok()),
                    _ => ("a non-string".to_string(), None),
                };
                match colour {
                    Some(c) if k == "fg" => style = style.fg(c),
                    Some(c) => style = style.bg(c),
                    None => err(
                        at,
                        format!(
                            "unknown colour {written} for `{k}`: use a colour name (red, light-blue, dark-gray, reset...), an index \"0\" to \"255\" or \"#rrggbb\""
                        ),
                    ),
                }
            }
            "modifiers" => {
                let DeValue::Array(list) = value.get_ref() else {
                    err(
                        at,
                        "`modifiers` must be a list, like [\"bold\", \"underlined\"]".into(),
                    );
                    continue;
                };
                for m in list.iter() {
                    match m.get_ref() {
                        DeValue::String(name) if modifier(name).is_some() => {
                            style = style.add_modifier(modifier(name).unwrap_or_default());
                        }
                        _ => err(
                            m.span().start,
                            "unknown modifier: use bold, dim, italic, underlined, reversed, crossed_out, slow_blink, rapid_blink or hidden".into(),
                        ),
                    }
                }
            }
            _ => err(
                key.span().start,
                format!(
                    "unknown style key `{}` (keys: fg, bg, modifiers)",
                    one_line(k)
                ),
            ),
        }
    }
    style
}

fn modifier(name: &str) -> Option<Modifier> {
    Some(match name.to_ascii_lowercase().replace('-', "_").as_str() {
        "bold" => Modifier::BOLD,
        "dim" => Modifier::DIM,
        "italic" => Modifier::ITALIC,
        "underlined" | "underline" => Modifier::UNDERLINED,
        "reversed" | "reverse" => Modifier::REVERSED,
        "crossed_out" | "strikethrough" => Modifier::CROSSED_OUT,
        "slow_blink" => Modifier::SLOW_BLINK,
        "rapid_blink" => Modifier::RAPID_BLINK,
        "hidden" => Modifier::HIDDEN,
        _ => return None,
    })
}

/// `NO_COLOR` set to any non-empty value asks for no colour (<https://no-color.org>).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Makes crossterm send no colour code at all. Even with a colourless theme, ratatui
/// ends every frame with "default colour" codes (`ESC[39m`, `ESC[49m`); crossterm drops
/// them only when `NO_COLOR` is set, so a monochrome theme chosen by `--no-color` or
/// `--theme monochrome` sets it for this process too.
pub fn silence_colour_codes() {
    if !no_color_requested() {
        // SAFETY: called by `tui::run` before it starts any other thread (the signal
        // thread comes later), so nothing can read the environment concurrently.
        unsafe { std::env::set_var("NO_COLOR", "1") };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monochrome_has_no_colour_and_the_others_do() {
        assert!(Theme::monochrome().is_colourless());
        assert!(!Theme::default_theme().is_colourless());
        assert!(!Theme::high_contrast().is_colourless());
    }

    #[test]
    fn selection_is_never_colour_alone() {
        for name in BUILT_IN {
            let t = Theme::built_in(name).unwrap();
            assert_eq!(t.name, name);
            assert!(t.selected.add_modifier.contains(Modifier::BOLD), "{name}");
            assert!(!t.marker.trim().is_empty());
        }
    }

    #[test]
    fn high_contrast_has_no_grey_text() {
        for (field, style) in Theme::high_contrast().styles() {
            for c in [style.fg, style.bg].into_iter().flatten() {
                assert!(
                    !matches!(c, Color::DarkGray | Color::Gray),
                    "{field} uses {c:?}"
                );
                assert!(
                    !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                    "{field} is not ANSI-16"
                );
            }
        }
    }

    #[test]
    fn style_names_and_fields_agree() {
        let mut t = Theme::monochrome();
        for (i, name) in STYLE_FIELDS.iter().enumerate() {
            *t.style_mut(name).unwrap() = Style::new().fg(Color::Indexed(i as u8));
        }
        for (i, (name, style)) in t.styles().iter().enumerate() {
            assert_eq!(*name, STYLE_FIELDS[i]);
            assert_eq!(style.fg, Some(Color::Indexed(i as u8)), "{name}");
        }
    }

    #[test]
    fn theme_file_starts_from_its_base_and_replaces_named_styles() {
        let text = "base = \"monochrome\"\nmarker = \"»\"\nselected = { fg = \"black\", bg = \"light-yellow\", modifiers = [\"bold\", \"reverse\"] }\n[heading]\nfg = \"#ff8800\"\n";
        let (t, problems) = parse_file("mine", "mine.toml", text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(t.name, "mine");
        assert_eq!(t.marker, "» ");
        assert_eq!(
            t.selected,
            Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED)
        );
        assert_eq!(t.heading, Style::new().fg(Color::Rgb(0xff, 0x88, 0)));
        assert_eq!(t.link, Theme::monochrome().link);
    }

    #[test]
    fn theme_file_problems_have_positions() {
        let text = "base = \"dark\"\nselected = { fg = \"purple\", modifiers = [\"shiny\"], size = 2 }\nlink = \"blue\"\ncolours = {}\nmarker = \"\"\n";
        let (t, problems) = parse_file("bad", "bad.toml", text);
        let msgs: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
        let starts = [
            "bad.toml:1:8: unknown base theme `dark` (built-in themes: default, high-contrast, monochrome)",
            "bad.toml:2:19: unknown colour `purple` for `fg`",
            "bad.toml:2:42: unknown modifier",
            "bad.toml:2:52: unknown style key `size` (keys: fg, bg, modifiers)",
            "bad.toml:3:8: `link` must be a table",
            "bad.toml:4:1: unknown theme field `colours`",
            "bad.toml:5:10: `marker` must be 1 to 3 visible characters",
        ];
        assert_eq!(msgs.len(), starts.len(), "{msgs:?}");
        for (m, s) in msgs.iter().zip(starts) {
            assert!(m.starts_with(s), "{m:?} should start with {s:?}");
        }
        // What was valid still applies; the rest keeps the base (default) theme.
        assert_eq!(t.link, Theme::default_theme().link);
        let (_, problems) = parse_file("bad", "bad.toml", "marker = \"\"\n[x\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.starts_with("TOML syntax error"));
    }

    #[test]
    fn user_themes_are_found_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("dusk.toml"),
            "base = \"high-contrast\"\nerror = { fg = \"red\" }\n",
        )
        .unwrap();
        let (t, problems) = load("dusk", Some(dir.path())).unwrap();
        assert!(problems.is_empty());
        assert_eq!(t.name, "dusk");
        assert_eq!(t.selected, Theme::high_contrast().selected);
        assert_eq!(t.error, Style::new().fg(Color::Red));
        assert_eq!(
            available(Some(dir.path())),
            vec!["default", "high-contrast", "monochrome", "dusk"]
        );
        assert_eq!(
            load("monochrome", Some(dir.path())).unwrap().0,
            Theme::monochrome()
        );
        assert_eq!(
            load("nope", Some(dir.path())).unwrap_err(),
            "unknown theme `nope` (themes: default, high-contrast, monochrome, dusk)"
        );
        assert!(load("../dusk", Some(dir.path())).is_err());
    }
}
