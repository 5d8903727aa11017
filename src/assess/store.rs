//! The folder of assessment files and how they are written.
//!
//! - Folder `$XDG_DATA_HOME/almanac/assessments` (or `--data-dir`), created 0700; files 0600:
//!   notes can describe a council's security weaknesses.
//! - Saving is atomic and durable: a temporary file in the same folder is written and
//!   fsynced, renamed over the old file, then the folder is fsynced so the rename itself
//!   survives a power cut. Any failure (full disk, read-only folder) leaves the previous
//!   file as it was and removes the temporary file.
//! - A file that does not parse, or comes from a newer almanac, is reported and can never be
//!   opened for writing; a file that changed on disk behind an open assessment is not
//!   overwritten either.
//! - Two processes on one assessment: the writer holds an advisory `flock` (std's
//!   `File::try_lock`) on a hidden `.NAME.lock` file beside it, holding its pid. The kernel
//!   drops the lock when the process dies, even by `kill -9`, so a stale lock file from a dead
//!   process is simply taken over: no pid-liveness guessing, no pid-reuse trap.

use std::cmp::Reverse;
use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use super::file::{self, MAX_FILE_BYTES};
use super::{Assessment, timestamp};
use crate::content::text::one_line;
use crate::content::{Almanac, Diagnostic};

/// Everything that can go wrong opening or saving an assessment; each displays as one line.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file does not parse or is from a newer almanac (exit 2 on the command line).
    #[error("{0}")]
    Invalid(Diagnostic),
    #[error("{path}: assessment is open in another almanac process ({})", pid_text(.pid))]
    Locked { path: String, pid: Option<u32> },
    #[error("{path}: changed on disk since almanac opened it, so it was not overwritten{}",
        .problem.as_ref().map(|d| format!(" ({})", d.message)).unwrap_or_default())]
    ChangedOnDisk {
        path: String,
        problem: Option<Diagnostic>,
    },
    #[error("cannot {action} {path}: {source}{hint}")]
    Io {
        action: &'static str,
        path: String,
        hint: &'static str,
        source: io::Error,
    },
    #[error("cannot find a data folder (no home directory?); pass --data-dir DIR")]
    NoDataDir,
    /// A request the model cannot honour (empty scope, level out of range...).
    #[error("{0}")]
    Rejected(String),
}

impl Error {
    fn io(action: &'static str, path: &Path, source: io::Error) -> Self {
        Error::Io {
            action,
            path: show(path),
            hint: "",
            source,
        }
    }

    /// Exit status for the command line: 2 for a file that is invalid input, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_) | Error::Rejected(_) => 2,
            _ => 1,
        }
    }
}

fn pid_text(pid: &Option<u32>) -> String {
    pid.map_or_else(|| "pid unknown".to_string(), |p| format!("pid {p}"))
}

/// A path as shown to people: one line, no control characters.
pub(crate) fn show(path: &Path) -> String {
    one_line(&path.display().to_string())
}

/// One assessment as listed: enough to choose which to open, compare or export.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub path: PathBuf,
    pub organisation: String,
    pub started: String,
    pub updated: String,
    pub completed: Option<String>,
    pub quick: bool,
    /// Questions with a level, out of the questions in scope.
    pub answered: usize,
    pub total: usize,
}

impl Summary {
    /// "completed" or "in progress", as lists show it.
    pub fn status(&self) -> &'static str {
        if self.completed.is_some() {
            "completed"
        } else {
            "in progress"
        }
    }

    /// The organisation, or a dash when none was given yet.
    pub fn organisation_label(&self) -> &str {
        if self.organisation.is_empty() {
            "–"
        } else {
            &self.organisation
        }
    }
}

/// The folder assessments live in.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// A store in exactly this folder.
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// `DATA/assessments`, for `--data-dir DATA` (mirrors `$XDG_DATA_HOME/almanac`).
    pub fn in_data_dir(data: &Path) -> Store {
        Store::new(data.join("assessments"))
    }

    /// The user's: `$XDG_DATA_HOME/almanac/assessments` on Linux.
    pub fn default_location() -> Result<Store, Error> {
        crate::paths::data_dir()
            .map(|d| Store::in_data_dir(&d))
            .ok_or(Error::NoDataDir)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Creates the folder (and missing parents) readable only by the user.
    pub fn ensure_dir(&self) -> Result<(), Error> {
        if self.dir.is_dir() {
            return Ok(());
        }
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(&self.dir)
            .map_err(|e| Error::io("create the folder", &self.dir, e))?;
        set_mode(&self.dir, 0o700).map_err(|e| Error::io("set permissions on", &self.dir, e))
    }

    /// Writes a new assessment under a fresh name (`2026-12-04-<org>-<id>.toml`) and opens it.
    pub fn create(&self, assessment: Assessment) -> Result<OpenAssessment, Error> {
        self.ensure_dir()?;
        let bytes = file::to_toml(&assessment).into_bytes();
        let mut last = None;
        for _ in 0..16 {
            let path = self.dir.join(file_name(
                &assessment.started,
                &assessment.organisation,
                &short_id(),
            ));
            let lock = Lock::acquire(&path)?;
            match write_atomically(&path, &bytes, Replace::Never, write_all) {
                Ok(()) => {
                    return Ok(OpenAssessment {
                        path,
                        assessment,
                        on_disk: Some(bytes),
                        unsaved: false,
                        _lock: lock,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(save_error(&path, e)),
            }
        }
        let e = last.unwrap_or_else(|| io::Error::other("no free file name"));
        Err(Error::io("create a file in", &self.dir, e))
    }

    /// Opens an assessment for writing: takes the lock, then reads and checks the file.
    pub fn open(&self, path: &Path) -> Result<OpenAssessment, Error> {
        let lock = Lock::acquire(path)?;
        let bytes = read_capped(path)?;
        let assessment = file::parse(&show(path), &bytes).map_err(Error::Invalid)?;
        Ok(OpenAssessment {
            path: path.to_path_buf(),
            assessment,
            on_disk: Some(bytes),
            unsaved: false,
            _lock: lock,
        })
    }

    /// Every `*.toml` in the folder (hidden and temporary files skipped), newest first
    /// (by start, then last change), with a diagnostic for each file that cannot be read.
    /// A folder that does not exist yet holds no assessments.
    pub fn list(&self, almanac: &Almanac) -> (Vec<Summary>, Vec<Diagnostic>) {
        let (loaded, problems) = load_dir(&self.dir);
        let mut out: Vec<Summary> = loaded
            .into_iter()
            .map(|(p, a)| summarise(almanac, p, &a))
            .collect();
        out.sort_by_key(|s| {
            (
                Reverse(timestamp::parse(&s.started)),
                Reverse(timestamp::parse(&s.updated)),
                s.path.clone(),
            )
        });
        (out, problems)
    }

    /// The unfinished assessment worked on most recently: what "resume" continues.
    pub fn latest_unfinished(&self, almanac: &Almanac) -> Option<Summary> {
        let (list, _) = self.list(almanac);
        list.into_iter()
            .filter(|s| s.completed.is_none())
            .max_by_key(|s| (timestamp::parse(&s.updated), Reverse(s.path.clone())))
    }

    /// The same organisation's assessment started most recently before this one, for trends.
    /// Organisations match ignoring case and spacing.
    pub fn previous(
        &self,
        current: &Assessment,
        current_path: Option<&Path>,
    ) -> Option<(PathBuf, Assessment)> {
        let org = org_key(&current.organisation);
        let start = timestamp::parse(&current.started)?;
        let (loaded, _) = load_dir(&self.dir);
        loaded
            .into_iter()
            .filter(|(p, a)| {
                Some(p.as_path()) != current_path
                    && org_key(&a.organisation) == org
                    && timestamp::parse(&a.started).is_some_and(|t| t < start)
            })
            .max_by_key(|(p, a)| (timestamp::parse(&a.started), p.clone()))
    }
}

fn org_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Reads and checks one assessment without locking it: for export, compare and benchmark.
pub fn load(path: &Path) -> Result<Assessment, Error> {
    let bytes = read_capped(path)?;
    file::parse(&show(path), &bytes).map_err(Error::Invalid)
}

/// Every assessment file directly in `dir` that reads, and a diagnostic for each that does not.
pub fn load_dir(dir: &Path) -> (Vec<(PathBuf, Assessment)>, Vec<Diagnostic>) {
    let mut ok = Vec::new();
    let mut problems = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return (ok, problems),
        Err(e) => {
            problems.push(Diagnostic::whole(
                &show(dir),
                format!("cannot read folder: {e}"),
            ));
            return (ok, problems);
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            !name.starts_with('.') && name.ends_with(".toml") && p.is_file()
        })
        .collect();
    paths.sort();
    for path in paths {
        match load(&path) {
            Ok(a) => ok.push((path, a)),
            Err(Error::Invalid(d)) => problems.push(d),
            Err(e) => problems.push(Diagnostic::whole(&show(&path), e.to_string())),
        }
    }
    (ok, problems)
}

fn summarise(almanac: &Almanac, path: PathBuf, a: &Assessment) -> Summary {
    let qs = super::questions(almanac, &a.scope);
    let answered = qs
        .iter()
        .filter(|q| {
            a.answers
                .get(almanac.id(**q))
                .is_some_and(|x| x.level.is_some())
        })
        .count();
    Summary {
        path,
        organisation: a.organisation.clone(),
        started: a.started.clone(),
        updated: a.updated.clone(),
        completed: a.completed.clone(),
        quick: a.scope.quick,
        answered,
        total: qs.len(),
    }
}

fn read_capped(path: &Path) -> Result<Vec<u8>, Error> {
    let f = File::open(path).map_err(|e| Error::io("read", path, e))?;
    let mut bytes = Vec::new();
    f.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", path, e))?;
    Ok(bytes)
}

/// An assessment opened for writing. Holds the lock until dropped.
#[derive(Debug)]
pub struct OpenAssessment {
    path: PathBuf,
    assessment: Assessment,
    /// The bytes last read or written: the file must still hold them before it is replaced.
    on_disk: Option<Vec<u8>>,
    unsaved: bool,
    _lock: Lock,
}

impl OpenAssessment {
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }

    /// True after a failed save: the change is in memory only until a save succeeds.
    pub fn unsaved(&self) -> bool {
        self.unsaved
    }

    /// Changes the assessment and saves at once. On error the change stays in memory
    /// (and is written by the next successful save) and the file on disk is untouched.
    pub fn update(&mut self, change: impl FnOnce(&mut Assessment)) -> Result<(), Error> {
        change(&mut self.assessment);
        self.save()
    }

    /// Stamps `updated` and writes the file atomically.
    pub fn save(&mut self) -> Result<(), Error> {
        self.save_with(write_all)
    }

    fn save_with(
        &mut self,
        write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
    ) -> Result<(), Error> {
        self.unsaved = true;
        self.assessment.updated = timestamp::now();
        self.check_unchanged()?;
        let bytes = file::to_toml(&self.assessment).into_bytes();
        write_atomically(&self.path, &bytes, Replace::Always, write)
            .map_err(|e| save_error(&self.path, e))?;
        self.on_disk = Some(bytes);
        self.unsaved = false;
        Ok(())
    }

    /// Refuses to replace a file someone else changed (or damaged) since we read or wrote it.
    /// A file that has disappeared is written again: the answers are still wanted.
    fn check_unchanged(&self) -> Result<(), Error> {
        let current = match fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(Error::io("read", &self.path, e)),
        };
        if self.on_disk.as_deref() == Some(current.as_slice()) {
            return Ok(());
        }
        Err(Error::ChangedOnDisk {
            path: show(&self.path),
            problem: file::parse(&show(&self.path), &current).err(),
        })
    }

    /// Writes the assessment to a new file in `store` and continues there: the way out when
    /// this file cannot be written (changed on disk, folder gone read-only).
    pub fn save_as_new(&mut self, store: &Store) -> Result<(), Error> {
        let mut copy = self.assessment.clone();
        copy.updated = timestamp::now();
        let fresh = store.create(copy)?;
        *self = fresh;
        Ok(())
    }
}

fn save_error(path: &Path, source: io::Error) -> Error {
    Error::Io {
        action: "save",
        path: show(path),
        hint: "; the previous version of the file is kept",
        source,
    }
}

fn write_all(f: &mut File, bytes: &[u8]) -> io::Result<()> {
    f.write_all(bytes)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Replace {
    Always,
    /// Fail with `AlreadyExists` rather than replace (new files).
    Never,
}

/// Temp file in the same folder, write, fsync, rename, fsync the folder. `write` is a
/// parameter so tests can make it fail like a full disk does.
fn write_atomically(
    target: &Path,
    bytes: &[u8],
    replace: Replace,
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".almanac-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    set_mode(tmp.path(), 0o600)?;
    write(tmp.as_file_mut(), bytes)?;
    tmp.as_file().sync_all()?;
    match replace {
        Replace::Always => tmp.persist(target).map_err(|e| e.error)?,
        Replace::Never => tmp.persist_noclobber(target).map_err(|e| e.error)?,
    };
    sync_dir(dir)
}

/// Writes a file that must not exist yet (`create_new`), mode 0600. For exports.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Replaces a file atomically (or creates it), mode 0600. For `export --force`.
pub fn write_replacing(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically(path, bytes, Replace::Always, write_all)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

/// `2026-12-04-borsetshire-county-council-k3x9q2.toml`: only `[a-z0-9-]` from the
/// organisation (accents folded, everything else a hyphen), so a name can never escape
/// the folder or carry control characters.
pub fn file_name(started: &str, organisation: &str, id: &str) -> String {
    let date = timestamp::date_part(started);
    let date = if timestamp::parse_date(date).is_some() {
        date.to_string()
    } else {
        timestamp::date_part(&timestamp::now()).to_string()
    };
    let mut slug = String::new();
    for c in organisation.nfd() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if is_combining(c) {
            // The accent of a decomposed letter: "Môn" becomes "mon".
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > 40 {
        slug.truncate(40);
        slug = slug.trim_end_matches('-').to_string();
    }
    if slug.is_empty() {
        slug.push_str("assessment");
    }
    let id: String = id
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        .collect();
    format!("{date}-{slug}-{id}.toml")
}

/// Combining marks left over after NFD (the accent in "Môn"); dropped from slugs.
fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Six characters from `[0-9a-z]`, from std's randomly seeded hasher: unique enough for
/// one person's folder, and a collision only means another try.
fn short_id() -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.write_u32(std::process::id());
    let mut n = h.finish();
    (0..6)
        .map(|_| {
            let c = ALPHABET[(n % 36) as usize] as char;
            n /= 36;
            c
        })
        .collect()
}

/// The advisory lock beside an assessment: `.NAME.lock`, flocked, holding the owner's pid.
#[derive(Debug)]
struct Lock {
    file: File,
    path: PathBuf,
}

impl Lock {
    fn acquire(target: &Path) -> Result<Lock, Error> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = target.with_file_name(format!(".{name}.lock"));
        // The previous holder deletes the file as it lets go; if that happened between our
        // open and our lock, we hold a lock on a deleted file, so check and try again.
        for _ in 0..8 {
            let mut opts = OpenOptions::new();
            opts.read(true).write(true).create(true).truncate(false);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
            let mut file = opts.open(&path).map_err(|e| Error::io("lock", target, e))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    let mut s = String::new();
                    let _ = file.read_to_string(&mut s);
                    return Err(Error::Locked {
                        path: show(target),
                        pid: s.trim().parse().ok(),
                    });
                }
                Err(fs::TryLockError::Error(e)) => return Err(Error::io("lock", target, e)),
            }
            if !same_file(&file, &path) {
                continue;
            }
            let pid = format!("{}\n", std::process::id());
            file.set_len(0)
                .and_then(|_| file.write_all(pid.as_bytes()))
                .map_err(|e| Error::io("lock", target, e))?;
            return Ok(Lock { file, path });
        }
        Err(Error::Locked {
            path: show(target),
            pid: None,
        })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Delete while still holding the lock, so nobody can lock the old file meanwhile;
        // closing the file then releases the lock.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{Answer, SCHEMA_VERSION, Scope};

    fn sample(org: &str, started: &str) -> Assessment {
        Assessment {
            schema_version: SCHEMA_VERSION,
            edition: 2026,
            organisation: org.into(),
            people: vec![],
            started: started.into(),
            updated: started.into(),
            completed: None,
            scope: Scope::default(),
            answers: Default::default(),
            plan: vec![],
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[cfg(unix)]
    fn mode(p: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn file_names_use_a_safe_alphabet() {
        assert_eq!(
            file_name(
                "2026-12-04T10:00:00Z",
                "Borsetshire County Council",
                "k3x9q2"
            ),
            "2026-12-04-borsetshire-county-council-k3x9q2.toml"
        );
        assert_eq!(
            file_name("2026-12-04T10:00:00Z", "Cyngor Sir Ynys Môn", "a1"),
            "2026-12-04-cyngor-sir-ynys-mon-a1.toml"
        );
        assert_eq!(
            file_name("2026-12-04T10:00:00Z", "../../etc/passwd\u{1b}[2J", "Z/9"),
            "2026-12-04-etc-passwd-2j-9.toml"
        );
        assert_eq!(
            file_name("2026-12-04T10:00:00Z", "東京都", "x"),
            "2026-12-04-assessment-x.toml"
        );
        let long = file_name("2026-12-04T10:00:00Z", &"word ".repeat(20), "x");
        assert!(long.len() <= 10 + 1 + 40 + 1 + 1 + 5, "{long}");
        assert!(!long.contains("--"));
        let id = short_id();
        assert_eq!(id.len(), 6);
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        );
    }

    #[cfg(unix)]
    #[test]
    fn folder_is_0700_and_files_0600() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::in_data_dir(&tmp.path().join("almanac"));
        let open = store
            .create(sample("Borsetshire", "2026-12-04T10:00:00Z"))
            .unwrap();
        assert_eq!(mode(store.dir()), 0o700);
        assert_eq!(mode(open.path()), 0o600);
        let name = open
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with("2026-12-04-borsetshire-") && name.ends_with(".toml"),
            "{name}"
        );
        // While open, only the lock file sits beside it; no temporary files.
        assert_eq!(names(store.dir()), [format!(".{name}.lock"), name.clone()]);
        drop(open);
        assert_eq!(names(store.dir()), [name]);
    }

    #[test]
    fn saves_atomically_and_leaves_no_temporary_files() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path());
        let mut open = store.create(sample("X", "2026-12-04T10:00:00Z")).unwrap();
        for level in 1..=5 {
            open.update(|a| {
                a.answers.insert(
                    format!("q{level}"),
                    Answer {
                        level: Some(level),
                        ..Answer::default()
                    },
                );
            })
            .unwrap();
            let on_disk = load(open.path()).unwrap();
            assert_eq!(&on_disk, open.assessment());
        }
        assert_eq!(names(tmp.path()).len(), 2, "{:?}", names(tmp.path()));
        #[cfg(unix)]
        assert_eq!(mode(open.path()), 0o600);
    }

    #[test]
    fn a_failed_write_keeps_the_previous_file_and_the_change_in_memory() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path());
        let mut open = store.create(sample("X", "2026-12-04T10:00:00Z")).unwrap();
        let before = fs::read(open.path()).unwrap();
        open.assessment.answers.insert(
            "q1".into(),
            Answer {
                level: Some(3),
                ..Answer::default()
            },
        );
        // A full disk: part of the data goes out, then ENOSPC.
        let err = open
            .save_with(|f, bytes| {
                f.write_all(&bytes[..bytes.len() / 2])?;
                Err(io::Error::from(io::ErrorKind::StorageFull))
            })
            .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("cannot save ")
                && msg.ends_with("; the previous version of the file is kept"),
            "{msg}"
        );
        assert_eq!(fs::read(open.path()).unwrap(), before);
        assert_eq!(
            names(tmp.path()).len(),
            2,
            "temporary file left: {:?}",
            names(tmp.path())
        );
        assert!(open.unsaved());
        // The next successful save writes the answer that failed.
        open.save().unwrap();
        assert!(!open.unsaved());
        assert_eq!(load(open.path()).unwrap().answers["q1"].level, Some(3));
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_an_error_and_keeps_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path());
        let mut open = store.create(sample("X", "2026-12-04T10:00:00Z")).unwrap();
        let before = fs::read(open.path()).unwrap();
        set_mode(tmp.path(), 0o500).unwrap();
        if File::create(tmp.path().join("probe")).is_ok() {
            // Privileged (root in CI): permissions are not enforced; the full-disk test
            // above covers the same path through an injected write failure.
            set_mode(tmp.path(), 0o700).unwrap();
            return;
        }
        let err = open.update(|a| a.organisation = "Y".into()).unwrap_err();
        set_mode(tmp.path(), 0o700).unwrap();
        assert!(
            err.to_string()
                .contains("the previous version of the file is kept"),
            "{err}"
        );
        assert_eq!(fs::read(open.path()).unwrap(), before);
    }

    #[test]
    fn a_second_writer_is_told_and_a_dead_owners_lock_is_taken_over() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path());
        let first = store.create(sample("X", "2026-12-04T10:00:00Z")).unwrap();
        let path = first.path().to_path_buf();
        let err = store.open(&path).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: assessment is open in another almanac process (pid {})",
                path.display(),
                std::process::id()
            )
        );
        drop(first);
        // A lock file left by a process that died: its flock went with it.
        let lock = tmp.path().join(format!(
            ".{}.lock",
            path.file_name().unwrap().to_string_lossy()
        ));
        fs::write(&lock, "4194999\n").unwrap();
        let mut again = store.open(&path).unwrap();
        assert_eq!(
            fs::read_to_string(&lock).unwrap(),
            format!("{}\n", std::process::id())
        );
        again.update(|a| a.organisation = "Y".into()).unwrap();
    }

    #[test]
    fn invalid_or_newer_files_cannot_be_opened_for_writing() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path());
        let damaged = tmp.path().join("damaged.toml");
        fs::write(&damaged, "schema_version = 1\norganisation = \"x\n").unwrap();
        match store.open(&damaged) {
            Err(Error::Invalid(d)) => assert_eq!(d.line, 2),
            other => panic!("{other:?}"),
        }
        // The failed open released its lock.
        assert!(!tmp.path().join(".damaged.toml.lock").exists());
    }

    #[test]
    fn a_file_changed_behind_an_open_assessment_is_not_overwritten() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path());
        let mut open = store.create(sample("X", "2026-12-04T10:00:00Z")).unwrap();
        let damaged = b"schema_version = 1\n[[[".to_vec();
        fs::write(open.path(), &damaged).unwrap();
        let err = open.update(|a| a.organisation = "Y".into()).unwrap_err();
        assert!(err.to_string().contains("changed on disk since almanac opened it, so it was not overwritten (TOML syntax error"), "{err}");
        assert_eq!(fs::read(open.path()).unwrap(), damaged);
        // The way out keeps the answers in a new file.
        let old = open.path().to_path_buf();
        open.save_as_new(&store).unwrap();
        assert_ne!(open.path(), old);
        assert_eq!(load(open.path()).unwrap().organisation, "Y");
        assert_eq!(fs::read(&old).unwrap(), damaged);
    }

    #[test]
    fn lists_newest_first_and_finds_unfinished_and_previous() {
        let almanac = crate::assess::testutil::fixture();
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path());
        assert_eq!(store.list(&almanac).0, vec![]);
        let mut old = sample("Borsetshire CC", "2025-11-01T09:00:00Z");
        old.completed = Some("2025-11-01T10:00:00Z".into());
        old.scope.quick = true;
        old.answers.insert(
            "alpha-q1".into(),
            Answer {
                level: Some(2),
                ..Answer::default()
            },
        );
        let old = store.create(old).unwrap();
        let mut mid = sample("Other Council", "2026-06-01T09:00:00Z");
        mid.updated = "2027-01-01T00:00:00Z".into();
        let mid = store.create(mid).unwrap();
        let new = store
            .create(sample("borsetshire  cc", "2026-12-04T09:00:00Z"))
            .unwrap();
        fs::write(tmp.path().join("broken.toml"), "nope").unwrap();
        fs::write(tmp.path().join("notes.txt"), "ignored").unwrap();
        let (list, problems) = store.list(&almanac);
        let orgs: Vec<&str> = list.iter().map(|s| s.organisation.as_str()).collect();
        assert_eq!(orgs, ["borsetshire  cc", "Other Council", "Borsetshire CC"]);
        assert_eq!((list[2].answered, list[2].total), (1, 6));
        assert_eq!((list[0].answered, list[0].total), (0, 9));
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].to_string().contains("broken.toml:1:5"),
            "{}",
            problems[0]
        );
        // Resume picks the unfinished one changed last, not the one started last.
        assert_eq!(store.latest_unfinished(&almanac).unwrap().path, mid.path());
        let (p, prev) = store.previous(new.assessment(), Some(new.path())).unwrap();
        assert_eq!(p, old.path());
        assert_eq!(prev.organisation, "Borsetshire CC");
        assert!(store.previous(old.assessment(), Some(old.path())).is_none());
    }
}
