//! The Assessments screen (open, resume, compare, export), the comparison of two, and the
//! export prompt shared by the results, plan and list screens.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use crate::assess::Assessment;
use crate::assess::export::{self, Format};
use crate::assess::store::{self, show};
use crate::keymap::{Action, Key};

use super::super::app::{App, Effect, Screen, Scroll, move_selection, single_line};
use super::{Page, error, is_editing_key, status, text_action};

/// Two assessments side by side, the earlier first.
#[derive(Debug, Clone)]
pub struct Compared {
    pub a: (PathBuf, Assessment),
    pub b: (PathBuf, Assessment),
}

/// Where and how to export one assessment.
#[derive(Debug, Clone)]
pub struct ExportPrompt {
    pub source: PathBuf,
    pub format: Format,
    /// The file to write; relative paths are in the current directory.
    pub field: TextArea<'static>,
    /// The file exists: waiting for `y` to replace it.
    pub confirm: Option<PathBuf>,
    /// The current directory, where relative names go (shown in the prompt).
    pub dir: String,
}

pub const FORMATS: [Format; 3] = [Format::Markdown, Format::Csv, Format::Json];

pub fn format_name(f: Format) -> &'static str {
    match f {
        Format::Markdown => "Markdown",
        Format::Csv => "CSV",
        Format::Json => "JSON",
    }
}

/// Reads the folder for the list.
pub fn refresh(app: &mut App) {
    let Some(store) = app.wizard.store.clone() else {
        app.wizard.list.clear();
        return;
    };
    let (list, problems) = store.list(&app.almanac);
    app.wizard.unreadable = problems.iter().map(|d| d.to_string()).collect();
    app.wizard.list = list;
    let n = app.wizard.list.len();
    if let Screen::Assess(Page::List {
        selected, marked, ..
    }) = &mut app.screen
    {
        *selected = (*selected).min(n.saturating_sub(1));
        if marked
            .as_ref()
            .is_some_and(|m| !app.wizard.list.iter().any(|s| &s.path == m))
        {
            *marked = None;
        }
    }
}

pub fn update(app: &mut App, action: Action) {
    let n = app.wizard.list.len();
    let Screen::Assess(Page::List {
        selected, marked, ..
    }) = &mut app.screen
    else {
        return;
    };
    let chosen = app.wizard.list.get(*selected).map(|s| s.path.clone());
    match action {
        a if a.is_selection_move() => move_selection(selected, n, action),
        Action::Open => {
            if let Some(path) = chosen {
                app.navigate(Screen::Assess(Page::Results {
                    path,
                    selected: 0,
                    text: Scroll::default(),
                }));
            }
        }
        Action::Toggle => {
            let Some(path) = chosen else { return };
            match marked.take() {
                None => {
                    *marked = Some(path);
                    status(
                        app,
                        "Marked: press Space on another assessment to compare the two",
                    );
                }
                Some(m) if m == path => status(app, "Unmarked"),
                Some(m) => {
                    // The list is newest first: the one lower down is the earlier.
                    let pos = |p: &Path| app.wizard.list.iter().position(|s| s.path == p);
                    let (a, b) = if pos(&m) > pos(&path) {
                        (m, path)
                    } else {
                        (path, m)
                    };
                    app.navigate(Screen::Assess(Page::Compare {
                        a,
                        b,
                        text: Scroll::default(),
                    }));
                }
            }
        }
        Action::Export => {
            if let Some(path) = chosen {
                open_export(app, &path);
            }
        }
        _ => {}
    }
}

pub fn load_compare(app: &mut App, a: &Path, b: &Path) {
    match (store::load(a), store::load(b)) {
        (Ok(x), Ok(y)) => {
            app.wizard.compare = Some(Compared {
                a: (a.to_path_buf(), x),
                b: (b.to_path_buf(), y),
            });
        }
        (Err(e), _) | (_, Err(e)) => {
            app.wizard.compare = None;
            error(app, e.to_string());
        }
    }
}

fn default_name(source: &Path, format: Format) -> String {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "assessment".into());
    format!("{stem}.{}", format.extension())
}

/// `e`: asks where to write, Markdown first.
pub fn open_export(app: &mut App, source: &Path) {
    let format = Format::Markdown;
    app.wizard.export = Some(ExportPrompt {
        source: source.to_path_buf(),
        format,
        field: single_line(&default_name(source, format)),
        confirm: None,
        dir: std::env::current_dir()
            .map(|d| show(&d))
            .unwrap_or_else(|_| ".".into()),
    });
}

/// A key in the export prompt.
pub fn export_key(app: &mut App, ev: KeyEvent, key: Key) -> Effect {
    let Some(prompt) = &mut app.wizard.export else {
        return Effect::None;
    };
    if let Some(target) = prompt.confirm.take() {
        if matches!(ev.code, KeyCode::Char('y' | 'Y')) {
            let source = prompt.source.clone();
            let format = prompt.format;
            write(app, &source, format, &target, true);
        } else {
            status(
                app,
                format!(
                    "{} kept; type another name, or Esc to cancel",
                    show(&target)
                ),
            );
        }
        return Effect::None;
    }
    match text_action(app, key) {
        Some(Action::Submit) => submit(app),
        Some(Action::Cancel) => app.wizard.export = None,
        Some(a @ (Action::NextField | Action::PrevField)) => {
            let Some(prompt) = &mut app.wizard.export else {
                return Effect::None;
            };
            let i = FORMATS
                .iter()
                .position(|f| *f == prompt.format)
                .unwrap_or(0);
            let step = if a == Action::NextField { 1 } else { 2 };
            let next = FORMATS[(i + step) % FORMATS.len()];
            // Follow the extension if the name still has the old one.
            let text = prompt.field.lines().join("");
            let old = format!(".{}", prompt.format.extension());
            if let Some(stem) = text.strip_suffix(&old) {
                prompt.field = single_line(&format!("{stem}.{}", next.extension()));
            }
            prompt.format = next;
        }
        _ => {
            if let Some(effect) = super::global_passthrough(app, key) {
                return effect;
            }
            if let Some(prompt) = &mut app.wizard.export
                && is_editing_key(&ev)
            {
                prompt.field.input(ev);
            }
        }
    }
    Effect::None
}

/// The file the prompt names: `~/` is the home folder, a folder gets the default name.
pub fn target_path(text: &str, source: &Path, format: Format) -> Option<PathBuf> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut path = match text.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME")
            .map(|h| PathBuf::from(h).join(rest))
            .unwrap_or_else(|| PathBuf::from(text)),
        None => PathBuf::from(text),
    };
    if path.is_dir() {
        path = path.join(default_name(source, format));
    }
    Some(path)
}

fn submit(app: &mut App) {
    let Some(prompt) = &app.wizard.export else {
        return;
    };
    let text = prompt.field.lines().join("");
    let (source, format) = (prompt.source.clone(), prompt.format);
    let Some(target) = target_path(&text, &source, format) else {
        error(app, "type a file name to export to");
        return;
    };
    write(app, &source, format, &target, false);
}

fn write(app: &mut App, source: &Path, format: Format, target: &Path, replace: bool) {
    let assessment = match app.wizard.open_at(source) {
        Some(o) => o.assessment().clone(),
        None => match store::load(source) {
            Ok(a) => a,
            Err(e) => {
                error(app, e.to_string());
                return;
            }
        },
    };
    let text = export::render(&app.almanac, &assessment, format);
    let written = if replace {
        store::write_replacing(target, text.as_bytes())
    } else {
        store::write_new(target, text.as_bytes())
    };
    match written {
        Ok(()) => {
            app.wizard.export = None;
            let shown = std::path::absolute(target).unwrap_or_else(|_| target.to_path_buf());
            status(
                app,
                format!("Exported {} to {}", format_name(format), show(&shown)),
            );
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            if let Some(p) = &mut app.wizard.export {
                p.confirm = Some(target.to_path_buf());
            }
        }
        Err(e) => error(app, format!("cannot write {}: {e}", show(target))),
    }
}
