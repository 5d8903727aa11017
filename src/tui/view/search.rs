//! The search screen: the query line with scope and count, results with their matched
//! characters highlighted (two lines each: title with kind and outcome, then a snippet
//! for body matches), and a preview of the selected result when wide enough.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::super::app::{App, Screen};
use super::super::theme::Theme;
use crate::content::Kind;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Screen::Search {
        query,
        scope,
        selected,
        list,
        ..
    } = &app.screen
    else {
        return;
    };
    let a = &app.almanac;
    let t = &app.theme;
    let results = &app.live.results;
    let [input_area, info_area, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    let count = format!(" {}/{}", results.matched, results.total);
    super::filter_line(frame, input_area, "Search: ", &app.input, &count, t);

    let info = if let Some(problem) = results.problems.first() {
        Line::styled(problem.clone(), t.error)
    } else {
        Line::from(vec![
            Span::styled("in ", t.dim),
            Span::styled(scope.label(a), t.strong),
            Span::styled(" (Tab changes)", t.dim),
        ])
    };
    frame.render_widget(Paragraph::new(info), info_area);

    let (left, right) = super::panes(body, 56, t, frame);
    if results.hits.is_empty() {
        let msg = if query.trim().is_empty() {
            "Type to search guidance, challenges, case studies, questions, reading and the glossary."
        } else {
            "No results. Fewer or shorter words, or Tab to widen the scope."
        };
        frame.render_widget(
            Paragraph::new(Span::styled(msg, t.dim)).wrap(ratatui::widgets::Wrap { trim: true }),
            left,
        );
        return;
    }
    let selected = (*selected).min(results.hits.len() - 1);
    let per_page = (usize::from(left.height) / 2).max(1);
    let mut offset = list.offset.get();
    if selected < offset {
        offset = selected;
    } else if selected >= offset + per_page {
        offset = selected + 1 - per_page;
    }
    list.offset.set(offset);
    let width = usize::from(left.width);
    let mut lines = Vec::new();
    for (i, hit) in results.hits.iter().enumerate().skip(offset).take(per_page) {
        let is_sel = i == selected;
        let base = if is_sel { t.selected } else { Style::new() };
        let marker = if is_sel {
            t.marker.to_string()
        } else {
            " ".repeat(t.marker.width())
        };
        let mut spans = vec![Span::styled(marker.clone(), base)];
        let title = a.title(hit.item);
        let where_ = match hit.item.outcome() {
            Some(o) if hit.item.kind() != Kind::Outcome => {
                format!("  {} · {}", hit.item.kind().label(), a.outcomes[o].title)
            }
            _ => format!("  {}", hit.item.kind().label()),
        };
        let room = width.saturating_sub(marker.width());
        let title_room = room.saturating_sub(where_.width().min(room / 2));
        let used = highlighted(&mut spans, title, &hit.title_matches, title_room, base, t);
        let rest = width.saturating_sub(marker.width() + used);
        spans.push(Span::styled(
            super::truncate(&where_, rest),
            base.patch(t.dim),
        ));
        lines.push(Line::from(spans));
        let mut second = vec![Span::raw(" ".repeat(marker.width() + 1))];
        if let Some(snippet) = &hit.snippet {
            let room = width.saturating_sub(marker.width() + 1);
            highlighted(&mut second, &snippet.text, &snippet.matches, room, t.dim, t);
        }
        lines.push(Line::from(second));
    }
    frame.render_widget(Paragraph::new(lines), left);
    if let (Some(right), Some(hit)) = (right, results.hits.get(selected)) {
        let doc = super::item_document(app, hit.item, right.width);
        super::document(frame, right, &doc, &Default::default(), None);
    }
}

/// Pushes `text` cut to `room` cells, with the graphemes at `matches` highlighted.
/// Returns the width used.
fn highlighted(
    spans: &mut Vec<Span<'static>>,
    text: &str,
    matches: &[usize],
    room: usize,
    base: Style,
    t: &Theme,
) -> usize {
    let cut = text.width() > room;
    let limit = if cut { room.saturating_sub(1) } else { room };
    let mut used = 0;
    let mut run = String::new();
    let mut run_hit = false;
    for (i, g) in text.graphemes(true).enumerate() {
        let w = g.width();
        if used + w > limit {
            break;
        }
        let hit = matches.contains(&i);
        if hit != run_hit && !run.is_empty() {
            let style = if run_hit { base.patch(t.matched) } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_hit = hit;
        run.push_str(g);
        used += w;
    }
    if !run.is_empty() {
        let style = if run_hit { base.patch(t.matched) } else { base };
        spans.push(Span::styled(run, style));
    }
    if cut && room > 0 {
        spans.push(Span::styled("…", base));
        used += 1;
    }
    used
}
