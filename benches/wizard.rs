//! What one keystroke costs in the assessment wizard, end to end without a terminal: the
//! key through the keymap, the save (serialise, write, fsync, rename, fsync the folder)
//! and drawing the next frame at 80x24. Typing a note saves on every key, so that path is
//! measured too (one key at a time, each saved). The bar is one frame (16 ms); the save is bounded by the disk's fsync.

use std::rc::Rc;

use almanac::assess::{Scope, Session, Setup, Store};
use almanac::content::Almanac;
use almanac::keymap::{Key, Keymap};
use almanac::tui::app::{App, Screen};
use almanac::tui::theme::Theme;
use almanac::tui::view;
use almanac::tui::wizard::{self, Open, Page, Wizard};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyEvent;

/// One key, then the save the event loop does when no other key is waiting (the slow
/// case: a burst of keys shares one save).
fn press(app: &mut App, name: &str) {
    let k = Key::parse(name).unwrap();
    app.on_key(KeyEvent::new(k.code, k.mods));
    wizard::flush(app);
}

/// A full (every question, all outcomes) assessment open in the app at question 1.
fn app(store: &Store) -> App {
    let almanac = Rc::new(Almanac::bundled().unwrap());
    let mut app = App::new(
        Rc::clone(&almanac),
        Keymap::default_preset(),
        Theme::default_theme(),
    );
    app.wizard = Wizard::new(Some(store.clone()));
    let setup = Setup {
        organisation: "Borsetshire County Council".into(),
        people: vec!["Ada".into()],
        scope: Scope::default(),
    };
    let s = Session::start(store, &almanac, setup).unwrap();
    wizard::begin_with(&mut app, s);
    app
}

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();

    let mut answering = app(&store);
    let n = answering.wizard.session().unwrap().questions().len();
    c.bench_function(
        "wizard key: answer, save, draw 80x24 (full assessment)",
        |b| {
            let mut i = 0usize;
            b.iter(|| {
                if let Some(Open::Session(s)) = &mut answering.wizard.open {
                    s.go_to(i % n);
                }
                press(&mut answering, &((i % 5) + 1).to_string());
                i += 1;
                terminal.draw(|f| view::draw(f, &answering)).unwrap();
            })
        },
    );

    let mut typing = app(&store);
    press(&mut typing, "n");
    c.bench_function("notes key: type a letter, save, draw 80x24", |b| {
        let mut i = 0usize;
        b.iter(|| {
            // Notes of meeting size (up to 400 characters in lines of 40), not one note
            // as long as criterion's iteration count.
            if i % 400 == 399 {
                press(&mut typing, "esc");
                if let Some(Open::Session(s)) = &mut typing.wizard.open {
                    s.set_notes("").unwrap();
                }
                press(&mut typing, "n");
            }
            press(&mut typing, if i % 40 == 39 { "enter" } else { "x" });
            i += 1;
            terminal.draw(|f| view::draw(f, &typing)).unwrap();
        })
    });

    let mut results = app(&store);
    if let Some(Open::Session(s)) = &mut results.wizard.open {
        let mut level = 1;
        while s.current().is_some() {
            s.answer(level).unwrap();
            level = level % 5 + 1;
        }
    }
    let path = results.wizard.session().unwrap().path().to_path_buf();
    results.navigate(Screen::Assess(Page::Results {
        path,
        selected: 0,
        text: Default::default(),
    }));
    c.bench_function("draw results 80x24 (full assessment, 12 outcomes)", |b| {
        b.iter(|| {
            terminal.draw(|f| view::draw(f, &results)).unwrap();
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
