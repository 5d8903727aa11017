//! Help that doubles as a command palette: every action with its current keys,
//! grouped by context, generated from the active keymap (so it is true after any
//! remapping). Typing filters by description, action name and keys; Enter runs the
//! selected action against the screen underneath.

use std::cell::Cell;

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use super::Outcome;
use crate::keymap::{Action, Context, Keymap};
use crate::tui::app::{Scroll, single_line};

/// Entries moved by page up and page down.
const PAGE: usize = 10;

#[derive(Debug)]
pub struct Help {
    /// The filter line.
    pub input: TextArea<'static>,
    pub filter: String,
    /// Index into [`Help::matches`].
    pub selected: usize,
    pub list: Scroll,
    /// Where the whole panel was last drawn, so a click outside it closes it.
    pub area: Cell<Rect>,
    /// The contexts in force on the screen underneath. Actions of other contexts are
    /// listed too (the help documents every key) but dimmed.
    pub active: Vec<Context>,
    /// Show only what can run on the screen underneath (Tab toggles).
    pub here_only: bool,
}

/// One line of the list: a context heading or an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Header(Context),
    /// `index` is the action's position in [`Help::matches`].
    Entry {
        action: Action,
        index: usize,
    },
}

impl Help {
    pub fn new(active: Vec<Context>) -> Help {
        Help {
            input: single_line(""),
            filter: String::new(),
            selected: 0,
            list: Scroll::default(),
            area: Cell::new(Rect::default()),
            active,
            here_only: false,
        }
    }

    /// Whether the action does anything on the screen underneath.
    pub fn is_active(&self, action: Action) -> bool {
        self.active.contains(&action.context())
    }

    /// The actions that pass the filter and scope, in display order: contexts in
    /// [`Context::ALL`] order, actions in registry order within each.
    pub fn matches(&self, keymap: &Keymap) -> Vec<Action> {
        let words: Vec<String> = self
            .filter
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let mut out = Vec::new();
        for context in Context::ALL {
            for action in Action::ALL.iter().filter(|a| a.context() == context) {
                if self.here_only && !self.is_active(*action) {
                    continue;
                }
                let hay = haystack(*action, keymap);
                if words.iter().all(|w| hay.contains(w.as_str())) {
                    out.push(*action);
                }
            }
        }
        out
    }

    /// The lines of the list: each context's heading followed by its actions.
    pub fn rows(&self, keymap: &Keymap) -> Vec<Row> {
        let mut rows = Vec::new();
        let mut last = None;
        for (index, action) in self.matches(keymap).into_iter().enumerate() {
            if last != Some(action.context()) {
                rows.push(Row::Header(action.context()));
                last = Some(action.context());
            }
            rows.push(Row::Entry { action, index });
        }
        rows
    }

    pub fn selected_action(&self, keymap: &Keymap) -> Option<Action> {
        self.matches(keymap).get(self.selected).copied()
    }

    /// After the filter changes the selection goes to the most likely entry: one
    /// whose description or name starts with what was typed, else one with exactly
    /// that key, else the first.
    fn refilter(&mut self, keymap: &Keymap) {
        let matches = self.matches(keymap);
        let typed = self.filter.trim();
        let lower = typed.to_lowercase();
        let starts = |a: &Action| {
            a.description().to_lowercase().starts_with(&lower) || a.name().starts_with(&lower)
        };
        self.selected = if typed.is_empty() {
            0
        } else {
            matches
                .iter()
                .position(starts)
                .or_else(|| {
                    matches
                        .iter()
                        .position(|a| keymap.keys_for(*a).iter().any(|k| k == typed))
                })
                .unwrap_or(0)
        };
        self.list.offset.set(0);
    }

    fn move_by(&mut self, delta: isize, keymap: &Keymap) {
        let last = self.matches(keymap).len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn on_action(&mut self, action: Action, keymap: &Keymap) -> Outcome {
        match action {
            Action::PickerNext => self.move_by(1, keymap),
            Action::PickerPrev => self.move_by(-1, keymap),
            Action::PickerPageDown => self.move_by(PAGE as isize, keymap),
            Action::PickerPageUp => self.move_by(-(PAGE as isize), keymap),
            Action::PickerScope => {
                self.here_only = !self.here_only;
                self.refilter(keymap);
            }
            Action::PickerAccept => {
                if let Some(a) = self.selected_action(keymap) {
                    return Outcome::Run(a);
                }
            }
            Action::PickerClose => return Outcome::Close,
            _ => {}
        }
        Outcome::Stay
    }

    pub fn on_text(&mut self, ev: KeyEvent, keymap: &Keymap) {
        self.input.input(ev);
        let text = self.input.lines().join("");
        if text != self.filter {
            self.filter = text;
            self.refilter(keymap);
        }
    }

    pub fn on_wheel(&mut self, lines: isize, keymap: &Keymap) {
        self.move_by(lines, keymap);
    }

    /// A click on an entry selects it; a click on the selected entry runs it; a click
    /// outside the panel closes it.
    pub fn on_click(&mut self, column: u16, row: u16, keymap: &Keymap) -> Outcome {
        let inside =
            |r: Rect| column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height;
        if !inside(self.area.get()) {
            return Outcome::Close;
        }
        let list = self.list.area.get();
        if !inside(list) {
            return Outcome::Stay;
        }
        let at = self.list.offset.get() + usize::from(row - list.y);
        if let Some(Row::Entry { action, index }) = self.rows(keymap).get(at).copied() {
            if index == self.selected {
                return Outcome::Run(action);
            }
            self.selected = index;
        }
        Outcome::Stay
    }
}

/// What the filter searches: description, action name (also with spaces), keys and
/// the context's heading, lower-cased.
fn haystack(action: Action, keymap: &Keymap) -> String {
    format!(
        "{} {} {} {} {}",
        action.description(),
        action.name(),
        action.name().replace('_', " "),
        keymap.keys_for(action).join(" "),
        action.context().title()
    )
    .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn typed(h: &mut Help, text: &str, keymap: &Keymap) {
        for c in text.chars() {
            h.on_text(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), keymap);
        }
    }

    #[test]
    fn lists_every_action_grouped_by_context() {
        let map = Keymap::default_preset();
        let h = Help::new(vec![Context::List, Context::Global]);
        assert_eq!(h.matches(&map).len(), Action::ALL.len());
        let rows = h.rows(&map);
        let headers: Vec<Context> = rows
            .iter()
            .filter_map(|r| match r {
                Row::Header(c) => Some(*c),
                _ => None,
            })
            .collect();
        assert_eq!(headers, Context::ALL.to_vec());
        assert_eq!(rows[0], Row::Header(Context::Global));
    }

    #[test]
    fn filters_by_description_name_and_keys() {
        let map = Keymap::load(Some("emacs"), None).0;
        let mut h = Help::new(vec![Context::List, Context::Global]);
        typed(&mut h, "gloss", &map);
        assert_eq!(h.selected_action(&map), Some(Action::Glossary));
        let mut h = Help::new(vec![Context::List, Context::Global]);
        typed(&mut h, "ctrl-v", &map);
        let found = h.matches(&map);
        assert!(found.contains(&Action::PageDown), "{found:?}");
        assert!(found.contains(&Action::ReaderPageDown), "{found:?}");
        assert!(!found.contains(&Action::Quit));
        let mut h = Help::new(vec![Context::List, Context::Global]);
        typed(&mut h, "next sec", &map);
        // "Next item in this section" matches too, but the entry whose description
        // starts with what was typed is the one selected.
        assert_eq!(h.matches(&map), vec![Action::NextSection, Action::NextItem]);
        assert_eq!(h.selected_action(&map), Some(Action::NextSection));
        assert_eq!(
            h.on_action(Action::PickerAccept, &map),
            Outcome::Run(Action::NextSection)
        );
        typed(&mut h, "zzz", &map);
        assert!(h.matches(&map).is_empty());
        assert_eq!(h.on_action(Action::PickerAccept, &map), Outcome::Stay);
    }

    #[test]
    fn moves_within_matches_and_scopes_to_this_screen() {
        let map = Keymap::default_preset();
        let mut h = Help::new(vec![Context::Reader, Context::Global]);
        h.on_action(Action::PickerPrev, &map);
        assert_eq!(h.selected, 0);
        h.on_action(Action::PickerNext, &map);
        assert_eq!(h.selected_action(&map), Some(Action::Help));
        for _ in 0..100 {
            h.on_action(Action::PickerPageDown, &map);
        }
        assert_eq!(h.selected, Action::ALL.len() - 1);
        h.on_action(Action::PickerScope, &map);
        assert!(h.here_only);
        let here = h.matches(&map);
        assert!(
            here.iter()
                .all(|a| matches!(a.context(), Context::Reader | Context::Global))
        );
        assert!(here.contains(&Action::NextLink));
        assert_eq!(h.selected, 0);
        assert_eq!(h.on_action(Action::PickerClose, &map), Outcome::Close);
    }
}
