//! Reading content sets (the embedded one, a folder, overlay folders) and turning them
//! into an [`Almanac`], collecting every problem on the way instead of stopping at the
//! first, so `almanac check` can report them all at once.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};

use super::diag::Diagnostic;
use super::model::*;
use super::text;
use super::{Almanac, validate};

/// One file of a content set, still as bytes (a non-UTF-8 file is a diagnostic, not a crash).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the set's root, with `/` separators.
    pub rel: String,
    /// Path as shown in diagnostics.
    pub path: String,
    pub bytes: Cow<'static, [u8]>,
}

/// A folder of content files: the bundled content, a `--content` folder or an overlay.
#[derive(Debug, Clone)]
pub struct ContentSet {
    pub root: String,
    pub files: Vec<SourceFile>,
}

/// Content files larger than this are refused, so one bad file cannot stall start-up.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

impl ContentSet {
    /// The content compiled into the binary.
    pub fn embedded() -> Self {
        let files = crate::embedded::CONTENT
            .iter()
            .map(|(rel, text)| SourceFile {
                rel: rel.to_string(),
                path: format!("content/{rel}"),
                bytes: Cow::Borrowed(text.as_bytes()),
            })
            .collect();
        ContentSet {
            root: "content".into(),
            files,
        }
    }

    /// Every `*.toml` file below `dir`, in a stable order.
    pub fn read_dir(dir: &Path) -> Result<Self, Diagnostic> {
        let root = dir.display().to_string();
        if !dir.exists() {
            return Err(Diagnostic::whole(&root, "no such folder"));
        }
        if !dir.is_dir() {
            return Err(Diagnostic::whole(
                &root,
                "not a folder; give the folder that holds almanac.toml",
            ));
        }
        let mut rels = Vec::new();
        collect_toml(dir, dir, &mut rels)
            .map_err(|e| Diagnostic::whole(&root, format!("cannot read folder: {e}")))?;
        rels.sort();
        let mut files = Vec::new();
        for rel in rels {
            let full = dir.join(&rel);
            let path = full.display().to_string();
            let meta = fs::metadata(&full).map_err(|e| Diagnostic::whole(&path, e.to_string()))?;
            if meta.len() > MAX_FILE_BYTES {
                return Err(Diagnostic::whole(
                    &path,
                    format!("file is larger than {} MiB", MAX_FILE_BYTES >> 20),
                ));
            }
            let bytes = fs::read(&full)
                .map_err(|e| Diagnostic::whole(&path, format!("cannot read: {e}")))?;
            files.push(SourceFile {
                rel,
                path,
                bytes: Cow::Owned(bytes),
            });
        }
        Ok(ContentSet { root, files })
    }
}

fn collect_toml(root: &Path, dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_toml(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// One step of a path inside a TOML document, used to find a value's line and column
/// only when a problem has to be reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    Key(&'static str),
    Index(usize),
}

/// Where in a file a problem is.
#[derive(Debug, Clone)]
pub enum Loc {
    Offset(usize),
    Path(Vec<Seg>),
    Whole,
}

/// One problem, still against a file index and a location inside it.
struct Problem {
    file: usize,
    loc: Loc,
    message: String,
    /// A second place the message mentions (the first use of a duplicate id), written
    /// into the message where it says `{at}`.
    other: Option<(usize, Loc)>,
}

/// Collects problems against file indices; turned into [`Diagnostic`]s at the end.
#[derive(Default)]
pub struct Problems {
    items: Vec<Problem>,
    /// Set when a file could not be used at all. Checks that need every file (unresolved
    /// ids, gaps in numbering) are then skipped, so one broken file does not drag in a
    /// trail of follow-on errors that are not real.
    incomplete: bool,
}

impl Problems {
    pub fn add(&mut self, file: usize, loc: Loc, message: impl Into<String>) {
        self.items.push(Problem {
            file,
            loc,
            message: message.into(),
            other: None,
        });
    }

    /// Like [`Problems::add`], with `{at}` in the message replaced by the
    /// `path:line:column` of a second location.
    pub fn add_with_other(
        &mut self,
        file: usize,
        loc: Loc,
        message: impl Into<String>,
        other: (usize, Loc),
    ) {
        self.items.push(Problem {
            file,
            loc,
            message: message.into(),
            other: Some(other),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// True when some file was dropped, so cross-file checks would report ghosts.
    pub fn incomplete(&self) -> bool {
        self.incomplete
    }

    fn into_diagnostics(self, files: &[&SourceFile]) -> Vec<Diagnostic> {
        let mut docs = Docs {
            files,
            parsed: HashMap::new(),
        };
        let mut out: Vec<Diagnostic> = self
            .items
            .into_iter()
            .map(|p| {
                let mut message = p.message;
                if let Some((file, loc)) = p.other {
                    let at = docs.diagnostic(file, loc, String::new()).location();
                    message = message.replace("{at}", &at);
                }
                docs.diagnostic(p.file, p.loc, message)
            })
            .collect();
        out.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        out.dedup();
        out
    }
}

/// Files parsed again, lazily, only to turn a [`Loc::Path`] into a line and column.
struct Docs<'a> {
    files: &'a [&'a SourceFile],
    parsed: HashMap<usize, Option<toml::Spanned<DeTable<'a>>>>,
}

impl<'a> Docs<'a> {
    fn diagnostic(&mut self, file: usize, loc: Loc, message: String) -> Diagnostic {
        let f: &'a SourceFile = self.files[file];
        let offset = match loc {
            Loc::Whole => return Diagnostic::whole(&f.path, message),
            Loc::Offset(o) => o,
            Loc::Path(path) => {
                let doc = self.parsed.entry(file).or_insert_with(|| {
                    std::str::from_utf8(&f.bytes)
                        .ok()
                        .and_then(|t| DeTable::parse(t).ok())
                });
                doc.as_ref().map_or(0, |d| find_offset(d, &path))
            }
        };
        Diagnostic::at(&f.path, &String::from_utf8_lossy(&f.bytes), offset, message)
    }
}

fn find_offset(doc: &toml::Spanned<DeTable<'_>>, path: &[Seg]) -> usize {
    let mut best = doc.span().start;
    let mut table: Option<&DeTable<'_>> = Some(doc.get_ref());
    let mut value: Option<&toml::Spanned<DeValue<'_>>> = None;
    for seg in path {
        let next = match (seg, table, value.map(|v| v.get_ref())) {
            (Seg::Key(k), Some(t), _) => t.get(*k),
            (Seg::Index(i), _, Some(DeValue::Array(a))) => a.get(*i),
            _ => None,
        };
        let Some(next) = next else { break };
        best = next.span().start;
        table = match next.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => None,
        };
        value = Some(next);
    }
    best
}

/// Parses one file into `T`: UTF-8, TOML syntax, text hygiene, then the typed schema.
/// Problems are recorded; `None` means the file could not be used.
fn parse_file<T: DeserializeOwned>(
    file: usize,
    f: &SourceFile,
    problems: &mut Problems,
) -> Option<T> {
    let parsed = parse_checked(file, f, problems);
    if parsed.is_none() {
        problems.incomplete = true;
    }
    parsed
}

fn parse_checked<T: DeserializeOwned>(
    file: usize,
    f: &SourceFile,
    problems: &mut Problems,
) -> Option<T> {
    let text = match std::str::from_utf8(&f.bytes) {
        Ok(t) => t,
        Err(e) => {
            problems.add(
                file,
                Loc::Offset(e.valid_up_to()),
                format!(
                    "not valid UTF-8 (invalid byte 0x{:02X}); save the file as UTF-8",
                    f.bytes[e.valid_up_to()]
                ),
            );
            return None;
        }
    };
    let mut doc = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let (offset, message) = super::diag::toml_syntax_message(text, &e);
            problems.add(file, Loc::Offset(offset), message);
            return None;
        }
    };
    clean_table(doc.get_mut(), text, file, problems);
    // A field missing from the file's top level is reported against the whole document,
    // which starts at any leading comment; the first key is where the fields are.
    let root = doc.span().start;
    let first_key = doc.get_ref().iter().next().map(|(k, _)| k.span().start);
    match T::deserialize(toml::de::Deserializer::from(doc)) {
        Ok(v) => Some(v),
        Err(e) => {
            let mut span = e.span().map_or(root, |s| s.start);
            if span == root && e.message().starts_with("missing field") {
                span = first_key.unwrap_or(root);
            }
            problems.add(
                file,
                Loc::Offset(span),
                plain_schema_message(&text::one_line(e.message().trim())),
            );
            None
        }
    }
}

/// serde describes types in Rust's words (`u32`, `sequence`, `struct SourceLink`);
/// people editing TOML think in TOML's (whole number, array, table).
fn plain_schema_message(msg: &str) -> String {
    const WORDS: [(&str, &str); 10] = [
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected u16", "expected a whole number from 0 to 65535"),
        (
            "expected u32",
            "expected a whole number from 0 to 4294967295",
        ),
        ("expected u64", "expected a whole number of 0 or more"),
        ("expected usize", "expected a whole number of 0 or more"),
        ("expected i64", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a boolean", "expected true or false"),
        ("a sequence", "an array"),
        ("a map", "a table"),
    ];
    let mut out = msg.to_string();
    for (rust, toml) in WORDS {
        let mut from = 0;
        while let Some(i) = out[from..].find(rust).map(|i| i + from) {
            let end = i + rust.len();
            if out[end..].starts_with(|c: char| c.is_alphanumeric() || c == '_') {
                from = end;
                continue;
            }
            out.replace_range(i..end, toml);
            from = i + toml.len();
        }
    }
    out = out.replace("invalid type: map", "invalid type: table");
    out = out.replace("invalid type: sequence", "invalid type: array");
    if let Some(i) = out.find("expected struct ") {
        let end = out[i + "expected struct ".len()..]
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .map_or(out.len(), |e| e + i + "expected struct ".len());
        out.replace_range(i..end, "expected a table");
    }
    out
}

/// Checks every string for forbidden characters and emptiness, and sanitises it in place.
fn clean_table(table: &mut DeTable<'_>, text: &str, file: usize, problems: &mut Problems) {
    for (key, value) in table.iter_mut() {
        let key = text::one_line(key.get_ref());
        clean_value(value, &key, false, text, file, problems);
    }
}

/// `key` is the field the value belongs to, named in messages; `in_list` when the value
/// is one entry of an array.
fn clean_value(
    value: &mut toml::Spanned<DeValue<'_>>,
    key: &str,
    in_list: bool,
    text: &str,
    file: usize,
    problems: &mut Problems,
) {
    let span = value.span();
    match value.get_mut() {
        DeValue::String(s) => {
            if let Some((c, why)) = text::first_forbidden(s) {
                let raw = text.get(span.clone()).unwrap_or("");
                let at = span.start + text::locate_in_raw(raw, c).unwrap_or(0);
                problems.add(
                    file,
                    Loc::Offset(at),
                    format!("{why} {} is not allowed in `{key}`", text::describe(c)),
                );
            }
            let clean = text::sanitize(s);
            if clean.trim().is_empty() {
                let message = if in_list {
                    format!("`{key}` must not contain empty text")
                } else {
                    format!("`{key}` must not be empty")
                };
                problems.add(file, Loc::Offset(span.start), message);
            }
            if clean != **s {
                *s = Cow::Owned(clean);
            }
        }
        DeValue::Array(items) => {
            for item in items.iter_mut() {
                clean_value(item, key, true, text, file, problems);
            }
        }
        DeValue::Table(t) => clean_table(t, text, file, problems),
        _ => {}
    }
}

/// Loads a base content set plus overlays into an [`Almanac`], or every problem found.
pub fn load(base: &ContentSet, overlays: &[ContentSet]) -> Result<Almanac, Vec<Diagnostic>> {
    let files: Vec<&SourceFile> = base
        .files
        .iter()
        .chain(overlays.iter().flat_map(|o| o.files.iter()))
        .collect();
    let mut problems = Problems::default();
    let mut meta = None;
    let mut outcomes = Vec::new();
    let mut glossary = Vec::new();
    let mut overlay_files = Vec::new();
    let mut saw_meta = false;
    let mut outcome_files = 0;

    for (i, f) in files.iter().enumerate() {
        if i >= base.files.len() {
            if let Some(o) = parse_file::<OverlayFile>(i, f, &mut problems) {
                overlay_files.push((i, o));
            }
            continue;
        }
        match f.rel.as_str() {
            "almanac.toml" => {
                saw_meta = true;
                meta = parse_file::<Meta>(i, f, &mut problems);
            }
            "glossary.toml" => {
                if let Some(g) = parse_file::<GlossaryFile>(i, f, &mut problems) {
                    glossary.extend(g.term.into_iter().enumerate().map(|(n, mut t)| {
                        t.origin = Origin { file: i, index: n };
                        t
                    }));
                }
            }
            rel if rel.starts_with("outcomes/") && !rel["outcomes/".len()..].contains('/') => {
                outcome_files += 1;
                if let Some(mut o) = parse_file::<Outcome>(i, f, &mut problems) {
                    o.origin = Origin { file: i, index: 0 };
                    set_item_origins(&mut o, i);
                    outcomes.push(o);
                }
            }
            _ => problems.add(
                i,
                Loc::Whole,
                "unexpected file: content holds almanac.toml, glossary.toml and outcomes/NN-slug.toml",
            ),
        }
    }
    if saw_meta && outcome_files == 0 {
        let meta_file = files
            .iter()
            .position(|f| f.rel == "almanac.toml")
            .unwrap_or(0);
        problems.add(meta_file, Loc::Whole, "no outcome files found in outcomes/");
    }
    if !saw_meta {
        let root = Diagnostic::whole(&base.root, "missing almanac.toml");
        let mut out = problems.into_diagnostics(&files);
        out.insert(0, root);
        return Err(out);
    }

    outcomes.sort_by_key(|o| o.number);
    merge_overlays(&mut outcomes, &mut glossary, overlay_files, &mut problems);

    let Some(meta) = meta else {
        return Err(problems.into_diagnostics(&files));
    };
    let almanac = Almanac::assemble(
        meta,
        outcomes,
        glossary,
        files.iter().map(|f| f.path.clone()).collect(),
        base.files.len(),
    );
    validate::check(&almanac, &files_rel(&files), &mut problems);
    if problems.is_empty() {
        Ok(almanac)
    } else {
        Err(problems.into_diagnostics(&files))
    }
}

fn files_rel(files: &[&SourceFile]) -> Vec<String> {
    files.iter().map(|f| f.rel.clone()).collect()
}

fn set_origins<T>(items: &mut [T], file: usize, origin: impl Fn(&mut T) -> &mut Origin) {
    for (n, item) in items.iter_mut().enumerate() {
        *origin(item) = Origin { file, index: n };
    }
}

fn set_item_origins(o: &mut Outcome, file: usize) {
    set_origins(&mut o.guidance, file, |x| &mut x.origin);
    set_origins(&mut o.challenges, file, |x| &mut x.origin);
    set_origins(&mut o.case_studies, file, |x| &mut x.origin);
    set_origins(&mut o.questions, file, |x| &mut x.origin);
    set_origins(&mut o.councillor_questions, file, |x| &mut x.origin);
    set_origins(&mut o.reading, file, |x| &mut x.origin);
}

fn merge_overlays(
    outcomes: &mut [Outcome],
    glossary: &mut Vec<Term>,
    overlay_files: Vec<(usize, OverlayFile)>,
    problems: &mut Problems,
) {
    for (file, mut o) in overlay_files {
        set_origins(&mut o.term, file, |x| &mut x.origin);
        glossary.append(&mut o.term);
        if !o.has_items() {
            continue;
        }
        let Some(target) = o.outcome.clone() else {
            problems.add(
                file,
                Loc::Whole,
                "overlay items need `outcome = \"<outcome id>\"` at the top of the file",
            );
            problems.incomplete = true;
            continue;
        };
        let Some(dest) = outcomes.iter_mut().find(|x| x.id == target) else {
            if problems.incomplete {
                // The outcome may be in a base file that failed to load; already reported.
                continue;
            }
            problems.incomplete = true;
            let known: Vec<&str> = outcomes.iter().map(|x| x.id.as_str()).collect();
            problems.add(
                file,
                Loc::Path(vec![Seg::Key("outcome")]),
                format!("unknown outcome `{target}` (known: {})", known.join(", ")),
            );
            continue;
        };
        adopt(&mut dest.guidance, &mut o.guidance, file, |x| &mut x.origin);
        adopt(&mut dest.challenges, &mut o.challenges, file, |x| {
            &mut x.origin
        });
        adopt(&mut dest.case_studies, &mut o.case_studies, file, |x| {
            &mut x.origin
        });
        adopt(&mut dest.questions, &mut o.questions, file, |x| {
            &mut x.origin
        });
        adopt(
            &mut dest.councillor_questions,
            &mut o.councillor_questions,
            file,
            |x| &mut x.origin,
        );
        adopt(&mut dest.reading, &mut o.reading, file, |x| &mut x.origin);
    }
}

/// Moves overlay items into their outcome, remembering which file they came from.
fn adopt<T>(
    dest: &mut Vec<T>,
    src: &mut Vec<T>,
    file: usize,
    origin: impl Fn(&mut T) -> &mut Origin,
) {
    set_origins(src, file, origin);
    dest.append(src);
}

#[cfg(test)]
mod tests {
    use super::plain_schema_message as plain;

    #[test]
    fn schema_messages_use_toml_words() {
        assert_eq!(
            plain("invalid type: string \"1\", expected u32"),
            "invalid type: string \"1\", expected a whole number from 0 to 4294967295"
        );
        assert_eq!(
            plain("invalid type: map, expected a sequence"),
            "invalid type: table, expected an array"
        );
        assert_eq!(
            plain("invalid type: string \"x\", expected struct SourceLink"),
            "invalid type: string \"x\", expected a table"
        );
        assert_eq!(
            plain("invalid value: integer `70000`, expected u16"),
            "invalid value: integer `70000`, expected a whole number from 0 to 65535"
        );
        assert_eq!(plain("missing field `effort`"), "missing field `effort`");
    }
}
