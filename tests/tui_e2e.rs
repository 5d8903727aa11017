//! The real binary in a pseudo-terminal: navigation, the terminal's restoration, signals,
//! small sizes, remembered state, and how many bytes a keystroke costs.

mod support;

use std::time::Duration;

use almanac::content::{Almanac, ItemRef};
use support::{keys, run};

fn bundled() -> Almanac {
    Almanac::bundled().expect("bundled content loads")
}

#[test]
fn navigate_to_guidance_read_it_go_back_and_quit() {
    let a = bundled();
    let security = a.outcome_by_number(10).unwrap();
    let first = a.title(ItemRef::Guidance(security, 0)).to_string();
    let mut p = run(&[]).spawn();
    p.wait_for("Outcome areas");
    for _ in 0..9 {
        p.send("j");
    }
    p.send(keys::ENTER);
    p.wait_for("Security & Resilience › Overview");
    p.send(keys::TAB);
    p.wait_for("Security & Resilience › Guidance");
    p.send(keys::ENTER);
    p.wait_for("For technical");
    assert!(
        p.screen().contains(&first[..20.min(first.len())]),
        "{}",
        p.screen()
    );
    p.send(keys::ESC);
    p.wait_for("Security & Resilience › Guidance");
    p.send("q");
    let status = p.wait_exit(Duration::from_secs(5)).expect("quits");
    assert!(status.success());
    assert!(!p.alternate_screen(), "the alternate screen was left");
    let bytes = p.bytes();
    assert!(
        bytes.windows(8).any(|w| w == b"\x1b[?1049l"),
        "leave-alternate-screen was sent"
    );
}

#[test]
fn all_twelve_outcomes_fit_at_80x24() {
    let a = bundled();
    let p = run(&[]).spawn();
    p.wait_for("Outcome areas");
    let screen = p.screen();
    for o in &a.outcomes {
        assert!(screen.contains(&o.title), "{} missing:\n{screen}", o.title);
    }
}

#[test]
fn sighup_saves_and_exits_within_a_second() {
    let mut p = run(&[]).spawn();
    p.wait_for("Outcome areas");
    p.send("j");
    p.settle();
    p.signal("HUP");
    let status = p
        .wait_exit(Duration::from_secs(1))
        .expect("exits within a second of SIGHUP");
    assert!(!status.success());
    let state = std::fs::read_to_string(p.state_file()).expect("state saved on hang-up");
    assert!(state.contains("home:data"), "{state}");
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut p = run(&[]).spawn();
    p.wait_for("Outcome areas");
    p.signal("TERM");
    p.wait_exit(Duration::from_secs(2))
        .expect("exits on SIGTERM");
    p.wait_until("the main screen", |p| !p.alternate_screen());
}

#[test]
fn ctrl_c_quits_even_while_typing_a_filter() {
    let mut p = run(&[]).spawn();
    p.wait_for("Outcome areas");
    p.send("w");
    p.wait_for("Filter:");
    p.send("qj");
    p.wait_for("qj");
    assert!(
        p.wait_exit(Duration::from_millis(200)).is_none(),
        "q typed into the filter, not quit"
    );
    p.send(keys::CTRL_C);
    p.wait_exit(Duration::from_secs(5)).expect("ctrl-c quits");
    assert!(!p.alternate_screen());
}

#[test]
fn tiny_terminal_shows_a_clear_message_and_recovers() {
    let mut p = run(&[]).size(30, 6).spawn();
    p.wait_for("terminal too small");
    p.wait_for("need 40x10, have 30x6");
    p.send("q");
    p.wait_exit(Duration::from_secs(5)).expect("q still quits");
}

#[test]
fn remembers_where_you_were() {
    let a = bundled();
    let item = ItemRef::Guidance(0, 1);
    let title = a.title(item).to_string();
    let mut p = run(&[]).spawn();
    p.wait_for("Outcome areas");
    p.send(keys::ENTER);
    p.wait_for("› Overview");
    p.send(keys::TAB);
    p.wait_for("› Guidance");
    p.send("j");
    p.send(keys::ENTER);
    p.wait_for("For ");
    p.send("q");
    p.wait_exit(Duration::from_secs(5)).unwrap();
    let home = p.into_home();
    let p = run(&[]).home(home).spawn();
    p.wait_for(&title[..15.min(title.len())]);
}

#[test]
fn idle_writes_nothing_and_moving_the_selection_writes_little() {
    let p = run(&[]).spawn();
    p.wait_for("Outcome areas");
    p.settle();
    let before = p.byte_count();
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(p.byte_count(), before, "nothing is written while idle");
    let mut p = p;
    p.send("j");
    p.wait_until("selection to move", |p| p.byte_count() > before);
    p.settle();
    let moved = p.byte_count() - before;
    eprintln!("bytes written to move the selection at 80x24: {moved}");
    assert!(moved < 1000, "moving the selection wrote {moved} bytes");
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_resumes() {
    let mut p = support::shell().spawn();
    p.wait_for("READY$");
    p.send("\"$BIN\"\r");
    p.wait_for("Outcome areas");
    p.send("\x1a");
    p.wait_until("the shell's main screen", |p| !p.alternate_screen());
    p.wait_for("Stopped");
    p.send("fg\r");
    p.wait_until("the alternate screen again", |p| p.alternate_screen());
    p.wait_for("Outcome areas");
    p.send("q");
    p.wait_until("the shell again", |p| !p.alternate_screen());
    p.send("exit\r");
    p.wait_exit(Duration::from_secs(5)).expect("shell exits");
}

#[test]
fn works_without_colour_and_on_plain_terminals() {
    for (term, no_color) in [("vt100", "1"), ("xterm", "")] {
        let mut p = run(&[]).env("TERM", term).env("NO_COLOR", no_color).spawn();
        p.wait_for("Outcome areas");
        p.wait_for("Connectivity");
        p.send("q");
        p.wait_exit(Duration::from_secs(5)).expect("quits");
    }
}

#[test]
fn a_panic_restores_the_terminal_before_the_message() {
    let mut p = run(&[]).env("ALMANAC_TEST_PANIC", "1").spawn();
    let status = p
        .wait_exit(Duration::from_secs(5))
        .expect("exits after the panic");
    assert_eq!(status.exit_code(), 101);
    p.wait_for("test panic requested");
    assert!(
        !p.alternate_screen(),
        "the alternate screen was left before the message"
    );
}

#[test]
fn search_type_open_a_result_and_go_back() {
    let mut p = run(&[]).spawn();
    p.wait_for("Outcome areas");
    p.send("/");
    p.wait_for("Search:");
    p.send("hybrid meetings");
    p.wait_until("results", |p| {
        p.screen().contains("Democracy & Participation")
    });
    // The query line ends with the count, `matched/total`.
    let screen = p.screen();
    let query_line = screen
        .lines()
        .find(|l| l.starts_with("Search:"))
        .unwrap_or("");
    let count = query_line.split_whitespace().last().unwrap_or("");
    let (matched, total) = count.split_once('/').expect("a matched/total count");
    assert_eq!(total, bundled().item_count().to_string(), "{query_line}");
    assert!(
        matched.parse::<usize>().is_ok_and(|n| n > 0),
        "{query_line}"
    );
    p.send(keys::ENTER);
    p.wait_gone("Search:");
    p.send(keys::ESC);
    p.wait_for("Search: hybrid meetings");
    p.send(keys::ESC);
    p.wait_for("Outcome areas");
    p.send("q");
    p.wait_exit(Duration::from_secs(5)).expect("quits");
}
