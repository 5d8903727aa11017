//! One assessment question: progress and per-outcome ticks, the prompt, the five level
//! descriptors with the scale's names (the current answer marked), the help, the target
//! and a notes preview; the notes editor below when open.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::super::app::{App, Screen};
use super::super::markdown::truncate;
use super::super::wizard::{Open, Page};
use super::{lines_document, wrap};
use crate::assess::{OutcomeTick, Session, level_name};
use crate::content::ItemRef;

/// Text is kept to a readable measure on very wide terminals.
const MAX_MEASURE: u16 = 110;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Screen::Assess(Page::Question { path, text }) = &app.screen else {
        return;
    };
    let t = &app.theme;
    let Some(open) = app.wizard.open_at(path) else {
        frame.render_widget(
            Paragraph::new(Span::styled("This assessment is not open.", t.dim)),
            area,
        );
        return;
    };
    let area = Rect {
        width: area.width.min(MAX_MEASURE),
        ..area
    };
    let width = usize::from(area.width);
    let mut top: Vec<Line<'static>> = Vec::new();
    let session = match open {
        Open::Session(s) => s,
        Open::ReadOnly { why, .. } => {
            frame.render_widget(
                Paragraph::new(vec![
                    Line::styled(truncate(&format!("Read only: {why}"), width), t.error),
                    Line::styled(
                        "r on the results or the list resumes it once it is free",
                        t.dim,
                    ),
                ]),
                area,
            );
            return;
        }
    };
    let p = session.progress();
    let heading = match session.current() {
        Some(q) => {
            let o = q.outcome().unwrap_or(0);
            let x = &app.almanac.outcomes[o];
            format!(
                "Question {} of {} · {} {}",
                p.position, p.total, x.number, x.title
            )
        }
        None => format!("End of the questions ({} in all)", p.total),
    };
    top.push(Line::styled(truncate(&heading, width), t.title));
    top.push(ticks(app, &session.outcome_ticks(), width));
    if let Some(err) = &app.wizard.save_error {
        top.push(Line::styled(
            truncate(
                &format!("Not saved: {err}. Kept in memory; S saves a copy to a new file."),
                width,
            ),
            t.error,
        ));
    }
    top.push(Line::raw(""));
    let notes_height = if app.wizard.notes.is_some() {
        (area.height / 2).clamp(4, 10)
    } else {
        0
    };
    let top_height = (top.len() as u16).min(area.height);
    let [head, body, notes] = Layout::vertical([
        Constraint::Length(top_height),
        Constraint::Min(0),
        Constraint::Length(notes_height),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(top), head);
    let doc = match session.current() {
        Some(q) => question_lines(app, session, q, width),
        None => end_lines(app, session, width),
    };
    super::document(frame, body, &lines_document(doc), text, None);
    if let Some(editor) = &app.wizard.notes
        && notes.height >= 3
    {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(t.border)
            .title(Span::styled(
                " Notes (Esc closes; saved as you type) ",
                t.strong,
            ));
        let inner = block.inner(notes);
        frame.render_widget(block, notes);
        frame.render_widget(editor, inner);
    }
}

/// `Security ●●○  Services ○○○`, or `10 ●●○  11 ○○○` when the names do not fit.
fn ticks(app: &App, ticks: &[OutcomeTick], width: usize) -> Line<'static> {
    let t = &app.theme;
    let glyphs = |k: &OutcomeTick| {
        format!(
            "{}{}{}",
            "●".repeat(k.answered),
            "–".repeat(k.settled - k.answered),
            "○".repeat(k.total - k.settled)
        )
    };
    let short = |o: usize| {
        let title = &app.almanac.outcomes[o].title;
        title
            .split([' ', ','])
            .next()
            .unwrap_or(title)
            .trim_end_matches('&')
            .to_string()
    };
    let build = |named: bool| -> Vec<(String, bool)> {
        ticks
            .iter()
            .map(|k| {
                let label = if named {
                    short(k.outcome)
                } else {
                    app.almanac.outcomes[k.outcome].number.to_string()
                };
                (format!("{label} {}", glyphs(k)), k.current)
            })
            .collect()
    };
    let cost = |v: &[(String, bool)]| {
        v.iter().map(|(s, _)| s.width()).sum::<usize>() + 2 * v.len().saturating_sub(1)
    };
    let mut parts = build(true);
    if cost(&parts) > width {
        parts = build(false);
    }
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, (text, current)) in parts.into_iter().enumerate() {
        let sep = if i == 0 { "" } else { "  " };
        let room = width.saturating_sub(used + sep.len());
        if room == 0 {
            break;
        }
        let text = truncate(&text, room);
        used += sep.len() + text.width();
        spans.push(Span::raw(sep));
        spans.push(Span::styled(text, if current { t.strong } else { t.dim }));
    }
    Line::from(spans)
}

fn question_lines(app: &App, s: &Session, q: ItemRef, width: usize) -> Vec<Line<'static>> {
    let a = &app.almanac;
    let t = &app.theme;
    let ItemRef::Question(o, i) = q else {
        return Vec::new();
    };
    let question = &a.outcomes[o].questions[i];
    let answer = s.current_answer();
    let level = answer.and_then(|x| x.level);
    let mut lines: Vec<Line<'static>> = wrap(&question.prompt, width)
        .into_iter()
        .map(|l| Line::styled(l, t.title))
        .collect();
    lines.push(Line::raw(""));
    let names: Vec<String> = (1..=5u8).map(|l| level_name(a, l)).collect();
    let name_width = names.iter().map(|n| n.width()).max().unwrap_or(0);
    let marker_width = t.marker.width();
    // marker, "3 ", name, two spaces
    let indent = marker_width + 2 + name_width + 2;
    let text_width = width.saturating_sub(indent).max(10);
    for (l, name) in (1..=5u8).zip(&names) {
        let descriptor = question
            .levels
            .get(usize::from(l) - 1)
            .cloned()
            .unwrap_or_default();
        let chosen = level == Some(l);
        let style = if chosen { t.selected } else { Style::new() };
        for (k, part) in wrap(&descriptor, text_width).into_iter().enumerate() {
            let gutter = if k == 0 {
                let marker = if chosen {
                    t.marker.to_string()
                } else {
                    " ".repeat(marker_width)
                };
                format!(
                    "{marker}{l} {name}{}  ",
                    " ".repeat(name_width - name.width())
                )
            } else {
                " ".repeat(indent)
            };
            let label_style = if chosen { t.selected } else { t.strong };
            lines.push(Line::from(vec![
                Span::styled(gutter, if k == 0 { label_style } else { style }),
                Span::styled(part, style),
            ]));
        }
    }
    lines.push(Line::raw(""));
    if !question.help.trim().is_empty() {
        for part in wrap(question.help.trim(), width) {
            lines.push(Line::styled(part, t.emphasis));
        }
        lines.push(Line::raw(""));
    }
    let answered = match answer {
        Some(x) if x.skipped => "Skipped".to_string(),
        Some(x) => match x.level {
            Some(l) => format!("Answer: {l} {}", level_name(a, l)),
            None => "Not answered yet".into(),
        },
        None => "Not answered yet".into(),
    };
    let target = match answer.and_then(|x| x.target) {
        Some(l) => format!("Target: {l} {}", level_name(a, l)),
        None => "No target".into(),
    };
    lines.push(Line::styled(
        truncate(&format!("{answered} · {target}"), width),
        t.strong,
    ));
    let notes = answer.map(|x| x.notes.as_str()).unwrap_or("");
    if notes.trim().is_empty() {
        if app.wizard.notes.is_none() {
            lines.push(Line::styled("Notes: none", t.dim));
        }
    } else if app.wizard.notes.is_none() {
        let mut preview = wrap(&format!("Notes: {}", notes.replace('\n', " / ")), width);
        let more = preview.len() > 3;
        preview.truncate(3);
        if more && let Some(last) = preview.last_mut() {
            *last = truncate(&format!("{last} …"), width);
        }
        lines.extend(preview.into_iter().map(Line::raw));
    }
    lines
}

fn end_lines(app: &App, s: &Session, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let p = s.progress();
    let open = p.total - p.answered - p.skipped;
    let mut lines = vec![Line::styled(
        truncate(
            &format!(
                "{} questions: {} answered, {} skipped, {open} open.",
                p.total, p.answered, p.skipped
            ),
            width,
        ),
        t.strong,
    )];
    lines.push(Line::raw(""));
    let mut keys = Vec::new();
    let k = |a| app.keymap.first_key(a).unwrap_or_else(|| "?".into());
    use crate::keymap::Action;
    if open > 0 {
        keys.push(format!(
            "{}  goes to the first open question",
            k(Action::NextQuestion)
        ));
    }
    keys.push(format!("{}  shows the results", k(Action::Results)));
    keys.push(format!("{}  goes back to revise", k(Action::PrevQuestion)));
    keys.push(format!(
        "{}  leaves the wizard (everything is saved)",
        k(Action::Back)
    ));
    lines.extend(keys.into_iter().map(|l| Line::raw(truncate(&l, width))));
    lines
}
