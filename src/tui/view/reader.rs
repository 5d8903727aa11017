//! The reading view (one item, scrollable, with links) and the foundations path.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::app::{App, Screen, reader_links};
use super::super::markdown::Rendered;
use crate::content::ItemRef;

/// Text is kept to a readable measure on very wide terminals.
const MAX_MEASURE: u16 = 100;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let width = area.width.min(MAX_MEASURE);
    let area = Rect { width, ..area };
    match &app.screen {
        Screen::Reader { item, text, link } => {
            let mut doc = super::item_document(app, *item, width);
            let focus = append_links(app, &mut doc, &reader_links(&app.almanac, *item), *link);
            super::document(frame, area, &doc, text, focus);
        }
        Screen::Foundations { step, text, link } => {
            let mut doc = super::super::markdown::render(
                &foundations_markdown(app, *step),
                width,
                &app.theme,
            );
            let focus = append_links(app, &mut doc, &[ItemRef::Outcome(*step)], *link);
            super::document(frame, area, &doc, text, focus);
        }
        _ => {}
    }
}

/// The foundations page for one outcome: what it means, why it matters, what to ask.
fn foundations_markdown(app: &App, step: usize) -> String {
    let a = &app.almanac;
    let o = &a.outcomes[step];
    let mut md = format!(
        "# {} {}\n\n*Foundations for councillors: outcome {} of {}*\n\n**{}**\n\n## Why it matters\n\n{}\n\n## Questions to ask officers\n\n",
        o.number,
        o.title,
        step + 1,
        a.outcomes.len(),
        o.summary,
        o.why_it_matters.trim()
    );
    for q in &o.councillor_questions {
        md.push_str(&format!("- {}\n", q.text.trim()));
    }
    md
}

/// Adds the followable links and the web references under the text. Returns the line
/// of the selected link so the view can scroll it into sight.
fn append_links(
    app: &App,
    doc: &mut Rendered,
    links: &[ItemRef],
    selected: Option<usize>,
) -> Option<usize> {
    let a = &app.almanac;
    let t = &app.theme;
    let mut focus = None;
    if !links.is_empty() {
        doc.lines.push(Line::default());
        doc.lines.push(Line::styled(
            "Links (Tab to choose, Enter to follow)",
            t.heading,
        ));
        for (i, r) in links.iter().enumerate() {
            let where_ = match r.outcome() {
                Some(o) if r.kind() != crate::content::Kind::Outcome => {
                    format!("{} · {}", r.kind().label(), a.outcomes[o].title)
                }
                _ => r.kind().label().to_string(),
            };
            let is_sel = selected == Some(i);
            if is_sel {
                focus = Some(doc.lines.len());
            }
            let marker = if is_sel {
                t.marker.to_string()
            } else {
                "→ ".to_string()
            };
            let title_style = if is_sel { t.link_selected } else { t.link };
            doc.lines.push(Line::from(vec![
                Span::styled(marker, if is_sel { t.link_selected } else { t.dim }),
                Span::styled(a.title(*r).to_string(), title_style),
                Span::styled(format!("  {where_}"), t.dim),
            ]));
        }
    }
    if !doc.urls.is_empty() {
        doc.lines.push(Line::default());
        doc.lines.push(Line::styled("References", t.heading));
        for (i, (text, url)) in doc.urls.clone().iter().enumerate() {
            doc.lines.push(Line::from(vec![
                Span::styled(format!("[{}] ", i + 1), t.dim),
                Span::raw(text.clone()),
            ]));
            doc.lines.push(Line::styled(format!("    {url}"), t.link));
        }
    }
    focus
}
