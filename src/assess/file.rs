//! Reading and writing the assessment file format.
//!
//! Versioning: `schema_version = 1` heads every file. Added optional fields need no bump
//! (`#[serde(default)]`); renames and changes of meaning bump it and come with a migration
//! from every earlier version. A file from a newer almanac is reported, never guessed at
//! and never overwritten.

use std::borrow::Cow;

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use super::{Assessment, MAX_LEVEL, MIN_LEVEL, is_id, timestamp};
use crate::content::Diagnostic;
use crate::content::text;

/// The version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Assessment files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Parses an assessment file. `path` is only used in the diagnostic. Every string is
/// sanitised (control and bidi characters removed) before any other code sees it.
pub fn parse(path: &str, bytes: &[u8]) -> Result<Assessment, Diagnostic> {
    let path = &text::one_line(path);
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::whole(
            path,
            format!(
                "file is larger than {} MiB; not an assessment",
                MAX_FILE_BYTES >> 20
            ),
        ));
    }
    let src = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let lossy = String::from_utf8_lossy(bytes);
            let at = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).len();
            return Err(Diagnostic::at(
                path,
                &lossy,
                at,
                format!(
                    "not valid UTF-8 (invalid byte 0x{:02X})",
                    bytes[e.valid_up_to()]
                ),
            ));
        }
    };
    let mut doc = DeTable::parse(src).map_err(|e| Diagnostic::toml_syntax(path, src, &e))?;
    check_version(path, src, doc.get_ref())?;
    for (_, value) in doc.get_mut().iter_mut() {
        sanitize_value(value);
    }
    let mut a = Assessment::deserialize(toml::de::Deserializer::from(doc))
        .map_err(|e| Diagnostic::from_toml(path, src, &e))?;
    if let Err((steps, message)) = validate(&a) {
        let at = DeTable::parse(src).map_or(0, |d| locate(&d, &steps));
        return Err(Diagnostic::at(path, src, at, message));
    }
    a.organisation = text::one_line(&a.organisation).trim().to_string();
    for p in &mut a.people {
        *p = text::one_line(p).trim().to_string();
    }
    Ok(a)
}

/// The file's text. Deterministic: same assessment, same bytes.
pub fn to_toml(a: &Assessment) -> String {
    // Serialising plain data (strings, integers, maps with string keys) cannot fail.
    toml::to_string(a).unwrap_or_default()
}

fn check_version(path: &str, src: &str, doc: &DeTable<'_>) -> Result<(), Diagnostic> {
    let Some(v) = doc.get("schema_version") else {
        return Err(Diagnostic::at(
            path,
            src,
            0,
            format!(
                "missing `schema_version`; not an almanac assessment (this version reads schema {SCHEMA_VERSION})"
            ),
        ));
    };
    let at = v.span().start;
    match v.get_ref() {
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) if n == i64::from(SCHEMA_VERSION) => Ok(()),
            Ok(n) if n > i64::from(SCHEMA_VERSION) => Err(Diagnostic::at(
                path,
                src,
                at,
                format!(
                    "written by a newer version of almanac (schema {n}); this version reads schema {SCHEMA_VERSION}"
                ),
            )),
            _ => Err(Diagnostic::at(
                path,
                src,
                at,
                format!("unsupported schema_version; this version reads schema {SCHEMA_VERSION}"),
            )),
        },
        _ => Err(Diagnostic::at(
            path,
            src,
            at,
            "schema_version must be a whole number",
        )),
    }
}

fn sanitize_value(value: &mut toml::Spanned<DeValue<'_>>) {
    match value.get_mut() {
        DeValue::String(s) => {
            let clean = text::sanitize(s);
            if clean != **s {
                *s = Cow::Owned(clean);
            }
        }
        DeValue::Array(items) => items.iter_mut().for_each(sanitize_value),
        DeValue::Table(t) => t.iter_mut().for_each(|(_, v)| sanitize_value(v)),
        _ => {}
    }
}

/// A step on the way to a value in the document, to point a problem at its line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    /// The key itself rather than its value (for bad answer ids).
    KeyName(String),
    Index(usize),
}

fn key(k: &str) -> Step {
    Step::Key(k.to_string())
}

/// Rules serde cannot express: timestamps, dates and ids.
fn validate(a: &Assessment) -> Result<(), (Vec<Step>, String)> {
    let stamp = |name: &str, v: &str| {
        if timestamp::parse(v).is_none() {
            Err((
                vec![key(name)],
                format!(
                    "{name} `{}` is not an RFC 3339 time such as 2026-12-04T20:13:05Z",
                    text::one_line(v)
                ),
            ))
        } else {
            Ok(())
        }
    };
    stamp("started", &a.started)?;
    stamp("updated", &a.updated)?;
    if let Some(c) = &a.completed {
        stamp("completed", c)?;
    }
    for (i, o) in a.scope.outcomes.iter().enumerate() {
        if !is_id(o) {
            return Err((
                vec![key("scope"), key("outcomes"), Step::Index(i)],
                format!("`{}` is not an outcome id", text::one_line(o)),
            ));
        }
    }
    for (id, answer) in &a.answers {
        if !is_id(id) {
            return Err((
                vec![key("answers"), Step::KeyName(id.clone())],
                format!("`{}` is not a question id", text::one_line(id)),
            ));
        }
        let at = |field: &str| vec![key("answers"), key(id), key(field)];
        for (field, value) in [("level", answer.level), ("target", answer.target)] {
            if let Some(v) = value
                && !(MIN_LEVEL..=MAX_LEVEL).contains(&v)
            {
                return Err((
                    at(field),
                    format!("{field} must be {MIN_LEVEL} to {MAX_LEVEL}, found {v}"),
                ));
            }
        }
        if answer.skipped && answer.level.is_some() {
            return Err((
                at("skipped"),
                "an answer has either a level or `skipped = true`, not both".into(),
            ));
        }
        if let Some(t) = &answer.answered_at
            && timestamp::parse(t).is_none()
        {
            return Err((
                at("answered_at"),
                format!(
                    "answered_at `{}` is not an RFC 3339 time such as 2026-12-04T20:13:05Z",
                    text::one_line(t)
                ),
            ));
        }
    }
    for (i, p) in a.plan.iter().enumerate() {
        if !is_id(&p.guidance) {
            return Err((
                vec![key("plan"), Step::Index(i), key("guidance")],
                format!("`{}` is not a guidance id", text::one_line(&p.guidance)),
            ));
        }
        if let Some(due) = &p.due
            && timestamp::parse_date(due).is_none()
        {
            return Err((
                vec![key("plan"), Step::Index(i), key("due")],
                format!(
                    "due `{}` is not a date such as 2027-03-31",
                    text::one_line(due)
                ),
            ));
        }
    }
    Ok(())
}

/// Byte offset of the value (or key) at `steps`, or of the deepest step that exists.
fn locate(doc: &toml::Spanned<DeTable<'_>>, steps: &[Step]) -> usize {
    let mut best = doc.span().start;
    let mut current: Option<&DeValue<'_>> = None;
    let mut table = Some(doc.get_ref());
    for step in steps {
        let next = match (step, table, current) {
            (Step::Key(k), Some(t), _) => t.get(k.as_str()),
            (Step::KeyName(k), Some(t), _) => {
                // Sanitising may have changed the key; compare cleaned forms.
                if let Some((name, _)) = t
                    .iter()
                    .find(|(name, _)| text::sanitize(name.get_ref()) == *k)
                {
                    return name.span().start;
                }
                None
            }
            (Step::Index(i), _, Some(DeValue::Array(a))) => a.get(*i),
            _ => None,
        };
        let Some(next) = next else { break };
        best = next.span().start;
        current = Some(next.get_ref());
        table = match next.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => None,
        };
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{Answer, PlanItem, Scope};

    pub(crate) fn sample() -> Assessment {
        let mut a = Assessment {
            schema_version: SCHEMA_VERSION,
            edition: 2026,
            organisation: "Borsetshire County Council".into(),
            people: vec!["Ada Head of Digital".into(), "Ben CISO".into()],
            started: "2026-12-04T10:00:00Z".into(),
            updated: "2026-12-04T10:12:00Z".into(),
            completed: None,
            scope: Scope {
                outcomes: vec!["alpha".into(), "beta".into()],
                quick: true,
            },
            answers: Default::default(),
            plan: vec![PlanItem {
                guidance: "alpha-g2".into(),
                owner: "Ada".into(),
                due: Some("2027-03-31".into()),
                note: "Start with the contract register.".into(),
                done: false,
            }],
        };
        a.answers.insert(
            "alpha-q1".into(),
            Answer {
                level: Some(2),
                target: Some(4),
                notes: "Two lines,\nwith \"quotes\" and a ''' triple.".into(),
                answered_at: Some("2026-12-04T10:01:00Z".into()),
                skipped: false,
            },
        );
        a.answers.insert(
            "beta-q1".into(),
            Answer {
                skipped: true,
                answered_at: Some("2026-12-04T10:02:00Z".into()),
                ..Answer::default()
            },
        );
        a
    }

    fn err(src: &str) -> String {
        parse("a.toml", src.as_bytes()).unwrap_err().to_string()
    }

    #[test]
    fn round_trips_through_toml() {
        let a = sample();
        let text = to_toml(&a);
        assert!(text.starts_with("schema_version = 1\n"), "{text}");
        assert!(text.contains("[answers.alpha-q1]"), "{text}");
        assert!(text.contains("[[plan]]"), "{text}");
        assert_eq!(parse("a.toml", text.as_bytes()).unwrap(), a);
        assert_eq!(to_toml(&parse("a.toml", text.as_bytes()).unwrap()), text);
    }

    const MINIMAL: &str = "schema_version = 1\nedition = 2026\norganisation = \"X\"\n\
        started = \"2026-12-04T10:00:00Z\"\nupdated = \"2026-12-04T10:00:00Z\"\n[scope]\n";

    #[test]
    fn minimal_file_reads() {
        let a = parse("a.toml", MINIMAL.as_bytes()).unwrap();
        assert_eq!(a.organisation, "X");
        assert!(a.scope.outcomes.is_empty() && a.answers.is_empty() && a.plan.is_empty());
    }

    #[test]
    fn newer_schema_is_reported_at_the_version() {
        let src =
            MINIMAL.replace("schema_version = 1", "schema_version = 2") + "future_field = 1\n";
        assert_eq!(
            err(&src),
            "a.toml:1:18: written by a newer version of almanac (schema 2); this version reads schema 1"
        );
        assert!(
            err(&MINIMAL.replace("schema_version = 1", "schema_version = 0"))
                .contains("unsupported")
        );
        assert!(
            err(&MINIMAL.replace("schema_version = 1", "schema_version = \"1\""))
                .contains("whole number")
        );
        assert!(
            err(&MINIMAL.replace("schema_version = 1\n", ""))
                .starts_with("a.toml:1:1: missing `schema_version`")
        );
    }

    #[test]
    fn problems_point_at_line_and_column() {
        assert_eq!(
            err("schema_version = 1\norganisation = \"x\n"),
            "a.toml:2:18: TOML syntax error: invalid basic string, expected `\"`"
        );
        let unknown = MINIMAL.to_string() + "[answers.alpha-q1]\nlevel = 3\ncolour = \"red\"\n";
        assert_eq!(
            err(&unknown),
            "a.toml:9:1: unknown field `colour`, expected one of `level`, `target`, `notes`, `answered_at`, `skipped`"
        );
        let range = MINIMAL.to_string() + "[answers.alpha-q1]\nlevel = 7\n";
        assert_eq!(err(&range), "a.toml:8:9: level must be 1 to 5, found 7");
        let huge = MINIMAL.to_string() + "[answers.alpha-q1]\ntarget = 300\n";
        assert!(err(&huge).starts_with("a.toml:8:10: "), "{}", err(&huge));
        let stamp = MINIMAL.to_string() + "[answers.alpha-q1]\nanswered_at = \"now\"\n";
        assert!(
            err(&stamp).starts_with("a.toml:8:15: answered_at `now`"),
            "{}",
            err(&stamp)
        );
        let both = MINIMAL.to_string() + "[answers.alpha-q1]\nlevel = 2\nskipped = true\n";
        assert_eq!(
            err(&both),
            "a.toml:9:11: an answer has either a level or `skipped = true`, not both"
        );
        let stamp = MINIMAL.replace(
            "updated = \"2026-12-04T10:00:00Z\"",
            "updated = \"yesterday\"",
        );
        assert_eq!(
            err(&stamp),
            "a.toml:5:11: updated `yesterday` is not an RFC 3339 time such as 2026-12-04T20:13:05Z"
        );
        let id = MINIMAL.to_string() + "[answers.\"Alpha Q1\"]\nlevel = 2\n";
        assert_eq!(err(&id), "a.toml:7:10: `Alpha Q1` is not a question id");
        let due = MINIMAL.to_string() + "[[plan]]\nguidance = \"alpha-g1\"\ndue = \"31/03/2027\"\n";
        assert_eq!(
            err(&due),
            "a.toml:9:7: due `31/03/2027` is not a date such as 2027-03-31"
        );
        let scope = MINIMAL.replace("[scope]\n", "[scope]\noutcomes = [\"alpha\", \"\"]\n");
        assert_eq!(err(&scope), "a.toml:7:22: `` is not an outcome id");
    }

    #[test]
    fn bad_bytes_are_diagnostics_not_panics() {
        let mut bytes = MINIMAL.as_bytes().to_vec();
        bytes.insert(30, 0xff);
        assert!(
            parse("a.toml", &bytes)
                .unwrap_err()
                .to_string()
                .contains("not valid UTF-8 (invalid byte 0xFF)")
        );
        assert!(
            parse("a.toml", &vec![b' '; MAX_FILE_BYTES + 1])
                .unwrap_err()
                .message
                .contains("larger")
        );
        assert!(parse("a.toml", b"").is_err());
    }

    #[test]
    fn text_is_sanitised_on_load() {
        let src = MINIMAL.replace(
            "organisation = \"X\"",
            "organisation = \"X\\u001b[2J\\nCouncil\"",
        ) + "people = []\n"
            + "[answers.alpha-q1]\nnotes = \"a\\u001b]52;c;aGk=\\u0007b\\u202e\"\n";
        // `people` after a table header belongs to [scope]: unknown field there.
        assert!(err(&src).contains("unknown field `people`"));
        let src = MINIMAL.replace(
            "organisation = \"X\"",
            "organisation = \"X\\u001b[2J\\nCouncil\"",
        ) + "[answers.alpha-q1]\nnotes = \"a\\u001b]52;c;aGk=\\u0007b\\u202e\"\n";
        let a = parse("a.toml", src.as_bytes()).unwrap();
        assert_eq!(a.organisation, "X[2J Council");
        assert_eq!(a.answers["alpha-q1"].notes, "a]52;c;aGk=b");
    }
}
