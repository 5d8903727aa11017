//! Drawing. Views read the [`App`] and write cells; they never change what the user
//! sees next except through the scroll positions they keep in range (like ratatui's
//! `ListState`). No file or terminal I/O happens here.

mod assessments;
mod glossary;
mod help;
mod home;
mod outcome;
mod plan;
mod question;
mod reader;
mod results;
mod search;
mod setup;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Screen, Scroll};
use super::hints;
use super::markdown::{Rendered, render, truncate};
use super::overlay::Overlay;
use super::theme::Theme;

/// Below this size a message is shown instead of the screens.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width the list and the text sit side by side.
pub const TWO_PANE_WIDTH: u16 = 100;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, &app.theme);
        return;
    }
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    breadcrumbs(frame, top, app);
    match &app.screen {
        Screen::Home { .. } => home::draw(frame, body, app),
        Screen::Outcome { .. } => outcome::draw(frame, body, app),
        Screen::Reader { .. } | Screen::Foundations { .. } => reader::draw(frame, body, app),
        Screen::Glossary { .. } => glossary::draw(frame, body, app),
        Screen::Assess(page) => {
            use super::wizard::Page;
            match page {
                Page::Setup { .. } => setup::draw(frame, body, app),
                Page::Question { .. } => question::draw(frame, body, app),
                Page::Results { .. } => results::draw(frame, body, app),
                Page::Plan { .. } => plan::draw(frame, body, app),
                Page::List { .. } => assessments::draw(frame, body, app),
                Page::Compare { .. } => assessments::draw_compare(frame, body, app),
            }
            assessments::export_prompt(frame, body, app);
        }
        Screen::Search { .. } => search::draw(frame, body, app),
    }
    hint_bar(frame, bottom, app);
    if let Some(overlay) = &app.overlay {
        match overlay {
            Overlay::Help(h) => help::draw(frame, body, app, h),
        }
    }
}

/// Shown instead of a broken layout; it fits one line when there is room, else two.
fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let need = format!(
        "need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{}",
        area.width, area.height
    );
    let one_line = format!("terminal too small ({need})");
    let lines: Vec<Line> = if usize::from(area.width) >= one_line.len() {
        vec![Line::raw(one_line)]
    } else {
        vec![Line::raw("terminal too small"), Line::raw(need)]
    };
    let top = (area.height / 2).saturating_sub(1);
    let rect = Rect::new(area.x, area.y + top, area.width, area.height - top);
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.strong)
            .wrap(Wrap { trim: true }),
        rect,
    );
}

/// "Almanac › 10 Security & Resilience › Guidance › Title", cut from the left parts
/// first so the current place stays readable.
fn breadcrumbs(frame: &mut Frame, area: Rect, app: &App) {
    let a = &app.almanac;
    let outcome_label = |o: usize| format!("{} {}", a.outcomes[o].number, a.outcomes[o].title);
    let mut parts: Vec<String> = vec!["Almanac".into()];
    match &app.screen {
        Screen::Home { .. } => parts.push("Outcome areas".into()),
        Screen::Outcome {
            outcome, section, ..
        } => {
            parts.push(outcome_label(*outcome));
            parts.push(section.label().into());
        }
        Screen::Reader { item, .. } => {
            match item.outcome() {
                Some(o) => {
                    parts.push(outcome_label(o));
                    if item.kind() != crate::content::Kind::Outcome {
                        parts.push(item.kind().label().into());
                    }
                }
                None => parts.push("Glossary".into()),
            }
            if item.kind() != crate::content::Kind::Outcome {
                parts.push(a.title(*item).to_string());
            }
        }
        Screen::Glossary { .. } => parts.push("Glossary".into()),
        Screen::Search { .. } => parts.push("Search".into()),
        Screen::Foundations { step, .. } => {
            parts.push("Foundations".into());
            parts.push(format!("{} of {}", step + 1, a.outcomes.len()));
        }
        Screen::Assess(page) => parts.extend(super::wizard::breadcrumbs(app, page)),
    }
    let width = usize::from(area.width);
    let sep = " › ";
    // Shorten earlier parts until the whole line fits.
    let mut budget: Vec<usize> = parts.iter().map(|p| p.width()).collect();
    let total = |b: &[usize]| b.iter().sum::<usize>() + sep.width() * (b.len() - 1);
    for i in 0..parts.len() {
        let over = total(&budget).saturating_sub(width);
        if over == 0 {
            break;
        }
        let keep = if i + 1 == parts.len() { 1 } else { 4 };
        budget[i] = budget[i].saturating_sub(over).max(keep.min(budget[i]));
    }
    let mut spans = Vec::new();
    for (i, (p, w)) in parts.iter().zip(&budget).enumerate() {
        if i > 0 {
            spans.push(Span::styled(sep, app.theme.dim));
        }
        let style = if i + 1 == parts.len() {
            app.theme.title
        } else {
            app.theme.breadcrumb
        };
        spans.push(Span::styled(truncate(p, *w), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The one-line hint bar (or the status message), generated from the active keymap.
fn hint_bar(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    if let Some(status) = &app.status {
        let style = if status.error {
            theme.error
        } else {
            theme.status
        };
        let text = truncate(&status.text, usize::from(area.width));
        frame.render_widget(Paragraph::new(Span::styled(text, style)), area);
        return;
    }
    let line = hints::line(app, usize::from(area.width));
    frame.render_widget(Paragraph::new(line), area);
}

/// The assessment a results or plan page shows, or a message where it should be.
fn open_assessment<'a>(
    frame: &mut Frame,
    area: Rect,
    app: &'a App,
    path: &std::path::Path,
) -> Option<&'a super::wizard::Open> {
    let open = app.wizard.open_at(path);
    if open.is_none() {
        let msg = Span::styled("This assessment could not be opened.", app.theme.dim);
        frame.render_widget(Paragraph::new(msg), area);
    }
    open
}

/// The query line of a type-to-filter list: a label, the text field, and a count on
/// the right (glossary, search, help).
pub fn filter_line(
    frame: &mut Frame,
    area: Rect,
    label: &str,
    input: &ratatui_textarea::TextArea<'static>,
    count: &str,
    theme: &Theme,
) {
    let [label_area, field, counter] = Layout::horizontal([
        Constraint::Length(label.width() as u16),
        Constraint::Min(5),
        Constraint::Length(count.width() as u16),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled(label.to_string(), theme.strong)),
        label_area,
    );
    frame.render_widget(input, field);
    frame.render_widget(
        Paragraph::new(Span::styled(count.to_string(), theme.dim)),
        counter,
    );
}

/// A list with a marker and highlight on the selected row, scrolled so it is visible.
/// Rows are (text, style) pairs already built by the caller; long rows are cut with `…`.
pub fn list(
    frame: &mut Frame,
    area: Rect,
    rows: Vec<Line<'static>>,
    selected: usize,
    scroll: &Scroll,
    theme: &Theme,
) {
    scroll.area.set(area);
    let height = usize::from(area.height);
    if height == 0 || area.width < 3 {
        return;
    }
    let mut offset = scroll.offset.get();
    if selected < offset {
        offset = selected;
    } else if selected >= offset + height {
        offset = selected + 1 - height;
    }
    offset = offset.min(rows.len().saturating_sub(height));
    scroll.offset.set(offset);
    let width = usize::from(area.width);
    let marker_width = theme.marker.width();
    let lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| {
            let is_selected = i == selected;
            let marker = if is_selected {
                theme.marker.to_string()
            } else {
                " ".repeat(marker_width)
            };
            let mut spans = vec![Span::styled(
                marker,
                if is_selected {
                    theme.selected
                } else {
                    Style::new()
                },
            )];
            let mut used = marker_width;
            for span in row.spans {
                let room = width.saturating_sub(used);
                if room == 0 {
                    break;
                }
                let text = truncate(&span.content, room);
                used += text.width();
                let style = if is_selected {
                    span.style.patch(theme.selected)
                } else {
                    span.style
                };
                spans.push(Span::styled(text, style));
            }
            if is_selected && used < width {
                spans.push(Span::styled(" ".repeat(width - used), theme.selected));
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// A scrollable rendered document; returns nothing, keeps `scroll` in range.
/// `focus_line` (if any) is scrolled into view first.
pub fn document(
    frame: &mut Frame,
    area: Rect,
    doc: &Rendered,
    scroll: &Scroll,
    focus_line: Option<usize>,
) {
    let height = usize::from(area.height);
    let max = doc.lines.len().saturating_sub(height);
    let mut offset = scroll.offset.get().min(max);
    if let Some(line) = focus_line {
        if line < offset {
            offset = line;
        } else if line >= offset + height {
            offset = (line + 1).saturating_sub(height).min(max);
        }
    }
    scroll.offset.set(offset);
    let lines: Vec<Line> = doc
        .lines
        .iter()
        .skip(offset)
        .take(height)
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// Splits a body into (list, text) panes when wide enough, with a divider.
pub fn panes(
    area: Rect,
    list_width: u16,
    theme: &Theme,
    frame: &mut Frame,
) -> (Rect, Option<Rect>) {
    if area.width < TWO_PANE_WIDTH {
        return (area, None);
    }
    let [left, right] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(10)]).areas(area);
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(theme.border);
    let inner = block.inner(right);
    frame.render_widget(block, right);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(1),
        ..inner
    };
    (left, Some(inner))
}

/// Greedy word wrap by display width; words wider than a line are cut. Always returns
/// at least one line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let mut word = word.to_string();
            loop {
                let need = if line.is_empty() {
                    word.width()
                } else {
                    line.width() + 1 + word.width()
                };
                if need <= width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(&word);
                    break;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    continue;
                }
                // A word longer than the line: cut it.
                let mut head = String::new();
                let mut rest = String::new();
                for c in word.chars() {
                    if rest.is_empty() && head.width() + c.to_string().width() <= width {
                        head.push(c);
                    } else {
                        rest.push(c);
                    }
                }
                if head.is_empty() {
                    break;
                }
                lines.push(head);
                if rest.is_empty() {
                    break;
                }
                word = rest;
            }
        }
        lines.push(line);
    }
    lines
}

/// A plain document of ready-made lines, for [`document`].
pub fn lines_document(lines: Vec<Line<'static>>) -> Rendered {
    Rendered {
        lines,
        urls: Vec::new(),
    }
}

/// Renders an item's reading document at `width`.
pub fn item_document(app: &App, item: crate::content::ItemRef, width: u16) -> Rendered {
    let a = &app.almanac;
    let mut md = format!("# {}\n\n", a.title(item));
    if let Some(o) = item
        .outcome()
        .filter(|_| item.kind() != crate::content::Kind::Outcome)
    {
        md.push_str(&format!(
            "*{} · {}*\n\n",
            item.kind().label(),
            a.outcomes[o].title
        ));
    }
    if a.is_local(item) {
        md.push_str("*Local content from your council's overlay.*\n\n");
    }
    md.push_str(&a.body_markdown(item));
    render(&md, width, &app.theme)
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::style::{Color, Modifier};

    use crate::tui::testing::{app, press, render, text};
    use crate::tui::theme::Theme;

    /// The rows with the marker glyph in column `x`.
    fn marked_rows(buf: &Buffer, x: u16) -> Vec<u16> {
        (0..buf.area.height)
            .filter(|y| buf[(x, *y)].symbol() == ">")
            .collect()
    }

    #[test]
    fn monochrome_marks_the_selection_without_any_colour() {
        let theme = Theme::monochrome();
        assert_eq!(theme.marker, "> ");
        let mut app = app("default", theme);
        press(&mut app, &["j", "j"]);
        let home = render(&app, 80, 24);
        press(&mut app, &["enter", "tab"]);
        let outcome = render(&app, 80, 24);
        press(&mut app, &["?"]);
        let help = render(&app, 120, 30);
        // Where the selected row's marker is: the list's first column, or the first
        // column inside the help panel (centred, 96 wide, with a border).
        for (buf, x) in [(&home, 0), (&outcome, 0), (&help, 13)] {
            for cell in buf.content() {
                assert_eq!(
                    cell.fg,
                    Color::Reset,
                    "a foreground colour in\n{}",
                    text(buf)
                );
                assert_eq!(
                    cell.bg,
                    Color::Reset,
                    "a background colour in\n{}",
                    text(buf)
                );
            }
            let rows = marked_rows(buf, x);
            assert_eq!(
                rows.len(),
                1,
                "one marked row at column {x} in\n{}",
                text(buf)
            );
            let y = rows[0];
            for x in x..x + 10 {
                let m = buf[(x, y)].modifier;
                assert!(
                    m.contains(Modifier::REVERSED | Modifier::BOLD),
                    "cell {x},{y} is {m:?} in\n{}",
                    text(buf)
                );
            }
        }
        // The Home screen marks the third outcome.
        assert_eq!(marked_rows(&home, 0), vec![3]);
        assert!(text(&home).lines().nth(3).unwrap().starts_with(">  3 "));
    }
}
