//! The assessment screens of the TUI: set-up, one question per screen, results, the action
//! plan, the list of assessments and a comparison of two. The domain work (files, locking,
//! scoring, exports) is `crate::assess`; this module turns keys into calls on it and keeps
//! what the views need to draw.
//!
//! Every change goes through [`Session`], which writes the file before it returns, so
//! leaving any of these screens never asks anything. A failed save is shown in the status
//! line and as a banner on the question screen; the change stays in memory, the next
//! successful save writes it, and on exit or a signal an unsaved assessment is written to a
//! new file rather than lost.

pub mod list;
pub mod plan;
mod question;
pub mod setup;

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use crate::assess::score::{self, Results, Weak};
use crate::assess::store::{self, Error};
use crate::assess::{Assessment, Session, Setup, Store, Summary};
use crate::content::{Almanac, ItemRef};
use crate::keymap::{Action, Context, Key, Resolved};

use super::app::{App, Effect, Screen, Scroll, Status};

pub use list::{Compared, ExportPrompt};
pub use plan::PlanEdit;
pub use setup::SetupForm;

/// How many weak outcomes the results suggest reading for.
pub const WEAKEST: usize = 3;

/// One of the assessment screens. Screens are values kept in history, so each names the
/// file it shows; entering one (again) makes sure that file is the open one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// Scope, quick or full, organisation and people. `focus` is the field: see
    /// [`setup::Field`].
    Setup {
        focus: usize,
        list: Scroll,
    },
    Question {
        path: PathBuf,
        text: Scroll,
    },
    Results {
        path: PathBuf,
        /// Index into the suggested guidance ([`suggestions`]).
        selected: usize,
        text: Scroll,
    },
    Plan {
        path: PathBuf,
        /// Plan entries first, then suggestions not yet in the plan.
        selected: usize,
        list: Scroll,
    },
    List {
        selected: usize,
        list: Scroll,
        /// Marked to compare with the next one marked.
        marked: Option<PathBuf>,
    },
    Compare {
        a: PathBuf,
        b: PathBuf,
        text: Scroll,
    },
}

impl Page {
    pub fn contexts(&self) -> &'static [Context] {
        match self {
            Page::Question { .. } => &[Context::Wizard, Context::Reader, Context::Global],
            Page::Compare { .. } => &[Context::Reader, Context::Global],
            _ => &[Context::Assess, Context::List, Context::Global],
        }
    }

    /// The file this page shows, if it shows one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Page::Question { path, .. } | Page::Results { path, .. } | Page::Plan { path, .. } => {
                Some(path)
            }
            _ => None,
        }
    }
}

/// The assessment the screens work on.
#[derive(Debug)]
pub enum Open {
    /// Open for writing; holds the file's lock.
    Session(Session),
    /// Shown but not changeable: another almanac process has it open.
    ReadOnly {
        path: PathBuf,
        assessment: Assessment,
        why: String,
    },
}

impl Open {
    pub fn path(&self) -> &Path {
        match self {
            Open::Session(s) => s.path(),
            Open::ReadOnly { path, .. } => path,
        }
    }

    pub fn assessment(&self) -> &Assessment {
        match self {
            Open::Session(s) => s.assessment(),
            Open::ReadOnly { assessment, .. } => assessment,
        }
    }

    pub fn session(&self) -> Option<&Session> {
        match self {
            Open::Session(s) => Some(s),
            Open::ReadOnly { .. } => None,
        }
    }
}

/// What Home shows about assessments.
#[derive(Debug, Clone, Default)]
pub struct HomeInfo {
    /// Per outcome, the level from the newest assessment that scored it.
    pub levels: Vec<Option<u8>>,
    /// The unfinished assessment worked on last: offered for resume.
    pub unfinished: Option<Summary>,
}

/// What the signal thread writes if the app is stopped while a change is only in memory.
#[derive(Debug, Clone)]
pub struct Rescue {
    pub store: Store,
    pub path: PathBuf,
    pub assessment: Assessment,
    /// True when the file is ours and only a note typed in the last instant is missing
    /// (write it in place); false after a failed save (write a new file, never over one
    /// that may have been changed by someone else).
    pub in_place: bool,
}

impl Rescue {
    /// Writes the assessment and returns the path written.
    pub fn write(&self) -> Result<PathBuf, Error> {
        if self.in_place {
            let bytes = crate::assess::file::to_toml(&self.assessment).into_bytes();
            return store::write_replacing(&self.path, &bytes)
                .map(|()| self.path.clone())
                .map_err(|e| Error::Io {
                    action: "save",
                    path: store::show(&self.path),
                    hint: "",
                    source: e,
                });
        }
        self.store
            .create(self.assessment.clone())
            .map(|open| open.path().to_path_buf())
    }
}

/// The assessment state of the app.
#[derive(Default)]
pub struct Wizard {
    /// Where assessments live; `None` when there is no data folder (then assessing is
    /// refused with a message, browsing still works).
    pub store: Option<Store>,
    pub open: Option<Open>,
    /// The same organisation's assessment before the open one, for trends.
    pub previous: Option<(PathBuf, Assessment)>,
    pub setup: SetupForm,
    /// The notes editor of the question on screen, while open.
    pub notes: Option<TextArea<'static>>,
    /// `t` was pressed: the next 1-5 sets the target, 0 or Backspace clears it.
    pub target_pending: bool,
    pub plan_edit: Option<PlanEdit>,
    pub export: Option<ExportPrompt>,
    /// The Assessments screen's rows, newest first, and how many files could not be read.
    pub list: Vec<Summary>,
    pub unreadable: Vec<String>,
    pub compare: Option<Compared>,
    pub home: HomeInfo,
    home_stale: bool,
    /// The last save failed: shown until a save succeeds.
    pub save_error: Option<String>,
    /// The notes editor holds text not saved yet (saved by [`flush`] before the app next
    /// waits for a key).
    pub notes_dirty: bool,
    /// The id of the question the notes editor is for.
    pub notes_question: String,
}

impl Wizard {
    pub fn new(store: Option<Store>) -> Wizard {
        Wizard {
            store,
            home_stale: true,
            ..Wizard::default()
        }
    }

    pub fn assessment(&self) -> Option<&Assessment> {
        self.open.as_ref().map(Open::assessment)
    }

    pub fn session(&self) -> Option<&Session> {
        self.open.as_ref().and_then(Open::session)
    }

    fn session_mut(&mut self) -> Option<&mut Session> {
        match &mut self.open {
            Some(Open::Session(s)) => Some(s),
            _ => None,
        }
    }

    /// The open assessment, if it is the one at `path`.
    pub fn open_at(&self, path: &Path) -> Option<&Open> {
        self.open.as_ref().filter(|o| o.path() == path)
    }

    /// A copy to write if the app is stopped now: when the last save failed, or a note
    /// was typed and not saved yet.
    pub fn rescue(&self) -> Option<Rescue> {
        let s = self.session()?;
        if !s.unsaved() && !self.notes_dirty {
            return None;
        }
        let mut assessment = s.assessment().clone();
        if self.notes_dirty
            && let Some(editor) = &self.notes
        {
            // As `Session::set_notes` would store them.
            let notes = crate::content::text::sanitize(&editor.lines().join("\n"))
                .trim_end()
                .to_string();
            assessment
                .answers
                .entry(self.notes_question.clone())
                .or_default()
                .notes = notes;
        }
        Some(Rescue {
            store: self
                .store
                .clone()
                .unwrap_or_else(|| Store::new(s.path().parent().unwrap_or(Path::new(".")))),
            path: s.path().to_path_buf(),
            assessment,
            in_place: !s.unsaved(),
        })
    }

    /// On a normal exit: one more try to save anything only in memory, else a new file.
    /// Returns a line to print after the terminal is restored, if there is something to say.
    pub fn finish(&mut self) -> Option<String> {
        if self.notes_dirty {
            // A failure leaves the session unsaved: handled just below.
            let _ = self.save_notes();
        }
        let store = self.store.clone();
        let s = self.session_mut()?;
        if !s.unsaved() || s.save().is_ok() {
            return None;
        }
        let old = store::show(s.path());
        let store =
            store.unwrap_or_else(|| Store::new(s.path().parent().unwrap_or(Path::new("."))));
        Some(match s.save_as_new(&store) {
            Ok(p) => format!(
                "could not save {old}; the assessment was written to {}",
                store::show(p)
            ),
            Err(e) => {
                format!("could not save {old}, nor a copy ({e}): the last change is not on disk")
            }
        })
    }

    /// Saves the notes editor's text to the question on screen.
    fn save_notes(&mut self) -> Result<(), Error> {
        self.notes_dirty = false;
        let Some(text) = self.notes.as_ref().map(|e| e.lines().join("\n")) else {
            return Ok(());
        };
        match &mut self.open {
            Some(Open::Session(s)) => s.set_notes(&text),
            _ => Ok(()),
        }
    }

    fn mark_saved(&mut self) {
        self.save_error = None;
        self.home_stale = true;
    }
}

/// Says why nothing can be changed, when the assessment on screen is read-only.
pub(super) fn writable(app: &mut App) -> bool {
    match &app.wizard.open {
        Some(Open::Session(_)) => true,
        Some(Open::ReadOnly { why, .. }) => {
            let text = format!("read only: {why}");
            error(app, text);
            false
        }
        None => false,
    }
}

/// Saves what the notes editor holds. The event loop calls this whenever no more keys are
/// waiting, so a burst of keys costs one save and nothing typed is left unsaved while the
/// app waits.
pub fn flush(app: &mut App) {
    if app.wizard.notes_dirty {
        let r = app.wizard.save_notes();
        saved(app, r);
    }
}

/// The outcome and question on screen on the question page.
pub fn current_question(app: &App) -> Option<ItemRef> {
    match &app.screen {
        Screen::Assess(Page::Question { .. }) => app.wizard.session()?.current(),
        _ => None,
    }
}

/// Guidance suggested by the results: for each of the weakest outcomes, up to three items.
pub fn weakest(almanac: &Almanac, a: &Assessment) -> (Results, Vec<Weak>) {
    let results = score::score(almanac, a);
    let weak = score::weakest(almanac, &results, WEAKEST);
    (results, weak)
}

/// The selectable rows of the results: the weak outcomes' guidance, in order.
pub fn suggestions(almanac: &Almanac, a: &Assessment) -> Vec<ItemRef> {
    let (_, weak) = weakest(almanac, a);
    weak.into_iter().flat_map(|w| w.guidance).collect()
}

fn status(app: &mut App, text: impl Into<String>) {
    app.status = Some(Status {
        text: text.into(),
        error: false,
    });
}

fn error(app: &mut App, text: impl Into<String>) {
    app.status = Some(Status {
        text: text.into(),
        error: true,
    });
}

/// Shows the result of a change: a failure goes to the status line (and the banner when
/// it left the change only in memory); success clears the banner.
fn saved(app: &mut App, result: Result<(), Error>) -> bool {
    match result {
        Ok(()) => {
            app.wizard.mark_saved();
            true
        }
        Err(e) => {
            let unsaved = app.wizard.session().is_some_and(Session::unsaved);
            let text = e.to_string();
            if unsaved {
                app.wizard.save_error = Some(text.clone());
            }
            error(app, text);
            false
        }
    }
}

/// The store, or a message saying why there is none.
fn store(app: &mut App) -> Option<Store> {
    if app.wizard.store.is_none() {
        error(
            app,
            "no data folder for assessments (no home directory?); run `almanac assess --data-dir DIR new`",
        );
    }
    app.wizard.store.clone()
}

/// Closes the open assessment (releasing its lock) before another is opened. A change
/// still only in memory is saved first, or written to a new file; if neither works the
/// assessment stays open and false is returned, so nothing is lost.
fn close(app: &mut App) -> bool {
    if app.wizard.session().is_some_and(Session::unsaved)
        && let Some(note) = app.wizard.finish()
    {
        if app.wizard.session().is_some_and(Session::unsaved) {
            error(app, note);
            return false;
        }
        status(app, note);
    }
    app.wizard.open = None;
    app.wizard.save_error = None;
    true
}

/// Makes `path` the open assessment: for writing when possible, else read-only (another
/// process has it). Returns false, with a message, when it cannot be read at all.
pub fn ensure_open(app: &mut App, path: &Path) -> bool {
    if app
        .wizard
        .open_at(path)
        .is_some_and(|o| o.session().is_some())
    {
        return true;
    }
    let almanac = std::rc::Rc::clone(&app.almanac);
    let store = app
        .wizard
        .store
        .clone()
        .unwrap_or_else(|| Store::new(path.parent().unwrap_or(Path::new("."))));
    let keep_previous = app.wizard.open_at(path).is_some();
    if !close(app) {
        return false;
    }
    match Session::resume(&store, &almanac, path) {
        Ok(s) => app.wizard.open = Some(Open::Session(s)),
        Err(e @ Error::Locked { .. }) => match store::load(path) {
            Ok(assessment) => {
                let why = e.to_string();
                app.wizard.open = Some(Open::ReadOnly {
                    path: path.to_path_buf(),
                    assessment,
                    why: why.clone(),
                });
                status(app, format!("read only: {why}"));
            }
            Err(e) => {
                error(app, e.to_string());
                return false;
            }
        },
        Err(e) => {
            error(app, e.to_string());
            return false;
        }
    }
    if !keep_previous {
        app.wizard.previous = app.wizard.store.as_ref().and_then(|st| {
            let a = app.wizard.assessment()?;
            st.previous(a, Some(path))
        });
    }
    true
}

/// Called whenever a screen is entered (navigate, back, forward, restore): loads what it
/// shows. File reads happen here, never in the views.
pub fn enter(app: &mut App) {
    flush(app);
    let page = match &app.screen {
        Screen::Home { .. } => {
            if app.wizard.home_stale {
                refresh_home(app);
            }
            return;
        }
        Screen::Assess(p) => p.clone(),
        _ => return,
    };
    app.wizard.notes = None;
    app.wizard.target_pending = false;
    app.wizard.plan_edit = None;
    app.wizard.export = None;
    match &page {
        Page::Setup { .. } => {}
        Page::Question { path, .. } | Page::Results { path, .. } | Page::Plan { path, .. } => {
            if !ensure_open(app, path) {
                app.back();
            }
        }
        Page::List { .. } => list::refresh(app),
        Page::Compare { a, b, .. } => list::load_compare(app, a, b),
    }
}

/// Reads the folder again for Home: latest level per outcome and the resume offer.
pub fn refresh_home(app: &mut App) {
    app.wizard.home_stale = false;
    let n = app.almanac.outcomes.len();
    let Some(store) = app.wizard.store.clone() else {
        app.wizard.home = HomeInfo {
            levels: vec![None; n],
            unfinished: None,
        };
        return;
    };
    let (mut all, _) = store::load_dir(store.dir());
    all.sort_by_key(|(p, a)| {
        std::cmp::Reverse((
            crate::assess::timestamp::parse(&a.started),
            crate::assess::timestamp::parse(&a.updated),
            p.clone(),
        ))
    });
    let mut levels = vec![None; n];
    for (_, a) in &all {
        let results = score::score(&app.almanac, a);
        for o in &results.outcomes {
            if levels[o.outcome].is_none() {
                levels[o.outcome] = o.level;
            }
        }
        if levels.iter().all(Option::is_some) {
            break;
        }
    }
    app.wizard.home = HomeInfo {
        levels,
        unfinished: store.latest_unfinished(&app.almanac),
    };
}

/// `a`, `A` and `r`, which work from any screen.
pub fn global(app: &mut App, action: Action) {
    match action {
        // Again on the set-up screen would throw away what was typed.
        Action::NewAssessment if !matches!(app.screen, Screen::Assess(Page::Setup { .. })) => {
            setup::open(app)
        }
        Action::Assessments
            if store(app).is_some() && !matches!(app.screen, Screen::Assess(Page::List { .. })) =>
        {
            app.navigate(Screen::Assess(Page::List {
                selected: 0,
                list: Scroll::default(),
                marked: None,
            }));
        }
        Action::Resume => resume(app),
        _ => {}
    }
}

/// Continues an assessment at its first open question: the one selected in the list, the
/// one on screen, or the unfinished one worked on last.
fn resume(app: &mut App) {
    let chosen: Option<PathBuf> = match &app.screen {
        Screen::Assess(Page::List { selected, .. }) => {
            app.wizard.list.get(*selected).map(|s| s.path.clone())
        }
        Screen::Assess(p) => p.path().map(Path::to_path_buf),
        _ => None,
    };
    let path = match chosen {
        Some(p) => p,
        None => {
            let Some(store) = store(app) else { return };
            match store.latest_unfinished(&app.almanac) {
                Some(s) => s.path,
                None => {
                    error(
                        app,
                        "no unfinished assessment; press a to start one, A to list them",
                    );
                    return;
                }
            }
        }
    };
    if !ensure_open(app, &path) {
        return;
    }
    let Some(s) = app.wizard.session_mut() else {
        let why = match &app.wizard.open {
            Some(Open::ReadOnly { why, .. }) => why.clone(),
            _ => "cannot open the assessment".into(),
        };
        error(app, format!("cannot resume: {why}"));
        return;
    };
    if !s.go_to_next_unanswered() {
        s.go_to(0);
    }
    let path = s.path().to_path_buf();
    open_question_page(app, path);
}

/// Shows the question page for the open session, replacing a set-up screen rather than
/// stacking on it (Back from the wizard should not offer to start it again).
fn open_question_page(app: &mut App, path: PathBuf) {
    let page = Screen::Assess(Page::Question {
        path,
        text: Scroll::default(),
    });
    match &app.screen {
        Screen::Assess(Page::Setup { .. }) => {
            app.screen = page;
        }
        Screen::Assess(Page::Question { .. }) => app.screen = page,
        _ => app.navigate(page),
    }
}

/// Keys that must not go through the screen's keymap: typing in a field, the notes
/// editor, the target key and the export prompt. `None` lets the key through.
pub fn on_key(app: &mut App, ev: KeyEvent, key: Key) -> Option<Effect> {
    if !matches!(app.screen, Screen::Assess(_)) {
        return None;
    }
    if app.wizard.export.is_some() {
        return Some(list::export_key(app, ev, key));
    }
    if app.wizard.notes.is_some() {
        return Some(question::notes_key(app, ev, key));
    }
    if app.wizard.plan_edit.is_some() {
        return Some(plan::edit_key(app, ev, key));
    }
    if app.wizard.target_pending {
        return Some(question::target_key(app, ev, key));
    }
    if let Screen::Assess(Page::Setup { focus, .. }) = &app.screen {
        return if setup::Field::of(*focus).is_text() {
            Some(setup::text_key(app, ev, key))
        } else {
            setup::form_key(app, key)
        };
    }
    None
}

/// Suspend and redraw still work while typing: they are control keys, never text.
fn global_passthrough(app: &App, key: Key) -> Option<Effect> {
    if !key.mods.contains(KeyModifiers::CONTROL) {
        return None;
    }
    match app.keymap.resolve(&[Context::Global], &[], key) {
        Resolved::Action(Action::Suspend) => Some(Effect::Suspend),
        Resolved::Action(Action::Redraw) => Some(Effect::Redraw),
        _ => None,
    }
}

/// What a key means in a text field: the Text context's actions, else `None` (typing).
fn text_action(app: &App, key: Key) -> Option<Action> {
    match app.keymap.resolve(&[Context::Text], &[], key) {
        Resolved::Action(a) => Some(a),
        _ => None,
    }
}

/// Keys a one-line field takes as editing: printable characters and cursor keys, never
/// Enter or Tab (which move on) nor control chords other than the usual line edits.
fn is_editing_key(ev: &KeyEvent) -> bool {
    match ev.code {
        KeyCode::Char(_) => !ev.modifiers.contains(KeyModifiers::ALT),
        KeyCode::Backspace
        | KeyCode::Delete
        | KeyCode::Left
        | KeyCode::Right
        | KeyCode::Home
        | KeyCode::End => true,
        _ => false,
    }
}

/// The actions of the assessment screens (keys already resolved by the keymap).
pub fn update(app: &mut App, action: Action) {
    let Screen::Assess(page) = &app.screen else {
        return;
    };
    match page {
        Page::Setup { .. } => setup::update(app, action),
        Page::Question { .. } => question::update(app, action),
        Page::Results { .. } => results_update(app, action),
        Page::Plan { .. } => plan::update(app, action),
        Page::List { .. } => list::update(app, action),
        Page::Compare { .. } => {
            if let Screen::Assess(Page::Compare { text, .. }) = &mut app.screen {
                super::app::scroll_text(text, action);
            }
        }
    }
}

fn results_update(app: &mut App, action: Action) {
    let almanac = std::rc::Rc::clone(&app.almanac);
    let Screen::Assess(Page::Results { path, selected, .. }) = &mut app.screen else {
        return;
    };
    let path = path.clone();
    let items = match app.wizard.open_at(&path) {
        Some(o) => suggestions(&almanac, o.assessment()),
        None => Vec::new(),
    };
    match action {
        a if a.is_selection_move() => super::app::move_selection(selected, items.len(), action),
        Action::Open => {
            if let Some(item) = items.get(*selected) {
                app.navigate(Screen::reader(*item));
            }
        }
        Action::Toggle => {
            if let Some(item) = items.get(*selected).copied() {
                plan::toggle_in_plan(app, item);
            }
        }
        Action::Plan => app.navigate(Screen::Assess(Page::Plan {
            path,
            selected: 0,
            list: Scroll::default(),
        })),
        Action::Export => list::open_export(app, &path),
        _ => {}
    }
}

/// Starts a new assessment and shows its first question.
pub fn start(app: &mut App, setup: Setup) {
    let Some(store) = store(app) else { return };
    let almanac = std::rc::Rc::clone(&app.almanac);
    if !close(app) {
        return;
    }
    match Session::start(&store, &almanac, setup) {
        Ok(s) => {
            let path = s.path().to_path_buf();
            app.wizard.open = Some(Open::Session(s));
            app.wizard.previous = app
                .wizard
                .assessment()
                .and_then(|a| store.previous(a, Some(&path)));
            app.wizard.mark_saved();
            open_question_page(app, path);
        }
        Err(e) => error(app, e.to_string()),
    }
}

/// Opens the app on a session already started (or resumed) by `almanac assess`.
pub fn begin_with(app: &mut App, session: Session) {
    let path = session.path().to_path_buf();
    app.wizard.previous = app
        .wizard
        .store
        .as_ref()
        .and_then(|st| st.previous(session.assessment(), Some(&path)));
    app.wizard.open = Some(Open::Session(session));
    app.screen = Screen::Assess(Page::Question {
        path,
        text: Scroll::default(),
    });
}

/// The breadcrumb parts after "Almanac".
pub fn breadcrumbs(app: &App, page: &Page) -> Vec<String> {
    let org = |path: &Path| {
        app.wizard
            .open_at(path)
            .map(|o| o.assessment().organisation.clone())
            .filter(|o| !o.is_empty())
            .unwrap_or_else(|| "Assessment".into())
    };
    match page {
        Page::Setup { .. } => vec!["New assessment".into()],
        Page::Question { path, .. } => {
            let mut parts = vec![org(path)];
            if let Some(s) = app.wizard.session().filter(|s| s.path() == path) {
                let p = s.progress();
                if s.current().is_some() {
                    parts.push(format!("Question {} of {}", p.position, p.total));
                } else {
                    parts.push("End of the questions".into());
                }
            }
            parts
        }
        Page::Results { path, .. } => vec![org(path), "Results".into()],
        Page::Plan { path, .. } => vec![org(path), "Action plan".into()],
        Page::List { .. } => vec!["Assessments".into()],
        Page::Compare { .. } => vec!["Assessments".into(), "Compare".into()],
    }
}

/// Hint bar entries for the assessment screens: (action, label).
pub fn hints(app: &App, page: &Page) -> Vec<(Action, &'static str)> {
    use Action::*;
    let w = &app.wizard;
    if w.export.as_ref().is_some_and(|e| e.confirm.is_some()) {
        return vec![];
    }
    if w.export.is_some() {
        return vec![(Submit, "write"), (NextField, "format"), (Cancel, "cancel")];
    }
    if w.notes.is_some() {
        return vec![(Cancel, "close notes (saved as you type)")];
    }
    if w.plan_edit.is_some() {
        return vec![
            (Submit, "save"),
            (NextField, "next field"),
            (Cancel, "cancel"),
        ];
    }
    if w.target_pending {
        return vec![];
    }
    match page {
        Page::Setup { focus, .. } => {
            let field = setup::Field::of(*focus);
            if field.is_text() {
                vec![
                    (Submit, "start"),
                    (NextField, "next field"),
                    (Cancel, "back"),
                ]
            } else {
                vec![
                    (Submit, "start"),
                    (Toggle, "toggle"),
                    (SelectAll, "all/none"),
                    (NextField, "next"),
                    (Cancel, "back"),
                ]
            }
        }
        Page::Question { .. } => {
            let mut v = vec![
                (Answer1, "answer"),
                (Skip, "skip"),
                (Notes, "notes"),
                (Target, "target"),
                (PrevQuestion, "prev"),
                (Results, "results"),
                (Back, "leave"),
            ];
            if w.save_error.is_some() {
                v.insert(0, (SaveCopy, "save copy"));
            }
            v
        }
        Page::Results { .. } => vec![
            (Open, "read"),
            (Toggle, "add to plan"),
            (Plan, "plan"),
            (Resume, "continue"),
            (Export, "export"),
            (Back, "back"),
        ],
        Page::Plan { .. } => vec![
            (Open, "edit/add"),
            (Toggle, "done"),
            (MoveUp, "up"),
            (MoveDown, "down"),
            (Remove, "remove"),
            (Export, "export"),
            (Back, "back"),
        ],
        Page::List { .. } => vec![
            (Open, "results"),
            (Resume, "resume"),
            (Toggle, "compare"),
            (Export, "export"),
            (NewAssessment, "new"),
            (Back, "back"),
        ],
        Page::Compare { .. } => vec![(ScrollDown, "scroll"), (Back, "back")],
    }
}

/// The item `y` copies on an assessment screen.
pub fn current_item(app: &App, page: &Page) -> Option<ItemRef> {
    match page {
        Page::Question { .. } => current_question(app),
        Page::Results { path, selected, .. } => {
            let a = app.wizard.open_at(path)?.assessment();
            suggestions(&app.almanac, a).get(*selected).copied()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
