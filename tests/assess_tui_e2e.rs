//! The assessment wizard in a pseudo-terminal, through the real binary: answers survive
//! kill -9 and a hang-up, notes typed are on disk, `assess new` without `--org` shows the
//! set-up screen, and a plain start offers to resume.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use almanac::assess::{Assessment, store};
use support::{keys, run};

/// The one assessment file in the data folder.
fn only_file(data: &Path) -> PathBuf {
    let dir = data.join("assessments");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.into_iter().next().unwrap()
}

fn levels(a: &Assessment) -> Vec<(String, u8)> {
    a.answers
        .iter()
        .filter_map(|(id, x)| x.level.map(|l| (id.clone(), l)))
        .collect()
}

fn pairs(v: &[(&str, u8)]) -> Vec<(String, u8)> {
    v.iter().map(|(id, l)| (id.to_string(), *l)).collect()
}

#[test]
fn answers_survive_kill_9_and_a_hang_up_after_resume() {
    // Quick security (3 core questions) and services (3): six, so that after three answers
    // and a kill there is still something left to resume.
    let mut p = run(&[
        "assess",
        "new",
        "--quick",
        "--outcome",
        "10",
        "--outcome",
        "11",
        "--org",
        "Test",
    ])
    .spawn();
    p.wait_for("Question 1 of 6");
    p.send("3");
    p.wait_for("Question 2 of 6");
    p.send("4");
    p.wait_for("Question 3 of 6");
    p.send("2");
    p.wait_for("Question 4 of 6");
    p.signal("KILL");
    p.wait_exit(Duration::from_secs(5)).expect("killed");
    let file = only_file(&p.data_dir());
    let a = store::load(&file).unwrap();
    assert_eq!(
        levels(&a),
        pairs(&[("security-q1", 3), ("security-q2", 4), ("security-q3", 2)])
    );
    assert_eq!(a.organisation, "Test");

    let home = p.into_home();
    let mut p = run(&["assess", "resume"]).home(home).spawn();
    p.wait_for("Question 4 of 6");
    p.send("5");
    p.wait_for("Question 5 of 6");
    p.signal("HUP");
    p.wait_exit(Duration::from_secs(2))
        .expect("exits on SIGHUP");
    let a = store::load(&only_file(&p.data_dir())).unwrap();
    assert_eq!(
        levels(&a),
        pairs(&[
            ("security-q1", 3),
            ("security-q2", 4),
            ("security-q3", 2),
            ("services-q1", 5)
        ])
    );
}

#[test]
fn notes_typed_are_on_disk_when_the_line_drops() {
    let mut p = run(&[
        "assess",
        "new",
        "--quick",
        "--outcome",
        "10",
        "--org",
        "Notes",
    ])
    .spawn();
    p.wait_for("Question 1 of 3");
    p.send("n");
    p.wait_for("Notes (Esc closes");
    p.send("Owner is the CIO");
    p.wait_for("Owner is the CIO");
    p.send(keys::ENTER);
    p.send("no deputy");
    p.wait_for("no deputy");
    p.signal("HUP");
    p.wait_exit(Duration::from_secs(2))
        .expect("exits on SIGHUP");
    let a = store::load(&only_file(&p.data_dir())).unwrap();
    assert_eq!(
        a.answers["security-q1"].notes,
        "Owner is the CIO\nno deputy"
    );
    assert_eq!(a.answers["security-q1"].level, None, "notes do not answer");
}

#[test]
fn new_without_org_asks_first_then_targets_skip_and_results() {
    let mut p = run(&["assess", "new", "--quick", "--outcome", "10"]).spawn();
    p.wait_for("New assessment");
    p.send("Borsetshire CC");
    p.wait_for("Borsetshire CC");
    p.send(keys::TAB);
    p.send("Ada, Ben");
    p.wait_for("Ada, Ben");
    p.send(keys::ENTER);
    p.wait_for("Question 1 of 3");
    p.send("t4");
    p.wait_for("Target: 4 Embedded");
    p.send("2");
    p.wait_for("Question 2 of 3");
    p.send("s");
    p.wait_for("Question 3 of 3");
    p.send("3");
    p.wait_for("Results");
    p.wait_for("Security & Resilience");
    p.send(keys::ESC);
    p.wait_for("End of the questions");
    p.send(keys::ESC);
    p.wait_for("Outcome areas");
    p.send("q");
    let status = p.wait_exit(Duration::from_secs(5)).expect("quits");
    assert!(status.success());
    let a = store::load(&only_file(&p.data_dir())).unwrap();
    assert_eq!(a.organisation, "Borsetshire CC");
    assert_eq!(a.people, ["Ada", "Ben"]);
    assert_eq!(a.scope.outcomes, ["security"]);
    assert!(a.completed.is_some());
    let q1 = &a.answers["security-q1"];
    assert_eq!((q1.level, q1.target), (Some(2), Some(4)));
    assert!(a.answers["security-q2"].skipped);
}

#[test]
fn a_plain_start_offers_to_resume_without_blocking_browsing() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("data/almanac/assessments");
    std::fs::create_dir_all(&dir).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tui-assessments/felpersham-2026.toml");
    std::fs::copy(&fixture, dir.join("felpersham-2026.toml")).unwrap();
    let mut p = run(&[]).home(home).spawn();
    p.wait_for("r resumes the unfinished assessment");
    // Browsing still works with the offer showing.
    p.send("j");
    p.send(keys::ENTER);
    p.wait_for("Data › Overview");
    p.send(keys::ESC);
    p.wait_for("Outcome areas");
    p.send("r");
    p.wait_for("Question 9 of 9");
    p.send("4");
    p.wait_for("All 9 questions done");
    p.send("q");
    assert!(
        p.wait_exit(Duration::from_secs(5))
            .expect("quits")
            .success()
    );
    let a = store::load(&p.data_dir().join("assessments/felpersham-2026.toml")).unwrap();
    assert_eq!(a.answers["services-q4"].level, Some(4));
    assert!(a.completed.is_some());
}
