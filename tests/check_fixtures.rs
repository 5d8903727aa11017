//! `almanac check` against folders of deliberately broken content.
//!
//! Each folder under `tests/fixtures/broken/` is one case. The binary runs with the
//! current directory set to `tests/fixtures/broken/`, so the paths it prints are
//! relative and stable, and its stderr must equal the case's `expected.txt` exactly:
//! every `path:line:column: message` line, sorted, then the `almanac: N problems found`
//! line. By default the command is `check <case>`; a case that needs more (an overlay,
//! a path that is not a folder) lists its arguments in `args.txt`.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use support::home::Home;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs the binary with a private home (see `support::home`).
fn almanac(cwd: &Path, args: &[&str]) -> Output {
    Home::new().run_in(cwd, args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Any character a terminal could act on, apart from the newline ending each line.
fn control_chars(s: &str) -> Vec<String> {
    s.chars()
        .filter(|&c| c != '\n' && (c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect()
}

fn broken_cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(fixtures().join("broken"))
        .expect("tests/fixtures/broken exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_broken_fixture_prints_exactly_its_expected_problems() {
    let root = fixtures().join("broken");
    let cases = broken_cases();
    assert!(cases.len() >= 18, "only {} broken fixtures", cases.len());

    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let Ok(expected) = fs::read_to_string(case.join("expected.txt")) else {
            failures.push(format!(
                "{name}: no expected.txt; every fixture states its exact output"
            ));
            continue;
        };
        let args: Vec<String> = match fs::read_to_string(case.join("args.txt")) {
            Ok(a) => a.split_whitespace().map(String::from).collect(),
            Err(_) => vec!["check".into(), name.clone()],
        };
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = almanac(&root, &args);
        let stderr = text(&out.stderr);

        if out.status.code() != Some(2) {
            failures.push(format!(
                "{name}: exit status {:?}, expected 2",
                out.status.code()
            ));
        }
        if !out.stdout.is_empty() {
            failures.push(format!("{name}: unexpected stdout:\n{}", text(&out.stdout)));
        }
        if stderr != expected {
            failures.push(format!(
                "{name}: `almanac {}` printed\n{stderr}--- but expected.txt says\n{expected}---",
                args.join(" ")
            ));
        }
        let controls = control_chars(&stderr);
        if !controls.is_empty() {
            failures.push(format!(
                "{name}: stderr contains control characters {controls:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// The fixtures themselves must be sound: a count line that matches the problems above
/// it, and every problem line naming a file inside its own case.
#[test]
fn expected_files_are_consistent() {
    for case in broken_cases() {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let Ok(expected) = fs::read_to_string(case.join("expected.txt")) else {
            continue; // reported by the test above
        };
        let lines: Vec<&str> = expected.lines().collect();
        let (last, problems) = lines.split_last().expect("expected.txt is not empty");
        let n = problems.len();
        let plural = if n == 1 { "" } else { "s" };
        assert_eq!(
            *last,
            format!("almanac: {n} problem{plural} found"),
            "{name}"
        );
        assert!(n >= 1, "{name}: a broken fixture has at least one problem");
        for line in problems {
            let about_case =
                line.starts_with(&format!("{name}/")) || line.starts_with(&format!("{name}:"));
            assert!(about_case, "{name}: `{line}` is not about this case");
        }
        assert!(
            expected.ends_with('\n'),
            "{name}: expected.txt ends with a newline"
        );
    }
}

#[test]
fn several_problems_are_reported_in_path_line_column_order() {
    let expected =
        fs::read_to_string(fixtures().join("broken/several-problems/expected.txt")).unwrap();
    let keys: Vec<(String, usize, usize)> = expected
        .lines()
        .filter(|l| !l.starts_with("almanac: "))
        .map(|l| {
            let mut parts = l.splitn(4, ':');
            let path = parts.next().unwrap().to_string();
            let line = parts.next().unwrap().parse().unwrap();
            let column = parts.next().unwrap().parse().unwrap();
            (path, line, column)
        })
        .collect();
    assert!(keys.len() >= 8, "the case should hold many problems");
    let files: std::collections::BTreeSet<&String> = keys.iter().map(|k| &k.0).collect();
    assert!(files.len() >= 3, "problems should span several files");
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn good_fixture_checks_clean() {
    let out = almanac(&fixtures(), &["check", "good"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "stderr: {}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("ok: 9 items"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn good_fixture_with_an_overlay_checks_clean_and_counts_the_local_item() {
    let home = Home::new();
    // The shared overlay fixture targets the bundled `security` outcome; re-point a copy at `alpha`.
    let overlay = home.path().join("overlay");
    fs::create_dir(&overlay).unwrap();
    let source = fs::read_to_string(fixtures().join("overlay/our-case-study.toml")).unwrap();
    fs::write(
        overlay.join("ours.toml"),
        source.replace("outcome = \"security\"", "outcome = \"alpha\""),
    )
    .unwrap();
    let out = almanac(
        &fixtures(),
        &["check", "good", "--overlay", overlay.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("ok: 10 items (1 from overlays)"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn bundled_content_checks_clean() {
    let home = Home::new();
    let out = almanac(home.path(), &["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "bundled content has problems:\n{}",
        text(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn a_control_character_in_a_file_name_is_not_echoed() {
    let home = Home::new();
    let content = home.path().join("content");
    fs::create_dir_all(content.join("outcomes")).unwrap();
    fs::copy(
        fixtures().join("good/almanac.toml"),
        content.join("almanac.toml"),
    )
    .unwrap();
    fs::write(
        content.join("outcomes/01-\u{1b}[31mred.toml"),
        "id = \"alpha\"\nnumber = 1\ntitle = \"Alpha\"\nsummary = \"s\"\noverview = \"o\"\nwhy_it_matters = 5\n",
    )
    .unwrap();
    let out = almanac(home.path(), &["check", "content"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr,
        "content/outcomes/01-[31mred.toml:6:18: invalid type: integer `5`, expected a string\n\
         almanac: 1 problem found\n"
    );
}
