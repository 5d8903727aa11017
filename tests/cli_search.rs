//! `almanac search` through the built binary: plain and JSON output, scopes, limits,
//! other content and overlays, and the exit codes for bad input.
//!
//! Every run gets temporary XDG homes, so no developer config or overlay leaks in.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;
use support::home::{Home, stderr};

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn json(o: &Output) -> Vec<Value> {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    match serde_json::from_str(&stdout(o)).expect("stdout is JSON") {
        Value::Array(items) => items,
        other => panic!("expected an array, got {other}"),
    }
}

#[test]
fn plain_output_has_kind_id_title_and_outcome_on_one_line() {
    let sb = Home::new();
    let o = sb.run(&["search", "ransomware"]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let out = stdout(&o);
    let line = out
        .lines()
        .find(|l| l.contains("security-redcar-2020"))
        .unwrap_or_else(|| panic!("no Redcar case study in:\n{out}"));
    let cells: Vec<&str> = line
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(cells[0], "case-study", "{line}");
    assert_eq!(cells[1], "security-redcar-2020", "{line}");
    assert!(cells[2].starts_with("Redcar and Cleveland"), "{line}");
    assert_eq!(cells.last(), Some(&"Security & Resilience"), "{line}");
    // Columns line up: every id starts at the same display column.
    let id_columns: Vec<usize> = out
        .lines()
        .map(|l| {
            let kind_end = l.find(' ').unwrap();
            kind_end + l[kind_end..].find(|c: char| c != ' ').unwrap()
        })
        .collect();
    assert!(id_columns.windows(2).all(|w| w[0] == w[1]), "{out}");
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn json_output_for_scripts() {
    let sb = Home::new();
    let items = json(&sb.run(&["search", "ransomware", "--json", "--limit", "50"]));
    assert!(!items.is_empty());
    for item in &items {
        let obj = item.as_object().expect("each result is an object");
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "id",
                "kind",
                "outcome",
                "outcome_number",
                "score",
                "snippet",
                "title"
            ]
        );
    }
    let redcar = items
        .iter()
        .find(|i| i["id"] == "security-redcar-2020")
        .expect("Redcar found");
    assert_eq!(redcar["kind"], "case-study");
    assert_eq!(redcar["outcome"], "Security & Resilience");
    assert_eq!(redcar["outcome_number"], 10);
    assert!(redcar["score"].as_i64().unwrap() > 0);
    let term = items
        .iter()
        .find(|i| i["id"] == "term-ransomware")
        .expect("glossary term found");
    assert!(term["outcome"].is_null() && term["outcome_number"].is_null());
    // Best first: the item titled exactly what was typed.
    assert_eq!(items[0]["id"], "term-ransomware");
    // Items found in their body carry a snippet.
    assert!(items.iter().any(|i| {
        i["snippet"]
            .as_str()
            .is_some_and(|s| s.to_lowercase().contains("ransomware"))
    }));
}

#[test]
fn kind_and_outcome_narrow_the_results() {
    let sb = Home::new();
    for kind in ["case-study", "case-studies", "case"] {
        let items = json(&sb.run(&["search", "backups", "--kind", kind, "--json"]));
        assert!(!items.is_empty(), "--kind {kind}");
        assert!(
            items.iter().all(|i| i["kind"] == "case-study"),
            "--kind {kind}"
        );
    }
    for outcome in ["10", "security"] {
        let items = json(&sb.run(&[
            "search",
            "e",
            "--outcome",
            outcome,
            "--json",
            "--limit",
            "0",
        ]));
        assert!(items.len() > 20, "--limit 0 shows all: {}", items.len());
        assert!(
            items.iter().all(|i| i["outcome_number"] == 10),
            "--outcome {outcome}"
        );
    }
    // The same scopes written in the query.
    let items = json(&sb.run(&["search", "@guidance", "#10", "backups", "--json"]));
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|i| i["kind"] == "guidance" && i["outcome_number"] == 10)
    );
}

#[test]
fn bad_kind_or_outcome_is_a_usage_error() {
    let sb = Home::new();
    let o = sb.run(&["search", "backups", "--kind", "banana"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("unknown kind `banana`") && err.contains("guidance"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    for args in [
        &["search", "backups", "--outcome", "99"][..],
        &["search", "backups", "--outcome", "nowhere"],
        &["search", "@banana", "backups"],
    ] {
        let o = sb.run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stdout(&o).is_empty(), "{args:?}");
        assert!(
            stderr(&o).starts_with("almanac: "),
            "{args:?}: {}",
            stderr(&o)
        );
    }

    let o = sb.run(&["search"]);
    assert_eq!(o.status.code(), Some(2), "a query is required");
}

#[test]
fn no_results_is_success_with_a_note() {
    let sb = Home::new();
    let o = sb.run(&["search", "zzqxv"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("no results"));
    let o = sb.run(&["search", "zzqxv", "--json"]);
    assert_eq!(stdout(&o).trim(), "[]");
}

#[test]
fn limit_caps_the_lines_and_says_so() {
    let sb = Home::new();
    let o = sb.run(&["search", "data", "--limit", "2"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).lines().count(), 2);
    assert!(stderr(&o).contains("showing 2 of"), "{}", stderr(&o));
}

#[test]
fn searches_other_content_and_overlays() {
    let sb = Home::new();
    let good = fixture("good");
    let items = json(&sb.run(&[
        "--content",
        good.to_str().unwrap(),
        "search",
        "owner",
        "--json",
    ]));
    let ids: Vec<&str> = items.iter().filter_map(|i| i["id"].as_str()).collect();
    assert!(ids.contains(&"alpha-g1"), "{ids:?}");
    assert!(ids.iter().all(|id| !id.starts_with("security")), "{ids:?}");

    let overlay = fixture("overlay");
    let items = json(&sb.run(&[
        "--overlay",
        overlay.to_str().unwrap(),
        "search",
        "tabletop",
        "--json",
    ]));
    assert_eq!(
        items.first().and_then(|i| i["id"].as_str()),
        Some("local-tabletop-2025")
    );
    assert_eq!(items[0]["outcome_number"], 10);
}
