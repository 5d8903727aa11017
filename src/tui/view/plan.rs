//! The action plan: entries in priority order with done mark, owner and due date; then
//! the suggested guidance not yet in it; the entry editor below when open.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::super::app::{App, Screen};
use super::super::markdown::truncate;
use super::super::wizard::Page;
use super::super::wizard::plan::open_suggestions;
use super::lines_document;
use super::results::{guidance_row, pad};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Screen::Assess(Page::Plan {
        path,
        selected,
        list,
    }) = &app.screen
    else {
        return;
    };
    let t = &app.theme;
    let Some(open) = super::open_assessment(frame, area, app, path) else {
        return;
    };
    let a = open.assessment();
    let almanac = &app.almanac;
    let edit_height = if app.wizard.plan_edit.is_some() { 4 } else { 0 };
    let [body, edit] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(edit_height)]).areas(area);
    let width = usize::from(body.width);
    let done = a.plan.iter().filter(|p| p.done).count();
    let org = a.organisation_label();
    let mut lines: Vec<Line<'static>> = vec![Line::styled(
        truncate(
            &format!(
                "Action plan · {org} · {} entr{}, {done} done",
                a.plan.len(),
                if a.plan.len() == 1 { "y" } else { "ies" }
            ),
            width,
        ),
        t.title,
    )];
    lines.push(Line::raw(""));
    let marker_w = t.marker.width();
    let owner_w = 14;
    let due_w = 10;
    let title_w = width
        .saturating_sub(marker_w + 3 + 5 + owner_w + 2 + due_w + 2)
        .max(8);
    let mut focus = None;
    if a.plan.is_empty() {
        lines.push(Line::styled(
            "Nothing planned yet: add guidance from the suggestions below.",
            t.dim,
        ));
    } else {
        lines.push(Line::styled(
            truncate(
                &format!(
                    "{}{:>2} {} {} {}  {}",
                    " ".repeat(marker_w),
                    "#",
                    "Done",
                    pad("Guidance", title_w),
                    pad("Owner", owner_w),
                    "Due"
                ),
                width,
            ),
            t.dim,
        ));
        for (i, p) in a.plan.iter().enumerate() {
            let is_selected = i == *selected;
            if is_selected {
                focus = Some(lines.len());
            }
            let title = almanac
                .get(&p.guidance)
                .map_or_else(|| p.guidance.clone(), |g| almanac.title(g).to_string());
            let marker = if is_selected {
                t.marker.to_string()
            } else {
                " ".repeat(marker_w)
            };
            let row = format!(
                "{:>2} {}  {} {}  {}",
                i + 1,
                if p.done { "[x]" } else { "[ ]" },
                pad(&title, title_w),
                pad(if p.owner.is_empty() { "–" } else { &p.owner }, owner_w),
                p.due.as_deref().unwrap_or("–")
            );
            let row = truncate(&row, width.saturating_sub(marker_w));
            let fill = " ".repeat(width.saturating_sub(marker_w + row.width()));
            let style = if is_selected { t.selected } else { t.text };
            lines.push(Line::from(vec![
                Span::styled(marker, style),
                Span::styled(format!("{row}{fill}"), style),
            ]));
        }
    }
    let extra = open_suggestions(almanac, a);
    if !extra.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            truncate(
                "Suggested for the weakest outcomes (Enter or Space adds)",
                width,
            ),
            t.heading,
        ));
        for (k, g) in extra.iter().enumerate() {
            let is_selected = a.plan.len() + k == *selected;
            if is_selected {
                focus = Some(lines.len());
            }
            lines.push(guidance_row(app, a, *g, is_selected, width));
        }
    }
    super::document(frame, body, &lines_document(lines), list, focus);

    if let Some(e) = &app.wizard.plan_edit
        && edit.height >= 3
    {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(t.border)
            .title(Span::styled(
                format!(" Plan entry {} (Enter saves, Esc cancels) ", e.index + 1),
                t.strong,
            ));
        let inner = block.inner(edit);
        frame.render_widget(block, edit);
        let [owner_l, owner_f, due_l, due_f] = Layout::horizontal([
            Constraint::Length(7),
            Constraint::Min(8),
            Constraint::Length(22),
            Constraint::Length(12),
        ])
        .areas(Rect { height: 1, ..inner });
        let label = |text: &'static str, focused: bool| {
            Paragraph::new(Span::styled(
                text,
                if focused { t.selected } else { t.strong },
            ))
        };
        frame.render_widget(label("Owner ", e.focus == 0), owner_l);
        frame.render_widget(label("  Due (YYYY-MM-DD) ", e.focus == 1), due_l);
        for (field, area, focused) in [
            (&e.owner, owner_f, e.focus == 0),
            (&e.due, due_f, e.focus == 1),
        ] {
            if focused {
                frame.render_widget(field, area);
            } else {
                frame.render_widget(
                    Paragraph::new(truncate(&field.lines().join(""), usize::from(area.width))),
                    area,
                );
            }
        }
    }
}
