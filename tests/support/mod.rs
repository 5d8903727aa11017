//! Runs the real `almanac` binary in a pseudo-terminal and reads its screen through a
//! terminal emulator (vt100), so tests see what a person would see. Waits poll for a
//! condition with a deadline; there are no fixed sleeps.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

pub mod home;

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const TIMEOUT: Duration = Duration::from_secs(10);

pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    pub home: tempfile::TempDir,
}

/// A builder for a pty run: arguments, size and environment.
pub struct Run {
    program: Option<String>,
    args: Vec<String>,
    cols: u16,
    rows: u16,
    env: Vec<(String, String)>,
    home: Option<tempfile::TempDir>,
}

/// An interactive bash with job control, for tests that need a real shell (Ctrl-Z).
/// Type `BIN` to run almanac in it.
pub fn shell() -> Run {
    let mut r = run(&["--norc", "--noprofile", "-i"]);
    r.program = Some("bash".into());
    r.env("PS1", "READY$ ")
        .env("BIN", env!("CARGO_BIN_EXE_almanac"))
}

pub fn run(args: &[&str]) -> Run {
    Run {
        program: None,
        args: args.iter().map(|s| s.to_string()).collect(),
        cols: 80,
        rows: 24,
        env: vec![("TERM".into(), "xterm-256color".into())],
        home: None,
    }
}

impl Run {
    pub fn size(mut self, cols: u16, rows: u16) -> Self {
        self.cols = cols;
        self.rows = rows;
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.into(), value.into()));
        self
    }

    /// Reuse a home folder from an earlier run (to test remembered state).
    pub fn home(mut self, home: tempfile::TempDir) -> Self {
        self.home = Some(home);
        self
    }

    pub fn spawn(self) -> Pty {
        let home = self.home.unwrap_or_else(|| tempfile::tempdir().unwrap());
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: self.rows,
                cols: self.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let program = self
            .program
            .clone()
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_almanac").into());
        let mut cmd = CommandBuilder::new(program);
        cmd.args(&self.args);
        cmd.env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        cmd.env("HOME", home.path());
        for (sub, var) in [
            ("config", "XDG_CONFIG_HOME"),
            ("data", "XDG_DATA_HOME"),
            ("state", "XDG_STATE_HOME"),
        ] {
            cmd.env(var, home.path().join(sub));
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd.cwd(home.path());
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(self.rows.max(1)).unwrap(),
            std::num::NonZeroU16::new(self.cols.max(1)).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            child,
            writer,
            _master: pair.master,
            parser,
            raw,
            home,
        }
    }
}

impl Pty {
    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// The screen's text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// Every byte the program wrote so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn byte_count(&self) -> usize {
        self.raw.lock().unwrap().len()
    }

    pub fn wait_until(&self, what: &str, cond: impl Fn(&Pty) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if cond(self) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?}"), |p| p.screen().contains(text));
    }

    pub fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} to disappear"), |p| {
            !p.screen().contains(text)
        });
    }

    /// Waits until no output arrives for a short while (the frame is complete).
    pub fn settle(&self) {
        let mut last = self.byte_count();
        let mut stable_since = Instant::now();
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            thread::sleep(Duration::from_millis(30));
            let now = self.byte_count();
            if now != last {
                last = now;
                stable_since = Instant::now();
            } else if stable_since.elapsed() > Duration::from_millis(150) {
                return;
            }
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    /// Sends a signal (`HUP`, `TERM`, `KILL`, `CONT`...) to the process.
    pub fn signal(&self, name: &str) {
        // The shell's built-in `kill`, so no procps package is needed.
        let status = std::process::Command::new("sh")
            .args(["-c", &format!("kill -s {name} {}", self.pid())])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the process to end; `None` if it is still running after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<portable_pty::ExitStatus> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            thread::sleep(Duration::from_millis(10));
        }
        None
    }

    pub fn data_dir(&self) -> PathBuf {
        self.home.path().join("data").join("almanac")
    }

    pub fn state_file(&self) -> PathBuf {
        self.home
            .path()
            .join("state")
            .join("almanac")
            .join("state.toml")
    }

    pub fn home_path(&self) -> &Path {
        self.home.path()
    }

    /// Ends the process and hands back its home folder for a later run.
    pub fn into_home(mut self) -> tempfile::TempDir {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::mem::replace(&mut self.home, tempfile::tempdir().unwrap())
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // Never leave a spinning child behind (see quality-practices F1).
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Key sequences as a terminal sends them.
pub mod keys {
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const TAB: &str = "\t";
    pub const BACKTAB: &str = "\x1b[Z";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const CTRL_C: &str = "\x03";
}
