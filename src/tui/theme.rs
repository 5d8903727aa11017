//! Colours and text attributes. The default theme uses only the 16 ANSI colours and the
//! terminal's own foreground and background, so it reads right on dark and light
//! terminals and over any SSH link. The selected row is always marked by background,
//! bold and a marker glyph together, so it stays visible in every theme.

use ratatui::style::{Color, Modifier, Style};

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
    /// Drawn before the selected row; two cells wide.
    pub marker: &'static str,
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
            marker: "▶ ",
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
            marker: "> ",
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

    /// True when no style in the theme sets a colour.
    pub fn is_colourless(&self) -> bool {
        [
            self.text,
            self.dim,
            self.title,
            self.heading,
            self.emphasis,
            self.strong,
            self.quote,
            self.code,
            self.link,
            self.link_selected,
            self.selected,
            self.border,
            self.tab,
            self.tab_active,
            self.breadcrumb,
            self.hint_key,
            self.hint,
            self.status,
            self.error,
            self.matched,
        ]
        .iter()
        .all(|s| s.fg.is_none() && s.bg.is_none() && s.underline_color.is_none())
    }
}

/// `NO_COLOR` set to any non-empty value asks for no colour (<https://no-color.org>).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monochrome_has_no_colour_and_default_does() {
        assert!(Theme::monochrome().is_colourless());
        assert!(!Theme::default_theme().is_colourless());
    }

    #[test]
    fn selection_is_never_colour_alone() {
        for t in [Theme::default_theme(), Theme::monochrome()] {
            assert!(
                t.selected.add_modifier.contains(Modifier::BOLD),
                "{}",
                t.name
            );
            assert!(!t.marker.trim().is_empty());
        }
    }
}
