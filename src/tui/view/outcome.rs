//! An outcome area: section tabs, the section's items, and the selected item's text.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::super::app::{App, Screen, Section};
use crate::content::ItemRef;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Screen::Outcome {
        outcome,
        section,
        selected,
        list,
        text,
    } = &app.screen
    else {
        return;
    };
    let a = &app.almanac;
    let t = &app.theme;
    let [tabs_area, _, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    tabs(frame, tabs_area, app, *outcome, *section);
    if *section == Section::Overview {
        let doc = super::item_document(app, ItemRef::Outcome(*outcome), body.width.min(100));
        super::document(frame, body, &doc, text, None);
        return;
    }
    let items = section.items(a, *outcome);
    let sel = selected[Section::ALL.iter().position(|s| s == section).unwrap_or(0)];
    let (left, right) = super::panes(body, 44, t, frame);
    if items.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("Nothing in this section yet.", t.dim)),
            left,
        );
        return;
    }
    let rows: Vec<Line<'static>> = items
        .iter()
        .map(|r| {
            let mut spans = vec![Span::raw(a.title(*r).to_string())];
            if let ItemRef::Question(o, i) = r
                && a.outcomes[*o].questions[*i].core
            {
                spans.push(Span::styled(" (quick)", t.dim));
            }
            if a.is_local(*r) {
                spans.push(Span::styled(" (local)", t.dim));
            }
            Line::from(spans)
        })
        .collect();
    super::list(frame, left, rows, sel, list, t);
    if let (Some(right), Some(item)) = (right, items.get(sel)) {
        let doc = super::item_document(app, *item, right.width);
        super::document(frame, right, &doc, &Default::default(), None);
    }
}

/// The section tabs with item counts; labels shorten on narrow terminals.
fn tabs(frame: &mut Frame, area: Rect, app: &App, outcome: usize, current: Section) {
    let a = &app.almanac;
    let t = &app.theme;
    let label = |s: Section, short: bool, counts: bool| {
        let name = if short { s.short() } else { s.label() };
        match s {
            Section::Overview => name.to_string(),
            _ if counts => format!("{name} {}", s.items(a, outcome).len()),
            _ => name.to_string(),
        }
    };
    // The widest form that fits: full names, short names, then short names without
    // counts; the current tab always shows its count.
    let width = usize::from(area.width);
    let cost = |short, counts| -> usize {
        Section::ALL
            .iter()
            .map(|s| label(*s, short, counts || *s == current).width() + 3)
            .sum()
    };
    let (short, counts) = [(false, true), (true, true), (true, false)]
        .into_iter()
        .find(|(short, counts)| cost(*short, *counts) <= width + 1)
        .unwrap_or((true, false));
    let mut spans = Vec::new();
    for s in Section::ALL {
        let text = format!(" {} ", label(s, short, counts || s == current));
        let style = if s == current { t.tab_active } else { t.tab };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
