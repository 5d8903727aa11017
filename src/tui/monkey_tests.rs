//! Random key storms over every screen, with every preset, drawn at random sizes after
//! each key: the app must never panic, whatever is pressed in whatever order.

use std::rc::Rc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Effect};
use super::testing::{almanac, render};
use super::theme::Theme;
use super::wizard::{self, Wizard};
use crate::assess::Store;
use crate::keymap::Keymap;

/// A small deterministic generator (xorshift), so a failure can be replayed by seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Keys people actually press, weighted towards navigation; Ctrl-C is left out because
/// it ends the run.
fn random_key(rng: &mut Rng) -> KeyEvent {
    const CODES: &[KeyCode] = &[
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::F(1),
    ];
    const CHARS: &str = "jjkkhlgGnpqswfaAr12345t?/ *yzZxéŵ漢 -";
    let chars: Vec<char> = CHARS.chars().collect();
    match rng.below(10) {
        0..=4 => KeyEvent::from(CODES[rng.below(CODES.len())]),
        5..=8 => {
            let c = chars[rng.below(chars.len())];
            let mods = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            KeyEvent::new(KeyCode::Char(c), mods)
        }
        _ => {
            let c = [
                'n', 'p', 'd', 'u', 'f', 'b', 'g', 'l', 'o', 'v', 's', 'x', 'h',
            ][rng.below(13)];
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
        }
    }
}

#[test]
fn random_keys_never_panic() {
    let data = tempfile::tempdir().unwrap();
    for (seed, preset) in (1..=12u64).zip(["default", "vim", "emacs"].iter().cycle()) {
        let (keymap, _) = Keymap::load(Some(preset), None);
        let mut app = App::new(Rc::clone(&almanac()), keymap, Theme::monochrome());
        app.wizard = Wizard::new(Some(Store::new(data.path().join(format!("s{seed}")))));
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        for step in 0..400 {
            let key = random_key(&mut rng);
            let effect = app.on_key(key);
            wizard::flush(&mut app);
            if effect == Effect::Quit {
                // Quitting is a fine outcome; start again where the user would.
                app = App::new(
                    Rc::clone(&almanac()),
                    app.keymap.clone(),
                    Theme::monochrome(),
                );
                app.wizard = Wizard::new(Some(Store::new(data.path().join(format!("s{seed}")))));
            }
            let (w, h) = match step % 4 {
                0 => (80, 24),
                1 => (1 + rng.below(160) as u16, 1 + rng.below(60) as u16),
                2 => (120, 40),
                _ => (40, 10),
            };
            render(&app, w, h);
        }
    }
}
