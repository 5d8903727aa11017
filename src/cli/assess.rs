//! `almanac assess ...`: start or resume an assessment, list them, export one, compare two,
//! benchmark a folder of them. Plain output for scripts and for after the meeting.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use unicode_width::UnicodeWidthStr;

use super::{EXIT_INVALID, emit, fail, report};
use crate::assess::export::{self, Format};
use crate::assess::score::{self, fmt_delta, fmt2};
use crate::assess::stats::{self, benchmark};
use crate::assess::store::{self, Error, write_new, write_replacing};
use crate::assess::{Assessment, Scope, Session, Setup, Store, timestamp};
use crate::content::text::one_line;
use crate::content::{Almanac, ContentOptions};
use crate::tui::Start;

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Keep assessments in DIR/assessments instead of the user data folder
    /// ($XDG_DATA_HOME/almanac on Linux).
    #[arg(long, global = true, env = "ALMANAC_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: AssessCommand,
}

#[derive(Debug, Subcommand)]
pub enum AssessCommand {
    /// Start an assessment and open the wizard at its first question.
    New {
        /// Only the core questions (a short assessment for a meeting).
        #[arg(long)]
        quick: bool,
        /// An outcome to assess, by number or id. Repeatable; all outcomes when omitted.
        #[arg(long = "outcome", value_name = "N")]
        outcomes: Vec<String>,
        /// The organisation being assessed.
        #[arg(long, value_name = "NAME")]
        org: Option<String>,
        /// Someone present. Repeatable.
        #[arg(long = "person", value_name = "NAME")]
        people: Vec<String>,
    },
    /// Continue the unfinished assessment worked on most recently.
    Resume,
    /// List the assessments in the data folder, newest first.
    List,
    /// Write an assessment as Markdown (minutes), CSV (one row per question) or JSON.
    Export {
        /// The assessment file (a path, or a file name from `almanac assess list`).
        file: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to OUT instead of standard output. An existing OUT is kept unless --force.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Per outcome, the change from assessment A to assessment B.
    Compare {
        /// The earlier assessment file.
        a: PathBuf,
        /// The later assessment file.
        b: PathBuf,
    },
    /// Median and quartiles per outcome across a folder of assessments.
    ///
    /// Quartiles are interpolated between closest ranks, as a spreadsheet's QUARTILE.INC.
    /// With --me, also where FILE stands; FILE is counted once in the group.
    Benchmark {
        /// A folder of assessment files (*.toml), such as those collected from peers.
        dir: PathBuf,
        /// The assessment to place among the others.
        #[arg(long, value_name = "FILE")]
        me: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    #[value(alias = "markdown")]
    Md,
    Csv,
    Json,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Md => Format::Markdown,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Json => Format::Json,
        }
    }
}

/// How the wizard is entered: a new assessment from its set-up, or an existing file.
#[derive(Debug, Clone)]
pub enum WizardStart {
    New(Setup),
    Resume(PathBuf),
}

/// Starts the interactive app on an assessment (given by `cli`, which owns the keymap,
/// theme and other interface choices).
pub type Launcher<'a> = dyn Fn(Almanac, Store, Start) -> ExitCode + 'a;

pub fn run(options: &ContentOptions, args: AssessArgs, launch: &Launcher) -> ExitCode {
    let almanac = match options.load() {
        Ok(a) => a,
        Err(diags) => return report(&diags),
    };
    let store = match &args.data_dir {
        Some(dir) => Store::in_data_dir(dir),
        None => match Store::default_location() {
            Ok(s) => s,
            Err(e) => return error(&e),
        },
    };
    match args.command {
        AssessCommand::New {
            quick,
            outcomes,
            org,
            people,
        } => new(&almanac, &store, quick, &outcomes, org, people, launch),
        AssessCommand::Resume => match store.latest_unfinished(&almanac) {
            Some(s) => open_wizard(&almanac, &store, WizardStart::Resume(s.path), launch),
            None => fail(
                1,
                &format!(
                    "no unfinished assessment in {}; start one with `almanac assess new`",
                    store::show(store.dir())
                ),
            ),
        },
        AssessCommand::List => list(&almanac, &store),
        AssessCommand::Export {
            file,
            format,
            output,
            force,
        } => export(
            &almanac,
            &store,
            &file,
            format.into(),
            output.as_deref(),
            force,
        ),
        AssessCommand::Compare { a, b } => compare(&almanac, &store, &a, &b),
        AssessCommand::Benchmark { dir, me } => bench(&almanac, &store, &dir, me.as_deref()),
    }
}

/// Where the interactive wizard takes over. In a terminal: the set-up screen for a new
/// assessment without an organisation, else the first open question. Without a terminal
/// (a script), the file is created or located and its path printed on stdout, with a
/// one-line summary on stderr, so scripts can fill it in.
pub fn open_wizard(
    almanac: &Almanac,
    store: &Store,
    start: WizardStart,
    launch: &Launcher,
) -> ExitCode {
    if super::interactive() {
        let session = match start {
            WizardStart::New(setup) if setup.organisation.trim().is_empty() => {
                return launch(almanac.clone(), store.clone(), Start::Setup(setup));
            }
            WizardStart::New(setup) => Session::start(store, almanac, setup),
            WizardStart::Resume(path) => Session::resume(store, almanac, &path),
        };
        return match session {
            Ok(s) => launch(almanac.clone(), store.clone(), Start::Wizard(Box::new(s))),
            Err(e) => error(&e),
        };
    }
    let session = match start {
        WizardStart::New(setup) => Session::start(store, almanac, setup),
        WizardStart::Resume(path) => Session::resume(store, almanac, &path),
    };
    match session {
        Ok(s) => {
            let p = s.progress();
            eprintln!(
                "almanac: {} questions, {} answered, {} skipped",
                p.total, p.answered, p.skipped
            );
            emit(&format!("{}\n", store::show(s.path())))
        }
        Err(e) => error(&e),
    }
}

fn error(e: &Error) -> ExitCode {
    match e {
        Error::Invalid(d) => report(std::slice::from_ref(d)),
        other => fail(other.exit_code(), &other.to_string()),
    }
}

fn new(
    almanac: &Almanac,
    store: &Store,
    quick: bool,
    outcomes: &[String],
    org: Option<String>,
    people: Vec<String>,
    launch: &Launcher,
) -> ExitCode {
    let mut ids = Vec::new();
    for o in outcomes {
        let found = match o.trim().parse::<u32>() {
            Ok(n) => almanac.outcome_by_number(n),
            Err(_) => almanac.outcomes.iter().position(|x| x.id == o.trim()),
        };
        let Some(i) = found else {
            return fail(
                EXIT_INVALID,
                &format!(
                    "unknown outcome `{o}`; outcomes are numbered 1 to {} (see `almanac list`)",
                    almanac.outcomes.len()
                ),
            );
        };
        let id = almanac.outcomes[i].id.clone();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let setup = Setup {
        organisation: org.unwrap_or_default(),
        people,
        scope: Scope {
            outcomes: ids,
            quick,
        },
    };
    open_wizard(almanac, store, WizardStart::New(setup), launch)
}

/// A path as given, or a bare file name looked up in the data folder.
fn resolve(store: &Store, file: &Path) -> PathBuf {
    let bare = file.components().count() == 1;
    if !file.exists() && bare && store.dir().join(file).is_file() {
        store.dir().join(file)
    } else {
        file.to_path_buf()
    }
}

fn load(store: &Store, file: &Path) -> Result<(PathBuf, Assessment), ExitCode> {
    let path = resolve(store, file);
    store::load(&path).map(|a| (path, a)).map_err(|e| error(&e))
}

/// Pads (or cuts with `…`) to a display width, so accents and wide characters line up.
fn pad(s: &str, width: usize) -> String {
    let s = one_line(s);
    let w = s.width();
    if w <= width {
        return format!("{s}{}", " ".repeat(width - w));
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    let w = out.width();
    out + &" ".repeat(width.saturating_sub(w))
}

fn opt2(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), fmt2)
}

fn list(almanac: &Almanac, store: &Store) -> ExitCode {
    let (items, problems) = store.list(almanac);
    let dir = store::show(store.dir());
    let mut out = String::new();
    if items.is_empty() {
        out.push_str(&format!(
            "No assessments in {dir} yet; start one with `almanac assess new`.\n"
        ));
    } else {
        out.push_str(&format!("Assessments in {dir}\n\n"));
        out.push_str(&format!(
            "{}  {}  {}  {}  {}\n",
            pad("Started", 10),
            pad("Organisation", 28),
            pad("Answered", 9),
            pad("Status", 11),
            "File"
        ));
        for s in &items {
            let status = s.status();
            let name = s
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push_str(&format!(
                "{}  {}  {}  {}  {}\n",
                pad(timestamp::date_part(&s.started), 10),
                pad(s.organisation_label(), 28),
                pad(&format!("{} of {}", s.answered, s.total), 9),
                pad(status, 11),
                one_line(&name)
            ));
        }
    }
    let code = emit(&out);
    if problems.is_empty() {
        code
    } else {
        report(&problems)
    }
}

fn export(
    almanac: &Almanac,
    store: &Store,
    file: &Path,
    format: Format,
    output: Option<&Path>,
    force: bool,
) -> ExitCode {
    let (_, a) = match load(store, file) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let text = export::render(almanac, &a, format);
    let Some(out) = output else {
        return emit(&text);
    };
    let shown = store::show(out);
    let written = if force {
        write_replacing(out, text.as_bytes())
    } else {
        write_new(out, text.as_bytes())
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => fail(
            EXIT_INVALID,
            &format!("{shown} already exists; not overwritten (pass --force to replace it)"),
        ),
        Err(e) => fail(1, &format!("cannot write {shown}: {e}")),
    }
}

fn describe(path: &Path, a: &Assessment) -> String {
    let org = a.organisation_label();
    format!(
        "{}, {} ({})",
        one_line(org),
        timestamp::date_part(&a.started),
        store::show(path)
    )
}

fn compare(almanac: &Almanac, store: &Store, a: &Path, b: &Path) -> ExitCode {
    let ((pa, a), (pb, b)) = match (load(store, a), load(store, b)) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let (ra, rb) = (score::score(almanac, &a), score::score(almanac, &b));
    let mut out = format!("A: {}\nB: {}\n\n", describe(&pa, &a), describe(&pb, &b));
    out.push_str(&format!(
        "{:>2}  {}  {:>6}  {:>6}  Change\n",
        "#",
        pad("Outcome", 34),
        "A",
        "B"
    ));
    for t in score::trend(&ra, &rb) {
        let (num, title) = match t.outcome {
            Some(o) => (
                almanac.outcomes[o].number.to_string(),
                almanac.outcomes[o].title.as_str(),
            ),
            None => (String::new(), "Overall"),
        };
        let change = match (t.delta, t.arrow, t.before, t.after) {
            (Some(d), Some(arrow), ..) => format!("{} {}", arrow.symbol(), fmt_delta(d)),
            (_, _, None, Some(_)) => "only in B".into(),
            (_, _, Some(_), None) => "only in A".into(),
            _ => "–".into(),
        };
        out.push_str(&format!(
            "{num:>2}  {}  {:>6}  {:>6}  {change}\n",
            pad(title, 34),
            opt2(t.before),
            opt2(t.after)
        ));
    }
    emit(&out)
}

fn bench(almanac: &Almanac, store: &Store, dir: &Path, me: Option<&Path>) -> ExitCode {
    if !dir.is_dir() {
        return fail(
            EXIT_INVALID,
            &format!("{} is not a folder", store::show(dir)),
        );
    }
    let (mut group, problems) = store::load_dir(dir);
    if !problems.is_empty() {
        return report(&problems);
    }
    let mut me_index = None;
    let mut added_me = false;
    if let Some(me) = me {
        let (path, a) = match load(store, me) {
            Ok(x) => x,
            Err(code) => return code,
        };
        let canon = path.canonicalize().ok();
        me_index = group
            .iter()
            .position(|(p, _)| canon.is_some() && p.canonicalize().ok() == canon);
        if me_index.is_none() {
            group.push((path, a));
            me_index = Some(group.len() - 1);
            added_me = true;
        }
    }
    if group.is_empty() {
        return fail(
            EXIT_INVALID,
            &format!("no assessment files (*.toml) in {}", store::show(dir)),
        );
    }
    let assessments: Vec<Assessment> = group.iter().map(|(_, a)| a.clone()).collect();
    let rows = benchmark(almanac, &assessments, me_index);
    let n = assessments.len();
    let from_dir = if added_me { n - 1 } else { n };
    let mut out = format!(
        "{n} assessment{}: {from_dir} in {}{}; quartiles by linear interpolation (as QUARTILE.INC)\n",
        if n == 1 { "" } else { "s" },
        store::show(dir),
        if added_me { " and Me" } else { "" }
    );
    if let Some(i) = me_index {
        out.push_str(&format!("Me: {}\n", describe(&group[i].0, &group[i].1)));
    }
    out.push('\n');
    out.push_str(&format!(
        "{:>2}  {}  {:>3}  {:>5}  {:>6}  {:>5}",
        "#",
        pad("Outcome", 30),
        "n",
        "Q1",
        "Median",
        "Q3"
    ));
    if me_index.is_some() {
        out.push_str(&format!("  {:>5}  Position", "Me"));
    }
    out.push('\n');
    for row in rows {
        let x = &almanac.outcomes[row.outcome];
        let s = row.stats;
        out.push_str(&format!(
            "{:>2}  {}  {:>3}  {:>5}  {:>6}  {:>5}",
            x.number,
            pad(&x.title, 30),
            s.map_or(0, |s| s.n),
            opt2(s.map(|s| s.q1)),
            opt2(s.map(|s| s.median)),
            opt2(s.map(|s| s.q3))
        ));
        if me_index.is_some() {
            let position = row
                .standing
                .map_or_else(|| "–".into(), |st: stats::Standing| st.describe());
            out.push_str(&format!("  {:>5}  {position}", opt2(row.mine)));
        }
        out.push('\n');
    }
    emit(&out)
}
