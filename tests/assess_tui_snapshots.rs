//! The assessment screens drawn with TestBackend at 80x24 in the monochrome theme: set-up,
//! a question (and its notes editor), results with a trend, the action plan, the list of
//! assessments, a comparison, and Home with latest levels. Plus a size sweep that must
//! never panic. Assessments come from tests/fixtures/tui-assessments (fixed dates).

use std::path::Path;
use std::rc::Rc;

use almanac::assess::Store;
use almanac::content::Almanac;
use almanac::keymap::{Key, Keymap};
use almanac::tui::app::{App, Screen};
use almanac::tui::theme::Theme;
use almanac::tui::view;
use almanac::tui::wizard::{self, Page, Wizard};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyEvent;
use tempfile::TempDir;

fn fixtures() -> TempDir {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("assessments");
    std::fs::create_dir_all(&dir).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui-assessments");
    for name in ["felpersham-2025.toml", "felpersham-2026.toml"] {
        std::fs::copy(src.join(name), dir.join(name)).unwrap();
    }
    tmp
}

/// An app on its own copy of the fixtures: an open assessment holds its file's lock, so
/// two apps on one folder would see each other's assessments as read-only.
fn fresh() -> (App, TempDir) {
    let data = fixtures();
    (app(&data), data)
}

fn app(data: &TempDir) -> App {
    let almanac = Rc::new(Almanac::bundled().expect("bundled content loads"));
    let mut app = App::new(almanac, Keymap::default_preset(), Theme::monochrome());
    app.wizard = Wizard::new(Some(Store::in_data_dir(data.path())));
    wizard::refresh_home(&mut app);
    app
}

fn press(app: &mut App, keys: &str) {
    for k in keys.split_whitespace() {
        let k = Key::parse(k).unwrap();
        app.on_key(KeyEvent::new(k.code, k.mods));
    }
}

fn text(app: &mut App, s: &str) {
    for c in s.chars() {
        let name = if c == ' ' {
            "space".to_string()
        } else {
            c.to_string()
        };
        press(app, &name);
    }
}

fn render(app: &App, data: &TempDir, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    terminal
        .backend()
        .to_string()
        .replace(&data.path().display().to_string(), "[DATA]")
}

fn this_year(data: &TempDir) -> std::path::PathBuf {
    data.path().join("assessments/felpersham-2026.toml")
}

/// Each assessment screen, reached the way a user reaches it.
fn screens() -> Vec<(&'static str, App, TempDir)> {
    let mut out = Vec::new();
    let mut add = |name, keys: &str, typed: &str| {
        let (mut app, data) = fresh();
        press(&mut app, keys);
        text(&mut app, typed);
        out.push((name, app, data));
    };
    add("setup", "a", "");
    add(
        "setup_outcomes",
        "j j j j j j j j j enter a down down down space down",
        "",
    );
    // The list is newest first: r resumes this year's at its first open question.
    add("question", "A r", "");
    add(
        "question_notes",
        "A r left left left n",
        "Ask about the SIRO's",
    );
    add("results", "A enter", "");
    add("plan", "A enter P", "");
    add("assessments", "A", "");
    add("compare", "A space j space", "");
    add("export", "A e", "");
    add("home_with_levels", "", "");
    // The export prompt names the working folder; fix it so the snapshot does not
    // depend on where the repository is checked out.
    for (_, app, _) in out.iter_mut() {
        if let Some(prompt) = app.wizard.export.as_mut() {
            prompt.dir = "[CWD]".into();
        }
    }
    out
}

#[test]
fn assessment_screens_at_80x24() {
    for (name, app, data) in screens() {
        insta::assert_snapshot!(name, render(&app, &data, 80, 24));
    }
}

#[test]
fn screens_are_reached_as_named() {
    for (name, app, data) in screens() {
        let ok = match name {
            "setup" | "setup_outcomes" => matches!(app.screen, Screen::Assess(Page::Setup { .. })),
            "question" | "question_notes" => {
                matches!(&app.screen, Screen::Assess(Page::Question { path, .. }) if *path == this_year(&data))
            }
            "results" => matches!(app.screen, Screen::Assess(Page::Results { .. })),
            "plan" => matches!(app.screen, Screen::Assess(Page::Plan { .. })),
            "assessments" | "export" => matches!(app.screen, Screen::Assess(Page::List { .. })),
            "compare" => matches!(app.screen, Screen::Assess(Page::Compare { .. })),
            _ => matches!(app.screen, Screen::Home { .. }),
        };
        assert!(ok, "{name}: {:?}", app.screen);
    }
}

#[test]
fn every_size_draws_without_panic() {
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    sizes.extend((1..=160).step_by(3).map(|w| (w, 24)));
    sizes.extend((1..=60).step_by(2).map(|h| (80, h)));
    for w in [1, 10, 39, 40, 41, 60, 99, 100, 200] {
        for h in [1, 3, 9, 10, 11, 40] {
            sizes.push((w, h));
        }
    }
    for (_, app, data) in screens() {
        for &(w, h) in &sizes {
            render(&app, &data, w, h);
        }
    }
}
