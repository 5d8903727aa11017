//! Home: the outcome areas in framework order, with a preview when wide enough; the
//! latest assessment level of each, and an offer to resume an unfinished assessment.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::super::app::{App, Screen};
use super::super::markdown::truncate;
use crate::assess::timestamp;
use crate::content::ItemRef;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Screen::Home { selected, list } = &app.screen else {
        return;
    };
    let a = &app.almanac;
    let t = &app.theme;
    let home = &app.wizard.home;
    let area = match &home.unfinished {
        Some(s) => {
            let [banner, rest] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
            let key = |action| app.keymap.first_key(action).unwrap_or_else(|| "?".into());
            let org = if s.organisation.is_empty() {
                "no organisation".to_string()
            } else {
                s.organisation.clone()
            };
            // The key comes first so a narrow terminal still shows how to resume.
            let text = format!(
                "{} resumes the unfinished assessment: {org}, {}, {} of {} answered ({} lists all)",
                key(crate::keymap::Action::Resume),
                timestamp::date_part(&s.started),
                s.answered,
                s.total,
                key(crate::keymap::Action::Assessments),
            );
            frame.render_widget(
                Paragraph::new(Span::styled(
                    truncate(&text, usize::from(banner.width)),
                    t.status,
                )),
                banner,
            );
            rest
        }
        None => area,
    };
    let (left, right) = super::panes(area, 46, t, frame);
    let show_levels = home.levels.iter().any(Option::is_some);
    let title_width = a
        .outcomes
        .iter()
        .map(|o| o.title.width())
        .max()
        .unwrap_or(0);
    let rows: Vec<Line<'static>> = a
        .outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mut spans = vec![Span::styled(format!("{:>2} ", o.number), t.dim)];
            if show_levels {
                let level = home.levels.get(i).copied().flatten();
                spans.push(match level {
                    Some(l) => Span::styled(format!("L{l} "), t.strong),
                    None => Span::styled("–  ", t.dim),
                });
            }
            spans.push(Span::styled(o.title.clone(), t.strong));
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
