//! The help overlay and command palette: a panel over the screen with a filter line
//! and every action grouped by context, keys first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::super::app::App;
use super::super::markdown::truncate;
use super::super::overlay::help::{Help, Row};
use crate::keymap::Action;

/// On wide terminals the panel keeps to this width, centred over the screen.
const MAX_WIDTH: u16 = 96;

pub fn draw(frame: &mut Frame, body: Rect, app: &App, help: &Help) {
    let t = &app.theme;
    let width = body.width.min(MAX_WIDTH);
    let area = Rect {
        x: body.x + (body.width - width) / 2,
        width,
        ..body
    };
    help.area.set(area);
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(" Help: keys and command palette ", t.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 || inner.width < 20 {
        return;
    }
    let [input_area, _, list_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);

    let keymap = &app.keymap;
    let matches = help.matches(keymap);
    let scope = if help.here_only {
        "usable here"
    } else {
        "all actions"
    };
    let count = format!(" {}/{} {scope}", matches.len(), Action::ALL.len());
    super::filter_line(frame, input_area, "Filter: ", &help.input, &count, t);

    if matches.is_empty() {
        help.list.area.set(list_area);
        frame.render_widget(
            Paragraph::new(Span::styled("No action matches the filter.", t.dim)),
            list_area,
        );
        return;
    }
    let keys_of = |a: Action| {
        let keys = keymap.keys_for(a);
        if keys.is_empty() {
            "(none)".to_string()
        } else {
            keys.join(", ")
        }
    };
    // The keys column fits the longest binding list, within reason.
    let keys_width = matches
        .iter()
        .map(|a| keys_of(*a).width())
        .max()
        .unwrap_or(0)
        .clamp(6, usize::from(list_area.width / 3).max(6));
    let rows = help.rows(keymap);
    let marker_width = t.marker.width();
    let row_width = usize::from(list_area.width);
    let mut selected_row = 0;
    let lines: Vec<Line<'static>> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| match *row {
            Row::Header(context) => Line::from(Span::styled(context.title(), t.heading)),
            Row::Entry { action, index } => {
                if index == help.selected {
                    selected_row = i;
                }
                let here = help.is_active(action);
                let keys = truncate(&keys_of(action), keys_width);
                let pad = " ".repeat(keys_width - keys.width() + 2);
                let desc = action.description();
                // The action name (what keymap.toml calls it) goes to the right edge
                // when there is room for it.
                let used = marker_width + keys_width + 2 + desc.width();
                let name = action.name();
                let gap = row_width.saturating_sub(used + name.width() + 1);
                let mut spans = vec![
                    Span::styled(keys, if here { t.hint_key } else { t.dim }),
                    Span::raw(pad),
                    Span::styled(desc.to_string(), if here { t.text } else { t.dim }),
                ];
                if gap >= 2 {
                    spans.push(Span::raw(" ".repeat(gap)));
                    spans.push(Span::styled(name.to_string(), t.dim));
                }
                Line::from(spans)
            }
        })
        .collect();
    super::list(frame, list_area, lines, selected_row, &help.list, t);
}

#[cfg(test)]
mod tests {
    use crate::tui::testing::{app, press, render, text, type_text};
    use crate::tui::theme::Theme;

    #[test]
    fn help_overlay_80x24() {
        let mut app = app("default", Theme::default_theme());
        press(&mut app, &["?"]);
        insta::assert_snapshot!(text(&render(&app, 80, 24)));
    }

    #[test]
    fn help_overlay_filtered_with_emacs_keys() {
        let mut app = app("emacs", Theme::default_theme());
        press(&mut app, &["alt-x"]);
        type_text(&mut app, "page");
        insta::assert_snapshot!(text(&render(&app, 80, 24)));
    }

    #[test]
    fn help_overlay_fits_small_and_wide_terminals() {
        let mut app = app("vim", Theme::default_theme());
        press(&mut app, &["?"]);
        for (w, h) in [(40, 10), (60, 15), (200, 60)] {
            let screen = text(&render(&app, w, h));
            assert!(screen.contains("Help: keys"), "{w}x{h}:\n{screen}");
            assert!(screen.contains("Everywhere"), "{w}x{h}:\n{screen}");
        }
        let tiny = text(&render(&app, 20, 5));
        assert!(tiny.contains("too small"), "{tiny}");
    }
}
