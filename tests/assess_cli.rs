//! `almanac assess ...` through the built binary, against the frozen content in
//! tests/fixtures/assess-content and the assessments in tests/fixtures/assessments, so
//! expectations do not move when the bundled almanac is edited.
//!
//! Golden files: tests/golden/borsetshire-2026.{md,csv,json}. After a deliberate change
//! to an export, regenerate them with `UPDATE_GOLDEN=1 cargo test --test assess_cli` and
//! review the diff.
//!
//! Worked expectations for borsetshire-2026.toml (levels, skipped as s):
//! alpha 2, 3, s -> 2.50 Working, targets 4, 4 -> gap 1.50; beta 1, (unanswered) -> 1.00,
//! target 3 -> gap 2.00; gamma 2 (answered though out of scope) -> 2.00; delta 4, 5 ->
//! 4.50, rounded half up to Leading, target 5 -> gap 0.50; overall (2.5+1+2+4.5)/4 = 2.50.
//! borsetshire-2025.toml: alpha 2, 2 -> 2.00; beta 2.00; delta 4, 4 -> 4.00; overall 2.67.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use almanac::assess::{Session, Store, store};
use almanac::content::{Almanac, ContentOptions};
use support::home::{Home, stderr, stdout};
use tempfile::TempDir;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/assessments")
}

fn content_dir() -> PathBuf {
    root().join("tests/fixtures/assess-content")
}

fn fixture_almanac() -> Almanac {
    ContentOptions {
        content_dir: Some(content_dir()),
        overlays: Vec::new(),
    }
    .load()
    .unwrap()
}

/// A private home (see `support::home`); the content is the fixture unless a test passes
/// `--content` itself.
struct Sandbox {
    home: Home,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox { home: Home::new() }
    }

    fn data(&self) -> PathBuf {
        self.home.data()
    }

    fn run_in(&self, cwd: &Path, args: &[&str]) -> Output {
        let content = content_dir();
        let content = content.to_str().unwrap();
        let all: Vec<&str> = ["--content", content]
            .into_iter()
            .chain(args.iter().copied())
            .collect();
        self.home.run_in(cwd, &all)
    }

    /// Runs in the fixtures folder, so printed paths are short and stable.
    fn run(&self, args: &[&str]) -> Output {
        self.run_in(&fixtures(), args)
    }
}

fn golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, actual).unwrap();
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        actual == expected,
        "{name} differs from the golden file; rerun with UPDATE_GOLDEN=1 and review.\n--- actual ---\n{actual}"
    );
}

#[test]
fn exports_match_the_golden_files_byte_for_byte() {
    let s = Sandbox::new();
    for (format, ext) in [("md", "md"), ("csv", "csv"), ("json", "json")] {
        let out = s.run(&[
            "assess",
            "export",
            "borsetshire-2026.toml",
            "--format",
            format,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(out.stderr.is_empty(), "{}", stderr(&out));
        golden(&format!("borsetshire-2026.{ext}"), &stdout(&out));
    }
}

#[test]
fn exports_are_valid_json_and_csv_with_one_row_per_question() {
    let s = Sandbox::new();
    let out = s.run(&[
        "assess",
        "export",
        "borsetshire-2026.toml",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["overall"]["score"], 2.5);
    assert_eq!(v["outcomes"][3]["level_name"], "Leading");
    assert_eq!(v["outcomes"][0]["gap"], 1.5);
    assert_eq!(v["plan"][2]["title"], serde_json::Value::Null);

    let out = s.run(&[
        "assess",
        "export",
        "borsetshire-2026.toml",
        "--format",
        "csv",
    ]);
    let text = stdout(&out);
    // Records, not lines: quoted fields may hold newlines.
    let mut records = 0;
    let mut in_quotes = false;
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' if !in_quotes => records += 1,
            _ => {}
        }
    }
    assert!(!in_quotes);
    assert_eq!(records, 1 + 8, "header and 8 questions");
    assert!(
        text.contains(",'=SUM(A1:A2) was typed here by someone,"),
        "formula defused"
    );
}

#[test]
fn export_to_a_file_never_overwrites_without_force() {
    let s = Sandbox::new();
    let work = TempDir::new().unwrap();
    let src = fixtures().join("borsetshire-2026.toml");
    let src = src.to_str().unwrap();
    let out = s.run_in(
        work.path(),
        &[
            "assess",
            "export",
            src,
            "--format",
            "md",
            "-o",
            "minutes.md",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let target = work.path().join("minutes.md");
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .starts_with("# Self-assessment: Borsetshire County Council\n")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    fs::write(&target, "my own edits\n").unwrap();
    let out = s.run_in(
        work.path(),
        &[
            "assess",
            "export",
            src,
            "--format",
            "csv",
            "-o",
            "minutes.md",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "almanac: minutes.md already exists; not overwritten (pass --force to replace it)\n"
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "my own edits\n");

    let out = s.run_in(
        work.path(),
        &[
            "assess",
            "export",
            src,
            "--format",
            "csv",
            "-o",
            "minutes.md",
            "--force",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .starts_with("outcome_number,outcome,question_id,")
    );
    let names: Vec<_> = fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["minutes.md"], "no temporary files left");

    let out = s.run_in(work.path(), &["assess", "export", src, "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn compare_shows_the_change_per_outcome() {
    let s = Sandbox::new();
    let out = s.run(&[
        "assess",
        "compare",
        "borsetshire-2025.toml",
        "borsetshire-2026.toml",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "A: Borsetshire County Council, 2025-11-20 (borsetshire-2025.toml)
B: Borsetshire County Council, 2026-12-04 (borsetshire-2026.toml)

 #  Outcome                                  A       B  Change
 1  Alpha area                            2.00    2.50  ↑ +0.50
 2  Beta area                             2.00    1.00  ↓ -1.00
 3  Gamma area                               –    2.00  only in B
 4  Delta area                            4.00    4.50  ↑ +0.50
    Overall                               2.67    2.50  ↓ -0.17
"
    );
    let out = s.run(&[
        "assess",
        "compare",
        "borsetshire-2026.toml",
        "borsetshire-2026.toml",
    ]);
    assert!(
        stdout(&out).contains(" 1  Alpha area                            2.50    2.50  = 0.00\n")
    );
}

#[test]
fn benchmark_places_me_among_peers() {
    // Peers: alpha 1, 2, 3, 4; beta 2, 2, -, 5; gamma -, -, 3, -. Me (2026): alpha 2.5,
    // beta 1, gamma 2, delta 4.5. Alpha {1, 2, 2.5, 3, 4}: Q1 at h=1 -> 2, median 2.5,
    // Q3 at h=3 -> 3; beta {1, 2, 2, 5}: Q1 at h=0.75 -> 1.75, median 2, Q3 at h=2.25 -> 2.75.
    let s = Sandbox::new();
    let out = s.run(&[
        "assess",
        "benchmark",
        "peers",
        "--me",
        "borsetshire-2026.toml",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "5 assessments: 4 in peers and Me; quartiles by linear interpolation (as QUARTILE.INC)
Me: Borsetshire County Council, 2026-12-04 (borsetshire-2026.toml)

 #  Outcome                           n     Q1  Median     Q3     Me  Position
 1  Alpha area                        5   2.00    2.50   3.00   2.50  lower middle, rank 3 of 5
 2  Beta area                         4   1.75    2.00   2.75   1.00  bottom quarter, rank 4 of 4
 3  Gamma area                        2   2.25    2.50   2.75   2.00  bottom quarter, rank 2 of 2
 4  Delta area                        1   4.50    4.50   4.50   4.50  lower middle, rank 1 of 1
"
    );
    // Me inside the folder counts once.
    let out = s.run(&["assess", "benchmark", "peers", "--me", "peers/penny.toml"]);
    let text = stdout(&out);
    assert!(text.starts_with("4 assessments: 4 in peers;"), "{text}");
    assert!(text.contains(" 1  Alpha area                        4   1.75    2.50   3.25   4.00  top quarter, rank 1 of 4\n"), "{text}");
    // Without --me: statistics only.
    let out = s.run(&["assess", "benchmark", "peers"]);
    assert!(
        stdout(&out).contains(" 3  Gamma area                        1   3.00    3.00   3.00\n"),
        "{}",
        stdout(&out)
    );
    // A folder holding a damaged file is invalid input, reported with its position.
    let out = s.run(&["assess", "benchmark", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("damaged.toml:3:24: TOML syntax error"),
        "{}",
        stderr(&out)
    );
    let out = s.run(&["assess", "benchmark", "no-such-folder"]);
    assert_eq!(out.status.code(), Some(2));
}

const DAMAGED: &str = "./damaged.toml:3:24: TOML syntax error: invalid basic string, expected `\"`\n\
                       almanac: 1 problem found\n";
const FUTURE: &str = "./future.toml:1:18: written by a newer version of almanac (schema 2); \
                      this version reads schema 1\nalmanac: 1 problem found\n";

#[test]
fn damaged_and_future_files_are_reported_and_never_touched() {
    let s = Sandbox::new();
    let damaged = fixtures().join("damaged.toml");
    let future = fixtures().join("future.toml");
    let before = (fs::read(&damaged).unwrap(), fs::read(&future).unwrap());

    for (file, expected) in [("./damaged.toml", DAMAGED), ("./future.toml", FUTURE)] {
        let out = s.run(&["assess", "export", file, "--format", "md"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
        assert_eq!(stderr(&out), expected);
        let out = s.run(&["assess", "compare", file, "borsetshire-2026.toml"]);
        assert_eq!(
            (out.status.code(), stderr(&out)),
            (Some(2), expected.to_string())
        );
    }

    // In the data folder: listed as problems (exit 2), never opened for writing.
    let store = Store::in_data_dir(&s.data().join("almanac"));
    store.ensure_dir().unwrap();
    let in_store = |name: &str| store.dir().join(name);
    fs::copy(&damaged, in_store("damaged.toml")).unwrap();
    fs::copy(&future, in_store("future.toml")).unwrap();
    let out = s.run(&["assess", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("damaged.toml:3:24: TOML syntax error"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("future.toml:1:18: written by a newer version of almanac (schema 2)")
    );
    let out = s.run(&["assess", "resume"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "nothing resumable: {}",
        stderr(&out)
    );

    let almanac = fixture_almanac();
    for name in ["damaged.toml", "future.toml"] {
        let err = Session::resume(&store, &almanac, &in_store(name)).unwrap_err();
        assert_eq!(err.exit_code(), 2, "{err}");
        assert!(store.open(&in_store(name)).is_err());
    }
    assert_eq!(fs::read(in_store("damaged.toml")).unwrap(), before.0);
    assert_eq!(fs::read(in_store("future.toml")).unwrap(), before.1);
    assert_eq!(
        (fs::read(&damaged).unwrap(), fs::read(&future).unwrap()),
        before
    );
}

#[test]
fn new_list_and_resume_in_the_data_folder() {
    let s = Sandbox::new();
    let out = s.run(&["assess", "list"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).starts_with("No assessments in "),
        "{}",
        stdout(&out)
    );

    let out = s.run(&[
        "assess",
        "new",
        "--quick",
        "--outcome",
        "1",
        "--outcome",
        "beta",
        "--org",
        "Borsetshire CC",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "almanac: 3 questions, 0 answered, 0 skipped\n"
    );
    let path = PathBuf::from(stdout(&out).trim_end());
    let dir = s.data().join("almanac/assessments");
    assert_eq!(path.parent(), Some(dir.as_path()));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.ends_with(".toml") && name.contains("-borsetshire-cc-"),
        "{name}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&path), 0o600);
    }
    let a = store::load(&path).unwrap();
    assert_eq!(a.scope.outcomes, ["alpha", "beta"]);
    assert!(a.scope.quick);

    // Answer one question as the wizard would, then list and resume.
    let almanac = fixture_almanac();
    let store = Store::new(&dir);
    let mut session = Session::resume(&store, &almanac, &path).unwrap();
    session.answer(4).unwrap();

    // While this process holds it, the binary is told who has it and cannot clobber.
    let out = s.run(&["assess", "resume"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "almanac: {}: assessment is open in another almanac process (pid {})\n",
            path.display(),
            std::process::id()
        )
    );
    let saved = fs::read(&path).unwrap();
    drop(session);
    assert_eq!(fs::read(&path).unwrap(), saved);

    let out = s.run(&["assess", "list"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("  Borsetshire CC                1 of 3     in progress  "),
        "{text}"
    );
    assert!(text.contains(&name));

    let out = s.run(&["assess", "resume"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim_end(), path.to_str().unwrap());
    assert_eq!(
        stderr(&out),
        "almanac: 3 questions, 1 answered, 0 skipped\n"
    );

    // Export by bare file name, as `list` shows it.
    let out = s.run(&["assess", "export", &name, "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(",alpha-q1,Is alpha owned?,4,Embedded,"));
}

#[test]
fn data_dir_option_and_bad_arguments() {
    let s = Sandbox::new();
    let elsewhere = TempDir::new().unwrap();
    let data = elsewhere.path().to_str().unwrap();
    let out = s.run(&["assess", "--data-dir", data, "new", "--org", "Felpersham"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with(&format!("{data}/assessments/")),
        "{}",
        stdout(&out)
    );
    assert!(!s.data().exists(), "the default data folder is left alone");
    // Also accepted after the subcommand.
    let out = s.run(&["assess", "list", "--data-dir", data]);
    assert!(stdout(&out).contains("Felpersham"), "{}", stdout(&out));

    let out = s.run(&["assess", "new", "--outcome", "99"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "almanac: unknown outcome `99`; outcomes are numbered 1 to 4 (see `almanac list`)\n"
    );
    let out = s.run(&["assess", "export", "missing.toml", "--format", "md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("almanac: cannot read missing.toml: "),
        "{}",
        stderr(&out)
    );
    let out = s.run(&["assess", "export", "borsetshire-2026.toml"]);
    assert_eq!(out.status.code(), Some(2), "--format is required");
}

#[test]
fn bundled_content_supports_a_quick_assessment() {
    // The real almanac, not the fixture: every outcome has questions, so `new` works for each.
    let almanac = Almanac::bundled().unwrap();
    let tmp = TempDir::new().unwrap();
    let store = Store::new(tmp.path());
    for o in &almanac.outcomes {
        let setup = almanac::assess::Setup {
            organisation: "X".into(),
            people: vec![],
            scope: almanac::assess::Scope {
                outcomes: vec![o.id.clone()],
                quick: true,
            },
        };
        let mut s = Session::start(&store, &almanac, setup).unwrap();
        while s.current().is_some() {
            s.answer(3).unwrap();
        }
        assert!(s.is_complete(), "{}", o.id);
        let r = almanac::assess::score::score(&almanac, s.assessment());
        assert_eq!(r.overall, Some(3.0));
    }
}

/// Not a test on its own: the child process of `a_killed_owner_leaves_a_lock_that_is_taken_over`,
/// run with `--ignored --exact`. It opens the assessment named in the environment and waits
/// to be killed.
#[test]
#[ignore = "helper process for a_killed_owner_leaves_a_lock_that_is_taken_over"]
fn lock_holder_child() {
    let Some(path) = std::env::var_os("ALMANAC_TEST_HOLD") else {
        return;
    };
    let path = PathBuf::from(path);
    let store = Store::new(path.parent().unwrap());
    let _open = store.open(&path).unwrap();
    std::thread::sleep(std::time::Duration::from_secs(60));
}

#[cfg(unix)]
#[test]
fn a_killed_owner_leaves_a_lock_that_is_taken_over() {
    let s = Sandbox::new();
    let out = s.run(&["assess", "new", "--org", "Killed"]);
    let path = PathBuf::from(stdout(&out).trim_end());
    let lock = path.with_file_name(format!(
        ".{}.lock",
        path.file_name().unwrap().to_string_lossy()
    ));
    /// Kills the child even when an assertion fails first.
    struct Child(std::process::Child);
    impl Drop for Child {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = Child(
        Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "lock_holder_child",
                "--test-threads=1",
            ])
            .env("ALMANAC_TEST_HOLD", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let pid = child.0.id();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while fs::read_to_string(&lock).ok().as_deref() != Some(&format!("{pid}\n")) {
        assert!(
            std::time::Instant::now() < deadline,
            "child never took the lock"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = s.run(&["assess", "resume"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).ends_with(&format!(
            "assessment is open in another almanac process (pid {pid})\n"
        )),
        "{}",
        stderr(&out)
    );

    child.0.kill().unwrap(); // SIGKILL: no destructor runs, the lock file stays behind.
    child.0.wait().unwrap();
    assert!(lock.exists());
    let out = s.run(&["assess", "resume"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim_end(), path.to_str().unwrap());
    assert!(!lock.exists(), "the new owner cleans up on exit");
}
