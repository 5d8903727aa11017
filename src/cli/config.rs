//! Effective settings (command line, then `config.toml`, then defaults) and the
//! `almanac config path|show|check` subcommands.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use super::{Cli, emit, fail};
use crate::config::Config;
use crate::content::{ContentOptions, Diagnostic};
use crate::tui::theme;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where config.toml is read from (it need not exist).
    Path,
    /// Print the effective settings and where each comes from.
    Show,
    /// Validate config.toml and the chosen theme file; exit 2 on problems.
    Check,
}

/// Where a setting's value came from, shown by `config show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Default,
    ConfigFile,
    CommandLine(&'static str),
    Environment(&'static str),
}

impl Source {
    fn describe(self) -> String {
        match self {
            Source::Default => "default".into(),
            Source::ConfigFile => "from config.toml".into(),
            Source::CommandLine(flag) => format!("from {flag}"),
            Source::Environment(var) => format!("from {var}"),
        }
    }
}

/// Every choice the program runs with, decided once at startup.
#[derive(Debug, Clone)]
pub struct Settings {
    pub config_path: Option<PathBuf>,
    /// Problems in `config.toml`; they never stop the program.
    pub problems: Vec<Diagnostic>,
    pub theme: (String, Source),
    /// A preset name or a keymap file; `None` is the default preset.
    pub keymap: (Option<String>, Source),
    pub mouse: (bool, Source),
    pub overlays: (Vec<PathBuf>, Source),
    pub content: (Option<PathBuf>, Source),
    pub data_dir: (Option<PathBuf>, Source),
}

impl Settings {
    /// The command line beats `config.toml`, which beats the defaults. `--no-color`
    /// and `NO_COLOR` beat any theme.
    pub fn resolve(cli: &Cli) -> Settings {
        let config_path = crate::config::default_path();
        let (config, mut problems) = match &config_path {
            Some(p) => Config::load(p),
            None => (Config::default(), Vec::new()),
        };
        let themes_dir = theme::themes_dir();
        let theme = if cli.no_color {
            ("monochrome".into(), Source::CommandLine("--no-color"))
        } else if theme::no_color_requested() {
            ("monochrome".into(), Source::Environment("NO_COLOR"))
        } else if let Some(t) = &cli.theme {
            (t.clone(), Source::CommandLine("--theme"))
        } else if let Some(t) = &config.theme {
            let names = theme::available(themes_dir.as_deref());
            if names.contains(t) {
                (t.clone(), Source::ConfigFile)
            } else {
                problems.extend(config.problem_at(
                    "theme",
                    format!("unknown theme `{t}` (themes: {})", names.join(", ")),
                ));
                ("default".into(), Source::Default)
            }
        } else {
            ("default".into(), Source::Default)
        };
        let keymap = match (&cli.keymap, &config.keymap) {
            (Some(k), _) => (Some(k.clone()), Source::CommandLine("--keymap")),
            (None, Some(k)) => (Some(k.clone()), Source::ConfigFile),
            (None, None) => (None, Source::Default),
        };
        let mouse = match config.mouse {
            _ if cli.mouse => (true, Source::CommandLine("--mouse")),
            Some(m) => (m, Source::ConfigFile),
            None => (false, Source::Default),
        };
        let overlays = match &config.overlay {
            _ if !cli.overlay.is_empty() => (cli.overlay.clone(), Source::CommandLine("--overlay")),
            Some(dirs) => (dirs.clone(), Source::ConfigFile),
            None => (Vec::new(), Source::Default),
        };
        let content = match &config.content {
            _ if cli.content.is_some() => (
                cli.content.clone(),
                Source::CommandLine("--content or ALMANAC_CONTENT"),
            ),
            Some(dir) => (Some(dir.clone()), Source::ConfigFile),
            None => (None, Source::Default),
        };
        // `assess --data-dir` reads ALMANAC_DATA_DIR too and beats this for its commands.
        let from_env = std::env::var_os("ALMANAC_DATA_DIR").filter(|v| !v.is_empty());
        let data_dir = match (&config.data_dir, from_env) {
            (_, Some(dir)) => (
                Some(PathBuf::from(dir)),
                Source::Environment("ALMANAC_DATA_DIR"),
            ),
            (Some(dir), None) => (Some(dir.clone()), Source::ConfigFile),
            (None, None) => (crate::paths::data_dir(), Source::Default),
        };
        problems.sort_by_key(|d| (d.line, d.column));
        Settings {
            config_path,
            problems,
            theme,
            keymap,
            mouse,
            overlays,
            content,
            data_dir,
        }
    }

    /// The content to load: the chosen folder (or the bundled almanac), the overlays,
    /// and the `overlay` folder in the config folder when it exists.
    pub fn content_options(&self) -> ContentOptions {
        let mut overlays = self.overlays.0.clone();
        if let Some(dir) = crate::paths::default_overlay()
            && !overlays.contains(&dir)
        {
            overlays.push(dir);
        }
        ContentOptions {
            content_dir: self.content.0.clone(),
            overlays,
        }
    }

    /// The theme to draw with. `--no-color` and `NO_COLOR` always get the built-in
    /// monochrome theme, even if a user file shadows its name. `Err` is an unknown name
    /// (only possible from `--theme`: an unknown name in config.toml falls back).
    pub fn load_theme(&self) -> Result<(theme::Theme, Vec<Diagnostic>), String> {
        match self.theme.1 {
            Source::CommandLine("--no-color") | Source::Environment(_) => {
                Ok((theme::Theme::monochrome(), Vec::new()))
            }
            _ => theme::load(&self.theme.0, theme::themes_dir().as_deref()),
        }
    }

    /// The user's own keymap file, applied on top of the chosen preset.
    pub fn user_keymap(&self) -> Option<PathBuf> {
        crate::paths::config_dir().map(|d| d.join("keymap.toml"))
    }

    /// Config problems as one-line warnings on stderr, for subcommands that carry on.
    pub fn warn(&self) {
        for d in &self.problems {
            eprintln!("almanac: warning: {d}");
        }
    }
}

/// Quotes a value as TOML so `config show` output can be pasted into config.toml.
fn quoted(s: &str) -> String {
    toml::Value::String(crate::content::text::one_line(s)).to_string()
}

pub fn run(command: ConfigCommand, settings: &Settings) -> ExitCode {
    match command {
        ConfigCommand::Path => match &settings.config_path {
            Some(p) => emit(&format!("{}\n", p.display())),
            None => fail(1, "no config folder: the home folder is unknown"),
        },
        ConfigCommand::Show => {
            settings.warn();
            emit(&show(settings))
        }
        ConfigCommand::Check => check(settings),
    }
}

fn show(s: &Settings) -> String {
    let mut out = String::new();
    let file_state = |p: &Option<PathBuf>| match p {
        Some(p) if p.is_file() => format!("{}", p.display()),
        Some(p) => format!("{} (not found)", p.display()),
        None => "(no config folder)".into(),
    };
    let _ = writeln!(
        out,
        "# Effective settings: the command line beats config.toml, which beats the defaults."
    );
    let _ = writeln!(out, "# config file: {}", file_state(&s.config_path));
    let _ = writeln!(out, "# keymap file: {}", file_state(&s.user_keymap()));
    let _ = writeln!(
        out,
        "# themes folder: {}",
        theme::themes_dir().map_or("(no config folder)".into(), |d| d.display().to_string())
    );
    let line = |out: &mut String, key: &str, value: String, source: Source| {
        let _ = writeln!(out, "{key} = {value}  # {}", source.describe());
    };
    line(&mut out, "theme", quoted(&s.theme.0), s.theme.1);
    line(
        &mut out,
        "keymap",
        quoted(
            s.keymap
                .0
                .as_deref()
                .unwrap_or(crate::keymap::DEFAULT_PRESET),
        ),
        s.keymap.1,
    );
    line(&mut out, "mouse", s.mouse.0.to_string(), s.mouse.1);
    let dirs: Vec<String> = s
        .overlays
        .0
        .iter()
        .map(|d| quoted(&d.display().to_string()))
        .collect();
    line(
        &mut out,
        "overlay",
        format!("[{}]", dirs.join(", ")),
        s.overlays.1,
    );
    match &s.data_dir.0 {
        Some(d) => line(
            &mut out,
            "data_dir",
            quoted(&d.display().to_string()),
            s.data_dir.1,
        ),
        None => {
            let _ = writeln!(out, "# data_dir: none (the home folder is unknown)");
        }
    }
    match &s.content.0 {
        Some(d) => line(
            &mut out,
            "content",
            quoted(&d.display().to_string()),
            s.content.1,
        ),
        None => {
            let _ = writeln!(out, "# content: the bundled almanac (default)");
        }
    }
    out
}

/// Validates config.toml and, when the theme is a user file, that file too.
fn check(s: &Settings) -> ExitCode {
    let mut problems = s.problems.clone();
    match s.load_theme() {
        Ok((_, theme_problems)) => problems.extend(theme_problems),
        Err(msg) => problems.push(Diagnostic::whole("--theme", msg)),
    }
    if problems.is_empty() {
        let what = match &s.config_path {
            Some(p) if p.is_file() => p.display().to_string(),
            Some(p) => format!("{} (not found; defaults apply)", p.display()),
            None => "no config folder; defaults apply".into(),
        };
        return emit(&format!("ok: {what}; theme {}\n", s.theme.0));
    }
    super::report(&problems)
}
