//! The assessment screens driven by keys, without a terminal: set-up, the wizard's one key
//! per answer, targets, skips, notes saved as typed, results, plan editing, the list,
//! comparison, export, resume, and what happens when a save fails.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use ratatui::crossterm::event::KeyEvent;

use super::*;
use crate::assess::store;
use crate::content::Almanac;
use crate::keymap::{Key, Keymap};
use crate::tui::app::{App, Effect, Screen, Section};
use crate::tui::theme::Theme;

fn app(dir: &Path) -> App {
    let almanac = Rc::new(Almanac::bundled().unwrap());
    let mut app = App::new(almanac, Keymap::default_preset(), Theme::monochrome());
    app.wizard = Wizard::new(Some(Store::new(dir)));
    refresh_home(&mut app);
    app
}

/// Presses keys by their keymap names, separated by spaces, each followed by the flush the
/// event loop does when no more keys are waiting.
fn press(app: &mut App, keys: &str) -> Effect {
    let mut last = Effect::None;
    for k in keys.split_whitespace() {
        let k = Key::parse(k).unwrap();
        last = app.on_key(KeyEvent::new(k.code, k.mods));
        flush(app);
    }
    last
}

/// Keys arriving together, as in a paste: no flush between them.
fn burst(app: &mut App, text: &str) {
    for c in text.chars() {
        let k = Key::parse(&c.to_string()).unwrap();
        app.on_key(KeyEvent::new(k.code, k.mods));
    }
}

fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        let name = match c {
            ' ' => "space".to_string(),
            '\n' => "enter".to_string(),
            c => c.to_string(),
        };
        press(app, &name);
    }
}

fn page(app: &App) -> &Page {
    match &app.screen {
        Screen::Assess(p) => p,
        other => panic!("not an assessment screen: {other:?}"),
    }
}

fn open_path(app: &App) -> PathBuf {
    app.wizard.open.as_ref().unwrap().path().to_path_buf()
}

fn on_disk(app: &App) -> Assessment {
    store::load(&open_path(app)).unwrap()
}

fn current_id(app: &App) -> String {
    let q = app.wizard.session().unwrap().current().unwrap();
    app.almanac.id(q).to_string()
}

fn status_text(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// `a` on the Security outcome, organisation typed, Enter: quick security (3 questions).
fn start_security(app: &mut App, org: &str) {
    let security = app.almanac.outcome_by_number(10).unwrap();
    app.navigate(Screen::outcome(security, Section::Overview));
    press(app, "a");
    // The organisation field has focus and may hold last time's name: clear it.
    for _ in 0..60 {
        press(app, "backspace");
    }
    typ(app, org);
    press(app, "enter");
}

#[test]
fn setup_from_an_outcome_chooses_it_and_typed_fields_are_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = app(tmp.path());
    let security = app.almanac.outcome_by_number(10).unwrap();
    app.navigate(Screen::outcome(security, Section::Guidance));
    press(&mut app, "a");
    assert!(matches!(page(&app), Page::Setup { focus: 0, .. }));
    let chosen: Vec<usize> = (0..12).filter(|i| app.wizard.setup.chosen[*i]).collect();
    assert_eq!(chosen, [security]);
    // Letters type in the field, even those bound elsewhere (q quits, a assesses).
    typ(&mut app, "Borsetshire qa");
    press(&mut app, "tab");
    typ(&mut app, "Ada, Ben , ");
    press(&mut app, "down down");
    assert!(matches!(page(&app), Page::Setup { focus: 3, .. }));
    press(&mut app, "space");
    assert!(app.wizard.setup.chosen[0], "space chose Connectivity");
    press(&mut app, "up space");
    assert!(
        !app.wizard.setup.quick,
        "space on the mode switched to full"
    );
    press(&mut app, "enter");
    assert!(matches!(page(&app), Page::Question { .. }));
    let a = on_disk(&app);
    assert_eq!(a.organisation, "Borsetshire qa");
    assert_eq!(a.people, ["Ada", "Ben"]);
    assert_eq!(a.scope.outcomes, ["connectivity", "security"]);
    assert!(!a.scope.quick);
    assert_eq!(app.wizard.session().unwrap().questions().len(), 12);
    // Back from the first question goes where `a` was pressed, not to the set-up.
    press(&mut app, "esc");
    assert!(matches!(app.screen, Screen::Outcome { .. }));
}

#[test]
fn setup_select_all_and_none_and_an_empty_scope_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = app(tmp.path());
    press(&mut app, "a");
    assert!(
        app.wizard.setup.chosen.iter().all(|c| *c),
        "from Home every outcome is chosen"
    );
    press(&mut app, "tab tab tab *");
    assert!(app.wizard.setup.chosen.iter().all(|c| !*c));
    press(&mut app, "enter");
    assert!(matches!(page(&app), Page::Setup { .. }), "nothing started");
    assert!(status_text(&app).starts_with("choose at least one outcome"));
    assert!(!tmp.path().exists() || std::fs::read_dir(tmp.path()).unwrap().count() == 0);
    press(&mut app, "*");
    press(&mut app, "enter");
    let a = on_disk(&app);
    assert!(
        a.scope.outcomes.is_empty(),
        "all outcomes are stored as all"
    );
    assert!(a.scope.quick);
    assert_eq!(app.wizard.session().unwrap().questions().len(), 36);
}

#[test]
fn one_key_per_answer_skip_revise_and_target() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = app(tmp.path());
    start_security(&mut app, "Borsetshire");
    assert_eq!(current_id(&app), "security-q1");
    press(&mut app, "3");
    assert_eq!(current_id(&app), "security-q2");
    assert_eq!(on_disk(&app).answers["security-q1"].level, Some(3));
    press(&mut app, "s");
    assert_eq!(current_id(&app), "security-q3");
    assert!(on_disk(&app).answers["security-q2"].skipped);
    // Revise: back to the skipped one and answer it.
    press(&mut app, "left");
    assert_eq!(current_id(&app), "security-q2");
    press(&mut app, "4");
    let q2 = &on_disk(&app).answers["security-q2"];
    assert_eq!((q2.level, q2.skipped), (Some(4), false));
    // Target: t then a level; t then 0 clears; t then another key changes nothing.
    press(&mut app, "t 5");
    assert_eq!(on_disk(&app).answers["security-q3"].target, Some(5));
    assert_eq!(status_text(&app), "Target: 5 Leading");
    assert_eq!(current_id(&app), "security-q3", "a target does not advance");
    press(&mut app, "t x");
    assert_eq!(on_disk(&app).answers["security-q3"].target, Some(5));
    press(&mut app, "t 0");
    assert_eq!(on_disk(&app).answers["security-q3"].target, None);
    press(&mut app, "t 2");
    // The last answer settles everything: results, and the file says completed.
    press(&mut app, "1");
    assert!(matches!(page(&app), Page::Results { .. }));
    let a = on_disk(&app);
    assert!(a.completed.is_some());
    assert_eq!(a.answers["security-q3"].target, Some(2));
    // Back shows the end page; left revises the last question.
    press(&mut app, "esc");
    assert!(matches!(page(&app), Page::Question { .. }));
    assert!(app.wizard.session().unwrap().current().is_none());
    press(&mut app, "h");
    assert_eq!(current_id(&app), "security-q3");
}

#[test]
fn at_the_end_right_goes_to_the_first_open_question() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = app(tmp.path());
    start_security(&mut app, "X");
    press(&mut app, "right 2 2");
    assert!(app.wizard.session().unwrap().current().is_none());
    assert!(
        matches!(page(&app), Page::Question { .. }),
        "one still open"
    );
    assert!(status_text(&app).contains("1 still open"));
    press(&mut app, "2");
    assert!(status_text(&app).starts_with("past the last question"));
    press(&mut app, "right");
    assert_eq!(current_id(&app), "security-q1");
}

#[test]
fn notes_are_saved_as_they_are_typed_and_keys_are_text_there() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = app(tmp.path());
    start_security(&mut app, "X");
    press(&mut app, "n");
    assert!(app.wizard.notes.is_some());
    typ(&mut app, "Owner is");
    assert_eq!(on_disk(&app).answers["security-q1"].notes, "Owner is");
    // 1-5, s, q and Enter are text in the editor, not answers or quit.
    typ(&mut app, " the CIO\nq1 s5");
    assert_eq!(
        on_disk(&app).answers["security-q1"].notes,
        "Owner is the CIO\nq1 s5"
    );
    assert_eq!(current_id(&app), "security-q1");
    press(&mut app, "esc");
    assert!(app.wizard.notes.is_none());
    assert!(
        matches!(page(&app), Page::Question { .. }),
        "Esc only closed the notes"
    );
    assert_eq!(on_disk(&app).answers["security-q1"].level, None);
    // Reopening shows them again, and the editor edits the saved text.
    press(&mut app, "n backspace esc");
    assert_eq!(
        on_disk(&app).answers["security-q1"].notes,
        "Owner is the CIO\nq1 s"
    );
}

#[test]
fn results_suggest_guidance_that_opens_and_goes_into_the_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = app(tmp.path());
    start_security(&mut app, "X");
    press(&mut app, "2 2 3");
    let Page::Results { .. } = page(&app) else {
        panic!()
    };
    let a = on_disk(&app);
    let items = suggestions(&app.almanac, &a);
    assert!(!items.is_empty());
    assert!(items.iter().all(|g| g.outcome() == Some(9)));
    // Enter reads the selected guidance; Esc comes back.
    press(&mut app, "j enter");
    assert_eq!(app.screen, Screen::reader(items[1]));
    press(&mut app, "esc");
    press(&mut app, "space");
    assert_eq!(on_disk(&app).plan[0].guidance, app.almanac.id(items[1]));
    press(&mut app, "space");
    assert!(on_disk(&app).plan.is_empty(), "space again takes it out");
    press(&mut app, "space k space");
    let plan: Vec<String> = on_disk(&app).plan.into_iter().map(|p| p.guidance).collect();
    assert_eq!(plan, [app.almanac.id(items[1]), app.almanac.id(items[0])]);
}

#[test]
fn plan_entries_are_edited_marked_done_moved_and_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = app(tmp.path());
    start_security(&mut app, "X");
    press(&mut app, "1 1 1 P");
    assert!(matches!(page(&app), Page::Plan { .. }));
    // Nothing planned: the first rows are suggestions; Enter adds one, Space another.
    press(&mut app, "enter");
    press(&mut app, "j space");
    assert_eq!(on_disk(&app).plan.len(), 2);
    // Edit the first: owner, then a bad date (refused, form kept), then a good one.
    press(&mut app, "g enter");
    assert!(app.wizard.plan_edit.is_some());
    typ(&mut app, "Ada");
    press(&mut app, "tab");
    typ(&mut app, "soon");
    press(&mut app, "enter");
    assert!(app.wizard.plan_edit.is_some(), "kept for correction");
    assert!(status_text(&app).contains("is not a date"));
    for _ in 0..4 {
        press(&mut app, "backspace");
    }
    typ(&mut app, "2027-03-31");
    press(&mut app, "enter");
    assert!(app.wizard.plan_edit.is_none());
    let first = on_disk(&app).plan[0].clone();
    assert_eq!(
        (first.owner.as_str(), first.due.as_deref()),
        ("Ada", Some("2027-03-31"))
    );
    // Esc in the form throws away what was typed.
    press(&mut app, "enter");
    typ(&mut app, " Lovelace");
    press(&mut app, "esc");
    assert_eq!(on_disk(&app).plan[0].owner, "Ada");
    press(&mut app, "space");
    assert!(on_disk(&app).plan[0].done);
    press(&mut app, "J");
    let plan = on_disk(&app).plan;
    assert_eq!(plan[1].guidance, first.guidance, "moved down");
    assert!(matches!(page(&app), Page::Plan { selected: 1, .. }));
    press(&mut app, "d");
    assert_eq!(on_disk(&app).plan.len(), 1);
    assert_ne!(on_disk(&app).plan[0].guidance, first.guidance);
}

#[test]
fn list_opens_compares_exports_and_resumes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("store");
    let mut app = app(&data);
    start_security(&mut app, "Felpersham");
    press(&mut app, "2 2 2");
    let older = open_path(&app);
    start_security(&mut app, "Felpersham");
    press(&mut app, "3");
    let newest = open_path(&app);
    // Times have one-second resolution: make the first clearly the earlier.
    Store::new(&data)
        .open(&older)
        .unwrap()
        .update(|a| a.started = "2025-11-20T09:00:00Z".into())
        .unwrap();
    press(&mut app, "A");
    assert!(matches!(page(&app), Page::List { .. }));
    assert_eq!(app.wizard.list.len(), 2);
    assert_eq!(app.wizard.list[0].path, newest);

    // Compare: mark one, then the other; the earlier is A.
    press(&mut app, "space j space");
    let Page::Compare { a, b, .. } = page(&app) else {
        panic!("{:?}", app.screen)
    };
    assert_eq!((a, b), (&older, &newest));
    assert!(app.wizard.compare.is_some());
    press(&mut app, "esc");

    // Export to a file; a second export to the same name asks before replacing.
    let out = tmp.path().join("minutes.md");
    press(&mut app, "g e");
    let prompt = app.wizard.export.as_mut().unwrap();
    assert!(prompt.field.lines()[0].ends_with(".md"));
    prompt.field = crate::tui::app::single_line(out.to_str().unwrap());
    press(&mut app, "enter");
    assert!(app.wizard.export.is_none(), "{}", status_text(&app));
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.starts_with("# "), "{written}");
    std::fs::write(&out, "keep me").unwrap();
    press(&mut app, "e");
    app.wizard.export.as_mut().unwrap().field = crate::tui::app::single_line(out.to_str().unwrap());
    press(&mut app, "enter");
    assert!(app.wizard.export.as_ref().unwrap().confirm.is_some());
    press(&mut app, "n");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    press(&mut app, "enter y");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), written);
    // Tab switches the format and follows the extension.
    press(&mut app, "e tab");
    let prompt = app.wizard.export.as_ref().unwrap();
    assert_eq!(prompt.format, crate::assess::export::Format::Csv);
    assert!(prompt.field.lines()[0].ends_with(".csv"));
    press(&mut app, "esc");
    assert!(app.wizard.export.is_none());

    // Enter opens the results; r on the list resumes the selected one.
    press(&mut app, "enter");
    assert!(matches!(page(&app), Page::Results { path, .. } if *path == newest));
    press(&mut app, "esc r");
    assert!(matches!(page(&app), Page::Question { path, .. } if *path == newest));
    assert_eq!(current_id(&app), "security-q2");
}

#[test]
fn home_offers_resume_and_shows_latest_levels() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = app(tmp.path());
    assert!(app.wizard.home.unfinished.is_none());
    assert_eq!(press(&mut app, "r"), Effect::None);
    assert!(status_text(&app).starts_with("no unfinished assessment"));
    start_security(&mut app, "X");
    press(&mut app, "4");
    let path = open_path(&app);
    press(&mut app, "esc esc");
    assert!(matches!(app.screen, Screen::Home { .. }));
    assert_eq!(app.wizard.home.unfinished.as_ref().unwrap().path, path);
    assert_eq!(app.wizard.home.levels[9], Some(4));
    assert!(app.wizard.home.levels[0].is_none());
    press(&mut app, "r");
    assert_eq!(current_id(&app), "security-q2");
}

#[test]
fn a_failed_save_keeps_the_answer_shows_why_and_does_not_advance() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = app(tmp.path());
    start_security(&mut app, "X");
    press(&mut app, "3");
    let path = open_path(&app);
    // Someone else changes the file behind our back.
    let theirs = std::fs::read_to_string(&path).unwrap() + "\n# edited elsewhere\n";
    std::fs::write(&path, &theirs).unwrap();
    press(&mut app, "4");
    assert_eq!(current_id(&app), "security-q2", "did not advance");
    assert!(app.status.as_ref().unwrap().error);
    assert!(
        status_text(&app).contains("changed on disk"),
        "{}",
        status_text(&app)
    );
    assert!(app.wizard.save_error.is_some());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "not clobbered"
    );
    let rescue = app.wizard.rescue().expect("a copy for the signal thread");
    assert_eq!(rescue.assessment.answers["security-q2"].level, Some(4));
    // S writes everything to a new file and carries on there.
    press(&mut app, "S");
    let copy = open_path(&app);
    assert_ne!(copy, path);
    assert!(app.wizard.save_error.is_none());
    assert!(matches!(page(&app), Page::Question { path, .. } if *path == copy));
    assert_eq!(
        store::load(&copy).unwrap().answers["security-q2"].level,
        Some(4)
    );
    press(&mut app, "4");
    assert_eq!(current_id(&app), "security-q3");
    assert!(app.wizard.rescue().is_none());
}

#[test]
fn a_locked_assessment_is_read_only() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = app(tmp.path());
    start_security(&mut app, "X");
    press(&mut app, "3");
    let path = open_path(&app);
    app.wizard.open = None;
    // Another holder (as another process would be) takes the lock.
    let _other = Session::resume(&Store::new(tmp.path()), &app.almanac, &path).unwrap();
    press(&mut app, "A enter");
    assert!(matches!(page(&app), Page::Results { .. }));
    assert!(matches!(app.wizard.open, Some(Open::ReadOnly { .. })));
    assert!(
        app.location().starts_with("outcome:security:"),
        "{}",
        app.location()
    );
    assert!(status_text(&app).contains("open in another almanac process"));
    press(&mut app, "space");
    assert!(status_text(&app).starts_with("read only"));
    press(&mut app, "r");
    assert!(status_text(&app).starts_with("cannot resume"));
    assert!(matches!(page(&app), Page::Results { .. }));
}

#[test]
fn a_session_from_the_command_line_opens_at_its_first_open_question() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = app(tmp.path());
    let store = Store::new(tmp.path());
    let mut s = Session::start(
        &store,
        &app.almanac,
        Setup {
            organisation: "CLI".into(),
            people: vec![],
            scope: crate::assess::Scope {
                outcomes: vec!["data".into()],
                quick: true,
            },
        },
    )
    .unwrap();
    s.answer(2).unwrap();
    begin_with(&mut app, s);
    assert_eq!(current_id(&app), "data-q3");
    assert_eq!(
        app.location(),
        "home:",
        "assessment screens are not restored"
    );
    // Leaving the wizard without history goes Home.
    press(&mut app, "esc");
    assert!(matches!(app.screen, Screen::Home { .. }));
}

#[test]
fn a_burst_of_typing_is_saved_once_and_a_signal_in_between_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = app(tmp.path());
    start_security(&mut app, "X");
    press(&mut app, "n");
    let path = open_path(&app);
    let before = std::fs::read(&path).unwrap();
    burst(&mut app, "pasted,text");
    assert_eq!(std::fs::read(&path).unwrap(), before, "not saved mid-burst");
    // What the signal thread would write at this instant: in place, with the text.
    let rescue = app.wizard.rescue().expect("pending notes are rescued");
    assert!(rescue.in_place);
    assert_eq!(
        rescue.assessment.answers["security-q1"].notes,
        "pasted,text"
    );
    // The loop's flush when the burst is over saves it, and nothing is pending after.
    flush(&mut app);
    assert_eq!(on_disk(&app).answers["security-q1"].notes, "pasted,text");
    assert!(app.wizard.rescue().is_none());
    // The rescue itself writes a loadable file in place.
    burst(&mut app, "!");
    let rescue = app.wizard.rescue().unwrap();
    assert_eq!(rescue.write().unwrap(), path);
    assert_eq!(
        store::load(&path).unwrap().answers["security-q1"].notes,
        "pasted,text!"
    );
}
