//! One question per screen: 1-5 answer and move on, `s` skips, `n` notes, `t` target,
//! left/right revise, `r` results. Each change is saved before the next key is read.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::Style;
use ratatui_textarea::{TextArea, WrapMode};

use crate::assess::level_name;
use crate::keymap::{Action, Context, Key, Resolved};

use super::super::app::{App, Effect, Screen, Scroll, scroll_text};
use super::{Open, Page, error, saved, status, text_action};

/// The level an answer action gives.
pub fn level_of(action: Action) -> Option<u8> {
    Some(match action {
        Action::Answer1 => 1,
        Action::Answer2 => 2,
        Action::Answer3 => 3,
        Action::Answer4 => 4,
        Action::Answer5 => 5,
        _ => return None,
    })
}

fn reset_scroll(app: &mut App) {
    if let Screen::Assess(Page::Question { text, .. }) = &app.screen {
        text.offset.set(0);
    }
}

pub fn update(app: &mut App, action: Action) {
    if let Some(level) = level_of(action) {
        answer(app, Some(level));
        return;
    }
    match action {
        Action::Skip => answer(app, None),
        Action::Notes => open_notes(app),
        Action::Target => {
            if super::writable(app) && super::current_question(app).is_some() {
                app.wizard.target_pending = true;
                status(app, "Target level: press 1-5, or 0 to clear it");
            }
        }
        Action::PrevQuestion => {
            if let Some(Open::Session(s)) = &mut app.wizard.open
                && s.back()
            {
                reset_scroll(app);
            }
        }
        Action::NextQuestion => next(app),
        Action::Results => {
            if let Some(path) = app.wizard.open.as_ref().map(|o| o.path().to_path_buf()) {
                app.navigate(Screen::Assess(Page::Results {
                    path,
                    selected: 0,
                    text: Scroll::default(),
                }));
            }
        }
        Action::SaveCopy => save_copy(app),
        _ => {
            if let Screen::Assess(Page::Question { text, .. }) = &mut app.screen {
                scroll_text(text, action);
            }
        }
    }
}

/// A level, or a skip (`None`); then the next question, or the end.
fn answer(app: &mut App, level: Option<u8>) {
    if !super::writable(app) {
        return;
    }
    let Some(Open::Session(s)) = &mut app.wizard.open else {
        return;
    };
    if s.current().is_none() {
        status(
            app,
            "past the last question: ← goes back to revise, r shows the results",
        );
        return;
    }
    let result = match level {
        Some(l) => s.answer(l),
        None => s.skip(),
    };
    if !saved(app, result) {
        return;
    }
    reset_scroll(app);
    at_end(app);
}

/// Past the last question: the results when everything is settled, else say what is open.
fn at_end(app: &mut App) {
    let Some(s) = app.wizard.session() else {
        return;
    };
    if s.current().is_some() {
        return;
    }
    let p = s.progress();
    if s.is_complete() {
        let path = s.path().to_path_buf();
        app.navigate(Screen::Assess(Page::Results {
            path,
            selected: 0,
            text: Scroll::default(),
        }));
        status(
            app,
            format!(
                "All {} questions done ({} answered, {} skipped) and saved",
                p.total, p.answered, p.skipped
            ),
        );
    } else {
        let open = p.total - p.answered - p.skipped;
        status(
            app,
            format!(
                "End of the questions; {open} still open: → goes to the first, r shows the results"
            ),
        );
    }
}

/// Next question; at the end, the first question still open (or the results).
fn next(app: &mut App) {
    let Some(Open::Session(s)) = &mut app.wizard.open else {
        return;
    };
    if s.current().is_some() {
        s.forward();
        reset_scroll(app);
        at_end(app);
        return;
    }
    if s.go_to_next_unanswered() {
        reset_scroll(app);
    } else {
        at_end(app);
    }
}

fn save_copy(app: &mut App) {
    let Some(store) = super::store(app) else {
        return;
    };
    let Some(Open::Session(s)) = &mut app.wizard.open else {
        return;
    };
    match s.save_as_new(&store) {
        Ok(p) => {
            let path = p.to_path_buf();
            app.wizard.mark_saved();
            status(
                app,
                format!("Saved to a new file: {}", crate::assess::store::show(&path)),
            );
            if let Screen::Assess(Page::Question { path: shown, .. }) = &mut app.screen {
                *shown = path;
            }
        }
        Err(e) => error(app, format!("could not save a copy either: {e}")),
    }
}

/// The multi-line notes editor for the question on screen.
pub fn notes_editor(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    let mut t = TextArea::new(lines);
    t.set_wrap_mode(WrapMode::WordOrGlyph);
    t.set_cursor_line_style(Style::default());
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

fn open_notes(app: &mut App) {
    if !super::writable(app) {
        return;
    }
    let Some(s) = app.wizard.session() else {
        return;
    };
    if s.current().is_none() {
        status(app, "no question on screen: ← goes back to one");
        return;
    }
    let text = s
        .current_answer()
        .map(|a| a.notes.clone())
        .unwrap_or_default();
    let id = s.current().map(|q| app.almanac.id(q).to_string());
    app.wizard.notes_question = id.unwrap_or_default();
    app.wizard.notes = Some(notes_editor(&text));
    app.wizard.notes_dirty = false;
}

/// A key in the notes editor: Esc closes it; everything else edits. The text is saved
/// before the app next waits for a key ([`super::flush`]), so a hang-up or kill loses
/// nothing typed.
pub fn notes_key(app: &mut App, ev: KeyEvent, key: Key) -> Effect {
    if text_action(app, key) == Some(Action::Cancel) {
        super::flush(app);
        app.wizard.notes = None;
        if app.wizard.session().is_some_and(|s| s.unsaved()) {
            error(
                app,
                "the notes are kept in memory but not saved yet: S saves a copy",
            );
        }
        return Effect::None;
    }
    if let Some(effect) = super::global_passthrough(app, key) {
        super::flush(app);
        return effect;
    }
    if let Some(editor) = &mut app.wizard.notes
        && editor.input(ev)
    {
        app.wizard.notes_dirty = true;
    }
    Effect::None
}

/// The key after `t`: 1-5 sets the target, 0 or Backspace clears it, anything else
/// leaves it as it was.
pub fn target_key(app: &mut App, ev: KeyEvent, key: Key) -> Effect {
    app.wizard.target_pending = false;
    let level = match app.keymap.resolve(&[Context::Wizard], &[], key) {
        Resolved::Action(a) => level_of(a),
        _ => None,
    };
    let clear = matches!(
        ev.code,
        KeyCode::Char('0') | KeyCode::Backspace | KeyCode::Delete
    );
    if level.is_none() && !clear {
        status(app, "target unchanged");
        return Effect::None;
    }
    let Some(Open::Session(s)) = &mut app.wizard.open else {
        return Effect::None;
    };
    let result = s.set_target(level);
    if saved(app, result) {
        let text = match level {
            Some(l) => format!("Target: {l} {}", level_name(&app.almanac, l)),
            None => "Target cleared".into(),
        };
        status(app, text);
    }
    Effect::None
}
