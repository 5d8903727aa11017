//! The Assessments screen, the comparison of two assessments, and the export prompt.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::super::app::{App, Screen};
use super::super::markdown::truncate;
use super::super::wizard::Page;
use super::super::wizard::list::{FORMATS, format_name};
use super::lines_document;
use super::results::{describe, pad, trend_text};
use crate::assess::score::{self, fmt2};
use crate::assess::store::show;
use crate::assess::timestamp;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Screen::Assess(Page::List {
        selected,
        list,
        marked,
    }) = &app.screen
    else {
        return;
    };
    let t = &app.theme;
    let w = &app.wizard;
    let width = usize::from(area.width);
    let problems = w.unreadable.len().min(1) as u16;
    let [head, _, columns, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(problems),
    ])
    .areas(area);
    let dir = w
        .store
        .as_ref()
        .map_or_else(|| "(no data folder)".into(), |s| show(s.dir()));
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(&format!("Assessments in {dir}"), width),
            t.title,
        )),
        head,
    );
    if w.list.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "No assessments yet: press a to start one.",
                t.dim,
            )),
            columns,
        );
    } else {
        let marker = " ".repeat(unicode_width::UnicodeWidthStr::width(t.marker.as_str()));
        let org_w = width
            .saturating_sub(marker.len() + 10 + 2 + 2 + 9 + 2 + 11 + 9)
            .max(8);
        frame.render_widget(
            Paragraph::new(Line::styled(
                truncate(
                    &format!(
                        "{marker}{}  {}  {}  {}",
                        pad("Started", 10),
                        pad("Organisation", org_w),
                        pad("Answered", 9),
                        "Status"
                    ),
                    width,
                ),
                t.dim,
            )),
            columns,
        );
        let rows: Vec<Line<'static>> = w
            .list
            .iter()
            .map(|s| {
                let status = s.status();
                let mark = if marked.as_deref() == Some(s.path.as_path()) {
                    "  * marked"
                } else {
                    ""
                };
                Line::raw(format!(
                    "{}  {}  {}  {}{mark}",
                    pad(timestamp::date_part(&s.started), 10),
                    pad(s.organisation_label(), org_w),
                    pad(&format!("{} of {}", s.answered, s.total), 9),
                    pad(status, 11)
                ))
            })
            .collect();
        super::list(frame, body, rows, *selected, list, t);
    }
    if let Some(first) = w.unreadable.first() {
        let more = if w.unreadable.len() > 1 {
            format!(" (+{} more)", w.unreadable.len() - 1)
        } else {
            String::new()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(
                truncate(&format!("Not readable: {first}{more}"), width),
                t.error,
            )),
            foot,
        );
    }
}

pub fn draw_compare(frame: &mut Frame, area: Rect, app: &App) {
    let Screen::Assess(Page::Compare { text, .. }) = &app.screen else {
        return;
    };
    let t = &app.theme;
    let Some(c) = &app.wizard.compare else {
        frame.render_widget(
            Paragraph::new(Span::styled("These assessments could not be read.", t.dim)),
            area,
        );
        return;
    };
    let almanac = &app.almanac;
    let width = usize::from(area.width);
    let (ra, rb) = (score::score(almanac, &c.a.1), score::score(almanac, &c.b.1));
    let mut lines = vec![
        Line::styled(
            truncate(&format!("A: {}", describe(app, &c.a.1).0), width),
            t.strong,
        ),
        Line::styled(
            truncate(&format!("B: {}", describe(app, &c.b.1).0), width),
            t.strong,
        ),
        Line::raw(""),
    ];
    let title_w = width.saturating_sub(3 + 2 + 6 + 2 + 6 + 2 + 9).max(8);
    lines.push(Line::styled(
        truncate(
            &format!(
                "{:>2} {}  {:>6}  {:>6}  Change",
                "#",
                pad("Outcome", title_w),
                "A",
                "B"
            ),
            width,
        ),
        t.dim,
    ));
    for tr in score::trend(&ra, &rb) {
        let (num, title) = match tr.outcome {
            Some(o) => (
                almanac.outcomes[o].number.to_string(),
                almanac.outcomes[o].title.clone(),
            ),
            None => (String::new(), "Overall".to_string()),
        };
        let change = match (tr.before, tr.after) {
            (None, Some(_)) => "only in B".to_string(),
            (Some(_), None) => "only in A".to_string(),
            _ => trend_text(Some(&tr)),
        };
        let style = if tr.outcome.is_none() {
            t.strong
        } else {
            t.text
        };
        lines.push(Line::styled(
            truncate(
                &format!(
                    "{num:>2} {}  {:>6}  {:>6}  {change}",
                    pad(&title, title_w),
                    tr.before.map_or_else(|| "–".into(), fmt2),
                    tr.after.map_or_else(|| "–".into(), fmt2),
                ),
                width,
            ),
            style,
        ));
    }
    super::document(frame, area, &lines_document(lines), text, None);
}

/// The export prompt, over the bottom of the screen while open.
pub fn export_prompt(frame: &mut Frame, area: Rect, app: &App) {
    let Some(p) = &app.wizard.export else {
        return;
    };
    let t = &app.theme;
    if area.height < 3 || area.width < 10 {
        return;
    }
    let box_area = Rect {
        y: area.y + area.height - 3,
        height: 3,
        ..area
    };
    frame.render_widget(Clear, box_area);
    let others: Vec<&str> = FORMATS
        .iter()
        .filter(|f| **f != p.format)
        .map(|f| format_name(*f))
        .collect();
    let cwd = &p.dir;
    let title = match &p.confirm {
        Some(_) => " File exists ".to_string(),
        None => format!(
            " Export as {} (Tab: {}) in {cwd} ",
            format_name(p.format),
            others.join(", ")
        ),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(
            truncate(&title, usize::from(area.width).saturating_sub(2)),
            t.strong,
        ));
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    if let Some(target) = &p.confirm {
        frame.render_widget(
            Paragraph::new(Span::styled(
                truncate(
                    &format!(
                        "{} exists. y replaces it; any other key keeps it",
                        show(target)
                    ),
                    usize::from(inner.width),
                ),
                t.error,
            )),
            inner,
        );
        return;
    }
    let [label, field] =
        Layout::horizontal([Constraint::Length(6), Constraint::Min(1)]).areas(inner);
    frame.render_widget(Paragraph::new(Span::styled(" File ", t.strong)), label);
    frame.render_widget(&p.field, field);
}
