//! Self-assessment: the file format, the wizard's state, scoring, peer statistics and
//! exports. No terminal code: the TUI and the command line both drive this module.
//!
//! An assessment is one TOML file (see [`Assessment`]); [`store::Store`] owns the folder
//! they live in and writes them atomically, [`session::Session`] is the wizard's state
//! and saves on every change, [`score`] turns answers into per-outcome results.

pub mod export;
pub mod file;
pub mod score;
pub mod session;
pub mod stats;
pub mod store;
pub mod timestamp;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::content::{Almanac, Effort, ItemRef};

pub use file::SCHEMA_VERSION;
pub use score::{Arrow, OutcomeScore, Results, Trend, Weak};
pub use session::{OutcomeTick, Progress, Session, Setup};
pub use store::{Error, OpenAssessment, Store, Summary};

/// The lowest and highest level of the five-level scale.
pub const MIN_LEVEL: u8 = 1;
pub const MAX_LEVEL: u8 = 5;

/// One assessment file. Field order here is the order in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Bumped only for renames and changes of meaning; see [`file`].
    pub schema_version: u32,
    /// The content edition the questions were asked from.
    pub edition: u16,
    pub organisation: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    /// RFC 3339, UTC.
    pub started: String,
    pub updated: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<String>,
    pub scope: Scope,
    /// Keyed by question id; sorted, so saving is deterministic and diffs stay small.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Answer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan: Vec<PlanItem>,
}

impl Assessment {
    /// The organisation as shown to people, with a clear stand-in when none was given.
    pub fn organisation_label(&self) -> &str {
        if self.organisation.is_empty() {
            "(no organisation)"
        } else {
            &self.organisation
        }
    }
}

/// Which questions an assessment asks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// Outcome ids. Empty means every outcome, so a hand-written file can say "all".
    #[serde(default)]
    pub outcomes: Vec<String>,
    /// Only the `core` questions.
    #[serde(default)]
    pub quick: bool,
}

impl Scope {
    pub fn includes(&self, outcome_id: &str) -> bool {
        self.outcomes.is_empty() || self.outcomes.iter().any(|o| o == outcome_id)
    }
}

/// What was said about one question. Every field is optional so that notes or a target
/// can be recorded before (or without) a level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// 1-5, checked on load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<u8>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<String>,
    /// "We can't say": excluded from the score, but the question counts as dealt with.
    /// Never together with a level.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub skipped: bool,
}

impl Answer {
    /// Answered or deliberately skipped: the wizard need not come back to it.
    pub fn is_settled(&self) -> bool {
        self.level.is_some() || self.skipped
    }
}

/// A guidance item picked into the action plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanItem {
    /// Guidance id.
    pub guidance: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default)]
    pub done: bool,
}

/// The questions a scope asks, in framework order (outcome number, then file order).
/// Quick asks only `core` questions; an outcome in a quick scope that has no `core`
/// question asks its first question, so every chosen outcome gets a score.
pub fn questions(almanac: &Almanac, scope: &Scope) -> Vec<ItemRef> {
    let mut out = Vec::new();
    for (o, outcome) in almanac.outcomes.iter().enumerate() {
        if !scope.includes(&outcome.id) {
            continue;
        }
        let start = out.len();
        for (i, q) in outcome.questions.iter().enumerate() {
            if !scope.quick || q.core {
                out.push(ItemRef::Question(o, i));
            }
        }
        if out.len() == start && !outcome.questions.is_empty() {
            out.push(ItemRef::Question(o, 0));
        }
    }
    out
}

/// Scope outcome ids this almanac does not have (renamed or from another content set).
pub fn unknown_outcomes<'a>(almanac: &Almanac, scope: &'a Scope) -> Vec<&'a str> {
    scope
        .outcomes
        .iter()
        .filter(|id| !almanac.outcomes.iter().any(|o| &o.id == *id))
        .map(String::as_str)
        .collect()
}

/// Guidance of one outcome in the order to suggest it: lowest effort first, then the
/// order the content lists it. Deterministic, so results and exports are stable.
pub fn suggested_guidance(almanac: &Almanac, outcome: usize) -> Vec<ItemRef> {
    let Some(o) = almanac.outcomes.get(outcome) else {
        return Vec::new();
    };
    let rank = |e: Effort| match e {
        Effort::Low => 0,
        Effort::Medium => 1,
        Effort::High => 2,
    };
    let mut items: Vec<usize> = (0..o.guidance.len()).collect();
    items.sort_by_key(|&i| (rank(o.guidance[i].effort), i));
    items
        .into_iter()
        .map(|i| ItemRef::Guidance(outcome, i))
        .collect()
}

/// The level name from the almanac's scale (`"Working"`), or the number if the scale is short.
pub fn level_name(almanac: &Almanac, level: u8) -> String {
    almanac
        .meta
        .scale
        .get(usize::from(level).wrapping_sub(1))
        .map_or_else(|| level.to_string(), |s| s.name.clone())
}

/// Almanac-style id: lowercase ASCII letters, digits and hyphens.
pub(crate) fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
pub(crate) mod testutil {
    use std::path::Path;

    use super::{Answer, Assessment, SCHEMA_VERSION, Scope};
    use crate::content::{Almanac, ContentOptions};

    /// The frozen four-outcome content under tests/fixtures, so expectations do not move
    /// when the bundled almanac is edited.
    pub fn fixture() -> Almanac {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/assess-content");
        ContentOptions {
            content_dir: Some(dir),
            overlays: Vec::new(),
        }
        .load()
        .expect("fixture content loads")
    }

    /// An assessment built in code: (question id, level, target, skipped) per answer.
    pub fn assessment(
        scope: &[&str],
        quick: bool,
        answers: &[(&str, Option<u8>, Option<u8>, bool)],
    ) -> Assessment {
        Assessment {
            schema_version: SCHEMA_VERSION,
            edition: 2026,
            organisation: "X".into(),
            people: vec![],
            started: "2026-12-04T10:00:00Z".into(),
            updated: "2026-12-04T10:00:00Z".into(),
            completed: None,
            scope: Scope {
                outcomes: scope.iter().map(|s| s.to_string()).collect(),
                quick,
            },
            answers: answers
                .iter()
                .map(|(id, level, target, skipped)| {
                    (
                        id.to_string(),
                        Answer {
                            level: *level,
                            target: *target,
                            skipped: *skipped,
                            ..Answer::default()
                        },
                    )
                })
                .collect(),
            plan: vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::fixture;
    use super::*;

    fn ids(a: &Almanac, refs: &[ItemRef]) -> Vec<String> {
        refs.iter().map(|r| a.id(*r).to_string()).collect()
    }

    #[test]
    fn full_scope_asks_every_question_in_framework_order() {
        let a = fixture();
        let q = questions(&a, &Scope::default());
        assert_eq!(q.len(), 9);
        assert_eq!(ids(&a, &q[..3]), ["alpha-q1", "alpha-q2", "alpha-q3"]);
        // Scope order does not matter: framework order wins.
        let scope = Scope {
            outcomes: vec!["delta".into(), "alpha".into()],
            quick: false,
        };
        assert_eq!(
            ids(&a, &questions(&a, &scope)),
            ["alpha-q1", "alpha-q2", "alpha-q3", "delta-q1", "delta-q2"]
        );
    }

    #[test]
    fn quick_scope_asks_core_questions_and_the_first_where_none_is_core() {
        let a = fixture();
        let scope = Scope {
            outcomes: Vec::new(),
            quick: true,
        };
        assert_eq!(
            ids(&a, &questions(&a, &scope)),
            [
                "alpha-q1", "alpha-q3", "beta-q1", "gamma-q1", "delta-q1", "delta-q2"
            ]
        );
    }

    #[test]
    fn bundled_quick_assessment_of_three_outcomes_is_meeting_sized() {
        let a = Almanac::bundled().unwrap();
        let scope = Scope {
            outcomes: a.outcomes.iter().take(3).map(|o| o.id.clone()).collect(),
            quick: true,
        };
        let n = questions(&a, &scope).len();
        assert!((3..=15).contains(&n), "{n} questions");
    }

    #[test]
    fn guidance_is_suggested_lowest_effort_first_then_in_file_order() {
        let a = fixture();
        let d = a.outcome_by_number(4).unwrap();
        assert_eq!(
            ids(&a, &suggested_guidance(&a, d)),
            ["delta-g2", "delta-g3", "delta-g1"]
        );
        assert!(suggested_guidance(&a, 99).is_empty());
    }

    #[test]
    fn unknown_scope_outcomes_are_listed() {
        let a = fixture();
        let scope = Scope {
            outcomes: vec!["alpha".into(), "omega".into()],
            quick: false,
        };
        assert_eq!(unknown_outcomes(&a, &scope), ["omega"]);
        assert_eq!(level_name(&a, 3), "Working");
        assert_eq!(level_name(&a, 9), "9");
    }
}
