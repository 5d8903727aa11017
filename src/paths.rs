//! Where almanac keeps things on disk, following each platform's conventions
//! (XDG on Linux: `$XDG_CONFIG_HOME/almanac`, `$XDG_DATA_HOME/almanac`, `$XDG_STATE_HOME/almanac`).

use std::path::PathBuf;
use std::sync::OnceLock;

use directories::ProjectDirs;

fn dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "almanac")
}

/// `config.toml`, `keymap.toml`, themes and the default overlay folder live here.
pub fn config_dir() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().to_path_buf())
}

/// The data folder chosen in `config.toml`, set once at startup.
static DATA_DIR: OnceLock<PathBuf> = OnceLock::new();

/// Uses `dir` as the data folder from now on (the `data_dir` setting). Only the first
/// call counts, so the folder cannot change under a running assessment.
pub fn set_data_dir(dir: PathBuf) {
    let _ = DATA_DIR.set(dir);
}

/// Assessments live here.
pub fn data_dir() -> Option<PathBuf> {
    DATA_DIR
        .get()
        .cloned()
        .or_else(|| dirs().map(|d| d.data_dir().to_path_buf()))
}

/// Where the app remembers the last screen between runs.
pub fn state_dir() -> Option<PathBuf> {
    dirs().map(|d| d.state_dir().unwrap_or(d.data_local_dir()).to_path_buf())
}

/// The overlay folder that is picked up automatically when it exists.
pub fn default_overlay() -> Option<PathBuf> {
    config_dir()
        .map(|d| d.join("overlay"))
        .filter(|d| d.is_dir())
}
