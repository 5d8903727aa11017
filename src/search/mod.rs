//! Ranked search over everything in the almanac. No terminal code: the overlay and
//! `almanac search` both drive this module.
//!
//! Build an [`Index`] once from the loaded [`Almanac`], parse what was typed with
//! [`Query::parse`], and call [`Index::search`]; or keep a [`Searcher`], which
//! re-scores only the previous candidates while a query grows one keystroke at a time.
//!
//! Matching folds case and diacritics ("resume" finds "Résumé", "w" finds "ŵ").
//! Titles, tags, ids, organisations and item-specific headings are fuzzy-matched;
//! bodies are matched by words and substrings, because fuzzy matching a long text
//! matches nearly anything. Long words forgive a typo or two.

mod fold;
mod highlight;
mod index;
mod query;
mod score;
mod vocab;

use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::Finder;

use crate::content::{Almanac, ItemRef};

pub use fold::fold;
pub use highlight::{SNIPPET_WIDTH, Snippet};
pub use index::Field;
pub use query::{OutcomeFilter, Query, Scope, Term, kind_names};

use highlight::Mark;
use index::Doc;
use query::{fuzzy_allowed, typo_allowance};
use score::{Plan, Prepared, Scored};
use vocab::Vocab;

/// Below one item in this many, scoring the candidates directly beats asking the
/// vocabulary first.
const PREFILTER_SHARE: usize = 8;

/// One result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub item: ItemRef,
    /// Higher is better. Results are ordered by it after items that hold every term as
    /// typed, which come before those found by forgiving a typo.
    pub score: i32,
    /// Where the strongest term matched.
    pub field: Field,
    /// Grapheme cluster indices of `Almanac::title(item)` to highlight.
    pub title_matches: Vec<usize>,
    /// For items found (also) outside their title: a line around the first such hit.
    pub snippet: Option<Snippet>,
}

/// The results of one search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    /// The best matches, best first, at most the limit asked for.
    pub hits: Vec<Hit>,
    /// How many items match in all (the `12` of `12/340`).
    pub matched: usize,
    /// How many items the index holds (the `340`).
    pub total: usize,
    /// Why the query cannot match anything (an unknown `@kind` or `#outcome`).
    pub problems: Vec<String>,
}

/// The searchable form of an almanac. Owns its text, so it can outlive a reload.
pub struct Index {
    docs: Vec<Doc>,
    /// Number and id of each outcome, by outcome index.
    outcomes: Vec<(u32, String)>,
    vocab: Vocab,
    /// One matcher for every search: it keeps its scratch tables between calls.
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("items", &self.docs.len())
            .field("words", &self.vocab.len())
            .finish()
    }
}

impl Index {
    /// Indexes every item: outcomes, their sections and the glossary, overlays included.
    pub fn new(almanac: &Almanac) -> Index {
        let mut vocab = Vocab::default();
        let docs = index::build(almanac, &mut vocab);
        Index {
            docs,
            outcomes: almanac
                .outcomes
                .iter()
                .map(|o| (o.number, o.id.clone()))
                .collect(),
            vocab,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// Number of items indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The best `limit` matches for `query`, and how many there are.
    pub fn search(&self, query: &Query, limit: usize) -> Results {
        let (mut plan, problems) = self.plan(query);
        if !problems.is_empty() {
            return self.failed(problems);
        }
        let (_, matches) = self.run(&mut plan, None);
        self.results(&plan, matches, limit)
    }

    /// The outcome index a filter names; a unique prefix of an id is enough.
    pub fn resolve_outcome(&self, filter: &OutcomeFilter) -> Result<usize, String> {
        match filter {
            OutcomeFilter::Number(n) => self
                .outcomes
                .iter()
                .position(|(num, _)| num == n)
                .ok_or_else(|| {
                    let numbers: Vec<u32> = self.outcomes.iter().map(|(n, _)| *n).collect();
                    match (numbers.first(), numbers.last()) {
                        (Some(a), Some(b)) => {
                            format!("no outcome number {n} (outcomes are numbered {a} to {b})")
                        }
                        _ => format!("no outcome number {n}"),
                    }
                }),
            OutcomeFilter::Id(id) => {
                let id = id.to_lowercase();
                if let Some(o) = self.outcomes.iter().position(|(_, x)| *x == id) {
                    return Ok(o);
                }
                let found: Vec<usize> = (0..self.outcomes.len())
                    .filter(|&o| self.outcomes[o].1.starts_with(&id))
                    .collect();
                match found.as_slice() {
                    [o] => Ok(*o),
                    [] => Err(format!(
                        "no outcome `{id}` (outcomes: {})",
                        self.outcomes
                            .iter()
                            .map(|(_, x)| x.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                    many => Err(format!(
                        "`#{id}` could be {}",
                        many.iter()
                            .map(|&o| self.outcomes[o].1.as_str())
                            .collect::<Vec<_>>()
                            .join(" or ")
                    )),
                }
            }
        }
    }

    fn failed(&self, problems: Vec<String>) -> Results {
        Results {
            total: self.docs.len(),
            problems,
            ..Results::default()
        }
    }

    fn plan(&self, q: &Query) -> (Plan, Vec<String>) {
        let mut problems = q.problems.clone();
        let outcome = q
            .scope
            .outcome
            .as_ref()
            .map(|f| self.resolve_outcome(f).map_err(|e| problems.push(e)).ok());
        let terms: Vec<Prepared> = q
            .terms
            .iter()
            .map(|t| Prepared {
                chars: t.text.chars().count(),
                corrections: if t.exact {
                    Vec::new()
                } else {
                    let mut c = self.vocab.corrections(&t.text, typo_allowance(&t.text));
                    c.sort_by_key(|c| c.word);
                    c
                },
                fuzzy: !t.exact && fuzzy_allowed(&t.text),
                finder: Finder::new(&t.text).into_owned(),
                mask: fold::char_mask(&t.text),
                start: fold::run_start_bit(&t.text),
                text: t.text.clone(),
                direct: None,
                typo: None,
            })
            .collect();
        let fuzzy: Vec<&str> = q
            .terms
            .iter()
            .filter(|t| !t.exact)
            .map(|t| t.text.as_str())
            .collect();
        let phrase = (fuzzy.len() >= 2).then(|| Finder::new(&fuzzy.join(" ")).into_owned());
        let plan = Plan {
            terms,
            excludes: q
                .excludes
                .iter()
                .map(|x| Finder::new(x).into_owned())
                .collect(),
            kind: q.scope.kind,
            outcome,
            phrase,
        };
        (plan, problems)
    }

    /// Works out from the vocabulary which items can hold each term, as written or
    /// with a typo, so the rest are passed over without reading their text. Worth it
    /// only when many items are to be scored.
    fn prefilter(&self, plan: &mut Plan) {
        let n = self.docs.len();
        for t in &mut plan.terms {
            // A term of letters and digits only ever occurs inside one word.
            if t.text.chars().count() >= 3 && t.text.chars().all(fold::is_word_char) {
                t.direct = Some(self.vocab.docs_containing(&t.finder, n));
            }
            if !t.corrections.is_empty() {
                t.typo = Some(
                    self.vocab
                        .docs_with_any(t.corrections.iter().map(|c| c.word), n),
                );
            }
        }
    }

    /// Scores `within` (or every item): returns the candidates, which a longer query
    /// can only narrow, and the matches among them.
    fn run(&self, plan: &mut Plan, within: Option<&[u32]>) -> (Vec<u32>, Vec<Scored>) {
        if within.is_none_or(|w| w.len() * PREFILTER_SHARE >= self.docs.len()) {
            self.prefilter(plan);
        }
        let mut candidates = Vec::new();
        let mut matches = Vec::new();
        let mut visit = |d: u32| {
            if let Some(m) = score::score_doc(&self.docs[d as usize], d, plan, &self.matcher) {
                candidates.push(d);
                if let Some(s) = m {
                    matches.push(s);
                }
            }
        };
        match within {
            Some(ds) => ds.iter().copied().for_each(&mut visit),
            None => (0..self.docs.len() as u32).for_each(&mut visit),
        }
        (candidates, matches)
    }

    /// Orders the matches (terms found as typed first, then score, kind and document
    /// order) and builds the top `limit` hits with their highlights and snippets.
    fn results(&self, plan: &Plan, mut matches: Vec<Scored>, limit: usize) -> Results {
        let matched = matches.len();
        let order = |a: &Scored, b: &Scored| {
            a.loose
                .cmp(&b.loose)
                .then_with(|| b.score.cmp(&a.score))
                .then_with(|| {
                    self.docs[a.doc as usize]
                        .kind
                        .cmp(&self.docs[b.doc as usize].kind)
                })
                .then_with(|| a.doc.cmp(&b.doc))
        };
        if limit < matches.len() {
            if limit > 0 {
                matches.select_nth_unstable_by(limit - 1, order);
            }
            matches.truncate(limit);
        }
        matches.sort_unstable_by(order);
        let hits = matches.iter().map(|s| self.hit(plan, s)).collect();
        Results {
            hits,
            matched,
            total: self.docs.len(),
            problems: Vec::new(),
        }
    }

    fn hit(&self, plan: &Plan, s: &Scored) -> Hit {
        let doc = &self.docs[s.doc as usize];
        let marks: Vec<Mark> = plan
            .terms
            .iter()
            .map(|term| Mark {
                term,
                loose: !score::occurs(doc, term),
            })
            .collect();
        let title = doc.field(Field::Title).map_or("", |f| f.text.as_str());
        let title_matches = highlight::positions(title, &marks, Some(&self.matcher));
        let snippet = s.snippet.and_then(|(field, term)| {
            let f = doc.field(field)?;
            let fuzzy = field.is_short().then_some(&self.matcher);
            Some(highlight::snippet(
                &f.text,
                &f.folded,
                &marks,
                term as usize,
                fuzzy,
            ))
        });
        Hit {
            item: doc.item,
            score: s.score,
            field: s.field,
            title_matches,
            snippet,
        }
    }
}

/// What the last search left behind, for the next keystroke.
#[derive(Debug)]
struct Last {
    query: Query,
    candidates: Vec<u32>,
    matches: Vec<Scored>,
}

/// Search as you type: remembers the last query, and when the next one only narrows it
/// (a term grown or added), scores just the items that could still match.
#[derive(Debug)]
pub struct Searcher {
    index: Index,
    last: Option<Last>,
    /// Whether the last search re-scored previous candidates only (for tests and benches).
    narrowed: bool,
}

impl Searcher {
    pub fn new(index: Index) -> Searcher {
        Searcher {
            index,
            last: None,
            narrowed: false,
        }
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Searches, reusing the previous search when `query` narrows it.
    pub fn search(&mut self, query: &Query, limit: usize) -> Results {
        let (mut plan, problems) = self.index.plan(query);
        if !problems.is_empty() {
            self.last = None;
            self.narrowed = false;
            return self.index.failed(problems);
        }
        let previous = self.last.take().filter(|l| query.narrows(&l.query));
        self.narrowed = previous.is_some();
        let (candidates, matches) = match previous {
            Some(l) if l.query.terms == query.terms => (l.candidates, l.matches),
            Some(l) => self.index.run(&mut plan, Some(&l.candidates)),
            None => self.index.run(&mut plan, None),
        };
        let results = self.index.results(&plan, matches.clone(), limit);
        self.last = Some(Last {
            query: query.clone(),
            candidates,
            matches,
        });
        results
    }

    /// True when the last search only re-scored the previous candidates.
    pub fn narrowed(&self) -> bool {
        self.narrowed
    }

    /// Forgets the last query, so the next search starts afresh.
    pub fn reset(&mut self) {
        self.last = None;
    }
}

#[cfg(test)]
mod tests;
