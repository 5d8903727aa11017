//! Benchmark statistics across many assessments: median, quartiles and where one stands.
//!
//! Quartiles use linear interpolation between closest ranks, the method of Excel's
//! `QUARTILE.INC`, LibreOffice's `QUARTILE`, R's default (type 7) and numpy's default:
//! for sorted values `x[0..n]` and fraction `p`, position `h = (n - 1) * p`, result
//! `x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h])`. So a spreadsheet given the
//! same scores shows the same numbers.

use super::Assessment;
use super::score::{Results, score};
use crate::content::Almanac;

/// Summary of one set of scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quartiles {
    pub n: usize,
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

/// The value at fraction `p` (0..=1) of sorted `values`, interpolated (see the module docs).
pub fn percentile_inc(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// `None` for no values; NaNs are ignored.
pub fn quartiles(values: &[f64]) -> Option<Quartiles> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    v.sort_by(f64::total_cmp);
    Some(Quartiles {
        n: v.len(),
        min: *v.first()?,
        q1: percentile_inc(&v, 0.25)?,
        median: percentile_inc(&v, 0.5)?,
        q3: percentile_inc(&v, 0.75)?,
        max: *v.last()?,
    })
}

/// Where one score stands in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// 1 = bottom quarter (below Q1), 2 = from Q1 to the median, 3 = above the median up
    /// to Q3, 4 = top quarter (above Q3). Q1 and Q3 themselves count as middle, so a group of
    /// equal scores (or of one) puts everyone in the middle, not at the bottom.
    pub quartile: u8,
    /// 1 = highest score; equal scores share the better rank (1, 2, 2, 4).
    pub rank: usize,
    /// Size of the group.
    pub of: usize,
}

impl Standing {
    pub fn describe(&self) -> String {
        let q = match self.quartile {
            1 => "bottom quarter",
            2 => "lower middle",
            3 => "upper middle",
            _ => "top quarter",
        };
        format!("{q}, rank {} of {}", self.rank, self.of)
    }
}

/// Where `value` stands among `group` (which should include it, when it is a member).
pub fn standing(value: f64, group: &[f64]) -> Option<Standing> {
    let q = quartiles(group)?;
    let quartile = if value < q.q1 {
        1
    } else if value <= q.median {
        2
    } else if value <= q.q3 {
        3
    } else {
        4
    };
    Some(Standing {
        quartile,
        rank: 1 + group.iter().filter(|&&x| x > value).count(),
        of: q.n,
    })
}

/// One outcome across a group of assessments.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeBenchmark {
    /// Index into `almanac.outcomes`.
    pub outcome: usize,
    /// `None` when no assessment in the group scored this outcome.
    pub stats: Option<Quartiles>,
    /// The chosen assessment's score and standing, when there is one and it scored here.
    pub mine: Option<f64>,
    pub standing: Option<Standing>,
}

/// Per outcome of the almanac: quartiles of the group's scores, and where `me` stands.
/// `me` is one of `group` (its index), so it counts once in the statistics.
pub fn benchmark(
    almanac: &Almanac,
    group: &[Assessment],
    me: Option<usize>,
) -> Vec<OutcomeBenchmark> {
    let results: Vec<Results> = group.iter().map(|a| score(almanac, a)).collect();
    (0..almanac.outcomes.len())
        .map(|o| {
            let scores: Vec<f64> = results
                .iter()
                .filter_map(|r| r.outcome(o).and_then(|x| x.score))
                .collect();
            let mine = me
                .and_then(|i| results.get(i))
                .and_then(|r| r.outcome(o))
                .and_then(|x| x.score);
            OutcomeBenchmark {
                outcome: o,
                stats: quartiles(&scores),
                mine,
                standing: mine.and_then(|m| standing(m, &scores)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn quartiles_match_quartile_inc() {
        // Excel: QUARTILE.INC({1,2,3,4},1) = 1.75, 2 -> 2.5, 3 -> 3.25.
        let q = quartiles(&[4.0, 1.0, 3.0, 2.0]).unwrap();
        assert_eq!((q.n, q.min, q.max), (4, 1.0, 4.0));
        assert!(
            close(q.q1, 1.75) && close(q.median, 2.5) && close(q.q3, 3.25),
            "{q:?}"
        );
        // Odd count: {1,2,3,4,5} -> 2, 3, 4 exactly.
        let q = quartiles(&[5.0, 3.0, 1.0, 2.0, 4.0]).unwrap();
        assert_eq!((q.q1, q.median, q.q3), (2.0, 3.0, 4.0));
        // {1.5, 2, 3.5, 4, 4.5, 5}: h(Q1) = 1.25 -> 2 + 0.25 * 1.5 = 2.375;
        // median h = 2.5 -> 3.75; h(Q3) = 3.75 -> 4 + 0.75 * 0.5 = 4.375.
        let q = quartiles(&[1.5, 2.0, 3.5, 4.0, 4.5, 5.0]).unwrap();
        assert!(
            close(q.q1, 2.375) && close(q.median, 3.75) && close(q.q3, 4.375),
            "{q:?}"
        );
        let one = quartiles(&[3.0]).unwrap();
        assert_eq!((one.q1, one.median, one.q3), (3.0, 3.0, 3.0));
        assert_eq!(quartiles(&[]), None);
        assert_eq!(quartiles(&[f64::NAN, 2.0]).unwrap().n, 1);
    }

    #[test]
    fn standing_by_quartile_and_rank() {
        let group = [1.0, 2.0, 3.0, 4.0, 5.0];
        let s = |v| standing(v, &group).unwrap();
        assert_eq!(
            s(1.0),
            Standing {
                quartile: 1,
                rank: 5,
                of: 5
            }
        );
        assert_eq!(
            s(1.99),
            Standing {
                quartile: 1,
                rank: 5,
                of: 5
            }
        );
        assert_eq!(
            s(2.0),
            Standing {
                quartile: 2,
                rank: 4,
                of: 5
            }
        );
        assert_eq!(
            s(3.0),
            Standing {
                quartile: 2,
                rank: 3,
                of: 5
            }
        );
        assert_eq!(
            s(4.0),
            Standing {
                quartile: 3,
                rank: 2,
                of: 5
            }
        );
        assert_eq!(
            s(5.0),
            Standing {
                quartile: 4,
                rank: 1,
                of: 5
            }
        );
        assert_eq!(standing(2.0, &[2.0, 2.0, 3.0]).unwrap().rank, 2);
        assert_eq!(
            standing(4.0, &[4.0]).unwrap(),
            Standing {
                quartile: 2,
                rank: 1,
                of: 1
            }
        );
        assert_eq!(s(5.0).describe(), "top quarter, rank 1 of 5");
        assert_eq!(standing(1.0, &[]), None);
    }

    #[test]
    fn benchmarks_each_outcome_over_the_group() {
        use crate::assess::testutil::{assessment, fixture};
        let a = fixture();
        let make = |levels: &[(&str, u8)]| {
            let answers: Vec<_> = levels
                .iter()
                .map(|(id, l)| (*id, Some(*l), None, false))
                .collect();
            assessment(&["alpha", "beta"], true, &answers)
        };
        let group = [
            make(&[("alpha-q1", 1), ("alpha-q3", 2), ("beta-q1", 4)]), // alpha 1.5
            make(&[("alpha-q1", 3), ("beta-q1", 2)]),                  // alpha 3.0
            make(&[("alpha-q1", 4), ("alpha-q3", 5)]),                 // alpha 4.5, no beta
        ];
        let b = benchmark(&a, &group, Some(1));
        assert_eq!(b.len(), 4);
        let alpha = b[0].stats.unwrap();
        assert_eq!(
            (alpha.n, alpha.q1, alpha.median, alpha.q3),
            (3, 2.25, 3.0, 3.75)
        );
        assert_eq!(b[0].mine, Some(3.0));
        assert_eq!(
            b[0].standing,
            Some(Standing {
                quartile: 2,
                rank: 2,
                of: 3
            })
        );
        let beta = b[1].stats.unwrap();
        assert_eq!((beta.n, beta.median), (2, 3.0));
        assert_eq!(b[1].standing.unwrap().quartile, 1);
        assert_eq!((b[2].stats, b[2].mine, b[2].standing), (None, None, None));
        assert!(benchmark(&a, &group, None).iter().all(|x| x.mine.is_none()));
    }
}
