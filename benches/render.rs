//! Frame drawing cost at 80x24 and 200x60, and the bytes a selection move sends to a
//! real crossterm backend (printed once, since criterion measures time only).

use std::cell::Cell;
use std::hint::black_box;
use std::io::Write;
use std::rc::Rc;

use almanac::content::{Almanac, ItemRef};
use almanac::keymap::{Action, Keymap};
use almanac::tui::app::{App, Screen};
use almanac::tui::theme::Theme;
use almanac::tui::view;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

fn app() -> App {
    let almanac = Rc::new(Almanac::bundled().unwrap());
    App::new(almanac, Keymap::default_preset(), Theme::default_theme())
}

/// Counts what the backend would send to the terminal.
#[derive(Clone, Default)]
struct Counter(Rc<Cell<usize>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Bytes written to draw the next frame after `action`, on a terminal of `w`x`h`.
fn bytes_for(action: Action, w: u16, h: u16) -> usize {
    let mut app = app();
    let counter = Counter::default();
    let backend = CrosstermBackend::new(counter.clone());
    let viewport = Viewport::Fixed(Rect::new(0, 0, w, h));
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    terminal.draw(|f| view::draw(f, &app)).unwrap();
    let before = counter.0.get();
    app.update(action);
    terminal.draw(|f| view::draw(f, &app)).unwrap();
    counter.0.get() - before
}

fn bench(c: &mut Criterion) {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        println!(
            "bytes to move the Home selection at {w}x{h}: {} (unchanged frame: {})",
            bytes_for(Action::Down, w, h),
            bytes_for(Action::Forward, w, h)
        );
    }
    c.bench_function("start-up: load and validate the bundled content", |b| {
        b.iter(|| Almanac::bundled().unwrap())
    });
    let mut reader = app();
    reader.navigate(Screen::reader(ItemRef::Guidance(9, 0)));
    let mut outcome = app();
    outcome.update(Action::Open);
    outcome.update(Action::NextSection);
    let screens = [("home", app()), ("outcome", outcome), ("reader", reader)];
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        for (name, app) in &screens {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            c.bench_function(&format!("draw {name} {w}x{h}"), |b| {
                b.iter(|| {
                    terminal.draw(|f| view::draw(f, black_box(app))).unwrap();
                })
            });
        }
    }
    c.bench_function("keystroke: move selection and draw 80x24", |b| {
        let mut app = app();
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut down = true;
        b.iter(|| {
            app.update(if down { Action::Down } else { Action::Up });
            down = !down;
            terminal.draw(|f| view::draw(f, &app)).unwrap();
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
