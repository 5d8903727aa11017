//! Rules that span fields and files: ids, cross-references, numbering, the scale.
//! Shape and types are already enforced by serde; text hygiene by `load`.

use std::collections::HashMap;

use super::load::{Loc, Problems, Seg};
use super::{Almanac, CaseKind, ItemRef, Kind};

/// Each question and the scale have exactly this many levels.
pub const LEVELS: usize = 5;

fn section_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Outcome => "",
        Kind::Guidance => "guidance",
        Kind::Challenge => "challenges",
        Kind::CaseStudy => "case_studies",
        Kind::Question => "questions",
        Kind::CouncillorQuestion => "councillor_questions",
        Kind::Reading => "reading",
        Kind::Term => "term",
    }
}

/// The file and path of one field of an item, optionally one element of a list field.
fn field(a: &Almanac, r: ItemRef, name: &'static str, element: Option<usize>) -> (usize, Loc) {
    let origin = a.origin(r);
    let mut path = Vec::new();
    if r.kind() != Kind::Outcome {
        path.push(Seg::Key(section_key(r.kind())));
        path.push(Seg::Index(origin.index));
    }
    path.push(Seg::Key(name));
    if let Some(i) = element {
        path.push(Seg::Index(i));
    }
    (origin.file, Loc::Path(path))
}

fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn valid_url(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(char::is_whitespace)
}

pub fn check(a: &Almanac, rels: &[String], p: &mut Problems) {
    check_meta(a, rels, p);
    check_numbering(a, rels, p);
    check_ids(a, p);
    check_links(a, p);
    check_items(a, p);
}

fn check_meta(a: &Almanac, rels: &[String], p: &mut Problems) {
    let file = rels.iter().position(|r| r == "almanac.toml").unwrap_or(0);
    if a.meta.scale.len() != LEVELS {
        p.add(
            file,
            Loc::Path(vec![Seg::Key("scale")]),
            format!(
                "the scale needs exactly {LEVELS} levels, found {}",
                a.meta.scale.len()
            ),
        );
    }
}

fn check_numbering(a: &Almanac, rels: &[String], p: &mut Problems) {
    let mut expected = 1;
    let mut seen: HashMap<u32, usize> = HashMap::new();
    for (o, outcome) in a.outcomes.iter().enumerate() {
        let (file, loc) = field(a, ItemRef::Outcome(o), "number", None);
        if let Some(first) = seen.insert(outcome.number, o) {
            let other = field(a, ItemRef::Outcome(first), "number", None);
            p.add_with_other(
                file,
                loc,
                format!(
                    "outcome number {} is already used at {{at}}",
                    outcome.number
                ),
                other,
            );
            continue;
        }
        // A file that failed to load leaves a hole that is not a real gap.
        if outcome.number != expected && !p.incomplete() {
            p.add(
                file,
                loc.clone(),
                format!(
                    "outcome numbers must run 1, 2, 3... without gaps: expected {expected}, found {}",
                    outcome.number
                ),
            );
        }
        expected = outcome.number + 1;
        let name = rels[file].trim_start_matches("outcomes/");
        let prefix: String = name.chars().take_while(|c| c.is_ascii_digit()).collect();
        if prefix.parse::<u32>().ok() != Some(outcome.number) {
            p.add(
                file,
                loc,
                format!(
                    "file name should start with the outcome number ({:02}-...), found `{name}`",
                    outcome.number
                ),
            );
        }
    }
}

fn check_ids(a: &Almanac, p: &mut Problems) {
    let mut first: HashMap<&str, ItemRef> = HashMap::new();
    for r in a.all_items() {
        let id = a.id(r);
        let (file, loc) = field(a, r, "id", None);
        if !valid_id(id) {
            p.add(
                file,
                loc.clone(),
                format!(
                    "id `{}` must use only lowercase letters, digits and hyphens",
                    super::text::one_line(id)
                ),
            );
        }
        if let Some(prev) = first.insert(id, r) {
            first.insert(id, prev);
            let hint = if a.is_local(r) && !a.is_local(prev) {
                "; an overlay adds items and cannot replace them, so give yours a new id"
            } else {
                ""
            };
            p.add_with_other(
                file,
                loc,
                format!("duplicate id `{id}`: already used at {{at}}{hint}"),
                field(a, prev, "id", None),
            );
        }
    }
}

fn check_links(a: &Almanac, p: &mut Problems) {
    for r in a.all_items() {
        let name = if r.kind() == Kind::Term {
            "see_also"
        } else {
            "related"
        };
        for (i, target) in a.links(r).iter().enumerate() {
            let (file, loc) = field(a, r, name, Some(i));
            match a.get(target) {
                // The target may live in a file that failed to load; that is reported already.
                None if p.incomplete() => {}
                None => p.add(
                    file,
                    loc,
                    format!("`{name}` refers to unknown id `{target}`"),
                ),
                Some(t) if t == r => {
                    p.add(file, loc, format!("`{name}` refers to the item itself"))
                }
                Some(t) if r.kind() == Kind::Outcome && t.kind() != Kind::Outcome => p.add(
                    file,
                    loc,
                    format!(
                        "an outcome's `related` lists outcome ids; `{target}` is a {}",
                        t.kind().name()
                    ),
                ),
                Some(_) => {}
            }
        }
    }
}

fn check_items(a: &Almanac, p: &mut Problems) {
    for (o, outcome) in a.outcomes.iter().enumerate() {
        for (i, q) in outcome.questions.iter().enumerate() {
            if q.levels.len() != LEVELS {
                let (file, loc) = field(a, ItemRef::Question(o, i), "levels", None);
                p.add(
                    file,
                    loc,
                    format!(
                        "a question needs exactly {LEVELS} levels, found {}",
                        q.levels.len()
                    ),
                );
            }
        }
        for (i, g) in outcome.guidance.iter().enumerate() {
            if g.audience.is_empty() {
                let (file, loc) = field(a, ItemRef::Guidance(o, i), "audience", None);
                p.add(
                    file,
                    loc,
                    "name at least one audience: technical, leadership or councillors",
                );
            }
        }
        for (i, c) in outcome.challenges.iter().enumerate() {
            if c.mitigations.is_empty() {
                let (file, loc) = field(a, ItemRef::Challenge(o, i), "mitigations", None);
                p.add(file, loc, "a challenge needs at least one mitigation");
            }
        }
        for (i, cs) in outcome.case_studies.iter().enumerate() {
            let r = ItemRef::CaseStudy(o, i);
            if cs.kind == CaseKind::Documented && cs.sources.is_empty() {
                let (file, loc) = field(a, r, "sources", None);
                p.add(
                    file,
                    loc,
                    "a documented case study needs at least one source; mark composites kind = \"illustrative\"",
                );
            }
            if !(1900..=2100).contains(&cs.year) {
                let (file, loc) = field(a, r, "year", None);
                p.add(file, loc, format!("year {} is not plausible", cs.year));
            }
            for (s, src) in cs.sources.iter().enumerate() {
                if !valid_url(&src.url) {
                    let (file, mut loc) = field(a, r, "sources", Some(s));
                    if let Loc::Path(path) = &mut loc {
                        path.push(Seg::Key("url"));
                    }
                    p.add(
                        file,
                        loc,
                        "a source url must start with https:// or http://",
                    );
                }
            }
        }
        for (i, rd) in outcome.reading.iter().enumerate() {
            if !valid_url(&rd.url) {
                let (file, loc) = field(a, ItemRef::Reading(o, i), "url", None);
                p.add(file, loc, "url must start with https:// or http://");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_rules() {
        assert!(valid_id("security-q1"));
        assert!(valid_id("10-things"));
        assert!(!valid_id("Security"));
        assert!(!valid_id("-lead"));
        assert!(!valid_id("a_b"));
        assert!(!valid_id(""));
    }
}
