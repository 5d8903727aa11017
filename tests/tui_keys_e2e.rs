//! The real binary in a pseudo-terminal with the vim and emacs presets, the help
//! overlay, the mouse, a broken config file, and without colour: with `NO_COLOR=1`,
//! `--no-color` or `--theme monochrome` not one colour code may be sent.

mod support;

use std::time::Duration;

use almanac::content::Almanac;
use support::{keys, run};

fn outcome_titles() -> Vec<String> {
    let a = Almanac::bundled().expect("bundled content loads");
    a.outcomes.iter().map(|o| o.title.clone()).collect()
}

/// The screen line holding the selection marker of the default and high-contrast
/// themes (or `> ` in monochrome).
fn selected_line(screen: &str, marker: &str) -> String {
    screen
        .lines()
        .find(|l| l.trim_start().starts_with(marker))
        .unwrap_or_else(|| panic!("no selected row:\n{screen}"))
        .to_string()
}

fn ctrl(c: char) -> String {
    char::from(c as u8 & 0x1f).to_string()
}

fn alt(c: char) -> String {
    format!("\x1b{c}")
}

#[test]
fn vim_preset_navigates_with_vim_keys() {
    let titles = outcome_titles();
    let mut p = run(&["--keymap", "vim"]).spawn();
    p.wait_for("Outcome areas");
    p.send("G");
    p.wait_until("the last outcome selected", |p| {
        selected_line(&p.screen(), "▶").contains(titles.last().unwrap())
    });
    p.send("g");
    p.send("g");
    p.wait_until("the first outcome selected", |p| {
        selected_line(&p.screen(), "▶").contains(&titles[0])
    });
    p.send("j");
    p.send("l");
    p.wait_for(&format!("{} › Overview", titles[1]));
    p.send(&ctrl('o'));
    p.wait_for("Outcome areas");
    assert!(selected_line(&p.screen(), "▶").contains(&titles[1]));
    p.send("Z");
    p.send("Z");
    let status = p.wait_exit(Duration::from_secs(5)).expect("Z Z quits");
    assert!(status.success());
}

#[test]
fn emacs_preset_navigates_and_opens_the_palette_with_alt_x() {
    let titles = outcome_titles();
    let mut p = run(&["--keymap", "emacs"]).spawn();
    p.wait_for("Outcome areas");
    p.send(&ctrl('n'));
    p.send(&ctrl('n'));
    p.send(&ctrl('p'));
    p.wait_until("the second outcome selected", |p| {
        selected_line(&p.screen(), "▶").contains(&titles[1])
    });
    p.send(&ctrl('f'));
    p.wait_for(&format!("{} › Overview", titles[1]));
    p.send(&ctrl('g'));
    p.wait_for("Outcome areas");
    p.send(&alt('x'));
    p.wait_for("Help: keys and command palette");
    // The help is generated from the emacs keymap.
    p.wait_for("ctrl-x ctrl-q");
    p.send("glossary");
    p.wait_for("Filter: glossary");
    p.send(keys::ENTER);
    p.wait_gone("Help: keys");
    p.wait_for("Almanac › Glossary");
    p.send(&ctrl('g'));
    p.wait_for("Outcome areas");
    p.send(&ctrl('x'));
    p.send(&ctrl('q'));
    let status = p
        .wait_exit(Duration::from_secs(5))
        .expect("ctrl-x ctrl-q quits");
    assert!(status.success());
}

#[test]
fn help_overlay_lists_remapped_keys_and_filters() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config").join("almanac");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("keymap.toml"), "[global]\nglossary = [\"W\"]\n").unwrap();
    let mut p = run(&[]).home(home).spawn();
    p.wait_for("Outcome areas");
    p.send("?");
    p.wait_for("Help: keys and command palette");
    p.send("glossary");
    p.wait_until("the remapped key in help", |p| {
        p.screen()
            .lines()
            .any(|l| l.contains(" W ") && l.contains("Open the glossary"))
    });
    p.send(keys::ESC);
    p.wait_gone("Help: keys");
    p.send("W");
    p.wait_for("Almanac › Glossary");
    p.send(keys::CTRL_C);
    p.wait_exit(Duration::from_secs(5)).expect("ctrl-c quits");
}

/// Every SGR parameter that sets a colour: 30-49 (including 38;5/38;2 and the
/// default-colour codes 39 and 49), 90-97 and 100-107.
fn colour_codes(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == 0x1b && bytes[i + 1] == b'[' {
            let start = i + 2;
            let mut j = start;
            while j < bytes.len()
                && (bytes[j].is_ascii_digit() || bytes[j] == b';' || bytes[j] == b':')
            {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'm' {
                let params = String::from_utf8_lossy(&bytes[start..j]).into_owned();
                let colour = params.split([';', ':']).any(|p| {
                    p.parse::<u16>().is_ok_and(|n| {
                        (30..=49).contains(&n) || (90..=97).contains(&n) || (100..=107).contains(&n)
                    })
                });
                if colour {
                    found.push(format!("ESC[{params}m"));
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    found
}

/// Drives a few screens (list, tabs, reading view, help with a filter) and quits.
fn tour(args: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let mut r = run(args);
    for (k, v) in env {
        r = r.env(k, v);
    }
    let mut p = r.spawn();
    p.wait_for("Outcome areas");
    p.send("j");
    p.send(keys::ENTER);
    p.wait_for("› Overview");
    p.send(keys::TAB);
    p.wait_for("› Guidance");
    p.send(keys::ENTER);
    p.wait_for("For technical");
    p.send("?");
    p.wait_for("Help: keys");
    p.send("link");
    p.wait_for("Filter: link");
    p.settle();
    p.send(keys::CTRL_C);
    p.wait_exit(Duration::from_secs(5)).expect("quits");
    p.bytes()
}

#[test]
fn no_colour_sends_no_colour_codes() {
    for (args, env) in [
        (&[][..], &[("NO_COLOR", "1")][..]),
        (&["--no-color"][..], &[][..]),
        (&["--theme", "monochrome"][..], &[][..]),
    ] {
        let bytes = tour(args, env);
        let codes = colour_codes(&bytes);
        assert!(
            codes.is_empty(),
            "{args:?} {env:?} sent colour codes: {:?}",
            &codes[..codes.len().min(10)]
        );
        // Still marked: reverse video and bold are sent.
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains("\x1b[7m"),
            "{args:?} {env:?}: no reverse video"
        );
        assert!(text.contains("\x1b[1m"), "{args:?} {env:?}: no bold");
    }
    // The detector does find colour where there is colour.
    for theme in ["default", "high-contrast"] {
        let bytes = tour(&["--theme", theme], &[]);
        assert!(!colour_codes(&bytes).is_empty(), "{theme} sent no colour");
    }
}

/// An SGR mouse report (1-based cell), as terminals send it with mouse capture on.
fn mouse(button: u8, column: u16, row: u16, press: bool) -> String {
    format!(
        "\x1b[<{button};{column};{row}{}",
        if press { 'M' } else { 'm' }
    )
}

#[test]
fn mouse_is_off_by_default_and_clicks_and_scrolls_when_on() {
    let titles = outcome_titles();
    let mut p = run(&[]).spawn();
    p.wait_for("Outcome areas");
    p.send("q");
    p.wait_exit(Duration::from_secs(5)).expect("quits");
    assert!(
        !String::from_utf8_lossy(&p.bytes()).contains("\x1b[?1000h"),
        "mouse capture without --mouse"
    );

    let mut p = run(&["--mouse"]).spawn();
    p.wait_for("Outcome areas");
    assert!(String::from_utf8_lossy(&p.bytes()).contains("\x1b[?1000h"));
    // Row 5 of the screen is the fourth outcome (row 1 is the breadcrumb line).
    p.send(&mouse(0, 10, 5, true));
    p.send(&mouse(0, 10, 5, false));
    p.wait_until("the clicked outcome selected", |p| {
        selected_line(&p.screen(), "▶").contains(&titles[3])
    });
    p.send(&mouse(65, 10, 5, true));
    p.wait_until("the wheel moved the selection", |p| {
        selected_line(&p.screen(), "▶").contains(&titles[6])
    });
    p.send(&mouse(0, 10, 8, true));
    p.send(&mouse(0, 10, 8, false));
    p.wait_for(&format!("{} › Overview", titles[6]));
    p.send("q");
    p.wait_exit(Duration::from_secs(5)).expect("quits");
    assert!(
        String::from_utf8_lossy(&p.bytes()).contains("\x1b[?1000l"),
        "mouse capture turned off on exit"
    );
}

#[test]
fn a_broken_config_file_is_shown_and_the_app_starts_with_defaults() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config").join("almanac");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "mouse = \"yes\"\n").unwrap();
    let mut p = run(&[]).home(home).size(120, 24).spawn();
    p.wait_for("Outcome areas");
    p.wait_for("config.toml:1:9: `mouse` must be true or false, not a string");
    assert!(!String::from_utf8_lossy(&p.bytes()).contains("\x1b[?1000h"));
    p.send("j");
    p.wait_gone("must be true or false");
    p.send("q");
    p.wait_exit(Duration::from_secs(5)).expect("quits");
}
