//! `almanac keymap ...` and `almanac config ...` through the real binary.
//!
//! Each folder under `tests/fixtures/keymaps/` is one invalid (or warning-only) keymap.
//! The binary runs `keymap check <case>/keymap.toml` with the current directory set to
//! `tests/fixtures/keymaps/`, so the paths it prints are relative and stable, and its
//! stderr must equal the case's `expected.txt` exactly. A case whose expected output
//! ends in `almanac: N problems found` must exit 2; a warning-only case exits 0 and
//! says `ok` on stdout.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use support::home::Home;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/keymaps")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn every_keymap_fixture_prints_exactly_its_expected_output() {
    let root = fixtures();
    let mut cases: Vec<PathBuf> = fs::read_dir(&root)
        .expect("tests/fixtures/keymaps exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    let home = Home::new();
    let mut failing = 0;
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expected = fs::read_to_string(case.join("expected.txt"))
            .unwrap_or_else(|_| panic!("{name}/expected.txt"));
        let out = home.run_in(&root, &["keymap", "check", &format!("{name}/keymap.toml")]);
        assert_eq!(text(&out.stderr), expected, "stderr of case {name}");
        let has_errors = expected
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("almanac: ") && l.contains(" found"));
        if has_errors {
            failing += 1;
            assert_eq!(out.status.code(), Some(2), "exit status of case {name}");
            assert!(out.stdout.is_empty(), "{name}: {}", text(&out.stdout));
        } else {
            assert_eq!(out.status.code(), Some(0), "exit status of case {name}");
            let stdout = text(&out.stdout);
            assert!(
                stdout.starts_with(&format!("ok: keymaps/default.toml + {name}/keymap.toml (")),
                "{name}: {stdout}"
            );
            assert!(
                expected.lines().all(|l| l.contains(": warning: ")),
                "{name}: a clean case may only warn"
            );
        }
    }
    assert!(failing >= 10, "only {failing} failing keymap fixtures");
}

#[test]
fn check_without_a_file_checks_the_preset_and_the_users_keymap() {
    let home = Home::new();
    let out = home.run_in(home.path(), &["keymap", "check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "ok: keymaps/default.toml\n");
    let user = home.config_dir().join("keymap.toml");
    // `n` moves down in the emacs preset, so it clashes there (and not in default).
    fs::write(&user, "[list]\nup = [\"n\"]\n").unwrap();
    let out = home.run_in(home.path(), &["keymap", "check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = home.run_in(home.path(), &["--keymap", "emacs", "keymap", "check"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "{}:2:7: `n` is bound to both `down` and `up` in [list]\nalmanac: 1 problem found\n",
            user.display()
        )
    );
    fs::write(&user, "[list]\nup = [\"i\"]\n").unwrap();
    let out = home.run_in(home.path(), &["--keymap", "vim", "keymap", "check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!("ok: keymaps/vim.toml + {}\n", user.display())
    );
}

#[test]
fn show_prints_the_effective_bindings_as_a_table() {
    let home = Home::new();
    fs::write(
        home.config_dir().join("keymap.toml"),
        "[global]\ncopy = [\"c\"]\n",
    )
    .unwrap();
    let out = home.run_in(home.path(), &["--keymap", "vim", "keymap", "show"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    let row = |action: &str| {
        table
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(action))
            .unwrap_or_else(|| panic!("no row for {action}:\n{table}"))
            .to_string()
    };
    assert!(table.lines().nth(1).unwrap().starts_with("CONTEXT"));
    assert!(row("top").contains("home, g g"), "{}", row("top"));
    assert!(row("copy").starts_with("global"), "{}", row("copy"));
    assert!(row("copy").contains(" c "), "{}", row("copy"));
    assert!(row("copy").ends_with("Copy the current item as Markdown"));
    let out = home.run_in(home.path(), &["keymap", "presets"]);
    let presets = text(&out.stdout);
    for name in ["default", "emacs", "vim"] {
        assert!(
            presets.lines().any(|l| l.starts_with(name)),
            "{name}: {presets}"
        );
    }
}

#[test]
fn unknown_keymap_name_is_an_error() {
    let home = Home::new();
    let out = home.run_in(home.path(), &["--keymap", "vi", "keymap", "check"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "--keymap: unknown keymap `vi`: use a preset (default, emacs, vim) or a file path\nalmanac: 1 problem found\n"
    );
}

#[test]
fn config_path_show_and_precedence() {
    let home = Home::new();
    let dir = home.config_dir();
    let out = home.run_in(home.path(), &["config", "path"]);
    assert_eq!(
        text(&out.stdout),
        format!("{}\n", dir.join("config.toml").display())
    );
    fs::write(
        dir.join("config.toml"),
        "theme = \"high-contrast\"\nkeymap = \"emacs\"\nmouse = true\noverlay = \"local\"\n",
    )
    .unwrap();
    let out = home.run_in(home.path(), &["config", "show"]);
    assert!(out.status.success());
    let shown = text(&out.stdout);
    assert!(
        shown.contains("theme = \"high-contrast\"  # from config.toml"),
        "{shown}"
    );
    assert!(shown.contains("keymap = \"emacs\"  # from config.toml"));
    assert!(shown.contains("mouse = true  # from config.toml"));
    let local = dir.join("local").display().to_string();
    assert!(
        shown.contains(&format!("overlay = [\"{local}\"]  # from config.toml")),
        "{shown}"
    );
    // The command line beats the file; --no-color beats any theme.
    let out = home.run_in(
        home.path(),
        &["--keymap", "vim", "--no-color", "config", "show"],
    );
    let shown = text(&out.stdout);
    assert!(
        shown.contains("theme = \"monochrome\"  # from --no-color"),
        "{shown}"
    );
    assert!(
        shown.contains("keymap = \"vim\"  # from --keymap"),
        "{shown}"
    );
    let out = home.run_in(home.path(), &["config", "check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("ok: "));
}

#[test]
fn a_bad_config_is_reported_and_commands_carry_on() {
    let home = Home::new();
    let file = home.config_dir().join("config.toml");
    fs::write(&file, "theme = \"dusk\"\nmouse = \"yes\"\ncolor = false\n").unwrap();
    let expected = [
        format!(
            "{}:1:9: unknown theme `dusk` (themes: default, high-contrast, monochrome)",
            file.display()
        ),
        format!(
            "{}:2:9: `mouse` must be true or false, not a string",
            file.display()
        ),
        format!(
            "{}:3:1: unknown setting `color` (settings: theme, keymap, mouse, overlay, data_dir, content)",
            file.display()
        ),
    ];
    let out = home.run_in(home.path(), &["list"]);
    assert!(out.status.success());
    let warned: String = expected
        .iter()
        .map(|e| format!("almanac: warning: {e}\n"))
        .collect();
    assert_eq!(text(&out.stderr), warned);
    assert!(text(&out.stdout).contains("glossary terms"));
    let out = home.run_in(home.path(), &["config", "check"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!("{}\nalmanac: 3 problems found\n", expected.join("\n"))
    );
}

#[test]
fn user_theme_files_are_checked_with_positions() {
    let home = Home::new();
    let themes = home.config_dir().join("themes");
    fs::create_dir_all(&themes).unwrap();
    fs::write(
        themes.join("dusk.toml"),
        "base = \"high-contrast\"\nselected = { fg = \"black\", bg = \"purple\" }\n",
    )
    .unwrap();
    let out = home.run_in(home.path(), &["--theme", "dusk", "config", "check"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!(
            "{}:2:33: unknown colour `purple` for `bg`",
            themes.join("dusk.toml").display()
        )),
        "{stderr}"
    );
    let out = home.run_in(home.path(), &["--theme", "nope", "config", "check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .contains("unknown theme `nope` (themes: default, high-contrast, monochrome, dusk)"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn data_dir_from_config_is_where_assessments_live() {
    let home = Home::new();
    let dir = home.config_dir();
    fs::write(dir.join("config.toml"), "data_dir = \"mine\"\n").unwrap();
    let out = home.run_in(home.path(), &["assess", "list"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let expected = dir.join("mine").join("assessments");
    assert!(
        text(&out.stdout).contains(&expected.display().to_string()),
        "{}",
        text(&out.stdout)
    );
    let out = home.run_in(home.path(), &["config", "show"]);
    assert!(text(&out.stdout).contains(&format!(
        "data_dir = \"{}\"  # from config.toml",
        dir.join("mine").display()
    )));
}
