//! The command line: argument definitions and the plain-output subcommands.
//! Exit codes: 0 ok, 1 failure, 2 usage or invalid input.

pub mod assess;
pub mod config;
pub mod keymap;
pub mod search;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::content::{Almanac, ContentOptions, Diagnostic, Kind, text};

#[derive(Debug, Parser)]
#[command(
    name = "almanac",
    version,
    about = "A terminal almanac for council digitalisation: the 12 outcome areas, guidance, \
             challenges, case studies, glossary and self-assessment.",
    long_about = None
)]
pub struct Cli {
    /// Use the content in DIR instead of the bundled almanac.
    #[arg(long, global = true, env = "ALMANAC_CONTENT", value_name = "DIR")]
    pub content: Option<PathBuf>,

    /// Add the items in DIR (your council's own case studies, for example). Repeatable.
    #[arg(long, global = true, value_name = "DIR")]
    pub overlay: Vec<PathBuf>,

    /// Keymap preset (default, vim, emacs) or a keymap file.
    #[arg(long, global = true, value_name = "NAME|FILE")]
    pub keymap: Option<String>,

    /// Colour theme: default, high-contrast, monochrome, or NAME.toml in the config
    /// folder's themes/.
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,

    /// No colour at all (the monochrome theme); also chosen by NO_COLOR.
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Turn on the mouse (wheel scrolling, click to select). Off by default so you can
    /// select text in your terminal.
    #[arg(long, global = true)]
    pub mouse: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the outcome areas with how many items each holds.
    List,
    /// Print any item (outcome, guidance, case study, term...) as Markdown.
    Show {
        /// The item's id, as shown by `list`, `search` or in the app.
        id: String,
    },
    /// Search everything: titles, bodies, case studies, questions and the glossary.
    Search(search::SearchArgs),
    /// Validate content and report every problem as path:line:column: message.
    Check {
        /// A content folder to check instead of the configured content.
        dir: Option<PathBuf>,
    },
    /// Check, show or list keymaps.
    Keymap {
        #[command(subcommand)]
        command: keymap::KeymapCommand,
    },
    /// Where the config file is, and the settings in effect.
    Config {
        #[command(subcommand)]
        command: config::ConfigCommand,
    },
    /// Self-assessment: new, resume, list, export, compare, benchmark.
    Assess(assess::AssessArgs),
}

/// Exit status for invalid input (bad content, unknown id, usage).
pub const EXIT_INVALID: u8 = 2;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let settings = config::Settings::resolve(&cli);
    if let Some(dir) = &settings.data_dir.0 {
        crate::paths::set_data_dir(dir.clone());
    }
    // The TUI shows config problems in its status line; `config` prints its own.
    if !matches!(cli.command, None | Some(Command::Config { .. })) {
        settings.warn();
    }
    let options = settings.content_options();
    match cli.command {
        None => with_almanac(&options, |a| open_tui(&settings, a.clone())),
        Some(Command::List) => with_almanac(&options, list),
        Some(Command::Show { id }) => with_almanac(&options, |a| show(a, &id)),
        Some(Command::Search(args)) => with_almanac(&options, |a| search::run(a, &args)),
        Some(Command::Check { dir }) => check(options, dir),
        Some(Command::Keymap { command }) => keymap::run(command, &settings),
        Some(Command::Config { command }) => config::run(command, &settings),
        Some(Command::Assess(args)) => assess::run(&options, args, &|almanac, store, start| {
            launch_tui(&settings, almanac, Some(store), start)
        }),
    }
}

/// Both ends are a terminal, so the interactive app can run.
pub(crate) fn interactive() -> bool {
    use std::io::IsTerminal;
    io::stdout().is_terminal() && io::stdin().is_terminal()
}

fn open_tui(settings: &config::Settings, almanac: Almanac) -> ExitCode {
    use std::io::IsTerminal;
    // Piped or redirected (`almanac | less`, scripts): plain output, as `almanac list`.
    if !io::stdout().is_terminal() {
        return list(&almanac);
    }
    let store = crate::assess::Store::default_location().ok();
    launch_tui(settings, almanac, store, crate::tui::Start::Browse)
}

/// The interactive app, browsing or in an assessment: `almanac` and `almanac assess
/// new|resume` share this set-up (keymap, theme, config problems, remembered place).
fn launch_tui(
    settings: &config::Settings,
    almanac: Almanac,
    store: Option<crate::assess::Store>,
    start: crate::tui::Start,
) -> ExitCode {
    if !interactive() {
        return fail(
            EXIT_INVALID,
            "the interactive almanac reads keys from a terminal; for plain output try `almanac list`, `almanac show ID` or `almanac --help`",
        );
    }
    let (theme, theme_problems) = match settings.load_theme() {
        Ok(found) => found,
        Err(msg) => return fail(EXIT_INVALID, &msg),
    };
    let (keymap, report) = keymap::effective(settings);
    let warnings = settings
        .problems
        .iter()
        .chain(&theme_problems)
        .chain(&report.errors)
        .map(|d| d.to_string())
        .collect();
    let options = crate::tui::Options {
        almanac,
        keymap,
        warnings,
        theme,
        mouse: settings.mouse.0,
        state_file: crate::tui::state::default_path(),
        store,
        start,
    };
    match crate::tui::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(1, &format!("terminal error: {e}")),
    }
}

/// Prints one line per problem on stderr and returns the "invalid input" status.
pub fn report(diagnostics: &[Diagnostic]) -> ExitCode {
    let mut err = io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}");
    }
    let n = diagnostics.len();
    let _ = writeln!(
        err,
        "almanac: {n} problem{} found",
        if n == 1 { "" } else { "s" }
    );
    ExitCode::from(EXIT_INVALID)
}

/// An error message on stderr, one clear line, never raw control characters.
pub fn fail(code: u8, message: &str) -> ExitCode {
    eprintln!("almanac: {}", text::one_line(message));
    ExitCode::from(code)
}

fn with_almanac(options: &ContentOptions, f: impl FnOnce(&Almanac) -> ExitCode) -> ExitCode {
    match options.load() {
        Ok(a) => f(&a),
        Err(diags) => report(&diags),
    }
}

/// Writes to stdout, treating a closed pipe (`almanac list | head`) as success.
pub(crate) fn emit(s: &str) -> ExitCode {
    let mut out = io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(1, &format!("cannot write output: {e}")),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn list(a: &Almanac) -> ExitCode {
    let mut out = format!("{} ({} edition)\n\n", a.meta.title, a.meta.edition);
    for (o, outcome) in a.outcomes.iter().enumerate() {
        let counts = a.section_counts(o);
        let [g, c, cs, q, cq, r] = counts.map(|(_, n)| n);
        out.push_str(&format!(
            "{:>2}  {:<31} {:<12} {}\n    {}, {}, {}, {}, {}, {}\n",
            outcome.number,
            outcome.title,
            outcome.id,
            outcome.summary,
            plural(g, "guidance", "guidance"),
            plural(c, "challenge", "challenges"),
            plural(cs, "case study", "case studies"),
            plural(q, "question", "questions"),
            plural(cq, "councillor question", "councillor questions"),
            plural(r, "reading", "reading"),
        ));
    }
    out.push_str(&format!("\n{} glossary terms\n", a.glossary.len()));
    emit(&out)
}

fn show(a: &Almanac, id: &str) -> ExitCode {
    match a.get(id.trim()) {
        Some(r) => emit(&a.markdown(r)),
        None => {
            let wanted = id.trim().to_lowercase();
            let mut near: Vec<&str> = a
                .all_items()
                .into_iter()
                .map(|r| a.id(r))
                .filter(|candidate| candidate.contains(&wanted))
                .take(5)
                .collect();
            near.sort();
            let hint = if near.is_empty() {
                "; try `almanac list` or `almanac search`".to_string()
            } else {
                format!("; did you mean: {}", near.join(", "))
            };
            fail(EXIT_INVALID, &format!("no item with id `{id}`{hint}"))
        }
    }
}

fn check(mut options: ContentOptions, dir: Option<PathBuf>) -> ExitCode {
    if dir.is_some() {
        options.content_dir = dir;
    }
    match options.load() {
        Err(diags) => report(&diags),
        Ok(a) => {
            let local = a.all_items().into_iter().filter(|r| a.is_local(*r)).count();
            let kinds = Kind::ALL
                .iter()
                .map(|k| {
                    let n = a.all_items().iter().filter(|r| r.kind() == *k).count();
                    format!("{n} {}", k.name())
                })
                .collect::<Vec<_>>()
                .join(", ");
            let overlay = if local > 0 {
                format!(" ({local} from overlays)")
            } else {
                String::new()
            };
            emit(&format!("ok: {} items{overlay}: {kinds}\n", a.item_count()))
        }
    }
}
