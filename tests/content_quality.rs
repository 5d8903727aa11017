//! The editorial bar for the bundled almanac (issue 3). `almanac check` proves the
//! content is well formed; these tests prove there is enough of it, that it is finished,
//! and that it is not padded by repeating itself. Every failure names the item id, and
//! each rule collects all its failures before reporting, so one run lists everything
//! that needs writing.

use std::collections::HashMap;

use almanac::content::{Almanac, CaseKind, ItemRef, Kind};
use serde::Serialize;
use serde_json::Value;

fn bundled() -> Almanac {
    match Almanac::bundled() {
        Ok(a) => a,
        Err(problems) => {
            let lines: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
            panic!("bundled content does not load:\n{}", lines.join("\n"));
        }
    }
}

fn assert_none(rule: &str, failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{rule}: {} failure(s)\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

/// Words as a reader counts them: tokens with at least one letter or digit, so Markdown
/// markers (`-`, `###`, `**`) do not count.
fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// One string of an item, with the path of the field it came from (`body`,
/// `levels[2]`, `sources[0].url`).
struct Field {
    path: String,
    key: String,
    text: String,
}

fn walk(value: &Value, path: String, key: &str, out: &mut Vec<Field>) {
    match value {
        Value::String(s) => out.push(Field {
            path,
            key: key.to_string(),
            text: s.clone(),
        }),
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{path}[{i}]"), key, out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(v, p, k, out);
            }
        }
        _ => {}
    }
}

fn fields_of(value: impl Serialize) -> Vec<Field> {
    let mut out = Vec::new();
    walk(
        &serde_json::to_value(value).expect("serialise item"),
        String::new(),
        "",
        &mut out,
    );
    out
}

/// The outcome's own sections are items in their own right, not part of the outcome.
const SECTIONS: [&str; 6] = [
    "guidance",
    "challenges",
    "case_studies",
    "questions",
    "councillor_questions",
    "reading",
];

/// Every string an item holds, whatever its kind, without the items nested inside it.
fn item_fields(a: &Almanac, r: ItemRef) -> Vec<Field> {
    match r {
        ItemRef::Outcome(o) => {
            let mut v = serde_json::to_value(&a.outcomes[o]).unwrap();
            let map = v.as_object_mut().unwrap();
            for s in SECTIONS {
                map.remove(s);
            }
            let mut out = Vec::new();
            walk(&v, String::new(), "", &mut out);
            out
        }
        ItemRef::Guidance(o, i) => fields_of(&a.outcomes[o].guidance[i]),
        ItemRef::Challenge(o, i) => fields_of(&a.outcomes[o].challenges[i]),
        ItemRef::CaseStudy(o, i) => fields_of(&a.outcomes[o].case_studies[i]),
        ItemRef::Question(o, i) => fields_of(&a.outcomes[o].questions[i]),
        ItemRef::CouncillorQuestion(o, i) => fields_of(&a.outcomes[o].councillor_questions[i]),
        ItemRef::Reading(o, i) => fields_of(&a.outcomes[o].reading[i]),
        ItemRef::Term(t) => fields_of(&a.glossary[t]),
    }
}

/// Fields that are identifiers, enumerations or addresses rather than prose.
fn is_prose(kind: Kind, f: &Field) -> bool {
    const NOT_PROSE: [&str; 8] = [
        "id", "related", "see_also", "tags", "audience", "effort", "kind", "url",
    ];
    if NOT_PROSE.contains(&f.key.as_str()) {
        return false;
    }
    // Citations: source titles and a reading item's title and publisher name a
    // publication; two items may rightly cite the same one.
    if f.path.starts_with("sources[") {
        return false;
    }
    !(kind == Kind::Reading && (f.key == "title" || f.key == "publisher"))
}

#[test]
fn every_outcome_has_enough_of_each_kind() {
    let a = bundled();
    let mut failures = Vec::new();
    for o in &a.outcomes {
        let id = &o.id;
        let mut need = |what: &str, have: usize, min: usize| {
            if have < min {
                failures.push(format!("{id}: {have} {what}, needs at least {min}"));
            }
        };
        need("guidance items", o.guidance.len(), 6);
        need("challenges", o.challenges.len(), 4);
        need("case studies", o.case_studies.len(), 3);
        need("questions", o.questions.len(), 6);
        need("councillor questions", o.councillor_questions.len(), 4);
        need("reading items", o.reading.len(), 3);

        let core = o.questions.iter().filter(|q| q.core).count();
        if !(2..=3).contains(&core) {
            failures.push(format!("{id}: {core} core questions, needs 2 or 3"));
        }
        for c in &o.challenges {
            if c.mitigations.len() < 2 {
                failures.push(format!(
                    "{}: {} mitigation(s), needs at least 2",
                    c.id,
                    c.mitigations.len()
                ));
            }
        }
        for q in &o.questions {
            if q.levels.len() != 5 {
                failures.push(format!(
                    "{}: {} levels, needs exactly 5",
                    q.id,
                    q.levels.len()
                ));
            }
        }
    }
    if a.outcomes.len() != 12 {
        failures.push(format!("{} outcome areas, expected 12", a.outcomes.len()));
    }
    assert_none("counts", failures);
}

#[test]
fn overviews_and_guidance_are_the_right_length() {
    let a = bundled();
    let mut failures = Vec::new();
    for o in &a.outcomes {
        let n = words(&o.overview);
        if !(200..=400).contains(&n) {
            failures.push(format!("{}: overview has {n} words, needs 200-400", o.id));
        }
        for g in &o.guidance {
            let n = words(&g.body);
            if !(150..=350).contains(&n) {
                failures.push(format!(
                    "{}: guidance body has {n} words, needs 150-350",
                    g.id
                ));
            }
        }
    }
    assert_none("lengths", failures);
}

#[test]
fn documented_case_studies_cite_a_source_address() {
    let a = bundled();
    let mut failures = Vec::new();
    for o in &a.outcomes {
        for cs in o
            .case_studies
            .iter()
            .filter(|c| c.kind == CaseKind::Documented)
        {
            let cited = cs
                .sources
                .iter()
                .any(|s| s.url.starts_with("https://") || s.url.starts_with("http://"));
            if !cited {
                failures.push(format!(
                    "{}: documented case study without a source url",
                    cs.id
                ));
            }
        }
    }
    assert_none("sources", failures);
}

#[test]
fn glossary_is_large_enough_and_its_links_resolve() {
    let a = bundled();
    let mut failures = Vec::new();
    if a.glossary.len() < 80 {
        failures.push(format!(
            "glossary has {} terms, needs at least 80",
            a.glossary.len()
        ));
    }
    for t in &a.glossary {
        for target in &t.see_also {
            if a.get(target).is_none() {
                failures.push(format!("{}: see_also `{target}` does not resolve", t.id));
            }
        }
    }
    assert_none("glossary", failures);
}

/// A marker of unfinished writing, matched as a whole word in any case.
fn placeholder(text: &str) -> Option<String> {
    const MARKERS: [&str; 6] = ["todo", "tbd", "lorem", "placeholder", "xxx", "fixme"];
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .find(|w| {
            MARKERS
                .iter()
                .any(|m| w == m || (*m == "placeholder" && w == "placeholders"))
        })
}

#[test]
fn no_placeholder_words_anywhere() {
    let a = bundled();
    let mut failures = Vec::new();
    for r in a.all_items() {
        for f in item_fields(&a, r) {
            if let Some(w) = placeholder(&f.text) {
                failures.push(format!("{}: `{w}` in {}", a.id(r), f.path));
            }
        }
    }
    for f in fields_of(&a.meta) {
        if let Some(w) = placeholder(&f.text) {
            failures.push(format!("almanac.toml: `{w}` in {}", f.path));
        }
    }
    // Comments are not loaded into the model, so read the files for those.
    for (rel, text) in almanac::embedded::CONTENT {
        for (n, line) in text.lines().enumerate() {
            if let Some(w) = line
                .trim_start()
                .starts_with('#')
                .then(|| placeholder(line))
                .flatten()
            {
                failures.push(format!("content/{rel}:{}: `{w}` in a comment", n + 1));
            }
        }
    }
    assert_none("placeholders", failures);
}

/// Sentences of a text: split at sentence ends and at line breaks (list items,
/// headings), lower-cased, punctuation dropped, whitespace collapsed.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            let ends = matches!(c, '.' | '!' | '?' | ';')
                && chars
                    .peek()
                    .is_none_or(|n| n.is_whitespace() || *n == '*' || *n == ')');
            if ends {
                out.push(std::mem::take(&mut current));
            } else {
                current.push(c);
            }
        }
        out.push(current);
    }
    out.into_iter()
        .map(|s| {
            let cleaned: String = s
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        ' '
                    }
                })
                .collect();
            cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|s| s.split(' ').count() >= 8)
        .collect()
}

#[test]
fn no_sentence_of_eight_words_or_more_is_repeated_across_items() {
    let a = bundled();
    let mut first: HashMap<String, (String, String)> = HashMap::new();
    let mut failures = Vec::new();
    for r in a.all_items() {
        let id = a.id(r).to_string();
        for f in item_fields(&a, r)
            .into_iter()
            .filter(|f| is_prose(r.kind(), f))
        {
            for s in sentences(&f.text) {
                match first.get(&s) {
                    Some((other, other_path)) if *other != id => failures.push(format!(
                        "{id} ({}) repeats a sentence from {other} ({other_path}): \"{s}\"",
                        f.path
                    )),
                    Some(_) => {}
                    None => {
                        first.insert(s, (id.clone(), f.path.clone()));
                    }
                }
            }
        }
    }
    assert_none("repeated sentences", failures);
}

#[test]
fn the_almanac_holds_at_least_45000_words() {
    let a = bundled();
    let mut total: usize = fields_of(&a.meta).iter().map(|f| words(&f.text)).sum();
    for r in a.all_items() {
        total += item_fields(&a, r)
            .iter()
            .filter(|f| is_prose(r.kind(), f) || f.key == "title" || f.key == "publisher")
            .map(|f| words(&f.text))
            .sum::<usize>();
    }
    assert!(
        total >= 45_000,
        "the almanac has {total} words, needs at least 45,000"
    );
}

/// The label a level descriptor gives itself, if any: a scale level name used as a
/// heading (`Working: ...`, `**Not yet**`, `Leading.`) or a level number (`Level 3`).
/// The screens already print the level name beside each descriptor.
fn label_of(level: &str, names: &[String]) -> Option<String> {
    let l = level.trim().to_lowercase();
    let stripped = l.trim_start_matches(['*', '_', '(', '[', ' ']);
    let named = names.iter().find(|name| {
        let after = stripped
            .strip_prefix(name.as_str())
            .map(|rest| rest.trim_start_matches(['*', '_', ')', ']', ' ']));
        after.is_some_and(|rest| {
            rest.is_empty()
                || rest == "."
                || rest.starts_with([':', '–', '—'])
                || rest.starts_with("- ")
                || rest.starts_with(". ")
        }) || l.contains(&format!("**{name}**"))
    });
    if let Some(name) = named {
        return Some(name.clone());
    }
    let numbered = stripped
        .strip_prefix("level ")
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    numbered.then(|| "a level number".to_string())
}

fn scale() -> Vec<String> {
    bundled()
        .meta
        .scale
        .iter()
        .map(|s| s.name.to_lowercase())
        .collect()
}

#[test]
fn level_descriptors_do_not_label_themselves_with_scale_names() {
    let a = bundled();
    let names = scale();
    let mut failures = Vec::new();
    for o in &a.outcomes {
        for q in &o.questions {
            for (n, level) in q.levels.iter().enumerate() {
                if let Some(label) = label_of(level, &names) {
                    failures.push(format!(
                        "{}: level {} is labelled with {label}",
                        q.id,
                        n + 1
                    ));
                }
            }
        }
    }
    assert_none("level labels", failures);
}

#[test]
fn the_sentence_splitter_and_word_counter_behave() {
    assert_eq!(words("## Heading\n\n- **Bold** item, here."), 4);
    let s = sentences(
        "One two three four five six seven eight. Short one.\n- A list item that has eight words in it",
    );
    assert_eq!(
        s,
        vec![
            "one two three four five six seven eight",
            "a list item that has eight words in it"
        ]
    );
    assert_eq!(placeholder("see the TODO list"), Some("todo".into()));
    assert_eq!(
        placeholder("today we placeholders"),
        Some("placeholders".into())
    );
    assert_eq!(placeholder("Toddlers and todos"), None);
    assert_eq!(
        label_of("Working: an agreed approach", &scale()),
        Some("working".into())
    );
    assert_eq!(
        label_of("**Not yet** nothing is written down", &scale()),
        Some("not yet".into())
    );
    assert_eq!(label_of("Leading.", &scale()), Some("leading".into()));
    assert_eq!(
        label_of("Level 3 - an owner", &scale()),
        Some("a level number".into())
    );
    assert_eq!(
        label_of("Starting-point figures exist for two services", &scale()),
        None
    );
    assert_eq!(
        label_of("Working groups meet but keep no record", &scale()),
        None
    );
}
