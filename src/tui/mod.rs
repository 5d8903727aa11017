//! The terminal interface: a thin layer over the library. Events become actions through
//! the keymap, `App::update` changes state, views draw it. The loop draws only when
//! something changed, so an idle almanac writes nothing to the terminal.

pub mod app;
pub mod clipboard;
pub mod hints;
pub mod markdown;
pub mod overlay;
pub mod search;
pub mod state;
pub mod terminal;
#[cfg(test)]
pub mod testing;
pub mod theme;
pub mod view;

use std::io::{self, Write};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::content::Almanac;
use crate::keymap::Keymap;
use app::{App, Effect, Status};
use terminal::Tui;
use theme::Theme;

/// Everything the TUI needs, decided by the command line and config before it starts.
pub struct Options {
    pub almanac: Almanac,
    pub keymap: Keymap,
    /// Problems in the user's keymap or config, shown once in the status line.
    pub warnings: Vec<String>,
    pub theme: Theme,
    pub mouse: bool,
    /// Where to remember the last place; `None` to forget.
    pub state_file: Option<PathBuf>,
}

/// What a signal handler must be able to save without touching the UI thread's state.
#[derive(Default)]
pub struct ExitSnapshot {
    pub location: String,
}

/// Runs the TUI until the user quits.
pub fn run(options: Options) -> io::Result<()> {
    let Options {
        almanac,
        keymap,
        warnings,
        theme,
        mouse,
        state_file,
    } = options;
    if theme.is_colourless() {
        theme::silence_colour_codes();
    }
    let mut app = App::new(Rc::new(almanac), keymap, theme);
    if let Some(remembered) = state_file.as_deref().and_then(state::load) {
        app.restore(&remembered.location);
    }
    if let Some(first) = warnings.first() {
        let more = if warnings.len() > 1 {
            format!(" (+{} more)", warnings.len() - 1)
        } else {
            String::new()
        };
        app.status = Some(Status {
            text: format!("{first}{more}"),
            error: true,
        });
    }
    let snapshot = Arc::new(Mutex::new(ExitSnapshot {
        location: app.location(),
    }));
    spawn_signal_thread(Arc::clone(&snapshot), state_file.clone(), mouse)?;

    let mut tui = Tui::enter(mouse)?;
    // Lets the end-to-end tests prove the terminal is restored on a panic.
    if cfg!(debug_assertions) && std::env::var_os("ALMANAC_TEST_PANIC").is_some() {
        panic!("test panic requested by ALMANAC_TEST_PANIC");
    }
    let result = event_loop(&mut tui, &mut app, &snapshot);
    drop(tui);
    if let Some(path) = &state_file {
        let _ = state::save(
            path,
            &state::Remembered {
                location: app.location(),
            },
        );
    }
    result
}

fn event_loop(tui: &mut Tui, app: &mut App, snapshot: &Mutex<ExitSnapshot>) -> io::Result<()> {
    let mut dirty = true;
    loop {
        if dirty {
            tui.draw(|frame| view::draw(frame, app))?;
            dirty = false;
        }
        let effect = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                dirty = true;
                app.on_key(key)
            }
            Event::Mouse(ev) => {
                dirty = true;
                app.on_mouse(ev)
            }
            Event::Resize(..) => {
                dirty = true;
                Effect::None
            }
            _ => Effect::None,
        };
        if let Ok(mut s) = snapshot.lock() {
            s.location = app.location();
        }
        match effect {
            Effect::None => {}
            Effect::Quit => return Ok(()),
            Effect::Suspend => tui.suspend()?,
            Effect::Redraw => tui.redraw_all()?,
            Effect::Copy { text, what } => {
                let in_tmux = std::env::var_os("TMUX").is_some();
                let mut out = io::stdout();
                out.write_all(clipboard::osc52(&text, in_tmux).as_bytes())?;
                out.flush()?;
                app.status = Some(Status {
                    text: format!(
                        "Copied \"{}\" as Markdown ({} chars, via OSC 52; your terminal must allow clipboard writes)",
                        markdown::truncate(&what, 40),
                        text.chars().count()
                    ),
                    error: false,
                });
            }
        }
    }
}

/// SIGHUP (the SSH session dropped) and SIGTERM are handled on their own thread, because
/// after a hang-up crossterm's event read spins and never returns to the loop. The
/// thread saves what needs saving, restores the terminal and exits.
fn spawn_signal_thread(
    snapshot: Arc<Mutex<ExitSnapshot>>,
    state_file: Option<PathBuf>,
    mouse: bool,
) -> io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])?;
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    if let (Some(path), Ok(s)) = (&state_file, snapshot.lock()) {
                        let _ = state::save(
                            path,
                            &state::Remembered {
                                location: s.location.clone(),
                            },
                        );
                    }
                    if sig != SIGHUP {
                        terminal::restore(mouse);
                    }
                    std::process::exit(128 + sig);
                }
            })?;
    }
    Ok(())
}
