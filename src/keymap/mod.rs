//! Keymaps: which keys trigger which [`Action`] in which [`Context`].
//!
//! A keymap is built from layers: a preset from `keymaps/` (embedded in the binary),
//! optionally a file named with `--keymap`, then the user's `keymap.toml`. Each layer
//! replaces the keys of the actions it names and leaves every other action alone, so a
//! user file only ever lists what it changes. Ctrl-C is not in any keymap: it always quits.

pub mod action;
pub mod key;

use std::collections::BTreeMap;
use std::path::Path;

use toml::de::{DeTable, DeValue};

pub use action::{Action, Context};
pub use key::{Chord, Key, chord_to_string};

use crate::content::Diagnostic;
use crate::content::diag::did_you_mean;
use crate::content::text::one_line;

/// The preset used when nothing else is chosen.
pub const DEFAULT_PRESET: &str = "default";

/// Where a binding was written, so problems point at `file:line:column`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    layer: usize,
    offset: usize,
}

#[derive(Debug, Clone)]
struct Binding {
    chord: Chord,
    at: Written,
}

/// One keymap file's text, with the path shown in diagnostics.
#[derive(Debug, Clone)]
pub struct Layer {
    pub path: String,
    pub text: String,
}

/// The effective keymap.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// The preset it started from.
    pub preset: String,
    /// Where its layers came from, base preset first (`keymaps/vim.toml`, files).
    pub sources: Vec<String>,
    bindings: BTreeMap<Action, Vec<Binding>>,
}

/// Problems found while building a keymap. Errors make `keymap check` fail; the app
/// still starts with every binding that was valid.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// What a key press means given the keys pressed before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Action(Action),
    /// The keys so far start a chord; wait for the next key.
    Pending,
    Unbound,
}

/// Names of the embedded presets.
pub fn preset_names() -> Vec<&'static str> {
    crate::embedded::KEYMAPS
        .iter()
        .map(|(rel, _)| rel.trim_end_matches(".toml"))
        .collect()
}

/// The one-line summary of a preset: its first comment line after the colon
/// (`# almanac vim keymap: the default keys plus vim habits`).
pub fn preset_summary(name: &str) -> Option<String> {
    let layer = preset_layer(name)?;
    let first = layer.text.lines().next()?.trim_start_matches('#').trim();
    Some(first.split_once(": ").map_or(first, |(_, s)| s).to_string())
}

fn preset_layer(name: &str) -> Option<Layer> {
    crate::embedded::KEYMAPS
        .iter()
        .find(|(rel, _)| rel.trim_end_matches(".toml") == name)
        .map(|(rel, text)| Layer {
            path: format!("keymaps/{rel}"),
            text: text.to_string(),
        })
}

fn read_layer(path: &Path) -> Result<Layer, Diagnostic> {
    let shown = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| Diagnostic::whole(&shown, format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        Diagnostic::at(
            &shown,
            &String::from_utf8_lossy(e.as_bytes()),
            valid,
            "not valid UTF-8",
        )
    })?;
    Ok(Layer { path: shown, text })
}

/// The preset a keymap file asks to build on (`preset = "vim"`), with the byte offset of
/// the name so an unknown preset is reported where it is written.
fn requested_preset(layer: &Layer) -> Option<(String, usize)> {
    let doc = DeTable::parse(&layer.text).ok()?;
    let value = doc.get_ref().get("preset")?;
    match value.get_ref() {
        DeValue::String(s) => Some((s.to_string(), value.span().start)),
        _ => None,
    }
}

/// The error for a preset name that is not embedded.
fn unknown_preset(name: &str) -> String {
    format!(
        "unknown preset `{}` (presets: {})",
        one_line(name),
        preset_names().join(", ")
    )
}

impl Keymap {
    /// The default preset alone (used by tests and as the fallback).
    pub fn default_preset() -> Keymap {
        Keymap::load(None, None).0
    }

    /// Builds the effective keymap. `choice` is a preset name or a keymap file path
    /// (`--keymap` or the config setting); `user_file` is the user's `keymap.toml`.
    /// A file may start from another preset with `preset = "vim"`; `--keymap` wins
    /// over the user file's choice.
    pub fn load(choice: Option<&str>, user_file: Option<&Path>) -> (Keymap, Report) {
        let mut report = Report::default();
        let mut extra = Vec::new();
        let mut preset: Option<(String, Option<usize>)> = None;
        if let Some(choice) = choice {
            if preset_layer(choice).is_some() {
                preset = Some((choice.to_string(), None));
            } else if Path::new(choice).exists() || choice.contains(['/', '.']) {
                match read_layer(Path::new(choice)) {
                    Ok(layer) => extra.push(layer),
                    Err(d) => report.errors.push(d),
                }
            } else {
                report.errors.push(Diagnostic::whole(
                    "--keymap",
                    format!(
                        "unknown keymap `{}`: use a preset ({}) or a file path",
                        one_line(choice),
                        preset_names().join(", ")
                    ),
                ));
            }
        }
        if let Some(path) = user_file.filter(|p| p.exists()) {
            match read_layer(path) {
                Ok(layer) => extra.push(layer),
                Err(d) => report.errors.push(d),
            }
        }
        Keymap::build(preset, extra, report)
    }

    /// The keymap made of one file on top of the preset it names (or the default):
    /// what `almanac keymap check FILE` validates.
    pub fn check_file(path: &Path) -> (Keymap, Report) {
        let mut report = Report::default();
        let extra = match read_layer(path) {
            Ok(layer) => vec![layer],
            Err(d) => {
                report.errors.push(d);
                Vec::new()
            }
        };
        Keymap::build(None, extra, report)
    }

    /// Puts the preset under `extra`. Without an explicit preset, the first file
    /// that names one decides.
    fn build(
        preset: Option<(String, Option<usize>)>,
        extra: Vec<Layer>,
        mut report: Report,
    ) -> (Keymap, Report) {
        let preset = preset.map(|(name, _)| name).unwrap_or_else(|| {
            let named = extra
                .iter()
                .find_map(|l| requested_preset(l).map(|(name, at)| (name, at, l)));
            match named {
                Some((name, _, _)) if preset_layer(&name).is_some() => name,
                Some((name, at, layer)) => {
                    report.errors.push(Diagnostic::at(
                        &layer.path,
                        &layer.text,
                        at,
                        unknown_preset(&name),
                    ));
                    DEFAULT_PRESET.to_string()
                }
                None => DEFAULT_PRESET.to_string(),
            }
        });
        let (preset, base) = match preset_layer(&preset) {
            Some(layer) => (preset, layer),
            None => (
                DEFAULT_PRESET.to_string(),
                preset_layer(DEFAULT_PRESET).expect("the default preset is embedded"),
            ),
        };
        let mut layers = vec![base];
        layers.extend(extra);
        let (map, r) = Keymap::from_layers(preset, &layers);
        report.errors.extend(r.errors);
        report.warnings.extend(r.warnings);
        (map, report)
    }

    /// Applies layers in order and checks the result.
    pub fn from_layers(preset: String, layers: &[Layer]) -> (Keymap, Report) {
        let mut report = Report::default();
        let mut map = Keymap {
            preset,
            sources: layers.iter().map(|l| l.path.clone()).collect(),
            bindings: BTreeMap::new(),
        };
        for (i, layer) in layers.iter().enumerate() {
            map.apply(i, layer, &mut report);
        }
        map.check_conflicts(layers, &mut report);
        for list in [&mut report.errors, &mut report.warnings] {
            list.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        }
        (map, report)
    }

    fn apply(&mut self, layer_index: usize, layer: &Layer, report: &mut Report) {
        let text = &layer.text;
        let err = |report: &mut Report, offset: usize, msg: String| {
            report
                .errors
                .push(Diagnostic::at(&layer.path, text, offset, msg));
        };
        let doc = match DeTable::parse(text) {
            Ok(doc) => doc,
            Err(e) => {
                report
                    .errors
                    .push(Diagnostic::toml_syntax(&layer.path, text, &e));
                return;
            }
        };
        for (section, value) in doc.get_ref().iter() {
            let name = section.get_ref().as_ref();
            if name == "preset" {
                if !matches!(value.get_ref(), DeValue::String(_)) {
                    err(
                        report,
                        value.span().start,
                        "`preset` must be a preset name in quotes".into(),
                    );
                }
                continue;
            }
            let Some(context) = Context::from_name(name) else {
                let names: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
                err(
                    report,
                    section.span().start,
                    format!(
                        "unknown section `{}` (sections: {}){}",
                        one_line(name),
                        names.join(", "),
                        did_you_mean(name, &names)
                    ),
                );
                continue;
            };
            let DeValue::Table(actions) = value.get_ref() else {
                err(
                    report,
                    value.span().start,
                    format!("`{name}` must be a table: [{name}]"),
                );
                continue;
            };
            for (action_name, keys) in actions.iter() {
                let aname = action_name.get_ref().as_ref();
                let at = action_name.span().start;
                let Some(action) = Action::from_name(aname) else {
                    let here: Vec<&str> = Action::ALL
                        .iter()
                        .filter(|a| a.context() == context)
                        .map(|a| a.name())
                        .collect();
                    err(
                        report,
                        at,
                        format!(
                            "unknown action `{}` in [{name}]{}",
                            one_line(aname),
                            did_you_mean(aname, &here)
                        ),
                    );
                    continue;
                };
                if action.context() != context {
                    err(
                        report,
                        at,
                        format!(
                            "action `{aname}` belongs in [{}], not [{name}]",
                            action.context().name()
                        ),
                    );
                    continue;
                }
                let DeValue::Array(list) = keys.get_ref() else {
                    err(
                        report,
                        keys.span().start,
                        format!(
                            "keys for `{aname}` must be a list, like {aname} = [\"x\", \"ctrl-x\"]"
                        ),
                    );
                    continue;
                };
                let mut chords = Vec::new();
                for k in list.iter() {
                    let offset = k.span().start;
                    let DeValue::String(s) = k.get_ref() else {
                        err(
                            report,
                            offset,
                            "a key must be a string, like \"ctrl-n\"".into(),
                        );
                        continue;
                    };
                    match Key::parse_chord(s) {
                        Err(msg) => err(report, offset, one_line(&msg)),
                        Ok(chord) if chord.iter().any(Key::is_ctrl_c) => err(
                            report,
                            offset,
                            "ctrl-c always quits; it cannot be bound or used in a chord".into(),
                        ),
                        Ok(chord) => {
                            for key in &chord {
                                if let Some(why) = key.ambiguity() {
                                    report.warnings.push(Diagnostic::at(
                                        &layer.path,
                                        text,
                                        offset,
                                        format!("`{key}` may not work: {why}"),
                                    ));
                                }
                            }
                            chords.push(Binding {
                                chord,
                                at: Written {
                                    layer: layer_index,
                                    offset,
                                },
                            });
                        }
                    }
                }
                self.bindings.insert(action, chords);
            }
        }
    }

    fn check_conflicts(&self, layers: &[Layer], report: &mut Report) {
        for context in Context::ALL {
            let mut seen: Vec<(Action, &Binding)> = Vec::new();
            for (action, bindings) in self.bindings.iter().filter(|(a, _)| a.context() == context) {
                for b in bindings {
                    for (other, ob) in &seen {
                        let (short, long) = if b.chord.len() <= ob.chord.len() {
                            (&b.chord, &ob.chord)
                        } else {
                            (&ob.chord, &b.chord)
                        };
                        if !long.starts_with(short) {
                            continue;
                        }
                        let later = if (b.at.layer, b.at.offset) > (ob.at.layer, ob.at.offset) {
                            b
                        } else {
                            *ob
                        };
                        let layer = &layers[later.at.layer];
                        let (short_action, long_action) = if b.chord.len() <= ob.chord.len() {
                            (*action, *other)
                        } else {
                            (*other, *action)
                        };
                        let (first, second) = if std::ptr::eq(later, b) {
                            (*other, *action)
                        } else {
                            (*action, *other)
                        };
                        let diagnostic = |msg: String| {
                            Diagnostic::at(&layer.path, &layer.text, later.at.offset, msg)
                        };
                        if short.len() < long.len() {
                            report.errors.push(diagnostic(format!(
                                "`{}` for `{}` can never be typed: `{}` alone is `{}` in [{}]",
                                chord_to_string(long),
                                long_action.name(),
                                chord_to_string(short),
                                short_action.name(),
                                context.name()
                            )));
                        } else if first == second {
                            report.warnings.push(diagnostic(format!(
                                "`{}` is listed twice for `{}`",
                                chord_to_string(short),
                                first.name()
                            )));
                        } else {
                            report.errors.push(diagnostic(format!(
                                "`{}` is bound to both `{}` and `{}` in [{}]",
                                chord_to_string(short),
                                first.name(),
                                second.name(),
                                context.name()
                            )));
                        }
                    }
                    seen.push((*action, b));
                }
            }
        }
    }

    /// What `pending + key` means on a screen whose active contexts are `contexts`,
    /// first context first. Among clashing bindings the most recently written wins.
    pub fn resolve(&self, contexts: &[Context], pending: &[Key], key: Key) -> Resolved {
        let mut seq: Chord = pending.to_vec();
        seq.push(key);
        for &context in contexts {
            let mut exact: Option<(Written, Action)> = None;
            let mut prefix = false;
            for (action, bindings) in self.bindings.iter().filter(|(a, _)| a.context() == context) {
                for b in bindings {
                    if b.chord == seq {
                        if exact
                            .is_none_or(|(w, _)| (b.at.layer, b.at.offset) > (w.layer, w.offset))
                        {
                            exact = Some((b.at, *action));
                        }
                    } else if b.chord.len() > seq.len() && b.chord.starts_with(&seq) {
                        prefix = true;
                    }
                }
            }
            if let Some((_, action)) = exact {
                return Resolved::Action(action);
            }
            if prefix {
                return Resolved::Pending;
            }
        }
        Resolved::Unbound
    }

    /// The chords bound to an action, as written in keymap files.
    pub fn keys_for(&self, action: Action) -> Vec<String> {
        self.bindings
            .get(&action)
            .map(|bs| bs.iter().map(|b| chord_to_string(&b.chord)).collect())
            .unwrap_or_default()
    }

    /// The first key of an action, for hints; `None` when unbound.
    pub fn first_key(&self, action: Action) -> Option<String> {
        self.keys_for(action).into_iter().next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn layer(text: &str) -> Layer {
        Layer {
            path: "user.toml".into(),
            text: text.into(),
        }
    }

    fn build(user: &str) -> (Keymap, Report) {
        let base = preset_layer(DEFAULT_PRESET).unwrap();
        Keymap::from_layers("default".into(), &[base, layer(user)])
    }

    fn k(name: &str) -> Key {
        Key::parse(name).unwrap()
    }

    #[test]
    fn every_preset_is_clean_and_binds_every_action() {
        assert!(preset_names().len() >= 3, "{:?}", preset_names());
        for name in preset_names() {
            let (map, report) = Keymap::load(Some(name), None);
            assert!(report.errors.is_empty(), "{name}: {:?}", report.errors);
            assert!(report.warnings.is_empty(), "{name}: {:?}", report.warnings);
            assert_eq!(map.preset, name);
            for a in Action::ALL {
                assert!(
                    !map.keys_for(*a).is_empty(),
                    "{name}: {} has no key",
                    a.name()
                );
            }
        }
    }

    #[test]
    fn presets_keep_their_promises() {
        let (vim, _) = Keymap::load(Some("vim"), None);
        assert_eq!(
            vim.resolve(&[Context::List], &[], k("g")),
            Resolved::Pending
        );
        assert_eq!(
            vim.resolve(&[Context::List], &[k("g")], k("g")),
            Resolved::Action(Action::Top)
        );
        assert_eq!(
            vim.resolve(&[Context::Reader, Context::Global], &[], k("ctrl-f")),
            Resolved::Action(Action::ReaderPageDown)
        );
        let (emacs, _) = Keymap::load(Some("emacs"), None);
        let list = [Context::List, Context::Global];
        for (key, action) in [
            ("ctrl-n", Action::Down),
            ("ctrl-p", Action::Up),
            ("ctrl-f", Action::Open),
            ("ctrl-b", Action::Back),
            ("ctrl-v", Action::PageDown),
            ("alt-v", Action::PageUp),
            ("ctrl-g", Action::Back),
            ("ctrl-s", Action::Search),
        ] {
            assert_eq!(
                emacs.resolve(&list, &[], k(key)),
                Resolved::Action(action),
                "{key}"
            );
        }
        assert_eq!(
            emacs.resolve(&[Context::Picker], &[], k("ctrl-g")),
            Resolved::Action(Action::PickerClose)
        );
    }

    #[test]
    fn a_file_can_start_from_another_preset() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.toml");
        std::fs::write(&path, "preset = \"emacs\"\n[global]\nquit = [\"Q\"]\n").unwrap();
        let (map, report) = Keymap::check_file(&path);
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        assert_eq!(map.preset, "emacs");
        assert_eq!(map.keys_for(Action::Quit), vec!["Q"]);
        assert!(map.keys_for(Action::Down).contains(&"ctrl-n".to_string()));
        assert_eq!(map.sources.len(), 2);
        // --keymap names the preset; the user's keymap.toml still applies on top.
        let (map, report) = Keymap::load(Some("vim"), Some(&path));
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        assert_eq!(map.preset, "vim");
        assert_eq!(map.keys_for(Action::Quit), vec!["Q"]);
    }

    #[test]
    fn unknown_preset_in_a_file_points_at_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.toml");
        std::fs::write(&path, "# mine\npreset = \"vi\"\n").unwrap();
        let (map, report) = Keymap::check_file(&path);
        assert_eq!(map.preset, "default");
        assert_eq!(report.errors.len(), 1);
        let d = &report.errors[0];
        assert_eq!((d.line, d.column), (2, 10));
        assert!(
            d.message.starts_with("unknown preset `vi`"),
            "{}",
            d.message
        );
    }

    #[test]
    fn overrides_replace_one_action_and_keep_the_rest() {
        let (map, report) = build("[list]\ndown = [\"n\"]\n");
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        assert_eq!(map.keys_for(Action::Down), vec!["n"]);
        assert!(map.keys_for(Action::Up).contains(&"k".to_string()));
        assert_eq!(
            map.resolve(&[Context::List], &[], k("n")),
            Resolved::Action(Action::Down)
        );
        assert_eq!(
            map.resolve(&[Context::List], &[], k("j")),
            Resolved::Unbound
        );
    }

    #[test]
    fn context_order_gives_precedence() {
        let map = Keymap::default_preset();
        let left = k("left");
        assert_eq!(
            map.resolve(&[Context::Wizard, Context::Global], &[], left),
            Resolved::Action(Action::PrevQuestion)
        );
        assert_eq!(
            map.resolve(&[Context::Global], &[], left),
            Resolved::Action(Action::Back)
        );
    }

    #[test]
    fn chords_wait_for_the_next_key() {
        let (map, report) = build("[list]\ntop = [\"g g\"]\n");
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        assert_eq!(
            map.resolve(&[Context::List], &[], k("g")),
            Resolved::Pending
        );
        assert_eq!(
            map.resolve(&[Context::List], &[k("g")], k("g")),
            Resolved::Action(Action::Top)
        );
        assert_eq!(
            map.resolve(&[Context::List], &[k("g")], k("x")),
            Resolved::Unbound
        );
    }

    #[test]
    fn conflicts_unknowns_and_ctrl_c_are_reported_with_positions() {
        let (_, report) =
            build("[list]\nup = [\"j\"]\nnope = [\"x\"]\n[global]\nquit = [\"ctrl-c\"]\n");
        let msgs: Vec<String> = report.errors.iter().map(|d| d.to_string()).collect();
        assert!(
            msgs.contains(
                &"user.toml:2:7: `j` is bound to both `down` and `up` in [list]".to_string()
            ),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(&"user.toml:3:1: unknown action `nope` in [list]".to_string()),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(
                &"user.toml:5:9: ctrl-c always quits; it cannot be bound or used in a chord"
                    .to_string()
            ),
            "{msgs:?}"
        );
    }

    #[test]
    fn suggestions_for_misspellings_only() {
        let names = ["global", "list", "reader", "picker"];
        assert_eq!(did_you_mean("lists", &names), "; did you mean `list`?");
        assert_eq!(did_you_mean("raeder", &names), "; did you mean `reader`?");
        assert_eq!(did_you_mean("nope", &["open"]), "");
        assert_eq!(did_you_mean("wizardry", &names), "");
        assert_eq!(did_you_mean("x", &names), "");
    }

    #[test]
    fn ambiguous_keys_warn() {
        let (_, report) = build("[global]\nhelp = [\"ctrl-h\"]\n");
        assert!(report.errors.is_empty());
        assert_eq!(report.warnings.len(), 1);
        assert!(report.warnings[0].message.contains("Backspace"));
    }

    #[test]
    fn shift_letters_match_events() {
        let map = Keymap::default_preset();
        let shifted_g = Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            map.resolve(&[Context::List], &[], shifted_g),
            Resolved::Action(Action::Bottom)
        );
    }
}
