//! Ranking, highlighting and incremental search on a small hand-written almanac.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

use super::*;
use crate::content::load::SourceFile;
use crate::content::{ContentSet, Kind, load};

const SECURITY: &str = r#"
id = "security"
number = 1
title = "Security & Resilience"
summary = "Keep attackers out and services running"
overview = "Councils face **ransomware** and need a plan."
why_it_matters = "Recovery is slow and costly."
tags = ["cyber", "incident response"]

[[guidance]]
id = "security-backups"
title = "Keep backups where attackers cannot reach"
audience = ["technical"]
effort = "medium"
body = "Ransomware crews hunt for backups first. Keep one copy offline."

[[guidance]]
id = "security-resume-plan"
title = "Résumé of the incident plan"
audience = ["leadership"]
effort = "low"
body = "A one-page summary that leaders can read in a crisis."

[[guidance]]
id = "security-skills"
title = "👩‍💻 Digital skills for the security team"
audience = ["technical"]
effort = "high"
body = "Train people. Hire apprentices."

[[challenges]]
id = "security-legacy-a"
title = "Legacy systems"
body = "Old systems nobody can patch."
mitigations = ["Fence them off."]

[[challenges]]
id = "security-legacy-b"
title = "Legacy systems"
body = "Old systems nobody can patch."
mitigations = ["Fence them off."]

[[case_studies]]
id = "security-gwynedd"
title = "Cymraeg ŵ services in Gwynedd"
organisation = "Cyngor Gwynedd"
year = 2021
kind = "illustrative"
body = "A bilingual service desk."
results = "Fewer calls."
lessons = ["Start with the Welsh Language Standards."]
"#;

const DATA: &str = r#"
id = "data"
number = 2
title = "Data"
summary = "Know and share council data"
overview = "Data matters."
why_it_matters = "Decisions rest on it."

[[guidance]]
id = "data-sharing"
title = "Share data safely with partners"
audience = ["technical"]
effort = "low"
body = """
Partners want data quickly. This guidance explains how a council can agree a data sharing arrangement with the NHS and the police without months of delay, and why nightly backups of the shared extracts matter as much as the agreement itself.
"""

[[guidance]]
id = "data-random"
title = "Random sampling of records"
audience = ["technical"]
effort = "low"
body = "Ransom notes arrive by post."

[[guidance]]
id = "data-random-only"
title = "Random checks"
audience = ["technical"]
effort = "low"
body = "Pick files at random."

[[guidance]]
id = "data-metadata"
title = "Metadata standards"
audience = ["technical"]
effort = "low"
body = "Describe each set."

[[guidance]]
id = "data-tokyo"
title = "東京のデータ共有"
audience = ["technical"]
effort = "low"
body = "An example in Japanese."

[[guidance]]
id = "data-full-fibre"
title = "Full fibre for council sites"
audience = ["technical"]
effort = "low"
body = "Connect libraries."

[[guidance]]
id = "data-fibre-full"
title = "Fibre duct audit: is the register full?"
audience = ["technical"]
effort = "low"
body = "Count the ducts."
"#;

/// An outcome whose long body has accented text before the one hit, to test snippets
/// cut from the middle of a long text.
fn long_outcome() -> String {
    let before = "Café staff in Ystradgynlais logged every visit to the library. ".repeat(40);
    let after = " Volunteers at the Porth hub kept a paper list as well. ".repeat(40);
    format!(
        r#"
id = "long"
number = 3
title = "Long"
summary = "A long one"
overview = "Short."
why_it_matters = "Short."

[[guidance]]
id = "long-body"
title = "A very long body"
audience = ["technical"]
effort = "low"
body = """{before}The zeppelin arrived on a Tuesday.{after}"""
"#
    )
}

const GLOSSARY: &str = r#"
[[term]]
id = "term-siro"
term = "SIRO (senior information risk owner)"
definition = "The senior officer who owns information risk."
"#;

fn file(rel: &str, text: &str) -> SourceFile {
    SourceFile {
        rel: rel.into(),
        path: format!("test/{rel}"),
        bytes: Cow::Owned(text.as_bytes().to_vec()),
    }
}

fn almanac() -> Almanac {
    let meta = crate::embedded::CONTENT
        .iter()
        .find(|(rel, _)| *rel == "almanac.toml")
        .map(|(_, t)| *t)
        .expect("almanac.toml is embedded");
    let set = ContentSet {
        root: "test".into(),
        files: vec![
            file("almanac.toml", meta),
            file("glossary.toml", GLOSSARY),
            file("outcomes/01-security.toml", SECURITY),
            file("outcomes/02-data.toml", DATA),
            file("outcomes/03-long.toml", &long_outcome()),
        ],
    };
    load(&set, &[]).unwrap_or_else(|d| panic!("fixture does not load: {d:?}"))
}

struct Fixture {
    a: Almanac,
    index: Index,
}

fn fixture() -> Fixture {
    let a = almanac();
    let index = Index::new(&a);
    Fixture { a, index }
}

impl Fixture {
    fn ids(&self, q: &str) -> Vec<&str> {
        self.index
            .search(&Query::parse(q), 100)
            .hits
            .iter()
            .map(|h| self.a.id(h.item))
            .collect()
    }

    fn hit(&self, q: &str, id: &str) -> Hit {
        let r = self.index.search(&Query::parse(q), 100);
        r.hits
            .into_iter()
            .find(|h| self.a.id(h.item) == id)
            .unwrap_or_else(|| panic!("`{q}` does not find {id}"))
    }
}

/// The highlighted graphemes of `text`, joined.
fn marked(text: &str, positions: &[usize]) -> String {
    text.graphemes(true)
        .enumerate()
        .filter(|(i, _)| positions.contains(i))
        .map(|(_, g)| g)
        .collect()
}

#[test]
fn indexes_every_item() {
    let f = fixture();
    assert_eq!(f.index.len(), f.a.all_items().len());
    let all = f.index.search(&Query::parse(""), 1000);
    assert_eq!(all.matched, f.index.len());
    assert_eq!(all.total, f.index.len());
    // With nothing typed, every item ties: they come by kind, then in document order.
    let items: Vec<ItemRef> = all.hits.iter().map(|h| h.item).collect();
    let mut expected = f.a.all_items();
    expected.sort_by_key(|r| r.kind());
    assert_eq!(items, expected);
}

#[test]
fn diacritics_fold_and_highlight_graphemes() {
    let f = fixture();
    let h = f.hit("resume", "security-resume-plan");
    assert_eq!(h.field, Field::Title);
    assert_eq!(h.title_matches, vec![0, 1, 2, 3, 4, 5]);
    assert_eq!(
        marked("Résumé of the incident plan", &h.title_matches),
        "Résumé"
    );
    // Typed with accents, or decomposed, it is the same query.
    assert_eq!(
        f.hit("RÉSUMÉ", "security-resume-plan").title_matches,
        h.title_matches
    );
    assert_eq!(
        f.hit("re\u{301}sume\u{301}", "security-resume-plan")
            .title_matches,
        h.title_matches
    );
}

#[test]
fn welsh_letters_match_with_and_without_circumflex() {
    let f = fixture();
    let title = "Cymraeg ŵ services in Gwynedd";
    let h = f.hit("cymraeg ŵ", "security-gwynedd");
    assert_eq!(marked(title, &h.title_matches), "Cymraegŵw");
    assert!(
        h.title_matches.contains(&8),
        "ŵ is grapheme 8: {:?}",
        h.title_matches
    );
    let plain = f.hit("cymraeg w", "security-gwynedd");
    assert_eq!(plain.title_matches, h.title_matches);
    // A circumflex in the query matches the plain letter in the text too.
    let h = f.hit("gŵynedd", "security-gwynedd");
    assert_eq!(marked(title, &h.title_matches), "Gwynedd");
}

#[test]
fn cjk_and_emoji_titles_highlight_by_grapheme() {
    let f = fixture();
    let h = f.hit("データ", "data-tokyo");
    assert_eq!(h.title_matches, vec![3, 4, 5]);
    // The emoji is one grapheme (several chars), so "digital" starts at grapheme 2.
    let h = f.hit("digital", "security-skills");
    assert_eq!(h.title_matches, (2..9).collect::<Vec<_>>());
    assert_eq!(
        marked("👩‍💻 Digital skills for the security team", &h.title_matches),
        "Digital"
    );
}

#[test]
fn title_hit_beats_body_hit() {
    let f = fixture();
    let ids = f.ids("backups");
    let title = ids.iter().position(|&i| i == "security-backups").unwrap();
    let body = ids.iter().position(|&i| i == "data-sharing").unwrap();
    assert!(title < body, "{ids:?}");
    assert_eq!(f.hit("backups", "security-backups").field, Field::Title);
    assert_eq!(f.hit("backups", "data-sharing").field, Field::Body);
}

#[test]
fn whole_words_and_prefixes_beat_inner_substrings() {
    let f = fixture();
    let ids = f.ids("data");
    let whole = ids.iter().position(|&i| i == "data").unwrap();
    let inner = ids.iter().position(|&i| i == "data-metadata").unwrap();
    assert!(whole < inner, "{ids:?}");
    let data = f.hit("data", "data");
    let meta = f.hit("data", "data-metadata");
    assert!(data.score > meta.score);
}

#[test]
fn the_query_as_a_phrase_ranks_first() {
    let f = fixture();
    let ids = f.ids("full fibre");
    assert_eq!(ids.first(), Some(&"data-full-fibre"), "{ids:?}");
    assert!(ids.contains(&"data-fibre-full"));
}

#[test]
fn every_term_must_match() {
    let f = fixture();
    assert_eq!(f.ids("backups offline"), vec!["security-backups"]);
    assert!(f.ids("backups zebra").is_empty());
}

#[test]
fn typos_in_long_words_are_forgiven_but_not_in_exact_terms() {
    let f = fixture();
    let ids = f.ids("ransomeware");
    assert!(ids.contains(&"security-backups"), "{ids:?}");
    assert!(ids.contains(&"security"), "{ids:?}");
    assert!(f.ids("'ransomeware").is_empty());
    // Short words are not "corrected" into other words.
    assert!(!f.ids("dat").contains(&"security-backups"));
}

#[test]
fn loose_highlights_only_where_the_term_does_not_occur_as_written() {
    let f = fixture();
    // "ransom" is in this item's body, so "Random" in its title is not a match.
    let h = f.hit("ransom", "data-random");
    assert!(h.title_matches.is_empty(), "{:?}", h.title_matches);
    assert_eq!(
        marked(&h.snippet.unwrap().text, &[0, 1, 2, 3, 4, 5]),
        "Ransom"
    );
    // Here only the corrected word matches, and it is highlighted.
    let h = f.hit("ransom", "data-random-only");
    assert_eq!(marked("Random checks", &h.title_matches), "Random");
    // What was typed, as typed, comes before a corrected guess, even in a title.
    let ids = f.ids("ransom");
    let typed = ids.iter().position(|&i| i == "data-random").unwrap();
    let guessed = ids.iter().position(|&i| i == "data-random-only").unwrap();
    assert!(typed < guessed, "{ids:?}");
}

#[test]
fn exact_terms_and_exclusions() {
    let f = fixture();
    assert_eq!(f.ids("'offline"), vec!["security-backups"]);
    let ids = f.ids("backups !offline");
    assert!(!ids.contains(&"security-backups"), "{ids:?}");
    assert!(ids.contains(&"data-sharing"), "{ids:?}");
}

#[test]
fn scopes_by_kind_and_outcome() {
    let f = fixture();
    for h in f.index.search(&Query::parse("@guidance a"), 100).hits {
        assert_eq!(h.item.kind(), Kind::Guidance);
    }
    assert_eq!(
        f.ids("@challenge legacy"),
        vec!["security-legacy-a", "security-legacy-b"]
    );
    assert_eq!(f.ids("#2 backups"), vec!["data-sharing"]);
    assert_eq!(f.ids("#data backups"), vec!["data-sharing"]);
    assert_eq!(f.ids("#sec backups"), f.ids("#1 backups"));
    let scoped = Query::parse("backups").with_scope(&Scope {
        kind: None,
        outcome: Some(OutcomeFilter::Number(2)),
    });
    assert_eq!(f.index.search(&scoped, 10).hits.len(), 1);
    // Glossary terms belong to no outcome.
    assert!(f.ids("#1 siro").is_empty());
    assert_eq!(f.ids("@glossary risk"), vec!["term-siro"]);
}

#[test]
fn unknown_scopes_explain_and_match_nothing() {
    let f = fixture();
    for q in ["#99 data", "#nowhere data", "@zebra data", "@c data"] {
        let r = f.index.search(&Query::parse(q), 10);
        assert!(r.hits.is_empty(), "{q}");
        assert_eq!(r.problems.len(), 1, "{q}");
    }
    let r = f.index.search(&Query::parse("#99"), 10);
    assert!(r.problems[0].contains("1 to 3"), "{:?}", r.problems);
}

#[test]
fn equal_scores_keep_kind_then_document_order() {
    let f = fixture();
    let ids = f.ids("legacy systems");
    assert_eq!(&ids[..2], &["security-legacy-a", "security-legacy-b"]);
    let a = f.hit("legacy", "security-legacy-a");
    let b = f.hit("legacy", "security-legacy-b");
    assert_eq!(a.score, b.score);
    // Outcome before guidance when both match equally well.
    let order: Vec<Kind> = f
        .index
        .search(&Query::parse(""), 100)
        .hits
        .iter()
        .map(|h| h.item.kind())
        .collect();
    assert_eq!(order.first(), Some(&Kind::Outcome));
}

#[test]
fn fuzzy_matches_word_beginnings_not_scattered_letters() {
    let f = fixture();
    let h = f.hit("secback", "security-backups");
    assert_eq!(h.field, Field::Id);
    // Highlights follow the word beginnings that matched.
    assert!(h.title_matches.is_empty());
    let h = f.hit("incresp", "security");
    assert_eq!(h.field, Field::Tags);
    let s = h.snippet.expect("tags are quoted");
    assert_eq!(marked(&s.text, &s.matches), "incresp");
    // One run per three letters at most: "cyberinc" is two runs, "cyinre" would be three.
    assert_eq!(f.hit("cyberinc", "security").field, Field::Tags);
    assert!(!f.ids("cyinre").contains(&"security"));
    // "siro" letters occur in order in "security-resume-plan", but strewn inside words.
    assert_eq!(f.ids("siro"), vec!["term-siro"]);
}

#[test]
fn body_hits_get_a_one_line_snippet_with_highlights() {
    let f = fixture();
    let h = f.hit("nightly", "data-sharing");
    let s = h.snippet.expect("body hit has a snippet");
    assert!(!s.text.contains('\n'));
    assert!(
        s.text.starts_with('…') && s.text.ends_with('…'),
        "{}",
        s.text
    );
    assert!(
        unicode_width::UnicodeWidthStr::width(s.text.as_str()) <= SNIPPET_WIDTH,
        "{}",
        s.text
    );
    assert_eq!(marked(&s.text, &s.matches), "nightly");
    assert!(h.title_matches.is_empty());
    // Short bodies are quoted whole, without ellipses.
    let s = f.hit("apprentices", "security-skills").snippet.unwrap();
    assert_eq!(s.text, "Train people. Hire apprentices.");
    assert_eq!(marked(&s.text, &s.matches), "apprentices");
    // No snippet when the title holds every term.
    assert!(f.hit("backups", "security-backups").snippet.is_none());
}

#[test]
fn snippets_of_long_bodies_centre_on_the_hit() {
    let f = fixture();
    for q in ["zeppelin", "zepelin arrived"] {
        let s = f.hit(q, "long-body").snippet.expect("body hit");
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert!(
            unicode_width::UnicodeWidthStr::width(s.text.as_str()) <= SNIPPET_WIDTH,
            "{}",
            s.text
        );
        assert!(
            marked(&s.text, &s.matches).starts_with("zeppelin"),
            "{q}: {}",
            s.text
        );
        let at = s.text.find("zeppelin").unwrap();
        assert!(
            (20..60).contains(&at),
            "hit near the start, after some context: {}",
            s.text
        );
    }
}

#[test]
fn snippet_highlights_follow_folding() {
    let f = fixture();
    let s = f.hit("welsh", "security-gwynedd").snippet.unwrap();
    assert_eq!(marked(&s.text, &s.matches), "Welsh");
}

#[test]
fn searcher_narrows_and_agrees_with_a_full_search() {
    let f = fixture();
    let mut searcher = Searcher::new(Index::new(&f.a));
    for query in [
        "ransomeware",
        "data sharing",
        "backups !offline",
        "full fibre @guidance",
        "résumé",
    ] {
        searcher.reset();
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let q = Query::parse(&typed);
            let live = searcher.search(&q, 100);
            let full = f.index.search(&q, 100);
            assert_eq!(live, full, "after typing {typed:?}");
        }
    }
    // Growing a term re-scores only the previous candidates; deleting starts afresh.
    searcher.reset();
    searcher.search(&Query::parse("back"), 10);
    searcher.search(&Query::parse("backu"), 10);
    assert!(!searcher.narrowed(), "typo allowance grew at five letters");
    searcher.search(&Query::parse("backup"), 10);
    assert!(!searcher.narrowed(), "fuzzy matching starts at six letters");
    searcher.search(&Query::parse("backups"), 10);
    assert!(searcher.narrowed());
    searcher.search(&Query::parse("backups of"), 10);
    assert!(searcher.narrowed());
    searcher.search(&Query::parse("backups o"), 10);
    assert!(!searcher.narrowed());
}

#[test]
fn limit_caps_hits_not_the_count() {
    let f = fixture();
    let r = f.index.search(&Query::parse("a"), 2);
    assert_eq!(r.hits.len(), 2);
    assert!(r.matched > 2);
    let all = f.index.search(&Query::parse("a"), 1000);
    assert_eq!(&all.hits[..2], &r.hits[..]);
    assert!(f.index.search(&Query::parse("a"), 0).hits.is_empty());
}
