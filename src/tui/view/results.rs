//! Results: per outcome score, level, gap to target, a bar and the trend since the
//! organisation's previous assessment; the overall profile; the weakest outcomes with the
//! guidance to read next. Bars are block characters and every bar has its number beside
//! it, so nothing depends on colour.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::super::app::{App, Screen};
use super::super::markdown::truncate;
use super::super::wizard::{Page, weakest};
use super::lines_document;
use crate::assess::score::{self, Trend, fmt_delta, fmt2};
use crate::assess::{Assessment, level_name, timestamp};
use crate::content::ItemRef;

/// Cells in a bar: two per level.
pub const BAR: usize = 10;

/// `██████░░░░` for 3.0 of 5: two cells per level, rounded to the nearest half level.
pub fn bar(score: Option<f64>) -> String {
    let filled = score.map_or(0, |s| ((s * 2.0).round().clamp(0.0, BAR as f64)) as usize);
    format!("{}{}", "█".repeat(filled), "░".repeat(BAR - filled))
}

/// `↑ +0.50`, `new`, or `–`.
pub fn trend_text(t: Option<&Trend>) -> String {
    match t {
        Some(Trend {
            delta: Some(d),
            arrow: Some(a),
            ..
        }) => format!("{} {}", a.symbol(), fmt_delta(*d)),
        Some(Trend {
            before: None,
            after: Some(_),
            ..
        }) => "new".into(),
        _ => "–".into(),
    }
}

fn opt2(x: Option<f64>) -> String {
    x.map_or_else(|| "–".into(), fmt2)
}

/// An assessment in two parts: `Organisation · 2026-11-18` and
/// `quick · 7 of 9 answered, 1 skipped · in progress`.
pub fn describe(app: &App, a: &Assessment) -> (String, String) {
    let r = score::score(&app.almanac, a);
    let org = a.organisation_label();
    let title = format!("{org} · {}", timestamp::date_part(&a.started));
    let detail = format!(
        "{} · {} of {} answered{} · {}",
        if a.scope.quick { "quick" } else { "full" },
        r.answered,
        r.total,
        if r.skipped > 0 {
            format!(", {} skipped", r.skipped)
        } else {
            String::new()
        },
        if a.completed.is_some() {
            "completed"
        } else {
            "in progress"
        }
    );
    (title, detail)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Screen::Assess(Page::Results {
        path,
        selected,
        text,
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
    let width = usize::from(area.width);
    let (results, weak) = weakest(almanac, a);
    let previous = app.wizard.previous.as_ref();
    let trends: Vec<Trend> = previous
        .map(|(_, p)| score::trend(&score::score(almanac, p), &results))
        .unwrap_or_default();
    let trend_of = |o: Option<usize>| trends.iter().find(|x| x.outcome == o);

    let mut lines: Vec<Line<'static>> = Vec::new();
    let (title, detail) = describe(app, a);
    lines.push(Line::styled(truncate(&title, width), t.title));
    lines.push(Line::raw(truncate(&detail, width)));
    if !a.people.is_empty() {
        lines.push(Line::raw(truncate(
            &format!("People: {}", a.people.join(", ")),
            width,
        )));
    }
    let overall = match (results.overall, results.overall_level) {
        (Some(s), Some(l)) => format!(
            "Overall  {}  {}  {}",
            bar(Some(s)),
            fmt2(s),
            level_name(almanac, l)
        ),
        _ => "Overall  nothing answered yet".into(),
    };
    let since = match previous {
        Some((_, p)) => format!(
            "   since {}: {}",
            timestamp::date_part(&p.started),
            trend_text(trend_of(None))
        ),
        None => String::new(),
    };
    lines.push(Line::styled(
        truncate(&format!("{overall}{since}"), width),
        t.strong,
    ));
    let counts: Vec<String> = (1..=5u8)
        .map(|l| {
            format!(
                "{} {}",
                level_name(almanac, l),
                results.level_counts[usize::from(l) - 1]
            )
        })
        .collect();
    lines.push(Line::raw(truncate(
        &format!("Answers by level: {}", counts.join(" · ")),
        width,
    )));
    lines.push(Line::raw(""));

    // Columns: number, title, bar, score, level, then target, gap and trend when they fit.
    let level_w = (1..=5u8)
        .map(|l| level_name(almanac, l).width())
        .max()
        .unwrap_or(7);
    let fixed = 3 + 1 + BAR + 1 + 5 + 2 + level_w;
    let extra = 2 + 6 + 1 + 6 + if previous.is_some() { 2 + 8 } else { 0 };
    let show_extra = width >= fixed + extra + 14;
    let title_w = width
        .saturating_sub(fixed + if show_extra { extra } else { 0 })
        .max(8);
    let mut header = format!(
        "{:>2} {} {} {:>5}  {}",
        "#",
        pad("Outcome", title_w),
        pad("", BAR),
        "Score",
        pad("Level", level_w)
    );
    if show_extra {
        header.push_str(&format!("  {:>6} {:>6}", "Target", "Gap"));
        if previous.is_some() {
            header.push_str("  Trend");
        }
    }
    lines.push(Line::styled(truncate(&header, width), t.dim));
    for o in &results.outcomes {
        let x = &almanac.outcomes[o.outcome];
        let mut row = format!(
            "{:>2} {} {} {:>5}  {}",
            x.number,
            pad(&x.title, title_w),
            bar(o.score),
            opt2(o.score),
            pad(
                &o.level
                    .map_or_else(|| "–".into(), |l| level_name(almanac, l)),
                level_w
            )
        );
        if show_extra {
            row.push_str(&format!("  {:>6} {:>6}", opt2(o.target), opt2(o.gap)));
            if previous.is_some() {
                row.push_str(&format!("  {}", trend_text(trend_of(Some(o.outcome)))));
            }
        }
        lines.push(Line::raw(truncate(row.trim_end(), width)));
    }
    lines.push(Line::raw(""));

    let mut focus = None;
    if weak.is_empty() {
        lines.push(Line::styled(
            "Answer some questions to see what to read next.",
            t.dim,
        ));
    } else {
        lines.push(Line::styled(
            truncate(
                "Read next, weakest first (Enter reads, Space adds to the action plan)",
                width,
            ),
            t.heading,
        ));
        let mut index = 0;
        for w in &weak {
            let x = &almanac.outcomes[w.outcome];
            let gap = match w.gap {
                Some(g) if g > 0.0 => format!(", {} below target", fmt2(g)),
                _ => String::new(),
            };
            lines.push(Line::styled(
                truncate(
                    &format!(
                        "{} {}: {} {}{gap}",
                        x.number,
                        x.title,
                        fmt2(w.score),
                        level_name(almanac, w.level)
                    ),
                    width,
                ),
                t.strong,
            ));
            for g in &w.guidance {
                let is_selected = index == *selected;
                if is_selected {
                    focus = Some(lines.len());
                }
                lines.push(guidance_row(app, a, *g, is_selected, width));
                index += 1;
            }
        }
    }
    if !results.unknown_answers.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            truncate(
                &format!(
                    "Not scored (not in this edition's questions): {}",
                    results.unknown_answers.join(", ")
                ),
                width,
            ),
            t.dim,
        ));
    }
    super::document(frame, area, &lines_document(lines), text, focus);
}

/// A guidance suggestion: marker when selected, title, effort, and whether it is planned.
pub fn guidance_row(
    app: &App,
    a: &Assessment,
    g: ItemRef,
    selected: bool,
    width: usize,
) -> Line<'static> {
    let t = &app.theme;
    let almanac = &app.almanac;
    let planned = a.plan.iter().any(|p| p.guidance == almanac.id(g));
    let effort = match g {
        ItemRef::Guidance(o, i) => almanac.outcomes[o].guidance[i].effort.as_str(),
        _ => "",
    };
    let marker = if selected {
        t.marker.to_string()
    } else {
        " ".repeat(t.marker.width())
    };
    let tail = format!(
        "  {effort} effort{}",
        if planned { " · in plan" } else { "" }
    );
    let room = width.saturating_sub(marker.width() + tail.width());
    let title = truncate(almanac.title(g), room);
    let fill = " ".repeat(room.saturating_sub(title.width()));
    let style = if selected { t.selected } else { t.link };
    let rest = if selected { t.selected } else { t.dim };
    Line::from(vec![
        Span::styled(marker, if selected { t.selected } else { t.text }),
        Span::styled(title, style),
        Span::styled(format!("{fill}{tail}"), rest),
    ])
}

/// Pads or cuts to a display width.
pub fn pad(s: &str, width: usize) -> String {
    let s = truncate(s, width);
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}
