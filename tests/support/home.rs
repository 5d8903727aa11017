//! A private home for running the built binary: its own config, data and state folders,
//! and none of the developer's environment that could change what almanac does, so a
//! local overlay, `ALMANAC_CONTENT` or `NO_COLOR` can never leak into a result.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

pub struct Home {
    dir: TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: TempDir::new().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `$XDG_CONFIG_HOME/almanac`, created.
    pub fn config_dir(&self) -> PathBuf {
        let d = self.path().join("config").join("almanac");
        fs::create_dir_all(&d).unwrap();
        d
    }

    /// `$XDG_DATA_HOME` (almanac keeps its data in `almanac/` below it).
    pub fn data(&self) -> PathBuf {
        self.path().join("data")
    }

    /// `almanac ARGS`, run in `cwd` with this home.
    pub fn command_in(&self, cwd: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_almanac"));
        cmd.args(args)
            .current_dir(cwd)
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_DATA_HOME", self.data())
            .env("XDG_STATE_HOME", self.path().join("state"))
            .env("HOME", self.path());
        for var in ["ALMANAC_CONTENT", "ALMANAC_DATA_DIR", "NO_COLOR", "TMUX"] {
            cmd.env_remove(var);
        }
        cmd
    }

    /// `almanac ARGS`, run in the home folder itself.
    pub fn command(&self, args: &[&str]) -> Command {
        self.command_in(self.path(), args)
    }

    pub fn run_in(&self, cwd: &Path, args: &[&str]) -> Output {
        self.command_in(cwd, args).output().expect("run almanac")
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_in(self.path(), args)
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
