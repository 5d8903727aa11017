//! From answers to results: per-outcome scores and levels, gaps to target, the overall
//! profile, the weakest areas with guidance to read next, and the trend since last time.
//!
//! Rules (they are what the results screen and every export show):
//! - An outcome's score is the mean of its answered levels; skipped and unanswered
//!   questions are left out. No answers, no score.
//! - Its level is the score rounded half up (2.5 is level 3, 2.49 is level 2), after
//!   rounding to six decimals so a float sum like 2.4999999999 counts as 2.5.
//! - Target is the mean of the targets set on its questions; gap = target - score, only
//!   where both exist (negative means above target).
//! - The questions counted are those in scope plus any other answered question of the
//!   almanac (a hand-edited file); answers to ids the almanac lacks are listed, not scored.
//! - Overall is the mean of the outcome scores, so each outcome weighs the same however
//!   many questions it has.

use super::{Assessment, MAX_LEVEL, MIN_LEVEL, questions, suggested_guidance};
use crate::content::{Almanac, ItemRef};

/// Score changes smaller than this are shown as no change.
pub const SAME_WITHIN: f64 = 0.05;

/// How many guidance items are suggested for each weak outcome.
pub const SUGGESTIONS: usize = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeScore {
    /// Index into `almanac.outcomes`.
    pub outcome: usize,
    /// The questions counted, in framework order.
    pub questions: Vec<ItemRef>,
    pub answered: usize,
    pub skipped: usize,
    pub total: usize,
    pub score: Option<f64>,
    pub level: Option<u8>,
    pub target: Option<f64>,
    pub gap: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// Outcomes with at least one question counted, in framework order.
    pub outcomes: Vec<OutcomeScore>,
    /// Mean of the outcome scores.
    pub overall: Option<f64>,
    pub overall_level: Option<u8>,
    /// How many answers gave each level: `[level 1, ..., level 5]`.
    pub level_counts: [usize; 5],
    pub answered: usize,
    pub skipped: usize,
    pub total: usize,
    /// Answer ids this almanac does not have (a different content edition).
    pub unknown_answers: Vec<String>,
}

impl Results {
    pub fn outcome(&self, outcome: usize) -> Option<&OutcomeScore> {
        self.outcomes.iter().find(|o| o.outcome == outcome)
    }
}

/// Rounds half up to a level on the scale (see the module docs).
pub fn level_for(score: f64) -> u8 {
    let tidy = (score * 1e6).round() / 1e6;
    ((tidy + 0.5)
        .floor()
        .clamp(f64::from(MIN_LEVEL), f64::from(MAX_LEVEL))) as u8
}

fn mean(values: &[u8]) -> Option<f64> {
    (!values.is_empty())
        .then(|| values.iter().map(|&v| f64::from(v)).sum::<f64>() / values.len() as f64)
}

pub fn score(almanac: &Almanac, a: &Assessment) -> Results {
    let mut counted = questions(almanac, &a.scope);
    let mut unknown_answers = Vec::new();
    for (id, answer) in &a.answers {
        match almanac.get(id) {
            Some(r @ ItemRef::Question(..)) => {
                if answer.is_settled() && !counted.contains(&r) {
                    counted.push(r);
                }
            }
            _ => unknown_answers.push(id.clone()),
        }
    }
    counted.sort_by_key(|r| match r {
        ItemRef::Question(o, i) => (*o, *i),
        _ => (usize::MAX, 0),
    });

    let mut outcomes: Vec<OutcomeScore> = Vec::new();
    let mut level_counts = [0; 5];
    for r in counted {
        let o = r.outcome().unwrap_or(0);
        if outcomes.last().is_none_or(|x| x.outcome != o) {
            outcomes.push(OutcomeScore {
                outcome: o,
                questions: Vec::new(),
                answered: 0,
                skipped: 0,
                total: 0,
                score: None,
                level: None,
                target: None,
                gap: None,
            });
        }
        let entry = outcomes.last_mut().expect("pushed above");
        entry.questions.push(r);
        entry.total += 1;
    }
    for entry in &mut outcomes {
        let mut levels = Vec::new();
        let mut targets = Vec::new();
        for r in &entry.questions {
            let Some(ans) = a.answers.get(almanac.id(*r)) else {
                continue;
            };
            if let Some(l) = ans.level {
                levels.push(l);
                level_counts[usize::from(l - MIN_LEVEL)] += 1;
            }
            entry.skipped += usize::from(ans.skipped);
            targets.extend(ans.target);
        }
        entry.answered = levels.len();
        entry.score = mean(&levels);
        entry.level = entry.score.map(level_for);
        entry.target = mean(&targets);
        entry.gap = entry.target.zip(entry.score).map(|(t, s)| t - s);
    }
    let scores: Vec<f64> = outcomes.iter().filter_map(|o| o.score).collect();
    let overall = (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64);
    Results {
        answered: outcomes.iter().map(|o| o.answered).sum(),
        skipped: outcomes.iter().map(|o| o.skipped).sum(),
        total: outcomes.iter().map(|o| o.total).sum(),
        outcomes,
        overall,
        overall_level: overall.map(level_for),
        level_counts,
        unknown_answers,
    }
}

/// A weak outcome and the guidance to read next.
#[derive(Debug, Clone, PartialEq)]
pub struct Weak {
    pub outcome: usize,
    pub score: f64,
    pub level: u8,
    pub gap: Option<f64>,
    /// Up to [`SUGGESTIONS`] guidance items, lowest effort first.
    pub guidance: Vec<ItemRef>,
}

/// The `n` lowest-scoring outcomes: by score, then the larger gap to target, then
/// framework order. Outcomes without a score are not ranked.
pub fn weakest(almanac: &Almanac, results: &Results, n: usize) -> Vec<Weak> {
    let mut scored: Vec<&OutcomeScore> = results
        .outcomes
        .iter()
        .filter(|o| o.score.is_some())
        .collect();
    scored.sort_by(|a, b| {
        let (sa, sb) = (a.score.unwrap_or(0.0), b.score.unwrap_or(0.0));
        sa.total_cmp(&sb)
            .then_with(|| {
                b.gap
                    .unwrap_or(f64::MIN)
                    .total_cmp(&a.gap.unwrap_or(f64::MIN))
            })
            .then(a.outcome.cmp(&b.outcome))
    });
    scored
        .into_iter()
        .take(n)
        .map(|o| Weak {
            outcome: o.outcome,
            score: o.score.unwrap_or(0.0),
            level: o.level.unwrap_or(MIN_LEVEL),
            gap: o.gap,
            guidance: suggested_guidance(almanac, o.outcome)
                .into_iter()
                .take(SUGGESTIONS)
                .collect(),
        })
        .collect()
}

/// Direction of a change in score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrow {
    Up,
    Down,
    Same,
}

impl Arrow {
    /// Within [`SAME_WITHIN`] of zero is no change.
    pub fn of(delta: f64) -> Arrow {
        if delta >= SAME_WITHIN {
            Arrow::Up
        } else if delta <= -SAME_WITHIN {
            Arrow::Down
        } else {
            Arrow::Same
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Arrow::Up => "↑",
            Arrow::Down => "↓",
            Arrow::Same => "=",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Arrow::Up => "up",
            Arrow::Down => "down",
            Arrow::Same => "same",
        }
    }
}

/// One outcome compared between two assessments.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// Index into `almanac.outcomes`; `None` for the overall row.
    pub outcome: Option<usize>,
    pub before: Option<f64>,
    pub after: Option<f64>,
    /// `after - before`, where both have a score.
    pub delta: Option<f64>,
    pub arrow: Option<Arrow>,
}

fn trend_row(outcome: Option<usize>, before: Option<f64>, after: Option<f64>) -> Trend {
    let delta = before.zip(after).map(|(b, a)| a - b);
    Trend {
        outcome,
        before,
        after,
        delta,
        arrow: delta.map(Arrow::of),
    }
}

/// Per outcome present in either, in framework order, then the overall row.
pub fn trend(before: &Results, after: &Results) -> Vec<Trend> {
    let mut outcomes: Vec<usize> = before
        .outcomes
        .iter()
        .chain(&after.outcomes)
        .map(|o| o.outcome)
        .collect();
    outcomes.sort_unstable();
    outcomes.dedup();
    let mut rows: Vec<Trend> = outcomes
        .into_iter()
        .map(|o| {
            trend_row(
                Some(o),
                before.outcome(o).and_then(|x| x.score),
                after.outcome(o).and_then(|x| x.score),
            )
        })
        .collect();
    rows.push(trend_row(None, before.overall, after.overall));
    rows
}

/// Two decimals, as every table and export shows scores.
pub fn fmt2(x: f64) -> String {
    let r = round2(x);
    if r == 0.0 {
        "0.00".into()
    } else {
        format!("{r:.2}")
    }
}

/// A signed change: `+0.50`, `-1.00`, `0.00`.
pub fn fmt_delta(x: f64) -> String {
    let r = round2(x);
    if r > 0.0 { format!("+{r:.2}") } else { fmt2(r) }
}

/// Rounded to two decimals (exports carry this precision).
pub fn round2(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 { 0.0 } else { r }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::testutil::{assessment, fixture};

    #[test]
    fn rounds_half_up() {
        assert_eq!(level_for(1.0), 1);
        assert_eq!(level_for(2.49), 2);
        assert_eq!(level_for(2.5), 3);
        assert_eq!(level_for(2.4999999999), 3);
        assert_eq!(level_for(4.5), 5);
        assert_eq!(level_for(0.2), 1);
        assert_eq!(level_for(7.0), 5);
    }

    #[test]
    fn scores_by_hand() {
        let a = fixture();
        // alpha: 2, 3 answered, q3 skipped -> 2.5 (level 3).
        // beta: 1 answered (q1), q2 unanswered -> 1.0, no target.
        // gamma, delta: out of scope, nothing answered.
        let x = assessment(
            &["alpha", "beta"],
            false,
            &[
                ("alpha-q1", Some(2), Some(4), false),
                ("alpha-q2", Some(3), Some(5), false),
                ("alpha-q3", None, Some(3), true),
                ("beta-q1", Some(1), None, false),
                ("retired-q9", Some(5), None, false),
            ],
        );
        let r = score(&a, &x);
        assert_eq!(r.outcomes.len(), 2);
        let alpha = &r.outcomes[0];
        assert_eq!((alpha.answered, alpha.skipped, alpha.total), (2, 1, 3));
        assert_eq!(alpha.score, Some(2.5));
        assert_eq!(alpha.level, Some(3));
        // Targets are averaged over every question that has one, skipped or not: (4+5+3)/3.
        assert_eq!(alpha.target, Some(4.0));
        assert_eq!(alpha.gap, Some(1.5));
        let beta = &r.outcomes[1];
        assert_eq!(
            (beta.answered, beta.total, beta.score, beta.target, beta.gap),
            (1, 2, Some(1.0), None, None)
        );
        // Overall is the mean of outcome means: (2.5 + 1.0) / 2, not of the 3 answers (2.0).
        assert_eq!(r.overall, Some(1.75));
        assert_eq!(r.overall_level, Some(2));
        assert_eq!(r.level_counts, [1, 1, 1, 0, 0]);
        assert_eq!((r.answered, r.skipped, r.total), (3, 1, 5));
        assert_eq!(r.unknown_answers, ["retired-q9"]);
    }

    #[test]
    fn answered_questions_outside_the_scope_still_count() {
        let a = fixture();
        let x = assessment(
            &["alpha"],
            true,
            &[
                ("alpha-q1", Some(4), None, false),
                ("delta-q2", Some(2), None, false),
            ],
        );
        let r = score(&a, &x);
        let ids: Vec<&str> = r
            .outcomes
            .iter()
            .map(|o| a.outcomes[o.outcome].id.as_str())
            .collect();
        assert_eq!(ids, ["alpha", "delta"]);
        assert_eq!((r.outcomes[0].answered, r.outcomes[0].total), (1, 2));
        assert_eq!((r.outcomes[1].answered, r.outcomes[1].total), (1, 1));
    }

    #[test]
    fn nothing_answered_has_no_score() {
        let a = fixture();
        let r = score(&a, &assessment(&[], true, &[]));
        assert_eq!(r.total, 6);
        assert!(
            r.outcomes
                .iter()
                .all(|o| o.score.is_none() && o.level.is_none())
        );
        assert_eq!(r.overall, None);
        assert!(weakest(&a, &r, 3).is_empty());
    }

    #[test]
    fn weakest_three_with_guidance_lowest_effort_first() {
        let a = fixture();
        // alpha 3.0 (target 5, gap 2), beta 2.0, gamma 3.0 (no target), delta 4.0.
        let x = assessment(
            &[],
            false,
            &[
                ("alpha-q1", Some(3), Some(5), false),
                ("beta-q1", Some(2), None, false),
                ("gamma-q1", Some(3), None, false),
                ("delta-q1", Some(4), None, false),
            ],
        );
        let w = weakest(&a, &score(&a, &x), 3);
        let got: Vec<(&str, f64, Vec<&str>)> = w
            .iter()
            .map(|w| {
                (
                    a.outcomes[w.outcome].id.as_str(),
                    w.score,
                    w.guidance.iter().map(|g| a.id(*g)).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("beta", 2.0, vec!["beta-g1", "beta-g2"]),
                // Tie on 3.0: alpha has the larger gap to target, so it comes first.
                ("alpha", 3.0, vec!["alpha-g2", "alpha-g3", "alpha-g1"]),
                ("gamma", 3.0, vec!["gamma-g1"]),
            ]
        );
    }

    #[test]
    fn trend_per_outcome_with_tolerance() {
        let a = fixture();
        let before = score(
            &a,
            &assessment(
                &["alpha", "beta"],
                false,
                &[
                    ("alpha-q1", Some(2), None, false),
                    ("beta-q1", Some(3), None, false),
                    ("beta-q2", Some(3), None, false),
                ],
            ),
        );
        let after = score(
            &a,
            &assessment(
                &["alpha", "beta", "gamma"],
                false,
                &[
                    ("alpha-q1", Some(3), None, false),
                    ("alpha-q2", Some(4), None, false),
                    ("beta-q1", Some(2), None, false),
                    ("beta-q2", Some(4), None, false),
                    ("gamma-q1", Some(1), None, false),
                ],
            ),
        );
        let t = trend(&before, &after);
        assert_eq!(t.len(), 4);
        // alpha 2.0 -> 3.5
        assert_eq!((t[0].delta, t[0].arrow), (Some(1.5), Some(Arrow::Up)));
        // beta 3.0 -> 3.0
        assert_eq!((t[1].delta, t[1].arrow), (Some(0.0), Some(Arrow::Same)));
        // gamma new
        assert_eq!(
            (t[2].before, t[2].after, t[2].arrow),
            (None, Some(1.0), None)
        );
        // overall (2.0+3.0)/2 = 2.5 -> (3.5+3.0+1.0)/3 = 2.5
        assert_eq!(t[3].outcome, None);
        assert_eq!(t[3].arrow, Some(Arrow::Same));
        assert_eq!(Arrow::of(0.049), Arrow::Same);
        assert_eq!(Arrow::of(-0.05), Arrow::Down);
        assert_eq!(Arrow::of(0.05), Arrow::Up);
    }

    #[test]
    fn formats_two_decimals() {
        assert_eq!(fmt2(2.0 + 1.0 / 3.0), "2.33");
        assert_eq!(fmt2(-0.001), "0.00");
        assert_eq!(fmt_delta(0.5), "+0.50");
        assert_eq!(fmt_delta(-1.0), "-1.00");
        assert_eq!(fmt_delta(0.001), "0.00");
    }
}
