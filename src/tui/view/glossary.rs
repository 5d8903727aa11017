//! The glossary: every term A-Z, filtered as you type, with the selected definition.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, Screen, glossary_matches};
use crate::content::ItemRef;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Screen::Glossary {
        filter,
        selected,
        list,
    } = &app.screen
    else {
        return;
    };
    let a = &app.almanac;
    let t = &app.theme;
    let [input_area, _, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    let matches = glossary_matches(a, filter);
    let count = format!(" {}/{}", matches.len(), a.glossary.len());
    super::filter_line(frame, input_area, "Filter: ", &app.input, &count, t);
    let (left, right) = super::panes(body, 36, t, frame);
    if matches.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("No term matches the filter.", t.dim)),
            left,
        );
        return;
    }
    let rows: Vec<Line<'static>> = matches
        .iter()
        .map(|i| Line::raw(a.glossary[*i].term.clone()))
        .collect();
    let sel = (*selected).min(matches.len() - 1);
    super::list(frame, left, rows, sel, list, t);
    if let Some(right) = right {
        let doc = super::item_document(app, ItemRef::Term(matches[sel]), right.width);
        super::document(frame, right, &doc, &Default::default(), None);
    }
}
