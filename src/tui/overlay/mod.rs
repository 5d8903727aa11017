//! Overlays: panels drawn over the current screen that take the keys while they are
//! open (help and the command palette; later search). The screen underneath keeps its
//! state, so closing an overlay returns exactly where the user was.
//!
//! Key routing lives in `App::on_key`: an open overlay is asked first, through the
//! keymap contexts it declares; keys that type go to its text field; global actions on
//! non-typing keys still work (redraw, suspend, help to close).

pub mod help;

use ratatui::crossterm::event::KeyEvent;

use crate::keymap::{Action, Context, Keymap};

/// The overlay that is open, if any (`App::overlay`).
#[derive(Debug)]
pub enum Overlay {
    Help(help::Help),
}

/// What the app should do after an overlay handled an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Stay open; the overlay changed its own state (or nothing).
    Stay,
    Close,
    /// Close, then run this action against the screen underneath.
    Run(Action),
}

impl Overlay {
    /// Keymap contexts that apply while the overlay is open, highest priority first.
    pub fn contexts(&self) -> &'static [Context] {
        match self {
            Overlay::Help(_) => &[Context::Picker],
        }
    }

    /// Whether printable keys type into the overlay rather than trigger actions.
    pub fn takes_text(&self) -> bool {
        match self {
            Overlay::Help(_) => true,
        }
    }

    /// An action from one of [`Overlay::contexts`].
    pub fn on_action(&mut self, action: Action, keymap: &Keymap) -> Outcome {
        match self {
            Overlay::Help(h) => h.on_action(action, keymap),
        }
    }

    /// A key that types or edits text.
    pub fn on_text(&mut self, ev: KeyEvent, keymap: &Keymap) {
        match self {
            Overlay::Help(h) => h.on_text(ev, keymap),
        }
    }

    /// Mouse wheel: `lines` down (negative: up).
    pub fn on_wheel(&mut self, lines: isize, keymap: &Keymap) {
        match self {
            Overlay::Help(h) => h.on_wheel(lines, keymap),
        }
    }

    /// A click at screen cell (`column`, `row`).
    pub fn on_click(&mut self, column: u16, row: u16, keymap: &Keymap) -> Outcome {
        match self {
            Overlay::Help(h) => h.on_click(column, row, keymap),
        }
    }
}
