//! The command line through the built binary: exit codes, `list`, `show`, where the
//! content comes from, and behaviour in a pipeline.
//!
//! Every run gets its own temporary XDG homes and a temporary working directory, so the
//! tests never read a developer's config or depend on being run from the repository.

mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use almanac::content::{Almanac, CaseKind, ItemRef, Kind};
use support::home::{Home, stderr};

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn bundled() -> Almanac {
    Almanac::bundled().expect("bundled content loads")
}

/// Runs `args` and requires success with nothing on stderr.
fn ok(sandbox: &Home, args: &[&str]) -> String {
    let out = sandbox.run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "almanac {} failed: {}",
        args.join(" "),
        stderr(&out)
    );
    assert!(out.stderr.is_empty(), "stderr: {}", stderr(&out));
    stdout(&out)
}

/// `list` output as (number, rest of the row: title, id and summary, counts line) per outcome.
fn parse_list(out: &str) -> Vec<(u32, String, String)> {
    let lines: Vec<&str> = out.lines().collect();
    let mut rows = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let head = line.trim_start();
        let Some((num, rest)) = head.split_once("  ") else {
            continue;
        };
        let Ok(number) = num.parse::<u32>() else {
            continue;
        };
        let counts = lines.get(i + 1).map_or("", |l| l.trim()).to_string();
        rows.push((number, rest.to_string(), counts));
    }
    rows
}

fn counts_line(a: &Almanac, o: usize) -> String {
    let [g, c, cs, q, cq, r] = a.section_counts(o).map(|(_, n)| n);
    let s = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    [
        s(g, "guidance", "guidance"),
        s(c, "challenge", "challenges"),
        s(cs, "case study", "case studies"),
        s(q, "question", "questions"),
        s(cq, "councillor question", "councillor questions"),
        s(r, "reading", "reading"),
    ]
    .join(", ")
}

#[test]
fn version_and_help_exit_zero() {
    let sb = Home::new();
    let version = ok(&sb, &["--version"]);
    assert_eq!(
        version.trim(),
        format!("almanac {}", env!("CARGO_PKG_VERSION"))
    );
    let help = ok(&sb, &["--help"]);
    assert!(help.contains("Usage: almanac"), "{help}");
    for sub in ["list", "show", "check"] {
        assert!(
            help.contains(sub),
            "--help does not mention `{sub}`:\n{help}"
        );
    }
}

#[test]
fn usage_errors_exit_two() {
    let sb = Home::new();
    for args in [&["frobnicate"][..], &["show"], &["list", "--no-such-flag"]] {
        let out = sb.run(args);
        assert_eq!(out.status.code(), Some(2), "almanac {}", args.join(" "));
        assert!(out.stdout.is_empty());
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    }
}

#[test]
fn list_prints_the_twelve_areas_in_framework_order_with_counts() {
    let sb = Home::new();
    let out = ok(&sb, &["list"]);
    let titles = [
        "Connectivity",
        "Data",
        "Democracy & Participation",
        "Economic Productivity & Growth",
        "Ethics & Sustainability",
        "Inclusion",
        "Leadership",
        "Organisational Capability",
        "Partnership",
        "Security & Resilience",
        "Services",
        "Value",
    ];
    let rows = parse_list(&out);
    assert_eq!(rows.len(), 12, "expected twelve outcome rows in:\n{out}");
    let a = bundled();
    for (i, (number, rest, counts)) in rows.iter().enumerate() {
        assert_eq!(*number as usize, i + 1, "{out}");
        assert!(
            rest.starts_with(titles[i]),
            "row {} should be {}, got `{rest}`",
            i + 1,
            titles[i]
        );
        assert!(
            rest.contains(&a.outcomes[i].id),
            "row {} lacks its id: `{rest}`",
            i + 1
        );
        assert_eq!(*counts, counts_line(&a, i), "counts for {}", titles[i]);
    }
    assert!(
        out.contains(&format!("{} glossary terms", a.glossary.len())),
        "{out}"
    );
}

#[test]
fn show_renders_an_outcome_as_markdown() {
    let sb = Home::new();
    let out = ok(&sb, &["show", "security"]);
    assert!(out.starts_with("# Security & Resilience\n"), "{out}");
    assert!(out.contains("## Why it matters"), "{out}");
}

#[test]
fn show_renders_a_guidance_item() {
    let a = bundled();
    let g = &a.outcomes[0].guidance[0];
    let sb = Home::new();
    let out = ok(&sb, &["show", &g.id]);
    assert!(out.starts_with(&format!("# {}\n", g.title)), "{out}");
    assert!(
        out.contains(&format!("*Guidance · {}*", a.outcomes[0].title)),
        "{out}"
    );
    let first_line = g.body.trim().lines().next().unwrap();
    assert!(out.contains(first_line), "body missing from:\n{out}");
}

#[test]
fn show_renders_a_documented_case_study_with_its_sources() {
    let a = bundled();
    let r = a
        .all_items()
        .into_iter()
        .find(|&r| match r {
            ItemRef::CaseStudy(o, i) => {
                let cs = &a.outcomes[o].case_studies[i];
                cs.kind == CaseKind::Documented && cs.sources.len() >= 2
            }
            _ => false,
        })
        .expect("a documented case study with sources");
    let ItemRef::CaseStudy(o, i) = r else {
        unreachable!()
    };
    let cs = &a.outcomes[o].case_studies[i];
    let sb = Home::new();
    let out = ok(&sb, &["show", &cs.id]);
    assert!(out.starts_with(&format!("# {}\n", cs.title)), "{out}");
    assert!(out.contains("## Sources"), "{out}");
    for s in &cs.sources {
        assert!(
            out.contains(&format!("]({})", s.url)),
            "source {} missing:\n{out}",
            s.url
        );
    }
}

#[test]
fn show_renders_a_glossary_term() {
    let a = bundled();
    let r = a.get("term-siro").expect("the glossary defines SIRO");
    assert_eq!(r.kind(), Kind::Term);
    let sb = Home::new();
    let out = ok(&sb, &["show", "term-siro"]);
    assert!(out.starts_with(&format!("# {}\n", a.title(r))), "{out}");
    assert!(out.contains("## See also"), "{out}");
}

#[test]
fn show_of_an_unknown_id_is_one_line_on_stderr_and_exit_two() {
    let sb = Home::new();
    let out = sb.run(&["show", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("almanac: no item with id `nope`"), "{err}");
}

#[test]
fn works_from_any_directory_because_content_is_embedded() {
    let sb = Home::new();
    assert!(
        std::fs::read_dir(sb.path()).unwrap().next().is_none(),
        "cwd is empty"
    );
    let out = ok(&sb, &["list"]);
    assert_eq!(parse_list(&out).len(), 12);
    let out = ok(&sb, &["show", "value"]);
    assert!(out.starts_with("# Value\n"));
}

#[test]
fn content_flag_replaces_the_bundled_content() {
    let sb = Home::new();
    let dir = fixture("good");
    let out = ok(&sb, &["--content", dir.to_str().unwrap(), "list"]);
    let rows = parse_list(&out);
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows[0].1.starts_with("Alpha"), "{out}");
    assert!(rows[1].1.starts_with("Beta"), "{out}");
    let show = ok(
        &sb,
        &["--content", dir.to_str().unwrap(), "show", "alpha-g1"],
    );
    assert!(show.starts_with("# Name an owner for alpha\n"), "{show}");
    // Bundled items are gone.
    let out = sb.run(&["--content", dir.to_str().unwrap(), "show", "security"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn almanac_content_env_var_replaces_the_bundled_content() {
    let sb = Home::new();
    let out = sb
        .command(&["list"])
        .env("ALMANAC_CONTENT", fixture("good"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(parse_list(&stdout(&out)).len(), 2, "{}", stdout(&out));
}

#[test]
fn content_flag_with_a_missing_folder_is_invalid_input() {
    let sb = Home::new();
    let out = sb.run(&["--content", "no-such-dir", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "no-such-dir: no such folder\nalmanac: 1 problem found\n"
    );
}

#[test]
fn overlay_adds_a_local_case_study_to_show_and_list() {
    let sb = Home::new();
    let overlay = fixture("overlay");
    let overlay = overlay.to_str().unwrap();

    let shown = ok(&sb, &["--overlay", overlay, "show", "local-tabletop-2025"]);
    assert!(
        shown.starts_with("# Our first cyber tabletop exercise\n"),
        "{shown}"
    );
    assert!(
        shown.contains("*Case study · Security & Resilience*"),
        "{shown}"
    );
    assert!(shown.contains("Fixture District Council"), "{shown}");

    let count = |out: &str| {
        let rows = parse_list(out);
        let security = rows
            .iter()
            .find(|r| r.1.starts_with("Security"))
            .expect("security row");
        security.2.clone()
    };
    let plain = count(&ok(&sb, &["list"]));
    let with = count(&ok(&sb, &["--overlay", overlay, "list"]));
    let a = bundled();
    let o = a.outcome_by_number(10).unwrap();
    let n = a.outcomes[o].case_studies.len();
    assert!(plain.contains(&format!("{n} case studies")), "{plain}");
    assert!(with.contains(&format!("{} case studies", n + 1)), "{with}");

    // Without the overlay the local item does not exist.
    assert_eq!(
        sb.run(&["show", "local-tabletop-2025"]).status.code(),
        Some(2)
    );
}

#[test]
fn the_config_overlay_folder_is_picked_up_automatically() {
    let sb = Home::new();
    let dest = sb.path().join("config/almanac/overlay");
    std::fs::create_dir_all(&dest).unwrap();
    std::fs::copy(
        fixture("overlay/our-case-study.toml"),
        dest.join("our-case-study.toml"),
    )
    .unwrap();
    let shown = ok(&sb, &["show", "local-tabletop-2025"]);
    assert!(
        shown.starts_with("# Our first cyber tabletop exercise\n"),
        "{shown}"
    );
}

#[test]
fn list_into_a_pipe_closed_after_one_line_does_not_panic() {
    let sb = Home::new();
    let mut child = sb
        .command(&["list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("Almanac"), "{first}");
    let out = child.wait_with_output().unwrap();
    assert_ne!(out.status.code(), Some(101), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

#[test]
fn show_into_a_pipe_closed_before_writing_exits_quietly() {
    let sb = Home::new();
    let mut child = sb
        .command(&["show", "security"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close our end at once: the write meets a broken pipe.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[test]
fn no_subcommand_with_piped_output_prints_the_outcome_list() {
    let sb = Home::new();
    let bare = sb.run(&[]);
    assert!(bare.status.success(), "{}", stderr(&bare));
    assert_eq!(stdout(&bare), stdout(&sb.run(&["list"])));
}
