//! `almanac keymap check [FILE]`, `almanac keymap show` and `almanac keymap presets`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use unicode_width::UnicodeWidthStr;

use super::config::Settings;
use super::{EXIT_INVALID, emit};
use crate::content::Diagnostic;
use crate::keymap::{Action, Context, Keymap, Report, preset_names};

#[derive(Debug, Subcommand)]
pub enum KeymapCommand {
    /// Validate FILE, or the effective keymap (the chosen preset plus your keymap.toml).
    /// Prints each problem as path:line:column: message; exit 0 when clean, 2 otherwise.
    Check {
        /// A keymap file to check on its own (on top of the preset it names).
        file: Option<PathBuf>,
    },
    /// Print the effective bindings as a table: context, action, keys, description.
    Show,
    /// List the built-in presets.
    Presets,
}

pub fn run(command: KeymapCommand, settings: &Settings) -> ExitCode {
    match command {
        KeymapCommand::Check { file } => check(file, settings),
        KeymapCommand::Show => show(settings),
        KeymapCommand::Presets => presets(),
    }
}

/// The keymap the app would use with these settings.
pub fn effective(settings: &Settings) -> (Keymap, Report) {
    Keymap::load(
        settings.keymap.0.as_deref(),
        settings.user_keymap().as_deref(),
    )
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn check(file: Option<PathBuf>, settings: &Settings) -> ExitCode {
    let (map, report) = match &file {
        Some(path) => Keymap::check_file(path),
        None => effective(settings),
    };
    // Errors and warnings in file order, warnings marked as such.
    let mut all: Vec<(&Diagnostic, bool)> = report
        .errors
        .iter()
        .map(|d| (d, false))
        .chain(report.warnings.iter().map(|d| (d, true)))
        .collect();
    all.sort_by(|(a, _), (b, _)| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    let mut err = std::io::stderr().lock();
    for (d, warning) in &all {
        let line = if *warning {
            Diagnostic {
                message: format!("warning: {}", d.message),
                ..(*d).clone()
            }
        } else {
            (*d).clone()
        };
        let _ = writeln!(err, "{line}");
    }
    let warnings = report.warnings.len();
    if !report.errors.is_empty() {
        let extra = if warnings > 0 {
            format!(" and {}", plural(warnings, "warning"))
        } else {
            String::new()
        };
        let _ = writeln!(
            err,
            "almanac: {} found{extra}",
            plural(report.errors.len(), "problem")
        );
        return ExitCode::from(EXIT_INVALID);
    }
    drop(err);
    let extra = if warnings > 0 {
        format!(" ({})", plural(warnings, "warning"))
    } else {
        String::new()
    };
    emit(&format!("ok: {}{extra}\n", map.sources.join(" + ")))
}

/// The table `keymap show` prints; kept apart from printing so it can be tested.
pub fn table(map: &Keymap) -> String {
    let mut rows: Vec<[String; 4]> = vec![[
        "CONTEXT".into(),
        "ACTION".into(),
        "KEYS".into(),
        "DESCRIPTION".into(),
    ]];
    for context in Context::ALL {
        for action in Action::ALL.iter().filter(|a| a.context() == context) {
            let keys = map.keys_for(*action);
            rows.push([
                context.name().into(),
                action.name().into(),
                if keys.is_empty() {
                    "(none)".into()
                } else {
                    keys.join(", ")
                },
                action.description().into(),
            ]);
        }
    }
    let widths: Vec<usize> = (0..3)
        .map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    let mut out = format!("# keymap: {}\n", map.sources.join(" + "));
    for r in &rows {
        let mut line = String::new();
        for (c, w) in widths.iter().enumerate() {
            line.push_str(&r[c]);
            line.push_str(&" ".repeat(w - r[c].width() + 2));
        }
        line.push_str(&r[3]);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str("# ctrl-c always quits and cannot be rebound.\n");
    out
}

fn show(settings: &Settings) -> ExitCode {
    let (map, report) = effective(settings);
    for d in &report.errors {
        eprintln!("almanac: warning: {d}");
    }
    emit(&table(&map))
}

fn presets() -> ExitCode {
    let mut out = String::new();
    let width = preset_names().iter().map(|n| n.len()).max().unwrap_or(0);
    for name in preset_names() {
        let about = crate::keymap::preset_summary(name).unwrap_or_default();
        out.push_str(&format!("{name:<width$}  {about}\n"));
    }
    emit(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_lists_every_action_once_with_its_keys() {
        let (map, _) = Keymap::load(Some("emacs"), None);
        let t = table(&map);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "# keymap: keymaps/emacs.toml");
        assert!(lines[1].starts_with("CONTEXT  ACTION"), "{}", lines[1]);
        assert_eq!(lines.len(), Action::ALL.len() + 3);
        let down = lines
            .iter()
            .find(|l| l.split_whitespace().nth(1) == Some("down"))
            .unwrap();
        assert!(down.starts_with("list"), "{down}");
        assert!(down.contains("down, ctrl-n, n"), "{down}");
        assert!(down.ends_with("Next item"), "{down}");
        // Columns line up: every description starts at the same column.
        let col = lines[1].find("DESCRIPTION").unwrap();
        let quit = lines.iter().find(|l| l.contains("Quit almanac")).unwrap();
        assert_eq!(quit.find("Quit almanac"), Some(col));
    }
}
