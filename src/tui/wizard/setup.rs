//! The set-up screen: organisation and people (one-line fields), quick or full, and which
//! outcomes. Tab/Shift-Tab or Down/Up move between fields; in the outcome list Space
//! toggles and `*` chooses all or none; Enter starts.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use crate::assess::{Scope, Setup};
use crate::content::Almanac;
use crate::keymap::{Action, Key};

use super::super::app::{App, Effect, Screen, Scroll, move_selection, single_line};
use super::{Page, error, is_editing_key, start, store, text_action};

/// The set-up form's values.
#[derive(Debug, Clone)]
pub struct SetupForm {
    /// Per outcome, in framework order.
    pub chosen: Vec<bool>,
    pub quick: bool,
    pub org: TextArea<'static>,
    /// Names separated by commas.
    pub people: TextArea<'static>,
}

impl Default for SetupForm {
    fn default() -> Self {
        SetupForm {
            chosen: Vec::new(),
            quick: true,
            org: single_line(""),
            people: single_line(""),
        }
    }
}

impl SetupForm {
    /// A form for `setup` (from `almanac assess new` without `--org`).
    pub fn from_setup(almanac: &Almanac, setup: &Setup) -> SetupForm {
        SetupForm {
            chosen: almanac
                .outcomes
                .iter()
                .map(|o| setup.scope.includes(&o.id))
                .collect(),
            quick: setup.scope.quick,
            org: single_line(&setup.organisation),
            people: single_line(&setup.people.join(", ")),
        }
    }

    pub fn scope(&self, almanac: &Almanac) -> Scope {
        let all = self.chosen.iter().all(|c| *c);
        Scope {
            outcomes: if all {
                Vec::new()
            } else {
                almanac
                    .outcomes
                    .iter()
                    .zip(&self.chosen)
                    .filter(|(_, c)| **c)
                    .map(|(o, _)| o.id.clone())
                    .collect()
            },
            quick: self.quick,
        }
    }

    pub fn setup(&self, almanac: &Almanac) -> Setup {
        Setup {
            organisation: self.org.lines().join(" "),
            people: self
                .people
                .lines()
                .join(" ")
                .split(',')
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect(),
            scope: self.scope(almanac),
        }
    }
}

/// The fields in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Organisation,
    People,
    Mode,
    Outcome(usize),
}

/// Focus index of the first outcome row.
pub const FIRST_OUTCOME: usize = 3;

impl Field {
    pub fn of(focus: usize) -> Field {
        match focus {
            0 => Field::Organisation,
            1 => Field::People,
            2 => Field::Mode,
            n => Field::Outcome(n - FIRST_OUTCOME),
        }
    }

    pub fn is_text(self) -> bool {
        matches!(self, Field::Organisation | Field::People)
    }
}

/// `a`: the set-up screen, with the outcome on screen chosen (or all from Home).
pub fn open(app: &mut App) {
    if store(app).is_none() {
        return;
    }
    let n = app.almanac.outcomes.len();
    let from_outcome = match &app.screen {
        Screen::Outcome { outcome, .. } => Some(*outcome),
        Screen::Reader { item, .. } => item.outcome(),
        Screen::Foundations { step, .. } => Some(*step),
        Screen::Assess(_) => super::current_question(app).and_then(|q| q.outcome()),
        _ => None,
    };
    let chosen = (0..n)
        .map(|o| from_outcome.is_none_or(|f| f == o))
        .collect();
    // The organisation is usually the same as last time.
    let org = app
        .wizard
        .store
        .as_ref()
        .and_then(|s| s.list(&app.almanac).0.into_iter().next())
        .map(|s| s.organisation)
        .unwrap_or_default();
    app.wizard.setup = SetupForm {
        chosen,
        quick: true,
        org: single_line(&org),
        people: single_line(""),
    };
    open_form(app);
}

/// Shows the set-up screen with the form as it is.
pub fn open_form(app: &mut App) {
    let page = Screen::Assess(Page::Setup {
        focus: 0,
        list: Scroll::default(),
    });
    if matches!(app.screen, Screen::Assess(Page::Setup { .. })) {
        app.screen = page;
    } else {
        app.navigate(page);
    }
}

fn focus_count(app: &App) -> usize {
    FIRST_OUTCOME + app.wizard.setup.chosen.len()
}

fn set_focus(app: &mut App, f: impl FnOnce(&mut usize, usize)) {
    let n = focus_count(app);
    if let Screen::Assess(Page::Setup { focus, .. }) = &mut app.screen {
        f(focus, n);
    }
}

/// A key while the organisation or people field has focus.
pub fn text_key(app: &mut App, ev: KeyEvent, key: Key) -> Effect {
    match text_action(app, key) {
        Some(Action::Submit) => submit(app),
        Some(Action::Cancel) => app.back(),
        Some(Action::NextField) => set_focus(app, |f, n| *f = (*f + 1).min(n - 1)),
        Some(Action::PrevField) => set_focus(app, |f, _| *f = f.saturating_sub(1)),
        _ => {
            if let Some(effect) = super::global_passthrough(app, key) {
                return effect;
            }
            if is_editing_key(&ev) {
                let Screen::Assess(Page::Setup { focus, .. }) = &app.screen else {
                    return Effect::None;
                };
                let form = &mut app.wizard.setup;
                match Field::of(*focus) {
                    Field::Organisation => form.org.input(ev),
                    Field::People => form.people.input(ev),
                    _ => false,
                };
            }
        }
    }
    Effect::None
}

/// On the quick/full switch and the outcome list, the form's own keys come first: Enter
/// starts (only Enter, not the other "open" keys), Esc leaves, Tab/arrows move. `None`
/// lets other keys through to the keymap (Space, `*`, page keys).
pub fn form_key(app: &mut App, key: Key) -> Option<Effect> {
    match text_action(app, key)? {
        Action::Submit => submit(app),
        Action::Cancel => app.back(),
        Action::NextField => set_focus(app, |f, n| *f = (*f + 1).min(n - 1)),
        Action::PrevField => set_focus(app, |f, _| *f = f.saturating_sub(1)),
        _ => return None,
    }
    Some(Effect::None)
}

/// Keys on the quick/full switch and the outcome list.
pub fn update(app: &mut App, action: Action) {
    let n = focus_count(app);
    let Screen::Assess(Page::Setup { focus, .. }) = &mut app.screen else {
        return;
    };
    let field = Field::of(*focus);
    let form = &mut app.wizard.setup;
    match action {
        a if a.is_selection_move() => move_selection(focus, n, action),
        Action::NextSection => *focus = (*focus + 1).min(n - 1),
        Action::PrevSection => *focus = focus.saturating_sub(1),
        Action::Toggle => match field {
            Field::Mode => form.quick = !form.quick,
            Field::Outcome(i) => {
                if let Some(c) = form.chosen.get_mut(i) {
                    *c = !*c;
                }
            }
            _ => {}
        },
        Action::SelectAll => {
            let all = form.chosen.iter().all(|c| *c);
            form.chosen.iter_mut().for_each(|c| *c = !all);
        }
        _ => {}
    }
}

fn submit(app: &mut App) {
    let form = &app.wizard.setup;
    if !form.chosen.iter().any(|c| *c) {
        error(
            app,
            "choose at least one outcome: Space toggles the selected one, * chooses all",
        );
        return;
    }
    let setup = form.setup(&app.almanac);
    start(app, setup);
}
