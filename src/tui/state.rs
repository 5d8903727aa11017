//! What the app remembers between runs (the last place the user was), in the state
//! folder. Written atomically so a killed process never leaves half a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Remembered {
    pub location: String,
}

pub fn default_path() -> Option<PathBuf> {
    crate::paths::state_dir().map(|d| d.join("state.toml"))
}

/// Reads the remembered place; a missing or damaged file just means "start at Home".
pub fn load(path: &Path) -> Option<Remembered> {
    let text = std::fs::read_to_string(path).ok()?;
    toml::from_str(&text).ok()
}

pub fn save(path: &Path, remembered: &Remembered) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let text = toml::to_string(remembered).map_err(std::io::Error::other)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damaged_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/state.toml");
        save(
            &path,
            &Remembered {
                location: "item:security".into(),
            },
        )
        .unwrap();
        assert_eq!(load(&path).unwrap().location, "item:security");
        std::fs::write(&path, "location = [").unwrap();
        assert!(load(&path).is_none());
    }
}
