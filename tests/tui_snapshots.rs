//! Main screens drawn with ratatui's TestBackend at 80x24 and 120x40, plus the
//! too-small screen, and a sweep over terminal sizes that must never panic.

use std::rc::Rc;

use almanac::content::{Almanac, ItemRef};
use almanac::keymap::{Action, Keymap};
use almanac::tui::app::{App, Screen, Section};
use almanac::tui::theme::Theme;
use almanac::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> App {
    let almanac = Rc::new(Almanac::bundled().expect("bundled content loads"));
    App::new(almanac, Keymap::default_preset(), Theme::monochrome())
}

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    terminal
}

/// Each main screen, reached the way a user reaches it.
fn screens() -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    out.push(("home", app()));

    let mut outcome = app();
    outcome.update(Action::Down);
    outcome.update(Action::Open);
    outcome.update(Action::NextSection);
    out.push(("outcome_guidance", outcome));

    let mut overview = app();
    overview.update(Action::Open);
    out.push(("outcome_overview", overview));

    let mut reader = app();
    reader.navigate(Screen::reader(ItemRef::Guidance(9, 0)));
    out.push(("reader", reader));

    let mut glossary = app();
    glossary.update(Action::Glossary);
    out.push(("glossary", glossary));

    let mut foundations = app();
    foundations.update(Action::Foundations);
    out.push(("foundations", foundations));

    let mut search = app();
    search.update(Action::Search);
    for c in "backups".chars() {
        let key =
            ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(c));
        search.on_key(key);
    }
    out.push(("search", search));
    out
}

#[test]
fn main_screens_at_80x24_and_120x40() {
    for (name, app) in screens() {
        for (w, h) in [(80, 24), (120, 40)] {
            let terminal = render(&app, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
        }
    }
}

#[test]
fn too_small_screen() {
    insta::assert_snapshot!("too_small_30x8", render(&app(), 30, 8).backend());
    insta::assert_snapshot!("too_small_60x9", render(&app(), 60, 9).backend());
}

#[test]
fn every_size_draws_without_panic() {
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    sizes.extend((1..=300).map(|w| (w, 24)));
    sizes.extend((1..=100).map(|h| (80, h)));
    for w in [
        1, 2, 3, 5, 10, 20, 39, 40, 41, 60, 79, 99, 100, 101, 150, 200, 300,
    ] {
        for h in [1, 2, 3, 5, 9, 10, 11, 40, 60, 100] {
            sizes.push((w, h));
        }
    }
    for (_, app) in screens() {
        for &(w, h) in &sizes {
            render(&app, w, h);
        }
    }
}

#[test]
fn outcome_section_tabs_keep_their_selection() {
    let mut app = app();
    app.update(Action::Open);
    app.update(Action::NextSection);
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::NextSection);
    app.update(Action::PrevSection);
    match &app.screen {
        Screen::Outcome {
            section, selected, ..
        } => {
            assert_eq!(*section, Section::Guidance);
            assert_eq!(selected[1], 2);
        }
        other => panic!("{other:?}"),
    }
}
