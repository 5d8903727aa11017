//! The terminal interface: a thin layer over the library. Events become actions through
//! the keymap, `App::update` changes state, views draw it. The loop draws only when
//! something changed, so an idle almanac writes nothing to the terminal.

pub mod app;
pub mod clipboard;
pub mod hints;
pub mod markdown;
#[cfg(test)]
mod monkey_tests;
pub mod overlay;
pub mod search;
pub mod state;
pub mod terminal;
#[cfg(test)]
pub mod testing;
pub mod theme;
pub mod view;
pub mod wizard;

use std::io::{self, Write};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::assess::{Session, Setup, Store};
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
    /// Where assessments live; `None` when there is no data folder.
    pub store: Option<Store>,
    pub start: Start,
}

/// Where the app opens.
#[derive(Debug, Default)]
pub enum Start {
    /// Home, or the place remembered from last time.
    #[default]
    Browse,
    /// The assessment set-up screen, filled in from `almanac assess new`.
    Setup(Setup),
    /// The first open question of an assessment already opened (`assess new --org`, `resume`).
    Wizard(Box<Session>),
}

/// What a signal handler must be able to save without touching the UI thread's state.
#[derive(Default)]
pub struct ExitSnapshot {
    pub location: String,
    /// An assessment with a change not on disk yet (a failed save, or a note typed an
    /// instant ago): written on the way out.
    pub rescue: Option<wizard::Rescue>,
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
        store,
        start,
    } = options;
    if theme.is_colourless() {
        theme::silence_colour_codes();
    }
    let almanac = Rc::new(almanac);
    let mut app = App::new(Rc::clone(&almanac), keymap, theme);
    app.wizard = wizard::Wizard::new(store);
    wizard::refresh_home(&mut app);
    match start {
        Start::Browse => {
            if let Some(remembered) = state_file.as_deref().and_then(state::load) {
                app.restore(&remembered.location);
            }
        }
        Start::Setup(setup) => {
            app.wizard.setup = wizard::SetupForm::from_setup(&almanac, &setup);
            wizard::setup::open_form(&mut app);
        }
        Start::Wizard(session) => wizard::begin_with(&mut app, *session),
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
        rescue: None,
    }));
    spawn_signal_thread(Arc::clone(&snapshot), state_file.clone(), mouse)?;

    let mut tui = Tui::enter(mouse)?;
    // Lets the end-to-end tests prove the terminal is restored on a panic.
    if cfg!(debug_assertions) && std::env::var_os("ALMANAC_TEST_PANIC").is_some() {
        panic!("test panic requested by ALMANAC_TEST_PANIC");
    }
    let result = event_loop(&mut tui, &mut app, &snapshot);
    drop(tui);
    if let Some(note) = app.wizard.finish() {
        eprintln!("almanac: {}", crate::content::text::one_line(&note));
    }
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
        // Keys that arrive together (a paste, a fast typist over SSH) are handled before
        // the note they typed is saved, so a burst costs one save, not one per key; the
        // save always happens before the loop waits for more input.
        if !matches!(effect, Effect::None) || !event::poll(std::time::Duration::ZERO)? {
            wizard::flush(app);
        }
        if let Ok(mut s) = snapshot.lock() {
            s.location = app.location();
            s.rescue = app.wizard.rescue();
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
                    if let Ok(s) = snapshot.lock() {
                        if let Some(path) = &state_file {
                            let _ = state::save(
                                path,
                                &state::Remembered {
                                    location: s.location.clone(),
                                },
                            );
                        }
                        // Answers only in memory (their save failed) go to a new file.
                        if let Some(rescue) = &s.rescue {
                            let _ = rescue.write();
                        }
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
