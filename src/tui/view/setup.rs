//! The set-up screen: organisation, people, quick or full, and the outcomes in scope.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::super::app::{App, Screen};
use super::super::markdown::truncate;
use super::super::wizard::Page;
use super::super::wizard::setup::Field;

const LABEL: u16 = 18;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Screen::Assess(Page::Setup { focus, list }) = &app.screen else {
        return;
    };
    let t = &app.theme;
    let a = &app.almanac;
    let form = &app.wizard.setup;
    let field = Field::of(*focus);
    let rows = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .split(area);
    let width = usize::from(area.width);
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(
                "New assessment: who is here, how long you have, which outcomes",
                width,
            ),
            t.title,
        )),
        rows[0],
    );
    text_field(
        frame,
        rows[2],
        app,
        "Organisation",
        &form.org,
        field == Field::Organisation,
    );
    text_field(
        frame,
        rows[3],
        app,
        "People present",
        &form.people,
        field == Field::People,
    );
    let mode = if form.quick {
        "[x] Quick: the core questions only (Space for all questions)"
    } else {
        "[ ] Quick: off, every question is asked (Space for core only)"
    };
    label_row(frame, rows[4], app, "Questions", mode, field == Field::Mode);
    let chosen = form.chosen.iter().filter(|c| **c).count();
    let count = if chosen == 0 {
        0
    } else {
        crate::assess::questions(a, &form.scope(a)).len()
    };
    label_row(
        frame,
        rows[5],
        app,
        "Outcomes",
        &format!(
            "{chosen} of {} chosen, {count} questions (Space toggles, * all/none)",
            form.chosen.len()
        ),
        false,
    );
    let list_area = rows[6];
    let lines: Vec<Line<'static>> = a
        .outcomes
        .iter()
        .zip(&form.chosen)
        .map(|(o, c)| {
            Line::from(vec![
                Span::raw(if *c { "[x] " } else { "[ ] " }),
                Span::styled(format!("{:>2} ", o.number), t.dim),
                Span::raw(o.title.clone()),
            ])
        })
        .collect();
    match field {
        Field::Outcome(i) => super::list(frame, list_area, lines, i, list, t),
        _ => {
            let offset = list.offset.get();
            let shown: Vec<Line> = lines
                .into_iter()
                .skip(offset)
                .map(|l| {
                    let mut spans = vec![Span::raw(" ".repeat(t.marker.chars().count()))];
                    spans.extend(l.spans);
                    Line::from(spans)
                })
                .collect();
            frame.render_widget(Paragraph::new(shown), list_area);
        }
    }
}

fn label(app: &App, text: &str, focused: bool) -> Span<'static> {
    let t = &app.theme;
    let marker = if focused {
        t.marker.to_string()
    } else {
        " ".repeat(t.marker.chars().count())
    };
    let style = if focused { t.selected } else { t.strong };
    Span::styled(
        format!("{marker}{text:<width$}", width = usize::from(LABEL) - 2),
        style,
    )
}

fn split(area: Rect) -> (Rect, Rect) {
    let [l, r] = Layout::horizontal([Constraint::Length(LABEL), Constraint::Min(1)]).areas(area);
    (l, r)
}

fn text_field(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    name: &str,
    field: &TextArea<'static>,
    focused: bool,
) {
    let (l, r) = split(area);
    frame.render_widget(Paragraph::new(label(app, name, focused)), l);
    if focused {
        frame.render_widget(field, r);
    } else {
        let text = field.lines().join(" ");
        let shown = if text.is_empty() {
            Span::styled("–", app.theme.dim)
        } else {
            Span::raw(truncate(&text, usize::from(r.width)))
        };
        frame.render_widget(Paragraph::new(shown), r);
    }
}

fn label_row(frame: &mut Frame, area: Rect, app: &App, name: &str, value: &str, focused: bool) {
    let (l, r) = split(area);
    frame.render_widget(Paragraph::new(label(app, name, focused)), l);
    let style = if focused {
        app.theme.selected
    } else {
        app.theme.text
    };
    frame.render_widget(
        Paragraph::new(Span::styled(truncate(value, usize::from(r.width)), style)),
        r,
    );
}
