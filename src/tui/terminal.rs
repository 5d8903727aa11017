//! The terminal's lifecycle: raw mode and the alternate screen on the way in, and a full
//! restore on every way out (normal exit, error return, panic, SIGHUP/SIGTERM, Ctrl-Z).

use std::io::{self, Stdout, Write};
use std::sync::Once;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute, queue};

pub type Backend = CrosstermBackend<Stdout>;

/// Owns the terminal while the app runs; dropping it restores the terminal, so an
/// early `?` return cannot leave the user's shell in raw mode.
pub struct Tui {
    pub terminal: Terminal<Backend>,
    mouse: bool,
}

/// Puts the terminal back as it was. Safe to call more than once and from any thread;
/// errors are ignored because there is nothing better to do on the way out.
pub fn restore(mouse: bool) {
    let mut out = io::stdout();
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

static PANIC_HOOK: Once = Once::new();

/// Restores the terminal before the panic message is printed, so it is readable.
fn install_panic_hook(mouse: bool) {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore(mouse);
            previous(info);
        }));
    });
}

impl Tui {
    pub fn enter(mouse: bool) -> io::Result<Tui> {
        install_panic_hook(mouse);
        enable_raw_mode()?;
        let mut out = io::stdout();
        execute!(out, EnterAlternateScreen, cursor::Hide)?;
        if mouse {
            execute!(out, EnableMouseCapture)?;
        }
        let terminal = fresh_terminal()?;
        Ok(Tui { terminal, mouse })
    }

    /// Draws one frame as a single synchronized update, so terminals that support it
    /// (and ignore it otherwise) never show a half-drawn screen.
    pub fn draw(&mut self, render: impl FnOnce(&mut ratatui::Frame)) -> io::Result<()> {
        queue!(self.terminal.backend_mut(), BeginSynchronizedUpdate)?;
        self.terminal.draw(render)?;
        execute!(self.terminal.backend_mut(), EndSynchronizedUpdate)?;
        Ok(())
    }

    /// Ctrl-Z: give the terminal back to the shell, stop, and take it again on `fg`.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore(self.mouse);
        #[cfg(unix)]
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)?;
        if self.mouse {
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        self.redraw_all()
    }

    /// Ctrl-L and resume: wipe the screen and make the next frame draw every cell.
    pub fn redraw_all(&mut self) -> io::Result<()> {
        self.terminal = fresh_terminal()?;
        Ok(())
    }
}

/// A terminal whose previous frame is empty, on a cleared screen. Built this way rather
/// than with `Terminal::clear`, which asks the terminal for the cursor position: a round
/// trip that costs a network delay over SSH and fails on terminals that never answer.
fn fresh_terminal() -> io::Result<Terminal<Backend>> {
    let mut out = io::stdout();
    execute!(out, Clear(ClearType::All), cursor::MoveTo(0, 0))?;
    Terminal::new(CrosstermBackend::new(out))
}

impl Drop for Tui {
    fn drop(&mut self) {
        restore(self.mouse);
    }
}
