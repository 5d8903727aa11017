//! The action plan: guidance picked from the results, each with an owner, a due date and
//! a done mark, in priority order. Saved in the assessment file like every answer.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use crate::assess::{Assessment, PlanItem};
use crate::content::{Almanac, ItemRef};
use crate::keymap::{Action, Key};

use super::super::app::{App, Effect, Screen, move_selection, single_line};
use super::{Open, Page, is_editing_key, saved, status, suggestions, text_action};

/// Editing one plan entry's owner and due date.
#[derive(Debug, Clone)]
pub struct PlanEdit {
    pub index: usize,
    pub owner: TextArea<'static>,
    pub due: TextArea<'static>,
    /// 0 owner, 1 due date.
    pub focus: usize,
}

/// Suggested guidance not in the plan yet: the rows after the plan's own.
pub fn open_suggestions(almanac: &Almanac, a: &Assessment) -> Vec<ItemRef> {
    suggestions(almanac, a)
        .into_iter()
        .filter(|g| !a.plan.iter().any(|p| p.guidance == almanac.id(*g)))
        .collect()
}

/// Adds guidance to the plan, or takes it out if it is there (Space on the results).
pub fn toggle_in_plan(app: &mut App, item: ItemRef) {
    if !super::writable(app) {
        return;
    }
    let almanac = std::rc::Rc::clone(&app.almanac);
    let Some(Open::Session(s)) = &mut app.wizard.open else {
        return;
    };
    let id = almanac.id(item).to_string();
    let title = almanac.title(item).to_string();
    if let Some(i) = s.assessment().plan.iter().position(|p| p.guidance == id) {
        let r = s.remove_from_plan(i);
        if saved(app, r) {
            status(app, format!("Removed from the plan: {title}"));
        }
        return;
    }
    let r = s.add_to_plan(&almanac, &id);
    let n = s.assessment().plan.len();
    if saved(app, r.map(|_| ())) {
        status(
            app,
            format!("Added to the plan ({n} in all; P opens it): {title}"),
        );
    }
}

pub fn update(app: &mut App, action: Action) {
    let almanac = std::rc::Rc::clone(&app.almanac);
    let Screen::Assess(Page::Plan { path, selected, .. }) = &mut app.screen else {
        return;
    };
    let Some(open) = app
        .wizard
        .open
        .as_ref()
        .filter(|o| o.path() == path.as_path())
    else {
        return;
    };
    let a = open.assessment();
    let n_plan = a.plan.len();
    let extra = open_suggestions(&almanac, a);
    let entry = a.plan.get(*selected).cloned();
    let total = n_plan + extra.len();
    let sel = *selected;
    let path = path.clone();
    match action {
        a if a.is_selection_move() => move_selection(selected, total, action),
        Action::Open | Action::Toggle if sel >= n_plan => {
            if let Some(item) = extra.get(sel - n_plan).copied() {
                toggle_in_plan(app, item);
            }
        }
        Action::Open if super::writable(app) => start_edit(app, sel),
        Action::Toggle => {
            let Some(mut item) = entry else { return };
            item.done = !item.done;
            let done = item.done;
            if let Some(Open::Session(s)) = &mut app.wizard.open {
                let r = s.update_plan(sel, item);
                if saved(app, r) {
                    status(
                        app,
                        if done {
                            "Marked done"
                        } else {
                            "Marked not done"
                        },
                    );
                }
            } else {
                super::writable(app);
            }
        }
        Action::MoveUp | Action::MoveDown if sel < n_plan => {
            let to = if action == Action::MoveUp {
                sel.checked_sub(1)
            } else {
                Some(sel + 1).filter(|t| *t < n_plan)
            };
            let Some(to) = to else { return };
            if let Some(Open::Session(s)) = &mut app.wizard.open {
                let r = s.move_in_plan(sel, to);
                if saved(app, r) {
                    set_selected(app, to);
                }
            } else {
                super::writable(app);
            }
        }
        Action::Remove if sel < n_plan => {
            if let Some(Open::Session(s)) = &mut app.wizard.open {
                let r = s.remove_from_plan(sel);
                if saved(app, r) {
                    status(app, "Removed from the plan");
                }
            } else {
                super::writable(app);
            }
        }
        Action::Export => super::list::open_export(app, &path),
        _ => {}
    }
}

fn set_selected(app: &mut App, to: usize) {
    if let Screen::Assess(Page::Plan { selected, .. }) = &mut app.screen {
        *selected = to;
    }
}

fn start_edit(app: &mut App, index: usize) {
    let Some(item) = app
        .wizard
        .assessment()
        .and_then(|a| a.plan.get(index))
        .cloned()
    else {
        return;
    };
    app.wizard.plan_edit = Some(PlanEdit {
        index,
        owner: single_line(&item.owner),
        due: single_line(item.due.as_deref().unwrap_or("")),
        focus: 0,
    });
}

/// A key while editing a plan entry.
pub fn edit_key(app: &mut App, ev: KeyEvent, key: Key) -> Effect {
    match text_action(app, key) {
        Some(Action::Submit) => save_edit(app),
        Some(Action::Cancel) => app.wizard.plan_edit = None,
        Some(Action::NextField | Action::PrevField) => {
            if let Some(e) = &mut app.wizard.plan_edit {
                e.focus = 1 - e.focus.min(1);
            }
        }
        _ => {
            if let Some(effect) = super::global_passthrough(app, key) {
                return effect;
            }
            if let Some(e) = &mut app.wizard.plan_edit
                && is_editing_key(&ev)
            {
                if e.focus == 0 {
                    e.owner.input(ev);
                } else {
                    e.due.input(ev);
                }
            }
        }
    }
    Effect::None
}

fn save_edit(app: &mut App) {
    let Some(edit) = app.wizard.plan_edit.as_ref() else {
        return;
    };
    let index = edit.index;
    let owner = edit.owner.lines().join(" ");
    let due = edit.due.lines().join("").trim().to_string();
    let Some(Open::Session(s)) = &mut app.wizard.open else {
        app.wizard.plan_edit = None;
        return;
    };
    let Some(current) = s.assessment().plan.get(index).cloned() else {
        app.wizard.plan_edit = None;
        return;
    };
    let item = PlanItem {
        owner,
        due: (!due.is_empty()).then_some(due),
        ..current
    };
    let r = s.update_plan(index, item);
    let rejected = matches!(r, Err(crate::assess::Error::Rejected(_)));
    if saved(app, r) {
        app.wizard.plan_edit = None;
        status(app, "Plan entry saved");
    } else if !rejected {
        // Kept in memory; the banner says so. The form has nothing more to do.
        app.wizard.plan_edit = None;
    }
}
