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
        if !dir.is_dir() {
            return Err(Diagnostic::whole(
                &root,
                "not a folder (or it does not exist)",
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

/// Collects problems against file indices; turned into [`Diagnostic`]s at the end.
#[derive(Default)]
pub struct Problems {
    items: Vec<(usize, Loc, String)>,
}

impl Problems {
    pub fn add(&mut self, file: usize, loc: Loc, message: impl Into<String>) {
        self.items.push((file, loc, message.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn into_diagnostics(self, files: &[&SourceFile]) -> Vec<Diagnostic> {
        let mut parsed: HashMap<usize, Option<toml::Spanned<DeTable<'_>>>> = HashMap::new();
        let mut out: Vec<Diagnostic> = self
            .items
            .into_iter()
            .map(|(file, loc, message)| {
                let f = files[file];
                let text = String::from_utf8_lossy(&f.bytes);
                let offset = match loc {
                    Loc::Whole => return Diagnostic::whole(&f.path, message),
                    Loc::Offset(o) => o,
                    Loc::Path(path) => {
                        let doc = parsed.entry(file).or_insert_with(|| {
                            std::str::from_utf8(&f.bytes)
                                .ok()
                                .and_then(|t| DeTable::parse(t).ok())
                        });
                        doc.as_ref().map_or(0, |d| find_offset(d, &path))
                    }
                };
                Diagnostic::at(&f.path, &text, offset, message)
            })
            .collect();
        out.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        out.dedup();
        out
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
            let span = e.span().map_or(0, |s| s.start);
            let msg = text::one_line(e.message().trim());
            problems.add(file, Loc::Offset(span), format!("TOML syntax error: {msg}"));
            return None;
        }
    };
    clean_table(doc.get_mut(), text, file, problems);
    match T::deserialize(toml::de::Deserializer::from(doc)) {
        Ok(v) => Some(v),
        Err(e) => {
            let span = e.span().map_or(0, |s| s.start);
            problems.add(file, Loc::Offset(span), text::one_line(e.message().trim()));
            None
        }
    }
}

/// Checks every string for forbidden characters and emptiness, and sanitises it in place.
fn clean_table(table: &mut DeTable<'_>, text: &str, file: usize, problems: &mut Problems) {
    for (_, value) in table.iter_mut() {
        clean_value(value, text, file, problems);
    }
}

fn clean_value(
    value: &mut toml::Spanned<DeValue<'_>>,
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
                    format!("{why} {} is not allowed in content text", text::describe(c)),
                );
            }
            let clean = text::sanitize(s);
            if clean.trim().is_empty() {
                problems.add(file, Loc::Offset(span.start), "text must not be empty");
            }
            if clean != **s {
                *s = Cow::Owned(clean);
            }
        }
        DeValue::Array(items) => {
            for item in items.iter_mut() {
                clean_value(item, text, file, problems);
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
            continue;
        };
        let Some(dest) = outcomes.iter_mut().find(|x| x.id == target) else {
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
