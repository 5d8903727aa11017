//! Home: the outcome areas in framework order, with a preview when wide enough.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::super::app::{App, Screen};
use crate::content::ItemRef;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Screen::Home { selected, list } = &app.screen else {
        return;
    };
    let a = &app.almanac;
    let t = &app.theme;
    let (left, right) = super::panes(area, 46, t, frame);
    let title_width = a
        .outcomes
        .iter()
        .map(|o| o.title.width())
        .max()
        .unwrap_or(0);
    let rows: Vec<Line<'static>> = a
        .outcomes
        .iter()
        .map(|o| {
            let mut spans = vec![
                Span::styled(format!("{:>2} ", o.number), t.dim),
                Span::styled(o.title.clone(), t.strong),
            ];
            if right.is_none() {
                let pad = " ".repeat(title_width - o.title.width() + 2);
                spans.push(Span::styled(format!("{pad}{}", o.summary), t.dim));
            }
            Line::from(spans)
        })
        .collect();
    super::list(frame, left, rows, *selected, list, t);
    if let Some(right) = right {
        let doc = super::item_document(app, ItemRef::Outcome(*selected), right.width);
        super::document(frame, right, &doc, &Default::default(), None);
    }
}
