//! Search in the TUI: the scope the user cycles with Tab, and the live results for
//! the query being typed. The engine is `crate::search`; this only keeps its state.

use crate::content::{Almanac, Kind};
use crate::search::{Index, OutcomeFilter, Query, Results, Scope, Searcher};

/// How many results are listed; the count still reports every match.
pub const LIMIT: usize = 200;

/// What the search is limited to, cycled with Tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchScope {
    All,
    Kind(Kind),
    Outcome(usize),
}

impl SearchScope {
    pub fn label(self, a: &Almanac) -> String {
        match self {
            SearchScope::All => "everything".into(),
            SearchScope::Kind(Kind::Term) => "glossary".into(),
            SearchScope::Kind(k) => k.label().to_lowercase(),
            SearchScope::Outcome(o) => format!("{} {}", a.outcomes[o].number, a.outcomes[o].title),
        }
    }

    fn scope(self, a: &Almanac) -> Scope {
        match self {
            SearchScope::All => Scope::default(),
            SearchScope::Kind(kind) => Scope {
                kind: Some(kind),
                outcome: None,
            },
            SearchScope::Outcome(o) => Scope {
                kind: None,
                outcome: Some(OutcomeFilter::Number(a.outcomes[o].number)),
            },
        }
    }

    /// The next scope in the cycle; the outcome the user came from is offered too.
    pub fn next(self, origin: Option<usize>) -> SearchScope {
        let mut cycle = vec![
            SearchScope::All,
            SearchScope::Kind(Kind::Guidance),
            SearchScope::Kind(Kind::Challenge),
            SearchScope::Kind(Kind::CaseStudy),
            SearchScope::Kind(Kind::Term),
        ];
        if let Some(o) = origin {
            cycle.push(SearchScope::Outcome(o));
        }
        let pos = cycle.iter().position(|s| *s == self).unwrap_or(0);
        cycle[(pos + 1) % cycle.len()]
    }
}

/// The engine (built on first use, so start-up does not pay for it) and the results
/// of the current query.
#[derive(Default)]
pub struct Live {
    searcher: Option<Searcher>,
    key: Option<(String, SearchScope)>,
    pub results: Results,
}

impl Live {
    /// Runs the query if it or the scope changed since the last run.
    pub fn refresh(&mut self, a: &Almanac, query: &str, scope: SearchScope) {
        let key = (query.to_string(), scope);
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let searcher = self
            .searcher
            .get_or_insert_with(|| Searcher::new(Index::new(a)));
        let parsed = Query::parse(query).with_scope(&scope.scope(a));
        self.results = if parsed.is_empty() && parsed.problems.is_empty() {
            searcher.reset();
            Results {
                total: searcher.index().len(),
                ..Results::default()
            }
        } else {
            searcher.search(&parsed, LIMIT)
        };
        self.key = Some(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_cycle_includes_the_origin_outcome_and_wraps() {
        let mut s = SearchScope::All;
        let mut seen = vec![s];
        for _ in 0..6 {
            s = s.next(Some(3));
            seen.push(s);
        }
        assert!(seen.contains(&SearchScope::Outcome(3)));
        assert_eq!(seen.last(), Some(&SearchScope::All));
        assert_eq!(SearchScope::Kind(Kind::Term).next(None), SearchScope::All);
    }

    #[test]
    fn results_follow_query_and_scope() {
        let a = Almanac::bundled().unwrap();
        let mut live = Live::default();
        live.refresh(&a, "", SearchScope::All);
        assert!(live.results.hits.is_empty());
        assert_eq!(live.results.total, a.item_count());
        live.refresh(&a, "backup", SearchScope::All);
        assert!(!live.results.hits.is_empty());
        live.refresh(&a, "backup", SearchScope::Kind(Kind::Term));
        assert!(
            live.results
                .hits
                .iter()
                .all(|h| h.item.kind() == Kind::Term)
        );
    }
}
