//! The hint bar: the most useful actions for the current screen with their current keys,
//! read from the active keymap so it stays true after any remapping.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Screen, Section};
use super::overlay::Overlay;
use crate::keymap::Action;

/// A short word for the hint bar.
pub fn label(action: Action) -> &'static str {
    match action {
        Action::Open => "open",
        Action::Back | Action::PickerClose => "back",
        Action::Search => "search",
        Action::Help => "help",
        Action::Quit => "quit",
        Action::NextSection => "section",
        Action::Copy => "copy",
        Action::Glossary => "glossary",
        Action::Foundations => "foundations",
        Action::NewAssessment => "assess",
        Action::NextLink => "links",
        Action::FollowLink => "follow",
        Action::NextItem => "next",
        Action::PrevItem => "prev",
        Action::PickerAccept => "open",
        Action::PickerScope => "scope",
        Action::PickerNext => "move",
        Action::ScrollDown => "scroll",
        Action::Resume => "resume assessment",
        Action::Assessments => "assessments",
        _ => action.name(),
    }
}

/// Actions worth hinting on a screen, most useful first; the bar drops from the end.
pub fn actions(app: &App) -> Vec<Action> {
    use Action::*;
    if let Some(Overlay::Help(_)) = &app.overlay {
        return vec![PickerAccept, PickerClose, PickerNext, PickerScope];
    }
    match &app.screen {
        Screen::Home { .. } if app.wizard.home.unfinished.is_some() => vec![
            Help,
            Resume,
            Open,
            Search,
            NewAssessment,
            Glossary,
            Foundations,
            Quit,
        ],
        Screen::Home { .. } => vec![
            Help,
            Open,
            Search,
            NewAssessment,
            Glossary,
            Foundations,
            Quit,
            Copy,
        ],
        Screen::Outcome { section, .. } if *section == Section::Overview => {
            vec![Help, NextSection, Back, ScrollDown, Search, Copy, Quit]
        }
        Screen::Outcome { section, .. } if *section == Section::Assess => {
            vec![Help, NewAssessment, Open, NextSection, Back, Search, Quit]
        }
        Screen::Outcome { .. } => vec![Help, Open, NextSection, Back, Search, Copy, Quit],
        Screen::Reader { .. } => vec![
            Help, Back, NextLink, FollowLink, NextItem, Copy, Search, Quit,
        ],
        Screen::Foundations { .. } => {
            vec![Help, NextItem, PrevItem, NextLink, FollowLink, Back, Quit]
        }
        Screen::Glossary { .. } => vec![PickerAccept, PickerClose],
        Screen::Search { .. } => vec![PickerAccept, PickerClose, PickerScope, PickerNext],
        Screen::Assess(page) => super::wizard::hints(app, page)
            .into_iter()
            .map(|(a, _)| a)
            .collect(),
    }
}

/// The key shown for an action: `1-5` for the answer keys, else its first key.
fn key_text(app: &App, action: Action) -> Option<String> {
    let first = app.keymap.first_key(action)?;
    if action == Action::Answer1
        && let Some(last) = app.keymap.first_key(Action::Answer5)
    {
        return Some(format!("{first}-{last}"));
    }
    Some(first)
}

/// Builds the bar for `width` cells. Help is always kept when anything fits.
pub fn line(app: &App, width: usize) -> Line<'static> {
    let t = &app.theme;
    let in_help = matches!(app.overlay, Some(Overlay::Help(_)));
    // The assessment screens label their own entries ("answer", "add to plan"...).
    let labelled: Vec<(Action, &'static str)> = match &app.screen {
        Screen::Assess(page) if !in_help => super::wizard::hints(app, page),
        _ => actions(app).into_iter().map(|a| (a, label(a))).collect(),
    };
    let mut entries: Vec<(String, &'static str)> = labelled
        .into_iter()
        .filter_map(|(a, label)| {
            let word = match a {
                Action::PickerAccept if in_help => "run",
                Action::PickerClose if in_help => "close",
                Action::PickerNext if in_help => "move",
                Action::PickerScope if in_help => "all/here",
                _ => label,
            };
            let key = key_text(app, a)?;
            // Moving needs both directions: "down/up move".
            match app.keymap.first_key(Action::PickerPrev) {
                Some(up) if in_help && a == Action::PickerNext => {
                    Some((format!("{key}/{up}"), word))
                }
                _ => Some((key, word)),
            }
        })
        .collect();
    if in_help {
        entries.insert(2, ("type".into(), "filter"));
    } else if matches!(app.screen, Screen::Glossary { .. }) {
        entries.push(("type".into(), "filter"));
    } else if matches!(app.screen, Screen::Search { .. }) {
        entries.insert(2, ("type".into(), "query ('exact !not @kind #outcome)"));
    }
    // "key label" entries separated by three spaces.
    let cost = |e: &[(String, &str)]| -> usize {
        e.iter()
            .map(|(k, l)| k.width() + l.width() + 1)
            .sum::<usize>()
            + 3 * e.len().saturating_sub(1)
    };
    while cost(&entries) > width && entries.len() > 1 {
        entries.pop();
    }
    if cost(&entries) > width {
        entries.clear();
    }
    let mut spans = Vec::new();
    for (i, (key, label)) in entries.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("   "));
        }
        spans.push(Span::styled(key, t.hint_key));
        spans.push(Span::styled(format!(" {label}"), t.hint));
    }
    Line::from(spans)
}
