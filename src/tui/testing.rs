//! Helpers for tests that drive the app and draw it on ratatui's `TestBackend`.

use std::rc::Rc;
use std::sync::OnceLock;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Effect};
use super::theme::Theme;
use super::view;
use crate::content::Almanac;
use crate::keymap::{Key, Keymap};

/// The bundled almanac (parsed once per test process).
pub fn almanac() -> Rc<Almanac> {
    static ALMANAC: OnceLock<Almanac> = OnceLock::new();
    Rc::new(
        ALMANAC
            .get_or_init(|| Almanac::bundled().expect("the bundled content is valid"))
            .clone(),
    )
}

pub fn app(preset: &str, theme: Theme) -> App {
    let (keymap, report) = Keymap::load(Some(preset), None);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    App::new(almanac(), keymap, theme)
}

/// Presses keys written as in keymap files, one chord step each (`"g"`, `"ctrl-n"`).
pub fn press(app: &mut App, keys: &[&str]) -> Effect {
    let mut last = Effect::None;
    for name in keys {
        let key = Key::parse(name).expect("a valid key name");
        let mut mods = key.mods;
        if let KeyCode::Char(c) = key.code
            && c.is_ascii_uppercase()
        {
            mods |= KeyModifiers::SHIFT;
        }
        last = app.on_key(KeyEvent::new(key.code, mods));
    }
    last
}

/// Types text one character at a time.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

pub fn render(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| view::draw(frame, app))
        .expect("drawing never fails on a test backend");
    terminal.backend().buffer().clone()
}

/// The buffer's characters, one line per row, trailing spaces removed.
pub fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        for x in area.left()..area.right() {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
